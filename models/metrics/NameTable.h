// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "metrics/ExpositionLexing.h"

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace sd {

// A map from names (views that outlive it, e.g. into the body being parsed) to small numbers, for
// ExpositionParser: open addressing in one vector that is kept across clear() calls, so that a
// parser reused for scrape after scrape stops allocating once it has seen the largest body.
class NameTable
{
public:
    static constexpr std::uint32_t kMissing = 0xffffffffu;

    void clear()
    {
        m_used = 0;
        if (++m_generation == 0) { // wrapped: really forget everything
            for (Slot& slot : m_slots)
                slot.generation = 0;
            m_generation = 1;
        }
    }

    static std::uint64_t hash(std::string_view name) { return exposition::hashBytes(name); }

    // `hash` is hash(name), for a caller that looks a name up and then adds it.
    std::uint32_t find(std::string_view name, std::uint64_t hash) const
    {
        if (m_slots.empty())
            return kMissing;
        const std::size_t mask = m_slots.size() - 1;
        for (std::size_t i = std::size_t(hash) & mask;; i = (i + 1) & mask) {
            const Slot& slot = m_slots[i];
            if (slot.generation != m_generation)
                return kMissing;
            if (slot.hash == hash && exposition::sameBytes(slot.name, name))
                return slot.value;
        }
    }
    std::uint32_t find(std::string_view name) const { return find(name, hash(name)); }

    // Adds `name` (which must not be there yet).
    void insert(std::string_view name, std::uint32_t value, std::uint64_t hash)
    {
        if ((m_used + 1) * 2 > m_slots.size())
            grow();
        place(Slot{name, hash, value, m_generation});
        ++m_used;
    }

private:
    struct Slot
    {
        std::string_view name;
        std::uint64_t hash = 0;
        std::uint32_t value = 0;
        std::uint32_t generation = 0;
    };

    void place(const Slot& slot)
    {
        const std::size_t mask = m_slots.size() - 1;
        std::size_t i = std::size_t(slot.hash) & mask;
        while (m_slots[i].generation == m_generation)
            i = (i + 1) & mask;
        m_slots[i] = slot;
    }

    void grow()
    {
        std::vector<Slot> old(m_slots.empty() ? 64 : m_slots.size() * 2);
        old.swap(m_slots);
        for (const Slot& slot : old) {
            if (slot.generation == m_generation)
                place(slot);
        }
    }

    std::vector<Slot> m_slots;
    std::size_t m_used = 0;
    std::uint32_t m_generation = 1;
};

} // namespace sd
