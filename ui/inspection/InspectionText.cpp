#include "InspectionText.h"

#include "model/Diagram.h"

#include <QCoreApplication>
#include <QLocale>

namespace flowlab {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("InspectionText", text);
}
} // namespace

QString InspectionText::messageLabel(quint64 message)
{
    return QStringLiteral("m-%1").arg(message);
}

QString InspectionText::stateName(PeekState state)
{
    switch (state) {
    case PeekState::Visible:
        return tr("visible");
    case PeekState::InFlight:
        return tr("in flight");
    case PeekState::Delayed:
        return tr("delayed");
    }
    return {};
}

QString InspectionText::span(SimTime t)
{
    const double s = std::max<double>(0, toSeconds(t));
    if (s < 60)
        return tr("%1 s").arg(QLocale().toString(s, 'f', 1));
    const qint64 whole = qint64(s);
    if (whole < 3600)
        return tr("%1 min %2 s").arg(whole / 60).arg(whole % 60);
    return tr("%1 h %2 min").arg(whole / 3600).arg(whole / 60 % 60);
}

QString InspectionText::nodeName(const Diagram &diagram, int nodeId)
{
    if (nodeId <= 0)
        return {};
    if (const Node *n = diagram.node(nodeId))
        return n->name;
    return tr("node %1").arg(nodeId);
}

QString InspectionText::eventName(const PassportEntry &e)
{
    switch (e.kind) {
    case TraceKind::Sent:
        return tr("Sent");
    case TraceKind::Deduplicated:
        return tr("Duplicate send ignored");
    case TraceKind::Delayed:
        return tr("Delayed");
    case TraceKind::Released:
        return tr("Delay over, visible");
    case TraceKind::Received:
        return tr("Received");
    case TraceKind::VisibleAgain:
        return tr("Visibility timeout expired");
    case TraceKind::VisibilityChanged:
        return tr("Visibility changed");
    case TraceKind::Deleted:
        return e.a == 1 ? tr("Deleted (earlier handle)") : tr("Deleted");
    case TraceKind::DeleteLost:
        return tr("Delete lost (it will come back)");
    case TraceKind::MovedToDlq:
        return tr("Moved to the DLQ");
    case TraceKind::Expired:
        return tr("Expired (retention)");
    case TraceKind::Purged:
        return tr("Purged");
    case TraceKind::ProcessingStarted:
        return tr("Processing started");
    case TraceKind::Processed:
        return e.a == 1 ? tr("Processed again (duplicate)") : tr("Processed");
    case TraceKind::Crashed:
        return tr("Worker crashed");
    case TraceKind::EmptyReceive:
    case TraceKind::Throttled:
    case TraceKind::SendFailed:
        break;
    }
    return traceKindName(e.kind);
}

QString InspectionText::eventDetail(const PassportEntry &e, const Diagram &diagram)
{
    switch (e.kind) {
    case TraceKind::Sent:
        return e.b > 0 ? tr("by %1").arg(nodeName(diagram, int(e.b))) : tr("by an API client");
    case TraceKind::Deduplicated:
        return e.b > 0 ? tr("by %1").arg(nodeName(diagram, int(e.b))) : tr("by an API client");
    case TraceKind::Received:
        return e.b > 0 ? tr("by %1").arg(nodeName(diagram, int(e.b))) : tr("by an API client");
    case TraceKind::MovedToDlq:
        return tr("to %1").arg(nodeName(diagram, int(e.a)));
    case TraceKind::ProcessingStarted:
        return tr("worker %1, for %2").arg(e.b + 1).arg(span(e.a));
    case TraceKind::Processed:
    case TraceKind::Crashed:
        return tr("worker %1").arg(e.b + 1);
    default:
        return {};
    }
}

int InspectionText::receiveCount(const PassportEntry &e)
{
    switch (e.kind) {
    case TraceKind::Received:
    case TraceKind::VisibleAgain:
        return int(e.a);
    case TraceKind::MovedToDlq:
        return int(e.b);
    default:
        return -1;
    }
}

} // namespace flowlab
