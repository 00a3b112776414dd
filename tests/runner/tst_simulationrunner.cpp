#include "runner/FrameRecorder.h"
#include "runner/SimulationRunner.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QJsonObject>
#include <QMap>
#include <QMutex>
#include <QSignalSpy>
#include <QTest>

#include <functional>
#include <memory>

using namespace flowlab;

namespace {

constexpr int kProducer = 1;
constexpr int kQueue = 2;
constexpr int kConsumer = 3;
constexpr quint64 kSeed = 7;

// producer (constant arrivals) -> standard queue -> consumer group
Diagram pipeline(double rate = 10.0)
{
    Diagram d;
    d.simulation.seed = kSeed;
    Node producer;
    producer.id = kProducer;
    producer.kind = NodeKind::Producer;
    producer.name = QStringLiteral("orders");
    producer.settings.insert(QStringLiteral("pattern"), QStringLiteral("constant"));
    producer.settings.insert(QStringLiteral("rate"), rate);
    Node queue;
    queue.id = kQueue;
    queue.kind = NodeKind::SqsQueue;
    queue.name = QStringLiteral("order-queue");
    Node consumer;
    consumer.id = kConsumer;
    consumer.kind = NodeKind::ConsumerGroup;
    consumer.name = QStringLiteral("workers");
    d.nodes = {producer, queue, consumer};
    d.links = {Link{4, kProducer, kQueue, LinkKind::Flow},
               Link{5, kQueue, kConsumer, LinkKind::Flow}};
    return d;
}

/// Reads frames off a QSignalSpy in order, waiting for more when needed.
class FrameWatch
{
public:
    explicit FrameWatch(SimulationRunner *runner)
        : m_spy(runner, &SimulationRunner::frameReady)
    {}

    bool isValid() const { return m_spy.isValid(); }
    int count() const { return int(m_spy.size()); }
    FramePtr at(int i) const { return m_spy.at(i).at(0).value<FramePtr>(); }
    /// Index of the next frame next() will look at.
    int cursor() const { return m_next; }

    /// The first frame from the cursor on that satisfies `accept`; null after the timeout.
    FramePtr waitFor(const std::function<bool(const Frame &)> &accept, int timeoutMs = 30000)
    {
        QDeadlineTimer deadline(timeoutMs);
        for (;;) {
            while (m_next < count()) {
                FramePtr f = at(m_next++);
                if (f && accept(*f))
                    return f;
            }
            if (deadline.hasExpired())
                return nullptr;
            m_spy.wait(int(qMax<qint64>(1, deadline.remainingTime())));
        }
    }
    FramePtr next(int timeoutMs = 30000)
    {
        return waitFor([](const Frame &) { return true; }, timeoutMs);
    }
    FramePtr finished(int timeoutMs = 60000)
    {
        return waitFor([](const Frame &f) { return f.finished; }, timeoutMs);
    }

private:
    QSignalSpy m_spy;
    int m_next = 0;
};

/// Every counter of every node, for comparing two runs.
QMap<QString, double> countersOf(const Frame &f)
{
    QMap<QString, double> map;
    for (const NodeFrame &n : f.nodes) {
        for (const Counter &c : n.counters)
            map.insert(QStringLiteral("%1/%2").arg(n.nodeId).arg(c.name), c.value);
    }
    return map;
}

struct RunResult
{
    FramePtr last;
    QVector<TokenSpawn> tokens;
    QVector<TraceRecord> trace;
    quint64 dropped = 0;
};

/// Loads, runs as fast as possible to `until` and gathers every frame's tokens and trace.
RunResult runFast(const Diagram &diagram, SimTime until)
{
    RunResult result;
    SimulationRunner runner;
    FrameWatch watch(&runner);
    runner.setSpeed(0);
    runner.setRunUntil(until);
    runner.load(diagram);
    runner.start();
    result.last = watch.finished();
    for (int i = 0; i < watch.cursor(); ++i) {
        const FramePtr f = watch.at(i);
        result.tokens += f->tokens;
        result.trace += f->trace;
        result.dropped += f->traceDropped + f->tokensDropped;
    }
    return result;
}

bool sameTokens(const QVector<TokenSpawn> &a, const QVector<TokenSpawn> &b)
{
    if (a.size() != b.size())
        return false;
    for (qsizetype i = 0; i < a.size(); ++i) {
        if (a[i].from != b[i].from || a[i].to != b[i].to || a[i].message != b[i].message
            || a[i].time != b[i].time || a[i].kind != b[i].kind)
            return false;
    }
    return true;
}

bool sameTrace(const QVector<TraceRecord> &a, const QVector<TraceRecord> &b)
{
    if (a.size() != b.size())
        return false;
    for (qsizetype i = 0; i < a.size(); ++i) {
        if (a[i].time != b[i].time || a[i].node != b[i].node || a[i].kind != b[i].kind
            || a[i].message != b[i].message || a[i].a != b[i].a || a[i].b != b[i].b)
            return false;
    }
    return true;
}

} // namespace

class tst_SimulationRunner : public QObject
{
    Q_OBJECT

private slots:
    void loadPublishesPausedFrame();
    void stepRunsOneEvent();
    void stepWhileRunningPauses();
    void fastRunStopsAtRunUntil();
    void startWhenFinishedStaysFinished();
    void sameSeedSameCounters();
    void pacedRunFollowsWallClock();
    void settingChangeReachesEngine();
    void settingChangeWhileRunning();
    void refusedEditChangesNothing_data();
    void refusedEditChangesNothing();
    void liveStructureEdits();
    void resetRebuildsFromLoadedDiagram();
    void framesAreRateLimited();
    void tokensAreSampledPerLinkAndSecond();
    void destroyWhileRunning_data();
    void destroyWhileRunning();
    void sqsCallsRunOnTheEngine();
    void sqsLongPollEndsWhenReset();
};

void tst_SimulationRunner::loadPublishesPausedFrame()
{
    SimulationRunner runner;
    FrameWatch watch(&runner);
    QVERIFY(watch.isValid());
    runner.load(pipeline());
    const FramePtr f = watch.next();
    QVERIFY(f);
    QCOMPARE(f->time, SimTime(0));
    QCOMPARE(f->eventsProcessed, quint64(0));
    QVERIFY(!f->running);
    QVERIFY(!f->finished);
    QCOMPARE(f->nodes.size(), 3);
    QCOMPARE(f->counter(kProducer, QStringLiteral("sent")), 0.0);
    QCOMPARE(f->counter(kQueue, QStringLiteral("visible")), 0.0);
    QCOMPARE(f->counter(kConsumer, QStringLiteral("workers")), 2.0);
}

void tst_SimulationRunner::stepRunsOneEvent()
{
    SimulationRunner runner;
    FrameWatch watch(&runner);
    runner.load(pipeline());
    FramePtr previous = watch.next();
    QVERIFY(previous);
    // Issued all at once: each is applied in order and publishes its own frame.
    constexpr int kSteps = 50;
    for (int i = 0; i < kSteps; ++i)
        runner.step();
    for (int i = 0; i < kSteps; ++i) {
        const FramePtr f = watch.next();
        QVERIFY(f);
        QCOMPARE(f->eventsProcessed, previous->eventsProcessed + 1);
        QVERIFY(f->time >= previous->time);
        QVERIFY(!f->running);
        previous = f;
    }
    QVERIFY(previous->time > 0);
    // One at a time, too.
    for (int i = 0; i < 5; ++i) {
        runner.step();
        const FramePtr f = watch.next();
        QVERIFY(f);
        QCOMPARE(f->eventsProcessed, previous->eventsProcessed + 1);
        QVERIFY(f->time >= previous->time);
        previous = f;
    }
}

void tst_SimulationRunner::stepWhileRunningPauses()
{
    SimulationRunner runner;
    FrameWatch watch(&runner);
    runner.setSpeed(1);
    runner.load(pipeline());
    QVERIFY(watch.next());
    runner.start();
    QVERIFY(watch.waitFor([](const Frame &f) { return f.running; }));
    runner.step();
    const FramePtr stepped = watch.waitFor([](const Frame &f) { return !f.running; });
    QVERIFY(stepped);
    runner.step();
    const FramePtr again = watch.next();
    QVERIFY(again);
    QVERIFY(!again->running);
    QCOMPARE(again->eventsProcessed, stepped->eventsProcessed + 1);
}

void tst_SimulationRunner::fastRunStopsAtRunUntil()
{
    SimulationRunner runner;
    FrameWatch watch(&runner);
    runner.setSpeed(0);
    runner.setRunUntil(60 * kSecond);
    runner.load(pipeline());
    runner.start();
    const FramePtr f = watch.finished();
    QVERIFY(f);
    QCOMPARE(f->time, 60 * kSecond);
    QVERIFY(!f->running);
    QCOMPARE(f->speed, 0.0);
    // Constant 10/s from t = 0: sends at 0.1 s, 0.2 s, ... 60.0 s (the stop time included).
    QCOMPARE(f->counter(kProducer, QStringLiteral("sent")), 600.0);
    QCOMPARE(f->counter(kQueue, QStringLiteral("sent")), 600.0);
    QVERIFY(f->counter(kQueue, QStringLiteral("received")) > 0);
    QVERIFY(f->counter(kConsumer, QStringLiteral("processed")) > 0);
    // Frames before it ran forward in time.
    SimTime last = 0;
    for (int i = 0; i < watch.cursor(); ++i) {
        QVERIFY(watch.at(i)->time >= last);
        last = watch.at(i)->time;
    }
}

void tst_SimulationRunner::startWhenFinishedStaysFinished()
{
    SimulationRunner runner;
    FrameWatch watch(&runner);
    runner.setSpeed(0);
    runner.setRunUntil(5 * kSecond);
    runner.load(pipeline());
    runner.start();
    const FramePtr done = watch.finished();
    QVERIFY(done);
    runner.start();
    const FramePtr again = watch.next();
    QVERIFY(again);
    QVERIFY(again->finished);
    QVERIFY(!again->running);
    QCOMPARE(again->time, 5 * kSecond);
    QCOMPARE(again->eventsProcessed, done->eventsProcessed);
    // Moving the stop time on makes it runnable again.
    runner.setRunUntil(6 * kSecond);
    const FramePtr moved = watch.next();
    QVERIFY(moved);
    QVERIFY(!moved->finished);
    runner.start();
    const FramePtr later = watch.finished();
    QVERIFY(later);
    QCOMPARE(later->time, 6 * kSecond);
    QCOMPARE(later->counter(kProducer, QStringLiteral("sent")), 60.0);
}

void tst_SimulationRunner::sameSeedSameCounters()
{
    Diagram d = pipeline();
    d.nodes[0].settings.insert(QStringLiteral("pattern"), QStringLiteral("poisson"));
    const RunResult a = runFast(d, 60 * kSecond);
    const RunResult b = runFast(d, 60 * kSecond);
    QVERIFY(a.last && b.last);
    QCOMPARE(a.last->eventsProcessed, b.last->eventsProcessed);
    QCOMPARE(countersOf(*a.last), countersOf(*b.last));
    QVERIFY(a.last->counter(kQueue, QStringLiteral("sent")) > 500);
    // Token sampling depends on virtual time only; nothing was capped in so short a run.
    QCOMPARE(a.dropped, quint64(0));
    QCOMPARE(b.dropped, quint64(0));
    QVERIFY(!a.tokens.isEmpty());
    QVERIFY(sameTokens(a.tokens, b.tokens));
    QVERIFY(sameTrace(a.trace, b.trace));

    // Another seed gives another run.
    d.simulation.seed = kSeed + 1;
    const RunResult c = runFast(d, 60 * kSecond);
    QVERIFY(c.last);
    QVERIFY(countersOf(*a.last) != countersOf(*c.last));
}

void tst_SimulationRunner::pacedRunFollowsWallClock()
{
    SimulationRunner runner;
    FrameWatch watch(&runner);
    runner.setSpeed(1);
    runner.load(pipeline());
    QVERIFY(watch.next());
    QElapsedTimer wall;
    wall.start();
    runner.start();
    QTest::qWait(300);
    runner.pause();
    const qint64 elapsedMs = wall.elapsed();
    const FramePtr f = watch.waitFor([](const Frame &f) { return !f.running; });
    QVERIFY(f);
    qInfo("paced 1x: %.3f s of virtual time in about %lld ms of wall time",
          toSeconds(f->time),
          elapsedMs);
    // Loose bounds only: a loaded machine may run late, and never ahead of the wall clock.
    QVERIFY(f->time > 0);
    QVERIFY(f->time < 5 * kSecond);
    QVERIFY(f->time <= (elapsedMs + 50) * kMillisecond);
    QVERIFY(!f->finished);
}

void tst_SimulationRunner::settingChangeReachesEngine()
{
    SimulationRunner runner;
    FrameWatch watch(&runner);
    runner.setSpeed(0);
    runner.setRunUntil(30 * kSecond);
    runner.load(pipeline(10.0));
    runner.start();
    const FramePtr half = watch.finished();
    QVERIFY(half);
    QCOMPARE(half->time, 30 * kSecond);
    QCOMPARE(half->counter(kQueue, QStringLiteral("sent")), 300.0);

    QSignalSpy refused(&runner, &SimulationRunner::editRefused);
    runner.setNodeSetting(kProducer, QStringLiteral("rate"), 100.0);
    const FramePtr edited = watch.next();
    QVERIFY(edited);
    QCOMPARE(edited->counter(kProducer, QStringLiteral("rate")), 100.0);
    runner.setRunUntil(60 * kSecond);
    runner.start();
    const FramePtr f = watch.finished();
    QVERIFY(f);
    QCOMPARE(f->time, 60 * kSecond);
    // The change restarts the arrivals from 30 s at 100/s: 30.01 s, 30.02 s, ... 60.00 s
    // (3,000 sends; the old arrival at 30.1 s is superseded). All gaps are whole microseconds,
    // so the count is exact.
    QCOMPARE(f->counter(kQueue, QStringLiteral("sent")), 3300.0);
    QCOMPARE(f->counter(kProducer, QStringLiteral("sent")), 3300.0);
    QCOMPARE(refused.size(), 0);
}

void tst_SimulationRunner::settingChangeWhileRunning()
{
    SimulationRunner runner;
    FrameWatch watch(&runner);
    runner.setSpeed(0);
    runner.setRunUntil(600 * kSecond);
    runner.load(pipeline(10.0));
    runner.start();
    runner.setNodeSetting(kProducer, QStringLiteral("rate"), 100.0);
    const FramePtr f = watch.finished();
    QVERIFY(f);
    // Applied between two events of the run, wherever the run then was: more than 10/s
    // throughout, at most 100/s throughout.
    const double sent = f->counter(kQueue, QStringLiteral("sent"));
    QVERIFY2(sent > 6000 && sent <= 60000, qPrintable(QString::number(sent)));
    QCOMPARE(f->counter(kProducer, QStringLiteral("rate")), 100.0);
}

void tst_SimulationRunner::refusedEditChangesNothing_data()
{
    QTest::addColumn<int>("nodeId");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QVariant>("value");
    QTest::newRow("out of range") << kQueue << QStringLiteral("visibilityTimeout")
                                  << QVariant(99999);
    QTest::newRow("create-only") << kQueue << QStringLiteral("fifo") << QVariant(true);
    QTest::newRow("unknown key") << kQueue << QStringLiteral("noSuchSetting") << QVariant(1);
    QTest::newRow("unknown node") << 99 << QStringLiteral("rate") << QVariant(5.0);
    QTest::newRow("wrong type") << kProducer << QStringLiteral("rate")
                                << QVariant(QStringLiteral("fast"));
}

void tst_SimulationRunner::refusedEditChangesNothing()
{
    QFETCH(int, nodeId);
    QFETCH(QString, key);
    QFETCH(QVariant, value);

    SimulationRunner runner;
    FrameWatch watch(&runner);
    QSignalSpy refused(&runner, &SimulationRunner::editRefused);
    runner.setSpeed(0);
    runner.setRunUntil(60 * kSecond);
    runner.load(pipeline());
    const FramePtr loaded = watch.next();
    QVERIFY(loaded);
    runner.setNodeSetting(nodeId, key, value);
    QVERIFY(refused.wait(10000));
    const QString reason = refused.at(0).at(0).toString();
    QVERIFY(!reason.isEmpty());
    qInfo("refused: %s", qPrintable(reason));
    const FramePtr after = watch.next();
    QVERIFY(after);
    QCOMPARE(after->lastError, reason);
    QCOMPARE(after->eventsProcessed, loaded->eventsProcessed);
    QCOMPARE(countersOf(*after), countersOf(*loaded));

    // The run goes exactly as one without the edit.
    runner.start();
    const FramePtr f = watch.finished();
    QVERIFY(f);
    const RunResult plain = runFast(pipeline(), 60 * kSecond);
    QVERIFY(plain.last);
    QCOMPARE(countersOf(*f), countersOf(*plain.last));
    QCOMPARE(f->eventsProcessed, plain.last->eventsProcessed);
    QCOMPARE(refused.size(), 1);
}

void tst_SimulationRunner::liveStructureEdits()
{
    SimulationRunner runner;
    FrameWatch watch(&runner);
    QSignalSpy refused(&runner, &SimulationRunner::editRefused);
    runner.setSpeed(0);
    runner.setRunUntil(20 * kSecond);
    runner.load(pipeline());
    QVERIFY(watch.next());

    // A second consumer group on the queue.
    Node extra;
    extra.id = 10;
    extra.kind = NodeKind::ConsumerGroup;
    extra.name = QStringLiteral("more workers");
    runner.addNode(extra);
    runner.addLink(Link{11, kQueue, 10, LinkKind::Flow});
    runner.renameNode(kQueue, QStringLiteral("renamed"));
    // A producer cannot feed a consumer directly.
    runner.addLink(Link{12, kProducer, 10, LinkKind::Flow});
    QVERIFY(refused.wait(10000));
    QCOMPARE(refused.size(), 1);

    runner.start();
    FramePtr f = watch.finished();
    QVERIFY(f);
    QCOMPARE(f->nodes.size(), 4);
    QVERIFY(f->counter(10, QStringLiteral("processed")) > 0);

    // Removing the original consumers: they leave the frame and the new group carries on.
    runner.removeNode(kConsumer);
    f = watch.next();
    QVERIFY(f);
    QCOMPARE(f->nodes.size(), 3);
    QVERIFY(!f->node(kConsumer));
    const double processedBefore = f->counter(10, QStringLiteral("processed"));
    runner.setRunUntil(40 * kSecond);
    runner.start();
    f = watch.finished();
    QVERIFY(f);
    QVERIFY(!f->node(kConsumer));
    QVERIFY(f->counter(10, QStringLiteral("processed")) > processedBefore);
    for (const TokenSpawn &t : f->tokens)
        QVERIFY(t.to != kConsumer);
    runner.removeLink(11);
    runner.removeLink(11); // gone already
    QVERIFY(refused.wait(10000));
    QCOMPARE(refused.size(), 2);
}

void tst_SimulationRunner::resetRebuildsFromLoadedDiagram()
{
    SimulationRunner runner;
    FrameWatch watch(&runner);
    runner.setSpeed(0);
    runner.setRunUntil(10 * kSecond);
    runner.load(pipeline(10.0));
    runner.start();
    QVERIFY(watch.finished());
    runner.setNodeSetting(kProducer, QStringLiteral("rate"), 100.0);
    runner.reset();
    const FramePtr fresh = watch.waitFor([](const Frame &f) { return f.time == 0; });
    QVERIFY(fresh);
    QCOMPARE(fresh->eventsProcessed, quint64(0));
    QVERIFY(!fresh->finished);
    QCOMPARE(fresh->counter(kProducer, QStringLiteral("sent")), 0.0);
    // The edit made before the reset is gone: the loaded diagram's rate again.
    QCOMPARE(fresh->counter(kProducer, QStringLiteral("rate")), 10.0);
    runner.start();
    const FramePtr f = watch.finished();
    QVERIFY(f);
    QCOMPARE(f->counter(kProducer, QStringLiteral("sent")), 100.0);
}

void tst_SimulationRunner::framesAreRateLimited()
{
    SimulationRunner runner;
    FrameWatch watch(&runner);
    runner.setSpeed(1000);
    runner.load(pipeline());
    QVERIFY(watch.next());
    const int first = watch.cursor();
    QElapsedTimer wall;
    wall.start();
    runner.start();
    QTest::qWait(500);
    runner.pause();
    const FramePtr paused = watch.waitFor([](const Frame &f) { return !f.running; });
    const qint64 elapsedMs = wall.elapsed();
    QVERIFY(paused);
    const int frames = watch.cursor() - first;
    qInfo("1000x: %d frames in %lld ms, virtual time %.1f s",
          frames,
          elapsedMs,
          toSeconds(paused->time));
    // Every frame was published between start() and the pause frame's arrival: at most one
    // per 1/60 s, plus the frames of the two commands (start, pause) and one for rounding.
    QVERIFY2(frames <= elapsedMs * 60 / 1000 + 3, qPrintable(QString::number(frames)));
    if (elapsedMs < 600)
        QVERIFY(frames <= 40);
    QVERIFY(frames >= 2);
    QVERIFY(paused->time > 0);
}

void tst_SimulationRunner::tokensAreSampledPerLinkAndSecond()
{
    // 100/s is well over the budget, so the budget is what limits the Sent tokens.
    const RunResult run = runFast(pipeline(100.0), 10 * kSecond);
    QVERIFY(run.last);
    QCOMPARE(run.dropped, quint64(0));
    constexpr int kBudget = FrameRecorder::kTokensPerLinkPerSecond;

    QMap<QString, int> perLinkSecond;
    int sent = 0;
    int received = 0;
    SimTime last = 0;
    for (const TokenSpawn &t : run.tokens) {
        QVERIFY(t.time >= last);
        QVERIFY(t.time <= 10 * kSecond);
        last = t.time;
        QVERIFY(t.message > 0);
        if (t.kind == TraceKind::Sent) {
            QCOMPARE(t.from, kProducer);
            QCOMPARE(t.to, kQueue);
            ++sent;
        } else if (t.kind == TraceKind::Received) {
            QCOMPARE(t.from, kQueue);
            QCOMPARE(t.to, kConsumer);
            ++received;
        } else {
            QFAIL("unexpected token kind");
        }
        const QString key = QStringLiteral("%1>%2@%3").arg(t.from).arg(t.to).arg(t.time / kSecond);
        QVERIFY(++perLinkSecond[key] <= kBudget);
    }
    QVERIFY(received > 0);
    // Seconds 0..9 each hold 99 or 100 sends, so each is sampled to the budget; the send at
    // exactly 10 s opens second 10.
    QCOMPARE(sent, 10 * kBudget + 1);
    for (int s = 0; s < 10; ++s)
        QCOMPARE(perLinkSecond.value(QStringLiteral("%1>%2@%3").arg(kProducer).arg(kQueue).arg(s)),
                 kBudget);
    // The first ones of each second are taken: second 0 holds the sends at 0.01 .. 0.30 s.
    QCOMPARE(run.tokens.first().kind, TraceKind::Sent);
    QCOMPARE(run.tokens.first().time, 10 * kMillisecond);
}

void tst_SimulationRunner::destroyWhileRunning_data()
{
    QTest::addColumn<double>("speed");
    QTest::newRow("as fast as possible") << 0.0;
    QTest::newRow("1x") << 1.0;
    QTest::newRow("1000x") << 1000.0;
}

void tst_SimulationRunner::destroyWhileRunning()
{
    QFETCH(double, speed);
    auto runner = std::make_unique<SimulationRunner>();
    {
        FrameWatch watch(runner.get());
        runner->setSpeed(speed);
        runner->load(pipeline(1000.0));
        runner->start();
        QVERIFY(watch.waitFor([](const Frame &f) { return f.running && f.time > 0; }));
    }
    // Commands still queued when the runner goes may or may not run; either way is fine.
    runner->setNodeSetting(kProducer, QStringLiteral("rate"), 5.0);
    runner->step();
    QElapsedTimer wall;
    wall.start();
    runner.reset();
    QVERIFY2(wall.elapsed() < 5000, qPrintable(QString::number(wall.elapsed())));
}

namespace {
/// Collects API replies, which arrive on the runner's worker thread.
struct Replies
{
    QMutex mutex;
    QList<QPair<SqsError, QJsonObject>> list;
    std::function<void(const SqsError &, const QJsonObject &)> callback()
    {
        return [this](const SqsError &e, const QJsonObject &r) {
            QMutexLocker lock(&mutex);
            list.append({e, r});
        };
    }
    int count()
    {
        QMutexLocker lock(&mutex);
        return int(list.size());
    }
    QPair<SqsError, QJsonObject> at(int i)
    {
        QMutexLocker lock(&mutex);
        return list.at(i);
    }
};
} // namespace

void tst_SimulationRunner::sqsCallsRunOnTheEngine()
{
    SimulationRunner runner;
    QSignalSpy frames(&runner, &SimulationRunner::frameReady);
    runner.load(Diagram{});
    Replies replies;
    runner.callSqs(QStringLiteral("CreateQueue"),
                   {{"QueueName", "jobs"}},
                   QStringLiteral("localhost:9324"),
                   QString(),
                   replies.callback());
    runner.callSqs(QStringLiteral("SendMessage"),
                   {{"QueueUrl", "http://localhost:9324/000000000000/jobs"}, {"MessageBody", "hi"}},
                   QStringLiteral("localhost:9324"),
                   QString(),
                   replies.callback());
    QTRY_COMPARE(replies.count(), 2);
    QVERIFY(replies.at(0).first.ok());
    QCOMPARE(replies.at(0).second.value(QStringLiteral("QueueUrl")).toString(),
             QStringLiteral("http://localhost:9324/000000000000/jobs"));
    QCOMPARE(replies.at(1).second.value(QStringLiteral("MD5OfMessageBody")).toString(),
             QStringLiteral("49f68a5c8493ec2c0bf489821c21fc3b"));
    // The new queue is a node of the running engine (with an id of the endpoint's range), in
    // the frames with its counters.
    const int queue = Diagram::kEndpointIdBase;
    QTRY_VERIFY(!frames.isEmpty()
                && frames.last().at(0).value<FramePtr>()->counter(queue, QStringLiteral("visible"))
                       == 1.0);
    // The frames told what the calls changed in the diagram, once and in order: the queue,
    // then the (unsigned) client and its link to the queue.
    QVector<DiagramEdit> edits;
    for (const QList<QVariant> &f : std::as_const(frames))
        edits += f.at(0).value<FramePtr>()->diagramEdits;
    QCOMPARE(edits.size(), 3);
    QCOMPARE(edits[0].kind, DiagramEdit::Kind::AddNode);
    QCOMPARE(edits[0].node.name, QStringLiteral("jobs"));
    QCOMPARE(edits[0].node.id, queue);
    QCOMPARE(edits[1].kind, DiagramEdit::Kind::AddNode);
    QCOMPARE(edits[1].node.kind, NodeKind::SqsClient);
    QCOMPARE(edits[1].node.name, QStringLiteral("anonymous client"));
    QCOMPARE(edits[2].kind, DiagramEdit::Kind::AddLink);
    QCOMPARE(edits[2].link.from, edits[1].node.id);
    QCOMPARE(edits[2].link.to, queue);
}

void tst_SimulationRunner::sqsLongPollEndsWhenReset()
{
    SimulationRunner runner;
    runner.load(Diagram{});
    Replies replies;
    runner.callSqs(QStringLiteral("CreateQueue"),
                   {{"QueueName", "q"}},
                   QStringLiteral("h"),
                   QString(),
                   replies.callback());
    runner.callSqs(QStringLiteral("ReceiveMessage"),
                   {{"QueueUrl", "http://h/000000000000/q"}, {"WaitTimeSeconds", 20}},
                   QStringLiteral("h"),
                   QString(),
                   replies.callback());
    QTRY_COMPARE(replies.count(), 1); // the receive waits (paused engine: no time passes)
    QTest::qWait(50);
    QCOMPARE(replies.count(), 1);
    runner.reset(); // the simulation goes: the waiting client gets its empty answer
    QTRY_COMPARE(replies.count(), 2);
    QVERIFY(replies.at(1).first.ok());
    QVERIFY(replies.at(1).second.isEmpty());
}

QTEST_GUILESS_MAIN(tst_SimulationRunner)
#include "tst_simulationrunner.moc"
