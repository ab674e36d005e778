// SPDX-License-Identifier: GPL-3.0-or-later
#include "CliSession.h"

#include <QEventLoop>

namespace sd {

CliSession::CliSession(const AuthConfig& config, const Clock& clock, const AuditSink& audit)
    : m_client(m_network)
    , m_session(m_client, m_store, clock)
{
    m_session.setConfig(config);
    m_session.setAuditSink(audit);
}

void CliSession::waitFor(const std::optional<Result<void>>& done)
{
    QEventLoop loop;
    auto quitWhenSettled = [&] {
        if (done && !m_session.isKeychainBusy())
            loop.quit();
    };
    QObject::connect(&m_session, &Session::signInFinished, &loop, quitWhenSettled, Qt::QueuedConnection);
    QObject::connect(&m_session, &Session::restoreFinished, &loop, quitWhenSettled, Qt::QueuedConnection);
    QObject::connect(&m_session, &Session::signedOut, &loop, quitWhenSettled, Qt::QueuedConnection);
    QObject::connect(&m_session, &Session::keychainIdle, &loop, quitWhenSettled, Qt::QueuedConnection);
    if (done && !m_session.isKeychainBusy())
        return;
    loop.exec();
}

Result<void> CliSession::restore()
{
    std::optional<Result<void>> outcome;
    const auto connection
        = QObject::connect(&m_session, &Session::restoreFinished, [&outcome](const Result<void>& r) { outcome = r; });
    m_session.restore();
    waitFor(outcome);
    QObject::disconnect(connection);
    return *outcome;
}

void CliSession::settle()
{
    const std::optional<Result<void>> done = Result<void>();
    waitFor(done);
}

} // namespace sd
