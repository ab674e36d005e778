// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

#include <memory>
#include <optional>

namespace sd {

// Decodes a gzip or deflate (zlib) scrape body as it arrives, never producing more than a limit.
// The scraper does this itself rather than leave it to Qt: Qt 6.4 decodes a whole received chunk at
// once on its one network thread (a small "compression bomb" there costs seconds of that thread, and
// every other request waits), and refuses bombs only after that work. Here the work stops at the
// body limit: a bomb costs what a body of the limit's size costs.
class ScrapeDecoder
{
public:
    enum class Encoding { Identity, Gzip, Deflate };
    enum class Status { Ok, TooLarge, Corrupt };

    // From a Content-Encoding header value; nothing for an encoding the scraper did not ask for.
    static std::optional<Encoding> encodingOf(const QByteArray& contentEncoding);

    explicit ScrapeDecoder(Encoding encoding);
    ~ScrapeDecoder();
    ScrapeDecoder(const ScrapeDecoder&) = delete;
    ScrapeDecoder& operator=(const ScrapeDecoder&) = delete;

    // Appends what `input` decodes to onto `out`; TooLarge as soon as `out` would pass `limit`.
    Status feed(const QByteArray& input, QByteArray& out, qint64 limit);
    // True once a compressed stream has ended (always true for Identity).
    bool complete() const;
    // zlib's words for a Corrupt stream.
    const QString& error() const { return m_error; }

private:
    struct Stream;
    Encoding m_encoding;
    std::unique_ptr<Stream> m_stream;
    QString m_error;
};

} // namespace sd
