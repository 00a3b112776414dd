#pragma once

#include "runner/Frame.h"

#include <QWidget>

QT_BEGIN_NAMESPACE
class QLabel;
class QStackedWidget;
class QTableWidget;
QT_END_NAMESPACE

namespace flowlab {

class DiagramDocument;

/// The "Message passport" dock: the whole life of one message, in time order: its send
/// (by whom), each receive (by whom, the receipt handle, the receive count, until when it
/// was hidden), each visibility expiry or change, processing, deletion, the move to the
/// dead-letter queue, expiry. Message ids are engine-wide, so one passport spans queues.
///
/// It shows the message given to showMessage() from the passports the frames carry; the
/// window passes the message clicked in the peek table or on the canvas.
class PassportWidget : public QWidget
{
    Q_OBJECT

public:
    enum Column {
        TimeColumn,
        EventColumn,
        WhereColumn,
        DetailColumn,
        ReceivesColumn,
        VisibleAtColumn,
        HandleColumn,
        ColumnCount
    };

    explicit PassportWidget(const DiagramDocument *document, QWidget *parent = nullptr);

    /// The message to show (0: none). Emits messageChanged() when it changes.
    void showMessage(quint64 message);
    quint64 message() const { return m_message; }
    /// Shows the frame's passport when it is of our message; null: the run was reset.
    void showFrame(const FramePtr &frame);

    QTableWidget *table() const { return m_table; }
    QString titleText() const;
    QString noteText() const;

signals:
    void messageChanged(quint64 message);

private:
    void fill(const MessagePassport &passport);
    void updateHeader();

    const DiagramDocument *m_document;
    quint64 m_message = 0;
    std::shared_ptr<const MessagePassport> m_passport;
    QLabel *m_title;
    QLabel *m_note;
    QStackedWidget *m_stack;
    QLabel *m_placeholder;
    QTableWidget *m_table;
};

} // namespace flowlab
