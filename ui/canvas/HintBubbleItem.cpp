#include "HintBubbleItem.h"

#include "CanvasStyle.h"

#include <QFontMetricsF>
#include <QPainter>

namespace flowlab {

namespace {
constexpr qreal kMaxTextWidth = 260;
constexpr qreal kPadX = 9;
constexpr qreal kPadY = 5;
const QPointF kOffset(14, 16); // below and to the right of the cursor

QFont bubbleFont()
{
    return CanvasStyle::font(12, QFont::Medium);
}
} // namespace

HintBubbleItem::HintBubbleItem()
    : m_color(CanvasStyle::refuse())
{
    setFlag(ItemIgnoresTransformations);
    setAcceptedMouseButtons(Qt::NoButton);
    setZValue(10);
}

void HintBubbleItem::setText(const QString &text)
{
    if (text == m_text)
        return;
    const QFontMetricsF fm(bubbleFont());
    const QRectF textRect = fm.boundingRect(QRectF(0, 0, kMaxTextWidth, 1000),
                                            Qt::TextWordWrap | Qt::AlignLeft,
                                            text);
    prepareGeometryChange();
    m_text = text;
    m_textRect = QRectF(kOffset + QPointF(kPadX, kPadY), textRect.size());
    m_rect = m_textRect.adjusted(-kPadX, -kPadY, kPadX, kPadY);
}

void HintBubbleItem::setColor(const QColor &color)
{
    m_color = color;
    update();
}

QRectF HintBubbleItem::boundingRect() const
{
    return m_rect.adjusted(-1, -1, 1, 3);
}

void HintBubbleItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    if (m_text.isEmpty())
        return;
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(Qt::NoPen);
    painter->setBrush(QColor(15, 23, 42, 30));
    painter->drawRoundedRect(m_rect.translated(0, 1.5), 7, 7);
    painter->setBrush(m_color);
    painter->drawRoundedRect(m_rect, 7, 7);
    painter->setPen(Qt::white);
    painter->setFont(bubbleFont());
    painter->drawText(m_textRect, Qt::TextWordWrap | Qt::AlignLeft, m_text);
}

} // namespace flowlab
