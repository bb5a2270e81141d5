/*
 * iow_interop: the Ember half of the DuckDB interop check (duckdb_interop.sh runs it with
 * js/duckdb_check.mjs).
 *
 *   iow_interop write DIR   writes Parquet (every codec, nested types, a partitioned layout), CSV
 *                           and JSON datasets under DIR with io_write, and DIR/<name>.expected:
 *                           the rows in the canonical cell text below, one row per line;
 *   iow_interop seeds DIR   writes small files of every writer (the fuzz seeds);
 *   iow_interop read DIR    reads DIR/duck.csv and DIR/duck.json (written by DuckDB) with
 *                           Ember's readers and compares them with DIR/duck.expected (written by
 *                           the script from DuckDB's own query results).
 *
 * Canonical cells (both sides produce them): N (NULL), true / false, integers in decimal,
 * floating point as the hex bits of the value widened to double ("NaN" for any NaN), decimals as
 * "<unscaled>e-<scale>", strings as s:<hex of UTF-8>, binary as b:<hex>, dates d:<days>,
 * timestamps t:<micros>, lists [a,b], structs {a,b} and maps {k:v,...}; cells joined by tabs.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/em_mem.h"
#include "io/source_int.h"
#include "iw_util.h"

static void iw_canon(const vec *v, int64_t row, em_str *out)
{
    if (v->type->kind == TY_NULL || vec_is_null(v, row)) {
        em_str_putc(out, 'N');
        return;
    }
    const ty *t = v->type;
    switch (t->kind) {
    case TY_BOOLEAN:
        em_str_puts(out, VEC_VALUES(v, uint8_t)[row] ? "true" : "false");
        return;
    case TY_BYTE:
        em_str_printf(out, "%d", VEC_VALUES(v, int8_t)[row]);
        return;
    case TY_SHORT:
        em_str_printf(out, "%d", VEC_VALUES(v, int16_t)[row]);
        return;
    case TY_INT:
        em_str_printf(out, "%d", VEC_VALUES(v, int32_t)[row]);
        return;
    case TY_LONG:
        em_str_printf(out, "%lld", (long long)VEC_VALUES(v, int64_t)[row]);
        return;
    case TY_FLOAT:
    case TY_DOUBLE: {
        double d =
            t->kind == TY_FLOAT ? (double)VEC_VALUES(v, float)[row] : VEC_VALUES(v, double)[row];
        if (d != d) {
            em_str_puts(out, "NaN");
            return;
        }
        uint64_t bits;
        memcpy(&bits, &d, 8);
        em_str_printf(out, "%016llx", (unsigned long long)bits);
        return;
    }
    case TY_DECIMAL: {
        __int128 x = VEC_VALUES(v, __int128)[row];
        char buf[64];
        int n = 0;
        bool neg = x < 0;
        unsigned __int128 u = neg ? (unsigned __int128)(-(x + 1)) + 1 : (unsigned __int128)x;
        do {
            buf[n++] = (char)('0' + (int)(u % 10));
            u /= 10;
        } while (u);
        if (neg)
            em_str_putc(out, '-');
        while (n)
            em_str_putc(out, buf[--n]);
        em_str_printf(out, "e-%d", t->scale);
        return;
    }
    case TY_STRING:
    case TY_BINARY: {
        int32_t len;
        const unsigned char *p = (const unsigned char *)vec_str(v, row, &len);
        em_str_puts(out, t->kind == TY_STRING ? "s:" : "b:");
        for (int32_t i = 0; i < len; i++)
            em_str_printf(out, "%02x", p[i]);
        return;
    }
    case TY_DATE:
        em_str_printf(out, "d:%d", VEC_VALUES(v, int32_t)[row]);
        return;
    case TY_TIMESTAMP:
    case TY_TIMESTAMP_NTZ:
        em_str_printf(out, "t:%lld", (long long)VEC_VALUES(v, int64_t)[row]);
        return;
    case TY_ARRAY:
        em_str_putc(out, '[');
        for (int32_t i = v->offsets[row]; i < v->offsets[row + 1]; i++) {
            if (i > v->offsets[row])
                em_str_putc(out, ',');
            iw_canon(v->children[0], i, out);
        }
        em_str_putc(out, ']');
        return;
    case TY_MAP:
        em_str_putc(out, '{');
        for (int32_t i = v->offsets[row]; i < v->offsets[row + 1]; i++) {
            if (i > v->offsets[row])
                em_str_putc(out, ',');
            iw_canon(v->children[0], i, out);
            em_str_putc(out, ':');
            iw_canon(v->children[1], i, out);
        }
        em_str_putc(out, '}');
        return;
    case TY_STRUCT:
        em_str_putc(out, '{');
        for (int i = 0; i < t->n_fields; i++) {
            if (i)
                em_str_putc(out, ',');
            iw_canon(v->children[i], row, out);
        }
        em_str_putc(out, '}');
        return;
    default:
        em_str_puts(out, "?");
        return;
    }
}

static void iw_canon_rows(const vec_batch *b, const int *cols, int n_cols, em_str *out)
{
    for (int64_t r = 0; r < b->n_rows; r++) {
        for (int c = 0; c < n_cols; c++) {
            if (c)
                em_str_putc(out, '\t');
            iw_canon(b->cols[cols ? cols[c] : c], r, out);
        }
        em_str_putc(out, '\n');
    }
}

/* The schema with an id column first (rows are compared ORDER BY id). */
static vec_batch *iw_with_id(const ty *schema, int64_t n, int64_t seed, const ty **out_schema)
{
    vec_batch *b = iw_gen(schema, n, seed, true);
    ty_field f[64];
    f[0] = (ty_field){"id", ty_long(), true, NULL};
    memcpy(f + 1, schema->fields, (size_t)schema->n_fields * sizeof *f);
    *out_schema = ty_struct(&W.a, schema->n_fields + 1, f);
    vec_batch *o = vec_batch_new(schema->n_fields + 1, n);
    o->cols[0] = vec_new(ty_long(), n);
    for (int64_t r = 0; r < n; r++)
        io_push_i64(o->cols[0], r);
    for (int c = 0; c < schema->n_fields; c++)
        o->cols[c + 1] = vec_retain(b->cols[c]);
    vec_batch_free(b);
    return o;
}

static int iw_save(const char *dir, const char *name, const char *text)
{
    char p[1024];
    snprintf(p, sizeof p, "%s/%s.expected", dir, name);
    FILE *f = fopen(p, "wb");
    if (!f)
        return 1;
    fputs(text, f);
    fclose(f);
    return 0;
}

static int iw_fail(const char *what)
{
    fprintf(stderr, "iow_interop: %s: [%s] %s\n", what, W.err.error_class, W.err.message);
    return 1;
}

static int iw_cmd_write(const char *dir)
{
    em_str text;
    em_str_init(&text, 0);
    /* Parquet: every type Spark writes, nested included, with each codec. */
    const ty *schema;
    vec_batch *b = iw_with_id(iw_schema_all(true), 1500, 11, &schema);
    iw_canon_rows(b, NULL, b->n_cols, &text);
    const char *codecs[] = {"snappy", "gzip", "zstd", "lz4_raw", "uncompressed"};
    for (int i = 0; i < 5; i++) {
        char path[1024], opt[64];
        snprintf(path, sizeof path, "%s/pq_%s", dir, codecs[i]);
        snprintf(opt, sizeof opt, "compression=%s", codecs[i]);
        const char *opts[] = {opt, "parquet.page.size=20000", NULL};
        if (iw_write("parquet", path, IO_SAVE_ERROR_IF_EXISTS, schema, &b, 1, opts, NULL))
            return iw_fail("parquet write");
        char name[64];
        snprintf(name, sizeof name, "pq_%s", codecs[i]);
        iw_save(dir, name, text.data);
    }
    /* Dictionary fallback and several row groups. */
    {
        char path[1024];
        snprintf(path, sizeof path, "%s/pq_small", dir);
        const char *opts[] = {"parquet.block.size=60000", "parquet.dictionary.page.size=2000",
                              NULL};
        if (iw_write("parquet", path, IO_SAVE_ERROR_IF_EXISTS, schema, &b, 1, opts, NULL))
            return iw_fail("parquet write");
        iw_save(dir, "pq_small", text.data);
    }
    /* Partitioned: the files hold the other columns. */
    {
        const ty *ps = iw_struct("id:bigint,k:string,v:double,n:int");
        vec_batch *pb = iw_gen(ps, 300, 12, true);
        for (int64_t r = 0; r < pb->n_rows; r++) {
            VEC_VALUES(pb->cols[0], int64_t)[r] = r;
            vec_set_valid(pb->cols[0], r);
        }
        char path[1024];
        snprintf(path, sizeof path, "%s/pq_part", dir);
        const char *by[] = {"k", "n", NULL};
        if (iw_write("parquet", path, IO_SAVE_ERROR_IF_EXISTS, ps, &pb, 1, NULL, by))
            return iw_fail("partitioned write");
        em_str_reset(&text);
        int cols[] = {0, 2};
        iw_canon_rows(pb, cols, 2, &text);
        iw_save(dir, "pq_part", text.data);
        vec_batch_free(pb);
    }
    vec_batch_free(b);
    /* CSV: atomic types (no binary), whitespace kept so the text is exact. */
    const ty *cs;
    b = iw_with_id(iw_struct("b:boolean,i8:tinyint,i16:smallint,i32:int,i64:bigint,f32:float,"
                             "f64:double,d9:decimal(5;2),d18:decimal(15;3),d38:decimal(30;5),"
                             "s:string,dt:date,ts:timestamp,ntz:timestamp_ntz"),
                   800, 13, &cs);
    {
        char path[1024];
        snprintf(path, sizeof path, "%s/csv", dir);
        const char *opts[] = {"header=true", "ignoreLeadingWhiteSpace=false",
                              "ignoreTrailingWhiteSpace=false", NULL};
        if (iw_write("csv", path, IO_SAVE_ERROR_IF_EXISTS, cs, &b, 1, opts, NULL))
            return iw_fail("csv write");
        em_str_reset(&text);
        iw_canon_rows(b, NULL, b->n_cols, &text);
        iw_save(dir, "csv", text.data);
    }
    vec_batch_free(b);
    /* JSON: nested types too; decimals that fit a double's digits. */
    const ty *js;
    b = iw_with_id(iw_struct("b:boolean,i32:int,i64:bigint,f64:double,d9:decimal(5;2),s:string,"
                             "bin:binary,dt:date,ts:timestamp,ntz:timestamp_ntz"),
                   600, 14, &js);
    {
        ty_field f[16];
        memcpy(f, js->fields, (size_t)js->n_fields * sizeof *f);
        ty_field sf[2] = {{"x", ty_int(), true, NULL}, {"y", ty_string(), true, NULL}};
        f[js->n_fields] = (ty_field){"arr", ty_array(&W.a, ty_int(), true), true, NULL};
        f[js->n_fields + 1] = (ty_field){"st", ty_struct(&W.a, 2, sf), true, NULL};
        f[js->n_fields + 2] =
            (ty_field){"m", ty_map(&W.a, ty_string(), ty_long(), true), true, NULL};
        const ty *nested = ty_struct(&W.a, 3, f + js->n_fields);
        vec_batch *nb = iw_gen(nested, 600, 15, true);
        vec_batch *all = vec_batch_new(js->n_fields + 3, 600);
        for (int c = 0; c < js->n_fields; c++)
            all->cols[c] = vec_retain(b->cols[c]);
        for (int c = 0; c < 3; c++)
            all->cols[js->n_fields + c] = vec_retain(nb->cols[c]);
        const ty *jall = ty_struct(&W.a, js->n_fields + 3, f);
        char path[1024];
        snprintf(path, sizeof path, "%s/json", dir);
        if (iw_write("json", path, IO_SAVE_ERROR_IF_EXISTS, jall, &all, 1, NULL, NULL))
            return iw_fail("json write");
        em_str_reset(&text);
        iw_canon_rows(all, NULL, all->n_cols, &text);
        iw_save(dir, "json", text.data);
        vec_batch_free(nb);
        vec_batch_free(all);
    }
    vec_batch_free(b);
    em_str_release(&text);
    return 0;
}

static char *iw_slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    em_str s;
    em_str_init(&s, 0);
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        em_str_append(&s, buf, n);
    fclose(f);
    return s.data ? em_str_move(&s) : em_strdup("");
}

static int iw_compare(const char *what, const char *got, const char *want)
{
    if (strcmp(got, want) == 0) {
        printf("ok   %s\n", what);
        return 0;
    }
    int line = 1;
    const char *g = got, *w = want;
    while (*g && *g == *w) {
        if (*g == '\n')
            line++;
        g++, w++;
    }
    printf("FAIL %s: first difference on line %d\n  ember:  %.200s\n  duckdb: %.200s\n", what, line,
           g, w);
    return 1;
}

static int iw_cmd_read(const char *dir)
{
    char *want = NULL, path[1024];
    snprintf(path, sizeof path, "%s/duck.expected", dir);
    want = iw_slurp(path);
    if (!want)
        return iw_fail("no duck.expected");
    const ty *schema = iw_struct("id:bigint,b:boolean,i:int,l:bigint,d:double,dec:decimal(10;2),"
                                 "s:string,dt:date,ts:timestamp_ntz");
    int failures = 0;
    const char *formats[] = {"csv", "json"};
    for (int f = 0; f < 2; f++) {
        snprintf(path, sizeof path, "%s/duck.%s", dir, formats[f]);
        io_option o[4] = {{"header", "true"}, {"multiLine", "true"}, {"escape", "\""}};
        int n_o = f == 0 ? 3 : 0;
        io_source_conf conf;
        io_source_conf_init(&conf);
        io_source *src;
        const char *p = path;
        vec_batch *b;
        if (io_source_resolve(&W.a, &conf, formats[f], 1, &p, n_o, o, schema, &src, &W.err) ||
            io_source_read_all(src, NULL, 0, &b, &W.err)) {
            iw_fail(formats[f]);
            failures++;
            continue;
        }
        em_str text;
        em_str_init(&text, 0);
        iw_canon_rows(b, NULL, b->n_cols, &text);
        char what[64];
        snprintf(what, sizeof what, "duckdb %s -> ember", formats[f]);
        failures += iw_compare(what, text.data ? text.data : "", want);
        em_str_release(&text);
        vec_batch_free(b);
    }
    em_free(want);
    return failures ? 1 : 0;
}

/* Small files of every writer, the seeds of the reader fuzz targets (tests/fuzz/corpus-*). */
static int iw_cmd_seeds(const char *dir)
{
    const ty *schema = iw_schema_all(true);
    vec_batch *b = iw_gen(schema, 12, 21, true);
    const char *flat = "b:boolean,i32:int,i64:bigint,f64:double,d9:decimal(5;2),s:string,"
                       "dt:date,ts:timestamp,ntz:timestamp_ntz";
    const ty *fs = iw_struct(flat);
    vec_batch *fb = iw_gen(fs, 12, 22, true);
    struct {
        const char *name, *format, *opt;
        bool nested;
    } seeds[] = {
        {"pq_nested", "parquet", "compression=snappy", true},
        {"pq_plain", "parquet", "parquet.enable.dictionary=false", true},
        {"pq_gzip", "parquet", "compression=gzip", false},
        {"pq_zstd", "parquet", "compression=zstd", false},
        {"csv", "csv", "header=true", false},
        {"json", "json", "ignoreNullFields=false", true},
    };
    for (size_t i = 0; i < sizeof seeds / sizeof seeds[0]; i++) {
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", dir, seeds[i].name);
        const char *opts[] = {seeds[i].opt, "compression=none", NULL};
        if (strcmp(seeds[i].format, "parquet") == 0)
            opts[1] = NULL;
        if (iw_write(seeds[i].format, path, IO_SAVE_ERROR_IF_EXISTS, seeds[i].nested ? schema : fs,
                     seeds[i].nested ? &b : &fb, 1, opts, NULL))
            return iw_fail(seeds[i].name);
    }
    vec_batch_free(b);
    vec_batch_free(fb);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: iow_interop write|read DIR\n");
        return 2;
    }
    iw_begin();
    int rc = strcmp(argv[1], "write") == 0   ? iw_cmd_write(argv[2])
             : strcmp(argv[1], "seeds") == 0 ? iw_cmd_seeds(argv[2])
                                             : iw_cmd_read(argv[2]);
    iw_end();
    return rc;
}
