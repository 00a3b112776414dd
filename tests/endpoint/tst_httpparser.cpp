// The endpoint's HTTP/1.x request parser: framing, keep-alive, Expect: 100-continue,
// limits checked before a body is read, and the status for each malformed request.

#include "endpoint/HttpRequestParser.h"

#include <QtTest>

using namespace flowlab;

using Status = HttpRequestParser::Status;

class TestHttpParser : public QObject
{
    Q_OBJECT

private slots:
    void request();
    void byteByByte();
    void pipelined();
    void expectContinue();
    void keepAlive_data();
    void keepAlive();
    void errors_data();
    void errors();
    void limits();
    void randomInput();
};

void TestHttpParser::request()
{
    HttpRequestParser parser;
    QByteArray buffer = "\r\nPOST /000000000000/q?Action=X&b=%20 HTTP/1.1\r\n"
                        "Host: 127.0.0.1:9324\r\n"
                        "Content-Type:application/x-www-form-urlencoded\r\n"
                        "X-Two: a\r\nx-two:  b  \r\n"
                        "Content-Length: 5\r\n\r\nhello";
    QCOMPARE(parser.parse(buffer), Status::RequestReady);
    QVERIFY(buffer.isEmpty());
    QVERIFY(parser.keepAlive());
    const HttpRequest r = parser.takeRequest();
    QCOMPARE(r.method, QByteArray("POST"));
    QCOMPARE(r.target, QByteArray("/000000000000/q?Action=X&b=%20"));
    QCOMPARE(r.path, QByteArray("/000000000000/q"));
    QCOMPARE(r.query, QByteArray("Action=X&b=%20"));
    QCOMPARE(r.minorVersion, 1);
    QCOMPARE(r.header("host"), QByteArray("127.0.0.1:9324"));
    QCOMPARE(r.header("content-type"), QByteArray("application/x-www-form-urlencoded"));
    QCOMPARE(r.headerValues("x-two"), QList<QByteArray>({"a", "b"}));
    QCOMPARE(r.body, QByteArray("hello"));

    // Bare LF line ends and an absolute-form target.
    buffer = "GET http://localhost:9324/?Action=ListQueues HTTP/1.1\nHost: h\n\n";
    QCOMPARE(parser.parse(buffer), Status::RequestReady);
    const HttpRequest g = parser.takeRequest();
    QCOMPARE(g.path, QByteArray("/"));
    QCOMPARE(g.query, QByteArray("Action=ListQueues"));
    QCOMPARE(g.body, QByteArray());
}

void TestHttpParser::byteByByte()
{
    const QByteArray wire = "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 11\r\n\r\nAction=Abc&";
    HttpRequestParser parser;
    QByteArray buffer;
    for (qsizetype i = 0; i < wire.size(); ++i) {
        buffer += wire[i];
        const Status status = parser.parse(buffer);
        if (i + 1 < wire.size()) {
            QCOMPARE(status, Status::NeedMore);
        } else {
            QCOMPARE(status, Status::RequestReady);
        }
    }
    QCOMPARE(parser.takeRequest().body, QByteArray("Action=Abc&"));
}

void TestHttpParser::pipelined()
{
    HttpRequestParser parser;
    QByteArray buffer = "POST / HTTP/1.1\r\nContent-Length: 3\r\n\r\nonePOST /b HTTP/1.1\r\n"
                        "Content-Length: 3\r\n\r\ntwoGET /c HTT";
    QCOMPARE(parser.parse(buffer), Status::RequestReady);
    QCOMPARE(parser.takeRequest().body, QByteArray("one"));
    QCOMPARE(parser.parse(buffer), Status::RequestReady);
    const HttpRequest second = parser.takeRequest();
    QCOMPARE(second.path, QByteArray("/b"));
    QCOMPARE(second.body, QByteArray("two"));
    QCOMPARE(parser.parse(buffer), Status::NeedMore);
    QCOMPARE(buffer, QByteArray("GET /c HTT"));
    buffer += "P/1.1\r\n\r\n";
    QCOMPARE(parser.parse(buffer), Status::RequestReady);
    QCOMPARE(parser.takeRequest().path, QByteArray("/c"));
}

void TestHttpParser::expectContinue()
{
    HttpRequestParser parser;
    QByteArray buffer = "POST / HTTP/1.1\r\nExpect: 100-Continue\r\nContent-Length: 4\r\n\r\n";
    QCOMPARE(parser.parse(buffer), Status::ContinueExpected);
    QVERIFY(parser.inProgress());
    QCOMPARE(parser.parse(buffer), Status::NeedMore);
    buffer += "body";
    QCOMPARE(parser.parse(buffer), Status::RequestReady);
    QCOMPARE(parser.takeRequest().body, QByteArray("body"));
    QVERIFY(!parser.inProgress());

    // The body already sent with the headers: no 100 needed.
    buffer = "POST / HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\nbody";
    QCOMPARE(parser.parse(buffer), Status::RequestReady);
    // No body, or an HTTP/1.0 client: no 100 either.
    buffer = "POST / HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 0\r\n\r\n";
    QCOMPARE(parser.parse(buffer), Status::RequestReady);
    buffer = "POST / HTTP/1.0\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n";
    QCOMPARE(parser.parse(buffer), Status::NeedMore);
}

void TestHttpParser::keepAlive_data()
{
    QTest::addColumn<QByteArray>("head");
    QTest::addColumn<bool>("keepAlive");
    QTest::addColumn<bool>("keepAliveHeader");

    QTest::newRow("1.1") << QByteArray("GET / HTTP/1.1\r\n\r\n") << true << false;
    QTest::newRow("1.1 close") << QByteArray("GET / HTTP/1.1\r\nConnection: Close\r\n\r\n") << false
                               << false;
    QTest::newRow("1.1 list") << QByteArray("GET / HTTP/1.1\r\nConnection: TE, close\r\n\r\n")
                              << false << false;
    QTest::newRow("1.0") << QByteArray("GET / HTTP/1.0\r\n\r\n") << false << false;
    QTest::newRow("1.0 keep-alive")
        << QByteArray("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n") << true << true;
}

void TestHttpParser::keepAlive()
{
    QFETCH(QByteArray, head);
    QFETCH(bool, keepAlive);
    QFETCH(bool, keepAliveHeader);
    HttpRequestParser parser;
    QCOMPARE(parser.parse(head), Status::RequestReady);
    QCOMPARE(parser.keepAlive(), keepAlive);
    QCOMPARE(parser.keepAliveHeader(), keepAliveHeader);
}

void TestHttpParser::errors_data()
{
    QTest::addColumn<QByteArray>("wire");
    QTest::addColumn<int>("status");

    QTest::newRow("garbage") << QByteArray("hello there\r\n\r\n") << 400;
    QTest::newRow("binary") << QByteArray("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\n\n", 11) << 400;
    QTest::newRow("no version") << QByteArray("GET /\r\n\r\n") << 400;
    QTest::newRow("HTTP/2 preface") << QByteArray("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n") << 505;
    QTest::newRow("bad version") << QByteArray("GET / HTTX/1.1\r\n\r\n") << 400;
    QTest::newRow("relative target") << QByteArray("GET abc HTTP/1.1\r\n\r\n") << 400;
    QTest::newRow("bad method") << QByteArray("G(T / HTTP/1.1\r\n\r\n") << 400;
    QTest::newRow("header without colon") << QByteArray("GET / HTTP/1.1\r\nHost\r\n\r\n") << 400;
    QTest::newRow("space before colon") << QByteArray("GET / HTTP/1.1\r\nHost : h\r\n\r\n") << 400;
    QTest::newRow("folded header") << QByteArray("GET / HTTP/1.1\r\nX-A: a\r\n  b\r\n\r\n") << 400;
    QTest::newRow("NUL in a value") << QByteArray("GET / HTTP/1.1\r\nX-A: a") + '\0' + "b\r\n\r\n"
                                    << 400;
    QTest::newRow("bad Content-Length")
        << QByteArray("POST / HTTP/1.1\r\nContent-Length: 12x\r\n\r\n") << 400;
    QTest::newRow("negative Content-Length")
        << QByteArray("POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n") << 400;
    QTest::newRow("conflicting Content-Length")
        << QByteArray("POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n") << 400;
    QTest::newRow("chunked") << QByteArray(
        "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n")
                             << 501;
    QTest::newRow("unknown expectation")
        << QByteArray("POST / HTTP/1.1\r\nExpect: 200-ok\r\nContent-Length: 1\r\n\r\n") << 417;
}

void TestHttpParser::errors()
{
    QFETCH(QByteArray, wire);
    QFETCH(int, status);
    HttpRequestParser parser;
    QCOMPARE(parser.parse(wire), Status::Error);
    QCOMPARE(parser.errorStatus(), status);
    QVERIFY(!parser.errorText().isEmpty());
    QVERIFY(!parser.keepAlive());
    // A failed parser stays failed.
    QByteArray more = "GET / HTTP/1.1\r\n\r\n";
    QCOMPARE(parser.parse(more), Status::Error);
}

void TestHttpParser::limits()
{
    HttpLimits limits;
    limits.maxHeaderBytes = 1024;
    limits.maxBodyBytes = 2048;

    // An announced body over the limit is refused from the headers alone.
    HttpRequestParser parser(limits);
    QByteArray buffer = "POST / HTTP/1.1\r\nContent-Length: 2049\r\n\r\n";
    QCOMPARE(parser.parse(buffer), Status::Error);
    QCOMPARE(parser.errorStatus(), 413);

    HttpRequestParser atLimit(limits);
    buffer = "POST / HTTP/1.1\r\nContent-Length: 2048\r\n\r\n" + QByteArray(2048, 'x');
    QCOMPARE(atLimit.parse(buffer), Status::RequestReady);

    // Headers that never end are refused once they pass the limit, not buffered forever.
    HttpRequestParser endless(limits);
    buffer = "GET / HTTP/1.1\r\n";
    QCOMPARE(endless.parse(buffer), Status::NeedMore);
    for (int i = 0; i < 100 && endless.parse(buffer) == Status::NeedMore; ++i)
        buffer += "X-Filler: " + QByteArray(20, 'y') + "\r\n";
    QCOMPARE(endless.parse(buffer), Status::Error);
    QCOMPARE(endless.errorStatus(), 431);

    // A complete head over the limit as well.
    HttpRequestParser big(limits);
    buffer = "GET / HTTP/1.1\r\nX-Big: " + QByteArray(2000, 'z') + "\r\n\r\n";
    QCOMPARE(big.parse(buffer), Status::Error);
    QCOMPARE(big.errorStatus(), 431);
}

void TestHttpParser::randomInput()
{
    // Fragments of requests and noise in random order and chunks: the parser never crashes,
    // never buffers more than its limits allow, and every request it accepts is well framed.
    const QList<QByteArray> pieces = {
        "GET / HTTP/1.1\r\n",
        "POST /0/q?x=1 HTTP/1.1\r\n",
        "Content-Length: 7\r\n",
        "Content-Length: 100000\r\n",
        "Expect: 100-continue\r\n",
        "Host: h\r\n",
        "\r\n",
        "\r\n\r\n",
        "Connection: close\r\n",
        "Action=",
        ": ",
        " ",
        "\n",
        "HTTP/1.0",
    };
    HttpLimits limits;
    limits.maxHeaderBytes = 512;
    limits.maxBodyBytes = 1024;
    QRandomGenerator random(20240102);
    int requests = 0;
    int errors = 0;
    for (int round = 0; round < 3000; ++round) {
        HttpRequestParser parser(limits);
        QByteArray buffer;
        for (int step = 0; step < 40; ++step) {
            if (random.bounded(3) == 0) {
                QByteArray noise(random.bounded(1, 40), Qt::Uninitialized);
                for (char &c : noise)
                    c = char(random.bounded(256));
                buffer += noise;
            } else {
                buffer += pieces[random.bounded(int(pieces.size()))];
            }
            Status status = parser.parse(buffer);
            while (status == Status::RequestReady || status == Status::ContinueExpected) {
                if (status == Status::RequestReady) {
                    const HttpRequest r = parser.takeRequest();
                    QVERIFY(r.path.startsWith('/') || r.path == "*");
                    QVERIFY(r.body.size() <= limits.maxBodyBytes);
                    ++requests;
                }
                status = parser.parse(buffer);
            }
            if (status == Status::Error) {
                QVERIFY(parser.errorStatus() >= 400);
                ++errors;
                break;
            }
            QVERIFY(buffer.size() <= limits.maxBodyBytes + 64);
        }
    }
    QVERIFY(requests > 0);
    QVERIFY(errors > 0);
}

QTEST_GUILESS_MAIN(TestHttpParser)
#include "tst_httpparser.moc"
