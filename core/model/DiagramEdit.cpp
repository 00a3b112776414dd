#include "DiagramEdit.h"

#include "PropertySchema.h"

#include <algorithm>

namespace flowlab {

namespace {

template<typename Item>
QHash<int, const Item *> byId(const QVector<Item> &items)
{
    QHash<int, const Item *> map;
    map.reserve(items.size());
    for (const Item &i : items)
        map.insert(i.id, &i);
    return map;
}

DiagramEdit edit(DiagramEdit::Kind kind, int id)
{
    DiagramEdit e;
    e.kind = kind;
    e.id = id;
    return e;
}

} // namespace

QVector<DiagramEdit> diagramEdits(const Diagram &before, const Diagram &after)
{
    QVector<DiagramEdit> out;
    // Implicit sharing makes the common case (nothing changed) a pointer comparison.
    if (before.nodes == after.nodes && before.links == after.links)
        return out;
    const auto oldNodes = byId(before.nodes);
    const auto newNodes = byId(after.nodes);
    const auto oldLinks = byId(before.links);
    const auto newLinks = byId(after.links);

    for (const Link &l : before.links) {
        const Link *now = newLinks.value(l.id);
        if (!now || !(*now == l))
            out.append(edit(DiagramEdit::Kind::RemoveLink, l.id));
    }
    for (const Node &n : before.nodes) {
        const Node *now = newNodes.value(n.id);
        if (!now || now->kind != n.kind)
            out.append(edit(DiagramEdit::Kind::RemoveNode, n.id));
    }
    for (const Node &n : after.nodes) {
        const Node *was = oldNodes.value(n.id);
        if (!was || was->kind != n.kind) {
            DiagramEdit e = edit(DiagramEdit::Kind::AddNode, n.id);
            e.node = n;
            out.append(e);
        }
    }
    for (const Link &l : after.links) {
        const Link *was = oldLinks.value(l.id);
        if (!was || !(*was == l)) {
            DiagramEdit e = edit(DiagramEdit::Kind::AddLink, l.id);
            e.link = l;
            out.append(e);
        }
    }
    for (const Node &n : after.nodes) {
        const Node *was = oldNodes.value(n.id);
        if (!was || was->kind != n.kind)
            continue;
        if (was->name != n.name) {
            DiagramEdit e = edit(DiagramEdit::Kind::Rename, n.id);
            e.key = n.name;
            out.append(e);
        }
        if (was->settings == n.settings)
            continue;
        for (const PropertyDef &def : PropertySchema::forKind(n.kind).properties()) {
            const QVariant value = n.setting(def.key);
            if (value != was->setting(def.key)) {
                DiagramEdit e = edit(DiagramEdit::Kind::SetSetting, n.id);
                e.key = def.key;
                e.value = value;
                out.append(e);
            }
        }
    }
    return out;
}

bool applyDiagramEdit(Diagram &d, const DiagramEdit &e)
{
    switch (e.kind) {
    case DiagramEdit::Kind::AddNode:
        if (d.node(e.node.id) || d.link(e.node.id))
            return false;
        d.nodes.append(e.node);
        return true;
    case DiagramEdit::Kind::RemoveNode: {
        const auto it = std::find_if(d.nodes.begin(), d.nodes.end(), [&](const Node &n) {
            return n.id == e.id;
        });
        if (it == d.nodes.end())
            return false;
        d.nodes.erase(it);
        d.links.removeIf([&](const Link &l) { return l.from == e.id || l.to == e.id; });
        return true;
    }
    case DiagramEdit::Kind::AddLink:
        if (d.node(e.link.id) || d.link(e.link.id) || !d.node(e.link.from) || !d.node(e.link.to))
            return false;
        d.links.append(e.link);
        return true;
    case DiagramEdit::Kind::RemoveLink: {
        const qsizetype before = d.links.size();
        d.links.removeIf([&](const Link &l) { return l.id == e.id; });
        return d.links.size() != before;
    }
    case DiagramEdit::Kind::SetSetting:
        if (Node *n = d.node(e.id)) {
            n->settings.insert(e.key, e.value);
            return true;
        }
        return false;
    case DiagramEdit::Kind::Rename:
        if (Node *n = d.node(e.id)) {
            n->name = e.key;
            return true;
        }
        return false;
    }
    return false;
}

} // namespace flowlab
