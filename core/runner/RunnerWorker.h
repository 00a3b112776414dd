#pragma once

#include "Breakpoints.h"
#include "Frame.h"
#include "FrameRecorder.h"
#include "MessageHistory.h"
#include "TraceTee.h"
#include "model/Diagram.h"
#include "sim/SimTime.h"
#include "sim/SqsService.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>

#include <memory>

class QTimer;

namespace flowlab {

class SimNode;
class Simulation;

/// The half of SimulationRunner that lives on the worker thread: it owns the Simulation,
/// runs it in bounded chunks from a timer, applies commands between two chunks and
/// publishes frames. Every member function runs on the worker thread (SimulationRunner
/// queues the calls); nothing here is touched from another thread.
class RunnerWorker : public QObject
{
    Q_OBJECT

public:
    explicit RunnerWorker(QObject *parent = nullptr);
    ~RunnerWorker() override;

    void load(const Diagram &diagram, quint64 seedOverride);
    void start();
    void pause();
    void step();
    void reset();
    void setSpeed(double factor);
    void setRunUntil(SimTime t);
    /// Replaces the breakpoints (kept across load() and reset(); each is armed again).
    void setBreakpoints(const QVector<Breakpoint> &list);
    void setNodeSetting(int nodeId, const QString &key, const QVariant &value);
    void renameNode(int nodeId, const QString &name);
    void addNode(const Node &node);
    void removeNode(int nodeId);
    void addLink(const Link &link);
    void removeLink(int linkId);
    /// Runs one SQS API call against the simulation (see SqsService); the reply comes on
    /// this thread, at once or when a long poll ends.
    void callSqs(const QString &action,
                 const QJsonObject &params,
                 const QString &host,
                 const QString &accessKey,
                 SqsService::Reply reply);
    /// Frames carry a peek at this queue from now on (0: none).
    void setPeekQueue(int nodeId);
    /// Frames carry the passport of this message from now on (0: none).
    void setPassportMessage(quint64 messageId);

signals:
    void frameReady(flowlab::FramePtr frame);
    void editRefused(const QString &reason);

private:
    void build();
    void tick();
    bool runChunk(SimTime target, quint64 maxEvents);
    bool runChunkChecked(SimTime target, quint64 maxEvents);
    void watchBreakpoints();
    bool atEnd() const;
    void finish();
    void stopRunning();
    void rebase();
    void updateTimer();
    void editDone(bool ok, const QString &why);
    void publish();
    void addInspection(Frame *frame);
    void updateHistoryRecording();
    /// Moves the metric rows sampled since the last frame into `frame` (see FrameMetrics).
    void takeMetricsInto(Frame *frame);

    std::unique_ptr<Simulation> m_sim;
    std::unique_ptr<SqsService> m_sqs; ///< made on the first API call, per simulation
    Diagram m_diagram; ///< as loaded: reset() rebuilds from it, without the edits since
    quint64 m_seedOverride = 0;
    FrameRecorder m_recorder;
    BreakpointMonitor m_breakpoints;   ///< the engine's observer (before m_recorder) when active
    BreakpointMonitor::Hit m_breakHit; ///< fired, not yet published
    MessageHistory m_history;          ///< every message's life, for passports
    TraceTee m_observers;              ///< what the engine reports to: the recorder and the history

    // Inspection (see setPeekQueue, setPassportMessage).
    int m_peekNode = 0;
    std::shared_ptr<const QueuePeek> m_peek;
    QElapsedTimer m_sincePeek;
    quint64 m_passportMessage = 0;
    std::shared_ptr<const MessagePassport> m_passport;
    qint64 m_passportRevision = -1;

    QTimer *m_timer;
    bool m_running = false;
    bool m_finished = false;
    double m_speed = 1.0;
    SimTime m_runUntil = kNever;
    QString m_lastError;
    QVector<DiagramEdit> m_diagramEdits; ///< made by API calls since the last frame

    // Pacing: virtual time target = m_virtualAtStart + wall time since m_wall × speed.
    QElapsedTimer m_wall;
    SimTime m_virtualAtStart = 0;
    QElapsedTimer m_sinceFrame;

    // Metric rows already published: sample times, and rows per node (keyed by the node
    // object, which outlives its removal, so a node added again under the same id is new).
    quint64 m_timesPublished = 0;
    QHash<const SimNode *, quint64> m_rowsPublished;
};

} // namespace flowlab
