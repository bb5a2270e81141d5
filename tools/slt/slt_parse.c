/*
 * slt_parse: the .test file format of ember-slt (tests/slt/README.md).
 *
 * A file is a sequence of records separated by blank lines. Outside a record, `#` lines are
 * comments and `skipif ENGINE` / `onlyif ENGINE` lines are conditions of the next record
 * (ember is the only engine this runner is). A record starts with its header line:
 *
 *   statement ok | statement error [CLASS]      then the SQL lines
 *   query error [CLASS]                          then the SQL lines
 *   query TYPES|COUNT [rowsort|nosort]           then the SQL lines, `----`, expected rows
 *   set KEY VALUE                                one line
 *   halt                                         stops reading the file
 *
 * and ends at the next blank line (or the end of the file). Expected rows are kept verbatim
 * (leading and trailing spaces are part of the value); the line `(empty)` stands for a row
 * that renders as the empty string, since a blank line would end the record.
 */
#include "slt_int.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#define SLT_MAX_LINES 1000000

typedef struct slt_lines {
    const char **items;
    int n;
} slt_lines;

/* Splits text into lines (without their \n or \r\n), owned by arena. */
static void slt_split_lines(const char *text, size_t len, em_arena *arena, slt_lines *out)
{
    int cap = 1;
    for (size_t pos = 0; pos < len; pos++)
        if (text[pos] == '\n')
            cap++;
    out->items = em_arena_alloc(arena, (size_t)cap * sizeof *out->items);
    out->n = 0;
    size_t start = 0;
    for (size_t pos = 0; pos <= len; pos++) {
        if (pos == len || text[pos] == '\n') {
            size_t end = pos;
            if (end > start && text[end - 1] == '\r')
                end--;
            if (pos < len || end > start)
                out->items[out->n++] = em_arena_strndup(arena, text + start, end - start);
            start = pos + 1;
        }
    }
}

static bool slt_blank(const char *line)
{
    for (; *line; line++)
        if (!isspace((unsigned char)*line))
            return false;
    return true;
}

/* Splits a header line into at most max words (owned by arena); returns the count. */
static int slt_words(const char *line, em_arena *arena, const char **words, int max)
{
    int n = 0;
    const char *p = line;
    while (*p && n < max) {
        while (*p == ' ' || *p == '\t')
            p++;
        if (!*p)
            break;
        const char *start = p;
        while (*p && *p != ' ' && *p != '\t')
            p++;
        words[n++] = em_arena_strndup(arena, start, (size_t)(p - start));
    }
    return n;
}

/* The text after the first `skip` words of line (leading blanks dropped). */
static const char *slt_rest(const char *line, int skip)
{
    const char *p = line;
    for (int w = 0; w < skip; w++) {
        while (*p == ' ' || *p == '\t')
            p++;
        while (*p && *p != ' ' && *p != '\t')
            p++;
    }
    while (*p == ' ' || *p == '\t')
        p++;
    return p;
}

static bool slt_valid_types(const char *t)
{
    for (; *t; t++)
        if (!strchr("ITRBD?", *t))
            return false;
    return true;
}

/* Joins lines [from, to) with \n and drops a trailing `;` (and blanks around it). */
static const char *slt_join_sql(const slt_lines *l, int from, int to, em_arena *arena)
{
    em_str s;
    em_str_init(&s, 0);
    for (int idx = from; idx < to; idx++) {
        if (idx > from)
            em_str_putc(&s, '\n');
        em_str_puts(&s, l->items[idx]);
    }
    size_t n = s.len;
    while (n > 0 && isspace((unsigned char)s.data[n - 1]))
        n--;
    if (n > 0 && s.data[n - 1] == ';')
        n--;
    while (n > 0 && isspace((unsigned char)s.data[n - 1]))
        n--;
    const char *r = em_arena_strndup(arena, s.data ? s.data : "", n);
    em_str_release(&s);
    return r;
}

int slt_parse(const char *text, size_t len, em_arena *arena, slt_file *out, char *errbuf,
              size_t errsize)
{
    slt_lines l;
    slt_split_lines(text, len, arena, &l);
    if (l.n > SLT_MAX_LINES) {
        snprintf(errbuf, errsize, "file has more than %d lines", SLT_MAX_LINES);
        return -1;
    }
    /* At most one record per line. */
    out->records = em_arena_calloc(arena, (size_t)l.n + 1, sizeof *out->records);
    out->n_records = 0;
    bool skip_next = false, skip_ember_next = false;
    int idx = 0;
    while (idx < l.n) {
        const char *line = l.items[idx];
        if (slt_blank(line) || line[0] == '#') {
            idx++;
            continue;
        }
        const char *w[4];
        int nw = slt_words(line, arena, w, 4);
        int header = idx + 1;
        if (strcmp(w[0], "skipif") == 0 || strcmp(w[0], "onlyif") == 0) {
            if (nw < 2) {
                snprintf(errbuf, errsize, "line %d: %s needs an engine name", header, w[0]);
                return -1;
            }
            bool is_ember = strcmp(w[1], "ember") == 0;
            if ((w[0][0] == 's') == is_ember)
                skip_next = true;
            if (w[0][0] == 's' && is_ember)
                skip_ember_next = true;
            idx++;
            continue;
        }
        if (strcmp(w[0], "halt") == 0)
            break;
        slt_record *r = &out->records[out->n_records];
        memset(r, 0, sizeof *r);
        r->line = header;
        r->skip = skip_next;
        r->skip_ember = skip_ember_next;
        r->n_cols = -1;
        r->status = ST_SKIP; /* until a run sets it */
        skip_next = skip_ember_next = false;
        if (strcmp(w[0], "set") == 0) {
            if (nw < 3) {
                snprintf(errbuf, errsize, "line %d: set needs a key and a value", header);
                return -1;
            }
            r->kind = SLT_SET;
            r->arg = w[1];
            r->arg2 = em_arena_strdup(arena, slt_rest(line, 2));
            out->n_records++;
            idx++;
            continue;
        }
        bool is_query = strcmp(w[0], "query") == 0;
        if (strcmp(w[0], "statement") == 0 && nw >= 2 && strcmp(w[1], "ok") == 0) {
            r->kind = SLT_STATEMENT_OK;
        } else if ((is_query || strcmp(w[0], "statement") == 0) && nw >= 2 &&
                   strcmp(w[1], "error") == 0) {
            r->kind = is_query ? SLT_QUERY_ERROR : SLT_STATEMENT_ERROR;
            r->arg = nw >= 3 ? w[2] : NULL;
        } else if (is_query && nw >= 2) {
            r->kind = SLT_QUERY;
            if (isdigit((unsigned char)w[1][0])) {
                r->n_cols = 0;
                for (const char *d = w[1]; *d; d++) {
                    if (!isdigit((unsigned char)*d) || r->n_cols > 10000) {
                        snprintf(errbuf, errsize, "line %d: bad column count %s", header, w[1]);
                        return -1;
                    }
                    r->n_cols = r->n_cols * 10 + (*d - '0');
                }
            } else if (slt_valid_types(w[1])) {
                r->types = w[1];
                r->n_cols = (int)strlen(w[1]);
            } else {
                snprintf(errbuf, errsize, "line %d: bad column types %s (letters ITRBD?)", header,
                         w[1]);
                return -1;
            }
            if (nw >= 3 && strcmp(w[2], "rowsort") == 0) {
                r->sort = SLT_ROWSORT;
            } else if (nw >= 3 && strcmp(w[2], "nosort") != 0) {
                snprintf(errbuf, errsize, "line %d: unknown sort mode %s", header, w[2]);
                return -1;
            }
        } else {
            snprintf(errbuf, errsize, "line %d: unknown record header: %s", header, line);
            return -1;
        }
        /* The body: SQL lines up to a blank line (or `----` for queries). */
        int start = ++idx;
        while (idx < l.n && !slt_blank(l.items[idx]) &&
               !(r->kind == SLT_QUERY && strcmp(l.items[idx], "----") == 0))
            idx++;
        if (idx == start) {
            snprintf(errbuf, errsize, "line %d: record without SQL", header);
            return -1;
        }
        r->sql = slt_join_sql(&l, start, idx, arena);
        if (r->kind == SLT_QUERY && idx < l.n && strcmp(l.items[idx], "----") == 0) {
            int first = ++idx;
            while (idx < l.n && !slt_blank(l.items[idx]))
                idx++;
            r->n_rows = idx - first;
            r->rows = em_arena_alloc(arena, ((size_t)r->n_rows + 1) * sizeof *r->rows);
            for (int row = 0; row < r->n_rows; row++) {
                const char *v = l.items[first + row];
                r->rows[row] = strcmp(v, "(empty)") == 0 ? "" : v;
            }
        }
        out->n_records++;
    }
    return 0;
}
