#include "NodeItem.h"

#include "DiagramScene.h"
#include "NodeItemLayout.h"

#include <QCursor>
#include <QFontMetricsF>
#include <QGraphicsSceneMouseEvent>
#include <QGraphicsView>
#include <QToolTip>

#include <cmath>

namespace flowlab {

using namespace nodelayout;

namespace {
constexpr qreal kZNode = 2;
constexpr qreal kZSelectedNode = 2.5;

// Texts are laid out once, here, as QStaticText: paint() only places glyphs.
QStaticText staticText(const QString &text, const QFont &font)
{
    QStaticText t(text);
    t.setTextFormat(Qt::PlainText);
    t.setPerformanceHint(QStaticText::AggressiveCaching);
    t.prepare(QTransform(), font);
    return t;
}

// A round number at or above `value`: 10, 20, 50, 100, 200, 500, ...
double niceCeiling(double value)
{
    double step = 10;
    while (true) {
        for (double m : {1.0, 2.0, 5.0}) {
            if (value <= step * m)
                return step * m;
        }
        step *= 10;
    }
}
} // namespace

NodeItem::NodeItem(const Node &node)
    : m_node(node)
{
    setFlag(ItemIsSelectable);
    setAcceptHoverEvents(true);
    setZValue(kZNode);
    setPos(node.position);
    relayout();
}

void NodeItem::setNode(const Node &node)
{
    m_node = node;
    relayout();
    invalidateLayer();
}

void NodeItem::setFigures(const QVector<Counter> &counters)
{
    bool same = counters.size() == m_counters.size();
    for (int i = 0; same && i < counters.size(); ++i)
        same = counters[i].name == m_counters[i].name && counters[i].value == m_counters[i].value;
    if (same)
        return;
    const bool wasLive = hasFigures();
    const double workersBefore = workers();
    m_counters = counters;
    if (!wasLive)
        m_columns.clear(); // other fonts, other labels: lay every column out again
    if (m_node.kind == NodeKind::SqsQueue) {
        // The gauge keeps its largest scale of the run, so a draining queue visibly shrinks.
        const double total = NodeText::counter(counters, QStringLiteral("visible"))
                             + NodeText::counter(counters, QStringLiteral("inFlight"))
                             + NodeText::counter(counters, QStringLiteral("delayed"));
        m_gaugeScale = std::max(m_gaugeScale, niceCeiling(std::max(total, 1.0)));
    } else if (m_node.kind == NodeKind::Producer) {
        m_rateScale = std::max(m_rateScale, NodeText::counter(counters, QStringLiteral("rate")));
    }
    // Only what changed is laid out again: at 60 frames a second most figures do not.
    updateColumns();
    updateBadges();
    if (!wasLive || workers() != workersBefore)
        invalidateLayer(); // the labels and the worker cells live in the static layer
    if (m_hovered)
        refreshToolTip();
    update();
}

void NodeItem::clearFigures()
{
    if (m_counters.isEmpty() && m_gaugeScale == 0)
        return;
    m_counters.clear();
    m_gaugeScale = 0;
    m_rateScale = 0;
    relayout();
    invalidateLayer();
}

void NodeItem::setLinkTargetState(LinkTargetState state)
{
    if (state == m_targetState)
        return;
    m_targetState = state;
    invalidateLayer();
}

QRectF NodeItem::cardRect()
{
    return QRectF(-kWidth / 2, -kHeight / 2, kWidth, kHeight);
}

QPointF NodeItem::handleCenter()
{
    return QPointF(kWidth / 2, 0);
}

bool NodeItem::isOnHandle(const QPointF &itemPos) const
{
    // A generous hit area: the handle is small on screen.
    return QLineF(itemPos, handleCenter()).length() <= kHandleRadius + 5;
}

double NodeItem::workers() const
{
    if (m_node.kind != NodeKind::ConsumerGroup)
        return 0;
    if (hasFigures())
        return NodeText::counter(m_counters, QStringLiteral("workers"));
    return double(m_node.setting(QStringLiteral("instances")).toInt())
           * m_node.setting(QStringLiteral("concurrency")).toInt();
}

void NodeItem::relayout()
{
    const CardFonts &f = fonts();
    m_nameText
        = staticText(QFontMetricsF(f.name).elidedText(m_node.name, Qt::ElideRight, kNameWidth),
                     f.name);
    m_farNameText
        = staticText(QFontMetricsF(f.farName).elidedText(m_node.name, Qt::ElideRight, kNameWidth),
                     f.farName);
    // "Standard queue · 30 s visibility", or its compact form when the card is too narrow.
    const QFontMetricsF subtitleMetrics(f.subtitle);
    QString subtitle = NodeText::subtitle(m_node);
    if (subtitleMetrics.horizontalAdvance(subtitle) > kInnerWidth)
        subtitle = NodeText::subtitle(m_node, true);
    m_subtitleText = staticText(subtitleMetrics.elidedText(subtitle, Qt::ElideRight, kInnerWidth),
                                f.subtitle);
    m_columns.clear();
    updateColumns();
    updateBadges();
    if (m_hovered)
        refreshToolTip();
}

void NodeItem::updateColumns()
{
    const QVector<FigureColumn> columns = hasFigures() ? NodeText::liveColumns(m_node, m_counters)
                                                       : NodeText::staticColumns(m_node);
    const CardFonts &f = fonts();
    const QFont &valueFont = hasFigures() ? f.value : f.staticValue;
    for (int i = 0; i < 3; ++i) {
        const FigureColumn c = i < columns.size() ? columns[i] : FigureColumn();
        const bool known = i < m_columns.size();
        if (!known || m_columns[i].value != c.value || m_columns[i].dot != c.dot) {
            const qreal width = kColumnWidth - (c.dot.isValid() ? kDotSpace : 0) - 2;
            m_valueTexts[i]
                = staticText(QFontMetricsF(valueFont).elidedText(c.value, Qt::ElideRight, width),
                             valueFont);
        }
        if (!known || m_columns[i].label != c.label) {
            m_labelTexts[i] = staticText(QFontMetricsF(f.label).elidedText(c.label,
                                                                           Qt::ElideRight,
                                                                           kColumnWidth - 2),
                                         f.label);
        }
    }
    m_columns = columns;
}

void NodeItem::updateBadges()
{
    const QStringList alerts = NodeText::alerts(m_node, m_counters);
    if (alerts == m_alerts && !m_boundingRect.isNull())
        return;
    m_alerts = alerts;
    // Badges hang over the top edge, right-aligned: they may grow the bounding rect.
    const CardFonts &f = fonts();
    const QFontMetricsF metrics(f.badge);
    m_badgeRects.clear();
    m_badgeTexts.clear();
    qreal right = kWidth / 2 - kPad;
    for (const QString &alert : std::as_const(m_alerts)) {
        const qreal w = metrics.horizontalAdvance(alert) + 12;
        m_badgeRects.append(QRectF(right - w, -kHeight / 2 - kBadgeHeight / 2, w, kBadgeHeight));
        m_badgeTexts.append(staticText(alert, f.badge));
        right -= w + 4;
    }
    QRectF bounds = layerRect();
    for (const QRectF &r : std::as_const(m_badgeRects))
        bounds |= r.adjusted(-1, -1, 1, 1);
    if (bounds != m_boundingRect) {
        prepareGeometryChange();
        m_boundingRect = bounds;
    }
}

void NodeItem::invalidateLayer()
{
    m_layerValid = false;
    update();
}

void NodeItem::refreshToolTip()
{
    const QString text = NodeText::toolTip(m_node, m_counters);
    if (text == toolTip())
        return;
    setToolTip(text);
    // Qt does not re-read a tooltip on screen: while ours shows, show the new figures.
    if (m_hovered && QToolTip::isVisible() && scene() && !scene()->views().isEmpty())
        QToolTip::showText(QCursor::pos(), text, scene()->views().constFirst()->viewport());
}

QRectF NodeItem::boundingRect() const
{
    return m_boundingRect;
}

QPainterPath NodeItem::shape() const
{
    QPainterPath path;
    path.addRoundedRect(cardRect(), kRadius, kRadius);
    path.addEllipse(handleCenter(), kHandleRadius + 5, kHandleRadius + 5);
    return path;
}

QVariant NodeItem::itemChange(GraphicsItemChange change, const QVariant &value)
{
    if (change == ItemSelectedHasChanged) {
        setZValue(value.toBool() ? kZSelectedNode : kZNode);
        invalidateLayer();
    }
    return QGraphicsItem::itemChange(change, value);
}

void NodeItem::hoverEnterEvent(QGraphicsSceneHoverEvent *event)
{
    m_hovered = true;
    refreshToolTip();
    invalidateLayer();
    hoverMoveEvent(event);
}

void NodeItem::hoverMoveEvent(QGraphicsSceneHoverEvent *event)
{
    const bool onHandle = isOnHandle(event->pos());
    if (onHandle != m_handleHovered) {
        m_handleHovered = onHandle;
        setCursor(onHandle ? Qt::CrossCursor : Qt::ArrowCursor);
        invalidateLayer();
    }
}

void NodeItem::hoverLeaveEvent(QGraphicsSceneHoverEvent *)
{
    m_hovered = false;
    m_handleHovered = false;
    invalidateLayer();
}

DiagramScene *NodeItem::diagramScene() const
{
    return qobject_cast<DiagramScene *>(scene());
}

void NodeItem::mousePressEvent(QGraphicsSceneMouseEvent *event)
{
    DiagramScene *s = diagramScene();
    if (event->button() == Qt::LeftButton && s && isOnHandle(event->pos())) {
        m_linking = true;
        invalidateLayer();
        s->beginLinkDrag(nodeId(), event->scenePos());
        event->accept();
        return;
    }
    if (event->button() == Qt::RightButton) {
        // A right click acts on what is under it: select it unless it already is.
        if (!isSelected() && s) {
            s->clearSelection();
            setSelected(true);
        }
        event->accept();
        return;
    }
    QGraphicsItem::mousePressEvent(event); // selection; Ctrl toggles on release
    if (event->button() == Qt::LeftButton && s)
        s->beginNodeDrag(nodeId(), event->scenePos());
}

void NodeItem::mouseMoveEvent(QGraphicsSceneMouseEvent *event)
{
    DiagramScene *s = diagramScene();
    if (!s || !(event->buttons() & Qt::LeftButton))
        return;
    if (m_linking)
        s->continueLinkDrag(event->scenePos());
    else
        s->continueNodeDrag(event->scenePos());
}

void NodeItem::mouseReleaseEvent(QGraphicsSceneMouseEvent *event)
{
    DiagramScene *s = diagramScene();
    if (m_linking) {
        m_linking = false;
        invalidateLayer();
        if (s)
            s->endLinkDrag(event->scenePos());
        return;
    }
    if (s && event->button() == Qt::LeftButton)
        s->endNodeDrag();
    QGraphicsItem::mouseReleaseEvent(event);
}

void NodeItem::mouseDoubleClickEvent(QGraphicsSceneMouseEvent *event)
{
    if (event->button() == Qt::LeftButton && !isOnHandle(event->pos())) {
        if (DiagramScene *s = diagramScene())
            emit s->nodeActivated(nodeId());
        event->accept();
        return;
    }
    QGraphicsItem::mouseDoubleClickEvent(event);
}

} // namespace flowlab
