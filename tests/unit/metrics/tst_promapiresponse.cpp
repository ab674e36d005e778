// SPDX-License-Identifier: GPL-3.0-or-later
// PromApiResponse over every answer in tests/data/metrics/api: real ones captured from Prometheus
// 2.42 (capture.sh, api/capture_api.sh) and hand-written broken ones (api/broken: truncated JSON,
// a proxy's HTML page, 401/403, wrong types). Each NAME has NAME.status, NAME.content-type and
// NAME.expect ("success TYPE series=N points=M warnings=W" or "error CODE"). Then focused rows:
// values, labels, times, the sentences, and the limits.
#include "metrics/PromApiResponse.h"

#include <QDir>
#include <QFile>
#include <QTest>

#include <cmath>

using namespace sd;

namespace {

const QString kApi = QStringLiteral(STATIONDECK_TEST_DATA "/metrics/api");
// A server URL with everything errors must not show: user, password, query, fragment.
const QUrl kServer(QStringLiteral("http://reader:s3cret@127.0.0.1:9090/prom/?token=abc#frag"));
const QString kShown = QStringLiteral("http://127.0.0.1:9090/prom");

QByteArray readFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(path));
    return file.readAll();
}

struct Fixture
{
    QByteArray body;
    int status = 0;
    QByteArray contentType;
    QString expect;
};

Fixture load(const QString& path)
{
    Fixture f;
    f.body = readFile(path);
    f.status = readFile(path + QStringLiteral(".status")).trimmed().toInt();
    f.contentType = readFile(path + QStringLiteral(".content-type")).trimmed();
    f.expect = QString::fromUtf8(readFile(path + QStringLiteral(".expect")).trimmed());
    return f;
}

Result<PromApiResponse> parseFixture(const QString& name, const PromApiResponse::Limits& limits = {})
{
    const Fixture f = load(kApi + QLatin1Char('/') + name);
    return PromApiResponse::parse(f.body, f.status, f.contentType, kServer, limits);
}

QString outcome(const Result<PromApiResponse>& r)
{
    if (!r)
        return QStringLiteral("error ") + r.error().code();
    return QStringLiteral("success %1 series=%2 points=%3 warnings=%4")
        .arg(promResultTypeName(r->resultType()))
        .arg(r->series().size())
        .arg(r->pointCount())
        .arg(r->warnings().size());
}

bool isClean(const QString& text)
{
    for (const QChar c : text) {
        if (c.category() == QChar::Other_Control || c.category() == QChar::Other_Format)
            return false;
    }
    return true;
}

} // namespace

class TestPromApiResponse : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fixtures_data()
    {
        QTest::addColumn<QString>("name");
        const QDir dir(kApi);
        int rows = 0;
        const QStringList patterns{QStringLiteral("*.json"), QStringLiteral("*.html"), QStringLiteral("*.txt")};
        for (const QString& sub : {QString(), QStringLiteral("broken/")}) {
            for (const QString& file : QDir(kApi + QLatin1Char('/') + sub).entryList(patterns, QDir::Files)) {
                QTest::newRow(qPrintable(sub + file)) << sub + file;
                ++rows;
            }
        }
        QVERIFY2(rows >= 34, "the fixtures are missing");
        Q_UNUSED(dir);
    }
    void fixtures()
    {
        QFETCH(QString, name);
        const Fixture f = load(kApi + QLatin1Char('/') + name);
        const auto r = PromApiResponse::parse(f.body, f.status, f.contentType, kServer);
        QCOMPARE(outcome(r), f.expect);
        if (r)
            return;
        const QString sentence = r.error().sentence();
        QVERIFY2(sentence.startsWith(QStringLiteral("Prometheus at ") + kShown + QLatin1Char(' ')),
                 qPrintable(sentence));
        QVERIFY2(!sentence.contains(QLatin1String("s3cret")) && !sentence.contains(QLatin1String("reader"))
                     && !sentence.contains(QLatin1String("token=")) && !sentence.contains(QLatin1String("frag")),
                 qPrintable(sentence));
        QVERIFY2(isClean(sentence), qPrintable(sentence));
        QVERIFY2(sentence.size() < 700, qPrintable(sentence));
        if (f.expect.startsWith(QLatin1String("error ")) && f.body.startsWith("{\"status\":\"error\"")) {
            QVERIFY2(sentence.contains(QStringLiteral("refused the query: ")), qPrintable(sentence));
        }
    }

    void apiErrorSentence()
    {
        const auto r = parseFixture(QStringLiteral("query_bad_promql.json"));
        QVERIFY(!r);
        QCOMPARE(r.error().code(), QStringLiteral("bad_data"));
        QCOMPARE(r.error().sentence(),
                 QStringLiteral("Prometheus at http://127.0.0.1:9090/prom refused the query: bad_data — invalid "
                                "parameter \"query\": 1:6: parse error: unclosed left parenthesis."));
        const auto execution = parseFixture(QStringLiteral("query_execution_error.json"));
        QVERIFY(!execution);
        QCOMPARE(execution.error().code(), QStringLiteral("execution"));
        QVERIFY(execution.error().message().contains(QStringLiteral("execution — found duplicate series")));
    }

    void controlCharactersAreRemoved()
    {
        const auto r = parseFixture(QStringLiteral("broken/control_chars_error.json"));
        QVERIFY(!r);
        QCOMPARE(r.error().message(),
                 QStringLiteral("Prometheus at http://127.0.0.1:9090/prom refused the query: "
                                "bad_data — 1:6: parse [31m error: unexpected end of input"));
    }

    void nonJsonSentences_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("piece");
        QTest::newRow("proxy") << "broken/proxy_502.html"
                               << "answered HTTP 502 with an HTML page titled \"502 Bad Gateway\"";
        QTest::newRow("401") << "broken/unauthorized_401.txt"
                             << "refused access (HTTP 401)";
        QTest::newRow("403") << "broken/forbidden_403.html"
                             << "refused access (HTTP 403)";
        QTest::newRow("login page") << "broken/login_page_200.html"
                                    << "answered with an HTML page titled \"Sign in — Corporate SSO\"";
        QTest::newRow("truncated") << "broken/truncated.json"
                                   << "sent broken JSON (";
        QTest::newRow("404") << "broken/not_found_404.txt"
                             << "answered HTTP 404 with text starting \"404 page not found\"";
        QTest::newRow("empty") << "broken/empty_200.json"
                               << "answered with an empty answer";
        QTest::newRow("targets") << "targets.json"
                                 << "without a data.resultType";
        QTest::newRow("value") << "broken/value_number.json"
                               << "cannot read: data.result[0].value has a value that is not a number in a string";
        QTest::newRow("bad number") << "broken/bad_number.json"
                                    << "data.result[0].values[1] has a value";
        QTest::newRow("label") << "broken/label_not_string.json"
                               << "data.result[0].metric has a label value";
        QTest::newRow("type") << "broken/unknown_result_type.json"
                              << "result type \"histogram\"";
        QTest::newRow("no type") << "broken/error_without_type_500.json"
                                 << "refused the query: HTTP 500 — something broke";
    }
    void nonJsonSentences()
    {
        QFETCH(QString, name);
        QFETCH(QString, piece);
        const auto r = parseFixture(name);
        QVERIFY(!r);
        QVERIFY2(r.error().message().contains(piece), qPrintable(r.error().message()));
    }

    void vectorValuesAndLabels()
    {
        const auto r = parseFixture(QStringLiteral("query_up.json"));
        QVERIFY(r);
        QCOMPARE(r->resultType(), PromApiResponse::ResultType::Vector);
        QCOMPARE(r->series().size(), 3);
        const PromSeries& first = r->series().front();
        QCOMPARE(first.label(QStringLiteral("__name__")), QStringLiteral("up"));
        QCOMPARE(first.label(QStringLiteral("job")), QStringLiteral("prometheus"));
        QCOMPARE(first.timesMs, std::vector<std::int64_t>{1795843509069});
        QCOMPARE(first.values, std::vector<double>{1.0});
    }

    void escapedLabelValue()
    {
        const auto r = parseFixture(QStringLiteral("query_memory_by_station.json"));
        QVERIFY(r);
        QStringList stations;
        for (const PromSeries& s : r->series()) {
            stations.append(s.label(QStringLiteral("station")));
            QVERIFY(s.values.front() > 1e6); // bytes of memory in use
        }
        QVERIFY2(stations.contains(QStringLiteral("station-3 \"west\\1\"")), qPrintable(stations.join(u'|')));
    }

    void nanAndInfinities()
    {
        const auto r = parseFixture(QStringLiteral("query_nan_inf.json"));
        QVERIFY(r);
        QCOMPARE(r->series().size(), 3);
        int nan = 0, plus = 0, minus = 0;
        for (const PromSeries& s : r->series()) {
            const double v = s.values.front();
            nan += std::isnan(v) ? 1 : 0;
            plus += (std::isinf(v) && v > 0) ? 1 : 0;
            minus += (std::isinf(v) && v < 0) ? 1 : 0;
        }
        QCOMPARE(nan, 1);
        QCOMPARE(plus, 1);
        QCOMPARE(minus, 1);
    }

    void matrixInTimeOrder()
    {
        const auto r = parseFixture(QStringLiteral("query_range_cpu_by_instance.json"));
        QVERIFY(r);
        QCOMPARE(r->resultType(), PromApiResponse::ResultType::Matrix);
        for (const PromSeries& s : r->series()) {
            QVERIFY(!s.label(QStringLiteral("instance")).isEmpty());
            QCOMPARE(s.timesMs.size(), s.values.size());
            for (std::size_t i = 1; i < s.timesMs.size(); ++i)
                QCOMPARE(s.timesMs[i] - s.timesMs[i - 1], std::int64_t(1000)); // step=1
            for (double v : s.values)
                QVERIFY(v >= -5 && v <= 105); // a CPU percentage
        }
    }

    void scalarAndString()
    {
        const auto scalar = parseFixture(QStringLiteral("query_scalar.json"));
        QVERIFY(scalar);
        QCOMPARE(scalar->resultType(), PromApiResponse::ResultType::Scalar);
        QCOMPARE(scalar->scalar(), 2.0);
        QVERIFY(scalar->timeMs() > 1700000000000);
        QVERIFY(scalar->series().isEmpty());
        const auto text = parseFixture(QStringLiteral("query_string.json"));
        QVERIFY(text);
        QCOMPARE(text->resultType(), PromApiResponse::ResultType::String);
        QCOMPARE(text->text(), QStringLiteral("a \"quoted\" string"));
    }

    void warnings()
    {
        const auto r = parseFixture(QStringLiteral("query_warning.json"));
        QVERIFY(r);
        QCOMPARE(r->warnings().size(), 1);
        QVERIFY(r->warnings().front().startsWith(QStringLiteral("remote_read: ")));
    }

    void limits()
    {
        PromApiResponse::Limits series;
        series.maxSeries = 2;
        const auto tooManySeries = parseFixture(QStringLiteral("query_up.json"), series);
        QVERIFY(!tooManySeries);
        QCOMPARE(tooManySeries.error().code(), QStringLiteral("too_large"));
        QVERIFY(tooManySeries.error().message().contains(QStringLiteral("3 series, more than the 2")));

        PromApiResponse::Limits points;
        points.maxPoints = 63;
        const auto tooManyPoints = parseFixture(QStringLiteral("query_range_rate_node_cpu.json"), points);
        QVERIFY(!tooManyPoints);
        QCOMPARE(tooManyPoints.error().code(), QStringLiteral("too_large"));
        points.maxPoints = 64;
        QVERIFY(parseFixture(QStringLiteral("query_range_rate_node_cpu.json"), points));

        PromApiResponse::Limits bytes;
        bytes.maxBytes = 100;
        const auto tooLarge = parseFixture(QStringLiteral("query_up.json"), bytes);
        QVERIFY(!tooLarge);
        QCOMPARE(tooLarge.error().code(), QStringLiteral("too_large"));
    }

    void serverText()
    {
        QCOMPARE(PromApiResponse::serverText(QUrl(QStringLiteral("https://u:p@prom.example.net:9090/?x=1"))),
                 QStringLiteral("https://prom.example.net:9090"));
    }
};

QTEST_GUILESS_MAIN(TestPromApiResponse)
#include "tst_promapiresponse.moc"
