#pragma once

#include "model/NodeKind.h"

#include <QString>
#include <QVector>

namespace flowlab {

/// What a charted figure counts; each unit gets its own chart (and y axis title).
enum class ChartUnit {
    Messages,  ///< a depth: messages in the queue at the end of each second
    PerSecond, ///< a count per one-second sampling interval
    Seconds,   ///< an age or a latency
    Workers,   ///< consumer threads (instances × concurrency)
};

/// All units, in the order their charts are laid out.
inline constexpr ChartUnit kAllChartUnits[]
    = {ChartUnit::Messages, ChartUnit::PerSecond, ChartUnit::Seconds, ChartUnit::Workers};

/// One metric a node kind can chart: a column of its MetricsTable (CloudWatch names for a
/// queue) with a label a person reads and its unit.
struct ChartMetric
{
    ChartMetric(
        QString column, QString label, ChartUnit unit, bool byDefault, QString detail = QString())
        : column(std::move(column))
        , label(std::move(label))
        , unit(unit)
        , byDefault(byDefault)
        , detail(std::move(detail))
    {}

    QString column; ///< MetricsTable column, e.g. "ApproximateNumberOfMessagesVisible"
    QString label;  ///< short, for the legend: "Visible"
    ChartUnit unit;
    bool byDefault; ///< charted until the person chooses otherwise
    QString detail; ///< what it measures, when the label does not say it all

    /// The label with its detail, for menus and tool tips.
    QString longLabel() const
    {
        return detail.isEmpty() ? label : label + QStringLiteral(" (") + detail + QLatin1Char(')');
    }
};

/// The metrics of a node kind, in menu order.
const QVector<ChartMetric> &chartMetrics(NodeKind kind);
/// The metric of that kind with that column, or null.
const ChartMetric *findChartMetric(NodeKind kind, const QString &column);
/// The columns charted by default for a kind.
QStringList defaultChartColumns(NodeKind kind);
/// The y axis title: "messages", "per second", "seconds", "workers".
QString chartUnitTitle(ChartUnit unit);

} // namespace flowlab
