// SPDX-License-Identifier: GPL-3.0-or-later
#include "metrics/MetricsFormat.h"

namespace sd {

MetricsFormat metricsFormatFromContentType(std::string_view contentType)
{
    constexpr std::string_view kOpenMetrics = "application/openmetrics-text";
    std::size_t start = contentType.find_first_not_of(" \t");
    if (start == std::string_view::npos)
        return MetricsFormat::PrometheusText;
    std::string_view type = contentType.substr(start);
    type = type.substr(0, type.find(';'));
    while (!type.empty() && (type.back() == ' ' || type.back() == '\t'))
        type.remove_suffix(1);
    if (type.size() != kOpenMetrics.size())
        return MetricsFormat::PrometheusText;
    for (std::size_t i = 0; i < type.size(); ++i) {
        char c = type[i];
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
        if (c != kOpenMetrics[i])
            return MetricsFormat::PrometheusText;
    }
    return MetricsFormat::OpenMetrics;
}

} // namespace sd
