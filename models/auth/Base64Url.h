// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/Result.h"

#include <QByteArray>

namespace sd {

// base64url without padding (RFC 4648 §5), as JOSE and PKCE use it. Decoding is strict: any
// character outside the alphabet, or padding, is an error.
class Base64Url
{
public:
    static QByteArray encode(const QByteArray& data);
    static Result<QByteArray> decode(const QByteArray& text);
};

} // namespace sd
