#include "Simulation.h"

#include "ConsumerGroup.h"
#include "Producer.h"
#include "SqsClientNode.h"
#include "SqsQueue.h"
#include "model/PropertySchema.h"

namespace flowlab {

namespace {
QVariantMap resolvedSettings(const Node &node)
{
    QVariantMap map = PropertySchema::forKind(node.kind).defaults();
    for (auto it = node.settings.cbegin(); it != node.settings.cend(); ++it)
        map.insert(it.key(), it.value());
    return map;
}

bool refuse(QString *why, const QString &text)
{
    if (why)
        *why = text;
    return false;
}
} // namespace

Simulation::Simulation(const Diagram &diagram, quint64 seedOverride, SimTime metricsInterval)
    : m_diagram(diagram)
    , m_engine(std::make_unique<Engine>(seedOverride ? seedOverride : diagram.simulation.seed,
                                        metricsInterval))
{
    for (const Node &n : m_diagram.nodes)
        m_engine->addNode(createNode(n));
    for (const Link &l : m_diagram.links)
        connect(l);
}

Simulation::~Simulation() = default;

std::unique_ptr<SimNode> Simulation::createNode(const Node &n)
{
    const QVariantMap s = resolvedSettings(n);
    switch (n.kind) {
    case NodeKind::Producer:
        return std::make_unique<Producer>(*m_engine, n.id, n.name, ProducerConfig::fromSettings(s));
    case NodeKind::SqsQueue:
        return std::make_unique<SqsQueue>(*m_engine, n.id, n.name, SqsQueueConfig::fromSettings(s));
    case NodeKind::ConsumerGroup:
        return std::make_unique<ConsumerGroup>(*m_engine,
                                               n.id,
                                               n.name,
                                               ConsumerConfig::fromSettings(s));
    case NodeKind::SqsClient:
        return std::make_unique<SqsClientNode>(*m_engine, n.id, n.name);
    }
    return nullptr;
}

void Simulation::connect(const Link &l)
{
    SimNode *from = m_engine->node(l.from);
    SimNode *to = m_engine->node(l.to);
    if (!from || !to)
        return;
    if (l.kind == LinkKind::DeadLetter) {
        auto *source = dynamic_cast<SqsQueue *>(from);
        auto *dlq = dynamic_cast<SqsQueue *>(to);
        if (source && dlq)
            source->setDeadLetterQueue(dlq);
        return;
    }
    if (auto *producer = dynamic_cast<Producer *>(from))
        producer->setTarget(dynamic_cast<SqsQueue *>(to));
    else if (auto *consumer = dynamic_cast<ConsumerGroup *>(to))
        consumer->setSource(dynamic_cast<SqsQueue *>(from));
}

void Simulation::disconnect(const Link &l)
{
    SimNode *from = m_engine->node(l.from);
    SimNode *to = m_engine->node(l.to);
    if (l.kind == LinkKind::DeadLetter) {
        if (auto *source = dynamic_cast<SqsQueue *>(from))
            source->setDeadLetterQueue(nullptr);
        return;
    }
    if (auto *producer = dynamic_cast<Producer *>(from))
        producer->setTarget(nullptr);
    if (auto *consumer = dynamic_cast<ConsumerGroup *>(to))
        consumer->setSource(nullptr);
}

bool Simulation::setNodeSetting(int nodeId, const QString &key, const QVariant &value, QString *why)
{
    Node *n = m_diagram.node(nodeId);
    if (!n)
        return refuse(why, QStringLiteral("there is no node %1").arg(nodeId));
    const PropertyDef *def = PropertySchema::forKind(n->kind).find(key);
    if (!def)
        return refuse(why,
                      QStringLiteral("%1 has no setting \"%2\"")
                          .arg(nodeKindDisplayName(n->kind), key));
    QString problem;
    if (!def->accepts(value, &problem))
        return refuse(why, QStringLiteral("%1: %2").arg(def->label, problem));
    if (def->createOnly && value != n->setting(key))
        return refuse(why,
                      QStringLiteral("%1 is fixed when the %2 is created")
                          .arg(def->label, nodeKindNoun(n->kind)));
    // A queue type change would break its dead-letter links' rule; createOnly covers it.
    if (SimNode *sim = m_engine->node(nodeId)) {
        if (!sim->applySetting(key, value))
            return refuse(why, QStringLiteral("%1 cannot change while running").arg(def->label));
    }
    n->settings.insert(key, value);
    return true;
}

bool Simulation::renameNode(int nodeId, const QString &name, QString *why)
{
    Node *n = m_diagram.node(nodeId);
    if (!n)
        return refuse(why, QStringLiteral("there is no node %1").arg(nodeId));
    n->name = name;
    if (SimNode *sim = m_engine->node(nodeId))
        sim->setName(name);
    return true;
}

bool Simulation::addNode(const Node &node, QString *why)
{
    if (m_diagram.node(node.id) || m_diagram.link(node.id))
        return refuse(why, QStringLiteral("id %1 is already in use").arg(node.id));
    for (auto it = node.settings.cbegin(); it != node.settings.cend(); ++it) {
        const PropertyDef *def = PropertySchema::forKind(node.kind).find(it.key());
        QString problem;
        if (!def)
            return refuse(why, QStringLiteral("unknown setting \"%1\"").arg(it.key()));
        if (!def->accepts(it.value(), &problem))
            return refuse(why, QStringLiteral("%1: %2").arg(def->label, problem));
    }
    m_diagram.nodes.append(node);
    m_engine->addNode(createNode(node));
    return true;
}

bool Simulation::removeNode(int nodeId, QString *why)
{
    if (!m_diagram.node(nodeId))
        return refuse(why, QStringLiteral("there is no node %1").arg(nodeId));
    // Its links go first, so every neighbour lets go of it.
    QVector<int> linkIds;
    for (const Link &l : m_diagram.links) {
        if (l.from == nodeId || l.to == nodeId)
            linkIds.append(l.id);
    }
    for (int id : linkIds)
        removeLink(id);
    m_engine->removeNode(nodeId);
    m_diagram.nodes.erase(std::remove_if(m_diagram.nodes.begin(),
                                         m_diagram.nodes.end(),
                                         [nodeId](const Node &n) { return n.id == nodeId; }),
                          m_diagram.nodes.end());
    return true;
}

bool Simulation::addLink(const Link &link, QString *why)
{
    if (m_diagram.node(link.id) || m_diagram.link(link.id))
        return refuse(why, QStringLiteral("id %1 is already in use").arg(link.id));
    const QString refusal = m_diagram.linkRefusal(link.from, link.to, link.kind);
    if (!refusal.isEmpty())
        return refuse(why, refusal);
    m_diagram.links.append(link);
    connect(link);
    return true;
}

bool Simulation::removeLink(int linkId, QString *why)
{
    const Link *l = m_diagram.link(linkId);
    if (!l)
        return refuse(why, QStringLiteral("there is no link %1").arg(linkId));
    const Link copy = *l;
    disconnect(copy);
    m_diagram.links.erase(std::remove_if(m_diagram.links.begin(),
                                         m_diagram.links.end(),
                                         [linkId](const Link &x) { return x.id == linkId; }),
                          m_diagram.links.end());
    return true;
}

} // namespace flowlab
