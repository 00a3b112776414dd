#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace flowlab {

/// The digests SQS returns and clients verify (spec/aws-semantics.md §6.4), on the JSON
/// protocol's shapes. (core/sim/SqsDigest has the same algorithm on the engine's attributes.)

/// MD5OfMessageBody / MD5OfBody: lower-case hex MD5 of the body's UTF-8 bytes.
QString md5OfBody(const QByteArray &utf8);

/// MD5OfMessageAttributes (and MD5OfMessageSystemAttributes) of JSON-shape attributes
/// {name: {"DataType": ..., "StringValue": ... | "BinaryValue": <base64>}}: names in UTF-8
/// byte order; for each, length-prefixed name, length-prefixed DataType, a transport byte
/// (1 for String and Number types, 2 for Binary) and the length-prefixed value (UTF-8 of
/// StringValue, or the decoded BinaryValue bytes). Lengths are 4-byte big-endian.
/// Empty attributes → empty string (the field is then left out).
QString md5OfMessageAttributes(const QJsonObject &attributes);

} // namespace flowlab
