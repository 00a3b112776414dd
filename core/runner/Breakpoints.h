#pragma once

#include "sim/SimTime.h"
#include "sim/Trace.h"

#include <QString>
#include <QVector>

#include <vector>

namespace flowlab {

class Engine;
class SqsQueue;

/// A condition on a queue that pauses the run. The person sets them in the window; they
/// are not saved with the diagram.
struct Breakpoint
{
    enum class Condition : quint8 {
        DeadLetter,   ///< a message moves from this queue to its DLQ, or into this queue as a DLQ
        OldestAge,    ///< ApproximateAgeOfOldestMessage reaches `limit` seconds
        VisibleDepth, ///< ApproximateNumberOfMessagesVisible reaches `limit`
    };

    int id = 0;    ///< chosen by the owner; reported back when it fires
    int queue = 0; ///< queue node id
    Condition condition = Condition::VisibleDepth;
    double limit = 0; ///< seconds (OldestAge) or messages (VisibleDepth); unused for DeadLetter
    bool enabled = true;

    bool operator==(const Breakpoint &o) const
    {
        return id == o.id && queue == o.queue && condition == o.condition && limit == o.limit
               && enabled == o.enabled;
    }
};

/// "a message moves to or from its dead-letter queue", "oldest message is 60 s old or
/// more", "1000 visible messages or more": the condition in words, without the queue.
QString breakpointConditionText(const Breakpoint &b);

/// Watches the breakpoints on the runner's worker thread, so that one fires at the exact
/// virtual time its condition becomes true:
/// - DeadLetter fires after the event that moved a message (seen in the trace);
/// - VisibleDepth is evaluated after every event;
/// - OldestAge is evaluated after every event and at the instant the oldest message reaches
///   the limit, which the run loop stops at even when no event falls there (nextDue()).
/// Each fires once when its condition becomes true and re-arms when it is false again (a
/// dead-letter move is true only at the event that made it). A breakpoint set while its
/// condition holds fires at the next check.
///
/// While active it sits between the engine and the frame recorder as the trace observer,
/// passing every record on; with no enabled breakpoint the runner leaves it out entirely.
class BreakpointMonitor : public TraceObserver
{
public:
    struct Hit
    {
        QVector<int> ids; ///< the breakpoints that fired, in list order
        QString reason;   ///< one sentence per breakpoint, joined by "; "
        SimTime time = -1;
    };

    /// Replaces the list; every breakpoint is armed again.
    void setBreakpoints(const QVector<Breakpoint> &list);
    const QVector<Breakpoint> &breakpoints() const { return m_list; }
    /// Any enabled breakpoint.
    bool active() const { return !m_watches.empty(); }

    /// Watches `engine` (null: none) and passes records on to `next`.
    void attach(Engine *engine, TraceObserver *next);
    /// Arms every breakpoint again and forgets what was seen (a new simulation).
    void restart();
    /// Looks the queues up again (after a live edit).
    void resolve();

    void record(const TraceRecord &r) override;

    /// The earliest instant after now at which an armed age condition becomes true if no
    /// event changes the queue before it; kNever when none.
    SimTime nextDue();
    /// Evaluates every condition at the engine's current time; true when any fired (the
    /// hit is kept for takeHit()).
    bool check();
    bool hasHit() const { return !m_hit.ids.isEmpty(); }
    Hit takeHit();

private:
    struct Watch
    {
        Breakpoint bp;
        SqsQueue *queue = nullptr;
        bool armed = true;
        // DeadLetter: moves seen since the last check.
        int moves = 0;
        TraceRecord firstMove;
        // OldestAge: the oldest message's enqueue time as last looked up.
        SimTime oldest = kNever;
        bool dirty = true;  ///< an older message may have arrived: look it up again
        bool exact = false; ///< false: messages left since, `oldest` is a lower bound
    };

    void rebuild();
    bool holds(Watch &w, SimTime now);
    void refreshOldest(Watch &w);
    QString reason(const Watch &w, SimTime now) const;
    QString nodeName(int id) const;

    QVector<Breakpoint> m_list;
    std::vector<Watch> m_watches; ///< enabled breakpoints only
    Engine *m_engine = nullptr;
    TraceObserver *m_next = nullptr;
    Hit m_hit;
};

} // namespace flowlab
