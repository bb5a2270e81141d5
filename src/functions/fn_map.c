/*
 * fn_map: map functions: map (create_map), map_from_arrays, map_from_entries, map_concat,
 * str_to_map, map_keys, map_values, map_entries, map_contains_key.
 *
 * Every map built here goes through the map builder (fn_coll.h), which applies Spark's
 * ArrayBasedMapBuilder rules: a NULL key raises NULL_MAP_KEY, a repeated key raises
 * DUPLICATED_MAP_KEY unless spark.sql.mapKeyDedupPolicy is LAST_WIN (then the last value wins
 * at the first key's position), float keys are normalized. Key types that are or contain maps
 * are rejected at bind time (INVALID_MAP_KEY_TYPE).
 */
#include <stdio.h>
#include <string.h>

#include "functions/fn_coll.h"
#include "functions/fn_misc_int.h"
#include "types/ty_cast.h"

static int fn_map_fail(vec *o, fn_map_builder *b, em_error *err)
{
    vec_release(o);
    if (b)
        fn_mapb_release(b);
    return err && err->code ? err->code : EM_EINTERNAL;
}

/* "[\"INT\", \"STRING\"]": the types of args from, from + step, ... */
static const char *fn_map_type_list(em_arena *a, const pl_expr *call, int from, int step)
{
    em_str s;
    em_str_init(&s, 0);
    em_str_putc(&s, '[');
    for (int k = from; k < call->n_args; k += step) {
        if (k > from)
            em_str_puts(&s, ", ");
        ty_sql_type_quoted(call->args[k]->type, &s);
    }
    em_str_putc(&s, ']');
    const char *r = em_arena_strdup(a, s.data ? s.data : "");
    em_str_release(&s);
    return r;
}

static const char *fn_map_sql(em_arena *a, const pl_expr *call)
{
    em_str s;
    em_str_init(&s, 0);
    em_str_putc(&s, '"');
    fn_expr_sql(call, &s);
    em_str_putc(&s, '"');
    const char *r = em_arena_strdup(a, s.data ? s.data : "");
    em_str_release(&s);
    return r;
}

/* Casts args from, from + step, ... to their wider common type when they differ; returns the
   common type (merged nullability), or NULL when they still differ. */
static const ty *fn_map_unify(em_arena *a, pl_expr *call, int from, int step, bool ansi)
{
    int n = 0;
    const ty **types = em_arena_calloc(a, (size_t)call->n_args + 1, sizeof *types);
    for (int k = from; k < call->n_args; k += step)
        types[n++] = call->args[k]->type;
    bool same = true;
    for (int k = 1; k < n; k++)
        if (!ty_equals_ignore_nullability(types[k], types[0]))
            same = false;
    if (!same) {
        const ty *w = fn_coll_wider_common(n, types, ansi, a);
        if (w)
            for (int k = from; k < call->n_args; k += step)
                if (!ty_equals_ignore_nullability(call->args[k]->type, w))
                    fn_cast_arg(a, call, k, w);
    }
    const ty *t = n ? call->args[from]->type : ty_null();
    for (int k = from + step; k < call->n_args; k += step) {
        if (!ty_equals_ignore_nullability(call->args[k]->type, t))
            return NULL;
        t = fn_coll_merge_nullability(a, t, call->args[k]->type);
    }
    return t;
}

/* ---- map(k1, v1, ...) ---------------------------------------------------------------------- */

static int fn_bind_map(const fn_def *def, em_arena *a, pl_expr *call, const pl_session_opts *opts,
                       em_error *err)
{
    if (call->n_args % 2 != 0)
        return fn_check_arity(call, call->n_args + 1, call->n_args + 1, "2n (n > 0)", err);
    bool ansi = opts && opts->ansi;
    const ty *kt = fn_map_unify(a, call, 0, 2, ansi);
    if (!kt)
        return em_error_set(err, "DATATYPE_MISMATCH.CREATE_MAP_KEY_DIFF_TYPES", "sqlExpr",
                            fn_map_sql(a, call), "functionName", "`map`", "dataType",
                            fn_map_type_list(a, call, 0, 2), NULL);
    const ty *vt = fn_map_unify(a, call, 1, 2, ansi);
    if (!vt)
        return em_error_set(err, "DATATYPE_MISMATCH.CREATE_MAP_VALUE_DIFF_TYPES", "sqlExpr",
                            fn_map_sql(a, call), "functionName", "`map`", "dataType",
                            fn_map_type_list(a, call, 1, 2), NULL);
    if (fn_coll_check_map_key(a, call, kt, err))
        return err->code;
    bool vnull = false;
    for (int k = 1; k < call->n_args; k += 2)
        vnull = vnull || call->args[k]->nullable;
    call->type = ty_map(a, kt, vt, vnull);
    call->nullable = false;
    (void)def;
    return EM_OK;
}

static int fn_eval_map(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx, vec **out,
                       em_error *err)
{
    vec *o = vec_new(call->type, n);
    fn_map_builder b;
    fn_mapb_init(&b, ctx ? ctx->opts : NULL);
    for (int64_t r = 0; r < n; r++) {
        for (int k = 0; k + 1 < call->n_args; k += 2)
            if (fn_mapb_put(&b, args[k], r, fn_cell_null(args[k + 1], r) ? NULL : args[k + 1], r,
                            err))
                return fn_map_fail(o, &b, err);
        if (fn_mapb_emit(&b, o, err))
            return fn_map_fail(o, &b, err);
    }
    fn_mapb_release(&b);
    *out = o;
    return EM_OK;
}

/* ---- map_from_arrays ------------------------------------------------------------------------ */

static int fn_bind_map_from_arrays(const fn_def *def, em_arena *a, pl_expr *call,
                                   const pl_session_opts *opts, em_error *err)
{
    if (fn_check_arity(call, 2, 2, "2", err))
        return err->code;
    for (int k = 0; k < 2; k++)
        fn_coll_null_to_array(a, call, k);
    for (int k = 0; k < 2; k++)
        if (call->args[k]->type->kind != TY_ARRAY)
            return fn_coll_err_input(call, k, "\"ARRAY\"", err);
    const ty *kt = call->args[0]->type->elem, *vt = call->args[1]->type;
    if (fn_coll_check_map_key(a, call, kt, err))
        return err->code;
    call->type = ty_map(a, kt, vt->elem, vt->contains_null);
    call->nullable = fn_any_nullable(call);
    (void)def;
    (void)opts;
    return EM_OK;
}

static int fn_eval_map_from_arrays(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx,
                                   vec **out, em_error *err)
{
    vec *o = vec_new(call->type, n);
    fn_map_builder b;
    fn_mapb_init(&b, ctx ? ctx->opts : NULL);
    for (int64_t r = 0; r < n; r++) {
        if (fn_cell_null(args[0], r) || fn_cell_null(args[1], r)) {
            vec_append_null(o);
            continue;
        }
        int32_t len = fn_list_len(args[0], r);
        if (len != fn_list_len(args[1], r)) {
            em_error_set(err, "_LEGACY_ERROR_TEMP_2128", NULL);
            return fn_map_fail(o, &b, err);
        }
        int32_t ks = fn_list_start(args[0], r), vs = fn_list_start(args[1], r);
        const vec *vals = args[1]->children[0];
        for (int32_t k = 0; k < len; k++)
            if (fn_mapb_put(&b, args[0]->children[0], ks + k,
                            fn_cell_null(vals, vs + k) ? NULL : vals, vs + k, err))
                return fn_map_fail(o, &b, err);
        if (fn_mapb_emit(&b, o, err))
            return fn_map_fail(o, &b, err);
    }
    fn_mapb_release(&b);
    *out = o;
    return EM_OK;
}

/* ---- map_from_entries ----------------------------------------------------------------------- */

static int fn_bind_map_from_entries(const fn_def *def, em_arena *a, pl_expr *call,
                                    const pl_session_opts *opts, em_error *err)
{
    if (fn_check_arity(call, 1, 1, "1", err))
        return err->code;
    const ty *t = call->args[0]->type;
    if (t->kind != TY_ARRAY || t->elem->kind != TY_STRUCT || t->elem->n_fields != 2)
        return fn_coll_err_input(call, 0, "\"ARRAY\" of pair \"STRUCT\"", err);
    const ty *st = t->elem;
    if (fn_coll_check_map_key(a, call, st->fields[0].type, err))
        return err->code;
    call->type = ty_map(a, st->fields[0].type, st->fields[1].type, st->fields[1].nullable);
    call->nullable = call->args[0]->nullable || t->contains_null;
    (void)def;
    (void)opts;
    return EM_OK;
}

static int fn_eval_map_from_entries(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx,
                                    vec **out, em_error *err)
{
    vec *o = vec_new(call->type, n);
    fn_map_builder b;
    fn_mapb_init(&b, ctx ? ctx->opts : NULL);
    for (int64_t r = 0; r < n; r++) {
        bool is_null = fn_cell_null(args[0], r);
        const vec *st = is_null ? NULL : args[0]->children[0];
        int32_t s = is_null ? 0 : fn_list_start(args[0], r),
                e = is_null ? 0 : args[0]->offsets[r + 1];
        for (int32_t k = s; k < e && !is_null; k++)
            is_null = fn_cell_null(st, k);
        if (is_null) {
            vec_append_null(o);
            continue;
        }
        for (int32_t k = s; k < e; k++) {
            const vec *vv = st->children[1];
            if (fn_mapb_put(&b, st->children[0], k, fn_cell_null(vv, k) ? NULL : vv, k, err))
                return fn_map_fail(o, &b, err);
        }
        if (fn_mapb_emit(&b, o, err))
            return fn_map_fail(o, &b, err);
    }
    fn_mapb_release(&b);
    *out = o;
    return EM_OK;
}

/* ---- map_concat ----------------------------------------------------------------------------- */

static int fn_bind_map_concat(const fn_def *def, em_arena *a, pl_expr *call,
                              const pl_session_opts *opts, em_error *err)
{
    for (int k = 0; k < call->n_args; k++)
        if (call->args[k]->type->kind != TY_MAP)
            return em_error_set(err, "DATATYPE_MISMATCH.MAP_CONCAT_DIFF_TYPES", "sqlExpr",
                                fn_map_sql(a, call), "functionName", "`map_concat`", "dataType",
                                fn_map_type_list(a, call, 0, 1), NULL);
    const ty *t = call->n_args ? fn_map_unify(a, call, 0, 1, opts && opts->ansi)
                               : ty_map(a, ty_string(), ty_string(), true);
    if (!t)
        return fn_coll_err_data_diff(a, call, 0, 1, err);
    if (fn_coll_check_map_key(a, call, t->key, err))
        return err->code;
    call->type = t;
    call->nullable = fn_any_nullable(call);
    (void)def;
    return EM_OK;
}

static int fn_eval_map_concat(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx,
                              vec **out, em_error *err)
{
    vec *o = vec_new(call->type, n);
    fn_map_builder b;
    fn_mapb_init(&b, ctx ? ctx->opts : NULL);
    for (int64_t r = 0; r < n; r++) {
        bool is_null = false;
        for (int k = 0; k < call->n_args; k++)
            is_null = is_null || fn_cell_null(args[k], r);
        if (is_null) {
            vec_append_null(o);
            continue;
        }
        for (int k = 0; k < call->n_args; k++) {
            const vec *m = args[k];
            for (int32_t e = fn_list_start(m, r); e < m->offsets[r + 1]; e++)
                if (fn_mapb_put(&b, m->children[0], e,
                                fn_cell_null(m->children[1], e) ? NULL : m->children[1], e, err))
                    return fn_map_fail(o, &b, err);
        }
        if (fn_mapb_emit(&b, o, err))
            return fn_map_fail(o, &b, err);
    }
    fn_mapb_release(&b);
    *out = o;
    return EM_OK;
}

/* ---- str_to_map ----------------------------------------------------------------------------- */

static int fn_bind_str_to_map(const fn_def *def, em_arena *a, pl_expr *call,
                              const pl_session_opts *opts, em_error *err)
{
    if (fn_check_arity(call, 1, 3, "[1, 2, 3]", err))
        return err->code;
    /* StringToMap(text, Literal(","), Literal(":")): the defaults show in the name */
    if (call->n_args < 2)
        fn_coll_append_arg(a, call, pl_lit_string(a, ",", 1));
    if (call->n_args < 3)
        fn_coll_append_arg(a, call, pl_lit_string(a, ":", 1));
    for (int k = 0; k < 3; k++)
        fn_coll_null_to(a, call, k, ty_string());
    for (int k = 0; k < 3; k++)
        if (!ty_is_string(call->args[k]->type))
            return fn_coll_err_input(call, k, "\"STRING\"", err);
    call->type = ty_map(a, call->args[0]->type, call->args[0]->type, true);
    call->nullable = fn_any_nullable(call);
    (void)def;
    (void)opts;
    return EM_OK;
}

/* The next piece of s[*pos..len) up to the delimiter d (literal; empty: the rest), as Java's
   split with a negative limit cuts (trailing empty pieces kept); false when no piece is left.
   *done is set once the last piece is returned. */
static bool fn_split_next(const char *s, int32_t len, const char *d, int32_t dl, int32_t *pos,
                          int32_t *piece_len, bool *done)
{
    if (*done)
        return false;
    int32_t p = *pos;
    if (dl > 0)
        for (int32_t i = p; i + dl <= len; i++)
            if (memcmp(s + i, d, (size_t)dl) == 0) {
                *piece_len = i - p;
                *pos = i + dl;
                return true;
            }
    *piece_len = len - p;
    *pos = len;
    *done = true;
    return true;
}

static int fn_eval_str_to_map(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx,
                              vec **out, em_error *err)
{
    vec *o = vec_new(call->type, n);
    /* the split pieces live in two scratch string vectors, referenced by the builder */
    vec *keys = vec_new(call->type->key, 0), *vals = vec_new(call->type->value, 0);
    fn_map_builder b;
    fn_mapb_init(&b, ctx ? ctx->opts : NULL);
    int rc = EM_OK;
    for (int64_t r = 0; r < n && rc == EM_OK; r++) {
        if (fn_cell_null(args[0], r) || fn_cell_null(args[1], r) || fn_cell_null(args[2], r)) {
            vec_append_null(o);
            continue;
        }
        int32_t tl, pl, kl;
        const char *t = vec_str(args[0], r, &tl);
        const char *pd = vec_str(args[1], r, &pl);
        const char *kd = vec_str(args[2], r, &kl);
        int32_t pos = 0, len;
        bool done = false;
        /* keys / values of one row: the builder keeps (vector, row) references to them */
        keys->len = vals->len = 0;
        keys->bytes_len = vals->bytes_len = 0;
        int32_t start = 0;
        while (rc == EM_OK && fn_split_next(t, tl, pd, pl, &pos, &len, &done)) {
            const char *kv = t + start;
            start = pos;
            int32_t kpos = 0, klen;
            bool kdone = false;
            fn_split_next(kv, len, kd, kl, &kpos, &klen, &kdone);
            rc = vec_append_str(keys, kv, klen, err);
            if (rc == EM_OK && !kdone)
                rc = vec_append_str(vals, kv + kpos, len - kpos, err);
            else if (rc == EM_OK)
                vec_append_null(vals);
            if (rc == EM_OK)
                rc = fn_mapb_put(&b, keys, keys->len - 1,
                                 fn_cell_null(vals, vals->len - 1) ? NULL : vals, vals->len - 1,
                                 err);
        }
        if (rc == EM_OK)
            rc = fn_mapb_emit(&b, o, err);
        else
            fn_mapb_reset(&b);
    }
    fn_mapb_release(&b);
    vec_release(keys);
    vec_release(vals);
    if (rc) {
        vec_release(o);
        return rc;
    }
    *out = o;
    return EM_OK;
}

/* ---- map_keys / map_values / map_entries / map_contains_key --------------------------------- */

static int fn_bind_map_part(const fn_def *def, em_arena *a, pl_expr *call,
                            const pl_session_opts *opts, em_error *err)
{
    if (fn_check_arity(call, 1, 1, "1", err))
        return err->code;
    fn_coll_null_to(a, call, 0, ty_map(a, ty_null(), ty_null(), true));
    const ty *t = call->args[0]->type;
    if (t->kind != TY_MAP)
        return fn_coll_err_input(call, 0, "\"MAP\"", err);
    if (strcmp(def->name, "map_keys") == 0) {
        call->type = ty_array(a, t->key, true);
    } else if (strcmp(def->name, "map_values") == 0) {
        call->type = ty_array(a, t->value, true);
    } else {
        ty_field f[2] = {{.name = "key", .type = t->key, .nullable = false},
                         {.name = "value", .type = t->value, .nullable = t->value_contains_null}};
        call->type = ty_array(a, ty_struct(a, 2, f), false);
    }
    call->nullable = call->args[0]->nullable;
    (void)opts;
    return EM_OK;
}

static int fn_eval_map_part(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx,
                            vec **out, em_error *err)
{
    const char *name = call->fn->name;
    const vec *m = args[0];
    vec *o = vec_new(call->type, n);
    vec *el = o->children[0];
    for (int64_t r = 0; r < n; r++) {
        if (fn_cell_null(m, r)) {
            vec_append_null(o);
            continue;
        }
        int32_t s = fn_list_start(m, r), len = fn_list_len(m, r);
        int rc;
        if (strcmp(name, "map_keys") == 0) {
            rc = fn_vec_append_range(el, m->children[0], s, len, err);
        } else if (strcmp(name, "map_values") == 0) {
            rc = fn_vec_append_range(el, m->children[1], s, len, err);
        } else {
            rc = fn_vec_append_range(el->children[0], m->children[0], s, len, err);
            if (rc == EM_OK)
                rc = fn_vec_append_range(el->children[1], m->children[1], s, len, err);
            if (rc == EM_OK) {
                vec_reserve(el, el->len + len);
                for (int32_t k = 0; k < len; k++)
                    vec_set_valid(el, el->len + k);
                el->len += len;
            }
        }
        if (rc)
            return fn_map_fail(o, NULL, err);
        fn_list_close(o);
    }
    *out = o;
    (void)ctx;
    return EM_OK;
}

static int fn_bind_map_contains_key(const fn_def *def, em_arena *a, pl_expr *call,
                                    const pl_session_opts *opts, em_error *err)
{
    if (fn_check_arity(call, 2, 2, "2", err))
        return err->code;
    const ty *m = call->args[0]->type, *k = call->args[1]->type;
    if (k->kind == TY_NULL)
        return fn_coll_err_null_type(a, call, err);
    if (m->kind == TY_MAP) {
        const ty *w = fn_coll_wider_no_string(m->key, k, a);
        if (w) {
            if (!ty_equals(w, m->key))
                fn_cast_arg(a, call, 0, ty_map(a, w, m->value, m->value_contains_null));
            fn_cast_arg(a, call, 1, w);
        }
    }
    m = call->args[0]->type;
    k = call->args[1]->type;
    if (m->kind != TY_MAP || !ty_equals_ignore_nullability(m->key, k))
        return fn_coll_err_diff(a, call, "MAP_FUNCTION_DIFF_TYPES", m, k, err);
    if (!fn_type_orderable(k))
        return fn_coll_err_ordering(a, call, k, err);
    call->type = ty_boolean();
    call->nullable = true; /* ArrayContains(MapKeys(map), key): MapKeys may contain NULL */
    (void)def;
    (void)opts;
    return EM_OK;
}

static int fn_eval_map_contains_key(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx,
                                    vec **out, em_error *err)
{
    const vec *m = args[0], *k = args[1];
    vec *o = fn_vec_fixed(ty_boolean(), n);
    for (int64_t r = 0; r < n; r++) {
        if (fn_cell_null(m, r) || fn_cell_null(k, r)) {
            vec_set_null(o, r);
            continue;
        }
        for (int32_t e = fn_list_start(m, r); e < m->offsets[r + 1]; e++)
            if (ty_compare(m->children[0], e, k, r) == 0) {
                VEC_VALUES(o, uint8_t)[r] = 1;
                break;
            }
    }
    *out = o;
    (void)call;
    (void)ctx;
    (void)err;
    return EM_OK;
}

#define FN_MAP(nm, mn, mx, b, e)                                                                   \
    {                                                                                              \
        .name = nm, .kind = FN_SCALAR, .min_args = mn, .max_args = mx, .bind = b, .eval = e,       \
        .deterministic = true                                                                      \
    }

const fn_def fn_map_defs[] = {
    FN_MAP("map", 0, -1, fn_bind_map, fn_eval_map),
    FN_MAP("map_from_arrays", 2, 2, fn_bind_map_from_arrays, fn_eval_map_from_arrays),
    FN_MAP("map_from_entries", 1, 1, fn_bind_map_from_entries, fn_eval_map_from_entries),
    FN_MAP("map_concat", 0, -1, fn_bind_map_concat, fn_eval_map_concat),
    FN_MAP("str_to_map", 1, 3, fn_bind_str_to_map, fn_eval_str_to_map),
    FN_MAP("map_keys", 1, 1, fn_bind_map_part, fn_eval_map_part),
    FN_MAP("map_values", 1, 1, fn_bind_map_part, fn_eval_map_part),
    FN_MAP("map_entries", 1, 1, fn_bind_map_part, fn_eval_map_part),
    FN_MAP("map_contains_key", 2, 2, fn_bind_map_contains_key, fn_eval_map_contains_key),
};
const int fn_map_n_defs = (int)(sizeof fn_map_defs / sizeof fn_map_defs[0]);
