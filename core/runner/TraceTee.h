#pragma once

#include "sim/Trace.h"

#include <vector>

namespace flowlab {

/// Passes every trace record on to several observers, in the order they were added (the
/// engine takes one observer).
class TraceTee : public TraceObserver
{
public:
    void add(TraceObserver *observer) { m_observers.push_back(observer); }
    void record(const TraceRecord &r) override
    {
        for (TraceObserver *o : m_observers)
            o->record(r);
    }

private:
    std::vector<TraceObserver *> m_observers;
};

} // namespace flowlab
