// SPDX-License-Identifier: GPL-3.0-or-later
#include "auth/CompactJws.h"

#include "auth/Base64Url.h"

#include <QJsonDocument>

namespace sd {

namespace {

Result<QJsonObject> jsonPart(const QByteArray& part, const char* name)
{
    auto bytes = Base64Url::decode(part);
    if (!bytes)
        return Error(QStringLiteral("its %1 is malformed: %2").arg(QLatin1String(name), bytes.error().message()));
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(*bytes, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject())
        return Error(QStringLiteral("its %1 is not a JSON object").arg(QLatin1String(name)));
    return doc.object();
}

} // namespace

Result<CompactJws> CompactJws::parse(const QByteArray& token)
{
    constexpr qsizetype kMaxToken = 64 * 1024;
    if (token.size() > kMaxToken)
        return Error(QStringLiteral("the token is larger than %1 KiB").arg(kMaxToken / 1024));
    const QList<QByteArray> parts = token.split('.');
    if (parts.size() != 3)
        return Error(QStringLiteral("the token has %1 parts; a signed JWT has 3").arg(parts.size()));
    CompactJws jws;
    auto header = jsonPart(parts.at(0), "header");
    if (!header)
        return header.error();
    auto payload = jsonPart(parts.at(1), "payload");
    if (!payload)
        return payload.error();
    auto signature = Base64Url::decode(parts.at(2));
    if (!signature)
        return Error(QStringLiteral("its signature is malformed: %1").arg(signature.error().message()));
    jws.m_header = *header;
    jws.m_payload = *payload;
    jws.m_signingInput = parts.at(0) + '.' + parts.at(1);
    jws.m_signature = *signature;
    return jws;
}

} // namespace sd
