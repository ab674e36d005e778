// SPDX-License-Identifier: GPL-3.0-or-later
#include "auth/BearerAuthenticator.h"

#include "auth/AccessTokenSource.h"

namespace sd {

void BearerAuthenticator::authorize(QNetworkRequest request, std::function<void(Result<QNetworkRequest>)> done) const
{
    // Whatever the caller put there: only this class decides who gets credentials.
    request.setRawHeader("Authorization", QByteArray());
    switch (m_policy.decide(request.url())) {
    case BearerPolicy::Decision::NoToken:
        return done(request);
    case BearerPolicy::Decision::RefuseInsecure:
        return done(Error(BearerPolicy::refusal(request.url()), QStringLiteral("insecure")));
    case BearerPolicy::Decision::Attach:
        break;
    }
    const QUrl url = request.url();
    m_tokens.accessToken([request, url, done = std::move(done)](Result<QByteArray> token) mutable {
        if (!token) {
            const QString where = url.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemovePath | QUrl::RemoveQuery);
            if (token.error().code() == QLatin1String("signed_out"))
                return done(Error(QStringLiteral("sign in to reach %1").arg(where), token.error().code()));
            return done(Error(QStringLiteral("no sign-in token for %1: %2").arg(where, token.error().message()),
                              token.error().code()));
        }
        request.setRawHeader("Authorization", "Bearer " + token.value());
        request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::SameOriginRedirectPolicy);
        done(request);
    });
}

} // namespace sd
