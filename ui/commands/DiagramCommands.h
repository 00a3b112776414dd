#pragma once

#include "model/Diagram.h"

#include <QHash>
#include <QUndoCommand>

namespace flowlab {

class DiagramDocument;

/// Adds nodes and links (a new node, a link, a paste). Undo takes them out again, so the
/// document's arrays come back exactly as they were.
class InsertItemsCommand : public QUndoCommand
{
public:
    InsertItemsCommand(DiagramDocument *doc,
                       QVector<Node> nodes,
                       QVector<Link> links,
                       const QString &text);
    void redo() override;
    void undo() override;

private:
    DiagramDocument *m_doc;
    QVector<Node> m_nodes;
    QVector<Link> m_links;
};

/// Removes nodes and links, remembering where each stood so undo puts it back there.
class RemoveItemsCommand : public QUndoCommand
{
public:
    RemoveItemsCommand(DiagramDocument *doc, const QList<int> &nodeIds, const QList<int> &linkIds);
    void redo() override;
    void undo() override;
    bool isEmpty() const { return m_nodes.isEmpty() && m_links.isEmpty(); }

private:
    DiagramDocument *m_doc;
    QVector<QPair<int, Node>> m_nodes; ///< (index, node), ascending index
    QVector<QPair<int, Link>> m_links; ///< (index, link), ascending index
};

/// Moves nodes; the steps of one drag merge into one command.
class MoveNodesCommand : public QUndoCommand
{
public:
    MoveNodesCommand(DiagramDocument *doc,
                     QHash<int, QPointF> from,
                     QHash<int, QPointF> to,
                     bool mergeable);
    void redo() override;
    void undo() override;
    int id() const override;
    bool mergeWith(const QUndoCommand *other) override;

private:
    DiagramDocument *m_doc;
    QHash<int, QPointF> m_from;
    QHash<int, QPointF> m_to;
    bool m_mergeable;
};

/// Changes one setting of one node. An invalid `before` means the key was absent from the
/// file (the default applied): undo removes it again. A slider's steps merge: mergeable
/// changes of the same setting less than a second apart are one undo step.
class ChangeSettingCommand : public QUndoCommand
{
public:
    ChangeSettingCommand(DiagramDocument *doc,
                         int nodeId,
                         const QString &key,
                         const QVariant &before,
                         const QVariant &after,
                         bool mergeable);
    void redo() override;
    void undo() override;
    int id() const override;
    bool mergeWith(const QUndoCommand *other) override;

private:
    DiagramDocument *m_doc;
    int m_nodeId;
    QString m_key;
    QVariant m_before;
    QVariant m_after;
    bool m_mergeable;
    qint64 m_lastChangeMs; ///< wall clock of the latest change merged in
};

class RenameNodeCommand : public QUndoCommand
{
public:
    RenameNodeCommand(DiagramDocument *doc, int nodeId, const QString &before, const QString &after);
    void redo() override;
    void undo() override;

private:
    DiagramDocument *m_doc;
    int m_nodeId;
    QString m_before;
    QString m_after;
};

} // namespace flowlab
