#pragma once

#include <QString>

namespace flowlab {

/// The kinds of node a diagram can hold. The file format stores them by their id string
/// (nodeKindId), so the enum order is free to change.
enum class NodeKind {
    Producer,
    SqsQueue,
    ConsumerGroup,
    SqsClient, ///< a real AWS client of the local endpoint (flowlab --serve); not placed by hand
};

/// All kinds the engine implements (and a file may hold).
inline constexpr NodeKind kAllNodeKinds[]
    = {NodeKind::Producer, NodeKind::SqsQueue, NodeKind::ConsumerGroup, NodeKind::SqsClient};

/// The kinds a person places from the palette, in palette order. An AWS client node is not
/// among them: it appears when a real client first calls the endpoint.
inline constexpr NodeKind kPaletteNodeKinds[] = {NodeKind::Producer,
                                                 NodeKind::SqsQueue,
                                                 NodeKind::ConsumerGroup};

/// Stable identifier used in .flowlab files ("producer", "sqs-queue", "consumer-group",
/// "sqs-client").
QString nodeKindId(NodeKind kind);
/// Human readable name ("Producer", "SQS queue", "Consumer group", "AWS client").
QString nodeKindDisplayName(NodeKind kind);
/// The name inside a sentence: "producer", "SQS queue", "consumer group".
QString nodeKindNoun(NodeKind kind);
/// Parses an id string; returns false for an unknown kind.
bool nodeKindFromId(const QString &id, NodeKind *kind);

} // namespace flowlab
