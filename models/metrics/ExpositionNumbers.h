// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "metrics/ExpositionLexing.h"

#include <cstdint>
#include <string_view>

namespace sd::exposition {

// Decimal floating point syntax shared by both formats: [sign] digits [. digits] [e [sign] digits]
// with at least one digit before the exponent. Go's strconv.ParseFloat (text format) and the
// OpenMetrics ABNF agree on this subset; both also take inf, infinity and nan in any case.
enum class NumberError { None, Syntax, Overflow };

// parseDouble without its fast path.
NumberError parseDoubleInFull(std::string_view token, bool allowSpecial, double& out);

inline constexpr double kPowersOfTen[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                                          1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

inline bool isDigit(char c)
{
    return static_cast<unsigned char>(c - '0') < 10;
}

// The common case in one pass: digits [. digits] [e [sign] digits] with at most 15 digits and a
// power of ten within 1e±22, converted as Clinger's fast path in parseDoubleInFull would. False for
// anything else, which parseDoubleInFull then reads the long way (with the same result where both apply).
inline bool parseShortDecimal(const char* p, const char* end, double& out)
{
    std::uint64_t mantissa = 0;
    const char* digitsStart = p;
    while (p < end && isDigit(*p))
        mantissa = mantissa * 10 + std::uint64_t(*p++ - '0');
    long digits = p - digitsStart;
    long fraction = 0;
    if (p < end && *p == '.') {
        const char* fractionStart = ++p;
        while (p < end && isDigit(*p))
            mantissa = mantissa * 10 + std::uint64_t(*p++ - '0');
        fraction = p - fractionStart;
        digits += fraction;
    }
    if (digits == 0 || digits > 15)
        return false;
    long exponent = 0;
    if (p < end && (*p == 'e' || *p == 'E')) {
        ++p;
        bool negative = false;
        if (p < end && (*p == '+' || *p == '-'))
            negative = *p++ == '-';
        const char* exponentStart = p;
        while (p < end && isDigit(*p) && p - exponentStart < 4)
            exponent = exponent * 10 + (*p++ - '0');
        if (p == exponentStart)
            return false;
        if (negative)
            exponent = -exponent;
    }
    const long scale = exponent - fraction;
    if (p != end || scale < -22 || scale > 22)
        return false;
    const double value = double(mantissa);
    out = scale < 0 ? value / kPowersOfTen[-scale] : value * kPowersOfTen[scale];
    return true;
}

// A decimal token (syntax already checked, no inf or nan) with more than 15 digits or a large power
// of ten: std::from_chars, and Go's rules when that is out of range (too small is 0, too large an error).
NumberError convertLongDecimal(std::string_view token, double& out);

// The number at p, read and converted in one pass: [sign] digits [. digits] [e [sign] digits].
// Returns its end, or nullptr when there is no such number there or it does not fit in a double; the
// caller then checks the byte after it, and reads the token the long way (parseDouble, which also
// takes inf and nan, and explains) when that is not one that ends a value. At most 15 digits and a
// power of ten within 1e±22 are converted here (Clinger's exact fast path, as parseDoubleInFull),
// the rest by convertLongDecimal. The line at p ends with a newline, which stops every loop here.
SD_HOT_INLINE const char* scanDecimal(const char* p, double& out)
{
    const char* const start = p;
    const char sign = *p;
    if (sign == '-' || sign == '+')
        ++p;
    std::uint64_t mantissa = 0; // wraps harmlessly past 19 digits, which the fast path does not take
    const char* const digitsStart = p;
    for (unsigned d; (d = unsigned(*p) - '0') < 10; ++p)
        mantissa = mantissa * 10 + d;
    long digits = p - digitsStart;
    long fraction = 0;
    if (*p == '.') {
        const char* const fractionStart = ++p;
        for (unsigned d; (d = unsigned(*p) - '0') < 10; ++p)
            mantissa = mantissa * 10 + d;
        fraction = p - fractionStart;
        digits += fraction;
    }
    if (digits == 0)
        return nullptr;
    long scale = -fraction;
    if ((*p | 0x20) == 'e') {
        ++p;
        const bool negative = *p == '-';
        if (*p == '-' || *p == '+')
            ++p;
        const char* const exponentStart = p;
        long exponent = 0;
        for (unsigned d; (d = unsigned(*p) - '0') < 10; ++p) {
            if (exponent < 100000)
                exponent = exponent * 10 + d;
        }
        if (p == exponentStart)
            return nullptr;
        scale += negative ? -exponent : exponent;
    }
    if (digits > 15 || scale < -22 || scale > 22) {
        double converted = 0; // not `out`: that would keep the caller's value in memory
        if (convertLongDecimal(std::string_view(start, std::size_t(p - start)), converted) != NumberError::None)
            return nullptr;
        out = converted;
        return p;
    }
    const double value = double(mantissa);
    out = scale < 0 ? value / kPowersOfTen[-scale] : value * kPowersOfTen[scale];
    if (sign == '-')
        out = -out;
    return p;
}

// Parses `token` (all of it) into out; allowSpecial also takes inf, infinity and nan.
inline NumberError parseDouble(std::string_view token, bool allowSpecial, double& out)
{
    const char* p = token.data();
    const char* const end = p + token.size();
    const bool negative = p < end && *p == '-';
    if (p < end && (*p == '+' || *p == '-'))
        ++p;
    if (double value = 0; p < end && parseShortDecimal(p, end, value)) {
        out = negative ? -value : value;
        return NumberError::None;
    }
    return parseDoubleInFull(token, allowSpecial, out);
}

// A value read the long way: where it ends, and what it is.
struct ScannedNumber
{
    const char* end = nullptr;
    double value = 0;
};

// [sign] digits, as Go's strconv.ParseInt; false when not an int64.
bool parseInt64(std::string_view token, std::int64_t& out);

} // namespace sd::exposition
