// SPDX-License-Identifier: GPL-3.0-or-later
#include "metrics/ScrapeConnectionPool.h"

#include <QDeadlineTimer>
#include <QSslSocket>
#include <QTcpSocket>
#include <QUrl>

namespace sd {

namespace {

qint64 steadyMs()
{
    return QDeadlineTimer::current().deadline();
}

} // namespace

ScrapeConnectionPool::ScrapeConnectionPool(QObject* parent)
    : QObject(parent)
    , m_sweep(this) // a child, so it moves to the worker's thread with the pool
{
    m_sweep.setInterval(10000);
    connect(&m_sweep, &QTimer::timeout, this, &ScrapeConnectionPool::sweep);
}

ScrapeConnectionPool::~ScrapeConnectionPool() = default;

QString ScrapeConnectionPool::originOf(const QUrl& url)
{
    const QString scheme = url.scheme().toLower();
    const int port = url.port(scheme == QLatin1String("https") ? 443 : 80);
    return scheme + QLatin1String("://") + url.host(QUrl::FullyEncoded).toLower() + QLatin1Char(':')
        + QString::number(port);
}

std::optional<ScrapeConnectionPool::Lease> ScrapeConnectionPool::acquire(const QUrl& url)
{
    const QString origin = originOf(url);
    int& inUse = m_inUse[origin];
    if (inUse >= kPerOrigin)
        return std::nullopt;
    auto idle = m_idle.find(origin);
    while (idle != m_idle.end() && !idle->isEmpty()) {
        QTcpSocket* socket = idle->takeLast().socket;
        --m_idleCount;
        socket->disconnect(this);
        if (socket->state() == QAbstractSocket::ConnectedState && socket->bytesAvailable() == 0) {
            ++inUse;
            return Lease{socket, true};
        }
        socket->abort();
        socket->deleteLater();
    }
    const bool tls = url.scheme().compare(QLatin1String("https"), Qt::CaseInsensitive) == 0;
    QTcpSocket* socket = tls ? new QSslSocket(this) : new QTcpSocket(this);
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    const quint16 port = quint16(url.port(tls ? 443 : 80));
    if (auto* ssl = qobject_cast<QSslSocket*>(socket))
        ssl->connectToHostEncrypted(url.host(), port);
    else
        socket->connectToHost(url.host(), port);
    ++inUse;
    return Lease{socket, false};
}

void ScrapeConnectionPool::release(QTcpSocket* socket, const QString& origin, bool reusable)
{
    if (int& inUse = m_inUse[origin]; inUse > 0)
        --inUse;
    if (!reusable || socket->state() != QAbstractSocket::ConnectedState || socket->bytesAvailable() > 0
        || idleCount() >= kIdleLimit) {
        socket->abort();
        socket->deleteLater();
        return;
    }
    // A server that closes an idle connection, or talks on it unasked, ends its reuse.
    const auto drop = [this, socket, origin] { dropIdle(socket, origin); };
    connect(socket, &QTcpSocket::disconnected, this, drop);
    connect(socket, &QTcpSocket::readyRead, this, drop);
    connect(socket, &QTcpSocket::errorOccurred, this, drop);
    m_idle[origin].append(Idle{socket, steadyMs()});
    ++m_idleCount;
    if (!m_sweep.isActive())
        m_sweep.start();
}

void ScrapeConnectionPool::dropIdle(QTcpSocket* socket, const QString& origin)
{
    const auto idle = m_idle.find(origin);
    if (idle == m_idle.end())
        return;
    const auto it = std::find_if(idle->begin(), idle->end(), [socket](const Idle& i) { return i.socket == socket; });
    if (it == idle->end())
        return;
    idle->erase(it);
    --m_idleCount;
    socket->disconnect(this);
    socket->abort();
    socket->deleteLater();
}

void ScrapeConnectionPool::sweep()
{
    const qint64 oldest = steadyMs() - qint64(kIdleSeconds) * 1000;
    bool any = false;
    for (auto it = m_idle.begin(); it != m_idle.end();) {
        QList<Idle>& list = it.value();
        while (!list.isEmpty() && list.constFirst().since < oldest) {
            QTcpSocket* socket = list.takeFirst().socket;
            --m_idleCount;
            socket->disconnect(this);
            socket->abort();
            socket->deleteLater();
        }
        if (list.isEmpty() && m_inUse.value(it.key()) == 0) {
            m_inUse.remove(it.key());
            it = m_idle.erase(it);
            continue;
        }
        any = any || !list.isEmpty();
        ++it;
    }
    if (!any)
        m_sweep.stop();
}

} // namespace sd
