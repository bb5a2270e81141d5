/*
 * ty_cast: Spark's CAST between types, column at a time, under ANSI on/off and TRY.
 *
 * Modes: PX_EVAL_UNSPECIFIED follows opts->ansi; PX_EVAL_ANSI raises Spark's errors
 * (CAST_INVALID_INPUT, CAST_OVERFLOW, NUMERIC_VALUE_OUT_OF_RANGE.WITH_SUGGESTION, ...);
 * PX_EVAL_LEGACY applies the non-ANSI rules (wrap-around, NULL on malformed input, ...);
 * PX_EVAL_TRY behaves like ANSI but yields NULL where ANSI would fail.
 *
 * Ownership: *out is a new vector (caller releases) of type `to` (borrowed: it must outlive the
 * vector). The input is borrowed. On error *out is NULL and err is set.
 */
#ifndef TY_CAST_H
#define TY_CAST_H

#include <stdbool.h>

#include "common/em_error.h"
#include "plan/plan.h"
#include "types/ty.h"
#include "vector/vec.h"

int ty_cast_vec(const vec *in, const ty *to, pl_eval_mode mode, const pl_session_opts *opts,
                vec **out, em_error *err);

/* Spark's Cast.canAnsiCast (ansi) / Cast.canCast (!ansi). */
bool ty_can_cast(const ty *from, const ty *to, bool ansi);
/* Spark's Cast.canTryCast. */
bool ty_can_try_cast(const ty *from, const ty *to);
/* Spark's Cast.canANSIStoreAssign (the implicit-cast rule of ANSI type coercion). */
bool ty_can_ansi_store_assign(const ty *from, const ty *to);
/* Spark's Cast.canUpCast (lossless widening). */
bool ty_can_up_cast(const ty *from, const ty *to);
/* Spark's Cast.forceNullable: casting a non-null value may produce NULL. */
bool ty_cast_force_nullable(const ty *from, const ty *to);

/* Resolves PX_EVAL_UNSPECIFIED against the session. */
static inline pl_eval_mode ty_cast_effective_mode(pl_eval_mode mode, const pl_session_opts *opts)
{
    if (mode == PX_EVAL_UNSPECIFIED)
        return opts && opts->ansi ? PX_EVAL_ANSI : PX_EVAL_LEGACY;
    return mode;
}

/*
 * Appends Spark's toSQLValue rendering of one cell (Literal.sql): 'text' with \ and ' escaped,
 * 1Y / 1S / 1 / 1L, 1.0D, CAST('1.0' AS FLOAT), 1.5BD, DATE '...', TIMESTAMP '...', X'0A',
 * true, NULL. Used in error message parameters.
 */
void ty_sql_value_append(const vec *v, int64_t row, const pl_session_opts *opts, em_str *out);
/* 'text' with backslashes and single quotes escaped (Literal.sql / toSQLValue of a string). */
void ty_sql_quote_string(const char *s, size_t len, em_str *out);
/* Spark's toSQLType: the type's SQL name in double quotes ("\"BIGINT\""). */
void ty_sql_type_quoted(const ty *t, em_str *out);

#endif
