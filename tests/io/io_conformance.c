/*
 * io_conformance: replays the Parquet interoperability corpus (../shared/conformance/parquet,
 * written by pyarrow 15.0.2 and DuckDB 1.5.6; expected rows in NAME.expected.jsonl per its
 * README) through the reader.
 *
 * Usage: io_conformance CORPUS_DIR [SKIP_LIST]
 * For every valid file: all rows are read four ways (default batches; batches of 7 rows and of 1
 * row, which exercise rows split across batches and the carry of nested levels; and all columns
 * projected in reverse order) and compared with the expected rows. Every broken_* file must fail
 * cleanly as its manifest entry says (`error`; `error_if_crc_verified` with CRC checks on;
 * `ok_or_error`). The hive dataset is read file by file with its partition values. Prints one
 * line per file and "N passed, M failed, K skipped"; exits non-zero on a failure.
 */
#include "io_compare.h"
#include "io_json.h"

#include "common/em_mem.h"
#include "io/parquet/pq.h"

#include <dirent.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* vsnprintf into a reason buffer (truncation is fine). */
static void io_why(char *why, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void io_why(char *why, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, size, fmt, ap);
    va_end(ap);
}

typedef struct io_rows {
    int n;
    io_jval **rows;
} io_rows;

static char *io_slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = em_malloc((size_t)(n > 0 ? n : 0) + 1);
    size_t got = fread(buf, 1, (size_t)(n > 0 ? n : 0), f);
    fclose(f);
    buf[got] = 0;
    *len = got;
    return buf;
}

static bool io_load_rows(em_arena *a, const char *path, io_rows *out, char *why, size_t why_size)
{
    size_t len;
    char *text = io_slurp(path, &len);
    memset(out, 0, sizeof *out);
    if (!text) {
        io_why(why, why_size, "cannot read %s", path);
        return false;
    }
    int cap = 0;
    char *p = text, *end = text + len;
    while (p < end) {
        char *nl = memchr(p, '\n', (size_t)(end - p));
        char *line_end = nl ? nl : end;
        if (line_end > p) {
            const char *error;
            io_jval *v = io_json_parse(a, p, (size_t)(line_end - p), &error);
            if (!v) {
                io_why(why, why_size, "%s: line %d: %s", path, out->n + 1, error);
                em_free(text);
                return false;
            }
            if (out->n == cap) {
                cap = cap ? cap * 2 : 256;
                io_jval **rows = em_arena_alloc(a, (size_t)cap * sizeof *rows);
                if (out->n)
                    memcpy(rows, out->rows, (size_t)out->n * sizeof *rows);
                out->rows = rows;
            }
            out->rows[out->n++] = v;
        }
        p = nl ? nl + 1 : end;
    }
    em_free(text);
    return true;
}

/* Per top-level column comparison flags from its leaves. */
static void io_cmp_flags(pq_file *f, int col, io_cmp *c)
{
    int first, n;
    memset(c, 0, sizeof *c);
    pq_file_column_leaves(f, col, &first, &n);
    c->from_time = true; /* only used when a bigint is expected as a clock string */
    for (int l = first; l < first + n; l++) {
        const pq_leaf_info *li = pq_file_leaf(f, l);
        if (li->physical == PQ_INT96)
            c->int96 = true;
        if (li->physical == PQ_FIXED_LEN_BYTE_ARRAY && li->type->kind == TY_FLOAT)
            c->from_f16 = true;
    }
}

/*
 * Reads the file with the given batch size and projection order and compares every row with
 * want (keys in schema order). extra: partition values appended after the stored columns
 * (hive), or NULL.
 */
static bool io_check_file(const char *path, int batch_rows, bool reverse, const io_rows *want,
                          int want_offset, char *why, size_t why_size, int64_t *rows_read)
{
    pq_options opt;
    pq_options_init(&opt);
    opt.batch_rows = batch_rows;
    em_error err;
    em_error_clear(&err);
    pq_file *f;
    if (pq_file_open(path, &opt, NULL, &f, &err)) {
        io_why(why, why_size, "open: [%s] %s (%s)", err.error_class, err.message,
               pq_last_error_detail());
        return false;
    }
    const ty *schema = pq_file_schema(f);
    int n_cols = schema->n_fields;
    int *cols = em_calloc((size_t)n_cols + 1, sizeof *cols);
    for (int i = 0; i < n_cols; i++)
        cols[i] = reverse ? n_cols - 1 - i : i;
    io_cmp *flags = em_calloc((size_t)n_cols + 1, sizeof *flags);
    for (int i = 0; i < n_cols; i++)
        io_cmp_flags(f, cols[i], &flags[i]);
    pq_reader *r;
    bool ok = true;
    int64_t row = 0;
    if (pq_reader_open(f, cols, n_cols, NULL, 0, &r, &err)) {
        io_why(why, why_size, "reader: %s", err.message);
        ok = false;
        r = NULL;
    }
    while (ok) {
        vec_batch *b;
        if (pq_reader_next(r, &b, &err)) {
            io_why(why, why_size, "row %lld: [%s] %s (%s)", (long long)row, err.error_class,
                   err.message, pq_last_error_detail());
            ok = false;
            break;
        }
        if (!b)
            break;
        for (int64_t i = 0; ok && i < b->n_rows; i++, row++) {
            int64_t wi = want_offset >= 0 ? want_offset + row : row;
            if (wi >= want->n) {
                io_why(why, why_size, "more rows than expected (%d)", want->n);
                ok = false;
                break;
            }
            const io_jval *w = want->rows[wi];
            for (int j = 0; j < n_cols; j++) {
                const char *name = schema->fields[cols[j]].name;
                const io_jval *wv = io_json_get(w, name);
                if (!wv) {
                    io_why(why, why_size, "column %s not in the expected row", name);
                    ok = false;
                    break;
                }
                if (b->cols[j]->len != b->n_rows) {
                    io_why(why, why_size, "column %s: %lld values in a batch of %lld", name,
                           (long long)b->cols[j]->len, (long long)b->n_rows);
                    ok = false;
                    break;
                }
                if (!io_cmp_value(&flags[j], b->cols[j], i, wv, name)) {
                    io_why(why, why_size, "row %lld: %s", (long long)row, flags[j].msg);
                    ok = false;
                    break;
                }
            }
        }
        vec_batch_free(b);
    }
    if (ok && want_offset < 0 && row != want->n) {
        io_why(why, why_size, "%lld rows read, %d expected", (long long)row, want->n);
        ok = false;
    }
    if (ok && row != pq_file_num_rows(f)) {
        io_why(why, why_size, "%lld rows read, footer says %lld", (long long)row,
               (long long)pq_file_num_rows(f));
        ok = false;
    }
    *rows_read = row;
    pq_reader_close(r);
    pq_file_close(f);
    em_free(cols);
    em_free(flags);
    return ok;
}

/* Reads a broken file completely; true if an error was raised (with a FAILED_READ_FILE class,
 * the only kind a damaged file may produce). */
static bool io_read_fails(const char *path, bool verify_crc, char *why, size_t why_size)
{
    pq_options opt;
    pq_options_init(&opt);
    opt.verify_crc = verify_crc;
    em_error err;
    em_error_clear(&err);
    pq_file *f;
    bool failed = false;
    if (pq_file_open(path, &opt, NULL, &f, &err)) {
        failed = true;
    } else {
        pq_reader *r;
        if (pq_reader_open(f, NULL, 0, NULL, 0, &r, &err) == 0) {
            for (;;) {
                vec_batch *b;
                if (pq_reader_next(r, &b, &err)) {
                    failed = true;
                    break;
                }
                if (!b)
                    break;
                vec_batch_free(b);
            }
            pq_reader_close(r);
        }
        pq_file_close(f);
    }
    if (failed)
        io_why(why, why_size, "%s (%s)", err.error_class, pq_last_error_detail());
    else
        io_why(why, why_size, "read without error");
    if (failed && strncmp(err.error_class, "FAILED_READ_FILE.", 17) != 0) {
        io_why(why, why_size, "unexpected error class %s", err.error_class);
        return false;
    }
    return failed;
}

/* ---- hive dataset --------------------------------------------------------------------------- */

typedef struct io_paths {
    int n, cap;
    char **p;
} io_paths;

static void io_walk(const char *dir, io_paths *out)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        size_t n = strlen(dir) + strlen(e->d_name) + 2;
        char *p = em_malloc(n);
        snprintf(p, n, "%s/%s", dir, e->d_name);
        struct stat st;
        if (stat(p, &st) == 0 && S_ISDIR(st.st_mode)) {
            io_walk(p, out);
            em_free(p);
        } else {
            if (out->n == out->cap) {
                out->cap = out->cap ? out->cap * 2 : 32;
                out->p = em_realloc(out->p, (size_t)out->cap * sizeof *out->p);
            }
            out->p[out->n++] = p;
        }
    }
    closedir(d);
}

static int io_cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void io_uri_decode(const char *s, size_t n, char *out)
{
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '%' && i + 2 < n) {
            char hex[3] = {s[i + 1], s[i + 2], 0};
            out[o++] = (char)strtol(hex, NULL, 16);
            i += 2;
        } else {
            out[o++] = s[i];
        }
    }
    out[o] = 0;
}

/* The value of partition key `key` in path ("key=value" component), NULL for the default
 * partition. Returns false when absent. */
static bool io_partition(const char *path, const char *key, char *out, bool *is_null)
{
    size_t kl = strlen(key);
    for (const char *p = path; (p = strstr(p, key)); p++) {
        if ((p == path || p[-1] == '/') && p[kl] == '=') {
            const char *v = p + kl + 1, *end = strchr(v, '/');
            size_t n = end ? (size_t)(end - v) : strlen(v);
            io_uri_decode(v, n, out);
            *is_null = strcmp(out, "__HIVE_DEFAULT_PARTITION__") == 0;
            return true;
        }
    }
    return false;
}

static bool io_check_hive(em_arena *a, const char *dir, const io_rows *want, char *why,
                          size_t why_size)
{
    io_paths paths = {0};
    io_walk(dir, &paths);
    qsort(paths.p, (size_t)paths.n, sizeof *paths.p, io_cmp_str);
    /* Expected rows by id (ids are 0..n-1 in the corpus, but do not rely on it). */
    bool ok = paths.n > 0;
    if (!ok)
        io_why(why, why_size, "no files under %s", dir);
    int64_t total = 0;
    bool *seen = em_calloc((size_t)want->n + 1, sizeof *seen);
    for (int i = 0; ok && i < paths.n; i++) {
        char year[64], region[256];
        bool year_null, region_null;
        if (!io_partition(paths.p[i], "year", year, &year_null) ||
            !io_partition(paths.p[i], "region", region, &region_null)) {
            io_why(why, why_size, "%s: no partition values", paths.p[i]);
            ok = false;
            break;
        }
        em_error err;
        em_error_clear(&err);
        pq_file *f;
        pq_reader *r;
        if (pq_file_open(paths.p[i], NULL, NULL, &f, &err)) {
            io_why(why, why_size, "%s: %s (%s)", paths.p[i], err.message, pq_last_error_detail());
            ok = false;
            break;
        }
        const ty *schema = pq_file_schema(f);
        pq_reader_open(f, NULL, 0, NULL, 0, &r, &err);
        io_cmp c;
        memset(&c, 0, sizeof c);
        for (;;) {
            vec_batch *b;
            if (pq_reader_next(r, &b, &err)) {
                io_why(why, why_size, "%s: %s (%s)", paths.p[i], err.message,
                       pq_last_error_detail());
                ok = false;
                break;
            }
            if (!b)
                break;
            for (int64_t row = 0; ok && row < b->n_rows; row++) {
                /* Find the expected row by id (column "id"). */
                int id_col = -1;
                for (int j = 0; j < schema->n_fields; j++)
                    if (strcmp(schema->fields[j].name, "id") == 0)
                        id_col = j;
                if (id_col < 0 || vec_is_null(b->cols[id_col], row)) {
                    io_why(why, why_size, "%s: no id", paths.p[i]);
                    ok = false;
                    break;
                }
                int32_t id = VEC_VALUES(b->cols[id_col], int32_t)[row];
                const io_jval *w = NULL;
                int wi = -1;
                for (int k = 0; k < want->n && !w; k++) {
                    const io_jval *idv = io_json_get(want->rows[k], "id");
                    if (idv && idv->kind == IO_J_NUM && atoi(idv->text) == id) {
                        w = want->rows[k];
                        wi = k;
                    }
                }
                if (!w || seen[wi]) {
                    io_why(why, why_size, "id %d unexpected or repeated", id);
                    ok = false;
                    break;
                }
                seen[wi] = true;
                for (int j = 0; ok && j < schema->n_fields; j++) {
                    const io_jval *wv = io_json_get(w, schema->fields[j].name);
                    if (!wv || !io_cmp_value(&c, b->cols[j], row, wv, schema->fields[j].name)) {
                        io_why(why, why_size, "%s: %s", paths.p[i], wv ? c.msg : "missing key");
                        ok = false;
                    }
                }
                const io_jval *wy = io_json_get(w, "year"), *wr = io_json_get(w, "region");
                bool year_ok =
                    wy && (year_null ? wy->kind == IO_J_NULL
                                     : wy->kind == IO_J_NUM && strcmp(wy->text, year) == 0);
                bool region_ok =
                    wr && (region_null ? wr->kind == IO_J_NULL
                                       : wr->kind == IO_J_STR && strcmp(wr->text, region) == 0);
                if (ok && (!year_ok || !region_ok)) {
                    io_why(why, why_size, "id %d: partition values differ", id);
                    ok = false;
                }
                total++;
            }
            vec_batch_free(b);
        }
        pq_reader_close(r);
        pq_file_close(f);
    }
    if (ok && total != want->n) {
        io_why(why, why_size, "%lld rows read, %d expected", (long long)total, want->n);
        ok = false;
    }
    for (int i = 0; i < paths.n; i++)
        em_free(paths.p[i]);
    em_free(paths.p);
    em_free(seen);
    (void)a;
    return ok;
}

/* ---- main ---------------------------------------------------------------------------------- */

typedef struct io_skip {
    int n;
    char names[64][128];
    char reasons[64][256];
} io_skip;

static void io_copy(char *dst, size_t size, const char *src)
{
    size_t n = strlen(src);
    if (n >= size)
        n = size - 1;
    memcpy(dst, src, n);
    dst[n] = 0;
}

static void io_load_skips(const char *path, io_skip *s)
{
    memset(s, 0, sizeof *s);
    FILE *f = path ? fopen(path, "r") : NULL;
    if (!f)
        return;
    char line[512];
    while (fgets(line, sizeof line, f) && s->n < 64) {
        if (line[0] == '#' || line[0] == '\n')
            continue;
        line[strcspn(line, "\n")] = 0;
        char *sp = strpbrk(line, " \t");
        if (sp)
            *sp++ = 0;
        io_copy(s->names[s->n], sizeof s->names[0], line);
        io_copy(s->reasons[s->n], sizeof s->reasons[0], sp ? sp : "");
        s->n++;
    }
    fclose(f);
}

static const char *io_skip_reason(const io_skip *s, const char *name)
{
    for (int i = 0; i < s->n; i++)
        if (strcmp(s->names[i], name) == 0)
            return s->reasons[i];
    return NULL;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s CORPUS_DIR [SKIP_LIST]\n", argv[0]);
        return 2;
    }
    const char *dir = argv[1];
    io_skip skips;
    io_load_skips(argc > 2 ? argv[2] : NULL, &skips);
    char path[4096], why[1024];
    snprintf(path, sizeof path, "%s/manifest.json", dir);
    size_t mlen;
    char *mtext = io_slurp(path, &mlen);
    if (!mtext) {
        fprintf(stderr, "cannot read %s\n", path);
        return 2;
    }
    em_arena ma;
    em_arena_init(&ma, 0);
    const char *error;
    io_jval *manifest = io_json_parse(&ma, mtext, mlen, &error);
    const io_jval *files = io_json_get(manifest, "files");
    if (!files || files->kind != IO_J_ARR) {
        fprintf(stderr, "%s: %s\n", path, manifest ? "no files" : error);
        return 2;
    }
    int passed = 0, failed = 0, skipped = 0;
    for (int i = 0; i < files->n; i++) {
        const io_jval *e = files->items[i];
        const io_jval *jn = io_json_get(e, "file"), *jg = io_json_get(e, "group"),
                      *je = io_json_get(e, "expect");
        if (!jn || !jg || !je)
            continue;
        const char *name = jn->text, *group = jg->text, *expect = je->text;
        const char *skip = io_skip_reason(&skips, name);
        if (skip) {
            printf("SKIP %s: %s\n", name, skip);
            skipped++;
            continue;
        }
        em_arena a;
        em_arena_init(&a, 0);
        bool ok = true;
        why[0] = 0;
        char base[512];
        snprintf(base, sizeof base, "%s", name);
        size_t bl = strlen(base);
        if (bl && base[bl - 1] == '/')
            base[--bl] = 0;
        char *dot = strstr(base, ".parquet");
        if (dot)
            *dot = 0;
        io_rows want;
        char expected[4096];
        snprintf(expected, sizeof expected, "%s/%s.expected.jsonl", dir, base);
        snprintf(path, sizeof path, "%s/%s", dir, name);
        if (strcmp(group, "broken") == 0) {
            if (strcmp(expect, "error") == 0) {
                ok = io_read_fails(path, false, why, sizeof why);
            } else if (strcmp(expect, "error_if_crc_verified") == 0) {
                /* Without CRC checks any outcome is fine (it must only stay clean). */
                char tmp[256];
                io_read_fails(path, false, tmp, sizeof tmp);
                ok = io_read_fails(path, true, why, sizeof why);
            } else {
                /* ok_or_error: if it reads, the rows must be right (the README says
                 * broken_wrong_magic_head holds codec_none's rows). */
                char tmp[512];
                if (!io_read_fails(path, false, tmp, sizeof tmp)) {
                    snprintf(expected, sizeof expected, "%s/codec_none.expected.jsonl", dir);
                    int64_t n;
                    ok = io_load_rows(&a, expected, &want, why, sizeof why) &&
                         io_check_file(path, VEC_BATCH_ROWS, false, &want, -1, why, sizeof why, &n);
                } else {
                    io_why(why, sizeof why, "rejected: %s", tmp);
                }
            }
        } else if (bl && name[strlen(name) - 1] == '/') {
            path[strlen(path) - 1] = 0;
            ok = io_load_rows(&a, expected, &want, why, sizeof why) &&
                 io_check_hive(&a, path, &want, why, sizeof why);
        } else {
            const io_jval *rows = io_json_get(e, "rows");
            int64_t n = 0;
            ok = io_load_rows(&a, expected, &want, why, sizeof why);
            if (ok && rows && rows->kind == IO_J_NUM && atoll(rows->text) != want.n) {
                io_why(why, sizeof why, "manifest says %s rows, expected file has %d", rows->text,
                       want.n);
                ok = false;
            }
            ok = ok && io_check_file(path, VEC_BATCH_ROWS, false, &want, -1, why, sizeof why, &n) &&
                 io_check_file(path, 7, false, &want, -1, why, sizeof why, &n) &&
                 io_check_file(path, 1, false, &want, -1, why, sizeof why, &n) &&
                 io_check_file(path, 1000, true, &want, -1, why, sizeof why, &n);
        }
        if (ok) {
            passed++;
            printf("PASS %s%s%s\n", name, why[0] ? ": " : "", why);
        } else {
            failed++;
            printf("FAIL %s: %s\n", name, why);
        }
        em_arena_release(&a);
    }
    printf("%d passed, %d failed, %d skipped\n", passed, failed, skipped);
    em_arena_release(&ma);
    em_free(mtext);
    return failed ? 1 : 0;
}
