#include "DiagramScene.h"

#include "CanvasStyle.h"
#include "LinkItem.h"
#include "NodeItem.h"
#include "TokenLayer.h"
#include "document/DiagramDocument.h"

#include <QPainter>

#include <algorithm>
#include <cmath>

namespace flowlab {

namespace {
// Rates are measured over about this much virtual time, so that a few messages a second
// still give a steady figure at 1× while 60 frames a second arrive.
constexpr SimTime kRateWindow = kSecond;
// Room around the content, so the view can pan and zoom around the cursor near the edges.
constexpr qreal kSceneMarginX = 1600;
constexpr qreal kSceneMarginY = 1000;

template<typename Item>
QList<int> sortedIds(const QList<QGraphicsItem *> &items, int (Item::*id)() const)
{
    QList<int> ids;
    for (QGraphicsItem *item : items) {
        if (item->type() == Item::Type)
            ids.append((static_cast<Item *>(item)->*id)());
    }
    std::sort(ids.begin(), ids.end());
    return ids;
}
} // namespace

DiagramScene::DiagramScene(DiagramDocument *doc, QObject *parent)
    : QGraphicsScene(parent)
    , m_doc(doc)
    , m_tokens(new TokenLayer)
{
    setItemIndexMethod(NoIndex);
    addItem(m_tokens);
    m_wallClock.start();

    connect(doc, &DiagramDocument::documentReset, this, &DiagramScene::rebuild);
    connect(doc, &DiagramDocument::nodeAdded, this, &DiagramScene::addNodeItem);
    connect(doc, &DiagramDocument::nodeRemoved, this, &DiagramScene::removeNodeItem);
    connect(doc, &DiagramDocument::nodeMoved, this, &DiagramScene::moveNodeItem);
    connect(doc, &DiagramDocument::nodeRenamed, this, &DiagramScene::refreshNodeItem);
    connect(doc, &DiagramDocument::nodeSettingChanged, this, [this](int id) {
        refreshNodeItem(id);
    });
    connect(doc, &DiagramDocument::linkAdded, this, &DiagramScene::addLinkItem);
    connect(doc, &DiagramDocument::linkRemoved, this, &DiagramScene::removeLinkItem);
    rebuild();
}

DiagramScene::~DiagramScene()
{
    // A drag cut short (the window closes mid-gesture) must not leave a macro open.
    endNodeDrag();
}

DiagramDocument *DiagramScene::document() const
{
    return m_doc.data();
}

// --- Selection ---------------------------------------------------------------------------

QList<int> DiagramScene::selectedNodeIds() const
{
    return sortedIds<NodeItem>(selectedItems(), &NodeItem::nodeId);
}

QList<int> DiagramScene::selectedLinkIds() const
{
    return sortedIds<LinkItem>(selectedItems(), &LinkItem::linkId);
}

void DiagramScene::selectIds(const QList<int> &nodeIds)
{
    clearSelection();
    for (int id : nodeIds) {
        if (NodeItem *item = m_nodes.value(id))
            item->setSelected(true);
    }
}

// --- Edits ---------------------------------------------------------------------------------

int DiagramScene::dropNode(NodeKind kind, const QPointF &scenePos)
{
    const QPointF at = m_snapToGrid ? snapped(scenePos) : scenePos;
    const int id = m_doc->addNode(kind, at);
    selectIds({id});
    return id;
}

LinkKind DiagramScene::linkKindFor(NodeKind from, NodeKind to)
{
    return from == NodeKind::SqsQueue && to == NodeKind::SqsQueue ? LinkKind::DeadLetter
                                                                  : LinkKind::Flow;
}

bool DiagramScene::tryLink(int fromNodeId, int toNodeId)
{
    const Diagram &d = m_doc->diagram();
    const Node *from = d.node(fromNodeId);
    const Node *to = d.node(toNodeId);
    const LinkKind kind = from && to ? linkKindFor(from->kind, to->kind) : LinkKind::Flow;
    QString why;
    if (m_doc->addLink(fromNodeId, toNodeId, kind, &why) == 0) {
        emit linkRefused(why);
        return false;
    }
    return true;
}

// --- Grid ----------------------------------------------------------------------------------

void DiagramScene::setSnapToGrid(bool snap)
{
    m_snapToGrid = snap;
}

QPointF DiagramScene::snapped(const QPointF &p)
{
    return QPointF(std::round(p.x() / kGridSize) * kGridSize,
                   std::round(p.y() / kGridSize) * kGridSize);
}

void DiagramScene::setGridVisible(bool visible)
{
    if (visible == m_gridVisible)
        return;
    m_gridVisible = visible;
    invalidate(sceneRect(), BackgroundLayer);
}

void DiagramScene::drawBackground(QPainter *painter, const QRectF &rect)
{
    painter->fillRect(rect, CanvasStyle::background());
    if (!m_gridVisible)
        return;
    // Dots every grid step, a darker dot every fifth. Zoomed out, the step grows by five
    // until the dots are at least 12 pixels apart, so the grid never turns into a haze.
    const qreal scale = std::max(std::fabs(painter->worldTransform().m11()), 1e-6);
    qreal step = kGridSize;
    while (step * scale < 12)
        step *= 5;
    const qreal major = step * 5;
    const qreal left = std::floor(rect.left() / step) * step;
    const qreal top = std::floor(rect.top() / step) * step;
    QVector<QPointF> minorDots;
    QVector<QPointF> majorDots;
    for (qreal x = left; x <= rect.right(); x += step) {
        const bool majorColumn = std::fmod(std::fabs(x) + step / 2, major) < step;
        for (qreal y = top; y <= rect.bottom(); y += step) {
            const bool majorRow = std::fmod(std::fabs(y) + step / 2, major) < step;
            (majorColumn && majorRow ? majorDots : minorDots).append(QPointF(x, y));
        }
    }
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    QPen pen(CanvasStyle::gridDot(), 1.6, Qt::SolidLine, Qt::RoundCap);
    pen.setCosmetic(true);
    painter->setPen(pen);
    painter->drawPoints(minorDots.constData(), int(minorDots.size()));
    pen.setColor(CanvasStyle::gridDotMajor());
    pen.setWidthF(2.2);
    painter->setPen(pen);
    painter->drawPoints(majorDots.constData(), int(majorDots.size()));
    painter->restore();
}

// --- Items from the document -------------------------------------------------------------

QRectF DiagramScene::contentRect() const
{
    QRectF r;
    for (const NodeItem *item : m_nodes)
        r |= item->sceneCardRect();
    for (const LinkItem *item : m_links)
        r |= item->boundingRect();
    return r;
}

void DiagramScene::rebuild()
{
    cancelLinkDrag();
    // The document's reset cleared the undo stack, and any macro of a drag with it.
    m_nodeDrag = NodeDrag();
    for (LinkItem *item : std::as_const(m_links)) {
        m_tokens->removeRoute(item->fromNodeId(), item->toNodeId());
        delete item;
    }
    m_links.clear();
    qDeleteAll(m_nodes);
    m_nodes.clear();
    clearLive();

    const Diagram &d = m_doc->diagram();
    for (const Node &n : d.nodes)
        addNodeItem(n.id);
    for (const Link &l : d.links)
        addLinkItem(l.id);
    m_sceneRect = QRectF();
    updateSceneRect();
    emit contentChanged();
}

void DiagramScene::addNodeItem(int nodeId)
{
    const Node *node = m_doc->diagram().node(nodeId);
    if (!node || m_nodes.contains(nodeId))
        return;
    auto *item = new NodeItem(*node);
    addItem(item);
    m_nodes.insert(nodeId, item);
    updateSceneRect();
    emit contentChanged();
}

void DiagramScene::removeNodeItem(int nodeId)
{
    NodeItem *item = m_nodes.take(nodeId);
    if (!item)
        return;
    if (m_linkDrag.from == nodeId)
        cancelLinkDrag();
    else if (m_linkDrag.target == nodeId)
        setLinkDragTarget(0);
    m_linkDrag.refusals.remove(nodeId);
    if (m_nodeDrag.start.contains(nodeId))
        endNodeDrag();
    delete item;
    emit contentChanged();
}

void DiagramScene::moveNodeItem(int nodeId)
{
    NodeItem *item = m_nodes.value(nodeId);
    const Node *node = m_doc->diagram().node(nodeId);
    if (!item || !node)
        return;
    item->setPos(node->position);
    for (LinkItem *link : std::as_const(m_links)) {
        if (link->fromNodeId() == nodeId || link->toNodeId() == nodeId)
            adjustLink(link);
    }
    updateSceneRect();
}

void DiagramScene::refreshNodeItem(int nodeId)
{
    NodeItem *item = m_nodes.value(nodeId);
    const Node *node = m_doc->diagram().node(nodeId);
    if (item && node)
        item->setNode(*node);
}

void DiagramScene::addLinkItem(int linkId)
{
    const Link *link = m_doc->diagram().link(linkId);
    if (!link || m_links.contains(linkId))
        return;
    auto *item = new LinkItem(*link);
    addItem(item);
    m_links.insert(linkId, item);
    adjustLink(item);
    item->setRateVisible(m_live);
    if (LinkItem *reverse = reverseOf(item))
        adjustLink(reverse); // now one of a two-way pair
}

LinkItem *DiagramScene::reverseOf(const LinkItem *item) const
{
    for (LinkItem *other : m_links) {
        if (other->fromNodeId() == item->toNodeId() && other->toNodeId() == item->fromNodeId())
            return other;
    }
    return nullptr;
}

void DiagramScene::removeLinkItem(int linkId)
{
    LinkItem *item = m_links.take(linkId);
    if (!item)
        return;
    m_tokens->removeRoute(item->fromNodeId(), item->toNodeId());
    m_rateHistory.remove(linkId);
    LinkItem *reverse = reverseOf(item);
    delete item;
    if (reverse)
        adjustLink(reverse); // back on the centre line
}

void DiagramScene::adjustLink(LinkItem *item)
{
    const NodeItem *from = m_nodes.value(item->fromNodeId());
    const NodeItem *to = m_nodes.value(item->toNodeId());
    if (!from || !to)
        return;
    item->setLane(reverseOf(item) ? kTwoWayLane : 0);
    item->setEnds(from->sceneCardRect(), to->sceneCardRect());
    m_tokens->setRoute(item->fromNodeId(), item->toNodeId(), item->routePoints());
}

void DiagramScene::updateSceneRect()
{
    // Grow only: a scene rect that shrinks under the user's feet makes the view jump.
    QRectF content = contentRect();
    if (content.isNull())
        content = QRectF(-200, -150, 400, 300);
    m_sceneRect |= content.adjusted(-kSceneMarginX, -kSceneMarginY, kSceneMarginX, kSceneMarginY);
    if (sceneRect() != m_sceneRect)
        setSceneRect(m_sceneRect);
}

// --- Live figures --------------------------------------------------------------------------

void DiagramScene::applyFrame(const FramePtr &frame)
{
    if (!frame)
        return;
    const qint64 wallNow = m_wallClock.elapsed();
    if (m_lastFrameTime >= 0 && frame->time < m_lastFrameTime) {
        // Time went back: a reset or a new run. Rates start over.
        m_rateHistory.clear();
        m_lastFrameWallMs = -1;
    }
    if (frame->eventsProcessed > 0 || frame->time > 0) {
        for (const NodeFrame &nf : frame->nodes) {
            if (NodeItem *item = m_nodes.value(nf.nodeId))
                item->setFigures(nf.counters);
        }
        updateRates(*frame);
    }

    // Spread the frame's tokens over the wall time since the previous frame, in the order
    // the engine produced them, so a steady stream looks steady rather than pulsing at the
    // frame rate.
    const SimTime span = m_lastFrameTime >= 0 ? frame->time - m_lastFrameTime : 0;
    const qint64 wallSpan = m_lastFrameWallMs >= 0
                                ? std::clamp<qint64>(wallNow - m_lastFrameWallMs, 0, 100)
                                : 0;
    for (const TokenSpawn &t : frame->tokens) {
        int age = 0;
        if (span > 0 && wallSpan > 0) {
            const double behind = double(std::clamp<SimTime>(frame->time - t.time, 0, span));
            age = int(behind / double(span) * double(wallSpan));
        }
        m_tokens->addToken(t.from, t.to, t.colorKey, t.kind, age, t.message);
    }
    m_lastFrameTime = frame->time;
    m_lastFrameWallMs = wallNow;
}

double DiagramScene::linkCounter(const Frame &frame, const LinkItem *link) const
{
    // Which counter grows by one for each message crossing the link.
    if (link->kind() == LinkKind::DeadLetter)
        return frame.counter(link->fromNodeId(), QStringLiteral("movedToDlq"));
    const NodeItem *from = m_nodes.value(link->fromNodeId());
    if (!from)
        return -1;
    if (from->kind() == NodeKind::Producer)
        return frame.counter(link->fromNodeId(), QStringLiteral("sent"));
    return frame.counter(link->toNodeId(), QStringLiteral("processed"));
}

void DiagramScene::updateRates(const Frame &frame)
{
    for (auto it = m_links.cbegin(); it != m_links.cend(); ++it) {
        const double value = linkCounter(frame, *it);
        if (value < 0)
            continue;
        QVector<RateSample> &history = m_rateHistory[it.key()];
        history.append(RateSample{frame.time, value});
        // Keep one sample at or before the start of the window, so the rate spans it.
        while (history.size() > 2 && history.at(1).time <= frame.time - kRateWindow)
            history.removeFirst();
        const RateSample &first = history.first();
        const SimTime dt = frame.time - first.time;
        if (dt > 0)
            (*it)->setRate((value - first.value) / toSeconds(dt));
    }
}

void DiagramScene::setLive(bool running)
{
    m_live = running;
    for (LinkItem *link : std::as_const(m_links))
        link->setRateVisible(running);
}

void DiagramScene::clearLive()
{
    setLive(false);
    for (NodeItem *item : std::as_const(m_nodes))
        item->clearFigures();
    for (LinkItem *link : std::as_const(m_links))
        link->setRate(-1);
    m_rateHistory.clear();
    m_tokens->clearTokens();
    m_lastFrameTime = -1;
    m_lastFrameWallMs = -1;
}

} // namespace flowlab
