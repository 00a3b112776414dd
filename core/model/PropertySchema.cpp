#include "PropertySchema.h"

#include <QLocale>

#include <cmath>

namespace flowlab {

namespace {

PropertyDef boolProp(
    const char *key, const char *label, bool def, const char *tip, bool createOnly = false)
{
    PropertyDef d;
    d.key = QString::fromLatin1(key);
    d.label = QString::fromLatin1(label);
    d.type = PropertyDef::Type::Bool;
    d.defaultValue = def;
    d.toolTip = QString::fromUtf8(tip);
    d.createOnly = createOnly;
    return d;
}

PropertyDef intProp(const char *key,
                    const char *label,
                    qint64 def,
                    qint64 min,
                    qint64 max,
                    const char *unit,
                    const char *tip)
{
    PropertyDef d;
    d.key = QString::fromLatin1(key);
    d.label = QString::fromLatin1(label);
    d.type = PropertyDef::Type::Int;
    d.defaultValue = def;
    d.minimum = double(min);
    d.maximum = double(max);
    d.unit = QString::fromUtf8(unit);
    d.toolTip = QString::fromUtf8(tip);
    return d;
}

PropertyDef doubleProp(const char *key,
                       const char *label,
                       double def,
                       double min,
                       double max,
                       const char *unit,
                       const char *tip)
{
    PropertyDef d;
    d.key = QString::fromLatin1(key);
    d.label = QString::fromLatin1(label);
    d.type = PropertyDef::Type::Double;
    d.defaultValue = def;
    d.minimum = min;
    d.maximum = max;
    d.unit = QString::fromUtf8(unit);
    d.toolTip = QString::fromUtf8(tip);
    return d;
}

PropertyDef enumProp(
    const char *key, const char *label, const char *def, QStringList choices, const char *tip)
{
    PropertyDef d;
    d.key = QString::fromLatin1(key);
    d.label = QString::fromLatin1(label);
    d.type = PropertyDef::Type::Enum;
    d.defaultValue = QString::fromLatin1(def);
    d.choices = std::move(choices);
    d.toolTip = QString::fromUtf8(tip);
    return d;
}

QVector<PropertyDef> producerProperties()
{
    return {
        enumProp("pattern",
                 "Arrival pattern",
                 "poisson",
                 {QStringLiteral("constant"), QStringLiteral("poisson"), QStringLiteral("spike")},
                 "Constant spaces messages evenly, Poisson draws exponential gaps, spike adds a "
                 "burst at a higher rate."),
        doubleProp("rate",
                   "Rate",
                   10.0,
                   0.001,
                   100000.0,
                   "msg/s",
                   "Average number of messages sent per second."),
        doubleProp("spikeRate",
                   "Spike rate",
                   500.0,
                   0.001,
                   100000.0,
                   "msg/s",
                   "Rate during the spike (spike pattern only)."),
        doubleProp("spikeStart",
                   "Spike start",
                   60.0,
                   0.0,
                   1209600.0,
                   "s",
                   "Virtual time at which the spike begins."),
        doubleProp("spikeDuration",
                   "Spike duration",
                   30.0,
                   0.0,
                   1209600.0,
                   "s",
                   "How long the spike lasts."),
        intProp("bodySizeMin",
                "Body size (min)",
                1024,
                1,
                1048576,
                "bytes",
                "Smallest message body; sizes are drawn uniformly between min and max."),
        intProp("bodySizeMax",
                "Body size (max)",
                1024,
                1,
                1048576,
                "bytes",
                "Largest message body; equal to the minimum for a constant size."),
        intProp("batchSize",
                "Batch size",
                1,
                1,
                10,
                "msg",
                "Messages per SendMessageBatch call (1 sends them one by one)."),
        intProp("messageGroups",
                "Message groups",
                1,
                1,
                100000,
                "",
                "Number of FIFO message groups the producer spreads its messages over."),
        enumProp("deduplication",
                 "Deduplication",
                 "message-id",
                 {QStringLiteral("message-id"), QStringLiteral("content"), QStringLiteral("none")},
                 "How FIFO deduplication ids are chosen: an explicit id per message, the "
                 "queue's content-based SHA-256 of the body, or none."),
        doubleProp("retryDuplicateProbability",
                   "Retry duplicates",
                   0.0,
                   0.0,
                   1.0,
                   "",
                   "Probability that a send is repeated as if the first response was lost."),
        intProp("messageDelay",
                "Message delay",
                -1,
                -1,
                900,
                "s",
                "Per-message DelaySeconds; -1 uses the queue's delay (not allowed on FIFO)."),
        intProp("maxMessages",
                "Stop after",
                0,
                0,
                1000000000,
                "msg",
                "Total messages to send; 0 sends for the whole run."),
    };
}

QVector<PropertyDef> queueProperties()
{
    return {
        boolProp("fifo",
                 "FIFO queue",
                 false,
                 "A FIFO queue keeps strict order per message group and deduplicates; the "
                 "type is fixed when the queue is created.",
                 true),
        intProp("visibilityTimeout",
                "Visibility timeout",
                30,
                0,
                43200,
                "s",
                "How long a received message stays hidden before it becomes visible again."),
        intProp("messageRetentionPeriod",
                "Retention",
                345600,
                60,
                1209600,
                "s",
                "Messages older than this are deleted, even while in flight."),
        intProp("delaySeconds",
                "Delivery delay",
                0,
                0,
                900,
                "s",
                "New messages stay invisible for this long after they are sent."),
        intProp("receiveMessageWaitTimeSeconds",
                "Receive wait time",
                0,
                0,
                20,
                "s",
                "Default long-poll wait for receives that do not set WaitTimeSeconds."),
        intProp("maximumMessageSize",
                "Maximum message size",
                1048576,
                1024,
                1048576,
                "bytes",
                "Largest body plus attributes the queue accepts."),
        boolProp("contentBasedDeduplication",
                 "Content-based deduplication",
                 false,
                 "FIFO only: use the SHA-256 of the body as the deduplication id."),
        enumProp("deduplicationScope",
                 "Deduplication scope",
                 "queue",
                 {QStringLiteral("queue"), QStringLiteral("messageGroup")},
                 "FIFO only: whether deduplication ids are unique per queue or per group."),
        enumProp("fifoThroughputLimit",
                 "Throughput limit",
                 "perQueue",
                 {QStringLiteral("perQueue"), QStringLiteral("perMessageGroupId")},
                 "FIFO only: perMessageGroupId with messageGroup scope is high-throughput mode."),
        intProp("maxReceiveCount",
                "Max receive count",
                10,
                1,
                1000,
                "",
                "With a dead-letter queue linked: receives after which a message is moved "
                "there."),
        doubleProp("duplicateDeliveryProbability",
                   "Duplicate delivery",
                   0.001,
                   0.0,
                   1.0,
                   "",
                   "Standard only: probability that a deleted message is delivered again "
                   "(at-least-once delivery)."),
        doubleProp("outOfOrderProbability",
                   "Out-of-order delivery",
                   0.0,
                   0.0,
                   1.0,
                   "",
                   "Standard only: probability that a message a receive returns is not the "
                   "oldest visible one but one of the next few (best-effort ordering)."),
        doubleProp("shortPollEmptyProbability",
                   "Short-poll empty chance",
                   0.05,
                   0.0,
                   1.0,
                   "",
                   "Probability that a short poll samples only empty servers while the queue "
                   "holds fewer messages than the small-backlog threshold."),
        intProp("shortPollSmallBacklog",
                "Small backlog threshold",
                1000,
                0,
                1000000,
                "msg",
                "Below this many visible messages a short poll may come back empty or with "
                "fewer messages than it asked for (0: never)."),
        intProp("inFlightLimit",
                "In-flight limit",
                120000,
                1,
                10000000,
                "msg",
                "Most messages that can be in flight at once."),
        intProp("fifoApiTps",
                "FIFO API limit",
                300,
                1,
                1000000,
                "req/s",
                "FIFO only: requests per second per API action (per group in "
                "high-throughput mode)."),
        intProp("highThroughputTps",
                "High-throughput limit",
                70000,
                1,
                10000000,
                "req/s",
                "FIFO high-throughput mode: requests per second per API action for the "
                "queue (70,000 in the largest regions)."),
        boolProp("oldHandleDeletes",
                 "Old receipt handles delete",
                 true,
                 "Whether a DeleteMessage with an earlier receipt handle of the message "
                 "still deletes it (AWS: it may not)."),
        boolProp("visibilityCapFromFirstReceive",
                 "12 h cap from first receive",
                 false,
                 "Whether the 12-hour visibility limit counts from the first receive of the "
                 "message rather than from the current one (AWS does not say)."),
    };
}

QVector<PropertyDef> consumerProperties()
{
    return {
        intProp("instances", "Instances", 2, 0, 10000, "", "EC2 instances in the Auto Scaling group."),
        intProp("concurrency",
                "Threads per instance",
                1,
                1,
                1000,
                "",
                "Messages each instance processes at the same time."),
        enumProp("processing",
                 "Processing time",
                 "exponential",
                 {QStringLiteral("constant"),
                  QStringLiteral("exponential"),
                  QStringLiteral("uniform"),
                  QStringLiteral("lognormal")},
                 "Distribution of the time one message takes to process."),
        doubleProp("processingMean",
                   "Mean processing time",
                   1.0,
                   0.000001,
                   86400.0,
                   "s",
                   "Average time to process one message."),
        doubleProp("processingSpread",
                   "Processing spread",
                   0.5,
                   0.0,
                   86400.0,
                   "s",
                   "Half-width for uniform, standard deviation for log-normal."),
        doubleProp("crashProbability",
                   "Crash probability",
                   0.0,
                   0.0,
                   1.0,
                   "",
                   "Probability that processing a message crashes the worker, leaving the "
                   "message undeleted."),
        doubleProp("restartDelay",
                   "Restart delay",
                   30.0,
                   0.0,
                   86400.0,
                   "s",
                   "Time a crashed worker needs before it polls again."),
        intProp("batchSize",
                "Batch size",
                1,
                1,
                10,
                "msg",
                "MaxNumberOfMessages asked for on each receive."),
        intProp("waitTimeSeconds",
                "Wait time",
                20,
                0,
                20,
                "s",
                "WaitTimeSeconds on each receive: 0 short-polls, 1-20 long-polls."),
        doubleProp("emptyPollPause",
                   "Pause after empty receive",
                   1.0,
                   0.0,
                   3600.0,
                   "s",
                   "How long a worker waits before polling again after an empty receive."),
        boolProp("visibilityHeartbeat",
                 "Visibility heartbeat",
                 false,
                 "Extend the visibility timeout while processing, half-way through each "
                 "timeout."),
        boolProp("deleteAfterProcessing",
                 "Delete after processing",
                 true,
                 "Call DeleteMessage when processing succeeds; off leaves every message to "
                 "come back."),
    };
}

// 100000 rather than 1e+05, 0.001 rather than 0.0010000: limits as a person writes them.
QString numberText(double v)
{
    if (v == std::floor(v) && std::abs(v) < 1e15)
        return QString::number(qint64(v));
    return QString::number(v, 'g', QLocale::FloatingPointShortest);
}

} // namespace

bool PropertyDef::accepts(const QVariant &value, QString *why) const
{
    auto fail = [why](const QString &text) {
        if (why)
            *why = text;
        return false;
    };
    switch (type) {
    case Type::Bool:
        if (value.typeId() != QMetaType::Bool)
            return fail(QStringLiteral("must be true or false"));
        return true;
    case Type::Int: {
        bool ok = false;
        const double d = value.toDouble(&ok);
        if (!ok || value.typeId() == QMetaType::Bool || value.typeId() == QMetaType::QString
            || std::floor(d) != d)
            return fail(QStringLiteral("must be a whole number"));
        if (d < minimum || d > maximum)
            return fail(QStringLiteral("must be between %1 and %2")
                            .arg(qint64(minimum))
                            .arg(qint64(maximum)));
        return true;
    }
    case Type::Double: {
        bool ok = false;
        const double d = value.toDouble(&ok);
        if (!ok || value.typeId() == QMetaType::Bool || value.typeId() == QMetaType::QString
            || !std::isfinite(d))
            return fail(QStringLiteral("must be a number"));
        if (d < minimum || d > maximum)
            return fail(QStringLiteral("must be between %1 and %2")
                            .arg(numberText(minimum), numberText(maximum)));
        return true;
    }
    case Type::Enum:
        if (value.typeId() != QMetaType::QString || !choices.contains(value.toString()))
            return fail(
                QStringLiteral("must be one of: %1").arg(choices.join(QStringLiteral(", "))));
        return true;
    case Type::String:
        if (value.typeId() != QMetaType::QString)
            return fail(QStringLiteral("must be a string"));
        return true;
    }
    return fail(QStringLiteral("has an unknown type"));
}

PropertySchema::PropertySchema(QVector<PropertyDef> properties)
    : m_properties(std::move(properties))
{}

const PropertySchema &PropertySchema::forKind(NodeKind kind)
{
    static const PropertySchema producer(producerProperties());
    static const PropertySchema queue(queueProperties());
    static const PropertySchema consumer(consumerProperties());
    // An AWS client is driven by the real client behind it: nothing to set.
    static const PropertySchema client({});
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
    return producer;
}

const PropertyDef *PropertySchema::find(const QString &key) const
{
    for (const PropertyDef &d : m_properties) {
        if (d.key == key)
            return &d;
    }
    return nullptr;
}

QVariantMap PropertySchema::defaults() const
{
    QVariantMap map;
    for (const PropertyDef &d : m_properties)
        map.insert(d.key, d.defaultValue);
    return map;
}

} // namespace flowlab
