/*
 * fn_array_index: reading one element of an array or a map: element_at and try_element_at
 * (1-based array index, negative from the end, or map key), get (0-based, NULL out of bounds),
 * and fn_extract_value, the kernel behind resolved PX_EXTRACT nodes (col[i], col["key"],
 * arrayOfStructs.field).
 *
 * Errors as Spark raises them: element_at(array, 0) is INVALID_INDEX_OF_ZERO in every mode; an
 * out-of-bounds element_at index is INVALID_ARRAY_INDEX_IN_ELEMENT_AT under ANSI (NULL
 * otherwise, always NULL for try_element_at); an out-of-bounds col[i] is INVALID_ARRAY_INDEX
 * under ANSI. Map lookups return NULL for a missing key.
 */
#include <stdio.h>
#include <string.h>

#include "functions/fn_coll.h"
#include "types/ty_cast.h"

typedef struct fn_idx_state {
    bool fail_on_error; /* ANSI element_at / col[i] */
} fn_idx_state;

/* ---- binding ------------------------------------------------------------------------------- */

static int64_t fn_idx_get(const vec *v, int64_t r)
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

/*
 * Nullability as Spark's GetArrayItemUtil computes it: a constant index into array(...) takes
 * the chosen element's nullability (one_based: element_at's rules), anything else is nullable
 * unless failing on bad indexes over an array without NULL elements.
 */
static bool fn_idx_nullable(const pl_expr *arr, const pl_expr *index, bool fail, bool one_based)
{
    const vec *lit;
    if (fn_coll_literal(index, &lit) && lit->type->kind != TY_NULL && !vec_is_null(lit, 0)) {
        if (arr->kind != PX_CALL || !arr->fn || strcmp(arr->fn->name, "array") != 0)
            return true;
        int64_t ord = (int32_t)fn_idx_get(lit, 0);
        int64_t len = arr->n_args;
        if (one_based) {
            if (ord == 0)
                return false;
            if (len < (ord < 0 ? -ord : ord))
                return !fail;
            return arr->args[ord < 0 ? len + ord : ord - 1]->nullable;
        }
        if (ord >= 0 && ord < len)
            return arr->args[ord]->nullable;
        return !fail;
    }
    return fail ? arr->type->contains_null : true;
}

static int fn_bind_element_at(const fn_def *def, em_arena *a, pl_expr *call,
                              const pl_session_opts *opts, em_error *err)
{
    if (fn_check_arity(call, 2, 2, "2", err))
        return err->code;
    bool try_mode = strcmp(def->name, "try_element_at") == 0;
    fn_idx_state *s = em_arena_calloc(a, 1, sizeof *s);
    s->fail_on_error = !try_mode && opts && opts->ansi;
    const ty *l = call->args[0]->type, *r = call->args[1]->type;
    if (l->kind == TY_ARRAY && ty_is_integral(r) && r->kind != TY_LONG)
        fn_cast_arg(a, call, 1, ty_int());
    if (l->kind == TY_MAP) {
        const ty *c = fn_coll_tightest(l->key, r, a);
        if (c && !ty_equals(c, l->key))
            fn_cast_arg(a, call, 0, ty_map(a, c, l->value, l->value_contains_null));
        if (c)
            fn_cast_arg(a, call, 1, c);
    }
    l = call->args[0]->type;
    r = call->args[1]->type;
    if (l->kind == TY_ARRAY && r->kind != TY_INT)
        return fn_coll_err_input(call, 1, "\"INT\"", err);
    if (l->kind == TY_MAP && !ty_equals_ignore_nullability(l->key, r))
        return fn_coll_err_diff(a, call, "MAP_FUNCTION_DIFF_TYPES", l, r, err);
    if (l->kind != TY_ARRAY && l->kind != TY_MAP)
        return fn_coll_err_input(call, 0, "(\"ARRAY\" or \"MAP\")", err);
    call->fn_state = s;
    call->type = l->kind == TY_ARRAY ? l->elem : l->value;
    call->nullable = l->kind == TY_MAP
                         ? true
                         : fn_idx_nullable(call->args[0], call->args[1], s->fail_on_error, true);
    return EM_OK;
}

static int fn_bind_get(const fn_def *def, em_arena *a, pl_expr *call, const pl_session_opts *opts,
                       em_error *err)
{
    if (fn_check_arity(call, 2, 2, "2", err))
        return err->code;
    if (call->args[0]->type->kind != TY_ARRAY)
        return fn_coll_err_input(call, 0, "\"ARRAY\"", err);
    const ty *r = call->args[1]->type;
    if (r->kind != TY_INT && (ty_is_integral(r) || r->kind == TY_NULL || ty_is_string(r)))
        fn_cast_arg(a, call, 1, ty_int());
    if (call->args[1]->type->kind != TY_INT)
        return fn_coll_err_input(call, 1, "\"INT\"", err);
    fn_idx_state *s = em_arena_calloc(a, 1, sizeof *s); /* GetArrayItem(failOnError = false) */
    call->fn_state = s;
    call->type = call->args[0]->type->elem;
    call->nullable = fn_idx_nullable(call->args[0], call->args[1], false, false);
    (void)def;
    (void)opts;
    return EM_OK;
}

/* ---- kernels -------------------------------------------------------------------------------- */

static int fn_err_index(const char *cls, int64_t index, int64_t size, em_error *err)
{
    char iv[32], sz[32];
    snprintf(iv, sizeof iv, "%d", (int32_t)index);
    snprintf(sz, sizeof sz, "%lld", (long long)size);
    return em_error_set(err, cls, "indexValue", iv, "arraySize", sz, NULL);
}

/* Row r's map value for key (key_vec, kr); -1 when absent. */
static int64_t fn_map_find(const vec *map, int64_t r, const vec *key, int64_t kr)
{
    const vec *keys = map->children[0];
    for (int32_t k = fn_list_start(map, r); k < map->offsets[r + 1]; k++)
        if (!fn_cell_null(keys, k) && ty_compare(keys, k, key, kr) == 0)
            return k;
    return -1;
}

static int fn_eval_element_at(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx,
                              vec **out, em_error *err)
{
    const fn_idx_state *s = call->fn_state;
    bool fail = s && s->fail_on_error;
    bool one_based = strcmp(call->fn->name, "get") != 0;
    const vec *base = args[0], *key = args[1];
    vec *o = vec_new(call->type, n);
    for (int64_t r = 0; r < n; r++) {
        if (fn_cell_null(base, r) || fn_cell_null(key, r)) {
            vec_append_null(o);
            continue;
        }
        const vec *src = base->type->kind == TY_MAP ? base->children[1] : base->children[0];
        int64_t at = -1;
        if (base->type->kind == TY_MAP) {
            at = fn_map_find(base, r, key, r);
        } else {
            int64_t len = fn_list_len(base, r), idx = (int32_t)fn_idx_get(key, r);
            if (one_based) {
                if (len < (idx < 0 ? -idx : idx)) {
                    if (fail) {
                        vec_release(o);
                        return fn_err_index("INVALID_ARRAY_INDEX_IN_ELEMENT_AT", idx, len, err);
                    }
                } else if (idx == 0) {
                    vec_release(o);
                    return em_error_set(err, "INVALID_INDEX_OF_ZERO", NULL);
                } else {
                    at = fn_list_start(base, r) + (idx > 0 ? idx - 1 : len + idx);
                }
            } else if (idx >= 0 && idx < len) {
                at = fn_list_start(base, r) + idx;
            }
        }
        if (fn_vec_append_or_null(o, at < 0 ? NULL : src, at, err)) {
            vec_release(o);
            return err->code;
        }
    }
    *out = o;
    (void)ctx;
    return EM_OK;
}

int fn_extract_value(const pl_expr *e, const vec *base, const vec *key, int64_t n, fn_ctx *ctx,
                     vec **out, em_error *err)
{
    *out = NULL;
    vec *o = vec_new(e->type, n);
    int rc = EM_OK;
    if (base->type->kind == TY_ARRAY && e->ordinal >= 0) {
        /* GetArrayStructFields: that field of every element (NULL for a NULL element) */
        for (int64_t r = 0; r < n && rc == EM_OK; r++) {
            if (fn_cell_null(base, r)) {
                vec_append_null(o);
                continue;
            }
            const vec *st = base->children[0];
            for (int32_t k = fn_list_start(base, r); k < base->offsets[r + 1] && rc == EM_OK; k++)
                rc = fn_vec_append_or_null(
                    o->children[0], fn_cell_null(st, k) ? NULL : st->children[e->ordinal], k, err);
            if (rc == EM_OK)
                fn_list_close(o);
        }
    } else if (base->type->kind == TY_ARRAY) {
        bool fail = ctx && ctx->opts && ctx->opts->ansi;
        for (int64_t r = 0; r < n && rc == EM_OK; r++) {
            if (fn_cell_null(base, r) || fn_cell_null(key, r)) {
                vec_append_null(o);
                continue;
            }
            int64_t len = fn_list_len(base, r), idx = (int32_t)fn_idx_get(key, r);
            if (idx < 0 || idx >= len) {
                if (fail)
                    rc = fn_err_index("INVALID_ARRAY_INDEX", idx, len, err);
                else
                    vec_append_null(o);
                continue;
            }
            rc = fn_vec_append_or_null(o, base->children[0], fn_list_start(base, r) + idx, err);
        }
    } else if (base->type->kind == TY_MAP) {
        vec *k2 = NULL;
        if (!ty_equals_ignore_nullability(key->type, base->type->key) &&
            key->type->kind != TY_NULL) {
            /* GetMapValue casts the key to the map's key type */
            rc = ty_cast_vec(key, base->type->key, PX_EVAL_TRY, ctx ? ctx->opts : NULL, &k2, err);
            key = k2;
        }
        for (int64_t r = 0; r < n && rc == EM_OK; r++) {
            int64_t at =
                fn_cell_null(base, r) || fn_cell_null(key, r) ? -1 : fn_map_find(base, r, key, r);
            rc = fn_vec_append_or_null(o, at < 0 ? NULL : base->children[1], at, err);
        }
        vec_release(k2);
    } else {
        rc = em_error_internal(err, "extraction from a %d-kind value", (int)base->type->kind);
    }
    if (rc) {
        vec_release(o);
        return rc;
    }
    *out = o;
    return EM_OK;
}

#define FN_IDX(nm, b)                                                                              \
    {                                                                                              \
        .name = nm, .kind = FN_SCALAR, .min_args = 2, .max_args = 2, .bind = b,                    \
        .eval = fn_eval_element_at, .deterministic = true                                          \
    }

const fn_def fn_array_index_defs[] = {
    FN_IDX("element_at", fn_bind_element_at),
    FN_IDX("try_element_at", fn_bind_element_at),
    FN_IDX("get", fn_bind_get),
};
const int fn_array_index_n_defs = (int)(sizeof fn_array_index_defs / sizeof fn_array_index_defs[0]);
