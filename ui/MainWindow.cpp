#include "MainWindow.h"

#include "RunController.h"
#include "SpeedComboBox.h"
#include "canvas/DiagramScene.h"
#include "canvas/DiagramView.h"
#include "canvas/NodeItem.h"
#include "document/DiagramDocument.h"
#include "inspector/InspectorWidget.h"
#include "palette/PaletteWidget.h"

#include <QAction>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFileInfo>
#include <QFontDatabase>
#include <QLabel>
#include <QSettings>
#include <QStatusBar>
#include <QTimer>
#include <QToolBar>
#include <QUndoStack>

namespace flowlab {

namespace {
// Fits a 1600×1000 screen with room for the desktop's panels.
constexpr QSize kDefaultSize(1400, 900);
constexpr int kPaletteWidth = 190;
constexpr int kInspectorWidth = 360;
constexpr int kEventLogHeight = 250;
constexpr int kBreakpointsHeight = 220;
constexpr int kMessageMs = 6000;
} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_document(new DiagramDocument(this))
    , m_scene(new DiagramScene(m_document, this))
    , m_view(new DiagramView(m_scene, this))
    , m_run(new RunController(m_document, m_scene, this))
    , m_documentName(tr("Untitled"))
{
    setObjectName(QStringLiteral("MainWindow"));
    m_view->setObjectName(QStringLiteral("canvas"));
    setCentralWidget(m_view);

    createDocks();
    createActions();
    createRunToolBar();
    createMenus();
    createStatusBar();

    connect(m_document->undoStack(), &QUndoStack::cleanChanged, this, [this](bool clean) {
        setWindowModified(!clean);
    });
    connect(m_document, &DiagramDocument::filePathChanged, this, &MainWindow::updateTitle);
    connect(m_document, &DiagramDocument::documentReset, this, &MainWindow::onDocumentReset);
    connect(m_scene, &QGraphicsScene::selectionChanged, this, [this] {
        m_inspector->showNodes(m_scene->selectedNodeIds());
        updateEditActions();
    });
    // A double-click on a card: its settings, with the name ready to type over.
    connect(m_scene, &DiagramScene::nodeActivated, this, [this](int id) {
        m_scene->selectIds({id});
        m_inspectorDock->show();
        m_inspectorDock->raise();
        m_inspector->focusName();
    });
    connect(m_view, &DiagramView::zoomChanged, this, [this](double zoom) {
        m_zoomLabel->setText(tr("%1 %").arg(qRound(zoom * 100)));
    });
    connect(m_scene, &DiagramScene::linkRefused, this, [this](const QString &reason) {
        statusBar()->showMessage(reason, kMessageMs);
    });
    connect(m_run, &RunController::frameApplied, this, &MainWindow::showFrame);
    connectInspection();
    connect(m_run, &RunController::runningChanged, this, &MainWindow::updateRunState);
    connect(m_run, &RunController::liveChanged, this, [this](bool live) {
        m_inspector->setLive(live);
        updateRunState();
    });
    connect(m_run, &RunController::speedChanged, this, [this](double speed) {
        m_speed->setSpeed(speed);
        m_speedLabel->setText(tr("speed %1").arg(RunController::formatSpeed(speed)));
    });
    connect(m_run, &RunController::message, this, [this](const QString &text) {
        statusBar()->showMessage(text, kMessageMs);
    });
    // A client's new queue or node out of sight: show the whole diagram again.
    connect(m_run, &RunController::clientNodesAdded, this, [this](const QList<int> &ids) {
        const QRectF visible = m_view->mapToScene(m_view->viewport()->rect()).boundingRect();
        for (int id : ids) {
            if (const NodeItem *item = m_scene->nodeItem(id);
                item && !visible.contains(item->sceneBoundingRect())) {
                m_view->fitToDiagram();
                return;
            }
        }
    });
    connect(m_run, &RunController::servingChanged, this, [this](bool serving) {
        // Real clients keep wall-clock time: the speed is not the person's to change.
        m_speed->setEnabled(!serving);
        m_speed->setToolTip(serving ? tr("While serving real clients the simulation runs at 1× "
                                         "(real time)")
                                    : QString());
    });

    resize(kDefaultSize);
    resizeDocks({m_paletteDock, m_inspectorDock}, {kPaletteWidth, kInspectorWidth}, Qt::Horizontal);
    resizeDocks({m_eventLogDock}, {kEventLogHeight}, Qt::Vertical);
    resizeDocks({m_inspectorDock, m_breakpointsDock},
                {kDefaultSize.height() - kBreakpointsHeight, kBreakpointsHeight},
                Qt::Vertical);
    readSettings();
    updateTitle();
    updateEditActions();
    updateRunState();
    showFrame(nullptr);
}

MainWindow::~MainWindow()
{
    // Torn down in order: the run first (its thread stops), then the view and only then the
    // scene it shows, before QObject deletes the children in creation order (the scene
    // would go before the view and before the inspector its signals reach).
    // Nothing may hear the scene while it goes: removing a selected item emits
    // selectionChanged, and the docks that follow the selection (charts, queue messages)
    // would ask a half-destroyed scene what is selected.
    disconnect(m_scene, nullptr, nullptr, nullptr);
    delete m_run;
    delete m_view;
    delete m_scene;
}

void MainWindow::createDocks()
{
    m_palette = new PaletteWidget(this);
    m_paletteDock = new QDockWidget(tr("Palette"), this);
    m_paletteDock->setObjectName(QStringLiteral("paletteDock"));
    m_paletteDock->setWidget(m_palette);
    m_paletteDock->setAllowedAreas(Qt::LeftDockWidgetArea | Qt::RightDockWidgetArea);
    addDockWidget(Qt::LeftDockWidgetArea, m_paletteDock);
    connect(m_palette, &PaletteWidget::addRequested, this, &MainWindow::addNodeAtCentre);

    m_inspector = new InspectorWidget(m_document, this);
    m_inspectorDock = new QDockWidget(tr("Inspector"), this);
    m_inspectorDock->setObjectName(QStringLiteral("inspectorDock"));
    m_inspectorDock->setWidget(m_inspector);
    m_inspectorDock->setAllowedAreas(Qt::LeftDockWidgetArea | Qt::RightDockWidgetArea);
    addDockWidget(Qt::RightDockWidgetArea, m_inspectorDock);
    createNarrationDocks();
    createInspectionDocks();
    createChartsDock();
    // Under the canvas the event log, the charts and a message's passport share the width as
    // tabs (side by side, none had room for its sentences, its three charts or its columns
    // at the default size).
    tabifyDockWidget(m_eventLogDock, m_chartsDock);
    tabifyDockWidget(m_eventLogDock, m_passportDock);
    m_eventLogDock->raise();
}

void MainWindow::createRunToolBar()
{
    QToolBar *bar = addToolBar(tr("Run"));
    bar->setObjectName(QStringLiteral("runToolBar"));
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    bar->setIconSize(QSize(20, 20));
    bar->addAction(m_runAction);
    bar->addAction(m_stepAction);
    bar->addAction(m_resetAction);
    bar->addSeparator();
    auto *speedLabel = new QLabel(tr("Speed "), bar);
    speedLabel->setContentsMargins(6, 0, 0, 0);
    bar->addWidget(speedLabel);
    m_speed = new SpeedComboBox(bar);
    m_speed->setSpeed(m_run->speed());
    speedLabel->setBuddy(m_speed);
    bar->addWidget(m_speed);
    connect(m_speed, &SpeedComboBox::speedPicked, m_run, &RunController::setSpeed);
    bar->addSeparator();
    bar->addAction(m_fitAction);
}

void MainWindow::createStatusBar()
{
    auto permanent = [this](const QString &name, const QString &tip) {
        auto *label = new QLabel(this);
        label->setObjectName(name);
        label->setToolTip(tip);
        label->setContentsMargins(8, 0, 8, 0);
        statusBar()->addPermanentWidget(label);
        return label;
    };
    m_stateLabel = permanent(QStringLiteral("runState"), tr("What the simulation is doing"));
    m_clockLabel = permanent(QStringLiteral("clock"), tr("Virtual time (h:mm:ss.mmm)"));
    m_clockLabel->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_eventsLabel = permanent(QStringLiteral("events"), tr("Events the engine has processed"));
    m_speedLabel = permanent(QStringLiteral("speedStatus"), tr("Virtual seconds per wall second"));
    m_speedLabel->setText(tr("speed %1").arg(RunController::formatSpeed(m_run->speed())));
    m_zoomLabel = permanent(QStringLiteral("zoom"), tr("Zoom: mouse wheel, or Ctrl++ and Ctrl+-"));
    m_zoomLabel->setText(tr("%1 %").arg(qRound(m_view->zoom() * 100)));
}

void MainWindow::showEndpoint(const QString &url)
{
    if (!m_endpointLabel) {
        m_endpointLabel = new QLabel(this);
        m_endpointLabel->setObjectName(QStringLiteral("endpoint"));
        m_endpointLabel->setContentsMargins(8, 0, 8, 0);
        m_endpointLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
        statusBar()->insertPermanentWidget(0, m_endpointLabel);
    }
    m_endpointLabel->setText(tr("SQS endpoint %1").arg(url));
    m_endpointLabel->setToolTip(
        tr("Real AWS clients reach the queues on the canvas here, for example:\n"
           "aws --endpoint-url %1 sqs create-queue --queue-name demo")
            .arg(url));
}

void MainWindow::updateTitle()
{
    const QString path = m_document->filePath();
    if (!path.isEmpty())
        m_documentName = QFileInfo(path).fileName();
    // [*] shows the modified mark; cleanChanged drives setWindowModified().
    setWindowTitle(tr("%1[*] — Flowlab").arg(m_documentName));
    setWindowModified(m_document->isModified());
}

void MainWindow::onDocumentReset()
{
    updateTitle();
    m_inspector->showNodes({});
    updateEditActions();
    m_pasteCount = 0;
    // After the scene has rebuilt itself and the view knows its size.
    QTimer::singleShot(0, m_view, [view = m_view] { view->fitToDiagram(); });
}

void MainWindow::showFrame(const FramePtr &frame)
{
    if (!frame) {
        m_clockLabel->setText(RunController::formatClock(0));
        m_eventsLabel->setText(tr("%L1 events").arg(0));
    } else {
        m_clockLabel->setText(RunController::formatClock(frame->time));
        m_eventsLabel->setText(tr("%L1 events").arg(frame->eventsProcessed));
    }
    updateRunState();
}

void MainWindow::updateRunState()
{
    const FramePtr frame = m_run->lastFrame();
    QString state;
    if (m_run->isRunning())
        state = tr("Running");
    else if (!m_run->isLive())
        state = tr("Stopped");
    else if (frame && frame->finished)
        state = tr("Finished");
    else
        state = tr("Paused");
    if (m_stateLabel->text() != state)
        m_stateLabel->setText(state);

    const bool running = m_run->isRunning();
    // The one Run/Pause action shows what pressing it will do.
    if (m_runAction->data().toBool() != running || m_runAction->text().isEmpty()) {
        m_runAction->setData(running);
        m_runAction->setText(running ? tr("&Pause") : tr("&Run"));
        m_runAction->setIcon(QIcon(running ? QStringLiteral(":/icons/pause.svg")
                                           : QStringLiteral(":/icons/run.svg")));
        m_runAction->setToolTip(running ? tr("Pause the simulation (%1)")
                                        : tr("Run the simulation (%1)"));
        m_runAction->setToolTip(
            m_runAction->toolTip().arg(m_runAction->shortcut().toString(QKeySequence::NativeText)));
    }
    m_resetAction->setEnabled(m_run->isLive());
}

void MainWindow::readSettings()
{
    QSettings settings;
    settings.beginGroup(QStringLiteral("MainWindow"));
    restoreGeometry(settings.value(QStringLiteral("geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("state")).toByteArray());
    m_snapAction->setChecked(settings.value(QStringLiteral("snapToGrid"), true).toBool());
    settings.endGroup();
    // setChecked() says nothing when the state does not change: tell the scene either way.
    m_scene->setSnapToGrid(m_snapAction->isChecked());
}

void MainWindow::writeSettings() const
{
    QSettings settings;
    settings.beginGroup(QStringLiteral("MainWindow"));
    settings.setValue(QStringLiteral("geometry"), saveGeometry());
    settings.setValue(QStringLiteral("state"), saveState());
    settings.setValue(QStringLiteral("snapToGrid"), m_snapAction->isChecked());
    settings.endGroup();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!maybeSave()) {
        event->ignore();
        return;
    }
    m_run->pause();
    writeSettings();
    event->accept();
}

bool MainWindow::maybeSave()
{
    if (!m_document->isModified())
        return true;
    switch (askToSave()) {
    case QMessageBox::Save:
        return save();
    case QMessageBox::Discard:
        return true;
    default:
        return false;
    }
}

QMessageBox::StandardButton MainWindow::askToSave()
{
    QMessageBox box(QMessageBox::Warning,
                    tr("Unsaved changes"),
                    tr("Do you want to save the changes to %1?").arg(m_documentName),
                    QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel,
                    this);
    box.setInformativeText(tr("Your changes are lost if you don't save them."));
    box.setDefaultButton(QMessageBox::Save);
    return QMessageBox::StandardButton(box.exec());
}

void MainWindow::showWarning(const QString &title, const QString &text)
{
    QMessageBox::warning(this, title, text);
}

} // namespace flowlab
