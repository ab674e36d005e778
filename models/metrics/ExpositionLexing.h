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

// The scanners are small and called once or twice per token: inlined, always, so that the readers'
// hot paths keep their constants and pointers in registers.
#if defined(__GNUC__)
#define SD_HOT_INLINE inline __attribute__((always_inline))
#else
#define SD_HOT_INLINE inline
#endif

// Byte classes, looked up once per byte in the hot loops.
// kPlainValue: a byte that stands for itself in a label value (not ", \\, a newline or the start of UTF-8).
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
        if (c != '"' && c != '\\' && c != '\n' && c < 0x80)
            bits |= kPlainValue;
        table[std::size_t(c)] = bits;
    }
    return table;
}
inline constexpr std::array<unsigned char, 256> kClasses = makeClasses();

SD_HOT_INLINE bool is(char c, unsigned char bits)
{
    return (kClasses[static_cast<unsigned char>(c)] & bits) != 0;
}

SD_HOT_INLINE bool isBlank(char c)
{
    return c == ' ' || c == '\t';
}

SD_HOT_INLINE const char* skipBlanks(const char* p)
{
    while (isBlank(*p))
        ++p;
    return p;
}

// The scanners below read a line that ends with a newline before `readable` (the end of what may be
// read): they stop at the newline at the latest, so they need no end of line, and they read sixteen
// bytes at a time (SSE2) while that many are readable.

#if defined(__SSE2__)
// Bit i set when byte i of `bytes` is a metric name character ([a-zA-Z0-9_:]; without ':' for label
// names). Each range is one signed comparison after moving it to the bottom of the signed bytes.
template <bool colon> SD_HOT_INLINE unsigned nameCharBits(__m128i bytes)
{
    const __m128i lower = _mm_or_si128(bytes, _mm_set1_epi8(0x20));
    const __m128i letter
        = _mm_cmplt_epi8(_mm_add_epi8(lower, _mm_set1_epi8(char(0x80 - 'a'))), _mm_set1_epi8(char(0x80 + 26)));
    const __m128i digit
        = _mm_cmplt_epi8(_mm_add_epi8(bytes, _mm_set1_epi8(char(0x80 - '0'))), _mm_set1_epi8(char(0x80 + 10)));
    __m128i other = _mm_cmpeq_epi8(bytes, _mm_set1_epi8('_'));
    if constexpr (colon)
        other = _mm_or_si128(other, _mm_cmpeq_epi8(bytes, _mm_set1_epi8(':')));
    return unsigned(_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(letter, digit), other)));
}

// Bit i set when byte i ends the plain part of a label value: a double quote, a backslash, a newline
// or a byte >= 0x80 (the comparisons give 0xff or 0: with the bytes' own top bit, one movemask).
SD_HOT_INLINE unsigned plainValueEndBits(__m128i bytes)
{
    return unsigned(_mm_movemask_epi8(_mm_or_si128(
        _mm_or_si128(_mm_cmpeq_epi8(bytes, _mm_set1_epi8('"')), _mm_cmpeq_epi8(bytes, _mm_set1_epi8('\\'))),
        _mm_or_si128(_mm_cmpeq_epi8(bytes, _mm_set1_epi8('\n')), bytes))));
}

SD_HOT_INLINE __m128i load16(const char* p)
{
    return _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
}
#endif

// The first byte at or after p where stops16(sixteen bytes) has a bit or stops(byte) is true (the two
// say the same). The line at p must end with a byte that stops.
template <typename Stops16, typename Stops>
SD_HOT_INLINE const char* skipUntil(const char* p, const char* readable, Stops16 stops16, Stops stops)
{
#if defined(__SSE2__)
    while (readable - p >= 16) {
        if (const unsigned found = stops16(load16(p)); found != 0)
            return p + __builtin_ctz(found);
        p += 16;
    }
#else
    static_cast<void>(readable);
    static_cast<void>(stops16);
#endif
    while (!stops(*p))
        ++p;
    return p;
}

// The first byte at or after p that is not a name character: [a-zA-Z0-9_:] for metric names,
// [a-zA-Z0-9_] for label names.
SD_HOT_INLINE const char* skipNameChars(const char* p, const char* readable)
{
    return skipUntil(
        p, readable, [](auto bytes) { return ~nameCharBits<true>(bytes) & 0xffffu; },
        [](char c) { return !is(c, kNameChar); });
}

SD_HOT_INLINE const char* skipLabelChars(const char* p, const char* readable)
{
    return skipUntil(
        p, readable, [](auto bytes) { return ~nameCharBits<false>(bytes) & 0xffffu; },
        [](char c) { return !is(c, kLabelChar); });
}

// The first byte at or after p that does not stand for itself in a label value (or in OpenMetrics
// help text): a double quote, a backslash, a byte >= 0x80 or the newline.
SD_HOT_INLINE const char* skipPlainValue(const char* p, const char* readable)
{
    return skipUntil(
        p, readable, [](auto bytes) { return plainValueEndBits(bytes); }, [](char c) { return !is(c, kPlainValue); });
}

// The first backslash or newline at or after p (text format help: any other byte stands for itself).
SD_HOT_INLINE const char* skipToBackslashOrNewline(const char* p, const char* readable)
{
    return skipUntil(
        p, readable,
        [](auto bytes) {
            return unsigned(_mm_movemask_epi8(
                _mm_or_si128(_mm_cmpeq_epi8(bytes, _mm_set1_epi8('\\')), _mm_cmpeq_epi8(bytes, _mm_set1_epi8('\n')))));
        },
        [](char c) { return c == '\\' || c == '\n'; });
}

// The line at p is `word` and then its newline (compared byte by byte, as startsWith).
inline bool endsLine(const char* p, std::string_view word)
{
    for (std::size_t i = 0; i < word.size(); ++i) {
        if (p[i] != word[i])
            return false;
    }
    return p[word.size()] == '\n';
}

// The newline that ends the line at p (for messages and other cold paths).
inline const char* lineEnd(const char* p, const char* readable)
{
    return static_cast<const char*>(std::memchr(p, '\n', std::size_t(readable - p)));
}

// a == lowerB, ignoring the case of ASCII letters in a.
bool equalsIgnoreCase(std::string_view a, std::string_view lowerB);

// A piece of the input for a message: quoted, non-printable bytes as \xNN, at most 40 bytes.
std::string quoted(std::string_view text);

// The length of the valid UTF-8 sequence at p (p < end, *p >= 0x80), or 0 when it is not valid
// (overlong forms, surrogates and code points above U+10FFFF are not).
std::size_t utf8SequenceLength(const char* p, const char* end);

SD_HOT_INLINE std::uint64_t mix(std::uint64_t x)
{
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ULL;
    x ^= x >> 33;
    return x;
}

SD_HOT_INLINE std::uint64_t load64(const char* p)
{
    std::uint64_t word;
    std::memcpy(&word, p, 8);
    return word;
}

SD_HOT_INLINE std::uint64_t load32(const char* p)
{
    std::uint32_t word;
    std::memcpy(&word, p, 4);
    return word;
}

// The last 1 to 8 bytes of [p, p + n) as one number, by loads that may overlap what came before
// (n >= 8) or each other (n < 8), so without a loop or a call; 0 when n == 0.
SD_HOT_INLINE std::uint64_t loadRest(const char* p, std::size_t n)
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

// The 128-bit product of a and b, folded to 64 bits: one multiplication that mixes every bit of
// both into the result (as in wyhash).
SD_HOT_INLINE std::uint64_t foldedProduct(std::uint64_t a, std::uint64_t b)
{
    __extension__ using Wide = unsigned __int128;
    const Wide product = Wide(a) * b;
    return std::uint64_t(product) ^ std::uint64_t(product >> 64);
}

// A fast 64-bit hash of short byte strings (label name="value" spans), sixteen bytes per
// multiplication, after wyhash; good enough that a collision of two series in a family is as
// unlikely as a random 64-bit one.
SD_HOT_INLINE std::uint64_t hashBytes(std::string_view text)
{
    constexpr std::uint64_t k0 = 0xa0761d6478bd642fULL;
    constexpr std::uint64_t k1 = 0xe7037ed1a0b428dbULL;
    const char* p = text.data();
    std::size_t n = text.size();
    std::uint64_t seed = k0 ^ n;
    std::uint64_t a = 0;
    std::uint64_t b = 0;
    if (n > 16) {
        for (; n > 16; n -= 16, p += 16)
            seed = foldedProduct(load64(p) ^ k1, load64(p + 8) ^ seed);
        a = load64(p + n - 16);
        b = load64(p + n - 8);
    } else if (n >= 8) {
        a = load64(p);
        b = load64(p + n - 8);
    } else {
        a = loadRest(p, n);
    }
    return foldedProduct(foldedProduct(a ^ k1, b ^ seed) ^ k0, text.size() ^ k1);
}

// a == b for the short strings of an exposition, sixteen or eight bytes at a time, without a call.
SD_HOT_INLINE bool sameBytes(std::string_view a, std::string_view b)
{
    std::size_t size = a.size();
    if (size != b.size())
        return false;
    const char* p = a.data();
    const char* q = b.data();
#if defined(__SSE2__)
    if (size >= 16) {
        const auto same16
            = [&](std::size_t i) { return _mm_movemask_epi8(_mm_cmpeq_epi8(load16(p + i), load16(q + i))) == 0xffff; };
        for (std::size_t i = 0; i + 16 < size; i += 16) {
            if (!same16(i))
                return false;
        }
        return same16(size - 16);
    }
#else
    for (; size > 16; p += 8, q += 8, size -= 8) {
        if (load64(p) != load64(q))
            return false;
    }
#endif
    if (size >= 8)
        return load64(p) == load64(q) && load64(p + size - 8) == load64(q + size - 8);
    return loadRest(p, size) == loadRest(q, size);
}

// The N - 1 bytes at p are `word` (N - 1 <= 8): one masked comparison when eight bytes may be read,
// else byte by byte, which never reads past the newline that ends the line.
template <std::size_t N> SD_HOT_INLINE bool startsWith(const char* p, const char* readable, const char (&word)[N])
{
    static_assert(N >= 2 && N - 1 <= 8);
    if (readable - p >= 8) {
        std::uint64_t expected = 0; // built by shifts, which the compiler folds (a memcpy went through the stack)
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC unroll 8 // fully: GCC -O2 keeps the loop otherwise, and builds the word at run time
#endif
        for (std::size_t i = 0; i + 1 < N; ++i)
            expected |= std::uint64_t(static_cast<unsigned char>(word[i])) << (8 * i);
        constexpr std::uint64_t mask = N - 1 == 8 ? ~std::uint64_t(0) : (std::uint64_t(1) << (8 * (N - 1))) - 1;
        return (load64(p) & mask) == expected;
    }
    for (std::size_t i = 0; i + 1 < N; ++i) {
        if (p[i] != word[i])
            return false;
    }
    return true;
}

} // namespace sd::exposition
