// The SQS endpoint's protocol layer, requests: Query form bodies and JSON bodies decoded
// into the engine's JSON shape, and the MD5 digests clients verify (spec/aws-semantics.md
// §6). tst_sqsencode covers the answers.

#include "JsonText.h"
#include "endpoint/SqsHttpCodec.h"
#include "endpoint/SqsMd5.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

using namespace flowlab;

Q_DECLARE_METATYPE(flowlab::SqsErrorCode)
Q_DECLARE_METATYPE(flowlab::WireProtocol)

namespace {

using flowlab::test::json;

HttpRequest queryRequest(const QByteArray &body, const QByteArray &path = "/")
{
    HttpRequest request;
    request.method = "POST";
    request.path = path;
    request.target = path;
    request.headers = {{"host", "127.0.0.1:9324"},
                       {"content-type", "application/x-www-form-urlencoded; charset=utf-8"}};
    request.body = body;
    return request;
}

HttpRequest jsonRequest(const QByteArray &target, const QByteArray &body)
{
    HttpRequest request;
    request.method = "POST";
    request.path = "/";
    request.target = "/";
    request.headers = {{"host", "localhost:4566"}, {"content-type", "application/x-amz-json-1.0"}};
    if (!target.isEmpty())
        request.headers.append({"x-amz-target", target});
    request.body = body;
    return request;
}

} // namespace

class TestSqsCodec : public QObject
{
    Q_OBJECT

private slots:
    void queryDecode_data();
    void queryDecode();
    void queryDecodeErrors_data();
    void queryDecodeErrors();
    void jsonDecode_data();
    void jsonDecode();
    void requestContext();
    void md5_data();
    void md5();
};

void TestSqsCodec::queryDecode_data()
{
    QTest::addColumn<QByteArray>("form");
    QTest::addColumn<QString>("action");
    QTest::addColumn<QByteArray>("expected");

    // spec §6.5, as botocore's Query serializer writes it.
    QTest::newRow("SendMessage (spec §6.5)")
        << QByteArray("Action=SendMessage&Version=2012-11-05"
                      "&QueueUrl=https%3A%2F%2Fsqs.us-east-1.amazonaws.com%2F123456789012%2FMyQueue"
                      "&MessageBody=Hello+world&DelaySeconds=0"
                      "&MessageAttribute.1.Name=City&MessageAttribute.1.Value.DataType=String"
                      "&MessageAttribute.1.Value.StringValue=Any+City")
        << "SendMessage"
        << QByteArray(R"({"QueueUrl":"https://sqs.us-east-1.amazonaws.com/123456789012/MyQueue",
            "MessageBody":"Hello world","DelaySeconds":0,
            "MessageAttributes":{"City":{"DataType":"String","StringValue":"Any City"}}})");
    QTest::newRow("SendMessage FIFO, binary and system attributes, UTF-8")
        << QByteArray("Action=SendMessage&Version=2012-11-05&QueueUrl=q.fifo"
                      "&MessageBody=%E2%82%AC+1%2B1%3D2+%F0%9F%98%80%0D%0A"
                      "&MessageGroupId=g1&MessageDeduplicationId=d-1"
                      "&MessageAttribute.1.Name=blob&MessageAttribute.1.Value.DataType=Binary"
                      "&MessageAttribute.1.Value.BinaryValue=SGVsbG8%3D"
                      "&MessageSystemAttribute.1.Name=AWSTraceHeader"
                      "&MessageSystemAttribute.1.Value.DataType=String"
                      "&MessageSystemAttribute.1.Value.StringValue=Root%3D1-abc")
        << "SendMessage" << QByteArray(R"({"QueueUrl":"q.fifo","MessageBody":"€ 1+1=2 😀\r\n",
            "MessageGroupId":"g1","MessageDeduplicationId":"d-1",
            "MessageAttributes":{"blob":{"DataType":"Binary","BinaryValue":"SGVsbG8="}},
            "MessageSystemAttributes":{"AWSTraceHeader":{"DataType":"String",
                                                         "StringValue":"Root=1-abc"}}})");
    QTest::newRow("ReceiveMessage (spec §6.5)")
        << QByteArray("Action=ReceiveMessage&Version=2012-11-05&QueueUrl=q"
                      "&MaxNumberOfMessages=10&WaitTimeSeconds=20&VisibilityTimeout=30"
                      "&MessageAttributeName.1=All&AttributeName.1=All"
                      "&ReceiveRequestAttemptId=r1")
        << "ReceiveMessage"
        << QByteArray(R"({"QueueUrl":"q","MaxNumberOfMessages":10,"WaitTimeSeconds":20,
            "VisibilityTimeout":30,"MessageAttributeNames":["All"],"AttributeNames":["All"],
            "ReceiveRequestAttemptId":"r1"})");
    QTest::newRow("DeleteMessage: %2B is a plus, + a space")
        << QByteArray("Action=DeleteMessage&Version=2012-11-05&QueueUrl=q"
                      "&ReceiptHandle=AQEB%2Babc%2Fdef%3D%3D")
        << "DeleteMessage" << QByteArray(R"({"QueueUrl":"q","ReceiptHandle":"AQEB+abc/def=="})");
    QTest::newRow("CreateQueue (spec §6.5): Attributes and lower-case tags")
        << QByteArray("Action=CreateQueue&Version=2012-11-05&QueueName=orders.fifo"
                      "&Attribute.1.Name=FifoQueue&Attribute.1.Value=true"
                      "&Attribute.2.Name=ContentBasedDeduplication&Attribute.2.Value=true"
                      "&Tag.1.Key=team&Tag.1.Value=x")
        << "CreateQueue"
        << QByteArray(R"({"QueueName":"orders.fifo","Attributes":{"FifoQueue":"true",
            "ContentBasedDeduplication":"true"},"tags":{"team":"x"}})");
    QTest::newRow("SetQueueAttributes: values stay strings")
        << QByteArray("Action=SetQueueAttributes&Version=2012-11-05&QueueUrl=q"
                      "&Attribute.1.Name=VisibilityTimeout&Attribute.1.Value=60"
                      "&Attribute.2.Name=RedrivePolicy&Attribute.2.Value=%7B%22maxReceiveCount%22"
                      "%3A%225%22%2C%22deadLetterTargetArn%22%3A%22arn%3Aaws%3Asqs%3Aus-east-1"
                      "%3A000000000000%3Adlq%22%7D")
        << "SetQueueAttributes"
        << QByteArray(R"({"QueueUrl":"q","Attributes":{"VisibilityTimeout":"60",
            "RedrivePolicy":"{\"maxReceiveCount\":\"5\",\"deadLetterTargetArn\":\"arn:aws:sqs:us-east-1:000000000000:dlq\"}"}})");
    QTest::newRow("GetQueueAttributes")
        << QByteArray("Action=GetQueueAttributes&Version=2012-11-05&QueueUrl=q"
                      "&AttributeName.1=VisibilityTimeout&AttributeName.2=DelaySeconds")
        << "GetQueueAttributes"
        << QByteArray(R"({"QueueUrl":"q","AttributeNames":["VisibilityTimeout","DelaySeconds"]})");
    QTest::newRow("TagQueue: upper-case Tags")
        << QByteArray("Action=TagQueue&Version=2012-11-05&QueueUrl=q"
                      "&Tag.1.Key=a&Tag.1.Value=1&Tag.2.Key=b&Tag.2.Value=")
        << "TagQueue" << QByteArray(R"({"QueueUrl":"q","Tags":{"a":"1","b":""}})");
    QTest::newRow("UntagQueue") << QByteArray(
        "Action=UntagQueue&Version=2012-11-05&QueueUrl=q&TagKey.1=a&TagKey.2=b")
                                << "UntagQueue"
                                << QByteArray(R"({"QueueUrl":"q","TagKeys":["a","b"]})");
    QTest::newRow("ListQueues") << QByteArray(
        "Action=ListQueues&Version=2012-11-05&QueueNamePrefix=or&MaxResults=5"
        "&NextToken=abc") << "ListQueues"
                                << QByteArray(
                                       R"({"QueueNamePrefix":"or","MaxResults":5,"NextToken":"abc"})");
    QTest::newRow("ListDeadLetterSourceQueues")
        << QByteArray("Action=ListDeadLetterSourceQueues&Version=2012-11-05&QueueUrl=dlq"
                      "&MaxResults=1000")
        << "ListDeadLetterSourceQueues" << QByteArray(R"({"QueueUrl":"dlq","MaxResults":1000})");
    QTest::newRow("SendMessageBatch: entries in N order (10 after 2), nested attributes")
        << QByteArray(
               "Action=SendMessageBatch&Version=2012-11-05&QueueUrl=q"
               "&SendMessageBatchRequestEntry.10.Id=m10"
               "&SendMessageBatchRequestEntry.10.MessageBody=c"
               "&SendMessageBatchRequestEntry.1.Id=m1"
               "&SendMessageBatchRequestEntry.1.MessageBody=a"
               "&SendMessageBatchRequestEntry.1.MessageAttribute.1.Name=City"
               "&SendMessageBatchRequestEntry.1.MessageAttribute.1.Value.DataType=String"
               "&SendMessageBatchRequestEntry.1.MessageAttribute.1.Value.StringValue=Any+City"
               "&SendMessageBatchRequestEntry.2.Id=m2"
               "&SendMessageBatchRequestEntry.2.MessageBody=b"
               "&SendMessageBatchRequestEntry.2.DelaySeconds=5")
        << "SendMessageBatch" << QByteArray(R"({"QueueUrl":"q","Entries":[
            {"Id":"m1","MessageBody":"a",
             "MessageAttributes":{"City":{"DataType":"String","StringValue":"Any City"}}},
            {"Id":"m2","MessageBody":"b","DelaySeconds":5},
            {"Id":"m10","MessageBody":"c"}]})");
    QTest::newRow("DeleteMessageBatch")
        << QByteArray("Action=DeleteMessageBatch&Version=2012-11-05&QueueUrl=q"
                      "&DeleteMessageBatchRequestEntry.1.Id=a"
                      "&DeleteMessageBatchRequestEntry.1.ReceiptHandle=h%2B1"
                      "&DeleteMessageBatchRequestEntry.2.Id=b"
                      "&DeleteMessageBatchRequestEntry.2.ReceiptHandle=h2")
        << "DeleteMessageBatch"
        << QByteArray(R"({"QueueUrl":"q","Entries":[{"Id":"a","ReceiptHandle":"h+1"},
                                                      {"Id":"b","ReceiptHandle":"h2"}]})");
    QTest::newRow("ChangeMessageVisibilityBatch: VisibilityTimeout a number")
        << QByteArray("Action=ChangeMessageVisibilityBatch&Version=2012-11-05&QueueUrl=q"
                      "&ChangeMessageVisibilityBatchRequestEntry.1.Id=a"
                      "&ChangeMessageVisibilityBatchRequestEntry.1.ReceiptHandle=h1"
                      "&ChangeMessageVisibilityBatchRequestEntry.1.VisibilityTimeout=0")
        << "ChangeMessageVisibilityBatch"
        << QByteArray(R"({"QueueUrl":"q","Entries":[{"Id":"a","ReceiptHandle":"h1",
                                                       "VisibilityTimeout":0}]})");
    QTest::newRow("ChangeMessageVisibility")
        << QByteArray("Action=ChangeMessageVisibility&Version=2012-11-05&QueueUrl=q"
                      "&ReceiptHandle=h&VisibilityTimeout=43200")
        << "ChangeMessageVisibility"
        << QByteArray(R"({"QueueUrl":"q","ReceiptHandle":"h","VisibilityTimeout":43200})");
    QTest::newRow("GetQueueUrl; Signature V2 fields are not members")
        << QByteArray("Action=GetQueueUrl&Version=2012-11-05&QueueName=x"
                      "&QueueOwnerAWSAccountId=000000000000&AWSAccessKeyId=AK"
                      "&SignatureVersion=2&SignatureMethod=HmacSHA256&Signature=abc"
                      "&Timestamp=2024-01-01T00%3A00%3A00Z")
        << "GetQueueUrl"
        << QByteArray(R"({"QueueName":"x","QueueOwnerAWSAccountId":"000000000000"})");
    QTest::newRow("PurgeQueue and DeleteQueue take a QueueUrl only")
        << QByteArray("Action=PurgeQueue&Version=2012-11-05&QueueUrl=q") << "PurgeQueue"
        << QByteArray(R"({"QueueUrl":"q"})");
    QTest::newRow("ListQueueTags")
        << QByteArray("Action=ListQueueTags&Version=2012-11-05&QueueUrl=q") << "ListQueueTags"
        << QByteArray(R"({"QueueUrl":"q"})");
}

void TestSqsCodec::queryDecode()
{
    QFETCH(QByteArray, form);
    QFETCH(QString, action);
    QFETCH(QByteArray, expected);

    ApiRequest request;
    const SqsError error = SqsHttpCodec::decode(queryRequest(form), &request);
    QVERIFY2(error.ok(), qPrintable(error.message));
    QCOMPARE(request.protocol, WireProtocol::Query);
    QCOMPARE(request.action, action);
    const QJsonObject want = json(expected.constData());
    if (request.params != want) {
        qWarning("got  %s", QJsonDocument(request.params).toJson(QJsonDocument::Compact).data());
        qWarning("want %s", QJsonDocument(want).toJson(QJsonDocument::Compact).data());
    }
    QCOMPARE(request.params, want);

    // The same parameters in a GET query string decode the same way.
    HttpRequest get = queryRequest(QByteArray());
    get.method = "GET";
    get.query = form;
    ApiRequest viaGet;
    QVERIFY(SqsHttpCodec::decode(get, &viaGet).ok());
    QCOMPARE(viaGet.params, want);
}

void TestSqsCodec::queryDecodeErrors_data()
{
    QTest::addColumn<QByteArray>("form");
    QTest::addColumn<SqsErrorCode>("code");
    QTest::addColumn<QString>("message");

    QTest::newRow("no Action") << QByteArray("Version=2012-11-05&QueueName=x")
                               << SqsErrorCode::MissingAction
                               << "The request must contain the parameter Action.";
    QTest::newRow("empty body") << QByteArray() << SqsErrorCode::MissingAction
                                << "The request must contain the parameter Action.";
    QTest::newRow("unsupported action")
        << QByteArray("Action=AddPermission&Version=2012-11-05&QueueUrl=q&Label=l"
                      "&AWSAccountId.1=1&ActionName.1=SendMessage")
        << SqsErrorCode::InvalidAction
        << "The action AddPermission is not valid for this endpoint.";
    QTest::newRow("actions are case-sensitive")
        << QByteArray("Action=sendmessage") << SqsErrorCode::InvalidAction
        << "The action sendmessage is not valid for this endpoint.";
    QTest::newRow("integer member not an integer")
        << QByteArray("Action=SendMessage&QueueUrl=q&MessageBody=x&DelaySeconds=soon")
        << SqsErrorCode::InvalidParameterValue
        << "Value soon for parameter DelaySeconds is invalid. Reason: must be an integer.";
    QTest::newRow("attribute without a name")
        << QByteArray("Action=CreateQueue&QueueName=a&Attribute.1.Value=1")
        << SqsErrorCode::MissingParameter
        << "The request must contain the parameter Attribute.1.Name.";
    QTest::newRow("message attribute without a name in a batch entry")
        << QByteArray("Action=SendMessageBatch&QueueUrl=q&SendMessageBatchRequestEntry.1.Id=a"
                      "&SendMessageBatchRequestEntry.1.MessageAttribute.2.Value.DataType=String")
        << SqsErrorCode::MissingParameter
        << "The request must contain the parameter MessageAttribute.2.Name.";
}

void TestSqsCodec::queryDecodeErrors()
{
    QFETCH(QByteArray, form);
    QFETCH(SqsErrorCode, code);
    QFETCH(QString, message);

    ApiRequest request;
    const SqsError error = SqsHttpCodec::decode(queryRequest(form), &request);
    QCOMPARE(error.code, code);
    QCOMPARE(error.message, message);
    QCOMPARE(request.protocol, WireProtocol::Query);
}

void TestSqsCodec::jsonDecode_data()
{
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("action");
    QTest::addColumn<SqsErrorCode>("code");
    QTest::addColumn<QByteArray>("expected"); // params when the request is good

    const QByteArray send =
        R"({"QueueUrl":"https://sqs.us-east-1.amazonaws.com/123456789012/MyQueue",
            "MessageBody":"Hello world","DelaySeconds":0,
            "MessageAttributes":{"City":{"DataType":"String","StringValue":"Any City"}}})";
    QTest::newRow("SendMessage (spec §6.5): params as they are")
        << QByteArray("AmazonSQS.SendMessage") << send << "SendMessage" << SqsErrorCode::None
        << send;
    QTest::newRow("CreateQueue with lower-case tags")
        << QByteArray("AmazonSQS.CreateQueue")
        << QByteArray(R"({"QueueName":"q","tags":{"a":"b"},"Attributes":{"DelaySeconds":"5"}})")
        << "CreateQueue" << SqsErrorCode::None
        << QByteArray(R"({"QueueName":"q","tags":{"a":"b"},"Attributes":{"DelaySeconds":"5"}})");
    QTest::newRow("empty body is {}") << QByteArray("AmazonSQS.ListQueues") << QByteArray()
                                      << "ListQueues" << SqsErrorCode::None << QByteArray("{}");
    QTest::newRow("invalid JSON") << QByteArray("AmazonSQS.SendMessage")
                                  << QByteArray(R"({"QueueUrl": )") << "SendMessage"
                                  << SqsErrorCode::InvalidParameterValue << QByteArray();
    QTest::newRow("not an object")
        << QByteArray("AmazonSQS.SendMessage") << QByteArray("[1]") << "SendMessage"
        << SqsErrorCode::InvalidParameterValue << QByteArray();
    QTest::newRow("no X-Amz-Target") << QByteArray() << QByteArray("{}") << QString()
                                     << SqsErrorCode::MissingAction << QByteArray();
    QTest::newRow("unsupported action")
        << QByteArray("AmazonSQS.AddPermission") << QByteArray("{}") << "AddPermission"
        << SqsErrorCode::InvalidAction << QByteArray();
    QTest::newRow("another service") << QByteArray("Kinesis_20131202.PutRecord") << QByteArray("{}")
                                     << QString() << SqsErrorCode::InvalidAction << QByteArray();
}

void TestSqsCodec::jsonDecode()
{
    QFETCH(QByteArray, target);
    QFETCH(QByteArray, body);
    QFETCH(QString, action);
    QFETCH(SqsErrorCode, code);
    QFETCH(QByteArray, expected);

    ApiRequest request;
    const SqsError error = SqsHttpCodec::decode(jsonRequest(target, body), &request);
    QCOMPARE(error.code, code);
    QCOMPARE(request.protocol, WireProtocol::Json);
    QCOMPARE(request.action, action);
    if (code == SqsErrorCode::None)
        QCOMPARE(request.params, json(expected.constData()));
    if (code == SqsErrorCode::InvalidAction && action.isEmpty())
        QVERIFY(error.message.contains(QString::fromLatin1(target)));
}

void TestSqsCodec::requestContext()
{
    // Host, access key and region; the queue URL taken from a queue-URL path.
    HttpRequest http = queryRequest("Action=SendMessage&MessageBody=x", "/000000000000/MyQueue");
    http.headers.append(
        {QByteArray("authorization"),
         QByteArray("AWS4-HMAC-SHA256 Credential=AKID1/20240102/eu-west-1/sqs/aws4_request, "
                    "SignedHeaders=host;x-amz-date, Signature=00ff")});
    ApiRequest request;
    QVERIFY(SqsHttpCodec::decode(http, &request).ok());
    QCOMPARE(request.host, QStringLiteral("127.0.0.1:9324"));
    QCOMPARE(request.accessKey, QStringLiteral("AKID1"));
    QCOMPARE(request.region, QStringLiteral("eu-west-1"));
    QCOMPARE(request.params.value("QueueUrl").toString(),
             QStringLiteral("http://127.0.0.1:9324/000000000000/MyQueue"));

    // A QueueUrl in the parameters wins over the path.
    http.body = "Action=SendMessage&MessageBody=x&QueueUrl=http%3A%2F%2Fh%2F1%2Fother";
    QVERIFY(SqsHttpCodec::decode(http, &request).ok());
    QCOMPARE(request.params.value("QueueUrl").toString(), QStringLiteral("http://h/1/other"));

    // Actions without a QueueUrl member do not get one; "/" is no queue path.
    http.body = "Action=GetQueueUrl&QueueName=x";
    QVERIFY(SqsHttpCodec::decode(http, &request).ok());
    QVERIFY(!request.params.contains("QueueUrl"));
    http = queryRequest("Action=PurgeQueue");
    QVERIFY(SqsHttpCodec::decode(http, &request).ok());
    QVERIFY(!request.params.contains("QueueUrl"));

    // JSON requests too; without a Host header the socket's address stands in.
    HttpRequest j = jsonRequest("AmazonSQS.PurgeQueue", "{}");
    j.path = "/000000000000/q1";
    j.headers.removeFirst();
    j.localAuthority = "127.0.0.1:5000";
    QVERIFY(SqsHttpCodec::decode(j, &request).ok());
    QCOMPARE(request.accessKey, QString());
    QCOMPARE(request.params.value("QueueUrl").toString(),
             QStringLiteral("http://127.0.0.1:5000/000000000000/q1"));
}

void TestSqsCodec::md5_data()
{
    QTest::addColumn<QByteArray>("attributes"); // JSON-shape message attributes
    QTest::addColumn<QString>("digest");

    // spec §6.4 vectors.
    QTest::newRow("String") << QByteArray(
        R"({"attribName1":{"DataType":"String","StringValue":"attribValue 1"}})")
                            << "19e27d4e946b072f3f58da80d94fd778";
    QTest::newRow("Number.float") << QByteArray(
        R"({"customNumberTypeAttrib":{"DataType":"Number.float",
            "StringValue":"4563442423554324324264524243.32543234"}})")
                                  << "9fe1b90bbd9965bdf77bac517c7d2495";
    const QByteArray binary = QByteArray("Hello binary world!").toBase64();
    QTest::newRow("Binary") << QByteArray(R"({"binaryAttribute":{"DataType":"Binary",
                                 "BinaryValue":")"
                                          + binary + "\"}}")
                            << "31a92b15d92f8db860eda32aceb656c3";
    QTest::newRow("all three") << QByteArray(R"({"binaryAttribute":{"DataType":"Binary",
                                    "BinaryValue":")"
                                             + binary + R"("},
            "customNumberTypeAttrib":{"DataType":"Number.float",
            "StringValue":"4563442423554324324264524243.32543234"},
            "attribName1":{"DataType":"String","StringValue":"attribValue 1"}})")
                               << "c932db14a896c663f83c260297d594ff";
    QTest::newRow("City (spec §6.5)")
        << QByteArray(R"({"City":{"DataType":"String","StringValue":"Any City"}})")
        << "0c32cb5c844c01fbd5b6b434b52cf670";
    QTest::newRow("none") << QByteArray("{}") << QString();
}

void TestSqsCodec::md5()
{
    QFETCH(QByteArray, attributes);
    QFETCH(QString, digest);
    QCOMPARE(md5OfMessageAttributes(json(attributes.constData())), digest);

    QCOMPARE(md5OfBody("Hello world"), QStringLiteral("3e25960a79dbc69b674cd4ec67a72c62"));
    QCOMPARE(md5OfBody(QByteArray()), QStringLiteral("d41d8cd98f00b204e9800998ecf8427e"));
}

QTEST_GUILESS_MAIN(TestSqsCodec)
#include "tst_sqscodec.moc"
