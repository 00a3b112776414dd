// MainWindow: the event log and breakpoint docks, their menu entries, and what the window
// does when a breakpoint pauses the run.

#include "MainWindow.h"

#include "RunController.h"
#include "canvas/DiagramScene.h"
#include "canvas/DiagramView.h"
#include "canvas/NodeItem.h"
#include "document/DiagramDocument.h"
#include "log/BreakpointModel.h"
#include "log/BreakpointsWidget.h"
#include "log/EventLogWidget.h"

#include <QAction>
#include <QContextMenuEvent>
#include <QDockWidget>
#include <QMenu>
#include <QStatusBar>

namespace flowlab {

namespace {
// The one queue selected on the canvas, or 0.
int selectedQueue(const DiagramScene *scene, const DiagramDocument *document)
{
    const QList<int> ids = scene->selectedNodeIds();
    if (ids.size() != 1)
        return 0;
    const Node *n = document->diagram().node(ids.first());
    return n && n->kind == NodeKind::SqsQueue ? n->id : 0;
}
} // namespace

void MainWindow::createNarrationDocks()
{
    // The side docks keep their full height; the bottom docks sit under the canvas only.
    setCorner(Qt::BottomLeftCorner, Qt::LeftDockWidgetArea);
    setCorner(Qt::BottomRightCorner, Qt::RightDockWidgetArea);

    m_eventLog = new EventLogWidget(m_document, this);
    m_eventLogDock = new QDockWidget(tr("Event Log"), this);
    m_eventLogDock->setObjectName(QStringLiteral("eventLogDock"));
    m_eventLogDock->setWidget(m_eventLog);
    addDockWidget(Qt::BottomDockWidgetArea, m_eventLogDock);

    m_breakpoints = new BreakpointsWidget(m_document, this);
    m_breakpointsDock = new QDockWidget(tr("Breakpoints"), this);
    m_breakpointsDock->setObjectName(QStringLiteral("breakpointsDock"));
    m_breakpointsDock->setWidget(m_breakpoints);
    // Under the inspector: the log keeps the canvas's whole width for its sentences.
    m_breakpointsDock->setAllowedAreas(Qt::AllDockWidgetAreas);
    addDockWidget(Qt::RightDockWidgetArea, m_breakpointsDock);
    splitDockWidget(m_inspectorDock, m_breakpointsDock, Qt::Vertical);

    connect(m_run, &RunController::frameApplied, m_eventLog, &EventLogWidget::showFrame);
    connect(m_breakpoints->model(),
            &BreakpointModel::changed,
            m_run,
            &RunController::setBreakpoints);
    connect(m_run, &RunController::breakpointHit, this, &MainWindow::showBreakpointHit);
    // The stop is over when the run goes on, or is dropped (Reset, another document).
    auto stopOver = [this] {
        if (m_breakpoints->model()->rowCount() > 0)
            m_breakpoints->model()->clearHit();
        if (statusBar()->currentMessage().startsWith(tr("Paused at a breakpoint")))
            statusBar()->clearMessage();
    };
    connect(m_run, &RunController::runningChanged, this, [stopOver](bool running) {
        if (running)
            stopOver();
    });
    connect(m_run, &RunController::liveChanged, this, [stopOver](bool live) {
        if (!live)
            stopOver();
    });

    m_addBreakpointAction = new QAction(tr("Add &Breakpoint…"), this);
    m_addBreakpointAction->setObjectName(QStringLiteral("actionAddBreakpoint"));
    connect(m_addBreakpointAction, &QAction::triggered, this, [this] {
        m_breakpointsDock->show();
        m_breakpoints->addBreakpoint(selectedQueue(m_scene, m_document));
    });
    m_pauseWhenAction = new QAction(tr("&Pause When…"), this);
    m_pauseWhenAction->setObjectName(QStringLiteral("actionPauseWhen"));
    m_pauseWhenAction->setStatusTip(tr("Add a breakpoint on the selected queue"));
    connect(m_pauseWhenAction, &QAction::triggered, this, [this] {
        if (const int queue = selectedQueue(m_scene, m_document)) {
            m_breakpointsDock->show();
            m_breakpoints->addBreakpoint(queue);
        }
    });
    connect(m_scene, &QGraphicsScene::selectionChanged, this, &MainWindow::updatePauseWhenAction);
    updatePauseWhenAction();
    // Right-click on a queue card: "Pause When…".
    m_view->viewport()->installEventFilter(this);
}

void MainWindow::addNarrationMenus(QMenu *view, QMenu *sim)
{
    view->addAction(m_eventLogDock->toggleViewAction());
    view->addAction(m_breakpointsDock->toggleViewAction());
    sim->addSeparator();
    sim->addAction(m_addBreakpointAction);
    sim->addAction(m_pauseWhenAction);
    sim->addAction(m_breakpointsDock->toggleViewAction());
}

void MainWindow::updatePauseWhenAction()
{
    const int queue = selectedQueue(m_scene, m_document);
    m_pauseWhenAction->setEnabled(queue != 0);
    const Node *n = queue ? m_document->diagram().node(queue) : nullptr;
    m_pauseWhenAction->setText(n ? tr("&Pause When %1…").arg(n->name) : tr("&Pause When…"));
}

void MainWindow::showBreakpointHit(const QString &reason, const QVector<int> &ids)
{
    m_breakpoints->model()->setHit(ids);
    statusBar()->showMessage(tr("Paused at a breakpoint: %1").arg(reason));
}

bool MainWindow::eventFilter(QObject *watched, QEvent *event)
{
    if (m_view && watched == m_view->viewport() && event->type() == QEvent::ContextMenu) {
        if (showCanvasMenu(static_cast<QContextMenuEvent *>(event)->pos()))
            return true;
    }
    return QMainWindow::eventFilter(watched, event);
}

bool MainWindow::showCanvasMenu(const QPoint &viewportPos)
{
    for (QGraphicsItem *item : m_view->items(viewportPos)) {
        for (; item; item = item->parentItem()) {
            auto *card = dynamic_cast<NodeItem *>(item);
            if (!card)
                continue;
            const Node *n = m_document->diagram().node(card->nodeId());
            if (!n || n->kind != NodeKind::SqsQueue)
                return false;
            m_scene->selectIds({n->id});
            QMenu menu(this);
            menu.addAction(m_pauseWhenAction);
            menu.exec(m_view->viewport()->mapToGlobal(viewportPos));
            return true;
        }
    }
    return false;
}

} // namespace flowlab
