#pragma once

#include <QStyledItemDelegate>

namespace flowlab {

/// Draws a palette entry: the kind's icon on a tinted tile, its name, and a one-line
/// description under it in a lighter colour; a rounded highlight on hover and selection.
class PaletteItemDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    /// Item data role holding the one-line description.
    static constexpr int DescriptionRole = Qt::UserRole + 1;
    /// Item data role holding the NodeKind (as int).
    static constexpr int KindRole = Qt::UserRole + 2;

    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter,
               const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace flowlab
