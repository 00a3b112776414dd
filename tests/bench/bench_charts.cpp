// Charts benchmark: the charts dock (ChartsWidget, 1200×300, as at the bottom of the window)
// charting 6 series of two nodes (a queue's visible and in-flight depth, sent and received
// per second; a consumer group's busy workers and processing rate) over a 10-minute window
// while synthetic frames arrive at 60 Hz, as the runner publishes them. By default each
// frame carries one new one-second row (a run at 60× virtual speed: new rows at every
// redraw, the worst case); --speed 1 gives one row a second, a run at 1×. The window is full
// from the start (600 rows before the timing starts). The dock redraws from its own timer,
// at most 10 times a second, when there are new rows.
//
// Prints the UI thread's CPU time (clock_gettime(CLOCK_THREAD_CPUTIME_ID): applying frames,
// thinning, replace(), layout and painting) over the wall time, as a share of one core,
// and the number of redraws. The target is <= 5 % of a core. --shown no applies the same
// frames with the dock hidden: what the frames cost without any drawing.
//
// Run it under a real window system, e.g.
//     xvfb-run -a -s "-screen 0 1600x1000x24" ./build/tests/bench/bench_charts
// Options: --seconds S (wall time measured, default 30), --window minute|ten|whole,
// --speed ROWS_PER_SECOND (0.1 .. 60, default 60), --shown yes|no, --noise N (a jitter of up
// to ±N messages per row on the queue's figures, ±N/4 on the consumers'; default 0: smooth
// waves, which a line simplified to a quarter pixel draws with few points).

#include "UiResources.h"
#include "charts/ChartPanel.h"
#include "charts/ChartsWidget.h"
#include "document/DiagramDocument.h"
#include "sim/Simulation.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QLineSeries>
#include <QTimer>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ctime>

using namespace flowlab;

namespace {

constexpr int kQueue = 2;
constexpr int kConsumers = 3;
constexpr int kFrameMs = 1000 / 60;

Diagram benchDiagram()
{
    Diagram d;
    Node p;
    p.id = 1;
    p.kind = NodeKind::Producer;
    p.name = QStringLiteral("producer");
    Node q;
    q.id = kQueue;
    q.kind = NodeKind::SqsQueue;
    q.name = QStringLiteral("orders");
    q.position = QPointF(250, 0);
    Node c;
    c.id = kConsumers;
    c.kind = NodeKind::ConsumerGroup;
    c.name = QStringLiteral("workers");
    c.position = QPointF(500, 0);
    d.nodes = {p, q, c};
    d.links = {Link{4, 1, kQueue, LinkKind::Flow}, Link{5, kQueue, kConsumers, LinkKind::Flow}};
    return d;
}

double threadCpuSeconds()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
}

// Rows [first, first + count) for the queue and the consumer group: smooth waves with a
// spike now and then, so the thinning and the value axis have something to do.
// With `noise` > 0 each value gets a pseudo-random step in [-noise, noise] (a hash of row
// and column: the same for every run), as a busy queue's figures jitter from second to second.
FrameMetrics syntheticRows(quint64 first,
                           int count,
                           const QStringList &queueColumns,
                           const QStringList &consumerColumns,
                           double noise)
{
    auto jitter = [noise](double row, int column) {
        const quint64 h = (quint64(row) * 2654435761u + quint64(column) * 40503u) % 1000003u;
        return noise * (double(h % 2001) / 1000.0 - 1.0);
    };
    FrameMetrics m;
    m.firstRow = first;
    NodeMetricRows queue{kQueue, first, queueColumns, {}};
    NodeMetricRows consumers{kConsumers, first, consumerColumns, {}};
    for (int i = 0; i < count; ++i) {
        const double row = double(first) + i;
        m.times.append(SimTime(row + 1) * kSecond);
        for (int c = 0; c < queueColumns.size(); ++c) {
            const double wave = 50 + 40 * std::sin(row / (20.0 + c))
                                + (int(row) % 97 == 0 ? 200 : 0) + jitter(row, c);
            queue.values.append(std::max(0.0, std::round(wave)));
        }
        for (int c = 0; c < consumerColumns.size(); ++c) {
            const double wave = 8 + 6 * std::sin(row / (15.0 + c)) + jitter(row, 100 + c) / 4;
            consumers.values.append(std::max(0.0, std::round(wave)));
        }
    }
    m.nodes = {queue, consumers};
    return m;
}

FramePtr frameOf(FrameMetrics metrics)
{
    auto f = std::make_shared<Frame>();
    f->time = metrics.times.isEmpty() ? 0 : metrics.times.back();
    f->running = true;
    f->metrics = std::move(metrics);
    return f;
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    initUiResources();
    double seconds = 30;
    bool shown = true;
    double speed = 60; // virtual seconds (rows) per wall second
    double noise = 0;
    ChartsWidget::Window window = ChartsWidget::Window::LastTenMinutes;
    const QStringList args = app.arguments();
    for (int i = 1; i + 1 < args.size(); ++i) {
        if (args[i] == QLatin1String("--seconds"))
            seconds = args[i + 1].toDouble();
        else if (args[i] == QLatin1String("--speed"))
            speed = std::clamp(args[i + 1].toDouble(), 0.1, 1000.0);
        else if (args[i] == QLatin1String("--noise"))
            noise = std::max(0.0, args[i + 1].toDouble());
        else if (args[i] == QLatin1String("--shown"))
            shown = args[i + 1] != QLatin1String("no");
        else if (args[i] == QLatin1String("--window"))
            window = args[i + 1] == QLatin1String("minute")  ? ChartsWidget::Window::LastMinute
                     : args[i + 1] == QLatin1String("whole") ? ChartsWidget::Window::WholeRun
                                                             : ChartsWidget::Window::LastTenMinutes;
    }

    const Diagram diagram = benchDiagram();
    DiagramDocument document;
    document.reset(diagram, QString());
    // The real column names, from the engine's nodes.
    Simulation sim(diagram);
    const QStringList queueColumns = sim.simNode(kQueue)->metrics().names();
    const QStringList consumerColumns = sim.simNode(kConsumers)->metrics().names();

    ChartsWidget charts(&document);
    charts.resize(1200, 300);
    charts.setWindow(window);
    for (const ChartMetric &m : chartMetrics(NodeKind::SqsQueue)) {
        charts.setMetricChecked(NodeKind::SqsQueue,
                                m.column,
                                m.column == QLatin1String("ApproximateNumberOfMessagesVisible")
                                    || m.column
                                           == QLatin1String("ApproximateNumberOfMessagesNotVisible")
                                    || m.column == QLatin1String("NumberOfMessagesSent")
                                    || m.column == QLatin1String("NumberOfMessagesReceived"));
    }
    for (const ChartMetric &m : chartMetrics(NodeKind::ConsumerGroup)) {
        charts.setMetricChecked(NodeKind::ConsumerGroup,
                                m.column,
                                m.column == QLatin1String("BusyWorkers")
                                    || m.column == QLatin1String("MessagesProcessed"));
    }
    charts.setPinned(kQueue, true);
    charts.setPinned(kConsumers, true);
    if (shown)
        charts.show();

    // The frames, made before the timing starts; the first fills the window.
    const int frames = int(seconds * 1000 / kFrameMs) + 60;
    QVector<FramePtr> queued;
    queued.append(frameOf(syntheticRows(0, 600, queueColumns, consumerColumns, noise)));
    // Frame i carries the rows of the virtual seconds that end during it: one row per frame
    // at 60×, one row every 60 frames at 1×.
    quint64 rows = 600;
    for (int i = 0; i < frames; ++i) {
        const quint64 due = 600 + quint64(double(i + 1) * speed / 60.0);
        queued.append(
            frameOf(syntheticRows(rows, int(due - rows), queueColumns, consumerColumns, noise)));
        rows = due;
    }
    charts.applyFrame(queued.first());
    int next = 1;

    int series = 0;
    int redraws = 0;
    const QList<ChartPanel *> panels = charts.visiblePanels();
    for (ChartPanel *panel : panels)
        series += int(panel->series().size());
    // Redraws: the first chart's refreshes (whole lines, or only their tails).
    ChartPanel *first = panels.first();
    auto refreshes = [first] { return first->fullRefreshes() + first->tailRefreshes(); };
    // Paint events of the charts' viewports: each redraw should cost one per chart.
    struct PaintCounter : QObject
    {
        int paints = 0;
        bool eventFilter(QObject *, QEvent *event) override
        {
            if (event->type() == QEvent::Paint)
                ++paints;
            return false;
        }
    } paintCounter;
    for (ChartPanel *panel : panels)
        panel->viewport()->installEventFilter(&paintCounter);
    // Settle: the first layout and paint are not part of the steady state.
    QEventLoop settle;
    QTimer::singleShot(1000, &settle, &QEventLoop::quit);
    settle.exec();
    const int refreshes0 = refreshes();
    const int full0 = first->fullRefreshes();
    paintCounter.paints = 0;

    QTimer feed;
    feed.setTimerType(Qt::PreciseTimer);
    QObject::connect(&feed, &QTimer::timeout, [&] {
        if (next < queued.size())
            charts.applyFrame(queued[next++]);
    });
    const double cpu0 = threadCpuSeconds();
    QElapsedTimer wall;
    wall.start();
    feed.start(kFrameMs);
    QTimer::singleShot(int(seconds * 1000), &app, &QApplication::quit);
    app.exec();
    const double wallSeconds = double(wall.nsecsElapsed()) / 1e9;
    const double cpu = threadCpuSeconds() - cpu0;
    redraws = refreshes() - refreshes0;
    const int fullRedraws = first->fullRefreshes() - full0;

    const char *windowName = window == ChartsWidget::Window::LastMinute ? "1-minute"
                             : window == ChartsWidget::Window::WholeRun ? "whole-run"
                                                                        : "10-minute";
    std::printf("charts: %d series in %d charts, %s window, 1200x300%s, frames at 60 Hz, %g "
                "one-second rows per wall second, noise %g\n",
                series,
                int(charts.visiblePanels().size()),
                windowName,
                shown ? "" : " (hidden: frames applied, nothing drawn)",
                speed,
                noise);
    std::printf("frames applied %d, rows held %zu, redraws %d (%.1f/s)\n",
                next - 1,
                charts.history().rowCount(),
                redraws,
                redraws / wallSeconds);
    std::printf("redraws of whole lines %d, of the tails only %d\n",
                fullRedraws,
                redraws - fullRedraws);
    std::printf("chart repaints %d (%.2f per chart and redraw)\n",
                paintCounter.paints,
                redraws ? double(paintCounter.paints) / redraws / double(panels.size()) : 0.0);
    // The points the lines were last fed with (600 rows in the window before thinning).
    int points = 0;
    for (ChartPanel *panel : panels) {
        for (int i = 0; i < panel->series().size(); ++i)
            points += int(panel->linePoints(i).size());
    }
    std::printf("points per line at the end: %.0f on average (%d in all)\n",
                series ? double(points) / series : 0.0,
                points);
    std::printf("UI thread: %.3f s CPU in %.2f s wall = %.2f %% of one core (target <= 5 %%)\n",
                cpu,
                wallSeconds,
                100.0 * cpu / wallSeconds);
    return 0;
}
