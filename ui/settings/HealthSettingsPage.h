// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "metrics/HealthConfig.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace sd {

// Settings → Health: where station health comes from (scraping the stations directly, or a
// Prometheus-compatible server), how a station is found among the server's series, and the
// scraping limits. The app checks the values (HealthConfig::check) when OK is pressed.
class HealthSettingsPage : public QWidget
{
    Q_OBJECT
public:
    explicit HealthSettingsPage(const HealthConfig& config, QWidget* parent = nullptr);

    HealthConfig config() const;

private:
    void updateEnabled();

    QComboBox* m_source;
    QLineEdit* m_server;
    QLineEdit* m_label;
    QComboBox* m_match;
    QLineEdit* m_selector;
    QLineEdit* m_processSelector;
    QSpinBox* m_rateWindow;
    QSpinBox* m_interval;
    QSpinBox* m_timeout;
    QSpinBox* m_concurrent;
    QSpinBox* m_bodyLimit;
    QSpinBox* m_history;
    QSpinBox* m_stale;
    QLabel* m_serverNote;
};

} // namespace sd
