// The event log dock (filters, follow behaviour, notes) and breakpoints pausing the
// window's run.

#include "RunController.h"
#include "TestWindow.h"
#include "log/BreakpointModel.h"
#include "log/BreakpointsWidget.h"
#include "log/EventLogModel.h"
#include "log/EventLogWidget.h"

#include "canvas/DiagramScene.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QScrollBar>
#include <QStatusBar>
#include <QTableView>
#include <QThread>
#include <QToolButton>

using namespace flowlab;
using namespace flowlab::test;

namespace {

TraceRecord rec(SimTime t, int node, TraceKind kind, quint64 message, qint64 a = 0, qint64 b = 0)
{
    TraceRecord r;
    r.time = t;
    r.node = node;
    r.kind = kind;
    r.message = message;
    r.a = a;
    r.b = b;
    return r;
}

// One message's life in smallDiagram(): sent, received, back after 30 s, received again.
FramePtr lifeOf(quint64 m, SimTime t0)
{
    auto f = std::make_shared<Frame>();
    f->time = t0 + 31 * kSecond;
    f->trace = {rec(t0, kQueue, TraceKind::Sent, m, 100, kProducer),
                rec(t0 + kSecond, kQueue, TraceKind::Received, m, 1, kConsumers),
                rec(t0 + 31 * kSecond, kQueue, TraceKind::VisibleAgain, m, 1, 0)};
    return f;
}

QStringList column(const QAbstractItemModel *model, int column)
{
    QStringList out;
    for (int r = 0; r < model->rowCount(); ++r)
        out << model->index(r, column).data().toString();
    return out;
}

} // namespace

class TestEventLog : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { initEnvironment(m_config, "tst_eventlog"); }
    void narratesFrames();
    void filtersByNodeKindAndText();
    void followsUntilScrolledUp();
    void notesDroppedRecordsAndClears();
    void breakpointPausesTheWindowsRun();
    void runPressedBeforeTheBreakpointFrameArrives();
    void breakpointsFollowTheDocument();
    void dialogMakesTheBreakpoint();

private:
    QTemporaryDir m_config;
};

void TestEventLog::narratesFrames()
{
    DiagramDocument doc;
    doc.reset(smallDiagram(), QString());
    EventLogWidget log(&doc);
    log.showFrame(lifeOf(5, kSecond));
    const EventLogModel *m = log.model();
    QCOMPARE(m->rowCount(), 3);
    QCOMPARE(column(m, EventLogModel::TimeColumn),
             (QStringList{"0:00:01.000", "0:00:02.000", "0:00:32.000"}));
    QCOMPARE(column(m, EventLogModel::NodeColumn), (QStringList{"queue", "queue", "queue"}));
    QCOMPARE(column(m, EventLogModel::EventColumn),
             (QStringList{"producer sent m-5 to queue (100 bytes)",
                          "consumers received m-5 from queue (receive 1)",
                          "m-5 is visible again in queue: the 30 s visibility timeout expired "
                          "before consumers deleted it (receive 1)"}));
    // A rename shows in the lines already there.
    QVERIFY(doc.renameNode(kQueue, QStringLiteral("orders")));
    QCOMPARE(m->index(0, EventLogModel::EventColumn).data().toString(),
             QStringLiteral("producer sent m-5 to orders (100 bytes)"));
}

void TestEventLog::filtersByNodeKindAndText()
{
    DiagramDocument doc;
    doc.reset(smallDiagram(), QString());
    EventLogWidget log(&doc);
    log.showFrame(lifeOf(5, 0));
    log.showFrame(lifeOf(6, 40 * kSecond));
    QAbstractItemModel *shown = log.view()->model();
    QCOMPARE(shown->rowCount(), 6);

    // Node: the producer's sends are recorded at the queue, yet belong to the producer too.
    auto *nodes = log.findChild<QComboBox *>(QStringLiteral("eventLogNode"));
    QVERIFY(nodes);
    QCOMPARE(nodes->count(), 4); // all nodes, consumers, producer, queue
    QCOMPARE(nodes->itemText(0), QStringLiteral("All nodes"));
    const int producer = nodes->findData(kProducer);
    QVERIFY(producer > 0);
    nodes->setCurrentIndex(producer);
    emit nodes->activated(producer);
    QCOMPARE(shown->rowCount(), 2);
    QCOMPARE(column(shown, EventLogModel::EventColumn),
             (QStringList{"producer sent m-5 to queue (100 bytes)",
                          "producer sent m-6 to queue (100 bytes)"}));
    // The consumers: their receives, and the timeouts of the messages they held.
    const int consumers = nodes->findData(kConsumers);
    nodes->setCurrentIndex(consumers);
    emit nodes->activated(consumers);
    QCOMPARE(shown->rowCount(), 4);
    QCOMPARE(shown->index(1, EventLogModel::EventColumn).data().toString(),
             QStringLiteral("m-5 is visible again in queue: the 30 s visibility timeout expired "
                            "before consumers deleted it (receive 1)"));
    nodes->setCurrentIndex(0);
    emit nodes->activated(0);
    QCOMPARE(shown->rowCount(), 6);

    // Kind: hide the receives and the visibility timeouts.
    auto *receives = log.findChild<QAction *>(
        QStringLiteral("eventLogKind%1").arg(int(NarrationGroup::Receives)));
    auto *visibility = log.findChild<QAction *>(
        QStringLiteral("eventLogKind%1").arg(int(NarrationGroup::Visibility)));
    QVERIFY(receives && visibility);
    receives->trigger();
    QCOMPARE(shown->rowCount(), 4);
    visibility->trigger();
    QCOMPARE(shown->rowCount(), 2);
    QCOMPARE(log.findChild<QToolButton *>(QStringLiteral("eventLogKinds"))->text(),
             QStringLiteral("Events (6 of 8)"));
    receives->trigger();
    visibility->trigger();
    QCOMPARE(shown->rowCount(), 6);

    // Text: case-insensitive, in the sentence; applied once the typing pauses.
    auto *text = log.findChild<QLineEdit *>(QStringLiteral("eventLogText"));
    QVERIFY(text);
    QTest::keyClicks(text, QStringLiteral("M-6"));
    QCOMPARE(shown->rowCount(), 6); // not at each keystroke
    QTRY_COMPARE(shown->rowCount(), 3);
    text->setText(QStringLiteral("visible again"));
    QTRY_COMPARE(shown->rowCount(), 2);
    QCOMPARE(shown->index(1, EventLogModel::TimeColumn).data().toString(),
             QStringLiteral("0:01:11.000"));
    text->clear();
    QTRY_COMPARE(shown->rowCount(), 6);
}

void TestEventLog::followsUntilScrolledUp()
{
    DiagramDocument doc;
    doc.reset(smallDiagram(), QString());
    EventLogWidget log(&doc);
    log.resize(700, 250);
    log.show();
    QVERIFY(QTest::qWaitForWindowExposed(&log));
    QScrollBar *bar = log.view()->verticalScrollBar();
    // As in the window: a frame, then the event loop lays the view out.
    auto feed = [&log](const FramePtr &f) {
        log.showFrame(f);
        QCoreApplication::processEvents();
    };

    for (int i = 0; i < 40; ++i)
        feed(lifeOf(quint64(i + 1), i * kMinute));
    QVERIFY(bar->maximum() > 0);
    QVERIFY(log.isFollowing());
    QCOMPARE(bar->value(), bar->maximum());

    // Scrolled up: stays put while lines arrive.
    bar->setValue(3);
    QVERIFY(!log.isFollowing());
    QVERIFY(!log.findChild<QToolButton *>(QStringLiteral("eventLogFollow"))->isChecked());
    const int before = bar->maximum();
    feed(lifeOf(100, kHour));
    QVERIFY(bar->maximum() > before);
    QCOMPARE(bar->value(), 3);

    // Back at the bottom: follows again.
    bar->setValue(bar->maximum());
    QVERIFY(log.isFollowing());
    feed(lifeOf(101, 2 * kHour));
    QCOMPARE(bar->value(), bar->maximum());

    // The Follow button jumps to the newest line.
    bar->setValue(0);
    QVERIFY(!log.isFollowing());
    log.findChild<QToolButton *>(QStringLiteral("eventLogFollow"))->click();
    QVERIFY(log.isFollowing());
    QCOMPARE(bar->value(), bar->maximum());
}

void TestEventLog::notesDroppedRecordsAndClears()
{
    DiagramDocument doc;
    doc.reset(smallDiagram(), QString());
    EventLogWidget log(&doc);
    auto f = std::make_shared<Frame>();
    f->time = 3 * kSecond;
    f->trace = {rec(2 * kSecond, kQueue, TraceKind::Sent, 1, 10, kProducer)};
    f->traceDropped = 1234;
    log.showFrame(f);
    const EventLogModel *m = log.model();
    QCOMPARE(m->rowCount(), 2);
    QCOMPARE(m->index(1, EventLogModel::EventColumn).data().toString(),
             QStringLiteral("1234 more events up to here are not listed: the run is faster "
                            "than the log can follow (it takes up to 5000 per frame)"));
    QCOMPARE(m->index(1, EventLogModel::TimeColumn).data().toString(),
             QStringLiteral("0:00:03.000"));
    // Notes pass the kind and node filters.
    log.filter()->setNode(kConsumers);
    QCOMPARE(log.view()->model()->rowCount(), 1);
    log.filter()->setNode(0);

    log.showFrame(nullptr);
    QCOMPARE(m->rowCount(), 0);
    QCOMPARE(log.findChild<QLabel *>(QStringLiteral("eventLogStatus"))->text(),
             QStringLiteral("Run the simulation to see each event explained here."));
}

void TestEventLog::breakpointPausesTheWindowsRun()
{
    TestWindow w;
    // Producer at 50/s into a queue nobody reads: 25 visible at 0.5 s.
    Diagram d = smallDiagram();
    d.nodes.removeLast();
    d.links.removeLast();
    d.nodes[0].settings.insert(QStringLiteral("pattern"), QStringLiteral("constant"));
    w.document()->reset(d, QString());
    BreakpointModel *breakpoints = w.breakpointsPanel()->model();
    Breakpoint b;
    b.queue = kQueue;
    b.condition = Breakpoint::Condition::VisibleDepth;
    b.limit = 25;
    const int id = breakpoints->add(b);
    QCOMPARE(w.runController()->breakpoints().size(), 1);

    RunController *run = w.runController();
    run->setSpeed(0);
    QSignalSpy hits(run, &RunController::breakpointHit);
    trigger(w, "actionRun");
    QVERIFY(run->isRunning());
    QTRY_COMPARE_WITH_TIMEOUT(hits.size(), 1, 20000);
    QVERIFY(!run->isRunning());
    QCOMPARE(run->lastFrame()->time, 500 * kMillisecond);
    QCOMPARE(hits.at(0).at(0).toString(),
             QStringLiteral("queue has 25 visible messages (limit 25)"));
    QCOMPARE(w.findChild<QAction *>(QStringLiteral("actionRun"))->text(), QStringLiteral("&Run"));
    QCOMPARE(w.statusBar()->currentMessage(),
             QStringLiteral("Paused at a breakpoint: queue has 25 visible messages (limit 25)"));
    QCOMPARE(w.findChild<QLabel *>(QStringLiteral("runState"))->text(), QStringLiteral("Paused"));
    QVERIFY(breakpoints->isHit(breakpoints->rowOf(id)));

    // The log's last line is the stop, highlighted.
    const EventLogModel *log = w.eventLog()->model();
    const int last = log->rowCount() - 1;
    QCOMPARE(log->index(last, EventLogModel::EventColumn).data().toString(),
             QStringLiteral("Paused at a breakpoint: queue has 25 visible messages (limit 25)"));
    QCOMPARE(log->index(last, 0).data(EventLogModel::LineTypeRole).toInt(),
             int(EventLogModel::LineType::Break));
    QVERIFY(log->index(last, 0).data(Qt::BackgroundRole).isValid());

    // Kept across Reset: the next run stops at the same instant; the log starts afresh.
    trigger(w, "actionReset");
    QCOMPARE(log->rowCount(), 0);
    QVERIFY(!breakpoints->isHit(breakpoints->rowOf(id)));
    QVERIFY(w.statusBar()->currentMessage().isEmpty());
    trigger(w, "actionRun");
    QTRY_COMPARE_WITH_TIMEOUT(hits.size(), 2, 20000);
    QCOMPARE(run->lastFrame()->time, 500 * kMillisecond);
    QCOMPARE(log->index(log->rowCount() - 1, 0).data(EventLogModel::LineTypeRole).toInt(),
             int(EventLogModel::LineType::Break));

    // Running again clears the highlight and the message; turned off, it no longer stops.
    breakpoints->setEnabled(breakpoints->rowOf(id), false);
    trigger(w, "actionRun");
    QVERIFY(!breakpoints->isHit(breakpoints->rowOf(id)));
    QVERIFY(w.statusBar()->currentMessage().isEmpty());
    QTest::qWait(200);
    QVERIFY(run->isRunning());
    QCOMPARE(hits.size(), 2);
    trigger(w, "actionRun"); // pause
}

void TestEventLog::runPressedBeforeTheBreakpointFrameArrives()
{
    TestWindow w;
    Diagram d = smallDiagram();
    d.nodes.removeLast();
    d.links.removeLast();
    d.nodes[0].settings.insert(QStringLiteral("pattern"), QStringLiteral("constant"));
    w.document()->reset(d, QString());
    Breakpoint b;
    b.queue = kQueue;
    b.condition = Breakpoint::Condition::VisibleDepth;
    b.limit = 25;
    w.breakpointsPanel()->model()->add(b);
    RunController *run = w.runController();
    run->setSpeed(0);
    QSignalSpy hits(run, &RunController::breakpointHit);
    run->run();
    // The worker pauses at 0.5 s while this thread is busy; Run is pressed again before the
    // frame saying so is seen.
    QThread::msleep(500);
    run->run();
    QTRY_COMPARE_WITH_TIMEOUT(hits.size(), 1, 20000);
    // The frames after it say the worker runs again: so does the window.
    QTRY_VERIFY_WITH_TIMEOUT(run->isRunning(), 20000);
    QTRY_VERIFY_WITH_TIMEOUT(run->lastFrame()->time > 500 * kMillisecond, 20000);
    QCOMPARE(w.findChild<QLabel *>(QStringLiteral("runState"))->text(), QStringLiteral("Running"));
    run->pause();
}

void TestEventLog::breakpointsFollowTheDocument()
{
    TestWindow w;
    w.document()->reset(smallDiagram(), QString());
    BreakpointModel *breakpoints = w.breakpointsPanel()->model();
    Breakpoint b;
    b.queue = kQueue;
    b.condition = Breakpoint::Condition::OldestAge;
    b.limit = 90;
    breakpoints->add(b);
    QCOMPARE(breakpoints->index(0, BreakpointModel::QueueColumn).data().toString(),
             QStringLiteral("queue"));
    QCOMPARE(breakpoints->index(0, BreakpointModel::ConditionColumn).data().toString(),
             QStringLiteral("Oldest message age ≥"));
    QCOMPARE(breakpoints->index(0, BreakpointModel::LimitColumn).data().toString(),
             QStringLiteral("90 s"));

    // The Pause When action follows the selection: a queue only.
    QAction *pauseWhen = w.findChild<QAction *>(QStringLiteral("actionPauseWhen"));
    QVERIFY(pauseWhen);
    QVERIFY(!pauseWhen->isEnabled());
    w.scene()->selectIds({kQueue});
    QVERIFY(pauseWhen->isEnabled());
    QCOMPARE(pauseWhen->text(), QStringLiteral("&Pause When queue…"));
    w.scene()->selectIds({kProducer});
    QVERIFY(!pauseWhen->isEnabled());

    // Removing the queue removes its breakpoints; a new document has none.
    w.document()->removeItems({kQueue}, {});
    QCOMPARE(breakpoints->rowCount(), 0);
    QVERIFY(w.runController()->breakpoints().isEmpty());
    w.document()->undoStack()->undo();
    breakpoints->add(b);
    QCOMPARE(breakpoints->rowCount(), 1);
    w.document()->reset(smallDiagram(), QString());
    QCOMPARE(breakpoints->rowCount(), 0);
}

void TestEventLog::dialogMakesTheBreakpoint()
{
    DiagramDocument doc;
    Diagram d = smallDiagram();
    Node dlq;
    dlq.id = kDlq;
    dlq.kind = NodeKind::SqsQueue;
    dlq.name = QStringLiteral("queue-dlq");
    d.nodes.append(dlq);
    doc.reset(d, QString());

    BreakpointDialog dialog(&doc, kDlq);
    QVERIFY(dialog.hasQueues());
    auto combos = dialog.findChildren<QComboBox *>();
    QCOMPARE(combos.size(), 2);
    QComboBox *queue = combos[0];
    QComboBox *condition = combos[1];
    QCOMPARE(queue->count(), 2); // the queues only
    QCOMPARE(queue->currentText(), QStringLiteral("queue-dlq"));
    Breakpoint b = dialog.breakpoint();
    QCOMPARE(b.queue, kDlq);
    QCOMPARE(b.condition, Breakpoint::Condition::VisibleDepth);
    QCOMPARE(b.limit, 100.0);

    condition->setCurrentIndex(condition->findData(int(Breakpoint::Condition::OldestAge)));
    auto *limit = dialog.findChild<QDoubleSpinBox *>();
    QVERIFY(limit && limit->isEnabled());
    limit->setValue(2.5);
    b = dialog.breakpoint();
    QCOMPARE(b.condition, Breakpoint::Condition::OldestAge);
    QCOMPARE(b.limit, 2.5);

    condition->setCurrentIndex(condition->findData(int(Breakpoint::Condition::DeadLetter)));
    QVERIFY(!limit->isEnabled());
    QCOMPARE(dialog.breakpoint().limit, 0.0);

    // Nothing to choose in a diagram without queues: OK is off.
    DiagramDocument empty;
    BreakpointDialog none(&empty, 0);
    QVERIFY(!none.hasQueues());
}

QTEST_MAIN(TestEventLog)
#include "tst_eventlog.moc"
