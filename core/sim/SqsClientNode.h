#pragma once

#include "SimNode.h"

namespace flowlab {

/// A real AWS client of the local endpoint (the AWS CLI, boto3, an SDK), shown as a node so
/// that what it does can be seen and charted like a simulated producer or consumer. It has
/// no behaviour of its own: SqsService counts its calls here (one node per access key) and
/// names it as the sender or receiver of its messages, which makes their tokens travel
/// between this node and the queues.
class SqsClientNode : public SimNode
{
public:
    SqsClientNode(Engine &engine, int nodeId, const QString &name);

    void noteSent(int messages) { m_sent += messages; }
    void noteReceived(int messages) { m_received += messages; }
    void noteDeleted(int messages) { m_deleted += messages; }
    void noteRequest() { ++m_requests; }

    quint64 sent() const { return m_sent; }
    quint64 received() const { return m_received; }
    quint64 deleted() const { return m_deleted; }

    void handleEvent(quint32 type, quint64 arg) override;
    bool applySetting(const QString &key, const QVariant &value) override;
    QVector<Counter> counters() const override;
    void sampleMetrics() override;
    QVector<QPair<QString, QString>> summary() const override;

private:
    quint64 m_requests = 0;
    quint64 m_sent = 0;
    quint64 m_received = 0;
    quint64 m_deleted = 0;
    quint64 m_last[4] = {0, 0, 0, 0}; ///< the four counts at the previous sample
    int m_colRequests = 0;
};

} // namespace flowlab
