#include "PeekFilterModel.h"

#include "QueuePeekModel.h"

namespace flowlab {

PeekFilterModel::PeekFilterModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(QueuePeekModel::SortRole);
}

void PeekFilterModel::setTextFilter(const QString &text)
{
    const QString t = text.trimmed();
    if (t == m_text)
        return;
    m_text = t;
    invalidateFilter();
}

void PeekFilterModel::setStateFilter(std::optional<PeekState> state)
{
    if (state == m_state)
        return;
    m_state = state;
    invalidateFilter();
}

bool PeekFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (m_state) {
        const QModelIndex i = sourceModel()->index(sourceRow, 0, sourceParent);
        if (PeekState(i.data(QueuePeekModel::StateRole).toInt()) != *m_state)
            return false;
    }
    const QString &text = m_text;
    if (text.isEmpty())
        return true;
    // The text filter looks at the id and the group only: "in" should not match every
    // "in flight" row.
    for (int column : {int(QueuePeekModel::IdColumn), int(QueuePeekModel::GroupColumn)}) {
        const QModelIndex i = sourceModel()->index(sourceRow, column, sourceParent);
        if (i.data().toString().contains(text, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

} // namespace flowlab
