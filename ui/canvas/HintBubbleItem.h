#pragma once

#include <QColor>
#include <QGraphicsItem>

namespace flowlab {

/// A small rounded label that follows the cursor while a link is dragged, saying in words
/// why the link under the cursor would be refused. It ignores the view's zoom, so it stays
/// readable at every scale; its position is the cursor's scene position, and it draws
/// itself just below and to the right of it.
class HintBubbleItem : public QGraphicsItem
{
public:
    HintBubbleItem();

    void setText(const QString &text);
    QString text() const { return m_text; }
    void setColor(const QColor &color);

    QRectF boundingRect() const override;
    void paint(QPainter *painter,
               const QStyleOptionGraphicsItem *option,
               QWidget *widget = nullptr) override;

private:
    QString m_text;
    QColor m_color;
    QRectF m_rect;
    QRectF m_textRect;
};

} // namespace flowlab
