// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

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

// The first byte at or after p that is not a metric name character ([a-zA-Z0-9_:]), or eol. Bytes
// up to `readable` (the end of the body, >= eol) may be read, sixteen at a time where SSE2 is.
inline const char* skipNameChars(const char* p, const char* eol, const char* readable)
{
#if defined(__SSE2__)
    while (p < eol && readable - p >= 16) {
        const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
        const __m128i lower = _mm_or_si128(bytes, _mm_set1_epi8(0x20));
        const __m128i letter = _mm_and_si128(_mm_cmpgt_epi8(lower, _mm_set1_epi8('a' - 1)),
                                             _mm_cmplt_epi8(lower, _mm_set1_epi8('z' + 1)));
        const __m128i digit = _mm_and_si128(_mm_cmpgt_epi8(bytes, _mm_set1_epi8('0' - 1)),
                                            _mm_cmplt_epi8(bytes, _mm_set1_epi8('9' + 1)));
        const __m128i other
            = _mm_or_si128(_mm_cmpeq_epi8(bytes, _mm_set1_epi8('_')), _mm_cmpeq_epi8(bytes, _mm_set1_epi8(':')));
        const unsigned outside
            = ~unsigned(_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(letter, digit), other))) & 0xffffu;
        if (outside != 0) {
            const char* stop = p + __builtin_ctz(outside);
            return stop < eol ? stop : eol;
        }
        p += 16;
    }
    if (p >= eol)
        return eol;
#else
    static_cast<void>(readable);
#endif
    while (p < eol && is(*p, kNameChar))
        ++p;
    return p;
}

// The first byte at or after p that does not stand for itself in a label value (a double quote, a
// backslash or a byte >= 0x80), or eol; reads as skipNameChars.
inline const char* skipPlainValue(const char* p, const char* eol, const char* readable)
{
#if defined(__SSE2__)
    while (p < eol && readable - p >= 16) {
        const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
        const __m128i special = _mm_or_si128(
            _mm_or_si128(_mm_cmpeq_epi8(bytes, _mm_set1_epi8('"')), _mm_cmpeq_epi8(bytes, _mm_set1_epi8('\\'))),
            _mm_cmplt_epi8(bytes, _mm_setzero_si128()));
        const unsigned found = unsigned(_mm_movemask_epi8(special));
        if (found != 0) {
            const char* stop = p + __builtin_ctz(found);
            return stop < eol ? stop : eol;
        }
        p += 16;
    }
    if (p >= eol)
        return eol;
#else
    static_cast<void>(readable);
#endif
    while (p < eol && is(*p, kPlainValue))
        ++p;
    return p;
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
