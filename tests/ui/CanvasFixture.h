#pragma once

// Fixtures shared by the canvas tests (tst_canvas, tst_canvaslive): a document with its
// scene, optionally shown in a view, and hand-made frames.

#include "canvas/DiagramScene.h"
#include "canvas/DiagramView.h"
#include "canvas/NodeItem.h"
#include "document/DiagramDocument.h"
#include "runner/Frame.h"

#include <QTest>

#include <memory>

Q_DECLARE_METATYPE(flowlab::NodeKind)

namespace canvastest {

using namespace flowlab;

// What exists before the link under test is tried.
enum class Before {
    Nothing,
    SameLink,       // the same two nodes are already linked
    ProducerLinked, // the producer already sends to another queue
    GroupLinked,    // the consumer group already polls another queue
    QueueHasDlq,    // the queue already has a dead-letter queue
};

struct Fixture
{
    DiagramDocument doc;
    std::unique_ptr<DiagramScene> scene = std::make_unique<DiagramScene>(&doc);

    int add(NodeKind kind, QPointF at = {}, bool fifo = false)
    {
        const int id = doc.addNode(kind, at);
        if (fifo)
            doc.setNodeSetting(id, QStringLiteral("fifo"), true, false);
        return id;
    }
};

inline std::shared_ptr<Frame> makeFrame(SimTime time)
{
    auto frame = std::make_shared<Frame>();
    frame->time = time;
    frame->eventsProcessed = 100;
    frame->running = true;
    return frame;
}

inline void addCounters(Frame *frame, int nodeId, const QVector<Counter> &counters)
{
    NodeFrame nf;
    nf.nodeId = nodeId;
    nf.counters = counters;
    frame->nodes.append(nf);
}

inline QVector<Counter> queueCounters(
    double visible, double inFlight, double delayed, double movedToDlq = 0, double expired = 0)
{
    return {{QStringLiteral("visible"), visible},
            {QStringLiteral("inFlight"), inFlight},
            {QStringLiteral("delayed"), delayed},
            {QStringLiteral("sent"), 0},
            {QStringLiteral("received"), 0},
            {QStringLiteral("deleted"), 0},
            {QStringLiteral("movedToDlq"), movedToDlq},
            {QStringLiteral("expired"), expired},
            {QStringLiteral("ageOfOldest"), 0}};
}

inline QStringList columnValues(const NodeItem *item)
{
    QStringList out;
    for (const FigureColumn &c : item->columns())
        out.append(c.value + QLatin1Char(' ') + c.label);
    return out;
}

struct ViewFixture : Fixture
{
    std::unique_ptr<DiagramView> view;

    ViewFixture()
    {
        view = std::make_unique<DiagramView>(scene.get());
        view->resize(900, 600);
        view->show();
        view->centerOn(150, 0);
    }

    QPoint at(const QPointF &scenePos) const { return view->mapFromScene(scenePos); }

    // A press, a few intermediate moves and a release, as a hand would do it.
    void drag(const QPointF &from, const QPointF &to, Qt::KeyboardModifiers mods = {})
    {
        QWidget *vp = view->viewport();
        QTest::mousePress(vp, Qt::LeftButton, mods, at(from));
        for (int i = 1; i <= 6; ++i)
            QTest::mouseMove(vp, at(from + (to - from) * (i / 6.0)));
        QTest::mouseRelease(vp, Qt::LeftButton, mods, at(to));
    }
};

} // namespace canvastest
