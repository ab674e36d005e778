// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/HtmlSniff.h"

namespace sd {

bool isHtmlContentType(const QByteArray& contentType)
{
    const qsizetype semicolon = contentType.indexOf(';');
    const QByteArray mime = (semicolon < 0 ? contentType : contentType.left(semicolon)).trimmed().toLower();
    return mime == "text/html" || mime == "application/xhtml+xml";
}

bool startsLikeMarkup(const QByteArray& body)
{
    qsizetype i = body.startsWith("\xEF\xBB\xBF") ? 3 : 0;
    while (i < body.size() && (body[i] == ' ' || body[i] == '\t' || body[i] == '\r' || body[i] == '\n'))
        ++i;
    return i < body.size() && body[i] == '<';
}

} // namespace sd
