// SqsQueue's live settings, counters, metrics and summary.

#include "Engine.h"
#include "SqsQueue.h"

#include <algorithm>

namespace flowlab {

bool SqsQueue::applySetting(const QString &key, const QVariant &value)
{
    if (key == QLatin1String("fifo"))
        return value.toBool() == m_config.fifo; // the type is fixed at creation (§1.1)

    QVariantMap one;
    one.insert(key, value);
    SqsQueueConfig next = m_config;
    const SqsQueueConfig parsed = SqsQueueConfig::fromSettings(one);
    // Copy over only the field that key names: fromSettings fills the rest with defaults.
    if (key == QLatin1String("visibilityTimeout")) {
        next.visibilityTimeout = parsed.visibilityTimeout; // later receives only
    } else if (key == QLatin1String("messageRetentionPeriod")) {
        next.messageRetentionPeriod = parsed.messageRetentionPeriod;
    } else if (key == QLatin1String("delaySeconds")) {
        next.delaySeconds = parsed.delaySeconds;
    } else if (key == QLatin1String("receiveMessageWaitTimeSeconds")) {
        next.receiveMessageWaitTimeSeconds = parsed.receiveMessageWaitTimeSeconds;
    } else if (key == QLatin1String("maximumMessageSize")) {
        next.maximumMessageSize = parsed.maximumMessageSize;
    } else if (key == QLatin1String("contentBasedDeduplication")) {
        next.contentBasedDeduplication = parsed.contentBasedDeduplication;
    } else if (key == QLatin1String("deduplicationScope")) {
        next.deduplicationScopeGroup = parsed.deduplicationScopeGroup;
    } else if (key == QLatin1String("fifoThroughputLimit")) {
        next.throughputPerGroup = parsed.throughputPerGroup;
    } else if (key == QLatin1String("maxReceiveCount")) {
        next.maxReceiveCount = parsed.maxReceiveCount;
    } else if (key == QLatin1String("duplicateDeliveryProbability")) {
        next.duplicateDeliveryProbability = parsed.duplicateDeliveryProbability;
    } else if (key == QLatin1String("outOfOrderProbability")) {
        next.outOfOrderProbability = parsed.outOfOrderProbability;
    } else if (key == QLatin1String("shortPollEmptyProbability")) {
        next.shortPollEmptyProbability = parsed.shortPollEmptyProbability;
    } else if (key == QLatin1String("shortPollSmallBacklog")) {
        next.shortPollSmallBacklog = parsed.shortPollSmallBacklog;
    } else if (key == QLatin1String("inFlightLimit")) {
        next.inFlightLimit = parsed.inFlightLimit;
    } else if (key == QLatin1String("fifoApiTps")) {
        next.fifoApiTps = parsed.fifoApiTps;
    } else if (key == QLatin1String("highThroughputTps")) {
        next.highThroughputTps = parsed.highThroughputTps;
    } else if (key == QLatin1String("oldHandleDeletes")) {
        next.oldHandleDeletes = parsed.oldHandleDeletes;
    } else if (key == QLatin1String("visibilityCapFromFirstReceive")) {
        next.visibilityCapFromFirstReceive = parsed.visibilityCapFromFirstReceive;
    } else {
        return false;
    }
    const SqsQueueConfig previous = m_config;
    m_config = next;

    if (next.messageRetentionPeriod != previous.messageRetentionPeriod) {
        // Lowering retention can expire messages at once; every timer is re-aimed.
        m_sweepAt = kNever;
        ++m_sweepGeneration;
        scheduleRetentionSweep();
        m_inFlight.forEach(
            [this](quint64 id, InFlight &entry) { scheduleVisibilityTimer(id, entry); });
    }
    if (next.fifo && next.delaySeconds != previous.delaySeconds) {
        // FIFO: a queue delay change is retroactive for messages still waiting (§1.2).
        for (Delayed &d : m_delayed)
            d.releaseAt = d.message.enqueuedAt + SimTime(next.delaySeconds) * kSecond;
        std::make_heap(m_delayed.begin(), m_delayed.end(), std::greater<Delayed>());
        m_delayTimerAt = kNever;
        ++m_delayTimerGeneration;
        releaseDueDelayed();
    }
    if (next.inFlightLimit > previous.inFlightLimit)
        requestServe();
    return true;
}

SimTime SqsQueue::oldestMessageEnqueuedAt() const
{
    const SimTime inFlight = m_inFlight.minOver(kNever, [](const InFlight &entry) {
        return entry.message.enqueuedAt;
    });
    return std::min(m_store->oldestEnqueuedAt(), inFlight);
}

double SqsQueue::ageOfOldestMessageSeconds() const
{
    const SimTime oldest = oldestMessageEnqueuedAt();
    return oldest == kNever ? 0.0 : toSeconds(now() - oldest);
}

SqsQueueStats SqsQueue::stats() const
{
    SqsQueueStats s = m_stats;
    s.visibleArea += double(m_store->visibleCount()) * toSeconds(now() - m_visibleSince);
    return s;
}

QVector<Counter> SqsQueue::counters() const
{
    return {
        {QStringLiteral("visible"), double(visibleCount())},
        {QStringLiteral("inFlight"), double(inFlightCount())},
        {QStringLiteral("delayed"), double(delayedCount())},
        {QStringLiteral("sent"), double(m_stats.sent)},
        {QStringLiteral("received"), double(m_stats.received)},
        {QStringLiteral("deleted"), double(m_stats.deleted)},
        {QStringLiteral("movedToDlq"), double(m_stats.movedToDlq)},
        {QStringLiteral("expired"), double(m_stats.expired)},
        {QStringLiteral("ageOfOldest"), ageOfOldestMessageSeconds()},
    };
}

void SqsQueue::sampleMetrics()
{
    const SqsQueueStats &s = m_stats;
    const SqsQueueStats &p = m_lastSample;
    static const double qs[] = {0.50, 0.90, 0.99};
    qint64 latency[3];
    m_deleteLatency.percentiles(qs, latency, 3);
    const double values[] = {
        double(visibleCount()),
        double(inFlightCount()),
        double(delayedCount()),
        ageOfOldestMessageSeconds(),
        double(s.sent - p.sent),
        double(s.received - p.received),
        double(s.deleted - p.deleted),
        double(s.emptyReceives - p.emptyReceives),
        double(s.movedToDlq - p.movedToDlq),
        double(s.expired - p.expired),
        double(s.deduplicated - p.deduplicated),
        double(s.throttled - p.throttled),
        toSeconds(latency[0]),
        toSeconds(latency[1]),
        toSeconds(latency[2]),
    };
    for (std::size_t i = 0; i < std::size(values); ++i)
        m_metrics.append(m_colVisible + int(i), values[i]);
    m_lastSample = m_stats;
    m_deleteLatency.clear();
}

QVector<QPair<QString, QString>> SqsQueue::summary() const
{
    const SqsQueueStats s = stats();
    const double elapsed = toSeconds(now());
    QVector<QPair<QString, QString>> rows = {
        {QStringLiteral("type"),
         m_config.fifo ? QStringLiteral("FIFO") : QStringLiteral("standard")},
        {QStringLiteral("sent"), QString::number(s.sent)},
        {QStringLiteral("received"), QString::number(s.received)},
        {QStringLiteral("deleted"), QString::number(s.deleted)},
        {QStringLiteral("empty receives"), QString::number(s.emptyReceives)},
        {QStringLiteral("visible at end"), QString::number(visibleCount())},
        {QStringLiteral("in flight at end"), QString::number(inFlightCount())},
        {QStringLiteral("delayed at end"), QString::number(delayedCount())},
        {QStringLiteral("visibility timeouts expired"), QString::number(s.visibleAgain)},
        {QStringLiteral("mean wait before first receive"),
         QStringLiteral("%1 s")
             .arg(s.waitCount ? s.waitSumSeconds / double(s.waitCount) : 0.0, 0, 'f', 3)},
        {QStringLiteral("mean visible depth"),
         QString::number(elapsed > 0 ? s.visibleArea / elapsed : 0.0, 'f', 2)},
    };
    if (m_dlq)
        rows.append({QStringLiteral("moved to DLQ"), QString::number(s.movedToDlq)});
    if (s.movedIn)
        rows.append({QStringLiteral("arrived from source queues"), QString::number(s.movedIn)});
    if (s.expired)
        rows.append({QStringLiteral("expired"), QString::number(s.expired)});
    if (m_config.fifo)
        rows.append({QStringLiteral("deduplicated"), QString::number(s.deduplicated)});
    if (s.throttled)
        rows.append({QStringLiteral("throttled requests"), QString::number(s.throttled)});
    if (s.duplicateDeliveries)
        rows.append(
            {QStringLiteral("lost deletes (duplicates)"), QString::number(s.duplicateDeliveries)});
    if (s.purged)
        rows.append({QStringLiteral("purged"), QString::number(s.purged)});
    return rows;
}

void SqsQueue::forEachMessage(const std::function<void(const SqsMessageView &)> &fn) const
{
    SqsMessageView view;
    m_store->forEachVisible([&](const Message &m) {
        view.message = &m;
        fn(view);
    });
    view.state = SqsMessageView::State::InFlight;
    m_inFlight.forEach([&](quint64, const InFlight &entry) {
        view.message = &entry.message;
        view.visibleAt = entry.visibleAt;
        fn(view);
    });
    view.state = SqsMessageView::State::Delayed;
    for (const Delayed &d : m_delayed) {
        view.message = &d.message;
        view.visibleAt = d.releaseAt;
        fn(view);
    }
}

} // namespace flowlab
