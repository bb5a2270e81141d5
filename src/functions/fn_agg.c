/*
 * fn_agg: the aggregate functions count, sum, avg/mean, min, max, first/first_value/any_value,
 * last/last_value (Spark's Count, Sum, Average, Min, Max, First, Last).
 *
 * Result types follow Spark: count -> bigint (never NULL); sum of integral -> bigint, of
 * decimal(p,s) -> decimal(min(38,p+10), s), of float/double -> double; avg -> double, or
 * decimal(min(38,p+4), min(38,s+4)) for decimals; min/max/first/last keep the input type.
 * Strings and NULL given to sum/avg are implicitly cast to double (ImplicitCastInputTypes).
 *
 * Overflow: an integral sum that leaves the bigint range raises ARITHMETIC_OVERFLOW ("long
 * overflow", try_add) under ANSI and wraps otherwise; a decimal sum that no longer fits its
 * result type raises NUMERIC_VALUE_OUT_OF_RANGE under ANSI and yields NULL otherwise.
 *
 * States are fixed-size structs; values of min/max/first/last are kept in a one-row vector
 * owned by the state (released by destroy). DISTINCT is applied by the executor, which feeds
 * each distinct argument tuple of a group once.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "functions/fn_int.h"

typedef enum fn_agg_kind {
    FN_AGG_COUNT,
    FN_AGG_SUM,
    FN_AGG_AVG,
    FN_AGG_MIN,
    FN_AGG_MAX,
    FN_AGG_FIRST,
    FN_AGG_LAST,
} fn_agg_kind;

typedef struct fn_agg_info {
    fn_agg_kind kind;
    bool ansi;
    bool ignore_nulls; /* first/last */
    const ty *in_type; /* the (cast) argument type */
} fn_agg_info;

typedef struct fn_agg_state {
    int64_t count;  /* count; avg count; sum "seen" count */
    int64_t lsum;   /* integral sum */
    double dsum;    /* double sum / avg */
    ty_i128 decsum; /* decimal sum / avg */
    bool overflow;  /* decimal sum left 38 digits */
    bool set;       /* min/max/first/last has a value (possibly NULL for first/last) */
    vec *value;     /* min/max/first/last: one row of the input type */
} fn_agg_state;

static fn_agg_kind fn_agg_kind_of(const char *n)
{
    if (strcasecmp(n, "count") == 0)
        return FN_AGG_COUNT;
    if (strcasecmp(n, "sum") == 0)
        return FN_AGG_SUM;
    if (strcasecmp(n, "avg") == 0 || strcasecmp(n, "mean") == 0)
        return FN_AGG_AVG;
    if (strcasecmp(n, "min") == 0)
        return FN_AGG_MIN;
    if (strcasecmp(n, "max") == 0)
        return FN_AGG_MAX;
    if (strcasecmp(n, "last") == 0 || strcasecmp(n, "last_value") == 0)
        return FN_AGG_LAST;
    return FN_AGG_FIRST;
}

static int fn_agg_err_numeric(pl_expr *call, em_error *err)
{
    return fn_err_unexpected_input(call, 0, "\"NUMERIC\" or \"ANSI INTERVAL\"", err);
}

static int fn_bind_agg(const fn_def *def, em_arena *a, pl_expr *call, const pl_session_opts *opts,
                       em_error *err)
{
    fn_agg_kind kind = fn_agg_kind_of(def->name);
    fn_agg_info *info = em_arena_calloc(a, 1, sizeof *info);
    info->kind = kind;
    info->ansi = opts && opts->ansi;
    switch (kind) {
    case FN_AGG_COUNT:
        if (call->n_args == 0) /* count.sql.out: spark.sql.legacy.allowParameterlessCount=false */
            return em_error_set(err, "WRONG_NUM_ARGS.WITH_SUGGESTION", "functionName", "`count`",
                                "expectedNum", " >= 1", "actualNum", "0", "legacyNum", "0",
                                "legacyConfKey", "\"spark.sql.legacy.allowParameterlessCount\"",
                                "legacyConfValue", "\"true\"", NULL);
        call->type = ty_long();
        call->nullable = false;
        break;
    case FN_AGG_SUM:
    case FN_AGG_AVG: {
        if (fn_check_arity(call, 1, 1, "1", err))
            return err->code;
        const ty *t = call->args[0]->type;
        if (ty_is_string(t) || t->kind == TY_NULL)
            fn_cast_arg(a, call, 0, ty_double());
        t = call->args[0]->type;
        if (t->kind == TY_DAYTIME_INTERVAL || t->kind == TY_YEARMONTH_INTERVAL)
            return em_error_set(err, "UNSUPPORTED_FEATURE.NOT_IMPLEMENTED", "feature",
                                "sum and avg of intervals", NULL);
        if (!ty_is_numeric(t))
            return fn_agg_err_numeric(call, err);
        if (t->kind == TY_DECIMAL) {
            call->type = kind == FN_AGG_SUM ? fn_decimal_bounded(t->precision + 10, t->scale, a)
                                            : fn_decimal_bounded(t->precision + 4, t->scale + 4, a);
        } else if (kind == FN_AGG_SUM && ty_is_integral(t)) {
            call->type = ty_long();
        } else {
            call->type = ty_double();
        }
        call->nullable = true;
        break;
    }
    case FN_AGG_MIN:
    case FN_AGG_MAX: {
        if (fn_check_arity(call, 1, 1, "1", err))
            return err->code;
        const ty *t = call->args[0]->type;
        if (!fn_type_orderable(t)) {
            em_str sql, ts;
            em_str_init(&sql, 4096);
            em_str_init(&ts, 512);
            em_str_putc(&sql, '"');
            fn_expr_sql(call, &sql);
            em_str_putc(&sql, '"');
            em_str_putc(&ts, '"');
            ty_sql(t, &ts);
            em_str_putc(&ts, '"');
            int rc = em_error_set(err, "DATATYPE_MISMATCH.INVALID_ORDERING_TYPE", "sqlExpr",
                                  sql.data ? sql.data : "", "functionName",
                                  kind == FN_AGG_MIN ? "`min`" : "`max`", "dataType",
                                  ts.data ? ts.data : "", NULL);
            em_str_release(&sql);
            em_str_release(&ts);
            return rc;
        }
        call->type = t;
        call->nullable = true;
        break;
    }
    default: {
        if (fn_check_arity(call, 1, 2, "[1, 2]", err))
            return err->code;
        if (call->n_args == 2) {
            const pl_expr *flag = call->args[1];
            if (flag->kind != PX_LITERAL || flag->type->kind != TY_BOOLEAN ||
                vec_is_null(flag->lit, 0)) {
                em_str sql, isql;
                em_str_init(&sql, 4096);
                em_str_init(&isql, 4096);
                em_str_putc(&sql, '"');
                fn_expr_sql(call, &sql);
                em_str_putc(&sql, '"');
                em_str_putc(&isql, '"');
                fn_expr_sql(flag, &isql);
                em_str_putc(&isql, '"');
                int rc = em_error_set(err, "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE", "sqlExpr",
                                      sql.data ? sql.data : "", "paramIndex", "second",
                                      "requiredType", "\"BOOLEAN\"", "inputSql",
                                      isql.data ? isql.data : "", "inputType", "\"BOOLEAN\"", NULL);
                em_str_release(&sql);
                em_str_release(&isql);
                return rc;
            }
            info->ignore_nulls = VEC_VALUES(flag->lit, uint8_t)[0] != 0;
        }
        call->type = call->args[0]->type;
        call->nullable = true;
        break;
    }
    }
    info->in_type = call->n_args ? call->args[0]->type : NULL;
    call->fn_state = info;
    return EM_OK;
}

static int64_t fn_agg_state_size(const pl_expr *call)
{
    (void)call;
    return (int64_t)sizeof(fn_agg_state);
}

static void fn_agg_init(const pl_expr *call, void *state)
{
    memset(state, 0, sizeof(fn_agg_state));
    (void)call;
}

static void fn_agg_destroy(const pl_expr *call, void *state)
{
    fn_agg_state *st = state;
    vec_release(st->value);
    st->value = NULL;
    (void)call;
}

/* Replaces the kept value with row r of v (NULL allowed). */
static int fn_agg_keep(fn_agg_state *st, const vec *v, int64_t r, const ty *t, em_error *err)
{
    int w = ty_fixed_width(t);
    if (st->value && w && !fn_is_null(v, r)) {
        memcpy(st->value->values, (const char *)v->values + r * w, (size_t)w);
        vec_set_valid(st->value, 0);
        return EM_OK;
    }
    vec *nv = vec_new(t, 1);
    int rc =
        v->type->kind == TY_NULL ? (vec_append_null(nv), EM_OK) : vec_append_from(nv, v, r, err);
    if (rc) {
        vec_release(nv);
        return rc;
    }
    vec_release(st->value);
    st->value = nv;
    return EM_OK;
}

static int fn_agg_sum_long(const fn_agg_info *info, fn_agg_state *st, int64_t x, em_error *err)
{
    int64_t z;
    if (__builtin_add_overflow(st->lsum, x, &z)) {
        if (info->ansi)
            return fn_err_arith_overflow(err, "long overflow", "try_add");
        z = (int64_t)((uint64_t)st->lsum + (uint64_t)x);
    }
    st->lsum = z;
    return EM_OK;
}

static int64_t fn_agg_get_int(const vec *v, int64_t r)
{
    switch (v->type->kind) {
    case TY_BYTE:
        return VEC_VALUES(v, int8_t)[r];
    case TY_SHORT:
        return VEC_VALUES(v, int16_t)[r];
    case TY_INT:
        return VEC_VALUES(v, int32_t)[r];
    default:
        return VEC_VALUES(v, int64_t)[r];
    }
}

static double fn_agg_get_double(const vec *v, int64_t r)
{
    switch (v->type->kind) {
    case TY_FLOAT:
        return VEC_VALUES(v, float)[r];
    case TY_DOUBLE:
        return VEC_VALUES(v, double)[r];
    case TY_DECIMAL:
        return ty_dec_to_double(VEC_VALUES(v, ty_i128)[r], v->type->scale);
    default:
        return (double)fn_agg_get_int(v, r);
    }
}

static int fn_agg_update(const pl_expr *call, void *const *states, vec *const *args, int64_t n,
                         fn_ctx *ctx, em_error *err)
{
    const fn_agg_info *info = call->fn_state;
    for (int64_t r = 0; r < n; r++) {
        fn_agg_state *st = states[r];
        if (!st)
            continue;
        switch (info->kind) {
        case FN_AGG_COUNT: {
            bool any_null = false;
            for (int i = 0; i < call->n_args; i++)
                if (fn_is_null(args[i], r))
                    any_null = true;
            if (!any_null)
                st->count++;
            break;
        }
        case FN_AGG_SUM:
        case FN_AGG_AVG: {
            const vec *v = args[0];
            if (fn_is_null(v, r))
                break;
            st->count++;
            if (v->type->kind == TY_DECIMAL) {
                ty_i128 z;
                if (!st->overflow &&
                    !ty_dec_add(st->decsum, v->type->scale, VEC_VALUES(v, ty_i128)[r],
                                v->type->scale, 38, v->type->scale, &z))
                    st->overflow = true;
                else if (!st->overflow)
                    st->decsum = z;
            } else if (info->kind == FN_AGG_SUM && ty_is_integral(v->type)) {
                if (fn_agg_sum_long(info, st, fn_agg_get_int(v, r), err))
                    return err->code;
            } else {
                st->dsum += fn_agg_get_double(v, r);
            }
            break;
        }
        case FN_AGG_MIN:
        case FN_AGG_MAX: {
            const vec *v = args[0];
            if (fn_is_null(v, r))
                break;
            bool better = !st->set;
            if (!better) {
                int c = ty_compare(v, r, st->value, 0);
                better = info->kind == FN_AGG_MIN ? c < 0 : c > 0;
            }
            if (better) {
                if (fn_agg_keep(st, v, r, call->type, err))
                    return err->code;
                st->set = true;
            }
            break;
        }
        case FN_AGG_FIRST:
        case FN_AGG_LAST: {
            const vec *v = args[0];
            bool null = fn_is_null(v, r);
            if (info->ignore_nulls && null)
                break;
            if (info->kind == FN_AGG_FIRST && st->set)
                break;
            if (fn_agg_keep(st, v, r, call->type, err))
                return err->code;
            st->set = true;
            break;
        }
        }
    }
    (void)ctx;
    return EM_OK;
}

static int fn_agg_merge(const pl_expr *call, void *dst, const void *src, fn_ctx *ctx, em_error *err)
{
    const fn_agg_info *info = call->fn_state;
    fn_agg_state *d = dst;
    const fn_agg_state *s = src;
    switch (info->kind) {
    case FN_AGG_COUNT:
        d->count += s->count;
        break;
    case FN_AGG_SUM:
    case FN_AGG_AVG:
        d->count += s->count;
        d->dsum += s->dsum;
        if (info->in_type && info->in_type->kind == TY_DECIMAL) {
            ty_i128 z;
            int sc = info->in_type->scale;
            if (d->overflow || s->overflow || !ty_dec_add(d->decsum, sc, s->decsum, sc, 38, sc, &z))
                d->overflow = true;
            else
                d->decsum = z;
        } else if (info->kind == FN_AGG_SUM && info->in_type && ty_is_integral(info->in_type)) {
            if (fn_agg_sum_long(info, d, s->lsum, err))
                return err->code;
        }
        break;
    case FN_AGG_MIN:
    case FN_AGG_MAX:
        if (s->set) {
            bool better = !d->set;
            if (!better) {
                int c = ty_compare(s->value, 0, d->value, 0);
                better = info->kind == FN_AGG_MIN ? c < 0 : c > 0;
            }
            if (better) {
                if (fn_agg_keep(d, s->value, 0, call->type, err))
                    return err->code;
                d->set = true;
            }
        }
        break;
    case FN_AGG_FIRST:
        if (!d->set && s->set) {
            if (fn_agg_keep(d, s->value, 0, call->type, err))
                return err->code;
            d->set = true;
        }
        break;
    case FN_AGG_LAST:
        if (s->set) {
            if (fn_agg_keep(d, s->value, 0, call->type, err))
                return err->code;
            d->set = true;
        }
        break;
    }
    (void)ctx;
    return EM_OK;
}

static void fn_agg_append_fixed(vec *out, const void *value)
{
    int w = ty_fixed_width(out->type);
    vec_reserve(out, out->len + 1);
    memcpy((char *)out->values + out->len * w, value, (size_t)w);
    vec_set_valid(out, out->len);
    out->len++;
}

static int fn_agg_final(const pl_expr *call, const void *state, vec *out, fn_ctx *ctx,
                        em_error *err)
{
    const fn_agg_info *info = call->fn_state;
    const fn_agg_state *st = state;
    switch (info->kind) {
    case FN_AGG_COUNT:
        fn_agg_append_fixed(out, &st->count);
        return EM_OK;
    case FN_AGG_SUM:
    case FN_AGG_AVG: {
        if (st->count == 0) {
            vec_append_null(out);
            return EM_OK;
        }
        const ty *rt = call->type;
        if (rt->kind == TY_DECIMAL) {
            int in_s = info->in_type->scale;
            ty_i128 z = 0;
            bool ok = !st->overflow;
            if (ok && info->kind == FN_AGG_SUM)
                ok = ty_dec_change(st->decsum, in_s, rt->precision, rt->scale, &z);
            else if (ok)
                ok = ty_dec_div(st->decsum, in_s, st->count, 0, rt->precision, rt->scale, &z);
            if (!ok) {
                if (info->ansi) {
                    char plain[96];
                    if (st->overflow)
                        snprintf(plain, sizeof plain, "?");
                    else
                        ty_dec_to_chars(st->decsum, in_s, true, plain);
                    return fn_err_decimal_overflow(err, plain, rt->precision, rt->scale);
                }
                vec_append_null(out);
                return EM_OK;
            }
            fn_agg_append_fixed(out, &z);
            return EM_OK;
        }
        if (rt->kind == TY_LONG) {
            fn_agg_append_fixed(out, &st->lsum);
            return EM_OK;
        }
        double d = info->kind == FN_AGG_AVG ? st->dsum / (double)st->count : st->dsum;
        fn_agg_append_fixed(out, &d);
        return EM_OK;
    }
    default:
        if (!st->set || !st->value) {
            vec_append_null(out);
            return EM_OK;
        }
        return vec_append_from(out, st->value, 0, err);
    }
    (void)ctx;
}

static const fn_agg_ops fn_agg_std_ops = {
    .state_size = fn_agg_state_size,
    .init = fn_agg_init,
    .update = fn_agg_update,
    .merge = fn_agg_merge,
    .final = fn_agg_final,
    .destroy = fn_agg_destroy,
};

#define FN_AGG(nm, mn, mx, det, pretty)                                                            \
    {                                                                                              \
        .name = nm, .kind = FN_AGGREGATE, .min_args = mn, .max_args = mx, .bind = fn_bind_agg,     \
        .agg = &fn_agg_std_ops, .deterministic = det, .pretty_name = pretty                        \
    }

const fn_def fn_agg_defs[] = {
    FN_AGG("count", 0, -1, true, NULL),      FN_AGG("sum", 1, 1, true, NULL),
    FN_AGG("avg", 1, 1, true, NULL),         FN_AGG("mean", 1, 1, true, NULL),
    FN_AGG("min", 1, 1, true, NULL),         FN_AGG("max", 1, 1, true, NULL),
    FN_AGG("first", 1, 2, false, NULL),      FN_AGG("first_value", 1, 2, false, NULL),
    FN_AGG("any_value", 1, 2, false, NULL),  FN_AGG("last", 1, 2, false, NULL),
    FN_AGG("last_value", 1, 2, false, NULL),
};
const int fn_agg_n_defs = (int)(sizeof fn_agg_defs / sizeof fn_agg_defs[0]);
