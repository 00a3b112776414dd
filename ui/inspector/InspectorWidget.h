#pragma once

#include "model/NodeKind.h"

#include <QHash>
#include <QList>
#include <QWidget>

QT_BEGIN_NAMESPACE
class QLabel;
class QStackedWidget;
QT_END_NAMESPACE

namespace flowlab {

class DiagramDocument;
class NodePage;

/// The inspector dock's contents: the settings of the one selected node, on the page of its
/// kind (built once per kind from the PropertySchema), or a hint when no node or several
/// are selected. It follows the document's change signals, so undo and redo show at once,
/// and the pages write only through DiagramDocument's undoable edits.
class InspectorWidget : public QWidget
{
    Q_OBJECT

public:
    explicit InspectorWidget(DiagramDocument *document, QWidget *parent = nullptr);

    /// The node shown, or 0 when the hint is.
    int nodeId() const;
    /// The page on show, or null when the hint is.
    NodePage *currentPage() const;
    /// Puts the keyboard focus in the shown node's Name field, its text selected.
    void focusName();
    /// Text shown when no single node is selected.
    static QString placeholderText();

public slots:
    /// Shows the node when exactly one is selected, the hint otherwise.
    void showNodes(const QList<int> &nodeIds);
    /// A simulation is loaded: lock the settings that are fixed at creation.
    void setLive(bool live);

private:
    NodePage *pageFor(NodeKind kind);
    void showPlaceholder();
    void setCurrent(QWidget *page);

    DiagramDocument *m_document;
    QStackedWidget *m_stack;
    QWidget *m_placeholder;
    QHash<int, NodePage *> m_pages; ///< by int(NodeKind)
    bool m_live = false;
};

} // namespace flowlab
