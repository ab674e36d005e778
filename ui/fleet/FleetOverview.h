// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "metrics/FleetHealthSummary.h"

#include <QFrame>

class QLabel;

namespace sd {

// The band above the station table: stations by state, the busiest by CPU and by memory, and the
// sites whose link is down. A station name is a link: activating it selects the station.
class FleetOverview : public QFrame
{
    Q_OBJECT
public:
    explicit FleetOverview(QWidget* parent = nullptr);

    void setSummary(const FleetHealthSummary& summary);
    // Shown instead of the figures while there is nothing to show ("Health is off: …").
    void setNote(const QString& sentence);

Q_SIGNALS:
    void stationActivated(const QString& station);

private:
    QLabel* column(const QString& objectName);
    void onLink(const QString& link);

    QLabel* m_states;
    QLabel* m_cpu;
    QLabel* m_memory;
    QLabel* m_links;
};

} // namespace sd
