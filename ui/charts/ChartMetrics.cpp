#include "ChartMetrics.h"

#include <QCoreApplication>
#include <QStringList>

namespace flowlab {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("flowlab::ChartMetrics", text);
}

QVector<ChartMetric> queueMetrics()
{
    // Latency here is end to end as the queue sees it: SentTimestamp to DeleteMessage, over
    // the messages deleted in each second (the consumer group's own latency ends when its
    // processing does, just before the delete).
    return {
        {QStringLiteral("ApproximateNumberOfMessagesVisible"),
         tr("Visible"),
         ChartUnit::Messages,
         true},
        {QStringLiteral("ApproximateNumberOfMessagesNotVisible"),
         tr("In flight"),
         ChartUnit::Messages,
         true,
         tr("received, not yet deleted or visible again")},
        {QStringLiteral("ApproximateNumberOfMessagesDelayed"),
         tr("Delayed"),
         ChartUnit::Messages,
         false},
        {QStringLiteral("ApproximateAgeOfOldestMessage"),
         tr("Oldest message"),
         ChartUnit::Seconds,
         true,
         tr("age of the oldest message not deleted")},
        {QStringLiteral("NumberOfMessagesSent"), tr("Sent"), ChartUnit::PerSecond, true},
        {QStringLiteral("NumberOfMessagesReceived"), tr("Received"), ChartUnit::PerSecond, true},
        {QStringLiteral("NumberOfMessagesDeleted"), tr("Deleted"), ChartUnit::PerSecond, true},
        {QStringLiteral("NumberOfEmptyReceives"), tr("Empty receives"), ChartUnit::PerSecond, false},
        {QStringLiteral("NumberOfMessagesMovedToDLQ"),
         tr("Moved to DLQ"),
         ChartUnit::PerSecond,
         false},
        {QStringLiteral("NumberOfMessagesExpired"), tr("Expired"), ChartUnit::PerSecond, false},
        {QStringLiteral("NumberOfMessagesDeduplicated"),
         tr("Deduplicated"),
         ChartUnit::PerSecond,
         false},
        {QStringLiteral("NumberOfThrottledRequests"),
         tr("Throttled requests"),
         ChartUnit::PerSecond,
         false},
        {QStringLiteral("LatencyP50"),
         tr("Latency p50"),
         ChartUnit::Seconds,
         true,
         tr("sent to deleted")},
        {QStringLiteral("LatencyP90"),
         tr("Latency p90"),
         ChartUnit::Seconds,
         false,
         tr("sent to deleted")},
        {QStringLiteral("LatencyP99"),
         tr("Latency p99"),
         ChartUnit::Seconds,
         true,
         tr("sent to deleted")},
    };
}

QVector<ChartMetric> consumerMetrics()
{
    return {
        {QStringLiteral("Workers"),
         tr("Workers"),
         ChartUnit::Workers,
         true,
         tr("instances × threads")},
        {QStringLiteral("BusyWorkers"), tr("Workers busy"), ChartUnit::Workers, true},
        {QStringLiteral("MessagesProcessed"), tr("Processed"), ChartUnit::PerSecond, true},
        {QStringLiteral("DuplicatesProcessed"),
         tr("Duplicates processed"),
         ChartUnit::PerSecond,
         true},
        {QStringLiteral("Crashes"), tr("Crashes"), ChartUnit::PerSecond, false},
        {QStringLiteral("LatencyP50"),
         tr("Latency p50"),
         ChartUnit::Seconds,
         true,
         tr("sent to processed")},
        {QStringLiteral("LatencyP90"),
         tr("Latency p90"),
         ChartUnit::Seconds,
         false,
         tr("sent to processed")},
        {QStringLiteral("LatencyP99"),
         tr("Latency p99"),
         ChartUnit::Seconds,
         true,
         tr("sent to processed")},
    };
}

QVector<ChartMetric> producerMetrics()
{
    return {
        {QStringLiteral("MessagesSent"), tr("Sent"), ChartUnit::PerSecond, true},
        {QStringLiteral("SendFailures"), tr("Send failures"), ChartUnit::PerSecond, true},
        {QStringLiteral("ThrottledRequests"), tr("Throttled requests"), ChartUnit::PerSecond, false},
    };
}

// A real client of the endpoint (SqsClientNode's columns).
QVector<ChartMetric> clientMetrics()
{
    return {
        {QStringLiteral("Requests"), tr("Requests"), ChartUnit::PerSecond, false},
        {QStringLiteral("MessagesSent"), tr("Sent"), ChartUnit::PerSecond, true},
        {QStringLiteral("MessagesReceived"), tr("Received"), ChartUnit::PerSecond, true},
        {QStringLiteral("MessagesDeleted"), tr("Deleted"), ChartUnit::PerSecond, true},
    };
}
} // namespace

const QVector<ChartMetric> &chartMetrics(NodeKind kind)
{
    static const QVector<ChartMetric> producer = producerMetrics();
    static const QVector<ChartMetric> queue = queueMetrics();
    static const QVector<ChartMetric> consumer = consumerMetrics();
    static const QVector<ChartMetric> client = clientMetrics();
    switch (kind) {
    case NodeKind::Producer:
        return producer;
    case NodeKind::SqsQueue:
        return queue;
    case NodeKind::ConsumerGroup:
        return consumer;
    case NodeKind::SqsClient:
        return client;
    }
    static const QVector<ChartMetric> none;
    return none;
}

const ChartMetric *findChartMetric(NodeKind kind, const QString &column)
{
    for (const ChartMetric &m : chartMetrics(kind)) {
        if (m.column == column)
            return &m;
    }
    return nullptr;
}

QStringList defaultChartColumns(NodeKind kind)
{
    QStringList columns;
    for (const ChartMetric &m : chartMetrics(kind)) {
        if (m.byDefault)
            columns.append(m.column);
    }
    return columns;
}

QString chartUnitTitle(ChartUnit unit)
{
    switch (unit) {
    case ChartUnit::Messages:
        return tr("messages");
    case ChartUnit::PerSecond:
        return tr("per second");
    case ChartUnit::Seconds:
        return tr("seconds");
    case ChartUnit::Workers:
        return tr("workers");
    }
    return QString();
}

} // namespace flowlab
