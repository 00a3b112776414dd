#pragma once

#include "sim/Engine.h"
#include "sim/SqsQueue.h"

#include <memory>

namespace flowlab::test {

/// Records what long polls answer, and when.
class Collector : public SqsReceiver
{
public:
    struct Answer
    {
        quint64 token;
        SimTime at;
        std::vector<SqsReceivedMessage> messages;
    };
    explicit Collector(Engine &engine)
        : m_engine(engine)
    {}
    void longPollFinished(quint64 token, std::vector<SqsReceivedMessage> messages) override
    {
        answers.push_back(Answer{token, m_engine.now(), std::move(messages)});
    }
    std::vector<Answer> answers;

private:
    Engine &m_engine;
};

/// An engine with one or two queues, driven by hand: calls happen between events at the
/// engine's current time; advance() runs the clock forward.
struct QueueFixture
{
    explicit QueueFixture(SqsQueueConfig config = {}, quint64 seed = 42)
        : engine(seed)
        , collector(engine)
    {
        // The randomised knobs are off unless a test turns them on: no duplicate deliveries,
        // and a short poll finds every visible message (up to the number asked for).
        config.duplicateDeliveryProbability = 0.0;
        config.shortPollEmptyProbability = 0.0;
        config.shortPollSmallBacklog = 0;
        queue = static_cast<SqsQueue *>(
            engine.addNode(std::make_unique<SqsQueue>(engine, 1, QStringLiteral("q"), config)));
        engine.start();
    }

    SqsQueue *addQueue(int id, SqsQueueConfig config)
    {
        config.duplicateDeliveryProbability = 0.0;
        config.shortPollEmptyProbability = 0.0;
        config.shortPollSmallBacklog = 0;
        return static_cast<SqsQueue *>(engine.addNode(
            std::make_unique<SqsQueue>(engine, id, QStringLiteral("q%1").arg(id), config)));
    }

    void advanceTo(double seconds) { engine.runUntil(fromSeconds(seconds)); }
    void advanceToUs(SimTime t) { engine.runUntil(t); }

    static SqsSendRequest body(const QByteArray &text,
                               const QString &group = QString(),
                               const QString &dedup = QString())
    {
        SqsSendRequest r;
        r.body = text;
        r.messageGroupId = group;
        r.messageDeduplicationId = dedup;
        return r;
    }

    SqsSendResult send(const QByteArray &text,
                       const QString &group = QString(),
                       const QString &dedup = QString(),
                       SqsQueue *q = nullptr)
    {
        return (q ? q : queue)->sendMessage(body(text, group, dedup));
    }

    std::vector<SqsReceivedMessage> receive(int max = 10, int visibility = -1, SqsQueue *q = nullptr)
    {
        SqsReceiveRequest r;
        r.maxNumberOfMessages = max;
        r.waitTimeSeconds = 0;
        r.visibilityTimeout = visibility;
        return (q ? q : queue)->receiveMessage(r, &collector, 0).messages;
    }

    QByteArray bodyOf(const SqsReceivedMessage &m)
    {
        const Payload *p = engine.payloads().get(m.message.payload);
        return p ? p->body : QByteArray();
    }

    Engine engine;
    Collector collector;
    SqsQueue *queue = nullptr;
};

inline SqsQueueConfig fifoConfig()
{
    SqsQueueConfig c;
    c.fifo = true;
    return c;
}

} // namespace flowlab::test
