// SPDX-License-Identifier: GPL-3.0-or-later
#include "health/HealthChart.h"

#include "metrics/Decimator.h"

#include <QDateTime>
#include <QDateTimeAxis>
#include <QGraphicsLineItem>
#include <QLabel>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QMouseEvent>
#include <QValueAxis>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

namespace sd {

namespace {

// A colour per metric, so that CPU and memory look different and a metric looks the same in
// every chart; lighter variants on dark backgrounds.
QColor lineColor(HealthMetric metric, bool dark)
{
    switch (metric) {
    case HealthMetric::CpuPercent:
        return dark ? QColor(0x8a, 0xb4, 0xf8) : QColor(0x1a, 0x73, 0xe8);
    case HealthMetric::MemoryUsedBytes:
    case HealthMetric::MemoryPercent:
        return dark ? QColor(0x81, 0xc9, 0x95) : QColor(0x18, 0x80, 0x38);
    case HealthMetric::ResidentBytes:
        return dark ? QColor(0xd7, 0xae, 0xfb) : QColor(0x8e, 0x24, 0xaa);
    case HealthMetric::VirtualBytes:
        return dark ? QColor(0xfb, 0xbc, 0x04) : QColor(0xc2, 0x5e, 0x00);
    case HealthMetric::Up:
    case HealthMetric::ScrapeSeconds:
        break;
    }
    return dark ? QColor(0xe8, 0xea, 0xed) : QColor(0x3c, 0x40, 0x43);
}

// Axis label format and tick step for a time span: round steps, at most `maxTicks` labels.
struct TimeTicks
{
    QString format;
    int count;
};

TimeTicks timeTicks(qint64 spanMs, int maxTicks)
{
    static constexpr std::array<qint64, 12> minutes{1, 2, 5, 10, 15, 30, 60, 120, 180, 240, 360, 720};
    const QString format = spanMs <= 5 * 60'000 ? QStringLiteral("HH:mm:ss")
        : spanMs <= 24 * 3'600'000              ? QStringLiteral("HH:mm")
                                                : QStringLiteral("d MMM HH:mm");
    for (const qint64 step : minutes) {
        const qint64 stepMs = step * 60'000;
        if (spanMs % stepMs == 0 && spanMs / stepMs + 1 <= maxTicks)
            return {format, int(spanMs / stepMs) + 1};
    }
    return {format, std::max(2, maxTicks)};
}

// `over` at `alpha` (0..255) over `under`, as one opaque colour.
QColor mixed(const QColor& over, const QColor& under, int alpha)
{
    const auto channel = [&](int top, int bottom) { return (top * alpha + bottom * (255 - alpha) + 127) / 255; };
    return QColor(channel(over.red(), under.red()), channel(over.green(), under.green()),
                  channel(over.blue(), under.blue()));
}

double niceCeiling(double value)
{
    if (!(value > 0))
        return 1;
    const double magnitude = std::pow(10.0, std::floor(std::log10(value)));
    for (const double step : {1.0, 2.0, 2.5, 5.0, 10.0}) {
        if (value <= step * magnitude)
            return step * magnitude;
    }
    return 10 * magnitude;
}

// How far the lines travel on screen, in pixels, and how many points they have.
struct LineTravel
{
    double across = 0;
    double upDown = 0;
    qsizetype points = 0;

    void add(const QList<QPointF>& line, double pixelsPerMs, double pixelsPerUnit)
    {
        points += line.size();
        for (qsizetype i = 1; i < line.size(); ++i) {
            across += std::abs(line[i].x() - line[i - 1].x()) * pixelsPerMs;
            upDown += std::abs(line[i].y() - line[i - 1].y()) * pixelsPerUnit;
        }
    }

    // Antialiasing smooths the stair steps of shallow and diagonal segments and costs per pixel
    // drawn. Lines with at least one point per pixel column that mostly run up and down (ten times
    // more than across: a noisy day of CPU, a band of min/max strokes) are vertical runs of pixels
    // side by side that look the same without it, and take a fraction of the time to draw.
    bool antialiasingShows(int columns, qsizetype lines) const
    {
        const bool dense = points >= qsizetype(columns) * lines;
        const bool steep = upDown > 10 * across;
        return !(dense && steep);
    }
};

} // namespace

HealthChart::HealthChart(const QString& title, QWidget* parent)
    : QChartView(new QChart, parent) // the view owns it (setChart() would leak the default chart)
    , m_chart(chart())
    , m_timeAxis(new QDateTimeAxis)
    , m_valueAxis(new QValueAxis)
    , m_cursor(new QGraphicsLineItem)
    , m_hover(new QLabel(viewport()))
    , m_empty(new QLabel(viewport()))
{
    m_chart->setAnimationOptions(QChart::NoAnimation);
    m_chart->setBackgroundRoundness(0);
    m_chart->setMargins(QMargins(4, 4, 8, 4));
    m_chart->legend()->setAlignment(Qt::AlignTop);
    m_chart->legend()->setVisible(false);
    m_chart->addAxis(m_timeAxis, Qt::AlignBottom);
    m_chart->addAxis(m_valueAxis, Qt::AlignLeft);
    m_valueAxis->setMinorTickCount(0);
    setTitle(title);
    setRenderHint(QPainter::Antialiasing);
    setMinimumHeight(160);
    setMouseTracking(true);
    viewport()->setMouseTracking(true);

    m_cursor->setVisible(false);
    m_cursor->setZValue(10);
    m_chart->scene()->addItem(m_cursor);
    m_hover->setObjectName(QStringLiteral("HoverLabel"));
    m_hover->setAutoFillBackground(true);
    m_hover->setMargin(4);
    m_hover->setFrameShape(QFrame::Box);
    m_hover->setAttribute(Qt::WA_TransparentForMouseEvents);
    m_hover->hide();
    m_empty->setObjectName(QStringLiteral("EmptyLabel"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setAttribute(Qt::WA_TransparentForMouseEvents);
    m_empty->setText(tr("No data yet"));

    connect(m_chart, &QChart::plotAreaChanged, this, [this](const QRectF& area) {
        if (std::max(1, int(area.width())) != m_columns) {
            updateTimeAxis();
            redecimate();
        }
        placeEmptyLabel();
    });
    setRange(0, 3'600'000); // until the owner sets one (time comes from its Clock, not from here)
    applyPalette();
}

void HealthChart::setTitle(const QString& title)
{
    m_chart->setTitle(title);
}

void HealthChart::setSeries(const QList<HealthSeries>& series)
{
    setSeries(series, m_fromMs, m_toMs);
}

void HealthChart::setRange(qint64 fromMs, qint64 toMs)
{
    setSeries(m_series, fromMs, toMs);
}

void HealthChart::setSeries(const QList<HealthSeries>& series, qint64 fromMs, qint64 toMs)
{
    const bool sameMetrics = std::equal(
        series.cbegin(), series.cend(), m_series.cbegin(), m_series.cend(),
        [](const HealthSeries& a, const HealthSeries& b) { return a.metric == b.metric && a.station == b.station; });
    m_series = series;
    if (!sameMetrics)
        rebuildPools();
    toMs = std::max(toMs, fromMs + 1);
    if (fromMs != m_fromMs || toMs != m_toMs) {
        m_fromMs = fromMs;
        m_toMs = toMs;
        releaseLines();
        updateTimeAxis();
    }
    redecimate();
}

// Empties every line: Qt Charts lays a line out again (path and hit-test outline) on every change
// of an axis range, so the old points are dropped before the axes move, and the new ones are laid
// out once, by replace().
void HealthChart::releaseLines()
{
    for (const Pool& pool : m_pools) {
        for (QLineSeries* line : pool.lines) {
            if (line->count() > 0)
                line->clear();
        }
    }
}

void HealthChart::rebuildPools()
{
    m_chart->removeAllSeries(); // deletes them
    m_pools.assign(std::size_t(m_series.size()), Pool{});
    for (std::size_t i = 0; i < m_pools.size(); ++i)
        addLine(i);
    m_chart->legend()->setVisible(m_series.size() > 1);
    applyPalette();
}

QLineSeries* HealthChart::addLine(std::size_t seriesIndex)
{
    auto* line = new QLineSeries;
    line->setName(ValueScale::metricName(m_series.at(qsizetype(seriesIndex)).metric));
    m_chart->addSeries(line);
    line->attachAxis(m_timeAxis);
    line->attachAxis(m_valueAxis);
    Pool& pool = m_pools[seriesIndex];
    // One legend entry per metric: the first line of its pool.
    if (!pool.lines.empty()) {
        for (QLegendMarker* marker : m_chart->legend()->markers(line))
            marker->setVisible(false);
    }
    pool.lines.push_back(line);
    // A cosmetic pen one pixel wide: QPainter draws it with its fast line stroker; a wider pen goes
    // through the general stroker and costs several times more per segment.
    QPen pen(lineColor(m_series.at(qsizetype(seriesIndex)).metric, palette().color(QPalette::Base).lightness() < 128),
             1.0);
    pen.setCosmetic(true);
    line->setPen(pen);
    return line;
}

void HealthChart::redecimate()
{
    const QRectF area = m_chart->plotArea();
    m_columns = std::max(1, int(area.width() > 0 ? area.width() : viewport()->width()));
    double largest = 0;
    bool any = false;
    std::vector<DecimatedRuns> decimated;
    decimated.reserve(m_pools.size());
    for (const HealthSeries& one : std::as_const(m_series)) {
        decimated.push_back(Decimator::decimate(one.timesMs, one.values, m_fromMs, m_toMs, m_columns));
        for (const QList<QPointF>& run : decimated.back().runs) {
            any = any || !run.isEmpty();
            for (const QPointF& point : run)
                largest = std::max(largest, point.y());
        }
    }
    m_scale = m_series.isEmpty() ? ValueScale{} : ValueScale::forMetric(m_series.constFirst().metric, largest);
    // The axis first, on empty lines: a range change lays out every line that has points.
    if (valueAxisTop(largest) != m_valueAxis->max())
        releaseLines();
    updateValueAxis(largest);
    LineTravel travel;
    const double pixelsPerMs = double(m_columns) / double(m_toMs - m_fromMs);
    const double pixelsPerUnit = std::max(1.0, area.height()) / std::max(m_valueAxis->max(), 1e-300);
    for (std::size_t i = 0; i < decimated.size(); ++i) {
        std::vector<QList<QPointF>>& runs = decimated[i].runs;
        while (m_pools[i].lines.size() < runs.size())
            addLine(i);
        for (std::size_t r = 0; r < m_pools[i].lines.size(); ++r) {
            QLineSeries* line = m_pools[i].lines[r];
            if (r >= runs.size()) {
                if (line->count() > 0)
                    line->replace(QList<QPointF>());
                continue;
            }
            QList<QPointF>& points = runs[r];
            if (m_scale.divisor != 1) {
                for (QPointF& point : points)
                    point.setY(m_scale.scaled(point.y()));
            }
            if (const bool lone = points.size() == 1; line->pointsVisible() != lone)
                line->setPointsVisible(lone); // a lone sample between two gaps shows as a dot
            travel.add(points, pixelsPerMs, pixelsPerUnit);
            line->replace(points);
        }
    }
    const auto shown = std::count_if(decimated.cbegin(), decimated.cend(),
                                     [](const DecimatedRuns& runs) { return !runs.isEmpty(); });
    if (const bool smooth = travel.antialiasingShows(m_columns, shown);
        renderHints().testFlag(QPainter::Antialiasing) != smooth)
        setRenderHint(QPainter::Antialiasing, smooth);
    m_empty->setText(m_series.isEmpty()
                             || std::all_of(m_series.cbegin(), m_series.cend(),
                                            [](const HealthSeries& one) { return one.isEmpty(); })
                         ? tr("No data yet")
                         : tr("No data in this time range"));
    m_empty->setVisible(!any);
    placeEmptyLabel();
}

double HealthChart::valueAxisTop(double largest) const
{
    const double shown = m_scale.scaled(largest);
    if (m_scale.unit == QLatin1String("%"))
        return shown <= 100 ? 100 : niceCeiling(shown);
    return niceCeiling(shown * 1.05);
}

void HealthChart::updateValueAxis(double largest)
{
    const double top = valueAxisTop(largest);
    m_valueAxis->setRange(0, top);
    m_valueAxis->setTickCount(6);
    if (m_scale.unit == QLatin1String("%")) {
        m_valueAxis->setLabelFormat(m_scale.axisLabelFormat(0));
        return;
    }
    const double step = top / 5;
    m_valueAxis->setLabelFormat(m_scale.axisLabelFormat(step >= 1 ? 0 : step >= 0.1 ? 1 : 2));
}

void HealthChart::updateTimeAxis()
{
    const int width = std::max(200, int(m_chart->plotArea().width()));
    const TimeTicks ticks = timeTicks(m_toMs - m_fromMs, std::clamp(width / 70, 3, 9));
    m_timeAxis->setFormat(ticks.format);
    m_timeAxis->setTickCount(ticks.count);
    // QDateTimeAxis shows local time: it reads milliseconds since the epoch.
    m_timeAxis->setRange(QDateTime::fromMSecsSinceEpoch(m_fromMs), QDateTime::fromMSecsSinceEpoch(m_toMs));
}

qsizetype HealthChart::shownPointCount() const
{
    qsizetype count = 0;
    for (const Pool& pool : m_pools) {
        for (const QLineSeries* line : pool.lines)
            count += line->count();
    }
    return count;
}

QList<QLineSeries*> HealthChart::lines() const
{
    QList<QLineSeries*> all;
    for (const Pool& pool : m_pools)
        all.append(QList<QLineSeries*>(pool.lines.begin(), pool.lines.end()));
    return all;
}

QString HealthChart::hoverText() const
{
    return m_hover->isVisible() ? m_hover->text() : QString();
}

QString HealthChart::emptyText() const
{
    return m_empty->isVisible() ? m_empty->text() : QString();
}

QString HealthChart::hoverTextAt(qint64 timeMs) const
{
    QStringList lines;
    qint64 shownTime = -1;
    for (const HealthSeries& one : m_series) {
        const auto begin = one.timesMs.begin();
        const auto end = begin + qsizetype(std::min(one.timesMs.size(), one.values.size()));
        auto it = std::lower_bound(begin, end, timeMs);
        if (it == end || (it != begin && timeMs - *(it - 1) < *it - timeMs))
            it = it == begin ? it : it - 1;
        if (it == end)
            continue;
        // Between two samples the nearest one counts (NaN: a gap); before the first or after the
        // last sample only within a few pixel columns of it.
        const qint64 tolerance = std::max<qint64>(1, (m_toMs - m_fromMs) / std::max(1, m_columns) * 8);
        const bool outside
            = (timeMs < one.timesMs.front() || timeMs > *(end - 1)) && std::abs(*it - timeMs) > tolerance;
        const double value = outside ? std::numeric_limits<double>::quiet_NaN() : one.values[std::size_t(it - begin)];
        if (shownTime < 0 && std::isfinite(value))
            shownTime = *it;
        lines.append(QString(ValueScale::metricName(one.metric) + QStringLiteral(": ") + m_scale.format(value)));
    }
    if (lines.isEmpty())
        return {};
    const qint64 time = shownTime >= 0 ? shownTime : timeMs;
    lines.prepend(QDateTime::fromMSecsSinceEpoch(time).toString(QStringLiteral("HH:mm:ss")));
    return lines.join(QLatin1Char('\n'));
}

void HealthChart::showHover(const QPoint& viewPos)
{
    const QPointF chartPos = m_chart->mapFromScene(mapToScene(viewPos));
    const QRectF area = m_chart->plotArea();
    const QList<QLineSeries*> all = lines();
    if (!area.contains(chartPos) || all.isEmpty() || !m_empty->isHidden()) {
        hideHover();
        return;
    }
    const qint64 time = qint64(std::llround(m_chart->mapToValue(chartPos, all.front()).x()));
    const QString text = hoverTextAt(time);
    if (text.isEmpty()) {
        hideHover();
        return;
    }
    const QPointF top = m_chart->mapToScene(QPointF(chartPos.x(), area.top()));
    const QPointF bottom = m_chart->mapToScene(QPointF(chartPos.x(), area.bottom()));
    m_cursor->setLine(QLineF(top, bottom));
    m_cursor->setVisible(true);
    m_hover->setText(text);
    m_hover->adjustSize();
    QPoint at = viewPos + QPoint(12, 12);
    if (at.x() + m_hover->width() > viewport()->width())
        at.setX(viewPos.x() - 12 - m_hover->width());
    if (at.y() + m_hover->height() > viewport()->height())
        at.setY(viewPos.y() - 12 - m_hover->height());
    m_hover->move(at);
    m_hover->show();
    m_hover->raise();
}

void HealthChart::hideHover()
{
    m_cursor->setVisible(false);
    m_hover->hide();
}

void HealthChart::placeEmptyLabel()
{
    const QRectF area = m_chart->plotArea();
    const QRect rect = area.isEmpty() ? viewport()->rect() : mapFromScene(m_chart->mapToScene(area)).boundingRect();
    m_empty->setGeometry(rect);
}

void HealthChart::mouseMoveEvent(QMouseEvent* event)
{
    QChartView::mouseMoveEvent(event);
    showHover(event->position().toPoint());
}

void HealthChart::leaveEvent(QEvent* event)
{
    QChartView::leaveEvent(event);
    hideHover();
}

void HealthChart::changeEvent(QEvent* event)
{
    QChartView::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyPalette();
}

void HealthChart::applyPalette()
{
    const QPalette colors = palette();
    const QColor base = colors.color(QPalette::Base);
    const QColor text = colors.color(QPalette::Text);
    const bool dark = base.lightness() < 128;
    // Grid and axis lines lie on the base colour: drawn in the text colour mixed into it, opaque,
    // they look the same as translucent ones and are drawn straight into the pixels (Qt's raster
    // engine blends a translucent line span by span, handing long lines to its thread pool).
    const QColor grid = mixed(text, base, dark ? 50 : 40);
    const QColor axisLine = mixed(text, base, 110);
    QColor muted = text;
    muted.setAlpha(170);

    setBackgroundBrush(base);
    m_chart->setBackgroundBrush(base);
    m_chart->setBackgroundPen(Qt::NoPen);
    m_chart->setPlotAreaBackgroundVisible(false);
    m_chart->setTitleBrush(text);
    m_chart->legend()->setLabelColor(text);
    for (QAbstractAxis* axis : {static_cast<QAbstractAxis*>(m_timeAxis), static_cast<QAbstractAxis*>(m_valueAxis)}) {
        axis->setLabelsColor(muted);
        axis->setGridLineColor(grid);
        axis->setLinePenColor(axisLine);
    }
    QPen cursorPen(muted, 1, Qt::DashLine);
    cursorPen.setCosmetic(true);
    m_cursor->setPen(cursorPen);
    QPalette hover = colors;
    hover.setColor(QPalette::Window, colors.color(QPalette::ToolTipBase));
    hover.setColor(QPalette::WindowText, colors.color(QPalette::ToolTipText));
    m_hover->setPalette(hover);
    QPalette empty = colors;
    empty.setColor(QPalette::WindowText, muted);
    m_empty->setPalette(empty);
    for (std::size_t i = 0; i < m_pools.size(); ++i) {
        for (QLineSeries* line : m_pools[i].lines) {
            QPen pen = line->pen();
            pen.setColor(lineColor(m_series.at(qsizetype(i)).metric, dark));
            line->setPen(pen);
        }
    }
}

} // namespace sd
