/*
 * ex_eval: column-at-a-time evaluation of resolved expressions (PX_COLREF, PX_LITERAL,
 * PX_CALL, PX_CAST, PX_ALIAS, resolved PX_EXTRACT of a struct field) over a batch.
 *
 * Evaluation may be restricted to a selection of rows: a column reference then copies only
 * those rows. The lazy functions (AND, OR, IF, CASE WHEN, COALESCE) use this to evaluate each
 * argument only on the rows that need it, so that, as in Spark, `b != 0 AND a / b > 1` or
 * `when(b != 0, a / b)` never divide by zero under ANSI mode. Results of the sub-evaluations
 * are merged back in row order.
 */
#include <string.h>

#include "common/em_mem.h"
#include "exec/ex_int.h"
#include "types/ty_cast.h"
#include "types/ty_order.h"

static int ex_eval_sel(ex_query *q, const pl_expr *e, const vec_batch *in, const int64_t *sel,
                       int64_t n, vec **out, em_error *err);

static vec *ex_broadcast_literal(const vec *lit, const ty *type, int64_t n, em_error *err)
{
    vec *o = vec_new(type, n);
    if (lit->type->kind == TY_NULL || vec_is_null(lit, 0)) {
        for (int64_t r = 0; r < n; r++)
            vec_append_null(o);
        return o;
    }
    int w = ty_fixed_width(type);
    if (w && ty_fixed_width(lit->type) == w) {
        for (int64_t r = 0; r < n; r++)
            memcpy((char *)o->values + r * w, lit->values, (size_t)w);
        o->len = n;
        return o;
    }
    for (int64_t r = 0; r < n; r++)
        if (vec_append_from(o, lit, 0, err)) {
            vec_release(o);
            return NULL;
        }
    return o;
}

static vec *ex_take_rows(const vec *v, const int64_t *sel, int64_t n, em_error *err)
{
    vec_batch tmp = {.n_cols = 1, .n_rows = v->len, .cols = (vec **)&v};
    vec_batch *b = ex_batch_take(&tmp, sel, n, err);
    if (!b)
        return NULL;
    vec *o = b->cols[0];
    b->cols[0] = NULL;
    b->n_cols = 0;
    vec_batch_free(b);
    return o;
}

static bool ex_true_at(const vec *v, int64_t r)
{
    return v->type->kind != TY_NULL && !vec_is_null(v, r) && VEC_VALUES(v, uint8_t)[r];
}

static bool ex_false_at(const vec *v, int64_t r)
{
    return v->type->kind != TY_NULL && !vec_is_null(v, r) && !VEC_VALUES(v, uint8_t)[r];
}

/* Composes a selection: rows idx[0..k) of the current selection. */
static int64_t *ex_compose_sel(const int64_t *sel, const int64_t *idx, int64_t k)
{
    int64_t *s = em_malloc((size_t)(k ? k : 1) * sizeof *s);
    for (int64_t i = 0; i < k; i++)
        s[i] = sel ? sel[idx[i]] : idx[i];
    return s;
}

/*
 * Merges per-row picks: for row r of the result, src[r] names a source vector (or -1 for
 * NULL) and pos[r] the row within it.
 */
static vec *ex_merge(const ty *type, vec *const *srcs, const int *src, const int64_t *pos,
                     int64_t n, em_error *err)
{
    vec *o = vec_new(type, n);
    for (int64_t r = 0; r < n; r++) {
        int rc = src[r] < 0 ? (vec_append_null(o), EM_OK)
                            : vec_append_from(o, srcs[src[r]], pos[r], err);
        if (rc) {
            vec_release(o);
            return NULL;
        }
    }
    return o;
}

static int ex_eval_andor(ex_query *q, const pl_expr *e, const vec_batch *in, const int64_t *sel,
                         int64_t n, vec **out, em_error *err)
{
    bool is_and = e->fn->lazy == FN_LAZY_AND;
    vec *l = NULL, *r = NULL;
    int rc = ex_eval_sel(q, e->args[0], in, sel, n, &l, err);
    if (rc)
        return rc;
    /* rows the left side does not decide */
    int64_t *idx = em_malloc((size_t)(n ? n : 1) * sizeof *idx);
    int64_t k = 0;
    for (int64_t i = 0; i < n; i++)
        if (is_and ? !ex_false_at(l, i) : !ex_true_at(l, i))
            idx[k++] = i;
    if (k > 0) {
        int64_t *s2 = ex_compose_sel(sel, idx, k);
        rc = ex_eval_sel(q, e->args[1], in, s2, k, &r, err);
        em_free(s2);
        if (rc) {
            em_free(idx);
            vec_release(l);
            return rc;
        }
    }
    vec *o = vec_new(ty_boolean(), n);
    if (n > 0)
        memset(o->values, 0, (size_t)n);
    o->len = n;
    uint8_t *res = VEC_VALUES(o, uint8_t);
    int64_t j = 0;
    for (int64_t i = 0; i < n; i++) {
        bool ln = l->type->kind == TY_NULL || vec_is_null(l, i);
        bool lv = !ln && VEC_VALUES(l, uint8_t)[i];
        if (is_and ? (!ln && !lv) : lv) {
            res[i] = lv;
            continue;
        }
        /* undecided: combine with the right value at position j */
        bool rn = r->type->kind == TY_NULL || vec_is_null(r, j);
        bool rv = !rn && VEC_VALUES(r, uint8_t)[j];
        j++;
        if (is_and) {
            if (!rn && !rv)
                res[i] = 0;
            else if (ln || rn)
                vec_set_null(o, i);
            else
                res[i] = 1;
        } else {
            if (rv)
                res[i] = 1;
            else if (ln || rn)
                vec_set_null(o, i);
            else
                res[i] = 0;
        }
    }
    em_free(idx);
    vec_release(l);
    vec_release(r);
    *out = o;
    return EM_OK;
}

/*
 * IF / CASE WHEN / COALESCE: evaluates conditions and values branch by branch on the rows that
 * are still undecided.
 */
static int ex_eval_branches(ex_query *q, const pl_expr *e, const vec_batch *in, const int64_t *sel,
                            int64_t n, vec **out, em_error *err)
{
    fn_lazy_kind kind = e->fn->lazy;
    int n_branches;
    bool has_else;
    if (kind == FN_LAZY_IF) {
        n_branches = 1;
        has_else = true;
    } else if (kind == FN_LAZY_CASE_WHEN) {
        n_branches = e->n_args / 2;
        has_else = e->n_args % 2 == 1;
    } else {
        n_branches = e->n_args;
        has_else = false;
    }
    int n_srcs = n_branches + 1;
    vec **srcs = em_calloc((size_t)n_srcs, sizeof *srcs);
    int *src = em_malloc((size_t)(n ? n : 1) * sizeof *src);
    int64_t *pos = em_malloc((size_t)(n ? n : 1) * sizeof *pos);
    int64_t *rem = em_malloc((size_t)(n ? n : 1) * sizeof *rem); /* undecided result rows */
    int64_t *take = em_malloc((size_t)(n ? n : 1) * sizeof *take);
    int64_t *keep = em_malloc((size_t)(n ? n : 1) * sizeof *keep);
    int64_t n_rem = n;
    for (int64_t i = 0; i < n; i++) {
        rem[i] = i;
        src[i] = -1;
        pos[i] = 0;
    }
    int rc = EM_OK;
    for (int b = 0; b < n_branches && n_rem > 0 && rc == EM_OK; b++) {
        int64_t *s = ex_compose_sel(sel, rem, n_rem);
        int64_t n_take = 0, n_keep = 0;
        if (kind == FN_LAZY_COALESCE) {
            vec *v = NULL;
            rc = ex_eval_sel(q, e->args[b], in, s, n_rem, &v, err);
            if (rc == EM_OK) {
                for (int64_t i = 0; i < n_rem; i++) {
                    if (v->type->kind != TY_NULL && !vec_is_null(v, i)) {
                        src[rem[i]] = b;
                        pos[rem[i]] = i;
                    } else {
                        keep[n_keep++] = rem[i];
                    }
                }
                srcs[b] = v;
            }
        } else {
            const pl_expr *cond = kind == FN_LAZY_IF ? e->args[0] : e->args[2 * b];
            const pl_expr *val = kind == FN_LAZY_IF ? e->args[1] : e->args[2 * b + 1];
            vec *c = NULL;
            rc = ex_eval_sel(q, cond, in, s, n_rem, &c, err);
            if (rc == EM_OK) {
                for (int64_t i = 0; i < n_rem; i++) {
                    if (ex_true_at(c, i))
                        take[n_take++] = rem[i];
                    else
                        keep[n_keep++] = rem[i];
                }
                vec_release(c);
                if (n_take > 0) {
                    int64_t *s2 = ex_compose_sel(sel, take, n_take);
                    vec *v = NULL;
                    rc = ex_eval_sel(q, val, in, s2, n_take, &v, err);
                    em_free(s2);
                    if (rc == EM_OK) {
                        for (int64_t i = 0; i < n_take; i++) {
                            src[take[i]] = b;
                            pos[take[i]] = i;
                        }
                        srcs[b] = v;
                    }
                }
            }
        }
        em_free(s);
        memcpy(rem, keep, (size_t)n_keep * sizeof *rem);
        n_rem = n_keep;
    }
    if (rc == EM_OK && has_else && n_rem > 0) {
        int64_t *s = ex_compose_sel(sel, rem, n_rem);
        vec *v = NULL;
        rc = ex_eval_sel(q, e->args[e->n_args - 1], in, s, n_rem, &v, err);
        em_free(s);
        if (rc == EM_OK) {
            for (int64_t i = 0; i < n_rem; i++) {
                src[rem[i]] = n_branches;
                pos[rem[i]] = i;
            }
            srcs[n_branches] = v;
        }
    }
    if (rc == EM_OK) {
        *out = ex_merge(e->type, srcs, src, pos, n, err);
        if (!*out)
            rc = err ? err->code : EM_EINTERNAL;
    }
    for (int i = 0; i < n_srcs; i++)
        vec_release(srcs[i]);
    em_free(srcs);
    em_free(src);
    em_free(pos);
    em_free(rem);
    em_free(take);
    em_free(keep);
    return rc;
}

/* value IN (items...): items are evaluated in order only on rows not decided yet (Spark's
   In.eval returns at the first match). */
/* Whether IN item `it` is a literal whose stored value compares with values of type t by
   ty_compare as it is (same physical layout), so it need not be broadcast to every row. */
static bool ex_in_plain_literal(const pl_expr *it, const ty *t)
{
    if (it->kind != PX_LITERAL || !it->lit)
        return false;
    const ty *lt = it->lit->type;
    if (lt->kind == TY_NULL)
        return true;
    if (lt->kind != t->kind || (it->type && it->type->kind != lt->kind))
        return false;
    switch (t->kind) {
    case TY_BOOLEAN:
    case TY_BYTE:
    case TY_SHORT:
    case TY_INT:
    case TY_LONG:
    case TY_FLOAT:
    case TY_DOUBLE:
    case TY_DATE:
    case TY_TIMESTAMP:
    case TY_TIMESTAMP_NTZ:
    case TY_STRING:
    case TY_BINARY:
        return true;
    case TY_DECIMAL:
        return lt->scale == t->scale;
    default:
        return false;
    }
}

static int ex_eval_in(ex_query *q, const pl_expr *e, const vec_batch *in, const int64_t *sel,
                      int64_t n, vec **out, em_error *err)
{
    vec *v = NULL;
    int rc = ex_eval_sel(q, e->args[0], in, sel, n, &v, err);
    if (rc)
        return rc;
    vec *o = vec_new(ty_boolean(), n);
    if (n > 0)
        memset(o->values, 0, (size_t)n);
    o->len = n;
    bool *saw_null = em_calloc((size_t)(n ? n : 1), sizeof *saw_null);
    int64_t *rem = em_malloc((size_t)(n ? n : 1) * sizeof *rem);
    int64_t n_rem = 0;
    for (int64_t i = 0; i < n; i++) {
        if (v->type->kind == TY_NULL || vec_is_null(v, i))
            vec_set_null(o, i);
        else
            rem[n_rem++] = i;
    }
    /* A list of plain literals (`x IN ('MAIL', 'SHIP')`): each row is compared with the
       literals' own values, as the general path below compares it with their broadcasts. */
    bool literals = v->type->kind != TY_NULL;
    for (int k = 1; k < e->n_args && literals; k++)
        literals = ex_in_plain_literal(e->args[k], v->type);
    if (literals && n_rem > 0) {
        bool list_null = false;
        for (int k = 1; k < e->n_args; k++) {
            const vec *lit = e->args[k]->lit;
            if (lit->type->kind == TY_NULL || vec_is_null(lit, 0))
                list_null = true;
        }
        int64_t keep = 0;
        for (int64_t j = 0; j < n_rem; j++) {
            int64_t row = rem[j];
            bool found = false;
            for (int k = 1; k < e->n_args && !found; k++) {
                const vec *lit = e->args[k]->lit;
                if (lit->type->kind != TY_NULL && !vec_is_null(lit, 0) &&
                    ty_compare(v, row, lit, 0) == 0)
                    found = true;
            }
            if (found) {
                VEC_VALUES(o, uint8_t)[row] = 1;
            } else {
                saw_null[row] = list_null;
                rem[keep++] = row;
            }
        }
        n_rem = keep;
    }
    for (int k = 1; k < e->n_args && n_rem > 0 && rc == EM_OK && !literals; k++) {
        int64_t *s = ex_compose_sel(sel, rem, n_rem);
        vec *item = NULL;
        rc = ex_eval_sel(q, e->args[k], in, s, n_rem, &item, err);
        em_free(s);
        if (rc)
            break;
        int64_t keep = 0;
        for (int64_t j = 0; j < n_rem; j++) {
            int64_t row = rem[j];
            if (item->type->kind == TY_NULL || vec_is_null(item, j)) {
                saw_null[row] = true;
                rem[keep++] = row;
            } else if (ty_compare(v, row, item, j) == 0) {
                VEC_VALUES(o, uint8_t)[row] = 1;
            } else {
                rem[keep++] = row;
            }
        }
        n_rem = keep;
        vec_release(item);
    }
    for (int64_t j = 0; rc == EM_OK && j < n_rem; j++)
        if (saw_null[rem[j]])
            vec_set_null(o, rem[j]);
    em_free(saw_null);
    em_free(rem);
    vec_release(v);
    if (rc) {
        vec_release(o);
        return rc;
    }
    *out = o;
    return EM_OK;
}

static int ex_eval_call(ex_query *q, const pl_expr *e, const vec_batch *in, const int64_t *sel,
                        int64_t n, vec **out, em_error *err)
{
    const fn_def *def = e->fn;
    if (!def || !def->eval)
        return em_error_internal(err, "function %s cannot be evaluated here",
                                 e->name ? e->name : "?");
    switch (def->lazy) {
    case FN_LAZY_AND:
    case FN_LAZY_OR:
        return ex_eval_andor(q, e, in, sel, n, out, err);
    case FN_LAZY_IF:
    case FN_LAZY_CASE_WHEN:
    case FN_LAZY_COALESCE:
        return ex_eval_branches(q, e, in, sel, n, out, err);
    case FN_LAZY_IN:
        return ex_eval_in(q, e, in, sel, n, out, err);
    default:
        break;
    }
    vec *stack_args[8];
    vec **args = e->n_args <= 8 ? stack_args : em_calloc((size_t)e->n_args, sizeof *args);
    int rc = EM_OK;
    int done = 0;
    for (; done < e->n_args; done++) {
        if (e->args[done]->kind == PX_LAMBDA) { /* run by the kernel (fn.h) */
            args[done] = NULL;
            continue;
        }
        rc = ex_eval_sel(q, e->args[done], in, sel, n, &args[done], err);
        if (rc)
            break;
    }
    if (rc == EM_OK) {
        fn_ctx ctx = {.opts = &q->opts, .scratch = NULL};
        ex_call_frame frame;
        ex_fn_ctx_init(q, &ctx, &frame, in, sel, n);
        rc = def->eval(e, args, n, &ctx, out, err);
        if (rc == EM_OK && !*out)
            rc = em_error_internal(err, "function %s returned no result", def->name);
    }
    for (int i = 0; i < done; i++)
        vec_release(args[i]);
    if (args != stack_args)
        em_free(args);
    return rc;
}

static int ex_eval_extract(ex_query *q, const pl_expr *e, const vec_batch *in, const int64_t *sel,
                           int64_t n, vec **out, em_error *err)
{
    if (e->n_args >= 2 && e->args[0]->type && e->args[0]->type->kind != TY_STRUCT)
        return ex_extract_collection(q, e, in, sel, n, out, err); /* arrays, maps: ex_coll.c */
    if (e->n_args < 1 || e->ordinal < 0)
        return em_error_set(err, "UNSUPPORTED_FEATURE.NOT_IMPLEMENTED", "feature",
                            "this extraction", NULL);
    vec *base = NULL;
    int rc = ex_eval_sel(q, e->args[0], in, sel, n, &base, err);
    if (rc)
        return rc;
    if (base->type->kind != TY_STRUCT || e->ordinal >= base->n_children) {
        vec_release(base);
        return em_error_internal(err, "struct field extraction on a non-struct");
    }
    vec *field = base->children[e->ordinal];
    vec *o = vec_new(e->type, n);
    for (int64_t r = 0; r < n; r++) {
        rc = vec_is_null(base, r) ? (vec_append_null(o), EM_OK) : vec_append_from(o, field, r, err);
        if (rc) {
            vec_release(o);
            vec_release(base);
            return rc;
        }
    }
    vec_release(base);
    *out = o;
    return EM_OK;
}

static int ex_eval_sel(ex_query *q, const pl_expr *e, const vec_batch *in, const int64_t *sel,
                       int64_t n, vec **out, em_error *err)
{
    *out = NULL;
    switch (e->kind) {
    case PX_COLREF: {
        if (!in || e->col_index < 0 || e->col_index >= in->n_cols || !in->cols[e->col_index])
            return em_error_internal(err, "column reference %d out of range", e->col_index);
        vec *c = in->cols[e->col_index];
        if (!sel && c->len == n) {
            *out = vec_retain(c);
            return EM_OK;
        }
        if (!sel)
            return em_error_internal(err, "column %d has %lld rows, expected %lld", e->col_index,
                                     (long long)c->len, (long long)n);
        *out = ex_take_rows(c, sel, n, err);
        return *out ? EM_OK : (err ? err->code : EM_EINTERNAL);
    }
    case PX_LITERAL:
        *out = ex_broadcast_literal(e->lit, e->type ? e->type : e->lit->type, n, err);
        return *out ? EM_OK : (err ? err->code : EM_EINTERNAL);
    case PX_ALIAS:
        return ex_eval_sel(q, e->args[0], in, sel, n, out, err);
    case PX_CAST: {
        vec *c = NULL;
        int rc = ex_eval_sel(q, e->args[0], in, sel, n, &c, err);
        if (rc)
            return rc;
        rc =
            ty_cast_vec(c, e->cast_type ? e->cast_type : e->type, e->eval_mode, &q->opts, out, err);
        vec_release(c);
        return rc;
    }
    case PX_CALL:
        return ex_eval_call(q, e, in, sel, n, out, err);
    case PX_EXTRACT:
        return ex_eval_extract(q, e, in, sel, n, out, err);
    case PX_LAMBDA_VAR:
        return ex_lambda_var_eval(q, e, sel, n, out, err);
    case PX_SCALAR_SUBQUERY:
    case PX_EXISTS:
    case PX_IN_SUBQUERY:
        return ex_subquery_eval(q, e, in, sel, n, out, err); /* ex_subquery.c */
    case PX_OUTER_REF:
        return ex_outer_ref_eval(q, e, n, out, err);
    default:
        return em_error_internal(err, "expression kind %d cannot be evaluated", (int)e->kind);
    }
}

int ex_eval(ex_query *q, const pl_expr *e, const vec_batch *in, const int64_t *sel, int64_t n_sel,
            vec **out, em_error *err)
{
    return ex_eval_sel(q, e, in, sel, n_sel, out, err);
}
