#pragma once

#include "model/Diagram.h"
#include "sim/SimTime.h"
#include "sim/Trace.h"

#include <QHash>
#include <QString>

namespace flowlab {

/// The facts a sentence needs that its trace record does not carry: worked out by
/// Narrator::observe() from the records before it, kept with the record so the sentence
/// can be written later (the event log formats only the lines it shows).
struct NarrationFacts
{
    int holder = -1; ///< node that last received the message; 0 = an API client, -1 = unknown
    SimTime heldSince = -1; ///< last receive or ChangeMessageVisibility of the message; -1 = unknown
    int maxReceiveCount = 0; ///< the queue's redrive policy at the time; 0 = no dead-letter queue
};

/// Groups of trace kinds, for filtering the event log.
enum class NarrationGroup : quint8 {
    Sends,       ///< Sent, Deduplicated, Delayed, Released
    Receives,    ///< Received, EmptyReceive
    Visibility,  ///< VisibleAgain, VisibilityChanged
    Deletes,     ///< Deleted, DeleteLost
    DeadLetters, ///< MovedToDlq
    Expiry,      ///< Expired, Purged
    Processing,  ///< ProcessingStarted, Processed
    Errors,      ///< Throttled, Crashed, SendFailed
};
inline constexpr int kNarrationGroupCount = 8;

NarrationGroup narrationGroup(TraceKind kind);
/// "Sends", "Receives", ... (menu text).
QString narrationGroupName(NarrationGroup group);

/// Explains trace records in plain sentences, one per record, true to the AWS rules of
/// spec/aws-semantics.md: "m-1042 is visible again in orders: the 30 s visibility timeout
/// expired before consumer-2 deleted it (receive 2 of 5)".
///
/// Names and queue settings come from the diagram given to setDiagram() (keep it in step
/// with the document). A few facts come from earlier records (who holds a message and since
/// when), so observe() must see the records in order; when records were left out (a frame's
/// cap at high speed) the sentences leave out what is not known rather than guess. The
/// per-message memory is dropped when a message leaves its queue. Qt Core only.
class Narrator
{
public:
    void setDiagram(const Diagram &diagram);
    /// Forgets what the earlier records said (a new run).
    void clear() { m_messages.clear(); }

    /// Takes note of `r` (records in order) and returns the facts its sentence needs.
    NarrationFacts observe(const TraceRecord &r);
    /// The sentence for `r`, using the facts observe() gave for it.
    QString sentence(const TraceRecord &r, const NarrationFacts &facts) const;
    QString narrate(const TraceRecord &r) { return sentence(r, observe(r)); }

    /// The node's name in the diagram, or "node N" when it is not there (removed).
    QString nodeName(int id) const;
    /// "30 s", "2.5 s", "4 days", "90 min": a span for a sentence.
    static QString span(SimTime t);

    /// Messages the narrator remembers (for tests of the memory bound).
    int rememberedMessages() const { return int(m_messages.size()); }

private:
    struct NodeInfo
    {
        QString name;
        NodeKind kind = NodeKind::Producer;
        bool fifo = false;
        int deadLetterQueue = 0; ///< queue: its redrive target
        int maxReceiveCount = 0; ///< queue: with a dead-letter queue
        int retentionSeconds = 0;
        int target = 0; ///< producer: the queue it sends to
    };
    struct MessageState
    {
        int queue = 0;
        int holder = -1;
        SimTime heldSince = -1;
    };

    const NodeInfo *info(int id) const;
    QString holderName(int holder) const;
    QString subjectName(int holder) const;
    QString receiveText(qint64 count, int maxReceiveCount) const;
    QString workerText(const TraceRecord &r) const;
    QString sendSentence(const TraceRecord &r) const;
    QString visibleAgainSentence(const TraceRecord &r, const NarrationFacts &f) const;
    QString visibilityChangedSentence(const TraceRecord &r, const NarrationFacts &f) const;
    QString errorSentence(const TraceRecord &r) const;

    QHash<int, NodeInfo> m_nodes;
    QHash<quint64, MessageState> m_messages;
};

} // namespace flowlab
