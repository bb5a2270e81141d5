/*
 * ty_cast_int: private interface between ty_cast.c (rules, dispatch, nested, to-string) and
 * ty_cast_scalar.c (casts into boolean, numeric, decimal, date/time and binary kinds).
 */
#ifndef TY_CAST_INT_H
#define TY_CAST_INT_H

#include "types/ty_cast.h"
#include "types/ty_time.h"

typedef struct ty_cast_ctx {
    pl_eval_mode mode; /* ANSI, LEGACY or TRY (never UNSPECIFIED) */
    const pl_session_opts *opts;
    const ty_tz *tz;
    const ty *to;
    em_error *err;
} ty_cast_ctx;

/*
 * A value of `in` at in_row could not be cast into row `row` of out: under ANSI raise
 * error_class (CAST_INVALID_INPUT / CAST_OVERFLOW with Spark's parameters), else mark the row
 * NULL. Returns non-zero only when an error was raised.
 */
int ty_cast_fail(ty_cast_ctx *c, vec *out, int64_t row, const char *error_class, const vec *in,
                 int64_t in_row);
/* Raises error_class with (value_param = toSQLValue(in[row]), sourceType, targetType,
   ansiConfig). */
int ty_cast_raise_value(ty_cast_ctx *c, const char *error_class, const vec *in, int64_t row,
                        const char *value_param);

/* out has in->len rows, zeroed values, no validity yet. */
int ty_cast_scalar(ty_cast_ctx *c, const vec *in, vec *out);
/* out is empty (len 0); appends in->len rows. */
int ty_cast_to_binary(ty_cast_ctx *c, const vec *in, vec *out);
/* Added by the date/time functions (ty_time_interval.c): casts into CALENDAR / DAY-TIME /
   YEAR-MONTH intervals from strings, intervals of the same family and integral numbers; out as
   for ty_cast_scalar. */
int ty_cast_to_interval(ty_cast_ctx *c, const vec *in, vec *out);

#endif
