#include "LinkItem.h"

#include "CanvasStyle.h"
#include "NodeText.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPathStroker>
#include <QStyleOptionGraphicsItem>
#include <QtMath>

#include <cmath>

namespace flowlab {

namespace {
constexpr qreal kArrowLength = 10;
constexpr qreal kArrowHalfWidth = 5;
constexpr qreal kHandleClearance = 6; // the curve starts just outside the output handle
constexpr qreal kTipGap = 1.5;        // the arrow's tip stops short of the card's border
constexpr qreal kZLink = 0;
constexpr qreal kZPreview = 3;

const QFont &labelFont()
{
    static const QFont font = CanvasStyle::font(10, QFont::DemiBold);
    return font;
}

qreal length(const QPointF &v)
{
    return std::hypot(v.x(), v.y());
}
} // namespace

LinkItem::LinkItem(const Link &link)
    : m_link(link)
{
    if (link.id != 0) {
        setFlag(ItemIsSelectable);
        setAcceptHoverEvents(true);
        setZValue(kZLink);
    } else {
        setZValue(kZPreview);
        setAcceptedMouseButtons(Qt::NoButton);
    }
    relayout();
}

void LinkItem::setKind(LinkKind kind)
{
    if (kind == m_link.kind)
        return;
    m_link.kind = kind;
    relayout();
    update();
}

void LinkItem::setLane(qreal offset)
{
    m_lane = offset;
}

void LinkItem::setEnds(const QRectF &from, const QRectF &to)
{
    // Leave from the side that faces the target, enter by the side that faces the source;
    // prefer left-to-right, the direction the palette and the examples read in.
    const qreal margin = 24;
    // Two links between the same cards in opposite directions keep to their right, like
    // traffic on a two-way road, so both stay visible.
    auto setCurve =
        [this](QPointF start, const QPointF &startDir, QPointF tip, const QPointF &endDir) {
            start += QPointF(-startDir.y(), startDir.x()) * m_lane;
            tip += QPointF(-endDir.y(), endDir.x()) * m_lane;
            LinkItem::setCurve(start, startDir, tip, endDir);
        };
    if (to.left() >= from.right() + margin) {
        setCurve(QPointF(from.right() + kHandleClearance, from.center().y()),
                 QPointF(1, 0),
                 QPointF(to.left() - kTipGap, to.center().y()),
                 QPointF(1, 0));
    } else if (to.top() >= from.bottom() + margin) {
        setCurve(QPointF(from.center().x(), from.bottom()),
                 QPointF(0, 1),
                 QPointF(to.center().x(), to.top() - kTipGap),
                 QPointF(0, 1));
    } else if (to.bottom() <= from.top() - margin) {
        setCurve(QPointF(from.center().x(), from.top()),
                 QPointF(0, -1),
                 QPointF(to.center().x(), to.bottom() + kTipGap),
                 QPointF(0, -1));
    } else if (to.right() <= from.left() - margin) {
        setCurve(QPointF(from.left(), from.center().y()),
                 QPointF(-1, 0),
                 QPointF(to.right() + kTipGap, to.center().y()),
                 QPointF(-1, 0));
    } else {
        // Overlapping cards: a short straight arrow between the centres.
        const QPointF d = to.center() - from.center();
        const qreal len = std::max(length(d), 1.0);
        setCurve(from.center(), d / len, to.center(), d / len);
    }
}

void LinkItem::setEnds(const QRectF &from, const QPointF &toPoint)
{
    const QPointF start(from.right() + kHandleClearance, from.center().y());
    const QPointF d = toPoint - start;
    // Bend towards the cursor from a rightward start; end along the way it is going.
    const QPointF endDir = std::fabs(d.x()) >= std::fabs(d.y()) ? QPointF(d.x() >= 0 ? 1 : -1, 0)
                                                                : QPointF(0, d.y() >= 0 ? 1 : -1);
    setCurve(start, QPointF(1, 0), toPoint, endDir);
}

void LinkItem::setCurve(const QPointF &start,
                        const QPointF &startDir,
                        const QPointF &tip,
                        const QPointF &endDir)
{
    // The curve ends at the arrow's base; the arrowhead covers the last stretch to the tip.
    const QPointF end = tip - endDir * (kArrowLength - 1);
    const qreal span = length(end - start);
    const qreal pull = std::clamp(span * 0.45, 12.0, 120.0);
    QPainterPath path(start);
    path.cubicTo(start + startDir * pull, end - endDir * pull, end);

    const QPointF normal(-endDir.y(), endDir.x());
    const QPointF base = tip - endDir * kArrowLength;
    QPolygonF arrow;
    arrow << tip << base + normal * kArrowHalfWidth << base - normal * kArrowHalfWidth;

    if (path == m_path && arrow == m_arrow)
        return;
    m_path = path;
    m_arrow = arrow;
    m_tip = tip;
    relayout();
}

QVector<QPointF> LinkItem::routePoints(int count) const
{
    QVector<QPointF> points;
    count = std::max(count, 2);
    points.reserve(count);
    if (m_path.isEmpty())
        return points;
    // percentAtLength works on arc length, so the samples are evenly spaced along the
    // curve and a token moves at a steady speed.
    const qreal total = m_path.length() + length(m_tip - m_path.currentPosition());
    const qreal curve = m_path.length();
    for (int i = 0; i < count; ++i) {
        const qreal at = total * i / (count - 1);
        if (at <= curve) {
            points.append(m_path.pointAtPercent(m_path.percentAtLength(at)));
        } else {
            const QPointF end = m_path.currentPosition();
            const qreal over = at - curve;
            const qreal rest = std::max(length(m_tip - end), 1e-6);
            points.append(end + (m_tip - end) * (over / rest));
        }
    }
    return points;
}

void LinkItem::setRate(double messagesPerSecond)
{
    if (messagesPerSecond == m_rate)
        return;
    m_rate = messagesPerSecond;
    // Frames come 60 times a second; the text shown changes far less often.
    if (labelText() != m_label) {
        relayout();
        update();
    }
}

void LinkItem::setRateVisible(bool visible)
{
    if (visible == m_rateVisible)
        return;
    m_rateVisible = visible;
    relayout();
    update();
}

QString LinkItem::labelText() const
{
    const bool showRate = m_rateVisible && m_rate >= 0 && m_link.id != 0;
    const QString rate = showRate ? NodeText::rate(m_rate) : QString();
    if (m_link.kind == LinkKind::DeadLetter)
        return showRate ? QStringLiteral("DLQ · %1").arg(rate) : QStringLiteral("DLQ");
    return rate;
}

void LinkItem::setOverrideColor(const QColor &color)
{
    if (color == m_overrideColor)
        return;
    m_overrideColor = color;
    update();
}

void LinkItem::relayout()
{
    const QString label = labelText();
    QRectF labelRect;
    if (!label.isEmpty() && !m_path.isEmpty()) {
        const QFontMetricsF fm(labelFont());
        const QSizeF size(fm.horizontalAdvance(label) + 12, 17);
        // Beside the line, not on it: tokens travel on the line and would hide the text.
        // Above a mostly horizontal link, to the right of a mostly vertical one.
        const QPointF mid = m_path.pointAtPercent(0.5);
        const qreal angle = m_path.angleAtPercent(0.5);
        const bool horizontal = std::fabs(std::cos(qDegreesToRadians(angle))) >= 0.7;
        const QPointF center = horizontal ? mid - QPointF(0, size.height() / 2 + 5)
                                          : mid + QPointF(size.width() / 2 + 7, 0);
        labelRect = QRectF(center - QPointF(size.width() / 2, size.height() / 2), size);
    }
    QRectF bounds = m_path.controlPointRect() | m_arrow.boundingRect();
    bounds = bounds.adjusted(-4, -4, 4, 4);
    if (!labelRect.isNull())
        bounds |= labelRect.adjusted(-1, -1, 1, 1);
    if (bounds != m_boundingRect)
        prepareGeometryChange();
    m_boundingRect = bounds;
    m_label = label;
    m_labelRect = labelRect;
    m_labelText = QStaticText(label);
    m_labelText.setTextFormat(Qt::PlainText);
    m_labelText.prepare(QTransform(), labelFont());
}

QColor LinkItem::color() const
{
    if (m_overrideColor.isValid())
        return m_overrideColor;
    if (isSelected())
        return CanvasStyle::selection();
    QColor c = m_link.kind == LinkKind::DeadLetter ? CanvasStyle::linkDeadLetter()
                                                   : CanvasStyle::linkFlow();
    return m_hovered ? c.darker(135) : c;
}

QRectF LinkItem::boundingRect() const
{
    return m_boundingRect;
}

QPainterPath LinkItem::shape() const
{
    QPainterPathStroker stroker;
    stroker.setWidth(12);
    QPainterPath shape = stroker.createStroke(m_path);
    shape.addPolygon(m_arrow);
    if (!m_labelRect.isNull())
        shape.addRect(m_labelRect);
    return shape;
}

void LinkItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *)
{
    const qreal lod = option->levelOfDetailFromTransform(painter->worldTransform());
    painter->setRenderHint(QPainter::Antialiasing);
    const QColor c = color();
    const bool deadLetter = m_link.kind == LinkKind::DeadLetter;
    const bool emphasised = isSelected() || m_overrideColor.isValid();

    QPen pen(c, emphasised ? 2.5 : (deadLetter ? 1.75 : 2));
    pen.setCapStyle(Qt::FlatCap);
    if (deadLetter || m_link.id == 0)
        pen.setDashPattern({4, 3});
    painter->setPen(pen);
    painter->setBrush(Qt::NoBrush);
    painter->drawPath(m_path);

    painter->setPen(QPen(c, 1, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    painter->setBrush(c);
    painter->drawPolygon(m_arrow);

    if (m_label.isEmpty() || lod < 0.45)
        return;
    QColor border = c;
    border.setAlpha(deadLetter ? 110 : 80);
    painter->setPen(QPen(border, 1));
    painter->setBrush(CanvasStyle::cardFill());
    painter->drawRoundedRect(m_labelRect, m_labelRect.height() / 2, m_labelRect.height() / 2);
    painter->setPen(deadLetter ? c.darker(115) : CanvasStyle::textSecondary());
    painter->setFont(labelFont());
    const QSizeF size = m_labelText.size();
    painter->drawStaticText(m_labelRect.center() - QPointF(size.width() / 2, size.height() / 2),
                            m_labelText);
}

void LinkItem::hoverEnterEvent(QGraphicsSceneHoverEvent *)
{
    m_hovered = true;
    update();
}

void LinkItem::hoverLeaveEvent(QGraphicsSceneHoverEvent *)
{
    m_hovered = false;
    update();
}

} // namespace flowlab
