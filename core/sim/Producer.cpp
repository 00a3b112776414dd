#include "Producer.h"

#include "Engine.h"

#include <cmath>

namespace flowlab {

namespace {
constexpr int kMaxRetries = 3;                    // the AWS SDKs' standard retry mode
constexpr SimTime kRetryBase = 50 * kMillisecond; // first backoff, doubled per attempt
} // namespace

ProducerConfig ProducerConfig::fromSettings(const QVariantMap &s)
{
    ProducerConfig c;
    const QString pattern = s.value(QStringLiteral("pattern")).toString();
    c.pattern = pattern == QLatin1String("constant") ? Pattern::Constant
                : pattern == QLatin1String("spike")  ? Pattern::Spike
                                                     : Pattern::Poisson;
    c.rate = s.value(QStringLiteral("rate"), c.rate).toDouble();
    c.spikeRate = s.value(QStringLiteral("spikeRate"), c.spikeRate).toDouble();
    c.spikeStart = fromSeconds(s.value(QStringLiteral("spikeStart"), 60.0).toDouble());
    c.spikeDuration = fromSeconds(s.value(QStringLiteral("spikeDuration"), 30.0).toDouble());
    c.bodySizeMin = s.value(QStringLiteral("bodySizeMin"), c.bodySizeMin).toInt();
    c.bodySizeMax = std::max(c.bodySizeMin,
                             s.value(QStringLiteral("bodySizeMax"), c.bodySizeMax).toInt());
    c.batchSize = s.value(QStringLiteral("batchSize"), c.batchSize).toInt();
    c.messageGroups = s.value(QStringLiteral("messageGroups"), c.messageGroups).toInt();
    const QString dedup = s.value(QStringLiteral("deduplication")).toString();
    c.dedup = dedup == QLatin1String("content") ? Dedup::Content
              : dedup == QLatin1String("none")  ? Dedup::None
                                                : Dedup::MessageId;
    c.retryDuplicateProbability
        = s.value(QStringLiteral("retryDuplicateProbability"), 0.0).toDouble();
    c.messageDelay = s.value(QStringLiteral("messageDelay"), -1).toInt();
    c.maxMessages = s.value(QStringLiteral("maxMessages"), 0).toLongLong();
    return c;
}

Producer::Producer(Engine &engine, int nodeId, const QString &name, const ProducerConfig &config)
    : SimNode(engine, nodeId, NodeKind::Producer, name)
    , m_config(config)
{
    m_colSent = m_metrics.addColumn(QStringLiteral("MessagesSent"));
    m_metrics.addColumn(QStringLiteral("SendFailures"));
    m_metrics.addColumn(QStringLiteral("ThrottledRequests"));
}

void Producer::start()
{
    scheduleNextArrival();
}

double Producer::currentRate(SimTime t) const
{
    if (m_config.pattern == ProducerConfig::Pattern::Spike && t >= m_config.spikeStart
        && t < m_config.spikeStart + m_config.spikeDuration)
        return m_config.spikeRate;
    return m_config.rate;
}

SimTime Producer::nextGap()
{
    const double batch = double(m_config.batchSize);
    if (m_config.pattern == ProducerConfig::Pattern::Constant)
        return std::max<SimTime>(1, fromSeconds(batch / m_config.rate));
    if (m_config.pattern == ProducerConfig::Pattern::Poisson)
        return std::max<SimTime>(1, fromSeconds(rng().exponential(batch / m_config.rate)));
    // Spike: a Poisson process whose rate is constant between the spike's two edges. A gap
    // that would cross an edge restarts from the edge at the new rate (memorylessness).
    SimTime t = now();
    const SimTime edges[] = {m_config.spikeStart, m_config.spikeStart + m_config.spikeDuration};
    for (;;) {
        const SimTime gap
            = std::max<SimTime>(1, fromSeconds(rng().exponential(batch / currentRate(t))));
        SimTime edge = kNever;
        for (SimTime e : edges) {
            if (e > t && e < edge)
                edge = e;
        }
        if (t + gap <= edge)
            return t + gap - now();
        t = edge;
    }
}

void Producer::scheduleNextArrival()
{
    if (m_config.maxMessages > 0 && qint64(m_sequence) >= m_config.maxMessages)
        return;
    schedule(nextGap(), Arrival, ++m_arrivalGeneration);
}

void Producer::sendBatch()
{
    int count = m_config.batchSize;
    if (m_config.maxMessages > 0)
        count = int(std::min<qint64>(count, m_config.maxMessages - qint64(m_sequence)));
    if (count <= 0 || !m_target)
        return;
    const bool fifo = m_target->isFifo();
    if (count == 1) {
        // The common case without a batch: no entry list unless a retry needs one.
        SqsSendRequest r = makeRequest(fifo);
        if (rng().bernoulli(m_config.retryDuplicateProbability)) {
            ++m_resent;
            sendOne(r, 0);
        }
        sendOne(r, 0);
        return;
    }
    std::vector<SqsBatchEntry> entries;
    entries.reserve(std::size_t(count));
    for (int i = 0; i < count; ++i)
        entries.push_back(SqsBatchEntry{QString::number(i), makeRequest(fifo)});
    // A response lost on the way back: the application sends the same messages again.
    if (rng().bernoulli(m_config.retryDuplicateProbability)) {
        ++m_resent;
        submit(entries, 0);
    }
    submit(std::move(entries), 0);
}

SqsSendRequest Producer::makeRequest(bool fifo)
{
    const quint64 seq = ++m_sequence;
    SqsSendRequest r;
    r.bodySize = quint32(rng().uniformInt(m_config.bodySizeMin, m_config.bodySizeMax));
    r.delaySeconds = m_config.messageDelay;
    r.senderNode = id();
    if (fifo) {
        const qint64 group = rng().uniformInt(0, m_config.messageGroups - 1);
        r.messageGroupId = QStringLiteral("group-%1").arg(group);
        if (m_config.dedup == ProducerConfig::Dedup::MessageId)
            r.messageDeduplicationId = QStringLiteral("%1-%2").arg(id()).arg(seq);
        else if (m_config.dedup == ProducerConfig::Dedup::Content)
            r.syntheticContent = QByteArray("{\"producer\":") + QByteArray::number(id())
                                 + ",\"order\":" + QByteArray::number(seq) + '}';
    }
    return r;
}

void Producer::sendOne(const SqsSendRequest &request, int attempt)
{
    const SqsSendResult r = m_target->sendMessage(request);
    if (r.error.code == SqsErrorCode::RequestThrottled) {
        // Throttled: the retry path keeps its own copy of the request.
        std::vector<SqsBatchEntry> entries;
        entries.push_back(SqsBatchEntry{QString(), request});
        retryOrFail(std::move(entries), attempt, r.error);
        return;
    }
    countResult(r);
}

void Producer::retryOrFail(std::vector<SqsBatchEntry> entries, int attempt, const SqsError &error)
{
    ++m_throttled;
    if (attempt < kMaxRetries) {
        // Exponential backoff with full jitter, as the SDKs do.
        const SimTime cap = kRetryBase << attempt;
        const SimTime delay = 1 + SimTime(rng().uniform() * double(cap));
        const quint64 key = m_nextPending++;
        m_pending.emplace(key, Pending{std::move(entries), attempt + 1});
        schedule(delay, Retry, key);
        return;
    }
    m_failed += entries.size();
    trace(TraceKind::SendFailed, 0, int(error.code));
}

void Producer::submit(std::vector<SqsBatchEntry> entries, int attempt)
{
    if (!m_target)
        return;
    if (entries.size() == 1) {
        sendOne(entries.front().request, attempt);
        return;
    }
    const SqsBatchResult batch = m_target->sendMessageBatch(entries);
    if (batch.error.code == SqsErrorCode::RequestThrottled) {
        retryOrFail(std::move(entries), attempt, batch.error);
        return;
    }
    if (!batch.error.ok()) {
        m_failed += entries.size();
        trace(TraceKind::SendFailed, 0, int(batch.error.code));
        return;
    }
    for (const auto &entry : batch.entries)
        countResult(entry.second);
}

void Producer::countResult(const SqsSendResult &r)
{
    if (r.error.ok()) {
        ++m_sent;
    } else {
        ++m_failed;
        trace(TraceKind::SendFailed, 0, int(r.error.code));
    }
}

void Producer::handleEvent(quint32 type, quint64 arg)
{
    if (type == Arrival) {
        if (arg != m_arrivalGeneration)
            return; // superseded by a settings change
        sendBatch();
        scheduleNextArrival();
    } else if (type == Retry) {
        auto it = m_pending.find(arg);
        if (it == m_pending.end())
            return;
        Pending p = std::move(it->second);
        m_pending.erase(it);
        submit(std::move(p.entries), p.attempt);
    }
}

bool Producer::applySetting(const QString &key, const QVariant &value)
{
    QVariantMap one;
    one.insert(key, value);
    // Resolve against the current config: write it back as settings, override one key.
    QVariantMap current;
    current.insert(QStringLiteral("pattern"),
                   m_config.pattern == ProducerConfig::Pattern::Constant
                       ? QStringLiteral("constant")
                   : m_config.pattern == ProducerConfig::Pattern::Spike
                       ? QStringLiteral("spike")
                       : QStringLiteral("poisson"));
    current.insert(QStringLiteral("rate"), m_config.rate);
    current.insert(QStringLiteral("spikeRate"), m_config.spikeRate);
    current.insert(QStringLiteral("spikeStart"), toSeconds(m_config.spikeStart));
    current.insert(QStringLiteral("spikeDuration"), toSeconds(m_config.spikeDuration));
    current.insert(QStringLiteral("bodySizeMin"), m_config.bodySizeMin);
    current.insert(QStringLiteral("bodySizeMax"), m_config.bodySizeMax);
    current.insert(QStringLiteral("batchSize"), m_config.batchSize);
    current.insert(QStringLiteral("messageGroups"), m_config.messageGroups);
    current.insert(QStringLiteral("deduplication"),
                   m_config.dedup == ProducerConfig::Dedup::Content ? QStringLiteral("content")
                   : m_config.dedup == ProducerConfig::Dedup::None  ? QStringLiteral("none")
                                                                    : QStringLiteral("message-id"));
    current.insert(QStringLiteral("retryDuplicateProbability"), m_config.retryDuplicateProbability);
    current.insert(QStringLiteral("messageDelay"), m_config.messageDelay);
    current.insert(QStringLiteral("maxMessages"), m_config.maxMessages);
    if (!current.contains(key))
        return false;
    current.insert(key, value);
    m_config = ProducerConfig::fromSettings(current);
    // A change to the arrival process restarts it from now with the new figures; other
    // settings apply to the next message without moving the arrivals.
    const bool arrivals = key == QLatin1String("pattern") || key == QLatin1String("rate")
                          || key == QLatin1String("spikeRate") || key == QLatin1String("spikeStart")
                          || key == QLatin1String("spikeDuration")
                          || key == QLatin1String("batchSize")
                          || key == QLatin1String("maxMessages");
    if (arrivals && engine().started())
        scheduleNextArrival();
    return true;
}

QVector<Counter> Producer::counters() const
{
    return {
        {QStringLiteral("sent"), double(m_sent)},
        {QStringLiteral("failed"), double(m_failed)},
        {QStringLiteral("throttled"), double(m_throttled)},
        {QStringLiteral("rate"), currentRate(now())},
    };
}

void Producer::sampleMetrics()
{
    m_metrics.append(m_colSent, double(m_sent - m_lastSent));
    m_metrics.append(m_colSent + 1, double(m_failed - m_lastFailed));
    m_metrics.append(m_colSent + 2, double(m_throttled - m_lastThrottled));
    m_lastSent = m_sent;
    m_lastFailed = m_failed;
    m_lastThrottled = m_throttled;
}

QVector<QPair<QString, QString>> Producer::summary() const
{
    QVector<QPair<QString, QString>> rows = {
        {QStringLiteral("messages sent"), QString::number(m_sent)},
        {QStringLiteral("send failures"), QString::number(m_failed)},
    };
    if (m_throttled)
        rows.append({QStringLiteral("throttled requests"), QString::number(m_throttled)});
    if (m_resent)
        rows.append({QStringLiteral("resent after a lost response"), QString::number(m_resent)});
    if (!m_target)
        rows.append({QStringLiteral("note"), QStringLiteral("not linked to a queue")});
    return rows;
}

} // namespace flowlab
