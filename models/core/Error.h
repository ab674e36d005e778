// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace sd {

// An error is a value: a plain sentence for the user that says what went wrong and where
// (file and line, URL, host, station). Never contains a secret.
class Error
{
public:
    Error() = default;
    explicit Error(QString message)
        : m_message(std::move(message))
    { }

    const QString& message() const { return m_message; }

    // Prefixes context ("importing inventory.yml: ...") without losing the original sentence.
    Error withContext(const QString& context) const { return Error(context + QStringLiteral(": ") + m_message); }

private:
    QString m_message;
};

} // namespace sd
