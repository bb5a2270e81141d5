/*
 * ex_spill_merge: the k-way merge behind every spilling operator: the runs of an external sort
 * (Spark's ordering of the sort keys) and the order-restoring merge of aggregate and join
 * partitions (ascending stream positions, an int64 column), so spilled results come out row
 * for row as the in-memory operators' do.
 *
 * State: each source holds its current batch and row; a binary heap orders the sources by
 * their current rows, ties broken by the source index (sources are added in input order, so
 * equal rows keep their input order: the merge is stable). ex_kmerge_next copies the smallest
 * row into the output batch, advances its source (pulling its next batch when one is used up)
 * and restores the heap, until batch_rows rows are out. Memory: one batch per source.
 *
 * ex_xsort (below) is a generic external stable sort built on it (the window's per-group sorts):
 * rows held and charged, sorted runs written when a charge fails, runs and held rows merged.
 */
#include <string.h>

#include "common/em_mem.h"
#include "exec/ex_int.h"

typedef struct ex_msrc {
    ex_kmerge_src_fn fn;
    void *ctx;
    void (*free_ctx)(void *);
    vec_batch *cur;
    int64_t row;
} ex_msrc;

struct ex_kmerge {
    ex_query *q;
    int n_out;
    const ty *const *out_types;
    ex_kmerge_cmp_fn cmp;
    void *cmp_ctx;
    int pos_col;
    ex_msrc *src;
    int n_src, cap_src;
    int *heap; /* source indexes */
    int n_heap;
    bool started;
};

ex_kmerge *ex_kmerge_new(ex_query *q, int n_out, const ty *const *out_types, ex_kmerge_cmp_fn cmp,
                         void *cmp_ctx, int pos_col)
{
    ex_kmerge *m = em_calloc(1, sizeof *m);
    m->q = q;
    m->n_out = n_out;
    m->out_types = out_types;
    m->cmp = cmp;
    m->cmp_ctx = cmp_ctx;
    m->pos_col = pos_col;
    return m;
}

void ex_kmerge_add(ex_kmerge *m, ex_kmerge_src_fn fn, void *ctx, void (*free_ctx)(void *))
{
    if (m->n_src == m->cap_src) {
        m->cap_src = m->cap_src ? m->cap_src * 2 : 8;
        m->src = em_realloc(m->src, (size_t)m->cap_src * sizeof *m->src);
    }
    ex_msrc *s = &m->src[m->n_src++];
    memset(s, 0, sizeof *s);
    s->fn = fn;
    s->ctx = ctx;
    s->free_ctx = free_ctx;
}

static int ex_kmerge_read_segment(void *ctx, vec_batch **out, em_error *err)
{
    return ex_spill_read(ctx, out, err);
}

static void ex_kmerge_free_segment(void *ctx)
{
    ex_spill_reader_release(ctx);
    em_free(ctx);
}

void ex_kmerge_add_segment(ex_kmerge *m, ex_spill_file *f, int64_t start, int64_t end, int n_cols,
                           const ty *const *types)
{
    if (start >= end)
        return;
    ex_spill_reader *r = em_malloc(sizeof *r);
    ex_spill_reader_init(r, f, start, end, n_cols, types);
    ex_kmerge_add(m, ex_kmerge_read_segment, r, ex_kmerge_free_segment);
}

/* <0 when source a's current row goes before source b's. */
static int ex_kmerge_less(const ex_kmerge *m, int a, int b)
{
    const ex_msrc *x = &m->src[a], *y = &m->src[b];
    int c;
    if (m->cmp) {
        c = m->cmp(m->cmp_ctx, x->cur, x->row, y->cur, y->row);
    } else {
        int64_t px = VEC_VALUES(x->cur->cols[m->pos_col], int64_t)[x->row];
        int64_t py = VEC_VALUES(y->cur->cols[m->pos_col], int64_t)[y->row];
        c = px < py ? -1 : px > py;
    }
    if (c == 0)
        c = a < b ? -1 : a > b;
    return c < 0;
}

static void ex_kmerge_sift_down(ex_kmerge *m, int i)
{
    for (;;) {
        int l = 2 * i + 1, r = l + 1, best = i;
        if (l < m->n_heap && ex_kmerge_less(m, m->heap[l], m->heap[best]))
            best = l;
        if (r < m->n_heap && ex_kmerge_less(m, m->heap[r], m->heap[best]))
            best = r;
        if (best == i)
            return;
        int t = m->heap[i];
        m->heap[i] = m->heap[best];
        m->heap[best] = t;
        i = best;
    }
}

/* Pulls the source's next non-empty batch: 1, 0 at its end, <0. */
static int ex_kmerge_fill(ex_msrc *s, em_error *err)
{
    vec_batch_free(s->cur);
    s->cur = NULL;
    s->row = 0;
    for (;;) {
        vec_batch *b = NULL;
        int rc = s->fn(s->ctx, &b, err);
        if (rc <= 0)
            return rc;
        if (b->n_rows > 0) {
            s->cur = b;
            return 1;
        }
        vec_batch_free(b);
    }
}

static int ex_kmerge_start(ex_kmerge *m, em_error *err)
{
    m->heap = em_malloc((size_t)(m->n_src ? m->n_src : 1) * sizeof *m->heap);
    for (int i = 0; i < m->n_src; i++) {
        int rc = ex_kmerge_fill(&m->src[i], err);
        if (rc < 0)
            return -1;
        if (rc > 0)
            m->heap[m->n_heap++] = i;
    }
    for (int i = m->n_heap / 2 - 1; i >= 0; i--)
        ex_kmerge_sift_down(m, i);
    m->started = true;
    return 0;
}

int ex_kmerge_next(ex_kmerge *m, vec_batch **out, em_error *err)
{
    *out = NULL;
    if (ex_check_cancel(m->q, err))
        return -1;
    if (!m->started && ex_kmerge_start(m, err))
        return -1;
    if (m->n_heap == 0)
        return 0;
    int64_t want = ex_batch_rows(m->q);
    vec_batch *b = vec_batch_new(m->n_out, 0);
    for (int c = 0; c < m->n_out; c++)
        b->cols[c] = vec_new(m->out_types[c], want);
    int64_t n = 0;
    while (n < want && m->n_heap > 0) {
        ex_msrc *s = &m->src[m->heap[0]];
        for (int c = 0; c < m->n_out; c++)
            if (ex_spill_copy_row(b->cols[c], s->cur->cols[c], s->row, err)) {
                vec_batch_free(b);
                return -1;
            }
        n++;
        if (++s->row >= s->cur->n_rows) {
            int rc = ex_kmerge_fill(s, err);
            if (rc < 0) {
                vec_batch_free(b);
                return -1;
            }
            if (rc == 0)
                m->heap[0] = m->heap[--m->n_heap];
        }
        if (m->n_heap > 0)
            ex_kmerge_sift_down(m, 0);
    }
    b->n_rows = n;
    *out = b;
    return 1;
}

void ex_kmerge_free(ex_kmerge *m)
{
    if (!m)
        return;
    for (int i = 0; i < m->n_src; i++) {
        vec_batch_free(m->src[i].cur);
        if (m->src[i].free_ctx)
            m->src[i].free_ctx(m->src[i].ctx);
    }
    em_free(m->src);
    em_free(m->heap);
    em_free(m);
}

/* ---- external stable sort (ex_xsort) ---------------------------------------------------- */

/* Rows at least held before a forced spill (the test permutation). */
#define EX_XSORT_FORCE_ROWS 4

struct ex_xsort {
    ex_query *q;
    int n_cols;
    const ty *const *types;
    ex_kmerge_cmp_fn cmp;
    void *cmp_ctx;
    ex_rows rows;        /* held rows (charged by ex_rows) */
    ex_query *perm_acct; /* 8 bytes a held row, charged before the rows */
    int64_t perm_bytes;
    int64_t *perm; /* held rows in sorted order (after the input ends) */
    int64_t mem_next;
    ex_spill_file *runs; /* sorted runs: segments [run_ends[i-1], run_ends[i]) */
    int64_t *run_ends;
    int n_runs, cap_runs;
    int64_t spilled_rows;
    ex_kmerge *merge;
    bool finished;
};

ex_xsort *ex_xsort_new(ex_query *q, int n_cols, const ty *const *types, ex_kmerge_cmp_fn cmp,
                       void *cmp_ctx)
{
    ex_xsort *s = em_calloc(1, sizeof *s);
    s->q = q;
    s->n_cols = n_cols;
    s->types = types;
    s->cmp = cmp;
    s->cmp_ctx = cmp_ctx;
    ex_rows_init(&s->rows, n_cols, types);
    return s;
}

typedef struct ex_xsort_view {
    const ex_xsort *s;
    vec_batch view;
} ex_xsort_view;

static int ex_xsort_cmp_idx(void *ctx, int64_t a, int64_t b)
{
    const ex_xsort_view *v = ctx;
    return v->s->cmp(v->s->cmp_ctx, &v->view, a, &v->view, b);
}

/* Sorts the held rows into s->perm. */
static void ex_xsort_sort_held(ex_xsort *s)
{
    int64_t n = s->rows.n_rows;
    em_free(s->perm);
    s->perm = em_malloc((size_t)(n ? n : 1) * sizeof *s->perm);
    for (int64_t i = 0; i < n; i++)
        s->perm[i] = i;
    if (n > 1) {
        ex_xsort_view v = {.s = s,
                           .view = {.n_cols = s->n_cols, .n_rows = n, .cols = s->rows.cols}};
        int64_t *tmp = em_malloc((size_t)n * sizeof *tmp);
        ex_sort_indexes(s->perm, tmp, n, ex_xsort_cmp_idx, NULL, &v);
        em_free(tmp);
    }
}

static void ex_xsort_drop_held(ex_xsort *s)
{
    ex_rows_release(&s->rows);
    ex_rows_init(&s->rows, s->n_cols, s->types);
    ex_mem_release(s->perm_acct, s->perm_bytes);
    s->perm_acct = NULL;
    s->perm_bytes = 0;
    em_free(s->perm);
    s->perm = NULL;
}

int64_t ex_xsort_held(const ex_xsort *s)
{
    return s->rows.n_rows;
}

int ex_xsort_spill(ex_xsort *s, em_error *err)
{
    int64_t held = s->rows.n_rows;
    if (held == 0 || s->finished)
        return EM_OK;
    ex_xsort_sort_held(s);
    if (!s->runs && !(s->runs = ex_spill_open(s->q, err)))
        return err && err->code ? err->code : EM_EIO;
    int64_t block = 4096;
    for (int64_t off = 0; off < held; off += block) {
        if (ex_check_cancel(s->q, err))
            return err->code;
        int64_t n = held - off < block ? held - off : block;
        vec_batch *b = ex_rows_take(&s->rows, s->perm + off, n, err);
        if (!b)
            return err && err->code ? err->code : EM_EINTERNAL;
        int rc = ex_spill_write(s->runs, b, 0, n, err);
        vec_batch_free(b);
        if (rc)
            return rc;
    }
    if (s->n_runs == s->cap_runs) {
        s->cap_runs = s->cap_runs ? s->cap_runs * 2 : 16;
        s->run_ends = em_realloc(s->run_ends, (size_t)s->cap_runs * sizeof *s->run_ends);
    }
    s->run_ends[s->n_runs++] = ex_spill_size(s->runs);
    s->spilled_rows += held;
    ex_xsort_drop_held(s);
    return EM_OK;
}

/* Charges the permutation slots of n more rows (spilling the held rows once if refused). */
static int ex_xsort_charge_perm(ex_xsort *s, int64_t n, em_error *err)
{
    em_error local;
    em_error_clear(&local);
    ex_query *acct = NULL;
    int rc = ex_mem_acquire(s->q, &acct, 8 * n, &local);
    if (rc == EM_ENOMEM && s->rows.n_rows > 0) {
        em_error_clear(&local);
        if ((rc = ex_xsort_spill(s, err)) != EM_OK)
            return rc;
        rc = ex_mem_acquire(s->q, &acct, 8 * n, &local);
    }
    if (rc) {
        em_error_copy(err, &local);
        return rc;
    }
    if (acct) {
        s->perm_acct = acct;
        s->perm_bytes += 8 * n;
    }
    return EM_OK;
}

int ex_xsort_add(ex_xsort *s, const vec_batch *b, em_error *err)
{
    if (b->n_rows == 0)
        return EM_OK;
    if (s->finished)
        return em_error_internal(err, "rows added to a finished external sort");
    int64_t force_at =
        s->spilled_rows > EX_XSORT_FORCE_ROWS ? s->spilled_rows : EX_XSORT_FORCE_ROWS;
    if (ex_spill_forced(s->q) && s->rows.n_rows >= force_at && ex_xsort_spill(s, err))
        return err->code ? err->code : EM_EIO;
    if (ex_xsort_charge_perm(s, b->n_rows, err))
        return err->code ? err->code : EM_ENOMEM;
    for (int attempt = 0;; attempt++) {
        em_error local;
        em_error_clear(&local);
        int64_t held = s->rows.n_rows;
        int rc = ex_rows_append(&s->rows, b, NULL, b->n_rows, &local);
        if (rc == EM_OK) /* forced: a large batch goes out at once too */
            return ex_spill_forced(s->q) && s->rows.n_rows >= force_at ? ex_xsort_spill(s, err)
                                                                       : EM_OK;
        if (rc == EM_ENOMEM && s->rows.n_rows > held) /* in, but its growth not charged */
            return ex_xsort_spill(s, err);
        if (rc == EM_ENOMEM && held > 0 && attempt == 0) {
            /* the run takes the permutation charge of b's rows with it: charge them again */
            if ((rc = ex_xsort_spill(s, err)) != EM_OK ||
                (rc = ex_xsort_charge_perm(s, b->n_rows, err)) != EM_OK)
                return rc;
            continue;
        }
        em_error_copy(err, &local);
        return rc;
    }
}

/* The merge's last source: the held rows in sorted order. */
static int ex_xsort_mem_source(void *ctx, vec_batch **out, em_error *err)
{
    ex_xsort *s = ctx;
    int64_t left = s->rows.n_rows - s->mem_next;
    if (left <= 0)
        return 0;
    int64_t n = left < 4096 ? left : 4096;
    *out = ex_rows_take(&s->rows, s->perm + s->mem_next, n, err);
    if (!*out)
        return -1;
    s->mem_next += n;
    return 1;
}

int ex_xsort_next(ex_xsort *s, vec_batch **out, em_error *err)
{
    *out = NULL;
    if (!s->finished) {
        s->finished = true;
        ex_xsort_sort_held(s);
        s->mem_next = 0;
        if (s->n_runs > 0) {
            s->merge = ex_kmerge_new(s->q, s->n_cols, s->types, s->cmp, s->cmp_ctx, -1);
            for (int i = 0; i < s->n_runs; i++)
                ex_kmerge_add_segment(s->merge, s->runs, i ? s->run_ends[i - 1] : 0, s->run_ends[i],
                                      s->n_cols, s->types);
            if (s->rows.n_rows > 0)
                ex_kmerge_add(s->merge, ex_xsort_mem_source, s, NULL);
        }
    }
    if (s->merge)
        return ex_kmerge_next(s->merge, out, err);
    if (ex_check_cancel(s->q, err))
        return -1;
    int64_t left = s->rows.n_rows - s->mem_next;
    if (left <= 0)
        return 0;
    int64_t want = ex_batch_rows(s->q);
    int64_t n = left < want ? left : want;
    *out = ex_rows_take(&s->rows, s->perm + s->mem_next, n, err);
    if (!*out)
        return -1;
    s->mem_next += n;
    return 1;
}

void ex_xsort_free(ex_xsort *s)
{
    if (!s)
        return;
    ex_kmerge_free(s->merge);
    ex_xsort_drop_held(s);
    ex_rows_release(&s->rows);
    ex_spill_close(s->runs);
    em_free(s->run_ends);
    em_free(s);
}
