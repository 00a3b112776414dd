#pragma once

#include <QString>

namespace flowlab {

/// The kinds of node a diagram can hold. The file format stores them by their id string
/// (nodeKindId), so the enum order is free to change.
enum class NodeKind {
    Producer,
    SqsQueue,
    ConsumerGroup,
};

/// All kinds the engine implements, in palette order.
inline constexpr NodeKind kAllNodeKinds[] = {NodeKind::Producer,
                                             NodeKind::SqsQueue,
                                             NodeKind::ConsumerGroup};

/// Stable identifier used in .flowlab files ("producer", "sqs-queue", "consumer-group").
QString nodeKindId(NodeKind kind);
/// Human readable name ("Producer", "SQS queue", "Consumer group").
QString nodeKindDisplayName(NodeKind kind);
/// The name inside a sentence: "producer", "SQS queue", "consumer group".
QString nodeKindNoun(NodeKind kind);
/// Parses an id string; returns false for an unknown kind.
bool nodeKindFromId(const QString &id, NodeKind *kind);

} // namespace flowlab
