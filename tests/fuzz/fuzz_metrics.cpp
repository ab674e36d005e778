// SPDX-License-Identifier: GPL-3.0-or-later
// Feeds arbitrary bytes to ExpositionParser, as any scrape target may send them. The first byte
// picks the format (even: text 0.0.4, odd: OpenMetrics). Nothing may crash or read out of bounds;
// an error names a line and column inside the input; a success hands the visitor exactly the
// counted samples, with views that lie inside the body or are unescaped values no longer than it.
#include "metrics/ExpositionParser.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace {

void require(bool condition, const char* what)
{
    if (!condition) {
        std::fprintf(stderr, "fuzz_metrics: %s\n", what);
        std::abort();
    }
}

struct Checker : sd::ExpositionParser::Visitor
{
    std::string_view body;
    int families = 0;
    int samples = 0;

    bool inBody(std::string_view text) const
    {
        return text.empty() || (text.data() >= body.data() && text.data() + text.size() <= body.data() + body.size());
    }
    bool onFamily(const sd::ExpositionParser::Family& family) override
    {
        ++families;
        require(inBody(family.name) && !family.name.empty(), "family name outside the body");
        require(inBody(family.unit), "unit outside the body");
        require(family.help.size() <= body.size(), "help longer than the body");
        return families % 2 == 1; // decline every other family: its samples must still count
    }
    void onSample(const sd::ExpositionParser::Family& family, const sd::ExpositionParser::Sample& sample) override
    {
        ++samples;
        require(inBody(sample.name) && !sample.name.empty(), "sample name outside the body");
        require(inBody(family.name), "family name outside the body");
        require(sample.labels.size() <= std::size_t(sd::ExpositionParser::kMaxLabels), "too many labels");
        for (const auto& label : sample.labels) {
            require(inBody(label.name) && !label.name.empty(), "label name outside the body");
            require(label.value.size() <= body.size(), "label value longer than the body");
            volatile char sink = 0;
            for (char c : label.value) // touch every byte: ASan checks the view
                sink = static_cast<char>(sink ^ c);
        }
    }
};

int lineCount(std::string_view text)
{
    int lines = 1;
    for (char c : text)
        lines += c == '\n' ? 1 : 0;
    return lines;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size == 0)
        return 0;
    const auto format = (data[0] & 1) ? sd::MetricsFormat::OpenMetrics : sd::MetricsFormat::PrometheusText;
    const std::string_view body(reinterpret_cast<const char*>(data) + 1, size - 1);
    Checker checker;
    checker.body = body;
    sd::ExpositionParser parser;
    const auto result = parser.parse(body, format, &checker);
    if (result.ok()) {
        require(result->samples >= checker.samples, "more samples seen than counted");
        require(result->families == checker.families, "families reported differ from those counted");
        require(parser.errorLine() == 0, "an error position after a success");
        // The same parser again gives the same answer.
        const auto again = parser.parse(body, format, nullptr);
        require(again.ok() && again->samples == result->samples && again->families == result->families,
                "a second parse differs");
    } else {
        require(parser.errorLine() >= 1 && parser.errorLine() <= lineCount(body) + 1, "error line outside the input");
        require(parser.errorColumn() >= 1, "error column before the line");
        require(!parser.errorReason().isEmpty(), "an error without a reason");
    }
    return 0;
}
