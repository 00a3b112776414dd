#include "LatencyHistogram.h"

#include <algorithm>
#include <cmath>

namespace flowlab {

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
    m_min = 0;
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
