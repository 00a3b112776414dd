#include "PassportWidget.h"

#include "InspectionText.h"
#include "RunController.h"
#include "document/DiagramDocument.h"
#include "sim/SqsService.h"

#include <QHeaderView>
#include <QLabel>
#include <QScrollBar>
#include <QStackedWidget>
#include <QTableWidget>
#include <QVBoxLayout>

namespace flowlab {

PassportWidget::PassportWidget(const DiagramDocument *document, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
    , m_title(new QLabel(this))
    , m_note(new QLabel(this))
    , m_stack(new QStackedWidget(this))
    , m_placeholder(new QLabel(this))
    , m_table(new QTableWidget(0, ColumnCount, this))
{
    m_title->setObjectName(QStringLiteral("passportTitle"));
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_title->setWordWrap(true);
    m_note->setObjectName(QStringLiteral("passportNote"));
    m_note->setWordWrap(true);
    m_note->setForegroundRole(QPalette::PlaceholderText);
    m_note->hide();

    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    m_placeholder->setForegroundRole(QPalette::PlaceholderText);

    m_table->setObjectName(QStringLiteral("passportTable"));
    m_table->setHorizontalHeaderLabels({tr("Time"),
                                        tr("What"),
                                        tr("Where"),
                                        tr("Who / detail"),
                                        tr("Receives"),
                                        tr("Visible at"),
                                        tr("Receipt handle")});
    m_table->horizontalHeaderItem(HandleColumn)
        ->setToolTip(tr("The receipt handle this receive issued, as an SQS client gets it"));
    m_table->horizontalHeaderItem(VisibleAtColumn)
        ->setToolTip(tr("When the message becomes visible again (receive, visibility change) "
                        "or when its delay ends"));
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideMiddle);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setDefaultSectionSize(90);
    m_table->setColumnWidth(EventColumn, 170);
    m_table->setColumnWidth(DetailColumn, 140);
    m_table->setColumnWidth(ReceivesColumn, 64);

    m_stack->addWidget(m_placeholder);
    m_stack->addWidget(m_table);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->setSpacing(4);
    layout->addWidget(m_title);
    layout->addWidget(m_note);
    layout->addWidget(m_stack, 1);
    connect(m_document, &DiagramDocument::nodeRenamed, this, [this] {
        if (m_passport)
            fill(*m_passport);
    });
    updateHeader();
}

void PassportWidget::showMessage(quint64 message)
{
    if (message == m_message)
        return;
    m_message = message;
    m_passport.reset();
    m_table->setRowCount(0);
    updateHeader();
    emit messageChanged(message);
}

void PassportWidget::showFrame(const FramePtr &frame)
{
    if (!frame) {
        m_passport.reset();
        m_table->setRowCount(0);
        updateHeader();
        return;
    }
    const std::shared_ptr<const MessagePassport> &p = frame->passport;
    if (!p || p->message != m_message || p == m_passport)
        return;
    m_passport = p;
    fill(*p);
    updateHeader();
}

void PassportWidget::fill(const MessagePassport &passport)
{
    const Diagram &diagram = m_document->diagram();
    QScrollBar *bar = m_table->verticalScrollBar();
    const bool atEnd = bar->value() == bar->maximum();
    const int scroll = bar->value();
    m_table->setRowCount(int(passport.entries.size()));
    auto set = [this](int row, int column, const QString &text, const QString &tip = {}) {
        QTableWidgetItem *item = m_table->item(row, column);
        if (!item) {
            item = new QTableWidgetItem;
            m_table->setItem(row, column, item);
        }
        item->setText(text);
        item->setToolTip(tip);
    };
    for (int row = 0; row < passport.entries.size(); ++row) {
        const PassportEntry &e = passport.entries[row];
        set(row, TimeColumn, RunController::formatClock(e.time));
        set(row, EventColumn, InspectionText::eventName(e));
        set(row, WhereColumn, InspectionText::nodeName(diagram, e.node));
        set(row, DetailColumn, InspectionText::eventDetail(e, diagram));
        const int receives = InspectionText::receiveCount(e);
        set(row, ReceivesColumn, receives >= 0 ? QString::number(receives) : QString());
        m_table->item(row, ReceivesColumn)->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        set(row,
            VisibleAtColumn,
            e.visibleAt >= 0 ? RunController::formatClock(e.visibleAt) : QString());
        set(row, HandleColumn, e.receiptHandle, e.receiptHandle);
    }
    // A live passport grows at the bottom: follow it there, unless the person scrolled up.
    if (atEnd)
        m_table->scrollToBottom();
    else
        bar->setValue(scroll);
}

void PassportWidget::updateHeader()
{
    const bool hasEntries = m_passport && !m_passport->entries.isEmpty();
    QString note;
    if (m_message == 0) {
        m_title->setText(tr("No message chosen"));
        note = tr("Click a message in the queue table, or a token on the canvas, to see its "
                  "whole life here.");
    } else {
        m_title->setText(tr("Message %1 · SQS MessageId %2")
                             .arg(InspectionText::messageLabel(m_message),
                                  SqsService::messageIdText(m_message)));
        if (!m_passport)
            note = tr("Run the simulation to see this message's life.");
        else if (!hasEntries)
            note = tr("Nothing is recorded about this message. Lives are recorded while Queue "
                      "Messages or Message Passport is open, and the most recent ones only.");
        else if (!m_passport->complete)
            note = tr("The start of this message's life was not recorded: lives are recorded "
                      "while Queue Messages or Message Passport is open, and the most recent "
                      "ones only.");
    }
    // The note sits above the entries, or stands in for them when there are none.
    m_note->setText(hasEntries ? note : QString());
    m_note->setVisible(hasEntries && !note.isEmpty());
    m_placeholder->setText(hasEntries ? QString() : note);
    m_stack->setCurrentWidget(hasEntries ? static_cast<QWidget *>(m_table) : m_placeholder);
}

QString PassportWidget::titleText() const
{
    return m_title->text();
}

QString PassportWidget::noteText() const
{
    return m_stack->currentWidget() == m_placeholder ? m_placeholder->text() : m_note->text();
}

} // namespace flowlab
