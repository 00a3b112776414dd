#include "QueuePeek.h"

#include "sim/Engine.h"
#include "sim/SqsQueue.h"

#include <algorithm>

namespace flowlab {

namespace {
struct Candidate
{
    Message message;
    SqsMessageView::State state;
    SimTime visibleAt;
};

bool arrivedEarlier(const Candidate &a, const Candidate &b)
{
    return a.message.sequence < b.message.sequence;
}

PeekState peekState(SqsMessageView::State s)
{
    switch (s) {
    case SqsMessageView::State::Visible:
        return PeekState::Visible;
    case SqsMessageView::State::InFlight:
        return PeekState::InFlight;
    case SqsMessageView::State::Delayed:
        return PeekState::Delayed;
    }
    return PeekState::Visible;
}
} // namespace

std::shared_ptr<const QueuePeek> QueuePeek::take(const Engine &engine, int nodeId, int maxRows)
{
    const auto *queue = dynamic_cast<const SqsQueue *>(engine.node(nodeId));
    if (!queue)
        return nullptr;
    auto peek = std::make_shared<QueuePeek>();
    peek->nodeId = nodeId;
    peek->time = engine.now();
    peek->fifo = queue->isFifo();

    // The earliest arrivals, kept in a max-heap of at most maxRows: a queue of millions
    // costs one pass and no copy of the whole queue.
    std::vector<Candidate> kept;
    kept.reserve(std::size_t(std::max(0, std::min<int>(maxRows, 4096))));
    queue->forEachMessage([&](const SqsMessageView &v) {
        ++peek->total;
        if (maxRows <= 0)
            return;
        const Candidate c{*v.message, v.state, v.visibleAt};
        if (int(kept.size()) < maxRows) {
            kept.push_back(c);
            std::push_heap(kept.begin(), kept.end(), arrivedEarlier);
        } else if (arrivedEarlier(c, kept.front())) {
            std::pop_heap(kept.begin(), kept.end(), arrivedEarlier);
            kept.back() = c;
            std::push_heap(kept.begin(), kept.end(), arrivedEarlier);
        }
    });
    std::sort_heap(kept.begin(), kept.end(), arrivedEarlier);

    peek->rows.reserve(qsizetype(kept.size()));
    for (const Candidate &c : kept) {
        PeekRow row;
        row.message = c.message.id;
        row.state = peekState(c.state);
        row.group = engine.internedString(c.message.group);
        row.receiveCount = c.message.receiveCount;
        row.sentAt = c.message.sentAt;
        row.visibleAt = c.visibleAt;
        peek->rows.append(row);
    }
    return peek;
}

} // namespace flowlab
