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
    // `code` is a short machine-readable kind for callers that must act on it ("invalid_grant",
    // "network", "keychain_unavailable"); the message stays the only thing shown to people.
    Error(QString message, QString code)
        : m_message(std::move(message))
        , m_code(std::move(code))
    { }

    const QString& message() const { return m_message; }
    const QString& code() const { return m_code; }

    // The message as it is shown to a person: a capital first letter and a full stop.
    QString sentence() const
    {
        QString text = m_message.trimmed();
        if (text.isEmpty())
            return text;
        // A sentence may start with a URL ("http://…" stays lowercase); otherwise it starts capitalised.
        const qsizetype firstSpace = text.indexOf(QLatin1Char(' '));
        if (QStringView(text).left(firstSpace < 0 ? text.size() : firstSpace).indexOf(u"://") < 0)
            text[0] = text[0].toUpper();
        const QChar last = text.back();
        if (last != QLatin1Char('.') && last != QLatin1Char('!') && last != QLatin1Char('?'))
            text += QLatin1Char('.');
        return text;
    }

    // Prefixes context ("importing inventory.yml: ...") without losing the original sentence.
    Error withContext(const QString& context) const
    {
        return Error(context + QStringLiteral(": ") + m_message, m_code);
    }

private:
    QString m_message;
    QString m_code;
};

} // namespace sd
