#pragma once

#include "model/NodeKind.h"
#include "runner/Frame.h"

#include <QMainWindow>
#include <QMessageBox>

QT_BEGIN_NAMESPACE
class QAction;
class QDockWidget;
class QLabel;
class QMenu;
class QPaintDevice;
QT_END_NAMESPACE

namespace flowlab {

class ChartsWidget;
class DiagramDocument;
class DiagramScene;
class DiagramView;
class BreakpointsWidget;
class EventLogWidget;
class InspectorWidget;
class PaletteWidget;
class PassportWidget;
class QueuePeekWidget;
class RunController;
class SpeedComboBox;

/// The Flowlab window: the canvas in the middle, the palette on the left, the inspector on
/// the right, the charts below, the run toolbar on top and the virtual clock in the status
/// bar.
///
/// The window owns the document (DiagramDocument, with its undo stack), the scene built from
/// it and the RunController that runs it. It wires them together and does the File, Edit,
/// View, Simulation and Help commands; the work itself is in those classes. The sources are
/// split by topic: MainWindow.cpp (layout, title, settings, status), MainWindowActions.cpp
/// (actions, menus, Edit and Help commands), MainWindowFile.cpp (New, Open, Save, Recent,
/// Examples, Export) and MainWindowNarration.cpp (the event log and breakpoint docks).
/// Examples, Export) and MainWindowCharts.cpp (the charts dock).
///
/// Everything that would open a modal dialog goes through a virtual ask...() or
/// showWarning() function, so tests can answer without one.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    DiagramDocument *document() const { return m_document; }
    DiagramScene *scene() const { return m_scene; }
    DiagramView *view() const { return m_view; }
    RunController *runController() const { return m_run; }
    InspectorWidget *inspector() const { return m_inspector; }
    EventLogWidget *eventLog() const { return m_eventLog; }
    BreakpointsWidget *breakpointsPanel() const { return m_breakpoints; }
    QueuePeekWidget *queuePeek() const { return m_queuePeek; }
    PassportWidget *passport() const { return m_passport; }
    QDockWidget *queuePeekDock() const { return m_queuePeekDock; }
    QDockWidget *passportDock() const { return m_passportDock; }
    ChartsWidget *charts() const { return m_charts; }
    /// The file name shown in the title ("orders.flowlab", "Untitled").
    QString documentName() const { return m_documentName; }

    /// Replaces the document with the file at `path` (a file or a ":/examples/..." resource)
    /// without asking; on failure leaves the document untouched and returns the reader's
    /// message in `*error`.
    bool loadFile(const QString &path, QString *error = nullptr);
    /// Shows, in the status bar, where the local SQS endpoint listens (flowlab --serve).
    void showEndpoint(const QString &url);

public slots:
    /// File > New: an empty diagram, after asking about unsaved changes.
    void newDocument();
    /// Opens `path` after asking about unsaved changes; a bad file is reported in a
    /// warning and changes nothing. Returns true when the file is now open.
    bool openFile(const QString &path);
    /// Saves to the document's file, or asks for one. Returns true when saved.
    bool save();
    /// Asks for a file and saves there. Returns true when saved.
    bool saveAs();
    /// Saves to `path`, which becomes the document's file. A failure is reported in a
    /// warning and leaves the document modified.
    bool saveTo(const QString &path);
    /// Renders the diagram (items only, no selection marks) to a PNG or an SVG file.
    bool exportPng(const QString &path);
    bool exportSvg(const QString &path);

protected:
    /// Whether to save unsaved work first: Save, Discard or Cancel.
    virtual QMessageBox::StandardButton askToSave();
    virtual QString askOpenFileName();
    virtual QString askSaveFileName(const QString &caption,
                                    const QString &filter,
                                    const QString &suggestion);
    virtual void showWarning(const QString &title, const QString &text);

    /// Asks about unsaved work; true when it is fine to go on (saved or discarded).
    bool maybeSave();
    void closeEvent(QCloseEvent *event) override;

private:
    // MainWindow.cpp
    void createDocks();
    void createRunToolBar();
    void createStatusBar();
    void updateTitle();
    void readSettings();
    void writeSettings() const;
    void showFrame(const FramePtr &frame);
    void updateRunState();
    void onDocumentReset();

    // MainWindowNarration.cpp: the event log and breakpoint docks
    void createNarrationDocks();
    void addNarrationMenus(QMenu *view, QMenu *sim);
    void showBreakpointHit(const QString &reason, const QVector<int> &ids);
    void updatePauseWhenAction();
    bool showCanvasMenu(const QPoint &viewportPos);
    bool eventFilter(QObject *watched, QEvent *event) override;

    // MainWindowActions.cpp
    void createActions();
    void createFileActions();
    void createEditActions();
    void createViewActions();
    void createRunActions();
    void createMenus();
    void updateEditActions();
    void cut();
    void copy();
    void paste();
    void duplicate();
    void deleteSelection();
    void selectAll();
    void addNodeAtCentre(NodeKind kind);
    void showShortcuts();
    void showAbout();

    // MainWindowInspection.cpp
    void createInspectionDocks();
    void connectInspection();
    void followSelectedQueue();
    void syncInspection();
    void layOutInspectionDocks();
    void showPassport(quint64 message);

    // MainWindowFile.cpp
    void openWithDialog();
    bool loadOrWarn(const QString &path);
    void saveAsWithDialog();
    void exportWithDialog(const QString &format);
    void fillRecentMenu();
    void fillExamplesMenu();
    bool renderTo(QPaintDevice *device, const QRectF &source, const QRectF &target);
    QRectF exportRect() const;

    // MainWindowCharts.cpp
    void createChartsDock();
    void exportChartWithDialog(const QString &format);

    DiagramDocument *m_document;
    DiagramScene *m_scene;
    DiagramView *m_view;
    RunController *m_run;
    PaletteWidget *m_palette = nullptr;
    InspectorWidget *m_inspector = nullptr;
    QString m_documentName;
    int m_pasteCount = 0; ///< pastes of the same clipboard in a row (each lands 40 px further)

    QDockWidget *m_paletteDock = nullptr;
    QDockWidget *m_inspectorDock = nullptr;
    EventLogWidget *m_eventLog = nullptr;
    QDockWidget *m_eventLogDock = nullptr;
    BreakpointsWidget *m_breakpoints = nullptr;
    QDockWidget *m_breakpointsDock = nullptr;
    QAction *m_addBreakpointAction = nullptr;
    QAction *m_pauseWhenAction = nullptr;
    QueuePeekWidget *m_queuePeek = nullptr;
    QDockWidget *m_queuePeekDock = nullptr;
    PassportWidget *m_passport = nullptr;
    QDockWidget *m_passportDock = nullptr;
    ChartsWidget *m_charts = nullptr;
    QDockWidget *m_chartsDock = nullptr;
    SpeedComboBox *m_speed = nullptr;
    QLabel *m_stateLabel = nullptr;
    QLabel *m_clockLabel = nullptr;
    QLabel *m_eventsLabel = nullptr;
    QLabel *m_speedLabel = nullptr;
    QLabel *m_zoomLabel = nullptr;
    QLabel *m_endpointLabel = nullptr; ///< made by showEndpoint()

    QMenu *m_recentMenu = nullptr;
    QMenu *m_examplesMenu = nullptr;
    QList<QMenu *> m_menus;

    QAction *m_newAction = nullptr;
    QAction *m_openAction = nullptr;
    QAction *m_saveAction = nullptr;
    QAction *m_saveAsAction = nullptr;
    QAction *m_exportPngAction = nullptr;
    QAction *m_exportSvgAction = nullptr;
    QAction *m_quitAction = nullptr;
    QAction *m_undoAction = nullptr;
    QAction *m_redoAction = nullptr;
    QAction *m_cutAction = nullptr;
    QAction *m_copyAction = nullptr;
    QAction *m_pasteAction = nullptr;
    QAction *m_duplicateAction = nullptr;
    QAction *m_deleteAction = nullptr;
    QAction *m_selectAllAction = nullptr;
    QAction *m_zoomInAction = nullptr;
    QAction *m_zoomOutAction = nullptr;
    QAction *m_actualSizeAction = nullptr;
    QAction *m_fitAction = nullptr;
    QAction *m_snapAction = nullptr;
    QAction *m_runAction = nullptr;
    QAction *m_stepAction = nullptr;
    QAction *m_resetAction = nullptr;
    QAction *m_shortcutsAction = nullptr;
    QAction *m_aboutAction = nullptr;
};

} // namespace flowlab
