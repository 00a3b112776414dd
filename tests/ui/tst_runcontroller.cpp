// Running the window's document: Run, Pause, Step, Reset and speed, and edits made while
// it runs (undo included) reaching the engine, checked through the runner's frames.
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

class TestRunController : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();

    void settingReachesRunningEngine();
    void undoWhileRunningReachesEngine();
    void createOnlyLockedWhileLive();
    void resetClearsAndReloads();
    void speedControl();
    void clockFormat();
    void runKeys();

private:
    QTemporaryDir m_config;
};

void TestRunController::initTestCase()
{
    QVERIFY(m_config.isValid());
    initEnvironment(m_config, "tst_runcontroller");
}

void TestRunController::init()
{
    QSettings().clear();
}

void TestRunController::settingReachesRunningEngine()
{
    TestWindow w;
    w.document()->reset(smallDiagram(), QString());
    RunController *run = w.runController();
    run->setSpeed(100);
    QSignalSpy frames(run, &RunController::frameApplied);
    trigger(w, "actionRun");
    QVERIFY(run->isRunning());
    QVERIFY(run->isLive());
    // The default consumer group: 2 instances × 1 thread.
    QTRY_VERIFY(run->lastFrame() && run->lastFrame()->counter(3, QStringLiteral("workers")) == 2);
    QTRY_VERIFY(run->lastFrame()->counter(3, QStringLiteral("processed")) > 0);

    w.scene()->selectIds({3});
    auto *instances = w.inspector()->currentPage()->findChild<QSpinBox *>(
        QStringLiteral("instances"));
    QVERIFY(instances);
    instances->setValue(7);
    QTRY_COMPARE(run->lastFrame()->counter(3, QStringLiteral("workers")), 7.0);

    // The producer's rate, through its spin box: the producer reports the new rate.
    w.scene()->selectIds({1});
    auto *rate = w.inspector()->currentPage()->findChild<QDoubleSpinBox *>(QStringLiteral("rate"));
    QVERIFY(rate);
    rate->setValue(400);
    QTRY_COMPARE(run->lastFrame()->counter(1, QStringLiteral("rate")), 400.0);
    // ... and sends faster: compare the sent counts over one virtual second or more.
    const FramePtr a = run->lastFrame();
    QTRY_VERIFY(run->lastFrame()->time >= a->time + 2 * kSecond);
    const FramePtr b = run->lastFrame();
    const double perSecond = (b->counter(1, QStringLiteral("sent"))
                              - a->counter(1, QStringLiteral("sent")))
                             / toSeconds(b->time - a->time);
    QVERIFY2(perSecond > 200, qPrintable(QString::number(perSecond)));
    QVERIFY(frames.count() > 0);
    trigger(w, "actionRun"); // pause
    QVERIFY(!run->isRunning());
}

void TestRunController::undoWhileRunningReachesEngine()
{
    TestWindow w;
    w.document()->reset(smallDiagram(), QString());
    RunController *run = w.runController();
    run->setSpeed(100);
    run->run();
    QTRY_VERIFY(run->lastFrame() && run->lastFrame()->node(3));
    // A new node and its link, live.
    const int extra = w.scene()->dropNode(NodeKind::ConsumerGroup, QPointF(500, 200));
    QVERIFY(w.scene()->tryLink(2, extra));
    QTRY_VERIFY(run->lastFrame()->node(extra));
    QTRY_VERIFY(run->lastFrame()->counter(extra, QStringLiteral("processed")) > 0);
    // Undo the link and the node: the engine drops the node too.
    trigger(w, "actionUndo");
    trigger(w, "actionUndo");
    QTRY_VERIFY(!run->lastFrame()->node(extra));
    // A setting's undo.
    w.document()->setNodeSetting(3, QStringLiteral("instances"), qint64(5), false);
    QTRY_COMPARE(run->lastFrame()->counter(3, QStringLiteral("workers")), 5.0);
    trigger(w, "actionUndo");
    QTRY_COMPARE(run->lastFrame()->counter(3, QStringLiteral("workers")), 2.0);
    // Deleting a node while running.
    w.scene()->selectIds({3});
    trigger(w, "actionDelete");
    QTRY_VERIFY(!run->lastFrame()->node(3));
    trigger(w, "actionUndo");
    QTRY_VERIFY(run->lastFrame()->node(3));
    run->pause();
}

void TestRunController::createOnlyLockedWhileLive()
{
    TestWindow w;
    w.document()->reset(smallDiagram(), QString());
    w.scene()->selectIds({2});
    auto *fifo = w.inspector()->currentPage()->findChild<QCheckBox *>(QStringLiteral("fifo"));
    auto *timeout = w.inspector()->currentPage()->findChild<QSpinBox *>(
        QStringLiteral("visibilityTimeout"));
    QVERIFY(fifo->isEnabled());
    trigger(w, "actionStep");
    QVERIFY(w.runController()->isLive());
    QVERIFY(!fifo->isEnabled());
    QVERIFY(timeout->isEnabled());
    trigger(w, "actionReset");
    QVERIFY(!w.runController()->isLive());
    QVERIFY(fifo->isEnabled());
}

void TestRunController::resetClearsAndReloads()
{
    TestWindow w;
    w.document()->reset(smallDiagram(), QString());
    RunController *run = w.runController();
    run->setSpeed(100);
    trigger(w, "actionRun");
    QTRY_VERIFY(run->lastFrame() && run->lastFrame()->time > 2 * kSecond);
    const SimTime reached = run->lastFrame()->time;
    auto *clock = w.findChild<QLabel *>(QStringLiteral("clock"));
    QVERIFY(clock);
    QVERIFY(clock->text() != QStringLiteral("0:00:00.000"));
    trigger(w, "actionReset");
    QVERIFY(!run->isRunning());
    QVERIFY(!run->lastFrame());
    QCOMPARE(clock->text(), QStringLiteral("0:00:00.000"));
    // Edited while stopped, then Run: the engine starts from the document as it is now.
    w.document()->setNodeSetting(3, QStringLiteral("instances"), qint64(4), false);
    QSignalSpy shown(run, &RunController::frameApplied);
    trigger(w, "actionRun");
    QTRY_VERIFY(run->lastFrame() && run->lastFrame()->counter(3, QStringLiteral("workers")) == 4);
    QVERIFY(!shown.isEmpty());
    const FramePtr first = shown.first().first().value<FramePtr>();
    QVERIFY(first);
    QVERIFY(first->time < reached); // a fresh engine, from t = 0

    // A new document stops the run.
    w.answer = QMessageBox::Discard;
    trigger(w, "actionNew");
    QVERIFY(!run->isLive());
    QVERIFY(!run->isRunning());
}

void TestRunController::speedControl()
{
    TestWindow w;
    auto *combo = w.findChild<SpeedComboBox *>(QStringLiteral("speed"));
    QVERIFY(combo);
    QCOMPARE(combo->count(), SpeedComboBox::steps().size() + 1);
    QCOMPARE(SpeedComboBox::steps().first(), 0.1);
    QCOMPARE(SpeedComboBox::steps().last(), 1000.0);
    QCOMPARE(combo->speed(), 1.0);
    combo->setCurrentIndex(combo->count() - 1);
    emit combo->activated(combo->count() - 1);
    QCOMPARE(w.runController()->speed(), 0.0);
    QCOMPARE(combo->itemText(combo->count() - 1), QStringLiteral("As fast as possible"));
    w.runController()->setSpeed(50);
    QCOMPARE(combo->speed(), 50.0);
    combo->setSpeed(3); // nearest step on a log scale
    QCOMPARE(combo->speed(), 2.0);
    auto *label = w.findChild<QLabel *>(QStringLiteral("speedStatus"));
    QCOMPARE(label->text(), QStringLiteral("speed 50×"));

    // The document's speed is taken when it opens.
    Diagram d = smallDiagram();
    d.simulation.speed = 10;
    w.document()->reset(d, QString());
    QCOMPARE(w.runController()->speed(), 10.0);
    QCOMPARE(combo->speed(), 10.0);
}

void TestRunController::clockFormat()
{
    QCOMPARE(RunController::formatClock(0), QStringLiteral("0:00:00.000"));
    QCOMPARE(RunController::formatClock(61 * kSecond + 5 * kMillisecond + 999),
             QStringLiteral("0:01:01.005"));
    QCOMPARE(RunController::formatClock(26 * kHour + 3 * kMinute + 4 * kSecond),
             QStringLiteral("26:03:04.000"));
    QCOMPARE(RunController::formatSpeed(0.25), QStringLiteral("0.25×"));
    QCOMPARE(RunController::formatSpeed(0), QStringLiteral("as fast as possible"));
}

void TestRunController::runKeys()
{
    TestWindow w;
    w.document()->reset(smallDiagram(), QString());
    w.show();
    w.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&w));
    RunController *run = w.runController();
    QWidget *canvas = w.centralWidget();
    canvas->setFocus();
    QTest::keyClick(canvas, Qt::Key_F5);
    QVERIFY(run->isRunning());
    QCOMPARE(w.findChild<QAction *>(QStringLiteral("actionRun"))->text(), QStringLiteral("&Pause"));
    QTest::keyClick(canvas, Qt::Key_F5);
    QVERIFY(!run->isRunning());
    QCOMPARE(w.findChild<QAction *>(QStringLiteral("actionRun"))->text(), QStringLiteral("&Run"));
    QTest::keyClick(canvas, Qt::Key_F6);
    QVERIFY(run->isLive());
    QVERIFY(!run->isRunning());
    QTest::keyClick(canvas, Qt::Key_R, Qt::ControlModifier);
    QVERIFY(!run->isLive());
}

QTEST_MAIN(TestRunController)
#include "tst_runcontroller.moc"
