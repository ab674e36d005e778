// SPDX-License-Identifier: GPL-3.0-or-later
#include "fleet/WindowSchedule.h"

#include <QStringList>
#include <QVarLengthArray>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace sd {

namespace {

constexpr qint64 SecsPerDay = 24 * 60 * 60;
constexpr qint64 EpochJulianDay = 2440588; // 1970-01-01
// Local dates searched around an instant's local date: windows that opened before it and may still
// be open, and openings in the week ahead (with a day to spare for DST shifts).
constexpr int DaysBefore = 2;
constexpr int DaysAfter = 8;

QDateTime utcFromSecs(qint64 secs)
{
    return QDateTime::fromSecsSinceEpoch(secs, Qt::UTC);
}

struct Span
{
    qint64 opens;
    qint64 closes;
};

} // namespace

Result<WindowSchedule> WindowSchedule::parse(const QString& text, const QTimeZone& zone)
{
    if (!zone.isValid()) {
        return Error(u"the site's time zone is not valid (use an IANA id such as Europe/Berlin)"_s);
    }
    QList<MaintenanceWindow> windows;
    for (QStringView entry : QStringView(text).split(u';')) {
        entry = entry.trimmed();
        if (entry.isEmpty()) {
            continue;
        }
        Result<MaintenanceWindow> window = MaintenanceWindow::parse(entry);
        if (!window) {
            return window.error();
        }
        windows.append(*window);
    }
    return WindowSchedule(std::move(windows), zone);
}

Result<WindowSchedule> WindowSchedule::parse(const QString& text, const QString& ianaZoneId)
{
    const QTimeZone zone(ianaZoneId.trimmed().toUtf8());
    if (!zone.isValid()) {
        return Error(u"\""_s + ianaZoneId + u"\" is not a known time zone (use an IANA id such as Europe/Berlin)"_s);
    }
    return parse(text, zone);
}

WindowSchedule::WindowSchedule(QList<MaintenanceWindow> windows, QTimeZone zone)
    : m_windows(std::move(windows))
    , m_zone(std::move(zone))
{ }

QString WindowSchedule::toString() const
{
    QStringList parts;
    parts.reserve(m_windows.size());
    for (const MaintenanceWindow& window : m_windows) {
        parts.append(window.toString());
    }
    return parts.join(u"; "_s);
}

std::optional<WindowSchedule::Occurrence> WindowSchedule::openAt(const QDateTime& instant) const
{
    for (const Occurrence& occurrence : occurrencesAround(instant)) {
        if (occurrence.opens <= instant && instant < occurrence.closes) {
            return occurrence;
        }
    }
    return std::nullopt;
}

std::optional<WindowSchedule::Occurrence> WindowSchedule::nextOpening(const QDateTime& instant) const
{
    for (const Occurrence& occurrence : occurrencesAround(instant)) {
        if (occurrence.opens > instant) {
            return occurrence;
        }
    }
    return std::nullopt;
}

QDateTime WindowSchedule::toUtc(QDate localDate, int minuteOfDay) const
{
    if (!localDate.isValid()) {
        return {};
    }
    return utcFromSecs(toUtcSecs(localDate, minuteOfDay));
}

QDateTime WindowSchedule::toLocal(const QDateTime& instant) const
{
    if (!instant.isValid()) {
        return {};
    }
    return instant.toOffsetFromUtc(m_zone.offsetFromUtc(instant));
}

int WindowSchedule::offsetAt(qint64 utcSecs) const
{
    return m_zone.offsetFromUtc(utcFromSecs(utcSecs));
}

// The DST rules, done explicitly rather than through QDateTime's gap handling (which changed
// between Qt versions):
// - "naive" is the wall-clock time read as if it were UTC; a UTC instant t shows naive when
//   t + offsetAt(t) == naive, i.e. t = naive - o for an offset o with offsetAt(naive - o) == o.
// - The candidate offsets are those in force a day before and a day after, and those the zone
//   reports near naive. Two valid candidates: the repeated hour; take the first occurrence.
// - None valid: naive lies in a gap. Take the end of the gap, the transition instant: the first
//   UTC instant whose wall-clock time is at or after naive.
qint64 WindowSchedule::toUtcSecs(QDate localDate, int minuteOfDay) const
{
    const qint64 naive = (localDate.toJulianDay() - EpochJulianDay) * SecsPerDay + qint64(minuteOfDay) * 60;
    const int before = offsetAt(naive - SecsPerDay);
    const int after = offsetAt(naive + SecsPerDay);

    QVarLengthArray<int, 8> candidates;
    const auto add = [&candidates](int offset) {
        if (!candidates.contains(offset)) {
            candidates.append(offset);
        }
    };
    add(before);
    add(after);
    add(offsetAt(naive));
    for (int guess : {before, after}) {
        add(offsetAt(naive - guess));
    }

    std::optional<qint64> first;
    for (int offset : candidates) {
        const qint64 utc = naive - offset;
        if (offsetAt(utc) == offset && (!first || utc < *first)) {
            first = utc;
        }
    }
    if (first) {
        return *first;
    }

    // In a gap: search the transition between a UTC instant still showing an earlier wall-clock
    // time and one already showing naive or later.
    const auto [smallest, largest] = std::minmax_element(candidates.cbegin(), candidates.cend());
    qint64 low = naive - *largest;
    qint64 high = naive - *smallest;
    const auto wallClock = [this](qint64 utc) { return utc + offsetAt(utc); };
    if (!(wallClock(low) < naive && wallClock(high) >= naive)) {
        return naive - before; // not a plain gap; keep the offset in force before it
    }
    while (high - low > 1) {
        const qint64 middle = low + (high - low) / 2;
        if (wallClock(middle) >= naive) {
            high = middle;
        } else {
            low = middle;
        }
    }
    return high;
}

QList<WindowSchedule::Occurrence> WindowSchedule::occurrencesAround(const QDateTime& instant) const
{
    if (!instant.isValid() || m_windows.isEmpty()) {
        return {};
    }
    const QDate today = toLocal(instant).date();
    QList<Span> spans;
    for (QDate date = today.addDays(-DaysBefore); date <= today.addDays(DaysAfter); date = date.addDays(1)) {
        for (const MaintenanceWindow& window : m_windows) {
            if (!window.opensOn(date.dayOfWeek())) {
                continue;
            }
            const QDate closeDate = window.endMinute <= window.startMinute ? date.addDays(1) : date;
            const Span span{toUtcSecs(date, window.startMinute), toUtcSecs(closeDate, window.endMinute)};
            if (span.closes > span.opens) { // a window wholly inside a skipped hour is empty
                spans.append(span);
            }
        }
    }
    std::sort(spans.begin(), spans.end(), [](const Span& a, const Span& b) { return a.opens < b.opens; });

    QList<Occurrence> occurrences;
    std::optional<Span> current;
    for (const Span& span : spans) {
        if (current && span.opens <= current->closes) {
            current->closes = std::max(current->closes, span.closes);
            continue;
        }
        if (current) {
            occurrences.append({utcFromSecs(current->opens), utcFromSecs(current->closes)});
        }
        current = span;
    }
    if (current) {
        occurrences.append({utcFromSecs(current->opens), utcFromSecs(current->closes)});
    }
    return occurrences;
}

} // namespace sd
