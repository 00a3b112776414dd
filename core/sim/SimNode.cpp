#include "SimNode.h"

#include "Engine.h"

namespace flowlab {

SimNode::SimNode(Engine &engine, int nodeId, NodeKind kind, const QString &name)
    : m_engine(engine)
    , m_clock(&engine.m_now)
    , m_observer(&engine.m_observer)
    , m_id(nodeId)
    , m_kind(kind)
    , m_name(name)
    , m_rng(engine.seed(), quint64(qint64(nodeId)))
{}

SimNode::~SimNode() = default;

void SimNode::schedule(SimTime delay, quint32 type, quint64 arg)
{
    m_engine.schedule(m_engine.now() + delay, this, type, arg);
}

void SimNode::scheduleAt(SimTime at, quint32 type, quint64 arg)
{
    m_engine.schedule(at, this, type, arg);
}

void SimNode::record(TraceKind kind, quint64 message, qint64 a, qint64 b, quint32 group)
{
    m_engine.trace(TraceRecord{m_engine.now(), m_id, kind, message, a, b, group});
}

} // namespace flowlab
