// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace sd {

// Series already seen in the current OpenMetrics family (name + label set), to refuse duplicates:
// an open-addressing table of 64-bit keys reused across families and parses (a generation number
// empties it), so that it allocates only when it grows.
class SeenSeries
{
public:
    void nextFamily()
    {
        ++m_generation;
        m_used = 0;
        if (m_generation == 0) { // wrapped: forget everything for real
            std::fill(m_slots.begin(), m_slots.end(), Slot{});
            m_generation = 1;
        }
    }

    // Returns the slot of `key`, inserting it (with inserted = true) when new.
    struct Slot
    {
        std::uint64_t key = 0;
        std::uint32_t generation = 0;
        bool hasTimestamp = false;
        double timestamp = 0;
    };
    Slot& find(std::uint64_t key, bool& inserted)
    {
        if ((m_used + 1) * 2 > m_slots.size())
            grow();
        const std::size_t mask = m_slots.size() - 1;
        for (std::size_t i = std::size_t(key) & mask;; i = (i + 1) & mask) {
            Slot& slot = m_slots[i];
            if (slot.generation != m_generation) {
                slot = Slot{key, m_generation, false, 0};
                ++m_used;
                inserted = true;
                return slot;
            }
            if (slot.key == key) {
                inserted = false;
                return slot;
            }
        }
    }

private:
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
    std::size_t m_used = 0;
    std::uint32_t m_generation = 1;
};
} // namespace sd
