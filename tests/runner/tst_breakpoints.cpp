// Breakpoints: each kind pauses the run at the exact virtual time its condition becomes
// true, fires once, and re-arms when the condition is false again.

#include "../core/DiagramBuilder.h"
#include "runner/Breakpoints.h"
#include "runner/SimulationRunner.h"
#include "sim/Simulation.h"
#include "sim/SqsQueue.h"

#include <QDeadlineTimer>
#include <QSignalSpy>
#include <QTest>

#include <functional>

using namespace flowlab;
using flowlab::test::DiagramBuilder;

namespace {

struct Ids
{
    int producer = 0;
    int queue = 0;
    int dlq = 0;
    int consumer = 0;
};

// A constant producer at 10/s (sends at 0.1 s, 0.2 s, ...) into "orders", nobody reading.
Diagram filling(Ids *ids)
{
    DiagramBuilder b;
    ids->producer = b.node(NodeKind::Producer,
                           QStringLiteral("orders-api"),
                           {{QStringLiteral("pattern"), QStringLiteral("constant")},
                            {QStringLiteral("rate"), 10.0}});
    ids->queue = b.node(NodeKind::SqsQueue, QStringLiteral("orders"));
    b.link(ids->producer, ids->queue);
    return b.d;
}

// Every message is received once, never deleted, and moved to "orders-dlq" at the next
// receive after its 1 s visibility timeout (maxReceiveCount 1).
Diagram poisoned(Ids *ids)
{
    DiagramBuilder b;
    ids->producer = b.node(NodeKind::Producer,
                           QStringLiteral("orders-api"),
                           {{QStringLiteral("pattern"), QStringLiteral("constant")},
                            {QStringLiteral("rate"), 2.0}});
    ids->queue = b.node(NodeKind::SqsQueue,
                        QStringLiteral("orders"),
                        {{QStringLiteral("visibilityTimeout"), 1},
                         {QStringLiteral("maxReceiveCount"), 1},
                         {QStringLiteral("receiveMessageWaitTimeSeconds"), 20}});
    ids->dlq = b.node(NodeKind::SqsQueue, QStringLiteral("orders-dlq"));
    ids->consumer = b.node(NodeKind::ConsumerGroup,
                           QStringLiteral("workers"),
                           {{QStringLiteral("instances"), 1},
                            {QStringLiteral("concurrency"), 1},
                            {QStringLiteral("batchSize"), 1},
                            {QStringLiteral("waitTimeSeconds"), 20},
                            {QStringLiteral("processing"), QStringLiteral("constant")},
                            {QStringLiteral("processingMean"), 0.2},
                            {QStringLiteral("crashProbability"), 0.0},
                            {QStringLiteral("deleteAfterProcessing"), false}});
    b.link(ids->producer, ids->queue);
    b.link(ids->queue, ids->consumer);
    b.link(ids->queue, ids->dlq, LinkKind::DeadLetter);
    return b.d;
}

Breakpoint bp(int id, int queue, Breakpoint::Condition c, double limit = 0)
{
    Breakpoint b;
    b.id = id;
    b.queue = queue;
    b.condition = c;
    b.limit = limit;
    return b;
}

/// Frames of a runner, read in order.
class Frames
{
public:
    explicit Frames(SimulationRunner *runner)
        : m_spy(runner, &SimulationRunner::frameReady)
    {}
    FramePtr waitFor(const std::function<bool(const Frame &)> &accept, int timeoutMs = 30000)
    {
        QDeadlineTimer deadline(timeoutMs);
        for (;;) {
            while (m_next < m_spy.size()) {
                FramePtr f = m_spy.at(m_next++).at(0).value<FramePtr>();
                if (f && accept(*f))
                    return f;
            }
            if (deadline.hasExpired())
                return nullptr;
            m_spy.wait(int(qMax<qint64>(1, deadline.remainingTime())));
        }
    }
    FramePtr nextBreakOrEnd()
    {
        return waitFor([](const Frame &f) { return !f.breakReason.isEmpty() || f.finished; });
    }

private:
    QSignalSpy m_spy;
    int m_next = 0;
};

/// The records of a run of `diagram` to `until`, without a window or a runner thread.
QVector<TraceRecord> traceOf(const Diagram &diagram, SimTime until)
{
    struct Collect : TraceObserver
    {
        QVector<TraceRecord> records;
        void record(const TraceRecord &r) override { records.append(r); }
    } collect;
    Simulation sim(diagram);
    sim.engine().setObserver(&collect);
    sim.start();
    sim.runUntil(until);
    return collect.records;
}

SqsSendRequest smallMessage()
{
    SqsSendRequest r;
    r.bodySize = 10;
    return r;
}

} // namespace

class TestBreakpoints : public QObject
{
    Q_OBJECT

private slots:
    void visibleDepthFiresAtTheExactTimeOnce();
    void oldestAgeFiresBetweenTwoEvents();
    void deadLetterFiresAtEachMove();
    void disabledBreakpointsDoNotFire();
    void keptAcrossReset();
    void stepShowsTheBreakpoint();
    void visibleDepthReArmsWhenFalse();
    void oldestAgeReArmsWhenFalse();
    void conditionText_data();
    void conditionText();
};

void TestBreakpoints::visibleDepthFiresAtTheExactTimeOnce()
{
    Ids ids;
    SimulationRunner runner;
    Frames frames(&runner);
    runner.setSpeed(0);
    runner.setRunUntil(5 * kSecond);
    const Diagram d = filling(&ids);
    runner.setBreakpoints({bp(8, ids.queue, Breakpoint::Condition::VisibleDepth, 25)});
    runner.load(d);
    runner.start();

    // The 25th send, at 2.5 s, makes 25 visible messages.
    FramePtr f = frames.nextBreakOrEnd();
    QVERIFY(f);
    QCOMPARE(f->time, 2500 * kMillisecond);
    QCOMPARE(f->running, false);
    QCOMPARE(f->finished, false);
    QCOMPARE(f->breakpointIds, QVector<int>{8});
    QCOMPARE(f->breakReason, QStringLiteral("orders has 25 visible messages (limit 25)"));
    QCOMPARE(f->counter(ids.queue, QStringLiteral("visible")), 25.0);

    // Still true, so it does not fire again: the run goes on to its end.
    runner.start();
    f = frames.nextBreakOrEnd();
    QVERIFY(f);
    QVERIFY(f->breakReason.isEmpty());
    QVERIFY(f->finished);
    QCOMPARE(f->time, 5 * kSecond);
}

void TestBreakpoints::oldestAgeFiresBetweenTwoEvents()
{
    Ids ids;
    const Diagram d = filling(&ids);
    SimulationRunner runner;
    Frames frames(&runner);
    runner.setSpeed(0);
    runner.setRunUntil(10 * kSecond);
    runner.load(d);
    runner.setBreakpoints({bp(3, ids.queue, Breakpoint::Condition::OldestAge, 2.05)});
    runner.start();

    // The oldest message was sent at 0.1 s: 2.05 s old at 2.15 s, when no event happens
    // (the sends are at 2.1 s and 2.2 s).
    const FramePtr f = frames.nextBreakOrEnd();
    QVERIFY(f);
    QCOMPARE(f->time, 2150 * kMillisecond);
    QCOMPARE(f->breakpointIds, QVector<int>{3});
    QCOMPARE(f->breakReason,
             QStringLiteral("the oldest message in orders is 2.05 s old (limit 2.05 s)"));
    QCOMPARE(f->counter(ids.queue, QStringLiteral("ageOfOldest")), 2.05);
}

void TestBreakpoints::deadLetterFiresAtEachMove()
{
    Ids ids;
    const Diagram d = poisoned(&ids);
    QVector<TraceRecord> moves;
    for (const TraceRecord &r : traceOf(d, 20 * kSecond)) {
        if (r.kind == TraceKind::MovedToDlq)
            moves.append(r);
    }
    QVERIFY(moves.size() >= 2);
    QVERIFY(moves[0].time < moves[1].time);

    SimulationRunner runner;
    Frames frames(&runner);
    runner.setSpeed(0);
    runner.setRunUntil(20 * kSecond);
    runner.load(d);
    // Watched from the source queue and from the dead-letter queue: both fire.
    runner.setBreakpoints({bp(1, ids.queue, Breakpoint::Condition::DeadLetter),
                           bp(2, ids.dlq, Breakpoint::Condition::DeadLetter)});
    runner.start();

    for (int i = 0; i < 2; ++i) {
        const FramePtr f = frames.nextBreakOrEnd();
        QVERIFY(f);
        QCOMPARE(f->time, moves[i].time);
        QCOMPARE(f->breakpointIds, (QVector<int>{1, 2}));
        const QString one = QStringLiteral("%1 moved from orders to orders-dlq after 1 receive")
                                .arg(messageLabel(moves[i].message));
        QCOMPARE(f->breakReason, one + QStringLiteral("; ") + one);
        runner.start();
    }
}

void TestBreakpoints::disabledBreakpointsDoNotFire()
{
    Ids ids;
    const Diagram d = filling(&ids);
    SimulationRunner runner;
    Frames frames(&runner);
    runner.setSpeed(0);
    runner.setRunUntil(3 * kSecond);
    Breakpoint off = bp(1, ids.queue, Breakpoint::Condition::VisibleDepth, 5);
    off.enabled = false;
    runner.setBreakpoints({off});
    runner.load(d);
    runner.start();
    const FramePtr f = frames.nextBreakOrEnd();
    QVERIFY(f);
    QVERIFY(f->finished);
    QVERIFY(f->breakReason.isEmpty());
    QCOMPARE(f->time, 3 * kSecond);
}

void TestBreakpoints::keptAcrossReset()
{
    Ids ids;
    const Diagram d = filling(&ids);
    SimulationRunner runner;
    Frames frames(&runner);
    runner.setSpeed(0);
    runner.setBreakpoints({bp(4, ids.queue, Breakpoint::Condition::VisibleDepth, 10)});
    runner.load(d);
    runner.start();
    FramePtr f = frames.nextBreakOrEnd();
    QVERIFY(f);
    QCOMPARE(f->time, kSecond);
    // A reset arms it again: the rebuilt run stops at the same instant.
    runner.reset();
    runner.start();
    f = frames.nextBreakOrEnd();
    QVERIFY(f);
    QCOMPARE(f->time, kSecond);
    QCOMPARE(f->breakpointIds, QVector<int>{4});
}

void TestBreakpoints::stepShowsTheBreakpoint()
{
    Ids ids;
    const Diagram d = filling(&ids);
    SimulationRunner runner;
    Frames frames(&runner);
    runner.setBreakpoints({bp(9, ids.queue, Breakpoint::Condition::VisibleDepth, 1)});
    runner.load(d);
    QVERIFY(frames.waitFor([](const Frame &) { return true; })); // the loaded state
    // Single steps: the event that sends the first message (0.1 s) reports the breakpoint.
    FramePtr f;
    for (int i = 0; i < 20 && !(f && !f->breakReason.isEmpty()); ++i) {
        runner.step();
        f = frames.waitFor([](const Frame &) { return true; });
        QVERIFY(f);
    }
    QCOMPARE(f->breakReason, QStringLiteral("orders has 1 visible message (limit 1)"));
    QCOMPARE(f->time, 100 * kMillisecond);
    QCOMPARE(f->running, false);
}

void TestBreakpoints::visibleDepthReArmsWhenFalse()
{
    DiagramBuilder b;
    const int q = b.node(NodeKind::SqsQueue,
                         QStringLiteral("orders"),
                         {{QStringLiteral("shortPollEmptyProbability"), 0.0}});
    Simulation sim(b.d);
    sim.start();
    BreakpointMonitor monitor;
    monitor.setBreakpoints({bp(1, q, Breakpoint::Condition::VisibleDepth, 2)});
    monitor.attach(&sim.engine(), nullptr);
    sim.engine().setObserver(&monitor);
    auto *queue = dynamic_cast<SqsQueue *>(sim.simNode(q));
    QVERIFY(queue);

    queue->sendMessage(smallMessage());
    QVERIFY(!monitor.check());
    queue->sendMessage(smallMessage());
    QVERIFY(monitor.check());
    QCOMPARE(monitor.takeHit().reason, QStringLiteral("orders has 2 visible messages (limit 2)"));
    queue->sendMessage(smallMessage());
    QVERIFY(!monitor.check()); // still true: fired once

    SqsReceiveRequest receive;
    receive.maxNumberOfMessages = 2;
    receive.waitTimeSeconds = 0;
    QCOMPARE(queue->receiveMessage(receive, nullptr, 0).messages.size(), std::size_t(2));
    QVERIFY(!monitor.check()); // 1 visible: false, armed again
    queue->sendMessage(smallMessage());
    QVERIFY(monitor.check());
    QCOMPARE(monitor.takeHit().ids, QVector<int>{1});
}

void TestBreakpoints::oldestAgeReArmsWhenFalse()
{
    DiagramBuilder b;
    const int q = b.node(NodeKind::SqsQueue,
                         QStringLiteral("orders"),
                         {{QStringLiteral("shortPollEmptyProbability"), 0.0},
                          {QStringLiteral("duplicateDeliveryProbability"), 0.0}});
    Simulation sim(b.d);
    sim.start();
    BreakpointMonitor monitor;
    monitor.setBreakpoints({bp(1, q, Breakpoint::Condition::OldestAge, 3)});
    monitor.attach(&sim.engine(), nullptr);
    sim.engine().setObserver(&monitor);
    auto *queue = dynamic_cast<SqsQueue *>(sim.simNode(q));
    QVERIFY(queue);

    QCOMPARE(monitor.nextDue(), kNever);
    queue->sendMessage(smallMessage()); // at 0
    QCOMPARE(monitor.nextDue(), 3 * kSecond);
    sim.engine().runUntil(kSecond);
    queue->sendMessage(smallMessage()); // at 1 s
    QVERIFY(!monitor.check());
    QCOMPARE(monitor.nextDue(), 3 * kSecond);
    sim.engine().runUntil(3 * kSecond);
    QVERIFY(monitor.check());
    QCOMPARE(monitor.takeHit().reason,
             QStringLiteral("the oldest message in orders is 3 s old (limit 3 s)"));
    QCOMPARE(monitor.nextDue(), kNever); // fired: not armed until false again

    // The oldest is received and deleted: the oldest left was sent at 1 s, 2 s old.
    SqsReceiveRequest receive;
    receive.waitTimeSeconds = 0;
    const SqsReceiveResult got = queue->receiveMessage(receive, nullptr, 0);
    QCOMPARE(got.messages.size(), std::size_t(1));
    QCOMPARE(got.messages[0].message.sentAt, SimTime(0));
    QVERIFY(queue->deleteMessage(got.messages[0].handle).ok());
    QVERIFY(!monitor.check());
    QCOMPARE(monitor.nextDue(), 4 * kSecond);
    sim.engine().runUntil(4 * kSecond);
    QVERIFY(monitor.check());
    QCOMPARE(monitor.takeHit().time, 4 * kSecond);
}

void TestBreakpoints::conditionText_data()
{
    QTest::addColumn<int>("condition");
    QTest::addColumn<double>("limit");
    QTest::addColumn<QString>("text");
    QTest::newRow("dead letter") << int(Breakpoint::Condition::DeadLetter) << 0.0
                                 << "a message moves to or from its dead-letter queue";
    QTest::newRow("age") << int(Breakpoint::Condition::OldestAge) << 60.0
                         << "oldest message is 60 s old or more";
    QTest::newRow("depth") << int(Breakpoint::Condition::VisibleDepth) << 1000.0
                           << "1000 visible messages or more";
}

void TestBreakpoints::conditionText()
{
    QFETCH(int, condition);
    QFETCH(double, limit);
    QFETCH(QString, text);
    QCOMPARE(breakpointConditionText(bp(1, 1, Breakpoint::Condition(condition), limit)), text);
}

QTEST_GUILESS_MAIN(TestBreakpoints)
#include "tst_breakpoints.moc"
