#pragma once

#include "MessagePassport.h"
#include "QueuePeek.h"
#include "model/DiagramEdit.h"
#include "sim/SimNode.h"
#include "sim/SimTime.h"
#include "sim/Trace.h"

#include <QMetaType>
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
