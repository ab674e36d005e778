// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>

namespace sd {

// Telling an HTML page (a login form, a proxy's error page) from the answer that was asked for, so
// that the sentence can say "sent an HTML page" instead of a parse error. Used for token endpoints,
// scrapes and the Prometheus API.

// text/html or application/xhtml+xml, whatever the parameters and letter case.
bool isHtmlContentType(const QByteArray& contentType);
// The body starts like markup: '<' after an optional UTF-8 byte order mark and blanks.
bool startsLikeMarkup(const QByteArray& body);
// Either of the two.
inline bool looksLikeHtml(const QByteArray& contentType, const QByteArray& body)
{
    return isHtmlContentType(contentType) || startsLikeMarkup(body);
}

} // namespace sd
