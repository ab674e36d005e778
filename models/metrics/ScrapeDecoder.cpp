// SPDX-License-Identifier: GPL-3.0-or-later
#include "metrics/ScrapeDecoder.h"

#include <zlib.h>

namespace sd {

namespace {

constexpr qsizetype kStep = 64 * 1024; // decoded bytes per inflate() call

} // namespace

struct ScrapeDecoder::Stream
{
    z_stream z{};
    bool ended = false;
};

std::optional<ScrapeDecoder::Encoding> ScrapeDecoder::encodingOf(const QByteArray& contentEncoding)
{
    const QByteArray name = contentEncoding.trimmed().toLower();
    if (name.isEmpty() || name == "identity")
        return Encoding::Identity;
    if (name == "gzip" || name == "x-gzip")
        return Encoding::Gzip;
    if (name == "deflate")
        return Encoding::Deflate;
    return std::nullopt;
}

ScrapeDecoder::ScrapeDecoder(Encoding encoding)
    : m_encoding(encoding)
{
    if (encoding == Encoding::Identity)
        return;
    m_stream = std::make_unique<Stream>();
    // 32 + 15: a gzip or zlib header, whichever comes, with the largest window.
    if (inflateInit2(&m_stream->z, 32 + MAX_WBITS) != Z_OK) {
        m_error = QStringLiteral("zlib could not start");
        m_stream.reset();
    }
}

ScrapeDecoder::~ScrapeDecoder()
{
    if (m_stream)
        inflateEnd(&m_stream->z);
}

bool ScrapeDecoder::complete() const
{
    return m_encoding == Encoding::Identity || (m_stream && m_stream->ended);
}

ScrapeDecoder::Status ScrapeDecoder::feed(const QByteArray& input, QByteArray& out, qint64 limit)
{
    if (m_encoding == Encoding::Identity) {
        if (out.size() + input.size() > limit)
            return Status::TooLarge;
        out += input;
        return Status::Ok;
    }
    if (!m_stream)
        return Status::Corrupt;
    z_stream& z = m_stream->z;
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(input.constData()));
    z.avail_in = uInt(input.size());
    for (;;) {
        if (m_stream->ended) {
            if (z.avail_in == 0)
                break;
            // Another gzip member follows (concatenated gzip files are one body).
            if (inflateReset(&z) != Z_OK)
                return Status::Corrupt;
            m_stream->ended = false;
        }
        const qsizetype before = out.size();
        out.resize(before + kStep);
        z.next_out = reinterpret_cast<Bytef*>(out.data() + before);
        z.avail_out = uInt(kStep);
        const int status = inflate(&z, Z_NO_FLUSH);
        out.resize(before + (kStep - qsizetype(z.avail_out)));
        if (out.size() > limit)
            return Status::TooLarge;
        if (status == Z_STREAM_END) {
            m_stream->ended = true;
            continue;
        }
        if (status == Z_BUF_ERROR)
            break; // no progress without more input
        if (status != Z_OK) {
            m_error = QString::fromLatin1(z.msg != nullptr ? z.msg : "invalid compressed data");
            return Status::Corrupt;
        }
        if (z.avail_out == 0)
            continue; // more output may be waiting inside zlib
        if (z.avail_in == 0)
            break;
    }
    z.next_in = nullptr;
    z.avail_in = 0;
    return Status::Ok;
}

} // namespace sd
