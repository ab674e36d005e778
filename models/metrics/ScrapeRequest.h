// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "metrics/ScrapeTarget.h"

#include <QByteArray>
#include <QDateTime>

#include <chrono>

namespace sd {

// One scrape as the Scraper hands it to a ScrapeWorker: whom to ask, what to add to the request
// (an Authorization field when a token was needed), and the limits it runs under.
struct ScrapeRequest
{
    // What Prometheus sends: OpenMetrics first, then the text format, then anything.
    static constexpr const char* kAccept
        = "application/openmetrics-text;version=1.0.0;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";
    static constexpr int kMaxRedirects = 5;

    quint64 id = 0;
    ScrapeTarget target;
    QDateTime startedAt; // UTC, from the Scraper's Clock
    QByteArray authorization; // the Authorization field's value, or empty; never logged
    std::chrono::milliseconds timeout{10000}; // the total deadline, as the sentences name it
    std::chrono::milliseconds left{10000}; // what is left of it when the worker gets the request
    qint64 bodyLimit = 16 * 1024 * 1024; // after decoding
};

} // namespace sd
