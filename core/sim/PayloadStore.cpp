#include "PayloadStore.h"

namespace flowlab {

quint32 PayloadStore::add(Payload payload)
{
    quint32 handle;
    if (!m_free.empty()) {
        handle = m_free.back();
        m_free.pop_back();
    } else {
        handle = quint32(m_entries.size());
        m_entries.emplace_back();
    }
    m_entries[handle].payload = std::move(payload);
    m_entries[handle].refs = 1;
    ++m_live;
    return handle;
}

void PayloadStore::release(quint32 handle)
{
    if (!handle)
        return;
    Entry &e = m_entries[handle];
    if (--e.refs == 0) {
        e.payload = Payload();
        m_free.push_back(handle);
        --m_live;
    }
}

} // namespace flowlab
