/*
 * fuzz_text_common: shared by fuzz_csv.c and fuzz_json.c — the input's first byte picks reader
 * options, the rest is written to a scratch file that the data-source layer resolves (schema
 * inference or a fixed schema) and reads completely. Any input must end in rows or a clean error.
 */
#ifndef FUZZ_TEXT_COMMON_H
#define FUZZ_TEXT_COMMON_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/em_arena.h"
#include "io/source.h"

static char fz_dir[64];

static void fz_cleanup(void)
{
    char p[128];
    const char *exts[] = {"csv", "json"};
    for (int i = 0; i < 2; i++) {
        snprintf(p, sizeof p, "%s/input.%s", fz_dir, exts[i]);
        unlink(p);
    }
    rmdir(fz_dir);
}

/* Writes data to <scratch>/input.<ext> and returns its path (static). */
static const char *fz_file(const uint8_t *data, size_t size, const char *ext)
{
    static char path[128];
    if (!fz_dir[0]) {
        snprintf(fz_dir, sizeof fz_dir, "/tmp/ember-fuzz-XXXXXX");
        if (!mkdtemp(fz_dir))
            abort();
        atexit(fz_cleanup);
    }
    snprintf(path, sizeof path, "%s/input.%s", fz_dir, ext);
    FILE *f = fopen(path, "wb");
    if (!f)
        abort();
    if (size)
        fwrite(data, 1, size, f);
    fclose(f);
    return path;
}

/* Resolves and reads everything; checks batch coherence. */
static void fz_read(const char *format, const char *path, const io_option *o, int n_o,
                    const ty *schema, em_arena *a)
{
    io_source_conf conf;
    io_source_conf_init(&conf);
    io_source *src;
    em_error err;
    em_error_clear(&err);
    if (io_source_resolve(a, &conf, format, 1, &path, n_o, o, schema, &src, &err))
        return;
    io_scan *scan;
    if (io_scan_open(src, NULL, 0, 97, &scan, &err) == 0)
        io_scan_close(scan);
    int n_cols = io_source_schema(src)->n_fields;
    int cols[64];
    for (int i = 0; i < n_cols && i < 64; i++)
        cols[i] = i;
    if (io_scan_open(src, cols, n_cols < 64 ? n_cols : 64, 97, &scan, &err))
        return;
    for (;;) {
        vec_batch *b = NULL;
        if (io_scan_next(scan, &b, &err) <= 0)
            break;
        for (int c = 0; c < b->n_cols; c++)
            if (b->cols[c]->len != b->n_rows)
                abort();
        vec_batch_free(b);
    }
    io_scan_close(scan);
}

#endif
