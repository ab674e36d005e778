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
    QStringList m_patterns;
    QStringList m_insecureHosts;
};

} // namespace sd
