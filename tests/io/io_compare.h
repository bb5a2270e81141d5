/*
 * io_compare: compares vector values with the JSON values of the Parquet corpus, following the
 * conventions of ../shared/conformance/parquet/README.md (integers exact, floats parsed with
 * strtof / strtod and compared bit for bit, decimals as plain text with `scale` digits, binary as
 * base64, dates as proleptic Gregorian YYYY-MM-DD, timestamps as UTC instants floored to
 * microseconds, INT96 without the `Z`, TIME as HH:MM:SS.f when read as bigint microseconds).
 */
#ifndef IO_COMPARE_H
#define IO_COMPARE_H

#include "io_json.h"
#include "vector/vec.h"

typedef struct io_cmp {
    bool int96;     /* timestamps of this column come from INT96 (expected text has no Z) */
    bool from_f16;  /* float values come from FLOAT16 (expected: exact decimal of the half) */
    bool from_time; /* bigint values come from a TIME column (expected "HH:MM:SS.f") */
    char msg[512];  /* the first mismatch */
} io_cmp;

/* True when row `row` of v equals want; otherwise false with c->msg describing the difference
 * (where: the column name, for the message). */
bool io_cmp_value(io_cmp *c, const vec *v, int64_t row, const io_jval *want, const char *where);

/* Days since 1970-01-01 of a proleptic Gregorian date. */
int64_t io_days_from_civil(int64_t y, unsigned m, unsigned d);
/* Standard base64 with padding of n bytes into out (4 * ((n + 2) / 3) + 1 bytes). */
void io_base64(const unsigned char *in, size_t n, char *out);
/* Plain decimal text of an unscaled value with `scale` digits after the point. */
void io_decimal_text(__int128 v, int scale, char *out, size_t size);

#endif
