#include "SqsJsonCodec.h"

#include "SqsActions.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

namespace flowlab {

const char *const SqsJsonCodec::ContentType = "application/x-amz-json-1.0";

QString SqsJsonCodec::actionFromTarget(const QByteArray &target)
{
    static const QByteArray prefix("AmazonSQS.");
    if (!target.startsWith(prefix))
        return QString();
    return QString::fromUtf8(target.mid(prefix.size()));
}

SqsError SqsJsonCodec::decodeBody(const QByteArray &body, QJsonObject *params)
{
    if (body.trimmed().isEmpty()) {
        *params = QJsonObject();
        return SqsError();
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        return SqsError(SqsErrorCode::InvalidParameterValue,
                        QStringLiteral("The request body is not valid JSON: %1 at offset %2.")
                            .arg(parseError.errorString())
                            .arg(parseError.offset));
    }
    if (!document.isObject()) {
        return SqsError(SqsErrorCode::InvalidParameterValue,
                        QStringLiteral("The request body must be a JSON object."));
    }
    *params = document.object();
    return SqsError();
}

QByteArray SqsJsonCodec::encodeResult(const QString &action, const QJsonObject &result)
{
    if (isVoidSqsAction(action) || result.isEmpty())
        return QByteArrayLiteral("{}");
    if (action == QLatin1String("ReceiveMessage")) {
        const auto messages = result.constFind(QLatin1String("Messages"));
        if (messages != result.constEnd() && messages->toArray().isEmpty()) {
            QJsonObject trimmed = result;
            trimmed.remove(QLatin1String("Messages"));
            return QJsonDocument(trimmed).toJson(QJsonDocument::Compact);
        }
    }
    return QJsonDocument(result).toJson(QJsonDocument::Compact);
}

QByteArray SqsJsonCodec::encodeError(const SqsError &error)
{
    const SqsErrorInfo &info = sqsErrorInfo(error.code);
    QJsonObject body;
    body.insert(QStringLiteral("__type"),
                QLatin1String("com.amazonaws.sqs#") + QLatin1String(info.shapeName));
    body.insert(QStringLiteral("message"), error.message);
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

QByteArray SqsJsonCodec::queryErrorHeader(const SqsError &error)
{
    const SqsErrorInfo &info = sqsErrorInfo(error.code);
    return QByteArray(info.queryCode) + (info.senderFault ? ";Sender" : ";Receiver");
}

} // namespace flowlab
