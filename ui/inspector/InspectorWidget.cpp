#include "InspectorWidget.h"

#include "NodePage.h"
#include "document/DiagramDocument.h"

#include <QLabel>
#include <QLineEdit>
#include <QScrollArea>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace flowlab {

InspectorWidget::InspectorWidget(DiagramDocument *document, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
    , m_stack(new QStackedWidget)
    , m_placeholder(new QWidget)
{
    // The empty state: what to do, and how to get going.
    auto *hint = new QLabel(placeholderText(), m_placeholder);
    hint->setObjectName(QStringLiteral("inspectorPlaceholder"));
    hint->setAlignment(Qt::AlignCenter);
    hint->setWordWrap(true);
    QFont bigger = hint->font();
    bigger.setPointSizeF(bigger.pointSizeF() * 1.1);
    hint->setFont(bigger);
    auto *tips = new QLabel(tr("Click a card on the canvas to change its settings here, even "
                               "while the simulation runs. Double-click a card to rename it."),
                            m_placeholder);
    tips->setObjectName(QStringLiteral("inspectorTips"));
    tips->setAlignment(Qt::AlignCenter);
    tips->setWordWrap(true);
    // The palette's disabled text colour: hints, not content.
    hint->setEnabled(false);
    tips->setEnabled(false);
    auto *column = new QVBoxLayout(m_placeholder);
    column->setContentsMargins(24, 24, 24, 24);
    column->addStretch(2);
    column->addWidget(hint);
    column->addSpacing(12);
    column->addWidget(tips);
    column->addStretch(3);
    m_stack->addWidget(m_placeholder);

    // A queue has many settings: the page scrolls rather than stretching the dock.
    auto *scroll = new QScrollArea(this);
    scroll->setWidget(m_stack);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(scroll);

    connect(document,
            &DiagramDocument::nodeSettingChanged,
            this,
            [this](int id, const QString &key, const QVariant &value) {
                if (NodePage *page = currentPage(); page && page->nodeId() == id)
                    page->showSetting(key, value);
            });
    connect(document, &DiagramDocument::nodeRenamed, this, [this](int id) {
        if (NodePage *page = currentPage(); page && page->nodeId() == id)
            page->showName();
    });
    connect(document, &DiagramDocument::nodeRemoved, this, [this](int id) {
        if (nodeId() == id)
            showPlaceholder();
    });
    connect(document, &DiagramDocument::documentReset, this, &InspectorWidget::showPlaceholder);
}

QString InspectorWidget::placeholderText()
{
    return tr("Select a node to see its settings");
}

int InspectorWidget::nodeId() const
{
    const NodePage *page = currentPage();
    return page ? page->nodeId() : 0;
}

NodePage *InspectorWidget::currentPage() const
{
    return qobject_cast<NodePage *>(m_stack->currentWidget());
}

void InspectorWidget::focusName()
{
    if (NodePage *page = currentPage()) {
        page->nameEdit()->setFocus(Qt::OtherFocusReason);
        page->nameEdit()->selectAll();
    }
}

void InspectorWidget::showNodes(const QList<int> &nodeIds)
{
    const Node *n = nodeIds.size() == 1 ? m_document->diagram().node(nodeIds.first()) : nullptr;
    if (!n) {
        showPlaceholder();
        return;
    }
    NodePage *page = pageFor(n->kind);
    if (page == currentPage() && page->nodeId() == n->id)
        return;
    page->load(n->id);
    setCurrent(page);
}

void InspectorWidget::setLive(bool live)
{
    m_live = live;
    for (NodePage *page : std::as_const(m_pages))
        page->setLive(live);
}

NodePage *InspectorWidget::pageFor(NodeKind kind)
{
    NodePage *&page = m_pages[int(kind)];
    if (!page) {
        page = new NodePage(m_document, kind, m_stack);
        page->setLive(m_live);
        m_stack->addWidget(page);
    }
    return page;
}

void InspectorWidget::showPlaceholder()
{
    if (NodePage *page = currentPage())
        page->load(0);
    setCurrent(m_placeholder);
}

void InspectorWidget::setCurrent(QWidget *page)
{
    // A stacked widget is as large as its largest page; the pages not on show are made to
    // ask for nothing, so the hint does not sit in a scroll area as tall as a queue's page.
    for (int i = 0; i < m_stack->count(); ++i) {
        QWidget *w = m_stack->widget(i);
        const auto policy = w == page ? QSizePolicy::Preferred : QSizePolicy::Ignored;
        w->setSizePolicy(policy, policy);
    }
    m_stack->setCurrentWidget(page);
    m_stack->adjustSize();
}

} // namespace flowlab
