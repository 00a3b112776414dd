// Producers and consumer groups: arrival patterns, sizes, batches, FIFO groups and
// deduplication strategies, retries; crashes, heartbeats, duplicates and latency.

#include "DiagramBuilder.h"
#include "sim/ConsumerGroup.h"
#include "sim/Producer.h"
#include "sim/Simulation.h"
#include "sim/SqsQueue.h"

#include <QtTest>

#include <cmath>
#include <set>

using namespace flowlab;
using namespace flowlab::test;

namespace {

/// producer(1) -> queue(2) [-> consumers(3)]
struct Chain
{
    Chain(QVariantMap producer,
          QVariantMap queue,
          QVariantMap consumer = {},
          bool withConsumer = true,
          quint64 seed = 1)
    {
        DiagramBuilder b;
        queue.insert(QStringLiteral("duplicateDeliveryProbability"),
                     queue.value(QStringLiteral("duplicateDeliveryProbability"), 0.0));
        queue.insert(QStringLiteral("shortPollEmptyProbability"),
                     queue.value(QStringLiteral("shortPollEmptyProbability"), 0.0));
        const int p = b.node(NodeKind::Producer, QStringLiteral("producer"), producer);
        const int q = b.node(NodeKind::SqsQueue, QStringLiteral("queue"), queue);
        if (withConsumer)
            consumerId = b.node(NodeKind::ConsumerGroup, QStringLiteral("consumers"), consumer);
        b.link(p, q);
        if (withConsumer)
            b.link(q, consumerId);
        b.d.simulation.seed = seed;
        sim = std::make_unique<Simulation>(b.d);
        sim->engine().setObserver(&trace);
        sim->start();
    }
    Producer *producer() const { return static_cast<Producer *>(sim->simNode(1)); }
    SqsQueue *queue() const { return static_cast<SqsQueue *>(sim->simNode(2)); }
    ConsumerGroup *consumers() const
    {
        return static_cast<ConsumerGroup *>(sim->simNode(consumerId));
    }
    int consumerId = 0;
    void runTo(double seconds) { sim->runUntil(fromSeconds(seconds)); }

    struct Keep : TraceObserver
    {
        void record(const TraceRecord &r) override { records.push_back(r); }
        std::vector<TraceRecord> records;
    } trace;
    std::unique_ptr<Simulation> sim;

    int count(TraceKind kind, int node = -1) const
    {
        int n = 0;
        for (const TraceRecord &r : trace.records)
            n += r.kind == kind && (node < 0 || r.node == node);
        return n;
    }
};

QVariantMap settings(std::initializer_list<std::pair<const char *, QVariant>> list)
{
    QVariantMap m;
    for (const auto &kv : list)
        m.insert(QString::fromLatin1(kv.first), kv.second);
    return m;
}

} // namespace

class TestNodes : public QObject
{
    Q_OBJECT

private slots:
    void constantRateIsExact();
    void poissonRate();
    void spikeSchedule();
    void batchesAndSizes();
    void maxMessagesStops();
    void fifoGroupsAndMessageIdDedup();
    void retryDuplicatesOnStandardQueue();
    void contentDedupNeedsQueueSetting();
    void fifoThrottlingRetriesThenFails();
    void crashLeavesMessageUndeleted();
    void heartbeatPreventsDuplicates();
    void visibilityTooShortGivesDuplicates();
    void shortPollingConsumerPauses();
    void batchReceiveProcessesInTurn();
    void scalingInstancesWhileRunning();
    void latencyPercentiles();
    void queueLatencyColumns();
};

void TestNodes::constantRateIsExact()
{
    Chain c(settings({{"pattern", "constant"}, {"rate", 10.0}}), {}, {}, false);
    c.runTo(60.0);
    // Every 0.1 s from 0.1 s to 60 s inclusive.
    QCOMPARE(c.producer()->messagesSent(), quint64(600));
    QCOMPARE(c.queue()->stats().sent, quint64(600));
    const std::vector<double> &perSecond = c.queue()->metrics().column(
        QStringLiteral("NumberOfMessagesSent"));
    QCOMPARE(perSecond.size(), std::size_t(60));
    QCOMPARE(perSecond[10], 10.0);
}

void TestNodes::poissonRate()
{
    Chain c(settings({{"pattern", "poisson"}, {"rate", 10.0}}), {}, {}, false);
    c.runTo(10000.0);
    // 100,000 expected; the standard deviation of a Poisson count is sqrt(100000) ~ 316.
    const double n = double(c.producer()->messagesSent());
    QVERIFY2(std::abs(n - 100000.0) < 4 * 316.0, qPrintable(QString::number(n)));
    // Gaps are exponential: the share of gaps shorter than the mean is 1 - 1/e.
    std::vector<SimTime> times;
    for (const TraceRecord &r : c.trace.records) {
        if (r.kind == TraceKind::Sent)
            times.push_back(r.time);
    }
    int shortGaps = 0;
    for (std::size_t i = 1; i < times.size(); ++i)
        shortGaps += times[i] - times[i - 1] < 100 * kMillisecond;
    const double share = double(shortGaps) / double(times.size() - 1);
    QVERIFY2(std::abs(share - (1.0 - std::exp(-1.0))) < 0.01, qPrintable(QString::number(share)));
}

void TestNodes::spikeSchedule()
{
    // 20/s with 500/s from t = 60 s for 30 s (the study notes' example).
    Chain c(settings({{"pattern", "spike"},
                      {"rate", 20.0},
                      {"spikeRate", 500.0},
                      {"spikeStart", 60.0},
                      {"spikeDuration", 30.0}}),
            {},
            {},
            false);
    c.runTo(150.0);
    int before = 0, during = 0, after = 0;
    for (const TraceRecord &r : c.trace.records) {
        if (r.kind != TraceKind::Sent)
            continue;
        if (r.time <= 60 * kSecond)
            ++before;
        else if (r.time <= 90 * kSecond)
            ++during;
        else
            ++after;
    }
    QVERIFY2(std::abs(before - 1200) < 4 * 35, qPrintable(QString::number(before)));
    QVERIFY2(std::abs(during - 15000) < 4 * 123, qPrintable(QString::number(during)));
    QVERIFY2(std::abs(after - 1200) < 4 * 35, qPrintable(QString::number(after)));
}

void TestNodes::batchesAndSizes()
{
    Chain c(settings({{"pattern", "constant"},
                      {"rate", 100.0},
                      {"batchSize", qint64(10)},
                      {"bodySizeMin", qint64(200)},
                      {"bodySizeMax", qint64(300)}}),
            {},
            {},
            false);
    c.runTo(1.0);
    // 100 msg/s in batches of 10: ten requests, one every 0.1 s, ten messages each.
    QCOMPARE(c.queue()->stats().sent, quint64(100));
    std::set<SimTime> instants;
    quint64 minSize = ~0ULL, maxSize = 0;
    for (const TraceRecord &r : c.trace.records) {
        if (r.kind != TraceKind::Sent)
            continue;
        instants.insert(r.time);
        minSize = std::min(minSize, quint64(r.a));
        maxSize = std::max(maxSize, quint64(r.a));
    }
    QCOMPARE(instants.size(), std::size_t(10));
    QVERIFY(minSize >= 200 && maxSize <= 300 && maxSize > minSize);
}

void TestNodes::maxMessagesStops()
{
    Chain c(settings({{"pattern", "poisson"}, {"rate", 100.0}, {"maxMessages", qint64(250)}}),
            {},
            {},
            false);
    c.runTo(100.0);
    QCOMPARE(c.queue()->stats().sent, quint64(250));
}

void TestNodes::fifoGroupsAndMessageIdDedup()
{
    Chain c(settings({{"pattern", "constant"},
                      {"rate", 50.0},
                      {"messageGroups", qint64(4)},
                      {"retryDuplicateProbability", 1.0}}),
            settings({{"fifo", true}}),
            {},
            false);
    c.runTo(10.0);
    // Every send was repeated; the FIFO queue kept one of each.
    QCOMPARE(c.queue()->stats().sent, quint64(500));
    QCOMPARE(c.queue()->stats().deduplicated, quint64(500));
    QCOMPARE(c.producer()->sendFailures(), quint64(0));
    std::set<quint32> groups;
    std::vector<SqsReceivedMessage> got;
    SqsReceiveRequest r;
    r.maxNumberOfMessages = 10;
    r.waitTimeSeconds = 0;
    for (int i = 0; i < 10; ++i) {
        for (const auto &m : c.queue()->receiveMessage(r, nullptr, 0).messages)
            groups.insert(m.message.group);
    }
    QCOMPARE(groups.size(), std::size_t(4));
}

void TestNodes::retryDuplicatesOnStandardQueue()
{
    Chain c(settings({{"pattern", "constant"}, {"rate", 50.0}, {"retryDuplicateProbability", 1.0}}),
            {},
            {},
            false);
    c.runTo(10.0);
    QCOMPARE(c.queue()->stats().sent, quint64(1000)); // a standard queue keeps both copies
}

void TestNodes::contentDedupNeedsQueueSetting()
{
    {
        Chain c(settings({{"pattern", "constant"}, {"rate", 10.0}, {"deduplication", "content"}}),
                settings({{"fifo", true}}),
                {},
                false);
        c.runTo(1.0);
        // No deduplication id and no content-based deduplication on the queue: refused.
        QCOMPARE(c.producer()->sendFailures(), quint64(10));
        QCOMPARE(c.queue()->stats().sent, quint64(0));
        QCOMPARE(c.count(TraceKind::SendFailed), 10);
    }
    {
        Chain c(settings({{"pattern", "constant"},
                          {"rate", 10.0},
                          {"deduplication", "content"},
                          {"retryDuplicateProbability", 1.0}}),
                settings({{"fifo", true}, {"contentBasedDeduplication", true}}),
                {},
                false);
        c.runTo(1.0);
        QCOMPARE(c.queue()->stats().sent, quint64(10));
        QCOMPARE(c.queue()->stats().deduplicated, quint64(10));
    }
}

void TestNodes::fifoThrottlingRetriesThenFails()
{
    Chain c(settings({{"pattern", "constant"}, {"rate", 1000.0}, {"messageGroups", qint64(10)}}),
            settings({{"fifo", true}}),
            {},
            false);
    c.runTo(10.0);
    // 300 requests per second get through; the rest are retried three times, then fail.
    const SqsQueueStats s = c.queue()->stats();
    qInfo("sent %llu, throttled %llu, failed %llu",
          static_cast<unsigned long long>(s.sent),
          static_cast<unsigned long long>(s.throttled),
          static_cast<unsigned long long>(c.producer()->sendFailures()));
    QVERIFY(s.sent <= 3000 && s.sent >= 2990);
    const std::vector<double> &perSecond = c.queue()->metrics().column(
        QStringLiteral("NumberOfMessagesSent"));
    for (double n : perSecond)
        QVERIFY(n <= 300.0);
    QVERIFY(s.throttled > 0);
    QVERIFY(c.producer()->sendFailures() > 6000);
    QCOMPARE(c.count(TraceKind::Throttled), int(s.throttled));
}

void TestNodes::crashLeavesMessageUndeleted()
{
    Chain c(settings({{"pattern", "constant"}, {"rate", 1.0}, {"maxMessages", qint64(1)}}),
            settings({{"visibilityTimeout", qint64(10)}}),
            settings({{"instances", qint64(1)},
                      {"processing", "constant"},
                      {"processingMean", 2.0},
                      {"crashProbability", 1.0},
                      {"restartDelay", 30.0}}));
    c.runTo(3.5);
    // Sent at 1 s, received at once, crashed at 3 s: still in flight, not deleted.
    QCOMPARE(c.consumers()->crashes(), quint64(1));
    QCOMPARE(c.queue()->inFlightCount(), 1);
    QCOMPARE(c.queue()->stats().deleted, quint64(0));
    c.runTo(11.0);
    QCOMPARE(c.queue()->visibleCount(), 1); // its visibility timeout expired at 11 s
    c.runTo(32.9);
    QCOMPARE(c.queue()->visibleCount(), 1); // the only worker restarts at 33 s
    QVERIFY(c.sim->setNodeSetting(c.consumerId, QStringLiteral("crashProbability"), 0.0));
    c.runTo(36.0);
    QCOMPARE(c.queue()->stats().deleted, quint64(1));
    QCOMPARE(c.consumers()->processed(), quint64(1));
}

void TestNodes::heartbeatPreventsDuplicates()
{
    for (bool heartbeat : {true, false}) {
        Chain c(settings({{"pattern", "constant"}, {"rate", 1.0}, {"maxMessages", qint64(1)}}),
                settings({{"visibilityTimeout", qint64(30)}}),
                settings({{"instances", qint64(2)},
                          {"processing", "constant"},
                          {"processingMean", 100.0},
                          {"visibilityHeartbeat", heartbeat}}));
        c.runTo(300.0);
        if (heartbeat) {
            QCOMPARE(c.queue()->stats().visibleAgain, quint64(0));
            QCOMPARE(c.consumers()->processed(), quint64(1));
            QCOMPARE(c.consumers()->duplicatesProcessed(), quint64(0));
            QVERIFY(c.count(TraceKind::VisibilityChanged) >= 6);
        } else {
            QVERIFY(c.queue()->stats().visibleAgain >= 1);
            QVERIFY(c.consumers()->duplicatesProcessed() >= 1);
        }
    }
}

void TestNodes::visibilityTooShortGivesDuplicates()
{
    // One message, two workers, 8 s of work, a 5 s timeout: worker A receives it at 1 s, it
    // is visible again at 6 s, worker B receives it; A finishes at 9 s, B at 14 s: the
    // second completion is a duplicate.
    Chain c(settings({{"pattern", "constant"}, {"rate", 1.0}, {"maxMessages", qint64(1)}}),
            settings({{"visibilityTimeout", qint64(5)}}),
            settings(
                {{"instances", qint64(2)}, {"processing", "constant"}, {"processingMean", 8.0}}));
    c.runTo(60.0);
    QCOMPARE(c.queue()->stats().received, quint64(2));
    QCOMPARE(c.consumers()->processed(), quint64(2));
    QCOMPARE(c.consumers()->duplicatesProcessed(), quint64(1));
    QCOMPARE(c.queue()->stats().deleted, quint64(1)); // A's delete took it; B's found it gone
    QCOMPARE(c.queue()->visibleCount() + c.queue()->inFlightCount(), 0);
}

void TestNodes::shortPollingConsumerPauses()
{
    Chain c(settings({{"pattern", "constant"}, {"rate", 0.1}}),
            {},
            settings({{"instances", qint64(1)},
                      {"waitTimeSeconds", qint64(0)},
                      {"emptyPollPause", 1.0}}));
    c.runTo(9.5);
    // Polls at 0, 1, ... 9 s find nothing: ten empty receives.
    QCOMPARE(c.queue()->stats().emptyReceives, quint64(10));
}

void TestNodes::batchReceiveProcessesInTurn()
{
    Chain c(settings({{"pattern", "constant"},
                      {"rate", 100.0},
                      {"maxMessages", qint64(10)},
                      {"batchSize", qint64(10)}}),
            {},
            settings({{"instances", qint64(1)},
                      {"batchSize", qint64(10)},
                      {"processing", "constant"},
                      {"processingMean", 1.0}}));
    c.runTo(5.0);
    // All ten received at 0.1 s in one call, then processed one at a time, one per second:
    // done at 1.1, 2.1, 3.1 and 4.1 s.
    QCOMPARE(c.queue()->stats().received, quint64(10));
    QCOMPARE(c.consumers()->processed(), quint64(4));
    QCOMPARE(c.queue()->inFlightCount(), 6);
}

void TestNodes::scalingInstancesWhileRunning()
{
    Chain c(settings({{"pattern", "constant"}, {"rate", 20.0}}),
            {},
            settings(
                {{"instances", qint64(2)}, {"processing", "constant"}, {"processingMean", 0.5}}));
    c.runTo(60.0);
    QVERIFY(c.queue()->visibleCount() > 800); // 4/s served, 20/s arriving
    QVERIFY(c.sim->setNodeSetting(c.consumerId, QStringLiteral("instances"), qint64(20)));
    c.runTo(200.0);
    QVERIFY(c.queue()->visibleCount() < 20); // 40/s now
    QCOMPARE(c.consumers()->counters()[0].value, 20.0);
    QVERIFY(c.sim->setNodeSetting(c.consumerId, QStringLiteral("instances"), qint64(1)));
    c.runTo(260.0);
    QCOMPARE(c.consumers()->busyWorkers(), 1);
}

void TestNodes::latencyPercentiles()
{
    Chain c(settings({{"pattern", "constant"}, {"rate", 1.0}}),
            {},
            settings(
                {{"instances", qint64(1)}, {"processing", "constant"}, {"processingMean", 0.25}}));
    c.runTo(100.5);
    // Nothing waits: every message takes exactly its 0.25 s of processing.
    const LatencyHistogram &h = c.consumers()->latency();
    QCOMPARE(h.count(), quint64(100));
    QVERIFY(std::abs(h.percentile(0.5) - 250000) <= 250000 / 64);
    QCOMPARE(h.min(), qint64(250000));
    QCOMPARE(h.max(), qint64(250000));
}

void TestNodes::queueLatencyColumns()
{
    // One message a second, each processed in exactly 0.25 s and deleted at once.
    Chain c(settings({{"pattern", "constant"}, {"rate", 1.0}}),
            {},
            settings(
                {{"instances", qint64(1)}, {"processing", "constant"}, {"processingMean", 0.25}}));
    c.runTo(10);
    const MetricsTable &m = c.queue()->metrics();
    QCOMPARE(m.rowCount(), std::size_t(10));
    // Send (at k s) to delete (at k + 0.25 s), for the messages deleted in each second; none
    // in the first, whose one message (sent at 1 s) is deleted at 1.25 s.
    for (const char *name : {"LatencyP50", "LatencyP90", "LatencyP99"}) {
        const std::vector<double> &column = m.column(QString::fromLatin1(name));
        QCOMPARE(column.size(), std::size_t(10));
        QCOMPARE(column[0], 0.0);
        for (std::size_t row = 1; row < 10; ++row)
            QCOMPARE(column[row], 0.25);
    }
    QCOMPARE(m.column(QStringLiteral("NumberOfMessagesDeleted"))[0], 0.0);
    QCOMPARE(m.column(QStringLiteral("NumberOfMessagesDeleted"))[1], 1.0);
}

QTEST_GUILESS_MAIN(TestNodes)
#include "tst_nodes.moc"
