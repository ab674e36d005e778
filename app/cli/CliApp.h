// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "auth/Session.h"
#include "core/Clock.h"
#include "core/Result.h"

#include <QStringList>
#include <QTextStream>

#include <memory>

namespace sd {

class Database;
class Fleet;

// stationdeck-cli: the console's fleet commands without a display.
//   [--database URL] inventory import PATH | stations [--json] [--all] | sites [--json] [--at INSTANT]
//   login | whoami | logout (see AuthCommands)
//   check-metrics [--format text|openmetrics] FILE|- (see CheckMetricsCommand; no database)
//   scrape URL... [--interval SECONDS] [--timeout SECONDS] [--json] (see ScrapeCommand; the
//     database only to audit the sign-in when a protected endpoint needs the token)
// Exit code 0 on success, 1 on bad input or a failure, with one sentence on stderr.
class CliApp
{
public:
    CliApp();
    ~CliApp();

    int run(const QStringList& arguments);

private:
    Result<void> openDatabase(const QString& urlText);
    int importInventory(const QString& path);
    int listStations(bool json, bool includeRetired);
    int listSites(bool json);
    Session::AuditSink auditSink(); // into the database's audit log
    int fail(const QString& message);

    SystemClock m_clock;
    QDateTime m_at; // --at: the instant to show instead of now
    std::unique_ptr<Database> m_db;
    std::unique_ptr<Fleet> m_fleet;
    QTextStream m_out;
    QTextStream m_err;
};

} // namespace sd
