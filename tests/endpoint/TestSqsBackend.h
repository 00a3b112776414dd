#pragma once

#include "endpoint/SqsApi.h"
#include "endpoint/SqsMd5.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QMutex>
#include <QObject>
#include <QTimer>

#include <thread>
#include <vector>

namespace flowlab {

/// Answers like a tiny SQS: GetQueueUrl and SendMessage at once (in the endpoint's thread),
/// ReceiveMessage with a wait 300 ms later from the test's thread (a long poll), PurgeQueue
/// from a thread of its own, QueueUrl ".../missing" with QueueDoesNotExist, and DeleteQueue
/// of ".../drop" never (it drops the reply).
class TestSqsBackend : public QObject, public SqsBackend
{
public:
    void handle(const ApiRequest &request, std::function<void(ApiResponse)> reply) override
    {
        {
            QMutexLocker lock(&m_mutex);
            m_requests.append(request);
        }
        const QJsonObject &p = request.params;
        const QString queueUrl = p.value("QueueUrl").toString();
        ApiResponse response;
        if (queueUrl.endsWith("/missing")) {
            response.error = SqsError(SqsErrorCode::QueueDoesNotExist,
                                      "The specified queue does not exist.");
        } else if (request.action == "GetQueueUrl") {
            response.result.insert("QueueUrl",
                                   "http://" + request.host + "/000000000000/"
                                       + p.value("QueueName").toString());
        } else if (request.action == "SendMessage") {
            response.result.insert("MD5OfMessageBody",
                                   md5OfBody(p.value("MessageBody").toString().toUtf8()));
            const QString attributes = md5OfMessageAttributes(
                p.value("MessageAttributes").toObject());
            if (!attributes.isEmpty())
                response.result.insert("MD5OfMessageAttributes", attributes);
            response.result.insert("MessageId", "5fea7756-0ea4-451a-a703-a558b933e274");
        } else if (request.action == "ReceiveMessage" && p.value("WaitTimeSeconds").toInt() > 0) {
            // A long poll: answered later, from the test's thread.
            QMetaObject::invokeMethod(
                this,
                [this, reply] {
                    QTimer::singleShot(300, this, [reply] {
                        ApiResponse later;
                        later.result = QJsonDocument::fromJson(
                                           R"({"Messages":[{"MessageId":"m1","ReceiptHandle":"h+1",
                                               "MD5OfBody":"3e25960a79dbc69b674cd4ec67a72c62",
                                               "Body":"Hello world"}]})")
                                           .object();
                        reply(later);
                    });
                },
                Qt::QueuedConnection);
            return;
        } else if (request.action == "PurgeQueue") {
            QMutexLocker lock(&m_mutex);
            m_threads.emplace_back([reply] { reply(ApiResponse()); });
            return;
        } else if (request.action == "DeleteQueue" && queueUrl.endsWith("/drop")) {
            return; // the reply is destroyed unanswered
        } else if (request.action == "ListQueues") {
            response.result.insert("QueueUrls", QJsonArray{"http://" + request.host + "/0/a"});
        }
        reply(response);
    }

    QList<ApiRequest> requests() const
    {
        QMutexLocker lock(&m_mutex);
        return m_requests;
    }
    void clear()
    {
        QMutexLocker lock(&m_mutex);
        m_requests.clear();
    }
    ~TestSqsBackend() override
    {
        for (std::thread &t : m_threads)
            t.join();
    }

private:
    mutable QMutex m_mutex;
    QList<ApiRequest> m_requests;
    std::vector<std::thread> m_threads;
};

} // namespace flowlab
