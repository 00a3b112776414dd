#pragma once

#include "sim/SimTime.h"
#include "sim/Trace.h"

#include <QString>
#include <QVector>

namespace flowlab {

/// One fact of a message's life, as a passport shows it.
struct PassportEntry
{
    SimTime time = 0;
    int node = 0; ///< where it happened (queue or consumer)
    TraceKind kind = TraceKind::Sent;
    qint64 a = 0; ///< as in TraceRecord
    qint64 b = 0;
    QString receiptHandle;  ///< Received: the handle that receive issued, as a client gets it
    SimTime visibleAt = -1; ///< Received: visible again at (as set then); Delayed: released at;
                            ///< VisibilityChanged: the new time
};

/// The whole recorded life of one message, in time order.
struct MessagePassport
{
    quint64 message = 0;
    QVector<PassportEntry> entries;
    /// False when the start of the life is missing (the history dropped it to stay within
    /// its memory bound) or nothing is known of the message.
    bool complete = false;
};

} // namespace flowlab
