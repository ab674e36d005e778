// SPDX-License-Identifier: GPL-3.0-or-later
// The Scraper against misbehaving endpoints (tests/lab/hostile/hostile.py) and a real
// prometheus-node-exporter, all scraped at once with a short timeout: each hostile endpoint gives
// its own failure and sentence; /ok, /gzip and the node exporter give CPU and memory and are not
// held up by the hanging ones; the process's peak memory stays bounded.
// Run by test_scraper_hostile.sh, which starts the servers and sets STATIONDECK_HOSTILE_URL
// (http://127.0.0.1:PORT) and STATIONDECK_NODE_URL (the exporter's /metrics).
//
// All hostile paths share one host and port, so Qt's pool gives them at most 6 connections at once
// (real stations each have their own); the good ones still finish long before the deadline.
#include "core/Clock.h"
#include "metrics/Scraper.h"

#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QTest>
#include <QTimer>

#include <chrono>
#include <cmath>
#include <sys/resource.h>

using namespace sd;
using namespace std::chrono_literals;
using Failure = ScrapeOutcome::Failure;

namespace {

// Long enough that a loaded machine does not push a good endpoint to it; the hanging ones take it all.
constexpr auto kTimeout = 10s;

qint64 peakRssKiB()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

QString env(const char* name)
{
    const QString value = qEnvironmentVariable(name);
    if (value.isEmpty())
        qFatal("%s is not set; run this through test_scraper_hostile.sh", name);
    return value;
}

} // namespace

class TestScraperHostile : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void everyEndpointGetsItsOwnVerdict()
    {
        const QString base = env("STATIONDECK_HOSTILE_URL");
        const QUrl nodeUrl(env("STATIONDECK_NODE_URL"));
        struct Expect
        {
            QString path;
            Failure failure;
            QString predicate; // what the sentence says after "STATION: URL "
        };
        const QList<Expect> expected = {
            {QStringLiteral("/ok"), Failure::None, {}},
            {QStringLiteral("/gzip"), Failure::None, {}},
            {QStringLiteral("/truncated"), Failure::Body, QStringLiteral("closed the connection after ")},
            {QStringLiteral("/huge"), Failure::Body, QStringLiteral("sent more than 16 MiB; the limit is 16 MiB")},
            {QStringLiteral("/badutf8"), Failure::Body, QStringLiteral("is not a metrics exposition: 3:")},
            {QStringLiteral("/million-labels"), Failure::Body, QStringLiteral("is not a metrics exposition: 1:")},
            {QStringLiteral("/slowloris"), Failure::Timeout, QStringLiteral("did not finish its answer within 10 s (")},
            {QStringLiteral("/hang"), Failure::Timeout, QStringLiteral("did not answer within 10 s")},
            {QStringLiteral("/404"), Failure::Http, QStringLiteral("answered HTTP 404 Not Found")},
            {QStringLiteral("/500"), Failure::Http, QStringLiteral("answered HTTP 500 Internal Server Error")},
            {QStringLiteral("/redirect-loop"), Failure::Http,
             QStringLiteral("redirected more than 5 times (a redirect loop)")},
            {QStringLiteral("/html"), Failure::Body, QStringLiteral("sent an HTML page, not metrics")},
            {QStringLiteral("/gzip-bomb"), Failure::Body, QStringLiteral("sent more than 16 MiB; the limit is 16 MiB")},
        };
        QList<ScrapeTarget> targets;
        for (const Expect& e : expected)
            targets.append({QStringLiteral("hostile") + QString(e.path).replace(QLatin1Char('/'), QLatin1Char('-')),
                            QStringLiteral("lab"), QUrl(base + e.path)});
        targets.append({QStringLiteral("node"), QStringLiteral("lab"), nodeUrl});

        SystemClock clock;
        Scraper scraper(clock);
        scraper.setTimeout(kTimeout);
        scraper.setTargets(targets);
        QHash<QString, ScrapeOutcome> outcomes;
        bool drained = false;
        connect(&scraper, &Scraper::scraped, this,
                [&](const ScrapeOutcome& o) { outcomes.insert(o.target.station, o); });
        // A real event loop: QTest::qWaitFor sleeps 10 ms between its passes, which would be measured.
        QEventLoop loop;
        connect(&scraper, &Scraper::drained, &loop, [&] {
            drained = true;
            loop.quit();
        });
        QTimer::singleShot(120000, &loop, &QEventLoop::quit);

        const qint64 rssBefore = peakRssKiB();
        scraper.scrapeNow();
        loop.exec();
        QVERIFY(drained);
        const qint64 rssGrowthMiB = (peakRssKiB() - rssBefore) / 1024;
        QCOMPARE(outcomes.size(), targets.size());

        const double deadline = std::chrono::duration<double>(kTimeout).count();
        for (int i = 0; i < expected.size(); ++i) {
            const Expect& e = expected[i];
            const ScrapeOutcome o = outcomes.value(targets[i].station);
            const QString subject = targets[i].station + QStringLiteral(": ") + base + e.path;
            qInfo("%-24s %-8s %6.3f s  %s", qPrintable(e.path), qPrintable(o.error.code()), o.durationSeconds,
                  qPrintable(o.ok() ? QStringLiteral("ok, %1 bytes").arg(o.bodyBytes) : o.error.sentence()));
            QVERIFY2(o.failure == e.failure, qPrintable(e.path + QStringLiteral(": ") + o.error.message()));
            if (e.failure == Failure::None) {
                QVERIFY(!std::isnan(o.raw.nodeCpuTotalSeconds));
                QVERIFY(o.raw.nodeCpuCount > 0);
                QVERIFY(o.raw.memTotalBytes > o.raw.memAvailableBytes);
                // not held up by the hanging ones: done before their deadline
                QVERIFY2(o.durationSeconds < deadline,
                         qPrintable(QStringLiteral("%1 took %2 s").arg(e.path).arg(o.durationSeconds)));
            } else {
                QVERIFY2(o.error.message().startsWith(subject + QLatin1Char(' ') + e.predicate),
                         qPrintable(o.error.message()));
            }
        }
        QCOMPARE(outcomes.value(QStringLiteral("hostile-gzip")).bodyBytes,
                 outcomes.value(QStringLiteral("hostile-ok")).bodyBytes); // counted after decoding
        const ScrapeOutcome node = outcomes.value(QStringLiteral("node"));
        qInfo("%-24s %-8s %6.3f s  ok, %lld bytes", "node_exporter", "", node.durationSeconds, node.bodyBytes);
        QVERIFY2(node.ok(), qPrintable(node.error.message()));
        QVERIFY(node.raw.nodeCpuCount > 0);
        QVERIFY(node.raw.memTotalBytes > node.raw.memAvailableBytes);
        QVERIFY(node.durationSeconds < deadline);

        qInfo("peak memory grew by %lld MiB", rssGrowthMiB);
#if defined(__SANITIZE_ADDRESS__)
        qInfo("(not checked under AddressSanitizer: its quarantine keeps freed memory)");
#else
        QVERIFY2(rssGrowthMiB < 150, qPrintable(QString::number(rssGrowthMiB)));
#endif
    }
};

QTEST_GUILESS_MAIN(TestScraperHostile)
#include "tst_scraper_hostile.moc"
