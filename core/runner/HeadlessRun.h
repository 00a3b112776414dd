#pragma once

#include "sim/SimTime.h"

#include <QString>

#include <memory>

class QTextStream;

namespace flowlab {

class Simulation;
struct Diagram;

/// A run without a window: load, simulate as fast as possible, summarise, report.
class HeadlessRun
{
public:
    struct Options
    {
        QString file;
        SimTime duration = 10 * kMinute;
        quint64 seed = 0; ///< 0 = the diagram's own seed
        QString report;   ///< .csv or .json; empty = none
    };

    /// Runs `diagram` for `duration` of virtual time and returns the finished simulation.
    static std::unique_ptr<Simulation> simulate(const Diagram &diagram,
                                                SimTime duration,
                                                quint64 seed = 0);
    /// The per-node summary table printed at the end of a headless run.
    static QString summaryTable(const Simulation &sim, const QString &title, double wallSeconds);
    /// The whole command: returns the process exit code (0 ok, 1 bad input or a failed
    /// write). The summary goes to `out`, errors to `err`.
    static int run(const Options &options, QTextStream &out, QTextStream &err);
};

} // namespace flowlab
