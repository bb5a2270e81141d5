/*
 * io_bench: decode throughput of the Parquet reader on a synthetic lineitem-like file built in
 * memory with io_pqw (not a ctest; run by hand on a release build):
 *   io_bench [ROWS]
 * Columns (all OPTIONAL, no nulls, 16384-row pages): l_orderkey INT64 PLAIN, l_quantity
 * DECIMAL(15,2) INT64 dictionary (50 entries), l_extendedprice DOUBLE PLAIN, l_shipdate DATE
 * INT32 PLAIN, l_returnflag STRING dictionary (3 entries), l_comment STRING PLAIN (10-43 bytes).
 */
#include "io_pqw.h"

#include "common/em_mem.h"
#include "io/parquet/pq.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define IO_PAGE_ROWS 16384
#define IO_COLS      6

static double io_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

int main(int argc, char **argv)
{
    int64_t rows = argc > 1 ? atoll(argv[1]) : 2000000;
    io_pqw_elem schema[IO_COLS + 1] = {
        {"schema", -1, -1, IO_COLS, -1, 0, 0, 0, 0, 0, false, 0, false},
        {"l_orderkey", 2, 1, 0, -1, 0, 0, 0, 0, 0, false, 0, false},
        {"l_quantity", 2, 1, 0, 5, 0, 2, 15, 0, 0, false, 0, false},
        {"l_extendedprice", 5, 1, 0, -1, 0, 0, 0, 0, 0, false, 0, false},
        {"l_shipdate", 1, 1, 0, 6, 0, 0, 0, 0, 0, false, 0, false},
        {"l_returnflag", 6, 1, 0, 0, 0, 0, 0, 0, 0, false, 0, false},
        {"l_comment", 6, 1, 0, 0, 0, 0, 0, 0, 0, false, 0, false},
    };
    int n_pages = (int)((rows + IO_PAGE_ROWS - 1) / IO_PAGE_ROWS);
    io_pqw_page *pages[IO_COLS];
    em_str *bodies[IO_COLS];
    int types[IO_COLS] = {2, 2, 5, 1, 6, 6};
    int16_t *ones = em_malloc(IO_PAGE_ROWS * sizeof *ones);
    for (int i = 0; i < IO_PAGE_ROWS; i++)
        ones[i] = 1;
    uint32_t *idx = em_malloc(IO_PAGE_ROWS * sizeof *idx);
    static const char *const words[] = {"carefully", "final",    "deposits", "quickly", "ironic",
                                        "pending",   "requests", "sleep",    "slyly",   "express"};
    for (int c = 0; c < IO_COLS; c++) {
        bool dict = c == 1 || c == 4;
        int np = n_pages + (dict ? 1 : 0);
        pages[c] = em_calloc((size_t)np, sizeof **pages);
        bodies[c] = em_calloc((size_t)np, sizeof **bodies);
        int p0 = 0;
        if (dict) {
            em_str *b = &bodies[c][0];
            em_str_init(b, 0);
            int n = c == 1 ? 50 : 3;
            for (int i = 0; i < n; i++) {
                if (c == 1) {
                    int64_t v = (i + 1) * 100;
                    em_str_append(b, (const char *)&v, 8);
                } else {
                    io_enc_ba(b, i == 0 ? "A" : i == 1 ? "N" : "R");
                }
            }
            pages[c][0] =
                (io_pqw_page){2, n, 0, 0, 0, (const uint8_t *)b->data, b->len, 0, 0, 0, 0};
            p0 = 1;
        }
        for (int p = 0; p < n_pages; p++) {
            int64_t first = (int64_t)p * IO_PAGE_ROWS;
            int n = (int)(rows - first < IO_PAGE_ROWS ? rows - first : IO_PAGE_ROWS);
            em_str *b = &bodies[c][p0 + p];
            em_str_init(b, 0);
            io_enc_levels_v1(b, ones, n, 1);
            int enc = 0;
            if (dict) {
                enc = 8;
                int bw = c == 1 ? 6 : 2;
                for (int i = 0; i < n; i++)
                    idx[i] = (uint32_t)((first + i) * 7 % (c == 1 ? 50 : 3));
                em_str_putc(b, (char)bw);
                io_enc_rle_bitpacked(b, idx, n, bw);
            } else {
                for (int i = 0; i < n; i++) {
                    int64_t r = first + i;
                    if (c == 0) {
                        int64_t v = r / 4 + 1;
                        em_str_append(b, (const char *)&v, 8);
                    } else if (c == 2) {
                        double v = (double)(r % 100000) * 1.25;
                        em_str_append(b, (const char *)&v, 8);
                    } else if (c == 3) {
                        int32_t v = 8000 + (int32_t)(r % 2500);
                        em_str_append(b, (const char *)&v, 4);
                    } else {
                        char s[64];
                        snprintf(s, sizeof s, "%s %s %s", words[r % 10], words[(r / 10) % 10],
                                 words[(r / 100) % 10]);
                        io_enc_ba(b, s);
                    }
                }
            }
            pages[c][p0 + p] =
                (io_pqw_page){0, n, enc, 3, 3, (const uint8_t *)b->data, b->len, 0, 0, 0, 0};
        }
    }
    io_pqw_chunk chunks[IO_COLS];
    for (int c = 0; c < IO_COLS; c++)
        chunks[c] = (io_pqw_chunk){types[c], 0, n_pages + ((c == 1 || c == 4) ? 1 : 0), pages[c]};
    size_t len;
    uint8_t *file = io_pqw_build(schema, IO_COLS + 1, rows, chunks, IO_COLS, &len);
    for (int c = 0; c < IO_COLS; c++) {
        int np = n_pages + ((c == 1 || c == 4) ? 1 : 0);
        for (int p = 0; p < np; p++)
            em_str_release(&bodies[c][p]);
        em_free(bodies[c]);
        em_free(pages[c]);
    }
    em_free(ones);
    em_free(idx);

    em_error err;
    em_error_clear(&err);
    pq_file *f;
    if (pq_file_open_buffer(file, len, "bench.parquet", NULL, NULL, &f, &err)) {
        fprintf(stderr, "open: %s (%s)\n", err.message, pq_last_error_detail());
        return 1;
    }
    for (int rep = 0; rep < 3; rep++) {
        double t0 = io_now();
        pq_reader *r;
        pq_reader_open(f, NULL, 0, NULL, 0, &r, &err);
        int64_t got = 0, sum_key = 0, sum_len = 0, sum_date = 0;
        for (;;) {
            vec_batch *b;
            if (pq_reader_next(r, &b, &err)) {
                fprintf(stderr, "read: %s (%s)\n", err.message, pq_last_error_detail());
                return 1;
            }
            if (!b)
                break;
            got += b->n_rows;
            for (int64_t i = 0; i < b->n_rows; i++) {
                sum_key += VEC_VALUES(b->cols[0], int64_t)[i];
                sum_len += b->cols[5]->offsets[i + 1] - b->cols[5]->offsets[i];
                sum_date += VEC_VALUES(b->cols[3], int32_t)[i];
            }
            vec_batch_free(b);
        }
        pq_reader_close(r);
        double secs = io_now() - t0;
        printf("%lld rows, %.1f MB file: %.3f s, %.1f M rows/s, %.0f MB/s (check %lld %lld %lld)\n",
               (long long)got, (double)len / 1e6, secs, (double)got / secs / 1e6,
               (double)len / secs / 1e6, (long long)sum_key, (long long)sum_len,
               (long long)sum_date);
    }
    pq_file_close(f);
    em_free(file);
    return 0;
}
