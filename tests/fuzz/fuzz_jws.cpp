// SPDX-License-Identifier: GPL-3.0-or-later
// Feeds arbitrary bytes to the id_token path: the text before the first newline is the token,
// the rest the provider's JWKS. Nothing may crash, and nothing unsigned may ever verify.
#include "auth/CompactJws.h"
#include "auth/IdTokenVerifier.h"
#include "auth/JsonWebKeySet.h"

#include <QByteArray>
#include <QDateTime>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArray input(reinterpret_cast<const char*>(data), qsizetype(size));
    const qsizetype newline = input.indexOf('\n');
    const QByteArray token = newline < 0 ? input : input.left(newline);
    const QByteArray jwks = newline < 0 ? QByteArray() : input.mid(newline + 1);
    const auto jws = sd::CompactJws::parse(token);
    const auto keys = sd::JsonWebKeySet::fromJson(jwks);
    if (!jws || !keys)
        return 0;
    const auto verified = sd::IdTokenVerifier::verify(
        *jws, *keys, {QStringLiteral("https://issuer"), QStringLiteral("client"), QString(), 60},
        QDateTime::fromSecsSinceEpoch(1'800'000'000).toUTC());
    // Without the private key no input can carry a valid signature over its own bytes: any
    // acceptance means the verifier skipped the signature.
    if (verified.ok()) {
        std::fprintf(stderr, "fuzz_jws: an id_token verified without a genuine signature\n");
        std::abort();
    }
    return 0;
}
