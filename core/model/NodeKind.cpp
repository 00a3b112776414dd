#include "NodeKind.h"

namespace flowlab {

QString nodeKindId(NodeKind kind)
{
    switch (kind) {
    case NodeKind::Producer:
        return QStringLiteral("producer");
    case NodeKind::SqsQueue:
        return QStringLiteral("sqs-queue");
    case NodeKind::ConsumerGroup:
        return QStringLiteral("consumer-group");
    case NodeKind::SqsClient:
        return QStringLiteral("sqs-client");
    }
    return QString();
}

QString nodeKindDisplayName(NodeKind kind)
{
    switch (kind) {
    case NodeKind::Producer:
        return QStringLiteral("Producer");
    case NodeKind::SqsQueue:
        return QStringLiteral("SQS queue");
    case NodeKind::ConsumerGroup:
        return QStringLiteral("Consumer group");
    case NodeKind::SqsClient:
        return QStringLiteral("AWS client");
    }
    return QString();
}

QString nodeKindNoun(NodeKind kind)
{
    // Lower-case the first letter unless the name starts with an acronym ("SQS queue").
    QString name = nodeKindDisplayName(kind);
    if (name.size() > 1 && name.at(1).isLower())
        name[0] = name.at(0).toLower();
    return name;
}

bool nodeKindFromId(const QString &id, NodeKind *kind)
{
    for (NodeKind k : kAllNodeKinds) {
        if (nodeKindId(k) == id) {
            *kind = k;
            return true;
        }
    }
    return false;
}

} // namespace flowlab
