#include "EventLogWidget.h"

#include "EventLogModel.h"
#include "document/DiagramDocument.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QScrollBar>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace flowlab {

EventLogWidget::EventLogWidget(DiagramDocument *document, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
    , m_model(new EventLogModel(this))
    , m_filter(new EventLogFilter(m_model, this))
    , m_view(new QTableView(this))
{
    setObjectName(QStringLiteral("eventLog"));
    m_view->setObjectName(QStringLiteral("eventLogView"));
    m_view->setModel(m_filter);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setWordWrap(false);
    m_view->setTextElideMode(Qt::ElideRight);
    m_view->setAlternatingRowColors(true);
    m_view->setShowGrid(false);
    m_view->verticalHeader()->hide();
    // Fixed row heights: the view never measures a hundred thousand rows.
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    QHeaderView *header = m_view->horizontalHeader();
    header->setSectionResizeMode(EventLogModel::TimeColumn, QHeaderView::Fixed);
    header->resizeSection(EventLogModel::TimeColumn,
                          m_view->fontMetrics().horizontalAdvance(QStringLiteral("0:00:00.000"))
                              + 16);
    header->resizeSection(EventLogModel::NodeColumn, 120);
    header->setStretchLastSection(true);
    header->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("eventLogStatus"));
    m_status->setContentsMargins(4, 0, 4, 0);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(4);
    layout->addWidget(createFilterBar());
    layout->addWidget(m_view, 1);
    layout->addWidget(m_status);

    QScrollBar *bar = m_view->verticalScrollBar();
    connect(bar, &QScrollBar::rangeChanged, this, [this] {
        if (m_follow)
            setFollowing(true);
    });
    connect(bar, &QScrollBar::valueChanged, this, &EventLogWidget::onScrolled);
    connect(m_filter, &QAbstractItemModel::rowsInserted, this, &EventLogWidget::updateStatus);
    connect(m_filter, &QAbstractItemModel::rowsRemoved, this, &EventLogWidget::updateStatus);
    connect(m_filter, &QAbstractItemModel::modelReset, this, &EventLogWidget::updateStatus);
    connect(m_filter, &QAbstractItemModel::layoutChanged, this, &EventLogWidget::updateStatus);

    // Names, queue settings and the node list follow the document.
    auto refresh = [this] {
        m_model->setDiagram(m_document->diagram());
        fillNodeCombo();
    };
    connect(document, &DiagramDocument::documentReset, this, refresh);
    connect(document, &DiagramDocument::nodeAdded, this, refresh);
    connect(document, &DiagramDocument::nodeRemoved, this, refresh);
    connect(document, &DiagramDocument::nodeRenamed, this, refresh);
    connect(document, &DiagramDocument::linkAdded, this, refresh);
    connect(document, &DiagramDocument::linkRemoved, this, refresh);
    // Settings matter to the lines still to come (maxReceiveCount, retention).
    connect(document, &DiagramDocument::nodeSettingChanged, this, [this] {
        m_model->setDiagram(m_document->diagram(), false);
    });
    refresh();
    updateStatus();
}

QWidget *EventLogWidget::createFilterBar()
{
    auto *bar = new QWidget(this);
    auto *row = new QHBoxLayout(bar);
    row->setContentsMargins(0, 0, 0, 0);

    m_nodeCombo = new QComboBox(bar);
    m_nodeCombo->setObjectName(QStringLiteral("eventLogNode"));
    m_nodeCombo->setToolTip(tr("Show the events of one node (and the messages it sent, "
                               "received or dead-lettered)"));
    m_nodeCombo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    connect(m_nodeCombo, &QComboBox::activated, this, [this](int index) {
        m_filter->setNode(m_nodeCombo->itemData(index).toInt());
    });

    m_kindsButton = new QToolButton(bar);
    m_kindsButton->setObjectName(QStringLiteral("eventLogKinds"));
    m_kindsButton->setText(tr("Events"));
    m_kindsButton->setToolTip(tr("Which kinds of event to show"));
    m_kindsButton->setPopupMode(QToolButton::InstantPopup);
    auto *menu = new QMenu(m_kindsButton);
    for (int g = 0; g < kNarrationGroupCount; ++g) {
        QAction *a = menu->addAction(narrationGroupName(NarrationGroup(g)));
        a->setObjectName(QStringLiteral("eventLogKind%1").arg(g));
        a->setCheckable(true);
        a->setChecked(true);
        connect(a, &QAction::toggled, this, [this, g](bool on) {
            m_filter->setGroupShown(NarrationGroup(g), on);
            int shown = 0;
            for (int i = 0; i < kNarrationGroupCount; ++i)
                shown += m_filter->groupShown(NarrationGroup(i)) ? 1 : 0;
            m_kindsButton->setText(
                shown == kNarrationGroupCount
                    ? tr("Events")
                    : tr("Events (%1 of %2)").arg(shown).arg(kNarrationGroupCount));
        });
    }
    m_kindsButton->setMenu(menu);

    m_textEdit = new QLineEdit(bar);
    m_textEdit->setObjectName(QStringLiteral("eventLogText"));
    m_textEdit->setPlaceholderText(tr("Filter: m-42, visible again, orders…"));
    m_textEdit->setClearButtonEnabled(true);
    // The filter runs over the whole log (up to EventLogModel::kMaxLines sentences: about
    // 0.15 s when full), so it waits for a pause in the typing rather than running at every
    // keystroke.
    m_textTimer = new QTimer(this);
    m_textTimer->setSingleShot(true);
    m_textTimer->setInterval(kTextFilterDelayMs);
    connect(m_textTimer, &QTimer::timeout, this, [this] { m_filter->setText(m_textEdit->text()); });
    connect(m_textEdit, &QLineEdit::textChanged, m_textTimer, qOverload<>(&QTimer::start));

    m_followButton = new QToolButton(bar);
    m_followButton->setObjectName(QStringLiteral("eventLogFollow"));
    m_followButton->setText(tr("Follow"));
    m_followButton->setCheckable(true);
    m_followButton->setChecked(true);
    m_followButton->setToolTip(tr("Keep the newest event in sight. Scrolling up stops "
                                  "following; scrolling to the bottom follows again."));
    connect(m_followButton, &QToolButton::clicked, this, &EventLogWidget::setFollowing);

    row->addWidget(m_nodeCombo);
    row->addWidget(m_kindsButton);
    row->addWidget(m_textEdit, 1);
    row->addWidget(m_followButton);
    return bar;
}

void EventLogWidget::fillNodeCombo()
{
    const int current = m_filter->node();
    QVector<const Node *> nodes;
    for (const Node &n : m_document->diagram().nodes)
        nodes.append(&n);
    std::sort(nodes.begin(), nodes.end(), [](const Node *a, const Node *b) {
        return QString::localeAwareCompare(a->name, b->name) < 0;
    });
    m_nodeCombo->clear();
    m_nodeCombo->addItem(tr("All nodes"), 0);
    for (const Node *n : nodes)
        m_nodeCombo->addItem(n->name, n->id);
    const int index = m_nodeCombo->findData(current);
    m_nodeCombo->setCurrentIndex(qMax(0, index));
    // A node that is gone: show everything again.
    m_filter->setNode(index < 0 ? 0 : current);
}

void EventLogWidget::showFrame(const FramePtr &frame)
{
    if (!frame) {
        m_model->clear();
        setFollowing(true);
        return;
    }
    m_model->appendFrame(*frame);
}

void EventLogWidget::setFollowing(bool follow)
{
    m_follow = follow;
    m_followButton->setChecked(follow);
    if (follow) {
        m_scrolling = true;
        m_view->scrollToBottom();
        m_scrolling = false;
    }
}

void EventLogWidget::onScrolled(int value)
{
    if (m_scrolling)
        return;
    // Scrolled up by the person: stay put. Back at the bottom: follow again.
    const bool atBottom = value >= m_view->verticalScrollBar()->maximum();
    if (atBottom != m_follow) {
        m_follow = atBottom;
        m_followButton->setChecked(atBottom);
    }
}

void EventLogWidget::updateStatus()
{
    const int shown = m_filter->rowCount();
    const int total = m_model->rowCount();
    QString text;
    if (total == 0)
        text = tr("Run the simulation to see each event explained here.");
    else if (shown == total)
        text = tr("%L1 lines").arg(total);
    else
        text = tr("%L1 of %L2 lines shown").arg(shown).arg(total);
    if (m_model->droppedLines() > 0)
        text += tr(" · %L1 older ones dropped (the log keeps the newest %L2)")
                    .arg(m_model->droppedLines())
                    .arg(EventLogModel::kMaxLines);
    m_status->setText(text);
}

} // namespace flowlab
