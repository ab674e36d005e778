// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <cstring>
#include <memory>
#include <string_view>
#include <vector>

namespace sd {

// Copies of short strings (for ExpositionParser: OpenMetrics sample names made of a family name and
// a suffix) that stay where they are until clear(). The blocks are kept across clear() calls, so
// that a parser reused for scrape after scrape stops allocating once it has seen the largest body.
class NameArena
{
public:
    void clear()
    {
        m_inUse = 0;
        m_used = 0;
        m_large.clear();
    }

    // a followed by b.
    std::string_view join(std::string_view a, std::string_view b)
    {
        const std::size_t size = a.size() + b.size();
        char* out = allocate(size);
        if (!a.empty())
            std::memcpy(out, a.data(), a.size());
        if (!b.empty())
            std::memcpy(out + a.size(), b.data(), b.size());
        return std::string_view(out, size);
    }

private:
    static constexpr std::size_t kBlock = 64 * 1024;

    char* allocate(std::size_t size)
    {
        if (size > kBlock) {
            m_large.push_back(std::make_unique_for_overwrite<char[]>(size));
            return m_large.back().get();
        }
        if (m_inUse == 0 || m_used + size > kBlock) {
            if (m_inUse == m_blocks.size())
                m_blocks.push_back(std::make_unique_for_overwrite<char[]>(kBlock));
            ++m_inUse;
            m_used = 0;
        }
        char* out = m_blocks[m_inUse - 1].get() + m_used;
        m_used += size;
        return out;
    }

    std::vector<std::unique_ptr<char[]>> m_blocks;
    std::size_t m_inUse = 0; // blocks in use; the last of them is being filled
    std::size_t m_used = 0; // bytes used in the last block in use
    std::vector<std::unique_ptr<char[]>> m_large; // strings longer than a block, freed by clear()
};

} // namespace sd
