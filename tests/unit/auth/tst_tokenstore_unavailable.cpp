// SPDX-License-Identifier: GPL-3.0-or-later
// The refresh-token store with no keychain to talk to (ctest points DBUS_SESSION_BUS_ADDRESS at a
// socket that does not exist): every call fails later with "keychain_unavailable" and a sentence
// that never contains the secret, and nothing is written under a throw-away HOME — QtKeychain's
// plain-text fallback stays off. A second ctest entry runs it as a KDE 4 session, where QtKeychain
// takes its KWallet path (the one with the plain-text fallback).
#include "KeychainTestSupport.h"
#include "auth/TokenStore.h"

#include <QTemporaryDir>
#include <QTest>

using namespace sd;
using sd::test::Answer;
using sd::test::await;

class TestTokenStoreUnavailable : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_home;
    const QByteArray m_secret = "rt-must-not-leak-0d1e2f3a4b5c6d7e8f90-" + QByteArray(64, 'Z');

    void verifyFailure(const std::optional<Result<void>>& result, bool synchronous)
    {
        QVERIFY(result.has_value());
        QVERIFY(!result->ok());
        verifyError(result->error(), synchronous);
    }

    void verifyError(const Error& error, bool synchronous)
    {
        QVERIFY(!synchronous);
        QCOMPARE(error.code(), QStringLiteral("keychain_unavailable"));
        const QString sentence = error.sentence();
        qInfo().noquote() << "  message:" << sentence;
        QVERIFY(sentence.size() > 20);
        QVERIFY(sentence.endsWith(QLatin1Char('.')));
        QVERIFY(sentence.contains(QLatin1String("keychain")));
        for (const QByteArray& form : sd::test::secretForms(m_secret))
            QVERIFY(!sentence.toUtf8().contains(form));
    }

private Q_SLOTS:
    void initTestCase()
    {
        const QByteArray bus = qgetenv("DBUS_SESSION_BUS_ADDRESS");
        QVERIFY2(bus.startsWith("unix:path=/nonexistent"),
                 "ctest sets DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent");
        QVERIFY(m_home.isValid());
        // Before the first keychain job: nothing has read these yet.
        const QString home = m_home.path();
        qputenv("HOME", home.toUtf8());
        qputenv("XDG_DATA_HOME", (home + QStringLiteral("/.local/share")).toUtf8());
        qputenv("XDG_CONFIG_HOME", (home + QStringLiteral("/.config")).toUtf8());
        qputenv("XDG_CACHE_HOME", (home + QStringLiteral("/.cache")).toUtf8());
        qputenv("XDG_RUNTIME_DIR", (home + QStringLiteral("/runtime")).toUtf8());
        qInfo() << "desktop:" << qgetenv("XDG_CURRENT_DESKTOP") << "KDE session:" << qgetenv("KDE_SESSION_VERSION");
    }

    void everyCallFails()
    {
        TokenStore store;
        store.setService(QStringLiteral("Stationdeck-test-unavailable"));
        const QString key = TokenStore::entryKey(QUrl(QStringLiteral("https://id.example.org")), QStringLiteral("sd"));

        const Answer<void> written = await<void>([&](auto done) { store.write(key, m_secret, std::move(done)); });
        verifyFailure(written.result, written.synchronous);
        QCOMPARE(written.calls, 1);

        const auto read = await<std::optional<QByteArray>>([&](auto done) { store.read(key, std::move(done)); });
        QVERIFY(read.result.has_value());
        QVERIFY(!read.result->ok());
        verifyError(read.result->error(), read.synchronous);
        QCOMPARE(read.calls, 1);

        const Answer<void> removed = await<void>([&](auto done) { store.remove(key, std::move(done)); });
        verifyFailure(removed.result, removed.synchronous);
        QCOMPARE(removed.calls, 1);

        // Once more, after the backend was chosen: still failing, still later.
        const Answer<void> again = await<void>([&](auto done) { store.write(key, m_secret, std::move(done)); });
        verifyFailure(again.result, again.synchronous);
    }

    void nothingWrittenUnderHome()
    {
        const QStringList files = sd::test::regularFiles(m_home.path());
        QVERIFY2(files.isEmpty(), qPrintable(files.join(QLatin1Char(' '))));
        const QStringList hits = sd::test::filesContaining(m_home.path(), sd::test::secretForms(m_secret));
        QVERIFY2(hits.isEmpty(), qPrintable(hits.join(QLatin1Char(' '))));
    }
};

QTEST_GUILESS_MAIN(TestTokenStoreUnavailable)
#include "tst_tokenstore_unavailable.moc"
