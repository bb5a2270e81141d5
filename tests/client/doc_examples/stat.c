/* df.stat (crosstab, freqItems, approxQuantile, cov, corr, sampleBy), unpivot and tail. The
 * expected answers are those PySpark's docstrings print (Spark 4.x).
 * Exits 77 when the server lacks something shown (the checks that ran still count). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "ember.h"

static int failed, skipped;

/* A server error saying the server lacks a feature Spark has: noted, not a wrong answer. */
static bool unsupported(const ember_error *err, const char *what)
{
    if (strncmp(err->error_class, "UNSUPPORTED_FEATURE", 19) != 0)
        return false;
    printf("skipped %s: this server says: %s\n", what, err->message);
    skipped = 1;
    return true;
}

static void fail(const char *what, const char *why)
{
    fprintf(stderr, "FAIL %s: %s\n", what, why);
    failed = 1;
}

static void expect_show(ember_dataframe *df, const char *want, const char *what)
{
    char *got = NULL;
    ember_error err;
    if (!df || ember_df_show_string(df, 20, 20, false, &got, &err) != EMBER_OK) {
        if (!df || !unsupported(&err, what))
            fail(what, df ? err.message : "not built");
    } else if (strcmp(got, want) != 0) {
        fprintf(stderr, "FAIL %s:\n%s\nwanted:\n%s\n", what, got, want);
        failed = 1;
    }
    ember_free(got);
}

/* A DataFrame from SQL VALUES. */
static ember_dataframe *values(ember_session *s, const char *sql)
{
    ember_dataframe *df = NULL;
    ember_error err;
    if (ember_sql(s, sql, NULL, 0, &df, &err) != EMBER_OK)
        fail(sql, err.message);
    return df;
}

int main(void)
{
    ember_session *s = NULL;
    ember_error err;
    if (ember_session_open(NULL, &s, &err) != EMBER_OK)
        return 1;
    ember_dataframe *d[8] = {0};
    int n = 0;

    /* crosstab: rows by c1, one column per value of c2, counts. */
    ember_dataframe *c12 = values(s, "SELECT * FROM VALUES (1, 11), (1, 11), (3, 10), (4, 8), "
                                     "(4, 8) AS t(c1, c2)");
    ember_dataframe *x = NULL;
    ember_df_crosstab(c12, "c1", "c2", &x, &err);
    ember_column *by[1] = {ember_col("c1_c2")};
    ember_df_sort(x, by, 1, &d[n], &err);
    expect_show(d[n++],
                "+-----+---+---+---+\n|c1_c2| 10| 11|  8|\n+-----+---+---+---+\n"
                "|    1|  0|  2|  0|\n|    3|  1|  0|  0|\n|    4|  0|  0|  2|\n"
                "+-----+---+---+---+\n",
                "crosstab('c1', 'c2')");
    ember_df_free(x);

    /* freqItems: one row of arrays named <col>_freqItems. */
    const char *both[2] = {"c1", "c2"};
    ember_df_freq_items(c12, both, 2, 0, &d[n], &err);
    char **names = NULL;
    size_t n_names = 0;
    if (ember_df_columns(d[n++], &names, &n_names, &err) != EMBER_OK) {
        if (!unsupported(&err, "freqItems"))
            fail("freqItems", err.message);
    } else if (n_names != 2 || strcmp(names[0], "c1_freqItems") != 0 ||
               strcmp(names[1], "c2_freqItems") != 0) {
        fail("freqItems", "columns are not c1_freqItems, c2_freqItems");
    }
    ember_free_strings(names, n_names);

    /* approxQuantile: min, median, max of each column. */
    ember_dataframe *v =
        values(s, "SELECT * FROM VALUES (1, 10), (2, 20), (3, 30), (4, 40), (5, 50) AS t(a, b)");
    const char *ab[2] = {"a", "b"};
    const double probs[3] = {0.0, 0.5, 1.0}, want_q[6] = {1, 3, 5, 10, 30, 50};
    double q[6];
    if (ember_df_approx_quantile(v, ab, 2, probs, 3, 0.05, q, &err) != EMBER_OK) {
        if (!unsupported(&err, "approxQuantile"))
            fail("approxQuantile", err.message);
    } else {
        for (int idx = 0; idx < 6; idx++)
            if (q[idx] != want_q[idx])
                fail("approxQuantile", "not [[1, 3, 5], [10, 30, 50]]");
    }

    /* cov and corr of two columns. */
    ember_dataframe *p = values(s, "SELECT * FROM VALUES (1, 12), (10, 1), (19, 8) AS t(c1, c2)");
    double cov = 0, corr = 0;
    if (ember_df_cov(p, "c1", "c2", &cov, &err) != EMBER_OK) {
        if (!unsupported(&err, "cov"))
            fail("cov", err.message);
    } else if (cov != -18.0) {
        fail("cov", "not -18.0");
    }
    if (ember_df_corr(p, "c1", "c2", &corr, &err) != EMBER_OK) {
        if (!unsupported(&err, "corr"))
            fail("corr", err.message);
    } else if (fabs(corr - -0.3592106040535498) > 1e-15) {
        fail("corr", "not -0.3592106040535498");
    }

    /* sampleBy: stratum 0 always kept, stratum 1 never. */
    ember_dataframe *r = values(s, "SELECT id, id % 2 AS key FROM range(10)");
    ember_column *strata[2] = {ember_lit_long(0), ember_lit_long(1)};
    const double fractions[2] = {1.0, 0.0};
    const int64_t seed = 7;
    ember_df_sample_by(r, ember_col("key"), strata, fractions, 2, &seed, &d[n], &err);
    int64_t kept = -1;
    if (ember_df_count(d[n++], &kept, &err) != EMBER_OK) {
        if (!unsupported(&err, "sampleBy"))
            fail("sampleBy", err.message);
    } else if (kept != 5) {
        fail("sampleBy", "did not keep exactly the 5 rows of stratum 0");
    }

    /* unpivot: id stays, int and double become (var, val) rows. */
    ember_dataframe *w =
        values(s, "SELECT * FROM VALUES (1, 11, 1.1D), (2, 12, 1.2D) AS t(id, int, double)");
    ember_column *ids[1] = {ember_col("id")}, *vals[2] = {ember_col("int"), ember_col("double")};
    ember_dataframe *u = NULL;
    ember_df_unpivot(w, ids, 1, vals, 2, true, "var", "val", &u, &err);
    ember_column *order[2] = {ember_col("id"), ember_desc(ember_col("var"))};
    ember_df_sort(u, order, 2, &d[n], &err);
    expect_show(d[n++],
                "+---+------+----+\n| id|   var| val|\n+---+------+----+\n|  1|   int|11.0|\n"
                "|  1|double| 1.1|\n|  2|   int|12.0|\n|  2|double| 1.2|\n+---+------+----+\n",
                "unpivot('id', ['int', 'double'], 'var', 'val')");
    ember_df_free(u);

    /* tail: the last rows, streamed like collect. */
    struct ArrowArrayStream st;
    int64_t rows = 0;
    if (ember_df_tail(p, 2, &st, &err) != EMBER_OK) {
        if (!unsupported(&err, "tail"))
            fail("tail", err.message);
    } else {
        struct ArrowArray arr;
        while (st.get_next(&st, &arr) == 0 && arr.release) {
            rows += arr.length;
            arr.release(&arr);
        }
        st.release(&st);
        if (rows != 2)
            fail("tail(2)", "not 2 rows");
    }

    for (int idx = 0; idx < n; idx++)
        ember_df_free(d[idx]);
    ember_df_free(c12);
    ember_df_free(v);
    ember_df_free(p);
    ember_df_free(r);
    ember_df_free(w);
    ember_session_free(s);
    return failed ? 1 : skipped ? 77 : 0;
}
