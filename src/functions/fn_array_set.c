/*
 * fn_array_set: set-like and ordering functions over arrays: array_distinct, array_union,
 * array_intersect, array_except, arrays_overlap, array_join, array_min, array_max and
 * sort_array.
 *
 * Set semantics follow Spark's SQLOpenHashSet-based kernels: results keep the first occurrence
 * of each element in input order (left array first), NULL counts as one element, NaN equals NaN
 * and -0.0 equals 0.0 (ty_cells_equal). The binary set functions bring both element types to
 * their tightest common type (BinaryArrayExpressionWithImplicitCast) and return NULL when either
 * array is NULL. Sorting is stable (java.util.Arrays.sort on objects is a stable TimSort).
 */
#include <stdio.h>
#include <string.h>

#include "common/em_mem.h"
#include "functions/fn_coll.h"
#include "functions/fn_misc_int.h"

static int fn_set_fail(vec *o, em_error *err)
{
    vec_release(o);
    return err && err->code ? err->code : EM_EINTERNAL;
}

/* ---- array_distinct ------------------------------------------------------------------------ */

static int fn_bind_array_distinct(const fn_def *def, em_arena *a, pl_expr *call,
                                  const pl_session_opts *opts, em_error *err)
{
    if (fn_check_arity(call, 1, 1, "1", err))
        return err->code;
    fn_coll_null_to_array(a, call, 0);
    const ty *t = call->args[0]->type;
    if (t->kind != TY_ARRAY)
        return fn_coll_err_input(call, 0, "\"ARRAY\"", err);
    if (!fn_type_orderable(t->elem))
        return fn_coll_err_ordering(a, call, t->elem, err);
    call->type = t;
    call->nullable = call->args[0]->nullable;
    (void)def;
    (void)opts;
    return EM_OK;
}

/*
 * Appends to el the elements of arr row r not yet in seen (and adds them to seen); a NULL element
 * is appended once (*null_seen). When `only_in` is given, an element must also be in it (and a
 * NULL only when only_in_null); when `not_in` is given, it must not be in it (nor NULL when
 * not_in_null).
 */
static int fn_set_add_row(vec *el, const vec *arr, int64_t r, fn_cellset *seen, bool *null_seen,
                          const fn_cellset *only_in, bool only_in_null, const fn_cellset *not_in,
                          bool not_in_null, em_error *err)
{
    const vec *src = arr->children[0];
    for (int32_t k = fn_list_start(arr, r); k < arr->offsets[r + 1]; k++) {
        if (fn_cell_null(src, k)) {
            if (*null_seen || (only_in && !only_in_null) || (not_in && not_in_null))
                continue;
            *null_seen = true;
            vec_append_null(el);
            continue;
        }
        if (only_in && fn_cellset_find(only_in, src, k) < 0)
            continue;
        if (not_in && fn_cellset_find(not_in, src, k) >= 0)
            continue;
        bool added;
        fn_cellset_add(seen, src, k, &added);
        if (added && vec_append_from(el, src, k, err))
            return err ? err->code : EM_EINTERNAL;
    }
    return EM_OK;
}

/* Adds the non-NULL elements of arr row r to s; returns whether a NULL element was seen. */
static bool fn_set_fill(fn_cellset *s, const vec *arr, int64_t r)
{
    bool has_null = false;
    const vec *src = arr->children[0];
    for (int32_t k = fn_list_start(arr, r); k < arr->offsets[r + 1]; k++) {
        bool added;
        if (fn_cell_null(src, k))
            has_null = true;
        else
            fn_cellset_add(s, src, k, &added);
    }
    return has_null;
}

static int fn_eval_array_distinct(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx,
                                  vec **out, em_error *err)
{
    vec *o = vec_new(call->type, n);
    fn_cellset seen;
    fn_cellset_init(&seen);
    int rc = EM_OK;
    for (int64_t r = 0; r < n && rc == EM_OK; r++) {
        if (fn_cell_null(args[0], r)) {
            vec_append_null(o);
            continue;
        }
        fn_cellset_clear(&seen);
        bool null_seen = false;
        rc = fn_set_add_row(o->children[0], args[0], r, &seen, &null_seen, NULL, false, NULL, false,
                            err);
        if (rc == EM_OK)
            fn_list_close(o);
    }
    fn_cellset_release(&seen);
    if (rc)
        return fn_set_fail(o, err);
    *out = o;
    (void)ctx;
    return EM_OK;
}

/* ---- array_union / array_intersect / array_except / arrays_overlap ------------------------- */

static int fn_bind_binary_array(em_arena *a, pl_expr *call, em_error *err)
{
    if (fn_check_arity(call, 2, 2, "2", err))
        return err->code;
    const ty *l = call->args[0]->type, *r = call->args[1]->type;
    if (l->kind == TY_ARRAY && r->kind == TY_ARRAY) {
        const ty *c = fn_coll_tightest(l->elem, r->elem, a);
        if (c) {
            fn_coll_cast_elem(a, call, 0, c);
            fn_coll_cast_elem(a, call, 1, c);
        }
    }
    l = call->args[0]->type;
    r = call->args[1]->type;
    if (l->kind != TY_ARRAY || r->kind != TY_ARRAY ||
        !ty_equals_ignore_nullability(l->elem, r->elem))
        return fn_coll_err_diff(a, call, "BINARY_ARRAY_DIFF_TYPES", l, r, err);
    if (!fn_type_orderable(l->elem))
        return fn_coll_err_ordering(a, call, l->elem, err);
    return EM_OK;
}

static int fn_bind_array_setop(const fn_def *def, em_arena *a, pl_expr *call,
                               const pl_session_opts *opts, em_error *err)
{
    if (fn_bind_binary_array(a, call, err))
        return err->code;
    const ty *l = call->args[0]->type, *r = call->args[1]->type;
    bool cn;
    if (strcmp(def->name, "array_union") == 0)
        cn = l->contains_null || r->contains_null;
    else if (strcmp(def->name, "array_intersect") == 0)
        cn = l->contains_null && r->contains_null;
    else
        cn = l->contains_null;
    call->type = ty_array(a, fn_coll_merge_nullability(a, l->elem, r->elem), cn);
    call->nullable = fn_any_nullable(call);
    (void)opts;
    return EM_OK;
}

static int fn_eval_array_setop(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx,
                               vec **out, em_error *err)
{
    const char *name = call->fn->name;
    int op = strcmp(name, "array_union") == 0 ? 0 : strcmp(name, "array_intersect") == 0 ? 1 : 2;
    vec *o = vec_new(call->type, n);
    vec *el = o->children[0];
    fn_cellset seen, other;
    fn_cellset_init(&seen);
    fn_cellset_init(&other);
    int rc = EM_OK;
    for (int64_t r = 0; r < n && rc == EM_OK; r++) {
        if (fn_cell_null(args[0], r) || fn_cell_null(args[1], r)) {
            vec_append_null(o);
            continue;
        }
        fn_cellset_clear(&seen);
        bool null_seen = false;
        if (op == 0) {
            rc = fn_set_add_row(el, args[0], r, &seen, &null_seen, NULL, false, NULL, false, err);
            if (rc == EM_OK)
                rc = fn_set_add_row(el, args[1], r, &seen, &null_seen, NULL, false, NULL, false,
                                    err);
        } else if (op == 1 && (fn_list_len(args[0], r) == 0 || fn_list_len(args[1], r) == 0)) {
            /* empty intersection */
        } else {
            fn_cellset_clear(&other);
            bool other_null = fn_set_fill(&other, args[1], r);
            rc = fn_set_add_row(el, args[0], r, &seen, &null_seen, op == 1 ? &other : NULL,
                                other_null, op == 2 ? &other : NULL, other_null, err);
        }
        if (rc == EM_OK)
            fn_list_close(o);
    }
    fn_cellset_release(&seen);
    fn_cellset_release(&other);
    if (rc)
        return fn_set_fail(o, err);
    *out = o;
    (void)ctx;
    return EM_OK;
}

static int fn_bind_arrays_overlap(const fn_def *def, em_arena *a, pl_expr *call,
                                  const pl_session_opts *opts, em_error *err)
{
    if (fn_bind_binary_array(a, call, err))
        return err->code;
    call->type = ty_boolean();
    call->nullable = fn_any_nullable(call) || call->args[0]->type->contains_null ||
                     call->args[1]->type->contains_null;
    (void)def;
    (void)opts;
    return EM_OK;
}

static int fn_eval_arrays_overlap(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx,
                                  vec **out, em_error *err)
{
    vec *o = fn_vec_fixed(ty_boolean(), n);
    fn_cellset s;
    fn_cellset_init(&s);
    for (int64_t r = 0; r < n; r++) {
        if (fn_cell_null(args[0], r) || fn_cell_null(args[1], r)) {
            vec_set_null(o, r);
            continue;
        }
        /* both non-empty: true on a common non-NULL element, else NULL if either has a NULL */
        if (fn_list_len(args[0], r) == 0 || fn_list_len(args[1], r) == 0)
            continue;
        int small = fn_list_len(args[0], r) <= fn_list_len(args[1], r) ? 0 : 1;
        const vec *big = args[1 - small];
        fn_cellset_clear(&s);
        bool has_null = fn_set_fill(&s, args[small], r);
        bool found = false;
        for (int32_t k = fn_list_start(big, r); k < big->offsets[r + 1] && !found; k++) {
            if (fn_cell_null(big->children[0], k))
                has_null = true;
            else if (fn_cellset_find(&s, big->children[0], k) >= 0)
                found = true;
        }
        VEC_VALUES(o, uint8_t)[r] = found;
        if (!found && has_null)
            vec_set_null(o, r);
    }
    fn_cellset_release(&s);
    *out = o;
    (void)call;
    (void)ctx;
    (void)err;
    return EM_OK;
}

/* ---- array_join ---------------------------------------------------------------------------- */

static int fn_bind_array_join(const fn_def *def, em_arena *a, pl_expr *call,
                              const pl_session_opts *opts, em_error *err)
{
    if (fn_check_arity(call, 2, 3, "[2, 3]", err))
        return err->code;
    fn_coll_null_to(a, call, 0, ty_array(a, ty_string(), true));
    for (int k = 1; k < call->n_args; k++)
        fn_coll_null_to(a, call, k, ty_string());
    const ty *t = call->args[0]->type;
    /* FunctionArgumentTypeCoercion: an array of other atomic values is cast to ARRAY<STRING> */
    if (t->kind == TY_ARRAY && !ty_is_string(t->elem) && !ty_is_nested(t->elem) &&
        t->elem->kind != TY_BINARY)
        fn_cast_arg(a, call, 0, ty_array(a, ty_string(), t->contains_null));
    t = call->args[0]->type;
    if (t->kind != TY_ARRAY || !ty_is_string(t->elem))
        return fn_coll_err_input(call, 0, "\"ARRAY<STRING>\"", err);
    for (int k = 1; k < call->n_args; k++)
        if (!ty_is_string(call->args[k]->type))
            return fn_coll_err_input(call, k, "\"STRING\"", err);
    call->type = ty_string();
    call->nullable = fn_any_nullable(call);
    (void)def;
    (void)opts;
    return EM_OK;
}

static int fn_eval_array_join(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx,
                              vec **out, em_error *err)
{
    vec *o = vec_new(ty_string(), n);
    em_str s;
    em_str_init(&s, (size_t)VEC_MAX_BYTES);
    bool has_repl = call->n_args > 2;
    int rc = EM_OK;
    for (int64_t r = 0; r < n && rc == EM_OK; r++) {
        if (fn_cell_null(args[0], r) || fn_cell_null(args[1], r) ||
            (has_repl && fn_cell_null(args[2], r))) {
            vec_append_null(o);
            continue;
        }
        em_str_reset(&s);
        int32_t dl, rl = 0;
        const char *d = vec_str(args[1], r, &dl);
        const char *rep = has_repl ? vec_str(args[2], r, &rl) : NULL;
        const vec *el = args[0]->children[0];
        bool first = true;
        for (int32_t k = fn_list_start(args[0], r); k < args[0]->offsets[r + 1]; k++) {
            int32_t len;
            const char *item;
            if (fn_cell_null(el, k)) {
                if (!has_repl)
                    continue;
                item = rep;
                len = rl;
            } else {
                item = vec_str(el, k, &len);
            }
            if (!first)
                em_str_append(&s, d, (size_t)dl);
            em_str_append(&s, item, (size_t)len);
            first = false;
        }
        if (s.overflow)
            rc = em_error_internal(err, "array_join result exceeds the string size limit");
        else
            rc = vec_append_str(o, s.data ? s.data : "", (int64_t)s.len, err);
    }
    em_str_release(&s);
    if (rc)
        return fn_set_fail(o, err);
    *out = o;
    (void)ctx;
    return EM_OK;
}

/* ---- array_min / array_max ----------------------------------------------------------------- */

static int fn_bind_array_minmax(const fn_def *def, em_arena *a, pl_expr *call,
                                const pl_session_opts *opts, em_error *err)
{
    if (fn_check_arity(call, 1, 1, "1", err))
        return err->code;
    fn_coll_null_to_array(a, call, 0);
    const ty *t = call->args[0]->type;
    if (t->kind != TY_ARRAY)
        return fn_coll_err_input(call, 0, "\"ARRAY\"", err);
    if (!fn_type_orderable(t->elem))
        return fn_coll_err_ordering(a, call, t->elem, err);
    call->type = t->elem;
    call->nullable = true;
    (void)def;
    (void)opts;
    return EM_OK;
}

static int fn_eval_array_minmax(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx,
                                vec **out, em_error *err)
{
    bool is_max = strcmp(call->fn->name, "array_max") == 0;
    vec *o = vec_new(call->type, n);
    for (int64_t r = 0; r < n; r++) {
        int64_t best = -1;
        if (!fn_cell_null(args[0], r)) {
            const vec *el = args[0]->children[0];
            for (int32_t k = fn_list_start(args[0], r); k < args[0]->offsets[r + 1]; k++) {
                if (fn_cell_null(el, k))
                    continue;
                int c = best < 0 ? 0 : ty_compare(el, k, el, best);
                if (best < 0 || (is_max ? c > 0 : c < 0))
                    best = k;
            }
        }
        if (best < 0)
            vec_append_null(o);
        else if (vec_append_from(o, args[0]->children[0], best, err))
            return fn_set_fail(o, err);
    }
    *out = o;
    (void)ctx;
    return EM_OK;
}

/* ---- sort_array ---------------------------------------------------------------------------- */

typedef struct fn_sort_ctx {
    const vec *el;
    bool desc;
    bool nulls_first; /* in ascending order */
} fn_sort_ctx;

static int fn_sort_cmp(const fn_sort_ctx *c, int64_t x, int64_t y)
{
    bool nx = fn_cell_null(c->el, x), ny = fn_cell_null(c->el, y);
    int r;
    if (nx || ny)
        r = nx && ny ? 0 : nx ? (c->nulls_first ? -1 : 1) : (c->nulls_first ? 1 : -1);
    else
        r = ty_compare(c->el, x, c->el, y);
    return c->desc ? -r : r;
}

/* Stable merge sort of idx[0..n) (tmp has room for n). */
static void fn_sort_idx(const fn_sort_ctx *c, int64_t *idx, int64_t *tmp, int64_t n)
{
    if (n < 2)
        return;
    if (n <= 16) {
        for (int64_t i = 1; i < n; i++) {
            int64_t v = idx[i], j = i;
            while (j > 0 && fn_sort_cmp(c, idx[j - 1], v) > 0) {
                idx[j] = idx[j - 1];
                j--;
            }
            idx[j] = v;
        }
        return;
    }
    int64_t h = n / 2;
    fn_sort_idx(c, idx, tmp, h);
    fn_sort_idx(c, idx + h, tmp, n - h);
    int64_t i = 0, j = h, k = 0;
    while (i < h && j < n)
        tmp[k++] = fn_sort_cmp(c, idx[j], idx[i]) < 0 ? idx[j++] : idx[i++];
    while (i < h)
        tmp[k++] = idx[i++];
    while (j < n)
        tmp[k++] = idx[j++];
    memcpy(idx, tmp, (size_t)n * sizeof *idx);
}

/* Sorts every row of arr into a new vector of type t (desc reverses the order, nulls_first
   places NULL elements for the ascending order). Shared with array_sort's default comparator. */
int fn_coll_sort_rows(const vec *arr, const ty *t, int64_t n, bool desc, bool nulls_first,
                      const vec *asc_flags, vec **out, em_error *err)
{
    vec *o = vec_new(t, n);
    int64_t *idx = NULL, *tmp = NULL, cap = 0;
    int rc = EM_OK;
    for (int64_t r = 0; r < n && rc == EM_OK; r++) {
        if (fn_cell_null(arr, r) || (asc_flags && fn_cell_null(asc_flags, r))) {
            vec_append_null(o);
            continue;
        }
        int64_t s = fn_list_start(arr, r), len = fn_list_len(arr, r);
        if (len > cap) {
            cap = len;
            idx = em_realloc(idx, (size_t)cap * sizeof *idx);
            tmp = em_realloc(tmp, (size_t)cap * sizeof *tmp);
        }
        for (int64_t k = 0; k < len; k++)
            idx[k] = s + k;
        fn_sort_ctx c = {.el = arr->children[0], .desc = desc, .nulls_first = nulls_first};
        if (asc_flags)
            c.desc = !VEC_VALUES(asc_flags, uint8_t)[r];
        if (arr->children[0]->type->kind != TY_NULL)
            fn_sort_idx(&c, idx, tmp, len);
        for (int64_t k = 0; k < len && rc == EM_OK; k++)
            rc = vec_append_from(o->children[0], arr->children[0], idx[k], err);
        if (rc == EM_OK)
            fn_list_close(o);
    }
    em_free(idx);
    em_free(tmp);
    if (rc)
        return fn_set_fail(o, err);
    *out = o;
    return EM_OK;
}

static int fn_bind_sort_array(const fn_def *def, em_arena *a, pl_expr *call,
                              const pl_session_opts *opts, em_error *err)
{
    if (fn_check_arity(call, 1, 2, "[1, 2]", err))
        return err->code;
    if (call->n_args == 1)
        fn_coll_append_arg(a, call, pl_lit_bool(a, true)); /* SortArray(e, Literal(true)) */
    fn_coll_null_to_array(a, call, 0);
    fn_coll_null_to(a, call, 1, ty_boolean());
    const ty *t = call->args[0]->type;
    if (t->kind != TY_ARRAY)
        return fn_coll_err_input(call, 0, "\"ARRAY\"", err);
    if (!fn_type_orderable(t->elem))
        return fn_coll_err_ordering(a, call, t, err);
    if (!fn_misc_foldable(call->args[1]))
        return fn_misc_err_non_foldable(call, 1, "ascendingOrder", err);
    if (call->args[1]->type->kind != TY_BOOLEAN)
        return fn_coll_err_input(call, 1, "\"BOOLEAN\"", err);
    call->type = t;
    call->nullable = fn_any_nullable(call);
    (void)def;
    (void)opts;
    return EM_OK;
}

static int fn_eval_sort_array(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx,
                              vec **out, em_error *err)
{
    (void)ctx;
    /* ascending: NULL elements first; descending: last */
    return fn_coll_sort_rows(args[0], call->type, n, false, true, args[1], out, err);
}

#define FN_SET(nm, mn, mx, b, e)                                                                   \
    {                                                                                              \
        .name = nm, .kind = FN_SCALAR, .min_args = mn, .max_args = mx, .bind = b, .eval = e,       \
        .deterministic = true                                                                      \
    }

const fn_def fn_array_set_defs[] = {
    FN_SET("array_distinct", 1, 1, fn_bind_array_distinct, fn_eval_array_distinct),
    FN_SET("array_union", 2, 2, fn_bind_array_setop, fn_eval_array_setop),
    FN_SET("array_intersect", 2, 2, fn_bind_array_setop, fn_eval_array_setop),
    FN_SET("array_except", 2, 2, fn_bind_array_setop, fn_eval_array_setop),
    FN_SET("arrays_overlap", 2, 2, fn_bind_arrays_overlap, fn_eval_arrays_overlap),
    FN_SET("array_join", 2, 3, fn_bind_array_join, fn_eval_array_join),
    FN_SET("array_min", 1, 1, fn_bind_array_minmax, fn_eval_array_minmax),
    FN_SET("array_max", 1, 1, fn_bind_array_minmax, fn_eval_array_minmax),
    FN_SET("sort_array", 1, 2, fn_bind_sort_array, fn_eval_sort_array),
};
const int fn_array_set_n_defs = (int)(sizeof fn_array_set_defs / sizeof fn_array_set_defs[0]);
