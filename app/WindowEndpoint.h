#pragma once

#include "endpoint/SqsApi.h"

#include <QHostAddress>
#include <QObject>
#include <QPointer>

#include <memory>

namespace flowlab {

class RunController;
class SqsServer;

/// `flowlab --serve` with the window: the local SQS endpoint in front of the window's run.
///
/// The window replaces its engine at Reset and when another diagram is opened, so requests
/// cannot be bound to one SimulationRunner as in the headless server. Each request goes
/// from the endpoint's thread to the GUI thread (a queued call on this object) and from
/// there to whatever run the RunController has now; the reply goes back from the runner's
/// thread straight to the endpoint. Nothing is shared between the threads but the queued
/// calls. The queues clients create, and a node per client, reach the document through the
/// run's frames (Frame::diagramEdits).
class WindowEndpoint : public QObject, public SqsBackend
{
    Q_OBJECT

public:
    explicit WindowEndpoint(RunController *run, QObject *parent = nullptr);
    ~WindowEndpoint() override; ///< stops listening first

    /// Listens (port 0: any free port) and switches the run to serving (1×, started).
    bool start(const QHostAddress &address, quint16 port, QString *error);
    quint16 port() const;
    QString url() const;

    void handle(const ApiRequest &request, std::function<void(ApiResponse)> reply) override;

private:
    QPointer<RunController> m_run;
    std::unique_ptr<SqsServer> m_server;
};

} // namespace flowlab
