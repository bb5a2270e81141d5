/*
 * fn_hof_sort: array_sort, the higher-order sort. Without a comparator the call carries Spark's
 * default comparator (ArraySort.defaultComparator, bound through the registry so the column name
 * is Spark's) and sorts natively: ascending, NULL elements last, stable. With a comparator
 * lambda all rows sort in lock step: each row's sort is a small state machine that stops
 * whenever it needs one comparison; the pending comparisons of every row are evaluated by one
 * lambda call and each row resumes with its answer. The algorithm is the one
 * java.util.Arrays.sort (TimSort) applies to short arrays: under 32 elements the leading run
 * (reversed when descending) followed by binary insertion, which decides the result for
 * comparators that are not total orders (a NULL-tolerant comparator returning 0); longer arrays
 * are binary-insertion sorted in chunks of 32 and merged (stable, so TimSort's order whenever
 * the comparator is a total preorder). A NULL comparison raises COMPARATOR_RETURNS_NULL.
 */
#include <string.h>

#include "common/em_mem.h"
#include "functions/fn_coll.h"

typedef struct fn_hof_state {
    bool default_cmp; /* array_sort without a comparator: ascending, NULLs last */
} fn_hof_state;

/* Spark's ArraySort.defaultComparator over two lambda variables, bound through the registry:
   IF(l IS NULL AND r IS NULL, 0, IF(l IS NULL, 1, IF(r IS NULL, -1,
   IF(l < r, -1, IF(l > r, 1, 0))))). */
static pl_expr *fn_hof_call(em_arena *a, const char *name, int n, pl_expr *const *args,
                            const pl_session_opts *opts, em_error *err)
{
    const fn_def *d = fn_lookup(name);
    if (!d)
        return NULL;
    pl_expr *c = pl_func_new(a, name, n, args);
    c->kind = PX_CALL;
    c->fn = d;
    if (d->bind(d, a, c, opts, err))
        return NULL;
    c->resolved = true;
    return c;
}

static pl_expr *fn_hof_default_comparator(em_arena *a, const ty *elem, bool cn,
                                          const pl_session_opts *opts, em_error *err)
{
    pl_expr *l = fn_hof_var(a, "left", elem, cn), *r = fn_hof_var(a, "right", elem, cn);
    pl_expr *zero = pl_lit_int(a, 0), *one = pl_lit_int(a, 1), *m1 = pl_lit_int(a, -1);
    zero->resolved = one->resolved = m1->resolved = true;
    pl_expr *ln = fn_hof_call(a, "isnull", 1, &l, opts, err);
    pl_expr *rn = fn_hof_call(a, "isnull", 1, &r, opts, err);
    pl_expr *lr[2] = {l, r};
    pl_expr *lt = fn_hof_call(a, "<", 2, lr, opts, err);
    pl_expr *gt = fn_hof_call(a, ">", 2, lr, opts, err);
    if (!ln || !rn || !lt || !gt)
        return NULL;
    pl_expr *both[2] = {ln, rn};
    pl_expr *and_ = fn_hof_call(a, "and", 2, both, opts, err);
    pl_expr *i5a[3] = {gt, one, zero};
    pl_expr *i5 = fn_hof_call(a, "if", 3, i5a, opts, err);
    if (!and_ || !i5)
        return NULL;
    pl_expr *i4a[3] = {lt, m1, i5};
    pl_expr *i4 = fn_hof_call(a, "if", 3, i4a, opts, err);
    if (!i4)
        return NULL;
    pl_expr *i3a[3] = {rn, m1, i4};
    pl_expr *i3 = fn_hof_call(a, "if", 3, i3a, opts, err);
    if (!i3)
        return NULL;
    pl_expr *i2a[3] = {ln, one, i3};
    pl_expr *i2 = fn_hof_call(a, "if", 3, i2a, opts, err);
    if (!i2)
        return NULL;
    pl_expr *i1a[3] = {and_, zero, i2};
    pl_expr *i1 = fn_hof_call(a, "if", 3, i1a, opts, err);
    if (!i1)
        return NULL;
    return fn_hof_make_lambda(a, i1, 2, lr);
}

int fn_hof_bind_array_sort(const fn_def *def, em_arena *a, pl_expr *call,
                           const pl_session_opts *opts, em_error *err)
{
    if (fn_check_arity(call, 1, 2, "[1, 2]", err))
        return err->code;
    fn_coll_null_to_array(a, call, 0);
    if (fn_hof_need(call, 0, TY_ARRAY, err))
        return err->code;
    const ty *t = call->args[0]->type;
    fn_hof_state *s = em_arena_calloc(a, 1, sizeof *s);
    call->fn_state = s;
    if (call->n_args == 1) {
        if (!fn_type_orderable(t->elem))
            return fn_coll_err_ordering(a, call, t->elem, err);
        pl_expr *cmp = fn_hof_default_comparator(a, t->elem, t->contains_null, opts, err);
        if (!cmp)
            return err && err->code ? err->code : em_error_internal(err, "array_sort comparator");
        fn_coll_append_arg(a, call, cmp);
        s->default_cmp = true;
    } else {
        const ty *types[2] = {t->elem, t->elem};
        bool nulls[2] = {t->contains_null, t->contains_null};
        if (fn_hof_lambda(a, call, 1, 2, types, nulls, err))
            return err->code;
        if (call->args[1]->type->kind != TY_INT) {
            em_str sql;
            em_str_init(&sql, 0);
            em_str_putc(&sql, '"');
            fn_expr_sql(call, &sql);
            em_str_putc(&sql, '"');
            int rc =
                em_error_set(err, "DATATYPE_MISMATCH.UNEXPECTED_RETURN_TYPE", "sqlExpr", sql.data,
                             "functionName", "`lambdafunction`", "expectedType", "\"INT\"",
                             "actualType", fn_coll_qtype(a, call->args[1]->type), NULL);
            em_str_release(&sql);
            return rc;
        }
    }
    call->type = t;
    call->nullable = call->args[0]->nullable;
    (void)def;
    return EM_OK;
}

/* ---- comparator sort ---------------------------------------------------------------------- */

typedef enum fn_ls_state {
    FN_LS_START,
    FN_LS_RUN_FIRST,
    FN_LS_RUN_LOOP,
    FN_LS_RUN_CMP,
    FN_LS_INS,
    FN_LS_INS_SEARCH,
    FN_LS_INS_CMP,
    FN_LS_CHUNK_DONE,
    FN_LS_MERGE_PASS,
    FN_LS_MERGE_SEG,
    FN_LS_MERGE_STEP,
    FN_LS_MERGE_CMP,
    FN_LS_DONE,
} fn_ls_state;

typedef struct fn_ls {
    fn_ls_state st;
    int64_t *a, *tmp; /* element indices being sorted / merge buffer (n each) */
    int64_t n;
    bool desc;                                      /* run detection: the leading run descends */
    int64_t run;                                    /* run detection */
    int64_t lo, hi, start, left, right, mid, pivot; /* insertion */
    int64_t width, mlo, mmid, mhi, i, j, k;         /* merging */
    int64_t cx, cy;                                 /* the pending comparison (x, y) */
} fn_ls;

static void fn_ls_reverse(int64_t *a, int64_t lo, int64_t hi)
{
    for (hi--; lo < hi; lo++, hi--) {
        int64_t t = a[lo];
        a[lo] = a[hi];
        a[hi] = t;
    }
}

/* Advances s with the answer to its pending comparison (unused on the first call); returns true
   with s->cx / s->cy set when it needs another comparison, false once sorted. */
static bool fn_ls_step(fn_ls *s, int cmp)
{
    for (;;) {
        switch (s->st) {
        case FN_LS_START:
            if (s->n < 2) {
                s->st = FN_LS_DONE;
                continue;
            }
            if (s->n < 32) {
                s->cx = s->a[1];
                s->cy = s->a[0];
                s->st = FN_LS_RUN_FIRST;
                return true;
            }
            s->lo = 0;
            s->hi = s->n < 32 ? s->n : 32;
            s->start = 1;
            s->st = FN_LS_INS;
            continue;
        case FN_LS_RUN_FIRST:
            s->desc = cmp < 0;
            s->run = 2;
            s->st = FN_LS_RUN_LOOP;
            continue;
        case FN_LS_RUN_LOOP:
            if (s->run < s->n) {
                s->cx = s->a[s->run];
                s->cy = s->a[s->run - 1];
                s->st = FN_LS_RUN_CMP;
                return true;
            }
            goto run_end;
        case FN_LS_RUN_CMP:
            if (s->desc ? cmp < 0 : cmp >= 0) {
                s->run++;
                s->st = FN_LS_RUN_LOOP;
                continue;
            }
        run_end:
            if (s->desc)
                fn_ls_reverse(s->a, 0, s->run);
            s->lo = 0;
            s->hi = s->n;
            s->start = s->run;
            s->st = FN_LS_INS;
            continue;
        case FN_LS_INS:
            if (s->start >= s->hi) {
                s->st = FN_LS_CHUNK_DONE;
                continue;
            }
            s->pivot = s->a[s->start];
            s->left = s->lo;
            s->right = s->start;
            s->st = FN_LS_INS_SEARCH;
            continue;
        case FN_LS_INS_SEARCH:
            if (s->left < s->right) {
                s->mid = (s->left + s->right) >> 1;
                s->cx = s->pivot;
                s->cy = s->a[s->mid];
                s->st = FN_LS_INS_CMP;
                return true;
            }
            memmove(s->a + s->left + 1, s->a + s->left,
                    (size_t)(s->start - s->left) * sizeof *s->a);
            s->a[s->left] = s->pivot;
            s->start++;
            s->st = FN_LS_INS;
            continue;
        case FN_LS_INS_CMP:
            if (cmp < 0)
                s->right = s->mid;
            else
                s->left = s->mid + 1;
            s->st = FN_LS_INS_SEARCH;
            continue;
        case FN_LS_CHUNK_DONE:
            if (s->n < 32 || s->hi >= s->n) {
                s->width = 32;
                s->st = s->n < 32 ? FN_LS_DONE : FN_LS_MERGE_PASS;
                continue;
            }
            s->lo = s->hi;
            s->hi = s->lo + 32 < s->n ? s->lo + 32 : s->n;
            s->start = s->lo + 1;
            s->st = FN_LS_INS;
            continue;
        case FN_LS_MERGE_PASS:
            if (s->width >= s->n) {
                s->st = FN_LS_DONE;
                continue;
            }
            s->mlo = 0;
            s->st = FN_LS_MERGE_SEG;
            continue;
        case FN_LS_MERGE_SEG:
            if (s->mlo >= s->n) {
                int64_t *t = s->a;
                s->a = s->tmp;
                s->tmp = t;
                s->width *= 2;
                s->st = FN_LS_MERGE_PASS;
                continue;
            }
            s->mmid = s->mlo + s->width < s->n ? s->mlo + s->width : s->n;
            s->mhi = s->mlo + 2 * s->width < s->n ? s->mlo + 2 * s->width : s->n;
            s->i = s->mlo;
            s->j = s->mmid;
            s->k = s->mlo;
            s->st = FN_LS_MERGE_STEP;
            continue;
        case FN_LS_MERGE_STEP:
            if (s->i < s->mmid && s->j < s->mhi) {
                s->cx = s->a[s->j];
                s->cy = s->a[s->i];
                s->st = FN_LS_MERGE_CMP;
                return true;
            }
            while (s->i < s->mmid)
                s->tmp[s->k++] = s->a[s->i++];
            while (s->j < s->mhi)
                s->tmp[s->k++] = s->a[s->j++];
            s->mlo = s->mhi;
            s->st = FN_LS_MERGE_SEG;
            continue;
        case FN_LS_MERGE_CMP:
            s->tmp[s->k++] = cmp < 0 ? s->a[s->j++] : s->a[s->i++];
            s->st = FN_LS_MERGE_STEP;
            continue;
        case FN_LS_DONE:
            return false;
        }
    }
}

int fn_hof_eval_array_sort(const pl_expr *call, vec *const *args, int64_t n, fn_ctx *ctx, vec **out,
                           em_error *err)
{
    const fn_hof_state *st = call->fn_state;
    const vec *arr = args[0];
    if (st && st->default_cmp)
        return fn_coll_sort_rows(arr, call->type, n, false, false, NULL, out, err);
    const vec *el = arr->children[0];
    bool sortable = el->type->kind != TY_NULL; /* Spark skips sorting NULL-typed elements */
    fn_ls *ls = em_calloc((size_t)(n ? n : 1), sizeof *ls);
    int64_t total = 0;
    for (int64_t r = 0; r < n; r++)
        if (!fn_cell_null(arr, r))
            total += fn_list_len(arr, r);
    int64_t *buf = em_malloc((size_t)(total ? total : 1) * 2 * sizeof *buf);
    int64_t *pend = em_malloc((size_t)(n ? n : 1) * sizeof *pend);
    int64_t *xs = em_malloc((size_t)(n ? n : 1) * sizeof *xs);
    int64_t *ys = em_malloc((size_t)(n ? n : 1) * sizeof *ys);
    int64_t used = 0, m = 0;
    for (int64_t r = 0; r < n; r++) {
        if (fn_cell_null(arr, r))
            continue;
        fn_ls *s = &ls[r];
        s->n = fn_list_len(arr, r);
        s->a = buf + used;
        s->tmp = buf + total + used;
        used += s->n;
        for (int64_t k = 0; k < s->n; k++)
            s->a[k] = fn_list_start(arr, r) + k;
        if (!sortable)
            s->st = FN_LS_DONE;
        if (fn_ls_step(s, 0))
            pend[m++] = r;
    }
    int rc = EM_OK;
    while (m > 0 && rc == EM_OK) {
        for (int64_t k = 0; k < m; k++) {
            xs[k] = ls[pend[k]].cx;
            ys[k] = ls[pend[k]].cy;
        }
        vec *p[2] = {vec_take(el, xs, m, err), vec_take(el, ys, m, err)};
        vec *v = NULL;
        rc = p[0] && p[1] ? fn_hof_run(ctx, call->args[1], p, pend, m, &v, err) : err->code;
        int64_t next = 0;
        for (int64_t k = 0; k < m && rc == EM_OK; k++) {
            if (fn_cell_null(v, k)) {
                em_str x;
                em_str_init(&x, 400);
                fn_coll_java_string(el, xs[k], &x);
                rc = em_error_set(err, "COMPARATOR_RETURNS_NULL", "firstValue",
                                  x.data ? x.data : "", "secondValue", x.data ? x.data : "", NULL);
                em_str_release(&x);
                break;
            }
            if (fn_ls_step(&ls[pend[k]], VEC_VALUES(v, int32_t)[k]))
                pend[next++] = pend[k];
        }
        m = next;
        vec_release(p[0]);
        vec_release(p[1]);
        vec_release(v);
    }
    vec *o = rc == EM_OK ? vec_new(call->type, n) : NULL;
    for (int64_t r = 0; r < n && rc == EM_OK; r++) {
        if (fn_cell_null(arr, r)) {
            vec_append_null(o);
            continue;
        }
        for (int64_t k = 0; k < ls[r].n && rc == EM_OK; k++)
            rc = vec_append_from(o->children[0], el, ls[r].a[k], err);
        if (rc == EM_OK)
            fn_list_close(o);
    }
    em_free(ls);
    em_free(buf);
    em_free(pend);
    em_free(xs);
    em_free(ys);
    if (rc) {
        vec_release(o);
        return rc;
    }
    *out = o;
    return EM_OK;
}
