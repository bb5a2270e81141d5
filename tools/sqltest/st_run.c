/*
 * st_run: running one golden file, and the server around it.
 *
 * For each input file (test-tables/README.md "Other preconditions set by SQLQueryTestSuite"):
 * one fresh session per config combination; session confs in Spark's order (the suite's base
 * confs, ANSI per folder, the folder's extras, the file's --SET, the combination's
 * --CONFIG_DIM confs); for postgreSQL/ the suite's helper functions booleq/boolne/vol as SQL
 * functions; for pipe-operators.sql the empty TPC-DS tables of setup-tpcds.sql; then every
 * statement in order, each judged against its golden block; then the session is released
 * and, on a managed server, the catalog is cleaned (databases, tables and views the file left
 * behind, except the suite's own tables), so that each file starts from the same catalog.
 *
 * Files the suite runs with test functions we do not have (udf/, udaf/, udtf/: Scala and
 * Python UDFs) and files whose name contains "ignored.sql" are skipped with a reason.
 *
 * A server crash fails the rest of the combination ("sqltest: SERVER_CRASHED"), prints the
 * sanitizer report from the log and restarts the managed server (at most ST_MAX_STARTS
 * times); a query past the deadline fails with "sqltest: TIMEOUT", and after
 * ST_MAX_TIMEOUTS timeouts in one file the rest of the file fails without being sent.
 */
#include "st_int.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "common/em_mem.h"
#include "wire/wire.h"

#define ST_MAX_STARTS       25
#define ST_MAX_TIMEOUTS     3
#define ST_START_TIMEOUT_MS 120000
#define ST_STOP_TIMEOUT_MS  30000
#define ST_MAX_FILE         ((size_t)64 << 20)

/* ---------------------------------------------------------------------------------------- */
/* bookkeeping */

void st_run_add_case(st_run *run, const char *id, int status, const char *reason,
                     const char *detail)
{
    if (run->n_cases == run->cap_cases) {
        run->cap_cases = run->cap_cases ? run->cap_cases * 2 : 1024;
        run->cases = em_realloc(run->cases, run->cap_cases * sizeof *run->cases);
    }
    st_case *c = &run->cases[run->n_cases++];
    c->id = em_strdup(id);
    c->status = status;
    c->reason = reason ? em_strdup(reason) : NULL;
    c->detail = detail ? em_strdup(detail) : NULL;
}

static st_file_stat *st_run_file_stat(st_run *run, const char *rel)
{
    if (run->n_files == run->cap_files) {
        run->cap_files = run->cap_files ? run->cap_files * 2 : 256;
        run->files = em_realloc(run->files, run->cap_files * sizeof *run->files);
    }
    st_file_stat *f = &run->files[run->n_files++];
    memset(f, 0, sizeof *f);
    f->path = em_strdup(rel);
    return f;
}

/* ---------------------------------------------------------------------------------------- */
/* server lifecycle */

static int st_run_connect(st_run *run)
{
    if (run->connected) {
        st_client_close(&run->client);
        run->connected = false;
    }
    char errbuf[512];
    if (st_client_open(&run->client, run->target, run->opts.timeout_s * 1000, errbuf,
                       sizeof errbuf) != 0) {
        fprintf(stderr, "ember-sqltest: %s\n", errbuf);
        return -1;
    }
    run->connected = true;
    return 0;
}

/* Runs statements of a setup file in session s; failures are reported when verbose. Names
 * of created tables go to `created` (nullable). */
static const char *st_detail_key(const st_outcome *o, em_arena *a);
static const char *st_created_name(const char *sql, em_arena *a);

static void st_run_script(st_run *run, st_session *s, const char *path, st_idset *created)
{
    size_t len;
    char *text = st_read_file(path, ST_MAX_FILE, &len);
    if (!text)
        return;
    char abs[PATH_MAX];
    const char *dir = realpath(run->tables_dir, abs) ? abs : run->tables_dir;
    em_str esc, body;
    em_str_init(&esc, 0);
    em_str_init(&body, 0);
    for (const char *p = dir; *p; p++) {
        if (*p == '\'' || *p == '\\')
            em_str_putc(&esc, '\\');
        em_str_putc(&esc, *p);
    }
    em_str_putc(&esc, '\0');
    for (const char *p = text; *p;) {
        if (strncmp(p, "${TEST_TABLES}", 14) == 0) {
            em_str_puts(&body, esc.data);
            p += 14;
        } else {
            em_str_putc(&body, *p++);
        }
    }
    em_free(text);
    em_arena arena;
    em_arena_init(&arena, 0);
    st_input in;
    st_input_parse(body.data ? body.data : "", body.len, run->inputs_dir, &arena, &in);
    int n_failed = 0;
    for (int q = 0; q < in.n_queries; q++) {
        const char *sql = in.queries[q];
        const char *name = created ? st_created_name(sql, &arena) : NULL;
        if (name)
            st_idset_add(created, name);
        st_outcome o;
        st_session_sql(s, sql, &arena, &o);
        if (!o.ok) {
            n_failed++;
            if (name)
                st_stats_add(&run->setup_fails, name, st_detail_key(&o, &arena));
            if (run->opts.verbose)
                fprintf(stdout, "  setup: %.60s...: %s %s\n", sql,
                        o.error_class ? o.error_class : "", o.message ? o.message : "");
        }
        st_outcome_release(&o);
    }
    if (n_failed)
        fprintf(stdout, "setup %s: %d of %d statements failed (queries needing them will fail)\n",
                path, n_failed, in.n_queries);
    em_arena_release(&arena);
    em_str_release(&esc);
    em_str_release(&body);
}

static void st_run_setup_tables(st_run *run)
{
    em_str path;
    em_str_init(&path, 0);
    em_str_printf(&path, "%s/setup.sql", run->tables_dir);
    if (access(path.data, R_OK) == 0) {
        st_session s;
        st_session_init(&s, &run->client);
        char errbuf[256];
        st_conf tz = {"spark.sql.session.timeZone", "America/Los_Angeles"};
        st_session_set_confs(&s, &tz, 1, errbuf, sizeof errbuf);
        st_run_script(run, &s, path.data, &run->keep_tables);
        st_session_release(&s);
    }
    em_str_release(&path);
}

int st_run_start(st_run *run)
{
    char errbuf[1024];
    if (run->managed) {
        if (ts_server_start(&run->server, ST_START_TIMEOUT_MS, errbuf, sizeof errbuf) != 0) {
            fprintf(stderr, "ember-sqltest: %s\n", errbuf);
            return -1;
        }
        snprintf(run->target, sizeof run->target, "%s", run->server.target);
    }
    if (st_run_connect(run) != 0)
        return -1;
    st_run_setup_tables(run);
    return 0;
}

int st_run_stop(st_run *run)
{
    if (run->connected) {
        st_client_close(&run->client);
        run->connected = false;
    }
    if (!run->managed || run->server.pid <= 0)
        return 0;
    char how[256];
    int rc = ts_server_stop(&run->server, ST_STOP_TIMEOUT_MS, how, sizeof how);
    if (rc != 0) {
        em_str ex;
        em_str_init(&ex, 0);
        ts_server_log_excerpt(&run->server, 0, 30, &ex);
        fprintf(stdout, "SERVER STOP: the server %s\n%s", how, ex.data ? ex.data : "");
        em_str_release(&ex);
        return -1;
    }
    return 0;
}

/* After a failed call: true when the managed server is gone (it is then restarted if
 * possible; run->gave_up is set when not). */
static bool st_run_crashed(st_run *run, const char *where)
{
    if (!run->managed)
        return false;
    char how[256];
    /* The connection can drop a moment before the process is gone: look for up to 2 s. */
    bool died = false;
    for (int waited = 0; waited < 2000 && !(died = ts_server_died(&run->server, how, sizeof how));
         waited += 20)
        usleep(20000);
    if (!died)
        return false;
    run->n_crashes++;
    em_str ex;
    em_str_init(&ex, 0);
    ts_server_log_excerpt(&run->server, 0, 40, &ex);
    fprintf(stdout, "SERVER CRASH at %s: the server %s\n%s", where, how, ex.data ? ex.data : "");
    em_str_release(&ex);
    if (run->server.n_starts >= ST_MAX_STARTS || st_run_start(run) != 0) {
        fprintf(stdout, "ember-sqltest: no server any more; the remaining files fail\n");
        run->gave_up = true;
    }
    return true;
}

/* ---------------------------------------------------------------------------------------- */
/* one file */

static const char *const st_pg_functions[] = {
    "CREATE TEMPORARY FUNCTION booleq(a BOOLEAN, b BOOLEAN) RETURNS BOOLEAN RETURN a = b",
    "CREATE TEMPORARY FUNCTION boolne(a BOOLEAN, b BOOLEAN) RETURNS BOOLEAN RETURN a <> b",
    "CREATE TEMPORARY FUNCTION vol(s STRING) RETURNS STRING RETURN s",
};

static bool st_is_word_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

static bool st_prefix(const char *s, const char *p)
{
    return strncmp(s, p, strlen(p)) == 0;
}

static const char *st_basename(const char *p)
{
    const char *slash = strrchr(p, '/');
    return slash ? slash + 1 : p;
}

/* Why SQLQueryTestSuite-equivalent running of this file is impossible here, or NULL. */
static const char *st_skip_reason(const char *rel)
{
    if (strstr(st_basename(rel), "ignored.sql"))
        return "ignored by Spark's suite";
    if (st_prefix(rel, "udf/"))
        return "needs the suite's test UDF udf() (Scala/Python)";
    if (st_prefix(rel, "udaf/"))
        return "needs the suite's pandas UDAF udaf()";
    if (st_prefix(rel, "udtf/"))
        return "needs the suite's Python UDTFs";
    return NULL;
}

typedef struct st_confs_acc {
    st_conf *items;
    int n, cap;
} st_confs_acc;

static void st_confs_push(st_confs_acc *a, const char *k, const char *v)
{
    if (a->n == a->cap) {
        a->cap = a->cap ? a->cap * 2 : 16;
        a->items = em_realloc(a->items, (size_t)a->cap * sizeof *a->items);
    }
    a->items[a->n].key = k;
    a->items[a->n].value = v;
    a->n++;
}

static void st_confs_push_list(st_confs_acc *a, const st_conf_list *l)
{
    for (int idx = 0; idx < l->n; idx++)
        st_confs_push(a, l->items[idx].key, l->items[idx].value);
}

/* The last value the runner set for key, or dflt. */
static const char *st_confs_value(const st_confs_acc *a, const char *key, const char *dflt)
{
    for (int idx = a->n - 1; idx >= 0; idx--)
        if (strcmp(a->items[idx].key, key) == 0)
            return a->items[idx].value;
    return dflt;
}

/* Session confs for a file, in the order the suite applies them. */
static void st_file_confs(const char *rel, const st_input *in, const st_combo *combo,
                          st_confs_acc *out)
{
    st_confs_push(out, "spark.sql.session.timeZone", "America/Los_Angeles");
    st_confs_push(out, "spark.sql.shuffle.partitions", "4");
    st_confs_push(out, "spark.sql.datetime.java8API.enabled", "true");
    if (st_prefix(rel, "nonansi/"))
        st_confs_push(out, "spark.sql.ansi.enabled", "false");
    else if (!st_prefix(rel, "timestampNTZ/"))
        st_confs_push(out, "spark.sql.ansi.enabled", "true");
    if (st_prefix(rel, "postgreSQL/") || st_prefix(rel, "udf/postgreSQL/"))
        st_confs_push(out, "spark.sql.legacy.interval.enabled", "true");
    if (st_prefix(rel, "timestampNTZ/"))
        st_confs_push(out, "spark.sql.timestampType", "TIMESTAMP_NTZ");
    st_confs_push_list(out, &in->sets);
    st_confs_push_list(out, &combo->confs);
}

static bool st_type_has(const ty *t, ty_kind k)
{
    if (!t)
        return false;
    if (t->kind == k)
        return true;
    switch (t->kind) {
    case TY_ARRAY:
        return st_type_has(t->elem, k);
    case TY_MAP:
        return st_type_has(t->key, k) || st_type_has(t->value, k);
    case TY_STRUCT:
        for (int f = 0; f < t->n_fields; f++)
            if (st_type_has(t->fields[f].type, k))
                return true;
        return false;
    default:
        return false;
    }
}

/* Per-session values the formatter needs, read from the server when a result needs them. */
typedef struct st_sess_fmt {
    bool dirty;
    char tz_name[128];
    st_binary_style binary;
} st_sess_fmt;

static void st_refresh_fmt(st_session *s, st_sess_fmt *f, const st_confs_acc *confs)
{
    char *v = NULL;
    if (st_session_get_conf(s, "spark.sql.session.timeZone", &v) == 0 && v)
        snprintf(f->tz_name, sizeof f->tz_name, "%s", v);
    else
        snprintf(f->tz_name, sizeof f->tz_name, "%s",
                 st_confs_value(confs, "spark.sql.session.timeZone", "America/Los_Angeles"));
    em_free(v);
    v = NULL;
    if (st_session_get_conf(s, "spark.sql.binaryOutputStyle", &v) == 0)
        f->binary = st_binary_style_parse(v);
    else
        f->binary =
            st_binary_style_parse(st_confs_value(confs, "spark.sql.binaryOutputStyle", NULL));
    em_free(v);
    f->dirty = false;
}

/* First word of a statement is SET or RESET: session confs may have changed. */
static bool st_changes_confs(const char *sql)
{
    while (*sql == ' ' || *sql == '\n' || *sql == '\t')
        sql++;
    return strncasecmp(sql, "SET", 3) == 0 || strncasecmp(sql, "RESET", 5) == 0 ||
           strncasecmp(sql, "USE", 3) == 0;
}

/* "CLASS first-parameter" for the detail table. */
static const char *st_detail_key(const st_outcome *o, em_arena *a)
{
    const char *cls = o->error_class ? o->error_class : (o->jvm_class ? o->jvm_class : "?");
    const st_json *p = NULL;
    if (o->params_json && st_json_parse(o->params_json, strlen(o->params_json), a, &p) == 0 &&
        p->kind == ST_JSON_OBJECT && p->n_items > 0 && p->items[0]->str)
        return em_arena_printf(a, "%s %.60s", cls, p->items[0]->str);
    return cls;
}

/* Drops what a file left in the catalog (managed server only). */
static void st_run_cleanup_catalog(st_run *run)
{
    if (!run->managed || run->cleanup_broken || run->gave_up)
        return;
    st_session s;
    st_session_init(&s, &run->client);
    em_arena arena;
    em_arena_init(&arena, 0);
    int n_ok = 0;
    static const char *const lists[] = {"SHOW DATABASES", "SHOW TABLES IN default",
                                        "SHOW VIEWS IN global_temp"};
    for (int l = 0; l < 3; l++) {
        st_outcome o;
        st_session_sql(&s, lists[l], &arena, &o);
        if (o.ok)
            n_ok++;
        for (int b = 0; o.ok && b < o.n_batches; b++) {
            vec_batch *batch = o.batches[b];
            int col = l == 0 ? 0 : 1;
            if (batch->n_cols <= col || batch->cols[col]->type->kind != TY_STRING)
                continue;
            for (int64_t r = 0; r < batch->n_rows; r++) {
                if (vec_is_null(batch->cols[col], r))
                    continue;
                int32_t len;
                const char *name = vec_str(batch->cols[col], r, &len);
                char *nm = em_arena_strndup(&arena, name, (size_t)len);
                if (strchr(nm, '`'))
                    continue;
                if (l == 0) {
                    if (strcasecmp(nm, "default") == 0 || strcasecmp(nm, "global_temp") == 0)
                        continue;
                    st_outcome d;
                    st_session_sql(
                        &s, em_arena_printf(&arena, "DROP DATABASE IF EXISTS `%s` CASCADE", nm),
                        &arena, &d);
                    st_outcome_release(&d);
                } else if (l == 1) {
                    bool temp = batch->n_cols > 2 && batch->cols[2]->type->kind == TY_BOOLEAN &&
                                !vec_is_null(batch->cols[2], r) &&
                                VEC_VALUES(batch->cols[2], uint8_t)[r];
                    if (temp || st_idset_has(&run->keep_tables, nm))
                        continue;
                    st_outcome d;
                    st_session_sql(&s,
                                   em_arena_printf(&arena, "DROP VIEW IF EXISTS default.`%s`", nm),
                                   &arena, &d);
                    st_outcome_release(&d);
                    st_session_sql(&s,
                                   em_arena_printf(&arena, "DROP TABLE IF EXISTS default.`%s`", nm),
                                   &arena, &d);
                    st_outcome_release(&d);
                } else {
                    st_outcome d;
                    st_session_sql(
                        &s, em_arena_printf(&arena, "DROP VIEW IF EXISTS global_temp.`%s`", nm),
                        &arena, &d);
                    st_outcome_release(&d);
                }
            }
        }
        st_outcome_release(&o);
    }
    if (n_ok == 0)
        run->cleanup_broken = true;
    st_session_release(&s);
    em_arena_release(&arena);
}

/* A CREATE [OR REPLACE] [GLOBAL] [TEMP|TEMPORARY] VIEW|TABLE [IF NOT EXISTS] name whose
 * failure explains later TABLE_OR_VIEW_NOT_FOUND errors of the same session. */
typedef struct st_ddl_fail {
    const char *name; /* unqualified, unquoted */
    const char *root; /* the root-cause key of its own failure */
} st_ddl_fail;

/* What one config combination's queries share. */
typedef struct st_query_ctx {
    st_run *run;
    st_session *session;
    st_sess_fmt *fmt;
    const st_confs_acc *confs;
    em_arena *arena;
    st_ddl_fail *ddl;
    int n_ddl, cap_ddl;
    bool cte_view_check; /* cte.sql: also compare through a temporary view */
} st_query_ctx;

/* The last part of a possibly qualified, possibly back-quoted name, or NULL. */
static const char *st_last_name(const char *p, size_t n, em_arena *a)
{
    const char *end = p + n;
    while (end > p && (end[-1] == '`' || end[-1] == ' '))
        end--;
    const char *start = end;
    while (start > p && start[-1] != '.' && start[-1] != '`' && start[-1] != ' ')
        start--;
    return end > start ? em_arena_strndup(a, start, (size_t)(end - start)) : NULL;
}

/* The object a CREATE VIEW/TABLE statement creates, or NULL. */
static const char *st_created_name(const char *sql, em_arena *a)
{
    static const char *const skip[] = {"CREATE", "OR", "REPLACE", "GLOBAL", "TEMPORARY", "TEMP"};
    const char *p = sql;
    bool kind = false, first = true;
    for (int words = 0; words < 12; words++) {
        while (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r')
            p++;
        size_t n = strcspn(p, " \n\t\r(");
        if (n == 0)
            return NULL;
        if (first && strncasecmp(p, "CREATE", 6) != 0)
            return NULL;
        first = false;
        bool skipped = false;
        for (size_t k = 0; k < sizeof skip / sizeof skip[0] && !kind; k++)
            if (strlen(skip[k]) == n && strncasecmp(p, skip[k], n) == 0)
                skipped = true;
        if (!kind && !skipped) {
            if (!((n == 4 && strncasecmp(p, "VIEW", 4) == 0) ||
                  (n == 5 && strncasecmp(p, "TABLE", 5) == 0)))
                return NULL;
            kind = true;
        } else if (kind && !((n == 2 && strncasecmp(p, "IF", 2) == 0) ||
                             (n == 3 && strncasecmp(p, "NOT", 3) == 0) ||
                             (n == 6 && strncasecmp(p, "EXISTS", 6) == 0))) {
            return st_last_name(p, n, a);
        }
        p += n;
    }
    return NULL;
}

/*
 * The root cause of a failure: a TABLE_OR_VIEW_NOT_FOUND of an object whose CREATE failed
 * earlier in the session is charged to that CREATE's failure; anything else to itself.
 */
static const char *st_root_key(st_query_ctx *qc, const st_outcome *o, const char *own)
{
    const char *cls = o->error_class ? o->error_class : "";
    if (strcmp(cls, "TABLE_OR_VIEW_NOT_FOUND") != 0 || !o->params_json)
        return own;
    const st_json *p = NULL;
    if (st_json_parse(o->params_json, strlen(o->params_json), qc->arena, &p) != 0)
        return own;
    const char *rel = st_json_str(st_json_get(p, "relationName"));
    const char *name = rel ? st_last_name(rel, strlen(rel), qc->arena) : NULL;
    for (int idx = qc->n_ddl - 1; name && idx >= 0; idx--)
        if (strcasecmp(qc->ddl[idx].name, name) == 0)
            return qc->ddl[idx].root;
    for (size_t idx = 0; name && idx < qc->run->setup_fails.n; idx++)
        if (strcasecmp(qc->run->setup_fails.rows[idx].key, name) == 0)
            return em_arena_printf(qc->arena, "test-tables setup: %s",
                                   qc->run->setup_fails.rows[idx].example);
    return own;
}

static void st_note_ddl_failure(st_query_ctx *qc, const char *sql, const char *root)
{
    const char *name = st_created_name(sql, qc->arena);
    if (!name)
        return;
    if (qc->n_ddl == qc->cap_ddl) {
        int ncap = qc->cap_ddl ? qc->cap_ddl * 2 : 16;
        st_ddl_fail *nd = em_arena_alloc(qc->arena, (size_t)ncap * sizeof *nd);
        if (qc->n_ddl)
            memcpy(nd, qc->ddl, (size_t)qc->n_ddl * sizeof *nd);
        qc->ddl = nd;
        qc->cap_ddl = ncap;
    }
    qc->ddl[qc->n_ddl].name = name;
    qc->ddl[qc->n_ddl].root = root;
    qc->n_ddl++;
}

/*
 * Turns a successful outcome into rendered, masked rows in act. Returns true, or false with
 * the reason in errbuf when a value cannot be printed.
 */
static bool st_outcome_rows(st_run *run, st_query_ctx *qc, const char *sql, const st_outcome *o,
                            st_actual *act, char *errbuf, size_t errsize)
{
    act->schema = o->schema_string;
    if (o->n_batches > 0 && !o->schema) {
        snprintf(errbuf, errsize, "result type %s", o->schema_string);
        return false;
    }
    if (!o->schema)
        return true;
    st_sess_fmt *fmt = qc->fmt;
    if (fmt->dirty && (st_type_has(o->schema, TY_TIMESTAMP) || st_type_has(o->schema, TY_BINARY)))
        st_refresh_fmt(qc->session, fmt, qc->confs);
    st_format_opts fo = {.tz = ty_tz_get(fmt->tz_name), .binary = fmt->binary};
    char **rows = NULL;
    int64_t n_rows = 0;
    if (st_format_rows(o->schema, o->batches, o->n_batches, st_rows_mode_for(sql, o->schema), &fo,
                       qc->arena, &rows, &n_rows, errbuf, errsize) != 0)
        return false;
    em_str line;
    em_str_init(&line, 0);
    for (int64_t r = 0; r < n_rows; r++) {
        em_str_reset(&line);
        st_mask_line(rows[r], run->managed ? run->server.warehouse : NULL, &line);
        rows[r] = em_arena_strndup(qc->arena, line.data ? line.data : "", line.len);
    }
    em_str_release(&line);
    act->rows = rows;
    act->n_rows = n_rows;
    return true;
}

/* SQLQueryTestSuite.hasNoDuplicateColumns: the "name:type" pieces of the schema string (split
 * at every comma) are distinct. */
static bool st_no_duplicate_columns(const char *schema, em_arena *a)
{
    size_t n = strlen(schema);
    if (n < 8)
        return true;
    const char *body = schema + 7; /* after "struct<" */
    size_t len = n - 8;            /* without the final '>' */
    const char **pieces = em_arena_alloc(a, (len + 2) * sizeof *pieces);
    int n_pieces = 0;
    size_t start = 0;
    for (size_t pos = 0; pos <= len; pos++) {
        if (pos == len || body[pos] == ',') {
            pieces[n_pieces++] = em_arena_strndup(a, body + start, pos - start);
            start = pos + 1;
        }
    }
    for (int x = 0; x < n_pieces; x++)
        for (int y = x + 1; y < n_pieces; y++)
            if (strcmp(pieces[x], pieces[y]) == 0)
                return false;
    return true;
}

/* A statement the parser would not turn into a Command (SELECT, WITH, VALUES, FROM, TABLE). */
static bool st_is_query_text(const char *sql)
{
    while (*sql == ' ' || *sql == '\n' || *sql == '\t' || *sql == '(')
        sql++;
    static const char *const words[] = {"SELECT", "WITH", "VALUES", "FROM", "TABLE"};
    for (size_t k = 0; k < sizeof words / sizeof words[0]; k++) {
        size_t n = strlen(words[k]);
        if (strncasecmp(sql, words[k], n) == 0 && !st_is_word_char(sql[n]))
            return true;
    }
    return false;
}

/*
 * cte.sql only (SQLQueryTestSuite.expandCTEQueryAndCompareResult): a query with rows and no
 * duplicate columns must give the same schema and rows through
 * `CREATE temporary VIEW cte_view AS <query>` and `SELECT * FROM cte_view`.
 */
static void st_cte_view_check(st_run *run, st_query_ctx *qc, const char *sql, const st_block *exp,
                              const st_actual *act, st_verdict *v)
{
    em_arena *a = qc->arena;
    if (!st_is_query_text(sql) || !act->schema || strcmp(act->schema, "struct<>") == 0 ||
        !st_no_duplicate_columns(act->schema, a))
        return;
    st_outcome c;
    st_session_sql(qc->session, em_arena_printf(a, "CREATE temporary VIEW cte_view AS %s", sql), a,
                   &c);
    if (!c.ok) {
        v->pass = false;
        v->reason = "sqltest: CTE_VIEW_MISMATCH";
        v->detail = em_arena_printf(a, "CREATE temporary VIEW cte_view AS <query> failed: %s",
                                    c.error_class ? c.error_class : "?");
        st_outcome_release(&c);
        return;
    }
    st_outcome_release(&c);
    st_outcome sel;
    st_session_sql(qc->session, "SELECT * FROM cte_view", a, &sel);
    st_actual va = {0};
    char errbuf[256] = "";
    if (!sel.ok) {
        va.is_error = true;
        va.error_class = sel.error_class;
        va.message = sel.message;
    } else if (!st_outcome_rows(run, qc, sql, &sel, &va, errbuf, sizeof errbuf)) {
        va.is_error = true;
        va.error_class = "sqltest: UNSUPPORTED_RESULT_TYPE";
    }
    st_verdict vv;
    st_judge(exp, &va, sql, a, &vv);
    if (!vv.pass) {
        v->pass = false;
        v->reason = "sqltest: CTE_VIEW_MISMATCH";
        v->detail = em_arena_printf(a, "SELECT * FROM cte_view: %s %s", vv.reason,
                                    vv.detail ? vv.detail : "");
    }
    st_outcome_release(&sel);
    st_outcome d;
    st_session_sql(qc->session, "DROP VIEW IF EXISTS cte_view", a, &d);
    st_outcome_release(&d);
}

/* Executes and judges one query; returns its status. */
static int st_run_query(st_run *run, st_query_ctx *qc, const char *id, const char *sql,
                        const st_block *exp, bool *crashed, bool *timed_out)
{
    em_arena *a = qc->arena;
    st_outcome o;
    st_session_sql(qc->session, sql, a, &o);
    if (st_changes_confs(sql))
        qc->fmt->dirty = true;
    *timed_out = o.timed_out;
    st_verdict v = {0};
    st_actual act = {0};
    bool judged = false;
    if (o.timed_out) {
        v.reason = "sqltest: TIMEOUT";
        v.detail = o.message;
    } else if (!o.ok &&
               (o.grpc_code == WIRE_STATUS_UNAVAILABLE || o.grpc_code < 0 ||
                o.grpc_code == WIRE_STATUS_CANCELLED) &&
               st_run_crashed(run, id)) {
        *crashed = true;
        v.reason = "sqltest: SERVER_CRASHED";
        v.detail = o.message;
    } else if (!o.ok) {
        act.is_error = true;
        act.error_class = o.error_class;
        act.sql_state = o.sql_state;
        act.params_json = o.params_json;
        act.jvm_class = o.jvm_class;
        act.message = o.message;
        judged = true;
    } else {
        char errbuf[256] = "";
        if (st_outcome_rows(run, qc, sql, &o, &act, errbuf, sizeof errbuf)) {
            judged = true;
        } else {
            v.reason = "sqltest: UNSUPPORTED_RESULT_TYPE";
            v.detail = em_arena_strdup(a, errbuf);
        }
    }
    if (judged)
        st_judge(exp, &act, sql, a, &v);
    if (judged && v.pass && !act.is_error && qc->cte_view_check)
        st_cte_view_check(run, qc, sql, exp, &act, &v);
    int status = v.pass ? ST_PASS : ST_FAIL;
    st_run_add_case(run, id, status, v.pass ? NULL : v.reason, v.pass ? NULL : v.detail);
    const char *root = NULL;
    if (!o.ok && act.is_error) {
        const char *key = st_detail_key(&o, a);
        root = st_root_key(qc, &o, key);
        if (!v.pass) {
            const char *cls = o.error_class ? o.error_class : o.jvm_class;
            st_stats_add(&run->by_error, cls ? cls : "?", id);
            st_stats_add(&run->by_detail, key, id);
        }
        /* A failed CREATE explains later failures even when Spark failed it too. */
        st_note_ddl_failure(qc, sql, root);
    }
    if (!v.pass) {
        st_stats_add(&run->by_reason, v.reason, id);
        st_stats_add(&run->by_root, root ? root : v.reason, id);
        if (run->opts.verbose) {
            const char *nl = strchr(sql, '\n');
            fprintf(stdout, "  FAIL %s [%s] %s\n       sql: %.*s%s\n", id, v.reason,
                    v.detail ? v.detail : "", nl ? (int)(nl - sql) : (int)strlen(sql), sql,
                    nl ? " ..." : "");
        }
    }
    st_outcome_release(&o);
    return status;
}

void st_run_file(st_run *run, const char *rel)
{
    st_file_stat *fs = st_run_file_stat(run, rel);
    em_arena arena;
    em_arena_init(&arena, 0);
    em_str in_path, out_path;
    em_str_init(&in_path, 0);
    em_str_init(&out_path, 0);
    em_str_printf(&in_path, "%s/%s", run->inputs_dir, rel);
    em_str_printf(&out_path, "%s/%s.out", run->results_dir, rel);

    size_t in_len = 0, out_len = 0;
    char *in_text = st_read_file(in_path.data, ST_MAX_FILE, &in_len);
    char *out_text = st_read_file(out_path.data, ST_MAX_FILE, &out_len);
    st_input in = {0};
    st_golden golden = {0};
    const char *skip = st_skip_reason(rel);
    if (!in_text)
        skip = "cannot read the input file";
    else
        st_input_parse(in_text, in_len, run->inputs_dir, &arena, &in);
    if (!out_text || st_golden_parse(out_text, out_len, &arena, &golden) != 0) {
        skip = "no golden result file";
        golden.n_blocks = 0;
    }
    if (!skip && in.has_only_if && !in.only_if_spark)
        skip = "--ONLY_IF does not name spark";

    st_combo *combos = NULL;
    int n_combos = in_text ? st_input_combos(&in, &arena, &combos) : 0;
    if (skip) {
        fs->skip_reason = em_strdup(skip);
        for (int c = 0; c < (n_combos ? n_combos : 1); c++) {
            for (int q = 0; q < golden.n_blocks; q++) {
                const char *label = n_combos && combos[c].label[0] ? combos[c].label : NULL;
                const char *id = em_arena_printf(&arena, "%s#%d%s%s", rel, q + 1, label ? "@" : "",
                                                 label ? label : "");
                st_run_add_case(run, id, ST_SKIP, skip, NULL);
                fs->n_skip++;
            }
        }
        goto done;
    }

    bool count_mismatch = in.n_queries != golden.n_blocks;
    bool pipe_ops = strcmp(rel, "pipe-operators.sql") == 0;
    int n_timeouts = 0;
    for (int c = 0; c < n_combos; c++) {
        const st_combo *combo = &combos[c];
        const char *label = combo->label[0] ? combo->label : NULL;
        const char *abort_reason = NULL;
        if (count_mismatch)
            abort_reason = "sqltest: QUERY_COUNT_MISMATCH";
        st_session s;
        st_session_init(&s, &run->client);
        st_confs_acc confs = {0};
        st_file_confs(rel, &in, combo, &confs);
        st_idset tpcds;
        st_idset_init(&tpcds);
        if (!abort_reason && !run->gave_up) {
            char errbuf[512];
            for (int k = 0; k < confs.n; k++) {
                if (st_session_set_confs(&s, &confs.items[k], 1, errbuf, sizeof errbuf) &&
                    !st_idset_has(&run->refused_confs, confs.items[k].key)) {
                    st_idset_add(&run->refused_confs, confs.items[k].key);
                    if (run->opts.verbose)
                        fprintf(stdout, "  conf refused: %s\n", errbuf);
                }
            }
            if (st_prefix(rel, "postgreSQL/") || st_prefix(rel, "udf/postgreSQL/")) {
                for (size_t f = 0; f < sizeof st_pg_functions / sizeof st_pg_functions[0]; f++) {
                    st_outcome o;
                    st_session_sql(&s, st_pg_functions[f], &arena, &o);
                    st_outcome_release(&o);
                }
            }
            if (pipe_ops) {
                em_str p;
                em_str_init(&p, 0);
                em_str_printf(&p, "%s/setup-tpcds.sql", run->tables_dir);
                st_run_script(run, &s, p.data, &tpcds);
                em_str_release(&p);
            }
        }
        st_sess_fmt fmt = {.dirty = true, .tz_name = "America/Los_Angeles"};
        st_query_ctx qc = {.run = run,
                           .session = &s,
                           .fmt = &fmt,
                           .confs = &confs,
                           .arena = &arena,
                           .cte_view_check = strcmp(rel, "cte.sql") == 0};
        for (int q = 0; q < (count_mismatch ? golden.n_blocks : in.n_queries); q++) {
            const char *id = em_arena_printf(&arena, "%s#%d%s%s", rel, q + 1, label ? "@" : "",
                                             label ? label : "");
            const char *reason = abort_reason   ? abort_reason
                                 : run->gave_up ? "sqltest: NO_SERVER"
                                                : NULL;
            if (reason) {
                st_run_add_case(run, id, ST_FAIL, reason, NULL);
                st_stats_add(&run->by_reason, reason, id);
                fs->n_fail++;
                continue;
            }
            const char *sql = in.queries[q];
            const st_block *exp = &golden.blocks[q];
            bool text_differs = strcmp(sql, exp->sql) != 0;
            bool crashed = false, timed_out = false;
            int status = st_run_query(run, &qc, id, sql, exp, &crashed, &timed_out);
            if (text_differs && status == ST_PASS) {
                /* Spark's suite fails a block whose SQL text differs (a splitter bug here). */
                run->cases[run->n_cases - 1].status = ST_FAIL;
                em_free(run->cases[run->n_cases - 1].reason);
                run->cases[run->n_cases - 1].reason = em_strdup("sqltest: SQL_TEXT_MISMATCH");
                st_stats_add(&run->by_reason, "sqltest: SQL_TEXT_MISMATCH", id);
                status = ST_FAIL;
            }
            if (status == ST_PASS)
                fs->n_pass++;
            else
                fs->n_fail++;
            if (timed_out) {
                run->n_timeouts++;
                if (++n_timeouts >= ST_MAX_TIMEOUTS)
                    abort_reason = "sqltest: TIMEOUT";
            }
            if (crashed)
                abort_reason = "sqltest: SERVER_CRASHED";
        }
        if (!run->gave_up) {
            for (size_t t = 0; t < tpcds.n; t++) {
                st_outcome o;
                st_session_sql(&s, em_arena_printf(&arena, "DROP TABLE IF EXISTS %s", tpcds.ids[t]),
                               &arena, &o);
                st_outcome_release(&o);
            }
            st_session_release(&s);
            st_run_cleanup_catalog(run);
        }
        st_idset_release(&tpcds);
        em_free(confs.items);
    }
    if (n_timeouts > 0 && run->managed && !run->gave_up) {
        /* The server may still be busy with what timed out: start over with a fresh one. */
        char how[256];
        ts_server_stop(&run->server, ST_STOP_TIMEOUT_MS, how, sizeof how);
        if (run->server.n_starts >= ST_MAX_STARTS || st_run_start(run) != 0)
            run->gave_up = true;
    }

done:
    if (fs->skip_reason)
        fprintf(stdout, "%-58s %4d passed %4d failed %4d skipped (%s)\n", rel, fs->n_pass,
                fs->n_fail, fs->n_skip, fs->skip_reason);
    else
        fprintf(stdout, "%-58s %4d passed %4d failed %4d skipped%s\n", rel, fs->n_pass, fs->n_fail,
                fs->n_skip, in.missing_import ? " (an --IMPORT is missing)" : "");
    fflush(stdout);
    em_free(in_text);
    em_free(out_text);
    em_str_release(&in_path);
    em_str_release(&out_path);
    em_arena_release(&arena);
}
