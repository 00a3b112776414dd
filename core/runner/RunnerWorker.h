#pragma once

#include "Frame.h"
#include "FrameRecorder.h"
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

signals:
    void frameReady(flowlab::FramePtr frame);
    void editRefused(const QString &reason);

private:
    void build();
    void tick();
    bool runChunk(SimTime target, quint64 maxEvents);
    bool atEnd() const;
    void finish();
    void stopRunning();
    void rebase();
    void updateTimer();
    void editDone(bool ok, const QString &why);
    void publish();
    /// Moves the metric rows sampled since the last frame into `frame` (see FrameMetrics).
    void takeMetricsInto(Frame *frame);

    std::unique_ptr<Simulation> m_sim;
    std::unique_ptr<SqsService> m_sqs; ///< made on the first API call, per simulation
    Diagram m_diagram; ///< as loaded: reset() rebuilds from it, without the edits since
    quint64 m_seedOverride = 0;
    FrameRecorder m_recorder;

    QTimer *m_timer;
    bool m_running = false;
    bool m_finished = false;
    double m_speed = 1.0;
    SimTime m_runUntil = kNever;
    QString m_lastError;

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
