// SPDX-License-Identifier: GPL-3.0-or-later
#include "fleet/ImportReport.h"

namespace sd {

QString ImportReport::summary() const
{
    const qsizetype total = added.size() + changed.size() + unchanged.size();
    QString text = QStringLiteral("%1 stations: %2 added, %3 changed, %4 unchanged, %5 retired")
                       .arg(total)
                       .arg(added.size())
                       .arg(changed.size())
                       .arg(unchanged.size())
                       .arg(retired.size());
    if (!skippedHosts.isEmpty())
        text += QStringLiteral("; %1 skipped (no stationdeck_site): %2")
                    .arg(skippedHosts.size() == 1 ? QStringLiteral("1 host")
                                                  : QStringLiteral("%1 hosts").arg(skippedHosts.size()),
                         skippedHosts.join(QStringLiteral(", ")));
    return text;
}

} // namespace sd
