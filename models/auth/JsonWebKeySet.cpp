// SPDX-License-Identifier: GPL-3.0-or-later
#include "auth/JsonWebKeySet.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace sd {

Result<JsonWebKeySet> JsonWebKeySet::fromJson(const QByteArray& json)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return Error(QStringLiteral("the key set is not JSON (at byte %1: %2)")
                         .arg(parseError.offset)
                         .arg(parseError.errorString()));
    const QJsonValue keys = doc.object().value(QLatin1String("keys"));
    if (!doc.isObject() || !keys.isArray())
        return Error(QStringLiteral("the key set has no \"keys\" list"));
    JsonWebKeySet set;
    for (const QJsonValue& value : keys.toArray()) {
        auto key = JsonWebKey::fromJson(value.toObject());
        if (key)
            set.m_keys.append(*key);
        else
            set.m_skipped.append(key.error().message());
    }
    return set;
}

const JsonWebKey* JsonWebKeySet::find(const QString& keyId) const
{
    for (const JsonWebKey& key : m_keys) {
        if (key.keyId() == keyId)
            return &key;
    }
    return nullptr;
}

} // namespace sd
