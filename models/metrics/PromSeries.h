// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QMap>
#include <QString>

#include <cstdint>
#include <vector>

namespace sd {

// One series of a Prometheus query answer: its labels (with "__name__" when the server kept it)
// and its points in the order the server sent them (ascending time). An instant vector's series
// have one point each. Values may be NaN or ±Inf, as the server wrote them.
struct PromSeries
{
    QMap<QString, QString> labels;
    std::vector<std::int64_t> timesMs; // UTC milliseconds since the epoch
    std::vector<double> values; // same length as timesMs

    QString label(const QString& name) const { return labels.value(name); }
};

} // namespace sd
