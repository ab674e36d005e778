// SPDX-License-Identifier: GPL-3.0-or-later
// Feeds arbitrary bytes to InventoryParser (as if ansible-inventory had printed them) and checks
// that what it accepts holds together: every station belongs to a listed site, passes the same
// validation as a manual edit, and a rejection always says something.
#include "fleet/FleetValidation.h"
#include "fleet/InventoryParser.h"

#include <QByteArray>
#include <QSet>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace {

void check(bool condition, const char* what)
{
    if (!condition) {
        std::fprintf(stderr, "fuzz_inventory: %s\n", what);
        std::abort();
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArray json(reinterpret_cast<const char*>(data), qsizetype(size));
    const auto parsed = sd::InventoryParser::parse(json);
    if (!parsed) {
        check(!parsed.error().message().isEmpty(), "a rejection without a message");
        return 0;
    }
    QSet<QString> sites;
    for (const sd::Site& site : parsed->sites) {
        check(sd::FleetValidation::checkSite(site).ok(), "an accepted site fails validation");
        sites.insert(site.name);
    }
    for (const sd::Station& station : parsed->stations) {
        check(sites.contains(station.site), "a station of an unlisted site");
        check(sd::FleetValidation::checkStation(station).ok(), "an accepted station fails validation");
        check(!parsed->skippedHosts.contains(station.name), "a station that was also skipped");
    }
    return 0;
}
