// SPDX-License-Identifier: GPL-3.0-or-later
#include "CheckMetricsCommand.h"

#include "core/Error.h"
#include "metrics/ExpositionParser.h"

#include <QByteArray>
#include <QFile>

#include <cstdio>

namespace sd {

CheckMetricsCommand::CheckMetricsCommand(QTextStream& out, QTextStream& err)
    : m_out(out)
    , m_err(err)
{ }

int CheckMetricsCommand::fail(const QString& message)
{
    m_err << "stationdeck-cli: " << Error(message).sentence() << Qt::endl;
    return 1;
}

int CheckMetricsCommand::run(const QString& format, const QString& path)
{
    MetricsFormat metricsFormat = MetricsFormat::PrometheusText;
    if (format == QLatin1String("openmetrics"))
        metricsFormat = MetricsFormat::OpenMetrics;
    else if (!format.isEmpty() && format != QLatin1String("text"))
        return fail(QStringLiteral("--format \"%1\" is not a format; use text or openmetrics").arg(format));

    const bool fromStdin = path == QLatin1String("-");
    const QString name = fromStdin ? QStringLiteral("<stdin>") : path;
    QFile file;
    bool opened = false;
    if (fromStdin) {
        opened = file.open(stdin, QIODevice::ReadOnly);
    } else {
        file.setFileName(path);
        opened = file.open(QIODevice::ReadOnly);
    }
    if (!opened)
        return fail(QStringLiteral("cannot read %1: %2").arg(name, file.errorString()));
    const QByteArray body = file.readAll();
    if (file.error() != QFileDevice::NoError)
        return fail(QStringLiteral("cannot read %1: %2").arg(name, file.errorString()));

    ExpositionParser parser;
    const auto summary = parser.parse(std::string_view(body.constData(), std::size_t(body.size())), metricsFormat);
    if (!summary) {
        m_err << name << ':' << parser.errorLine() << ':' << parser.errorColumn() << ": " << parser.errorReason()
              << Qt::endl;
        return 1;
    }
    m_out << "families=" << summary->families << " samples=" << summary->samples << Qt::endl;
    return 0;
}

} // namespace sd
