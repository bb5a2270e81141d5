/*
 * ty_num: Java-compatible printing and parsing of numbers (see ty_num.h).
 *
 * Shortest round-trip digits are found by trying increasing precisions with the C library's
 * correctly rounded "%.*e" and checking the round trip with strtod/strtof. That matches the
 * digits Java (JDK 19+, Raffaello Giulietti's algorithm) prints, including its rule that when
 * one digit would do, the closest of the one- and two-digit candidates wins (5e-324 prints as
 * 4.9E-324). Older JDKs printed a few values with extra digits; Ember follows the modern rule.
 */
#include "types/ty_num.h"

#include "common/em_mem.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Splits the output of "%.*e" (e.g. "1.2345e+07") into digits and a 0.d1d2... exponent. */
static int ty_num_split_e(const char *buf, char digits[24], int *exp10)
{
    int n = 0;
    const char *p = buf;
    if (*p == '-')
        p++;
    for (; *p && *p != 'e'; p++)
        if (*p >= '0' && *p <= '9' && n < 23)
            digits[n++] = *p;
    int e = 0;
    if (*p == 'e')
        e = atoi(p + 1);
    /* strip trailing zeros (keep one digit) */
    while (n > 1 && digits[n - 1] == '0')
        n--;
    digits[n] = '\0';
    *exp10 = e + 1;
    return n;
}

static bool ty_num_roundtrips(const char *buf, double d, bool is_float)
{
    if (is_float)
        return strtof(buf, NULL) == (float)d;
    return strtod(buf, NULL) == d;
}

int ty_shortest_digits(double d, bool is_float, char digits[24], int *exp10)
{
    d = fabs(d);
    if (d == 0) {
        digits[0] = '0';
        digits[1] = '\0';
        *exp10 = 1;
        return 1;
    }
    char buf[64];
    int max_p = is_float ? 9 : 17;
    int p;
    for (p = 1; p <= max_p; p++) {
        snprintf(buf, sizeof buf, "%.*e", p - 1, d);
        if (ty_num_roundtrips(buf, d, is_float))
            break;
    }
    if (p > max_p)
        snprintf(buf, sizeof buf, "%.*e", max_p - 1, d);
    if (p == 1) {
        /* Java considers two-digit candidates too when one digit round-trips and keeps the
           closer one; the correctly rounded two-digit value is never farther. */
        char buf2[64];
        snprintf(buf2, sizeof buf2, "%.1e", d);
        if (ty_num_roundtrips(buf2, d, is_float))
            return ty_num_split_e(buf2, digits, exp10);
    }
    return ty_num_split_e(buf, digits, exp10);
}

static int ty_num_format(double d, bool is_float, char out[TY_NUM_BUF])
{
    if (isnan(d))
        return snprintf(out, TY_NUM_BUF, "NaN");
    if (isinf(d))
        return snprintf(out, TY_NUM_BUF, d > 0 ? "Infinity" : "-Infinity");
    int pos = 0;
    if (signbit(d))
        out[pos++] = '-';
    if (d == 0) {
        memcpy(out + pos, "0.0", 4);
        return pos + 3;
    }
    char digits[24];
    int e10;
    int n = ty_shortest_digits(d, is_float, digits, &e10);
    if (e10 >= -2 && e10 <= 7) {
        /* plain notation: value = 0.digits * 10^e10 */
        if (e10 <= 0) {
            out[pos++] = '0';
            out[pos++] = '.';
            for (int z = 0; z < -e10; z++)
                out[pos++] = '0';
            memcpy(out + pos, digits, (size_t)n);
            pos += n;
        } else if (e10 >= n) {
            memcpy(out + pos, digits, (size_t)n);
            pos += n;
            for (int z = 0; z < e10 - n; z++)
                out[pos++] = '0';
            out[pos++] = '.';
            out[pos++] = '0';
        } else {
            memcpy(out + pos, digits, (size_t)e10);
            pos += e10;
            out[pos++] = '.';
            memcpy(out + pos, digits + e10, (size_t)(n - e10));
            pos += n - e10;
        }
        out[pos] = '\0';
        return pos;
    }
    out[pos++] = digits[0];
    out[pos++] = '.';
    if (n > 1) {
        memcpy(out + pos, digits + 1, (size_t)(n - 1));
        pos += n - 1;
    } else {
        out[pos++] = '0';
    }
    pos += snprintf(out + pos, (size_t)(TY_NUM_BUF - pos), "E%d", e10 - 1);
    return pos;
}

int ty_double_to_chars(double d, char buf[TY_NUM_BUF])
{
    return ty_num_format(d, false, buf);
}

int ty_float_to_chars(float f, char buf[TY_NUM_BUF])
{
    return ty_num_format((double)f, true, buf);
}

void ty_double_append(double d, em_str *out)
{
    char buf[TY_NUM_BUF];
    int n = ty_double_to_chars(d, buf);
    em_str_append(out, buf, (size_t)n);
}

void ty_float_append(float f, em_str *out)
{
    char buf[TY_NUM_BUF];
    int n = ty_float_to_chars(f, buf);
    em_str_append(out, buf, (size_t)n);
}

/* ------------------------------------------------------------------------------------------ */
/* Parsing                                                                                      */

static bool ty_num_is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static bool ty_num_is_hex(char c)
{
    return ty_num_is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* Validates Java's FloatValue grammar on p[0..n) (already trimmed, suffix removed). */
static bool ty_num_java_float_syntax(const char *p, size_t n)
{
    size_t i = 0;
    if (i < n && (p[i] == '+' || p[i] == '-'))
        i++;
    if (n - i == 3 && memcmp(p + i, "NaN", 3) == 0)
        return true;
    if (n - i == 8 && memcmp(p + i, "Infinity", 8) == 0)
        return true;
    if (i + 1 < n && p[i] == '0' && (p[i + 1] == 'x' || p[i + 1] == 'X')) {
        i += 2;
        size_t digits = 0;
        while (i < n && ty_num_is_hex(p[i]))
            i++, digits++;
        if (i < n && p[i] == '.') {
            i++;
            while (i < n && ty_num_is_hex(p[i]))
                i++, digits++;
        }
        if (!digits || i >= n || (p[i] != 'p' && p[i] != 'P'))
            return false;
        i++;
        if (i < n && (p[i] == '+' || p[i] == '-'))
            i++;
        size_t exp_digits = 0;
        while (i < n && ty_num_is_digit(p[i]))
            i++, exp_digits++;
        return exp_digits > 0 && i == n;
    }
    size_t digits = 0;
    while (i < n && ty_num_is_digit(p[i]))
        i++, digits++;
    if (i < n && p[i] == '.') {
        i++;
        while (i < n && ty_num_is_digit(p[i]))
            i++, digits++;
    }
    if (!digits)
        return false;
    if (i < n && (p[i] == 'e' || p[i] == 'E')) {
        i++;
        if (i < n && (p[i] == '+' || p[i] == '-'))
            i++;
        size_t exp_digits = 0;
        while (i < n && ty_num_is_digit(p[i]))
            i++, exp_digits++;
        if (!exp_digits)
            return false;
    }
    return i == n;
}

static bool ty_num_ieq(const char *p, size_t n, const char *lit)
{
    size_t m = strlen(lit);
    if (n != m)
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = p[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c != lit[i])
            return false;
    }
    return true;
}

bool ty_parse_double(const char *s, size_t len, bool is_float, double *out)
{
    /* Java's String.trim: strip chars <= ' ' at both ends. */
    while (len && (unsigned char)s[0] <= ' ')
        s++, len--;
    while (len && (unsigned char)s[len - 1] <= ' ')
        len--;
    if (!len)
        return false;
    /* Spark's special literals (case-insensitive). */
    if (ty_num_ieq(s, len, "inf") || ty_num_ieq(s, len, "+inf") || ty_num_ieq(s, len, "infinity") ||
        ty_num_ieq(s, len, "+infinity")) {
        *out = INFINITY;
        return true;
    }
    if (ty_num_ieq(s, len, "-inf") || ty_num_ieq(s, len, "-infinity")) {
        *out = -INFINITY;
        return true;
    }
    if (ty_num_ieq(s, len, "nan")) {
        *out = NAN;
        return true;
    }
    size_t n = len;
    char last = s[n - 1];
    if (n > 1 && (last == 'f' || last == 'F' || last == 'd' || last == 'D') &&
        ty_num_java_float_syntax(s, n - 1)) {
        size_t sign = (s[0] == '+' || s[0] == '-') ? 1 : 0;
        size_t body = n - 1 - sign;
        /* "NaN" / "Infinity" take no suffix */
        if ((body == 3 && memcmp(s + sign, "NaN", 3) == 0) ||
            (body == 8 && memcmp(s + sign, "Infinity", 8) == 0))
            return false;
        n--;
    } else if (!ty_num_java_float_syntax(s, n)) {
        return false;
    }
    char stack[128];
    char *buf = n + 1 > sizeof stack ? em_malloc(n + 1) : stack;
    memcpy(buf, s, n);
    buf[n] = '\0';
    size_t sign = (buf[0] == '+' || buf[0] == '-') ? 1 : 0;
    if (strcmp(buf + sign, "NaN") == 0)
        *out = NAN;
    else if (strcmp(buf + sign, "Infinity") == 0)
        *out = buf[0] == '-' ? -INFINITY : INFINITY;
    else if (is_float)
        *out = (double)strtof(buf, NULL);
    else
        *out = strtod(buf, NULL);
    if (buf != stack)
        em_free(buf);
    return true;
}

bool ty_parse_long(const char *s, size_t len, bool allow_decimal, int64_t *out)
{
    size_t off = 0, end;
    while (off < len && ty_is_trim_byte((unsigned char)s[off]))
        off++;
    if (off == len)
        return false;
    end = len - 1;
    while (end > off && ty_is_trim_byte((unsigned char)s[end]))
        end--;
    bool negative = s[off] == '-';
    if (negative || s[off] == '+') {
        if (end == off)
            return false;
        off++;
    }
    const int64_t stop = INT64_MIN / 10;
    int64_t result = 0;
    while (off <= end) {
        char b = s[off++];
        if (b == '.' && allow_decimal)
            break;
        if (b < '0' || b > '9')
            return false;
        if (result < stop)
            return false;
        int digit = b - '0';
        if (result * 10 < INT64_MIN + digit)
            return false;
        result = result * 10 - digit;
    }
    while (off <= end) {
        char b = s[off++];
        if (b < '0' || b > '9')
            return false;
    }
    if (!negative) {
        if (result == INT64_MIN)
            return false;
        result = -result;
    }
    *out = result;
    return true;
}

bool ty_parse_int(const char *s, size_t len, bool allow_decimal, int32_t *out)
{
    size_t off = 0, end;
    while (off < len && ty_is_trim_byte((unsigned char)s[off]))
        off++;
    if (off == len)
        return false;
    end = len - 1;
    while (end > off && ty_is_trim_byte((unsigned char)s[end]))
        end--;
    bool negative = s[off] == '-';
    if (negative || s[off] == '+') {
        if (end == off)
            return false;
        off++;
    }
    const int32_t stop = INT32_MIN / 10;
    int32_t result = 0;
    while (off <= end) {
        char b = s[off++];
        if (b == '.' && allow_decimal)
            break;
        if (b < '0' || b > '9')
            return false;
        if (result < stop)
            return false;
        int64_t next = (int64_t)result * 10 - (b - '0');
        if (next < INT32_MIN)
            return false;
        result = (int32_t)next;
    }
    while (off <= end) {
        char b = s[off++];
        if (b < '0' || b > '9')
            return false;
    }
    if (!negative) {
        if (result == INT32_MIN)
            return false;
        result = -result;
    }
    *out = result;
    return true;
}
