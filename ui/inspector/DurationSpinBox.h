#pragma once

#include <QSpinBox>

#include <optional>

namespace flowlab {

/// A spin box for a whole number of seconds that shows it in days, hours, minutes and
/// seconds ("4 d", "1 h 30 min", "45 s"): a retention of 345,600 s reads as the 4 days it
/// is. It takes what a person types in the same units or as plain seconds ("90", "90 s",
/// "1.5 h", "2 d 3 h"), and the arrows step by the largest unit shown (a day, an hour, a
/// minute or a second).
class DurationSpinBox : public QSpinBox
{
    Q_OBJECT

public:
    using QSpinBox::QSpinBox;

    /// "4 d", "1 h 30 min", "45 s", "0 s".
    static QString format(int seconds);
    /// The seconds `text` stands for, or nothing when it is not a duration.
    static std::optional<int> parse(const QString &text);

    void stepBy(int steps) override;

protected:
    QString textFromValue(int value) const override;
    int valueFromText(const QString &text) const override;
    QValidator::State validate(QString &input, int &pos) const override;
};

} // namespace flowlab
