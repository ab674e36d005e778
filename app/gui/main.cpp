// SPDX-License-Identifier: GPL-3.0-or-later
#include "GuiApp.h"
#include "MainWindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QMessageBox>

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Stationdeck"));
    QApplication::setApplicationName(QStringLiteral("Stationdeck"));
    QApplication::setApplicationDisplayName(QStringLiteral("Stationdeck"));
    QApplication::setApplicationVersion(QStringLiteral(STATIONDECK_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("io.github.stationdeck.Stationdeck"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/stationdeck.svg")));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Stationdeck: the operations console for station fleets."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption database(QStringLiteral("database"),
                                      QStringLiteral("Use this database for this run: sqlite:/path/file.db or "
                                                     "postgresql://user@host:port/db."),
                                      QStringLiteral("url"));
    const QCommandLineOption inventory(QStringLiteral("inventory"),
                                       QStringLiteral("Import this Ansible inventory at start and remember it."),
                                       QStringLiteral("path"));
    parser.addOptions({database, inventory});
    parser.process(app);

    sd::GuiApp gui;
    if (auto started = gui.start({parser.value(database), parser.value(inventory)}); !started) {
        QMessageBox::critical(nullptr, QStringLiteral("Stationdeck"), started.error().message());
        return 1;
    }
    gui.window()->show();
    return QApplication::exec();
}
