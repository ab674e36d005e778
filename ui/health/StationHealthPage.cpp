// SPDX-License-Identifier: GPL-3.0-or-later
#include "health/StationHealthPage.h"

#include "core/Clock.h"
#include "health/HealthBadgeLabel.h"
#include "health/HealthChart.h"
#include "metrics/SeriesCsv.h"

#include <QButtonGroup>
#include <QChart>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QImageWriter>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <utility>

namespace sd {

namespace {

QString rangeText(std::chrono::seconds range)
{
    if (range < std::chrono::hours(1))
        return QStringLiteral("%1 min").arg(std::chrono::duration_cast<std::chrono::minutes>(range).count());
    return QStringLiteral("%1 h").arg(std::chrono::duration_cast<std::chrono::hours>(range).count());
}

QString agoText(qint64 seconds)
{
    if (seconds < 60)
        return QStringLiteral("%1 s ago").arg(std::max<qint64>(seconds, 0));
    if (seconds < 3600)
        return QStringLiteral("%1 min ago").arg(seconds / 60);
    if (seconds < 2 * 86400)
        return QStringLiteral("%1 h ago").arg(seconds / 3600);
    return QStringLiteral("%1 days ago").arg(seconds / 86400);
}

constexpr int kChartMargin = 4; // HealthChart's own left margin

bool isBytes(HealthMetric metric)
{
    return metric == HealthMetric::MemoryUsedBytes || metric == HealthMetric::ResidentBytes
        || metric == HealthMetric::VirtualBytes;
}

} // namespace

StationHealthPage::StationHealthPage(const Clock& clock, QWidget* parent)
    : QWidget(parent)
    , m_clock(clock)
    , m_name(new QLabel)
    , m_badge(new HealthBadgeLabel)
    , m_source(new QLabel)
    , m_reason(new QLabel)
    , m_lastSeen(new QLabel)
    , m_rangeButtons(new QButtonGroup(this))
    , m_charts(new QWidget)
    , m_cpu(new HealthChart(tr("CPU")))
    , m_memory(new HealthChart(tr("Memory")))
{
    QFont nameFont = m_name->font();
    nameFont.setPointSizeF(nameFont.pointSizeF() * 1.4);
    nameFont.setBold(true);
    m_name->setFont(nameFont);
    m_name->setObjectName(QStringLiteral("StationName"));
    m_reason->setObjectName(QStringLiteral("Reason"));
    m_reason->setWordWrap(true);
    m_reason->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_reason->hide();
    m_lastSeen->setObjectName(QStringLiteral("LastSeen"));
    m_source->setObjectName(QStringLiteral("Source"));
    m_source->setForegroundRole(QPalette::PlaceholderText);
    m_lastSeen->setForegroundRole(QPalette::PlaceholderText);

    auto* header = new QHBoxLayout;
    header->addWidget(m_name);
    header->addWidget(m_badge, 0, Qt::AlignVCenter);
    header->addStretch();
    header->addWidget(m_source);

    auto* tools = new QHBoxLayout;
    tools->setSpacing(0);
    for (const std::chrono::seconds range : ranges()) {
        auto* button = new QToolButton;
        button->setText(rangeText(range));
        button->setCheckable(true);
        button->setChecked(range == m_range);
        QFont font = button->font();
        font.setBold(range == m_range);
        button->setFont(font);
        button->setObjectName(QStringLiteral("Range") + QString::number(range.count()));
        m_rangeButtons->addButton(button, int(range.count()));
        tools->addWidget(button);
    }
    tools->addSpacing(12);
    tools->addWidget(m_lastSeen);
    tools->addStretch();
    auto* exportPng = new QPushButton(tr("Export PNG…"));
    auto* exportCsv = new QPushButton(tr("Export CSV…"));
    exportPng->setObjectName(QStringLiteral("ExportPng"));
    exportCsv->setObjectName(QStringLiteral("ExportCsv"));
    tools->addWidget(exportPng);
    tools->addSpacing(6);
    tools->addWidget(exportCsv);

    auto* charts = new QVBoxLayout(m_charts);
    charts->setContentsMargins(0, 0, 0, 0);
    charts->addWidget(m_cpu);
    charts->addWidget(m_memory);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(header);
    layout->addWidget(m_reason);
    layout->addLayout(tools);
    layout->addWidget(m_charts, 1);

    connect(m_rangeButtons, &QButtonGroup::idClicked, this,
            [this](int seconds) { selectRange(std::chrono::seconds(seconds)); });
    connect(exportPng, &QPushButton::clicked, this, [this] {
        askExport(tr("Export charts as PNG"), QStringLiteral("png"), tr("PNG images (*.png)"),
                  &StationHealthPage::exportPng);
    });
    connect(exportCsv, &QPushButton::clicked, this, [this] {
        askExport(tr("Export data as CSV"), QStringLiteral("csv"), tr("CSV files (*.csv)"),
                  &StationHealthPage::exportCsv);
    });
    for (HealthChart* chart : {m_cpu, m_memory})
        connect(chart->chart(), &QChart::plotAreaChanged, this, &StationHealthPage::alignPlots);
    setStation(QString());
    setHealth(StationHealth());
    rechart();
}

void StationHealthPage::alignPlots()
{
    // The value axes' labels differ in width ("100 %", "5 GiB"); widen the narrower chart's left
    // margin so that both plots start at the same x and their times line up.
    QChart* cpu = m_cpu->chart();
    QChart* memory = m_memory->chart();
    const qreal cpuBase = cpu->plotArea().left() - (cpu->margins().left() - kChartMargin);
    const qreal memoryBase = memory->plotArea().left() - (memory->margins().left() - kChartMargin);
    const qreal left = std::max(cpuBase, memoryBase);
    for (const auto& [chart, base] : {std::pair{cpu, cpuBase}, std::pair{memory, memoryBase}}) {
        QMargins margins = chart->margins();
        const int wanted = kChartMargin + int(std::lround(left - base));
        if (margins.left() != wanted) {
            margins.setLeft(wanted);
            chart->setMargins(margins);
        }
    }
}

QList<std::chrono::seconds> StationHealthPage::ranges()
{
    using namespace std::chrono_literals;
    return {15min, 1h, 6h, 24h};
}

void StationHealthPage::setStation(const QString& name)
{
    m_station = name;
    m_name->setText(name.isEmpty() ? tr("No station") : name);
    m_cpu->setTitle(name.isEmpty() ? tr("CPU") : tr("CPU — %1").arg(name));
    m_memory->setTitle(name.isEmpty() ? tr("Memory") : tr("Memory — %1").arg(name));
}

void StationHealthPage::setHealth(const StationHealth& health)
{
    m_health = health;
    m_badge->setState(health.state);
    m_reason->setText(health.reason);
    m_reason->setVisible(!health.reason.isEmpty());
    updateLastSeen();
}

void StationHealthPage::setHistory(const QList<HealthSeries>& series)
{
    m_history = series;
    updateLastSeen();
    rechart();
}

void StationHealthPage::setSource(const QString& text)
{
    m_source->setText(text.isEmpty() ? QString() : tr("Source: %1").arg(text));
}

void StationHealthPage::selectRange(std::chrono::seconds range)
{
    m_range = range;
    if (QAbstractButton* button = m_rangeButtons->button(int(range.count())); button != nullptr)
        button->setChecked(true);
    // Bold as well: some styles barely show a checked tool button in dark palettes.
    for (QAbstractButton* button : m_rangeButtons->buttons()) {
        QFont font = button->font();
        font.setBold(button->isChecked());
        button->setFont(font);
    }
    rechart();
    Q_EMIT rangeRequested(range);
}

void StationHealthPage::rechart()
{
    QList<HealthSeries> cpu;
    QList<HealthSeries> memory;
    QList<HealthSeries> memoryPercent;
    for (const HealthSeries& one : std::as_const(m_history)) {
        if (one.metric == HealthMetric::CpuPercent)
            cpu.append(one);
        else if (isBytes(one.metric))
            memory.append(one);
        else if (one.metric == HealthMetric::MemoryPercent)
            memoryPercent.append(one);
    }
    const qint64 to = m_clock.now().toMSecsSinceEpoch();
    const qint64 from = to - qint64(m_range.count()) * 1000;
    m_cpu->setSeries(cpu, from, to);
    m_memory->setSeries(memory.isEmpty() ? memoryPercent : memory, from, to);
}

void StationHealthPage::updateLastSeen()
{
    const QDateTime seen = m_health.lastSuccess;
    if (!seen.isValid()) {
        m_lastSeen->setText(tr("Never seen"));
        return;
    }
    const QDateTime now = m_clock.now();
    const QDateTime local = seen.toLocalTime();
    const QString when = local.date() == now.toLocalTime().date() ? local.toString(QStringLiteral("HH:mm:ss"))
                                                                  : local.toString(QStringLiteral("yyyy-MM-dd HH:mm"));
    m_lastSeen->setText(tr("Last seen %1 (%2)").arg(when, agoText(seen.secsTo(now))));
}

Result<void> StationHealthPage::exportPng(const QString& path) const
{
    QImageWriter writer(path, "png");
    if (!writer.write(m_charts->grab().toImage()))
        return Error(tr("cannot write the PNG image %1: %2").arg(QDir::toNativeSeparators(path), writer.errorString()));
    return {};
}

Result<void> StationHealthPage::exportCsv(const QString& path) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Error(tr("cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString()));
    if (Result<void> written = SeriesCsv::write(m_history, file); !written.ok())
        return written;
    if (!file.commit())
        return Error(tr("cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString()));
    return {};
}

QString StationHealthPage::suggestedFileName(const QString& suffix) const
{
    const QString station = m_station.isEmpty() ? QStringLiteral("station") : m_station;
    const QString stamp = m_clock.now().toLocalTime().toString(QStringLiteral("yyyyMMdd-HHmm"));
    return QDir::home().filePath(station + QLatin1Char('-') + stamp + QLatin1Char('.') + suffix);
}

void StationHealthPage::askExport(const QString& title, const QString& suffix, const QString& filter,
                                  Result<void> (StationHealthPage::*write)(const QString&) const)
{
    const QString path = QFileDialog::getSaveFileName(this, title, suggestedFileName(suffix), filter);
    if (path.isEmpty())
        return;
    if (const Result<void> written = (this->*write)(path); !written.ok())
        QMessageBox::warning(this, title, written.error().sentence());
}

} // namespace sd
