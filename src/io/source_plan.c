/*
 * source_plan: splitting a scan into parts for parallel workers, and skipping what pushed
 * predicates prove cannot match (source.h io_source_ops.plan).
 *
 * The plan walks the source's files in scan order (largest first, as Spark packs them):
 *  1. partition pruning: a file whose partition values fail a predicate on a partition column
 *     is left out (the values are exact, so this is Spark's PartitioningAwareFileIndex
 *     filtering, with the same comparison semantics as the Filter);
 *  2. Parquet files with predicates on data columns, or big enough to split, have their footer
 *     read: row groups whose statistics prove no row matches are left out
 *     (source_parquet.c io_pq_plan_file), the others are packed into pieces of about
 *     target_rows rows (never splitting a row group);
 *  3. splittable text files (CSV / JSON lines / text, uncompressed, one-byte or default line
 *     separator, not multiLine) bigger than a split are cut into byte ranges; a record belongs
 *     to the range its first byte lies in (Hadoop's LineRecordReader rule);
 *  4. everything else is one whole-file piece; consecutive small whole files share a part.
 * A part is a run of pieces; reading parts in order reads the pieces in order, which reads the
 * kept rows in the serial scan's order. A footer that cannot be read leaves its file whole: the
 * scan raises the error (or skips the file under ignoreCorruptFiles) where the serial scan does.
 *
 * The plan is immutable after io_plan_impl and owns its pieces; scans borrow them.
 */
#include <stdatomic.h>
#include <string.h>

#include "common/em_log.h"
#include "common/em_mem.h"
#include "io/source_int.h"

/* Whole files smaller than this are packed together into one part. */
#define IO_PART_PACK_BYTES ((int64_t)4 << 20)
/* Parquet files smaller than this are not split (their footer is read only for pruning). */
#define IO_PQ_SPLIT_MIN_BYTES ((int64_t)1 << 20)
/* Byte ranges of text files: about this many bytes per row wanted, at least 1 MiB. */
#define IO_TEXT_BYTES_PER_ROW 64
#define IO_TEXT_MIN_SPLIT     ((int64_t)1 << 20)

struct io_parts {
    const io_source *s;
    int n_cols;
    int *cols;
    int n_pieces, cap_pieces;
    io_piece *pieces;
    int n_parts, cap_parts;
    int *part_start; /* part i = pieces [part_start[i], part_start[i + 1]) */
    int **rgs;       /* row group lists owned here (one per Parquet piece) */
    int n_rgs_lists, cap_rgs_lists;
    io_prune_stats stats;
};

static _Atomic int64_t io_plan_test_split;
static _Atomic int64_t io_prune_files, io_prune_files_skipped, io_prune_rgs, io_prune_rgs_skipped;

void io_prune_stats_get(io_prune_stats *out)
{
    out->files = atomic_load(&io_prune_files);
    out->files_skipped = atomic_load(&io_prune_files_skipped);
    out->row_groups = atomic_load(&io_prune_rgs);
    out->row_groups_skipped = atomic_load(&io_prune_rgs_skipped);
}

void io_plan_test_split_bytes(int64_t bytes)
{
    atomic_store(&io_plan_test_split, bytes);
}

void io_prune_stats_reset(void)
{
    atomic_store(&io_prune_files, 0);
    atomic_store(&io_prune_files_skipped, 0);
    atomic_store(&io_prune_rgs, 0);
    atomic_store(&io_prune_rgs_skipped, 0);
}

/* ---- building -------------------------------------------------------------------------- */

static io_piece *io_plan_piece(io_parts *p, int file)
{
    if (p->n_pieces == p->cap_pieces) {
        p->cap_pieces = p->cap_pieces ? p->cap_pieces * 2 : 16;
        p->pieces = em_realloc(p->pieces, (size_t)p->cap_pieces * sizeof *p->pieces);
    }
    io_piece *pc = &p->pieces[p->n_pieces++];
    memset(pc, 0, sizeof *pc);
    pc->file = file;
    pc->n_rgs = -1;
    pc->hi = -1;
    return pc;
}

/* Starts a new part at the next piece. */
static void io_plan_cut(io_parts *p)
{
    if (p->n_parts + 2 > p->cap_parts) {
        p->cap_parts = p->cap_parts ? p->cap_parts * 2 : 16;
        p->part_start = em_realloc(p->part_start, (size_t)p->cap_parts * sizeof *p->part_start);
    }
    p->part_start[p->n_parts++] = p->n_pieces;
}

static int *io_plan_rgs(io_parts *p, int n)
{
    if (p->n_rgs_lists == p->cap_rgs_lists) {
        p->cap_rgs_lists = p->cap_rgs_lists ? p->cap_rgs_lists * 2 : 8;
        p->rgs = em_realloc(p->rgs, (size_t)p->cap_rgs_lists * sizeof *p->rgs);
    }
    int *r = em_calloc((size_t)n + 1, sizeof(int));
    p->rgs[p->n_rgs_lists++] = r;
    return r;
}

/* Whether file f's partition values may satisfy every predicate on a partition column. */
static bool io_plan_partition_may(const io_source *s, const io_file *f, const io_pred *preds,
                                  int n_preds)
{
    for (int i = 0; i < n_preds; i++) {
        const io_pred *pr = &preds[i];
        const ty *ct, *t;
        if (!io_prune_pred_usable(s, pr, &ct, &t))
            continue;
        int m = s->col_map[pr->col];
        if (m >= 0)
            continue;
        int pc = -1 - m;
        if (f->part < 0)
            continue;
        const vec *pv = s->part_values[pc];
        bool is_null = vec_is_null(pv, f->part);
        vec *b = NULL;
        if (!is_null) {
            em_error e;
            em_error_clear(&e);
            b = io_prune_bounds_of(pv, f->part, &e);
            b = io_prune_to_compared(s, b, ct, t);
            if (!b && pr->op != IO_PRED_IS_NULL && pr->op != IO_PRED_IS_NOT_NULL)
                continue; /* not comparable: keep */
        }
        bool may = io_prune_may_match(pr, b, is_null, !is_null, false);
        vec_release(b);
        if (!may)
            return false;
    }
    return true;
}

static bool io_plan_has_data_preds(const io_source *s, const io_pred *preds, int n_preds)
{
    for (int i = 0; i < n_preds; i++) {
        const ty *ct, *t;
        if (io_prune_pred_usable(s, &preds[i], &ct, &t) && s->col_map[preds[i].col] >= 0)
            return true;
    }
    return false;
}

/* Pieces of a Parquet file: the kept row groups, packed to about target_rows rows. Returns
   false when the footer could not be read (the file stays whole). */
static bool io_plan_parquet(io_parts *p, int fi, const io_pred *preds, int n_preds,
                            int64_t target_rows)
{
    const io_source *s = p->s;
    bool *keep = NULL;
    int64_t *rows = NULL;
    em_error e;
    em_error_clear(&e);
    int n = io_pq_plan_file(s, &s->files[fi], preds, n_preds, &keep, &rows, &e);
    if (n < 0) {
        EM_LOG_DEBUG("scan plan: footer of %s unreadable (%s), read whole", s->files[fi].uri,
                     e.message);
        em_error_clear(&e);
        return false;
    }
    int kept = 0;
    for (int rg = 0; rg < n; rg++)
        kept += keep[rg];
    p->stats.row_groups += n;
    p->stats.row_groups_skipped += n - kept;
    if (kept == 0 && n > 0)
        p->stats.files_skipped++;
    int *idx = em_calloc((size_t)kept + 1, sizeof(int));
    int k = 0;
    for (int rg = 0; rg < n; rg++)
        if (keep[rg])
            idx[k++] = rg;
    for (int i = 0; i < kept;) {
        int j = i;
        int64_t acc = 0;
        do
            acc += rows[idx[j++]];
        while (j < kept && acc < target_rows);
        int *list = io_plan_rgs(p, j - i);
        memcpy(list, idx + i, (size_t)(j - i) * sizeof(int));
        io_plan_cut(p);
        io_piece *pc = io_plan_piece(p, fi);
        pc->n_rgs = j - i;
        pc->rgs = list;
        i = j;
    }
    em_free(idx);
    em_free(keep);
    em_free(rows);
    return true;
}

int io_plan_impl(const io_source *s, const int *cols, int n_cols, const io_pred *preds, int n_preds,
                 int64_t target_rows, io_parts **out, em_error *err)
{
    *out = NULL;
    int n_out = s->head.schema->n_fields;
    for (int i = 0; i < n_cols; i++)
        if (cols[i] < 0 || cols[i] >= n_out)
            return em_error_internal(err, "io_scan_plan: column %d out of range", cols[i]);
    io_parts *p = em_calloc(1, sizeof *p);
    p->s = s;
    p->n_cols = n_cols;
    p->cols = em_calloc((size_t)n_cols + 1, sizeof(int));
    if (n_cols > 0)
        memcpy(p->cols, cols, (size_t)n_cols * sizeof(int));
    if (!preds)
        n_preds = 0;
    bool parquet = s->fmt == &io_format_parquet;
    bool data_preds = parquet && io_plan_has_data_preds(s, preds, n_preds);
    int64_t split_bytes = target_rows > 0 && target_rows < INT64_MAX / IO_TEXT_BYTES_PER_ROW
                              ? target_rows * IO_TEXT_BYTES_PER_ROW
                              : 0;
    if (split_bytes > 0 && split_bytes < IO_TEXT_MIN_SPLIT)
        split_bytes = IO_TEXT_MIN_SPLIT;
    int64_t test_split = atomic_load(&io_plan_test_split);
    if (test_split > 0)
        split_bytes = test_split;
    int64_t packed = -1; /* bytes of the open part of small whole files, -1 = none open */
    for (int fi = 0; fi < s->n_files; fi++) {
        const io_file *f = &s->files[fi];
        p->stats.files++;
        if (!io_plan_partition_may(s, f, preds, n_preds)) {
            p->stats.files_skipped++;
            continue;
        }
        /* under ignoreCorruptFiles a read error skips the rest of its file: a file then stays
           one piece, so later row groups / ranges are skipped as the serial scan skips them */
        bool split = target_rows < INT64_MAX && !s->conf.ignore_corrupt_files;
        if (parquet &&
            (data_preds || (split && (target_rows <= 0 || f->size >= IO_PQ_SPLIT_MIN_BYTES)))) {
            int before = p->n_pieces;
            int64_t rg_target = !split ? INT64_MAX : target_rows > 0 ? target_rows : 1;
            if (io_plan_parquet(p, fi, preds, n_preds, rg_target)) {
                if (p->n_pieces > before)
                    packed = -1;
                continue;
            }
        }
        if (split && split_bytes > 0 && f->size > split_bytes && s->fmt->splittable &&
            s->fmt->open_piece && s->fmt->splittable(s, f)) {
            for (int64_t lo = 0; lo < f->size; lo += split_bytes) {
                io_plan_cut(p);
                io_piece *pc = io_plan_piece(p, fi);
                pc->lo = lo;
                pc->hi = lo + split_bytes < f->size ? lo + split_bytes : -1;
            }
            packed = -1;
            continue;
        }
        if (packed < 0 || packed + f->size > IO_PART_PACK_BYTES || target_rows <= 0) {
            io_plan_cut(p);
            packed = 0;
        }
        io_plan_piece(p, fi);
        packed += f->size;
    }
    if (!p->part_start)
        p->part_start = em_calloc(1, sizeof(int));
    p->part_start[p->n_parts] = p->n_pieces;
    atomic_fetch_add(&io_prune_files, p->stats.files);
    atomic_fetch_add(&io_prune_files_skipped, p->stats.files_skipped);
    atomic_fetch_add(&io_prune_rgs, p->stats.row_groups);
    atomic_fetch_add(&io_prune_rgs_skipped, p->stats.row_groups_skipped);
    *out = p;
    return EM_OK;
}

int io_parts_count_impl(const io_parts *p)
{
    return p ? p->n_parts : 0;
}

int io_parts_open_impl(const io_parts *p, int first, int end, int64_t batch_rows, io_scan **out,
                       em_error *err)
{
    *out = NULL;
    if (!p || first < 0 || end < first || end > p->n_parts)
        return em_error_internal(err, "io_scan_open_parts: parts [%d, %d) out of range", first,
                                 end);
    int a = p->part_start[first], b = p->part_start[end];
    return io_scan_open_pieces(p->s, p->cols, p->n_cols, batch_rows, p->pieces + a, b - a, out,
                               err);
}

void io_parts_free_impl(io_parts *p)
{
    if (!p)
        return;
    for (int i = 0; i < p->n_rgs_lists; i++)
        em_free(p->rgs[i]);
    em_free(p->rgs);
    em_free(p->pieces);
    em_free(p->part_start);
    em_free(p->cols);
    em_free(p);
}

/* ---- the public names ------------------------------------------------------------------ */

int io_scan_plan(const io_source *src, const int *cols, int n_cols, const io_pred *preds,
                 int n_preds, int64_t target_rows, io_parts **out, em_error *err)
{
    return io_plan_impl(src, cols, n_cols, preds, n_preds, target_rows, out, err);
}

int io_parts_count(const io_parts *parts)
{
    return io_parts_count_impl(parts);
}

int io_scan_open_parts(const io_parts *parts, int first, int end, int64_t batch_rows, io_scan **out,
                       em_error *err)
{
    return io_parts_open_impl(parts, first, end, batch_rows, out, err);
}

void io_parts_free(io_parts *parts)
{
    io_parts_free_impl(parts);
}

void io_parts_stats(const io_parts *parts, io_prune_stats *out)
{
    memset(out, 0, sizeof *out);
    if (parts)
        *out = parts->stats;
}
