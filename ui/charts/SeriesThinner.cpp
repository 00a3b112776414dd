#include "SeriesThinner.h"

#include <algorithm>
#include <cmath>
#include <utility>

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

void simplifyLine(QList<QPointF> *points, double xScale, double yScale, double tolerance)
{
    const qsizetype n = points->size();
    if (n < 3 || !(xScale > 0) || !(yScale > 0))
        return;
    // Iterative Douglas-Peucker: keep the point farthest from the chord of each span while
    // it is farther than the tolerance, then split the span there.
    // Work in pixels, on a plain array: this runs for every line at every redraw.
    std::vector<QPointF> px(static_cast<std::size_t>(n));
    for (qsizetype i = 0; i < n; ++i)
        px[std::size_t(i)] = QPointF((*points)[i].x() * xScale, (*points)[i].y() * yScale);
    std::vector<char> keep(std::size_t(n), 0);
    keep.front() = keep.back() = 1;
    std::vector<std::pair<std::size_t, std::size_t>> spans{{0, std::size_t(n) - 1}};
    const double limit = tolerance * tolerance;
    while (!spans.empty()) {
        const auto [a, b] = spans.back();
        spans.pop_back();
        const QPointF origin = px[a];
        const double dx = px[b].x() - origin.x();
        const double dy = px[b].y() - origin.y();
        const double length2 = dx * dx + dy * dy;
        double farthest = -1;
        std::size_t at = 0;
        for (std::size_t i = a + 1; i < b; ++i) {
            const double x = px[i].x() - origin.x();
            const double y = px[i].y() - origin.y();
            // Squared distance from the segment a-b (not the infinite line: a point beyond
            // an end, as in a spike drawn back on itself, counts by its distance to the end).
            const double t = length2 > 0 ? std::clamp((x * dx + y * dy) / length2, 0.0, 1.0) : 0.0;
            const double ex = x - t * dx;
            const double ey = y - t * dy;
            const double d2 = ex * ex + ey * ey;
            if (d2 > farthest) {
                farthest = d2;
                at = i;
            }
        }
        if (farthest > limit) {
            keep[at] = 1;
            spans.push_back({a, at});
            spans.push_back({at, b});
        }
    }
    qsizetype kept = 0;
    for (qsizetype i = 0; i < n; ++i) {
        if (keep[std::size_t(i)])
            (*points)[kept++] = (*points)[i];
    }
    points->resize(kept);
}

} // namespace flowlab
