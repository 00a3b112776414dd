#pragma once

#include "SimTime.h"

#include <cstdint>
#include <vector>

namespace flowlab {

/// A scheduled event: a plain struct, dispatched by (target, type) rather than through a
/// type-erased callable (PERF-NOTES: std::function events cost about 40% per event).
struct Event
{
    SimTime time;
    quint64 order;  ///< priority in the top 8 bits, insertion sequence below
    quint32 target; ///< engine slot of the node that handles it
    quint32 type;   ///< meaning is the target's
    quint64 arg;    ///< meaning is the target's

    bool before(const Event &o) const
    {
        return time < o.time || (time == o.time && order < o.order);
    }
};

/// Pending events ordered by (time, priority, insertion sequence), a key no two events
/// share: pop() always returns the smallest, so the order events run in does not depend on
/// how they are stored.
///
/// They are stored in a 4-ary min-heap plus a few sorted FIFO "lanes". Timers with a fixed
/// delay (a queue's 30 s visibility timeout, a 20 s long-poll expiry, the metrics clock)
/// are scheduled in increasing order, and most of them are pending at any moment (hundreds
/// in flight, against about ten other events). An event goes to the lane whose last event
/// is the latest one not after it (so the lane stays sorted): an append and a pop from the
/// front, O(1), instead of a heap of hundreds. Events that fit no lane go to the heap. The
/// smallest event is the least of the heap's top and the lanes' fronts.
class EventQueue
{
public:
    bool empty() const { return m_size == 0; }
    std::size_t size() const { return m_size; }
    /// The next event; only when not empty.
    const Event &top() const { return m_top < 0 ? m_heap.front() : m_lanes[m_top].front(); }

    void push(const Event &e)
    {
        const bool first = m_size == 0 || e.before(top());
        const int where = placeInLane(e);
        if (where < 0) {
            m_heap.push_back(e);
            siftUp(m_heap.size() - 1);
        }
        ++m_size;
        if (first)
            m_top = where;
    }

    Event pop()
    {
        Event result;
        if (m_top < 0) {
            result = m_heap.front();
            const Event last = m_heap.back();
            m_heap.pop_back();
            if (!m_heap.empty()) {
                m_heap.front() = last;
                siftDown(0);
            }
        } else {
            Lane &lane = m_lanes[m_top];
            result = lane.front();
            lane.popFront();
            m_front[m_top] = lane.empty() ? Key{kNever, ~quint64(0)} : Key::of(lane.front());
            if (lane.empty())
                m_back[m_top] = Key{kEmptyLane, 0};
        }
        --m_size;
        findTop();
        return result;
    }

    void clear()
    {
        m_heap.clear();
        for (int i = 0; i < kLanes; ++i) {
            m_lanes[i].clear();
            m_front[i] = Key{kNever, ~quint64(0)};
            m_back[i] = Key{kEmptyLane, 0};
        }
        m_size = 0;
        m_top = -1;
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
        bool before(const Key &o) const
        {
            return time < o.time || (time == o.time && order < o.order);
        }
    };

    static constexpr int kLanes = 4;
    /// The last key of an empty lane: before every event, so an empty lane takes an event
    /// only when no other lane can.
    static constexpr SimTime kEmptyLane = -1;

    /// Appends e to the lane whose last event is the latest one before e (an empty lane
    /// counts as the earliest); returns the lane, or -1 when every lane's last event is
    /// after e.
    int placeInLane(const Event &e)
    {
        const Key k = Key::of(e);
        int best = -1;
        for (int i = 0; i < kLanes; ++i) {
            if (m_back[i].before(k) && (best < 0 || m_back[best].before(m_back[i])))
                best = i;
        }
        if (best >= 0) {
            Lane &lane = m_lanes[best];
            if (lane.empty())
                m_front[best] = k;
            lane.pushBack(e);
            m_back[best] = k;
        }
        return best;
    }

    void findTop()
    {
        int best = -1;
        Key min = m_heap.empty() ? Key{kNever, ~quint64(0)} : Key::of(m_heap.front());
        for (int i = 0; i < kLanes; ++i) {
            if (m_front[i].before(min)) {
                min = m_front[i];
                best = i;
            }
        }
        m_top = best;
    }

    void siftUp(std::size_t i)
    {
        const Event e = m_heap[i];
        while (i > 0) {
            const std::size_t parent = (i - 1) / 4;
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
            const std::size_t first = 4 * i + 1;
            if (first >= n)
                break;
            std::size_t best = first;
            const std::size_t end = first + 4 < n ? first + 4 : n;
            for (std::size_t c = first + 1; c < end; ++c) {
                if (m_heap[c].before(m_heap[best]))
                    best = c;
            }
            if (!m_heap[best].before(e))
                break;
            m_heap[i] = m_heap[best];
            i = best;
        }
        m_heap[i] = e;
    }

    std::vector<Event> m_heap;
    Lane m_lanes[kLanes];
    Key m_front[kLanes] = {{kNever, ~quint64(0)},
                           {kNever, ~quint64(0)},
                           {kNever, ~quint64(0)},
                           {kNever, ~quint64(0)}};
    Key m_back[kLanes] = {{kEmptyLane, 0}, {kEmptyLane, 0}, {kEmptyLane, 0}, {kEmptyLane, 0}};
    std::size_t m_size = 0;
    int m_top = -1; ///< where the next event is: a lane, or -1 for the heap's top
};

} // namespace flowlab
