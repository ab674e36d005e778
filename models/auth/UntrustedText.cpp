// SPDX-License-Identifier: GPL-3.0-or-later
#include "auth/UntrustedText.h"

#include <algorithm>

namespace sd {

namespace {

bool isUnwanted(char32_t c)
{
    switch (QChar::category(c)) {
    case QChar::Other_Control: // C0, DEL, C1
    case QChar::Other_Format: // bidi overrides and isolates, zero-width characters
    case QChar::Other_Surrogate: // a lone half of a pair
    case QChar::Separator_Line:
    case QChar::Separator_Paragraph:
        return true;
    default:
        return false;
    }
}

} // namespace

QString UntrustedText::sanitize(const QString& text, qsizetype maxLength)
{
    if (maxLength < 1)
        return QString();
    // Look at no more than a bounded prefix: the result is short whatever came in.
    const qsizetype scan = std::min(text.size(), maxLength * 4 + 16);
    QString clean;
    clean.reserve(std::min(scan, maxLength + 1));
    bool pendingSpace = false;
    qsizetype i = 0;
    while (i < scan) {
        char32_t c = text.at(i).unicode();
        qsizetype width = 1;
        if (QChar::isHighSurrogate(c) && i + 1 < text.size() && text.at(i + 1).isLowSurrogate()) {
            c = QChar::surrogateToUcs4(text.at(i), text.at(i + 1));
            width = 2;
        }
        i += width;
        if (isUnwanted(c) || QChar::isSpace(c)) {
            pendingSpace = !clean.isEmpty();
            continue;
        }
        if (pendingSpace) {
            clean += QLatin1Char(' ');
            pendingSpace = false;
        }
        if (width == 2)
            clean += QStringView(text).mid(i - 2, 2);
        else
            clean += QChar(c);
        if (clean.size() > maxLength)
            break;
    }
    if (clean.size() <= maxLength && i >= text.size())
        return clean;
    // Cut, keeping room for the ellipsis and never splitting a surrogate pair.
    qsizetype keep = std::min(clean.size(), maxLength - 1);
    if (keep > 0 && clean.at(keep - 1).isHighSurrogate())
        --keep;
    clean.truncate(keep);
    while (clean.endsWith(QLatin1Char(' ')))
        clean.chop(1);
    return clean + QChar(0x2026);
}

} // namespace sd
