#pragma once

#include "model/PropertySchema.h"

#include <QVariant>
#include <QWidget>

QT_BEGIN_NAMESPACE
class QAbstractSpinBox;
class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLineEdit;
class QSlider;
class QSpinBox;
QT_END_NAMESPACE

namespace flowlab {

/// The editor of one setting, made from its PropertyDef: a check box carrying the setting's
/// label (Bool), a spin box with
/// the unit as suffix and the range from the schema (Int, Double), a combo box of the choices
/// (Enum) or a line edit (String). The knobs a person turns while watching a run (rates,
/// probabilities, instances) get a slider next to the spin box as well.
///
/// It never writes the document: it reports what the person did through edited(), with
/// `merge` true for the small steps of one gesture (a slider drag, spin box arrow steps) so
/// that they fold into one undo step, and is told the document's value through setValue().
class PropertyEditor : public QWidget
{
    Q_OBJECT

public:
    explicit PropertyEditor(const PropertyDef &def, QWidget *parent = nullptr);

    const PropertyDef &definition() const { return m_def; }
    /// Shows `value` without emitting edited().
    void setValue(const QVariant &value);
    QVariant value() const;
    /// The widget that takes focus and carries the tooltip (the spin box, check box, ...).
    QWidget *editorWidget() const { return m_editor; }
    /// True when the row gets a slider (see wantsSlider()).
    bool hasSlider() const { return m_slider != nullptr; }

    /// Whether a setting is worth a slider: rates, probabilities and instance counts.
    static bool wantsSlider(const PropertyDef &def);
    /// Whether an int setting in seconds is edited as a duration (DurationSpinBox): one
    /// whose range reaches an hour or more.
    static bool isDuration(const PropertyDef &def);
    /// "perMessageGroupId" -> "Per message group id", "message-id" -> "Message id".
    static QString choiceText(const QString &choice);

signals:
    void edited(const QVariant &value, bool merge);

private:
    void buildBool();
    void buildInt();
    void buildDouble();
    void buildEnum();
    void buildString();
    void addSlider();
    void onSpinValue(double value);
    void onSliderValue(int position);
    int sliderPosition(double value) const;
    double sliderValue(int position) const;
    QVariant typed(double number) const;

    PropertyDef m_def;
    QWidget *m_editor = nullptr;
    QCheckBox *m_check = nullptr;
    QSpinBox *m_spin = nullptr;
    QDoubleSpinBox *m_doubleSpin = nullptr;
    QComboBox *m_combo = nullptr;
    QLineEdit *m_line = nullptr;
    QSlider *m_slider = nullptr;
    bool m_logSlider = false;
};

} // namespace flowlab
