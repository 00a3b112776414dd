#include "BreakpointsWidget.h"

#include "BreakpointModel.h"
#include "document/DiagramDocument.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace flowlab {

BreakpointDialog::BreakpointDialog(DiagramDocument *document, int queue, QWidget *parent)
    : QDialog(parent)
    , m_queue(new QComboBox(this))
    , m_condition(new QComboBox(this))
    , m_limit(new QDoubleSpinBox(this))
    , m_explanation(new QLabel(this))
{
    setWindowTitle(tr("Add Breakpoint"));
    for (const Node &n : document->diagram().nodes) {
        if (n.kind == NodeKind::SqsQueue)
            m_queue->addItem(n.name, n.id);
    }
    m_queue->setCurrentIndex(qMax(0, m_queue->findData(queue)));
    m_condition->addItem(BreakpointModel::conditionName(Breakpoint::Condition::VisibleDepth),
                         int(Breakpoint::Condition::VisibleDepth));
    m_condition->addItem(BreakpointModel::conditionName(Breakpoint::Condition::OldestAge),
                         int(Breakpoint::Condition::OldestAge));
    m_condition->addItem(BreakpointModel::conditionName(Breakpoint::Condition::DeadLetter),
                         int(Breakpoint::Condition::DeadLetter));
    m_explanation->setWordWrap(true);
    m_explanation->setMinimumWidth(360);

    auto *form = new QFormLayout;
    form->addRow(tr("&Queue:"), m_queue);
    form->addRow(tr("&Pause when:"), m_condition);
    form->addRow(tr("&Limit:"), m_limit);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setEnabled(hasQueues());
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_explanation);
    layout->addWidget(buttons);

    connect(m_condition, &QComboBox::currentIndexChanged, this, &BreakpointDialog::conditionChosen);
    conditionChosen();
}

bool BreakpointDialog::hasQueues() const
{
    return m_queue->count() > 0;
}

void BreakpointDialog::conditionChosen()
{
    switch (Breakpoint::Condition(m_condition->currentData().toInt())) {
    case Breakpoint::Condition::VisibleDepth:
        m_limit->setEnabled(true);
        m_limit->setDecimals(0);
        m_limit->setRange(1, 1e9);
        m_limit->setSuffix(tr(" messages"));
        m_limit->setValue(100);
        m_explanation->setText(tr("Pauses after the event that brings "
                                  "ApproximateNumberOfMessagesVisible up to the limit. It fires "
                                  "again only after the depth has dropped below it."));
        break;
    case Breakpoint::Condition::OldestAge:
        m_limit->setEnabled(true);
        m_limit->setDecimals(3);
        m_limit->setRange(0.001, 1209600);
        m_limit->setSuffix(tr(" s"));
        m_limit->setValue(60);
        m_explanation->setText(tr("Pauses at the instant ApproximateAgeOfOldestMessage (the "
                                  "oldest visible or in-flight message) reaches the limit, even "
                                  "between two events. It fires again only after the age has "
                                  "dropped below it."));
        break;
    case Breakpoint::Condition::DeadLetter:
        m_limit->setEnabled(false);
        m_limit->setSuffix(QString());
        m_explanation->setText(tr("Pauses after each message the redrive policy moves from this "
                                  "queue to its dead-letter queue, or, when this queue is a "
                                  "dead-letter queue, into it."));
        break;
    }
}

Breakpoint BreakpointDialog::breakpoint() const
{
    Breakpoint b;
    b.queue = m_queue->currentData().toInt();
    b.condition = Breakpoint::Condition(m_condition->currentData().toInt());
    b.limit = b.condition == Breakpoint::Condition::DeadLetter ? 0.0 : m_limit->value();
    return b;
}

BreakpointsWidget::BreakpointsWidget(DiagramDocument *document, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
    , m_model(new BreakpointModel(document, this))
    , m_view(new QTableView(this))
    , m_empty(new QLabel(this))
    , m_removeButton(new QPushButton(tr("&Remove"), this))
{
    setObjectName(QStringLiteral("breakpoints"));
    m_view->setObjectName(QStringLiteral("breakpointsView"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setWordWrap(false);
    m_view->setShowGrid(false);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->horizontalHeader()->resizeSection(BreakpointModel::QueueColumn, 100);
    m_view->horizontalHeader()->resizeSection(BreakpointModel::ConditionColumn, 165);

    m_empty->setObjectName(QStringLiteral("breakpointsEmpty"));
    m_empty->setWordWrap(true);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setText(tr("No breakpoints. Add one to pause the run when a queue's backlog or "
                        "its oldest message passes a limit, or when a message is "
                        "dead-lettered."));
    m_empty->setContentsMargins(12, 12, 12, 12);

    auto *add = new QPushButton(tr("&Add…"), this);
    add->setObjectName(QStringLiteral("addBreakpoint"));
    m_removeButton->setObjectName(QStringLiteral("removeBreakpoint"));
    connect(add, &QPushButton::clicked, this, [this] { addBreakpoint(); });
    connect(m_removeButton, &QPushButton::clicked, this, &BreakpointsWidget::removeSelected);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(add);
    buttons->addWidget(m_removeButton);
    buttons->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(buttons);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_empty, 1);

    connect(m_model, &QAbstractItemModel::rowsInserted, this, &BreakpointsWidget::updateButtons);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &BreakpointsWidget::updateButtons);
    connect(m_model, &QAbstractItemModel::modelReset, this, &BreakpointsWidget::updateButtons);
    connect(m_view->selectionModel(),
            &QItemSelectionModel::selectionChanged,
            this,
            &BreakpointsWidget::updateButtons);
    updateButtons();
}

void BreakpointsWidget::addBreakpoint(int queue)
{
    BreakpointDialog dialog(m_document, queue, this);
    if (dialog.exec() != QDialog::Accepted || !dialog.hasQueues())
        return;
    const int id = m_model->add(dialog.breakpoint());
    m_view->selectRow(m_model->rowOf(id));
}

void BreakpointsWidget::removeSelected()
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    if (!rows.isEmpty())
        m_model->removeAt(rows.first().row());
}

void BreakpointsWidget::updateButtons()
{
    const bool any = m_model->rowCount() > 0;
    m_view->setVisible(any);
    m_empty->setVisible(!any);
    m_removeButton->setEnabled(m_view->selectionModel()->hasSelection());
}

} // namespace flowlab
