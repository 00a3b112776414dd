// The canvas while a simulation runs, and its surroundings: frames applied to the scene
// (figures, link rates), tokens, the view (drops, zoom) and the palette, and the picture
// rendered to an image and to SVG. Runs on the offscreen platform.

#include "CanvasFixture.h"
#include "UiResources.h"
#include "canvas/LinkItem.h"
#include "canvas/NodeItem.h"
#include "canvas/TokenLayer.h"
#include "io/DiagramFile.h"
#include "palette/NodeKindMime.h"
#include "palette/PaletteWidget.h"

#include <QApplication>
#include <QBuffer>
#include <QImage>
#include <QMimeData>
#include <QPainter>
#include <QSignalSpy>
#include <QSvgGenerator>
#include <QTest>
#include <QUndoStack>

using namespace flowlab;
using namespace canvastest;

class TestCanvasLive : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void applyFrameShowsQueueFigures();
    void applyFrameComputesLinkRates();
    void framesBeforeTheFirstEventKeepTheStaticPicture();
    void tokensTravelAndTheTimerStops();
    void tokensOnTheSamePixelAreDrawnOnce();

    void viewDropCreatesNode();
    void viewZoom();
    void palette();
    void rendersExample();
};

void TestCanvasLive::initTestCase()
{
    initUiResources();
    QVERIFY(QFile::exists(nodeKindIconPath(NodeKind::SqsQueue)));
    QVERIFY(QFile::exists(QStringLiteral(":/icons/run.svg")));
}
// --- Live frames ---------------------------------------------------------------------------

void TestCanvasLive::applyFrameShowsQueueFigures()
{
    Fixture f;
    const int queue = f.add(NodeKind::SqsQueue);
    NodeItem *item = f.scene->nodeItem(queue);
    QVERIFY(!item->hasFigures());
    QCOMPARE(columnValues(item),
             (QStringList{QStringLiteral("4 d retention"),
                          QStringLiteral("0 s delay"),
                          QStringLiteral("0 s poll wait")}));
    const QRectF staticBounds = item->boundingRect();

    auto frame = makeFrame(5 * kSecond);
    addCounters(frame.get(), queue, queueCounters(1234, 30, 2, 7, 3));
    f.scene->applyFrame(frame);
    QVERIFY(item->hasFigures());
    QCOMPARE(columnValues(item),
             (QStringList{QStringLiteral("1.2k visible"),
                          QStringLiteral("30 in flight"),
                          QStringLiteral("2 delayed")}));
    QCOMPARE(item->alerts(), (QStringList{QStringLiteral("7 to DLQ"), QStringLiteral("3 expired")}));
    QCOMPARE(item->gaugeScale(), 2000.0);
    // The badges hang over the card's top edge: the item grew (through prepareGeometryChange).
    QVERIFY(item->boundingRect().top() < staticBounds.top());
    QVERIFY(item->toolTip().isEmpty() || item->toolTip().contains(QStringLiteral("Moved to DLQ")));

    // The gauge keeps its scale while the queue drains.
    auto later = makeFrame(6 * kSecond);
    addCounters(later.get(), queue, queueCounters(10, 0, 0));
    f.scene->applyFrame(later);
    QCOMPARE(columnValues(item).first(), QStringLiteral("10 visible"));
    QCOMPARE(item->gaugeScale(), 2000.0);
    QVERIFY(item->alerts().isEmpty());

    f.scene->clearLive();
    QVERIFY(!item->hasFigures());
    QCOMPARE(columnValues(item).first(), QStringLiteral("4 d retention"));
    QCOMPARE(item->boundingRect(), staticBounds);
}

void TestCanvasLive::applyFrameComputesLinkRates()
{
    Fixture f;
    const int producer = f.add(NodeKind::Producer, QPointF(0, 0));
    const int queue = f.add(NodeKind::SqsQueue, QPointF(260, 0));
    const int group = f.add(NodeKind::ConsumerGroup, QPointF(520, 0));
    const int dlq = f.add(NodeKind::SqsQueue, QPointF(260, 200));
    QVERIFY(f.scene->tryLink(producer, queue));
    QVERIFY(f.scene->tryLink(queue, group));
    QVERIFY(f.scene->tryLink(queue, dlq));
    const QVector<Link> links = f.doc.diagram().links;
    LinkItem *sendLink = f.scene->linkItem(links[0].id);
    LinkItem *pollLink = f.scene->linkItem(links[1].id);
    LinkItem *dlqLink = f.scene->linkItem(links[2].id);

    auto frameAt = [&](SimTime t, double sent, double processed, double moved) {
        auto frame = makeFrame(t);
        addCounters(frame.get(),
                    producer,
                    {{QStringLiteral("sent"), sent}, {QStringLiteral("rate"), 20}});
        addCounters(frame.get(), queue, queueCounters(5, 2, 0, moved));
        addCounters(frame.get(),
                    group,
                    {{QStringLiteral("workers"), 4},
                     {QStringLiteral("busy"), 3},
                     {QStringLiteral("processed"), processed}});
        return frame;
    };
    f.scene->setLive(true);
    f.scene->applyFrame(frameAt(10 * kSecond, 100, 50, 0));
    QCOMPARE(sendLink->rate(), -1.0); // one frame: no rate yet
    f.scene->applyFrame(frameAt(10 * kSecond + 500 * kMillisecond, 110, 54, 1));
    QCOMPARE(sendLink->rate(), 20.0);
    QCOMPARE(pollLink->rate(), 8.0);
    QCOMPARE(dlqLink->rate(), 2.0);
    QCOMPARE(sendLink->labelText(), QStringLiteral("20 msg/s"));
    QCOMPARE(dlqLink->labelText(), QStringLiteral("DLQ · 2 msg/s"));
    QCOMPARE(columnValues(f.scene->nodeItem(group)).first(), QStringLiteral("3/4 busy"));

    // Paused: the rates are hidden, the DLQ label stays.
    f.scene->setLive(false);
    QCOMPARE(sendLink->labelText(), QString());
    QCOMPARE(dlqLink->labelText(), QStringLiteral("DLQ"));

    // A reset run (time goes back) starts the rates over.
    f.scene->setLive(true);
    f.scene->applyFrame(frameAt(1 * kSecond, 10, 0, 0));
    f.scene->applyFrame(frameAt(2 * kSecond, 15, 0, 0));
    QCOMPARE(sendLink->rate(), 5.0);
}

void TestCanvasLive::framesBeforeTheFirstEventKeepTheStaticPicture()
{
    Fixture f;
    const int queue = f.add(NodeKind::SqsQueue);
    auto frame = std::make_shared<Frame>(); // t = 0, no event yet: a fresh or reset run
    addCounters(frame.get(), queue, queueCounters(0, 0, 0));
    f.scene->applyFrame(frame);
    QVERIFY(!f.scene->nodeItem(queue)->hasFigures());
}

void TestCanvasLive::tokensTravelAndTheTimerStops()
{
    Fixture f;
    const int producer = f.add(NodeKind::Producer, QPointF(0, 0));
    const int queue = f.add(NodeKind::SqsQueue, QPointF(260, 0));
    const int other = f.add(NodeKind::SqsQueue, QPointF(260, 200));
    QVERIFY(f.scene->tryLink(producer, queue));
    TokenLayer *tokens = f.scene->tokenLayer();
    tokens->setTravelTime(60);

    auto frame = makeFrame(kSecond);
    for (int i = 0; i < 5; ++i)
        frame->tokens.append(
            TokenSpawn{producer, queue, quint64(i), quint32(i), kSecond, TraceKind::Sent});
    frame->tokens.append(TokenSpawn{producer, other, 9, 0, kSecond, TraceKind::Sent}); // no link
    f.scene->applyFrame(frame);
    QCOMPARE(tokens->tokenCount(), 5);
    QVERIFY(tokens->boundingRect().contains(QPointF(130, 0)));
    QTRY_COMPARE_WITH_TIMEOUT(tokens->tokenCount(), 0, 2000);

    // Reset clears tokens in flight at once.
    tokens->setTravelTime(10000);
    f.scene->applyFrame(frame);
    QCOMPARE(tokens->tokenCount(), 5);
    f.scene->clearLive();
    QCOMPARE(tokens->tokenCount(), 0);

    // A removed link takes its route away; its tokens are dropped.
    f.scene->applyFrame(frame);
    f.doc.removeItems({}, {f.doc.diagram().links.first().id});
    QVERIFY(!tokens->hasRoute(producer, queue));
    tokens->advance();
    QCOMPARE(tokens->tokenCount(), 0);
}

void TestCanvasLive::tokensOnTheSamePixelAreDrawnOnce()
{
    Fixture f;
    const int producer = f.add(NodeKind::Producer, QPointF(0, 0));
    const int queue = f.add(NodeKind::SqsQueue, QPointF(300, 0));
    QVERIFY(f.scene->tryLink(producer, queue));
    TokenLayer *tokens = f.scene->tokenLayer();
    tokens->setTravelTime(1000000); // they stay where they start for the test's duration
    for (int i = 0; i < 5; ++i)
        tokens->addToken(producer, queue, quint32(i), TraceKind::Sent, 500000);
    tokens->addToken(producer, queue, 1, TraceKind::Sent, 250000);

    auto render = [&] {
        const QRectF source = f.scene->contentRect();
        QImage image(source.size().toSize(), QImage::Format_ARGB32_Premultiplied);
        QPainter p(&image);
        f.scene->render(&p, QRectF(QPointF(0, 0), source.size()), source);
        return tokens->lastDrawnCount();
    };
    QCOMPARE(render(), 2); // five tokens at the middle of the link, one at a quarter
    tokens->setOverdrawCulling(false);
    QCOMPARE(render(), 6);
}

// --- View and palette ----------------------------------------------------------------------

void TestCanvasLive::viewDropCreatesNode()
{
    ViewFixture f;
    QVERIFY(QTest::qWaitForWindowExposed(f.view.get()));
    const QPoint pos = f.at(QPointF(105, 47));
    std::unique_ptr<QMimeData> data(createNodeKindMimeData(NodeKind::ConsumerGroup));
    QDragEnterEvent enter(pos, Qt::CopyAction, data.get(), Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(f.view->viewport(), &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(QPointF(pos), Qt::CopyAction, data.get(), Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(f.view->viewport(), &drop);
    QVERIFY(drop.isAccepted());
    QCOMPARE(f.doc.diagram().nodes.size(), 1);
    QCOMPARE(f.doc.diagram().nodes.first().kind, NodeKind::ConsumerGroup);
    QCOMPARE(f.doc.diagram().nodes.first().position, QPointF(100, 40));
    QCOMPARE(f.doc.undoStack()->count(), 1);

    // Data that is not a node kind is refused.
    QMimeData text;
    text.setText(QStringLiteral("producer"));
    QDragEnterEvent other(pos, Qt::CopyAction, &text, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(f.view->viewport(), &other);
    QVERIFY(!other.isAccepted());
}

void TestCanvasLive::viewZoom()
{
    ViewFixture f;
    QVERIFY(QTest::qWaitForWindowExposed(f.view.get()));
    QSignalSpy zoomed(f.view.get(), &DiagramView::zoomChanged);
    f.view->zoomIn();
    QCOMPARE(f.view->zoom(), 1.25);
    f.view->zoomOut();
    QCOMPARE(f.view->zoom(), 1.0);
    f.view->setZoom(100);
    QCOMPARE(f.view->zoom(), DiagramView::kMaxZoom);
    f.view->resetZoom();
    QCOMPARE(f.view->zoom(), 1.0);
    QCOMPARE(zoomed.count(), 4);

    // Zooming at a point keeps that point under the cursor.
    const QPoint cursor(200, 150);
    const QPointF under = f.view->mapToScene(cursor);
    f.view->zoomAt(2.0, cursor);
    QVERIFY(QLineF(f.view->mapToScene(cursor), under).length() < 1.0);

    // Fit shows every card.
    f.scene->dropNode(NodeKind::Producer, QPointF(-600, -300));
    f.scene->dropNode(NodeKind::SqsQueue, QPointF(900, 500));
    f.view->fitToDiagram();
    const QRectF visible = f.view->mapToScene(f.view->viewport()->rect()).boundingRect();
    QVERIFY(visible.contains(f.scene->contentRect()));
    QVERIFY(f.view->zoom() < 1.0);
}

void TestCanvasLive::palette()
{
    PaletteWidget palette;
    QCOMPARE(palette.count(), int(std::size(kPaletteNodeKinds)));
    for (int row = 0; row < palette.count(); ++row) {
        const NodeKind kind = kPaletteNodeKinds[row];
        QCOMPARE(palette.kindAt(row), kind);
        QCOMPARE(palette.item(row)->text(), nodeKindDisplayName(kind));
        QVERIFY(!palette.item(row)->icon().isNull());
        QVERIFY(!PaletteWidget::description(kind).isEmpty());
    }
    QCOMPARE(QString::fromLatin1(kNodeKindMimeType),
             QStringLiteral("application/x-flowlab-node-kind"));
    std::unique_ptr<QMimeData> data(createNodeKindMimeData(NodeKind::SqsQueue));
    QCOMPARE(data->data(QStringLiteral("application/x-flowlab-node-kind")), QByteArray("sqs-queue"));

    palette.resize(260, 240);
    palette.show();
    QVERIFY(QTest::qWaitForWindowExposed(&palette));
    QSignalSpy added(&palette, &PaletteWidget::addRequested);
    const QRect rect = palette.visualItemRect(palette.item(2));
    // QTest::mouseDClick sends only the double-click event; a real one follows a click.
    QTest::mouseClick(palette.viewport(), Qt::LeftButton, {}, rect.center());
    QTest::mouseDClick(palette.viewport(), Qt::LeftButton, {}, rect.center());
    QCOMPARE(added.count(), 1);
    QCOMPARE(added.first().first().value<NodeKind>(), NodeKind::ConsumerGroup);
}

void TestCanvasLive::rendersExample()
{
    // The whole picture, live figures and tokens included, paints without complaint at
    // several zoom levels (the level-of-detail branches).
    Fixture f;
    Diagram d;
    QVERIFY(DiagramFile::load(QStringLiteral(FLOWLAB_SOURCE_DIR
                                             "/resources/examples/video-processing.flowlab"),
                              &d,
                              nullptr));
    f.doc.reset(d, QString());
    auto frame = makeFrame(3 * kSecond);
    addCounters(frame.get(), 2, queueCounters(40, 10, 0, 1));
    for (int i = 0; i < 50; ++i)
        frame->tokens.append(TokenSpawn{1, 2, quint64(i), 0, 3 * kSecond, TraceKind::Sent});
    f.scene->setLive(true);
    f.scene->applyFrame(frame);
    for (double zoom : {1.0, 0.5, 0.2}) {
        QImage image(800, 500, QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::white);
        QPainter p(&image);
        const QRectF source = f.scene->contentRect().adjusted(-40, -40, 40, 40);
        const QRectF target(0, 0, source.width() * zoom, source.height() * zoom);
        f.scene->render(&p, target, source);
        p.end();
        QVERIFY(image.pixel(10, 10) != qRgb(255, 255, 255)); // the background was drawn
    }

    // An SVG export gets vectors and text, not the bitmaps the screen is painted from.
    QBuffer svg;
    svg.open(QIODevice::WriteOnly);
    QSvgGenerator generator;
    generator.setOutputDevice(&svg);
    const QRectF source = f.scene->contentRect();
    generator.setSize(source.size().toSize());
    generator.setViewBox(QRectF(QPointF(0, 0), source.size()));
    {
        QPainter p(&generator);
        f.scene->render(&p, QRectF(QPointF(0, 0), source.size()), source);
    }
    const QByteArray text = svg.data();
    QVERIFY(text.contains("video-jobs"));
    QVERIFY(!text.contains("<image"));
}

QTEST_MAIN(TestCanvasLive)
#include "tst_canvaslive.moc"
