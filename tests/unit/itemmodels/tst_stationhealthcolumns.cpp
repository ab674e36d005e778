// SPDX-License-Identifier: GPL-3.0-or-later
// StationTableModel's health columns (state, CPU, memory with sparklines) over the demo fleet in a
// real SQLite database. The health comes from TableHealthSource (tests/common), which stands in for
// HealthTracker so that each cell's text can be pinned.
#include "TableHealthSource.h"
#include "TestFleet.h"
#include "core/Clock.h"
#include "fleet/Fleet.h"
#include "fleet/StationFilterModel.h"
#include "fleet/StationTableModel.h"
#include "metrics/StationHealthSource.h"
#include "storage/Database.h"

#include <QAbstractItemModelTester>
#include <QHash>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace sd;

namespace {

const QDateTime kNow = QDateTime::fromString(QStringLiteral("2026-11-30T20:00:00Z"), Qt::ISODate);

using TableSource = test::TableHealthSource;

} // namespace

class TestStationHealthColumns : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<Fleet> m_fleet;
    ManualClock m_clock{kNow};

    int rowOf(const QAbstractItemModel& model, const QString& station)
    {
        for (int row = 0; row < model.rowCount(); ++row) {
            if (model.index(row, StationTableModel::NameColumn).data().toString() == station)
                return row;
        }
        return -1;
    }

private Q_SLOTS:
    void init()
    {
        m_db = test::temporaryDatabase(m_dir);
        test::importDemo(*m_db, m_clock);
        m_fleet = std::make_unique<Fleet>(*m_db);
        QVERIFY(m_fleet->reload().ok());
    }
    void cleanup()
    {
        m_fleet.reset();
        m_db.reset();
    }

    void withoutSourceTheColumnsAreEmpty()
    {
        StationTableModel model(*m_fleet, m_clock);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.headerData(StationTableModel::StateColumn, Qt::Horizontal).toString(), QStringLiteral("State"));
        QCOMPARE(model.index(0, StationTableModel::CpuColumn).data().toString(), QString());
        QCOMPARE(model.index(0, StationTableModel::NameColumn).data(StationTableModel::HealthStateRole).toInt(),
                 int(HealthState::Unknown));
    }

    void cellsShowTheSourcesHealth()
    {
        TableSource source;
        source.states.insert(QStringLiteral("ktm-01"), TableSource::make(HealthState::Up, 42.4, 63.0, 5.0 * (1 << 30)));
        source.states.insert(
            QStringLiteral("ktm-02"),
            TableSource::make(HealthState::Down, NAN, NAN, NAN,
                              QStringLiteral("ktm-02: http://127.0.0.1:19102/metrics refused the connection.")));
        source.states.insert(QStringLiteral("sj-01"), TableSource::make(HealthState::LinkDown, NAN, NAN, NAN));
        StationHealth app; // an application endpoint only: memory is the process's
        app.state = HealthState::Up;
        app.latest[std::size_t(HealthMetric::CpuPercent)] = 3.25;
        app.latest[std::size_t(HealthMetric::ResidentBytes)] = 120.0 * (1 << 20);
        app.latest[std::size_t(HealthMetric::VirtualBytes)] = 1.5 * (1 << 30);
        source.states.insert(QStringLiteral("rvk-01"), app);
        source.cpuTails.insert(QStringLiteral("ktm-01"), {10, NAN, 30, 40, 50});

        StationTableModel model(*m_fleet, m_clock);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setHealthSource(&source);
        const auto cell = [&](const QString& station, int column, int role = Qt::DisplayRole) {
            return model.index(rowOf(model, station), column).data(role);
        };
        QCOMPARE(cell(QStringLiteral("ktm-01"), StationTableModel::StateColumn).toString(), QStringLiteral("up"));
        QCOMPARE(cell(QStringLiteral("ktm-01"), StationTableModel::CpuColumn).toString(), QStringLiteral("42 %"));
        QCOMPARE(cell(QStringLiteral("ktm-01"), StationTableModel::MemoryColumn).toString(), QStringLiteral("63 %"));
        QCOMPARE(cell(QStringLiteral("ktm-01"), StationTableModel::MemoryColumn, Qt::ToolTipRole).toString(),
                 QStringLiteral("Memory used: 5.00 GiB (63 %)"));
        QCOMPARE(cell(QStringLiteral("ktm-01"), StationTableModel::CpuColumn, StationTableModel::SparklineMaxRole)
                     .toDouble(),
                 100.0);
        const auto tail = cell(QStringLiteral("ktm-01"), StationTableModel::CpuColumn, StationTableModel::SparklineRole)
                              .value<QList<double>>();
        QCOMPARE(tail.size(), 5);
        QVERIFY(std::isnan(tail.at(1)));
        QCOMPARE(tail.at(4), 50.0);
        QCOMPARE(cell(QStringLiteral("ktm-02"), StationTableModel::StateColumn).toString(), QStringLiteral("down"));
        QVERIFY(cell(QStringLiteral("ktm-02"), StationTableModel::StateColumn, Qt::ToolTipRole)
                    .toString()
                    .startsWith(QStringLiteral("ktm-02: http://127.0.0.1:19102/metrics refused")));
        QCOMPARE(cell(QStringLiteral("ktm-02"), StationTableModel::CpuColumn).toString(), QString());
        QCOMPARE(cell(QStringLiteral("sj-01"), StationTableModel::StateColumn).toString(), QStringLiteral("link down"));
        QCOMPARE(cell(QStringLiteral("rvk-01"), StationTableModel::CpuColumn).toString(), QStringLiteral("3.3 %"));
        QCOMPARE(cell(QStringLiteral("rvk-01"), StationTableModel::MemoryColumn).toString(), QStringLiteral("120 MiB"));
        QVERIFY(!cell(QStringLiteral("rvk-01"), StationTableModel::CpuColumn, StationTableModel::SparklineMaxRole)
                     .isValid());
        QCOMPARE(cell(QStringLiteral("rvk-01"), StationTableModel::MemoryColumn, Qt::ToolTipRole).toString(),
                 QStringLiteral("Process memory: resident 120 MiB, virtual 1.50 GiB"));
        QCOMPARE(cell(QStringLiteral("lhi-01"), StationTableModel::StateColumn).toString(), QStringLiteral("unknown"));
    }

    void oneRepaintPerChange()
    {
        TableSource source;
        StationTableModel model(*m_fleet, m_clock);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setHealthSource(&source);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        source.states.insert(QStringLiteral("ktm-01"), TableSource::make(HealthState::Up, 1, 2, 3));
        source.changed();
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.at(0).at(0).toModelIndex().column(), int(StationTableModel::StateColumn));
        QCOMPARE(changed.at(0).at(1).toModelIndex().column(), int(StationTableModel::MemoryColumn));
        QCOMPARE(changed.at(0).at(1).toModelIndex().row(), model.rowCount() - 1);
        model.setHealthSource(nullptr);
        changed.clear();
        source.changed(); // disconnected
        QCOMPARE(changed.size(), 0);
    }

    void sortingByStateBringsTroubleFirst()
    {
        TableSource source;
        for (const Station& station : m_fleet->stations())
            source.states.insert(station.name, TableSource::make(HealthState::Up, 5, 5, 5));
        source.states.insert(QStringLiteral("sj-02"), TableSource::make(HealthState::Down, NAN, NAN, NAN));
        source.states.insert(QStringLiteral("rvk-03"), TableSource::make(HealthState::Stale, 1, 1, 1));
        source.states.insert(QStringLiteral("ktm-03"), TableSource::make(HealthState::Up, 97, 5, 5));
        StationTableModel model(*m_fleet, m_clock);
        model.setHealthSource(&source);
        StationFilterModel filter;
        filter.setSourceModel(&model);
        QAbstractItemModelTester tester(&filter, QAbstractItemModelTester::FailureReportingMode::QtTest);
        filter.sort(StationTableModel::StateColumn);
        QCOMPARE(filter.index(0, StationTableModel::NameColumn).data().toString(), QStringLiteral("sj-02"));
        QCOMPARE(filter.index(1, StationTableModel::NameColumn).data().toString(), QStringLiteral("rvk-03"));
        filter.sort(StationTableModel::CpuColumn, Qt::DescendingOrder);
        QCOMPARE(filter.index(0, StationTableModel::NameColumn).data().toString(), QStringLiteral("ktm-03"));
        QCOMPARE(filter.index(filter.rowCount() - 1, StationTableModel::NameColumn).data().toString(),
                 QStringLiteral("sj-02")); // no figure sorts below every figure
    }
};

QTEST_GUILESS_MAIN(TestStationHealthColumns)
#include "tst_stationhealthcolumns.moc"
