// SPDX-License-Identifier: GPL-3.0-or-later
// The fleet table's health delegates: the sparkline (role contract, scales, NaN breaks, selection
// colours) and the state badge, painted into images and checked pixel by pixel.
#include "DarkPalette.h"
#include "health/HealthBadge.h"
#include "health/HealthBadgeDelegate.h"
#include "health/SparklineDelegate.h"

#include <QHeaderView>
#include <QPainter>
#include <QStandardItemModel>
#include <QTableView>
#include <QTest>

#include <limits>

using namespace sd;

namespace {

constexpr int kValuesRole = Qt::UserRole + 7;
constexpr int kStateRole = Qt::UserRole + 8;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Paints one cell of `size` into an image over a white background.
QImage paintCell(QStyledItemDelegate& delegate, const QModelIndex& index, QSize size, bool selected = false,
                 const QPalette& palette = QPalette())
{
    QImage image(size, QImage::Format_ARGB32);
    image.fill(palette.color(QPalette::Base));
    QPainter painter(&image);
    QStyleOptionViewItem option;
    option.rect = QRect(QPoint(0, 0), size);
    option.palette = palette;
    option.state = QStyle::State_Enabled | QStyle::State_Active;
    if (selected)
        option.state |= QStyle::State_Selected;
    option.fontMetrics = QFontMetrics(option.font);
    delegate.paint(&painter, option, index);
    painter.end();
    return image;
}

// Columns (x) where some pixel has roughly `color`.
QList<int> columnsWith(const QImage& image, const QColor& color, int fromX = 0, int toX = -1)
{
    QList<int> columns;
    const int end = toX < 0 ? image.width() : toX;
    for (int x = fromX; x < end; ++x) {
        for (int y = 0; y < image.height(); ++y) {
            const QColor pixel = image.pixelColor(x, y);
            if (std::abs(pixel.red() - color.red()) < 40 && std::abs(pixel.green() - color.green()) < 40
                && std::abs(pixel.blue() - color.blue()) < 40) {
                columns.append(x);
                break;
            }
        }
    }
    return columns;
}

// Columns (x) where some pixel is not the background.
QList<int> columnsWithInk(const QImage& image, const QColor& background)
{
    QList<int> columns;
    for (int x = 0; x < image.width(); ++x) {
        for (int y = 0; y < image.height(); ++y) {
            if (image.pixelColor(x, y) != background) {
                columns.append(x);
                break;
            }
        }
    }
    return columns;
}

} // namespace

class TestHealthDelegates : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsEveryValueContainer()
    {
        QCOMPARE(SparklineDelegate::valuesOf(QVariant::fromValue(QList<double>{1, 2})), (std::vector<double>{1, 2}));
        QCOMPARE(SparklineDelegate::valuesOf(QVariant::fromValue(std::vector<double>{3, 4})),
                 (std::vector<double>{3, 4}));
        QCOMPARE(SparklineDelegate::valuesOf(QVariantList{5, 6.5}), (std::vector<double>{5, 6.5}));
        QVERIFY(SparklineDelegate::valuesOf(QVariant()).empty());
        QVERIFY(SparklineDelegate::valuesOf(QStringLiteral("12")).empty());
    }

    void drawsTheLineBesideTheText()
    {
        QStandardItemModel model(1, 1);
        model.setData(model.index(0, 0), QStringLiteral("42 %"));
        model.setData(model.index(0, 0), QVariant::fromValue(std::vector<double>{10, 20, 80, 40, 42}), kValuesRole);
        SparklineDelegate delegate(kValuesRole, SparklineDelegate::Scale::Percent);
        const QPalette palette;
        const QImage image = paintCell(delegate, model.index(0, 0), QSize(160, 24), false, palette);
        const QList<int> line = columnsWith(image, palette.color(QPalette::Highlight));
        QVERIFY(!line.isEmpty());
        QVERIFY(line.front() <= 6);
        // The line stops before the text, which is right-aligned.
        const int textWidth = QFontMetrics(QFont()).horizontalAdvance(QStringLiteral("42 %"));
        QVERIFY(line.back() < 160 - textWidth - 4);
        QVERIFY(!columnsWith(image, palette.color(QPalette::Text), 160 - textWidth - 4).isEmpty());
        QVERIFY(delegate.sizeHint(QStyleOptionViewItem(), model.index(0, 0)).width() >= 60);
    }

    void nanBreaksTheLine()
    {
        QStandardItemModel model(1, 1);
        // Two runs far apart: nothing is drawn over the middle third.
        model.setData(model.index(0, 0), QVariant::fromValue(QList<double>{50, 50, kNaN, kNaN, kNaN, 50, 50}),
                      kValuesRole);
        SparklineDelegate delegate(kValuesRole);
        const QPalette palette;
        const QImage image = paintCell(delegate, model.index(0, 0), QSize(128, 24), false, palette);
        const QList<int> line = columnsWithInk(image, palette.color(QPalette::Base));
        QVERIFY(line.size() > 30);
        const int thirdEnd = 4 + (120 * 2) / 6;
        for (int x = 4 + 120 / 3 + 4; x < thirdEnd; ++x)
            QVERIFY2(!line.contains(x), qPrintable(QString::number(x)));
        // All NaN: no line, nothing but the background.
        model.setData(model.index(0, 0), QVariant::fromValue(QList<double>{kNaN, kNaN}), kValuesRole);
        QVERIFY(columnsWith(paintCell(delegate, model.index(0, 0), QSize(128, 24)), palette.color(QPalette::Link))
                    .isEmpty());
    }

    void minMaxScaleUsesTheWholeHeight()
    {
        QStandardItemModel model(1, 1);
        model.setData(model.index(0, 0), QVariant::fromValue(QList<double>{1000, 1001}), kValuesRole);
        const QPalette palette;
        SparklineDelegate minMax(kValuesRole);
        SparklineDelegate percent(kValuesRole, SparklineDelegate::Scale::Percent);
        const auto rowsWithLine = [&](const QImage& image) {
            int top = image.height();
            int bottom = -1;
            for (int y = 0; y < image.height(); ++y) {
                for (int x = 0; x < image.width(); ++x) {
                    if (image.pixelColor(x, y) != palette.color(QPalette::Base)) {
                        top = std::min(top, y);
                        bottom = std::max(bottom, y);
                    }
                }
            }
            return bottom - top;
        };
        // 1000 → 1001 spans the cell with min/max; at 0..100 it is pinned to the top edge.
        QVERIFY(rowsWithLine(paintCell(minMax, model.index(0, 0), QSize(100, 40))) > 25);
        QVERIFY(rowsWithLine(paintCell(percent, model.index(0, 0), QSize(100, 40))) < 6);
    }

    void selectedRowsUseHighlightedText()
    {
        QStandardItemModel model(1, 1);
        model.setData(model.index(0, 0), QVariant::fromValue(QList<double>{0, 100}), kValuesRole);
        SparklineDelegate delegate(kValuesRole);
        const QPalette palette = test::darkPalette();
        const QImage image = paintCell(delegate, model.index(0, 0), QSize(100, 24), true, palette);
        QVERIFY(!columnsWith(image, palette.color(QPalette::HighlightedText)).isEmpty());
    }

    void badgeColoursAndText()
    {
        QStandardItemModel model(5, 1);
        const std::array states{HealthState::Up, HealthState::Down, HealthState::LinkDown, HealthState::Stale,
                                HealthState::Unknown};
        for (int row = 0; row < 5; ++row)
            model.setData(model.index(row, 0), int(states[std::size_t(row)]), kStateRole);
        HealthBadgeDelegate delegate(kStateRole);
        QSet<QRgb> fills;
        for (int row = 0; row < 4; ++row) {
            const QImage image = paintCell(delegate, model.index(row, 0), QSize(120, 24));
            // The pill's left end, inside its rounded end, before the text, is the state's colour.
            const QColor fill = image.pixelColor(4 + 3, 12);
            QCOMPARE(fill, HealthBadge::color(states[std::size_t(row)]));
            fills.insert(fill.rgb());
        }
        QCOMPARE(fills.size(), 4);
        // Unknown is an outline only: its inside stays the background.
        const QImage unknown = paintCell(delegate, model.index(4, 0), QSize(120, 24));
        QCOMPARE(unknown.pixelColor(4 + 4, 12), QPalette().color(QPalette::Base));
        const QFontMetrics metrics{QFont()};
        QVERIFY(HealthBadge::sizeHint(metrics, HealthState::LinkDown).width()
                > HealthBadge::sizeHint(metrics, HealthState::Up).width());
        QStyleOptionViewItem option;
        option.fontMetrics = metrics;
        QCOMPARE(delegate.sizeHint(option, model.index(0, 0)),
                 HealthBadge::sizeHint(metrics, HealthState::Up) + QSize(8, 4));
    }

    void inATable()
    {
        QStandardItemModel model(3, 2);
        const std::array states{HealthState::Up, HealthState::LinkDown, HealthState::Down};
        for (int row = 0; row < 3; ++row) {
            model.setData(model.index(row, 0), int(states[std::size_t(row)]), kStateRole);
            model.setData(model.index(row, 1), QStringLiteral("%1 %").arg(row * 30 + 12));
            QList<double> values;
            for (int i = 0; i < 40; ++i)
                values.append(i == 20 && row == 2 ? kNaN : 30 + 20 * std::sin(i / (3.0 + row)));
            model.setData(model.index(row, 1), QVariant::fromValue(values), kValuesRole);
        }
        QTableView view;
        view.setModel(&model);
        view.setItemDelegateForColumn(0, new HealthBadgeDelegate(kStateRole, &view));
        view.setItemDelegateForColumn(1, new SparklineDelegate(kValuesRole, SparklineDelegate::Scale::Percent, &view));
        view.horizontalHeader()->setStretchLastSection(true);
        view.resize(360, 140);
        view.selectRow(1);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        if (const QString shots = qEnvironmentVariable("STATIONDECK_SCREENSHOT_DIR"); !shots.isEmpty())
            QVERIFY(view.grab().save(shots + QStringLiteral("/health-delegates.png")));
    }
};

QTEST_MAIN(TestHealthDelegates)
#include "tst_healthdelegates.moc"
