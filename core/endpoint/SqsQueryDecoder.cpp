#include "SqsQueryDecoder.h"

#include "PercentDecoding.h"

#include <QJsonArray>
#include <QMap>

namespace flowlab {

namespace {

using FlatMap = QMap<QString, QString>;

QString formDecode(const QByteArray &bytes)
{
    return QString::fromUtf8(percentDecode(bytes, true));
}

bool isIntegerMember(const QString &name)
{
    return name == QLatin1String("DelaySeconds") || name == QLatin1String("MaxNumberOfMessages")
           || name == QLatin1String("WaitTimeSeconds") || name == QLatin1String("VisibilityTimeout")
           || name == QLatin1String("MaxResults");
}

// Parameters of the request envelope and of Signature Version 2, not API members.
bool isEnvelope(const QString &name)
{
    static const QStringList names = {
        QStringLiteral("Action"),
        QStringLiteral("Version"),
        QStringLiteral("AWSAccessKeyId"),
        QStringLiteral("Signature"),
        QStringLiteral("SignatureMethod"),
        QStringLiteral("SignatureVersion"),
        QStringLiteral("Timestamp"),
        QStringLiteral("Expires"),
        QStringLiteral("SecurityToken"),
    };
    return names.contains(name) || name.startsWith(QLatin1String("X-Amz-"));
}

// "N.rest" → N (> 0) and rest; false when the name does not start with an index.
bool splitIndex(const QString &name, int *index, QString *rest)
{
    const qsizetype dot = name.indexOf(QLatin1Char('.'));
    bool ok = false;
    const int n = (dot < 0 ? name : name.left(dot)).toInt(&ok);
    if (!ok || n <= 0)
        return false;
    *index = n;
    *rest = dot < 0 ? QString() : name.mid(dot + 1);
    return true;
}

// Groups "N.rest" names by N: N → (rest → value).
QMap<int, FlatMap> byIndex(const FlatMap &flat, QMap<int, QString> *plain = nullptr)
{
    QMap<int, FlatMap> groups;
    for (auto it = flat.begin(); it != flat.end(); ++it) {
        int index = 0;
        QString rest;
        if (!splitIndex(it.key(), &index, &rest))
            continue;
        if (rest.isEmpty()) {
            if (plain)
                plain->insert(index, it.value());
        } else {
            groups[index].insert(rest, it.value());
        }
    }
    return groups;
}

SqsError missing(const QString &prefix, int index, const char *field)
{
    return SqsError(SqsErrorCode::MissingParameter,
                    QStringLiteral("The request must contain the parameter %1.%2.%3.")
                        .arg(prefix)
                        .arg(index)
                        .arg(QLatin1String(field)));
}

QJsonArray decodeList(const FlatMap &flat)
{
    QMap<int, QString> plain;
    byIndex(flat, &plain);
    QJsonArray out;
    for (const QString &value : std::as_const(plain))
        out.append(value);
    return out;
}

SqsError decodeStringMap(const FlatMap &flat,
                         const QString &prefix,
                         const char *keyField,
                         const char *valueField,
                         QJsonObject *out)
{
    const QMap<int, FlatMap> groups = byIndex(flat);
    for (auto it = groups.begin(); it != groups.end(); ++it) {
        const auto key = it.value().constFind(QLatin1String(keyField));
        if (key == it.value().constEnd())
            return missing(prefix, it.key(), keyField);
        out->insert(key.value(), it.value().value(QLatin1String(valueField)));
    }
    return SqsError();
}

// MessageAttribute.N.Name + .Value.{DataType,StringValue,BinaryValue,StringListValue.M,
// BinaryListValue.M} → {name: {"DataType": ..., "StringValue": ..., ...}}.
SqsError decodeAttributeValues(const FlatMap &flat, const QString &prefix, QJsonObject *out)
{
    const QMap<int, FlatMap> groups = byIndex(flat);
    for (auto it = groups.begin(); it != groups.end(); ++it) {
        const FlatMap &fields = it.value();
        const auto name = fields.constFind(QStringLiteral("Name"));
        if (name == fields.constEnd())
            return missing(prefix, it.key(), "Name");
        QJsonObject value;
        FlatMap stringList;
        FlatMap binaryList;
        for (auto f = fields.begin(); f != fields.end(); ++f) {
            if (!f.key().startsWith(QLatin1String("Value.")))
                continue;
            const QString member = f.key().mid(6);
            if (member == QLatin1String("DataType") || member == QLatin1String("StringValue")
                || member == QLatin1String("BinaryValue")) {
                value.insert(member, f.value());
            } else if (member.startsWith(QLatin1String("StringListValue."))) {
                stringList.insert(member.mid(16), f.value());
            } else if (member.startsWith(QLatin1String("BinaryListValue."))) {
                binaryList.insert(member.mid(16), f.value());
            }
        }
        if (!stringList.isEmpty())
            value.insert(QStringLiteral("StringListValues"), decodeList(stringList));
        if (!binaryList.isEmpty())
            value.insert(QStringLiteral("BinaryListValues"), decodeList(binaryList));
        out->insert(name.value(), value);
    }
    return SqsError();
}

SqsError decodeStructure(const QString &action, const FlatMap &flat, QJsonObject *out);

SqsError decodeEntries(const QString &action, const FlatMap &flat, QJsonArray *out)
{
    const QMap<int, FlatMap> groups = byIndex(flat);
    for (auto it = groups.begin(); it != groups.end(); ++it) {
        QJsonObject entry;
        if (SqsError error = decodeStructure(action, it.value(), &entry))
            return error;
        out->append(entry);
    }
    return SqsError();
}

SqsError decodeStructure(const QString &action, const FlatMap &flat, QJsonObject *out)
{
    // Scalars first; dotted names grouped by their first segment.
    QMap<QString, FlatMap> groups;
    for (auto it = flat.begin(); it != flat.end(); ++it) {
        const QString &name = it.key();
        const qsizetype dot = name.indexOf(QLatin1Char('.'));
        if (dot > 0) {
            groups[name.left(dot)].insert(name.mid(dot + 1), it.value());
            continue;
        }
        if (isIntegerMember(name)) {
            bool ok = false;
            const qint64 number = it.value().trimmed().toLongLong(&ok);
            if (!ok) {
                return SqsError(SqsErrorCode::InvalidParameterValue,
                                QStringLiteral("Value %1 for parameter %2 is invalid. Reason: "
                                               "must be an integer.")
                                    .arg(it.value(), name));
            }
            out->insert(name, double(number));
        } else {
            out->insert(name, it.value());
        }
    }

    const QString entryPrefix = action + QLatin1String("RequestEntry");
    for (auto it = groups.begin(); it != groups.end(); ++it) {
        const QString &prefix = it.key();
        const FlatMap &members = it.value();
        SqsError error;
        if (prefix == QLatin1String("Attribute")) {
            QJsonObject map;
            error = decodeStringMap(members, prefix, "Name", "Value", &map);
            out->insert(QStringLiteral("Attributes"), map);
        } else if (prefix == QLatin1String("Tag")) {
            QJsonObject map;
            error = decodeStringMap(members, prefix, "Key", "Value", &map);
            // CreateQueue's member is lower-case "tags"; TagQueue's is "Tags".
            out->insert(action == QLatin1String("CreateQueue") ? QStringLiteral("tags")
                                                               : QStringLiteral("Tags"),
                        map);
        } else if (prefix == QLatin1String("TagKey")) {
            out->insert(QStringLiteral("TagKeys"), decodeList(members));
        } else if (prefix == QLatin1String("AttributeName")) {
            out->insert(QStringLiteral("AttributeNames"), decodeList(members));
        } else if (prefix == QLatin1String("MessageAttributeName")) {
            out->insert(QStringLiteral("MessageAttributeNames"), decodeList(members));
        } else if (prefix == QLatin1String("MessageSystemAttributeName")) {
            out->insert(QStringLiteral("MessageSystemAttributeNames"), decodeList(members));
        } else if (prefix == QLatin1String("MessageAttribute")) {
            QJsonObject map;
            error = decodeAttributeValues(members, prefix, &map);
            out->insert(QStringLiteral("MessageAttributes"), map);
        } else if (prefix == QLatin1String("MessageSystemAttribute")) {
            QJsonObject map;
            error = decodeAttributeValues(members, prefix, &map);
            out->insert(QStringLiteral("MessageSystemAttributes"), map);
        } else if (prefix == entryPrefix) {
            QJsonArray entries;
            error = decodeEntries(action, members, &entries);
            out->insert(QStringLiteral("Entries"), entries);
        }
        if (error)
            return error;
    }
    return SqsError();
}

} // namespace

QList<QPair<QString, QString>> SqsQueryDecoder::parseForm(const QByteArray &encoded)
{
    QList<QPair<QString, QString>> pairs;
    for (const QByteArray &pair : encoded.split('&')) {
        if (pair.isEmpty())
            continue;
        const qsizetype equals = pair.indexOf('=');
        if (equals < 0)
            pairs.append({formDecode(pair), QString()});
        else
            pairs.append({formDecode(pair.left(equals)), formDecode(pair.mid(equals + 1))});
    }
    return pairs;
}

SqsError SqsQueryDecoder::decodeParams(const QString &action,
                                       const QList<QPair<QString, QString>> &pairs,
                                       QJsonObject *params)
{
    FlatMap flat;
    for (const auto &[name, value] : pairs) {
        if (!name.isEmpty() && !isEnvelope(name))
            flat.insert(name, value);
    }
    QJsonObject out;
    if (SqsError error = decodeStructure(action, flat, &out))
        return error;
    *params = out;
    return SqsError();
}

} // namespace flowlab
