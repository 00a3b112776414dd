#pragma once

#include <QByteArray>
#include <QString>

#include <vector>

namespace flowlab {

struct MessageAttribute;

/// The digests SQS returns and clients verify (spec §6.4).
namespace SqsDigest {

/// Lower-case hex MD5 of the body's UTF-8 bytes (MD5OfMessageBody, MD5OfBody).
QString md5OfBody(const QByteArray &utf8);
/// MD5OfMessageAttributes: names sorted; for each, length-prefixed name, data type, a
/// transport byte (1 String/Number, 2 Binary) and length-prefixed value. Empty when there
/// are no attributes.
QString md5OfAttributes(const std::vector<MessageAttribute> &attributes);

} // namespace SqsDigest
} // namespace flowlab
