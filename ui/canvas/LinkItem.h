#pragma once

#include "model/Diagram.h"

#include <QColor>
#include <QGraphicsItem>
#include <QPainterPath>
#include <QStaticText>

namespace flowlab {

/// A link drawn as a curved arrow from one card to another. Flow links are solid slate
/// arrows; dead-letter links are dashed, red-ish and labelled "DLQ". While the simulation
/// runs the link shows its rate (messages per second of virtual time) at its middle.
///
/// The scene places it with setEnds() whenever either node moves (the update step, where
/// the geometry changes through prepareGeometryChange()); paint() only draws. The same
/// item, without a link id, is the rubber line of a link being dragged.
class LinkItem : public QGraphicsItem
{
public:
    enum { Type = UserType + 2 };

    /// `link.id` 0 makes a preview (the line that follows the cursor while connecting).
    explicit LinkItem(const Link &link);

    int type() const override { return Type; }
    int linkId() const { return m_link.id; }
    int fromNodeId() const { return m_link.from; }
    int toNodeId() const { return m_link.to; }
    LinkKind kind() const { return m_link.kind; }
    void setKind(LinkKind kind);

    /// Routes the link between two cards (scene rectangles): out of the side of `from`
    /// that faces `to`, into the side of `to` that faces `from`.
    void setEnds(const QRectF &fromCard, const QRectF &toCard);
    /// Shifts the link sideways by `offset` (to its right) at the next setEnds(): used when
    /// a link goes the other way between the same two cards. 0 = on the centre line.
    void setLane(qreal offset);
    /// Routes a preview from a card's output handle to a free point (the cursor).
    void setEnds(const QRectF &fromCard, const QPointF &toPoint);

    /// The curve (without its arrowhead), scene coordinates.
    const QPainterPath &path() const { return m_path; }
    /// `count` points along the curve at equal distances, first at the start, last at the
    /// arrow's tip: the track the token layer moves tokens on.
    QVector<QPointF> routePoints(int count = 48) const;

    /// The rate shown while running; a negative value means "unknown" (nothing shown).
    void setRate(double messagesPerSecond);
    double rate() const { return m_rate; }
    void setRateVisible(bool visible);
    bool isRateVisible() const { return m_rateVisible; }
    /// The text of the label at the middle ("DLQ", "12 msg/s", "DLQ · 0.2 msg/s", or empty).
    QString labelText() const;

    /// Overrides the colour (the preview turns green or red over a target); invalid resets.
    void setOverrideColor(const QColor &color);

    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter *painter,
               const QStyleOptionGraphicsItem *option,
               QWidget *widget = nullptr) override;

protected:
    void hoverEnterEvent(QGraphicsSceneHoverEvent *event) override;
    void hoverLeaveEvent(QGraphicsSceneHoverEvent *event) override;

private:
    void setCurve(const QPointF &start,
                  const QPointF &startDir,
                  const QPointF &tip,
                  const QPointF &endDir);
    /// The update step: label text and rectangle, bounding rect.
    void relayout();
    QColor color() const;

    Link m_link;
    QPainterPath m_path;
    qreal m_lane = 0;
    QPolygonF m_arrow;
    QPointF m_tip;
    QRectF m_labelRect;
    QString m_label;
    QStaticText m_labelText;
    QRectF m_boundingRect;
    QColor m_overrideColor;
    double m_rate = -1;
    bool m_rateVisible = false;
    bool m_hovered = false;
};

} // namespace flowlab
