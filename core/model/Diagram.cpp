#include "Diagram.h"

#include "PropertySchema.h"

#include <algorithm>
#include <limits>

namespace flowlab {

QVariant Node::setting(const QString &key) const
{
    const auto it = settings.constFind(key);
    if (it != settings.constEnd())
        return *it;
    if (const PropertyDef *def = PropertySchema::forKind(kind).find(key))
        return def->defaultValue;
    return QVariant();
}

bool Node::operator==(const Node &other) const
{
    return id == other.id && kind == other.kind && name == other.name && position == other.position
           && settings == other.settings;
}

QString linkKindId(LinkKind kind)
{
    return kind == LinkKind::DeadLetter ? QStringLiteral("dead-letter") : QStringLiteral("flow");
}

bool linkKindFromId(const QString &id, LinkKind *kind)
{
    if (id == QLatin1String("flow")) {
        *kind = LinkKind::Flow;
        return true;
    }
    if (id == QLatin1String("dead-letter")) {
        *kind = LinkKind::DeadLetter;
        return true;
    }
    return false;
}

bool Link::operator==(const Link &other) const
{
    return id == other.id && from == other.from && to == other.to && kind == other.kind;
}

const Node *Diagram::node(int id) const
{
    auto it = std::find_if(nodes.cbegin(), nodes.cend(), [id](const Node &n) { return n.id == id; });
    return it == nodes.cend() ? nullptr : &*it;
}

Node *Diagram::node(int id)
{
    auto it = std::find_if(nodes.begin(), nodes.end(), [id](const Node &n) { return n.id == id; });
    return it == nodes.end() ? nullptr : &*it;
}

const Link *Diagram::link(int id) const
{
    auto it = std::find_if(links.cbegin(), links.cend(), [id](const Link &l) { return l.id == id; });
    return it == links.cend() ? nullptr : &*it;
}

namespace {

// The largest id in [low, high) among nodes and links, or low - 1 when none.
int largestId(const Diagram &d, int low, int high)
{
    int maxId = low - 1;
    auto consider = [&](int id) {
        if (id >= low && id < high)
            maxId = std::max(maxId, id);
    };
    for (const Node &n : d.nodes)
        consider(n.id);
    for (const Link &l : d.links)
        consider(l.id);
    return maxId;
}

} // namespace

int Diagram::nextId() const
{
    return std::max(1, largestId(*this, 1, kEndpointIdBase) + 1);
}

int Diagram::nextEndpointId() const
{
    return largestId(*this, kEndpointIdBase, std::numeric_limits<int>::max()) + 1;
}

QString Diagram::linkRefusal(int from, int to, LinkKind kind, int ignoreLinkId) const
{
    const Node *a = node(from);
    const Node *b = node(to);
    if (!a)
        return QStringLiteral("the link starts at node %1, which does not exist").arg(from);
    if (!b)
        return QStringLiteral("the link ends at node %1, which does not exist").arg(to);
    if (from == to)
        return QStringLiteral("a node cannot be linked to itself");

    auto count = [&](auto pred) {
        return std::count_if(links.cbegin(), links.cend(), [&](const Link &l) {
            return l.id != ignoreLinkId && pred(l);
        });
    };
    if (count([&](const Link &l) { return l.from == from && l.to == to; }) > 0)
        return QStringLiteral("these two nodes are already linked");

    if (kind == LinkKind::DeadLetter) {
        if (a->kind != NodeKind::SqsQueue || b->kind != NodeKind::SqsQueue)
            return QStringLiteral("a dead-letter link goes from an SQS queue to another SQS queue");
        if (a->setting(QStringLiteral("fifo")).toBool()
            != b->setting(QStringLiteral("fifo")).toBool())
            return QStringLiteral("the dead-letter queue of a %1 queue must also be a %1 queue")
                .arg(a->setting(QStringLiteral("fifo")).toBool() ? QStringLiteral("FIFO")
                                                                 : QStringLiteral("standard"));
        if (count([&](const Link &l) { return l.from == from && l.kind == LinkKind::DeadLetter; })
            > 0)
            return QStringLiteral("a queue has at most one dead-letter queue");
        return QString();
    }

    switch (a->kind) {
    case NodeKind::Producer:
        if (b->kind != NodeKind::SqsQueue)
            return QStringLiteral("a producer sends to an SQS queue, not to a %1")
                .arg(nodeKindNoun(b->kind));
        if (count([&](const Link &l) { return l.from == from && l.kind == LinkKind::Flow; }) > 0)
            return QStringLiteral("a producer sends to one queue; it is already linked");
        return QString();
    case NodeKind::SqsQueue:
        if (b->kind == NodeKind::SqsQueue)
            return QStringLiteral("queues do not forward to queues; link a dead-letter queue "
                                  "with a dead-letter link");
        if (b->kind == NodeKind::SqsClient)
            return QString(); // a real client receiving from the queue (any number of queues)
        if (b->kind != NodeKind::ConsumerGroup)
            return QStringLiteral("an SQS queue is read by a consumer group, not by a %1")
                .arg(nodeKindNoun(b->kind));
        if (count([&](const Link &l) { return l.to == to && l.kind == LinkKind::Flow; }) > 0)
            return QStringLiteral("a consumer group polls one queue; it is already linked");
        return QString();
    case NodeKind::ConsumerGroup:
        return QStringLiteral(
            "a consumer group is the end of a flow: it deletes what it processes");
    case NodeKind::SqsClient:
        if (b->kind != NodeKind::SqsQueue)
            return QStringLiteral("an AWS client sends to SQS queues, not to a %1")
                .arg(nodeKindNoun(b->kind));
        return QString(); // a real client may send to any number of queues
    }
    return QStringLiteral("this link is not supported");
}

bool Diagram::operator==(const Diagram &other) const
{
    return nodes == other.nodes && links == other.links && simulation == other.simulation
           && view == other.view;
}

} // namespace flowlab
