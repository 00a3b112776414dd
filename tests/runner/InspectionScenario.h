#pragma once

// The scripted scenario of the inspection tests: one message, received three times by a
// worker that always crashes, then moved to the dead-letter queue.

#include "../core/DiagramBuilder.h"

#include <QStringList>

namespace flowlab::test {

struct InspectionScenario
{
    static constexpr int kProducer = 1;
    static constexpr int kQueue = 2;
    static constexpr int kWorkers = 3;
    static constexpr int kDlq = 4;
    static constexpr quint64 kSeed = 11;

    /// The message's states in the queue, in order, as the peek shows them (each change
    /// once): three receives and their timeouts, then the move to the DLQ.
    static QStringList expectedStates()
    {
        return {"visible",
                "in flight",
                "visible",
                "in flight",
                "visible",
                "in flight",
                "visible",
                "gone"};
    }

    /// checkout (one message) -> orders (visibility 2 s, maxReceiveCount 3) -> workers (one
    /// worker, 1 s per message, always crashes, back 0.5 s later); orders -> orders-dlq.
    /// The message is received at t0, t0 + 2 s and t0 + 4 s and moved to the DLQ at t0 + 6 s.
    static Diagram diagram()
    {
        DiagramBuilder b;
        b.d.simulation.seed = kSeed;
        b.node(NodeKind::Producer,
               QStringLiteral("checkout"),
               {{QStringLiteral("pattern"), QStringLiteral("constant")},
                {QStringLiteral("rate"), 1.0},
                {QStringLiteral("maxMessages"), qint64(1)}});
        b.node(NodeKind::SqsQueue,
               QStringLiteral("orders"),
               {{QStringLiteral("visibilityTimeout"), qint64(2)},
                {QStringLiteral("maxReceiveCount"), qint64(3)},
                {QStringLiteral("duplicateDeliveryProbability"), 0.0},
                {QStringLiteral("shortPollEmptyProbability"), 0.0}});
        b.node(NodeKind::ConsumerGroup,
               QStringLiteral("workers"),
               {{QStringLiteral("instances"), qint64(1)},
                {QStringLiteral("concurrency"), qint64(1)},
                {QStringLiteral("batchSize"), qint64(1)},
                {QStringLiteral("waitTimeSeconds"), qint64(20)},
                {QStringLiteral("processing"), QStringLiteral("constant")},
                {QStringLiteral("processingMean"), 1.0},
                {QStringLiteral("crashProbability"), 1.0},
                {QStringLiteral("restartDelay"), 0.5}});
        b.node(NodeKind::SqsQueue, QStringLiteral("orders-dlq"));
        b.nextId = 5;
        b.link(kProducer, kQueue);
        b.link(kQueue, kWorkers);
        b.link(kQueue, kDlq, LinkKind::DeadLetter);
        return b.d;
    }
};

} // namespace flowlab::test
