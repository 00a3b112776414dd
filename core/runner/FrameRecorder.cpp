#include "FrameRecorder.h"

namespace flowlab {

void FrameRecorder::record(const TraceRecord &r)
{
    if (m_trace.size() < kMaxTraceRecordsPerFrame)
        m_trace.append(r);
    else
        ++m_traceDropped;

    // Which link the message moved along, from the record's point of view: a queue reports
    // both ends of a send and a receive, so the queue's records are enough.
    switch (r.kind) {
    case TraceKind::Sent:
        spawn(int(r.b), r.node, r); // b = producer (0 when no node sent it: no link to draw)
        break;
    case TraceKind::Received:
        spawn(r.node, int(r.b), r); // b = receiving consumer
        break;
    case TraceKind::MovedToDlq:
        spawn(r.node, int(r.a), r); // a = dead-letter queue
        break;
    default:
        break;
    }
}

void FrameRecorder::spawn(int from, int to, const TraceRecord &r)
{
    if (from <= 0 || to <= 0)
        return;
    const quint64 key = (quint64(quint32(from)) << 32) | quint32(to);
    Budget &budget = m_budgets[key];
    const qint64 second = r.time / kSecond;
    if (budget.second != second) {
        budget.second = second;
        budget.used = 0;
    }
    if (budget.used >= kTokensPerLinkPerSecond)
        return;
    ++budget.used;
    if (m_tokens.size() >= kMaxTokensPerFrame) {
        ++m_tokensDropped;
        return;
    }
    TokenSpawn t;
    t.from = from;
    t.to = to;
    t.message = r.message;
    t.colorKey = r.group;
    t.time = r.time;
    t.kind = r.kind;
    m_tokens.append(t);
}

void FrameRecorder::clear()
{
    m_budgets.clear();
    m_trace.clear();
    m_traceDropped = 0;
    m_tokens.clear();
    m_tokensDropped = 0;
}

void FrameRecorder::takeInto(Frame *frame)
{
    frame->trace = std::move(m_trace);
    frame->traceDropped = m_traceDropped;
    frame->tokens = std::move(m_tokens);
    frame->tokensDropped = m_tokensDropped;
    m_trace = {};
    m_traceDropped = 0;
    m_tokens = {};
    m_tokensDropped = 0;
}

} // namespace flowlab
