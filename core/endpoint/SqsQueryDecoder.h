#pragma once

#include "sim/SqsErrors.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>

namespace flowlab {

/// Reads the SQS Query protocol's form parameters (spec/aws-semantics.md §6.2) into the JSON
/// protocol's request shape, so the engine sees one shape whichever protocol came in:
///
///   Attribute.N.Name/.Value              → "Attributes": {name: value}
///   Tag.N.Key/.Value                     → "tags" (CreateQueue) or "Tags" (TagQueue)
///   TagKey.N                             → "TagKeys": [...]
///   AttributeName.N                      → "AttributeNames": [...]
///   MessageAttributeName.N               → "MessageAttributeNames": [...]
///   MessageSystemAttributeName.N         → "MessageSystemAttributeNames": [...]
///   MessageAttribute.N.Name, .Value.DataType, .Value.StringValue | .Value.BinaryValue
///                                        → "MessageAttributes": {name: {DataType, ...}}
///   MessageSystemAttribute.N...          → "MessageSystemAttributes" (same shape)
///   <Action>RequestEntry.N.<Field>       → "Entries": [{...}] in N order (SendMessageBatch,
///                                          DeleteMessageBatch, ChangeMessageVisibilityBatch),
///                                          each entry read by the same rules
///
/// Integer members of the JSON model (DelaySeconds, MaxNumberOfMessages, WaitTimeSeconds,
/// VisibilityTimeout, MaxResults) become JSON numbers; everything else stays a string.
/// Lists and maps are ordered by N numerically; unknown dotted names are ignored.
class SqsQueryDecoder
{
public:
    /// application/x-www-form-urlencoded pairs, decoded ('+' is a space, %XX a byte, the
    /// bytes UTF-8), in their order.
    static QList<QPair<QString, QString>> parseForm(const QByteArray &encoded);

    /// Decodes the parameters of one request (Action, Version and Signature V2 fields are
    /// skipped; a repeated name keeps its last value). Errors: InvalidParameterValue for an
    /// integer member that is not an integer, MissingParameter for a map entry without its
    /// Name or Key.
    static SqsError decodeParams(const QString &action,
                                 const QList<QPair<QString, QString>> &pairs,
                                 QJsonObject *params);
};

} // namespace flowlab
