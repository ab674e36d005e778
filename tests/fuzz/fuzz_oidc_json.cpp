// SPDX-License-Identifier: GPL-3.0-or-later
// Feeds arbitrary bytes to the two OpenID Connect JSON parsers. The first byte picks the HTTP
// status and Content-Type of a token endpoint answer; the rest is the body, also parsed as a
// discovery document. Nothing may crash; accepted metadata keeps its promises (issuer identical,
// endpoints https or loopback, S256 when methods are listed); no error message carries the
// access or refresh token, control characters, or more than a line's worth of text.
#include "auth/ProviderMetadata.h"
#include "auth/TokenResponse.h"

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace {

void require(bool condition, const char* what)
{
    if (!condition) {
        std::fprintf(stderr, "fuzz_oidc_json: %s\n", what);
        std::abort();
    }
}

void requireSentence(const sd::Error& error)
{
    const QString& message = error.message();
    require(!message.isEmpty(), "an error without a message");
    require(!error.code().isEmpty(), "an error without a code");
    require(message.size() < 1200, "an error message longer than a sentence");
    for (const QChar c : message) {
        require(c.category() != QChar::Other_Control && c.category() != QChar::Other_Format,
                "control or format character in an error message");
    }
}

bool secureOrLoopback(const QUrl& url)
{
    return url.isEmpty() || url.scheme() == QLatin1String("https") || sd::ProviderMetadata::isLoopback(url);
}

constexpr int kStatuses[] = {200, 200, 200, 200, 400, 400, 401, 0, 429, 500, 502, 503, 302, 403, 404, 201};
constexpr const char* kContentTypes[] = {"application/json", "application/json; charset=utf-8", "text/html", ""};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size == 0)
        return 0;
    const int status = kStatuses[data[0] & 0x0f];
    const QByteArray contentType = kContentTypes[(data[0] >> 4) & 0x03];
    const QByteArray body(reinterpret_cast<const char*>(data + 1), qsizetype(size - 1));

    const QUrl endpoint(QStringLiteral("https://sso.example.org/token"));
    const auto token = sd::TokenResponse::parse(status, contentType, body, endpoint);
    if (token.ok()) {
        require(status == 200, "a token accepted from a status other than 200");
        require(!token->accessToken.isEmpty(), "a token response without an access token");
        require(token->expiresIn == -1 || token->expiresIn > 0, "a non-positive expires_in accepted");
    } else {
        requireSentence(token.error());
        // A provider may echo anything in its own error fields; apart from that, no token appears.
        const QJsonObject object = QJsonDocument::fromJson(body).object();
        const QString echoed = object.value(QLatin1String("error")).toString()
            + object.value(QLatin1String("error_description")).toString()
            + object.value(QLatin1String("token_type")).toString();
        for (const char* member : {"access_token", "refresh_token", "id_token"}) {
            const QString secret = object.value(QLatin1String(member)).toString();
            if (secret.size() >= 8 && !echoed.contains(secret))
                require(!token.error().message().contains(secret), "a token value in an error message");
        }
    }

    const QUrl issuer(QStringLiteral("https://sso.example.org/realms/ops"));
    const auto metadata
        = sd::ProviderMetadata::parse(body, issuer, QUrl(QStringLiteral("https://sso.example.org/.well-known/x")));
    if (metadata.ok()) {
        require(metadata->issuer.toString() == issuer.toString(), "metadata for another issuer accepted");
        for (const QUrl& url : {metadata->authorizationEndpoint, metadata->tokenEndpoint, metadata->jwksUri}) {
            require(url.isValid() && !url.isRelative(), "a required endpoint missing or relative");
            require(secureOrLoopback(url), "a plain http endpoint to another host accepted");
        }
        for (const QUrl& url :
             {metadata->userinfoEndpoint, metadata->revocationEndpoint, metadata->endSessionEndpoint}) {
            require(secureOrLoopback(url), "a plain http optional endpoint to another host accepted");
        }
        require(metadata->codeChallengeMethods.isEmpty()
                    || metadata->codeChallengeMethods.contains(QLatin1String("S256")),
                "methods without S256 accepted");
    } else {
        requireSentence(metadata.error());
    }
    return 0;
}
