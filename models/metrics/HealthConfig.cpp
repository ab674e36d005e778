// SPDX-License-Identifier: GPL-3.0-or-later
#include "metrics/HealthConfig.h"

#include <QRegularExpression>
#include <QSettings>

namespace sd {

namespace {

Result<void> inRange(const QString& what, int value, int low, int high)
{
    if (value < low || value > high)
        return Error(QStringLiteral("%1 must be between %2 and %3, not %4").arg(what).arg(low).arg(high).arg(value));
    return {};
}

} // namespace

Result<void> HealthConfig::check() const
{
    if (source == Source::Server && !hasServer())
        return Error(QStringLiteral("reading health from a Prometheus server needs the server's URL"));
    if (hasServer()) {
        const QString scheme = serverUrl.scheme();
        if (serverUrl.isRelative() || serverUrl.host().isEmpty()
            || (scheme != QLatin1String("http") && scheme != QLatin1String("https")))
            return Error(QStringLiteral("the Prometheus server \"%1\" is not an http or https URL")
                             .arg(serverUrl.toDisplayString()));
        if (!serverUrl.userInfo().isEmpty())
            return Error(QStringLiteral("the Prometheus server URL must not carry a user name or password; mark the "
                                        "server as a protected endpoint in Settings → Sign-in instead"));
        if (serverUrl.hasQuery() || serverUrl.hasFragment())
            return Error(QStringLiteral("the Prometheus server URL must not have a query or fragment"));
    }
    static const QRegularExpression labelName(QStringLiteral("^[a-zA-Z_][a-zA-Z0-9_]*$"));
    if (!labelName.match(stationLabel).hasMatch())
        return Error(QStringLiteral("the station label \"%1\" is not a Prometheus label name").arg(stationLabel));
    if (extraSelector.contains(QLatin1Char('{')) || extraSelector.contains(QLatin1Char('}')))
        return Error(QStringLiteral("the node selector is written without braces, e.g. job=\"node\""));
    if (processSelector.contains(QLatin1Char('{')) || processSelector.contains(QLatin1Char('}')))
        return Error(QStringLiteral("the process selector is written without braces, e.g. job=\"app\""));
    if (rateWindowSecs != 0) {
        if (auto ok
            = inRange(QStringLiteral("the rate window (seconds, 0 for automatic)"), rateWindowSecs, 10, 7 * 86400);
            !ok)
            return ok;
    }
    if (auto ok = inRange(QStringLiteral("the scrape interval (seconds)"), intervalSecs, 1, 3600); !ok)
        return ok;
    if (auto ok = inRange(QStringLiteral("the scrape timeout (seconds)"), timeoutSecs, 1, 300); !ok)
        return ok;
    if (timeoutSecs > intervalSecs * 4)
        return Error(QStringLiteral("the scrape timeout (%1 s) must not exceed four intervals (%2 s)")
                         .arg(timeoutSecs)
                         .arg(intervalSecs * 4));
    if (auto ok = inRange(QStringLiteral("the number of concurrent scrapes"), maxConcurrent, 1, 1024); !ok)
        return ok;
    if (auto ok = inRange(QStringLiteral("the body size limit (MiB)"), bodyLimitMiB, 1, 1024); !ok)
        return ok;
    if (auto ok = inRange(QStringLiteral("the history kept (hours)"), historyHours, 1, 168); !ok)
        return ok;
    return inRange(QStringLiteral("the intervals before a station is stale"), staleIntervals, 2, 100);
}

HealthConfig HealthConfig::load(QSettings& settings)
{
    HealthConfig config;
    config.source = settings.value(QStringLiteral("source")).toString() == QLatin1String("server") ? Source::Server
                                                                                                   : Source::Direct;
    config.serverUrl = QUrl(settings.value(QStringLiteral("serverUrl")).toString());
    config.stationLabel = settings.value(QStringLiteral("stationLabel"), config.stationLabel).toString();
    config.stationMatch = settings.value(QStringLiteral("stationMatch")).toString() == QLatin1String("name")
        ? StationMatch::StationName
        : StationMatch::UrlAuthority;
    config.extraSelector = settings.value(QStringLiteral("extraSelector")).toString();
    config.processSelector = settings.value(QStringLiteral("processSelector")).toString();
    const auto number = [&settings](const char* key, int fallback) {
        bool ok = false;
        const int value = settings.value(QLatin1String(key), fallback).toInt(&ok);
        return ok ? value : fallback;
    };
    config.intervalSecs = number("intervalSecs", config.intervalSecs);
    config.timeoutSecs = number("timeoutSecs", config.timeoutSecs);
    config.maxConcurrent = number("maxConcurrent", config.maxConcurrent);
    config.bodyLimitMiB = number("bodyLimitMiB", config.bodyLimitMiB);
    config.historyHours = number("historyHours", config.historyHours);
    config.staleIntervals = number("staleIntervals", config.staleIntervals);
    config.rateWindowSecs = number("rateWindowSecs", config.rateWindowSecs);
    return config;
}

void HealthConfig::save(QSettings& settings) const
{
    settings.setValue(QStringLiteral("source"),
                      source == Source::Server ? QStringLiteral("server") : QStringLiteral("direct"));
    settings.setValue(QStringLiteral("serverUrl"), serverUrl.toString());
    settings.setValue(QStringLiteral("stationLabel"), stationLabel);
    settings.setValue(QStringLiteral("stationMatch"),
                      stationMatch == StationMatch::StationName ? QStringLiteral("name") : QStringLiteral("authority"));
    settings.setValue(QStringLiteral("extraSelector"), extraSelector);
    settings.setValue(QStringLiteral("processSelector"), processSelector);
    settings.setValue(QStringLiteral("rateWindowSecs"), rateWindowSecs);
    settings.setValue(QStringLiteral("intervalSecs"), intervalSecs);
    settings.setValue(QStringLiteral("timeoutSecs"), timeoutSecs);
    settings.setValue(QStringLiteral("maxConcurrent"), maxConcurrent);
    settings.setValue(QStringLiteral("bodyLimitMiB"), bodyLimitMiB);
    settings.setValue(QStringLiteral("historyHours"), historyHours);
    settings.setValue(QStringLiteral("staleIntervals"), staleIntervals);
}

} // namespace sd
