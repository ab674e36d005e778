// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QStringList>
#include <QUrl>

namespace sd {

// A successful answer of the token endpoint (RFC 6749 §5.1, OpenID Connect Core §3.1.3.3).
// Holds secrets: never log it, never put it in an Error.
struct TokenResponse
{
    QByteArray accessToken;
    QByteArray refreshToken; // empty when none was issued (or, on refresh, when it did not rotate)
    QByteArray idToken; // empty when none was issued (a refresh may omit it)
    qint64 expiresIn = -1; // seconds; -1 when the provider did not say
    QStringList scope; // empty when the provider did not say (then it is the requested scope)

    // Parses the token endpoint's answer. `status` is the HTTP status (0 when nothing came back),
    // `contentType` the Content-Type header, `endpoint` names the URL in errors.
    //  - 200 with a JSON object: access_token (non-empty string) and token_type "Bearer"
    //    (case-insensitive) are required; expires_in, when present, is a positive number;
    //    refresh_token, id_token and scope are optional strings.
    //  - 400/401 with an OAuth error object (RFC 6749 §5.2): Error code = the "error" value (e.g.
    //    "invalid_grant"), message "the identity provider refused …: <error> — <description>"
    //    with the description cut to 200 characters and stripped of control characters.
    //  - 5xx, or 429: Error code "unavailable" (worth retrying).
    //  - 0 / empty body, HTML, non-JSON or wrong shape: Error code "malformed" that says what came
    //    back ("an HTML page", "an empty answer", "JSON that is not an object").
    //  - 200 with an OAuth error object and no access_token (as GitHub answers): as 400.
    //  - any other status (3xx, 403, 404 …): "malformed", naming the status.
    // No error message ever contains a token value.
    static Result<TokenResponse> parse(int status, const QByteArray& contentType, const QByteArray& body,
                                       const QUrl& endpoint);
};

} // namespace sd
