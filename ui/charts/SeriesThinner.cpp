#include "SeriesThinner.h"

#include <algorithm>
#include <cmath>

namespace flowlab {

namespace {
// The rows [first, last) whose times lie in [from, to], widened by one row on each side.
std::pair<std::size_t, std::size_t> rowRange(const std::vector<SimTime> &times,
                                             std::size_t rows,
                                             double from,
                                             double to)
{
    const auto begin = times.cbegin();
    const auto end = begin + std::ptrdiff_t(rows);
    const SimTime fromUs = SimTime(std::floor(from * double(kSecond)));
    const SimTime toUs = SimTime(std::ceil(to * double(kSecond)));
    std::size_t first = std::size_t(std::lower_bound(begin, end, fromUs) - begin);
    std::size_t last = std::size_t(std::upper_bound(begin, end, toUs) - begin);
    if (first > 0)
        --first;
    if (last < rows)
        ++last;
    return {first, last};
}
// Removes the points inside runs of equal values: each lies on the level segment between
// its neighbours, so the line drawn is the same with fewer points. (Queue figures are often
// level for long stretches; Qt Charts' cost per update grows with the points.)
void dropFlatMiddles(QList<QPointF> *points)
{
    if (points->size() < 3)
        return;
    qsizetype kept = 1;
    for (qsizetype i = 1; i + 1 < points->size(); ++i) {
        const double y = (*points)[i].y();
        if (y == (*points)[kept - 1].y() && y == (*points)[i + 1].y())
            continue;
        (*points)[kept++] = (*points)[i];
    }
    (*points)[kept++] = points->back();
    points->resize(kept);
}
} // namespace

QList<QPointF> thinSeries(const std::vector<SimTime> &times,
                          const std::vector<double> &values,
                          double from,
                          double to,
                          int columns)
{
    const std::size_t rows = std::min(times.size(), values.size());
    const auto [first, last] = rowRange(times, rows, from, to);
    QList<QPointF> points;
    if (first >= last)
        return points;
    columns = std::max(columns, 1);
    const std::size_t count = last - first;
    if (count <= 2 * std::size_t(columns) || !(to > from)) {
        points.reserve(qsizetype(count));
        for (std::size_t i = first; i < last; ++i)
            points.append(QPointF(toSeconds(times[i]), values[i]));
        dropFlatMiddles(&points);
        return points;
    }

    points.reserve(2 * columns + 4);
    const double perSecond = double(columns) / (to - from);
    auto columnOf = [&](std::size_t i) {
        return std::clamp(int(std::floor((toSeconds(times[i]) - from) * perSecond)), -1, columns);
    };
    auto flush = [&](std::size_t lo, std::size_t hi) {
        // The extremes of one column, in the order they happened.
        const std::size_t a = std::min(lo, hi);
        const std::size_t b = std::max(lo, hi);
        points.append(QPointF(toSeconds(times[a]), values[a]));
        if (b != a)
            points.append(QPointF(toSeconds(times[b]), values[b]));
    };
    std::size_t lo = first;
    std::size_t hi = first;
    int column = columnOf(first);
    for (std::size_t i = first + 1; i < last; ++i) {
        const int c = columnOf(i);
        if (c != column) {
            flush(lo, hi);
            lo = hi = i;
            column = c;
            continue;
        }
        if (values[i] < values[lo])
            lo = i;
        if (values[i] > values[hi])
            hi = i;
    }
    flush(lo, hi);
    dropFlatMiddles(&points);
    return points;
}

} // namespace flowlab
