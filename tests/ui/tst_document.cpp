// DiagramDocument and its undo commands, without a window.

#include "document/DiagramDocument.h"
#include "io/DiagramFile.h"

#include <QtTest>

using namespace flowlab;

class TestDocument : public QObject
{
    Q_OBJECT

private slots:
    void settingStepsMergeWithinASecond();
    void removeAndUndoRestoresOrder();
    void pasteMakesFreshIdsAndNames();
    void refusedEditsPushNothing();
};

void TestDocument::settingStepsMergeWithinASecond()
{
    DiagramDocument doc;
    const int q = doc.addNode(NodeKind::SqsQueue, QPointF());
    const int before = doc.undoStack()->count();
    QVERIFY(doc.setNodeSetting(q, QStringLiteral("visibilityTimeout"), qint64(31), true));
    QVERIFY(doc.setNodeSetting(q, QStringLiteral("visibilityTimeout"), qint64(32), true));
    QVERIFY(doc.setNodeSetting(q, QStringLiteral("visibilityTimeout"), qint64(33), true));
    QCOMPARE(doc.undoStack()->count(), before + 1); // one gesture, one step
    QTest::qWait(1100);
    QVERIFY(doc.setNodeSetting(q, QStringLiteral("visibilityTimeout"), qint64(40), true));
    QCOMPARE(doc.undoStack()->count(), before + 2); // after a pause: a new step
    doc.undoStack()->undo();
    QCOMPARE(doc.diagram().node(q)->setting(QStringLiteral("visibilityTimeout")).toInt(), 33);
    doc.undoStack()->undo();
    // Back to absent from the file: the default applies again.
    QVERIFY(!doc.diagram().node(q)->settings.contains(QStringLiteral("visibilityTimeout")));
}

void TestDocument::removeAndUndoRestoresOrder()
{
    DiagramDocument doc;
    const int p = doc.addNode(NodeKind::Producer, QPointF(0, 0));
    const int q = doc.addNode(NodeKind::SqsQueue, QPointF(200, 0));
    const int c = doc.addNode(NodeKind::ConsumerGroup, QPointF(400, 0));
    QVERIFY(doc.addLink(p, q, LinkKind::Flow));
    QVERIFY(doc.addLink(q, c, LinkKind::Flow));
    const QByteArray saved = DiagramFile::write(doc.diagram());
    doc.removeItems({q}, {});
    QCOMPARE(doc.diagram().nodes.size(), 2);
    QCOMPARE(doc.diagram().links.size(), 0); // the queue's links went with it
    doc.undoStack()->undo();
    QCOMPARE(DiagramFile::write(doc.diagram()), saved);
}

void TestDocument::pasteMakesFreshIdsAndNames()
{
    DiagramDocument doc;
    const int p = doc.addNode(NodeKind::Producer, QPointF(0, 0));
    const int q = doc.addNode(NodeKind::SqsQueue, QPointF(200, 0));
    doc.addLink(p, q, LinkKind::Flow);
    const QList<int> copies = doc.duplicate({p, q}, QPointF(40, 40));
    QCOMPARE(copies.size(), 2);
    QVERIFY(!copies.contains(p) && !copies.contains(q));
    QCOMPARE(doc.diagram().node(copies[0])->name, QStringLiteral("producer-2"));
    QCOMPARE(doc.diagram().node(copies[1])->name, QStringLiteral("queue-2"));
    QCOMPARE(doc.diagram().node(copies[0])->position, QPointF(40, 40));
    QCOMPARE(doc.diagram().links.size(), 2); // the link inside the selection was kept
    QVERIFY(doc.paste("not a fragment", QPointF()).isEmpty());
}

void TestDocument::refusedEditsPushNothing()
{
    DiagramDocument doc;
    const int p = doc.addNode(NodeKind::Producer, QPointF());
    const int c = doc.addNode(NodeKind::ConsumerGroup, QPointF());
    const int steps = doc.undoStack()->count();
    QString why;
    QCOMPARE(doc.addLink(p, c, LinkKind::Flow, &why), 0);
    QCOMPARE(why, QStringLiteral("a producer sends to an SQS queue, not to a consumer group"));
    QVERIFY(!doc.setNodeSetting(p, QStringLiteral("rate"), -1.0, false, &why));
    QCOMPARE(why, QStringLiteral("Rate: must be between 0.001 and 100000"));
    QVERIFY(!doc.renameNode(p, QStringLiteral("   "), &why));
    QCOMPARE(doc.undoStack()->count(), steps);
}

QTEST_MAIN(TestDocument)
#include "tst_document.moc"
