// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "metrics/ScrapeOutcome.h"

#include <QDateTime>
#include <QList>

namespace sd {

// Tells a dead link to a site from dead stations, from the latest attempt at every endpoint of
// every station of the site. Pure functions; HealthTracker keeps the state between calls.
//
// The rule:
//  - A station is a witness when it has at least one endpoint that is really asked over the
//    network (an endpoint the scraper refuses to ask — no token, plain http refused — says
//    nothing about the link). It is Unreachable when the latest attempt at each of those endpoints
//    failed with ScrapeOutcome::isUnreachable() (transport error or timeout), Answered when any
//    of them got an HTTP answer (200 or not: 404/500 and broken bodies came over the link), and
//    Pending before every one of them has been tried.
//  - The link goes down when the site has at least 2 witnesses and every one of them is
//    Unreachable within the same round: each latest attempt no older than the window (~2
//    scrape intervals) at the time of the decision.
//  - It comes up again as soon as one witness answers; until then it stays down however old the
//    attempts grow (the scraper backs off a site whose link is down).
//  - A site with a single witness is never reported link-down: with nothing to compare, a dead
//    link and a dead station look alike, and its station is reported down.
class SiteLinkDetector
{
public:
    // The latest attempt at one endpoint.
    struct Attempt
    {
        bool made = false; // false: never tried yet
        ScrapeOutcome::Failure failure = ScrapeOutcome::Failure::None;
        QDateTime at; // when it started
        QDateTime unreachableSince; // the first of the current run of unreachable attempts
    };

    struct Witness
    {
        enum class Evidence { None, Pending, Answered, Unreachable };
        Evidence evidence = Evidence::None;
        QDateTime oldestAttempt; // Unreachable: the oldest of the endpoints' latest attempts
        QDateTime unreachableSince; // Unreachable: since when every endpoint has been unreachable
    };

    struct Decision
    {
        bool down = false;
        int witnesses = 0; // the stations compared
        QDateTime since; // when down: when the last witness became unreachable
    };

    SiteLinkDetector() = delete;

    // What one station's endpoints (their latest attempts) say about the link.
    static Witness witness(const QList<Attempt>& endpoints);
    // The site's link state at `now`, given whether it was down before and what its stations say.
    // `since` is set when the link goes down; while it stays down the caller keeps the first one.
    static Decision decide(bool wasDown, const QList<Witness>& stations, const QDateTime& now, qint64 windowMs);
};

} // namespace sd
