// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string_view>

namespace sd {

// The two text expositions ExpositionParser reads.
//   PrometheusText  text format 0.0.4 (text/plain; version=0.0.4), read leniently, as Prometheus does.
//   OpenMetrics     OpenMetrics 1.0 text (application/openmetrics-text), read strictly.
enum class MetricsFormat { PrometheusText, OpenMetrics };

// The format a scrape answer is in, from its Content-Type header value: OpenMetrics for
// application/openmetrics-text (any parameters, any letter case), the text format for anything else
// (as Prometheus falls back to it).
MetricsFormat metricsFormatFromContentType(std::string_view contentType);

} // namespace sd
