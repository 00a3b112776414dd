#include "DiagramView.h"

#include "CanvasStyle.h"
#include "DiagramScene.h"
#include "palette/NodeKindMime.h"

#include <QDragEnterEvent>
#include <QKeyEvent>
#include <QMimeData>
#include <QScrollBar>

#include <cmath>

namespace flowlab {

namespace {
constexpr double kZoomStep = 1.25;
constexpr double kFitMaxZoom = 1.0;
constexpr qreal kFitMargin = 48; // scene units around the diagram when fitting
} // namespace

DiagramView::DiagramView(DiagramScene *scene, QWidget *parent)
    : QGraphicsView(scene, parent)
    , m_scene(scene)
{
    // No SmoothPixmapTransform: with it the raster engine leaves its fast image-blending
    // path for every pixmap, and the cards and tokens are pixmaps drawn at device
    // resolution (nothing here is scaled when blitted).
    setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
    // Tokens move over most of the diagram every frame: repaint one bounding rectangle of
    // the changes rather than tracking a region per item (the default MinimalViewportUpdate),
    // and keep the grid in a cached pixmap so a frame does not redraw thousands of dots.
    setViewportUpdateMode(BoundingRectViewportUpdate);
    setCacheMode(CacheBackground);
    // The background covers every exposed pixel: no need to clear the viewport first.
    viewport()->setAttribute(Qt::WA_OpaquePaintEvent);
    setDragMode(RubberBandDrag);
    setRubberBandSelectionMode(Qt::IntersectsItemShape);
    setTransformationAnchor(NoAnchor); // zoomAt() anchors by hand
    setResizeAnchor(AnchorViewCenter);
    setAcceptDrops(true);
    setFrameShape(QFrame::NoFrame);
    setFocusPolicy(Qt::StrongFocus);
    connect(scene, &DiagramScene::contentChanged, viewport(), qOverload<>(&QWidget::update));
}

double DiagramView::zoom() const
{
    return transform().m11();
}

void DiagramView::setZoom(double zoom)
{
    zoomAt(zoom, viewport()->rect().center());
}

void DiagramView::zoomAt(double zoom, const QPoint &viewportPos)
{
    zoom = std::clamp(zoom, kMinZoom, kMaxZoom);
    if (qFuzzyCompare(zoom, this->zoom()))
        return;
    const QPointF anchor = mapToScene(viewportPos);
    setTransform(QTransform::fromScale(zoom, zoom));
    // Scroll so that the anchor is back under the same viewport point.
    const QPoint moved = mapFromScene(anchor) - viewportPos;
    horizontalScrollBar()->setValue(horizontalScrollBar()->value() + moved.x());
    verticalScrollBar()->setValue(verticalScrollBar()->value() + moved.y());
    emit zoomChanged(zoom);
}

QPointF DiagramView::visibleCenter() const
{
    return mapToScene(viewport()->rect().center());
}

void DiagramView::zoomIn()
{
    setZoom(zoom() * kZoomStep);
}

void DiagramView::zoomOut()
{
    setZoom(zoom() / kZoomStep);
}

void DiagramView::resetZoom()
{
    setZoom(1.0);
}

void DiagramView::fitToDiagram()
{
    const QRectF content = m_scene->contentRect();
    if (content.isNull()) {
        resetZoom();
        centerOn(0, 0);
        return;
    }
    const QRectF target = content.adjusted(-kFitMargin, -kFitMargin, kFitMargin, kFitMargin);
    const QRect vp = viewport()->rect();
    const double z = std::min(
        {vp.width() / target.width(), vp.height() / target.height(), kFitMaxZoom});
    setZoom(z);
    centerOn(target.center());
}

void DiagramView::wheelEvent(QWheelEvent *event)
{
    const QPoint delta = event->angleDelta();
    if (delta.y() == 0) {
        QGraphicsView::wheelEvent(event);
        return;
    }
    // One notch (120) zooms by about 20 %; touchpads send smaller steps, zooming smoothly.
    const double factor = std::pow(1.0015, delta.y());
    zoomAt(zoom() * factor, event->position().toPoint());
    event->accept();
}

void DiagramView::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Space && !event->isAutoRepeat()) {
        m_spaceHeld = true;
        updateCursor();
        event->accept();
        return;
    }
    if (event->key() == Qt::Key_Space) {
        event->accept(); // auto-repeat of a held space: nothing to do
        return;
    }
    if (event->key() == Qt::Key_Escape && m_panning) {
        stopPan();
        return;
    }
    QGraphicsView::keyPressEvent(event);
}

void DiagramView::keyReleaseEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Space && !event->isAutoRepeat()) {
        m_spaceHeld = false;
        updateCursor();
        event->accept();
        return;
    }
    QGraphicsView::keyReleaseEvent(event);
}

void DiagramView::focusOutEvent(QFocusEvent *event)
{
    // The space key's release goes elsewhere once focus leaves: do not stay in pan mode.
    m_spaceHeld = false;
    stopPan();
    QGraphicsView::focusOutEvent(event);
}

void DiagramView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() == Qt::MiddleButton || (event->button() == Qt::LeftButton && m_spaceHeld)) {
        startPan(event->position().toPoint());
        event->accept();
        return;
    }
    QGraphicsView::mousePressEvent(event);
}

void DiagramView::mouseMoveEvent(QMouseEvent *event)
{
    if (m_panning) {
        const QPoint pos = event->position().toPoint();
        const QPoint d = pos - m_lastPanPos;
        m_lastPanPos = pos;
        horizontalScrollBar()->setValue(horizontalScrollBar()->value() - d.x());
        verticalScrollBar()->setValue(verticalScrollBar()->value() - d.y());
        event->accept();
        return;
    }
    QGraphicsView::mouseMoveEvent(event);
}

void DiagramView::mouseReleaseEvent(QMouseEvent *event)
{
    if (m_panning && (event->button() == Qt::MiddleButton || event->button() == Qt::LeftButton)) {
        stopPan();
        event->accept();
        return;
    }
    QGraphicsView::mouseReleaseEvent(event);
}

void DiagramView::startPan(const QPoint &pos)
{
    m_panning = true;
    m_lastPanPos = pos;
    updateCursor();
}

void DiagramView::stopPan()
{
    if (!m_panning)
        return;
    m_panning = false;
    updateCursor();
}

void DiagramView::updateCursor()
{
    if (m_panning)
        viewport()->setCursor(Qt::ClosedHandCursor);
    else if (m_spaceHeld)
        viewport()->setCursor(Qt::OpenHandCursor);
    else
        viewport()->unsetCursor();
}

void DiagramView::dragEnterEvent(QDragEnterEvent *event)
{
    if (hasNodeKind(event->mimeData())) {
        event->setDropAction(Qt::CopyAction);
        event->accept();
        return;
    }
    event->ignore();
}

void DiagramView::dragMoveEvent(QDragMoveEvent *event)
{
    if (hasNodeKind(event->mimeData())) {
        event->setDropAction(Qt::CopyAction);
        event->accept();
        return;
    }
    event->ignore();
}

void DiagramView::dragLeaveEvent(QDragLeaveEvent *event)
{
    event->accept();
}

void DiagramView::dropEvent(QDropEvent *event)
{
    NodeKind kind;
    if (!nodeKindFromMimeData(event->mimeData(), &kind)) {
        event->ignore();
        return;
    }
    m_scene->dropNode(kind, mapToScene(event->position().toPoint()));
    event->setDropAction(Qt::CopyAction);
    event->accept();
    setFocus();
}

void DiagramView::scrollContentsBy(int dx, int dy)
{
    QGraphicsView::scrollContentsBy(dx, dy);
    // The empty-diagram hint is pinned to the viewport: scrolled pixels would drag it along.
    if (m_scene && m_scene->nodeCount() == 0)
        viewport()->update();
}

void DiagramView::drawForeground(QPainter *painter, const QRectF &rect)
{
    QGraphicsView::drawForeground(painter, rect);
    if (!m_scene || m_scene->nodeCount() > 0)
        return;
    // The empty canvas says what to do, in the middle of the viewport whatever the zoom.
    painter->save();
    painter->resetTransform();
    const QRectF vp = viewport()->rect();
    const QRectF box(vp.center().x() - 220, vp.center().y() - 40, 440, 80);
    painter->setPen(CanvasStyle::textSecondary());
    painter->setFont(CanvasStyle::font(15));
    painter->drawText(box,
                      Qt::AlignCenter | Qt::TextWordWrap,
                      tr("Drag a producer, a queue and a consumer group from the palette, then "
                         "connect them"));
    painter->restore();
}

} // namespace flowlab
