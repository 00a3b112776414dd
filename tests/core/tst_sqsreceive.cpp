// SQS receive-side rules for standard queues: visibility timeouts, receipt handles,
// deletion, long and short polling, retention, purge, in-flight limits, at-least-once
// delivery and dead-letter queues (spec/aws-semantics.md §1.4-§1.7, §1.11-§1.14).

#include "SqsTestHarness.h"

#include <QtTest>

using namespace flowlab;
using namespace flowlab::test;

Q_DECLARE_METATYPE(flowlab::SqsErrorCode)

class TestSqsReceive : public QObject
{
    Q_OBJECT

private slots:
    void receiveParameterRanges_data();
    void receiveParameterRanges();
    void visibilityTimeoutReturnsMessage();
    void everyReceiveIssuesNewHandle();
    void perCallVisibilityTimeout();
    void changeVisibilityCountsFromCall();
    void changeVisibilityZeroMakesVisible();
    void changedVisibilityIsNotRemembered();
    void changeVisibilityErrors();
    void twelveHourCap();
    void twelveHourCapFromFirstReceive();
    void deleteCurrentHandle();
    void deleteWithOldHandle();
    void deleteWithOldHandleNoOpPolicy();
    void deleteOldHandleAfterMessageCameBack();
    void receiptHandleText();
    void longPollWaitsThenReturnsEmpty();
    void longPollReturnsAsSoonAsMessageArrives();
    void longPollWaitersServedInOrder();
    void queueDefaultWaitTimeMakesLongPoll();
    void shortPollCanMissMessages();
    void shortPollLargeBacklogNeverMisses();
    void shortPollSmallBacklogReturnsSome();
    void outOfOrderDelivery();
    void receiveReturnsAtMostMax();
    void retentionExpiresVisibleMessages();
    void retentionExpiresInFlightMessages();
    void loweringRetentionExpiresAtOnce();
    void purgeRemovesEverything();
    void purgeSixtySecondRule();
    void inFlightLimitStandard();
    void inFlightLimitFifoNoError();
    void duplicateDeliveryAfterDelete();
    void deadLetterAfterMaxReceiveCount();
    void deadLetterTypeMustMatch();
    void deadLetterStandardKeepsEnqueueTime();
    void deadLetterFifoResetsEnqueueTime();
    void approximateCountersAndAge();
    void metricsColumns();
};

void TestSqsReceive::receiveParameterRanges_data()
{
    QTest::addColumn<int>("max");
    QTest::addColumn<int>("wait");
    QTest::addColumn<int>("visibility");
    QTest::addColumn<SqsErrorCode>("code");
    QTest::newRow("max 0") << 0 << 0 << -1 << SqsErrorCode::InvalidParameterValue;
    QTest::newRow("max 1") << 1 << 0 << -1 << SqsErrorCode::None;
    QTest::newRow("max 10") << 10 << 0 << -1 << SqsErrorCode::None;
    QTest::newRow("max 11") << 11 << 0 << -1 << SqsErrorCode::InvalidParameterValue;
    QTest::newRow("wait 20") << 1 << 20 << -1 << SqsErrorCode::None;
    QTest::newRow("wait 21") << 1 << 21 << -1 << SqsErrorCode::InvalidParameterValue;
    QTest::newRow("visibility 43200") << 1 << 0 << 43200 << SqsErrorCode::None;
    QTest::newRow("visibility 43201") << 1 << 0 << 43201 << SqsErrorCode::InvalidParameterValue;
}

void TestSqsReceive::receiveParameterRanges()
{
    QFETCH(int, max);
    QFETCH(int, wait);
    QFETCH(int, visibility);
    QFETCH(SqsErrorCode, code);
    QueueFixture f;
    SqsReceiveRequest r;
    r.maxNumberOfMessages = max;
    r.waitTimeSeconds = wait;
    r.visibilityTimeout = visibility;
    QCOMPARE(f.queue->receiveMessage(r, &f.collector, 0).error.code, code);
    if (max == 11)
        QCOMPARE(f.queue->receiveMessage(r, &f.collector, 0).error.message,
                 QStringLiteral("Value 11 for parameter MaxNumberOfMessages is invalid. Reason: "
                                "Must be between 1 and 10, if provided."));
}

void TestSqsReceive::visibilityTimeoutReturnsMessage()
{
    QueueFixture f; // default visibility timeout: 30 s
    QCOMPARE(SqsQueueConfig().visibilityTimeout, 30);
    QVERIFY(f.send("job").error.ok());
    f.advanceTo(2.0);
    auto got = f.receive();
    QCOMPARE(got.size(), std::size_t(1));
    QCOMPARE(got[0].message.receiveCount, quint16(1));
    QCOMPARE(f.queue->inFlightCount(), 1);
    QCOMPARE(f.queue->visibleCount(), 0);
    QVERIFY(f.receive().empty()); // hidden from other consumers
    f.advanceToUs(fromSeconds(32.0) - 1);
    QCOMPARE(f.queue->inFlightCount(), 1);
    f.advanceTo(32.0);
    QCOMPARE(f.queue->inFlightCount(), 0);
    QCOMPARE(f.queue->visibleCount(), 1);
    QCOMPARE(f.queue->stats().visibleAgain, quint64(1));
    got = f.receive();
    QCOMPARE(got.size(), std::size_t(1));
    QCOMPARE(got[0].message.receiveCount, quint16(2));
    // ApproximateFirstReceiveTimestamp stays at the first receive.
    QCOMPARE(got[0].message.firstReceiveAt, fromSeconds(2.0));
}

void TestSqsReceive::everyReceiveIssuesNewHandle()
{
    QueueFixture f;
    f.send("job");
    const auto first = f.receive(1, 0); // visibility 0: visible again at once
    f.advanceTo(0.0);
    const auto second = f.receive(1, 10);
    QCOMPARE(first.size(), std::size_t(1));
    QCOMPARE(second.size(), std::size_t(1));
    QCOMPARE(first[0].message.id, second[0].message.id);
    QVERIFY(!(first[0].handle == second[0].handle));
    QVERIFY(f.queue->receiptHandleText(first[0].handle)
            != f.queue->receiptHandleText(second[0].handle));
}

void TestSqsReceive::perCallVisibilityTimeout()
{
    QueueFixture f;
    f.send("job");
    f.receive(1, 5);
    f.advanceTo(5.0);
    QCOMPARE(f.queue->visibleCount(), 1);
}

void TestSqsReceive::changeVisibilityCountsFromCall()
{
    // The API reference's example: queue default 60 s, 15 s in, set 10 s: visible at 25 s.
    SqsQueueConfig c;
    c.visibilityTimeout = 60;
    QueueFixture f(c);
    f.send("job");
    const auto got = f.receive();
    f.advanceTo(15.0);
    QVERIFY(f.queue->changeMessageVisibility(got[0].handle, 10).ok());
    f.advanceToUs(fromSeconds(25.0) - 1);
    QCOMPARE(f.queue->inFlightCount(), 1);
    f.advanceTo(25.0);
    QCOMPARE(f.queue->visibleCount(), 1);
}

void TestSqsReceive::changeVisibilityZeroMakesVisible()
{
    QueueFixture f;
    f.send("job");
    const auto got = f.receive();
    f.advanceTo(3.0);
    QVERIFY(f.queue->changeMessageVisibility(got[0].handle, 0).ok());
    QCOMPARE(f.queue->visibleCount(), 1);
    QCOMPARE(f.queue->inFlightCount(), 0);
    const auto again = f.receive();
    QCOMPARE(again.size(), std::size_t(1));
    QCOMPARE(again[0].message.receiveCount, quint16(2));
}

void TestSqsReceive::changedVisibilityIsNotRemembered()
{
    QueueFixture f;
    f.send("job");
    auto got = f.receive();
    QVERIFY(f.queue->changeMessageVisibility(got[0].handle, 100).ok());
    f.advanceTo(100.0);
    got = f.receive(); // the queue's 30 s again
    QCOMPARE(got.size(), std::size_t(1));
    f.advanceTo(130.0);
    QCOMPARE(f.queue->visibleCount(), 1);
}

void TestSqsReceive::changeVisibilityErrors()
{
    QueueFixture f;
    f.send("job");
    const auto first = f.receive();
    QCOMPARE(f.queue->changeMessageVisibility(first[0].handle, 43201).code,
             SqsErrorCode::InvalidParameterValue);
    QCOMPARE(f.queue->changeMessageVisibility(first[0].handle, -1).code,
             SqsErrorCode::InvalidParameterValue);
    f.advanceTo(30.0); // visible again: not in flight
    const SqsError notInFlight = f.queue->changeMessageVisibility(first[0].handle, 10);
    QCOMPARE(notInFlight.code, SqsErrorCode::MessageNotInflight);
    QCOMPARE(QString::fromLatin1(sqsErrorInfo(notInFlight.code).queryCode),
             QStringLiteral("AWS.SimpleQueueService.MessageNotInflight"));
    const auto second = f.receive();
    // In flight again, under a newer handle: the old one has expired.
    QCOMPARE(f.queue->changeMessageVisibility(first[0].handle, 10).code,
             SqsErrorCode::ReceiptHandleIsInvalid);
    QVERIFY(f.queue->changeMessageVisibility(second[0].handle, 10).ok());
    // A handle that was never issued.
    SqsReceiptHandle forged = second[0].handle;
    forged.serial += 100;
    QCOMPARE(f.queue->changeMessageVisibility(forged, 10).code,
             SqsErrorCode::ReceiptHandleIsInvalid);
    // Deleted: no longer in flight.
    QVERIFY(f.queue->deleteMessage(second[0].handle).ok());
    QCOMPARE(f.queue->changeMessageVisibility(second[0].handle, 10).code,
             SqsErrorCode::MessageNotInflight);
}

void TestSqsReceive::twelveHourCap()
{
    QueueFixture f;
    f.send("long job");
    const auto got = f.receive(1, 4 * 3600);
    f.advanceTo(3 * 3600.0); // 3 h after the receive, still in flight
    // 9 h from now ends exactly 12 h after the receive: allowed.
    QVERIFY(f.queue->changeMessageVisibility(got[0].handle, 9 * 3600).ok());
    const SqsError e = f.queue->changeMessageVisibility(got[0].handle, 9 * 3600 + 1);
    QCOMPARE(e.code, SqsErrorCode::InvalidParameterValue);
    QCOMPARE(e.message,
             QStringLiteral("Value 32401 for parameter VisibilityTimeout is invalid. "
                            "Reason: Total VisibilityTimeout for the message is beyond "
                            "the limit [43200 seconds]"));
    // Rejected, not clamped: the earlier 12 h end still holds.
    f.advanceToUs(fromSeconds(12 * 3600.0) - 1);
    QCOMPARE(f.queue->inFlightCount(), 1);
    f.advanceTo(12 * 3600.0);
    QCOMPARE(f.queue->visibleCount(), 1);
}

void TestSqsReceive::twelveHourCapFromFirstReceive()
{
    SqsQueueConfig c;
    c.visibilityCapFromFirstReceive = true;
    QueueFixture f(c);
    f.send("job");
    f.receive(1, 3600);
    f.advanceTo(3600.0);
    const auto second = f.receive(1, 60);
    // From the current receive 11 h 59 min would be fine; from the first it is past 12 h.
    QCOMPARE(f.queue->changeMessageVisibility(second[0].handle, 11 * 3600 + 1).code,
             SqsErrorCode::InvalidParameterValue);
    QVERIFY(f.queue->changeMessageVisibility(second[0].handle, 11 * 3600).ok());
}

void TestSqsReceive::deleteCurrentHandle()
{
    QueueFixture f;
    f.send("job");
    const auto got = f.receive();
    QVERIFY(f.queue->deleteMessage(got[0].handle).ok());
    QCOMPARE(f.queue->inFlightCount(), 0);
    QCOMPARE(f.queue->stats().deleted, quint64(1));
    f.advanceTo(60.0);
    QCOMPARE(f.queue->visibleCount(), 0);
    // Deleting again succeeds and changes nothing.
    QVERIFY(f.queue->deleteMessage(got[0].handle).ok());
    QCOMPARE(f.queue->stats().deleted, quint64(1));
}

void TestSqsReceive::deleteWithOldHandle()
{
    QueueFixture f;
    f.send("job");
    const auto first = f.receive(1, 5);
    f.advanceTo(5.0);
    const auto second = f.receive(1, 30);
    // Another consumer holds it; the first consumer's old handle still deletes (default).
    QVERIFY(f.queue->deleteMessage(first[0].handle).ok());
    QCOMPARE(f.queue->inFlightCount(), 0);
    QCOMPARE(f.queue->stats().deleted, quint64(1));
    QVERIFY(f.queue->deleteMessage(second[0].handle).ok());
    QCOMPARE(f.queue->stats().deleted, quint64(1));
}

void TestSqsReceive::deleteWithOldHandleNoOpPolicy()
{
    SqsQueueConfig c;
    c.oldHandleDeletes = false;
    QueueFixture f(c);
    f.send("job");
    const auto first = f.receive(1, 5);
    f.advanceTo(5.0);
    const auto second = f.receive(1, 30);
    QVERIFY(f.queue->deleteMessage(first[0].handle).ok()); // success, "might not be deleted"
    QCOMPARE(f.queue->inFlightCount(), 1);
    QVERIFY(f.queue->deleteMessage(second[0].handle).ok());
    QCOMPARE(f.queue->inFlightCount(), 0);
}

void TestSqsReceive::deleteOldHandleAfterMessageCameBack()
{
    QueueFixture f;
    f.send("job");
    f.send("other");
    const auto got = f.receive(1, 5);
    f.advanceTo(6.0); // visible again, not yet received again
    QCOMPARE(f.queue->visibleCount(), 2);
    QVERIFY(f.queue->deleteMessage(got[0].handle).ok());
    QCOMPARE(f.queue->visibleCount(), 1);
    const auto rest = f.receive();
    QCOMPARE(rest.size(), std::size_t(1));
    QCOMPARE(f.bodyOf(rest[0]), QByteArray("other"));
}

void TestSqsReceive::receiptHandleText()
{
    QueueFixture f;
    SqsQueue *other = f.addQueue(2, SqsQueueConfig());
    f.send("job");
    const auto got = f.receive();
    const QString text = f.queue->receiptHandleText(got[0].handle);
    QVERIFY(text.startsWith(QLatin1String("AQEB")));
    SqsReceiptHandle parsed;
    QVERIFY(f.queue->parseReceiptHandle(text, &parsed).ok());
    QVERIFY(parsed == got[0].handle);

    const QStringList bad = {QString(),
                             QStringLiteral("garbage"),
                             QStringLiteral("AQEB!!!"),
                             text.left(text.size() - 2),
                             text + QStringLiteral("x")};
    for (const QString &b : bad) {
        const SqsError e = f.queue->parseReceiptHandle(b, &parsed);
        QCOMPARE(e.code, SqsErrorCode::ReceiptHandleIsInvalid);
        QCOMPARE(e.message,
                 QStringLiteral("The input receipt handle \"%1\" is not a valid "
                                "receipt handle.")
                     .arg(b));
    }
    // A handle of another queue is not valid here.
    QCOMPARE(other->parseReceiptHandle(text, &parsed).code, SqsErrorCode::ReceiptHandleIsInvalid);
}

void TestSqsReceive::longPollWaitsThenReturnsEmpty()
{
    QueueFixture f;
    SqsReceiveRequest r;
    r.waitTimeSeconds = 20;
    const SqsReceiveResult result = f.queue->receiveMessage(r, &f.collector, 7);
    QVERIFY(result.waiting);
    QVERIFY(result.messages.empty());
    f.advanceToUs(fromSeconds(20.0) - 1);
    QVERIFY(f.collector.answers.empty());
    f.advanceTo(20.0);
    QCOMPARE(f.collector.answers.size(), std::size_t(1));
    QCOMPARE(f.collector.answers[0].token, quint64(7));
    QVERIFY(f.collector.answers[0].messages.empty());
    QCOMPARE(f.collector.answers[0].at, fromSeconds(20.0));
    QCOMPARE(f.queue->stats().emptyReceives, quint64(1));
}

void TestSqsReceive::longPollReturnsAsSoonAsMessageArrives()
{
    QueueFixture f;
    SqsReceiveRequest r;
    r.waitTimeSeconds = 20;
    r.maxNumberOfMessages = 10;
    QVERIFY(f.queue->receiveMessage(r, &f.collector, 1).waiting);
    f.advanceTo(5.0);
    f.send("first");
    f.advanceTo(5.0); // same instant: the waiter is served by an event at 5 s
    QCOMPARE(f.collector.answers.size(), std::size_t(1));
    QCOMPARE(f.collector.answers[0].at, fromSeconds(5.0));
    QCOMPARE(f.collector.answers[0].messages.size(), std::size_t(1)); // did not wait for 10
    f.advanceTo(30.0);
    QCOMPARE(f.collector.answers.size(), std::size_t(1)); // its timer did nothing
    QCOMPARE(f.queue->stats().emptyReceives, quint64(0));
}

void TestSqsReceive::longPollWaitersServedInOrder()
{
    QueueFixture f;
    SqsReceiveRequest r;
    r.waitTimeSeconds = 20;
    f.queue->receiveMessage(r, &f.collector, 1);
    f.advanceTo(1.0);
    f.queue->receiveMessage(r, &f.collector, 2);
    f.advanceTo(2.0);
    f.send("a");
    f.advanceTo(2.0);
    QCOMPARE(f.collector.answers.size(), std::size_t(1));
    QCOMPARE(f.collector.answers[0].token, quint64(1));
    f.send("b");
    f.advanceTo(2.0);
    QCOMPARE(f.collector.answers.size(), std::size_t(2));
    QCOMPARE(f.collector.answers[1].token, quint64(2));
}

void TestSqsReceive::queueDefaultWaitTimeMakesLongPoll()
{
    SqsQueueConfig c;
    c.receiveMessageWaitTimeSeconds = 10;
    QueueFixture f(c);
    SqsReceiveRequest r; // WaitTimeSeconds not given: the queue's 10 s
    QVERIFY(f.queue->receiveMessage(r, &f.collector, 0).waiting);
    f.advanceTo(10.0);
    QCOMPARE(f.collector.answers.size(), std::size_t(1));
    r.waitTimeSeconds = 0; // an explicit 0 short-polls
    const SqsReceiveResult shortPoll = f.queue->receiveMessage(r, &f.collector, 0);
    QVERIFY(!shortPoll.waiting);
}

void TestSqsReceive::shortPollCanMissMessages()
{
    QueueFixture f;
    QVERIFY(f.queue->applySetting(QStringLiteral("shortPollSmallBacklog"), 1000));
    QVERIFY(f.queue->applySetting(QStringLiteral("shortPollEmptyProbability"), 1.0));
    f.send("present");
    QVERIFY(f.receive().empty()); // the sampled servers held none of it
    QCOMPARE(f.queue->stats().emptyReceives, quint64(1));
    QCOMPARE(f.queue->stats().falseEmptyReceives, quint64(1));
    QCOMPARE(f.queue->visibleCount(), 1);
    // A long poll asks every server.
    SqsReceiveRequest r;
    r.waitTimeSeconds = 1;
    QCOMPARE(f.queue->receiveMessage(r, &f.collector, 0).messages.size(), std::size_t(1));
}

void TestSqsReceive::shortPollLargeBacklogNeverMisses()
{
    QueueFixture f;
    f.queue->applySetting(QStringLiteral("shortPollEmptyProbability"), 1.0);
    f.queue->applySetting(QStringLiteral("shortPollSmallBacklog"), 5);
    for (int i = 0; i < 5; ++i)
        f.send("m");
    QCOMPARE(f.receive(1).size(), std::size_t(1));
    QVERIFY(f.receive(1).empty()); // now 4 visible: below the threshold
}

void TestSqsReceive::shortPollSmallBacklogReturnsSome()
{
    // Below the small-backlog threshold a short poll asking for 10 of 8 visible messages
    // returns from 1 to 8 of them (the servers it sampled), oldest first; a long poll, or a
    // backlog at the threshold, returns all it may.
    int partial = 0;
    int whole = 0;
    for (quint64 seed = 1; seed <= 40; ++seed) {
        QueueFixture f({}, seed);
        QVERIFY(f.queue->applySetting(QStringLiteral("shortPollSmallBacklog"), 1000));
        for (int i = 0; i < 8; ++i)
            f.send(QByteArray::number(i));
        const auto got = f.receive(10);
        QVERIFY(!got.empty());
        QVERIFY(got.size() <= 8);
        for (std::size_t i = 0; i < got.size(); ++i)
            QCOMPARE(f.bodyOf(got[i]), QByteArray::number(qint64(i)));
        QCOMPARE(f.queue->visibleCount(), int(8 - got.size()));
        QCOMPARE(f.queue->stats().emptyReceives, quint64(0));
        (got.size() < 8 ? partial : whole) += 1;
    }
    QVERIFY(partial > 0);
    QVERIFY(whole > 0);

    QueueFixture f;
    QVERIFY(f.queue->applySetting(QStringLiteral("shortPollSmallBacklog"), 8));
    for (int i = 0; i < 8; ++i)
        f.send("m");
    QCOMPARE(f.receive(10).size(), std::size_t(8)); // 8 visible: not below the threshold
    QVERIFY(f.queue->applySetting(QStringLiteral("shortPollSmallBacklog"), 1000));
    for (int i = 0; i < 8; ++i)
        f.send("m");
    SqsReceiveRequest r;
    r.maxNumberOfMessages = 10;
    r.waitTimeSeconds = 1; // a long poll asks every server
    QCOMPARE(f.queue->receiveMessage(r, &f.collector, 0).messages.size(), std::size_t(8));
}

void TestSqsReceive::outOfOrderDelivery()
{
    // Off (the default): oldest first.
    {
        QueueFixture f;
        for (int i = 0; i < 30; ++i)
            f.send(QByteArray::number(i));
        int next = 0;
        while (f.queue->visibleCount() > 0) {
            for (const auto &m : f.receive(10))
                QCOMPARE(f.bodyOf(m), QByteArray::number(next++));
        }
    }
    // On: some messages come before older ones, each at most kOutOfOrderSpan - 1 places
    // early, and every message exactly once.
    QueueFixture f;
    QVERIFY(f.queue->applySetting(QStringLiteral("outOfOrderProbability"), 0.3));
    const int count = 200;
    for (int i = 0; i < count; ++i)
        f.send(QByteArray::number(i));
    QList<int> order;
    while (f.queue->visibleCount() > 0) {
        for (const auto &m : f.receive(10))
            order.append(f.bodyOf(m).toInt());
    }
    QCOMPARE(order.size(), count);
    QList<int> sorted = order;
    std::sort(sorted.begin(), sorted.end());
    for (int i = 0; i < count; ++i)
        QCOMPARE(sorted[i], i);
    int early = 0;
    for (int i = 0; i < count; ++i) {
        // Received at position i: never more than span - 1 ahead of where order puts it.
        QVERIFY(order[i] - i < int(SqsMessageStore::kOutOfOrderSpan));
        early += order[i] > i ? 1 : 0;
    }
    QVERIFY(early >= count / 10);

    // FIFO queues keep their order whatever the setting says.
    SqsQueueConfig fifo;
    fifo.fifo = true;
    fifo.contentBasedDeduplication = true;
    QueueFixture g(fifo);
    QVERIFY(g.queue->applySetting(QStringLiteral("outOfOrderProbability"), 1.0));
    for (int i = 0; i < 20; ++i)
        g.send(QByteArray::number(i), QStringLiteral("group"));
    int next = 0;
    while (g.queue->visibleCount() > 0) {
        const auto got = g.receive(10);
        for (const auto &m : got)
            QCOMPARE(g.bodyOf(m), QByteArray::number(next++));
        for (const auto &m : got)
            g.queue->deleteMessage(m.handle);
    }
    QCOMPARE(next, 20);
}

void TestSqsReceive::receiveReturnsAtMostMax()
{
    QueueFixture f;
    for (int i = 0; i < 25; ++i)
        f.send(QByteArray::number(i));
    QCOMPARE(f.receive(10).size(), std::size_t(10));
    QCOMPARE(f.receive(3).size(), std::size_t(3));
    const auto rest = f.receive(10);
    QCOMPARE(rest.size(), std::size_t(10));
    QCOMPARE(f.bodyOf(rest[0]), QByteArray("13")); // oldest first
    QCOMPARE(f.receive(10).size(), std::size_t(2));
}

void TestSqsReceive::retentionExpiresVisibleMessages()
{
    SqsQueueConfig c;
    c.messageRetentionPeriod = 60;
    QueueFixture f(c);
    QCOMPARE(SqsQueueConfig().messageRetentionPeriod, 345600); // 4 days by default
    f.advanceTo(0.5);
    f.send("short-lived");
    f.advanceToUs(fromSeconds(60.5) - 1);
    QCOMPARE(f.queue->visibleCount(), 1);
    f.advanceTo(60.5);
    QCOMPARE(f.queue->visibleCount(), 0);
    QCOMPARE(f.queue->stats().expired, quint64(1));
}

void TestSqsReceive::retentionExpiresInFlightMessages()
{
    SqsQueueConfig c;
    c.messageRetentionPeriod = 60;
    QueueFixture f(c);
    f.send("job");
    f.advanceTo(10.0);
    f.receive(1, 3600);
    f.advanceTo(60.0);
    QCOMPARE(f.queue->inFlightCount(), 0);
    QCOMPARE(f.queue->visibleCount(), 0);
    QCOMPARE(f.queue->stats().expired, quint64(1));
}

void TestSqsReceive::loweringRetentionExpiresAtOnce()
{
    QueueFixture f;
    f.send("old");
    f.advanceTo(100.0);
    f.send("new");
    f.advanceTo(130.0);
    QVERIFY(f.queue->applySetting(QStringLiteral("messageRetentionPeriod"), 60));
    f.advanceTo(130.0);
    QCOMPARE(f.queue->visibleCount(), 1); // "old" was 130 s old
    f.advanceTo(160.0);
    QCOMPARE(f.queue->visibleCount(), 0);
    QCOMPARE(f.queue->stats().expired, quint64(2));
}

void TestSqsReceive::purgeRemovesEverything()
{
    QueueFixture f;
    f.send("visible");
    f.send("in flight");
    SqsSendRequest delayed = QueueFixture::body("delayed");
    delayed.delaySeconds = 60;
    f.queue->sendMessage(delayed);
    f.receive(1);
    QCOMPARE(f.queue->visibleCount() + f.queue->inFlightCount() + f.queue->delayedCount(), 3);
    QVERIFY(f.queue->purge().ok());
    QCOMPARE(f.queue->visibleCount() + f.queue->inFlightCount() + f.queue->delayedCount(), 0);
    QCOMPARE(f.queue->stats().purged, quint64(3));
    f.advanceTo(120.0);
    QCOMPARE(f.queue->visibleCount(), 0); // nothing comes back
    QCOMPARE(f.engine.payloads().liveCount(), std::size_t(0));
}

void TestSqsReceive::purgeSixtySecondRule()
{
    QueueFixture f;
    f.advanceTo(10.0);
    QVERIFY(f.queue->purge().ok());
    f.advanceToUs(fromSeconds(70.0) - 1);
    const SqsError e = f.queue->purge();
    QCOMPARE(e.code, SqsErrorCode::PurgeQueueInProgress);
    QCOMPARE(sqsErrorInfo(e.code).httpStatus, 403);
    QCOMPARE(e.message,
             QStringLiteral("Only one PurgeQueue operation on q is allowed every 60 seconds."));
    f.advanceTo(70.0);
    QVERIFY(f.queue->purge().ok());
}

void TestSqsReceive::inFlightLimitStandard()
{
    SqsQueueConfig c;
    c.inFlightLimit = 2;
    QueueFixture f(c);
    QCOMPARE(SqsQueueConfig().inFlightLimit, 120000);
    for (int i = 0; i < 3; ++i)
        f.send("m");
    QCOMPARE(f.receive(10).size(), std::size_t(2));
    SqsReceiveRequest r;
    r.waitTimeSeconds = 0;
    const SqsReceiveResult shortPoll = f.queue->receiveMessage(r, &f.collector, 0);
    QCOMPARE(shortPoll.error.code, SqsErrorCode::OverLimit);
    QCOMPARE(sqsErrorInfo(shortPoll.error.code).httpStatus, 403);
    r.waitTimeSeconds = 5; // a long poll at the limit: no error, empty at the end
    const SqsReceiveResult longPoll = f.queue->receiveMessage(r, &f.collector, 9);
    QVERIFY(longPoll.error.ok());
    QVERIFY(longPoll.waiting);
    f.advanceTo(5.0);
    QCOMPARE(f.collector.answers.size(), std::size_t(1));
    QVERIFY(f.collector.answers[0].messages.empty());
    // Room under the limit again: a waiting long poll gets the third message at once.
    QVERIFY(f.queue->receiveMessage(r, &f.collector, 10).waiting);
    f.advanceTo(6.0);
    const auto held = f.receive(10); // over the limit: nothing for a short poll either
    QVERIFY(held.empty());
    f.queue->applySetting(QStringLiteral("duplicateDeliveryProbability"), 0.0);
    SqsReceiptHandle any{1, 1, 1};
    QVERIFY(f.queue->deleteMessage(any).ok());
    f.advanceTo(6.0);
    QCOMPARE(f.collector.answers.size(), std::size_t(2));
    QCOMPARE(f.collector.answers[1].messages.size(), std::size_t(1));
}

void TestSqsReceive::inFlightLimitFifoNoError()
{
    SqsQueueConfig c = fifoConfig();
    c.inFlightLimit = 1;
    QueueFixture f(c);
    f.send("a", "g1", "d1");
    f.send("b", "g2", "d2");
    QCOMPARE(f.receive(1).size(), std::size_t(1));
    SqsReceiveRequest r;
    r.waitTimeSeconds = 0;
    const SqsReceiveResult result = f.queue->receiveMessage(r, &f.collector, 0);
    QVERIFY(result.error.ok());
    QVERIFY(result.messages.empty());
}

void TestSqsReceive::duplicateDeliveryAfterDelete()
{
    QueueFixture f;
    QVERIFY(f.queue->applySetting(QStringLiteral("duplicateDeliveryProbability"), 1.0));
    f.send("job");
    const auto first = f.receive(1, 30);
    QVERIFY(f.queue->deleteMessage(first[0].handle).ok()); // success, yet it survives
    QCOMPARE(f.queue->stats().duplicateDeliveries, quint64(1));
    QCOMPARE(f.queue->stats().deleted, quint64(0));
    f.advanceTo(30.0);
    const auto again = f.receive(1, 30);
    QCOMPARE(again.size(), std::size_t(1));
    QCOMPARE(again[0].message.id, first[0].message.id);
    // Each delete has its own chance of being lost; with the knob back at 0 it takes.
    QVERIFY(f.queue->applySetting(QStringLiteral("duplicateDeliveryProbability"), 0.0));
    QVERIFY(f.queue->deleteMessage(again[0].handle).ok());
    QCOMPARE(f.queue->stats().deleted, quint64(1));
    f.advanceTo(120.0);
    QCOMPARE(f.queue->visibleCount(), 0);
}

void TestSqsReceive::deadLetterAfterMaxReceiveCount()
{
    SqsQueueConfig c;
    c.maxReceiveCount = 3;
    QueueFixture f(c);
    SqsQueue *dlq = f.addQueue(2, SqsQueueConfig());
    QVERIFY(f.queue->setDeadLetterQueue(dlq).ok());
    f.send("poison");
    for (int i = 1; i <= 3; ++i) {
        const auto got = f.receive(1, 10);
        QCOMPARE(got.size(), std::size_t(1));
        QCOMPARE(got[0].message.receiveCount, quint16(i));
        f.advanceTo(10.0 * i);
    }
    // The fourth receive would exceed maxReceiveCount: moved, not returned.
    QVERIFY(f.receive(1, 10).empty());
    QCOMPARE(f.queue->visibleCount(), 0);
    QCOMPARE(f.queue->stats().movedToDlq, quint64(1));
    QCOMPARE(dlq->visibleCount(), 1);
    QCOMPARE(dlq->stats().sent, quint64(0)); // a moved message is not "sent" to the DLQ
    QCOMPARE(dlq->stats().movedIn, quint64(1));
    const auto inDlq = f.receive(1, 10, dlq);
    QCOMPARE(f.bodyOf(inDlq[0]), QByteArray("poison"));
    QCOMPARE(inDlq[0].message.receiveCount, quint16(4)); // the count goes on across queues
}

void TestSqsReceive::deadLetterTypeMustMatch()
{
    QueueFixture f;
    SqsQueue *fifoDlq = f.addQueue(2, fifoConfig());
    const SqsError e = f.queue->setDeadLetterQueue(fifoDlq);
    QCOMPARE(e.code, SqsErrorCode::InvalidParameterCombination);
    QVERIFY(!f.queue->deadLetterQueue());
    QCOMPARE(fifoDlq->setDeadLetterQueue(f.queue).code, SqsErrorCode::InvalidParameterCombination);
}

void TestSqsReceive::deadLetterStandardKeepsEnqueueTime()
{
    SqsQueueConfig c;
    c.maxReceiveCount = 1;
    QueueFixture f(c);
    SqsQueueConfig dlqConfig;
    dlqConfig.messageRetentionPeriod = 3600;
    SqsQueue *dlq = f.addQueue(2, dlqConfig);
    f.queue->setDeadLetterQueue(dlq);
    f.send("m");
    f.receive(1, 1000);
    f.advanceTo(1000.0);
    QVERIFY(f.receive(1).empty()); // moved at 1000 s
    QCOMPARE(dlq->visibleCount(), 1);
    // Retention counts from the original send at 0 s: gone at 3600 s, not 4600 s.
    f.advanceToUs(fromSeconds(3600.0) - 1);
    QCOMPARE(dlq->visibleCount(), 1);
    f.advanceTo(3600.0);
    QCOMPARE(dlq->visibleCount(), 0);
    QCOMPARE(dlq->stats().expired, quint64(1));
}

void TestSqsReceive::deadLetterFifoResetsEnqueueTime()
{
    SqsQueueConfig c = fifoConfig();
    c.maxReceiveCount = 1;
    QueueFixture f(c);
    SqsQueueConfig dlqConfig = fifoConfig();
    dlqConfig.messageRetentionPeriod = 3600;
    SqsQueue *dlq = f.addQueue(2, dlqConfig);
    QVERIFY(f.queue->setDeadLetterQueue(dlq).ok());
    f.send("m", "g", "d");
    f.receive(1, 1000);
    f.advanceTo(1000.0);
    QVERIFY(f.receive(1).empty());
    f.advanceTo(4599.0);
    QCOMPARE(dlq->visibleCount(), 1); // the clock restarted at 1000 s
    f.advanceTo(4600.0);
    QCOMPARE(dlq->visibleCount(), 0);
}

void TestSqsReceive::approximateCountersAndAge()
{
    QueueFixture f;
    f.send("a");
    f.advanceTo(10.0);
    f.send("b");
    SqsSendRequest d = QueueFixture::body("c");
    d.delaySeconds = 100;
    f.queue->sendMessage(d);
    f.receive(1);
    QCOMPARE(f.queue->visibleCount(), 1);
    QCOMPARE(f.queue->inFlightCount(), 1);
    QCOMPARE(f.queue->delayedCount(), 1);
    f.advanceTo(25.0);
    // The oldest non-deleted message ("a", in flight) was sent at 0 s.
    QCOMPARE(f.queue->ageOfOldestMessageSeconds(), 25.0);
}

void TestSqsReceive::metricsColumns()
{
    QueueFixture f;
    f.send("a");
    f.send("b");
    f.advanceTo(1.5);
    f.receive(1);
    f.advanceTo(3.0);
    const MetricsTable &m = f.queue->metrics();
    QCOMPARE(m.rowCount(), std::size_t(3));
    QCOMPARE(m.column(QStringLiteral("NumberOfMessagesSent")), (std::vector<double>{2, 0, 0}));
    QCOMPARE(m.column(QStringLiteral("NumberOfMessagesReceived")), (std::vector<double>{0, 1, 0}));
    QCOMPARE(m.column(QStringLiteral("ApproximateNumberOfMessagesVisible")),
             (std::vector<double>{2, 1, 1}));
    QCOMPARE(m.column(QStringLiteral("ApproximateNumberOfMessagesNotVisible")),
             (std::vector<double>{0, 1, 1}));
    QCOMPARE(f.engine.sampleTimes(), (std::vector<SimTime>{kSecond, 2 * kSecond, 3 * kSecond}));
    for (const char *name : {"ApproximateNumberOfMessagesDelayed",
                             "ApproximateAgeOfOldestMessage",
                             "NumberOfMessagesDeleted",
                             "NumberOfEmptyReceives"})
        QVERIFY2(m.indexOf(QString::fromLatin1(name)) >= 0, name);
}

QTEST_GUILESS_MAIN(TestSqsReceive)
#include "tst_sqsreceive.moc"
