// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "auth/BearerPolicy.h"
#include "core/Result.h"

#include <QNetworkRequest>

#include <functional>

namespace sd {

class AccessTokenSource;

// The one place where the network layer gets "Authorization: Bearer": every request for a
// protected endpoint goes through authorize() before it is sent.
//  - URL not protected: the request unchanged (it never carries the token, even when signed in);
//  - protected over https, or over http to loopback or a host the user allowed: the token is
//    added, and redirects are followed only to the same origin (the header must not travel on);
//  - protected over plain http to any other host: refused with a sentence, nothing sent;
//  - protected but no token (signed out, offline past expiry): the source's sentence.
class BearerAuthenticator
{
public:
    explicit BearerAuthenticator(AccessTokenSource& tokens)
        : m_tokens(tokens)
    { }

    void setPolicy(BearerPolicy policy) { m_policy = std::move(policy); }
    const BearerPolicy& policy() const { return m_policy; }

    // `done` is called at once for unprotected URLs and refusals, else when the token is there.
    void authorize(QNetworkRequest request, std::function<void(Result<QNetworkRequest>)> done) const;

private:
    AccessTokenSource& m_tokens;
    BearerPolicy m_policy;
};

} // namespace sd
