// SPDX-License-Identifier: GPL-3.0-or-later
#include "MainWindow.h"

#include "audit/AuditPage.h"
#include "core/Settings.h"
#include "fleet/FleetPage.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>
#include <QStyle>
#include <QToolBar>

namespace sd {

MainWindow::MainWindow(FleetPage* fleet, AuditPage* audit, QWidget* parent)
    : QMainWindow(parent)
    , m_fleet(fleet)
    , m_audit(audit)
    , m_nav(new QListWidget(this))
    , m_stack(new QStackedWidget(this))
{
    setWindowTitle(QStringLiteral("Stationdeck"));
    setObjectName(QStringLiteral("MainWindow"));
    const QStyle* style = QApplication::style();
    m_nav->addItem(new QListWidgetItem(style->standardIcon(QStyle::SP_ComputerIcon), tr("Fleet")));
    m_nav->addItem(new QListWidgetItem(style->standardIcon(QStyle::SP_FileDialogDetailedView), tr("Audit")));
    m_nav->setFixedWidth(120);
    m_nav->setFrameShape(QFrame::NoFrame);
    m_nav->setSpacing(2);
    m_stack->addWidget(fleet);
    m_stack->addWidget(audit);
    connect(m_nav, &QListWidget::currentRowChanged, this, [this](int row) {
        m_stack->setCurrentIndex(row);
        Q_EMIT pageShown(Page(row));
    });

    auto* central = new QWidget(this);
    auto* layout = new QHBoxLayout(central);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_nav);
    layout->addWidget(m_stack, 1);
    setCentralWidget(central);

    buildActions();
    buildMenus();
    m_nav->setCurrentRow(FleetPageIndex);
    statusBar()->showMessage(tr("Ready"));
    resize(1280, 760);
}

void MainWindow::buildActions()
{
    m_reimport = new QAction(
        QIcon::fromTheme(QStringLiteral("view-refresh"), QApplication::style()->standardIcon(QStyle::SP_BrowserReload)),
        tr("&Re-import Inventory"), this);
    m_reimport->setShortcut(QKeySequence::Refresh);
    m_reimport->setToolTip(tr("Read the Ansible inventory again (F5)"));
    connect(m_reimport, &QAction::triggered, this, &MainWindow::reimportRequested);

    m_settings = new QAction(QIcon::fromTheme(QStringLiteral("preferences-system"),
                                              QApplication::style()->standardIcon(QStyle::SP_FileDialogListView)),
                             tr("&Settings…"), this);
    m_settings->setShortcut(QKeySequence::Preferences);
    m_settings->setMenuRole(QAction::PreferencesRole);
    connect(m_settings, &QAction::triggered, this, &MainWindow::settingsRequested);

    m_about = new QAction(QIcon::fromTheme(QStringLiteral("help-about")), tr("&About Stationdeck"), this);
    m_about->setMenuRole(QAction::AboutRole);
    connect(m_about, &QAction::triggered, this, &MainWindow::aboutRequested);

    m_quit = new QAction(tr("&Quit"), this);
    m_quit->setShortcut(QKeySequence::Quit);
    connect(m_quit, &QAction::triggered, this, &MainWindow::close);

    m_find = new QAction(tr("&Filter Stations"), this);
    m_find->setShortcut(QKeySequence::Find);
    connect(m_find, &QAction::triggered, this, [this] {
        showPage(FleetPageIndex);
        m_fleet->focusFilter();
    });

    auto* toolbar = addToolBar(tr("Main"));
    toolbar->setObjectName(QStringLiteral("MainToolBar"));
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolbar->setMovable(false);
    toolbar->addAction(m_reimport);
    toolbar->addAction(m_settings);
    m_toolbar = toolbar;
}

void MainWindow::setAccountWidget(QWidget* widget)
{
    auto* spacer = new QWidget(m_toolbar);
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    m_toolbar->addWidget(spacer);
    m_toolbar->addWidget(widget);
}

void MainWindow::buildMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_reimport);
    file->addAction(m_settings);
    file->addSeparator();
    file->addAction(m_quit);
    QMenu* view = menuBar()->addMenu(tr("&View"));
    auto* fleet = view->addAction(tr("&Fleet"), this, [this] { showPage(FleetPageIndex); });
    fleet->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_1));
    auto* audit = view->addAction(tr("&Audit Log"), this, [this] { showPage(AuditPageIndex); });
    audit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_2));
    view->addSeparator();
    view->addAction(m_find);
    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(m_about);
}

void MainWindow::showPage(Page page)
{
    m_nav->setCurrentRow(page);
}

void MainWindow::showStatus(const QString& message, bool error)
{
    statusBar()->setStyleSheet(error ? QStringLiteral("QStatusBar { color: #c62828; }") : QString());
    statusBar()->showMessage(message);
}

void MainWindow::setBusy(bool busy, const QString& message)
{
    m_reimport->setEnabled(!busy);
    if (busy)
        showStatus(message);
}

void MainWindow::restoreWindowState()
{
    QSettings settings;
    restoreGeometry(settings.value(SettingsKeys::WindowGeometry).toByteArray());
    restoreState(settings.value(SettingsKeys::WindowState).toByteArray());
    showPage(Page(std::clamp(settings.value(SettingsKeys::CurrentPage, 0).toInt(), 0, int(AuditPageIndex))));
    m_fleet->restoreState();
    m_audit->restoreState();
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    QSettings settings;
    settings.setValue(SettingsKeys::WindowGeometry, saveGeometry());
    settings.setValue(SettingsKeys::WindowState, saveState());
    settings.setValue(SettingsKeys::CurrentPage, m_stack->currentIndex());
    m_fleet->saveState();
    m_audit->saveState();
    event->accept();
}

} // namespace sd
