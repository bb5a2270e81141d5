/*
 * iw_util: see iw_util.h.
 */
#include "iw_util.h"

#include <dirent.h>
#include <ftw.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "common/em_mem.h"
#include "common/em_str.h"
#include "io/source_int.h"
#include "types/ty_format.h"

iw_env W;

void iw_begin(void)
{
    snprintf(W.dir, sizeof W.dir, "/tmp/ember-iow-XXXXXX");
    if (!mkdtemp(W.dir))
        abort();
    em_arena_init(&W.a, 0);
    em_error_clear(&W.err);
}

static int iw_rm(const char *p, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    return remove(p);
}

void iw_end(void)
{
    em_arena_release(&W.a);
    nftw(W.dir, iw_rm, 16, FTW_DEPTH | FTW_PHYS);
}

static char iw_bufs[8][1024];
static int iw_next;

const char *iw_path(const char *rel)
{
    char *b = iw_bufs[iw_next++ & 7];
    snprintf(b, 1024, "%s/%s", W.dir, rel);
    return b;
}

/* ---- types ------------------------------------------------------------------------------------
 */

static const ty *iw_type(const char *s, size_t n)
{
    char t[64];
    snprintf(t, sizeof t, "%.*s", (int)n, s);
    if (!strcmp(t, "int"))
        return ty_int();
    if (!strcmp(t, "bigint"))
        return ty_long();
    if (!strcmp(t, "string"))
        return ty_string();
    if (!strcmp(t, "double"))
        return ty_double();
    if (!strcmp(t, "float"))
        return ty_float();
    if (!strcmp(t, "boolean"))
        return ty_boolean();
    if (!strcmp(t, "date"))
        return ty_date();
    if (!strcmp(t, "timestamp"))
        return ty_timestamp();
    if (!strcmp(t, "timestamp_ntz"))
        return ty_timestamp_ntz();
    if (!strcmp(t, "binary"))
        return ty_binary();
    if (!strcmp(t, "smallint"))
        return ty_primitive(TY_SHORT);
    if (!strcmp(t, "tinyint"))
        return ty_byte();
    int p, sc;
    if (sscanf(t, "decimal(%d;%d)", &p, &sc) == 2)
        return ty_decimal(&W.a, p, sc);
    abort();
}

const ty *iw_struct(const char *spec)
{
    ty_field f[64];
    int n = 0;
    const char *p = spec;
    while (*p && n < 64) {
        const char *colon = strchr(p, ':');
        const char *end = strchr(p, ',');
        if (!end)
            end = p + strlen(p);
        f[n].name = em_arena_strndup(&W.a, p, (size_t)(colon - p));
        f[n].type = iw_type(colon + 1, (size_t)(end - colon - 1));
        f[n].nullable = true;
        f[n].metadata = NULL;
        n++;
        p = *end ? end + 1 : end;
    }
    return ty_struct(&W.a, n, f);
}

const ty *iw_schema_all(bool nested)
{
    const ty *flat = iw_struct("b:boolean,i8:tinyint,i16:smallint,i32:int,i64:bigint,f32:float,"
                               "f64:double,d9:decimal(5;2),d18:decimal(15;3),d38:decimal(30;5),"
                               "s:string,bin:binary,dt:date,ts:timestamp,ntz:timestamp_ntz");
    if (!nested)
        return flat;
    ty_field f[32];
    int n = flat->n_fields;
    memcpy(f, flat->fields, (size_t)n * sizeof *f);
    ty_field sf[2] = {{"x", ty_int(), true, NULL}, {"y", ty_string(), true, NULL}};
    ty_field pf[1] = {{"p", ty_double(), true, NULL}};
    f[n++] = (ty_field){"arr", ty_array(&W.a, ty_int(), true), true, NULL};
    f[n++] = (ty_field){"m", ty_map(&W.a, ty_string(), ty_long(), true), true, NULL};
    f[n++] = (ty_field){"st", ty_struct(&W.a, 2, sf), true, NULL};
    f[n++] = (ty_field){"aos", ty_array(&W.a, ty_struct(&W.a, 1, pf), true), true, NULL};
    f[n++] = (ty_field){"aa", ty_array(&W.a, ty_array(&W.a, ty_string(), true), true), true, NULL};
    return ty_struct(&W.a, n, f);
}

/* ---- values -----------------------------------------------------------------------------------
 */

static uint64_t iw_mix(uint64_t x)
{
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdull;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ull;
    return x ^ (x >> 33);
}

static void iw_gen_value(vec *v, const ty *t, uint64_t seed, bool nulls, int depth)
{
    uint64_t h = iw_mix(seed * 131 + (uint64_t)depth * 17 + (uint64_t)t->kind);
    if (nulls && h % 7 == 3) {
        vec_append_null(v);
        return;
    }
    int64_t k = (int64_t)(h >> 8);
    switch (t->kind) {
    case TY_BOOLEAN:
        io_push_bool(v, h & 1);
        return;
    case TY_BYTE:
        io_push_i8(v, (int8_t)(h % 7 == 0 ? -128 : (int64_t)(h % 200) - 100));
        return;
    case TY_SHORT:
        io_push_i16(v, (int16_t)(h % 9 == 0 ? 32767 : (int64_t)(h % 6000) - 3000));
        return;
    case TY_INT:
    case TY_YEARMONTH_INTERVAL:
        io_push_i32(v, h % 11 == 0 ? INT32_MIN : (int32_t)(k % 100000) - 50000);
        return;
    case TY_LONG:
    case TY_DAYTIME_INTERVAL:
        io_push_i64(v, h % 13 == 0 ? INT64_MAX : k - (int64_t)(1ull << 54));
        return;
    case TY_FLOAT: {
        float vals[] = {0.5f, -0.0f, 1e30f, -3.25f, 0.0f, 7.0f, 1.0f / 3, NAN};
        io_push_f32(v, vals[h % 8]);
        return;
    }
    case TY_DOUBLE: {
        double vals[] = {0.1, -0.0, 1e300, -2.5e-300, 0.0, (double)k, INFINITY, NAN, -INFINITY};
        io_push_f64(v, vals[h % 9]);
        return;
    }
    case TY_DECIMAL: {
        __int128 lim = 1;
        for (int i = 0; i < t->precision; i++)
            lim *= 10;
        __int128 x = (__int128)k * 7919 % lim;
        if (h % 5 == 0)
            x = -x;
        if (h % 17 == 0)
            x = lim - 1;
        io_push_dec(v, x);
        return;
    }
    case TY_STRING:
    case TY_CHAR:
    case TY_VARCHAR: {
        char buf[128];
        const char *special[] = {"",        " lead",       "trail ",    "a,b",
                                 "q\"uote", "back\\slash", "new\nline", "ünï©ødé ✓ 😀",
                                 "tab\tx",  "{braces}"};
        if (h % 4 == 0)
            snprintf(buf, sizeof buf, "%s", special[(h >> 4) % 10]);
        else
            snprintf(buf, sizeof buf, "str%llu", (unsigned long long)(h % 23));
        vec_append_str(v, buf, (int64_t)strlen(buf), NULL);
        return;
    }
    case TY_BINARY: {
        uint8_t buf[16];
        int n = (int)(h % 9);
        for (int i = 0; i < n; i++)
            buf[i] = (uint8_t)(h >> (i * 5));
        vec_append_str(v, (const char *)buf, n, NULL);
        return;
    }
    case TY_DATE:
        io_push_i32(v, (int32_t)(k % 40000) - 10000);
        return;
    case TY_TIMESTAMP:
    case TY_TIMESTAMP_NTZ:
        /* Milliseconds only: the text formats' default patterns print .SSS. */
        io_push_i64(v, ((k % 4000000000000LL) - 1000000000000LL) * 1000);
        return;
    case TY_ARRAY: {
        vec *el = v->children[0];
        int n = (int)(h % 4);
        for (int i = 0; i < n; i++)
            iw_gen_value(el, t->elem, seed * 7 + (uint64_t)i, nulls && t->contains_null, depth + 1);
        vec_reserve(v, v->len + 1);
        v->offsets[v->len + 1] = (int32_t)el->len;
        vec_set_valid(v, v->len);
        v->len++;
        return;
    }
    case TY_MAP: {
        vec *keys = v->children[0], *vals = v->children[1];
        int n = (int)(h % 3);
        for (int i = 0; i < n; i++) {
            char kb[16];
            snprintf(kb, sizeof kb, "k%d", i);
            vec_append_str(keys, kb, (int64_t)strlen(kb), NULL);
            iw_gen_value(vals, t->value, seed * 5 + (uint64_t)i, nulls, depth + 1);
        }
        vec_reserve(v, v->len + 1);
        v->offsets[v->len + 1] = (int32_t)keys->len;
        vec_set_valid(v, v->len);
        v->len++;
        return;
    }
    case TY_STRUCT:
        for (int i = 0; i < t->n_fields; i++)
            iw_gen_value(v->children[i], t->fields[i].type, seed + (uint64_t)i * 1000, nulls,
                         depth + 1);
        vec_reserve(v, v->len + 1);
        vec_set_valid(v, v->len);
        v->len++;
        return;
    default:
        vec_append_null(v);
        return;
    }
}

vec_batch *iw_gen(const ty *schema, int64_t n, int64_t seed, bool nulls)
{
    vec_batch *b = vec_batch_new(schema->n_fields, n);
    for (int c = 0; c < schema->n_fields; c++) {
        b->cols[c] = vec_new(schema->fields[c].type, n);
        for (int64_t r = 0; r < n; r++)
            iw_gen_value(b->cols[c], schema->fields[c].type,
                         (uint64_t)(seed * 1000003 + r * 101 + c), nulls, 0);
    }
    return b;
}

/* ---- writing and reading ----------------------------------------------------------------------
 */

static int iw_options(const char *const *opts, io_option *o, int cap)
{
    int n = 0;
    for (int i = 0; opts && opts[i] && n < cap; i++) {
        const char *eq = strchr(opts[i], '=');
        o[n].key = em_arena_strndup(&W.a, opts[i], (size_t)(eq - opts[i]));
        o[n].value = eq + 1;
        n++;
    }
    return n;
}

int iw_write(const char *format, const char *path, io_save_mode mode, const ty *schema,
             vec_batch *const *batches, int n_batches, const char *const *opts,
             const char *const *partition_by)
{
    io_option o[32];
    int n_part = 0;
    while (partition_by && partition_by[n_part])
        n_part++;
    io_write_spec spec = {
        .format = format,
        .path = path,
        .mode = mode,
        .schema = schema,
        .options = o,
        .n_options = iw_options(opts, o, 32),
        .partition_by = partition_by,
        .n_partition_by = n_part,
        .compression_default = "snappy",
        .time_zone = "UTC",
    };
    em_error_clear(&W.err);
    io_writer *w = NULL;
    int rc = io_write_open(&spec, &w, &W.err);
    if (rc || !w)
        return rc;
    for (int i = 0; i < n_batches && rc == EM_OK; i++)
        rc = io_write_batch(w, batches[i], &W.err);
    if (rc) {
        io_write_abort(w);
        return rc;
    }
    return io_write_commit(w, &W.err);
}

static int iw_cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Rows of columns cols of b, "a,b" each, joined with '|' (sorted when asked). */
static const char *iw_join_rows(const vec_batch *b, const int *cols, int n_cols, bool sorted)
{
    ty_format_opts fo = {.pretty = true, .decimal_plain = true, .tz = NULL};
    char **rows = em_calloc((size_t)b->n_rows + 1, sizeof *rows);
    em_str s;
    em_str_init(&s, 0);
    for (int64_t r = 0; r < b->n_rows; r++) {
        em_str_reset(&s);
        for (int c = 0; c < n_cols; c++) {
            if (c)
                em_str_putc(&s, ',');
            ty_format_cell(b->cols[cols ? cols[c] : c], r, &fo, &s);
        }
        rows[r] = em_strdup(s.data ? s.data : "");
    }
    if (sorted)
        qsort(rows, (size_t)b->n_rows, sizeof *rows, iw_cmp_str);
    em_str_reset(&s);
    for (int64_t r = 0; r < b->n_rows; r++) {
        if (r)
            em_str_putc(&s, '|');
        em_str_puts(&s, rows[r]);
        em_free(rows[r]);
    }
    em_free(rows);
    const char *out = em_arena_strdup(&W.a, s.data ? s.data : "");
    em_str_release(&s);
    return out;
}

const char *iw_render(const vec_batch *b, bool sorted)
{
    return iw_join_rows(b, NULL, b->n_cols, sorted);
}

const char *iw_render_cols(const vec_batch *b, const int *cols, int n_cols, bool sorted)
{
    return iw_join_rows(b, cols, n_cols, sorted);
}

const char *iw_read(const char *format, const char *path, const ty *schema, const char *const *opts,
                    bool sorted)
{
    io_option o[32];
    int n = iw_options(opts, o, 32);
    io_source_conf conf;
    io_source_conf_init(&conf);
    io_source *src;
    em_error_clear(&W.err);
    if (io_source_resolve(&W.a, &conf, format, 1, &path, n, o, schema, &src, &W.err))
        return em_arena_printf(&W.a, "ERROR:%s", W.err.error_class);
    vec_batch *b;
    if (io_source_read_all(src, NULL, 0, &b, &W.err))
        return em_arena_printf(&W.a, "ERROR:%s", W.err.error_class);
    const char *r = iw_render(b, sorted);
    vec_batch_free(b);
    return r;
}

/* ---- files ------------------------------------------------------------------------------------
 */

static int iw_count_in(const char *dir, const char *suffix, bool visible_only)
{
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        if (visible_only && (e->d_name[0] == '.' || e->d_name[0] == '_'))
            continue;
        char p[2048];
        snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
        struct stat st;
        if (lstat(p, &st) != 0)
            continue;
        if (S_ISDIR(st.st_mode)) {
            n += iw_count_in(p, suffix, visible_only);
            continue;
        }
        size_t ln = strlen(e->d_name), ls = strlen(suffix);
        if (ln >= ls && strcmp(e->d_name + ln - ls, suffix) == 0)
            n++;
    }
    closedir(d);
    return n;
}

int iw_count_files(const char *dir, const char *suffix, bool visible_only)
{
    return iw_count_in(dir, suffix, visible_only);
}

bool iw_parent_has(const char *dir, const char *prefix)
{
    char parent[1024];
    snprintf(parent, sizeof parent, "%s", dir);
    char *slash = strrchr(parent, '/');
    if (!slash)
        return false;
    *slash = '\0';
    DIR *d = opendir(parent);
    if (!d)
        return false;
    bool found = false;
    struct dirent *e;
    while ((e = readdir(d)) != NULL)
        if (strncmp(e->d_name, prefix, strlen(prefix)) == 0)
            found = true;
    closedir(d);
    return found;
}

void iw_rows_equal(const char *file, int line, const char *got, const char *want)
{
    if (strcmp(got, want) == 0)
        return;
    int row = 0;
    const char *g = got, *w = want;
    for (;;) {
        const char *ge = strchr(g, '|'), *we = strchr(w, '|');
        size_t gl = ge ? (size_t)(ge - g) : strlen(g), wl = we ? (size_t)(we - w) : strlen(w);
        if (gl != wl || memcmp(g, w, gl) != 0 || !ge != !we) {
            char m[2048];
            snprintf(m, sizeof m, "row %d differs\n  got:  [%.*s]\n  want: [%.*s]", row,
                     (int)(gl < 900 ? gl : 900), g, (int)(wl < 900 ? wl : 900), w);
            em_test_fail(file, line, m);
            return;
        }
        if (!ge)
            return;
        g = ge + 1;
        w = we + 1;
        row++;
    }
}
