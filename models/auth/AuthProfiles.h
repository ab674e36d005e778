// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "auth/AuthConfig.h"
#include "core/Result.h"

#include <QStringList>

class QSettings;

namespace sd {

// Named sign-in configurations ("prod", "staging", one per organisation…) in Settings, under
// auth/profiles/<name>/, and which one is in use (auth/profile). The console and the CLI share them;
// the keychain entry follows the issuer and client id, not the profile name.
class AuthProfiles
{
public:
    static QString defaultName() { return QStringLiteral("default"); }
    // 1–64 characters, no '/', '\\' or control characters, no spaces at either end.
    static Result<void> checkName(const QString& name);

    static QStringList names(QSettings& settings); // sorted; always holds the active one
    static QString active(QSettings& settings);
    static void setActive(QSettings& settings, const QString& name);
    static AuthConfig load(QSettings& settings, const QString& name);
    static void save(QSettings& settings, const QString& name, const AuthConfig& config);
    static void remove(QSettings& settings, const QString& name);
};

} // namespace sd
