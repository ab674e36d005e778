// SPDX-License-Identifier: GPL-3.0-or-later
#include "GuiApp.h"
#include "MainWindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QMessageBox>

#include <cstdio>

namespace {

struct Options
{
    QCommandLineOption database{QStringLiteral("database"),
                                QStringLiteral("Use this database for this run: sqlite:/path/file.db or "
                                               "postgresql://user@host:port/db."),
                                QStringLiteral("url")};
    QCommandLineOption inventory{QStringLiteral("inventory"),
                                 QStringLiteral("Import this Ansible inventory at start and remember it."),
                                 QStringLiteral("path")};
    QCommandLineOption issuer{QStringLiteral("issuer"),
                              QStringLiteral("Sign in with this identity provider (issuer URL) for this run."),
                              QStringLiteral("url")};
    QCommandLineOption profile{QStringLiteral("profile"),
                               QStringLiteral("Use this sign-in profile (from Settings) for this run."),
                               QStringLiteral("name")};
    QCommandLineOption clientId{QStringLiteral("client-id"),
                                QStringLiteral("Stationdeck's client id at that provider, for this run."),
                                QStringLiteral("id")};
};

void describe(QCommandLineParser& parser, const Options& options)
{
    parser.setApplicationDescription(QStringLiteral("Stationdeck: the operations console for station fleets."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOptions({options.database, options.inventory, options.issuer, options.clientId, options.profile});
}

} // namespace

int main(int argc, char* argv[])
{
    // --help and --version are answered before QApplication exists, so they work without a display.
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments.append(QString::fromLocal8Bit(argv[i]));
    {
        QCommandLineParser early;
        const Options options;
        describe(early, options);
        early.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsPositionalArguments);
        if (early.parse(arguments)) {
            if (early.isSet(QStringLiteral("version"))) {
                std::printf("stationdeck %s\n", STATIONDECK_VERSION);
                return 0;
            }
            if (early.isSet(QStringLiteral("help"))) {
                std::printf("%s",
                            qPrintable(early.helpText().replace(QStringLiteral("<executable_name>"),
                                                                QStringLiteral("stationdeck"))));
                return 0;
            }
        }
    }

    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Stationdeck"));
    QApplication::setApplicationName(QStringLiteral("Stationdeck"));
    QApplication::setApplicationDisplayName(QStringLiteral("Stationdeck"));
    QApplication::setApplicationVersion(QStringLiteral(STATIONDECK_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("io.github.stationdeck.Stationdeck"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/stationdeck.svg")));

    QCommandLineParser parser;
    const Options options;
    describe(parser, options);
    parser.process(app); // Qt's own options (-geometry, -platform…) are gone from app.arguments()

    sd::GuiApp gui;
    if (auto started
        = gui.start({parser.value(options.database), parser.value(options.inventory), parser.value(options.issuer),
                     parser.value(options.clientId), parser.value(options.profile)});
        !started) {
        QMessageBox::critical(nullptr, QStringLiteral("Stationdeck"), started.error().sentence());
        return 1;
    }
    gui.window()->show();
    return QApplication::exec();
}
