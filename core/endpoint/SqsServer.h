#pragma once

#include "model/Diagram.h"

#include <QHostAddress>
#include <QObject>

#include <memory>

namespace flowlab {

class RunnerSqsBackend;
class SimulationRunner;
class SqsBackend;
class SqsEndpoint;

/// `flowlab --serve`: a simulation running at 1x wall-clock speed with the local SQS
/// endpoint in front of it. Clients' queues are the simulation's queues; the diagram's own
/// queues (with valid SQS names) are there from the start.
class SqsServer : public QObject
{
    Q_OBJECT

public:
    /// Serves a runner the caller owns, or makes its own when null.
    explicit SqsServer(SimulationRunner *runner = nullptr, QObject *parent = nullptr);
    /// Serves through a backend the caller owns and keeps alive while listening (the
    /// window's, which follows the window's current run); start() is not available then.
    explicit SqsServer(SqsBackend *backend, QObject *parent = nullptr);
    ~SqsServer() override;

    /// Loads `diagram` into the runner at 1x and starts it, then listens. False, with the
    /// reason, when the address cannot be bound (or there is no runner).
    bool start(const Diagram &diagram, const QHostAddress &address, quint16 port, QString *error);
    /// Listens in front of the runner as it is (already loaded and running).
    bool listen(const QHostAddress &address, quint16 port, QString *error);
    void stop();

    quint16 port() const;
    QString url() const;
    SimulationRunner *runner() const { return m_runner; }
    SqsEndpoint *endpoint() const { return m_endpoint.get(); }

private:
    std::unique_ptr<SimulationRunner> m_ownRunner;
    SimulationRunner *m_runner;
    std::unique_ptr<RunnerSqsBackend> m_backend;
    std::unique_ptr<SqsEndpoint> m_endpoint;
};

} // namespace flowlab
