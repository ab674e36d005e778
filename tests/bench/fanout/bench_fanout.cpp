// SPDX-License-Identifier: GPL-3.0-or-later
// Fan-out benchmark: how many stations per second the Scraper scrapes, and the CPU it spends per
// station, against wrk's request ceiling on the same server, measured side by side in one run.
//
// nginx (started here, unprivileged, everything in a temporary folder) serves the node_exporter
// capture at 2,000 endpoints: 20 ports × 100 paths, like 2,000 stations; gzip_static hands out a
// pre-compressed copy to clients that accept gzip, as node_exporter compresses its answers. The
// Scraper scrapes all of them at its default cap; wrk then runs against a few of the same URLs
// with the same number of connections and the same Accept-Encoding. Also printed: the time one
// node_exporter body takes to decode and parse on the GUI thread.
// Quick mode (under ctest): 200 endpoints, 1 s of wrk. Without nginx or wrk it says so and exits 0.
#include "BenchMode.h"
#include "Deflate.h"
#include "core/Clock.h"
#include "metrics/GzipBody.h"
#include "metrics/HealthExtractor.h"
#include "metrics/ScrapeDecoder.h"
#include "metrics/Scraper.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <cstdio>
#include <sys/resource.h>
#include <unistd.h>
#include <zlib.h>

using namespace sd;

namespace {

constexpr int kPorts = 20;

double cpuSeconds()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
        + double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

// CPU seconds of this process's threads whose name starts with "scrape-" (the Scraper's workers),
// from /proc/self/task/*/stat; the rest of the process is the GUI thread (and Qt's helpers).
double workerCpuSeconds()
{
    double total = 0;
    const QDir tasks(QStringLiteral("/proc/self/task"));
    for (const QString& task : tasks.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        QFile stat(tasks.filePath(task + QStringLiteral("/stat")));
        if (!stat.open(QIODevice::ReadOnly))
            continue;
        const QByteArray line = stat.readAll();
        const qsizetype open = line.indexOf('(');
        const qsizetype close = line.lastIndexOf(')');
        if (open < 0 || close < open || !line.mid(open + 1, close - open - 1).startsWith("scrape-"))
            continue;
        const QList<QByteArray> fields = line.mid(close + 2).split(' '); // from field 3 (state) on
        if (fields.size() > 12)
            total += double(fields[11].toLongLong() + fields[12].toLongLong()) / double(sysconf(_SC_CLK_TCK));
    }
    return total;
}

QString findTool(const QString& name)
{
    QString path = QStandardPaths::findExecutable(name);
    if (path.isEmpty())
        path = QStandardPaths::findExecutable(name, {QStringLiteral("/usr/sbin"), QStringLiteral("/sbin")});
    return path;
}

QByteArray readFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(path));
    return file.readAll();
}

bool writeFile(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

QByteArray gzipped(const QByteArray& data)
{
    return sd::test::deflateBytes(data, 16 + MAX_WBITS, 6);
}

QList<quint16> freePorts(int count)
{
    QList<QTcpServer*> servers;
    QList<quint16> ports;
    for (int i = 0; i < count; ++i) {
        auto* server = new QTcpServer;
        if (!server->listen(QHostAddress::LocalHost, 0))
            qFatal("no free port");
        ports.append(server->serverPort());
        servers.append(server);
    }
    qDeleteAll(servers);
    return ports;
}

bool answers(quint16 port)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    return socket.waitForConnected(200);
}

// One wrk run; its requests per second, or -1.
double wrk(const QString& tool, const QUrl& url, int connections, int seconds)
{
    QProcess process;
    process.start(tool,
                  {QStringLiteral("-t2"), QStringLiteral("-c%1").arg(connections), QStringLiteral("-d%1s").arg(seconds),
                   QStringLiteral("-H"), QStringLiteral("Accept-Encoding: gzip"), url.toString()});
    if (!process.waitForFinished((seconds + 30) * 1000))
        return -1;
    const QString out = QString::fromUtf8(process.readAllStandardOutput());
    const auto match = QRegularExpression(QStringLiteral("Requests/sec:\\s+([0-9.]+)")).match(out);
    return match.hasMatch() ? match.captured(1).toDouble() : -1;
}

// Decode + parse time of one body, in microseconds, over many rounds.
void parseFigures(const QByteArray& body, const QByteArray& packed, bool quick)
{
    const int rounds = quick ? 200 : 5000;
    HealthExtractor extractor;
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < rounds; ++i) {
        auto raw = extractor.extract(std::string_view(body.constData(), std::size_t(body.size())),
                                     MetricsFormat::PrometheusText);
        if (!raw)
            qFatal("the capture does not parse: %s", qPrintable(raw.error().message()));
    }
    const double parseUs = double(timer.nsecsElapsed()) / 1e3 / rounds;
    timer.restart();
    for (int i = 0; i < rounds; ++i) {
        QByteArray out;
        QString error;
        if (GzipBody::decode(packed, out, 1 << 30, error) != GzipBody::Status::Ok || out.size() != body.size())
            qFatal("the gzip copy does not decode");
    }
    const double gunzipUs = double(timer.nsecsElapsed()) / 1e3 / rounds;
    timer.restart();
    for (int i = 0; i < rounds; ++i) {
        ScrapeDecoder decoder(ScrapeDecoder::Encoding::Gzip);
        QByteArray out;
        if (decoder.feed(packed, out, 1 << 30) != ScrapeDecoder::Status::Ok || out.size() != body.size())
            qFatal("the gzip copy does not decode");
    }
    const double zlibUs = double(timer.nsecsElapsed()) / 1e3 / rounds;
    std::printf("per node_exporter body (%lld bytes, %lld gzipped), in one thread: parse %.1f us, gunzip %.1f us "
                "(GzipBody, libdeflate; zlib in steps: %.1f us)\n",
                qint64(body.size()), qint64(packed.size()), parseUs, gunzipUs, zlibUs);
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const bool quick = sd::bench::quick();
    const QString nginx = findTool(QStringLiteral("nginx"));
    const QString wrkTool = findTool(QStringLiteral("wrk"));
    if (nginx.isEmpty() || wrkTool.isEmpty()) {
        std::printf("bench_fanout: skipped: %s not found\n", nginx.isEmpty() ? "nginx" : "wrk");
        return 0;
    }
    const int endpoints = quick ? 200 : 2000;
    const int perPort = endpoints / kPorts;
    const int wrkSeconds = quick ? 1 : 5;
    // BENCH_ROUNDS=N scrapes N rounds, BENCH_CAP=N sets the cap (to profile the Scraper: perf record
    // ... with BENCH_NO_WRK=1).
    const int rounds = qEnvironmentVariableIsSet("BENCH_ROUNDS") ? qEnvironmentVariableIntValue("BENCH_ROUNDS")
        : quick                                                  ? 1
                                                                 : 3;

    QTemporaryDir dir;
    dir.setAutoRemove(qEnvironmentVariableIsEmpty("BENCH_KEEP"));
    const QByteArray body = readFile(QStringLiteral(STATIONDECK_TEST_DATA "/metrics/node_exporter.text-0.0.4.txt"));
    const QByteArray packed = gzipped(body);
    QDir(dir.path()).mkpath(QStringLiteral("www"));
    QDir(dir.path()).mkpath(QStringLiteral("temp"));
    // nginx started as root serves as "nobody": the folders must be readable by others.
    const auto readable = QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner
        | QFileDevice::ReadGroup | QFileDevice::ExeGroup | QFileDevice::ReadOther | QFileDevice::ExeOther;
    QFile::setPermissions(dir.path(), readable);
    QFile::setPermissions(dir.filePath(QStringLiteral("www")), readable);
    writeFile(dir.filePath(QStringLiteral("www/metrics.txt")), body);
    writeFile(dir.filePath(QStringLiteral("www/metrics.txt.gz")), packed);
    const QList<quint16> ports = freePorts(kPorts);
    QByteArray listen;
    for (quint16 port : ports)
        listen += "    listen 127.0.0.1:" + QByteArray::number(port) + " backlog=4096;\n";
    const QByteArray temp = dir.filePath(QStringLiteral("temp")).toUtf8();
    const QByteArray config = "daemon off;\nmaster_process on;\nworker_processes 1;\npid "
        + dir.filePath(QStringLiteral("nginx.pid")).toUtf8() + ";\nerror_log "
        + dir.filePath(QStringLiteral("error.log")).toUtf8()
        + " warn;\nevents { worker_connections 4096; }\nhttp {\n  access_log off;\n  keepalive_requests 1000000;\n"
          "  client_body_temp_path "
        + temp + "/body;\n  proxy_temp_path " + temp + "/proxy;\n  fastcgi_temp_path " + temp
        + "/fastcgi;\n  uwsgi_temp_path " + temp + "/uwsgi;\n  scgi_temp_path " + temp
        + "/scgi;\n"
          "  server {\n"
        + listen + "    root " + dir.filePath(QStringLiteral("www")).toUtf8()
        + ";\n    location ~ ^/station/[0-9]+/metrics$ {\n      types { }\n"
          "      default_type \"text/plain; version=0.0.4; charset=utf-8\";\n      gzip_static on;\n"
          "      try_files /metrics.txt =404;\n    }\n  }\n}\n";
    writeFile(dir.filePath(QStringLiteral("nginx.conf")), config);

    QProcess server;
    server.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    server.start(nginx,
                 {QStringLiteral("-p"), dir.path(), QStringLiteral("-c"), dir.filePath(QStringLiteral("nginx.conf")),
                  QStringLiteral("-e"), dir.filePath(QStringLiteral("error.log"))});
    if (!server.waitForStarted() || !QTest::qWaitFor([&] { return answers(ports.last()); }, 10000)) {
        std::printf("bench_fanout: nginx did not start:\n%s\n",
                    readFile(dir.filePath(QStringLiteral("error.log"))).constData());
        return 1;
    }

    QList<ScrapeTarget> targets;
    for (int p = 0; p < kPorts; ++p) {
        for (int i = 0; i < perPort; ++i) {
            targets.append({QStringLiteral("st-%1-%2").arg(p).arg(i), QStringLiteral("site-%1").arg(p),
                            QUrl(QStringLiteral("http://127.0.0.1:%1/station/%2/metrics").arg(ports[p]).arg(i))});
        }
    }
    SystemClock clock;
    Scraper scraper(clock);
    scraper.setTargets(targets);
    if (qEnvironmentVariableIsSet("BENCH_CAP"))
        scraper.setMaxConcurrent(qEnvironmentVariableIntValue("BENCH_CAP"));
    int ok = 0;
    int failed = 0;
    QString firstError;
    bool drained = false;
    QObject::connect(&scraper, &Scraper::scraped, &scraper, [&](const ScrapeOutcome& o) {
        if (o.ok() && o.raw.hasNode()) {
            ++ok;
        } else {
            ++failed;
            if (firstError.isEmpty())
                firstError = o.error.sentence();
        }
    });
    // A real event loop: QTest::qWaitFor sleeps 10 ms between its passes, which would be measured.
    QEventLoop loop;
    QObject::connect(&scraper, &Scraper::drained, &loop, [&] {
        drained = true;
        loop.quit();
    });
    const auto round = [&] {
        drained = false;
        scraper.scrapeNow();
        if (!drained) {
            QTimer::singleShot(600000, &loop, &QEventLoop::quit);
            loop.exec();
        }
        return drained;
    };
    if (!round()) // warm-up: connections open, buffers sized
        qFatal("the warm-up round did not finish");
    ok = failed = 0;
    const double cpuBefore = cpuSeconds();
    const double workersBefore = workerCpuSeconds();
    QElapsedTimer wall;
    wall.start();
    for (int r = 0; r < rounds; ++r) {
        if (!round())
            qFatal("a round did not finish");
    }
    const double seconds = double(wall.nsecsElapsed()) / 1e9;
    const double cpu = cpuSeconds() - cpuBefore;
    const double workersCpu = workerCpuSeconds() - workersBefore;
    const int scrapes = ok + failed;
    const double perSecond = scrapes / seconds;
    const int connections = std::min(scraper.maxConcurrent(), kPorts * 6); // Qt: 6 per host and port

    double wrkTotal = 0;
    int wrkRuns = 0;
    for (int p : {0, kPorts / 2, kPorts - 1}) {
        if (qEnvironmentVariableIsSet("BENCH_NO_WRK"))
            break;
        const double rate = wrk(wrkTool, targets[p * perPort].url, connections, wrkSeconds);
        if (rate > 0) {
            wrkTotal += rate;
            ++wrkRuns;
        }
    }
    server.terminate();
    server.waitForFinished(10000);

    std::printf("fan-out: %d endpoints (%d ports x %d paths), %d rounds, cap %d, nginx 1 worker, gzip\n", endpoints,
                kPorts, perPort, rounds, scraper.maxConcurrent());
    std::printf("scraper: %d ok, %d failed in %.2f s: %.0f stations/s, CPU %.3f ms per station (%.0f%% of a core)\n",
                ok, failed, seconds, perSecond, cpu * 1000 / std::max(1, scrapes), cpu / seconds * 100);
    std::printf("  of which %d worker threads %.3f ms, GUI thread and the rest %.3f ms per station\n",
                scraper.workerCount(), workersCpu * 1000 / std::max(1, scrapes),
                (cpu - workersCpu) * 1000 / std::max(1, scrapes));
    if (!firstError.isEmpty())
        std::printf("first failure: %s\n", qPrintable(firstError));
    parseFigures(body, packed, quick);
    if (wrkRuns == 0) {
        std::printf("wrk: no result; no ratio\n");
        return failed == 0 ? 0 : 1;
    }
    const double ceiling = wrkTotal / wrkRuns;
    std::printf("wrk: %.0f requests/s (%d connections, %d s x %d runs)\n", ceiling, connections, wrkSeconds, wrkRuns);
    std::printf("ratio scraper/wrk: %.2f (target >= 0.5)\n", perSecond / ceiling);
    return failed == 0 ? 0 : 1;
}
