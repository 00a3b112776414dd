#include "Trace.h"

namespace flowlab {

QString traceKindName(TraceKind kind)
{
    switch (kind) {
    case TraceKind::Sent:
        return QStringLiteral("sent");
    case TraceKind::Deduplicated:
        return QStringLiteral("deduplicated");
    case TraceKind::Delayed:
        return QStringLiteral("delayed");
    case TraceKind::Released:
        return QStringLiteral("released");
    case TraceKind::Received:
        return QStringLiteral("received");
    case TraceKind::VisibleAgain:
        return QStringLiteral("visible-again");
    case TraceKind::VisibilityChanged:
        return QStringLiteral("visibility-changed");
    case TraceKind::Deleted:
        return QStringLiteral("deleted");
    case TraceKind::DeleteLost:
        return QStringLiteral("delete-lost");
    case TraceKind::MovedToDlq:
        return QStringLiteral("moved-to-dlq");
    case TraceKind::Expired:
        return QStringLiteral("expired");
    case TraceKind::Purged:
        return QStringLiteral("purged");
    case TraceKind::EmptyReceive:
        return QStringLiteral("empty-receive");
    case TraceKind::Throttled:
        return QStringLiteral("throttled");
    case TraceKind::ProcessingStarted:
        return QStringLiteral("processing-started");
    case TraceKind::Processed:
        return QStringLiteral("processed");
    case TraceKind::Crashed:
        return QStringLiteral("crashed");
    case TraceKind::SendFailed:
        return QStringLiteral("send-failed");
    }
    return QStringLiteral("unknown");
}

QString messageLabel(quint64 id)
{
    return QStringLiteral("m-%1").arg(id);
}

void TraceFingerprint::mix(quint64 v)
{
    for (int i = 0; i < 8; ++i) {
        m_hash ^= (v >> (8 * i)) & 0xffU;
        m_hash *= 0x100000001b3ULL;
    }
}

void TraceFingerprint::record(const TraceRecord &r)
{
    mix(quint64(r.time));
    mix(quint64(r.node));
    mix(quint64(r.kind));
    mix(r.message);
    mix(quint64(r.a));
    mix(quint64(r.b));
    mix(quint64(r.group));
    ++m_count;
}

} // namespace flowlab
