#include "Narrator.h"

#include "sim/SqsErrors.h"

namespace flowlab {

namespace {
// Past this many remembered messages the memory starts afresh: sentences then leave out
// who held a message rather than the narrator growing without bound.
constexpr int kMaxRememberedMessages = 1'000'000;

QString plural(qint64 n, const QString &one, const QString &many)
{
    return QStringLiteral("%1 %2").arg(n).arg(n == 1 ? one : many);
}

// The SQS action a throttled request was (SqsQueue::Action's order).
QString actionName(qint64 action)
{
    switch (action) {
    case 0:
        return QStringLiteral("SendMessage");
    case 1:
        return QStringLiteral("ReceiveMessage");
    case 2:
        return QStringLiteral("DeleteMessage");
    }
    return QStringLiteral("an SQS");
}
} // namespace

NarrationGroup narrationGroup(TraceKind kind)
{
    switch (kind) {
    case TraceKind::Sent:
    case TraceKind::Deduplicated:
    case TraceKind::Delayed:
    case TraceKind::Released:
        return NarrationGroup::Sends;
    case TraceKind::Received:
    case TraceKind::EmptyReceive:
        return NarrationGroup::Receives;
    case TraceKind::VisibleAgain:
    case TraceKind::VisibilityChanged:
        return NarrationGroup::Visibility;
    case TraceKind::Deleted:
    case TraceKind::DeleteLost:
        return NarrationGroup::Deletes;
    case TraceKind::MovedToDlq:
        return NarrationGroup::DeadLetters;
    case TraceKind::Expired:
    case TraceKind::Purged:
        return NarrationGroup::Expiry;
    case TraceKind::ProcessingStarted:
    case TraceKind::Processed:
        return NarrationGroup::Processing;
    case TraceKind::Throttled:
    case TraceKind::Crashed:
    case TraceKind::SendFailed:
        return NarrationGroup::Errors;
    }
    return NarrationGroup::Errors;
}

QString narrationGroupName(NarrationGroup group)
{
    switch (group) {
    case NarrationGroup::Sends:
        return QStringLiteral("Sends and delays");
    case NarrationGroup::Receives:
        return QStringLiteral("Receives");
    case NarrationGroup::Visibility:
        return QStringLiteral("Visibility timeouts");
    case NarrationGroup::Deletes:
        return QStringLiteral("Deletes");
    case NarrationGroup::DeadLetters:
        return QStringLiteral("Dead-letter moves");
    case NarrationGroup::Expiry:
        return QStringLiteral("Expiry and purges");
    case NarrationGroup::Processing:
        return QStringLiteral("Processing");
    case NarrationGroup::Errors:
        return QStringLiteral("Errors, crashes and throttling");
    }
    return QString();
}

void Narrator::setDiagram(const Diagram &diagram)
{
    m_nodes.clear();
    for (const Node &n : diagram.nodes) {
        NodeInfo info;
        info.name = n.name;
        info.kind = n.kind;
        if (n.kind == NodeKind::SqsQueue) {
            info.fifo = n.setting(QStringLiteral("fifo")).toBool();
            info.maxReceiveCount = n.setting(QStringLiteral("maxReceiveCount")).toInt();
            info.retentionSeconds = n.setting(QStringLiteral("messageRetentionPeriod")).toInt();
        }
        m_nodes.insert(n.id, info);
    }
    for (const Link &l : diagram.links) {
        auto from = m_nodes.find(l.from);
        if (from == m_nodes.end())
            continue;
        if (l.kind == LinkKind::DeadLetter)
            from->deadLetterQueue = l.to;
        else if (from->kind == NodeKind::Producer)
            from->target = l.to;
    }
}

const Narrator::NodeInfo *Narrator::info(int id) const
{
    const auto it = m_nodes.constFind(id);
    return it == m_nodes.constEnd() ? nullptr : &*it;
}

QString Narrator::nodeName(int id) const
{
    if (const NodeInfo *n = info(id))
        return n->name;
    return QStringLiteral("node %1").arg(id);
}

QString Narrator::span(SimTime t)
{
    if (t >= kDay && t % kDay == 0)
        return plural(t / kDay, QStringLiteral("day"), QStringLiteral("days"));
    if (t >= kHour && t % kHour == 0)
        return plural(t / kHour, QStringLiteral("hour"), QStringLiteral("hours"));
    if (t >= 10 * kMinute && t % kMinute == 0)
        return QStringLiteral("%1 min").arg(t / kMinute);
    // Seconds with up to three decimals, trailing zeros dropped ("30 s", "2.5 s").
    QString s = QString::number(double(t) / double(kSecond), 'f', 3);
    while (s.endsWith(QLatin1Char('0')))
        s.chop(1);
    if (s.endsWith(QLatin1Char('.')))
        s.chop(1);
    return s + QStringLiteral(" s");
}

NarrationFacts Narrator::observe(const TraceRecord &r)
{
    NarrationFacts f;
    if (const NodeInfo *n = info(r.node); n && n->deadLetterQueue)
        f.maxReceiveCount = n->maxReceiveCount;

    const auto it = r.message ? m_messages.find(r.message) : m_messages.end();
    if (it != m_messages.end() && it->queue == r.node) {
        f.holder = it->holder;
        f.heldSince = it->heldSince;
    }
    switch (r.kind) {
    case TraceKind::Received:
        if (m_messages.size() >= kMaxRememberedMessages)
            m_messages.clear();
        m_messages.insert(r.message, MessageState{r.node, int(r.b), r.time});
        break;
    case TraceKind::VisibilityChanged:
        if (it != m_messages.end() && it->queue == r.node)
            it->heldSince = r.time;
        break;
    case TraceKind::VisibleAgain:
    case TraceKind::Deleted:
    case TraceKind::MovedToDlq:
    case TraceKind::Expired:
        // No longer held (visible again), or gone from the queue: a DLQ receive starts afresh.
        if (it != m_messages.end())
            m_messages.erase(it);
        break;
    case TraceKind::Purged:
        for (auto m = m_messages.begin(); m != m_messages.end();) {
            if (m->queue == r.node)
                m = m_messages.erase(m);
            else
                ++m;
        }
        break;
    default:
        break;
    }
    return f;
}

QString Narrator::holderName(int holder) const
{
    return holder == 0 ? QStringLiteral("an API client") : nodeName(holder);
}

QString Narrator::subjectName(int holder) const
{
    // Node names are kept as written, even at the start of a sentence.
    return holder == 0 ? QStringLiteral("An API client") : nodeName(holder);
}

QString Narrator::receiveText(qint64 count, int maxReceiveCount) const
{
    if (maxReceiveCount > 0)
        return QStringLiteral("receive %1 of %2").arg(count).arg(maxReceiveCount);
    return QStringLiteral("receive %1").arg(count);
}

QString Narrator::workerText(const TraceRecord &r) const
{
    return QStringLiteral("Worker %1 of %2").arg(r.b + 1).arg(nodeName(r.node));
}

QString Narrator::sentence(const TraceRecord &r, const NarrationFacts &f) const
{
    const QString m = messageLabel(r.message);
    const QString queue = nodeName(r.node);
    const bool held = f.holder >= 0;
    switch (r.kind) {
    case TraceKind::Sent:
    case TraceKind::Deduplicated:
    case TraceKind::Delayed:
    case TraceKind::Released:
        return sendSentence(r);
    case TraceKind::Received:
        return QStringLiteral("%1 received %2 from %3 (%4)")
            .arg(subjectName(int(r.b)), m, queue, receiveText(r.a, f.maxReceiveCount));
    case TraceKind::VisibleAgain:
        return visibleAgainSentence(r, f);
    case TraceKind::VisibilityChanged:
        return visibilityChangedSentence(r, f);
    case TraceKind::Deleted:
        if (r.a == 1)
            return QStringLiteral("%1 was deleted from %2 through the receipt handle of an "
                                  "earlier receive (SQS accepts an old handle)")
                .arg(m, queue);
        if (held)
            return QStringLiteral("%1 deleted %2 from %3").arg(subjectName(f.holder), m, queue);
        return QStringLiteral("%1 was deleted from %2").arg(m, queue);
    case TraceKind::DeleteLost:
        return QStringLiteral("%1 of %2 in %3 was lost: a standard queue delivers at least "
                              "once, so %2 comes back when its visibility timeout expires")
            .arg(held ? QStringLiteral("The delete by %1").arg(holderName(f.holder))
                      : QStringLiteral("A delete"),
                 m,
                 queue);
    case TraceKind::MovedToDlq: {
        QString s = QStringLiteral("%1 moved from %2 to %3 after %4")
                        .arg(m,
                             queue,
                             nodeName(int(r.a)),
                             plural(r.b, QStringLiteral("receive"), QStringLiteral("receives")));
        if (f.maxReceiveCount > 0)
            s += QStringLiteral(" (maxReceiveCount %1)").arg(f.maxReceiveCount);
        return s;
    }
    case TraceKind::Expired: {
        const NodeInfo *n = info(r.node);
        if (n && n->retentionSeconds > 0)
            return QStringLiteral("%1 expired in %2: it outlived the queue's message retention "
                                  "period of %3 and was deleted")
                .arg(m, queue, span(SimTime(n->retentionSeconds) * kSecond));
        return QStringLiteral("%1 expired in %2: it outlived the queue's message retention "
                              "period and was deleted")
            .arg(m, queue);
    }
    case TraceKind::Purged:
        return QStringLiteral("%1 was purged: %2 deleted, in-flight and delayed ones included")
            .arg(queue, plural(r.a, QStringLiteral("message"), QStringLiteral("messages")));
    case TraceKind::EmptyReceive:
        if (r.a == 1)
            return QStringLiteral("%1's short poll of %2 came back empty although messages "
                                  "were visible: a short poll asks only a subset of the "
                                  "servers")
                .arg(subjectName(int(r.b)), queue);
        return QStringLiteral("%1's receive from %2 came back empty: no message was available")
            .arg(subjectName(int(r.b)), queue);
    case TraceKind::ProcessingStarted:
        return QStringLiteral("%1 started on %2 (processing takes %3)")
            .arg(workerText(r), m, span(r.a));
    case TraceKind::Processed:
        if (r.a == 1)
            return QStringLiteral("%1 finished %2 again: a duplicate, %3 had processed it "
                                  "before (consumers must be idempotent)")
                .arg(workerText(r), m, queue);
        return QStringLiteral("%1 finished %2").arg(workerText(r), m);
    case TraceKind::Throttled:
    case TraceKind::Crashed:
    case TraceKind::SendFailed:
        return errorSentence(r);
    }
    return QStringLiteral("%1: %2").arg(traceKindName(r.kind), m);
}

QString Narrator::sendSentence(const TraceRecord &r) const
{
    const QString m = messageLabel(r.message);
    const QString queue = nodeName(r.node);
    switch (r.kind) {
    case TraceKind::Sent:
        return QStringLiteral("%1 sent %2 to %3 (%4)")
            .arg(subjectName(int(r.b)),
                 m,
                 queue,
                 plural(r.a, QStringLiteral("byte"), QStringLiteral("bytes")));
    case TraceKind::Deduplicated:
        return QStringLiteral("%1 accepted a send from %2 without storing it: %3 has the same "
                              "deduplication ID and was sent less than 5 minutes ago")
            .arg(queue, holderName(int(r.b)), m);
    case TraceKind::Delayed:
        return QStringLiteral("%1 waits out a %2 delay in %3 before it can be received")
            .arg(m, span(r.a - r.time), queue);
    case TraceKind::Released:
        return QStringLiteral("%1's delay in %2 is over: it is visible and can be received")
            .arg(m, queue);
    default:
        return QString();
    }
}

QString Narrator::visibleAgainSentence(const TraceRecord &r, const NarrationFacts &f) const
{
    const QString m = messageLabel(r.message);
    const QString queue = nodeName(r.node);
    QString count = receiveText(r.a, f.maxReceiveCount);
    const NodeInfo *n = info(r.node);
    if (f.maxReceiveCount > 0 && r.a >= f.maxReceiveCount && n)
        count
            += QStringLiteral(": the next receive moves it to %1").arg(nodeName(n->deadLetterQueue));
    const bool held = f.holder >= 0 && f.heldSince >= 0;
    const QString timeout
        = held ? QStringLiteral("the %1 visibility timeout").arg(span(r.time - f.heldSince))
               : QStringLiteral("its visibility timeout");
    if (r.b == 1) {
        // The delete was lost (at-least-once): the message returns as a duplicate delivery.
        return QStringLiteral("%1 is visible again in %2 although %3 deleted it: the standard "
                              "queue lost the delete (at-least-once delivery) and %4 expired "
                              "(%5)")
            .arg(m,
                 queue,
                 held ? holderName(f.holder) : QStringLiteral("its consumer"),
                 timeout,
                 count);
    }
    return QStringLiteral("%1 is visible again in %2: %3 expired before %4 deleted it (%5)")
        .arg(m, queue, timeout, held ? holderName(f.holder) : QStringLiteral("anyone"), count);
}

QString Narrator::visibilityChangedSentence(const TraceRecord &r, const NarrationFacts &f) const
{
    const QString m = messageLabel(r.message);
    const QString queue = nodeName(r.node);
    const SimTime timeout = r.a - r.time;
    const bool held = f.holder >= 0;
    if (timeout <= 0) {
        if (held)
            return QStringLiteral("%1 released %2 in %3: visibility timeout set to 0, so it is "
                                  "visible again at once")
                .arg(subjectName(f.holder), m, queue);
        return QStringLiteral("%1 was released in %2: visibility timeout set to 0, so it is "
                              "visible again at once")
            .arg(m, queue);
    }
    if (held)
        return QStringLiteral("%1 set the visibility timeout of %2 in %3 to %4, counted from now")
            .arg(subjectName(f.holder), m, queue, span(timeout));
    return QStringLiteral("The visibility timeout of %1 in %2 was set to %3, counted from now")
        .arg(m, queue, span(timeout));
}

QString Narrator::errorSentence(const TraceRecord &r) const
{
    const QString node = nodeName(r.node);
    switch (r.kind) {
    case TraceKind::Throttled:
        return QStringLiteral("%1 refused a %2 request with RequestThrottled: over the FIFO "
                              "queue's throughput limit")
            .arg(node, actionName(r.a));
    case TraceKind::Crashed:
        return QStringLiteral("%1 crashed while processing %2: nothing it held is deleted, so "
                              "%2 comes back when its visibility timeout expires")
            .arg(workerText(r), messageLabel(r.message));
    case TraceKind::SendFailed: {
        const NodeInfo *n = info(r.node);
        const QString target = n && n->target ? nodeName(n->target) : QStringLiteral("its queue");
        const auto code = SqsErrorCode(r.a);
        const QString error = QString::fromLatin1(sqsErrorInfo(code).shapeName);
        if (code == SqsErrorCode::RequestThrottled)
            return QStringLiteral("%1 gave up on a send to %2 after retrying with backoff: %3")
                .arg(node, target, error);
        return QStringLiteral("%1 gave up on a send to %2: %3").arg(node, target, error);
    }
    default:
        return QString();
    }
}

} // namespace flowlab
