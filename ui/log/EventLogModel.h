#pragma once

#include "runner/Frame.h"
#include "runner/Narrator.h"

#include <QAbstractTableModel>
#include <QSortFilterProxyModel>

#include <deque>

namespace flowlab {

/// The event log's lines: one per trace record of the frames it is given, plus notes (the
/// run went faster than the frames could carry) and breakpoint stops. The sentence of a
/// line is written only when the line is shown or filtered (Narrator::sentence), so a frame
/// of thousands of records costs a copy each and one insertion. Keeps the newest
/// kMaxLines lines; older ones are dropped a chunk at a time and counted.
class EventLogModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { TimeColumn, NodeColumn, EventColumn, ColumnCount };
    enum Role {
        NodeRole = Qt::UserRole + 1, ///< the node where it happened (0 for notes)
        GroupRole,                   ///< int(NarrationGroup), -1 for notes and stops
        LineTypeRole,                ///< int(LineType)
        TimeRole,                    ///< SimTime
    };
    enum class LineType : quint8 { Event, Note, Break };
    static constexpr int kMaxLines = 100000;

    explicit EventLogModel(QObject *parent = nullptr);

    /// Names and queue settings for the sentences (keep in step with the document). With
    /// `redraw`, the lines already there are written again (a rename); a setting changed
    /// mid-drag need not re-filter a hundred thousand lines.
    void setDiagram(const Diagram &diagram, bool redraw = true);
    /// Adds the frame's records, a note when it dropped some, and its breakpoint stop.
    void appendFrame(const Frame &frame);
    /// Empties the log (a new run).
    void clear();

    /// Whether the line involves `node`: where it happened, the other end of a send, a
    /// receive or a dead-letter move, or the consumer that held the message.
    bool involves(int row, int node) const;
    /// The sentence of a line (an event's narration or the note's text).
    QString sentence(int row) const;
    const Narrator &narrator() const { return m_narrator; }
    /// Lines dropped from the top to stay within kMaxLines.
    quint64 droppedLines() const { return m_dropped; }

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

signals:
    /// Older lines were dropped; `total` since the last clear().
    void linesDropped(quint64 total);

private:
    struct Line
    {
        TraceRecord record;
        NarrationFacts facts;
        LineType type = LineType::Event;
        QString text; ///< notes and stops
    };

    void trim();

    Narrator m_narrator;
    std::deque<Line> m_lines;
    quint64 m_dropped = 0;
};

/// Filters the event log by node, by kind of event (groups) and by text. Notes and
/// breakpoint stops always pass the node and kind filters.
class EventLogFilter : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit EventLogFilter(EventLogModel *source, QObject *parent = nullptr);

    /// 0 = every node.
    void setNode(int nodeId);
    int node() const { return m_node; }
    void setGroupShown(NarrationGroup group, bool shown);
    bool groupShown(NarrationGroup group) const;
    /// Case-insensitive text the sentence or the node's name must contain; empty = any.
    void setText(const QString &text);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    EventLogModel *m_log;
    int m_node = 0;
    quint32 m_hiddenGroups = 0; ///< bit per NarrationGroup
    QString m_text;
};

} // namespace flowlab
