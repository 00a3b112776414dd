#include "SqsEndpointWorker.h"

#include "HttpConnection.h"
#include "SigV4.h"
#include "SqsHttpCodec.h"

#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>
#include <QUuid>

namespace flowlab {

/// The way back from a reply callback to the worker. The callback may run on any thread and
/// outlive the worker; the mutex makes "is the worker still there" and "post to it" one step.
struct SqsReplyRouter
{
    QMutex mutex;
    SqsEndpointWorker *worker = nullptr;
    std::shared_ptr<SqsEndpointState> state;

    void post(quint64 connectionId,
              WireProtocol protocol,
              const QString &action,
              const QString &requestId,
              ApiResponse response)
    {
        state->pendingReplies.fetch_sub(1);
        QMutexLocker lock(&mutex);
        if (!worker)
            return;
        SqsEndpointWorker *target = worker;
        // Queued: runs in the worker's thread; dropped by Qt if the worker is deleted first.
        QMetaObject::invokeMethod(
            target,
            [target, connectionId, protocol, action, requestId, response = std::move(response)] {
                target->finishRequest(connectionId, protocol, action, requestId, response);
            },
            Qt::QueuedConnection);
    }
};

namespace {

/// One request handed to the backend. The first reply wins; if every copy of the callback
/// is destroyed without a reply, the client gets InternalFailure instead of waiting forever.
class PendingReply
{
public:
    PendingReply(std::shared_ptr<SqsReplyRouter> router,
                 quint64 connectionId,
                 WireProtocol protocol,
                 QString action,
                 QString requestId)
        : m_router(std::move(router))
        , m_connectionId(connectionId)
        , m_protocol(protocol)
        , m_action(std::move(action))
        , m_requestId(std::move(requestId))
    {}
    ~PendingReply()
    {
        if (!m_answered.load()) {
            ApiResponse dropped;
            dropped.error = SqsError(SqsErrorCode::InternalFailure,
                                     QStringLiteral("The request was dropped without an answer."));
            deliver(std::move(dropped));
        }
    }
    void deliver(ApiResponse response)
    {
        if (m_answered.exchange(true))
            return;
        m_router->post(m_connectionId, m_protocol, m_action, m_requestId, std::move(response));
    }

private:
    std::shared_ptr<SqsReplyRouter> m_router;
    quint64 m_connectionId;
    WireProtocol m_protocol;
    QString m_action;
    QString m_requestId;
    std::atomic<bool> m_answered{false};
};

} // namespace

SqsEndpointWorker::SqsEndpointWorker(SqsBackend *backend,
                                     std::shared_ptr<SqsEndpointState> state,
                                     const HttpLimits &limits,
                                     int idleTimeoutMs)
    : m_backend(backend)
    , m_state(std::move(state))
    , m_router(std::make_shared<SqsReplyRouter>())
    , m_limits(limits)
    , m_idleTimeoutMs(idleTimeoutMs)
{
    m_router->worker = this;
    m_router->state = m_state;
}

SqsEndpointWorker::~SqsEndpointWorker()
{
    QMutexLocker lock(&m_router->mutex);
    m_router->worker = nullptr;
}

bool SqsEndpointWorker::listen(const QHostAddress &address, quint16 port, QString *error)
{
    m_server = new QTcpServer(this);
    m_server->setMaxPendingConnections(256);
    connect(m_server, &QTcpServer::newConnection, this, &SqsEndpointWorker::onNewConnection);
    if (!m_server->listen(address, port)) {
        if (error)
            *error = m_server->errorString();
        delete m_server;
        m_server = nullptr;
        return false;
    }
    return true;
}

quint16 SqsEndpointWorker::port() const
{
    return m_server ? m_server->serverPort() : 0;
}

void SqsEndpointWorker::shutdown(QThread *owner)
{
    {
        QMutexLocker lock(&m_router->mutex);
        m_router->worker = nullptr;
    }
    delete m_server;
    m_server = nullptr;
    const QList<HttpConnection *> connections = m_connections.values();
    m_connections.clear();
    for (HttpConnection *connection : connections) {
        connection->disconnect(this);
        delete connection; // closes its socket
    }
    m_state->openConnections.store(0);
    moveToThread(owner);
}

void SqsEndpointWorker::onNewConnection()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        const quint64 id = m_nextConnectionId++;
        auto *connection = new HttpConnection(
            socket,
            id,
            m_limits,
            [this](HttpConnection *c, HttpRequest request) { onRequest(c, std::move(request)); },
            this);
        connection->setIdleTimeout(m_idleTimeoutMs);
        connect(connection, &HttpConnection::finished, this, [this](quint64 closedId) {
            if (m_connections.remove(closedId) > 0)
                m_state->openConnections.fetch_sub(1);
        });
        m_connections.insert(id, connection);
        m_state->openConnections.fetch_add(1);
    }
}

void SqsEndpointWorker::onRequest(HttpConnection *connection, HttpRequest request)
{
    const QString requestId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    ApiRequest api;
    SqsError error = SqsHttpCodec::decode(request, &api);

    if (request.method != "POST" && request.method != "GET") {
        HttpResponse refused = HttpResponse::plain(405, "The SQS endpoint takes GET and POST");
        refused.headers.append({QByteArrayLiteral("Allow"), QByteArrayLiteral("GET, POST")});
        reportServed(api.action, refused.status);
        connection->respond(refused);
        return;
    }

    // The signature is checked before anything the request asks for (as AWS does).
    const QHash<QString, QString> credentials = m_state->credentialsCopy();
    if (!credentials.isEmpty()) {
        if (SqsError denied = SigV4::verify(request, credentials))
            error = denied;
    }
    if (error) {
        const HttpResponse response = SqsHttpCodec::encodeError(api.protocol, error, requestId);
        reportServed(api.action, response.status);
        connection->respond(response);
        return;
    }

    m_state->pendingReplies.fetch_add(1);
    auto pending = std::make_shared<PendingReply>(m_router,
                                                  connection->id(),
                                                  api.protocol,
                                                  api.action,
                                                  requestId);
    m_backend->handle(api,
                      [pending](ApiResponse response) { pending->deliver(std::move(response)); });
}

void SqsEndpointWorker::reportServed(const QString &action, int status)
{
    if (m_state->servedListeners.load(std::memory_order_relaxed) > 0)
        emit requestServed(action, status);
}

void SqsEndpointWorker::finishRequest(quint64 connectionId,
                                      WireProtocol protocol,
                                      const QString &action,
                                      const QString &requestId,
                                      const ApiResponse &response)
{
    ApiRequest request;
    request.protocol = protocol;
    request.action = action;
    const HttpResponse http = SqsHttpCodec::encode(request, response, requestId);
    reportServed(action, http.status);
    if (HttpConnection *connection = m_connections.value(connectionId))
        connection->respond(http);
}

} // namespace flowlab
