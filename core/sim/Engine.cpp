#include "Engine.h"

#include "SimNode.h"

#include <algorithm>

namespace flowlab {

namespace {
// The engine's own events (metrics sampling) use a slot no node has.
constexpr quint32 kEngineSlot = 0xFFFFFFFFu;
constexpr quint32 kSampleMetrics = 1;
} // namespace

Engine::Engine(quint64 seed, SimTime metricsInterval)
    : m_seed(seed)
    , m_metricsInterval(metricsInterval > 0 ? metricsInterval : kSecond)
{}

Engine::~Engine()
{
    // Nodes may hold pointers to each other: shut all down before destroying any.
    for (std::size_t i = 0; i < m_slots.size(); ++i) {
        if (m_alive[i])
            m_slots[i]->shutdown();
    }
}

SimNode *Engine::addNode(std::unique_ptr<SimNode> node)
{
    Q_ASSERT(!m_slotById.contains(node->id()));
    const quint32 slot = quint32(m_slots.size());
    node->m_slot = slot;
    SimNode *raw = node.get();
    m_slotById.insert(raw->id(), slot);
    m_slots.push_back(std::move(node));
    m_alive.push_back(true);
    if (m_started) {
        // Pad its metrics so its rows line up with the others'.
        for (std::size_t i = 0; i < m_sampleTimes.size(); ++i)
            raw->sampleMetrics();
        raw->start();
    }
    return raw;
}

void Engine::removeNode(int nodeId)
{
    const auto it = m_slotById.constFind(nodeId);
    if (it == m_slotById.constEnd())
        return;
    const quint32 slot = *it;
    m_slotById.erase(it);
    m_alive[slot] = false;
    m_slots[slot]->shutdown();
}

SimNode *Engine::node(int nodeId) const
{
    const auto it = m_slotById.constFind(nodeId);
    return it == m_slotById.constEnd() ? nullptr : m_slots[*it].get();
}

std::vector<SimNode *> Engine::nodes() const
{
    std::vector<SimNode *> result;
    result.reserve(m_slots.size());
    for (std::size_t i = 0; i < m_slots.size(); ++i) {
        if (m_alive[i])
            result.push_back(m_slots[i].get());
    }
    return result;
}

void Engine::start()
{
    if (m_started)
        return;
    m_started = true;
    for (std::size_t i = 0; i < m_slots.size(); ++i) {
        if (m_alive[i])
            m_slots[i]->start();
    }
    m_queue.push(Event{m_now + m_metricsInterval,
                       (quint64(PriorityLate) << 56) | m_sequence++,
                       kEngineSlot,
                       kSampleMetrics,
                       0});
}

bool Engine::step()
{
    if (m_queue.empty())
        return false;
    const Event e = m_queue.pop();
    m_now = e.time;
    ++m_processed;
    if (e.target == kEngineSlot) {
        sampleMetrics();
        m_queue.push(Event{m_now + m_metricsInterval,
                           (quint64(PriorityLate) << 56) | m_sequence++,
                           kEngineSlot,
                           kSampleMetrics,
                           0});
    } else if (m_alive[e.target]) {
        m_slots[e.target]->handleEvent(e.type, e.arg);
    }
    return true;
}

quint64 Engine::runUntil(SimTime until, quint64 maxEvents)
{
    quint64 n = 0;
    while (n < maxEvents && !m_queue.empty() && m_queue.topTime() <= until) {
        step();
        ++n;
    }
    // kNever means "until the events run out": the clock stays at the last event.
    if (n < maxEvents && until > m_now && until != kNever)
        m_now = until;
    return n;
}

void Engine::sampleMetrics()
{
    m_sampleTimes.push_back(m_now);
    for (std::size_t i = 0; i < m_slots.size(); ++i) {
        if (m_alive[i])
            m_slots[i]->sampleMetrics();
    }
}

quint32 Engine::intern(const QString &s)
{
    if (s.isEmpty())
        return 0;
    const auto it = m_internIds.constFind(s);
    if (it != m_internIds.constEnd())
        return *it;
    const quint32 id = quint32(m_interned.size());
    m_interned.push_back(s);
    m_internIds.insert(s, id);
    return id;
}

const QString &Engine::internedString(quint32 id) const
{
    return m_interned[id < m_interned.size() ? id : 0];
}

} // namespace flowlab
