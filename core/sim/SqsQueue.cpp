#include "SqsQueue.h"

#include "Engine.h"

#include <QCryptographicHash>

#include <algorithm>

namespace flowlab {

namespace {
constexpr SimTime kDedupWindow = 5 * kMinute;    // spec §1.9
constexpr SimTime kPurgeInterval = 60 * kSecond; // spec §1.13
constexpr SimTime kMaxVisibility = 12 * kHour;   // spec §1.6

const char *const kMetricNames[] = {
    "ApproximateNumberOfMessagesVisible",
    "ApproximateNumberOfMessagesNotVisible",
    "ApproximateNumberOfMessagesDelayed",
    "ApproximateAgeOfOldestMessage",
    "NumberOfMessagesSent",
    "NumberOfMessagesReceived",
    "NumberOfMessagesDeleted",
    "NumberOfEmptyReceives",
    "NumberOfMessagesMovedToDLQ",
    "NumberOfMessagesExpired",
    "NumberOfMessagesDeduplicated",
    "NumberOfThrottledRequests",
    // End-to-end latency (SentTimestamp to delete) of the messages deleted in the interval.
    "LatencyP50",
    "LatencyP90",
    "LatencyP99",
};

SqsError invalidValue(const QString &text)
{
    return SqsError(SqsErrorCode::InvalidParameterValue, text);
}
} // namespace

SqsQueue::SqsQueue(Engine &engine, int nodeId, const QString &name, const SqsQueueConfig &config)
    : SimNode(engine, nodeId, NodeKind::SqsQueue, name)
    , m_config(config)
    , m_store(SqsMessageStore::create(config.fifo))
{
    m_handleKey = rng().next();
    m_colVisible = m_metrics.addColumn(QString::fromLatin1(kMetricNames[0]));
    for (std::size_t i = 1; i < std::size(kMetricNames); ++i)
        m_metrics.addColumn(QString::fromLatin1(kMetricNames[i]));
}

SqsQueue::~SqsQueue() = default;

SqsError SqsQueue::setDeadLetterQueue(SqsQueue *dlq)
{
    if (dlq && dlq->isFifo() != isFifo())
        return SqsError(SqsErrorCode::InvalidParameterCombination,
                        QStringLiteral("The dead-letter queue of a %1 queue must be a %1 queue.")
                            .arg(isFifo() ? QStringLiteral("FIFO") : QStringLiteral("standard")));
    if (dlq == this)
        return invalidValue(QStringLiteral("A queue cannot be its own dead-letter queue."));
    m_dlq = dlq;
    return SqsError();
}

// --- Sending ----------------------------------------------------------------------------

SqsSendResult SqsQueue::sendMessage(const SqsSendRequest &request)
{
    SqsSendResult result;
    quint32 size = 0;
    result.error = validateSend(request, &size);
    if (!result.error.ok())
        return result;
    if (m_config.fifo && throttle(Action::Send, {engine().intern(request.messageGroupId)})) {
        result.error = SqsError(SqsErrorCode::RequestThrottled, QStringLiteral("Rate exceeded"));
        return result;
    }
    return enqueue(request, size);
}

SqsSendResult SqsQueue::enqueue(const SqsSendRequest &r, quint32 size)
{
    SqsSendResult result;
    QString dedupId;
    if (m_config.fifo) {
        // An explicit id wins; otherwise the SHA-256 of the body (attributes excluded).
        dedupId = r.messageDeduplicationId;
        if (dedupId.isEmpty()) {
            const QByteArray &content = r.body.isEmpty() ? r.syntheticContent : r.body;
            dedupId = QString::fromLatin1(
                QCryptographicHash::hash(content, QCryptographicHash::Sha256).toHex());
        }
        const QString key = m_config.deduplicationScopeGroup
                                ? r.messageGroupId + QChar(0x1f) + dedupId
                                : dedupId;
        pruneDedup();
        const auto it = m_dedup.constFind(key);
        if (it != m_dedup.constEnd()) {
            // Accepted, not delivered; the original's id comes back (spec §1.9, [U]).
            result.deduplicated = true;
            result.messageId = it->messageId;
            Message original;
            original.id = it->messageId;
            result.sequenceNumber = sequenceNumberText(original);
            ++m_stats.deduplicated;
            trace(TraceKind::Deduplicated, it->messageId, qint64(it->messageId), r.senderNode);
            return result;
        }
    }

    Message m;
    m.id = engine().nextMessageId();
    m.sentAt = now();
    m.enqueuedAt = now();
    m.size = size;
    m.group = r.messageGroupId.isEmpty() ? 0 : engine().intern(r.messageGroupId);
    m.sequence = m_nextSequence++;
    m.senderNode = quint16(r.senderNode);
    if (!r.body.isEmpty() || !r.attributes.empty() || !r.traceHeader.isEmpty()) {
        Payload p;
        p.body = r.body;
        p.attributes = r.attributes;
        p.deduplicationId = dedupId;
        p.traceHeader = r.traceHeader;
        p.senderId = r.senderId;
        m.payload = engine().payloads().add(std::move(p));
    }
    if (m_config.fifo) {
        const QString key = m_config.deduplicationScopeGroup
                                ? r.messageGroupId + QChar(0x1f) + dedupId
                                : dedupId;
        m_dedup.insert(key, DedupEntry{now() + kDedupWindow, m.id});
        m_dedupExpiry.emplace_back(now() + kDedupWindow, key);
    }
    ++m_stats.sent;
    trace(TraceKind::Sent, m.id, m.size, r.senderNode, m.group);

    result.messageId = m.id;
    if (m_config.fifo)
        result.sequenceNumber = sequenceNumberText(m);

    const int delay = r.delaySeconds >= 0 ? r.delaySeconds : m_config.delaySeconds;
    if (delay > 0) {
        const SimTime releaseAt = now() + delay * kSecond;
        m_delayed.push_back(Delayed{releaseAt, m});
        std::push_heap(m_delayed.begin(), m_delayed.end(), std::greater<Delayed>());
        trace(TraceKind::Delayed, m.id, releaseAt);
        scheduleDelayTimer();
    } else {
        makeVisible(m, false);
    }
    return result;
}

void SqsQueue::pruneDedup()
{
    while (!m_dedupExpiry.empty() && m_dedupExpiry.front().first <= now()) {
        const auto it = m_dedup.find(m_dedupExpiry.front().second);
        if (it != m_dedup.end() && it->expiresAt <= now())
            m_dedup.erase(it);
        m_dedupExpiry.pop_front();
    }
}

bool SqsQueue::throttle(Action action, const std::vector<quint32> &groups)
{
    if (!m_config.fifo)
        return false; // standard queues: nearly unlimited (spec §1.14)
    // Windows are the seconds (k-1, k], the same intervals the metrics are sampled over.
    const qint64 second = (now() + kSecond - 1) / kSecond;
    auto over = [second](Window &w, int limit) {
        if (w.second != second) {
            w.second = second;
            w.count = 0;
        }
        return w.count >= limit;
    };
    Window &queueWindow = m_apiWindow[int(action)];
    const int queueLimit = m_config.highThroughput() ? m_config.highThroughputTps
                                                     : m_config.fifoApiTps;
    bool throttled = over(queueWindow, queueLimit);
    // High-throughput mode: each message group keeps its own 300 requests/s.
    std::vector<Window *> groupWindows;
    if (!throttled && m_config.highThroughput() && action == Action::Send) {
        for (quint32 g : groups) {
            Window &w = m_groupWindows[(quint64(action) << 32) | g];
            if (std::find(groupWindows.begin(), groupWindows.end(), &w) != groupWindows.end())
                continue;
            if (over(w, m_config.fifoApiTps)) {
                throttled = true;
                break;
            }
            groupWindows.push_back(&w);
        }
    }
    if (throttled) {
        ++m_stats.throttled;
        trace(TraceKind::Throttled, 0, qint64(action));
        return true;
    }
    ++queueWindow.count;
    for (Window *w : groupWindows)
        ++w->count;
    return false;
}

void SqsQueue::accumulateArea()
{
    const SimTime t = now();
    m_stats.visibleArea += double(m_store->visibleCount()) * toSeconds(t - m_visibleSince);
    m_visibleSince = t;
}

void SqsQueue::makeVisible(const Message &m, bool returning)
{
    accumulateArea();
    if (returning) {
        m_store->putBack(m);
        m_returned.emplace(m.id, m.group);
    } else {
        m_store->push(m);
    }
    scheduleRetentionSweep();
    requestServe();
}

void SqsQueue::acceptDeadLetter(Message m)
{
    // Standard: the retention clock keeps the original enqueue time; FIFO: it restarts.
    m.sequence = m_nextSequence++;
    if (m_config.fifo)
        m.enqueuedAt = now();
    ++m_stats.movedIn;
    makeVisible(m, false);
}

void SqsQueue::endFlight(const Message &m)
{
    // A FIFO group may be free again, and there is room under the in-flight limit.
    m_store->endFlight(m.group);
    requestServe();
}

void SqsQueue::dropMessage(const Message &m)
{
    if (m.payload) // most messages have none
        engine().payloads().release(m.payload);
}

SimTime SqsQueue::retentionDeadline(const Message &m) const
{
    return m.enqueuedAt + SimTime(m_config.messageRetentionPeriod) * kSecond;
}

// --- Receiving --------------------------------------------------------------------------

SqsReceiveResult SqsQueue::receiveMessage(const SqsReceiveRequest &req,
                                          SqsReceiver *receiver,
                                          quint64 token)
{
    SqsReceiveResult result;
    receiveMessage(req, receiver, token, result);
    return result;
}

void SqsQueue::receiveMessage(const SqsReceiveRequest &req,
                              SqsReceiver *receiver,
                              quint64 token,
                              SqsReceiveResult &result)
{
    if (!result.error.ok())
        result.error = SqsError();
    result.waiting = false;
    result.messages.clear();
    if (req.maxNumberOfMessages < 1 || req.maxNumberOfMessages > 10) {
        result.error = invalidValue(QStringLiteral("Value %1 for parameter MaxNumberOfMessages is "
                                                   "invalid. Reason: Must be between 1 and 10, "
                                                   "if provided.")
                                        .arg(req.maxNumberOfMessages));
        return;
    }
    if (req.waitTimeSeconds > 20 || req.waitTimeSeconds < -1) {
        result.error = invalidValue(QStringLiteral("Value %1 for parameter WaitTimeSeconds is "
                                                   "invalid. Reason: Must be >= 0 and <= 20, if "
                                                   "provided.")
                                        .arg(req.waitTimeSeconds));
        return;
    }
    if (req.visibilityTimeout > 43200 || req.visibilityTimeout < -1) {
        result.error = invalidValue(QStringLiteral("Value %1 for parameter VisibilityTimeout is "
                                                   "invalid. Reason: Must be >= 0 and <= 43200, "
                                                   "if provided.")
                                        .arg(req.visibilityTimeout));
        return;
    }
    if (m_config.fifo && throttle(Action::Receive, {})) {
        result.error = SqsError(SqsErrorCode::RequestThrottled, QStringLiteral("Rate exceeded"));
        return;
    }
    const int wait = req.waitTimeSeconds >= 0 ? req.waitTimeSeconds
                                              : m_config.receiveMessageWaitTimeSeconds;
    const int visibility = req.visibilityTimeout >= 0 ? req.visibilityTimeout
                                                      : m_config.visibilityTimeout;
    const bool atLimit = qint64(m_inFlight.size()) >= m_config.inFlightLimit;

    if (wait == 0) {
        // Short poll: a standard queue at its in-flight limit says OverLimit (spec §1.14).
        if (atLimit && !m_config.fifo) {
            result.error = SqsError(SqsErrorCode::OverLimit,
                                    QStringLiteral("Too many messages in flight: the queue "
                                                   "has reached its in-flight limit of %1.")
                                        .arg(m_config.inFlightLimit));
            return;
        }
        // A short poll samples a subset of the servers: with a small backlog it can miss
        // every message (spec §1.5).
        const std::size_t visible = m_store->visibleCount();
        if (visible > 0 && qint64(visible) < m_config.shortPollSmallBacklog
            && rng().bernoulli(m_config.shortPollEmptyProbability)) {
            ++m_stats.emptyReceives;
            ++m_stats.falseEmptyReceives;
            trace(TraceKind::EmptyReceive, 0, 1, req.receiverNode);
            return;
        }
        // Otherwise the servers it samples hold only some of a small backlog: it returns
        // from one message up to what it asked for, at random (spec §1.5).
        int max = req.maxNumberOfMessages;
        if (max > 1 && visible > 1 && qint64(visible) < m_config.shortPollSmallBacklog)
            max = int(rng().uniformInt(1, std::min<qint64>(max, qint64(visible))));
        if (!atLimit)
            takeMessages(max, visibility, req.receiverNode, result.messages);
        if (result.messages.empty()) {
            ++m_stats.emptyReceives;
            trace(TraceKind::EmptyReceive, 0, 0, req.receiverNode);
        }
        return;
    }

    // Long poll: answer at once when anything is there, else wait for a message or the end.
    if (!atLimit && m_waiters.empty())
        takeMessages(req.maxNumberOfMessages, visibility, req.receiverNode, result.messages);
    if (!result.messages.empty())
        return;
    Q_ASSERT(receiver);
    SqsReceiveRequest held = req;
    held.visibilityTimeout = visibility;
    const quint64 waiterId = m_nextWaiterId++;
    m_waiters.push_back(Waiter{waiterId, receiver, token, held, {}});
    m_waiters.back().buffer.swap(result.messages); // empty; its capacity serves the answer
    schedule(SimTime(wait) * kSecond, LongPollExpired, waiterId);
    result.waiting = true;
    requestServe();
    return;
}

void SqsQueue::takeMessages(int max,
                            int visibilityTimeout,
                            int receiverNode,
                            std::vector<SqsReceivedMessage> &out)
{
    std::vector<Message> &taken = m_taken;
    while (int(out.size()) < max) {
        const qint64 room = qint64(m_config.inFlightLimit) - qint64(m_inFlight.size());
        const int want = int(std::min<qint64>(max - int(out.size()), room));
        if (want <= 0)
            break;
        taken.clear();
        accumulateArea();
        if (m_config.outOfOrderProbability > 0 && !m_config.fifo)
            m_store->takeOutOfOrder(want, taken, rng(), m_config.outOfOrderProbability);
        else
            m_store->take(want, taken);
        if (taken.empty())
            break;
        for (Message &m : taken) {
            if (!m_returned.empty()) // usually empty: no hashing then
                m_returned.erase(m.id);
            if (now() >= retentionDeadline(m)) {
                m_store->endFlight(m.group);
                ++m_stats.expired;
                trace(TraceKind::Expired, m.id);
                dropMessage(m);
                continue;
            }
            // Received maxReceiveCount times already: it goes to the DLQ instead (§1.4).
            if (m_dlq && m.receiveCount >= m_config.maxReceiveCount) {
                m_store->endFlight(m.group);
                moveToDeadLetterQueue(m);
                continue;
            }
            ++m.receiveCount;
            if (m.firstReceiveAt < 0) {
                m.firstReceiveAt = now();
                const SimTime wait = now() - m.sentAt;
                m_stats.waitSumSeconds += toSeconds(wait);
                ++m_stats.waitCount;
                m_waitHistogram.add(wait);
            }
            ++m_stats.received;
            // Filled where it is stored (a whole entry built on the stack and copied in was
            // read back before its pieces had been written: a stalled load per receive).
            InFlight &entry = m_inFlight.insert(m.id);
            entry.message = m;
            entry.receivedAt = now();
            entry.visibleAt = now() + SimTime(visibilityTimeout) * kSecond;
            entry.serial = ++m_receiveSerial;
            scheduleVisibilityTimer(m.id, entry);
            trace(TraceKind::Received, m.id, m.receiveCount, receiverNode, m.group);
            SqsReceivedMessage &received = out.emplace_back();
            received.message = m;
            received.handle = SqsReceiptHandle{id(), m.id, entry.serial};
        }
    }
}

void SqsQueue::moveToDeadLetterQueue(Message m)
{
    ++m_stats.movedToDlq;
    trace(TraceKind::MovedToDlq, m.id, m_dlq->id(), m.receiveCount, m.group);
    m_dlq->acceptDeadLetter(m);
}

void SqsQueue::cancelLongPolls(SqsReceiver *receiver)
{
    m_waiters.erase(std::remove_if(m_waiters.begin(),
                                   m_waiters.end(),
                                   [receiver](const Waiter &w) { return w.receiver == receiver; }),
                    m_waiters.end());
}

void SqsQueue::cancelLongPoll(SqsReceiver *receiver, quint64 token)
{
    m_waiters.erase(std::remove_if(m_waiters.begin(),
                                   m_waiters.end(),
                                   [&](const Waiter &w) {
                                       return w.receiver == receiver && w.token == token;
                                   }),
                    m_waiters.end());
}

void SqsQueue::requestServe()
{
    // One branch for the three conditions (after every send and every delete; whether a
    // long poll waits then is random).
    if (int(!m_serveScheduled) & int(!m_waiters.empty()) & int(m_store->visibleCount() > 0)) {
        m_serveScheduled = true;
        engine().schedule(now(), this, ServeLongPolls, 0, Engine::PriorityEarly);
    }
}

void SqsQueue::serveLongPolls()
{
    m_serveScheduled = false;
    std::vector<Answer> answers;
    answers.swap(m_answers); // reuse the scratch list's capacity (callbacks may re-enter)
    // Waiters are served in the order they arrived, while there is something to give.
    while (!m_waiters.empty() && m_store->visibleCount() > 0
           && qint64(m_inFlight.size()) < m_config.inFlightLimit) {
        Waiter w = std::move(m_waiters.front());
        m_waiters.pop_front();
        Answer a{w.receiver, w.token, std::move(w.buffer)};
        takeMessages(w.request.maxNumberOfMessages,
                     w.request.visibilityTimeout,
                     w.request.receiverNode,
                     a.messages);
        if (a.messages.empty()) {
            // takeMessages takes until it has enough or nothing is receivable (a FIFO queue
            // whose visible messages are all in blocked groups): the others wait too.
            w.buffer = std::move(a.messages);
            m_waiters.push_front(std::move(w));
            break;
        }
        answers.push_back(std::move(a));
    }
    // Answer after the bookkeeping: a receiver may call back into this queue.
    for (Answer &a : answers)
        a.receiver->longPollFinished(a.token, std::move(a.messages));
    answers.clear();
    if (m_answers.capacity() < answers.capacity())
        m_answers.swap(answers);
}

// --- Visibility, deletion ---------------------------------------------------------------

void SqsQueue::scheduleVisibilityTimer(quint64 messageId, InFlight &entry)
{
    ++entry.generation;
    const SimTime at = std::min(entry.visibleAt, retentionDeadline(entry.message));
    scheduleAt(std::max(at, now()), VisibilityExpired, (messageId << 16) | entry.generation);
}

void SqsQueue::onVisibilityExpired(quint64 messageId, quint16 generation)
{
    InFlight *found = m_inFlight.find(messageId);
    if (!found || found->generation != generation)
        return;
    const InFlight entry = *found;
    m_inFlight.erase(found);
    if (now() >= retentionDeadline(entry.message)) {
        // Retention deletes in-flight messages too (spec §1.12).
        endFlight(entry.message);
        ++m_stats.expired;
        trace(TraceKind::Expired, messageId);
        dropMessage(entry.message);
        return;
    }
    ++m_stats.visibleAgain;
    trace(TraceKind::VisibleAgain, messageId, entry.message.receiveCount, entry.deleteLost);
    makeVisible(entry.message, true);
}

SqsError SqsQueue::deleteMessage(const SqsReceiptHandle &handle, SqsDeleteOutcome *outcome)
{
    // Refused: nothing changes (rare; the consumer's questions asked the long way).
    auto refused = [&](SqsError error) {
        if (outcome) {
            outcome->receivedSince = receivedSince(handle);
            outcome->stillHeld = holdsReceivedMessage(handle.messageId);
        }
        return error;
    };
    if (handle.queueNode != id() || handle.serial == 0 || handle.serial > m_receiveSerial)
        return refused(SqsError(SqsErrorCode::ReceiptHandleIsInvalid,
                                QStringLiteral("The input receipt handle is not a valid receipt "
                                               "handle.")));
    if (m_config.fifo && throttle(Action::Delete, {}))
        return refused(SqsError(SqsErrorCode::RequestThrottled, QStringLiteral("Rate exceeded")));

    if (InFlight *found = m_inFlight.find(handle.messageId)) {
        InFlight &entry = *found;
        const bool stale = entry.serial != handle.serial;
        if (outcome) {
            outcome->receivedSince = stale;
            outcome->stillHeld = true; // unless deleted below
        }
        // An earlier handle: AWS answers success but "might not" delete (spec §1.7).
        if (stale && !m_config.oldHandleDeletes)
            return SqsError();
        // At-least-once: a standard queue can lose a delete and deliver the message again.
        if (!m_config.fifo && !entry.deleteLost
            && rng().bernoulli(m_config.duplicateDeliveryProbability)) {
            entry.deleteLost = true;
            ++m_stats.duplicateDeliveries;
            trace(TraceKind::DeleteLost, handle.messageId);
            return SqsError();
        }
        const Message m = entry.message;
        m_inFlight.erase(found);
        endFlight(m);
        ++m_stats.deleted;
        m_deleteLatency.add(now() - m.sentAt);
        trace(TraceKind::Deleted, m.id, stale ? 1 : 0);
        dropMessage(m);
        if (outcome)
            outcome->stillHeld = visibleAfterFlight(m.id); // no longer in flight
        return SqsError();
    }
    if (outcome)
        outcome->receivedSince = visibleAfterFlight(handle.messageId);
    if (!m_returned.empty())
        deleteVisibleAfterFlight(handle);
    if (outcome) // not in flight, before or after
        outcome->stillHeld = visibleAfterFlight(handle.messageId);
    return SqsError();
}

void SqsQueue::deleteVisibleAfterFlight(const SqsReceiptHandle &handle)
{
    // Not in flight: visible again after a flight (an earlier handle), or already gone.
    const auto returned = m_returned.find(handle.messageId);
    if (returned != m_returned.end() && m_config.oldHandleDeletes) {
        Message m;
        accumulateArea();
        if (m_store->erase(handle.messageId, returned->second, &m)) {
            m_returned.erase(returned);
            ++m_stats.deleted;
            m_deleteLatency.add(now() - m.sentAt);
            trace(TraceKind::Deleted, m.id, 1);
            dropMessage(m);
        }
    }
}

SimTime SqsQueue::maxVisibilityEnd(const InFlight &entry) const
{
    const SimTime from = m_config.visibilityCapFromFirstReceive ? entry.message.firstReceiveAt
                                                                : entry.receivedAt;
    return from + kMaxVisibility;
}

SqsError SqsQueue::changeMessageVisibility(const SqsReceiptHandle &handle, int timeout)
{
    if (handle.queueNode != id() || handle.serial == 0 || handle.serial > m_receiveSerial)
        return SqsError(SqsErrorCode::ReceiptHandleIsInvalid,
                        QStringLiteral("The input receipt handle is not a valid receipt "
                                       "handle."));
    if (timeout < 0 || timeout > 43200)
        return invalidValue(QStringLiteral("Value %1 for parameter VisibilityTimeout is invalid. "
                                           "Reason: Must be between 0 and 43200, if provided.")
                                .arg(timeout));
    InFlight *found = m_inFlight.find(handle.messageId);
    if (!found)
        return SqsError(SqsErrorCode::MessageNotInflight,
                        QStringLiteral("Message does not exist or is not available for "
                                       "visibility timeout change."));
    InFlight &entry = *found;
    if (entry.serial != handle.serial)
        return SqsError(SqsErrorCode::ReceiptHandleIsInvalid,
                        QStringLiteral("The receipt handle has expired."));
    // The new timeout counts from now; past the 12-hour cap the call is refused (§1.6).
    const SimTime visibleAt = now() + SimTime(timeout) * kSecond;
    if (visibleAt > maxVisibilityEnd(entry))
        return invalidValue(QStringLiteral("Value %1 for parameter VisibilityTimeout is invalid. "
                                           "Reason: Total VisibilityTimeout for the message is "
                                           "beyond the limit [43200 seconds]")
                                .arg(timeout));
    trace(TraceKind::VisibilityChanged, handle.messageId, visibleAt);
    if (timeout == 0) {
        const InFlight released = entry;
        m_inFlight.erase(handle.messageId);
        makeVisible(released.message, true);
        return SqsError();
    }
    entry.visibleAt = visibleAt;
    scheduleVisibilityTimer(handle.messageId, entry);
    return SqsError();
}

SqsError SqsQueue::purge()
{
    if (m_lastPurge >= 0 && now() - m_lastPurge < kPurgeInterval)
        return SqsError(SqsErrorCode::PurgeQueueInProgress,
                        QStringLiteral("Only one PurgeQueue operation on %1 is allowed every "
                                       "60 seconds.")
                            .arg(name()));
    m_lastPurge = now();
    accumulateArea();
    std::vector<Message> removed;
    m_store->clear(removed);
    m_inFlight.forEach([&](quint64, const InFlight &entry) { removed.push_back(entry.message); });
    for (const Delayed &d : m_delayed)
        removed.push_back(d.message);
    m_inFlight.clear();
    m_delayed.clear();
    m_returned.clear();
    for (const Message &m : removed)
        dropMessage(m);
    m_stats.purged += removed.size();
    trace(TraceKind::Purged, 0, qint64(removed.size()));
    return SqsError();
}

// --- Delay and retention timers ------------------------------------------------------------

void SqsQueue::scheduleDelayTimer()
{
    if (m_delayed.empty())
        return;
    const SimTime at = m_delayed.front().releaseAt;
    if (at >= m_delayTimerAt)
        return; // an earlier timer is already pending
    m_delayTimerAt = at;
    scheduleAt(std::max(at, now()), DelayReleased, ++m_delayTimerGeneration);
}

void SqsQueue::releaseDueDelayed()
{
    while (!m_delayed.empty() && m_delayed.front().releaseAt <= now()) {
        std::pop_heap(m_delayed.begin(), m_delayed.end(), std::greater<Delayed>());
        const Message m = m_delayed.back().message;
        m_delayed.pop_back();
        if (now() >= retentionDeadline(m)) {
            ++m_stats.expired;
            trace(TraceKind::Expired, m.id);
            dropMessage(m);
            continue;
        }
        trace(TraceKind::Released, m.id);
        makeVisible(m, false);
    }
    scheduleDelayTimer();
}

void SqsQueue::scheduleRetentionSweep()
{
    const SimTime oldest = m_store->oldestEnqueuedAt();
    if (oldest == kNever)
        return;
    const SimTime at = oldest + SimTime(m_config.messageRetentionPeriod) * kSecond;
    if (at >= m_sweepAt)
        return;
    m_sweepAt = at;
    scheduleAt(std::max(at, now()), RetentionSweep, ++m_sweepGeneration);
}

void SqsQueue::sweepRetention()
{
    const SimTime cutoff = now() - SimTime(m_config.messageRetentionPeriod) * kSecond + 1;
    Message m;
    accumulateArea();
    while (m_store->popOldestBefore(cutoff, &m)) {
        m_returned.erase(m.id);
        ++m_stats.expired;
        trace(TraceKind::Expired, m.id);
        dropMessage(m);
    }
    scheduleRetentionSweep();
}

void SqsQueue::handleEvent(quint32 type, quint64 arg)
{
    switch (type) {
    case VisibilityExpired:
        onVisibilityExpired(arg >> 16, quint16(arg & 0xffff));
        break;
    case DelayReleased:
        if (arg == m_delayTimerGeneration) {
            m_delayTimerAt = kNever;
            releaseDueDelayed();
        }
        break;
    case RetentionSweep:
        if (arg == m_sweepGeneration) {
            m_sweepAt = kNever;
            sweepRetention();
        }
        break;
    case LongPollExpired: {
        const auto it = std::find_if(m_waiters.begin(), m_waiters.end(), [arg](const Waiter &w) {
            return w.id == arg;
        });
        if (it == m_waiters.end())
            break; // answered already
        Waiter w = std::move(*it);
        m_waiters.erase(it);
        ++m_stats.emptyReceives;
        trace(TraceKind::EmptyReceive, 0, 0, w.request.receiverNode);
        w.receiver->longPollFinished(w.token, std::move(w.buffer)); // empty
        break;
    }
    case ServeLongPolls:
        serveLongPolls();
        break;
    default:
        break;
    }
}

void SqsQueue::start() {}

void SqsQueue::shutdown()
{
    m_waiters.clear();
    m_dlq = nullptr;
}

} // namespace flowlab
