/*
 * ty_format: one cell of a vector as text, the two ways Spark renders values:
 *  - pretty (ToPrettyString, used by Dataset.show): NULL as "NULL" (also inside arrays, maps and
 *    structs), binary as upper-case hex "[01 AB]", decimals in plain notation;
 *  - cast (Cast to STRING): nested NULLs as "null", binary as its raw bytes, decimals in
 *    java.math.BigDecimal.toString form unless ANSI mode is on (then plain).
 * Common to both: doubles/floats as Java's Double/Float.toString, dates "yyyy-MM-dd",
 * timestamps "yyyy-MM-dd HH:mm:ss[.ffffff]" in the session time zone (trailing zeros of the
 * fraction trimmed), TIMESTAMP_NTZ the same without a zone, arrays "[a, b]", structs "{a, b}",
 * maps "{k -> v, ...}", ANSI intervals "INTERVAL '1-2' YEAR TO MONTH", calendar intervals
 * "1 months 2 days ...".
 */
#ifndef TY_FORMAT_H
#define TY_FORMAT_H

#include <stdbool.h>
#include <stdint.h>

#include "common/em_str.h"
#include "plan/plan.h"
#include "types/ty_time.h"
#include "vector/vec.h"

typedef struct ty_format_opts {
    bool pretty;        /* ToPrettyString rules (else Cast rules) */
    bool decimal_plain; /* cast only: plain decimals (ANSI) */
    const ty_tz *tz;    /* session zone for TIMESTAMP (NULL = UTC) */
} ty_format_opts;

/*
 * Appends row `row` of v the way Dataset.show prints it (ToPrettyString in the session time
 * zone of opts; opts may be NULL for UTC). A NULL cell prints "NULL".
 */
void ty_format_value(const vec *v, int64_t row, const pl_session_opts *opts, em_str *out);

/* Appends row `row` of v with explicit rules. A NULL top-level cell appends "NULL" (pretty) or
   "null" (cast); cast callers normally handle top-level NULLs themselves. */
void ty_format_cell(const vec *v, int64_t row, const ty_format_opts *fo, em_str *out);

/* The session zone named in opts (UTC when unset or unknown). */
const ty_tz *ty_session_tz(const pl_session_opts *opts);

/* Spark's CalendarInterval.toString and the ANSI interval strings. */
void ty_calendar_interval_append(const ty_calendar_interval *iv, em_str *out);
void ty_ym_interval_append(int32_t months, int start_field, int end_field, em_str *out);
void ty_dt_interval_append(int64_t micros, int start_field, int end_field, em_str *out);

#endif
