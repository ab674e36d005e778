// SPDX-License-Identifier: GPL-3.0-or-later
#include "metrics/ScrapeText.h"

#include <QUrl>

namespace sd {

QString scrapeUrlText(const QUrl& url)
{
    return url.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery | QUrl::RemoveFragment);
}

QString scrapeSubject(const ScrapeTarget& target)
{
    const QString url = scrapeUrlText(target.url);
    if (target.station.isEmpty() || target.station == url) // a bare URL (stationdeck-cli scrape)
        return url;
    return target.station + QStringLiteral(": ") + url;
}

QString scrapeDurationText(std::chrono::milliseconds duration)
{
    const qint64 ms = duration.count();
    if (ms < 1000)
        return QStringLiteral("%1 ms").arg(ms);
    if (ms % 1000 == 0)
        return QStringLiteral("%1 s").arg(ms / 1000);
    return QStringLiteral("%1 s").arg(double(ms) / 1000.0, 0, 'g', 6);
}

QString scrapeSizeText(qint64 bytes)
{
    static constexpr qint64 kKiB = 1024;
    static constexpr qint64 kMiB = 1024 * kKiB;
    static constexpr qint64 kGiB = 1024 * kMiB;
    const auto unit = [bytes](qint64 size, const QString& name) {
        if (bytes % size == 0)
            return QStringLiteral("%1 %2").arg(bytes / size).arg(name);
        return QStringLiteral("%1 %2").arg(double(bytes) / double(size), 0, 'f', 1).arg(name);
    };
    if (bytes >= kGiB)
        return unit(kGiB, QStringLiteral("GiB"));
    if (bytes >= kMiB)
        return unit(kMiB, QStringLiteral("MiB"));
    if (bytes >= kKiB)
        return unit(kKiB, QStringLiteral("KiB"));
    return bytes == 1 ? QStringLiteral("1 byte") : QStringLiteral("%1 bytes").arg(bytes);
}

} // namespace sd
