/*
 * fuzz_parquet: libFuzzer target over a Parquet file image in memory. Opens it, decodes every
 * statistic, reads every row group with all columns and checks the batches' structure; any
 * crash, hang, sanitizer report or incoherent vector (abort) is a bug. With EMBER_FUZZ=ON it is
 * a libFuzzer binary; io_mutate drives it deterministically in the normal suite.
 */
#include "io_vcheck.h"

#include "io/parquet/pq.h"

#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* How the last input ended: 0 rejected at open, 1 failed while reading, 2 read completely. */
int io_fuzz_outcome;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    pq_options opt;
    pq_options_init(&opt);
    /* Keep hostile allocations well under libFuzzer's memory limit. */
    opt.max_page_bytes = 16 << 20;
    opt.max_batch_values = 1 << 20;
    opt.batch_rows = 333;
    em_error err;
    em_error_clear(&err);
    pq_file *f;
    io_fuzz_outcome = 0;
    if (pq_file_open_buffer(data, size, "fuzz.parquet", &opt, NULL, &f, &err))
        return 0;
    io_fuzz_outcome = 1;
    for (int g = 0; g < pq_file_num_row_groups(f); g++) {
        for (int l = 0; l < pq_file_num_leaves(f); l++) {
            pq_stats st;
            pq_value lo, hi;
            if (pq_file_column_stats(f, g, l, &st, &err) == 0 && st.has_min_max) {
                em_error_clear(&err);
                pq_stats_decode(f, l, st.min, st.min_len, &lo, &err);
                em_error_clear(&err);
                pq_stats_decode(f, l, st.max, st.max_len, &hi, &err);
            }
            em_error_clear(&err);
        }
    }
    pq_reader *r;
    if (pq_reader_open(f, NULL, 0, NULL, 0, &r, &err) == 0) {
        for (;;) {
            vec_batch *b;
            if (pq_reader_next(r, &b, &err))
                break;
            if (!b) {
                io_fuzz_outcome = 2;
                break;
            }
            for (int c = 0; c < b->n_cols; c++) {
                const char *problem = io_vec_check(b->cols[c]);
                if (!problem && b->cols[c]->len != b->n_rows)
                    problem = "column length differs from the batch";
                if (problem) {
                    fprintf(stderr, "fuzz_parquet: incoherent batch: %s\n", problem);
                    abort();
                }
            }
            vec_batch_free(b);
        }
        pq_reader_close(r);
    }
    pq_file_close(f);
    return 0;
}
