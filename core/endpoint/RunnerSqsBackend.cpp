#include "RunnerSqsBackend.h"

#include "runner/SimulationRunner.h"

namespace flowlab {

void RunnerSqsBackend::handle(const ApiRequest &request, std::function<void(ApiResponse)> reply)
{
    // callSqs only queues the call (QMetaObject::invokeMethod), so this may run on the
    // endpoint's thread.
    m_runner->callSqs(request.action,
                      request.params,
                      request.host,
                      request.accessKey,
                      [reply = std::move(reply)](const SqsError &error, const QJsonObject &result) {
                          reply(ApiResponse{error, result});
                      });
}

} // namespace flowlab
