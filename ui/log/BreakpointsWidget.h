#pragma once

#include "runner/Breakpoints.h"

#include <QDialog>
#include <QWidget>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QTableView;

namespace flowlab {

class BreakpointModel;
class DiagramDocument;

/// Asks for one breakpoint: the queue, the condition and its limit.
class BreakpointDialog : public QDialog
{
    Q_OBJECT

public:
    /// `queue`: the queue to preselect (0: the first).
    BreakpointDialog(DiagramDocument *document, int queue, QWidget *parent = nullptr);
    Breakpoint breakpoint() const;
    /// Whether there is any queue to choose.
    bool hasQueues() const;

private:
    void conditionChosen();

    QComboBox *m_queue;
    QComboBox *m_condition;
    QDoubleSpinBox *m_limit;
    QLabel *m_explanation;
};

/// The Breakpoints dock's contents: the list with an on/off box per breakpoint, Add and
/// Remove. The rows that paused the run are highlighted.
class BreakpointsWidget : public QWidget
{
    Q_OBJECT

public:
    BreakpointsWidget(DiagramDocument *document, QWidget *parent = nullptr);

    BreakpointModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }

public slots:
    /// Opens the dialog with `queue` preselected (0: none) and adds what it gives.
    void addBreakpoint(int queue = 0);
    void removeSelected();

private:
    void updateButtons();

    DiagramDocument *m_document;
    BreakpointModel *m_model;
    QTableView *m_view;
    QLabel *m_empty;
    QPushButton *m_removeButton;
};

} // namespace flowlab
