#pragma once

#include "SimNode.h"
#include "SqsQueue.h"
#include "metrics/LatencyHistogram.h"

#include <unordered_set>

namespace flowlab {

struct ConsumerConfig
{
    enum class Processing { Constant, Exponential, Uniform, LogNormal };

    int instances = 2;
    int concurrency = 1;
    Processing processing = Processing::Exponential;
    double processingMean = 1.0;   ///< s
    double processingSpread = 0.5; ///< s: half-width (uniform) or standard deviation (log-normal)
    double crashProbability = 0.0;
    double restartDelay = 30.0; ///< s
    int batchSize = 1;
    int waitTimeSeconds = 20;
    double emptyPollPause = 1.0; ///< s, after an empty short poll or an error
    bool visibilityHeartbeat = false;
    bool deleteAfterProcessing = true;

    static ConsumerConfig fromSettings(const QVariantMap &resolved);
    int workers() const { return instances * concurrency; }
};

/// EC2 instances in an Auto Scaling group, each running `concurrency` worker threads that
/// loop: ReceiveMessage (long or short poll), process each message of the batch in turn,
/// DeleteMessage. A crash leaves the message undeleted (it returns after its visibility
/// timeout); a heartbeat extends the visibility while processing.
class ConsumerGroup : public SimNode, public SqsReceiver
{
public:
    ConsumerGroup(Engine &engine, int nodeId, const QString &name, const ConsumerConfig &config);

    void setSource(SqsQueue *queue);
    SqsQueue *source() const { return m_source; }
    const ConsumerConfig &config() const { return m_config; }

    quint64 processed() const { return m_processed; }
    quint64 duplicatesProcessed() const { return m_duplicates; }
    quint64 crashes() const { return m_crashes; }
    int busyWorkers() const { return m_busy; }
    /// End-to-end latency: from the producer's send to the end of processing.
    const LatencyHistogram &latency() const { return m_latency; }

    void start() override;
    void shutdown() override;
    void handleEvent(quint32 type, quint64 arg) override;
    bool applySetting(const QString &key, const QVariant &value) override;
    QVector<Counter> counters() const override;
    void sampleMetrics() override;
    QVector<QPair<QString, QString>> summary() const override;

    void longPollFinished(quint64 token, std::vector<SqsReceivedMessage> messages) override;

private:
    enum EventType : quint32 { Poll = 1, ProcessingDone, Heartbeat, Restarted };
    enum class State { Idle, Polling, Processing, Pausing, Crashed, Retired };
    struct Worker
    {
        State state = State::Idle;
        quint32 generation = 0; ///< bumps on every state change; stale events are ignored
        std::vector<SqsReceivedMessage> batch;
        std::size_t index = 0;
        bool willCrash = false;
        bool waiting = false; ///< a long poll of this worker is registered with the queue
        SimTime heartbeatVisibility = 0;
    };

    static quint64 pack(std::size_t worker, quint32 generation)
    {
        return (quint64(generation) << 32) | quint64(worker);
    }
    Worker *workerFor(quint64 arg);
    void setState(std::size_t w, State s);
    void poll(std::size_t w);
    void startBatch(std::size_t w, std::vector<SqsReceivedMessage> &messages);
    void processNext(std::size_t w);
    void finishMessage(std::size_t w);
    double drawProcessingSeconds();
    void resizeWorkers();
    void accumulateBusy();

    ConsumerConfig m_config;
    SqsQueue *m_source = nullptr;
    std::vector<Worker> m_workers;
    SqsReceiveResult m_received; ///< the last receive's answer; its buffer is reused
    int m_busy = 0;
    int m_live = 0; ///< workers not retired
    quint64 m_processed = 0;
    quint64 m_duplicates = 0;
    quint64 m_crashes = 0;
    quint64 m_deleteErrors = 0;
    std::unordered_set<quint64> m_mayReturn; ///< finished messages that may come back
    LatencyHistogram m_latency;
    LatencyHistogram m_intervalLatency;
    double m_busyArea = 0.0;   ///< integral of busy workers over time, worker*s
    double m_workerArea = 0.0; ///< integral of workers over time
    SimTime m_areaSince = 0;
    quint64 m_lastProcessed = 0, m_lastDuplicates = 0, m_lastCrashes = 0;
    int m_colWorkers = 0;
};

} // namespace flowlab
