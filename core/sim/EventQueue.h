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

/// Pending events ordered by (time, priority, insertion sequence): a 4-ary min-heap, which
/// moves less memory than a binary heap at the event counts a queue with many in-flight
/// messages produces.
class EventQueue
{
public:
    bool empty() const { return m_heap.empty(); }
    std::size_t size() const { return m_heap.size(); }
    const Event &top() const { return m_heap.front(); }

    void push(const Event &e)
    {
        m_heap.push_back(e);
        siftUp(m_heap.size() - 1);
    }

    Event pop()
    {
        Event top = m_heap.front();
        const Event last = m_heap.back();
        m_heap.pop_back();
        if (!m_heap.empty()) {
            m_heap.front() = last;
            siftDown(0);
        }
        return top;
    }

    void clear() { m_heap.clear(); }

private:
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
};

} // namespace flowlab
