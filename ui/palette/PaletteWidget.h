#pragma once

#include "model/NodeKind.h"

#include <QListWidget>

namespace flowlab {

/// The palette: one entry per node kind a person places (kPaletteNodeKinds), each with
/// its icon, its name and one line saying what it is. Dragging an entry carries the kind
/// as kNodeKindMimeType (see NodeKindMime.h) to the canvas; a double-click or Enter asks
/// for the node to be added at the centre of the view (addRequested()).
class PaletteWidget : public QListWidget
{
    Q_OBJECT

public:
    explicit PaletteWidget(QWidget *parent = nullptr);

    /// The node kind of row `row`.
    NodeKind kindAt(int row) const;
    /// One line describing a kind ("Stores messages until a consumer deletes them").
    static QString description(NodeKind kind);

signals:
    void addRequested(flowlab::NodeKind kind);

protected:
    QStringList mimeTypes() const override;
    QMimeData *mimeData(const QList<QListWidgetItem *> &items) const override;
    Qt::DropActions supportedDropActions() const override;
    void startDrag(Qt::DropActions supportedActions) override;
    void keyPressEvent(QKeyEvent *event) override;
};

} // namespace flowlab
