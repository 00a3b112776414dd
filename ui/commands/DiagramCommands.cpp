#include "DiagramCommands.h"

#include "document/DiagramDocument.h"

#include <QDateTime>

#include <algorithm>

namespace flowlab {

InsertItemsCommand::InsertItemsCommand(DiagramDocument *doc,
                                       QVector<Node> nodes,
                                       QVector<Link> links,
                                       const QString &text)
    : m_doc(doc)
    , m_nodes(std::move(nodes))
    , m_links(std::move(links))
{
    setText(text);
}

void InsertItemsCommand::redo()
{
    for (const Node &n : m_nodes)
        m_doc->insertNode(int(m_doc->diagram().nodes.size()), n);
    for (const Link &l : m_links)
        m_doc->insertLink(int(m_doc->diagram().links.size()), l);
}

void InsertItemsCommand::undo()
{
    for (auto it = m_links.crbegin(); it != m_links.crend(); ++it)
        m_doc->removeLinkAt(m_doc->linkIndex(it->id));
    for (auto it = m_nodes.crbegin(); it != m_nodes.crend(); ++it)
        m_doc->removeNodeAt(m_doc->nodeIndex(it->id));
}

RemoveItemsCommand::RemoveItemsCommand(DiagramDocument *doc,
                                       const QList<int> &nodeIds,
                                       const QList<int> &linkIds)
    : m_doc(doc)
{
    const Diagram &d = doc->diagram();
    for (int i = 0; i < d.nodes.size(); ++i) {
        if (nodeIds.contains(d.nodes[i].id))
            m_nodes.append({i, d.nodes[i]});
    }
    for (int i = 0; i < d.links.size(); ++i) {
        const Link &l = d.links[i];
        if (linkIds.contains(l.id) || nodeIds.contains(l.from) || nodeIds.contains(l.to))
            m_links.append({i, l});
    }
    const int count = int(m_nodes.size() + m_links.size());
    if (m_nodes.size() == 1 && m_links.isEmpty())
        setText(QObject::tr("Delete %1").arg(m_nodes.first().second.name));
    else
        setText(QObject::tr("Delete %n item(s)", nullptr, count));
}

void RemoveItemsCommand::redo()
{
    // Highest index first, so the lower indices stay valid; links before their nodes.
    for (auto it = m_links.crbegin(); it != m_links.crend(); ++it)
        m_doc->removeLinkAt(it->first);
    for (auto it = m_nodes.crbegin(); it != m_nodes.crend(); ++it)
        m_doc->removeNodeAt(it->first);
}

void RemoveItemsCommand::undo()
{
    for (const auto &n : m_nodes)
        m_doc->insertNode(n.first, n.second);
    for (const auto &l : m_links)
        m_doc->insertLink(l.first, l.second);
}

MoveNodesCommand::MoveNodesCommand(DiagramDocument *doc,
                                   QHash<int, QPointF> from,
                                   QHash<int, QPointF> to,
                                   bool mergeable)
    : m_doc(doc)
    , m_from(std::move(from))
    , m_to(std::move(to))
    , m_mergeable(mergeable)
{
    setText(m_to.size() == 1 ? QObject::tr("Move node")
                             : QObject::tr("Move %n node(s)", nullptr, int(m_to.size())));
}

void MoveNodesCommand::redo()
{
    for (auto it = m_to.cbegin(); it != m_to.cend(); ++it)
        m_doc->setPosition(it.key(), it.value());
}

void MoveNodesCommand::undo()
{
    for (auto it = m_from.cbegin(); it != m_from.cend(); ++it)
        m_doc->setPosition(it.key(), it.value());
}

int MoveNodesCommand::id() const
{
    return m_mergeable ? DiagramDocument::MergeMove : -1;
}

bool MoveNodesCommand::mergeWith(const QUndoCommand *other)
{
    const auto *o = static_cast<const MoveNodesCommand *>(other);
    if (!o->m_mergeable)
        return false;
    const QList<int> mine = m_to.keys();
    const QList<int> theirs = o->m_to.keys();
    if (QSet<int>(mine.begin(), mine.end()) != QSet<int>(theirs.begin(), theirs.end()))
        return false;
    m_to = o->m_to;
    setObsolete(m_to == m_from);
    return true;
}

ChangeSettingCommand::ChangeSettingCommand(DiagramDocument *doc,
                                           int nodeId,
                                           const QString &key,
                                           const QVariant &before,
                                           const QVariant &after,
                                           bool mergeable)
    : m_doc(doc)
    , m_nodeId(nodeId)
    , m_key(key)
    , m_before(before)
    , m_after(after)
    , m_mergeable(mergeable)
    , m_lastChangeMs(QDateTime::currentMSecsSinceEpoch())
{
    setText(QObject::tr("Change %1").arg(key));
}

void ChangeSettingCommand::redo()
{
    m_doc->setSetting(m_nodeId, m_key, m_after);
}

void ChangeSettingCommand::undo()
{
    m_doc->setSetting(m_nodeId, m_key, m_before);
}

int ChangeSettingCommand::id() const
{
    return m_mergeable ? DiagramDocument::MergeSetting : -1;
}

bool ChangeSettingCommand::mergeWith(const QUndoCommand *other)
{
    const auto *o = static_cast<const ChangeSettingCommand *>(other);
    if (!o->m_mergeable || o->m_nodeId != m_nodeId || o->m_key != m_key)
        return false;
    // One gesture: a pause of a second or more starts a new undo step.
    if (o->m_lastChangeMs - m_lastChangeMs >= 1000)
        return false;
    m_lastChangeMs = o->m_lastChangeMs;
    m_after = o->m_after;
    setObsolete(m_after == m_before);
    return true;
}

RenameNodeCommand::RenameNodeCommand(DiagramDocument *doc,
                                     int nodeId,
                                     const QString &before,
                                     const QString &after)
    : m_doc(doc)
    , m_nodeId(nodeId)
    , m_before(before)
    , m_after(after)
{
    setText(QObject::tr("Rename %1 to %2").arg(before, after));
}

void RenameNodeCommand::redo()
{
    m_doc->setName(m_nodeId, m_after);
}

void RenameNodeCommand::undo()
{
    m_doc->setName(m_nodeId, m_before);
}

} // namespace flowlab
