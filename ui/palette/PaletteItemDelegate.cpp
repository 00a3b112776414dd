#include "PaletteItemDelegate.h"

#include "UiResources.h"
#include "canvas/CanvasStyle.h"

#include <QPainter>

namespace flowlab {

namespace {
QFont descriptionFont(const QFont &base)
{
    QFont f = base;
    f.setPointSizeF(std::max(7.0, base.pointSizeF() * 0.88));
    return f;
}

constexpr int kRowHeight = 52;
constexpr int kTile = 32;
constexpr int kMargin = 8;
} // namespace

void PaletteItemDelegate::paint(QPainter *painter,
                                const QStyleOptionViewItem &option,
                                const QModelIndex &index) const
{
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const QRectF row = QRectF(option.rect).adjusted(4, 2, -4, -2);
    const QPalette &pal = option.palette;
    const bool selected = option.state & QStyle::State_Selected;
    const bool hovered = option.state & QStyle::State_MouseOver;
    if (selected || hovered) {
        QColor fill = pal.color(QPalette::Highlight);
        fill.setAlpha(selected ? 40 : 18);
        painter->setPen(Qt::NoPen);
        painter->setBrush(fill);
        painter->drawRoundedRect(row, 6, 6);
    }

    const auto kind = NodeKind(index.data(KindRole).toInt());
    const QColor accent = CanvasStyle::kindColor(kind);
    const QRectF tile(row.left() + kMargin, row.center().y() - kTile / 2.0, kTile, kTile);
    QColor tint = accent;
    tint.setAlpha(30);
    painter->setPen(Qt::NoPen);
    painter->setBrush(tint);
    painter->drawRoundedRect(tile, 8, 8);
    const int iconSize = 20;
    const QPixmap icon = tintedSvgPixmap(nodeKindIconPath(kind),
                                         accent,
                                         iconSize,
                                         painter->device()->devicePixelRatioF());
    painter->drawPixmap(QPointF(tile.center().x() - iconSize / 2.0,
                                tile.center().y() - iconSize / 2.0),
                        icon);

    // The name, then the description on up to two lines (the dock may be narrow).
    const qreal textLeft = tile.right() + 10;
    const qreal textWidth = row.right() - textLeft - 6;
    QFont nameFont = option.font;
    nameFont.setWeight(QFont::DemiBold);
    const QFont descFont = descriptionFont(option.font);
    const QFontMetricsF nameMetrics(nameFont);
    const QFontMetricsF descMetrics(descFont);
    const QString description = index.data(DescriptionRole).toString();
    const QRectF descBounds = descMetrics.boundingRect(QRectF(0, 0, textWidth, 1000),
                                                       Qt::TextWordWrap,
                                                       description);
    const qreal descHeight = std::min(descBounds.height(), 2 * descMetrics.lineSpacing());
    const qreal total = nameMetrics.height() + 2 + descHeight;
    const qreal top = row.center().y() - total / 2;

    painter->setFont(nameFont);
    painter->setPen(pal.color(QPalette::Text));
    painter->drawText(QRectF(textLeft, top, textWidth, nameMetrics.height()),
                      Qt::AlignLeft | Qt::AlignVCenter,
                      nameMetrics.elidedText(index.data(Qt::DisplayRole).toString(),
                                             Qt::ElideRight,
                                             textWidth));
    painter->setFont(descFont);
    QColor descColor = pal.color(QPalette::Text);
    descColor.setAlphaF(0.6);
    painter->setPen(descColor);
    painter->drawText(QRectF(textLeft, top + nameMetrics.height() + 2, textWidth, descHeight),
                      Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap,
                      description);
    painter->restore();
}

QSize PaletteItemDelegate::sizeHint(const QStyleOptionViewItem &option,
                                    const QModelIndex &index) const
{
    Q_UNUSED(index)
    // Room for the name and two lines of description, so a narrow dock still reads well.
    const QFontMetrics name(option.font);
    const QFontMetrics description(descriptionFont(option.font));
    return QSize(120, std::max(kRowHeight, name.height() + 2 * description.lineSpacing() + 16));
}

} // namespace flowlab
