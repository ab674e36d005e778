// SPDX-License-Identifier: GPL-3.0-or-later
#include "auth/Base64Url.h"

namespace sd {

QByteArray Base64Url::encode(const QByteArray& data)
{
    return data.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

Result<QByteArray> Base64Url::decode(const QByteArray& text)
{
    for (const char c : text) {
        const bool ok
            = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
        if (!ok)
            return Error(QStringLiteral("it is not base64url text"));
    }
    if (text.size() % 4 == 1)
        return Error(QStringLiteral("its base64url text has an impossible length"));
    auto decoded
        = QByteArray::fromBase64Encoding(text, QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return Error(QStringLiteral("it is not base64url text"));
    return *decoded;
}

} // namespace sd
