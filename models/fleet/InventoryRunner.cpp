// SPDX-License-Identifier: GPL-3.0-or-later
#include "fleet/InventoryRunner.h"

#include "core/Logging.h"
#include "fleet/AnsibleErrorText.h"

#include <QFileInfo>

namespace sd {

InventoryRunner::InventoryRunner(QObject* parent)
    : QObject(parent)
{
    m_timeout.setSingleShot(true);
    connect(&m_timeout, &QTimer::timeout, this, [this] {
        finish(Error(QStringLiteral("reading the inventory %1 took longer than %2 s, so ansible-inventory was stopped")
                         .arg(m_path)
                         .arg(m_timeoutMs / 1000)));
    });
}

void InventoryRunner::start(const QString& inventoryPath)
{
    cancel();
    m_path = inventoryPath;
    if (!QFileInfo::exists(inventoryPath)) {
        // Ansible would only warn about a missing source; say it plainly instead.
        QMetaObject::invokeMethod(
            this, [this] { finish(Error(QStringLiteral("the inventory %1 does not exist").arg(m_path))); },
            Qt::QueuedConnection);
        return;
    }
    m_process = new QProcess(this);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C.UTF-8"));
    env.insert(QStringLiteral("ANSIBLE_INVENTORY_UNPARSED_FAILED"), QStringLiteral("True"));
    env.insert(QStringLiteral("ANSIBLE_INVENTORY_ANY_UNPARSED_IS_FAILED"), QStringLiteral("True"));
    env.insert(QStringLiteral("ANSIBLE_NOCOLOR"), QStringLiteral("1"));
    env.insert(QStringLiteral("ANSIBLE_DEPRECATION_WARNINGS"), QStringLiteral("False"));
    env.insert(QStringLiteral("ANSIBLE_LOCALHOST_WARNING"), QStringLiteral("False"));
    m_process->setProcessEnvironment(env);
    connect(m_process, &QProcess::finished, this, &InventoryRunner::onFinished);
    connect(m_process, &QProcess::errorOccurred, this, &InventoryRunner::onErrorOccurred);
    qCInfo(lcInventory) << "running" << m_program << "-i" << inventoryPath << "--list";
    m_process->start(m_program, {QStringLiteral("-i"), inventoryPath, QStringLiteral("--list")});
    m_timeout.start(m_timeoutMs);
}

void InventoryRunner::cancel()
{
    stopProcess();
}

void InventoryRunner::stopProcess()
{
    m_timeout.stop();
    if (!m_process)
        return;
    QProcess* process = m_process;
    m_process = nullptr;
    process->disconnect(this);
    if (process->state() != QProcess::NotRunning) {
        process->kill();
        process->waitForFinished(1000);
    }
    process->deleteLater();
}

void InventoryRunner::onFinished(int exitCode, QProcess::ExitStatus status)
{
    if (!m_process)
        return;
    if (status != QProcess::NormalExit)
        return finish(Error(QStringLiteral("reading the inventory %1 failed: ansible-inventory crashed").arg(m_path)));
    if (exitCode != 0)
        return finish(Error(QStringLiteral("the inventory %1 could not be read; ansible-inventory says: %2")
                                .arg(m_path, stderrSummary())));
    finish(m_process->readAllStandardOutput());
}

void InventoryRunner::onErrorOccurred(QProcess::ProcessError error)
{
    if (!m_process)
        return;
    if (error == QProcess::FailedToStart)
        finish(Error(QStringLiteral("could not run %1; install Ansible (Debian package \"ansible\")").arg(m_program)));
}

QString InventoryRunner::stderrSummary() const
{
    return AnsibleErrorText::summarize(QString::fromUtf8(m_process->readAllStandardError()), m_path);
}

void InventoryRunner::finish(const Result<QByteArray>& result)
{
    stopProcess();
    if (!result)
        qCWarning(lcInventory).noquote() << result.error().message();
    Q_EMIT finished(result);
}

} // namespace sd
