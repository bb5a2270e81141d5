/*
 * source_list: the file listing of a read, as Spark's DataSource.checkAndGlobPathIfNecessary and
 * InMemoryFileIndex do it on a local file system.
 *
 *  - Paths are qualified like Hadoop's Path.makeQualified: "file:" URIs and plain paths are
 *    accepted, relative paths resolve against the working directory, "." / ".." / "//" and a
 *    trailing "/" are normalised. Messages show the qualified form ("file:/abs/dir").
 *  - A path with any of `{}[]*?\` is a glob (Hadoop's isGlobPath); its matches replace it and
 *    no match raises PATH_NOT_FOUND. Other paths must exist (PATH_NOT_FOUND).
 *  - Directories are walked to their leaf files. Names starting with "_" (without "=") or ".",
 *    or ending with "._COPYING_", are skipped (HadoopFSUtils.shouldFilterOutPathName and the
 *    scan's isDataPath); root paths that are files get the same test.
 *  - The "pathGlobFilter" option keeps files whose name matches it; "modifiedBefore" /
 *    "modifiedAfter" keep files by modification time.
 *  - Entries of a folder are taken in name order (the local file system gives no order; this
 *    keeps results reproducible).
 * Bounds: at most IO_LIST_MAX_FILES files and IO_LIST_MAX_DEPTH folder levels.
 */
#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <glob.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/em_mem.h"
#include "io/source_int.h"

#define IO_LIST_MAX_FILES 10000000
#define IO_LIST_MAX_DEPTH 256

typedef struct io_lister {
    io_source *s;
    em_arena *a;
    const char *name_filter; /* pathGlobFilter */
    bool has_before, has_after;
    int64_t before_ms, after_ms; /* modifiedBefore / modifiedAfter, epoch milliseconds */
    int n, cap;
    io_file *files;
    int *slots; /* open-addressing set of listed paths (indexes into files) */
    int n_slots;
    em_error *err;
} io_lister;

/* ---- paths -------------------------------------------------------------------------------- */

/* Normalises an absolute path in place: "//" -> "/", "." removed, ".." pops, no trailing "/". */
static void io_path_normalize(char *p)
{
    size_t n = strlen(p);
    char *out = p;
    size_t o = 0;
    size_t i = 0;
    while (i < n) {
        while (i < n && p[i] == '/')
            i++;
        if (i >= n)
            break;
        size_t start = i;
        while (i < n && p[i] != '/')
            i++;
        size_t len = i - start;
        if (len == 1 && p[start] == '.')
            continue;
        if (len == 2 && p[start] == '.' && p[start + 1] == '.') {
            while (o > 0 && out[o - 1] != '/')
                o--;
            if (o > 0)
                o--; /* drop the separator */
            continue;
        }
        out[o++] = '/';
        memmove(out + o, p + start, len);
        o += len;
    }
    if (o == 0)
        out[o++] = '/';
    out[o] = '\0';
}

/*
 * The absolute local path of a user path (arena), or NULL with err set for schemes other than
 * file:. Hadoop strips "file:" and "file://" (empty authority).
 */
static char *io_path_local(io_source *s, const char *path, em_error *err)
{
    const char *p = path;
    if (strncmp(p, "file://", 7) == 0)
        p += 7;
    else if (strncmp(p, "file:", 5) == 0)
        p += 5;
    else {
        const char *colon = strstr(p, "://");
        if (colon && colon > p) {
            bool scheme = true;
            for (const char *c = p; c < colon; c++)
                if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
                      (*c >= '0' && *c <= '9') || *c == '+' || *c == '-' || *c == '.'))
                    scheme = false;
            if (scheme) {
                char feature[256];
                snprintf(feature, sizeof feature, "the file system of '%.*s'",
                         (int)(colon - p + 3 < 200 ? colon - p + 3 : 200), p);
                em_error_set(err, "UNSUPPORTED_FEATURE.NOT_IMPLEMENTED", "feature", feature, NULL);
                return NULL;
            }
        }
    }
    em_str b;
    em_str_init(&b, 1 << 20);
    if (p[0] != '/') {
        char cwd[4096];
        const char *base = s->conf.cwd;
        if (!base)
            base = getcwd(cwd, sizeof cwd) ? cwd : "/";
        em_str_puts(&b, base);
        em_str_putc(&b, '/');
    }
    em_str_puts(&b, p);
    char *r = em_arena_strdup(s->arena, b.data ? b.data : "/");
    em_str_release(&b);
    io_path_normalize(r);
    return r;
}

/* URI path escaping of java.net.URI for a path component (Spark's urlEncodedPath). */
const char *io_path_uri(em_arena *a, const char *abs_path)
{
    em_str b;
    em_str_init(&b, 1 << 20);
    em_str_puts(&b, "file:");
    static const char hex[] = "0123456789ABCDEF";
    for (const unsigned char *c = (const unsigned char *)abs_path; *c; c++) {
        if (*c <= 0x20 || *c == 0x7f || strchr("\"#%<>?[\\]^`{|}", *c)) {
            em_str_putc(&b, '%');
            em_str_putc(&b, hex[*c >> 4]);
            em_str_putc(&b, hex[*c & 15]);
        } else {
            em_str_putc(&b, (char)*c);
        }
    }
    const char *r = em_arena_strdup(a, b.data ? b.data : "file:");
    em_str_release(&b);
    return r;
}

static int io_path_not_found(io_source *s, const char *abs, em_error *err)
{
    const char *q = em_arena_printf(s->arena, "file:%s", abs);
    return em_error_set(err, "PATH_NOT_FOUND", "path", q, NULL);
}

/* HadoopFSUtils.shouldFilterOutPathName, plus the data-path test of the scan (isDataPath):
   "_metadata" / "_common_metadata" summaries are listed by Spark but never read as data, and
   Ember does not use them for Parquet schemas, so they are skipped here too. */
static bool io_hidden_name(const char *name)
{
    size_t n = strlen(name);
    return (name[0] == '_' && !strchr(name, '=')) || name[0] == '.' ||
           (n >= 10 && strcmp(name + n - 10, "._COPYING_") == 0);
}

/* Hadoop's isGlobPath. */
static bool io_is_glob(const char *p)
{
    return strpbrk(p, "{}[]*?\\") != NULL;
}

/* ---- walking ------------------------------------------------------------------------------ */

/* FNV-1a, for the set of listed paths. */
static uint64_t io_path_hash(const char *s)
{
    uint64_t h = 1469598103934665603ULL;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return h;
}

/* Whether abs was listed already (a path reached from two roots is read once, as Spark keys its
   leaf files by path); records it otherwise. */
static bool io_seen(io_lister *l, const char *abs)
{
    if (l->n_slots == 0 || (l->n + 1) * 2 > l->n_slots) {
        int ns = l->n_slots ? l->n_slots * 2 : 256;
        int *slots = em_malloc(sizeof(int) * (size_t)ns);
        for (int i = 0; i < ns; i++)
            slots[i] = -1;
        for (int i = 0; i < l->n; i++) {
            uint64_t h = io_path_hash(l->files[i].path) & (uint64_t)(ns - 1);
            while (slots[h] >= 0)
                h = (h + 1) & (uint64_t)(ns - 1);
            slots[h] = i;
        }
        em_free(l->slots);
        l->slots = slots;
        l->n_slots = ns;
    }
    uint64_t h = io_path_hash(abs) & (uint64_t)(l->n_slots - 1);
    while (l->slots[h] >= 0) {
        if (strcmp(l->files[l->slots[h]].path, abs) == 0)
            return true;
        h = (h + 1) & (uint64_t)(l->n_slots - 1);
    }
    l->slots[h] = l->n; /* the index the caller is about to fill */
    return false;
}

static int io_add_file(io_lister *l, const char *abs, const struct stat *st)
{
    int64_t size = (int64_t)st->st_size;
    const char *base = strrchr(abs, '/');
    base = base ? base + 1 : abs;
    if (l->name_filter && fnmatch(l->name_filter, base, 0) != 0)
        return EM_OK;
    int64_t mtime_ms = (int64_t)st->st_mtim.tv_sec * 1000 + st->st_mtim.tv_nsec / 1000000;
    if ((l->has_before && !(mtime_ms < l->before_ms)) ||
        (l->has_after && !(mtime_ms > l->after_ms)))
        return EM_OK;
    if (l->n >= IO_LIST_MAX_FILES)
        return em_error_internal(l->err, "more than %d files to read", IO_LIST_MAX_FILES);
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 64;
        io_file *nf = em_arena_calloc(l->a, (size_t)l->cap, sizeof *nf);
        if (l->n)
            memcpy(nf, l->files, sizeof *nf * (size_t)l->n);
        l->files = nf;
    }
    if (io_seen(l, abs))
        return EM_OK;
    io_file *f = &l->files[l->n++];
    f->path = em_arena_strdup(l->a, abs);
    f->uri = io_path_uri(l->a, abs);
    f->size = size;
    f->part = -1;
    return EM_OK;
}

static int io_name_cmp(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Lists dir: its files first (name order), then its folders (Spark's listLeafFiles takes a
   folder's top-level files before the files of its subfolders). */
static int io_walk(io_lister *l, const char *dir, int depth)
{
    if (depth > IO_LIST_MAX_DEPTH)
        return em_error_internal(l->err, "folders nested more than %d levels", IO_LIST_MAX_DEPTH);
    DIR *d = opendir(dir);
    if (!d) /* vanished or unreadable: Spark's listing skips a folder that disappeared */
        return EM_OK;
    int n = 0, cap = 0;
    char **names = NULL;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        if (io_hidden_name(e->d_name))
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 32;
            names = em_realloc(names, sizeof *names * (size_t)cap);
        }
        names[n++] = em_strdup(e->d_name);
    }
    closedir(d);
    if (n > 1)
        qsort(names, (size_t)n, sizeof *names, io_name_cmp);
    int rc = EM_OK;
    em_str p;
    em_str_init(&p, 1 << 20);
    for (int pass = 0; pass < 2 && rc == EM_OK; pass++) {
        for (int i = 0; i < n && rc == EM_OK; i++) {
            em_str_reset(&p);
            em_str_puts(&p, dir);
            if (p.len == 0 || p.data[p.len - 1] != '/')
                em_str_putc(&p, '/');
            em_str_puts(&p, names[i]);
            struct stat st;
            if (p.overflow || stat(p.data, &st) != 0)
                continue;
            if (pass == 0 && S_ISREG(st.st_mode))
                rc = io_add_file(l, p.data, &st);
            else if (pass == 1 && S_ISDIR(st.st_mode))
                rc = io_walk(l, p.data, depth + 1);
        }
    }
    for (int i = 0; i < n; i++)
        em_free(names[i]);
    em_str_release(&p);
    em_free(names);
    return rc;
}

/* One root path: a file or a folder (already known to exist). base_dir receives the base folder
   partition discovery stops at. */
static int io_list_root(io_lister *l, const char *abs, const char **base_dir)
{
    struct stat st;
    if (stat(abs, &st) != 0)
        return EM_OK;
    if (S_ISDIR(st.st_mode)) {
        *base_dir = abs;
        return io_walk(l, abs, 0);
    }
    char *parent = em_arena_strdup(l->a, abs);
    char *slash = strrchr(parent, '/');
    if (slash && slash != parent)
        *slash = '\0';
    else if (slash)
        slash[1] = '\0';
    *base_dir = parent;
    const char *name = strrchr(abs, '/');
    name = name ? name + 1 : abs;
    if (io_hidden_name(name))
        return EM_OK;
    return io_add_file(l, abs, &st);
}

int io_list_files(io_source *s, int n_paths, const char *const *paths, int *n_roots,
                  const char ***roots, em_error *err)
{
    io_lister l = {.s = s, .a = s->arena, .err = err};
    l.name_filter = io_opt(s, "pathGlobFilter");
    /* PathFilterFactory: modifiedBefore / modifiedAfter, timestamps in the timeZone option or
       the session zone, compared with file modification times in milliseconds */
    const char *mb = io_opt(s, "modifiedBefore"), *ma = io_opt(s, "modifiedAfter");
    const char *bounds[2] = {mb, ma};
    for (int i = 0; i < 2; i++) {
        if (!bounds[i])
            continue;
        int64_t us;
        if (!ty_parse_timestamp(bounds[i], strlen(bounds[i]), s->tz, s->conf.now_micros, &us))
            return em_error_set_jvm(err, "org.apache.spark.SparkDateTimeException",
                                    "CAST_INVALID_INPUT", "expression",
                                    em_arena_printf(s->arena, "'%s'", bounds[i]), "sourceType",
                                    "\"STRING\"", "targetType", "\"TIMESTAMP\"", NULL);
        if (i == 0) {
            l.has_before = true;
            l.before_ms = ty_floor_div(us, 1000);
        } else {
            l.has_after = true;
            l.after_ms = ty_floor_div(us, 1000);
        }
    }
    /* Qualify every path and expand globs first: missing paths fail before anything is read. */
    int n_abs = 0, cap_abs = n_paths + 1;
    const char **abs = em_arena_calloc(s->arena, (size_t)cap_abs, sizeof(char *));
    for (int i = 0; i < n_paths; i++) {
        if (!paths[i])
            continue;
        char *p = io_path_local(s, paths[i], err);
        if (!p)
            return err ? err->code : EM_EUSER;
        if (!io_is_glob(paths[i])) {
            struct stat st;
            if (stat(p, &st) != 0)
                return io_path_not_found(s, p, err);
            if (n_abs == cap_abs) {
                cap_abs *= 2;
                const char **na = em_arena_calloc(s->arena, (size_t)cap_abs, sizeof(char *));
                memcpy(na, abs, sizeof(char *) * (size_t)n_abs);
                abs = na;
            }
            abs[n_abs++] = p;
            continue;
        }
        glob_t g;
        memset(&g, 0, sizeof g);
        int grc = glob(p, GLOB_BRACE | GLOB_NOSORT, NULL, &g);
        if (grc != 0 || g.gl_pathc == 0) {
            globfree(&g);
            return io_path_not_found(s, p, err);
        }
        qsort(g.gl_pathv, g.gl_pathc, sizeof(char *), io_name_cmp);
        for (size_t m = 0; m < g.gl_pathc; m++) {
            if (n_abs == cap_abs) {
                cap_abs *= 2;
                const char **na = em_arena_calloc(s->arena, (size_t)cap_abs, sizeof(char *));
                memcpy(na, abs, sizeof(char *) * (size_t)n_abs);
                abs = na;
            }
            char *q = em_arena_strdup(s->arena, g.gl_pathv[m]);
            io_path_normalize(q);
            abs[n_abs++] = q;
        }
        globfree(&g);
    }
    const char **bases = em_arena_calloc(s->arena, (size_t)n_abs + 1, sizeof(char *));
    int n_bases = 0;
    for (int i = 0; i < n_abs; i++) {
        const char *base = NULL;
        if (io_list_root(&l, abs[i], &base)) {
            em_free(l.slots);
            return err ? err->code : EM_EUSER;
        }
        if (base) {
            bool seen = false;
            for (int b = 0; b < n_bases; b++)
                if (strcmp(bases[b], base) == 0)
                    seen = true;
            if (!seen)
                bases[n_bases++] = base;
        }
    }
    em_free(l.slots);
    s->all = l.files ? l.files : em_arena_calloc(s->arena, 1, sizeof(io_file));
    s->n_all = l.n;
    *n_roots = n_bases;
    *roots = bases;
    return EM_OK;
}
