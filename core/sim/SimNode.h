#pragma once

#include "Random.h"
#include "SimTime.h"
#include "Trace.h"
#include "metrics/MetricsTable.h"
#include "model/NodeKind.h"

#include <QString>
#include <QVariant>
#include <QVector>

namespace flowlab {

class Engine;

/// A named figure shown on the canvas and in summaries ("visible", 12).
struct Counter
{
    QString name;
    double value = 0;
};

/// One node of a running simulation. Subclasses hold the rules of one service and react to
/// their own events; they reach other nodes only through the pointers wired by Simulation.
class SimNode
{
public:
    SimNode(Engine &engine, int nodeId, NodeKind kind, const QString &name);
    virtual ~SimNode();
    SimNode(const SimNode &) = delete;
    SimNode &operator=(const SimNode &) = delete;

    int id() const { return m_id; }
    NodeKind kind() const { return m_kind; }
    const QString &name() const { return m_name; }
    void setName(const QString &name) { m_name = name; }
    Engine &engine() const { return m_engine; }
    Rng &rng() { return m_rng; }

    /// Called once when the run starts (or when the node is added to a running engine).
    virtual void start() {}
    /// Called when the node is removed from a running engine; it must let go of others.
    virtual void shutdown() {}
    virtual void handleEvent(quint32 type, quint64 arg) = 0;
    /// Applies one setting (already validated against the schema). Returns false when the
    /// setting cannot change while running (the schema marks those create-only).
    virtual bool applySetting(const QString &key, const QVariant &value) = 0;
    /// Live figures for the canvas.
    virtual QVector<Counter> counters() const = 0;
    /// Appends one row to metrics() for the interval ending now.
    virtual void sampleMetrics() = 0;
    /// Lines for the end-of-run summary table: (label, value) pairs.
    virtual QVector<QPair<QString, QString>> summary() const = 0;

    const MetricsTable &metrics() const { return m_metrics; }
    /// The engine slot (dense index) events are addressed to.
    quint32 slot() const { return m_slot; }

protected:
    SimTime now() const { return *m_clock; }
    void schedule(SimTime delay, quint32 type, quint64 arg = 0);
    void scheduleAt(SimTime at, quint32 type, quint64 arg = 0);
    bool tracing() const { return *m_observer != nullptr; }
    void trace(TraceKind kind, quint64 message, qint64 a = 0, qint64 b = 0, quint32 group = 0)
    {
        if (*m_observer) // the check inline: most runs have no observer on the hot paths
            record(kind, message, a, b, group);
    }

    MetricsTable m_metrics;

private:
    friend class Engine;
    void record(TraceKind kind, quint64 message, qint64 a, qint64 b, quint32 group);

    Engine &m_engine;
    const SimTime *m_clock;           ///< the engine's clock
    TraceObserver *const *m_observer; ///< the engine's observer (null: not tracing)
    int m_id;
    NodeKind m_kind;
    QString m_name;
    Rng m_rng;
    quint32 m_slot = 0;
};

} // namespace flowlab
