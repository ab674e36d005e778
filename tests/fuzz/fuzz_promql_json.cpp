// SPDX-License-Identifier: GPL-3.0-or-later
// Feeds arbitrary bytes to PromApiResponse, as a Prometheus server, a proxy in front of it or
// anything else at its URL may send them. The first byte picks the HTTP status and Content-Type;
// the rest is the body. Nothing may crash; a success has consistent series (as many times as
// values, within the limits) that PromHealthAssembler can take; an error is one clean sentence
// naming the server and never its password or query. The body also goes through the PromQL
// escaping (a quoted literal has no raw line break and no unescaped quote) and the selector check.
#include "metrics/PromApiResponse.h"
#include "metrics/PromHealthAssembler.h"
#include "metrics/PromQlTemplates.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace {

void require(bool condition, const char* what)
{
    if (!condition) {
        std::fprintf(stderr, "fuzz_promql_json: %s\n", what);
        std::abort();
    }
}

const int kStatus[] = {200, 200, 400, 422, 503, 401, 403, 502};
const char* const kContentType[] = {"application/json", "text/html; charset=utf-8", "text/plain", ""};

void checkQuote(const QString& value)
{
    const QString literal = sd::PromQlTemplates::quote(value);
    require(literal.size() >= 2 && literal.front() == QLatin1Char('"') && literal.back() == QLatin1Char('"'),
            "a literal without its quotes");
    for (qsizetype i = 1; i + 1 < literal.size(); ++i) {
        const QChar c = literal.at(i);
        require(c.unicode() >= 0x20 && c.unicode() != 0x7f, "a raw control character in a literal");
        if (c == QLatin1Char('\\')) {
            ++i; // the escaped character
            require(i + 1 < literal.size(), "a literal ending in a lone backslash");
        } else {
            require(c != QLatin1Char('"'), "an unescaped quote in a literal");
        }
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size == 0)
        return 0;
    const int status = kStatus[data[0] & 7];
    const QByteArray contentType(kContentType[(data[0] >> 3) & 3]);
    const QByteArray body(reinterpret_cast<const char*>(data) + 1, qsizetype(size - 1));
    sd::PromApiResponse::Limits limits;
    limits.maxSeries = 1000;
    limits.maxPoints = 20000;
    // Distinctive secrets: the server's own error text (fuzzed) is echoed, so a short one like
    // "pw" could appear there by chance.
    const QUrl server(QStringLiteral("http://u5er-K7q:Pa55-W0rd-x9Z@127.0.0.1:9090/?secret=Qz7-secret-val"));
    const auto r = sd::PromApiResponse::parse(body, status, contentType, server, limits);
    if (r.ok()) {
        require(r->series().size() <= limits.maxSeries, "more series than the limit");
        require(r->pointCount() <= limits.maxPoints || r->series().isEmpty(), "more points than the limit");
        QStringList keys;
        for (const sd::PromSeries& series : r->series()) {
            require(series.timesMs.size() == series.values.size(), "times and values differ in number");
            keys.append(series.label(QStringLiteral("instance")));
        }
        const sd::PromHealthAssembler assembler(QStringLiteral("instance"), {{QStringLiteral("s"), keys}});
        sd::PromFleetValues values;
        assembler.addLatest(sd::HealthMetric::CpuPercent, *r, &values);
        require(values.stations.size() <= 1, "values for a station nobody asked for");
        const auto series = assembler.series(sd::HealthMetric::Up, QStringLiteral("s"), *r, 0, 600000, 15000);
        require(series.timesMs.size() == 41 && series.values.size() == 41, "a history off its grid");
    } else {
        const QString sentence = r.error().sentence();
        require(sentence.startsWith(QStringLiteral("Prometheus at http://127.0.0.1:9090 ")),
                "an error without the server");
        require(!sentence.contains(QLatin1String("Pa55-W0rd-x9Z")) && !sentence.contains(QLatin1String("u5er-K7q"))
                    && !sentence.contains(QLatin1String("Qz7-secret-val")),
                "an error with the user, the password or the query");
        require(!r.error().code().isEmpty(), "an error without a code");
        for (const QChar c : sentence)
            require(c.category() != QChar::Other_Control, "a control character in an error");
    }
    const QString text = QString::fromUtf8(body.left(4096));
    checkQuote(text);
    (void)sd::PromQlTemplates::checkSelector(text);
    (void)sd::PromQlTemplates::regexEscape(text);
    return 0;
}
