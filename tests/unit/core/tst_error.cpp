// SPDX-License-Identifier: GPL-3.0-or-later
// Error::sentence(): what the user reads, one sentence, whatever the message looked like.
#include "core/Error.h"

#include <QTest>

using sd::Error;

class TestError : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sentence_data()
    {
        QTest::addColumn<QString>("message");
        QTest::addColumn<QString>("expected");
        QTest::newRow("capitalised, full stop added")
            << QStringLiteral("the station does not answer") << QStringLiteral("The station does not answer.");
        QTest::newRow("its own full stop kept") << QStringLiteral("done.") << QStringLiteral("Done.");
        QTest::newRow("question kept") << QStringLiteral("is a proxy in the way?")
                                       << QStringLiteral("Is a proxy in the way?");
        QTest::newRow("trimmed") << QStringLiteral("  spaces around \n") << QStringLiteral("Spaces around.");
        QTest::newRow("empty stays empty") << QString() << QString();
        QTest::newRow("only spaces") << QStringLiteral("   ") << QString();
        QTest::newRow("a URL first stays lowercase")
            << QStringLiteral("http://127.0.0.1:9100/metrics answered HTTP 401 Unauthorized")
            << QStringLiteral("http://127.0.0.1:9100/metrics answered HTTP 401 Unauthorized.");
        QTest::newRow("a URL alone") << QStringLiteral("https://prom.example.net/api/v1/query")
                                     << QStringLiteral("https://prom.example.net/api/v1/query.");
        QTest::newRow("a station name first is capitalised")
            << QStringLiteral("ktm-01: http://10.1.2.3:9100/metrics timed out")
            << QStringLiteral("Ktm-01: http://10.1.2.3:9100/metrics timed out.");
        QTest::newRow("non-ASCII first letter") << QStringLiteral("ärger") << QStringLiteral("Ärger.");
    }
    void sentence()
    {
        QFETCH(QString, message);
        QFETCH(QString, expected);
        QCOMPARE(Error(message).sentence(), expected);
    }

    void contextKeepsTheCode()
    {
        const Error e
            = Error(QStringLiteral("no such file"), QStringLiteral("io")).withContext(QStringLiteral("inventory.yml"));
        QCOMPARE(e.sentence(), QStringLiteral("Inventory.yml: no such file."));
        QCOMPARE(e.code(), QStringLiteral("io"));
    }
};

QTEST_GUILESS_MAIN(TestError)
#include "tst_error.moc"
