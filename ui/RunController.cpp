#include "RunController.h"

#include "canvas/DiagramScene.h"
#include "document/DiagramDocument.h"
#include "runner/SimulationRunner.h"

#include <QLocale>

#include <cmath>

namespace flowlab {

RunController::RunController(DiagramDocument *document, DiagramScene *scene, QObject *parent)
    : QObject(parent)
    , m_document(document)
    , m_scene(scene)
{
    m_speed = document->diagram().simulation.speed;
    replaceRunner();
    connectDocument();
}

// The runner's destructor interrupts and joins its thread; nothing else to stop.
RunController::~RunController() = default;

void RunController::replaceRunner()
{
    // A fresh runner (and worker thread) per run: deleting the old one joins its thread and
    // drops the frames it still had queued for us, so no figure of a dropped engine can show
    // up after Reset or in a new document.
    delete m_runner;
    m_runner = new SimulationRunner(this);
    m_runner->setSpeed(m_speed);
    m_runner->setBreakpoints(m_breakpoints);
    m_runner->setPeekQueue(m_peekQueue);
    m_runner->setPassportMessage(m_passportMessage);
    connect(m_runner, &SimulationRunner::frameReady, this, &RunController::onFrame);
    connect(m_runner, &SimulationRunner::editRefused, this, [this](const QString &reason) {
        emit message(tr("The running simulation refused the change: %1").arg(reason));
    });
}

void RunController::connectDocument()
{
    // Each forwarder reads the item from the document as it is now: the signals come after
    // the change. Removals need only the id.
    DiagramDocument *doc = m_document;
    connect(doc,
            &DiagramDocument::nodeSettingChanged,
            this,
            [this](int id, const QString &key, const QVariant &value) {
                if (forwarding())
                    m_runner->setNodeSetting(id, key, value);
            });
    connect(doc, &DiagramDocument::nodeAdded, this, [this, doc](int id) {
        if (forwarding()) {
            if (const Node *n = doc->diagram().node(id))
                m_runner->addNode(*n);
        }
    });
    connect(doc, &DiagramDocument::nodeRemoved, this, [this](int id) {
        if (forwarding())
            m_runner->removeNode(id);
    });
    connect(doc, &DiagramDocument::nodeRenamed, this, [this, doc](int id) {
        if (forwarding()) {
            if (const Node *n = doc->diagram().node(id))
                m_runner->renameNode(id, n->name);
        }
    });
    connect(doc, &DiagramDocument::linkAdded, this, [this, doc](int id) {
        if (forwarding()) {
            if (const Link *l = doc->diagram().link(id))
                m_runner->addLink(*l);
        }
    });
    connect(doc, &DiagramDocument::linkRemoved, this, [this](int id) {
        if (forwarding())
            m_runner->removeLink(id);
    });
    // A new document: the engine of the old one stops and is forgotten; the speed is the
    // new document's.
    connect(doc, &DiagramDocument::documentReset, this, [this, doc] {
        unload();
        setSpeed(doc->diagram().simulation.speed);
    });
}

void RunController::ensureLoaded()
{
    if (m_live)
        return;
    m_runner->load(m_document->diagram());
    setLive(true);
}

void RunController::unload()
{
    if (m_live)
        replaceRunner();
    m_lastFrame.reset();
    m_breakPending = false;
    setRunning(false);
    setLive(false);
    if (m_scene)
        m_scene->clearLive();
    emit frameApplied(nullptr);
}

void RunController::run()
{
    ensureLoaded();
    m_runner->start();
    setRunning(true);
}

void RunController::pause()
{
    if (!m_live)
        return;
    m_runner->pause();
    m_breakPending = false;
    setRunning(false);
}

void RunController::toggleRun()
{
    if (m_running)
        pause();
    else
        run();
}

void RunController::step()
{
    ensureLoaded();
    m_runner->step();
    m_breakPending = false;
    setRunning(false);
}

void RunController::reset()
{
    // The engine is dropped rather than rewound (SimulationRunner::reset() would rebuild the
    // diagram it was first given): the next Run loads the document as it is then, edits
    // made while stopped included.
    unload();
}

void RunController::setSpeed(double speed)
{
    if (!(speed > 0))
        speed = 0;
    if (m_serving)
        speed = 1.0;
    if (speed == m_speed)
        return;
    m_speed = speed;
    m_runner->setSpeed(speed);
    emit speedChanged(speed);
}

void RunController::setServing(bool serving)
{
    if (serving == m_serving)
        return;
    m_serving = serving;
    if (serving)
        setSpeed(1.0);
    emit servingChanged(serving);
}

void RunController::callSqs(const QString &action,
                            const QJsonObject &params,
                            const QString &host,
                            const QString &accessKey,
                            std::function<void(const SqsError &, const QJsonObject &)> reply)
{
    // A client's first call starts the run (after Reset too): the endpoint's queues live in
    // the engine. A paused run answers at once but its clock stands still, long polls too.
    if (!m_live)
        run();
    m_runner->callSqs(action, params, host, accessKey, std::move(reply));
}

void RunController::setBreakpoints(const QVector<Breakpoint> &list)
{
    m_breakpoints = list;
    m_runner->setBreakpoints(list);
}

void RunController::setRunning(bool running)
{
    if (running == m_running)
        return;
    m_running = running;
    if (m_scene)
        m_scene->setLive(running);
    emit runningChanged(running);
}

void RunController::setLive(bool live)
{
    if (live == m_live)
        return;
    m_live = live;
    emit liveChanged(live);
}

void RunController::onFrame(const FramePtr &frame)
{
    if (!frame || !m_live)
        return;
    m_lastFrame = frame;
    // What clients of the endpoint changed, before the figures that may show it.
    if (!frame->diagramEdits.isEmpty()) {
        m_replayingEngineEdits = true;
        m_document->applyEngineEdits(frame->diagramEdits);
        m_replayingEngineEdits = false;
        QList<int> added;
        for (const DiagramEdit &e : frame->diagramEdits) {
            if (e.kind == DiagramEdit::Kind::AddNode && m_document->diagram().node(e.node.id))
                added.append(e.node.id);
        }
        if (!added.isEmpty())
            emit clientNodesAdded(added);
    }
    // The run ended by itself (no events left, or its stop time).
    if (frame->finished && !frame->running)
        setRunning(false);
    // A breakpoint paused it on the worker thread, at the virtual time it fired.
    const bool stopped = !frame->breakReason.isEmpty() && !frame->running;
    if (stopped) {
        setRunning(false);
        m_breakPending = true;
    } else if (m_breakPending && frame->running) {
        // Run was pressed before the breakpoint's frame came in: the worker paused, then
        // started again, and this frame says it runs.
        m_breakPending = false;
        setRunning(true);
    }
    if (m_scene)
        m_scene->applyFrame(frame);
    emit frameApplied(frame);
    if (stopped)
        emit breakpointHit(frame->breakReason, frame->breakpointIds);
}

QString RunController::formatClock(SimTime t)
{
    if (t < 0)
        t = 0;
    const qint64 ms = t / kMillisecond;
    const qint64 hours = ms / 3'600'000;
    const int minutes = int(ms / 60'000 % 60);
    const int seconds = int(ms / 1000 % 60);
    const int millis = int(ms % 1000);
    return QStringLiteral("%1:%2:%3.%4")
        .arg(hours)
        .arg(minutes, 2, 10, QLatin1Char('0'))
        .arg(seconds, 2, 10, QLatin1Char('0'))
        .arg(millis, 3, 10, QLatin1Char('0'));
}

QString RunController::formatSpeed(double speed)
{
    if (!(speed > 0))
        return tr("as fast as possible");
    return QLocale().toString(speed, 'g', 4) + QStringLiteral("×");
}

} // namespace flowlab

namespace flowlab {

void RunController::setPeekQueue(int nodeId)
{
    if (nodeId == m_peekQueue)
        return;
    m_peekQueue = nodeId;
    m_runner->setPeekQueue(nodeId);
}

void RunController::setPassportMessage(quint64 messageId)
{
    if (messageId == m_passportMessage)
        return;
    m_passportMessage = messageId;
    m_runner->setPassportMessage(messageId);
}

} // namespace flowlab
