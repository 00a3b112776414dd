#pragma once

#include "model/NodeKind.h"

#include <QHash>
#include <QWidget>

QT_BEGIN_NAMESPACE
class QFormLayout;
class QLabel;
class QLineEdit;
class QToolButton;
QT_END_NAMESPACE

namespace flowlab {

class DiagramDocument;
class PropertyEditor;

/// The inspector page of one node kind: the kind's title, a Name field and one row per
/// setting of the kind's PropertySchema (a label with the setting's tooltip, its
/// PropertyEditor and a red line for the reason when the document refuses a value). The
/// advanced settings (SettingPresentation) are folded under a toggle; settings that do not
/// apply to the node as it is set up are greyed out, with the reason in their tooltip.
///
/// Rows are getter/setter pairs: load() and showSetting() read the document, the editors'
/// edits go to DiagramDocument as undoable commands. The page never keeps values of its own.
class NodePage : public QWidget
{
    Q_OBJECT

public:
    NodePage(DiagramDocument *document, NodeKind kind, QWidget *parent = nullptr);

    NodeKind kind() const { return m_kind; }
    int nodeId() const { return m_nodeId; }
    /// Shows node `id` (of this page's kind): every value read from the document; 0 shows
    /// nothing.
    void load(int id);
    /// The document changed a setting of the shown node (an edit, undo or redo).
    void showSetting(const QString &key, const QVariant &value);
    /// The document renamed the shown node.
    void showName();
    /// While a simulation is loaded, settings fixed at creation (createOnly) are locked.
    void setLive(bool live);

    PropertyEditor *editor(const QString &key) const { return m_editors.value(key); }
    /// The row's label; null for a check box, which carries its own.
    QLabel *label(const QString &key) const { return m_labels.value(key); }
    QLineEdit *nameEdit() const { return m_nameEdit; }
    /// The refusal shown under a field ("" when none); "name" for the Name field.
    QString errorText(const QString &key) const;
    /// Shows or folds the advanced settings (remembered across runs).
    void setAdvancedShown(bool shown);
    bool isAdvancedShown() const;

private:
    void addRow(QFormLayout *form, PropertyEditor *editor);
    void commitName();
    void showError(const QString &key, const QString &text);
    void updateEnabled();

    DiagramDocument *m_document;
    NodeKind m_kind;
    int m_nodeId = 0;
    bool m_live = false;
    QLineEdit *m_nameEdit;
    QToolButton *m_advancedToggle = nullptr;
    QWidget *m_advanced = nullptr;
    QHash<QString, PropertyEditor *> m_editors;
    QHash<QString, QLabel *> m_labels;
    QHash<QString, QLabel *> m_errors; ///< key ("name" for the name) -> red line under it
};

} // namespace flowlab
