// `flowlab --serve` with the window: real AWS CLI calls reach the window's run, the clients'
// queues and a node per client appear in the document and on the canvas, and the queue's
// counters in the runner's frames show what the CLI sent (issue: local SQS endpoint).

#include "../ui/TestWindow.h"
#include "RunController.h"
#include "WindowEndpoint.h"
#include "canvas/DiagramScene.h"
#include "canvas/TokenLayer.h"
#include "runner/Frame.h"

#include <QProcess>
#include <QSignalSpy>

using namespace flowlab;
using namespace flowlab::test;

namespace {

constexpr int kCliTimeoutMs = 60000;
const QString kAccessKey = QStringLiteral("AKIDWINDOW");

// Every trace record and token of the frames the window applied.
struct FrameLog : QObject
{
    QVector<TraceRecord> trace;
    QVector<TokenSpawn> tokens;
    explicit FrameLog(RunController *run)
    {
        connect(run, &RunController::frameApplied, this, [this](const FramePtr &f) {
            if (f) {
                trace += f->trace;
                tokens += f->tokens;
            }
        });
    }
};

const Node *nodeNamed(const Diagram &d, NodeKind kind, const QString &name)
{
    for (const Node &n : d.nodes) {
        if (n.kind == kind && n.name == name)
            return &n;
    }
    return nullptr;
}

bool linked(const Diagram &d, int from, int to)
{
    for (const Link &l : d.links) {
        if (l.from == from && l.to == to && l.kind == LinkKind::Flow)
            return true;
    }
    return false;
}

} // namespace

class TestServeWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cliMessageShowsOnTheCanvas();
    void simulatedConsumersDrainWhatTheCliSent();

private:
    // Runs the AWS CLI against the endpoint without blocking the event loop (the window's
    // thread relays every request); returns its standard output.
    QString aws(const QStringList &args);

    QTemporaryDir m_config;
    QString m_url;
};

void TestServeWindow::initTestCase()
{
    QVERIFY(m_config.isValid());
    initEnvironment(m_config, "tst_servewindow");
    if (!QFile::exists(QStringLiteral("/usr/bin/aws")))
        QFAIL("the AWS CLI (/usr/bin/aws) is missing: scripts/install-deps.sh installs it");
}

QString TestServeWindow::aws(const QStringList &args)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("AWS_ACCESS_KEY_ID"), kAccessKey);
    env.insert(QStringLiteral("AWS_SECRET_ACCESS_KEY"), QStringLiteral("secret"));
    env.insert(QStringLiteral("AWS_DEFAULT_REGION"), QStringLiteral("us-east-1"));
    env.insert(QStringLiteral("AWS_PAGER"), QString());
    env.insert(QStringLiteral("AWS_CONFIG_FILE"), QStringLiteral("/dev/null"));
    env.insert(QStringLiteral("AWS_SHARED_CREDENTIALS_FILE"), QStringLiteral("/dev/null"));
    p.setProcessEnvironment(env);
    p.start(QStringLiteral("/usr/bin/aws"),
            QStringList{QStringLiteral("--endpoint-url"), m_url, QStringLiteral("sqs")} + args);
    [&] { QTRY_VERIFY_WITH_TIMEOUT(p.state() == QProcess::NotRunning, kCliTimeoutMs); }();
    const QString err = QString::fromUtf8(p.readAllStandardError());
    if (p.exitCode() != 0)
        qWarning("aws %s: %s", qPrintable(args.join(QLatin1Char(' '))), qPrintable(err));
    return QString::fromUtf8(p.readAllStandardOutput()).trimmed();
}

void TestServeWindow::cliMessageShowsOnTheCanvas()
{
    TestWindow w; // an empty diagram, as `flowlab --serve` without a file
    w.show();
    WindowEndpoint endpoint(w.runController());
    QString error;
    QVERIFY2(endpoint.start(QHostAddress(QHostAddress::LocalHost), 0, &error), qPrintable(error));
    m_url = endpoint.url();
    RunController *run = w.runController();
    QVERIFY(run->isServing());
    QVERIFY(run->isRunning());
    run->setSpeed(50);
    QCOMPARE(run->speed(), 1.0); // real clients keep wall-clock time
    FrameLog log(run);

    const QString url = aws(
        {"create-queue", "--queue-name", "gui-orders", "--output", "text", "--query", "QueueUrl"});
    QCOMPARE(url, m_url + QStringLiteral("/000000000000/gui-orders"));
    const QString id = aws({"send-message",
                            "--queue-url",
                            url,
                            "--message-body",
                            "hello canvas",
                            "--output",
                            "text",
                            "--query",
                            "MessageId"});
    QVERIFY(!id.isEmpty());

    // The queue and the client are in the document, linked, on the canvas.
    const Diagram *d = &w.document()->diagram();
    QTRY_VERIFY(nodeNamed(*d, NodeKind::SqsClient, kAccessKey));
    const Node *queue = nodeNamed(*d, NodeKind::SqsQueue, QStringLiteral("gui-orders"));
    const Node *client = nodeNamed(*d, NodeKind::SqsClient, kAccessKey);
    QVERIFY(queue);
    const int queueId = queue->id;
    const int clientId = client->id;
    QVERIFY(linked(*d, clientId, queueId));
    QVERIFY(w.scene()->nodeItem(queueId));
    QVERIFY(w.scene()->nodeItem(clientId));
    QVERIFY(w.scene()->tokenLayer()->hasRoute(clientId, queueId));
    QCOMPARE(w.document()->undoStack()->text(0),
             QStringLiteral("SQS client: create queue gui-orders"));

    // The frames count it: one visible message, one sent by the client; its token left
    // from the client's node.
    QTRY_COMPARE(run->lastFrame()->counter(queueId, QStringLiteral("visible")), 1.0);
    QCOMPARE(run->lastFrame()->counter(clientId, QStringLiteral("sent")), 1.0);
    const auto token = std::find_if(log.tokens.cbegin(), log.tokens.cend(), [&](const TokenSpawn &t) {
        return t.from == clientId && t.to == queueId && t.kind == TraceKind::Sent;
    });
    QVERIFY(token != log.tokens.cend());

    // Received through the CLI: in flight, the client node counts it, a link back.
    const QString body = aws(
        {"receive-message", "--queue-url", url, "--output", "text", "--query", "Messages[0].Body"});
    QCOMPARE(body, QStringLiteral("hello canvas"));
    QTRY_COMPARE(run->lastFrame()->counter(queueId, QStringLiteral("inFlight")), 1.0);
    QCOMPARE(run->lastFrame()->counter(queueId, QStringLiteral("visible")), 0.0);
    QTRY_COMPARE(run->lastFrame()->counter(clientId, QStringLiteral("received")), 1.0);
    QVERIFY(linked(w.document()->diagram(), queueId, clientId));

    // The person's edits reach the client's queue: a new visibility timeout is what the CLI
    // reads back.
    QVERIFY(w.document()->setNodeSetting(queueId, QStringLiteral("visibilityTimeout"), 45, false));
    QCOMPARE(aws({"get-queue-attributes",
                  "--queue-url",
                  url,
                  "--attribute-names",
                  "VisibilityTimeout",
                  "--output",
                  "text",
                  "--query",
                  "Attributes.VisibilityTimeout"}),
             QStringLiteral("45"));
    // And the client's attribute changes reach the document.
    aws({"set-queue-attributes", "--queue-url", url, "--attributes", "DelaySeconds=7"});
    QTRY_COMPARE(w.document()->diagram().node(queueId)->setting(QStringLiteral("delaySeconds")),
                 QVariant(7));
    w.setWindowModified(false);
    w.document()->undoStack()->setClean();
}

void TestServeWindow::simulatedConsumersDrainWhatTheCliSent()
{
    TestWindow w;
    QVERIFY(w.loadFile(kExamples + QStringLiteral("video-processing.flowlab")));
    w.show();
    WindowEndpoint endpoint(w.runController());
    QString error;
    QVERIFY2(endpoint.start(QHostAddress(QHostAddress::LocalHost), 0, &error), qPrintable(error));
    m_url = endpoint.url();
    FrameLog log(w.runController());

    // The example's own queue is there for clients under its name.
    const QString url = aws(
        {"get-queue-url", "--queue-name", "video-jobs", "--output", "text", "--query", "QueueUrl"});
    QCOMPARE(url, m_url + QStringLiteral("/000000000000/video-jobs"));
    aws({"send-message", "--queue-url", url, "--message-body", "render me"});
    QTRY_VERIFY(nodeNamed(w.document()->diagram(), NodeKind::SqsClient, kAccessKey));
    const int clientId = nodeNamed(w.document()->diagram(), NodeKind::SqsClient, kAccessKey)->id;

    // The message the CLI sent is received by the simulated back-end consumers.
    auto sentByClient = [&]() -> quint64 {
        for (const TraceRecord &r : std::as_const(log.trace)) {
            if (r.kind == TraceKind::Sent && r.b == clientId)
                return r.message;
        }
        return 0;
    };
    QTRY_VERIFY(sentByClient() != 0);
    const quint64 message = sentByClient();
    QTRY_VERIFY_WITH_TIMEOUT(std::any_of(log.trace.cbegin(),
                                         log.trace.cend(),
                                         [&](const TraceRecord &r) {
                                             return r.kind == TraceKind::Received
                                                    && r.message == message && r.b == kConsumers;
                                         }),
                             10000);

    // The other way round: with the back end unlinked (a live edit), the CLI receives what
    // the simulated front end sent.
    w.document()->removeItems({}, {6});
    const QString body = aws({"receive-message",
                              "--queue-url",
                              url,
                              "--wait-time-seconds",
                              "5",
                              "--output",
                              "text",
                              "--query",
                              "Messages[0].Body"});
    QVERIFY2(body.contains(QStringLiteral("\"simulated\":true"))
                 && body.contains(QStringLiteral("front-end")),
             qPrintable(body));
    w.document()->undoStack()->setClean();
}

QTEST_MAIN(TestServeWindow)
#include "tst_servewindow.moc"
