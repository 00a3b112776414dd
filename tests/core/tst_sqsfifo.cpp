// FIFO queue rules: strict order per group, group blocking, deduplication (explicit and
// content-based, 5-minute window, scopes), sequence numbers and throughput limits
// (spec/aws-semantics.md §1.9, §1.14).

#include "SqsTestHarness.h"

#include <QCryptographicHash>
#include <QtTest>

using namespace flowlab;
using namespace flowlab::test;

class TestSqsFifo : public QObject
{
    Q_OBJECT

private slots:
    void strictOrderWithinGroup();
    void groupBlockedWhileInFlight();
    void oneReceiveTakesAsManyOfOneGroupAsPossible();
    void orderKeptWhenMessageComesBack();
    void deletingOutOfOrderUnblocksAtLast();
    void longPollWaitsForBlockedGroup();
    void deduplicationWindow();
    void deduplicationContinuesAfterDelete();
    void contentBasedDeduplication();
    void explicitIdOverridesContent();
    void deduplicationScopeMessageGroup();
    void sequenceNumbers();
    void throughputLimitPerQueue();
    void throughputHighThroughputMode();
    void batchCountsAsOneRequest();
};

void TestSqsFifo::strictOrderWithinGroup()
{
    QueueFixture f(fifoConfig());
    for (int i = 0; i < 6; ++i)
        f.send(QByteArray::number(i),
               i % 2 ? QStringLiteral("odd") : QStringLiteral("even"),
               QStringLiteral("d%1").arg(i));
    std::vector<QByteArray> even, odd;
    for (int round = 0; round < 10; ++round) {
        for (const auto &m : f.receive(1)) {
            const QByteArray b = f.bodyOf(m);
            (b.toInt() % 2 ? odd : even).push_back(b);
            QVERIFY(f.queue->deleteMessage(m.handle).ok());
        }
    }
    QCOMPARE(even, (std::vector<QByteArray>{"0", "2", "4"}));
    QCOMPARE(odd, (std::vector<QByteArray>{"1", "3", "5"}));
}

void TestSqsFifo::groupBlockedWhileInFlight()
{
    QueueFixture f(fifoConfig());
    f.send("a1", "A", "1");
    f.send("a2", "A", "2");
    f.send("b1", "B", "3");
    const auto first = f.receive(1);
    QCOMPARE(f.bodyOf(first[0]), QByteArray("a1"));
    // Group A is blocked while a1 is in flight; group B is not.
    const auto second = f.receive(10);
    QCOMPARE(second.size(), std::size_t(1));
    QCOMPARE(f.bodyOf(second[0]), QByteArray("b1"));
    QVERIFY(f.receive(10).empty());
    QCOMPARE(f.queue->visibleCount(), 1); // a2 waits, visible but not receivable
    QVERIFY(f.queue->deleteMessage(first[0].handle).ok());
    const auto third = f.receive(10);
    QCOMPARE(third.size(), std::size_t(1));
    QCOMPARE(f.bodyOf(third[0]), QByteArray("a2"));
}

void TestSqsFifo::oneReceiveTakesAsManyOfOneGroupAsPossible()
{
    QueueFixture f(fifoConfig());
    f.send("a1", "A", "1");
    f.send("b1", "B", "2");
    f.send("a2", "A", "3");
    f.send("a3", "A", "4");
    const auto got = f.receive(3);
    QCOMPARE(got.size(), std::size_t(3));
    QCOMPARE(f.bodyOf(got[0]), QByteArray("a1"));
    QCOMPARE(f.bodyOf(got[1]), QByteArray("a2"));
    QCOMPARE(f.bodyOf(got[2]), QByteArray("a3"));
    const auto rest = f.receive(10);
    QCOMPARE(rest.size(), std::size_t(1));
    QCOMPARE(f.bodyOf(rest[0]), QByteArray("b1"));
}

void TestSqsFifo::orderKeptWhenMessageComesBack()
{
    QueueFixture f(fifoConfig());
    f.send("1", "G", "1");
    f.send("2", "G", "2");
    f.send("3", "G", "3");
    const auto got = f.receive(2, 10); // 1 and 2 in flight
    QCOMPARE(got.size(), std::size_t(2));
    f.advanceTo(10.0); // both come back
    const auto again = f.receive(10, 10);
    QCOMPARE(again.size(), std::size_t(3));
    QCOMPARE(f.bodyOf(again[0]), QByteArray("1"));
    QCOMPARE(f.bodyOf(again[1]), QByteArray("2"));
    QCOMPARE(f.bodyOf(again[2]), QByteArray("3"));
    QCOMPARE(again[0].message.receiveCount, quint16(2));
    QCOMPARE(again[2].message.receiveCount, quint16(1));
}

void TestSqsFifo::deletingOutOfOrderUnblocksAtLast()
{
    QueueFixture f(fifoConfig());
    f.send("1", "G", "1");
    f.send("2", "G", "2");
    f.send("3", "G", "3");
    const auto got = f.receive(2);
    QVERIFY(f.queue->deleteMessage(got[1].handle).ok());
    QVERIFY(f.receive(10).empty()); // message 1 still in flight
    QVERIFY(f.queue->deleteMessage(got[0].handle).ok());
    const auto rest = f.receive(10);
    QCOMPARE(rest.size(), std::size_t(1));
    QCOMPARE(f.bodyOf(rest[0]), QByteArray("3"));
}

void TestSqsFifo::longPollWaitsForBlockedGroup()
{
    QueueFixture f(fifoConfig());
    f.send("1", "G", "1");
    f.send("2", "G", "2");
    const auto first = f.receive(1);
    // Message 2 is visible but its group is blocked: a long poll waits...
    SqsReceiveRequest r;
    r.waitTimeSeconds = 20;
    QVERIFY(f.queue->receiveMessage(r, &f.collector, 5).waiting);
    f.advanceTo(3.0);
    QVERIFY(f.collector.answers.empty());
    // ...and is answered as soon as the delete frees the group.
    QVERIFY(f.queue->deleteMessage(first[0].handle).ok());
    f.advanceTo(3.0);
    QCOMPARE(f.collector.answers.size(), std::size_t(1));
    QCOMPARE(f.collector.answers[0].at, fromSeconds(3.0));
    QCOMPARE(f.bodyOf(f.collector.answers[0].messages[0]), QByteArray("2"));
}

void TestSqsFifo::deduplicationWindow()
{
    QueueFixture f(fifoConfig());
    const SqsSendResult original = f.send("pay 10", "G", "order-1");
    QVERIFY(original.error.ok());
    QVERIFY(!original.deduplicated);
    f.advanceToUs(5 * kMinute - 1);
    const SqsSendResult dup = f.send("pay 10", "G", "order-1");
    QVERIFY(dup.error.ok()); // accepted...
    QVERIFY(dup.deduplicated);
    QCOMPARE(dup.messageId, original.messageId);
    QCOMPARE(f.queue->visibleCount(), 1); // ...but not delivered
    QCOMPARE(f.queue->stats().deduplicated, quint64(1));
    QCOMPARE(f.queue->stats().sent, quint64(1));
    f.advanceToUs(5 * kMinute); // the id is forgotten after 5 minutes
    const SqsSendResult later = f.send("pay 10", "G", "order-1");
    QVERIFY(!later.deduplicated);
    QCOMPARE(f.queue->visibleCount(), 2);
}

void TestSqsFifo::deduplicationContinuesAfterDelete()
{
    QueueFixture f(fifoConfig());
    f.send("x", "G", "id-1");
    const auto got = f.receive(1);
    QVERIFY(f.queue->deleteMessage(got[0].handle).ok());
    f.advanceTo(60.0);
    QVERIFY(f.send("x", "G", "id-1").deduplicated);
    QCOMPARE(f.queue->visibleCount(), 0);
}

void TestSqsFifo::contentBasedDeduplication()
{
    SqsQueueConfig c = fifoConfig();
    c.contentBasedDeduplication = true;
    QueueFixture f(c);
    QVERIFY(f.send("same body", "G").error.ok());
    QVERIFY(f.send("same body", "G").deduplicated);
    QVERIFY(!f.send("other body", "G").deduplicated);
    // Attributes are not part of the content hash.
    SqsSendRequest withAttr = QueueFixture::body("same body", QStringLiteral("G"));
    withAttr.attributes.push_back({QStringLiteral("k"), QStringLiteral("String"), "v"});
    QVERIFY(f.queue->sendMessage(withAttr).deduplicated);
    QCOMPARE(f.queue->visibleCount(), 2);
    // The generated id is the SHA-256 of the body.
    const auto got = f.receive(1);
    const Payload *p = f.engine.payloads().get(got[0].message.payload);
    QVERIFY(p);
    QCOMPARE(p->deduplicationId,
             QString::fromLatin1(
                 QCryptographicHash::hash("same body", QCryptographicHash::Sha256).toHex()));
}

void TestSqsFifo::explicitIdOverridesContent()
{
    SqsQueueConfig c = fifoConfig();
    c.contentBasedDeduplication = true;
    QueueFixture f(c);
    QVERIFY(!f.send("same body", "G", "a").deduplicated);
    QVERIFY(!f.send("same body", "G", "b").deduplicated);
    QVERIFY(f.send("different", "G", "a").deduplicated);
    QCOMPARE(f.queue->visibleCount(), 2);
}

void TestSqsFifo::deduplicationScopeMessageGroup()
{
    SqsQueueConfig c = fifoConfig();
    QueueFixture queueScope(c);
    queueScope.send("x", "G1", "same");
    QVERIFY(queueScope.send("x", "G2", "same").deduplicated);

    c.deduplicationScopeGroup = true;
    QueueFixture groupScope(c);
    groupScope.send("x", "G1", "same");
    QVERIFY(!groupScope.send("x", "G2", "same").deduplicated);
    QVERIFY(groupScope.send("x", "G1", "same").deduplicated);
}

void TestSqsFifo::sequenceNumbers()
{
    QueueFixture f(fifoConfig());
    const SqsSendResult a = f.send("a", "G", "1");
    const SqsSendResult b = f.send("b", "G", "2");
    QCOMPARE(a.sequenceNumber.size(), 20);
    QCOMPARE(b.sequenceNumber.size(), 20);
    QVERIFY(b.sequenceNumber > a.sequenceNumber);
    QueueFixture standard;
    QVERIFY(standard.send("a").sequenceNumber.isEmpty());
}

void TestSqsFifo::throughputLimitPerQueue()
{
    QueueFixture f(fifoConfig());
    QCOMPARE(SqsQueueConfig().fifoApiTps, 300);
    f.advanceTo(1.0);
    for (int i = 0; i < 300; ++i)
        QVERIFY(f.send("m", QStringLiteral("g%1").arg(i % 7), QString::number(i)).error.ok());
    const SqsSendResult over = f.send("m", "g", "overflow");
    QCOMPARE(over.error.code, SqsErrorCode::RequestThrottled);
    QCOMPARE(f.queue->stats().throttled, quint64(1));
    QCOMPARE(f.queue->visibleCount(), 300);
    // Receives have their own 300 per second.
    QVERIFY(f.receive(1).size() == 1);
    f.advanceTo(2.0); // a new second
    QVERIFY(f.send("m", "g", "next-second").error.ok());

    QueueFixture standard;
    for (int i = 0; i < 1000; ++i)
        QVERIFY(standard.send("m").error.ok()); // standard queues: nearly unlimited
}

void TestSqsFifo::throughputHighThroughputMode()
{
    SqsQueueConfig c = fifoConfig();
    c.deduplicationScopeGroup = true;
    c.throughputPerGroup = true;
    c.highThroughputTps = 500;
    QVERIFY(c.highThroughput());
    QueueFixture f(c);
    for (int i = 0; i < 300; ++i)
        QVERIFY(f.send("m", "hot", QString::number(i)).error.ok());
    // One group keeps its 300 per second...
    QCOMPARE(f.send("m", "hot", "x").error.code, SqsErrorCode::RequestThrottled);
    // ...while other groups go on, up to the queue's high-throughput limit.
    for (int i = 0; i < 200; ++i)
        QVERIFY(f.send("m", QStringLiteral("cold%1").arg(i), "y").error.ok());
    QCOMPARE(f.send("m", "another", "z").error.code, SqsErrorCode::RequestThrottled);
}

void TestSqsFifo::batchCountsAsOneRequest()
{
    QueueFixture f(fifoConfig());
    for (int request = 0; request < 300; ++request) {
        std::vector<SqsBatchEntry> batch;
        for (int i = 0; i < 10; ++i)
            batch.push_back({QStringLiteral("e%1").arg(i),
                             QueueFixture::body("m",
                                                QStringLiteral("g"),
                                                QStringLiteral("%1-%2").arg(request).arg(i))});
        QVERIFY(f.queue->sendMessageBatch(batch).error.ok());
    }
    QCOMPARE(f.queue->visibleCount(), 3000); // 300 requests/s x 10 = 3,000 messages/s
    std::vector<SqsBatchEntry> one{{QStringLiteral("e"), QueueFixture::body("m", "g", "last")}};
    QCOMPARE(f.queue->sendMessageBatch(one).error.code, SqsErrorCode::RequestThrottled);
}

QTEST_GUILESS_MAIN(TestSqsFifo)
#include "tst_sqsfifo.moc"
