#pragma once

#include "sim/SimTime.h"
#include "sim/Trace.h"

#include <QString>
#include <QVector>

#include <deque>
#include <memory>
#include <unordered_map>
#include <vector>

namespace flowlab {

class Engine;
class SqsQueue;

/// One fact of a message's life, as a passport shows it.
struct PassportEntry
{
    SimTime time = 0;
    int node = 0; ///< where it happened (queue or consumer)
    TraceKind kind = TraceKind::Sent;
    qint64 a = 0; ///< as in TraceRecord
    qint64 b = 0;
    QString receiptHandle;  ///< Received: the handle that receive issued, as a client gets it
    SimTime visibleAt = -1; ///< Received: visible again at (as set then); Delayed: released at;
                            ///< VisibilityChanged: the new time
};

/// The whole recorded life of one message, in time order.
struct MessagePassport
{
    quint64 message = 0;
    QVector<PassportEntry> entries;
    /// False when the start of the life is missing (the history dropped it to stay within
    /// its memory bound) or nothing is known of the message.
    bool complete = false;
};

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
    /// Forgets everything (a new or reset simulation); the pin stays.
    void clear();
    void pin(quint64 message) { m_pinned = message; }

    /// The passport of `message` as recorded so far (empty and incomplete when unknown).
    std::shared_ptr<const MessagePassport> passport(quint64 message) const;
    /// Changes whenever the life of `message` gains an entry; -1 when it is not held.
    qint64 revision(quint64 message) const;
    bool holds(quint64 message) const { return m_lives.count(message) > 0; }
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
        int node;
        TraceKind kind;
    };
    struct Life
    {
        std::vector<Entry> entries;
        int queue = 0; ///< the queue holding it now (for purges)
        bool ended = false;
    };

    void append(quint64 message, const Entry &e);
    void end(quint64 message, Life &life);
    void purge(const TraceRecord &r);
    void evict();
    bool evictFrom(std::deque<quint64> &order, bool endedOnly);
    const SqsQueue *queue(int node) const;

    const Engine *m_engine = nullptr;
    int m_maxEntries;
    qint64 m_entries = 0;
    quint64 m_pinned = 0;
    quint64 m_dropped = 0;
    std::unordered_map<quint64, Life> m_lives;
    std::deque<quint64> m_firstSeen;  ///< message ids by first record (may hold stale ids)
    std::deque<quint64> m_endedOrder; ///< message ids by end (may hold stale ids)
};

} // namespace flowlab
