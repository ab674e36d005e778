// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/Clock.h"
#include "core/Result.h"
#include "fleet/ImportReport.h"
#include "metrics/HealthConfig.h"

#include <QJsonObject>
#include <QObject>
#include <QTimer>

#include <memory>

class QNetworkAccessManager;

namespace sd {

class AuditPage;
class AuditTableModel;
class Database;
class Fleet;
class FleetEditor;
class FleetPage;
class HealthController;
class InventorySync;
class MainWindow;
class SignInController;
class SiteTreeModel;
class StationHealthPage;
class StationTableModel;

// The composition root of the desktop console: builds the database, the fleet, the item models
// and the widgets, and wires them together. Nothing else creates long-lived objects.
class GuiApp : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        QString databaseUrl; // overrides Settings for this run
        QString inventoryPath; // import at start (and remember)
        QString issuer; // sign in with this identity provider for this run (overrides Settings)
        QString clientId;
        QString profile; // the sign-in profile for this run (default: the one chosen in Settings)
    };

    GuiApp();
    ~GuiApp() override;

    Result<void> start(const Options& options);
    MainWindow* window() const { return m_window.get(); }
    SignInController* signIn() const { return m_signIn.get(); }
    FleetPage* fleetPage() const { return m_fleetPage; }
    StationHealthPage* stationHealthPage() const { return m_stationHealthPage; }
    HealthController* health() const { return m_health.get(); }

private:
    void wire();
    void reimport();
    void onImportFinished(const Result<ImportReport>& report);
    void showSettings(int tab = 0);
    void audit(const QString& action, const QString& subject, const QJsonObject& details);
    void showAbout();
    void applyHealthConfig(const HealthConfig& config);
    void refreshClock();
    void scheduleClock();

    SystemClock m_clock;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<Fleet> m_fleet;
    std::unique_ptr<FleetEditor> m_editor;
    std::unique_ptr<InventorySync> m_sync;
    std::unique_ptr<SiteTreeModel> m_siteModel;
    std::unique_ptr<StationTableModel> m_stationModel;
    std::unique_ptr<AuditTableModel> m_auditModel;
    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<SignInController> m_signIn;
    std::unique_ptr<HealthController> m_health; // after the models and widgets it feeds
    FleetPage* m_fleetPage = nullptr;
    StationHealthPage* m_stationHealthPage = nullptr;
    AuditPage* m_auditPage = nullptr;
    QTimer m_clockTimer;
    bool m_interactiveImport = false;
};

} // namespace sd
