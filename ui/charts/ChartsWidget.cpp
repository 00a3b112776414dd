#include "ChartsWidget.h"

#include "ChartPanel.h"
#include "document/DiagramDocument.h"
#include "io/ReportWriter.h"

#include <QAction>
#include <QBoxLayout>
#include <QBuffer>
#include <QComboBox>
#include <QEvent>
#include <QLabel>
#include <QSaveFile>
#include <QSettings>
#include <QStackedWidget>
#include <QToolButton>

#include <algorithm>
#include <cmath>

namespace flowlab {

namespace {
const QString kSettingsGroup = QStringLiteral("Charts");
constexpr double kScrollSteps = 30;

// 1, 2 or 5 × 10^k, at or above v.
double niceStep(double v)
{
    if (!(v > 0))
        return 0;
    const double magnitude = std::pow(10.0, std::floor(std::log10(v)));
    for (double m : {1.0, 2.0, 5.0}) {
        if (m * magnitude >= v)
            return m * magnitude;
    }
    return 10 * magnitude;
}

double windowSeconds(ChartsWidget::Window window)
{
    switch (window) {
    case ChartsWidget::Window::LastMinute:
        return 60;
    case ChartsWidget::Window::LastTenMinutes:
        return 600;
    case ChartsWidget::Window::WholeRun:
        break;
    }
    return 0;
}

bool saveBytes(const QString &path, const QByteArray &bytes, QString *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        if (error)
            *error = file.errorString();
        return false;
    }
    return true;
}
} // namespace

ChartsWidget::ChartsWidget(DiagramDocument *document, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
    , m_stack(new QStackedWidget(this))
    , m_emptyLabel(new QLabel(this))
    , m_chartsPage(new QWidget(this))
{
    setObjectName(QStringLiteral("charts"));
    for (NodeKind kind : kAllNodeKinds)
        m_checked.insert(kind, defaultChartColumns(kind));
    readSettings();

    m_timer.setSingleShot(true);
    m_timer.setInterval(kRefreshMs);
    connect(&m_timer, &QTimer::timeout, this, [this] { draw(true); });

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 2, 4, 4);
    layout->setSpacing(2);
    createToolBar();
    m_emptyLabel->setObjectName(QStringLiteral("chartsEmpty"));
    m_emptyLabel->setAlignment(Qt::AlignCenter);
    m_emptyLabel->setWordWrap(true);
    m_emptyLabel->setEnabled(false); // the disabled text colour: a hint, not content
    m_stack->addWidget(m_emptyLabel);
    m_chartsLayout = new QBoxLayout(QBoxLayout::LeftToRight, m_chartsPage);
    m_chartsLayout->setContentsMargins(0, 0, 0, 0);
    m_chartsLayout->setSpacing(4);
    for (ChartUnit unit : kAllChartUnits) {
        auto *panel = new ChartPanel(unit, &m_history, m_chartsPage);
        m_chartsLayout->addWidget(panel, 1);
        panel->hide();
        m_panels.insert(unit, panel);
    }
    m_chartsPage->installEventFilter(this);
    m_stack->addWidget(m_chartsPage);
    layout->addWidget(m_stack, 1);

    connect(document, &DiagramDocument::nodeRemoved, this, [this](int id) {
        m_pinned.removeAll(id);
        m_selected.removeAll(id);
        rebuild();
    });
    connect(document, &DiagramDocument::nodeRenamed, this, &ChartsWidget::rebuild);
    connect(document, &DiagramDocument::documentReset, this, [this] {
        m_pinned.clear();
        m_selected.clear();
        rebuild();
    });
    rebuild();
}

ChartsWidget::~ChartsWidget() = default;

QList<int> ChartsWidget::chartedNodes() const
{
    QList<int> ids = m_pinned;
    for (int id : m_selected) {
        if (ids.size() >= kMaxNodes)
            break;
        NodeKind kind;
        if (!ids.contains(id) && nodeKind(id, &kind) && !chartMetrics(kind).isEmpty())
            ids.append(id);
    }
    return ids;
}

void ChartsWidget::setPinned(int nodeId, bool pinned)
{
    if (pinned == m_pinned.contains(nodeId))
        return;
    if (pinned) {
        if (!m_document->diagram().node(nodeId) || m_pinned.size() >= kMaxNodes)
            return;
        m_pinned.append(nodeId);
    } else {
        m_pinned.removeAll(nodeId);
    }
    rebuild();
}

void ChartsWidget::setSelectedNodes(const QList<int> &nodeIds)
{
    if (nodeIds == m_selected)
        return;
    m_selected = nodeIds;
    rebuild();
}

QStringList ChartsWidget::checkedMetrics(NodeKind kind) const
{
    return m_checked.value(kind);
}

void ChartsWidget::setMetricChecked(NodeKind kind, const QString &column, bool checked)
{
    QStringList &columns = m_checked[kind];
    if (checked == columns.contains(column) || !findChartMetric(kind, column))
        return;
    // Kept in menu order, so the lines keep their colours whatever order they were picked in.
    QStringList ordered;
    for (const ChartMetric &m : chartMetrics(kind)) {
        if (m.column == column ? checked : columns.contains(m.column))
            ordered.append(m.column);
    }
    columns = ordered;
    writeSettings();
    rebuild();
}

void ChartsWidget::setWindow(Window window)
{
    if (window == m_window)
        return;
    m_window = window;
    m_windowCombo->setCurrentIndex(m_windowCombo->findData(int(window)));
    writeSettings();
    m_dirty = true;
    scheduleRefresh();
}

void ChartsWidget::setScrollingPaused(bool paused)
{
    if (paused == m_paused)
        return;
    m_paused = paused;
    m_frozenEnd = lastTime();
    m_pauseButton->setChecked(paused);
    m_dirty = true;
    scheduleRefresh();
}

// The lines of each panel from the charted nodes and the chosen metrics.
void ChartsWidget::rebuild()
{
    const QList<int> nodes = chartedNodes();
    QMap<ChartUnit, QVector<ChartPanel::Series>> series;
    for (int id : nodes) {
        NodeKind kind;
        if (!nodeKind(id, &kind))
            continue;
        for (const QString &column : m_checked.value(kind)) {
            const ChartMetric *m = findChartMetric(kind, column);
            const QString name = nodes.size() > 1 ? nodeName(id) + QStringLiteral(": ") + m->label
                                                  : m->label;
            series[m->unit].append({id, column, name});
        }
    }
    for (ChartUnit unit : kAllChartUnits) {
        ChartPanel *panel = m_panels.value(unit);
        panel->setSeries(series.value(unit));
        panel->setVisible(!series.value(unit).isEmpty());
    }
    rebuildNodeButtons();
    updateEmptyState();
    m_dirty = true;
    scheduleRefresh();
}

void ChartsWidget::updateEmptyState()
{
    const QString text = emptyText();
    m_emptyLabel->setText(text);
    m_stack->setCurrentWidget(text.isEmpty() ? m_chartsPage : static_cast<QWidget *>(m_emptyLabel));
    const bool charts = text.isEmpty();
    m_exportPngAction->setEnabled(charts);
    m_exportCsvAction->setEnabled(charts);
}

QString ChartsWidget::emptyText() const
{
    if (chartedNodes().isEmpty())
        return tr("Select a queue or consumer group on the canvas to chart it.");
    bool anyLine = false;
    for (ChartPanel *panel : m_panels)
        anyLine = anyLine || !panel->series().isEmpty();
    if (!anyLine)
        return tr("Choose what to chart in the Metrics menu.");
    if (m_history.rowCount() == 0)
        return tr("Run the simulation to see figures (one point per second of virtual time).");
    return QString();
}

QList<ChartPanel *> ChartsWidget::visiblePanels() const
{
    QList<ChartPanel *> panels;
    for (ChartUnit unit : kAllChartUnits) {
        if (!m_panels.value(unit)->series().isEmpty())
            panels.append(m_panels.value(unit));
    }
    return panels;
}

void ChartsWidget::applyFrame(const FramePtr &frame)
{
    const bool hadRows = m_history.rowCount() > 0;
    m_history.apply(frame);
    if (m_history.rowCount() == 0 && m_paused)
        setScrollingPaused(false); // a new run: nothing to hold on to
    if (hadRows != (m_history.rowCount() > 0))
        updateEmptyState();
    if (m_history.revision() != m_drawnRevision)
        scheduleRefresh();
}

void ChartsWidget::scheduleRefresh()
{
    // Single shot: at most one redraw per kRefreshMs, and no timer at all while idle.
    if (!m_timer.isActive() && isVisible())
        m_timer.start();
}

double ChartsWidget::lastTime() const
{
    return m_history.rowCount() ? toSeconds(m_history.times().back()) : 0.0;
}

QPair<double, double> ChartsWidget::timeRange() const
{
    const double end = m_paused ? m_frozenEnd : lastTime();
    double span = windowSeconds(m_window);
    // The right edge moves in steps of a thirtieth of the window (of a 1-2-5 step near it,
    // for the whole run) rather than with every row: Qt Charts lays an axis out afresh on
    // every range change, and a fast run would pay for that at every redraw.
    const double step = span > 0 ? span / kScrollSteps : niceStep(end / kScrollSteps);
    const double edge = step > 0 ? std::ceil(end / step - 1e-9) * step : end;
    if (span == 0)
        return {0.0, std::max(edge, 60.0)};
    // Until a window's worth has run, the line grows from the left edge.
    return {std::max(0.0, edge - span), std::max(edge, span)};
}

void ChartsWidget::refresh()
{
    draw(false);
}

void ChartsWidget::draw(bool limitAxisSteps)
{
    const bool newRows = m_history.revision() != m_drawnRevision;
    if (!m_dirty && (!newRows || m_paused))
        return;
    m_drawnRevision = m_history.revision();
    m_dirty = false;
    if (m_stack->currentWidget() != m_chartsPage)
        return;
    auto [from, to] = timeRange();
    // A forward step of the time axis (same span, further right) soon after the last one
    // waits: the new rows are drawn into the axis as it is (a row past its right edge is
    // not shown until the step), and a redraw is due once the step may be taken.
    const bool forward = to > m_drawnRange.second
                         && to - from == m_drawnRange.second - m_drawnRange.first;
    if (forward && limitAxisSteps && m_axisStepped.isValid()
        && m_axisStepped.elapsed() < m_axisStepMs) {
        from = m_drawnRange.first;
        to = m_drawnRange.second;
        m_dirty = true;
        scheduleRefresh();
    } else if (forward) {
        m_axisStepped.start();
    }
    m_drawnRange = {from, to};
    for (ChartPanel *panel : visiblePanels())
        panel->refresh(from, to);
}

void ChartsWidget::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    m_dirty = true;
    scheduleRefresh();
}

bool ChartsWidget::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_chartsPage && event->type() == QEvent::Resize) {
        updateLayoutDirection();
        // The thinning depends on the charts' width.
        m_dirty = true;
        scheduleRefresh();
    }
    return QWidget::eventFilter(watched, event);
}

void ChartsWidget::updateLayoutDirection()
{
    // Side by side in a wide dock (at the bottom), one above the other in a tall one.
    const QSize size = m_chartsPage->size();
    const auto direction = size.width() >= size.height() * 2 ? QBoxLayout::LeftToRight
                                                             : QBoxLayout::TopToBottom;
    if (m_chartsLayout->direction() != direction)
        m_chartsLayout->setDirection(direction);
}

QByteArray ChartsWidget::csv() const
{
    QVector<ChartPanel::Series> lines;
    for (ChartPanel *panel : visiblePanels())
        lines += panel->series();
    QByteArray out = "time_s";
    for (const ChartPanel::Series &s : lines)
        out += ',' + ReportWriter::csvField(nodeName(s.nodeId) + QLatin1Char('/') + s.column);
    out += '\n';
    const auto [from, to] = timeRange();
    const std::vector<SimTime> &times = m_history.times();
    for (std::size_t row = 0; row < times.size(); ++row) {
        const double t = toSeconds(times[row]);
        if (t < from || t > to)
            continue;
        out += ReportWriter::csvNumber(t);
        for (const ChartPanel::Series &s : lines) {
            out += ',';
            const std::vector<double> &column = m_history.column(s.nodeId, s.column);
            if (row < column.size())
                out += ReportWriter::csvNumber(column[row]);
        }
        out += '\n';
    }
    return out;
}

bool ChartsWidget::exportCsv(const QString &path, QString *error) const
{
    if (visiblePanels().isEmpty()) {
        if (error)
            *error = tr("Nothing is charted.");
        return false;
    }
    return saveBytes(path, csv(), error);
}

bool ChartsWidget::exportPng(const QString &path, QString *error) const
{
    if (m_stack->currentWidget() != m_chartsPage) {
        if (error)
            *error = tr("Nothing is charted.");
        return false;
    }
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    if (!m_chartsPage->grab().save(&buffer, "PNG")) {
        if (error)
            *error = tr("The image could not be made.");
        return false;
    }
    return saveBytes(path, bytes, error);
}

QString ChartsWidget::nodeName(int nodeId) const
{
    const Node *n = m_document->diagram().node(nodeId);
    return n ? n->name : QString::number(nodeId);
}

bool ChartsWidget::nodeKind(int nodeId, NodeKind *kind) const
{
    const Node *n = m_document->diagram().node(nodeId);
    if (n)
        *kind = n->kind;
    return n != nullptr;
}

void ChartsWidget::readSettings()
{
    QSettings settings;
    settings.beginGroup(kSettingsGroup);
    for (NodeKind kind : kAllNodeKinds) {
        const QString key = QStringLiteral("metrics/") + nodeKindId(kind);
        if (!settings.contains(key))
            continue;
        QStringList columns;
        for (const QString &column : settings.value(key).toStringList()) {
            if (findChartMetric(kind, column))
                columns.append(column);
        }
        m_checked.insert(kind, columns);
    }
    const int window = settings.value(QStringLiteral("window"), int(m_window)).toInt();
    if (window >= int(Window::LastMinute) && window <= int(Window::WholeRun))
        m_window = Window(window);
    settings.endGroup();
}

void ChartsWidget::writeSettings() const
{
    QSettings settings;
    settings.beginGroup(kSettingsGroup);
    for (NodeKind kind : kAllNodeKinds)
        settings.setValue(QStringLiteral("metrics/") + nodeKindId(kind), m_checked.value(kind));
    settings.setValue(QStringLiteral("window"), int(m_window));
    settings.endGroup();
}

} // namespace flowlab
