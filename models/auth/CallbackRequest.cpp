// SPDX-License-Identifier: GPL-3.0-or-later
#include "auth/CallbackRequest.h"

#include <QList>
#include <QUrl>

#include <iterator>

namespace sd {

namespace {

// One application/x-www-form-urlencoded component: '+' is a space, then percent-decoding.
QString formDecoded(QByteArray encoded)
{
    encoded.replace('+', ' ');
    return QString::fromUtf8(QByteArray::fromPercentEncoding(encoded));
}

} // namespace

CallbackRequest CallbackRequest::parse(const QByteArray& head)
{
    CallbackRequest request;
    const qsizetype lineEnd = head.indexOf("\r\n");
    const QList<QByteArray> requestLine = (lineEnd < 0 ? head : head.left(lineEnd)).split(' ');
    if (requestLine.size() != 3 || !requestLine.at(2).startsWith("HTTP/1."))
        return request;
    // A request line is visible ASCII and the two spaces; anything else (NUL, raw UTF-8, controls) is
    // not a request a browser sends.
    for (const char c : requestLine.at(1)) {
        if (c < '!' || c > '~')
            return request;
    }
    request.m_method = requestLine.at(0);
    if (request.m_method != "GET") {
        request.m_kind = Kind::BadMethod;
        return request;
    }
    const QUrl target(QString::fromLatin1(requestLine.at(1)), QUrl::StrictMode);
    request.m_path = target.path();
    if (!target.isValid() || request.m_path != QLatin1String("/callback")) {
        request.m_kind = Kind::WrongPath;
        return request;
    }

    struct Parameter
    {
        const char* name;
        QString CallbackRequest::*member;
    };
    static constexpr Parameter kParameters[] = {
        {"state", &CallbackRequest::m_state}, {"code", &CallbackRequest::m_code},
        {"error", &CallbackRequest::m_error}, {"error_description", &CallbackRequest::m_errorDescription},
        {"iss", &CallbackRequest::m_issuer},
    };
    bool seen[std::size(kParameters)] = {};
    const QByteArray query = target.query(QUrl::FullyEncoded).toLatin1();
    for (const QByteArray& pair : query.split('&')) {
        const qsizetype equals = pair.indexOf('=');
        const QString name = formDecoded(equals < 0 ? pair : pair.left(equals));
        for (std::size_t i = 0; i < std::size(kParameters); ++i) {
            if (name != QLatin1String(kParameters[i].name))
                continue;
            if (seen[i]) {
                // Which of the two is meant cannot be known: keep neither.
                CallbackRequest ambiguous;
                ambiguous.m_kind = Kind::Ambiguous;
                ambiguous.m_method = request.m_method;
                ambiguous.m_path = request.m_path;
                ambiguous.m_repeated = name;
                return ambiguous;
            }
            seen[i] = true;
            request.*kParameters[i].member = equals < 0 ? QString() : formDecoded(pair.mid(equals + 1));
        }
    }
    request.m_kind = Kind::Callback;
    return request;
}

} // namespace sd
