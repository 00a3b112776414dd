#pragma once

#include "sim/SimTime.h"

#include <QList>
#include <QPointF>

#include <vector>

namespace flowlab {

/// Turns a metric column into the points of a line chart, (time in seconds, value), for the
/// time range [from, to] drawn `columns` pixels wide. When there are more than two rows per
/// pixel column, each column keeps only its smallest and largest value (in time order), so
/// a spike one row wide still shows and no column gets more than two points. The row just
/// before `from` and the one just after `to` are kept too, so the line reaches the edges.
/// Inside a run of equal values only the run's first and last points are kept: the line
/// drawn is the same.
///
/// `values` may be shorter than `times` (a node removed while running): the rows it lacks
/// are left out.
QList<QPointF> thinSeries(const std::vector<SimTime> &times,
                          const std::vector<double> &values,
                          double from,
                          double to,
                          int columns);

/// Leaves out the points of a line that lie within `tolerance` pixels of the line drawn
/// without them (Douglas-Peucker in pixel space, `xScale` and `yScale` pixels per unit):
/// the line drawn differs from the full one by at most `tolerance` pixels anywhere, so a
/// spike or a column's extreme that stands out by more than that stays. The first and last
/// points are always kept. Qt Charts' cost per update grows with the points (it strokes an
/// outline of the whole line on every replace()); a smooth stretch needs only a few.
void simplifyLine(QList<QPointF> *points, double xScale, double yScale, double tolerance);

} // namespace flowlab
