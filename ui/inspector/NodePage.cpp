#include "NodePage.h"

#include "PropertyEditor.h"
#include "SettingPresentation.h"
#include "UiResources.h"
#include "document/DiagramDocument.h"
#include "model/PropertySchema.h"

#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSettings>
#include <QToolButton>
#include <QVBoxLayout>

namespace flowlab {

namespace {
const QString kNameKey = QStringLiteral("name");
const QString kAdvancedSetting = QStringLiteral("Inspector/showAdvanced");

QLabel *makeErrorLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setWordWrap(true);
    label->setStyleSheet(QStringLiteral("color: #c62828;"));
    label->hide();
    return label;
}

// A field with its error line underneath, as one cell of the form.
QWidget *withErrorLine(QWidget *field, QLabel *error, QWidget *parent)
{
    auto *cell = new QWidget(parent);
    auto *column = new QVBoxLayout(cell);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(2);
    column->addWidget(field);
    column->addWidget(error);
    return cell;
}

QFormLayout *makeForm(QWidget *owner)
{
    auto *form = new QFormLayout(owner);
    form->setContentsMargins(0, 0, 0, 0);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setRowWrapPolicy(QFormLayout::DontWrapRows);
    form->setLabelAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return form;
}
} // namespace

NodePage::NodePage(DiagramDocument *document, NodeKind kind, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
    , m_kind(kind)
    , m_nameEdit(new QLineEdit(this))
{
    setObjectName(QStringLiteral("page-") + nodeKindId(kind));
    auto *column = new QVBoxLayout(this);

    // Title: the kind's icon and name.
    auto *titleRow = new QHBoxLayout;
    titleRow->setContentsMargins(0, 0, 0, 6);
    auto *icon = new QLabel(this);
    icon->setPixmap(nodeKindIcon(kind).pixmap(24, 24));
    auto *title = new QLabel(nodeKindDisplayName(kind), this);
    QFont bold = title->font();
    bold.setBold(true);
    bold.setPointSizeF(bold.pointSizeF() * 1.15);
    title->setFont(bold);
    titleRow->addWidget(icon);
    titleRow->addWidget(title, 1);
    column->addLayout(titleRow);

    auto *basics = new QWidget(this);
    QFormLayout *form = makeForm(basics);
    column->addWidget(basics);

    m_nameEdit->setObjectName(kNameKey);
    m_nameEdit->setToolTip(tr("The node's name, shown on the canvas and in reports."));
    auto *nameError = makeErrorLabel(this);
    m_errors.insert(kNameKey, nameError);
    form->addRow(tr("Name"), withErrorLine(m_nameEdit, nameError, basics));
    connect(m_nameEdit, &QLineEdit::editingFinished, this, &NodePage::commitName);

    if (kind == NodeKind::SqsClient) {
        // Nothing to set: say what the node is instead of showing an empty form.
        auto *about = new QLabel(tr("A real client of the local SQS endpoint (flowlab --serve), "
                                    "named by its access key. What it sends and receives is up "
                                    "to the client; the node counts its requests and the "
                                    "messages it sent, received and deleted, and its messages "
                                    "travel on its links."),
                                 this);
        about->setObjectName(QStringLiteral("clientAbout"));
        about->setWordWrap(true);
        about->setContentsMargins(0, 6, 0, 0);
        column->addWidget(about);
    }

    QFormLayout *advancedForm = nullptr;
    for (const PropertyDef &def : PropertySchema::forKind(kind).properties()) {
        if (!SettingPresentation::isAdvanced(kind, def.key)) {
            addRow(form, new PropertyEditor(def, basics));
            continue;
        }
        if (!advancedForm) {
            m_advancedToggle = new QToolButton(this);
            m_advancedToggle->setObjectName(QStringLiteral("advancedToggle"));
            m_advancedToggle->setText(tr("Advanced settings"));
            m_advancedToggle->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
            m_advancedToggle->setAutoRaise(true);
            m_advancedToggle->setCheckable(true);
            m_advancedToggle->setToolTip(tr("Service limits and details of the model"));
            m_advanced = new QWidget(this);
            advancedForm = makeForm(m_advanced);
            column->addSpacing(6);
            column->addWidget(m_advancedToggle);
            column->addWidget(m_advanced);
            connect(m_advancedToggle, &QToolButton::toggled, this, [this](bool shown) {
                setAdvancedShown(shown);
                QSettings().setValue(kAdvancedSetting, shown);
            });
        }
        addRow(advancedForm, new PropertyEditor(def, m_advanced));
    }
    column->addStretch(1);
    setAdvancedShown(QSettings().value(kAdvancedSetting, false).toBool());
}

void NodePage::addRow(QFormLayout *form, PropertyEditor *editor)
{
    const PropertyDef &def = editor->definition();
    QWidget *owner = form->parentWidget();
    auto *error = makeErrorLabel(owner);
    if (def.type == PropertyDef::Type::Bool) {
        form->addRow(withErrorLine(editor, error, owner));
    } else {
        auto *label = new QLabel(def.label, owner);
        label->setToolTip(def.toolTip);
        label->setBuddy(editor->editorWidget());
        form->addRow(label, withErrorLine(editor, error, owner));
        m_labels.insert(def.key, label);
    }
    m_editors.insert(def.key, editor);
    m_errors.insert(def.key, error);

    const QString key = def.key;
    connect(editor,
            &PropertyEditor::edited,
            this,
            [this, editor, key](const QVariant &value, bool merge) {
                if (!m_nodeId)
                    return;
                QString why;
                if (m_document->setNodeSetting(m_nodeId, key, value, merge, &why)) {
                    showError(key, QString());
                    return;
                }
                // Refused: say why under the field and show the document's value again.
                showError(key, why);
                if (const Node *n = m_document->diagram().node(m_nodeId))
                    editor->setValue(n->setting(key));
            });
}

void NodePage::setAdvancedShown(bool shown)
{
    if (!m_advanced)
        return;
    m_advancedToggle->setChecked(shown);
    m_advancedToggle->setArrowType(shown ? Qt::DownArrow : Qt::RightArrow);
    m_advanced->setVisible(shown);
}

bool NodePage::isAdvancedShown() const
{
    return m_advanced && m_advanced->isVisibleTo(this);
}

void NodePage::load(int id)
{
    m_nodeId = id;
    const Node *n = m_document->diagram().node(id);
    for (QLabel *error : std::as_const(m_errors))
        error->hide();
    if (!n)
        return;
    showName();
    for (auto it = m_editors.cbegin(); it != m_editors.cend(); ++it)
        it.value()->setValue(n->setting(it.key()));
    updateEnabled();
}

void NodePage::showSetting(const QString &key, const QVariant &value)
{
    if (PropertyEditor *editor = m_editors.value(key))
        editor->setValue(value);
    // One setting can decide whether others apply (the pattern, the queue type).
    updateEnabled();
}

void NodePage::showName()
{
    if (const Node *n = m_document->diagram().node(m_nodeId)) {
        m_nameEdit->setText(n->name);
        m_nameEdit->setModified(false);
    }
}

void NodePage::setLive(bool live)
{
    m_live = live;
    updateEnabled();
}

void NodePage::updateEnabled()
{
    const Node *n = m_document->diagram().node(m_nodeId);
    for (PropertyEditor *editor : std::as_const(m_editors)) {
        const PropertyDef &def = editor->definition();
        QString reason;
        bool enabled = true;
        if (def.createOnly && m_live) {
            enabled = false;
            reason = tr("Fixed while the simulation is loaded: press Reset to change it.");
        } else if (n && !SettingPresentation::applies(*n, def.key, &reason)) {
            enabled = false;
        }
        editor->setEnabled(enabled);
        const QString tip = enabled ? def.toolTip : def.toolTip + QLatin1Char('\n') + reason;
        editor->editorWidget()->setToolTip(tip);
        if (QLabel *label = m_labels.value(def.key)) {
            label->setEnabled(enabled);
            label->setToolTip(tip);
        }
    }
}

QString NodePage::errorText(const QString &key) const
{
    const QLabel *error = m_errors.value(key);
    return error && !error->isHidden() ? error->text() : QString();
}

void NodePage::commitName()
{
    if (!m_nodeId || !m_nameEdit->isModified())
        return;
    m_nameEdit->setModified(false);
    QString why;
    const bool renamed = m_document->renameNode(m_nodeId, m_nameEdit->text(), &why);
    showError(kNameKey, renamed ? QString() : why);
    showName(); // the document's name: trimmed, or the old one when refused
}

void NodePage::showError(const QString &key, const QString &text)
{
    QLabel *error = m_errors.value(key);
    if (!error)
        return;
    // The document's reasons are sentence fragments ("must be between 0 and 43200").
    QString sentence = text;
    if (!sentence.isEmpty())
        sentence[0] = sentence.at(0).toUpper();
    error->setText(sentence);
    error->setVisible(!text.isEmpty());
}

} // namespace flowlab
