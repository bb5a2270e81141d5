/*
 * src_util: see src_util.h.
 */
#include "src_util.h"

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/em_mem.h"
#include "common/em_str.h"
#include "types/ty_format.h"

src_env S;

void src_begin(void)
{
    snprintf(S.dir, sizeof S.dir, "/tmp/ember-io-src-XXXXXX");
    if (!mkdtemp(S.dir))
        abort();
    em_arena_init(&S.a, 0);
    em_error_clear(&S.err);
    io_source_conf_init(&S.conf);
}

static int src_rm(const char *p, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    return remove(p);
}

void src_end(void)
{
    em_arena_release(&S.a);
    nftw(S.dir, src_rm, 16, FTW_DEPTH | FTW_PHYS);
}

static char src_bufs[8][1024];
static int src_next;

const char *src_path(const char *rel)
{
    char *b = src_bufs[src_next++ & 7];
    snprintf(b, 1024, "%s/%s", S.dir, rel);
    return b;
}

const char *src_write(const char *rel, const char *text, long len)
{
    const char *full = src_path(rel);
    char tmp[1024];
    snprintf(tmp, sizeof tmp, "%s", full);
    for (char *p = tmp + strlen(S.dir) + 1; *p; p++)
        if (*p == '/') {
            *p = '\0';
            mkdir(tmp, 0755);
            *p = '/';
        }
    FILE *f = fopen(full, "wb");
    if (!f)
        abort();
    size_t n = len < 0 ? strlen(text) : (size_t)len;
    if (n)
        fwrite(text, 1, n, f);
    fclose(f);
    return full;
}

io_source *src_resolve_paths(const char *format, int n_paths, const char *const *paths,
                             const ty *schema, const char *const *opts)
{
    io_option o[32];
    int n = 0;
    for (int i = 0; opts && opts[i] && n < 32; i++) {
        const char *eq = strchr(opts[i], '=');
        o[n].key = em_arena_strndup(&S.a, opts[i], (size_t)(eq - opts[i]));
        o[n].value = eq + 1;
        n++;
    }
    em_error_clear(&S.err);
    io_source *s = NULL;
    if (io_source_resolve(&S.a, &S.conf, format, n_paths, paths, n, o, schema, &s, &S.err))
        return NULL;
    return s;
}

io_source *src_resolve(const char *format, const char *path, const ty *schema,
                       const char *const *opts)
{
    return src_resolve_paths(format, path ? 1 : 0, &path, schema, opts);
}

const char *src_rows_cols(const io_source *s, const int *cols, int n_cols)
{
    vec_batch *b = NULL;
    em_error_clear(&S.err);
    if (io_source_read_all(s, cols, n_cols, &b, &S.err))
        return em_arena_printf(&S.a, "ERROR:%s", S.err.error_class);
    em_str out;
    em_str_init(&out, 1 << 24);
    ty_format_opts fo = {.pretty = true, .decimal_plain = true, .tz = NULL};
    for (int64_t r = 0; r < b->n_rows; r++) {
        if (r)
            em_str_putc(&out, '|');
        for (int c = 0; c < b->n_cols; c++) {
            if (c)
                em_str_putc(&out, ',');
            ty_format_cell(b->cols[c], r, &fo, &out);
        }
    }
    const char *res = em_arena_strdup(&S.a, out.data ? out.data : "");
    em_str_release(&out);
    vec_batch_free(b);
    return res;
}

const char *src_rows(const io_source *s)
{
    return src_rows_cols(s, NULL, 0);
}

const char *src_schema(const io_source *s)
{
    em_str out;
    em_str_init(&out, 1 << 20);
    ty_simple_string(io_source_schema(s), &out);
    const char *res = em_arena_strdup(&S.a, out.data ? out.data : "");
    em_str_release(&out);
    return res;
}

static const ty *src_type(const char *t)
{
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
    if (!strcmp(t, "smallint"))
        return ty_short();
    if (!strcmp(t, "tinyint"))
        return ty_byte();
    if (!strcmp(t, "binary"))
        return ty_binary();
    int p, s;
    if (sscanf(t, "decimal(%d;%d)", &p, &s) == 2)
        return ty_decimal(&S.a, p, s);
    if (!strncmp(t, "array<", 6)) {
        char inner[64];
        snprintf(inner, sizeof inner, "%.*s", (int)strlen(t) - 7, t + 6);
        return ty_array(&S.a, src_type(inner), true);
    }
    if (!strncmp(t, "map<string;", 11)) {
        char inner[64];
        snprintf(inner, sizeof inner, "%.*s", (int)strlen(t) - 12, t + 11);
        return ty_map(&S.a, ty_string(), src_type(inner), true);
    }
    if (!strncmp(t, "struct<", 7)) {
        char inner[256];
        snprintf(inner, sizeof inner, "%.*s", (int)strlen(t) - 8, t + 7);
        for (char *p = inner; *p; p++)
            if (*p == '/')
                *p = ',';
        return src_struct(inner);
    }
    abort();
}

/* "a:int,b:string" (nested separators: ';' inside decimal(p;s), '/' between struct fields). */
const ty *src_struct(const char *spec)
{
    ty_field f[32];
    int n = 0;
    const char *p = spec;
    while (*p && n < 32) {
        const char *comma = strchr(p, ',');
        size_t len = comma ? (size_t)(comma - p) : strlen(p);
        char tok[256];
        snprintf(tok, sizeof tok, "%.*s", (int)len, p);
        char *colon = strchr(tok, ':');
        *colon = '\0';
        f[n].name = em_arena_strdup(&S.a, tok);
        f[n].type = src_type(colon + 1);
        f[n].nullable = true;
        f[n].metadata = NULL;
        n++;
        p += len + (comma ? 1 : 0);
    }
    return ty_struct(&S.a, n, f);
}
