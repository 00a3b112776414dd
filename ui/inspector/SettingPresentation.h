#pragma once

#include "model/Diagram.h"

#include <QString>

namespace flowlab {

/// How the inspector presents settings beyond what PropertySchema says: which ones are
/// "advanced" (model-fidelity knobs, folded away until asked for) and which ones do not apply
/// to a node as it is set up now (a spike's rate without the spike pattern, FIFO throughput
/// limits on a standard queue). Kept in one table here; if PropertyDef grows such fields,
/// this becomes a lookup.
class SettingPresentation
{
public:
    /// Folded under "Advanced settings".
    static bool isAdvanced(NodeKind kind, const QString &key);
    /// Whether `key` has an effect on `node` as it is set up; if not, says why in
    /// `*reason` ("Only for FIFO queues.").
    static bool applies(const Node &node, const QString &key, QString *reason = nullptr);
};

} // namespace flowlab
