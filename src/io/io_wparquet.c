/*
 * io_wparquet: the Parquet format of the writers (ParquetFileFormat.prepareWrite +
 * ParquetOutputWriter) over parquet/pq_write.h. The codec is the "compression" option, else
 * "parquet.compression", else spark.sql.parquet.compression.codec (ParquetOptions' precedence);
 * an unknown name raises CODEC_NOT_AVAILABLE.WITH_AVAILABLE_CODECS_SUGGESTION with Spark's list.
 * parquet-mr's Hadoop settings given as options are honoured: parquet.block.size,
 * parquet.page.size, parquet.dictionary.page.size, parquet.enable.dictionary. The row metadata
 * holds the data schema's DataType JSON, as ParquetWriteSupport stores it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/em_mem.h"
#include "io/io_write_int.h"
#include "io/parquet/pq_write.h"

typedef struct io_pq_state {
    pqw_writer *w;
    io_wfile *f;
} io_pq_state;

static int io_pq_sink(void *ctx, const void *p, size_t n, em_error *err)
{
    return io_wfile_write(ctx, p, n, err);
}

static int64_t io_pq_size_opt(const io_wjob *job, const char *key, int64_t dflt)
{
    const char *v = io_wopt(job, key);
    if (!v)
        return dflt;
    char *end;
    long long x = strtoll(v, &end, 10);
    return *end == '\0' && x > 0 ? x : dflt;
}

static int io_pq_prepare(io_wjob *job, em_error *err)
{
    const char *name = io_wopt(job, "compression");
    if (!name)
        name = io_wopt(job, "parquet.compression");
    if (!name)
        name = job->compression_default;
    pqw_options *o = em_arena_calloc(&job->arena, 1, sizeof *o);
    pqw_options_init(o);
    const char *ext;
    bool supported;
    if (!pqw_codec_lookup(name, &o->codec, &ext, &supported)) {
        char lower[128];
        size_t n = strlen(name) < sizeof lower - 1 ? strlen(name) : sizeof lower - 1;
        for (size_t i = 0; i < n; i++)
            lower[i] = (char)(name[i] >= 'A' && name[i] <= 'Z' ? name[i] + 32 : name[i]);
        lower[n] = '\0';
        return em_error_set(err, "CODEC_NOT_AVAILABLE.WITH_AVAILABLE_CODECS_SUGGESTION",
                            "codecName", lower, "availableCodecs",
                            "brotli, uncompressed, lzo, snappy, lz4_raw, none, zstd, lz4, gzip",
                            NULL);
    }
    if (!supported) {
        char feature[160];
        snprintf(feature, sizeof feature, "writing Parquet files with the '%s' codec", name);
        return em_error_set(err, "UNSUPPORTED_FEATURE.NOT_IMPLEMENTED", "feature", feature, NULL);
    }
    o->row_group_bytes = io_pq_size_opt(job, "parquet.block.size", o->row_group_bytes);
    o->page_bytes = io_pq_size_opt(job, "parquet.page.size", o->page_bytes);
    o->dict_bytes = io_pq_size_opt(job, "parquet.dictionary.page.size", o->dict_bytes);
    if (io_wopt_bool(job, "parquet.enable.dictionary", true, &o->dictionary, err))
        return err ? err->code : EM_EUSER;
    em_str js;
    em_str_init(&js, 0);
    ty_json(job->data_schema, &js);
    o->spark_schema = em_arena_strdup(&job->arena, js.data ? js.data : "");
    em_str_release(&js);
    job->ext = em_arena_printf(&job->arena, "%s.parquet", ext);
    job->fmt_opts = o;
    return EM_OK;
}

static int io_pq_open(io_wjob *job, io_wfile *f, void **state, em_error *err)
{
    io_pq_state *s = em_calloc(1, sizeof *s);
    s->f = f;
    if (pqw_open(job->data_schema, job->fmt_opts, io_pq_sink, f, &s->w, err)) {
        em_free(s);
        return err ? err->code : EM_EIO;
    }
    *state = s;
    return EM_OK;
}

static int io_pq_write(void *state, const vec_batch *b, em_error *err)
{
    io_pq_state *s = state;
    return pqw_write(s->w, b, err);
}

static int io_pq_finish(void *state, em_error *err)
{
    io_pq_state *s = state;
    int rc = pqw_close(s->w, err);
    em_free(s);
    return rc;
}

static void io_pq_discard(void *state)
{
    io_pq_state *s = state;
    if (!s)
        return;
    pqw_free(s->w);
    em_free(s);
}

const io_wformat io_wformat_parquet = {
    .name = "parquet",
    .display = "Parquet",
    .supports = pqw_supports,
    .prepare = io_pq_prepare,
    .open = io_pq_open,
    .write = io_pq_write,
    .finish = io_pq_finish,
    .discard = io_pq_discard,
};
