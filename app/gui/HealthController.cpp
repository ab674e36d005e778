// SPDX-License-Identifier: GPL-3.0-or-later
#include "HealthController.h"

#include "core/Clock.h"
#include "core/Logging.h"
#include "fleet/Fleet.h"
#include "fleet/FleetOverview.h"
#include "fleet/FleetPage.h"
#include "fleet/StationTableModel.h"
#include "health/StationHealthPage.h"
#include "metrics/FleetHealthSummary.h"
#include "metrics/HealthTracker.h"
#include "metrics/PromQlClient.h"
#include "metrics/Scraper.h"
#include "metrics/ServerHealthPoller.h"

namespace sd {

namespace {

using std::chrono::seconds;

// What the station page charts: CPU, and memory in bytes and percent (node_exporter) or resident
// and virtual (an application endpoint only).
const QList<HealthMetric> kChartMetrics{HealthMetric::CpuPercent, HealthMetric::MemoryUsedBytes,
                                        HealthMetric::MemoryPercent, HealthMetric::ResidentBytes,
                                        HealthMetric::VirtualBytes};

} // namespace

HealthController::HealthController(QNetworkAccessManager& network, const Clock& clock, const Fleet& fleet,
                                   const BearerAuthenticator& authenticator, StationTableModel& model, FleetPage& page,
                                   StationHealthPage& stationPage, QObject* parent)
    : QObject(parent)
    , m_network(network)
    , m_clock(clock)
    , m_fleet(fleet)
    , m_authenticator(authenticator)
    , m_model(model)
    , m_page(page)
    , m_stationPage(stationPage)
{
    m_tick.setInterval(1000);
    connect(&m_tick, &QTimer::timeout, this, &HealthController::tick);
    connect(&fleet, &Fleet::reloaded, this, &HealthController::updateTargets);
    connect(&page, &FleetPage::currentStationChanged, this, &HealthController::showStation);
    connect(&stationPage, &StationHealthPage::rangeRequested, this, [this](seconds range) {
        m_range = range;
        showHistory();
    });
    m_range = stationPage.range();
    showStation(page.selectedStation());
}

HealthController::~HealthController()
{
    m_model.setHealthSource(nullptr);
}

void HealthController::applyConfig(const HealthConfig& config)
{
    const bool rebuild = !m_tracker || config.intervalSecs != m_config.intervalSecs
        || config.historyHours != m_config.historyHours || config.staleIntervals != m_config.staleIntervals
        || config.source != m_config.source;
    m_config = config;
    if (rebuild)
        rebuildTracker();

    PromQlSettings prom;
    prom.match = config.stationMatch == HealthConfig::StationMatch::StationName ? PromQlSettings::Match::Name
                                                                                : PromQlSettings::Match::Address;
    prom.label = config.stationLabel;
    prom.scrapeIntervalSeconds = config.intervalSecs;
    prom.nodeSelector = config.extraSelector;
    prom.processSelector = config.processSelector;
    prom.rateWindowSeconds = config.rateWindowSecs;
    auto templates = PromQlTemplates::create(prom);
    if (!templates) {
        m_page.overview()->setNote(templates.error().withContext(tr("Health settings")).sentence());
        templates = PromQlTemplates();
    }
    m_templates = templates.value();
    if (config.hasServer()) {
        if (!m_prometheus)
            m_prometheus = std::make_unique<PromQlClient>(m_network);
        m_prometheus->setServer(config.serverUrl);
        m_prometheus->setAuthenticator(&m_authenticator);
        m_prometheus->setTemplates(m_templates);
        m_prometheus->setTimeoutMs(config.timeoutSecs * 1000);
    } else {
        m_poller.reset();
        m_prometheus.reset();
    }

    if (config.source == HealthConfig::Source::Direct) {
        m_poller.reset();
        if (!m_scraper) {
            m_scraper = std::make_unique<Scraper>(m_clock);
            m_scraper->setAuthenticator(&m_authenticator);
            connect(m_scraper.get(), &Scraper::scraped, this,
                    [this](const ScrapeOutcome& outcome) { m_tracker->record(outcome); });
        }
        m_scraper->setInterval(seconds(config.intervalSecs));
        m_scraper->setTimeout(seconds(config.timeoutSecs));
        m_scraper->setMaxConcurrent(config.maxConcurrent);
        m_scraper->setBodyLimit(qint64(config.bodyLimitMiB) * 1024 * 1024);
    } else {
        m_scraper.reset();
        if (!m_poller) {
            m_poller = std::make_unique<ServerHealthPoller>(*m_prometheus, *m_tracker, m_clock);
            connect(m_poller.get(), &ServerHealthPoller::serverFailed, this,
                    [this](const QString& sentence) { m_page.overview()->setNote(sentence); });
        }
        m_poller->setPrometheus(*m_prometheus);
        m_poller->setTemplates(m_templates);
        m_poller->setInterval(seconds(config.intervalSecs));
    }
    updateTargets();
    m_stationPage.setSource(sourceText());
    m_page.overview()->setNote(tr("Waiting for the first answers…"));
    m_tick.start();
}

void HealthController::rebuildTracker()
{
    m_poller.reset(); // it refers to the tracker
    HealthTracker::Options options;
    options.interval = seconds(m_config.intervalSecs);
    options.history = std::chrono::hours(m_config.historyHours);
    options.staleAfterIntervals = m_config.staleIntervals;
    m_model.setHealthSource(nullptr);
    m_tracker = std::make_unique<HealthTracker>(m_clock, options);
    m_model.setHealthSource(m_tracker.get());
    connect(m_tracker.get(), &HealthTracker::healthChanged, this, &HealthController::onTrackerChanged);
    connect(m_tracker.get(), &HealthTracker::siteLinkChanged, this, [this](const QString& site, bool down) {
        if (m_scraper)
            m_scraper->setSiteLinkDown(site, down);
        qCInfo(lcHealth).noquote() << (down ? "link down:" : "link up:") << site;
    });
    connect(m_tracker.get(), &HealthTracker::stationChanged, this, [this](const QString& station) {
        if (station == m_station)
            m_stationPage.setHealth(m_tracker->health(station));
    });
}

void HealthController::updateTargets()
{
    QList<ScrapeTarget> targets;
    for (const Station& station : m_fleet.stations()) {
        if (station.retired)
            continue;
        for (const QString& url : station.metricsUrls)
            targets.append({station.name, station.site, QUrl(url)});
    }
    if (m_poller) {
        m_poller->setTargets(targets);
        m_tracker->setTargets(m_poller->trackerTargets());
        m_poller->start();
    } else {
        m_tracker->setTargets(targets);
    }
    if (m_scraper) {
        m_scraper->setTargets(targets);
        if (!m_scraper->isRunning())
            m_scraper->start();
    }
}

void HealthController::tick()
{
    m_tracker->tick();
}

void HealthController::onTrackerChanged()
{
    m_page.overview()->setSummary(FleetHealthSummary::compute(m_fleet.stations(), *m_tracker));
    // The charts follow the scrapes (the tracker's own history); a server's history is asked again
    // once an interval at most.
    if (!m_station.isEmpty()) {
        const qint64 now = m_clock.now().toMSecsSinceEpoch();
        if (!m_config.hasServer() || now - m_historyShownAtMs >= qint64(m_config.intervalSecs) * 1000)
            showHistory();
    }
}

void HealthController::showStation(const QString& station)
{
    m_station = station;
    m_stationPage.setStation(station);
    // The page shows the selected station; with none selected the table gets the room.
    m_stationPage.setVisible(!station.isEmpty());
    if (station.isEmpty())
        return;
    m_stationPage.setHealth(m_tracker ? m_tracker->health(station) : StationHealth());
    showHistory();
}

void HealthController::showHistory()
{
    if (m_station.isEmpty() || !m_tracker)
        return;
    const QDateTime to = m_clock.now();
    const QDateTime from = to.addSecs(-m_range.count());
    m_historyShownAtMs = to.toMSecsSinceEpoch();
    const int request = ++m_historyRequest;
    if (m_prometheus) {
        const Station* station = m_fleet.station(m_station);
        if (station == nullptr)
            return;
        QList<QUrl> urls;
        for (const QString& url : station->metricsUrls)
            urls.append(QUrl(url));
        const PromStation wanted{station->name, m_templates.keysFor(station->name, urls)};
        m_prometheus->fetchHistory(wanted, kChartMetrics, from, to,
                                   [this, request, name = m_station](Result<QList<HealthSeries>> history) {
                                       if (request != m_historyRequest || name != m_station)
                                           return;
                                       if (!history) {
                                           m_stationPage.setSource(history.error().sentence());
                                           return;
                                       }
                                       m_stationPage.setSource(sourceText());
                                       m_stationPage.setHistory(history.value());
                                   });
        return;
    }
    QList<HealthSeries> series;
    for (HealthMetric metric : kChartMetrics) {
        HealthSeries one = m_tracker->history(m_station, metric, from, to);
        if (!one.isEmpty())
            series.append(std::move(one));
    }
    m_stationPage.setHistory(series);
}

QString HealthController::sourceText() const
{
    if (m_config.source == HealthConfig::Source::Server)
        return tr("From Prometheus at %1, every %2 s")
            .arg(m_config.serverUrl.toDisplayString())
            .arg(m_config.intervalSecs);
    if (m_config.hasServer())
        return tr("Scraped directly every %1 s; history from Prometheus at %2")
            .arg(m_config.intervalSecs)
            .arg(m_config.serverUrl.toDisplayString());
    return tr("Scraped directly every %1 s").arg(m_config.intervalSecs);
}

} // namespace sd
