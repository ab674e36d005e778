// SPDX-License-Identifier: GPL-3.0-or-later
#include "metrics/HttpResponseReader.h"

#include <QList>

#include <algorithm>
#include <cstring>

namespace sd {

namespace {

constexpr qsizetype kLineLimit = 8 * 1024; // a chunk-size or trailer line

bool isTokenChar(char c)
{
    static constexpr std::string_view kSpecials = "!#$%&'*+-.^_`|~";
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
        || kSpecials.find(c) != std::string_view::npos;
}

bool hasToken(const QByteArray& list, const char* token)
{
    const QList<QByteArray> parts = list.split(',');
    return std::any_of(parts.begin(), parts.end(), [token](const QByteArray& part) {
        return part.trimmed().compare(token, Qt::CaseInsensitive) == 0;
    });
}

// Decimal digits only, at most 18 of them; -1 otherwise.
qint64 parseLength(const QByteArray& text)
{
    const QByteArray digits = text.trimmed();
    if (digits.isEmpty() || digits.size() > 18)
        return -1;
    qint64 value = 0;
    for (const char c : digits) {
        if (c < '0' || c > '9')
            return -1;
        value = value * 10 + (c - '0');
    }
    return value;
}

int hexDigit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

} // namespace

HttpResponseReader::Step HttpResponseReader::fail(const QString& error)
{
    m_state = State::Failed;
    m_error = error;
    return Step::Failed;
}

bool HttpResponseReader::takeLine(const char*& at, const char* end)
{
    const auto* newline = static_cast<const char*>(std::memchr(at, '\n', std::size_t(end - at)));
    const char* stop = newline != nullptr ? newline : end;
    m_line.append(at, stop - at);
    at = newline != nullptr ? newline + 1 : end;
    if (newline == nullptr)
        return false;
    if (m_line.endsWith('\r'))
        m_line.chop(1);
    return true;
}

HttpResponseReader::Step HttpResponseReader::feed(const char* data, qsizetype size, QByteArray& body, qsizetype& used)
{
    const char* at = data;
    const char* const end = data + size;
    const auto finish = [&](Step step) {
        used = at - data;
        m_bytesSeen += used;
        return step;
    };
    for (;;) {
        switch (m_state) {
        case State::Head: {
            // Up to the empty line that ends the head: "\n\n" or "\n\r\n".
            const qsizetype before = m_head.size();
            const char* stop = nullptr;
            for (const char* p = at; p < end; ++p) {
                if (*p != '\n')
                    continue;
                const qsizetype index = before + (p - at); // of this '\n' in head + data
                const auto charAt = [&](qsizetype i) { return i < before ? m_head.at(i) : at[i - before]; };
                if ((index >= 1 && charAt(index - 1) == '\n')
                    || (index >= 2 && charAt(index - 1) == '\r' && charAt(index - 2) == '\n')) {
                    stop = p + 1;
                    break;
                }
            }
            const char* const take = stop != nullptr ? stop : end;
            if (before + (take - at) > kHeadLimit) {
                at = take;
                return finish(fail(QStringLiteral("sent a head of more than 64 KiB")));
            }
            m_head.append(at, take - at);
            at = take;
            if (stop == nullptr)
                return finish(Step::More);
            if (!parseHead())
                return finish(Step::Failed);
            if (m_state == State::Head)
                continue; // an interim 1xx answer; the real one follows
            return finish(Step::Head);
        }
        case State::Body:
        case State::ChunkData: {
            if (m_framing == Framing::UntilClose) {
                body.append(at, end - at);
                m_bodyBytes += end - at;
                at = end;
                return finish(Step::More);
            }
            const qint64 n = std::min<qint64>(m_remaining, end - at);
            body.append(at, n);
            m_bodyBytes += n;
            m_remaining -= n;
            at += n;
            if (m_remaining > 0)
                return finish(Step::More);
            if (m_state == State::Body) {
                m_state = State::Done;
                return finish(Step::Done);
            }
            m_state = State::ChunkDataEnd;
            continue;
        }
        case State::ChunkDataEnd:
        case State::ChunkSize:
        case State::Trailer: {
            if (!takeLine(at, end)) {
                if (m_line.size() > kLineLimit)
                    return finish(fail(QStringLiteral("sent a chunk header line of more than 8 KiB")));
                return finish(Step::More);
            }
            const QByteArray line = std::exchange(m_line, {});
            if (m_state == State::ChunkDataEnd) {
                if (!line.isEmpty())
                    return finish(fail(QStringLiteral("sent a chunk longer than its size says")));
                m_state = State::ChunkSize;
                continue;
            }
            if (m_state == State::Trailer) {
                if (!line.isEmpty())
                    continue; // trailer fields are not used
                m_state = State::Done;
                return finish(Step::Done);
            }
            // chunk-size [; extensions]
            qint64 chunk = 0;
            qsizetype i = 0;
            for (; i < line.size(); ++i) {
                const int digit = hexDigit(line.at(i));
                if (digit < 0)
                    break;
                if (i >= 15)
                    return finish(fail(QStringLiteral("sent a chunk size that is too large")));
                chunk = chunk * 16 + digit;
            }
            const QByteArray rest = line.mid(i).trimmed();
            if (i == 0 || (!rest.isEmpty() && !rest.startsWith(';')))
                return finish(fail(QStringLiteral("sent a malformed chunk size")));
            if (chunk == 0) {
                m_state = State::Trailer;
                continue;
            }
            m_remaining = chunk;
            m_state = State::ChunkData;
            continue;
        }
        case State::Done:
            return finish(Step::Done);
        case State::Failed:
            return finish(Step::Failed);
        }
    }
}

HttpResponseReader::Step HttpResponseReader::closed()
{
    switch (m_state) {
    case State::Done:
        return Step::Done;
    case State::Failed:
        return Step::Failed;
    case State::Body:
        if (m_framing == Framing::UntilClose) {
            m_state = State::Done;
            m_keepAlive = false;
            return Step::Done;
        }
        break;
    default:
        break;
    }
    return fail(m_state == State::Head ? QStringLiteral("closed the connection without answering")
                                       : QStringLiteral("closed the connection before the end of its body"));
}

bool HttpResponseReader::parseHead()
{
    const QByteArray head = std::exchange(m_head, {});
    QList<QByteArray> lines = head.split('\n');
    for (QByteArray& line : lines) {
        if (line.endsWith('\r'))
            line.chop(1);
    }
    while (!lines.isEmpty() && lines.constLast().isEmpty())
        lines.removeLast();
    // A server may send empty lines before the status line; RFC 9112 lets a client skip them.
    while (!lines.isEmpty() && lines.constFirst().isEmpty())
        lines.removeFirst();
    if (lines.isEmpty() || !parseStatusLine(lines.constFirst())) {
        fail(QStringLiteral("did not speak HTTP"));
        return false;
    }
    m_contentType.clear();
    m_contentEncoding.clear();
    m_location.clear();
    m_contentLength = -1;
    m_chunked = false;
    m_closeSaid = false;
    m_keepAliveSaid = false;
    bool transferEncoding = false;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray& line = lines.at(i);
        if (line.startsWith(' ') || line.startsWith('\t')) {
            fail(QStringLiteral("sent a header field folded over lines (line %1 of its head)").arg(i + 1));
            return false;
        }
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0 || !std::all_of(line.begin(), line.begin() + colon, isTokenChar)) {
            fail(QStringLiteral("sent a malformed header field (line %1 of its head)").arg(i + 1));
            return false;
        }
        const QByteArray name = line.left(colon).toLower();
        const QByteArray value = line.mid(colon + 1).trimmed();
        if (name == "content-length") {
            const qint64 length = parseLength(value);
            if (length < 0) {
                fail(QStringLiteral("sent an invalid Content-Length"));
                return false;
            }
            if (m_contentLength >= 0 && m_contentLength != length) {
                fail(QStringLiteral("sent two different Content-Length values"));
                return false;
            }
            m_contentLength = length;
        } else if (name == "transfer-encoding") {
            transferEncoding = true;
            const qsizetype comma = value.lastIndexOf(',');
            m_chunked = value.mid(comma + 1).trimmed().compare("chunked", Qt::CaseInsensitive) == 0;
        } else if (name == "connection") {
            m_closeSaid = m_closeSaid || hasToken(value, "close");
            m_keepAliveSaid = m_keepAliveSaid || hasToken(value, "keep-alive");
        } else if (name == "content-type") {
            m_contentType = value;
        } else if (name == "content-encoding") {
            m_contentEncoding = value;
        } else if (name == "location") {
            m_location = value;
        }
    }
    if (m_status >= 100 && m_status < 200) {
        if (m_status == 101) {
            fail(QStringLiteral("switched to another protocol"));
            return false;
        }
        m_state = State::Head; // interim: the final answer follows
        return true;
    }
    m_keepAlive = m_minorVersion >= 1 ? !m_closeSaid : (m_keepAliveSaid && !m_closeSaid);
    m_headComplete = true;
    m_bodyBytes = 0;
    if (m_status == 204 || m_status == 304) {
        m_framing = Framing::Length;
        m_remaining = 0;
        m_state = State::Body;
    } else if (transferEncoding) {
        // Transfer-Encoding wins over Content-Length; a message with both is not trusted for reuse.
        if (m_contentLength >= 0)
            m_keepAlive = false;
        m_contentLength = -1;
        m_framing = m_chunked ? Framing::Chunked : Framing::UntilClose;
        if (!m_chunked)
            m_keepAlive = false;
        m_state = m_chunked ? State::ChunkSize : State::Body;
    } else if (m_contentLength >= 0) {
        m_framing = Framing::Length;
        m_remaining = m_contentLength;
        m_state = State::Body;
    } else {
        m_framing = Framing::UntilClose;
        m_keepAlive = false;
        m_state = State::Body;
    }
    return true;
}

bool HttpResponseReader::parseStatusLine(const QByteArray& line)
{
    // HTTP/1.x SP 3DIGIT SP reason
    if (line.size() < 12 || !line.startsWith("HTTP/1.") || line.at(8) != ' ')
        return false;
    const char minor = line.at(7);
    if (minor != '0' && minor != '1')
        return false;
    m_minorVersion = minor - '0';
    int status = 0;
    for (int i = 9; i < 12; ++i) {
        const char c = line.at(i);
        if (c < '0' || c > '9')
            return false;
        status = status * 10 + (c - '0');
    }
    if (status < 100 || (line.size() > 12 && line.at(12) != ' '))
        return false;
    m_status = status;
    m_reason = line.mid(13).simplified().left(80);
    return true;
}

} // namespace sd
