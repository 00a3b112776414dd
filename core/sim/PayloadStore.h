#pragma once

#include <QByteArray>
#include <QString>

#include <vector>

namespace flowlab {

/// A message attribute as SQS carries it: name, data type ("String", "Number.float",
/// "Binary"...) and value (UTF-8 text for String/Number, raw bytes for Binary).
struct MessageAttribute
{
    QString name;
    QString dataType;
    QByteArray value;

    bool operator==(const MessageAttribute &o) const
    {
        return name == o.name && dataType == o.dataType && value == o.value;
    }
};

/// What only some messages have: a body a person or client supplied, attributes, the
/// deduplication id. Kept aside so the common message stays a compact value.
struct Payload
{
    QByteArray body;
    std::vector<MessageAttribute> attributes;
    QString deduplicationId;
    QString traceHeader; ///< AWSTraceHeader system attribute
    QString senderId;    ///< SenderId of a message a client sent (its access key)
};

/// Reference-counted slab of payloads, addressed by a 32-bit handle (0 = none), so that
/// copies of a message (a duplicate delivery, a move to a dead-letter queue) share one.
class PayloadStore
{
public:
    quint32 add(Payload payload);
    const Payload *get(quint32 handle) const
    {
        return handle ? &m_entries[handle].payload : nullptr;
    }
    void retain(quint32 handle)
    {
        if (handle)
            ++m_entries[handle].refs;
    }
    void release(quint32 handle);
    std::size_t liveCount() const { return m_live; }

private:
    struct Entry
    {
        Payload payload;
        quint32 refs = 0;
    };
    std::vector<Entry> m_entries{Entry()};
    std::vector<quint32> m_free;
    std::size_t m_live = 0;
};

} // namespace flowlab
