#pragma once

#include <QtGlobal>

#include <cmath>
#include <cstdint>

namespace flowlab {

/// splitmix64: turns (diagram seed, node id) into well-mixed stream seeds.
inline quint64 splitMix64(quint64 x)
{
    x += 0x9E3779B97F4A7C15ULL;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}

/// One node's random stream: xoshiro256** with our own distribution code, so that a
/// diagram and seed give the same draws with any standard library (std:: distributions
/// are implementation-defined).
class Rng
{
public:
    Rng() { seed(0, 0); }
    Rng(quint64 diagramSeed, quint64 streamId) { seed(diagramSeed, streamId); }

    void seed(quint64 diagramSeed, quint64 streamId)
    {
        quint64 x = splitMix64(diagramSeed) ^ splitMix64(streamId + 0x632BE59BD9B4E019ULL);
        for (quint64 &s : m_s) {
            x = splitMix64(x);
            s = x;
        }
        m_hasSpareNormal = false;
    }

    quint64 next()
    {
        const quint64 result = rotl(m_s[1] * 5, 7) * 9;
        const quint64 t = m_s[1] << 17;
        m_s[2] ^= m_s[0];
        m_s[3] ^= m_s[1];
        m_s[1] ^= m_s[2];
        m_s[0] ^= m_s[3];
        m_s[2] ^= t;
        m_s[3] = rotl(m_s[3], 45);
        return result;
    }

    /// Uniform in [0, 1), 53 bits.
    double uniform() { return double(next() >> 11) * 0x1.0p-53; }
    /// Uniform in (0, 1]: safe to take the logarithm of.
    double uniformOpenZero() { return 1.0 - uniform(); }
    /// Uniform integer in [lo, hi].
    qint64 uniformInt(qint64 lo, qint64 hi)
    {
        if (hi <= lo)
            return lo;
        const quint64 span = quint64(hi - lo) + 1;
        return lo + qint64(next() % span);
    }
    bool bernoulli(double p) { return p > 0.0 && uniform() < p; }
    double exponential(double mean) { return -mean * std::log(uniformOpenZero()); }
    /// Standard normal by the Box-Muller transform.
    double normal()
    {
        if (m_hasSpareNormal) {
            m_hasSpareNormal = false;
            return m_spareNormal;
        }
        const double u1 = uniformOpenZero();
        const double u2 = uniform();
        const double r = std::sqrt(-2.0 * std::log(u1));
        m_spareNormal = r * std::sin(2.0 * M_PI * u2);
        m_hasSpareNormal = true;
        return r * std::cos(2.0 * M_PI * u2);
    }
    /// Log-normal with the given mean and standard deviation of the variable itself.
    double logNormal(double mean, double stdDev)
    {
        if (stdDev <= 0.0)
            return mean;
        const double sigma2 = std::log(1.0 + (stdDev * stdDev) / (mean * mean));
        const double mu = std::log(mean) - sigma2 / 2.0;
        return std::exp(mu + std::sqrt(sigma2) * normal());
    }

private:
    static quint64 rotl(quint64 x, int k) { return (x << k) | (x >> (64 - k)); }
    quint64 m_s[4];
    double m_spareNormal = 0.0;
    bool m_hasSpareNormal = false;
};

} // namespace flowlab
