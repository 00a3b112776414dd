#include "PaletteWidget.h"

#include "NodeKindMime.h"
#include "PaletteItemDelegate.h"
#include "UiResources.h"
#include "canvas/CanvasStyle.h"

#include <QDrag>
#include <QKeyEvent>
#include <QMimeData>
#include <QPainter>

namespace flowlab {

namespace {
// The picture under the cursor while dragging: a small card with the icon and the name.
QPixmap dragPixmap(NodeKind kind, const QFont &font, qreal dpr)
{
    const QString name = nodeKindDisplayName(kind);
    QFont f = font;
    f.setWeight(QFont::DemiBold);
    const QFontMetricsF fm(f);
    const QSizeF size(44 + fm.horizontalAdvance(name) + 14, 40);
    QPixmap pixmap((size * dpr).toSize());
    pixmap.setDevicePixelRatio(dpr);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    const QRectF card(QPointF(0.5, 0.5), size - QSizeF(1, 1));
    p.setPen(QPen(CanvasStyle::kindColor(kind), 1.5));
    p.setBrush(QColor(255, 255, 255, 235));
    p.drawRoundedRect(card, 8, 8);
    const QColor accent = CanvasStyle::kindColor(kind);
    QColor tint = accent;
    tint.setAlpha(30);
    p.setPen(Qt::NoPen);
    p.setBrush(tint);
    const QRectF tile(7, 6, 28, 28);
    p.drawRoundedRect(tile, 7, 7);
    p.drawPixmap(QPointF(tile.center().x() - 9, tile.center().y() - 9),
                 tintedSvgPixmap(nodeKindIconPath(kind), accent, 18, dpr));
    p.setPen(CanvasStyle::textPrimary());
    p.setFont(f);
    p.drawText(QRectF(44, 0, size.width() - 44, size.height()),
               Qt::AlignLeft | Qt::AlignVCenter,
               name);
    return pixmap;
}
} // namespace

PaletteWidget::PaletteWidget(QWidget *parent)
    : QListWidget(parent)
{
    initUiResources();
    setItemDelegate(new PaletteItemDelegate(this));
    setSelectionMode(SingleSelection);
    setDragEnabled(true);
    setDragDropMode(DragOnly);
    setDefaultDropAction(Qt::CopyAction);
    setMouseTracking(true); // hover highlight
    setUniformItemSizes(true);
    setFrameShape(QFrame::NoFrame);
    setVerticalScrollMode(ScrollPerPixel);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff); // rows elide and wrap instead
    setResizeMode(Adjust);
    setToolTip(tr("Drag onto the canvas, or double-click to add at the centre"));

    for (NodeKind kind : kPaletteNodeKinds) {
        auto *item = new QListWidgetItem(nodeKindIcon(kind), nodeKindDisplayName(kind), this);
        item->setData(PaletteItemDelegate::DescriptionRole, description(kind));
        item->setData(PaletteItemDelegate::KindRole, int(kind));
        item->setToolTip(
            QStringLiteral("<b>%1</b><br>%2").arg(nodeKindDisplayName(kind), description(kind)));
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsDragEnabled);
    }

    connect(this, &QListWidget::itemDoubleClicked, this, [this](QListWidgetItem *item) {
        emit addRequested(kindAt(row(item)));
    });
}

NodeKind PaletteWidget::kindAt(int row) const
{
    const QListWidgetItem *it = item(row);
    return it ? NodeKind(it->data(PaletteItemDelegate::KindRole).toInt()) : kPaletteNodeKinds[0];
}

QString PaletteWidget::description(NodeKind kind)
{
    switch (kind) {
    case NodeKind::Producer:
        return tr("Sends messages at a set rate");
    case NodeKind::SqsQueue:
        return tr("Stores messages for consumers");
    case NodeKind::ConsumerGroup:
        return tr("Workers that poll a queue");
    case NodeKind::SqsClient:
        return tr("A real client of the local endpoint");
    }
    return QString();
}

QStringList PaletteWidget::mimeTypes() const
{
    return {QString::fromLatin1(kNodeKindMimeType)};
}

QMimeData *PaletteWidget::mimeData(const QList<QListWidgetItem *> &items) const
{
    if (items.isEmpty())
        return nullptr;
    return createNodeKindMimeData(kindAt(row(items.first())));
}

Qt::DropActions PaletteWidget::supportedDropActions() const
{
    return Qt::CopyAction;
}

void PaletteWidget::startDrag(Qt::DropActions supportedActions)
{
    Q_UNUSED(supportedActions)
    QListWidgetItem *current = currentItem();
    if (!current)
        return;
    const NodeKind kind = kindAt(row(current));
    auto *drag = new QDrag(this);
    drag->setMimeData(createNodeKindMimeData(kind));
    const QPixmap pixmap = dragPixmap(kind, font(), devicePixelRatioF());
    drag->setPixmap(pixmap);
    drag->setHotSpot(QPoint(20, int(pixmap.height() / pixmap.devicePixelRatio() / 2)));
    drag->exec(Qt::CopyAction, Qt::CopyAction);
}

void PaletteWidget::keyPressEvent(QKeyEvent *event)
{
    if ((event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) && currentItem()) {
        emit addRequested(kindAt(currentRow()));
        event->accept();
        return;
    }
    QListWidget::keyPressEvent(event);
}

} // namespace flowlab
