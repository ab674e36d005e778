// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace sd {

// Who is at this desktop ("local:alice"), for the audit log until an identity provider says
// otherwise: $USER, else $LOGNAME, else the account's name from the system.
QString localUserName();

} // namespace sd
