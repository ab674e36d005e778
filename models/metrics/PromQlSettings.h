// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace sd {

// How Stationdeck asks a Prometheus-compatible server for its stations' health (PromQlTemplates).
struct PromQlSettings
{
    // Which label tells the stations apart, and what its value is for a station:
    //   Address  the host:port of the station's metrics URLs (Prometheus's "instance" by default);
    //   Name     the station's name (a "station" label set in the scrape configuration).
    enum class Match { Address, Name };
    Match match = Match::Address;
    QString label = QStringLiteral("instance");

    // The server's scrape interval; rate windows span at least 4 of them, steps at least one.
    int scrapeIntervalSeconds = 15;
    // A fixed rate window in seconds; 0 derives it: max(4 × scrape interval, step).
    int rateWindowSeconds = 0;
    // Extra label matchers for node_exporter metrics (e.g. job="node") and for the process
    // metrics of application endpoints (e.g. job="app"); empty for none.
    QString nodeSelector;
    QString processSelector;
};

} // namespace sd
