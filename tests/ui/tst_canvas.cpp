// The canvas and the document: node drops, the link rules, the scene following undo and
// redo, and the mouse gestures (moving cards, dragging links) driven with real mouse events
// on a view. Live figures, tokens, the view and the palette: tst_canvaslive.cpp.
// Runs on the offscreen platform.

#include "CanvasFixture.h"
#include "UiResources.h"
#include "canvas/LinkItem.h"
#include "canvas/NodeItem.h"
#include "canvas/TokenLayer.h"
#include "io/DiagramFile.h"

#include <QSignalSpy>
#include <QTest>
#include <QUndoStack>

using namespace flowlab;
using namespace canvastest;

class TestCanvas : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void dropNode_data();
    void dropNode();
    void dropNodeWithoutSnapping();

    void links_data();
    void links();

    void sceneFollowsUndoRedo();
    void documentResetRebuildsTheScene();
    void selection();

    void dragNodeIsOneUndoStep();
    void dragSeveralSelectedNodes();
    void dragLinkFromHandle();
    void refusedLinkDragReportsWhy();
};

void TestCanvas::initTestCase()
{
    initUiResources();
    QVERIFY(QFile::exists(nodeKindIconPath(NodeKind::SqsQueue)));
    QVERIFY(QFile::exists(QStringLiteral(":/icons/run.svg")));
}
// --- Creating nodes ----------------------------------------------------------------------

void TestCanvas::dropNode_data()
{
    QTest::addColumn<NodeKind>("kind");
    QTest::addColumn<QPointF>("dropAt");
    QTest::addColumn<QPointF>("expected");
    QTest::newRow("producer") << NodeKind::Producer << QPointF(13, 27) << QPointF(20, 20);
    QTest::newRow("sqs-queue") << NodeKind::SqsQueue << QPointF(-31, 49.9) << QPointF(-40, 40);
    QTest::newRow("consumer-group")
        << NodeKind::ConsumerGroup << QPointF(301, -9) << QPointF(300, -0.0);
}

void TestCanvas::dropNode()
{
    QFETCH(NodeKind, kind);
    QFETCH(QPointF, dropAt);
    QFETCH(QPointF, expected);
    Fixture f;
    QUndoStack *stack = f.doc.undoStack();

    const int id = f.scene->dropNode(kind, dropAt);
    QVERIFY(id > 0);
    const Node *node = f.doc.diagram().node(id);
    QVERIFY(node);
    QCOMPARE(node->kind, kind);
    QCOMPARE(node->position, expected);
    QCOMPARE(stack->count(), 1);

    NodeItem *item = f.scene->nodeItem(id);
    QVERIFY(item);
    QCOMPARE(item->pos(), expected);
    QCOMPARE(item->kind(), kind);
    QVERIFY(item->isSelected());
    QCOMPARE(f.scene->selectedNodeIds(), QList<int>{id});

    stack->undo();
    QVERIFY(!f.doc.diagram().node(id));
    QVERIFY(!f.scene->nodeItem(id));
    QCOMPARE(f.scene->nodeCount(), 0);
    stack->redo();
    QVERIFY(f.scene->nodeItem(id));
    QCOMPARE(f.scene->nodeItem(id)->pos(), expected);
}

void TestCanvas::dropNodeWithoutSnapping()
{
    Fixture f;
    f.scene->setSnapToGrid(false);
    const int id = f.scene->dropNode(NodeKind::SqsQueue, QPointF(13.5, 27.25));
    QCOMPARE(f.doc.diagram().node(id)->position, QPointF(13.5, 27.25));
}

// --- The link rules ----------------------------------------------------------------------

void TestCanvas::links_data()
{
    QTest::addColumn<NodeKind>("fromKind");
    QTest::addColumn<bool>("fromFifo");
    QTest::addColumn<NodeKind>("toKind");
    QTest::addColumn<bool>("toFifo");
    QTest::addColumn<int>("before");
    QTest::addColumn<QString>("refusal"); // empty: accepted

    const auto P = NodeKind::Producer;
    const auto Q = NodeKind::SqsQueue;
    const auto G = NodeKind::ConsumerGroup;
    const int none = int(Before::Nothing);
    const QString endOfFlow = QStringLiteral(
        "a consumer group is the end of a flow: it deletes what it processes");

    QTest::newRow("producer -> queue") << P << false << Q << false << none << QString();
    QTest::newRow("producer -> FIFO queue") << P << false << Q << true << none << QString();
    QTest::newRow("producer -> producer")
        << P << false << P << false << none
        << QStringLiteral("a producer sends to an SQS queue, not to a producer");
    QTest::newRow("producer -> consumer group")
        << P << false << G << false << none
        << QStringLiteral("a producer sends to an SQS queue, not to a consumer group");
    QTest::newRow("queue -> consumer group") << Q << false << G << false << none << QString();
    QTest::newRow("queue -> producer")
        << Q << false << P << false << none
        << QStringLiteral("an SQS queue is read by a consumer group, not by a producer");
    QTest::newRow("standard queue -> standard DLQ")
        << Q << false << Q << false << none << QString();
    QTest::newRow("FIFO queue -> FIFO DLQ") << Q << true << Q << true << none << QString();
    QTest::newRow("FIFO queue -> standard DLQ")
        << Q << true << Q << false << none
        << QStringLiteral("the dead-letter queue of a FIFO queue must also be a FIFO queue");
    QTest::newRow("standard queue -> FIFO DLQ")
        << Q << false << Q << true << none
        << QStringLiteral(
               "the dead-letter queue of a standard queue must also be a standard queue");
    QTest::newRow("consumer group -> producer") << G << false << P << false << none << endOfFlow;
    QTest::newRow("consumer group -> queue") << G << false << Q << false << none << endOfFlow;
    QTest::newRow("consumer group -> consumer group")
        << G << false << G << false << none << endOfFlow;
    QTest::newRow("producer -> queue, twice")
        << P << false << Q << false << int(Before::SameLink)
        << QStringLiteral("these two nodes are already linked");
    QTest::newRow("queue -> consumer group, twice")
        << Q << false << G << false << int(Before::SameLink)
        << QStringLiteral("these two nodes are already linked");
    QTest::newRow("queue -> DLQ, twice") << Q << false << Q << false << int(Before::SameLink)
                                         << QStringLiteral("these two nodes are already linked");
    QTest::newRow("producer already sends to a queue")
        << P << false << Q << false << int(Before::ProducerLinked)
        << QStringLiteral("a producer sends to one queue; it is already linked");
    QTest::newRow("consumer group already polls a queue")
        << Q << false << G << false << int(Before::GroupLinked)
        << QStringLiteral("a consumer group polls one queue; it is already linked");
    QTest::newRow("queue already has a DLQ")
        << Q << false << Q << false << int(Before::QueueHasDlq)
        << QStringLiteral("a queue has at most one dead-letter queue");
}

void TestCanvas::links()
{
    QFETCH(NodeKind, fromKind);
    QFETCH(bool, fromFifo);
    QFETCH(NodeKind, toKind);
    QFETCH(bool, toFifo);
    QFETCH(int, before);
    QFETCH(QString, refusal);

    Fixture f;
    const int a = f.add(fromKind, QPointF(0, 0), fromFifo);
    const int b = f.add(toKind, QPointF(300, 0), toFifo);
    switch (Before(before)) {
    case Before::Nothing:
        break;
    case Before::SameLink:
        QVERIFY(f.scene->tryLink(a, b));
        break;
    case Before::ProducerLinked:
        QVERIFY(f.scene->tryLink(a, f.add(NodeKind::SqsQueue, QPointF(300, 200))));
        break;
    case Before::GroupLinked:
        QVERIFY(f.scene->tryLink(f.add(NodeKind::SqsQueue, QPointF(0, 200)), b));
        break;
    case Before::QueueHasDlq:
        QVERIFY(f.scene->tryLink(a, f.add(NodeKind::SqsQueue, QPointF(0, 200))));
        break;
    }

    const LinkKind kind = DiagramScene::linkKindFor(fromKind, toKind);
    QCOMPARE(kind,
             fromKind == NodeKind::SqsQueue && toKind == NodeKind::SqsQueue ? LinkKind::DeadLetter
                                                                            : LinkKind::Flow);
    // The canvas says exactly what the model says.
    QCOMPARE(f.doc.diagram().linkRefusal(a, b, kind), refusal);

    QSignalSpy refused(f.scene.get(), &DiagramScene::linkRefused);
    const int steps = f.doc.undoStack()->count();
    const int linksBefore = int(f.doc.diagram().links.size());
    const bool ok = f.scene->tryLink(a, b);
    QCOMPARE(ok, refusal.isEmpty());
    if (ok) {
        QCOMPARE(refused.count(), 0);
        QCOMPARE(f.doc.undoStack()->count(), steps + 1);
        const Link &link = f.doc.diagram().links.last();
        QCOMPARE(link.from, a);
        QCOMPARE(link.to, b);
        QCOMPARE(link.kind, kind);
        LinkItem *item = f.scene->linkItem(link.id);
        QVERIFY(item);
        QCOMPARE(item->kind(), kind);
        QCOMPARE(item->labelText(),
                 kind == LinkKind::DeadLetter ? QStringLiteral("DLQ") : QString());
        QVERIFY(f.scene->tokenLayer()->hasRoute(a, b));
    } else {
        QCOMPARE(refused.count(), 1);
        QCOMPARE(refused.first().first().toString(), refusal);
        QCOMPARE(f.doc.undoStack()->count(), steps);
        QCOMPARE(int(f.doc.diagram().links.size()), linksBefore);
    }
}

// --- The scene follows the document --------------------------------------------------------

void TestCanvas::sceneFollowsUndoRedo()
{
    Fixture f;
    QUndoStack *stack = f.doc.undoStack();
    const int producer = f.scene->dropNode(NodeKind::Producer, QPointF(0, 0));
    const int queue = f.scene->dropNode(NodeKind::SqsQueue, QPointF(260, 0));
    QVERIFY(f.scene->tryLink(producer, queue));
    const int link = f.doc.diagram().links.first().id;
    LinkItem *linkItem = f.scene->linkItem(link);
    QVERIFY(linkItem);
    // The link leaves from the producer's right edge and ends at the queue's left edge.
    QVERIFY(qAbs(linkItem->path().elementAt(0).x - (0 + NodeItem::kWidth / 2)) < 10);
    QVERIFY(linkItem->routePoints().last().x() <= 260 - NodeItem::kWidth / 2);

    // Move: the item and its link follow; undo and redo too.
    f.doc.moveNodes({{queue, QPointF(400, 100)}}, false);
    QCOMPARE(f.scene->nodeItem(queue)->pos(), QPointF(400, 100));
    QVERIFY(qAbs(linkItem->routePoints().last().y() - 100) < 1);
    stack->undo();
    QCOMPARE(f.scene->nodeItem(queue)->pos(), QPointF(260, 0));
    QVERIFY(qAbs(linkItem->routePoints().last().y() - 0) < 1);
    stack->redo();
    QCOMPARE(f.scene->nodeItem(queue)->pos(), QPointF(400, 100));

    // Rename and setting: the card's texts follow.
    QVERIFY(f.doc.renameNode(queue, QStringLiteral("orders")));
    QCOMPARE(f.scene->nodeItem(queue)->node().name, QStringLiteral("orders"));
    QVERIFY(f.doc.setNodeSetting(queue, QStringLiteral("visibilityTimeout"), 90, false));
    QCOMPARE(NodeText::subtitle(f.scene->nodeItem(queue)->node()),
             QStringLiteral("Standard queue · 1.5 min visibility"));
    stack->undo();
    QCOMPARE(NodeText::subtitle(f.scene->nodeItem(queue)->node()),
             QStringLiteral("Standard queue · 30 s visibility"));
    stack->undo();
    QCOMPARE(f.scene->nodeItem(queue)->node().name, QStringLiteral("queue"));

    // Remove the queue: its link goes too; undo brings both back, connected.
    f.doc.removeItems({queue}, {});
    QVERIFY(!f.scene->nodeItem(queue));
    QVERIFY(!f.scene->linkItem(link));
    QVERIFY(!f.scene->tokenLayer()->hasRoute(producer, queue));
    stack->undo();
    QVERIFY(f.scene->nodeItem(queue));
    QVERIFY(f.scene->linkItem(link));
    QVERIFY(f.scene->tokenLayer()->hasRoute(producer, queue));

    // Undo everything, then redo up to the removal.
    const int beforeRemoval = stack->index();
    while (stack->canUndo())
        stack->undo();
    QCOMPARE(f.scene->nodeCount(), 0);
    QVERIFY(!f.scene->linkItem(link));
    while (stack->index() < beforeRemoval)
        stack->redo();
    QCOMPARE(f.scene->nodeCount(), 2);
    QVERIFY(f.scene->linkItem(link));
    QCOMPARE(f.scene->nodeItem(queue)->pos(), QPointF(400, 100));
}

void TestCanvas::documentResetRebuildsTheScene()
{
    Fixture f;
    f.scene->dropNode(NodeKind::Producer, QPointF(0, 0));
    Diagram d;
    DiagramFileError error;
    QVERIFY2(DiagramFile::load(QStringLiteral(FLOWLAB_SOURCE_DIR
                                              "/resources/examples/video-processing.flowlab"),
                               &d,
                               &error),
             qPrintable(error.toString()));
    QSignalSpy changed(f.scene.get(), &DiagramScene::contentChanged);
    f.doc.reset(d, QString());
    QVERIFY(changed.count() >= 1);
    QCOMPARE(f.scene->nodeCount(), int(d.nodes.size()));
    for (const Node &n : d.nodes)
        QCOMPARE(f.scene->nodeItem(n.id)->pos(), n.position);
    for (const Link &l : d.links) {
        QVERIFY(f.scene->linkItem(l.id));
        QCOMPARE(f.scene->linkItem(l.id)->kind(), l.kind);
    }
    QVERIFY(f.scene->sceneRect().contains(f.scene->contentRect()));
}

void TestCanvas::selection()
{
    Fixture f;
    const int a = f.scene->dropNode(NodeKind::Producer, QPointF(0, 0));
    const int b = f.scene->dropNode(NodeKind::SqsQueue, QPointF(300, 0));
    QVERIFY(f.scene->tryLink(a, b));
    const int link = f.doc.diagram().links.first().id;
    f.scene->selectIds({b, a});
    QCOMPARE(f.scene->selectedNodeIds(), (QList<int>{a, b}));
    QVERIFY(f.scene->selectedLinkIds().isEmpty());
    f.scene->linkItem(link)->setSelected(true);
    QCOMPARE(f.scene->selectedLinkIds(), QList<int>{link});
    f.scene->selectIds({});
    QVERIFY(f.scene->selectedNodeIds().isEmpty());
    QVERIFY(f.scene->selectedLinkIds().isEmpty());
}

// --- Mouse gestures ------------------------------------------------------------------------

void TestCanvas::dragNodeIsOneUndoStep()
{
    ViewFixture f;
    QVERIFY(QTest::qWaitForWindowExposed(f.view.get()));
    const int id = f.scene->dropNode(NodeKind::SqsQueue, QPointF(0, 0));
    QUndoStack *stack = f.doc.undoStack();
    QCOMPARE(stack->count(), 1);

    // Grab the card left of its centre (away from the handle) and drag it 93 px right.
    f.drag(QPointF(-30, 10), QPointF(63, 14));
    QCOMPARE(stack->count(), 2);
    QCOMPARE(f.doc.diagram().node(id)->position, QPointF(100, 0)); // snapped to the grid
    QCOMPARE(f.scene->nodeItem(id)->pos(), QPointF(100, 0));

    // A second drag of the same node is a second undo step, not merged into the first.
    f.drag(QPointF(70, 10), QPointF(70, 91));
    QCOMPARE(stack->count(), 3);
    QCOMPARE(f.doc.diagram().node(id)->position, QPointF(100, 80));

    // A drag that comes back to where it started leaves no step behind.
    f.drag(QPointF(70, 90), QPointF(70, 190));
    QCOMPARE(stack->count(), 4);
    stack->undo();
    QCOMPARE(stack->count(), 4);
    QCOMPARE(stack->index(), 3);
    {
        QWidget *vp = f.view->viewport();
        const QPointF grab(70, 90);
        QTest::mousePress(vp, Qt::LeftButton, {}, f.at(grab));
        QTest::mouseMove(vp, f.at(grab + QPointF(0, 60)));
        QTest::mouseMove(vp, f.at(grab + QPointF(0, 120)));
        QTest::mouseMove(vp, f.at(grab));
        QTest::mouseRelease(vp, Qt::LeftButton, {}, f.at(grab));
    }
    QCOMPARE(stack->count(), 3); // the redoable step was dropped by the drag, nothing added
    QCOMPARE(stack->index(), 3);
    QCOMPARE(f.doc.diagram().node(id)->position, QPointF(100, 80));

    // A click without movement changes nothing.
    QTest::mouseClick(f.view->viewport(), Qt::LeftButton, {}, f.at(QPointF(70, 90)));
    QCOMPARE(stack->count(), 3);

    // Undo walks back one drag at a time.
    stack->undo();
    QCOMPARE(f.scene->nodeItem(id)->pos(), QPointF(100, 0));
    stack->undo();
    QCOMPARE(f.scene->nodeItem(id)->pos(), QPointF(0, 0));
}

void TestCanvas::dragSeveralSelectedNodes()
{
    ViewFixture f;
    QVERIFY(QTest::qWaitForWindowExposed(f.view.get()));
    const int a = f.scene->dropNode(NodeKind::Producer, QPointF(0, 0));
    const int b = f.scene->dropNode(NodeKind::SqsQueue, QPointF(240, 20));
    f.scene->selectIds({a, b});
    const int steps = f.doc.undoStack()->count();
    f.drag(QPointF(-30, 0), QPointF(-30, 100));
    QCOMPARE(f.doc.undoStack()->count(), steps + 1);
    QCOMPARE(f.doc.diagram().node(a)->position, QPointF(0, 100));
    QCOMPARE(f.doc.diagram().node(b)->position, QPointF(240, 120));
    QCOMPARE(f.scene->selectedNodeIds(), (QList<int>{a, b}));
    f.doc.undoStack()->undo();
    QCOMPARE(f.scene->nodeItem(a)->pos(), QPointF(0, 0));
    QCOMPARE(f.scene->nodeItem(b)->pos(), QPointF(240, 20));
}

void TestCanvas::dragLinkFromHandle()
{
    ViewFixture f;
    QVERIFY(QTest::qWaitForWindowExposed(f.view.get()));
    const int producer = f.scene->dropNode(NodeKind::Producer, QPointF(0, 0));
    const int queue = f.scene->dropNode(NodeKind::SqsQueue, QPointF(300, 0));
    const int steps = f.doc.undoStack()->count();

    QWidget *vp = f.view->viewport();
    const QPointF handle = QPointF(0, 0) + NodeItem::handleCenter();
    QTest::mousePress(vp, Qt::LeftButton, {}, f.at(handle));
    QTest::mouseMove(vp, f.at(handle + QPointF(60, 20)));
    QCOMPARE(f.scene->nodeItem(queue)->linkTargetState(), NodeItem::LinkTargetState::Candidate);
    QTest::mouseMove(vp, f.at(QPointF(290, 10)));
    QCOMPARE(f.scene->nodeItem(queue)->linkTargetState(), NodeItem::LinkTargetState::HoverAccept);
    QTest::mouseRelease(vp, Qt::LeftButton, {}, f.at(QPointF(290, 10)));

    QCOMPARE(f.doc.undoStack()->count(), steps + 1);
    QCOMPARE(f.doc.diagram().links.size(), 1);
    QCOMPARE(f.doc.diagram().links.first().from, producer);
    QCOMPARE(f.doc.diagram().links.first().to, queue);
    QCOMPARE(f.scene->nodeItem(queue)->linkTargetState(), NodeItem::LinkTargetState::None);
    // The node did not move, and the preview line is gone.
    QCOMPARE(f.doc.diagram().node(producer)->position, QPointF(0, 0));
    int linkItems = 0;
    for (QGraphicsItem *item : f.scene->items()) {
        if (item->type() == LinkItem::Type)
            ++linkItems;
    }
    QCOMPARE(linkItems, 1);
}

void TestCanvas::refusedLinkDragReportsWhy()
{
    ViewFixture f;
    QVERIFY(QTest::qWaitForWindowExposed(f.view.get()));
    f.scene->dropNode(NodeKind::Producer, QPointF(0, 0));
    const int group = f.scene->dropNode(NodeKind::ConsumerGroup, QPointF(300, 0));
    QSignalSpy refused(f.scene.get(), &DiagramScene::linkRefused);

    QWidget *vp = f.view->viewport();
    const QPointF handle = NodeItem::handleCenter();
    QTest::mousePress(vp, Qt::LeftButton, {}, f.at(handle));
    QTest::mouseMove(vp, f.at(QPointF(150, 10)));
    QCOMPARE(f.scene->nodeItem(group)->linkTargetState(), NodeItem::LinkTargetState::Unavailable);
    QTest::mouseMove(vp, f.at(QPointF(290, 10)));
    QCOMPARE(f.scene->nodeItem(group)->linkTargetState(), NodeItem::LinkTargetState::HoverRefuse);
    QTest::mouseRelease(vp, Qt::LeftButton, {}, f.at(QPointF(290, 10)));

    QCOMPARE(refused.count(), 1);
    QCOMPARE(refused.first().first().toString(),
             QStringLiteral("a producer sends to an SQS queue, not to a consumer group"));
    QVERIFY(f.doc.diagram().links.isEmpty());
    QCOMPARE(f.scene->nodeItem(group)->linkTargetState(), NodeItem::LinkTargetState::None);
}

QTEST_MAIN(TestCanvas)
#include "tst_canvas.moc"
