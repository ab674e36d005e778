// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/Error.h"
#include "metrics/RawHealth.h"
#include "metrics/ScrapeTarget.h"

#include <QDateTime>

namespace sd {

// The result of one scrape of one endpoint, handed by the Scraper to whoever keeps health.
struct ScrapeOutcome
{
    // Why a scrape failed. Transport failures are what a dead link looks like (no HTTP answer at
    // all); when every station of a site fails that way at once, the site's link is reported down.
    enum class Failure {
        None,
        Transport, // refused, unreachable, host not found, TLS, connection reset before an answer
        Timeout, // no complete answer within the scrape timeout
        Http, // an HTTP answer other than 200 (404, 500, a redirect loop, ...)
        Body, // 200 but not an exposition: too large, not text, a syntax error (error names LINE:COL)
        Refused, // not sent: a protected endpoint without a token, or plain http the policy refuses
    };

    ScrapeTarget target;
    QDateTime startedAt; // UTC, from the scraper's Clock
    double durationSeconds = 0; // request sent to body parsed (or failure)
    Failure failure = Failure::None;
    Error error; // a sentence naming the URL; empty when failure == None
    int httpStatus = 0; // 0 when no HTTP answer came
    qint64 bodyBytes = 0; // bytes received (after gzip decoding)
    RawHealth raw; // valid when failure == None

    bool ok() const { return failure == Failure::None; }
    // Transport or timeout: the kind of failure a dead link gives.
    bool isUnreachable() const { return failure == Failure::Transport || failure == Failure::Timeout; }
};

} // namespace sd
