#pragma once

#include "ChartMetrics.h"

#include <QChartView>
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

    QLineSeries *lineSeries(int i) const { return m_lines.value(i); }
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
    void setTimeRange(double from, double to);
    void setValueTop(double top);

    ChartUnit m_unit;
    const MetricsHistory *m_history;
    QVector<Series> m_series;
    QVector<QLineSeries *> m_lines;
    QValueAxis *m_timeAxis;
    QValueAxis *m_valueAxis;
    double m_from = -1;
    double m_to = -1;
    double m_top = -1;
    int m_axisRangeChanges = 0;
    QPointF m_pixelScale;
};

} // namespace flowlab
