#pragma once

#include "NodeKind.h"

#include <QPointF>
#include <QString>
#include <QVariantMap>
#include <QVector>

namespace flowlab {

/// A node of the document. Settings hold only what differs from or was written over the
/// schema defaults; setting() resolves a key through the defaults.
struct Node
{
    int id = 0;
    NodeKind kind = NodeKind::Producer;
    QString name;
    QPointF position;
    QVariantMap settings;

    QVariant setting(const QString &key) const;
    bool operator==(const Node &other) const;
};

enum class LinkKind {
    Flow,       ///< messages travel from -> to (producer -> queue, queue -> consumers)
    DeadLetter, ///< source queue -> its dead-letter queue (the redrive policy)
};

QString linkKindId(LinkKind kind);
bool linkKindFromId(const QString &id, LinkKind *kind);

struct Link
{
    int id = 0;
    int from = 0;
    int to = 0;
    LinkKind kind = LinkKind::Flow;

    bool operator==(const Link &other) const;
};

struct SimulationSettings
{
    quint64 seed = 1;
    double speed = 1.0; ///< wall-clock pacing factor, 0.1 to 1000
    bool operator==(const SimulationSettings &o) const
    {
        return seed == o.seed && speed == o.speed;
    }
};

struct ViewSettings
{
    double zoom = 1.0;
    QPointF center;
    bool operator==(const ViewSettings &o) const { return zoom == o.zoom && center == o.center; }
};

/// The document: nodes and links addressed by stable integer ids.
class Diagram
{
public:
    QVector<Node> nodes;
    QVector<Link> links;
    SimulationSettings simulation;
    ViewSettings view;

    const Node *node(int id) const;
    Node *node(int id);
    const Link *link(int id) const;
    /// Ids from here up are given by the local SQS endpoint (the queues, clients and links
    /// real clients bring, made on the engine's thread), ids below it by the person editing
    /// (made on the GUI thread). The two never collide, though each side learns of the
    /// other's new items only later. (Below 65,536: Message::senderNode is 16 bits.)
    static constexpr int kEndpointIdBase = 30000;

    /// One more than the largest node or link id below kEndpointIdBase in use (ids are
    /// shared by nodes and links).
    int nextId() const;
    /// One more than the largest id from kEndpointIdBase up in use, or kEndpointIdBase.
    int nextEndpointId() const;

    /// Why a link between these nodes is not allowed, in one sentence; empty when allowed.
    /// `ignoreLinkId` leaves an existing link out of the count (when re-checking it).
    QString linkRefusal(int from, int to, LinkKind kind, int ignoreLinkId = 0) const;

    bool operator==(const Diagram &other) const;
};

} // namespace flowlab
