/*
 * test_spill_ops: spilling of Window, set operations and Deduplicate, the memory accounting of
 * Tail and collect_list, and the spill folder option (exec/op_window.c, op_setop.c,
 * op_dedup.c, op_limit.c, ex_spill*.c, functions/fn_agg_collect.c).
 *
 * Queries run through the real front end (SQL -> analyzer -> executor). Expected rows come
 * from Spark's semantics, computed here independently of the engine: row_number over
 * PARTITION BY k ORDER BY id of range(n) with k = id % g numbers the ids of k in order, and the
 * window output is sorted by (k, id) (one coalesced partition, as Spark's AQE gives); set
 * operations keep rows by multiplicity (Spark's RewriteIntersectAll / RewriteExceptAll:
 * min(l, r) and l - r copies; distinct forms once) in first-seen order, and dropDuplicates keeps
 * each key's first row. On top, every spilled run must return exactly the rows of the
 * unlimited run, in the same order (an order-sensitive digest of every cell), and leave no
 * file nor descriptor behind.
 */
#include <dirent.h>
#include <pthread.h>
#include <time.h>
#include <unistd.h>

#include "analyzer/an.h"
#include "ex_test_util.h"
#include "sql/sql.h"
#include "types/ty_order.h"

/* Inputs shrink with tiny batches (the permutation runs under ASan) but stay many times the
   budget, which shrinks with them. */
static int64_t t_scale(int64_t n)
{
    return T.opts.batch_rows >= 256 ? n : n / 10;
}

/* ---- running ----------------------------------------------------------------------------------
 */

typedef bool (*t_check_fn)(void *ctx, const vec_batch *b, int64_t first_row);

typedef struct t_out {
    int rc;
    int64_t rows;
    uint64_t digest;
    int64_t spilled;
} t_out;

static pl_node *t_plan(const char *sql)
{
    pl_node *plan = NULL, *res = NULL;
    an_env env = {.opts = &T.opts};
    em_error_clear(&T.err);
    if (sql_parse_statement(sql, &T.a, &plan, &T.err) ||
        an_resolve(&env, &T.a, plan, &res, &T.err)) {
        fprintf(stderr, "%s: %s\n", sql, T.err.message);
        return NULL;
    }
    return res;
}

static t_out t_exec(const pl_node *plan, t_check_fn check, void *ctx, bool *check_ok)
{
    t_out o = {0};
    em_error_clear(&T.err);
    ex_query *q = plan ? ex_open(plan, &T.opts, &T.err) : NULL;
    if (!q) {
        o.rc = -1;
        return o;
    }
    vec_batch *b;
    while ((o.rc = ex_next(q, &b, &T.err)) > 0) {
        for (int64_t r = 0; r < b->n_rows; r++) {
            uint64_t h = 0x9e3779b97f4a7c15ULL;
            for (int c = 0; c < b->n_cols; c++)
                h = ty_hash_cell(b->cols[c], r, h);
            o.digest = (o.digest ^ h) * 0x100000001b3ULL;
        }
        if (check && !check(ctx, b, o.rows))
            *check_ok = false;
        o.rows += b->n_rows;
        vec_batch_free(b);
    }
    o.spilled = ex_spilled_bytes(q);
    ex_close(q);
    return o;
}

static int t_count_entries(const char *dir)
{
    int n = 0;
    DIR *d = opendir(dir);
    if (!d)
        return -1;
    struct dirent *e;
    while ((e = readdir(d)))
        n += e->d_name[0] != '.';
    closedir(d);
    return n;
}

static char t_dir[64];
static int t_fds;

static void t_start(void)
{
    t_begin(true);
    snprintf(t_dir, sizeof t_dir, "/tmp/ember-spill-ops-XXXXXX");
    CHECK(mkdtemp(t_dir) != NULL);
    T.opts.spill_dir = t_dir;
    t_fds = t_count_entries("/proc/self/fd");
}

static void t_finish(void)
{
    CHECK_EQ_INT(t_count_entries("/proc/self/fd"), t_fds);
    CHECK_EQ_INT(t_count_entries(t_dir), 0);
    rmdir(t_dir);
    t_end();
}

/* Runs plan under `limit` and unlimited: same rows in the same order; the limited run spilled. */
static void t_same(const char *what, const pl_node *plan, int64_t limit, t_check_fn check,
                   void *ctx)
{
    bool ok = true;
    T.opts.memory_limit = limit;
    t_out lim = t_exec(plan, check, ctx, &ok);
    if (lim.rc)
        fprintf(stderr, "%s: %s\n", what, T.err.message);
    CHECK_EQ_INT(lim.rc, 0);
    CHECK(ok);
    CHECK(lim.spilled > 0);
    T.opts.memory_limit = 0;
    t_out all = t_exec(plan, NULL, NULL, NULL);
    CHECK_EQ_INT(all.rc, 0);
    CHECK_EQ_INT(all.spilled, 0);
    CHECK_EQ_INT(all.rows, lim.rows);
    if (all.digest != lim.digest)
        fprintf(stderr, "%s: spilling changed the rows\n", what);
    CHECK(all.digest == lim.digest);
    fprintf(stderr, "%s: %lld rows, %lld bytes spilled\n", what, (long long)lim.rows,
            (long long)lim.spilled);
}

static int64_t t_long(const vec_batch *b, int c, int64_t r)
{
    const vec *v = b->cols[c];
    if (v->type->kind == TY_INT)
        return VEC_VALUES(v, int32_t)[r];
    return VEC_VALUES(v, int64_t)[r];
}

/* ---- window -----------------------------------------------------------------------------------
 */

typedef struct t_win_check {
    int64_t n, g;
} t_win_check;

/* (k, id, rn): rows sorted by (k, id); rn = id / g + 1 (the ids of k are k, k + g, ...). */
static bool t_win_checker(void *ctx, const vec_batch *b, int64_t first)
{
    t_win_check *c = ctx;
    int64_t per = c->n / c->g; /* n is a multiple of g */
    for (int64_t r = 0; r < b->n_rows; r++) {
        int64_t i = first + r, k = i / per, j = i % per;
        if (t_long(b, 0, r) != k || t_long(b, 1, r) != k + j * c->g || t_long(b, 2, r) != j + 1)
            return false;
    }
    return true;
}

/* Windows over inputs many times the budget: one spec (checked row by row), then three specs
   (two sorts, TransposeWindow, a RANGE frame, strings, lag with NULLs) against the unlimited
   run. */
EM_TEST(window_spills_under_limit)
{
    t_start();
    int64_t n = t_scale(300000), g = 1000;
    char sql[2048];
    snprintf(sql, sizeof sql,
             "SELECT k, id, row_number() OVER (PARTITION BY k ORDER BY id) AS rn "
             "FROM (SELECT id, id %% %lld AS k FROM range(%lld))",
             (long long)g, (long long)n);
    t_win_check c = {n, g};
    t_same("window rn", t_plan(sql), n * 8, t_win_checker, &c);
    snprintf(sql, sizeof sql,
             "SELECT id, k, s, sum(id) OVER (PARTITION BY k) AS t, "
             "lag(s) OVER (PARTITION BY k, k2 ORDER BY id DESC) AS prev, "
             "count(s) OVER (PARTITION BY k2 ORDER BY id RANGE BETWEEN 3 PRECEDING AND CURRENT "
             "ROW) AS c, rank() OVER (PARTITION BY k ORDER BY s) AS rk "
             "FROM (SELECT id, id * 7919 %% 997 AS k, id %% 389 AS k2, "
             "CASE WHEN id %% 11 = 0 THEN NULL ELSE CAST(id AS STRING) END AS s FROM range(%lld))",
             (long long)n);
    t_same("window specs", t_plan(sql), n * 8, NULL, NULL);
    t_finish();
}

/* A window partition larger than the budget (no PARTITION BY: one partition) cannot spill:
   UNABLE_TO_ACQUIRE_MEMORY, nothing left behind. */
EM_TEST(window_partition_too_large_fails)
{
    t_start();
    int64_t n = t_scale(300000);
    char sql[512];
    snprintf(sql, sizeof sql, "SELECT id, row_number() OVER (ORDER BY id %% 7) FROM range(%lld)",
             (long long)n);
    T.opts.memory_limit = n * 4;
    t_out o = t_exec(t_plan(sql), NULL, NULL, NULL);
    CHECK(o.rc < 0);
    CHECK_EQ_STR(T.err.error_class, "UNABLE_TO_ACQUIRE_MEMORY");
    CHECK_EQ_STR(T.err.sqlstate, "53200");
    t_finish();
}

/* ---- set operations and Deduplicate --------------------------------------------------------- */

/* The expected values of column 0 (row by row) and their count. */
typedef struct t_seq {
    int64_t *v;
    int64_t n;
} t_seq;

static bool t_seq_checker(void *ctx, const vec_batch *b, int64_t first)
{
    t_seq *s = ctx;
    for (int64_t r = 0; r < b->n_rows; r++) {
        if (first + r >= s->n || t_long(b, 0, r) != s->v[first + r])
            return false;
        /* column 1 is the value as a string */
        char want[32];
        int wl = snprintf(want, sizeof want, "%lld", (long long)s->v[first + r]);
        int32_t len;
        const char *p = vec_str(b->cols[1], r, &len);
        if (len != wl || memcmp(p, want, (size_t)len) != 0)
            return false;
    }
    return true;
}

/* L = id % 30000 over range(100000) (values 0..29999 first seen in order, each 4 times below
   10000, else 3 times); R = (id % 15000) * 3 over range(30000) (multiples of 3 below 45000,
   twice each). */
#define T_LN 100000
#define T_LM 30000
#define T_RN 30000
#define T_RM 15000

static int64_t t_lcount(int64_t v, int64_t ln, int64_t lm)
{
    return v < lm ? ln / lm + (v < ln % lm) : 0;
}

static int64_t t_rcount(int64_t v, int64_t rn, int64_t rm)
{
    return v % 3 == 0 && v / 3 < rm ? rn / rm + (v / 3 < rn % rm) : 0;
}

/* Every set operation of L = id % lm over range(ln) and R = (id % rm) * 3 over range(rn) under
   `limit`, row by row against the expected sequence. */
static void t_setops(int64_t ln, int64_t lm, int64_t rn, int64_t rm, int64_t limit)
{
    char l[256], r[256], sql[1024], what[64];
    snprintf(l, sizeof l,
             "SELECT id %% %lld AS v, CAST(id %% %lld AS STRING) AS s FROM range(%lld)",
             (long long)lm, (long long)lm, (long long)ln);
    snprintf(r, sizeof r,
             "SELECT (id %% %lld) * 3 AS v, CAST((id %% %lld) * 3 AS STRING) AS s FROM range(%lld)",
             (long long)rm, (long long)rm, (long long)rn);
    static const char *const ops[] = {"UNION", "INTERSECT", "EXCEPT", "INTERSECT ALL",
                                      "EXCEPT ALL"};
    for (int op = 0; op < 5; op++) {
        t_seq s = {em_malloc((size_t)(ln + rn) * sizeof(int64_t)), 0};
        for (int64_t v = 0; v < lm; v++) {
            int64_t nl = t_lcount(v, ln, lm), nr = t_rcount(v, rn, rm), copies = 0;
            switch (op) {
            case 0:
            case 1:
            case 2:
                copies = op == 0 || (op == 1) == (nr > 0);
                break;
            case 3:
                copies = nl < nr ? nl : nr;
                break;
            default:
                copies = nl - nr > 0 ? nl - nr : 0;
            }
            for (int64_t i = 0; i < copies; i++)
                s.v[s.n++] = v;
        }
        if (op == 0) /* then the right rows not seen on the left, in their first-seen order */
            for (int64_t i = 0; i < rm; i++)
                if (i * 3 >= lm)
                    s.v[s.n++] = i * 3;
        snprintf(sql, sizeof sql, "%s %s %s", l, ops[op], r);
        snprintf(what, sizeof what, "%s (right %lld rows)", ops[op], (long long)rn);
        t_same(what, t_plan(sql), limit, t_seq_checker, &s);
        CHECK(s.n > 0);
        em_free(s.v);
    }
}

/* Both sides outgrow the budget (the right set goes to the partitions while it is drained),
   then a small right side stays in memory while the left rows outgrow it. */
EM_TEST(setops_spill_under_limit)
{
    t_start();
    int64_t ln = t_scale(T_LN), lm = t_scale(T_LM);
    t_setops(ln, lm, t_scale(T_RN), t_scale(T_RM), ln * 4);
    t_setops(ln, lm, 100, 40, ln * 4);
    t_finish();
}

/* dropDuplicates(k) over (k = id % 70000, id, s): each k's first row (id = k), in order. */
static bool t_dedup_checker(void *ctx, const vec_batch *b, int64_t first)
{
    (void)ctx;
    for (int64_t r = 0; r < b->n_rows; r++)
        if (t_long(b, 0, r) != first + r || t_long(b, 1, r) != first + r)
            return false;
    return true;
}

static pl_node *t_dedup(pl_node *child, int n_keys, const int *keys)
{
    pl_node *d = t_unary(PL_DEDUP, child);
    d->u.dedup.n_keys = n_keys;
    d->u.dedup.keys = em_arena_calloc(&T.a, (size_t)(n_keys ? n_keys : 1), sizeof(int));
    for (int k = 0; k < n_keys; k++)
        d->u.dedup.keys[k] = keys[k];
    d->u.dedup.all_columns_as_keys = n_keys == 0;
    return d;
}

/* DISTINCT over (k = id % m, str(k)): k = 0, 1, ... in order. */
static bool t_distinct_checker(void *ctx, const vec_batch *b, int64_t first)
{
    (void)ctx;
    for (int64_t r = 0; r < b->n_rows; r++)
        if (t_long(b, 0, r) != first + r)
            return false;
    return true;
}

EM_TEST(dedup_spills_under_limit)
{
    t_start();
    int64_t n = t_scale(300000), m = t_scale(70000);
    char sql[512];
    snprintf(sql, sizeof sql,
             "SELECT id %% %lld AS k, id, CAST(id * 13 AS STRING) AS s FROM range(%lld)",
             (long long)m, (long long)n);
    int key = 0;
    t_same("dropDuplicates(k)", t_dedup(t_plan(sql), 1, &key), n * 2, t_dedup_checker, NULL);
    snprintf(sql, sizeof sql, "SELECT id %% %lld AS k, CAST(id %% %lld AS STRING) FROM range(%lld)",
             (long long)m, (long long)m, (long long)n);
    t_same("distinct", t_dedup(t_plan(sql), 0, NULL), n * 2, t_distinct_checker, NULL);
    t_finish();
}

/* ---- forced spilling --------------------------------------------------------------------------
 */

/* Small inputs with NULLs, NaN / -0.0, strings: forced spilling gives the unforced rows in the
   unforced order (every set operation, Deduplicate, several window specs). */
EM_TEST(forced_spilling_matches_in_memory)
{
    t_start();
    const char *tab = "(SELECT id, CASE WHEN id % 5 = 0 THEN NULL ELSE id % 17 END AS k, "
                      "CASE WHEN id % 7 = 0 THEN CAST('NaN' AS DOUBLE) WHEN id % 7 = 1 THEN -0.0D "
                      "WHEN id % 7 = 2 THEN 0.0D ELSE id % 4 END AS d, "
                      "CAST(id % 23 AS STRING) AS s FROM range(700))";
    const char *tab2 = "(SELECT id, CASE WHEN id % 3 = 0 THEN NULL ELSE id % 13 END AS k, "
                       "CASE WHEN id % 5 = 0 THEN CAST('NaN' AS DOUBLE) ELSE id % 3 END AS d, "
                       "CAST(id % 19 AS STRING) AS s FROM range(400))";
    static const char *const ops[] = {"UNION",  "UNION ALL",     "INTERSECT",
                                      "EXCEPT", "INTERSECT ALL", "EXCEPT ALL"};
    char sql[2048];
    int cases = 0;
    for (int op = 0; op < 6; op++) {
        snprintf(sql, sizeof sql, "SELECT k, d, s FROM %s %s SELECT k, d, s FROM %s", tab, ops[op],
                 tab2);
        pl_node *p = t_plan(sql);
        T.opts.spill_force = false;
        t_out all = t_exec(p, NULL, NULL, NULL);
        T.opts.spill_force = true;
        t_out forced = t_exec(p, NULL, NULL, NULL);
        if (forced.rc)
            fprintf(stderr, "%s: %s\n", ops[op], T.err.message);
        CHECK_EQ_INT(all.rc, 0);
        CHECK_EQ_INT(forced.rc, 0);
        CHECK(all.rows > 0);
        CHECK(op == 1 || forced.spilled > 0);
        CHECK_EQ_INT(forced.rows, all.rows);
        CHECK(forced.digest == all.digest);
        cases++;
    }
    static const char *const wins[] = {
        "SELECT id, k, d, row_number() OVER (PARTITION BY k ORDER BY d, id) FROM %s",
        "SELECT id, s, sum(d) OVER (PARTITION BY s ORDER BY id ROWS BETWEEN 2 PRECEDING AND 1 "
        "FOLLOWING), lead(k, 2) OVER (PARTITION BY k, s ORDER BY id DESC), "
        "max(id) OVER (PARTITION BY k) FROM %s",
        "SELECT id, k, dense_rank() OVER (ORDER BY k NULLS LAST), avg(id) OVER (PARTITION BY d) "
        "FROM %s",
        "SELECT id, collect_list(s) OVER (PARTITION BY k ORDER BY id RANGE BETWEEN 20 PRECEDING "
        "AND 10 FOLLOWING) FROM %s"};
    for (size_t w = 0; w < sizeof wins / sizeof wins[0]; w++) {
        snprintf(sql, sizeof sql, wins[w], tab);
        pl_node *p = t_plan(sql);
        T.opts.spill_force = false;
        t_out all = t_exec(p, NULL, NULL, NULL);
        T.opts.spill_force = true;
        t_out forced = t_exec(p, NULL, NULL, NULL);
        if (forced.rc || all.rc)
            fprintf(stderr, "window %zu: %s\n", w, T.err.message);
        CHECK_EQ_INT(all.rc, 0);
        CHECK_EQ_INT(forced.rc, 0);
        CHECK(forced.spilled > 0);
        CHECK_EQ_INT(forced.rows, all.rows);
        if (forced.digest != all.digest)
            fprintf(stderr, "window %zu: forced spilling changed the rows\n", w);
        CHECK(forced.digest == all.digest);
        cases++;
    }
    int keys[] = {1, 2};
    for (int nk = 0; nk <= 2; nk++) {
        snprintf(sql, sizeof sql, "SELECT * FROM %s", tab);
        pl_node *p = t_dedup(t_plan(sql), nk, keys);
        T.opts.spill_force = false;
        t_out all = t_exec(p, NULL, NULL, NULL);
        T.opts.spill_force = true;
        t_out forced = t_exec(p, NULL, NULL, NULL);
        CHECK_EQ_INT(forced.rc, 0);
        CHECK(forced.spilled > 0);
        CHECK_EQ_INT(forced.rows, all.rows);
        CHECK(forced.digest == all.digest);
        cases++;
    }
    CHECK_EQ_INT(cases, 13);
    T.opts.spill_force = false;
    t_finish();
}

/* ---- memory accounting ------------------------------------------------------------------------
 */

/* Tail keeps only its last rows: tail(5) over an input far above the budget runs; a tail whose
   rows exceed the budget fails cleanly. collect_list's values are charged: one group collecting
   more than the budget fails with UNABLE_TO_ACQUIRE_MEMORY (it succeeds unlimited). */
EM_TEST(tail_and_collect_are_charged)
{
    t_start();
    int64_t n = t_scale(2000000);
    char sql[512];
    snprintf(sql, sizeof sql, "SELECT id, CAST(id AS STRING) FROM range(%lld)", (long long)n);
    pl_node *tail = t_limit(PL_TAIL, t_plan(sql), 5);
    T.opts.memory_limit = 1 << 20;
    t_out o = t_exec(tail, NULL, NULL, NULL);
    CHECK_EQ_INT(o.rc, 0);
    CHECK_EQ_INT(o.rows, 5);
    pl_node *big = t_limit(PL_TAIL, t_plan(sql), n);
    o = t_exec(big, NULL, NULL, NULL);
    CHECK(o.rc < 0);
    CHECK_EQ_STR(T.err.error_class, "UNABLE_TO_ACQUIRE_MEMORY");
    snprintf(sql, sizeof sql, "SELECT size(collect_list(id)) FROM range(%lld)", (long long)n);
    pl_node *coll = t_plan(sql);
    o = t_exec(coll, NULL, NULL, NULL);
    CHECK(o.rc < 0);
    CHECK_EQ_STR(T.err.error_class, "UNABLE_TO_ACQUIRE_MEMORY");
    T.opts.memory_limit = 0;
    o = t_exec(coll, NULL, NULL, NULL);
    CHECK_EQ_INT(o.rc, 0);
    CHECK_EQ_INT(o.rows, 1);
    /* many small groups still fit (the charges are given back with the states) */
    T.opts.memory_limit = 64 << 20;
    snprintf(sql, sizeof sql,
             "SELECT k, collect_set(id %% 3) FROM (SELECT id, id %% 1000 AS k FROM range(%lld)) "
             "GROUP BY k",
             (long long)t_scale(200000));
    o = t_exec(t_plan(sql), NULL, NULL, NULL);
    CHECK_EQ_INT(o.rc, 0);
    CHECK_EQ_INT(o.rows, 1000);
    t_finish();
}

/* The spill folder is the query's own copy: the caller's buffer may change after ex_open. */
EM_TEST(spill_dir_outlives_caller_buffer)
{
    t_start();
    char buf[64];
    snprintf(buf, sizeof buf, "%s", t_dir);
    T.opts.spill_dir = buf;
    T.opts.spill_force = true;
    pl_node *p = t_plan("SELECT id % 10, row_number() OVER (PARTITION BY id % 10 ORDER BY id) "
                        "FROM range(100)");
    em_error_clear(&T.err);
    ex_query *q = ex_open(p, &T.opts, &T.err);
    CHECK(q != NULL);
    snprintf(buf, sizeof buf, "/nonexistent-ember-dir");
    int64_t rows = 0;
    vec_batch *b;
    int rc;
    while (q && (rc = ex_next(q, &b, &T.err)) > 0) {
        rows += b->n_rows;
        vec_batch_free(b);
    }
    CHECK_EQ_INT(rows, 100);
    CHECK(q && ex_spilled_bytes(q) > 0);
    ex_close(q);
    T.opts.spill_dir = t_dir;
    T.opts.spill_force = false;
    t_finish();
}

/* ---- cancellation -----------------------------------------------------------------------------
 */

typedef struct t_bg {
    const pl_node *plan;
    pl_session_opts opts;
    ex_query *q;
    em_error err;
    int rc;
    pthread_mutex_t mu;
} t_bg;

static void *t_bg_run(void *arg)
{
    t_bg *bg = arg;
    em_error_clear(&bg->err);
    ex_query *q = ex_open(bg->plan, &bg->opts, &bg->err);
    pthread_mutex_lock(&bg->mu);
    bg->q = q;
    pthread_mutex_unlock(&bg->mu);
    int rc = -1;
    if (q) {
        vec_batch *b;
        while ((rc = ex_next(q, &b, &bg->err)) > 0)
            vec_batch_free(b);
    }
    bg->rc = rc;
    return NULL;
}

/* Canceling a spilling window, set operation and Deduplicate ends them with OPERATION_CANCELED
   and leaves no file behind. */
EM_TEST(cancel_while_spilling)
{
    t_start();
    T.opts.memory_limit = 4 << 20;
    const char *sqls[] = {
        "SELECT id, row_number() OVER (PARTITION BY id % 100000 ORDER BY id) FROM range(50000000)",
        "SELECT id % 40000000 FROM range(50000000) EXCEPT SELECT id * 2 FROM range(30000000)",
        "SELECT id, count(1) OVER (PARTITION BY id % 7, id % 100001) FROM range(50000000)"};
    for (int i = 0; i < 3; i++) {
        t_bg bg = {.plan = t_plan(sqls[i]), .opts = T.opts};
        pthread_mutex_init(&bg.mu, NULL);
        pthread_t th;
        pthread_create(&th, NULL, t_bg_run, &bg);
        struct timespec ts = {0, 700 * 1000 * 1000};
        nanosleep(&ts, NULL);
        pthread_mutex_lock(&bg.mu);
        ex_cancel(bg.q);
        pthread_mutex_unlock(&bg.mu);
        pthread_join(th, NULL);
        CHECK(bg.rc < 0);
        CHECK_EQ_STR(bg.err.error_class, "OPERATION_CANCELED");
        ex_close(bg.q);
        pthread_mutex_destroy(&bg.mu);
    }
    t_finish();
}

int main(int c, char **v)
{
    /* these cases choose forced spilling themselves (the permutation run sets it for all) */
    unsetenv("EMBER_FORCE_SPILL");
    return em_test_main(c, v);
}
