#include "SqsClientNode.h"

namespace flowlab {

SqsClientNode::SqsClientNode(Engine &engine, int nodeId, const QString &name)
    : SimNode(engine, nodeId, NodeKind::SqsClient, name)
{
    m_colRequests = m_metrics.addColumn(QStringLiteral("Requests"));
    m_metrics.addColumn(QStringLiteral("MessagesSent"));
    m_metrics.addColumn(QStringLiteral("MessagesReceived"));
    m_metrics.addColumn(QStringLiteral("MessagesDeleted"));
}

void SqsClientNode::handleEvent(quint32, quint64)
{
    // Never scheduled: the client's calls arrive through SqsService.
}

bool SqsClientNode::applySetting(const QString &, const QVariant &)
{
    return true; // the schema has no settings, so none reach here
}

QVector<Counter> SqsClientNode::counters() const
{
    return {
        {QStringLiteral("requests"), double(m_requests)},
        {QStringLiteral("sent"), double(m_sent)},
        {QStringLiteral("received"), double(m_received)},
        {QStringLiteral("deleted"), double(m_deleted)},
    };
}

void SqsClientNode::sampleMetrics()
{
    const quint64 now[4] = {m_requests, m_sent, m_received, m_deleted};
    for (int i = 0; i < 4; ++i) {
        m_metrics.append(m_colRequests + i, double(now[i] - m_last[i]));
        m_last[i] = now[i];
    }
}

QVector<QPair<QString, QString>> SqsClientNode::summary() const
{
    return {
        {QStringLiteral("requests"), QString::number(m_requests)},
        {QStringLiteral("messages sent"), QString::number(m_sent)},
        {QStringLiteral("messages received"), QString::number(m_received)},
        {QStringLiteral("messages deleted"), QString::number(m_deleted)},
    };
}

} // namespace flowlab
