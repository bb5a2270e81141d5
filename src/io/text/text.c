/*
 * text: Spark's text data source (TextFileFormat + TextOptions) over the data-source layer: one
 * string column, "value" unless the user schema names it, holding each line of each file (Hadoop's
 * line reader: "\n", "\r", "\r\n" or the lineSep option; empty lines kept) or, with wholetext,
 * each whole file. Bytes are passed through unchanged (Spark stores the line's bytes as the
 * string). The schema is known without reading anything, so an empty folder reads as no rows.
 */
#include <stdio.h>
#include <string.h>

#include "common/em_mem.h"
#include "io/source_int.h"

typedef struct text_opts {
    bool whole_text;
    const char *line_sep;
    size_t line_sep_len;
} text_opts;

static int text_prepare(io_source *s, em_error *err)
{
    text_opts *o = em_arena_calloc(s->arena, 1, sizeof *o);
    if (io_opt_bool(s, "wholetext", false, &o->whole_text, err))
        return err ? err->code : EM_EUSER;
    const char *ls = io_opt(s, "lineSep");
    if (ls) {
        if (!ls[0])
            return em_error_set(err, "_LEGACY_ERROR_TEMP_3241", "msg",
                                "requirement failed: 'lineSep' cannot be an empty string.", NULL);
        o->line_sep = ls;
        o->line_sep_len = strlen(ls);
    }
    s->fmt_state = o;
    return EM_OK;
}

static int text_infer(io_source *s, const ty **out, em_error *err)
{
    (void)err;
    ty_field f = {.name = "value", .type = ty_string(), .nullable = true};
    *out = ty_struct(s->arena, 1, &f);
    return EM_OK;
}

static bool text_supports(const ty *t)
{
    return ty_is_string(t);
}

typedef struct text_reader {
    const io_source *s;
    const text_opts *o;
    io_buf buf;
    io_lines lines;
    bool whole_done;
    int n_cols;
    int64_t batch_rows;
} text_reader;

static int text_open(const io_source *s, const io_file *f, const int *cols, int n_cols,
                     int64_t batch_rows, io_reader **out, em_error *err)
{
    *out = NULL;
    (void)cols;
    if (n_cols > 1) {
        char n[16];
        snprintf(n, sizeof n, "%d", n_cols);
        return em_error_set(err, "_LEGACY_ERROR_TEMP_1290", "schemaSize", n, NULL);
    }
    text_reader *r = em_calloc(1, sizeof *r);
    r->s = s;
    r->o = s->fmt_state;
    r->n_cols = n_cols;
    r->batch_rows = batch_rows > 0 ? batch_rows : VEC_BATCH_ROWS;
    if (io_buf_open(f, &r->buf, err)) {
        em_free(r);
        return err ? err->code : EM_EUSER;
    }
    io_lines_init(&r->lines, r->buf.data, r->buf.len, r->o->line_sep, r->o->line_sep_len);
    *out = (io_reader *)r;
    return EM_OK;
}

static bool text_splittable(const io_source *s, const io_file *f)
{
    const text_opts *o = s->fmt_state;
    return !o->whole_text && !io_file_compressed(f) &&
           io_lines_splittable(o->line_sep, o->line_sep_len);
}

/* A byte range of a file (parallel scans): the lines starting in it. */
static int text_open_piece(const io_source *s, const io_file *f, const io_piece *p, const int *cols,
                           int n_cols, int64_t batch_rows, io_reader **out, em_error *err)
{
    if (text_open(s, f, cols, n_cols, batch_rows, out, err))
        return err ? err->code : EM_EUSER;
    text_reader *r = (text_reader *)*out;
    io_lines_init_range(&r->lines, r->buf.data, r->buf.len, r->o->line_sep, r->o->line_sep_len,
                        p->lo, p->hi);
    return EM_OK;
}

static int text_next(io_reader *rd, vec_batch **out, em_error *err)
{
    text_reader *r = (text_reader *)rd;
    *out = NULL;
    const ty *t = r->n_cols ? r->s->data_schema->fields[0].type : ty_string();
    vec *v = r->n_cols ? vec_new(t, r->batch_rows) : NULL;
    int64_t rows = 0;
    if (r->o->whole_text) {
        if (!r->whole_done) {
            r->whole_done = true;
            if (v && vec_append_str(v, r->buf.data, (int64_t)r->buf.len, err)) {
                vec_release(v);
                return -1;
            }
            rows = 1;
        }
    } else {
        const char *line;
        size_t len;
        while (rows < r->batch_rows && io_lines_next(&r->lines, &line, &len)) {
            if (v && vec_append_str(v, line, (int64_t)len, err)) {
                vec_release(v);
                return -1;
            }
            rows++;
        }
    }
    if (rows == 0) {
        vec_release(v);
        return 0;
    }
    vec_batch *b = vec_batch_new(r->n_cols, rows);
    if (r->n_cols)
        b->cols[0] = v;
    *out = b;
    return 1;
}

static void text_close(io_reader *rd)
{
    text_reader *r = (text_reader *)rd;
    if (!r)
        return;
    io_buf_close(&r->buf);
    em_free(r);
}

const io_format io_format_text = {
    .name = "text",
    .display = "Text",
    .prepare = text_prepare,
    .infer = text_infer,
    .supports = text_supports,
    .check_schema = NULL,
    .open = text_open,
    .next = text_next,
    .close = text_close,
    .splittable = text_splittable,
    .open_piece = text_open_piece,
};
