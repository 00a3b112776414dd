// The metric rows frames carry (FrameMetrics) and the MetricsHistory they feed: fed every
// frame of a real run, the history holds each node's MetricsTable exactly as a Simulation
// run directly on the same diagram and seed has it, through live edits and restarts.

#include "io/DiagramFile.h"
#include "runner/HeadlessRun.h"
#include "runner/MetricsHistory.h"
#include "runner/SimulationRunner.h"
#include "sim/Simulation.h"

#include <QSignalSpy>
#include <QTest>

#include <numeric>

using namespace flowlab;

namespace {

const QString kExample = QStringLiteral(FLOWLAB_SOURCE_DIR
                                        "/resources/examples/visibility-timeout-too-short.flowlab");

// Applies every frame a runner publishes, in order, as the charts dock does.
class Feeder : public QObject
{
public:
    explicit Feeder(SimulationRunner *runner)
    {
        connect(runner, &SimulationRunner::frameReady, this, [this](const FramePtr &f) {
            history.apply(f);
            last = f;
            ++frames;
        });
    }
    // Waits for the frame that says the run stopped at `until`.
    bool waitFinished(SimTime until, int timeoutMs = 60000)
    {
        return QTest::qWaitFor(
            [this, until] {
                return last && last->finished && !last->running && last->time >= until;
            },
            timeoutMs);
    }
    MetricsHistory history;
    FramePtr last;
    int frames = 0;
};

// Runs the runner to `until` (as fast as possible) and waits for the finished frame.
bool runTo(SimulationRunner &runner, Feeder &feeder, SimTime until)
{
    runner.setRunUntil(until);
    runner.start();
    return feeder.waitFinished(until);
}

// The history matches the simulation's tables: same times, same nodes, every column equal.
void compareWith(const MetricsHistory &history, const Simulation &sim, const QList<int> &nodes)
{
    const std::vector<SimTime> &times = sim.engine().sampleTimes();
    QCOMPARE(history.times(), times);
    for (int id : nodes) {
        const SimNode *node = sim.simNode(id);
        QVERIFY2(node, qPrintable(QString::number(id)));
        const MetricsTable &table = node->metrics();
        QCOMPARE(history.columns(id), table.names());
        for (int c = 0; c < table.columnCount(); ++c)
            QCOMPARE(history.column(id, table.names()[c]), table.column(c));
    }
}

Node queueNode(int id, const QString &name)
{
    Node n;
    n.id = id;
    n.kind = NodeKind::SqsQueue;
    n.name = name;
    return n;
}

NodeMetricRows rows(int nodeId, quint64 firstRow, QVector<double> values)
{
    NodeMetricRows r;
    r.nodeId = nodeId;
    r.firstRow = firstRow;
    r.columns = {QStringLiteral("A"), QStringLiteral("B")};
    r.values = std::move(values);
    return r;
}

FrameMetrics metrics(quint64 firstRow, QVector<SimTime> times, QVector<NodeMetricRows> nodes)
{
    FrameMetrics m;
    m.firstRow = firstRow;
    m.times = std::move(times);
    m.nodes = std::move(nodes);
    return m;
}

} // namespace

class TestMetricsHistory : public QObject
{
    Q_OBJECT

private slots:
    void framesCarryTheEnginesMetrics();
    void liveEditsAndReset();
    void rowsAppendInOrder();
    void restartAndGapsClear();
    void nodeAddedAgainStartsAfresh();
};

void TestMetricsHistory::framesCarryTheEnginesMetrics()
{
    Diagram d;
    QVERIFY(DiagramFile::load(kExample, &d, nullptr));
    SimulationRunner runner;
    Feeder feeder(&runner);
    runner.setSpeed(0);
    runner.load(d, 3);
    QVERIFY(runTo(runner, feeder, 300 * kSecond));
    QVERIFY(feeder.frames > 2);

    const auto sim = HeadlessRun::simulate(d, 300 * kSecond, 3);
    QCOMPARE(feeder.history.rowCount(), std::size_t(300));
    compareWith(feeder.history, *sim, {1, 2, 3, 4});
    QCOMPARE(feeder.history.nodeIds(), QList<int>({1, 2, 3, 4}));
    // Not trivially equal: the queue was busy, and the consumers saw the duplicates.
    const std::vector<double> &dups = feeder.history.column(3,
                                                            QStringLiteral("DuplicatesProcessed"));
    QVERIFY(std::accumulate(dups.begin(), dups.end(), 0.0) > 0);
}

void TestMetricsHistory::liveEditsAndReset()
{
    Diagram d;
    QVERIFY(DiagramFile::load(kExample, &d, nullptr));
    SimulationRunner runner;
    Feeder feeder(&runner);
    runner.setSpeed(0);
    runner.load(d);

    // The same edits at the same virtual times, on the runner and on a Simulation.
    Simulation direct(d);
    direct.start();
    QVERIFY(runTo(runner, feeder, 20 * kSecond));
    direct.runUntil(20 * kSecond);
    const Node extra = queueNode(10, QStringLiteral("audit"));
    runner.addNode(extra);
    QVERIFY(direct.addNode(extra));
    runner.setNodeSetting(1, QStringLiteral("rate"), 5.0);
    QVERIFY(direct.setNodeSetting(1, QStringLiteral("rate"), 5.0));
    QVERIFY(runTo(runner, feeder, 40 * kSecond));
    direct.runUntil(40 * kSecond);
    // The new node's rows before it was added are the engine's padding: all there.
    compareWith(feeder.history, direct, {1, 2, 3, 4, 10});

    // Removed: its rows stay. Added again under the same id: a fresh history.
    runner.removeNode(10);
    QVERIFY(direct.removeNode(10));
    QVERIFY(runTo(runner, feeder, 50 * kSecond));
    direct.runUntil(50 * kSecond);
    QCOMPARE(feeder.history.column(10, QStringLiteral("NumberOfMessagesSent")).size(),
             std::size_t(40));
    runner.addNode(extra);
    QVERIFY(direct.addNode(extra));
    QVERIFY(runTo(runner, feeder, 60 * kSecond));
    direct.runUntil(60 * kSecond);
    compareWith(feeder.history, direct, {1, 2, 3, 4, 10});

    // Reset rebuilds from the loaded diagram: the history starts again from its first row.
    feeder.last.reset();
    runner.reset();
    QVERIFY(QTest::qWaitFor([&] { return bool(feeder.last); }));
    QCOMPARE(feeder.history.rowCount(), std::size_t(0));
    QVERIFY(!feeder.history.hasNode(10));
    QVERIFY(runTo(runner, feeder, 30 * kSecond));
    const auto fresh = HeadlessRun::simulate(d, 30 * kSecond);
    compareWith(feeder.history, *fresh, {1, 2, 3, 4});
}

void TestMetricsHistory::rowsAppendInOrder()
{
    MetricsHistory h;
    const quint64 r0 = h.revision();
    h.apply(metrics(0, {}, {rows(1, 0, {})}));
    QVERIFY(h.hasNode(1));
    QCOMPARE(h.rowCount(), std::size_t(0));
    const quint64 r1 = h.revision();
    QVERIFY(r1 != r0);
    // Nothing new: the revision stays, so nothing is redrawn.
    h.apply(metrics(0, {}, {rows(1, 0, {})}));
    QCOMPARE(h.revision(), r1);

    h.apply(metrics(0, {kSecond, 2 * kSecond}, {rows(1, 0, {1, 10, 2, 20})}));
    h.apply(metrics(2, {3 * kSecond}, {rows(1, 2, {3, 30})}));
    QCOMPARE(h.times(), std::vector<SimTime>({kSecond, 2 * kSecond, 3 * kSecond}));
    QCOMPARE(h.column(1, QStringLiteral("A")), std::vector<double>({1, 2, 3}));
    QCOMPARE(h.column(1, QStringLiteral("B")), std::vector<double>({10, 20, 30}));
    QVERIFY(h.column(1, QStringLiteral("C")).empty());
    QVERIFY(h.column(2, QStringLiteral("A")).empty());
    QVERIFY(h.revision() != r1);
}

void TestMetricsHistory::restartAndGapsClear()
{
    MetricsHistory h;
    h.apply(
        metrics(0, {kSecond, 2 * kSecond}, {rows(1, 0, {1, 10, 2, 20}), rows(2, 0, {5, 6, 7, 8})}));
    QCOMPARE(h.rowCount(), std::size_t(2));
    // Rows from 0 again: another simulation. Node 2 is not in it.
    h.apply(metrics(0, {kSecond}, {rows(1, 0, {9, 90})}));
    QCOMPARE(h.times(), std::vector<SimTime>({kSecond}));
    QCOMPARE(h.column(1, QStringLiteral("A")), std::vector<double>({9}));
    QVERIFY(!h.hasNode(2));
    QCOMPARE(h.nodeIds(), QList<int>({1}));
    // A gap (a frame missed) cannot be stitched: nothing is held until the next start.
    h.apply(metrics(5, {6 * kSecond}, {rows(1, 5, {1, 1})}));
    QCOMPARE(h.rowCount(), std::size_t(0));
    QVERIFY(!h.hasNode(1));
    h.apply(metrics(6, {7 * kSecond}, {rows(1, 6, {1, 1})}));
    QCOMPARE(h.rowCount(), std::size_t(0));
    h.apply(metrics(0, {kSecond}, {rows(1, 0, {3, 30})}));
    QCOMPARE(h.column(1, QStringLiteral("B")), std::vector<double>({30}));
    // A null frame (Reset, a new document) clears.
    h.apply(metrics(0, {kSecond}, {rows(1, 0, {9, 90})}));
    h.apply(FramePtr());
    QCOMPARE(h.rowCount(), std::size_t(0));
    QVERIFY(h.nodeIds().isEmpty());
}

void TestMetricsHistory::nodeAddedAgainStartsAfresh()
{
    MetricsHistory h;
    h.apply(metrics(0, {kSecond, 2 * kSecond}, {rows(1, 0, {1, 10, 2, 20})}));
    // The node is removed (no longer in the frames): its rows stay.
    h.apply(metrics(2, {3 * kSecond}, {}));
    QCOMPARE(h.column(1, QStringLiteral("A")), std::vector<double>({1, 2}));
    // Added again: its whole (padded) history from row 0 replaces the old one.
    h.apply(metrics(3, {4 * kSecond}, {rows(1, 0, {0, 0, 0, 0, 0, 0, 4, 40})}));
    QCOMPARE(h.column(1, QStringLiteral("A")), std::vector<double>({0, 0, 0, 4}));
    QCOMPARE(h.column(1, QStringLiteral("B")), std::vector<double>({0, 0, 0, 40}));
}

QTEST_GUILESS_MAIN(TestMetricsHistory)
#include "tst_metricshistory.moc"
