// SPDX-License-Identifier: GPL-3.0-or-later
#include "ScrapeCommand.h"

#include "TextTable.h"
#include "metrics/ByteText.h"
#include "metrics/HealthDerivation.h"
#include "metrics/Scraper.h"

#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>
#include <QUrl>

#include <cmath>

namespace sd {

namespace {

QJsonValue number(double value)
{
    return std::isnan(value) ? QJsonValue() : QJsonValue(value);
}

QString percent(double value)
{
    return std::isnan(value) ? QStringLiteral("-") : QStringLiteral("%1 %").arg(value, 0, 'f', 1);
}

} // namespace

ScrapeCommand::ScrapeCommand(QTextStream& out, QTextStream& err)
    : m_out(out)
    , m_err(err)
{ }

int ScrapeCommand::fail(const QString& message)
{
    m_err << "stationdeck-cli: " << Error(message).sentence() << Qt::endl;
    return 1;
}

void ScrapeCommand::scrapeRound(Scraper& scraper, QHash<QString, ScrapeOutcome>& into)
{
    QEventLoop loop;
    const auto got = QObject::connect(&scraper, &Scraper::scraped, &loop, [&into](const ScrapeOutcome& outcome) {
        into.insert(outcome.target.url.toString(), outcome);
    });
    QObject::connect(&scraper, &Scraper::drained, &loop, &QEventLoop::quit);
    scraper.scrapeNow();
    if (scraper.running() + scraper.waiting() > 0)
        loop.exec();
    QObject::disconnect(got);
}

int ScrapeCommand::run(const QStringList& urls, std::chrono::seconds interval, std::chrono::seconds timeout, bool json)
{
    if (urls.isEmpty())
        return fail(
            QStringLiteral("usage: stationdeck-cli scrape URL... [--interval SECONDS] [--timeout SECONDS] [--json]"));
    QList<ScrapeTarget> targets;
    for (const QString& text : urls) {
        const QUrl url(text, QUrl::StrictMode);
        if (!url.isValid() || url.host().isEmpty()
            || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")))
            return fail(QStringLiteral("\"%1\" is not an http or https URL").arg(text));
        if (!url.userInfo().isEmpty())
            return fail(QStringLiteral("\"%1\" carries a user name or password; Stationdeck does not send those")
                            .arg(url.toDisplayString(QUrl::RemoveUserInfo)));
        targets.append({url.toString(), QString(), url});
    }
    Scraper scraper(m_clock);
    scraper.setTargets(targets);
    scraper.setInterval(interval);
    scraper.setTimeout(timeout);
    scraper.setAuthenticator(m_authenticator);

    QHash<QString, ScrapeOutcome> first;
    QHash<QString, ScrapeOutcome> second;
    scrapeRound(scraper, first);
    QEventLoop wait;
    QTimer::singleShot(interval, &wait, &QEventLoop::quit);
    wait.exec();
    scrapeRound(scraper, second);

    bool allUp = true;
    QJsonArray array;
    TextTable table({QStringLiteral("TARGET"), QStringLiteral("STATE"), QStringLiteral("CPU"), QStringLiteral("MEMORY"),
                     QStringLiteral("NOTE")});
    for (const ScrapeTarget& target : targets) {
        const QString key = target.url.toString();
        const ScrapeOutcome& now = second[key];
        const ScrapeOutcome& before = first[key];
        QJsonObject object{{QStringLiteral("url"), key}, {QStringLiteral("up"), now.ok()}};
        if (!now.ok()) {
            allUp = false;
            object.insert(QStringLiteral("error"), now.error.sentence());
            table.addRow({key, QStringLiteral("down"), QStringLiteral("-"), QStringLiteral("-"), now.error.sentence()});
            m_err << now.error.sentence() << Qt::endl;
            array.append(object);
            continue;
        }
        const qint64 beforeMs = before.startedAt.toMSecsSinceEpoch();
        const qint64 nowMs = now.startedAt.toMSecsSinceEpoch();
        const HealthDerivation::Values values = before.ok()
            ? HealthDerivation::derive(before.raw, beforeMs, now.raw, nowMs)
            : HealthDerivation::derive(now.raw);
        QString memory;
        if (values.node) {
            memory = std::isnan(values.memoryUsedBytes)
                ? QStringLiteral("-")
                : QStringLiteral("%1 of %2 (%3)")
                      .arg(formatBytes(values.memoryUsedBytes), formatBytes(now.raw.memTotalBytes),
                           percent(values.memoryPercent));
        } else {
            memory
                = QStringLiteral("resident %1, virtual %2")
                      .arg(std::isnan(values.residentBytes) ? QStringLiteral("-") : formatBytes(values.residentBytes),
                           std::isnan(values.virtualBytes) ? QStringLiteral("-") : formatBytes(values.virtualBytes));
        }
        QString note = values.node ? QStringLiteral("node") : QStringLiteral("process (CPU: % of one core)");
        if (!before.ok())
            note += QStringLiteral("; no CPU figure: the first scrape failed (%1)").arg(before.error.sentence());
        table.addRow({key, QStringLiteral("up"), percent(values.cpuPercent), memory, note});
        object.insert(QStringLiteral("kind"), values.node ? QStringLiteral("node") : QStringLiteral("process"));
        object.insert(QStringLiteral("cpuPercent"), number(values.cpuPercent));
        if (values.node) {
            object.insert(QStringLiteral("memoryUsedBytes"), number(values.memoryUsedBytes));
            object.insert(QStringLiteral("memoryTotalBytes"), number(now.raw.memTotalBytes));
            object.insert(QStringLiteral("memoryPercent"), number(values.memoryPercent));
        } else {
            object.insert(QStringLiteral("residentBytes"), number(values.residentBytes));
            object.insert(QStringLiteral("virtualBytes"), number(values.virtualBytes));
        }
        object.insert(QStringLiteral("scrapeSeconds"), now.durationSeconds);
        array.append(object);
    }
    if (json)
        m_out << QJsonDocument(array).toJson(QJsonDocument::Indented);
    else
        m_out << table.render();
    m_out.flush();
    return allUp ? 0 : 1;
}

} // namespace sd
