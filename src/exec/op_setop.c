/*
 * op_setop: set operations (resolved PL_SET_OP): UNION [ALL], INTERSECT [ALL], EXCEPT [ALL]
 * (DataFrame union / unionByName / intersect / intersectAll / subtract / exceptAll, and the
 * UNION ALL the analyzer builds for grouping sets, unpivot and VALUES). The analyzer has
 * already widened both sides to the same column types.
 *
 * Rows compare with grouping equality (ty_order.h): NULL equals NULL (Spark's null-safe
 * equality for INTERSECT / EXCEPT), NaN equals NaN, -0.0 equals 0.0, nested values element by
 * element.
 *
 * State machine per kind:
 *  - UNION ALL streams the left input, then the right one (Spark's Union keeps the children's
 *    partitions in order).
 *  - UNION streams both sides through a set of the rows seen so far (Distinct(Union)).
 *  - INTERSECT / EXCEPT first drain the right side into a set, then stream the left side,
 *    emitting each distinct left row the first time it is seen, when it is (INTERSECT) or is
 *    not (EXCEPT) in the right set (Spark's left semi / anti join plus Distinct).
 *  - INTERSECT ALL / EXCEPT ALL count the occurrences of every distinct row on both sides, then
 *    emit each distinct left row min(left, right) times (INTERSECT ALL) or left - right times
 *    (EXCEPT ALL), copies together, in the order the rows first appear on the left (Spark's
 *    RewriteIntersectAll / RewriteExceptAll: an aggregate of counts, then replicate_rows).
 * Output order of the distinct forms is first-seen order; Spark's comes from a hash aggregate
 * and is not specified.
 *
 * Spilling (ex_hset, below; also used by op_dedup.c). When a set cannot grow within the
 * memory budget (or, with forced spilling, past 2 tuples) the operator partitions what it
 * holds and every later row to disk by a hash of the row, each row with a weight and its
 * stream position: the sets' tuples with their counts and first positions, raw rows with
 * weight 1. Rows the in-memory phase already decided (keys `seen` holds) are dropped. At the
 * end each partition is processed alone and the results are merged by position, so the output
 * is the in-memory one, row for row: rows emitted before the switch come first (their positions
 * are all smaller), then the rest in first-seen order.
 */
#include <string.h>

#include "common/em_mem.h"
#include "exec/ex_int.h"

/* ------------------------------------------------------------------------------------------ */
/* Spilling: hash partitions processed one at a time (also Deduplicate's, op_dedup.c)           */

#define EX_HSET_PARTS     16
#define EX_HSET_MAX_LEVEL 5
#define EX_HSET_FORCE_CAP 8 /* forced spilling: tuples the first partition holds unsplit */

struct ex_hset {
    ex_query *q;
    ex_hset_kind kind;
    int n_cols;
    const ty **ftypes; /* partition rows: data ++ weight ++ position */
    int n_keys;
    int *keys;
    ex_spill_file *files[2][EX_HSET_PARTS]; /* [side][partition] */
    ex_spill_file *out;                     /* results: data ++ position, one segment a part */
    int64_t *seg;                           /* segment bounds: start, end pairs */
    int n_seg, cap_seg;
    ex_kmerge *merge;
    bool started;
};

ex_hset *ex_hset_new(ex_query *q, ex_hset_kind kind, int n_cols, const ty *const *types, int n_keys,
                     const int *keys)
{
    ex_hset *h = em_calloc(1, sizeof *h);
    h->q = q;
    h->kind = kind;
    h->n_cols = n_cols;
    h->ftypes = em_calloc((size_t)n_cols + 2, sizeof *h->ftypes);
    for (int c = 0; c < n_cols; c++)
        h->ftypes[c] = types[c];
    h->ftypes[n_cols] = ty_long();
    h->ftypes[n_cols + 1] = ty_long();
    h->n_keys = n_keys;
    h->keys = em_calloc((size_t)(n_keys ? n_keys : 1), sizeof *h->keys);
    for (int k = 0; k < n_keys; k++)
        h->keys[k] = keys[k];
    return h;
}

void ex_hset_free(ex_hset *h)
{
    if (!h)
        return;
    for (int s = 0; s < 2; s++)
        for (int p = 0; p < EX_HSET_PARTS; p++)
            ex_spill_close(h->files[s][p]);
    ex_kmerge_free(h->merge);
    ex_spill_close(h->out);
    em_free(h->seg);
    em_free(h->ftypes);
    em_free(h->keys);
    em_free(h);
}

/* Scatters rows sel[0..n) of b (data columns ++ a weight column) to files by their keys. */
static int ex_hset_scatter(ex_hset *h, ex_spill_file **files, const vec_batch *b,
                           const int64_t *sel, int64_t n, int64_t pos_base, const int64_t *pos,
                           int level, em_error *err)
{
    vec **kc = em_calloc((size_t)(h->n_keys ? h->n_keys : 1), sizeof *kc);
    for (int k = 0; k < h->n_keys; k++)
        kc[k] = b->cols[h->keys[k]];
    int rc = ex_spill_scatter(h->q, files, EX_HSET_PARTS, b, h->n_cols + 1, kc, h->n_keys, sel, n,
                              pos_base, pos, level, err);
    em_free(kc);
    return rc;
}

int ex_hset_put(ex_hset *h, int side, const vec_batch *b, const int64_t *sel, int64_t n,
                const int64_t *weights, int64_t pos_base, const int64_t *pos, em_error *err)
{
    if (n <= 0)
        return EM_OK;
    int64_t rows = b->n_rows;
    vec *w = vec_new(ty_long(), rows);
    for (int64_t r = 0; r < rows; r++)
        VEC_VALUES(w, int64_t)[r] = weights ? weights[r] : 1;
    w->len = rows;
    vec_batch *v = vec_batch_new(h->n_cols + 1, rows);
    for (int c = 0; c < h->n_cols; c++)
        v->cols[c] = vec_retain(b->cols[c]);
    v->cols[h->n_cols] = w;
    int rc = ex_hset_scatter(h, h->files[side], v, sel, n, pos_base, pos, 0, err);
    vec_batch_free(v);
    return rc;
}

/* Reads every batch of file f (NULL: none) into cb. */
typedef int (*ex_hset_visit_fn)(ex_hset *h, void *ctx, vec_batch *b, em_error *err);

static int ex_hset_read(ex_hset *h, ex_spill_file *f, ex_hset_visit_fn fn, void *ctx, em_error *err)
{
    if (!f)
        return EM_OK;
    ex_spill_reader r;
    ex_spill_reader_init(&r, f, 0, ex_spill_size(f), h->n_cols + 2, h->ftypes);
    int rc = EM_OK;
    for (;;) {
        if (ex_check_cancel(h->q, err)) {
            rc = err->code;
            break;
        }
        vec_batch *b;
        int got = ex_spill_read(&r, &b, err);
        if (got <= 0) {
            rc = got < 0 ? (err->code ? err->code : EM_EIO) : EM_OK;
            break;
        }
        rc = fn(h, ctx, b, err);
        vec_batch_free(b);
        if (rc)
            break;
    }
    ex_spill_reader_release(&r);
    return rc;
}

/* One partition's state. */
typedef struct ex_hset_part {
    ex_keyset right, seen;
    int64_t *rcount, *lcount, *lfirst;
    int64_t cap_r, cap_l, cap_f;
    bool cap;       /* forced spilling: split past EX_HSET_FORCE_CAP tuples */
    em_error local; /* the budget's refusal (raised if splitting cannot help) */
    bool split;     /* the partition must split */
} ex_hset_part;

static void ex_hset_grow(int64_t **a, int64_t *cap, int64_t n)
{
    if (n <= *cap)
        return;
    int64_t nc = *cap ? *cap : 64;
    while (nc < n)
        nc *= 2;
    *a = em_realloc(*a, (size_t)nc * sizeof **a);
    memset(*a + *cap, 0, (size_t)(nc - *cap) * sizeof **a);
    *cap = nc;
}

/* Reserves room for rows more tuples of s (refusal or the forced cap: split). */
static int ex_hset_reserve(ex_hset_part *p, ex_keyset *s, int64_t rows)
{
    if (p->cap && s->n + rows > EX_HSET_FORCE_CAP) {
        p->split = true;
        return EM_ENOMEM;
    }
    em_error_clear(&p->local);
    if (ex_keyset_reserve(s, rows, &p->local)) {
        p->split = true;
        return EM_ENOMEM;
    }
    return EM_OK;
}

static int ex_hset_right_visit(ex_hset *h, void *ctx, vec_batch *b, em_error *err)
{
    ex_hset_part *p = ctx;
    int64_t n = b->n_rows;
    if (ex_hset_reserve(p, &p->right, n))
        return EM_ENOMEM;
    int64_t *ids = em_malloc((size_t)(n ? n : 1) * sizeof *ids);
    int rc = ex_keyset_upsert(&p->right, b->cols, n, ids, NULL, err);
    if (rc == EM_OK) {
        ex_hset_grow(&p->rcount, &p->cap_r, p->right.n);
        const int64_t *w = VEC_VALUES(b->cols[h->n_cols], int64_t);
        for (int64_t r = 0; r < n; r++)
            p->rcount[ids[r]] += w[r];
    }
    em_free(ids);
    return rc;
}

/* Writes rows sel[0..n) of b's data columns with positions pos[sel[i]] (or pos_of[i]). */
static int ex_hset_emit(ex_hset *h, const vec_batch *b, const int64_t *sel, int64_t n,
                        const int64_t *pos, const int64_t *pos_of, em_error *err)
{
    if (n <= 0)
        return EM_OK;
    vec_batch view = {.n_cols = h->n_cols, .n_rows = b->n_rows, .cols = b->cols};
    vec_batch *t = ex_batch_take(&view, sel, n, err);
    if (!t)
        return err->code ? err->code : EM_EINTERNAL;
    vec_batch *o = vec_batch_new(h->n_cols + 1, n);
    for (int c = 0; c < h->n_cols; c++)
        o->cols[c] = vec_retain(t->cols[c]);
    vec_batch_free(t);
    vec *pv = vec_new(ty_long(), n);
    for (int64_t i = 0; i < n; i++)
        VEC_VALUES(pv, int64_t)[i] = pos_of ? pos_of[i] : pos[sel[i]];
    pv->len = n;
    o->cols[h->n_cols] = pv;
    int rc = ex_spill_write(h->out, o, 0, n, err);
    vec_batch_free(o);
    return rc;
}

static int ex_hset_left_visit(ex_hset *h, void *ctx, vec_batch *b, em_error *err)
{
    ex_hset_part *p = ctx;
    int64_t n = b->n_rows;
    if (ex_hset_reserve(p, &p->seen, n))
        return EM_ENOMEM;
    vec **kc = em_calloc((size_t)(h->n_keys ? h->n_keys : 1), sizeof *kc);
    for (int k = 0; k < h->n_keys; k++)
        kc[k] = b->cols[h->keys[k]];
    int64_t *ids = em_malloc((size_t)(n ? n : 1) * sizeof *ids);
    bool *is_new = em_malloc((size_t)(n ? n : 1));
    int rc = ex_keyset_upsert(&p->seen, kc, n, ids, is_new, err);
    em_free(kc);
    const int64_t *w = VEC_VALUES(b->cols[h->n_cols], int64_t);
    const int64_t *pos = VEC_VALUES(b->cols[h->n_cols + 1], int64_t);
    if (rc == EM_OK && (h->kind == EX_HSET_INTERSECT_ALL || h->kind == EX_HSET_EXCEPT_ALL)) {
        ex_hset_grow(&p->lcount, &p->cap_l, p->seen.n);
        ex_hset_grow(&p->lfirst, &p->cap_f, p->seen.n);
        for (int64_t r = 0; r < n; r++) {
            p->lcount[ids[r]] += w[r];
            if (is_new[r])
                p->lfirst[ids[r]] = pos[r];
        }
    } else if (rc == EM_OK) {
        int64_t *rid = NULL;
        if (h->kind != EX_HSET_DISTINCT) {
            rid = em_malloc((size_t)(n ? n : 1) * sizeof *rid);
            ex_keyset_find(&p->right, b->cols, n, rid);
        }
        int64_t *sel = em_malloc((size_t)(n ? n : 1) * sizeof *sel);
        int64_t k = 0;
        for (int64_t r = 0; r < n; r++)
            if (is_new[r] && (!rid || (rid[r] >= 0) == (h->kind == EX_HSET_INTERSECT)))
                sel[k++] = r;
        rc = ex_hset_emit(h, b, sel, k, pos, NULL, err);
        em_free(sel);
        em_free(rid);
    }
    em_free(ids);
    em_free(is_new);
    return rc;
}

/* INTERSECT ALL / EXCEPT ALL: every left tuple min(l, r) / l - r times at its first position. */
static int ex_hset_emit_all(ex_hset *h, ex_hset_part *p, em_error *err)
{
    int64_t nt = p->seen.n;
    int64_t *rid = em_malloc((size_t)(nt ? nt : 1) * sizeof *rid);
    if (h->n_keys == h->n_cols)
        ex_keyset_find(&p->right, p->seen.keys, nt, rid);
    else
        for (int64_t t = 0; t < nt; t++)
            rid[t] = -1;
    int64_t block = 4096, k = 0;
    int64_t *sel = em_malloc((size_t)block * sizeof *sel);
    int64_t *pos = em_malloc((size_t)block * sizeof *pos);
    vec_batch keys = {.n_cols = h->n_cols, .n_rows = nt, .cols = p->seen.keys};
    int rc = EM_OK;
    for (int64_t t = 0; t < nt && rc == EM_OK; t++) {
        int64_t nl = p->lcount[t], nr = rid[t] >= 0 ? p->rcount[rid[t]] : 0;
        int64_t copies = h->kind == EX_HSET_INTERSECT_ALL ? (nl < nr ? nl : nr) : nl - nr;
        for (int64_t c = 0; c < copies && rc == EM_OK; c++) {
            sel[k] = t;
            pos[k++] = p->lfirst[t];
            if (k == block) {
                rc = ex_hset_emit(h, &keys, sel, k, NULL, pos, err);
                k = 0;
                if (rc == EM_OK && ex_check_cancel(h->q, err))
                    rc = err->code;
            }
        }
    }
    if (rc == EM_OK)
        rc = ex_hset_emit(h, &keys, sel, k, NULL, pos, err);
    em_free(sel);
    em_free(pos);
    em_free(rid);
    return rc;
}

static void ex_hset_part_release(ex_hset_part *p)
{
    ex_keyset_release(&p->right);
    ex_keyset_release(&p->seen);
    em_free(p->rcount);
    em_free(p->lcount);
    em_free(p->lfirst);
}

typedef struct ex_hset_split {
    ex_spill_file **files;
    int level;
} ex_hset_split;

static int ex_hset_split_visit(ex_hset *h, void *ctx, vec_batch *b, em_error *err)
{
    ex_hset_split *s = ctx;
    const int64_t *pos = VEC_VALUES(b->cols[h->n_cols + 1], int64_t);
    return ex_hset_scatter(h, s->files, b, NULL, b->n_rows, 0, pos, s->level, err);
}

/* Processes one partition (left file fl, right file fr) at recursion `level` into a segment of
   the output; a partition whose tables outgrow the budget splits by another hash. */
static int ex_hset_part_run(ex_hset *h, ex_spill_file *fl, ex_spill_file *fr, int level, bool cap,
                            em_error *err)
{
    if (!fl)
        return EM_OK;
    ex_hset_part p;
    memset(&p, 0, sizeof p);
    p.cap = cap;
    ex_keyset_init(&p.right, h->n_cols, h->ftypes);
    const ty **kt = em_calloc((size_t)(h->n_keys ? h->n_keys : 1), sizeof *kt);
    for (int k = 0; k < h->n_keys; k++)
        kt[k] = h->ftypes[h->keys[k]];
    ex_keyset_init(&p.seen, h->n_keys, kt);
    em_free(kt);
    if (!h->out && !(h->out = ex_spill_open(h->q, err))) {
        ex_hset_part_release(&p);
        return err->code ? err->code : EM_EIO;
    }
    int64_t start = ex_spill_size(h->out);
    int rc =
        h->kind == EX_HSET_DISTINCT ? EM_OK : ex_hset_read(h, fr, ex_hset_right_visit, &p, err);
    if (rc == EM_OK)
        rc = ex_hset_read(h, fl, ex_hset_left_visit, &p, err);
    if (rc == EM_OK && (h->kind == EX_HSET_INTERSECT_ALL || h->kind == EX_HSET_EXCEPT_ALL))
        rc = ex_hset_emit_all(h, &p, err);
    bool split = rc == EM_ENOMEM && p.split;
    em_error refusal = p.local;
    ex_hset_part_release(&p);
    if (rc == EM_OK) {
        int64_t end = ex_spill_size(h->out);
        if (end > start) {
            if (h->n_seg == h->cap_seg) {
                h->cap_seg = h->cap_seg ? 2 * h->cap_seg : 32;
                h->seg = em_realloc(h->seg, (size_t)h->cap_seg * 2 * sizeof *h->seg);
            }
            h->seg[2 * h->n_seg] = start;
            h->seg[2 * h->n_seg + 1] = end;
            h->n_seg++;
        }
        return EM_OK;
    }
    if (!split)
        return rc;
    if (level >= EX_HSET_MAX_LEVEL) {
        if (em_error_is_set(&refusal))
            em_error_copy(err, &refusal);
        else
            em_error_internal(err, "set operation partition cannot split further");
        return EM_ENOMEM;
    }
    /* split both sides one level down (what was written for this partition is abandoned) */
    ex_spill_file *sub[2][EX_HSET_PARTS];
    memset(sub, 0, sizeof sub);
    ex_hset_split sl = {sub[0], level}, sr = {sub[1], level};
    rc = ex_hset_read(h, fl, ex_hset_split_visit, &sl, err);
    if (rc == EM_OK)
        rc = ex_hset_read(h, fr, ex_hset_split_visit, &sr, err);
    for (int i = 0; i < EX_HSET_PARTS && rc == EM_OK; i++)
        rc = ex_hset_part_run(h, sub[0][i], sub[1][i], level + 1, false, err);
    for (int s = 0; s < 2; s++)
        for (int i = 0; i < EX_HSET_PARTS; i++)
            ex_spill_close(sub[s][i]);
    return rc;
}

int ex_hset_next(ex_hset *h, vec_batch **out, em_error *err)
{
    *out = NULL;
    if (!h->started) {
        h->started = true;
        for (int i = 0; i < EX_HSET_PARTS; i++) {
            bool cap = ex_spill_forced(h->q) && i == 0;
            int rc = ex_hset_part_run(h, h->files[0][i], h->files[1][i], 1, cap, err);
            ex_spill_close(h->files[0][i]);
            ex_spill_close(h->files[1][i]);
            h->files[0][i] = h->files[1][i] = NULL;
            if (rc)
                return -1;
        }
        const ty **ot = h->ftypes; /* data ++ long: the position is read as the weight's type */
        h->merge = ex_kmerge_new(h->q, h->n_cols, ot, NULL, NULL, h->n_cols);
        for (int s = 0; s < h->n_seg; s++)
            ex_kmerge_add_segment(h->merge, h->out, h->seg[2 * s], h->seg[2 * s + 1], h->n_cols + 1,
                                  ot);
    }
    return ex_kmerge_next(h->merge, out, err);
}

/* ------------------------------------------------------------------------------------------ */
/* The first-seen filter                                                                       */

int ex_hset_filter(ex_query *q, ex_keyset *seen, ex_hset **h, ex_hset_kind kind, int n_cols,
                   const ty *const *types, int n_keys, const int *keys, const vec_batch *in,
                   int64_t pos_base, bool **is_new, em_error *err)
{
    *is_new = NULL;
    int64_t rows = in->n_rows;
    vec **kc = em_calloc((size_t)(n_keys ? n_keys : 1), sizeof *kc);
    for (int k = 0; k < n_keys; k++)
        kc[k] = in->cols[keys[k]];
    int rc = EM_OK;
    if (!*h) {
        em_error local;
        em_error_clear(&local);
        bool refuse = ex_spill_forced(q) && seen->n + rows > 2;
        if (refuse || ex_keyset_reserve(seen, rows, &local)) {
            *h = ex_hset_new(q, kind, n_cols, types, n_keys, keys);
        } else {
            bool *nw = em_malloc((size_t)(rows ? rows : 1));
            rc = ex_keyset_upsert(seen, kc, rows, NULL, nw, err);
            if (rc)
                em_free(nw);
            else
                *is_new = nw;
            em_free(kc);
            return rc;
        }
    }
    /* spilling: keys seen decided already; the rest goes to the partitions */
    int64_t *ids = em_malloc((size_t)(rows ? rows : 1) * sizeof *ids);
    int64_t *sel = em_malloc((size_t)(rows ? rows : 1) * sizeof *sel);
    ex_keyset_find(seen, kc, rows, ids);
    int64_t k = 0;
    for (int64_t r = 0; r < rows; r++)
        if (ids[r] < 0)
            sel[k++] = r;
    rc = ex_hset_put(*h, 0, in, sel, k, NULL, pos_base, NULL, err);
    em_free(ids);
    em_free(sel);
    em_free(kc);
    return rc;
}

/* ------------------------------------------------------------------------------------------ */
/* The operator                                                                                */

typedef struct ex_setop_state {
    int n_cols;
    const ty **types;
    int *all_keys;   /* 0 .. n_cols-1 */
    int side;        /* child being streamed */
    bool built;      /* right side drained (INTERSECT / EXCEPT) */
    ex_keyset seen;  /* UNION: rows emitted; INTERSECT / EXCEPT: left rows seen */
    ex_keyset right; /* INTERSECT / EXCEPT: right rows */
    int64_t *right_counts;
    int64_t *left_counts; /* ALL forms: per left tuple of `seen` */
    int64_t *left_first;  /* ALL forms: the tuple's first position */
    int64_t cap_right, cap_left, cap_first;
    int64_t emit_tuple; /* ALL forms: next tuple of `seen` to emit */
    int64_t pos;        /* rows of the streamed (left) input so far */
    ex_hset *h;         /* spilling (NULL: in memory) */
    bool input_done;    /* spilling: the inputs are drained, h has the rest */
    bool right_out;     /* the right rows are in h's partitions, not in `right` */
} ex_setop_state;

static void ex_setop_count(int64_t **counts, int64_t *cap, int64_t n_tuples, const int64_t *ids,
                           int64_t rows)
{
    if (n_tuples > *cap) {
        int64_t nc = *cap ? *cap : 64;
        while (nc < n_tuples)
            nc *= 2;
        *counts = em_realloc(*counts, (size_t)nc * sizeof **counts);
        for (int64_t i = *cap; i < nc; i++)
            (*counts)[i] = 0;
        *cap = nc;
    }
    for (int64_t r = 0; r < rows; r++)
        (*counts)[ids[r]]++;
}

static ex_hset_kind ex_setop_kind(const pl_node *n)
{
    bool all = n->u.set_op.is_all;
    if (n->u.set_op.type == PL_SETOP_INTERSECT)
        return all ? EX_HSET_INTERSECT_ALL : EX_HSET_INTERSECT;
    if (n->u.set_op.type == PL_SETOP_EXCEPT)
        return all ? EX_HSET_EXCEPT_ALL : EX_HSET_EXCEPT;
    return EX_HSET_DISTINCT;
}

static void ex_setop_new_hset(ex_op *op, ex_setop_state *st)
{
    if (!st->h)
        st->h = ex_hset_new(op->q, ex_setop_kind(op->node), st->n_cols, st->types, st->n_cols,
                            st->all_keys);
}

/* Moves the right set (its tuples with their counts) to the partitions. */
static int ex_setop_right_out(ex_op *op, ex_setop_state *st, em_error *err)
{
    if (st->right_out)
        return EM_OK;
    ex_setop_new_hset(op, st);
    vec_batch keys = {.n_cols = st->n_cols, .n_rows = st->right.n, .cols = st->right.keys};
    int rc = st->right.n
                 ? ex_hset_put(st->h, 1, &keys, NULL, st->right.n, st->right_counts, 0, NULL, err)
                 : EM_OK;
    ex_keyset_release(&st->right);
    st->right_out = true;
    return rc;
}

/* Whether a set may take `rows` more tuples (forced spilling: 2 at most). */
static bool ex_setop_room(ex_op *op, ex_keyset *s, int64_t rows)
{
    if (ex_spill_forced(op->q) && s->n + rows > 2)
        return false;
    em_error local;
    em_error_clear(&local);
    return ex_keyset_reserve(s, rows, &local) == EM_OK;
}

/* Drains the right side into `right` (with counts for the ALL forms), or into the partitions
   once the set outgrows the budget. */
static int ex_setop_drain_right(ex_op *op, ex_setop_state *st, bool all, em_error *err)
{
    for (;;) {
        vec_batch *in;
        int rc = ex_child_next(op, 1, &in, err);
        if (rc <= 0)
            return rc;
        rc = EM_OK;
        if (!st->right_out && !ex_setop_room(op, &st->right, in->n_rows))
            rc = ex_setop_right_out(op, st, err);
        if (rc == EM_OK && st->right_out) {
            rc = ex_hset_put(st->h, 1, in, NULL, in->n_rows, NULL, 0, NULL, err);
        } else if (rc == EM_OK) {
            int64_t *ids = em_malloc((size_t)(in->n_rows ? in->n_rows : 1) * sizeof *ids);
            rc = ex_keyset_upsert(&st->right, in->cols, in->n_rows, ids, NULL, err);
            if (rc == EM_OK && all)
                ex_setop_count(&st->right_counts, &st->cap_right, st->right.n, ids, in->n_rows);
            em_free(ids);
        }
        vec_batch_free(in);
        if (rc)
            return -1;
    }
}

/* ALL forms: drains the left side into `seen` with counts and first positions, or into the
   partitions once a set outgrows the budget. */
static int ex_setop_drain_left(ex_op *op, ex_setop_state *st, em_error *err)
{
    for (;;) {
        vec_batch *in;
        int rc = ex_child_next(op, 0, &in, err);
        if (rc <= 0)
            return rc;
        rc = EM_OK;
        int64_t rows = in->n_rows, base = st->pos;
        st->pos += rows;
        if (!st->right_out && !ex_setop_room(op, &st->seen, rows)) {
            rc = ex_setop_right_out(op, st, err);
            if (rc == EM_OK && st->seen.n) {
                vec_batch keys = {
                    .n_cols = st->n_cols, .n_rows = st->seen.n, .cols = st->seen.keys};
                rc = ex_hset_put(st->h, 0, &keys, NULL, st->seen.n, st->left_counts, 0,
                                 st->left_first, err);
            }
            ex_keyset_release(&st->seen);
        }
        if (rc == EM_OK && st->right_out) {
            rc = ex_hset_put(st->h, 0, in, NULL, rows, NULL, base, NULL, err);
        } else if (rc == EM_OK) {
            int64_t *ids = em_malloc((size_t)(rows ? rows : 1) * sizeof *ids);
            bool *is_new = em_malloc((size_t)(rows ? rows : 1));
            rc = ex_keyset_upsert(&st->seen, in->cols, rows, ids, is_new, err);
            if (rc == EM_OK) {
                ex_setop_count(&st->left_counts, &st->cap_left, st->seen.n, ids, rows);
                if (st->seen.n > st->cap_first) {
                    int64_t old = st->cap_first;
                    st->cap_first = st->cap_left;
                    st->left_first =
                        em_realloc(st->left_first, (size_t)st->cap_first * sizeof *st->left_first);
                    memset(st->left_first + old, 0,
                           (size_t)(st->cap_first - old) * sizeof *st->left_first);
                }
                for (int64_t r = 0; r < rows; r++)
                    if (is_new[r])
                        st->left_first[ids[r]] = base + r;
            }
            em_free(ids);
            em_free(is_new);
        }
        vec_batch_free(in);
        if (rc)
            return -1;
    }
}

/* Keeps rows sel[0..k) of in as the output batch (or in itself when all are kept). */
static int ex_setop_emit(vec_batch *in, int64_t *sel, int64_t k, vec_batch **out, em_error *err)
{
    if (k == in->n_rows) {
        em_free(sel);
        *out = in;
        return 1;
    }
    vec_batch *b = ex_batch_take(in, sel, k, err);
    em_free(sel);
    vec_batch_free(in);
    if (!b)
        return -1;
    *out = b;
    return 1;
}

/* UNION (distinct) and the left side of INTERSECT / EXCEPT: the first-seen filter of the
   streamed rows (right: the right set to test rows against, NULL for UNION). */
static int ex_setop_stream(ex_op *op, ex_setop_state *st, const ex_keyset *right, bool intersect,
                           vec_batch *in, vec_batch **out, em_error *err)
{
    int64_t rows = in->n_rows, base = st->pos;
    st->pos += rows;
    bool had = st->h != NULL;
    bool *is_new = NULL;
    int rc = ex_hset_filter(op->q, &st->seen, &st->h, ex_setop_kind(op->node), st->n_cols,
                            st->types, st->n_cols, st->all_keys, in, base, &is_new, err);
    if (rc == EM_OK && !had && st->h && right)
        rc = ex_setop_right_out(op, st, err); /* the rows just spilled need the right rows too */
    if (rc || !is_new) {
        vec_batch_free(in);
        return rc ? -1 : 0;
    }
    int64_t *ids = NULL;
    if (right) {
        ids = em_malloc((size_t)(rows ? rows : 1) * sizeof *ids);
        ex_keyset_find(right, in->cols, rows, ids);
    }
    int64_t *sel = em_malloc((size_t)(rows ? rows : 1) * sizeof *sel);
    int64_t k = 0;
    for (int64_t r = 0; r < rows; r++)
        if (is_new[r] && (!ids || (ids[r] >= 0) == intersect))
            sel[k++] = r;
    em_free(ids);
    em_free(is_new);
    if (k == 0) {
        em_free(sel);
        vec_batch_free(in);
        return 0;
    }
    return ex_setop_emit(in, sel, k, out, err);
}

static int ex_setop_union(ex_op *op, ex_setop_state *st, bool all, vec_batch **out, em_error *err)
{
    while (st->side < 2) {
        vec_batch *in;
        int rc = ex_child_next(op, st->side, &in, err);
        if (rc < 0)
            return -1;
        if (rc == 0) {
            st->side++;
            continue;
        }
        if (all) {
            *out = in;
            return 1;
        }
        rc = ex_setop_stream(op, st, NULL, false, in, out, err);
        if (rc != 0)
            return rc;
    }
    return 0;
}

/* INTERSECT / EXCEPT (distinct): stream the left side against the right set. */
static int ex_setop_filter(ex_op *op, ex_setop_state *st, bool intersect, vec_batch **out,
                           em_error *err)
{
    for (;;) {
        vec_batch *in;
        int rc = ex_child_next(op, 0, &in, err);
        if (rc <= 0)
            return rc;
        rc = ex_setop_stream(op, st, &st->right, intersect, in, out, err);
        if (rc != 0)
            return rc;
    }
}

/* INTERSECT ALL / EXCEPT ALL: turns left_counts into the number of copies of each left tuple. */
static void ex_setop_copies(ex_setop_state *st, bool intersect)
{
    int64_t nt = st->seen.n;
    int64_t *rid = em_malloc((size_t)(nt ? nt : 1) * sizeof *rid);
    ex_keyset_find(&st->right, st->seen.keys, nt, rid);
    for (int64_t t = 0; t < nt; t++) {
        int64_t nl = st->left_counts[t], nr = rid[t] >= 0 ? st->right_counts[rid[t]] : 0;
        int64_t copies = intersect ? (nl < nr ? nl : nr) : nl - nr;
        st->left_counts[t] = copies > 0 ? copies : 0;
    }
    em_free(rid);
}

static int ex_setop_emit_all(ex_op *op, ex_setop_state *st, vec_batch **out, em_error *err)
{
    int64_t limit = ex_batch_rows(op->q);
    int64_t *sel = em_malloc((size_t)limit * sizeof *sel);
    int64_t k = 0;
    while (st->emit_tuple < st->seen.n && k < limit) {
        int64_t t = st->emit_tuple;
        while (st->left_counts[t] > 0 && k < limit) {
            sel[k++] = t;
            st->left_counts[t]--;
        }
        if (st->left_counts[t] == 0)
            st->emit_tuple++;
    }
    if (k == 0) {
        em_free(sel);
        return 0;
    }
    vec_batch tmp = {.n_cols = st->n_cols, .n_rows = st->seen.n, .cols = st->seen.keys};
    vec_batch *b = ex_batch_take(&tmp, sel, k, err);
    em_free(sel);
    if (!b)
        return -1;
    *out = b;
    return 1;
}

static int ex_setop_next(ex_op *op, vec_batch **out, em_error *err)
{
    ex_setop_state *st = op->state;
    const pl_node *n = op->node;
    bool all = n->u.set_op.is_all;
    if (st->input_done)
        return ex_hset_next(st->h, out, err);
    int rc;
    switch (n->u.set_op.type) {
    case PL_SETOP_UNION:
        rc = ex_setop_union(op, st, all, out, err);
        break;
    case PL_SETOP_INTERSECT:
    case PL_SETOP_EXCEPT: {
        bool intersect = n->u.set_op.type == PL_SETOP_INTERSECT;
        if (!st->built) {
            if (ex_setop_drain_right(op, st, all, err) < 0)
                return -1;
            if (all && ex_setop_drain_left(op, st, err) < 0)
                return -1;
            if (all && !st->h)
                ex_setop_copies(st, intersect);
            st->built = true;
        }
        if (all && !st->h)
            return ex_setop_emit_all(op, st, out, err);
        rc = all ? 0 : ex_setop_filter(op, st, intersect, out, err);
        break;
    }
    default:
        return em_error_internal(err, "unknown set operation %d", (int)n->u.set_op.type) ? -1 : -1;
    }
    if (rc != 0 || !st->h)
        return rc;
    /* the input is over: what went to the partitions, in first-seen order */
    st->input_done = true;
    ex_keyset_release(&st->seen);
    ex_keyset_release(&st->right);
    return ex_hset_next(st->h, out, err);
}

static void ex_setop_release(ex_op *op)
{
    ex_setop_state *st = op->state;
    if (!st)
        return;
    ex_hset_free(st->h);
    ex_keyset_release(&st->seen);
    ex_keyset_release(&st->right);
    em_free(st->right_counts);
    em_free(st->left_counts);
    em_free(st->left_first);
    em_free(st->all_keys);
    em_free(st->types);
    em_free(st);
}

static const ex_op_vtbl ex_setop_vt = {ex_setop_next, ex_setop_release};

int ex_setop_init(ex_query *q, const pl_node *n, ex_op **out, em_error *err)
{
    if (n->n_children != 2)
        return em_error_internal(err, "set operation with %d inputs", n->n_children);
    ex_op *op = ex_op_new(q, n, &ex_setop_vt, 2);
    ex_setop_state *st = em_calloc(1, sizeof *st);
    op->state = st;
    st->n_cols = n->n_out;
    st->types = ex_node_types(n);
    st->all_keys = em_calloc((size_t)(st->n_cols ? st->n_cols : 1), sizeof *st->all_keys);
    for (int c = 0; c < st->n_cols; c++)
        st->all_keys[c] = c;
    ex_keyset_init(&st->seen, st->n_cols, st->types);
    ex_keyset_init(&st->right, st->n_cols, st->types);
    for (int i = 0; i < 2; i++)
        if (ex_build(q, n->children[i], &op->children[i], err)) {
            ex_op_free(op);
            return err->code;
        }
    *out = op;
    return EM_OK;
}
