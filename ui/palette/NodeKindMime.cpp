#include "NodeKindMime.h"

#include <QMimeData>

namespace flowlab {

QMimeData *createNodeKindMimeData(NodeKind kind)
{
    auto *data = new QMimeData;
    data->setData(QString::fromLatin1(kNodeKindMimeType), nodeKindId(kind).toUtf8());
    return data;
}

bool hasNodeKind(const QMimeData *data)
{
    NodeKind kind;
    return nodeKindFromMimeData(data, &kind);
}

bool nodeKindFromMimeData(const QMimeData *data, NodeKind *kind)
{
    const QString type = QString::fromLatin1(kNodeKindMimeType);
    if (!data || !data->hasFormat(type))
        return false;
    return nodeKindFromId(QString::fromUtf8(data->data(type)), kind);
}

} // namespace flowlab
