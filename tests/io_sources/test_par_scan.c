/*
 * Parallel and pruned file scans through the executor (exec/ex_par.c + op_scan_source.c over
 * io/source_plan.c): plans built by hand in the analyzer's resolved form, run with 1 thread and
 * with 2 and 4 threads (tiny morsels), over Parquet files of many row groups, many files,
 * partitioned folders, and CSV / JSON files cut into byte ranges.
 *
 * Expectations: a parallel run returns the serial run's rows in the serial order (Spark's
 * single-partition scan order; exec/README.md "Scheduler"), and a Filter over a scan returns the
 * same rows whether or not its conjuncts were pushed into the scan (Spark's pushed filters are
 * an optimization only: DataSourceStrategy keeps the Filter above the scan). Pruned row groups
 * and files are counted by the io/ counters; which may be pruned follows from the data and
 * Spark's comparison semantics (see test_parts.c).
 */
#include <math.h>

#include "ex_test_util.h"
#include "io/parquet/pq_write.h"
#include "io/source_int.h"
#include "src_util.h"

/* ---- helpers ------------------------------------------------------------------------------- */

static int ps_sink(void *ctx, const void *p, size_t n, em_error *err)
{
    (void)err;
    return fwrite(p, 1, n, ctx) == n ? 0 : -1;
}

/* rows [first, first + n): id bigint, g int = id % 7, v double = id / 4 (NaN when id % 97 ==
   5), s string "s<id>", as Parquet with rg_rows-row row groups */
static void ps_write_pq(const char *rel, int64_t first, int64_t n, int64_t rg_rows)
{
    ty_field f[4] = {
        {.name = "id", .type = ty_long(), .nullable = true},
        {.name = "g", .type = ty_int(), .nullable = true},
        {.name = "v", .type = ty_double(), .nullable = true},
        {.name = "s", .type = ty_string(), .nullable = true},
    };
    const ty *t = ty_struct(&S.a, 4, f);
    vec_batch *b = vec_batch_new(4, n);
    for (int c = 0; c < 4; c++)
        b->cols[c] = vec_new(f[c].type, n);
    for (int64_t r = 0; r < n; r++) {
        int64_t id = first + r;
        io_push_i64(b->cols[0], id);
        if (id % 11 == 3)
            vec_append_null(b->cols[1]);
        else
            io_push_i32(b->cols[1], (int32_t)(id % 7));
        io_push_f64(b->cols[2], id % 97 == 5 ? NAN : (double)id / 4);
        char s[32];
        snprintf(s, sizeof s, "s%lld", (long long)id);
        vec_append_str(b->cols[3], s, (int64_t)strlen(s), NULL);
    }
    const char *full = src_write(rel, "", 0);
    FILE *fp = fopen(full, "wb");
    pqw_options o;
    pqw_options_init(&o);
    o.row_group_rows = rg_rows;
    o.page_rows = 100;
    pqw_writer *w = NULL;
    em_error e;
    em_error_clear(&e);
    int rc = pqw_open(t, &o, ps_sink, fp, &w, &e);
    if (!rc)
        rc = pqw_write(w, b, &e);
    if (!rc)
        rc = pqw_close(w, &e);
    else
        pqw_free(w);
    CHECK_EQ_INT(rc, 0);
    fclose(fp);
    vec_batch_free(b);
}

/* The resolved PL_READ_SOURCE the analyzer makes (out = the source's schema, nullable). */
static pl_node *ps_read(const io_source *src)
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

/* Rows as "a,b|c,d" (arena string), or "ERROR:<class>". */
static const char *ps_run(const pl_node *plan, int threads, int64_t morsel_rows)
{
    T.opts.threads = threads;
    T.opts.morsel_rows = morsel_rows;
    vec_batch *b = t_run(plan);
    if (!b)
        return em_arena_printf(&T.a, "ERROR:%s", T.err.error_class);
    em_str out;
    em_str_init(&out, 1 << 26);
    for (int64_t r = 0; r < b->n_rows; r++)
        for (int c = 0; c < b->n_cols; c++) {
            if (c)
                em_str_putc(&out, ',');
            else if (r)
                em_str_putc(&out, '|');
            em_str_puts(&out, t_cell(b, c, r));
        }
    const char *res = em_arena_strdup(&T.a, out.data ? out.data : "");
    em_str_release(&out);
    vec_batch_free(b);
    return res;
}

/* Runs plan serially, then with 2 and 4 threads; every run must give the serial rows. */
static void ps_same(const pl_node *plan, int64_t morsel_rows, const char *what)
{
    const char *serial = ps_run(plan, 1, 0);
    CHECK(strncmp(serial, "ERROR:", 6) != 0);
    for (int threads = 2; threads <= 4; threads += 2) {
        const char *par = ps_run(plan, threads, morsel_rows);
        if (strcmp(par, serial) != 0)
            fprintf(stderr, "%s, %d threads: %.300s\n  serial: %.300s\n", what, threads, par,
                    serial);
        CHECK(strcmp(par, serial) == 0);
    }
}

/* SELECT id * 2, s, v FROM src WHERE g = 3 (a parallel pipeline: Filter + Project) */
static pl_node *ps_select(pl_node *r)
{
    pl_node *f = t_filter(r, t_call("=", 2, t_col(r, 1), t_lit_int(3)));
    pl_expr *pe[] = {t_call("*", 2, t_col(f, 0), t_lit_long(2)), t_col(f, 3), t_col(f, 2)};
    const char *pn[] = {"x", "s", "v"};
    return t_project(f, 3, pe, pn);
}

/* SELECT g, count(*), sum(id), min(s), max(id) FROM src GROUP BY g (parallel aggregate) */
static pl_node *ps_agg(pl_node *r)
{
    pl_expr **g = em_arena_calloc(&T.a, 1, sizeof *g);
    g[0] = t_col(r, 1);
    pl_expr **a = em_arena_calloc(&T.a, 4, sizeof *a);
    a[0] = t_call("count", 1, t_lit_int(1));
    a[1] = t_call("sum", 1, t_col(r, 0));
    a[2] = t_call("min", 1, t_col(r, 3));
    a[3] = t_call("max", 1, t_col(r, 0));
    const char *on[] = {"g", "count(1)", "sum(id)", "min(s)", "max(id)"};
    return t_aggregate(r, 1, g, 4, a, on);
}

static void ps_begin(void)
{
    t_begin(false);
    T.opts.time_zone = "UTC";
    src_begin();
}

static void ps_end(void)
{
    src_end();
    t_end();
}

/* ---- parallel = serial --------------------------------------------------------------------- */

EM_TEST(par_scan_parquet_row_groups_and_files)
{
    ps_begin();
    ps_write_pq("t/a.parquet", 0, 20000, 1000);
    ps_write_pq("t/b.parquet", 20000, 5000, 333);
    ps_write_pq("t/c.parquet", 25000, 10, 3);
    for (int i = 0; i < 12; i++) {
        char rel[64];
        snprintf(rel, sizeof rel, "t/small%02d.parquet", i);
        ps_write_pq(rel, 30000 + i * 10, 10, 4);
    }
    io_source *s = src_resolve("parquet", src_path("t"), NULL, NULL);
    CHECK(s != NULL);
    if (s) {
        ps_same(ps_select(ps_read(s)), 500, "parquet select");
        ps_same(ps_agg(ps_read(s)), 500, "parquet aggregate");
        /* the morsel size packs row groups: one part of many */
        ps_same(ps_select(ps_read(s)), 1000000, "parquet select, big morsels");
    }
    ps_end();
}

EM_TEST(par_scan_parquet_partitioned)
{
    ps_begin();
    ps_write_pq("p/k=a/f1.parquet", 0, 3000, 500);
    ps_write_pq("p/k=a/f2.parquet", 3000, 700, 100);
    ps_write_pq("p/k=b/f1.parquet", 3700, 2000, 250);
    ps_write_pq("p/k=__HIVE_DEFAULT_PARTITION__/f.parquet", 5700, 300, 100);
    io_source *s = src_resolve("parquet", src_path("p"), NULL, NULL);
    CHECK(s != NULL);
    if (s) {
        pl_node *r = ps_read(s);
        /* SELECT k, id, s FROM p WHERE g = 3 */
        pl_node *f = t_filter(r, t_call("=", 2, t_col(r, 1), t_lit_int(3)));
        pl_expr *pe[] = {t_col(f, 4), t_col(f, 0), t_col(f, 3)};
        const char *pn[] = {"k", "id", "s"};
        ps_same(t_project(f, 3, pe, pn), 300, "partitioned select");
        ps_same(ps_agg(ps_read(s)), 300, "partitioned aggregate");
    }
    ps_end();
}

static void ps_write_text(const char *rel, const char *fmt, int64_t first, int64_t n)
{
    em_str t;
    em_str_init(&t, 1 << 26);
    if (strcmp(fmt, "csv") == 0)
        em_str_puts(&t, "id,g,v,s\n");
    for (int64_t id = first; id < first + n; id++) {
        const char *nl = id % 5 == 0 ? "\r\n" : "\n";
        if (strcmp(fmt, "csv") == 0) {
            if (id % 11 == 3)
                em_str_printf(&t, "%lld,,%g,s%lld%s", (long long)id, (double)id / 4, (long long)id,
                              nl);
            else
                em_str_printf(&t, "%lld,%d,%g,s%lld%s", (long long)id, (int)(id % 7),
                              (double)id / 4, (long long)id, nl);
        } else if (id % 11 == 3) {
            em_str_printf(&t, "{\"id\":%lld,\"v\":%g,\"s\":\"s%lld\"}%s", (long long)id,
                          (double)id / 4, (long long)id, nl);
        } else {
            em_str_printf(&t, "{\"id\":%lld,\"g\":%d,\"v\":%g,\"s\":\"s%lld\"}%s", (long long)id,
                          (int)(id % 7), (double)id / 4, (long long)id, nl);
        }
    }
    src_write(rel, t.data ? t.data : "", (long)t.len);
    em_str_release(&t);
}

EM_TEST(par_scan_csv_json_byte_ranges)
{
    ps_begin();
    const char *const schema = "id:bigint,g:int,v:double,s:string";
    ps_write_text("c/a.csv", "csv", 0, 6000);
    ps_write_text("c/b.csv", "csv", 6000, 1500);
    ps_write_text("j/a.json", "json", 0, 6000);
    ps_write_text("j/b.json", "json", 6000, 1500);
    io_source *c = src_resolve("csv", src_path("c"), src_struct(schema),
                               (const char *const[]){"header=true", NULL});
    io_source *j = src_resolve("json", src_path("j"), src_struct(schema), NULL);
    CHECK(c && j);
    if (c && j) {
        io_plan_test_split_bytes(4099); /* ranges cut lines anywhere */
        ps_same(ps_select(ps_read(c)), 500, "csv select");
        ps_same(ps_agg(ps_read(c)), 500, "csv aggregate");
        ps_same(ps_select(ps_read(j)), 500, "json select");
        ps_same(ps_agg(ps_read(j)), 500, "json aggregate");
        io_plan_test_split_bytes(0);
        /* the serial rows are the same as without any splitting */
        CHECK(strcmp(ps_run(ps_select(ps_read(c)), 1, 0), ps_run(ps_select(ps_read(j)), 1, 0)) ==
              0);
    }
    ps_end();
}

/* A read failure inside a later part surfaces as the serial scan's error: a malformed CSV row
   under FAILFAST near the end of the file (rows before it are returned by neither run). */
EM_TEST(par_scan_error_in_order)
{
    ps_begin();
    ps_write_text("e/a.csv", "csv", 0, 6000);
    src_write("e/b.csv", "id,g,v,s\n1,2,3.0,x\nnot-a-number,1,1.0,y\n2,2,2.0,z\n", -1);
    io_source *bad =
        src_resolve("csv", src_path("e"), src_struct("id:bigint,g:int,v:double,s:string"),
                    (const char *const[]){"header=true", "mode=FAILFAST", NULL});
    CHECK(bad != NULL);
    if (bad) {
        io_plan_test_split_bytes(4099);
        const char *serial = ps_run(ps_select(ps_read(bad)), 1, 0);
        CHECK(strncmp(serial, "ERROR:FAILED_READ_FILE", 22) == 0);
        CHECK_EQ_STR(ps_run(ps_select(ps_read(bad)), 2, 500), serial);
        CHECK_EQ_STR(ps_run(ps_agg(ps_read(bad)), 4, 500), serial);
        io_plan_test_split_bytes(0);
    }
    ps_end();
}

/* ---- pushed filters -------------------------------------------------------------------------- */

/* Filter(cond) over the scan, with cond also pushed into the scan when push. */
static pl_node *ps_filtered(const io_source *s, pl_expr *(*cond)(pl_node *r), bool push)
{
    pl_node *r = ps_read(s);
    pl_expr *c = cond(r);
    if (push) {
        r->u.read.n_pushed_filters = 1;
        r->u.read.pushed_filters = em_arena_calloc(&T.a, 1, sizeof(pl_expr *));
        r->u.read.pushed_filters[0] = c;
    }
    pl_node *f = t_filter(r, c);
    pl_expr *pe[] = {t_col(f, 0), t_col(f, 2)};
    const char *pn[] = {"id", "v"};
    return t_project(f, 2, pe, pn);
}

/* id >= 4500 AND v < 1200.0 */
static pl_expr *ps_cond_range(pl_node *r)
{
    return t_call("and", 2, t_call(">=", 2, t_col(r, 0), t_lit_long(4500)),
                  t_call("<", 2, t_col(r, 2), t_lit_double(1200.0)));
}

/* 4900 < id (a literal on the left) */
static pl_expr *ps_cond_flipped(pl_node *r)
{
    return t_call("<", 2, t_lit_long(4900), t_col(r, 0));
}

/* CAST(g AS BIGINT) IN (2L, 9L), with the cast written out (the analyzer's implicit one) */
static pl_expr *ps_cond_in(pl_node *r)
{
    return t_call("in", 3, t_cast(t_col(r, 1), ty_long()), t_lit_long(2), t_lit_long(9));
}

/* v > 1e9: only NaN rows match (NaN is above every value) */
static pl_expr *ps_cond_nan(pl_node *r)
{
    return t_call(">", 2, t_col(r, 2), t_lit_double(1e9));
}

/* id IS NULL: no row group of id has a NULL */
static pl_expr *ps_cond_isnull(pl_node *r)
{
    return t_call("isnull", 1, t_col(r, 0));
}

/* g IS NOT NULL AND id <= 10 */
static pl_expr *ps_cond_notnull(pl_node *r)
{
    return t_call("and", 2, t_call("isnotnull", 1, t_col(r, 1)),
                  t_call("<=", 2, t_col(r, 0), t_lit_long(10)));
}

/* k = 'b' on the partition column */
static pl_expr *ps_cond_part(pl_node *r)
{
    return t_call("=", 2, t_col(r, 4), t_lit_str("b"));
}

EM_TEST(par_scan_pushed_filters)
{
    ps_begin();
    ps_write_pq("t/a.parquet", 0, 5000, 500);
    io_source *s = src_resolve("parquet", src_path("t"), NULL, NULL);
    CHECK(s != NULL);
    if (s) {
        struct {
            pl_expr *(*cond)(pl_node *);
            int64_t skipped; /* of 10 row groups */
        } cases[] = {
            /* ids >= 4500 are in rg 9; v = id / 4 < 1200 needs id < 4800: rg 9 kept */
            {ps_cond_range, 9},
            {ps_cond_flipped, 9},
            /* g = id % 7 takes 2 in every row group */
            {ps_cond_in, 0},
            /* NaN rows (id % 97 == 5) are in every row group and beyond the bounds */
            {ps_cond_nan, 0},
            {ps_cond_isnull, 10},
            /* g has NULLs (id % 11 == 3) in every row group, so only id <= 10 prunes */
            {ps_cond_notnull, 9},
        };
        for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
            const char *plain = ps_run(ps_filtered(s, cases[i].cond, false), 1, 0);
            CHECK(strncmp(plain, "ERROR", 5) != 0);
            for (int threads = 1; threads <= 4; threads += 3) {
                io_prune_stats_reset();
                const char *pushed = ps_run(ps_filtered(s, cases[i].cond, true), threads, 700);
                io_prune_stats st;
                io_prune_stats_get(&st);
                if (strcmp(pushed, plain) != 0)
                    fprintf(stderr, "case %zu, %d threads: %.200s\n  want %.200s\n", i, threads,
                            pushed, plain);
                CHECK(strcmp(pushed, plain) == 0);
                CHECK_EQ_INT(st.row_groups, 10);
                CHECK_EQ_INT(st.row_groups_skipped, cases[i].skipped);
            }
        }
    }
    ps_write_pq("p/k=a/f.parquet", 0, 1000, 100);
    ps_write_pq("p/k=b/f.parquet", 1000, 1000, 100);
    ps_write_pq("p/k=c/f.parquet", 2000, 1000, 100);
    io_source *p = src_resolve("parquet", src_path("p"), NULL, NULL);
    CHECK(p != NULL);
    if (p) {
        const char *plain = ps_run(ps_filtered(p, ps_cond_part, false), 1, 0);
        for (int threads = 1; threads <= 4; threads += 3) {
            io_prune_stats_reset();
            CHECK_EQ_STR(ps_run(ps_filtered(p, ps_cond_part, true), threads, 100), plain);
            io_prune_stats st;
            io_prune_stats_get(&st);
            CHECK_EQ_INT(st.files, 3);
            CHECK_EQ_INT(st.files_skipped, 2);
        }
    }
    ps_end();
}

int main(int argc, char **argv)
{
    return em_test_main(argc, argv);
}
