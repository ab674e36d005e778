// SPDX-License-Identifier: GPL-3.0-or-later
#include "auth/AccessTokenSource.h"
#include "auth/BearerAuthenticator.h"

#include <QTest>

#include <optional>

using namespace sd;

namespace {

// Stands in for the Session here: what is tested is which requests get the token, not where
// the token comes from (tst_session_lab covers that against the real provider).
class CountingTokens final : public AccessTokenSource
{
public:
    void accessToken(std::function<void(Result<QByteArray>)> done) override
    {
        ++calls;
        if (signedIn)
            done(QByteArray("tok-123"));
        else
            done(Error(QStringLiteral("not signed in: sign in to reach protected endpoints"),
                       QStringLiteral("signed_out")));
    }
    int calls = 0;
    bool signedIn = true;
};

} // namespace

class TestBearerAuthenticator : public QObject
{
    Q_OBJECT

    static Result<QNetworkRequest> authorize(const BearerAuthenticator& auth, const QNetworkRequest& request)
    {
        std::optional<Result<QNetworkRequest>> out;
        auth.authorize(request, [&](Result<QNetworkRequest> r) { out = std::move(r); });
        if (!out)
            return Error(QStringLiteral("no answer"));
        return *out;
    }

    static BearerPolicy policy()
    {
        auto created = BearerPolicy::create(
            {QStringLiteral("https://prom.example.net/api/"), QStringLiteral("*.sites.example.net")},
            {QStringLiteral("vpn-prom.sites.example.net")});
        return created ? created.value() : BearerPolicy();
    }

private Q_SLOTS:
    void decisions_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("outcome"); // "token", "none" or a piece of the refusal
        QTest::newRow("protected prefix") << "https://prom.example.net/api/v1/query"
                                          << "token";
        QTest::newRow("same host, other path") << "https://prom.example.net/metrics"
                                               << "none";
        QTest::newRow("other host") << "https://evil.example.com/api/"
                                    << "none";
        QTest::newRow("wildcard https") << "https://kathmandu.sites.example.net:9100/metrics"
                                        << "token";
        QTest::newRow("wildcard plain http") << "http://kathmandu.sites.example.net:9100/metrics"
                                             << "over plain HTTP";
        QTest::newRow("allowed plain http") << "http://vpn-prom.sites.example.net/api"
                                            << "token";
        QTest::newRow("lookalike") << "https://sites.example.net.evil.com/"
                                   << "none";
    }

    void decisions()
    {
        QFETCH(QString, url);
        QFETCH(QString, outcome);
        CountingTokens tokens;
        BearerAuthenticator auth(tokens);
        auth.setPolicy(policy());
        QNetworkRequest request{QUrl(url)};
        const Result<QNetworkRequest> out = authorize(auth, request);
        if (outcome == QLatin1String("token")) {
            QVERIFY(out);
            QCOMPARE(out->rawHeader("Authorization"), QByteArray("Bearer tok-123"));
            QCOMPARE(out->attribute(QNetworkRequest::RedirectPolicyAttribute).toInt(),
                     int(QNetworkRequest::SameOriginRedirectPolicy));
            QCOMPARE(tokens.calls, 1);
        } else if (outcome == QLatin1String("none")) {
            QVERIFY(out);
            QVERIFY(!out->hasRawHeader("Authorization"));
            QCOMPARE(tokens.calls, 0); // not even asked
        } else {
            QVERIFY(!out);
            QVERIFY2(out.error().message().contains(outcome), qPrintable(out.error().message()));
            QVERIFY(!out.error().message().contains(QLatin1String("/metrics"))); // no path in the sentence
            QCOMPARE(tokens.calls, 0);
        }
    }

    void aCallersOwnAuthorizationHeaderIsDropped()
    {
        CountingTokens tokens;
        BearerAuthenticator auth(tokens);
        auth.setPolicy(policy());
        QNetworkRequest request{QUrl(QStringLiteral("https://elsewhere.example.com/"))};
        request.setRawHeader("Authorization", "Bearer leaked");
        const Result<QNetworkRequest> out = authorize(auth, request);
        QVERIFY(out);
        QVERIFY(!out->hasRawHeader("Authorization"));
    }

    void signedOutSaysWhichEndpointNeedsTheSignIn()
    {
        CountingTokens tokens;
        tokens.signedIn = false;
        BearerAuthenticator auth(tokens);
        auth.setPolicy(policy());
        const Result<QNetworkRequest> out
            = authorize(auth, QNetworkRequest(QUrl(QStringLiteral("https://prom.example.net/api/v1/query?q=up"))));
        QVERIFY(!out);
        QCOMPARE(out.error().sentence(), QStringLiteral("Sign in to reach https://prom.example.net."));
        QCOMPARE(out.error().code(), QStringLiteral("signed_out"));
    }

    void noPolicyNoToken()
    {
        CountingTokens tokens;
        BearerAuthenticator auth(tokens);
        const Result<QNetworkRequest> out
            = authorize(auth, QNetworkRequest(QUrl(QStringLiteral("https://prom.example.net/api/v1/query"))));
        QVERIFY(out);
        QVERIFY(!out->hasRawHeader("Authorization"));
        QCOMPARE(tokens.calls, 0);
    }
};

QTEST_GUILESS_MAIN(TestBearerAuthenticator)
#include "tst_bearerauthenticator.moc"
