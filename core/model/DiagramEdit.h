#pragma once

#include "Diagram.h"

#include <QVector>

namespace flowlab {

/// One change of a diagram's structure or settings, as data: what the local endpoint's
/// clients did to the running simulation's diagram (CreateQueue, DeleteQueue,
/// SetQueueAttributes, a new client node and its links), carried to the window in frames so
/// the document can follow.
struct DiagramEdit
{
    enum class Kind { AddNode, RemoveNode, AddLink, RemoveLink, SetSetting, Rename };

    Kind kind = Kind::AddNode;
    Node node;      ///< AddNode: the whole node
    Link link;      ///< AddLink: the whole link
    int id = 0;     ///< RemoveNode, RemoveLink, SetSetting, Rename: the item's id
    QString key;    ///< SetSetting: the setting; Rename: the new name
    QVariant value; ///< SetSetting: the new value

    bool operator==(const DiagramEdit &o) const
    {
        return kind == o.kind && node == o.node && link == o.link && id == o.id && key == o.key
               && value == o.value;
    }
};

/// The edits that turn `before` into `after`, in an order that can be applied one by one:
/// links removed, nodes removed, nodes added, links added, then renames and settings
/// (node by node, settings in the schema's order). Settings compare resolved through the schema defaults, so a
/// setting written over with its default value is no change. Positions are not compared.
QVector<DiagramEdit> diagramEdits(const Diagram &before, const Diagram &after);

/// Applies one edit to `d` (what the window's document does through its undo commands).
/// Returns false when it does not fit (a missing node, an id in use).
bool applyDiagramEdit(Diagram &d, const DiagramEdit &edit);

} // namespace flowlab
