#pragma once

#include "model/Diagram.h"
#include "runner/Frame.h"

#include <QElapsedTimer>
#include <QGraphicsScene>
#include <QHash>
#include <QPointer>
#include <QVector>

namespace flowlab {

class DiagramDocument;
class HintBubbleItem;
class LinkItem;
class NodeItem;
class TokenLayer;

/// The canvas's scene: one NodeItem per node and one LinkItem per link, kept in id → item
/// maps and built ONLY from the DiagramDocument's change signals. Nothing here writes the
/// model directly: drops, drags and links become DiagramDocument calls (undo commands), and
/// the items follow when the document reports the change, whether it came from the canvas,
/// the inspector, undo or redo.
///
/// Live figures come from the runner's frames through applyFrame(): node counters, link
/// rates and the tokens to animate (one TokenLayer item draws them all).
///
/// The scene uses no item index (NoIndex): it holds tens of items, and the index would be
/// rebuilt on every move of a dragged node or every change of the token layer's bounds.
class DiagramScene : public QGraphicsScene
{
    Q_OBJECT

public:
    /// Grid spacing in scene units; node positions snap to it.
    static constexpr qreal kGridSize = 20;

    explicit DiagramScene(DiagramDocument *doc, QObject *parent = nullptr);
    ~DiagramScene() override;

    DiagramDocument *document() const;

    // --- Selection (ids sorted ascending) ---------------------------------------------------
    QList<int> selectedNodeIds() const;
    QList<int> selectedLinkIds() const;
    /// Selects exactly these nodes (and no link).
    void selectIds(const QList<int> &nodeIds);

    // --- Edits through the document --------------------------------------------------------
    /// Adds a node of `kind` centred at `scenePos` (snapped to the grid when snapping is on)
    /// and selects it: the one code path of a palette drop and a palette double-click.
    /// Returns the new node's id.
    int dropNode(NodeKind kind, const QPointF &scenePos);
    /// Links two nodes, as a finished handle drag does: queue → queue is a dead-letter link,
    /// anything else a flow link. On refusal emits linkRefused() with the model's reason
    /// (Diagram::linkRefusal) and returns false.
    bool tryLink(int fromNodeId, int toNodeId);
    /// The kind of link a drag from a `from` node to a `to` node makes.
    static LinkKind linkKindFor(NodeKind from, NodeKind to);

    // --- Live figures ------------------------------------------------------------------------
    /// Shows a frame: node counters, link rates (from successive frames' counters) and the
    /// frame's tokens. Frames before the first event (a fresh or reset run) leave the static
    /// picture alone.
    void applyFrame(const FramePtr &frame);
    /// While running, links show their rates; paused, they hide them (figures stay).
    void setLive(bool running);
    bool isLive() const { return m_live; }
    /// Back to the static picture (after Reset): no figures, rates or tokens.
    void clearLive();

    // --- Grid ------------------------------------------------------------------------------
    void setSnapToGrid(bool snap);
    bool snapToGrid() const { return m_snapToGrid; }
    /// `p` rounded to the nearest grid point (whatever the snapping setting).
    static QPointF snapped(const QPointF &p);
    /// The dotted grid in the background; turn it off to export a clean picture.
    void setGridVisible(bool visible);
    bool isGridVisible() const { return m_gridVisible; }

    // --- Items -------------------------------------------------------------------------------
    NodeItem *nodeItem(int nodeId) const { return m_nodes.value(nodeId); }
    LinkItem *linkItem(int linkId) const { return m_links.value(linkId); }
    TokenLayer *tokenLayer() const { return m_tokens; }
    int nodeCount() const { return int(m_nodes.size()); }
    /// The cards and links, scene coordinates (empty without nodes): what "fit" shows.
    QRectF contentRect() const;

signals:
    /// A link was refused; `reason` is the model's sentence ("a producer sends to an SQS
    /// queue, not to a consumer group").
    void linkRefused(const QString &reason);
    /// A card was double-clicked (the window may focus the inspector or start a rename).
    void nodeActivated(int nodeId);
    /// Nodes were added or removed or the document was replaced.
    void contentChanged();
    /// A moving token was clicked: the message it stands for.
    void tokenClicked(quint64 message);

protected:
    void drawBackground(QPainter *painter, const QRectF &rect) override;
    /// Escape cancels a link being dragged.
    void keyPressEvent(QKeyEvent *event) override;
    void mousePressEvent(QGraphicsSceneMouseEvent *event) override;

private:
    friend class NodeItem;

    // Gestures started by a NodeItem (see DiagramSceneGestures.cpp).
    void beginNodeDrag(int nodeId, const QPointF &scenePos);
    void continueNodeDrag(const QPointF &scenePos);
    void endNodeDrag();
    void beginLinkDrag(int fromNodeId, const QPointF &scenePos);
    void continueLinkDrag(const QPointF &scenePos);
    void endLinkDrag(const QPointF &scenePos);
    void cancelLinkDrag();
    void setLinkDragTarget(int nodeId);
    NodeItem *nodeItemAt(const QPointF &scenePos, int excludeId) const;
    /// The link going the other way between the same two nodes, if any.
    LinkItem *reverseOf(const LinkItem *item) const;
    /// How far each link of a two-way pair keeps to its right, in scene units.
    static constexpr qreal kTwoWayLane = 7;

    // Document signals.
    void rebuild();
    void addNodeItem(int nodeId);
    void removeNodeItem(int nodeId);
    void moveNodeItem(int nodeId);
    void refreshNodeItem(int nodeId);
    void addLinkItem(int linkId);
    void removeLinkItem(int linkId);
    void adjustLink(LinkItem *item);
    void updateSceneRect();

    // Live figures.
    void updateRates(const Frame &frame);
    double linkCounter(const Frame &frame, const LinkItem *link) const;

    struct RateSample
    {
        SimTime time;
        double value;
    };

    struct NodeDrag
    {
        bool pressed = false;
        bool moving = false;
        bool macroOpen = false;
        int anchorId = 0;
        QPointF pressPos;
        QHash<int, QPointF> start;
        QHash<int, QPointF> last;
    };

    struct LinkDrag
    {
        int from = 0;
        int target = 0;
        QHash<int, QString> refusals; ///< node id → why a link there would be refused
        LinkItem *preview = nullptr;
        HintBubbleItem *hint = nullptr;
    };

    QPointer<DiagramDocument> m_doc;
    QHash<int, NodeItem *> m_nodes;
    QHash<int, LinkItem *> m_links;
    TokenLayer *m_tokens;
    QRectF m_sceneRect;
    bool m_snapToGrid = true;
    bool m_gridVisible = true;

    bool m_live = false;
    QHash<int, QVector<RateSample>> m_rateHistory; ///< link id → recent (time, counter)
    SimTime m_lastFrameTime = -1;
    qint64 m_lastFrameWallMs = -1;
    QElapsedTimer m_wallClock;

    NodeDrag m_nodeDrag;
    LinkDrag m_linkDrag;
};

} // namespace flowlab
