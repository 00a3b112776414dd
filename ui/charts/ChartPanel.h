#pragma once

#include "ChartMetrics.h"
#include "sim/SimTime.h"

#include <QChartView>
#include <QSize>
#include <QVector>

QT_BEGIN_NAMESPACE
class QLineSeries;
class QValueAxis;
QT_END_NAMESPACE

namespace flowlab {

class MetricsHistory;

/// One chart of the charts dock: the charted metrics of one unit (messages, per second,
/// seconds, workers) against virtual time, read from a MetricsHistory.
///
/// refresh() thins each series to about two points per pixel column of the plot area
/// (thinSeries), leaves out the points that change the line drawn by less than a quarter
/// pixel (simplifyLine), and feeds it with one QXYSeries::replace(); an axis is given a new
/// range only when its range changes. Hovering a line shows the exact value of the nearest row in a tool tip.
///
/// Each line is drawn by two QLineSeries: the body, which holds the line as it was at the
/// last change of the axes, and a short tail (no legend entry) that continues it from the
/// body's last point with the rows since. Qt Charts recomputes and strokes the whole of a
/// series at each replace(), and repaints its whole bounding rectangle: while the axes stay
/// put (the time axis moves in steps), a refresh replaces only the tails, a few points at
/// the right edge. When an axis changes, the plot is resized, or a tail grows past
/// kTailPoints, the body takes the whole line again and the tails are emptied.
class ChartPanel : public QChartView
{
    Q_OBJECT

public:
    /// What one line shows: a node's metric column, and the name in the legend.
    struct Series
    {
        int nodeId = 0;
        QString column;
        QString name;
        bool operator==(const Series &o) const
        {
            return nodeId == o.nodeId && column == o.column && name == o.name;
        }
    };

    ChartPanel(ChartUnit unit, const MetricsHistory *history, QWidget *parent = nullptr);

    ChartUnit unit() const { return m_unit; }
    /// Sets the lines shown; the chart's series are rebuilt only when the list differs.
    void setSeries(const QVector<Series> &series);
    const QVector<Series> &series() const { return m_series; }
    /// Redraws the lines for the virtual time range [from, to], in seconds.
    void refresh(double from, double to);

    /// The body of line `i` (see the class comment): named, in the legend.
    QLineSeries *lineSeries(int i) const { return m_lines.value(i); }
    /// The tail of line `i`: it starts at the body's last point.
    QLineSeries *tailSeries(int i) const { return m_tails.value(i); }
    /// The points line `i` is drawn through: the body's, then the tail's after the first.
    QList<QPointF> linePoints(int i) const;
    /// Refreshes that redrew the whole lines, and those that replaced only the tails.
    int fullRefreshes() const { return m_fullRefreshes; }
    int tailRefreshes() const { return m_tailRefreshes; }
    /// A tail longer than this is taken into the body at the next refresh.
    static constexpr int kTailPoints = 48;
    QValueAxis *timeAxis() const { return m_timeAxis; }
    QValueAxis *valueAxis() const { return m_valueAxis; }
    /// How many times an axis was given a new range (tests check it stays put).
    int axisRangeChanges() const { return m_axisRangeChanges; }
    /// Pixels per second and per unit the last refresh() simplified the lines with (the
    /// plot area then, and the value axis' range): each row lies within kLineTolerance pixels
    /// of the line drawn. (0, 0) before any refresh of a laid-out chart.
    QPointF pixelScale() const { return m_pixelScale; }
    /// How far, in pixels, the line drawn may pass from a row (see simplifyLine).
    static constexpr double kLineTolerance = 0.25;
    /// The text the tool tip shows for line `i` near virtual time `seconds`.
    QString valueText(int i, double seconds) const;

private:
    QSize plotSize() const;
    bool refreshTails(double to);
    void refreshAll(double from, double to, QSize plotSize);
    void setTimeRange(double from, double to);
    void setValueTop(double top, int ticks);

    ChartUnit m_unit;
    const MetricsHistory *m_history;
    QVector<Series> m_series;
    QVector<QLineSeries *> m_lines;
    QVector<QLineSeries *> m_tails;
    // Where each body ends (its last point), and the history's length and largest value
    // charted at the last full refresh: tails start there.
    QVector<QPointF> m_bodyEnds;
    std::size_t m_bodyRows = 0;
    SimTime m_bodyLastTime = 0;
    double m_dataTop = 0;
    QSize m_plotSize;
    int m_fullRefreshes = 0;
    int m_tailRefreshes = 0;
    QValueAxis *m_timeAxis;
    QValueAxis *m_valueAxis;
    double m_from = -1;
    double m_to = -1;
    double m_top = -1;
    int m_axisRangeChanges = 0;
    QPointF m_pixelScale;
};

} // namespace flowlab
