#pragma once

#include <QtGlobal>

#include <algorithm>
#include <array>
#include <limits>
#include <vector>

namespace flowlab {

/// Durations in microseconds with their percentiles. Up to kExact samples are kept as they
/// are (percentiles exact: the common case of a one-second metrics interval); past that
/// they go into log buckets (64 sub-buckets per power of two, so a percentile is within
/// about 1.6% of the exact value). The count, sum, minimum and maximum are always exact.
/// Bounded memory, O(1) insert.
class LatencyHistogram
{
public:
    /// Inline: called several times per simulated message (queue wait, end-to-end
    /// latency). Minimum and maximum without branches (their outcome is random).
    void add(qint64 micros)
    {
        const qint64 v = micros < 0 ? 0 : micros;
        if (!m_bucketed && m_exact.size() < kExact)
            m_exact.push_back(v);
        else
            addBucketed(v);
        // v and both bounds are >= 0, so the differences cannot overflow; their signs make
        // the masks (std::min and std::max may be compiled to branches).
        const qint64 belowMin = v - m_min;
        m_min += belowMin & -qint64(belowMin < 0);
        const qint64 aboveMax = v - m_max;
        m_max += aboveMax & -qint64(aboveMax > 0);
        ++m_count;
        m_sum += double(v);
    }
    void merge(const LatencyHistogram &other);
    /// Empties it, touching only the buckets between the minimum and the maximum.
    void clear();

    quint64 count() const { return m_count; }
    double mean() const { return m_count ? m_sum / double(m_count) : 0.0; }
    qint64 min() const { return m_count ? m_min : 0; }
    qint64 max() const { return m_max; }
    /// The value below which the fraction q (0..1) of the samples lie; 0 when empty.
    qint64 percentile(double q) const;
    /// Several percentiles (qs ascending) in one pass over the buckets.
    void percentiles(const double *qs, qint64 *out, int n) const;

private:
    static constexpr std::size_t kExact = 256;
    void spill();
    void addBucketed(qint64 v);

    static constexpr int kSubBits = 6;
    static constexpr int kSub = 1 << kSubBits;
    static constexpr int kBuckets = (64 - kSubBits) * kSub;
    static int bucketOf(quint64 v);
    static quint64 bucketLow(int b);
    static quint64 bucketHigh(int b);

    std::array<quint32, kBuckets> m_buckets{};
    std::vector<qint64> m_exact;          ///< the samples, while there are few
    mutable std::vector<qint64> m_sorted; ///< scratch for exact percentiles
    bool m_bucketed = false;
    quint64 m_count = 0;
    double m_sum = 0.0;
    qint64 m_min = std::numeric_limits<qint64>::max(); ///< when empty: above any sample
    qint64 m_max = 0;
};

} // namespace flowlab
