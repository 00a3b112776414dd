// The engine's own containers and the latency histogram, against simple references.

#include "metrics/LatencyHistogram.h"
#include "sim/FlatIdMap.h"
#include "sim/Random.h"

#include <QtTest>

#include <algorithm>
#include <cmath>
#include <map>

using namespace flowlab;

class TestContainers : public QObject
{
    Q_OBJECT

private slots:
    void flatIdMapMatchesStdMap();
    void histogramPercentiles_data();
    void histogramPercentiles();
    void histogramClearAndMerge();
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
        } else {
            QCOMPARE(flat.erase(key), ref.erase(key) > 0);
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
    for (const auto &kv : ref)
        QVERIFY(flat.contains(kv.first));
    flat.clear();
    QVERIFY(flat.empty());
    QVERIFY(!flat.find(ref.begin()->first));
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

QTEST_GUILESS_MAIN(TestContainers)
#include "tst_containers.moc"
