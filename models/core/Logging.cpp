// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/Logging.h"

Q_LOGGING_CATEGORY(lcStorage, "stationdeck.storage", QtInfoMsg)
Q_LOGGING_CATEGORY(lcFleet, "stationdeck.fleet", QtInfoMsg)
Q_LOGGING_CATEGORY(lcInventory, "stationdeck.inventory", QtInfoMsg)
Q_LOGGING_CATEGORY(lcApp, "stationdeck.app", QtInfoMsg)
Q_LOGGING_CATEGORY(lcAuth, "stationdeck.auth", QtInfoMsg)
Q_LOGGING_CATEGORY(lcHealth, "stationdeck.health", QtInfoMsg)
