/*
 * tpcds_test: TPC-DS acceptance through the real protocol. Starts a fresh `ember serve --port 0`,
 * creates the 24 TPC-DS tables as EMPTY temporary views (schema.sql: no catalog support
 * needed), then runs each of the 103 query files of the benchmark folder the way PySpark's
 * spark.sql(q).collect() does and requires it to succeed with the column count of Spark's
 * result schema (expected.txt, taken from Spark's own TPC-DS golden results). A different
 * schema string with the right count is reported, not failed.
 *
 * excluded.txt lists the queries that cannot pass yet, one `name<TAB>reason` a line: they are
 * run and reported, a failure of theirs is expected, and one that passes is printed so the
 * list can shrink. Any other failure fails the test. Exit status 0 = every non-excluded query
 * passed, 1 = a failure, 2 = usage or setup error.
 *
 * usage: tpcds_test --ember PATH --queries DIR --schema FILE --expected FILE --excluded FILE
 *                   [--only NAME] [--verbose]
 */
#include <dirent.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/em_arena.h"
#include "common/em_mem.h"
#include "common/em_str.h"
#include "st_int.h"
#include "wire/wire.h"

#define TPCDS_MAX_QUERIES 256
#define TPCDS_MAX_FILE    (1 << 20)
#define TPCDS_TIMEOUT_MS  120000

typedef struct tpcds_entry {
    char name[32];
    const char *text; /* expected.txt: the schema string or a column count; excluded.txt: reason */
} tpcds_entry;

typedef struct tpcds_list {
    int n;
    tpcds_entry items[TPCDS_MAX_QUERIES];
} tpcds_list;

/* The next line of *cursor (NUL-terminated in place), or NULL at the end. */
static char *tpcds_next_line(char **cursor)
{
    char *line = *cursor;
    if (!line || !*line)
        return NULL;
    char *nl = strchr(line, '\n');
    if (nl) {
        *nl = '\0';
        *cursor = nl + 1;
    } else {
        *cursor = line + strlen(line);
    }
    return line;
}

/* Reads `name<TAB>text` lines ('#' comments and blank lines skipped) into l. 0 or -1. */
static int tpcds_list_read(const char *path, em_arena *a, tpcds_list *l)
{
    size_t len;
    char *buf = st_read_file(path, TPCDS_MAX_FILE, &len);
    if (!buf)
        return -1;
    l->n = 0;
    char *cursor = buf;
    for (char *line = tpcds_next_line(&cursor); line; line = tpcds_next_line(&cursor)) {
        if (line[0] == '#' || line[0] == '\0')
            continue;
        char *tab = strchr(line, '\t');
        if (!tab || l->n == TPCDS_MAX_QUERIES || (size_t)(tab - line) >= sizeof l->items[0].name)
            continue;
        tpcds_entry *e = &l->items[l->n++];
        memcpy(e->name, line, (size_t)(tab - line));
        e->name[tab - line] = '\0';
        e->text = em_arena_strdup(a, tab + 1);
    }
    em_free(buf);
    return 0;
}

static const tpcds_entry *tpcds_list_find(const tpcds_list *l, const char *name)
{
    for (int idx = 0; idx < l->n; idx++)
        if (strcmp(l->items[idx].name, name) == 0)
            return &l->items[idx];
    return NULL;
}

/* Top-level fields of a catalogString "struct<a:int,b:decimal(7,2),c:struct<x:int>>". */
static int tpcds_struct_fields(const char *s)
{
    if (strncmp(s, "struct<", 7) != 0)
        return atoi(s); /* a bare column count */
    const char *p = s + 7;
    if (*p == '>')
        return 0;
    int depth = 0, n = 1;
    for (; *p; p++) {
        if (*p == '<' || *p == '(')
            depth++;
        else if (*p == '>' || *p == ')')
            depth--;
        else if (*p == ',' && depth == 0)
            n++;
    }
    return n;
}

static int tpcds_cmp_names(const void *x, const void *y)
{
    const char *a = *(const char *const *)x, *b = *(const char *const *)y;
    /* q1 < q2 < q10 < q14a < q14b: by number, then suffix. */
    long na = strtol(a + 1, NULL, 10), nb = strtol(b + 1, NULL, 10);
    return na != nb ? (na < nb ? -1 : 1) : strcmp(a, b);
}

/* Runs the statements of schema.sql (each ends with ';' at the end of a line). 0 or -1. */
static int tpcds_setup(st_session *sess, const char *path, em_arena *a)
{
    size_t len;
    char *buf = st_read_file(path, TPCDS_MAX_FILE, &len);
    if (!buf) {
        fprintf(stderr, "tpcds: cannot read %s\n", path);
        return -1;
    }
    int rc = 0;
    em_str stmt;
    em_str_init(&stmt, 0);
    char *cursor = buf;
    for (char *line = tpcds_next_line(&cursor); line && rc == 0; line = tpcds_next_line(&cursor)) {
        if (strncmp(line, "--", 2) == 0)
            continue;
        size_t ll = strlen(line);
        bool last = ll && line[ll - 1] == ';';
        em_str_append(&stmt, line, last ? ll - 1 : ll);
        em_str_putc(&stmt, '\n');
        if (!last)
            continue;
        st_outcome o;
        st_session_sql(sess, stmt.data, a, &o);
        if (!o.ok) {
            fprintf(stderr, "tpcds: setup statement failed: %s: %s\n%s\n",
                    o.error_class ? o.error_class : "?", o.message ? o.message : "", stmt.data);
            rc = -1;
        }
        st_outcome_release(&o);
        em_str_reset(&stmt);
    }
    em_str_release(&stmt);
    em_free(buf);
    return rc;
}

typedef struct tpcds_opts {
    const char *ember, *queries, *schema, *expected, *excluded, *only;
    bool verbose;
} tpcds_opts;

static int tpcds_parse_args(int argc, char **argv, tpcds_opts *o)
{
    memset(o, 0, sizeof *o);
    for (int idx = 1; idx < argc; idx++) {
        const char *k = argv[idx];
        if (strcmp(k, "--verbose") == 0) {
            o->verbose = true;
            continue;
        }
        if (idx + 1 >= argc)
            return -1;
        const char *v = argv[++idx];
        if (strcmp(k, "--ember") == 0)
            o->ember = v;
        else if (strcmp(k, "--queries") == 0)
            o->queries = v;
        else if (strcmp(k, "--schema") == 0)
            o->schema = v;
        else if (strcmp(k, "--expected") == 0)
            o->expected = v;
        else if (strcmp(k, "--excluded") == 0)
            o->excluded = v;
        else if (strcmp(k, "--only") == 0)
            o->only = v;
        else
            return -1;
    }
    return o->ember && o->queries && o->schema && o->expected && o->excluded ? 0 : -1;
}

/* The query names (file names without .sql) of dir, sorted; owned by arena. */
static int tpcds_list_queries(const char *dir, em_arena *a, char **names, int *n)
{
    DIR *d = opendir(dir);
    if (!d)
        return -1;
    *n = 0;
    struct dirent *de;
    while ((de = readdir(d)) && *n < TPCDS_MAX_QUERIES) {
        size_t l = strlen(de->d_name);
        if (l > 4 && strcmp(de->d_name + l - 4, ".sql") == 0 && l - 4 < 32)
            names[(*n)++] = em_arena_strndup(a, de->d_name, l - 4);
    }
    closedir(d);
    qsort(names, (size_t)*n, sizeof *names, tpcds_cmp_names);
    return 0;
}

static int tpcds_run(const tpcds_opts *o, st_session *sess, em_arena *a)
{
    tpcds_list expected, excluded;
    char *names[TPCDS_MAX_QUERIES];
    int n_names = 0;
    if (tpcds_list_read(o->expected, a, &expected) || tpcds_list_read(o->excluded, a, &excluded) ||
        tpcds_list_queries(o->queries, a, names, &n_names)) {
        fprintf(stderr, "tpcds: cannot read the expected / excluded lists or %s\n", o->queries);
        return 2;
    }
    if (tpcds_setup(sess, o->schema, a))
        return 2;
    int n_pass = 0, n_fail = 0, n_excl = 0, n_schema_diff = 0;
    for (int q = 0; q < n_names; q++) {
        if (o->only && strcmp(o->only, names[q]) != 0)
            continue;
        const tpcds_entry *want = tpcds_list_find(&expected, names[q]);
        const tpcds_entry *excl = tpcds_list_find(&excluded, names[q]);
        char *path = em_arena_printf(a, "%s/%s.sql", o->queries, names[q]);
        size_t len;
        char *sql = st_read_file(path, TPCDS_MAX_FILE, &len);
        char why[512] = "";
        if (!sql) {
            snprintf(why, sizeof why, "cannot read %s", path);
        } else if (!want) {
            snprintf(why, sizeof why, "no expected schema in %s", o->expected);
        } else {
            st_outcome out;
            st_session_sql(sess, sql, a, &out);
            if (!out.ok)
                snprintf(why, sizeof why, "%s: %.400s", out.error_class ? out.error_class : "ERROR",
                         out.message ? out.message : "");
            else if (!out.has_rows || !out.schema_string)
                snprintf(why, sizeof why, "no result relation");
            else if (tpcds_struct_fields(out.schema_string) != tpcds_struct_fields(want->text))
                snprintf(why, sizeof why, "%d columns, want %d: %s",
                         tpcds_struct_fields(out.schema_string), tpcds_struct_fields(want->text),
                         out.schema_string);
            else if (strncmp(want->text, "struct<", 7) == 0 &&
                     strcmp(out.schema_string, want->text) != 0) {
                n_schema_diff++;
                if (o->verbose)
                    printf("%-5s schema differs:\n      got  %s\n      want %s\n", names[q],
                           out.schema_string, want->text);
            }
            st_outcome_release(&out);
        }
        em_free(sql);
        bool ok = why[0] == '\0';
        if (ok && excl) {
            printf("%-5s PASS (listed in excluded.txt: remove it)\n", names[q]);
            n_pass++;
        } else if (ok) {
            n_pass++;
            if (o->verbose)
                printf("%-5s PASS\n", names[q]);
        } else if (excl) {
            n_excl++;
            if (o->verbose)
                printf("%-5s excluded (%s): %s\n", names[q], excl->text, why);
        } else {
            n_fail++;
            printf("%-5s FAIL %s\n", names[q], why);
        }
    }
    printf("%d passed, %d failed, %d skipped (excluded); %d with another schema string\n", n_pass,
           n_fail, n_excl, n_schema_diff);
    return n_fail ? 1 : 0;
}

int main(int argc, char **argv)
{
    tpcds_opts o;
    if (tpcds_parse_args(argc, argv, &o)) {
        fprintf(stderr, "usage: tpcds_test --ember PATH --queries DIR --schema FILE "
                        "--expected FILE --excluded FILE [--only NAME] [--verbose]\n");
        return 2;
    }
    signal(SIGPIPE, SIG_IGN);
    wire_init();
    char errbuf[512];
    ts_server server;
    int rc = 2;
    if (ts_server_init(&server, o.ember, "ember-tpcds", errbuf, sizeof errbuf)) {
        fprintf(stderr, "tpcds: %s\n", errbuf);
        wire_shutdown();
        return 2;
    }
    server.tz = "America/Los_Angeles";
    if (ts_server_start(&server, 30000, errbuf, sizeof errbuf)) {
        ts_server_cleanup(&server);
        fprintf(stderr, "tpcds: %s\n", errbuf);
        wire_shutdown();
        return 2;
    }
    st_client client;
    if (st_client_open(&client, server.target, TPCDS_TIMEOUT_MS, errbuf, sizeof errbuf) == 0) {
        st_session sess;
        st_session_init(&sess, &client);
        em_arena arena;
        em_arena_init(&arena, 0);
        rc = tpcds_run(&o, &sess, &arena);
        em_arena_release(&arena);
        st_session_release(&sess);
        st_client_close(&client);
    } else {
        fprintf(stderr, "tpcds: %s\n", errbuf);
    }
    char how[128];
    if (ts_server_stop(&server, 30000, how, sizeof how) != 0) {
        fprintf(stderr, "tpcds: server did not stop cleanly: %s\n", how);
        rc = rc ? rc : 1;
    }
    ts_server_cleanup(&server);
    wire_shutdown();
    return rc;
}
