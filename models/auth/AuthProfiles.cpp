// SPDX-License-Identifier: GPL-3.0-or-later
#include "auth/AuthProfiles.h"

#include <QSettings>

#include <algorithm>

namespace sd {

namespace {

const QString kActive = QStringLiteral("auth/profile");
const QString kProfiles = QStringLiteral("auth/profiles");

QString group(const QString& name)
{
    return kProfiles + QLatin1Char('/') + name;
}

} // namespace

Result<void> AuthProfiles::checkName(const QString& name)
{
    if (name.isEmpty())
        return Error(QStringLiteral("a sign-in profile needs a name"));
    if (name.size() > 64)
        return Error(QStringLiteral("the profile name \"%1…\" is longer than 64 characters").arg(name.left(20)));
    if (name.trimmed() != name)
        return Error(QStringLiteral("the profile name \"%1\" starts or ends with a space").arg(name));
    for (const QChar c : name) {
        if (c == QLatin1Char('/') || c == QLatin1Char('\\') || c.category() == QChar::Other_Control)
            return Error(QStringLiteral("the profile name \"%1\" has a character it cannot have (/, \\ or a control "
                                        "character)")
                             .arg(QString(name).replace(QLatin1Char('\n'), QLatin1Char(' '))));
    }
    return {};
}

QStringList AuthProfiles::names(QSettings& settings)
{
    settings.beginGroup(kProfiles);
    QStringList out = settings.childGroups();
    settings.endGroup();
    const QString current = active(settings);
    if (!out.contains(current))
        out.append(current);
    std::sort(out.begin(), out.end(), [](const QString& a, const QString& b) { return a.localeAwareCompare(b) < 0; });
    return out;
}

QString AuthProfiles::active(QSettings& settings)
{
    const QString name = settings.value(kActive).toString();
    return checkName(name) ? name : defaultName();
}

void AuthProfiles::setActive(QSettings& settings, const QString& name)
{
    settings.setValue(kActive, name);
}

AuthConfig AuthProfiles::load(QSettings& settings, const QString& name)
{
    settings.beginGroup(group(name));
    AuthConfig config = AuthConfig::load(settings);
    settings.endGroup();
    return config;
}

void AuthProfiles::save(QSettings& settings, const QString& name, const AuthConfig& config)
{
    settings.beginGroup(group(name));
    config.save(settings);
    settings.endGroup();
}

void AuthProfiles::remove(QSettings& settings, const QString& name)
{
    settings.remove(group(name));
}

} // namespace sd
