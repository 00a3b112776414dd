// The main window driven through its actions: every edit undone back to the exact file,
// save and open, prompts before unsaved work is lost, bad files, examples, recent files,
// the clipboard, the shortcuts sheet and export.
//
// Dialogs are answered by TestWindow (TestWindow.h), never shown.

#include "TestWindow.h"

#include "MainWindow.h"
#include "RecentFiles.h"
#include "RunController.h"
#include "ShortcutsDialog.h"
#include "SpeedComboBox.h"
#include "canvas/DiagramScene.h"
#include "canvas/LinkItem.h"
#include "document/DiagramDocument.h"
#include "inspector/InspectorWidget.h"
#include "inspector/NodePage.h"
#include "inspector/PropertyEditor.h"
#include "io/DiagramFile.h"
#include "runner/SimulationRunner.h"

#include <functional>
#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QSettings>
#include <QSignalSpy>
#include <QSlider>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QUndoStack>

#include <functional>

using namespace flowlab;
using namespace flowlab::test;

class TestMainWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();

    void startsEmptyAndUntitled();
    void undoRedoEveryEdit_data();
    void undoRedoEveryEdit();
    void titleFollowsCleanState();
    void saveOpenRoundTrip();
    void failedSaveKeepsModified();
    void badFileLeavesDocument();
    void closePromptsForUnsavedWork();
    void replacingPromptsForUnsavedWork();
    void examplesMenu();
    void recentFiles();
    void pasteOffsetsAndSelects();
    void shortcutsSheetListsEveryShortcut();
    void exportPngAndSvg();

private:
    QTemporaryDir m_config;
};

void TestMainWindow::initTestCase()
{
    QVERIFY(m_config.isValid());
    initEnvironment(m_config, "tst_mainwindow");
}

void TestMainWindow::init()
{
    QSettings().clear();
}

void TestMainWindow::startsEmptyAndUntitled()
{
    TestWindow w;
    QVERIFY(w.document()->diagram().nodes.isEmpty());
    QCOMPARE(w.windowTitle(), QStringLiteral("Untitled[*] — Flowlab"));
    QVERIFY(!w.isWindowModified());
    QCOMPARE(w.size(), QSize(1400, 900));
    QCOMPARE(w.inspector()->nodeId(), 0);
}

void TestMainWindow::undoRedoEveryEdit_data()
{
    QTest::addColumn<QString>("edit");
    for (const char *edit : {"create producer",
                             "create queue",
                             "create consumer group",
                             "delete node",
                             "delete link",
                             "cut",
                             "move",
                             "link",
                             "rename",
                             "setting",
                             "setting of a default",
                             "paste",
                             "duplicate"})
        QTest::newRow(edit) << QString::fromLatin1(edit);
}

void TestMainWindow::undoRedoEveryEdit()
{
    QFETCH(QString, edit);
    TestWindow w;
    QVERIFY(w.loadFile(QStringLiteral(":/examples/video-processing.flowlab")));
    DiagramDocument *doc = w.document();
    DiagramScene *scene = w.scene();
    const QByteArray before = bytes(w);
    const int depth = doc->undoStack()->count();

    if (edit == QLatin1String("create producer")) {
        QVERIFY(scene->dropNode(NodeKind::Producer, QPointF(100, 300)) > 0);
    } else if (edit == QLatin1String("create queue")) {
        QVERIFY(scene->dropNode(NodeKind::SqsQueue, QPointF(100, 300)) > 0);
    } else if (edit == QLatin1String("create consumer group")) {
        QVERIFY(scene->dropNode(NodeKind::ConsumerGroup, QPointF(100, 300)) > 0);
    } else if (edit == QLatin1String("delete node")) {
        scene->selectIds({kQueue}); // its three links go with it
        trigger(w, "actionDelete");
        QCOMPARE(doc->diagram().links.size(), 0);
    } else if (edit == QLatin1String("delete link")) {
        scene->clearSelection();
        QVERIFY(scene->linkItem(7));
        scene->linkItem(7)->setSelected(true); // a click on the link
        QCOMPARE(scene->selectedLinkIds(), QList<int>{7});
        trigger(w, "actionDelete");
        QCOMPARE(doc->diagram().links.size(), 2);
    } else if (edit == QLatin1String("cut")) {
        scene->selectIds({kConsumers});
        trigger(w, "actionCut");
        QVERIFY(!doc->diagram().node(kConsumers));
    } else if (edit == QLatin1String("move")) {
        doc->moveNodes({{kQueue, QPointF(260, 40)}, {kDlq, QPointF(260, 240)}}, false);
    } else if (edit == QLatin1String("link")) {
        const int extra = scene->dropNode(NodeKind::ConsumerGroup, QPointF(500, 200));
        QVERIFY(scene->tryLink(kDlq, extra));
        QCOMPARE(doc->undoStack()->count(), depth + 2);
        QVERIFY(doc->undoStack()->canUndo());
        doc->undoStack()->undo(); // the link only: back to "with the extra node"
        const QByteArray withNode = bytes(w);
        doc->undoStack()->redo();
        QVERIFY(bytes(w) != withNode);
        doc->undoStack()->undo();
        QCOMPARE(bytes(w), withNode);
        doc->undoStack()->redo();
    } else if (edit == QLatin1String("rename")) {
        scene->selectIds({kQueue});
        QLineEdit *name = w.inspector()->currentPage()->nameEdit();
        name->setText(QStringLiteral("uploads"));
        name->setModified(true);
        emit name->editingFinished();
        QCOMPARE(doc->diagram().node(kQueue)->name, QStringLiteral("uploads"));
    } else if (edit == QLatin1String("setting")) {
        scene->selectIds({kQueue});
        auto *timeout = w.inspector()->currentPage()->findChild<QSpinBox *>(
            QStringLiteral("visibilityTimeout"));
        QVERIFY(timeout);
        QCOMPARE(timeout->value(), 120);
        timeout->setValue(45);
        QCOMPARE(doc->diagram().node(kQueue)->setting(QStringLiteral("visibilityTimeout")),
                 QVariant(45));
    } else if (edit == QLatin1String("setting of a default")) {
        // The key is absent from the file: undo must remove it again, not write the default.
        scene->selectIds({kQueue});
        auto *delay = w.inspector()->currentPage()->findChild<QSpinBox *>(
            QStringLiteral("delaySeconds"));
        QVERIFY(delay);
        delay->setValue(3);
    } else if (edit == QLatin1String("paste")) {
        scene->selectIds({kProducer, kQueue});
        trigger(w, "actionCopy");
        trigger(w, "actionPaste");
        QCOMPARE(doc->diagram().nodes.size(), 6);
        QCOMPARE(doc->diagram().links.size(), 4); // the link inside the selection came along
    } else if (edit == QLatin1String("duplicate")) {
        scene->selectIds({kConsumers});
        trigger(w, "actionDuplicate");
        QCOMPARE(doc->diagram().nodes.size(), 5);
    } else {
        QFAIL("unknown edit");
    }

    const QByteArray after = bytes(w);
    QVERIFY(after != before);
    QVERIFY(w.isWindowModified());
    // Undo everything this edit pushed, through the window's Undo action.
    while (doc->undoStack()->count() > depth && doc->undoStack()->canUndo())
        trigger(w, "actionUndo");
    QCOMPARE(bytes(w), before);
    QVERIFY(!w.isWindowModified());
    while (doc->undoStack()->canRedo())
        trigger(w, "actionRedo");
    QCOMPARE(bytes(w), after);
    while (doc->undoStack()->canUndo())
        trigger(w, "actionUndo");
    QCOMPARE(bytes(w), before);
}

void TestMainWindow::titleFollowsCleanState()
{
    TestWindow w;
    QVERIFY(w.loadFile(kExamples + QStringLiteral("fifo-message-groups.flowlab")));
    QCOMPARE(w.windowTitle(), QStringLiteral("fifo-message-groups.flowlab[*] — Flowlab"));
    QVERIFY(!w.isWindowModified());
    w.scene()->dropNode(NodeKind::Producer, QPointF(0, 300));
    QVERIFY(w.isWindowModified());
    trigger(w, "actionUndo");
    QVERIFY(!w.isWindowModified());
    trigger(w, "actionRedo");
    QVERIFY(w.isWindowModified());

    QTemporaryDir dir;
    w.nextSave = dir.filePath(QStringLiteral("copy")); // the suffix is added
    trigger(w, "actionSaveAs");
    QVERIFY(!w.isWindowModified());
    QCOMPARE(w.windowTitle(), QStringLiteral("copy.flowlab[*] — Flowlab"));
    // Undo past the save point: modified again, though the file's text is the old one.
    trigger(w, "actionUndo");
    QVERIFY(w.isWindowModified());
    trigger(w, "actionRedo");
    QVERIFY(!w.isWindowModified());
}

void TestMainWindow::saveOpenRoundTrip()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("round-trip.flowlab"));
    QByteArray saved;
    {
        TestWindow w;
        QVERIFY(w.loadFile(QStringLiteral(":/examples/video-processing.flowlab")));
        // An example is an untitled copy: Save asks where.
        QVERIFY(w.document()->filePath().isEmpty());
        w.scene()->dropNode(NodeKind::SqsQueue, QPointF(600, 300));
        w.nextSave = path;
        trigger(w, "actionSave");
        QVERIFY(w.warnings.isEmpty());
        QCOMPARE(w.document()->filePath(), path);
        QVERIFY(!w.isWindowModified());
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        saved = f.readAll();
        QCOMPARE(saved, bytes(w));

        // A second save goes to the same file, without asking.
        w.nextSave.clear();
        w.document()->renameNode(kQueue, QStringLiteral("renamed"));
        trigger(w, "actionSave");
        QVERIFY(!w.isWindowModified());
        f.seek(0);
        QFile again(path);
        QVERIFY(again.open(QIODevice::ReadOnly));
        saved = again.readAll();
        QVERIFY(saved.contains("\"renamed\""));
    }
    TestWindow w;
    trigger(w, "actionNew");
    w.nextOpen = path;
    trigger(w, "actionOpen");
    QVERIFY(w.warnings.isEmpty());
    QCOMPARE(w.document()->filePath(), path);
    QCOMPARE(bytes(w), saved);
    Diagram fromDisk;
    QVERIFY(DiagramFile::load(path, &fromDisk, nullptr));
    QVERIFY(w.document()->diagram() == fromDisk);
    QCOMPARE(w.windowTitle(), QStringLiteral("round-trip.flowlab[*] — Flowlab"));
    QVERIFY(!w.isWindowModified());
    QVERIFY(!w.document()->undoStack()->canUndo());
}

void TestMainWindow::failedSaveKeepsModified()
{
    TestWindow w;
    w.scene()->dropNode(NodeKind::Producer, QPointF());
    QVERIFY(!w.saveTo(QStringLiteral("/nonexistent/folder/x.flowlab")));
    QCOMPARE(w.warnings.size(), 1);
    QVERIFY2(w.warnings.first().contains(QStringLiteral("/nonexistent/folder/x.flowlab")),
             qPrintable(w.warnings.first()));
    QVERIFY(w.isWindowModified());
    QVERIFY(w.document()->filePath().isEmpty());
}

void TestMainWindow::badFileLeavesDocument()
{
    QTemporaryDir dir;
    const QString bad = dir.filePath(QStringLiteral("bad.flowlab"));
    QFile f(bad);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("{\"format\": \"flowlab\", \"version\": 1, \"nodes\": [{\"id\": 1, \"kind\": "
            "\"producer\", \"name\": \"p\", \"position\": [0, 0], \"settings\": {\"rate\": "
            "-3}}]}");
    f.close();
    DiagramFileError expected;
    QVERIFY(!DiagramFile::load(bad, nullptr, &expected));
    QCOMPARE(expected.place, QStringLiteral("/nodes/0/settings/rate"));

    TestWindow w;
    const QString good = kExamples + QStringLiteral("fifo-message-groups.flowlab");
    QVERIFY(w.loadFile(good));
    w.scene()->dropNode(NodeKind::Producer, QPointF(0, 300)); // unsaved work
    const QByteArray before = bytes(w);
    const QString title = w.windowTitle();
    w.answer = QMessageBox::Discard;
    w.nextOpen = bad;
    trigger(w, "actionOpen");
    QCOMPARE(w.warnings.size(), 1);
    QVERIFY2(w.warnings.first().contains(expected.toString()), qPrintable(w.warnings.first()));
    QVERIFY(w.warnings.first().contains(QStringLiteral("bad.flowlab")));
    QCOMPARE(bytes(w), before);
    QCOMPARE(w.document()->filePath(), good);
    QCOMPARE(w.windowTitle(), title);
    QVERIFY(w.isWindowModified());
    QVERIFY(w.document()->undoStack()->canUndo());

    // A missing file: the system's reason, the document again untouched.
    QVERIFY(!w.openFile(dir.filePath(QStringLiteral("missing.flowlab"))));
    QCOMPARE(w.warnings.size(), 2);
    QVERIFY(w.warnings.last().contains(QStringLiteral("missing.flowlab")));
    QCOMPARE(bytes(w), before);
}

void TestMainWindow::closePromptsForUnsavedWork()
{
    {
        TestWindow w;
        w.show();
        QVERIFY(w.close()); // nothing to save: no question
        QCOMPARE(w.asked, 0);
    }
    TestWindow w;
    w.show();
    w.scene()->dropNode(NodeKind::SqsQueue, QPointF());
    w.answer = QMessageBox::Cancel;
    QVERIFY(!w.close());
    QCOMPARE(w.asked, 1);
    QVERIFY(w.isVisible());
    QCOMPARE(w.document()->diagram().nodes.size(), 1);

    // Save, with nowhere chosen to save to: the window stays.
    w.answer = QMessageBox::Save;
    w.nextSave.clear();
    QVERIFY(!w.close());
    QVERIFY(w.isVisible());

    QTemporaryDir dir;
    w.nextSave = dir.filePath(QStringLiteral("kept.flowlab"));
    QVERIFY(w.close());
    QVERIFY(QFile::exists(w.nextSave));

    TestWindow discard;
    discard.show();
    discard.scene()->dropNode(NodeKind::SqsQueue, QPointF());
    discard.answer = QMessageBox::Discard;
    QVERIFY(discard.close());
    QCOMPARE(discard.asked, 1);
    QVERIFY(!discard.isVisible());
}

void TestMainWindow::replacingPromptsForUnsavedWork()
{
    TestWindow w;
    w.scene()->dropNode(NodeKind::SqsQueue, QPointF());
    const QByteArray before = bytes(w);
    w.answer = QMessageBox::Cancel;
    trigger(w, "actionNew");
    QCOMPARE(w.asked, 1);
    QCOMPARE(bytes(w), before);
    auto *example = w.findChild<QAction *>(QStringLiteral("example:fifo-message-groups.flowlab"));
    QVERIFY(example);
    example->trigger();
    QCOMPARE(w.asked, 2);
    QCOMPARE(bytes(w), before);
    w.nextOpen = kExamples + QStringLiteral("video-processing.flowlab");
    trigger(w, "actionOpen");
    QCOMPARE(w.asked, 3);
    QCOMPARE(bytes(w), before);

    w.answer = QMessageBox::Discard;
    trigger(w, "actionNew");
    QCOMPARE(w.asked, 4);
    QVERIFY(w.document()->diagram().nodes.isEmpty());
    QVERIFY(!w.isWindowModified());
}

void TestMainWindow::examplesMenu()
{
    const QList<BundledExamples::Example> examples = BundledExamples::all();
    QCOMPARE(examples.size(), 4);
    TestWindow w;
    for (const BundledExamples::Example &example : examples) {
        const QString file = QFileInfo(example.path).fileName();
        auto *action = w.findChild<QAction *>(QStringLiteral("example:") + file);
        QVERIFY2(action, qPrintable(file));
        action->trigger();
        QVERIFY(w.warnings.isEmpty());
        Diagram expected;
        QVERIFY(DiagramFile::load(kExamples + file, &expected, nullptr));
        QVERIFY(w.document()->diagram() == expected);
        QVERIFY(w.document()->filePath().isEmpty()); // Save asks where
        QCOMPARE(w.windowTitle(), file + QStringLiteral("[*] — Flowlab"));
    }
    QVERIFY(RecentFiles::files().isEmpty()); // examples are not recent files
}

void TestMainWindow::recentFiles()
{
    QTemporaryDir dir;
    Diagram d = smallDiagram();
    QStringList paths;
    for (int i = 0; i < 10; ++i) {
        paths.append(dir.filePath(QStringLiteral("d%1.flowlab").arg(i)));
        QVERIFY(DiagramFile::save(d, paths.last(), nullptr));
    }
    TestWindow w;
    for (const QString &p : paths)
        QVERIFY(w.openFile(p));
    QStringList expected;
    for (int i = 9; i >= 2; --i)
        expected.append(paths.at(i));
    QCOMPARE(RecentFiles::files(), expected);
    QFile::remove(paths.at(5));
    expected.removeAll(paths.at(5));
    auto *menu = w.findChild<QMenu *>(QStringLiteral("recentMenu"));
    QVERIFY(menu);
    emit menu->aboutToShow();
    QStringList shown;
    for (QAction *a : menu->actions()) {
        if (!a->isSeparator() && a->isEnabled() && !a->statusTip().isEmpty())
            shown.append(a->statusTip());
    }
    QCOMPARE(shown, expected);
    QCOMPARE(QSettings().value(QStringLiteral("recentFiles")).toStringList(), expected);
    // Opening one through the menu.
    menu->actions().at(1)->trigger();
    QCOMPARE(w.document()->filePath(), expected.at(1));
}

void TestMainWindow::pasteOffsetsAndSelects()
{
    TestWindow w;
    w.document()->reset(smallDiagram(), QString());
    w.scene()->selectIds({1, 2});
    trigger(w, "actionCopy");
    trigger(w, "actionPaste");
    const QList<int> first = w.scene()->selectedNodeIds();
    QCOMPARE(first.size(), 2);
    for (int id : first) {
        QVERIFY(id > 5);
        const Node *n = w.document()->diagram().node(id);
        const Node *original = w.document()->diagram().node(n->kind == NodeKind::Producer ? 1 : 2);
        QCOMPARE(n->position, original->position + QPointF(40, 40));
        QVERIFY(n->name != original->name);
    }
    QCOMPARE(w.inspector()->nodeId(), 0); // two selected: the hint
    trigger(w, "actionPaste");            // a second paste lands further on
    const QList<int> second = w.scene()->selectedNodeIds();
    QCOMPARE(second.size(), 2);
    for (int id : second) {
        const Node *n = w.document()->diagram().node(id);
        QVERIFY(n->position == QPointF(80, 80) || n->position == QPointF(330, 80));
    }
}

void TestMainWindow::shortcutsSheetListsEveryShortcut()
{
    TestWindow w;
    QList<QMenu *> menus;
    for (QAction *a : w.menuBar()->actions()) {
        if (a->menu())
            menus.append(a->menu());
    }
    QCOMPARE(menus.size(), 5);
    const QString html = ShortcutsDialog::html(menus);
    int shortcuts = 0;
    std::function<void(QMenu *)> visit = [&](QMenu *menu) {
        for (QAction *a : menu->actions()) {
            if (a->menu()) {
                visit(a->menu());
                continue;
            }
            for (const QKeySequence &k : a->shortcuts()) {
                ++shortcuts;
                QVERIFY2(html.contains(k.toString(QKeySequence::NativeText).toHtmlEscaped()),
                         qPrintable(a->text()));
            }
        }
    };
    for (QMenu *m : menus)
        visit(m);
    QVERIFY(shortcuts >= 20);
    // The run keys: F5, F6, Ctrl+R; Space stays the canvas's pan key.
    QCOMPARE(w.findChild<QAction *>("actionRun")->shortcut(), QKeySequence(Qt::Key_F5));
    QCOMPARE(w.findChild<QAction *>("actionStep")->shortcut(), QKeySequence(Qt::Key_F6));
    QCOMPARE(w.findChild<QAction *>("actionReset")->shortcut(), QKeySequence("Ctrl+R"));
    QCOMPARE(w.findChild<QAction *>("actionDuplicate")->shortcut(), QKeySequence("Ctrl+D"));
}

void TestMainWindow::exportPngAndSvg()
{
    TestWindow w;
    QVERIFY(w.loadFile(QStringLiteral(":/examples/video-processing.flowlab")));
    w.scene()->selectIds({kQueue});
    QTemporaryDir dir;
    w.nextSave = dir.filePath(QStringLiteral("diagram.png"));
    trigger(w, "actionExportPng");
    QImage png(w.nextSave);
    QVERIFY(!png.isNull());
    QVERIFY(png.width() > 500 && png.height() > 100);
    w.nextSave = dir.filePath(QStringLiteral("diagram")); // the suffix is added
    trigger(w, "actionExportSvg");
    QFile svg(w.nextSave + QStringLiteral(".svg"));
    QVERIFY(svg.open(QIODevice::ReadOnly));
    const QByteArray text = svg.readAll();
    QVERIFY(text.contains("<svg"));
    QVERIFY(w.warnings.isEmpty());
    QCOMPARE(w.scene()->selectedNodeIds(), QList<int>{kQueue}); // selection restored
    QVERIFY(!w.isWindowModified());
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
