// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/Result.h"
#include "fleet/Site.h"

#include <QDialog>

#include <functional>

class QComboBox;
class QLabel;
class QLineEdit;

namespace sd {

// Add or edit a site by hand. The dialog stays open, with the reason in red, until the handler
// (FleetEditor, wired by the caller) accepts the site.
class SiteDialog : public QDialog
{
    Q_OBJECT
public:
    using Handler = std::function<Result<void>(const Site&)>;

    SiteDialog(const Site& site, bool editing, Handler handler, QWidget* parent = nullptr);

    Site site() const;
    void accept() override;

private:
    Handler m_handler;
    QLineEdit* m_name;
    QComboBox* m_zone;
    QLineEdit* m_windows;
    QLabel* m_error;
};

} // namespace sd
