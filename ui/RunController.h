#pragma once

#include "runner/Breakpoints.h"
#include "runner/Frame.h"
#include "sim/SimTime.h"

#include "sim/SqsErrors.h"

#include <QJsonObject>
#include <QObject>
#include <QPointer>

#include <functional>

namespace flowlab {

class DiagramDocument;
class DiagramScene;
class SimulationRunner;

/// Runs the open document: owns the SimulationRunner and keeps it in step with the document.
///
/// The engine is "live" from the first Run or Step until Reset or until the document is
/// replaced (New, Open). While live, every change of the document (a setting, a new or removed
/// node or link, a rename; undo and redo included, since they emit the same signals) is
/// forwarded to the runner, so the running engine always mirrors the document. Frames go to
/// the scene and out through frameApplied() for the status bar.
class RunController : public QObject
{
    Q_OBJECT

public:
    RunController(DiagramDocument *document, DiagramScene *scene, QObject *parent = nullptr);
    ~RunController() override;

    /// The runner of the current run. A new one replaces it at Reset and when the document
    /// is replaced, so connect to frameApplied() rather than to the runner.
    SimulationRunner *runner() const { return m_runner; }

    /// A simulation of the document is loaded (running or paused).
    bool isLive() const { return m_live; }
    /// Running, as far as the window knows (Run pressed, not paused, not at the end).
    bool isRunning() const { return m_running; }
    /// Virtual seconds per wall second; 0 = as fast as possible.
    double speed() const { return m_speed; }
    /// The newest frame shown, or null before the first one (and after Reset).
    FramePtr lastFrame() const { return m_lastFrame; }
    /// Conditions that pause the run; kept across Reset and runs, like the speed.
    const QVector<Breakpoint> &breakpoints() const { return m_breakpoints; }
    void setBreakpoints(const QVector<Breakpoint> &list);

    /// Serving real clients (flowlab --serve with the window): the speed stays 1× (wall-clock
    /// time, as DESIGN.md asks while clients are connected).
    bool isServing() const { return m_serving; }
    void setServing(bool serving);
    /// One SQS call of a real client, run by the current run's engine (see
    /// SimulationRunner::callSqs); starts the run when none is live. What the call changes in
    /// the diagram (a queue, a client node) comes back in frames and is replayed into the
    /// document. `reply` is called on the runner's thread.
    void callSqs(const QString &action,
                 const QJsonObject &params,
                 const QString &host,
                 const QString &accessKey,
                 std::function<void(const SqsError &, const QJsonObject &)> reply);

    /// "1:02:03.456": virtual time as hours, minutes, seconds and milliseconds.
    static QString formatClock(SimTime t);
    /// "0.5×", "1000×", or "as fast as possible" for 0.
    static QString formatSpeed(double speed);

public slots:
    /// Loads the document into a fresh engine when none is live, then runs.
    void run();
    void pause();
    /// Run when paused, pause when running.
    void toggleRun();
    /// Runs exactly one event (loading first when needed) and stays paused.
    void step();
    /// Back to t = 0: the engine is dropped, live figures cleared; the next Run starts afresh
    /// from the document as it is then.
    void reset();
    /// 0.1 .. 1000, or 0 for as fast as possible.
    void setSpeed(double speed);
    /// Frames carry a peek at this queue's messages (0: none), in this run and the next.
    void setPeekQueue(int nodeId);
    /// Frames carry this message's passport (0: none), in this run and the next.
    void setPassportMessage(quint64 messageId);

signals:
    void liveChanged(bool live);
    void runningChanged(bool running);
    void speedChanged(double speed);
    void servingChanged(bool serving);
    /// Clients of the endpoint added these nodes (their queues, themselves) to the document.
    void clientNodesAdded(const QList<int> &nodeIds);
    /// A frame was shown (or, with null, the figures were cleared by Reset or a new document).
    void frameApplied(const flowlab::FramePtr &frame);
    /// Something to tell the person, e.g. a live edit the engine refused.
    void message(const QString &text);
    /// A breakpoint paused the run (after runningChanged(false)): why, and which ones.
    void breakpointHit(const QString &reason, const QVector<int> &ids);

private:
    void replaceRunner();
    void ensureLoaded();
    void unload();
    void setRunning(bool running);
    void setLive(bool live);
    void onFrame(const FramePtr &frame);
    void connectDocument();
    /// Document changes go to the engine, except while replaying the engine's own.
    bool forwarding() const { return m_live && !m_replayingEngineEdits; }

    DiagramDocument *m_document;
    QPointer<DiagramScene> m_scene;
    SimulationRunner *m_runner = nullptr;
    FramePtr m_lastFrame;
    double m_speed = 1.0;
    QVector<Breakpoint> m_breakpoints;
    bool m_breakPending = false; ///< a breakpoint's frame paused us, not the person
    int m_peekQueue = 0;
    quint64 m_passportMessage = 0;
    bool m_live = false;
    bool m_running = false;
    bool m_serving = false;
    bool m_replayingEngineEdits = false;
};

} // namespace flowlab
