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
 * States: open (scan started at init) -> next: one source batch -> one output batch ... -> the
 * source ends -> done. Cancellation is checked per batch.
 */
#include <string.h>

#include "common/em_mem.h"
#include "exec/ex_int.h"
#include "io/source.h"

typedef struct ex_src_state {
    const io_source *src;
    io_scan *scan;
    int n_out;
    int n_used;
    int *used;  /* output column of each scan column */
    bool *need; /* per output column */
} ex_src_state;

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

/* ---- the operator ------------------------------------------------------------------------- */

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
    for (int i = 0; i < st->n_used; i++)
        o->cols[st->used[i]] = vec_retain(b->cols[i]);
    for (int i = 0; i < st->n_out; i++)
        if (!o->cols[i])
            o->cols[i] = vec_new_nulls(op->node->out[i].type, b->n_rows);
    vec_batch_free(b);
    *out = o;
    return 1;
}

static void ex_src_release(ex_op *op)
{
    ex_src_state *st = op->state;
    if (!st)
        return;
    if (st->scan)
        io_source_ops_of(st->src)->close(st->scan);
    em_free(st->used);
    em_free(st->need);
    em_free(st);
}

static const ex_op_vtbl ex_src_vt = {ex_src_next, ex_src_release};

int ex_scan_source_init(ex_query *q, const pl_node *n, ex_op **out, em_error *err)
{
    *out = NULL;
    const io_source *src = n->u.read.source;
    if (!src)
        return em_error_set(err, "UNSUPPORTED_FEATURE.NOT_IMPLEMENTED", "feature",
                            "reading a data source that was not resolved", NULL);
    if (io_source_schema_of(src)->n_fields != n->n_out)
        return em_error_internal(err, "data source has %d columns, the plan %d",
                                 io_source_schema_of(src)->n_fields, n->n_out);
    ex_op *op = ex_op_new(q, n, &ex_src_vt, 0);
    ex_src_state *st = em_calloc(1, sizeof *st);
    op->state = st;
    st->src = src;
    st->n_out = n->n_out;
    st->need = em_calloc((size_t)n->n_out + 1, sizeof(bool));
    const pl_node *root = q->plan_root ? q->plan_root : n;
    bool *root_need = em_calloc((size_t)root->n_out + 1, sizeof(bool));
    for (int i = 0; i < root->n_out; i++)
        root_need[i] = true;
    if (!ex_src_walk(root, root_need, n, st->need))
        for (int i = 0; i < n->n_out; i++)
            st->need[i] = true;
    em_free(root_need);
    st->used = em_calloc((size_t)n->n_out + 1, sizeof(int));
    for (int i = 0; i < n->n_out; i++)
        if (st->need[i])
            st->used[st->n_used++] = i;
    if (io_source_ops_of(src)->open(src, st->used, st->n_used, ex_batch_rows(q), &st->scan, err)) {
        ex_op_free(op);
        return err && err->code ? err->code : EM_EINTERNAL;
    }
    *out = op;
    return EM_OK;
}
