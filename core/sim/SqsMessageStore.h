#pragma once

#include "Message.h"
#include "Random.h"

#include <deque>
#include <functional>
#include <memory>
#include <set>
#include <unordered_map>
#include <vector>

namespace flowlab {

/// The visible (stored, receivable) messages of one queue. SqsQueue keeps the rules; a
/// store only keeps order: best-effort oldest-first for a standard queue, strict order per
/// message group with group blocking for a FIFO queue. In-flight and delayed messages live
/// in SqsQueue, not here.
class SqsMessageStore
{
public:
    virtual ~SqsMessageStore() = default;

    static std::unique_ptr<SqsMessageStore> create(bool fifo);

    /// Adds a new visible message (sent, released from its delay, or moved in from a
    /// source queue): it has a larger sequence than any message already stored.
    virtual void push(const Message &m) = 0;
    /// Puts back a taken message whose flight ended without a delete (visibility timeout,
    /// visibility set to 0). FIFO: it returns to its place at the head of its group.
    virtual void putBack(const Message &m) = 0;
    /// Removes a visible message by id (a delete through an earlier receipt handle).
    virtual bool erase(quint64 id, quint32 group, Message *out) = 0;
    /// Takes up to `max` messages to return from a receive. FIFO: as many as possible from
    /// the group with the oldest head, then the next group; each taken message blocks its
    /// group until endFlight() or push() brings it back.
    virtual void take(int max, std::vector<Message> &out) = 0;
    /// As take(), but each message is, with probability `chance`, not the oldest visible one
    /// but one of the next kOutOfOrderSpan - 1 (a standard queue's best-effort ordering).
    /// FIFO queues keep their order: the default is take().
    virtual void takeOutOfOrder(int max, std::vector<Message> &out, Rng &rng, double chance)
    {
        Q_UNUSED(rng);
        Q_UNUSED(chance);
        take(max, out);
    }
    static constexpr std::size_t kOutOfOrderSpan = 10;
    /// FIFO: a taken message of `group` is gone for good (deleted, moved, expired).
    virtual void endFlight(quint32 group) = 0;
    /// Not virtual: the queue asks on every send, receive and serve.
    std::size_t visibleCount() const { return m_count; }
    /// The enqueue time of the oldest visible message, kNever when there is none.
    virtual SimTime oldestEnqueuedAt() const = 0;
    /// Removes the oldest visible message if it was enqueued before `cutoff`.
    virtual bool popOldestBefore(SimTime cutoff, Message *out) = 0;
    /// Removes every visible message into `out` (purge); FIFO forgets all flights.
    virtual void clear(std::vector<Message> &out) = 0;
    /// Calls `fn` for every visible message, in no particular order; changes nothing (a
    /// peek at the queue).
    virtual void forEachVisible(const std::function<void(const Message &)> &fn) const = 0;

protected:
    std::size_t m_count = 0; ///< visible messages, kept by the subclasses
};

/// Standard queue: messages in (enqueue time, arrival) order. New messages append to a
/// deque; messages that come back or arrive out of order (a visibility timeout, a move
/// from a source queue keeping its original timestamp) go to a small heap beside it.
class SqsStandardStore : public SqsMessageStore
{
public:
    void push(const Message &m) override;
    void putBack(const Message &m) override { push(m); }
    bool erase(quint64 id, quint32 group, Message *out) override;
    void take(int max, std::vector<Message> &out) override;
    void takeOutOfOrder(int max, std::vector<Message> &out, Rng &rng, double chance) override;
    void endFlight(quint32) override {}
    SimTime oldestEnqueuedAt() const override;
    bool popOldestBefore(SimTime cutoff, Message *out) override;
    void clear(std::vector<Message> &out) override;
    void forEachVisible(const std::function<void(const Message &)> &fn) const override;

private:
    bool popOldest(Message *out);
    std::deque<Message> m_fresh;
    std::vector<Message> m_back; ///< min-heap on (enqueuedAt, sequence)
};

/// FIFO queue: a deque per message group. A group is available while it has messages and
/// none in flight; available groups are served oldest head first.
class SqsFifoStore : public SqsMessageStore
{
public:
    void push(const Message &m) override;
    void putBack(const Message &m) override;
    bool erase(quint64 id, quint32 group, Message *out) override;
    void take(int max, std::vector<Message> &out) override;
    void endFlight(quint32 group) override;
    SimTime oldestEnqueuedAt() const override;
    bool popOldestBefore(SimTime cutoff, Message *out) override;
    void clear(std::vector<Message> &out) override;
    void forEachVisible(const std::function<void(const Message &)> &fn) const override;

    int inFlightInGroup(quint32 group) const;

private:
    struct Group
    {
        std::deque<Message> messages;
        int inFlight = 0;
    };
    using HeadKey = std::pair<quint64, quint32>; ///< (head sequence, group)
    void unindex(quint32 groupId, const Group &g);
    void index(quint32 groupId, const Group &g);

    std::unordered_map<quint32, Group> m_groups;
    std::set<HeadKey> m_available;                 ///< groups with messages and nothing in flight
    std::set<std::pair<SimTime, quint64>> m_heads; ///< (head enqueuedAt, head sequence)
    std::unordered_map<quint64, quint32> m_headGroup; ///< head sequence -> group
};

} // namespace flowlab
