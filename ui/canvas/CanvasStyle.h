#pragma once

#include "model/NodeKind.h"

#include <QColor>
#include <QFont>

namespace flowlab {

/// The canvas's colours and fonts in one place, so the nodes, links, tokens, palette and
/// background agree. A light, flat look: white cards on a pale grey dotted canvas, one accent
/// colour per node kind, blue for selection, green/red for accepted/refused links.
class CanvasStyle
{
public:
    static QColor background();
    static QColor gridDot();
    static QColor gridDotMajor();

    static QColor cardFill();
    static QColor cardBorder();
    static QColor cardBorderHover();
    static QColor textPrimary();
    static QColor textSecondary();
    static QColor textFaint();
    static QColor selection();
    static QColor accept();
    static QColor refuse();
    static QColor warning();

    /// The accent of a node kind (icon tile, handle, palette).
    static QColor kindColor(NodeKind kind);

    static QColor gaugeTrack();
    static QColor gaugeVisible();
    static QColor gaugeInFlight();
    static QColor gaugeDelayed();

    static QColor linkFlow();
    static QColor linkDeadLetter();

    /// The colour of a token of FIFO message group `colorKey` (0 = no group: grey-blue).
    /// Groups cycle through tokenPaletteSize() distinct colours; none of them is the red
    /// of dead-letter tokens.
    static QColor tokenColor(quint32 colorKey);
    static int tokenPaletteSize();
    static QColor tokenDeadLetter();

    /// The canvas font: the application's family at a pixel size (scene units), so the
    /// cards keep their proportions whatever the screen's DPI.
    static QFont font(qreal pixelSize, QFont::Weight weight = QFont::Normal);
};

} // namespace flowlab
