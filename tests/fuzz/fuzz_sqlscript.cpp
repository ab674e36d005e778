// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target for SqlScript::split: any input, both dialects, must neither crash nor hang,
// and every statement it returns must be non-empty, trimmed and placed inside the input.
#include "storage/SqlScript.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>

namespace {

void check(const QString& script, sd::SqlScript::Dialect dialect)
{
    const auto result = sd::SqlScript::split(script, dialect);
    if (!result) {
        if (!result.error().message().contains(QStringLiteral(" at line ")))
            std::abort();
        return;
    }
    const int lines = int(script.count(u'\n')) + 1;
    for (const auto& statement : *result) {
        if (statement.text.isEmpty() || statement.text != statement.text.trimmed())
            std::abort();
        if (statement.line < 1 || statement.line > lines || statement.column < 1)
            std::abort();
        if (!script.contains(statement.text))
            std::abort();
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const QString script = QString::fromUtf8(reinterpret_cast<const char*>(data), qsizetype(size));
    check(script, sd::SqlScript::Dialect::Sqlite);
    check(script, sd::SqlScript::Dialect::Postgresql);
    return 0;
}
