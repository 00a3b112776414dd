#include "ConsumerGroup.h"

#include "Engine.h"

#include <algorithm>
#include <cmath>

namespace flowlab {

ConsumerConfig ConsumerConfig::fromSettings(const QVariantMap &s)
{
    ConsumerConfig c;
    c.instances = s.value(QStringLiteral("instances"), c.instances).toInt();
    c.concurrency = s.value(QStringLiteral("concurrency"), c.concurrency).toInt();
    const QString p = s.value(QStringLiteral("processing")).toString();
    c.processing = p == QLatin1String("constant")    ? Processing::Constant
                   : p == QLatin1String("uniform")   ? Processing::Uniform
                   : p == QLatin1String("lognormal") ? Processing::LogNormal
                                                     : Processing::Exponential;
    c.processingMean = s.value(QStringLiteral("processingMean"), c.processingMean).toDouble();
    c.processingSpread = s.value(QStringLiteral("processingSpread"), c.processingSpread).toDouble();
    c.crashProbability = s.value(QStringLiteral("crashProbability"), c.crashProbability).toDouble();
    c.restartDelay = s.value(QStringLiteral("restartDelay"), c.restartDelay).toDouble();
    c.batchSize = s.value(QStringLiteral("batchSize"), c.batchSize).toInt();
    c.waitTimeSeconds = s.value(QStringLiteral("waitTimeSeconds"), c.waitTimeSeconds).toInt();
    c.emptyPollPause = s.value(QStringLiteral("emptyPollPause"), c.emptyPollPause).toDouble();
    c.visibilityHeartbeat
        = s.value(QStringLiteral("visibilityHeartbeat"), c.visibilityHeartbeat).toBool();
    c.deleteAfterProcessing
        = s.value(QStringLiteral("deleteAfterProcessing"), c.deleteAfterProcessing).toBool();
    return c;
}

ConsumerGroup::ConsumerGroup(Engine &engine,
                             int nodeId,
                             const QString &name,
                             const ConsumerConfig &config)
    : SimNode(engine, nodeId, NodeKind::ConsumerGroup, name)
    , m_config(config)
{
    m_colWorkers = m_metrics.addColumn(QStringLiteral("Workers"));
    m_metrics.addColumn(QStringLiteral("BusyWorkers"));
    m_metrics.addColumn(QStringLiteral("MessagesProcessed"));
    m_metrics.addColumn(QStringLiteral("DuplicatesProcessed"));
    m_metrics.addColumn(QStringLiteral("Crashes"));
    m_metrics.addColumn(QStringLiteral("LatencyP50"));
    m_metrics.addColumn(QStringLiteral("LatencyP90"));
    m_metrics.addColumn(QStringLiteral("LatencyP99"));
}

void ConsumerGroup::setSource(SqsQueue *queue)
{
    if (m_source == queue)
        return;
    if (m_source)
        m_source->cancelLongPolls(this);
    m_source = queue;
    // Workers waiting on the old queue, or idle for want of one, poll the new one.
    for (std::size_t w = 0; w < m_workers.size(); ++w) {
        if (m_workers[w].state == State::Polling || m_workers[w].state == State::Idle) {
            setState(w, State::Idle);
            if (m_source && engine().started())
                poll(w);
        }
    }
}

void ConsumerGroup::start()
{
    resizeWorkers();
}

void ConsumerGroup::shutdown()
{
    if (m_source)
        m_source->cancelLongPolls(this);
    m_source = nullptr;
}

void ConsumerGroup::accumulateBusy()
{
    const double dt = toSeconds(now() - m_areaSince);
    m_busyArea += double(m_busy) * dt;
    m_workerArea += double(m_live) * dt;
    m_areaSince = now();
}

void ConsumerGroup::setState(std::size_t w, State s)
{
    Worker &worker = m_workers[w];
    const bool wasBusy = worker.state == State::Processing;
    const bool isBusy = s == State::Processing;
    const bool wasLive = worker.state != State::Retired;
    const bool isLive = s != State::Retired;
    if (wasBusy != isBusy || wasLive != isLive) {
        accumulateBusy();
        m_busy += int(isBusy) - int(wasBusy);
        m_live += int(isLive) - int(wasLive);
    }
    if (worker.waiting && m_source)
        m_source->cancelLongPoll(this, pack(w, worker.generation));
    worker.waiting = false;
    worker.state = s;
    ++worker.generation;
}

ConsumerGroup::Worker *ConsumerGroup::workerFor(quint64 arg)
{
    const std::size_t w = std::size_t(arg & 0xffffffffu);
    if (w >= m_workers.size() || m_workers[w].generation != quint32(arg >> 32))
        return nullptr;
    return &m_workers[w];
}

void ConsumerGroup::resizeWorkers()
{
    accumulateBusy();
    const std::size_t want = std::size_t(std::max(0, m_config.workers()));
    // Reuse retired slots first, then grow; retire from the end when shrinking.
    for (std::size_t w = 0; w < m_workers.size(); ++w) {
        const bool shouldLive = w < want;
        Worker &worker = m_workers[w];
        if (shouldLive && worker.state == State::Retired) {
            setState(w, State::Idle);
            poll(w);
        } else if (!shouldLive && worker.state != State::Retired
                   && worker.state != State::Processing) {
            setState(w, State::Retired);
        }
        // A processing worker past the new size retires when its batch is done.
    }
    while (m_workers.size() < want) {
        m_workers.emplace_back(); // starts Idle: one more live worker
        ++m_live;
        poll(m_workers.size() - 1);
    }
}

void ConsumerGroup::poll(std::size_t w)
{
    if (w >= std::size_t(m_config.workers())) {
        setState(w, State::Retired);
        return;
    }
    if (!m_source) {
        setState(w, State::Idle);
        return;
    }
    setState(w, State::Polling);
    SqsReceiveRequest req;
    req.maxNumberOfMessages = m_config.batchSize;
    req.waitTimeSeconds = m_config.waitTimeSeconds;
    req.receiverNode = id();
    SqsReceiveResult &r = m_received;
    m_source->receiveMessage(req, this, pack(w, m_workers[w].generation), r);
    if (r.waiting) {
        m_workers[w].waiting = true;
        return;
    }
    if (!r.error.ok() || r.messages.empty()) {
        // An empty short poll or an error: wait a little before asking again.
        setState(w, State::Pausing);
        schedule(std::max<SimTime>(1, fromSeconds(m_config.emptyPollPause)),
                 Poll,
                 pack(w, m_workers[w].generation));
        return;
    }
    startBatch(w, r.messages);
}

void ConsumerGroup::longPollFinished(quint64 token, std::vector<SqsReceivedMessage> messages)
{
    Worker *worker = workerFor(token);
    if (worker && worker->state == State::Polling) {
        worker->waiting = false; // answered: nothing to cancel any more
        const std::size_t w = std::size_t(token & 0xffffffffu);
        if (messages.empty()) {
            // The wait ended empty: poll again at once, as an SDK receive loop does. Through
            // an event, so the queue is not re-entered from its own callback.
            ++worker->generation;
            schedule(0, Poll, pack(w, worker->generation));
            worker->state = State::Pausing;
        } else {
            startBatch(w, messages); // leaves the worker's previous (empty) batch in messages
        }
    }
    // The poll that waited took the receive buffer along (SqsQueue keeps it for the answer):
    // the buffer that comes back takes its place.
    if (m_received.messages.capacity() == 0) {
        messages.clear();
        m_received.messages.swap(messages);
    }
}

void ConsumerGroup::startBatch(std::size_t w, std::vector<SqsReceivedMessage> &messages)
{
    setState(w, State::Processing);
    // A swap: the worker's finished (empty) batch goes back to the caller's buffer, so
    // polling allocates nothing once the buffers have grown.
    m_workers[w].batch.swap(messages);
    m_workers[w].index = 0;
    processNext(w);
}

double ConsumerGroup::drawProcessingSeconds()
{
    const double mean = m_config.processingMean;
    const double spread = m_config.processingSpread;
    switch (m_config.processing) {
    case ConsumerConfig::Processing::Constant:
        return mean;
    case ConsumerConfig::Processing::Exponential:
        return rng().exponential(mean);
    case ConsumerConfig::Processing::Uniform:
        return std::max(0.0, mean - spread + 2.0 * spread * rng().uniform());
    case ConsumerConfig::Processing::LogNormal:
        return rng().logNormal(mean, spread);
    }
    return mean;
}

void ConsumerGroup::processNext(std::size_t w)
{
    Worker &worker = m_workers[w];
    if (worker.index >= worker.batch.size()) {
        worker.batch.clear();
        poll(w);
        return;
    }
    ++worker.generation; // a new message: earlier heartbeats no longer apply
    const SqsReceivedMessage &m = worker.batch[worker.index];
    worker.willCrash = rng().bernoulli(m_config.crashProbability);
    const SimTime duration = std::max<SimTime>(1, fromSeconds(drawProcessingSeconds()));
    trace(TraceKind::ProcessingStarted, m.message.id, duration, qint64(w));
    schedule(duration, ProcessingDone, pack(w, worker.generation));
    if (m_config.visibilityHeartbeat && m_source) {
        // Extend half-way through each timeout, by a whole timeout.
        worker.heartbeatVisibility = SimTime(m_source->config().visibilityTimeout) * kSecond;
        if (worker.heartbeatVisibility > 0)
            schedule(std::max<SimTime>(1, worker.heartbeatVisibility / 2),
                     Heartbeat,
                     pack(w, worker.generation));
    }
}

void ConsumerGroup::finishMessage(std::size_t w)
{
    Worker &worker = m_workers[w];
    const SqsReceivedMessage &m = worker.batch[worker.index]; // the batch stays until poll()
    if (worker.willCrash) {
        // The worker dies mid-message: nothing in its batch is deleted.
        ++m_crashes;
        trace(TraceKind::Crashed, m.message.id, 0, qint64(w));
        worker.batch.clear();
        setState(w, State::Crashed);
        schedule(std::max<SimTime>(1, fromSeconds(m_config.restartDelay)),
                 Restarted,
                 pack(w, worker.generation));
        return;
    }
    // A duplicate is a second completion of the same message in this group. Only messages
    // that may be completed again are remembered: received more than once, back in the
    // queue or received by another worker since, or still there after our delete (a lost
    // delete, deleting turned off).
    const quint64 msgId = m.message.id;
    const bool duplicate = !m_mayReturn.empty() && m_mayReturn.count(msgId) > 0;
    ++m_processed;
    if (duplicate)
        ++m_duplicates;
    const SimTime latency = now() - m.message.sentAt;
    m_latency.add(latency);
    m_intervalLatency.add(latency);
    trace(TraceKind::Processed, msgId, duplicate ? 1 : 0, qint64(w));
    bool mayReturn = m.message.receiveCount > 1;
    if (m_source && m_config.deleteAfterProcessing) {
        // One lookup answers both questions around the delete.
        SqsDeleteOutcome outcome;
        if (!m_source->deleteMessage(m.handle, &outcome).ok())
            ++m_deleteErrors;
        mayReturn = mayReturn || outcome.receivedSince || outcome.stillHeld;
    } else if (m_source) {
        mayReturn = mayReturn || m_source->receivedSince(m.handle)
                    || m_source->holdsReceivedMessage(msgId);
    }
    if (mayReturn)
        m_mayReturn.insert(msgId);
    ++worker.index;
    processNext(w);
}

void ConsumerGroup::handleEvent(quint32 type, quint64 arg)
{
    Worker *worker = workerFor(arg);
    if (!worker)
        return;
    const std::size_t w = std::size_t(arg & 0xffffffffu);
    switch (type) {
    case Poll:
        poll(w);
        break;
    case ProcessingDone:
        if (worker->state == State::Processing)
            finishMessage(w);
        break;
    case Heartbeat:
        if (worker->state == State::Processing && m_source) {
            const SqsReceivedMessage &m = worker->batch[worker->index];
            const int seconds = int(worker->heartbeatVisibility / kSecond);
            if (m_source->changeMessageVisibility(m.handle, seconds).ok())
                schedule(std::max<SimTime>(1, worker->heartbeatVisibility / 2), Heartbeat, arg);
        }
        break;
    case Restarted:
        if (worker->state == State::Crashed)
            poll(w);
        break;
    default:
        break;
    }
}

bool ConsumerGroup::applySetting(const QString &key, const QVariant &value)
{
    QVariantMap one;
    one.insert(key, value);
    const ConsumerConfig p = ConsumerConfig::fromSettings(one);
    ConsumerConfig &c = m_config;
    if (key == QLatin1String("instances"))
        c.instances = p.instances;
    else if (key == QLatin1String("concurrency"))
        c.concurrency = p.concurrency;
    else if (key == QLatin1String("processing"))
        c.processing = p.processing;
    else if (key == QLatin1String("processingMean"))
        c.processingMean = p.processingMean;
    else if (key == QLatin1String("processingSpread"))
        c.processingSpread = p.processingSpread;
    else if (key == QLatin1String("crashProbability"))
        c.crashProbability = p.crashProbability;
    else if (key == QLatin1String("restartDelay"))
        c.restartDelay = p.restartDelay;
    else if (key == QLatin1String("batchSize"))
        c.batchSize = p.batchSize;
    else if (key == QLatin1String("waitTimeSeconds"))
        c.waitTimeSeconds = p.waitTimeSeconds;
    else if (key == QLatin1String("emptyPollPause"))
        c.emptyPollPause = p.emptyPollPause;
    else if (key == QLatin1String("visibilityHeartbeat"))
        c.visibilityHeartbeat = p.visibilityHeartbeat;
    else if (key == QLatin1String("deleteAfterProcessing"))
        c.deleteAfterProcessing = p.deleteAfterProcessing;
    else
        return false;
    if ((key == QLatin1String("instances") || key == QLatin1String("concurrency"))
        && engine().started())
        resizeWorkers();
    return true;
}

QVector<Counter> ConsumerGroup::counters() const
{
    return {
        {QStringLiteral("workers"), double(m_config.workers())},
        {QStringLiteral("busy"), double(m_busy)},
        {QStringLiteral("processed"), double(m_processed)},
        {QStringLiteral("duplicates"), double(m_duplicates)},
        {QStringLiteral("crashes"), double(m_crashes)},
    };
}

void ConsumerGroup::sampleMetrics()
{
    static const double qs[] = {0.50, 0.90, 0.99};
    qint64 p[3];
    m_intervalLatency.percentiles(qs, p, 3);
    const double values[] = {
        double(m_config.workers()),
        double(m_busy),
        double(m_processed - m_lastProcessed),
        double(m_duplicates - m_lastDuplicates),
        double(m_crashes - m_lastCrashes),
        toSeconds(p[0]),
        toSeconds(p[1]),
        toSeconds(p[2]),
    };
    for (std::size_t i = 0; i < std::size(values); ++i)
        m_metrics.append(m_colWorkers + int(i), values[i]);
    m_lastProcessed = m_processed;
    m_lastDuplicates = m_duplicates;
    m_lastCrashes = m_crashes;
    m_intervalLatency.clear();
}

QVector<QPair<QString, QString>> ConsumerGroup::summary() const
{
    // The areas up to now, without touching the running totals.
    const double dt = toSeconds(now() - m_areaSince);
    const double busyArea = m_busyArea + double(m_busy) * dt;
    const double workerArea = m_workerArea + double(m_live) * dt;
    auto seconds = [](qint64 us) { return QStringLiteral("%1 s").arg(toSeconds(us), 0, 'f', 3); };
    QVector<QPair<QString, QString>> rows = {
        {QStringLiteral("workers"), QString::number(m_config.workers())},
        {QStringLiteral("processed"), QString::number(m_processed)},
        {QStringLiteral("duplicates processed"), QString::number(m_duplicates)},
        {QStringLiteral("crashes"), QString::number(m_crashes)},
        {QStringLiteral("busy"),
         QStringLiteral("%1 %").arg(workerArea > 0 ? 100.0 * busyArea / workerArea : 0.0, 0, 'f', 1)},
        {QStringLiteral("latency p50"), seconds(m_latency.percentile(0.50))},
        {QStringLiteral("latency p90"), seconds(m_latency.percentile(0.90))},
        {QStringLiteral("latency p99"), seconds(m_latency.percentile(0.99))},
    };
    if (!m_source)
        rows.append({QStringLiteral("note"), QStringLiteral("not linked to a queue")});
    return rows;
}

} // namespace flowlab
