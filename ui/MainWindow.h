// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QMainWindow>

class QAction;
class QListWidget;
class QStackedWidget;
class QToolBar;

namespace sd {

class AuditPage;
class FleetPage;

// The frame around the pages: navigation, tool bar, menus and status bar. It only navigates;
// what the actions do is wired by the app.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    enum Page { FleetPageIndex, AuditPageIndex };

    MainWindow(FleetPage* fleet, AuditPage* audit, QWidget* parent = nullptr);

    void showPage(Page page);
    void showStatus(const QString& message, bool error = false);
    void setBusy(bool busy, const QString& message = {});
    void restoreWindowState();
    QAction* reimportAction() const { return m_reimport; }
    // Puts a widget (the account button) at the right end of the tool bar.
    void setAccountWidget(QWidget* widget);

Q_SIGNALS:
    void reimportRequested();
    void settingsRequested();
    void aboutRequested();
    void pageShown(sd::MainWindow::Page page);

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void buildActions();
    void buildMenus();

    FleetPage* m_fleet;
    AuditPage* m_audit;
    QListWidget* m_nav;
    QStackedWidget* m_stack;
    QAction* m_reimport = nullptr;
    QAction* m_settings = nullptr;
    QAction* m_about = nullptr;
    QAction* m_quit = nullptr;
    QAction* m_find = nullptr;
    QToolBar* m_toolbar = nullptr;
};

} // namespace sd
