// SPDX-License-Identifier: GPL-3.0-or-later
#include "auth/Pkce.h"

#include "auth/Base64Url.h"

#include <QCryptographicHash>
#include <QRandomGenerator>

namespace sd {

QByteArray Pkce::randomToken(int bytes)
{
    // QRandomGenerator::system() reads the operating system's CSPRNG (getrandom on Linux).
    QByteArray raw;
    raw.reserve(bytes);
    while (raw.size() < bytes) {
        const quint32 word = QRandomGenerator::system()->generate();
        for (int shift = 0; shift < 32 && raw.size() < bytes; shift += 8)
            raw.append(char((word >> shift) & 0xff));
    }
    return Base64Url::encode(raw);
}

QByteArray Pkce::challengeFor(const QByteArray& verifier)
{
    return Base64Url::encode(QCryptographicHash::hash(verifier, QCryptographicHash::Sha256));
}

Pkce Pkce::generate()
{
    Pkce pkce;
    pkce.m_verifier = randomToken(32); // 43 characters, within RFC 7636's 43..128
    pkce.m_challenge = challengeFor(pkce.m_verifier);
    return pkce;
}

} // namespace sd
