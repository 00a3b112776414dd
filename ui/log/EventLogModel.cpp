#include "EventLogModel.h"

#include "RunController.h"
#include "runner/FrameRecorder.h"

#include <QBrush>
#include <QColor>
#include <QFont>

namespace flowlab {

namespace {
// Dropping one line at a time would remap the filter for every frame once the log is full.
constexpr int kTrimChunk = EventLogModel::kMaxLines / 10;
const QColor kBreakBackground(255, 232, 163);
const QColor kNoteText(110, 110, 110);
} // namespace

EventLogModel::EventLogModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void EventLogModel::setDiagram(const Diagram &diagram, bool redraw)
{
    m_narrator.setDiagram(diagram);
    if (redraw && !m_lines.empty())
        emit dataChanged(index(0, NodeColumn), index(rowCount() - 1, EventColumn));
}

void EventLogModel::appendFrame(const Frame &frame)
{
    std::vector<Line> added;
    added.reserve(std::size_t(frame.trace.size()) + 2);
    for (const TraceRecord &r : frame.trace)
        added.push_back(Line{r, m_narrator.observe(r), LineType::Event, QString()});
    if (frame.traceDropped > 0) {
        Line note;
        note.record.time = frame.time;
        note.type = LineType::Note;
        const QString count = frame.traceDropped == 1
                                  ? tr("1 more event")
                                  : tr("%1 more events").arg(frame.traceDropped);
        note.text = tr("%1 up to here are not listed: the run is faster than the log can "
                       "follow (it takes up to %2 per frame)")
                        .arg(count)
                        .arg(FrameRecorder::kMaxTraceRecordsPerFrame);
        added.push_back(note);
    }
    if (!frame.breakReason.isEmpty()) {
        Line stop;
        stop.record.time = frame.time;
        stop.type = LineType::Break;
        stop.text = tr("Paused at a breakpoint: %1").arg(frame.breakReason);
        added.push_back(stop);
    }
    if (added.empty())
        return;
    const int first = rowCount();
    beginInsertRows(QModelIndex(), first, first + int(added.size()) - 1);
    for (Line &l : added)
        m_lines.push_back(std::move(l));
    endInsertRows();
    trim();
}

void EventLogModel::trim()
{
    if (rowCount() <= kMaxLines + kTrimChunk)
        return;
    const int excess = rowCount() - kMaxLines;
    beginRemoveRows(QModelIndex(), 0, excess - 1);
    m_lines.erase(m_lines.begin(), m_lines.begin() + excess);
    endRemoveRows();
    m_dropped += quint64(excess);
    emit linesDropped(m_dropped);
}

void EventLogModel::clear()
{
    beginResetModel();
    m_lines.clear();
    m_narrator.clear();
    m_dropped = 0;
    endResetModel();
    emit linesDropped(0);
}

bool EventLogModel::involves(int row, int node) const
{
    const Line &l = m_lines[std::size_t(row)];
    const TraceRecord &r = l.record;
    if (l.type != LineType::Event || r.node == node)
        return true;
    // The consumer that held the message: its deletes, lost deletes, timeouts, extensions.
    if (l.facts.holder == node)
        return true;
    switch (r.kind) {
    case TraceKind::Sent:
    case TraceKind::Deduplicated:
    case TraceKind::Received:
    case TraceKind::EmptyReceive:
        return r.b == node; // the producer or the receiver
    case TraceKind::MovedToDlq:
        return r.a == node; // the dead-letter queue
    default:
        return false;
    }
}

QString EventLogModel::sentence(int row) const
{
    const Line &l = m_lines[std::size_t(row)];
    return l.type == LineType::Event ? m_narrator.sentence(l.record, l.facts) : l.text;
}

int EventLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_lines.size());
}

int EventLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant EventLogModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const Line &l = m_lines[std::size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case TimeColumn:
            return RunController::formatClock(l.record.time);
        case NodeColumn:
            return l.type == LineType::Event ? m_narrator.nodeName(l.record.node) : QString();
        case EventColumn:
            return sentence(index.row());
        }
        return {};
    case Qt::ToolTipRole:
        return index.column() == EventColumn ? sentence(index.row()) : QVariant();
    case Qt::BackgroundRole:
        return l.type == LineType::Break ? QBrush(kBreakBackground) : QVariant();
    case Qt::ForegroundRole:
        return l.type == LineType::Note ? QBrush(kNoteText) : QVariant();
    case Qt::FontRole:
        if (l.type == LineType::Event)
            return {};
        {
            QFont f;
            f.setBold(l.type == LineType::Break);
            f.setItalic(l.type == LineType::Note);
            return f;
        }
    case NodeRole:
        return l.type == LineType::Event ? l.record.node : 0;
    case GroupRole:
        return l.type == LineType::Event ? int(narrationGroup(l.record.kind)) : -1;
    case LineTypeRole:
        return int(l.type);
    case TimeRole:
        return qint64(l.record.time);
    }
    return {};
}

QVariant EventLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case NodeColumn:
        return tr("Node");
    case EventColumn:
        return tr("What happened");
    }
    return {};
}

EventLogFilter::EventLogFilter(EventLogModel *source, QObject *parent)
    : QSortFilterProxyModel(parent)
    , m_log(source)
{
    setSourceModel(source);
}

void EventLogFilter::setNode(int nodeId)
{
    if (nodeId == m_node)
        return;
    m_node = nodeId;
    invalidateFilter();
}

void EventLogFilter::setGroupShown(NarrationGroup group, bool shown)
{
    const quint32 bit = 1U << int(group);
    const quint32 hidden = shown ? (m_hiddenGroups & ~bit) : (m_hiddenGroups | bit);
    if (hidden == m_hiddenGroups)
        return;
    m_hiddenGroups = hidden;
    invalidateFilter();
}

bool EventLogFilter::groupShown(NarrationGroup group) const
{
    return !(m_hiddenGroups & (1U << int(group)));
}

void EventLogFilter::setText(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == m_text)
        return;
    m_text = trimmed;
    invalidateFilter();
}

bool EventLogFilter::filterAcceptsRow(int row, const QModelIndex &) const
{
    const QModelIndex i = m_log->index(row, 0);
    const int group = i.data(EventLogModel::GroupRole).toInt();
    if (group >= 0) {
        if (m_hiddenGroups & (1U << group))
            return false;
        if (m_node != 0 && !m_log->involves(row, m_node))
            return false;
    }
    if (m_text.isEmpty())
        return true;
    return m_log->sentence(row).contains(m_text, Qt::CaseInsensitive)
           || m_log->index(row, EventLogModel::NodeColumn)
                  .data()
                  .toString()
                  .contains(m_text, Qt::CaseInsensitive);
}

} // namespace flowlab
