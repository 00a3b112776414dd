// The SQS endpoint's protocol layer, answers: engine results encoded as the Query
// protocol's XML (every action's element layout) and as JSON, and errors in both protocols
// with their status and headers (spec/aws-semantics.md §1.16, §6.2, §6.3, §6.5).

#include "JsonText.h"
#include "endpoint/SqsHttpCodec.h"
#include "endpoint/SqsQueryEncoder.h"

#include <QJsonDocument>
#include <QRegularExpression>
#include <QtTest>

using namespace flowlab;

Q_DECLARE_METATYPE(flowlab::SqsErrorCode)
Q_DECLARE_METATYPE(flowlab::WireProtocol)

namespace {

using flowlab::test::json;

// XML written for reading (indented) → as the encoder writes it.
QByteArray compactXml(const QByteArray &xml)
{
    QString text = QString::fromUtf8(xml).trimmed();
    text.replace(QRegularExpression(QStringLiteral(">\\s+<")), QStringLiteral("><"));
    return text.toUtf8();
}

const char Header[] = "<?xml version=\"1.0\"?>\n";

} // namespace

class TestSqsEncode : public QObject
{
    Q_OBJECT

private slots:
    void queryEncode_data();
    void queryEncode();
    void jsonEncode_data();
    void jsonEncode();
    void errorEncoding_data();
    void errorEncoding();
    void xmlEscape();
};

void TestSqsEncode::queryEncode_data()
{
    QTest::addColumn<QString>("action");
    QTest::addColumn<QByteArray>("result");
    QTest::addColumn<QByteArray>("xml"); // the inside of <ActionResponse>, as written for reading

    const QByteArray meta = "<ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata>";
    QTest::newRow("CreateQueue") << "CreateQueue" << QByteArray(R"({"QueueUrl":"http://h/0/q"})")
                                 << "<CreateQueueResult><QueueUrl>http://h/0/q</QueueUrl>"
                                    "</CreateQueueResult>"
                                        + meta;
    QTest::newRow("GetQueueUrl") << "GetQueueUrl" << QByteArray(R"({"QueueUrl":"http://h/0/q"})")
                                 << "<GetQueueUrlResult><QueueUrl>http://h/0/q</QueueUrl>"
                                    "</GetQueueUrlResult>"
                                        + meta;
    QTest::newRow("ListQueues: flattened QueueUrl, NextToken")
        << "ListQueues" << QByteArray(R"({"QueueUrls":["u1","u2"],"NextToken":"t"})")
        << "<ListQueuesResult><QueueUrl>u1</QueueUrl><QueueUrl>u2</QueueUrl>"
           "<NextToken>t</NextToken></ListQueuesResult>"
               + meta;
    QTest::newRow("ListQueues: none")
        << "ListQueues" << QByteArray("{}") << "<ListQueuesResult/>" + meta;
    QTest::newRow("GetQueueAttributes")
        << "GetQueueAttributes"
        << QByteArray(R"({"Attributes":{"DelaySeconds":"0","QueueArn":"arn:aws:sqs:r:0:q"}})")
        << "<GetQueueAttributesResult>"
           "<Attribute><Name>DelaySeconds</Name><Value>0</Value></Attribute>"
           "<Attribute><Name>QueueArn</Name><Value>arn:aws:sqs:r:0:q</Value></Attribute>"
           "</GetQueueAttributesResult>"
               + meta;
    QTest::newRow("SendMessage (spec §6.5)")
        << "SendMessage" << QByteArray(R"({"MD5OfMessageBody":"3e25960a79dbc69b674cd4ec67a72c62",
                          "MD5OfMessageAttributes":"0c32cb5c844c01fbd5b6b434b52cf670",
                          "MessageId":"5fea7756-0ea4-451a-a703-a558b933e274"})")
        << R"(<SendMessageResult>
                <MD5OfMessageBody>3e25960a79dbc69b674cd4ec67a72c62</MD5OfMessageBody>
                <MD5OfMessageAttributes>0c32cb5c844c01fbd5b6b434b52cf670</MD5OfMessageAttributes>
                <MessageId>5fea7756-0ea4-451a-a703-a558b933e274</MessageId>
              </SendMessageResult>)"
               + meta;
    QTest::newRow("SendMessage FIFO: SequenceNumber")
        << "SendMessage"
        << QByteArray(R"({"MD5OfMessageBody":"m","MessageId":"i","SequenceNumber":"1000"})")
        << "<SendMessageResult><MD5OfMessageBody>m</MD5OfMessageBody><MessageId>i</MessageId>"
           "<SequenceNumber>1000</SequenceNumber></SendMessageResult>"
               + meta;
    QTest::newRow("SendMessageBatch: successes and a failure")
        << "SendMessageBatch"
        << QByteArray(R"({"Successful":[{"Id":"m1","MessageId":"i1","MD5OfMessageBody":"b1",
                            "MD5OfMessageAttributes":"a1"},{"Id":"m2","MessageId":"i2",
                            "MD5OfMessageBody":"b2","SequenceNumber":"7"}],
                          "Failed":[{"Id":"m3","SenderFault":true,"Code":"InvalidMessageContents",
                            "Message":"bad <char>"}]})")
        << R"(<SendMessageBatchResult>
                <SendMessageBatchResultEntry><Id>m1</Id><MessageId>i1</MessageId>
                  <MD5OfMessageBody>b1</MD5OfMessageBody>
                  <MD5OfMessageAttributes>a1</MD5OfMessageAttributes>
                </SendMessageBatchResultEntry>
                <SendMessageBatchResultEntry><Id>m2</Id><MessageId>i2</MessageId>
                  <MD5OfMessageBody>b2</MD5OfMessageBody><SequenceNumber>7</SequenceNumber>
                </SendMessageBatchResultEntry>
                <BatchResultErrorEntry><Id>m3</Id><SenderFault>true</SenderFault>
                  <Code>InvalidMessageContents</Code><Message>bad &lt;char&gt;</Message>
                </BatchResultErrorEntry>
              </SendMessageBatchResult>)"
               + meta;
    QTest::newRow("ReceiveMessage (spec §6.5)")
        << "ReceiveMessage"
        << QByteArray(R"({"Messages":[{"MessageId":"5fea7756-0ea4-451a-a703-a558b933e274",
            "ReceiptHandle":"AQEBzbVv+/==","MD5OfBody":"3e25960a79dbc69b674cd4ec67a72c62",
            "Body":"Hello world","Attributes":{"SenderId":"AIDAIT2UOQQY3AUEKVGXU",
            "SentTimestamp":"1700000000000","ApproximateReceiveCount":"1",
            "ApproximateFirstReceiveTimestamp":"1700000001234"},
            "MD5OfMessageAttributes":"0c32cb5c844c01fbd5b6b434b52cf670",
            "MessageAttributes":{"City":{"StringValue":"Any City","DataType":"String"}}}]})")
        // QJsonObject keeps keys sorted, so the system attributes come out by name.
        << R"(<ReceiveMessageResult>
                <Message>
                  <MessageId>5fea7756-0ea4-451a-a703-a558b933e274</MessageId>
                  <ReceiptHandle>AQEBzbVv+/==</ReceiptHandle>
                  <MD5OfBody>3e25960a79dbc69b674cd4ec67a72c62</MD5OfBody>
                  <Body>Hello world</Body>
                  <Attribute><Name>ApproximateFirstReceiveTimestamp</Name><Value>1700000001234</Value></Attribute>
                  <Attribute><Name>ApproximateReceiveCount</Name><Value>1</Value></Attribute>
                  <Attribute><Name>SenderId</Name><Value>AIDAIT2UOQQY3AUEKVGXU</Value></Attribute>
                  <Attribute><Name>SentTimestamp</Name><Value>1700000000000</Value></Attribute>
                  <MD5OfMessageAttributes>0c32cb5c844c01fbd5b6b434b52cf670</MD5OfMessageAttributes>
                  <MessageAttribute><Name>City</Name>
                    <Value><StringValue>Any City</StringValue><DataType>String</DataType></Value>
                  </MessageAttribute>
                </Message>
              </ReceiveMessageResult>)"
               + meta;
    QTest::newRow("ReceiveMessage: binary attribute, CR and markup in the body")
        << "ReceiveMessage"
        << QByteArray(R"({"Messages":[{"MessageId":"i","ReceiptHandle":"h","MD5OfBody":"m",
            "Body":"a\r\nb & <c> \"d\"","MessageAttributes":{"b":{"BinaryValue":"AAE=",
            "DataType":"Binary.gif"}}},{"MessageId":"j","ReceiptHandle":"h2","MD5OfBody":"n",
            "Body":"x"}]})")
        << "<ReceiveMessageResult><Message><MessageId>i</MessageId><ReceiptHandle>h</ReceiptHandle>"
           "<MD5OfBody>m</MD5OfBody><Body>a&#xD;\nb &amp; &lt;c&gt; &quot;d&quot;</Body>"
           "<MessageAttribute><Name>b</Name><Value><BinaryValue>AAE=</BinaryValue>"
           "<DataType>Binary.gif</DataType></Value></MessageAttribute></Message>"
           "<Message><MessageId>j</MessageId><ReceiptHandle>h2</ReceiptHandle>"
           "<MD5OfBody>n</MD5OfBody><Body>x</Body></Message></ReceiveMessageResult>"
               + meta;
    QTest::newRow("ReceiveMessage: empty")
        << "ReceiveMessage" << QByteArray(R"({"Messages":[]})") << "<ReceiveMessageResult/>" + meta;
    QTest::newRow("DeleteMessageBatch")
        << "DeleteMessageBatch"
        << QByteArray(R"({"Successful":[{"Id":"a"}],"Failed":[{"Id":"b","SenderFault":true,
                          "Code":"ReceiptHandleIsInvalid","Message":"bad handle"}]})")
        << "<DeleteMessageBatchResult><DeleteMessageBatchResultEntry><Id>a</Id>"
           "</DeleteMessageBatchResultEntry><BatchResultErrorEntry><Id>b</Id>"
           "<SenderFault>true</SenderFault><Code>ReceiptHandleIsInvalid</Code>"
           "<Message>bad handle</Message></BatchResultErrorEntry></DeleteMessageBatchResult>"
               + meta;
    QTest::newRow("ChangeMessageVisibilityBatch")
        << "ChangeMessageVisibilityBatch"
        << QByteArray(R"({"Successful":[{"Id":"a"},{"Id":"c"}],"Failed":[]})")
        << "<ChangeMessageVisibilityBatchResult><ChangeMessageVisibilityBatchResultEntry>"
           "<Id>a</Id></ChangeMessageVisibilityBatchResultEntry>"
           "<ChangeMessageVisibilityBatchResultEntry><Id>c</Id>"
           "</ChangeMessageVisibilityBatchResultEntry></ChangeMessageVisibilityBatchResult>"
               + meta;
    QTest::newRow("ListDeadLetterSourceQueues: lower-case queueUrls")
        << "ListDeadLetterSourceQueues" << QByteArray(R"({"queueUrls":["s1","s2"]})")
        << "<ListDeadLetterSourceQueuesResult><QueueUrl>s1</QueueUrl><QueueUrl>s2</QueueUrl>"
           "</ListDeadLetterSourceQueuesResult>"
               + meta;
    QTest::newRow("ListQueueTags")
        << "ListQueueTags" << QByteArray(R"({"Tags":{"env":"dev","team":"a&b"}})")
        << "<ListQueueTagsResult><Tag><Key>env</Key><Value>dev</Value>"
           "</Tag><Tag><Key>team</Key><Value>a&amp;b</Value></Tag>"
           "</ListQueueTagsResult>"
               + meta;
    for (const char *action : {"DeleteQueue",
                               "SetQueueAttributes",
                               "DeleteMessage",
                               "ChangeMessageVisibility",
                               "PurgeQueue",
                               "TagQueue",
                               "UntagQueue"}) {
        QTest::newRow(action) << QString::fromLatin1(action) << QByteArray("{}") << meta;
    }
}

void TestSqsEncode::queryEncode()
{
    QFETCH(QString, action);
    QFETCH(QByteArray, result);
    QFETCH(QByteArray, xml);

    ApiRequest request;
    request.protocol = WireProtocol::Query;
    request.action = action;
    ApiResponse response;
    response.result = json(result.constData());
    const HttpResponse http = SqsHttpCodec::encode(request, response, QStringLiteral("req-1"));
    QCOMPARE(http.status, 200);
    QCOMPARE(http.header("Content-Type"), QByteArray("text/xml"));
    QCOMPARE(http.header("x-amzn-RequestId"), QByteArray("req-1"));
    const QByteArray op = action.toLatin1();
    const QByteArray expected = Header
                                + compactXml("<" + op + "Response xmlns=\""
                                             + SqsQueryEncoder::Namespace + "\">" + xml + "</" + op
                                             + "Response>")
                                + '\n';
    QCOMPARE(http.body, expected);
}

void TestSqsEncode::jsonEncode_data()
{
    QTest::addColumn<QString>("action");
    QTest::addColumn<QByteArray>("result");
    QTest::addColumn<QByteArray>("body");

    QTest::newRow("result as it is")
        << "SendMessage" << QByteArray(R"({"MD5OfMessageBody":"m","MessageId":"i"})")
        << QByteArray(R"({"MD5OfMessageBody":"m","MessageId":"i"})");
    QTest::newRow("lower-case queueUrls")
        << "ListDeadLetterSourceQueues" << QByteArray(R"({"queueUrls":["a"]})")
        << QByteArray(R"({"queueUrls":["a"]})");
    QTest::newRow("void action") << "PurgeQueue" << QByteArray("{}") << QByteArray("{}");
    QTest::newRow("empty receive is {}")
        << "ReceiveMessage" << QByteArray(R"({"Messages":[]})") << QByteArray("{}");
}

void TestSqsEncode::jsonEncode()
{
    QFETCH(QString, action);
    QFETCH(QByteArray, result);
    QFETCH(QByteArray, body);

    ApiRequest request;
    request.protocol = WireProtocol::Json;
    request.action = action;
    ApiResponse response;
    response.result = json(result.constData());
    const HttpResponse http = SqsHttpCodec::encode(request, response, QStringLiteral("r-2"));
    QCOMPARE(http.status, 200);
    QCOMPARE(http.header("Content-Type"), QByteArray("application/x-amz-json-1.0"));
    QCOMPARE(http.header("x-amzn-RequestId"), QByteArray("r-2"));
    QCOMPARE(http.header("x-amzn-query-error"), QByteArray());
    QCOMPARE(http.body, body);
}

void TestSqsEncode::errorEncoding_data()
{
    QTest::addColumn<WireProtocol>("protocol");
    QTest::addColumn<SqsErrorCode>("code");
    QTest::addColumn<QString>("message");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("queryError"); // the x-amzn-query-error header (JSON only)
    QTest::addColumn<QByteArray>("body");

    const QString missing = QStringLiteral("The specified queue does not exist.");
    // spec §6.5 "Error — both forms".
    QTest::newRow("JSON QueueDoesNotExist")
        << WireProtocol::Json << SqsErrorCode::QueueDoesNotExist << missing << 400
        << QByteArray("AWS.SimpleQueueService.NonExistentQueue;Sender")
        << QByteArray(
               R"({"__type":"com.amazonaws.sqs#QueueDoesNotExist","message":"The specified queue does not exist."})");
    QTest::newRow("Query QueueDoesNotExist")
        << WireProtocol::Query << SqsErrorCode::QueueDoesNotExist << missing << 400 << QByteArray()
        << Header + compactXml(R"(<ErrorResponse xmlns="http://queue.amazonaws.com/doc/2012-11-05/">
                   <Error><Type>Sender</Type><Code>AWS.SimpleQueueService.NonExistentQueue</Code>
                   <Message>The specified queue does not exist.</Message><Detail/></Error>
                   <RequestId>req-9</RequestId></ErrorResponse>)")
               + '\n';
    QTest::newRow("JSON PurgeQueueInProgress is 403")
        << WireProtocol::Json << SqsErrorCode::PurgeQueueInProgress << QStringLiteral("wait") << 403
        << QByteArray("AWS.SimpleQueueService.PurgeQueueInProgress;Sender")
        << QByteArray(R"({"__type":"com.amazonaws.sqs#PurgeQueueInProgress","message":"wait"})");
    QTest::newRow("JSON InternalFailure is the Receiver's")
        << WireProtocol::Json << SqsErrorCode::InternalFailure << QStringLiteral("oops") << 500
        << QByteArray("InternalFailure;Receiver")
        << QByteArray(R"({"__type":"com.amazonaws.sqs#InternalFailure","message":"oops"})");
    QTest::newRow("Query ServiceUnavailable: Receiver, 503, escaped message")
        << WireProtocol::Query << SqsErrorCode::ServiceUnavailable << QStringLiteral("a<b & \"c\"")
        << 503 << QByteArray()
        << Header + compactXml(R"(<ErrorResponse xmlns="http://queue.amazonaws.com/doc/2012-11-05/">
                   <Error><Type>Receiver</Type><Code>ServiceUnavailable</Code>
                   <Message>a&lt;b &amp; &quot;c&quot;</Message><Detail/></Error>
                   <RequestId>req-9</RequestId></ErrorResponse>)")
               + '\n';
    QTest::newRow("JSON InvalidAction")
        << WireProtocol::Json << SqsErrorCode::InvalidAction
        << QStringLiteral("The action AddPermission is not valid for this endpoint.") << 400
        << QByteArray("InvalidAction;Sender")
        << QByteArray(
               R"({"__type":"com.amazonaws.sqs#InvalidAction","message":"The action AddPermission is not valid for this endpoint."})");
    QTest::newRow("Query SignatureDoesNotMatch is 403")
        << WireProtocol::Query << SqsErrorCode::SignatureDoesNotMatch << QStringLiteral("no") << 403
        << QByteArray()
        << Header + compactXml(R"(<ErrorResponse xmlns="http://queue.amazonaws.com/doc/2012-11-05/">
                   <Error><Type>Sender</Type><Code>SignatureDoesNotMatch</Code>
                   <Message>no</Message><Detail/></Error>
                   <RequestId>req-9</RequestId></ErrorResponse>)")
               + '\n';
}

void TestSqsEncode::errorEncoding()
{
    QFETCH(WireProtocol, protocol);
    QFETCH(SqsErrorCode, code);
    QFETCH(QString, message);
    QFETCH(int, status);
    QFETCH(QByteArray, queryError);
    QFETCH(QByteArray, body);

    ApiRequest request;
    request.protocol = protocol;
    request.action = QStringLiteral("SendMessage");
    ApiResponse response;
    response.error = SqsError(code, message);
    response.result = json(R"({"ignored":true})");
    const HttpResponse http = SqsHttpCodec::encode(request, response, QStringLiteral("req-9"));
    QCOMPARE(http.status, status);
    QCOMPARE(http.header("x-amzn-RequestId"), QByteArray("req-9"));
    QCOMPARE(http.header("x-amzn-query-error"), queryError);
    QCOMPARE(http.header("Content-Type"),
             protocol == WireProtocol::Json ? QByteArray("application/x-amz-json-1.0")
                                            : QByteArray("text/xml"));
    QCOMPARE(http.body, body);
}

void TestSqsEncode::xmlEscape()
{
    QCOMPARE(SqsQueryEncoder::escape(QStringLiteral("a&b<c>d\"e\rf\ng'h€")),
             QByteArray("a&amp;b&lt;c&gt;d&quot;e&#xD;f\ng'h\xE2\x82\xAC"));
}

QTEST_GUILESS_MAIN(TestSqsEncode)
#include "tst_sqsencode.moc"
