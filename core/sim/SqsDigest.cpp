#include "SqsDigest.h"

#include "PayloadStore.h"

#include <QCryptographicHash>
#include <QtEndian>

#include <algorithm>

namespace flowlab::SqsDigest {

QString md5OfBody(const QByteArray &utf8)
{
    return QString::fromLatin1(QCryptographicHash::hash(utf8, QCryptographicHash::Md5).toHex());
}

QString md5OfAttributes(const std::vector<MessageAttribute> &attributes)
{
    if (attributes.empty())
        return QString();
    std::vector<const MessageAttribute *> sorted;
    for (const MessageAttribute &a : attributes)
        sorted.push_back(&a);
    // Byte order of the UTF-8 names.
    std::sort(sorted.begin(),
              sorted.end(),
              [](const MessageAttribute *x, const MessageAttribute *y) {
                  return x->name.toUtf8() < y->name.toUtf8();
              });
    QCryptographicHash md5(QCryptographicHash::Md5);
    auto addLengthPrefixed = [&md5](const QByteArray &bytes) {
        char length[4];
        qToBigEndian(quint32(bytes.size()), length);
        md5.addData(QByteArrayView(length, 4));
        md5.addData(bytes);
    };
    for (const MessageAttribute *a : sorted) {
        addLengthPrefixed(a->name.toUtf8());
        addLengthPrefixed(a->dataType.toUtf8());
        const char transport = a->dataType.startsWith(QLatin1String("Binary")) ? 2 : 1;
        md5.addData(QByteArrayView(&transport, 1));
        addLengthPrefixed(a->value);
    }
    return QString::fromLatin1(md5.result().toHex());
}

} // namespace flowlab::SqsDigest
