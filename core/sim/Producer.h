#pragma once

#include "SimNode.h"
#include "SqsQueue.h"

#include <unordered_map>

namespace flowlab {

struct ProducerConfig
{
    enum class Pattern { Constant, Poisson, Spike };
    enum class Dedup { MessageId, Content, None };

    Pattern pattern = Pattern::Poisson;
    double rate = 10.0;       ///< msg/s
    double spikeRate = 500.0; ///< msg/s during the spike
    SimTime spikeStart = 60 * kSecond;
    SimTime spikeDuration = 30 * kSecond;
    int bodySizeMin = 1024;
    int bodySizeMax = 1024;
    int batchSize = 1;
    int messageGroups = 1;
    Dedup dedup = Dedup::MessageId;
    double retryDuplicateProbability = 0.0;
    int messageDelay = -1;
    qint64 maxMessages = 0;

    static ProducerConfig fromSettings(const QVariantMap &resolved);
};

/// An application sending messages to one queue: an arrival process (constant, Poisson,
/// or Poisson with a spike), message sizes, FIFO groups and deduplication ids, batches,
/// SDK-style retries of throttled requests and, optionally, resends of a message whose
/// response was "lost" (which a FIFO queue deduplicates and a standard queue does not).
class Producer : public SimNode
{
public:
    Producer(Engine &engine, int nodeId, const QString &name, const ProducerConfig &config);

    void setTarget(SqsQueue *queue) { m_target = queue; }
    SqsQueue *target() const { return m_target; }
    const ProducerConfig &config() const { return m_config; }

    quint64 messagesSent() const { return m_sent; }
    quint64 sendFailures() const { return m_failed; }

    void start() override;
    void shutdown() override { m_target = nullptr; }
    void handleEvent(quint32 type, quint64 arg) override;
    bool applySetting(const QString &key, const QVariant &value) override;
    QVector<Counter> counters() const override;
    void sampleMetrics() override;
    QVector<QPair<QString, QString>> summary() const override;

private:
    enum EventType : quint32 { Arrival = 1, Retry };
    struct Pending
    {
        std::vector<SqsBatchEntry> entries;
        int attempt = 0;
    };

    double currentRate(SimTime t) const;
    SimTime nextGap();
    void scheduleNextArrival();
    void sendBatch();
    SqsSendRequest makeRequest(bool fifo);
    void sendOne(const SqsSendRequest &request, int attempt);
    void submit(std::vector<SqsBatchEntry> entries, int attempt);
    void retryOrFail(std::vector<SqsBatchEntry> entries, int attempt, const SqsError &error);
    void countResult(const SqsSendResult &result);

    ProducerConfig m_config;
    SqsQueue *m_target = nullptr;
    quint64 m_sequence = 0; ///< messages created (before resends)
    quint64 m_arrivalGeneration = 0;
    quint64 m_sent = 0;   ///< accepted by the queue (including deduplicated)
    quint64 m_failed = 0; ///< refused for good (validation, retries exhausted)
    quint64 m_throttled = 0;
    quint64 m_resent = 0;
    std::unordered_map<quint64, Pending> m_pending;
    quint64 m_nextPending = 1;
    quint64 m_lastSent = 0, m_lastFailed = 0, m_lastThrottled = 0;
    int m_colSent = 0;
};

} // namespace flowlab
