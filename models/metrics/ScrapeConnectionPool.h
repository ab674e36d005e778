// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QList>
#include <QObject>
#include <QString>
#include <QTimer>

#include <optional>

class QTcpSocket;
class QUrl;

namespace sd {

// The keep-alive connections of one ScrapeWorker, by origin (scheme, host, port): at most
// kPerOrigin in use per origin (as browsers and Qt do), idle ones kept for reuse up to kIdleLimit
// in all and kIdleSeconds each. An idle connection the server closes, or that receives bytes
// nobody asked for, is dropped. https connections are QSslSockets with the system's trust store.
// Lives in the worker's thread; every socket is its child.
class ScrapeConnectionPool : public QObject
{
    Q_OBJECT
public:
    static constexpr int kPerOrigin = 6;
    static constexpr int kIdleLimit = 256;
    static constexpr int kIdleSeconds = 60;

    struct Lease
    {
        QTcpSocket* socket = nullptr;
        bool reused = false; // it has carried an answer before (and may have been closed since)
    };

    explicit ScrapeConnectionPool(QObject* parent = nullptr);
    ~ScrapeConnectionPool() override;

    // "http://host:port" for any URL of that origin.
    static QString originOf(const QUrl& url);

    // An idle connection to the URL's origin, or a new one (connecting, or already failing: its
    // errorOccurred() is queued); nothing when kPerOrigin of them are in use.
    std::optional<Lease> acquire(const QUrl& url);
    // Gives a leased connection back (its user has disconnected from its signals): kept for reuse
    // when `reusable`, else closed.
    void release(QTcpSocket* socket, const QString& origin, bool reusable);
    int inUse(const QString& origin) const { return m_inUse.value(origin); }
    int idleCount() const { return m_idleCount; }

private:
    struct Idle
    {
        QTcpSocket* socket = nullptr;
        qint64 since = 0; // steady ms
    };
    void dropIdle(QTcpSocket* socket, const QString& origin);
    void sweep();

    QHash<QString, QList<Idle>> m_idle; // most recently used last
    QHash<QString, int> m_inUse;
    int m_idleCount = 0; // in m_idle, all origins
    QTimer m_sweep;
};

} // namespace sd
