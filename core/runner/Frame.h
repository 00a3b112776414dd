#pragma once

#include "MessagePassport.h"
#include "QueuePeek.h"
#include "model/DiagramEdit.h"
#include "sim/SimNode.h"
#include "sim/SimTime.h"
#include "sim/Trace.h"

#include <QMetaType>
#include <QStringList>
#include <QVector>

#include <memory>

namespace flowlab {

/// Live figures of one node at the time of the frame.
struct NodeFrame
{
    int nodeId = 0;
    QVector<Counter> counters;
};

/// A message to animate along a link. The engine samples these (a budget per link per
/// second of virtual time); the nodes' counters stay exact.
struct TokenSpawn
{
    int from = 0; ///< node id
    int to = 0;   ///< node id
    quint64 message = 0;
    quint32 colorKey = 0; ///< FIFO message group (interned), 0 = none
    SimTime time = 0;
    TraceKind kind = TraceKind::Sent; ///< Sent, Received or MovedToDlq
};

/// The metric rows (see MetricsTable) of one node sampled since the previous frame.
struct NodeMetricRows
{
    int nodeId = 0;
    /// Row index of the first row here in the node's table. 0 means the node's whole history
    /// from the start: a node not published before (a new node, or a removed one added again).
    quint64 firstRow = 0;
    QStringList columns;    ///< the table's column names
    QVector<double> values; ///< rows × columns.size(), one row after the other
};

/// The metrics sampled since the previous frame: exact and never capped, so a receiver that
/// applies every frame in order holds each node's MetricsTable as the engine has it.
struct FrameMetrics
{
    /// Index of times[0] in Engine::sampleTimes(). 0 starts a simulation's history afresh
    /// (a new or reset simulation): forget the rows of any earlier one.
    quint64 firstRow = 0;
    QVector<SimTime> times;        ///< end times of the new rows
    QVector<NodeMetricRows> nodes; ///< every live node, with its new rows (maybe none)
};

/// An immutable snapshot published by the runner at most 60 times a second of wall time.
struct Frame
{
    SimTime time = 0;
    quint64 eventsProcessed = 0;
    bool running = false;
    bool finished = false; ///< no events left (or the run's end was reached)
    double speed = 1.0;    ///< 0 = as fast as possible
    QVector<NodeFrame> nodes;
    QVector<TokenSpawn> tokens; ///< spawned since the previous frame
    QVector<TraceRecord> trace; ///< trace records since the previous frame (capped)
    quint64 traceDropped = 0;   ///< records left out of `trace` by the cap
    quint64 tokensDropped = 0;  ///< sampled tokens left out of `tokens` by the cap
    QString lastError;          ///< the last edit the engine refused, if any
    /// What the endpoint's clients changed in the diagram since the previous frame (a queue
    /// created or deleted, its attributes set, a client node and its links), in order. Never
    /// dropped: the window's document replays them to stay the engine's mirror.
    QVector<DiagramEdit> diagramEdits;
    QString breakReason;        ///< why a breakpoint paused the run at `time`; empty: none did
    QVector<int> breakpointIds; ///< the breakpoints that fired (Breakpoint::id)
    /// The messages of the queue chosen with SimulationRunner::setPeekQueue (null: none, or
    /// not a queue). Shared between frames while it is unchanged.
    std::shared_ptr<const QueuePeek> peek;
    /// The life of the message chosen with SimulationRunner::setPassportMessage (null: none).
    std::shared_ptr<const MessagePassport> passport;
    FrameMetrics metrics; ///< metric rows sampled since the previous frame

    const NodeFrame *node(int nodeId) const
    {
        for (const NodeFrame &n : nodes) {
            if (n.nodeId == nodeId)
                return &n;
        }
        return nullptr;
    }
    double counter(int nodeId, const QString &name) const
    {
        if (const NodeFrame *n = node(nodeId)) {
            for (const Counter &c : n->counters) {
                if (c.name == name)
                    return c.value;
            }
        }
        return -1;
    }
};

using FramePtr = std::shared_ptr<const Frame>;

} // namespace flowlab

Q_DECLARE_METATYPE(flowlab::FramePtr)
