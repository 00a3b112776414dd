#include "PropertyEditor.h"

#include "DurationSpinBox.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QLocale>
#include <QSignalBlocker>
#include <QSlider>
#include <QSpinBox>

#include <algorithm>
#include <cmath>
#include <limits>

namespace flowlab {

namespace {

constexpr int kSliderSteps = 1000;

// A double spin box that shows 0.35 rather than 0.350000: decimals are chosen for the
// smallest value the range allows, trailing zeros are left out.
class TrimmedDoubleSpinBox : public QDoubleSpinBox
{
public:
    using QDoubleSpinBox::QDoubleSpinBox;

    QString textFromValue(double value) const override
    {
        QString text = locale().toString(value, 'f', decimals());
        text.remove(locale().groupSeparator());
        const QString point = locale().decimalPoint();
        if (text.contains(point)) {
            while (text.endsWith(QLatin1Char('0')))
                text.chop(1);
            if (text.endsWith(point))
                text.chop(point.size());
        }
        return text;
    }
};

// Values with a meaning of their own, shown as words in the spin box.
QString specialValueText(const PropertyDef &def)
{
    if (def.key == QLatin1String("messageDelay") && def.minimum < 0)
        return QObject::tr("queue's delay");
    if (def.key == QLatin1String("maxMessages") && def.minimum == 0)
        return QObject::tr("no limit");
    return QString();
}

QString suffixFor(const PropertyDef &def)
{
    return def.unit.isEmpty() ? QString() : QLatin1Char(' ') + def.unit;
}

int decimalsFor(const PropertyDef &def)
{
    if (def.maximum <= 1.0)
        return 4; // probabilities: 0.001 and 0.0005 both matter
    if (def.minimum > 0 && def.minimum < 1)
        return std::clamp(int(std::ceil(-std::log10(def.minimum))), 2, 6);
    return 2;
}

} // namespace

PropertyEditor::PropertyEditor(const PropertyDef &def, QWidget *parent)
    : QWidget(parent)
    , m_def(def)
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    switch (def.type) {
    case PropertyDef::Type::Bool:
        buildBool();
        break;
    case PropertyDef::Type::Int:
        buildInt();
        break;
    case PropertyDef::Type::Double:
        buildDouble();
        break;
    case PropertyDef::Type::Enum:
        buildEnum();
        break;
    case PropertyDef::Type::String:
        buildString();
        break;
    }
    m_editor->setObjectName(def.key);
    m_editor->setToolTip(def.toolTip);
    layout->addWidget(m_editor, 1);
    if (wantsSlider(def) && (m_spin || m_doubleSpin))
        addSlider();
    setFocusProxy(m_editor);
    setValue(def.defaultValue);
}

bool PropertyEditor::isDuration(const PropertyDef &def)
{
    return def.type == PropertyDef::Type::Int && def.unit == QLatin1String("s")
           && def.maximum >= 3600;
}

bool PropertyEditor::wantsSlider(const PropertyDef &def)
{
    if (def.type != PropertyDef::Type::Int && def.type != PropertyDef::Type::Double)
        return false;
    if (def.unit == QLatin1String("msg/s"))
        return true;
    if (def.type == PropertyDef::Type::Double && def.minimum == 0 && def.maximum == 1)
        return true; // a probability
    return def.key == QLatin1String("instances");
}

QString PropertyEditor::choiceText(const QString &choice)
{
    QString text;
    for (int i = 0; i < choice.size(); ++i) {
        const QChar c = choice.at(i);
        if (c == QLatin1Char('-') || c == QLatin1Char('_')) {
            text += QLatin1Char(' ');
        } else if (c.isUpper() && i > 0) {
            text += QLatin1Char(' ');
            text += c.toLower();
        } else {
            text += c;
        }
    }
    if (!text.isEmpty())
        text[0] = text.at(0).toUpper();
    return text;
}

void PropertyEditor::buildBool()
{
    // The label goes on the check box itself: the row spans the form.
    m_check = new QCheckBox(m_def.label, this);
    m_editor = m_check;
    // A click is one deliberate change: its own undo step.
    connect(m_check, &QCheckBox::toggled, this, [this](bool on) { emit edited(on, false); });
}

void PropertyEditor::buildInt()
{
    // Seconds that can run to hours or days read in days, hours and minutes ("4 d").
    const bool duration = isDuration(m_def);
    m_spin = duration ? new DurationSpinBox(this) : new QSpinBox(this);
    m_editor = m_spin;
    m_spin->setRange(int(std::max(m_def.minimum, double(std::numeric_limits<int>::min()))),
                     int(std::min(m_def.maximum, double(std::numeric_limits<int>::max()))));
    m_spin->setSpecialValueText(specialValueText(m_def));
    if (!duration) { // a DurationSpinBox writes its units and steps by them
        m_spin->setSuffix(suffixFor(m_def));
        m_spin->setStepType(QAbstractSpinBox::AdaptiveDecimalStepType);
        m_spin->setGroupSeparatorShown(true);
    }
    // Typed digits count once, on Enter or when focus leaves, not one per keystroke.
    m_spin->setKeyboardTracking(false);
    m_spin->setAccelerated(true);
    connect(m_spin, &QSpinBox::valueChanged, this, [this](int v) { onSpinValue(v); });
}

void PropertyEditor::buildDouble()
{
    m_doubleSpin = new TrimmedDoubleSpinBox(this);
    m_editor = m_doubleSpin;
    m_doubleSpin->setDecimals(decimalsFor(m_def));
    m_doubleSpin->setRange(m_def.minimum, m_def.maximum);
    m_doubleSpin->setSuffix(suffixFor(m_def));
    m_doubleSpin->setSpecialValueText(specialValueText(m_def));
    if (m_def.maximum <= 1.0) {
        m_doubleSpin->setSingleStep(0.01);
    } else {
        m_doubleSpin->setStepType(QAbstractSpinBox::AdaptiveDecimalStepType);
    }
    m_doubleSpin->setKeyboardTracking(false);
    m_doubleSpin->setAccelerated(true);
    connect(m_doubleSpin, &QDoubleSpinBox::valueChanged, this, [this](double v) { onSpinValue(v); });
}

void PropertyEditor::buildEnum()
{
    m_combo = new QComboBox(this);
    m_editor = m_combo;
    for (const QString &choice : m_def.choices)
        m_combo->addItem(choiceText(choice), choice);
    // activated(), not currentIndexChanged(): only what the person picks is an edit.
    connect(m_combo, &QComboBox::activated, this, [this](int index) {
        emit edited(m_combo->itemData(index).toString(), false);
    });
}

void PropertyEditor::buildString()
{
    m_line = new QLineEdit(this);
    m_editor = m_line;
    connect(m_line, &QLineEdit::editingFinished, this, [this] {
        if (m_line->isModified()) {
            m_line->setModified(false);
            emit edited(m_line->text(), false);
        }
    });
}

void PropertyEditor::addSlider()
{
    m_slider = new QSlider(Qt::Horizontal, this);
    m_slider->setObjectName(m_def.key + QStringLiteral("Slider"));
    m_slider->setRange(0, kSliderSteps);
    m_slider->setToolTip(m_def.toolTip);
    // Wide ranges (0.001 to 100,000 msg/s, 0 to 10,000 instances) are spread logarithmically,
    // so the slider is as useful at 5 as at 5,000.
    m_logSlider = m_def.maximum - m_def.minimum > 100;
    // The spin box keeps room for a typical value; the slider takes the rest of the row.
    const QString sample = QStringLiteral("0,000.00") + suffixFor(m_def);
    m_editor->setMinimumWidth(m_editor->fontMetrics().horizontalAdvance(sample) + 36);
    auto *row = static_cast<QHBoxLayout *>(layout());
    row->setStretch(0, 0);
    row->addWidget(m_slider, 1);
    connect(m_slider, &QSlider::valueChanged, this, &PropertyEditor::onSliderValue);
}

int PropertyEditor::sliderPosition(double value) const
{
    const double span = m_def.maximum - m_def.minimum;
    if (span <= 0)
        return 0;
    const double t = m_logSlider ? std::log(value - m_def.minimum + 1) / std::log(span + 1)
                                 : (value - m_def.minimum) / span;
    return int(std::lround(std::clamp(t, 0.0, 1.0) * kSliderSteps));
}

double PropertyEditor::sliderValue(int position) const
{
    const double t = double(position) / kSliderSteps;
    const double span = m_def.maximum - m_def.minimum;
    double v = m_logSlider ? m_def.minimum + std::pow(span + 1, t) - 1 : m_def.minimum + t * span;
    v = std::clamp(v, m_def.minimum, m_def.maximum);
    if (m_def.type == PropertyDef::Type::Int)
        return std::round(v);
    // Two significant digits are plenty for a value picked by dragging.
    if (v > 0) {
        const double scale = std::pow(10.0, std::floor(std::log10(v)) - 1);
        v = std::clamp(std::round(v / scale) * scale, m_def.minimum, m_def.maximum);
    }
    return v;
}

QVariant PropertyEditor::typed(double number) const
{
    if (m_def.type == PropertyDef::Type::Int)
        return QVariant::fromValue(qint64(std::llround(number)));
    return number;
}

void PropertyEditor::onSpinValue(double value)
{
    if (m_slider) {
        const QSignalBlocker blocker(m_slider);
        m_slider->setValue(sliderPosition(value));
    }
    // Arrow steps, wheel turns and typed values of one setting in a row fold into one undo
    // step (the document merges consecutive changes of the same setting of the same node).
    emit edited(typed(value), true);
}

void PropertyEditor::onSliderValue(int position)
{
    const double v = sliderValue(position);
    if (m_spin) {
        const QSignalBlocker blocker(m_spin);
        m_spin->setValue(int(v));
    } else if (m_doubleSpin) {
        const QSignalBlocker blocker(m_doubleSpin);
        m_doubleSpin->setValue(v);
    }
    // A drag is one gesture: every position it passes merges into one undo step.
    emit edited(typed(m_spin ? double(m_spin->value()) : m_doubleSpin->value()), true);
}

void PropertyEditor::setValue(const QVariant &value)
{
    if (m_check) {
        const QSignalBlocker blocker(m_check);
        m_check->setChecked(value.toBool());
    } else if (m_spin) {
        const QSignalBlocker blocker(m_spin);
        m_spin->setValue(int(value.toLongLong()));
    } else if (m_doubleSpin) {
        const QSignalBlocker blocker(m_doubleSpin);
        m_doubleSpin->setValue(value.toDouble());
    } else if (m_combo) {
        const QSignalBlocker blocker(m_combo);
        m_combo->setCurrentIndex(m_combo->findData(value.toString()));
    } else if (m_line) {
        const QSignalBlocker blocker(m_line);
        m_line->setText(value.toString());
    }
    if (m_slider) {
        const QSignalBlocker blocker(m_slider);
        m_slider->setValue(sliderPosition(value.toDouble()));
    }
}

QVariant PropertyEditor::value() const
{
    if (m_check)
        return m_check->isChecked();
    if (m_spin)
        return QVariant::fromValue(qint64(m_spin->value()));
    if (m_doubleSpin)
        return m_doubleSpin->value();
    if (m_combo)
        return m_combo->currentData();
    if (m_line)
        return m_line->text();
    return QVariant();
}

} // namespace flowlab
