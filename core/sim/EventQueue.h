#pragma once

#include "SimTime.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <vector>

namespace flowlab {

/// (t1, o1) < (t2, o2). The queue compares events whose order is unpredictable, where a
/// mispredicted branch costs more than the compare: one 128-bit compare has no branch.
inline bool keyBefore(SimTime t1, quint64 o1, SimTime t2, quint64 o2)
{
#ifdef __SIZEOF_INT128__
    __extension__ typedef unsigned __int128 Wide;
    constexpr quint64 kSign = quint64(1) << 63; // signed order as unsigned order
    return ((Wide(quint64(t1) ^ kSign) << 64) | o1) < ((Wide(quint64(t2) ^ kSign) << 64) | o2);
#else
    return t1 < t2 || (t1 == t2 && o1 < o2);
#endif
}

/// A scheduled event: a plain struct, dispatched by (target, type) rather than through a
/// type-erased callable (PERF-NOTES: std::function events cost about 40% per event).
struct Event
{
    SimTime time;
    quint64 order;  ///< priority in the top 8 bits, insertion sequence below
    quint32 target; ///< engine slot of the node that handles it
    quint32 type;   ///< meaning is the target's
    quint64 arg;    ///< meaning is the target's

    bool before(const Event &o) const { return keyBefore(time, order, o.time, o.order); }
};

/// Pending events ordered by (time, priority, insertion sequence), a key no two events
/// share: pop() always returns the smallest, so the order events run in does not depend on
/// how they are stored.
///
/// They are stored in a binary min-heap plus a few sorted FIFO "lanes". Timers with a
/// fixed delay (a queue's 30 s visibility timeout, a 20 s long-poll expiry, the metrics
/// clock) are scheduled in increasing order, and most pending events are such timers
/// (hundreds in flight, against about ten others). An event joins a lane whose last event
/// is before it (so the lane stays sorted): an append and a pop from the front, O(1),
/// instead of a heap of hundreds. Events that fit no lane (random delays) go to the heap,
/// which stays small. The smallest event is the least of the heap's top and the lanes'
/// fronts. Keys are compared without branches where the outcome is unpredictable.
class EventQueue
{
public:
    EventQueue() { resetSlots(); }

    bool empty() const { return m_size == 0; }
    std::size_t size() const { return m_size; }
    /// The next event; only when not empty.
    const Event &top() const { return m_top < 0 ? heapTop() : m_lanes[m_top].front(); }
    /// The next event's time, kNever when empty; without a branch on where it is.
    SimTime topTime() const { return m_topKey.time; }

    void push(const Event &e) { push(e.time, e.order, e.target, e.type, e.arg); }
    /// The same from the fields (in registers: an Event built by the caller is copied into
    /// the queue with wider loads than it was written with, and such a load waits).
    void push(SimTime time, quint64 order, quint32 target, quint32 type, quint64 arg)
    {
        const Event e{time, order, target, type, arg};
        const Key k = Key::of(e);
        const bool first = k.before(m_topKey); // always when empty
        const int where = placeInLane(e);
        if (where < 0)
            heapPush(e);
        ++m_size;
        if (first) {
            m_top = where;
            m_topKey = k;
        }
    }

    Event pop()
    {
        Event result;
        if (m_top < 0) {
            result = heapPop();
        } else {
            Lane &lane = m_lanes[m_top];
            result = lane.front();
            lane.popFront();
            m_front[m_top] = lane.empty() ? kNoKey : Key::of(lane.front());
            if (lane.empty()) {
                m_back[m_top] = Key{kEmptyLane, 0};
                m_minBack = m_back[m_top];
                m_minBackLane = m_top;
            }
            findLaneMin();
        }
        --m_size;
        // The next event: the heap's top or the earliest lane front (an empty lane's front
        // is kNoKey), chosen without a branch.
        const Key heapKey = heapSize() == 0 ? kNoKey : Key::of(heapTop());
        const Key laneKey = m_front[m_laneMin];
        const quint64 fromLane = -quint64(laneKey.before(heapKey)); // all ones or zero
        // Masks rather than ?: (which the compiler turns into a mispredicted branch).
        m_top = int(quint64(m_laneMin) | ~fromLane); // the lane, or -1 for the heap
        m_topKey.time = SimTime((quint64(laneKey.time) & fromLane)
                                | (quint64(heapKey.time) & ~fromLane));
        m_topKey.order = (laneKey.order & fromLane) | (heapKey.order & ~fromLane);
        return result;
    }

    void clear()
    {
        m_heap.clear();
        m_heapOrdered = false;
        resetSlots();
        for (int i = 0; i < kLanes; ++i) {
            m_lanes[i].clear();
            m_front[i] = kNoKey;
            m_back[i] = Key{kEmptyLane, 0};
        }
        m_size = 0;
        m_top = -1;
        m_topKey = kNoKey;
        m_laneMin = 0;
        m_minBack = Key{kEmptyLane, 0};
        m_minBackLane = 0;
    }

private:
    /// A sorted FIFO in a ring buffer (capacity a power of two).
    class Lane
    {
    public:
        bool empty() const { return m_count == 0; }
        const Event &front() const { return m_buf[m_head]; }
        void pushBack(const Event &e)
        {
            if (m_count == m_buf.size())
                grow();
            m_buf[(m_head + m_count) & (m_buf.size() - 1)] = e;
            ++m_count;
        }
        void popFront()
        {
            m_head = (m_head + 1) & (m_buf.size() - 1);
            --m_count;
        }
        void clear()
        {
            m_head = 0;
            m_count = 0;
        }

    private:
        void grow()
        {
            std::vector<Event> bigger(m_buf.empty() ? 64 : m_buf.size() * 2);
            for (std::size_t i = 0; i < m_count; ++i)
                bigger[i] = m_buf[(m_head + i) & (m_buf.size() - 1)];
            m_buf.swap(bigger);
            m_head = 0;
        }
        std::vector<Event> m_buf;
        std::size_t m_head = 0;
        std::size_t m_count = 0;
    };

    /// An event's sort key, kept beside the lanes so choosing one reads two small arrays.
    struct Key
    {
        SimTime time;
        quint64 order;
        static Key of(const Event &e) { return Key{e.time, e.order}; }
        bool before(const Key &o) const { return keyBefore(time, order, o.time, o.order); }
    };

    /// After every event: the front of an empty lane, the top of an empty queue.
    static constexpr Key kNoKey{kNever, ~quint64(0)};
    static constexpr int kLanes = 4;
    static constexpr int kHints = 16;
    /// The last key of an empty lane: before every event, so an empty lane takes an event
    /// only when no other lane can.
    static constexpr SimTime kEmptyLane = -1;

    /// Appends e to a lane whose last event is before it, or returns -1 (then it goes to
    /// the heap). A stream of events (same target and type) first tries the lane it went to
    /// last time, which fits again when its events come in increasing order; otherwise the
    /// lane whose last event is the latest one before e (an empty lane counts as the
    /// earliest), so that each lane keeps one stream.
    int placeInLane(const Event &e)
    {
        const Key k = Key::of(e);
        qint8 &hint = m_hint[(e.target * 8 + e.type) & (kHints - 1)];
        int lane = hint;
        if (!m_back[lane].before(k)) {
            if (k.before(m_minBack))
                return -1; // before every lane's last event: most events of random delay
            lane = -1;
            for (int i = 0; i < kLanes; ++i) {
                if (m_back[i].before(k) && (lane < 0 || m_back[lane].before(m_back[i])))
                    lane = i;
            }
            hint = qint8(lane);
        }
        append(lane, e, k);
        return lane;
    }

    void append(int i, const Event &e, const Key &k)
    {
        Lane &lane = m_lanes[i];
        if (lane.empty()) {
            m_front[i] = k;
            if (k.before(m_front[m_laneMin]))
                m_laneMin = i;
        }
        lane.pushBack(e);
        m_back[i] = k;
        if (i == m_minBackLane)
            findMinBack();
    }

    void findMinBack()
    {
        int min = 0;
        for (int i = 1; i < kLanes; ++i) {
            if (m_back[i].before(m_back[min]))
                min = i;
        }
        m_minBackLane = min;
        m_minBack = m_back[min];
    }

    /// An empty lane's front is kNoKey, after every event: no test for empty lanes.
    void findLaneMin()
    {
        int best = 0;
        for (int i = 1; i < kLanes; ++i)
            best = m_front[i].before(m_front[best]) ? i : best;
        m_laneMin = best;
    }

    // --- The events that fit no lane --------------------------------------------------
    // About ten in the M/M/c model (processing ends, the next arrival). Up to kSmall of them
    // sit in fixed slots, with a list of slot numbers sorted by key, latest first: the least
    // is the list's last entry (a pop takes it, no search). A push counts the events later
    // than it (kSmall compares without branches over the slots' keys) and opens its place in
    // the list by moving the bytes after it with one fixed-size copy. A scan of an unsorted
    // array compares every event on every pop and mispredicts its varying end; a binary
    // heap's sifts mispredict about once per level. Past kSmall events they go to a binary
    // min-heap (m_heap), and back to the slots when it is down to half that.
    static constexpr std::size_t kSmall = 16;
    static constexpr quint64 kSign = quint64(1) << 63; ///< signed order as unsigned order

    /// (t1, o1) < (t2, o2) for times whose sign bit is flipped (unsigned order).
    static bool biasedBefore(quint64 t1, quint64 o1, quint64 t2, quint64 o2)
    {
#ifdef __SIZEOF_INT128__
        __extension__ typedef unsigned __int128 Wide;
        return ((Wide(t1) << 64) | o1) < ((Wide(t2) << 64) | o2);
#else
        return t1 < t2 || (t1 == t2 && o1 < o2);
#endif
    }

    const Event &heapTop() const
    {
        return m_heapOrdered ? m_heap.front() : m_slots[m_rank[m_small - 1]];
    }
    std::size_t heapSize() const
    {
        return m_heapOrdered ? m_heap.size() : m_small;
    }

    void heapPush(const Event &e)
    {
        if (m_heapOrdered) {
            m_heap.push_back(e);
            siftUp(m_heap.size() - 1);
            return;
        }
        if (m_small == kSmall) {
            toHeap(e);
            return;
        }
        // Where e goes: after the events later than it (the list is latest first). They are
        // counted over all slots at once, a free slot's key being before every event: the
        // compares do not wait on each other, where a binary search's loads and compares
        // form one chain.
        const quint64 kt = quint64(e.time) ^ kSign;
        std::size_t at = 0;
        for (std::size_t i = 0; i < kSmall; ++i)
            at += std::size_t(biasedBefore(kt, e.order, m_slotTime[i], m_slotOrder[i]));
        // Open the place: move the bytes from `at` on by one, always kSmall of them (the
        // list has room past its end), so the copy's length does not depend on `at`.
        quint8 moved[kSmall];
        std::memcpy(moved, m_rank + at, kSmall);
        std::memcpy(m_rank + at + 1, moved, kSmall);
        const quint8 slot = m_free[kSmall - 1 - m_small];
        m_rank[at] = slot;
        m_slots[slot] = e;
        m_slotTime[slot] = kt;
        m_slotOrder[slot] = e.order;
        ++m_small;
    }

    Event heapPop()
    {
        if (!m_heapOrdered) {
            --m_small;
            const quint8 slot = m_rank[m_small];
            m_free[kSmall - 1 - m_small] = slot;
            m_slotTime[slot] = 0; // free: before every event
            m_slotOrder[slot] = 0;
            return m_slots[slot];
        }
        const Event result = m_heap.front();
        const Event last = m_heap.back();
        m_heap.pop_back();
        if (!m_heap.empty()) {
            m_heap.front() = last;
            siftDown(0);
        }
        if (m_heap.size() <= kSmall / 2)
            toSlots();
        return result;
    }

    /// The slots are full: they and e become a binary heap.
    void toHeap(const Event &e)
    {
        m_heap.clear();
        for (std::size_t i = 0; i < m_small; ++i)
            m_heap.push_back(m_slots[m_rank[i]]);
        m_heap.push_back(e);
        std::make_heap(m_heap.begin(), m_heap.end(), [](const Event &a, const Event &b) {
            return b.before(a);
        });
        m_heapOrdered = true;
        m_small = 0;
    }

    /// The heap is small again: its events go back to the slots, sorted latest first.
    void toSlots()
    {
        std::sort(m_heap.begin(), m_heap.end(), [](const Event &a, const Event &b) {
            return b.before(a);
        });
        resetSlots();
        for (const Event &e : m_heap) {
            const quint8 slot = m_free[kSmall - 1 - m_small];
            m_rank[m_small++] = slot;
            m_slots[slot] = e;
            m_slotTime[slot] = quint64(e.time) ^ kSign;
            m_slotOrder[slot] = e.order;
        }
        m_heap.clear();
        m_heapOrdered = false;
    }

    /// No event in the slots; the free list hands out slot 0 first.
    void resetSlots()
    {
        m_small = 0;
        for (std::size_t i = 0; i < kSmall; ++i) {
            m_free[i] = quint8(kSmall - 1 - i);
            m_slotTime[i] = 0;
            m_slotOrder[i] = 0;
        }
    }

    void siftUp(std::size_t i)
    {
        const Event e = m_heap[i];
        while (i > 0) {
            const std::size_t parent = (i - 1) / 2;
            if (!e.before(m_heap[parent]))
                break;
            m_heap[i] = m_heap[parent];
            i = parent;
        }
        m_heap[i] = e;
    }

    void siftDown(std::size_t i)
    {
        const std::size_t n = m_heap.size();
        const Event e = m_heap[i];
        for (;;) {
            std::size_t best = 2 * i + 1;
            if (best >= n)
                break;
            if (best + 1 < n)
                best += std::size_t(m_heap[best + 1].before(m_heap[best])); // no branch
            if (!m_heap[best].before(e))
                break;
            m_heap[i] = m_heap[best];
            i = best;
        }
        m_heap[i] = e;
    }

    Event m_slots[kSmall];              ///< the events that fit no lane, while few
    quint8 m_rank[2 * kSmall + 1] = {}; ///< slots by key, latest first (room for the copy)
    quint64 m_slotTime[kSmall];         ///< a slot's event time (sign bit flipped), 0 when free
    quint64 m_slotOrder[kSmall];        ///< a slot's event order, 0 when free
    quint8 m_free[kSmall];              ///< free slots: the first kSmall - m_small entries
    std::size_t m_small = 0;            ///< events in the slots
    std::vector<Event> m_heap;          ///< a binary min-heap, while there are many
    bool m_heapOrdered = false;         ///< the events that fit no lane are in m_heap
    Lane m_lanes[kLanes];
    Key m_front[kLanes] = {{kNever, ~quint64(0)},
                           {kNever, ~quint64(0)},
                           {kNever, ~quint64(0)},
                           {kNever, ~quint64(0)}};
    Key m_back[kLanes] = {{kEmptyLane, 0}, {kEmptyLane, 0}, {kEmptyLane, 0}, {kEmptyLane, 0}};
    Key m_minBack{kEmptyLane, 0}; ///< the earliest of the lanes' last events
    int m_minBackLane = 0;        ///< the lane that has it
    qint8 m_hint[kHints] = {};    ///< per (target, type) hash: the lane used last
    std::size_t m_size = 0;
    int m_top = -1;        ///< where the next event is: a lane, or -1 for the heap's top
    Key m_topKey = kNoKey; ///< the next event's key, kNoKey when empty
    int m_laneMin = 0;     ///< the lane with the earliest front (kNoKey when all are empty)
};

} // namespace flowlab
