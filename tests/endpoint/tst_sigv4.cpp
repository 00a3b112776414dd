// AWS Signature Version 4 on the endpoint: reading the credential scope, and checking
// signatures against AWS's published example and requests signed by botocore itself.

#include "endpoint/SigV4.h"

#include <QtTest>

using namespace flowlab;

namespace {

HttpRequest request(const QByteArray &method,
                    const QByteArray &path,
                    const QByteArray &query,
                    const QList<QPair<QByteArray, QByteArray>> &headers,
                    const QByteArray &body)
{
    HttpRequest r;
    r.method = method;
    r.path = path;
    r.query = query;
    r.target = query.isEmpty() ? path : path + '?' + query;
    r.headers = headers;
    r.body = body;
    return r;
}

// Captured from /usr/bin/python3 (botocore 1.29.27): SigV4Auth(Credentials('AKIDFLOWLAB',
// 'flowlab/secret+key'), 'sqs', 'eu-west-1').add_auth(AWSRequest('POST',
// 'http://127.0.0.1:9324/', data=...)) with utcnow patched to 2024-01-02 03:04:05.
HttpRequest botocorePost()
{
    return request(
        "POST",
        "/",
        QByteArray(),
        {{"host", "127.0.0.1:9324"},
         {"content-type", "application/x-www-form-urlencoded; charset=utf-8"},
         {"user-agent", "aws-cli/2.9.19"},
         {"x-amz-date", "20240102T030405Z"},
         {"authorization",
          "AWS4-HMAC-SHA256 Credential=AKIDFLOWLAB/20240102/eu-west-1/sqs/"
          "aws4_request, SignedHeaders=content-type;host;x-amz-date, "
          "Signature=52d12860e0f25d3dead72d19c11f24d114f18814480c5a7e41f6d9c2"
          "51ebd785"}},
        "Action=SendMessage&Version=2012-11-05&QueueUrl=http%3A%2F%2F127.0.0.1%3A9324%2F0000000"
        "00000%2FMyQueue&MessageBody=Hello+world%2B%26");
}

// The same, a GET to a queue path with an escaped character and an empty parameter:
// AWSRequest('GET', 'http://localhost:9324/000000000000/q%20x?Action=GetQueueAttributes
// &AttributeName.1=All&Version=2012-11-05&Empty=&Plus=a%2Bb'), region us-east-1.
HttpRequest botocoreGet()
{
    return request("GET",
                   "/000000000000/q%20x",
                   "Action=GetQueueAttributes&AttributeName.1=All&Version=2012-11-05&Empty=&Plus="
                   "a%2Bb",
                   {{"host", "localhost:9324"},
                    {"x-amz-date", "20240102T030405Z"},
                    {"authorization",
                     "AWS4-HMAC-SHA256 Credential=AKIDFLOWLAB/20240102/us-east-1/sqs/aws4_request, "
                     "SignedHeaders=host;x-amz-date, Signature=1cd05cce713476dcf8d2c1322949032bb0"
                     "452dde3c74da7d3dbc180cc501e8be"}},
                   QByteArray());
}

const QHash<QString, QString> BotocoreKeys = {{"AKIDFLOWLAB", "flowlab/secret+key"}};

} // namespace

class TestSigV4 : public QObject
{
    Q_OBJECT

private slots:
    void parseAuthorization_data();
    void parseAuthorization();
    void awsExample();
    void botocoreVectors();
    void canonicalForms();
    void signAndVerify();
    void refusals();
};

void TestSigV4::parseAuthorization_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("accessKey");
    QTest::addColumn<QString>("region");
    QTest::addColumn<QByteArray>("signedHeaders");

    QTest::newRow("botocore") << QByteArray(
        "AWS4-HMAC-SHA256 Credential=test/20240102/us-east-1/sqs/aws4_request, "
        "SignedHeaders=content-type;host;x-amz-date, Signature=ab12")
                              << true << "test"
                              << "us-east-1" << QByteArray("content-type;host;x-amz-date");
    QTest::newRow("no spaces after commas")
        << QByteArray("AWS4-HMAC-SHA256 Credential=AK/20240102/eu-central-1/sqs/aws4_request,"
                      "SignedHeaders=host,Signature=00")
        << true << "AK"
        << "eu-central-1" << QByteArray("host");
    QTest::newRow("signature V2") << QByteArray("AWS AKID:c2lnbmF0dXJl") << false << QString()
                                  << QString() << QByteArray();
    QTest::newRow("scope too short")
        << QByteArray("AWS4-HMAC-SHA256 Credential=AK/20240102/us-east-1/aws4_request, "
                      "SignedHeaders=host, Signature=00")
        << false << QString() << QString() << QByteArray();
    QTest::newRow("no signature") << QByteArray(
        "AWS4-HMAC-SHA256 Credential=AK/20240102/us-east-1/sqs/aws4_request, "
        "SignedHeaders=host") << false
                                  << QString() << QString() << QByteArray();
    QTest::newRow("empty") << QByteArray() << false << QString() << QString() << QByteArray();
}

void TestSigV4::parseAuthorization()
{
    QFETCH(QByteArray, header);
    QFETCH(bool, valid);
    QFETCH(QString, accessKey);
    QFETCH(QString, region);
    QFETCH(QByteArray, signedHeaders);

    SigV4Credential credential;
    QCOMPARE(SigV4::parseAuthorization(header, &credential), valid);
    if (!valid)
        return;
    QCOMPARE(credential.accessKey, accessKey);
    QCOMPARE(credential.region, region);
    QCOMPARE(credential.service, QStringLiteral("sqs"));
    QCOMPARE(credential.signedHeaders.join(';'), signedHeaders);
}

void TestSigV4::awsExample()
{
    // AWS's SigV4 test suite, "get-vanilla" (also what botocore computes for it).
    const HttpRequest r
        = request("GET",
                  "/",
                  QByteArray(),
                  {{"host", "example.amazonaws.com"},
                   {"x-amz-date", "20150830T123600Z"},
                   {"authorization",
                    "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/"
                    "aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b"
                    "73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"}},
                  QByteArray());
    QCOMPARE(SigV4::canonicalRequest(r, {"host", "x-amz-date"}),
             QByteArray("GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\n"
                        "host;x-amz-date\n"
                        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
    const SqsError error
        = SigV4::verify(r, {{"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"}});
    QVERIFY2(error.ok(), qPrintable(error.message));
}

void TestSigV4::botocoreVectors()
{
    for (const HttpRequest &r : {botocorePost(), botocoreGet()}) {
        const SqsError error = SigV4::verify(r, BotocoreKeys);
        QVERIFY2(error.ok(), qPrintable(error.message));
    }
    // Our own signer gives botocore's signature for the same request.
    HttpRequest post = botocorePost();
    const QByteArray original = post.header("authorization");
    post.headers.removeIf([](const auto &h) { return h.first == "authorization"; });
    SigV4::sign(&post, "AKIDFLOWLAB", "flowlab/secret+key", "eu-west-1", "sqs", "20240102T030405Z");
    QCOMPARE(post.header("authorization"), original);
}

void TestSigV4::canonicalForms()
{
    // The path is encoded once more ('%' → '%25'), dot segments and double slashes go.
    QCOMPARE(SigV4::canonicalUri("/000000000000/q%20x"), QByteArray("/000000000000/q%2520x"));
    QCOMPARE(SigV4::canonicalUri("/a/./b/../c//d/"), QByteArray("/a/c/d/"));
    QCOMPARE(SigV4::canonicalUri(""), QByteArray("/"));
    // Query parameters: decoded, re-encoded RFC 3986 style, sorted by name then value.
    QCOMPARE(SigV4::canonicalQueryString("b=2&a=x y&a=%7e&c&Plus=a%2bb&s=a+b"),
             QByteArray("Plus=a%2Bb&a=x%20y&a=~&b=2&c=&s=a%2Bb"));
}

void TestSigV4::signAndVerify()
{
    HttpRequest r = request("POST",
                            "/",
                            QByteArray(),
                            {{"host", "127.0.0.1:4566"},
                             {"content-type", "application/x-amz-json-1.0"},
                             {"x-amz-target", "AmazonSQS.ListQueues"}},
                            "{}");
    SigV4::sign(&r, "test", "test", "us-east-1", "sqs", "20240501T120000Z");
    const QHash<QString, QString> keys = {{"test", "test"}, {"other", "secret"}};
    QVERIFY(SigV4::verify(r, keys).ok());

    // Changing anything signed breaks it; unsigned headers do not matter.
    HttpRequest changedBody = r;
    changedBody.body = "{ }";
    QCOMPARE(SigV4::verify(changedBody, keys).code, SqsErrorCode::SignatureDoesNotMatch);
    HttpRequest changedHost = r;
    changedHost.headers[0].second = "127.0.0.1:4567";
    QCOMPARE(SigV4::verify(changedHost, keys).code, SqsErrorCode::SignatureDoesNotMatch);
    HttpRequest unsignedHeader = r;
    unsignedHeader.headers.append({QByteArray("user-agent"), QByteArray("x")});
    QVERIFY(SigV4::verify(unsignedHeader, keys).ok());
    // A declared payload hash is used instead of hashing the body.
    HttpRequest declared = r;
    declared.headers.append({QByteArray("x-amz-content-sha256"), QByteArray("UNSIGNED-PAYLOAD")});
    QCOMPARE(SigV4::verify(declared, keys).code, SqsErrorCode::SignatureDoesNotMatch);
    // A wrong secret.
    QCOMPARE(SigV4::verify(r, {{"test", "nope"}}).code, SqsErrorCode::SignatureDoesNotMatch);
}

void TestSigV4::refusals()
{
    HttpRequest r = botocorePost();
    QCOMPARE(SigV4::verify(r, {{"someone", "else"}}).code, SqsErrorCode::InvalidClientTokenId);
    const SqsErrorInfo &info = sqsErrorInfo(SqsErrorCode::InvalidClientTokenId);
    QCOMPARE(info.httpStatus, 403);

    HttpRequest unsignedRequest = r;
    unsignedRequest.headers.removeIf([](const auto &h) { return h.first == "authorization"; });
    const SqsError missing = SigV4::verify(unsignedRequest, BotocoreKeys);
    QCOMPARE(missing.code, SqsErrorCode::AccessDenied);
    QCOMPARE(sqsErrorInfo(missing.code).httpStatus, 403);

    HttpRequest v2 = r;
    v2.headers.last().second = "AWS AKIDFLOWLAB:abc";
    QCOMPARE(SigV4::verify(v2, BotocoreKeys).code, SqsErrorCode::AccessDenied);

    HttpRequest noDate = r;
    noDate.headers.removeIf([](const auto &h) { return h.first == "x-amz-date"; });
    QCOMPARE(SigV4::verify(noDate, BotocoreKeys).code, SqsErrorCode::SignatureDoesNotMatch);

    HttpRequest tampered = r;
    tampered.body.replace("Hello", "Jello");
    QCOMPARE(SigV4::verify(tampered, BotocoreKeys).code, SqsErrorCode::SignatureDoesNotMatch);
    QCOMPARE(sqsErrorInfo(SqsErrorCode::SignatureDoesNotMatch).httpStatus, 403);
}

QTEST_GUILESS_MAIN(TestSigV4)
#include "tst_sigv4.moc"
