#pragma once

#include "model/Diagram.h"
#include "model/DiagramEdit.h"

#include <QHash>
#include <QObject>
#include <QSet>
#include <QUndoStack>

namespace flowlab {

/// The open document: the Diagram, its undo stack and its file. Every edit goes through
/// one of the high-level calls below, which push one QUndoCommand each; the commands
/// change the diagram only through the private mutators, which emit the change signals
/// the canvas, the inspector and the runner are built from.
class DiagramDocument : public QObject
{
    Q_OBJECT

public:
    /// Merge ids of the commands that merge (one gesture = one undo step).
    enum MergeId { MergeMove = 1, MergeSetting };

    explicit DiagramDocument(QObject *parent = nullptr);

    const Diagram &diagram() const { return m_diagram; }
    QUndoStack *undoStack() { return &m_undoStack; }
    QString filePath() const { return m_filePath; }
    void setFilePath(const QString &path);
    bool isModified() const { return !m_undoStack.isClean(); }

    /// Replaces the whole document (New, Open): the undo stack starts empty and clean.
    void reset(const Diagram &diagram, const QString &filePath);
    /// Marks the current state as saved.
    void markSaved(const QString &filePath);

    // --- Edits (each one undo step) -------------------------------------------------------
    /// Adds a node of `kind` at `position` with default settings and a unique name.
    int addNode(NodeKind kind, const QPointF &position);
    /// Removes nodes and links; links touching a removed node go with it.
    void removeItems(const QList<int> &nodeIds, const QList<int> &linkIds);
    /// Moves nodes. Calls with `merge` true merge into the previous move of the same nodes
    /// (a drag in progress); a drag ends with a call with `merge` false... or just stops.
    void moveNodes(const QHash<int, QPointF> &positions, bool merge);
    /// Changes one setting, checked against the schema. `merge` folds a slider's steps
    /// into one undo entry. Returns false and says why when refused.
    bool setNodeSetting(
        int nodeId, const QString &key, const QVariant &value, bool merge, QString *why = nullptr);
    bool renameNode(int nodeId, const QString &name, QString *why = nullptr);
    /// Links two nodes if the model's rules allow it; returns the link id, or 0 and why.
    int addLink(int from, int to, LinkKind kind, QString *why = nullptr);
    /// The nodes (and the links between them) as a JSON fragment for the clipboard.
    QByteArray copy(const QList<int> &nodeIds) const;
    /// Pastes a fragment made by copy(): fresh ids, names made unique, moved by `offset`.
    /// Returns the new node ids (empty when the text was not a fragment).
    QList<int> paste(const QByteArray &fragment, const QPointF &offset);
    /// copy() + paste() in one step.
    QList<int> duplicate(const QList<int> &nodeIds, const QPointF &offset);
    /// Replays what the local endpoint's clients changed in the running simulation (see
    /// Frame::diagramEdits) as one undo step, so the document stays the engine's mirror.
    /// Edits that no longer fit (the node was removed here meanwhile) are skipped. Returns
    /// the number of edits applied.
    int applyEngineEdits(const QVector<DiagramEdit> &edits);

    /// A name like "queue-3" that no node has yet.
    QString uniqueName(const QString &base) const;
    static QString uniqueName(const QString &base, const QSet<QString> &taken);

signals:
    void documentReset();
    void nodeAdded(int id);
    void nodeRemoved(int id);
    void nodeMoved(int id);
    void nodeRenamed(int id);
    void nodeSettingChanged(int id, const QString &key, const QVariant &value);
    void linkAdded(int id);
    void linkRemoved(int id);
    void filePathChanged(const QString &path);

private:
    friend class InsertItemsCommand;
    friend class RemoveItemsCommand;
    friend class MoveNodesCommand;
    friend class ChangeSettingCommand;
    friend class RenameNodeCommand;

    // Mutators for the commands: each emits its signal.
    void insertNode(int index, const Node &node);
    void removeNodeAt(int index);
    void insertLink(int index, const Link &link);
    void removeLinkAt(int index);
    void setPosition(int nodeId, const QPointF &position);
    void setSetting(int nodeId, const QString &key, const QVariant &value);
    void setName(int nodeId, const QString &name);
    int nodeIndex(int id) const;
    int linkIndex(int id) const;

    Diagram m_diagram;
    QUndoStack m_undoStack;
    QString m_filePath;
};

} // namespace flowlab
