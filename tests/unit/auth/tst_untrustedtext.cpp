// SPDX-License-Identifier: GPL-3.0-or-later
// UntrustedText: someone else's text made one clean, short line.
#include "auth/UntrustedText.h"

#include <QTest>

using namespace sd;

class TestUntrustedText : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sanitize_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("maxLength");
        QTest::addColumn<QString>("expected");
        QTest::newRow("plain") << QStringLiteral("grant request is invalid") << 200
                               << QStringLiteral("grant request is invalid");
        QTest::newRow("empty") << QString() << 200 << QString();
        QTest::newRow("only controls") << QStringLiteral("\r\n\t\x01") << 200 << QString();
        QTest::newRow("line breaks become one space")
            << QStringLiteral("  first line\r\n\r\nsecond\tline  ") << 200 << QStringLiteral("first line second line");
        QTest::newRow("escape sequence loses its ESC")
            << QStringLiteral("\x1b[2J\x1b[31mred") << 200 << QStringLiteral("[2J [31mred");
        QTest::newRow("NUL and DEL and C1")
            << QString::fromUtf16(u"a\u0000b\u007fc\u0085d", 7) << 200 << QStringLiteral("a b c d");
        QTest::newRow("bidi override and zero-width")
            << QString::fromUtf16(u"invoice\u202Efdp.exe\u200B!") << 200 << QStringLiteral("invoice fdp.exe !");
        QTest::newRow("line and paragraph separators")
            << QString::fromUtf16(u"a\u2028b\u2029c") << 200 << QStringLiteral("a b c");
        QTest::newRow("lone surrogate") << QString::fromUtf16(u"a") + QChar(0xD800) + QStringLiteral("b") << 200
                                        << QStringLiteral("a b");
        QTest::newRow("non-ASCII kept") << QString::fromUtf16(u"Zugriff verweigert – ü 🔒") << 200
                                        << QString::fromUtf16(u"Zugriff verweigert – ü 🔒");
        QTest::newRow("exactly the limit") << QString(10, QLatin1Char('a')) << 10 << QString(10, QLatin1Char('a'));
        QTest::newRow("one over the limit")
            << QString(11, QLatin1Char('a')) << 10 << QString(9, QLatin1Char('a')) + QChar(0x2026);
        QTest::newRow("10 KB") << QString(10240, QLatin1Char('A')) << 200
                               << QString(199, QLatin1Char('A')) + QChar(0x2026);
        QTest::newRow("cut never splits a surrogate pair") << QString(8, QLatin1Char('a')) + QString::fromUtf16(u"🔒🔒")
                                                           << 10 << QString(8, QLatin1Char('a')) + QChar(0x2026);
        QTest::newRow("cut drops the space before the ellipsis")
            << QStringLiteral("aaaaaaaa bbbb") << 10 << QStringLiteral("aaaaaaaa") + QChar(0x2026);
        QTest::newRow("text hidden after many controls counts as cut")
            << QString(5000, QLatin1Char('\n')) + QStringLiteral("hidden") << 10 << QString(QChar(0x2026));
        QTest::newRow("zero length") << QStringLiteral("abc") << 0 << QString();
    }
    void sanitize()
    {
        QFETCH(QString, text);
        QFETCH(int, maxLength);
        const QString clean = UntrustedText::sanitize(text, maxLength);
        QTEST(clean, "expected");
        QVERIFY(clean.size() <= std::max(0, maxLength));
    }
};

QTEST_GUILESS_MAIN(TestUntrustedText)
#include "tst_untrustedtext.moc"
