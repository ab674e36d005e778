// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/Result.h"

#include <QStringList>
#include <QUrl>

namespace sd {

// Which requests may carry the user's access token. A token goes only where the user said it
// should — never to any other host — and never in clear text over the network.
//
// Protected patterns, one per entry:
//   "https://prom.example.net/api/"   a URL prefix: same scheme, host and port, path starts with it
//   "*.example.net"                  a host pattern: that host or any subdomain, any scheme/port
//   "prom.example.net"                exactly that host, any scheme/port
// Plain http to a host that is not loopback is refused unless the host is in the insecure-allowed
// list (the user accepted that risk for that host, e.g. a site link inside a VPN).
//
// Hosts compare lowercase, in ACE form ("bücher.example" is "xn--bcher-kva.example"), without
// brackets around IPv6 literals and without a trailing dot. A URL prefix matches on the effective
// port (80/443 when none is written) and on whole path segments ("/api" matches "/api" and
// "/api/x", not "/apix"; "/api/" matches only below it); dot segments are removed first.
// "*.example.net" also matches example.net itself; a wildcard needs at least two labels after it
// and never covers IP addresses. Entries are trimmed; an entry with a space, a user name or
// password, a query or a fragment is refused. Loopback is localhost, 127.0.0.0/8 and ::1.
// decide() gives NoToken for schemes other than http/https and for URLs carrying a user name or
// password of their own (those authenticate themselves; the token is not added to them).
class BearerPolicy
{
public:
    enum class Decision { NoToken, Attach, RefuseInsecure };

    // Errors name the entry: "protected endpoint 3 ("http//x"): …".
    static Result<BearerPolicy> create(const QStringList& protectedPatterns, const QStringList& insecureAllowedHosts);

    Decision decide(const QUrl& url) const;
    // A sentence for RefuseInsecure: "not sending the sign-in token to http://host:port over plain HTTP; …".
    static QString refusal(const QUrl& url);

    const QStringList& protectedPatterns() const { return m_patterns; }

private:
    struct Pattern
    {
        enum class Kind { UrlPrefix, Host, Wildcard };
        Kind kind = Kind::Host;
        QString scheme; // UrlPrefix: "http" or "https"
        QString host; // lowercase, ACE (IDNA), no brackets, no trailing dot; Wildcard: the part after "*."
        int port = -1; // UrlPrefix: the effective port
        QString path; // UrlPrefix: fully encoded, dot segments removed, at least "/"
    };
    static Result<Pattern> parsePattern(const QString& text);
    static bool matches(const Pattern& pattern, const QString& scheme, const QString& host, int port,
                        const QString& path);

    QStringList m_patterns; // as the user wrote them, trimmed
    QList<Pattern> m_parsed;
    QStringList m_insecureHosts; // normalised like Pattern::host
};

} // namespace sd
