#pragma once

#include <QtGlobal>

#include <array>
#include <type_traits>
#include <utility>
#include <vector>

namespace flowlab {

/// A hash map from non-zero 64-bit ids to values, stored flat (open addressing, linear
/// probing, backward-shift deletion), with a small counting filter for fast misses. The
/// in-flight table of a queue is hit on every receive and delete; std::unordered_map costs
/// one allocation per entry there.
template<typename T>
class FlatIdMap
{
public:
    FlatIdMap() { m_slots.resize(16); }

    std::size_t size() const { return m_size; }
    bool empty() const { return m_size == 0; }

    T *find(quint64 key)
    {
        if (m_filter[filterOf(key)] == 0)
            return nullptr; // most misses end here, without a probe run of varying length
        for (std::size_t i = home(key);; i = (i + 1) & mask()) {
            Slot &s = m_slots[i];
            if (s.key == key)
                return &s.value;
            if (s.key == 0)
                return nullptr;
        }
    }
    const T *find(quint64 key) const { return const_cast<FlatIdMap *>(this)->find(key); }
    bool contains(quint64 key) const { return find(key) != nullptr; }

    /// Inserts or overwrites; returns the stored value.
    T &insert(quint64 key, T value)
    {
        T &stored = insert(key);
        stored = std::move(value);
        return stored;
    }

    /// The same with a default value, for the caller to fill in place.
    T &insert(quint64 key)
    {
        Q_ASSERT(key != 0);
        if ((m_size + 1) * 4 > m_slots.size() * 3)
            grow();
        for (std::size_t i = home(key);; i = (i + 1) & mask()) {
            Slot &s = m_slots[i];
            if (s.key == key) {
                s.value = T();
                return s.value;
            }
            if (s.key == 0) {
                s.key = key; // an empty slot holds a default value already (eraseSlot)
                ++m_size;
                ++m_filter[filterOf(key)];
                return s.value;
            }
        }
    }

    bool erase(quint64 key)
    {
        if (m_filter[filterOf(key)] == 0)
            return false;
        std::size_t i = home(key);
        for (;; i = (i + 1) & mask()) {
            if (m_slots[i].key == key)
                break;
            if (m_slots[i].key == 0)
                return false;
        }
        eraseSlot(i);
        return true;
    }

    /// Erases the entry a find() just returned, without probing for it again. The table
    /// ends up as erase(key) leaves it.
    void erase(T *found)
    {
        const std::ptrdiff_t bytes = reinterpret_cast<const char *>(found)
                                     - reinterpret_cast<const char *>(&m_slots.front().value);
        eraseSlot(std::size_t(bytes) / sizeof(Slot));
    }

    /// The least of f(value) over the entries, or none when empty. Every slot is read and
    /// empty ones give none: no branch per slot (which of them are empty is random).
    template<typename R, typename F>
    R minOver(R none, F f) const
    {
        static_assert(std::is_integral_v<R>, "selected with masks");
        R least = none;
        for (const Slot &s : m_slots) {
            const R r = f(s.value); // an empty slot holds a default T: read, then ignored
            const quint64 take = -quint64((s.key != 0) & (r < least));
            least = R((quint64(r) & take) | (quint64(least) & ~take));
        }
        return least;
    }

private:
    void eraseSlot(std::size_t i)
    {
        --m_filter[filterOf(m_slots[i].key)];
        // Shift later members of the probe run back, so no tombstones are needed.
        for (std::size_t j = (i + 1) & mask();; j = (j + 1) & mask()) {
            Slot &s = m_slots[j];
            if (s.key == 0)
                break;
            const std::size_t h = home(s.key);
            // s may move to i if its home is not in the cyclic range (i, j].
            const bool between = i <= j ? (i < h && h <= j) : (i < h || h <= j);
            if (!between) {
                m_slots[i] = std::move(s);
                i = j;
            }
        }
        m_slots[i].key = 0;
        m_slots[i].value = T();
        --m_size;
    }

public:
    void clear()
    {
        m_slots.assign(16, Slot());
        m_size = 0;
        m_filter.fill(0);
    }

    /// Calls f(key, value&) for every entry, in slot order (deterministic for the same
    /// history of calls).
    template<typename F>
    void forEach(F f)
    {
        for (Slot &s : m_slots) {
            if (s.key != 0)
                f(s.key, s.value);
        }
    }
    template<typename F>
    void forEach(F f) const
    {
        for (const Slot &s : m_slots) {
            if (s.key != 0)
                f(s.key, s.value);
        }
    }

private:
    struct Slot
    {
        quint64 key = 0;
        T value{};
    };
    std::size_t mask() const { return m_slots.size() - 1; }
    std::size_t home(quint64 key) const
    {
        return std::size_t((key * 0x9E3779B97F4A7C15ULL) >> 32) & mask();
    }
    void grow()
    {
        std::vector<Slot> old;
        old.swap(m_slots);
        m_slots.resize(old.size() * 2);
        m_size = 0;
        m_filter.fill(0);
        for (Slot &s : old) {
            if (s.key != 0)
                insert(s.key, std::move(s.value));
        }
    }

    /// A key's bucket in m_filter: other bits of the hash than home() uses.
    static std::size_t filterOf(quint64 key)
    {
        return std::size_t((key * 0x9E3779B97F4A7C15ULL) >> (64 - kFilterBits));
    }

    std::vector<Slot> m_slots;
    std::size_t m_size = 0;
    /// How many keys each of 256 hash buckets holds: a key whose bucket is empty is not in
    /// the table. A queue's in-flight table (about as many entries as consumers) is looked
    /// up for messages already deleted on every stale visibility timer and after every
    /// delete; the filter answers those at once. It changes nothing in the slots.
    static constexpr int kFilterBits = 8;
    std::array<quint32, std::size_t(1) << kFilterBits> m_filter{};
};

} // namespace flowlab
