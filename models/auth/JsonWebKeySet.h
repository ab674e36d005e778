// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "auth/JsonWebKey.h"
#include "core/Result.h"

#include <QList>

namespace sd {

// A provider's published keys (its jwks_uri document). Keys of kinds Stationdeck does not
// verify with (symmetric, encryption, other curves) are skipped and listed, not fatal: providers
// publish them beside the signing keys.
class JsonWebKeySet
{
public:
    static Result<JsonWebKeySet> fromJson(const QByteArray& json);

    const JsonWebKey* find(const QString& keyId) const;
    const QList<JsonWebKey>& keys() const { return m_keys; }
    const QStringList& skipped() const { return m_skipped; }

private:
    QList<JsonWebKey> m_keys;
    QStringList m_skipped; // why each unusable key was skipped
};

} // namespace sd
