#pragma once

#include "sim/SimTime.h"

#include <QString>
#include <QVector>

#include <memory>

namespace flowlab {

class Engine;

/// Where a message is in its queue.
enum class PeekState : quint8 {
    Visible,  ///< can be received now
    InFlight, ///< received, hidden until its visibility timeout ends or it is deleted
    Delayed,  ///< waits for its delivery delay
};

/// One message of a queue as a peek saw it.
struct PeekRow
{
    quint64 message = 0; ///< engine-wide message id
    PeekState state = PeekState::Visible;
    QString group; ///< FIFO MessageGroupId, empty for a standard queue
    int receiveCount = 0;
    SimTime sentAt = 0;
    SimTime visibleAt = -1; ///< in flight: visible again at; delayed: released at; else -1
};

/// A snapshot of the messages of one queue, taken by the runner without changing the queue
/// (no random draw, no trace record, no counter change): the oldest kMaxRows messages by
/// arrival in that queue, in arrival order, and how many the queue holds in all.
struct QueuePeek
{
    static constexpr int kMaxRows = 2000;

    int nodeId = 0;
    SimTime time = 0; ///< virtual time of the snapshot
    qint64 total = 0; ///< messages in the queue (rows holds at most kMaxRows of them)
    bool fifo = false;
    QVector<PeekRow> rows;

    bool capped() const { return rows.size() < total; }

    /// Peeks at queue `nodeId` of `engine`; null when that node is not a live SQS queue.
    static std::shared_ptr<const QueuePeek> take(const Engine &engine,
                                                 int nodeId,
                                                 int maxRows = kMaxRows);
};

} // namespace flowlab
