// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "auth/Roles.h"

#include <QString>
#include <QStringList>

namespace sd {

// Who is signed in, as the identity provider says (id_token, else userinfo). No secrets.
struct Identity
{
    QString subject; // "sub": stable, unique per provider
    QString name;
    QString email;
    QStringList providerRoles; // as found in the claims
    Roles roles; // Stationdeck's, after the mapping

    bool isValid() const { return !subject.isEmpty(); }
    // The name if there is one, else the e-mail, else the subject.
    QString displayName() const
    {
        if (!name.isEmpty())
            return name;
        return email.isEmpty() ? subject : email;
    }
};

} // namespace sd
