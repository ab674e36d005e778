// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/Result.h"
#include "metrics/HealthSeries.h"
#include "metrics/StationHealth.h"

#include <QList>
#include <QWidget>

#include <chrono>

class QAbstractButton;
class QButtonGroup;
class QLabel;

namespace sd {

class Clock;
class HealthBadgeLabel;
class HealthChart;

// One station's health: name, state badge, reason, last seen, where the data comes from, and CPU
// and memory charts over 15 min / 1 h / 6 h / 24 h, exportable as PNG and CSV.
// The page never fetches: a range button emits rangeRequested(), and the app answers with
// setHistory() (and calls it again whenever new samples arrive). The shown range ends at the
// clock's "now" at the time of setHistory().
class StationHealthPage : public QWidget
{
    Q_OBJECT
public:
    explicit StationHealthPage(const Clock& clock, QWidget* parent = nullptr);

    void setStation(const QString& name);
    void setHealth(const StationHealth& health);
    // Every series of the station for the current range; CPU goes to the CPU chart, memory in
    // bytes (or in percent when no bytes are given) to the memory chart; all of them go to CSV.
    void setHistory(const QList<HealthSeries>& series);
    // "scraped directly", "from Prometheus at https://prom.example.net"
    void setSource(const QString& text);

    std::chrono::seconds range() const { return m_range; }
    // Selects a range as its button does (rechart now, then emit rangeRequested).
    void selectRange(std::chrono::seconds range);

    Result<void> exportPng(const QString& path) const;
    Result<void> exportCsv(const QString& path) const;

    HealthChart* cpuChart() const { return m_cpu; }
    HealthChart* memoryChart() const { return m_memory; }

    static QList<std::chrono::seconds> ranges();

Q_SIGNALS:
    void rangeRequested(std::chrono::seconds range);

private:
    void rechart();
    void alignPlots();
    void updateLastSeen();
    void askExport(const QString& title, const QString& suffix, const QString& filter,
                   Result<void> (StationHealthPage::*write)(const QString&) const);
    QString suggestedFileName(const QString& suffix) const;

    const Clock& m_clock;
    QLabel* m_name;
    HealthBadgeLabel* m_badge;
    QLabel* m_source;
    QLabel* m_reason;
    QLabel* m_lastSeen;
    QButtonGroup* m_rangeButtons;
    QWidget* m_charts;
    HealthChart* m_cpu;
    HealthChart* m_memory;
    QString m_station;
    StationHealth m_health;
    QList<HealthSeries> m_history;
    std::chrono::seconds m_range{3600};
};

} // namespace sd
