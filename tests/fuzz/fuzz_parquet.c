/*
 * fuzz_parquet: the Parquet reader surface over a file image in memory — footer (Thrift compact),
 * schema conversion, statistics decoding, every page of every column of every row group. Any
 * input must end in rows or a clean error; batches must be coherent (lengths, offsets).
 * Seeds: corpus-parquet/ (small conformance files and files Ember's writer produced).
 */
#include "io/parquet/pq.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fz_check_vec(const vec *v, int64_t n)
{
    if (v->len != n)
        abort();
    if (v->offsets) {
        for (int64_t i = 0; i < n; i++)
            if (v->offsets[i] > v->offsets[i + 1])
                abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    pq_options opt;
    pq_options_init(&opt);
    opt.max_page_bytes = 16 << 20;
    opt.max_batch_values = 1 << 20;
    opt.batch_rows = 257;
    em_error err;
    em_error_clear(&err);
    pq_file *f;
    if (pq_file_open_buffer(data, size, "fuzz.parquet", &opt, NULL, &f, &err))
        return 0;
    for (int g = 0; g < pq_file_num_row_groups(f); g++)
        for (int l = 0; l < pq_file_num_leaves(f); l++) {
            pq_stats st;
            pq_value v;
            em_error_clear(&err);
            if (pq_file_column_stats(f, g, l, &st, &err) == 0 && st.has_min_max) {
                pq_stats_decode(f, l, st.min, st.min_len, &v, &err);
                em_error_clear(&err);
                pq_stats_decode(f, l, st.max, st.max_len, &v, &err);
            }
        }
    pq_reader *r;
    em_error_clear(&err);
    if (pq_reader_open(f, NULL, 0, NULL, 0, &r, &err) == 0) {
        for (;;) {
            vec_batch *b = NULL;
            if (pq_reader_next(r, &b, &err) || !b)
                break;
            for (int c = 0; c < b->n_cols; c++)
                fz_check_vec(b->cols[c], b->n_rows);
            vec_batch_free(b);
        }
        pq_reader_close(r);
    }
    pq_file_close(f);
    return 0;
}
