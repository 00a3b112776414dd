#pragma once

#include "runner/Frame.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QTableView;
class QTimer;
class QToolButton;

namespace flowlab {

class DiagramDocument;
class EventLogFilter;
class EventLogModel;

/// The event log dock's contents: every event of the run in a sentence (time, node, what
/// happened), filtered by node, by kind of event and by text. It follows the newest line
/// while the view is at the bottom and stays put once the person scrolls up; scrolling back
/// to the bottom (or Follow) follows again. Cleared at Reset and for a new document.
class EventLogWidget : public QWidget
{
    Q_OBJECT

public:
    /// How long the text filter waits after the last keystroke before it runs.
    static constexpr int kTextFilterDelayMs = 200;

    explicit EventLogWidget(DiagramDocument *document, QWidget *parent = nullptr);

    EventLogModel *model() const { return m_model; }
    EventLogFilter *filter() const { return m_filter; }
    QTableView *view() const { return m_view; }
    /// Whether the view keeps the newest line in sight.
    bool isFollowing() const { return m_follow; }

public slots:
    /// Adds the frame's events; null (Reset, new document) empties the log.
    void showFrame(const flowlab::FramePtr &frame);
    void setFollowing(bool follow);

private:
    QWidget *createFilterBar();
    void fillNodeCombo();
    void updateStatus();
    void onScrolled(int value);

    DiagramDocument *m_document;
    EventLogModel *m_model;
    EventLogFilter *m_filter;
    QTableView *m_view;
    QComboBox *m_nodeCombo = nullptr;
    QToolButton *m_kindsButton = nullptr;
    QLineEdit *m_textEdit = nullptr;
    QTimer *m_textTimer = nullptr;
    QToolButton *m_followButton = nullptr;
    QLabel *m_status = nullptr;
    bool m_follow = true;
    bool m_scrolling = false; ///< the widget itself is moving the view
};

} // namespace flowlab
