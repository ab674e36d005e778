// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>

namespace sd {

// Proof Key for Code Exchange (RFC 7636), S256 only: a fresh verifier per sign-in attempt, and
// the challenge sent with the authorization request. Also the random `state` and `nonce`.
class Pkce
{
public:
    static Pkce generate();
    static QByteArray challengeFor(const QByteArray& verifier); // base64url(SHA-256(verifier))
    static QByteArray randomToken(int bytes = 32); // base64url of system randomness

    const QByteArray& verifier() const { return m_verifier; }
    const QByteArray& challenge() const { return m_challenge; }
    static constexpr const char* method() { return "S256"; }

private:
    QByteArray m_verifier;
    QByteArray m_challenge;
};

} // namespace sd
