#include "HeadlessRun.h"

#include "io/DiagramFile.h"
#include "io/ReportWriter.h"
#include "sim/SimNode.h"
#include "sim/Simulation.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QTextStream>

namespace flowlab {

std::unique_ptr<Simulation> HeadlessRun::simulate(const Diagram &diagram,
                                                  SimTime duration,
                                                  quint64 seed)
{
    auto sim = std::make_unique<Simulation>(diagram, seed);
    sim->start();
    sim->runUntil(duration);
    return sim;
}

QString HeadlessRun::summaryTable(const Simulation &sim, const QString &title, double wallSeconds)
{
    const Engine &engine = sim.engine();
    QString text;
    QTextStream s(&text);
    s << title << "\n"
      << "seed " << engine.seed() << ", " << formatDuration(engine.now()) << " of virtual time, "
      << engine.eventsProcessed() << " events in " << QString::number(wallSeconds, 'f', 2)
      << " s of wall time\n";
    int labelWidth = 0;
    for (const SimNode *n : engine.nodes()) {
        for (const auto &row : n->summary())
            labelWidth = std::max(labelWidth, int(row.first.size()));
    }
    for (const SimNode *n : engine.nodes()) {
        s << "\n"
          << n->name() << "  (" << nodeKindDisplayName(n->kind()) << ", id " << n->id() << ")\n";
        for (const auto &row : n->summary())
            s << "  " << row.first.leftJustified(labelWidth + 2, QLatin1Char(' ')) << row.second
              << "\n";
    }
    return text;
}

int HeadlessRun::run(const Options &options, QTextStream &out, QTextStream &err)
{
    Diagram diagram;
    DiagramFileError error;
    if (!DiagramFile::load(options.file, &diagram, &error)) {
        err << "flowlab: cannot open " << options.file << ": " << error.toString() << "\n";
        return 1;
    }
    QElapsedTimer wall;
    wall.start();
    const auto sim = simulate(diagram, options.duration, options.seed);
    const double seconds = double(wall.nsecsElapsed()) / 1e9;
    out << summaryTable(*sim,
                        QStringLiteral("Flowlab headless run of %1")
                            .arg(QFileInfo(options.file).fileName()),
                        seconds);
    if (!options.report.isEmpty()) {
        QString why;
        if (!ReportWriter::save(*sim, options.report, &why)) {
            err << "flowlab: cannot write the report " << options.report << ": " << why << "\n";
            return 1;
        }
        out << "\nMetrics written to " << options.report << "\n";
    }
    out.flush();
    return 0;
}

} // namespace flowlab
