#pragma once

#include "runner/QueuePeek.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QVector>

namespace flowlab {

/// The messages of one queue, from the runner's peeks, as a table.
///
/// A new peek updates the rows in place: messages gone are removed, messages still there
/// change their cells, new ones are appended. Views keep their selection and a sorting proxy
/// its order, as the rows are never reset while the same queue is shown.
///
/// Display text is for people; SortRole gives numbers (times, counts) to sort by, and
/// StateRole the PeekState.
class QueuePeekModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        IdColumn,
        StateColumn,
        GroupColumn,
        ReceivesColumn,
        AgeColumn,
        VisibleAtColumn,
        ColumnCount
    };
    enum Role { SortRole = Qt::UserRole, StateRole, MessageRole };

    explicit QueuePeekModel(QObject *parent = nullptr);

    /// Shows `peek` (null: no rows). A peek of another queue replaces every row.
    void setPeek(const std::shared_ptr<const QueuePeek> &peek);
    const std::shared_ptr<const QueuePeek> &peek() const { return m_peek; }
    quint64 messageAt(int row) const;
    /// The row of `message`, or -1.
    int rowOf(quint64 message) const { return m_rowOf.value(message, -1); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    void removeGone(const QHash<quint64, int> &incoming);
    void reindex();

    std::shared_ptr<const QueuePeek> m_peek;
    QVector<PeekRow> m_rows;
    QHash<quint64, int> m_rowOf;
    SimTime m_time = 0;
};

} // namespace flowlab
