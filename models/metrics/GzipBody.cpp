// SPDX-License-Identifier: GPL-3.0-or-later
#include "metrics/GzipBody.h"

#include "metrics/ScrapeDecoder.h"

#include <libdeflate.h>
#include <memory>

namespace sd {

namespace {

struct DecompressorDeleter
{
    void operator()(libdeflate_decompressor* d) const { libdeflate_free_decompressor(d); }
};

// One per thread: a decompressor holds no state between calls, but is not to be shared.
libdeflate_decompressor* decompressor()
{
    thread_local std::unique_ptr<libdeflate_decompressor, DecompressorDeleter> one(libdeflate_alloc_decompressor());
    return one.get();
}

GzipBody::Status streamed(const QByteArray& packed, QByteArray& out, qint64 limit, QString& error)
{
    out.clear();
    ScrapeDecoder decoder(ScrapeDecoder::Encoding::Gzip);
    switch (decoder.feed(packed, out, limit)) {
    case ScrapeDecoder::Status::TooLarge:
        return GzipBody::Status::TooLarge;
    case ScrapeDecoder::Status::Corrupt:
        error = decoder.error();
        return GzipBody::Status::Corrupt;
    case ScrapeDecoder::Status::Ok:
        break;
    }
    return decoder.complete() ? GzipBody::Status::Ok : GzipBody::Status::Truncated;
}

} // namespace

GzipBody::Status GzipBody::decode(const QByteArray& packed, QByteArray& out, qint64 limit, QString& error)
{
    libdeflate_decompressor* d = decompressor();
    // 18 bytes: the smallest gzip member (10 header, 2 empty block, 8 trailer).
    if (d == nullptr || packed.size() < 18)
        return streamed(packed, out, limit, error);
    const auto* bytes = reinterpret_cast<const unsigned char*>(packed.constData());
    const std::size_t n = std::size_t(packed.size());
    const qint64 announced = qint64(bytes[n - 4]) | qint64(bytes[n - 3]) << 8 | qint64(bytes[n - 2]) << 16
        | qint64(bytes[n - 1]) << 24; // ISIZE: the size modulo 2^32
    // Over the limit, or a stream cut short (its last bytes are then no trailer): zlib, in steps.
    if (announced > limit)
        return streamed(packed, out, limit, error);
    out.resize(announced);
    std::size_t in = 0;
    std::size_t produced = 0;
    const libdeflate_result result
        = libdeflate_gzip_decompress_ex(d, bytes, n, out.data(), std::size_t(announced), &in, &produced);
    if (result == LIBDEFLATE_SUCCESS && in == n && qint64(produced) == announced)
        return Status::Ok;
    return streamed(packed, out, limit, error);
}

} // namespace sd
