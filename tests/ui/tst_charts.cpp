// The charts dock: series fed from a real run's frames equal the engine's metrics for the
// same seed; thinning; axes left alone when their range does not change; selection, pins,
// metrics, window and hold; empty states; CSV and PNG export through the window's actions.
//
// Dialogs are answered by TestWindow (TestWindow.h), never shown.

#include "TestWindow.h"

#include "RunController.h"
#include "canvas/DiagramScene.h"
#include "charts/ChartPanel.h"
#include "charts/ChartsWidget.h"
#include "charts/SeriesThinner.h"
#include "runner/HeadlessRun.h"
#include "runner/MetricsHistory.h"
#include "runner/SimulationRunner.h"
#include "sim/Simulation.h"

#include <QComboBox>
#include <QDockWidget>
#include <QImage>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QMenu>
#include <QMenuBar>
#include <QSignalSpy>
#include <QToolButton>
#include <QValueAxis>

#include <cmath>

using namespace flowlab;
using namespace flowlab::test;

namespace {

const QString kVisibility = kExamples + QStringLiteral("visibility-timeout-too-short.flowlab");
const QString kVisible = QStringLiteral("ApproximateNumberOfMessagesVisible");
const QString kSent = QStringLiteral("NumberOfMessagesSent");

// Runs the window's document as fast as possible to `until` and waits for the end.
bool runTo(MainWindow &w, SimTime until)
{
    RunController *run = w.runController();
    run->setSpeed(0);
    run->runner()->setRunUntil(until);
    run->run();
    return QTest::qWaitFor(
        [run, until] {
            const FramePtr f = run->lastFrame();
            return f && f->finished && !f->running && f->time >= until;
        },
        60000);
}

// A producer sending 2 messages a second into a queue nobody reads: exact, easy figures.
Diagram fillingQueue(const QString &queueName)
{
    Diagram d;
    Node p;
    p.id = 1;
    p.kind = NodeKind::Producer;
    p.name = QStringLiteral("producer");
    p.settings.insert(QStringLiteral("pattern"), QStringLiteral("constant"));
    p.settings.insert(QStringLiteral("rate"), 2.0);
    Node q;
    q.id = 2;
    q.kind = NodeKind::SqsQueue;
    q.name = queueName;
    q.position = QPointF(250, 0);
    d.nodes = {p, q};
    d.links = {Link{3, 1, 2, LinkKind::Flow}};
    return d;
}

// Only these metrics of a queue are charted.
void chartOnly(ChartsWidget *charts, NodeKind kind, const QStringList &columns)
{
    for (const ChartMetric &m : chartMetrics(kind))
        charts->setMetricChecked(kind, m.column, columns.contains(m.column));
}

// The distance, in pixels, from (t, v) to the line through `points`, scaled by `scale`
// (pixels per second, pixels per unit).
double pixelsFromLine(const QList<QPointF> &points, QPointF scale, double t, double v)
{
    const QPointF p(t * scale.x(), v * scale.y());
    double nearest = qInf();
    for (qsizetype i = 1; i < points.size(); ++i) {
        const QPointF a(points[i - 1].x() * scale.x(), points[i - 1].y() * scale.y());
        const QPointF b(points[i].x() * scale.x(), points[i].y() * scale.y());
        const QPointF d = b - a;
        const double length2 = QPointF::dotProduct(d, d);
        const double u = length2 > 0 ? std::clamp(QPointF::dotProduct(p - a, d) / length2, 0.0, 1.0)
                                     : 0.0;
        const QPointF e = p - (a + u * d);
        nearest = std::min(nearest, std::sqrt(QPointF::dotProduct(e, e)));
    }
    return nearest;
}

// Rows [first, first + count) of node 7's column "Jitter", at times first + 1 ... seconds:
// a zigzag, so that every row is a peak or a trough and no point of the line can be left out.
FrameMetrics jitterRows(quint64 first, int count, double base = 0)
{
    FrameMetrics m;
    m.firstRow = first;
    NodeMetricRows rows{7, first, {QStringLiteral("Jitter")}, {}};
    for (int i = 0; i < count; ++i) {
        const quint64 row = first + quint64(i);
        m.times.append(SimTime(row + 1) * kSecond);
        rows.values.append(base + (row % 2 ? 20 : 0) + double((row * 37) % 7));
    }
    m.nodes = {rows};
    return m;
}

// Every row of the node's column lies within the tolerance of line 0 as drawn (body and
// tail), and every point drawn is a row.
void checkLineFollowsRows(const ChartPanel &panel, const MetricsHistory &history)
{
    const std::vector<double> &column = history.column(7, QStringLiteral("Jitter"));
    const QList<QPointF> points = panel.linePoints(0);
    QCOMPARE(points.first(), QPointF(1, column.front()));
    QCOMPARE(points.last(), QPointF(double(column.size()), column.back()));
    for (const QPointF &p : points)
        QCOMPARE(p.y(), column[std::size_t(p.x()) - 1]);
    for (std::size_t r = 0; r < column.size(); ++r)
        QVERIFY(pixelsFromLine(points, panel.pixelScale(), double(r + 1), column[r])
                <= ChartPanel::kLineTolerance + 1e-9);
}

int lineIndex(const ChartPanel *panel, int nodeId, const QString &column)
{
    for (int i = 0; i < panel->series().size(); ++i) {
        if (panel->series()[i].nodeId == nodeId && panel->series()[i].column == column)
            return i;
    }
    return -1;
}

} // namespace

class TestCharts : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();

    void thinningKeepsExtremes_data();
    void thinningKeepsExtremes();
    void levelRunsKeepTheirEnds();
    void simplifiedLineStaysWithinTolerance();
    void seriesMatchTheEngine();
    void axesSetOnlyWhenRangeChanges();
    void tailsCarryNewRows();
    void axisStepsWaitOnTheirOwn();
    void followsSelectionAndPins();
    void emptyStates();
    void windowAndHold();
    void hoverText();
    void csvExportIsExact();
    void exportThroughWindow();
    void dockInWindow();

private:
    QTemporaryDir m_config;
};

void TestCharts::initTestCase()
{
    QVERIFY(m_config.isValid());
    initEnvironment(m_config, "tst_charts");
}

void TestCharts::init()
{
    QSettings().clear();
}

void TestCharts::thinningKeepsExtremes_data()
{
    QTest::addColumn<int>("rows");
    QTest::addColumn<int>("columns");
    QTest::newRow("10 minutes in 300 px") << 600 << 300;
    QTest::newRow("10 minutes in 100 px") << 600 << 100;
    QTest::newRow("an hour in 300 px") << 3600 << 300;
    QTest::newRow("fewer rows than pixels") << 60 << 300;
}

void TestCharts::thinningKeepsExtremes()
{
    QFETCH(int, rows);
    QFETCH(int, columns);
    // A saw-tooth with a one-row spike: every column's low and high must survive.
    std::vector<SimTime> times;
    std::vector<double> values;
    for (int i = 1; i <= rows; ++i) {
        times.push_back(i * kSecond);
        values.push_back(i == rows / 3 ? 1000.0 : double((i * 7) % 13));
    }
    const double from = 0;
    const double to = rows;
    const QList<QPointF> points = thinSeries(times, values, from, to, columns);

    QVector<int> perColumn(columns + 1);
    QVector<double> lo(columns + 1, 1e300), hi(columns + 1, -1e300);
    for (int i = 0; i < rows; ++i) {
        const int c = int(std::floor((toSeconds(times[i]) - from) * columns / (to - from)));
        lo[c] = std::min(lo[c], values[i]);
        hi[c] = std::max(hi[c], values[i]);
    }
    QVector<double> gotLo(columns + 1, 1e300), gotHi(columns + 1, -1e300);
    double previous = -1;
    for (const QPointF &p : points) {
        QVERIFY(p.x() > previous); // in time order, no point twice
        previous = p.x();
        const int c = int(std::floor((p.x() - from) * columns / (to - from)));
        ++perColumn[c];
        gotLo[c] = std::min(gotLo[c], p.y());
        gotHi[c] = std::max(gotHi[c], p.y());
    }
    for (int c = 0; c <= columns; ++c) {
        QVERIFY2(perColumn[c] <= 2 || rows <= 2 * columns, qPrintable(QString::number(c)));
        QCOMPARE(gotLo[c], lo[c]);
        QCOMPARE(gotHi[c], hi[c]);
    }
    if (rows <= 2 * columns)
        QCOMPARE(points.size(), rows); // nothing to thin
    else
        QVERIFY(points.size() <= 2 * (columns + 1));
    QVERIFY(std::any_of(points.cbegin(), points.cend(), [](const QPointF &p) {
        return p.y() == 1000.0;
    }));
}

void TestCharts::levelRunsKeepTheirEnds()
{
    const std::vector<SimTime> times{kSecond,
                                     2 * kSecond,
                                     3 * kSecond,
                                     4 * kSecond,
                                     5 * kSecond,
                                     6 * kSecond,
                                     7 * kSecond,
                                     8 * kSecond};
    const std::vector<double> values{0, 0, 0, 0, 5, 5, 5, 0};
    const QList<QPointF> expected{{1, 0}, {4, 0}, {5, 5}, {7, 5}, {8, 0}};
    QCOMPARE(thinSeries(times, values, 0, 60, 300), expected);
    // Rows past the end of a removed node's column are left out.
    QCOMPARE(thinSeries(times, {1, 2}, 0, 60, 300), QList<QPointF>({{1, 1}, {2, 2}}));
    QVERIFY(thinSeries(times, {}, 0, 60, 300).isEmpty());
}

void TestCharts::simplifiedLineStaysWithinTolerance()
{
    // A straight ramp: only its ends are needed.
    QList<QPointF> ramp;
    for (int i = 0; i <= 100; ++i)
        ramp.append(QPointF(i, 2 * i));
    simplifyLine(&ramp, 1, 1, 0.25);
    QCOMPARE(ramp, QList<QPointF>({{0, 0}, {100, 200}}));

    // At 1 px per unit: a bump of 0.2 px goes, one of 0.3 px and a one-row spike stay (the
    // rows beside the 0.3 bump are within 0.25 px of the lines to it, and go).
    QList<QPointF> line{{0, 0}, {1, 0.2}, {2, 0}, {3, 0}, {4, 0.3}, {5, 0}, {6, 0}, {7, 9}, {8, 0}};
    simplifyLine(&line, 1, 1, 0.25);
    QCOMPARE(line, QList<QPointF>({{0, 0}, {4, 0.3}, {6, 0}, {7, 9}, {8, 0}}));
    // The same rows drawn 10 times smaller: the 0.3 bump is 0.03 px, the spike 0.9 px.
    line = {{0, 0}, {1, 0.2}, {2, 0}, {3, 0}, {4, 0.3}, {5, 0}, {6, 0}, {7, 9}, {8, 0}};
    simplifyLine(&line, 0.1, 0.1, 0.25);
    QCOMPARE(line, QList<QPointF>({{0, 0}, {6, 0}, {7, 9}, {8, 0}}));

    // A wave thinned for a 300 px chart, 100 px high: far fewer points, none off by more
    // than the tolerance.
    std::vector<SimTime> times;
    std::vector<double> values;
    for (int i = 1; i <= 600; ++i) {
        times.push_back(i * kSecond);
        values.push_back(std::round(50 + 40 * std::sin(i / 20.0)));
    }
    QList<QPointF> wave = thinSeries(times, values, 0, 600, 300);
    const QPointF scale(300.0 / 600, 100.0 / 100);
    simplifyLine(&wave, scale.x(), scale.y(), 0.25);
    QCOMPARE(wave.size(), 137); // of 600 rows (the rounding to whole units leaves steps)
    QCOMPARE(wave.first(), QPointF(1, values.front()));
    QCOMPARE(wave.last(), QPointF(600, values.back()));
    for (std::size_t r = 0; r < values.size(); ++r)
        QVERIFY(pixelsFromLine(wave, scale, double(r + 1), values[r]) <= 0.25 + 1e-9);
}

void TestCharts::seriesMatchTheEngine()
{
    TestWindow w;
    QVERIFY(w.loadFile(kVisibility));
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    ChartsWidget *charts = w.charts();
    charts->setWindow(ChartsWidget::Window::WholeRun);
    w.scene()->selectIds({kQueue});
    QCOMPARE(charts->chartedNodes(), QList<int>({kQueue}));
    QVERIFY(runTo(w, 200 * kSecond));
    charts->refresh();

    // The same diagram and seed run directly: every charted column equal, row by row.
    const auto sim = HeadlessRun::simulate(w.document()->diagram(), 200 * kSecond);
    const MetricsHistory &history = charts->history();
    QCOMPARE(history.times(), sim->engine().sampleTimes());
    for (int id : {kProducer, kQueue, kConsumers, kDlq}) {
        const MetricsTable &table = sim->simNode(id)->metrics();
        QCOMPARE(history.columns(id), table.names());
        for (int c = 0; c < table.columnCount(); ++c)
            QCOMPARE(history.column(id, table.names()[c]), table.column(c));
    }
    // The lines drawn: 200 rows fit in the chart's width, so nothing is thinned; every
    // point drawn is a row, and the line passes within a quarter pixel of every row (points
    // that change the line by less than that are left out).
    int lines = 0;
    for (ChartPanel *panel : charts->visiblePanels()) {
        const QRectF plot = panel->chart()->plotArea();
        QVERIFY(plot.width() >= 100);
        // The scale the lines were simplified with is the plot area's (to a pixel: the plot
        // area may have been laid out again since, for new axis labels).
        const QPointF scale = panel->pixelScale();
        const double span = panel->timeAxis()->max() - panel->timeAxis()->min();
        QVERIFY(std::abs(scale.x() * span - plot.width()) <= 2);
        QVERIFY(std::abs(scale.y() * panel->valueAxis()->max() - plot.height()) <= 2);
        for (int i = 0; i < panel->series().size(); ++i) {
            const ChartPanel::Series &s = panel->series()[i];
            const std::vector<double> &column = sim->simNode(s.nodeId)->metrics().column(s.column);
            const QList<QPointF> points = panel->linePoints(i);
            QVERIFY(points.size() >= 2);
            QCOMPARE(points.first(), QPointF(1, column.front()));
            QCOMPARE(points.last(), QPointF(double(column.size()), column.back()));
            for (const QPointF &p : points)
                QCOMPARE(p.y(), column[std::size_t(p.x()) - 1]);
            for (std::size_t r = 0; r < column.size(); ++r) {
                const double off = pixelsFromLine(points, scale, double(r + 1), column[r]);
                QVERIFY2(off <= ChartPanel::kLineTolerance + 1e-9,
                         qPrintable(QStringLiteral("%1 row %2: %3 px").arg(s.name).arg(r).arg(off)));
            }
            ++lines;
        }
    }
    QCOMPARE(lines, defaultChartColumns(NodeKind::SqsQueue).size());
    // The queue is busy in this example: the figures are not all zero.
    const std::vector<double> &inFlight
        = history.column(kQueue, QStringLiteral("ApproximateNumberOfMessagesNotVisible"));
    QVERIFY(*std::max_element(inFlight.begin(), inFlight.end()) > 0);
    // The queue's end-to-end latency is charted too.
    ChartPanel *seconds = charts->panel(ChartUnit::Seconds);
    QVERIFY(lineIndex(seconds, kQueue, QStringLiteral("LatencyP99")) >= 0);
}

void TestCharts::axesSetOnlyWhenRangeChanges()
{
    TestWindow w;
    w.document()->reset(fillingQueue(QStringLiteral("queue")), QString());
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    ChartsWidget *charts = w.charts();
    charts->setWindow(ChartsWidget::Window::LastMinute);
    w.scene()->selectIds({2});
    QVERIFY(runTo(w, 90 * kSecond));
    charts->refresh();
    ChartPanel *messages = charts->panel(ChartUnit::Messages);
    QCOMPARE(messages->timeAxis()->min(), 30.0);
    QCOMPARE(messages->timeAxis()->max(), 90.0);
    QCOMPARE(messages->valueAxis()->max(), 200.0); // 180 visible: the next 1-2-5 step up

    QSignalSpy timeSpy(messages->timeAxis(), &QValueAxis::rangeChanged);
    QSignalSpy valueSpy(messages->valueAxis(), &QValueAxis::rangeChanged);
    const int changes = messages->axisRangeChanges();
    // Redrawn with the same range (another metric checked, then unchecked): axes untouched.
    charts->setMetricChecked(NodeKind::SqsQueue,
                             QStringLiteral("ApproximateNumberOfMessagesDelayed"),
                             true);
    charts->refresh();
    charts->setMetricChecked(NodeKind::SqsQueue,
                             QStringLiteral("ApproximateNumberOfMessagesDelayed"),
                             false);
    charts->refresh();
    charts->refresh();
    QCOMPARE(timeSpy.count(), 0);
    QCOMPARE(valueSpy.count(), 0);
    QCOMPARE(messages->axisRangeChanges(), changes);

    // Ten more seconds: the time axis scrolls (the dock's own timer may have drawn a step
    // on the way), the value axis (still at most 200) stays.
    QVERIFY(runTo(w, 100 * kSecond));
    charts->refresh();
    QVERIFY(timeSpy.count() >= 1);
    QCOMPARE(valueSpy.count(), 0);
    QCOMPARE(messages->timeAxis()->min(), 40.0);
    QCOMPARE(messages->timeAxis()->max(), 100.0);
}

void TestCharts::tailsCarryNewRows()
{
    MetricsHistory history;
    ChartPanel panel(ChartUnit::Messages, &history);
    panel.resize(500, 300);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    panel.setSeries({{7, QStringLiteral("Jitter"), QStringLiteral("jitter")}});
    QLineSeries *body = panel.lineSeries(0);
    QLineSeries *tail = panel.tailSeries(0);
    QVERIFY(body && tail && body != tail);
    // One legend entry per line: the tail has none of its own.
    QLegend *legend = panel.chart()->legend();
    QCOMPARE(legend->markers().size(), 2);
    QCOMPARE(legend->markers(body).size(), 1);

    history.apply(jitterRows(0, 100));
    panel.refresh(0, 300);
    QCOMPARE(panel.fullRefreshes(), 1);
    QCOMPARE(tail->count(), 0);
    QCOMPARE(body->count(), 100); // every row is a peak or a trough
    checkLineFollowsRows(panel, history);
    // Once the legend is laid out, the body's entry shows and the tail's does not.
    QTRY_VERIFY(legend->markers(body).first()->isVisible());
    QVERIFY(!legend->markers(tail).first()->isVisible());
    // The first layout may have moved the plot area: drawn again at its settled size.
    panel.refresh(0, 300);
    const int full = panel.fullRefreshes();
    QVERIFY(full <= 2);
    QCOMPARE(tail->count(), 0);

    // New rows, the same axes: only the tail is replaced; it starts where the body ends.
    QSignalSpy bodyReplaced(body, &QXYSeries::pointsReplaced);
    QSignalSpy timeAxis(panel.timeAxis(), &QValueAxis::rangeChanged);
    history.apply(jitterRows(100, 10));
    panel.refresh(0, 300);
    QCOMPARE(panel.tailRefreshes(), 1);
    QCOMPARE(bodyReplaced.count(), 0);
    QCOMPARE(timeAxis.count(), 0);
    QCOMPARE(tail->count(), 11);
    QCOMPARE(tail->at(0), body->at(body->count() - 1));
    QCOMPARE(panel.linePoints(0).size(), 110);
    checkLineFollowsRows(panel, history);
    // Nothing new: nothing replaced.
    QSignalSpy tailReplaced(tail, &QXYSeries::pointsReplaced);
    panel.refresh(0, 300);
    QCOMPARE(tailReplaced.count(), 0);

    // The tail grows up to kTailPoints (the body's last point, then the rows) ...
    history.apply(jitterRows(110, ChartPanel::kTailPoints - 11));
    panel.refresh(0, 300);
    QCOMPARE(panel.fullRefreshes(), full);
    QCOMPARE(tail->count(), ChartPanel::kTailPoints);
    QCOMPARE(bodyReplaced.count(), 0);
    checkLineFollowsRows(panel, history);
    // ... and one more row puts the whole line in the body again.
    history.apply(jitterRows(history.rowCount(), 1));
    panel.refresh(0, 300);
    QCOMPARE(panel.fullRefreshes(), full + 1);
    QCOMPARE(tail->count(), 0);
    QCOMPARE(body->count(), int(history.rowCount()));
    checkLineFollowsRows(panel, history);

    // A value above the value axis' top: the axis and the whole line are redrawn.
    const double top = panel.valueAxis()->max();
    history.apply(jitterRows(history.rowCount(), 1, 100));
    panel.refresh(0, 300);
    QCOMPARE(panel.fullRefreshes(), full + 2);
    QVERIFY(panel.valueAxis()->max() > top);
    QCOMPARE(tail->count(), 0);
    checkLineFollowsRows(panel, history);

    // A new run's history (rows from 0 again): drawn whole, nothing kept of the old tails.
    history.apply(jitterRows(0, 5));
    panel.refresh(0, 300);
    QCOMPARE(panel.fullRefreshes(), full + 3);
    QCOMPARE(body->count(), 5);
    QCOMPARE(tail->count(), 0);
}

// The queue's visible depth for rows [first, first + count): the row number.
FramePtr depthRows(quint64 first, int count)
{
    auto f = std::make_shared<Frame>();
    f->running = true;
    f->metrics.firstRow = first;
    NodeMetricRows rows{2, first, {kVisible}, {}};
    for (int i = 0; i < count; ++i) {
        f->metrics.times.append(SimTime(first + quint64(i) + 1) * kSecond);
        rows.values.append(double(first) + i);
    }
    f->metrics.nodes = {rows};
    f->time = f->metrics.times.back();
    return f;
}

void TestCharts::axisStepsWaitOnTheirOwn()
{
    TestWindow w;
    w.document()->reset(fillingQueue(QStringLiteral("queue")), QString());
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    w.findChild<QDockWidget *>(QStringLiteral("chartsDock"))->raise();
    ChartsWidget *charts = w.charts();
    QTRY_VERIFY(charts->isVisible());
    charts->setWindow(ChartsWidget::Window::LastMinute);
    chartOnly(charts, NodeKind::SqsQueue, {kVisible});
    w.scene()->selectIds({2});
    ChartPanel *messages = charts->panel(ChartUnit::Messages);
    QValueAxis *time = messages->timeAxis();
    const int line = lineIndex(messages, 2, kVisible);
    QVERIFY(line >= 0);

    // The dock's own redraws step the time axis (2 s steps here) at once the first time ...
    charts->setAxisStepInterval(60 * 1000);
    charts->applyFrame(depthRows(0, 100));
    QTRY_COMPARE(time->max(), 100.0);
    charts->applyFrame(depthRows(100, 10));
    QTRY_COMPARE(time->max(), 110.0);
    QCOMPARE(messages->linePoints(line).last(), QPointF(110, 109));
    // ... then not again within the interval: new rows are drawn into the axis as it is;
    // those past its right edge wait for the step.
    charts->applyFrame(depthRows(110, 1));
    charts->applyFrame(depthRows(111, 1));
    const int tails = messages->tailRefreshes();
    QTRY_VERIFY(messages->tailRefreshes() > tails);
    QCOMPARE(time->max(), 110.0);
    QCOMPARE(messages->linePoints(line).last(), QPointF(111, 110));
    // A redraw asked for directly (tests, exports) puts the axis where it belongs.
    charts->refresh();
    QCOMPARE(time->min(), 52.0);
    QCOMPARE(time->max(), 112.0);
    QCOMPARE(messages->linePoints(line).last(), QPointF(112, 111));

    // A step that waits is taken once the interval has passed, with no frame to prompt it.
    charts->setAxisStepInterval(300);
    charts->applyFrame(depthRows(112, 4));
    QTRY_COMPARE(time->max(), 116.0);
    charts->applyFrame(depthRows(116, 4)); // a step that may have to wait
    QTRY_COMPARE(time->max(), 120.0);
    QCOMPARE(messages->linePoints(line).last(), QPointF(120, 119));
}

void TestCharts::followsSelectionAndPins()
{
    TestWindow w;
    QVERIFY(w.loadFile(kVisibility));
    ChartsWidget *charts = w.charts();
    QVERIFY(charts->chartedNodes().isEmpty());
    w.scene()->selectIds({kQueue});
    QCOMPARE(charts->chartedNodes(), QList<int>({kQueue}));
    // One node: the legend names the metric only.
    QCOMPARE(charts->panel(ChartUnit::Messages)->series().first().name, QStringLiteral("Visible"));

    // Pinned, it stays when the selection moves on; the legend then names the nodes.
    auto *pin = charts->findChild<QToolButton *>(QStringLiteral("chartsNode%1").arg(kQueue));
    QVERIFY(pin);
    QVERIFY(!pin->isChecked());
    pin->click();
    QTRY_COMPARE(charts->pinnedNodes(), QList<int>({kQueue}));
    w.scene()->selectIds({kConsumers});
    QCOMPARE(charts->chartedNodes(), QList<int>({kQueue, kConsumers}));
    QCOMPARE(charts->panel(ChartUnit::Messages)->series().first().name,
             QStringLiteral("orders: Visible"));
    QVERIFY(lineIndex(charts->panel(ChartUnit::Workers), kConsumers, QStringLiteral("BusyWorkers"))
            >= 0);
    QVERIFY(lineIndex(charts->panel(ChartUnit::Seconds), kConsumers, QStringLiteral("LatencyP50"))
            >= 0);
    w.scene()->selectIds({});
    QCOMPARE(charts->chartedNodes(), QList<int>({kQueue}));

    // Pin pins every node charted, and unpins them all when pressed again.
    auto *pinAll = charts->findChild<QToolButton *>(QStringLiteral("chartsPin"));
    QVERIFY(pinAll->isChecked());
    w.scene()->selectIds({kConsumers});
    QVERIFY(!pinAll->isChecked());
    pinAll->click();
    QTRY_COMPARE(charts->pinnedNodes(), QList<int>({kQueue, kConsumers}));
    QVERIFY(pinAll->isChecked());
    w.scene()->selectIds({kProducer});
    QCOMPARE(charts->chartedNodes(), QList<int>({kQueue, kConsumers, kProducer}));
    QVERIFY(!pinAll->isChecked());
    pinAll->click();
    QTRY_COMPARE(charts->pinnedNodes(), QList<int>({kQueue, kConsumers, kProducer}));
    pinAll->click();
    QTRY_VERIFY(charts->pinnedNodes().isEmpty());
    QCOMPARE(charts->chartedNodes(), QList<int>({kProducer}));
    charts->setPinned(kQueue, true);

    // A rename shows in the legend; a deleted node is no longer charted.
    w.document()->renameNode(kQueue, QStringLiteral("orders-2"));
    w.scene()->selectIds({kConsumers});
    QCOMPARE(charts->panel(ChartUnit::Messages)->series().first().name,
             QStringLiteral("orders-2: Visible"));
    w.document()->removeItems({kQueue}, {});
    QCOMPARE(charts->chartedNodes(), QList<int>({kConsumers}));
    QVERIFY(charts->pinnedNodes().isEmpty());
    // The metrics menu lists the charted kinds' metrics, checked as chosen.
    charts->findChild<QMenu *>(QStringLiteral("chartsMetricsMenu"))->aboutToShow();
    const QList<QAction *> actions
        = charts->findChild<QMenu *>(QStringLiteral("chartsMetricsMenu"))->actions();
    QAction *busy = nullptr;
    for (QAction *a : actions) {
        if (a->data().toString() == QStringLiteral("BusyWorkers"))
            busy = a;
    }
    QVERIFY(busy);
    QVERIFY(busy->isChecked());
    busy->setChecked(false);
    QVERIFY(lineIndex(charts->panel(ChartUnit::Workers), kConsumers, QStringLiteral("BusyWorkers"))
            < 0);
    QVERIFY(
        !charts->checkedMetrics(NodeKind::ConsumerGroup).contains(QStringLiteral("BusyWorkers")));
}

void TestCharts::emptyStates()
{
    TestWindow w;
    QVERIFY(w.loadFile(kVisibility));
    ChartsWidget *charts = w.charts();
    QCOMPARE(charts->emptyText(),
             QStringLiteral("Select a queue or consumer group on the canvas to chart it."));
    QVERIFY(!charts->exportCsvAction()->isEnabled());
    w.scene()->selectIds({kQueue});
    QVERIFY(charts->emptyText().startsWith(QStringLiteral("Run the simulation to see figures")));
    chartOnly(charts, NodeKind::SqsQueue, {});
    QCOMPARE(charts->emptyText(), QStringLiteral("Choose what to chart in the Metrics menu."));
    chartOnly(charts, NodeKind::SqsQueue, {kVisible});
    QVERIFY(runTo(w, 5 * kSecond));
    QCOMPARE(charts->emptyText(), QString());
    QVERIFY(charts->exportCsvAction()->isEnabled());
    QCOMPARE(charts->history().rowCount(), std::size_t(5));
    // Reset forgets the run's figures.
    trigger(w, "actionReset");
    QCOMPARE(charts->history().rowCount(), std::size_t(0));
    QVERIFY(charts->emptyText().startsWith(QStringLiteral("Run the simulation to see figures")));
}

void TestCharts::windowAndHold()
{
    TestWindow w;
    w.document()->reset(fillingQueue(QStringLiteral("queue")), QString());
    ChartsWidget *charts = w.charts();
    w.scene()->selectIds({2});
    QVERIFY(runTo(w, 30 * kSecond));
    // Shorter than the window: the line grows from the left edge.
    charts->setWindow(ChartsWidget::Window::LastMinute);
    QCOMPARE(charts->timeRange(), qMakePair(0.0, 60.0));
    QVERIFY(runTo(w, 699 * kSecond));
    // The right edge moves in steps of a thirtieth of the window (2 s here).
    QCOMPARE(charts->timeRange(), qMakePair(640.0, 700.0));
    QVERIFY(runTo(w, 700 * kSecond));
    QCOMPARE(charts->timeRange(), qMakePair(640.0, 700.0));
    charts->setWindow(ChartsWidget::Window::LastTenMinutes);
    QCOMPARE(charts->timeRange(), qMakePair(100.0, 700.0));
    charts->setWindow(ChartsWidget::Window::WholeRun);
    QCOMPARE(charts->timeRange(), qMakePair(0.0, 700.0));
    // The combo box shows the choice; the choice is remembered.
    auto *combo = charts->findChild<QComboBox *>(QStringLiteral("chartsWindow"));
    QCOMPARE(combo->currentText(), QStringLiteral("Whole run"));
    QCOMPARE(QSettings().value(QStringLiteral("Charts/window")).toInt(),
             int(ChartsWidget::Window::WholeRun));

    // Held: the simulation runs on, the charts stay where they were.
    charts->setWindow(ChartsWidget::Window::LastMinute);
    auto *hold = charts->findChild<QToolButton *>(QStringLiteral("chartsHold"));
    hold->click();
    QVERIFY(charts->isScrollingPaused());
    QVERIFY(runTo(w, 720 * kSecond));
    QCOMPARE(charts->history().rowCount(), std::size_t(720));
    QCOMPARE(charts->timeRange(), qMakePair(640.0, 700.0));
    hold->click();
    QVERIFY(!charts->isScrollingPaused());
    QCOMPARE(charts->timeRange(), qMakePair(660.0, 720.0));
    QVERIFY(runTo(w, 721 * kSecond));
    QCOMPARE(charts->timeRange(), qMakePair(662.0, 722.0));
    charts->setWindow(ChartsWidget::Window::WholeRun);
    QCOMPARE(charts->timeRange(), qMakePair(0.0, 750.0)); // steps of 50 s
}

void TestCharts::hoverText()
{
    TestWindow w;
    w.document()->reset(fillingQueue(QStringLiteral("queue")), QString());
    ChartsWidget *charts = w.charts();
    w.scene()->selectIds({2});
    QVERIFY(runTo(w, 20 * kSecond));
    ChartPanel *messages = charts->panel(ChartUnit::Messages);
    const int visible = lineIndex(messages, 2, kVisible);
    QVERIFY(visible >= 0);
    // The nearest row to the pointer: 10 s (20 visible messages).
    QCOMPARE(messages->valueText(visible, 10.3), QStringLiteral("Visible\nt = 10 s: 20 messages"));
    QCOMPARE(messages->valueText(visible, 0.2), QStringLiteral("Visible\nt = 1 s: 2 messages"));
    QCOMPARE(messages->valueText(visible, 99), QStringLiteral("Visible\nt = 20 s: 40 messages"));
    ChartPanel *rates = charts->panel(ChartUnit::PerSecond);
    QCOMPARE(rates->valueText(lineIndex(rates, 2, kSent), 4.6),
             QStringLiteral("Sent\nt = 5 s: 2 per second"));
}

void TestCharts::csvExportIsExact()
{
    TestWindow w;
    // A name that needs quoting, as the headless report quotes it.
    w.document()->reset(fillingQueue(QStringLiteral("orders, \"EU\"")), QString());
    ChartsWidget *charts = w.charts();
    chartOnly(charts,
              NodeKind::SqsQueue,
              {kVisible, kSent, QStringLiteral("ApproximateAgeOfOldestMessage")});
    w.scene()->selectIds({2});
    charts->setWindow(ChartsWidget::Window::WholeRun);
    QVERIFY(runTo(w, 4 * kSecond));
    const QByteArray expected = "time_s,\"orders, \"\"EU\"\"/ApproximateNumberOfMessagesVisible\","
                                "\"orders, \"\"EU\"\"/NumberOfMessagesSent\","
                                "\"orders, \"\"EU\"\"/ApproximateAgeOfOldestMessage\"\n"
                                "1,2,2,0.5\n"
                                "2,4,2,1.5\n"
                                "3,6,2,2.5\n"
                                "4,8,2,3.5\n";
    QCOMPARE(charts->csv(), expected);

    // The window limits the rows: the last minute of a 70 s run is 10 s .. 70 s.
    QVERIFY(runTo(w, 70 * kSecond));
    charts->setWindow(ChartsWidget::Window::LastMinute);
    const QList<QByteArray> lines = charts->csv().split('\n');
    QCOMPARE(lines.size(), 1 + 61 + 1);
    QCOMPARE(lines[1], QByteArray("10,20,2,9.5"));
    QCOMPARE(lines[61], QByteArray("70,140,2,69.5"));

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("chart.csv"));
    QString error;
    QVERIFY(charts->exportCsv(path, &error));
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), charts->csv());
}

void TestCharts::exportThroughWindow()
{
    TestWindow w;
    w.document()->reset(fillingQueue(QStringLiteral("queue")), QString());
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    ChartsWidget *charts = w.charts();
    w.scene()->selectIds({2});
    QVERIFY(runTo(w, 10 * kSecond));
    charts->refresh();
    QTemporaryDir dir;

    // CSV: the extension is added when missing.
    w.nextSave = dir.filePath(QStringLiteral("figures"));
    trigger(w, "actionExportChartCsv");
    QVERIFY(w.warnings.isEmpty());
    QFile csv(dir.filePath(QStringLiteral("figures.csv")));
    QVERIFY(csv.open(QIODevice::ReadOnly));
    QCOMPARE(csv.readAll(), charts->csv());

    // PNG: the charts as shown.
    w.nextSave = dir.filePath(QStringLiteral("chart.png"));
    trigger(w, "actionExportChartPng");
    QVERIFY(w.warnings.isEmpty());
    QImage image(w.nextSave);
    QVERIFY(!image.isNull());
    QVERIFY(image.width() >= 300);
    QVERIFY(image.height() >= 100);

    // A place that cannot be written: a warning, and the file there before is left whole.
    const QString folder = dir.filePath(QStringLiteral("folder.csv"));
    QVERIFY(QDir().mkpath(folder));
    w.nextSave = folder;
    trigger(w, "actionExportChartCsv");
    QCOMPARE(w.warnings.size(), 1);
    QVERIFY(w.warnings.first().contains(QStringLiteral("folder.csv")));
    QVERIFY(QFileInfo(folder).isDir());

    // Cancelled: nothing written, nothing said.
    w.nextSave.clear();
    trigger(w, "actionExportChartPng");
    QCOMPARE(w.warnings.size(), 1);
}

void TestCharts::dockInWindow()
{
    QByteArray state;
    {
        TestWindow w;
        auto *dock = w.findChild<QDockWidget *>(QStringLiteral("chartsDock"));
        QVERIFY(dock);
        QCOMPARE(dock->widget(), static_cast<QWidget *>(w.charts()));
        QCOMPARE(w.dockWidgetArea(dock), Qt::BottomDockWidgetArea);
        // The View menu toggles it.
        QAction *toggle = dock->toggleViewAction();
        bool inView = false;
        for (QAction *menu : w.menuBar()->actions()) {
            if (menu->menu() && menu->menu()->actions().contains(toggle))
                inView = menu->text() == QStringLiteral("&View");
        }
        QVERIFY(inView);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        toggle->trigger();
        QVERIFY(dock->isHidden());
        w.answer = QMessageBox::Discard;
        QVERIFY(w.close()); // writes the settings
    }
    // Restored hidden, as it was left.
    TestWindow again;
    again.show();
    QVERIFY(QTest::qWaitForWindowExposed(&again));
    QVERIFY(again.findChild<QDockWidget *>(QStringLiteral("chartsDock"))->isHidden());
}

QTEST_MAIN(TestCharts)
#include "tst_charts.moc"
