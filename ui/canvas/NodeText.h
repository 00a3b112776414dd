#pragma once

#include "model/Diagram.h"
#include "sim/SimNode.h"

#include <QColor>
#include <QString>
#include <QVector>

namespace flowlab {

/// One of the three figure columns at the bottom of a node card: a value over a label
/// ("12" / "visible"), with an optional colour dot that ties it to a gauge segment.
struct FigureColumn
{
    QString value;
    QString label;
    QColor dot;         ///< invalid: no dot
    bool alert = false; ///< draw the value in red (failures, crashes)
};

/// The words and numbers a node card shows: its subtitle, its figure columns (the key
/// settings while stopped, the live counters while a frame is shown) and its tooltip.
/// Pure functions of the node and its counters, so they are easy to test and to reuse
/// (the inspector or a report may want the same phrasing).
class NodeText
{
public:
    /// "Standard queue · 30 s visibility", "Poisson · 10 msg/s", "2 × 1 workers".
    /// `compact` drops words a narrow card cannot hold ("Standard · 30 s visibility").
    static QString subtitle(const Node &node, bool compact = false);
    /// The key settings, shown while the simulation has no figures for the node.
    static QVector<FigureColumn> staticColumns(const Node &node);
    /// The live counters of the node (the names of its SimNode::counters()).
    static QVector<FigureColumn> liveColumns(const Node &node, const QVector<Counter> &counters);
    /// Small red or amber notes for rare events worth noticing ("12 to DLQ", "3 expired").
    static QStringList alerts(const Node &node, const QVector<Counter> &counters);
    /// Rich-text tooltip: name, kind, subtitle and, when `counters` is not empty, a one-line
    /// summary (liveSummary) and every live figure with its name spelled out; before a run,
    /// a hint instead.
    static QString toolTip(const Node &node, const QVector<Counter> &counters);
    /// The live figures that matter most, in one line of plain text: "Visible 12 · In flight
    /// 3 · Delayed 0 · Oldest 4.2 s" for a queue.
    static QString liveSummary(const Node &node, const QVector<Counter> &counters);

    /// The value of counter `name`, or `fallback` when the frame does not have it.
    static double counter(const QVector<Counter> &counters,
                          const QString &name,
                          double fallback = 0);
    /// 999, 1.2k, 12k, 1.2M: at most four characters for a count.
    static QString compactNumber(double value);
    /// "250 ms", "30 s", "2 min", "4 h", "4 d".
    static QString duration(double seconds);
    /// "0.4 msg/s", "12 msg/s", "1.2k msg/s".
    static QString rate(double perSecond);
    /// "1 KiB", "256 B", "1 MiB".
    static QString bytes(double count);
};

} // namespace flowlab
