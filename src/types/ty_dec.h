/*
 * ty_dec: Spark's DECIMAL(p,s) arithmetic on 128-bit unscaled values (p <= 38).
 *
 * A decimal value is an unscaled __int128 plus the scale of its type: 12.34 in decimal(5,2) is
 * 1234. Operations compute the exact result (256-bit intermediates where needed) and round it
 * HALF_UP to the requested scale, which is what Spark's java.math.BigDecimal based Decimal ends
 * up doing for + - * / % (its 39-digit DOWN truncation followed by HALF_UP to at most 38 digits
 * gives the same result as one exact HALF_UP rounding). Functions return false when the result
 * does not fit the requested precision; callers turn that into NULL or
 * NUMERIC_VALUE_OUT_OF_RANGE depending on the ANSI mode.
 *
 * Pure functions, thread-safe, no allocation except through the em_str given.
 */
#ifndef TY_DEC_H
#define TY_DEC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/em_str.h"

typedef __int128 ty_i128;
typedef unsigned __int128 ty_u128;

typedef enum ty_round {
    TY_ROUND_HALF_UP,
    TY_ROUND_HALF_EVEN,
    TY_ROUND_DOWN,
    TY_ROUND_FLOOR,
    TY_ROUND_CEILING,
} ty_round;

/* 10^n for n in [0, 38]. */
ty_i128 ty_dec_pow10(int n);
/* Number of decimal digits of |v| (1 for 0). */
int ty_dec_digits(ty_i128 v);
/* |v| < 10^precision. */
bool ty_dec_fits(ty_i128 v, int precision);

/* v at scale from_s re-expressed at scale to_s (rounding with mode when digits drop). False
   if the result has more than 38 digits. */
bool ty_dec_rescale(ty_i128 v, int from_s, int to_s, ty_round mode, ty_i128 *out);
/* Spark's Decimal.changePrecision(p, s) with HALF_UP: rescale, then check the precision. */
bool ty_dec_change(ty_i128 v, int from_s, int to_p, int to_s, ty_i128 *out);

/* Exact a op b rounded HALF_UP to out_s, checked against out_p. b == 0 for div/rem/pmod is the
   caller's business (returns false). */
bool ty_dec_add(ty_i128 a, int sa, ty_i128 b, int sb, int out_p, int out_s, ty_i128 *out);
bool ty_dec_sub(ty_i128 a, int sa, ty_i128 b, int sb, int out_p, int out_s, ty_i128 *out);
bool ty_dec_mul(ty_i128 a, int sa, ty_i128 b, int sb, int out_p, int out_s, ty_i128 *out);
bool ty_dec_div(ty_i128 a, int sa, ty_i128 b, int sb, int out_p, int out_s, ty_i128 *out);
/* Remainder with the sign of a (Java BigDecimal.remainder); pmod makes it non-negative when
   b > 0 (Spark's Pmod: ((a % b) + b) % b when a % b < 0). */
bool ty_dec_rem(ty_i128 a, int sa, ty_i128 b, int sb, int out_p, int out_s, ty_i128 *out);
bool ty_dec_pmod(ty_i128 a, int sa, ty_i128 b, int sb, int out_p, int out_s, ty_i128 *out);
/* Integer part of a / b (BigDecimal.divideToIntegralValue), as an unscaled scale-0 value;
   false if it has more than 38 digits. */
bool ty_dec_quot(ty_i128 a, int sa, ty_i128 b, int sb, ty_i128 *out);

/* Java's BigDecimal.toString (scientific when the adjusted exponent < -6) or toPlainString. */
void ty_dec_append(ty_i128 v, int scale, bool plain, em_str *out);
/* Into a caller buffer of at least 48 bytes; returns the length. */
int ty_dec_to_chars(ty_i128 v, int scale, bool plain, char *buf);

typedef enum ty_dec_parse_result {
    TY_DEC_OK = 0,
    TY_DEC_INVALID = 1,   /* not a BigDecimal literal */
    TY_DEC_OVERFLOW = 2,  /* does not fit (p, s) after rounding */
    TY_DEC_TOO_LARGE = 3, /* more than 38 integral digits (Spark fails fast) */
} ty_dec_parse_result;

/*
 * Spark's Decimal.fromString + changePrecision(p, s): s[0..len) trimmed of chars <= ' ', parsed
 * with java.math.BigDecimal's grammar, rounded HALF_UP to scale to_s.
 */
ty_dec_parse_result ty_dec_parse(const char *s, size_t len, int to_p, int to_s, ty_i128 *out);
/* Parses exactly, reporting the value's own precision and scale (scale >= 0, as Spark keeps). */
ty_dec_parse_result ty_dec_parse_exact(const char *s, size_t len, ty_i128 *out, int *precision,
                                       int *scale);

/* Spark's Decimal(double) (via Double.toString digits) then changePrecision(p, s). False when
   d is NaN/infinite or the value does not fit. */
bool ty_dec_from_double(double d, int to_p, int to_s, ty_i128 *out);
/* Correctly rounded BigDecimal.doubleValue / floatValue. */
double ty_dec_to_double(ty_i128 v, int scale);
float ty_dec_to_float(ty_i128 v, int scale);
/* Truncates toward zero to an integer (Spark's Decimal.toLong for values within 64 bits; the
   low 64 bits of the integer part otherwise, as BigDecimal.longValue). *fits says whether the
   integer part is within int64. */
int64_t ty_dec_to_long(ty_i128 v, int scale, bool *fits);

#endif
