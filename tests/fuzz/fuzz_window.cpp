// SPDX-License-Identifier: GPL-3.0-or-later
// Feeds arbitrary text to WindowSchedule::parse and, when it parses, checks the occurrences.
// Input: byte 0 picks the zone, bytes 1-4 the instant (2020-2040), the rest is the schedule text.
#include "fleet/WindowSchedule.h"

#include <QByteArray>
#include <QString>
#include <QTimeZone>

#include <array>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace {

void check(bool condition, const char* what)
{
    if (!condition) {
        std::fprintf(stderr, "fuzz_window: %s\n", what);
        std::abort();
    }
}

const std::array<QTimeZone, 8>& zones()
{
    static const std::array<QTimeZone, 8> all{
        QTimeZone::utc(),
        QTimeZone("Europe/Berlin"),
        QTimeZone("America/New_York"),
        QTimeZone("America/St_Johns"),
        QTimeZone("Asia/Kathmandu"),
        QTimeZone("Australia/Lord_Howe"),
        QTimeZone("Australia/Sydney"),
        QTimeZone("Pacific/Chatham"),
    };
    return all;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    if (size < 5) {
        return 0;
    }
    const QTimeZone& zone = zones()[data[0] % zones().size()];
    if (!zone.isValid()) {
        return 0; // tzdata missing that zone
    }
    const std::uint32_t seed = std::uint32_t(data[1]) | std::uint32_t(data[2]) << 8 | std::uint32_t(data[3]) << 16
        | std::uint32_t(data[4]) << 24;
    constexpr qint64 Start = 1577836800; // 2020-01-01T00:00:00Z
    constexpr qint64 Span = 20LL * 365 * 24 * 3600;
    const QDateTime instant = QDateTime::fromSecsSinceEpoch(Start + qint64(seed) % Span, Qt::UTC);

    const QString text = QString::fromUtf8(reinterpret_cast<const char*>(data + 5), qsizetype(size - 5));
    const auto schedule = sd::WindowSchedule::parse(text, zone);
    if (!schedule) {
        check(!schedule.error().message().isEmpty(), "an error without a message");
        return 0;
    }

    const auto again = sd::WindowSchedule::parse(schedule->toString(), zone);
    check(again.ok(), "canonical text does not parse");
    check(again->windows() == schedule->windows(), "canonical text parses to other windows");
    check(again->toString() == schedule->toString(), "canonical text is not stable");

    const auto open = schedule->openAt(instant);
    if (open) {
        check(open->opens < open->closes, "openAt: opens >= closes");
        check(open->opens <= instant && instant < open->closes, "openAt: instant outside the occurrence");
    }
    const auto next = schedule->nextOpening(instant);
    if (next) {
        check(next->opens < next->closes, "nextOpening: opens >= closes");
        check(next->opens > instant, "nextOpening: not after the instant");
        check(next->opens.secsTo(instant) < 0 && instant.secsTo(next->opens) <= 9 * 24 * 3600 + 2 * 3600,
              "nextOpening: beyond the searched days");
        if (open) {
            check(next->opens > open->closes, "nextOpening: overlaps the open occurrence");
        }
    }
    if (schedule->isEmpty()) {
        check(!open && !next, "an empty schedule opens");
    } else if (!zone.hasDaylightTime()) {
        // Without DST every window opens each week, so it is either open or opens within 8 days.
        check(open || next, "a schedule without DST never opens");
    }
    return 0;
}
