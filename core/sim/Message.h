#pragma once

#include "SimTime.h"

#include <QtGlobal>

namespace flowlab {

/// An SQS message as the queues hold it: a compact value (56 bytes). What only some
/// messages carry (a real body, attributes, a deduplication id) sits in the engine's
/// PayloadStore, referenced by `payload`.
struct Message
{
    quint64 id = 0;              ///< engine-wide, increasing in order of creation
    SimTime sentAt = 0;          ///< SentTimestamp: when the producer's send was accepted
    SimTime enqueuedAt = 0;      ///< the retention clock's start (reset on FIFO DLQ move)
    SimTime firstReceiveAt = -1; ///< ApproximateFirstReceiveTimestamp, -1 before
    quint64 sequence = 0;        ///< arrival order in this queue (ordering, tie-breaks)
    quint32 size = 0;            ///< body + attributes, bytes
    quint32 group = 0;           ///< interned MessageGroupId, 0 = none
    quint32 payload = 0;         ///< PayloadStore handle, 0 = none
    quint16 receiveCount = 0;    ///< ApproximateReceiveCount
    quint16 senderNode = 0;      ///< producer node id (SenderId), truncated
};

static_assert(sizeof(Message) <= 56, "keep the queued message compact");

} // namespace flowlab
