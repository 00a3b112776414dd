#pragma once

#include "HttpRequestParser.h"
#include "SqsApi.h"

#include <QHash>
#include <QHostAddress>
#include <QObject>
#include <QThread>

#include <memory>

namespace flowlab {

class SqsEndpointWorker;
struct SqsEndpointState;

/// The local AWS-compatible SQS endpoint (issue 5, spec/aws-semantics.md §6): an HTTP/1.1
/// server in its own thread that speaks both SQS wire protocols, the Query protocol (form
/// POST, XML answers: awscli 2.9, boto3 1.26) and AWS JSON 1.0 (`X-Amz-Target`: current
/// SDKs), and hands every request to a SqsBackend in the JSON protocol's shape.
///
/// Why not QHttpServer: Qt 6.4's QtHttpServer (a technology preview then) cannot hold an
/// answer cleanly. Its QHttpServerResponder keeps a raw QTcpSocket pointer that the server
/// deletes when the client disconnects, so a responder moved out of the handler for a 20 s
/// long poll can write to a deleted socket; the server reuses one QHttpServerRequest per
/// socket and keeps parsing while an answer is held, so a second request on the connection
/// overwrites the first and answers can go out of order; and it reads every body whole
/// into memory before any handler runs, so an oversized request cannot be refused before
/// it is buffered. The small HTTP layer here (HttpRequestParser, HttpConnection) does
/// keep-alive, Content-Length bodies, `Expect: 100-continue`, 413/431 before buffering,
/// 400 for malformed requests, and answers whenever the engine replies, in request order.
///
/// Usage: construct with a backend (which must outlive the endpoint), optionally
/// setCredentials(), then start(). Every public function is called from the thread that
/// owns the endpoint, never from the endpoint's own thread (start and stop wait for it).
class SqsEndpoint : public QObject
{
    Q_OBJECT

public:
    explicit SqsEndpoint(SqsBackend *backend, QObject *parent = nullptr);
    ~SqsEndpoint() override; ///< stops

    /// Listens on `address`:`port` (port 0 = any free port; see port()). False, with the
    /// reason in `error`, when the port cannot be bound or the endpoint already runs.
    bool start(const QHostAddress &address = QHostAddress(QHostAddress::LocalHost),
               quint16 port = 0,
               QString *error = nullptr);
    /// Closes the listener and every connection (held answers are dropped) and ends the
    /// endpoint's thread. Reply callbacks still held by the backend stay safe to call.
    void stop();
    bool isRunning() const { return m_worker != nullptr; }
    /// The port listened on (the chosen one when started with port 0); 0 when stopped.
    quint16 port() const { return m_port; }
    QHostAddress address() const { return m_address; }

    /// Access key → secret key. When not empty, every request must carry a valid SigV4
    /// signature by one of these keys: AccessDenied (403) when unsigned, InvalidClientTokenId
    /// (403) for an unknown key, SignatureDoesNotMatch (403) for a wrong signature. Empty
    /// (the default) accepts any credentials. May be called while running.
    void setCredentials(const QHash<QString, QString> &secretKeysByAccessKey);
    QHash<QString, QString> credentials() const;

    /// Header and body size limits (HttpLimits' defaults: 64 KiB, 4 MiB); before start().
    void setLimits(const HttpLimits &limits) { m_limits = limits; }
    HttpLimits limits() const { return m_limits; }
    /// Idle keep-alive connections are closed after this long (default 120 s); before start().
    void setIdleTimeout(int ms) { m_idleTimeoutMs = ms; }

    /// Requests handed to the backend and not answered yet (held long polls, for instance).
    int pendingReplies() const;
    int openConnections() const;

signals:
    /// After each answer: the action ("" when it could not be read) and the HTTP status.
    /// Queued from the endpoint's thread; emitted only while something is connected to it.
    void requestServed(const QString &action, int status);

protected:
    void connectNotify(const QMetaMethod &signal) override;
    void disconnectNotify(const QMetaMethod &signal) override;

private:
    SqsBackend *m_backend;
    std::shared_ptr<SqsEndpointState> m_state;
    HttpLimits m_limits;
    int m_idleTimeoutMs = 120 * 1000;
    QThread m_thread;
    SqsEndpointWorker *m_worker = nullptr;
    quint16 m_port = 0;
    QHostAddress m_address;
};

} // namespace flowlab
