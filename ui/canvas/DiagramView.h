#pragma once

#include <QGraphicsView>
#include <QPointer>

namespace flowlab {

class DiagramScene;

/// The canvas's view: antialiased, zooms with the wheel around the cursor, pans with the
/// middle button or Space + drag, selects with a rubber band on empty space, and turns drops
/// of a palette entry into DiagramScene::dropNode() at the drop point. Shows a hint while the
/// diagram is empty.
///
/// Moving tokens repaint a large part of the picture 60 times a second, so the view repaints
/// the bounding rectangle of what changed (BoundingRectViewportUpdate: one rectangle, no
/// region bookkeeping) and caches the grid background.
class DiagramView : public QGraphicsView
{
    Q_OBJECT

public:
    static constexpr double kMinZoom = 0.1;
    static constexpr double kMaxZoom = 4.0;

    explicit DiagramView(DiagramScene *scene, QWidget *parent = nullptr);

    DiagramScene *diagramScene() const { return m_scene; }

    /// Current scale (1 = 100 %).
    double zoom() const;
    /// Sets the scale, clamped to kMinZoom .. kMaxZoom, keeping the view's centre in place.
    void setZoom(double zoom);
    /// Sets the scale keeping the scene point under `viewportPos` under it.
    void zoomAt(double zoom, const QPoint &viewportPos);
    /// The scene point at the centre of the viewport (a palette double-click adds there).
    QPointF visibleCenter() const;

public slots:
    void zoomIn();
    void zoomOut();
    void resetZoom();
    /// Scales and scrolls so the whole diagram is visible (never above 100 %).
    void fitToDiagram();

signals:
    void zoomChanged(double zoom);

protected:
    void wheelEvent(QWheelEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void keyReleaseEvent(QKeyEvent *event) override;
    void focusOutEvent(QFocusEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dragMoveEvent(QDragMoveEvent *event) override;
    void dragLeaveEvent(QDragLeaveEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    void drawForeground(QPainter *painter, const QRectF &rect) override;
    void scrollContentsBy(int dx, int dy) override;

private:
    void startPan(const QPoint &pos);
    void stopPan();
    void updateCursor();

    QPointer<DiagramScene> m_scene; ///< the scene may go first (a window's teardown)
    bool m_spaceHeld = false;
    bool m_panning = false;
    QPoint m_lastPanPos;
};

} // namespace flowlab
