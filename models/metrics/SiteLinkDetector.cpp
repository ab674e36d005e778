// SPDX-License-Identifier: GPL-3.0-or-later
#include "metrics/SiteLinkDetector.h"

#include <algorithm>

namespace sd {

SiteLinkDetector::Witness SiteLinkDetector::witness(const QList<Attempt>& endpoints)
{
    using Evidence = Witness::Evidence;
    Witness result;
    bool pending = false;
    bool asked = false;
    for (const Attempt& attempt : endpoints) {
        if (attempt.made && attempt.failure == ScrapeOutcome::Failure::Refused)
            continue; // not sent: no evidence either way
        asked = true;
        if (!attempt.made) {
            pending = true;
            continue;
        }
        const bool unreachable = attempt.failure == ScrapeOutcome::Failure::Transport
            || attempt.failure == ScrapeOutcome::Failure::Timeout;
        if (!unreachable) {
            result.evidence = Evidence::Answered;
            return result;
        }
        if (!result.oldestAttempt.isValid() || attempt.at < result.oldestAttempt)
            result.oldestAttempt = attempt.at;
        const QDateTime since = attempt.unreachableSince.isValid() ? attempt.unreachableSince : attempt.at;
        if (!result.unreachableSince.isValid() || since > result.unreachableSince)
            result.unreachableSince = since;
    }
    if (!asked)
        return {};
    if (pending)
        return Witness{Evidence::Pending, {}, {}};
    result.evidence = Evidence::Unreachable;
    return result;
}

SiteLinkDetector::Decision SiteLinkDetector::decide(bool wasDown, const QList<Witness>& stations, const QDateTime& now,
                                                    qint64 windowMs)
{
    using Evidence = Witness::Evidence;
    Decision decision;
    bool allUnreachable = true;
    bool allRecent = true;
    bool anyAnswer = false;
    for (const Witness& station : stations) {
        if (station.evidence == Evidence::None)
            continue;
        ++decision.witnesses;
        anyAnswer = anyAnswer || station.evidence == Evidence::Answered;
        if (station.evidence != Evidence::Unreachable) {
            allUnreachable = false;
            continue;
        }
        allRecent = allRecent && station.oldestAttempt.msecsTo(now) <= windowMs;
        if (!decision.since.isValid() || station.unreachableSince > decision.since)
            decision.since = station.unreachableSince;
    }
    if (decision.witnesses < 2 || anyAnswer) {
        decision.since = {};
        return decision;
    }
    decision.down = wasDown || (allUnreachable && allRecent);
    if (!decision.down)
        decision.since = {};
    return decision;
}

} // namespace sd
