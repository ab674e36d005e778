// SPDX-License-Identifier: GPL-3.0-or-later
#include "auth/Base64Url.h"
#include "auth/Pkce.h"

#include <QSet>
#include <QTest>

using namespace sd;

class TestPkce : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void rfc7636AppendixB()
    {
        QCOMPARE(Pkce::challengeFor("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
                 QByteArray("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"));
    }
    void freshVerifiers()
    {
        QSet<QByteArray> seen;
        for (int i = 0; i < 200; ++i) {
            const Pkce pkce = Pkce::generate();
            QCOMPARE(pkce.verifier().size(), 43);
            QVERIFY(Base64Url::decode(pkce.verifier()).ok()); // unreserved characters only
            QCOMPARE(pkce.challenge(), Pkce::challengeFor(pkce.verifier()));
            QVERIFY(!seen.contains(pkce.verifier()));
            seen.insert(pkce.verifier());
        }
        QVERIFY(Pkce::randomToken(16) != Pkce::randomToken(16));
        QCOMPARE(Pkce::randomToken(16).size(), 22);
    }
    void base64url_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<bool>("valid");
        QTest::newRow("plain") << QByteArray("aGVsbG8") << true;
        QTest::newRow("url alphabet") << QByteArray("-_-_") << true;
        QTest::newRow("padding") << QByteArray("aGVsbG8=") << false;
        QTest::newRow("plus") << QByteArray("a+b/") << false;
        QTest::newRow("space") << QByteArray("aGVs bG8") << false;
        QTest::newRow("impossible length") << QByteArray("aGVsb") << false;
    }
    void base64url()
    {
        QFETCH(QByteArray, text);
        QFETCH(bool, valid);
        QCOMPARE(Base64Url::decode(text).ok(), valid);
        if (valid)
            QCOMPARE(Base64Url::encode(Base64Url::decode(text).value()), text);
    }
};

QTEST_GUILESS_MAIN(TestPkce)
#include "tst_pkce.moc"
