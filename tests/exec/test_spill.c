/*
 * test_spill: sort, hash aggregate and hash join spilling under spark.ember.memory.limit
 * (exec/ex_spill*.c, op_sort.c, op_aggregate.c, op_join.c), forced spilling, cancellation
 * while spilling, and that no spill file outlives its query.
 *
 * Expected values come from the queries' Spark semantics, computed here independently of the
 * engine: a stable sort's order (ties keep input order), a single-partition hash aggregate's
 * first-seen group order and closed-form sums over spark.range, join cardinalities counted
 * from the key multiplicities (inner = sum of products; outer / semi / anti add or keep the
 * unmatched rows, NULL keys never match). On top, every spilled run must return exactly the
 * rows of the unlimited run, in the same order (an order-sensitive digest of every cell).
 */
#include <dirent.h>
#include <pthread.h>
#include <time.h>
#include <unistd.h>

#include "ex_test_util.h"
#include "types/ty_order.h"

/* Tiny batches (the permutation runs, under ASan) cost per batch: inputs and budgets shrink
   by this factor there, still many times the budget (several sort runs, aggregate and join
   partitions split further). Call after t_begin. */
static int64_t t_div(void)
{
    return T.opts.batch_rows >= 256 ? 1 : 20;
}

/* ---- running and digesting ------------------------------------------------------------------- */

typedef bool (*t_check_fn)(void *ctx, const vec_batch *b, int64_t first_row);

typedef struct t_out {
    int rc;
    int64_t rows;
    uint64_t digest;
    int64_t spilled;
} t_out;

/* Runs plan with T.opts, digesting every cell in order; check (optional) sees every batch. */
static t_out t_exec(const pl_node *plan, t_check_fn check, void *ctx, bool *check_ok)
{
    t_out o = {0};
    em_error_clear(&T.err);
    ex_query *q = ex_open(plan, &T.opts, &T.err);
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

static int t_count_fds(void)
{
    int n = 0;
    DIR *d = opendir("/proc/self/fd");
    if (!d)
        return -1;
    struct dirent *e;
    while ((e = readdir(d)))
        n += e->d_name[0] != '.';
    closedir(d);
    return n;
}

static int t_count_files(const char *dir)
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

/* A fresh spill folder for the test (T.opts.spill_dir). */
static void t_spill_dir(void)
{
    snprintf(t_dir, sizeof t_dir, "/tmp/ember-spill-test-XXXXXX");
    CHECK(mkdtemp(t_dir) != NULL);
    T.opts.spill_dir = t_dir;
}

static void t_spill_dir_done(void)
{
    CHECK_EQ_INT(t_count_files(t_dir), 0);
    rmdir(t_dir);
}

/* ---- plans ------------------------------------------------------------------------------------
 */

/* spark.range(n).select(id, (id * 7919 % 1000) as k, cast(id as string) as s) */
static pl_node *t_sort_input(int64_t n)
{
    pl_node *r = t_range(0, n, 1);
    pl_expr *pe[] = {
        t_col(r, 0),
        t_call("%", 2, t_call("*", 2, t_col(r, 0), t_lit_long(7919)), t_lit_long(1000)),
        t_cast(t_col(r, 0), ty_string())};
    const char *pn[] = {"id", "k", "s"};
    return t_project(r, 3, pe, pn);
}

typedef struct t_sort_check {
    int64_t last_k, last_id, sum;
} t_sort_check;

/* orderBy(k): k ascending, ties in input (id) order, s = str(id). */
static bool t_sort_checker(void *ctx, const vec_batch *b, int64_t first)
{
    t_sort_check *c = ctx;
    (void)first;
    for (int64_t r = 0; r < b->n_rows; r++) {
        int64_t id = VEC_VALUES(b->cols[0], int64_t)[r], k = VEC_VALUES(b->cols[1], int64_t)[r];
        int32_t len;
        const char *s = vec_str(b->cols[2], r, &len);
        char want[32];
        int wl = snprintf(want, sizeof want, "%lld", (long long)id);
        if (k != id * 7919 % 1000 || k < c->last_k || (k == c->last_k && id <= c->last_id) ||
            len != wl || memcmp(s, want, (size_t)len) != 0)
            return false;
        c->last_k = k;
        c->last_id = id;
        c->sum += id;
    }
    return true;
}

/* The join inputs: left = range(nl) as (id, k = nullif(id % 50000, 7)), right = range(nr) as
   (rid, rk = nullif(id % 70000, 9)). */
static pl_node *t_join_side(int64_t n, int64_t mod, int64_t null_at, const char *idn,
                            const char *kn)
{
    pl_node *r = t_range(0, n, 1);
    pl_expr *pe[] = {t_col(r, 0), t_call("nullif", 2, t_call("%", 2, t_col(r, 0), t_lit_long(mod)),
                                         t_lit_long(null_at))};
    const char *pn[] = {idn, kn};
    return t_project(r, 2, pe, pn);
}

static pl_node *t_join(pl_node *l, pl_node *r, pl_join_type type, bool residual)
{
    pl_node *j = pl_node_new(&T.a, PL_JOIN, 2);
    j->children[0] = l;
    j->children[1] = r;
    j->u.join.type = type;
    int nl = l->n_out, nr = r->n_out;
    pl_expr *eq =
        t_call("==", 2, t_colref(1, l->out[1].type, "k"), t_colref(nl + 1, r->out[1].type, "rk"));
    if (residual) {
        pl_expr *lt = t_call("<", 2, t_colref(0, ty_long(), "id"),
                             t_call("+", 2, t_colref(nl, ty_long(), "rid"), t_lit_long(30000)));
        eq = t_call("and", 2, eq, lt);
    }
    j->u.join.cond = eq;
    bool with_right = type != PL_JOIN_LEFT_SEMI && type != PL_JOIN_LEFT_ANTI;
    j->n_out = nl + (with_right ? nr : 0);
    j->out = em_arena_calloc(&T.a, (size_t)j->n_out, sizeof *j->out);
    for (int c = 0; c < nl; c++)
        j->out[c] = l->out[c];
    for (int c = 0; with_right && c < nr; c++)
        j->out[nl + c] = r->out[c];
    j->resolved = true;
    return j;
}

/* Join cardinalities from the key multiplicities (Spark's join semantics). */
static int64_t t_join_expected(pl_join_type type, int64_t nl, int64_t nr)
{
    int64_t inner = 0, l_unmatched = 0, r_unmatched = 0;
    for (int64_t id = 0; id < nl; id++) {
        int64_t k = id % 50000;
        int64_t m = 0;
        if (k != 7)
            for (int64_t rid = k; rid < nr; rid += 70000)
                m += rid % 70000 == k && k != 9;
        inner += m;
        l_unmatched += m == 0;
    }
    for (int64_t rid = 0; rid < nr; rid++) {
        int64_t k = rid % 70000;
        bool matched = k != 9 && k < 50000 && k != 7 && k < nl;
        r_unmatched += !matched;
    }
    switch (type) {
    case PL_JOIN_INNER:
        return inner;
    case PL_JOIN_LEFT_OUTER:
        return inner + l_unmatched;
    case PL_JOIN_RIGHT_OUTER:
        return inner + r_unmatched;
    case PL_JOIN_FULL_OUTER:
        return inner + l_unmatched + r_unmatched;
    case PL_JOIN_LEFT_SEMI:
        return nl - l_unmatched;
    case PL_JOIN_LEFT_ANTI:
        return l_unmatched;
    default:
        return -1;
    }
}

/* ---- sort --------------------------------------------------------------------------------------
 */

/* spark.range(2000000).orderBy(k) under spark.ember.memory.limit = 16m: runs spilled and
   merged; every row checked against the stable sort's order (which the unlimited run gives:
   test_exec, and the digests of forced_spilling_matches_in_memory). */
EM_TEST(sort_spills_under_limit)
{
    t_begin(true);
    t_spill_dir();
    int fds = t_count_fds();
    int64_t n = 2000000 / t_div();
    pl_node *in = t_sort_input(n);
    pl_expr *o[] = {t_order(t_col(in, 1), false, true)};
    pl_node *plan = t_sort(in, 1, o);
    T.opts.memory_limit = (16LL << 20) / t_div();
    t_sort_check c = {-1, -1, 0};
    bool ok = true;
    t_out lim = t_exec(plan, t_sort_checker, &c, &ok);
    CHECK_EQ_INT(lim.rc, 0);
    CHECK_EQ_INT(lim.rows, n);
    CHECK(ok);
    CHECK_EQ_INT(c.sum, n * (n - 1) / 2);
    CHECK(lim.spilled > 0);
    fprintf(stderr, "sort: %lld rows, %lld bytes spilled\n", (long long)lim.rows,
            (long long)lim.spilled);
    CHECK_EQ_INT(t_count_fds(), fds);
    t_spill_dir_done();
    t_end();
}

/* ---- aggregate ----------------------------------------------------------------------------------
 */

typedef struct t_agg_check {
    int64_t m; /* rows per group */
    int64_t groups;
} t_agg_check;

/* range(m * g).groupBy(id % g).agg(count, sum(id), max(id)): groups in first-seen order k =
   0, 1, ...; group k holds k + g j for j < m: count m, sum m k + g m (m - 1) / 2, max
   k + g (m - 1). */
static bool t_agg_checker(void *ctx, const vec_batch *b, int64_t first)
{
    t_agg_check *c = ctx;
    for (int64_t r = 0; r < b->n_rows; r++) {
        int64_t k = first + r, m = c->m, g = c->groups;
        if (VEC_VALUES(b->cols[0], int64_t)[r] != k || VEC_VALUES(b->cols[1], int64_t)[r] != m ||
            VEC_VALUES(b->cols[2], int64_t)[r] != m * k + g * m * (m - 1) / 2 ||
            VEC_VALUES(b->cols[3], int64_t)[r] != k + g * (m - 1))
            return false;
    }
    return true;
}

static pl_node *t_agg_plan(int64_t groups, int64_t m)
{
    pl_node *r = t_range(0, groups * m, 1);
    pl_expr *pe[] = {t_call("%", 2, t_col(r, 0), t_lit_long(groups)), t_col(r, 0)};
    const char *pn[] = {"k", "id"};
    pl_node *p = t_project(r, 2, pe, pn);
    pl_expr **g = em_arena_calloc(&T.a, 1, sizeof *g);
    g[0] = t_col(p, 0);
    pl_expr **a = em_arena_calloc(&T.a, 3, sizeof *a);
    a[0] = t_call("count", 1, t_lit_int(1));
    a[1] = t_call("sum", 1, t_col(p, 1));
    a[2] = t_call("max", 1, t_col(p, 1));
    const char *on[] = {"k", "count(1)", "sum(id)", "max(id)"};
    return t_aggregate(p, 1, g, 3, a, on);
}

/* 1M groups under 16m, serially and with 2 threads (the partial tables spill past their
   share of the budget): every group checked in first-seen order, as the unlimited run. */
EM_TEST(aggregate_spills_under_limit)
{
    for (int threads = 1; threads <= 2; threads++) {
        t_begin(true);
        int64_t groups = 1000000 / t_div(), m = 2;
        t_spill_dir();
        int fds = t_count_fds();
        T.opts.threads = threads;
        pl_node *plan = t_agg_plan(groups, m);
        T.opts.memory_limit = (16LL << 20) / t_div();
        t_agg_check c = {m, groups};
        bool ok = true;
        t_out lim = t_exec(plan, t_agg_checker, &c, &ok);
        if (lim.rc)
            fprintf(stderr, "aggregate: %s\n", T.err.message);
        CHECK_EQ_INT(lim.rc, 0);
        CHECK_EQ_INT(lim.rows, groups);
        CHECK(ok);
        CHECK(lim.spilled > 0);
        fprintf(stderr, "aggregate (%d threads): %lld groups, %lld bytes spilled\n", threads,
                (long long)lim.rows, (long long)lim.spilled);
        CHECK_EQ_INT(t_count_fds(), fds);
        t_spill_dir_done();
        t_end();
    }
}

/* ---- joins --------------------------------------------------------------------------------------
 */

/* Every join type (with and without a residual predicate) under a 1m budget: the grace hash
   join returns the in-memory join's rows in its order; cardinalities from the key counts. */
EM_TEST(joins_spill_under_limit)
{
    static const pl_join_type types[] = {PL_JOIN_INNER,       PL_JOIN_LEFT_OUTER,
                                         PL_JOIN_RIGHT_OUTER, PL_JOIN_FULL_OUTER,
                                         PL_JOIN_LEFT_SEMI,   PL_JOIN_LEFT_ANTI};
    static const char *const names[] = {"inner", "left", "right", "full", "semi", "anti"};
    for (int residual = 0; residual < 2; residual++)
        for (size_t t = 0; t < sizeof types / sizeof types[0]; t++) {
            t_begin(true);
            int64_t nl = 200000 / t_div(), nr = 100000 / t_div();
            t_spill_dir();
            int fds = t_count_fds();
            pl_node *plan = t_join(t_join_side(nl, 50000, 7, "id", "k"),
                                   t_join_side(nr, 70000, 9, "rid", "rk"), types[t], residual);
            T.opts.memory_limit = (1LL << 20) / t_div();
            t_out lim = t_exec(plan, NULL, NULL, NULL);
            if (lim.rc)
                fprintf(stderr, "join %s: %s\n", names[t], T.err.message);
            CHECK_EQ_INT(lim.rc, 0);
            CHECK(lim.spilled > 0);
            if (!residual)
                CHECK_EQ_INT(lim.rows, t_join_expected(types[t], nl, nr));
            T.opts.memory_limit = 0;
            t_out all = t_exec(plan, NULL, NULL, NULL);
            CHECK_EQ_INT(all.spilled, 0);
            CHECK_EQ_INT(all.rows, lim.rows);
            if (all.digest != lim.digest)
                fprintf(stderr, "join %s residual %d: rows differ\n", names[t], residual);
            CHECK(all.digest == lim.digest);
            CHECK_EQ_INT(t_count_fds(), fds);
            t_spill_dir_done();
            t_end();
        }
}

/* ---- forced spilling
 * ------------------------------------------------------------------------------ */

/* With spark.ember.spill.force every spillable operator spills after a few rows, recursing a
   level or two; small inputs with NULLs, strings, DISTINCT aggregates and every join type give
   the unforced rows in the unforced order. */
EM_TEST(forced_spilling_matches_in_memory)
{
    t_begin(true);
    t_spill_dir();
    int fds = t_count_fds();
    pl_node *plans[16];
    int n_plans = 0;
    /* sort with NULLs first / last, descending, strings */
    {
        pl_node *in = t_sort_input(3000);
        pl_expr *k = t_call("nullif", 2, t_col(in, 1), t_lit_long(5));
        pl_expr **o = em_arena_calloc(&T.a, 2, sizeof *o);
        o[0] = t_order(k, true, false);
        o[1] = t_order(t_col(in, 2), false, true);
        plans[n_plans++] = t_sort(in, 2, o);
        pl_expr **o2 = em_arena_calloc(&T.a, 1, sizeof *o2);
        o2[0] = t_order(t_call("nullif", 2, t_col(in, 1), t_lit_long(5)), false, true);
        plans[n_plans++] = t_sort(in, 1, o2);
    }
    /* aggregates: many groups, string keys, NULL keys, DISTINCT */
    {
        plans[n_plans++] = t_agg_plan(700, 5);
        pl_node *in = t_sort_input(5000);
        pl_expr **g = em_arena_calloc(&T.a, 1, sizeof *g);
        g[0] =
            t_call("nullif", 2, t_cast(t_call("%", 2, t_col(in, 1), t_lit_long(300)), ty_string()),
                   t_lit_str("3"));
        pl_expr **a = em_arena_calloc(&T.a, 4, sizeof *a);
        pl_expr *d1[] = {t_call("%", 2, t_col(in, 0), t_lit_long(7))};
        a[0] = t_callv("count", true, 1, d1);
        a[1] = t_call("min", 1, t_col(in, 2));
        a[2] = t_call("sum", 1, t_col(in, 0));
        a[3] = t_call("collect_list", 1, t_call("%", 2, t_col(in, 0), t_lit_long(3)));
        const char *on[] = {"g", "cd", "mn", "sm", "cl"};
        plans[n_plans++] = t_aggregate(in, 1, g, 4, a, on);
    }
    /* joins */
    static const pl_join_type types[] = {PL_JOIN_INNER,       PL_JOIN_LEFT_OUTER,
                                         PL_JOIN_RIGHT_OUTER, PL_JOIN_FULL_OUTER,
                                         PL_JOIN_LEFT_SEMI,   PL_JOIN_LEFT_ANTI};
    for (size_t t = 0; t < sizeof types / sizeof types[0]; t++)
        plans[n_plans++] = t_join(t_join_side(3000, 500, 7, "id", "k"),
                                  t_join_side(2000, 700, 9, "rid", "rk"), types[t], t % 2 == 1);
    for (int i = 0; i < n_plans; i++) {
        CHECK(plans[i] != NULL);
        if (!plans[i])
            continue;
        T.opts.spill_force = false;
        t_out all = t_exec(plans[i], NULL, NULL, NULL);
        T.opts.spill_force = true;
        t_out forced = t_exec(plans[i], NULL, NULL, NULL);
        if (all.rc || forced.rc)
            fprintf(stderr, "plan %d: %s\n", i, T.err.message);
        CHECK_EQ_INT(all.rc, 0);
        CHECK_EQ_INT(forced.rc, 0);
        CHECK(all.rows > 0);
        CHECK_EQ_INT(all.spilled, 0);
        CHECK(forced.spilled > 0);
        CHECK_EQ_INT(forced.rows, all.rows);
        if (forced.digest != all.digest)
            fprintf(stderr, "plan %d: forced spilling changed the rows\n", i);
        CHECK(forced.digest == all.digest);
    }
    /* the parallel aggregate's partial tables spill too */
    T.opts.threads = 2;
    T.opts.morsel_rows = 1000;
    pl_node *pa = t_agg_plan(3000, 10);
    T.opts.spill_force = false;
    t_out all = t_exec(pa, NULL, NULL, NULL);
    T.opts.spill_force = true;
    t_out forced = t_exec(pa, NULL, NULL, NULL);
    CHECK_EQ_INT(forced.rc, 0);
    CHECK(forced.spilled > 0);
    CHECK(forced.digest == all.digest);
    CHECK_EQ_INT(t_count_fds(), fds);
    t_spill_dir_done();
    t_end();
}

/* ---- failures and cancellation
 * ------------------------------------------------------------------- */

/* A cross join has nothing to partition: its buffered side past the budget still fails with
   UNABLE_TO_ACQUIRE_MEMORY, and leaves no file behind. */
EM_TEST(unspillable_fails_cleanly)
{
    t_begin(true);
    t_spill_dir();
    int fds = t_count_fds();
    T.opts.memory_limit = (16LL << 20) / t_div();
    pl_node *l = t_range(0, 10, 1), *r = t_range(0, 5000000 / t_div(), 1);
    pl_node *j = pl_node_new(&T.a, PL_JOIN, 2);
    j->children[0] = l;
    j->children[1] = r;
    j->u.join.type = PL_JOIN_CROSS;
    j->n_out = 2;
    j->out = em_arena_calloc(&T.a, 2, sizeof *j->out);
    j->out[0] = l->out[0];
    j->out[1] = r->out[0];
    j->resolved = true;
    t_out o = t_exec(j, NULL, NULL, NULL);
    CHECK(o.rc < 0);
    CHECK_EQ_STR(T.err.error_class, "UNABLE_TO_ACQUIRE_MEMORY");
    CHECK_EQ_STR(T.err.sqlstate, "53200");
    /* a failure while spilling (an ANSI overflow in the sort key, raised after runs were
       written) closes the runs too */
    T.opts.memory_limit = (16LL << 20) / t_div();
    pl_node *in = t_sort_input(1500000 / t_div());
    pl_expr *bad = t_call("+", 2, t_col(in, 0), t_lit_long(INT64_MAX - 1400000 / t_div()));
    pl_expr *ord[] = {t_order(bad, false, true)};
    o = t_exec(t_sort(in, 1, ord), NULL, NULL, NULL);
    CHECK(o.rc < 0);
    CHECK_EQ_STR(T.err.error_class, "ARITHMETIC_OVERFLOW");
    CHECK_EQ_INT(t_count_fds(), fds);
    t_spill_dir_done();
    t_end();
}

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

/* Canceling queries while they spill ends them with OPERATION_CANCELED; ex_close leaves no
   open spill file. */
EM_TEST(cancel_while_spilling)
{
    t_begin(true);
    t_spill_dir();
    int fds = t_count_fds();
    T.opts.memory_limit = 8LL << 20;
    pl_node *in = t_sort_input(40000000);
    pl_expr *o[] = {t_order(t_col(in, 1), false, true)};
    pl_node *plans[] = {t_sort(in, 1, o), t_agg_plan(20000000, 2),
                        t_join(t_join_side(40000000, 50000000, 7, "id", "k"),
                               t_join_side(20000000, 70000000, 9, "rid", "rk"), PL_JOIN_INNER,
                               false)};
    for (int i = 0; i < 3; i++) {
        t_bg bg = {.plan = plans[i], .opts = T.opts};
        pthread_mutex_init(&bg.mu, NULL);
        pthread_t th;
        pthread_create(&th, NULL, t_bg_run, &bg);
        struct timespec ts = {0, 700 * 1000 * 1000};
        nanosleep(&ts, NULL);
        pthread_mutex_lock(&bg.mu);
        ex_cancel(bg.q);
        int64_t spilled = ex_spilled_bytes(bg.q);
        pthread_mutex_unlock(&bg.mu);
        pthread_join(th, NULL);
        CHECK(bg.rc < 0);
        CHECK_EQ_STR(bg.err.error_class, "OPERATION_CANCELED");
        fprintf(stderr, "cancel %d: %lld bytes spilled before the cancel\n", i, (long long)spilled);
        ex_close(bg.q);
        pthread_mutex_destroy(&bg.mu);
        CHECK_EQ_INT(t_count_fds(), fds);
    }
    t_spill_dir_done();
    t_end();
}

int main(int c, char **v)
{
    /* these cases choose forced spilling themselves (the permutation run sets it for all) */
    unsetenv("EMBER_FORCE_SPILL");
    return em_test_main(c, v);
}
