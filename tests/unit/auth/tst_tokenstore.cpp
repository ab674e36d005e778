// SPDX-License-Identifier: GPL-3.0-or-later
// The refresh-token store against a real Secret Service (gnome-keyring on a private session bus,
// from tests/lab/keyring.sh): round trips, overwrite, separate entries, removal, missing entries,
// a long token and arbitrary bytes, answers that come later, and no plain-text copy under $HOME.
#include "KeychainTestSupport.h"
#include "auth/TokenStore.h"

#include <QDateTime>
#include <QProcess>
#include <QTest>

#include <algorithm>

using namespace sd;
using sd::test::Answer;
using sd::test::await;

namespace {

using ReadResult = std::optional<QByteArray>;

Answer<void> writeEntry(TokenStore& store, const QString& key, const QByteArray& secret)
{
    return await<void>([&](auto done) { store.write(key, secret, std::move(done)); });
}

Answer<ReadResult> readEntry(TokenStore& store, const QString& key)
{
    return await<ReadResult>([&](auto done) { store.read(key, std::move(done)); });
}

Answer<void> removeEntry(TokenStore& store, const QString& key)
{
    return await<void>([&](auto done) { store.remove(key, std::move(done)); });
}

// A JWT-shaped token of about 4 KB: three base64url parts, unique per call.
QByteArray longToken()
{
    static int serial = 0;
    QByteArray payload = "{\"sub\":\"operator-" + QByteArray::number(++serial) + "\",\"scope\":\"";
    while (payload.size() < 3000)
        payload += "stations:read stations:write audit:read ";
    payload += "\"}";
    return QByteArray("{\"alg\":\"RS256\",\"typ\":\"JWT\"}")
               .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals)
        + '.' + payload.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals) + '.'
        + QByteArray(256, 'S').toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

} // namespace

// Checks an answer that must have succeeded, came later and came once.
#define VERIFY_OK(answer)                                                                                              \
    do {                                                                                                               \
        QVERIFY2((answer).result.has_value(), "no answer from the keychain");                                          \
        QVERIFY2((answer).result->ok(), (answer).result->ok() ? "" : qPrintable((answer).result->error().message()));  \
        QVERIFY(!(answer).synchronous);                                                                                \
        QCOMPARE((answer).calls, 1);                                                                                   \
    } while (false)

class TestTokenStore : public QObject
{
    Q_OBJECT

private:
    // Each test function has its own service, so the entries of one never meet another's.
    void useOwnService(TokenStore& store)
    {
        store.setService(QStringLiteral("Stationdeck-test-") + QString::fromLatin1(QTest::currentTestFunction()));
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (qgetenv("STATIONDECK_KEYRING_HARNESS") != "1")
            QSKIP("needs a throw-away keychain: run through tests/lab/keyring.sh run (ctest does)");
    }

    void entryKey_data()
    {
        QTest::addColumn<QUrl>("issuer");
        QTest::addColumn<QString>("clientId");
        QTest::addColumn<QString>("key");
        const QString expected = QStringLiteral("refresh-token https://id.example.org stationdeck");
        QTest::newRow("plain") << QUrl(QStringLiteral("https://id.example.org")) << QStringLiteral("stationdeck")
                               << expected;
        QTest::newRow("trailing slash") << QUrl(QStringLiteral("https://id.example.org/"))
                                        << QStringLiteral("stationdeck") << expected;
        QTest::newRow("default port") << QUrl(QStringLiteral("https://id.example.org:443/"))
                                      << QStringLiteral("stationdeck") << expected;
        QTest::newRow("host case") << QUrl(QStringLiteral("https://ID.Example.ORG")) << QStringLiteral("stationdeck")
                                   << expected;
        QTest::newRow("other port") << QUrl(QStringLiteral("https://id.example.org:8443"))
                                    << QStringLiteral("stationdeck")
                                    << QStringLiteral("refresh-token https://id.example.org:8443 stationdeck");
        QTest::newRow("http default port") << QUrl(QStringLiteral("http://127.0.0.1:80/")) << QStringLiteral("dev")
                                           << QStringLiteral("refresh-token http://127.0.0.1 dev");
        QTest::newRow("realm path") << QUrl(QStringLiteral("https://sso.example.org/realms/ops/"))
                                    << QStringLiteral("stationdeck")
                                    << QStringLiteral("refresh-token https://sso.example.org/realms/ops stationdeck");
        QTest::newRow("dot segments") << QUrl(QStringLiteral("https://sso.example.org/realms/./ops"))
                                      << QStringLiteral("stationdeck")
                                      << QStringLiteral("refresh-token https://sso.example.org/realms/ops stationdeck");
        QTest::newRow("path case kept") << QUrl(QStringLiteral("https://sso.example.org/Realms/Ops"))
                                        << QStringLiteral("stationdeck")
                                        << QStringLiteral(
                                               "refresh-token https://sso.example.org/Realms/Ops stationdeck");
        QTest::newRow("client id as is") << QUrl(QStringLiteral("https://id.example.org"))
                                         << QStringLiteral("Station Deck/2")
                                         << QStringLiteral("refresh-token https://id.example.org Station Deck/2");
    }

    void entryKey()
    {
        QFETCH(QUrl, issuer);
        QFETCH(QString, clientId);
        QFETCH(QString, key);
        QCOMPARE(TokenStore::entryKey(issuer, clientId), key);
    }

    void writeThenRead()
    {
        TokenStore store;
        useOwnService(store);
        const QString key = TokenStore::entryKey(QUrl(QStringLiteral("https://id.example.org")), QStringLiteral("sd"));
        const auto written = writeEntry(store, key, "rt-0123456789abcdef");
        VERIFY_OK(written);
        const auto read = readEntry(store, key);
        VERIFY_OK(read);
        QVERIFY(read.result->value().has_value());
        QCOMPARE(*read.result->value(), QByteArray("rt-0123456789abcdef"));
    }

    void overwrite()
    {
        TokenStore store;
        useOwnService(store);
        const QString key = TokenStore::entryKey(QUrl(QStringLiteral("https://id.example.org")), QStringLiteral("sd"));
        VERIFY_OK(writeEntry(store, key, "first-token"));
        VERIFY_OK(writeEntry(store, key, "second-token"));
        const auto read = readEntry(store, key);
        VERIFY_OK(read);
        QCOMPARE(read.result->value(), std::optional<QByteArray>("second-token"));
        // One entry, not two: after one removal nothing is left.
        VERIFY_OK(removeEntry(store, key));
        const auto after = readEntry(store, key);
        VERIFY_OK(after);
        QVERIFY(!after.result->value().has_value());
    }

    void entriesAreSeparate()
    {
        TokenStore store;
        useOwnService(store);
        const QString a = TokenStore::entryKey(QUrl(QStringLiteral("https://a.example.org")), QStringLiteral("sd"));
        const QString b = TokenStore::entryKey(QUrl(QStringLiteral("https://b.example.org")), QStringLiteral("sd"));
        const QString c = TokenStore::entryKey(QUrl(QStringLiteral("https://a.example.org")), QStringLiteral("sd2"));
        VERIFY_OK(writeEntry(store, a, "token-a"));
        VERIFY_OK(writeEntry(store, b, "token-b"));
        VERIFY_OK(writeEntry(store, c, "token-c"));
        QCOMPARE(readEntry(store, a).result->value(), std::optional<QByteArray>("token-a"));
        QCOMPARE(readEntry(store, b).result->value(), std::optional<QByteArray>("token-b"));
        QCOMPARE(readEntry(store, c).result->value(), std::optional<QByteArray>("token-c"));

        // Another service does not see them.
        TokenStore other;
        other.setService(QStringLiteral("Stationdeck-test-other"));
        const auto elsewhere = readEntry(other, a);
        VERIFY_OK(elsewhere);
        QVERIFY(!elsewhere.result->value().has_value());

        // Removing one leaves the others.
        VERIFY_OK(removeEntry(store, b));
        QVERIFY(!readEntry(store, b).result->value().has_value());
        QCOMPARE(readEntry(store, a).result->value(), std::optional<QByteArray>("token-a"));
        QCOMPARE(readEntry(store, c).result->value(), std::optional<QByteArray>("token-c"));
    }

    void removeThenRead()
    {
        TokenStore store;
        useOwnService(store);
        const QString key = TokenStore::entryKey(QUrl(QStringLiteral("https://id.example.org")), QStringLiteral("sd"));
        VERIFY_OK(writeEntry(store, key, "soon-gone"));
        VERIFY_OK(removeEntry(store, key));
        const auto read = readEntry(store, key);
        VERIFY_OK(read);
        QVERIFY(!read.result->value().has_value());
    }

    void removeMissing()
    {
        TokenStore store;
        useOwnService(store);
        const QString key
            = TokenStore::entryKey(QUrl(QStringLiteral("https://never.example.org")), QStringLiteral("sd"));
        VERIFY_OK(removeEntry(store, key));
        VERIFY_OK(removeEntry(store, key)); // twice: still fine
    }

    void readMissing()
    {
        TokenStore store;
        useOwnService(store);
        const QString key
            = TokenStore::entryKey(QUrl(QStringLiteral("https://never.example.org")), QStringLiteral("sd"));
        const auto read = readEntry(store, key);
        VERIFY_OK(read);
        QVERIFY(!read.result->value().has_value());
    }

    void longAndBinarySecrets()
    {
        TokenStore store;
        useOwnService(store);
        const QByteArray jwt = longToken();
        QVERIFY(jwt.size() >= 4096);
        const QString jwtKey
            = TokenStore::entryKey(QUrl(QStringLiteral("https://id.example.org")), QStringLiteral("jwt"));
        VERIFY_OK(writeEntry(store, jwtKey, jwt));
        QCOMPARE(readEntry(store, jwtKey).result->value(), std::optional<QByteArray>(jwt));

        QByteArray bytes; // every byte value, NUL and invalid UTF-8 included
        for (int i = 0; i < 256; ++i)
            bytes.append(char(i));
        bytes += bytes;
        const QString binaryKey
            = TokenStore::entryKey(QUrl(QStringLiteral("https://id.example.org")), QStringLiteral("bin"));
        VERIFY_OK(writeEntry(store, binaryKey, bytes));
        QCOMPARE(readEntry(store, binaryKey).result->value(), std::optional<QByteArray>(bytes));
    }

    void emptySecretRefused()
    {
        TokenStore store;
        useOwnService(store);
        const QString key = TokenStore::entryKey(QUrl(QStringLiteral("https://id.example.org")), QStringLiteral("sd"));
        VERIFY_OK(writeEntry(store, key, "kept"));
        const auto written = writeEntry(store, key, QByteArray());
        QVERIFY(written.result.has_value());
        QVERIFY(!written.result->ok());
        QVERIFY(!written.synchronous);
        QCOMPARE(written.result->error().code(), QStringLiteral("invalid_argument"));
        QCOMPARE(readEntry(store, key).result->value(), std::optional<QByteArray>("kept"));
    }

    void noPlainTextCopyUnderHome()
    {
        TokenStore store;
        useOwnService(store);
        const QByteArray secret
            = "rt-plaintext-probe-" + QByteArray::number(QDateTime::currentMSecsSinceEpoch()) + "-7f3c9a1e5b2d4c6f8a0e";
        const QString key
            = TokenStore::entryKey(QUrl(QStringLiteral("https://id.example.org")), QStringLiteral("probe"));
        VERIFY_OK(writeEntry(store, key, secret));
        QCOMPARE(readEntry(store, key).result->value(), std::optional<QByteArray>(secret));

        const QString home = qEnvironmentVariable("HOME");
        QVERIFY(home.contains(QLatin1String("stationdeck-keyring."))); // the harness's throw-away HOME
        int scanned = 0;
        const QStringList hits = sd::test::filesContaining(home, sd::test::secretForms(secret), &scanned);
        QVERIFY2(hits.isEmpty(), qPrintable(hits.join(QLatin1Char(' '))));
        // The keyring did write to disk (encrypted): the walk saw its file.
        const QStringList files = sd::test::regularFiles(home);
        QVERIFY2(std::any_of(files.cbegin(), files.cend(),
                             [](const QString& path) { return path.endsWith(QLatin1String("/login.keyring")); }),
                 qPrintable(files.join(QLatin1Char(' '))));
        QVERIFY(scanned >= 1);
        // And no QSettings file of a plain-text fallback.
        for (const QString& path : files)
            QVERIFY2(!path.contains(QLatin1String("Stationdeck-test")), qPrintable(path));
    }

    // Last: it locks the harness's keyring for good (unlocking needs a prompt, and there is no
    // display). With the collection locked, libsecret finds nothing (a read gives no entry, as
    // after a dismissed unlock prompt) and a write is refused.
    void lockedKeyring()
    {
        TokenStore store;
        useOwnService(store);
        const QString key = TokenStore::entryKey(QUrl(QStringLiteral("https://id.example.org")), QStringLiteral("sd"));
        VERIFY_OK(writeEntry(store, key, "before-lock"));

        QProcess lock;
        lock.start(QStringLiteral("dbus-send"),
                   {QStringLiteral("--session"), QStringLiteral("--print-reply"),
                    QStringLiteral("--dest=org.freedesktop.secrets"), QStringLiteral("/org/freedesktop/secrets"),
                    QStringLiteral("org.freedesktop.Secret.Service.Lock"),
                    QStringLiteral("array:objpath:/org/freedesktop/secrets/collection/login")});
        QVERIFY(lock.waitForFinished(10000));
        QCOMPARE(lock.exitCode(), 0);

        const auto read = readEntry(store, key);
        VERIFY_OK(read);
        QVERIFY(!read.result->value().has_value());

        const auto written = writeEntry(store, key, "after-lock");
        QVERIFY(written.result.has_value());
        QVERIFY(!written.result->ok());
        QVERIFY(!written.synchronous);
        QCOMPARE(written.result->error().code(), QStringLiteral("keychain_unavailable"));
        QVERIFY(!written.result->error().message().contains(QLatin1String("after-lock")));
        qInfo().noquote() << "  message:" << written.result->error().sentence();
    }
};

QTEST_GUILESS_MAIN(TestTokenStore)
#include "tst_tokenstore.moc"
