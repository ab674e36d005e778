// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/Result.h"
#include "fleet/Station.h"

#include <QDialog>

#include <functional>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;

namespace sd {

// Add or edit a station by hand; stays open with the reason in red until the handler accepts.
class StationDialog : public QDialog
{
    Q_OBJECT
public:
    using Handler = std::function<Result<void>(const Station&)>;

    StationDialog(const Station& station, const QStringList& siteNames, bool editing, Handler handler,
                  QWidget* parent = nullptr);

    Result<Station> station() const;
    void accept() override;

private:
    void showError(const QString& message);

    Handler m_handler;
    QLineEdit* m_name;
    QComboBox* m_site;
    QLineEdit* m_host;
    QPlainTextEdit* m_urls;
    QLineEdit* m_labels;
    QLabel* m_error;
};

} // namespace sd
