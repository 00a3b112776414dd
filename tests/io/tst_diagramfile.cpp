#include "io/DiagramFile.h"
#include "model/Diagram.h"
#include "model/PropertySchema.h"

#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QtTest>

using namespace flowlab;

namespace {

const QString kDataDir = QStringLiteral(FLOWLAB_TEST_DATA_DIR "/data");
const QString kExamplesDir = QStringLiteral(FLOWLAB_SOURCE_DIR "/resources/examples");

QByteArray readBytes(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot open test data %s", qPrintable(path));
    return file.readAll();
}

// A diagram that must survive every refused read unchanged.
Diagram sentinelDiagram()
{
    Diagram diagram;
    Node queue;
    queue.id = 42;
    queue.kind = NodeKind::SqsQueue;
    queue.name = QStringLiteral("untouched");
    queue.settings.insert(QStringLiteral("visibilityTimeout"), qint64(7));
    diagram.nodes.append(queue);
    diagram.simulation.seed = 99;
    return diagram;
}

Node makeNode(int id, NodeKind kind, const QString &name, QPointF position)
{
    Node node;
    node.id = id;
    node.kind = kind;
    node.name = name;
    node.position = position;
    return node;
}

// Every setting of the kind set away from its default, in the type the reader stores.
QVariantMap everySetting(NodeKind kind)
{
    QVariantMap settings;
    for (const PropertyDef &def : PropertySchema::forKind(kind).properties()) {
        switch (def.type) {
        case PropertyDef::Type::Bool:
            settings.insert(def.key, !def.defaultValue.toBool());
            break;
        case PropertyDef::Type::Int:
            settings.insert(def.key, qint64(def.maximum));
            break;
        case PropertyDef::Type::Double:
            settings.insert(def.key, def.minimum + (def.maximum - def.minimum) / 3.0);
            break;
        case PropertyDef::Type::Enum:
        case PropertyDef::Type::String:
            settings.insert(def.key,
                            def.choices.isEmpty() ? QStringLiteral("x") : def.choices.last());
            break;
        }
    }
    return settings;
}

// Producer -> FIFO queue -> consumers, a FIFO dead-letter queue, and awkward values all round.
Diagram richDiagram()
{
    Diagram diagram;
    Node producer = makeNode(1,
                             NodeKind::Producer,
                             QStringLiteral("web \"front\" \\ tier\n\t\x01 \u00e9\u4e2d\U0001F600"),
                             QPointF(-12.5, 0.1 + 0.2));
    producer.settings = everySetting(NodeKind::Producer);
    Node queue = makeNode(3, NodeKind::SqsQueue, QStringLiteral("orders.fifo"), QPointF(250, 1e-7));
    queue.settings = everySetting(NodeKind::SqsQueue);
    queue.settings.insert(QStringLiteral("fifo"), true);
    Node consumers = makeNode(7, NodeKind::ConsumerGroup, QString(), QPointF(1e6, -3.75));
    consumers.settings = everySetting(NodeKind::ConsumerGroup);
    Node dlq = makeNode(8, NodeKind::SqsQueue, QStringLiteral("orders-dlq.fifo"), QPointF());
    dlq.settings.insert(QStringLiteral("fifo"), true);
    // A real client of the endpoint, with the endpoint's ids, sending and receiving.
    Node client
        = makeNode(30000, NodeKind::SqsClient, QStringLiteral("AKIDEXAMPLE"), QPointF(-300, 0));
    diagram.nodes = {producer, queue, consumers, dlq, client};
    diagram.links = {{2, 1, 3, LinkKind::Flow},
                     {9, 3, 7, LinkKind::Flow},
                     {100, 3, 8, LinkKind::DeadLetter},
                     {30001, 30000, 3, LinkKind::Flow},
                     {30002, 3, 30000, LinkKind::Flow}};
    diagram.simulation.seed = 18446744073709551615ULL;
    diagram.simulation.speed = 0.1;
    diagram.view.zoom = 1.0 / 3.0;
    diagram.view.center = QPointF(125.125, -1e-3);
    return diagram;
}

} // namespace

class TestDiagramFile : public QObject
{
    Q_OBJECT

private slots:
    void badFile_data();
    void badFile();
    void errorToString();
    void absentFieldsTakeDefaults();
    void settingsAreStoredInTheirSchemaType();
    void emptyDocuments();
    void byteOrderMarkIsIgnored();
    void nullPointersAreAllowed();
    void roundTrip();
    void seedRoundTrip_data();
    void seedRoundTrip();
    void writeIsCanonical();
    void writeIsDeterministic();
    void writeNormalisesSettingTypes();
    void writeSkipsUnknownSettings();
    void damagedFilesAreRefusedWhole();
    void loadMissingFile();
    void loadDirectory();
    void saveAndLoad();
    void saveIntoMissingDirectory();
    void saveReplacesExistingFile();
    void examples_data();
    void examples();
    void expectedExamplesExist();
};

void TestDiagramFile::badFile_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("place");
    QTest::addColumn<QString>("problem");

    const char *seedProblem
        = "must be a whole number from 0 to 9007199254740992, or a string of decimal digits for "
          "a larger seed";
    const struct
    {
        const char *file;
        const char *place;
        const char *problem;
    } rows[] = {
        // The text itself.
        {"empty", "", "the file is empty"},
        {"not-json", "line 1, column 2", "illegal value"},
        {"truncated", "line 28, column 30", "unterminated object"},
        {"trailing-garbage", "line 34, column 1", "garbage at the end of the document"},
        {"missing-comma", "line 16, column 14", "unterminated object"},
        {"invalid-utf8", "line 15, column 25", "invalid UTF8 string"},
        {"top-level-array", "", "not a Flowlab diagram (the top level is not a JSON object)"},
        // Format and version.
        {"format-wrong", "/format", "not a Flowlab diagram"},
        {"format-missing", "/format", "missing; not a Flowlab diagram"},
        {"format-number", "/format", "not a Flowlab diagram"},
        {"version-missing", "/version", "missing"},
        {"version-zero", "/version", "must be at least 1"},
        {"version-string", "/version", "must be an integer"},
        {"version-fraction", "/version", "must be an integer"},
        {"version-newer",
         "/version",
         "this file was written by a newer Flowlab (version 3); this one reads up "
         "to version 1"},
        // Top-level fields.
        {"unknown-field",
         "/description",
         "unknown field (known: format, version, nodes, links, simulation, view)"},
        {"nodes-not-array", "/nodes", "must be an array"},
        {"links-not-array", "/links", "must be an array"},
        {"simulation-not-object", "/simulation", "must be an object"},
        {"view-not-object", "/view", "must be an object"},
        // Nodes.
        {"node-not-object", "/nodes/1", "must be an object"},
        {"node-unknown-field",
         "/nodes/0/colour",
         "unknown field (known: id, kind, name, position, settings)"},
        {"node-id-missing", "/nodes/2/id", "missing"},
        {"node-id-fraction", "/nodes/0/id", "must be an integer"},
        {"node-id-string", "/nodes/0/id", "must be an integer"},
        {"node-id-zero", "/nodes/0/id", "must be between 1 and 2147483647"},
        {"node-id-too-large", "/nodes/0/id", "must be between 1 and 2147483647"},
        {"node-id-duplicate", "/nodes/2/id", "id 2 is already used by /nodes/1"},
        {"link-id-used-by-node", "/links/1/id", "id 3 is already used by /nodes/2"},
        {"node-kind-missing", "/nodes/1/kind", "missing"},
        {"node-kind-number", "/nodes/1/kind", "must be a string"},
        {"node-kind-unknown",
         "/nodes/3/kind",
         "unknown node kind \"kinesis\" (known: producer, sqs-queue, "
         "consumer-group, sqs-client)"},
        {"node-name-number", "/nodes/0/name", "must be a string"},
        {"node-position-one-number", "/nodes/1/position", "must be an array of two numbers [x, y]"},
        {"node-position-strings", "/nodes/1/position", "must be an array of two numbers [x, y]"},
        // Settings: PropertyDef::accepts words the range and type problems.
        {"settings-not-object", "/nodes/0/settings", "must be an object"},
        {"setting-unknown", "/nodes/0/settings/colour", "unknown setting for a producer"},
        {"setting-of-other-kind", "/nodes/0/settings/fifo", "unknown setting for a producer"},
        {"setting-key-with-slash",
         "/nodes/1/settings/visibility~1timeout",
         "unknown setting for an SQS queue"},
        {"setting-out-of-range",
         "/nodes/1/settings/visibilityTimeout",
         "must be between 0 and 43200"},
        {"setting-negative", "/nodes/2/settings/instances", "must be between 0 and 10000"},
        {"setting-int-fraction", "/nodes/2/settings/instances", "must be a whole number"},
        {"setting-int-string", "/nodes/2/settings/instances", "must be a whole number"},
        {"setting-double-string", "/nodes/0/settings/rate", "must be a number"},
        {"setting-double-out-of-range",
         "/nodes/2/settings/crashProbability",
         "must be between 0 and 1"},
        {"setting-bool-number", "/nodes/1/settings/fifo", "must be true or false"},
        {"setting-enum-unknown",
         "/nodes/0/settings/pattern",
         "must be one of: constant, poisson, spike"},
        {"setting-null", "/nodes/1/settings/delaySeconds", "must be a whole number"},
        // Links: fields, references, then Diagram::linkRefusal.
        {"link-not-object", "/links/0", "must be an object"},
        {"link-unknown-field", "/links/0/label", "unknown field (known: id, from, to, kind)"},
        {"link-id-missing", "/links/0/id", "missing"},
        {"link-from-missing", "/links/0/from", "missing"},
        {"link-to-string", "/links/0/to", "must be an integer"},
        {"link-to-missing-node", "/links/0/to", "no node with id 7"},
        {"link-from-missing-node", "/links/1/from", "no node with id 9"},
        {"link-to-a-link", "/links/1/to", "no node with id 4"},
        {"link-kind-unknown",
         "/links/1/kind",
         "unknown link kind \"subscription\" (known: flow, dead-letter)"},
        {"link-kind-number", "/links/1/kind", "must be a string"},
        {"link-producer-to-consumer",
         "/links/0",
         "a producer sends to an SQS queue, not to a consumer group"},
        {"link-to-itself", "/links/1", "a node cannot be linked to itself"},
        {"link-client-to-consumer",
         "/links/1",
         "an AWS client sends to SQS queues, not to a consumer group"},
        {"link-twice", "/links/2", "these two nodes are already linked"},
        {"link-queue-to-queue",
         "/links/2",
         "queues do not forward to queues; link a dead-letter queue with a "
         "dead-letter link"},
        {"dead-letter-fifo-to-standard",
         "/links/2",
         "the dead-letter queue of a FIFO queue must also be a FIFO queue"},
        {"dead-letter-from-producer",
         "/links/0",
         "a dead-letter link goes from an SQS queue to another SQS queue"},
        {"dead-letter-twice", "/links/3", "a queue has at most one dead-letter queue"},
        // Simulation and view.
        {"simulation-unknown-field", "/simulation/duration", "unknown field (known: seed, speed)"},
        {"seed-negative", "/simulation/seed", seedProblem},
        {"seed-fraction", "/simulation/seed", seedProblem},
        {"seed-too-large-number", "/simulation/seed", seedProblem},
        {"seed-string-not-digits", "/simulation/seed", seedProblem},
        {"seed-string-too-large", "/simulation/seed", seedProblem},
        {"seed-bool", "/simulation/seed", seedProblem},
        {"speed-too-fast", "/simulation/speed", "must be between 0.1 and 1000"},
        {"speed-too-slow", "/simulation/speed", "must be between 0.1 and 1000"},
        {"speed-string", "/simulation/speed", "must be a number"},
        {"view-unknown-field", "/view/grid", "unknown field (known: zoom, center)"},
        {"zoom-zero", "/view/zoom", "must be a positive number"},
        {"center-object", "/view/center", "must be an array of two numbers [x, y]"},
    };

    QSet<QString> listed;
    for (const auto &row : rows) {
        const QString file = QString::fromLatin1(row.file) + QStringLiteral(".flowlab");
        listed.insert(file);
        QTest::newRow(row.file) << file << QString::fromLatin1(row.place)
                                << QString::fromUtf8(row.problem);
    }
    // Every file in the folder has a row, so none is forgotten.
    const QStringList files = QDir(kDataDir + QStringLiteral("/bad"))
                                  .entryList({QStringLiteral("*.flowlab")}, QDir::Files);
    for (const QString &file : files) {
        if (!listed.contains(file))
            qFatal("tests/io/data/bad/%s has no row in badFile_data()", qPrintable(file));
    }
}

void TestDiagramFile::badFile()
{
    QFETCH(QString, file);
    QFETCH(QString, place);
    QFETCH(QString, problem);

    const QString path = kDataDir + QStringLiteral("/bad/") + file;
    QVERIFY2(QFile::exists(path), qPrintable(path));
    Diagram diagram = sentinelDiagram();
    DiagramFileError error;
    QVERIFY(!DiagramFile::load(path, &diagram, &error));
    QCOMPARE(error.place, place);
    QCOMPARE(error.problem, problem);
    QCOMPARE(diagram, sentinelDiagram());
}

void TestDiagramFile::errorToString()
{
    QCOMPARE((DiagramFileError{QStringLiteral("/links/0/to"), QStringLiteral("no node with id 7")})
                 .toString(),
             QStringLiteral("/links/0/to: no node with id 7"));
    QCOMPARE((DiagramFileError{QString(), QStringLiteral("the file is empty")}).toString(),
             QStringLiteral("the file is empty"));
}

void TestDiagramFile::absentFieldsTakeDefaults()
{
    Diagram diagram;
    DiagramFileError error;
    QVERIFY2(DiagramFile::load(kDataDir + QStringLiteral("/good/defaults.flowlab"),
                               &diagram,
                               &error),
             qPrintable(error.toString()));

    QCOMPARE(diagram.nodes.size(), 3);
    const Node &producer = diagram.nodes.at(0);
    QCOMPARE(producer.name, QStringLiteral("Producer 1"));
    QCOMPARE(producer.position, QPointF(0, 0));
    QVERIFY(producer.settings.isEmpty());
    QCOMPARE(producer.setting(QStringLiteral("rate")).toDouble(), 10.0);

    const Node &queue = diagram.nodes.at(1);
    QCOMPARE(queue.name, QStringLiteral("orders"));
    // Only what the file holds is stored; the rest resolves through the schema.
    QCOMPARE(queue.settings, (QVariantMap{{QStringLiteral("visibilityTimeout"), qint64(60)}}));
    QCOMPARE(queue.setting(QStringLiteral("visibilityTimeout")).toLongLong(), 60);
    QCOMPARE(queue.setting(QStringLiteral("messageRetentionPeriod")).toLongLong(), 345600);

    const Node &consumers = diagram.nodes.at(2);
    QCOMPARE(consumers.name, QStringLiteral("Consumer group 3"));
    QCOMPARE(consumers.position, QPointF(500, -20.5));

    QCOMPARE(diagram.links.size(), 2);
    QCOMPARE(diagram.links.at(0), (Link{4, 1, 2, LinkKind::Flow}));
    QCOMPARE(diagram.links.at(1), (Link{5, 2, 3, LinkKind::Flow}));
    QCOMPARE(diagram.simulation, SimulationSettings());
    QCOMPARE(diagram.view, ViewSettings());
}

void TestDiagramFile::settingsAreStoredInTheirSchemaType()
{
    Diagram diagram;
    DiagramFileError error;
    QVERIFY2(DiagramFile::load(kDataDir + QStringLiteral("/good/setting-types.flowlab"),
                               &diagram,
                               &error),
             qPrintable(error.toString()));
    const QVariantMap &producer = diagram.nodes.at(0).settings;
    QCOMPARE(producer.value(QStringLiteral("rate")).typeId(), QMetaType::Double);
    QCOMPARE(producer.value(QStringLiteral("rate")).toDouble(), 9.0);
    QCOMPARE(producer.value(QStringLiteral("batchSize")).typeId(), QMetaType::LongLong);
    QCOMPARE(producer.value(QStringLiteral("batchSize")).toLongLong(), 10);
    QCOMPARE(producer.value(QStringLiteral("pattern")).typeId(), QMetaType::QString);
    QCOMPARE(diagram.nodes.at(1).settings.value(QStringLiteral("fifo")).typeId(), QMetaType::Bool);
    QCOMPARE(diagram.simulation.seed, 18446744073709551615ULL);
    QCOMPARE(diagram.simulation.speed, 0.1);
    QCOMPARE(diagram.view.zoom, 2.5);
    QCOMPARE(diagram.view.center, QPointF(-100.25, 40));
}

void TestDiagramFile::emptyDocuments()
{
    Diagram diagram = sentinelDiagram();
    DiagramFileError error;
    QVERIFY2(DiagramFile::read(R"({"format": "flowlab", "version": 1})", &diagram, &error),
             qPrintable(error.toString()));
    QCOMPARE(diagram, Diagram());

    diagram = sentinelDiagram();
    QVERIFY(DiagramFile::read(DiagramFile::write(Diagram()), &diagram, &error));
    QCOMPARE(diagram, Diagram());
}

void TestDiagramFile::byteOrderMarkIsIgnored()
{
    Diagram diagram;
    DiagramFileError error;
    QVERIFY2(DiagramFile::read("\xEF\xBB\xBF" + DiagramFile::write(richDiagram()), &diagram, &error),
             qPrintable(error.toString()));
    QCOMPARE(diagram, richDiagram());
}

void TestDiagramFile::nullPointersAreAllowed()
{
    QVERIFY(DiagramFile::read(DiagramFile::write(richDiagram()), nullptr, nullptr));
    Diagram diagram = sentinelDiagram();
    QVERIFY(!DiagramFile::read("{", &diagram, nullptr));
    QCOMPARE(diagram, sentinelDiagram());
}

void TestDiagramFile::roundTrip()
{
    const Diagram original = richDiagram();
    Diagram read;
    DiagramFileError error;
    QVERIFY2(DiagramFile::read(DiagramFile::write(original), &read, &error),
             qPrintable(error.toString()));
    QCOMPARE(read.nodes.size(), original.nodes.size());
    for (int i = 0; i < original.nodes.size(); ++i) {
        QCOMPARE(read.nodes.at(i).name, original.nodes.at(i).name);
        QCOMPARE(read.nodes.at(i).settings, original.nodes.at(i).settings);
    }
    QCOMPARE(read, original);
}

void TestDiagramFile::seedRoundTrip_data()
{
    QTest::addColumn<quint64>("seed");
    QTest::addColumn<QByteArray>("written");
    QTest::newRow("zero") << quint64(0) << QByteArray("\"seed\": 0,");
    QTest::newRow("2^53") << quint64(9007199254740992ULL)
                          << QByteArray("\"seed\": 9007199254740992,");
    QTest::newRow("2^53 + 1") << quint64(9007199254740993ULL)
                              << QByteArray("\"seed\": \"9007199254740993\",");
    QTest::newRow("max") << quint64(18446744073709551615ULL)
                         << QByteArray("\"seed\": \"18446744073709551615\",");
}

void TestDiagramFile::seedRoundTrip()
{
    QFETCH(quint64, seed);
    QFETCH(QByteArray, written);
    Diagram diagram;
    diagram.simulation.seed = seed;
    const QByteArray bytes = DiagramFile::write(diagram);
    QVERIFY2(bytes.contains(written), bytes.constData());
    Diagram read;
    QVERIFY(DiagramFile::read(bytes, &read, nullptr));
    QCOMPARE(read.simulation.seed, seed);
}

void TestDiagramFile::writeIsCanonical()
{
    Diagram diagram;
    Node producer = makeNode(1, NodeKind::Producer, QStringLiteral("web"), QPointF(0, 0));
    producer.settings.insert(QStringLiteral("rate"), 9.5);
    producer.settings.insert(QStringLiteral("pattern"), QStringLiteral("constant"));
    producer.settings.insert(QStringLiteral("batchSize"), qint64(10));
    diagram.nodes = {producer,
                     makeNode(2, NodeKind::SqsQueue, QStringLiteral("orders"), QPointF(250.5, -10))};
    diagram.links = {{3, 1, 2, LinkKind::Flow}};
    diagram.simulation.speed = 2.5;
    diagram.view.center = QPointF(125, 0);

    const QByteArray expected = R"({
    "format": "flowlab",
    "version": 1,
    "nodes": [
        {
            "id": 1,
            "kind": "producer",
            "name": "web",
            "position": [0, 0],
            "settings": {
                "batchSize": 10,
                "pattern": "constant",
                "rate": 9.5
            }
        },
        {
            "id": 2,
            "kind": "sqs-queue",
            "name": "orders",
            "position": [250.5, -10],
            "settings": {}
        }
    ],
    "links": [
        {"id": 3, "from": 1, "to": 2, "kind": "flow"}
    ],
    "simulation": {
        "seed": 1,
        "speed": 2.5
    },
    "view": {
        "zoom": 1,
        "center": [125, 0]
    }
}
)";
    QCOMPARE(DiagramFile::write(diagram), expected);
    QCOMPARE(DiagramFile::write(Diagram()), QByteArray(R"({
    "format": "flowlab",
    "version": 1,
    "nodes": [],
    "links": [],
    "simulation": {
        "seed": 1,
        "speed": 1
    },
    "view": {
        "zoom": 1,
        "center": [0, 0]
    }
}
)"));
}

void TestDiagramFile::writeIsDeterministic()
{
    const QByteArray first = DiagramFile::write(richDiagram());
    QCOMPARE(DiagramFile::write(richDiagram()), first);

    Diagram read;
    QVERIFY(DiagramFile::read(first, &read, nullptr));
    QCOMPARE(DiagramFile::write(read), first);

    // The order settings were set in does not matter.
    Diagram reordered = richDiagram();
    QVariantMap settings;
    const QVariantMap original = reordered.nodes[0].settings;
    for (auto it = original.constEnd(); it != original.constBegin();) {
        --it;
        settings.insert(it.key(), it.value());
    }
    reordered.nodes[0].settings = settings;
    QCOMPARE(DiagramFile::write(reordered), first);
}

void TestDiagramFile::writeNormalisesSettingTypes()
{
    // An editor may store an int where the schema says Int (qint64) or Double; the file and
    // the diagram read back from it use the schema's type.
    Diagram diagram;
    Node producer = makeNode(1, NodeKind::Producer, QStringLiteral("web"), QPointF());
    producer.settings.insert(QStringLiteral("batchSize"), 5.0);
    producer.settings.insert(QStringLiteral("rate"), 9);
    diagram.nodes = {producer};
    const QByteArray bytes = DiagramFile::write(diagram);
    QVERIFY(bytes.contains("\"batchSize\": 5,"));
    QVERIFY(bytes.contains("\"rate\": 9\n"));
    Diagram read;
    QVERIFY(DiagramFile::read(bytes, &read, nullptr));
    QCOMPARE(read.nodes.at(0).settings.value(QStringLiteral("batchSize")).typeId(),
             QMetaType::LongLong);
    QCOMPARE(read.nodes.at(0).settings.value(QStringLiteral("rate")).typeId(), QMetaType::Double);
    QCOMPARE(read, diagram); // QVariant compares numbers across types
}

void TestDiagramFile::writeSkipsUnknownSettings()
{
    Diagram diagram;
    Node producer = makeNode(1, NodeKind::Producer, QStringLiteral("web"), QPointF());
    producer.settings.insert(QStringLiteral("colour"), QStringLiteral("red"));
    producer.settings.insert(QStringLiteral("rate"), 3.0);
    diagram.nodes = {producer};
    const QByteArray bytes = DiagramFile::write(diagram);
    QVERIFY(!bytes.contains("colour"));
    Diagram read;
    DiagramFileError error;
    QVERIFY2(DiagramFile::read(bytes, &read, &error), qPrintable(error.toString()));
    QCOMPARE(read.nodes.at(0).settings, (QVariantMap{{QStringLiteral("rate"), 3.0}}));
}

void TestDiagramFile::damagedFilesAreRefusedWhole()
{
    // Every cut of a valid file, and many random byte changes, must either read or be
    // refused with a place and a problem, leaving the diagram alone, and never crash.
    const QByteArray bytes = DiagramFile::write(richDiagram());
    QVERIFY(bytes.endsWith("}\n"));
    for (int size = 0; size < bytes.size() - 1; ++size) { // without "\n" the file is still whole
        Diagram diagram = sentinelDiagram();
        DiagramFileError error;
        if (DiagramFile::read(bytes.left(size), &diagram, &error))
            QFAIL(qPrintable(QStringLiteral("a file cut at byte %1 was accepted").arg(size)));
        QVERIFY(!error.problem.isEmpty());
        QCOMPARE(diagram, sentinelDiagram());
    }

    QRandomGenerator random(20240601);
    for (int round = 0; round < 3000; ++round) {
        QByteArray damaged = bytes;
        for (int changes = 1 + random.bounded(3); changes > 0; --changes)
            damaged[random.bounded(int(damaged.size()))] = char(random.bounded(256));
        Diagram diagram = sentinelDiagram();
        DiagramFileError error;
        if (DiagramFile::read(damaged, &diagram, &error)) {
            QCOMPARE(DiagramFile::write(diagram).isEmpty(), false);
        } else {
            QVERIFY(!error.problem.isEmpty());
            QCOMPARE(diagram, sentinelDiagram());
        }
    }
}

void TestDiagramFile::loadMissingFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    Diagram diagram = sentinelDiagram();
    DiagramFileError error;
    QVERIFY(!DiagramFile::load(dir.filePath(QStringLiteral("absent.flowlab")), &diagram, &error));
    QCOMPARE(error.place, QString());
    QCOMPARE(error.problem, QStringLiteral("cannot open the file: No such file or directory"));
    QCOMPARE(diagram, sentinelDiagram());
}

void TestDiagramFile::loadDirectory()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    Diagram diagram = sentinelDiagram();
    DiagramFileError error;
    QVERIFY(!DiagramFile::load(dir.path(), &diagram, &error));
    QCOMPARE(error.place, QString());
    QVERIFY2(error.problem.startsWith(QStringLiteral("cannot open the file: ")),
             qPrintable(error.problem));
    QCOMPARE(diagram, sentinelDiagram());
}

void TestDiagramFile::saveAndLoad()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("rich.flowlab"));
    QString saveError;
    QVERIFY2(DiagramFile::save(richDiagram(), path, &saveError), qPrintable(saveError));
    QCOMPARE(readBytes(path), DiagramFile::write(richDiagram()));

    Diagram diagram;
    DiagramFileError error;
    QVERIFY2(DiagramFile::load(path, &diagram, &error), qPrintable(error.toString()));
    QCOMPARE(diagram, richDiagram());
}

void TestDiagramFile::saveIntoMissingDirectory()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString missing = dir.filePath(QStringLiteral("no-such-folder"));
    QString error;
    QVERIFY(!DiagramFile::save(richDiagram(), missing + QStringLiteral("/a.flowlab"), &error));
    QVERIFY2(error.startsWith(QStringLiteral("cannot open the file for writing: ")),
             qPrintable(error));
    QVERIFY(!QFileInfo::exists(missing));
    QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden),
             QStringList());
}

void TestDiagramFile::saveReplacesExistingFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("diagram.flowlab"));
    {
        QFile old(path);
        QVERIFY(old.open(QIODevice::WriteOnly));
        old.write(QByteArray(100000, 'x')); // longer than the new file: nothing may remain
    }
    QString error;
    QVERIFY2(DiagramFile::save(richDiagram(), path, &error), qPrintable(error));
    QCOMPARE(readBytes(path), DiagramFile::write(richDiagram()));
    // QSaveFile's temporary file is gone.
    QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden),
             QStringList{QStringLiteral("diagram.flowlab")});
}

void TestDiagramFile::examples_data()
{
    QTest::addColumn<QString>("path");
    const QStringList files
        = QDir(kExamplesDir).entryList({QStringLiteral("*.flowlab")}, QDir::Files, QDir::Name);
    for (const QString &file : files)
        QTest::newRow(qPrintable(file)) << QDir(kExamplesDir).filePath(file);
}

void TestDiagramFile::examples()
{
    QFETCH(QString, path);
    Diagram diagram;
    DiagramFileError error;
    QVERIFY2(DiagramFile::load(path, &diagram, &error), qPrintable(error.toString()));
    QVERIFY(!diagram.nodes.isEmpty());
    QVERIFY(!diagram.links.isEmpty());
    // Examples are kept in the form Flowlab writes, so saving one unchanged changes nothing.
    QCOMPARE(DiagramFile::write(diagram), readBytes(path));
}

void TestDiagramFile::expectedExamplesExist()
{
    for (const char *name : {"video-processing.flowlab",
                             "visibility-timeout-too-short.flowlab",
                             "fifo-message-groups.flowlab",
                             "standard-queue-delivery.flowlab"}) {
        QVERIFY2(QFileInfo::exists(QDir(kExamplesDir).filePath(QString::fromLatin1(name))), name);
    }
}

QTEST_GUILESS_MAIN(TestDiagramFile)

#include "tst_diagramfile.moc"
