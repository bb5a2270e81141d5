/*
 * slt_run: running the records of one .test file in one fresh session (tests/slt/README.md).
 *
 * Each record is sent as PySpark 4's spark.sql(q).collect() sends it (st_session_sql): rows
 * are rendered as Spark's HiveResult prints them (st_format_rows, session time zone), errors
 * are judged by the errorClass of the status trailer (completed by FetchErrorDetails). The
 * session time zone the formatter uses follows `set spark.sql.session.timeZone` records and is
 * read back from the server after SQL SET / RESET statements.
 *
 * A transport failure (the server is gone, or the call was cancelled) fails the rest of the
 * file and is reported to the caller, which restarts a managed server.
 */
#include "slt_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "common/em_mem.h"
#include "wire/wire.h"

#define SLT_DEFAULT_TZ "America/Los_Angeles"

typedef struct slt_ctx {
    const char *name;
    const slt_opts *opts;
    st_session *session;
    char tz[128];
    bool tz_dirty;
    st_binary_style binary;
    em_arena *arena;
    bool quiet; /* running a `skipif ember` record under --run-skipped: failures are silent */
} slt_ctx;

static void slt_fail(slt_ctx *c, const slt_record *r, const char *fmt, const char *a, const char *b)
{
    if (c->quiet)
        return;
    fprintf(stdout, "%s:%d: FAIL ", c->name, r->line);
    fprintf(stdout, fmt, a ? a : "", b ? b : "");
    fprintf(stdout, "\n");
    if (c->opts->verbose) {
        const char *nl = strchr(r->sql ? r->sql : "", '\n');
        fprintf(stdout, "    sql: %.*s%s\n", nl ? (int)(nl - r->sql) : 200, r->sql ? r->sql : "",
                nl ? " ..." : "");
    }
}

/* The first word of sql is SET or RESET (session confs may have changed). */
static bool slt_is_set(const char *sql)
{
    while (*sql == ' ' || *sql == '\n' || *sql == '\t')
        sql++;
    return strncasecmp(sql, "SET", 3) == 0 || strncasecmp(sql, "RESET", 5) == 0;
}

static void slt_refresh_confs(slt_ctx *c)
{
    char *v = NULL;
    if (st_session_get_conf(c->session, "spark.sql.session.timeZone", &v) == 0 && v)
        snprintf(c->tz, sizeof c->tz, "%s", v);
    em_free(v);
    v = NULL;
    if (st_session_get_conf(c->session, "spark.sql.binaryOutputStyle", &v) == 0)
        c->binary = st_binary_style_parse(v);
    em_free(v);
    c->tz_dirty = false;
}

/* True when the call failed below the SQL level: nothing answered, or the stream broke. */
static bool slt_transport_failure(const st_outcome *o)
{
    return !o->ok && !o->error_class && !o->timed_out &&
           (o->grpc_code == WIRE_STATUS_UNAVAILABLE || o->grpc_code == WIRE_STATUS_CANCELLED ||
            o->grpc_code < 0);
}

/* Whether a result column's type fits a type letter. */
static bool slt_type_fits(char letter, const ty *t)
{
    switch (letter) {
    case 'I':
        return t->kind == TY_BYTE || t->kind == TY_SHORT || t->kind == TY_INT || t->kind == TY_LONG;
    case 'R':
        return t->kind == TY_FLOAT || t->kind == TY_DOUBLE || t->kind == TY_DECIMAL;
    case 'T':
        return t->kind == TY_STRING || t->kind == TY_CHAR || t->kind == TY_VARCHAR;
    case 'B':
        return t->kind == TY_BOOLEAN;
    case 'D':
        return t->kind == TY_DATE || t->kind == TY_TIMESTAMP || t->kind == TY_TIMESTAMP_NTZ;
    default:
        return true;
    }
}

static int slt_strcmp_p(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Prints expected and actual rows side by side (verbose failures). */
static void slt_print_rows(const slt_record *r, char **rows, int64_t n_rows)
{
    fprintf(stdout, "    expected (%d rows):\n", r->n_rows);
    for (int idx = 0; idx < r->n_rows && idx < 20; idx++)
        fprintf(stdout, "      %s\n", r->rows[idx][0] ? r->rows[idx] : "(empty)");
    fprintf(stdout, "    actual (%lld rows):\n", (long long)n_rows);
    for (int64_t idx = 0; idx < n_rows && idx < 20; idx++)
        fprintf(stdout, "      %s\n", rows[idx][0] ? rows[idx] : "(empty)");
}

/*
 * A rendered row that contains line breaks becomes one expected line per piece, as Spark's
 * golden files and documented examples show such values (rows joined with \n). The pieces
 * are owned by the context's arena.
 */
static void slt_split_rows(slt_ctx *c, char ***rows, int64_t *n_rows)
{
    int64_t n_lines = 0;
    for (int64_t idx = 0; idx < *n_rows; idx++) {
        n_lines++;
        for (const char *p = (*rows)[idx]; *p; p++)
            n_lines += *p == '\n';
    }
    if (n_lines == *n_rows)
        return;
    char **lines = em_arena_alloc(c->arena, (size_t)n_lines * sizeof *lines);
    int64_t at = 0;
    for (int64_t idx = 0; idx < *n_rows; idx++) {
        const char *start = (*rows)[idx];
        for (const char *nl; (nl = strchr(start, '\n')) != NULL; start = nl + 1)
            lines[at++] = em_arena_strndup(c->arena, start, (size_t)(nl - start));
        lines[at++] = (char *)start;
    }
    *rows = lines;
    *n_rows = n_lines;
}

/* Judges a successful query answer against r. Returns true when it passes. */
static bool slt_judge_rows(slt_ctx *c, const slt_record *r, const st_outcome *o)
{
    if (o->n_batches > 0 && !o->schema) {
        slt_fail(c, r, "cannot print result type %s%s", o->schema_string, NULL);
        return false;
    }
    int n_fields = o->schema && o->schema->kind == TY_STRUCT ? o->schema->n_fields : 0;
    if (r->n_cols >= 0 && o->schema && n_fields != r->n_cols) {
        char buf[64];
        snprintf(buf, sizeof buf, "%d columns, expected %d", n_fields, r->n_cols);
        slt_fail(c, r, "%s (%s)", buf, o->schema_string);
        return false;
    }
    for (int f = 0; r->types && o->schema && f < n_fields; f++) {
        if (!slt_type_fits(r->types[f], o->schema->fields[f].type)) {
            char buf[64];
            snprintf(buf, sizeof buf, "column %d does not fit type letter %c", f + 1, r->types[f]);
            slt_fail(c, r, "%s (%s)", buf, o->schema_string);
            return false;
        }
    }
    char **rows = NULL;
    int64_t n_rows = 0;
    if (o->schema) {
        if (c->tz_dirty)
            slt_refresh_confs(c);
        st_format_opts fo = {.tz = ty_tz_get(c->tz), .binary = c->binary};
        char errbuf[256] = "";
        if (st_format_rows(o->schema, o->batches, o->n_batches, ST_ROWS_PLAIN, &fo, c->arena, &rows,
                           &n_rows, errbuf, sizeof errbuf) != 0) {
            slt_fail(c, r, "cannot print the result: %s%s", errbuf, NULL);
            return false;
        }
        slt_split_rows(c, &rows, &n_rows);
    }
    const char **expected = r->rows;
    if (r->sort == SLT_ROWSORT) {
        expected = em_arena_alloc(c->arena, ((size_t)r->n_rows + 1) * sizeof *expected);
        memcpy(expected, r->rows, (size_t)r->n_rows * sizeof *expected);
        qsort(expected, (size_t)r->n_rows, sizeof *expected, slt_strcmp_p);
        if (n_rows > 1)
            qsort(rows, (size_t)n_rows, sizeof *rows, slt_strcmp_p);
    }
    bool same = n_rows == r->n_rows;
    for (int64_t idx = 0; same && idx < n_rows; idx++)
        same = strcmp(rows[idx], expected[idx]) == 0;
    if (!same) {
        if (n_rows != r->n_rows) {
            char buf[96];
            snprintf(buf, sizeof buf, "%lld rows, expected %d", (long long)n_rows, r->n_rows);
            slt_fail(c, r, "wrong result: %s%s", buf, NULL);
        } else {
            int64_t at = 0;
            while (strcmp(rows[at], expected[at]) == 0)
                at++;
            slt_fail(c, r, "wrong result: got [%s] expected [%s]", rows[at], expected[at]);
        }
        if (c->opts->verbose && !c->quiet)
            slt_print_rows(r, rows, n_rows);
        return false;
    }
    return true;
}

/* Runs one SQL record; returns ST_PASS / ST_FAIL; *gone set on a transport failure. */
static int slt_run_sql(slt_ctx *c, const slt_record *r, bool *gone)
{
    st_outcome o;
    st_session_sql(c->session, r->sql, c->arena, &o);
    if (slt_is_set(r->sql))
        c->tz_dirty = true;
    bool pass = false;
    if (slt_transport_failure(&o)) {
        *gone = true;
        slt_fail(c, r, "transport failure: %s%s", o.message, NULL);
    } else if (o.timed_out) {
        slt_fail(c, r, "timed out%s%s", NULL, NULL);
    } else if (r->kind == SLT_STATEMENT_ERROR || r->kind == SLT_QUERY_ERROR) {
        if (o.ok)
            slt_fail(c, r, "expected error %s, but it succeeded%s", r->arg ? r->arg : "(any)",
                     NULL);
        else if (r->arg && (!o.error_class || strcmp(o.error_class, r->arg) != 0))
            slt_fail(c, r, "wrong error %s: %s", o.error_class ? o.error_class : "(no class)",
                     o.message);
        else
            pass = true;
    } else if (!o.ok) {
        slt_fail(c, r, "error %s: %s", o.error_class ? o.error_class : "(no class)", o.message);
    } else if (r->kind == SLT_STATEMENT_OK) {
        pass = true;
    } else {
        pass = slt_judge_rows(c, r, &o);
    }
    st_outcome_release(&o);
    return pass ? ST_PASS : ST_FAIL;
}

void slt_run_file(st_client *client, const char *name, slt_file *f, const slt_opts *o,
                  slt_tally *tally)
{
    memset(tally, 0, sizeof *tally);
    st_session s;
    st_session_init(&s, client);
    em_arena arena;
    em_arena_init(&arena, 0);
    slt_ctx c = {.name = name, .opts = o, .session = &s, .arena = &arena, .tz = SLT_DEFAULT_TZ};
    char errbuf[512];
    st_conf tz = {"spark.sql.session.timeZone", SLT_DEFAULT_TZ};
    if (st_session_set_confs(&s, &tz, 1, errbuf, sizeof errbuf) != 0)
        fprintf(stdout, "%s: the session time zone was refused: %s\n", name, errbuf);
    bool gone = false;
    for (int idx = 0; idx < f->n_records; idx++) {
        slt_record *r = &f->records[idx];
        if (gone) {
            r->status = ST_FAIL;
            tally->n_fail++;
            continue;
        }
        if (r->skip && !(o->run_skipped && r->skip_ember)) {
            r->status = ST_SKIP;
            tally->n_skip++;
            continue;
        }
        c.quiet = r->skip;
        int status;
        if (r->kind == SLT_SET) {
            st_conf conf = {r->arg, r->arg2};
            status = ST_PASS;
            if (st_session_set_confs(&s, &conf, 1, errbuf, sizeof errbuf) != 0) {
                slt_fail(&c, r, "set refused: %s%s", errbuf, NULL);
                status = ST_FAIL;
            }
            c.tz_dirty = true;
        } else {
            status = slt_run_sql(&c, r, &gone);
        }
        if (r->skip) {
            /* --run-skipped: a skipped record counts as skipped whatever it gives. */
            r->status = ST_SKIP;
            tally->n_skip++;
            if (status == ST_PASS) {
                tally->n_skip_pass++;
                fprintf(stdout, "%s:%d: SKIPPED BUT PASSES\n", name, r->line);
            }
            em_arena_reset(&arena);
            continue;
        }
        r->status = status;
        if (status == ST_PASS)
            tally->n_pass++;
        else
            tally->n_fail++;
        /* Rendered rows of earlier records are not needed any more. */
        em_arena_reset(&arena);
    }
    tally->crashed = gone;
    if (!gone)
        st_session_release(&s);
    em_arena_release(&arena);
}
