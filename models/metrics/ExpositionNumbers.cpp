// SPDX-License-Identifier: GPL-3.0-or-later
#include "metrics/ExpositionNumbers.h"

#include "metrics/ExpositionLexing.h"

#include <charconv>
#include <limits>
#include <system_error>

namespace sd::exposition {

NumberError parseDoubleInFull(std::string_view token, bool allowSpecial, double& out)
{
    if (token.empty())
        return NumberError::Syntax;
    bool negative = false;
    bool hasSign = false;
    std::string_view rest = token;
    if (rest.front() == '+' || rest.front() == '-') {
        negative = rest.front() == '-';
        hasSign = true;
        rest.remove_prefix(1);
    }
    if (rest.empty())
        return NumberError::Syntax;
    const char first = rest.front();
    if (first == 'i' || first == 'I' || first == 'n' || first == 'N') {
        if (!allowSpecial)
            return NumberError::Syntax;
        if (equalsIgnoreCase(rest, "inf") || equalsIgnoreCase(rest, "infinity")) {
            out = negative ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
            return NumberError::None;
        }
        if (!hasSign && equalsIgnoreCase(rest, "nan")) {
            out = std::numeric_limits<double>::quiet_NaN();
            return NumberError::None;
        }
        return NumberError::Syntax;
    }
    // Check the syntax ourselves: from_chars would also take "inf", hex digits after 0x is not
    // taken by either, and it stops at the first byte it does not want.
    std::size_t i = 0;
    std::size_t digits = 0;
    std::uint64_t mantissa = 0; // exact while digits <= 19
    long fractionDigits = 0;
    while (i < rest.size() && rest[i] >= '0' && rest[i] <= '9') {
        mantissa = mantissa * 10 + std::uint64_t(rest[i] - '0');
        ++i;
        ++digits;
    }
    if (i < rest.size() && rest[i] == '.') {
        ++i;
        while (i < rest.size() && rest[i] >= '0' && rest[i] <= '9') {
            mantissa = mantissa * 10 + std::uint64_t(rest[i] - '0');
            ++i;
            ++digits;
            ++fractionDigits;
        }
    }
    if (digits == 0)
        return NumberError::Syntax;
    long exponent = 0;
    if (i < rest.size() && (rest[i] == 'e' || rest[i] == 'E')) {
        ++i;
        bool negativeExponent = false;
        if (i < rest.size() && (rest[i] == '+' || rest[i] == '-')) {
            negativeExponent = rest[i] == '-';
            ++i;
        }
        std::size_t exponentDigits = 0;
        while (i < rest.size() && rest[i] >= '0' && rest[i] <= '9') {
            if (exponent < 100000)
                exponent = exponent * 10 + (rest[i] - '0');
            ++i;
            ++exponentDigits;
        }
        if (exponentDigits == 0)
            return NumberError::Syntax;
        if (negativeExponent)
            exponent = -exponent;
    }
    if (i != rest.size())
        return NumberError::Syntax;
    // Fast path (Clinger): at most 15 significant digits and a power of ten up to 1e22 are both
    // exact doubles, so one multiplication or division rounds correctly, as from_chars would.
    if (digits <= 15) {
        const long scale = exponent - fractionDigits;
        if (scale >= -22 && scale <= 22) {
            double value = double(mantissa);
            value = scale < 0 ? value / kPowersOfTen[-scale] : value * kPowersOfTen[scale];
            out = negative ? -value : value;
            return NumberError::None;
        }
    }
    return convertLongDecimal(token, out);
}

NumberError convertLongDecimal(std::string_view token, double& out)
{
    const bool negative = token.front() == '-';
    std::string_view rest = token;
    if (rest.front() == '+' || rest.front() == '-')
        rest.remove_prefix(1);
    double value = 0;
    const auto [ptr, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), value);
    if (ec == std::errc::result_out_of_range) {
        // Too large is an error (Go and OpenMetrics agree); too small is zero, as in Go. Which one:
        // the decimal position of the first significant digit, plus the exponent.
        long position = 0;
        long firstSignificant = -1;
        long integerDigits = -1;
        long exponent = 0;
        bool negativeExponent = false;
        for (std::size_t i = 0; i < rest.size(); ++i) {
            const char c = rest[i];
            if (c == '.') {
                integerDigits = position;
            } else if (c == 'e' || c == 'E') {
                for (++i; i < rest.size(); ++i) {
                    if (rest[i] == '-')
                        negativeExponent = true;
                    else if (rest[i] != '+' && exponent < 100000)
                        exponent = exponent * 10 + (rest[i] - '0');
                }
            } else {
                if (firstSignificant < 0 && c != '0')
                    firstSignificant = position;
                ++position;
            }
        }
        if (integerDigits < 0)
            integerDigits = position;
        if (firstSignificant >= 0 && integerDigits - firstSignificant + (negativeExponent ? -exponent : exponent) > 0)
            return NumberError::Overflow;
        value = 0;
    } else if (ec != std::errc() || ptr != rest.data() + rest.size()) {
        return NumberError::Syntax;
    }
    out = negative ? -value : value;
    return NumberError::None;
}

bool parseInt64(std::string_view token, std::int64_t& out)
{
    if (token.empty())
        return false;
    bool negative = false;
    if (token.front() == '+' || token.front() == '-') {
        negative = token.front() == '-';
        token.remove_prefix(1);
    }
    if (token.empty() || token.front() < '0' || token.front() > '9')
        return false;
    std::uint64_t magnitude = 0;
    const auto [ptr, ec] = std::from_chars(token.data(), token.data() + token.size(), magnitude);
    if (ec != std::errc() || ptr != token.data() + token.size())
        return false;
    const auto limit = std::uint64_t(std::numeric_limits<std::int64_t>::max());
    if (negative) {
        if (magnitude > limit + 1)
            return false;
        out = magnitude == limit + 1 ? std::numeric_limits<std::int64_t>::min() : -std::int64_t(magnitude);
    } else {
        if (magnitude > limit)
            return false;
        out = std::int64_t(magnitude);
    }
    return true;
}

} // namespace sd::exposition
