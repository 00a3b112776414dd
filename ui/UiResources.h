#pragma once

#include "model/NodeKind.h"

#include <QColor>
#include <QIcon>
#include <QPixmap>
#include <QString>

namespace flowlab {

/// Registers flowlab_ui's compiled resources (the ":/icons/..." SVG files). flowlab_ui is a
/// static library, so the executable (or a test) calls this once before it uses an icon,
/// typically right after constructing the QApplication. Calling it more than once is harmless.
void initUiResources();

/// The resource path of a node kind's icon (":/icons/sqs-queue.svg").
QString nodeKindIconPath(NodeKind kind);
/// The node kind's icon as a QIcon (drawn in the icon's own slate colour).
QIcon nodeKindIcon(NodeKind kind);
/// The SVG at `path` rendered at `logicalSize` × `logicalSize` for a device pixel ratio of
/// `dpr`, with every painted pixel recoloured to `color` (the icons are single-colour
/// drawings, so this tints them). Cached: the canvas asks for the same few pixmaps on every
/// repaint.
QPixmap tintedSvgPixmap(const QString &path, const QColor &color, int logicalSize, qreal dpr);

/// The SVG at `path` with its drawing colour replaced by `color`, for vector output (an SVG
/// export draws the icons as shapes rather than as bitmaps).
QByteArray tintedSvgData(const QString &path, const QColor &color);

} // namespace flowlab
