// Event log and breakpoint figures (docs/benchmarks.md, "Event log and breakpoints"):
// - the runner's events per second on the M/M/c diagram of PERF-NOTES.md, as fast as
//   possible, without breakpoints and with one of each kind that never fires;
// - the log's cost per frame of 5000 records (the runner's cap) through the model, the filter
//   and a table view, and one text filter over the full log.
//
//   cmake --build build --target bench_narrate
//   QT_QPA_PLATFORM=offscreen ./build/tests/bench/bench_narrate

#include "../core/DiagramBuilder.h"
#include "log/EventLogModel.h"
#include "runner/SimulationRunner.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTableView>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace flowlab;

namespace {

constexpr SimTime kRunFor = 60000 * kSecond; // about 2 million events
constexpr int kRepeats = 3;

// Wall seconds and events of one run to kRunFor with `breakpoints`.
std::pair<double, quint64> runOnce(const QVector<Breakpoint> &breakpoints)
{
    SimulationRunner runner;
    QSignalSpy frames(&runner, &SimulationRunner::frameReady);
    runner.setSpeed(0);
    runner.setRunUntil(kRunFor);
    runner.setBreakpoints(breakpoints);
    runner.load(test::mmcDiagram());
    frames.wait(10000);
    QElapsedTimer wall;
    wall.start();
    runner.start();
    for (;;) {
        frames.wait(1000);
        const FramePtr f = frames.last().at(0).value<FramePtr>();
        if (f->finished || !f->breakReason.isEmpty())
            return {double(wall.nsecsElapsed()) / 1e9, f->eventsProcessed};
    }
}

Breakpoint never(Breakpoint::Condition c, double limit)
{
    Breakpoint b;
    b.id = 1;
    b.queue = 2; // "queue" in mmcDiagram()
    b.condition = c;
    b.limit = limit;
    return b;
}

void runnerFigures()
{
    const std::pair<const char *, QVector<Breakpoint>> cases[] = {
        {"no breakpoint", {}},
        {"visible depth >= 1e9", {never(Breakpoint::Condition::VisibleDepth, 1e9)}},
        {"oldest age >= 1e6 s", {never(Breakpoint::Condition::OldestAge, 1e6)}},
        {"dead-letter move", {never(Breakpoint::Condition::DeadLetter, 0)}},
    };
    std::vector<double> rates[std::size(cases)];
    quint64 events = 0;
    for (int r = 0; r < kRepeats; ++r) {
        for (std::size_t c = 0; c < std::size(cases); ++c) {
            const auto [seconds, n] = runOnce(cases[c].second);
            rates[c].push_back(double(n) / seconds);
            events = n;
        }
    }
    std::printf("runner, M/M/c to %lld s virtual (%llu events), median of %d:\n",
                static_cast<long long>(kRunFor / kSecond),
                static_cast<unsigned long long>(events),
                kRepeats);
    for (std::size_t c = 0; c < std::size(cases); ++c) {
        std::sort(rates[c].begin(), rates[c].end());
        std::printf("  %-22s %6.2f M events/s\n", cases[c].first, rates[c][kRepeats / 2] / 1e6);
    }
}

// A frame of 5000 records: sends, receives and deletes of consecutive messages.
Frame logFrame(quint64 *nextMessage, SimTime *t)
{
    Frame f;
    f.trace.reserve(5000);
    for (int k = 0; k < 5000; ++k) {
        TraceRecord r;
        r.time = (*t += 100);
        r.node = 2;
        const int step = k % 3;
        r.kind = step == 0 ? TraceKind::Sent : step == 1 ? TraceKind::Received : TraceKind::Deleted;
        r.message = *nextMessage + quint64(k / 3);
        r.a = step == 0 ? 1024 : 1;
        r.b = step == 0 ? 1 : 3;
        f.trace.append(r);
    }
    *nextMessage += 5000 / 3 + 1;
    return f;
}

void logFigures(QApplication &app)
{
    EventLogModel model;
    model.setDiagram(test::mmcDiagram());
    EventLogFilter filter(&model);
    QTableView view;
    view.setModel(&filter);
    view.resize(900, 300);
    view.show();
    quint64 message = 1;
    SimTime t = 0;
    constexpr int kFrames = 60;
    QElapsedTimer wall;
    wall.start();
    for (int i = 0; i < kFrames; ++i) {
        model.appendFrame(logFrame(&message, &t));
        app.processEvents(); // the view lays out and paints, as in the window
    }
    std::printf("log: %d frames of 5000 records: %.1f ms per frame (%d lines kept, %llu "
                "dropped)\n",
                kFrames,
                double(wall.nsecsElapsed()) / 1e6 / kFrames,
                model.rowCount(),
                static_cast<unsigned long long>(model.droppedLines()));
    wall.restart();
    filter.setText(QStringLiteral("visible again"));
    std::printf("log: a text filter over %d lines: %.0f ms\n",
                model.rowCount(),
                double(wall.nsecsElapsed()) / 1e6);
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    runnerFigures();
    logFigures(app);
    return 0;
}
