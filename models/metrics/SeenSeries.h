// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace sd {

// Series already seen in the current OpenMetrics family (name + label set), to refuse duplicates:
// an open-addressing table of 64-bit keys reused across families and parses (a generation number
// empties it), so that it allocates only when it grows. Slots are 16 bytes (a family of 100,000
// series fits in 4 MB); the timestamps of series that have one are kept beside them.
class SeenSeries
{
public:
    void nextFamily()
    {
        ++m_generation;
        m_used = 0;
        m_timestamps.clear();
        if (m_generation == 0) { // wrapped: forget everything for real
            std::fill(m_slots.begin(), m_slots.end(), Slot{});
            m_generation = 1;
        }
    }

    // Adds `key` with its timestamp (hasTimestamp false: none). Returns true when it is new; false
    // when it was there, with hadTimestamp/previous saying whether and which timestamp it had (the
    // slot keeps the old one then: the caller refuses the body unless the new one is later, and
    // calls update() for that).
    bool add(std::uint64_t key, bool hasTimestamp, double timestamp, bool& hadTimestamp, double& previous)
    {
        if ((m_used + 1) * 2 > m_slots.size())
            grow();
        const std::size_t mask = m_slots.size() - 1;
        for (std::size_t i = std::size_t(key) & mask;; i = (i + 1) & mask) {
            Slot& slot = m_slots[i];
            if (slot.generation != m_generation) {
                slot = Slot{key, m_generation, stamp(hasTimestamp, timestamp)};
                ++m_used;
                return true;
            }
            if (slot.key == key) {
                m_last = &slot;
                hadTimestamp = slot.timestamp != 0;
                previous = hadTimestamp ? m_timestamps[slot.timestamp - 1] : 0;
                return false;
            }
        }
    }
    // Gives the series that add() last found its new timestamp (or none).
    void update(bool hasTimestamp, double timestamp) { m_last->timestamp = stamp(hasTimestamp, timestamp); }

private:
    struct Slot
    {
        std::uint64_t key = 0;
        std::uint32_t generation = 0;
        std::uint32_t timestamp = 0; // 1 + index in m_timestamps, 0 without one
    };

    std::uint32_t stamp(bool hasTimestamp, double timestamp)
    {
        if (!hasTimestamp)
            return 0;
        m_timestamps.push_back(timestamp);
        return std::uint32_t(m_timestamps.size());
    }

    void grow()
    {
        std::vector<Slot> old(std::max<std::size_t>(64, m_slots.size() * 2));
        old.swap(m_slots);
        const std::size_t mask = m_slots.size() - 1;
        for (const Slot& slot : old) {
            if (slot.generation != m_generation)
                continue;
            std::size_t i = std::size_t(slot.key) & mask;
            while (m_slots[i].generation == m_generation)
                i = (i + 1) & mask;
            m_slots[i] = slot;
        }
    }

    std::vector<Slot> m_slots;
    std::vector<double> m_timestamps;
    Slot* m_last = nullptr;
    std::size_t m_used = 0;
    std::uint32_t m_generation = 1;
};
} // namespace sd
