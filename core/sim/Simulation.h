#pragma once

#include "Engine.h"
#include "model/Diagram.h"

#include <memory>

namespace flowlab {

class SimNode;

/// Builds an Engine from a Diagram and keeps the two in step while it runs: live edits
/// (a setting, a new node or link, a removed one) are checked against the model's rules,
/// applied to the engine between two events and mirrored in the simulation's own copy of
/// the diagram. Everything here runs on the thread that owns the simulation.
class Simulation
{
public:
    /// `seed` overrides the diagram's seed when non-zero.
    explicit Simulation(const Diagram &diagram,
                        quint64 seedOverride = 0,
                        SimTime metricsInterval = kSecond);
    ~Simulation();

    Engine &engine() { return *m_engine; }
    const Engine &engine() const { return *m_engine; }
    const Diagram &diagram() const { return m_diagram; }

    void start() { m_engine->start(); }
    SimTime now() const { return m_engine->now(); }
    quint64 runUntil(SimTime t, quint64 maxEvents = ~quint64(0))
    {
        return m_engine->runUntil(t, maxEvents);
    }

    // Live edits. Each returns false and says why when the edit is refused; nothing
    // changes then.
    bool setNodeSetting(int nodeId,
                        const QString &key,
                        const QVariant &value,
                        QString *why = nullptr);
    bool renameNode(int nodeId, const QString &name, QString *why = nullptr);
    bool addNode(const Node &node, QString *why = nullptr);
    bool removeNode(int nodeId, QString *why = nullptr);
    bool addLink(const Link &link, QString *why = nullptr);
    bool removeLink(int linkId, QString *why = nullptr);

    SimNode *simNode(int nodeId) const { return m_engine->node(nodeId); }

private:
    std::unique_ptr<SimNode> createNode(const Node &node);
    void connect(const Link &link);
    void disconnect(const Link &link);

    Diagram m_diagram;
    std::unique_ptr<Engine> m_engine;
};

} // namespace flowlab
