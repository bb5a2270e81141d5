/*
 * Filters into file scans (opt_scan_filter.c): a Filter over a Parquet scan hands its conjuncts
 * to the scan, which skips row groups whose statistics exclude them (io/source_prune.c), while
 * the Filter stays and the rows stay the same. Plans are built by hand in the analyzer's
 * resolved form (tests/exec/ex_test_util.h) over a Parquet file written by io/'s writer: 5,000
 * rows in 10 row groups of 500, id = 0..4999, v = id / 4.
 *
 * Expectations: the rows are the unoptimized plan's (Spark's pushed filters never change a
 * result: DataSourceStrategy keeps the Filter above the scan); which row groups can be skipped
 * follows from the data (ids >= 4500 live in the last row group only).
 */
#include <stdlib.h>
#include <unistd.h>

#include "ex_test_util.h"
#include "io/parquet/pq_write.h"
#include "io/source.h"
#include "optimizer/opt.h"

static char sf_dir[64];

static int sf_sink(void *ctx, const void *p, size_t n, em_error *err)
{
    (void)err;
    return fwrite(p, 1, n, ctx) == n ? 0 : -1;
}

/* Writes the file and resolves it as a Parquet source (NULL on failure). */
static const io_source *sf_source(void)
{
    snprintf(sf_dir, sizeof sf_dir, "/tmp/ember-opt-sf-XXXXXX");
    if (!mkdtemp(sf_dir))
        return NULL;
    char path[128];
    snprintf(path, sizeof path, "%s/a.parquet", sf_dir);
    ty_field f[2] = {{.name = "id", .type = ty_long(), .nullable = true},
                     {.name = "v", .type = ty_double(), .nullable = true}};
    const ty *t = ty_struct(&T.a, 2, f);
    int64_t n = 5000;
    int64_t *ids = em_calloc((size_t)n, sizeof *ids);
    double *vs = em_calloc((size_t)n, sizeof *vs);
    for (int64_t r = 0; r < n; r++) {
        ids[r] = r;
        vs[r] = (double)r / 4;
    }
    vec_batch *b = vec_batch_new(2, n);
    b->cols[0] = t_fixed(ty_long(), n, ids, NULL);
    b->cols[1] = t_fixed(ty_double(), n, vs, NULL);
    em_free(ids);
    em_free(vs);
    FILE *fp = fopen(path, "wb");
    if (!fp) {
        vec_batch_free(b);
        return NULL;
    }
    pqw_options o;
    pqw_options_init(&o);
    o.row_group_rows = 500;
    pqw_writer *w = NULL;
    em_error e;
    em_error_clear(&e);
    int rc = pqw_open(t, &o, sf_sink, fp, &w, &e);
    if (!rc)
        rc = pqw_write(w, b, &e);
    if (!rc)
        rc = pqw_close(w, &e);
    else
        pqw_free(w);
    fclose(fp);
    vec_batch_free(b);
    if (rc)
        return NULL;
    io_source_conf conf;
    io_source_conf_init(&conf);
    io_source *src = NULL;
    const char *paths[] = {path};
    if (io_source_resolve(&T.a, &conf, "parquet", 1, paths, 0, NULL, NULL, &src, &T.err))
        return NULL;
    return src;
}

static void sf_cleanup(void)
{
    char path[128];
    snprintf(path, sizeof path, "%s/a.parquet", sf_dir);
    unlink(path);
    rmdir(sf_dir);
}

/* The resolved PL_READ_SOURCE the analyzer makes. */
static pl_node *sf_read(const io_source *src)
{
    const ty *t = io_source_schema(src);
    pl_node *n = pl_node_new(&T.a, PL_READ_SOURCE, 0);
    n->n_out = t->n_fields;
    n->out = em_arena_calloc(&T.a, (size_t)t->n_fields + 1, sizeof(pl_attr));
    for (int i = 0; i < t->n_fields; i++)
        n->out[i] = t_attr(t->fields[i].name, t->fields[i].type, true);
    n->u.read.source = src;
    n->resolved = true;
    return n;
}

/* Runs plan: its rows as "a,b|c,d" (arena) and the rows the scans read. */
static const char *sf_run(const pl_node *plan, int64_t *rows_read)
{
    em_error_clear(&T.err);
    ex_query *q = ex_open(plan, &T.opts, &T.err);
    if (!q)
        return "ERROR";
    em_str out;
    em_str_init(&out, 1 << 24);
    vec_batch *b;
    int rc;
    while ((rc = ex_next(q, &b, &T.err)) > 0) {
        for (int64_t r = 0; r < b->n_rows; r++) {
            if (out.len)
                em_str_putc(&out, '|');
            for (int c = 0; c < b->n_cols; c++)
                em_str_printf(&out, "%s%s", c ? "," : "", t_cell(b, c, r));
        }
        vec_batch_free(b);
    }
    *rows_read = ex_rows_read(q);
    ex_close(q);
    const char *res = em_arena_strdup(&T.a, rc < 0 ? "ERROR" : out.data ? out.data : "");
    em_str_release(&out);
    return res;
}

static const pl_node *sf_find(const pl_node *n, pl_kind kind)
{
    if (!n || n->kind == kind)
        return n;
    for (int i = 0; i < n->n_children; i++) {
        const pl_node *f = sf_find(n->children[i], kind);
        if (f)
            return f;
    }
    return NULL;
}

/* Optimizes plan with the given rules off; the scan's pushed filters counted. */
static pl_node *sf_optimize(const pl_node *plan, unsigned disabled, int *n_pushed)
{
    opt_env env = {.opts = &T.opts, .disabled = disabled};
    pl_node *out = NULL;
    em_error_clear(&T.err);
    CHECK_EQ_INT(opt_optimize(&env, &T.a, plan, &out, &T.err), 0);
    const pl_node *scan = sf_find(out, PL_READ_SOURCE);
    *n_pushed = scan ? scan->u.read.n_pushed_filters : -1;
    return out;
}

EM_TEST(scan_filter_skips_row_groups)
{
    t_begin(true);
    const io_source *src = sf_source();
    CHECK(src != NULL);
    if (!src) {
        t_end();
        return;
    }
    /* SELECT id, v FROM t WHERE id >= 4500 AND v < 1200.0 */
    pl_node *r = sf_read(src);
    pl_expr *cond = t_call("and", 2, t_call(">=", 2, t_col(r, 0), t_lit_long(4500)),
                           t_call("<", 2, t_col(r, 1), t_lit_double(1200.0)));
    pl_node *f = t_filter(r, cond);
    pl_node *plan =
        t_project(f, 2, (pl_expr *[]){t_col(f, 1), t_col(f, 0)}, (const char *const[]){"v", "id"});
    int64_t read_plain = 0, read_opt = 0;
    const char *want = sf_run(plan, &read_plain);
    CHECK(strncmp(want, "ERROR", 5) != 0);
    CHECK_EQ_INT(read_plain, 5000);
    int n_pushed = 0;
    pl_node *opt = sf_optimize(plan, 0, &n_pushed);
    CHECK_EQ_INT(n_pushed, 2);
    CHECK(sf_find(opt, PL_FILTER) != NULL); /* the Filter stays */
    CHECK(r->u.read.n_pushed_filters == 0); /* the input plan is not modified */
    CHECK_EQ_STR(sf_run(opt, &read_opt), want);
    CHECK_EQ_INT(read_opt, 500); /* 9 of 10 row groups skipped */
    /* The rule off: nothing pushed, everything read. */
    opt = sf_optimize(plan, OPT_RULE_SCAN_FILTER, &n_pushed);
    CHECK_EQ_INT(n_pushed, 0);
    CHECK_EQ_STR(sf_run(opt, &read_opt), want);
    CHECK_EQ_INT(read_opt, 5000);

    /* Through a column-only Project (pushdown off, so the Filter stays above it):
       SELECT * FROM (SELECT v, id FROM t) WHERE id IN (3, 4998) AND v IS NOT NULL */
    r = sf_read(src);
    pl_node *p =
        t_project(r, 2, (pl_expr *[]){t_col(r, 1), t_col(r, 0)}, (const char *const[]){"v", "id"});
    cond = t_call("and", 2, t_call("in", 3, t_col(p, 1), t_lit_long(3), t_lit_long(4998)),
                  t_call("isnotnull", 1, t_col(p, 0)));
    plan = t_filter(p, cond);
    want = sf_run(plan, &read_plain);
    CHECK_EQ_STR(want, "0.75,3|1249.5,4998");
    opt = sf_optimize(plan, OPT_RULE_PUSHDOWN_FILTER | OPT_RULE_PUSHDOWN_JOIN, &n_pushed);
    CHECK_EQ_INT(n_pushed, 2);
    CHECK_EQ_STR(sf_run(opt, &read_opt), want);
    CHECK_EQ_INT(read_opt, 1000); /* the first and the last row groups */

    /* Conjuncts that cannot prune are still correct: id + 1 > 4900 prunes nothing. */
    r = sf_read(src);
    cond = t_call(">", 2, t_call("+", 2, t_col(r, 0), t_lit_long(1)), t_lit_long(4998));
    plan = t_filter(r, cond);
    want = sf_run(plan, &read_plain);
    CHECK_EQ_STR(want, "4998,1249.5|4999,1249.75");
    opt = sf_optimize(plan, 0, &n_pushed);
    CHECK_EQ_STR(sf_run(opt, &read_opt), want);
    CHECK_EQ_INT(read_opt, 5000);
    sf_cleanup();
    t_end();
}

int main(int c, char **v)
{
    return em_test_main(c, v);
}
