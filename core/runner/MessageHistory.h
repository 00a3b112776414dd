#pragma once

#include "MessagePassport.h"
#include "sim/FlatIdMap.h"
#include "sim/SimTime.h"
#include "sim/Trace.h"

#include <deque>
#include <memory>
#include <vector>

namespace flowlab {

class Engine;
class SqsQueue;

/// The runner's per-message index of the trace, for passports. It lives on the worker
/// thread beside the engine and observes every trace record (the frames' trace is capped;
/// this is not, up to its memory bound).
///
/// The bound is a number of entries. When it is passed, the lives of messages that ended
/// (deleted, expired, purged) go first, oldest end first; only then the oldest messages
/// still alive. The message whose passport is shown (pin()) is never dropped.
///
/// Receipt handles: a Received record does not carry the handle's serial, but the queue's
/// newest serial is that receive's while the record is observed (SqsQueue::
/// lastReceiptSerial), so it is read then; the text a client got is made from it when a
/// passport is built.
class MessageHistory : public TraceObserver
{
public:
    static constexpr int kDefaultMaxEntries = 400000;

    explicit MessageHistory(int maxEntries = kDefaultMaxEntries);

    /// The engine whose queues issue the receipt handles (null: none are read).
    void setEngine(const Engine *engine) { m_engine = engine; }
    void record(const TraceRecord &r) override;
    /// Forgets everything (a new or reset simulation); the pin and the recording switch stay.
    void clear();
    /// While off, records are ignored (the runner turns it on while someone inspects: it
    /// costs about as much as the engine's own work per message in a fast run).
    void setRecording(bool on) { m_recording = on; }
    bool recording() const { return m_recording; }
    void pin(quint64 message) { m_pinned = message; }

    /// The passport of `message` as recorded so far (empty and incomplete when unknown).
    std::shared_ptr<const MessagePassport> passport(quint64 message) const;
    /// Changes whenever the life of `message` gains an entry; -1 when it is not held.
    qint64 revision(quint64 message) const;
    bool holds(quint64 message) const { return m_lives.contains(message); }
    qint64 entryCount() const { return m_entries; }
    /// Messages whose lives were dropped to stay within the bound.
    quint64 droppedLives() const { return m_dropped; }

private:
    struct Entry
    {
        SimTime time;
        qint64 a;
        qint64 b;
        quint64 serial;    ///< Received: the receipt handle's serial
        SimTime visibleAt; ///< Received: when the flight was to end
        qint32 next;       ///< the life's next entry in m_pool, -1 = last
        qint32 node;
        TraceKind kind;
    };
    /// A message's entries are a chain in one pool (no allocation per message: this sees
    /// every trace record of the run).
    struct Life
    {
        qint32 head = -1;
        qint32 tail = -1;
        qint32 count = 0;
        qint32 queue = 0; ///< the queue holding it now (for purges)
        bool ended = false;
    };

    void append(quint64 message, const Entry &e);
    void end(quint64 message, Life &life);
    void purge(const TraceRecord &r);
    void evict();
    bool evictFrom(std::deque<quint64> &order, bool endedOnly);
    void drop(quint64 message, Life &life);
    const SqsQueue *queue(int node) const;

    const Engine *m_engine = nullptr;
    bool m_recording = true;
    int m_maxEntries;
    qint64 m_entries = 0;
    quint64 m_pinned = 0;
    quint64 m_dropped = 0;
    FlatIdMap<Life> m_lives;
    std::vector<Entry> m_pool;
    qint32 m_free = -1;               ///< first free entry of m_pool, chained through `next`
    std::deque<quint64> m_firstSeen;  ///< message ids by first record (may hold stale ids)
    std::deque<quint64> m_endedOrder; ///< message ids by end (may hold stale ids)
};

} // namespace flowlab
