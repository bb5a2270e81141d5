/*
 * fn_array: building and editing arrays: array, array_contains, array_position, array_remove,
 * size / cardinality / array_size, array_compact, array_append / array_prepend / array_insert,
 * slice, array_repeat, flatten, reverse (strings too), arrays_zip.
 *
 * Binding follows each Spark expression's inputTypes / checkInputDataTypes: the element type
 * and the value are brought to a common type (findTightestCommonType, or
 * findWiderTypeWithoutStringPromotion for array_contains) with implicit casts, then checked;
 * mismatches raise DATATYPE_MISMATCH.* with Spark's parameters. Element equality is Spark's
 * interpreted ordering (ty_compare: NaN equals NaN, -0.0 equals 0.0). Indexes are 1-based
 * where Spark's are (array_insert, slice).
 */
#include <stdio.h>
#include <string.h>

#include "common/em_mem.h"
#include "functions/fn_coll.h"
#include "functions/fn_misc_int.h"

/* Kernel state captured at bind time. */
typedef struct fn_arr_state {
    bool ansi;
    bool legacy_size;     /* size(NULL) = -1 */
    bool legacy_negative; /* array_insert: spark.sql.legacy.negativeIndexInArrayInsert */
} fn_arr_state;

static fn_arr_state *fn_arr_state_new(em_arena *a, const pl_session_opts *opts)
{
    fn_arr_state *s = em_arena_calloc(a, 1, sizeof *s);
    s->ansi = opts && opts->ansi;
    return s;
}

static bool fn_is_array(const pl_expr *e)
{
    return e->type->kind == TY_ARRAY;
}

/* Releases o and returns the error code (kernels' failure path). */
static int fn_arr_fail(vec *o, em_error *err)
{
    vec_release(o);
    return err && err->code ? err->code : EM_EINTERNAL;
}

/* ---- array(...) ----------------------------------------------------------------------------- */

static int fn_bind_array(const fn_def *def, em_arena *a, pl_expr *call, const pl_session_opts *opts,
                         em_error *err)
{
    int n = call->n_args;
    bool same = true;
    for (int k = 1; k < n; k++)
        if (!ty_equals_ignore_nullability(call->args[k]->type, call->args[0]->type))
            same = false;
    if (!same) {
        const ty **types = em_arena_calloc(a, (size_t)n, sizeof *types);
        for (int k = 0; k < n; k++)
            types[k] = call->args[k]->type;
        const ty *w = fn_coll_wider_common(n, types, opts && opts->ansi, a);
        if (w)
            for (int k = 0; k < n; k++)
                if (!ty_equals_ignore_nullability(call->args[k]->type, w))
                    fn_cast_arg(a, call, k, w);
    }
    for (int k = 1; k < n; k++)
        if (!ty_equals_ignore_nullability(call->args[k]->type, call->args[0]->type))
            return fn_coll_err_data_diff(a, call, 0, 1, err);
    const ty *elem = n ? call->args[0]->type : ty_null();
    for (int k = 1; k < n; k++)
        elem = fn_coll_merge_nullability(a, elem, call->args[k]->type);
    call->type = ty_array(a, elem, fn_any_nullable(call));
    call->nullable = false;
    (void)def;
    return EM_OK;
}

static int fn_eval_array(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx, vec **out,
                         em_error *err)
{
    vec *o = vec_new(call->type, n);
    vec *el = o->children[0];
    vec_reserve(el, n * call->n_args);
    for (int64_t r = 0; r < n; r++) {
        for (int k = 0; k < call->n_args; k++)
            if (fn_vec_append_or_null(el, args[k], r, err))
                return fn_arr_fail(o, err);
        fn_list_close(o);
    }
    *out = o;
    (void)ctx;
    return EM_OK;
}

/* ---- array_contains / array_position / array_remove ----------------------------------------- */

/*
 * (array, value) functions: the common element type (wider without string promotion for
 * array_contains, tightest for the others) is applied to both sides, then the types must agree
 * and be orderable.
 */
static int fn_bind_array_value(em_arena *a, pl_expr *call, bool null_check, bool wider,
                               em_error *err)
{
    if (fn_check_arity(call, 2, 2, "2", err))
        return err->code;
    const ty *l = call->args[0]->type, *r = call->args[1]->type;
    if (null_check && (l->kind == TY_NULL || r->kind == TY_NULL))
        return fn_coll_err_null_type(a, call, err);
    if (null_check && l->kind != TY_ARRAY)
        return fn_coll_err_input(call, 0, "\"ARRAY\"", err);
    if (l->kind == TY_ARRAY) {
        const ty *c =
            wider ? fn_coll_wider_no_string(l->elem, r, a) : fn_coll_tightest(l->elem, r, a);
        if (c) {
            fn_coll_cast_elem(a, call, 0, c);
            fn_cast_arg(a, call, 1, c);
        }
    }
    l = call->args[0]->type;
    r = call->args[1]->type;
    if (l->kind != TY_ARRAY || !ty_equals_ignore_nullability(l->elem, r))
        return fn_coll_err_diff(a, call, "ARRAY_FUNCTION_DIFF_TYPES", l, r, err);
    if (!fn_type_orderable(r))
        return fn_coll_err_ordering(a, call, r, err);
    return EM_OK;
}

static int fn_bind_array_contains(const fn_def *def, em_arena *a, pl_expr *call,
                                  const pl_session_opts *opts, em_error *err)
{
    if (fn_bind_array_value(a, call, true, true, err))
        return err->code;
    call->type = ty_boolean();
    call->nullable =
        call->args[0]->nullable || call->args[1]->nullable || call->args[0]->type->contains_null;
    (void)def;
    (void)opts;
    return EM_OK;
}

static int fn_eval_array_contains(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx,
                                  vec **out, em_error *err)
{
    const vec *arr = args[0], *val = args[1];
    vec *o = fn_vec_fixed(ty_boolean(), n);
    uint8_t *res = VEC_VALUES(o, uint8_t);
    for (int64_t r = 0; r < n; r++) {
        if (fn_cell_null(arr, r) || fn_cell_null(val, r)) {
            vec_set_null(o, r);
            continue;
        }
        const vec *el = arr->children[0];
        bool found = false, has_null = false;
        for (int32_t k = fn_list_start(arr, r); k < arr->offsets[r + 1] && !found; k++) {
            if (fn_cell_null(el, k))
                has_null = true;
            else if (ty_compare(el, k, val, r) == 0)
                found = true;
        }
        res[r] = found;
        if (!found && has_null)
            vec_set_null(o, r);
    }
    *out = o;
    (void)call;
    (void)ctx;
    (void)err;
    return EM_OK;
}

static int fn_bind_array_position(const fn_def *def, em_arena *a, pl_expr *call,
                                  const pl_session_opts *opts, em_error *err)
{
    if (fn_bind_array_value(a, call, true, false, err))
        return err->code;
    call->type = ty_long();
    call->nullable = fn_any_nullable(call);
    (void)def;
    (void)opts;
    return EM_OK;
}

static int fn_eval_array_position(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx,
                                  vec **out, em_error *err)
{
    const vec *arr = args[0], *val = args[1];
    vec *o = fn_vec_fixed(ty_long(), n);
    int64_t *res = VEC_VALUES(o, int64_t);
    for (int64_t r = 0; r < n; r++) {
        if (fn_cell_null(arr, r) || fn_cell_null(val, r)) {
            vec_set_null(o, r);
            continue;
        }
        const vec *el = arr->children[0];
        int32_t s = fn_list_start(arr, r), e = arr->offsets[r + 1];
        for (int32_t k = s; k < e; k++)
            if (!fn_cell_null(el, k) && ty_compare(el, k, val, r) == 0) {
                res[r] = k - s + 1;
                break;
            }
    }
    *out = o;
    (void)call;
    (void)ctx;
    (void)err;
    return EM_OK;
}

static int fn_bind_array_remove(const fn_def *def, em_arena *a, pl_expr *call,
                                const pl_session_opts *opts, em_error *err)
{
    if (fn_bind_array_value(a, call, false, false, err))
        return err->code;
    call->type = call->args[0]->type;
    call->nullable = fn_any_nullable(call);
    (void)def;
    (void)opts;
    return EM_OK;
}

static int fn_eval_array_remove(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx,
                                vec **out, em_error *err)
{
    const vec *arr = args[0], *val = args[1];
    vec *o = vec_new(call->type, n);
    for (int64_t r = 0; r < n; r++) {
        if (fn_cell_null(arr, r) || fn_cell_null(val, r)) {
            vec_append_null(o);
            continue;
        }
        const vec *el = arr->children[0];
        for (int32_t k = fn_list_start(arr, r); k < arr->offsets[r + 1]; k++)
            if ((fn_cell_null(el, k) || ty_compare(el, k, val, r) != 0) &&
                vec_append_from(o->children[0], el, k, err))
                return fn_arr_fail(o, err);
        fn_list_close(o);
    }
    *out = o;
    (void)ctx;
    return EM_OK;
}

/* ---- size / cardinality / array_size ------------------------------------------------------------
 */

static int fn_bind_size(const fn_def *def, em_arena *a, pl_expr *call, const pl_session_opts *opts,
                        em_error *err)
{
    if (fn_check_arity(call, 1, 1, "1", err))
        return err->code;
    bool array_only = strcmp(def->name, "array_size") == 0;
    fn_arr_state *s = fn_arr_state_new(a, opts);
    fn_coll_null_to_array(a, call, 0); /* TypeCollection(ArrayType, MapType): ARRAY<VOID> */
    ty_kind k = call->args[0]->type->kind;
    if (k != TY_ARRAY && (array_only || k != TY_MAP))
        return fn_coll_err_input(call, 0, array_only ? "\"ARRAY\"" : "(\"ARRAY\" or \"MAP\")", err);
    /* Size(child, legacySizeOfNull): -1 for NULL unless ANSI (spark.sql.legacy.sizeOfNull) */
    s->legacy_size = !array_only && !s->ansi;
    call->fn_state = s;
    call->type = ty_int();
    call->nullable = s->legacy_size ? false : call->args[0]->nullable;
    return EM_OK;
}

static int fn_eval_size(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx, vec **out,
                        em_error *err)
{
    const fn_arr_state *s = call->fn_state;
    vec *o = fn_vec_fixed(ty_int(), n);
    int32_t *res = VEC_VALUES(o, int32_t);
    for (int64_t r = 0; r < n; r++) {
        if (fn_cell_null(args[0], r)) {
            if (s && s->legacy_size)
                res[r] = -1;
            else
                vec_set_null(o, r);
            continue;
        }
        res[r] = fn_list_len(args[0], r);
    }
    *out = o;
    (void)ctx;
    (void)err;
    return EM_OK;
}

/* ---- array_compact ------------------------------------------------------------------------- */

static int fn_bind_array_compact(const fn_def *def, em_arena *a, pl_expr *call,
                                 const pl_session_opts *opts, em_error *err)
{
    if (fn_check_arity(call, 1, 1, "1", err))
        return err->code;
    fn_coll_null_to_array(a, call, 0);
    if (!fn_is_array(call->args[0]))
        return fn_coll_err_input(call, 0, "\"ARRAY\"", err);
    /* KnownNotContainsNull(ArrayFilter(child, x -> x IS NOT NULL)) */
    call->type = ty_array(a, call->args[0]->type->elem, false);
    call->nullable = call->args[0]->nullable;
    (void)def;
    (void)opts;
    return EM_OK;
}

static int fn_eval_array_compact(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx,
                                 vec **out, em_error *err)
{
    const vec *arr = args[0];
    vec *o = vec_new(call->type, n);
    for (int64_t r = 0; r < n; r++) {
        if (fn_cell_null(arr, r)) {
            vec_append_null(o);
            continue;
        }
        const vec *el = arr->children[0];
        for (int32_t k = fn_list_start(arr, r); k < arr->offsets[r + 1]; k++)
            if (!fn_cell_null(el, k) && vec_append_from(o->children[0], el, k, err))
                return fn_arr_fail(o, err);
        fn_list_close(o);
    }
    *out = o;
    (void)ctx;
    return EM_OK;
}

/* ---- array_append / array_prepend / array_insert -------------------------------------------- */

/* ArrayPendBase / ArrayInsert: the element and the item meet at their tightest common type. */
static int fn_bind_pend_types(em_arena *a, pl_expr *call, int item, em_error *err)
{
    const ty *l = call->args[0]->type;
    if (l->kind == TY_ARRAY) {
        const ty *c = fn_coll_tightest(l->elem, call->args[item]->type, a);
        if (c) {
            fn_coll_cast_elem(a, call, 0, c);
            fn_cast_arg(a, call, item, c);
        }
    }
    l = call->args[0]->type;
    if (l->kind == TY_ARRAY && ty_equals_ignore_nullability(l->elem, call->args[item]->type))
        return EM_OK;
    if (l->kind != TY_ARRAY && item == 1)
        return fn_coll_err_input(call, 0, "\"ARRAY\"", err);
    return fn_coll_err_diff(a, call, "ARRAY_FUNCTION_DIFF_TYPES", call->args[0]->type,
                            call->args[item]->type, err);
}

static int fn_bind_array_pend(const fn_def *def, em_arena *a, pl_expr *call,
                              const pl_session_opts *opts, em_error *err)
{
    if (fn_check_arity(call, 2, 2, "2", err) || fn_bind_pend_types(a, call, 1, err))
        return err->code;
    call->type = fn_coll_as_nullable(a, call->args[0]->type);
    call->nullable = call->args[0]->nullable;
    (void)def;
    (void)opts;
    return EM_OK;
}

static int fn_eval_array_pend(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx,
                              vec **out, em_error *err)
{
    bool prepend = strcmp(call->fn->name, "array_prepend") == 0;
    const vec *arr = args[0];
    vec *o = vec_new(call->type, n);
    vec *el = o->children[0];
    for (int64_t r = 0; r < n; r++) {
        if (fn_cell_null(arr, r)) {
            vec_append_null(o);
            continue;
        }
        if ((prepend && fn_vec_append_or_null(el, args[1], r, err)) ||
            fn_vec_append_range(el, arr->children[0], fn_list_start(arr, r), fn_list_len(arr, r),
                                err) ||
            (!prepend && fn_vec_append_or_null(el, args[1], r, err)))
            return fn_arr_fail(o, err);
        fn_list_close(o);
    }
    *out = o;
    (void)ctx;
    return EM_OK;
}

static int fn_bind_array_insert(const fn_def *def, em_arena *a, pl_expr *call,
                                const pl_session_opts *opts, em_error *err)
{
    if (fn_check_arity(call, 3, 3, "3", err))
        return err->code;
    const ty *p = call->args[1]->type;
    if (fn_is_array(call->args[0]) && ty_is_integral(p) && p->kind != TY_LONG)
        fn_cast_arg(a, call, 1, ty_int());
    if (fn_is_array(call->args[0]) && call->args[1]->type->kind != TY_INT)
        return fn_coll_err_input(call, 1, "\"INT\"", err);
    if (fn_bind_pend_types(a, call, 2, err))
        return err->code;
    fn_arr_state *s = fn_arr_state_new(a, opts);
    s->legacy_negative = opts && opts->legacy_negative_index_array_insert;
    call->fn_state = s;
    call->type = fn_coll_as_nullable(a, call->args[0]->type);
    call->nullable = call->args[0]->nullable || call->args[1]->nullable;
    (void)def;
    return EM_OK;
}

static int fn_err_array_size(const char *fname, int64_t len, em_error *err)
{
    char num[32];
    snprintf(num, sizeof num, "%lld", (long long)len);
    return em_error_set(err, "COLLECTION_SIZE_LIMIT_EXCEEDED.FUNCTION", "numberOfElements", num,
                        "maxRoundedArrayLength", "2147483632", "functionName", fname, NULL);
}

static int fn_eval_array_insert(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx,
                                vec **out, em_error *err)
{
    const vec *arr = args[0], *pos = args[1], *item = args[2];
    const fn_arr_state *st = call->fn_state;
    int64_t legacy = st && st->legacy_negative ? 1 : 0;
    vec *o = vec_new(call->type, n);
    vec *el = o->children[0];
    for (int64_t r = 0; r < n; r++) {
        if (fn_cell_null(arr, r) || fn_cell_null(pos, r)) {
            vec_append_null(o);
            continue;
        }
        int64_t p = VEC_VALUES(pos, int32_t)[r];
        int64_t len = fn_list_len(arr, r), s = fn_list_start(arr, r);
        if (p == 0) {
            vec_release(o);
            return em_error_set(err, "INVALID_INDEX_OF_ZERO", NULL);
        }
        /* -1 is after the last element (before it under the legacy conf) */
        int64_t at, total, lead_nulls = 0;
        if (p < 0 && -p > len) {
            /* the item first, NULL padding, then the array */
            total = -p + legacy;
            lead_nulls = total - len - 1;
            at = -1;
        } else {
            at = p < 0 ? p + len + 1 - legacy : p - 1;
            total = at + 1 > len + 1 ? at + 1 : len + 1;
        }
        if (total > 2147483632)
            return vec_release(o), fn_err_array_size("`array_insert`", total, err);
        int rc = EM_OK;
        if (at < 0) {
            rc = fn_vec_append_or_null(el, item, r, err);
            for (int64_t k = 0; k < lead_nulls && rc == EM_OK; k++)
                vec_append_null(el);
            if (rc == EM_OK)
                rc = fn_vec_append_range(el, arr->children[0], s, len, err);
        } else if (at <= len) {
            rc = fn_vec_append_range(el, arr->children[0], s, at, err);
            if (rc == EM_OK)
                rc = fn_vec_append_or_null(el, item, r, err);
            if (rc == EM_OK)
                rc = fn_vec_append_range(el, arr->children[0], s + at, len - at, err);
        } else {
            rc = fn_vec_append_range(el, arr->children[0], s, len, err);
            for (int64_t k = len; k < at && rc == EM_OK; k++)
                vec_append_null(el);
            if (rc == EM_OK)
                rc = fn_vec_append_or_null(el, item, r, err);
        }
        if (rc)
            return fn_arr_fail(o, err);
        fn_list_close(o);
    }
    *out = o;
    (void)ctx;
    return EM_OK;
}

/* ---- slice --------------------------------------------------------------------------------- */

static int fn_bind_slice(const fn_def *def, em_arena *a, pl_expr *call, const pl_session_opts *opts,
                         em_error *err)
{
    if (fn_check_arity(call, 3, 3, "3", err))
        return err->code;
    fn_coll_null_to_array(a, call, 0);
    if (!fn_is_array(call->args[0]))
        return fn_coll_err_input(call, 0, "\"ARRAY\"", err);
    bool ansi = opts && opts->ansi;
    if (fn_misc_expect(a, call, 1, FN_W_INT, ansi, err) ||
        fn_misc_expect(a, call, 2, FN_W_INT, ansi, err))
        return err->code;
    call->type = call->args[0]->type;
    call->nullable = fn_any_nullable(call);
    (void)def;
    return EM_OK;
}

static int fn_eval_slice(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx, vec **out,
                         em_error *err)
{
    const vec *arr = args[0];
    vec *o = vec_new(call->type, n);
    for (int64_t r = 0; r < n; r++) {
        if (fn_cell_null(arr, r) || fn_cell_null(args[1], r) || fn_cell_null(args[2], r)) {
            vec_append_null(o);
            continue;
        }
        int64_t start = VEC_VALUES(args[1], int32_t)[r], length = VEC_VALUES(args[2], int32_t)[r];
        int64_t len = fn_list_len(arr, r);
        if (start == 0) {
            vec_release(o);
            return em_error_set(err, "INVALID_PARAMETER_VALUE.START", "parameter", "`start`",
                                "functionName", "`slice`", NULL);
        }
        int64_t at = start < 0 ? start + len : start - 1;
        if (length < 0) {
            char l[32];
            snprintf(l, sizeof l, "%lld", (long long)length);
            vec_release(o);
            return em_error_set(err, "INVALID_PARAMETER_VALUE.LENGTH", "parameter", "`length`",
                                "length", l, "functionName", "`slice`", NULL);
        }
        if (at >= 0 && at < len) {
            int64_t cnt = length < len - at ? length : len - at;
            if (fn_vec_append_range(o->children[0], arr->children[0], fn_list_start(arr, r) + at,
                                    cnt, err))
                return fn_arr_fail(o, err);
        }
        fn_list_close(o);
    }
    *out = o;
    (void)ctx;
    return EM_OK;
}

/* ---- array_repeat -------------------------------------------------------------------------- */

static int fn_bind_array_repeat(const fn_def *def, em_arena *a, pl_expr *call,
                                const pl_session_opts *opts, em_error *err)
{
    if (fn_check_arity(call, 2, 2, "2", err))
        return err->code;
    fn_coll_null_to(a, call, 1, ty_int());
    if (call->args[1]->type->kind != TY_INT) /* ExpectsInputTypes(AnyDataType, IntegerType) */
        return fn_coll_err_input(call, 1, "\"INT\"", err);
    call->type = ty_array(a, call->args[0]->type, call->args[0]->nullable);
    call->nullable = call->args[1]->nullable;
    (void)def;
    (void)opts;
    return EM_OK;
}

static int fn_eval_array_repeat(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx,
                                vec **out, em_error *err)
{
    vec *o = vec_new(call->type, n);
    for (int64_t r = 0; r < n; r++) {
        if (fn_cell_null(args[1], r)) {
            vec_append_null(o);
            continue;
        }
        int32_t count = VEC_VALUES(args[1], int32_t)[r];
        if (count > 2147483632) {
            char num[32];
            snprintf(num, sizeof num, "%d", count);
            vec_release(o);
            return em_error_set(err, "COLLECTION_SIZE_LIMIT_EXCEEDED.PARAMETER", "numberOfElements",
                                num, "functionName", "`array_repeat`", "maxRoundedArrayLength",
                                "2147483632", "parameter", "`count`", NULL);
        }
        for (int32_t k = 0; k < count; k++)
            if (fn_vec_append_or_null(o->children[0], args[0], r, err))
                return fn_arr_fail(o, err);
        fn_list_close(o);
    }
    *out = o;
    (void)ctx;
    return EM_OK;
}

/* ---- flatten ------------------------------------------------------------------------------- */

static int fn_bind_flatten(const fn_def *def, em_arena *a, pl_expr *call,
                           const pl_session_opts *opts, em_error *err)
{
    if (fn_check_arity(call, 1, 1, "1", err))
        return err->code;
    const ty *t = call->args[0]->type;
    if (t->kind != TY_ARRAY || t->elem->kind != TY_ARRAY)
        return fn_coll_err_input(call, 0, "\"ARRAY\" of \"ARRAY\"", err);
    call->type = t->elem;
    call->nullable = call->args[0]->nullable || t->contains_null;
    (void)def;
    (void)opts;
    return EM_OK;
}

static int fn_eval_flatten(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx, vec **out,
                           em_error *err)
{
    const vec *arr = args[0];
    vec *o = vec_new(call->type, n);
    for (int64_t r = 0; r < n; r++) {
        bool is_null = fn_cell_null(arr, r);
        const vec *inner = is_null ? NULL : arr->children[0];
        int32_t s = is_null ? 0 : fn_list_start(arr, r), e = is_null ? 0 : arr->offsets[r + 1];
        int64_t total = 0;
        for (int32_t k = s; k < e && !is_null; k++) {
            if (fn_cell_null(inner, k))
                is_null = true;
            else
                total += fn_list_len(inner, k);
        }
        if (is_null) {
            vec_append_null(o);
            continue;
        }
        if (total > 2147483632)
            return vec_release(o), fn_err_array_size("`flatten`", total, err);
        if (e > s && fn_vec_append_range(o->children[0], inner->children[0], inner->offsets[s],
                                         inner->offsets[e] - inner->offsets[s], err))
            return fn_arr_fail(o, err);
        fn_list_close(o);
    }
    *out = o;
    (void)ctx;
    return EM_OK;
}

/* ---- reverse ------------------------------------------------------------------------------- */

static int fn_bind_reverse(const fn_def *def, em_arena *a, pl_expr *call,
                           const pl_session_opts *opts, em_error *err)
{
    if (fn_check_arity(call, 1, 1, "1", err))
        return err->code;
    const ty *t = call->args[0]->type;
    /* TypeCollection(StringType, ArrayType): NULL and other atomic values become strings */
    if (t->kind != TY_ARRAY && !ty_is_string(t)) {
        if (ty_is_nested(t) || t->kind == TY_BINARY || t->kind == TY_VARIANT)
            return fn_coll_err_input(call, 0, "(\"STRING\" or \"ARRAY\")", err);
        fn_cast_arg(a, call, 0, ty_string());
    }
    call->type = call->args[0]->type;
    call->nullable = call->args[0]->nullable;
    (void)def;
    (void)opts;
    return EM_OK;
}

static int fn_eval_reverse(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx, vec **out,
                           em_error *err)
{
    const vec *v = args[0];
    vec *o = vec_new(call->type, n);
    bool is_array = call->type->kind == TY_ARRAY;
    char *buf = NULL;
    size_t cap = 0;
    for (int64_t r = 0; r < n; r++) {
        if (fn_cell_null(v, r)) {
            vec_append_null(o);
            continue;
        }
        if (is_array) {
            for (int32_t k = v->offsets[r + 1] - 1; k >= v->offsets[r]; k--)
                if (vec_append_from(o->children[0], v->children[0], k, err)) {
                    em_free(buf);
                    return fn_arr_fail(o, err);
                }
            fn_list_close(o);
            continue;
        }
        /* UTF8String.reverse: code points in reverse order */
        int32_t len;
        const char *s = vec_str(v, r, &len);
        if ((size_t)len + 1 > cap) {
            cap = (size_t)len + 1;
            buf = em_realloc(buf, cap);
        }
        int32_t i = 0;
        while (i < len) {
            int cl = fn_uc_len((unsigned char)s[i]);
            if (i + cl > len)
                cl = len - i;
            memcpy(buf + len - i - cl, s + i, (size_t)cl);
            i += cl;
        }
        if (vec_append_str(o, buf ? buf : "", len, err)) {
            em_free(buf);
            return fn_arr_fail(o, err);
        }
    }
    em_free(buf);
    *out = o;
    (void)ctx;
    return EM_OK;
}

/* ---- arrays_zip ---------------------------------------------------------------------------- */

/* The field name ArraysZip gives a child: a column's or field's name, else its index. */
static const char *fn_zip_name(em_arena *a, const pl_expr *e, int idx)
{
    if (e->kind == PX_COLREF && e->name)
        return e->name;
    if (e->kind == PX_LAMBDA_VAR && e->n_parts > 0)
        return e->parts[0];
    if (e->kind == PX_EXTRACT && e->ordinal >= 0) {
        const ty *st =
            e->args[0]->type->kind == TY_ARRAY ? e->args[0]->type->elem : e->args[0]->type;
        return st->fields[e->ordinal].name;
    }
    if (e->kind == PX_EXTRACT && e->args[0]->type->kind == TY_MAP &&
        e->args[1]->kind == PX_LITERAL && ty_is_string(e->args[1]->type) &&
        !vec_is_null(e->args[1]->lit, 0)) {
        int32_t len;
        const char *s = vec_str(e->args[1]->lit, 0, &len);
        return em_arena_strndup(a, s, (size_t)len);
    }
    return em_arena_printf(a, "%d", idx);
}

static int fn_bind_arrays_zip(const fn_def *def, em_arena *a, pl_expr *call,
                              const pl_session_opts *opts, em_error *err)
{
    int n = call->n_args;
    ty_field *f = em_arena_calloc(a, (size_t)(n ? n : 1), sizeof *f);
    for (int k = 0; k < n; k++) {
        fn_coll_null_to_array(a, call, k);
        if (!fn_is_array(call->args[k]))
            return fn_coll_err_input(call, k, "\"ARRAY\"", err);
        f[k].name = fn_zip_name(a, call->args[k], k);
        f[k].type = call->args[k]->type->elem;
        f[k].nullable = true;
    }
    call->type = ty_array(a, ty_struct(a, n, f), false);
    call->nullable = fn_any_nullable(call);
    (void)def;
    (void)opts;
    return EM_OK;
}

static int fn_eval_arrays_zip(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx,
                              vec **out, em_error *err)
{
    vec *o = vec_new(call->type, n);
    vec *st = o->children[0];
    for (int64_t r = 0; r < n; r++) {
        bool is_null = false;
        int64_t longest = 0;
        for (int k = 0; k < call->n_args; k++) {
            if (fn_cell_null(args[k], r))
                is_null = true;
            else if (fn_list_len(args[k], r) > longest)
                longest = fn_list_len(args[k], r);
        }
        if (is_null) {
            vec_append_null(o);
            continue;
        }
        for (int64_t i = 0; i < longest; i++) {
            for (int k = 0; k < call->n_args; k++) {
                const vec *src = i < fn_list_len(args[k], r) ? args[k]->children[0] : NULL;
                if (fn_vec_append_or_null(st->children[k], src, fn_list_start(args[k], r) + i, err))
                    return fn_arr_fail(o, err);
            }
            vec_reserve(st, st->len + 1);
            vec_set_valid(st, st->len);
            st->len++;
        }
        fn_list_close(o);
    }
    *out = o;
    (void)ctx;
    return EM_OK;
}

/* ---- concat of arrays (called by fn_string.c's concat) ------------------------------------ */

int fn_array_concat_bind(em_arena *a, pl_expr *call, const pl_session_opts *opts, em_error *err)
{
    int n = call->n_args;
    if (n == 0)
        return -1;
    for (int k = 0; k < n; k++)
        if (!fn_is_array(call->args[k]))
            return -1;
    /* FunctionArgumentTypeCoercion: arrays of different element types meet at the wider type */
    const ty **types = em_arena_calloc(a, (size_t)n, sizeof *types);
    bool same = true;
    for (int k = 0; k < n; k++) {
        types[k] = call->args[k]->type;
        if (!ty_equals_ignore_nullability(types[k], types[0]))
            same = false;
    }
    if (!same) {
        const ty *w = fn_coll_wider_common(n, types, opts && opts->ansi, a);
        if (w)
            for (int k = 0; k < n; k++)
                if (!ty_equals_ignore_nullability(call->args[k]->type, w))
                    fn_cast_arg(a, call, k, w);
    }
    const ty *t = call->args[0]->type;
    for (int k = 1; k < n; k++) {
        if (!ty_equals_ignore_nullability(call->args[k]->type, t))
            return fn_coll_err_data_diff(a, call, 0, 1, err);
        t = fn_coll_merge_nullability(a, t, call->args[k]->type);
    }
    call->type = t;
    call->nullable = fn_any_nullable(call);
    return EM_OK;
}

int fn_array_concat_eval(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx, vec **out,
                         em_error *err)
{
    vec *o = vec_new(call->type, n);
    for (int64_t r = 0; r < n; r++) {
        bool is_null = false;
        int64_t total = 0;
        for (int k = 0; k < call->n_args; k++) {
            if (fn_cell_null(args[k], r))
                is_null = true;
            else
                total += fn_list_len(args[k], r);
        }
        if (is_null) {
            vec_append_null(o);
            continue;
        }
        if (total > 2147483632)
            return vec_release(o), fn_err_array_size("`concat`", total, err);
        for (int k = 0; k < call->n_args; k++)
            if (fn_vec_append_range(o->children[0], args[k]->children[0], fn_list_start(args[k], r),
                                    fn_list_len(args[k], r), err))
                return fn_arr_fail(o, err);
        fn_list_close(o);
    }
    *out = o;
    (void)ctx;
    return EM_OK;
}

#define FN_ARR(nm, mn, mx, b, e)                                                                   \
    {                                                                                              \
        .name = nm, .kind = FN_SCALAR, .min_args = mn, .max_args = mx, .bind = b, .eval = e,       \
        .deterministic = true                                                                      \
    }

const fn_def fn_array_defs[] = {
    FN_ARR("array", 0, -1, fn_bind_array, fn_eval_array),
    FN_ARR("array_contains", 2, 2, fn_bind_array_contains, fn_eval_array_contains),
    FN_ARR("array_position", 2, 2, fn_bind_array_position, fn_eval_array_position),
    FN_ARR("array_remove", 2, 2, fn_bind_array_remove, fn_eval_array_remove),
    FN_ARR("size", 1, 1, fn_bind_size, fn_eval_size),
    FN_ARR("cardinality", 1, 1, fn_bind_size, fn_eval_size),
    FN_ARR("array_size", 1, 1, fn_bind_size, fn_eval_size),
    FN_ARR("array_compact", 1, 1, fn_bind_array_compact, fn_eval_array_compact),
    FN_ARR("array_append", 2, 2, fn_bind_array_pend, fn_eval_array_pend),
    FN_ARR("array_prepend", 2, 2, fn_bind_array_pend, fn_eval_array_pend),
    FN_ARR("array_insert", 3, 3, fn_bind_array_insert, fn_eval_array_insert),
    FN_ARR("slice", 3, 3, fn_bind_slice, fn_eval_slice),
    FN_ARR("array_repeat", 2, 2, fn_bind_array_repeat, fn_eval_array_repeat),
    FN_ARR("flatten", 1, 1, fn_bind_flatten, fn_eval_flatten),
    FN_ARR("reverse", 1, 1, fn_bind_reverse, fn_eval_reverse),
    FN_ARR("arrays_zip", 0, -1, fn_bind_arrays_zip, fn_eval_arrays_zip),
};
const int fn_array_n_defs = (int)(sizeof fn_array_defs / sizeof fn_array_defs[0]);
