// The SQS API over a running simulation, in the JSON protocol's shapes: what the local
// endpoint's clients get (spec/aws-semantics.md §1, §6.4, §6.5).

#include "model/DiagramEdit.h"
#include "sim/Engine.h"
#include "sim/Simulation.h"
#include "sim/SqsClientNode.h"
#include "sim/SqsService.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

using namespace flowlab;

namespace {

struct Call
{
    SqsError error;
    QJsonObject result;
    bool answered = false;
};

struct Fixture
{
    Fixture()
        : sim(Diagram{}, 1)
        , service(sim)
    {
        sim.start();
        service.setEpochOffsetMs(1700000000000);
    }
    Call call(const QString &action, const QJsonObject &params)
    {
        auto c = std::make_shared<Call>();
        service.call(action,
                     params,
                     QStringLiteral("127.0.0.1:9324"),
                     QStringLiteral("AKIDTEST"),
                     [c](const SqsError &e, const QJsonObject &r) {
                         c->error = e;
                         c->result = r;
                         c->answered = true;
                     });
        last = c;
        return *c;
    }
    QString create(const QString &name, const QJsonObject &attributes = {})
    {
        QJsonObject p{{QStringLiteral("QueueName"), name}};
        if (!attributes.isEmpty())
            p.insert(QStringLiteral("Attributes"), attributes);
        const Call c = call(QStringLiteral("CreateQueue"), p);
        return c.result.value(QStringLiteral("QueueUrl")).toString();
    }
    void advance(double seconds) { sim.runUntil(sim.now() + fromSeconds(seconds)); }

    Simulation sim;
    SqsService service;
    std::shared_ptr<Call> last;
};

QJsonObject obj(const QByteArray &json)
{
    return QJsonDocument::fromJson(json).object();
}

} // namespace

class TestSqsService : public QObject
{
    Q_OBJECT

private slots:
    void createAndLookUp();
    void createQueueRules_data();
    void createQueueRules();
    void listQueues();
    void attributes();
    void redrivePolicy();
    void sendReceiveDeleteWithDigests();
    void longPollAnsweredLater();
    void batches();
    void fifoThroughTheApi();
    void deleteQueue();
    void tags();
    void clientNodes();
};

void TestSqsService::createAndLookUp()
{
    Fixture f;
    const QString url = f.create(QStringLiteral("orders"));
    QCOMPARE(url, QStringLiteral("http://127.0.0.1:9324/000000000000/orders"));
    QCOMPARE(f.create(QStringLiteral("orders")), url); // idempotent
    QCOMPARE(f.call(QStringLiteral("GetQueueUrl"), {{"QueueName", "orders"}})
                 .result.value(QStringLiteral("QueueUrl"))
                 .toString(),
             url);
    const Call missing = f.call(QStringLiteral("GetQueueUrl"), {{"QueueName", "nope"}});
    QCOMPARE(missing.error.code, SqsErrorCode::QueueDoesNotExist);
    QCOMPARE(missing.error.message, QStringLiteral("The specified queue does not exist."));
    // The queue is a node of the simulation.
    QVERIFY(f.service.queueNode(QStringLiteral("orders")) > 0);
    QCOMPARE(f.sim.diagram().nodes.size(), 1);
}

void TestSqsService::createQueueRules_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("attributes");
    QTest::addColumn<SqsErrorCode>("code");
    QTest::newRow("plain") << "a-b_c" << QByteArray("{}") << SqsErrorCode::None;
    QTest::newRow("80 chars") << QString(80, 'q') << QByteArray("{}") << SqsErrorCode::None;
    QTest::newRow("81 chars") << QString(81, 'q') << QByteArray("{}")
                              << SqsErrorCode::InvalidParameterValue;
    QTest::newRow("dot") << "a.b" << QByteArray("{}") << SqsErrorCode::InvalidParameterValue;
    QTest::newRow("fifo") << "o.fifo" << QByteArray(R"({"FifoQueue":"true"})")
                          << SqsErrorCode::None;
    QTest::newRow("fifo name without attribute")
        << "o.fifo" << QByteArray("{}") << SqsErrorCode::InvalidParameterValue;
    QTest::newRow("fifo attribute without suffix")
        << "o" << QByteArray(R"({"FifoQueue":"true"})") << SqsErrorCode::InvalidParameterValue;
    QTest::newRow("visibility 43201") << "v" << QByteArray(R"({"VisibilityTimeout":"43201"})")
                                      << SqsErrorCode::InvalidAttributeValue;
    QTest::newRow("unknown attribute")
        << "u" << QByteArray(R"({"Colour":"red"})") << SqsErrorCode::InvalidAttributeName;
    QTest::newRow("content dedup on standard")
        << "s" << QByteArray(R"({"ContentBasedDeduplication":"true"})")
        << SqsErrorCode::InvalidAttributeValue;
    QTest::newRow("high throughput needs group scope")
        << "h.fifo"
        << QByteArray(R"({"FifoQueue":"true","FifoThroughputLimit":"perMessageGroupId"})")
        << SqsErrorCode::InvalidParameterValue;
}

void TestSqsService::createQueueRules()
{
    QFETCH(QString, name);
    QFETCH(QByteArray, attributes);
    QFETCH(SqsErrorCode, code);
    Fixture f;
    const Call c = f.call(QStringLiteral("CreateQueue"),
                          {{"QueueName", name}, {"Attributes", obj(attributes)}});
    QCOMPARE(c.error.code, code);
    QCOMPARE(f.sim.diagram().nodes.size(), code == SqsErrorCode::None ? 1 : 0);
}

void TestSqsService::listQueues()
{
    Fixture f;
    for (const char *n : {"b-queue", "a-queue", "a-other", "c"})
        f.create(QString::fromLatin1(n));
    QJsonArray urls = f.call(QStringLiteral("ListQueues"), {{"QueueNamePrefix", "a-"}})
                          .result.value(QStringLiteral("QueueUrls"))
                          .toArray();
    QCOMPARE(urls.size(), 2);
    QVERIFY(urls[0].toString().endsWith(QLatin1String("/a-other")));
    // Pages only with MaxResults.
    Call page = f.call(QStringLiteral("ListQueues"), {{"MaxResults", 3}});
    QCOMPARE(page.result.value(QStringLiteral("QueueUrls")).toArray().size(), 3);
    const QString token = page.result.value(QStringLiteral("NextToken")).toString();
    QVERIFY(!token.isEmpty());
    page = f.call(QStringLiteral("ListQueues"), {{"MaxResults", 3}, {"NextToken", token}});
    QCOMPARE(page.result.value(QStringLiteral("QueueUrls")).toArray().size(), 1);
    QVERIFY(!page.result.contains(QStringLiteral("NextToken")));
    QVERIFY(!f.call(QStringLiteral("ListQueues"), {}).result.contains(QStringLiteral("NextToken")));
    QCOMPARE(f.call(QStringLiteral("ListQueues"), {{"MaxResults", 0}}).error.code,
             SqsErrorCode::InvalidParameterValue);
}

void TestSqsService::attributes()
{
    Fixture f;
    const QString url = f.create(QStringLiteral("q"), obj(R"({"VisibilityTimeout":"45"})"));
    f.advance(10);
    QJsonObject a = f.call(QStringLiteral("GetQueueAttributes"),
                           {{"QueueUrl", url}, {"AttributeNames", QJsonArray{"All"}}})
                        .result.value(QStringLiteral("Attributes"))
                        .toObject();
    QCOMPARE(a.value(QStringLiteral("VisibilityTimeout")).toString(), QStringLiteral("45"));
    QCOMPARE(a.value(QStringLiteral("MessageRetentionPeriod")).toString(), QStringLiteral("345600"));
    QCOMPARE(a.value(QStringLiteral("MaximumMessageSize")).toString(), QStringLiteral("1048576"));
    QCOMPARE(a.value(QStringLiteral("DelaySeconds")).toString(), QStringLiteral("0"));
    QCOMPARE(a.value(QStringLiteral("ReceiveMessageWaitTimeSeconds")).toString(),
             QStringLiteral("0"));
    QCOMPARE(a.value(QStringLiteral("ApproximateNumberOfMessages")).toString(), QStringLiteral("0"));
    QCOMPARE(a.value(QStringLiteral("QueueArn")).toString(),
             QStringLiteral("arn:aws:sqs:us-east-1:000000000000:q"));
    QCOMPARE(a.value(QStringLiteral("CreatedTimestamp")).toString(), QStringLiteral("1700000000"));
    QVERIFY(!a.contains(QStringLiteral("FifoQueue")));
    // Only what was asked; none asked, none returned.
    Call some = f.call(QStringLiteral("GetQueueAttributes"),
                       {{"QueueUrl", url}, {"AttributeNames", QJsonArray{"DelaySeconds"}}});
    QCOMPARE(some.result.value(QStringLiteral("Attributes")).toObject().size(), 1);
    QVERIFY(f.call(QStringLiteral("GetQueueAttributes"), {{"QueueUrl", url}}).result.isEmpty());
    QCOMPARE(f.call(QStringLiteral("GetQueueAttributes"),
                    {{"QueueUrl", url}, {"AttributeNames", QJsonArray{"Nope"}}})
                 .error.code,
             SqsErrorCode::InvalidAttributeName);
    // Set: applied to the engine's queue at once; a bad value changes nothing.
    QVERIFY(f.call(QStringLiteral("SetQueueAttributes"),
                   {{"QueueUrl", url}, {"Attributes", obj(R"({"DelaySeconds":"5"})")}})
                .error.ok());
    auto *q = static_cast<SqsQueue *>(f.sim.simNode(f.service.queueNode(QStringLiteral("q"))));
    QCOMPARE(q->config().delaySeconds, 5);
    QCOMPARE(f.call(QStringLiteral("SetQueueAttributes"),
                    {{"QueueUrl", url},
                     {"Attributes", obj(R"({"DelaySeconds":"1","VisibilityTimeout":"-1"})")}})
                 .error.code,
             SqsErrorCode::InvalidAttributeValue);
    QCOMPARE(q->config().delaySeconds, 5);
    QCOMPARE(f.call(QStringLiteral("SetQueueAttributes"),
                    {{"QueueUrl", url}, {"Attributes", obj(R"({"FifoQueue":"true"})")}})
                 .error.code,
             SqsErrorCode::InvalidAttributeName);
    // Re-creating with different attributes.
    const Call again = f.call(QStringLiteral("CreateQueue"),
                              {{"QueueName", "q"}, {"Attributes", obj(R"({"DelaySeconds":"7"})")}});
    QCOMPARE(again.error.code, SqsErrorCode::QueueNameExists);
    QCOMPARE(QString::fromLatin1(sqsErrorInfo(again.error.code).queryCode),
             QStringLiteral("QueueAlreadyExists"));
}

void TestSqsService::redrivePolicy()
{
    Fixture f;
    const QString dlq = f.create(QStringLiteral("dlq"));
    const QString fifoDlq = f.create(QStringLiteral("d.fifo"), obj(R"({"FifoQueue":"true"})"));
    Q_UNUSED(fifoDlq)
    const QString policy = QStringLiteral(
        R"({"deadLetterTargetArn":"arn:aws:sqs:us-east-1:000000000000:dlq","maxReceiveCount":2})");
    const QString src = f.create(QStringLiteral("src"),
                                 QJsonObject{{QStringLiteral("RedrivePolicy"), policy},
                                             {QStringLiteral("VisibilityTimeout"), "1"}});
    QVERIFY(!src.isEmpty());
    const QJsonObject a = f.call(QStringLiteral("GetQueueAttributes"),
                                 {{"QueueUrl", src},
                                  {"AttributeNames", QJsonArray{"RedrivePolicy"}}})
                              .result.value(QStringLiteral("Attributes"))
                              .toObject();
    QCOMPARE(obj(a.value(QStringLiteral("RedrivePolicy")).toString().toUtf8()),
             obj(policy.toUtf8()));
    QCOMPARE(f.call(QStringLiteral("ListDeadLetterSourceQueues"), {{"QueueUrl", dlq}})
                 .result.value(QStringLiteral("queueUrls"))
                 .toArray(),
             QJsonArray{src});
    // Received twice, then moved on the third receive.
    f.call(QStringLiteral("SendMessage"), {{"QueueUrl", src}, {"MessageBody", "poison"}});
    for (int i = 0; i < 2; ++i) {
        QCOMPARE(f.call(QStringLiteral("ReceiveMessage"), {{"QueueUrl", src}})
                     .result.value(QStringLiteral("Messages"))
                     .toArray()
                     .size(),
                 1);
        f.advance(1.0);
    }
    QVERIFY(f.call(QStringLiteral("ReceiveMessage"), {{"QueueUrl", src}}).result.isEmpty());
    const QJsonArray moved = f.call(QStringLiteral("ReceiveMessage"), {{"QueueUrl", dlq}})
                                 .result.value(QStringLiteral("Messages"))
                                 .toArray();
    QCOMPARE(moved.size(), 1);
    QCOMPARE(moved[0].toObject().value(QStringLiteral("Body")).toString(), QStringLiteral("poison"));
    // Errors: unknown target, other type.
    const QString bad = QStringLiteral(
        R"({"deadLetterTargetArn":"arn:aws:sqs:us-east-1:000000000000:none","maxReceiveCount":2})");
    QCOMPARE(f.call(QStringLiteral("SetQueueAttributes"),
                    {{"QueueUrl", src}, {"Attributes", QJsonObject{{"RedrivePolicy", bad}}}})
                 .error.code,
             SqsErrorCode::QueueDoesNotExist);
    const QString other = QStringLiteral(
        R"({"deadLetterTargetArn":"arn:aws:sqs:us-east-1:000000000000:d.fifo","maxReceiveCount":2})");
    QCOMPARE(f.call(QStringLiteral("SetQueueAttributes"),
                    {{"QueueUrl", src}, {"Attributes", QJsonObject{{"RedrivePolicy", other}}}})
                 .error.code,
             SqsErrorCode::InvalidParameterCombination);
}

void TestSqsService::sendReceiveDeleteWithDigests()
{
    Fixture f;
    const QString url = f.create(QStringLiteral("MyQueue"));
    const Call sent = f.call(QStringLiteral("SendMessage"),
                             {{"QueueUrl", url},
                              {"MessageBody", "Hello world"},
                              {"MessageAttributes",
                               obj(R"({"City":{"DataType":"String","StringValue":"Any City"}})")}});
    QVERIFY(sent.error.ok());
    // The spec's worked example (§6.5).
    QCOMPARE(sent.result.value(QStringLiteral("MD5OfMessageBody")).toString(),
             QStringLiteral("3e25960a79dbc69b674cd4ec67a72c62"));
    QCOMPARE(sent.result.value(QStringLiteral("MD5OfMessageAttributes")).toString(),
             QStringLiteral("0c32cb5c844c01fbd5b6b434b52cf670"));
    const QString messageId = sent.result.value(QStringLiteral("MessageId")).toString();
    QVERIFY(
        QRegularExpression(
            QStringLiteral("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"))
            .match(messageId)
            .hasMatch());
    f.advance(1.5);
    const QJsonArray got = f.call(QStringLiteral("ReceiveMessage"),
                                  {{"QueueUrl", url},
                                   {"AttributeNames", QJsonArray{"All"}},
                                   {"MessageAttributeNames", QJsonArray{"All"}}})
                               .result.value(QStringLiteral("Messages"))
                               .toArray();
    QCOMPARE(got.size(), 1);
    const QJsonObject m = got[0].toObject();
    QCOMPARE(m.value(QStringLiteral("MessageId")).toString(), messageId);
    QCOMPARE(m.value(QStringLiteral("Body")).toString(), QStringLiteral("Hello world"));
    QCOMPARE(m.value(QStringLiteral("MD5OfBody")).toString(),
             QStringLiteral("3e25960a79dbc69b674cd4ec67a72c62"));
    QCOMPARE(m.value(QStringLiteral("MD5OfMessageAttributes")).toString(),
             QStringLiteral("0c32cb5c844c01fbd5b6b434b52cf670"));
    const QJsonObject attrs = m.value(QStringLiteral("Attributes")).toObject();
    QCOMPARE(attrs.value(QStringLiteral("SentTimestamp")).toString(),
             QStringLiteral("1700000000000"));
    QCOMPARE(attrs.value(QStringLiteral("ApproximateFirstReceiveTimestamp")).toString(),
             QStringLiteral("1700000001500"));
    QCOMPARE(attrs.value(QStringLiteral("ApproximateReceiveCount")).toString(), QStringLiteral("1"));
    QCOMPARE(attrs.value(QStringLiteral("SenderId")).toString(), QStringLiteral("AKIDTEST"));
    QCOMPARE(m.value(QStringLiteral("MessageAttributes")).toObject(),
             obj(R"({"City":{"DataType":"String","StringValue":"Any City"}})"));
    // Not asked for attributes: none returned, and no attribute digest.
    f.advance(30);
    const QJsonObject plain = f.call(QStringLiteral("ReceiveMessage"), {{"QueueUrl", url}})
                                  .result.value(QStringLiteral("Messages"))
                                  .toArray()[0]
                                  .toObject();
    QVERIFY(!plain.contains(QStringLiteral("Attributes")));
    QVERIFY(!plain.contains(QStringLiteral("MD5OfMessageAttributes")));
    // Delete with the handle; a garbage handle is refused.
    QVERIFY(
        f.call(QStringLiteral("DeleteMessage"),
               {{"QueueUrl", url}, {"ReceiptHandle", plain.value(QStringLiteral("ReceiptHandle"))}})
            .error.ok());
    QCOMPARE(f.call(QStringLiteral("DeleteMessage"), {{"QueueUrl", url}, {"ReceiptHandle", "junk"}})
                 .error.code,
             SqsErrorCode::ReceiptHandleIsInvalid);
    QCOMPARE(f.call(QStringLiteral("SendMessage"), {{"QueueUrl", url + "x"}, {"MessageBody", "a"}})
                 .error.code,
             SqsErrorCode::QueueDoesNotExist);
}

void TestSqsService::longPollAnsweredLater()
{
    Fixture f;
    const QString url = f.create(QStringLiteral("q"));
    f.call(QStringLiteral("ReceiveMessage"), {{"QueueUrl", url}, {"WaitTimeSeconds", 20}});
    auto poll = f.last;
    QVERIFY(!poll->answered);
    f.advance(3);
    QVERIFY(!poll->answered);
    f.call(QStringLiteral("SendMessage"), {{"QueueUrl", url}, {"MessageBody", "wake up"}});
    f.advance(0);
    QVERIFY(poll->answered);
    QCOMPARE(poll->result.value(QStringLiteral("Messages"))
                 .toArray()[0]
                 .toObject()
                 .value(QStringLiteral("Body")),
             QJsonValue(QStringLiteral("wake up")));
    // An empty wait ends empty after its time.
    f.call(QStringLiteral("ReceiveMessage"), {{"QueueUrl", url}, {"WaitTimeSeconds", 2}});
    poll = f.last;
    f.advance(2.0);
    QVERIFY(poll->answered);
    QVERIFY(poll->result.isEmpty());
    // A wait on a queue that is deleted ends empty at once.
    f.call(QStringLiteral("ReceiveMessage"), {{"QueueUrl", url}, {"WaitTimeSeconds", 20}});
    poll = f.last;
    f.call(QStringLiteral("DeleteQueue"), {{"QueueUrl", url}});
    QVERIFY(poll->answered);
}

void TestSqsService::batches()
{
    Fixture f;
    const QString url = f.create(QStringLiteral("q"));
    const Call sent = f.call(QStringLiteral("SendMessageBatch"),
                             {{"QueueUrl", url},
                              {"Entries",
                               QJsonArray{QJsonObject{{"Id", "a"}, {"MessageBody", "one"}},
                                          QJsonObject{{"Id", "b"}, {"MessageBody", "bad\u0001"}},
                                          QJsonObject{{"Id", "c"},
                                                      {"MessageBody", "three"},
                                                      {"DelaySeconds", 5}}}}});
    QVERIFY(sent.error.ok());
    QCOMPARE(sent.result.value(QStringLiteral("Successful")).toArray().size(), 2);
    const QJsonObject failed = sent.result.value(QStringLiteral("Failed")).toArray()[0].toObject();
    QCOMPARE(failed.value(QStringLiteral("Id")).toString(), QStringLiteral("b"));
    QCOMPARE(failed.value(QStringLiteral("Code")).toString(),
             QStringLiteral("InvalidMessageContents"));
    QCOMPARE(failed.value(QStringLiteral("SenderFault")).toBool(), true);
    QCOMPARE(f.call(QStringLiteral("SendMessageBatch"),
                    {{"QueueUrl", url},
                     {"Entries",
                      QJsonArray{QJsonObject{{"Id", "a"}, {"MessageBody", "1"}},
                                 QJsonObject{{"Id", "a"}, {"MessageBody", "2"}}}}})
                 .error.code,
             SqsErrorCode::BatchEntryIdsNotDistinct);
    QCOMPARE(f.call(QStringLiteral("DeleteMessageBatch"),
                    {{"QueueUrl", url}, {"Entries", QJsonArray{}}})
                 .error.code,
             SqsErrorCode::EmptyBatchRequest);
    // Receive both visible, change one's visibility, delete with one good and one bad handle.
    const QJsonArray got = f.call(QStringLiteral("ReceiveMessage"),
                                  {{"QueueUrl", url}, {"MaxNumberOfMessages", 10}})
                               .result.value(QStringLiteral("Messages"))
                               .toArray();
    QCOMPARE(got.size(), 1); // "three" is still delayed
    const QString handle = got[0].toObject().value(QStringLiteral("ReceiptHandle")).toString();
    const Call cmv = f.call(QStringLiteral("ChangeMessageVisibilityBatch"),
                            {{"QueueUrl", url},
                             {"Entries",
                              QJsonArray{QJsonObject{{"Id", "x"},
                                                     {"ReceiptHandle", handle},
                                                     {"VisibilityTimeout", 60}},
                                         QJsonObject{{"Id", "y"},
                                                     {"ReceiptHandle", "bad"},
                                                     {"VisibilityTimeout", 60}}}}});
    QCOMPARE(cmv.result.value(QStringLiteral("Successful")).toArray().size(), 1);
    QCOMPARE(cmv.result.value(QStringLiteral("Failed"))
                 .toArray()[0]
                 .toObject()
                 .value(QStringLiteral("Code")),
             QJsonValue(QStringLiteral("ReceiptHandleIsInvalid")));
    const Call del = f.call(QStringLiteral("DeleteMessageBatch"),
                            {{"QueueUrl", url},
                             {"Entries",
                              QJsonArray{QJsonObject{{"Id", "x"}, {"ReceiptHandle", handle}}}}});
    const QJsonArray expected{QJsonObject{{"Id", "x"}}};
    QCOMPARE(del.result.value(QStringLiteral("Successful")).toArray(), expected);
}

void TestSqsService::fifoThroughTheApi()
{
    Fixture f;
    const QString url = f.create(QStringLiteral("p.fifo"),
                                 obj(R"({"FifoQueue":"true","ContentBasedDeduplication":"true"})"));
    const Call a = f.call(QStringLiteral("SendMessage"),
                          {{"QueueUrl", url}, {"MessageBody", "x"}, {"MessageGroupId", "g"}});
    QCOMPARE(a.result.value(QStringLiteral("SequenceNumber")).toString().size(), 20);
    const Call dup = f.call(QStringLiteral("SendMessage"),
                            {{"QueueUrl", url}, {"MessageBody", "x"}, {"MessageGroupId", "g"}});
    QCOMPARE(dup.result.value(QStringLiteral("MessageId")),
             a.result.value(QStringLiteral("MessageId")));
    QCOMPARE(f.call(QStringLiteral("SendMessage"), {{"QueueUrl", url}, {"MessageBody", "y"}})
                 .error.code,
             SqsErrorCode::MissingParameter);
    const QJsonObject m = f.call(QStringLiteral("ReceiveMessage"),
                                 {{"QueueUrl", url},
                                  {"MessageSystemAttributeNames", QJsonArray{"All"}}})
                              .result.value(QStringLiteral("Messages"))
                              .toArray()[0]
                              .toObject();
    const QJsonObject attrs = m.value(QStringLiteral("Attributes")).toObject();
    QCOMPARE(attrs.value(QStringLiteral("MessageGroupId")).toString(), QStringLiteral("g"));
    QCOMPARE(attrs.value(QStringLiteral("SequenceNumber")),
             a.result.value(QStringLiteral("SequenceNumber")));
    QCOMPARE(attrs.value(QStringLiteral("MessageDeduplicationId")).toString().size(), 64);
}

void TestSqsService::deleteQueue()
{
    Fixture f;
    const QString url = f.create(QStringLiteral("gone"));
    QVERIFY(f.call(QStringLiteral("DeleteQueue"), {{"QueueUrl", url}}).error.ok());
    QCOMPARE(f.sim.diagram().nodes.size(), 0);
    QCOMPARE(f.call(QStringLiteral("GetQueueUrl"), {{"QueueName", "gone"}}).error.code,
             SqsErrorCode::QueueDoesNotExist);
    f.advance(59.9);
    QCOMPARE(f.call(QStringLiteral("CreateQueue"), {{"QueueName", "gone"}}).error.code,
             SqsErrorCode::QueueDeletedRecently);
    f.advance(0.1);
    QVERIFY(f.call(QStringLiteral("CreateQueue"), {{"QueueName", "gone"}}).error.ok());
}

void TestSqsService::tags()
{
    Fixture f;
    const QString url = f.create(QStringLiteral("t"));
    QVERIFY(f.call(QStringLiteral("TagQueue"),
                   {{"QueueUrl", url}, {"Tags", obj(R"({"team":"a","env":"dev"})")}})
                .error.ok());
    QVERIFY(f.call(QStringLiteral("UntagQueue"), {{"QueueUrl", url}, {"TagKeys", QJsonArray{"env"}}})
                .error.ok());
    QCOMPARE(f.call(QStringLiteral("ListQueueTags"), {{"QueueUrl", url}}).result,
             obj(R"({"Tags":{"team":"a"}})"));
    QCOMPARE(f.call(QStringLiteral("TagQueue"),
                    {{"QueueUrl", url}, {"Tags", obj(R"({"aws:x":"1"})")}})
                 .error.code,
             SqsErrorCode::InvalidParameterValue);
    QCOMPARE(f.call(QStringLiteral("Frobnicate"), {}).error.code, SqsErrorCode::InvalidAction);
}

QTEST_GUILESS_MAIN(TestSqsService)
namespace {
struct Recorder : TraceObserver
{
    QVector<TraceRecord> records;
    void record(const TraceRecord &r) override { records.append(r); }
};
} // namespace

// A real client is a node (one per access key) with links along its messages' paths; its
// sends and receives name it, so their tokens travel between it and the queue; the edits
// are what the window replays into its document.
void TestSqsService::clientNodes()
{
    Fixture f;
    Recorder rec;
    f.sim.engine().setObserver(&rec);
    const Diagram empty = f.sim.diagram();
    const QString url = f.create(QStringLiteral("orders"));
    const int queue = f.service.queueNode(QStringLiteral("orders"));
    QCOMPARE(queue, Diagram::kEndpointIdBase); // the endpoint's id range
    // Only a send or a receive brings the client onto the diagram.
    QCOMPARE(f.sim.diagram().nodes.size(), 1);

    QVERIFY(
        f.call(QStringLiteral("SendMessage"), {{"QueueUrl", url}, {"MessageBody", "a"}}).error.ok());
    const Node *client = nullptr;
    for (const Node &n : f.sim.diagram().nodes) {
        if (n.kind == NodeKind::SqsClient)
            client = &n;
    }
    QVERIFY(client);
    QCOMPARE(client->name, QStringLiteral("AKIDTEST"));
    const int clientId = client->id;
    QVERIFY(clientId > queue);
    // The clients' row: the client first, its queues to its right.
    QCOMPARE(client->position, QPointF(0, 0));
    QCOMPARE(f.sim.diagram().node(queue)->position, QPointF(300, 0));
    auto linked = [&](int from, int to) {
        for (const Link &l : f.sim.diagram().links) {
            if (l.from == from && l.to == to && l.kind == LinkKind::Flow)
                return true;
        }
        return false;
    };
    QVERIFY(linked(clientId, queue));
    QVERIFY(!linked(queue, clientId));
    QCOMPARE(rec.records.last().kind, TraceKind::Sent);
    QCOMPARE(rec.records.last().b, qint64(clientId));

    // A second send reuses the node and the link.
    f.call(QStringLiteral("SendMessage"), {{"QueueUrl", url}, {"MessageBody", "b"}});
    QCOMPARE(f.sim.diagram().nodes.size(), 2);
    QCOMPARE(f.sim.diagram().links.size(), 1);

    const QJsonArray got = f.call(QStringLiteral("ReceiveMessage"),
                                  {{"QueueUrl", url}, {"MaxNumberOfMessages", 10}})
                               .result.value(QStringLiteral("Messages"))
                               .toArray();
    QCOMPARE(got.size(), 2);
    QVERIFY(linked(queue, clientId));
    int received = 0;
    for (const TraceRecord &r : rec.records) {
        if (r.kind == TraceKind::Received) {
            QCOMPARE(r.b, qint64(clientId));
            ++received;
        }
    }
    QCOMPARE(received, 2);
    f.call(QStringLiteral("DeleteMessageBatch"),
           {{"QueueUrl", url},
            {"Entries",
             QJsonArray{QJsonObject{{"Id", "1"},
                                    {"ReceiptHandle", got[0].toObject()["ReceiptHandle"]}},
                        QJsonObject{{"Id", "2"}, {"ReceiptHandle", "junk"}}}}});
    const auto *node = dynamic_cast<SqsClientNode *>(f.sim.simNode(clientId));
    QVERIFY(node);
    QCOMPARE(node->sent(), quint64(2));
    QCOMPARE(node->received(), quint64(2));
    QCOMPARE(node->deleted(), quint64(1));

    // A long poll answered later counts for the client that waited.
    f.call(QStringLiteral("ReceiveMessage"), {{"QueueUrl", url}, {"WaitTimeSeconds", 20}});
    f.advance(1);
    f.call(QStringLiteral("SendMessage"), {{"QueueUrl", url}, {"MessageBody", "c"}});
    f.advance(0);
    QCOMPARE(node->received(), quint64(3));

    // Everything the client did, as edits from the empty diagram, applies in order.
    const QVector<DiagramEdit> edits = diagramEdits(empty, f.sim.diagram());
    QCOMPARE(edits.size(), 4); // queue, client, two links
    Diagram replay = empty;
    for (const DiagramEdit &e : edits)
        QVERIFY(applyDiagramEdit(replay, e));
    QCOMPARE(replay.nodes, f.sim.diagram().nodes);
    QCOMPARE(replay.links, f.sim.diagram().links);
}

#include "tst_sqsservice.moc"
