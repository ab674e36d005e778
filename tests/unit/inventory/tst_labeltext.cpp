// SPDX-License-Identifier: GPL-3.0-or-later
#include "fleet/LabelText.h"

#include <QTest>

using namespace sd;
using Labels = QMap<QString, QString>;

class TestLabelText : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parse_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<Labels>("labels");
        QTest::addColumn<QString>("error");
        QTest::newRow("empty") << QString() << Labels{} << QString();
        QTest::newRow("two pairs") << QStringLiteral("region=apac, tier=edge")
                                   << Labels{{QStringLiteral("region"), QStringLiteral("apac")},
                                             {QStringLiteral("tier"), QStringLiteral("edge")}}
                                   << QString();
        QTest::newRow("semicolons and spaces")
            << QStringLiteral(" a = 1 ;b=  ;")
            << Labels{{QStringLiteral("a"), QStringLiteral("1")}, {QStringLiteral("b"), QString()}} << QString();
        QTest::newRow("no value") << QStringLiteral("a=1, tier") << Labels{}
                                  << QStringLiteral("label \"tier\" has no value; write name=value");
        QTest::newRow("no name") << QStringLiteral("=x") << Labels{}
                                 << QStringLiteral("label \"=x\" has no name; write name=value");
        QTest::newRow("twice") << QStringLiteral("a=1,a=2") << Labels{} << QStringLiteral("label \"a\" is given twice");
    }
    void parse()
    {
        QFETCH(QString, text);
        QFETCH(Labels, labels);
        QFETCH(QString, error);
        const auto parsed = LabelText::parse(text);
        if (!error.isEmpty()) {
            QVERIFY(!parsed.ok());
            QCOMPARE(parsed.error().message(), error);
            return;
        }
        QVERIFY(parsed.ok());
        QCOMPARE(*parsed, labels);
        QCOMPARE(LabelText::parse(LabelText::format(*parsed)).value(), labels);
    }
};

QTEST_GUILESS_MAIN(TestLabelText)
#include "tst_labeltext.moc"
