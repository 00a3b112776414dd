// MainWindow: actions, menus, and the Edit, View and Help commands.

#include "MainWindow.h"

#include "BundledExamples.h"
#include "RunController.h"
#include "ShortcutsDialog.h"
#include "canvas/DiagramScene.h"
#include "canvas/DiagramView.h"
#include "charts/ChartsWidget.h"
#include "document/DiagramDocument.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDockWidget>
#include <QMenuBar>
#include <QMimeData>
#include <QStatusBar>
#include <QUndoStack>

namespace flowlab {

namespace {
const QString kFragmentMime = QStringLiteral("application/x-flowlab-fragment");
constexpr qreal kPasteOffset = 40;

QAction *makeAction(QObject *parent,
                    const QString &name,
                    const QString &text,
                    const QList<QKeySequence> &keys = {},
                    const QString &icon = QString())
{
    auto *action = new QAction(text, parent);
    action->setObjectName(name);
    action->setShortcuts(keys);
    if (!icon.isEmpty())
        action->setIcon(QIcon(icon));
    return action;
}
} // namespace

void MainWindow::createActions()
{
    createFileActions();
    createEditActions();
    createViewActions();
    createRunActions();
    m_shortcutsAction = makeAction(this,
                                   QStringLiteral("actionShortcuts"),
                                   tr("&Keyboard Shortcuts"),
                                   {QKeySequence::HelpContents});
    connect(m_shortcutsAction, &QAction::triggered, this, &MainWindow::showShortcuts);
    m_aboutAction = makeAction(this, QStringLiteral("actionAbout"), tr("&About Flowlab"));
    m_aboutAction->setMenuRole(QAction::AboutRole);
    connect(m_aboutAction, &QAction::triggered, this, &MainWindow::showAbout);
}

void MainWindow::createFileActions()
{
    m_newAction = makeAction(this, QStringLiteral("actionNew"), tr("&New"), {QKeySequence::New});
    connect(m_newAction, &QAction::triggered, this, &MainWindow::newDocument);
    m_openAction
        = makeAction(this, QStringLiteral("actionOpen"), tr("&Open…"), {QKeySequence::Open});
    connect(m_openAction, &QAction::triggered, this, &MainWindow::openWithDialog);
    m_saveAction = makeAction(this, QStringLiteral("actionSave"), tr("&Save"), {QKeySequence::Save});
    connect(m_saveAction, &QAction::triggered, this, &MainWindow::save);
    m_saveAsAction = makeAction(this,
                                QStringLiteral("actionSaveAs"),
                                tr("Save &As…"),
                                {QKeySequence(tr("Ctrl+Shift+S"))});
    connect(m_saveAsAction, &QAction::triggered, this, &MainWindow::saveAsWithDialog);
    m_exportPngAction = makeAction(this, QStringLiteral("actionExportPng"), tr("&PNG Image…"));
    connect(m_exportPngAction, &QAction::triggered, this, [this] {
        exportWithDialog(QStringLiteral("png"));
    });
    m_exportSvgAction = makeAction(this, QStringLiteral("actionExportSvg"), tr("&SVG Image…"));
    connect(m_exportSvgAction, &QAction::triggered, this, [this] {
        exportWithDialog(QStringLiteral("svg"));
    });
    m_quitAction = makeAction(this, QStringLiteral("actionQuit"), tr("&Quit"), {QKeySequence::Quit});
    m_quitAction->setMenuRole(QAction::QuitRole);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);
}

void MainWindow::createEditActions()
{
    QUndoStack *stack = m_document->undoStack();
    m_undoAction = stack->createUndoAction(this, tr("&Undo"));
    m_undoAction->setObjectName(QStringLiteral("actionUndo"));
    // Not QKeySequence::Undo: on X11 it adds F14, a key no keyboard here has.
    m_undoAction->setShortcuts({QKeySequence(tr("Ctrl+Z"))});
    m_undoAction->setProperty(ShortcutsDialog::kSheetTextProperty, tr("Undo"));
    m_redoAction = stack->createRedoAction(this, tr("&Redo"));
    m_redoAction->setObjectName(QStringLiteral("actionRedo"));
    m_redoAction->setShortcuts({QKeySequence(tr("Ctrl+Shift+Z")), QKeySequence(tr("Ctrl+Y"))});
    m_redoAction->setProperty(ShortcutsDialog::kSheetTextProperty, tr("Redo"));

    m_cutAction = makeAction(this, QStringLiteral("actionCut"), tr("Cu&t"), {QKeySequence::Cut});
    connect(m_cutAction, &QAction::triggered, this, &MainWindow::cut);
    m_copyAction = makeAction(this, QStringLiteral("actionCopy"), tr("&Copy"), {QKeySequence::Copy});
    connect(m_copyAction, &QAction::triggered, this, &MainWindow::copy);
    m_pasteAction
        = makeAction(this, QStringLiteral("actionPaste"), tr("&Paste"), {QKeySequence::Paste});
    connect(m_pasteAction, &QAction::triggered, this, &MainWindow::paste);
    m_duplicateAction = makeAction(this,
                                   QStringLiteral("actionDuplicate"),
                                   tr("D&uplicate"),
                                   {QKeySequence(tr("Ctrl+D"))});
    connect(m_duplicateAction, &QAction::triggered, this, &MainWindow::duplicate);
    m_deleteAction = makeAction(this,
                                QStringLiteral("actionDelete"),
                                tr("&Delete"),
                                {QKeySequence::Delete, QKeySequence(Qt::Key_Backspace)});
    connect(m_deleteAction, &QAction::triggered, this, &MainWindow::deleteSelection);
    m_selectAllAction = makeAction(this,
                                   QStringLiteral("actionSelectAll"),
                                   tr("Select &All"),
                                   {QKeySequence::SelectAll});
    connect(m_selectAllAction, &QAction::triggered, this, &MainWindow::selectAll);
    connect(QApplication::clipboard(), &QClipboard::dataChanged, this, [this] {
        m_pasteCount = 0;
        updateEditActions();
    });
}

void MainWindow::createViewActions()
{
    m_zoomInAction = makeAction(this,
                                QStringLiteral("actionZoomIn"),
                                tr("Zoom &In"),
                                {QKeySequence::ZoomIn, QKeySequence(tr("Ctrl+="))});
    connect(m_zoomInAction, &QAction::triggered, m_view, &DiagramView::zoomIn);
    m_zoomOutAction = makeAction(this,
                                 QStringLiteral("actionZoomOut"),
                                 tr("Zoom &Out"),
                                 {QKeySequence::ZoomOut});
    connect(m_zoomOutAction, &QAction::triggered, m_view, &DiagramView::zoomOut);
    m_actualSizeAction = makeAction(this,
                                    QStringLiteral("actionActualSize"),
                                    tr("&Actual Size"),
                                    {QKeySequence(tr("Ctrl+0"))});
    connect(m_actualSizeAction, &QAction::triggered, m_view, &DiagramView::resetZoom);
    m_fitAction = makeAction(this,
                             QStringLiteral("actionFit"),
                             tr("&Fit Diagram"),
                             {QKeySequence(tr("Ctrl+Shift+F"))},
                             QStringLiteral(":/icons/fit.svg"));
    m_fitAction->setToolTip(tr("Zoom to show the whole diagram"));
    connect(m_fitAction, &QAction::triggered, m_view, &DiagramView::fitToDiagram);
    m_snapAction = makeAction(this,
                              QStringLiteral("actionSnapToGrid"),
                              tr("&Snap to Grid"),
                              {QKeySequence(tr("Ctrl+G"))});
    m_snapAction->setCheckable(true);
    connect(m_snapAction, &QAction::toggled, m_scene, &DiagramScene::setSnapToGrid);
}

void MainWindow::createRunActions()
{
    m_runAction = makeAction(this,
                             QStringLiteral("actionRun"),
                             tr("&Run"),
                             {QKeySequence(Qt::Key_F5)},
                             QStringLiteral(":/icons/run.svg"));
    m_runAction->setProperty(ShortcutsDialog::kSheetTextProperty, tr("Run / Pause"));
    connect(m_runAction, &QAction::triggered, m_run, &RunController::toggleRun);
    m_stepAction = makeAction(this,
                              QStringLiteral("actionStep"),
                              tr("S&tep"),
                              {QKeySequence(Qt::Key_F6)},
                              QStringLiteral(":/icons/step.svg"));
    m_stepAction->setToolTip(tr("Run exactly one event, then pause (%1)")
                                 .arg(m_stepAction->shortcut().toString(QKeySequence::NativeText)));
    connect(m_stepAction, &QAction::triggered, m_run, &RunController::step);
    m_resetAction = makeAction(this,
                               QStringLiteral("actionReset"),
                               tr("R&eset"),
                               {QKeySequence(tr("Ctrl+R"))},
                               QStringLiteral(":/icons/reset.svg"));
    m_resetAction->setToolTip(
        tr("Back to time zero; the next Run starts afresh (%1)")
            .arg(m_resetAction->shortcut().toString(QKeySequence::NativeText)));
    connect(m_resetAction, &QAction::triggered, m_run, &RunController::reset);
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_newAction);
    file->addAction(m_openAction);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    m_recentMenu->setObjectName(QStringLiteral("recentMenu"));
    connect(m_recentMenu, &QMenu::aboutToShow, this, &MainWindow::fillRecentMenu);
    m_examplesMenu = file->addMenu(tr("&Examples"));
    m_examplesMenu->setObjectName(QStringLiteral("examplesMenu"));
    fillExamplesMenu();
    file->addSeparator();
    file->addAction(m_saveAction);
    file->addAction(m_saveAsAction);
    QMenu *exportMenu = file->addMenu(tr("E&xport"));
    exportMenu->addAction(m_exportPngAction);
    exportMenu->addAction(m_exportSvgAction);
    exportMenu->addSeparator();
    exportMenu->addAction(m_charts->exportPngAction());
    exportMenu->addAction(m_charts->exportCsvAction());
    file->addSeparator();
    file->addAction(m_quitAction);
    // Filled once so the recent files' menu is not empty-looking before its first show.
    fillRecentMenu();

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    edit->addAction(m_undoAction);
    edit->addAction(m_redoAction);
    edit->addSeparator();
    edit->addAction(m_cutAction);
    edit->addAction(m_copyAction);
    edit->addAction(m_pasteAction);
    edit->addAction(m_duplicateAction);
    edit->addAction(m_deleteAction);
    edit->addSeparator();
    edit->addAction(m_selectAllAction);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->addAction(m_zoomInAction);
    view->addAction(m_zoomOutAction);
    view->addAction(m_actualSizeAction);
    view->addAction(m_fitAction);
    view->addSeparator();
    view->addAction(m_snapAction);
    view->addSeparator();
    view->addAction(m_paletteDock->toggleViewAction());
    view->addAction(m_inspectorDock->toggleViewAction());
    view->addAction(m_queuePeekDock->toggleViewAction());
    view->addAction(m_passportDock->toggleViewAction());
    view->addAction(m_chartsDock->toggleViewAction());

    QMenu *sim = menuBar()->addMenu(tr("&Simulation"));
    sim->addAction(m_runAction);
    sim->addAction(m_stepAction);
    sim->addAction(m_resetAction);
    addNarrationMenus(view, sim);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(m_shortcutsAction);
    help->addAction(m_aboutAction);

    m_menus = {file, edit, view, sim, help};
}

void MainWindow::updateEditActions()
{
    const bool nodes = !m_scene->selectedNodeIds().isEmpty();
    const bool anything = nodes || !m_scene->selectedLinkIds().isEmpty();
    m_cutAction->setEnabled(nodes);
    m_copyAction->setEnabled(nodes);
    m_duplicateAction->setEnabled(nodes);
    m_deleteAction->setEnabled(anything);
    const QMimeData *mime = QApplication::clipboard()->mimeData();
    m_pasteAction->setEnabled(mime && mime->hasFormat(kFragmentMime));
}

void MainWindow::copy()
{
    const QList<int> nodes = m_scene->selectedNodeIds();
    if (nodes.isEmpty())
        return;
    auto *mime = new QMimeData;
    const QByteArray fragment = m_document->copy(nodes);
    mime->setData(kFragmentMime, fragment);
    // Plain JSON too, for pasting into a text editor or a bug report.
    mime->setText(QString::fromUtf8(fragment));
    QApplication::clipboard()->setMimeData(mime);
    m_pasteCount = 0;
    updateEditActions();
}

void MainWindow::cut()
{
    copy();
    m_document->removeItems(m_scene->selectedNodeIds(), m_scene->selectedLinkIds());
}

void MainWindow::paste()
{
    const QMimeData *mime = QApplication::clipboard()->mimeData();
    if (!mime || !mime->hasFormat(kFragmentMime))
        return;
    // Each paste of the same clipboard lands a step further, so copies do not pile up.
    ++m_pasteCount;
    const QPointF offset(kPasteOffset * m_pasteCount, kPasteOffset * m_pasteCount);
    const QList<int> ids = m_document->paste(mime->data(kFragmentMime), offset);
    if (ids.isEmpty()) {
        statusBar()->showMessage(tr("The clipboard holds no Flowlab nodes."), 4000);
        return;
    }
    m_scene->selectIds(ids);
}

void MainWindow::duplicate()
{
    const QList<int> nodes = m_scene->selectedNodeIds();
    if (nodes.isEmpty())
        return;
    const QList<int> ids = m_document->duplicate(nodes, QPointF(kPasteOffset, kPasteOffset));
    m_scene->selectIds(ids);
}

void MainWindow::deleteSelection()
{
    m_document->removeItems(m_scene->selectedNodeIds(), m_scene->selectedLinkIds());
}

void MainWindow::selectAll()
{
    QList<int> ids;
    for (const Node &n : m_document->diagram().nodes)
        ids.append(n.id);
    for (const Link &l : m_document->diagram().links)
        ids.append(l.id);
    m_scene->selectIds(ids);
}

void MainWindow::addNodeAtCentre(NodeKind kind)
{
    // The same code path as a drop from the palette (which also selects the new node).
    m_scene->dropNode(kind, m_view->visibleCenter());
}

void MainWindow::showShortcuts()
{
    ShortcutsDialog dialog(m_menus, this);
    dialog.exec();
}

void MainWindow::showAbout()
{
    QMessageBox::about(this,
                       tr("About Flowlab"),
                       tr("<h3>Flowlab %1</h3>"
                          "<p>A laboratory for messaging flows: drag producers, SQS queues and "
                          "consumer groups onto the canvas, wire them, press Run and watch the "
                          "messages move.</p>"
                          "<p>Built with Qt %2.</p>")
                           .arg(QApplication::applicationVersion(),
                                QString::fromLatin1(qVersion())));
}

} // namespace flowlab
