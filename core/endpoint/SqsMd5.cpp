#include "SqsMd5.h"

#include <QCryptographicHash>
#include <QtEndian>

#include <algorithm>
#include <vector>

namespace flowlab {

QString md5OfBody(const QByteArray &utf8)
{
    return QString::fromLatin1(QCryptographicHash::hash(utf8, QCryptographicHash::Md5).toHex());
}

QString md5OfMessageAttributes(const QJsonObject &attributes)
{
    if (attributes.isEmpty())
        return QString();

    // QJsonObject orders its keys by UTF-16 code units, which differs from UTF-8 byte order
    // for characters above the surrogates: sort the UTF-8 names themselves.
    std::vector<std::pair<QByteArray, QString>> names;
    names.reserve(size_t(attributes.size()));
    for (auto it = attributes.begin(); it != attributes.end(); ++it)
        names.emplace_back(it.key().toUtf8(), it.key());
    std::sort(names.begin(), names.end(), [](const auto &a, const auto &b) {
        return a.first < b.first;
    });

    QCryptographicHash md5(QCryptographicHash::Md5);
    auto addLengthPrefixed = [&md5](const QByteArray &bytes) {
        char length[4];
        qToBigEndian(quint32(bytes.size()), length);
        md5.addData(QByteArrayView(length, 4));
        md5.addData(bytes);
    };
    for (const auto &[utf8Name, name] : names) {
        const QJsonObject value = attributes.value(name).toObject();
        const QString dataType = value.value(QLatin1String("DataType")).toString();
        const bool binary = dataType.startsWith(QLatin1String("Binary"));
        addLengthPrefixed(utf8Name);
        addLengthPrefixed(dataType.toUtf8());
        const char transport = binary ? 2 : 1;
        md5.addData(QByteArrayView(&transport, 1));
        if (binary) {
            addLengthPrefixed(QByteArray::fromBase64(
                value.value(QLatin1String("BinaryValue")).toString().toLatin1()));
        } else {
            addLengthPrefixed(value.value(QLatin1String("StringValue")).toString().toUtf8());
        }
    }
    return QString::fromLatin1(md5.result().toHex());
}

} // namespace flowlab
