// The two mouse gestures a card starts: moving the selection and dragging a link from the
// output handle. Part of DiagramScene, kept apart from the model synchronisation.

#include "DiagramScene.h"

#include "CanvasStyle.h"
#include "HintBubbleItem.h"
#include "LinkItem.h"
#include "NodeItem.h"
#include "TokenLayer.h"
#include "document/DiagramDocument.h"

#include <QApplication>
#include <QGraphicsSceneMouseEvent>
#include <QKeyEvent>
#include <QUndoStack>

namespace flowlab {

// --- Moving nodes --------------------------------------------------------------------------
//
// One drag is one undo step. The document merges consecutive moveNodes(..., merge = true)
// calls of the same nodes, which is what keeps a drag's many steps in one command; but it
// would also merge the NEXT drag of the same nodes into this one. So the drag's moves are
// pushed inside an undo macro that opens at the first real movement and closes on release:
// inside the macro the first move cannot merge with anything before it, and once the macro
// is closed nothing merges into it. (DiagramDocument could offer this as an explicit "end of
// gesture"; see the report.)

void DiagramScene::beginNodeDrag(int nodeId, const QPointF &scenePos)
{
    endNodeDrag();
    const Diagram &d = m_doc->diagram();
    if (!d.node(nodeId))
        return;
    m_nodeDrag.pressed = true;
    m_nodeDrag.anchorId = nodeId;
    m_nodeDrag.pressPos = scenePos;
    QList<int> ids = selectedNodeIds();
    if (!ids.contains(nodeId))
        ids.append(nodeId); // a Ctrl-press on an unselected card still drags that card
    for (int id : std::as_const(ids)) {
        if (const Node *n = d.node(id))
            m_nodeDrag.start.insert(id, n->position);
    }
    m_nodeDrag.last = m_nodeDrag.start;
}

void DiagramScene::continueNodeDrag(const QPointF &scenePos)
{
    if (!m_nodeDrag.pressed)
        return;
    const QPointF delta = scenePos - m_nodeDrag.pressPos;
    if (!m_nodeDrag.moving) {
        if (delta.manhattanLength() < QApplication::startDragDistance())
            return;
        m_nodeDrag.moving = true;
    }
    // The card under the cursor snaps to the grid; the others keep their offsets to it.
    const QPointF anchorStart = m_nodeDrag.start.value(m_nodeDrag.anchorId);
    QPointF anchorNow = anchorStart + delta;
    if (m_snapToGrid)
        anchorNow = snapped(anchorNow);
    const QPointF offset = anchorNow - anchorStart;
    QHash<int, QPointF> positions;
    for (auto it = m_nodeDrag.start.cbegin(); it != m_nodeDrag.start.cend(); ++it)
        positions.insert(it.key(), it.value() + offset);
    if (positions == m_nodeDrag.last)
        return;
    if (!m_nodeDrag.macroOpen) {
        const int n = int(positions.size());
        m_doc->undoStack()->beginMacro(n == 1 ? tr("Move node") : tr("Move %n node(s)", nullptr, n));
        m_nodeDrag.macroOpen = true;
    }
    m_nodeDrag.last = positions;
    m_doc->moveNodes(positions, true);
}

void DiagramScene::endNodeDrag()
{
    if (m_nodeDrag.macroOpen && m_doc) {
        QUndoStack *stack = m_doc->undoStack();
        stack->endMacro();
        // A drag that came back to where it started merged into nothing: drop the empty
        // step instead of leaving an undo entry that does nothing.
        const QUndoCommand *top = stack->index() > 0 ? stack->command(stack->index() - 1) : nullptr;
        if (top && top->childCount() == 0) {
            const_cast<QUndoCommand *>(top)->setObsolete(true);
            stack->undo(); // an obsolete command is deleted by undo()
        }
    }
    m_nodeDrag = NodeDrag();
}

// --- Dragging a link -------------------------------------------------------------------------

void DiagramScene::beginLinkDrag(int fromNodeId, const QPointF &scenePos)
{
    cancelLinkDrag();
    const Diagram &d = m_doc->diagram();
    const Node *from = d.node(fromNodeId);
    NodeItem *fromItem = m_nodes.value(fromNodeId);
    if (!from || !fromItem)
        return;
    m_linkDrag.from = fromNodeId;

    // Every other card shows at once whether the link could end there.
    for (NodeItem *item : std::as_const(m_nodes)) {
        if (item->nodeId() == fromNodeId)
            continue;
        const QString why = d.linkRefusal(fromNodeId,
                                          item->nodeId(),
                                          linkKindFor(from->kind, item->kind()));
        m_linkDrag.refusals.insert(item->nodeId(), why);
        item->setLinkTargetState(why.isEmpty() ? NodeItem::LinkTargetState::Candidate
                                               : NodeItem::LinkTargetState::Unavailable);
    }

    m_linkDrag.preview = new LinkItem(Link{0, fromNodeId, 0, LinkKind::Flow});
    m_linkDrag.preview->setOverrideColor(CanvasStyle::textSecondary());
    addItem(m_linkDrag.preview);
    m_linkDrag.hint = new HintBubbleItem;
    m_linkDrag.hint->setVisible(false);
    addItem(m_linkDrag.hint);
    continueLinkDrag(scenePos);
}

void DiagramScene::continueLinkDrag(const QPointF &scenePos)
{
    if (!m_linkDrag.preview)
        return;
    NodeItem *target = nodeItemAt(scenePos, m_linkDrag.from);
    setLinkDragTarget(target ? target->nodeId() : 0);

    const NodeItem *fromItem = m_nodes.value(m_linkDrag.from);
    const QString why = target ? m_linkDrag.refusals.value(target->nodeId()) : QString();
    if (target && why.isEmpty()) {
        // Snap the rubber line onto the card it would connect to.
        m_linkDrag.preview->setEnds(fromItem->sceneCardRect(), target->sceneCardRect());
        m_linkDrag.preview->setKind(linkKindFor(fromItem->kind(), target->kind()));
        m_linkDrag.preview->setOverrideColor(CanvasStyle::accept());
    } else {
        m_linkDrag.preview->setEnds(fromItem->sceneCardRect(), scenePos);
        m_linkDrag.preview->setKind(LinkKind::Flow);
        m_linkDrag.preview->setOverrideColor(target ? CanvasStyle::refuse()
                                                    : CanvasStyle::textSecondary());
    }

    if (target && !why.isEmpty()) {
        QString sentence = why;
        sentence[0] = sentence.at(0).toUpper();
        m_linkDrag.hint->setText(sentence);
        m_linkDrag.hint->setPos(scenePos);
        m_linkDrag.hint->setVisible(true);
    } else {
        m_linkDrag.hint->setVisible(false);
    }
}

void DiagramScene::endLinkDrag(const QPointF &scenePos)
{
    if (!m_linkDrag.preview)
        return;
    const int from = m_linkDrag.from;
    const NodeItem *target = nodeItemAt(scenePos, from);
    const int to = target ? target->nodeId() : 0;
    cancelLinkDrag();
    if (to != 0)
        tryLink(from, to); // a refusal is reported through linkRefused()
}

void DiagramScene::cancelLinkDrag()
{
    for (NodeItem *item : std::as_const(m_nodes))
        item->setLinkTargetState(NodeItem::LinkTargetState::None);
    delete m_linkDrag.preview;
    delete m_linkDrag.hint;
    m_linkDrag = LinkDrag();
}

void DiagramScene::setLinkDragTarget(int nodeId)
{
    if (nodeId == m_linkDrag.target)
        return;
    auto restingState = [this](int id) {
        return m_linkDrag.refusals.value(id).isEmpty() ? NodeItem::LinkTargetState::Candidate
                                                       : NodeItem::LinkTargetState::Unavailable;
    };
    if (NodeItem *old = m_nodes.value(m_linkDrag.target))
        old->setLinkTargetState(restingState(m_linkDrag.target));
    m_linkDrag.target = nodeId;
    if (NodeItem *now = m_nodes.value(nodeId)) {
        now->setLinkTargetState(m_linkDrag.refusals.value(nodeId).isEmpty()
                                    ? NodeItem::LinkTargetState::HoverAccept
                                    : NodeItem::LinkTargetState::HoverRefuse);
    }
}

void DiagramScene::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Escape && m_linkDrag.preview) {
        cancelLinkDrag();
        event->accept();
        return;
    }
    QGraphicsScene::keyPressEvent(event);
}

NodeItem *DiagramScene::nodeItemAt(const QPointF &scenePos, int excludeId) const
{
    // The topmost card whose body is under the point (the handle does not count as a target).
    NodeItem *best = nullptr;
    for (NodeItem *item : m_nodes) {
        if (item->nodeId() == excludeId || !item->sceneCardRect().contains(scenePos))
            continue;
        if (!best || item->zValue() > best->zValue())
            best = item;
    }
    return best;
}

} // namespace flowlab

namespace flowlab {

void DiagramScene::mousePressEvent(QGraphicsSceneMouseEvent *event)
{
    // A plain click on a moving token (not on a card, which is drawn above the tokens) asks
    // for that message's passport; everything else is the usual selection and dragging.
    if (event->button() == Qt::LeftButton && event->modifiers() == Qt::NoModifier) {
        const QList<QGraphicsItem *> under = items(event->scenePos());
        const bool onCard = std::any_of(under.begin(), under.end(), [](QGraphicsItem *item) {
            return qgraphicsitem_cast<NodeItem *>(item) != nullptr;
        });
        const quint64 message = onCard ? 0 : m_tokens->messageAt(event->scenePos());
        if (message != 0) {
            event->accept();
            emit tokenClicked(message);
            return;
        }
    }
    QGraphicsScene::mousePressEvent(event);
}

} // namespace flowlab
