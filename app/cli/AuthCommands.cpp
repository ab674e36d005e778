// SPDX-License-Identifier: GPL-3.0-or-later
#include "AuthCommands.h"

#include "CliSession.h"

#include <QProcess>

#include <optional>

namespace sd {

AuthCommands::AuthCommands(QTextStream& out, QTextStream& err, AuditSink audit)
    : m_out(out)
    , m_err(err)
    , m_audit(std::move(audit))
{ }

int AuthCommands::fail(const QString& message)
{
    m_err << "stationdeck-cli: " << Error(message).sentence() << Qt::endl;
    return 2;
}

void AuthCommands::printIdentity(const Session& session)
{
    const Identity& who = session.identity();
    m_out << "Signed in as " << who.displayName() << Qt::endl;
    m_out << "Roles: " << roleNames(who.roles).join(QStringLiteral(", ")) << Qt::endl;
}

int AuthCommands::login(const AuthConfig& config, bool openBrowser)
{
    if (Result<void> ok = config.check(); !ok)
        return fail(ok.error().message());
    CliSession w(config, m_clock, m_audit);
    std::optional<Result<void>> outcome;
    QObject::connect(&w.session(), &Session::browserNeeded, [&](const QUrl& url) {
        m_out << "Open this URL to sign in: " << url.toString(QUrl::FullyEncoded) << Qt::endl;
        if (openBrowser && !QProcess::startDetached(QStringLiteral("xdg-open"), {url.toString(QUrl::FullyEncoded)}))
            m_err << "stationdeck-cli: could not start a browser (xdg-open); open the URL above yourself." << Qt::endl;
    });
    QObject::connect(&w.session(), &Session::signInFinished, [&](const Result<void>& r) { outcome = r; });
    QObject::connect(&w.session(), &Session::notice,
                     [&](const QString& sentence) { m_err << "stationdeck-cli: " << sentence << Qt::endl; });
    w.session().signIn();
    w.waitFor(outcome);
    if (!outcome->ok())
        return fail(outcome->error().message());
    printIdentity(w.session());
    return 0;
}

int AuthCommands::whoami(const AuthConfig& config)
{
    if (!config.isConfigured())
        return fail(
            QStringLiteral("not signed in: no identity provider is set; run \"stationdeck-cli login --issuer URL "
                           "--client-id ID\" first"));
    CliSession w(config, m_clock, m_audit);
    if (Result<void> restored = w.restore(); !restored) {
        if (restored.error().code() == QLatin1String("signed_out"))
            return fail(QStringLiteral("not signed in to %1; run \"stationdeck-cli login\"")
                            .arg(config.issuer.toDisplayString()));
        return fail(restored.error().message());
    }
    printIdentity(w.session());
    const QDateTime expires = w.session().accessExpiresAt();
    m_out << "Access token expires: "
          << (expires.isValid() ? expires.toLocalTime().toString(Qt::ISODate)
                                : QStringLiteral("not said by the provider"))
          << Qt::endl;
    return 0;
}

int AuthCommands::logout(const AuthConfig& config)
{
    if (!config.isConfigured()) {
        m_out << "Not signed in." << Qt::endl;
        return 0;
    }
    CliSession w(config, m_clock, m_audit);
    std::optional<Result<void>> outcome;
    QUrl endSession;
    QObject::connect(&w.session(), &Session::signedOut, [&](const QUrl& url, const QString& sentence) {
        m_out << sentence << Qt::endl;
        endSession = url;
        outcome = Result<void>();
    });
    w.session().signOut();
    w.waitFor(outcome);
    if (!endSession.isEmpty())
        m_out << "To end the session at the identity provider too, open: "
              << endSession.toString(QUrl::FullyEncoded | QUrl::RemoveQuery) << Qt::endl;
    return 0;
}

} // namespace sd
