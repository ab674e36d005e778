// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

// Byte-level helpers shared by the two exposition readers (ExpositionParser's internals).
namespace sd::exposition {

// Byte classes, looked up once per byte in the hot loops.
// kPlainValue: a byte that stands for itself in a label value (not ", \\ or the start of UTF-8).
enum : unsigned char { kNameInitial = 1, kNameChar = 2, kLabelInitial = 4, kLabelChar = 8, kPlainValue = 16 };

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
        if (c != '"' && c != '\\' && c < 0x80)
            bits |= kPlainValue;
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

inline std::uint64_t load64(const char* p)
{
    std::uint64_t word;
    std::memcpy(&word, p, 8);
    return word;
}

inline std::uint64_t load32(const char* p)
{
    std::uint32_t word;
    std::memcpy(&word, p, 4);
    return word;
}

// The last 1 to 8 bytes of [p, p + n) as one number, by loads that may overlap what came before
// (n >= 8) or each other (n < 8), so without a loop or a call; 0 when n == 0.
inline std::uint64_t loadRest(const char* p, std::size_t n)
{
    if (n >= 8)
        return load64(p + n - 8);
    if (n >= 4)
        return (load32(p) << 32) | load32(p + n - 4);
    if (n > 0)
        return (std::uint64_t(static_cast<unsigned char>(p[0])) << 16)
            | (std::uint64_t(static_cast<unsigned char>(p[n / 2])) << 8) | static_cast<unsigned char>(p[n - 1]);
    return 0;
}

// A fast hash of short byte strings (names, label values), eight bytes at a time.
inline std::uint64_t hashBytes(std::string_view text)
{
    const char* p = text.data();
    const std::size_t size = text.size();
    std::uint64_t h = 0x9e3779b97f4a7c15ULL ^ size;
    std::size_t i = 0;
    for (; i + 8 < size; i += 8) {
        h = (h ^ load64(p + i)) * 0xff51afd7ed558ccdULL;
        h ^= h >> 32;
    }
    h = (h ^ loadRest(p, size)) * 0xc4ceb9fe1a85ec53ULL;
    return mix(h);
}

// a == b for the short strings of an exposition, eight bytes at a time, without a call.
inline bool sameBytes(std::string_view a, std::string_view b)
{
    const std::size_t size = a.size();
    if (size != b.size())
        return false;
    const char* p = a.data();
    const char* q = b.data();
    std::size_t i = 0;
    for (; i + 8 < size; i += 8) {
        if (load64(p + i) != load64(q + i))
            return false;
    }
    return loadRest(p, size) == loadRest(q, size);
}

} // namespace sd::exposition
