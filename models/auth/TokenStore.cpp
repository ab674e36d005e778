// SPDX-License-Identifier: GPL-3.0-or-later
#include "auth/TokenStore.h"

#include "core/Logging.h"

#include <qt6keychain/keychain.h>

namespace sd {

namespace {

const char kUnavailable[] = "keychain_unavailable";

enum class Operation { Read, Write, Remove };

// QtKeychain's own text (libsecret's or D-Bus's message, e.g. "Could not connect: No such file or
// directory") says why; it names the service and the D-Bus call, never the stored data.
Error keychainError(Operation operation, QKeychain::Error code, const QString& detail)
{
    QString why;
    switch (code) {
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
        why = QStringLiteral("the system keychain refused access");
        break;
    default: // NoBackendAvailable, OtherError, CouldNotDeleteEntry, NotImplemented, ...
        why = QStringLiteral("the system keychain is not available");
        break;
    }
    const QString text = detail.trimmed();
    if (!text.isEmpty())
        why += QStringLiteral(" (") + text + QLatin1Char(')');
    switch (operation) {
    case Operation::Read:
        return Error(QStringLiteral("the saved sign-in could not be read: ") + why + QStringLiteral("; sign in again"),
                     QLatin1String(kUnavailable));
    case Operation::Write:
        return Error(QStringLiteral("the sign-in could not be saved: ") + why
                         + QStringLiteral("; you stay signed in until Stationdeck quits"),
                     QLatin1String(kUnavailable));
    case Operation::Remove:
        break;
    }
    return Error(QStringLiteral("the saved sign-in could not be removed: ") + why, QLatin1String(kUnavailable));
}

// Jobs have no parent on purpose: QtKeychain's libsecret backend hands a raw pointer to the job to
// GLib, so a job deleted before its answer (with a parent that goes away) would be used after free.
// Auto-delete frees each job after its finished() signal. libsecret answers through the GLib main
// context, which Qt's default event dispatcher on Linux runs; with QT_NO_GLIB=1 no answer ever comes.
template <typename Job> Job* makeJob(const QString& service, const QString& key)
{
    auto* job = new Job(service);
    job->setAutoDelete(true);
    job->setInsecureFallback(false); // never a plain-text copy in QSettings
    job->setKey(key);
    return job;
}

} // namespace

TokenStore::TokenStore(QObject* parent)
    : QObject(parent)
{ }

QString TokenStore::entryKey(const QUrl& issuer, const QString& clientId)
{
    QUrl url = issuer.adjusted(QUrl::StripTrailingSlash | QUrl::NormalizePathSegments);
    if (url.path() == QLatin1String("/")) // StripTrailingSlash keeps a lone "/"
        url.setPath(QString());
    if ((url.scheme() == QLatin1String("https") && url.port() == 443)
        || (url.scheme() == QLatin1String("http") && url.port() == 80))
        url.setPort(-1);
    return QStringLiteral("refresh-token ") + url.toString(QUrl::FullyEncoded) + QLatin1Char(' ') + clientId;
}

void TokenStore::read(const QString& key, std::function<void(Result<std::optional<QByteArray>>)> done)
{
    qCDebug(lcAuth) << "reading keychain entry" << key;
    auto* job = makeJob<QKeychain::ReadPasswordJob>(m_service, key);
    connect(job, &QKeychain::Job::finished, this, [done = std::move(done), key](QKeychain::Job* finished) {
        const auto* readJob = static_cast<QKeychain::ReadPasswordJob*>(finished);
        switch (readJob->error()) {
        case QKeychain::NoError:
            qCDebug(lcAuth) << "keychain entry found" << key;
            done(std::optional<QByteArray>(readJob->binaryData()));
            return;
        case QKeychain::EntryNotFound:
            qCDebug(lcAuth) << "no keychain entry" << key;
            done(std::optional<QByteArray>());
            return;
        default:
            qCWarning(lcAuth) << "reading keychain entry" << key << "failed:" << readJob->error()
                              << readJob->errorString();
            done(keychainError(Operation::Read, readJob->error(), readJob->errorString()));
            return;
        }
    });
    job->start();
}

void TokenStore::write(const QString& key, const QByteArray& secret, std::function<void(Result<void>)> done)
{
    if (secret.isEmpty()) {
        // QtKeychain's KWallet backend treats empty data as "remove the entry".
        QMetaObject::invokeMethod(
            this,
            [done = std::move(done)] {
                done(Error(QStringLiteral("an empty sign-in cannot be saved"), QStringLiteral("invalid_argument")));
            },
            Qt::QueuedConnection);
        return;
    }
    qCDebug(lcAuth) << "writing keychain entry" << key << "(" << secret.size() << "bytes )";
    auto* job = makeJob<QKeychain::WritePasswordJob>(m_service, key);
    job->setBinaryData(secret); // stored base64-encoded, attribute type=base64
    connect(job, &QKeychain::Job::finished, this, [done = std::move(done), key](QKeychain::Job* finished) {
        if (finished->error() == QKeychain::NoError) {
            qCDebug(lcAuth) << "keychain entry written" << key;
            done({});
            return;
        }
        qCWarning(lcAuth) << "writing keychain entry" << key << "failed:" << finished->error()
                          << finished->errorString();
        done(keychainError(Operation::Write, finished->error(), finished->errorString()));
    });
    job->start();
}

void TokenStore::remove(const QString& key, std::function<void(Result<void>)> done)
{
    qCDebug(lcAuth) << "removing keychain entry" << key;
    auto* job = makeJob<QKeychain::DeletePasswordJob>(m_service, key);
    connect(job, &QKeychain::Job::finished, this, [done = std::move(done), key](QKeychain::Job* finished) {
        if (finished->error() == QKeychain::NoError || finished->error() == QKeychain::EntryNotFound) {
            qCDebug(lcAuth) << "keychain entry removed (or absent)" << key;
            done({});
            return;
        }
        qCWarning(lcAuth) << "removing keychain entry" << key << "failed:" << finished->error()
                          << finished->errorString();
        done(keychainError(Operation::Remove, finished->error(), finished->errorString()));
    });
    job->start();
}

} // namespace sd
