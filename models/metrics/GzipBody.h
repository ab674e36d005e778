// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

namespace sd {

// Decodes a whole gzip scrape body at once, never producing more than a limit. Uses libdeflate
// (2 to 3 times zlib's speed; zlib was the scraper's largest single cost) into a buffer of exactly
// the size the gzip trailer announces, when that is within the limit. Anything libdeflate does not
// take in one go (a trailer over the limit, which is what a "compression bomb" or a cut-short
// stream shows, several gzip members, a corrupt stream, a lying trailer) is decoded again by
// ScrapeDecoder (zlib, in steps, stopping at the limit), which gives the exact outcome and zlib's
// words for an error: a bomb costs no more than a body of the limit's size.
class GzipBody
{
public:
    enum class Status { Ok, TooLarge, Corrupt, Truncated };

    // Appends the decoded body to `out` (empty on entry); `error` gets zlib's words for Corrupt.
    static Status decode(const QByteArray& packed, QByteArray& out, qint64 limit, QString& error);
};

} // namespace sd
