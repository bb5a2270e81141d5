/*
 * plan_identity.c: libember builds the same plans as PySpark.
 *
 * For a curated list of captured PySpark docstrings (../shared/conformance/pyspark-doctests/
 * spark-4.2-dev, see its README), a C program in pi_cases_*.c does with libember what the
 * docstring's examples do. The harness runs each program against the mock server
 * (cl_test_mock.h answers like the capture's mock), records every ExecutePlan request libember
 * sends, and compares them, example by example and in order, with the captured PySpark
 * ExecutePlan requests of the same example (pi_compare.h: plans only, plan ids compared
 * structurally, origins ignored, LocalRelation data compared by decoded Arrow content).
 *
 * A case is "<docstring>#<example index>". The run ends with "N passed, M failed, K skipped"
 * (skipped = examples with captured ExecutePlan requests in the listed docstrings that the C
 * programs do not express). Exit status: 0 when nothing failed, 77 when the captures are
 * missing, 1 otherwise. Usage: plan_identity [CAPTURE_DIR] [-v] [docstring-substring].
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cl_test_data.h"
#include "cl_test_json.h"
#include "cl_test_mock.h"
#include "common/em_mem.h"
#include "common/em_str.h"
#include "pi_compare.h"
#include "pi_main.h"

#ifndef PI_CAPTURE_DIR
#define PI_CAPTURE_DIR "../shared/conformance/pyspark-doctests/spark-4.2-dev"
#endif

/* ------------------------------------------------------------------------------ helpers ---- */

static void pi_local_fail(pi_ctx *c, const char *what, const ember_error *err)
{
    if (c->failed_local)
        return;
    c->failed_local = true;
    snprintf(c->local_error, sizeof c->local_error, "%.100s: %.400s", what,
             err ? err->message : "(no error)");
}

void pi_ex(pi_ctx *c, int k)
{
    if (k >= 0 && k < PI_MAX_EXAMPLES)
        c->declared[k] = true;
    cl_mock_set_tag(c->m, k);
}

void pi_tag(pi_ctx *c, int k)
{
    cl_mock_set_tag(c->m, k);
}

ember_dataframe *pi_keep(pi_ctx *c, ember_dataframe *df, int rc, const ember_error *err)
{
    if (rc != EMBER_OK || !df) {
        pi_local_fail(c, "builder failed", err);
        return NULL;
    }
    if (c->n_keep < PI_MAX_KEEP)
        c->keep[c->n_keep++] = df;
    return df;
}

/* Collects a NULL-terminated list of columns. */
static size_t pi_cols(va_list ap, ember_column **out, size_t max)
{
    size_t n = 0;
    for (ember_column *col; (col = va_arg(ap, ember_column *)) != NULL;)
        if (n < max)
            out[n++] = col;
    return n;
}

static size_t pi_strs(va_list ap, const char **out, size_t max)
{
    size_t n = 0;
    for (const char *s; (s = va_arg(ap, const char *)) != NULL;)
        if (n < max)
            out[n++] = s;
    return n;
}

static size_t pi_split(const char *names, char buf[][64], const char **out, size_t max)
{
    size_t n = 0;
    const char *p = names;
    while (p && *p && n < max) {
        while (*p == ' ')
            p++;
        size_t len = strcspn(p, ",");
        size_t end = len;
        while (end > 0 && p[end - 1] == ' ')
            end--;
        snprintf(buf[n], 64, "%.*s", (int)end, p);
        out[n] = buf[n];
        n++;
        p += len;
        if (*p == ',')
            p++;
    }
    return n;
}

ember_dataframe *pi_df(pi_ctx *c, const char *schema, const char *rows, const char *names)
{
    struct ArrowArrayStream st;
    cl_data_stream(schema, rows, &st);
    char buf[32][64];
    const char *ns[32];
    size_t n = names ? pi_split(names, buf, ns, 32) : 0;
    ember_dataframe *df = NULL;
    ember_error err;
    int rc = ember_create_dataframe(c->s, &st, NULL, ns, n, &df, &err);
    return pi_keep(c, df, rc, &err);
}

ember_dataframe *pi_df_schema(pi_ctx *c, const char *arrow_schema, const char *rows,
                              const char *schema_arg)
{
    struct ArrowArrayStream st;
    cl_data_stream(arrow_schema, rows, &st);
    ember_dataframe *df = NULL;
    ember_error err;
    int rc = ember_create_dataframe(c->s, &st, schema_arg, NULL, 0, &df, &err);
    return pi_keep(c, df, rc, &err);
}

#define PI_DF_OP(call)                                                                             \
    ember_dataframe *out = NULL;                                                                   \
    ember_error err;                                                                               \
    if (!df) {                                                                                     \
        pi_local_fail(c, "NULL input DataFrame", NULL);                                            \
        return NULL;                                                                               \
    }                                                                                              \
    int rc = (call);                                                                               \
    return pi_keep(c, out, rc, &err)

ember_dataframe *pi_select(pi_ctx *c, ember_dataframe *df, ...)
{
    ember_column *cols[64];
    va_list ap;
    va_start(ap, df);
    size_t n = pi_cols(ap, cols, 64);
    va_end(ap);
    PI_DF_OP(ember_df_select(df, cols, n, &out, &err));
}

ember_dataframe *pi_select_names(pi_ctx *c, ember_dataframe *df, ...)
{
    const char *names[64];
    ember_column *cols[64];
    va_list ap;
    va_start(ap, df);
    size_t n = pi_strs(ap, names, 64);
    va_end(ap);
    for (size_t idx = 0; idx < n; idx++)
        cols[idx] = ember_col(names[idx]);
    PI_DF_OP(ember_df_select(df, cols, n, &out, &err));
}

ember_dataframe *pi_select_expr(pi_ctx *c, ember_dataframe *df, ...)
{
    const char *exprs[64];
    va_list ap;
    va_start(ap, df);
    size_t n = pi_strs(ap, exprs, 64);
    va_end(ap);
    PI_DF_OP(ember_df_select_expr(df, exprs, n, &out, &err));
}

ember_dataframe *pi_filter(pi_ctx *c, ember_dataframe *df, ember_column *cond)
{
    PI_DF_OP(ember_df_filter(df, cond, &out, &err));
}

ember_dataframe *pi_filter_expr(pi_ctx *c, ember_dataframe *df, const char *cond)
{
    PI_DF_OP(ember_df_filter_expr(df, cond, &out, &err));
}

ember_dataframe *pi_with_column(pi_ctx *c, ember_dataframe *df, const char *name, ember_column *col)
{
    PI_DF_OP(ember_df_with_column(df, name, col, &out, &err));
}

ember_dataframe *pi_renamed(pi_ctx *c, ember_dataframe *df, const char *from, const char *to)
{
    PI_DF_OP(ember_df_with_column_renamed(df, from, to, &out, &err));
}

ember_dataframe *pi_sort(pi_ctx *c, ember_dataframe *df, ...)
{
    ember_column *cols[64];
    va_list ap;
    va_start(ap, df);
    size_t n = pi_cols(ap, cols, 64);
    va_end(ap);
    PI_DF_OP(ember_df_sort(df, cols, n, &out, &err));
}

ember_dataframe *pi_sort_names(pi_ctx *c, ember_dataframe *df, ...)
{
    const char *names[64];
    ember_column *cols[64];
    va_list ap;
    va_start(ap, df);
    size_t n = pi_strs(ap, names, 64);
    va_end(ap);
    for (size_t idx = 0; idx < n; idx++)
        cols[idx] = ember_col(names[idx]);
    PI_DF_OP(ember_df_sort(df, cols, n, &out, &err));
}

ember_dataframe *pi_limit(pi_ctx *c, ember_dataframe *df, int n)
{
    PI_DF_OP(ember_df_limit(df, n, &out, &err));
}

ember_dataframe *pi_offset(pi_ctx *c, ember_dataframe *df, int n)
{
    PI_DF_OP(ember_df_offset(df, n, &out, &err));
}

ember_dataframe *pi_drop_names(pi_ctx *c, ember_dataframe *df, ...)
{
    const char *names[64];
    va_list ap;
    va_start(ap, df);
    size_t n = pi_strs(ap, names, 64);
    va_end(ap);
    PI_DF_OP(ember_df_drop(df, names, n, &out, &err));
}

ember_dataframe *pi_drop_cols(pi_ctx *c, ember_dataframe *df, ...)
{
    ember_column *cols[64];
    va_list ap;
    va_start(ap, df);
    size_t n = pi_cols(ap, cols, 64);
    va_end(ap);
    PI_DF_OP(ember_df_drop_columns(df, cols, n, &out, &err));
}

ember_dataframe *pi_distinct(pi_ctx *c, ember_dataframe *df)
{
    PI_DF_OP(ember_df_distinct(df, &out, &err));
}

ember_dataframe *pi_dedup(pi_ctx *c, ember_dataframe *df, ...)
{
    const char *names[64];
    va_list ap;
    va_start(ap, df);
    size_t n = pi_strs(ap, names, 64);
    va_end(ap);
    PI_DF_OP(ember_df_drop_duplicates(df, n ? names : NULL, n, &out, &err));
}

ember_dataframe *pi_union(pi_ctx *c, ember_dataframe *df, ember_dataframe *b)
{
    PI_DF_OP(ember_df_union(df, b, &out, &err));
}

ember_dataframe *pi_union_by_name(pi_ctx *c, ember_dataframe *df, ember_dataframe *b, bool miss)
{
    PI_DF_OP(ember_df_union_by_name(df, b, miss, &out, &err));
}

ember_dataframe *pi_intersect(pi_ctx *c, ember_dataframe *df, ember_dataframe *b, bool all)
{
    PI_DF_OP(ember_df_intersect(df, b, all, &out, &err));
}

ember_dataframe *pi_except(pi_ctx *c, ember_dataframe *df, ember_dataframe *b, bool all)
{
    PI_DF_OP(ember_df_except(df, b, all, &out, &err));
}

ember_dataframe *pi_join(pi_ctx *c, ember_dataframe *df, ember_dataframe *b, ember_column *on,
                         const char *how)
{
    PI_DF_OP(ember_df_join(df, b, on, how, &out, &err));
}

ember_dataframe *pi_join_using(pi_ctx *c, ember_dataframe *df, ember_dataframe *b, const char *how,
                               ...)
{
    const char *names[64];
    va_list ap;
    va_start(ap, how);
    size_t n = pi_strs(ap, names, 64);
    va_end(ap);
    PI_DF_OP(ember_df_join_using(df, b, names, n, how, &out, &err));
}

ember_dataframe *pi_alias(pi_ctx *c, ember_dataframe *df, const char *alias)
{
    PI_DF_OP(ember_df_alias(df, alias, &out, &err));
}

ember_dataframe *pi_to_df(pi_ctx *c, ember_dataframe *df, ...)
{
    const char *names[64];
    va_list ap;
    va_start(ap, df);
    size_t n = pi_strs(ap, names, 64);
    va_end(ap);
    PI_DF_OP(ember_df_to_df(df, names, n, &out, &err));
}

ember_dataframe *pi_group_agg(pi_ctx *c, ember_dataframe *df, ember_column **group, int n_group,
                              ember_column **aggs, int n_aggs)
{
    ember_grouped *g = NULL;
    ember_error err;
    if (!df) {
        pi_local_fail(c, "NULL input DataFrame", NULL);
        return NULL;
    }
    int rc = ember_df_group_by(df, group, (size_t)n_group, &g, &err);
    if (rc != EMBER_OK) {
        pi_local_fail(c, "groupBy", &err);
        return NULL;
    }
    ember_dataframe *out = NULL;
    rc = ember_grouped_agg(g, aggs, (size_t)n_aggs, &out, &err);
    ember_grouped_free(g);
    return pi_keep(c, out, rc, &err);
}

ember_dataframe *pi_agg(pi_ctx *c, ember_dataframe *df, ...)
{
    ember_column *cols[64];
    va_list ap;
    va_start(ap, df);
    size_t n = pi_cols(ap, cols, 64);
    va_end(ap);
    PI_DF_OP(ember_df_agg(df, cols, n, &out, &err));
}

ember_dataframe *pi_range(pi_ctx *c, long long start, long long end, long long step)
{
    ember_dataframe *out = NULL;
    ember_error err;
    int rc = ember_range(c->s, start, end, step, 0, &out, &err);
    return pi_keep(c, out, rc, &err);
}

ember_dataframe *pi_range_p(pi_ctx *c, long long start, long long end, long long step, int parts)
{
    ember_dataframe *out = NULL;
    ember_error err;
    int rc = ember_range(c->s, start, end, step, parts, &out, &err);
    return pi_keep(c, out, rc, &err);
}

ember_dataframe *pi_sql(pi_ctx *c, const char *query)
{
    ember_dataframe *out = NULL;
    ember_error err;
    int rc = ember_sql(c->s, query, NULL, 0, &out, &err);
    return pi_keep(c, out, rc, &err);
}

ember_dataframe *pi_table(pi_ctx *c, const char *name)
{
    ember_dataframe *out = NULL;
    ember_error err;
    int rc = ember_table(c->s, name, &out, &err);
    return pi_keep(c, out, rc, &err);
}

void pi_show(pi_ctx *c, ember_dataframe *df)
{
    pi_show_n(c, df, 20, 20, false);
}

void pi_show_n(pi_ctx *c, ember_dataframe *df, int n, int truncate, bool vertical)
{
    if (!df) {
        pi_local_fail(c, "show of NULL", NULL);
        return;
    }
    char *text = NULL;
    ember_df_show_string(df, n, truncate, vertical, &text, NULL);
    ember_free(text);
}

void pi_collect(pi_ctx *c, ember_dataframe *df)
{
    if (!df) {
        pi_local_fail(c, "collect of NULL", NULL);
        return;
    }
    struct ArrowArrayStream st;
    if (ember_df_collect(df, &st, NULL) == EMBER_OK)
        st.release(&st);
}

void pi_count(pi_ctx *c, ember_dataframe *df)
{
    if (!df) {
        pi_local_fail(c, "count of NULL", NULL);
        return;
    }
    int64_t n;
    ember_df_count(df, &n, NULL);
}

void pi_take(pi_ctx *c, ember_dataframe *df, int n)
{
    if (!df) {
        pi_local_fail(c, "take of NULL", NULL);
        return;
    }
    struct ArrowArrayStream st;
    if (ember_df_take(df, n, &st, NULL) == EMBER_OK)
        st.release(&st);
}

void pi_is_empty(pi_ctx *c, ember_dataframe *df)
{
    if (!df) {
        pi_local_fail(c, "isEmpty of NULL", NULL);
        return;
    }
    bool e;
    ember_df_is_empty(df, &e, NULL);
}

void pi_view(pi_ctx *c, ember_dataframe *df, const char *name, bool replace, bool global)
{
    if (!df) {
        pi_local_fail(c, "view of NULL", NULL);
        return;
    }
    ember_df_create_view(df, name, replace, global, NULL);
}

/* ------------------------------------------------------------------------------ harness ---- */

typedef struct pi_totals {
    int passed, failed, skipped;
} pi_totals;

static uint8_t *pi_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    em_str s;
    em_str_init(&s, 0);
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        em_str_append(&s, buf, n);
    fclose(f);
    *len = s.len;
    return (uint8_t *)em_str_move(&s);
}

static bool pi_ends_with(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && strcmp(s + a - b, suffix) == 0;
}

static void pi_run_case(const char *root, const pi_case *pc, cl_mock *m, bool verbose, pi_totals *t)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s/cases.json", root, pc->docstring);
    em_arena a;
    em_arena_init(&a, 65536);
    cl_json_node *cj = cl_json_parse_file(&a, path);
    const cl_json_node *examples = cl_json_get(cj, "examples");
    if (!examples) {
        printf("FAIL %s: no capture (%s)\n", pc->docstring, path);
        t->failed++;
        em_arena_release(&a);
        return;
    }
    cl_mock_clear(m);
    cl_mock_set_tag(m, -1);
    pi_ctx *c = em_calloc(1, sizeof *c);
    c->m = m;
    ember_session_options opts;
    memset(&opts, 0, sizeof opts);
    opts.url = cl_mock_url(m, NULL);
    opts.retry.max_retries = -1;
    ember_error err;
    if (ember_session_open_ex(&opts, &c->s, &err) != EMBER_OK) {
        printf("FAIL %s: session: %s\n", pc->docstring, err.message);
        t->failed++;
        em_free(c);
        em_arena_release(&a);
        return;
    }
    pc->fn(c);
    for (int idx = 0; idx < c->n_keep; idx++)
        ember_df_free(c->keep[idx]);
    ember_session_free(c->s);

    /* Recorded ExecutePlan requests by tag, in arrival order. */
    int n_rec = cl_mock_count(m);
    for (size_t e = 0; e < examples->n; e++) {
        const cl_json_node *ex = examples->items[e];
        const cl_json_node *idx_node = cl_json_get(ex, "index");
        const cl_json_node *reqs = cl_json_get(ex, "requests");
        int k = idx_node ? (int)idx_node->num : -1;
        const char *want[16];
        int n_want = 0;
        for (size_t r = 0; reqs && r < reqs->n && n_want < 16; r++)
            if (reqs->items[r]->kind == CL_JSON_STRING &&
                pi_ends_with(reqs->items[r]->str, "_ExecutePlan.bin"))
                want[n_want++] = reqs->items[r]->str;
        bool declared = k >= 0 && k < PI_MAX_EXAMPLES && c->declared[k];
        if (!declared) {
            if (n_want)
                t->skipped++;
            continue;
        }
        if (!n_want) {
            if (verbose)
                printf("note %s#%d: declared but the capture has no ExecutePlan\n", pc->docstring,
                       k);
            continue;
        }
        int got_idx[16];
        int n_got = 0;
        for (int r = 0; r < n_rec; r++) {
            cl_mock_req q = cl_mock_get(m, r);
            if (q.tag == k && strcmp(q.method, "ExecutePlan") == 0 && n_got < 16)
                got_idx[n_got++] = r;
        }
        char why[1024] = "";
        bool ok = !c->failed_local;
        if (!ok)
            snprintf(why, sizeof why, "%s", c->local_error);
        else if (n_got != n_want) {
            snprintf(why, sizeof why, "%d ExecutePlan requests sent, %d captured", n_got, n_want);
            ok = false;
        }
        for (int r = 0; ok && r < n_want; r++) {
            snprintf(path, sizeof path, "%s/%s/%s", root, pc->docstring, want[r]);
            size_t len = 0;
            uint8_t *cap = pi_read_file(path, &len);
            if (!cap) {
                snprintf(why, sizeof why, "cannot read %.900s", path);
                ok = false;
                break;
            }
            cl_mock_req q = cl_mock_get(m, got_idx[r]);
            ok = pi_compare_requests(q.data, q.len, cap, len, why, sizeof why);
            em_free(cap);
        }
        if (ok) {
            t->passed++;
            if (verbose)
                printf("ok   %s#%d\n", pc->docstring, k);
        } else {
            t->failed++;
            printf("FAIL %s#%d: %s\n", pc->docstring, k, why);
        }
    }
    em_free(c);
    em_arena_release(&a);
}

int main(int argc, char **argv)
{
    const char *root = PI_CAPTURE_DIR;
    bool verbose = false;
    const char *only = NULL;
    for (int idx = 1; idx < argc; idx++) {
        if (strcmp(argv[idx], "-v") == 0)
            verbose = true;
        else if (argv[idx][0] == '/' || argv[idx][0] == '.')
            root = argv[idx];
        else
            only = argv[idx];
    }
    char probe[1024];
    snprintf(probe, sizeof probe, "%s/index.json", root);
    FILE *f = fopen(probe, "rb");
    if (!f) {
        printf("plan_identity: captures not found at %s; skipped\n", root);
        printf("0 passed, 0 failed, 0 skipped\n");
        return 77;
    }
    fclose(f);
    cl_mock *m = cl_mock_start();
    if (!m) {
        printf("plan_identity: mock server did not start\n");
        return 1;
    }
    pi_totals t = {0, 0, 0};
    const pi_case *tables[] = {pi_cases_dataframe, pi_cases_column, pi_cases_functions,
                               pi_cases_misc, pi_cases_io};
    for (size_t ti = 0; ti < sizeof tables / sizeof tables[0]; ti++)
        for (const pi_case *pc = tables[ti]; pc->docstring; pc++)
            if (!only || strstr(pc->docstring, only))
                pi_run_case(root, pc, m, verbose, &t);
    cl_mock_stop(m);
    printf("%d passed, %d failed, %d skipped\n", t.passed, t.failed, t.skipped);
    return t.failed ? 1 : 0;
}
