// SPDX-License-Identifier: GPL-3.0-or-later
// formatBytes and formatPercent: the figures as the table, the overview, the charts' hover and the
// command line show them.
#include "metrics/ByteText.h"
#include "metrics/PercentText.h"

#include <QTest>

#include <cmath>
#include <limits>

class TestValueText : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void bytes_data()
    {
        QTest::addColumn<double>("value");
        QTest::addColumn<QString>("expected");
        QTest::newRow("zero") << 0.0 << QStringLiteral("0 B");
        QTest::newRow("under a KiB") << 1023.0 << QStringLiteral("1023 B");
        QTest::newRow("one KiB") << 1024.0 << QStringLiteral("1.00 KiB");
        QTest::newRow("1.5 KiB") << 1536.0 << QStringLiteral("1.50 KiB");
        QTest::newRow("23.4 MiB") << 23.4 * 1024 * 1024 << QStringLiteral("23.4 MiB");
        QTest::newRow("512 MiB") << 512.0 * 1024 * 1024 << QStringLiteral("512 MiB");
        QTest::newRow("7.8 GiB") << 7.8 * 1024 * 1024 * 1024 << QStringLiteral("7.80 GiB");
        QTest::newRow("PiB is the largest unit")
            << 4096.0 * 1024 * 1024 * 1024 * 1024 * 1024 << QStringLiteral("4096 PiB");
        QTest::newRow("NaN") << std::numeric_limits<double>::quiet_NaN() << QString();
    }
    void bytes()
    {
        QFETCH(double, value);
        QFETCH(QString, expected);
        QCOMPARE(sd::formatBytes(value), expected);
    }

    void percent_data()
    {
        QTest::addColumn<double>("value");
        QTest::addColumn<QString>("expected");
        QTest::newRow("zero") << 0.0 << QStringLiteral("0.0 %");
        QTest::newRow("one decimal below 10") << 3.84 << QStringLiteral("3.8 %");
        QTest::newRow("none from 10") << 53.2 << QStringLiteral("53 %");
        QTest::newRow("hundred") << 100.0 << QStringLiteral("100 %");
        QTest::newRow("a process over one core") << 250.4 << QStringLiteral("250 %");
        QTest::newRow("NaN") << std::numeric_limits<double>::quiet_NaN() << QString();
    }
    void percent()
    {
        QFETCH(double, value);
        QFETCH(QString, expected);
        QCOMPARE(sd::formatPercent(value), expected);
    }
};

QTEST_GUILESS_MAIN(TestValueText)
#include "tst_valuetext.moc"
