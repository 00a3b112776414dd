#include "Breakpoints.h"

#include "Narrator.h"
#include "sim/Engine.h"
#include "sim/SqsQueue.h"

#include <QStringList>

#include <cmath>

namespace flowlab {

namespace {
SimTime limitTime(const Breakpoint &b)
{
    return SimTime(std::llround(std::max(0.0, b.limit) * double(kSecond)));
}

// Messages leaving a queue: its oldest can only become younger.
bool leaves(TraceKind kind)
{
    switch (kind) {
    case TraceKind::Deleted:
    case TraceKind::MovedToDlq:
    case TraceKind::Expired:
    case TraceKind::Purged:
        return true;
    default:
        return false;
    }
}
} // namespace

QString breakpointConditionText(const Breakpoint &b)
{
    switch (b.condition) {
    case Breakpoint::Condition::DeadLetter:
        return QStringLiteral("a message moves to or from its dead-letter queue");
    case Breakpoint::Condition::OldestAge:
        return QStringLiteral("oldest message is %1 old or more").arg(Narrator::span(limitTime(b)));
    case Breakpoint::Condition::VisibleDepth:
        return QStringLiteral("%1 visible messages or more").arg(b.limit);
    }
    return QString();
}

void BreakpointMonitor::setBreakpoints(const QVector<Breakpoint> &list)
{
    // A breakpoint that is still there unchanged keeps its state: one that has fired and
    // still holds must not fire again because another was added.
    const std::vector<Watch> before = std::move(m_watches);
    m_list = list;
    rebuild();
    for (Watch &w : m_watches) {
        for (const Watch &old : before) {
            if (old.bp == w.bp)
                w.armed = old.armed;
        }
    }
}

void BreakpointMonitor::attach(Engine *engine, TraceObserver *next)
{
    m_engine = engine;
    m_next = next;
    resolve();
}

void BreakpointMonitor::restart()
{
    rebuild();
}

void BreakpointMonitor::rebuild()
{
    m_watches.clear();
    m_hit = Hit();
    for (const Breakpoint &b : m_list) {
        if (!b.enabled)
            continue;
        Watch w;
        w.bp = b;
        m_watches.push_back(w);
    }
    resolve();
}

void BreakpointMonitor::resolve()
{
    for (Watch &w : m_watches) {
        w.queue = m_engine ? dynamic_cast<SqsQueue *>(m_engine->node(w.bp.queue)) : nullptr;
        w.dirty = true;
    }
}

void BreakpointMonitor::record(const TraceRecord &r)
{
    for (Watch &w : m_watches) {
        switch (w.bp.condition) {
        case Breakpoint::Condition::DeadLetter:
            if (r.kind == TraceKind::MovedToDlq && (r.node == w.bp.queue || r.a == w.bp.queue)) {
                if (w.moves++ == 0)
                    w.firstMove = r;
            }
            break;
        case Breakpoint::Condition::OldestAge:
            // What arrives may be older than the known oldest: a message released from its
            // delay, a dead letter with its original enqueue time, a send to an empty queue
            // (a send to a queue with messages is the youngest). What leaves only makes the
            // known oldest a lower bound, worth looking up again only when it says the limit
            // is reached: no scan of the in-flight messages per delete.
            if (r.node == w.bp.queue) {
                if (r.kind == TraceKind::Released
                    || (r.kind == TraceKind::Sent && w.oldest == kNever))
                    w.dirty = true;
                else if (leaves(r.kind))
                    w.exact = false;
            } else if (r.kind == TraceKind::MovedToDlq && r.a == w.bp.queue) {
                w.dirty = true;
            }
            break;
        case Breakpoint::Condition::VisibleDepth:
            break;
        }
    }
    if (m_next)
        m_next->record(r);
}

SimTime BreakpointMonitor::nextDue()
{
    SimTime due = kNever;
    for (Watch &w : m_watches) {
        if (w.bp.condition != Breakpoint::Condition::OldestAge || !w.armed || !w.queue)
            continue;
        if (w.dirty)
            refreshOldest(w);
        // Never later than the true instant; a check there looks the oldest up again.
        if (w.oldest != kNever)
            due = std::min(due, w.oldest + limitTime(w.bp));
    }
    return due;
}

void BreakpointMonitor::refreshOldest(Watch &w)
{
    w.oldest = w.queue ? w.queue->oldestMessageEnqueuedAt() : kNever;
    w.dirty = false;
    w.exact = true;
}

bool BreakpointMonitor::holds(Watch &w, SimTime now)
{
    switch (w.bp.condition) {
    case Breakpoint::Condition::DeadLetter:
        return w.moves > 0;
    case Breakpoint::Condition::OldestAge:
        if (!w.queue)
            return false;
        if (w.dirty)
            refreshOldest(w);
        if (w.oldest == kNever || now - w.oldest < limitTime(w.bp))
            return false; // also true of the real oldest, which is not older
        if (!w.exact)
            refreshOldest(w);
        return w.oldest != kNever && now - w.oldest >= limitTime(w.bp);
    case Breakpoint::Condition::VisibleDepth:
        return w.queue && double(w.queue->visibleCount()) >= w.bp.limit;
    }
    return false;
}

bool BreakpointMonitor::check()
{
    if (!m_engine)
        return false;
    const SimTime now = m_engine->now();
    bool fired = false;
    for (Watch &w : m_watches) {
        const bool on = holds(w, now);
        if (on && w.armed) {
            if (m_hit.ids.isEmpty())
                m_hit.time = now;
            m_hit.ids.append(w.bp.id);
            const QString text = reason(w, now);
            m_hit.reason = m_hit.reason.isEmpty() ? text
                                                  : m_hit.reason + QStringLiteral("; ") + text;
            fired = true;
        }
        // A dead-letter move is true only at its event: it has passed by the next check.
        w.armed = !on || w.bp.condition == Breakpoint::Condition::DeadLetter;
        w.moves = 0;
    }
    return fired;
}

BreakpointMonitor::Hit BreakpointMonitor::takeHit()
{
    Hit hit = std::move(m_hit);
    m_hit = Hit();
    return hit;
}

QString BreakpointMonitor::nodeName(int id) const
{
    if (m_engine) {
        if (const SimNode *n = m_engine->node(id))
            return n->name();
    }
    return QStringLiteral("node %1").arg(id);
}

QString BreakpointMonitor::reason(const Watch &w, SimTime now) const
{
    const QString queue = nodeName(w.bp.queue);
    switch (w.bp.condition) {
    case Breakpoint::Condition::DeadLetter: {
        const TraceRecord &r = w.firstMove;
        QString s = QStringLiteral("%1 moved from %2 to %3 after %4 receive%5")
                        .arg(messageLabel(r.message), nodeName(r.node), nodeName(int(r.a)))
                        .arg(r.b)
                        .arg(r.b == 1 ? QString() : QStringLiteral("s"));
        if (w.moves > 1)
            s += QStringLiteral(" (and %1 more at the same time)").arg(w.moves - 1);
        return s;
    }
    case Breakpoint::Condition::OldestAge:
        return QStringLiteral("the oldest message in %1 is %2 old (limit %3)")
            .arg(queue, Narrator::span(now - w.oldest), Narrator::span(limitTime(w.bp)));
    case Breakpoint::Condition::VisibleDepth: {
        const qint64 visible = w.queue ? w.queue->visibleCount() : 0;
        return QStringLiteral("%1 has %2 visible message%3 (limit %4)")
            .arg(queue)
            .arg(visible)
            .arg(visible == 1 ? QString() : QStringLiteral("s"))
            .arg(w.bp.limit);
    }
    }
    return QString();
}

} // namespace flowlab
