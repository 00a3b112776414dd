#pragma once

// SqsService's long-poll holder, shared by its two source files.

#include "Simulation.h"
#include "SqsClientNode.h"
#include "SqsService.h"

#include <QJsonArray>

#include <map>

namespace flowlab {

/// Holds the clients' long polls: the queue answers through it, it answers the client.
class SqsService::Waiter : public SqsReceiver
{
public:
    explicit Waiter(SqsService &service)
        : m_service(service)
    {}
    struct Pending
    {
        int queueNode;
        int clientNode; ///< the SqsClientNode that asked, 0 = none
        QJsonObject params;
        Reply reply;
    };
    quint64 add(Pending p)
    {
        const quint64 token = m_next++;
        m_pending.emplace(token, std::move(p));
        return token;
    }
    void longPollFinished(quint64 token, std::vector<SqsReceivedMessage> messages) override
    {
        auto it = m_pending.find(token);
        if (it == m_pending.end())
            return;
        Pending p = std::move(it->second);
        m_pending.erase(it);
        auto *queue = dynamic_cast<SqsQueue *>(m_service.m_sim.simNode(p.queueNode));
        QJsonArray list;
        for (const SqsReceivedMessage &m : messages)
            list.append(m_service.messageJson(*queue, m, p.params));
        QJsonObject result;
        if (!list.isEmpty())
            result.insert(QStringLiteral("Messages"), list);
        if (SqsClientNode *client = m_service.clientNode(p.clientNode))
            client->noteReceived(int(messages.size()));
        p.reply(SqsError(), result);
    }
    void forget(quint64 token) { m_pending.erase(token); }
    void dropQueue(int queueNode)
    {
        for (auto it = m_pending.begin(); it != m_pending.end();) {
            if (it->second.queueNode == queueNode) {
                Reply reply = std::move(it->second.reply);
                it = m_pending.erase(it);
                reply(SqsError(), {});
            } else {
                ++it;
            }
        }
    }
    /// Ends every wait: each client gets an empty answer (the simulation is going away).
    void clear()
    {
        for (auto &p : m_pending) {
            if (auto *q = dynamic_cast<SqsQueue *>(m_service.m_sim.simNode(p.second.queueNode)))
                q->cancelLongPolls(this);
        }
        std::map<quint64, Pending> pending;
        pending.swap(m_pending);
        for (auto &p : pending)
            p.second.reply(SqsError(), {});
    }

private:
    SqsService &m_service;
    std::map<quint64, Pending> m_pending;
    quint64 m_next = 1;
};

} // namespace flowlab
