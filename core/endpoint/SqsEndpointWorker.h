#pragma once

#include "HttpRequestParser.h"
#include "SqsApi.h"

#include <QHash>
#include <QHostAddress>
#include <QMutex>
#include <QObject>

#include <atomic>
#include <memory>

class QTcpServer;

namespace flowlab {

class HttpConnection;
struct SqsReplyRouter;

/// What SqsEndpoint, its worker and the reply callbacks held by the backend share.
struct SqsEndpointState
{
    mutable QMutex mutex;
    QHash<QString, QString> credentials; ///< access key → secret key; empty = no checks
    std::atomic<int> pendingReplies{0};  ///< handed to the backend, not answered yet
    std::atomic<int> openConnections{0};
    /// Receivers of SqsEndpoint::requestServed: the worker emits it only when there are
    /// some, so that an endpoint serving thousands of requests a second does not post as
    /// many events to a thread nobody listens on.
    std::atomic<int> servedListeners{0};

    QHash<QString, QString> credentialsCopy() const
    {
        QMutexLocker lock(&mutex);
        return credentials;
    }
};

/// The endpoint's server side, living in the endpoint's thread: accepts connections,
/// decodes each request (SqsHttpCodec), checks its signature when keys are configured
/// (SigV4), hands it to the backend, and writes the backend's answer back on the request's
/// connection whenever, and from whichever thread, it comes.
///
/// A reply travels through a SqsReplyRouter shared with the callback: the callback posts
/// the answer to this object's thread (a queued call, so it never touches a socket from
/// the backend's thread); there the connection is looked up by id, so an answer for a
/// connection that has closed meanwhile — or for a worker that has stopped — is dropped.
class SqsEndpointWorker : public QObject
{
    Q_OBJECT

public:
    SqsEndpointWorker(SqsBackend *backend,
                      std::shared_ptr<SqsEndpointState> state,
                      const HttpLimits &limits,
                      int idleTimeoutMs);
    ~SqsEndpointWorker() override;

    /// Call in the worker's thread.
    bool listen(const QHostAddress &address, quint16 port, QString *error);
    quint16 port() const;
    /// Closes the listener and every connection; answers arriving later are dropped. Moves
    /// this object to `owner` so that it can be deleted there. Call in the worker's thread.
    void shutdown(QThread *owner);

signals:
    void requestServed(const QString &action, int status);

private:
    friend struct SqsReplyRouter;

    void onNewConnection();
    void onRequest(HttpConnection *connection, HttpRequest request);
    void reportServed(const QString &action, int status);
    void finishRequest(quint64 connectionId,
                       WireProtocol protocol,
                       const QString &action,
                       const QString &requestId,
                       const ApiResponse &response);

    SqsBackend *m_backend;
    std::shared_ptr<SqsEndpointState> m_state;
    std::shared_ptr<SqsReplyRouter> m_router;
    HttpLimits m_limits;
    int m_idleTimeoutMs;
    QTcpServer *m_server = nullptr;
    QHash<quint64, HttpConnection *> m_connections;
    quint64 m_nextConnectionId = 1;
};

} // namespace flowlab
