// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/Result.h"

#include <QString>
#include <QUrl>

class QSettings;

namespace sd {

// How Stationdeck learns the health of the fleet. Kept in Settings (group "health"); holds no secret
// (a protected server's token comes from the sign-in, see BearerPolicy).
//   Direct  the console scrapes every station's metrics URLs itself; history is what it collected
//           since it started, or the Prometheus server's when one is set (longer ranges, older data).
//   Server  for fleets too large to scrape from one desktop: live values and history come from a
//           Prometheus-compatible server (Prometheus, Thanos, Mimir, VictoriaMetrics) by PromQL.
struct HealthConfig
{
    enum class Source { Direct, Server };
    // How a station is found among the server's series: the label `stationLabel` equals the
    // host:port of the station's first metrics URL (Prometheus's own `instance`), or its name.
    enum class StationMatch { UrlAuthority, StationName };

    Source source = Source::Direct;
    QUrl serverUrl; // e.g. http://prometheus.example:9090; empty: none
    QString stationLabel = QStringLiteral("instance");
    StationMatch stationMatch = StationMatch::UrlAuthority;
    QString extraSelector; // server: added to the node_exporter metrics' selector, e.g. job="node"
    QString processSelector; // server: added to the process metrics' selector, e.g. job="app"
    int rateWindowSecs = 0; // server: the rate window; 0 derives it (see PromQlSettings)

    int intervalSecs = 15;
    int timeoutSecs = 10;
    int maxConcurrent = 64;
    int bodyLimitMiB = 16;
    int historyHours = 6;
    int staleIntervals = 3;

    bool hasServer() const { return serverUrl.isValid() && !serverUrl.isEmpty(); }

    // Checks what a person typed; the sentence names the setting.
    Result<void> check() const;

    static HealthConfig load(QSettings& settings); // in the settings' current group
    void save(QSettings& settings) const;
};

} // namespace sd
