// Queueing theory checks the whole engine: an SQS queue with a Poisson producer and ten
// exponential consumers is an M/M/10 queue, whose figures Erlang C gives exactly.

#include "DiagramBuilder.h"
#include "sim/ConsumerGroup.h"
#include "sim/Simulation.h"
#include "sim/SqsQueue.h"

#include <QtTest>

#include <cmath>

using namespace flowlab;
using namespace flowlab::test;

namespace {
// Erlang C for lambda = 9/s, mu = 1/s, c = 10 (PERF-NOTES.md).
constexpr double kWq = 0.668732;
constexpr double kLq = 6.018584;
constexpr double kLambda = 9.0;

double erlangCWq(double lambda, double mu, int c)
{
    const double a = lambda / mu;
    double sum = 0.0, term = 1.0;
    for (int k = 0; k < c; ++k) {
        if (k > 0)
            term *= a / k;
        sum += term;
    }
    const double last = term * a / c;
    const double rho = a / c;
    const double pWait = last / (1.0 - rho) / (sum + last / (1.0 - rho));
    return pWait / (c * mu - lambda);
}
} // namespace

class TestQueueing : public QObject
{
    Q_OBJECT

private slots:
    void erlangCFormula();
    void meanWaitMatchesErlangC();
};

void TestQueueing::erlangCFormula()
{
    // The reference figures themselves, so the test below compares with the right ones.
    QVERIFY(std::abs(erlangCWq(9.0, 1.0, 10) - kWq) < 1e-6);
    QVERIFY(std::abs(kLambda * kWq - kLq) < 1e-5); // Little's law on the reference
}

void TestQueueing::meanWaitMatchesErlangC()
{
    // 30 independent seeds, 20,000 s of virtual time each (about 180,000 customers), with
    // the first 500 s left out as warm-up. The mean over seeds of the mean wait must be
    // within 3% of Erlang C, and on the queue L = lambda * W within 2% per seed pool.
    const SimTime warmUp = 500 * kSecond;
    const SimTime end = 20000 * kSecond;
    double sumWq = 0.0, sumLq = 0.0, sumLambda = 0.0;
    const int seeds = 30;
    for (int seed = 1; seed <= seeds; ++seed) {
        Simulation sim(mmcDiagram(), quint64(seed));
        sim.start();
        auto *queue = static_cast<SqsQueue *>(sim.simNode(2));
        sim.runUntil(warmUp);
        const SqsQueueStats a = queue->stats();
        sim.runUntil(end);
        const SqsQueueStats b = queue->stats();
        const double seconds = toSeconds(end - warmUp);
        const double wq = (b.waitSumSeconds - a.waitSumSeconds) / double(b.waitCount - a.waitCount);
        const double lq = (b.visibleArea - a.visibleArea) / seconds;
        const double lambda = double(b.sent - a.sent) / seconds;
        sumWq += wq;
        sumLq += lq;
        sumLambda += lambda;
        // Nothing lost or received twice: every message sent was received once and deleted,
        // but for those still waiting or in service at the end.
        QCOMPARE(b.received, b.waitCount);
        QCOMPARE(b.sent, b.deleted + quint64(queue->visibleCount() + queue->inFlightCount()));
    }
    const double meanWq = sumWq / seeds;
    const double meanLq = sumLq / seeds;
    const double meanLambda = sumLambda / seeds;
    qInfo("mean Wq %.6f s (Erlang C %.6f), mean Lq %.6f (Erlang C %.6f), lambda %.4f/s",
          meanWq,
          kWq,
          meanLq,
          kLq,
          meanLambda);
    QVERIFY2(std::abs(meanWq - kWq) / kWq < 0.03, qPrintable(QString::number(meanWq)));
    QVERIFY2(std::abs(meanLq - kLq) / kLq < 0.03, qPrintable(QString::number(meanLq)));
    // Little's law on the simulated queue itself: Lq = lambda * Wq.
    QVERIFY2(std::abs(meanLq - meanLambda * meanWq) / meanLq < 0.02,
             qPrintable(
                 QStringLiteral("Lq %1 vs lambda*Wq %2").arg(meanLq).arg(meanLambda * meanWq)));
}

QTEST_GUILESS_MAIN(TestQueueing)
#include "tst_queueing.moc"
