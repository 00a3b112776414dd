#include "DiagramDocument.h"

#include "commands/DiagramCommands.h"
#include "io/DiagramFile.h"
#include "model/PropertySchema.h"

#include <QRegularExpression>

namespace flowlab {

namespace {
bool refuse(QString *why, const QString &text)
{
    if (why)
        *why = text;
    return false;
}

QString baseNameFor(NodeKind kind)
{
    switch (kind) {
    case NodeKind::Producer:
        return QStringLiteral("producer");
    case NodeKind::SqsQueue:
        return QStringLiteral("queue");
    case NodeKind::ConsumerGroup:
        return QStringLiteral("consumers");
    case NodeKind::SqsClient:
        return QStringLiteral("client");
    }
    return QStringLiteral("node");
}
} // namespace

DiagramDocument::DiagramDocument(QObject *parent)
    : QObject(parent)
{}

void DiagramDocument::setFilePath(const QString &path)
{
    if (path == m_filePath)
        return;
    m_filePath = path;
    emit filePathChanged(path);
}

void DiagramDocument::reset(const Diagram &diagram, const QString &filePath)
{
    m_undoStack.clear();
    m_diagram = diagram;
    m_undoStack.setClean();
    setFilePath(filePath);
    emit documentReset();
}

void DiagramDocument::markSaved(const QString &filePath)
{
    setFilePath(filePath);
    m_undoStack.setClean();
}

QString DiagramDocument::uniqueName(const QString &base) const
{
    QSet<QString> taken;
    for (const Node &n : m_diagram.nodes)
        taken.insert(n.name);
    return uniqueName(base, taken);
}

QString DiagramDocument::uniqueName(const QString &base, const QSet<QString> &taken)
{
    if (!taken.contains(base))
        return base;
    // "orders-2" -> "orders", then count up from 2.
    static const QRegularExpression suffix(QStringLiteral("-(\\d+)$"));
    QString stem = base;
    stem.remove(suffix);
    for (int i = 2;; ++i) {
        const QString candidate = QStringLiteral("%1-%2").arg(stem).arg(i);
        if (!taken.contains(candidate))
            return candidate;
    }
}

int DiagramDocument::addNode(NodeKind kind, const QPointF &position)
{
    Node n;
    n.id = m_diagram.nextId();
    n.kind = kind;
    n.name = uniqueName(baseNameFor(kind));
    n.position = position;
    m_undoStack.push(new InsertItemsCommand(this, {n}, {}, tr("Add %1").arg(nodeKindNoun(kind))));
    return n.id;
}

void DiagramDocument::removeItems(const QList<int> &nodeIds, const QList<int> &linkIds)
{
    auto *cmd = new RemoveItemsCommand(this, nodeIds, linkIds);
    if (cmd->isEmpty()) {
        delete cmd;
        return;
    }
    m_undoStack.push(cmd);
}

void DiagramDocument::moveNodes(const QHash<int, QPointF> &positions, bool merge)
{
    QHash<int, QPointF> from;
    QHash<int, QPointF> to;
    for (auto it = positions.cbegin(); it != positions.cend(); ++it) {
        const Node *n = m_diagram.node(it.key());
        if (!n)
            continue;
        from.insert(it.key(), n->position);
        to.insert(it.key(), it.value());
    }
    if (to.isEmpty() || (to == from && !merge))
        return;
    m_undoStack.push(new MoveNodesCommand(this, from, to, merge));
}

bool DiagramDocument::setNodeSetting(
    int nodeId, const QString &key, const QVariant &value, bool merge, QString *why)
{
    const Node *n = m_diagram.node(nodeId);
    if (!n)
        return refuse(why, tr("there is no node %1").arg(nodeId));
    const PropertyDef *def = PropertySchema::forKind(n->kind).find(key);
    if (!def)
        return refuse(why, tr("%1 has no setting \"%2\"").arg(nodeKindDisplayName(n->kind), key));
    QString problem;
    if (!def->accepts(value, &problem))
        return refuse(why, QStringLiteral("%1: %2").arg(def->label, problem));
    // Links that the new value would break (a FIFO queue's DLQ must be FIFO) refuse it.
    if (key == QLatin1String("fifo")) {
        for (const Link &l : m_diagram.links) {
            if (l.kind == LinkKind::DeadLetter && (l.from == nodeId || l.to == nodeId))
                return refuse(why,
                              tr("unlink the dead-letter queue before changing the queue "
                                 "type"));
        }
    }
    const QVariant before = n->settings.value(key); // invalid when absent
    if (before == value)
        return true;
    m_undoStack.push(new ChangeSettingCommand(this, nodeId, key, before, value, merge));
    return true;
}

bool DiagramDocument::renameNode(int nodeId, const QString &name, QString *why)
{
    const Node *n = m_diagram.node(nodeId);
    if (!n)
        return refuse(why, tr("there is no node %1").arg(nodeId));
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty())
        return refuse(why, tr("a name cannot be empty"));
    if (trimmed == n->name)
        return true;
    m_undoStack.push(new RenameNodeCommand(this, nodeId, n->name, trimmed));
    return true;
}

int DiagramDocument::addLink(int from, int to, LinkKind kind, QString *why)
{
    const QString refusal = m_diagram.linkRefusal(from, to, kind);
    if (!refusal.isEmpty()) {
        refuse(why, refusal);
        return 0;
    }
    Link l;
    l.id = m_diagram.nextId();
    l.from = from;
    l.to = to;
    l.kind = kind;
    m_undoStack.push(new InsertItemsCommand(this,
                                            {},
                                            {l},
                                            kind == LinkKind::DeadLetter
                                                ? tr("Link dead-letter queue")
                                                : tr("Link %1 to %2")
                                                      .arg(m_diagram.node(from)->name,
                                                           m_diagram.node(to)->name)));
    return l.id;
}

int DiagramDocument::applyEngineEdits(const QVector<DiagramEdit> &edits)
{
    // The step's name tells what a client did: "SQS client: create queue orders".
    QString what = tr("SQS client: change queues");
    for (const DiagramEdit &e : edits) {
        if (e.kind == DiagramEdit::Kind::AddNode && e.node.kind == NodeKind::SqsQueue) {
            what = tr("SQS client: create queue %1").arg(e.node.name);
            break;
        }
        if (e.kind == DiagramEdit::Kind::RemoveNode) {
            const Node *n = m_diagram.node(e.id);
            if (n && n->kind == NodeKind::SqsQueue) {
                what = tr("SQS client: delete queue %1").arg(n->name);
                break;
            }
        }
    }
    // Only the edits that fit, tried in order on a copy: an empty step would mark the
    // document modified for nothing.
    QVector<DiagramEdit> fitting;
    Diagram probe = m_diagram;
    for (const DiagramEdit &e : edits) {
        const Node *n = probe.node(e.id);
        const bool noChange = (e.kind == DiagramEdit::Kind::SetSetting && n
                               && n->setting(e.key) == e.value)
                              || (e.kind == DiagramEdit::Kind::Rename && n && n->name == e.key);
        if (!noChange && applyDiagramEdit(probe, e))
            fitting.append(e);
    }
    if (fitting.isEmpty())
        return 0;

    m_undoStack.beginMacro(what);
    for (const DiagramEdit &e : std::as_const(fitting)) {
        switch (e.kind) {
        case DiagramEdit::Kind::AddNode:
            if (m_diagram.node(e.node.id) || m_diagram.link(e.node.id))
                continue;
            m_undoStack.push(new InsertItemsCommand(this, {e.node}, {}, what));
            break;
        case DiagramEdit::Kind::RemoveNode:
            if (!m_diagram.node(e.id))
                continue;
            m_undoStack.push(new RemoveItemsCommand(this, {e.id}, {}));
            break;
        case DiagramEdit::Kind::AddLink:
            if (m_diagram.node(e.link.id) || m_diagram.link(e.link.id)
                || !m_diagram.node(e.link.from) || !m_diagram.node(e.link.to))
                continue;
            m_undoStack.push(new InsertItemsCommand(this, {}, {e.link}, what));
            break;
        case DiagramEdit::Kind::RemoveLink:
            if (!m_diagram.link(e.id))
                continue;
            m_undoStack.push(new RemoveItemsCommand(this, {}, {e.id}));
            break;
        case DiagramEdit::Kind::SetSetting: {
            const Node *n = m_diagram.node(e.id);
            if (!n || n->setting(e.key) == e.value)
                continue;
            m_undoStack.push(new ChangeSettingCommand(this,
                                                      e.id,
                                                      e.key,
                                                      n->settings.value(e.key),
                                                      e.value,
                                                      false));
            break;
        }
        case DiagramEdit::Kind::Rename: {
            const Node *n = m_diagram.node(e.id);
            if (!n || n->name == e.key)
                continue;
            m_undoStack.push(new RenameNodeCommand(this, e.id, n->name, e.key));
            break;
        }
        }
    }
    m_undoStack.endMacro();
    return int(fitting.size());
}

QByteArray DiagramDocument::copy(const QList<int> &nodeIds) const
{
    Diagram fragment;
    for (const Node &n : m_diagram.nodes) {
        if (nodeIds.contains(n.id))
            fragment.nodes.append(n);
    }
    for (const Link &l : m_diagram.links) {
        if (nodeIds.contains(l.from) && nodeIds.contains(l.to))
            fragment.links.append(l);
    }
    return DiagramFile::write(fragment);
}

QList<int> DiagramDocument::paste(const QByteArray &fragmentText, const QPointF &offset)
{
    Diagram fragment;
    if (!DiagramFile::read(fragmentText, &fragment, nullptr) || fragment.nodes.isEmpty())
        return {};
    // Fresh ids for everything, names made unique against the document and each other.
    QHash<int, int> newIds;
    int next = m_diagram.nextId();
    QVector<Node> nodes;
    QSet<QString> taken;
    for (const Node &n : m_diagram.nodes)
        taken.insert(n.name);
    for (Node n : fragment.nodes) {
        newIds.insert(n.id, next);
        n.id = next++;
        n.position += offset;
        n.name = uniqueName(n.name, taken);
        taken.insert(n.name);
        nodes.append(n);
    }
    QVector<Link> links;
    for (Link l : fragment.links) {
        l.id = next++;
        l.from = newIds.value(l.from);
        l.to = newIds.value(l.to);
        links.append(l);
    }
    m_undoStack.push(new InsertItemsCommand(this,
                                            nodes,
                                            links,
                                            tr("Paste %n node(s)", nullptr, int(nodes.size()))));
    QList<int> ids;
    for (const Node &n : nodes)
        ids.append(n.id);
    return ids;
}

QList<int> DiagramDocument::duplicate(const QList<int> &nodeIds, const QPointF &offset)
{
    return paste(copy(nodeIds), offset);
}

// --- Mutators ---------------------------------------------------------------------------

int DiagramDocument::nodeIndex(int id) const
{
    for (int i = 0; i < m_diagram.nodes.size(); ++i) {
        if (m_diagram.nodes[i].id == id)
            return i;
    }
    return -1;
}

int DiagramDocument::linkIndex(int id) const
{
    for (int i = 0; i < m_diagram.links.size(); ++i) {
        if (m_diagram.links[i].id == id)
            return i;
    }
    return -1;
}

void DiagramDocument::insertNode(int index, const Node &node)
{
    m_diagram.nodes.insert(index, node);
    emit nodeAdded(node.id);
}

void DiagramDocument::removeNodeAt(int index)
{
    const int id = m_diagram.nodes[index].id;
    m_diagram.nodes.removeAt(index);
    emit nodeRemoved(id);
}

void DiagramDocument::insertLink(int index, const Link &link)
{
    m_diagram.links.insert(index, link);
    emit linkAdded(link.id);
}

void DiagramDocument::removeLinkAt(int index)
{
    const int id = m_diagram.links[index].id;
    m_diagram.links.removeAt(index);
    emit linkRemoved(id);
}

void DiagramDocument::setPosition(int nodeId, const QPointF &position)
{
    if (Node *n = m_diagram.node(nodeId)) {
        n->position = position;
        emit nodeMoved(nodeId);
    }
}

void DiagramDocument::setSetting(int nodeId, const QString &key, const QVariant &value)
{
    if (Node *n = m_diagram.node(nodeId)) {
        if (value.isValid())
            n->settings.insert(key, value);
        else
            n->settings.remove(key);
        emit nodeSettingChanged(nodeId, key, n->setting(key));
    }
}

void DiagramDocument::setName(int nodeId, const QString &name)
{
    if (Node *n = m_diagram.node(nodeId)) {
        n->name = name;
        emit nodeRenamed(nodeId);
    }
}

} // namespace flowlab
