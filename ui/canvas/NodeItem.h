#pragma once

#include "NodeText.h"
#include "model/Diagram.h"
#include "sim/SimNode.h"

#include <QGraphicsItem>
#include <QPixmap>
#include <QStaticText>

namespace flowlab {

class DiagramScene;

/// A node of the diagram drawn as a card: kind icon, name, subtitle, a bar and three
/// figure columns (the key settings while stopped, the live counters while running), and
/// an output handle on the right to start a link from.
///
/// The item shows the document; it never changes it. A drag of the card or of the handle
/// is handed to the DiagramScene, which turns it into document calls (undo commands); the
/// item then moves when the document says so. Its local origin is the node's position (the
/// centre of the card).
///
/// Painting is split in two, because tokens make the view repaint every card 60 times a
/// second: a static layer (card, shadow, icon, name, subtitle, labels: everything that
/// changes only with the node, the hover or the selection) rendered once into a pixmap at
/// the view's scale and blitted, and the live part drawn on top (bar, figures, badges).
class NodeItem : public QGraphicsItem
{
public:
    enum { Type = UserType + 1 };

    /// How the card looks while a link is being dragged from another node.
    enum class LinkTargetState {
        None,        ///< no link drag in progress
        Candidate,   ///< the dragged link could end here
        Unavailable, ///< the dragged link could not end here (dimmed)
        HoverAccept, ///< under the cursor, and the link would be accepted
        HoverRefuse, ///< under the cursor, and the link would be refused
    };

    static constexpr qreal kWidth = 180;
    static constexpr qreal kHeight = 92;

    explicit NodeItem(const Node &node);

    int type() const override { return Type; }
    int nodeId() const { return m_node.id; }
    NodeKind kind() const { return m_node.kind; }
    const Node &node() const { return m_node; }

    /// Takes the node's current name and settings (after a rename or a setting change).
    void setNode(const Node &node);

    /// Shows live counters (the node's part of a Frame).
    void setFigures(const QVector<Counter> &counters);
    /// Back to the static picture (no live figures).
    void clearFigures();
    bool hasFigures() const { return !m_counters.isEmpty(); }
    const QVector<Counter> &figures() const { return m_counters; }
    /// The three figure columns as shown now (for tests and accessibility).
    QVector<FigureColumn> columns() const { return m_columns; }
    /// The alert badges shown now ("3 to DLQ").
    QStringList alerts() const { return m_alerts; }
    /// Full width of the queue gauge in messages (it keeps its peak of the run).
    double gaugeScale() const { return m_gaugeScale; }

    void setLinkTargetState(LinkTargetState state);
    LinkTargetState linkTargetState() const { return m_targetState; }

    /// The card in item coordinates.
    static QRectF cardRect();
    /// The card in scene coordinates.
    QRectF sceneCardRect() const { return cardRect().translated(pos()); }
    /// Where the output handle sits, in item coordinates.
    static QPointF handleCenter();
    bool isOnHandle(const QPointF &itemPos) const;

    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter *painter,
               const QStyleOptionGraphicsItem *option,
               QWidget *widget = nullptr) override;

protected:
    QVariant itemChange(GraphicsItemChange change, const QVariant &value) override;
    void hoverEnterEvent(QGraphicsSceneHoverEvent *event) override;
    void hoverMoveEvent(QGraphicsSceneHoverEvent *event) override;
    void hoverLeaveEvent(QGraphicsSceneHoverEvent *event) override;
    void mousePressEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseMoveEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseReleaseEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseDoubleClickEvent(QGraphicsSceneMouseEvent *event) override;

private:
    DiagramScene *diagramScene() const;

    // The update step (NodeItem.cpp): texts, badges and bounding rect, outside paint().
    void relayout();
    void updateColumns();
    void updateBadges();
    void invalidateLayer();
    void refreshToolTip();
    double workers() const;

    // Painting (NodeItemPaint.cpp).
    static QRectF layerRect();
    void renderLayer(qreal scale, qreal dpr) const;
    void paintLayer(QPainter *painter, qreal lod) const;
    void paintCard(QPainter *painter, qreal lod) const;
    void paintHeader(QPainter *painter, qreal lod) const;
    void paintIconPixmap(QPainter *painter, const QRectF &target, const QColor &color) const;
    void paintTrack(QPainter *painter, qreal lod) const;
    void paintColumnLabels(QPainter *painter) const;
    void paintHandle(QPainter *painter) const;
    void paintBarFill(QPainter *painter, qreal lod) const;
    void paintValues(QPainter *painter) const;
    void paintBadges(QPainter *painter) const;

    Node m_node;
    QVector<Counter> m_counters;
    QVector<FigureColumn> m_columns;
    QStringList m_alerts;
    QVector<QRectF> m_badgeRects; ///< one per alert, item coordinates
    QRectF m_boundingRect;
    double m_gaugeScale = 0;
    double m_rateScale = 0;
    LinkTargetState m_targetState = LinkTargetState::None;
    bool m_hovered = false;
    bool m_handleHovered = false;
    bool m_linking = false; ///< a press on the handle started a link drag

    QStaticText m_nameText;
    QStaticText m_farNameText; ///< in the larger font of the zoomed-out picture
    QStaticText m_subtitleText;
    QStaticText m_valueTexts[3];
    QStaticText m_labelTexts[3];
    QVector<QStaticText> m_badgeTexts;

    // The static layer, rendered at the scale it was last painted at.
    mutable QPixmap m_layer;
    mutable qreal m_layerScale = 0;
    mutable bool m_layerValid = false;
    mutable QPixmap m_icon; ///< the tinted icon at the size last painted
    mutable int m_iconSize = 0;
    mutable qreal m_iconDpr = 0;
};

} // namespace flowlab
