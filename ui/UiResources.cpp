#include "UiResources.h"

#include <QFile>
#include <QHash>
#include <QPainter>
#include <QSvgRenderer>

// Q_INIT_RESOURCE declares a function in the global namespace, so it must be used from a
// function outside flowlab's namespace.
static void initIconsResource()
{
    Q_INIT_RESOURCE(icons);
}

namespace flowlab {

void initUiResources()
{
    static const bool once = (initIconsResource(), true);
    Q_UNUSED(once)
}

QString nodeKindIconPath(NodeKind kind)
{
    return QStringLiteral(":/icons/%1.svg").arg(nodeKindId(kind));
}

QIcon nodeKindIcon(NodeKind kind)
{
    initUiResources();
    return QIcon(nodeKindIconPath(kind));
}

QPixmap tintedSvgPixmap(const QString &path, const QColor &color, int logicalSize, qreal dpr)
{
    initUiResources();
    static QHash<QString, QPixmap> cache;
    const QString key = QStringLiteral("%1|%2|%3|%4")
                            .arg(path, color.name(QColor::HexArgb))
                            .arg(logicalSize)
                            .arg(dpr);
    const auto it = cache.constFind(key);
    if (it != cache.constEnd())
        return *it;

    const int devicePixels = qMax(1, qRound(logicalSize * dpr));
    QImage image(devicePixels, devicePixels, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    {
        QPainter p(&image);
        p.setRenderHint(QPainter::Antialiasing);
        QSvgRenderer renderer(path);
        renderer.render(&p, QRectF(0, 0, devicePixels, devicePixels));
        // Keep the drawing's coverage (alpha), replace its colour.
        p.setCompositionMode(QPainter::CompositionMode_SourceIn);
        p.fillRect(image.rect(), color);
    }
    QPixmap pixmap = QPixmap::fromImage(image);
    pixmap.setDevicePixelRatio(dpr);
    cache.insert(key, pixmap);
    return pixmap;
}

QByteArray tintedSvgData(const QString &path, const QColor &color)
{
    initUiResources();
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return QByteArray();
    // The icons are drawn in one slate colour (see resources/icons).
    return file.readAll().replace("#334155", color.name(QColor::HexRgb).toLatin1());
}

} // namespace flowlab
