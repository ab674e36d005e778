// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/Result.h"

#include <QObject>
#include <QPointer>
#include <QProcess>
#include <QTimer>

namespace sd {

// Runs `ansible-inventory -i PATH --list` without blocking and hands back what it printed.
// Ansible is told to fail on any inventory source it cannot parse (instead of warning and
// returning an empty inventory, which would retire every station).
class InventoryRunner : public QObject
{
    Q_OBJECT
public:
    explicit InventoryRunner(QObject* parent = nullptr);

    void setProgram(const QString& program) { m_program = program; } // default "ansible-inventory"
    void setTimeoutMs(int ms) { m_timeoutMs = ms; }
    bool isRunning() const { return m_process != nullptr; }

    void start(const QString& inventoryPath);
    void cancel();

Q_SIGNALS:
    void finished(const sd::Result<QByteArray>& json);

private:
    void onFinished(int exitCode, QProcess::ExitStatus status);
    void onErrorOccurred(QProcess::ProcessError error);
    void finish(const Result<QByteArray>& result);
    void stopProcess();
    QString stderrSummary() const;

    QString m_program = QStringLiteral("ansible-inventory");
    QString m_path;
    int m_timeoutMs = 120000;
    QPointer<QProcess> m_process;
    QTimer m_timeout;
};

} // namespace sd
