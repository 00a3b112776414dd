#pragma once

#include "model/Diagram.h"

namespace flowlab::test {

/// Builds small diagrams in tests: add nodes with settings, link them.
struct DiagramBuilder
{
    Diagram d;
    int nextId = 1;

    int node(NodeKind kind, const QString &name, QVariantMap settings = {})
    {
        Node n;
        n.id = nextId++;
        n.kind = kind;
        n.name = name;
        n.position = QPointF(250.0 * d.nodes.size(), 0);
        n.settings = std::move(settings);
        d.nodes.append(n);
        return n.id;
    }
    int link(int from, int to, LinkKind kind = LinkKind::Flow)
    {
        Link l;
        l.id = nextId++;
        l.from = from;
        l.to = to;
        l.kind = kind;
        d.links.append(l);
        return l.id;
    }
};

/// The M/M/c model of PERF-NOTES.md: Poisson arrivals at 9/s, ten consumers with
/// exponential service of mean 1 s, long polling, duplicates and crashes off.
inline Diagram mmcDiagram(qint64 customers = 0)
{
    DiagramBuilder b;
    const int p = b.node(NodeKind::Producer,
                         QStringLiteral("arrivals"),
                         {{QStringLiteral("pattern"), QStringLiteral("poisson")},
                          {QStringLiteral("rate"), 9.0},
                          {QStringLiteral("maxMessages"), customers}});
    const int q = b.node(NodeKind::SqsQueue,
                         QStringLiteral("queue"),
                         {{QStringLiteral("duplicateDeliveryProbability"), 0.0},
                          {QStringLiteral("shortPollEmptyProbability"), 0.0}});
    const int c = b.node(NodeKind::ConsumerGroup,
                         QStringLiteral("servers"),
                         {{QStringLiteral("instances"), qint64(10)},
                          {QStringLiteral("processing"), QStringLiteral("exponential")},
                          {QStringLiteral("processingMean"), 1.0},
                          {QStringLiteral("crashProbability"), 0.0},
                          {QStringLiteral("waitTimeSeconds"), qint64(20)}});
    b.link(p, q);
    b.link(q, c);
    return b.d;
}

} // namespace flowlab::test
