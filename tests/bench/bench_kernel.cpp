// bench_kernel: figures for the simulation kernel (docs/benchmarks.md, "Simulation kernel").
//
// Prints, in one run:
//   a. Flowlab's engine on the M/M/c reference model of PERF-NOTES.md (lambda = 9/s, mu = 1/s,
//      c = 10, 10^6 messages) built as a Diagram: producer -> standard queue -> consumer group;
//   b. a bare C++ M/M/c loop of the same model (std::priority_queue of plain structs);
//   c. the ratios of the two (events/s and messages/s), median of 3 runs each;
//   d. the memory one queued message costs in a standard SqsQueue (10^6 messages waiting).
//
// It prints figures and asserts nothing; it is not registered with CTest.
//
//   bench_kernel [messages] [all|flowlab|bare|kernel|memory]
//     messages: default 1000000 (a smaller count for profiling runs under callgrind);
//     the second argument runs one part only (default all), e.g. "flowlab" for a profile.

#include "model/Diagram.h"
#include "sim/Engine.h"
#include "sim/Simulation.h"
#include "sim/SqsQueue.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <memory>
#include <string>
#include <vector>
#include <queue>

#include <malloc.h>
#include <unistd.h>

using namespace flowlab;

namespace {

constexpr double kLambda = 9.0;
constexpr double kMu = 1.0;
constexpr int kServers = 10;
constexpr double kErlangCWq = 0.668732; // PERF-NOTES.md, Erlang C for this model
constexpr int kRuns = 3;

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point t0)
{
    return std::chrono::duration<double>(Clock::now() - t0).count();
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

struct RunFigures
{
    quint64 events = 0;
    quint64 messages = 0;
    double wallSeconds = 0.0;
    double meanWait = 0.0;
    double meanPending = 0.0; ///< pending events, sampled between chunks
    double eventsPerSecond() const { return double(events) / wallSeconds; }
    double messagesPerSecond() const { return double(messages) / wallSeconds; }
};

// --- a. Flowlab's engine -----------------------------------------------------------------

Diagram mmcDiagram(quint64 seed, qint64 messages)
{
    Diagram d;
    d.simulation.seed = seed;

    Node producer;
    producer.id = 1;
    producer.kind = NodeKind::Producer;
    producer.name = QStringLiteral("producer");
    producer.settings.insert(QStringLiteral("pattern"), QStringLiteral("poisson"));
    producer.settings.insert(QStringLiteral("rate"), kLambda);
    producer.settings.insert(QStringLiteral("maxMessages"), messages);

    Node queue;
    queue.id = 2;
    queue.kind = NodeKind::SqsQueue;
    queue.name = QStringLiteral("queue");
    queue.settings.insert(QStringLiteral("duplicateDeliveryProbability"), 0.0);
    queue.settings.insert(QStringLiteral("shortPollEmptyProbability"), 0.0);

    Node consumers;
    consumers.id = 3;
    consumers.kind = NodeKind::ConsumerGroup;
    consumers.name = QStringLiteral("consumers");
    consumers.settings.insert(QStringLiteral("instances"), kServers);
    consumers.settings.insert(QStringLiteral("concurrency"), 1);
    consumers.settings.insert(QStringLiteral("processing"), QStringLiteral("exponential"));
    consumers.settings.insert(QStringLiteral("processingMean"), 1.0 / kMu);
    consumers.settings.insert(QStringLiteral("waitTimeSeconds"), 20);
    consumers.settings.insert(QStringLiteral("batchSize"), 1);

    d.nodes = {producer, queue, consumers};
    d.links = {Link{4, 1, 2, LinkKind::Flow}, Link{5, 2, 3, LinkKind::Flow}};
    return d;
}

RunFigures runFlowlab(quint64 seed, qint64 messages)
{
    Simulation sim(mmcDiagram(seed, messages), seed);
    auto *queue = dynamic_cast<SqsQueue *>(sim.simNode(2));
    if (!queue) {
        std::fprintf(stderr, "bench_kernel: the diagram did not build a queue\n");
        std::exit(1);
    }
    Engine &engine = sim.engine();

    const auto t0 = Clock::now();
    sim.start();
    // Chunks of 10 s of virtual time (about 90 messages) until every message is deleted
    // or nothing is left to run. The last chunk runs at most 10 s past the last delete.
    const SimTime chunk = 10 * kSecond;
    double pendingSum = 0.0;
    quint64 chunks = 0;
    while (queue->stats().deleted < quint64(messages) && engine.hasPendingEvents()) {
        engine.runUntil(engine.now() + chunk);
        pendingSum += double(engine.pendingEvents());
        ++chunks;
    }
    RunFigures f;
    f.wallSeconds = secondsSince(t0);
    f.meanPending = chunks ? pendingSum / double(chunks) : 0.0;
    f.events = engine.eventsProcessed();
    const SqsQueueStats s = queue->stats();
    f.messages = s.deleted;
    f.meanWait = s.waitCount ? s.waitSumSeconds / double(s.waitCount) : 0.0;
    return f;
}

// --- b. The bare loop --------------------------------------------------------------------

// splitmix64 seeds xoshiro256+ (the fast variant: only the top 53 bits are used).
struct FastRng
{
    std::uint64_t s[4];
    explicit FastRng(std::uint64_t seed)
    {
        for (std::uint64_t &x : s) {
            seed += 0x9E3779B97F4A7C15ULL;
            std::uint64_t z = seed;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
            x = z ^ (z >> 31);
        }
    }
    static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    std::uint64_t next()
    {
        const std::uint64_t result = s[0] + s[3];
        const std::uint64_t t = s[1] << 17;
        s[2] ^= s[0];
        s[3] ^= s[1];
        s[1] ^= s[2];
        s[0] ^= s[3];
        s[2] ^= t;
        s[3] = rotl(s[3], 45);
        return result;
    }
    // Uniform in (0, 1]: safe to take the logarithm of.
    double uniformOpenZero() { return double((next() >> 11) + 1) * 0x1.0p-53; }
    double exponential(double rate) { return -std::log(uniformOpenZero()) / rate; }
};

struct BareEvent
{
    double time;
    int kind; // 0 arrival, 1 departure
    bool operator>(const BareEvent &o) const { return time > o.time; }
};

RunFigures runBareLoop(quint64 seed, quint64 customers)
{
    const auto t0 = Clock::now();
    FastRng rng(seed);
    std::priority_queue<BareEvent, std::vector<BareEvent>, std::greater<BareEvent>> events;
    std::deque<double> waiting; // arrival times, first come first served
    int busy = 0;
    quint64 arrived = 0;
    quint64 processed = 0;
    quint64 served = 0; // customers that started service
    double waitSum = 0.0;
    double pendingSum = 0.0;

    events.push(BareEvent{rng.exponential(kLambda), 0});
    arrived = 1;
    while (!events.empty()) {
        const BareEvent e = events.top();
        pendingSum += double(events.size());
        events.pop();
        ++processed;
        if (e.kind == 0) {
            if (arrived < customers) {
                events.push(BareEvent{e.time + rng.exponential(kLambda), 0});
                ++arrived;
            }
            if (busy < kServers) {
                ++busy;
                ++served; // waited 0
                events.push(BareEvent{e.time + rng.exponential(kMu), 1});
            } else {
                waiting.push_back(e.time);
            }
        } else if (!waiting.empty()) {
            waitSum += e.time - waiting.front();
            waiting.pop_front();
            ++served;
            events.push(BareEvent{e.time + rng.exponential(kMu), 1});
        } else {
            --busy;
        }
    }
    RunFigures f;
    f.wallSeconds = secondsSince(t0);
    f.events = processed; // 2 per customer: arrival and departure
    f.messages = customers;
    f.meanWait = served ? waitSum / double(served) : 0.0;
    f.meanPending = pendingSum / double(processed);
    return f;
}

// --- e. Flowlab's kernel alone ------------------------------------------------------------
// The bare loop's model as one SimNode on flowlab::Engine: the same two events per customer,
// through the engine's event queue, dispatch and per-node random stream. It separates what
// the kernel costs from what the SQS model on top of it costs.

class MmcNode : public SimNode
{
public:
    enum : quint32 { Arrival = 1, Departure };
    MmcNode(Engine &e, quint64 customers)
        : SimNode(e, 1, NodeKind::Producer, QStringLiteral("mmc"))
        , m_customers(customers)
    {}
    void start() override
    {
        schedule(fromSeconds(rng().exponential(1.0 / kLambda)), Arrival);
        m_arrived = 1;
    }
    void handleEvent(quint32 type, quint64) override
    {
        if (type == Arrival) {
            if (m_arrived < m_customers) {
                schedule(fromSeconds(rng().exponential(1.0 / kLambda)), Arrival);
                ++m_arrived;
            }
            if (m_busy < kServers) {
                ++m_busy;
                ++served;
                schedule(fromSeconds(rng().exponential(1.0 / kMu)), Departure);
            } else {
                m_waiting.push_back(now());
            }
        } else if (!m_waiting.empty()) {
            waitSum += toSeconds(now() - m_waiting.front());
            m_waiting.pop_front();
            ++served;
            schedule(fromSeconds(rng().exponential(1.0 / kMu)), Departure);
        } else {
            --m_busy;
        }
    }
    bool applySetting(const QString &, const QVariant &) override { return false; }
    QVector<Counter> counters() const override { return {}; }
    void sampleMetrics() override {}
    QVector<QPair<QString, QString>> summary() const override { return {}; }

    quint64 served = 0;
    double waitSum = 0.0;

private:
    quint64 m_customers;
    quint64 m_arrived = 0;
    int m_busy = 0;
    std::deque<SimTime> m_waiting;
};

RunFigures runKernel(quint64 seed, quint64 customers)
{
    const auto t0 = Clock::now();
    Engine engine(seed, 1000 * kDay); // metrics sampling out of the way
    auto *node = static_cast<MmcNode *>(
        engine.addNode(std::make_unique<MmcNode>(engine, customers)));
    engine.start();
    quint64 processed = 0;
    while (engine.nextEventTime() < 1000 * kDay && engine.step())
        ++processed;
    RunFigures f;
    f.wallSeconds = secondsSince(t0);
    f.events = processed;
    f.messages = customers;
    f.meanWait = node->served ? node->waitSum / double(node->served) : 0.0;
    return f;
}

// --- d. Memory per queued message --------------------------------------------------------

std::size_t heapInUse()
{
    return mallinfo2().uordblks;
}

std::size_t residentBytes()
{
    long size = 0;
    long resident = 0;
    if (FILE *f = std::fopen("/proc/self/statm", "r")) {
        if (std::fscanf(f, "%ld %ld", &size, &resident) != 2)
            resident = 0;
        std::fclose(f);
    }
    return std::size_t(resident) * std::size_t(sysconf(_SC_PAGESIZE));
}

void measureQueueMemory(int messages)
{
    std::printf("\n== d. Memory per queued message (standard SqsQueue, no consumer, %d messages, "
                "bodySize 1024 simulated) ==\n",
                messages);
    malloc_trim(0);
    const std::size_t heap0 = heapInUse();
    const std::size_t rss0 = residentBytes();
    std::size_t heapEmpty = 0;
    std::size_t rssEmpty = 0;
    std::size_t heap1 = 0;
    std::size_t rss1 = 0;
    {
        auto engine = std::make_unique<Engine>(1);
        SqsQueueConfig config; // standard, the defaults
        auto *queue = static_cast<SqsQueue *>(engine->addNode(
            std::make_unique<SqsQueue>(*engine, 1, QStringLiteral("queue"), config)));
        engine->start();
        // The baseline: engine and empty queue built, so small counts measure messages only.
        heapEmpty = heapInUse();
        rssEmpty = residentBytes();
        SqsSendRequest request;
        request.bodySize = 1024;
        for (int i = 0; i < messages; ++i) {
            if (!queue->sendMessage(request).error.ok()) {
                std::fprintf(stderr, "bench_kernel: send %d refused\n", i);
                std::exit(1);
            }
        }
        heap1 = heapInUse();
        rss1 = residentBytes();
        std::printf("visible messages:              %lld\n", (long long) queue->visibleCount());
        std::printf("engine + empty queue:          %zu B of heap\n", heapEmpty - heap0);
        engine.reset();
    }
    malloc_trim(0);
    const std::size_t heap2 = heapInUse();
    const std::size_t rss2 = residentBytes();
    const double n = double(messages);
    std::printf("heap in use (mallinfo2):       %zu -> %zu B: %.1f B/message\n",
                heapEmpty,
                heap1,
                double(heap1 - heapEmpty) / n);
    std::printf("resident (/proc/self/statm):   %zu -> %zu B: %.1f B/message\n",
                rssEmpty,
                rss1,
                double(rss1 - rssEmpty) / n);
    std::printf("before the engine existed:     heap %zu B, resident %zu B\n", heap0, rss0);
    std::printf("after release + malloc_trim:   heap %zu B, resident %zu B\n", heap2, rss2);
    const double perMessage = double(heap1 - heapEmpty) / n;
    std::printf("target <= 64 B/message (heap): %s\n", perMessage <= 64.0 ? "MET" : "MISSED");
}

// The first three fields of /proc/loadavg: timings drift when other work shares the cores.
std::string loadAverage()
{
    char buf[128] = {};
    if (FILE *f = std::fopen("/proc/loadavg", "r")) {
        if (!std::fgets(buf, sizeof buf, f))
            buf[0] = 0;
        std::fclose(f);
    }
    std::string s(buf);
    std::size_t cut = 0;
    for (int fields = 0; fields < 3 && cut != std::string::npos; ++fields)
        cut = s.find(' ', cut + (fields ? 1 : 0));
    return cut == std::string::npos ? s : s.substr(0, cut);
}

void printRun(const char *label, int run, const RunFigures &f)
{
    std::printf("  %s run %d: %llu events, %llu messages, %.3f s wall, %.2f M events/s, "
                "%.0f k messages/s, mean queue wait %.6f s, mean pending events %.0f\n",
                label,
                run,
                (unsigned long long) f.events,
                (unsigned long long) f.messages,
                f.wallSeconds,
                f.eventsPerSecond() / 1e6,
                f.messagesPerSecond() / 1e3,
                f.meanWait,
                f.meanPending);
}

} // namespace

int main(int argc, char **argv)
{
    qint64 messages = 1000000;
    if (argc > 1)
        messages = std::max(1LL, std::atoll(argv[1]));
    const std::string part = argc > 2 ? argv[2] : "all";
    if (part != "all" && part != "flowlab" && part != "bare" && part != "kernel"
        && part != "memory") {
        std::fprintf(stderr, "usage: bench_kernel [messages] [all|flowlab|bare|kernel|memory]\n");
        return 2;
    }
    if (part == "flowlab" || part == "bare" || part == "kernel") {
        // One run of one part only: for profilers.
        const RunFigures f = part == "flowlab" ? runFlowlab(1, messages)
                             : part == "bare"  ? runBareLoop(1, quint64(messages))
                                               : runKernel(1, quint64(messages));
        printRun(part.c_str(), 1, f);
        return 0;
    }
    if (part == "memory") {
        measureQueueMemory(int(std::min<qint64>(messages, 1000000)));
        return 0;
    }

    std::printf("bench_kernel: g++ %s, Qt %s, %ld online CPUs, load average %s\n",
                __VERSION__,
                qVersion(),
                sysconf(_SC_NPROCESSORS_ONLN),
                loadAverage().c_str());
    std::printf("M/M/c reference model: lambda = %.0f/s, mu = %.0f/s, c = %d, %lld messages, "
                "%d runs (seeds 1..%d)\n",
                kLambda,
                kMu,
                kServers,
                (long long) messages,
                kRuns,
                kRuns);

    std::vector<RunFigures> flow;
    std::vector<RunFigures> bare;
    for (int run = 1; run <= kRuns; ++run) {
        flow.push_back(runFlowlab(quint64(run), messages));
        bare.push_back(runBareLoop(quint64(run), quint64(messages)));
    }

    auto medianOf = [](const std::vector<RunFigures> &runs, double (*pick)(const RunFigures &)) {
        std::vector<double> v;
        for (const RunFigures &f : runs)
            v.push_back(pick(f));
        return median(v);
    };
    auto eps = [](const RunFigures &f) { return f.eventsPerSecond(); };
    auto mps = [](const RunFigures &f) { return f.messagesPerSecond(); };
    auto wall = [](const RunFigures &f) { return f.wallSeconds; };
    auto wait = [](const RunFigures &f) { return f.meanWait; };
    auto evs = [](const RunFigures &f) { return double(f.events); };

    std::printf("\n== a. Flowlab engine (Diagram -> Simulation: producer -> standard queue -> "
                "consumer group) ==\n");
    for (int i = 0; i < kRuns; ++i)
        printRun("flowlab", i + 1, flow[std::size_t(i)]);
    std::printf("  median: %.0f events (%.2f per message), %.3f s wall, %.2f M events/s, "
                "%.0f k messages/s\n",
                medianOf(flow, evs),
                medianOf(flow, evs) / double(messages),
                medianOf(flow, wall),
                medianOf(flow, eps) / 1e6,
                medianOf(flow, mps) / 1e3);
    std::printf("  sanity: mean queue wait (send -> first receive) median %.6f s; Erlang C "
                "Wq = %.6f s\n",
                medianOf(flow, wait),
                kErlangCWq);

    std::printf("\n== b. Bare C++ M/M/c loop (std::priority_queue of plain structs, "
                "xoshiro256+) ==\n");
    for (int i = 0; i < kRuns; ++i)
        printRun("bare   ", i + 1, bare[std::size_t(i)]);
    std::printf("  median: %.3f s wall, %.2f M events/s, %.0f k customers/s\n",
                medianOf(bare, wall),
                medianOf(bare, eps) / 1e6,
                medianOf(bare, mps) / 1e3);
    std::printf("  sanity: mean queue wait median %.6f s; Erlang C Wq = %.6f s\n",
                medianOf(bare, wait),
                kErlangCWq);

    std::printf("\n== c. Ratios (Flowlab / bare loop) ==\n");
    for (int i = 0; i < kRuns; ++i) {
        const RunFigures &f = flow[std::size_t(i)];
        const RunFigures &b = bare[std::size_t(i)];
        std::printf("  run %d: events/s ratio %.3f, messages/s ratio %.3f\n",
                    i + 1,
                    f.eventsPerSecond() / b.eventsPerSecond(),
                    f.messagesPerSecond() / b.messagesPerSecond());
    }
    const double eventRatio = medianOf(flow, eps) / medianOf(bare, eps);
    const double messageRatio = medianOf(flow, mps) / medianOf(bare, mps);
    std::printf("  events/s ratio (median/median):   %.3f  (target >= 0.4: %s)\n",
                eventRatio,
                eventRatio >= 0.4 ? "MET" : "MISSED");
    std::printf("  messages/s ratio (median/median): %.3f  (Flowlab %.2f events per message, "
                "bare loop 2)\n",
                messageRatio,
                medianOf(flow, evs) / double(messages));

    std::printf("\n== e. Flowlab's kernel alone (the bare loop's model as one SimNode on "
                "flowlab::Engine) ==\n");
    std::vector<RunFigures> kernel;
    for (int run = 1; run <= kRuns; ++run) {
        kernel.push_back(runKernel(quint64(run), quint64(messages)));
        printRun("kernel ", run, kernel.back());
    }
    const double kernelRatio = medianOf(kernel, eps) / medianOf(bare, eps);
    std::printf("  median: %.2f M events/s; ratio to the bare loop %.3f; mean wait %.6f s\n",
                medianOf(kernel, eps) / 1e6,
                kernelRatio,
                medianOf(kernel, wait));

    measureQueueMemory(int(std::min<qint64>(messages, 1000000)));
    std::printf("\nload average at the end: %s\n", loadAverage().c_str());
    return 0;
}
