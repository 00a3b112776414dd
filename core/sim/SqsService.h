#pragma once

#include "SqsErrors.h"
#include "SqsQueue.h"

#include <QHash>
#include <QJsonObject>
#include <QMap>

#include <functional>
#include <memory>

namespace flowlab {

class Simulation;
class SqsClientNode;

/// The SQS API over a running Simulation: what the local endpoint's clients call. Requests
/// and results are in the AWS JSON 1.0 protocol's shapes (member names of the API
/// reference); the endpoint converts the Query protocol to and from them. Queues are the
/// simulation's SQS queue nodes, addressed by name: the diagram's own queues (when their
/// names are valid SQS names) and the ones clients create. Runs on the simulation's thread.
class SqsService
{
public:
    using Reply = std::function<void(const SqsError &error, const QJsonObject &result)>;

    explicit SqsService(Simulation &simulation,
                        QString region = QStringLiteral("us-east-1"),
                        QString account = QStringLiteral("000000000000"));
    ~SqsService();

    /// Wall-clock epoch milliseconds at virtual time 0 (timestamps clients see).
    void setEpochOffsetMs(qint64 ms) { m_epochOffsetMs = ms; }
    qint64 epochMs() const;

    /// Runs one action. `host` is the Host the client used ("127.0.0.1:9324"), for queue
    /// URLs; `accessKey` becomes the SenderId of what it sends. The reply may come later
    /// (a long poll), always on this thread.
    void call(const QString &action,
              const QJsonObject &params,
              const QString &host,
              const QString &accessKey,
              Reply reply);

    QString queueUrl(const QString &host, const QString &name) const;
    QString queueArn(const QString &name) const;
    /// Node id of the queue with this name, 0 if none.
    int queueNode(const QString &name) const;
    /// Forgets the long polls waiting for answers (the endpoint is stopping).
    void cancelAll();

    /// The node standing for the client with this access key ("" = unsigned requests), made
    /// on the client's first send or receive, to the left of the diagram. Null if it cannot
    /// be added.
    SqsClientNode *clientFor(const QString &accessKey);
    /// The MessageId text clients get for message `id` (a UUID, the same every time).
    static QString messageIdText(quint64 id);

private:
    struct QueueMeta
    {
        qint64 createdMs = 0;
        qint64 modifiedMs = 0;
        QMap<QString, QString> tags;
        QMap<QString, QString> stored; ///< attributes kept but not simulated (Policy, KMS...)
    };
    class Waiter;

    SqsQueue *queueFor(const QJsonObject &params, SqsError *error, QString *name = nullptr);
    QString nameFromUrl(const QString &url) const;
    SqsError applyAttributes(
        int nodeId, const QString &name, const QJsonObject &attributes, bool creating, bool fifo);
    QJsonObject attributesOf(const QString &name, const QStringList &wanted, SqsError *error);
    QJsonObject messageJson(SqsQueue &queue,
                            const SqsReceivedMessage &m,
                            const QJsonObject &params) const;
    SqsError sendRequest(const QJsonObject &entry,
                         bool fifo,
                         const QString &accessKey,
                         SqsSendRequest *out) const;
    QJsonObject sendResult(const SqsSendRequest &request, const SqsSendResult &result) const;
    void dropLongPolls(int queueNode);
    /// Draws the path of a client's messages: a flow link from -> to, unless there is one.
    void linkClient(int from, int to);
    SqsClientNode *clientNode(int nodeId) const;
    /// Where the clients' row starts: under the diagram's own nodes, at their left edge.
    QPointF clientsRow() const;

    void createQueue(const QJsonObject &p, const QString &host, const Reply &reply);
    void deleteQueue(const QJsonObject &p, const Reply &reply);
    void listQueues(const QJsonObject &p, const QString &host, const Reply &reply);
    void getQueueAttributes(const QJsonObject &p, const Reply &reply);
    void setQueueAttributes(const QJsonObject &p, const Reply &reply);
    void sendMessage(const QJsonObject &p, const QString &accessKey, const Reply &reply);
    void sendMessageBatch(const QJsonObject &p, const QString &accessKey, const Reply &reply);
    void receiveMessage(const QJsonObject &p, const QString &accessKey, const Reply &reply);
    void deleteMessage(const QJsonObject &p, const QString &accessKey, const Reply &reply);
    using EntryAction
        = std::function<SqsError(SqsQueue &, const SqsReceiptHandle &, const QJsonObject &entry)>;
    /// The receipt-handle batches: whole-request rules, then `apply` per entry.
    /// Returns the number of entries that succeeded.
    int forEachEntry(const QJsonObject &p, const Reply &reply, const EntryAction &apply);
    void deleteMessageBatch(const QJsonObject &p, const QString &accessKey, const Reply &reply);
    void changeVisibility(const QJsonObject &p, const Reply &reply);
    void changeVisibilityBatch(const QJsonObject &p, const Reply &reply);
    void listDeadLetterSources(const QJsonObject &p, const QString &host, const Reply &reply);
    void tagQueue(const QJsonObject &p, const Reply &reply);
    void untagQueue(const QJsonObject &p, const Reply &reply);
    void listQueueTags(const QJsonObject &p, const Reply &reply);

    Simulation &m_sim;
    QString m_region;
    QString m_account;
    qint64 m_epochOffsetMs = 0;
    QHash<QString, QueueMeta> m_meta;     ///< by queue name
    QHash<QString, qint64> m_deletedAtMs; ///< recently deleted names (60 s rule)
    std::unique_ptr<Waiter> m_waiter;
};

} // namespace flowlab
