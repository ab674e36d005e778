// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/Result.h"

#include <QByteArray>

#include <functional>

namespace sd {

// Whatever hands out the signed-in user's access token (the Session).
class AccessTokenSource
{
public:
    virtual ~AccessTokenSource() = default;
    virtual void accessToken(std::function<void(Result<QByteArray>)> done) = 0;
};

} // namespace sd
