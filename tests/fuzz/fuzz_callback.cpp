// SPDX-License-Identifier: GPL-3.0-or-later
// Feeds arbitrary bytes to the loopback listener's request-head parser, as anything that reaches
// 127.0.0.1 may send them. Nothing may crash; a Callback is always GET /callback; an Ambiguous
// request keeps no values; what would reach an Error sentence is one clean, short line.
#include "auth/CallbackRequest.h"
#include "auth/UntrustedText.h"

#include <QByteArray>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace {

void require(bool condition, const char* what)
{
    if (!condition) {
        std::fprintf(stderr, "fuzz_callback: %s\n", what);
        std::abort();
    }
}

void requireClean(const QString& text, qsizetype maxLength)
{
    require(text.size() <= maxLength, "sanitized text longer than its limit");
    for (const QChar c : text) {
        const auto category = c.category();
        require(category != QChar::Other_Control && category != QChar::Other_Format && category != QChar::Separator_Line
                    && category != QChar::Separator_Paragraph,
                "control or format character left in sanitized text");
    }
    require(!text.startsWith(QLatin1Char(' ')) && !text.endsWith(QLatin1Char(' ')), "sanitized text not trimmed");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArray head(reinterpret_cast<const char*>(data), qsizetype(size));
    const sd::CallbackRequest request = sd::CallbackRequest::parse(head);
    using Kind = sd::CallbackRequest::Kind;
    switch (request.kind()) {
    case Kind::Callback:
        require(request.method() == "GET", "a Callback that is not a GET");
        require(request.path() == QLatin1String("/callback"), "a Callback to another path");
        require(request.repeatedParameter().isEmpty(), "a Callback with a repeated parameter");
        break;
    case Kind::Ambiguous:
        require(!request.repeatedParameter().isEmpty(), "Ambiguous without naming the parameter");
        require(request.state().isEmpty() && request.code().isEmpty() && request.error().isEmpty(),
                "Ambiguous request kept a value");
        break;
    case Kind::NotHttp:
    case Kind::BadMethod:
    case Kind::WrongPath:
        require(request.code().isEmpty() && request.state().isEmpty(), "a refused request carries values");
        break;
    }
    requireClean(sd::UntrustedText::sanitize(request.error(), 64), 64);
    requireClean(sd::UntrustedText::sanitize(request.errorDescription(), 200), 200);
    // The raw input as untrusted text too: any UTF-8 (or not), any length.
    requireClean(sd::UntrustedText::sanitize(QString::fromUtf8(head), 200), 200);
    requireClean(sd::UntrustedText::sanitize(QString::fromUtf8(head), 7), 7);
    return 0;
}
