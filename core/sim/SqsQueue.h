#pragma once

#include "FlatIdMap.h"
#include "Message.h"
#include "PayloadStore.h"
#include "SimNode.h"
#include "SqsErrors.h"
#include "SqsMessageStore.h"
#include "metrics/LatencyHistogram.h"

#include <QByteArray>
#include <QHash>

#include <deque>
#include <functional>
#include <memory>
#include <unordered_map>
#include <vector>

namespace flowlab {

/// Every SQS rule of spec/aws-semantics.md §1, in one class: Standard and FIFO queues,
/// visibility timeouts and receipt handles, long and short polling, delays, retention,
/// deduplication, group blocking, throughput limits, purge and dead-letter redrive.
/// Producers, consumers and (later) the HTTP endpoint all go through the public calls
/// below, which return the spec's error codes.

/// Queue attributes (spec §1.2) plus the simulator's knobs for unverified behaviour.
struct SqsQueueConfig
{
    bool fifo = false;
    int visibilityTimeout = 30;            ///< s, 0..43200
    int messageRetentionPeriod = 345600;   ///< s, 60..1209600
    int delaySeconds = 0;                  ///< s, 0..900
    int receiveMessageWaitTimeSeconds = 0; ///< s, 0..20
    int maximumMessageSize = 1048576;      ///< bytes, 1024..1048576
    bool contentBasedDeduplication = false;
    bool deduplicationScopeGroup = false; ///< DeduplicationScope=messageGroup
    bool throughputPerGroup = false;      ///< FifoThroughputLimit=perMessageGroupId
    int maxReceiveCount = 10;             ///< with a dead-letter queue
    double duplicateDeliveryProbability = 0.001;
    double outOfOrderProbability = 0.0; ///< standard: a receive skips the oldest message
    double shortPollEmptyProbability = 0.05;
    int shortPollSmallBacklog = 1000;
    int inFlightLimit = 120000;
    int fifoApiTps = 300;
    int highThroughputTps = 70000;
    bool oldHandleDeletes = true;
    bool visibilityCapFromFirstReceive = false; ///< 12-hour cap measured from the first receive

    /// Reads every key the schema knows from a node's settings.
    static SqsQueueConfig fromSettings(const QVariantMap &resolved);
    bool highThroughput() const { return fifo && deduplicationScopeGroup && throughputPerGroup; }
};

struct SqsSendRequest
{
    QByteArray body;             ///< a real body (kept); empty = simulated body of bodySize
    quint32 bodySize = 0;        ///< simulated body size when `body` is empty
    QByteArray syntheticContent; ///< what a simulated body would contain (content dedup)
    std::vector<MessageAttribute> attributes;
    int delaySeconds = -1; ///< per-message timer; -1 = the queue's delay
    QString messageGroupId;
    QString messageDeduplicationId;
    QString traceHeader;
    QString senderId; ///< a client's access key (kept with a real body)
    int senderNode = 0;
};

struct SqsSendResult
{
    SqsError error;
    quint64 messageId = 0;
    bool deduplicated = false; ///< FIFO: accepted but not stored (same dedup id in 5 min)
    QString sequenceNumber;    ///< FIFO only
};

struct SqsBatchEntry
{
    QString id;
    SqsSendRequest request;
};

struct SqsBatchResult
{
    SqsError error; ///< whole-request failure (empty, too many, ids not distinct, too long)
    std::vector<std::pair<QString, SqsSendResult>> entries; ///< per entry, in request order
};

struct SqsReceiveRequest
{
    int maxNumberOfMessages = 1;
    int waitTimeSeconds = -1;   ///< -1 = the queue's ReceiveMessageWaitTimeSeconds
    int visibilityTimeout = -1; ///< -1 = the queue's VisibilityTimeout
    int receiverNode = 0;
};

/// Identifies one receive of one message. Every receive issues a new one.
struct SqsReceiptHandle
{
    int queueNode = 0;
    quint64 messageId = 0;
    quint64 serial = 0; ///< the queue's receive counter at that receive

    bool operator==(const SqsReceiptHandle &o) const
    {
        return queueNode == o.queueNode && messageId == o.messageId && serial == o.serial;
    }
};

struct SqsReceivedMessage
{
    Message message;
    SqsReceiptHandle handle;
};

/// What a consumer finishing a message needs to know besides the delete's answer, found
/// with the delete's own lookup of the message (SqsQueue::deleteMessage).
struct SqsDeleteOutcome
{
    bool receivedSince = false; ///< receivedSince(handle), as it was before the delete
    bool stillHeld = false;     ///< holdsReceivedMessage(messageId), after the delete
};

/// Gets the answer of a long poll that had to wait.
class SqsReceiver
{
public:
    virtual ~SqsReceiver() = default;
    virtual void longPollFinished(quint64 token, std::vector<SqsReceivedMessage> messages) = 0;
};

struct SqsReceiveResult
{
    SqsError error;
    bool waiting = false; ///< long poll registered: the answer comes through SqsReceiver
    std::vector<SqsReceivedMessage> messages;
};

/// Cumulative counters since the start of the run.
struct SqsQueueStats
{
    quint64 sent = 0;               ///< NumberOfMessagesSent (stored, not deduplicated)
    quint64 received = 0;           ///< NumberOfMessagesReceived
    quint64 deleted = 0;            ///< NumberOfMessagesDeleted
    quint64 emptyReceives = 0;      ///< NumberOfEmptyReceives
    quint64 falseEmptyReceives = 0; ///< short polls that missed existing messages
    quint64 deduplicated = 0;
    quint64 movedToDlq = 0;
    quint64 movedIn = 0; ///< arrived from a source queue (this queue is a DLQ)
    quint64 expired = 0;
    quint64 purged = 0;
    quint64 throttled = 0;
    quint64 visibleAgain = 0;        ///< visibility timeouts that expired
    quint64 duplicateDeliveries = 0; ///< deletes lost on purpose (at-least-once)
    // Queueing figures for the first receive of each message.
    double waitSumSeconds = 0.0; ///< sum over first receives of (receive - sent)
    quint64 waitCount = 0;
    double visibleArea = 0.0; ///< integral of the visible count over time, msg*s
};

/// One message as a peek at a queue sees it (SqsQueue::forEachMessage).
struct SqsMessageView
{
    enum class State : quint8 { Visible, InFlight, Delayed };
    const Message *message = nullptr;
    State state = State::Visible;
    SimTime visibleAt = -1; ///< in flight: visible again at; delayed: released at; else -1
};

class SqsQueue : public SimNode
{
public:
    SqsQueue(Engine &engine, int nodeId, const QString &name, const SqsQueueConfig &config);
    ~SqsQueue() override;

    const SqsQueueConfig &config() const { return m_config; }
    bool isFifo() const { return m_config.fifo; }

    /// Sets (or clears with nullptr) the dead-letter queue of the redrive policy. Refuses
    /// a DLQ of the other type (InvalidParameterCombination).
    SqsError setDeadLetterQueue(SqsQueue *dlq);
    SqsQueue *deadLetterQueue() const { return m_dlq; }

    // --- The SQS API ------------------------------------------------------------------
    SqsSendResult sendMessage(const SqsSendRequest &request);
    SqsBatchResult sendMessageBatch(const std::vector<SqsBatchEntry> &entries);
    /// The whole-request rules of every batch call: 1-10 entries, ids [A-Za-z0-9_-]{1,80},
    /// distinct (EmptyBatchRequest, TooManyEntriesInBatchRequest, InvalidBatchEntryId,
    /// BatchEntryIdsNotDistinct).
    static SqsError checkBatchIds(const QStringList &ids);
    /// Returns at once with messages, empty or an error; or registers a long poll
    /// (`waiting`) answered later through `receiver` with `token`.
    SqsReceiveResult receiveMessage(const SqsReceiveRequest &request,
                                    SqsReceiver *receiver,
                                    quint64 token);
    /// The same into `result`, which is overwritten; its message list keeps its capacity, so
    /// a caller that polls in a loop (a consumer group) reuses one buffer.
    void receiveMessage(const SqsReceiveRequest &request,
                        SqsReceiver *receiver,
                        quint64 token,
                        SqsReceiveResult &result);
    /// Forgets the long polls of a receiver (a consumer removed, a client gone).
    void cancelLongPolls(SqsReceiver *receiver);
    /// Forgets one long poll (a worker retired).
    void cancelLongPoll(SqsReceiver *receiver, quint64 token);
    /// Whether a received message is still held by the queue (in flight, or visible again
    /// after a flight): a consumer finishing it can tell if it may come back.
    bool holdsReceivedMessage(quint64 messageId) const
    {
        return m_inFlight.contains(messageId) || visibleAfterFlight(messageId);
    }
    /// Whether the message of this handle went back to the queue or was received again
    /// since: someone else may process it too.
    bool receivedSince(const SqsReceiptHandle &handle) const
    {
        if (const InFlight *entry = m_inFlight.find(handle.messageId))
            return entry->serial != handle.serial;
        return visibleAfterFlight(handle.messageId);
    }
    SqsError deleteMessage(const SqsReceiptHandle &handle)
    {
        return deleteMessage(handle, nullptr);
    }
    /// The same, and (when `outcome` is given) what receivedSince(handle) said before it and
    /// holdsReceivedMessage() says after it, with one lookup of the message for all three.
    SqsError deleteMessage(const SqsReceiptHandle &handle, SqsDeleteOutcome *outcome);
    SqsError changeMessageVisibility(const SqsReceiptHandle &handle, int visibilityTimeout);
    SqsError purge();

    /// Receipt handles as clients see them: opaque text. parseReceiptHandle gives
    /// ReceiptHandleIsInvalid for anything this queue did not issue.
    QString receiptHandleText(const SqsReceiptHandle &handle) const;
    SqsError parseReceiptHandle(const QString &text, SqsReceiptHandle *out) const;
    /// The FIFO SequenceNumber of a message (20 digits, increasing within a group).
    static QString sequenceNumberText(const Message &m);

    /// Moves a message in from a source queue whose redrive policy points here.
    void acceptDeadLetter(Message message);

    // --- Figures ----------------------------------------------------------------------
    qint64 visibleCount() const { return qint64(m_store->visibleCount()); }
    qint64 inFlightCount() const { return qint64(m_inFlight.size()); }
    qint64 delayedCount() const { return qint64(m_delayed.size()); }
    /// ApproximateAgeOfOldestMessage: age of the oldest message not deleted (visible or
    /// in flight), in seconds; 0 when empty.
    double ageOfOldestMessageSeconds() const;
    /// When the oldest message counted by ageOfOldestMessageSeconds() was enqueued (the
    /// retention clock's start); kNever when there is none. Scans the in-flight messages.
    SimTime oldestMessageEnqueuedAt() const;
    SqsQueueStats stats() const;
    /// Time from send to first receive, over all first receives.
    const LatencyHistogram &queueWaitHistogram() const { return m_waitHistogram; }

    // --- Inspection (const: no random draw, no trace record, no counter changes) --------
    /// Calls `fn` for every message the queue holds (visible, in flight, delayed), in no
    /// particular order.
    void forEachMessage(const std::function<void(const SqsMessageView &)> &fn) const;
    /// The serial of the newest receipt handle issued, 0 before the first receive. While a
    /// Received trace record is being observed, it is the serial of that receive's handle
    /// (the record is made right after the handle is issued).
    quint64 lastReceiptSerial() const { return m_receiveSerial; }
    /// When an in-flight message becomes visible again; -1 when it is not in flight.
    SimTime inFlightVisibleAt(quint64 messageId) const
    {
        const InFlight *entry = m_inFlight.find(messageId);
        return entry ? entry->visibleAt : -1;
    }

    // --- SimNode ----------------------------------------------------------------------
    void start() override;
    void shutdown() override;
    void handleEvent(quint32 type, quint64 arg) override;
    bool applySetting(const QString &key, const QVariant &value) override;
    QVector<Counter> counters() const override;
    void sampleMetrics() override;
    QVector<QPair<QString, QString>> summary() const override;

private:
    enum EventType : quint32 {
        VisibilityExpired = 1, ///< arg = message id << 16 | generation
        DelayReleased,         ///< arg = generation of the delay timer
        RetentionSweep,        ///< arg = generation of the sweep timer
        LongPollExpired,       ///< arg = waiter id
        ServeLongPolls,
    };

    struct InFlight
    {
        Message message;
        SimTime visibleAt = 0;
        SimTime receivedAt = 0;  ///< the receive that issued the current handle
        quint64 serial = 0;      ///< current receipt handle
        quint16 generation = 0;  ///< bumps on every visibility change
        bool deleteLost = false; ///< a lost delete: returns as a duplicate delivery
    };

    struct Delayed
    {
        SimTime releaseAt;
        Message message;
        bool operator>(const Delayed &o) const
        {
            return releaseAt > o.releaseAt
                   || (releaseAt == o.releaseAt && message.sequence > o.message.sequence);
        }
    };

    struct Waiter
    {
        quint64 id;
        SqsReceiver *receiver;
        quint64 token;
        SqsReceiveRequest request;
        /// The receiver's own (empty) buffer, kept for the answer: a consumer's buffers go
        /// round without an allocation per long poll.
        std::vector<SqsReceivedMessage> buffer;
    };

    enum class Action { Send, Receive, Delete };

    /// Visible again after a flight (usually none: no hashing then).
    bool visibleAfterFlight(quint64 messageId) const
    {
        return !m_returned.empty() && m_returned.count(messageId) > 0;
    }
    SqsError validateSend(const SqsSendRequest &request, quint32 *size) const;
    SqsSendResult enqueue(const SqsSendRequest &request, quint32 size);
    bool throttle(Action action, const std::vector<quint32> &groups);
    void makeVisible(const Message &message, bool returning);
    void takeMessages(int max,
                      int visibilityTimeout,
                      int receiverNode,
                      std::vector<SqsReceivedMessage> &out);
    void moveToDeadLetterQueue(Message message);
    void scheduleVisibilityTimer(quint64 messageId, InFlight &entry);
    void onVisibilityExpired(quint64 messageId, quint16 generation);
    void deleteVisibleAfterFlight(const SqsReceiptHandle &handle);
    void releaseDueDelayed();
    void scheduleDelayTimer();
    void scheduleRetentionSweep();
    void sweepRetention();
    void serveLongPolls();
    void requestServe();
    void endFlight(const Message &m);
    void dropMessage(const Message &m);
    void accumulateArea();
    SimTime retentionDeadline(const Message &m) const;
    SimTime maxVisibilityEnd(const InFlight &entry) const;
    void pruneDedup();

    SqsQueueConfig m_config;
    SqsQueue *m_dlq = nullptr;
    std::unique_ptr<SqsMessageStore> m_store;
    FlatIdMap<InFlight> m_inFlight;
    std::vector<Message> m_taken; ///< scratch for takeMessages
    struct Answer
    {
        SqsReceiver *receiver;
        quint64 token;
        std::vector<SqsReceivedMessage> messages;
    };
    std::vector<Answer> m_answers;  ///< scratch for serveLongPolls
    std::vector<Delayed> m_delayed; ///< min-heap on (releaseAt, sequence)
    std::deque<Waiter> m_waiters;
    quint64 m_nextWaiterId = 1;
    bool m_serveScheduled = false;
    quint64 m_nextSequence = 1;
    quint64 m_receiveSerial = 0;
    quint64 m_delayTimerGeneration = 0;
    SimTime m_delayTimerAt = kNever;
    quint64 m_sweepGeneration = 0;
    SimTime m_sweepAt = kNever;
    SimTime m_lastPurge = -1;
    quint64 m_handleKey = 0; ///< makes handles of this queue unguessable by other queues

    // FIFO deduplication window (5 minutes).
    struct DedupEntry
    {
        SimTime expiresAt;
        quint64 messageId;
    };
    QHash<QString, DedupEntry> m_dedup;
    std::deque<std::pair<SimTime, QString>> m_dedupExpiry;

    // Throughput limits: requests counted in one-second windows.
    struct Window
    {
        qint64 second = -1;
        int count = 0;
    };
    Window m_apiWindow[3];
    QHash<quint64, Window> m_groupWindows; ///< (action, group) in high-throughput mode

    SqsQueueStats m_stats;
    SimTime m_visibleSince = 0;
    std::unordered_map<quint64, quint32> m_returned; ///< visible after a flight: id -> group
    LatencyHistogram m_waitHistogram;
    /// Send to delete, over the messages deleted in this metrics interval.
    LatencyHistogram m_deleteLatency;
    SqsQueueStats m_lastSample;
    int m_colVisible = 0; ///< first metrics column; the others follow in order
};

} // namespace flowlab
