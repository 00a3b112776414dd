#pragma once

#include <QByteArray>
#include <QString>

namespace flowlab {

class Simulation;

/// Writes a run's metrics: every node's columns (CloudWatch names where they exist),
/// one row per sampling interval of virtual time.
///  - CSV: a header `time_s,<node>/<metric>,...` and one row per interval (wide, for a
///    spreadsheet); node names are quoted when they need it.
///  - JSON: {"format": "flowlab-report", "version": 1, "seed", "duration_s",
///    "interval_s", "time_s": [...], "nodes": [{"id", "name", "kind", "summary": {...},
///    "metrics": {"<metric>": [...]}}]}.
class ReportWriter
{
public:
    static QByteArray csv(const Simulation &sim);
    static QByteArray json(const Simulation &sim);
    /// Chooses the format from the extension (.csv or .json) and saves through
    /// QSaveFile. Returns false and says why otherwise.
    static bool save(const Simulation &sim, const QString &path, QString *error);

    /// One CSV field: quoted (with doubled quotes) when it holds a comma, quote or line break.
    static QByteArray csvField(const QString &text);
    /// A figure as the CSV report writes it (up to 15 significant digits).
    static QByteArray csvNumber(double value);
};

} // namespace flowlab
