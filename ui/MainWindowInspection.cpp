// MainWindow: the inspection docks (a queue's messages, a message's passport) and their
// wiring to the canvas and the run.
#include "MainWindow.h"

#include "RunController.h"
#include "canvas/DiagramScene.h"
#include "document/DiagramDocument.h"
#include "inspection/PassportWidget.h"
#include "inspection/QueuePeekWidget.h"

#include <QDockWidget>
#include <QKeySequence>
#include <QTimer>

namespace flowlab {

namespace {
constexpr int kInspectionDockHeight = 240;
constexpr int kInspectionDockMinWidth = 280; ///< narrower: laid out anew when shown
} // namespace

void MainWindow::createInspectionDocks()
{
    // Both start hidden below the canvas: the passport as a tab beside the event log and the
    // charts (MainWindow::createDocks), the table beside those tabs, so a passport opened from
    // the table leaves the table in view. View shows them, and a click on a message (a table
    // row, a token) brings the passport up.
    m_queuePeek = new QueuePeekWidget(m_document, this);
    m_queuePeekDock = new QDockWidget(tr("Queue Messages"), this);
    m_queuePeekDock->setObjectName(QStringLiteral("queuePeekDock"));
    m_queuePeekDock->setWidget(m_queuePeek);
    m_queuePeekDock->toggleViewAction()->setShortcut(QKeySequence(tr("Ctrl+Shift+M")));
    m_queuePeekDock->toggleViewAction()->setToolTip(tr("The messages of the selected queue, live"));
    addDockWidget(Qt::BottomDockWidgetArea, m_queuePeekDock);

    m_passport = new PassportWidget(m_document, this);
    m_passportDock = new QDockWidget(tr("Message Passport"), this);
    m_passportDock->setObjectName(QStringLiteral("passportDock"));
    m_passportDock->setWidget(m_passport);
    m_passportDock->toggleViewAction()->setShortcut(QKeySequence(tr("Ctrl+Shift+L")));
    addDockWidget(Qt::BottomDockWidgetArea, m_passportDock);
    resizeDocks({m_queuePeekDock, m_passportDock},
                {kInspectionDockHeight, kInspectionDockHeight},
                Qt::Vertical);
    m_queuePeekDock->hide();
    m_passportDock->hide();
}

void MainWindow::connectInspection()
{
    connect(m_scene, &QGraphicsScene::selectionChanged, this, &MainWindow::followSelectedQueue);
    // The runner peeks and records lives only while a dock shows them (it costs engine time).
    connect(m_queuePeek, &QueuePeekWidget::queueChanged, this, &MainWindow::syncInspection);
    connect(m_queuePeekDock, &QDockWidget::visibilityChanged, this, &MainWindow::syncInspection);
    // Shown squeezed beside the event log (its first showing, whichever way): room for it.
    for (QDockWidget *dock : {m_queuePeekDock, m_passportDock}) {
        connect(dock, &QDockWidget::visibilityChanged, this, [this, dock](bool visible) {
            if (!visible)
                return;
            // Measured once the layout has placed it.
            QTimer::singleShot(0, this, [this, dock] {
                if (dock->isVisible() && !dock->isFloating()
                    && dock->width() < kInspectionDockMinWidth)
                    layOutInspectionDocks();
            });
        });
    }
    connect(m_passportDock, &QDockWidget::visibilityChanged, this, &MainWindow::syncInspection);
    connect(m_queuePeek, &QueuePeekWidget::messageActivated, this, &MainWindow::showPassport);
    connect(m_scene, &DiagramScene::tokenClicked, this, &MainWindow::showPassport);
    connect(m_passport, &PassportWidget::messageChanged, this, &MainWindow::syncInspection);
    connect(m_run, &RunController::frameApplied, this, [this](const FramePtr &frame) {
        m_queuePeek->showFrame(frame);
        m_passport->showFrame(frame);
    });
    connect(m_document, &DiagramDocument::nodeRemoved, this, [this](int id) {
        if (id == m_queuePeek->queue())
            m_queuePeek->setQueue(0);
    });
    connect(m_document, &DiagramDocument::documentReset, this, [this] {
        m_queuePeek->setQueue(0);
        m_passport->showMessage(0);
    });
}

void MainWindow::syncInspection()
{
    m_run->setPeekQueue(m_queuePeekDock->isHidden() ? 0 : m_queuePeek->queue());
    m_run->setPassportMessage(m_passportDock->isHidden() ? 0 : m_passport->message());
}

void MainWindow::followSelectedQueue()
{
    // The table follows the queue selected on the canvas; selecting anything else keeps it.
    const QList<int> ids = m_scene->selectedNodeIds();
    if (ids.size() != 1)
        return;
    const Node *node = m_document->diagram().node(ids.first());
    if (node && node->kind == NodeKind::SqsQueue)
        m_queuePeek->setQueue(node->id);
}

void MainWindow::layOutInspectionDocks()
{
    // Below the canvas: the tabs (event log, charts, passport) and, beside them, the table.
    // Shares of the width the two have together (the dock's own size hint would leave the
    // table a sliver).
    QList<QDockWidget *> docks;
    QList<int> shares;
    for (auto [dock, share] : {std::pair{m_eventLogDock, 62}, std::pair{m_queuePeekDock, 38}}) {
        if (dock->isVisible() && !dock->isFloating()
            && dockWidgetArea(dock) == Qt::BottomDockWidgetArea) {
            docks.append(dock);
            shares.append(share);
        }
    }
    if (docks.size() < 2)
        return;
    int width = 0;
    for (QDockWidget *d : docks)
        width += d->width();
    int total = 0;
    for (int share : shares)
        total += share;
    QList<int> sizes;
    for (int share : shares)
        sizes.append(width * share / total);
    resizeDocks(docks, sizes, Qt::Horizontal);
}

void MainWindow::showPassport(quint64 message)
{
    m_passport->showMessage(message);
    m_passportDock->show();
    m_passportDock->raise();
    syncInspection();
}

} // namespace flowlab
