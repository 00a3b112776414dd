#pragma once

#include "EventQueue.h"
#include "PayloadStore.h"
#include "SimNode.h"
#include "SimTime.h"
#include "Trace.h"

#include <QHash>

#include <memory>
#include <vector>

namespace flowlab {

/// The discrete-event kernel: a virtual clock, the pending events and the nodes. It runs
/// one event at a time in (time, priority, insertion) order and knows nothing of any
/// service. The same nodes, seed and calls give the same trace, byte for byte.
class Engine
{
public:
    enum Priority : quint8 {
        PriorityEarly = 64, ///< before ordinary events at the same instant
        PriorityNormal = 128,
        PriorityLate = 255, ///< metrics sampling: after everything else at that instant
    };

    explicit Engine(quint64 seed, SimTime metricsInterval = kSecond);
    ~Engine();
    Engine(const Engine &) = delete;
    Engine &operator=(const Engine &) = delete;

    quint64 seed() const { return m_seed; }
    SimTime now() const { return m_now; }
    SimTime metricsInterval() const { return m_metricsInterval; }

    /// Takes ownership; the node's random stream is seeded from (seed, node id). A node
    /// added while running starts at once.
    SimNode *addNode(std::unique_ptr<SimNode> node);
    /// Shuts the node down and drops its pending events. The object lives until the engine
    /// is destroyed, so pointers others held stay valid (they are told by shutdown()).
    void removeNode(int nodeId);
    SimNode *node(int nodeId) const;
    /// Live nodes in the order they were added.
    std::vector<SimNode *> nodes() const;

    /// Starts every node (in the order added) and the metrics clock. Call once.
    void start();
    bool started() const { return m_started; }

    void schedule(SimTime at,
                  const SimNode *target,
                  quint32 type,
                  quint64 arg,
                  quint8 priority = PriorityNormal)
    {
        Q_ASSERT(at >= m_now);
        m_queue.push(at > m_now ? at : m_now,
                     (quint64(priority) << 56) | m_sequence++,
                     target->m_slot,
                     type,
                     arg);
    }

    /// Runs the next event. Returns false when none is pending.
    bool step();
    /// Runs every event up to and including `until`, then sets the clock to `until`.
    /// Stops early (clock at the last event) after `maxEvents` events; returns the count.
    quint64 runUntil(SimTime until, quint64 maxEvents = ~quint64(0));
    bool hasPendingEvents() const { return !m_queue.empty(); }
    SimTime nextEventTime() const { return m_queue.topTime(); } // kNever when none
    std::size_t pendingEvents() const { return m_queue.size(); }
    quint64 eventsProcessed() const { return m_processed; }

    /// Engine-wide unique, increasing message ids (1, 2, ...).
    quint64 nextMessageId() { return ++m_lastMessageId; }
    PayloadStore &payloads() { return m_payloads; }
    /// Interns a string (FIFO group ids): equal strings get equal numbers, 0 is "none".
    quint32 intern(const QString &s);
    const QString &internedString(quint32 id) const;

    void setObserver(TraceObserver *observer) { m_observer = observer; }
    bool tracing() const { return m_observer != nullptr; }
    void trace(const TraceRecord &r)
    {
        if (m_observer)
            m_observer->record(r);
    }

    /// End times of the metric rows sampled so far.
    const std::vector<SimTime> &sampleTimes() const { return m_sampleTimes; }

private:
    friend class SimNode; // reads the clock through a pointer (SimNode::now() is inline)
    void sampleMetrics();

    quint64 m_seed;
    SimTime m_metricsInterval;
    SimTime m_now = 0;
    quint64 m_sequence = 0;
    quint64 m_processed = 0;
    quint64 m_lastMessageId = 0;
    bool m_started = false;
    EventQueue m_queue;
    std::vector<std::unique_ptr<SimNode>> m_slots; ///< index = slot
    std::vector<char> m_alive; ///< per slot (char, not bool: read on every event)
    QHash<int, quint32> m_slotById;
    TraceObserver *m_observer = nullptr;
    PayloadStore m_payloads;
    QHash<QString, quint32> m_internIds;
    std::vector<QString> m_interned{QString()};
    std::vector<SimTime> m_sampleTimes;
};

} // namespace flowlab
