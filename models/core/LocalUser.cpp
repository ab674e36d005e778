// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/LocalUser.h"

#include <pwd.h>
#include <unistd.h>

namespace sd {

QString localUserName()
{
    QString name = qEnvironmentVariable("USER");
    if (name.isEmpty())
        name = qEnvironmentVariable("LOGNAME");
    if (name.isEmpty()) {
        if (const passwd* account = getpwuid(getuid()))
            name = QString::fromLocal8Bit(account->pw_name);
    }
    return name.isEmpty() ? QStringLiteral("local:uid %1").arg(getuid()) : QStringLiteral("local:") + name;
}

} // namespace sd
