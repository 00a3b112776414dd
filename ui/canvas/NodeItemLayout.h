#pragma once

// Internal to NodeItem: the card's measurements and fonts, shared by its layout step
// (NodeItem.cpp) and its painting (NodeItemPaint.cpp).

#include "CanvasStyle.h"
#include "NodeItem.h"

#include <QFont>

namespace flowlab::nodelayout {

constexpr qreal kWidth = NodeItem::kWidth;
constexpr qreal kHeight = NodeItem::kHeight;
constexpr qreal kRadius = 10;
constexpr qreal kPad = 10;
constexpr qreal kIconTile = 24;
constexpr qreal kIconSize = 16;
constexpr qreal kHandleRadius = 5;
constexpr qreal kBadgeHeight = 16;
constexpr qreal kHalo = 6; ///< room around the card for the selection halo and the shadow

// Rows, item coordinates (the card spans y -46 .. 46): the icon and the name, the subtitle
// under them at full width, then the bar, the figures and their labels.
constexpr qreal kHeaderTop = -kHeight / 2 + 9;
constexpr qreal kTextLeft = -kWidth / 2 + kPad + kIconTile + 8;
constexpr qreal kNameWidth = kWidth / 2 - kPad - kTextLeft;
constexpr qreal kSubtitleTop = kHeaderTop + kIconTile + 3;
constexpr qreal kInnerWidth = kWidth - 2 * kPad;
constexpr qreal kColumnWidth = kInnerWidth / 3;
constexpr qreal kBarTop = 6;
constexpr qreal kBarHeight = 5;
constexpr qreal kFarBarTop = -4; ///< the thicker bar of the zoomed-out picture
constexpr qreal kFarBarHeight = 16;
constexpr qreal kValueTop = 14;
constexpr qreal kValueHeight = 15;
constexpr qreal kLabelTop = 28;
constexpr qreal kLabelHeight = 11;
constexpr qreal kDotSpace = 9; ///< a colour dot before a value

/// Below this level of detail the card drops its small print; below kFarLod, its text.
constexpr qreal kNearLod = 0.6;
constexpr qreal kFarLod = 0.3;

inline QRectF innerRow(qreal top, qreal height)
{
    return QRectF(-kWidth / 2 + kPad, top, kInnerWidth, height);
}

/// The card's fonts, built once: a QFont resolved anew for every paint costs a font lookup.
struct CardFonts
{
    QFont name = CanvasStyle::font(12.5, QFont::DemiBold);
    QFont farName = CanvasStyle::font(17, QFont::DemiBold);
    QFont subtitle = CanvasStyle::font(10);
    QFont value = CanvasStyle::font(12.5, QFont::Bold);
    QFont staticValue = CanvasStyle::font(11.5, QFont::DemiBold);
    QFont label = CanvasStyle::font(9);
    QFont badge = CanvasStyle::font(9.5, QFont::Bold);
};

inline const CardFonts &fonts()
{
    static const CardFonts f;
    return f;
}

} // namespace flowlab::nodelayout
