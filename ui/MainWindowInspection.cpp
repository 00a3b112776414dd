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

namespace flowlab {

namespace {
constexpr int kInspectionDockHeight = 240;
} // namespace

void MainWindow::createInspectionDocks()
{
    // Both start hidden below the canvas, side by side; View shows them, and a click on a
    // message (a table row, a token) brings the passport up.
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
    splitDockWidget(m_queuePeekDock, m_passportDock, Qt::Horizontal);
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

void MainWindow::showPassport(quint64 message)
{
    m_passport->showMessage(message);
    if (!m_passportDock->isVisible()) {
        m_passportDock->show();
        // Beside the table, the passport has more columns to show: it gets the larger half.
        if (m_queuePeekDock->isVisible() && !m_queuePeekDock->isFloating()
            && !m_passportDock->isFloating()
            && dockWidgetArea(m_queuePeekDock) == dockWidgetArea(m_passportDock)) {
            const int both = m_queuePeekDock->width() + m_passportDock->width();
            resizeDocks({m_queuePeekDock, m_passportDock},
                        {both * 2 / 5, both - both * 2 / 5},
                        Qt::Horizontal);
        }
    }
    m_passportDock->raise();
    syncInspection();
}

} // namespace flowlab
