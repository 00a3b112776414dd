#include "DurationSpinBox.h"

#include <QRegularExpression>

#include <algorithm>
#include <cmath>
#include <limits>

namespace flowlab {

namespace {

constexpr int kMinute = 60;
constexpr int kHour = 60 * kMinute;
constexpr int kDay = 24 * kHour;

// The unit the arrows step by at `seconds`: the largest one format() shows there.
int stepUnit(int seconds)
{
    const int s = std::abs(seconds);
    if (s >= kDay)
        return kDay;
    if (s >= kHour)
        return kHour;
    if (s >= kMinute)
        return kMinute;
    return 1;
}

} // namespace

QString DurationSpinBox::format(int seconds)
{
    if (seconds == 0)
        return QStringLiteral("0 s");
    QStringList parts;
    int rest = std::abs(seconds);
    for (auto [unit, name] : {std::pair(kDay, "d"),
                              std::pair(kHour, "h"),
                              std::pair(kMinute, "min"),
                              std::pair(1, "s")}) {
        if (rest >= unit) {
            parts.append(QStringLiteral("%1 %2").arg(rest / unit).arg(QLatin1String(name)));
            rest %= unit;
        }
    }
    return (seconds < 0 ? QStringLiteral("-") : QString()) + parts.join(QLatin1Char(' '));
}

std::optional<int> DurationSpinBox::parse(const QString &text)
{
    static const QRegularExpression term(
        QStringLiteral(
            R"(\G\s*(\d+(?:[.,]\d+)?)\s*(days?|d|hours?|h|minutes?|mins?|m|seconds?|secs?|s)?\s*)"),
        QRegularExpression::CaseInsensitiveOption);
    const QString t = text.trimmed();
    if (t.isEmpty())
        return std::nullopt;
    double total = 0;
    qsizetype at = 0;
    while (at < t.size()) {
        const QRegularExpressionMatch m = term.match(t, at);
        if (!m.hasMatch() || m.capturedLength() == 0)
            return std::nullopt;
        const double number = m.captured(1).replace(QLatin1Char(','), QLatin1Char('.')).toDouble();
        const QString unit = m.captured(2).toLower();
        double scale = 1;
        if (unit.startsWith(QLatin1Char('d')))
            scale = kDay;
        else if (unit.startsWith(QLatin1Char('h')))
            scale = kHour;
        else if (unit.startsWith(QLatin1Char('m')))
            scale = kMinute;
        total += number * scale;
        at = m.capturedEnd();
    }
    if (total > double(std::numeric_limits<int>::max()))
        return std::nullopt;
    return int(std::lround(total));
}

void DurationSpinBox::stepBy(int steps)
{
    // Whole units of the largest one shown: up from 1 h 20 min goes to 2 h, down to 1 h;
    // down from 1 h goes to 59 min (the unit below the value).
    const int v = value();
    int next = v;
    if (steps > 0) {
        const int unit = stepUnit(v);
        next = (v / unit + steps) * unit;
    } else if (steps < 0) {
        const int unit = stepUnit(v - 1);
        next = ((v + unit - 1) / unit + steps) * unit;
    }
    setValue(std::clamp(next, minimum(), maximum()));
    selectAll();
}

QString DurationSpinBox::textFromValue(int value) const
{
    return format(value);
}

int DurationSpinBox::valueFromText(const QString &text) const
{
    return parse(text).value_or(value());
}

QValidator::State DurationSpinBox::validate(QString &input, int &pos) const
{
    Q_UNUSED(pos);
    if (!specialValueText().isEmpty() && input == specialValueText())
        return QValidator::Acceptable;
    if (const std::optional<int> seconds = parse(input))
        return *seconds >= minimum() && *seconds <= maximum() ? QValidator::Acceptable
                                                              : QValidator::Intermediate;
    // Something being typed: digits, spaces and the letters of the units.
    static const QRegularExpression typing(QStringLiteral(R"(^[\d\s.,adyshourmintec]*$)"),
                                           QRegularExpression::CaseInsensitiveOption);
    return typing.match(input).hasMatch() ? QValidator::Intermediate : QValidator::Invalid;
}

} // namespace flowlab
