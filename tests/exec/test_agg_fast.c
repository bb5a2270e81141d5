/*
 * test_agg_fast: the fast paths of aggregation (functions/fn_agg.c batch kernels and
 * update_all, exec/op_aggregate.c's global path, exec/ex_batch.c's column-wise key hashing,
 * types/ty_dec.c's 128-bit add/sub/mul) at their edges: decimal sums at exactly 10^38 - 1 and
 * one past it under ANSI on and off, negative values, NULLs, empty inputs, int64 partial sums
 * crossing 2^63 with decimal(18) values, integral overflow, averages' rounding, grouping keys
 * of every fast hashing layout, and parallel partial/final aggregation against the serial run.
 * The suite reruns with batches of 1 and 3 rows (tests/exec/CMakeLists.txt), which moves every
 * batch boundary and int64 fold point.
 *
 * Queries run through the real front end (SQL -> analyzer -> executor). Expected values follow
 * Spark's semantics, cited per case: Sum.scala (result decimal(min(38, p+10), s); an overflowed
 * decimal sum stays NULL and evaluates to NULL, or raises NUMERIC_VALUE_OUT_OF_RANGE under
 * ANSI through CheckOverflowInSum), Average.scala (decimal(p+4, s+4), HALF_UP), Add's long
 * overflow (ARITHMETIC_OVERFLOW under ANSI, Java wrapping otherwise), and the golden file
 * try_aggregates.sql.out for the same overflow through try_sum.
 */
#include "analyzer/an.h"
#include "ex_test_util.h"
#include "sql/sql.h"

#define T_MAX38 "99999999999999999999999999999999999999"

/* Runs one SQL query; its rows as t_rows text, or "ERROR <class>". */
static const char *t_q(const char *sql)
{
    static char buf[16384];
    pl_node *plan = NULL, *res = NULL;
    an_env env = {.opts = &T.opts};
    em_error_clear(&T.err);
    if (sql_parse_statement(sql, &T.a, &plan, &T.err) ||
        an_resolve(&env, &T.a, plan, &res, &T.err)) {
        snprintf(buf, sizeof buf, "ANALYSIS %s: %s", T.err.error_class, T.err.message);
        return buf;
    }
    vec_batch *b = t_run(res);
    if (!b) {
        snprintf(buf, sizeof buf, "ERROR %s", T.err.error_class);
        return buf;
    }
    snprintf(buf, sizeof buf, "%s", t_rows(b));
    vec_batch_free(b);
    return buf;
}

static void t_expect(const char *sql, const char *want)
{
    const char *got = t_q(sql);
    if (strcmp(got, want) != 0)
        fprintf(stderr, "query: %s\n  want: %s\n  got:  %s\n", sql, want, got);
    CHECK_EQ_STR(got, want);
}

/* ---- decimal sums at the 38-digit edge ---------------------------------------------------------
 */

EM_TEST(decimal_sum_at_max_fits)
{
    t_begin(false);
    /* 10^38 - 1 is the largest decimal(38,0): sum's result type decimal(38,0) holds it */
    t_expect("SELECT sum(c) FROM VALUES (" T_MAX38 "BD) AS t(c)", T_MAX38);
    t_expect("SELECT sum(c) FROM VALUES (-" T_MAX38 "BD) AS t(c)", "-" T_MAX38);
    /* max + (-max) + max: every partial sum stays within 38 digits */
    t_expect("SELECT sum(c) FROM VALUES (" T_MAX38 "BD), (-" T_MAX38 "BD), (" T_MAX38 "BD) AS t(c)",
             T_MAX38);
    t_end();
}

EM_TEST(decimal_sum_past_max_null_without_ansi)
{
    t_begin(false);
    /* Sum.scala: the overflowed buffer is NULL and the result NULL (try_aggregates.sql.out shows
       the same through try_sum) */
    t_expect("SELECT sum(c) FROM VALUES (" T_MAX38 "BD), (1BD) AS t(c)", "NULL");
    t_expect("SELECT sum(c) FROM VALUES (-" T_MAX38 "BD), (-1BD) AS t(c)", "NULL");
    /* sticky: coming back below the bound does not revive the sum */
    t_expect("SELECT sum(c) FROM VALUES (" T_MAX38 "BD), (1BD), (-5BD) AS t(c)", "NULL");
    /* grouped: only the overflowed group is NULL; groups in first-seen order */
    t_expect("SELECT k, sum(c) FROM VALUES (1, " T_MAX38 "BD), (2, 1BD), (1, 1BD), (2, -1BD), "
             "(1, -7BD) AS t(k, c) GROUP BY k",
             "1,NULL|2,0");
    /* avg of the same inputs: its decimal sum overflowed too */
    t_expect("SELECT avg(c) FROM VALUES (" T_MAX38 "BD), (1BD) AS t(c)", "NULL");
    t_end();
}

EM_TEST(decimal_sum_past_max_raises_under_ansi)
{
    t_begin(true);
    /* CheckOverflowInSum under ANSI: NUMERIC_VALUE_OUT_OF_RANGE (WITH_SUGGESTION) */
    t_expect("SELECT sum(c) FROM VALUES (" T_MAX38 "BD), (1BD) AS t(c)",
             "ERROR NUMERIC_VALUE_OUT_OF_RANGE.WITH_SUGGESTION");
    t_expect("SELECT k, sum(c) FROM VALUES (1, " T_MAX38 "BD), (2, 1BD), (1, 1BD) AS t(k, c) "
             "GROUP BY k",
             "ERROR NUMERIC_VALUE_OUT_OF_RANGE.WITH_SUGGESTION");
    t_expect("SELECT sum(c) FROM VALUES (" T_MAX38 "BD), (0BD) AS t(c)", T_MAX38);
    t_end();
}

/* ---- int64 partial sums of decimal(18) values --------------------------------------------------
 */

EM_TEST(decimal18_sums_cross_int64)
{
    t_begin(true);
    /* 10 x (10^18 - 1) = 9999999999999999990 > 2^63 - 1: decimal(28,0) holds it exactly */
    t_expect("SELECT sum(CAST(999999999999999999 AS DECIMAL(18,0))) FROM range(10)",
             "9999999999999999990");
    t_expect("SELECT sum(CAST(-999999999999999999 AS DECIMAL(18,0))) FROM range(10)",
             "-9999999999999999990");
    t_expect("SELECT sum(CAST(999999999999999999 AS DECIMAL(18,0))) FROM range(30)",
             "29999999999999999970");
    /* alternating signs around the int64 limits: the sum returns to 0 */
    t_expect("SELECT sum(CASE WHEN id % 2 = 0 THEN CAST(999999999999999999 AS DECIMAL(18,0)) "
             "ELSE CAST(-999999999999999999 AS DECIMAL(18,0)) END) FROM range(20)",
             "0");
    /* 9 positives then 9 negatives: +8999999999999999991 then back to 0 */
    t_expect("SELECT sum(CASE WHEN id < 9 THEN CAST(999999999999999999 AS DECIMAL(18,0)) "
             "ELSE CAST(-999999999999999999 AS DECIMAL(18,0)) END) FROM range(18)",
             "0");
    /* scale 2: 10 x 9999999999999999.99 in decimal(28,2) */
    t_expect("SELECT sum(CAST('9999999999999999.99' AS DECIMAL(18,2))) FROM range(10)",
             "99999999999999999.90");
    /* grouped: the same values through per-group states */
    t_expect("SELECT id % 2 AS k, sum(CAST(999999999999999999 AS DECIMAL(18,0))) FROM range(21) "
             "GROUP BY 1",
             "0,10999999999999999989|1,9999999999999999990");
    t_end();
}

/* ---- NULLs and empty inputs --------------------------------------------------------------------
 */

EM_TEST(nulls_and_empty_groups)
{
    t_begin(false);
    /* Sum.scala / Average.scala: NULL inputs are skipped; no input -> NULL; count -> 0 */
    t_expect("SELECT sum(c), avg(c), count(c), count(*), min(c), max(c) FROM VALUES "
             "(CAST(NULL AS DECIMAL(10,2))), (NULL) AS t(c)",
             "NULL,NULL,0,2,NULL,NULL");
    t_expect("SELECT sum(id), avg(id), count(id), min(id), max(id) FROM range(10) WHERE id < 0",
             "NULL,NULL,0,NULL,NULL");
    t_expect("SELECT sum(c), avg(c), count(c), min(c), max(c) FROM VALUES (1.50BD), (NULL), "
             "(-2.25BD), (NULL), (4.00BD) AS t(c)",
             "3.25,1.083333,3,-2.25,4.00");
    t_expect("SELECT k, sum(c), count(c), min(c), max(c) FROM VALUES ('a', 1), ('b', NULL), "
             "('a', NULL), ('b', NULL), ('a', -3) AS t(k, c) GROUP BY k",
             "a,-2,2,-3,1|b,NULL,0,NULL,NULL");
    /* a grouped aggregate over no rows has no groups */
    t_expect("SELECT id % 2, sum(id) FROM range(10) WHERE id < 0 GROUP BY 1", "");
    t_end();
}

/* ---- integral and floating sums, averages -------------------------------------------------------
 */

EM_TEST(integral_sum_overflow)
{
    t_begin(true);
    /* Add on bigint under ANSI: ARITHMETIC_OVERFLOW */
    t_expect("SELECT sum(c) FROM VALUES (9223372036854775807L), (1L) AS t(c)",
             "ERROR ARITHMETIC_OVERFLOW");
    t_expect("SELECT sum(c) FROM VALUES (9223372036854775807L), (1L), (-1L) AS t(c)",
             "ERROR ARITHMETIC_OVERFLOW");
    t_expect("SELECT sum(c) FROM VALUES (9223372036854775807L), (-1L), (1L) AS t(c)",
             "9223372036854775807");
    t_end();
    t_begin(false);
    /* without ANSI the long sum wraps as Java's + does */
    t_expect("SELECT sum(c) FROM VALUES (9223372036854775807L), (1L) AS t(c)",
             "-9223372036854775808");
    t_expect("SELECT k, sum(c) FROM VALUES (1, 9223372036854775807L), (2, 5L), (1, 2L) "
             "AS t(k, c) GROUP BY k",
             "1,-9223372036854775807|2,5");
    /* byte / short / int inputs sum into bigint */
    t_expect("SELECT sum(CAST(c AS TINYINT)), sum(CAST(c AS SMALLINT)), sum(c) FROM VALUES (127), "
             "(127), (-1) AS t(c)",
             "253,253,253");
    t_end();
}

EM_TEST(floating_sums_and_averages)
{
    t_begin(false);
    /* double sums add in row order: ten 0.1s are 0.9999999999999999 in Java */
    t_expect("SELECT sum(c) FROM (SELECT 0.1D AS c FROM range(10))", "0.9999999999999999");
    /* avg of integers is a double; of decimal(1,0) a decimal(5,4) rounded HALF_UP */
    t_expect("SELECT avg(c) FROM VALUES (1), (2) AS t(c)", "1.5");
    t_expect("SELECT avg(c) FROM VALUES (1BD), (1BD), (2BD) AS t(c)", "1.3333");
    t_expect("SELECT avg(c) FROM VALUES (2BD), (2BD), (1BD) AS t(c)", "1.6667");
    t_expect("SELECT avg(c) FROM VALUES (-2BD), (-2BD), (-1BD) AS t(c)", "-1.6667");
    /* float inputs: widened to double value by value */
    t_expect("SELECT sum(CAST(c AS FLOAT)) FROM VALUES (0.5D), (0.25D) AS t(c)", "0.75");
    t_end();
}

/* ---- min / max
 * ----------------------------------------------------------------------------------- */

EM_TEST(min_max_fixed_types)
{
    t_begin(false);
    t_expect("SELECT min(c), max(c) FROM VALUES (3), (-2147483648), (NULL), (2147483647) AS t(c)",
             "-2147483648,2147483647");
    t_expect("SELECT min(c), max(c) FROM VALUES (3L), (-9223372036854775808L), "
             "(9223372036854775807L) AS t(c)",
             "-9223372036854775808,9223372036854775807");
    t_expect("SELECT min(c), max(c) FROM VALUES (-" T_MAX38 "BD), (" T_MAX38 "BD), (0BD) AS t(c)",
             "-" T_MAX38 "," T_MAX38);
    t_expect("SELECT k, min(d), max(d) FROM VALUES (1, DATE'2020-01-05'), (2, DATE'1969-12-31'), "
             "(1, DATE'1999-03-01') AS t(k, d) GROUP BY k",
             "1,1999-03-01,2020-01-05|2,1969-12-31,1969-12-31");
    t_expect("SELECT min(CAST(c AS TINYINT)), max(CAST(c AS SMALLINT)) FROM VALUES (-128), (127), "
             "(5) AS t(c)",
             "-128,127");
    t_end();
}

/* ---- grouping keys ------------------------------------------------------------------------------
 */

EM_TEST(grouping_keys_of_every_layout)
{
    t_begin(false);
    /* NULL keys group together; groups come out in first-seen order */
    t_expect("SELECT k, count(*) FROM VALUES (1), (NULL), (1), (NULL), (2) AS t(k) GROUP BY k",
             "1,2|NULL,2|2,1");
    /* strings: empty vs NULL, equal prefixes longer than 8 bytes, differing lengths */
    t_expect("SELECT k, count(*) FROM VALUES ('abcdefghij'), (''), ('abcdefghik'), (NULL), "
             "('abcdefghij'), (''), ('abcdefgh'), ('abcdefghij') AS t(k) GROUP BY k",
             "abcdefghij,3|,2|abcdefghik,1|NULL,1|abcdefgh,1");
    /* booleans, bytes, dates, and several keys at once */
    t_expect("SELECT b, count(*) FROM VALUES (true), (false), (NULL), (true) AS t(b) GROUP BY b",
             "true,2|false,1|NULL,1");
    t_expect("SELECT a, b, count(*) FROM VALUES (1, 'x'), (1, 'y'), (2, 'x'), (1, 'x'), "
             "(NULL, 'x'), (NULL, NULL) AS t(a, b) GROUP BY a, b",
             "1,x,2|1,y,1|2,x,1|NULL,x,1|NULL,NULL,1");
    t_expect("SELECT CAST(k AS TINYINT) AS kb, count(*) FROM VALUES (-1), (255), (-1) AS t(k) "
             "GROUP BY 1",
             "-1,3");
    /* -0.0 and 0.0 are one group; decimals of one type */
    t_expect("SELECT count(*) FROM (SELECT k FROM VALUES (0.0D), (-0.0D) AS t(k) GROUP BY k)", "1");
    t_expect("SELECT k, count(*) FROM VALUES (1.10BD), (1.1BD), (2.00BD) AS t(k) GROUP BY k",
             "1.10,2|2.00,1");
    t_end();
}

/* ---- parallel partial / final against serial ----------------------------------------------------
 */

/* The expected rows of sum(CAST(id * 10^12 AS DECIMAL(18,0))), count(*) per id % 3 over
   range(n), computed here: k, 10^12 * (sum of ids = k mod 3), count. */
static void t_expected_par(int64_t n, char *out, size_t cap)
{
    size_t len = 0;
    out[0] = '\0';
    for (int k = 0; k < 3 && k < n; k++) {
        __int128 s = 0;
        int64_t cnt = 0;
        for (int64_t id = k; id < n; id += 3) {
            s += id;
            cnt++;
        }
        s *= 1000000000000LL;
        char digits[48];
        int nd = 0;
        do {
            digits[nd++] = (char)('0' + (int)(s % 10));
            s /= 10;
        } while (s);
        char num[48];
        for (int i = 0; i < nd; i++)
            num[i] = digits[nd - 1 - i];
        num[nd] = '\0';
        len += (size_t)snprintf(out + len, cap - len, "%s%d,%s,%lld", k ? "|" : "", k, num,
                                (long long)cnt);
    }
}

EM_TEST(parallel_partials_equal_serial)
{
    t_begin(true);
    int64_t n = T.opts.batch_rows >= 256 ? 300000 : 3000;
    char sql[512], want[512];
    snprintf(sql, sizeof sql,
             "SELECT id %% 3 AS k, sum(CAST(id * 1000000000000 AS DECIMAL(18,0))), count(*) "
             "FROM range(%lld) GROUP BY 1",
             (long long)n);
    t_expected_par(n, want, sizeof want);
    T.opts.threads = 1;
    t_expect(sql, want);
    T.opts.threads = 2;
    T.opts.morsel_rows = T.opts.batch_rows >= 256 ? 65536 : 500;
    t_expect(sql, want);
    /* global: the partial states merge through the same checked 128-bit addition */
    snprintf(sql, sizeof sql,
             "SELECT sum(CAST(999999999999999999 AS DECIMAL(18,0))), count(*) FROM range(%lld)",
             (long long)n);
    char g[128];
    /* n * (10^18 - 1) = n * 10^18 - n */
    __int128 total = (__int128)n * (__int128)1000000000000000000LL - n;
    char digits[48], num[48];
    int nd = 0;
    do {
        digits[nd++] = (char)('0' + (int)(total % 10));
        total /= 10;
    } while (total);
    for (int i = 0; i < nd; i++)
        num[i] = digits[nd - 1 - i];
    num[nd] = '\0';
    snprintf(g, sizeof g, "%s,%lld", num, (long long)n);
    t_expect(sql, g);
    T.opts.threads = 1;
    t_expect(sql, g);
    t_end();
}

int main(int c, char **v)
{
    return em_test_main(c, v);
}
