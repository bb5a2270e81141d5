/*
 * ex_query: the executor's public entry points (ex_open / ex_next / ex_cancel / ex_close /
 * ex_run_all) and the operator tree: building an operator per resolved node kind, pulling from
 * children with cancellation checks, and freeing the tree.
 *
 * Cancellation: ex_cancel sets an atomic flag; every pull between operators checks it, and
 * blocking operators check it per input batch, so a running ex_next returns
 * OPERATION_CANCELED within one batch of work. Worker clones of parallel operators (ex_par.c)
 * check their main query's flag as well as their own.
 *
 * Memory budget: each main query carries a byte budget (pl_session_opts.memory_limit, default
 * half of physical RAM) and a counter; ex_mem_acquire charges it (the query running on this
 * thread when none is given: ex_next and parallel workers set it) and raises Spark's
 * UNABLE_TO_ACQUIRE_MEMORY past the budget.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "common/em_mem.h"
#include "exec/ex_int.h"

ex_op *ex_op_new(ex_query *q, const pl_node *n, const ex_op_vtbl *vt, int n_children)
{
    ex_op *op = em_calloc(1, sizeof *op);
    op->vt = vt;
    op->node = n;
    op->q = q;
    op->n_children = n_children;
    op->children = n_children ? em_calloc((size_t)n_children, sizeof *op->children) : NULL;
    return op;
}

void ex_op_free(ex_op *op)
{
    if (!op)
        return;
    for (int i = 0; i < op->n_children; i++)
        ex_op_free(op->children[i]);
    if (op->vt && op->vt->release)
        op->vt->release(op);
    em_free(op->children);
    em_free(op);
}

int ex_check_cancel(ex_query *q, em_error *err)
{
    if (atomic_load_explicit(&q->canceled, memory_order_relaxed) ||
        (q->main && atomic_load_explicit(&q->main->canceled, memory_order_relaxed)))
        return em_error_canceled(err);
    return EM_OK;
}

/* ---- memory budget ---------------------------------------------------------------------- */

static _Thread_local ex_query *ex_tls_query;

ex_query *ex_current(void)
{
    return ex_tls_query;
}

ex_query *ex_set_current(ex_query *q)
{
    ex_query *prev = ex_tls_query;
    ex_tls_query = q;
    return prev;
}

int ex_mem_acquire(ex_query *q, ex_query **acct, int64_t bytes, em_error *err)
{
    *acct = NULL;
    if (!q)
        q = ex_tls_query;
    if (!q || bytes <= 0)
        return EM_OK;
    ex_query *m = q->main ? q->main : q;
    int64_t now = atomic_fetch_add_explicit(&m->mem_used, bytes, memory_order_relaxed) + bytes;
    if (m->mem_limit > 0 && now > m->mem_limit) {
        atomic_fetch_sub_explicit(&m->mem_used, bytes, memory_order_relaxed);
        char req[32], got[32];
        snprintf(req, sizeof req, "%lld", (long long)bytes);
        snprintf(got, sizeof got, "%lld", 0LL);
        bool was_set = em_error_is_set(err);
        em_error_set(err, "UNABLE_TO_ACQUIRE_MEMORY", "requestedBytes", req, "receivedBytes", got,
                     NULL);
        if (err && !was_set)
            err->code = EM_ENOMEM;
        return EM_ENOMEM;
    }
    *acct = m;
    return EM_OK;
}

void ex_mem_release(ex_query *acct, int64_t bytes)
{
    if (acct && bytes > 0)
        atomic_fetch_sub_explicit(&acct->mem_used, bytes, memory_order_relaxed);
}

int ex_child_next(ex_op *op, int i, vec_batch **out, em_error *err)
{
    *out = NULL;
    if (ex_check_cancel(op->q, err))
        return -1;
    ex_op *c = op->children[i];
    int rc = c->vt->next(c, out, err);
    if (rc < 0 && !em_error_is_set(err))
        em_error_internal(err, "operator %s failed without an error", pl_kind_name(c->node->kind));
    return rc;
}

int64_t ex_batch_rows(const ex_query *q)
{
    return q->opts.batch_rows > 0 ? q->opts.batch_rows : VEC_BATCH_ROWS;
}

int ex_build(ex_query *q, const pl_node *n, ex_op **out, em_error *err)
{
    *out = NULL;
    if (!n)
        return em_error_internal(err, "missing plan node");
    if (q->is_worker && n == q->xleaf)
        return ex_feed_init(q, n, out, err);
    if (!q->is_worker && q->opts.threads > 1) {
        int par = ex_par_try_build(q, n, out, err);
        if (par < 0)
            return err && err->code ? err->code : EM_EINTERNAL;
        if (par > 0)
            return EM_OK;
    }
    switch (n->kind) {
    case PL_RANGE:
        return ex_range_init(q, n, out, err);
    case PL_LOCAL:
        return ex_local_init(q, n, out, err);
    case PL_ONE_ROW:
        return ex_one_row_init(q, n, out, err);
    case PL_PROJECT:
        return ex_project_init(q, n, out, err);
    case PL_FILTER:
        return ex_filter_init(q, n, out, err);
    case PL_LIMIT:
    case PL_OFFSET:
        /* Added (top-N, op_topn.c): Limit directly over Sort keeps only the best rows. */
        if (ex_topn_applies(q, n))
            return ex_topn_init(q, n, out, err);
        return ex_limit_init(q, n, out, err);
    case PL_TAIL:
        return ex_tail_init(q, n, out, err);
    case PL_SORT:
        return ex_sort_init(q, n, out, err);
    case PL_AGGREGATE:
        return ex_agg_init(q, n, out, err);
    case PL_DEDUP:
        return ex_dedup_init(q, n, out, err);
    case PL_SUBQUERY_ALIAS:
    case PL_HINT:
        return ex_passthrough_init(q, n, out, err);
    case PL_REPARTITION:
        return ex_repartition_init(q, n, out, err);
    case PL_SHOW_STRING:
        return ex_show_init(q, n, out, err);
    case PL_JOIN:
        return ex_join_init(q, n, out, err);
    case PL_SET_OP:
        return ex_setop_init(q, n, out, err);
    case PL_WINDOW:
        return ex_window_init(q, n, out, err);
    case PL_SAMPLE:
        return ex_sample_init(q, n, out, err);
    case PL_HTML_STRING:
        return ex_html_init(q, n, out, err);
    case PL_GENERATE:
        return ex_generate_init(q, n, out, err);
    case PL_READ_SOURCE:
        return ex_scan_source_init(q, n, out, err);
    default:
        return em_error_set(err, "UNSUPPORTED_FEATURE.NOT_IMPLEMENTED", "feature",
                            pl_kind_name(n->kind), NULL);
    }
}

/* Whether an expression calls a function that observes partition ids. */
static bool ex_expr_uses_partition_ids(const pl_expr *e)
{
    if (!e)
        return false;
    if ((e->kind == PX_CALL) && e->fn &&
        (strcasecmp(e->fn->name, "spark_partition_id") == 0 ||
         strcasecmp(e->fn->name, "monotonically_increasing_id") == 0))
        return true;
    for (int i = 0; i < e->n_args; i++)
        if (ex_expr_uses_partition_ids(e->args[i]))
            return true;
    return false;
}

/* Whether the plan's select lists, grouping lists or filters observe partition ids. */
static bool ex_plan_uses_partition_ids(const pl_node *n)
{
    if (!n)
        return false;
    for (int i = 0; i < n->n_exprs; i++)
        if (ex_expr_uses_partition_ids(n->exprs[i]))
            return true;
    for (int i = 0; i < n->n_groups; i++)
        if (ex_expr_uses_partition_ids(n->groups[i]))
            return true;
    if (n->kind == PL_FILTER && ex_expr_uses_partition_ids(n->u.filter.cond))
        return true;
    for (int i = 0; i < n->n_children; i++)
        if (ex_plan_uses_partition_ids(n->children[i]))
            return true;
    return false;
}

ex_query *ex_open(const pl_node *root, const pl_session_opts *opts, em_error *err)
{
    ex_query *q = em_calloc(1, sizeof *q);
    if (opts)
        q->opts = *opts;
    /* Added (spilling): the query's own copy of the spill folder's name. */
    if (q->opts.spill_dir) {
        q->spill_dir_copy = em_strdup(q->opts.spill_dir);
        q->opts.spill_dir = q->spill_dir_copy;
    }
    ex_mem_hooks_install(); /* Added (memory accounting): collect_list & co. states */
    if (q->opts.batch_rows <= 0)
        q->opts.batch_rows = VEC_BATCH_ROWS;
    /* Added (spilling): the forced-spilling test permutation, from the environment. */
    const char *force = getenv("EMBER_FORCE_SPILL");
    if (force && force[0] == '1')
        q->opts.spill_force = true;
    atomic_init(&q->spill_bytes, 0);
    atomic_init(&q->canceled, false);
    q->plan_root = root;
    q->uses_partition_ids = ex_plan_uses_partition_ids(root);
    q->main = q;
    atomic_init(&q->mem_used, 0);
    /* The default budget: half of physical memory (spark.ember.memory.limit overrides). */
    q->mem_limit = q->opts.memory_limit > 0 ? q->opts.memory_limit : em_mem_physical() / 2;
    if (ex_build(q, root, &q->root, err)) {
        ex_close(q);
        return NULL;
    }
    return q;
}

int ex_next(ex_query *q, vec_batch **out, em_error *err)
{
    *out = NULL;
    if (q->done)
        return 0;
    if (ex_check_cancel(q, err))
        return -1;
    ex_query *prev = ex_set_current(q);
    int rc = q->root->vt->next(q->root, out, err);
    ex_set_current(prev);
    if (rc < 0 && !em_error_is_set(err))
        em_error_internal(err, "query failed without an error");
    if (rc <= 0)
        q->done = rc == 0;
    return rc;
}

int64_t ex_spilled_bytes(const ex_query *q)
{
    return q ? atomic_load_explicit(&((ex_query *)q)->spill_bytes, memory_order_relaxed) : 0;
}

void ex_cancel(ex_query *q)
{
    if (q)
        atomic_store_explicit(&q->canceled, true, memory_order_relaxed);
}

void ex_close(ex_query *q)
{
    if (!q)
        return;
    ex_op_free(q->root);
    ex_call_states_free(q);
    ex_subq_cache_free(q); /* ex_subquery.c */
    em_free(q->spill_dir_copy);
    em_free(q);
}

int ex_run_all(const pl_node *root, const pl_session_opts *opts, vec_batch **out, em_error *err)
{
    *out = NULL;
    ex_query *q = ex_open(root, opts, err);
    if (!q)
        return err ? err->code : EM_EINTERNAL;
    const ty **types = ex_node_types(root);
    ex_rows rows;
    ex_rows_init(&rows, root->n_out, types);
    int rc;
    vec_batch *b;
    while ((rc = ex_next(q, &b, err)) > 0) {
        rc = ex_rows_append(&rows, b, NULL, b->n_rows, err);
        vec_batch_free(b);
        if (rc)
            break;
    }
    if (rc == 0)
        *out = ex_rows_batch(&rows, 0, rows.n_rows, err);
    ex_rows_release(&rows);
    em_free(types);
    ex_close(q);
    if (rc == 0 && !*out)
        rc = err ? err->code : EM_EINTERNAL;
    return rc < 0 ? (err && err->code ? err->code : EM_EINTERNAL) : rc;
}
