#include "SimulationRunner.h"

#include "RunnerWorker.h"

#include <QMetaObject>

namespace flowlab {

SimulationRunner::SimulationRunner(QObject *parent)
    : QObject(parent)
    , m_worker(new RunnerWorker)
{
    qRegisterMetaType<flowlab::FramePtr>();
    m_thread.setObjectName(QStringLiteral("SimulationRunner"));
    m_worker->moveToThread(&m_thread);
    // The worker (with its timer and simulation) is destroyed on its own thread, right after
    // the thread's event loop ends.
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    // Signal to signal, queued: receivers of ours get the frames on our thread.
    connect(m_worker,
            &RunnerWorker::frameReady,
            this,
            &SimulationRunner::frameReady,
            Qt::QueuedConnection);
    connect(m_worker,
            &RunnerWorker::editRefused,
            this,
            &SimulationRunner::editRefused,
            Qt::QueuedConnection);
    m_thread.start();
}

SimulationRunner::~SimulationRunner()
{
    // The worker checks the flag between chunks of events, so a long chunk ends early; the
    // commands still queued are dropped with the worker.
    m_thread.requestInterruption();
    m_thread.quit();
    m_thread.wait();
}

template<typename Function>
void SimulationRunner::post(Function &&function)
{
    // The functor runs on the worker's thread; it captures values only.
    QMetaObject::invokeMethod(m_worker, std::forward<Function>(function), Qt::QueuedConnection);
}

void SimulationRunner::load(const Diagram &diagram, quint64 seedOverride)
{
    post([worker = m_worker, diagram, seedOverride] { worker->load(diagram, seedOverride); });
}

void SimulationRunner::start()
{
    post([worker = m_worker] { worker->start(); });
}

void SimulationRunner::pause()
{
    post([worker = m_worker] { worker->pause(); });
}

void SimulationRunner::step()
{
    post([worker = m_worker] { worker->step(); });
}

void SimulationRunner::reset()
{
    post([worker = m_worker] { worker->reset(); });
}

void SimulationRunner::setSpeed(double factor)
{
    post([worker = m_worker, factor] { worker->setSpeed(factor); });
}

void SimulationRunner::setRunUntil(SimTime t)
{
    post([worker = m_worker, t] { worker->setRunUntil(t); });
}

void SimulationRunner::setBreakpoints(const QVector<Breakpoint> &list)
{
    post([worker = m_worker, list] { worker->setBreakpoints(list); });
}

void SimulationRunner::setNodeSetting(int nodeId, const QString &key, const QVariant &value)
{
    post([worker = m_worker, nodeId, key, value] { worker->setNodeSetting(nodeId, key, value); });
}

void SimulationRunner::renameNode(int nodeId, const QString &name)
{
    post([worker = m_worker, nodeId, name] { worker->renameNode(nodeId, name); });
}

void SimulationRunner::addNode(const Node &node)
{
    post([worker = m_worker, node] { worker->addNode(node); });
}

void SimulationRunner::removeNode(int nodeId)
{
    post([worker = m_worker, nodeId] { worker->removeNode(nodeId); });
}

void SimulationRunner::addLink(const Link &link)
{
    post([worker = m_worker, link] { worker->addLink(link); });
}

void SimulationRunner::removeLink(int linkId)
{
    post([worker = m_worker, linkId] { worker->removeLink(linkId); });
}

} // namespace flowlab

namespace flowlab {

void SimulationRunner::callSqs(const QString &action,
                               const QJsonObject &params,
                               const QString &host,
                               const QString &accessKey,
                               std::function<void(const SqsError &, const QJsonObject &)> reply)
{
    RunnerWorker *worker = m_worker;
    post([worker, action, params, host, accessKey, reply = std::move(reply)]() mutable {
        worker->callSqs(action, params, host, accessKey, std::move(reply));
    });
}

} // namespace flowlab

namespace flowlab {

void SimulationRunner::setPeekQueue(int nodeId)
{
    post([worker = m_worker, nodeId] { worker->setPeekQueue(nodeId); });
}

void SimulationRunner::setPassportMessage(quint64 messageId)
{
    post([worker = m_worker, messageId] { worker->setPassportMessage(messageId); });
}

} // namespace flowlab
