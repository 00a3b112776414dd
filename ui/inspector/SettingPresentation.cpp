#include "SettingPresentation.h"

#include <QCoreApplication>
#include <QSet>

namespace flowlab {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("SettingPresentation", text);
}

bool refuse(QString *reason, const QString &text)
{
    if (reason)
        *reason = text;
    return false;
}
} // namespace

bool SettingPresentation::isAdvanced(NodeKind kind, const QString &key)
{
    // What a first look at a queue does not need: AWS service limits and the model's own
    // fidelity switches. The behaviour people come to see stays in front.
    static const QSet<QString> queue{
        QStringLiteral("shortPollEmptyProbability"),
        QStringLiteral("shortPollSmallBacklog"),
        QStringLiteral("inFlightLimit"),
        QStringLiteral("fifoApiTps"),
        QStringLiteral("highThroughputTps"),
        QStringLiteral("maximumMessageSize"),
        QStringLiteral("oldHandleDeletes"),
        QStringLiteral("visibilityCapFromFirstReceive"),
    };
    static const QSet<QString> consumer{
        QStringLiteral("emptyPollPause"),
        QStringLiteral("restartDelay"),
    };
    switch (kind) {
    case NodeKind::SqsQueue:
        return queue.contains(key);
    case NodeKind::ConsumerGroup:
        return consumer.contains(key);
    case NodeKind::Producer:
    case NodeKind::SqsClient:
        return false;
    }
    return false;
}

bool SettingPresentation::applies(const Node &node, const QString &key, QString *reason)
{
    switch (node.kind) {
    case NodeKind::Producer:
        if (key.startsWith(QLatin1String("spike"))
            && node.setting(QStringLiteral("pattern")).toString() != QLatin1String("spike"))
            return refuse(reason, tr("Only with the spike arrival pattern."));
        return true;
    case NodeKind::SqsQueue: {
        static const QSet<QString> fifoOnly{
            QStringLiteral("contentBasedDeduplication"),
            QStringLiteral("deduplicationScope"),
            QStringLiteral("fifoThroughputLimit"),
            QStringLiteral("fifoApiTps"),
            QStringLiteral("highThroughputTps"),
        };
        const bool fifo = node.setting(QStringLiteral("fifo")).toBool();
        if (!fifo && fifoOnly.contains(key))
            return refuse(reason, tr("Only for FIFO queues."));
        if (fifo && key == QLatin1String("duplicateDeliveryProbability"))
            return refuse(reason, tr("Only for standard queues: FIFO queues deliver once."));
        if (fifo && key == QLatin1String("outOfOrderProbability"))
            return refuse(reason,
                          tr("Only for standard queues: FIFO queues keep the order of each "
                             "message group."));
        return true;
    }
    case NodeKind::ConsumerGroup:
        if (key == QLatin1String("processingSpread")) {
            const QString shape = node.setting(QStringLiteral("processing")).toString();
            if (shape != QLatin1String("uniform") && shape != QLatin1String("lognormal"))
                return refuse(reason, tr("Only for the uniform and log-normal processing times."));
        }
        return true;
    case NodeKind::SqsClient:
        return true;
    }
    return true;
}

} // namespace flowlab
