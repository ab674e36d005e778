// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/Clock.h"
#include "metrics/ScrapeOutcome.h"

#include <QHash>
#include <QStringList>
#include <QTextStream>

#include <chrono>

namespace sd {

class Scraper;

// stationdeck-cli scrape URL... [--interval SECONDS] [--timeout SECONDS] [--json]
// Scrapes each target twice, the interval apart (CPU needs two readings), with the console's own
// Scraper, and prints per target: up or down, CPU %, and memory used (node_exporter: used of total
// and %) or resident and virtual memory (an application's process metrics). Needs no database.
//   all up:      exit code 0
//   any down:    exit code 1; the table says "down" and the sentence why (also on stderr)
//   bad input:   one sentence on stderr, exit code 1
// --json prints an array of objects (null for a figure that is not known).
// Protected endpoints are not given a token here (the console does that, see docs/health.md).
class ScrapeCommand
{
public:
    ScrapeCommand(QTextStream& out, QTextStream& err);

    int run(const QStringList& urls, std::chrono::seconds interval, std::chrono::seconds timeout, bool json);

private:
    int fail(const QString& message);
    void scrapeRound(Scraper& scraper, QHash<QString, ScrapeOutcome>& into);

    QTextStream& m_out;
    QTextStream& m_err;
    SystemClock m_clock;
};

} // namespace sd
