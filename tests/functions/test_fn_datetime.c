/*
 * Date, time and interval function tests. Every expectation cites its source: the PySpark
 * doctest captures (pyspark-doctests/spark-4.2-dev/...builtin.<name>, "doctest"), Spark's SQL
 * golden files (spark-sql-tests/results/<file>, "golden"), or the ExpressionDescription
 * examples in Spark's datetimeExpressions.scala / intervalExpressions.scala ("docs"). The
 * session time zone is America/Los_Angeles (as in Spark's golden suite) unless a test sets it.
 */

/* CHECK_EQ_STR copies both strings into a fixed message buffer; optimized builds warn that long
   results may be cut in the failure message, which is fine for a test report. */
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wformat-truncation"
#endif

#include "../exec/ex_test_util.h"
#include "types/ty_dec.h"
#include "types/ty_time.h"

static const char *eval1(pl_expr *e)
{
    static char buf[1024];
    if (!e)
        return "(bind error)";
    pl_node *one = pl_node_new(&T.a, PL_ONE_ROW, 0);
    one->resolved = true;
    pl_expr *ex[] = {e};
    vec_batch *b = t_run(t_project(one, 1, ex, NULL));
    if (!b)
        return "(error)";
    snprintf(buf, sizeof buf, "%s", t_cell(b, 0, 0));
    vec_batch_free(b);
    return buf;
}

static const char *param(const char *name)
{
    const char *v = em_error_param_get(&T.err, name);
    return v ? v : "(missing)";
}

/* The type of a bound expression as Spark's simpleString. */
static const char *type_of(const pl_expr *e)
{
    static char buf[128];
    if (!e)
        return "(bind error)";
    em_str s;
    em_str_init(&s, 0);
    ty_simple_string(e->type, &s);
    snprintf(buf, sizeof buf, "%s", s.data ? s.data : "");
    em_str_release(&s);
    return buf;
}

static pl_expr *lit_date(const char *s)
{
    int32_t d = 0;
    CHECK(ty_parse_date(s, strlen(s), &d));
    vec *v = vec_new(ty_date(), 1);
    VEC_VALUES(v, int32_t)[0] = d;
    v->len = 1;
    pl_expr *e = pl_lit_new(&T.a, v);
    e->resolved = true;
    return e;
}

static pl_expr *lit_ts_type(const char *s, bool ntz)
{
    int64_t m = 0;
    if (ntz)
        CHECK(ty_parse_timestamp_ntz(s, strlen(s), &m));
    else
        CHECK(ty_parse_timestamp(s, strlen(s), ty_session_tz(&T.opts), 0, &m));
    vec *v = vec_new(ntz ? ty_timestamp_ntz() : ty_timestamp(), 1);
    VEC_VALUES(v, int64_t)[0] = m;
    v->len = 1;
    pl_expr *e = pl_lit_new(&T.a, v);
    e->resolved = true;
    return e;
}

static pl_expr *lit_ts(const char *s)
{
    return lit_ts_type(s, false);
}

static pl_expr *lit_dt(int64_t micros, int start, int end)
{
    const ty *t = ty_daytime_interval(&T.a, start, end);
    vec *v = vec_new(t, 1);
    VEC_VALUES(v, int64_t)[0] = micros;
    v->len = 1;
    pl_expr *e = pl_lit_new(&T.a, v);
    e->type = t;
    e->resolved = true;
    return e;
}

static pl_expr *lit_ym(int32_t months, int start, int end)
{
    const ty *t = ty_yearmonth_interval(&T.a, start, end);
    vec *v = vec_new(t, 1);
    VEC_VALUES(v, int32_t)[0] = months;
    v->len = 1;
    pl_expr *e = pl_lit_new(&T.a, v);
    e->type = t;
    e->resolved = true;
    return e;
}

static pl_expr *lit_dec(int64_t unscaled, int p, int s)
{
    const ty *t = ty_decimal(&T.a, p, s);
    vec *v = vec_new(t, 1);
    VEC_VALUES(v, ty_i128)[0] = unscaled;
    v->len = 1;
    pl_expr *e = pl_lit_new(&T.a, v);
    e->type = t;
    e->resolved = true;
    return e;
}

static pl_expr *lit_byte(int8_t b)
{
    vec *v = vec_new(ty_byte(), 1);
    VEC_VALUES(v, int8_t)[0] = b;
    v->len = 1;
    pl_expr *e = pl_lit_new(&T.a, v);
    e->resolved = true;
    return e;
}

#define S(x) t_lit_str(x)
#define I(x) t_lit_int(x)

/* doctest year/quarter/month/day/dayofweek/dayofyear/weekofyear/dayname/monthname/hour/
   minute/second on '2015-04-08 13:08:15' and '2024-10-31 10:09:16' (string, date and
   timestamp inputs all give the same fields). */
EM_TEST(date_fields_doctests)
{
    t_begin(true);
    static const struct {
        const char *fn, *a, *b;
    } cases[] = {
        {"year", "2015", "2024"},    {"quarter", "2", "4"},      {"month", "4", "10"},
        {"day", "8", "31"},          {"dayofmonth", "8", "31"},  {"dayofweek", "4", "5"},
        {"dayofyear", "98", "305"},  {"weekofyear", "15", "44"}, {"dayname", "Wed", "Thu"},
        {"monthname", "Apr", "Oct"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        CHECK_EQ_STR(eval1(t_call(cases[i].fn, 1, S("2015-04-08"))), cases[i].a);
        CHECK_EQ_STR(eval1(t_call(cases[i].fn, 1, S("2024-10-31 10:09:16"))), cases[i].b);
        CHECK_EQ_STR(eval1(t_call(cases[i].fn, 1, lit_date("2015-04-08"))), cases[i].a);
        CHECK_EQ_STR(eval1(t_call(cases[i].fn, 1, lit_ts("2024-10-31 10:09:16"))), cases[i].b);
    }
    CHECK_EQ_STR(eval1(t_call("hour", 1, S("2015-04-08 13:08:15"))), "13");
    CHECK_EQ_STR(eval1(t_call("minute", 1, S("2015-04-08 13:08:15"))), "8");
    CHECK_EQ_STR(eval1(t_call("second", 1, lit_ts("2024-10-31 10:09:16"))), "16");
    CHECK_EQ_STR(type_of(t_call("dayname", 1, S("2015-04-08"))), "string");
    /* golden date.sql.out: weekday / dayofweek of 2007-02-03 (a Saturday) */
    CHECK_EQ_STR(eval1(t_call("dayofweek", 1, S("2007-02-03"))), "7");
    CHECK_EQ_STR(eval1(t_call("weekday", 1, S("2007-02-03"))), "5");
    /* golden date.sql.out: dayOfYear('1582-10-15 13:10:15') = 288, year('1500-01-01') = 1500 */
    CHECK_EQ_STR(eval1(t_call("dayofyear", 1, S("1582-10-15 13:10:15"))), "288");
    CHECK_EQ_STR(eval1(t_call("year", 1, S("1500-01-01"))), "1500");
    CHECK_EQ_STR(eval1(t_call("year", 1, t_lit_null(ty_null()))), "NULL");
    t_end();
}

/* doctest extract: 2015-04-08 13:08:15 -> YEAR 2015, month 4, WEEK 15, D 8, M 8,
   S 15.000000; golden extract.sql.out for the interval forms and the field errors. */
EM_TEST(extract_and_date_part)
{
    t_begin(true);
    pl_expr *ts = lit_ts("2015-04-08 13:08:15");
    CHECK_EQ_STR(eval1(t_call("extract", 2, S("YEAR"), ts)), "2015");
    CHECK_EQ_STR(eval1(t_call("extract", 2, S("month"), ts)), "4");
    CHECK_EQ_STR(eval1(t_call("extract", 2, S("WEEK"), ts)), "15");
    CHECK_EQ_STR(eval1(t_call("extract", 2, S("D"), ts)), "8");
    CHECK_EQ_STR(eval1(t_call("extract", 2, S("M"), ts)), "8");
    CHECK_EQ_STR(eval1(t_call("extract", 2, S("S"), ts)), "15.000000");
    CHECK_EQ_STR(type_of(t_call("date_part", 2, S("S"), ts)), "decimal(8,6)");
    /* golden extract.sql.out: c = '2011-05-06 07:08:09.1234567' */
    pl_expr *c = S("2011-05-06 07:08:09.1234567");
    CHECK_EQ_STR(eval1(t_call("extract", 2, S("second"), c)), "9.123456");
    CHECK_EQ_STR(eval1(t_call("extract", 2, S("dayofweek_iso"), c)), "5");
    CHECK_EQ_STR(eval1(t_call("extract", 2, S("doy"), c)), "126");
    CHECK_EQ_STR(eval1(t_call("extract", 2, S("yearofweek"), c)), "2011");
    CHECK_EQ_STR(eval1(t_call("extract", 2, S("qtr"), c)), "2");
    /* golden extract.sql.out: i = interval 10 year 20 month (INTERVAL '11-8' YEAR TO MONTH),
       j = interval 30 day 40 hour 50 minute 6.7890 second */
    pl_expr *i = lit_ym(11 * 12 + 8, TY_YM_YEAR, TY_YM_MONTH);
    int64_t jm =
        30 * TY_MICROS_PER_DAY + 40 * TY_MICROS_PER_HOUR + 50 * TY_MICROS_PER_MINUTE + 6789000;
    pl_expr *j = lit_dt(jm, TY_DT_DAY, TY_DT_SECOND);
    CHECK_EQ_STR(eval1(t_call("extract", 2, S("year"), i)), "11");
    CHECK_EQ_STR(eval1(t_call("extract", 2, S("month"), i)), "8");
    CHECK_EQ_STR(type_of(t_call("extract", 2, S("month"), i)), "tinyint");
    CHECK_EQ_STR(eval1(t_call("extract", 2, S("day"), j)), "31");
    CHECK_EQ_STR(eval1(t_call("extract", 2, S("hour"), j)), "16");
    CHECK_EQ_STR(eval1(t_call("extract", 2, S("minute"), j)), "50");
    CHECK_EQ_STR(eval1(t_call("extract", 2, S("second"), j)), "6.789000");
    CHECK(t_call("extract", 2, S("not_supported"), c) == NULL);
    CHECK_EQ_STR(T.err.error_class, "INVALID_EXTRACT_FIELD");
    CHECK_EQ_STR(param("field"), "`not_supported`");
    CHECK(t_call("extract", 2, S("dayofweek"), i) == NULL);
    CHECK_EQ_STR(T.err.error_class, "INVALID_EXTRACT_FIELD");
    em_error_clear(&T.err);
    t_end();
}

/* doctest add_months / date_add / date_sub / date_diff on '2015-04-08'; golden date.sql.out
   for the input type rules. */
EM_TEST(date_arithmetic_functions)
{
    t_begin(true);
    CHECK_EQ_STR(eval1(t_call("add_months", 2, S("2015-04-08"), I(1))), "2015-05-08");
    CHECK_EQ_STR(eval1(t_call("add_months", 2, S("2015-04-08"), I(-1))), "2015-03-08");
    CHECK_EQ_STR(eval1(t_call("date_add", 2, S("2015-04-08"), I(2))), "2015-04-10");
    CHECK_EQ_STR(eval1(t_call("date_sub", 2, S("2015-04-08"), I(-1))), "2015-04-09");
    CHECK_EQ_STR(eval1(t_call("date_diff", 2, S("2015-04-08"), S("2015-05-10"))), "-32");
    CHECK_EQ_STR(eval1(t_call("datediff", 2, S("2015-05-10"), S("2015-04-08"))), "32");
    /* golden: date_add('2011-11-11', '1') = 2011-11-12; timestamps become dates */
    CHECK_EQ_STR(eval1(t_call("date_add", 2, S("2011-11-11"), S("1"))), "2011-11-12");
    CHECK_EQ_STR(eval1(t_call("date_sub", 2, lit_ts("2011-11-11 12:12:12"), I(1))), "2011-11-10");
    CHECK_EQ_STR(eval1(t_call("date_add", 2, t_lit_null(ty_null()), I(1))), "NULL");
    /* golden: date_add('2011-11-11', 1L) -> UNEXPECTED_INPUT_TYPE (INT/SMALLINT/TINYINT) */
    CHECK(t_call("date_add", 2, S("2011-11-11"), t_lit_long(1)) == NULL);
    CHECK_EQ_STR(T.err.error_class, "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE");
    CHECK_EQ_STR(param("requiredType"), "(\"INT\" or \"SMALLINT\" or \"TINYINT\")");
    CHECK_EQ_STR(param("inputType"), "\"BIGINT\"");
    CHECK_EQ_STR(param("paramIndex"), "second");
    CHECK_EQ_STR(param("sqlExpr"), "\"date_add(2011-11-11, 1)\"");
    em_error_clear(&T.err);
    /* golden date.sql.out (ANSI): date_add('2011-11-11', '1.2') -> CAST_INVALID_INPUT */
    CHECK_EQ_STR(eval1(t_call("date_add", 2, S("2011-11-11"), S("1.2"))), "(error)");
    CHECK_EQ_STR(T.err.error_class, "CAST_INVALID_INPUT");
    t_end();
    /* golden nonansi/date.sql.out: the legacy literal check */
    t_begin(false);
    CHECK(t_call("date_add", 2, S("2011-11-11"), S("1.2")) == NULL);
    CHECK_EQ_STR(T.err.error_class, "SECOND_FUNCTION_ARGUMENT_NOT_INTEGER");
    CHECK_EQ_STR(param("functionName"), "date_add");
    em_error_clear(&T.err);
    t_end();
}

/* doctest months_between / next_day / last_day / trunc / date_trunc / make_date; golden
   date.sql.out for the errors. */
EM_TEST(calendar_functions)
{
    t_begin(true);
    CHECK_EQ_STR(eval1(t_call("months_between", 2, S("1997-02-28 10:30:00"), S("1996-10-30"))),
                 "3.94959677");
    CHECK_EQ_STR(eval1(t_call("months_between", 2, S("1996-10-30"), S("1997-02-28 10:30:00"))),
                 "-3.94959677");
    CHECK_EQ_STR(eval1(t_call("months_between", 3, S("1997-02-28 10:30:00"), S("1996-10-30"),
                              t_lit_bool(false))),
                 "3.9495967741935485");
    CHECK_EQ_STR(eval1(t_call("next_day", 2, S("2015-07-27"), S("Sun"))), "2015-08-02");
    CHECK_EQ_STR(eval1(t_call("next_day", 2, S("2015-07-27"), S("Sat"))), "2015-08-01");
    CHECK_EQ_STR(eval1(t_call("next_day", 2, S("2015-07-23 12:12:12"), S("Mon"))), "2015-07-27");
    CHECK_EQ_STR(eval1(t_call("next_day", 2, S("2015-07-23"), S("xx"))), "(error)");
    CHECK_EQ_STR(T.err.error_class, "ILLEGAL_DAY_OF_WEEK");
    CHECK_EQ_STR(param("string"), "xx");
    /* docs LastDay: last_day('2009-01-12') = 2009-01-31 */
    CHECK_EQ_STR(eval1(t_call("last_day", 1, S("2009-01-12"))), "2009-01-31");
    CHECK_EQ_STR(eval1(t_call("trunc", 2, S("1997-02-28"), S("year"))), "1997-01-01");
    CHECK_EQ_STR(eval1(t_call("trunc", 2, S("1997-02-28"), S("mon"))), "1997-02-01");
    /* docs TruncDate: trunc('2019-08-04', 'week') = 2019-07-29, 'quarter' = 2019-07-01;
       an unknown or time-level unit gives NULL */
    CHECK_EQ_STR(eval1(t_call("trunc", 2, S("2019-08-04"), S("week"))), "2019-07-29");
    CHECK_EQ_STR(eval1(t_call("trunc", 2, S("2019-08-04"), S("quarter"))), "2019-07-01");
    CHECK_EQ_STR(eval1(t_call("trunc", 2, S("2019-08-04"), S("hour"))), "NULL");
    CHECK_EQ_STR(eval1(t_call("date_trunc", 2, S("year"), S("1997-02-28 05:02:11"))),
                 "1997-01-01 00:00:00");
    CHECK_EQ_STR(eval1(t_call("date_trunc", 2, S("mon"), S("1997-02-28 05:02:11"))),
                 "1997-02-01 00:00:00");
    /* docs TruncTimestamp: date_trunc('HOUR', '2015-03-05T09:32:05.359') = 09:00:00,
       'MILLISECOND' of '2015-03-05T09:32:05.123456' = 09:32:05.123 */
    CHECK_EQ_STR(eval1(t_call("date_trunc", 2, S("HOUR"), S("2015-03-05T09:32:05.359"))),
                 "2015-03-05 09:00:00");
    CHECK_EQ_STR(eval1(t_call("date_trunc", 2, S("MILLISECOND"), S("2015-03-05T09:32:05.123456"))),
                 "2015-03-05 09:32:05.123");
    CHECK_EQ_STR(eval1(t_call("make_date", 3, I(2020), I(6), I(26))), "2020-06-26");
    CHECK_EQ_STR(eval1(t_call("make_date", 3, I(12), I(12), I(12))), "0012-12-12");
    CHECK_EQ_STR(eval1(t_call("make_date", 3, I(2000), I(13), I(1))), "(error)");
    CHECK_EQ_STR(T.err.error_class, "DATETIME_FIELD_OUT_OF_BOUNDS.WITH_SUGGESTION");
    CHECK_EQ_STR(param("rangeMessage"), "Invalid value for MonthOfYear (valid values 1 - 12): 13");
    CHECK_EQ_STR(eval1(t_call("make_date", 3, I(2000), I(1), I(33))), "(error)");
    CHECK_EQ_STR(param("rangeMessage"),
                 "Invalid value for DayOfMonth (valid values 1 - 28/31): 33");
    t_end();
    /* docs MakeDate: make_date(2019, 7, NULL) is NULL; invalid dates are NULL without ANSI */
    t_begin(false);
    CHECK_EQ_STR(eval1(t_call("make_date", 3, I(2019), I(2), I(30))), "NULL");
    CHECK_EQ_STR(eval1(t_call("next_day", 2, S("2015-07-23"), S("xx"))), "NULL");
    t_end();
}

/* doctest timestamp_add / timestamp_diff (2016-03-11 09:00:07 and 2024-04-02 09:00:07);
   golden date.sql.out for dateadd / datediff with units. */
EM_TEST(timestampadd_and_diff)
{
    t_begin(true);
    pl_expr *t1 = lit_ts("2016-03-11 09:00:07"), *t2 = lit_ts("2024-04-02 09:00:07");
    CHECK_EQ_STR(eval1(t_call("timestampadd", 3, S("year"), I(2), t1)), "2018-03-11 09:00:07");
    CHECK_EQ_STR(eval1(t_call("timestampadd", 3, S("WEEK"), I(5), t1)), "2016-04-15 09:00:07");
    CHECK_EQ_STR(eval1(t_call("timestampadd", 3, S("day"), I(-5), t2)), "2024-03-28 09:00:07");
    CHECK_EQ_STR(eval1(t_call("timestampdiff", 3, S("year"), t1, t2)), "8");
    CHECK_EQ_STR(eval1(t_call("timestampdiff", 3, S("WEEK"), t1, t2)), "420");
    CHECK_EQ_STR(eval1(t_call("timestampdiff", 3, S("day"), t2, t1)), "-2944");
    /* golden date.sql.out */
    CHECK_EQ_STR(eval1(t_call("timestampadd", 3, S("MICROSECOND"), I(1001),
                              lit_ts("2022-02-25 01:02:03.123"))),
                 "2022-02-25 01:02:03.124001");
    CHECK_EQ_STR(eval1(t_call("timestampadd", 3, S("MINUTE"), I(-100), lit_date("2022-02-25"))),
                 "2022-02-24 22:20:00");
    CHECK_EQ_STR(eval1(t_call("timestampadd", 3, S("QUARTER"), I(5), lit_date("2022-02-25"))),
                 "2023-05-25 00:00:00");
    CHECK_EQ_STR(
        eval1(t_call("timestampdiff", 3, S("MILLISECOND"), lit_ts("2022-02-25 01:02:03.456"),
                     lit_ts("2022-02-25 01:02:03.455"))),
        "-1");
    CHECK_EQ_STR(eval1(t_call("timestampdiff", 3, S("MINUTE"), lit_date("2022-02-25"),
                              lit_ts("2022-02-24 22:20:00"))),
                 "-100");
    CHECK_EQ_STR(eval1(t_call("timestampdiff", 3, S("MONTH"), lit_ts("2022-02-25 01:02:03"),
                              lit_ts("2022-01-25 01:02:03"))),
                 "-1");
    CHECK_EQ_STR(eval1(t_call("timestampdiff", 3, S("QUARTER"), lit_date("2022-02-25"),
                              lit_date("2023-05-25"))),
                 "5");
    t_end();
}

/* golden timestamp.sql.out: make_timestamp; doctest make_timestamp(2014, 12, 28, 6, 30,
   45.887[, 'CET']) in America/Los_Angeles. */
EM_TEST(make_timestamp_family)
{
    t_begin(true);
    pl_expr *sec = lit_dec(45887, 5, 3);
    CHECK_EQ_STR(eval1(t_call("make_timestamp", 6, I(2014), I(12), I(28), I(6), I(30), sec)),
                 "2014-12-28 06:30:45.887");
    CHECK_EQ_STR(
        eval1(t_call("make_timestamp", 7, I(2014), I(12), I(28), I(6), I(30), sec, S("CET"))),
        "2014-12-27 21:30:45.887");
    CHECK_EQ_STR(eval1(t_call("make_timestamp_ntz", 6, I(2014), I(12), I(28), I(6), I(30), sec)),
                 "2014-12-28 06:30:45.887");
    CHECK_EQ_STR(type_of(t_call("make_timestamp_ntz", 6, I(2014), I(12), I(28), I(6), I(30), sec)),
                 "timestamp_ntz");
    CHECK_EQ_STR(eval1(t_call("make_timestamp", 6, I(1), I(1), I(1), I(1), I(1), I(60))),
                 "0001-01-01 01:02:00");
    CHECK_EQ_STR(eval1(t_call("make_timestamp", 6, I(1), I(1), I(1), I(1), I(1), I(61))),
                 "(error)");
    CHECK_EQ_STR(T.err.error_class, "DATETIME_FIELD_OUT_OF_BOUNDS.WITH_SUGGESTION");
    CHECK_EQ_STR(param("rangeMessage"),
                 "Invalid value for SecondOfMinute (valid values 0 - 59): 61");
    CHECK_EQ_STR(
        eval1(t_call("make_timestamp", 6, I(2021), I(7), I(11), I(6), I(30), lit_dec(60007, 5, 3))),
        "(error)");
    CHECK_EQ_STR(T.err.error_class, "INVALID_FRACTION_OF_SECOND");
    CHECK_EQ_STR(param("secAndMicros"), "60.007");
    /* doctest try_make_timestamp(2014, 13, ...) is NULL even under ANSI */
    CHECK_EQ_STR(eval1(t_call("try_make_timestamp", 6, I(2014), I(13), I(28), I(6), I(30), sec)),
                 "NULL");
    pl_expr *tm =
        t_call("try_make_timestamp", 7, I(2014), I(12), I(28), I(6), I(30), sec, S("CET"));
    CHECK_EQ_STR(eval1(tm), "2014-12-27 21:30:45.887");
    CHECK_EQ_STR(tm ? tm->sql : "", "try_make_timestamp(2014, 12, 28, 6, 30, 45.887)");
    t_end();
}

/* doctest from_utc_timestamp / to_utc_timestamp ('1997-02-28 10:30:00' with PST and JST),
   convert_timezone docs example. */
EM_TEST(zone_conversions)
{
    t_begin(true);
    pl_expr *ts = S("1997-02-28 10:30:00");
    CHECK_EQ_STR(eval1(t_call("from_utc_timestamp", 2, ts, S("PST"))), "1997-02-28 02:30:00");
    CHECK_EQ_STR(eval1(t_call("from_utc_timestamp", 2, ts, S("JST"))), "1997-02-28 19:30:00");
    CHECK_EQ_STR(eval1(t_call("to_utc_timestamp", 2, ts, S("PST"))), "1997-02-28 18:30:00");
    CHECK_EQ_STR(eval1(t_call("to_utc_timestamp", 2, ts, S("JST"))), "1997-02-28 01:30:00");
    /* docs ConvertTimezone: ('Europe/Brussels', 'America/Los_Angeles',
       timestamp_ntz'2021-12-06 00:00:00') = 2021-12-05 15:00:00 */
    CHECK_EQ_STR(eval1(t_call("convert_timezone", 3, S("Europe/Brussels"), S("America/Los_Angeles"),
                              lit_ts_type("2021-12-06 00:00:00", true))),
                 "2021-12-05 15:00:00");
    CHECK_EQ_STR(eval1(t_call("from_utc_timestamp", 2, ts, S("Mars/Olympus"))), "(error)");
    CHECK_EQ_STR(T.err.error_class, "INVALID_TIMEZONE");
    /* doctest current_timezone() */
    CHECK_EQ_STR(eval1(t_call("current_timezone", 0)), "America/Los_Angeles");
    t_end();
}

/* doctest timestamp_seconds / timestamp_micros (UTC) and golden timestamp.sql.out
   (America/Los_Angeles); unix_* doctests and golden values. */
EM_TEST(epoch_conversions)
{
    t_begin(true);
    CHECK_EQ_STR(eval1(t_call("timestamp_seconds", 1, t_lit_long(1230219000))),
                 "2008-12-25 07:30:00");
    CHECK_EQ_STR(eval1(t_call("timestamp_seconds", 1, t_lit_long(-1230219000))),
                 "1931-01-07 00:30:00");
    CHECK_EQ_STR(eval1(t_call("timestamp_seconds", 1, lit_dec(123, 3, 2))),
                 "1969-12-31 16:00:01.23");
    CHECK_EQ_STR(eval1(t_call("timestamp_seconds", 1, t_lit_double(0.1234567))),
                 "1969-12-31 16:00:00.123456");
    CHECK_EQ_STR(eval1(t_call("timestamp_millis", 1, t_lit_long(-1230219000123LL))),
                 "1931-01-07 00:29:59.877");
    CHECK_EQ_STR(eval1(t_call("timestamp_micros", 1, t_lit_long(1230219000123123LL))),
                 "2008-12-25 07:30:00.123123");
    CHECK_EQ_STR(eval1(t_call("unix_seconds", 1, lit_ts("2020-12-01 14:30:08.999999Z"))),
                 "1606833008");
    CHECK_EQ_STR(eval1(t_call("unix_millis", 1, lit_ts("2020-12-01 14:30:08.999999Z"))),
                 "1606833008999");
    CHECK_EQ_STR(eval1(t_call("unix_micros", 1, lit_ts("2015-07-22 10:00:00"))),
                 "1437584400000000");
    CHECK_EQ_STR(eval1(t_call("date_from_unix_date", 1, I(1000))), "1972-09-27");
    CHECK_EQ_STR(eval1(t_call("unix_date", 1, lit_date("2020-12-04"))), "18600");
    CHECK(t_call("unix_date", 1, S("2020-12-04")) == NULL); /* ExpectsInputTypes: no cast */
    CHECK_EQ_STR(T.err.error_class, "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE");
    em_error_clear(&T.err);
    T.opts.time_zone = "UTC";
    CHECK_EQ_STR(eval1(t_call("timestamp_micros", 1, t_lit_long(1230219000))),
                 "1970-01-01 00:20:30.219");
    CHECK_EQ_STR(eval1(t_call("timestamp_seconds", 1, t_lit_long(1230219000))),
                 "2008-12-25 15:30:00");
    t_end();
}

/* doctest date_format; golden datetime-formatting.sql.out (2018-11-17 13:33:33.123Z in
   America/Los_Angeles is 2018-11-17 05:33:33.123 PST). */
EM_TEST(date_format_patterns)
{
    t_begin(true);
    CHECK_EQ_STR(eval1(t_call("date_format", 2, S("2015-04-08"), S("MM/dd/yyyy"))), "04/08/2015");
    CHECK_EQ_STR(eval1(t_call("date_format", 2, S("2015-04-08 13:08:15"), S("yy=MM=dd HH=mm=ss"))),
                 "15=04=08 13=08=15");
    CHECK_EQ_STR(eval1(t_call("date_format", 2, lit_date("2024-10-31"), S("yy--MM--dd"))),
                 "24--10--31");
    pl_expr *ts = lit_ts("2018-11-17 13:33:33.123Z");
    static const struct {
        const char *pat, *want;
    } cases[] = {
        {"G GG GGG GGGG", "AD AD AD Anno Domini"},
        {"y yy yyy yyyy yyyyy yyyyyy", "2018 18 2018 2018 02018 002018"},
        {"q qq", "4 04"},
        {"Q QQ QQQ QQQQ", "4 04 Q4 4th quarter"},
        {"M MM MMM MMMM", "11 11 Nov November"},
        {"L LL", "11 11"},
        {"E EE EEE EEEE", "Sat Sat Sat Saturday"},
        {"d dd", "17 17"},
        {"D DDD", "321 321"},
        {"a", "AM"},
        {"h hh", "5 05"},
        {"H HH", "5 05"},
        {"k kk", "5 05"},
        {"K KK", "5 05"},
        {"m mm", "33 33"},
        {"s ss", "33 33"},
        {"S SS SSS SSSS SSSSS SSSSSS SSSSSSS SSSSSSSS SSSSSSSSS",
         "1 12 123 1230 12300 123000 1230000 12300000 123000000"},
        {"VV", "America/Los_Angeles"},
        {"z zz zzz", "PST PST PST"},
        {"X XX XXX", "-08 -0800 -08:00"},
        {"XXXX XXXXX", "-0800 -08:00"},
        {"x xx xxx xxxx xxxxx", "-08 -0800 -08:00 -0800 -08:00"},
        {"Z ZZ ZZZ ZZZZ ZZZZZ", "-0800 -0800 -0800 GMT-08:00 -08:00"},
        {"O OOOO", "GMT-8 GMT-08:00"},
        {"[yyyy-MM-dd HH:mm:ss]", "2018-11-17 05:33:33"},
        {"'yyyy' ''", "yyyy '"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        CHECK_EQ_STR(eval1(t_call("date_format", 2, ts, S(cases[i].pat))), cases[i].want);
    t_end();
}

/* golden datetime-formatting-invalid.sql.out: the pattern error classes. */
EM_TEST(date_format_invalid_patterns)
{
    t_begin(true);
    static const struct {
        const char *pat, *cls;
    } cases[] = {
        {"GGGGG", "INCONSISTENT_BEHAVIOR_CROSS_VERSION.DATETIME_PATTERN_RECOGNITION"},
        {"yyyyyyy", "INCONSISTENT_BEHAVIOR_CROSS_VERSION.DATETIME_PATTERN_RECOGNITION"},
        {"qqqqq", "INVALID_DATETIME_PATTERN.LENGTH"},
        {"QQQQQ", "INVALID_DATETIME_PATTERN.LENGTH"},
        {"MMMMM", "INCONSISTENT_BEHAVIOR_CROSS_VERSION.DATETIME_PATTERN_RECOGNITION"},
        {"ddd", "INCONSISTENT_BEHAVIOR_CROSS_VERSION.DATETIME_PATTERN_RECOGNITION"},
        {"SSSSSSSSSS", "INCONSISTENT_BEHAVIOR_CROSS_VERSION.DATETIME_PATTERN_RECOGNITION"},
        {"aa", "INCONSISTENT_BEHAVIOR_CROSS_VERSION.DATETIME_PATTERN_RECOGNITION"},
        {"V", "INVALID_DATETIME_PATTERN.WITH_SUGGESTION"},
        {"zzzzz", "INCONSISTENT_BEHAVIOR_CROSS_VERSION.DATETIME_PATTERN_RECOGNITION"},
        {"XXXXXX", "INVALID_DATETIME_PATTERN.WITH_SUGGESTION"},
        {"OO", "INVALID_DATETIME_PATTERN.WITH_SUGGESTION"},
        {"A", "INVALID_DATETIME_PATTERN.ILLEGAL_CHARACTER"},
        {"n", "INVALID_DATETIME_PATTERN.ILLEGAL_CHARACTER"},
        {"Y", "INCONSISTENT_BEHAVIOR_CROSS_VERSION.DATETIME_PATTERN_RECOGNITION"},
        {"u", "INCONSISTENT_BEHAVIOR_CROSS_VERSION.DATETIME_PATTERN_RECOGNITION"},
        {"e", "INCONSISTENT_BEHAVIOR_CROSS_VERSION.DATETIME_WEEK_BASED_PATTERN"},
        {"c", "INCONSISTENT_BEHAVIOR_CROSS_VERSION.DATETIME_WEEK_BASED_PATTERN"},
        {"B", "INVALID_DATETIME_PATTERN.ILLEGAL_CHARACTER"},
        {"C", "INVALID_DATETIME_PATTERN.WITH_SUGGESTION"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        em_error_clear(&T.err);
        CHECK_EQ_STR(eval1(t_call("date_format", 2, S("2018-11-17 13:33:33.333"), S(cases[i].pat))),
                     "(error)");
        CHECK_EQ_STR(T.err.error_class, cases[i].cls);
    }
    /* parameters: 'V' -> pattern "'V'"; 'qqqqq' -> pattern "qqqqq"; 'A' -> c A, pattern A */
    eval1(t_call("date_format", 2, S("2018-11-17"), S("V")));
    CHECK_EQ_STR(param("pattern"), "'V'");
    CHECK_EQ_STR(param("docroot"), "https://spark.apache.org/docs/latest");
    eval1(t_call("date_format", 2, S("2018-11-17"), S("qqqqq")));
    CHECK_EQ_STR(param("pattern"), "qqqqq");
    eval1(t_call("date_format", 2, S("2018-11-17"), S("A")));
    CHECK_EQ_STR(param("c"), "A");
    eval1(t_call("date_format", 2, S("2018-11-17"), S("MMMMM")));
    CHECK_EQ_STR(param("pattern"), "'MMMMM'");
    CHECK_EQ_STR(param("config"), "\"spark.sql.legacy.timeParserPolicy\"");
    t_end();
}

/* doctests to_date / to_timestamp_ltz / to_timestamp_ntz / unix_timestamp /
   to_unix_timestamp / from_unixtime / try_to_timestamp; golden timestamp.sql.out and
   date.sql.out for the parser rules and messages. */
EM_TEST(parsing_functions)
{
    t_begin(true);
    CHECK_EQ_STR(eval1(t_call("to_date", 1, S("1997-02-28 10:30:00"))), "1997-02-28");
    CHECK_EQ_STR(eval1(t_call("to_date", 2, S("1997-02-28 10:30:00"), S("yyyy-MM-dd HH:mm:ss"))),
                 "1997-02-28");
    CHECK_EQ_STR(eval1(t_call("to_timestamp_ltz", 2, S("2016-12-31"), S("yyyy-MM-dd"))),
                 "2016-12-31 00:00:00");
    CHECK_EQ_STR(eval1(t_call("to_timestamp_ntz", 2, S("2025+01+09"), S("yyyy+MM+dd"))),
                 "2025-01-09 00:00:00");
    CHECK_EQ_STR(eval1(t_call("unix_timestamp", 1, S("2015-04-08 12:12:12"))), "1428520332");
    CHECK_EQ_STR(eval1(t_call("unix_timestamp", 2, S("2015-04-08"), S("yyyy-MM-dd"))),
                 "1428476400");
    CHECK_EQ_STR(eval1(t_call("to_unix_timestamp", 2, S("2025+01+09"), S("yyyy+MM+dd"))),
                 "1736409600");
    CHECK_EQ_STR(eval1(t_call("from_unixtime", 1, t_lit_long(1428476400))), "2015-04-08 00:00:00");
    CHECK_EQ_STR(eval1(t_call("try_to_timestamp", 1, S("malformed"))), "NULL");
    CHECK_EQ_STR(
        eval1(t_call("try_to_timestamp", 2, S("1997-02-28 10:30:00"), S("yyyy-MM-dd HH:mm:ss"))),
        "1997-02-28 10:30:00");
    /* golden timestamp.sql.out */
    CHECK_EQ_STR(eval1(t_call("to_timestamp", 1, I(1))), "1969-12-31 16:00:01");
    CHECK_EQ_STR(eval1(t_call("to_timestamp", 2, S("16"), S("dd"))), "1970-01-16 00:00:00");
    CHECK_EQ_STR(eval1(t_call("to_timestamp", 2, S("2019 40"), S("yyyy mm"))),
                 "2019-01-01 00:40:00");
    static const struct {
        const char *s, *want;
    } frac[] = {
        {"2019-10-06 10:11:12.0", "2019-10-06 10:11:12"},
        {"2019-10-06 10:11:12.12", "2019-10-06 10:11:12.12"},
        {"2019-10-06 10:11:12.123UTC", "2019-10-06 03:11:12.123"},
        {"2019-10-06 10:11:12.12345CST", "2019-10-06 08:11:12.12345"},
        {"2019-10-06 10:11:12.123456PST", "2019-10-06 10:11:12.123456"},
    };
    for (size_t i = 0; i < sizeof frac / sizeof frac[0]; i++)
        CHECK_EQ_STR(
            eval1(t_call("to_timestamp", 2, S(frac[i].s), S("yyyy-MM-dd HH:mm:ss.SSSSSS[zzz]"))),
            frac[i].want);
    CHECK_EQ_STR(eval1(t_call("to_timestamp", 2, S("12.12342019-10-06S10:11"),
                              S("ss.SSSSyyyy-MM-dd'S'HH:mm"))),
                 "2019-10-06 10:11:12.1234");
    CHECK_EQ_STR(
        eval1(t_call("to_timestamp", 2, S("12.1234019-10-06S10:11"), S("ss.SSSSy-MM-dd'S'HH:mm"))),
        "0019-10-06 10:11:12.1234");
    CHECK_EQ_STR(eval1(t_call("to_timestamp", 2, S("2019-10-06T10:11:12'12"),
                              S("yyyy-MM-dd'T'HH:mm:ss''SSSS"))),
                 "2019-10-06 10:11:12.12");
    CHECK_EQ_STR(
        eval1(t_call("to_timestamp", 2, S("2019-10-06 10:11"), S("yyyy-MM-dd HH:mm[:ss.SSSSSS]"))),
        "2019-10-06 10:11:00");
    /* failures and their java.time messages (golden timestamp.sql.out) */
    static const struct {
        const char *s, *pat, *msg;
    } bad[] = {
        {"2019-10-06 10:11:12.", "yyyy-MM-dd HH:mm:ss.SSSSSS[zzz]",
         "Text '2019-10-06 10:11:12.' could not be parsed at index 20"},
        {"2019-10-06 10:11:12.1234567PST", "yyyy-MM-dd HH:mm:ss.SSSSSS[zzz]",
         "Text '2019-10-06 10:11:12.1234567PST' could not be parsed, unparsed text found at "
         "index 26"},
        {"223456 2019-10-06 10:11:12.123456PST", "SSSSSS yyyy-MM-dd HH:mm:ss.SSSSSS[zzz]",
         "Text '223456 2019-10-06 10:11:12.123456PST' could not be parsed at index 27"},
        {"12.1232019-10-06S10:11", "ss.SSSSyyyy-MM-dd'S'HH:mm",
         "Text '12.1232019-10-06S10:11' could not be parsed at index 7"},
        {"12.1232019-10-06S10:11", "ss.SSSSyy-MM-dd'S'HH:mm",
         "Text '12.1232019-10-06S10:11' could not be parsed at index 9"},
        {"02-29", "MM-dd", "Invalid date 'February 29' as '1970' is not a leap year"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        em_error_clear(&T.err);
        CHECK_EQ_STR(eval1(t_call("to_timestamp", 2, S(bad[i].s), S(bad[i].pat))), "(error)");
        CHECK_EQ_STR(T.err.error_class, "CANNOT_PARSE_TIMESTAMP");
        CHECK_EQ_STR(param("message"), bad[i].msg);
        CHECK_EQ_STR(param("func"), "`try_to_timestamp`");
    }
    /* golden date.sql.out: to_date("02-29", "MM-dd") suggests try_to_date */
    CHECK_EQ_STR(eval1(t_call("to_date", 2, S("02-29"), S("MM-dd"))), "(error)");
    CHECK_EQ_STR(param("func"), "`try_to_date`");
    CHECK_EQ_STR(eval1(t_call("to_date", 2, S("16"), S("dd"))), "1970-01-16");
    t_end();
    t_begin(false);
    CHECK_EQ_STR(eval1(t_call("to_timestamp", 2, S("02-29"), S("MM-dd"))), "NULL");
    CHECK_EQ_STR(eval1(t_call("unix_timestamp", 1, S("2015-04-08"))), "NULL");
    t_end();
}

/* golden interval.sql.out: make_interval / make_dt_interval / make_ym_interval and their
   defaults; doctest try_make_interval / make_ym_interval. */
EM_TEST(make_intervals)
{
    t_begin(true);
    pl_expr *mi = t_call("make_interval", 1, I(1));
    CHECK_EQ_STR(eval1(mi), "1 years");
    CHECK(mi && mi->n_args == 7);
    CHECK_EQ_STR(type_of(mi), "interval");
    CHECK_EQ_STR(eval1(t_call("make_interval", 7, I(1), I(2), I(3), I(4), I(5), I(6),
                              lit_dec(7008009, 7, 6))),
                 "1 years 2 months 25 days 5 hours 6 minutes 7.008009 seconds");
    CHECK_EQ_STR(eval1(t_call("make_dt_interval", 4, I(1), I(2), I(3), lit_dec(4005006, 7, 6))),
                 "INTERVAL '1 02:03:04.005006' DAY TO SECOND");
    CHECK_EQ_STR(eval1(t_call("make_dt_interval", 1, I(2147483647))), "(error)");
    CHECK_EQ_STR(T.err.error_class, "INTERVAL_ARITHMETIC_OVERFLOW.WITHOUT_SUGGESTION");
    CHECK_EQ_STR(eval1(t_call("make_ym_interval", 2, I(1), I(2))), "INTERVAL '1-2' YEAR TO MONTH");
    CHECK_EQ_STR(eval1(t_call("make_ym_interval", 2, I(-178956970), I(-8))),
                 "INTERVAL '-178956970-8' YEAR TO MONTH");
    CHECK_EQ_STR(eval1(t_call("make_ym_interval", 2, I(178956970), I(8))), "(error)");
    CHECK_EQ_STR(T.err.error_class, "INTERVAL_ARITHMETIC_OVERFLOW.WITHOUT_SUGGESTION");
    CHECK_EQ_STR(eval1(t_call("make_ym_interval", 2, I(2014), I(12))),
                 "INTERVAL '2015-0' YEAR TO MONTH");
    CHECK_EQ_STR(eval1(t_call("try_make_interval", 7, I(100), I(11), I(1), I(1), I(12), I(30),
                              lit_dec(1001001, 7, 6))),
                 "100 years 11 months 8 days 12 hours 30 minutes 1.001001 seconds");
    CHECK_EQ_STR(eval1(t_call("try_make_interval", 1, I(2147483647))), "NULL");
    CHECK_EQ_STR(eval1(t_call("try_make_interval", 7, I(0), I(0), I(0), I(0), I(0), I(0), I(0))),
                 "0 seconds");
    t_end();
}

/* golden date.sql.out / interval.sql.out: + - * / with dates, timestamps and intervals. */
EM_TEST(datetime_operators)
{
    t_begin(true);
    pl_expr *d = t_call("+", 2, lit_date("2001-09-28"), lit_byte(7));
    CHECK_EQ_STR(eval1(d), "2001-10-05");
    CHECK_EQ_STR(d ? d->name : "", "date_add");
    pl_expr *s = t_call("-", 2, lit_date("2001-10-01"), I(7));
    CHECK_EQ_STR(eval1(s), "2001-09-24");
    CHECK_EQ_STR(s ? s->name : "", "date_sub");
    pl_expr *dd = t_call("-", 2, lit_date("2001-10-01"), lit_date("2001-09-28"));
    CHECK_EQ_STR(eval1(dd), "INTERVAL '3' DAY");
    CHECK_EQ_STR(type_of(dd), "interval day");
    pl_expr *ds = t_call("-", 2, lit_date("2001-10-01"), S("2001-09-28"));
    CHECK_EQ_STR(type_of(ds), "interval day");
    CHECK_EQ_STR(eval1(ds), "INTERVAL '3' DAY");
    /* golden: date '2011-11-11' + 1E1 -> UNEXPECTED_INPUT_TYPE on date_add */
    CHECK(t_call("+", 2, lit_date("2011-11-11"), t_lit_double(10.0)) == NULL);
    CHECK_EQ_STR(T.err.error_class, "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE");
    CHECK_EQ_STR(param("sqlExpr"), "\"date_add(DATE '2011-11-11', 10.0)\"");
    em_error_clear(&T.err);
    /* golden date.sql.out: date'2011-11-11' + '1' (ANSI: '1' becomes a DATE) */
    CHECK(t_call("+", 2, lit_date("2011-11-11"), S("1")) == NULL);
    CHECK_EQ_STR(param("inputType"), "\"DATE\"");
    em_error_clear(&T.err);
    /* golden date.sql.out: date +/- intervals */
    pl_expr *ym = t_call("-", 2, lit_date("2012-01-01"), lit_ym(26, TY_YM_YEAR, TY_YM_MONTH));
    CHECK_EQ_STR(eval1(ym), "2009-11-01");
    CHECK_EQ_STR(ym ? ym->sql : "", "DATE '2012-01-01' - INTERVAL '2-2' YEAR TO MONTH");
    pl_expr *dday = t_call("-", 2, lit_date("2011-11-11"), lit_dt(2 * TY_MICROS_PER_DAY, 0, 0));
    CHECK_EQ_STR(eval1(dday), "2011-11-09");
    CHECK_EQ_STR(type_of(dday), "date");
    pl_expr *dsec = t_call("+", 2, lit_date("2011-11-11"), lit_dt(TY_MICROS_PER_HOUR, 1, 1));
    CHECK_EQ_STR(type_of(dsec), "timestamp");
    CHECK_EQ_STR(eval1(dsec), "2011-11-11 01:00:00");
    /* golden interval.sql.out: 3 * (timestamp'2019-10-15 10:11:12.001002' - date'2019-10-15') */
    pl_expr *tsd = t_call("-", 2, lit_ts("2019-10-15 10:11:12.001002"), lit_date("2019-10-15"));
    CHECK_EQ_STR(type_of(tsd), "interval day to second");
    pl_expr *m3 = t_call("*", 2, I(3), tsd);
    CHECK_EQ_STR(eval1(m3), "INTERVAL '1 06:33:36.003006' DAY TO SECOND");
    /* golden interval.sql.out: (timestamp'2019-10-15' - timestamp'2019-10-14') / 1.5 */
    pl_expr *dv = t_call("/", 2, t_call("-", 2, lit_ts("2019-10-15"), lit_ts("2019-10-14")),
                         lit_dec(15, 2, 1));
    CHECK_EQ_STR(eval1(dv), "INTERVAL '0 16:00:00' DAY TO SECOND");
    /* golden interval.sql.out: interval 2 second * '2' and interval 2 year / '2' */
    CHECK_EQ_STR(eval1(t_call("*", 2, lit_dt(2000000, 3, 3), S("2"))),
                 "INTERVAL '0 00:00:04' DAY TO SECOND");
    CHECK_EQ_STR(eval1(t_call("/", 2, lit_ym(24, 0, 0), S("2"))), "INTERVAL '1-0' YEAR TO MONTH");
    CHECK_EQ_STR(eval1(t_call("/", 2, lit_dt(2000000, 3, 3), I(0))), "(error)");
    CHECK_EQ_STR(T.err.error_class, "INTERVAL_DIVIDED_BY_ZERO");
    /* golden interval.sql.out: -interval '-1 year 1 month' = INTERVAL '0-11' */
    CHECK_EQ_STR(eval1(t_call("-", 1, lit_ym(-11, 0, 1))), "INTERVAL '0-11' YEAR TO MONTH");
    /* golden interval.sql.out: a - b overflow with try_subtract */
    CHECK_EQ_STR(eval1(t_call("-", 2, lit_ym(INT32_MIN, 1, 1), lit_ym(INT32_MAX, 1, 1))),
                 "(error)");
    CHECK_EQ_STR(T.err.error_class, "INTERVAL_ARITHMETIC_OVERFLOW.WITH_SUGGESTION");
    CHECK_EQ_STR(param("functionName"), "`try_subtract`");
    /* timestamp + year-month interval keeps the wall clock (TimestampAddYMInterval) */
    CHECK_EQ_STR(eval1(t_call("+", 2, lit_ts("2020-01-31 10:00:00"), lit_ym(1, 1, 1))),
                 "2020-02-29 10:00:00");
    t_end();
}

/* Statement-stable clock: golden date.sql.out / timestamp.sql.out current_date =
   current_date and current_timestamp = current_timestamp are true. */
EM_TEST(statement_clock)
{
    t_begin(true);
    pl_expr *a = t_call("current_timestamp", 0), *b = t_call("now", 0);
    CHECK(a && b);
    if (a && b) {
        CHECK_EQ_STR(eval1(t_call("=", 2, a, b)), "true");
        CHECK_EQ_STR(type_of(t_call("localtimestamp", 0)), "timestamp_ntz");
        CHECK_EQ_STR(type_of(t_call("curdate", 0)), "date");
        CHECK(!a->nullable);
    }
    t_end();
}

/* doctest window / window_time: groupBy(window('dt', '5 seconds')) puts 2016-03-11 09:00:07
   into {2016-03-11 09:00:05, 2016-03-11 09:00:10}; window_time is its end minus 1 µs. */
EM_TEST(time_windows)
{
    t_begin(true);
    pl_expr *w = t_call("window", 2, lit_ts("2016-03-11 09:00:07"), S("5 seconds"));
    CHECK_EQ_STR(eval1(w), "{2016-03-11 09:00:05, 2016-03-11 09:00:10}");
    CHECK_EQ_STR(type_of(w), "struct<start:timestamp,end:timestamp>");
    CHECK(w && !w->nullable && w->sql && strcmp(w->sql, "window") == 0);
    CHECK_EQ_STR(eval1(t_call("window_time", 1, w)), "2016-03-11 09:00:09.999999");
    /* a start offset shifts the grid (TimeWindow's startTime) */
    CHECK_EQ_STR(eval1(t_call("window", 4, lit_ts("2016-03-11 09:00:07"), S("10 seconds"),
                              S("10 seconds"), S("3 seconds"))),
                 "{2016-03-11 09:00:03, 2016-03-11 09:00:13}");
    t_end();
}

/* golden datetime-formatting.sql.out: to_char / to_varchar of a datetime is date_format (and is
   named so). */
EM_TEST(to_char_datetime)
{
    t_begin(true);
    pl_expr *c = t_call("to_char", 2, lit_ts("2018-11-17 13:33:33.123Z"), S("yyyy-MM-dd HH:mm"));
    CHECK_EQ_STR(eval1(c), "2018-11-17 05:33");
    CHECK_EQ_STR(c ? c->name : "", "date_format");
    t_end();
}

/* golden cast.sql.out / interval.sql.out: casts into interval types. */
EM_TEST(interval_casts)
{
    t_begin(true);
    CHECK_EQ_STR(eval1(t_cast(S("interval 3 month 1 hour"), ty_calendar_interval_type())),
                 "3 months 1 hours");
    CHECK_EQ_STR(eval1(t_cast(S("+     1 second"), ty_calendar_interval_type())), "1 seconds");
    CHECK_EQ_STR(eval1(t_cast(S("- -1 second"), ty_calendar_interval_type())), "NULL");
    CHECK_EQ_STR(eval1(t_cast(S("interval '3-1' year to month"),
                              ty_yearmonth_interval(&T.a, TY_YM_YEAR, TY_YM_MONTH))),
                 "INTERVAL '3-1' YEAR TO MONTH");
    CHECK_EQ_STR(eval1(t_cast(S("interval '3 00:00:01' day to second"),
                              ty_daytime_interval(&T.a, TY_DT_DAY, TY_DT_SECOND))),
                 "INTERVAL '3 00:00:01' DAY TO SECOND");
    CHECK_EQ_STR(eval1(t_cast(lit_byte(1), ty_yearmonth_interval(&T.a, TY_YM_YEAR, TY_YM_YEAR))),
                 "INTERVAL '1' YEAR");
    CHECK_EQ_STR(eval1(t_cast(I(1000), ty_yearmonth_interval(&T.a, TY_YM_MONTH, TY_YM_MONTH))),
                 "INTERVAL '1000' MONTH");
    CHECK_EQ_STR(eval1(t_cast(lit_byte(100), ty_daytime_interval(&T.a, TY_DT_HOUR, TY_DT_SECOND))),
                 "INTERVAL '00:01:40' HOUR TO SECOND");
    CHECK_EQ_STR(eval1(t_cast(I(10), ty_daytime_interval(&T.a, TY_DT_DAY, TY_DT_DAY))),
                 "INTERVAL '10' DAY");
    CHECK_EQ_STR(eval1(t_cast(I(2147483647), ty_yearmonth_interval(&T.a, TY_YM_YEAR, TY_YM_YEAR))),
                 "(error)");
    CHECK_EQ_STR(T.err.error_class, "CAST_OVERFLOW");
    /* interval -> narrower interval of the same family truncates to the end field */
    CHECK_EQ_STR(
        eval1(t_cast(lit_dt(TY_MICROS_PER_DAY + 2 * TY_MICROS_PER_HOUR, TY_DT_DAY, TY_DT_HOUR),
                     ty_daytime_interval(&T.a, TY_DT_DAY, TY_DT_DAY))),
        "INTERVAL '1' DAY");
    t_end();
}

int main(int c, char **v)
{
    return em_test_main(c, v);
}
