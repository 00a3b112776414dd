#include "SqsEndpoint.h"

#include "SqsEndpointWorker.h"

#include <QMetaMethod>

namespace flowlab {

SqsEndpoint::SqsEndpoint(SqsBackend *backend, QObject *parent)
    : QObject(parent)
    , m_backend(backend)
    , m_state(std::make_shared<SqsEndpointState>())
{
    m_thread.setObjectName(QStringLiteral("SqsEndpoint"));
}

SqsEndpoint::~SqsEndpoint()
{
    stop();
}

bool SqsEndpoint::start(const QHostAddress &address, quint16 port, QString *error)
{
    if (m_worker) {
        if (error)
            *error = QStringLiteral("The endpoint is already running on port %1.").arg(m_port);
        return false;
    }
    m_worker = new SqsEndpointWorker(m_backend, m_state, m_limits, m_idleTimeoutMs);
    m_worker->moveToThread(&m_thread);
    // Emitted in the endpoint's thread, re-emitted (queued) in this object's thread.
    connect(m_worker, &SqsEndpointWorker::requestServed, this, &SqsEndpoint::requestServed);
    m_thread.start();

    bool listening = false;
    QString reason;
    quint16 bound = 0;
    SqsEndpointWorker *worker = m_worker;
    QMetaObject::invokeMethod(
        worker,
        [worker, address, port, &listening, &reason, &bound] {
            listening = worker->listen(address, port, &reason);
            bound = worker->port();
        },
        Qt::BlockingQueuedConnection);
    if (!listening) {
        stop();
        if (error)
            *error = reason;
        return false;
    }
    m_port = bound;
    m_address = address;
    return true;
}

void SqsEndpoint::stop()
{
    if (!m_worker)
        return;
    SqsEndpointWorker *worker = m_worker;
    QThread *owner = thread();
    QMetaObject::invokeMethod(
        worker, [worker, owner] { worker->shutdown(owner); }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
    delete worker; // moved back to this thread by shutdown()
    m_worker = nullptr;
    m_port = 0;
}

void SqsEndpoint::setCredentials(const QHash<QString, QString> &secretKeysByAccessKey)
{
    QMutexLocker lock(&m_state->mutex);
    m_state->credentials = secretKeysByAccessKey;
}

QHash<QString, QString> SqsEndpoint::credentials() const
{
    return m_state->credentialsCopy();
}

int SqsEndpoint::pendingReplies() const
{
    return m_state->pendingReplies.load();
}

// Counting receivers here, not with receivers() or isSignalConnected(): these two may run
// with QObject's connection lock held, where calling back into QObject is not allowed. A
// wholesale disconnect (an invalid `signal`) is not counted: the count stays high, which
// only costs events nobody receives.
void SqsEndpoint::connectNotify(const QMetaMethod &signal)
{
    if (signal == QMetaMethod::fromSignal(&SqsEndpoint::requestServed))
        m_state->servedListeners.fetch_add(1);
}

void SqsEndpoint::disconnectNotify(const QMetaMethod &signal)
{
    if (signal == QMetaMethod::fromSignal(&SqsEndpoint::requestServed)
        && m_state->servedListeners.fetch_sub(1) <= 0) {
        m_state->servedListeners.store(0);
    }
}

int SqsEndpoint::openConnections() const
{
    return m_state->openConnections.load();
}

} // namespace flowlab
