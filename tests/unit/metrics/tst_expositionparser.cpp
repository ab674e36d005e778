// SPDX-License-Identifier: GPL-3.0-or-later
// ExpositionParser over every fixture in tests/data/metrics (captures of node_exporter, Prometheus
// and a Python app in both formats; hand-written valid and invalid inputs) and over focused rows
// for each rule: counts, the position and reason of each refusal, values, escapes, timestamps, and
// what the visitor sees for the series the scraper will pick.
#include "metrics/ExpositionParser.h"
#include "metrics/MetricsFormat.h"

#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QTest>

#include <cmath>
#include <cstdlib>
#include <limits>
#include <map>
#include <string>

using namespace sd;

Q_DECLARE_METATYPE(sd::MetricsFormat)

namespace {

using Parser = ExpositionParser;
const MetricsFormat kText = MetricsFormat::PrometheusText;
const MetricsFormat kOm = MetricsFormat::OpenMetrics;

QByteArray readFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(path));
    return file.readAll();
}

std::string_view view(const QByteArray& bytes)
{
    return std::string_view(bytes.constData(), std::size_t(bytes.size()));
}

QString counts(int families, int samples)
{
    return QStringLiteral("families=%1 samples=%2").arg(families).arg(samples);
}

// Parses and returns "families=N samples=M" or "LINE:COL reason".
QString outcome(const QByteArray& body, MetricsFormat format, ExpositionParser::Visitor* visitor = nullptr)
{
    ExpositionParser parser;
    const auto result = parser.parse(view(body), format, visitor);
    if (result.ok())
        return counts(result->families, result->samples);
    return QStringLiteral("%1:%2 %3").arg(parser.errorLine()).arg(parser.errorColumn()).arg(parser.errorReason());
}

// Records what a visitor is told.
struct Recorder : ExpositionParser::Visitor
{
    struct Seen
    {
        std::string family;
        Parser::MetricType type;
        std::string name;
        std::map<std::string, std::string> labels;
        double value;
        std::optional<std::int64_t> timestampMs;
        bool hasExemplar;
    };
    std::vector<std::string> families;
    std::map<std::string, std::string> help;
    std::map<std::string, std::string> units;
    std::vector<Seen> samples;
    std::string only; // when set, onFamily returns true for this family only

    bool onFamily(const Parser::Family& family) override
    {
        families.emplace_back(family.name);
        help[std::string(family.name)] = std::string(family.help);
        units[std::string(family.name)] = std::string(family.unit);
        return only.empty() || family.name == only;
    }
    void onSample(const Parser::Family& family, const Parser::Sample& sample) override
    {
        Seen seen{std::string(family.name), family.type,       std::string(sample.name), {}, sample.value,
                  sample.timestampMs,       sample.hasExemplar};
        for (const Parser::Label& label : sample.labels)
            seen.labels[std::string(label.name)] = std::string(label.value);
        samples.push_back(std::move(seen));
    }
    const Seen* find(const std::string& name, const std::map<std::string, std::string>& labels) const
    {
        for (const Seen& seen : samples) {
            if (seen.name == name && seen.labels == labels)
                return &seen;
        }
        return nullptr;
    }
};

const QString kData = QStringLiteral(STATIONDECK_TEST_DATA "/metrics");

} // namespace

class TestExpositionParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // Every fixture: NAME.om (OpenMetrics) / NAME.prom (text) with NAME.expect, and captures
    // NAME.txt with NAME.txt.expect and NAME.txt.content-type (the format the server answered in).
    void fixtures_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<MetricsFormat>("format");
        QTest::addColumn<QString>("expected");
        int rows = 0;
        QDirIterator it(kData, QDir::Files, QDirIterator::Subdirectories);
        QStringList files;
        while (it.hasNext()) {
            const QString path = it.next();
            if (!path.contains(QLatin1String("/api/"))) // Prometheus HTTP API answers (tst_promapiresponse)
                files << path;
        }
        files.sort();
        for (const QString& path : files) {
            QString expectPath;
            MetricsFormat format = kText;
            if (path.endsWith(QLatin1String(".om")) || path.endsWith(QLatin1String(".prom"))) {
                format = path.endsWith(QLatin1String(".om")) ? kOm : kText;
                expectPath = path.left(path.lastIndexOf(QLatin1Char('.'))) + QStringLiteral(".expect");
            } else if (path.endsWith(QLatin1String(".txt")) && QFileInfo::exists(path + QStringLiteral(".expect"))) {
                expectPath = path + QStringLiteral(".expect");
                const QByteArray contentType = readFile(path + QStringLiteral(".content-type")).trimmed();
                format = metricsFormatFromContentType(view(contentType));
            } else {
                continue;
            }
            if (!QFileInfo::exists(expectPath))
                continue;
            const QString expected = QString::fromUtf8(readFile(expectPath)).trimmed();
            QTest::newRow(qPrintable(QDir(kData).relativeFilePath(path))) << path << format << expected;
            ++rows;
        }
        QVERIFY2(rows >= 20, "the metrics fixtures are missing");
    }
    void fixtures()
    {
        QFETCH(QString, path);
        QFETCH(MetricsFormat, format);
        QFETCH(QString, expected);
        const QString got = outcome(readFile(path), format);
        if (expected.startsWith(QLatin1String("families="))) {
            QCOMPARE(got, expected);
        } else { // "LINE:COL reason": the position must match; the reasons are worded for people
            const QString position = expected.section(QLatin1Char(' '), 0, 0);
            QVERIFY2(got.section(QLatin1Char(' '), 0, 0) == position,
                     qPrintable(QStringLiteral("got \"%1\", expected \"%2\"").arg(got, expected)));
        }
    }

    void accepts_data()
    {
        QTest::addColumn<MetricsFormat>("format");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("expected");
        // Text 0.0.4: what expfmt (promtool check metrics) accepts.
        QTest::newRow("text: empty") << kText << QByteArray() << counts(0, 0);
        QTest::newRow("text: blank lines and comments")
            << kText << QByteArray("\n \t\n# hello\n#\nfoo 1\n") << counts(1, 1);
        QTest::newRow("text: blanks without a newline at the end (found by fuzz_metrics against promtool)")
            << kText << QByteArray("# TYPE\n \t") << counts(0, 0);
        QTest::newRow("text: # EOF is a comment") << kText << QByteArray("foo 1\n# EOF\n") << counts(1, 1);
        QTest::newRow("text: tabs and blanks between tokens")
            << kText << QByteArray("\tfoo\t{ a = \"1\" ,b=\"2\",}\t 1 \t 123\n") << counts(1, 1);
        QTest::newRow("text: no blank after labels") << kText << QByteArray("foo{a=\"1\"}1\n") << counts(1, 1);
        QTest::newRow("text: empty braces") << kText << QByteArray("foo{} 1\n") << counts(1, 1);
        QTest::newRow("text: negative and signed timestamps")
            << kText << QByteArray("a 1 -5\nb 1 +5\n") << counts(2, 2);
        QTest::newRow("text: TYPE in any case, HELP without a blank after #")
            << kText << QByteArray("#HELP foo x\n# TYPE foo GaUgE\nfoo 1\n") << counts(1, 1);
        QTest::newRow("text: TYPE without a type is ignored")
            << kText << QByteArray("# TYPE foo\nfoo 1\n") << counts(1, 1);
        QTest::newRow("text: HELP after samples") << kText << QByteArray("foo 1\n# HELP foo x\n") << counts(1, 1);
        QTest::newRow("text: family not contiguous") << kText << QByteArray("a 1\nb 1\na{x=\"1\"} 2\n") << counts(2, 3);
        QTest::newRow("text: histogram parts belong to the family")
            << kText
            << QByteArray("# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_bucket{le=\"+Inf\"} 2\nh_sum 3\nh_count 2\n")
            << counts(1, 4);
        QTest::newRow("text: summary parts belong to the family")
            << kText << QByteArray("# TYPE s summary\ns{quantile=\"0.5\"} 1\ns_sum 3\ns_count 2\ns_bucket 1\n")
            << counts(2, 4);
        QTest::newRow("text: untyped suffixes are families of their own")
            << kText << QByteArray("x 1\nx_sum 1\nx_count 1\n") << counts(3, 3);
        QTest::newRow("text: families without samples count")
            << kText << QByteArray("# TYPE a gauge\n# HELP b x\n") << counts(2, 0);
        QTest::newRow("text: duplicate samples (not checked, as expfmt)")
            << kText << QByteArray("a 1\na 1\n") << counts(1, 2);
        QTest::newRow("text: help with any bytes") << kText << QByteArray("# HELP a \"\xff\"\na 1\n") << counts(1, 1);
        QTest::newRow("text: gauge_histogram")
            << kText << QByteArray("# TYPE g gauge_histogram\ng_bucket{le=\"1\"} 1\n") << counts(1, 1);
        QTest::newRow("text: le in a counter need not be a number")
            << kText << QByteArray("a{le=\"x\",quantile=\"y\"} 1\n") << counts(1, 1);
        // OpenMetrics 1.0.
        QTest::newRow("om: only # EOF") << kOm << QByteArray("# EOF\n") << counts(0, 0);
        QTest::newRow("om: # EOF without a newline") << kOm << QByteArray("a 1\n# EOF") << counts(1, 1);
        QTest::newRow("om: all types")
            << kOm
            << QByteArray("# TYPE c counter\nc_total 1\nc_created 1.5e9\n"
                          "# TYPE g gauge\ng -1\n"
                          "# TYPE h histogram\nh_bucket{le=\"0.5\"} 0\nh_bucket{le=\"+Inf\"} 1\nh_count 1\nh_sum 0.7\n"
                          "h_created 1\n"
                          "# TYPE gh gaugehistogram\ngh_bucket{le=\"+Inf\"} 1\ngh_gcount 1\ngh_gsum 2\n"
                          "# TYPE s summary\ns{quantile=\"0\"} NaN\ns{quantile=\"1\"} 2\ns_count 3\ns_sum 4\n"
                          "# TYPE st stateset\nst{st=\"a\"} 1\nst{st=\"b\"} 0\n"
                          "# TYPE i info\ni_info{v=\"1\"} 1\n"
                          "# TYPE u unknown\nu 1\n# EOF\n")
            << counts(8, 19);
        QTest::newRow("om: gaugehistogram g and an unknown g_count (no clash)")
            << kOm << QByteArray("# TYPE g gaugehistogram\ng_count 1\n# EOF\n") << counts(2, 1);
        QTest::newRow("om: metadata only") << kOm << QByteArray("# TYPE a gauge\n# HELP b x\n# EOF\n") << counts(2, 0);
        QTest::newRow("om: gauge foo and counter foo_total do not clash")
            << kOm << QByteArray("# TYPE foo gauge\nfoo 1\n# TYPE foo_total counter\nfoo_total_total 1\n# EOF\n")
            << counts(2, 2);
        QTest::newRow("om: a histogram and an unknown foo_total")
            << kOm << QByteArray("# TYPE foo histogram\nfoo_bucket{le=\"+Inf\"} 0\nfoo_total 1\n# EOF\n")
            << counts(2, 2);
        QTest::newRow("om: repeated series with increasing timestamps")
            << kOm << QByteArray("a 1 1\na 2 2.5\n# EOF\n") << counts(1, 2);
        QTest::newRow("om: exemplar with timestamp on a bucket")
            << kOm
            << QByteArray("# TYPE h histogram\nh_bucket{le=\"1\"} 0 # {id=\"x\"} 0.5 1.25\nh_bucket{le=\"+Inf\"} 1 "
                          "# {} 7\n# EOF\n")
            << counts(1, 2);
        QTest::newRow("om: exemplar after a timestamp")
            << kOm << QByteArray("# TYPE c counter\nc_total 1 5 # {a=\"b\"} 1\n# EOF\n") << counts(1, 1);
        QTest::newRow("om: exemplar labels of 128 characters")
            << kOm << QByteArray("# TYPE c counter\nc_total 1 # {a=\"" + QByteArray(127, 'x') + "\"} 1\n# EOF\n")
            << counts(1, 1);
        QTest::newRow("om: exemplar labels of 128 code points, more bytes")
            << kOm
            << QByteArray("# TYPE c counter\nc_total 1 # {a=\"" + QString(127, QChar(0xe9)).toUtf8() + "\"} 1\n# EOF\n")
            << counts(1, 1);
        QTest::newRow("om: NUL and CR in a label value")
            << kOm << QByteArray("a{b=\"\0\r\"} 1\n# EOF\n", 18) << counts(1, 1);
        QTest::newRow("om: negative buckets without _sum") << kOm
                                                           << QByteArray("# TYPE h histogram\nh_bucket{le=\"-1\"} 0\n"
                                                                         "h_bucket{le=\"+Inf\"} 0\n# EOF\n")
                                                           << counts(1, 2);
        QTest::newRow("om: two histogram series") << kOm
                                                  << QByteArray("# TYPE h histogram\nh_bucket{a=\"1\",le=\"+Inf\"} 1\n"
                                                                "h_count{a=\"1\"} 1\nh_bucket{a=\"2\",le=\"+Inf\"} 2\n"
                                                                "h_count{a=\"2\"} 2\n# EOF\n")
                                                  << counts(1, 4);
        QTest::newRow("om: unit as the suffix") << kOm
                                                << QByteArray("# TYPE a_seconds counter\n# UNIT a_seconds seconds\n"
                                                              "a_seconds_total 1\n# EOF\n")
                                                << counts(1, 1);
        QByteArray labels256 = "a{";
        for (int i = 0; i < 256; ++i)
            labels256 += (i ? "," : "") + QByteArray("l") + QByteArray::number(i) + "=\"v\"";
        labels256 += "} 1\n# EOF\n";
        QTest::newRow("om: 256 labels") << kOm << labels256 << counts(1, 1);
    }
    void accepts()
    {
        QFETCH(MetricsFormat, format);
        QFETCH(QByteArray, body);
        QTEST(outcome(body, format), "expected");
    }

    void refuses_data()
    {
        QTest::addColumn<MetricsFormat>("format");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("position");
        QTest::addColumn<QString>("reason"); // a part of the reason

        // Text 0.0.4: what expfmt refuses.
        QTest::newRow("text: no newline at the end") << kText << QByteArray("a 1") << "1:4"
                                                     << "newline";
        QTest::newRow("text: a comment without a newline at the end") << kText << QByteArray("a 1\n# x") << "2:4"
                                                                      << "newline";
        QTest::newRow("text: CRLF") << kText << QByteArray("a 1\r\n") << "1:4"
                                    << "carriage return";
        QTest::newRow("text: no value") << kText << QByteArray("a\n") << "1:2"
                                        << "expected a value";
        QTest::newRow("text: bad value") << kText << QByteArray("a 1x\n") << "1:3"
                                         << "expected a number";
        QTest::newRow("text: hex value") << kText << QByteArray("a 0x1p-2\n") << "1:3"
                                         << "expected a number";
        QTest::newRow("text: underscore in value") << kText << QByteArray("a 1_000\n") << "1:3"
                                                   << "expected a number";
        QTest::newRow("text: +NaN") << kText << QByteArray("a +NaN\n") << "1:3"
                                    << "expected a number";
        QTest::newRow("text: overflow") << kText << QByteArray("a -1e309\n") << "1:3"
                                        << "expected a number";
        QTest::newRow("text: float timestamp") << kText << QByteArray("a 1 1.0\n") << "1:5"
                                               << "integer";
        QTest::newRow("text: timestamp overflow") << kText << QByteArray("a 1 9223372036854775808\n") << "1:5"
                                                  << "integer";
        QTest::newRow("text: text after timestamp") << kText << QByteArray("a 1 2 3\n") << "1:6"
                                                    << "after the timestamp";
        QTest::newRow("text: trailing blank") << kText << QByteArray("a 1 \n") << "1:4"
                                              << "trailing blank";
        QTest::newRow("text: invalid metric name") << kText << QByteArray("1a 1\n") << "1:1"
                                                   << "invalid metric name";
        QTest::newRow("text: invalid label name") << kText << QByteArray("a{1=\"x\"} 1\n") << "1:3"
                                                  << "invalid label name";
        QTest::newRow("text: comma alone") << kText << QByteArray("a{,} 1\n") << "1:3"
                                           << "invalid label name";
        QTest::newRow("text: no comma") << kText << QByteArray("a{b=\"1\" c=\"2\"} 1\n") << "1:9"
                                        << "expected \",\"";
        QTest::newRow("text: unquoted value") << kText << QByteArray("a{b=1} 1\n") << "1:5"
                                              << "double-quoted";
        QTest::newRow("text: label value not closed") << kText << QByteArray("a{b=\"1} 1\n") << "1:10"
                                                      << "not closed";
        QTest::newRow("text: labels not closed") << kText << QByteArray("a{b=\"1\"\n") << "1:8"
                                                 << "expected \",\"";
        QTest::newRow("text: duplicate label") << kText << QByteArray("a{b=\"1\",b=\"2\"} 1\n") << "1:9"
                                               << "duplicate label name";
        QTest::newRow("text: __name__") << kText << QByteArray("a{__name__=\"b\"} 1\n") << "1:3"
                                        << "reserved";
        QTest::newRow("text: escaped quote in help") << kText << QByteArray("# HELP a x\\\"y\na 1\n") << "1:11"
                                                     << "invalid escape";
        QTest::newRow("text: invalid UTF-8 (overlong)") << kText << QByteArray("a{b=\"\xc0\xaf\"} 1\n") << "1:6"
                                                        << "UTF-8";
        QTest::newRow("text: invalid UTF-8 (surrogate)") << kText << QByteArray("a{b=\"\xed\xa0\x80\"} 1\n") << "1:6"
                                                         << "UTF-8";
        QTest::newRow("text: invalid UTF-8 (truncated)") << kText << QByteArray("a{b=\"\xe2\x82\"} 1\n") << "1:6"
                                                         << "UTF-8";
        QTest::newRow("text: unknown type") << kText << QByteArray("# TYPE a stateset\n") << "1:10"
                                            << "unknown metric type";
        QTest::newRow("text: second TYPE") << kText << QByteArray("# TYPE a gauge\n# TYPE a gauge\n") << "2:3"
                                           << "second TYPE";
        QTest::newRow("text: invalid name in HELP") << kText << QByteArray("# HELP 1a x\n") << "1:8"
                                                    << "invalid metric name";
        QTest::newRow("text: quantile not a number")
            << kText << QByteArray("# TYPE s summary\ns_sum{quantile=\"x\"} 1\n") << "2:1"
            << "quantile";

        // OpenMetrics 1.0: the MUSTs.
        QTest::newRow("om: empty") << kOm << QByteArray() << "1:1"
                                   << "# EOF";
        QTest::newRow("om: no # EOF, no newline") << kOm << QByteArray("a 1") << "1:4"
                                                  << "# EOF";
        QTest::newRow("om: no # EOF") << kOm << QByteArray("a 1\n") << "2:1"
                                      << "# EOF";
        QTest::newRow("om: text after # EOF") << kOm << QByteArray("# EOF\na 1\n") << "2:1"
                                              << "follow";
        QTest::newRow("om: # EOF with a blank") << kOm << QByteArray("# EOF \n") << "1:1"
                                                << "# TYPE";
        QTest::newRow("om: empty line") << kOm << QByteArray("a 1\n\n# EOF\n") << "2:1"
                                        << "empty line";
        QTest::newRow("om: CRLF") << kOm << QByteArray("a 1\r\n# EOF\n") << "1:4"
                                  << "carriage return";
        QTest::newRow("om: comment") << kOm << QByteArray("# hello\n# EOF\n") << "1:1"
                                     << "no other comments";
        QTest::newRow("om: byte order mark") << kOm << QByteArray("\xef\xbb\xbf# EOF\n") << "1:1"
                                             << "byte order mark";
        QTest::newRow("om: leading blank") << kOm << QByteArray(" a 1\n# EOF\n") << "1:1"
                                           << "invalid metric name";
        QTest::newRow("om: tab before value") << kOm << QByteArray("a\t1\n# EOF\n") << "1:2"
                                              << "single space";
        QTest::newRow("om: blank after labels") << kOm << QByteArray("a{b=\"1\"}  1\n# EOF\n") << "1:10"
                                                << "expected a number";
        QTest::newRow("om: blank inside labels") << kOm << QByteArray("a{b=\"1\", c=\"2\"} 1\n# EOF\n") << "1:9"
                                                 << "invalid label name";
        QTest::newRow("om: trailing comma") << kOm << QByteArray("a{b=\"1\",} 1\n# EOF\n") << "1:9"
                                            << "invalid label name";
        QTest::newRow("om: trailing blank after timestamp") << kOm << QByteArray("a 1 2 \n# EOF\n") << "1:6"
                                                            << "after the timestamp";
        QTest::newRow("om: undefined escape") << kOm << QByteArray("a{b=\"\\a\"} 1\n# EOF\n") << "1:6"
                                              << "invalid escape";
        QTest::newRow("om: unescaped quote in help") << kOm << QByteArray("# HELP a say \"hi\"\n# EOF\n") << "1:14"
                                                     << "double quote";
        QTest::newRow("om: invalid UTF-8 in help") << kOm << QByteArray("# HELP a \xff\n# EOF\n") << "1:10"
                                                   << "UTF-8";
        QTest::newRow("om: label name with underscore") << kOm << QByteArray("a{_b=\"1\"} 1\n# EOF\n") << "1:3"
                                                        << "underscore";
        QTest::newRow("om: family name with underscore") << kOm << QByteArray("_a 1\n# EOF\n") << "1:1"
                                                         << "underscore";
        QTest::newRow("om: untyped is text format") << kOm << QByteArray("# TYPE a untyped\n# EOF\n") << "1:10"
                                                    << "unknown metric type";
        QTest::newRow("om: TYPE in capitals") << kOm << QByteArray("# TYPE a GAUGE\n# EOF\n") << "1:10"
                                              << "unknown metric type";
        QTest::newRow("om: HELP without a blank") << kOm << QByteArray("# HELP a\n# EOF\n") << "1:9"
                                                  << "space";
        QTest::newRow("om: second UNIT") << kOm << QByteArray("# UNIT a_s s\n# UNIT a_s s\n# EOF\n") << "2:1"
                                         << "second # UNIT";
        QTest::newRow("om: UNIT not after an underscore") << kOm << QByteArray("# UNIT as s\n# EOF\n") << "1:11"
                                                          << "not a suffix";
        QTest::newRow("om: UNIT on info") << kOm << QByteArray("# UNIT a_s s\n# TYPE a_s info\n# EOF\n") << "2:1"
                                          << "must not have a unit";
        QTest::newRow("om: HELP after samples") << kOm << QByteArray("a 1\n# HELP a x\n# EOF\n") << "2:1"
                                                << "after its samples";
        QTest::newRow("om: interleaved families") << kOm << QByteArray("a 1\nb 1\na 2\n# EOF\n") << "3:1"
                                                  << "second time";
        QTest::newRow("om: family clash, counter then gauge _total")
            << kOm << QByteArray("# TYPE a counter\na_total 1\n# TYPE a_total gauge\n# EOF\n") << "4:1"
            << "clashes";
        QTest::newRow("om: gauge with suffix name") << kOm << QByteArray("# TYPE a counter\na 1\n# EOF\n") << "2:1"
                                                    << "a_total";
        QTest::newRow("om: info without _info") << kOm << QByteArray("# TYPE a info\na 1\n# EOF\n") << "2:1"
                                                << "a_info";
        QTest::newRow("om: duplicate sample")
            << kOm << QByteArray("a{x=\"1\",y=\"2\"} 1\na{y=\"2\",x=\"1\"} 1\n# EOF\n") << "2:1"
            << "duplicate sample";
        QTest::newRow("om: timestamps not increasing") << kOm << QByteArray("a 1 2\na 1 2\n# EOF\n") << "2:1"
                                                       << "must increase";
        QTest::newRow("om: counter -Inf") << kOm << QByteArray("# TYPE a counter\na_total -Inf\n# EOF\n") << "2:9"
                                          << "negative";
        QTest::newRow("om: value overflow") << kOm << QByteArray("a 1e400\n# EOF\n") << "1:3"
                                            << "does not fit";
        QTest::newRow("om: hex value") << kOm << QByteArray("a 0x10\n# EOF\n") << "1:3"
                                       << "expected a number";
        QTest::newRow("om: timestamp NaN") << kOm << QByteArray("a 1 NaN\n# EOF\n") << "1:5"
                                           << "timestamp";
        QTest::newRow("om: timestamp out of range") << kOm << QByteArray("a 1 1e300\n# EOF\n") << "1:5"
                                                    << "out of range";
        QTest::newRow("om: bucket not an integer") << kOm
                                                   << QByteArray("# TYPE h histogram\nh_bucket{le=\"+Inf\"} 0.5\n"
                                                                 "# EOF\n")
                                                   << "2:21"
                                                   << "integer";
        QTest::newRow("om: le NaN") << kOm << QByteArray("# TYPE h histogram\nh_bucket{le=\"NaN\"} 0\n# EOF\n")
                                    << "2:10"
                                    << "not a number";
        QTest::newRow("om: +inf bucket not written +Inf (found against prometheus_client)")
            << kOm << QByteArray("# TYPE h histogram\nh_bucket{le=\"+inf\"} 0\n# EOF\n") << "2:10"
            << "+Inf";
        QTest::newRow("om: le not a number")
            << kOm << QByteArray("# TYPE h histogram\nh_bucket{le=\"x\"} 0\n# EOF\n") << "2:10"
            << "not a number";
        QTest::newRow("om: repeated le") << kOm
                                         << QByteArray("# TYPE h histogram\nh_bucket{le=\"1\"} 0\n"
                                                       "h_bucket{le=\"1.0\"} 0\n# EOF\n")
                                         << "3:10"
                                         << "increasing order";
        QTest::newRow("om: bucket after +Inf") << kOm
                                               << QByteArray("# TYPE h histogram\nh_bucket{le=\"+Inf\"} 0\n"
                                                             "h_bucket{le=\"+Inf\"} 0\n# EOF\n")
                                               << "3:10"
                                               << "increasing order";
        QTest::newRow("om: histogram with only _count")
            << kOm << QByteArray("# TYPE h histogram\nh_count 1\n# EOF\n") << "3:1"
            << "+Inf";
        QTest::newRow("om: _sum with negative buckets")
            << kOm << QByteArray("# TYPE h histogram\nh_bucket{le=\"-1\"} 0\nh_bucket{le=\"+Inf\"} 1\nh_sum 1\n# EOF\n")
            << "5:1"
            << "negative bucket";
        QTest::newRow("om: negative _sum") << kOm
                                           << QByteArray("# TYPE h histogram\nh_bucket{le=\"+Inf\"} 1\n"
                                                         "h_sum -1\n# EOF\n")
                                           << "3:7"
                                           << "negative";
        QTest::newRow("om: gaugehistogram _gsum NaN") << kOm
                                                      << QByteArray("# TYPE g gaugehistogram\n"
                                                                    "g_bucket{le=\"+Inf\"} 1\ng_gsum NaN\n# EOF\n")
                                                      << "3:8"
                                                      << "NaN";
        QTest::newRow("om: gaugehistogram negative _gsum")
            << kOm
            << QByteArray("# TYPE g gaugehistogram\ng_bucket{le=\"+Inf\"} "
                          "1\ng_gsum -1\n# EOF\n")
            << "4:1"
            << "negative _gsum";
        QTest::newRow("om: gaugehistogram _gcount differs")
            << kOm
            << QByteArray("# TYPE g gaugehistogram\ng_bucket{le=\"+Inf\"} "
                          "1\ng_gcount 2\n# EOF\n")
            << "3:10"
            << "_gcount";
        QTest::newRow("om: summary quantile without label")
            << kOm << QByteArray("# TYPE s summary\ns 1\n# EOF\n") << "2:1"
            << "quantile";
        QTest::newRow("om: summary quantile on _sum")
            << kOm << QByteArray("# TYPE s summary\ns_sum{quantile=\"1\"} 1\n# EOF\n") << "2:7"
            << "quantile";
        QTest::newRow("om: summary negative quantile value")
            << kOm << QByteArray("# TYPE s summary\ns{quantile=\"0.5\"} -1\n# EOF\n") << "2:19"
            << "negative";
        QTest::newRow("om: summary _count not integer")
            << kOm << QByteArray("# TYPE s summary\ns_count 1.5\n# EOF\n") << "2:9"
            << "integer";
        QTest::newRow("om: stateset without its label")
            << kOm << QByteArray("# TYPE s stateset\ns{a=\"b\"} 1\n# EOF\n") << "2:1"
            << "label named after";
        QTest::newRow("om: exemplar on a gauge") << kOm << QByteArray("a 1 # {} 1\n# EOF\n") << "1:5"
                                                 << "exemplars";
        QTest::newRow("om: exemplar on _count") << kOm
                                                << QByteArray("# TYPE h histogram\nh_bucket{le=\"+Inf\"} 1\nh_count 1 "
                                                              "# {} 1\n# EOF\n")
                                                << "3:11"
                                                << "exemplars";
        QTest::newRow("om: exemplar above its bucket") << kOm
                                                       << QByteArray("# TYPE h histogram\nh_bucket{le=\"1\"} 1 # {} 2\n"
                                                                     "h_bucket{le=\"+Inf\"} 1\n# EOF\n")
                                                       << "2:25"
                                                       << "above";
        QTest::newRow("om: exemplar labels of 129 code points")
            << kOm
            << QByteArray("# TYPE c counter\nc_total 1 # {a=\"" + QString(128, QChar(0xe9)).toUtf8() + "\"} 1\n# EOF\n")
            << "2:13"
            << "128";
        QTest::newRow("om: exemplar without value")
            << kOm << QByteArray("# TYPE c counter\nc_total 1 # {}\n# EOF\n") << "2:15"
            << "exemplar's value";
        QTest::newRow("om: exemplar with text after")
            << kOm << QByteArray("# TYPE c counter\nc_total 1 # {} 1 2 3\n# EOF\n") << "2:19"
            << "after the exemplar";
        QByteArray manyLabels = "a{";
        for (int i = 0; i < 257; ++i)
            manyLabels += (i ? "," : "") + QByteArray("l") + QByteArray::number(i) + "=\"v\"";
        manyLabels += "} 1\n# EOF\n";
        QTest::newRow("om: more than 256 labels")
            << kOm << manyLabels << QStringLiteral("1:%1").arg(manyLabels.indexOf(",l256=") + 2)
            << "more than 256 labels";
        // The same mistakes in lines long enough for the fast paths (a label from one sixteen-byte
        // load, values and names scanned sixteen bytes at a time): refused at the same place. Each
        // @ is 40 bytes of padding; the column is counted with them when the mistake follows it.
        struct LongLine
        {
            const char* name;
            MetricsFormat format;
            const char* body;
            int line;
            int column;
            bool afterPadding;
            const char* reason;
        };
        const LongLine longLines[] = {
            {"text, long line: label name starting with a digit", kText, "a{b=\"1\",2c=\"x\",d=\"@\"} 1\n", 1, 9, false,
             "invalid label name"},
            {"text, long line: __name__", kText, "a{__name__=\"b\",c=\"@\"} 1\n", 1, 3, false, "reserved"},
            {"text, long line: blank before =", kText, "a{b =\"1\",c=\"@\"} 1 2 3\n", 1, 19, true,
             "after the timestamp"},
            {"text, long line: escape in a long value", kText, "a{b=\"@\\q\"} 1\n", 1, 6, true, "invalid escape"},
            {"text, long line: 17 digits, then a CR", kText, "a{b=\"@\"} 1.2345678901234567\r\n", 1, 27, true,
             "carriage return"},
            {"om, long line: label name with underscore", kOm, "a{b=\"1\",_c=\"x\",d=\"@\"} 1\n# EOF\n", 1, 9, false,
             "underscore"},
            {"om, long line: blank after a label", kOm, "a{b=\"@\" ,c=\"1\"} 1\n# EOF\n", 1, 7, true, "\",\" or \"}\""},
            {"om, long line: 17 digits and a letter", kOm, "a{b=\"@\"} 1.2345678901234567x\n# EOF\n", 1, 9, true,
             "expected a number"},
            {"om, long line: CR after help text", kOm, "a 1\n# HELP b @\r\nb 1\n# EOF\n", 2, 10, true,
             "carriage return"},
            {"om, long line: CR after a label value with a CR in it", kOm, "a{b=\"\r@\"} 1\r\n# EOF\n", 1, 11, true,
             "carriage return"},
        };
        const QByteArray padding(40, 'y');
        for (const LongLine& row : longLines) {
            const int column = row.column + (row.afterPadding ? int(padding.size()) : 0);
            QTest::newRow(row.name) << row.format << QByteArray(row.body).replace('@', padding)
                                    << QStringLiteral("%1:%2").arg(row.line).arg(column)
                                    << QString::fromLatin1(row.reason);
        }
        QTest::newRow("text: line longer than 1 MiB")
            << kText << QByteArray("a " + QByteArray(1 << 20, '1') + "\n") << "1:1048577"
            << "longer than";
    }
    void refuses()
    {
        QFETCH(MetricsFormat, format);
        QFETCH(QByteArray, body);
        QFETCH(QString, position);
        QFETCH(QString, reason);
        ExpositionParser parser;
        const auto result = parser.parse(view(body), format);
        QVERIFY(!result.ok());
        const QString got = QStringLiteral("%1:%2").arg(parser.errorLine()).arg(parser.errorColumn());
        QVERIFY2(got == position && parser.errorReason().contains(reason),
                 qPrintable(QStringLiteral("got %1 \"%2\", expected %3 \"...%4...\"")
                                .arg(got, parser.errorReason(), position, reason)));
        QCOMPARE(result.error().message(), got + QStringLiteral(": ") + parser.errorReason());
        QCOMPARE(result.error().code(), QStringLiteral("metrics_syntax"));
    }

    void values_data()
    {
        QTest::addColumn<MetricsFormat>("format");
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<double>("value");
        const double inf = std::numeric_limits<double>::infinity();
        for (MetricsFormat format : {kText, kOm}) {
            const char* f = format == kText ? "text" : "om";
            auto row = [&](const char* text, double value) {
                QTest::addRow("%s: %s", f, text) << format << QByteArray(text) << value;
            };
            row("0", 0);
            row("-0.0", -0.0);
            row("0042", 42);
            row("1.5e3", 1500);
            row("1.5E+3", 1500);
            row("+2", 2);
            row(".5", 0.5);
            row("5.", 5);
            row("1e-400", 0); // too small is zero, as in Go
            row("1.7976931348623157e308", 1.7976931348623157e308);
            row("4.9e-324", 4.9e-324);
            row("+Inf", inf);
            row("-Inf", -inf);
            row("inf", inf);
            row("Infinity", inf);
            row("-INFINITY", -inf);
            row("NaN", std::numeric_limits<double>::quiet_NaN());
            row("nan", std::numeric_limits<double>::quiet_NaN());
            row("1234567890123456789", 1234567890123456789.0);
        }
    }
    void values()
    {
        QFETCH(MetricsFormat, format);
        QFETCH(QByteArray, text);
        QFETCH(double, value);
        Recorder recorder;
        const QByteArray body = "a " + text + (format == kOm ? "\n# EOF\n" : "\n");
        QCOMPARE(outcome(body, format, &recorder), counts(1, 1));
        QCOMPARE(recorder.samples.size(), std::size_t(1));
        const double got = recorder.samples.front().value;
        if (std::isnan(value))
            QVERIFY(std::isnan(got));
        else
            QVERIFY2(got == value && std::signbit(got) == std::signbit(value), qPrintable(QString::number(got)));
    }

    // The fast path for short decimals must round exactly as strtod does.
    void valuesAgreeWithStrtod()
    {
        std::uint64_t seed = 12345;
        auto next = [&seed] {
            seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
            return seed >> 33;
        };
        QByteArray body;
        std::vector<double> expected;
        for (int i = 0; i < 5000; ++i) {
            QByteArray number;
            const int digits = 1 + int(next() % 19);
            for (int d = 0; d < digits; ++d)
                number += char('0' + next() % 10);
            if (next() % 2)
                number.insert(int(next() % (number.size() + 1)), '.');
            if (number == ".")
                number = "0.5";
            if (next() % 3 == 0)
                number += "e" + QByteArray::number(int(next() % 60) - 30);
            if (next() % 4 == 0)
                number.prepend('-');
            expected.push_back(std::strtod(number.constData(), nullptr));
            body += "v{i=\"" + QByteArray::number(i) + "\"} " + number + "\n";
        }
        Recorder recorder;
        QCOMPARE(outcome(body, kText, &recorder), counts(1, 5000));
        for (std::size_t i = 0; i < expected.size(); ++i)
            QVERIFY2(recorder.samples[i].value == expected[i], qPrintable(QString::number(i)));
    }

    // Names and label values are scanned sixteen bytes at a time where the body allows it: every
    // length and every position of the byte that ends the plain run, at the end of the body or not.
    void scansAtEveryOffset()
    {
        const QByteArray nameChars = "abcXYZ019_:";
        const QByteArray valueChars = "abc xyz-019={},#";
        for (MetricsFormat format : {kText, kOm}) {
            const QByteArray eof = format == kOm ? "# EOF\n" : "";
            for (int length = 1; length <= 40; ++length) {
                QByteArray name = "n";
                QByteArray value;
                for (int i = 1; i < length; ++i)
                    name += nameChars[i % nameChars.size()];
                for (int i = 0; i < length; ++i)
                    value += valueChars[i % valueChars.size()];
                const QString row = QStringLiteral("%1, length %2")
                                        .arg(format == kOm ? QStringLiteral("om") : QStringLiteral("text"))
                                        .arg(length);
                for (const QByteArray& padding : {QByteArray(), QByteArray("z 2\n")}) {
                    Recorder names;
                    QCOMPARE(outcome(name + " 1\n" + padding + eof, format, &names),
                             counts(padding.isEmpty() ? 1 : 2, padding.isEmpty() ? 1 : 2));
                    QVERIFY2(names.samples.front().name == name.toStdString(), qPrintable(row));
                    Recorder values;
                    QCOMPARE(outcome("m{l=\"" + value + "\"} 1\n" + padding + eof, format, &values),
                             counts(padding.isEmpty() ? 1 : 2, padding.isEmpty() ? 1 : 2));
                    QVERIFY2(values.samples.front().labels.at("l") == value.toStdString(), qPrintable(row));
                }
                for (int k = 1; k < length; ++k) {
                    const QString at = row + QStringLiteral(", at %1").arg(k);
                    // A non-name byte ends the name: the line is then refused right there.
                    ExpositionParser parser;
                    const QByteArray badName = name.left(k) + "\xc3\xa9" + name.mid(k) + " 1\n" + eof;
                    QVERIFY2(!parser.parse(view(badName), format).ok() && parser.errorColumn() == k + 1,
                             qPrintable(at + QStringLiteral(": column %1").arg(parser.errorColumn())));
                    // An escape, UTF-8, or a byte that is not UTF-8 in the value.
                    Recorder escaped;
                    QCOMPARE(
                        outcome("m{l=\"" + value.left(k) + "\\n" + value.mid(k) + "\"} 1\n" + eof, format, &escaped),
                        counts(1, 1));
                    const QByteArray unescaped = value.left(k) + "\n" + value.mid(k);
                    QVERIFY2(escaped.samples.front().labels.at("l") == unescaped.toStdString(), qPrintable(at));
                    Recorder utf8;
                    const QByteArray withUtf8 = value.left(k) + "\xc3\xa9" + value.mid(k);
                    QCOMPARE(outcome("m{l=\"" + withUtf8 + "\"} 1\n" + eof, format, &utf8), counts(1, 1));
                    QVERIFY2(utf8.samples.front().labels.at("l") == withUtf8.toStdString(), qPrintable(at));
                    const QByteArray notUtf8 = "m{l=\"" + value.left(k) + "\xff" + value.mid(k) + "\"} 1\n" + eof;
                    QVERIFY2(!parser.parse(view(notUtf8), format).ok() && parser.errorColumn() == 6 + k,
                             qPrintable(at + QStringLiteral(": column %1").arg(parser.errorColumn())));
                }
            }
        }
    }

    void escapesAndTimestamps()
    {
        Recorder text;
        QCOMPARE(
            outcome("# HELP a x\\\\y\\nz\na{b=\"q\\\"\\\\\\n\",c=\"plain\",d=\"\xc3\xa9\\n\"} 1 -1500\n", kText, &text),
            counts(1, 1));
        QCOMPARE(text.help["a"], std::string("x\\y\nz"));
        const auto* sample = text.find("a", {{"b", "q\"\\\n"}, {"c", "plain"}, {"d", "\xc3\xa9\n"}});
        QVERIFY(sample);
        QCOMPARE(sample->timestampMs, std::optional<std::int64_t>(-1500));

        Recorder om;
        QCOMPARE(outcome("# TYPE a_seconds counter\n# UNIT a_seconds seconds\n# HELP a_seconds say \\\"x\\\"\n"
                         "a_seconds_total{b=\"\\\\\"} 1 1520879607.789 # {t=\"1\"} 1\n"
                         "a_seconds_created{b=\"\\\\\"} 5 -0.0015\n# EOF\n",
                         kOm, &om),
                 counts(1, 2));
        QCOMPARE(om.help["a_seconds"], std::string("say \"x\""));
        QCOMPARE(om.units["a_seconds"], std::string("seconds"));
        QCOMPARE(om.samples.size(), std::size_t(2));
        QCOMPARE(om.samples[0].labels, (std::map<std::string, std::string>{{"b", "\\"}}));
        QCOMPARE(om.samples[0].timestampMs, std::optional<std::int64_t>(1520879607789));
        QVERIFY(om.samples[0].hasExemplar);
        QCOMPARE(om.samples[0].type, Parser::MetricType::Counter);
        QCOMPARE(om.samples[1].name, std::string("a_seconds_created"));
        QCOMPARE(om.samples[1].timestampMs, std::optional<std::int64_t>(-2)); // rounded to milliseconds
        QVERIFY(!om.samples[1].hasExemplar);
    }

    // What the scraper will do: pick a few series out of a node_exporter body.
    void picksNodeExporterSeries()
    {
        const QByteArray body = readFile(kData + QStringLiteral("/cases/valid/node_exporter_1.5.0.prom"));
        Recorder all;
        QCOMPARE(outcome(body, kText, &all), counts(282, 505));
        QCOMPARE(all.families.size(), std::size_t(282));
        const auto* idle = all.find("node_cpu_seconds_total", {{"cpu", "0"}, {"mode", "idle"}});
        QVERIFY(idle);
        QCOMPARE(idle->value, 3939.45);
        QCOMPARE(idle->type, Parser::MetricType::Counter);
        QCOMPARE(idle->family, std::string("node_cpu_seconds_total"));
        const auto* total = all.find("node_memory_MemTotal_bytes", {});
        QVERIFY(total);
        QCOMPARE(total->value, 2.527602688e+10);
        QCOMPARE(total->type, Parser::MetricType::Gauge);
        QCOMPARE(all.find("node_memory_MemAvailable_bytes", {})->value, 2.4373886976e+10);
        QCOMPARE(all.find("process_cpu_seconds_total", {})->value, 0.09);
        QCOMPARE(all.find("process_resident_memory_bytes", {})->value, 1.9365888e+07);
        QCOMPARE(all.help["node_cpu_seconds_total"], std::string("Seconds the CPUs spent in each mode."));
        int cpuSamples = 0;
        for (const auto& seen : all.samples)
            cpuSamples += seen.name == "node_cpu_seconds_total" ? 1 : 0;

        // Declining the other families: only the one asked for reaches onSample.
        Recorder picked;
        picked.only = "node_cpu_seconds_total";
        QCOMPARE(outcome(body, kText, &picked), counts(282, 505));
        QCOMPARE(int(picked.samples.size()), cpuSamples);
        QVERIFY(cpuSamples >= 8);
    }

    // A last line without a newline is read from a copy with one: what a visitor is told must still
    // point into the body (names and plain values), whether the parse then succeeds or not.
    void viewsFromALastLineWithoutNewline_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("sample of a new family, no # EOF") << QByteArray("a 1\nbb{c=\"d\"} 2");
        QTest::newRow("new family, then an error") << QByteArray("# TYPE a gauge\na 1\nbb$ 2");
        QTest::newRow("# EOF") << QByteArray("a{c=\"d\"} 1\n# EOF");
    }
    void viewsFromALastLineWithoutNewline()
    {
        QFETCH(QByteArray, body);
        struct Checker : ExpositionParser::Visitor
        {
            std::string_view body;
            int outside = 0;
            int seen = 0;
            void check(std::string_view text)
            {
                ++seen;
                if (text.data() < body.data() || text.data() + text.size() > body.data() + body.size())
                    ++outside;
            }
            bool onFamily(const Parser::Family& family) override
            {
                check(family.name);
                return true;
            }
            void onSample(const Parser::Family& family, const Parser::Sample& sample) override
            {
                check(family.name);
                check(sample.name);
                for (const Parser::Label& label : sample.labels) {
                    check(label.name);
                    check(label.value);
                }
            }
        } checker;
        checker.body = view(body);
        ExpositionParser parser;
        static_cast<void>(parser.parse(view(body), kOm, &checker));
        QVERIFY(checker.seen >= 2);
        QCOMPARE(checker.outside, 0);
    }

    // One parser, many parses: same answers, and an error leaves it usable.
    void reusesOneParser()
    {
        ExpositionParser parser;
        const QByteArray good("# TYPE a counter\na_total{x=\"\\\\\"} 1\n# EOF\n");
        for (int i = 0; i < 3; ++i) {
            auto result = parser.parse(view(good), kOm);
            QVERIFY(result.ok());
            QCOMPARE(result->samples, 1);
            QCOMPARE(parser.errorLine(), 0);
            QVERIFY(!parser.parse("a 1\n", kOm).ok());
            QCOMPARE(parser.errorLine(), 2);
        }
    }

    void contentType_data()
    {
        QTest::addColumn<QByteArray>("contentType");
        QTest::addColumn<MetricsFormat>("format");
        QTest::newRow("openmetrics 1.0.0")
            << QByteArray("application/openmetrics-text; version=1.0.0; charset=utf-8") << kOm;
        QTest::newRow("python's version=0.0.1")
            << QByteArray("application/openmetrics-text; version=0.0.1; charset=utf-8") << kOm;
        QTest::newRow("capitals, blanks") << QByteArray(" Application/OpenMetrics-Text ;version=1.0.0") << kOm;
        QTest::newRow("bare") << QByteArray("application/openmetrics-text") << kOm;
        QTest::newRow("text 0.0.4") << QByteArray("text/plain; version=0.0.4; charset=utf-8") << kText;
        QTest::newRow("empty") << QByteArray() << kText;
        QTest::newRow("a longer type") << QByteArray("application/openmetrics-textx") << kText;
        QTest::newRow("protobuf") << QByteArray(
            "application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily")
                                  << kText;
    }
    void contentType()
    {
        QFETCH(QByteArray, contentType);
        QTEST(metricsFormatFromContentType(view(contentType)), "format");
    }
};

QTEST_GUILESS_MAIN(TestExpositionParser)
#include "tst_expositionparser.moc"
