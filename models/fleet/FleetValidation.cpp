// SPDX-License-Identifier: GPL-3.0-or-later
#include "fleet/FleetValidation.h"

#include "fleet/WindowSchedule.h"

#include <QTimeZone>

namespace sd {

namespace {

bool isValidName(const QString& name)
{
    if (name.trimmed().isEmpty() || name.trimmed() != name)
        return false;
    for (const QChar c : name) {
        if (c.category() == QChar::Other_Control)
            return false;
    }
    return true;
}

} // namespace

Result<void> FleetValidation::checkTimeZone(const QString& timeZone)
{
    if (timeZone.isEmpty())
        return Error(QStringLiteral("no time zone is set"));
    if (!QTimeZone::isTimeZoneIdAvailable(timeZone.toUtf8()))
        return Error(QStringLiteral("\"%1\" is not a known IANA time zone (for example Asia/Kathmandu)").arg(timeZone));
    return {};
}

Result<void> FleetValidation::checkSite(const Site& site)
{
    if (!isValidName(site.name))
        return Error(QStringLiteral("a site needs a name without leading or trailing spaces"));
    if (auto tz = checkTimeZone(site.timeZone); !tz)
        return tz.error().withContext(QStringLiteral("site \"%1\"").arg(site.name));
    auto schedule = WindowSchedule::parse(site.windows, QTimeZone(site.timeZone.toUtf8()));
    if (!schedule)
        return schedule.error().withContext(QStringLiteral("site \"%1\": maintenance window").arg(site.name));
    return {};
}

Result<QUrl> FleetValidation::checkMetricsUrl(const QString& text)
{
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty())
        return Error(QStringLiteral("\"%1\" is not a valid URL").arg(text));
    if (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https"))
        return Error(QStringLiteral("\"%1\" is not an http or https URL").arg(text));
    if (!url.userInfo().isEmpty())
        return Error(QStringLiteral("the metrics URL for host %1 must not carry credentials; mark the endpoint as "
                                    "protected instead")
                         .arg(url.host()));
    return url;
}

QString FleetValidation::defaultMetricsUrl(const QString& host)
{
    const bool ipv6 = host.contains(QLatin1Char(':'));
    return ipv6 ? QStringLiteral("http://[%1]:9100/metrics").arg(host)
                : QStringLiteral("http://%1:9100/metrics").arg(host);
}

Result<void> FleetValidation::checkStation(const Station& station)
{
    if (!isValidName(station.name))
        return Error(QStringLiteral("a station needs a name without leading or trailing spaces"));
    const QString where = QStringLiteral("station \"%1\"").arg(station.name);
    if (station.site.isEmpty())
        return Error(QStringLiteral("%1 belongs to no site").arg(where));
    if (station.ansibleHost.trimmed().isEmpty())
        return Error(QStringLiteral("%1 has no host name or address").arg(where));
    for (const QString& url : station.metricsUrls) {
        if (auto checked = checkMetricsUrl(url); !checked)
            return checked.error().withContext(where + QStringLiteral(": metrics URL"));
    }
    for (auto it = station.labels.cbegin(); it != station.labels.cend(); ++it) {
        if (it.key().trimmed().isEmpty())
            return Error(QStringLiteral("%1 has a label with an empty name").arg(where));
    }
    return {};
}

} // namespace sd
