// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

// Byte-level helpers shared by the two exposition readers (ExpositionParser's internals).
namespace sd::exposition {

// Byte classes, looked up once per byte in the hot loops.
enum : unsigned char { kNameInitial = 1, kNameChar = 2, kLabelInitial = 4, kLabelChar = 8 };

constexpr std::array<unsigned char, 256> makeClasses()
{
    std::array<unsigned char, 256> table{};
    for (int c = 0; c < 256; ++c) {
        const bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        const bool digit = c >= '0' && c <= '9';
        unsigned char bits = 0;
        if (alpha || c == '_' || c == ':')
            bits |= kNameInitial | kNameChar;
        if (digit)
            bits |= kNameChar | kLabelChar;
        if (alpha || c == '_')
            bits |= kLabelInitial | kLabelChar;
        table[std::size_t(c)] = bits;
    }
    return table;
}
inline constexpr std::array<unsigned char, 256> kClasses = makeClasses();

inline bool is(char c, unsigned char bits)
{
    return (kClasses[static_cast<unsigned char>(c)] & bits) != 0;
}

inline bool isBlank(char c)
{
    return c == ' ' || c == '\t';
}

// a == lowerB, ignoring the case of ASCII letters in a.
bool equalsIgnoreCase(std::string_view a, std::string_view lowerB);

// A piece of the input for a message: quoted, non-printable bytes as \xNN, at most 40 bytes.
std::string quoted(std::string_view text);

// The length of the valid UTF-8 sequence at p (p < end, *p >= 0x80), or 0 when it is not valid
// (overlong forms, surrogates and code points above U+10FFFF are not).
std::size_t utf8SequenceLength(const char* p, const char* end);

inline std::uint64_t mix(std::uint64_t x)
{
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ULL;
    x ^= x >> 33;
    return x;
}

inline std::uint64_t hashBytes(std::string_view text)
{
    return std::hash<std::string_view>{}(text);
}

} // namespace sd::exposition
