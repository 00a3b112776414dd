#include "ReportWriter.h"

#include "sim/SimNode.h"
#include "sim/Simulation.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace flowlab {

QByteArray ReportWriter::csvField(const QString &text)
{
    QByteArray utf8 = text.toUtf8();
    if (utf8.contains(',') || utf8.contains('"') || utf8.contains('\n') || utf8.contains('\r')) {
        utf8.replace("\"", "\"\"");
        return '"' + utf8 + '"';
    }
    return utf8;
}

QByteArray ReportWriter::csvNumber(double value)
{
    return QByteArray::number(value, 'g', 15);
}

QByteArray ReportWriter::csv(const Simulation &sim)
{
    const Engine &engine = sim.engine();
    const std::vector<SimNode *> nodes = engine.nodes();
    QByteArray out = "time_s";
    for (const SimNode *n : nodes) {
        for (const QString &metric : n->metrics().names())
            out += ',' + csvField(n->name() + QLatin1Char('/') + metric);
    }
    out += '\n';
    const std::vector<SimTime> &times = engine.sampleTimes();
    for (std::size_t row = 0; row < times.size(); ++row) {
        out += csvNumber(toSeconds(times[row]));
        for (const SimNode *n : nodes) {
            const MetricsTable &m = n->metrics();
            for (int c = 0; c < m.columnCount(); ++c) {
                out += ',';
                if (row < m.columnSize(c))
                    out += csvNumber(m.value(c, row));
            }
        }
        out += '\n';
    }
    return out;
}

QByteArray ReportWriter::json(const Simulation &sim)
{
    const Engine &engine = sim.engine();
    QJsonObject root;
    root.insert(QStringLiteral("format"), QStringLiteral("flowlab-report"));
    root.insert(QStringLiteral("version"), 1);
    root.insert(QStringLiteral("seed"), QString::number(engine.seed()));
    root.insert(QStringLiteral("duration_s"), toSeconds(engine.now()));
    root.insert(QStringLiteral("interval_s"), toSeconds(engine.metricsInterval()));
    root.insert(QStringLiteral("events"), double(engine.eventsProcessed()));
    QJsonArray times;
    for (SimTime t : engine.sampleTimes())
        times.append(toSeconds(t));
    root.insert(QStringLiteral("time_s"), times);
    QJsonArray nodes;
    for (const SimNode *n : engine.nodes()) {
        QJsonObject node;
        node.insert(QStringLiteral("id"), n->id());
        node.insert(QStringLiteral("name"), n->name());
        node.insert(QStringLiteral("kind"), nodeKindId(n->kind()));
        QJsonObject summary;
        for (const auto &row : n->summary())
            summary.insert(row.first, row.second);
        node.insert(QStringLiteral("summary"), summary);
        QJsonObject metrics;
        const MetricsTable &m = n->metrics();
        for (int c = 0; c < m.columnCount(); ++c) {
            QJsonArray values;
            for (std::size_t row = 0; row < m.columnSize(c); ++row)
                values.append(m.value(c, row));
            metrics.insert(m.names()[c], values);
        }
        node.insert(QStringLiteral("metrics"), metrics);
        nodes.append(node);
    }
    root.insert(QStringLiteral("nodes"), nodes);
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

bool ReportWriter::save(const Simulation &sim, const QString &path, QString *error)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    QByteArray bytes;
    if (suffix == QLatin1String("csv")) {
        bytes = csv(sim);
    } else if (suffix == QLatin1String("json")) {
        bytes = json(sim);
    } else {
        if (error)
            *error = QStringLiteral("the report must end in .csv or .json");
        return false;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        if (error)
            *error = file.errorString();
        return false;
    }
    return true;
}

} // namespace flowlab
