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

    // The message as it is shown to a person: a capital first letter and a full stop.
    QString sentence() const
    {
        QString text = m_message.trimmed();
        if (text.isEmpty())
            return text;
        text[0] = text[0].toUpper();
        const QChar last = text.back();
        if (last != QLatin1Char('.') && last != QLatin1Char('!') && last != QLatin1Char('?'))
            text += QLatin1Char('.');
        return text;
    }

    // Prefixes context ("importing inventory.yml: ...") without losing the original sentence.
    Error withContext(const QString& context) const { return Error(context + QStringLiteral(": ") + m_message); }

private:
    QString m_message;
};

} // namespace sd
