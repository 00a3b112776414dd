#include "CanvasStyle.h"

#include <QGuiApplication>

namespace flowlab {

namespace {
// Ten distinct hues for FIFO message groups (after Tableau 10, with its red swapped for a
// cyan so that red stays reserved for dead-lettered messages).
const QRgb kTokenPalette[] = {
    0x4E79A7,
    0xF28E2B,
    0x59A14F,
    0xB07AA1,
    0x76B7B2,
    0xEDC948,
    0xFF9DA7,
    0x9C755F,
    0x17BECF,
    0x8C6BB1,
};
} // namespace

QColor CanvasStyle::background()
{
    return QColor(0xF5, 0xF6, 0xF8);
}

QColor CanvasStyle::gridDot()
{
    return QColor(0xD3, 0xD8, 0xDF);
}

QColor CanvasStyle::gridDotMajor()
{
    return QColor(0xB8, 0xBF, 0xC9);
}

QColor CanvasStyle::cardFill()
{
    return QColor(0xFF, 0xFF, 0xFF);
}

QColor CanvasStyle::cardBorder()
{
    return QColor(0xD5, 0xDA, 0xE1);
}

QColor CanvasStyle::cardBorderHover()
{
    return QColor(0x94, 0xA3, 0xB8);
}

QColor CanvasStyle::textPrimary()
{
    return QColor(0x1E, 0x29, 0x3B);
}

QColor CanvasStyle::textSecondary()
{
    return QColor(0x64, 0x74, 0x8B);
}

QColor CanvasStyle::textFaint()
{
    return QColor(0x94, 0xA3, 0xB8);
}

QColor CanvasStyle::selection()
{
    return QColor(0x25, 0x63, 0xEB);
}

QColor CanvasStyle::accept()
{
    return QColor(0x16, 0xA3, 0x4A);
}

QColor CanvasStyle::refuse()
{
    return QColor(0xDC, 0x26, 0x26);
}

QColor CanvasStyle::warning()
{
    return QColor(0xD9, 0x77, 0x06);
}

QColor CanvasStyle::kindColor(NodeKind kind)
{
    switch (kind) {
    case NodeKind::Producer:
        return QColor(0x4F, 0x46, 0xE5); // indigo
    case NodeKind::SqsQueue:
        return QColor(0xDB, 0x27, 0x77); // magenta, as AWS's application integration
    case NodeKind::ConsumerGroup:
        return QColor(0xEA, 0x7A, 0x0C); // orange, as AWS's compute
    case NodeKind::SqsClient:
        return QColor(0x0F, 0x76, 0x6E); // teal: outside the simulation
    }
    return textSecondary();
}

QColor CanvasStyle::gaugeTrack()
{
    return QColor(0xEC, 0xEF, 0xF3);
}

QColor CanvasStyle::gaugeVisible()
{
    return QColor(0x3B, 0x82, 0xF6);
}

QColor CanvasStyle::gaugeInFlight()
{
    return QColor(0xF5, 0x9E, 0x0B);
}

QColor CanvasStyle::gaugeDelayed()
{
    return QColor(0xA7, 0x8B, 0xFA);
}

QColor CanvasStyle::linkFlow()
{
    return QColor(0x8A, 0x97, 0xAA);
}

QColor CanvasStyle::linkDeadLetter()
{
    return QColor(0xE1, 0x4D, 0x5E);
}

QColor CanvasStyle::tokenColor(quint32 colorKey)
{
    if (colorKey == 0)
        return QColor(0x5B, 0x7D, 0xB1); // grey-blue: a message without a group
    return QColor(kTokenPalette[(colorKey - 1) % std::size(kTokenPalette)]);
}

int CanvasStyle::tokenPaletteSize()
{
    return int(std::size(kTokenPalette));
}

QColor CanvasStyle::tokenDeadLetter()
{
    return QColor(0xE1, 0x1D, 0x48);
}

QFont CanvasStyle::font(qreal pixelSize, QFont::Weight weight)
{
    QFont f = QGuiApplication::font();
    f.setPixelSize(qMax(1, qRound(pixelSize)));
    f.setWeight(weight);
    return f;
}

} // namespace flowlab
