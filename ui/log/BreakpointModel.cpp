#include "BreakpointModel.h"

#include "document/DiagramDocument.h"
#include "runner/Narrator.h"

#include <QBrush>
#include <QColor>
#include <QFont>

#include <cmath>

namespace flowlab {

namespace {
const QColor kHitBackground(255, 232, 163);
} // namespace

BreakpointModel::BreakpointModel(DiagramDocument *document, QObject *parent)
    : QAbstractTableModel(parent)
    , m_document(document)
{
    connect(document, &DiagramDocument::nodeRemoved, this, &BreakpointModel::removeQueue);
    connect(document, &DiagramDocument::documentReset, this, &BreakpointModel::clearAll);
    connect(document, &DiagramDocument::nodeRenamed, this, [this] {
        if (!m_list.isEmpty())
            emit dataChanged(index(0, QueueColumn), index(rowCount() - 1, QueueColumn));
    });
}

int BreakpointModel::add(Breakpoint b)
{
    b.id = m_nextId++;
    beginInsertRows(QModelIndex(), rowCount(), rowCount());
    m_list.append(b);
    endInsertRows();
    emit changed(m_list);
    return b.id;
}

void BreakpointModel::removeAt(int row)
{
    if (row < 0 || row >= rowCount())
        return;
    beginRemoveRows(QModelIndex(), row, row);
    m_hit.remove(m_list[row].id);
    m_list.removeAt(row);
    endRemoveRows();
    emit changed(m_list);
}

void BreakpointModel::setEnabled(int row, bool enabled)
{
    if (row < 0 || row >= rowCount() || m_list[row].enabled == enabled)
        return;
    m_list[row].enabled = enabled;
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
    emit changed(m_list);
}

int BreakpointModel::rowOf(int id) const
{
    for (int i = 0; i < m_list.size(); ++i) {
        if (m_list[i].id == id)
            return i;
    }
    return -1;
}

void BreakpointModel::setHit(const QVector<int> &ids)
{
    m_hit = QSet<int>(ids.begin(), ids.end());
    if (!m_list.isEmpty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

void BreakpointModel::clearHit()
{
    if (m_hit.isEmpty())
        return;
    setHit({});
}

bool BreakpointModel::isHit(int row) const
{
    return row >= 0 && row < rowCount() && m_hit.contains(m_list[row].id);
}

void BreakpointModel::removeQueue(int nodeId)
{
    for (int row = rowCount() - 1; row >= 0; --row) {
        if (m_list[row].queue == nodeId)
            removeAt(row);
    }
}

void BreakpointModel::clearAll()
{
    if (m_list.isEmpty())
        return;
    beginResetModel();
    m_list.clear();
    m_hit.clear();
    endResetModel();
    emit changed(m_list);
}

QString BreakpointModel::conditionName(Breakpoint::Condition c)
{
    switch (c) {
    case Breakpoint::Condition::DeadLetter:
        return tr("Dead-letter move");
    case Breakpoint::Condition::OldestAge:
        return tr("Oldest message age ≥");
    case Breakpoint::Condition::VisibleDepth:
        return tr("Visible messages ≥");
    }
    return QString();
}

QString BreakpointModel::limitText(const Breakpoint &b)
{
    switch (b.condition) {
    case Breakpoint::Condition::DeadLetter:
        return QStringLiteral("—");
    case Breakpoint::Condition::OldestAge:
        return Narrator::span(SimTime(std::llround(b.limit * double(kSecond))));
    case Breakpoint::Condition::VisibleDepth:
        return QString::number(b.limit, 'g', 12);
    }
    return QString();
}

int BreakpointModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_list.size());
}

int BreakpointModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant BreakpointModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const Breakpoint &b = m_list[index.row()];
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case QueueColumn: {
            const Node *n = m_document->diagram().node(b.queue);
            return n ? n->name : tr("(removed)");
        }
        case ConditionColumn:
            return conditionName(b.condition);
        case LimitColumn:
            return limitText(b);
        }
        return {};
    case Qt::CheckStateRole:
        if (index.column() == QueueColumn)
            return b.enabled ? Qt::Checked : Qt::Unchecked;
        return {};
    case Qt::ToolTipRole: {
        const Node *n = m_document->diagram().node(b.queue);
        return tr("Pause when %1: %2").arg(n ? n->name : tr("(removed)"), breakpointConditionText(b));
    }
    case Qt::BackgroundRole:
        return m_hit.contains(b.id) ? QBrush(kHitBackground) : QVariant();
    case Qt::FontRole:
        if (m_hit.contains(b.id)) {
            QFont f;
            f.setBold(true);
            return f;
        }
        return {};
    case Qt::ForegroundRole:
        return b.enabled ? QVariant() : QBrush(QColor(140, 140, 140));
    }
    return {};
}

bool BreakpointModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!index.isValid() || index.column() != QueueColumn || role != Qt::CheckStateRole)
        return false;
    setEnabled(index.row(), Qt::CheckState(value.toInt()) == Qt::Checked);
    return true;
}

Qt::ItemFlags BreakpointModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags f = QAbstractTableModel::flags(index);
    if (index.isValid() && index.column() == QueueColumn)
        f |= Qt::ItemIsUserCheckable;
    return f;
}

QVariant BreakpointModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case QueueColumn:
        return tr("Queue");
    case ConditionColumn:
        return tr("Pause when");
    case LimitColumn:
        return tr("Limit");
    }
    return {};
}

} // namespace flowlab
