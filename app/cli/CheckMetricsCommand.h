// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QTextStream>

namespace sd {

// stationdeck-cli check-metrics [--format text|openmetrics] FILE|-
// Checks a metrics exposition, like `promtool check metrics`, without a database.
//   valid:      prints "families=N samples=M" on stdout, exit code 0.
//   invalid:    prints "FILE:LINE:COLUMN: reason" on stderr (FILE as given, "<stdin>" for -),
//               exit code 1.
//   unreadable: one sentence on stderr, exit code 1.
// The format is the text format 0.0.4 (read leniently, as Prometheus does) unless --format
// openmetrics asks for OpenMetrics 1.0 (read strictly). It is never guessed from the content.
class CheckMetricsCommand
{
public:
    CheckMetricsCommand(QTextStream& out, QTextStream& err);

    // `format` is "text", "openmetrics" or empty (text).
    int run(const QString& format, const QString& path);

private:
    int fail(const QString& message);

    QTextStream& m_out;
    QTextStream& m_err;
};

} // namespace sd
