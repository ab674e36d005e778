// SPDX-License-Identifier: GPL-3.0-or-later
// bench_parser: how many samples per second ExpositionParser reads, side by side in one run with
//   - Python: Debian's python3-prometheus-client (/usr/bin/python3) parsing the same bytes
//     (prometheus_client.parser for text 0.0.4, prometheus_client.openmetrics.parser for
//     OpenMetrics), every family and sample materialised. Target: ours >= 100x faster.
//   - a naive C++ line split: memchr for each newline, skip comment and empty lines, split each
//     sample line at its last space(s) and convert the value with std::from_chars. No checks at
//     all. Target: ours within 2x of it (ours / naive <= 2).
// Ours is measured twice: checking only (no visitor) and with a visitor that takes every sample
// (value, labels, name); the ratios use the slower of the two, the visitor.
// Bodies: the captured fixtures, and two large "federated" bodies built from them (each family's
// metadata once, then every station's samples with a distinct station="..." label first), as a
// Prometheus /federate answer for a whole fleet looks.
//   bench_parser PATH/TO/prometheus_client_rate.py
// Times are CPU time of the thread (Python: time.thread_time), the fastest of many repetitions, the
// three C++ measurements interleaved, so that other work on a shared machine distorts them less.
// Quick mode (ctest): a few iterations and small federated bodies; never fails on timing.
#include "BenchMode.h"
#include "metrics/ExpositionParser.h"
#include "metrics/MetricsFormat.h"

#include <QCoreApplication>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>

#include <charconv>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace {

using sd::ExpositionParser;
using sd::MetricsFormat;

struct Body
{
    std::string title;
    MetricsFormat format;
    std::string bytes;
    std::string path; // on disk, for Python
};

std::string readFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("bench_parser: cannot read %s", qPrintable(path));
    const QByteArray bytes = file.readAll();
    return std::string(bytes.constData(), std::size_t(bytes.size()));
}

void writeFile(const QString& path, const std::string& bytes)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes.data(), qint64(bytes.size())) != qint64(bytes.size()))
        qFatal("bench_parser: cannot write %s", qPrintable(path));
}

// Each block of metadata lines with the sample lines after it, the samples repeated once per station
// with station="st-NNNN" as their first label; "# EOF" stays last.
std::string federate(std::string_view body, int stations)
{
    struct Block
    {
        std::vector<std::string_view> metadata;
        std::vector<std::string_view> samples;
    };
    std::vector<Block> blocks;
    bool eof = false;
    for (std::size_t start = 0; start < body.size();) {
        std::size_t end = body.find('\n', start);
        if (end == std::string_view::npos)
            end = body.size();
        const std::string_view line = body.substr(start, end - start);
        start = end + 1;
        if (line == "# EOF") {
            eof = true;
        } else if (!line.empty() && line.front() == '#') {
            if (blocks.empty() || !blocks.back().samples.empty())
                blocks.emplace_back();
            blocks.back().metadata.push_back(line);
        } else if (!line.empty()) {
            if (blocks.empty())
                blocks.emplace_back();
            blocks.back().samples.push_back(line);
        }
    }
    std::string out;
    out.reserve(body.size() * std::size_t(stations) * 3 / 2);
    char station[32];
    for (const Block& block : blocks) {
        for (std::string_view line : block.metadata)
            (out += line) += '\n';
        for (int s = 0; s < stations; ++s) {
            std::snprintf(station, sizeof station, "station=\"st-%04d\"", s);
            for (std::string_view line : block.samples) {
                const std::size_t nameEnd = line.find_first_of("{ ");
                out += line.substr(0, nameEnd);
                out += '{';
                out += station;
                if (line[nameEnd] == '{') {
                    if (line[nameEnd + 1] != '}')
                        out += ',';
                    out += line.substr(nameEnd + 1);
                } else {
                    out += '}';
                    out += line.substr(nameEnd);
                }
                out += '\n';
            }
        }
    }
    if (eof)
        out += "# EOF\n";
    return out;
}

// The naive reference: a line split and a value conversion, nothing more.
std::size_t naiveSplit(std::string_view body, double& sink)
{
    std::size_t samples = 0;
    const char* p = body.data();
    const char* const end = p + body.size();
    while (p < end) {
        const auto* newline = static_cast<const char*>(std::memchr(p, '\n', std::size_t(end - p)));
        const char* eol = newline ? newline : end;
        if (eol > p && *p != '#') {
            const char* valueEnd = eol;
            while (valueEnd > p && valueEnd[-1] == ' ')
                --valueEnd;
            const char* valueStart = valueEnd;
            while (valueStart > p && valueStart[-1] != ' ')
                --valueStart;
            double value = 0;
            std::from_chars(valueStart, valueEnd, value);
            sink += value;
            ++samples;
        }
        p = eol + 1;
    }
    return samples;
}

// Takes every sample, as a consumer of all of them would.
struct TakeAll : ExpositionParser::Visitor
{
    double sum = 0;
    std::size_t labels = 0;
    std::size_t bytes = 0;
    void onSample(const ExpositionParser::Family& family, const ExpositionParser::Sample& sample) override
    {
        sum += sample.value;
        labels += sample.labels.size();
        bytes += sample.name.size() + family.name.size();
        for (const ExpositionParser::Label& label : sample.labels)
            bytes += label.value.size();
    }
};

// The CPU time this thread spends, in seconds: a busy machine (other processes on the same cores)
// then slows the measurement less than wall-clock time would. The Python side uses the same clock.
double threadSeconds()
{
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return double(now.tv_sec) + double(now.tv_nsec) * 1e-9;
}

// The fastest time of one call of f, in CPU seconds: f is called in batches of about 2 ms until
// minSeconds have passed (quick mode: three calls), and the fastest batch counts.
double bestSeconds(const std::function<void()>& f, double minSeconds)
{
    double best = 1e300;
    if (minSeconds <= 0) {
        for (int i = 0; i < 3; ++i) {
            const double t0 = threadSeconds();
            f();
            best = std::min(best, threadSeconds() - t0);
        }
        return best;
    }
    const double started = threadSeconds();
    while (threadSeconds() - started < minSeconds) {
        int calls = 0;
        const double t0 = threadSeconds();
        double elapsed = 0;
        do {
            f();
            ++calls;
            elapsed = threadSeconds() - t0;
        } while (elapsed < 0.002);
        best = std::min(best, elapsed / calls);
    }
    return best;
}

struct PythonRate
{
    int samples = 0;
    double seconds = 0;
};

// Runs the Python side once over every body; fills rates by path, or explains in `note` why not.
std::map<std::string, PythonRate> pythonRates(const QString& script, const std::vector<Body>& bodies, double minSeconds,
                                              QString& note)
{
    std::map<std::string, PythonRate> rates;
    QStringList arguments{script, QString::number(minSeconds)};
    for (const Body& body : bodies) {
        const QString kind
            = body.format == MetricsFormat::OpenMetrics ? QStringLiteral("openmetrics") : QStringLiteral("text");
        arguments << kind + QLatin1Char(':') + QString::fromStdString(body.path);
    }
    QProcess python;
    python.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    python.start(QStringLiteral("/usr/bin/python3"), arguments);
    if (!python.waitForStarted() || !python.waitForFinished(-1)) {
        note = QStringLiteral("Python column skipped: /usr/bin/python3 did not run (%1)").arg(python.errorString());
        return rates;
    }
    const QList<QByteArray> lines = python.readAllStandardOutput().split('\n');
    for (const QByteArray& line : lines) {
        const QList<QByteArray> words = line.split(' ');
        if (words.value(0) == "SKIP") {
            note = QStringLiteral("Python column skipped: ") + QString::fromUtf8(line.mid(5));
        } else if (words.value(0) == "VERSION") {
            note = QString::fromUtf8(line.mid(8));
        } else if (words.value(0) == "FAIL") {
            std::printf("  python refused %s\n", line.mid(5).constData());
        } else if (words.value(0) == "RATE" && words.size() >= 5) {
            rates[words.mid(4).join(' ').toStdString()] = PythonRate{words[1].toInt(), words[2].toDouble()};
        }
    }
    return rates;
}

const char* verdict(bool met)
{
    return met ? "met" : "MISSED";
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const bool quick = sd::bench::quick();
    const QString script = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QString();
    const QString data = QStringLiteral(STATIONDECK_TEST_DATA "/metrics/");
    QTemporaryDir scratch;
    if (!scratch.isValid())
        qFatal("bench_parser: no temporary directory");

    std::vector<Body> bodies;
    const auto fixture = [&](const char* title, const char* file, MetricsFormat format) {
        const QString path = data + QLatin1String(file);
        bodies.push_back(Body{title, format, readFile(path), path.toStdString()});
    };
    fixture("node_exporter text 0.0.4", "node_exporter.text-0.0.4.txt", MetricsFormat::PrometheusText);
    fixture("prometheus text 0.0.4", "prometheus.text-0.0.4.txt", MetricsFormat::PrometheusText);
    fixture("app exporter text 0.0.4", "app_exporter.text-0.0.4.txt", MetricsFormat::PrometheusText);
    fixture("app exporter OpenMetrics", "app_exporter.openmetrics-1.0.0.txt", MetricsFormat::OpenMetrics);
    const int nodeStations = quick ? 4 : 250;
    const int appStations = quick ? 20 : 2000;
    const auto federated = [&](const char* title, std::size_t from, int stations, const char* file) {
        char full[96];
        std::snprintf(full, sizeof full, "%s, %d stations", title, stations);
        Body body{full, bodies[from].format, federate(bodies[from].bytes, stations), {}};
        const QString path = scratch.filePath(QLatin1String(file));
        writeFile(path, body.bytes);
        body.path = path.toStdString();
        bodies.push_back(std::move(body));
    };
    federated("federated node_exporter text", 0, nodeStations, "federated-node.txt");
    federated("federated app OpenMetrics", 3, appStations, "federated-app.om.txt");

    const double minSeconds = quick ? 0 : 1.0;
    QString pythonNote;
    const auto python = script.isEmpty() ? std::map<std::string, PythonRate>{}
                                         : pythonRates(script, bodies, quick ? 0 : 1.0, pythonNote);
    if (script.isEmpty())
        pythonNote = QStringLiteral("Python column skipped: no script path given");

    if (pythonNote.isEmpty())
        pythonNote = QStringLiteral("Python column skipped: the Python script printed nothing usable");
    std::printf("bench_parser (%s): ExpositionParser vs Python's prometheus_client and vs a naive C++ line split, "
                "same bytes\nPython: %s\n",
                quick ? "quick" : "full", qPrintable(pythonNote));
    std::printf("%-42s %9s %8s | %10s %10s %10s %10s | %-22s | %-18s\n", "body", "bytes", "samples", "check M/s",
                "visit M/s", "naive M/s", "python k/s", "ours/python (>=100x)", "ours/naive (<=2x)");
    ExpositionParser parser;
    bool allParsed = true;
    for (const Body& body : bodies) {
        const std::string_view bytes(body.bytes);
        const auto summary = parser.parse(bytes, body.format);
        if (!summary.ok()) {
            std::printf("%-42s refused: %s\n", body.title.c_str(), qPrintable(summary.error().sentence()));
            allParsed = false;
            continue;
        }
        const double samples = summary->samples;
        TakeAll visitor;
        double sink = 0;
        // Five rounds, each timing the three in turn, keep the fastest of each: a busy spell of the
        // machine then does not fall on one of them only.
        double check = 1e300;
        double visit = 1e300;
        double naive = 1e300;
        std::size_t naiveSamples = 0;
        for (int round = 0; round < (quick ? 1 : 5); ++round) {
            check = std::min(check,
                             bestSeconds([&] { static_cast<void>(parser.parse(bytes, body.format)); }, minSeconds / 5));
            visit = std::min(
                visit,
                bestSeconds([&] { static_cast<void>(parser.parse(bytes, body.format, &visitor)); }, minSeconds / 5));
            naive = std::min(naive, bestSeconds([&] { naiveSamples = naiveSplit(bytes, sink); }, minSeconds / 5));
        }
        const double ours = std::max(check, visit);
        char pythonColumn[16] = "-";
        char pythonRatio[32] = "-";
        if (const auto it = python.find(body.path); it != python.end()) {
            std::snprintf(pythonColumn, sizeof pythonColumn, "%.1f", it->second.samples / it->second.seconds / 1e3);
            const double ratio = it->second.seconds / ours;
            std::snprintf(pythonRatio, sizeof pythonRatio, "%.0fx %s", ratio, verdict(ratio >= 100));
        }
        const double naiveRatio = ours / naive;
        char naiveColumn[32];
        std::snprintf(naiveColumn, sizeof naiveColumn, "%.2fx %s", naiveRatio, verdict(naiveRatio <= 2));
        std::printf("%-42s %9zu %8.0f | %10.2f %10.2f %10.2f %10s | %-22s | %-18s\n", body.title.c_str(),
                    body.bytes.size(), samples, samples / check / 1e6, samples / visit / 1e6,
                    double(naiveSamples) / naive / 1e6, pythonColumn, pythonRatio, naiveColumn);
        if (visitor.labels == 0 && sink == 0)
            std::printf("  (nothing seen)\n");
    }
    std::printf("check = parse without a visitor; visit = with a visitor taking every sample; the ratios use "
                "the slower of the two; python = prometheus_client on the same file; naive = line split + "
                "std::from_chars.\n");
    return allParsed ? 0 : 1;
}
