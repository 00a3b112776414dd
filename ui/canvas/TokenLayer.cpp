#include "TokenLayer.h"

#include "CanvasStyle.h"

#include <QPaintEngine>
#include <QPainter>
#include <QStyleOptionGraphicsItem>

#include <cmath>

namespace flowlab {

namespace {
constexpr qreal kZTokens = 1; // above the links, below the cards they enter
constexpr int kFrameIntervalMs = 16;
} // namespace

TokenLayer::TokenLayer(QGraphicsItem *parent)
    : QGraphicsObject(parent)
{
    setZValue(kZTokens);
    setAcceptedMouseButtons(Qt::NoButton);
    setAcceptHoverEvents(false);
    m_clock.start();
    m_timer.setInterval(kFrameIntervalMs);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &TokenLayer::advance);
}

void TokenLayer::setRoute(int from, int to, const QVector<QPointF> &points)
{
    if (points.size() < 2) {
        removeRoute(from, to);
        return;
    }
    const quint64 key = routeKey(from, to);
    auto it = m_routeIndex.constFind(key);
    int index;
    if (it == m_routeIndex.constEnd()) {
        index = int(m_routes.size());
        m_routes.append(Route());
        m_routeIndex.insert(key, index);
    } else {
        index = *it;
    }
    Route &route = m_routes[index];
    route.points = points;
    route.bounds = QPolygonF(points).boundingRect();
    route.alive = true;
    updateBounds();
}

void TokenLayer::removeRoute(int from, int to)
{
    const auto it = m_routeIndex.find(routeKey(from, to));
    if (it == m_routeIndex.end())
        return;
    const int index = *it;
    m_routeIndex.erase(it);
    // The slot is never reused: tokens still pointing at it are skipped, then dropped.
    m_routes[index].alive = false;
    m_routes[index].points.clear();
    updateBounds();
    update();
}

bool TokenLayer::hasRoute(int from, int to) const
{
    return m_routeIndex.contains(routeKey(from, to));
}

void TokenLayer::addToken(
    int from, int to, quint32 colorKey, TraceKind kind, int ageMs, quint64 message)
{
    const auto it = m_routeIndex.constFind(routeKey(from, to));
    if (it == m_routeIndex.constEnd())
        return;
    if (m_tokens.size() >= kMaxTokens) {
        ++m_dropped;
        return;
    }
    // Sprites: 0 .. palette-1 for message groups, then "no group", then dead-letter red.
    const int palette = CanvasStyle::tokenPaletteSize();
    int sprite;
    if (kind == TraceKind::MovedToDlq)
        sprite = palette + 1;
    else if (colorKey == 0)
        sprite = palette;
    else
        sprite = int((colorKey - 1) % quint32(palette));
    m_tokens.append(Token{*it, qint32(m_clock.elapsed() - std::max(ageMs, 0)), sprite, message});
    if (!m_timer.isActive())
        m_timer.start();
}

void TokenLayer::addTokens(const QVector<TokenSpawn> &spawns)
{
    for (const TokenSpawn &s : spawns)
        addToken(s.from, s.to, s.colorKey, s.kind, 0, s.message);
}

bool TokenLayer::position(const Token &t, qint64 now, QPointF *out) const
{
    const qint64 age = now - t.startMs;
    const Route &r = m_routes.at(t.route);
    if (age < 0 || age >= m_travelMs || r.points.size() < 2)
        return false;
    const qreal f = qreal(age) / m_travelMs * (r.points.size() - 1);
    const int i = std::min(int(f), int(r.points.size()) - 2);
    *out = r.points[i] + (r.points[i + 1] - r.points[i]) * (f - i);
    return true;
}

quint64 TokenLayer::messageAt(const QPointF &scenePos, qreal radius) const
{
    const qint64 now = m_clock.elapsed();
    // Newest first, as the newest token at a spot is the one drawn on top.
    for (qsizetype k = m_tokens.size() - 1; k >= 0; --k) {
        const Token &t = m_tokens.at(k);
        QPointF p;
        if (t.message == 0 || !position(t, now, &p))
            continue;
        const QPointF d = p - scenePos;
        if (d.x() * d.x() + d.y() * d.y() <= radius * radius)
            return t.message;
    }
    return 0;
}

void TokenLayer::clearTokens()
{
    if (m_tokens.isEmpty())
        return;
    m_tokens.clear();
    m_timer.stop();
    update();
}

void TokenLayer::setTravelTime(int ms)
{
    m_travelMs = std::max(ms, 1);
}

void TokenLayer::advance()
{
    const qint32 now = qint32(m_clock.elapsed());
    const int travel = m_travelMs;
    const auto arrived = [&](const Token &t) {
        return now - t.startMs >= travel || !m_routes[t.route].alive;
    };
    m_tokens.erase(std::remove_if(m_tokens.begin(), m_tokens.end(), arrived), m_tokens.end());
    if (m_tokens.isEmpty())
        m_timer.stop(); // idle: no timer runs while nothing moves
    update();
}

void TokenLayer::updateBounds()
{
    QRectF bounds;
    for (const Route &r : std::as_const(m_routes)) {
        if (r.alive)
            bounds |= r.bounds;
    }
    if (!bounds.isNull())
        bounds.adjust(-kDiameter, -kDiameter, kDiameter, kDiameter);
    if (bounds != m_bounds) {
        prepareGeometryChange();
        m_bounds = bounds;
    }
}

QRectF TokenLayer::boundingRect() const
{
    return m_bounds;
}

void TokenLayer::ensureSprites(int diameterPx, qreal dpr)
{
    if (diameterPx == m_spriteDiameter && dpr == m_spriteDpr && !m_sprites.isEmpty())
        return;
    m_spriteDiameter = diameterPx;
    m_spriteDpr = dpr;
    m_sprites.clear();
    const int palette = CanvasStyle::tokenPaletteSize();
    // A disc with a thin white rim, so tokens stay readable over links and over each other.
    const qreal d = diameterPx;
    const qreal rim = std::max(1.0, d * 0.14);
    for (int i = 0; i < palette + 2; ++i) {
        const QColor color = i < palette    ? CanvasStyle::tokenColor(quint32(i + 1))
                             : i == palette ? CanvasStyle::tokenColor(0)
                                            : CanvasStyle::tokenDeadLetter();
        QImage image(diameterPx, diameterPx, QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::transparent);
        QPainter p(&image);
        p.setRenderHint(QPainter::Antialiasing);
        p.setPen(Qt::NoPen);
        p.setBrush(QColor(255, 255, 255, 235));
        p.drawEllipse(QRectF(0, 0, d, d));
        p.setBrush(color);
        p.drawEllipse(QRectF(rim, rim, d - 2 * rim, d - 2 * rim));
        p.end();
        m_sprites.append(QPixmap::fromImage(image));
    }
}

void TokenLayer::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *)
{
    if (m_tokens.isEmpty())
        return;
    const qint64 now = m_clock.elapsed();
    const QTransform xf = painter->worldTransform();
    const bool raster = painter->paintEngine()
                        && painter->paintEngine()->type() == QPaintEngine::Raster;
    if (xf.type() > QTransform::TxScale || !raster) {
        // Vector output (an SVG export) or a rotated view: plain discs, no sprites.
        paintScaled(painter, now);
        return;
    }

    // Blit pre-rendered sprites in device pixels: with an identity device transform and
    // whole-pixel positions the raster engine takes its plain blending path, which is what
    // makes 20k tokens cheap. Positions are mapped by hand (scale and translate only).
    const qreal dpr = painter->device() ? painter->device()->devicePixelRatioF() : 1.0;
    const qreal sx = xf.m11() * dpr;
    const qreal sy = xf.m22() * dpr;
    const qreal dx = xf.dx() * dpr;
    const qreal dy = xf.dy() * dpr;
    const int diameter = std::max(3, qRound(kDiameter * std::fabs(xf.m11()) * dpr));
    ensureSprites(diameter, dpr);
    const qreal half = diameter / 2.0;
    const QRectF exposed = QTransform(sx, 0, 0, sy, dx, dy)
                               .mapRect(option->exposedRect)
                               .adjusted(-diameter, -diameter, diameter, diameter);

    // Overdraw culling: one bit per device pixel of the exposed area says whether a sprite
    // was already placed there. Tokens are visited newest first, so the newest one at a
    // spot is the one drawn, as it would be on top without culling.
    const QRect area = exposed.toAlignedRect();
    const qint64 areaWidth = std::max(area.width(), 1);
    if (m_cull) {
        const qsizetype words = (qsizetype(areaWidth) * std::max(area.height(), 1) + 63) / 64;
        m_occupied.fill(0, words);
    }
    quint64 *occupied = m_occupied.data();

    painter->save();
    painter->setWorldTransform(QTransform::fromScale(1 / dpr, 1 / dpr));
    const float perMs = 1.0f / float(m_travelMs);
    const qint32 now32 = qint32(now);
    const Route *routes = m_routes.constData();
    const QPixmap *sprites = m_sprites.constData();
    int drawn = 0;
    for (qsizetype k = m_tokens.size() - 1; k >= 0; --k) {
        const Token &t = m_tokens.at(k);
        const qint32 age = now32 - t.startMs;
        if (age < 0 || age >= m_travelMs)
            continue;
        const Route &r = routes[t.route];
        const int n = int(r.points.size());
        if (n < 2)
            continue;
        const float f = float(age) * perMs * float(n - 1);
        const int i = std::min(int(f), n - 2);
        const qreal frac = f - float(i);
        const QPointF &a = r.points.at(i);
        const QPointF &b = r.points.at(i + 1);
        const qreal x = (a.x() + (b.x() - a.x()) * frac) * sx + dx;
        const qreal y = (a.y() + (b.y() - a.y()) * frac) * sy + dy;
        if (!exposed.contains(x, y))
            continue;
        const int px = int(std::lround(x - half));
        const int py = int(std::lround(y - half));
        if (m_cull) {
            const qint64 cx = px - area.left();
            const qint64 cy = py - area.top();
            if (cx >= 0 && cy >= 0 && cx < areaWidth && cy < area.height()) {
                const qint64 bit = cy * areaWidth + cx;
                quint64 &word = occupied[bit >> 6];
                const quint64 mask = quint64(1) << (bit & 63);
                if (word & mask)
                    continue;
                word |= mask;
            }
        }
        painter->drawPixmap(QPoint(px, py), sprites[t.sprite]);
        ++drawn;
    }
    painter->restore();
    m_lastDrawn = drawn;
}

void TokenLayer::paintScaled(QPainter *painter, qint64 now)
{
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(Qt::NoPen);
    const int palette = CanvasStyle::tokenPaletteSize();
    for (const Token &t : std::as_const(m_tokens)) {
        QPointF p;
        if (!position(t, now, &p))
            continue;
        painter->setBrush(t.sprite < palette    ? CanvasStyle::tokenColor(quint32(t.sprite + 1))
                          : t.sprite == palette ? CanvasStyle::tokenColor(0)
                                                : CanvasStyle::tokenDeadLetter());
        painter->drawEllipse(p, kDiameter / 2, kDiameter / 2);
    }
}

} // namespace flowlab
