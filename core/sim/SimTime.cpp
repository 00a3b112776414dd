#include "SimTime.h"

#include <QRegularExpression>

#include <cmath>

namespace flowlab {

bool parseDuration(const QString &text, SimTime *out)
{
    static const QRegularExpression re(
        QStringLiteral("^\\s*([0-9]+(?:\\.[0-9]+)?)\\s*(us|ms|s|m|min|h|d)?\\s*$"));
    const auto match = re.match(text);
    if (!match.hasMatch())
        return false;
    const double value = match.captured(1).toDouble();
    const QString unit = match.captured(2);
    double scale = double(kSecond);
    if (unit == QLatin1String("us"))
        scale = double(kMicrosecond);
    else if (unit == QLatin1String("ms"))
        scale = double(kMillisecond);
    else if (unit == QLatin1String("m") || unit == QLatin1String("min"))
        scale = double(kMinute);
    else if (unit == QLatin1String("h"))
        scale = double(kHour);
    else if (unit == QLatin1String("d"))
        scale = double(kDay);
    const double us = value * scale;
    if (!(us >= 1.0) || us > 1e17)
        return false;
    *out = SimTime(std::llround(us));
    return true;
}

QString formatDuration(SimTime t)
{
    const qint64 totalMs = t / kMillisecond;
    const qint64 h = totalMs / 3600000;
    const qint64 m = (totalMs / 60000) % 60;
    const double s = double(totalMs % 60000) / 1000.0;
    if (h > 0)
        return QStringLiteral("%1 h %2 min %3 s")
            .arg(h)
            .arg(m, 2, 10, QLatin1Char('0'))
            .arg(s, 0, 'f', 1);
    if (m > 0)
        return QStringLiteral("%1 min %2 s").arg(m).arg(s, 0, 'f', 1);
    return QStringLiteral("%1 s").arg(s, 0, 'f', 3);
}

} // namespace flowlab
