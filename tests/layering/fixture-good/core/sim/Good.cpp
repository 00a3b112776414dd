#include "Good.h"

#include <vector>
#include <QEvent>
#include <QLocale>
#include <QPointF>
#include <QRectF>
#include <QtConcurrent>
#include <QtCore/QString>

// #include <QWidget> is what the check is for; a comment that names it is fine.
/* Nor does this count: #include <QPainter> */
static const char *const example = "#include <QColor>";
