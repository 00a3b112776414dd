// The runner's inspection: peeks at a queue (QueuePeek) and message passports
// (MessageHistory), straight on a Simulation and through the SimulationRunner.

#include "InspectionScenario.h"
#include "runner/MessageHistory.h"
#include "runner/QueuePeek.h"
#include "runner/SimulationRunner.h"
#include "runner/TraceTee.h"
#include "sim/Engine.h"
#include "sim/Simulation.h"
#include "sim/SqsQueue.h"

#include <QSignalSpy>
#include <QTest>

using namespace flowlab;
using flowlab::test::InspectionScenario;

class TestQueuePeek : public QObject
{
    Q_OBJECT

private slots:
    void peekFollowsOneMessage();
    void peekDoesNotChangeTheTrace();
    void peekCapsItsRows();
    void passportOfThreeReceives();
    void historyStaysWithinItsBound();
    void runnerFramesCarryPeekAndPassport();
};

namespace {
/// The state of message `id` in a peek, as text ("gone" when not there).
QString stateOf(const QueuePeek &peek, quint64 id)
{
    for (const PeekRow &r : peek.rows) {
        if (r.message == id)
            return r.state == PeekState::Visible    ? QStringLiteral("visible")
                   : r.state == PeekState::InFlight ? QStringLiteral("in flight")
                                                    : QStringLiteral("delayed");
    }
    return QStringLiteral("gone");
}
} // namespace

void TestQueuePeek::peekFollowsOneMessage()
{
    Simulation sim(InspectionScenario::diagram());
    sim.start();
    QStringList seen;
    for (int i = 0; i < 500 && sim.engine().hasPendingEvents() && sim.now() < 20 * kSecond; ++i) {
        sim.engine().step();
        const auto peek = QueuePeek::take(sim.engine(), InspectionScenario::kQueue);
        QVERIFY(peek);
        const QString state = stateOf(*peek, 1);
        if (state == QLatin1String("gone") && seen.isEmpty())
            continue; // not sent yet
        if (seen.isEmpty() || seen.last() != state)
            seen.append(state);
    }
    QCOMPARE(seen, InspectionScenario::expectedStates());
    const auto dlq = QueuePeek::take(sim.engine(), InspectionScenario::kDlq);
    QVERIFY(dlq);
    QCOMPARE(dlq->total, 1);
    QCOMPARE(dlq->rows.size(), 1);
    QCOMPARE(dlq->rows[0].message, quint64(1));
    QCOMPARE(dlq->rows[0].state, PeekState::Visible);
    QCOMPARE(dlq->rows[0].receiveCount, 3);
    QCOMPARE(dlq->rows[0].visibleAt, SimTime(-1));
    // Not a queue, or no such node: no peek.
    QVERIFY(!QueuePeek::take(sim.engine(), InspectionScenario::kWorkers));
    QVERIFY(!QueuePeek::take(sim.engine(), 99));
}

void TestQueuePeek::peekDoesNotChangeTheTrace()
{
    // The visibility-timeout example: a busy queue with timeouts, crashes off, duplicates.
    auto run = [](bool peek) {
        Diagram d = InspectionScenario::diagram();
        d.nodes[0].settings.insert(QStringLiteral("maxMessages"), qint64(0));
        d.nodes[0].settings.insert(QStringLiteral("rate"), 20.0);
        d.nodes[0].settings.insert(QStringLiteral("pattern"), QStringLiteral("poisson"));
        d.nodes[2].settings.insert(QStringLiteral("crashProbability"), 0.2);
        d.nodes[2].settings.insert(QStringLiteral("instances"), qint64(4));
        d.nodes[1].settings.insert(QStringLiteral("duplicateDeliveryProbability"), 0.01);
        Simulation sim(d);
        TraceFingerprint fingerprint;
        MessageHistory history;
        TraceTee tee;
        tee.add(&fingerprint);
        if (peek) {
            history.setEngine(&sim.engine());
            tee.add(&history);
        }
        sim.engine().setObserver(&tee);
        sim.start();
        qint64 peeked = 0;
        for (SimTime t = 0; t < 30 * kSecond; t += 50 * kMillisecond) {
            sim.runUntil(t);
            if (peek) {
                for (int q : {InspectionScenario::kQueue, InspectionScenario::kDlq})
                    peeked += QueuePeek::take(sim.engine(), q)->total;
                history.passport(7);
            }
        }
        return std::make_tuple(fingerprint.value(), fingerprint.count(), peeked);
    };
    const auto [plain, plainCount, none] = run(false);
    const auto [peeked, peekedCount, rows] = run(true);
    QVERIFY(rows > 1000); // the peeks did see messages
    QCOMPARE(peekedCount, plainCount);
    QCOMPARE(peeked, plain);
    Q_UNUSED(none)
}

void TestQueuePeek::peekCapsItsRows()
{
    Diagram d = InspectionScenario::diagram();
    d.nodes[0].settings.insert(QStringLiteral("maxMessages"), qint64(50));
    d.nodes[0].settings.insert(QStringLiteral("rate"), 100.0);
    d.links.removeAt(1); // no consumer: everything stays visible
    Simulation sim(d);
    sim.start();
    sim.runUntil(2 * kSecond);
    const auto peek = QueuePeek::take(sim.engine(), InspectionScenario::kQueue, 20);
    QCOMPARE(peek->total, 50);
    QCOMPARE(peek->rows.size(), 20);
    QVERIFY(peek->capped());
    // The oldest 20, oldest first.
    for (int i = 0; i < 20; ++i)
        QCOMPARE(peek->rows[i].message, quint64(i + 1));
    QCOMPARE(peek->rows[19].sentAt, SimTime(19 * 10 * kMillisecond + peek->rows[0].sentAt));
    const auto all = QueuePeek::take(sim.engine(), InspectionScenario::kQueue);
    QCOMPARE(all->rows.size(), 50);
    QVERIFY(!all->capped());
}

void TestQueuePeek::passportOfThreeReceives()
{
    Simulation sim(InspectionScenario::diagram());
    MessageHistory history;
    history.setEngine(&sim.engine());
    sim.engine().setObserver(&history);
    sim.start();
    sim.runUntil(20 * kSecond);
    const auto p = history.passport(1);
    QVERIFY(p->complete);

    struct Expected
    {
        TraceKind kind;
        int node;
        SimTime time;
        qint64 a;
        qint64 b;
    };
    const int q = InspectionScenario::kQueue;
    const int w = InspectionScenario::kWorkers;
    const SimTime t0 = p->entries.isEmpty() ? 0 : p->entries[0].time;
    const SimTime s = kSecond;
    const QVector<Expected> expected = {
        {TraceKind::Sent, q, t0, 0, InspectionScenario::kProducer},
        {TraceKind::Received, q, t0, 1, w},
        {TraceKind::ProcessingStarted, w, t0, s, 0},
        {TraceKind::Crashed, w, t0 + s, 0, 0},
        {TraceKind::VisibleAgain, q, t0 + 2 * s, 1, 0},
        {TraceKind::Received, q, t0 + 2 * s, 2, w},
        {TraceKind::ProcessingStarted, w, t0 + 2 * s, s, 0},
        {TraceKind::Crashed, w, t0 + 3 * s, 0, 0},
        {TraceKind::VisibleAgain, q, t0 + 4 * s, 2, 0},
        {TraceKind::Received, q, t0 + 4 * s, 3, w},
        {TraceKind::ProcessingStarted, w, t0 + 4 * s, s, 0},
        {TraceKind::Crashed, w, t0 + 5 * s, 0, 0},
        {TraceKind::VisibleAgain, q, t0 + 6 * s, 3, 0},
        {TraceKind::MovedToDlq, q, t0 + 6 * s, InspectionScenario::kDlq, 3},
    };
    QCOMPARE(p->entries.size(), expected.size());
    QCOMPARE(t0, SimTime(1 * kSecond));
    auto *orders = dynamic_cast<SqsQueue *>(sim.simNode(q));
    QStringList handles;
    for (int i = 0; i < expected.size(); ++i) {
        const PassportEntry &e = p->entries[i];
        const Expected &x = expected[i];
        QCOMPARE(traceKindName(e.kind), traceKindName(x.kind));
        QCOMPARE(e.node, x.node);
        QCOMPARE(e.time, x.time);
        if (x.kind != TraceKind::Sent) // Sent: a = the size in bytes
            QCOMPARE(e.a, x.a);
        QCOMPARE(e.b, x.b);
        if (e.kind == TraceKind::Received) {
            // The handle a client would have got: the queue takes it back, for this receive.
            SqsReceiptHandle h;
            QVERIFY2(orders->parseReceiptHandle(e.receiptHandle, &h).ok(),
                     qPrintable(e.receiptHandle));
            QCOMPARE(h.messageId, quint64(1));
            QCOMPARE(h.serial, quint64(handles.size() + 1));
            QCOMPARE(e.visibleAt, e.time + 2 * kSecond);
            handles.append(e.receiptHandle);
        } else {
            QVERIFY(e.receiptHandle.isEmpty());
        }
    }
    QCOMPARE(handles.size(), 3);
    QCOMPARE(QSet<QString>(handles.begin(), handles.end()).size(), 3);
}

void TestQueuePeek::historyStaysWithinItsBound()
{
    MessageHistory history(10);
    auto rec = [&](TraceKind kind, quint64 message, SimTime t, int node = 2) {
        history.record(TraceRecord{t, node, kind, message, 0, 0, 0});
    };
    // Message 1 stays alive (visible); 2 and 3 end at once.
    rec(TraceKind::Sent, 1, 0);
    for (quint64 m : {2, 3}) {
        rec(TraceKind::Sent, m, 1);
        rec(TraceKind::Received, m, 2);
        rec(TraceKind::Deleted, m, 3);
    }
    QCOMPARE(history.entryCount(), 7);
    // Four more entries for a new message: 11 > 10, the oldest ended life (2) goes.
    rec(TraceKind::Sent, 4, 4);
    rec(TraceKind::Received, 4, 5);
    rec(TraceKind::VisibleAgain, 4, 6);
    QCOMPARE(history.entryCount(), 10);
    rec(TraceKind::Received, 4, 7);
    QVERIFY(!history.holds(2));
    QVERIFY(history.holds(1));
    QVERIFY(history.holds(3));
    QCOMPARE(history.entryCount(), 8);
    // Ended lives go first.
    for (int i = 0; i < 4; ++i)
        rec(TraceKind::VisibleAgain, 4, 8 + i);
    QVERIFY(!history.holds(3));
    QCOMPARE(history.entryCount(), 9); // 1 of message 1, 8 of message 4
    // Then the oldest live one, but never the pinned one: message 1 stays, 4 goes.
    history.pin(1);
    rec(TraceKind::VisibleAgain, 4, 12);
    rec(TraceKind::VisibleAgain, 4, 13);
    QVERIFY(history.holds(1));
    QVERIFY(!history.holds(4));
    QCOMPARE(history.droppedLives(), quint64(3));
    QCOMPARE(history.entryCount(), 1);
    // A purge ends every live message of that queue, and only of that queue.
    rec(TraceKind::Sent, 5, 20, 9);
    history.record(TraceRecord{21, 2, TraceKind::Purged, 0, 2, 0, 0});
    const auto p1 = history.passport(1);
    QCOMPARE(p1->entries.size(), 2);
    QCOMPARE(traceKindName(p1->entries.last().kind), traceKindName(TraceKind::Purged));
    QCOMPARE(p1->entries.last().time, SimTime(21));
    QCOMPARE(traceKindName(history.passport(5)->entries.last().kind),
             traceKindName(TraceKind::Sent));
    // A life whose start was dropped says so.
    QVERIFY(!history.passport(2)->complete);
    QVERIFY(history.passport(2)->entries.isEmpty());
}

void TestQueuePeek::runnerFramesCarryPeekAndPassport()
{
    SimulationRunner runner;
    QSignalSpy frames(&runner, &SimulationRunner::frameReady);
    runner.setPeekQueue(InspectionScenario::kQueue);
    runner.setPassportMessage(1);
    runner.load(InspectionScenario::diagram());
    runner.setSpeed(0);
    runner.setRunUntil(3 * kSecond);
    runner.start();
    QTRY_VERIFY_WITH_TIMEOUT(!frames.isEmpty() && frames.last().at(0).value<FramePtr>()->finished,
                             30000);
    const FramePtr f = frames.last().at(0).value<FramePtr>();
    QCOMPARE(f->time, 3 * kSecond);
    QVERIFY(f->peek);
    QCOMPARE(f->peek->nodeId, InspectionScenario::kQueue);
    QCOMPARE(f->peek->time, 3 * kSecond);
    QCOMPARE(f->peek->rows.size(), 1);
    QCOMPARE(f->peek->rows[0].state, PeekState::InFlight); // second receive at 3 s
    QCOMPARE(f->peek->rows[0].receiveCount, 2);
    QCOMPARE(f->peek->rows[0].visibleAt, 5 * kSecond);
    QVERIFY(f->passport);
    QCOMPARE(f->passport->message, quint64(1));
    QCOMPARE(f->passport->entries.size(), 7);

    // Off again: the next frame carries neither.
    runner.setPeekQueue(0);
    runner.setPassportMessage(0);
    const int before = int(frames.size());
    runner.step();
    QTRY_VERIFY_WITH_TIMEOUT(frames.size() > before + 2, 10000);
    const FramePtr g = frames.last().at(0).value<FramePtr>();
    QVERIFY(!g->peek);
    QVERIFY(!g->passport);

    // Inspection off dropped the lives recorded so far: a passport asked for now is empty.
    runner.setPassportMessage(1);
    QTRY_VERIFY(frames.last().at(0).value<FramePtr>()->passport);
    const FramePtr h = frames.last().at(0).value<FramePtr>();
    QCOMPARE(h->passport->message, quint64(1));
    QVERIFY(h->passport->entries.isEmpty());
    QVERIFY(!h->passport->complete);
}

QTEST_GUILESS_MAIN(TestQueuePeek)
#include "tst_queuepeek.moc"
