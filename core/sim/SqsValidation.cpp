// Request validation, receipt handles and configuration of SqsQueue: the parameter rules
// of spec/aws-semantics.md §1.3, §1.5, §1.9 with the error codes and texts of §1.16.

#include "Engine.h"
#include "SqsQueue.h"

#include <QCryptographicHash>
#include <QRegularExpression>

namespace flowlab {

namespace {

// XML 1.0 characters (spec §1.3): #x9 #xA #xD #x20-#xD7FF #xE000-#xFFFD #x10000-#x10FFFF.
bool validMessageText(const QByteArray &utf8)
{
    const QString text = QString::fromUtf8(utf8);
    if (text.toUtf8() != utf8)
        return false; // not valid UTF-8
    for (auto it = text.cbegin(); it != text.cend(); ++it) {
        const char32_t c = it->unicode();
        if (it->isHighSurrogate()) {
            ++it; // a valid pair is in #x10000-#x10FFFF
            continue;
        }
        const bool ok = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF)
                        || (c >= 0xE000 && c <= 0xFFFD);
        if (!ok)
            return false;
    }
    return true;
}

// MessageGroupId and MessageDeduplicationId: 1-128 alphanumerics and punctuation.
bool validFifoId(const QString &id)
{
    if (id.isEmpty() || id.size() > 128)
        return false;
    for (QChar c : id) {
        const ushort u = c.unicode();
        if (u < 0x21 || u > 0x7E)
            return false;
    }
    return true;
}

SqsError invalidValue(const QString &text)
{
    return SqsError(SqsErrorCode::InvalidParameterValue, text);
}

SqsError validateAttribute(const MessageAttribute &a)
{
    static const QRegularExpression nameRe(QStringLiteral("^[A-Za-z0-9_.\\-]{1,256}$"));
    const QString &n = a.name;
    if (!nameRe.match(n).hasMatch() || n.startsWith(QLatin1Char('.'))
        || n.endsWith(QLatin1Char('.')) || n.contains(QLatin1String(".."))
        || n.startsWith(QLatin1String("aws."), Qt::CaseInsensitive)
        || n.startsWith(QLatin1String("amazon."), Qt::CaseInsensitive))
        return invalidValue(QStringLiteral("Message attribute name '%1' is invalid.").arg(n));
    const QString base = a.dataType.section(QLatin1Char('.'), 0, 0);
    if (base != QLatin1String("String") && base != QLatin1String("Number")
        && base != QLatin1String("Binary"))
        return invalidValue(
            QStringLiteral("The message attribute '%1' has an invalid message attribute type, "
                           "the set of supported type prefixes is Binary, Number, and String.")
                .arg(n));
    if (a.value.isEmpty())
        return invalidValue(
            QStringLiteral("The message attribute '%1' must contain non-empty message attribute "
                           "value for message attribute type '%2'.")
                .arg(n, base));
    if (base == QLatin1String("Number")) {
        static const QRegularExpression numberRe(
            QStringLiteral("^[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?$"));
        if (!numberRe.match(QString::fromUtf8(a.value)).hasMatch())
            return invalidValue(
                QStringLiteral("Can't cast the value of message (user) attribute '%1' to a "
                               "number.")
                    .arg(n));
    } else if (base == QLatin1String("String") && !validMessageText(a.value)) {
        return SqsError(SqsErrorCode::InvalidMessageContents,
                        QStringLiteral("Invalid characters found in message attribute '%1'.").arg(n));
    }
    return SqsError();
}

} // namespace

SqsQueueConfig SqsQueueConfig::fromSettings(const QVariantMap &s)
{
    SqsQueueConfig c;
    auto i = [&](const char *key, int def) {
        return s.value(QString::fromLatin1(key), def).toInt();
    };
    auto d = [&](const char *key, double def) {
        return s.value(QString::fromLatin1(key), def).toDouble();
    };
    auto b = [&](const char *key, bool def) {
        return s.value(QString::fromLatin1(key), def).toBool();
    };
    c.fifo = b("fifo", c.fifo);
    c.visibilityTimeout = i("visibilityTimeout", c.visibilityTimeout);
    c.messageRetentionPeriod = i("messageRetentionPeriod", c.messageRetentionPeriod);
    c.delaySeconds = i("delaySeconds", c.delaySeconds);
    c.receiveMessageWaitTimeSeconds = i("receiveMessageWaitTimeSeconds",
                                        c.receiveMessageWaitTimeSeconds);
    c.maximumMessageSize = i("maximumMessageSize", c.maximumMessageSize);
    c.contentBasedDeduplication = b("contentBasedDeduplication", c.contentBasedDeduplication);
    c.deduplicationScopeGroup = s.value(QStringLiteral("deduplicationScope")).toString()
                                == QLatin1String("messageGroup");
    c.throughputPerGroup = s.value(QStringLiteral("fifoThroughputLimit")).toString()
                           == QLatin1String("perMessageGroupId");
    c.maxReceiveCount = i("maxReceiveCount", c.maxReceiveCount);
    c.duplicateDeliveryProbability = d("duplicateDeliveryProbability",
                                       c.duplicateDeliveryProbability);
    c.outOfOrderProbability = d("outOfOrderProbability", c.outOfOrderProbability);
    c.shortPollEmptyProbability = d("shortPollEmptyProbability", c.shortPollEmptyProbability);
    c.shortPollSmallBacklog = i("shortPollSmallBacklog", c.shortPollSmallBacklog);
    c.inFlightLimit = i("inFlightLimit", c.inFlightLimit);
    c.fifoApiTps = i("fifoApiTps", c.fifoApiTps);
    c.highThroughputTps = i("highThroughputTps", c.highThroughputTps);
    c.oldHandleDeletes = b("oldHandleDeletes", c.oldHandleDeletes);
    c.visibilityCapFromFirstReceive = b("visibilityCapFromFirstReceive",
                                        c.visibilityCapFromFirstReceive);
    return c;
}

SqsError SqsQueue::validateSend(const SqsSendRequest &r, quint32 *size) const
{
    quint64 bytes = 0;
    if (!r.body.isEmpty()) {
        if (!validMessageText(r.body))
            return SqsError(SqsErrorCode::InvalidMessageContents,
                            QStringLiteral("Invalid characters found. Valid unicode characters "
                                           "are #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to "
                                           "#xFFFD | #x10000 to #x10FFFF"));
        bytes = quint64(r.body.size());
    } else if (r.bodySize > 0) {
        bytes = r.bodySize;
    } else {
        return SqsError(SqsErrorCode::MissingParameter,
                        QStringLiteral("The request must contain the parameter MessageBody."));
    }

    if (r.attributes.size() > 10)
        return invalidValue(QStringLiteral("Number of message attributes [%1] exceeds the "
                                           "allowed maximum [10].")
                                .arg(r.attributes.size()));
    for (std::size_t k = 0; k < r.attributes.size(); ++k) {
        const MessageAttribute &a = r.attributes[k];
        if (SqsError e = validateAttribute(a))
            return e;
        for (std::size_t j = 0; j < k; ++j) {
            if (r.attributes[j].name == a.name)
                return invalidValue(
                    QStringLiteral("Message attribute name '%1' is repeated.").arg(a.name));
        }
        bytes += quint64(a.name.toUtf8().size()) + quint64(a.dataType.toUtf8().size())
                 + quint64(a.value.size());
    }
    if (bytes > quint64(m_config.maximumMessageSize))
        return invalidValue(QStringLiteral("One or more parameters are invalid. Reason: Message "
                                           "must be shorter than %1 bytes.")
                                .arg(m_config.maximumMessageSize));

    if (r.delaySeconds >= 0) {
        if (m_config.fifo)
            return invalidValue(
                QStringLiteral("Value %1 for parameter DelaySeconds is invalid. Reason: The "
                               "request include parameter that is not valid for this queue "
                               "type.")
                    .arg(r.delaySeconds));
        if (r.delaySeconds > 900)
            return invalidValue(QStringLiteral("Value %1 for parameter DelaySeconds is invalid. "
                                               "Reason: must be between 0 and 900, if "
                                               "provided.")
                                    .arg(r.delaySeconds));
    }

    if (m_config.fifo) {
        if (r.messageGroupId.isEmpty())
            return SqsError(SqsErrorCode::MissingParameter,
                            QStringLiteral("The request must contain the parameter "
                                           "MessageGroupId."));
        if (!validFifoId(r.messageGroupId))
            return invalidValue(QStringLiteral("Value %1 for parameter MessageGroupId is invalid. "
                                               "Reason: MessageGroupId can only include "
                                               "alphanumeric and punctuation characters. 1 to "
                                               "128 in length.")
                                    .arg(r.messageGroupId));
        if (r.messageDeduplicationId.isEmpty() && !m_config.contentBasedDeduplication)
            return invalidValue(QStringLiteral("The queue should either have "
                                               "ContentBasedDeduplication enabled or "
                                               "MessageDeduplicationId provided explicitly"));
        if (!r.messageDeduplicationId.isEmpty() && !validFifoId(r.messageDeduplicationId))
            return invalidValue(
                QStringLiteral("Value %1 for parameter MessageDeduplicationId is invalid. "
                               "Reason: MessageDeduplicationId can only include alphanumeric "
                               "and punctuation characters. 1 to 128 in length.")
                    .arg(r.messageDeduplicationId));
    } else {
        if (!r.messageDeduplicationId.isEmpty())
            return invalidValue(QStringLiteral("The request include parameter "
                                               "MessageDeduplicationId which is not valid for "
                                               "this queue type"));
        // A MessageGroupId on a standard queue is accepted: fair queues (spec §1.10).
        if (!r.messageGroupId.isEmpty() && !validFifoId(r.messageGroupId))
            return invalidValue(QStringLiteral("Value %1 for parameter MessageGroupId is invalid. "
                                               "Reason: MessageGroupId can only include "
                                               "alphanumeric and punctuation characters. 1 to "
                                               "128 in length.")
                                    .arg(r.messageGroupId));
    }
    *size = quint32(bytes);
    return SqsError();
}

SqsError SqsQueue::checkBatchIds(const QStringList &ids)
{
    static const QRegularExpression idRe(QStringLiteral("^[A-Za-z0-9_\\-]{1,80}$"));
    if (ids.isEmpty())
        return SqsError(SqsErrorCode::EmptyBatchRequest,
                        QStringLiteral(
                            "There should be at least one RequestEntry in the request."));
    if (ids.size() > 10)
        return SqsError(SqsErrorCode::TooManyEntriesInBatchRequest,
                        QStringLiteral("Maximum number of entries per request are 10. You have "
                                       "sent %1.")
                            .arg(ids.size()));
    for (int k = 0; k < ids.size(); ++k) {
        if (!idRe.match(ids[k]).hasMatch())
            return SqsError(SqsErrorCode::InvalidBatchEntryId,
                            QStringLiteral("A batch entry id can only contain alphanumeric "
                                           "characters, hyphens and underscores. It can be at "
                                           "most 80 letters long."));
        for (int j = 0; j < k; ++j) {
            if (ids[j] == ids[k])
                return SqsError(SqsErrorCode::BatchEntryIdsNotDistinct,
                                QStringLiteral("Id %1 repeated.").arg(ids[k]));
        }
    }
    return SqsError();
}

SqsBatchResult SqsQueue::sendMessageBatch(const std::vector<SqsBatchEntry> &entries)
{
    SqsBatchResult result;
    QStringList ids;
    for (const SqsBatchEntry &e : entries)
        ids.append(e.id);
    result.error = checkBatchIds(ids);
    if (!result.error.ok())
        return result;
    quint64 total = 0;
    for (std::size_t k = 0; k < entries.size(); ++k) {
        const SqsSendRequest &r = entries[k].request;
        total += r.body.isEmpty() ? r.bodySize : quint64(r.body.size());
        for (const MessageAttribute &a : r.attributes)
            total += quint64(a.name.toUtf8().size() + a.dataType.toUtf8().size() + a.value.size());
    }
    if (total > 1048576) {
        result.error = SqsError(SqsErrorCode::BatchRequestTooLong,
                                QStringLiteral("Batch requests cannot be longer than 1048576 "
                                               "bytes. You have sent %1 bytes.")
                                    .arg(total));
        return result;
    }
    // One request against the throughput limit, for every group it carries.
    std::vector<quint32> groups;
    for (const SqsBatchEntry &e : entries)
        groups.push_back(engine().intern(e.request.messageGroupId));
    if (throttle(Action::Send, groups)) {
        result.error = SqsError(SqsErrorCode::RequestThrottled, QStringLiteral("Rate exceeded"));
        return result;
    }
    // Entries are enqueued in request order; each fails or succeeds on its own.
    for (const SqsBatchEntry &e : entries) {
        quint32 size = 0;
        SqsSendResult r;
        r.error = validateSend(e.request, &size);
        if (r.error.ok())
            r = enqueue(e.request, size);
        result.entries.emplace_back(e.id, r);
    }
    return result;
}

QString SqsQueue::receiptHandleText(const SqsReceiptHandle &h) const
{
    const quint64 mac = splitMix64(h.messageId ^ splitMix64(h.serial ^ m_handleKey)
                                   ^ quint64(h.queueNode));
    const QByteArray raw = QByteArray::number(h.queueNode) + ':' + QByteArray::number(h.messageId)
                           + ':' + QByteArray::number(h.serial) + ':' + QByteArray::number(mac, 16);
    return QStringLiteral("AQEB")
           + QString::fromLatin1(
               raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

SqsError SqsQueue::parseReceiptHandle(const QString &text, SqsReceiptHandle *out) const
{
    const SqsError invalid(SqsErrorCode::ReceiptHandleIsInvalid,
                           QStringLiteral("The input receipt handle \"%1\" is not a valid "
                                          "receipt handle.")
                               .arg(text));
    if (!text.startsWith(QLatin1String("AQEB")))
        return invalid;
    const auto decoded
        = QByteArray::fromBase64Encoding(text.mid(4).toLatin1(),
                                         QByteArray::Base64UrlEncoding
                                             | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return invalid;
    const QList<QByteArray> parts = decoded.decoded.split(':');
    if (parts.size() != 4)
        return invalid;
    bool ok1 = false, ok2 = false, ok3 = false, ok4 = false;
    SqsReceiptHandle h;
    h.queueNode = parts[0].toInt(&ok1);
    h.messageId = parts[1].toULongLong(&ok2);
    h.serial = parts[2].toULongLong(&ok3);
    const quint64 mac = parts[3].toULongLong(&ok4, 16);
    if (!ok1 || !ok2 || !ok3 || !ok4 || h.queueNode != id() || h.serial == 0
        || h.serial > m_receiveSerial || receiptHandleText(h) != text)
        return invalid;
    Q_UNUSED(mac)
    *out = h;
    return SqsError();
}

QString SqsQueue::sequenceNumberText(const Message &m)
{
    // 20 digits, increasing with the message id and so within every group.
    return QString::number(10000000000000000000ULL + m.id);
}

} // namespace flowlab
