#include "ChartPanel.h"

#include "SeriesThinner.h"
#include "runner/MetricsHistory.h"

#include <QChart>
#include <QCursor>
#include <QFontMetrics>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLocale>
#include <QToolTip>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace flowlab {

namespace {
// Line colours, in the order lines are added to a chart: distinct, and readable on white.
const QColor kColors[] = {QColor(0x1f, 0x77, 0xb4),
                          QColor(0xd6, 0x27, 0x28),
                          QColor(0x2c, 0xa0, 0x2c),
                          QColor(0xff, 0x7f, 0x0e),
                          QColor(0x94, 0x67, 0xbd),
                          QColor(0x8c, 0x56, 0x4b),
                          QColor(0xe3, 0x77, 0xc2),
                          QColor(0x17, 0xbe, 0xcf)};

// The smallest 1, 2 or 5 × 10^k at or above v: a top for the value axis that moves
// rarely as the figures change.
double niceCeiling(double v)
{
    if (!(v > 0))
        return 1;
    const double magnitude = std::pow(10.0, std::floor(std::log10(v)));
    for (double m : {1.0, 2.0, 5.0, 10.0}) {
        if (m * magnitude >= v * (1 - 1e-12))
            return m * magnitude;
    }
    return 10 * magnitude;
}

// A tick interval of 1, 2 or 5 × 10^k giving about `ticks` intervals over `span`.
double niceStep(double span, int ticks)
{
    const double raw = span / ticks;
    if (!(raw > 0))
        return 1;
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    for (double m : {1.0, 2.0, 5.0}) {
        if (m * magnitude >= raw)
            return m * magnitude;
    }
    return 10 * magnitude;
}

QString unitSuffix(ChartUnit unit, double value)
{
    switch (unit) {
    case ChartUnit::Messages:
        return value == 1 ? ChartPanel::tr("message") : ChartPanel::tr("messages");
    case ChartUnit::PerSecond:
        return ChartPanel::tr("per second");
    case ChartUnit::Seconds:
        return ChartPanel::tr("s");
    case ChartUnit::Workers:
        return value == 1 ? ChartPanel::tr("worker") : ChartPanel::tr("workers");
    }
    return QString();
}
} // namespace

ChartPanel::ChartPanel(ChartUnit unit, const MetricsHistory *history, QWidget *parent)
    : QChartView(parent)
    , m_unit(unit)
    , m_history(history)
    , m_timeAxis(new QValueAxis(this))
    , m_valueAxis(new QValueAxis(this))
{
    setObjectName(QStringLiteral("chart-")
                  + chartUnitTitle(unit).replace(QLatin1Char(' '), QLatin1Char('-')));
    setRenderHint(QPainter::Antialiasing);
    setMinimumSize(240, 170);

    auto *chart = new QChart;
    chart->setMargins(QMargins(2, 2, 2, 2));
    chart->setBackgroundRoundness(0);
    chart->legend()->setAlignment(Qt::AlignBottom);
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.9);
    chart->legend()->setFont(small);
    chart->legend()->setShowToolTips(true); // the full name of an entry shortened to fit
    setChart(chart);

    m_timeAxis->setTitleText(tr("virtual time (s)"));
    m_timeAxis->setLabelFormat(QStringLiteral("%.0f"));
    m_timeAxis->setTickType(QValueAxis::TicksDynamic);
    m_timeAxis->setTickAnchor(0);
    m_valueAxis->setTitleText(chartUnitTitle(unit));
    m_valueAxis->setLabelFormat(QStringLiteral("%g"));
    m_valueAxis->setTickType(QValueAxis::TicksDynamic);
    m_valueAxis->setTickAnchor(0);
    for (QValueAxis *axis : {m_timeAxis, m_valueAxis}) {
        axis->setLabelsFont(small);
        QFont title = small;
        title.setBold(false);
        axis->setTitleFont(title);
    }
    chart->addAxis(m_timeAxis, Qt::AlignBottom);
    chart->addAxis(m_valueAxis, Qt::AlignLeft);
    // The theme's axis and grid lines as cosmetic pens (width 0: one device pixel, as drawn
    // now). A grid line with a 1 px pen computes its bounds by stroking its outline, at every
    // repaint of the plot; a cosmetic one from its ends.
    for (QValueAxis *axis : {m_timeAxis, m_valueAxis}) {
        for (auto [get, set] :
             {std::pair(&QAbstractAxis::linePen, &QAbstractAxis::setLinePen),
              std::pair(&QAbstractAxis::gridLinePen, &QAbstractAxis::setGridLinePen),
              std::pair(&QAbstractAxis::minorGridLinePen, &QAbstractAxis::setMinorGridLinePen)}) {
            QPen pen = (axis->*get)();
            pen.setWidthF(0);
            (axis->*set)(pen);
        }
    }
    setTimeRange(0, 60);
    setValueTop(1, 5);
}

void ChartPanel::setSeries(const QVector<Series> &series)
{
    if (series == m_series)
        return;
    m_series = series;
    QChart *c = chart();
    c->removeAllSeries(); // deletes them
    m_lines.clear();
    m_tails.clear();
    m_bodyEnds.clear();
    m_plotSize = QSize(); // the next refresh draws the whole lines
    for (int i = 0; i < series.size(); ++i) {
        QPen pen(kColors[i % std::size(kColors)]);
        // One pixel wide: Qt draws those on a fast path (a 1.6 px pen cost a fifth more).
        pen.setWidthF(1);
        for (QVector<QLineSeries *> *parts : {&m_lines, &m_tails}) {
            auto *line = new QLineSeries;
            line->setName(series[i].name);
            line->setPen(pen);
            c->addSeries(line);
            line->attachAxis(m_timeAxis);
            line->attachAxis(m_valueAxis);
            connect(line, &QLineSeries::hovered, this, [this, i](const QPointF &point, bool state) {
                if (state)
                    QToolTip::showText(QCursor::pos(), valueText(i, point.x()), this);
                else
                    QToolTip::hideText();
            });
            parts->append(line);
        }
        // The tail is part of the body's line: one legend entry.
        for (QLegendMarker *marker : c->legend()->markers(m_tails.back()))
            marker->setVisible(false);
    }
    m_bodyEnds.resize(series.size());
}

QList<QPointF> ChartPanel::linePoints(int i) const
{
    if (i < 0 || i >= m_lines.size())
        return {};
    QList<QPointF> points = m_lines[i]->points();
    const QList<QPointF> tail = m_tails[i]->points();
    if (!tail.isEmpty())
        points.append(tail.mid(points.isEmpty() ? 0 : 1));
    return points;
}

QSize ChartPanel::plotSize() const
{
    const QSize plot = chart()->plotArea().size().toSize();
    return plot.width() > 0 ? plot : size(); // not laid out yet
}

void ChartPanel::refresh(double from, double to)
{
    const QSize plot = plotSize();
    // While the axes and the plot stay as they were, only the tails change.
    if (from == m_from && to == m_to && plot == m_plotSize && refreshTails(to)) {
        ++m_tailRefreshes;
        return;
    }
    refreshAll(from, to, plot);
    ++m_fullRefreshes;
}

void ChartPanel::refreshAll(double from, double to, QSize plotSize)
{
    const int columns = std::max(plotSize.width(), 1);
    QVector<QList<QPointF>> points(m_series.size());
    double top = 0;
    for (int i = 0; i < m_series.size(); ++i) {
        const Series &s = m_series[i];
        points[i] = thinSeries(m_history->times(),
                               m_history->column(s.nodeId, s.column),
                               from,
                               to,
                               columns);
        for (const QPointF &p : std::as_const(points[i])) {
            if (p.x() >= from && p.x() <= to)
                top = std::max(top, p.y());
        }
    }
    const double valueTop = niceCeiling(top);
    // Points closer than a quarter pixel to the line drawn without them change nothing
    // visible; leaving them out makes Qt Charts' work per replace() smaller (it strokes an
    // outline of each whole line, for hover detection, at every replace()).
    const QRectF plot = chart()->plotArea();
    m_pixelScale = QPointF();
    if (plot.width() > 0 && plot.height() > 0 && to > from) {
        m_pixelScale = QPointF(plot.width() / (to - from), plot.height() / valueTop);
        for (QList<QPointF> &line : points)
            simplifyLine(&line, m_pixelScale.x(), m_pixelScale.y(), kLineTolerance);
    }
    // Qt Charts recomputes a line's geometry (and strokes its hover outline) at once on every
    // range change and every replace(). When an axis moves, the lines are emptied first, so
    // only the replace() that follows pays for the points.
    if (from != m_from || to != m_to || valueTop != m_top) {
        for (QLineSeries *line : std::as_const(m_lines))
            line->clear();
        setTimeRange(from, to);
    }
    // As many value labels as fit the plot's height without crowding (Qt Charts elides a
    // label to "..." when it is taller than the space between two ticks).
    const int labelHeight = QFontMetrics(m_valueAxis->labelsFont()).height();
    setValueTop(valueTop, std::clamp(plotSize.height() / (2 * std::max(labelHeight, 1)), 1, 5));
    for (int i = 0; i < m_series.size(); ++i) {
        if (m_tails[i]->count() > 0)
            m_tails[i]->clear();
        m_lines[i]->replace(points[i]);
        m_bodyEnds[i] = points[i].isEmpty() ? QPointF(-1, 0) : points[i].back();
    }
    m_plotSize = plotSize;
    m_dataTop = top;
    m_bodyRows = m_history->rowCount();
    m_bodyLastTime = m_bodyRows ? m_history->times().back() : 0;
}

bool ChartPanel::refreshTails(double to)
{
    // The rows the bodies were drawn from must still be there (a reset empties the history).
    const std::size_t rows = m_history->rowCount();
    if (rows < m_bodyRows || (m_bodyRows && m_history->times()[m_bodyRows - 1] != m_bodyLastTime)
        || !(m_pixelScale.x() > 0))
        return false;
    QVector<QList<QPointF>> tails(m_series.size());
    double top = m_dataTop;
    for (int i = 0; i < m_series.size(); ++i) {
        const QPointF start = m_bodyEnds[i];
        if (start.x() < 0)
            return false; // an empty body: nothing to continue
        const Series &s = m_series[i];
        // The rows from the body's last point on, thinned to the same pixel columns.
        const int tailColumns = std::max(1, int(std::ceil((to - start.x()) * m_pixelScale.x())));
        QList<QPointF> tail = thinSeries(m_history->times(),
                                         m_history->column(s.nodeId, s.column),
                                         start.x(),
                                         to,
                                         tailColumns);
        qsizetype before = 0;
        while (before < tail.size() && tail[before].x() <= start.x())
            ++before;
        tail.remove(0, before);
        if (tail.isEmpty())
            continue;
        tail.prepend(start);
        simplifyLine(&tail, m_pixelScale.x(), m_pixelScale.y(), kLineTolerance);
        if (tail.size() > kTailPoints)
            return false;
        for (const QPointF &p : std::as_const(tail))
            top = std::max(top, p.y());
        tails[i] = std::move(tail);
    }
    // A value above the axis' top needs a new axis: the whole lines are drawn again.
    if (niceCeiling(top) != m_top)
        return false;
    for (int i = 0; i < m_series.size(); ++i) {
        if (tails[i] != m_tails[i]->points())
            m_tails[i]->replace(tails[i]);
    }
    return true;
}

void ChartPanel::setTimeRange(double from, double to)
{
    if (from == m_from && to == m_to)
        return;
    // The tick interval follows the span only: scrolling moves the ticks, not their spacing.
    if (to - from != m_to - m_from)
        m_timeAxis->setTickInterval(niceStep(to - from, 6));
    m_from = from;
    m_to = to;
    m_timeAxis->setRange(from, to);
    ++m_axisRangeChanges;
}

void ChartPanel::setValueTop(double top, int ticks)
{
    const double interval = niceStep(top, ticks);
    if (interval != m_valueAxis->tickInterval())
        m_valueAxis->setTickInterval(interval);
    if (top == m_top)
        return;
    m_top = top;
    m_valueAxis->setRange(0, top);
    ++m_axisRangeChanges;
}

QString ChartPanel::valueText(int i, double seconds) const
{
    if (i < 0 || i >= m_series.size())
        return QString();
    const Series &s = m_series[i];
    const std::vector<SimTime> &times = m_history->times();
    const std::vector<double> &values = m_history->column(s.nodeId, s.column);
    const std::size_t rows = std::min(times.size(), values.size());
    if (rows == 0)
        return QString();
    // The row nearest that time.
    const SimTime t = SimTime(std::llround(seconds * double(kSecond)));
    std::size_t row = std::size_t(
        std::lower_bound(times.cbegin(), times.cbegin() + std::ptrdiff_t(rows), t) - times.cbegin());
    if (row == rows || (row > 0 && t - times[row - 1] < times[row] - t))
        row = row == 0 ? 0 : row - 1;
    const double value = values[row];
    const QLocale locale;
    return tr("%1\nt = %2 s: %3 %4")
        .arg(s.name,
             locale.toString(toSeconds(times[row]), 'g', 10),
             locale.toString(value, 'g', 10),
             unitSuffix(m_unit, value));
}

} // namespace flowlab
