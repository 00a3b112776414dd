// The command line and headless runs, in process and through the real executable.

#include "CommandLine.h"
#include "io/DiagramFile.h"
#include "io/ReportWriter.h"
#include "runner/HeadlessRun.h"
#include "sim/SimNode.h"
#include "sim/Simulation.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace flowlab;

namespace {
const QString kExamples = QStringLiteral(FLOWLAB_SOURCE_DIR "/resources/examples/");
}

class TestCommandLine : public QObject
{
    Q_OBJECT

private slots:
    void parse_data();
    void parse();
    void durations_data();
    void durations();
    void headlessSummaryAndCsv();
    void jsonReport();
    void badFileIsRefused();
    void executable_data();
    void executable();
};

void TestCommandLine::parse_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("mode");
    QTest::addColumn<QString>("message");
    const int headless = int(CommandLine::Mode::Headless);
    const int window = int(CommandLine::Mode::Window);
    const int error = int(CommandLine::Mode::Error);
    QTest::newRow("defaults") << QStringList{"--headless"} << headless << QString();
    QTest::newRow("window") << QStringList{} << window << QString();
    QTest::newRow("window options")
        << QStringList{"a.flowlab", "--run", "--screenshot", "shot.png", "--after", "2.5"} << window
        << QString();
    QTest::newRow("headless-only option in the window")
        << QStringList{"--duration", "10s"} << error
        << "--duration needs --headless\nTry 'flowlab --help'.";
    QTest::newRow("window-only option headless")
        << QStringList{"--headless", "--run"} << error
        << "--run needs the window: leave out --headless\nTry 'flowlab --help'.";
    QTest::newRow("after without screenshot") << QStringList{"--after", "3"} << error
                                              << "--after needs --screenshot\nTry 'flowlab "
                                                 "--help'.";
    QTest::newRow("bad after") << QStringList{"--screenshot", "a.png", "--after", "soon"} << error
                               << QString();
    QTest::newRow("all options") << QStringList{"--headless",
                                                "a.flowlab",
                                                "--duration",
                                                "90s",
                                                "--seed",
                                                "7",
                                                "--report",
                                                "out.json"}
                                 << headless << QString();
    QTest::newRow("bad duration") << QStringList{"--headless", "a.flowlab", "--duration", "ten"}
                                  << error
                                  << "--duration: \"ten\" is not a duration (examples: 90s, 10m, "
                                     "1.5h, 2d)\nTry 'flowlab --help'.";
    QTest::newRow("zero duration") << QStringList{"--duration", "0s"} << error << QString();
    QTest::newRow("bad seed") << QStringList{"--seed", "x1"} << error
                              << "--seed: \"x1\" is not a positive whole number\nTry 'flowlab "
                                 "--help'.";
    QTest::newRow("bad report") << QStringList{"--report", "out.txt"} << error
                                << "--report: the file must end in .csv or .json\nTry 'flowlab "
                                   "--help'.";
    QTest::newRow("two files") << QStringList{"a.flowlab", "b.flowlab"} << error << QString();
    QTest::newRow("unknown option")
        << QStringList{"--colour"} << error << "Unknown option 'colour'.\nTry 'flowlab --help'.";
    QTest::newRow("help") << QStringList{"--help"} << int(CommandLine::Mode::Help) << QString();
    const int serve = int(CommandLine::Mode::Serve);
    QTest::newRow("serve headless")
        << QStringList{"--serve", "--headless", "--port", "0"} << serve << QString();
    QTest::newRow("serve with the window")
        << QStringList{"--serve", "--port", "9400", "--screenshot", "s.png", "--after", "9"}
        << window << QString();
    QTest::newRow("serve runs anyway") << QStringList{"--serve", "--run"} << error
                                       << "--run does not go with --serve\nTry 'flowlab --help'.";
    QTest::newRow("serve headless screenshot")
        << QStringList{"--serve", "--headless", "--screenshot", "s.png"} << error
        << "--screenshot does not go with --serve\nTry 'flowlab --help'.";
    QTest::newRow("port without serve")
        << QStringList{"--port", "9400"} << error << "--port needs --serve\nTry 'flowlab --help'.";
    QTest::newRow("serve bad port") << QStringList{"--serve", "--port", "70000"} << error
                                    << "--port: \"70000\" is not a port number (0-65535)\nTry "
                                       "'flowlab --help'.";
}

void TestCommandLine::parse()
{
    QFETCH(QStringList, args);
    QFETCH(int, mode);
    QFETCH(QString, message);
    const CommandLine cl = CommandLine::parse(QStringList{"flowlab"} + args,
                                              QStringLiteral(":/default.flowlab"));
    QCOMPARE(int(cl.mode), mode);
    if (!message.isEmpty())
        QCOMPARE(cl.message, message);
    if (QTest::currentDataTag() == QLatin1String("defaults")) {
        QCOMPARE(cl.headless.file, QStringLiteral(":/default.flowlab"));
        QCOMPARE(cl.headless.duration, 10 * kMinute);
        QCOMPARE(cl.headless.seed, quint64(0));
    }
    if (QTest::currentDataTag() == QLatin1String("serve headless")) {
        QCOMPARE(cl.serve.port, quint16(0));
        QVERIFY(cl.serve.file.isEmpty()); // an empty diagram, not the example
    }
    if (QTest::currentDataTag() == QLatin1String("serve with the window")) {
        QVERIFY(cl.window.serve);
        QVERIFY(cl.window.file.isEmpty());
        QCOMPARE(cl.serve.port, quint16(9400));
        QCOMPARE(cl.serve.address, QHostAddress(QHostAddress::LocalHost));
        QCOMPARE(cl.window.screenshot, QStringLiteral("s.png"));
        QCOMPARE(cl.window.after, 9.0);
    }
    if (QTest::currentDataTag() == QLatin1String("window")) {
        QVERIFY(!cl.window.serve);
        QCOMPARE(cl.window.file, QStringLiteral(":/default.flowlab"));
        QVERIFY(!cl.window.run);
        QVERIFY(cl.window.screenshot.isEmpty());
    }
    if (QTest::currentDataTag() == QLatin1String("window options")) {
        QCOMPARE(cl.window.file, QStringLiteral("a.flowlab"));
        QVERIFY(cl.window.run);
        QCOMPARE(cl.window.screenshot, QStringLiteral("shot.png"));
        QCOMPARE(cl.window.after, 2.5);
    }
    if (QTest::currentDataTag() == QLatin1String("all options")) {
        QCOMPARE(cl.headless.file, QStringLiteral("a.flowlab"));
        QCOMPARE(cl.headless.duration, 90 * kSecond);
        QCOMPARE(cl.headless.seed, quint64(7));
        QCOMPARE(cl.headless.report, QStringLiteral("out.json"));
    }
}

void TestCommandLine::durations_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("micros");
    QTest::newRow("seconds") << "90s" << qint64(90) * kSecond;
    QTest::newRow("bare seconds") << "45" << qint64(45) * kSecond;
    QTest::newRow("minutes") << "10m" << qint64(10) * kMinute;
    QTest::newRow("min") << "2min" << qint64(2) * kMinute;
    QTest::newRow("hours") << "1.5h" << qint64(90) * kMinute;
    QTest::newRow("days") << "2d" << qint64(2) * kDay;
    QTest::newRow("ms") << "500ms" << qint64(500) * kMillisecond;
    QTest::newRow("negative") << "-5s" << qint64(-1);
    QTest::newRow("unit only") << "s" << qint64(-1);
    QTest::newRow("unknown unit") << "5y" << qint64(-1);
}

void TestCommandLine::durations()
{
    QFETCH(QString, text);
    QFETCH(qint64, micros);
    SimTime t = -1;
    const bool ok = parseDuration(text, &t);
    QCOMPARE(ok, micros >= 0);
    if (ok)
        QCOMPARE(t, micros);
}

void TestCommandLine::headlessSummaryAndCsv()
{
    QTemporaryDir dir;
    const QString report = dir.filePath(QStringLiteral("out.csv"));
    QString out, err;
    QTextStream o(&out), e(&err);
    HeadlessRun::Options options;
    options.file = kExamples + QStringLiteral("visibility-timeout-too-short.flowlab");
    options.duration = 120 * kSecond;
    options.report = report;
    QCOMPARE(HeadlessRun::run(options, o, e), 0);
    QVERIFY(err.isEmpty());
    QVERIFY(out.contains(QStringLiteral("seed 1, 2 min 0.0 s of virtual time")));
    QVERIFY(out.contains(QStringLiteral("orders  (SQS queue, id 2)")));
    QVERIFY(out.contains(QStringLiteral("duplicates processed")));

    QFile f(report);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = f.readAll().split('\n');
    QCOMPARE(lines.size(), 1 + 120 + 1); // header, 120 one-second rows, final newline
    const QList<QByteArray> header = lines[0].split(',');
    QCOMPARE(header[0], QByteArray("time_s"));
    QVERIFY(header.contains("orders/ApproximateNumberOfMessagesVisible"));
    QVERIFY(header.contains("order-workers/DuplicatesProcessed"));
    QCOMPARE(lines[1].split(',')[0], QByteArray("1"));
    QCOMPARE(lines[120].split(',')[0], QByteArray("120"));

    // The columns are the engine's metrics for the same diagram and seed.
    Diagram d;
    QVERIFY(DiagramFile::load(options.file, &d, nullptr));
    const auto sim = HeadlessRun::simulate(d, 120 * kSecond);
    const int column = int(header.indexOf("orders/NumberOfMessagesSent"));
    const std::vector<double> &sent = sim->simNode(2)->metrics().column(
        QStringLiteral("NumberOfMessagesSent"));
    for (int row = 1; row <= 120; ++row)
        QCOMPARE(lines[row].split(',')[column].toDouble(), sent[std::size_t(row - 1)]);
}

void TestCommandLine::jsonReport()
{
    Diagram d;
    QVERIFY(
        DiagramFile::load(kExamples + QStringLiteral("fifo-message-groups.flowlab"), &d, nullptr));
    const auto sim = HeadlessRun::simulate(d, 30 * kSecond, 5);
    const QJsonObject root = QJsonDocument::fromJson(ReportWriter::json(*sim)).object();
    QCOMPARE(root.value(QStringLiteral("format")).toString(), QStringLiteral("flowlab-report"));
    QCOMPARE(root.value(QStringLiteral("seed")).toString(), QStringLiteral("5"));
    QCOMPARE(root.value(QStringLiteral("time_s")).toArray().size(), 30);
    const QJsonArray nodes = root.value(QStringLiteral("nodes")).toArray();
    QCOMPARE(nodes.size(), d.nodes.size());
    const QJsonObject queue = nodes[1].toObject();
    QCOMPARE(queue.value(QStringLiteral("kind")).toString(), QStringLiteral("sqs-queue"));
    const QJsonArray visible = queue.value(QStringLiteral("metrics"))
                                   .toObject()
                                   .value(QStringLiteral("ApproximateNumberOfMessagesVisible"))
                                   .toArray();
    QCOMPARE(visible.size(), 30);
    QCOMPARE(queue.value(QStringLiteral("summary")).toObject().value(QStringLiteral("type")),
             QJsonValue(QStringLiteral("FIFO")));
}

void TestCommandLine::badFileIsRefused()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("bad.flowlab"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("{\"format\": \"flowlab\", \"version\": 1, \"nodes\": [{\"id\": 1, \"kind\": "
            "\"kinesis\"}]}");
    f.close();
    QString out, err;
    QTextStream o(&out), e(&err);
    HeadlessRun::Options options;
    options.file = path;
    QCOMPARE(HeadlessRun::run(options, o, e), 1);
    QVERIFY(out.isEmpty());
    QVERIFY2(err.startsWith(QStringLiteral("flowlab: cannot open %1: /nodes/0/kind: ").arg(path)),
             qPrintable(err));
}

void TestCommandLine::executable_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("expected"); // in stdout (exit 0) or stderr
    QTest::newRow("example") << QStringList{"--headless",
                                            kExamples + QStringLiteral("video-processing.flowlab"),
                                            "--duration",
                                            "2m"}
                             << 0 << "video-jobs  (SQS queue, id 2)";
    QTest::newRow("bundled example") << QStringList{"--headless", "--duration", "30s"} << 0
                                     << "Flowlab headless run of video-processing.flowlab";
    QTest::newRow("help names the window options")
        << QStringList{"--help"} << 0 << "--screenshot <file>";
    QTest::newRow("missing file") << QStringList{"--headless", "/nonexistent/x.flowlab"} << 1
                                  << "flowlab: cannot open /nonexistent/x.flowlab: ";
    QTest::newRow("bad duration") << QStringList{"--headless", "x.flowlab", "--duration", "1y"} << 2
                                  << "--duration: \"1y\" is not a duration";
    QTest::newRow("report into missing folder")
        << QStringList{"--headless",
                       kExamples + QStringLiteral("video-processing.flowlab"),
                       "--duration",
                       "10s",
                       "--report",
                       "/nonexistent/dir/out.csv"}
        << 1 << "flowlab: cannot write the report /nonexistent/dir/out.csv: ";
}

void TestCommandLine::executable()
{
    QFETCH(QStringList, args);
    QFETCH(int, exitCode);
    QFETCH(QString, expected);
    QProcess p;
    p.start(QStringLiteral(FLOWLAB_EXECUTABLE), args);
    QVERIFY(p.waitForFinished(60000));
    QCOMPARE(p.exitStatus(), QProcess::NormalExit);
    QCOMPARE(p.exitCode(), exitCode);
    const QString text = QString::fromUtf8(exitCode == 0 ? p.readAllStandardOutput()
                                                         : p.readAllStandardError());
    QVERIFY2(text.contains(expected), qPrintable(text));
}

QTEST_GUILESS_MAIN(TestCommandLine)
#include "tst_commandline.moc"
