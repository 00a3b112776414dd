#pragma once

#include "runner/Frame.h"

#include <QElapsedTimer>
#include <QGraphicsObject>
#include <QHash>
#include <QPixmap>
#include <QTimer>
#include <QVector>

namespace flowlab {

/// Every token in flight, drawn by ONE item.
///
/// One QGraphicsItem per token collapses at a few thousand moving items (the scene index
/// and the per-item paint overhead; see PERF-NOTES: 32 fps at 20k items even with NoIndex),
/// while one item blitting a pre-rendered sprite per token keeps hundreds of frames per
/// second. So a token is a 12-byte record here: its route, its start time on the layer's
/// own clock and its sprite (colour). A token travels its route in travelTime() of wall
/// time; its position is a function of the clock, computed in paint().
///
/// One QTimer (about 60 Hz) drops the tokens that arrived and asks for a repaint; it runs
/// only while tokens are in flight. Routes come from the links (LinkItem::routePoints):
/// a route moves with its link, and the tokens on it follow.
class TokenLayer : public QGraphicsObject
{
    Q_OBJECT

public:
    enum { Type = UserType + 3 };
    static constexpr int kDefaultTravelMs = 600;
    /// Tokens beyond this many in flight are not started (counted in droppedTokens()).
    static constexpr int kMaxTokens = 40000;
    /// Token diameter in scene units.
    static constexpr qreal kDiameter = 9;

    explicit TokenLayer(QGraphicsItem *parent = nullptr);

    int type() const override { return Type; }

    /// The track of tokens going from node `from` to node `to` (evenly spaced points).
    void setRoute(int from, int to, const QVector<QPointF> &points);
    void removeRoute(int from, int to);
    bool hasRoute(int from, int to) const;

    /// Starts a token from `from` to `to`, `ageMs` milliseconds into its trip (to spread the
    /// tokens of one frame over the time between frames). Tokens without a route are ignored.
    /// `message` is the message the token stands for (messageAt() finds it), 0 for none.
    void addToken(
        int from, int to, quint32 colorKey, TraceKind kind, int ageMs = 0, quint64 message = 0);
    /// Starts one token per spawn, all at the start of their trip.
    void addTokens(const QVector<TokenSpawn> &spawns);
    /// Removes every token (Reset).
    void clearTokens();
    /// The message of the newest token drawn within `radius` scene units of `scenePos` now,
    /// or 0 (hit testing for a click on a token).
    quint64 messageAt(const QPointF &scenePos, qreal radius = kDiameter) const;

    int tokenCount() const { return int(m_tokens.size()); }
    quint64 droppedTokens() const { return m_dropped; }
    int travelTime() const { return m_travelMs; }
    void setTravelTime(int ms);
    /// Milliseconds on the layer's clock (tests and benchmarks use it to place tokens).
    qint64 clockMs() const { return m_clock.elapsed(); }
    /// Drops the tokens that have arrived and schedules a repaint (what the timer does).
    void advance();
    /// With culling on (the default), a token whose sprite would land exactly where another
    /// token's sprite was already drawn in this paint is skipped: thousands of tokens on a
    /// short link share their pixels, and drawing each would change nothing on screen.
    void setOverdrawCulling(bool on) { m_cull = on; }
    bool overdrawCulling() const { return m_cull; }
    /// Sprites drawn by the last paint (after culling), for benchmarks.
    int lastDrawnCount() const { return m_lastDrawn; }

    QRectF boundingRect() const override;
    void paint(QPainter *painter,
               const QStyleOptionGraphicsItem *option,
               QWidget *widget = nullptr) override;

private:
    struct Route
    {
        QVector<QPointF> points;
        QRectF bounds;
        bool alive = false;
    };
    struct Token
    {
        qint32 route;    ///< index into m_routes
        qint32 startMs;  ///< on m_clock
        qint32 sprite;   ///< index into the sprite set
        quint64 message; ///< the message it stands for, 0 = none
    };
    /// Where token `t` is at `now` on the layer's clock; false when it is not under way.
    bool position(const Token &t, qint64 now, QPointF *out) const;

    static quint64 routeKey(int from, int to)
    {
        return (quint64(quint32(from)) << 32) | quint32(to);
    }
    void updateBounds();
    void ensureSprites(int diameterPx, qreal dpr);
    void paintScaled(QPainter *painter, qint64 now);

    QHash<quint64, int> m_routeIndex;
    QVector<Route> m_routes;
    QVector<Token> m_tokens;
    QVector<QPixmap> m_sprites; ///< one per colour: the palette, grey-blue, dead-letter red
    int m_spriteDiameter = 0;
    qreal m_spriteDpr = 0;
    QRectF m_bounds;
    QElapsedTimer m_clock;
    QTimer m_timer;
    int m_travelMs = kDefaultTravelMs;
    quint64 m_dropped = 0;
    bool m_cull = true;
    int m_lastDrawn = 0;
    QVector<quint64> m_occupied; ///< one bit per device pixel of the exposed area (culling)
};

} // namespace flowlab
