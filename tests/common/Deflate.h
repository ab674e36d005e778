// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Compresses test bodies with zlib (link ZLIB::ZLIB): gzip for windowBits 16 + 15, zlib for 15.

#include <QByteArray>

#include <zlib.h>

namespace sd::test {

inline QByteArray deflateBytes(const QByteArray& data, int windowBits = 16 + MAX_WBITS, int level = 9)
{
    z_stream z{};
    deflateInit2(&z, level, Z_DEFLATED, windowBits, 8, Z_DEFAULT_STRATEGY);
    QByteArray out(qsizetype(deflateBound(&z, uLong(data.size()))) + 64, Qt::Uninitialized);
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.constData()));
    z.avail_in = uInt(data.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = uInt(out.size());
    deflate(&z, Z_FINISH);
    out.resize(qsizetype(z.total_out));
    deflateEnd(&z);
    return out;
}

} // namespace sd::test
