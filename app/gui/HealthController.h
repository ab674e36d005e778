// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "metrics/HealthConfig.h"
#include "metrics/PromQlTemplates.h"

#include <QObject>
#include <QPointer>
#include <QTimer>

#include <chrono>
#include <memory>

class QNetworkAccessManager;

namespace sd {

class BearerAuthenticator;
class Clock;
class Fleet;
class FleetPage;
class HealthTracker;
class PromQlClient;
class Scraper;
class ServerHealthPoller;
class StationHealthPage;
class StationHealthSource;
class StationTableModel;

// Wires station health: the Scraper (or, in server mode, the ServerHealthPoller) feeds the
// HealthTracker, which feeds the fleet table, the overview and the station page; the station page's
// history comes from the tracker, or from the Prometheus server when one is configured. Owns
// the engines; the widgets and item models are the app's.
class HealthController : public QObject
{
    Q_OBJECT
public:
    HealthController(QNetworkAccessManager& network, const Clock& clock, const Fleet& fleet,
                     const BearerAuthenticator& authenticator, StationTableModel& model, FleetPage& page,
                     StationHealthPage& stationPage, QObject* parent = nullptr);
    ~HealthController() override;

    // (Re)starts health with these settings; history is kept when only limits change.
    void applyConfig(const HealthConfig& config);
    const HealthConfig& config() const { return m_config; }
    HealthTracker& tracker() const { return *m_tracker; }

private:
    void rebuildTracker();
    void updateTargets();
    void onTrackerChanged();
    void showStation(const QString& station);
    void showHistory();
    void tick();
    QString sourceText() const;

    QNetworkAccessManager& m_network;
    const Clock& m_clock;
    const Fleet& m_fleet;
    const BearerAuthenticator& m_authenticator;
    StationTableModel& m_model;
    FleetPage& m_page;
    StationHealthPage& m_stationPage;
    HealthConfig m_config;
    PromQlTemplates m_templates;
    std::unique_ptr<HealthTracker> m_tracker;
    std::unique_ptr<Scraper> m_scraper;
    std::unique_ptr<PromQlClient> m_prometheus;
    std::unique_ptr<ServerHealthPoller> m_poller;
    QTimer m_tick;
    QString m_station; // shown on the station page
    std::chrono::seconds m_range{3600};
    int m_historyRequest = 0; // answers of older requests are dropped
    qint64 m_historyShownAtMs = 0;
};

} // namespace sd
