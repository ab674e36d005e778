// SPDX-License-Identifier: GPL-3.0-or-later
#include <QCommandLineParser>
#include <QCoreApplication>

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("stationdeck-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(STATIONDECK_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Stationdeck command line tool"));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.process(app);
    return 0;
}
