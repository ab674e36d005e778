// SPDX-License-Identifier: GPL-3.0-or-later
// BearerPolicy: which URLs get the sign-in token. Prefix and host matching (ports, case, IDN,
// IPv6, wildcards, lookalikes, user-info tricks), plain-HTTP refusal and its allowances, and
// settings entries refused with their index and text.
#include "auth/BearerPolicy.h"

#include <QTest>

using namespace sd;

namespace {

// The error message, or nothing: QVERIFY2 evaluates its message even when the check passes.
template <typename T> QString failure(const Result<T>& result)
{
    return result.ok() ? QString() : result.error().message();
}

const QStringList kPatterns = {
    QStringLiteral("https://prom.example.net/api/"),
    QStringLiteral("https://grafana.example.net:3000/d"),
    QStringLiteral("*.sites.example.net"),
    QStringLiteral("alert.example.net"),
    QStringLiteral("http://legacy.example.net/metrics"),
    QStringLiteral("[2001:db8::1]"),
    QStringLiteral("bücher.example"),
    QStringLiteral("http://127.0.0.1:9090/"),
    QStringLiteral("localhost"),
    QStringLiteral("127.5.6.7"),
    QStringLiteral("::1"),
    QStringLiteral("https://whole.example.net"),
};

QString name(BearerPolicy::Decision decision)
{
    switch (decision) {
    case BearerPolicy::Decision::NoToken:
        return QStringLiteral("none");
    case BearerPolicy::Decision::Attach:
        return QStringLiteral("attach");
    case BearerPolicy::Decision::RefuseInsecure:
        return QStringLiteral("refuse");
    }
    return {};
}

} // namespace

class TestBearerPolicy : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void decide_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QStringList>("insecure");
        QTest::addColumn<QString>("expected");
        QTest::addColumn<QStringList>("patterns"); // empty: kPatterns

        const QStringList none;
        const auto row = [&](const char* tag, const char* url, const char* expected, const QStringList& insecure = {},
                             const QStringList& patterns = {}) {
            QTest::newRow(tag) << QString::fromUtf8(url) << insecure << QString::fromUtf8(expected) << patterns;
        };

        // URL prefix: scheme, host, effective port, path on segment boundaries.
        row("prefix: below it", "https://prom.example.net/api/v1/query?query=up", "attach");
        row("prefix: itself", "https://prom.example.net/api/", "attach");
        row("prefix ending in '/': not the bare segment", "https://prom.example.net/api", "none");
        row("prefix: not a longer segment", "https://prom.example.net/apix", "none");
        row("prefix: not the root", "https://prom.example.net/", "none");
        row("prefix: default port written", "https://prom.example.net:443/api/v1", "attach");
        row("prefix: other port", "https://prom.example.net:8443/api/v1", "none");
        row("prefix: other scheme", "http://prom.example.net/api/v1", "none");
        row("prefix: host and scheme case", "HTTPS://PROM.Example.NET/api/v1", "attach");
        row("prefix: path case matters", "https://prom.example.net/API/v1", "none");
        row("prefix: dot segments climbing out", "https://prom.example.net/api/../admin", "none");
        row("prefix: encoded dot segments", "https://prom.example.net/api/%2e%2e/admin", "none");
        row("prefix: dot segments climbing in", "https://prom.example.net/other/../api/v1", "attach");
        row("prefix: encoded slash is not a boundary", "https://prom.example.net/api%2Fv1", "none");
        row("prefix without '/': itself", "https://grafana.example.net:3000/d", "attach");
        row("prefix without '/': below it", "https://grafana.example.net:3000/d/abc?orgId=1", "attach");
        row("prefix without '/': not a longer segment", "https://grafana.example.net:3000/dashboards", "none");
        row("prefix: explicit port is not the default", "https://grafana.example.net/d/abc", "none");
        row("prefix: no path covers the origin", "https://whole.example.net/anything/at/all", "attach");
        row("prefix: no path, empty request path", "https://whole.example.net", "attach");
        row("prefix: trailing dot host", "https://prom.example.net./api/v1", "attach");

        // Host patterns: any scheme and port; wildcards include the base.
        row("wildcard: the base itself", "https://sites.example.net/", "attach");
        row("wildcard: a subdomain", "https://north.sites.example.net/x", "attach");
        row("wildcard: deeper, any port", "https://a.b.sites.example.net:8443/", "attach");
        row("wildcard: a suffix that is not a label", "https://badsites.example.net/", "none");
        row("wildcard: the parent", "https://example.net/", "none");
        row("wildcard: lookalike suffix", "https://north.sites.example.net.evil.com/", "none");
        row("host: exact, any port", "https://alert.example.net:9093/api/v2/alerts", "attach");
        row("host: not its subdomains", "https://x.alert.example.net/", "none");
        row("host: lookalike", "https://alert.example.net.evil.com/", "none");
        row("lookalike of a prefix", "https://prom.example.net.evil.com/api/", "none");
        row("unrelated host", "https://evil.com/api/", "none");

        // User-info tricks: the host is what follows '@'; a URL with its own credentials gets none.
        row("userinfo: protected name before '@'", "https://prom.example.net@evil.com/api/", "none");
        row("userinfo: with port before '@'", "https://prom.example.net:443@evil.com/api/", "none");
        row("userinfo: wildcard name before '@'", "https://north.sites.example.net@evil.com/", "none");
        row("userinfo: own credentials on a protected host", "https://user:secret@prom.example.net/api/", "none");
        row("userinfo: user only on a protected host", "https://alice@alert.example.net/", "none");
        row("fragment hides the protected name", "https://evil.com#@prom.example.net/api/", "none");

        // IDN and IPv6.
        row("idn: ACE form of a unicode pattern", "https://xn--bcher-kva.example/", "attach");
        row("idn: unicode, uppercase", "https://BÜCHER.example/x", "attach");
        row("idn: unicode request, ACE pattern", "https://bücher.example/", "attach", none,
            {QStringLiteral("xn--bcher-kva.example")});
        row("idn: a different name", "https://bucher.example/", "none");
        row("ipv6: same address written longer", "https://[2001:DB8:0:0::1]:9090/", "attach");
        row("ipv6: another address", "https://[2001:db8::2]/", "none");
        row("ipv6: plain http refused", "http://[2001:db8::1]/", "refuse");
        row("ipv6: plain http allowed", "http://[2001:db8::1]/", "attach", {QStringLiteral("[2001:db8:0::1]")});

        // Plain HTTP: refused unless loopback or allowed for that host.
        row("http: refused", "http://legacy.example.net/metrics", "refuse");
        row("http: allowed host (any case)", "http://legacy.example.net/metrics/x", "attach",
            {QStringLiteral("LEGACY.example.net")});
        row("http: another host allowed", "http://legacy.example.net/metrics", "refuse",
            {QStringLiteral("other.example.net")});
        row("http: host pattern refused", "http://alert.example.net:9093/", "refuse");
        row("http: wildcard refused", "http://north.sites.example.net/", "refuse");
        row("http: allowance is per exact host", "http://south.sites.example.net/", "refuse",
            {QStringLiteral("north.sites.example.net")});
        row("http: allowance for that exact host", "http://north.sites.example.net/", "attach",
            {QStringLiteral("north.sites.example.net")});
        row("http: loopback 127.0.0.1", "http://127.0.0.1:9090/graph", "attach");
        row("http: loopback written as a number", "http://2130706433:9090/graph", "attach");
        row("http: loopback 127.5.6.7", "http://127.5.6.7/", "attach");
        row("http: localhost", "http://localhost:8080/", "attach");
        row("http: ::1", "http://[::1]:9090/", "attach");
        row("http: loopback but not protected", "http://127.0.0.1:8080/", "none");
        row("http: a name that looks like loopback", "http://127.0.0.1.sites.example.net/", "refuse");
        row("http: localhost as a subdomain", "http://localhost.sites.example.net/", "refuse");

        // Other schemes never get a token.
        row("ftp", "ftp://alert.example.net/", "none");
        row("wss", "wss://alert.example.net/", "none");
        row("file", "file:///etc/passwd", "none");
        row("no url", "", "none");
        row("no patterns", "https://prom.example.net/api/", "none", none, {QStringLiteral("other.example.net")});
    }
    void decide()
    {
        QFETCH(QString, url);
        QFETCH(QStringList, insecure);
        QFETCH(QString, expected);
        QFETCH(QStringList, patterns);
        const auto policy = BearerPolicy::create(patterns.isEmpty() ? kPatterns : patterns, insecure);
        QVERIFY2(policy.ok(), qPrintable(failure(policy)));
        QCOMPARE(name(policy->decide(QUrl(url))), expected);
    }

    void createErrors_data()
    {
        QTest::addColumn<QStringList>("patterns");
        QTest::addColumn<QStringList>("insecure");
        QTest::addColumn<QString>("error");

        const QString ok = QStringLiteral("prom.example.net");
        const auto row = [&](const char* tag, const char* entry, const char* error) {
            QTest::newRow(tag) << QStringList{ok, ok, QString::fromUtf8(entry)} << QStringList()
                               << QString::fromUtf8(error);
        };
        row("empty", "", "protected endpoint 3 (\"\"): it is empty");
        row("blank", "   ", "protected endpoint 3 (\"\"): it is empty");
        row("space inside", "https://prom.example.net/a b",
            "protected endpoint 3 (\"https://prom.example.net/a b\"): it contains a space; write one URL or host per "
            "entry");
        row("tab inside", "prom\t.example.net",
            "protected endpoint 3 (\"prom\t.example.net\"): it contains a space; write one URL or host per entry");
        row("lone star", "*",
            "protected endpoint 3 (\"*\"): a lone \"*\" would send the token to every host; name the hosts");
        row("star dot", "*.",
            "protected endpoint 3 (\"*.\"): a lone \"*\" would send the token to every host; name the hosts");
        row("top-level wildcard", "*.com",
            "protected endpoint 3 (\"*.com\"): \"*.com\" would cover every host under \"com\"; name at least two "
            "labels after \"*.\", as in \"*.example.net\"");
        row("wildcard in the middle", "prom.*.net",
            "protected endpoint 3 (\"prom.*.net\"): a wildcard is allowed only as the whole first label, as in "
            "\"*.example.net\"");
        row("wildcard glued to a label", "*prom.example.net",
            "protected endpoint 3 (\"*prom.example.net\"): a wildcard is allowed only as the whole first label, as in "
            "\"*.example.net\"");
        row("wildcard over addresses", "*.0.0.1",
            "protected endpoint 3 (\"*.0.0.1\"): a wildcard cannot cover IP addresses; name each address");
        row("wildcard in a URL", "https://*.example.net/",
            "protected endpoint 3 (\"https://*.example.net/\"): a wildcard works only in a host pattern without a "
            "scheme, such as \"*.example.net\"");
        row("other scheme", "ftp://files.example.net/",
            "protected endpoint 3 (\"ftp://files.example.net/\"): only http and https URLs can be protected, not "
            "\"ftp\"");
        row("no host", "https:///api/", "protected endpoint 3 (\"https:///api/\"): it names no host");
        row("bad port", "https://prom.example.net:99999/",
            "protected endpoint 3 (\"https://prom.example.net:99999/\"): it is not a valid URL");
        row("password is not repeated", "https://alice:s3cret@prom.example.net/api/",
            "protected endpoint 3 (\"https://alice@prom.example.net/api/\"): it contains a user name or password; "
            "write only the scheme, host, port and path");
        row("user name", "https://prom.example.net@evil.com/",
            "protected endpoint 3 (\"https://prom.example.net@evil.com/\"): it contains a user name or password; write "
            "only the scheme, host, port and path");
        row("empty user info", "https://@prom.example.net/",
            "protected endpoint 3 (\"https://@prom.example.net/\"): it contains a user name or password; write only "
            "the scheme, host, port and path");
        row("query is not repeated", "https://prom.example.net/api?key=abc",
            "protected endpoint 3 (\"https://prom.example.net/api\"): it has a query (\"?…\"); a prefix is a scheme, "
            "host, port and path");
        row("fragment", "https://prom.example.net/api#top",
            "protected endpoint 3 (\"https://prom.example.net/api#top\"): it has a fragment (\"#…\"); a prefix is a "
            "scheme, host, port and path");
        row("missing colon", "http//x",
            "protected endpoint 3 (\"http//x\"): it has a path but no scheme; write a URL prefix such as "
            "\"https://host/path/\"");
        row("host with port", "prom.example.net:9090",
            "protected endpoint 3 (\"prom.example.net:9090\"): a host pattern has no port; write a URL prefix such as "
            "\"https://host:9090/\" to protect one port");
        row("not a host", "prom..example.net",
            "protected endpoint 3 (\"prom..example.net\"): it is not a valid host name");

        const auto insecureRow = [&](const char* tag, const char* entry, const char* error) {
            QTest::newRow(tag) << QStringList{ok} << QStringList{ok, QString::fromUtf8(entry)}
                               << QString::fromUtf8(error);
        };
        insecureRow("insecure: empty", "", "plain-HTTP host 2 (\"\"): it is empty");
        insecureRow("insecure: a URL", "http://site.vpn/",
                    "plain-HTTP host 2 (\"http://site.vpn/\"): it has a scheme or path; write only the host name");
        insecureRow("insecure: wildcard", "*.vpn",
                    "plain-HTTP host 2 (\"*.vpn\"): a wildcard is not allowed here; name each host");
        insecureRow("insecure: port", "site.vpn:8080", "plain-HTTP host 2 (\"site.vpn:8080\"): a host has no port");
        insecureRow("insecure: space", "site vpn",
                    "plain-HTTP host 2 (\"site vpn\"): it contains a space; write one host per entry");
    }
    void createErrors()
    {
        QFETCH(QStringList, patterns);
        QFETCH(QStringList, insecure);
        QFETCH(QString, error);
        const auto policy = BearerPolicy::create(patterns, insecure);
        QVERIFY(!policy.ok());
        QCOMPARE(policy.error().message(), error);
        QVERIFY(!policy.error().message().contains(QLatin1String("s3cret")));
        QVERIFY(!policy.error().message().contains(QLatin1String("key=abc")));
    }

    void accepted()
    {
        const auto policy
            = BearerPolicy::create({QStringLiteral("  https://prom.example.net/api/ "), QStringLiteral("*.co.uk"),
                                    QStringLiteral("[::1]"), QStringLiteral("prom.example.net.")},
                                   {QStringLiteral(" site.vpn "), QStringLiteral("10.0.0.1")});
        QVERIFY2(policy.ok(), qPrintable(failure(policy)));
        QCOMPARE(policy->protectedPatterns(),
                 QStringList({QStringLiteral("https://prom.example.net/api/"), QStringLiteral("*.co.uk"),
                              QStringLiteral("[::1]"), QStringLiteral("prom.example.net.")}));
        QVERIFY(BearerPolicy::create({}, {}).ok());
    }

    void refusal_data()
    {
        QTest::addColumn<QUrl>("url");
        QTest::addColumn<QString>("origin");
        QTest::newRow("default port") << QUrl(QStringLiteral("http://legacy.example.net/metrics?token=abc#x"))
                                      << QStringLiteral("http://legacy.example.net:80");
        QTest::newRow("explicit port") << QUrl(QStringLiteral("http://Alert.Example.NET:9093/api/v2/alerts"))
                                       << QStringLiteral("http://alert.example.net:9093");
        QTest::newRow("ipv6") << QUrl(QStringLiteral("http://[2001:db8::1]:8080/x?key=abc"))
                              << QStringLiteral("http://[2001:db8::1]:8080");
        QTest::newRow("user info is not shown") << QUrl(QStringLiteral("http://alice:s3cret@legacy.example.net/"))
                                                << QStringLiteral("http://legacy.example.net:80");
    }
    void refusal()
    {
        QFETCH(QUrl, url);
        QFETCH(QString, origin);
        const QString text = BearerPolicy::refusal(url);
        QCOMPARE(text,
                 QStringLiteral("not sending the sign-in token to %1 over plain HTTP; anyone on the network path could "
                                "read it. If you trust that network (a VPN, for example), allow plain HTTP for this "
                                "host in Settings → Sign-in")
                     .arg(origin));
        for (const char* secret : {"token=abc", "key=abc", "metrics", "/api", "s3cret", "alice"})
            QVERIFY2(!text.contains(QLatin1String(secret)), secret);
    }
};

QTEST_GUILESS_MAIN(TestBearerPolicy)
#include "tst_bearerpolicy.moc"
