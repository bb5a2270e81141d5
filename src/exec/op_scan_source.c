/*
 * op_scan_source: the file scan of a resolved PL_READ_SOURCE (spark.read..., file-backed
 * tables). The node carries the data-source layer's resolved source (u.read.source, an
 * io_source); the scan calls it through io_source_ops_of, so exec/ needs no link dependency on
 * io/.
 *
 * Projection pushdown: before opening the scan, the operator walks the plan from the root to
 * find which of its output columns the operators above read (their expressions, the columns
 * they pass through, every column for the kinds it does not know), and asks the source for
 * those only - Parquet decodes only those columns, CSV converts only those values (and its
 * malformed-record rules follow the columns read, as Spark's do). The other output columns are
 * filled with NULL vectors that nothing reads.
 *
 * Pruning: the conjuncts the optimizer pushed into the node (u.read.pushed_filters) that have
 * the forms io/ understands (column or CAST(column) compared with a literal, IS [NOT] NULL,
 * IN of literals) become io_preds; the source then skips files whose partition values and
 * Parquet row groups whose statistics prove no row matches. The Filter above still runs.
 *
 * Parallel scans (ex_par.c): ex_src_parts_new plans the scan once (io_source_ops.plan: parts =
 * files, row groups, text byte ranges, after pruning); each worker opens its own scan of one
 * part (ex_scan_parts_init), so decoding runs in parallel without a shared lock.
 *
 * States: open (scan started at init) -> next: one source batch -> one output batch ... -> the
 * source ends -> done. Cancellation is checked per batch.
 */
#include <string.h>

#include "common/em_mem.h"
#include "exec/ex_int.h"
#include "io/source.h"
#include "types/ty_cast.h"

typedef struct ex_src_state {
    const io_source *src;
    io_scan *scan;
    int n_out;
    int n_used;
    int *used;         /* output column of each scan column */
    io_parts *parts;   /* a pruned serial scan's plan (owned), else NULL */
    vec **nulls;       /* per output column not read: a shared all-NULL vector of nulls_len */
    int64_t nulls_len; /* rows, shared by every batch of that size (nothing mutates them) */
} ex_src_state;

struct ex_src_parts {
    const io_source *src;
    int n_out;
    int n_used;
    int *used;
    io_parts *parts;
};

/* ---- which columns the plan reads ------------------------------------------------------- */

static void ex_src_refs(const pl_expr *e, bool *need, int n);

static void ex_src_refs_window(const pl_window_spec *w, bool *need, int n)
{
    if (!w)
        return;
    for (int i = 0; i < w->n_partition; i++)
        ex_src_refs(w->partition[i], need, n);
    for (int i = 0; i < w->n_order; i++)
        ex_src_refs(w->order[i], need, n);
    if (w->lower.value)
        ex_src_refs(w->lower.value, need, n);
    if (w->upper.value)
        ex_src_refs(w->upper.value, need, n);
}

static void ex_src_refs(const pl_expr *e, bool *need, int n)
{
    if (!e)
        return;
    if (e->kind == PX_COLREF && e->col_index >= 0 && e->col_index < n)
        need[e->col_index] = true;
    for (int i = 0; i < e->n_args; i++)
        ex_src_refs(e->args[i], need, n);
    ex_src_refs_window(e->window, need, n);
}

static void ex_src_refs_list(pl_expr *const *list, int count, bool *need, int n)
{
    for (int i = 0; i < count; i++)
        ex_src_refs(list[i], need, n);
}

/*
 * Marks in target_need the columns of target read above it; need_n says which outputs of n are
 * read by n's parent. Returns whether target is in n's subtree.
 */
static bool ex_src_walk(const pl_node *n, const bool *need_n, const pl_node *target,
                        bool *target_need)
{
    if (!n)
        return false;
    if (n == target) {
        for (int i = 0; i < n->n_out; i++)
            target_need[i] = target_need[i] || need_n[i];
        return true;
    }
    bool found = false;
    for (int ci = 0; ci < n->n_children; ci++) {
        const pl_node *c = n->children[ci];
        if (!c)
            continue;
        int cn = c->n_out;
        bool *cneed = em_calloc((size_t)cn + 1, sizeof(bool));
        bool all = false;
        switch (n->kind) {
        case PL_PROJECT:
            ex_src_refs_list(n->exprs, n->n_exprs, cneed, cn);
            break;
        case PL_FILTER:
            for (int i = 0; i < cn && i < n->n_out; i++)
                cneed[i] = need_n[i];
            ex_src_refs(n->u.filter.cond, cneed, cn);
            break;
        case PL_SORT:
            for (int i = 0; i < cn && i < n->n_out; i++)
                cneed[i] = need_n[i];
            ex_src_refs_list(n->exprs, n->n_exprs, cneed, cn);
            break;
        case PL_LIMIT:
        case PL_OFFSET:
        case PL_TAIL:
        case PL_SAMPLE:
        case PL_SUBQUERY_ALIAS:
        case PL_HINT:
        case PL_REPARTITION:
            for (int i = 0; i < cn && i < n->n_out; i++)
                cneed[i] = need_n[i];
            ex_src_refs_list(n->exprs, n->n_exprs, cneed, cn);
            ex_src_refs_list(n->groups, n->n_groups, cneed, cn);
            break;
        case PL_DEDUP:
            for (int i = 0; i < cn && i < n->n_out; i++)
                cneed[i] = need_n[i];
            for (int k = 0; k < n->u.dedup.n_keys; k++)
                if (n->u.dedup.keys[k] >= 0 && n->u.dedup.keys[k] < cn)
                    cneed[n->u.dedup.keys[k]] = true;
            if (n->u.dedup.n_keys == 0)
                all = true;
            break;
        case PL_AGGREGATE:
            ex_src_refs_list(n->groups, n->n_groups, cneed, cn);
            ex_src_refs_list(n->u.agg.aggs, n->u.agg.n_aggs, cneed, cn);
            break;
        case PL_WINDOW:
        case PL_GENERATE:
            for (int i = 0; i < cn && i < n->n_out; i++)
                cneed[i] = need_n[i];
            ex_src_refs_list(n->exprs, n->n_exprs, cneed, cn);
            break;
        case PL_JOIN: {
            int left = n->children[0] ? n->children[0]->n_out : 0;
            int off = ci == 0 ? 0 : left;
            bool semi = n->u.join.type == PL_JOIN_LEFT_SEMI || n->u.join.type == PL_JOIN_LEFT_ANTI;
            if (ci == 0 || !semi)
                for (int i = 0; i < cn && off + i < n->n_out; i++)
                    cneed[i] = need_n[off + i];
            if (n->u.join.cond) {
                int total =
                    left + (n->n_children > 1 && n->children[1] ? n->children[1]->n_out : 0);
                bool *jn = em_calloc((size_t)total + 1, sizeof(bool));
                ex_src_refs(n->u.join.cond, jn, total);
                for (int i = 0; i < cn; i++)
                    if (jn[off + i])
                        cneed[i] = true;
                em_free(jn);
            }
            if (n->u.join.n_using > 0)
                all = true;
            break;
        }
        case PL_SET_OP:
            if (n->u.set_op.type == PL_SETOP_UNION && n->u.set_op.is_all && cn == n->n_out)
                for (int i = 0; i < cn; i++)
                    cneed[i] = need_n[i];
            else
                all = true;
            break;
        default:
            all = true;
            break;
        }
        if (all)
            for (int i = 0; i < cn; i++)
                cneed[i] = true;
        if (ex_src_walk(c, cneed, target, target_need))
            found = true;
        em_free(cneed);
    }
    return found;
}

/* ---- pushed filters -> io predicates ----------------------------------------------------- */

/* The pushed conjuncts in the forms io/ uses (source.h io_pred); literals are borrowed from the
   plan, or computed (a cast of a literal) into *owned. */
typedef struct ex_src_preds {
    int n, cap;
    io_pred *preds;
    int n_owned, cap_owned;
    vec **owned;
    const vec ***lists; /* the values array of each pred (freed with it) */
} ex_src_preds;

static void ex_src_preds_free(ex_src_preds *ps)
{
    for (int i = 0; i < ps->n_owned; i++)
        vec_release(ps->owned[i]);
    for (int i = 0; i < ps->n; i++)
        em_free(ps->lists[i]);
    em_free(ps->owned);
    em_free(ps->lists);
    em_free(ps->preds);
    memset(ps, 0, sizeof *ps);
}

/* A literal's value: PX_LITERAL, or a cast of one evaluated here; NULL when not a literal. */
static const vec *ex_src_lit(ex_query *q, ex_src_preds *ps, const pl_expr *e)
{
    if (e->kind == PX_LITERAL)
        return e->lit && e->lit->len >= 1 ? e->lit : NULL;
    if (e->kind != PX_CAST || e->n_args != 1 || !e->args[0] || e->args[0]->kind != PX_LITERAL ||
        !e->args[0]->lit || !e->type)
        return NULL;
    vec *o = NULL;
    em_error er;
    em_error_clear(&er);
    if (ty_cast_vec(e->args[0]->lit, e->type, e->eval_mode, &q->opts, &o, &er)) {
        em_error_clear(&er);
        return NULL; /* the Filter raises the cast's error, if any */
    }
    if (ps->n_owned == ps->cap_owned) {
        ps->cap_owned = ps->cap_owned ? ps->cap_owned * 2 : 8;
        ps->owned = em_realloc(ps->owned, (size_t)ps->cap_owned * sizeof *ps->owned);
    }
    ps->owned[ps->n_owned++] = o;
    return o;
}

/* A column side: PX_COLREF, or CAST(PX_COLREF AS t). */
static bool ex_src_col(const pl_expr *e, int n_out, int *col, const ty **cast_to)
{
    *cast_to = NULL;
    if (e->kind == PX_CAST && e->n_args == 1 && e->args[0]) {
        *cast_to = e->type;
        e = e->args[0];
    }
    if (e->kind != PX_COLREF || e->col_index < 0 || e->col_index >= n_out)
        return false;
    *col = e->col_index;
    return true;
}

static void ex_src_pred_push(ex_src_preds *ps, int col, io_pred_op op, const ty *cast_to,
                             int n_values, const vec **values)
{
    if (ps->n == ps->cap) {
        ps->cap = ps->cap ? ps->cap * 2 : 8;
        ps->preds = em_realloc(ps->preds, (size_t)ps->cap * sizeof *ps->preds);
        ps->lists = em_realloc(ps->lists, (size_t)ps->cap * sizeof *ps->lists);
    }
    ps->lists[ps->n] = values;
    ps->preds[ps->n++] =
        (io_pred){.col = col, .op = op, .cast_to = cast_to, .n_values = n_values, .values = values};
}

static void ex_src_pred_add(ex_query *q, ex_src_preds *ps, const pl_expr *e, int n_out)
{
    if (!e || e->kind != PX_CALL || !e->fn || !e->fn->name)
        return;
    const char *name = e->fn->name;
    int col;
    const ty *cast_to;
    if (strcmp(name, "and") == 0 && e->n_args == 2) {
        ex_src_pred_add(q, ps, e->args[0], n_out);
        ex_src_pred_add(q, ps, e->args[1], n_out);
        return;
    }
    if ((strcmp(name, "isnull") == 0 || strcmp(name, "isnotnull") == 0) && e->n_args == 1) {
        if (ex_src_col(e->args[0], n_out, &col, &cast_to))
            ex_src_pred_push(ps, col,
                             strcmp(name, "isnotnull") == 0 ? IO_PRED_IS_NOT_NULL : IO_PRED_IS_NULL,
                             cast_to, 0, NULL);
        return;
    }
    if (strcmp(name, "in") == 0 && e->n_args >= 2) {
        if (!ex_src_col(e->args[0], n_out, &col, &cast_to))
            return;
        const vec **vals = em_calloc((size_t)e->n_args, sizeof *vals);
        for (int i = 1; i < e->n_args; i++)
            if (!(vals[i - 1] = ex_src_lit(q, ps, e->args[i]))) {
                em_free(vals);
                return;
            }
        ex_src_pred_push(ps, col, IO_PRED_IN, cast_to, e->n_args - 1, vals);
        return;
    }
    if (e->n_args != 2)
        return;
    io_pred_op op;
    bool null_safe = false;
    if (strcmp(name, "=") == 0 || strcmp(name, "==") == 0)
        op = IO_PRED_EQ;
    else if (strcmp(name, "<=>") == 0)
        op = IO_PRED_EQ, null_safe = true;
    else if (strcmp(name, "<") == 0)
        op = IO_PRED_LT;
    else if (strcmp(name, "<=") == 0)
        op = IO_PRED_LE;
    else if (strcmp(name, ">") == 0)
        op = IO_PRED_GT;
    else if (strcmp(name, ">=") == 0)
        op = IO_PRED_GE;
    else
        return;
    const pl_expr *c = e->args[0], *l = e->args[1];
    if (!ex_src_col(c, n_out, &col, &cast_to)) {
        c = e->args[1];
        l = e->args[0];
        if (!ex_src_col(c, n_out, &col, &cast_to))
            return;
        /* lit op col == col op' lit */
        op = op == IO_PRED_LT   ? IO_PRED_GT
             : op == IO_PRED_LE ? IO_PRED_GE
             : op == IO_PRED_GT ? IO_PRED_LT
             : op == IO_PRED_GE ? IO_PRED_LE
                                : op;
    }
    const vec *v = ex_src_lit(q, ps, l);
    if (!v)
        return;
    if (null_safe && vec_is_null(v, 0)) {
        ex_src_pred_push(ps, col, IO_PRED_IS_NULL, cast_to, 0, NULL);
        return;
    }
    const vec **vals = em_calloc(1, sizeof *vals);
    vals[0] = v;
    ex_src_pred_push(ps, col, op, cast_to, 1, vals);
}

static void ex_src_preds_of(ex_query *q, const pl_node *n, ex_src_preds *ps)
{
    memset(ps, 0, sizeof *ps);
    for (int i = 0; i < n->u.read.n_pushed_filters; i++)
        ex_src_pred_add(q, ps, n->u.read.pushed_filters[i], n->n_out);
}

/* ---- the operator ------------------------------------------------------------------------- */

/* The output columns the plan reads from node n (into *used, em_malloc'd). */
static int ex_src_used(ex_query *q, const pl_node *n, int **used)
{
    bool *need = em_calloc((size_t)n->n_out + 1, sizeof(bool));
    const pl_node *root = q->plan_root ? q->plan_root : n;
    bool *root_need = em_calloc((size_t)root->n_out + 1, sizeof(bool));
    for (int i = 0; i < root->n_out; i++)
        root_need[i] = true;
    if (!ex_src_walk(root, root_need, n, need))
        for (int i = 0; i < n->n_out; i++)
            need[i] = true;
    em_free(root_need);
    *used = em_calloc((size_t)n->n_out + 1, sizeof(int));
    int n_used = 0;
    for (int i = 0; i < n->n_out; i++)
        if (need[i])
            (*used)[n_used++] = i;
    em_free(need);
    return n_used;
}

static int ex_src_check(const pl_node *n, em_error *err)
{
    const io_source *src = n->u.read.source;
    if (!src)
        return em_error_set(err, "UNSUPPORTED_FEATURE.NOT_IMPLEMENTED", "feature",
                            "reading a data source that was not resolved", NULL);
    if (io_source_schema_of(src)->n_fields != n->n_out)
        return em_error_internal(err, "data source has %d columns, the plan %d",
                                 io_source_schema_of(src)->n_fields, n->n_out);
    return EM_OK;
}

/* Added (progress): the decoded size of a vector (values, offsets, payload, children). */
static int64_t ex_src_vec_bytes(const vec *v, int depth)
{
    if (!v || depth > 64)
        return 0;
    int w = ty_fixed_width(v->type);
    int64_t total = w > 0 ? (int64_t)w * v->len : v->bytes_len + (v->offsets ? 4 * v->len : 0);
    for (int i = 0; i < v->n_children; i++)
        total += ex_src_vec_bytes(v->children[i], depth + 1);
    return total;
}

static int ex_src_next(ex_op *op, vec_batch **out, em_error *err)
{
    ex_src_state *st = op->state;
    *out = NULL;
    if (ex_check_cancel(op->q, err))
        return -1;
    vec_batch *b = NULL;
    int rc = io_source_ops_of(st->src)->next(st->scan, &b, err);
    if (rc <= 0)
        return rc;
    vec_batch *o = vec_batch_new(st->n_out, b->n_rows);
    int64_t n_bytes = 0; /* Added (progress): what this batch read, counted on the query */
    for (int i = 0; i < st->n_used; i++) {
        o->cols[st->used[i]] = vec_retain(b->cols[i]);
        n_bytes += ex_src_vec_bytes(b->cols[i], 0);
    }
    ex_scan_count(op->q, b->n_rows, n_bytes);
    /* the columns nothing reads: one all-NULL vector per column, shared by every batch of the
       same size (building them row by row cost more than decoding the columns read) */
    if (st->n_used < st->n_out && st->nulls_len != b->n_rows) {
        for (int i = 0; i < st->n_out; i++) {
            vec_release(st->nulls[i]);
            st->nulls[i] = NULL;
        }
        st->nulls_len = b->n_rows;
    }
    for (int i = 0; i < st->n_out; i++)
        if (!o->cols[i]) {
            if (!st->nulls[i])
                st->nulls[i] = vec_new_nulls(op->node->out[i].type, b->n_rows);
            o->cols[i] = vec_retain(st->nulls[i]);
        }
    vec_batch_free(b);
    *out = o;
    return 1;
}

static void ex_src_release(ex_op *op)
{
    ex_src_state *st = op->state;
    if (!st)
        return;
    const io_source_ops *ops = io_source_ops_of(st->src);
    if (st->scan)
        ops->close(st->scan);
    if (st->parts)
        ops->free_parts(st->parts);
    for (int i = 0; st->nulls && i < st->n_out; i++)
        vec_release(st->nulls[i]);
    em_free(st->nulls);
    em_free(st->used);
    em_free(st);
}

static const ex_op_vtbl ex_src_vt = {ex_src_next, ex_src_release};

static ex_op *ex_src_op_new(ex_query *q, const pl_node *n)
{
    ex_op *op = ex_op_new(q, n, &ex_src_vt, 0);
    ex_src_state *st = em_calloc(1, sizeof *st);
    op->state = st;
    st->src = n->u.read.source;
    st->n_out = n->n_out;
    st->nulls = em_calloc((size_t)n->n_out + 1, sizeof(vec *));
    st->nulls_len = -1;
    return op;
}

int ex_scan_source_init(ex_query *q, const pl_node *n, ex_op **out, em_error *err)
{
    *out = NULL;
    if (ex_src_check(n, err))
        return err->code;
    ex_op *op = ex_src_op_new(q, n);
    ex_src_state *st = op->state;
    const io_source_ops *ops = io_source_ops_of(st->src);
    st->n_used = ex_src_used(q, n, &st->used);
    ex_src_preds ps;
    ex_src_preds_of(q, n, &ps);
    int rc;
    if (ps.n > 0 && ops->plan) {
        /* pruned: one part holding every piece that may match (no splitting) */
        rc = ops->plan(st->src, st->used, st->n_used, ps.preds, ps.n, INT64_MAX, &st->parts, err);
        if (rc == EM_OK)
            rc = ops->open_parts(st->parts, 0, ops->num_parts(st->parts), ex_batch_rows(q),
                                 &st->scan, err);
    } else {
        rc = ops->open(st->src, st->used, st->n_used, ex_batch_rows(q), &st->scan, err);
    }
    ex_src_preds_free(&ps);
    if (rc) {
        ex_op_free(op);
        return err && err->code ? err->code : EM_EINTERNAL;
    }
    *out = op;
    return EM_OK;
}

int ex_src_parts_new(ex_query *q, const pl_node *n, int64_t target_rows, ex_src_parts **out,
                     em_error *err)
{
    *out = NULL;
    if (ex_src_check(n, err))
        return err->code;
    ex_src_parts *p = em_calloc(1, sizeof *p);
    p->src = n->u.read.source;
    p->n_out = n->n_out;
    p->n_used = ex_src_used(q, n, &p->used);
    ex_src_preds ps;
    ex_src_preds_of(q, n, &ps);
    int rc = io_source_ops_of(p->src)->plan(p->src, p->used, p->n_used, ps.preds, ps.n, target_rows,
                                            &p->parts, err);
    ex_src_preds_free(&ps);
    if (rc) {
        ex_src_parts_free(p);
        return err && err->code ? err->code : EM_EINTERNAL;
    }
    *out = p;
    return EM_OK;
}

int ex_src_parts_count(const ex_src_parts *p)
{
    return io_source_ops_of(p->src)->num_parts(p->parts);
}

int ex_scan_parts_init(ex_query *q, const pl_node *n, const ex_src_parts *p, int first, int end,
                       ex_op **out, em_error *err)
{
    *out = NULL;
    ex_op *op = ex_src_op_new(q, n);
    ex_src_state *st = op->state;
    st->n_used = p->n_used;
    st->used = em_calloc((size_t)p->n_used + 1, sizeof(int));
    if (p->n_used > 0)
        memcpy(st->used, p->used, (size_t)p->n_used * sizeof(int));
    if (io_source_ops_of(p->src)->open_parts(p->parts, first, end, ex_batch_rows(q), &st->scan,
                                             err)) {
        ex_op_free(op);
        return err && err->code ? err->code : EM_EINTERNAL;
    }
    *out = op;
    return EM_OK;
}

void ex_src_parts_free(ex_src_parts *p)
{
    if (!p)
        return;
    if (p->parts)
        io_source_ops_of(p->src)->free_parts(p->parts);
    em_free(p->used);
    em_free(p);
}
