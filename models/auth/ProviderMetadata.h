// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QStringList>
#include <QUrl>

namespace sd {

// What an OpenID provider says about itself at <issuer>/.well-known/openid-configuration
// (OpenID Connect Discovery 1.0 §3, RFC 8414). Only the fields Stationdeck uses.
struct ProviderMetadata
{
    QUrl issuer;
    QUrl authorizationEndpoint;
    QUrl tokenEndpoint;
    QUrl jwksUri;
    QUrl userinfoEndpoint; // optional
    QUrl revocationEndpoint; // optional (RFC 7009)
    QUrl endSessionEndpoint; // optional (RP-Initiated Logout)
    QStringList codeChallengeMethods; // empty when the provider does not say

    // The discovery document's URL for an issuer: the issuer with "/.well-known/openid-configuration"
    // appended to its path (a trailing slash is not doubled).
    static QUrl discoveryUrl(const QUrl& issuer);

    // Parses and checks a discovery document fetched from `source`:
    //  - a JSON object whose "issuer" is exactly `expectedIssuer` (string comparison, as the
    //    specification demands; the error names both values);
    //  - authorization_endpoint, token_endpoint and jwks_uri present and absolute;
    //  - every endpoint https, or http only to a loopback host (127.0.0.0/8, ::1, localhost);
    //  - when code_challenge_methods_supported is given it must contain S256.
    // Errors name `source` and the offending field. Error codes: "issuer_mismatch",
    // "insecure_endpoint" (plain http to another host), "pkce_unsupported", and "malformed" for
    // the rest (not JSON, not an object, larger than 1 MB, an HTML page, a missing or invalid field).
    static Result<ProviderMetadata> parse(const QByteArray& json, const QUrl& expectedIssuer, const QUrl& source);

    // True for http(s) URLs to 127.0.0.0/8, ::1 or "localhost".
    static bool isLoopback(const QUrl& url);
};

} // namespace sd
