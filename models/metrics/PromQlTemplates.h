// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/Result.h"
#include "metrics/HealthMetric.h"
#include "metrics/PromQlSettings.h"

#include <QList>
#include <QStringList>
#include <QUrl>

namespace sd {

// The PromQL that asks a Prometheus server for one health figure of many stations at once, one
// series per station (aggregated "by (<station label>)"). With L the station label, S the node
// selector, P the process selector, K the station matcher and W the rate window:
//   cpu_percent        100 - 100 * avg by (L) (rate(node_cpu_seconds_total{mode="idle",S,K}[W]))
//                      or, marked sd_source="process", 100 * sum by (L) (rate(process_cpu_seconds_total{P,K}[W]))
//   memory_used_bytes  sum by (L) (node_memory_MemTotal_bytes{S,K} - node_memory_MemAvailable_bytes{S,K})
//   memory_percent     100 * that / sum by (L) (node_memory_MemTotal_bytes{S,K})
//   resident_bytes     sum by (L) (process_resident_memory_bytes{P,K})   (virtual_bytes alike)
//   up                 min by (L) (up{K})   scrape_seconds  max by (L) (scrape_duration_seconds{K})
// The node formula comes first for CPU: a station with a node exporter gets its CPU %, an
// application-only station its process's CPU (% of one core); see PromQlClient for the choice.
// K is L="value" for one station, L=~"a|b" for several (values escaped for PromQL strings and
// RE2), and absent for "every station".
class PromQlTemplates
{
public:
    // Checks the label name and the selectors (a refused setting gets a sentence naming it).
    static Result<PromQlTemplates> create(const PromQlSettings& settings);
    PromQlTemplates() = default; // the defaults, which are valid

    const PromQlSettings& settings() const { return m_settings; }

    // `keys`: the station label values to match (empty: every station). `stepSeconds`: the
    // query_range step, 0 for an instant query (it sets the rate window).
    QString expression(HealthMetric metric, const QStringList& keys, int stepSeconds = 0) const;
    // The label values that stand for a station: its metrics URLs' host:port (port from the
    // scheme when not written; IPv6 in brackets), or its name.
    QStringList keysFor(const QString& stationName, const QList<QUrl>& metricsUrls) const;
    int rateWindowSeconds(int stepSeconds) const;

    // The label that marks the process-CPU half of cpu_percent.
    static QString sourceLabel() { return QStringLiteral("sd_source"); }
    // A PromQL double-quoted string literal holding `value` exactly.
    static QString quote(const QString& value);
    // `value` as an RE2 pattern matching only itself.
    static QString regexEscape(const QString& value);
    // "1m", "90s", "2h": a PromQL duration.
    static QString duration(int seconds);
    static bool isLabelName(const QString& name);
    // Empty, or label matchers separated by commas (job="node", env!~"test|dev").
    static Result<void> checkSelector(const QString& selector, const QString& what = QStringLiteral("selector"));

private:
    explicit PromQlTemplates(PromQlSettings settings)
        : m_settings(std::move(settings))
    { }
    QString selector(const QStringList& matchers) const;
    QString stationMatcher(const QStringList& keys) const;

    PromQlSettings m_settings;
};

} // namespace sd
