#include "SqsServer.h"

#include "RunnerSqsBackend.h"
#include "SqsEndpoint.h"
#include "runner/SimulationRunner.h"

namespace flowlab {

SqsServer::SqsServer(SimulationRunner *runner, QObject *parent)
    : QObject(parent)
    , m_ownRunner(runner ? nullptr : std::make_unique<SimulationRunner>())
    , m_runner(runner ? runner : m_ownRunner.get())
    , m_backend(std::make_unique<RunnerSqsBackend>(m_runner))
    , m_endpoint(std::make_unique<SqsEndpoint>(m_backend.get()))
{}

SqsServer::SqsServer(SqsBackend *backend, QObject *parent)
    : QObject(parent)
    , m_runner(nullptr)
    , m_endpoint(std::make_unique<SqsEndpoint>(backend))
{}

SqsServer::~SqsServer()
{
    // The endpoint first: it holds the backend, which holds the runner.
    m_endpoint.reset();
}

bool SqsServer::start(const Diagram &diagram,
                      const QHostAddress &address,
                      quint16 port,
                      QString *error)
{
    if (!m_runner) {
        *error = QStringLiteral("this server has no simulation of its own to start");
        return false;
    }
    // While serving real clients the engine keeps wall-clock time (DESIGN.md).
    m_runner->load(diagram);
    m_runner->setSpeed(1.0);
    m_runner->start();
    return listen(address, port, error);
}

bool SqsServer::listen(const QHostAddress &address, quint16 port, QString *error)
{
    return m_endpoint->start(address, port, error);
}

void SqsServer::stop()
{
    m_endpoint->stop();
}

quint16 SqsServer::port() const
{
    return m_endpoint->port();
}

QString SqsServer::url() const
{
    QString host = m_endpoint->address().toString();
    if (m_endpoint->address().protocol() == QAbstractSocket::IPv6Protocol)
        host = QLatin1Char('[') + host + QLatin1Char(']');
    return QStringLiteral("http://%1:%2").arg(host).arg(port());
}

} // namespace flowlab
