/*
 * test_parallel: the morsel-driven scheduler (exec/ex_par.c, common/em_pool.c), interrupt
 * latency and the per-query memory budget.
 *
 * Expected values are computed from Spark's semantics of the queries (closed forms of sums over
 * spark.range, Spark's first-seen output order of a single-partition hash aggregate, source
 * order of a single-partition scan), never taken from Ember's output. Every parallel case is
 * run with 1 and 4 threads and tiny morsels, so the scheduler really splits the input.
 */
#include <pthread.h>
#include <time.h>

#include "common/em_pool.h"
#include "ex_test_util.h"

static double t_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void t_threads(int threads, int64_t morsel_rows)
{
    T.opts.threads = threads;
    T.opts.morsel_rows = morsel_rows;
}

/* spark.range(n).select((id % 100).alias("k"), id).groupBy("k").agg(sum("id"), count("*"),
   min("id"), max("id")) */
static pl_node *t_scan_agg(int64_t n)
{
    pl_node *r = t_range(0, n, 1);
    pl_expr *pe[] = {t_call("%", 2, t_col(r, 0), t_lit_long(100)), t_col(r, 0)};
    const char *pn[] = {"k", "id"};
    pl_node *p = t_project(r, 2, pe, pn);
    pl_expr **g = em_arena_calloc(&T.a, 1, sizeof *g);
    g[0] = t_col(p, 0);
    pl_expr **a = em_arena_calloc(&T.a, 4, sizeof *a);
    a[0] = t_call("sum", 1, t_col(p, 1));
    a[1] = t_call("count", 1, t_lit_int(1));
    a[2] = t_call("min", 1, t_col(p, 1));
    a[3] = t_call("max", 1, t_col(p, 1));
    const char *on[] = {"k", "sum(id)", "count(1)", "min(id)", "max(id)"};
    return t_aggregate(p, 1, g, 4, a, on);
}

/* Groups come out in first-seen order (k = 0, 1, ..., 99 for range); per group k over
   range(n), n a multiple of 100: m = n / 100 rows k + 100 j, sum = m k + 100 m (m - 1) / 2. */
EM_TEST(parallel_hash_aggregate_matches_serial_semantics)
{
    int64_t n = 200000;
    for (int threads = 1; threads <= 4; threads += 3) {
        t_begin(true);
        t_threads(threads, 1000);
        vec_batch *b = t_run(t_scan_agg(n));
        CHECK(b != NULL);
        if (!b) {
            t_end();
            continue;
        }
        CHECK_EQ_INT(b->n_rows, 100);
        int64_t m = n / 100;
        bool ok = true;
        for (int64_t k = 0; k < b->n_rows && ok; k++) {
            char want[128];
            snprintf(want, sizeof want, "%lld", (long long)(m * k + 100 * m * (m - 1) / 2));
            ok = VEC_VALUES(b->cols[0], int64_t)[k] == k &&
                 VEC_VALUES(b->cols[1], int64_t)[k] == m * k + 100 * m * (m - 1) / 2 &&
                 VEC_VALUES(b->cols[2], int64_t)[k] == m &&
                 VEC_VALUES(b->cols[3], int64_t)[k] == k &&
                 VEC_VALUES(b->cols[4], int64_t)[k] == k + 100 * (m - 1);
            if (!ok)
                fprintf(stderr, "threads %d group %lld: %s\n", threads, (long long)k, t_rows(b));
        }
        CHECK(ok);
        vec_batch_free(b);
        t_end();
    }
}

/* Global aggregate (no grouping) over a filtered range: count and sum of ids with
   id % 7 == 3 below n. */
EM_TEST(parallel_global_aggregate)
{
    int64_t n = 100000;
    int64_t cnt = 0, sum = 0;
    for (int64_t i = 3; i < n; i += 7)
        cnt++, sum += i;
    char want[64];
    snprintf(want, sizeof want, "%lld,%lld", (long long)cnt, (long long)sum);
    for (int threads = 1; threads <= 4; threads += 3) {
        t_begin(true);
        t_threads(threads, 777);
        pl_node *r = t_range(0, n, 1);
        pl_node *f =
            t_filter(r, t_call("==", 2, t_call("%", 2, t_col(r, 0), t_lit_long(7)), t_lit_long(3)));
        pl_expr *a[] = {t_call("count", 1, t_lit_int(1)), t_call("sum", 1, t_col(f, 0))};
        vec_batch *b = t_run(t_aggregate(f, 0, NULL, 2, a, NULL));
        CHECK_EQ_STR(t_rows(b), want);
        vec_batch_free(b);
        t_end();
    }
}

/* A plain pipeline keeps the source order (Spark: one partition is read in order). */
EM_TEST(parallel_gather_keeps_source_order)
{
    int64_t n = 50000;
    for (int threads = 1; threads <= 4; threads += 3) {
        t_begin(true);
        t_threads(threads, 500);
        pl_node *r = t_range(0, n, 1);
        pl_node *f =
            t_filter(r, t_call("==", 2, t_call("%", 2, t_col(r, 0), t_lit_long(3)), t_lit_long(1)));
        pl_expr *pe[] = {t_call("*", 2, t_col(f, 0), t_lit_long(2))};
        vec_batch *b = t_run(t_project(f, 1, pe, NULL));
        CHECK(b != NULL);
        int64_t want_rows = 0;
        for (int64_t i = 1; i < n; i += 3)
            want_rows++;
        CHECK_EQ_INT(b ? b->n_rows : -1, want_rows);
        bool ok = b != NULL;
        for (int64_t i = 0; b && i < b->n_rows && ok; i++)
            ok = VEC_VALUES(b->cols[0], int64_t)[i] == (1 + 3 * i) * 2;
        CHECK(ok);
        vec_batch_free(b);
        t_end();
    }
}

/* first() depends on row order: the aggregate stays serial above an ordered gather, so the
   first value of each group is the first in source order (Spark, one partition). */
EM_TEST(parallel_order_sensitive_aggregate_stays_exact)
{
    t_begin(true);
    t_threads(4, 300);
    pl_node *r = t_range(0, 30000, 1);
    pl_expr *pe[] = {t_call("%", 2, t_col(r, 0), t_lit_long(10)),
                     t_call("+", 2, t_col(r, 0), t_lit_long(1))};
    const char *pn[] = {"k", "v"};
    pl_node *p = t_project(r, 2, pe, pn);
    pl_expr *g[] = {t_col(p, 0)};
    pl_expr *a[] = {t_call("first", 1, t_col(p, 1)), t_call("last", 1, t_col(p, 1))};
    vec_batch *b = t_run(t_aggregate(p, 1, g, 2, a, NULL));
    CHECK_EQ_STR(t_rows(b), "0,1,29991|1,2,29992|2,3,29993|3,4,29994|4,5,29995|5,6,29996|"
                            "6,7,29997|7,8,29998|8,9,29999|9,10,30000");
    vec_batch_free(b);
    t_end();
}

/* The first error in source order wins, as in a serial scan: under ANSI 10 / (id - 70000)
   raises DIVIDE_BY_ZERO (Spark's class, SQLSTATE 22012) whichever worker meets it. */
EM_TEST(parallel_errors_are_the_serial_ones)
{
    t_begin(true);
    t_threads(4, 1000);
    pl_node *r = t_range(0, 100000, 1);
    pl_expr *pe[] = {
        t_call("div", 2, t_lit_long(10), t_call("-", 2, t_col(r, 0), t_lit_long(70000)))};
    vec_batch *b = t_run(t_project(r, 1, pe, NULL));
    CHECK(b == NULL);
    CHECK_EQ_STR(T.err.error_class, "DIVIDE_BY_ZERO");
    CHECK_EQ_STR(T.err.sqlstate, "22012");
    vec_batch_free(b);
    t_end();
}

/* A LocalRelation with many batches, filtered in parallel: rows in input order. */
EM_TEST(parallel_local_relation)
{
    t_begin(true);
    t_threads(4, 64);
    pl_node *n = pl_node_new(&T.a, PL_LOCAL, 0);
    n->n_out = 1;
    n->out = em_arena_calloc(&T.a, 1, sizeof *n->out);
    n->out[0] = t_attr("x", ty_long(), true);
    ty_field f = {.name = "x", .type = ty_long(), .nullable = true};
    n->u.local.schema = ty_struct(&T.a, 1, &f);
    n->resolved = true;
    for (int bi = 0; bi < 40; bi++) {
        int64_t vals[50];
        for (int i = 0; i < 50; i++)
            vals[i] = bi * 50 + i;
        vec_batch *b = vec_batch_new(1, 50);
        b->cols[0] = t_fixed(ty_long(), 50, vals, NULL);
        pl_local_add_batch(&T.a, n, b);
    }
    pl_node *flt = t_filter(n, t_call(">=", 2, t_col(n, 0), t_lit_long(1990)));
    vec_batch *b = t_run(flt);
    CHECK_EQ_STR(t_rows(b), "1990|1991|1992|1993|1994|1995|1996|1997|1998|1999");
    vec_batch_free(b);
    t_end();
}

typedef struct t_bg {
    const pl_node *plan;
    pl_session_opts opts;
    ex_query *q;
    em_error err;
    int rc;
    double t_end;
    pthread_mutex_t mu;
    bool opened;
} t_bg;

static void *t_bg_run(void *arg)
{
    t_bg *bg = arg;
    em_error_clear(&bg->err);
    ex_query *q = ex_open(bg->plan, &bg->opts, &bg->err);
    pthread_mutex_lock(&bg->mu);
    bg->q = q;
    bg->opened = true;
    pthread_mutex_unlock(&bg->mu);
    int rc = -1;
    if (q) {
        vec_batch *b;
        while ((rc = ex_next(q, &b, &bg->err)) > 0)
            vec_batch_free(b);
    }
    bg->rc = rc;
    bg->t_end = t_now();
    return NULL;
}

/* Starts plan on a thread, cancels it after delay seconds, returns the seconds from the cancel
   to the end of the query (the query is closed). */
static double t_cancel_after(const pl_node *plan, double delay, em_error *err_out)
{
    t_bg bg = {.plan = plan, .opts = T.opts};
    pthread_mutex_init(&bg.mu, NULL);
    pthread_t th;
    pthread_create(&th, NULL, t_bg_run, &bg);
    struct timespec ts = {.tv_sec = (time_t)delay,
                          .tv_nsec = (long)((delay - (double)(time_t)delay) * 1e9)};
    nanosleep(&ts, NULL);
    pthread_mutex_lock(&bg.mu);
    double t0 = t_now();
    ex_cancel(bg.q);
    pthread_mutex_unlock(&bg.mu);
    pthread_join(th, NULL);
    ex_close(bg.q);
    pthread_mutex_destroy(&bg.mu);
    *err_out = bg.err;
    return bg.t_end - t0;
}

/* Interrupting spark.range(100000).crossJoin(spark.range(100000)).count() ends the query with
   OPERATION_CANCELED well within a second (target: 100 ms). */
EM_TEST(cancel_cross_join_count)
{
    t_begin(true);
    t_threads(2, 0);
    pl_node *l = t_range(0, 100000, 1), *r = t_range(0, 100000, 1);
    pl_node *j = pl_node_new(&T.a, PL_JOIN, 2);
    j->children[0] = l;
    j->children[1] = r;
    j->u.join.type = PL_JOIN_CROSS;
    j->n_out = 2;
    j->out = em_arena_calloc(&T.a, 2, sizeof *j->out);
    j->out[0] = l->out[0];
    j->out[1] = r->out[0];
    j->resolved = true;
    pl_expr *a[] = {t_call("count", 1, t_lit_int(1))};
    pl_node *agg = t_aggregate(j, 0, NULL, 1, a, NULL);
    em_error err;
    double secs = t_cancel_after(agg, 0.3, &err);
    CHECK_EQ_STR(err.error_class, "OPERATION_CANCELED");
    fprintf(stderr, "cross join count: canceled in %.1f ms\n", secs * 1000);
    CHECK(secs < 1.0);
    t_end();
}

/* Interrupting a parallel aggregate and a parallel sort input stops the workers promptly. */
EM_TEST(cancel_parallel_aggregate_and_sort)
{
    t_begin(true);
    t_threads(4, 0);
    em_error err;
    double secs = t_cancel_after(t_scan_agg(2000000000), 0.3, &err);
    CHECK_EQ_STR(err.error_class, "OPERATION_CANCELED");
    fprintf(stderr, "parallel aggregate: canceled in %.1f ms\n", secs * 1000);
    CHECK(secs < 1.0);

    pl_node *r = t_range(0, 3000000, 1);
    pl_expr *o[] = {t_order(t_call("%", 2, t_col(r, 0), t_lit_long(1000)), true, false)};
    secs = t_cancel_after(t_sort(r, 1, o), 0.5, &err);
    CHECK_EQ_STR(err.error_class, "OPERATION_CANCELED");
    fprintf(stderr, "sort: canceled in %.1f ms\n", secs * 1000);
    CHECK(secs < 1.0);
    t_end();
}

/* Under spark.ember.memory.limit = 64m, what cannot spill fails with Spark's
   UNABLE_TO_ACQUIRE_MEMORY (SQLSTATE 53200), serially and in parallel: a cross join buffering
   10M rows (sort, aggregate and hash joins spill instead: test_spill.c); afterwards queries run
   normally. */
EM_TEST(memory_limit_fails_cleanly)
{
    for (int threads = 1; threads <= 2; threads++) {
        t_begin(true);
        t_threads(threads, 0);
        T.opts.memory_limit = 64LL << 20;
        pl_node *l = t_range(0, 10, 1), *r = t_range(0, 10000000, 1);
        pl_node *j = pl_node_new(&T.a, PL_JOIN, 2);
        j->children[0] = l;
        j->children[1] = r;
        j->u.join.type = PL_JOIN_CROSS;
        j->n_out = 2;
        j->out = em_arena_calloc(&T.a, 2, sizeof *j->out);
        j->out[0] = l->out[0];
        j->out[1] = r->out[0];
        j->resolved = true;
        pl_expr *a2[] = {t_call("count", 1, t_lit_int(1))};
        vec_batch *b = t_run(t_aggregate(j, 0, NULL, 1, a2, NULL));
        CHECK(b == NULL);
        CHECK_EQ_STR(T.err.error_class, "UNABLE_TO_ACQUIRE_MEMORY");
        CHECK_EQ_STR(T.err.sqlstate, "53200");
        CHECK_EQ_STR(T.err.jvm_class, "org.apache.spark.memory.SparkOutOfMemoryError");
        vec_batch_free(b);

        /* the same session keeps working */
        pl_node *small = t_range(0, 1000, 1);
        pl_expr *a3[] = {t_call("count", 1, t_lit_int(1))};
        b = t_run(t_aggregate(small, 0, NULL, 1, a3, NULL));
        CHECK_EQ_STR(t_rows(b), "1000");
        vec_batch_free(b);
        t_end();
    }
}

typedef struct t_pool_job {
    pthread_mutex_t mu;
    int left;
    int ran;
} t_pool_job;

static bool t_pool_work(void *arg)
{
    t_pool_job *j = arg;
    pthread_mutex_lock(&j->mu);
    bool did = j->left > 0;
    if (did) {
        j->left--;
        j->ran++;
    }
    pthread_mutex_unlock(&j->mu);
    if (did) {
        struct timespec ts = {0, 200000};
        nanosleep(&ts, NULL);
    }
    return did;
}

/* Round-robin: a short job added while a long one runs finishes long before the long one. */
EM_TEST(pool_shares_workers_round_robin)
{
    em_pool *p = em_pool_shared(2);
    t_pool_job big = {.left = 4000}, small = {.left = 20};
    pthread_mutex_init(&big.mu, NULL);
    pthread_mutex_init(&small.mu, NULL);
    em_pool_job *jb = em_pool_job_add(p, t_pool_work, &big);
    struct timespec ts = {0, 5000000};
    nanosleep(&ts, NULL);
    em_pool_job *js = em_pool_job_add(p, t_pool_work, &small);
    for (int i = 0; i < 2000; i++) {
        pthread_mutex_lock(&small.mu);
        int left = small.left;
        pthread_mutex_unlock(&small.mu);
        if (left == 0)
            break;
        nanosleep(&ts, NULL);
    }
    pthread_mutex_lock(&big.mu);
    int big_left = big.left;
    pthread_mutex_unlock(&big.mu);
    CHECK_EQ_INT(small.ran, 20);
    CHECK(big_left > 3000); /* the short job did not wait for the long one */
    em_pool_job_remove(p, js);
    em_pool_job_remove(p, jb);
    pthread_mutex_destroy(&big.mu);
    pthread_mutex_destroy(&small.mu);
}

int main(int c, char **v)
{
    return em_test_main(c, v);
}
