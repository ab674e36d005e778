// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target for HttpResponseReader: the first byte picks the size of the pieces the rest is
// fed in (0: all at once), as a connection delivers them. Besides the sanitizers it checks that the
// reader never claims more bytes than it was given, always takes every byte while it wants more,
// never gives more body than it read, and fails with a short sentence or not at all.
#include "metrics/HttpResponseReader.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    if (size == 0)
        return 0;
    const qsizetype piece = data[0] == 0 ? qsizetype(size) : qsizetype(data[0]);
    const char* bytes = reinterpret_cast<const char*>(data + 1);
    const qsizetype total = qsizetype(size - 1);
    sd::HttpResponseReader reader;
    QByteArray body;
    qsizetype at = 0;
    sd::HttpResponseReader::Step step = sd::HttpResponseReader::Step::More;
    while (at < total && step != sd::HttpResponseReader::Step::Done && step != sd::HttpResponseReader::Step::Failed) {
        const qsizetype n = std::min(piece, total - at);
        qsizetype offset = 0;
        do {
            qsizetype used = -1;
            step = reader.feed(bytes + at + offset, n - offset, body, used);
            if (used < 0 || used > n - offset)
                std::abort();
            if (step == sd::HttpResponseReader::Step::More && used != n - offset)
                std::abort(); // wants more, but left bytes
            offset += used;
        } while (step == sd::HttpResponseReader::Step::Head);
        at += offset;
    }
    if (step == sd::HttpResponseReader::Step::More)
        step = reader.closed();
    if (body.size() > total || reader.bodyBytes() != body.size())
        std::abort();
    const bool failed = step == sd::HttpResponseReader::Step::Failed;
    if (failed != !reader.error().isEmpty() || reader.error().size() > 120)
        std::abort();
    if (step == sd::HttpResponseReader::Step::Done && !reader.headComplete())
        std::abort();
    return 0;
}
