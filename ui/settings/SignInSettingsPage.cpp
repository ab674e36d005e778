// SPDX-License-Identifier: GPL-3.0-or-later
#include "settings/SignInSettingsPage.h"

#include <QComboBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScopedValueRollback>

namespace sd {

namespace {

QPlainTextEdit* lines(const QString& placeholder, int rows, QWidget* parent)
{
    auto* edit = new QPlainTextEdit(parent);
    edit->setPlaceholderText(placeholder);
    edit->setTabChangesFocus(true);
    edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    edit->setFixedHeight(edit->fontMetrics().lineSpacing() * rows + 14);
    return edit;
}

} // namespace

SignInSettingsPage::SignInSettingsPage(const QMap<QString, SignInSettings>& profiles, const QString& active,
                                       QWidget* parent)
    : QWidget(parent)
    , m_profiles(profiles)
    , m_profile(new QComboBox(this))
    , m_remove(new QPushButton(tr("&Remove"), this))
    , m_issuer(new QLineEdit(this))
    , m_clientId(new QLineEdit(this))
    , m_scopes(new QLineEdit(this))
    , m_extra(new QLineEdit(this))
    , m_claims(lines(QStringLiteral("roles\ngroups\nrealm_access.roles\nresource_access.{client_id}.roles"), 4, this))
    , m_mapping(lines(QStringLiteral("stationdeck-operator = operator"), 4, this))
    , m_protected(lines(QStringLiteral("https://prometheus.example.net/api/\n*.sites.example.net"), 3, this))
    , m_insecure(lines(QString(), 2, this))
{
    if (!m_profiles.contains(active))
        m_profiles.insert(active, {});
    m_profile->setObjectName(QStringLiteral("ProfileBox"));
    m_profile->addItems(m_profiles.keys());
    m_profile->setToolTip(tr("Sign-in profiles, one per identity provider; the one shown when you press OK is used."));
    auto* add = new QPushButton(tr("&New…"), this);
    connect(add, &QPushButton::clicked, this, &SignInSettingsPage::askForNewProfile);
    connect(m_remove, &QPushButton::clicked, this, &SignInSettingsPage::removeCurrent);
    connect(m_profile, &QComboBox::currentTextChanged, this, &SignInSettingsPage::showProfile);
    auto* profileRow = new QHBoxLayout;
    profileRow->addWidget(m_profile, 1);
    profileRow->addWidget(add);
    profileRow->addWidget(m_remove);
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
    auto* profileLabel = new QLabel(tr("Pro&file:"), this);
    profileLabel->setBuddy(m_profile);
    form->addRow(profileLabel, profileRow);
    form->addRow(tr("&Issuer URL:"), m_issuer);
    form->addRow(tr("&Client ID:"), m_clientId);
    form->addRow(tr("&Scopes:"), m_scopes);
    form->addRow(tr("E&xtra parameters:"), m_extra);
    form->addRow(tr("&Role claims:"), m_claims);
    form->addRow(tr("Role &mapping:"), m_mapping);
    form->addRow(tr("&Protected endpoints:"), m_protected);
    form->addRow(tr("Plain &HTTP allowed for:"), m_insecure);

    // Every edit goes straight into the profile shown, so switching profiles loses nothing.
    for (QLineEdit* edit : {m_issuer, m_clientId, m_scopes, m_extra})
        connect(edit, &QLineEdit::textChanged, this, &SignInSettingsPage::store);
    for (QPlainTextEdit* edit : {m_claims, m_mapping, m_protected, m_insecure})
        connect(edit, &QPlainTextEdit::textChanged, this, &SignInSettingsPage::store);
    showProfile(m_profiles.contains(active) ? active : m_profiles.firstKey());
}

void SignInSettingsPage::load(const SignInSettings& values)
{
    const QScopedValueRollback<bool> loading(m_loading, true);
    m_issuer->setText(values.issuer);
    m_clientId->setText(values.clientId);
    m_scopes->setText(values.scopes);
    m_extra->setText(values.extraParameters);
    m_claims->setPlainText(values.roleClaims);
    m_mapping->setPlainText(values.roleMapping);
    m_protected->setPlainText(values.protectedEndpoints);
    m_insecure->setPlainText(values.insecureHosts);
}

void SignInSettingsPage::store()
{
    if (m_current.isEmpty() || m_loading)
        return;
    m_profiles[m_current] = {m_issuer->text().trimmed(), m_clientId->text().trimmed(), m_scopes->text().trimmed(),
                             m_extra->text().trimmed(),  m_claims->toPlainText(),      m_mapping->toPlainText(),
                             m_protected->toPlainText(), m_insecure->toPlainText()};
}

void SignInSettingsPage::showProfile(const QString& name)
{
    if (name.isEmpty() || name == m_current)
        return;
    store();
    m_current = name;
    if (m_profile->currentText() != name)
        m_profile->setCurrentText(name);
    load(m_profiles.value(name));
    m_remove->setEnabled(m_profiles.size() > 1);
}

void SignInSettingsPage::addProfile(const QString& name)
{
    if (!m_profiles.contains(name)) {
        store();
        m_profiles.insert(name, {});
        m_profile->blockSignals(true);
        m_profile->clear();
        m_profile->addItems(m_profiles.keys());
        m_profile->blockSignals(false);
    }
    m_current.clear(); // nothing to store: the fields show the new profile next
    m_profile->setCurrentText(name);
    m_current = name;
    load(m_profiles.value(name));
    m_remove->setEnabled(m_profiles.size() > 1);
}

void SignInSettingsPage::askForNewProfile()
{
    bool ok = false;
    const QString name = QInputDialog::getText(this, tr("New Sign-in Profile"), tr("Name of the profile:"),
                                               QLineEdit::Normal, QString(), &ok);
    if (ok && !name.isEmpty())
        addProfile(name);
}

void SignInSettingsPage::removeCurrent()
{
    if (m_profiles.size() <= 1)
        return;
    const QString gone = m_current;
    m_profiles.remove(gone);
    m_current.clear();
    m_profile->blockSignals(true);
    m_profile->removeItem(m_profile->findText(gone));
    m_profile->blockSignals(false);
    showProfile(m_profile->currentText());
}

QMap<QString, SignInSettings> SignInSettingsPage::profiles() const
{
    return m_profiles;
}

QString SignInSettingsPage::activeProfile() const
{
    return m_current;
}

} // namespace sd
