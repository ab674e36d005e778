// SPDX-License-Identifier: GPL-3.0-or-later
#include "fleet/FleetValidation.h"

#include "fleet/WindowSchedule.h"

#include <QTimeZone>

namespace sd {

Result<void> FleetValidation::checkName(const QString& name)
{
    if (name.trimmed().isEmpty())
        return Error(QStringLiteral("the name is empty"));
    if (name.trimmed() != name)
        return Error(QStringLiteral("\"%1\" begins or ends with a space").arg(name));
    if (std::any_of(name.cbegin(), name.cend(), [](QChar c) { return c.category() == QChar::Other_Control; }))
        return Error(QStringLiteral("the name contains control characters"));
    return {};
}

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
    if (auto name = checkName(site.name); !name)
        return name.error().withContext(QStringLiteral("a site needs a name"));
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
    if (auto name = checkName(station.name); !name)
        return name.error().withContext(QStringLiteral("a station needs a name"));
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
