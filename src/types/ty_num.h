/*
 * ty_num: numbers as Spark prints and parses them. Doubles and floats print the way Java's
 * Double.toString / Float.toString do (shortest digits that round-trip; plain notation for
 * magnitudes in [1e-3, 1e7), else "d.dddE±n"), because that is what Spark's cast to string and
 * show() produce. Parsing follows Java's Double.parseDouble plus Spark's special literals.
 *
 * Everything here is pure and thread-safe; nothing allocates except through the em_str given.
 */
#ifndef TY_NUM_H
#define TY_NUM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/em_str.h"

/* Longest text ty_double_to_chars / ty_float_to_chars write, NUL included. */
#define TY_NUM_BUF 40

/* Java's Double.toString(d) into buf (NUL-terminated); returns the length. */
int ty_double_to_chars(double d, char buf[TY_NUM_BUF]);
/* Java's Float.toString(f) into buf; returns the length. */
int ty_float_to_chars(float f, char buf[TY_NUM_BUF]);
void ty_double_append(double d, em_str *out);
void ty_float_append(float f, em_str *out);

/*
 * The shortest decimal digits that round-trip d (Java's choice, so at least two digits are
 * considered when one would do): digits[0..n) with no leading/trailing zeros except for zero
 * itself ("0"), and the decimal exponent such that d = 0.d1d2... * 10^exp10. d must be finite;
 * the sign is ignored. For floats pass is_float (round-trips through float).
 */
int ty_shortest_digits(double d, bool is_float, char digits[24], int *exp10);

/*
 * Java's Double.parseDouble on s[0..len) (whitespace <= ' ' trimmed, optional sign, decimal or
 * hex digits, exponent, optional f/F/d/D suffix, "NaN", "Infinity") followed by Spark's
 * special literals ("inf", "+inf", "-inf", "infinity", "+infinity", "-infinity", "nan", any
 * case). Returns false if the text is not a number. is_float rounds to float precision once
 * (as Float.parseFloat does) and stores the float value in *out.
 */
bool ty_parse_double(const char *s, size_t len, bool is_float, double *out);

/* Spark's UTF8String.toLong / toInt (trims whitespace and ISO controls; allow_decimal accepts
   and discards a well-formed fraction). Returns false on malformed input or overflow. */
bool ty_parse_long(const char *s, size_t len, bool allow_decimal, int64_t *out);
bool ty_parse_int(const char *s, size_t len, bool allow_decimal, int32_t *out);

/* True for the bytes Spark's trimAll / number parsers skip (whitespace and ISO controls). */
static inline bool ty_is_trim_byte(unsigned char c)
{
    return c <= 0x20 || c == 0x7f;
}

#endif
