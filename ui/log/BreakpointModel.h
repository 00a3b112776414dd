#pragma once

#include "runner/Breakpoints.h"

#include <QAbstractTableModel>
#include <QSet>

namespace flowlab {

class DiagramDocument;

/// The person's breakpoints, as a table (queue with its on/off box, condition, limit).
/// Breakpoints belong to the window, not the file. A removed queue takes its breakpoints
/// with it; a new document starts with none. changed() tells the runner; the rows that
/// paused the run stay highlighted until it runs again (setHit / clearHit).
class BreakpointModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { QueueColumn, ConditionColumn, LimitColumn, ColumnCount };

    explicit BreakpointModel(DiagramDocument *document, QObject *parent = nullptr);

    const QVector<Breakpoint> &breakpoints() const { return m_list; }
    /// Adds one (its id is assigned here) and returns the id.
    int add(Breakpoint b);
    void removeAt(int row);
    void setEnabled(int row, bool enabled);
    int rowOf(int id) const;

    void setHit(const QVector<int> &ids);
    void clearHit();
    bool isHit(int row) const;

    /// "Dead-letter move", "Age of oldest message", "Visible messages".
    static QString conditionName(Breakpoint::Condition c);
    /// "60 s", "1000", "—".
    static QString limitText(const Breakpoint &b);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

signals:
    /// The list changed: hand it to the runner.
    void changed(const QVector<flowlab::Breakpoint> &list);

private:
    void removeQueue(int nodeId);
    void clearAll();

    DiagramDocument *m_document;
    QVector<Breakpoint> m_list;
    QSet<int> m_hit;
    int m_nextId = 1;
};

} // namespace flowlab
