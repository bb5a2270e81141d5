/*
 * st_golden: reading Spark's SQL golden files. An input file (inputs/<path>.sql) becomes its
 * directives and its list of statements, split exactly as SQLQueryTestSuite splits them (the
 * statement texts must equal the `-- !query` texts of the result file); a result file
 * (results/<path>.sql.out) becomes its blocks (SQL, schema line, normalized output).
 *
 * The rules are Spark's (SQLQueryTestHelper: splitCommentsAndCodes, getQueries,
 * getSparkSettings, getSparkConfigDimensions, normalizeTestResults; SQLQueryTestSuite:
 * readGoldenFileAndCompareResults), restated in ../shared/conformance/spark-sql-tests/
 * test-tables/README.md. Java's String.trim (drop chars <= ' ' at both ends) and
 * String.split (trailing empty pieces dropped) are reproduced where they matter.
 */
#include "st_int.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "common/em_mem.h"

/* Largest input / import file read. */
#define ST_GOLDEN_MAX_FILE ((size_t)64 << 20)

char *st_read_file(const char *path, size_t max, size_t *len_out)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    em_str buf;
    em_str_init(&buf, max + 1);
    char chunk[16384];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0 && !buf.overflow)
        em_str_append(&buf, chunk, n);
    bool bad = ferror(f) != 0 || buf.overflow || buf.len > max;
    fclose(f);
    if (bad) {
        em_str_release(&buf);
        return NULL;
    }
    em_str_putc(&buf, '\0');
    if (len_out)
        *len_out = buf.len - 1;
    char *data = em_str_move(&buf);
    em_str_release(&buf);
    return data;
}

/* ---------------------------------------------------------------------------------------- */
/* small string helpers (arena) */

/* Java's String.trim bounds. */
static void st_trim_bounds(const char **s, size_t *len)
{
    const char *p = *s;
    size_t n = *len;
    while (n && (unsigned char)p[0] <= ' ') {
        p++;
        n--;
    }
    while (n && (unsigned char)p[n - 1] <= ' ')
        n--;
    *s = p;
    *len = n;
}

static char *st_trim_dup(em_arena *a, const char *s, size_t len)
{
    st_trim_bounds(&s, &len);
    return em_arena_strndup(a, s, len);
}

static bool st_starts(const char *s, size_t len, const char *prefix)
{
    size_t n = strlen(prefix);
    return len >= n && memcmp(s, prefix, n) == 0;
}

/* A growable array of strings in an arena. */
typedef struct st_strv {
    const char **items;
    int n, cap;
} st_strv;

static void st_strv_push(st_strv *v, em_arena *a, const char *s)
{
    if (v->n == v->cap) {
        int ncap = v->cap ? v->cap * 2 : 64;
        const char **ni = em_arena_alloc(a, (size_t)ncap * sizeof *ni);
        if (v->n)
            memcpy(ni, v->items, (size_t)v->n * sizeof *ni);
        v->items = ni;
        v->cap = ncap;
    }
    v->items[v->n++] = s;
}

/* Splits text at '\n' (Java's split: trailing empty lines dropped) into arena copies. */
static void st_split_lines(const char *text, size_t len, em_arena *a, st_strv *out)
{
    size_t start = 0;
    for (size_t pos = 0; pos <= len; pos++) {
        if (pos == len || text[pos] == '\n') {
            st_strv_push(out, a, em_arena_strndup(a, text + start, pos - start));
            start = pos + 1;
        }
    }
    while (out->n > 0 && out->items[out->n - 1][0] == '\0')
        out->n--;
}

/* A comment line in splitCommentsAndCodes' sense. */
static bool st_is_comment(const char *line)
{
    const char *p = line;
    size_t n = strlen(line);
    st_trim_bounds(&p, &n);
    return st_starts(p, n, "--") && !st_starts(p, n, "--QUERY-DELIMITER");
}

static bool st_trim_starts(const char *line, const char *prefix)
{
    const char *p = line;
    size_t n = strlen(line);
    st_trim_bounds(&p, &n);
    return st_starts(p, n, prefix);
}

/* "k=v,k2=v2" -> confs appended to list (pieces without '=' are ignored, as Spark would
 * fail on them). */
static void st_parse_confs(const char *text, em_arena *a, st_conf_list *list)
{
    const char *p = text;
    for (;;) {
        const char *comma = strchr(p, ',');
        size_t piece = comma ? (size_t)(comma - p) : strlen(p);
        const char *eq = memchr(p, '=', piece);
        if (eq) {
            st_conf *ni = em_arena_alloc(a, (size_t)(list->n + 1) * sizeof *ni);
            if (list->n)
                memcpy(ni, list->items, (size_t)list->n * sizeof *ni);
            ni[list->n].key = st_trim_dup(a, p, (size_t)(eq - p));
            ni[list->n].value = st_trim_dup(a, eq + 1, piece - (size_t)(eq - p) - 1);
            list->items = ni;
            list->n++;
        }
        if (!comma)
            break;
        p = comma + 1;
    }
}

/* splitWithSemicolon: joins lines with '\n' and splits at every ';' that follows a character
 * other than a backslash. Pieces go to out (untrimmed). */
static void st_split_semicolons(const char **lines, int n_lines, em_arena *a, st_strv *out)
{
    em_str joined;
    em_str_init(&joined, 0);
    for (int idx = 0; idx < n_lines; idx++) {
        if (idx)
            em_str_putc(&joined, '\n');
        em_str_puts(&joined, lines[idx]);
    }
    const char *s = joined.data ? joined.data : "";
    size_t len = joined.len, start = 0;
    for (size_t pos = 0; pos < len; pos++) {
        if (s[pos] == ';' && pos > 0 && s[pos - 1] != '\\') {
            st_strv_push(out, a, em_arena_strndup(a, s + start, pos - start));
            start = pos + 1;
        }
    }
    st_strv_push(out, a, em_arena_strndup(a, s + start, len - start));
    em_str_release(&joined);
}

/* Reads an imported file's code lines (comments and directives dropped) into code. */
static bool st_import(const char *inputs_dir, const char *name, em_arena *a, st_strv *code)
{
    em_str path;
    em_str_init(&path, 0);
    em_str_printf(&path, "%s/%s", inputs_dir, name);
    size_t len;
    char *text = path.overflow ? NULL : st_read_file(path.data, ST_GOLDEN_MAX_FILE, &len);
    em_str_release(&path);
    if (!text)
        return false;
    st_strv lines = {0};
    st_split_lines(text, len, a, &lines);
    em_free(text);
    for (int idx = 0; idx < lines.n; idx++)
        if (!st_is_comment(lines.items[idx]))
            st_strv_push(code, a, lines.items[idx]);
    return true;
}

static st_dim *st_find_dim(st_input *in, const char *name, em_arena *a)
{
    for (int idx = 0; idx < in->n_dims; idx++)
        if (strcmp(in->dims[idx].name, name) == 0)
            return &in->dims[idx];
    st_dim *nd = em_arena_calloc(a, (size_t)in->n_dims + 1, sizeof *nd);
    if (in->n_dims)
        memcpy(nd, in->dims, (size_t)in->n_dims * sizeof *nd);
    in->dims = nd;
    st_dim *d = &in->dims[in->n_dims++];
    d->name = em_arena_strdup(a, name);
    return d;
}

int st_input_parse(const char *text, size_t len, const char *inputs_dir, em_arena *arena,
                   st_input *out)
{
    memset(out, 0, sizeof *out);
    st_strv lines = {0}, code = {0}, own = {0};
    st_split_lines(text, len, arena, &lines);

    /* Directives (comment lines, matched at column 1), imports first in the code. */
    for (int idx = 0; idx < lines.n; idx++) {
        const char *line = lines.items[idx];
        if (!st_is_comment(line)) {
            st_strv_push(&own, arena, line);
            continue;
        }
        size_t n = strlen(line);
        if (st_starts(line, n, "--SET ")) {
            st_parse_confs(line + 6, arena, &out->sets);
        } else if (st_starts(line, n, "--CONFIG_DIM")) {
            const char *rest = line + 12;
            const char *sp = strchr(rest, ' ');
            if (!sp)
                continue;
            char *name = em_arena_strndup(arena, rest, (size_t)(sp - rest));
            st_dim *d = st_find_dim(out, name, arena);
            st_conf_list *na = em_arena_calloc(arena, (size_t)d->n_alts + 1, sizeof *na);
            if (d->n_alts)
                memcpy(na, d->alts, (size_t)d->n_alts * sizeof *na);
            d->alts = na;
            st_parse_confs(sp + 1, arena, &d->alts[d->n_alts++]);
        } else if (st_starts(line, n, "--IMPORT ")) {
            char *name = st_trim_dup(arena, line + 9, n - 9);
            if (!st_import(inputs_dir, name, arena, &code))
                out->missing_import = name;
        } else if (st_starts(line, n, "--ONLY_IF ")) {
            out->has_only_if = true;
            for (const char *p = line + 10; *p; p++)
                if (strncasecmp(p, "spark", 5) == 0)
                    out->only_if_spark = true;
        }
    }
    for (int idx = 0; idx < own.n; idx++)
        st_strv_push(&code, arena, own.items[idx]);

    /* Statements. */
    st_strv pieces = {0};
    bool delimited = false;
    for (int idx = 0; idx < code.n; idx++)
        if (st_trim_starts(code.items[idx], "--QUERY-DELIMITER"))
            delimited = true;
    if (!delimited) {
        st_split_semicolons(code.items, code.n, arena, &pieces);
    } else {
        st_strv other = {0};
        em_str block;
        em_str_init(&block, 0);
        bool in_block = false;
        for (int idx = 0; idx < code.n; idx++) {
            const char *line = code.items[idx];
            if (st_trim_starts(line, "--QUERY-DELIMITER-START")) {
                in_block = true;
                st_split_semicolons(other.items, other.n, arena, &pieces);
                other.n = 0;
            } else if (st_trim_starts(line, "--QUERY-DELIMITER-END")) {
                in_block = false;
                size_t n = block.len;
                if (n && block.data[n - 1] == ';')
                    n--;
                char *stmt = em_arena_alloc(arena, n + 2);
                stmt[0] = '\n';
                if (n)
                    memcpy(stmt + 1, block.data, n);
                stmt[n + 1] = '\0';
                st_strv_push(&pieces, arena, stmt);
                em_str_reset(&block);
            } else if (in_block) {
                em_str_putc(&block, '\n');
                em_str_puts(&block, line);
            } else {
                st_strv_push(&other, arena, line);
            }
        }
        if (other.n)
            st_split_semicolons(other.items, other.n, arena, &pieces);
        em_str_release(&block);
    }

    /* Trim, drop empties, drop lines starting with "--" inside a statement, trim again. */
    st_strv queries = {0};
    for (int idx = 0; idx < pieces.n; idx++) {
        const char *p = pieces.items[idx];
        size_t n = strlen(p);
        st_trim_bounds(&p, &n);
        if (n == 0)
            continue;
        char *copy = em_arena_strndup(arena, p, n);
        st_strv ls = {0};
        st_split_lines(copy, n, arena, &ls);
        em_str kept;
        em_str_init(&kept, 0);
        bool first = true;
        for (int li = 0; li < ls.n; li++) {
            if (strncmp(ls.items[li], "--", 2) == 0)
                continue;
            if (!first)
                em_str_putc(&kept, '\n');
            em_str_puts(&kept, ls.items[li]);
            first = false;
        }
        char *q = st_trim_dup(arena, kept.data ? kept.data : "", kept.len);
        em_str_release(&kept);
        if (q[0])
            st_strv_push(&queries, arena, q);
    }
    out->n_queries = queries.n;
    out->queries = queries.items;
    return 0;
}

int st_input_combos(const st_input *in, em_arena *arena, st_combo **out)
{
    int n = 1;
    for (int d = 0; d < in->n_dims; d++)
        if (in->dims[d].n_alts > 0)
            n *= in->dims[d].n_alts;
    st_combo *combos = em_arena_calloc(arena, (size_t)n, sizeof *combos);
    for (int idx = 0; idx < n; idx++) {
        em_str label;
        em_str_init(&label, 0);
        st_conf_list confs = {0};
        int rest = idx;
        for (int d = 0; d < in->n_dims; d++) {
            const st_dim *dim = &in->dims[d];
            if (dim->n_alts == 0)
                continue;
            int alt = rest % dim->n_alts;
            rest /= dim->n_alts;
            em_str_printf(&label, "%sDIM%s=%d", label.len ? "," : "", dim->name, alt);
            const st_conf_list *c = &dim->alts[alt];
            st_conf *ni = em_arena_alloc(arena, (size_t)(confs.n + c->n + 1) * sizeof *ni);
            if (confs.n)
                memcpy(ni, confs.items, (size_t)confs.n * sizeof *ni);
            if (c->n)
                memcpy(ni + confs.n, c->items, (size_t)c->n * sizeof *ni);
            confs.items = ni;
            confs.n += c->n;
        }
        combos[idx].label = em_arena_strndup(arena, label.data ? label.data : "", label.len);
        combos[idx].confs = confs;
        em_str_release(&label);
    }
    *out = combos;
    return n;
}

/* ---------------------------------------------------------------------------------------- */
/* result files */

char *st_normalize_output(const char *text, size_t len, em_arena *arena)
{
    em_str out;
    em_str_init(&out, 0);
    bool traceback = false, first = true;
    size_t start = 0;
    for (size_t pos = 0; pos <= len; pos++) {
        if (pos < len && text[pos] != '\n')
            continue;
        const char *line = text + start;
        size_t n = pos - start;
        start = pos + 1;
        if (n == 34 && memcmp(line, "Traceback (most recent call last):", 34) == 0)
            traceback = true;
        else if (!(n > 0 && line[0] == ' '))
            traceback = false;
        if (traceback)
            continue;
        if (!first)
            em_str_putc(&out, '\n');
        em_str_append(&out, line, n);
        first = false;
    }
    /* Java's "\\s+$": trailing [ \t\n\x0B\f\r]. */
    while (out.len && strchr(" \t\n\v\f\r", out.data[out.len - 1]))
        out.len--;
    char *res = em_arena_strndup(arena, out.data ? out.data : "", out.len);
    em_str_release(&out);
    return res;
}

/* The end of a "-- !query<non-line-terminators>\n" match starting at p, or NULL. */
static const char *st_marker_end(const char *p, const char *end)
{
    static const char marker[] = "-- !query";
    size_t m = sizeof marker - 1;
    if ((size_t)(end - p) < m || memcmp(p, marker, m) != 0)
        return NULL;
    for (const char *q = p + m; q < end; q++) {
        if (*q == '\n')
            return q + 1;
        if (*q == '\r')
            return NULL;
    }
    return NULL;
}

int st_golden_parse(const char *text, size_t len, em_arena *arena, st_golden *out)
{
    memset(out, 0, sizeof *out);
    const char *end = text + len;
    st_strv segs = {0};
    const char *seg_start = text;
    const char *p = text;
    while (p < end) {
        const char *me = st_marker_end(p, end);
        if (me) {
            st_strv_push(&segs, arena, em_arena_strndup(arena, seg_start, (size_t)(p - seg_start)));
            seg_start = p = me;
        } else {
            p++;
        }
    }
    st_strv_push(&segs, arena, em_arena_strndup(arena, seg_start, (size_t)(end - seg_start)));
    while (segs.n > 0 && segs.items[segs.n - 1][0] == '\0')
        segs.n--;
    if (segs.n < 1)
        return -1;
    int n_blocks = (segs.n - 1 + 2) / 3;
    out->blocks = em_arena_calloc(arena, (size_t)n_blocks + 1, sizeof *out->blocks);
    for (int b = 0; b < n_blocks; b++) {
        int base = 1 + 3 * b;
        const char *sql = base < segs.n ? segs.items[base] : "";
        const char *schema = base + 1 < segs.n ? segs.items[base + 1] : "";
        const char *output = base + 2 < segs.n ? segs.items[base + 2] : "";
        out->blocks[b].sql = st_trim_dup(arena, sql, strlen(sql));
        out->blocks[b].schema = st_trim_dup(arena, schema, strlen(schema));
        out->blocks[b].output = st_normalize_output(output, strlen(output), arena);
    }
    out->n_blocks = n_blocks;
    return 0;
}
