// SPDX-License-Identifier: GPL-3.0-or-later
#include "CliApp.h"

#include <QCoreApplication>

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("Stationdeck"));
    // One name for the GUI and the CLI, so that both share settings and the default database.
    QCoreApplication::setApplicationName(QStringLiteral("Stationdeck"));
    QCoreApplication::setApplicationVersion(QStringLiteral(STATIONDECK_VERSION));
    sd::CliApp cli;
    return cli.run(QCoreApplication::arguments());
}
