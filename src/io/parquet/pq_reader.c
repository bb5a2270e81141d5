/*
 * pq_reader: the batch iterator over a projection of top-level columns and a list of row groups.
 *
 * State machine: between row groups the reader holds no column readers; entering a row group
 * positions one pq_col per needed leaf on its chunk; each pq_reader_next reads the same number of
 * rows (at most batch_rows, never crossing the row group) from every needed leaf, then assembles
 * each requested column from its leaves (pq_assemble) and hands the batch over. Row groups with
 * zero rows are skipped. Any error is final: the reader then only accepts pq_reader_close.
 */
#include "io/parquet/pq_int.h"

#include "common/em_mem.h"

#include <string.h>

struct pq_reader {
    pq_file *f;
    int n_cols;
    int *cols;
    int n_rgs;
    int *rgs;
    int rg_next;
    int64_t rows_left;
    int n_sel;       /* needed leaves */
    int *sel;        /* their leaf ids */
    pq_col *readers; /* one per needed leaf, while inside a row group */
    bool in_rg;
    pq_levels *lv;   /* by leaf id */
    vec **leaf_vecs; /* by leaf id */
    bool failed;
};

int pq_reader_open(pq_file *f, const int *cols, int n_cols, const int *row_groups, int n_row_groups,
                   pq_reader **out, em_error *err)
{
    *out = NULL;
    if (!cols)
        n_cols = f->n_cols;
    if (!row_groups)
        n_row_groups = f->meta.n_row_groups;
    if (n_cols < 0 || n_row_groups < 0)
        return em_error_internal(err, "pq_reader_open: negative count");
    for (int i = 0; cols && i < n_cols; i++)
        if (cols[i] < 0 || cols[i] >= f->n_cols)
            return em_error_internal(err, "pq_reader_open: column %d out of range", cols[i]);
    for (int i = 0; row_groups && i < n_row_groups; i++)
        if (row_groups[i] < 0 || row_groups[i] >= f->meta.n_row_groups)
            return em_error_internal(err, "pq_reader_open: row group %d out of range",
                                     row_groups[i]);
    pq_reader *r = em_calloc(1, sizeof *r);
    r->f = f;
    r->n_cols = n_cols;
    r->cols = em_calloc((size_t)n_cols + 1, sizeof *r->cols);
    for (int i = 0; i < n_cols; i++)
        r->cols[i] = cols ? cols[i] : i;
    r->n_rgs = n_row_groups;
    r->rgs = em_calloc((size_t)n_row_groups + 1, sizeof *r->rgs);
    for (int i = 0; i < n_row_groups; i++)
        r->rgs[i] = row_groups ? row_groups[i] : i;
    bool *need = em_calloc((size_t)f->n_leaves + 1, sizeof *need);
    for (int i = 0; i < n_cols; i++) {
        const pq_node *c = f->cols[r->cols[i]];
        for (int l = 0; l < c->n_leaves; l++)
            need[c->leaf + l] = true;
    }
    r->sel = em_calloc((size_t)f->n_leaves + 1, sizeof *r->sel);
    for (int l = 0; l < f->n_leaves; l++)
        if (need[l])
            r->sel[r->n_sel++] = l;
    em_free(need);
    r->readers = em_calloc((size_t)r->n_sel + 1, sizeof *r->readers);
    r->lv = em_calloc((size_t)f->n_leaves + 1, sizeof *r->lv);
    r->leaf_vecs = em_calloc((size_t)f->n_leaves + 1, sizeof *r->leaf_vecs);
    *out = r;
    return 0;
}

static void pq_reader_leave_rg(pq_reader *r)
{
    if (!r->in_rg)
        return;
    for (int i = 0; i < r->n_sel; i++)
        pq_col_release(&r->readers[i]);
    r->in_rg = false;
}

static void pq_reader_drop_leaf_vecs(pq_reader *r)
{
    for (int i = 0; i < r->n_sel; i++) {
        int l = r->sel[i];
        vec_release(r->leaf_vecs[l]);
        r->leaf_vecs[l] = NULL;
    }
}

static int pq_reader_fail(pq_reader *r, em_error *err)
{
    r->failed = true;
    pq_reader_drop_leaf_vecs(r);
    pq_reader_leave_rg(r);
    return pq_raise(err, "NO_HINT", r->f->path);
}

int pq_reader_next(pq_reader *r, vec_batch **out, em_error *err)
{
    *out = NULL;
    if (r->failed)
        return em_error_internal(err, "pq_reader_next after an error");
    const pq_file *f = r->f;
    while (r->rows_left == 0) {
        pq_reader_leave_rg(r);
        if (r->rg_next >= r->n_rgs)
            return 0;
        int rg = r->rgs[r->rg_next++];
        r->rows_left = f->meta.row_groups[rg].num_rows;
        if (r->rows_left == 0)
            continue;
        r->in_rg = true;
        for (int i = 0; i < r->n_sel; i++)
            if (pq_col_init(&r->readers[i], f, rg, r->sel[i]))
                return pq_reader_fail(r, err);
    }
    int64_t n = r->rows_left < f->opt.batch_rows ? r->rows_left : f->opt.batch_rows;
    for (int i = 0; i < r->n_sel; i++) {
        int l = r->sel[i];
        if (pq_col_read(&r->readers[i], n, &r->lv[l], &r->leaf_vecs[l]))
            return pq_reader_fail(r, err);
    }
    vec_batch *b = vec_batch_new(r->n_cols, n);
    for (int j = 0; j < r->n_cols; j++) {
        if (pq_assemble(f, f->cols[r->cols[j]], r->lv, r->leaf_vecs, n, &b->cols[j])) {
            vec_batch_free(b);
            return pq_reader_fail(r, err);
        }
    }
    pq_reader_drop_leaf_vecs(r);
    r->rows_left -= n;
    *out = b;
    return 0;
}

void pq_reader_close(pq_reader *r)
{
    if (!r)
        return;
    pq_reader_drop_leaf_vecs(r);
    pq_reader_leave_rg(r);
    for (int l = 0; r->lv && l < r->f->n_leaves; l++)
        pq_levels_release(&r->lv[l]);
    em_free(r->lv);
    em_free(r->leaf_vecs);
    em_free(r->readers);
    em_free(r->sel);
    em_free(r->rgs);
    em_free(r->cols);
    em_free(r);
}
