#include "QueuePeekModel.h"

#include "InspectionText.h"
#include "RunController.h"

#include <QBrush>
#include <QColor>

namespace flowlab {

QueuePeekModel::QueuePeekModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void QueuePeekModel::setPeek(const std::shared_ptr<const QueuePeek> &peek)
{
    if (peek == m_peek)
        return;
    const bool sameQueue = peek && m_peek && peek->nodeId == m_peek->nodeId;
    m_peek = peek;
    if (!sameQueue) {
        beginResetModel();
        m_rows = peek ? peek->rows : QVector<PeekRow>();
        m_time = peek ? peek->time : 0;
        reindex();
        endResetModel();
        return;
    }

    QHash<quint64, int> incoming;
    incoming.reserve(peek->rows.size());
    for (int i = 0; i < peek->rows.size(); ++i)
        incoming.insert(peek->rows[i].message, i);
    removeGone(incoming);

    // Messages still there take their new state in place; the others are appended.
    m_time = peek->time;
    QVector<int> added;
    for (int i = 0; i < peek->rows.size(); ++i) {
        const auto it = m_rowOf.constFind(peek->rows[i].message);
        if (it == m_rowOf.constEnd())
            added.append(i);
        else
            m_rows[*it] = peek->rows[i];
    }
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
    if (!added.isEmpty()) {
        const int first = int(m_rows.size());
        beginInsertRows({}, first, first + int(added.size()) - 1);
        for (int i : added) {
            m_rowOf.insert(peek->rows[i].message, int(m_rows.size()));
            m_rows.append(peek->rows[i]);
        }
        endInsertRows();
    }
}

void QueuePeekModel::removeGone(const QHash<quint64, int> &incoming)
{
    // From the end, one signal per run of neighbouring rows.
    int row = int(m_rows.size()) - 1;
    bool removed = false;
    while (row >= 0) {
        if (incoming.contains(m_rows[row].message)) {
            --row;
            continue;
        }
        const int last = row;
        while (row - 1 >= 0 && !incoming.contains(m_rows[row - 1].message))
            --row;
        beginRemoveRows({}, row, last);
        m_rows.remove(row, last - row + 1);
        endRemoveRows();
        removed = true;
        --row;
    }
    if (removed)
        reindex();
}

void QueuePeekModel::reindex()
{
    m_rowOf.clear();
    m_rowOf.reserve(m_rows.size());
    for (int i = 0; i < m_rows.size(); ++i)
        m_rowOf.insert(m_rows[i].message, i);
}

quint64 QueuePeekModel::messageAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows[row].message : 0;
}

int QueuePeekModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int QueuePeekModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant QueuePeekModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const PeekRow &r = m_rows[index.row()];
    if (role == MessageRole)
        return QVariant::fromValue(r.message);
    if (role == StateRole)
        return int(r.state);
    if (role == SortRole) {
        switch (index.column()) {
        case IdColumn:
            return QVariant::fromValue(r.message);
        case StateColumn:
            return int(r.state);
        case GroupColumn:
            return r.group;
        case ReceivesColumn:
            return r.receiveCount;
        case AgeColumn:
            return QVariant::fromValue(qint64(m_time - r.sentAt));
        case VisibleAtColumn:
            // Visible messages first: they are visible now.
            return QVariant::fromValue(qint64(r.visibleAt < 0 ? m_time : r.visibleAt));
        }
        return {};
    }
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case IdColumn:
            return InspectionText::messageLabel(r.message);
        case StateColumn:
            return InspectionText::stateName(r.state);
        case GroupColumn:
            return r.group;
        case ReceivesColumn:
            return r.receiveCount;
        case AgeColumn:
            return InspectionText::span(m_time - r.sentAt);
        case VisibleAtColumn:
            return r.visibleAt < 0 ? tr("now") : RunController::formatClock(r.visibleAt);
        }
        return {};
    }
    if (role == Qt::TextAlignmentRole && index.column() == ReceivesColumn)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ForegroundRole && index.column() == StateColumn) {
        switch (r.state) {
        case PeekState::Visible:
            return QBrush(QColor(0x15, 0x80, 0x3d));
        case PeekState::InFlight:
            return QBrush(QColor(0xb4, 0x53, 0x09));
        case PeekState::Delayed:
            return QBrush(QColor(0x47, 0x55, 0x69));
        }
    }
    return {};
}

QVariant QueuePeekModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::DisplayRole) {
        switch (section) {
        case IdColumn:
            return tr("Message");
        case StateColumn:
            return tr("State");
        case GroupColumn:
            return tr("Group");
        case ReceivesColumn:
            return tr("Receives");
        case AgeColumn:
            return tr("Age");
        case VisibleAtColumn:
            return tr("Visible at");
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case IdColumn:
            return tr("The message (its SQS MessageId is in its passport)");
        case GroupColumn:
            return tr("MessageGroupId (FIFO queues)");
        case ReceivesColumn:
            return tr("ApproximateReceiveCount: how many times it was received");
        case AgeColumn:
            return tr("Time since it was sent");
        case VisibleAtColumn:
            return tr("In flight: when its visibility timeout ends. Delayed: when its delay "
                      "ends.");
        }
    }
    return {};
}

} // namespace flowlab
