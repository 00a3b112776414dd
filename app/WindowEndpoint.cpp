#include "WindowEndpoint.h"

#include "RunController.h"
#include "endpoint/SqsServer.h"

namespace flowlab {

WindowEndpoint::WindowEndpoint(RunController *run, QObject *parent)
    : QObject(parent)
    , m_run(run)
    , m_server(std::make_unique<SqsServer>(static_cast<SqsBackend *>(this)))
{}

WindowEndpoint::~WindowEndpoint()
{
    // No request may reach handle() once this object is going.
    m_server.reset();
}

bool WindowEndpoint::start(const QHostAddress &address, quint16 port, QString *error)
{
    if (!m_server->listen(address, port, error))
        return false;
    if (m_run) {
        m_run->setServing(true);
        m_run->run();
    }
    return true;
}

quint16 WindowEndpoint::port() const
{
    return m_server->port();
}

QString WindowEndpoint::url() const
{
    return m_server->url();
}

void WindowEndpoint::handle(const ApiRequest &request, std::function<void(ApiResponse)> reply)
{
    // On the endpoint's thread: hand over to the GUI thread, where the current run is known.
    // If this object is gone before the call runs, the reply is dropped uncalled and the
    // client gets InternalFailure (SqsBackend's contract), never a hang.
    QMetaObject::invokeMethod(
        this,
        [this, request, reply = std::move(reply)]() mutable {
            if (!m_run) {
                reply(ApiResponse{SqsError(SqsErrorCode::ServiceUnavailable,
                                           QStringLiteral("The window is closing.")),
                                  {}});
                return;
            }
            m_run->callSqs(request.action,
                           request.params,
                           request.host,
                           request.accessKey,
                           [reply](const SqsError &error, const QJsonObject &result) {
                               reply(ApiResponse{error, result});
                           });
        },
        Qt::QueuedConnection);
}

} // namespace flowlab
