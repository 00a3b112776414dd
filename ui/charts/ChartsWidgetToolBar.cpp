// ChartsWidget: the row above the charts (charted nodes, Pin, Metrics, window, Hold,
// Export) and the Metrics menu.

#include "ChartsWidget.h"

#include "UiResources.h"
#include "document/DiagramDocument.h"

#include <QAction>
#include <QBoxLayout>
#include <QComboBox>
#include <QMenu>
#include <QPushButton>
#include <QSignalBlocker>
#include <QToolButton>

namespace flowlab {

void ChartsWidget::createToolBar()
{
    auto *bar = new QHBoxLayout;
    bar->setSpacing(4);
    // The charted nodes, one button each (pressed = pinned), and Pin for all of them.
    m_nodeButtons = new QHBoxLayout;
    m_nodeButtons->setSpacing(2);
    bar->addLayout(m_nodeButtons);
    m_pinButton = new QToolButton(this);
    m_pinButton->setObjectName(QStringLiteral("chartsPin"));
    m_pinButton->setText(tr("Pin"));
    m_pinButton->setIcon(QIcon(QStringLiteral(":/icons/pin.svg")));
    m_pinButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_pinButton->setCheckable(true);
    m_pinButton->setToolTip(tr("Keep charting these nodes when the selection changes, so "
                               "another selected node is charted beside them"));
    connect(m_pinButton, &QToolButton::toggled, this, [this](bool on) {
        // Rebuilding replaces the node buttons: not from inside a button's signal.
        QMetaObject::invokeMethod(
            this,
            [this, on] {
                const QList<int> nodes = chartedNodes();
                for (int id : nodes)
                    setPinned(id, on);
            },
            Qt::QueuedConnection);
    });
    bar->addWidget(m_pinButton);
    bar->addStretch(1);

    m_metricsMenu = new QMenu(this);
    m_metricsMenu->setObjectName(QStringLiteral("chartsMetricsMenu"));
    connect(m_metricsMenu, &QMenu::aboutToShow, this, &ChartsWidget::fillMetricsMenu);
    m_metricsButton = new QPushButton(tr("Metrics"), this);
    m_metricsButton->setObjectName(QStringLiteral("chartsMetrics"));
    m_metricsButton->setToolTip(tr("Choose the figures to chart for each kind of node"));
    m_metricsButton->setMenu(m_metricsMenu);
    bar->addWidget(m_metricsButton);

    m_windowCombo = new QComboBox(this);
    m_windowCombo->setObjectName(QStringLiteral("chartsWindow"));
    m_windowCombo->addItem(tr("Last minute"), int(Window::LastMinute));
    m_windowCombo->addItem(tr("Last 10 minutes"), int(Window::LastTenMinutes));
    m_windowCombo->addItem(tr("Whole run"), int(Window::WholeRun));
    m_windowCombo->setToolTip(tr("The stretch of virtual time the charts show"));
    m_windowCombo->setCurrentIndex(int(m_window));
    connect(m_windowCombo, &QComboBox::activated, this, [this](int index) {
        setWindow(Window(m_windowCombo->itemData(index).toInt()));
    });
    bar->addWidget(m_windowCombo);

    m_pauseButton = new QToolButton(this);
    m_pauseButton->setObjectName(QStringLiteral("chartsHold"));
    m_pauseButton->setText(tr("Hold"));
    m_pauseButton->setIcon(QIcon(QStringLiteral(":/icons/pause.svg")));
    m_pauseButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_pauseButton->setCheckable(true);
    m_pauseButton->setToolTip(tr("Hold the charts still to read them; the simulation runs on"));
    connect(m_pauseButton, &QToolButton::toggled, this, &ChartsWidget::setScrollingPaused);
    bar->addWidget(m_pauseButton);

    m_exportPngAction = new QAction(tr("Chart as &PNG Image…"), this);
    m_exportPngAction->setObjectName(QStringLiteral("actionExportChartPng"));
    m_exportPngAction->setToolTip(tr("Save the charts as they are shown, as a PNG image"));
    m_exportCsvAction = new QAction(tr("Chart &Data as CSV…"), this);
    m_exportCsvAction->setObjectName(QStringLiteral("actionExportChartCsv"));
    m_exportCsvAction->setToolTip(
        tr("Save the charted figures over the time shown, one column per line, as CSV"));
    auto *exportMenu = new QMenu(this);
    exportMenu->addAction(m_exportPngAction);
    exportMenu->addAction(m_exportCsvAction);
    auto *exportButton = new QPushButton(tr("Export"), this);
    exportButton->setObjectName(QStringLiteral("chartsExport"));
    exportButton->setMenu(exportMenu);
    bar->addWidget(exportButton);

    static_cast<QVBoxLayout *>(layout())->addLayout(bar);
}

void ChartsWidget::fillMetricsMenu()
{
    m_metricsMenu->clear();
    // The kinds charted now; all kinds when nothing is, so a choice can be made ahead.
    QList<NodeKind> kinds;
    for (int id : chartedNodes()) {
        NodeKind kind;
        if (nodeKind(id, &kind) && !kinds.contains(kind))
            kinds.append(kind);
    }
    if (kinds.isEmpty())
        kinds = QList<NodeKind>(std::begin(kAllNodeKinds), std::end(kAllNodeKinds));
    for (NodeKind kind : kinds) {
        m_metricsMenu->addSection(nodeKindDisplayName(kind));
        for (const ChartMetric &m : chartMetrics(kind)) {
            QAction *action = m_metricsMenu->addAction(m.longLabel());
            action->setCheckable(true);
            action->setChecked(m_checked.value(kind).contains(m.column));
            action->setToolTip(m.column);
            action->setData(m.column);
            connect(action, &QAction::toggled, this, [this, kind, column = m.column](bool on) {
                setMetricChecked(kind, column, on);
            });
        }
    }
}

void ChartsWidget::rebuildNodeButtons()
{
    while (QLayoutItem *item = m_nodeButtons->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    for (int id : chartedNodes()) {
        NodeKind kind;
        if (!nodeKind(id, &kind))
            continue;
        auto *button = new QToolButton(this);
        button->setObjectName(QStringLiteral("chartsNode%1").arg(id));
        button->setText(nodeName(id));
        button->setIcon(nodeKindIcon(kind));
        button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        button->setCheckable(true);
        button->setChecked(m_pinned.contains(id));
        button->setToolTip(button->isChecked()
                               ? tr("Pinned: charted whatever is selected. Click to unpin.")
                               : tr("Click to pin: keep charting %1 when the selection changes.")
                                     .arg(nodeName(id)));
        connect(button, &QToolButton::toggled, this, [this, id](bool on) {
            // Rebuilding deletes this button: not from inside its own signal.
            QMetaObject::invokeMethod(
                this, [this, id, on] { setPinned(id, on); }, Qt::QueuedConnection);
        });
        m_nodeButtons->addWidget(button);
    }
    const QList<int> charted = chartedNodes();
    const QSignalBlocker blocker(m_pinButton);
    m_pinButton->setEnabled(!charted.isEmpty());
    m_pinButton->setChecked(!charted.isEmpty() && m_pinned.size() == charted.size());
}

} // namespace flowlab
