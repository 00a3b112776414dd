#pragma once

#include "SqsApi.h"

namespace flowlab {

class SimulationRunner;

/// Serves the endpoint's requests from a running simulation: each request becomes a
/// SimulationRunner::callSqs command, run by SqsService between two events on the
/// runner's thread; its reply (at once, or when a long poll ends) goes back through the
/// endpoint's thread-safe reply callback. Nothing is shared between the threads.
class RunnerSqsBackend : public SqsBackend
{
public:
    explicit RunnerSqsBackend(SimulationRunner *runner)
        : m_runner(runner)
    {}
    void handle(const ApiRequest &request, std::function<void(ApiResponse)> reply) override;

private:
    SimulationRunner *m_runner;
};

} // namespace flowlab
