#include "MetricsHistory.h"

namespace flowlab {

void MetricsHistory::apply(const FramePtr &frame)
{
    if (!frame) {
        clear();
        return;
    }
    apply(frame->metrics);
}

void MetricsHistory::apply(const FrameMetrics &metrics)
{
    // Rows from 0 are a simulation's history from its start: rows held belong to an earlier
    // simulation. (Before its first row, a simulation's frames all start at 0.)
    if (metrics.firstRow == 0 && !m_times.empty())
        clear();
    // Frames are applied in order and none is dropped, so the new rows follow the held
    // ones. Anything else means a frame was missed: rather than show misaligned rows, hold
    // nothing until the next simulation starts.
    if (metrics.firstRow != m_times.size()) {
        clear();
        return;
    }
    bool changed = !metrics.times.isEmpty();
    m_times.insert(m_times.end(), metrics.times.cbegin(), metrics.times.cend());
    for (const NodeMetricRows &rows : metrics.nodes)
        changed = applyNode(rows) || changed;
    if (changed)
        ++m_revision;
}

bool MetricsHistory::applyNode(const NodeMetricRows &rows)
{
    bool changed = false;
    auto it = m_nodes.find(rows.nodeId);
    if (it == m_nodes.end()) {
        it = m_nodes.insert(rows.nodeId, NodeColumns());
        m_order.append(rows.nodeId);
        changed = true;
    }
    NodeColumns &node = *it;
    const int columnCount = int(rows.columns.size());
    const std::size_t held = node.columns.empty() ? 0 : node.columns.front().size();
    if (rows.firstRow == 0 || rows.firstRow != held || node.names != rows.columns) {
        // A node's whole history (new, or added again under this id).
        changed = changed || held > 0 || node.names != rows.columns;
        node.names = rows.columns;
        node.columns.assign(std::size_t(columnCount), {});
    }
    if (columnCount == 0)
        return changed;
    const qsizetype rowCount = rows.values.size() / columnCount;
    for (int c = 0; c < columnCount; ++c) {
        // No reserve() here: reserving the exact new size at every frame (one row) would
        // defeat the vector's geometric growth and copy the whole column each time.
        std::vector<double> &column = node.columns[std::size_t(c)];
        for (qsizetype r = 0; r < rowCount; ++r)
            column.push_back(rows.values[r * columnCount + c]);
    }
    return changed || rowCount > 0;
}

void MetricsHistory::clear()
{
    if (m_times.empty() && m_nodes.isEmpty())
        return;
    m_times.clear();
    m_nodes.clear();
    m_order.clear();
    ++m_revision;
}

QStringList MetricsHistory::columns(int nodeId) const
{
    const auto it = m_nodes.constFind(nodeId);
    return it == m_nodes.constEnd() ? QStringList() : it->names;
}

const std::vector<double> &MetricsHistory::column(int nodeId, const QString &name) const
{
    static const std::vector<double> empty;
    const auto it = m_nodes.constFind(nodeId);
    if (it == m_nodes.constEnd())
        return empty;
    const qsizetype i = it->names.indexOf(name);
    return i < 0 ? empty : it->columns[std::size_t(i)];
}

} // namespace flowlab
