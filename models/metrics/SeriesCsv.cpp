// SPDX-License-Identifier: GPL-3.0-or-later
#include "metrics/SeriesCsv.h"

#include <QDateTime>
#include <QFileDevice>
#include <QIODevice>
#include <QLocale>

#include <algorithm>
#include <cmath>

namespace sd {

namespace {

QByteArray field(const QString& text)
{
    QByteArray bytes = text.toUtf8();
    if (!bytes.contains(',') && !bytes.contains('"') && !bytes.contains('\n') && !bytes.contains('\r'))
        return bytes;
    bytes.replace('"', QByteArrayLiteral("\"\""));
    return '"' + bytes + '"';
}

QString deviceName(const QIODevice& device)
{
    if (const auto* file = qobject_cast<const QFileDevice*>(&device); file != nullptr && !file->fileName().isEmpty())
        return file->fileName();
    return QStringLiteral("the output");
}

std::vector<std::int64_t> allTimes(const QList<HealthSeries>& series)
{
    std::vector<std::int64_t> times;
    for (const HealthSeries& one : series)
        times.insert(times.end(), one.timesMs.begin(), one.timesMs.end());
    std::sort(times.begin(), times.end());
    times.erase(std::unique(times.begin(), times.end()), times.end());
    return times;
}

} // namespace

QString SeriesCsv::unit(HealthMetric metric)
{
    switch (metric) {
    case HealthMetric::CpuPercent:
    case HealthMetric::MemoryPercent:
        return QStringLiteral("%");
    case HealthMetric::MemoryUsedBytes:
    case HealthMetric::ResidentBytes:
    case HealthMetric::VirtualBytes:
        return QStringLiteral("bytes");
    case HealthMetric::ScrapeSeconds:
        return QStringLiteral("s");
    case HealthMetric::Up:
        break;
    }
    return {};
}

QByteArray SeriesCsv::header(const QList<HealthSeries>& series)
{
    const bool manyStations = std::any_of(
        series.begin(), series.end(), [&](const HealthSeries& one) { return one.station != series.front().station; });
    QByteArray line = QByteArrayLiteral("time (UTC)");
    for (const HealthSeries& one : series) {
        QString name = healthMetricKey(one.metric);
        if (const QString unitText = unit(one.metric); !unitText.isEmpty())
            name += QStringLiteral(" (") + unitText + QLatin1Char(')');
        if (manyStations)
            name = one.station + QLatin1Char(' ') + name;
        line += ',' + field(name);
    }
    return line + QByteArrayLiteral("\r\n");
}

Result<void> SeriesCsv::write(const QList<HealthSeries>& series, QIODevice& device)
{
    if (!device.isWritable())
        return Error(QStringLiteral("cannot write CSV to %1: it is not open for writing").arg(deviceName(device)));
    QByteArray chunk = header(series);
    std::vector<std::size_t> cursors(std::size_t(series.size()), 0);
    const auto flush = [&]() -> bool {
        const bool written = device.write(chunk) == chunk.size();
        chunk.clear();
        return written;
    };
    for (const std::int64_t time : allTimes(series)) {
        chunk += QDateTime::fromMSecsSinceEpoch(time, Qt::UTC).toString(Qt::ISODateWithMs).toLatin1();
        for (qsizetype s = 0; s < series.size(); ++s) {
            const HealthSeries& one = series[s];
            const std::size_t count = std::min(one.timesMs.size(), one.values.size());
            std::size_t& cursor = cursors[std::size_t(s)];
            while (cursor < count && one.timesMs[cursor] < time)
                ++cursor;
            chunk += ',';
            if (cursor < count && one.timesMs[cursor] == time && std::isfinite(one.values[cursor]))
                chunk += QByteArray::number(one.values[cursor], 'g', QLocale::FloatingPointShortest);
        }
        chunk += QByteArrayLiteral("\r\n");
        if (chunk.size() >= 64 * 1024 && !flush())
            return Error(QStringLiteral("cannot write CSV to %1: %2").arg(deviceName(device), device.errorString()));
    }
    if (!flush())
        return Error(QStringLiteral("cannot write CSV to %1: %2").arg(deviceName(device), device.errorString()));
    return {};
}

} // namespace sd
