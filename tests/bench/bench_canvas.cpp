// Canvas benchmark: a 1600×900 DiagramView showing a realistic diagram (6 lanes of
// producer → queue → consumer group with a dead-letter queue: 24 cards, 18 links) while
// 1k, 5k and 20k tokens move every frame, for about 3 s each. Each frame goes through the
// real path: DiagramScene::applyFrame() with fresh counters for every node and the frame's
// new tokens, TokenLayer::advance(), then the event loop until the view has painted (and
// the backing store has been flushed to the window system).
//
// Prints frames per second (unpaced: as fast as the UI thread can go) and UI-thread
// milliseconds per frame (everything above, mean and 95th percentile), plus the time spent
// in the view's paintEvent alone. The target is 60 fps with 20k tokens at <= 4 ms a frame.
//
// Run it under a real window system, e.g.
//     xvfb-run -a -s "-screen 0 1920x1080x24" ./build/tests/bench/bench_canvas
// Options: --seconds S (per token count, default 3), --full (FullViewportUpdate instead of
// the view's BoundingRectViewportUpdate), --no-cull (draw every token's sprite, even where
// another one was drawn on the same pixel), --zoom Z (default 1), --hide nodes,links,grid
// (diagnostics: leave parts of the picture out to see what each costs), --tokens N (one
// token count instead of the three).

#include "UiResources.h"
#include "canvas/DiagramScene.h"
#include "canvas/DiagramView.h"
#include "canvas/LinkItem.h"
#include "canvas/NodeItem.h"
#include "canvas/TokenLayer.h"
#include "document/DiagramDocument.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QGuiApplication>
#include <QWindow>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <random>

using namespace flowlab;

namespace {

class BenchView : public DiagramView
{
public:
    using DiagramView::DiagramView;
    qint64 paintNs = 0;
    int paints = 0;

protected:
    void paintEvent(QPaintEvent *event) override
    {
        QElapsedTimer t;
        t.start();
        DiagramView::paintEvent(event);
        paintNs += t.nsecsElapsed();
        ++paints;
    }
};

Diagram benchDiagram()
{
    Diagram d;
    int id = 1;
    auto node = [&](NodeKind kind, const QString &name, QPointF pos) {
        Node n;
        n.id = id++;
        n.kind = kind;
        n.name = name;
        n.position = pos;
        d.nodes.append(n);
        return n.id;
    };
    auto link = [&](int from, int to, LinkKind kind) {
        d.links.append(Link{id++, from, to, kind});
    };
    const char *lanes[] = {"orders", "payments", "emails", "thumbnails", "audit", "search"};
    for (int lane = 0; lane < 6; ++lane) {
        const QPointF o((lane / 3) * 820, (lane % 3) * 300);
        const QString name = QString::fromLatin1(lanes[lane]);
        const int p = node(NodeKind::Producer, name + QStringLiteral(" API"), o);
        const int q = node(NodeKind::SqsQueue, name, o + QPointF(260, 0));
        const int g = node(NodeKind::ConsumerGroup,
                           name + QStringLiteral(" workers"),
                           o + QPointF(520, 0));
        const int dlq = node(NodeKind::SqsQueue,
                             name + QStringLiteral("-dlq"),
                             o + QPointF(260, 150));
        link(p, q, LinkKind::Flow);
        link(q, g, LinkKind::Flow);
        link(q, dlq, LinkKind::DeadLetter);
    }
    return d;
}

struct Result
{
    int tokens = 0;
    double fps = 0;
    double uiMsMean = 0;
    double uiMsP95 = 0;
    double paintMsMean = 0;
    double paintsPerFrame = 0;
    double spritesPerFrame = 0;
    int tokensAtEnd = 0;
};

class Bench
{
public:
    Bench(QApplication &app, bool fullUpdate, double zoom, const QString &hide, bool cull)
        : m_app(app)
    {
        m_doc.reset(benchDiagram(), QString());
        m_scene = std::make_unique<DiagramScene>(&m_doc);
        m_view = std::make_unique<BenchView>(m_scene.get());
        if (fullUpdate)
            m_view->setViewportUpdateMode(QGraphicsView::FullViewportUpdate);
        m_view->resize(1600, 900);
        m_view->show();
        QElapsedTimer exposing;
        exposing.start();
        while (!(m_view->windowHandle() && m_view->windowHandle()->isExposed())
               && exposing.elapsed() < 5000)
            m_app.processEvents(QEventLoop::AllEvents, 50);
        m_view->setZoom(zoom);
        m_view->centerOn(m_scene->contentRect().center());
        m_scene->setLive(true);
        m_scene->tokenLayer()->setOverdrawCulling(cull);
        for (const Link &l : m_doc.diagram().links)
            m_routes.append(l);
        // Diagnostics: leave parts of the picture out to see what each costs.
        for (QGraphicsItem *item : m_scene->items()) {
            if ((hide.contains(QLatin1String("nodes")) && item->type() == NodeItem::Type)
                || (hide.contains(QLatin1String("links")) && item->type() == LinkItem::Type))
                item->hide();
        }
        if (hide.contains(QLatin1String("grid")))
            m_scene->setGridVisible(false);
    }

    Result run(int tokenCount, double seconds)
    {
        TokenLayer *layer = m_scene->tokenLayer();
        layer->clearTokens();
        // Start with the tokens spread along their trips, as in a steady stream.
        const int travel = layer->travelTime();
        for (int i = 0; i < tokenCount; ++i) {
            const Link &l = m_routes[i % m_routes.size()];
            layer->addToken(l.from, l.to, quint32(i % 9), kindOf(l), int(m_rng() % travel));
        }
        // Warm up (sprites, glyph caches), then measure.
        measure(tokenCount, 0.5);
        return measure(tokenCount, seconds);
    }

private:
    TraceKind kindOf(const Link &l) const
    {
        return l.kind == LinkKind::DeadLetter ? TraceKind::MovedToDlq : TraceKind::Sent;
    }

    FramePtr nextFrame(int topUp)
    {
        auto frame = std::make_shared<Frame>();
        m_time += 16 * kMillisecond;
        ++m_frameNo;
        frame->time = m_time;
        frame->eventsProcessed = quint64(m_frameNo) * 100;
        frame->running = true;
        const double t = toSeconds(m_time);
        for (const Node &n : m_doc.diagram().nodes) {
            NodeFrame nf;
            nf.nodeId = n.id;
            const double wave = 0.5 + 0.5 * std::sin(t + n.id);
            switch (n.kind) {
            case NodeKind::Producer:
                nf.counters = {{QStringLiteral("sent"), 40 * t},
                               {QStringLiteral("failed"), 0},
                               {QStringLiteral("throttled"), 0},
                               {QStringLiteral("rate"), 30 + 10 * wave}};
                break;
            case NodeKind::SqsQueue:
                nf.counters = {{QStringLiteral("visible"), std::round(400 * wave)},
                               {QStringLiteral("inFlight"), std::round(40 * wave)},
                               {QStringLiteral("delayed"), 3},
                               {QStringLiteral("sent"), 40 * t},
                               {QStringLiteral("received"), 38 * t},
                               {QStringLiteral("deleted"), 37 * t},
                               {QStringLiteral("movedToDlq"), std::floor(t / 4)},
                               {QStringLiteral("expired"), 0},
                               {QStringLiteral("ageOfOldest"), 12 * wave}};
                break;
            case NodeKind::ConsumerGroup:
                nf.counters = {{QStringLiteral("workers"), 10},
                               {QStringLiteral("busy"), std::round(10 * wave)},
                               {QStringLiteral("processed"), 37 * t},
                               {QStringLiteral("duplicates"), 0},
                               {QStringLiteral("crashes"), 0}};
                break;
            case NodeKind::SqsClient: // the benchmark's diagram has none
                break;
            }
            frame->nodes.append(nf);
        }
        for (int i = 0; i < topUp; ++i) {
            const Link &l = m_routes[(m_frameNo * 7 + i) % m_routes.size()];
            TokenSpawn s;
            s.from = l.from;
            s.to = l.to;
            s.colorKey = quint32(i % 9);
            s.kind = kindOf(l);
            s.time = m_time - SimTime(m_rng() % (16 * kMillisecond));
            frame->tokens.append(s);
        }
        return frame;
    }

    Result measure(int tokenCount, double seconds)
    {
        TokenLayer *layer = m_scene->tokenLayer();
        QVector<qint64> frameNs;
        qint64 sprites = 0;
        const qint64 paintNsBefore = m_view->paintNs;
        const int paintsBefore = m_view->paints;
        QElapsedTimer wall;
        wall.start();
        QElapsedTimer frameTimer;
        while (wall.elapsed() < seconds * 1000) {
            frameTimer.start();
            const int paints = m_view->paints;
            m_scene->applyFrame(nextFrame(std::max(0, tokenCount - layer->tokenCount())));
            layer->advance();
            // Deliver the scene's change notification and the view's update request: one
            // paint, then the backing store's flush to the window system.
            QElapsedTimer guard;
            guard.start();
            while (m_view->paints == paints && guard.elapsed() < 1000)
                m_app.processEvents();
            frameNs.append(frameTimer.nsecsElapsed());
            sprites += layer->lastDrawnCount();
        }
        const qint64 total = wall.nsecsElapsed();
        Result r;
        r.tokens = tokenCount;
        r.tokensAtEnd = layer->tokenCount();
        const int frames = int(frameNs.size());
        r.fps = frames / (total / 1e9);
        qint64 sum = 0;
        for (qint64 ns : std::as_const(frameNs))
            sum += ns;
        r.uiMsMean = frames ? sum / 1e6 / frames : 0;
        std::sort(frameNs.begin(), frameNs.end());
        r.uiMsP95 = frames ? frameNs[std::min(frames - 1, int(frames * 0.95))] / 1e6 : 0;
        const int paints = m_view->paints - paintsBefore;
        r.paintMsMean = paints ? (m_view->paintNs - paintNsBefore) / 1e6 / paints : 0;
        r.paintsPerFrame = frames ? double(paints) / frames : 0;
        r.spritesPerFrame = frames ? double(sprites) / frames : 0;
        return r;
    }

    QApplication &m_app;
    DiagramDocument m_doc;
    std::unique_ptr<DiagramScene> m_scene;
    std::unique_ptr<BenchView> m_view;
    QVector<Link> m_routes;
    std::mt19937 m_rng{12345};
    SimTime m_time = 0;
    int m_frameNo = 0;
};

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    initUiResources();
    double seconds = 3;
    double zoom = 1;
    bool full = false;
    bool cull = true;
    QString hide;
    QVector<int> counts = {1000, 5000, 20000};
    const QStringList args = app.arguments();
    for (int i = 1; i < args.size(); ++i) {
        if (args[i] == QLatin1String("--seconds") && i + 1 < args.size())
            seconds = args[++i].toDouble();
        else if (args[i] == QLatin1String("--zoom") && i + 1 < args.size())
            zoom = args[++i].toDouble();
        else if (args[i] == QLatin1String("--full"))
            full = true;
        else if (args[i] == QLatin1String("--no-cull"))
            cull = false;
        else if (args[i] == QLatin1String("--hide") && i + 1 < args.size())
            hide = args[++i];
        else if (args[i] == QLatin1String("--tokens") && i + 1 < args.size())
            counts = {args[++i].toInt()};
    }

    Bench bench(app, full, zoom, hide, cull);
    std::printf("platform %s, view 1600x900, zoom %.2f, 24 cards, 18 links, %s, overdraw "
                "culling %s, %.1f s per run\n",
                qPrintable(QGuiApplication::platformName()),
                zoom,
                full ? "FullViewportUpdate" : "BoundingRectViewportUpdate",
                cull ? "on" : "off",
                seconds);
    std::printf("%8s %10s %14s %13s %15s %13s %15s\n",
                "tokens",
                "frames/s",
                "UI ms/frame",
                "p95 ms/frame",
                "paint ms/frame",
                "paints/frame",
                "sprites/frame");
    for (int tokens : std::as_const(counts)) {
        const Result r = bench.run(tokens, seconds);
        std::printf("%8d %10.0f %14.2f %13.2f %15.2f %13.2f %15.0f\n",
                    r.tokens,
                    r.fps,
                    r.uiMsMean,
                    r.uiMsP95,
                    r.paintMsMean,
                    r.paintsPerFrame,
                    r.spritesPerFrame);
        std::fflush(stdout);
    }
    return 0;
}
