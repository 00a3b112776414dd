#pragma once

#include "ChartMetrics.h"
#include "runner/Frame.h"
#include "runner/MetricsHistory.h"

#include <QElapsedTimer>
#include <QMap>
#include <QTimer>
#include <QWidget>

QT_BEGIN_NAMESPACE
class QAction;
class QBoxLayout;
class QComboBox;
class QHBoxLayout;
class QLabel;
class QMenu;
class QPushButton;
class QStackedWidget;
class QToolButton;
QT_END_NAMESPACE

namespace flowlab {

class ChartPanel;
class DiagramDocument;

/// The charts dock's contents: the metrics of the selected node (and of pinned ones) over
/// virtual time, one ChartPanel per unit.
///
/// It keeps the run's metric rows in a MetricsHistory fed by every frame (applyFrame; a null
/// frame clears it) and redraws from a single-shot timer at most 10 times a second, only
/// when something changed. The person chooses the metrics per node kind (the Metrics menu,
/// remembered in the settings), the time window, and can hold the scrolling to read values.
/// Export writes the charts as a PNG or the charted columns over the window as CSV, with
/// the headless report's columns (`time_s,<node>/<metric>,...`). The row of controls above
/// the charts is built in ChartsWidgetToolBar.cpp.
class ChartsWidget : public QWidget
{
    Q_OBJECT

public:
    enum class Window { LastMinute, LastTenMinutes, WholeRun };
    /// How many nodes can be charted at once (pinned and selected together).
    static constexpr int kMaxNodes = 6;
    /// The shortest time between two redraws.
    static constexpr int kRefreshMs = 100;
    /// The shortest wall time between two steps of the time axis when the dock redraws on
    /// its own: a fast run draws its new rows into the axis it has until then (Qt Charts
    /// lays out the axis and recomputes every line at each step).
    static constexpr int kAxisStepMs = 500;
    /// Sets that shortest time (tests use 0 and long ones).
    void setAxisStepInterval(int ms) { m_axisStepMs = ms; }

    explicit ChartsWidget(DiagramDocument *document, QWidget *parent = nullptr);
    ~ChartsWidget() override;

    const MetricsHistory &history() const { return m_history; }

    /// The nodes charted: the pinned ones, then the selected ones.
    QList<int> chartedNodes() const;
    QList<int> pinnedNodes() const { return m_pinned; }
    void setPinned(int nodeId, bool pinned);

    /// The columns charted for nodes of `kind`.
    QStringList checkedMetrics(NodeKind kind) const;
    void setMetricChecked(NodeKind kind, const QString &column, bool checked);

    Window window() const { return m_window; }
    void setWindow(Window window);
    bool isScrollingPaused() const { return m_paused; }
    void setScrollingPaused(bool paused);

    /// The charts shown, in layout order.
    QList<ChartPanel *> visiblePanels() const;
    ChartPanel *panel(ChartUnit unit) const { return m_panels.value(unit); }
    /// The text shown instead of charts, or empty when the charts are shown.
    QString emptyText() const;
    /// The virtual time range drawn, in seconds.
    QPair<double, double> timeRange() const;

    /// The charted columns over the time range as CSV.
    QByteArray csv() const;
    /// Saves through QSaveFile; false and why when it fails (the old file is left whole).
    bool exportCsv(const QString &path, QString *error) const;
    bool exportPng(const QString &path, QString *error) const;
    QAction *exportPngAction() const { return m_exportPngAction; }
    QAction *exportCsvAction() const { return m_exportCsvAction; }

public slots:
    void applyFrame(const flowlab::FramePtr &frame);
    /// The canvas selection (node ids); the unpinned charted nodes follow it.
    void setSelectedNodes(const QList<int> &nodeIds);
    /// Redraws now, the time axis where timeRange() puts it (tests may call it).
    void refresh();

protected:
    void showEvent(QShowEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void createToolBar();
    void fillMetricsMenu();
    void rebuild();
    void rebuildNodeButtons();
    void updateLayoutDirection();
    void updateEmptyState();
    void scheduleRefresh();
    /// Redraws; with `limitAxisSteps`, the time axis steps forward at most once per kAxisStepMs.
    void draw(bool limitAxisSteps);
    void readSettings();
    void writeSettings() const;
    QString nodeName(int nodeId) const;
    bool nodeKind(int nodeId, NodeKind *kind) const;
    double lastTime() const;

    DiagramDocument *m_document;
    MetricsHistory m_history;
    QList<int> m_selected;
    QList<int> m_pinned;
    QMap<NodeKind, QStringList> m_checked;
    Window m_window = Window::LastTenMinutes;
    bool m_paused = false;
    double m_frozenEnd = 0; ///< the newest time shown while the scrolling is held
    quint64 m_drawnRevision = ~quint64(0);
    bool m_dirty = true;
    QTimer m_timer;
    QPair<double, double> m_drawnRange{-1, -1};
    QElapsedTimer m_axisStepped; ///< since the time axis last moved forward
    int m_axisStepMs = kAxisStepMs;

    QHBoxLayout *m_nodeButtons = nullptr;
    QToolButton *m_pinButton = nullptr;
    QPushButton *m_metricsButton = nullptr;
    QMenu *m_metricsMenu = nullptr;
    QComboBox *m_windowCombo = nullptr;
    QToolButton *m_pauseButton = nullptr;
    QAction *m_exportPngAction = nullptr;
    QAction *m_exportCsvAction = nullptr;
    QStackedWidget *m_stack = nullptr;
    QLabel *m_emptyLabel = nullptr;
    QWidget *m_chartsPage = nullptr;
    QBoxLayout *m_chartsLayout = nullptr;
    QMap<ChartUnit, ChartPanel *> m_panels;
};

} // namespace flowlab
