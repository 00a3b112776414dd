#include "QueuePeekWidget.h"

#include "InspectionText.h"
#include "PeekFilterModel.h"
#include "QueuePeekModel.h"
#include "document/DiagramDocument.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QStackedWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace flowlab {

QueuePeekWidget::QueuePeekWidget(const DiagramDocument *document, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
    , m_model(new QueuePeekModel(this))
    , m_proxy(new PeekFilterModel(this))
    , m_status(new QLabel(this))
    , m_filter(new QLineEdit(this))
    , m_stateCombo(new QComboBox(this))
    , m_stack(new QStackedWidget(this))
    , m_placeholder(new QLabel(this))
    , m_table(new QTableView(this))
{
    m_proxy->setSourceModel(m_model);
    m_status->setObjectName(QStringLiteral("peekStatus"));
    m_status->setTextFormat(Qt::PlainText);

    m_filter->setObjectName(QStringLiteral("peekFilter"));
    m_filter->setPlaceholderText(tr("Filter by message or group"));
    m_filter->setClearButtonEnabled(true);
    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_proxy->setTextFilter(text);
        updateStatus();
    });

    m_stateCombo->setObjectName(QStringLiteral("peekStateFilter"));
    m_stateCombo->addItem(tr("All states"), -1);
    for (PeekState s : {PeekState::Visible, PeekState::InFlight, PeekState::Delayed})
        m_stateCombo->addItem(InspectionText::stateName(s), int(s));
    connect(m_stateCombo, &QComboBox::currentIndexChanged, this, [this] {
        const int s = m_stateCombo->currentData().toInt();
        m_proxy->setStateFilter(s < 0 ? std::nullopt : std::optional<PeekState>(PeekState(s)));
        updateStatus();
    });

    m_placeholder->setObjectName(QStringLiteral("peekPlaceholder"));
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    m_placeholder->setForegroundRole(QPalette::PlaceholderText);

    m_table->setObjectName(QStringLiteral("peekTable"));
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(QueuePeekModel::IdColumn, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->horizontalHeader()->setDefaultSectionSize(90);
    m_table->setColumnWidth(QueuePeekModel::IdColumn, 80);
    m_table->setColumnWidth(QueuePeekModel::GroupColumn, 120);
    m_table->setColumnWidth(QueuePeekModel::ReceivesColumn, 70);
    m_table->setColumnWidth(QueuePeekModel::VisibleAtColumn, 110);
    m_table->setToolTip(tr("Click a message to see its passport"));
    connect(m_table, &QTableView::clicked, this, &QueuePeekWidget::activateRow);
    connect(m_table, &QTableView::activated, this, &QueuePeekWidget::activateRow);

    m_stack->addWidget(m_placeholder);
    m_stack->addWidget(m_table);

    auto *filters = new QHBoxLayout;
    m_filter->setMaximumWidth(360);
    filters->addWidget(m_filter, 1);
    filters->addWidget(m_stateCombo);
    filters->addStretch(0);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->setSpacing(4);
    layout->addWidget(m_status);
    layout->addLayout(filters);
    layout->addWidget(m_stack, 1);

    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(m_proxy, signal, this, &QueuePeekWidget::updateStatus);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &QueuePeekWidget::updateStatus);
    // A renamed queue shows its new name at once.
    connect(m_document, &DiagramDocument::nodeRenamed, this, [this](int id) {
        if (id == m_queue)
            updateStatus();
    });
    updateStatus();
}

void QueuePeekWidget::setQueue(int nodeId)
{
    if (nodeId == m_queue)
        return;
    m_queue = nodeId;
    m_model->setPeek(nullptr);
    updateStatus();
    emit queueChanged(nodeId);
}

void QueuePeekWidget::showFrame(const FramePtr &frame)
{
    if (!frame) {
        m_model->setPeek(nullptr);
    } else if (frame->peek && frame->peek->nodeId == m_queue) {
        m_model->setPeek(frame->peek);
    } else if (frame->peek == nullptr || frame->peek->nodeId != m_queue) {
        // The runner has not taken the new queue yet, or the queue is gone.
        if (m_model->peek() && m_model->peek()->nodeId != m_queue)
            m_model->setPeek(nullptr);
    }
    updateStatus();
}

void QueuePeekWidget::activateRow(const QModelIndex &proxyIndex)
{
    const quint64 message = proxyIndex.data(QueuePeekModel::MessageRole).toULongLong();
    if (message != 0)
        emit messageActivated(message);
}

QString QueuePeekWidget::placeholderText() const
{
    return m_stack->currentWidget() == m_placeholder ? m_placeholder->text() : QString();
}

QString QueuePeekWidget::statusText() const
{
    return m_status->text();
}

void QueuePeekWidget::updateStatus()
{
    const QLocale locale;
    const QString name = InspectionText::nodeName(m_document->diagram(), m_queue);
    const std::shared_ptr<const QueuePeek> &peek = m_model->peek();
    QString placeholder;
    if (m_queue == 0)
        placeholder = tr("Select a queue on the canvas to see its messages.");
    else if (!peek)
        placeholder = tr("Run the simulation to see the messages in %1.").arg(name);
    else if (peek->total == 0)
        placeholder = tr("The queue is empty.");

    QString status;
    if (m_queue == 0) {
        status = tr("No queue selected");
    } else if (!peek) {
        status = name;
    } else {
        status = peek->total == 1 ? tr("%1 · 1 message").arg(name)
                                  : tr("%1 · %2 messages").arg(name, locale.toString(peek->total));
        if (peek->capped())
            status += tr(" · showing the %1 oldest").arg(locale.toString(peek->rows.size()));
        const int shown = m_proxy->rowCount();
        if (peek->total > 0 && shown < m_model->rowCount())
            status += tr(" · %1 match the filter").arg(locale.toString(shown));
    }
    m_status->setText(status);
    m_placeholder->setText(placeholder);
    m_stack->setCurrentWidget(placeholder.isEmpty() ? static_cast<QWidget *>(m_table)
                                                    : m_placeholder);
    m_table->setColumnHidden(QueuePeekModel::GroupColumn, !peek || !peek->fifo);
}

} // namespace flowlab
