#pragma once

#include "SimTime.h"

#include <QString>

namespace flowlab {

/// What happened, one record per fact. The trace is the engine's observable output: the
/// fingerprint tests hash it, the runner turns it into tokens and (later) narration.
enum class TraceKind : quint8 {
    Sent,              ///< queue accepted a message (a = size in bytes, b = producer node)
    Deduplicated,      ///< FIFO send accepted but not stored (a = original message id)
    Delayed,           ///< message waits for its delay (a = release time)
    Released,          ///< delayed message became visible
    Received,          ///< message returned by a receive (a = receive count, b = receiver)
    VisibleAgain,      ///< visibility timeout expired (a = receive count)
    VisibilityChanged, ///< ChangeMessageVisibility (a = new visible-at time)
    Deleted,           ///< message deleted (a = 1 when through an old receipt handle)
    DeleteLost,        ///< standard queue kept the message despite the delete (duplicate)
    MovedToDlq,        ///< moved to the dead-letter queue (a = DLQ node, b = receive count)
    Expired,           ///< deleted by retention
    Purged,            ///< purge (message = 0, a = number of messages removed)
    EmptyReceive,      ///< a receive returned no message (a = 1 for a false-empty short poll)
    Throttled,         ///< a request was refused by a throughput limit (a = action)
    ProcessingStarted, ///< consumer started on a message (b = worker)
    Processed,         ///< consumer finished a message (a = 1 when it was a duplicate)
    Crashed,           ///< consumer worker crashed while processing (b = worker)
    SendFailed,        ///< producer gave up on a send (a = error code)
};

QString traceKindName(TraceKind kind);

/// A message as people read it wherever it is shown (event log, inspector, breakpoint
/// reasons): "m-1042" from the engine-wide id. One form everywhere.
QString messageLabel(quint64 id);

struct TraceRecord
{
    SimTime time = 0;
    int node = 0; ///< diagram node id where it happened
    TraceKind kind = TraceKind::Sent;
    quint64 message = 0;
    qint64 a = 0;
    qint64 b = 0;
    quint32 group = 0; ///< the message's interned FIFO group (colours tokens), 0 = none
};

/// The engine reports through this narrow interface; a null observer costs one branch.
class TraceObserver
{
public:
    virtual ~TraceObserver() = default;
    virtual void record(const TraceRecord &r) = 0;
};

/// FNV-1a over every field of every record: equal fingerprints mean equal traces.
class TraceFingerprint : public TraceObserver
{
public:
    void record(const TraceRecord &r) override;
    quint64 value() const { return m_hash; }
    quint64 count() const { return m_count; }

private:
    void mix(quint64 v);
    quint64 m_hash = 0xcbf29ce484222325ULL;
    quint64 m_count = 0;
};

} // namespace flowlab
