/*
 * text_write: Spark's text writer (TextFileFormat.prepareWrite + TextOutputWriter): exactly one
 * string column (else _LEGACY_ERROR_TEMP_1290 naming the column count), each row's bytes followed
 * by the line separator ("\n", or the lineSep option); a NULL row writes just the separator.
 * Options: lineSep, compression (none, gzip, deflate, zstd). Part files end in ".txt" plus the
 * codec's extension.
 */
#include <stdio.h>
#include <string.h>

#include "common/em_mem.h"
#include "io/io_write_int.h"

typedef struct text_wopts {
    const char *line_sep;
    size_t line_sep_len;
} text_wopts;

typedef struct text_wstate {
    const text_wopts *o;
    io_wfile *f;
} text_wstate;

static bool text_wsupports(const ty *t)
{
    return t->kind == TY_STRING || t->kind == TY_CHAR || t->kind == TY_VARCHAR;
}

static int text_wprepare(io_wjob *job, em_error *err)
{
    if (job->data_schema->n_fields != 1) {
        char n[32];
        snprintf(n, sizeof n, "%d", job->data_schema->n_fields);
        return em_error_set(err, "_LEGACY_ERROR_TEMP_1290", "schemaSize", n, NULL);
    }
    text_wopts *o = em_arena_calloc(&job->arena, 1, sizeof *o);
    o->line_sep = "\n";
    const char *ls = io_wopt(job, "lineSep");
    if (ls) {
        if (!ls[0])
            return em_error_set(err, "_LEGACY_ERROR_TEMP_3241", "msg",
                                "requirement failed: 'lineSep' cannot be an empty string.", NULL);
        o->line_sep = ls;
    }
    o->line_sep_len = strlen(o->line_sep);
    io_wcodec codec;
    const char *suffix;
    if (io_wopt_text_codec(job, &codec, &suffix, err))
        return err ? err->code : EM_EUSER;
    job->ext = em_arena_printf(&job->arena, ".txt%s", suffix);
    job->fmt_opts = o;
    return EM_OK;
}

static int text_wopen(io_wjob *job, io_wfile *f, void **state, em_error *err)
{
    (void)err;
    text_wstate *s = em_calloc(1, sizeof *s);
    s->o = job->fmt_opts;
    s->f = f;
    *state = s;
    return EM_OK;
}

static int text_wwrite(void *state, const vec_batch *b, em_error *err)
{
    text_wstate *s = state;
    const vec *v = b->cols[0];
    for (int64_t r = 0; r < b->n_rows; r++) {
        if (!vec_is_null(v, r)) {
            int32_t len;
            const char *p = vec_str(v, r, &len);
            if (io_wfile_write(s->f, p, (size_t)len, err))
                return EM_EIO;
        }
        if (io_wfile_write(s->f, s->o->line_sep, s->o->line_sep_len, err))
            return EM_EIO;
    }
    return EM_OK;
}

static int text_wfinish(void *state, em_error *err)
{
    (void)err;
    em_free(state);
    return EM_OK;
}

static void text_wdiscard(void *state)
{
    em_free(state);
}

const io_wformat io_wformat_text = {
    .name = "text",
    .display = "Text",
    .supports = text_wsupports,
    .prepare = text_wprepare,
    .open = text_wopen,
    .write = text_wwrite,
    .finish = text_wfinish,
    .discard = text_wdiscard,
};
