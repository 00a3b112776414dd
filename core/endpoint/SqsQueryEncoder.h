#pragma once

#include "sim/SqsErrors.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace flowlab {

/// Writes SQS Query protocol responses (spec/aws-semantics.md §6.2, §6.5) from the JSON
/// protocol's output shapes:
///
///   <OpResponse xmlns="http://queue.amazonaws.com/doc/2012-11-05/">
///     <OpResult>...</OpResult>            (left out for void actions)
///     <ResponseMetadata><RequestId>...</RequestId></ResponseMetadata>
///   </OpResponse>
///
/// with the Query model's flattened lists and maps: repeated <QueueUrl>, <Attribute><Name/>
/// <Value/></Attribute>, <MessageAttribute><Name/><Value>...</Value></MessageAttribute>,
/// <Message>, <...BatchResultEntry>, <BatchResultErrorEntry>, <Tag><Key/><Value/></Tag>.
class SqsQueryEncoder
{
public:
    static QByteArray encodeResult(const QString &action,
                                   const QJsonObject &result,
                                   const QString &requestId);
    /// <ErrorResponse><Error><Type>Sender|Receiver</Type><Code>query code</Code><Message/>
    /// <Detail/></Error><RequestId/></ErrorResponse>
    static QByteArray encodeError(const SqsError &error, const QString &requestId);

    /// Character data for XML: `&<>"` escaped and CR as &#xD; so it survives XML
    /// line-end normalisation.
    static QByteArray escape(const QString &text);

    static const char *const Namespace;
};

} // namespace flowlab
