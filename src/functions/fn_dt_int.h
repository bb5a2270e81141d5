/*
 * fn_dt_int: helpers private to the date, time and interval families (fn_date_*.c,
 * fn_interval*.c): Spark's input-type rules for these functions (ImplicitCastInputTypes /
 * ExpectsInputTypes with the abstract types they use), the statement-stable clock, the session
 * time zone, and small kernel helpers. Nothing here is used outside src/functions.
 */
#ifndef FN_DT_INT_H
#define FN_DT_INT_H

#include "functions/fn_int.h"
#include "types/ty_cast.h"
#include "types/ty_format.h"
#include "types/ty_time.h"

/* The abstract input types the datetime expressions declare (Spark's AbstractDataType). */
typedef enum fn_dt_want {
    FN_DT_DATE,
    FN_DT_TIMESTAMP,
    FN_DT_TIMESTAMP_NTZ,
    FN_DT_ANY_TIMESTAMP, /* AnyTimestampType: TIMESTAMP or TIMESTAMP_NTZ (default TIMESTAMP) */
    FN_DT_INT,
    FN_DT_LONG,
    FN_DT_DOUBLE,
    FN_DT_BOOLEAN,
    FN_DT_STRING,
    FN_DT_DAYS,     /* TypeCollection(INT, SMALLINT, TINYINT) */
    FN_DT_INTEGRAL, /* IntegralType */
    FN_DT_NUMERIC,  /* NumericType */
    FN_DT_DEC16_6,  /* DecimalType(16, 6): make_timestamp seconds */
    FN_DT_DEC18_6,  /* DecimalType(18, 6): make_interval / make_dt_interval seconds */
    FN_DT_YM_INTERVAL,
    FN_DT_DT_INTERVAL,
    FN_DT_PARSE_INPUT,     /* TypeCollection(STRING, DATE, TIMESTAMP, TIMESTAMP_NTZ) */
    FN_DT_PARSE_INPUT_NUM, /* the same plus NUMERIC (to_timestamp to TIMESTAMP) */
} fn_dt_want;

/*
 * Coerces args[i] of call to `want` as Spark does before checking input types:
 * implicit = true follows ImplicitCastInputTypes (TypeCoercion.implicitCast, or
 * AnsiTypeCoercion.implicitCast under ANSI); implicit = false follows ExpectsInputTypes (only a
 * NULL literal is typed). Then checks the type and raises
 * DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE with Spark's requiredType text when it does not fit.
 */
int fn_dt_coerce(em_arena *a, pl_expr *call, int i, fn_dt_want want, bool implicit, bool ansi,
                 em_error *err);
/* True when type t is accepted as `want` without a cast. */
bool fn_dt_accepts(fn_dt_want want, const ty *t);

/*
 * The instant the statement started (microseconds since the epoch): every current_date(),
 * current_timestamp(), now() ... of one query sees the same value (Spark folds them once per
 * query). Keyed by the query's arena (the analyzer's), forgotten when that arena is released.
 * opts->now_micros wins when the session layer sets it.
 */
int64_t fn_dt_query_now(em_arena *a, const pl_session_opts *opts);

/* The session time zone of a running call (UTC when unset). */
static inline const ty_tz *fn_dt_tz(const fn_ctx *ctx)
{
    return ty_session_tz(ctx ? ctx->opts : NULL);
}

/* The value of a foldable string literal argument (NUL-terminated copy in arena), or NULL when
   the argument is not a string literal or is NULL. */
const char *fn_dt_lit_string(em_arena *a, const pl_expr *e, bool *is_null);

/* A new literal of the given type holding one value (NULL when value is NULL). */
pl_expr *fn_dt_lit_int(em_arena *a, int32_t v);
pl_expr *fn_dt_lit_decimal(em_arena *a, int64_t unscaled, int precision, int scale);

/* Raises DATETIME_FIELD_OUT_OF_BOUNDS.WITH_SUGGESTION with a java.time range message. */
int fn_dt_err_out_of_range(em_error *err, const char *range_message);
/* Raises CANNOT_PARSE_TIMESTAMP (message = java.time text, func = `suggested`). */
int fn_dt_err_parse(em_error *err, const char *message, const char *suggested);
/* Raises the pattern error a failed ty_dtfmt_compile described. */
int fn_dt_err_pattern(em_error *err, const ty_dtfmt_error *e);
/* Raises INVALID_TIMEZONE for an unknown zone id. */
int fn_dt_err_timezone(em_error *err, const char *zone, size_t len);

/* Appends the argument list "a, b, c" as the analyzer names columns (for precomputed names). */
void fn_dt_args_sql(const pl_expr *call, int from, int to, em_str *out);

#endif
