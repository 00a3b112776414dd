// NodeItem's painting: the static layer (cached as a pixmap at the view's scale) and the
// live part drawn over it every time.

#include "NodeItem.h"

#include "NodeItemLayout.h"
#include "UiResources.h"

#include <QPaintEngine>
#include <QPainter>
#include <QStyleOptionGraphicsItem>
#include <QSvgRenderer>

#include <cmath>

namespace flowlab {

using namespace nodelayout;

namespace {
// Above this scale a card's pixmap grows large and few cards fit the view: paint directly.
constexpr qreal kMaxLayerScale = 2.0;

void drawInRow(QPainter *painter,
               const QStaticText &text,
               const QFont &font,
               qreal left,
               qreal top,
               qreal height)
{
    painter->setFont(font);
    painter->drawStaticText(QPointF(left, top + (height - text.size().height()) / 2), text);
}

QRectF barRect(qreal lod)
{
    return lod >= kNearLod ? innerRow(kBarTop, kBarHeight) : innerRow(kFarBarTop, kFarBarHeight);
}

qreal barRadius(const QRectF &bar)
{
    return std::min(bar.height() / 2, 4.0);
}

// The worker cells of a consumer group's bar; empty when there are too many to draw apart.
QVector<QRectF> workerCells(const QRectF &bar, double workers)
{
    QVector<QRectF> cells;
    const qreal gap = 2;
    const qreal width = workers > 0 ? (bar.width() + gap) / workers - gap : 0;
    if (workers <= 0 || width < 3)
        return cells;
    for (int i = 0; i < int(workers); ++i)
        cells.append(QRectF(bar.left() + i * (width + gap), bar.top(), width, bar.height()));
    return cells;
}

const QColor &idleCellColor()
{
    static const QColor color(0xE2, 0xE6, 0xEB);
    return color;
}
} // namespace

QRectF NodeItem::layerRect()
{
    QRectF r = cardRect().adjusted(-kHalo, -kHalo, kHalo, kHalo);
    r |= QRectF(handleCenter() - QPointF(kHandleRadius + 3, kHandleRadius + 3),
                QSizeF(2 * kHandleRadius + 6, 2 * kHandleRadius + 6));
    return QRectF(r.toAlignedRect());
}

void NodeItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *)
{
    const QTransform &xf = painter->worldTransform();
    const qreal lod = option->levelOfDetailFromTransform(xf);
    if (m_targetState == LinkTargetState::Unavailable)
        painter->setOpacity(0.45);
    // The cached layer only for the screen (the raster engine): an SVG export or a printer
    // gets vector shapes and text.
    const bool raster = painter->paintEngine()
                        && painter->paintEngine()->type() == QPaintEngine::Raster;
    if (raster && xf.type() <= QTransform::TxScale && lod <= kMaxLayerScale) {
        const qreal dpr = painter->device() ? painter->device()->devicePixelRatioF() : 1.0;
        if (!m_layerValid || lod != m_layerScale || m_layer.devicePixelRatio() != lod * dpr)
            renderLayer(lod, dpr);
        painter->drawPixmap(layerRect().topLeft(), m_layer);
    } else {
        painter->setRenderHint(QPainter::Antialiasing);
        paintLayer(painter, lod);
    }
    painter->setRenderHint(QPainter::Antialiasing);
    paintBarFill(painter, lod);
    if (lod >= kNearLod && hasFigures())
        paintValues(painter);
    if (lod >= kFarLod)
        paintBadges(painter);
}

void NodeItem::renderLayer(qreal scale, qreal dpr) const
{
    const QRectF r = layerRect();
    const qreal factor = scale * dpr;
    const QSize size(int(std::ceil(r.width() * factor)), int(std::ceil(r.height() * factor)));
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    {
        QPainter p(&image);
        p.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing
                         | QPainter::SmoothPixmapTransform);
        p.scale(factor, factor);
        p.translate(-r.topLeft());
        paintLayer(&p, scale);
    }
    m_layer = QPixmap::fromImage(std::move(image));
    m_layer.setDevicePixelRatio(factor);
    m_layerScale = scale;
    m_layerValid = true;
}

void NodeItem::paintLayer(QPainter *painter, qreal lod) const
{
    // Three levels of detail: everything; zoomed out, the icon, a larger name and a thick
    // bar (the gauge is what one watches from afar); far out, a coloured tile and the bar.
    paintCard(painter, lod);
    paintHeader(painter, lod);
    paintTrack(painter, lod);
    if (lod >= kNearLod) {
        paintColumnLabels(painter);
        paintHandle(painter);
    }
}

void NodeItem::paintCard(QPainter *painter, qreal lod) const
{
    const QRectF card = cardRect();
    // A soft two-step shadow: cheaper than a QGraphicsDropShadowEffect and just as calm.
    if (lod >= kFarLod) {
        painter->setPen(Qt::NoPen);
        painter->setBrush(QColor(15, 23, 42, 10));
        painter->drawRoundedRect(card.adjusted(-1, 0, 1, 3), kRadius + 1, kRadius + 1);
        painter->setBrush(QColor(15, 23, 42, 14));
        painter->drawRoundedRect(card.adjusted(0, 0, 0, 1.5), kRadius, kRadius);
    }

    QColor outline;
    qreal outlineWidth = 0;
    switch (m_targetState) {
    case LinkTargetState::Candidate:
        outline = CanvasStyle::accept();
        outline.setAlpha(150);
        outlineWidth = 1.5;
        break;
    case LinkTargetState::HoverAccept:
        outline = CanvasStyle::accept();
        outlineWidth = 2.5;
        break;
    case LinkTargetState::HoverRefuse:
        outline = CanvasStyle::refuse();
        outlineWidth = 2.5;
        break;
    case LinkTargetState::None:
    case LinkTargetState::Unavailable:
        if (isSelected()) {
            outline = CanvasStyle::selection();
            outlineWidth = 2;
        }
        break;
    }

    if (outlineWidth > 0) {
        QColor halo = outline;
        halo.setAlpha(m_targetState == LinkTargetState::Candidate ? 30 : 45);
        painter->setPen(Qt::NoPen);
        painter->setBrush(halo);
        painter->drawRoundedRect(card.adjusted(-4.5, -4.5, 4.5, 4.5), kRadius + 4, kRadius + 4);
        painter->setPen(QPen(outline, outlineWidth));
    } else {
        painter->setPen(
            QPen(m_hovered ? CanvasStyle::cardBorderHover() : CanvasStyle::cardBorder(), 1));
    }
    painter->setBrush(CanvasStyle::cardFill());
    painter->drawRoundedRect(card.adjusted(0.5, 0.5, -0.5, -0.5), kRadius, kRadius);
}

void NodeItem::paintHeader(QPainter *painter, qreal lod) const
{
    const QColor accent = CanvasStyle::kindColor(m_node.kind);
    const QRectF tile(-kWidth / 2 + kPad, kHeaderTop, kIconTile, kIconTile);
    QColor tint = accent;
    tint.setAlpha(lod < kFarLod ? 255 : 28);
    painter->setPen(Qt::NoPen);
    painter->setBrush(tint);
    painter->drawRoundedRect(tile, 6, 6);
    if (lod < kFarLod)
        return; // far away: a coloured tile on a card is all one can see

    const QRectF iconRect(tile.center() - QPointF(kIconSize / 2, kIconSize / 2),
                          QSizeF(kIconSize, kIconSize));
    if (!painter->paintEngine() || painter->paintEngine()->type() != QPaintEngine::Raster) {
        // Vector output: the icon as shapes.
        QSvgRenderer(tintedSvgData(nodeKindIconPath(m_node.kind), accent)).render(painter, iconRect);
    } else {
        // The icon is rendered at the size it takes on the device, so it stays crisp.
        paintIconPixmap(painter, iconRect, accent);
    }

    const CardFonts &f = fonts();
    painter->setPen(CanvasStyle::textPrimary());
    if (lod < kNearLod) {
        drawInRow(painter, m_farNameText, f.farName, kTextLeft, kHeaderTop - 1, kIconTile);
        return; // no subtitle: too small to read
    }
    drawInRow(painter, m_nameText, f.name, kTextLeft, kHeaderTop - 1, kIconTile);
    painter->setPen(CanvasStyle::textSecondary());
    drawInRow(painter, m_subtitleText, f.subtitle, -kWidth / 2 + kPad, kSubtitleTop, 14);
}

void NodeItem::paintIconPixmap(QPainter *painter, const QRectF &target, const QColor &color) const
{
    const qreal dpr = painter->device() ? painter->device()->devicePixelRatioF() : 1.0;
    const qreal deviceScale = std::sqrt(std::fabs(painter->deviceTransform().determinant()));
    const int pixels = std::clamp(qRound(kIconSize * deviceScale / dpr), 8, 128);
    if (pixels != m_iconSize || dpr != m_iconDpr) {
        m_icon = tintedSvgPixmap(nodeKindIconPath(m_node.kind), color, pixels, dpr);
        m_iconSize = pixels;
        m_iconDpr = dpr;
    }
    painter->drawPixmap(target, m_icon, QRectF(QPointF(0, 0), QSizeF(m_icon.size())));
}

void NodeItem::paintTrack(QPainter *painter, qreal lod) const
{
    const QRectF bar = barRect(lod);
    painter->setPen(Qt::NoPen);
    const QVector<QRectF> cells = workerCells(bar, workers());
    if (!cells.isEmpty()) {
        // One cell per worker: the eye counts busy workers at a glance.
        painter->setBrush(idleCellColor());
        for (const QRectF &cell : cells)
            painter->drawRoundedRect(cell, 1.5, 1.5);
        return;
    }
    painter->setBrush(CanvasStyle::gaugeTrack());
    painter->drawRoundedRect(bar, barRadius(bar), barRadius(bar));
}

void NodeItem::paintColumnLabels(QPainter *painter) const
{
    const CardFonts &f = fonts();
    const bool live = hasFigures();
    for (int i = 0; i < m_columns.size() && i < 3; ++i) {
        const FigureColumn &c = m_columns[i];
        const qreal left = -kWidth / 2 + kPad + i * kColumnWidth;
        if (c.dot.isValid()) {
            painter->setPen(Qt::NoPen);
            painter->setBrush(c.dot);
            painter->drawEllipse(QPointF(left + 3, kValueTop + kValueHeight / 2), 3, 3);
        }
        if (!live) {
            // Stopped, the values are settings: they belong to the static picture.
            painter->setPen(CanvasStyle::textSecondary());
            drawInRow(painter, m_valueTexts[i], f.staticValue, left, kValueTop, kValueHeight);
        }
        painter->setPen(live ? CanvasStyle::textSecondary() : CanvasStyle::textFaint());
        drawInRow(painter, m_labelTexts[i], f.label, left, kLabelTop, kLabelHeight);
    }
}

void NodeItem::paintHandle(QPainter *painter) const
{
    const QColor accent = CanvasStyle::kindColor(m_node.kind);
    const bool active = m_handleHovered || m_linking;
    const qreal r = active ? kHandleRadius + 1.5 : kHandleRadius;
    painter->setPen(QPen(active ? accent : CanvasStyle::cardBorderHover(), 1.5));
    painter->setBrush(active ? accent : CanvasStyle::cardFill());
    painter->drawEllipse(handleCenter(), r, r);
    if (!active) {
        painter->setPen(Qt::NoPen);
        painter->setBrush(accent);
        painter->drawEllipse(handleCenter(), 1.8, 1.8);
    }
}

void NodeItem::paintBarFill(QPainter *painter, qreal lod) const
{
    if (!hasFigures())
        return;
    const QRectF bar = barRect(lod);
    const qreal r = barRadius(bar);
    auto value = [this](const char *name) {
        return NodeText::counter(m_counters, QString::fromLatin1(name));
    };
    painter->setPen(Qt::NoPen);
    switch (m_node.kind) {
    case NodeKind::SqsQueue: {
        // Stacked: visible, in flight, delayed, each as a share of the gauge's scale.
        const double parts[] = {value("visible"), value("inFlight"), value("delayed")};
        const QColor colors[] = {CanvasStyle::gaugeVisible(),
                                 CanvasStyle::gaugeInFlight(),
                                 CanvasStyle::gaugeDelayed()};
        const double total = parts[0] + parts[1] + parts[2];
        if (total <= 0)
            return;
        const qreal full = bar.width() * std::min(1.0, total / std::max(m_gaugeScale, 1.0));
        // The first segment carries the rounded left end; the others are laid after it.
        qreal x = bar.left();
        for (int i = 0; i < 3; ++i) {
            const qreal w = full * parts[i] / total;
            if (w <= 0)
                continue;
            painter->setBrush(colors[i]);
            if (x == bar.left())
                painter->drawRoundedRect(QRectF(x, bar.top(), std::max(w, 2 * r), bar.height()),
                                         r,
                                         r);
            else
                painter->drawRect(QRectF(x, bar.top(), w, bar.height()));
            x += w;
        }
        break;
    }
    case NodeKind::ConsumerGroup: {
        const double busy = value("busy");
        const double workers = value("workers");
        const QColor accent = CanvasStyle::kindColor(NodeKind::ConsumerGroup);
        painter->setBrush(accent);
        const QVector<QRectF> cells = workerCells(bar, workers);
        if (!cells.isEmpty()) {
            for (int i = 0; i < int(busy) && i < cells.size(); ++i)
                painter->drawRoundedRect(cells[i], 1.5, 1.5);
        } else if (workers > 0 && busy > 0) {
            painter->drawRoundedRect(QRectF(bar.left(),
                                            bar.top(),
                                            std::max(2 * r, bar.width() * busy / workers),
                                            bar.height()),
                                     r,
                                     r);
        }
        break;
    }
    case NodeKind::SqsClient:
        break; // no gauge: a client's pace is its own
    case NodeKind::Producer: {
        // The current rate against the highest of the configured and the observed rates.
        const double rate = value("rate");
        const bool spike = m_node.setting(QStringLiteral("pattern")).toString()
                           == QLatin1String("spike");
        const double configured
            = std::max(m_node.setting(QStringLiteral("rate")).toDouble(),
                       spike ? m_node.setting(QStringLiteral("spikeRate")).toDouble() : 0.0);
        const double scale = std::max({m_rateScale, configured, 1e-9});
        if (rate <= 0)
            return;
        painter->setBrush(CanvasStyle::kindColor(NodeKind::Producer));
        painter->drawRoundedRect(QRectF(bar.left(),
                                        bar.top(),
                                        std::max(2 * r, bar.width() * std::min(1.0, rate / scale)),
                                        bar.height()),
                                 r,
                                 r);
        break;
    }
    }
}

void NodeItem::paintValues(QPainter *painter) const
{
    const CardFonts &f = fonts();
    for (int i = 0; i < m_columns.size() && i < 3; ++i) {
        const FigureColumn &c = m_columns[i];
        const qreal left = -kWidth / 2 + kPad + i * kColumnWidth
                           + (c.dot.isValid() ? kDotSpace : 0);
        painter->setPen(c.alert ? CanvasStyle::refuse() : CanvasStyle::textPrimary());
        drawInRow(painter, m_valueTexts[i], f.value, left, kValueTop, kValueHeight);
    }
}

void NodeItem::paintBadges(QPainter *painter) const
{
    for (int i = 0; i < m_badgeRects.size(); ++i) {
        const QRectF &r = m_badgeRects[i];
        const bool amber = m_alerts[i].endsWith(QLatin1String("throttled"));
        painter->setPen(QPen(Qt::white, 1.5));
        painter->setBrush(amber ? CanvasStyle::warning() : CanvasStyle::refuse());
        painter->drawRoundedRect(r, kBadgeHeight / 2, kBadgeHeight / 2);
        painter->setPen(Qt::white);
        const QStaticText &text = m_badgeTexts[i];
        drawInRow(painter,
                  text,
                  fonts().badge,
                  r.center().x() - text.size().width() / 2,
                  r.top(),
                  r.height());
    }
}

} // namespace flowlab
