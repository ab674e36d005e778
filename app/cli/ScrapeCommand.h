// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/Clock.h"
#include "metrics/ScrapeOutcome.h"

#include <QHash>
#include <QStringList>
#include <QTextStream>

#include <chrono>

namespace sd {

class BearerAuthenticator;
class Scraper;

// stationdeck-cli scrape URL... [--interval SECONDS] [--timeout SECONDS] [--json]
// Scrapes each target twice, the interval apart (CPU needs two readings), with the console's own
// Scraper, and prints per target: up or down, CPU %, and memory used (node_exporter: used of total
// and %) or resident and virtual memory (an application's process metrics). Needs no database (the caller
// opens one to audit the sign-in when a protected endpoint needs the token).
//   all up:      exit code 0
//   any down:    exit code 1; the table says "down" and the sentence why (also on stderr)
//   bad input:   one sentence on stderr, exit code 1
// --json prints an array of objects (null for a figure that is not known).
// With an authenticator, requests to protected endpoints carry the signed-in user's token (as in
// the console, see docs/health.md); a target that needs one when nobody is signed in is down, with
// the sentence why.
class ScrapeCommand
{
public:
    ScrapeCommand(QTextStream& out, QTextStream& err);

    void setAuthenticator(const BearerAuthenticator* authenticator) { m_authenticator = authenticator; }

    int run(const QStringList& urls, std::chrono::seconds interval, std::chrono::seconds timeout, bool json);

private:
    int fail(const QString& message);
    void scrapeRound(Scraper& scraper, QHash<QString, ScrapeOutcome>& into);

    QTextStream& m_out;
    QTextStream& m_err;
    SystemClock m_clock;
    const BearerAuthenticator* m_authenticator = nullptr;
};

} // namespace sd
