#include "MessageHistory.h"

#include "sim/Engine.h"
#include "sim/SqsQueue.h"

#include <algorithm>

namespace flowlab {

MessageHistory::MessageHistory(int maxEntries)
    : m_maxEntries(std::max(maxEntries, 1))
{}

void MessageHistory::record(const TraceRecord &r)
{
    if (!m_recording)
        return;
    if (r.kind == TraceKind::Purged) {
        purge(r);
        return;
    }
    // Records without a message (empty receives, throttles, failed sends) belong to no life.
    if (r.message == 0)
        return;
    Entry e{r.time, r.a, r.b, 0, -1, -1, r.node, r.kind};
    if (r.kind == TraceKind::Received) {
        // Read from the queue now: the record is made right after the receive.
        if (const SqsQueue *q = queue(r.node)) {
            e.serial = q->lastReceiptSerial();
            e.visibleAt = q->inFlightVisibleAt(r.message);
        }
    }
    append(r.message, e);
}

const SqsQueue *MessageHistory::queue(int node) const
{
    return m_engine ? dynamic_cast<const SqsQueue *>(m_engine->node(node)) : nullptr;
}

void MessageHistory::append(quint64 message, const Entry &e)
{
    Life *life = m_lives.find(message);
    if (!life) {
        life = &m_lives.insert(message, Life());
        m_firstSeen.push_back(message);
    }
    qint32 slot;
    if (m_free >= 0) {
        slot = m_free;
        m_free = m_pool[std::size_t(slot)].next;
        m_pool[std::size_t(slot)] = e;
    } else {
        slot = qint32(m_pool.size());
        m_pool.push_back(e);
    }
    if (life->tail >= 0)
        m_pool[std::size_t(life->tail)].next = slot;
    else
        life->head = slot;
    life->tail = slot;
    ++life->count;
    ++m_entries;
    switch (e.kind) {
    case TraceKind::Sent:
    case TraceKind::VisibleAgain:
    case TraceKind::Received:
        life->queue = e.node;
        break;
    case TraceKind::MovedToDlq:
        life->queue = qint32(e.a);
        break;
    case TraceKind::Deleted:
    case TraceKind::Expired:
        end(message, *life);
        break;
    default:
        break;
    }
    if (m_entries > m_maxEntries)
        evict();
}

void MessageHistory::end(quint64 message, Life &life)
{
    if (life.ended)
        return;
    life.ended = true;
    life.queue = 0;
    m_endedOrder.push_back(message);
}

void MessageHistory::purge(const TraceRecord &r)
{
    // A purge names no message: every live message held by that queue ends here. Rare
    // enough for a pass over the lives.
    std::vector<quint64> purged;
    m_lives.forEach([&](quint64 id, const Life &life) {
        if (!life.ended && life.queue == r.node)
            purged.push_back(id);
    });
    std::sort(purged.begin(), purged.end()); // ends in message order, whatever the hashing
    for (quint64 id : purged)
        append(id, Entry{r.time, 0, 0, 0, -1, -1, r.node, TraceKind::Purged});
    for (quint64 id : purged) {
        if (Life *life = m_lives.find(id))
            end(id, *life);
    }
}

void MessageHistory::evict()
{
    while (m_entries > m_maxEntries) {
        if (!evictFrom(m_endedOrder, true) && !evictFrom(m_firstSeen, false))
            break; // only the pinned message is left
    }
    // Ended lives leave their ids behind in m_firstSeen: drop them now and then.
    if (m_firstSeen.size() > 2 * m_lives.size() + 1024) {
        std::deque<quint64> kept;
        for (quint64 id : m_firstSeen) {
            const Life *life = m_lives.find(id);
            if (life && !life->ended)
                kept.push_back(id);
        }
        m_firstSeen.swap(kept);
    }
}

bool MessageHistory::evictFrom(std::deque<quint64> &order, bool endedOnly)
{
    // At most one pass: the pinned message goes back to the end and is met again only after
    // every other id.
    for (std::size_t n = order.size(); n > 0 && !order.empty(); --n) {
        const quint64 id = order.front();
        order.pop_front();
        Life *life = m_lives.find(id);
        if (!life || (endedOnly && !life->ended))
            continue;
        if (id == m_pinned) {
            order.push_back(id);
            continue;
        }
        drop(id, *life);
        return true;
    }
    return false;
}

void MessageHistory::drop(quint64 message, Life &life)
{
    // The chain goes to the front of the free list whole.
    if (life.head >= 0) {
        m_pool[std::size_t(life.tail)].next = m_free;
        m_free = life.head;
    }
    m_entries -= life.count;
    m_lives.erase(message);
    ++m_dropped;
}

void MessageHistory::clear()
{
    m_lives.clear();
    m_pool.clear();
    m_free = -1;
    m_firstSeen.clear();
    m_endedOrder.clear();
    m_entries = 0;
    m_dropped = 0;
}

qint64 MessageHistory::revision(quint64 message) const
{
    const Life *life = m_lives.find(message);
    return life ? life->count : -1;
}

std::shared_ptr<const MessagePassport> MessageHistory::passport(quint64 message) const
{
    auto p = std::make_shared<MessagePassport>();
    p->message = message;
    const Life *life = m_lives.find(message);
    if (!life)
        return p;
    p->entries.reserve(life->count);
    for (qint32 i = life->head; i >= 0; i = m_pool[std::size_t(i)].next) {
        const Entry &e = m_pool[std::size_t(i)];
        PassportEntry out{e.time, e.node, e.kind, e.a, e.b, {}, e.visibleAt};
        if (e.kind == TraceKind::Delayed || e.kind == TraceKind::VisibilityChanged)
            out.visibleAt = e.a;
        // The text a client got; made only now, as few passports are ever looked at.
        if (e.kind == TraceKind::Received && e.serial > 0) {
            if (const SqsQueue *q = queue(e.node))
                out.receiptHandle = q->receiptHandleText(
                    SqsReceiptHandle{e.node, message, e.serial});
        }
        p->entries.append(out);
    }
    // Every message starts with the send that stored it; a life without it lost its start.
    p->complete = !p->entries.isEmpty() && p->entries.front().kind == TraceKind::Sent;
    return p;
}

} // namespace flowlab
