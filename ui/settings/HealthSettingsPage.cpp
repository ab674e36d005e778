// SPDX-License-Identifier: GPL-3.0-or-later
#include "settings/HealthSettingsPage.h"

#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QVBoxLayout>

namespace sd {

namespace {

QSpinBox* spinBox(int low, int high, int value, const QString& suffix, QWidget* parent)
{
    auto* box = new QSpinBox(parent);
    box->setRange(low, high);
    box->setValue(value);
    box->setSuffix(suffix);
    box->setMaximumWidth(180);
    return box;
}

} // namespace

HealthSettingsPage::HealthSettingsPage(const HealthConfig& config, QWidget* parent)
    : QWidget(parent)
    , m_source(new QComboBox(this))
    , m_server(new QLineEdit(config.serverUrl.toString(), this))
    , m_label(new QLineEdit(config.stationLabel, this))
    , m_match(new QComboBox(this))
    , m_selector(new QLineEdit(config.extraSelector, this))
    , m_processSelector(new QLineEdit(config.processSelector, this))
    , m_rateWindow(spinBox(0, 7 * 86400, config.rateWindowSecs, tr(" s"), this))
    , m_interval(spinBox(1, 3600, config.intervalSecs, tr(" s"), this))
    , m_timeout(spinBox(1, 300, config.timeoutSecs, tr(" s"), this))
    , m_concurrent(spinBox(1, 1024, config.maxConcurrent, QString(), this))
    , m_bodyLimit(spinBox(1, 1024, config.bodyLimitMiB, tr(" MiB"), this))
    , m_history(spinBox(1, 168, config.historyHours, tr(" h"), this))
    , m_stale(spinBox(2, 100, config.staleIntervals, tr(" intervals"), this))
    , m_serverNote(new QLabel(this))
{
    setObjectName(QStringLiteral("HealthSettingsPage"));
    m_source->setObjectName(QStringLiteral("HealthSourceCombo"));
    m_server->setObjectName(QStringLiteral("PrometheusServerEdit"));
    m_processSelector->setObjectName(QStringLiteral("ProcessSelectorEdit"));
    m_rateWindow->setObjectName(QStringLiteral("RateWindowSpin"));
    m_source->addItem(tr("Scrape the stations directly"));
    m_source->addItem(tr("Ask a Prometheus server"));
    m_source->setCurrentIndex(config.source == HealthConfig::Source::Server ? 1 : 0);
    m_server->setPlaceholderText(tr("optional: http://prometheus.example:9090"));
    m_server->setToolTip(tr("A Prometheus-compatible server (Prometheus, Thanos, Mimir, VictoriaMetrics). "
                            "When set, charts show its history even while scraping directly. If it needs a "
                            "token, add it to the protected endpoints in the Sign-in tab."));
    m_match->addItem(tr("host:port of the station's metrics URL"));
    m_match->addItem(tr("the station's name"));
    m_match->setCurrentIndex(config.stationMatch == HealthConfig::StationMatch::StationName ? 1 : 0);
    m_selector->setPlaceholderText(tr("optional, e.g. job=\"node\""));
    m_selector->setToolTip(tr("Label matchers added to the node_exporter queries (CPU, memory)."));
    m_processSelector->setPlaceholderText(tr("optional, e.g. job=\"app\""));
    m_processSelector->setToolTip(tr("Label matchers added to the application process queries; without one, a "
                                     "node exporter's own process metrics count too."));
    m_rateWindow->setSpecialValueText(tr("automatic"));
    m_rateWindow->setToolTip(tr("The window of the CPU rate queries. Automatic: four of the server's scrape "
                                "intervals (the interval below), or the chart's step when that is longer."));
    m_serverNote->setWordWrap(true);
    m_serverNote->setEnabled(false);
    m_serverNote->setText(tr("With a server, stations are found by the label above; the CPU and memory "
                             "queries are listed in docs/health.md."));

    auto* sourceBox = new QGroupBox(tr("Source"), this);
    auto* sourceForm = new QFormLayout(sourceBox);
    sourceForm->addRow(tr("&Health from:"), m_source);
    sourceForm->addRow(tr("Prometheus &server:"), m_server);
    sourceForm->addRow(tr("Station &label:"), m_label);
    sourceForm->addRow(tr("Label &value is:"), m_match);
    sourceForm->addRow(tr("N&ode selector:"), m_selector);
    sourceForm->addRow(tr("&Process selector:"), m_processSelector);
    sourceForm->addRow(tr("&Rate window:"), m_rateWindow);
    sourceForm->addRow(QString(), m_serverNote);

    auto* scrapeBox = new QGroupBox(tr("Scraping"), this);
    auto* scrapeForm = new QFormLayout(scrapeBox);
    scrapeForm->addRow(tr("&Interval:"), m_interval);
    scrapeForm->addRow(tr("&Timeout:"), m_timeout);
    scrapeForm->addRow(tr("&Concurrent requests:"), m_concurrent);
    scrapeForm->addRow(tr("&Body size limit:"), m_bodyLimit);
    scrapeForm->addRow(tr("&History kept:"), m_history);
    scrapeForm->addRow(tr("Stale &after:"), m_stale);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(sourceBox);
    layout->addWidget(scrapeBox);
    layout->addStretch();
    connect(m_source, &QComboBox::currentIndexChanged, this, &HealthSettingsPage::updateEnabled);
    connect(m_server, &QLineEdit::textChanged, this, &HealthSettingsPage::updateEnabled);
    updateEnabled();
}

HealthConfig HealthSettingsPage::config() const
{
    HealthConfig config;
    config.source = m_source->currentIndex() == 1 ? HealthConfig::Source::Server : HealthConfig::Source::Direct;
    config.serverUrl = QUrl(m_server->text().trimmed());
    config.stationLabel = m_label->text().trimmed();
    config.stationMatch = m_match->currentIndex() == 1 ? HealthConfig::StationMatch::StationName
                                                       : HealthConfig::StationMatch::UrlAuthority;
    config.extraSelector = m_selector->text().trimmed();
    config.processSelector = m_processSelector->text().trimmed();
    config.rateWindowSecs = m_rateWindow->value();
    config.intervalSecs = m_interval->value();
    config.timeoutSecs = m_timeout->value();
    config.maxConcurrent = m_concurrent->value();
    config.bodyLimitMiB = m_bodyLimit->value();
    config.historyHours = m_history->value();
    config.staleIntervals = m_stale->value();
    return config;
}

void HealthSettingsPage::updateEnabled()
{
    const bool direct = m_source->currentIndex() == 0;
    const bool server = !direct || !m_server->text().trimmed().isEmpty();
    m_label->setEnabled(server);
    m_match->setEnabled(server);
    m_selector->setEnabled(server);
    m_processSelector->setEnabled(server);
    m_rateWindow->setEnabled(server);
    for (QSpinBox* box : {m_timeout, m_concurrent, m_bodyLimit, m_history})
        box->setEnabled(direct);
}

} // namespace sd
