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
