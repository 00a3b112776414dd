#pragma once

#include <QString>
#include <QtGlobal>

#include <limits>

namespace flowlab {

/// Virtual time: an integer count of microseconds since the start of the run. Integers keep
/// event order exact and the trace identical from machine to machine.
using SimTime = qint64;

inline constexpr SimTime kMicrosecond = 1;
inline constexpr SimTime kMillisecond = 1000;
inline constexpr SimTime kSecond = 1000 * kMillisecond;
inline constexpr SimTime kMinute = 60 * kSecond;
inline constexpr SimTime kHour = 60 * kMinute;
inline constexpr SimTime kDay = 24 * kHour;
inline constexpr SimTime kNever = std::numeric_limits<qint64>::max();

/// Seconds (possibly fractional) to virtual time, rounded to the nearest microsecond.
inline SimTime fromSeconds(double seconds)
{
    // Rounds half away from zero, as llround does, without its cost on the hot path.
    const double us = seconds * double(kSecond);
    return us >= 0.0 ? SimTime(us + 0.5) : -SimTime(-us + 0.5);
}
inline double toSeconds(SimTime t)
{
    return double(t) / double(kSecond);
}

/// Parses "10m", "90s", "1.5h", "500ms", "2d" or a bare number of seconds. Returns false
/// for anything else, or for a negative or zero duration.
bool parseDuration(const QString &text, SimTime *out);
/// "1 h 02 min 03.5 s" style text for summaries.
QString formatDuration(SimTime t);

} // namespace flowlab
