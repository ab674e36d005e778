// SPDX-License-Identifier: GPL-3.0-or-later
#include "settings/SignInSettingsPage.h"

#include <QFontDatabase>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>

namespace sd {

namespace {

QPlainTextEdit* lines(const QString& text, const QString& placeholder, int rows, QWidget* parent)
{
    auto* edit = new QPlainTextEdit(text, parent);
    edit->setPlaceholderText(placeholder);
    edit->setTabChangesFocus(true);
    edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    edit->setFixedHeight(edit->fontMetrics().lineSpacing() * rows + 14);
    return edit;
}

} // namespace

SignInSettingsPage::SignInSettingsPage(const SignInSettings& values, QWidget* parent)
    : QWidget(parent)
    , m_issuer(new QLineEdit(values.issuer, this))
    , m_clientId(new QLineEdit(values.clientId, this))
    , m_scopes(new QLineEdit(values.scopes, this))
    , m_extra(new QLineEdit(values.extraParameters, this))
    , m_claims(lines(values.roleClaims,
                     QStringLiteral("roles\ngroups\nrealm_access.roles\nresource_access.{client_id}.roles"), 4, this))
    , m_mapping(lines(values.roleMapping, QStringLiteral("stationdeck-operator = operator"), 4, this))
    , m_protected(lines(values.protectedEndpoints,
                        QStringLiteral("https://prometheus.example.net/api/\n*.sites.example.net"), 3, this))
    , m_insecure(lines(values.insecureHosts, QString(), 2, this))
{
    m_issuer->setObjectName(QStringLiteral("IssuerEdit"));
    m_clientId->setObjectName(QStringLiteral("ClientIdEdit"));
    m_issuer->setPlaceholderText(QStringLiteral("https://login.example.net/realms/operations"));
    m_issuer->setToolTip(tr("The identity provider's issuer URL; Stationdeck reads "
                            "<issuer>/.well-known/openid-configuration."));
    m_clientId->setPlaceholderText(QStringLiteral("stationdeck"));
    m_clientId->setToolTip(tr("Stationdeck's client id at the provider: a public, native client with "
                              "http://127.0.0.1/callback as its redirect URI."));
    m_scopes->setPlaceholderText(QStringLiteral("openid profile offline_access"));
    m_extra->setPlaceholderText(QStringLiteral("kc_idp_hint=corp&ui_locales=de"));
    m_extra->setToolTip(tr("Extra parameters for the provider's sign-in page."));
    m_claims->setToolTip(tr("Where the provider puts roles or groups, one claim path per line, tried in order."));
    m_mapping->setToolTip(tr("One rule per line: a role or group the provider sends = viewer, operator or approver."));
    m_protected->setToolTip(tr("Endpoints that get the sign-in token, one per line: a URL prefix or a host "
                               "pattern such as *.example.net. No other endpoint ever gets it."));
    m_insecure->setToolTip(
        tr("Hosts that may get the token over plain http (for example inside a VPN), one per line."));

    auto* note = new QLabel(tr("Register Stationdeck at your identity provider as a public, native client "
                               "(no secret) with the redirect URI http://127.0.0.1/callback. Changes to the "
                               "provider or client sign you out."),
                            this);
    note->setWordWrap(true);
    note->setEnabled(false);
    auto* form = new QFormLayout(this);
    form->addRow(note);
    form->addRow(tr("&Issuer URL:"), m_issuer);
    form->addRow(tr("&Client ID:"), m_clientId);
    form->addRow(tr("&Scopes:"), m_scopes);
    form->addRow(tr("E&xtra parameters:"), m_extra);
    form->addRow(tr("&Role claims:"), m_claims);
    form->addRow(tr("Role &mapping:"), m_mapping);
    form->addRow(tr("&Protected endpoints:"), m_protected);
    form->addRow(tr("Plain &HTTP allowed for:"), m_insecure);
}

SignInSettings SignInSettingsPage::values() const
{
    return {m_issuer->text().trimmed(), m_clientId->text().trimmed(), m_scopes->text().trimmed(),
            m_extra->text().trimmed(),  m_claims->toPlainText(),      m_mapping->toPlainText(),
            m_protected->toPlainText(), m_insecure->toPlainText()};
}

} // namespace sd
