// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "health/ValueScale.h"
#include "metrics/HealthSeries.h"

#include <QChartView>
#include <QList>

#include <vector>

class QDateTimeAxis;
class QGraphicsLineItem;
class QLabel;
class QLineSeries;
class QValueAxis;

namespace sd {

// A time chart of health series (one unit per chart: CPU %, or memory bytes). The data is pushed
// in with setSeries(series, from, to) (or setSeries() and setRange() alone); the chart decimates it to the plot's width
// (Decimator: the lowest and highest sample per pixel column) and hands each line its points with QXYSeries::replace(),
// again on every resize. Gaps (NaN) break the line: each metric owns a small pool of QLineSeries, one per gap-free run
// (at most Decimator::kDefaultMaxRuns), reused from one update to the next. Antialiasing is on unless the lines are
// dense bands of steep strokes, where it does not show and doubles the time a frame takes. Hovering shows the time and
// every series' value there; colours follow the widget's palette.
class HealthChart : public QChartView
{
    Q_OBJECT
public:
    explicit HealthChart(const QString& title, QWidget* parent = nullptr);

    void setTitle(const QString& title);
    void setSeries(const QList<HealthSeries>& series);
    // The time range shown, UTC milliseconds since the epoch (the axis shows local time).
    void setRange(qint64 fromMs, qint64 toMs);
    // Both at once, as a live page updates: one decimation and one layout of every line (the two
    // calls above would decimate twice and lay the old lines out once more for the new range).
    void setSeries(const QList<HealthSeries>& series, qint64 fromMs, qint64 toMs);

    // What the chart shows (for tests and the page).
    QString hoverText() const;
    QString hoverTextAt(qint64 timeMs) const;
    QString emptyText() const; // empty while data is shown
    int columns() const { return m_columns; }
    qsizetype shownPointCount() const;
    QList<QLineSeries*> lines() const;
    ValueScale valueScale() const { return m_scale; }

protected:
    void mouseMoveEvent(QMouseEvent* event) override;
    void leaveEvent(QEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    struct Pool
    {
        std::vector<QLineSeries*> lines;
    };

    void rebuildPools();
    QLineSeries* addLine(std::size_t seriesIndex);
    void redecimate();
    void releaseLines();
    double valueAxisTop(double largest) const;
    void updateValueAxis(double largest);
    void updateTimeAxis();
    void applyPalette();
    void showHover(const QPoint& viewPos);
    void hideHover();
    void placeEmptyLabel();

    QChart* m_chart;
    QDateTimeAxis* m_timeAxis;
    QValueAxis* m_valueAxis;
    QGraphicsLineItem* m_cursor;
    QLabel* m_hover;
    QLabel* m_empty;
    // Shares its data with the caller's list: read it only through const access (constFirst(), at(),
    // cbegin()); a non-const call would copy every sample of every series.
    QList<HealthSeries> m_series;
    std::vector<Pool> m_pools; // one per entry of m_series
    ValueScale m_scale;
    qint64 m_fromMs = 0;
    qint64 m_toMs = 0;
    int m_columns = 0;
};

} // namespace sd
