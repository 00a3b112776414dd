#pragma once

#include "runner/Frame.h"

#include <QWidget>

QT_BEGIN_NAMESPACE
class QComboBox;
class QLabel;
class QLineEdit;
class QStackedWidget;
class QTableView;
QT_END_NAMESPACE

namespace flowlab {

class DiagramDocument;
class PeekFilterModel;
class QueuePeekModel;

/// The "Queue messages" dock: the messages of one queue, live, without changing the queue.
///
/// It shows the queue given to setQueue() (the window passes the queue selected on the
/// canvas) from the peeks the frames carry, sortable by any column and filtered by state
/// and by text. A click on a row asks for that message's passport.
class QueuePeekWidget : public QWidget
{
    Q_OBJECT

public:
    explicit QueuePeekWidget(const DiagramDocument *document, QWidget *parent = nullptr);

    /// The queue to show (0: none). Emits queueChanged() when it changes.
    void setQueue(int nodeId);
    int queue() const { return m_queue; }
    /// Shows the frame's peek when it is of our queue; null clears the figures (Reset).
    void showFrame(const FramePtr &frame);

    QueuePeekModel *model() const { return m_model; }
    PeekFilterModel *proxy() const { return m_proxy; }
    QTableView *table() const { return m_table; }
    /// What the dock says above the table, or instead of it.
    QString statusText() const;
    QString placeholderText() const;

signals:
    void queueChanged(int nodeId);
    void messageActivated(quint64 message);

private:
    void updateStatus();
    void activateRow(const QModelIndex &proxyIndex);

    const DiagramDocument *m_document;
    int m_queue = 0;
    QueuePeekModel *m_model;
    PeekFilterModel *m_proxy;
    QLabel *m_status;
    QLineEdit *m_filter;
    QComboBox *m_stateCombo;
    QStackedWidget *m_stack;
    QLabel *m_placeholder;
    QTableView *m_table;
};

} // namespace flowlab
