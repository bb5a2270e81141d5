/*
 * Top-N (exec/op_topn.c): Limit(n) directly over Sort. The result must be Sort + Limit's row for
 * row (exec/README.md: the Sort is stable; Spark's ORDER BY ... LIMIT n returns the first n rows
 * of the sorted result). Expectations:
 *  - hand-written cases follow Spark's documented ordering (docs/sql-ref-datatypes.md "NaN
 *    Semantics": NaN sorts above every other number; sql-ref-syntax-qry-select-orderby.md: ASC
 *    puts NULLs first by default, DESC puts them last; NULLS FIRST / LAST override);
 *  - generated cases (ties, NULLs, NaN, many batches) compare the top-N with the first n rows of
 *    the same plan's full Sort, the definition of LIMIT over ORDER BY.
 */
#include <math.h>
#include <stdlib.h>

#include "ex_test_util.h"
#include "exec/ex_int.h"

/* N rows: id = input position; k = small int with ties and NULLs; d = double with NaN, -0.0,
   0.0 and NULLs; s = string with ties. */
static pl_node *tn_data(int64_t n)
{
    int64_t *ids = em_calloc((size_t)n + 1, sizeof *ids);
    int32_t *ks = em_calloc((size_t)n + 1, sizeof *ks);
    double *ds = em_calloc((size_t)n + 1, sizeof *ds);
    char *k_nulls = em_calloc((size_t)n + 1, 1), *d_nulls = em_calloc((size_t)n + 1, 1);
    vec *s = vec_new(ty_string(), n);
    uint64_t x = 88172645463325252ull;
    for (int64_t r = 0; r < n; r++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        int64_t v = (int64_t)(x % 1000);
        ids[r] = r;
        k_nulls[r] = v % 17 == 0 ? 'N' : '.';
        ks[r] = (int32_t)(v % 23);
        d_nulls[r] = v % 41 == 0 ? 'N' : '.';
        ds[r] = v % 31 == 0 ? NAN : v % 29 == 0 ? -0.0 : v % 37 == 0 ? 0.0 : (double)(v % 50);
        char buf[8];
        int len = snprintf(buf, sizeof buf, "s%d", (int)(v % 13));
        vec_append_str(s, buf, len, NULL);
    }
    vec *cols[] = {t_fixed(ty_long(), n, ids, NULL), t_fixed(ty_int(), n, ks, k_nulls),
                   t_fixed(ty_double(), n, ds, d_nulls), s};
    em_free(ids);
    em_free(ks);
    em_free(ds);
    em_free(k_nulls);
    em_free(d_nulls);
    return t_local(4, (const char *const[]){"id", "k", "d", "s"}, cols);
}

/* The id column of a result as a string "i,j,..." (malloc'd; caller frees). */
static char *tn_ids(const vec_batch *b)
{
    em_str out;
    em_str_init(&out, 0);
    for (int64_t r = 0; b && r < b->n_rows; r++)
        em_str_printf(&out, "%s%lld", r ? "," : "", (long long)VEC_VALUES(b->cols[0], int64_t)[r]);
    char *res = em_strdup(out.data ? out.data : "");
    em_str_release(&out);
    return res;
}

/* Sort orders over tn_data: {column, descending, nulls_first} triples. */
typedef struct tn_order {
    int n;
    int col[3];
    bool desc[3], nulls_first[3];
} tn_order;

static pl_node *tn_sorted(pl_node *data, const tn_order *o)
{
    pl_expr **orders = em_arena_calloc(&T.a, 3, sizeof *orders);
    for (int i = 0; i < o->n; i++)
        orders[i] = t_order(t_col(data, o->col[i]), o->desc[i], o->nulls_first[i]);
    return t_sort(data, o->n, orders);
}

/* The first n rows of s's full sort, [off, off + n) when off > 0. */
static char *tn_expected(pl_node *sort, int64_t off, int64_t n)
{
    vec_batch *all = t_run(sort);
    CHECK(all != NULL);
    if (!all)
        return em_strdup("");
    int64_t end = off + n < all->n_rows ? off + n : all->n_rows;
    int64_t start = off < end ? off : end;
    vec_batch *part = ex_batch_slice(all, start, end - start, &T.err);
    char *ids = tn_ids(part);
    vec_batch_free(part);
    vec_batch_free(all);
    return ids;
}

static void tn_check(pl_node *plan, const char *want, const char *what)
{
    vec_batch *got = t_run(plan);
    CHECK(got != NULL);
    char *ids = tn_ids(got);
    if (strcmp(ids, want) != 0)
        fprintf(stderr, "%s:\n  got  %.300s\n  want %.300s\n", what, ids, want);
    CHECK(strcmp(ids, want) == 0);
    em_free(ids);
    vec_batch_free(got);
}

static const tn_order tn_orders[] = {
    {1, {1}, {false}, {true}},                                 /* k ASC NULLS FIRST */
    {1, {1}, {true}, {false}},                                 /* k DESC NULLS LAST */
    {1, {2}, {false}, {false}},                                /* d ASC NULLS LAST (NaN, -0.0) */
    {1, {2}, {true}, {true}},                                  /* d DESC NULLS FIRST */
    {2, {3, 1}, {false, true}, {true, false}},                 /* s, k DESC */
    {3, {1, 2, 3}, {true, false, false}, {true, true, false}}, /* k, d, s */
};

EM_TEST(topn_equals_sort_then_limit)
{
    t_begin(false);
    const int64_t sizes[] = {0, 1, 7, 3000};
    const int64_t limits[] = {1, 2, 5, 17, 100, 1023, 1500, 2999, 3000, 5000};
    for (size_t zi = 0; zi < sizeof sizes / sizeof sizes[0]; zi++)
        for (size_t oi = 0; oi < sizeof tn_orders / sizeof tn_orders[0]; oi++)
            for (size_t li = 0; li < sizeof limits / sizeof limits[0]; li++) {
                pl_node *sort = tn_sorted(tn_data(sizes[zi]), &tn_orders[oi]);
                pl_node *lim = t_limit(PL_LIMIT, sort, limits[li]);
                ex_query probe = {.opts = T.opts, .mem_limit = 0};
                CHECK(ex_topn_applies(&probe, lim));
                char *want = tn_expected(sort, 0, limits[li]);
                char what[96];
                snprintf(what, sizeof what, "rows %lld, order %zu, limit %lld",
                         (long long)sizes[zi], oi, (long long)limits[li]);
                tn_check(lim, want, what);
                em_free(want);
            }
    t_end();
}

EM_TEST(topn_offset_after_limit)
{
    /* LIMIT 10 OFFSET 25 runs as Offset(25, Limit(35, Sort)) (opt_limit.c, Spark's
       LimitPushDown): rows [25, 35) of the sorted input. */
    t_begin(false);
    pl_node *sort = tn_sorted(tn_data(500), &tn_orders[4]);
    char *want = tn_expected(sort, 25, 10);
    tn_check(t_limit(PL_OFFSET, t_limit(PL_LIMIT, sort, 35), 25), want, "offset 25 limit 10");
    em_free(want);
    t_end();
}

EM_TEST(topn_spark_ordering)
{
    /* Spark: NaN above every number (sql-ref-datatypes "NaN Semantics"); ASC NULLS FIRST by
       default, DESC NULLS LAST. d = 3, NULL, NaN, 1, NULL, 2, NaN: ids in that order 0..6. */
    t_begin(false);
    double vals[] = {3, 0, NAN, 1, 0, 2, NAN};
    int64_t ids[] = {0, 1, 2, 3, 4, 5, 6};
    vec *id = t_fixed(ty_long(), 7, ids, NULL);
    vec *d = t_fixed(ty_double(), 7, vals, ".N..N..");
    pl_node *data = t_local(2, (const char *const[]){"id", "d"}, (vec *[]){id, d});
    pl_expr **asc = em_arena_calloc(&T.a, 1, sizeof *asc);
    asc[0] = t_order(t_col(data, 1), false, true);
    /* ASC NULLS FIRST: NULL(1), NULL(4), 1(3), 2(5) */
    tn_check(t_limit(PL_LIMIT, t_sort(data, 1, asc), 4), "1,4,3,5", "asc nulls first");
    pl_expr **desc = em_arena_calloc(&T.a, 1, sizeof *desc);
    desc[0] = t_order(t_col(data, 1), true, false);
    /* DESC NULLS LAST: NaN(2), NaN(6) in input order, then 3(0) */
    tn_check(t_limit(PL_LIMIT, t_sort(data, 1, desc), 3), "2,6,0", "desc nulls last");
    t_end();
}

EM_TEST(topn_parallel_input)
{
    /* Sort over a parallel pipeline (Range -> Project, 2 threads, small morsels): the top-N
       reads the ordered gather and returns the serial result. */
    t_begin(false);
    T.opts.threads = 2;
    T.opts.morsel_rows = 1000;
    pl_node *r = t_range(0, 20000, 1);
    pl_expr *m = t_call("%", 2, t_col(r, 0), t_lit_long(97));
    pl_node *p = t_project(r, 2, (pl_expr *[]){t_col(r, 0), m}, (const char *const[]){"id", "m"});
    pl_expr **o = em_arena_calloc(&T.a, 1, sizeof *o);
    o[0] = t_order(t_col(p, 1), true, false);
    pl_node *sort = t_sort(p, 1, o);
    char *want = tn_expected(sort, 0, 300);
    tn_check(t_limit(PL_LIMIT, sort, 300), want, "parallel");
    em_free(want);
    t_end();
}

EM_TEST(topn_bounded_memory)
{
    /* 300,000 rows under a 1 MiB budget: the sort spills, the top-N holds ~1,000 rows and does
       not; both return the same rows. */
    t_begin(false);
    T.opts.memory_limit = 1LL << 20;
    pl_node *r = t_range(0, 300000, 1);
    pl_expr **o = em_arena_calloc(&T.a, 1, sizeof *o);
    o[0] = t_order(t_col(r, 0), true, false);
    pl_node *sort = t_sort(r, 1, o);
    pl_node *lim = t_limit(PL_LIMIT, sort, 10);
    em_error_clear(&T.err);
    ex_query *q = ex_open(lim, &T.opts, &T.err);
    CHECK(q != NULL);
    vec_batch *b = NULL;
    int64_t rows = 0, first = -1;
    while (q && ex_next(q, &b, &T.err) > 0) {
        if (first < 0 && b->n_rows)
            first = VEC_VALUES(b->cols[0], int64_t)[0];
        rows += b->n_rows;
        vec_batch_free(b);
    }
    CHECK(!em_error_is_set(&T.err));
    CHECK_EQ_INT(rows, 10);
    CHECK_EQ_INT(first, 299999);
    CHECK_EQ_INT(ex_spilled_bytes(q), 0);
    ex_close(q);
    /* A limit past EX_TOPN_MAX_ROWS runs the ordinary sort. */
    ex_query probe = {.opts = T.opts, .mem_limit = 0};
    CHECK(!ex_topn_applies(&probe, t_limit(PL_LIMIT, sort, EX_TOPN_MAX_ROWS + 1)));
    t_end();
}

EM_TEST(topn_key_error)
{
    /* A sort key that fails (ANSI divide by zero) fails the top-N with the Sort's error. */
    t_begin(true);
    pl_node *r = t_range(0, 50, 1);
    pl_expr **o = em_arena_calloc(&T.a, 1, sizeof *o);
    o[0] = t_order(t_call("div", 2, t_lit_long(10), t_call("-", 2, t_col(r, 0), t_lit_long(20))),
                   false, true);
    pl_node *sort = t_sort(r, 1, o);
    CHECK(t_run(sort) == NULL);
    char cls[128];
    snprintf(cls, sizeof cls, "%s", T.err.error_class);
    CHECK(t_run(t_limit(PL_LIMIT, sort, 5)) == NULL);
    CHECK_EQ_STR(T.err.error_class, cls);
    t_end();
}

int main(int c, char **v)
{
    return em_test_main(c, v);
}
