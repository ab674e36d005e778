// SPDX-License-Identifier: GPL-3.0-or-later
#include "auth/BearerPolicy.h"

#include <QHostAddress>

#include <algorithm>

namespace sd {

namespace {

const QString kHttp = QStringLiteral("http");
const QString kHttps = QStringLiteral("https");

int defaultPort(const QString& scheme)
{
    return scheme == kHttps ? 443 : 80;
}

bool hasSpace(const QString& text)
{
    return std::any_of(text.cbegin(), text.cend(), [](QChar c) { return c.isSpace(); });
}

// Lowercase, ACE (IDNA), without brackets or one trailing dot ("example.net." is example.net).
QString normalisedHost(QString host)
{
    if (host.endsWith(QLatin1Char('.')))
        host.chop(1);
    return host;
}

bool isIpAddress(const QString& host)
{
    QHostAddress address;
    return address.setAddress(host);
}

bool isLoopback(const QString& host)
{
    if (host == QLatin1String("localhost"))
        return true;
    QHostAddress address;
    return address.setAddress(host) && address.isLoopback();
}

// RFC 3986 section 5.2.4 on an absolute, fully encoded path; "" becomes "/". (Qt 6.4's
// QUrl::NormalizePathSegments turns "/a/./b/../c" into "/a//c", so it is not used.)
QString withoutDotSegments(const QString& path)
{
    if (path.isEmpty())
        return QStringLiteral("/");
    const QStringList input = path.split(QLatin1Char('/'));
    QStringList output{input.first()};
    for (qsizetype i = 1; i < input.size(); ++i) {
        const QString& segment = input.at(i);
        const bool last = i == input.size() - 1;
        if (segment == QLatin1String(".")) {
            if (last)
                output.append(QString());
        } else if (segment == QLatin1String("..")) {
            if (output.size() > 1)
                output.removeLast();
            if (last)
                output.append(QString());
        } else {
            output.append(segment);
        }
    }
    QString result = output.join(QLatin1Char('/'));
    if (!result.startsWith(QLatin1Char('/')))
        result.prepend(QLatin1Char('/'));
    return result;
}

// A host as written in settings ("Prom.Example.NET", "bücher.example", "[::1]", "::1"), checked
// and normalised; an error says why it is not a host. `portAdvice` follows "… has no port".
Result<QString> parseHost(const QString& text, const QString& subject, const QString& portAdvice)
{
    if (text.contains(QLatin1String("://")) || text.contains(QLatin1Char('/')))
        return Error(QStringLiteral("it has a scheme or path; write only the host name"));
    QUrl url;
    url.setHost(text, QUrl::StrictMode);
    const QString host = normalisedHost(url.host(QUrl::FullyEncoded));
    if (!url.isValid() || host.isEmpty()) {
        if (text.contains(QLatin1Char(':')) && !isIpAddress(text))
            return Error(QStringLiteral("%1 has no port%2").arg(subject, portAdvice));
        return Error(QStringLiteral("it is not a valid host name"));
    }
    return host;
}

} // namespace

Result<BearerPolicy::Pattern> BearerPolicy::parsePattern(const QString& text)
{
    if (text.isEmpty())
        return Error(QStringLiteral("it is empty"));
    if (hasSpace(text))
        return Error(QStringLiteral("it contains a space; write one URL or host per entry"));

    Pattern pattern;
    if (text.contains(QLatin1String("://"))) {
        if (text.contains(QLatin1Char('*')))
            return Error(QStringLiteral("a wildcard works only in a host pattern without a scheme, such as "
                                        "\"*.example.net\""));
        const QUrl url(text, QUrl::StrictMode);
        if (!url.isValid())
            return Error(QStringLiteral("it is not a valid URL"));
        pattern.kind = Pattern::Kind::UrlPrefix;
        pattern.scheme = url.scheme();
        if (pattern.scheme != kHttp && pattern.scheme != kHttps)
            return Error(QStringLiteral("only http and https URLs can be protected, not \"%1\"").arg(url.scheme()));
        const QString authority = text.section(QLatin1String("://"), 1).section(QLatin1Char('/'), 0, 0);
        if (!url.userInfo().isEmpty() || authority.contains(QLatin1Char('@')))
            return Error(QStringLiteral("it contains a user name or password; write only the scheme, host, port "
                                        "and path"));
        if (url.hasQuery())
            return Error(QStringLiteral("it has a query (\"?…\"); a prefix is a scheme, host, port and path"));
        if (url.hasFragment())
            return Error(QStringLiteral("it has a fragment (\"#…\"); a prefix is a scheme, host, port and path"));
        pattern.host = normalisedHost(url.host(QUrl::FullyEncoded));
        if (pattern.host.isEmpty())
            return Error(QStringLiteral("it names no host"));
        pattern.port = url.port(defaultPort(pattern.scheme));
        pattern.path = withoutDotSegments(url.path(QUrl::FullyEncoded));
        return pattern;
    }

    if (text == QLatin1String("*") || text == QLatin1String("*."))
        return Error(QStringLiteral("a lone \"*\" would send the token to every host; name the hosts"));
    if (text.contains(QLatin1Char('/')))
        return Error(QStringLiteral("it has a path but no scheme; write a URL prefix such as "
                                    "\"https://host/path/\""));
    QString hostText = text;
    if (text.startsWith(QLatin1String("*."))) {
        pattern.kind = Pattern::Kind::Wildcard;
        hostText = text.mid(2);
    }
    if (hostText.contains(QLatin1Char('*')))
        return Error(QStringLiteral("a wildcard is allowed only as the whole first label, as in \"*.example.net\""));
    const Result<QString> host = parseHost(hostText, QStringLiteral("a host pattern"),
                                           QStringLiteral("; write a URL prefix such as \"https://host:9090/\" to "
                                                          "protect one port"));
    if (!host)
        return host.error();
    pattern.host = host.value();
    if (pattern.kind == Pattern::Kind::Wildcard) {
        const QStringList labels = pattern.host.split(QLatin1Char('.'));
        bool numeric = false;
        labels.last().toUInt(&numeric);
        if (isIpAddress(pattern.host) || numeric)
            return Error(QStringLiteral("a wildcard cannot cover IP addresses; name each address"));
        if (labels.size() < 2)
            return Error(QStringLiteral("\"*.%1\" would cover every host under \"%1\"; name at least two labels "
                                        "after \"*.\", as in \"*.example.net\"")
                             .arg(pattern.host));
    }
    return pattern;
}

Result<BearerPolicy> BearerPolicy::create(const QStringList& protectedPatterns, const QStringList& insecureAllowedHosts)
{
    BearerPolicy policy;
    for (qsizetype i = 0; i < protectedPatterns.size(); ++i) {
        const QString text = protectedPatterns.at(i).trimmed();
        const Result<Pattern> pattern = parsePattern(text);
        if (!pattern) {
            // Never repeat a password or query (it may hold a key) the user pasted into the entry.
            const QUrl url(text);
            const bool secret = url.isValid() && (!url.password().isEmpty() || url.hasQuery());
            const QString shown = secret ? url.toString(QUrl::RemovePassword | QUrl::RemoveQuery) : text;
            return pattern.error().withContext(QStringLiteral("protected endpoint %1 (\"%2\")").arg(i + 1).arg(shown));
        }
        policy.m_patterns.append(text);
        policy.m_parsed.append(pattern.value());
    }
    for (qsizetype i = 0; i < insecureAllowedHosts.size(); ++i) {
        const QString text = insecureAllowedHosts.at(i).trimmed();
        const auto fail = [&](const Error& error) {
            return error.withContext(QStringLiteral("plain-HTTP host %1 (\"%2\")").arg(i + 1).arg(text));
        };
        if (text.isEmpty())
            return fail(Error(QStringLiteral("it is empty")));
        if (hasSpace(text))
            return fail(Error(QStringLiteral("it contains a space; write one host per entry")));
        if (text.contains(QLatin1Char('*')))
            return fail(Error(QStringLiteral("a wildcard is not allowed here; name each host")));
        const Result<QString> host = parseHost(text, QStringLiteral("a host"), QString());
        if (!host)
            return fail(host.error());
        if (!policy.m_insecureHosts.contains(host.value()))
            policy.m_insecureHosts.append(host.value());
    }
    return policy;
}

bool BearerPolicy::matches(const Pattern& pattern, const QString& scheme, const QString& host, int port,
                           const QString& path)
{
    switch (pattern.kind) {
    case Pattern::Kind::Host:
        return host == pattern.host;
    case Pattern::Kind::Wildcard:
        return !isIpAddress(host) && (host == pattern.host || host.endsWith(QLatin1Char('.') + pattern.host));
    case Pattern::Kind::UrlPrefix:
        if (scheme != pattern.scheme || host != pattern.host || port != pattern.port)
            return false;
        if (pattern.path.endsWith(QLatin1Char('/')))
            return path.startsWith(pattern.path);
        return path == pattern.path || path.startsWith(pattern.path + QLatin1Char('/'));
    }
    return false;
}

BearerPolicy::Decision BearerPolicy::decide(const QUrl& url) const
{
    if (!url.isValid())
        return Decision::NoToken;
    const QString scheme = url.scheme().toLower();
    if (scheme != kHttp && scheme != kHttps)
        return Decision::NoToken;
    // A URL that carries its own credentials is never sent the user's token as well.
    if (!url.userInfo().isEmpty())
        return Decision::NoToken;
    const QString host = normalisedHost(url.host(QUrl::FullyEncoded));
    if (host.isEmpty())
        return Decision::NoToken;
    const int port = url.port(defaultPort(scheme));
    const QString path = withoutDotSegments(url.path(QUrl::FullyEncoded));
    const bool isProtected = std::any_of(m_parsed.cbegin(), m_parsed.cend(), [&](const Pattern& pattern) {
        return matches(pattern, scheme, host, port, path);
    });
    if (!isProtected)
        return Decision::NoToken;
    if (scheme == kHttps || isLoopback(host) || m_insecureHosts.contains(host))
        return Decision::Attach;
    return Decision::RefuseInsecure;
}

QString BearerPolicy::refusal(const QUrl& url)
{
    const QString scheme = url.scheme().toLower();
    QString host = url.host();
    if (host.contains(QLatin1Char(':')))
        host = QLatin1Char('[') + host + QLatin1Char(']');
    return QStringLiteral("not sending the sign-in token to %1://%2:%3 over plain HTTP; anyone on the network path "
                          "could read it. If you trust that network (a VPN, for example), allow plain HTTP for this "
                          "host in Settings → Sign-in")
        .arg(scheme, host)
        .arg(url.port(defaultPort(scheme)));
}

} // namespace sd
