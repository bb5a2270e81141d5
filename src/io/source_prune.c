/*
 * source_prune: whether a pushed predicate (source.h io_pred) can hold for some row of a file or
 * a Parquet row group, from what is known without reading rows: a partition value (exact), or a
 * column chunk's statistics (bounds and null count). Used by the scan planner (source_plan.c)
 * to skip data; the Filter above the scan still runs, so every answer here errs on "may match".
 *
 * Semantics are Spark's Filter semantics (a row is kept when the predicate is true):
 *  - a comparison or IN with a NULL side is never true; IS NULL / IS NOT NULL see the nulls;
 *  - values compare with Spark's ordering (types/ty_order.h): NaN = NaN and NaN above every
 *    other value, -0.0 = 0.0, strings bytewise (UTF8_BINARY; other collations are not used);
 *  - CAST(col AS T) is evaluated on the bounds through the engine's own cast (types/ty_cast.h),
 *    accepted only for order-preserving widenings (integral -> wider integral / decimal /
 *    floating point, float -> double, decimal -> decimal / floating point), so a bound of the
 *    column stays a bound of the cast column;
 *  - statistics of floating-point columns may leave NaN out of min / max (the Parquet format
 *    asks writers to; parquet-mr, Arrow and DuckDB do), so an upper bound never proves that no
 *    NaN row exists: predicates a NaN satisfies (> and >= anything, = NaN) are not pruned by the
 *    maximum of a float / double column. Bounds that are NaN themselves are not used.
 *  - truncated string bounds (min_exact / max_exact false) still bound the values (the format
 *    requires a truncated max to be rounded up), so they are used as bounds.
 */
#include <string.h>

#include "common/em_mem.h"
#include "io/source_int.h"
#include "plan/plan.h"
#include "types/ty_cast.h"
#include "types/ty_order.h"

static bool io_prune_binary_collation(const ty *t)
{
    return !t->collation || strcmp(t->collation, "UTF8_BINARY") == 0;
}

bool io_prune_orderable(const ty *t)
{
    switch (t->kind) {
    case TY_BOOLEAN:
    case TY_BYTE:
    case TY_SHORT:
    case TY_INT:
    case TY_LONG:
    case TY_FLOAT:
    case TY_DOUBLE:
    case TY_DECIMAL:
    case TY_BINARY:
    case TY_DATE:
    case TY_TIMESTAMP:
    case TY_TIMESTAMP_NTZ:
        return true;
    case TY_STRING:
        return io_prune_binary_collation(t);
    default:
        return false;
    }
}

static int io_prune_int_rank(ty_kind k)
{
    switch (k) {
    case TY_BYTE:
        return 1;
    case TY_SHORT:
        return 2;
    case TY_INT:
        return 3;
    case TY_LONG:
        return 4;
    default:
        return 0;
    }
}

bool io_prune_cast_ok(const ty *from, const ty *to)
{
    if (!io_prune_orderable(from) || !io_prune_orderable(to))
        return false;
    if (from->kind == to->kind && from->kind != TY_DECIMAL)
        return true; /* strings: both UTF8_BINARY (checked above) */
    int rf = io_prune_int_rank(from->kind), rt = io_prune_int_rank(to->kind);
    bool to_num = to->kind == TY_DECIMAL || to->kind == TY_FLOAT || to->kind == TY_DOUBLE;
    if (rf)
        return (rt && rt >= rf) || to_num;
    if (from->kind == TY_FLOAT)
        return to->kind == TY_DOUBLE;
    if (from->kind == TY_DECIMAL)
        return to_num;
    return false;
}

/* Casts v (consumed) to t when its type differs; NULL when the cast fails. */
static vec *io_prune_cast(const io_source *s, vec *v, const ty *t)
{
    if (!v || ty_equals_ignore_nullability(v->type, t))
        return v;
    pl_session_opts opts;
    memset(&opts, 0, sizeof opts);
    opts.time_zone = ty_tz_name(s->tz);
    vec *o = NULL;
    em_error e;
    em_error_clear(&e);
    int rc = ty_cast_vec(v, t, PX_EVAL_LEGACY, &opts, &o, &e);
    vec_release(v);
    em_error_clear(&e);
    return rc ? NULL : o;
}

vec *io_prune_to_compared(const io_source *s, vec *v, const ty *col_type, const ty *cmp_type)
{
    if (!v)
        return NULL;
    if (!io_prune_cast_ok(v->type, col_type) || !io_prune_cast_ok(col_type, cmp_type)) {
        vec_release(v);
        return NULL;
    }
    v = io_prune_cast(s, v, col_type);
    v = io_prune_cast(s, v, cmp_type);
    if (v && vec_null_count(v) > 0) { /* an overflowing cast: no usable bound */
        vec_release(v);
        return NULL;
    }
    return v;
}

static bool io_prune_is_nan(const vec *v, int64_t row)
{
    if (v->type->kind == TY_DOUBLE) {
        double d = ((const double *)v->values)[row];
        return d != d;
    }
    if (v->type->kind == TY_FLOAT) {
        float f = ((const float *)v->values)[row];
        return f != f;
    }
    return false;
}

/* Whether some value in [lo, hi] (rows 0 and 1 of b) may satisfy `value op lit`. */
static bool io_prune_cmp_may(io_pred_op op, const vec *b, const vec *lit, bool nan_hidden)
{
    if (vec_is_null(lit, 0))
        return false; /* a comparison with NULL is never true */
    bool lit_nan = io_prune_is_nan(lit, 0);
    int c_lo = ty_compare(b, 0, lit, 0); /* lo vs lit */
    int c_hi = ty_compare(b, 1, lit, 0); /* hi vs lit */
    switch (op) {
    case IO_PRED_EQ:
        if (nan_hidden && lit_nan)
            return true;
        return c_lo <= 0 && c_hi >= 0;
    case IO_PRED_LT:
        return c_lo < 0; /* a NaN row is never below anything */
    case IO_PRED_LE:
        return c_lo <= 0;
    case IO_PRED_GT:
        return c_hi > 0 || (nan_hidden && !lit_nan);
    case IO_PRED_GE:
        return c_hi >= 0 || nan_hidden;
    default:
        return true;
    }
}

bool io_prune_may_match(const io_pred *p, const vec *bounds, bool all_null, bool no_null,
                        bool nan_hidden)
{
    switch (p->op) {
    case IO_PRED_IS_NULL:
        return !no_null;
    case IO_PRED_IS_NOT_NULL:
        return !all_null;
    default:
        break;
    }
    if (all_null)
        return false; /* comparisons and IN are never true on NULL */
    if (!bounds || bounds->len != 2 || vec_is_null(bounds, 0) || vec_is_null(bounds, 1) ||
        io_prune_is_nan(bounds, 0) || io_prune_is_nan(bounds, 1))
        return true;
    if (p->op == IO_PRED_IN) {
        for (int i = 0; i < p->n_values; i++)
            if (io_prune_cmp_may(IO_PRED_EQ, bounds, p->values[i], nan_hidden))
                return true;
        return false;
    }
    if (p->n_values < 1)
        return true;
    return io_prune_cmp_may(p->op, bounds, p->values[0], nan_hidden);
}

bool io_prune_pred_usable(const io_source *s, const io_pred *p, const ty **col_type,
                          const ty **cmp_type)
{
    const ty *schema = s->head.schema;
    if (p->col < 0 || p->col >= schema->n_fields)
        return false;
    const ty *ct = schema->fields[p->col].type;
    const ty *t = p->cast_to ? p->cast_to : ct;
    *col_type = ct;
    *cmp_type = t;
    if (p->op == IO_PRED_IS_NULL || p->op == IO_PRED_IS_NOT_NULL)
        return !p->cast_to || io_prune_cast_ok(ct, t);
    if (p->op < IO_PRED_EQ || p->op > IO_PRED_IN || !io_prune_cast_ok(ct, t))
        return false;
    if (p->op != IO_PRED_IN && p->n_values != 1)
        return false;
    if (p->n_values < 1 || !p->values)
        return false;
    for (int i = 0; i < p->n_values; i++) {
        const vec *v = p->values[i];
        if (!v || v->len < 1)
            return false;
        if (v->type->kind != t->kind ||
            (t->kind != TY_DECIMAL && !ty_equals_ignore_nullability(v->type, t)))
            return false;
    }
    return true;
}

/* ---- bounds from values ----------------------------------------------------------------- */

vec *io_prune_bounds_of(const vec *v, int64_t row, em_error *err)
{
    int64_t sel[2] = {row, row};
    return vec_take(v, sel, 2, err);
}

vec *io_prune_bounds_new(const ty *t, const void *lo, const void *hi)
{
    /* lo / hi point at a pq-style value: int64 (integral, date, timestamp, boolean), double
       (float, double), __int128 (decimal), or {ptr,len} bytes (string, binary) */
    vec *v = vec_new(t, 2);
    const void *src[2] = {lo, hi};
    for (int i = 0; i < 2; i++) {
        switch (t->kind) {
        case TY_BOOLEAN:
            io_push_bool(v, *(const int64_t *)src[i] != 0);
            break;
        case TY_BYTE:
            io_push_i8(v, (int8_t) * (const int64_t *)src[i]);
            break;
        case TY_SHORT:
            io_push_i16(v, (int16_t) * (const int64_t *)src[i]);
            break;
        case TY_INT:
        case TY_DATE:
            io_push_i32(v, (int32_t) * (const int64_t *)src[i]);
            break;
        case TY_LONG:
        case TY_TIMESTAMP:
        case TY_TIMESTAMP_NTZ:
            io_push_i64(v, *(const int64_t *)src[i]);
            break;
        case TY_FLOAT:
            io_push_f32(v, (float)*(const double *)src[i]);
            break;
        case TY_DOUBLE:
            io_push_f64(v, *(const double *)src[i]);
            break;
        case TY_DECIMAL:
            io_push_dec(v, *(const __int128 *)src[i]);
            break;
        case TY_STRING:
        case TY_BINARY: {
            const io_prune_bytes *b = src[i];
            em_error e;
            em_error_clear(&e);
            if (vec_append_str(v, b->ptr, b->len, &e)) {
                vec_release(v);
                return NULL;
            }
            break;
        }
        default:
            vec_release(v);
            return NULL;
        }
    }
    return v;
}
