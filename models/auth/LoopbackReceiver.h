// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/Result.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QUrl>

class QTcpServer;
class QTcpSocket;

namespace sd {

// The redirect end of a native-app sign-in (RFC 8252 §7.3): a one-shot HTTP listener on
// 127.0.0.1 only, on a port the system picks, path /callback.
//
//   browser ──GET /callback?code=…&state=…──> LoopbackReceiver ──finished(code)──> flow
//           <──"You can close this tab"─────
//
// It accepts exactly one valid callback, then stops listening. Requests to other paths, other
// methods, garbage and oversized or stalled requests are answered (404/405/400/431/408) and the
// receiver keeps waiting for the real callback. A callback whose `state` does not match, that
// carries `error=…`, or that has no `code` ends the attempt with a sentence saying so. No answer
// within the timeout (default 5 minutes) ends it too.
class LoopbackReceiver : public QObject
{
    Q_OBJECT
public:
    explicit LoopbackReceiver(QObject* parent = nullptr);
    ~LoopbackReceiver() override;

    // Starts listening; returns the redirect URI (http://127.0.0.1:PORT/callback).
    Result<QUrl> listen(const QByteArray& expectedState, int timeoutMs = 5 * 60 * 1000);
    void cancel();
    bool isListening() const;
    void setRequestTimeoutMs(int ms) { m_requestTimeoutMs = ms; }

Q_SIGNALS:
    // The authorization code, or why there is none. Emitted once per listen().
    void finished(const sd::Result<QByteArray>& code);

private:
    void onNewConnection();
    void onReadyRead(QTcpSocket* socket);
    void handleRequest(QTcpSocket* socket, const QByteArray& head);
    void respond(QTcpSocket* socket, int status, const QString& title, const QString& text);
    void finish(const Result<QByteArray>& outcome);

    QTcpServer* m_server = nullptr;
    QByteArray m_state;
    QTimer m_timeout;
    QHash<QTcpSocket*, QByteArray> m_buffers;
    int m_requestTimeoutMs = 10000;
    bool m_done = true;
};

} // namespace sd
