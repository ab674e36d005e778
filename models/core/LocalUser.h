// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace sd {

// Who is at this desktop, for the audit log until an identity provider says otherwise.
inline QString localUserName()
{
    QString name = qEnvironmentVariable("USER");
    if (name.isEmpty())
        name = qEnvironmentVariable("LOGNAME");
    return name.isEmpty() ? QStringLiteral("unknown") : QStringLiteral("local:") + name;
}

} // namespace sd
