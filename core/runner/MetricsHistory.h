#pragma once

#include "Frame.h"
#include "sim/SimTime.h"

#include <QHash>
#include <QStringList>

#include <vector>

namespace flowlab {

/// The metric rows of the running simulation, gathered on the receiving side from the
/// frames' FrameMetrics: one time column and, per node, the columns of its MetricsTable.
/// Fed every frame in order, it holds each node's table exactly as the engine has it (the
/// charts read it on the GUI thread; the engine's own tables never leave the worker).
///
/// A frame whose rows start at 0 begins a new simulation's history and clears the old
/// one; a null frame (Reset, a new document) clears it too. A node removed while running
/// keeps the rows it had; one added again under the same id starts afresh. A frame whose
/// rows do not follow the held ones (one was missed) empties it until the next start.
class MetricsHistory
{
public:
    /// Adds the rows `frame` carries; null clears.
    void apply(const FramePtr &frame);
    void apply(const FrameMetrics &metrics);
    void clear();

    /// End times of the rows, in virtual time.
    const std::vector<SimTime> &times() const { return m_times; }
    std::size_t rowCount() const { return m_times.size(); }
    /// Nodes that have had metrics, in the order first seen.
    const QList<int> &nodeIds() const { return m_order; }
    bool hasNode(int nodeId) const { return m_nodes.contains(nodeId); }
    QStringList columns(int nodeId) const;
    /// The node's column with that name (rows from 0); empty when there is none. A removed
    /// node's columns are shorter than times().
    const std::vector<double> &column(int nodeId, const QString &name) const;
    /// Increases with every change, so a reader can tell whether to redraw.
    quint64 revision() const { return m_revision; }

private:
    struct NodeColumns
    {
        QStringList names;
        std::vector<std::vector<double>> columns;
    };
    /// Returns true when something changed.
    bool applyNode(const NodeMetricRows &rows);

    std::vector<SimTime> m_times;
    QHash<int, NodeColumns> m_nodes;
    QList<int> m_order;
    quint64 m_revision = 0;
};

} // namespace flowlab
