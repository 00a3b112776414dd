#include "LatencyHistogram.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

namespace flowlab {

namespace {
// Batcher's odd-even merge sort for 16 values (63 compare-exchanges, checked on every 0/1
// input). Its first 19 sort values 0-7 alone: with the other eight at the maximum, the rest
// changes nothing, so eight or fewer values need only those.
constexpr quint8 kNetwork[63][2] = {
    {0, 1},   {2, 3},   {4, 5},   {6, 7},   {0, 2},   {1, 3},   {4, 6},   {5, 7},   {1, 2},
    {5, 6},   {0, 4},   {1, 5},   {2, 6},   {3, 7},   {2, 4},   {3, 5},   {1, 2},   {3, 4},
    {5, 6},   {8, 9},   {10, 11}, {12, 13}, {14, 15}, {8, 10},  {9, 11},  {12, 14}, {13, 15},
    {9, 10},  {13, 14}, {8, 12},  {9, 13},  {10, 14}, {11, 15}, {10, 12}, {11, 13}, {9, 10},
    {11, 12}, {13, 14}, {0, 8},   {1, 9},   {2, 10},  {3, 11},  {4, 12},  {5, 13},  {6, 14},
    {7, 15},  {4, 8},   {5, 9},   {6, 10},  {7, 11},  {2, 4},   {3, 5},   {6, 8},   {7, 9},
    {10, 12}, {11, 13}, {1, 2},   {3, 4},   {5, 6},   {7, 8},   {9, 10},  {11, 12}, {13, 14},
};

/// Orders two samples (>= 0: the difference cannot overflow) with a mask from the
/// difference's sign; std::min and std::max may be compiled to branches.
inline void compareExchange(qint64 &a, qint64 &b)
{
    const qint64 d = b - a;
    const qint64 swap = d & -qint64(d < 0); // b - a when b < a, else 0
    a += swap;
    b -= swap;
}

/// Compare-exchanges I... of kNetwork, unrolled (constant indices).
template<std::size_t... I>
void sortingNetwork(qint64 *v, std::index_sequence<I...>)
{
    (compareExchange(v[kNetwork[I][0]], v[kNetwork[I][1]]), ...);
}

/// Sorts up to 16 samples without a data-dependent branch (std::sort's insertion sort
/// mispredicts about once per sample on random data): v has 16 entries, the unused ones at
/// the maximum.
void sortSmall(qint64 *v, std::size_t n)
{
    if (n <= 8)
        sortingNetwork(v, std::make_index_sequence<19>());
    else
        sortingNetwork(v, std::make_index_sequence<63>());
}
} // namespace

// Values below kSub go one per bucket; above, each power of two [2^k, 2^(k+1)) is split
// into kSub equal sub-buckets.
int LatencyHistogram::bucketOf(quint64 v)
{
    if (v < quint64(kSub))
        return int(v);
    const int msb = 63 - __builtin_clzll(v);
    const int shift = msb - kSubBits;
    const int sub = int((v >> shift) & (kSub - 1));
    return (shift + 1) * kSub + sub;
}

quint64 LatencyHistogram::bucketLow(int b)
{
    if (b < kSub)
        return quint64(b);
    const int shift = b / kSub - 1;
    const quint64 sub = quint64(b % kSub);
    return (quint64(kSub) + sub) << shift;
}

quint64 LatencyHistogram::bucketHigh(int b)
{
    if (b < kSub)
        return quint64(b);
    const int shift = b / kSub - 1;
    return bucketLow(b) + ((quint64(1) << shift) - 1);
}

void LatencyHistogram::addBucketed(qint64 v)
{
    if (!m_bucketed)
        spill();
    ++m_buckets[std::size_t(std::min(bucketOf(quint64(v)), kBuckets - 1))];
}

void LatencyHistogram::spill()
{
    for (qint64 v : m_exact)
        ++m_buckets[std::size_t(std::min(bucketOf(quint64(v)), kBuckets - 1))];
    m_exact.clear();
    m_bucketed = true;
}

void LatencyHistogram::merge(const LatencyHistogram &other)
{
    if (other.m_count == 0)
        return;
    if (!m_bucketed && !other.m_bucketed && m_exact.size() + other.m_exact.size() <= kExact) {
        m_exact.insert(m_exact.end(), other.m_exact.begin(), other.m_exact.end());
    } else {
        if (!m_bucketed)
            spill();
        for (qint64 v : other.m_exact)
            ++m_buckets[std::size_t(std::min(bucketOf(quint64(v)), kBuckets - 1))];
        if (other.m_bucketed) {
            for (std::size_t i = 0; i < m_buckets.size(); ++i)
                m_buckets[i] += other.m_buckets[i];
        }
    }
    m_min = m_count ? std::min(m_min, other.m_min) : other.m_min;
    m_max = std::max(m_max, other.m_max);
    m_count += other.m_count;
    m_sum += other.m_sum;
}

void LatencyHistogram::clear()
{
    if (m_bucketed) {
        const int lo = std::min(bucketOf(quint64(m_min)), kBuckets - 1);
        const int hi = std::min(bucketOf(quint64(m_max)), kBuckets - 1);
        std::fill(m_buckets.begin() + lo, m_buckets.begin() + hi + 1, 0u);
    }
    m_exact.clear();
    m_bucketed = false;
    m_count = 0;
    m_sum = 0.0;
    m_min = std::numeric_limits<qint64>::max();
    m_max = 0;
}

qint64 LatencyHistogram::percentile(double q) const
{
    qint64 v = 0;
    percentiles(&q, &v, 1);
    return v;
}

void LatencyHistogram::percentiles(const double *qs, qint64 *out, int n) const
{
    if (m_count == 0) {
        std::fill(out, out + n, 0);
        return;
    }
    quint64 ranks[16];
    n = std::min(n, 16);
    for (int k = 0; k < n; ++k)
        ranks[k] = std::clamp<quint64>(quint64(std::ceil(qs[k] * double(m_count))), 1, m_count);
    if (!m_bucketed && m_exact.size() <= 16) {
        // A metrics interval's few samples (about nine a second in the M/M/c model).
        qint64 v[16];
        std::fill(v, v + 16, std::numeric_limits<qint64>::max()); // samples are >= 0
        std::copy(m_exact.begin(), m_exact.end(), v);
        sortSmall(v, m_exact.size());
        for (int k = 0; k < n; ++k)
            out[k] = v[ranks[k] - 1];
        return;
    }
    if (!m_bucketed) {
        m_sorted.assign(m_exact.begin(), m_exact.end());
        std::sort(m_sorted.begin(), m_sorted.end());
        for (int k = 0; k < n; ++k)
            out[k] = m_sorted[std::size_t(ranks[k] - 1)];
        return;
    }
    // Only the buckets between the minimum and the maximum can hold samples.
    const int hi = std::min(bucketOf(quint64(m_max)), kBuckets - 1);
    int k = 0;
    quint64 seen = 0;
    for (int b = std::min(bucketOf(quint64(m_min)), kBuckets - 1); b <= hi && k < n; ++b) {
        seen += m_buckets[std::size_t(b)];
        for (; k < n && seen >= ranks[k]; ++k) {
            const quint64 mid = (bucketLow(b) + bucketHigh(b)) / 2;
            out[k] = std::clamp(qint64(mid), m_min, m_max);
        }
    }
    for (; k < n; ++k)
        out[k] = m_max;
}

} // namespace flowlab
