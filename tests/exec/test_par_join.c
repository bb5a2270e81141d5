/*
 * test_par_join: parallel hash-join probes (exec/ex_par.c pipelines through op_join.c): every
 * join type, with and without residual predicates, keyed and nested-loop (cross, null-aware
 * anti), chains of joins, aggregates over joins, empty probe sides and spilled build sides.
 *
 * Every plan runs with spark.ember.threads = 1 (the serial engine) and 2 and 4 (tiny morsels,
 * so the probe side really is split), at several batch sizes; the parallel runs must return
 * the serial rows in the serial order (an order-sensitive digest of every cell), as the
 * scheduler's invariant says. On top, row counts are checked against Spark's join semantics,
 * computed here from the key multiplicities (inner = sum of products; outer / semi / anti add or
 * keep the unmatched rows; NULL keys never match; NOT IN is empty when the subquery has a NULL).
 * The ctest permutations rerun everything with EMBER_FORCE_SPILL=1 (grace hash joins: the
 * pipeline falls back to the serial join) and with batches of 3 rows.
 */
#include "ex_test_util.h"
#include "types/ty_order.h"

/* ---- running and digesting ------------------------------------------------------------------- */

typedef struct t_out {
    int rc;
    int64_t rows;
    uint64_t digest;
} t_out;

/* Runs plan with T.opts, digesting every cell in order. */
static t_out t_exec(const pl_node *plan)
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
        o.rows += b->n_rows;
        vec_batch_free(b);
    }
    ex_close(q);
    return o;
}

static const int64_t t_batch_sizes[] = {0, 61, 1000}; /* 0: the environment's (permutations) */

/*
 * Runs plan serially and with 2 and 4 threads at each batch size (morsels of 300 rows); every
 * run must succeed with the serial run's rows in order. Returns the serial row count (-1 on a
 * failure, reported).
 */
static int64_t t_same_as_serial_n(const pl_node *plan, const char *what, size_t n_sizes)
{
    int64_t env_rows = T.opts.batch_rows, rows = -1;
    bool ok = true;
    for (size_t bs = 0; bs < n_sizes; bs++) {
        T.opts.batch_rows = t_batch_sizes[bs] ? t_batch_sizes[bs] : env_rows;
        T.opts.morsel_rows = 300;
        T.opts.threads = 1;
        t_out ser = t_exec(plan);
        if (ser.rc < 0) {
            fprintf(stderr, "%s: serial run failed: %s\n", what, T.err.message);
            ok = false;
            break;
        }
        rows = ser.rows;
        for (int threads = 2; threads <= 4; threads += 2) {
            T.opts.threads = threads;
            t_out par = t_exec(plan);
            if (par.rc < 0 || par.rows != ser.rows || par.digest != ser.digest) {
                fprintf(stderr, "%s: %d threads, batch %lld: rc %d rows %lld (serial %lld)%s%s\n",
                        what, threads, (long long)T.opts.batch_rows, par.rc, (long long)par.rows,
                        (long long)ser.rows, par.rc < 0 ? ": " : "",
                        par.rc < 0 ? T.err.message : "");
                ok = false;
            }
        }
    }
    T.opts.batch_rows = env_rows;
    T.opts.threads = 1;
    CHECK(ok);
    return ok ? rows : -1;
}

static int64_t t_same_as_serial(const pl_node *plan, const char *what)
{
    return t_same_as_serial_n(plan, what, sizeof t_batch_sizes / sizeof *t_batch_sizes);
}

/* ---- plans ----------------------------------------------------------------------------------- */

/* range(n) as (id, k = nullif(id % mod, null_at)) (null_at < 0: no NULLs). */
static pl_node *t_side(int64_t n, int64_t mod, int64_t null_at, const char *idn, const char *kn)
{
    pl_node *r = t_range(0, n, 1);
    pl_expr *k = t_call("%", 2, t_col(r, 0), t_lit_long(mod));
    if (null_at >= 0)
        k = t_call("nullif", 2, k, t_lit_long(null_at));
    pl_expr *pe[] = {t_col(r, 0), k};
    const char *pn[] = {idn, kn};
    return t_project(r, 2, pe, pn);
}

/* A join node of l and r on cond (columns: left ++ right, semi / anti: left). */
static pl_node *t_join_on(pl_node *l, pl_node *r, pl_join_type type, pl_expr *cond)
{
    pl_node *j = pl_node_new(&T.a, PL_JOIN, 2);
    j->children[0] = l;
    j->children[1] = r;
    j->u.join.type = type;
    j->u.join.cond = cond;
    int nl = l->n_out, nr = r->n_out;
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

/* l.col(lk) = r.k (r's column 1), AND l.id < r.id + 300 with residual. */
static pl_node *t_join(pl_node *l, int lk, pl_node *r, pl_join_type type, bool residual)
{
    int nl = l->n_out;
    pl_expr *cond = t_call("==", 2, t_colref(lk, l->out[lk].type, "lk"),
                           t_colref(nl + 1, r->out[1].type, "rk"));
    if (residual) {
        pl_expr *lt = t_call("<", 2, t_colref(0, ty_long(), "id"),
                             t_call("+", 2, t_colref(nl, ty_long(), "rid"), t_lit_long(300)));
        cond = t_call("and", 2, cond, lt);
    }
    return t_join_on(l, r, type, cond);
}

static const pl_join_type t_types[] = {PL_JOIN_INNER,      PL_JOIN_LEFT_OUTER, PL_JOIN_RIGHT_OUTER,
                                       PL_JOIN_FULL_OUTER, PL_JOIN_LEFT_SEMI,  PL_JOIN_LEFT_ANTI};
static const char *const t_type_names[] = {"inner", "left", "right", "full", "semi", "anti"};

/* Join cardinalities for left = t_side(nl, lmod, lnull), right = t_side(nr, rmod, rnull) on
   k = rk, from the key multiplicities (Spark's join semantics; no residual). */
static int64_t t_expected(pl_join_type type, int64_t nl, int64_t lmod, int64_t lnull, int64_t nr,
                          int64_t rmod, int64_t rnull)
{
    int64_t inner = 0, l_unmatched = 0, r_unmatched = 0;
    int64_t *rcount = em_calloc((size_t)rmod, sizeof *rcount);
    bool *lhas = em_calloc((size_t)rmod, sizeof *lhas);
    for (int64_t rid = 0; rid < nr; rid++)
        if (rid % rmod != rnull)
            rcount[rid % rmod]++;
    for (int64_t id = 0; id < nl; id++) {
        int64_t k = id % lmod;
        int64_t m = k == lnull || k >= rmod ? 0 : rcount[k];
        inner += m;
        l_unmatched += m == 0;
        if (k != lnull && k < rmod)
            lhas[k] = true;
    }
    for (int64_t rid = 0; rid < nr; rid++) {
        int64_t k = rid % rmod;
        r_unmatched += k == rnull || !lhas[k];
    }
    em_free(rcount);
    em_free(lhas);
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

/* ---- tests ----------------------------------------------------------------------------------- */

/* Every join type with and without a residual: left = range(3000) with k = id % 500 (NULL at
   7), right = range(900) with rk = id % 700 (NULL at 9): duplicates on both sides, unmatched rows
   on both sides and NULL keys. */
EM_TEST(par_join_every_type_matches_serial)
{
    for (size_t t = 0; t < sizeof t_types / sizeof *t_types; t++)
        for (int residual = 0; residual < 2; residual++) {
            t_begin(true);
            pl_node *plan = t_join(t_side(3000, 500, 7, "id", "k"), 1,
                                   t_side(900, 700, 9, "rid", "rk"), t_types[t], residual);
            char what[64];
            snprintf(what, sizeof what, "%s join, residual %d", t_type_names[t], residual);
            int64_t rows = t_same_as_serial(plan, what);
            if (!residual)
                CHECK_EQ_INT(rows, t_expected(t_types[t], 3000, 500, 7, 900, 700, 9));
            t_end();
        }
}

/* The probe side filtered to nothing: right and full joins emit only their (all unmatched)
   right rows, from the finish unit alone. */
EM_TEST(par_join_empty_probe_side)
{
    for (size_t t = 0; t < sizeof t_types / sizeof *t_types; t++) {
        t_begin(true);
        pl_node *l = t_side(5000, 500, 7, "id", "k");
        l = t_filter(l, t_call("<", 2, t_col(l, 0), t_lit_long(0)));
        pl_node *plan = t_join(l, 1, t_side(900, 700, 9, "rid", "rk"), t_types[t], false);
        int64_t rows = t_same_as_serial(plan, t_type_names[t]);
        bool right_rows = t_types[t] == PL_JOIN_RIGHT_OUTER || t_types[t] == PL_JOIN_FULL_OUTER;
        CHECK_EQ_INT(rows, right_rows ? 900 : 0);
        t_end();
    }
}

/* Chains: (left JOIN b1 ON k = rk) JOIN b2 ON k = rk2, every pair of outer types, so the finish
   unit's unmatched rows of the lower join probe the upper one before the upper join's own. */
EM_TEST(par_join_chains_match_serial)
{
    static const pl_join_type types[] = {PL_JOIN_INNER, PL_JOIN_LEFT_OUTER, PL_JOIN_RIGHT_OUTER,
                                         PL_JOIN_FULL_OUTER};
    for (int lo = 0; lo < 4; lo++)
        for (int up = 0; up < 4; up++) {
            t_begin(true);
            pl_node *j1 = t_join(t_side(2000, 400, 3, "id", "k"), 1,
                                 t_side(600, 500, 5, "rid", "rk"), types[lo], false);
            /* the upper join reads the left key k again (column 1) */
            pl_node *plan = t_join(j1, 1, t_side(700, 450, 11, "rid2", "rk2"), types[up], up % 2);
            char what[64];
            snprintf(what, sizeof what, "chain %s / %s", t_type_names[lo], t_type_names[up]);
            t_same_as_serial_n(plan, what, 1); /* 16 plans: the environment's batch size */
            t_end();
        }
}

/* A Project and a Filter above the probe, and an aggregate over a join (the parallel aggregate
   over a probing pipeline): groupBy(k % 10).agg(count(*), sum(rid)). */
EM_TEST(par_join_under_project_and_aggregate)
{
    for (size_t t = 0; t < sizeof t_types / sizeof *t_types; t++) {
        t_begin(true);
        pl_node *j = t_join(t_side(3000, 500, 7, "id", "k"), 1, t_side(900, 700, 9, "rid", "rk"),
                            t_types[t], t % 2 == 1);
        pl_node *f =
            t_filter(j, t_call("!=", 2, t_call("%", 2, t_col(j, 0), t_lit_long(5)), t_lit_long(2)));
        pl_expr *pe[] = {t_call("%", 2, t_col(f, 1), t_lit_long(10)), t_col(f, 0)};
        const char *pn[] = {"g", "id"};
        pl_node *p = t_project(f, 2, pe, pn);
        char what[64];
        snprintf(what, sizeof what, "project over %s", t_type_names[t]);
        t_same_as_serial(p, what);
        pl_expr **g = em_arena_calloc(&T.a, 1, sizeof *g);
        g[0] = t_col(p, 0);
        pl_expr **a = em_arena_calloc(&T.a, 2, sizeof *a);
        a[0] = t_call("count", 1, t_lit_int(1));
        a[1] = t_call("sum", 1, t_col(p, 1));
        const char *on[] = {"g", "count(1)", "sum(id)"};
        snprintf(what, sizeof what, "aggregate over %s", t_type_names[t]);
        t_same_as_serial(t_aggregate(p, 1, g, 2, a, on), what);
        t_end();
    }
}

/* Joins without keys run as nested loops: a cross join with a residual, and the null-aware
   anti join of NOT IN (k = rk OR isnull(k = rk)): empty when the subquery side has a NULL,
   else the rows whose k is not NULL and appears nowhere on the right. */
EM_TEST(par_join_nested_loops_match_serial)
{
    t_begin(true);
    pl_node *l = t_side(3000, 100, 7, "id", "k"), *r = t_side(40, 60, -1, "rid", "rk");
    pl_expr *cond =
        t_call("<", 2, t_call("+", 2, t_colref(0, ty_long(), "id"), t_colref(2, ty_long(), "rid")),
               t_lit_long(200));
    int64_t rows = t_same_as_serial(t_join_on(l, r, PL_JOIN_CROSS, cond), "cross");
    int64_t want = 0; /* pairs id + rid < 200, rid < 40 */
    for (int64_t id = 0; id < 200; id++)
        want += id < 160 ? 40 : 200 - id;
    CHECK_EQ_INT(rows, want);
    for (int with_null = 0; with_null < 2; with_null++) {
        pl_node *rr = t_side(40, 60, with_null ? 9 : -1, "rid", "rk");
        pl_expr *eq = t_call("==", 2, t_colref(1, ty_long(), "k"), t_colref(3, ty_long(), "rk"));
        pl_expr *eq2 = t_call("==", 2, t_colref(1, ty_long(), "k"), t_colref(3, ty_long(), "rk"));
        pl_expr *na = t_call("or", 2, eq, t_call("isnull", 1, eq2));
        rows = t_same_as_serial(t_join_on(l, rr, PL_JOIN_LEFT_ANTI, na), "null-aware anti");
        /* k = id % 100 (NULL at 7: NOT IN is NULL for a NULL k, the row is dropped); the right
           side holds 0..39 */
        CHECK_EQ_INT(rows, with_null ? 0 : 3000 / 100 * (100 - 40));
    }
    t_end();
}

/* Build sides past a small budget go to the grace hash join: the pipeline runs serially with
   the drained build adopted, and returns the unlimited serial rows. */
EM_TEST(par_join_spilled_build_matches_serial)
{
    for (size_t t = 0; t < sizeof t_types / sizeof *t_types; t++) {
        t_begin(true);
        pl_node *plan = t_join(t_side(20000, 5000, 7, "id", "k"), 1,
                               t_side(30000, 7000, 9, "rid", "rk"), t_types[t], t % 2 == 0);
        T.opts.morsel_rows = 300;
        T.opts.threads = 1;
        t_out ser = t_exec(plan);
        CHECK(ser.rc == 0);
        T.opts.threads = 2;
        T.opts.memory_limit = 1 << 20;
        t_out par = t_exec(plan);
        if (par.rc < 0)
            fprintf(stderr, "spilled %s: %s\n", t_type_names[t], T.err.message);
        CHECK(par.rc == 0 && par.rows == ser.rows && par.digest == ser.digest);
        t_end();
    }
}

int main(int c, char **v)
{
    return em_test_main(c, v);
}
