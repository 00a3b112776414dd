// SqsService: the message actions (send, receive with long polls, delete, visibility).

#include "Engine.h"
#include "Simulation.h"
#include "SqsClientNode.h"
#include "SqsDigest.h"
#include "SqsService.h"
#include "SqsServiceWaiter.h"

#include <QJsonArray>
#include <QRegularExpression>

#include <map>

namespace flowlab {

namespace {

bool intValue(const QJsonValue &v, qint64 *out)
{
    if (v.isDouble()) {
        *out = qint64(v.toDouble());
        return v.toDouble() == double(*out);
    }
    if (v.isString()) {
        bool ok = false;
        *out = v.toString().trimmed().toLongLong(&ok);
        return ok;
    }
    return false;
}

/// An optional integer parameter: `def` when absent, false when present but not a number.
bool optionalInt(const QJsonObject &p, const char *key, qint64 def, qint64 *out)
{
    const QJsonValue v = p.value(QLatin1String(key));
    if (v.isUndefined() || v.isNull()) {
        *out = def;
        return true;
    }
    return intValue(v, out);
}

SqsError notANumber(const char *key)
{
    return SqsError(SqsErrorCode::InvalidParameterValue,
                    QStringLiteral("Value for parameter %1 is invalid. Reason: must be an "
                                   "integer.")
                        .arg(QLatin1String(key)));
}

SqsError batchIdsError(const QJsonArray &entries)
{
    QStringList ids;
    for (const QJsonValue &e : entries)
        ids.append(e.toObject().value(QStringLiteral("Id")).toString());
    return SqsQueue::checkBatchIds(ids);
}

QJsonObject failedEntry(const QString &id, const SqsError &e)
{
    const SqsErrorInfo &info = sqsErrorInfo(e.code);
    return QJsonObject{{QStringLiteral("Id"), id},
                       {QStringLiteral("SenderFault"), info.senderFault},
                       {QStringLiteral("Code"), QString::fromLatin1(info.queryCode)},
                       {QStringLiteral("Message"), e.message}};
}

bool nameWanted(const QString &name, const QStringList &wanted)
{
    for (const QString &w : wanted) {
        if (w == QLatin1String("All") || w == QLatin1String(".*") || w == name)
            return true;
        if (w.endsWith(QLatin1String(".*")) && name.startsWith(w.chopped(1)))
            return true;
    }
    return false;
}

} // namespace

SqsService::~SqsService()
{
    cancelAll();
}

void SqsService::cancelAll()
{
    if (m_waiter)
        m_waiter->clear();
}

void SqsService::dropLongPolls(int queueNode)
{
    if (!m_waiter)
        return;
    if (auto *q = dynamic_cast<SqsQueue *>(m_sim.simNode(queueNode)))
        q->cancelLongPolls(m_waiter.get());
    m_waiter->dropQueue(queueNode);
}

QString SqsService::messageIdText(quint64 id)
{
    // A UUID (version 4 layout) that is the same for the same message every time.
    const quint64 hi = splitMix64(id ^ 0x5157534D45535347ULL);
    const quint64 lo = splitMix64(hi ^ id);
    const QString hex
        = QStringLiteral("%1%2")
              .arg((hi & 0xFFFFFFFFFFFF0FFFULL) | 0x4000ULL, 16, 16, QLatin1Char('0'))
              .arg((lo & 0x3FFFFFFFFFFFFFFFULL) | 0x8000000000000000ULL, 16, 16, QLatin1Char('0'));
    return QStringLiteral("%1-%2-%3-%4-%5")
        .arg(hex.mid(0, 8), hex.mid(8, 4), hex.mid(12, 4), hex.mid(16, 4), hex.mid(20, 12));
}

SqsError SqsService::sendRequest(const QJsonObject &e,
                                 bool fifo,
                                 const QString &accessKey,
                                 SqsSendRequest *out) const
{
    Q_UNUSED(fifo)
    SqsSendRequest r;
    const QJsonValue body = e.value(QStringLiteral("MessageBody"));
    if (!body.isString())
        return SqsError(SqsErrorCode::MissingParameter,
                        QStringLiteral("The request must contain the parameter MessageBody."));
    r.body = body.toString().toUtf8();
    qint64 delay = -1;
    if (!optionalInt(e, "DelaySeconds", -1, &delay))
        return notANumber("DelaySeconds");
    r.delaySeconds = int(delay);
    const QJsonObject attrs = e.value(QStringLiteral("MessageAttributes")).toObject();
    for (auto it = attrs.begin(); it != attrs.end(); ++it) {
        const QJsonObject v = it.value().toObject();
        MessageAttribute a;
        a.name = it.key();
        a.dataType = v.value(QStringLiteral("DataType")).toString();
        if (a.dataType.isEmpty())
            return SqsError(SqsErrorCode::InvalidParameterValue,
                            QStringLiteral("The message attribute '%1' must contain non-empty "
                                           "message attribute type.")
                                .arg(a.name));
        if (a.dataType.startsWith(QLatin1String("Binary"))) {
            const auto decoded = QByteArray::fromBase64Encoding(
                v.value(QStringLiteral("BinaryValue")).toString().toLatin1(),
                QByteArray::AbortOnBase64DecodingErrors);
            if (!decoded)
                return SqsError(SqsErrorCode::InvalidParameterValue,
                                QStringLiteral("The message attribute '%1' has an invalid binary "
                                               "value.")
                                    .arg(a.name));
            a.value = decoded.decoded;
        } else {
            a.value = v.value(QStringLiteral("StringValue")).toString().toUtf8();
        }
        r.attributes.push_back(a);
    }
    const QJsonObject system = e.value(QStringLiteral("MessageSystemAttributes")).toObject();
    for (auto it = system.begin(); it != system.end(); ++it) {
        if (it.key() != QLatin1String("AWSTraceHeader"))
            return SqsError(SqsErrorCode::InvalidParameterValue,
                            QStringLiteral("Message system attribute name '%1' is invalid.")
                                .arg(it.key()));
        r.traceHeader = it.value().toObject().value(QStringLiteral("StringValue")).toString();
    }
    r.messageGroupId = e.value(QStringLiteral("MessageGroupId")).toString();
    r.messageDeduplicationId = e.value(QStringLiteral("MessageDeduplicationId")).toString();
    r.senderId = accessKey.isEmpty() ? QStringLiteral("AIDAFLOWLABLOCALCLIENT") : accessKey;
    *out = r;
    return SqsError();
}

QJsonObject SqsService::sendResult(const SqsSendRequest &r, const SqsSendResult &s) const
{
    QJsonObject o{{QStringLiteral("MessageId"), messageIdText(s.messageId)},
                  {QStringLiteral("MD5OfMessageBody"), SqsDigest::md5OfBody(r.body)}};
    if (!r.attributes.empty())
        o.insert(QStringLiteral("MD5OfMessageAttributes"), SqsDigest::md5OfAttributes(r.attributes));
    if (!r.traceHeader.isEmpty())
        o.insert(QStringLiteral("MD5OfMessageSystemAttributes"),
                 SqsDigest::md5OfAttributes({MessageAttribute{QStringLiteral("AWSTraceHeader"),
                                                              QStringLiteral("String"),
                                                              r.traceHeader.toUtf8()}}));
    if (!s.sequenceNumber.isEmpty())
        o.insert(QStringLiteral("SequenceNumber"), s.sequenceNumber);
    return o;
}

void SqsService::sendMessage(const QJsonObject &p, const QString &accessKey, const Reply &reply)
{
    SqsError e;
    SqsQueue *q = queueFor(p, &e);
    if (!q)
        return reply(e, {});
    SqsSendRequest r;
    e = sendRequest(p, q->isFifo(), accessKey, &r);
    if (!e.ok())
        return reply(e, {});
    SqsClientNode *client = clientFor(accessKey);
    if (client) {
        client->noteRequest();
        r.senderNode = client->id(); // its token leaves from the client's node
    }
    const SqsSendResult s = q->sendMessage(r);
    if (!s.error.ok())
        return reply(s.error, {});
    if (client) {
        client->noteSent(1);
        linkClient(client->id(), q->id());
    }
    reply(SqsError(), sendResult(r, s));
}

void SqsService::sendMessageBatch(const QJsonObject &p, const QString &accessKey, const Reply &reply)
{
    SqsError e;
    SqsQueue *q = queueFor(p, &e);
    if (!q)
        return reply(e, {});
    const QJsonArray entries = p.value(QStringLiteral("Entries")).toArray();
    if (SqsError ids = batchIdsError(entries); !ids.ok())
        return reply(ids, {});
    SqsClientNode *client = clientFor(accessKey);
    if (client)
        client->noteRequest();
    std::vector<SqsBatchEntry> batch;
    QJsonArray failed;
    for (const QJsonValue &v : entries) {
        const QJsonObject entry = v.toObject();
        SqsBatchEntry b;
        b.id = entry.value(QStringLiteral("Id")).toString();
        const SqsError parse = sendRequest(entry, q->isFifo(), accessKey, &b.request);
        if (!parse.ok()) {
            failed.append(failedEntry(b.id, parse));
            continue;
        }
        if (client)
            b.request.senderNode = client->id();
        batch.push_back(b);
    }
    QJsonArray successful;
    if (!batch.empty()) {
        const SqsBatchResult r = q->sendMessageBatch(batch);
        if (!r.error.ok())
            return reply(r.error, {});
        for (std::size_t i = 0; i < r.entries.size(); ++i) {
            const auto &[id, result] = r.entries[i];
            if (result.error.ok()) {
                QJsonObject o = sendResult(batch[i].request, result);
                o.insert(QStringLiteral("Id"), id);
                successful.append(o);
            } else {
                failed.append(failedEntry(id, result.error));
            }
        }
    }
    if (client && !successful.isEmpty()) {
        client->noteSent(int(successful.size()));
        linkClient(client->id(), q->id());
    }
    reply(SqsError(),
          QJsonObject{{QStringLiteral("Successful"), successful},
                      {QStringLiteral("Failed"), failed}});
}

QJsonObject SqsService::messageJson(SqsQueue &queue,
                                    const SqsReceivedMessage &r,
                                    const QJsonObject &params) const
{
    const Message &m = r.message;
    const Payload *payload = m_sim.engine().payloads().get(m.payload);
    // A simulated message has no body: a client sees a small JSON document about it.
    const Node *sender = m_sim.diagram().node(m.senderNode);
    const QByteArray body = payload && !payload->body.isEmpty()
                                ? payload->body
                                : QByteArray("{\"simulated\":true,\"sizeBytes\":")
                                      + QByteArray::number(m.size) + ",\"sender\":\""
                                      + (sender ? sender->name.toUtf8() : QByteArray()) + "\"}";
    QJsonObject o{{QStringLiteral("MessageId"), messageIdText(m.id)},
                  {QStringLiteral("ReceiptHandle"), queue.receiptHandleText(r.handle)},
                  {QStringLiteral("MD5OfBody"), SqsDigest::md5OfBody(body)},
                  {QStringLiteral("Body"), QString::fromUtf8(body)}};

    QStringList systemWanted;
    for (const char *key : {"AttributeNames", "MessageSystemAttributeNames"}) {
        for (const QJsonValue &v : params.value(QLatin1String(key)).toArray())
            systemWanted.append(v.toString());
    }
    if (!systemWanted.isEmpty()) {
        QJsonObject attrs;
        auto add = [&](const QString &name, const QString &value) {
            if (!value.isEmpty() && nameWanted(name, systemWanted))
                attrs.insert(name, value);
        };
        add(QStringLiteral("SenderId"),
            payload && !payload->senderId.isEmpty() ? payload->senderId
                                                    : QStringLiteral("AIDAFLOWLABSIMULATED"));
        add(QStringLiteral("SentTimestamp"),
            QString::number(m_epochOffsetMs + m.sentAt / kMillisecond));
        add(QStringLiteral("ApproximateReceiveCount"), QString::number(m.receiveCount));
        add(QStringLiteral("ApproximateFirstReceiveTimestamp"),
            QString::number(m_epochOffsetMs + m.firstReceiveAt / kMillisecond));
        if (queue.isFifo()) {
            add(QStringLiteral("MessageGroupId"), m_sim.engine().internedString(m.group));
            if (payload)
                add(QStringLiteral("MessageDeduplicationId"), payload->deduplicationId);
            add(QStringLiteral("SequenceNumber"), SqsQueue::sequenceNumberText(m));
        } else if (m.group) {
            add(QStringLiteral("MessageGroupId"), m_sim.engine().internedString(m.group));
        }
        if (payload)
            add(QStringLiteral("AWSTraceHeader"), payload->traceHeader);
        if (!attrs.isEmpty())
            o.insert(QStringLiteral("Attributes"), attrs);
    }

    QStringList userWanted;
    for (const QJsonValue &v : params.value(QStringLiteral("MessageAttributeNames")).toArray())
        userWanted.append(v.toString());
    if (payload && !payload->attributes.empty() && !userWanted.isEmpty()) {
        std::vector<MessageAttribute> returned;
        QJsonObject attrs;
        for (const MessageAttribute &a : payload->attributes) {
            if (!nameWanted(a.name, userWanted))
                continue;
            returned.push_back(a);
            QJsonObject value{{QStringLiteral("DataType"), a.dataType}};
            if (a.dataType.startsWith(QLatin1String("Binary")))
                value.insert(QStringLiteral("BinaryValue"), QString::fromLatin1(a.value.toBase64()));
            else
                value.insert(QStringLiteral("StringValue"), QString::fromUtf8(a.value));
            attrs.insert(a.name, value);
        }
        if (!returned.empty()) {
            // Over the attributes actually returned (spec §6.4).
            o.insert(QStringLiteral("MD5OfMessageAttributes"), SqsDigest::md5OfAttributes(returned));
            o.insert(QStringLiteral("MessageAttributes"), attrs);
        }
    }
    return o;
}

void SqsService::receiveMessage(const QJsonObject &p, const QString &accessKey, const Reply &reply)
{
    SqsError e;
    SqsQueue *q = queueFor(p, &e);
    if (!q)
        return reply(e, {});
    qint64 max = 1, wait = -1, visibility = -1;
    if (!optionalInt(p, "MaxNumberOfMessages", 1, &max))
        return reply(notANumber("MaxNumberOfMessages"), {});
    if (!optionalInt(p, "WaitTimeSeconds", -1, &wait))
        return reply(notANumber("WaitTimeSeconds"), {});
    if (!optionalInt(p, "VisibilityTimeout", -1, &visibility))
        return reply(notANumber("VisibilityTimeout"), {});
    // An explicit negative value is out of range, not "use the queue's".
    if ((p.contains(QStringLiteral("WaitTimeSeconds")) && wait < 0)
        || (p.contains(QStringLiteral("VisibilityTimeout")) && visibility < 0)) {
        const char *which = wait < 0 && p.contains(QStringLiteral("WaitTimeSeconds"))
                                ? "WaitTimeSeconds"
                                : "VisibilityTimeout";
        return reply(SqsError(SqsErrorCode::InvalidParameterValue,
                              QStringLiteral("Value for parameter %1 is invalid. Reason: must be "
                                             ">= 0.")
                                  .arg(QLatin1String(which))),
                     {});
    }
    SqsReceiveRequest req;
    req.maxNumberOfMessages = int(std::clamp<qint64>(max, -1, 1000));
    req.waitTimeSeconds = int(std::clamp<qint64>(wait, -1, 1000));
    req.visibilityTimeout = int(std::clamp<qint64>(visibility, -1, 100000));
    SqsClientNode *client = clientFor(accessKey);
    if (client) {
        client->noteRequest();
        req.receiverNode = client->id(); // its tokens go to the client's node
        linkClient(q->id(), client->id());
    }
    if (!m_waiter)
        m_waiter = std::make_unique<Waiter>(*this);
    const quint64 token = m_waiter->add(Waiter::Pending{q->id(), req.receiverNode, p, reply});
    SqsReceiveResult r = q->receiveMessage(req, m_waiter.get(), token);
    if (r.waiting)
        return; // answered later by Waiter::longPollFinished
    m_waiter->forget(token);
    if (!r.error.ok())
        return reply(r.error, {});
    if (client)
        client->noteReceived(int(r.messages.size()));
    QJsonArray list;
    for (const SqsReceivedMessage &m : r.messages)
        list.append(messageJson(*q, m, p));
    QJsonObject result;
    if (!list.isEmpty())
        result.insert(QStringLiteral("Messages"), list);
    reply(SqsError(), result);
}

void SqsService::deleteMessage(const QJsonObject &p, const QString &accessKey, const Reply &reply)
{
    SqsError e;
    SqsQueue *q = queueFor(p, &e);
    if (!q)
        return reply(e, {});
    SqsReceiptHandle h;
    e = q->parseReceiptHandle(p.value(QStringLiteral("ReceiptHandle")).toString(), &h);
    if (e.ok())
        e = q->deleteMessage(h);
    if (SqsClientNode *client = clientFor(accessKey)) {
        client->noteRequest();
        client->noteDeleted(e.ok() ? 1 : 0);
    }
    reply(e, {});
}

int SqsService::forEachEntry(const QJsonObject &p, const Reply &reply, const EntryAction &apply)
{
    SqsError e;
    SqsQueue *q = queueFor(p, &e);
    if (!q) {
        reply(e, {});
        return 0;
    }
    const QJsonArray entries = p.value(QStringLiteral("Entries")).toArray();
    if (SqsError ids = batchIdsError(entries); !ids.ok()) {
        reply(ids, {});
        return 0;
    }
    // Each entry succeeds or fails on its own (HTTP 200 either way).
    QJsonArray successful, failed;
    for (const QJsonValue &v : entries) {
        const QJsonObject entry = v.toObject();
        const QString id = entry.value(QStringLiteral("Id")).toString();
        SqsReceiptHandle h;
        SqsError r = q->parseReceiptHandle(entry.value(QStringLiteral("ReceiptHandle")).toString(),
                                           &h);
        if (r.ok())
            r = apply(*q, h, entry);
        if (r.ok())
            successful.append(QJsonObject{{QStringLiteral("Id"), id}});
        else
            failed.append(failedEntry(id, r));
    }
    reply(SqsError(),
          QJsonObject{{QStringLiteral("Successful"), successful},
                      {QStringLiteral("Failed"), failed}});
    return int(successful.size());
}

void SqsService::deleteMessageBatch(const QJsonObject &p,
                                    const QString &accessKey,
                                    const Reply &reply)
{
    const int deleted
        = forEachEntry(p, reply, [](SqsQueue &q, const SqsReceiptHandle &h, const QJsonObject &) {
              return q.deleteMessage(h);
          });
    if (SqsClientNode *client = clientFor(accessKey)) {
        client->noteRequest();
        client->noteDeleted(deleted);
    }
}

void SqsService::changeVisibility(const QJsonObject &p, const Reply &reply)
{
    SqsError e;
    SqsQueue *q = queueFor(p, &e);
    if (!q)
        return reply(e, {});
    qint64 timeout = 0;
    if (!p.contains(QStringLiteral("VisibilityTimeout")))
        return reply(SqsError(SqsErrorCode::MissingParameter,
                              QStringLiteral("The request must contain the parameter "
                                             "VisibilityTimeout.")),
                     {});
    if (!intValue(p.value(QStringLiteral("VisibilityTimeout")), &timeout))
        return reply(notANumber("VisibilityTimeout"), {});
    SqsReceiptHandle h;
    e = q->parseReceiptHandle(p.value(QStringLiteral("ReceiptHandle")).toString(), &h);
    if (e.ok())
        e = q->changeMessageVisibility(h, int(std::clamp<qint64>(timeout, -1, 100000)));
    reply(e, {});
}

void SqsService::changeVisibilityBatch(const QJsonObject &p, const Reply &reply)
{
    forEachEntry(p, reply, [](SqsQueue &q, const SqsReceiptHandle &h, const QJsonObject &entry) {
        qint64 timeout = 0;
        if (!intValue(entry.value(QStringLiteral("VisibilityTimeout")), &timeout))
            return notANumber("VisibilityTimeout");
        return q.changeMessageVisibility(h, int(std::clamp<qint64>(timeout, -1, 100000)));
    });
}

} // namespace flowlab
