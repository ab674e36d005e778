// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "metrics/ScrapeTarget.h"

#include <QString>

#include <chrono>

namespace sd {

// The words of the scraper's sentences.

// "ktm-01: http://10.1.2.3:9100/metrics": the station and its URL without user info or query
// (either could hold a secret); only the URL when there is no station name or it is the URL.
QString scrapeSubject(const ScrapeTarget& target);
// A URL as the sentences show it: no user info, no query, no fragment.
QString scrapeUrlText(const QUrl& url);
// "10 s", "1.5 s", "250 ms".
QString scrapeDurationText(std::chrono::milliseconds duration);
// "16 MiB", "512 KiB", "100 bytes": whole units only when exact, else one decimal.
QString scrapeSizeText(qint64 bytes);

} // namespace sd
