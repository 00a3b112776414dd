#include "SqsMessageStore.h"

#include <algorithm>

namespace flowlab {

namespace {
// std heap algorithms build max-heaps: "greater" puts the oldest on top.
bool newerThan(const Message &a, const Message &b)
{
    return a.enqueuedAt > b.enqueuedAt || (a.enqueuedAt == b.enqueuedAt && a.sequence > b.sequence);
}
} // namespace

std::unique_ptr<SqsMessageStore> SqsMessageStore::create(bool fifo)
{
    if (fifo)
        return std::make_unique<SqsFifoStore>();
    return std::make_unique<SqsStandardStore>();
}

// --- Standard -----------------------------------------------------------------------------

void SqsStandardStore::push(const Message &m)
{
    ++m_count;
    if (m_fresh.empty() || !newerThan(m_fresh.back(), m)) {
        m_fresh.push_back(m);
    } else {
        m_back.push_back(m);
        std::push_heap(m_back.begin(), m_back.end(), newerThan);
    }
}

bool SqsStandardStore::popOldest(Message *out)
{
    const bool haveFresh = !m_fresh.empty();
    const bool haveBack = !m_back.empty();
    if (!haveFresh && !haveBack)
        return false;
    --m_count;
    if (haveBack && (!haveFresh || newerThan(m_fresh.front(), m_back.front()))) {
        std::pop_heap(m_back.begin(), m_back.end(), newerThan);
        *out = m_back.back();
        m_back.pop_back();
    } else {
        *out = m_fresh.front();
        m_fresh.pop_front();
    }
    return true;
}

bool SqsStandardStore::erase(quint64 id, quint32, Message *out)
{
    // Rare (an earlier receipt handle of a message that came back): a linear search,
    // in the returned messages first, where such a message usually is.
    auto inBack = std::find_if(m_back.begin(), m_back.end(), [id](const Message &m) {
        return m.id == id;
    });
    if (inBack != m_back.end()) {
        *out = *inBack;
        m_back.erase(inBack);
        --m_count;
        std::make_heap(m_back.begin(), m_back.end(), newerThan);
        return true;
    }
    auto inFresh = std::find_if(m_fresh.begin(), m_fresh.end(), [id](const Message &m) {
        return m.id == id;
    });
    if (inFresh == m_fresh.end())
        return false;
    *out = *inFresh;
    m_fresh.erase(inFresh);
    --m_count;
    return true;
}

void SqsStandardStore::take(int max, std::vector<Message> &out)
{
    Message m;
    for (int i = 0; i < max && popOldest(&m); ++i)
        out.push_back(m);
}

void SqsStandardStore::takeOutOfOrder(int max, std::vector<Message> &out, Rng &rng, double chance)
{
    Message m;
    for (int i = 0; i < max; ++i) {
        // A later message first: one of the next few new messages (those never received
        // stand in order in m_fresh; taking one from near its front keeps that order).
        if (m_fresh.size() > 1 && rng.bernoulli(chance)) {
            const qint64 span = qint64(std::min(m_fresh.size(), kOutOfOrderSpan));
            const auto at = m_fresh.begin() + std::ptrdiff_t(rng.uniformInt(1, span - 1));
            out.push_back(*at);
            m_fresh.erase(at);
            --m_count;
            continue;
        }
        if (!popOldest(&m))
            break;
        out.push_back(m);
    }
}

SimTime SqsStandardStore::oldestEnqueuedAt() const
{
    SimTime t = kNever;
    if (!m_fresh.empty())
        t = m_fresh.front().enqueuedAt;
    if (!m_back.empty())
        t = std::min(t, m_back.front().enqueuedAt);
    return t;
}

bool SqsStandardStore::popOldestBefore(SimTime cutoff, Message *out)
{
    if (oldestEnqueuedAt() >= cutoff)
        return false;
    return popOldest(out);
}

void SqsStandardStore::clear(std::vector<Message> &out)
{
    out.insert(out.end(), m_fresh.begin(), m_fresh.end());
    out.insert(out.end(), m_back.begin(), m_back.end());
    m_fresh.clear();
    m_back.clear();
    m_count = 0;
}

// --- FIFO ---------------------------------------------------------------------------------

void SqsFifoStore::unindex(quint32 groupId, const Group &g)
{
    if (g.messages.empty())
        return;
    const Message &head = g.messages.front();
    m_available.erase(HeadKey(head.sequence, groupId));
    m_heads.erase({head.enqueuedAt, head.sequence});
    m_headGroup.erase(head.sequence);
}

void SqsFifoStore::index(quint32 groupId, const Group &g)
{
    if (g.messages.empty())
        return;
    const Message &head = g.messages.front();
    if (g.inFlight == 0)
        m_available.insert(HeadKey(head.sequence, groupId));
    m_heads.insert({head.enqueuedAt, head.sequence});
    m_headGroup[head.sequence] = groupId;
}

void SqsFifoStore::push(const Message &m)
{
    Group &g = m_groups[m.group];
    unindex(m.group, g);
    g.messages.push_back(m);
    ++m_count;
    index(m.group, g);
}

void SqsFifoStore::putBack(const Message &m)
{
    Group &g = m_groups[m.group];
    unindex(m.group, g);
    // It goes before the later messages of its group, keeping strict order.
    auto pos = std::find_if(g.messages.begin(), g.messages.end(), [&](const Message &x) {
        return x.sequence > m.sequence;
    });
    g.messages.insert(pos, m);
    if (g.inFlight > 0)
        --g.inFlight;
    ++m_count;
    index(m.group, g);
}

bool SqsFifoStore::erase(quint64 id, quint32 group, Message *out)
{
    auto it = m_groups.find(group);
    if (it == m_groups.end())
        return false;
    Group &g = it->second;
    auto pos = std::find_if(g.messages.begin(), g.messages.end(), [&](const Message &x) {
        return x.id == id;
    });
    if (pos == g.messages.end())
        return false;
    unindex(group, g);
    *out = *pos;
    g.messages.erase(pos);
    --m_count;
    if (g.messages.empty() && g.inFlight == 0)
        m_groups.erase(it);
    else
        index(group, g);
    return true;
}

void SqsFifoStore::take(int max, std::vector<Message> &out)
{
    int taken = 0;
    while (taken < max && !m_available.empty()) {
        const quint32 groupId = m_available.begin()->second;
        Group &g = m_groups[groupId];
        unindex(groupId, g);
        while (taken < max && !g.messages.empty()) {
            out.push_back(g.messages.front());
            g.messages.pop_front();
            ++g.inFlight;
            --m_count;
            ++taken;
        }
        index(groupId, g); // the group is blocked now: indexed as a head only
    }
}

void SqsFifoStore::endFlight(quint32 group)
{
    auto it = m_groups.find(group);
    if (it == m_groups.end() || it->second.inFlight == 0)
        return;
    Group &g = it->second;
    unindex(group, g);
    --g.inFlight;
    if (g.messages.empty() && g.inFlight == 0)
        m_groups.erase(it);
    else
        index(group, g);
}

int SqsFifoStore::inFlightInGroup(quint32 group) const
{
    auto it = m_groups.find(group);
    return it == m_groups.end() ? 0 : it->second.inFlight;
}

SimTime SqsFifoStore::oldestEnqueuedAt() const
{
    return m_heads.empty() ? kNever : m_heads.begin()->first;
}

bool SqsFifoStore::popOldestBefore(SimTime cutoff, Message *out)
{
    if (m_heads.empty() || m_heads.begin()->first >= cutoff)
        return false;
    const quint32 groupId = m_headGroup.at(m_heads.begin()->second);
    Group &g = m_groups[groupId];
    unindex(groupId, g);
    *out = g.messages.front();
    g.messages.pop_front();
    --m_count;
    if (g.messages.empty() && g.inFlight == 0)
        m_groups.erase(groupId);
    else
        index(groupId, g);
    return true;
}

void SqsFifoStore::clear(std::vector<Message> &out)
{
    for (auto &entry : m_groups)
        out.insert(out.end(), entry.second.messages.begin(), entry.second.messages.end());
    m_groups.clear();
    m_available.clear();
    m_heads.clear();
    m_headGroup.clear();
    m_count = 0;
}

void SqsStandardStore::forEachVisible(const std::function<void(const Message &)> &fn) const
{
    for (const Message &m : m_fresh)
        fn(m);
    for (const Message &m : m_back)
        fn(m);
}

void SqsFifoStore::forEachVisible(const std::function<void(const Message &)> &fn) const
{
    for (const auto &entry : m_groups) {
        for (const Message &m : entry.second.messages)
            fn(m);
    }
}

} // namespace flowlab
