#include "RunnerWorker.h"

#include <QDateTime>

#include "sim/Simulation.h"

#include <QThread>
#include <QTimer>

#include <algorithm>
#include <cmath>

namespace flowlab {

namespace {
// Paced runs wake every few milliseconds; as-fast-as-possible runs use a zero timer, which
// fires whenever the worker's event loop has nothing else to do, so queued commands are
// taken between two chunks at any speed.
constexpr int kPacedTickMs = 4;
// Events run between two looks at the wall clock and the interruption flag.
constexpr quint64 kChunkEvents = 1000;
// Wall time one tick may spend running events before it returns to the event loop.
constexpr qint64 kTickBudgetNs = 8'000'000;
constexpr qint64 kFrameIntervalNs = 1'000'000'000 / 60;
// When a paced run falls further behind its target than this (in wall time), the target is
// moved back to the engine's clock: virtual time lags instead of racing to catch up later.
constexpr qint64 kMaxLagNs = 100'000'000;
constexpr double kMinSpeed = 0.1;
constexpr double kMaxSpeed = 1000.0;
} // namespace

RunnerWorker::RunnerWorker(QObject *parent)
    : QObject(parent)
    , m_timer(new QTimer(this))
{
    // A child, so it moves to the worker thread with us and fires there.
    m_timer->setTimerType(Qt::PreciseTimer);
    m_timer->setInterval(kPacedTickMs);
    connect(m_timer, &QTimer::timeout, this, &RunnerWorker::tick);
    m_observers.add(&m_recorder);
    m_observers.add(&m_history);
    m_history.setRecording(false); // until someone inspects
    m_sinceFrame.start();
    m_wall.start();
}

RunnerWorker::~RunnerWorker() = default;

void RunnerWorker::load(const Diagram &diagram, quint64 seedOverride)
{
    m_diagram = diagram;
    m_seedOverride = seedOverride;
    build();
}

void RunnerWorker::reset()
{
    if (m_sim)
        build();
}

void RunnerWorker::build()
{
    stopRunning();
    // Clients waiting on the old simulation's queues get their (empty) answers first.
    m_sqs.reset();
    m_diagramEdits.clear();
    // The old engine goes first: it still points at the recorder, and two engines of a large
    // diagram need not be held at once.
    m_breakpoints.attach(nullptr, &m_observers);
    m_sim.reset();
    m_recorder.clear();
    m_history.clear();
    m_peek.reset();
    m_passport.reset();
    m_timesPublished = 0;
    m_rowsPublished.clear();
    m_sim = std::make_unique<Simulation>(m_diagram, m_seedOverride);
    // Before start(): what the nodes do when they start (first polls) is traced too.
    m_breakHit = BreakpointMonitor::Hit();
    m_breakpoints.restart();
    m_history.setEngine(&m_sim->engine());
    watchBreakpoints(); // the engine's observer: the breakpoints, or straight the tee
    m_sim->start();
    m_finished = atEnd();
    m_lastError.clear();
    publish();
}

void RunnerWorker::start()
{
    if (!m_sim || m_running)
        return;
    if (atEnd()) {
        m_finished = true;
        publish();
        return;
    }
    m_finished = false;
    m_running = true;
    rebase();
    updateTimer();
    m_timer->start();
    publish();
}

void RunnerWorker::pause()
{
    if (!m_sim)
        return;
    stopRunning();
    publish();
}

void RunnerWorker::step()
{
    if (!m_sim)
        return;
    stopRunning();
    m_sim->engine().step();
    if (m_breakpoints.active() && m_breakpoints.check())
        m_breakHit = m_breakpoints.takeHit();
    m_finished = atEnd();
    publish();
}

void RunnerWorker::setSpeed(double factor)
{
    if (std::isnan(factor))
        return;
    // Pace from here on at the new speed, without a jump for the time already elapsed.
    if (m_running)
        rebase();
    m_speed = factor <= 0 ? 0.0 : std::clamp(factor, kMinSpeed, kMaxSpeed);
    updateTimer();
    if (m_sim && !m_running)
        publish();
}

void RunnerWorker::setRunUntil(SimTime t)
{
    m_runUntil = t;
    if (!m_sim)
        return;
    if (atEnd()) {
        finish();
    } else {
        m_finished = false;
        if (!m_running)
            publish();
    }
}

void RunnerWorker::setBreakpoints(const QVector<Breakpoint> &list)
{
    m_breakpoints.setBreakpoints(list);
    watchBreakpoints();
}

void RunnerWorker::watchBreakpoints()
{
    if (!m_sim)
        return;
    Engine &engine = m_sim->engine();
    // The trace goes to the tee (the frame recorder and the message history), through the
    // breakpoint monitor when one is enabled. Without an enabled breakpoint the monitor stays
    // out of the trace path and the run loop takes its unchecked path: breakpoints cost
    // nothing per event then.
    m_breakpoints.attach(&engine, &m_observers);
    if (m_breakpoints.active())
        engine.setObserver(&m_breakpoints);
    else
        engine.setObserver(&m_observers);
}

void RunnerWorker::setNodeSetting(int nodeId, const QString &key, const QVariant &value)
{
    QString why = QStringLiteral("no simulation is loaded");
    editDone(m_sim && m_sim->setNodeSetting(nodeId, key, value, &why), why);
}

void RunnerWorker::renameNode(int nodeId, const QString &name)
{
    QString why = QStringLiteral("no simulation is loaded");
    editDone(m_sim && m_sim->renameNode(nodeId, name, &why), why);
}

void RunnerWorker::addNode(const Node &node)
{
    QString why = QStringLiteral("no simulation is loaded");
    editDone(m_sim && m_sim->addNode(node, &why), why);
}

void RunnerWorker::removeNode(int nodeId)
{
    QString why = QStringLiteral("no simulation is loaded");
    editDone(m_sim && m_sim->removeNode(nodeId, &why), why);
}

void RunnerWorker::addLink(const Link &link)
{
    QString why = QStringLiteral("no simulation is loaded");
    editDone(m_sim && m_sim->addLink(link, &why), why);
}

void RunnerWorker::removeLink(int linkId)
{
    QString why = QStringLiteral("no simulation is loaded");
    editDone(m_sim && m_sim->removeLink(linkId, &why), why);
}

void RunnerWorker::editDone(bool ok, const QString &why)
{
    if (!ok) {
        m_lastError = why;
        emit editRefused(why);
    }
    // A queue a breakpoint names may have come or gone.
    m_breakpoints.resolve();
    // While running, the next periodic frame (at most 1/60 s away) shows the edit.
    if (m_sim && !m_running)
        publish();
}

void RunnerWorker::tick()
{
    if (!m_running || !m_sim) {
        m_timer->stop();
        return;
    }
    QElapsedTimer budget;
    budget.start();

    SimTime target = m_runUntil;
    if (m_speed > 0) {
        const double paced = double(m_virtualAtStart)
                             + double(m_wall.nsecsElapsed()) / 1000.0 * m_speed;
        if (paced < double(target))
            target = SimTime(paced);
    }

    bool reached = false;
    const QThread *thread = QThread::currentThread();
    for (;;) {
        if (runChunk(target, kChunkEvents)) {
            reached = true;
            break;
        }
        if (budget.nsecsElapsed() >= kTickBudgetNs || thread->isInterruptionRequested())
            break;
    }

    if (m_breakpoints.hasHit()) {
        // Paused at the virtual time the condition became true; the frame says why.
        m_breakHit = m_breakpoints.takeHit();
        m_finished = atEnd();
        stopRunning();
        publish();
        return;
    }
    if (atEnd()) {
        finish();
        return;
    }
    if (m_speed > 0 && !reached) {
        const double lagNs = double(target - m_sim->now()) * 1000.0 / m_speed;
        if (lagNs > double(kMaxLagNs))
            rebase();
    }
    if (m_sinceFrame.nsecsElapsed() >= kFrameIntervalNs)
        publish();
}

bool RunnerWorker::runChunk(SimTime target, quint64 maxEvents)
{
    if (m_breakpoints.active())
        return runChunkChecked(target, maxEvents);
    Engine &engine = m_sim->engine();
    if (target == kNever) {
        // Engine::runUntil(kNever) would set the clock to kNever once the events run out.
        for (quint64 i = 0; i < maxEvents; ++i) {
            if (!engine.step())
                return true;
        }
        return false;
    }
    // Fewer events than allowed means every event up to `target` ran and the clock is there.
    return m_sim->runUntil(target, maxEvents) < maxEvents;
}

// runChunk() with the breakpoints evaluated after every event, and at the instants an age
// limit is reached between two events (the clock is moved there). Returns true when the
// target was reached, the events ran out or a breakpoint fired.
bool RunnerWorker::runChunkChecked(SimTime target, quint64 maxEvents)
{
    Engine &engine = m_sim->engine();
    for (quint64 i = 0; i < maxEvents; ++i) {
        const SimTime next = engine.nextEventTime();
        const SimTime due = m_breakpoints.nextDue();
        if (due < next && due <= target && due > engine.now()) {
            engine.runUntil(due); // no event is due before it: only the clock moves
            if (m_breakpoints.check())
                return true;
            continue;
        }
        if (next == kNever || next > target) {
            if (target != kNever)
                engine.runUntil(target);
            return true;
        }
        engine.step();
        if (m_breakpoints.check())
            return true;
    }
    return false;
}

bool RunnerWorker::atEnd() const
{
    return m_sim->now() >= m_runUntil || !m_sim->engine().hasPendingEvents();
}

void RunnerWorker::finish()
{
    m_finished = true;
    stopRunning();
    publish();
}

void RunnerWorker::stopRunning()
{
    m_running = false;
    m_timer->stop();
}

void RunnerWorker::rebase()
{
    m_virtualAtStart = m_sim ? m_sim->now() : 0;
    m_wall.restart();
}

void RunnerWorker::updateTimer()
{
    m_timer->setInterval(m_speed > 0 ? kPacedTickMs : 0);
}

void RunnerWorker::publish()
{
    if (!m_sim)
        return;
    const Engine &engine = m_sim->engine();
    auto frame = std::make_shared<Frame>();
    frame->time = engine.now();
    frame->eventsProcessed = engine.eventsProcessed();
    frame->running = m_running;
    frame->finished = m_finished;
    frame->speed = m_speed;
    const std::vector<SimNode *> nodes = engine.nodes();
    frame->nodes.reserve(qsizetype(nodes.size()));
    for (const SimNode *n : nodes)
        frame->nodes.append(NodeFrame{n->id(), n->counters()});
    m_recorder.takeInto(frame.get());
    takeMetricsInto(frame.get());
    frame->lastError = m_lastError;
    frame->diagramEdits.swap(m_diagramEdits);
    frame->breakReason = std::move(m_breakHit.reason);
    frame->breakpointIds = std::move(m_breakHit.ids);
    m_breakHit = BreakpointMonitor::Hit();
    addInspection(frame.get());
    m_sinceFrame.restart();
    emit frameReady(FramePtr(std::move(frame)));
}

} // namespace flowlab

namespace flowlab {

void RunnerWorker::callSqs(const QString &action,
                           const QJsonObject &params,
                           const QString &host,
                           const QString &accessKey,
                           SqsService::Reply reply)
{
    if (!m_sim) {
        reply(SqsError(SqsErrorCode::ServiceUnavailable, QStringLiteral("No simulation is loaded.")),
              {});
        return;
    }
    if (!m_sqs) {
        m_sqs = std::make_unique<SqsService>(*m_sim);
        m_sqs->setEpochOffsetMs(QDateTime::currentMSecsSinceEpoch() - m_sim->now() / kMillisecond);
    }
    // The diagram as it was (a shallow copy), to tell the window what the call changed.
    const Diagram before = m_sim->diagram();
    m_sqs->call(action, params, host, accessKey, std::move(reply));
    m_diagramEdits += diagramEdits(before, m_sim->diagram());
    // A running simulation catches up with the wall clock at once rather than at its next
    // tick: what the call set off now (a waiting long poll answered by this send) happens
    // now, not up to a tick later. A paused one shows the change in a frame at once.
    if (m_running)
        tick();
    else
        publish();
}

} // namespace flowlab

namespace flowlab {

namespace {
// A running queue is peeked at most this often (the frames in between share the snapshot):
// a table is read at this pace, and a queue of a million messages costs a few ms a look.
constexpr qint64 kPeekIntervalNs = 100'000'000;
} // namespace

void RunnerWorker::setPeekQueue(int nodeId)
{
    m_peekNode = nodeId;
    m_peek.reset();
    updateHistoryRecording();
    if (m_sim && !m_running)
        publish();
}

void RunnerWorker::setPassportMessage(quint64 messageId)
{
    m_passportMessage = messageId;
    m_history.pin(messageId);
    m_passport.reset();
    updateHistoryRecording();
    if (m_sim && !m_running)
        publish();
}

void RunnerWorker::updateHistoryRecording()
{
    // Lives are recorded while a queue is peeked at or a passport is shown: from then on
    // passports are complete. Off again, the history is dropped, as it would have gaps.
    const bool on = m_peekNode != 0 || m_passportMessage != 0;
    if (on == m_history.recording())
        return;
    m_history.setRecording(on);
    if (!on)
        m_history.clear();
}

void RunnerWorker::addInspection(Frame *frame)
{
    const Engine &engine = m_sim->engine();
    if (m_peekNode == 0) {
        m_peek.reset();
    } else if (!m_peek || !m_running || m_sincePeek.nsecsElapsed() >= kPeekIntervalNs) {
        m_peek = QueuePeek::take(engine, m_peekNode);
        m_sincePeek.restart();
    }
    frame->peek = m_peek;

    if (m_passportMessage == 0) {
        m_passport.reset();
    } else {
        const qint64 revision = m_history.revision(m_passportMessage);
        if (!m_passport || revision != m_passportRevision) {
            m_passport = m_history.passport(m_passportMessage);
            m_passportRevision = revision;
        }
    }
    frame->passport = m_passport;
}

void RunnerWorker::takeMetricsInto(Frame *frame)
{
    const Engine &engine = m_sim->engine();
    const std::vector<SimTime> &times = engine.sampleTimes();
    FrameMetrics &out = frame->metrics;
    out.firstRow = m_timesPublished;
    out.times.reserve(qsizetype(times.size() - m_timesPublished));
    for (std::size_t i = m_timesPublished; i < times.size(); ++i)
        out.times.append(times[i]);
    m_timesPublished = times.size();

    const std::vector<SimNode *> nodes = engine.nodes();
    out.nodes.reserve(qsizetype(nodes.size()));
    for (const SimNode *n : nodes) {
        const MetricsTable &table = n->metrics();
        quint64 &published = m_rowsPublished[n];
        NodeMetricRows rows;
        rows.nodeId = n->id();
        rows.firstRow = published;
        rows.columns = table.names();
        const std::size_t end = table.rowCount();
        rows.values.reserve(qsizetype((end - published) * std::size_t(table.columnCount())));
        for (std::size_t r = published; r < end; ++r) {
            for (int c = 0; c < table.columnCount(); ++c)
                rows.values.append(table.value(c, r));
        }
        published = end;
        out.nodes.append(std::move(rows));
    }
}

} // namespace flowlab
