// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "metrics/ExpositionLexing.h"

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace sd {

// A map from names (views that outlive it, e.g. into the body being parsed) to small numbers, for
// ExpositionParser: open addressing in vectors that are kept across clear() calls, so that a parser
// reused for scrape after scrape stops allocating once it has seen the largest body. The probed
// slots are eight bytes (generation, part of the hash), so the table stays in the cache; the names
// are compared only when those match.
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

    // A cheap hash: the names are compared anyway, so it need only spread them. Three words of the
    // name (first, middle, last eight bytes) and its length.
    static std::uint64_t hash(std::string_view name)
    {
        const char* p = name.data();
        const std::size_t n = name.size();
        std::uint64_t h = n * 0x9e3779b97f4a7c15ULL;
        if (n >= 8) {
            h ^= exposition::load64(p) * 0xff51afd7ed558ccdULL;
            h += exposition::load64(p + n / 2 - 4) * 0xc4ceb9fe1a85ec53ULL;
            h ^= exposition::load64(p + n - 8) * 0x94d049bb133111ebULL;
        } else {
            h ^= exposition::loadRest(p, n) * 0xff51afd7ed558ccdULL;
        }
        h ^= h >> 29;
        h *= 0xbf58476d1ce4e5b9ULL;
        return h ^ (h >> 32);
    }

    // `hash` is hash(name), for a caller that looks a name up and then adds it.
    std::uint32_t find(std::string_view name, std::uint64_t hash) const
    {
        if (m_slots.empty())
            return kMissing;
        const std::size_t mask = m_slots.size() - 1;
        const auto tag = std::uint32_t(hash >> 32);
        for (std::size_t i = std::size_t(hash) & mask;; i = (i + 1) & mask) {
            const Slot& slot = m_slots[i];
            if (slot.generation != m_generation)
                return kMissing;
            if (slot.tag == tag && exposition::sameBytes(m_entries[i].name, name))
                return m_entries[i].value;
        }
    }
    std::uint32_t find(std::string_view name) const { return find(name, hash(name)); }

    // The value of `name` when it is there; else adds it with `value` and returns kMissing. One probe
    // sequence for both. `hash` is hash(name).
    std::uint32_t findOrInsert(std::string_view name, std::uint32_t value, std::uint64_t hash)
    {
        if ((m_used + 1) * 2 > m_slots.size())
            grow();
        const std::size_t mask = m_slots.size() - 1;
        const auto tag = std::uint32_t(hash >> 32);
        for (std::size_t i = std::size_t(hash) & mask;; i = (i + 1) & mask) {
            Slot& slot = m_slots[i];
            if (slot.generation != m_generation) {
                slot = Slot{m_generation, tag};
                m_entries[i] = Entry{name, value, std::uint32_t(hash)};
                ++m_used;
                return kMissing;
            }
            if (slot.tag == tag && exposition::sameBytes(m_entries[i].name, name))
                return m_entries[i].value;
        }
    }

private:
    struct Slot
    {
        std::uint32_t generation = 0;
        std::uint32_t tag = 0; // the hash's upper half
    };
    struct Entry
    {
        std::string_view name;
        std::uint32_t value = 0;
        std::uint32_t low = 0; // the hash's lower half, to move the entry when the table grows
    };

    void place(std::string_view name, std::uint32_t value, std::uint64_t hash)
    {
        const std::size_t mask = m_slots.size() - 1;
        std::size_t i = std::size_t(hash) & mask;
        while (m_slots[i].generation == m_generation)
            i = (i + 1) & mask;
        m_slots[i] = Slot{m_generation, std::uint32_t(hash >> 32)};
        m_entries[i] = Entry{name, value, std::uint32_t(hash)};
    }

    void grow()
    {
        std::vector<Slot> oldSlots(m_slots.empty() ? 64 : m_slots.size() * 2);
        std::vector<Entry> oldEntries(oldSlots.size());
        oldSlots.swap(m_slots);
        oldEntries.swap(m_entries);
        for (std::size_t i = 0; i < oldSlots.size(); ++i) {
            if (oldSlots[i].generation == m_generation)
                place(oldEntries[i].name, oldEntries[i].value,
                      (std::uint64_t(oldSlots[i].tag) << 32) | oldEntries[i].low);
        }
    }

    std::vector<Slot> m_slots;
    std::vector<Entry> m_entries; // beside m_slots, read only when a slot matches
    std::size_t m_used = 0;
    std::uint32_t m_generation = 1;
};

} // namespace sd
