// SPDX-License-Identifier: GPL-3.0-or-later
// AnsibleErrorText over what the real ansible-inventory printed (tests/data/ansible-stderr).
#include "fleet/AnsibleErrorText.h"

#include <QFile>
#include <QTest>

using namespace sd;

class TestAnsibleErrorText : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void summarize_data()
    {
        QTest::addColumn<QString>("capture");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("expected");
        QTest::newRow("YAML syntax error: the yaml plugin's reason, once")
            << QStringLiteral("broken_yaml") << QStringLiteral("/srv/inventories/broken_syntax.yml")
            << QStringLiteral("We were unable to read either as JSON nor YAML, these are the errors we got from each: "
                              "JSON: Expecting value: line 1 column 1 (char 0) Syntax Error while loading YAML. did "
                              "not find expected ',' or '}' The error appears to be in "
                              "'/srv/inventories/broken_syntax.yml': line 4, column 11, but may be elsewhere in the "
                              "file depending on the exact syntax problem. The offending line appears to be: a-01: "
                              "{stationdeck_site: Alpha children: [ ^ here");
        QTest::newRow("INI error: the ini plugin's reason")
            << QStringLiteral("broken_ini") << QStringLiteral("/srv/inventories/bad.ini")
            << QStringLiteral("not enough values to unpack (expected 3, got 2)");
        QTest::newRow("only an ERROR line") << QStringLiteral("missing") << QStringLiteral("/nonexistent/x.yml")
                                            << QStringLiteral("Completely failed to parse inventory source "
                                                              "/nonexistent/x.yml");
    }
    void summarize()
    {
        QFETCH(QString, capture);
        QFETCH(QString, path);
        QFETCH(QString, expected);
        QFile file(QStringLiteral(STATIONDECK_TEST_DATA "/ansible-stderr/") + capture + QStringLiteral(".txt"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(AnsibleErrorText::summarize(QString::fromUtf8(file.readAll()), path), expected);
    }
    void nothingOrNoise()
    {
        QCOMPARE(AnsibleErrorText::summarize(QString(), QStringLiteral("x")),
                 QStringLiteral("it exited with an error and printed nothing"));
        QCOMPARE(AnsibleErrorText::summarize(QStringLiteral("Traceback\n  boom\n"), QStringLiteral("x")),
                 QStringLiteral("Traceback boom"));
    }
};

QTEST_GUILESS_MAIN(TestAnsibleErrorText)
#include "tst_ansibleerrortext.moc"
