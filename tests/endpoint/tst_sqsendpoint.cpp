// The SQS endpoint as a live server on 127.0.0.1: driven with raw HTTP over QTcpSocket
// (keep-alive, 100-continue, limits, malformed requests, answers that come later or from
// another thread, clients that leave) and by the real AWS CLI and boto3 (Query protocol).
// The backend is a small in-memory responder (TestSqsBackend.h) that records what it is asked.

#include "RawHttpClient.h"
#include "TestSqsBackend.h"
#include "endpoint/SigV4.h"
#include "endpoint/SqsEndpoint.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonDocument>
#include <QProcess>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QtTest>

using namespace flowlab;

namespace {

const QByteArray LongPoll = post("Action=ReceiveMessage&Version=2012-11-05&QueueUrl=q"
                                 "&WaitTimeSeconds=20&MaxNumberOfMessages=1");
const QByteArray GetUrl = post("Action=GetQueueUrl&Version=2012-11-05&QueueName=x");

} // namespace

class TestSqsEndpoint : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void startAndStop();
    void jsonAndQuery();
    void keepAlive();
    void http10();
    void expectContinue();
    void oversized();
    void malformed();
    void errorsBeforeTheBackend();
    void delayedReply();
    void answersInOrder();
    void replyFromAnotherThread();
    void droppedReply();
    void clientLeavesBeforeTheReply();
    void stopWithHeldReply();
    void signatures();
    void awsCli();
    void boto3();

private:
    std::unique_ptr<TestSqsBackend> m_backend;
    std::unique_ptr<SqsEndpoint> m_endpoint;
};

void TestSqsEndpoint::init()
{
    m_backend = std::make_unique<TestSqsBackend>();
    m_endpoint = std::make_unique<SqsEndpoint>(m_backend.get());
    QString error;
    QVERIFY2(m_endpoint->start(QHostAddress(QHostAddress::LocalHost), 0, &error), qPrintable(error));
    QVERIFY(m_endpoint->port() != 0);
}

void TestSqsEndpoint::cleanup()
{
    m_endpoint.reset();
    m_backend.reset();
}

void TestSqsEndpoint::startAndStop()
{
    QVERIFY(m_endpoint->isRunning());
    QCOMPARE(m_endpoint->address(), QHostAddress(QHostAddress::LocalHost));
    // The port is taken: a second endpoint cannot have it.
    SqsEndpoint second(m_backend.get());
    QString error;
    QVERIFY(!second.start(QHostAddress(QHostAddress::LocalHost), m_endpoint->port(), &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(!second.isRunning());
    QVERIFY(!m_endpoint->start(QHostAddress(QHostAddress::LocalHost), 0, &error));

    const quint16 port = m_endpoint->port();
    m_endpoint->stop();
    QCOMPARE(m_endpoint->port(), quint16(0));
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    QVERIFY(!socket.waitForConnected(1000));
    // And it starts again.
    QVERIFY(m_endpoint->start(QHostAddress(QHostAddress::LocalHost), 0, &error));
    RawHttpClient client(m_endpoint->port());
    client.send(GetUrl);
    QCOMPARE(client.read().status, 200);
}

void TestSqsEndpoint::jsonAndQuery()
{
    QSignalSpy served(m_endpoint.get(), &SqsEndpoint::requestServed);
    RawHttpClient client(m_endpoint->port());

    client.send(postJson("GetQueueUrl", R"({"QueueName":"x"})"));
    RawResponse r = client.read();
    QVERIFY(r.complete);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.header("Content-Type"), QByteArray("application/x-amz-json-1.0"));
    QCOMPARE(r.header("x-amzn-RequestId").size(), 36);
    QCOMPARE(QJsonDocument::fromJson(r.body).object().value("QueueUrl").toString(),
             QStringLiteral("http://localhost/000000000000/x"));

    client.send(post("Action=SendMessage&Version=2012-11-05&QueueUrl=q&MessageBody=Hello+world"
                     "&MessageAttribute.1.Name=City&MessageAttribute.1.Value.DataType=String"
                     "&MessageAttribute.1.Value.StringValue=Any+City"));
    r = client.read();
    QCOMPARE(r.status, 200);
    QCOMPARE(r.header("Content-Type"), QByteArray("text/xml"));
    QVERIFY(r.body.contains("<SendMessageResult><MD5OfMessageBody>3e25960a79dbc69b674cd4ec67a72c62"
                            "</MD5OfMessageBody><MD5OfMessageAttributes>"
                            "0c32cb5c844c01fbd5b6b434b52cf670</MD5OfMessageAttributes>"));
    QVERIFY(r.body.contains("<RequestId>" + r.header("x-amzn-RequestId") + "</RequestId>"));

    // A GET with the parameters in the query string (Query protocol).
    client.send("GET /?Action=ListQueues&Version=2012-11-05 HTTP/1.1\r\nHost: h:1\r\n\r\n");
    r = client.read();
    QCOMPARE(r.status, 200);
    QVERIFY(r.body.contains("<ListQueuesResult><QueueUrl>http://h:1/0/a</QueueUrl>"));

    const QList<ApiRequest> seen = m_backend->requests();
    QCOMPARE(seen.size(), 3);
    QCOMPARE(seen[0].protocol, WireProtocol::Json);
    QCOMPARE(seen[1].protocol, WireProtocol::Query);
    QCOMPARE(seen[1].params.value("MessageBody").toString(), QStringLiteral("Hello world"));

    QTRY_COMPARE(served.size(), 3);
    QCOMPARE(served[0], QVariantList({QStringLiteral("GetQueueUrl"), 200}));
    QCOMPARE(served[1], QVariantList({QStringLiteral("SendMessage"), 200}));
}

void TestSqsEndpoint::keepAlive()
{
    RawHttpClient client(m_endpoint->port());
    client.send(GetUrl);
    QCOMPARE(client.read().status, 200);
    client.send(postJson("SendMessage", R"({"QueueUrl":"q","MessageBody":"a"})"));
    const RawResponse second = client.read();
    QCOMPARE(second.status, 200);
    QCOMPARE(second.header("Connection"), QByteArray());
    QVERIFY(client.connected());
    QCOMPARE(m_endpoint->openConnections(), 1);

    // Connection: close is honoured after the answer.
    client.send(post("Action=GetQueueUrl&QueueName=y", "Connection: close\r\n"));
    const RawResponse last = client.read();
    QCOMPARE(last.status, 200);
    QCOMPARE(last.header("Connection"), QByteArray("close"));
    QVERIFY(client.waitForClose());
    QTRY_COMPARE(m_endpoint->openConnections(), 0);
}

void TestSqsEndpoint::http10()
{
    RawHttpClient client(m_endpoint->port());
    client.send("GET /?Action=GetQueueUrl&QueueName=a HTTP/1.0\r\n\r\n");
    const RawResponse r = client.read();
    QCOMPARE(r.status, 200);
    QVERIFY(client.waitForClose());

    RawHttpClient keep(m_endpoint->port());
    keep.send("GET /?Action=GetQueueUrl&QueueName=a HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
    QCOMPARE(keep.read().header("Connection"), QByteArray("keep-alive"));
    keep.send("GET /?Action=GetQueueUrl&QueueName=b HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
    QCOMPARE(keep.read().status, 200);
}

void TestSqsEndpoint::expectContinue()
{
    RawHttpClient client(m_endpoint->port());
    const QByteArray body = "Action=GetQueueUrl&Version=2012-11-05&QueueName=big";
    client.send("POST / HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: "
                + QByteArray::number(body.size()) + "\r\n\r\n");
    const QByteArray interim = "HTTP/1.1 100 Continue\r\n\r\n";
    QCOMPARE(client.peek(interim.size()), interim);
    client.drop(interim.size());
    QVERIFY(m_backend->requests().isEmpty());
    client.send(body);
    const RawResponse r = client.read();
    QCOMPARE(r.status, 200);
    QVERIFY(r.body.contains("http://h/000000000000/big"));
}

void TestSqsEndpoint::oversized()
{
    // The body is refused from its Content-Length; it is never sent.
    RawHttpClient client(m_endpoint->port());
    client.send("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 100000000\r\n\r\n");
    RawResponse r = client.read();
    QCOMPARE(r.status, 413);
    QCOMPARE(r.header("Connection"), QByteArray("close"));
    QVERIFY(client.waitForClose());

    // With Expect: 100-continue the answer is 413 instead of 100.
    RawHttpClient expecting(m_endpoint->port());
    expecting.send("POST / HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\n"
                   "Content-Length: 5000000\r\n\r\n");
    r = expecting.read();
    QCOMPARE(r.status, 413);
    QVERIFY(expecting.waitForClose());

    // Headers that never end.
    RawHttpClient headers(m_endpoint->port());
    headers.send("POST / HTTP/1.1\r\n");
    for (int i = 0; i < 80; ++i)
        headers.send("X-Filler-" + QByteArray::number(i) + ": " + QByteArray(1000, 'f') + "\r\n");
    r = headers.read();
    QCOMPARE(r.status, 431);
    QVERIFY(headers.waitForClose());
    QVERIFY(m_backend->requests().isEmpty());
}

void TestSqsEndpoint::malformed()
{
    for (const QByteArray &garbage :
         {QByteArray("hello\r\n\r\n"),
          QByteArray("GET / SPDY/3\r\n\r\n"),
          QByteArray("POST / HTTP/1.1\r\nContent-Length: x\r\n\r\n"),
          QByteArray("\x16\x03\x01\x00\xa5\x01\x00\x00\xa1\x03\x03\n\n", 13)}) {
        RawHttpClient client(m_endpoint->port());
        client.send(garbage);
        const RawResponse r = client.read();
        QVERIFY2(r.status == 400, garbage.constData());
        QVERIFY(client.waitForClose());
    }
    RawHttpClient chunked(m_endpoint->port());
    chunked.send("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n");
    QCOMPARE(chunked.read().status, 501);
    QVERIFY(chunked.waitForClose());

    RawHttpClient put(m_endpoint->port());
    put.send("PUT / HTTP/1.1\r\nContent-Length: 0\r\n\r\n");
    const RawResponse r = put.read();
    QCOMPARE(r.status, 405);
    put.send(GetUrl); // still usable
    QCOMPARE(put.read().status, 200);
    QVERIFY(m_backend->requests().size() == 1);
}

void TestSqsEndpoint::errorsBeforeTheBackend()
{
    RawHttpClient client(m_endpoint->port());
    client.send(post("Action=AddPermission&Version=2012-11-05&QueueUrl=q"));
    RawResponse r = client.read();
    QCOMPARE(r.status, 400);
    QVERIFY(r.body.contains("<Code>InvalidAction</Code><Message>The action AddPermission is not "
                            "valid for this endpoint.</Message>"));
    client.send(postJson("SendMessage", "{not json"));
    r = client.read();
    QCOMPARE(r.status, 400);
    QCOMPARE(r.header("x-amzn-query-error"), QByteArray("InvalidParameterValue;Sender"));
    QVERIFY(m_backend->requests().isEmpty());

    // And an error from the backend, in both protocols.
    client.send(postJson("SendMessage", R"({"QueueUrl":"http://h/0/missing","MessageBody":"a"})"));
    r = client.read();
    QCOMPARE(r.status, 400);
    QCOMPARE(r.header("x-amzn-query-error"),
             QByteArray("AWS.SimpleQueueService.NonExistentQueue;Sender"));
    QCOMPARE(r.body,
             QByteArray(R"({"__type":"com.amazonaws.sqs#QueueDoesNotExist",)"
                        R"("message":"The specified queue does not exist."})"));
    client.send(post("Action=PurgeQueue&QueueUrl=http%3A%2F%2Fh%2F0%2Fmissing"));
    r = client.read();
    QCOMPARE(r.status, 400);
    QVERIFY(r.body.contains("<Code>AWS.SimpleQueueService.NonExistentQueue</Code>"));
}

void TestSqsEndpoint::delayedReply()
{
    RawHttpClient waiting(m_endpoint->port());
    QElapsedTimer timer;
    timer.start();
    waiting.send(LongPoll);
    QTRY_COMPARE(m_endpoint->pendingReplies(), 1);

    // Meanwhile another connection is served at once.
    RawHttpClient other(m_endpoint->port());
    for (int i = 0; i < 3; ++i) {
        other.send(GetUrl);
        QCOMPARE(other.read().status, 200);
    }
    QVERIFY(timer.elapsed() < 250);
    QCOMPARE(m_endpoint->pendingReplies(), 1);

    const RawResponse r = waiting.read();
    QCOMPARE(r.status, 200);
    QVERIFY(timer.elapsed() >= 290);
    QVERIFY(r.body.contains("<ReceiptHandle>h+1</ReceiptHandle><MD5OfBody>"));
    QCOMPARE(m_endpoint->pendingReplies(), 0);
    // The connection goes on.
    waiting.send(GetUrl);
    QCOMPARE(waiting.read().status, 200);
}

void TestSqsEndpoint::answersInOrder()
{
    // A pipelining client: the held answer goes out before the next request's.
    RawHttpClient client(m_endpoint->port());
    client.send(LongPoll + GetUrl);
    const RawResponse first = client.read();
    const RawResponse second = client.read();
    QVERIFY(first.body.contains("<ReceiveMessageResponse"));
    QVERIFY(second.body.contains("<GetQueueUrlResponse"));
    const QList<ApiRequest> seen = m_backend->requests();
    QCOMPARE(seen.size(), 2);
    QCOMPARE(seen[0].action, QStringLiteral("ReceiveMessage"));
}

void TestSqsEndpoint::replyFromAnotherThread()
{
    RawHttpClient client(m_endpoint->port());
    client.send(post("Action=PurgeQueue&Version=2012-11-05&QueueUrl=q"));
    const RawResponse r = client.read();
    QCOMPARE(r.status, 200);
    QVERIFY(r.body.contains("<PurgeQueueResponse xmlns=\"http://queue.amazonaws.com/doc/2012-11-05/"
                            "\"><ResponseMetadata>"));
}

void TestSqsEndpoint::droppedReply()
{
    RawHttpClient client(m_endpoint->port());
    client.send(postJson("DeleteQueue", R"({"QueueUrl":"http://h/0/drop"})"));
    const RawResponse r = client.read();
    QCOMPARE(r.status, 500);
    QCOMPARE(r.header("x-amzn-query-error"), QByteArray("InternalFailure;Receiver"));
    QCOMPARE(m_endpoint->pendingReplies(), 0);
}

void TestSqsEndpoint::clientLeavesBeforeTheReply()
{
    QSignalSpy served(m_endpoint.get(), &SqsEndpoint::requestServed);
    {
        RawHttpClient client(m_endpoint->port());
        client.send(LongPoll);
        QTRY_COMPARE(m_endpoint->pendingReplies(), 1);
        client.close();
    }
    QTRY_COMPARE(m_endpoint->openConnections(), 0);
    // The reply comes for a connection that is gone: dropped, no crash.
    QTRY_COMPARE(m_endpoint->pendingReplies(), 0);
    QTRY_COMPARE(served.size(), 1);
    RawHttpClient next(m_endpoint->port());
    next.send(GetUrl);
    QCOMPARE(next.read().status, 200);
}

void TestSqsEndpoint::stopWithHeldReply()
{
    RawHttpClient client(m_endpoint->port());
    client.send(LongPoll);
    QTRY_COMPARE(m_endpoint->pendingReplies(), 1);
    m_endpoint->stop();
    QVERIFY(client.waitForClose());
    // The backend answers the stopped endpoint 300 ms later: nothing happens.
    QTest::qWait(450);
    QCOMPARE(m_endpoint->pendingReplies(), 0);
    m_endpoint.reset(); // and the endpoint can go before the backend's callbacks
}

void TestSqsEndpoint::signatures()
{
    m_endpoint->setCredentials({{"test", "test"}});
    QCOMPARE(m_endpoint->credentials().value("test"), QStringLiteral("test"));
    const QByteArray body = "Action=GetQueueUrl&Version=2012-11-05&QueueName=signed";

    auto signedRequest = [&](const QString &key, const QString &secret) {
        HttpRequest r;
        r.method = "POST";
        r.path = "/";
        r.headers = {{"content-type", "application/x-www-form-urlencoded; charset=utf-8"},
                     {"host", "127.0.0.1:" + QByteArray::number(m_endpoint->port())}};
        r.body = body;
        SigV4::sign(&r, key, secret, "eu-west-1", "sqs", "20240102T030405Z");
        QByteArray wire = "POST / HTTP/1.1\r\n";
        for (const auto &h : r.headers)
            wire += h.first + ": " + h.second + "\r\n";
        return wire + "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
    };

    RawHttpClient client(m_endpoint->port());
    client.send(signedRequest("test", "test"));
    RawResponse r = client.read();
    QCOMPARE(r.status, 200);
    QCOMPARE(m_backend->requests().value(0).region, QStringLiteral("eu-west-1"));

    client.send(signedRequest("test", "wrong"));
    r = client.read();
    QCOMPARE(r.status, 403);
    QVERIFY(r.body.contains("<Code>SignatureDoesNotMatch</Code>"));
    client.send(signedRequest("stranger", "test"));
    r = client.read();
    QCOMPARE(r.status, 403);
    QVERIFY(r.body.contains("<Code>InvalidClientTokenId</Code>"));
    client.send(GetUrl);
    r = client.read();
    QCOMPARE(r.status, 403);
    QVERIFY(r.body.contains("<Code>AccessDenied</Code>"));
    QCOMPARE(m_backend->requests().size(), 1);

    m_endpoint->setCredentials({});
    client.send(GetUrl);
    QCOMPARE(client.read().status, 200);
}

void TestSqsEndpoint::awsCli()
{
    const QString aws = QStringLiteral("/usr/bin/aws");
    if (!QFileInfo::exists(aws))
        QFAIL("/usr/bin/aws is not installed (scripts/install-deps.sh installs it)");
    QTemporaryDir home;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char *name : {"HTTP_PROXY",
                             "HTTPS_PROXY",
                             "ALL_PROXY",
                             "http_proxy",
                             "https_proxy",
                             "all_proxy",
                             "AWS_PROFILE",
                             "AWS_SESSION_TOKEN"})
        env.remove(QString::fromLatin1(name));
    env.insert("NO_PROXY", "127.0.0.1,localhost");
    env.insert("HOME", home.path());
    env.insert("AWS_CONFIG_FILE", home.filePath("config"));
    env.insert("AWS_SHARED_CREDENTIALS_FILE", home.filePath("credentials"));
    env.insert("AWS_ACCESS_KEY_ID", "test");
    env.insert("AWS_SECRET_ACCESS_KEY", "test");
    env.insert("AWS_EC2_METADATA_DISABLED", "true");
    env.insert("AWS_PAGER", "");

    // With signature checks on, so the CLI's own SigV4 signature is verified too.
    m_endpoint->setCredentials({{"test", "test"}});
    auto run = [&](QProcess &process) {
        process.setProcessEnvironment(env);
        process.start(aws,
                      {"--endpoint-url",
                       QStringLiteral("http://127.0.0.1:%1").arg(m_endpoint->port()),
                       "--region",
                       "us-east-1",
                       "--output",
                       "json",
                       "sqs",
                       "get-queue-url",
                       "--queue-name",
                       "x"});
        QVERIFY(process.waitForFinished(120000));
    };
    QProcess process;
    run(process);
    const QByteArray out = process.readAllStandardOutput();
    QVERIFY2(process.exitCode() == 0, process.readAllStandardError().constData());
    QCOMPARE(QJsonDocument::fromJson(out).object().value("QueueUrl").toString(),
             QStringLiteral("http://127.0.0.1:%1/000000000000/x").arg(m_endpoint->port()));

    const QList<ApiRequest> seen = m_backend->requests();
    QCOMPARE(seen.size(), 1);
    QCOMPARE(seen[0].action, QStringLiteral("GetQueueUrl"));
    QCOMPARE(seen[0].protocol, WireProtocol::Query); // awscli 2.9 speaks Query
    QCOMPARE(seen[0].params, QJsonObject({{"QueueName", "x"}}));
    QCOMPARE(seen[0].accessKey, QStringLiteral("test"));
    QCOMPARE(seen[0].region, QStringLiteral("us-east-1"));

    // A wrong secret is refused with the Query error the CLI reports.
    env.insert("AWS_SECRET_ACCESS_KEY", "not-the-secret");
    QProcess refused;
    run(refused);
    QVERIFY(refused.exitCode() != 0);
    QVERIFY(refused.readAllStandardError().contains("SignatureDoesNotMatch"));
    QCOMPARE(m_backend->requests().size(), 1);
}

void TestSqsEndpoint::boto3()
{
    const QString python = QStringLiteral("/usr/bin/python3");
    if (!QFileInfo::exists(python))
        QFAIL("/usr/bin/python3 is not installed (scripts/install-deps.sh)");
    QProcess check;
    check.start(python, {"-c", "import boto3"});
    if (!check.waitForFinished(60000) || check.exitCode() != 0)
        QFAIL("python3-boto3 is not installed (scripts/install-deps.sh installs it)");

    // boto3's Query serializer and XML parser, against the endpoint: a batch with a failure.
    const QString script = QStringLiteral(R"(
import sys, boto3
c = boto3.client('sqs', endpoint_url='http://127.0.0.1:%1', region_name='eu-west-1',
                 aws_access_key_id='k', aws_secret_access_key='s')
r = c.send_message(QueueUrl='http://127.0.0.1:%1/000000000000/q', MessageBody='Hello world',
                   MessageAttributes={'City': {'DataType': 'String', 'StringValue': 'Any City'}})
print(r['MD5OfMessageBody'], r['MD5OfMessageAttributes'], r['MessageId'])
try:
    c.purge_queue(QueueUrl='http://127.0.0.1:%1/000000000000/missing')
except c.exceptions.QueueDoesNotExist as e:
    print('error', e.response['Error']['Code'], e.response['ResponseMetadata']['HTTPStatusCode'])
)")
                               .arg(m_endpoint->port());
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("NO_PROXY", "127.0.0.1,localhost");
    env.remove("HTTP_PROXY");
    env.remove("http_proxy");
    env.insert("AWS_CONFIG_FILE", "/dev/null");
    env.insert("AWS_EC2_METADATA_DISABLED", "true");
    process.setProcessEnvironment(env);
    process.start(python, {"-c", script});
    QVERIFY(process.waitForFinished(120000));
    QVERIFY2(process.exitCode() == 0, process.readAllStandardError().constData());
    const QList<QByteArray> lines = process.readAllStandardOutput().trimmed().split('\n');
    QCOMPARE(lines.value(0),
             QByteArray("3e25960a79dbc69b674cd4ec67a72c62 "
                        "0c32cb5c844c01fbd5b6b434b52cf670 "
                        "5fea7756-0ea4-451a-a703-a558b933e274"));
    QCOMPARE(lines.value(1), QByteArray("error AWS.SimpleQueueService.NonExistentQueue 400"));
    const QList<ApiRequest> seen = m_backend->requests();
    QCOMPARE(seen.size(), 2);
    QCOMPARE(seen[0].params.value("MessageAttributes").toObject(),
             QJsonDocument::fromJson(R"({"City":{"DataType":"String","StringValue":"Any City"}})")
                 .object());
}

QTEST_GUILESS_MAIN(TestSqsEndpoint)
#include "tst_sqsendpoint.moc"
