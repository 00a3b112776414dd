#include "ChartPanel.h"

#include "SeriesThinner.h"
#include "runner/MetricsHistory.h"

#include <QChart>
#include <QCursor>
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
    setValueTop(1);
}

void ChartPanel::setSeries(const QVector<Series> &series)
{
    if (series == m_series)
        return;
    m_series = series;
    QChart *c = chart();
    c->removeAllSeries(); // deletes them
    m_lines.clear();
    for (int i = 0; i < series.size(); ++i) {
        auto *line = new QLineSeries;
        line->setName(series[i].name);
        QPen pen(kColors[i % std::size(kColors)]);
        // One pixel wide: Qt draws those on a fast path (a 1.6 px pen cost a fifth more).
        pen.setWidthF(1);
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
        m_lines.append(line);
    }
}

void ChartPanel::refresh(double from, double to)
{
    int columns = int(chart()->plotArea().width());
    if (columns <= 0)
        columns = width(); // not laid out yet
    QVector<QList<QPointF>> points(m_series.size());
    double top = 0;
    for (int i = 0; i < m_series.size(); ++i) {
        const Series &s = m_series[i];
        points[i] = thinSeries(m_history->times(),
                               m_history->column(s.nodeId, s.column),
                               from,
                               to,
                               std::max(columns, 1));
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
        setValueTop(valueTop);
    }
    for (int i = 0; i < m_series.size(); ++i)
        m_lines[i]->replace(points[i]);
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

void ChartPanel::setValueTop(double top)
{
    if (top == m_top)
        return;
    m_top = top;
    m_valueAxis->setTickInterval(niceStep(top, 5));
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
