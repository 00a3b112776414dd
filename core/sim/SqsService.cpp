// SqsService: queue management (create, look up, list, delete, attributes, tags, dead-letter
// sources). Message actions are in SqsServiceMessages.cpp.

#include "SqsService.h"

#include "Simulation.h"
#include "SqsClientNode.h"
#include "SqsServiceWaiter.h"
#include "model/PropertySchema.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QUrl>

#include <algorithm>

namespace flowlab {

namespace {

SqsError missing(const QString &name)
{
    return SqsError(SqsErrorCode::MissingParameter,
                    QStringLiteral("The request must contain the parameter %1.").arg(name));
}

SqsError noSuchQueue()
{
    return SqsError(SqsErrorCode::QueueDoesNotExist,
                    QStringLiteral("The specified queue does not exist."));
}

SqsError invalidAttributeValue(const QString &name)
{
    return SqsError(SqsErrorCode::InvalidAttributeValue,
                    QStringLiteral("Invalid value for the parameter %1.").arg(name));
}

bool validQueueName(const QString &name)
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z0-9_-]{1,80}$"));
    QString base = name;
    if (base.endsWith(QLatin1String(".fifo")))
        base.chop(5);
    return name.size() <= 80 && re.match(base).hasMatch();
}

/// An integer given as a JSON number or a decimal string; false when not one.
bool intValue(const QJsonValue &v, qint64 *out)
{
    if (v.isDouble()) {
        const double d = v.toDouble();
        if (d != std::floor(d))
            return false;
        *out = qint64(d);
        return true;
    }
    if (v.isString()) {
        bool ok = false;
        *out = v.toString().trimmed().toLongLong(&ok);
        return ok;
    }
    return false;
}

QString text(const QJsonValue &v)
{
    if (v.isString())
        return v.toString();
    if (v.isBool())
        return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    if (v.isDouble())
        return QString::number(qint64(v.toDouble()));
    return QString();
}

struct IntAttribute
{
    const char *name;
    const char *setting;
    qint64 min;
    qint64 max;
};

const IntAttribute kIntAttributes[] = {
    {"DelaySeconds", "delaySeconds", 0, 900},
    {"MaximumMessageSize", "maximumMessageSize", 1024, 1048576},
    {"MessageRetentionPeriod", "messageRetentionPeriod", 60, 1209600},
    {"ReceiveMessageWaitTimeSeconds", "receiveMessageWaitTimeSeconds", 0, 20},
    {"VisibilityTimeout", "visibilityTimeout", 0, 43200},
};

// Attributes SQS keeps that the simulation does not act on.
const char *const kStoredAttributes[] = {"Policy",
                                         "RedriveAllowPolicy",
                                         "KmsMasterKeyId",
                                         "KmsDataKeyReusePeriodSeconds",
                                         "SqsManagedSseEnabled"};

const char *const kReadOnlyAttributes[] = {"ApproximateNumberOfMessages",
                                           "ApproximateNumberOfMessagesNotVisible",
                                           "ApproximateNumberOfMessagesDelayed",
                                           "CreatedTimestamp",
                                           "LastModifiedTimestamp",
                                           "QueueArn"};

} // namespace

SqsService::SqsService(Simulation &simulation, QString region, QString account)
    : m_sim(simulation)
    , m_region(std::move(region))
    , m_account(std::move(account))
{
    // The diagram's queues are there from the start.
    for (const Node &n : m_sim.diagram().nodes) {
        if (n.kind == NodeKind::SqsQueue && validQueueName(n.name))
            m_meta.insert(n.name, QueueMeta());
    }
}

qint64 SqsService::epochMs() const
{
    return m_epochOffsetMs + m_sim.now() / kMillisecond;
}

QString SqsService::queueUrl(const QString &host, const QString &name) const
{
    return QStringLiteral("http://%1/%2/%3").arg(host, m_account, name);
}

QString SqsService::queueArn(const QString &name) const
{
    return QStringLiteral("arn:aws:sqs:%1:%2:%3").arg(m_region, m_account, name);
}

int SqsService::queueNode(const QString &name) const
{
    for (const Node &n : m_sim.diagram().nodes) {
        if (n.kind == NodeKind::SqsQueue && n.name == name)
            return n.id;
    }
    return 0;
}

QString SqsService::nameFromUrl(const QString &url) const
{
    // http://host/<account>/<name>, https://sqs.<region>.amazonaws.com/<account>/<name>,
    // /queue/<region>/<account>/<name>: clients treat the URL as opaque; the name is last.
    const QString path = QUrl(url).path();
    const QString trimmed = path.endsWith(QLatin1Char('/')) ? path.chopped(1) : path;
    return trimmed.section(QLatin1Char('/'), -1);
}

SqsQueue *SqsService::queueFor(const QJsonObject &p, SqsError *error, QString *name)
{
    const QString url = p.value(QStringLiteral("QueueUrl")).toString();
    if (url.isEmpty()) {
        *error = missing(QStringLiteral("QueueUrl"));
        return nullptr;
    }
    const QString queueName = nameFromUrl(url);
    const int id = m_meta.contains(queueName) ? queueNode(queueName) : 0;
    auto *queue = id ? dynamic_cast<SqsQueue *>(m_sim.simNode(id)) : nullptr;
    if (!queue) {
        *error = noSuchQueue();
        return nullptr;
    }
    if (name)
        *name = queueName;
    return queue;
}

void SqsService::call(const QString &action,
                      const QJsonObject &p,
                      const QString &host,
                      const QString &accessKey,
                      Reply reply)
{
    if (action == QLatin1String("CreateQueue"))
        createQueue(p, host, reply);
    else if (action == QLatin1String("GetQueueUrl")) {
        const QString name = p.value(QStringLiteral("QueueName")).toString();
        if (name.isEmpty())
            return reply(missing(QStringLiteral("QueueName")), {});
        if (!m_meta.contains(name) || !queueNode(name))
            return reply(noSuchQueue(), {});
        reply(SqsError(), QJsonObject{{QStringLiteral("QueueUrl"), queueUrl(host, name)}});
    } else if (action == QLatin1String("ListQueues"))
        listQueues(p, host, reply);
    else if (action == QLatin1String("DeleteQueue"))
        deleteQueue(p, reply);
    else if (action == QLatin1String("GetQueueAttributes"))
        getQueueAttributes(p, reply);
    else if (action == QLatin1String("SetQueueAttributes"))
        setQueueAttributes(p, reply);
    else if (action == QLatin1String("SendMessage"))
        sendMessage(p, accessKey, reply);
    else if (action == QLatin1String("SendMessageBatch"))
        sendMessageBatch(p, accessKey, reply);
    else if (action == QLatin1String("ReceiveMessage"))
        receiveMessage(p, accessKey, reply);
    else if (action == QLatin1String("DeleteMessage"))
        deleteMessage(p, accessKey, reply);
    else if (action == QLatin1String("DeleteMessageBatch"))
        deleteMessageBatch(p, accessKey, reply);
    else if (action == QLatin1String("ChangeMessageVisibility"))
        changeVisibility(p, reply);
    else if (action == QLatin1String("ChangeMessageVisibilityBatch"))
        changeVisibilityBatch(p, reply);
    else if (action == QLatin1String("PurgeQueue")) {
        SqsError e;
        SqsQueue *q = queueFor(p, &e);
        if (q)
            e = q->purge();
        reply(e, {});
    } else if (action == QLatin1String("ListDeadLetterSourceQueues"))
        listDeadLetterSources(p, host, reply);
    else if (action == QLatin1String("TagQueue"))
        tagQueue(p, reply);
    else if (action == QLatin1String("UntagQueue"))
        untagQueue(p, reply);
    else if (action == QLatin1String("ListQueueTags"))
        listQueueTags(p, reply);
    else
        reply(SqsError(SqsErrorCode::InvalidAction,
                       QStringLiteral("The action %1 is not valid for this endpoint.").arg(action)),
              {});
}

SqsError SqsService::applyAttributes(
    int nodeId, const QString &name, const QJsonObject &attrs, bool creating, bool fifo)
{
    // Check every attribute before changing anything: a refused request changes nothing.
    QVariantMap settings;
    QMap<QString, QString> stored;
    bool haveRedrive = false;
    QString dlqName;
    qint64 maxReceiveCount = 0;
    for (auto it = attrs.begin(); it != attrs.end(); ++it) {
        const QString key = it.key();
        const QString value = text(it.value());
        bool known = false;
        for (const IntAttribute &a : kIntAttributes) {
            if (key == QLatin1String(a.name)) {
                known = true;
                qint64 n = 0;
                if (!intValue(QJsonValue(value), &n) || n < a.min || n > a.max)
                    return invalidAttributeValue(key);
                settings.insert(QString::fromLatin1(a.setting), n);
            }
        }
        if (known)
            continue;
        if (key == QLatin1String("FifoQueue")) {
            if (!creating)
                return SqsError(SqsErrorCode::InvalidAttributeName,
                                QStringLiteral("Unknown Attribute FifoQueue."));
            if (value != QLatin1String("true") && value != QLatin1String("false"))
                return invalidAttributeValue(key);
        } else if (key == QLatin1String("ContentBasedDeduplication")) {
            if (!fifo)
                return invalidAttributeValue(key);
            if (value != QLatin1String("true") && value != QLatin1String("false"))
                return invalidAttributeValue(key);
            settings.insert(QStringLiteral("contentBasedDeduplication"),
                            value == QLatin1String("true"));
        } else if (key == QLatin1String("DeduplicationScope")) {
            if (!fifo || (value != QLatin1String("queue") && value != QLatin1String("messageGroup")))
                return invalidAttributeValue(key);
            settings.insert(QStringLiteral("deduplicationScope"), value);
        } else if (key == QLatin1String("FifoThroughputLimit")) {
            if (!fifo
                || (value != QLatin1String("perQueue")
                    && value != QLatin1String("perMessageGroupId")))
                return invalidAttributeValue(key);
            settings.insert(QStringLiteral("fifoThroughputLimit"), value);
        } else if (key == QLatin1String("RedrivePolicy")) {
            haveRedrive = true;
            if (value.isEmpty())
                continue; // removes the policy
            const QJsonObject policy = QJsonDocument::fromJson(value.toUtf8()).object();
            const QString arn = policy.value(QStringLiteral("deadLetterTargetArn")).toString();
            if (arn.isEmpty()
                || !intValue(policy.value(QStringLiteral("maxReceiveCount")), &maxReceiveCount)
                || maxReceiveCount < 1 || maxReceiveCount > 1000)
                return SqsError(SqsErrorCode::InvalidParameterValue,
                                QStringLiteral("Value %1 for parameter RedrivePolicy is invalid. "
                                               "Reason: Redrive policy is not a valid JSON map "
                                               "with deadLetterTargetArn and maxReceiveCount.")
                                    .arg(value));
            dlqName = arn.section(QLatin1Char(':'), -1);
            const int dlqId = m_meta.contains(dlqName) ? queueNode(dlqName) : 0;
            if (!dlqId)
                return SqsError(SqsErrorCode::QueueDoesNotExist,
                                QStringLiteral("Value %1 for parameter RedrivePolicy is invalid. "
                                               "Reason: Dead letter target does not exist.")
                                    .arg(value));
            const bool dlqFifo
                = m_sim.diagram().node(dlqId)->setting(QStringLiteral("fifo")).toBool();
            if (dlqFifo != fifo)
                return SqsError(SqsErrorCode::InvalidParameterCombination,
                                QStringLiteral("Value %1 for parameter RedrivePolicy is invalid. "
                                               "Reason: Dead-letter target must be the same "
                                               "type of queue (FIFO or standard) as the source.")
                                    .arg(value));
            if (dlqName == name)
                return invalidAttributeValue(key);
        } else if (std::any_of(std::begin(kStoredAttributes),
                               std::end(kStoredAttributes),
                               [&](const char *n) { return key == QLatin1String(n); })) {
            stored.insert(key, value);
        } else {
            return SqsError(SqsErrorCode::InvalidAttributeName,
                            QStringLiteral("Unknown Attribute %1.").arg(key));
        }
    }
    if (settings.value(QStringLiteral("fifoThroughputLimit")) == QStringLiteral("perMessageGroupId")
        && settings.value(QStringLiteral("deduplicationScope"),
                          m_sim.diagram().node(nodeId)->setting(
                              QStringLiteral("deduplicationScope")))
               != QStringLiteral("messageGroup"))
        return SqsError(SqsErrorCode::InvalidParameterValue,
                        QStringLiteral("The specified FifoThroughputLimit perMessageGroupId is "
                                       "only valid with DeduplicationScope messageGroup."));

    for (auto it = settings.cbegin(); it != settings.cend(); ++it) {
        QString why;
        if (!m_sim.setNodeSetting(nodeId, it.key(), it.value(), &why))
            return SqsError(SqsErrorCode::InvalidAttributeValue, why);
    }
    QueueMeta &meta = m_meta[name];
    for (auto it = stored.cbegin(); it != stored.cend(); ++it)
        meta.stored.insert(it.key(), it.value());
    if (haveRedrive) {
        for (const Link &l : m_sim.diagram().links) {
            if (l.from == nodeId && l.kind == LinkKind::DeadLetter) {
                m_sim.removeLink(l.id);
                break;
            }
        }
        if (!dlqName.isEmpty()) {
            m_sim.setNodeSetting(nodeId, QStringLiteral("maxReceiveCount"), maxReceiveCount);
            Link link;
            link.id = m_sim.diagram().nextEndpointId();
            link.from = nodeId;
            link.to = queueNode(dlqName);
            link.kind = LinkKind::DeadLetter;
            QString why;
            if (!m_sim.addLink(link, &why))
                return SqsError(SqsErrorCode::InvalidParameterValue, why);
        }
    }
    if (!attrs.isEmpty())
        meta.modifiedMs = epochMs();
    return SqsError();
}

void SqsService::createQueue(const QJsonObject &p, const QString &host, const Reply &reply)
{
    const QString name = p.value(QStringLiteral("QueueName")).toString();
    if (name.isEmpty())
        return reply(missing(QStringLiteral("QueueName")), {});
    if (!validQueueName(name))
        return reply(SqsError(SqsErrorCode::InvalidParameterValue,
                              QStringLiteral("Can only include alphanumeric characters, hyphens, "
                                             "or underscores. 1 to 80 in length")),
                     {});
    const QJsonObject attrs = p.value(QStringLiteral("Attributes")).toObject();
    const bool fifo = text(attrs.value(QStringLiteral("FifoQueue"))) == QLatin1String("true");
    if (fifo != name.endsWith(QLatin1String(".fifo")))
        return reply(SqsError(SqsErrorCode::InvalidParameterValue,
                              fifo ? QStringLiteral("The name of a FIFO queue can only include "
                                                    "alphanumeric characters, hyphens, or "
                                                    "underscores, must end with .fifo suffix and "
                                                    "be 1 to 80 in length.")
                                   : QStringLiteral("Can only include alphanumeric characters, "
                                                    "hyphens, or underscores. 1 to 80 in length")),
                     {});
    const QJsonObject tags = p.value(QStringLiteral("tags")).toObject();

    if (m_meta.contains(name) && queueNode(name)) {
        // Idempotent with the same attributes; QueueNameExists otherwise.
        SqsError e;
        const QJsonObject current = attributesOf(name, {QStringLiteral("All")}, &e);
        for (auto it = attrs.begin(); it != attrs.end(); ++it) {
            const QString have = it.key() == QLatin1String("FifoQueue")
                                     ? (name.endsWith(QLatin1String(".fifo"))
                                            ? QStringLiteral("true")
                                            : QStringLiteral("false"))
                                     : current.value(it.key()).toString();
            if (have != text(it.value()))
                return reply(SqsError(SqsErrorCode::QueueNameExists,
                                      QStringLiteral("A queue already exists with the same name "
                                                     "and a different value for attribute %1")
                                          .arg(it.key())),
                             {});
        }
        return reply(SqsError(), QJsonObject{{QStringLiteral("QueueUrl"), queueUrl(host, name)}});
    }
    const auto deleted = m_deletedAtMs.constFind(name);
    if (deleted != m_deletedAtMs.constEnd() && epochMs() - *deleted < 60000)
        return reply(SqsError(SqsErrorCode::QueueDeletedRecently,
                              QStringLiteral("You must wait 60 seconds after deleting a queue "
                                             "before you can create another with the same "
                                             "name.")),
                     {});

    Node n;
    n.id = m_sim.diagram().nextEndpointId();
    n.kind = NodeKind::SqsQueue;
    n.name = name;
    // Clients' queues stand in a row under the diagram's own nodes, right of the clients.
    int queues = 0;
    for (const Node &other : m_sim.diagram().nodes)
        queues += other.id >= Diagram::kEndpointIdBase && other.kind == NodeKind::SqsQueue;
    n.position = clientsRow() + QPointF(300.0 + 260.0 * queues, 0);
    n.settings.insert(QStringLiteral("fifo"), fifo);
    // A client's queue behaves as AWS documents it, without the simulator's random knobs:
    // no duplicate deliveries, and short polls find every visible message (up to the number
    // asked for) rather than only those on the servers sampled.
    n.settings.insert(QStringLiteral("duplicateDeliveryProbability"), 0.0);
    n.settings.insert(QStringLiteral("shortPollEmptyProbability"), 0.0);
    n.settings.insert(QStringLiteral("shortPollSmallBacklog"), 0);
    QString why;
    if (!m_sim.addNode(n, &why))
        return reply(SqsError(SqsErrorCode::InternalFailure, why), {});
    m_meta.insert(name, QueueMeta{epochMs(), epochMs(), {}, {}});
    const SqsError e = applyAttributes(n.id, name, attrs, true, fifo);
    if (!e.ok()) {
        m_sim.removeNode(n.id);
        m_meta.remove(name);
        return reply(e, {});
    }
    for (auto it = tags.begin(); it != tags.end(); ++it)
        m_meta[name].tags.insert(it.key(), it.value().toString());
    m_meta[name].modifiedMs = m_meta[name].createdMs;
    reply(SqsError(), QJsonObject{{QStringLiteral("QueueUrl"), queueUrl(host, name)}});
}

QPointF SqsService::clientsRow() const
{
    // Left-aligned with the diagram's own nodes (the person's ids), a row below them.
    qreal left = 0;
    qreal bottom = -180;
    bool first = true;
    for (const Node &n : m_sim.diagram().nodes) {
        if (n.id >= Diagram::kEndpointIdBase)
            continue;
        left = first ? n.position.x() : std::min(left, n.position.x());
        bottom = first ? n.position.y() : std::max(bottom, n.position.y());
        first = false;
    }
    return QPointF(left, bottom + 180);
}

SqsClientNode *SqsService::clientFor(const QString &accessKey)
{
    const QString name = accessKey.isEmpty() ? QStringLiteral("anonymous client") : accessKey;
    const Diagram &d = m_sim.diagram();
    bool nameTaken = false;
    int clients = 0;
    for (const Node &n : d.nodes) {
        if (n.kind == NodeKind::SqsClient) {
            if (n.name == name || n.name == name + QStringLiteral(" (client)"))
                return clientNode(n.id);
            ++clients;
        }
        nameTaken = nameTaken || n.name == name;
    }
    Node n;
    n.id = d.nextEndpointId();
    n.kind = NodeKind::SqsClient;
    n.name = nameTaken ? name + QStringLiteral(" (client)") : name;
    n.position = clientsRow() + QPointF(0, 160.0 * clients); // clients stack downwards
    if (!m_sim.addNode(n))
        return nullptr;
    return clientNode(n.id);
}

SqsClientNode *SqsService::clientNode(int nodeId) const
{
    return dynamic_cast<SqsClientNode *>(m_sim.simNode(nodeId));
}

void SqsService::linkClient(int from, int to)
{
    const Diagram &d = m_sim.diagram();
    for (const Link &l : d.links) {
        if (l.from == from && l.to == to)
            return;
    }
    Link link;
    link.id = d.nextEndpointId();
    link.from = from;
    link.to = to;
    link.kind = LinkKind::Flow;
    m_sim.addLink(link);
}

void SqsService::deleteQueue(const QJsonObject &p, const Reply &reply)
{
    SqsError e;
    QString name;
    SqsQueue *q = queueFor(p, &e, &name);
    if (!q)
        return reply(e, {});
    const int id = q->id();
    dropLongPolls(id); // its waiting receives end empty
    m_sim.removeNode(id);
    m_meta.remove(name);
    m_deletedAtMs.insert(name, epochMs());
    reply(SqsError(), {});
}

void SqsService::listQueues(const QJsonObject &p, const QString &host, const Reply &reply)
{
    const QString prefix = p.value(QStringLiteral("QueueNamePrefix")).toString();
    qint64 max = 1000;
    const bool paged = p.contains(QStringLiteral("MaxResults"));
    if (paged && (!intValue(p.value(QStringLiteral("MaxResults")), &max) || max < 1 || max > 1000))
        return reply(SqsError(SqsErrorCode::InvalidParameterValue,
                              QStringLiteral("Value for parameter MaxResults is invalid. Reason: "
                                             "MaxResults must be an integer between 1 and 1000.")),
                     {});
    const QString after = QString::fromUtf8(
        QByteArray::fromBase64(p.value(QStringLiteral("NextToken")).toString().toLatin1()));
    QStringList names;
    for (auto it = m_meta.cbegin(); it != m_meta.cend(); ++it) {
        if (it.key().startsWith(prefix) && queueNode(it.key())
            && (after.isEmpty() || it.key() > after))
            names.append(it.key());
    }
    std::sort(names.begin(), names.end());
    QJsonArray urls;
    for (int i = 0; i < names.size() && i < max; ++i)
        urls.append(queueUrl(host, names[i]));
    QJsonObject result;
    if (!urls.isEmpty())
        result.insert(QStringLiteral("QueueUrls"), urls);
    if (paged && names.size() > max)
        result.insert(QStringLiteral("NextToken"),
                      QString::fromLatin1(names[int(max) - 1].toUtf8().toBase64()));
    reply(SqsError(), result);
}

QJsonObject SqsService::attributesOf(const QString &name, const QStringList &wanted, SqsError *error)
{
    const int id = queueNode(name);
    const Node *n = m_sim.diagram().node(id);
    auto *q = dynamic_cast<SqsQueue *>(m_sim.simNode(id));
    const QueueMeta meta = m_meta.value(name);
    QJsonObject all;
    for (const IntAttribute &a : kIntAttributes)
        all.insert(QString::fromLatin1(a.name),
                   QString::number(n->setting(QString::fromLatin1(a.setting)).toLongLong()));
    all.insert(QStringLiteral("ApproximateNumberOfMessages"), QString::number(q->visibleCount()));
    all.insert(QStringLiteral("ApproximateNumberOfMessagesNotVisible"),
               QString::number(q->inFlightCount()));
    all.insert(QStringLiteral("ApproximateNumberOfMessagesDelayed"),
               QString::number(q->delayedCount()));
    all.insert(QStringLiteral("CreatedTimestamp"), QString::number(meta.createdMs / 1000));
    all.insert(QStringLiteral("LastModifiedTimestamp"), QString::number(meta.modifiedMs / 1000));
    all.insert(QStringLiteral("QueueArn"), queueArn(name));
    all.insert(QStringLiteral("SqsManagedSseEnabled"),
               meta.stored.value(QStringLiteral("SqsManagedSseEnabled"), QStringLiteral("true")));
    for (auto it = meta.stored.cbegin(); it != meta.stored.cend(); ++it)
        all.insert(it.key(), it.value());
    if (q->isFifo()) {
        all.insert(QStringLiteral("FifoQueue"), QStringLiteral("true"));
        all.insert(QStringLiteral("ContentBasedDeduplication"),
                   n->setting(QStringLiteral("contentBasedDeduplication")).toBool()
                       ? QStringLiteral("true")
                       : QStringLiteral("false"));
        all.insert(QStringLiteral("DeduplicationScope"),
                   n->setting(QStringLiteral("deduplicationScope")).toString());
        all.insert(QStringLiteral("FifoThroughputLimit"),
                   n->setting(QStringLiteral("fifoThroughputLimit")).toString());
    }
    if (SqsQueue *dlq = q->deadLetterQueue()) {
        const QJsonObject policy{{QStringLiteral("deadLetterTargetArn"), queueArn(dlq->name())},
                                 {QStringLiteral("maxReceiveCount"),
                                  n->setting(QStringLiteral("maxReceiveCount")).toInt()}};
        all.insert(QStringLiteral("RedrivePolicy"),
                   QString::fromUtf8(QJsonDocument(policy).toJson(QJsonDocument::Compact)));
    }
    if (wanted.contains(QStringLiteral("All")))
        return all;
    QJsonObject some;
    for (const QString &w : wanted) {
        const bool known = all.contains(w)
                           || std::any_of(std::begin(kReadOnlyAttributes),
                                          std::end(kReadOnlyAttributes),
                                          [&](const char *r) { return w == QLatin1String(r); })
                           || w == QLatin1String("RedrivePolicy") || w == QLatin1String("FifoQueue")
                           || w == QLatin1String("ContentBasedDeduplication")
                           || w == QLatin1String("DeduplicationScope")
                           || w == QLatin1String("FifoThroughputLimit")
                           || std::any_of(std::begin(kStoredAttributes),
                                          std::end(kStoredAttributes),
                                          [&](const char *r) { return w == QLatin1String(r); });
        if (!known) {
            *error = SqsError(SqsErrorCode::InvalidAttributeName,
                              QStringLiteral("Unknown Attribute %1.").arg(w));
            return {};
        }
        if (all.contains(w))
            some.insert(w, all.value(w));
    }
    return some;
}

void SqsService::getQueueAttributes(const QJsonObject &p, const Reply &reply)
{
    SqsError e;
    QString name;
    if (!queueFor(p, &e, &name))
        return reply(e, {});
    QStringList wanted;
    for (const QJsonValue &v : p.value(QStringLiteral("AttributeNames")).toArray())
        wanted.append(v.toString());
    const QJsonObject attrs = attributesOf(name, wanted, &e);
    if (!e.ok())
        return reply(e, {});
    QJsonObject result;
    if (!attrs.isEmpty())
        result.insert(QStringLiteral("Attributes"), attrs);
    reply(SqsError(), result);
}

void SqsService::setQueueAttributes(const QJsonObject &p, const Reply &reply)
{
    SqsError e;
    QString name;
    SqsQueue *q = queueFor(p, &e, &name);
    if (!q)
        return reply(e, {});
    reply(applyAttributes(q->id(),
                          name,
                          p.value(QStringLiteral("Attributes")).toObject(),
                          false,
                          q->isFifo()),
          {});
}

void SqsService::listDeadLetterSources(const QJsonObject &p, const QString &host, const Reply &reply)
{
    SqsError e;
    SqsQueue *q = queueFor(p, &e);
    if (!q)
        return reply(e, {});
    QStringList names;
    for (const Link &l : m_sim.diagram().links) {
        if (l.kind == LinkKind::DeadLetter && l.to == q->id()) {
            if (const Node *source = m_sim.diagram().node(l.from))
                names.append(source->name);
        }
    }
    std::sort(names.begin(), names.end());
    QJsonArray urls;
    for (const QString &n : names)
        urls.append(queueUrl(host, n));
    reply(SqsError(), QJsonObject{{QStringLiteral("queueUrls"), urls}});
}

void SqsService::tagQueue(const QJsonObject &p, const Reply &reply)
{
    SqsError e;
    QString name;
    if (!queueFor(p, &e, &name))
        return reply(e, {});
    const QJsonObject tags = p.value(QStringLiteral("Tags")).toObject();
    for (auto it = tags.begin(); it != tags.end(); ++it) {
        if (it.key().startsWith(QLatin1String("aws:")) || it.key().size() > 128
            || it.value().toString().size() > 256)
            return reply(SqsError(SqsErrorCode::InvalidParameterValue,
                                  QStringLiteral("Tag %1 is invalid.").arg(it.key())),
                         {});
    }
    for (auto it = tags.begin(); it != tags.end(); ++it)
        m_meta[name].tags.insert(it.key(), it.value().toString());
    reply(SqsError(), {});
}

void SqsService::untagQueue(const QJsonObject &p, const Reply &reply)
{
    SqsError e;
    QString name;
    if (!queueFor(p, &e, &name))
        return reply(e, {});
    for (const QJsonValue &k : p.value(QStringLiteral("TagKeys")).toArray())
        m_meta[name].tags.remove(k.toString());
    reply(SqsError(), {});
}

void SqsService::listQueueTags(const QJsonObject &p, const Reply &reply)
{
    SqsError e;
    QString name;
    if (!queueFor(p, &e, &name))
        return reply(e, {});
    QJsonObject tags;
    const QMap<QString, QString> &t = m_meta[name].tags;
    for (auto it = t.cbegin(); it != t.cend(); ++it)
        tags.insert(it.key(), it.value());
    QJsonObject result;
    if (!tags.isEmpty())
        result.insert(QStringLiteral("Tags"), tags);
    reply(SqsError(), result);
}

} // namespace flowlab
