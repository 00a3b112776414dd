#pragma once

#include "model/NodeKind.h"

class QMimeData;

namespace flowlab {

/// The MIME type of a palette drag: the data is nodeKindId(kind) in UTF-8.
inline constexpr char kNodeKindMimeType[] = "application/x-flowlab-node-kind";

/// Drag data for a palette entry.
QMimeData *createNodeKindMimeData(NodeKind kind);
/// True when `data` carries a node kind this build knows.
bool hasNodeKind(const QMimeData *data);
/// Reads the node kind of a palette drag; false when `data` holds none or an unknown one.
bool nodeKindFromMimeData(const QMimeData *data, NodeKind *kind);

} // namespace flowlab
