// Diagram edits as data: the difference between two diagrams, replayed in order (what the
// window's document does with the changes the endpoint's clients make to a running engine).

#include "model/DiagramEdit.h"

#include <QtTest>

using namespace flowlab;

namespace {

Diagram sample()
{
    Diagram d;
    Node p{1, NodeKind::Producer, QStringLiteral("front end"), QPointF(0, 0), {}};
    Node q{2, NodeKind::SqsQueue, QStringLiteral("jobs"), QPointF(300, 0), {}};
    Node c{3, NodeKind::ConsumerGroup, QStringLiteral("workers"), QPointF(600, 0), {}};
    Node dlq{4, NodeKind::SqsQueue, QStringLiteral("jobs-dlq"), QPointF(300, 200), {}};
    d.nodes = {p, q, c, dlq};
    d.links = {Link{5, 1, 2, LinkKind::Flow},
               Link{6, 2, 3, LinkKind::Flow},
               Link{7, 2, 4, LinkKind::DeadLetter}};
    return d;
}

} // namespace

class TestDiagramEdit : public QObject
{
    Q_OBJECT

private slots:
    void nothingChanged();
    void changes_data();
    void changes();
    void refusedEdits();
    void idRanges();
};

void TestDiagramEdit::nothingChanged()
{
    const Diagram d = sample();
    const Diagram copy = d;
    QVERIFY(diagramEdits(d, copy).isEmpty());
    // A setting written over with its default value is no change.
    Diagram same = d;
    same.node(2)->settings.insert(QStringLiteral("visibilityTimeout"), 30);
    QVERIFY(diagramEdits(d, same).isEmpty());
    // Positions are the window's business.
    Diagram moved = d;
    moved.node(1)->position = QPointF(50, 50);
    QVERIFY(diagramEdits(d, moved).isEmpty());
}

void TestDiagramEdit::changes_data()
{
    QTest::addColumn<int>("change");
    QTest::addColumn<QStringList>("expected"); // kind:id[:key] in order

    QTest::newRow("setting") << 0 << QStringList{"SetSetting:2:visibilityTimeout"};
    QTest::newRow("rename") << 1 << QStringList{"Rename:2:orders"};
    QTest::newRow("node removed with its links")
        << 2 << QStringList{"RemoveLink:5", "RemoveLink:6", "RemoveLink:7", "RemoveNode:2"};
    QTest::newRow("node and link added") << 3 << QStringList{"AddNode:30000", "AddLink:30001"};
    QTest::newRow("link removed") << 4 << QStringList{"RemoveLink:7"};
    QTest::newRow("two settings, in the schema's order")
        << 5 << QStringList{"SetSetting:2:visibilityTimeout", "SetSetting:2:delaySeconds"};
}

void TestDiagramEdit::changes()
{
    QFETCH(int, change);
    QFETCH(QStringList, expected);
    const Diagram before = sample();
    Diagram after = before;
    switch (change) {
    case 0:
        after.node(2)->settings.insert(QStringLiteral("visibilityTimeout"), 5);
        break;
    case 1:
        after.node(2)->name = QStringLiteral("orders");
        break;
    case 2:
        after.nodes.removeAt(1);
        after.links.clear();
        break;
    case 3:
        after.nodes.append(Node{30000, NodeKind::SqsClient, QStringLiteral("AKID"), {}, {}});
        after.links.append(Link{30001, 30000, 4, LinkKind::Flow});
        break;
    case 4:
        after.links.removeLast();
        break;
    case 5:
        after.node(2)->settings.insert(QStringLiteral("visibilityTimeout"), 5);
        after.node(2)->settings.insert(QStringLiteral("delaySeconds"), 2);
        break;
    }
    const QVector<DiagramEdit> edits = diagramEdits(before, after);
    QStringList got;
    const char *names[] = {"AddNode", "RemoveNode", "AddLink", "RemoveLink", "SetSetting", "Rename"};
    for (const DiagramEdit &e : edits) {
        const int id = e.kind == DiagramEdit::Kind::AddNode   ? e.node.id
                       : e.kind == DiagramEdit::Kind::AddLink ? e.link.id
                                                              : e.id;
        QString text = QStringLiteral("%1:%2").arg(QLatin1String(names[int(e.kind)])).arg(id);
        if (!e.key.isEmpty())
            text += QLatin1Char(':') + e.key;
        got.append(text);
    }
    QCOMPARE(got, expected);
    // Replayed in order, the edits turn `before` into `after` (positions aside).
    Diagram replay = before;
    for (const DiagramEdit &e : edits)
        QVERIFY(applyDiagramEdit(replay, e));
    QCOMPARE(replay.links, after.links);
    QCOMPARE(replay.nodes.size(), after.nodes.size());
    for (const Node &n : after.nodes) {
        const Node *r = replay.node(n.id);
        QVERIFY(r);
        QCOMPARE(r->name, n.name);
        for (auto it = n.settings.cbegin(); it != n.settings.cend(); ++it)
            QCOMPARE(r->setting(it.key()), it.value());
    }
}

void TestDiagramEdit::refusedEdits()
{
    Diagram d = sample();
    DiagramEdit e;
    e.kind = DiagramEdit::Kind::AddNode;
    e.node = Node{2, NodeKind::SqsQueue, QStringLiteral("taken"), {}, {}};
    QVERIFY(!applyDiagramEdit(d, e)); // the id is in use
    e.kind = DiagramEdit::Kind::AddLink;
    e.link = Link{40, 1, 99, LinkKind::Flow};
    QVERIFY(!applyDiagramEdit(d, e)); // to a missing node
    e.kind = DiagramEdit::Kind::RemoveNode;
    e.id = 99;
    QVERIFY(!applyDiagramEdit(d, e));
    e.kind = DiagramEdit::Kind::SetSetting;
    QVERIFY(!applyDiagramEdit(d, e));
    QCOMPARE(d, sample());
}

void TestDiagramEdit::idRanges()
{
    // The person's ids and the endpoint's never meet, whichever side made the last one.
    Diagram d = sample();
    QCOMPARE(d.nextId(), 8);
    QCOMPARE(d.nextEndpointId(), Diagram::kEndpointIdBase);
    d.nodes.append(Node{Diagram::kEndpointIdBase, NodeKind::SqsQueue, QStringLiteral("q"), {}, {}});
    QCOMPARE(d.nextId(), 8);
    QCOMPARE(d.nextEndpointId(), Diagram::kEndpointIdBase + 1);
    QCOMPARE(Diagram().nextId(), 1);
}

QTEST_GUILESS_MAIN(TestDiagramEdit)
#include "tst_diagramedit.moc"
