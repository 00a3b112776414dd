// The narration of each kind of trace record: one exact sentence per row.

#include "runner/Narrator.h"
#include "sim/SqsErrors.h"

#include <QTest>

using namespace flowlab;

Q_DECLARE_METATYPE(flowlab::TraceRecord)

namespace {

constexpr int kApi = 1;      // producer "orders-api"
constexpr int kOrders = 2;   // standard queue "orders", redrive to orders-dlq after 5 receives
constexpr int kDlq = 3;      // "orders-dlq"
constexpr int kConsumer = 4; // "consumer-2"
constexpr int kFifo = 5;     // FIFO queue "payments.fifo", no DLQ

Diagram diagram()
{
    auto node = [](int id, NodeKind kind, const char *name, QVariantMap settings = {}) {
        Node n;
        n.id = id;
        n.kind = kind;
        n.name = QString::fromLatin1(name);
        n.settings = settings;
        return n;
    };
    Diagram d;
    d.nodes = {node(kApi, NodeKind::Producer, "orders-api"),
               node(kOrders,
                    NodeKind::SqsQueue,
                    "orders",
                    {{QStringLiteral("maxReceiveCount"), 5},
                     {QStringLiteral("messageRetentionPeriod"), 345600}}),
               node(kDlq, NodeKind::SqsQueue, "orders-dlq"),
               node(kConsumer, NodeKind::ConsumerGroup, "consumer-2"),
               node(kFifo,
                    NodeKind::SqsQueue,
                    "payments.fifo",
                    {{QStringLiteral("fifo"), true},
                     {QStringLiteral("messageRetentionPeriod"), 3600}})};
    d.links = {Link{10, kApi, kOrders, LinkKind::Flow},
               Link{11, kOrders, kConsumer, LinkKind::Flow},
               Link{12, kOrders, kDlq, LinkKind::DeadLetter}};
    return d;
}

TraceRecord rec(double seconds, int node, TraceKind kind, quint64 message, qint64 a = 0, qint64 b = 0)
{
    TraceRecord r;
    r.time = SimTime(seconds * double(kSecond));
    r.node = node;
    r.kind = kind;
    r.message = message;
    r.a = a;
    r.b = b;
    return r;
}

} // namespace

class TestNarrator : public QObject
{
    Q_OBJECT

private slots:
    void sentence_data();
    void sentence();
    void messageLabelIsShort();
    void spans_data();
    void spans();
    void memoryIsDroppedWhenMessagesLeave();
    void everyKindHasAGroup();
    void everyKindIsNarrated();
};

void TestNarrator::sentence_data()
{
    QTest::addColumn<QVector<TraceRecord>>("before");
    QTest::addColumn<TraceRecord>("record");
    QTest::addColumn<QString>("expected");

    const TraceRecord received = rec(10, kOrders, TraceKind::Received, 1042, 2, kConsumer);
    const QVector<TraceRecord> none;
    const QVector<TraceRecord> held = {received};

    QTest::newRow("Sent") << none << rec(1, kOrders, TraceKind::Sent, 7, 1024, kApi)
                          << "orders-api sent m-7 to orders (1024 bytes)";
    QTest::newRow("Sent by a client") << none << rec(1, kOrders, TraceKind::Sent, 8, 1, 0)
                                      << "An API client sent m-8 to orders (1 byte)";
    QTest::newRow("Deduplicated")
        << none << rec(2, kFifo, TraceKind::Deduplicated, 9, 9, kApi)
        << "payments.fifo accepted a send from orders-api without storing it: m-9 has the "
           "same deduplication ID and was sent less than 5 minutes ago";
    QTest::newRow("Delayed") << none << rec(3, kOrders, TraceKind::Delayed, 11, 13 * kSecond)
                             << "m-11 waits out a 10 s delay in orders before it can be received";
    QTest::newRow("Released") << none << rec(13, kOrders, TraceKind::Released, 11)
                              << "m-11's delay in orders is over: it is visible and can be "
                                 "received";
    QTest::newRow("Received") << none << received
                              << "consumer-2 received m-1042 from orders (receive 2 of 5)";
    QTest::newRow("Received without DLQ")
        << none << rec(4, kFifo, TraceKind::Received, 12, 1, kConsumer)
        << "consumer-2 received m-12 from payments.fifo (receive 1)";
    QTest::newRow("VisibleAgain")
        << held << rec(40, kOrders, TraceKind::VisibleAgain, 1042, 2, 0)
        << "m-1042 is visible again in orders: the 30 s visibility timeout expired before "
           "consumer-2 deleted it (receive 2 of 5)";
    QTest::newRow("VisibleAgain after a change of visibility")
        << QVector<TraceRecord>{received,
                                rec(25, kOrders, TraceKind::VisibilityChanged, 1042, 37500000)}
        << rec(37.5, kOrders, TraceKind::VisibleAgain, 1042, 2, 0)
        << "m-1042 is visible again in orders: the 12.5 s visibility timeout expired before "
           "consumer-2 deleted it (receive 2 of 5)";
    QTest::newRow("VisibleAgain at maxReceiveCount")
        << QVector<TraceRecord>{rec(10, kOrders, TraceKind::Received, 77, 5, kConsumer)}
        << rec(40, kOrders, TraceKind::VisibleAgain, 77, 5, 0)
        << "m-77 is visible again in orders: the 30 s visibility timeout expired before "
           "consumer-2 deleted it (receive 5 of 5: the next receive moves it to orders-dlq)";
    QTest::newRow("VisibleAgain, holder unknown")
        << none << rec(40, kFifo, TraceKind::VisibleAgain, 12, 1, 0)
        << "m-12 is visible again in payments.fifo: its visibility timeout expired before "
           "anyone deleted it (receive 1)";
    QTest::newRow("VisibleAgain after a lost delete")
        << held << rec(40, kOrders, TraceKind::VisibleAgain, 1042, 2, 1)
        << "m-1042 is visible again in orders although consumer-2 deleted it: the standard "
           "queue lost the delete (at-least-once delivery) and the 30 s visibility timeout "
           "expired (receive 2 of 5)";
    QTest::newRow("VisibilityChanged")
        << held << rec(25, kOrders, TraceKind::VisibilityChanged, 1042, 70 * kSecond)
        << "consumer-2 set the visibility timeout of m-1042 in orders to 45 s, counted from now";
    QTest::newRow("VisibilityChanged to 0")
        << held << rec(25, kOrders, TraceKind::VisibilityChanged, 1042, 25 * kSecond)
        << "consumer-2 released m-1042 in orders: visibility timeout set to 0, so it is "
           "visible again at once";
    QTest::newRow("Deleted") << held << rec(12, kOrders, TraceKind::Deleted, 1042, 0)
                             << "consumer-2 deleted m-1042 from orders";
    QTest::newRow("Deleted through an old handle")
        << none << rec(12, kOrders, TraceKind::Deleted, 1042, 1)
        << "m-1042 was deleted from orders through the receipt handle of an earlier receive "
           "(SQS accepts an old handle)";
    QTest::newRow("DeleteLost")
        << held << rec(12, kOrders, TraceKind::DeleteLost, 1042)
        << "The delete by consumer-2 of m-1042 in orders was lost: a standard queue delivers "
           "at least once, so m-1042 comes back when its visibility timeout expires";
    QTest::newRow("MovedToDlq") << none << rec(50, kOrders, TraceKind::MovedToDlq, 77, kDlq, 5)
                                << "m-77 moved from orders to orders-dlq after 5 receives "
                                   "(maxReceiveCount 5)";
    QTest::newRow("Expired") << none << rec(345600, kOrders, TraceKind::Expired, 3)
                             << "m-3 expired in orders: it outlived the queue's message "
                                "retention period of 4 days and was deleted";
    QTest::newRow("Expired, FIFO")
        << none << rec(3600, kFifo, TraceKind::Expired, 4)
        << "m-4 expired in payments.fifo: it outlived the queue's message retention period of "
           "1 hour and was deleted";
    QTest::newRow("Purged") << none << rec(60, kOrders, TraceKind::Purged, 0, 120)
                            << "orders was purged: 120 messages deleted, in-flight and delayed "
                               "ones included";
    QTest::newRow("EmptyReceive") << none
                                  << rec(5, kOrders, TraceKind::EmptyReceive, 0, 0, kConsumer)
                                  << "consumer-2's receive from orders came back empty: no "
                                     "message was available";
    QTest::newRow("EmptyReceive, false empty")
        << none << rec(5, kOrders, TraceKind::EmptyReceive, 0, 1, kConsumer)
        << "consumer-2's short poll of orders came back empty although messages were visible: "
           "a short poll asks only a subset of the servers";
    QTest::newRow("Throttled") << none << rec(6, kFifo, TraceKind::Throttled, 0, 0)
                               << "payments.fifo refused a SendMessage request with "
                                  "RequestThrottled: over the FIFO queue's throughput limit";
    QTest::newRow("ProcessingStarted")
        << none << rec(10, kConsumer, TraceKind::ProcessingStarted, 1042, 1'250'000, 2)
        << "Worker 3 of consumer-2 started on m-1042 (processing takes 1.25 s)";
    QTest::newRow("Processed") << none << rec(11, kConsumer, TraceKind::Processed, 1042, 0, 2)
                               << "Worker 3 of consumer-2 finished m-1042";
    QTest::newRow("Processed, duplicate")
        << none << rec(11, kConsumer, TraceKind::Processed, 1042, 1, 0)
        << "Worker 1 of consumer-2 finished m-1042 again: a duplicate, consumer-2 had "
           "processed it before (consumers must be idempotent)";
    QTest::newRow("Crashed") << none << rec(11, kConsumer, TraceKind::Crashed, 1042, 0, 1)
                             << "Worker 2 of consumer-2 crashed while processing m-1042: "
                                "nothing it held is deleted, so m-1042 comes back when its "
                                "visibility timeout expires";
    QTest::newRow("SendFailed, throttled")
        << none << rec(7, kApi, TraceKind::SendFailed, 0, int(SqsErrorCode::RequestThrottled))
        << "orders-api gave up on a send to orders after retrying with backoff: "
           "RequestThrottled";
    QTest::newRow("SendFailed") << none
                                << rec(7,
                                       kApi,
                                       TraceKind::SendFailed,
                                       0,
                                       int(SqsErrorCode::InvalidParameterValue))
                                << "orders-api gave up on a send to orders: InvalidParameterValue";
}

void TestNarrator::sentence()
{
    QFETCH(QVector<TraceRecord>, before);
    QFETCH(TraceRecord, record);
    QFETCH(QString, expected);
    Narrator n;
    n.setDiagram(diagram());
    for (const TraceRecord &r : before)
        n.observe(r);
    QCOMPARE(n.narrate(record), expected);
}

void TestNarrator::messageLabelIsShort()
{
    QCOMPARE(messageLabel(1042), QStringLiteral("m-1042"));
    QCOMPARE(messageLabel(1), QStringLiteral("m-1"));
}

void TestNarrator::spans_data()
{
    QTest::addColumn<qint64>("time");
    QTest::addColumn<QString>("text");
    QTest::newRow("30 s") << qint64(30 * kSecond) << "30 s";
    QTest::newRow("2.5 s") << qint64(2500 * kMillisecond) << "2.5 s";
    QTest::newRow("1 ms") << qint64(kMillisecond) << "0.001 s";
    QTest::newRow("90 s") << qint64(90 * kSecond) << "90 s";
    QTest::newRow("15 min") << qint64(15 * kMinute) << "15 min";
    QTest::newRow("1 hour") << qint64(kHour) << "1 hour";
    QTest::newRow("4 days") << qint64(4 * kDay) << "4 days";
}

void TestNarrator::spans()
{
    QFETCH(qint64, time);
    QFETCH(QString, text);
    QCOMPARE(Narrator::span(time), text);
}

void TestNarrator::memoryIsDroppedWhenMessagesLeave()
{
    Narrator n;
    n.setDiagram(diagram());
    n.observe(rec(1, kOrders, TraceKind::Received, 1, 1, kConsumer));
    n.observe(rec(1, kOrders, TraceKind::Received, 2, 1, kConsumer));
    n.observe(rec(1, kOrders, TraceKind::Received, 3, 1, kConsumer));
    QCOMPARE(n.rememberedMessages(), 3);
    n.observe(rec(2, kOrders, TraceKind::Deleted, 1));
    QCOMPARE(n.rememberedMessages(), 2);
    n.observe(rec(3, kOrders, TraceKind::MovedToDlq, 2, kDlq, 5));
    QCOMPARE(n.rememberedMessages(), 1);
    n.observe(rec(4, kOrders, TraceKind::Purged, 0, 1));
    QCOMPARE(n.rememberedMessages(), 0);
}

void TestNarrator::everyKindHasAGroup()
{
    QCOMPARE(narrationGroup(TraceKind::MovedToDlq), NarrationGroup::DeadLetters);
    QCOMPARE(narrationGroup(TraceKind::VisibleAgain), NarrationGroup::Visibility);
    QCOMPARE(narrationGroup(TraceKind::SendFailed), NarrationGroup::Errors);
    QCOMPARE(narrationGroupName(NarrationGroup::Deletes), QStringLiteral("Deletes"));
}

void TestNarrator::everyKindIsNarrated()
{
    // A kind added to TraceKind without a sentence would fall back to "kind: m-1".
    Narrator n;
    n.setDiagram(diagram());
    for (int k = int(TraceKind::Sent); k <= int(TraceKind::SendFailed); ++k) {
        const TraceRecord r = rec(1, kOrders, TraceKind(k), 1, 1, kConsumer);
        const QString s = n.narrate(r);
        QVERIFY2(!s.isEmpty() && !s.startsWith(traceKindName(TraceKind(k)) + QLatin1Char(':')),
                 qPrintable(traceKindName(TraceKind(k))));
    }
}

QTEST_GUILESS_MAIN(TestNarrator)
#include "tst_narrator.moc"
