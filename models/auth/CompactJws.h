// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QJsonObject>

namespace sd {

// A JWS in compact serialization (header.payload.signature, RFC 7515), split and decoded, not
// yet trusted: see IdTokenVerifier.
class CompactJws
{
public:
    static Result<CompactJws> parse(const QByteArray& token);

    const QJsonObject& header() const { return m_header; }
    const QJsonObject& payload() const { return m_payload; }
    const QByteArray& signingInput() const { return m_signingInput; } // "header.payload" as sent
    const QByteArray& signature() const { return m_signature; }
    QString algorithm() const { return m_header.value(QLatin1String("alg")).toString(); }
    QString keyId() const { return m_header.value(QLatin1String("kid")).toString(); }

private:
    QJsonObject m_header;
    QJsonObject m_payload;
    QByteArray m_signingInput;
    QByteArray m_signature;
};

} // namespace sd
