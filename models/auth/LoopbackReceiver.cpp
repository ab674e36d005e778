// SPDX-License-Identifier: GPL-3.0-or-later
#include "auth/LoopbackReceiver.h"

#include "auth/CallbackRequest.h"
#include "auth/UntrustedText.h"

#include <QTcpServer>
#include <QTcpSocket>

namespace sd {

namespace {

constexpr qsizetype kMaxRequestHead = 8 * 1024;

QByteArray statusText(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 400:
        return "Bad Request";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 408:
        return "Request Timeout";
    default:
        return "Request Header Fields Too Large";
    }
}

} // namespace

LoopbackReceiver::LoopbackReceiver(QObject* parent)
    : QObject(parent)
{
    m_timeout.setSingleShot(true);
    connect(&m_timeout, &QTimer::timeout, this, [this] {
        finish(Error(QStringLiteral("no answer came back from the browser within %1 minute(s); start the sign-in "
                                    "again")
                         .arg(std::max(1, m_timeout.interval() / 60000))));
    });
}

LoopbackReceiver::~LoopbackReceiver() = default;

Result<QUrl> LoopbackReceiver::listen(const QByteArray& expectedState, int timeoutMs)
{
    cancel();
    m_server = new QTcpServer(this);
    if (!m_server->listen(QHostAddress::LocalHost, 0)) {
        const QString why = m_server->errorString();
        delete m_server;
        m_server = nullptr;
        return Error(QStringLiteral("could not listen on 127.0.0.1 for the sign-in answer: %1").arg(why));
    }
    connect(m_server, &QTcpServer::newConnection, this, &LoopbackReceiver::onNewConnection);
    m_state = expectedState;
    m_done = false;
    m_timeout.start(timeoutMs);
    QUrl redirect;
    redirect.setScheme(QStringLiteral("http"));
    redirect.setHost(QStringLiteral("127.0.0.1"));
    redirect.setPort(m_server->serverPort());
    redirect.setPath(QStringLiteral("/callback"));
    return redirect;
}

bool LoopbackReceiver::isListening() const
{
    return m_server && m_server->isListening();
}

void LoopbackReceiver::cancel()
{
    m_timeout.stop();
    m_done = true;
    for (auto it = m_buffers.cbegin(); it != m_buffers.cend(); ++it) {
        it.key()->disconnect(this);
        it.key()->abort();
        it.key()->deleteLater();
    }
    m_buffers.clear();
    if (m_server) {
        m_server->close();
        m_server->deleteLater();
        m_server = nullptr;
    }
}

void LoopbackReceiver::onNewConnection()
{
    while (QTcpSocket* socket = m_server ? m_server->nextPendingConnection() : nullptr) {
        // Owned by the receiver, not the server: closing the server must not cut off an answer
        // still being written.
        socket->setParent(this);
        m_buffers.insert(socket, {});
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            m_buffers.remove(socket);
            socket->deleteLater();
        });
        // A client that never finishes its request must not hold the port: answer 408 and drop it.
        QPointer<QTcpSocket> guard(socket);
        QTimer::singleShot(m_requestTimeoutMs, this, [this, guard] {
            if (guard && m_buffers.contains(guard))
                respond(guard, 408, tr("Too slow"), tr("The request took too long."));
        });
    }
}

void LoopbackReceiver::onReadyRead(QTcpSocket* socket)
{
    auto it = m_buffers.find(socket);
    if (it == m_buffers.end())
        return;
    it->append(socket->read(kMaxRequestHead + 1 - it->size()));
    const qsizetype end = it->indexOf("\r\n\r\n");
    if (end >= 0) {
        const QByteArray head = it->left(end);
        handleRequest(socket, head);
        return;
    }
    if (it->size() > kMaxRequestHead)
        respond(socket, 431, tr("Request too large"), tr("The request is larger than a sign-in answer can be."));
}

void LoopbackReceiver::handleRequest(QTcpSocket* socket, const QByteArray& head)
{
    const CallbackRequest request = CallbackRequest::parse(head);
    switch (request.kind()) {
    case CallbackRequest::Kind::NotHttp:
        return respond(socket, 400, tr("Bad request"), tr("This is not an HTTP request."));
    case CallbackRequest::Kind::BadMethod:
        return respond(socket, 405, tr("Not allowed"), tr("Only the browser's redirect is expected here."));
    case CallbackRequest::Kind::WrongPath:
        return respond(socket, 404, tr("Not found"), tr("Stationdeck is waiting for the sign-in answer elsewhere."));
    case CallbackRequest::Kind::Ambiguous:
    case CallbackRequest::Kind::Callback:
        break;
    }
    if (m_done)
        return respond(socket, 400, tr("Already signed in"), tr("This sign-in attempt has already ended."));

    if (request.kind() == CallbackRequest::Kind::Ambiguous) {
        respond(socket, 400, tr("Sign-in refused"), tr("This answer is ambiguous: it carries a value twice."));
        return finish(Error(QStringLiteral("the answer that reached Stationdeck carries \"%1\" more than once, so "
                                           "it cannot be trusted; start the sign-in again")
                                .arg(request.repeatedParameter())));
    }
    if (request.state().toUtf8() != m_state) {
        respond(socket, 400, tr("Sign-in refused"),
                tr("This answer does not belong to the sign-in Stationdeck started."));
        return finish(Error(QStringLiteral("the answer that reached Stationdeck does not belong to this sign-in "
                                           "attempt (its state does not match); start the sign-in again")));
    }
    if (!request.error().isEmpty()) {
        // Anyone who can reach this port can write these: one clean line, cut short.
        const QString error = UntrustedText::sanitize(request.error(), 64);
        const QString description = UntrustedText::sanitize(request.errorDescription(), 200);
        respond(socket, 200, tr("Sign-in refused"),
                tr("The identity provider refused the sign-in. You can close this tab."));
        return finish(Error(QStringLiteral("the identity provider refused the sign-in: %1%2")
                                .arg(error, description.isEmpty() ? QString() : QStringLiteral(" — ") + description),
                            error));
    }
    if (request.code().isEmpty()) {
        respond(socket, 400, tr("Sign-in failed"), tr("The answer carries no authorization code."));
        return finish(Error(QStringLiteral("the identity provider's answer carries no authorization code")));
    }
    respond(socket, 200, tr("Signed in"), tr("Stationdeck received the sign-in. You can close this tab."));
    finish(request.code().toUtf8());
}

void LoopbackReceiver::respond(QTcpSocket* socket, int status, const QString& title, const QString& text)
{
    const QByteArray body = QStringLiteral("<!doctype html><meta charset=\"utf-8\"><title>%1</title>"
                                           "<body style=\"font-family:sans-serif;margin:3em\"><h1>%1</h1><p>%2</p>")
                                .arg(title.toHtmlEscaped(), text.toHtmlEscaped())
                                .toUtf8();
    socket->write("HTTP/1.1 " + QByteArray::number(status) + ' ' + statusText(status) + "\r\n"
                  + "Content-Type: text/html; charset=utf-8\r\nCache-Control: no-store\r\n"
                  + "Referrer-Policy: no-referrer\r\nConnection: close\r\nContent-Length: "
                  + QByteArray::number(body.size()) + "\r\n\r\n" + body);
    m_buffers.remove(socket);
    socket->disconnectFromHost();
}

void LoopbackReceiver::finish(const Result<QByteArray>& outcome)
{
    if (m_done)
        return;
    m_done = true;
    m_timeout.stop();
    if (m_server) {
        // Exactly one answer: nothing else may reach this port from now on.
        m_server->close();
    }
    Q_EMIT finished(outcome);
}

} // namespace sd
