#include "SqsQueryEncoder.h"

#include "SqsActions.h"

#include <QJsonArray>
#include <QJsonValue>

#include <cmath>

namespace flowlab {

const char *const SqsQueryEncoder::Namespace = "http://queue.amazonaws.com/doc/2012-11-05/";

namespace {

// The text of a scalar JSON value as the Query protocol writes it.
QString scalarText(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double: {
        const double number = value.toDouble();
        if (std::floor(number) == number && std::fabs(number) < 9.0e15)
            return QString::number(qint64(number));
        return QString::number(number, 'g', 17);
    }
    case QJsonValue::String:
        return value.toString();
    default:
        return QString();
    }
}

class XmlWriter
{
public:
    QByteArray out;

    void element(const char *name, const QJsonValue &value)
    {
        out += '<';
        out += name;
        out += '>';
        out += SqsQueryEncoder::escape(scalarText(value));
        out += "</";
        out += name;
        out += '>';
    }
    // The element only when `object` has the member.
    void member(const QJsonObject &object, const char *name)
    {
        const auto it = object.constFind(QLatin1String(name));
        if (it != object.constEnd() && !it->isNull() && !it->isUndefined())
            element(name, *it);
    }
    void open(const char *name)
    {
        out += '<';
        out += name;
        out += '>';
    }
    void close(const char *name)
    {
        out += "</";
        out += name;
        out += '>';
    }
    // A map as flattened <entryName><keyName/><valueName/></entryName> elements.
    void map(const QJsonObject &object,
             const char *entryName,
             const char *keyName,
             const char *valueName)
    {
        for (auto it = object.begin(); it != object.end(); ++it) {
            open(entryName);
            element(keyName, it.key());
            element(valueName, it.value());
            close(entryName);
        }
    }
    // A list of strings as repeated <name> elements.
    void list(const QJsonArray &array, const char *name)
    {
        for (const QJsonValue &value : array)
            element(name, value);
    }
    void messageAttributes(const QJsonObject &attributes)
    {
        for (auto it = attributes.begin(); it != attributes.end(); ++it) {
            const QJsonObject value = it.value().toObject();
            open("MessageAttribute");
            element("Name", it.key());
            open("Value");
            member(value, "StringValue");
            member(value, "BinaryValue");
            list(value.value(QLatin1String("StringListValues")).toArray(), "StringListValue");
            list(value.value(QLatin1String("BinaryListValues")).toArray(), "BinaryListValue");
            member(value, "DataType");
            close("Value");
            close("MessageAttribute");
        }
    }
    void message(const QJsonObject &message)
    {
        open("Message");
        member(message, "MessageId");
        member(message, "ReceiptHandle");
        member(message, "MD5OfBody");
        member(message, "Body");
        map(message.value(QLatin1String("Attributes")).toObject(), "Attribute", "Name", "Value");
        member(message, "MD5OfMessageAttributes");
        messageAttributes(message.value(QLatin1String("MessageAttributes")).toObject());
        close("Message");
    }
    void failed(const QJsonArray &entries)
    {
        for (const QJsonValue &value : entries) {
            const QJsonObject entry = value.toObject();
            open("BatchResultErrorEntry");
            member(entry, "Id");
            member(entry, "SenderFault");
            member(entry, "Code");
            member(entry, "Message");
            close("BatchResultErrorEntry");
        }
    }
    // Successful entries with only an Id (DeleteMessageBatch, ChangeMessageVisibilityBatch).
    void idEntries(const QJsonArray &entries, const char *name)
    {
        for (const QJsonValue &value : entries) {
            open(name);
            member(value.toObject(), "Id");
            close(name);
        }
    }
};

// The inside of <OpResult> for each action with an output.
QByteArray resultBody(const QString &action, const QJsonObject &result)
{
    XmlWriter xml;
    if (action == QLatin1String("CreateQueue") || action == QLatin1String("GetQueueUrl")) {
        xml.member(result, "QueueUrl");
    } else if (action == QLatin1String("ListQueues")) {
        xml.list(result.value(QLatin1String("QueueUrls")).toArray(), "QueueUrl");
        xml.member(result, "NextToken");
    } else if (action == QLatin1String("ListDeadLetterSourceQueues")) {
        // JSON's member is lower-case queueUrls; accept QueueUrls too.
        QJsonArray urls = result.value(QLatin1String("queueUrls")).toArray();
        if (urls.isEmpty())
            urls = result.value(QLatin1String("QueueUrls")).toArray();
        xml.list(urls, "QueueUrl");
        xml.member(result, "NextToken");
    } else if (action == QLatin1String("GetQueueAttributes")) {
        xml.map(result.value(QLatin1String("Attributes")).toObject(), "Attribute", "Name", "Value");
    } else if (action == QLatin1String("ListQueueTags")) {
        xml.map(result.value(QLatin1String("Tags")).toObject(), "Tag", "Key", "Value");
    } else if (action == QLatin1String("SendMessage")) {
        xml.member(result, "MD5OfMessageBody");
        xml.member(result, "MD5OfMessageAttributes");
        xml.member(result, "MD5OfMessageSystemAttributes");
        xml.member(result, "MessageId");
        xml.member(result, "SequenceNumber");
    } else if (action == QLatin1String("SendMessageBatch")) {
        for (const QJsonValue &value : result.value(QLatin1String("Successful")).toArray()) {
            const QJsonObject entry = value.toObject();
            xml.open("SendMessageBatchResultEntry");
            xml.member(entry, "Id");
            xml.member(entry, "MessageId");
            xml.member(entry, "MD5OfMessageBody");
            xml.member(entry, "MD5OfMessageAttributes");
            xml.member(entry, "MD5OfMessageSystemAttributes");
            xml.member(entry, "SequenceNumber");
            xml.close("SendMessageBatchResultEntry");
        }
        xml.failed(result.value(QLatin1String("Failed")).toArray());
    } else if (action == QLatin1String("DeleteMessageBatch")) {
        xml.idEntries(result.value(QLatin1String("Successful")).toArray(),
                      "DeleteMessageBatchResultEntry");
        xml.failed(result.value(QLatin1String("Failed")).toArray());
    } else if (action == QLatin1String("ChangeMessageVisibilityBatch")) {
        xml.idEntries(result.value(QLatin1String("Successful")).toArray(),
                      "ChangeMessageVisibilityBatchResultEntry");
        xml.failed(result.value(QLatin1String("Failed")).toArray());
    } else if (action == QLatin1String("ReceiveMessage")) {
        for (const QJsonValue &value : result.value(QLatin1String("Messages")).toArray())
            xml.message(value.toObject());
    }
    return xml.out;
}

} // namespace

QByteArray SqsQueryEncoder::escape(const QString &text)
{
    const QByteArray utf8 = text.toUtf8();
    QByteArray out;
    out.reserve(utf8.size() + 16);
    for (char c : utf8) {
        switch (c) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&quot;";
            break;
        case '\r':
            out += "&#xD;";
            break;
        default:
            out += c;
            break;
        }
    }
    return out;
}

QByteArray SqsQueryEncoder::encodeResult(const QString &action,
                                         const QJsonObject &result,
                                         const QString &requestId)
{
    const QByteArray op = action.toLatin1();
    QByteArray out;
    out.reserve(512);
    out += "<?xml version=\"1.0\"?>\n<";
    out += op;
    out += "Response xmlns=\"";
    out += Namespace;
    out += "\">";
    if (!isVoidSqsAction(action)) {
        const QByteArray body = resultBody(action, result);
        if (body.isEmpty()) {
            out += '<' + op + "Result/>";
        } else {
            out += '<' + op + "Result>";
            out += body;
            out += "</" + op + "Result>";
        }
    }
    out += "<ResponseMetadata><RequestId>";
    out += escape(requestId);
    out += "</RequestId></ResponseMetadata></";
    out += op;
    out += "Response>\n";
    return out;
}

QByteArray SqsQueryEncoder::encodeError(const SqsError &error, const QString &requestId)
{
    const SqsErrorInfo &info = sqsErrorInfo(error.code);
    QByteArray out;
    out += "<?xml version=\"1.0\"?>\n<ErrorResponse xmlns=\"";
    out += Namespace;
    out += "\"><Error><Type>";
    out += info.senderFault ? "Sender" : "Receiver";
    out += "</Type><Code>";
    out += escape(QString::fromLatin1(info.queryCode));
    out += "</Code><Message>";
    out += escape(error.message);
    out += "</Message><Detail/></Error><RequestId>";
    out += escape(requestId);
    out += "</RequestId></ErrorResponse>\n";
    return out;
}

} // namespace flowlab
