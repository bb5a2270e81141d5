/*
 * io_mutate: deterministic mutation regression for the Parquet reader. For a fixed list of
 * corpus files it feeds fuzz_parquet's LLVMFuzzerTestOneInput the file, every truncation at a
 * spread of lengths, single-bit flips (half of them inside the footer), and 32-bit overwrites with
 * extreme values in the footer. Passing means no crash, hang or sanitizer report. The mutations
 * come from a fixed-seed generator, so failures reproduce.
 *
 * Usage: io_mutate CORPUS_DIR [MUTATIONS_PER_FILE]
 */
#include "common/em_mem.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
extern int io_fuzz_outcome;
static long io_outcomes[3];

static void io_run(const uint8_t *data, size_t size)
{
    LLVMFuzzerTestOneInput(data, size);
    io_outcomes[io_fuzz_outcome]++;
}

static const char *const io_files[] = {
    "codec_snappy.parquet",
    "codec_zstd.parquet",
    "codec_gzip.parquet",
    "codec_lz4_raw.parquet",
    "codec_brotli.parquet",
    "types_nested_deep.parquet",
    "types_list_struct.parquet",
    "types_map.parquet",
    "types_list_list_string.parquet",
    "enc_delta_byte_array.parquet",
    "enc_delta_length_byte_array.parquet",
    "enc_delta_binary_packed.parquet",
    "enc_byte_stream_split.parquet",
    "enc_data_page_v2.parquet",
    "enc_rle_boolean.parquet",
    "format_v1_0.parquet",
    "duckdb_v2_zstd.parquet",
    "duckdb_v2_delta_33bit.parquet",
    "types_timestamp_int96.parquet",
    "types_decimal.parquet",
    "types_float16.parquet",
    "enc_dictionary_fallback.parquet",
    "types_required.parquet",
    "layout_all_null_column.parquet",
};

static uint32_t io_rand_state = 0x9e3779b9u;

static uint32_t io_rand(void)
{
    /* xorshift32 */
    uint32_t x = io_rand_state;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    return io_rand_state = x;
}

static uint8_t *io_read(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    uint8_t *buf = em_malloc((size_t)(n > 0 ? n : 1));
    *len = fread(buf, 1, (size_t)(n > 0 ? n : 0), f);
    fclose(f);
    return buf;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s CORPUS_DIR [MUTATIONS_PER_FILE]\n", argv[0]);
        return 2;
    }
    int per_file = argc > 2 ? atoi(argv[2]) : 1500;
    clock_t t0 = clock();
    long runs = 0;
    int missing = 0;
    for (size_t fi = 0; fi < sizeof io_files / sizeof io_files[0]; fi++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", argv[1], io_files[fi]);
        size_t len;
        uint8_t *orig = io_read(path, &len);
        if (!orig) {
            fprintf(stderr, "missing %s\n", path);
            missing++;
            continue;
        }
        uint8_t *buf = em_malloc(len + 1);
        io_run(orig, len);
        runs++;
        /* The footer region: length, then the FileMetaData before it. */
        uint32_t footer = 0;
        if (len >= 12)
            memcpy(&footer, orig + len - 8, 4);
        size_t fstart = footer + 8 <= len ? len - 8 - footer : 0;
        /* Truncations: 40 spread lengths plus the last 16 byte positions. */
        for (int i = 0; i < 40; i++) {
            size_t n = len * (size_t)i / 40;
            memcpy(buf, orig, n);
            io_run(buf, n);
            runs++;
        }
        for (size_t n = len > 16 ? len - 16 : 0; n < len; n++) {
            memcpy(buf, orig, n);
            io_run(buf, n);
            runs++;
        }
        for (int m = 0; m < per_file; m++) {
            memcpy(buf, orig, len);
            size_t span = len - fstart;
            int kind = (int)(io_rand() % 4);
            int flips = 1 + (int)(io_rand() % 3);
            for (int k = 0; k < flips; k++) {
                size_t pos = (kind == 0 || span == 0) ? io_rand() % len : fstart + io_rand() % span;
                if (kind == 3 && pos + 4 <= len) {
                    static const uint32_t extremes[] = {0,           0xffffffffu, 0x7fffffffu,
                                                        0x80000000u, 0x7f,        0xff};
                    uint32_t v = extremes[io_rand() % 6];
                    memcpy(buf + pos, &v, 4);
                } else {
                    buf[pos] ^= (uint8_t)(1u << (io_rand() % 8));
                }
            }
            io_run(buf, len);
            runs++;
        }
        em_free(buf);
        em_free(orig);
    }
    double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
    printf("%ld inputs in %.1f s: %ld rejected at open, %ld failed while reading, %ld read\n", runs,
           secs, io_outcomes[0], io_outcomes[1], io_outcomes[2]);
    printf("%ld passed, 0 failed, %d skipped\n", runs, missing);
    return missing ? 1 : 0;
}
