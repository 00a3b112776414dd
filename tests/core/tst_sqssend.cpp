// SQS send-side rules: message limits, attributes, delays, FIFO parameters, batches and
// the error table (spec/aws-semantics.md §1.3, §1.8, §1.9, §1.16).

#include "SqsTestHarness.h"

#include <QtTest>

using namespace flowlab;
using namespace flowlab::test;

Q_DECLARE_METATYPE(flowlab::SqsErrorCode)

class TestSqsSend : public QObject
{
    Q_OBJECT

private slots:
    void sendValidation_data();
    void sendValidation();
    void sizeCountsBodyAndAttributes();
    void queueDelayHoldsMessages();
    void perMessageDelayOverridesQueue();
    void standardDelayChangeIsNotRetroactive();
    void fifoDelayChangeIsRetroactive();
    void standardAcceptsGroupIdForFairQueues();
    void batchWholeRequestErrors_data();
    void batchWholeRequestErrors();
    void batchPartialFailure();
    void batchEntriesKeepRequestOrder();
    void errorTable_data();
    void errorTable();
};

void TestSqsSend::sendValidation_data()
{
    QTest::addColumn<bool>("fifo");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("group");
    QTest::addColumn<QString>("dedup");
    QTest::addColumn<int>("delay");
    QTest::addColumn<QStringList>("attribute"); // name, type, value
    QTest::addColumn<SqsErrorCode>("code");
    QTest::addColumn<QString>("message");

    const QStringList none;
    const QString any;
    QTest::newRow("plain body") << false << QByteArray("hello") << any << any << -1 << none
                                << SqsErrorCode::None << QString();
    QTest::newRow("empty body") << false << QByteArray() << any << any << -1 << none
                                << SqsErrorCode::MissingParameter
                                << "The request must contain the parameter MessageBody.";
    QTest::newRow("control character")
        << false
        << QByteArray("a\x01"
                      "b")
        << any << any << -1 << none << SqsErrorCode::InvalidMessageContents
        << "Invalid characters found. Valid unicode characters are "
           "#x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | "
           "#x10000 to #x10FFFF";
    QTest::newRow("tab, newline, return allowed") << false << QByteArray("a\tb\nc\rd") << any << any
                                                  << -1 << none << SqsErrorCode::None << QString();
    QTest::newRow("U+FFFE refused") << false << QByteArray("\xef\xbf\xbe") << any << any << -1
                                    << none << SqsErrorCode::InvalidMessageContents << any;
    QTest::newRow("emoji (supplementary plane) allowed")
        << false << QByteArray("\xf0\x9f\x93\xa6") << any << any << -1 << none << SqsErrorCode::None
        << QString();
    QTest::newRow("invalid UTF-8") << false << QByteArray("\xc3\x28") << any << any << -1 << none
                                   << SqsErrorCode::InvalidMessageContents << any;
    QTest::newRow("delay 900 allowed")
        << false << QByteArray("x") << any << any << 900 << none << SqsErrorCode::None << QString();
    QTest::newRow("delay 901") << false << QByteArray("x") << any << any << 901 << none
                               << SqsErrorCode::InvalidParameterValue
                               << "Value 901 for parameter DelaySeconds is invalid. Reason: must "
                                  "be between 0 and 900, if provided.";
    QTest::newRow("standard with dedup id")
        << false << QByteArray("x") << any << "d1" << -1 << none
        << SqsErrorCode::InvalidParameterValue
        << "The request include parameter MessageDeduplicationId which is not valid for this "
           "queue type";
    QTest::newRow("fifo without group")
        << true << QByteArray("x") << any << "d1" << -1 << none << SqsErrorCode::MissingParameter
        << "The request must contain the parameter MessageGroupId.";
    QTest::newRow("fifo without dedup id")
        << true << QByteArray("x") << "g" << any << -1 << none
        << SqsErrorCode::InvalidParameterValue
        << "The queue should either have ContentBasedDeduplication enabled or "
           "MessageDeduplicationId provided explicitly";
    QTest::newRow("fifo per-message delay")
        << true << QByteArray("x") << "g"
        << "d1" << 0 << none << SqsErrorCode::InvalidParameterValue
        << "Value 0 for parameter DelaySeconds is invalid. Reason: The request include parameter "
           "that is not valid for this queue type.";
    QTest::newRow("fifo group id 128 chars") << true << QByteArray("x") << QString(128, 'g') << "d1"
                                             << -1 << none << SqsErrorCode::None << QString();
    QTest::newRow("fifo group id 129 chars")
        << true << QByteArray("x") << QString(129, 'g') << "d1" << -1 << none
        << SqsErrorCode::InvalidParameterValue << any;
    QTest::newRow("fifo group id with space")
        << true << QByteArray("x") << "a b"
        << "d1" << -1 << none << SqsErrorCode::InvalidParameterValue << any;
    QTest::newRow("fifo dedup id punctuation ok")
        << true << QByteArray("x") << "g"
        << "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~" << -1 << none << SqsErrorCode::None << QString();
    QTest::newRow("attribute ok") << false << QByteArray("x") << any << any << -1
                                  << QStringList{"color", "String", "blue"} << SqsErrorCode::None
                                  << QString();
    QTest::newRow("attribute custom type ok")
        << false << QByteArray("x") << any << any << -1
        << QStringList{"price", "Number.float", "1.5e3"} << SqsErrorCode::None << QString();
    QTest::newRow("attribute name AWS.")
        << false << QByteArray("x") << any << any << -1 << QStringList{"AWS.x", "String", "v"}
        << SqsErrorCode::InvalidParameterValue << "Message attribute name 'AWS.x' is invalid.";
    QTest::newRow("attribute name amazon. any case")
        << false << QByteArray("x") << any << any << -1 << QStringList{"aMaZoN.x", "String", "v"}
        << SqsErrorCode::InvalidParameterValue << any;
    QTest::newRow("attribute name with ..")
        << false << QByteArray("x") << any << any << -1 << QStringList{"a..b", "String", "v"}
        << SqsErrorCode::InvalidParameterValue << any;
    QTest::newRow("attribute name ends with .")
        << false << QByteArray("x") << any << any << -1 << QStringList{"ab.", "String", "v"}
        << SqsErrorCode::InvalidParameterValue << any;
    QTest::newRow("attribute bad type")
        << false << QByteArray("x") << any << any << -1 << QStringList{"a", "Integer", "1"}
        << SqsErrorCode::InvalidParameterValue << any;
    QTest::newRow("attribute not a number")
        << false << QByteArray("x") << any << any << -1 << QStringList{"n", "Number", "12abc"}
        << SqsErrorCode::InvalidParameterValue
        << "Can't cast the value of message (user) attribute "
           "'n' to a number.";
    QTest::newRow("attribute empty value")
        << false << QByteArray("x") << any << any << -1 << QStringList{"a", "String", ""}
        << SqsErrorCode::InvalidParameterValue << any;
}

void TestSqsSend::sendValidation()
{
    QFETCH(bool, fifo);
    QFETCH(QByteArray, body);
    QFETCH(QString, group);
    QFETCH(QString, dedup);
    QFETCH(int, delay);
    QFETCH(QStringList, attribute);
    QFETCH(SqsErrorCode, code);
    QFETCH(QString, message);

    SqsQueueConfig config;
    config.fifo = fifo;
    QueueFixture f(config);
    SqsSendRequest r = QueueFixture::body(body, group, dedup);
    r.delaySeconds = delay;
    if (!attribute.isEmpty())
        r.attributes.push_back({attribute[0], attribute[1], attribute[2].toUtf8()});
    const SqsSendResult result = f.queue->sendMessage(r);
    QCOMPARE(result.error.code, code);
    if (!message.isEmpty())
        QCOMPARE(result.error.message, message);
    if (code == SqsErrorCode::None) {
        QVERIFY(result.messageId > 0);
        QCOMPARE(f.queue->stats().sent, quint64(1));
    } else {
        QCOMPARE(f.queue->stats().sent, quint64(0));
        QCOMPARE(f.queue->visibleCount() + f.queue->delayedCount(), 0);
    }
}

void TestSqsSend::sizeCountsBodyAndAttributes()
{
    SqsQueueConfig config;
    config.maximumMessageSize = 1024;
    QueueFixture f(config);
    // The body alone may fill the limit exactly.
    QVERIFY(f.send(QByteArray(1024, 'a')).error.ok());
    SqsSendResult over = f.send(QByteArray(1025, 'a'));
    QCOMPARE(over.error.code, SqsErrorCode::InvalidParameterValue);
    QCOMPARE(over.error.message,
             QStringLiteral("One or more parameters are invalid. Reason: Message must be shorter "
                            "than 1024 bytes."));
    // Attribute name + type + value count too: 1000 + (1 + 6 + 17) = 1024 fits, one more not.
    SqsSendRequest r = QueueFixture::body(QByteArray(1000, 'a'));
    r.attributes.push_back({QStringLiteral("k"), QStringLiteral("String"), QByteArray(17, 'v')});
    QVERIFY(f.queue->sendMessage(r).error.ok());
    r.attributes.back().value.append('v');
    QCOMPARE(f.queue->sendMessage(r).error.code, SqsErrorCode::InvalidParameterValue);
    // At most 10 attributes.
    SqsSendRequest many = QueueFixture::body("x");
    for (int i = 0; i < 11; ++i)
        many.attributes.push_back({QStringLiteral("a%1").arg(i), QStringLiteral("String"), "v"});
    const SqsSendResult tooMany = f.queue->sendMessage(many);
    QCOMPARE(tooMany.error.code, SqsErrorCode::InvalidParameterValue);
    QCOMPARE(tooMany.error.message,
             QStringLiteral("Number of message attributes [11] exceeds the allowed maximum [10]."));
    many.attributes.pop_back();
    QVERIFY(f.queue->sendMessage(many).error.ok());
    // The queue's default limit is 1 MiB since August 2025.
    QCOMPARE(SqsQueueConfig().maximumMessageSize, 1048576);
}

void TestSqsSend::queueDelayHoldsMessages()
{
    SqsQueueConfig config;
    config.delaySeconds = 10;
    QueueFixture f(config);
    f.advanceTo(1.0);
    QVERIFY(f.send("late").error.ok());
    QCOMPARE(f.queue->delayedCount(), 1);
    QCOMPARE(f.queue->visibleCount(), 0);
    QVERIFY(f.receive().empty());
    f.advanceToUs(fromSeconds(11.0) - 1);
    QCOMPARE(f.queue->delayedCount(), 1);
    f.advanceTo(11.0);
    QCOMPARE(f.queue->delayedCount(), 0);
    QCOMPARE(f.queue->visibleCount(), 1);
    QCOMPARE(f.receive().size(), std::size_t(1));
}

void TestSqsSend::perMessageDelayOverridesQueue()
{
    SqsQueueConfig config;
    config.delaySeconds = 10;
    QueueFixture f(config);
    SqsSendRequest r = QueueFixture::body("soon");
    r.delaySeconds = 3;
    QVERIFY(f.queue->sendMessage(r).error.ok());
    r.delaySeconds = 0; // an explicit 0 also overrides the queue's delay
    QVERIFY(f.queue->sendMessage(r).error.ok());
    QCOMPARE(f.queue->visibleCount(), 1);
    f.advanceTo(3.0);
    QCOMPARE(f.queue->visibleCount(), 2);
    QCOMPARE(f.queue->delayedCount(), 0);
}

void TestSqsSend::standardDelayChangeIsNotRetroactive()
{
    SqsQueueConfig config;
    config.delaySeconds = 100;
    QueueFixture f(config);
    QVERIFY(f.send("waiting").error.ok());
    QVERIFY(f.queue->applySetting(QStringLiteral("delaySeconds"), 0));
    f.advanceTo(50.0);
    QCOMPARE(f.queue->delayedCount(), 1); // still on its 100 s delay
    f.advanceTo(100.0);
    QCOMPARE(f.queue->visibleCount(), 1);
}

void TestSqsSend::fifoDelayChangeIsRetroactive()
{
    SqsQueueConfig config = fifoConfig();
    config.delaySeconds = 100;
    QueueFixture f(config);
    QVERIFY(f.send("waiting", "g", "d1").error.ok());
    f.advanceTo(20.0);
    QVERIFY(f.queue->applySetting(QStringLiteral("delaySeconds"), 30));
    QCOMPARE(f.queue->delayedCount(), 1);
    f.advanceToUs(fromSeconds(30.0) - 1);
    QCOMPARE(f.queue->delayedCount(), 1);
    f.advanceTo(30.0); // 30 s after it was sent, not after the change
    QCOMPARE(f.queue->visibleCount(), 1);
    // Shortening below its age releases it at once.
    QVERIFY(f.send("second", "g", "d2").error.ok());
    f.advanceTo(40.0);
    QVERIFY(f.queue->applySetting(QStringLiteral("delaySeconds"), 5));
    QCOMPARE(f.queue->visibleCount(), 2);
}

void TestSqsSend::standardAcceptsGroupIdForFairQueues()
{
    QueueFixture f;
    const SqsSendResult r = f.send("tenant message", QStringLiteral("tenant-1"));
    QVERIFY(r.error.ok());
    QVERIFY(r.sequenceNumber.isEmpty());
    const auto got = f.receive();
    QCOMPARE(got.size(), std::size_t(1));
    QCOMPARE(f.engine.internedString(got[0].message.group), QStringLiteral("tenant-1"));
}

void TestSqsSend::batchWholeRequestErrors_data()
{
    QTest::addColumn<int>("entries");
    QTest::addColumn<QString>("firstId");
    QTest::addColumn<bool>("duplicateIds");
    QTest::addColumn<int>("bodyBytes");
    QTest::addColumn<SqsErrorCode>("code");

    QTest::newRow("empty") << 0 << "a" << false << 10 << SqsErrorCode::EmptyBatchRequest;
    QTest::newRow("eleven") << 11 << "a" << false << 10
                            << SqsErrorCode::TooManyEntriesInBatchRequest;
    QTest::newRow("ten ok") << 10 << "a" << false << 10 << SqsErrorCode::None;
    QTest::newRow("ids not distinct")
        << 3 << "a" << true << 10 << SqsErrorCode::BatchEntryIdsNotDistinct;
    QTest::newRow("id with dot") << 2 << "a.b" << false << 10 << SqsErrorCode::InvalidBatchEntryId;
    QTest::newRow("id 81 chars") << 2 << QString(81, 'x') << false << 10
                                 << SqsErrorCode::InvalidBatchEntryId;
    QTest::newRow("id 80 chars") << 2 << QString(80, 'x') << false << 10 << SqsErrorCode::None;
    QTest::newRow("sum over 1 MiB")
        << 2 << "a" << false << 524289 << SqsErrorCode::BatchRequestTooLong;
    QTest::newRow("sum exactly 1 MiB") << 2 << "a" << false << 524288 << SqsErrorCode::None;
}

void TestSqsSend::batchWholeRequestErrors()
{
    QFETCH(int, entries);
    QFETCH(QString, firstId);
    QFETCH(bool, duplicateIds);
    QFETCH(int, bodyBytes);
    QFETCH(SqsErrorCode, code);

    QueueFixture f;
    std::vector<SqsBatchEntry> batch;
    for (int i = 0; i < entries; ++i) {
        SqsBatchEntry e;
        e.id = i == 0 ? firstId : (duplicateIds ? firstId : QStringLiteral("e%1").arg(i));
        e.request = QueueFixture::body(QByteArray(bodyBytes, 'b'));
        batch.push_back(e);
    }
    const SqsBatchResult r = f.queue->sendMessageBatch(batch);
    QCOMPARE(r.error.code, code);
    if (code == SqsErrorCode::None) {
        QCOMPARE(int(r.entries.size()), entries);
        QCOMPARE(f.queue->visibleCount(), qint64(entries));
    } else {
        QVERIFY(r.entries.empty());
        QCOMPARE(f.queue->visibleCount(), 0); // nothing of a refused request is stored
    }
}

void TestSqsSend::batchPartialFailure()
{
    QueueFixture f;
    std::vector<SqsBatchEntry> batch(3);
    batch[0] = {QStringLiteral("ok1"), QueueFixture::body("one")};
    batch[1] = {QStringLiteral("bad"), QueueFixture::body("two\x02")};
    batch[2] = {QStringLiteral("ok2"), QueueFixture::body("three")};
    const SqsBatchResult r = f.queue->sendMessageBatch(batch);
    QVERIFY(r.error.ok());
    QCOMPARE(r.entries.size(), std::size_t(3));
    QCOMPARE(r.entries[0].first, QStringLiteral("ok1"));
    QVERIFY(r.entries[0].second.error.ok());
    QCOMPARE(r.entries[1].first, QStringLiteral("bad"));
    QCOMPARE(r.entries[1].second.error.code, SqsErrorCode::InvalidMessageContents);
    QVERIFY(r.entries[2].second.error.ok());
    QCOMPARE(f.queue->visibleCount(), 2);
}

void TestSqsSend::batchEntriesKeepRequestOrder()
{
    QueueFixture f(fifoConfig());
    std::vector<SqsBatchEntry> batch;
    for (int i = 0; i < 5; ++i)
        batch.push_back({QStringLiteral("e%1").arg(i),
                         QueueFixture::body(QByteArray::number(i),
                                            QStringLiteral("g"),
                                            QStringLiteral("d%1").arg(i))});
    QVERIFY(f.queue->sendMessageBatch(batch).error.ok());
    const auto got = f.receive(10);
    QCOMPARE(got.size(), std::size_t(5));
    for (int i = 0; i < 5; ++i)
        QCOMPARE(f.bodyOf(got[std::size_t(i)]), QByteArray::number(i));
}

void TestSqsSend::errorTable_data()
{
    QTest::addColumn<SqsErrorCode>("code");
    QTest::addColumn<QString>("shape");
    QTest::addColumn<QString>("query");
    QTest::addColumn<int>("status");

    QTest::newRow("QueueDoesNotExist") << SqsErrorCode::QueueDoesNotExist << "QueueDoesNotExist"
                                       << "AWS.SimpleQueueService.NonExistentQueue" << 400;
    QTest::newRow("QueueNameExists") << SqsErrorCode::QueueNameExists << "QueueNameExists"
                                     << "QueueAlreadyExists" << 400;
    QTest::newRow("QueueDeletedRecently")
        << SqsErrorCode::QueueDeletedRecently << "QueueDeletedRecently"
        << "AWS.SimpleQueueService.QueueDeletedRecently" << 400;
    QTest::newRow("ReceiptHandleIsInvalid")
        << SqsErrorCode::ReceiptHandleIsInvalid << "ReceiptHandleIsInvalid"
        << "ReceiptHandleIsInvalid" << 400;
    QTest::newRow("MessageNotInflight") << SqsErrorCode::MessageNotInflight << "MessageNotInflight"
                                        << "AWS.SimpleQueueService.MessageNotInflight" << 400;
    QTest::newRow("PurgeQueueInProgress")
        << SqsErrorCode::PurgeQueueInProgress << "PurgeQueueInProgress"
        << "AWS.SimpleQueueService.PurgeQueueInProgress" << 403;
    QTest::newRow("OverLimit") << SqsErrorCode::OverLimit << "OverLimit"
                               << "OverLimit" << 403;
    QTest::newRow("TooManyEntriesInBatchRequest")
        << SqsErrorCode::TooManyEntriesInBatchRequest << "TooManyEntriesInBatchRequest"
        << "AWS.SimpleQueueService.TooManyEntriesInBatchRequest" << 400;
    QTest::newRow("EmptyBatchRequest") << SqsErrorCode::EmptyBatchRequest << "EmptyBatchRequest"
                                       << "AWS.SimpleQueueService.EmptyBatchRequest" << 400;
    QTest::newRow("BatchEntryIdsNotDistinct")
        << SqsErrorCode::BatchEntryIdsNotDistinct << "BatchEntryIdsNotDistinct"
        << "AWS.SimpleQueueService.BatchEntryIdsNotDistinct" << 400;
    QTest::newRow("BatchRequestTooLong")
        << SqsErrorCode::BatchRequestTooLong << "BatchRequestTooLong"
        << "AWS.SimpleQueueService.BatchRequestTooLong" << 400;
    QTest::newRow("InvalidBatchEntryId")
        << SqsErrorCode::InvalidBatchEntryId << "InvalidBatchEntryId"
        << "AWS.SimpleQueueService.InvalidBatchEntryId" << 400;
    QTest::newRow("UnsupportedOperation")
        << SqsErrorCode::UnsupportedOperation << "UnsupportedOperation"
        << "AWS.SimpleQueueService.UnsupportedOperation" << 400;
    QTest::newRow("InvalidAttributeName")
        << SqsErrorCode::InvalidAttributeName << "InvalidAttributeName"
        << "InvalidAttributeName" << 400;
    QTest::newRow("InvalidMessageContents")
        << SqsErrorCode::InvalidMessageContents << "InvalidMessageContents"
        << "InvalidMessageContents" << 400;
    QTest::newRow("ResourceNotFoundException")
        << SqsErrorCode::ResourceNotFoundException << "ResourceNotFoundException"
        << "ResourceNotFoundException" << 404;
    QTest::newRow("InternalFailure") << SqsErrorCode::InternalFailure << "InternalFailure"
                                     << "InternalFailure" << 500;
}

void TestSqsSend::errorTable()
{
    QFETCH(SqsErrorCode, code);
    QFETCH(QString, shape);
    QFETCH(QString, query);
    QFETCH(int, status);
    const SqsErrorInfo &info = sqsErrorInfo(code);
    QCOMPARE(QString::fromLatin1(info.shapeName), shape);
    QCOMPARE(QString::fromLatin1(info.queryCode), query);
    QCOMPARE(info.httpStatus, status);
}

QTEST_GUILESS_MAIN(TestSqsSend)
#include "tst_sqssend.moc"
