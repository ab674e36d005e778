// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// A small HTTP/1.1 server in the test's own event loop (QTcpServer on 127.0.0.1, a free port) whose
// answers the test scripts per path, to watch what a client sends and how many of its requests are
// open at once. Keep-alive: a connection serves request after request.

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QMap>
#include <QObject>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUrl>

#include <functional>

namespace sd::test {

class TestHttpServer : public QObject
{
public:
    struct Request
    {
        QByteArray method;
        QByteArray path;
        QMap<QByteArray, QByteArray> headers; // names lowercase
    };
    // Answers one request; call respond() (now or later) or leave the socket hanging.
    using Handler = std::function<void(QTcpSocket* socket, const Request& request)>;

    TestHttpServer()
    {
        QObject::connect(&m_server, &QTcpServer::newConnection, this, &TestHttpServer::accept);
        if (!m_server.listen(QHostAddress::LocalHost, 0))
            qFatal("cannot listen on 127.0.0.1");
    }

    QUrl url(const QString& path) const
    {
        return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_server.serverPort()).arg(path));
    }
    void on(const QByteArray& path, Handler handler) { m_handlers.insert(path, std::move(handler)); }

    // Writes a whole answer and counts the request as done.
    void respond(QTcpSocket* socket, int status, const QByteArray& body,
                 const QByteArray& contentType = "text/plain; version=0.0.4; charset=utf-8",
                 const QList<QByteArray>& extraHeaders = {})
    {
        head(socket, status, contentType,
             extraHeaders + QList<QByteArray>{"Content-Length: " + QByteArray::number(body.size())});
        socket->write(body);
        done(socket);
    }
    static void head(QTcpSocket* socket, int status, const QByteArray& contentType, const QList<QByteArray>& extra = {})
    {
        QByteArray text = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason(status) + "\r\n";
        text += "Content-Type: " + contentType + "\r\n";
        for (const QByteArray& line : extra)
            text += line + "\r\n";
        socket->write(text + "\r\n");
    }
    void done(QTcpSocket* socket)
    {
        if (m_open.remove(socket))
            --m_outstanding;
    }

    const QList<Request>& requests() const { return m_requests; }
    int outstanding() const { return m_outstanding; }
    int maxOutstanding() const { return m_maxOutstanding; }
    int connections() const { return m_connections; }

private:
    static QByteArray reason(int status)
    {
        switch (status) {
        case 200:
            return "OK";
        case 302:
            return "Found";
        case 404:
            return "Not Found";
        case 500:
            return "Internal Server Error";
        default:
            return "Whatever";
        }
    }

    void accept()
    {
        while (QTcpSocket* socket = m_server.nextPendingConnection()) {
            ++m_connections;
            socket->setParent(this);
            QObject::connect(socket, &QTcpSocket::readyRead, this, [this, socket] { read(socket); });
            QObject::connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
                done(socket);
                m_buffers.remove(socket);
                socket->deleteLater();
            });
        }
    }

    void read(QTcpSocket* socket)
    {
        QByteArray& buffer = m_buffers[socket];
        buffer += socket->readAll();
        qsizetype end = buffer.indexOf("\r\n\r\n");
        while (end >= 0) {
            const QList<QByteArray> lines = buffer.left(end).split('\n');
            buffer.remove(0, end + 4);
            Request request;
            const QList<QByteArray> first = lines.value(0).trimmed().split(' ');
            request.method = first.value(0);
            request.path = first.value(1);
            for (qsizetype i = 1; i < lines.size(); ++i) {
                const qsizetype colon = lines[i].indexOf(':');
                if (colon > 0)
                    request.headers.insert(lines[i].left(colon).trimmed().toLower(), lines[i].mid(colon + 1).trimmed());
            }
            m_requests.append(request);
            m_open.insert(socket, true);
            ++m_outstanding;
            m_maxOutstanding = std::max(m_maxOutstanding, m_outstanding);
            const Handler handler = m_handlers.value(request.path.split('?').value(0));
            if (handler)
                handler(socket, request);
            else
                respond(socket, 404, "no such path\n", "text/plain");
            end = buffer.indexOf("\r\n\r\n");
        }
    }

    QTcpServer m_server;
    QHash<QByteArray, Handler> m_handlers;
    QHash<QTcpSocket*, QByteArray> m_buffers;
    QHash<QTcpSocket*, bool> m_open;
    QList<Request> m_requests;
    int m_outstanding = 0;
    int m_maxOutstanding = 0;
    int m_connections = 0;
};

} // namespace sd::test
