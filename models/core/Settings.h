// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace sd {

// The QSettings keys Stationdeck uses, in one place. Settings never hold a secret.
namespace SettingsKeys {
inline const QString DatabaseUrl = QStringLiteral("database/url");
inline const QString InventoryPath = QStringLiteral("inventory/path");
inline const QString WindowGeometry = QStringLiteral("window/geometry");
inline const QString WindowState = QStringLiteral("window/state");
inline const QString FleetSplitter = QStringLiteral("fleet/splitter");
// v2: the health columns (state, CPU, memory) came in; widths saved for the old columns are dropped.
inline const QString FleetHeader = QStringLiteral("fleet/header.v2");
inline const QString FleetDetailSplitter = QStringLiteral("fleet/detailSplitter");
inline const QString FleetSiteHeader = QStringLiteral("fleet/siteHeader");
inline const QString FleetShowRetired = QStringLiteral("fleet/showRetired");
inline const QString AuditHeader = QStringLiteral("audit/header");
inline const QString CurrentPage = QStringLiteral("window/page");
inline const QString HealthGroup = QStringLiteral("health"); // HealthConfig
} // namespace SettingsKeys

} // namespace sd
