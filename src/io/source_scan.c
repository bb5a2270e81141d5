/*
 * source_scan: reading a resolved source. A scan walks the source's files in scan order and
 * keeps one format reader open at a time; each batch of the reader (the requested data columns)
 * becomes an output batch in the requested column order, partition columns filled with the
 * file's partition values. Files that vanished since listing raise FAILED_READ_FILE.FILE_NOT_EXIST
 * unless spark.sql.files.ignoreMissingFiles; read failures are skipped (with the rows read so
 * far kept) under spark.sql.files.ignoreCorruptFiles, as Spark's FileScanRDD does.
 *
 * A scan reads either every file whole (io_scan_open) or a list of pieces of a plan
 * (source_plan.c: whole files, Parquet row groups, byte ranges of text files), in order.
 *
 * State machine: (no reader) -> open the next piece -> (reader) -> next batch ... -> end of the
 * piece -> close -> (no reader) ... -> no pieces left -> done.
 */
#include <string.h>

#include "common/em_log.h"
#include "common/em_mem.h"
#include "io/source_int.h"

struct io_scan {
    const io_source *s;
    int n_cols;
    int *cols;      /* requested output columns */
    int n_data;     /* distinct data columns the reader produces */
    int *data_cols; /* data column indexes, reader order */
    int *col_pos;   /* per requested column: position in the reader batch, or -1 - partition */
    int64_t batch_rows;
    const io_piece *pieces; /* borrowed from an io_parts; NULL = every file whole */
    int n_pieces;
    int next_piece;
    const io_file *cur;
    io_reader *rd;
    bool done;
};

int io_scan_open_pieces(const io_source *s, const int *cols, int n_cols, int64_t batch_rows,
                        const io_piece *pieces, int n_pieces, io_scan **out, em_error *err)
{
    *out = NULL;
    int n_out = s->head.schema->n_fields;
    for (int i = 0; i < n_cols; i++)
        if (cols[i] < 0 || cols[i] >= n_out)
            return em_error_internal(err, "io_scan_open: column %d out of range", cols[i]);
    io_scan *sc = em_calloc(1, sizeof *sc);
    sc->s = s;
    sc->n_cols = n_cols;
    sc->cols = em_calloc((size_t)n_cols + 1, sizeof(int));
    sc->col_pos = em_calloc((size_t)n_cols + 1, sizeof(int));
    sc->data_cols = em_calloc((size_t)n_cols + 1, sizeof(int));
    sc->batch_rows = batch_rows > 0 ? batch_rows : VEC_BATCH_ROWS;
    sc->pieces = pieces;
    sc->n_pieces = pieces ? n_pieces : s->n_files;
    for (int i = 0; i < n_cols; i++) {
        sc->cols[i] = cols[i];
        int m = s->col_map[cols[i]];
        if (m < 0) {
            sc->col_pos[i] = m;
            continue;
        }
        /* Data columns keep the data schema's order in the reader (like Spark's required
           schema); duplicates are read once. */
        int pos = -1;
        for (int k = 0; k < sc->n_data; k++)
            if (sc->data_cols[k] == m)
                pos = k;
        if (pos < 0)
            sc->data_cols[pos = sc->n_data++] = m;
        sc->col_pos[i] = pos;
    }
    /* Sort data_cols ascending and remap positions. */
    for (int a = 1; a < sc->n_data; a++)
        for (int b = a; b > 0 && sc->data_cols[b - 1] > sc->data_cols[b]; b--) {
            int t = sc->data_cols[b];
            sc->data_cols[b] = sc->data_cols[b - 1];
            sc->data_cols[b - 1] = t;
        }
    for (int i = 0; i < n_cols; i++) {
        int m = s->col_map[cols[i]];
        if (m < 0)
            continue;
        for (int k = 0; k < sc->n_data; k++)
            if (sc->data_cols[k] == m)
                sc->col_pos[i] = k;
    }
    *out = sc;
    return EM_OK;
}

static int io_scan_open_impl(const io_source *s, const int *cols, int n_cols, int64_t batch_rows,
                             io_scan **out, em_error *err)
{
    return io_scan_open_pieces(s, cols, n_cols, batch_rows, NULL, 0, out, err);
}

/* Opens the reader of the next piece (whole files through open, others through open_piece). */
static int io_scan_open_piece(io_scan *sc, const io_file **f, em_error *err)
{
    const io_source *s = sc->s;
    int i = sc->next_piece++;
    if (!sc->pieces) {
        *f = &s->files[i];
        return s->fmt->open(s, *f, sc->data_cols, sc->n_data, sc->batch_rows, &sc->rd, err);
    }
    const io_piece *p = &sc->pieces[i];
    *f = &s->files[p->file];
    if (p->n_rgs < 0 && p->lo <= 0 && p->hi < 0)
        return s->fmt->open(s, *f, sc->data_cols, sc->n_data, sc->batch_rows, &sc->rd, err);
    if (!s->fmt->open_piece)
        return em_error_internal(err, "format %s cannot read part of a file", s->fmt->name);
    return s->fmt->open_piece(s, *f, p, sc->data_cols, sc->n_data, sc->batch_rows, &sc->rd, err);
}

static void io_scan_close_reader(io_scan *sc)
{
    if (sc->rd) {
        sc->s->fmt->close(sc->rd);
        sc->rd = NULL;
    }
    sc->cur = NULL;
}

/* A vector of n rows, each row `row` of src. */
static vec *io_repeat(const vec *src, int64_t row, int64_t n, em_error *err)
{
    int64_t *sel = em_malloc(sizeof(int64_t) * (size_t)(n ? n : 1));
    for (int64_t i = 0; i < n; i++)
        sel[i] = row;
    vec *v = vec_take(src, sel, n, err);
    em_free(sel);
    return v;
}

static int io_scan_next_impl(io_scan *sc, vec_batch **out, em_error *err)
{
    *out = NULL;
    const io_source *s = sc->s;
    while (!sc->done) {
        if (!sc->rd) {
            if (sc->next_piece >= sc->n_pieces) {
                sc->done = true;
                break;
            }
            const io_file *f = NULL;
            em_error e;
            em_error_clear(&e);
            if (io_scan_open_piece(sc, &f, &e)) {
                if ((strcmp(e.error_class, "FAILED_READ_FILE.FILE_NOT_EXIST") == 0 &&
                     s->conf.ignore_missing_files) ||
                    (s->conf.ignore_corrupt_files &&
                     strncmp(e.error_class, "FAILED_READ_FILE", 16) == 0)) {
                    EM_LOG_WARN("Skipped the file %s: %s", f->uri, e.message);
                    sc->rd = NULL;
                    continue;
                }
                em_error_copy(err, &e);
                return -1;
            }
            sc->cur = f;
        }
        vec_batch *b = NULL;
        em_error e;
        em_error_clear(&e);
        int rc = s->fmt->next(sc->rd, &b, &e);
        if (rc < 0) {
            if (s->conf.ignore_corrupt_files &&
                strncmp(e.error_class, "FAILED_READ_FILE", 16) == 0) {
                EM_LOG_WARN("Skipped the rest of the content in the corrupted file %s: %s",
                            sc->cur->uri, e.message);
                io_scan_close_reader(sc);
                continue;
            }
            em_error_copy(err, &e);
            return -1;
        }
        if (rc == 0) {
            io_scan_close_reader(sc);
            continue;
        }
        if (b->n_rows == 0) {
            vec_batch_free(b);
            continue;
        }
        vec_batch *o = vec_batch_new(sc->n_cols, b->n_rows);
        for (int i = 0; i < sc->n_cols; i++) {
            int pos = sc->col_pos[i];
            if (pos >= 0) {
                o->cols[i] = vec_retain(b->cols[pos]);
                continue;
            }
            int p = -1 - pos;
            int row = sc->cur->part;
            if (row < 0) {
                o->cols[i] = vec_new_nulls(s->part_schema->fields[p].type, b->n_rows);
                continue;
            }
            o->cols[i] = io_repeat(s->part_values[p], row, b->n_rows, err);
            if (!o->cols[i]) {
                vec_batch_free(b);
                vec_batch_free(o);
                return -1;
            }
        }
        vec_batch_free(b);
        *out = o;
        return 1;
    }
    return 0;
}

static void io_scan_close_impl(io_scan *sc)
{
    if (!sc)
        return;
    io_scan_close_reader(sc);
    em_free(sc->cols);
    em_free(sc->col_pos);
    em_free(sc->data_cols);
    em_free(sc);
}

const io_source_ops io_source_scan_ops = {
    .open = io_scan_open_impl,
    .next = io_scan_next_impl,
    .close = io_scan_close_impl,
    .plan = io_plan_impl,
    .num_parts = io_parts_count_impl,
    .open_parts = io_parts_open_impl,
    .free_parts = io_parts_free_impl,
};

int io_scan_open(const io_source *src, const int *cols, int n_cols, int64_t batch_rows,
                 io_scan **out, em_error *err)
{
    return io_scan_open_impl(src, cols, n_cols, batch_rows, out, err);
}

int io_scan_next(io_scan *scan, vec_batch **out, em_error *err)
{
    return io_scan_next_impl(scan, out, err);
}

void io_scan_close(io_scan *scan)
{
    io_scan_close_impl(scan);
}

int io_source_read_all(const io_source *src, const int *cols, int n_cols, vec_batch **out,
                       em_error *err)
{
    *out = NULL;
    int n_out = src->head.schema->n_fields;
    int *all = NULL;
    if (!cols) {
        all = em_calloc((size_t)n_out + 1, sizeof(int));
        for (int i = 0; i < n_out; i++)
            all[i] = i;
        cols = all;
        n_cols = n_out;
    }
    io_scan *sc;
    if (io_scan_open(src, cols, n_cols, 0, &sc, err)) {
        em_free(all);
        return err ? err->code : EM_EINTERNAL;
    }
    vec **acc = em_calloc((size_t)n_cols + 1, sizeof(vec *));
    for (int i = 0; i < n_cols; i++)
        acc[i] = vec_new(src->head.schema->fields[cols[i]].type, 0);
    int64_t rows = 0;
    int rc;
    vec_batch *b;
    while ((rc = io_scan_next(sc, &b, err)) > 0) {
        for (int i = 0; i < n_cols && rc > 0; i++)
            for (int64_t r = 0; r < b->n_rows; r++)
                if (vec_append_from(acc[i], b->cols[i], r, err)) {
                    rc = -1;
                    break;
                }
        rows += b->n_rows;
        vec_batch_free(b);
        if (rc < 0)
            break;
    }
    io_scan_close(sc);
    em_free(all);
    if (rc < 0) {
        for (int i = 0; i < n_cols; i++)
            vec_release(acc[i]);
        em_free(acc);
        return err && err->code ? err->code : EM_EINTERNAL;
    }
    vec_batch *o = vec_batch_new(n_cols, rows);
    for (int i = 0; i < n_cols; i++)
        o->cols[i] = acc[i];
    em_free(acc);
    *out = o;
    return EM_OK;
}
