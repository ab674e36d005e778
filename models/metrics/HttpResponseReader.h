// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

namespace sd {

// Reads one HTTP/1.1 (or 1.0) response to a GET from the bytes of a connection, as they arrive:
// the status line, the header fields, and the body framed by Content-Length, chunked transfer
// coding, or the end of the connection (RFC 9112 section 6). Interim 1xx answers are skipped.
// It does not decode Content-Encoding (ScrapeDecoder does) and never copies more than the head:
// body bytes are appended to the caller's buffer. The head is limited (kHeadLimit); a head that
// is not HTTP, a malformed field, a bad chunk size or a framing conflict fails with a sentence.
class HttpResponseReader
{
public:
    static constexpr qsizetype kHeadLimit = 64 * 1024;

    enum class Step {
        More, // give it more bytes
        Head, // the head has just been read (body bytes may follow in the same feed)
        Done, // the response is complete; bytes after it belong to the next response
        Failed, // error() says why
    };

    // Consumes bytes from `data`; body bytes are appended to `body`. `used` says how many bytes
    // were consumed: fewer than `size` only after Head (call again with the rest), Done or Failed.
    Step feed(const char* data, qsizetype size, QByteArray& body, qsizetype& used);
    // The connection ended: Done when the body runs to the end of the connection (no length), else
    // Failed (error() says what was missing).
    Step closed();

    bool headComplete() const { return m_headComplete; }
    bool done() const { return m_state == State::Done; }
    // Valid once headComplete().
    int status() const { return m_status; }
    const QByteArray& reason() const { return m_reason; }
    const QByteArray& contentType() const { return m_contentType; }
    const QByteArray& contentEncoding() const { return m_contentEncoding; }
    const QByteArray& location() const { return m_location; }
    // -1 when the answer gave none (chunked, or up to the end of the connection).
    qint64 contentLength() const { return m_contentLength; }
    // True when, after Done, the connection can carry another request.
    bool reusable() const { return m_state == State::Done && m_keepAlive; }
    // Body bytes read so far (as sent: before any Content-Encoding is decoded).
    qint64 bodyBytes() const { return m_bodyBytes; }
    // Not-yet-read bytes seen at all (head included): tells "said nothing" from "said something".
    qint64 bytesSeen() const { return m_bytesSeen; }
    const QString& error() const { return m_error; }

private:
    enum class State { Head, Body, ChunkSize, ChunkData, ChunkDataEnd, Trailer, Done, Failed };
    enum class Framing { None, Length, Chunked, UntilClose };

    Step fail(const QString& error);
    bool parseHead(); // on a complete head in m_head
    bool parseStatusLine(const QByteArray& line);
    bool parseField(const QByteArray& line);
    // Reads one line (without its CR LF) into m_line; false when the line is not complete yet.
    bool takeLine(const char*& at, const char* end);

    State m_state = State::Head;
    Framing m_framing = Framing::None;
    QByteArray m_head;
    QByteArray m_line;
    int m_status = 0;
    int m_minorVersion = 1;
    QByteArray m_reason;
    QByteArray m_contentType;
    QByteArray m_contentEncoding;
    QByteArray m_location;
    qint64 m_contentLength = -1;
    qint64 m_remaining = 0; // of the body or the current chunk
    qint64 m_bodyBytes = 0;
    qint64 m_bytesSeen = 0;
    bool m_keepAlive = true;
    bool m_headComplete = false; // the final (non-1xx) head
    bool m_chunked = false;
    bool m_closeSaid = false;
    bool m_keepAliveSaid = false;
    QString m_error;
};

} // namespace sd
