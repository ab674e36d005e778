// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

namespace sd {

// Name, version, what Stationdeck is for, the Qt it runs on and where its database is.
class AboutDialog : public QDialog
{
    Q_OBJECT
public:
    AboutDialog(const QString& databaseDisplay, QWidget* parent = nullptr);
};

} // namespace sd
