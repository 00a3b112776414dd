#pragma once

#include "Frame.h"
#include "sim/Trace.h"

#include <QHash>
#include <QVector>

namespace flowlab {

/// The runner's trace observer: it keeps the trace records since the last frame (capped)
/// and turns message movements into tokens to animate, sampled with a budget per link per
/// second of virtual time. It lives on the runner's worker thread, next to the engine.
///
/// The sampling depends on virtual time only (the first kTokensPerLinkPerSecond movements
/// along a link in each virtual second), so the same run gives the same tokens whatever the
/// speed or the machine. The per-frame caps are a safety valve for as-fast-as-possible runs
/// and do depend on where the wall clock cut the frames; the counts left out are reported.
class FrameRecorder : public TraceObserver
{
public:
    static constexpr int kTokensPerLinkPerSecond = 30;
    static constexpr int kMaxTraceRecordsPerFrame = 5000;
    static constexpr int kMaxTokensPerFrame = 5000;

    void record(const TraceRecord &r) override;

    /// Forgets everything, budgets included (a new or reset simulation).
    void clear();
    /// Moves the records and tokens gathered since the last call into `frame`.
    void takeInto(Frame *frame);

private:
    struct Budget
    {
        qint64 second = -1; ///< virtual second the count belongs to
        int used = 0;
    };

    void spawn(int from, int to, const TraceRecord &r);

    QHash<quint64, Budget> m_budgets; ///< key: (from << 32) | to
    QVector<TraceRecord> m_trace;
    quint64 m_traceDropped = 0;
    QVector<TokenSpawn> m_tokens;
    quint64 m_tokensDropped = 0;
};

} // namespace flowlab
