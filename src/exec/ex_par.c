/*
 * ex_par: morsel-driven parallelism for the pull-based engine.
 *
 * Where it applies: a PIPELINE is a chain of streaming operators (Project, Filter,
 * SubqueryAlias, Hint, Repartition) over a leaf (Range, LocalRelation, file scan), whose
 * expressions are deterministic and thread-safe. When a main query runs with threads > 1,
 * ex_build asks ex_par_try_build first, which replaces
 *  - an Aggregate over a pipeline, when every aggregate merges exactly (ex_agg_mergeable), by a
 *    PARALLEL AGGREGATE: workers fill partial tables, the consumer merges them in first-seen
 *    group order and emits as the serial operator would;
 *  - the top of a pipeline with at least one Project/Filter by an ORDERED GATHER: workers run
 *    morsels, the consumer returns their batches in morsel order (= source order).
 * Everything else runs serially, so results are the serial engine's, row for row.
 *
 * Morsels: the leaf operator is built once, by the main query, and shared: a unit of work takes
 * the leaf's lock, numbers the next morsel and pulls about morsel_rows rows (whole batches) from
 * the leaf, then runs them without the lock through one of the exchange's CLONES: the pipeline
 * built again over a worker query (ex_query with is_worker, main = the query) whose leaf is an
 * ex_feed returning the morsel's batches. File scans are not pulled under the lock: the main
 * query plans them into parts once (ex_src_parts_new: files, Parquet row groups, byte ranges of
 * text files, after pruning by pushed filters), morsel i is part i, and the worker that claims
 * it opens its own scan of that part (its own file handle, decoder and buffers) as the feed of
 * its clone, so decoding runs in parallel; the ordered gather by part index keeps source order.
 *
 * Scheduling: each exchange is one job of the shared em_pool; a job's work callback runs one
 * morsel and then lets the worker move to the next job (round-robin over queries). A query's
 * parallelism is its number of clones (spark.ember.threads). Gathers keep at most `window`
 * morsels ahead of the consumer, so memory stays bounded when the consumer is slow.
 *
 * Errors and cancellation: the first error in MORSEL order wins (what the serial engine would
 * have raised first). After an error no morsels are started; morsels before it complete.
 * Workers check the query's cancel flag on every pull; the consumer waits with a timeout and
 * checks it too. Releasing the operator cancels the clones, removes the job (waiting for units
 * in flight) and frees everything.
 */
#include <pthread.h>
#include <string.h>
#include <time.h>

#include "common/em_mem.h"
#include "common/em_pool.h"
#include "exec/ex_int.h"
#include "io/source.h"

#define EX_PAR_MORSEL_ROWS 65536
#define EX_PAR_POS_SHIFT   32

/* The batches of one morsel, handed to a clone's ex_feed; or, for a file scan, the worker's
   own scan of the morsel's part, pulled as the clone pulls (src). */
typedef struct ex_feed {
    vec_batch **b;
    int n, cap, next;
    ex_op *src;
} ex_feed;

typedef struct ex_xclone {
    ex_query *wq;
    ex_op *root;
    ex_agg_table *partial;
    bool busy;
} ex_xclone;

/* Gather: the output of one morsel. */
typedef struct ex_xslot {
    int64_t idx;
    ex_feed out;
    bool done;
} ex_xslot;

typedef struct ex_xchg {
    ex_query *q;
    const pl_node *node; /* the operator's node: the Aggregate, or the gathered pipeline top */
    bool agg;
    int n_clones;
    ex_xclone *clones;
    ex_op *leaf; /* built by the main query, pulled under src_mu */
    /* file scans: the scan's parts (morsel i = part i), opened by the workers themselves;
       leaf is then NULL and src_next (under mu) is the next part to claim */
    ex_src_parts *parts;
    const pl_node *leaf_node;
    int64_t n_parts;
    int64_t morsel_rows;
    em_pool *pool;
    em_pool_job *job;

    pthread_mutex_t src_mu; /* leaf, src_next, src_done */
    int64_t src_next;
    bool src_done;

    pthread_mutex_t mu; /* everything below */
    pthread_cond_t cv;  /* consumer waits for results */
    int64_t claimed;    /* units started (each takes one morsel number) */
    int active;         /* units running */
    bool ended;         /* the leaf is exhausted: n_morsels is known */
    int64_t n_morsels;
    bool stop; /* error or release: start no more units */
    int64_t err_idx;
    em_error err;
    /* gather */
    int window;
    ex_xslot *slots; /* ring: morsel i in slots[i % window] */
    int64_t emit_next;
    /* aggregate */
    ex_agg_table *final;
    bool merged;
    /* Added (parallel joins): the hash joins of the pipeline, top-down; their build sides are
       built once by the main query (ex_xchg_prepare) and probed by every clone. need_finish:
       a right/full join emits its unmatched rows in one last unit (morsel n_morsels - 1, run
       alone after every other morsel). serial: the fallback when a build side spilled. */
    ex_join_share *joins;
    int n_joins;
    bool prepared, need_finish, fin_claimed, fin_done;
    ex_op *serial;
} ex_xchg;

/* ---- eligibility -------------------------------------------------------------------------- */

static bool ex_par_expr_ok(const pl_expr *e)
{
    if (!e)
        return true;
    switch (e->kind) {
    case PX_LITERAL:
    case PX_COLREF:
    case PX_ALIAS:
    case PX_CAST:
    case PX_EXTRACT:
    case PX_LAMBDA:
    case PX_LAMBDA_VAR:
    case PX_SORT_ORDER:
        break;
    case PX_CALL:
    case PX_AGG_CALL:
        if (!e->fn || !e->fn->deterministic || e->fn->kind == FN_GENERATOR)
            return false;
        break;
    default:
        return false;
    }
    for (int i = 0; i < e->n_args; i++)
        if (!ex_par_expr_ok(e->args[i]))
            return false;
    return true;
}

static bool ex_par_exprs_ok(pl_expr *const *list, int n)
{
    for (int i = 0; i < n; i++)
        if (!ex_par_expr_ok(list[i]))
            return false;
    return true;
}

/* Whether q's serial fallback is taking over join n's build (n is then not parallel). */
static bool ex_par_join_adopted(const ex_query *q, const pl_node *n)
{
    for (int i = 0; i < q->n_jshare; i++)
        if (q->jshare[i].node == n && q->jshare[i].adopt)
            return true;
    return false;
}

/* The leaf of the pipeline headed by n, or NULL when n is not one; *work counts the operators
   that compute (Project / Filter / Join probes). A Join continues the pipeline on its left
   (probe) side: its right side is built once by the main query. */
static const pl_node *ex_par_pipeline_leaf(const ex_query *q, const pl_node *n, int *work)
{
    for (;;) {
        switch (n->kind) {
        case PL_JOIN:
            if (n->n_children != 2 || !n->children[0] || !n->children[1] ||
                !ex_par_expr_ok(n->u.join.cond) || ex_par_join_adopted(q, n))
                return NULL;
            (*work)++;
            n = n->children[0];
            continue;
        case PL_RANGE:
        case PL_LOCAL:
        case PL_READ_SOURCE:
            return n;
        case PL_PROJECT:
            if (!ex_par_exprs_ok(n->exprs, n->n_exprs))
                return NULL;
            (*work)++;
            break;
        case PL_FILTER:
            if (!ex_par_expr_ok(n->u.filter.cond))
                return NULL;
            (*work)++;
            break;
        case PL_SUBQUERY_ALIAS:
        case PL_HINT:
        case PL_REPARTITION:
            break;
        default:
            return NULL;
        }
        if (n->n_children != 1 || !n->children[0])
            return NULL;
        n = n->children[0];
    }
}

/* Whether the leaf has more than one morsel of rows (unknown for file scans: assume so). */
static bool ex_par_leaf_big(const pl_node *leaf, int64_t morsel_rows)
{
    if (leaf->kind == PL_RANGE) {
        __int128 span = (__int128)leaf->u.range.end - leaf->u.range.start;
        int64_t step = leaf->u.range.step ? leaf->u.range.step : 1;
        __int128 count = span / step;
        return count > morsel_rows;
    }
    if (leaf->kind == PL_LOCAL) {
        int64_t rows = 0;
        for (int i = 0; i < leaf->u.local.n_batches; i++)
            rows += leaf->u.local.batches[i] ? leaf->u.local.batches[i]->n_rows : 0;
        return rows > morsel_rows;
    }
    return true;
}

/* ---- the feed leaf of worker clones -------------------------------------------------------- */

static void ex_feed_clear(ex_feed *f)
{
    for (int i = f->next; i < f->n; i++)
        vec_batch_free(f->b[i]);
    f->n = f->next = 0;
}

static void ex_feed_push(ex_feed *f, vec_batch *b)
{
    if (f->n == f->cap) {
        f->cap = f->cap ? f->cap * 2 : 16;
        f->b = em_realloc(f->b, (size_t)f->cap * sizeof *f->b);
    }
    f->b[f->n++] = b;
}

static int ex_feed_next(ex_op *op, vec_batch **out, em_error *err)
{
    ex_feed *f = op->q->xfeed;
    if (ex_check_cancel(op->q, err))
        return -1;
    if (f && f->src)
        return f->src->vt->next(f->src, out, err);
    if (!f || f->next >= f->n)
        return 0;
    *out = f->b[f->next];
    f->b[f->next++] = NULL;
    return 1;
}

static const ex_op_vtbl ex_feed_vt = {ex_feed_next, NULL};

int ex_feed_init(ex_query *q, const pl_node *n, ex_op **out, em_error *err)
{
    (void)err;
    *out = ex_op_new(q, n, &ex_feed_vt, 0);
    return EM_OK;
}

/* ---- units of work ------------------------------------------------------------------------- */

/* Records an error of morsel idx (the lowest morsel's error wins); caller holds x->mu. */
static void ex_xchg_fail(ex_xchg *x, int64_t idx, const em_error *e)
{
    x->stop = true;
    if (idx < x->err_idx) {
        x->err_idx = idx;
        em_error_clear(&x->err);
        em_error_copy(&x->err, e);
    }
}

/* Pulls the next morsel from the shared leaf into f; *idx its number, -1 when none is left. */
static int ex_xchg_pull(ex_xchg *x, ex_feed *f, int64_t *idx, em_error *err)
{
    *idx = -1;
    pthread_mutex_lock(&x->src_mu);
    if (x->src_done) {
        pthread_mutex_unlock(&x->src_mu);
        return EM_OK;
    }
    int64_t my = x->src_next++;
    int64_t rows = 0;
    int rc = 0;
    while (rows < x->morsel_rows) {
        vec_batch *b = NULL;
        rc = x->leaf->vt->next(x->leaf, &b, err);
        if (rc <= 0)
            break;
        rows += b->n_rows;
        ex_feed_push(f, b);
    }
    bool end = rc <= 0;
    if (end)
        x->src_done = true;
    pthread_mutex_unlock(&x->src_mu);
    if (rc < 0 && !em_error_is_set(err))
        em_error_internal(err, "parallel scan failed without an error");
    if (end) {
        pthread_mutex_lock(&x->mu);
        x->ended = true;
        x->n_morsels = rc < 0 || f->n > 0 ? my + 1 : my;
        if (rc >= 0 && x->need_finish)
            x->n_morsels++; /* the finish unit */
        pthread_cond_broadcast(&x->cv);
        pthread_mutex_unlock(&x->mu);
    }
    if (rc < 0 || f->n > 0)
        *idx = my;
    return rc < 0 ? -1 : EM_OK;
}

/* Runs the morsel in c->wq->xfeed through clone c: output batches into out (gather) or into
   the clone's partial table. */
static int ex_xchg_run(ex_xchg *x, ex_xclone *c, int64_t idx, ex_feed *out, em_error *err)
{
    int64_t pos = idx << EX_PAR_POS_SHIFT;
    for (;;) {
        vec_batch *b = NULL;
        if (ex_check_cancel(c->wq, err))
            return -1;
        int rc = c->root->vt->next(c->root, &b, err);
        if (rc < 0 && !em_error_is_set(err))
            em_error_internal(err, "parallel pipeline failed without an error");
        if (rc <= 0)
            return rc;
        if (x->agg) {
            rc = ex_agg_table_consume(c->wq, c->partial, b, pos, err);
            pos += b->n_rows;
            vec_batch_free(b);
            if (rc)
                return -1;
        } else {
            ex_feed_push(out, b);
        }
    }
}

/* The pool's callback: one morsel through one free clone. */
static bool ex_xchg_work(void *arg)
{
    ex_xchg *x = arg;
    pthread_mutex_lock(&x->mu);
    ex_xclone *c = NULL;
    bool room = !x->agg ? x->claimed < x->emit_next + x->window : true;
    bool more = x->parts ? x->src_next < x->n_parts : !x->ended;
    /* the finish unit (unmatched rows of right/full joins) runs alone after all morsels */
    bool fin = !more && x->need_finish && !x->fin_claimed && x->ended && x->active == 0 &&
               (x->agg || x->n_morsels - 1 < x->emit_next + x->window);
    if (fin)
        more = room = true;
    if (!x->stop && more && room)
        for (int i = 0; i < x->n_clones && !c; i++)
            if (!x->clones[i].busy)
                c = &x->clones[i];
    if (!c) {
        pthread_mutex_unlock(&x->mu);
        return false;
    }
    c->busy = true;
    x->claimed++;
    x->active++;
    int64_t part = -1;
    if (fin)
        x->fin_claimed = true;
    else if (x->parts) {
        part = x->src_next++;
        if (x->src_next >= x->n_parts) {
            x->ended = true;
            x->n_morsels = x->n_parts + (x->need_finish ? 1 : 0);
        }
    }
    int64_t fin_idx = x->n_morsels - 1;
    pthread_mutex_unlock(&x->mu);

    ex_query *prev = ex_set_current(x->q);
    em_error err;
    em_error_clear(&err);
    ex_feed in = {0}, out = {0};
    int64_t idx = fin ? fin_idx : part;
    int rc;
    if (fin)
        rc = EM_OK; /* an empty feed: the joins' left sides end at once */
    else if (x->parts)
        rc = ex_scan_parts_init(c->wq, x->leaf_node, x->parts, (int)part, (int)part + 1, &in.src,
                                &err);
    else
        rc = ex_xchg_pull(x, &in, &idx, &err);
    if (rc == EM_OK && idx >= 0) {
        c->wq->xfeed = &in;
        c->wq->xfinish = fin;
        rc = ex_xchg_run(x, c, idx, &out, &err);
        c->wq->xfinish = false;
        c->wq->xfeed = NULL;
    }
    if (rc)
        rc = -1;
    ex_op_free(in.src);
    in.src = NULL;
    ex_feed_clear(&in);
    em_free(in.b);
    ex_set_current(prev);

    pthread_mutex_lock(&x->mu);
    if (rc < 0) {
        ex_xchg_fail(x, idx, &err);
        ex_feed_clear(&out);
        em_free(out.b);
    } else if (!x->agg && idx >= 0) {
        ex_xslot *s = &x->slots[idx % x->window];
        s->idx = idx;
        s->out = out;
        s->done = true;
    } else {
        em_free(out.b);
    }
    c->busy = false;
    if (fin)
        x->fin_done = true;
    x->active--;
    pthread_cond_broadcast(&x->cv);
    pthread_mutex_unlock(&x->mu);
    return true;
}

/* ---- the consumer -------------------------------------------------------------------------- */

/* Pulls from an operator the exchange owns (the serial fallback), checking for cancellation. */
static int ex_xchg_serial_next(ex_op *op, ex_op *src, vec_batch **out, em_error *err)
{
    *out = NULL;
    if (ex_check_cancel(op->q, err))
        return -1;
    int rc = src->vt->next(src, out, err);
    if (rc < 0 && !em_error_is_set(err))
        em_error_internal(err, "parallel pipeline fallback failed without an error");
    return rc;
}

static void ex_xchg_start(ex_xchg *x)
{
    if (!x->job)
        x->job = em_pool_job_add(x->pool, ex_xchg_work, x);
}

/* Waits on cv for at most 10 ms (the consumer re-checks cancellation in between). */
static void ex_xchg_wait(ex_xchg *x)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    ts.tv_nsec += 10 * 1000 * 1000;
    if (ts.tv_nsec >= 1000000000) {
        ts.tv_sec++;
        ts.tv_nsec -= 1000000000;
    }
    pthread_cond_timedwait(&x->cv, &x->mu, &ts);
}

/* Frees the clones (none may be running). */
static void ex_xchg_free_clones(ex_xchg *x)
{
    for (int i = 0; i < x->n_clones; i++) {
        ex_xclone *c = &x->clones[i];
        ex_op_free(c->root);
        ex_agg_table_free(c->partial);
        if (c->wq) {
            ex_call_states_free(c->wq);
            em_free(c->wq);
        }
    }
    em_free(x->clones);
    x->clones = NULL;
    x->n_clones = 0;
}

/*
 * Before the first unit: builds the right sides of the pipeline's joins, top-down (the order
 * in which the serial joins drain them). When one of them went to spill partitions (grace hash
 * join), the pipeline runs serially instead: x->serial, built by the main query, whose joins
 * adopt the builds (nothing is drained twice). 0 or <0 with err set.
 */
static int ex_xchg_prepare(ex_op *op, ex_xchg *x, em_error *err)
{
    if (x->prepared)
        return EM_OK;
    x->prepared = true;
    bool spilled = false;
    for (int i = 0; i < x->n_joins; i++) {
        int rc = ex_join_build_run(x->joins[i].build, err);
        if (rc < 0)
            return -1;
        if (rc == 0)
            spilled = true;
    }
    if (!spilled)
        return EM_OK;
    ex_xchg_free_clones(x);
    ex_op_free(x->leaf);
    x->leaf = NULL;
    ex_src_parts_free(x->parts);
    x->parts = NULL;
    for (int i = 0; i < x->n_joins; i++)
        x->joins[i].adopt = true;
    ex_query *q = op->q;
    ex_join_share *saved = q->jshare;
    int n_saved = q->n_jshare;
    q->jshare = x->joins;
    q->n_jshare = x->n_joins;
    int rc = ex_build(q, x->node, &x->serial, err);
    q->jshare = saved;
    q->n_jshare = n_saved;
    return rc ? -1 : EM_OK;
}

static int ex_gather_next(ex_op *op, vec_batch **out, em_error *err)
{
    ex_xchg *x = op->state;
    if (ex_xchg_prepare(op, x, err))
        return -1;
    if (x->serial)
        return ex_xchg_serial_next(op, x->serial, out, err);
    ex_xchg_start(x);
    pthread_mutex_lock(&x->mu);
    for (;;) {
        if (ex_check_cancel(op->q, err)) {
            pthread_mutex_unlock(&x->mu);
            return -1;
        }
        if (x->stop && x->err_idx <= x->emit_next && x->err.code) {
            em_error_copy(err, &x->err);
            pthread_mutex_unlock(&x->mu);
            return -1;
        }
        if (x->ended && x->emit_next >= x->n_morsels) {
            pthread_mutex_unlock(&x->mu);
            return 0;
        }
        ex_xslot *s = &x->slots[x->emit_next % x->window];
        if (s->done && s->idx == x->emit_next) {
            if (s->out.next < s->out.n) {
                *out = s->out.b[s->out.next];
                s->out.b[s->out.next++] = NULL;
                pthread_mutex_unlock(&x->mu);
                return 1;
            }
            em_free(s->out.b);
            memset(s, 0, sizeof *s);
            x->emit_next++;
            pthread_mutex_unlock(&x->mu);
            em_pool_wake(x->pool); /* the window moved */
            pthread_mutex_lock(&x->mu);
            continue;
        }
        ex_xchg_wait(x);
    }
}

static int ex_pagg_next(ex_op *op, vec_batch **out, em_error *err)
{
    ex_xchg *x = op->state;
    if (ex_xchg_prepare(op, x, err))
        return -1;
    if (x->serial)
        return ex_xchg_serial_next(op, x->serial, out, err);
    if (!x->merged) {
        ex_xchg_start(x);
        pthread_mutex_lock(&x->mu);
        for (;;) {
            if (ex_check_cancel(op->q, err)) {
                pthread_mutex_unlock(&x->mu);
                return -1;
            }
            if (x->active == 0 && (x->stop || (x->ended && (!x->need_finish || x->fin_done))))
                break;
            ex_xchg_wait(x);
        }
        bool failed = x->err.code != EM_OK;
        if (failed)
            em_error_copy(err, &x->err);
        pthread_mutex_unlock(&x->mu);
        if (failed)
            return -1;
        em_pool_job_remove(x->pool, x->job);
        x->job = NULL;
        ex_agg_table **parts = em_calloc((size_t)x->n_clones, sizeof *parts);
        for (int i = 0; i < x->n_clones; i++)
            parts[i] = x->clones[i].partial;
        int rc = ex_agg_table_merge(op->q, x->final, parts, x->n_clones, err);
        em_free(parts);
        /* the partial tables are no longer needed */
        for (int i = 0; i < x->n_clones; i++) {
            ex_agg_table_free(x->clones[i].partial);
            x->clones[i].partial = NULL;
        }
        if (rc)
            return -1;
        x->merged = true;
    }
    return ex_agg_table_emit(op->q, x->final, out, err);
}

static void ex_xchg_release(ex_op *op)
{
    ex_xchg *x = op->state;
    if (!x)
        return;
    pthread_mutex_lock(&x->mu);
    x->stop = true;
    pthread_mutex_unlock(&x->mu);
    for (int i = 0; i < x->n_clones; i++)
        if (x->clones[i].wq)
            atomic_store_explicit(&x->clones[i].wq->canceled, true, memory_order_relaxed);
    if (x->job)
        em_pool_job_remove(x->pool, x->job);
    ex_xchg_free_clones(x);
    /* after the clones, which borrow the builds */
    ex_op_free(x->serial);
    for (int i = 0; i < x->n_joins; i++)
        ex_op_free(x->joins[i].build);
    em_free(x->joins);
    for (int i = 0; x->slots && i < x->window; i++) {
        ex_feed_clear(&x->slots[i].out);
        em_free(x->slots[i].out.b);
    }
    em_free(x->slots);
    ex_agg_table_free(x->final);
    ex_op_free(x->leaf);
    ex_src_parts_free(x->parts);
    pthread_mutex_destroy(&x->mu);
    pthread_mutex_destroy(&x->src_mu);
    pthread_cond_destroy(&x->cv);
    em_free(x);
}

static const ex_op_vtbl ex_gather_vt = {ex_gather_next, ex_xchg_release};
static const ex_op_vtbl ex_pagg_vt = {ex_pagg_next, ex_xchg_release};

/* ---- construction ------------------------------------------------------------------------- */

static int ex_xchg_build(ex_query *q, const pl_node *node, const pl_node *top, const pl_node *leaf,
                         bool agg, ex_op **out, em_error *err)
{
    ex_op *op = ex_op_new(q, node, agg ? &ex_pagg_vt : &ex_gather_vt, 0);
    ex_xchg *x = em_calloc(1, sizeof *x);
    op->state = x;
    x->q = q;
    x->node = node;
    x->agg = agg;
    x->morsel_rows = q->opts.morsel_rows > 0 ? q->opts.morsel_rows : EX_PAR_MORSEL_ROWS;
    x->n_clones = q->opts.threads < EM_POOL_MAX_THREADS ? q->opts.threads : EM_POOL_MAX_THREADS;
    x->err_idx = INT64_MAX;
    pthread_mutex_init(&x->mu, NULL);
    pthread_mutex_init(&x->src_mu, NULL);
    pthread_cond_init(&x->cv, NULL);
    x->pool = em_pool_shared(x->n_clones);
    if (!agg) {
        x->window = 2 * x->n_clones + 2;
        x->slots = em_calloc((size_t)x->window, sizeof *x->slots);
    } else {
        x->final = ex_agg_table_new(q, node, false, err);
        if (!x->final)
            goto fail;
    }
    /* the shared leaf, built serially by the main query */
    int rc;
    switch (leaf->kind) {
    case PL_RANGE:
        rc = ex_range_init(q, leaf, &x->leaf, err);
        break;
    case PL_LOCAL:
        rc = ex_local_init(q, leaf, &x->leaf, err);
        break;
    default:
        if (!leaf->u.read.source || !io_source_ops_of(leaf->u.read.source)->plan) {
            rc = ex_scan_source_init(q, leaf, &x->leaf, err); /* pulled under src_mu */
            break;
        }
        /* file scans: planned into parts here, each opened by the worker that claims it */
        x->leaf_node = leaf;
        rc = ex_src_parts_new(q, leaf, x->morsel_rows, &x->parts, err);
        if (rc == EM_OK) {
            x->n_parts = ex_src_parts_count(x->parts);
            if (x->n_parts == 0) {
                x->ended = true;
                x->n_morsels = 0;
            }
        }
        break;
    }
    if (rc)
        goto fail;
    /* the joins' build operators, built bottom-up (as the serial tree builds them) */
    for (const pl_node *p = top; p != leaf; p = p->children[0])
        x->n_joins += p->kind == PL_JOIN;
    if (x->n_joins) {
        x->joins = em_calloc((size_t)x->n_joins, sizeof *x->joins);
        int j_idx = 0;
        for (const pl_node *p = top; p != leaf; p = p->children[0])
            if (p->kind == PL_JOIN) {
                x->joins[j_idx++].node = p;
                x->need_finish |= ex_join_emits_unmatched(p);
            }
        for (int i = x->n_joins - 1; i >= 0; i--)
            if (ex_join_build_init(q, x->joins[i].node, &x->joins[i].build, err))
                goto fail;
        if (x->need_finish && x->ended)
            x->n_morsels = 1; /* no parts: only the finish unit */
    }
    x->clones = em_calloc((size_t)x->n_clones, sizeof *x->clones);
    for (int i = 0; i < x->n_clones; i++) {
        ex_xclone *c = &x->clones[i];
        ex_query *wq = em_calloc(1, sizeof *wq);
        wq->opts = q->opts;
        atomic_init(&wq->canceled, false);
        atomic_init(&wq->mem_used, 0);
        wq->main = q;
        wq->is_worker = true;
        wq->plan_root = q->plan_root;
        wq->xleaf = leaf;
        wq->jshare = x->joins;
        wq->n_jshare = x->n_joins;
        c->wq = wq;
        if (ex_build(wq, top, &c->root, err))
            goto fail;
        if (agg && !(c->partial = ex_agg_table_new(wq, node, true, err)))
            goto fail;
    }
    *out = op;
    return 1;
fail:
    ex_op_free(op);
    return -1;
}

/* Added (partition ids): whether the chain below n (through joins' probe sides, as pipelines
   run) holds a node that emulates Spark's partitions (a Repartition, a Range with
   numPartitions): it must run serially. */
static bool ex_par_chain_partitioned(const pl_node *n)
{
    for (; n; n = n->n_children == 1 || (n->kind == PL_JOIN && n->n_children == 2) ? n->children[0]
                                                                                   : NULL) {
        if (n->kind == PL_REPARTITION || (n->kind == PL_RANGE && n->u.range.num_partitions > 1))
            return true;
    }
    return false;
}

int ex_par_try_build(ex_query *q, const pl_node *n, ex_op **out, em_error *err)
{
    if (q->uses_partition_ids && ex_par_chain_partitioned(n))
        return 0;
    int64_t morsel_rows = q->opts.morsel_rows > 0 ? q->opts.morsel_rows : EX_PAR_MORSEL_ROWS;
    int work = 0;
    if (n->kind != PL_AGGREGATE && n->kind != PL_PROJECT && n->kind != PL_FILTER &&
        n->kind != PL_SUBQUERY_ALIAS && n->kind != PL_HINT && n->kind != PL_REPARTITION &&
        n->kind != PL_JOIN)
        return 0;
    /* no worker could start (thread creation failed): run serially */
    if (em_pool_threads(em_pool_shared(q->opts.threads)) == 0)
        return 0;
    if (n->kind == PL_AGGREGATE) {
        if (n->n_children != 1 || !n->children[0] || !ex_agg_mergeable(n) ||
            !ex_par_exprs_ok(n->groups, n->n_groups) ||
            !ex_par_exprs_ok(n->u.agg.aggs, n->u.agg.n_aggs))
            return 0;
        const pl_node *leaf = ex_par_pipeline_leaf(q, n->children[0], &work);
        if (!leaf || !ex_par_leaf_big(leaf, morsel_rows))
            return 0;
        return ex_xchg_build(q, n, n->children[0], leaf, true, out, err);
    }
    const pl_node *leaf = ex_par_pipeline_leaf(q, n, &work);
    if (!leaf || work == 0 || !ex_par_leaf_big(leaf, morsel_rows))
        return 0;
    return ex_xchg_build(q, n, n, leaf, false, out, err);
}
