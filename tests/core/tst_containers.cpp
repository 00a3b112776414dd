// The engine's own containers and the latency histogram, against simple references.

#include "metrics/LatencyHistogram.h"
#include "metrics/MetricsTable.h"
#include "sim/EventQueue.h"
#include "sim/FlatIdMap.h"
#include "sim/Random.h"

#include <QtTest>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>
#include <tuple>

using namespace flowlab;

class TestContainers : public QObject
{
    Q_OBJECT

private slots:
    void flatIdMapMatchesStdMap();
    void eventQueuePopsInKeyOrder();
    void histogramPercentiles_data();
    void histogramPercentiles();
    void histogramClearAndMerge();
    void histogramExactPercentiles();
    void metricsTableKeepsEveryRow();
};

void TestContainers::flatIdMapMatchesStdMap()
{
    // Random inserts, overwrites and erases over a small key range (long probe runs and
    // many backward shifts), checked against std::map after every step.
    FlatIdMap<int> flat;
    std::map<quint64, int> ref;
    Rng rng(3, 4);
    for (int step = 0; step < 200000; ++step) {
        const quint64 key = quint64(rng.uniformInt(1, 3000));
        const double op = rng.uniform();
        if (op < 0.55) {
            flat.insert(key, step);
            ref[key] = step;
        } else if (op < 0.8) {
            QCOMPARE(flat.erase(key), ref.erase(key) > 0);
        } else if (int *found = flat.find(key)) { // erase what a find returned
            flat.erase(found);
            QCOMPARE(ref.erase(key), std::size_t(1));
        }
        const int *found = flat.find(key);
        const auto it = ref.find(key);
        QCOMPARE(found != nullptr, it != ref.end());
        if (found)
            QCOMPARE(*found, it->second);
        QCOMPARE(flat.size(), ref.size());
    }
    std::size_t seen = 0;
    flat.forEach([&](quint64 key, int value) {
        ++seen;
        QCOMPARE(ref.at(key), value);
    });
    QCOMPARE(seen, ref.size());
    int least = std::numeric_limits<int>::max();
    for (const auto &kv : ref)
        least = std::min(least, kv.second);
    QCOMPARE(flat.minOver(std::numeric_limits<int>::max(), [](int v) { return v; }), least);
    for (const auto &kv : ref)
        QVERIFY(flat.contains(kv.first));
    flat.clear();
    QVERIFY(flat.empty());
    QVERIFY(!flat.find(ref.begin()->first));
    // insert(key) hands out a default value to fill in place, over an old one too.
    flat.insert(7, 42);
    QCOMPARE(flat.insert(7), 0);
    flat.insert(8) = 9;
    QCOMPARE(*flat.find(8), 9);
    QCOMPARE(flat.size(), std::size_t(2));
}

void TestContainers::eventQueuePopsInKeyOrder()
{
    // An engine-like run: pop the next event, advance the clock, schedule a few more. Seven
    // fixed-delay streams (more than the queue has lanes), random delays, zero delays at
    // three priorities, and a stream whose delays vary (out of order). Every pop must be
    // the least (time, order) pending, as a std::set of the same events says.
    using Key = std::tuple<SimTime, quint64, quint32, quint32, quint64>;
    EventQueue queue;
    std::set<Key> ref;
    Rng rng(7, 8);
    quint64 sequence = 0;
    SimTime now = 0;
    auto push = [&](SimTime at, quint8 priority, quint32 target, quint32 type) {
        const Event e{at, (quint64(priority) << 56) | sequence++, target, type, sequence * 3};
        queue.push(e);
        ref.insert(Key{e.time, e.order, e.target, e.type, e.arg});
    };
    const SimTime fixedDelays[] = {30 * kSecond,
                                   20 * kSecond,
                                   kSecond,
                                   7 * kSecond,
                                   90 * kSecond,
                                   3 * kSecond,
                                   45 * kSecond};
    for (quint32 s = 0; s < 7; ++s)
        push(fixedDelays[s], 128, s, 1);
    push(0, 128, 10, 2);
    for (int step = 0; step < 300000; ++step) {
        QCOMPARE(queue.size(), ref.size());
        QVERIFY(!queue.empty());
        const Key expected = *ref.begin();
        QCOMPARE(queue.top().time, std::get<0>(expected));
        QCOMPARE(queue.top().order, std::get<1>(expected));
        const Event e = queue.pop();
        ref.erase(ref.begin());
        QCOMPARE(Key(e.time, e.order, e.target, e.type, e.arg), expected);
        QVERIFY(e.time >= now);
        now = e.time;
        if (e.type == 1) {
            push(now + fixedDelays[e.target], 128, e.target, 1); // the stream goes on
        } else if (e.type == 2) {
            push(now + fromSeconds(rng.exponential(0.5)), 128, 10, 2);
            if (rng.bernoulli(0.5))
                push(now + fromSeconds(rng.exponential(2.0)), 128, 11, 3);
            if (rng.bernoulli(0.3))
                push(now, quint8(rng.uniformInt(0, 2) == 0 ? 64 : 128), 12, 4);
            if (rng.bernoulli(0.2)) // a timer of varying delay: not in order with its own
                push(now + rng.uniformInt(0, 40) * kSecond, 255, 13, 5);
        }
    }
    // Many events of random delay at once (the events that fit no lane go from the sorted
    // slots to a binary heap past 16 and back at 8): a burst of 2,000, drained while more
    // come.
    for (int i = 0; i < 2000; ++i)
        push(now + rng.uniformInt(0, 100000), 128, 20, quint32(6 + i % 3));
    while (!ref.empty()) {
        const Key expected = *ref.begin();
        const Event e = queue.pop();
        ref.erase(ref.begin());
        QCOMPARE(Key(e.time, e.order, e.target, e.type, e.arg), expected);
        QCOMPARE(queue.size(), ref.size());
        now = e.time;
        if (e.type >= 6 && rng.bernoulli(0.4))
            push(now + rng.uniformInt(0, 5000), 128, 21, 9);
    }
    queue.clear();
    QVERIFY(queue.empty());
    QCOMPARE(queue.size(), std::size_t(0));
    push(5, 128, 1, 1);
    push(3, 128, 1, 1);
    QCOMPARE(queue.pop().time, SimTime(3));
    QCOMPARE(queue.pop().time, SimTime(5));
    QVERIFY(queue.empty());
}

void TestContainers::histogramPercentiles_data()
{
    QTest::addColumn<QString>("distribution");
    QTest::newRow("uniform") << "uniform";
    QTest::newRow("exponential") << "exponential";
    QTest::newRow("small values") << "small";
}

void TestContainers::histogramPercentiles()
{
    QFETCH(QString, distribution);
    Rng rng(9, 9);
    LatencyHistogram h;
    std::vector<qint64> values;
    for (int i = 0; i < 100000; ++i) {
        qint64 v = 0;
        if (distribution == QLatin1String("uniform"))
            v = rng.uniformInt(1000, 5000000);
        else if (distribution == QLatin1String("exponential"))
            v = qint64(rng.exponential(250000.0));
        else
            v = rng.uniformInt(0, 50);
        values.push_back(v);
        h.add(v);
    }
    std::sort(values.begin(), values.end());
    const double qs[] = {0.5, 0.9, 0.99, 1.0};
    qint64 together[4];
    h.percentiles(qs, together, 4);
    for (int k = 0; k < 4; ++k) {
        const double q = qs[k];
        const qint64 exact = values[std::size_t(std::ceil(q * values.size())) - 1];
        const qint64 got = h.percentile(q);
        QCOMPARE(together[k], got);
        // Within one bucket: 1/64 of the value (values under 64 are exact).
        QVERIFY2(std::abs(double(got - exact)) <= std::max(1.0, double(exact) / 64.0),
                 qPrintable(QStringLiteral("q %1: %2 vs %3").arg(q).arg(got).arg(exact)));
    }
    QCOMPARE(h.count(), quint64(values.size()));
    QCOMPARE(h.min(), values.front());
    QCOMPARE(h.max(), values.back());
}

void TestContainers::histogramClearAndMerge()
{
    LatencyHistogram a, b;
    for (int i = 1; i <= 100; ++i)
        a.add(i * 1000);
    a.clear();
    QCOMPARE(a.count(), quint64(0));
    QCOMPARE(a.percentile(0.5), qint64(0));
    a.add(10);
    QCOMPARE(a.percentile(0.99), qint64(10)); // nothing left over from before the clear
    b.add(1000000);
    a.merge(b);
    QCOMPARE(a.count(), quint64(2));
    QCOMPARE(a.max(), qint64(1000000));
    QCOMPARE(a.percentile(0.5), qint64(10));
}

// Up to 256 samples the percentiles are exact order statistics: sets of every size up to
// 40, with and without many ties, against std::sort.
void TestContainers::histogramExactPercentiles()
{
    Rng rng(5, 5);
    const double qs[] = {0.0, 0.25, 0.5, 0.9, 0.99, 1.0};
    LatencyHistogram h;
    for (int n = 1; n <= 40; ++n) {
        for (int round = 0; round < 20; ++round) {
            h.clear();
            std::vector<qint64> values;
            for (int i = 0; i < n; ++i) {
                const qint64 v = round % 2 ? rng.uniformInt(0, 5) : rng.uniformInt(0, 3000000);
                values.push_back(v);
                h.add(v);
            }
            std::sort(values.begin(), values.end());
            qint64 got[6];
            h.percentiles(qs, got, 6);
            for (int k = 0; k < 6; ++k) {
                const std::size_t rank = std::clamp<std::size_t>(std::size_t(
                                                                     std::ceil(qs[k] * double(n))),
                                                                 1,
                                                                 std::size_t(n));
                QCOMPARE(got[k], values[rank - 1]);
            }
            QCOMPARE(h.min(), values.front());
            QCOMPARE(h.max(), values.back());
        }
    }
}

void TestContainers::metricsTableKeepsEveryRow()
{
    // Columns are stored in chunks of 1,024 values: rows on both sides of several chunk
    // edges read back as written, through value() and through the copies column() makes.
    MetricsTable t;
    QCOMPARE(t.rowCount(), std::size_t(0));
    const int a = t.addColumn(QStringLiteral("A"));
    const int b = t.addColumn(QStringLiteral("B"));
    QCOMPARE(t.columnCount(), 2);
    QCOMPARE(t.columnSize(a), std::size_t(0));
    QVERIFY(t.column(a).empty());
    std::vector<double> wantA;
    std::vector<double> wantB;
    for (int row = 0; row < 3000; ++row) {
        wantA.push_back(row * 0.5);
        wantB.push_back(-row);
        t.append(a, wantA.back());
        t.append(b, wantB.back());
    }
    QCOMPARE(t.rowCount(), std::size_t(3000));
    QCOMPARE(t.columnSize(b), std::size_t(3000));
    for (std::size_t row : {std::size_t(0),
                            std::size_t(1023),
                            std::size_t(1024),
                            std::size_t(2047),
                            std::size_t(2048),
                            std::size_t(2999)}) {
        QCOMPARE(t.value(a, row), wantA[row]);
        QCOMPARE(t.value(b, row), wantB[row]);
    }
    QCOMPARE(t.column(a), wantA);
    QCOMPARE(t.column(QStringLiteral("B")), wantB);
    QVERIFY(t.column(QStringLiteral("C")).empty());
}

QTEST_GUILESS_MAIN(TestContainers)
#include "tst_containers.moc"
