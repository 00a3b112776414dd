#pragma once

#include "sim/SqsErrors.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace flowlab {

/// The AWS JSON 1.0 side of SQS (spec/aws-semantics.md §6.3): request bodies are already
/// in the engine's shape; outputs are written as they are; errors carry the `__type` shape
/// name and the query code in an `x-amzn-query-error` header (both, so that botocore picks
/// the right exception class and keeps the Query-era error code).
class SqsJsonCodec
{
public:
    /// `X-Amz-Target: AmazonSQS.<Op>` → "<Op>"; empty when the prefix is not AmazonSQS.
    static QString actionFromTarget(const QByteArray &target);

    /// The request body as an object; an empty body is `{}`. InvalidParameterValue when
    /// it is not a JSON object (AWS says SerializationException, a code SQS does not model).
    static SqsError decodeBody(const QByteArray &body, QJsonObject *params);

    /// The output as the response body; `{}` for void actions. An empty Messages list of
    /// ReceiveMessage is left out, as AWS does.
    static QByteArray encodeResult(const QString &action, const QJsonObject &result);

    /// {"__type":"com.amazonaws.sqs#<Shape>","message":"..."}
    static QByteArray encodeError(const SqsError &error);
    /// "<query code>;Sender" or "<query code>;Receiver"
    static QByteArray queryErrorHeader(const SqsError &error);

    static const char *const ContentType; ///< application/x-amz-json-1.0
};

} // namespace flowlab
