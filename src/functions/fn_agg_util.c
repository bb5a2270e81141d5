/*
 * fn_agg_util: the helpers of fn_agg_int.h shared by the aggregate families: implicit casts of
 * aggregate inputs (Spark's ImplicitCastInputTypes under TypeCoercion and AnsiTypeCoercion),
 * bind-time folding of constant arguments, DATATYPE_MISMATCH errors, value holders, Spark's
 * Murmur3 and the value set used by collect_set / mode / percentile.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "common/em_mem.h"
#include "functions/fn_agg_int.h"
#include "types/ty_cast.h"

/* ------------------------------------------------------------------------------------------ */
/* Implicit casts                                                                              */

static const char *fn_agg_expect_text(fn_agg_expect what)
{
    switch (what) {
    case FN_AGG_EXPECT_DOUBLE:
        return "\"DOUBLE\"";
    case FN_AGG_EXPECT_NUMERIC:
        return "\"NUMERIC\"";
    case FN_AGG_EXPECT_BOOLEAN:
        return "\"BOOLEAN\"";
    case FN_AGG_EXPECT_INTEGRAL:
    case FN_AGG_EXPECT_LONG:
        return "\"INTEGRAL\"";
    case FN_AGG_EXPECT_BIGINT:
        return "\"BIGINT\"";
    }
    return "\"?\"";
}

/*
 * The type args[i] becomes, or NULL when no implicit cast applies. Non-ANSI (TypeCoercion):
 * NULL -> the expected default type; strings -> numeric targets; numeric -> numeric. ANSI
 * (AnsiTypeCoercion): strings -> any atomic target (so also boolean), otherwise only what
 * Cast.canANSIStoreAssign allows (numeric widening and narrowing, NULL).
 */
static const ty *fn_agg_cast_target(const ty *t, fn_agg_expect what, bool ansi)
{
    switch (what) {
    case FN_AGG_EXPECT_DOUBLE:
        if (t->kind == TY_DOUBLE)
            return t;
        if (t->kind == TY_NULL || ty_is_numeric(t) || ty_is_string(t))
            return ty_double();
        return NULL;
    case FN_AGG_EXPECT_NUMERIC:
        if (ty_is_numeric(t))
            return t;
        if (t->kind == TY_NULL || ty_is_string(t))
            return ty_double();
        return NULL;
    case FN_AGG_EXPECT_BOOLEAN:
        if (t->kind == TY_BOOLEAN)
            return t;
        if (t->kind == TY_NULL || (ansi && ty_is_string(t)))
            return ty_boolean();
        return NULL;
    case FN_AGG_EXPECT_INTEGRAL:
        return ty_is_integral(t) ? t : NULL;
    case FN_AGG_EXPECT_BIGINT:
        if (t->kind == TY_LONG)
            return t;
        if (t->kind == TY_NULL || ty_is_numeric(t) || ty_is_string(t))
            return ty_long();
        return NULL;
    case FN_AGG_EXPECT_LONG:
        /* IntegralType is abstract: only NULL is cast (to its default, bigint) */
        if (ty_is_integral(t))
            return t;
        return t->kind == TY_NULL ? ty_long() : NULL;
    }
    return NULL;
}

int fn_agg_expect_arg(em_arena *a, pl_expr *call, int i, fn_agg_expect what, bool ansi,
                      em_error *err)
{
    const ty *to = fn_agg_cast_target(call->args[i]->type, what, ansi);
    if (!to)
        return fn_err_unexpected_input(call, i, fn_agg_expect_text(what), err);
    fn_cast_arg(a, call, i, to);
    return EM_OK;
}

/* ------------------------------------------------------------------------------------------ */
/* Constant folding                                                                            */

int fn_agg_fold(const pl_expr *e, const pl_session_opts *opts, vec **out, em_error *err)
{
    *out = NULL;
    if (!e)
        return 0;
    switch (e->kind) {
    case PX_LITERAL:
        if (!e->lit)
            return 0;
        *out = vec_retain(e->lit);
        return 1;
    case PX_ALIAS:
        return e->n_args ? fn_agg_fold(e->args[0], opts, out, err) : 0;
    case PX_CAST: {
        vec *in;
        int rc = fn_agg_fold(e->args[0], opts, &in, err);
        if (rc <= 0)
            return rc;
        rc = ty_cast_vec(in, e->cast_type ? e->cast_type : e->type, e->eval_mode, opts, out, err);
        vec_release(in);
        return rc ? -1 : 1;
    }
    case PX_CALL: {
        if (!e->fn || !e->fn->eval || !e->fn->deterministic)
            return 0;
        vec *args[16] = {0};
        if (e->n_args > 16)
            return 0;
        int rc = 1;
        for (int k = 0; k < e->n_args && rc == 1; k++)
            rc = fn_agg_fold(e->args[k], opts, &args[k], err);
        if (rc == 1) {
            em_arena scratch;
            em_arena_init(&scratch, 0);
            fn_ctx ctx = {.opts = opts, .scratch = &scratch};
            rc = e->fn->eval(e, args, 1, &ctx, out, err) ? -1 : 1;
            em_arena_release(&scratch);
        }
        for (int k = 0; k < e->n_args; k++)
            vec_release(args[k]);
        return rc;
    }
    default:
        return 0;
    }
}

/* ------------------------------------------------------------------------------------------ */
/* Errors                                                                                      */

void fn_agg_fn_id(const pl_expr *call, em_str *out)
{
    const char *n = call->name ? call->name : (call->fn ? call->fn->name : "?");
    em_str_putc(out, '`');
    for (; *n; n++)
        em_str_putc(out, (char)tolower((unsigned char)*n));
    em_str_putc(out, '`');
}

static void fn_agg_quoted_sql(const pl_expr *e, em_str *out)
{
    em_str_putc(out, '"');
    fn_expr_sql(e, out);
    em_str_putc(out, '"');
}

int fn_agg_err_non_foldable(const pl_expr *call, int i, const char *input_name, em_error *err)
{
    em_str sql, ity, isql;
    em_str_init(&sql, 4096);
    em_str_init(&ity, 1024);
    em_str_init(&isql, 4096);
    fn_agg_quoted_sql(call, &sql);
    ty_sql_type_quoted(call->args[i]->type, &ity);
    fn_agg_quoted_sql(call->args[i], &isql);
    int rc = em_error_set(err, "DATATYPE_MISMATCH.NON_FOLDABLE_INPUT", "sqlExpr",
                          sql.data ? sql.data : "", "inputName", input_name, "inputType",
                          ity.data ? ity.data : "", "inputExpr", isql.data ? isql.data : "", NULL);
    em_str_release(&sql);
    em_str_release(&ity);
    em_str_release(&isql);
    return rc;
}

int fn_agg_err_unexpected_null(const pl_expr *call, const char *expr_name, em_error *err)
{
    em_str sql;
    em_str_init(&sql, 4096);
    fn_agg_quoted_sql(call, &sql);
    int rc = em_error_set(err, "DATATYPE_MISMATCH.UNEXPECTED_NULL", "sqlExpr",
                          sql.data ? sql.data : "", "exprName", expr_name, NULL);
    em_str_release(&sql);
    return rc;
}

int fn_agg_err_value_range(const pl_expr *call, const char *expr_name, const char *range,
                           const char *current, em_error *err)
{
    em_str sql;
    em_str_init(&sql, 4096);
    fn_agg_quoted_sql(call, &sql);
    int rc = em_error_set(err, "DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE", "sqlExpr",
                          sql.data ? sql.data : "", "exprName", expr_name, "valueRange", range,
                          "currentValue", current, NULL);
    em_str_release(&sql);
    return rc;
}

int fn_agg_err_ordering(const pl_expr *call, const ty *t, em_error *err)
{
    em_str sql, fid, ts;
    em_str_init(&sql, 4096);
    em_str_init(&fid, 256);
    em_str_init(&ts, 1024);
    fn_agg_quoted_sql(call, &sql);
    fn_agg_fn_id(call, &fid);
    ty_sql_type_quoted(t, &ts);
    int rc = em_error_set(err, "DATATYPE_MISMATCH.INVALID_ORDERING_TYPE", "sqlExpr",
                          sql.data ? sql.data : "", "functionName", fid.data ? fid.data : "",
                          "dataType", ts.data ? ts.data : "", NULL);
    em_str_release(&sql);
    em_str_release(&fid);
    em_str_release(&ts);
    return rc;
}

/* ------------------------------------------------------------------------------------------ */
/* Kernels                                                                                     */

int64_t fn_agg_long_at(const vec *v, int64_t r)
{
    switch (v->type->kind) {
    case TY_BYTE:
        return VEC_VALUES(v, int8_t)[r];
    case TY_SHORT:
        return VEC_VALUES(v, int16_t)[r];
    case TY_INT:
    case TY_DATE:
    case TY_YEARMONTH_INTERVAL:
        return VEC_VALUES(v, int32_t)[r];
    default:
        return VEC_VALUES(v, int64_t)[r];
    }
}

double fn_agg_double_at(const vec *v, int64_t r)
{
    switch (v->type->kind) {
    case TY_FLOAT:
        return VEC_VALUES(v, float)[r];
    case TY_DOUBLE:
        return VEC_VALUES(v, double)[r];
    case TY_DECIMAL:
        return ty_dec_to_double(VEC_VALUES(v, ty_i128)[r], v->type->scale);
    default:
        return (double)fn_agg_long_at(v, r);
    }
}

void fn_agg_put_fixed(vec *out, const void *value)
{
    int w = ty_fixed_width(out->type);
    vec_reserve(out, out->len + 1);
    memcpy((char *)out->values + out->len * w, value, (size_t)w);
    vec_set_valid(out, out->len);
    out->len++;
}

void fn_agg_put_integral(vec *out, int64_t x)
{
    switch (out->type->kind) {
    case TY_BYTE: {
        int8_t v = (int8_t)x;
        fn_agg_put_fixed(out, &v);
        return;
    }
    case TY_SHORT: {
        int16_t v = (int16_t)x;
        fn_agg_put_fixed(out, &v);
        return;
    }
    case TY_INT: {
        int32_t v = (int32_t)x;
        fn_agg_put_fixed(out, &v);
        return;
    }
    default:
        fn_agg_put_fixed(out, &x);
        return;
    }
}

int fn_agg_hold(vec **slot, const ty *t, const vec *v, int64_t r, em_error *err)
{
    int w = ty_fixed_width(t);
    if (*slot && w && !fn_is_null(v, r)) {
        /* same-width overwrite keeps the one allocation */
        memcpy((*slot)->values, (const char *)v->values + r * w, (size_t)w);
        vec_set_valid(*slot, 0);
        return EM_OK;
    }
    vec *nv = vec_new(t, 1);
    int rc = fn_is_null(v, r) ? (vec_append_null(nv), EM_OK) : vec_append_from(nv, v, r, err);
    if (rc) {
        vec_release(nv);
        return rc;
    }
    vec_release(*slot);
    *slot = nv;
    return EM_OK;
}

/* ------------------------------------------------------------------------------------------ */
/* Murmur3 (Spark's Murmur3_x86_32)                                                            */

static uint32_t fn_agg_mm_k1(uint32_t k1)
{
    k1 *= 0xcc9e2d51u;
    k1 = (k1 << 15) | (k1 >> 17);
    return k1 * 0x1b873593u;
}

static uint32_t fn_agg_mm_h1(uint32_t h1, uint32_t k1)
{
    h1 ^= k1;
    h1 = (h1 << 13) | (h1 >> 19);
    return h1 * 5 + 0xe6546b64u;
}

static int32_t fn_agg_mm_fmix(uint32_t h1, int32_t len)
{
    h1 ^= (uint32_t)len;
    h1 ^= h1 >> 16;
    h1 *= 0x85ebca6bu;
    h1 ^= h1 >> 13;
    h1 *= 0xc2b2ae35u;
    h1 ^= h1 >> 16;
    return (int32_t)h1;
}

int32_t fn_agg_murmur3_int(int32_t x, int32_t seed)
{
    return fn_agg_mm_fmix(fn_agg_mm_h1((uint32_t)seed, fn_agg_mm_k1((uint32_t)x)), 4);
}

int32_t fn_agg_murmur3_bytes(const void *bytes, int32_t len, int32_t seed)
{
    const unsigned char *b = bytes;
    int32_t aligned = len - len % 4;
    uint32_t h1 = (uint32_t)seed;
    for (int32_t i = 0; i < aligned; i += 4) {
        uint32_t w = (uint32_t)b[i] | (uint32_t)b[i + 1] << 8 | (uint32_t)b[i + 2] << 16 |
                     (uint32_t)b[i + 3] << 24;
        h1 = fn_agg_mm_h1(h1, fn_agg_mm_k1(w));
    }
    for (int32_t i = aligned; i < len; i++)
        h1 = fn_agg_mm_h1(h1, fn_agg_mm_k1((uint32_t)(int32_t)(signed char)b[i]));
    return fn_agg_mm_fmix(h1, len);
}

/* ------------------------------------------------------------------------------------------ */
/* Value set                                                                                   */

#define FN_AGG_VSET_SEED 0x5bd1e995u

fn_agg_vset *fn_agg_vset_new(const ty *t)
{
    fn_agg_vset *s = em_calloc(1, sizeof *s);
    s->values = vec_new(t, 8);
    s->n_slots = 16;
    s->slots = em_calloc((size_t)s->n_slots, sizeof *s->slots);
    return s;
}

void fn_agg_vset_free(fn_agg_vset *s)
{
    if (!s)
        return;
    vec_release(s->values);
    em_free(s->counts);
    em_free(s->slots);
    em_free(s);
}

static void fn_agg_vset_rehash(fn_agg_vset *s)
{
    int64_t n = s->n_slots * 2;
    int64_t *slots = em_calloc((size_t)n, sizeof *slots);
    for (int64_t idx = 0; idx < s->values->len; idx++) {
        uint64_t h = ty_hash_cell(s->values, idx, FN_AGG_VSET_SEED);
        int64_t pos = (int64_t)(h & (uint64_t)(n - 1));
        while (slots[pos])
            pos = (pos + 1) & (n - 1);
        slots[pos] = idx + 1;
    }
    em_free(s->slots);
    s->slots = slots;
    s->n_slots = n;
}

int fn_agg_vset_add(fn_agg_vset *s, const vec *v, int64_t r, int64_t count, bool *is_new,
                    em_error *err)
{
    uint64_t h = ty_hash_cell(v, r, FN_AGG_VSET_SEED);
    int64_t mask = s->n_slots - 1;
    int64_t pos = (int64_t)(h & (uint64_t)mask);
    while (s->slots[pos]) {
        int64_t idx = s->slots[pos] - 1;
        if (ty_cells_equal(s->values, idx, v, r)) {
            s->counts[idx] += count;
            if (is_new)
                *is_new = false;
            return EM_OK;
        }
        pos = (pos + 1) & mask;
    }
    int64_t idx = s->values->len;
    if (vec_append_from(s->values, v, r, err))
        return err ? err->code : EM_EINTERNAL;
    if (idx >= s->cap) {
        s->cap = s->cap ? s->cap * 2 : 16;
        s->counts = em_realloc(s->counts, (size_t)s->cap * sizeof *s->counts);
    }
    s->counts[idx] = count;
    s->slots[pos] = idx + 1;
    if (is_new)
        *is_new = true;
    if ((idx + 1) * 2 > s->n_slots)
        fn_agg_vset_rehash(s);
    return EM_OK;
}

int fn_agg_vset_merge(fn_agg_vset *dst, const fn_agg_vset *src, em_error *err)
{
    for (int64_t idx = 0; src && idx < src->values->len; idx++)
        if (fn_agg_vset_add(dst, src->values, idx, src->counts[idx], NULL, err))
            return err ? err->code : EM_EINTERNAL;
    return EM_OK;
}
