// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/Result.h"
#include "metrics/HealthConfig.h"
#include "settings/SignInSettingsPage.h"

#include <QDialog>

#include <functional>

class QLabel;
class QLineEdit;
class QTabWidget;

namespace sd {

class HealthSettingsPage;

// Database, inventory, sign-in and health settings. The handler (wired by the app) checks and stores them; the
// dialog stays open with the reason in red while it refuses.
class SettingsDialog : public QDialog
{
    Q_OBJECT
public:
    struct Values
    {
        QString databaseUrl; // empty: the default SQLite file
        QString inventoryPath;
        QMap<QString, SignInSettings> signInProfiles; // by profile name
        QString activeProfile;
        HealthConfig health;
    };
    using Handler = std::function<Result<void>(const Values&)>;

    SettingsDialog(const Values& values, const QString& defaultDatabase, const QString& databaseInUse, Handler handler,
                   QWidget* parent = nullptr);

    Values values() const;
    void showTab(int index);
    void accept() override;

Q_SIGNALS:
    void reimportRequested(const QString& inventoryPath);

private:
    bool apply();
    void browse();

    Handler m_handler;
    QLineEdit* m_database;
    QLineEdit* m_inventory;
    SignInSettingsPage* m_signIn;
    HealthSettingsPage* m_health;
    QTabWidget* m_tabs = nullptr;
    QLabel* m_error;
};

} // namespace sd
