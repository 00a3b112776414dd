#pragma once

#include "Breakpoints.h"
#include "Frame.h"
#include "model/Diagram.h"
#include "sim/SimTime.h"
#include "sim/SqsErrors.h"

#include <QJsonObject>
#include <QObject>
#include <QThread>
#include <QVariant>

#include <functional>

namespace flowlab {

class RunnerWorker;

/// Runs a Simulation on a worker thread: commands in, frames out.
///
/// Every call is queued to the worker and returns at once; the worker applies it between
/// two events. The worker publishes an immutable Frame through frameReady() at most 60
/// times a second of wall time while running, and once after each command that changes what
/// is shown while paused (load, reset, step, pause, start, an edit, speed, stop time). The
/// engine never waits for the receiver: a slow GUI should draw the newest frame and drop
/// the others. Nothing mutable is shared with the worker.
///
/// Speed and stop time belong to the runner and survive load() and reset().
class SimulationRunner : public QObject
{
    Q_OBJECT

public:
    explicit SimulationRunner(QObject *parent = nullptr);
    /// Interrupts the run, stops the worker thread and waits for it.
    ~SimulationRunner() override;

    /// Builds a fresh simulation from a copy of `diagram`, paused at t = 0. A non-zero
    /// `seedOverride` replaces the diagram's seed.
    void load(const Diagram &diagram, quint64 seedOverride = 0);
    /// Runs, paced by the speed, until pause() or the stop time.
    void start();
    void pause();
    /// Pauses if running, runs exactly one event and publishes a frame.
    void step();
    /// Rebuilds from the diagram last given to load() (edits since are dropped), paused at 0.
    void reset();
    /// Virtual seconds per wall second, clamped to 0.1 .. 1000; 0 runs as fast as possible.
    void setSpeed(double factor);
    /// Pauses and marks the frame finished when virtual time reaches `t` (kNever: no stop).
    void setRunUntil(SimTime t);
    /// Pauses the run at the virtual time one of these conditions becomes true; the frame
    /// then carries the reason (Frame::breakReason, breakpointIds). Kept across load() and
    /// reset(), like the speed.
    void setBreakpoints(const QVector<Breakpoint> &list);

    // Live edits, applied between two events; a refused one emits editRefused().
    void setNodeSetting(int nodeId, const QString &key, const QVariant &value);
    void renameNode(int nodeId, const QString &name);
    void addNode(const Node &node);
    void removeNode(int nodeId);
    void addLink(const Link &link);
    void removeLink(int linkId);
    /// One SQS API call (action and parameters in the JSON protocol's shapes) run on the
    /// worker thread; `reply` is called there (see SqsService::call), at once or later.
    void callSqs(const QString &action,
                 const QJsonObject &params,
                 const QString &host,
                 const QString &accessKey,
                 std::function<void(const SqsError &, const QJsonObject &)> reply);

    // Inspection: what the frames carry besides the figures. Both survive load() and reset().
    /// From now on every frame carries a peek at the messages of queue `nodeId` (0: none).
    /// Peeking changes nothing in the simulation.
    void setPeekQueue(int nodeId);
    /// From now on every frame carries the passport (whole life) of message `messageId`
    /// (0: none).
    ///
    /// The lives of messages (for passports) are recorded while a peek queue or a passport
    /// message is set, and dropped when both are cleared: a passport covers what happened
    /// since inspection began.
    void setPassportMessage(quint64 messageId);

signals:
    void frameReady(flowlab::FramePtr frame);
    /// A live edit the simulation refused, with its reason; nothing changed.
    void editRefused(const QString &reason);

private:
    template<typename Function>
    void post(Function &&function);

    QThread m_thread;
    RunnerWorker *m_worker; ///< lives on m_thread; deleted there when the thread finishes
};

} // namespace flowlab
