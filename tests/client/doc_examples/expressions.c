/* Every kind of column: operators, literals and their Spark types, strings, sorts, windows.
 * Exits 77 when the server lacks something shown (the checks that ran still count). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "ember.h"

static int failed, skipped;
static ember_dataframe *ids; /* spark.range(5): id = 0..4 */

/* A server error saying the server lacks a feature Spark has: noted, not a wrong answer. */
static bool unsupported(const ember_error *err, const char *what)
{
    if (strncmp(err->error_class, "UNSUPPORTED_FEATURE", 19) != 0 &&
        strcmp(err->error_class, "UNRESOLVED_ROUTINE") != 0)
        return false;
    printf("skipped %s: this server says: %s\n", what, err->message);
    skipped = 1;
    return true;
}

/* df.filter(cond).count() must be want (Spark's answer). */
static void expect_rows_of(ember_dataframe *df, ember_column *cond, int64_t want, const char *what)
{
    ember_dataframe *f = NULL;
    ember_error err;
    int64_t n = -1;
    if (ember_df_filter(df, cond, &f, &err) != EMBER_OK ||
        ember_df_count(f, &n, &err) != EMBER_OK) {
        if (unsupported(&err, what))
            n = want;
        else
            fprintf(stderr, "FAIL %s: [%s] %s\n", what, err.error_class, err.message);
    } else if (n != want) {
        fprintf(stderr, "FAIL %s: %lld rows, wanted %lld\n", what, (long long)n, (long long)want);
    }
    failed |= n != want;
    ember_df_free(f);
}

static void expect_count(ember_column *cond, int64_t want, const char *what)
{
    expect_rows_of(ids, cond, want, what);
}

/* Window functions may not appear in a filter (Spark: _LEGACY_ERROR_TEMP_1034): compute the
 * window column w first, then count the rows where cond(w) holds. */
static void expect_window(ember_column *over, ember_column *cond, int64_t want, const char *what)
{
    ember_dataframe *with = NULL;
    ember_error err;
    ember_df_with_column(ids, "w", over, &with, &err);
    expect_rows_of(with, cond, want, what);
    ember_df_free(with);
}

/* typeof(lit) must be Spark's type name. */
static void expect_type(ember_column *lit, const char *type)
{
    expect_count(ember_eq(ember_call("typeof", lit, NULL), ember_lit_string(type)), 5, type);
}

/* The first value of a bigint column of df (-1 for NULL). */
static int64_t first_long(ember_dataframe *df)
{
    struct ArrowArrayStream st;
    struct ArrowArray batch;
    ember_error err;
    int64_t v = -2;
    if (ember_df_take(df, 1, &st, &err) != EMBER_OK)
        return v;
    if (st.get_next(&st, &batch) == 0 && batch.release) {
        const struct ArrowArray *c = batch.children[0];
        const uint8_t *valid = c->buffers[0];
        bool is_null = c->null_count && !(valid[c->offset / 8] & (1 << (c->offset % 8)));
        v = is_null ? -1 : ((const int64_t *)c->buffers[1])[c->offset];
        batch.release(&batch);
    } else if (ember_stream_error(&st)) {
        fprintf(stderr, "stream: %s\n", ember_stream_error(&st)->message);
    }
    st.release(&st);
    return v;
}

/* ids with v = NULL where id = 0, sorted by order; returns the first v. */
static int64_t first_sorted(ember_column *order)
{
    ember_dataframe *p = NULL, *o = NULL;
    ember_error err;
    ember_column *v = ember_otherwise(
        ember_when(ember_eq(ember_col("id"), ember_lit_int(0)), ember_lit_null()), ember_col("id"));
    ember_column *cols[1] = {ember_alias(v, "v")};
    ember_df_select(ids, cols, 1, &p, &err);
    ember_df_sort(p, &order, 1, &o, &err);
    int64_t first = first_long(o);
    ember_df_free(o);
    ember_df_free(p);
    return first;
}

int main(void)
{
    ember_session *s = NULL;
    ember_error err;
    if (ember_session_open(NULL, &s, &err) != EMBER_OK)
        return 1;
    ember_range(s, 0, 5, 1, 0, &ids, &err);
    ember_column *id = ember_df_col(ids, "id"); /* ids["id"]; ember_column_dup takes copies */
#define ID ember_column_dup(id)

    /* Arithmetic. */
    expect_count(
        ember_eq(ember_div(ember_mul(ember_sub(ember_add(ID, ember_lit_int(1)), ember_lit_int(1)),
                                     ember_lit_int(2)),
                           ember_lit_int(2)),
                 ID),
        5, "(id + 1 - 1) * 2 / 2 == id");
    expect_count(ember_eq(ember_mod(ID, ember_lit_int(2)), ember_lit_int(0)), 3, "id % 2 == 0");
    expect_count(ember_eq(ember_pow(ID, ember_lit_int(2)), ember_mul(ID, ID)), 5, "id ** 2");
    expect_count(ember_le(ember_neg(ID), ember_lit_int(0)), 5, "-id <= 0");
    /* Comparisons and logic. */
    expect_count(ember_ne(ID, ember_lit_int(2)), 4, "id != 2");
    expect_count(ember_lt(ID, ember_lit_int(2)), 2, "id < 2");
    expect_count(ember_le(ID, ember_lit_int(2)), 3, "id <= 2");
    expect_count(ember_gt(ID, ember_lit_int(2)), 2, "id > 2");
    expect_count(ember_ge(ID, ember_lit_int(2)), 3, "id >= 2");
    expect_count(ember_eq_null_safe(ember_lit_null(), ember_lit_null()), 5, "NULL <=> NULL");
    expect_count(ember_or(ember_and(ember_gt(ID, ember_lit_int(0)), ember_lt(ID, ember_lit_int(2))),
                          ember_not(ember_lt(ID, ember_lit_int(4)))),
                 2, "(id > 0 & id < 2) | ~(id < 4)");
    expect_count(ember_eq(ember_bitwise_and(ID, ember_lit_int(1)), ember_lit_int(1)), 2, "id & 1");
    expect_count(ember_eq(ember_bitwise_or(ID, ember_lit_int(1)), ember_lit_int(3)), 2, "id | 1");
    expect_count(ember_eq(ember_bitwise_xor(ID, ember_lit_int(1)), ember_add(ID, ember_lit_int(1))),
                 3, "id ^ 1 == id + 1");
    /* Nulls and NaN. */
    expect_count(ember_is_null(ember_lit_null()), 5, "isNull");
    expect_count(ember_is_not_null(ID), 5, "isNotNull");
    expect_count(ember_is_nan(ember_lit_double(NAN)), 5, "isNaN");
    /* Strings: s = "ab" || id. */
    ember_column *str =
        ember_call("concat", ember_lit_string("ab"), ember_cast(ID, "string"), NULL);
#define S ember_column_dup(str)
    expect_count(ember_like(S, "ab%"), 5, "like");
    expect_count(ember_rlike(S, "^ab[0-2]$"), 3, "rlike");
    expect_count(ember_ilike(S, "AB%"), 5, "ilike");
    expect_count(ember_contains(S, ember_lit_string("b1")), 1, "contains");
    expect_count(ember_starts_with(S, ember_lit_string("ab")), 5, "startswith");
    expect_count(ember_ends_with(S, ember_lit_string("4")), 1, "endswith");
    expect_count(
        ember_eq(ember_substr(S, ember_lit_int(1), ember_lit_int(2)), ember_lit_string("ab")), 5,
        "substr");
    ember_column_free(str);
    ember_column *in[2] = {ember_lit_int(1), ember_lit_int(3)};
    expect_count(ember_isin(ID, in, 2), 2, "isin(1, 3)");
    expect_count(ember_between(ID, ember_lit_int(1), ember_lit_int(3)), 3, "between(1, 3)");
    /* Collections: array(10, 20)[1], named_struct('a', id).a */
    expect_count(
        ember_eq(ember_get_item(ember_call("array", ember_lit_int(10), ember_lit_int(20), NULL),
                                ember_lit_int(1)),
                 ember_lit_int(20)),
        5, "getItem");
    expect_count(
        ember_eq(ember_get_field(ember_call("named_struct", ember_lit_string("a"), ID, NULL), "a"),
                 ID),
        5, "getField");
    /* Casts, SQL text, conditionals, functions by name. */
    expect_count(ember_eq(ember_cast(ember_lit_string("7"), "int"), ember_lit_int(7)), 5, "cast");
    expect_count(ember_is_null(ember_try_cast(ember_lit_string("x"), "int")), 5, "try_cast");
    expect_count(ember_expr("id BETWEEN 1 AND 2"), 2, "expr");
    ember_column *cw = ember_when(ember_eq(ID, ember_lit_int(0)), ember_lit_string("a"));
    cw = ember_when_add(cw, ember_eq(ID, ember_lit_int(1)), ember_lit_string("b"));
    expect_count(ember_eq(ember_otherwise(cw, ember_lit_string("c")), ember_lit_string("c")), 3,
                 "when/when/otherwise");
    ember_column *neg[1] = {ember_neg(ID)};
    expect_count(ember_eq(ember_fn("abs", neg, 1), ID), 5, "abs(-id)");
    ember_column *up[1] = {ember_lit_string("a")};
    expect_count(ember_eq(ember_call_function("upper", up, 1), ember_lit_string("A")), 5,
                 "call_function('upper')");
    /* Literals and the type Spark gives them. */
    expect_type(ember_lit_null(), "void");
    expect_type(ember_lit_bool(true), "boolean");
    expect_type(ember_lit_byte(1), "tinyint");
    expect_type(ember_lit_short(1), "smallint");
    expect_type(ember_lit_int(1), "int");
    expect_type(ember_lit_long(1), "bigint");
    expect_type(ember_lit_integral(1), "int");
    expect_type(ember_lit_integral(INT64_C(1) << 40), "bigint");
    expect_type(ember_lit_float(1.5f), "float");
    expect_type(ember_lit_double(1.5), "double");
    expect_type(ember_lit_string("x"), "string");
    expect_type(ember_lit_binary("ab", 2), "binary");
    expect_type(ember_lit_decimal("12.345", 5, 3), "decimal(5,3)");
    expect_type(ember_lit_date(0), "date");
    expect_type(ember_lit_timestamp(0), "timestamp");
    expect_type(ember_lit_timestamp_ntz(0), "timestamp_ntz");
    expect_type(ember_lit_day_time_interval(1000000), "interval day to second");
    expect_type(ember_lit_year_month_interval(14), "interval year to month");
    expect_type(ember_lit_calendar_interval(1, 2, 3), "interval");
    expect_count(ember_eq(ember_lit_date(0), ember_expr("DATE'1970-01-01'")), 5, "date value");

    /* Sort orders (v is NULL on one row): asc puts NULL first, desc puts it last. */
    int64_t f1 = first_sorted(ember_asc(ember_col("v")));
    int64_t f2 = first_sorted(ember_asc_nulls_first(ember_col("v")));
    int64_t f3 = first_sorted(ember_asc_nulls_last(ember_col("v")));
    int64_t f4 = first_sorted(ember_desc(ember_col("v")));
    int64_t f5 = first_sorted(ember_desc_nulls_first(ember_col("v")));
    int64_t f6 = first_sorted(ember_desc_nulls_last(ember_col("v")));
    if (f1 != -1 || f2 != -1 || f3 != 1 || f4 != 4 || f5 != -1 || f6 != 4) {
        fprintf(stderr, "FAIL sort orders: %lld %lld %lld %lld %lld %lld\n", (long long)f1,
                (long long)f2, (long long)f3, (long long)f4, (long long)f5, (long long)f6);
        failed = 1;
    }

    /* Windows: row_number per parity, a running sum, a range frame. */
    ember_window *w = ember_window_new();
    ember_column *part[1] = {ember_mod(ID, ember_lit_int(2))}, *ord[1] = {ID};
    ember_window_partition_by(w, part, 1, &err);
    ember_window_order_by(w, ord, 1, &err);
    expect_window(ember_over(ember_call("row_number", NULL), w),
                  ember_eq(ember_col("w"), ember_lit_int(1)), 2,
                  "row_number() over (partition by id % 2 order by id) == 1");
    ember_window_free(w);
    w = ember_window_new();
    ord[0] = ID;
    ember_window_order_by(w, ord, 1, &err);
    ember_window_rows_between(w, EMBER_UNBOUNDED_PRECEDING, EMBER_CURRENT_ROW);
    expect_window(ember_over(ember_call("sum", ID, NULL), w),
                  ember_eq(ember_col("w"), ember_div(ember_mul(ID, ember_add(ID, ember_lit_int(1))),
                                                     ember_lit_int(2))),
                  5, "running sum");
    ember_window_range_between(w, -1, EMBER_CURRENT_ROW);
    expect_window(ember_over(ember_call("sum", ID, NULL), w),
                  ember_eq(ember_col("w"),
                           ember_call("greatest",
                                      ember_sub(ember_mul(ID, ember_lit_int(2)), ember_lit_int(1)),
                                      ember_lit_int(0), NULL)),
                  5, "sum over range between 1 preceding and current row");
    ember_window_free(w);

    /* Aggregates with DISTINCT, names for several outputs, metadata on an alias. */
    ember_dataframe *agg = NULL, *multi = NULL;
    ember_column *parity[1] = {ember_mod(ID, ember_lit_int(2))};
    ember_column *aggs[1] = {ember_alias(ember_fn_distinct("count", parity, 1), "n")};
    ember_df_agg(ids, aggs, 1, &agg, &err);
    if (first_long(agg) != 2) {
        fprintf(stderr, "FAIL count(DISTINCT id %% 2) != 2\n");
        failed = 1;
    }
    const char *names[2] = {"pos", "val"};
    ember_column *two[2] = {
        ember_alias_multi(
            ember_call("posexplode", ember_call("array", ember_lit_int(7), NULL), NULL), names, 2),
        ember_alias_with_metadata(ID, "tagged", "{\"comment\": \"the id\"}")};
    ember_df_select(ids, two, 2, &multi, &err);
    char **cols = NULL;
    size_t n_cols = 0;
    if (ember_df_columns(multi, &cols, &n_cols, &err) != EMBER_OK || n_cols != 3 ||
        strcmp(cols[0], "pos") || strcmp(cols[1], "val") || strcmp(cols[2], "tagged")) {
        fprintf(stderr, "FAIL multi-alias columns: [%s] %s\n", err.error_class, err.message);
        failed = 1;
    }
    ember_free_strings(cols, n_cols);
    /* df.metadataColumn(name) names a hidden column of a source (file sources have _metadata). */
    ember_column_free(ember_df_metadata_col(ids, "_metadata"));
    ember_df_free(multi);
    ember_df_free(agg);
    ember_column_free(id);
    ember_df_free(ids);
    ember_session_free(s);
    return failed ? 1 : skipped ? 77 : 0;
}
