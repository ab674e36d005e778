// SPDX-License-Identifier: GPL-3.0-or-later
// The sign-in end to end against a real OpenID provider (npm oidc-provider, tests/lab/oidc) and
// the real keychain (gnome-keyring under dbus-run-session): test_signin.sh starts both and passes
// the issuer in STATIONDECK_TEST_ISSUER and the lab's folder in STATIONDECK_TEST_LAB. The browser
// step is tests/lab/oidc/browser.mjs, a scripted browser with a cookie jar.
#include "auth/OidcClient.h"
#include "auth/Session.h"
#include "auth/TokenStore.h"
#include "core/Clock.h"

#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

#include <memory>
#include <optional>

using namespace sd;

namespace {

QStringList g_log; // every message logged while the tests run

void captureMessages(QtMsgType, const QMessageLogContext&, const QString& message)
{
    g_log.append(message);
}

} // namespace

class TestSessionLab : public QObject
{
    Q_OBJECT

    // One app instance: its own network, provider client, keychain store and session.
    struct App
    {
        App(const AuthConfig& config, const Clock& clock)
            : client(network)
            , session(client, store, clock)
        {
            store.setService(QStringLiteral("Stationdeck-test"));
            session.setConfig(config);
            session.setRetryDelaysMs(200, 800);
        }
        QNetworkAccessManager network;
        OidcClient client;
        TokenStore store;
        Session session;
    };

    QString m_issuer = qEnvironmentVariable("STATIONDECK_TEST_ISSUER");
    QString m_lab = qEnvironmentVariable("STATIONDECK_TEST_LAB");
    std::unique_ptr<ManualClock> m_clock;
    QString m_browserUser = QStringLiteral("alice");
    QStringList m_browserArgs;
    QNetworkAccessManager m_labNetwork;

    AuthConfig config(const QString& clientId = QStringLiteral("stationdeck")) const
    {
        AuthConfig c;
        c.issuer = QUrl(m_issuer);
        c.clientId = clientId;
        c.scopes = {QStringLiteral("openid"), QStringLiteral("profile"), QStringLiteral("email"),
                    QStringLiteral("offline_access")};
        c.timeoutSecs = 30;
        return c;
    }

    // The browser: follows the authorization URL, signs in, consents, delivers the redirect.
    void connectBrowser(Session& session)
    {
        connect(&session, &Session::browserNeeded, this, [this](const QUrl& url) {
            auto* browser = new QProcess(this);
            browser->setProcessChannelMode(QProcess::ForwardedErrorChannel);
            connect(browser, &QProcess::finished, browser, &QObject::deleteLater);
            browser->start(QStringLiteral("node"),
                           QStringList{m_lab + QStringLiteral("/browser.mjs"), url.toString(QUrl::FullyEncoded),
                                       QStringLiteral("--user"), m_browserUser}
                               + m_browserArgs);
        });
    }

    Result<void> signIn(App& app)
    {
        std::optional<Result<void>> outcome;
        connect(&app.session, &Session::signInFinished, this, [&](const Result<void>& r) { outcome = r; });
        connectBrowser(app.session);
        app.session.signIn();
        if (!QTest::qWaitFor([&] { return outcome.has_value(); }, 60000))
            return Error(QStringLiteral("no answer within 60 s"));
        // Let the keychain write finish before anyone reads it.
        if (!QTest::qWaitFor([&] { return !app.session.isKeychainBusy(); }, 10000))
            return Error(QStringLiteral("the keychain did not answer within 10 s"));
        app.session.disconnect(this);
        return *outcome;
    }

    Result<void> restore(App& app)
    {
        std::optional<Result<void>> outcome;
        connect(&app.session, &Session::restoreFinished, this, [&](const Result<void>& r) { outcome = r; });
        app.session.restore();
        if (!QTest::qWaitFor([&] { return outcome.has_value(); }, 30000))
            return Error(QStringLiteral("no answer within 30 s"));
        if (!QTest::qWaitFor([&] { return !app.session.isKeychainBusy(); }, 10000))
            return Error(QStringLiteral("the keychain did not answer within 10 s"));
        app.session.disconnect(this);
        return *outcome;
    }

    Result<QByteArray> token(App& app)
    {
        std::optional<Result<QByteArray>> outcome;
        app.session.accessToken([&](Result<QByteArray> r) { outcome = std::move(r); });
        if (!QTest::qWaitFor([&] { return outcome.has_value(); }, 30000))
            return Error(QStringLiteral("no answer within 30 s"));
        return *outcome;
    }

    std::optional<QByteArray> stored(App& app)
    {
        std::optional<Result<std::optional<QByteArray>>> outcome;
        app.store.read(TokenStore::entryKey(QUrl(m_issuer), app.session.config().clientId),
                       [&](Result<std::optional<QByteArray>> r) { outcome = std::move(r); });
        if (!QTest::qWaitFor([&] { return outcome.has_value(); }, 10000) || !outcome->ok())
            return std::nullopt;
        return outcome->value();
    }

    QByteArray lab(const QByteArray& method, const QString& path, const QByteArray& body = {})
    {
        QNetworkRequest request(QUrl(m_issuer + path));
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("text/plain"));
        QNetworkReply* reply = method == "POST" ? m_labNetwork.post(request, body) : m_labNetwork.get(request);
        if (!QTest::qWaitFor([&] { return reply->isFinished(); }, 10000))
            qWarning("the lab did not answer within 10 s");
        const QByteArray answer = reply->readAll();
        reply->deleteLater();
        return answer;
    }

    int labCount(const QString& grant)
    {
        const QJsonObject stats = QJsonDocument::fromJson(lab("GET", QStringLiteral("/__lab/stats"))).object();
        return stats.value(QStringLiteral("token_requests")).toObject().value(grant).toInt();
    }

    QString failureOf(App& app)
    {
        const Result<void> outcome = signIn(app);
        return outcome ? QString() : outcome.error().sentence();
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (m_issuer.isEmpty() || m_lab.isEmpty())
            QSKIP("run through tests/integration/test_signin.sh, which starts the OIDC lab and the keychain");
        qInstallMessageHandler(captureMessages);
        QLoggingCategory::setFilterRules(QStringLiteral("stationdeck.*=true"));
    }

    void init()
    {
        m_clock = std::make_unique<ManualClock>(QDateTime::currentDateTimeUtc());
        m_browserUser = QStringLiteral("alice");
        m_browserArgs.clear();
        lab("POST", QStringLiteral("/__lab/token-mode"), "normal");
    }

    void signInRestoreAndSignOut()
    {
        QByteArray firstRefresh;
        {
            App app(config(), *m_clock);
            const Result<void> ok = signIn(app);
            QVERIFY2(ok, qPrintable(ok ? QString() : ok.error().sentence()));
            QCOMPARE(app.session.state(), Session::State::SignedIn);
            QCOMPARE(app.session.identity().subject, QStringLiteral("alice"));
            QCOMPARE(app.session.identity().name, QStringLiteral("Alice Operator"));
            QCOMPARE(app.session.identity().email, QStringLiteral("alice@example.test"));
            QCOMPARE(roleNames(app.session.identity().roles),
                     (QStringList{QStringLiteral("viewer"), QStringLiteral("operator"), QStringLiteral("approver")}));
            QVERIFY(app.session.accessExpiresAt() > m_clock->now());
            const std::optional<QByteArray> kept = stored(app);
            QVERIFY2(kept && !kept->isEmpty(), "the refresh token is in the keychain");
            firstRefresh = *kept;
        }
        // A restart: new objects, no browser.
        App app(config(), *m_clock);
        const int refreshesBefore = labCount(QStringLiteral("refresh_token"));
        const Result<void> restored = restore(app);
        QVERIFY2(restored, qPrintable(restored ? QString() : restored.error().sentence()));
        QCOMPARE(app.session.state(), Session::State::SignedIn);
        QCOMPARE(app.session.identity().name, QStringLiteral("Alice Operator"));
        QVERIFY(app.session.identity().roles.testFlag(Role::Approver));
        QCOMPARE(labCount(QStringLiteral("refresh_token")), refreshesBefore + 1);
        // The provider rotated the refresh token; the keychain holds the new one.
        const std::optional<QByteArray> rotated = stored(app);
        QVERIFY(rotated && !rotated->isEmpty());
        QVERIFY(*rotated != firstRefresh);

        // Sign-out revokes, deletes the entry and offers the provider's end-session page.
        const int revocationsBefore = QJsonDocument::fromJson(lab("GET", QStringLiteral("/__lab/stats")))
                                          .object()
                                          .value(QStringLiteral("revocations"))
                                          .toInt();
        std::optional<QUrl> endSession;
        connect(&app.session, &Session::signedOut, this, [&](const QUrl& url, const QString&) { endSession = url; });
        app.session.signOut();
        QVERIFY(QTest::qWaitFor([&] { return endSession.has_value(); }, 20000));
        QVERIFY(QTest::qWaitFor([&] { return !app.session.isKeychainBusy(); }, 10000));
        QCOMPARE(app.session.state(), Session::State::SignedOut);
        QVERIFY(endSession->toString().contains(QLatin1String("/session/end")));
        QCOMPARE(QJsonDocument::fromJson(lab("GET", QStringLiteral("/__lab/stats")))
                     .object()
                     .value(QStringLiteral("revocations"))
                     .toInt(),
                 revocationsBefore + 1);
        QVERIFY(!stored(app).has_value());
        // And the revoked sign-in cannot be restored.
        App after(config(), *m_clock);
        QVERIFY(!restore(after));
        QCOMPARE(after.session.state(), Session::State::SignedOut);
    }

    void tenConcurrentRequestsMakeOneRefresh()
    {
        App app(config(), *m_clock);
        QVERIFY(signIn(app));
        m_clock->advanceSecs(100); // 20 s left of 120: too little to hand out
        const int before = labCount(QStringLiteral("refresh_token"));
        QList<std::optional<Result<QByteArray>>> outcomes(10);
        for (int i = 0; i < 10; ++i)
            app.session.accessToken([&outcomes, i](Result<QByteArray> r) { outcomes[i] = std::move(r); });
        QVERIFY(QTest::qWaitFor(
            [&] {
                return std::all_of(outcomes.cbegin(), outcomes.cend(), [](const auto& o) { return o.has_value(); });
            },
            30000));
        for (const auto& outcome : outcomes) {
            QVERIFY2(outcome->ok(), qPrintable(outcome->ok() ? QString() : outcome->error().sentence()));
            QCOMPARE(outcome->value(), outcomes.first()->value());
        }
        QCOMPARE(labCount(QStringLiteral("refresh_token")), before + 1);
        app.session.signOut();
        QVERIFY(QTest::qWaitFor(
            [&] { return app.session.state() == Session::State::SignedOut && !app.session.isKeychainBusy(); }, 10000));
    }

    void offlineThenRecovery()
    {
        App app(config(), *m_clock);
        QVERIFY(signIn(app));
        lab("POST", QStringLiteral("/__lab/token-mode"), "drop");
        // Still fresh: the token is handed out without asking the provider.
        QVERIFY(token(app));
        m_clock->advanceSecs(100);
        const Result<QByteArray> offline = token(app);
        QVERIFY(!offline);
        QCOMPARE(offline.error().code(), QStringLiteral("network"));
        QCOMPARE(app.session.state(), Session::State::Offline);
        QVERIFY2(app.session.statusText().startsWith(QLatin1String("Offline")), qPrintable(app.session.statusText()));
        QVERIFY(app.session.isSignedIn()); // the session is kept
        QVERIFY(stored(app).has_value());
        lab("POST", QStringLiteral("/__lab/token-mode"), "normal");
        // The retry (backoff 200 ms, 400 ms, …) brings it back without anyone asking.
        QVERIFY(QTest::qWaitFor([&] { return app.session.state() == Session::State::SignedIn; }, 20000));
        QVERIFY(token(app));
        app.session.signOut();
        QVERIFY(QTest::qWaitFor(
            [&] { return app.session.state() == Session::State::SignedOut && !app.session.isKeychainBusy(); }, 10000));
    }

    void invalidGrantSignsOut()
    {
        App app(config(), *m_clock);
        QVERIFY(signIn(app));
        // Someone revokes the sign-in at the provider (an admin, or a sign-out elsewhere).
        const std::optional<QByteArray> refresh = stored(app);
        QVERIFY(refresh.has_value());
        App other(config(), *m_clock);
        std::optional<Result<bool>> revoked;
        other.client.revoke(*refresh, "refresh_token", [&](Result<bool> r) { revoked = std::move(r); });
        QVERIFY(QTest::qWaitFor([&] { return revoked.has_value(); }, 10000));
        QVERIFY(revoked->ok());
        std::optional<QString> told;
        connect(&app.session, &Session::signedOut, this, [&](const QUrl&, const QString& s) { told = s; });
        m_clock->advanceSecs(100);
        const Result<QByteArray> none = token(app);
        QVERIFY(!none);
        QVERIFY(QTest::qWaitFor([&] { return told.has_value(); }, 10000));
        QVERIFY2(told->contains(QLatin1String("Sign in again")), qPrintable(*told));
        QCOMPARE(app.session.state(), Session::State::SignedOut);
        QVERIFY(QTest::qWaitFor([&] { return !app.session.isKeychainBusy(); }, 10000));
        QVERIFY(!stored(app).has_value());
    }

    void refusedSignIns_data()
    {
        QTest::addColumn<QByteArray>("mode");
        QTest::addColumn<QStringList>("browserArgs");
        QTest::addColumn<qint64>("clockSkewSecs");
        QTest::addColumn<QString>("expected");
        QTest::newRow("access_denied") << QByteArray("normal") << QStringList{QStringLiteral("--deny")} << qint64(0)
                                       << QStringLiteral("refused the sign-in: access_denied");
        QTest::newRow("token endpoint HTML")
            << QByteArray("html") << QStringList() << qint64(0) << QStringLiteral("HTML page");
        QTest::newRow("token endpoint 500") << QByteArray("500") << QStringList() << qint64(0) << QStringLiteral("500");
        QTest::newRow("token endpoint silent")
            << QByteArray("drop") << QStringList() << qint64(0) << QStringLiteral("cannot reach the identity provider");
        QTest::newRow("token endpoint hangs")
            << QByteArray("hang") << QStringList() << qint64(0) << QStringLiteral("did not answer within 3 seconds");
        QTest::newRow("bad signature") << QByteArray("tamper-id-token") << QStringList() << qint64(0)
                                       << QStringLiteral("signature");
        QTest::newRow("expired id_token")
            << QByteArray("normal") << QStringList() << qint64(2 * 3600) << QStringLiteral("expired");
        QTest::newRow("id_token from the future")
            << QByteArray("normal") << QStringList() << qint64(-2 * 3600) << QStringLiteral("future");
    }

    void refusedSignIns()
    {
        QFETCH(QByteArray, mode);
        QFETCH(QStringList, browserArgs);
        QFETCH(qint64, clockSkewSecs);
        QFETCH(QString, expected);
        m_browserArgs = browserArgs;
        m_clock->advanceSecs(clockSkewSecs);
        lab("POST", QStringLiteral("/__lab/token-mode"), mode);
        App app(config(), *m_clock);
        app.client.http().setTimeoutMs(3000);
        const QString failure = failureOf(app);
        QVERIFY2(failure.contains(expected, Qt::CaseInsensitive), qPrintable(failure));
        QCOMPARE(app.session.state(), Session::State::SignedOut);
        QVERIFY(!stored(app).has_value());
    }

    void wrongIssuerIsRefused()
    {
        // The same provider reached as "localhost": its discovery names 127.0.0.1, which must match exactly.
        AuthConfig c = config();
        QUrl issuer(m_issuer);
        issuer.setHost(QStringLiteral("localhost"));
        c.issuer = issuer;
        App app(c, *m_clock);
        const QString failure = failureOf(app);
        QVERIFY2(failure.contains(QLatin1String("issuer")), qPrintable(failure));
    }

    void stateMismatchAndStrayRequestsLeaveTheFlowWaitingOrRefuse()
    {
        App app(config(), *m_clock);
        std::optional<Result<void>> outcome;
        std::optional<QUrl> authorization;
        connect(&app.session, &Session::signInFinished, this, [&](const Result<void>& r) { outcome = r; });
        connect(&app.session, &Session::browserNeeded, this, [&](const QUrl& url) { authorization = url; });
        app.session.signIn();
        QVERIFY(QTest::qWaitFor([&] { return authorization.has_value(); }, 20000));
        const QUrl redirect(
            QUrlQuery(*authorization).queryItemValue(QStringLiteral("redirect_uri"), QUrl::FullyDecoded));
        QCOMPARE(redirect.host(), QStringLiteral("127.0.0.1"));
        // A wrong path and garbage: answered, ignored; the flow keeps waiting.
        QNetworkAccessManager stray;
        QUrl wrongPath = redirect;
        wrongPath.setPath(QStringLiteral("/favicon.ico"));
        QNetworkReply* reply = stray.get(QNetworkRequest(wrongPath));
        QVERIFY(QTest::qWaitFor([&] { return reply->isFinished(); }, 5000));
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 404);
        QVERIFY(!outcome.has_value());
        // A callback with another state: refused, the attempt ends with a sentence.
        QUrl forged = redirect;
        forged.setQuery(QStringLiteral("code=abc&state=forged"));
        reply = stray.get(QNetworkRequest(forged));
        QVERIFY(QTest::qWaitFor([&] { return outcome.has_value(); }, 5000));
        QVERIFY(!outcome->ok());
        QVERIFY2(outcome->error().message().contains(QLatin1String("state")), qPrintable(outcome->error().message()));
    }

    void rotatedProviderKeysAreFetchedAgainOnce()
    {
        // One client keeps the provider's keys between sign-ins; the provider then replaces its
        // signing key, so the next id_token names a kid the kept set lacks.
        App app(config(), *m_clock);
        QVERIFY(signIn(app));
        app.session.signOut();
        QVERIFY(QTest::qWaitFor(
            [&] { return app.session.state() == Session::State::SignedOut && !app.session.isKeychainBusy(); }, 10000));
        lab("POST", QStringLiteral("/__lab/rotate-keys"));
        const Result<void> again = signIn(app);
        QVERIFY2(again, qPrintable(again ? QString() : again.error().sentence()));
        QCOMPARE(app.session.identity().subject, QStringLiteral("alice"));
        app.session.signOut();
        QVERIFY(QTest::qWaitFor(
            [&] { return app.session.state() == Session::State::SignedOut && !app.session.isKeychainBusy(); }, 10000));
    }

    void aUserWithoutRolesIsAViewer()
    {
        m_browserUser = QStringLiteral("carol");
        App app(config(), *m_clock);
        QVERIFY(signIn(app));
        QCOMPARE(roleNames(app.session.identity().roles), QStringList{QStringLiteral("viewer")});
        QVERIFY(app.session.identity().providerRoles.isEmpty());
        app.session.signOut();
        QVERIFY(QTest::qWaitFor(
            [&] { return app.session.state() == Session::State::SignedOut && !app.session.isKeychainBusy(); }, 10000));
    }

    void withoutAKeychainTheSessionLastsUntilQuit()
    {
        if (!qEnvironmentVariableIsSet("STATIONDECK_TEST_NO_KEYCHAIN"))
            QSKIP("run by the signin_nokeychain test, without a session bus");
        App app(config(), *m_clock);
        std::optional<QString> notice;
        connect(&app.session, &Session::notice, this, [&](const QString& sentence) { notice = sentence; });
        const Result<void> ok = signIn(app);
        QVERIFY2(ok, qPrintable(ok ? QString() : ok.error().sentence()));
        QVERIFY(QTest::qWaitFor([&] { return notice.has_value(); }, 10000));
        QVERIFY2(notice->contains(QLatin1String("keychain"))
                     && notice->contains(QLatin1String("until Stationdeck quits")),
                 qPrintable(*notice));
        QCOMPARE(app.session.keychainProblem(), *notice);
        QCOMPARE(app.session.state(), Session::State::SignedIn);
        // Refreshing works from memory.
        const int before = labCount(QStringLiteral("refresh_token"));
        m_clock->advanceSecs(100);
        QVERIFY(token(app));
        QCOMPARE(labCount(QStringLiteral("refresh_token")), before + 1);
        // A restart finds nothing: signed out, with the reason.
        App restart(config(), *m_clock);
        const Result<void> restored = restore(restart);
        QVERIFY(!restored);
        QCOMPARE(restart.session.state(), Session::State::SignedOut);
        QVERIFY2(restored.error().message().contains(QLatin1String("keychain")),
                 qPrintable(restored.error().message()));
    }

    void secretsNeverLogged()
    {
        // Everything logged by the cases above, at debug level, holds no token.
        App app(config(), *m_clock);
        QVERIFY(signIn(app));
        const Result<QByteArray> access = token(app);
        QVERIFY(access);
        const std::optional<QByteArray> refresh = stored(app);
        QVERIFY(refresh.has_value());
        QVERIFY(g_log.size() > 10);
        const QString all = g_log.join(QLatin1Char('\n'));
        QVERIFY(!all.contains(QString::fromLatin1(*access)));
        QVERIFY(!all.contains(QString::fromLatin1(*refresh)));
        QVERIFY(!all.contains(QLatin1String("eyJ"))); // no JWT of any kind
        QVERIFY(!all.contains(QLatin1String("code=")));
        app.session.signOut();
        QVERIFY(QTest::qWaitFor(
            [&] { return app.session.state() == Session::State::SignedOut && !app.session.isKeychainBusy(); }, 10000));
    }
};

QTEST_GUILESS_MAIN(TestSessionLab)
#include "tst_session_lab.moc"
