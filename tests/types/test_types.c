/*
 * Unit tests for types/: Java-compatible number printing and parsing, decimal arithmetic,
 * calendar/time-zone conversions and Spark's date/timestamp text, value formatting, ordering.
 * Every expectation cites where Spark (or Java, whose behaviour Spark inherits) defines it.
 */

/* CHECK_EQ_STR copies both strings into a fixed message buffer; optimized builds warn that long
   results may be cut in the failure message, which is fine for a test report. */
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wformat-truncation"
#endif

#include <math.h>
#include <string.h>

#include "common/em_mem.h"
#include "em_test.h"
#include "types/ty_cast.h"
#include "types/ty_dec.h"
#include "types/ty_format.h"
#include "types/ty_num.h"
#include "types/ty_order.h"
#include "types/ty_time.h"

static const char *dstr(double d)
{
    static char buf[TY_NUM_BUF];
    ty_double_to_chars(d, buf);
    return buf;
}

static const char *fstr(float f)
{
    static char buf[TY_NUM_BUF];
    ty_float_to_chars(f, buf);
    return buf;
}

/* java.lang.Double.toString javadoc: plain notation for 1e-3 <= |d| < 1e7, at least one digit
   after the point; otherwise computerized scientific notation "d.dddE±n". Spark's cast to
   string and show() print doubles with it (ToStringBase: o.toString). */
EM_TEST(double_to_string_java)
{
    CHECK_EQ_STR(dstr(1.0), "1.0");
    CHECK_EQ_STR(dstr(0.1), "0.1");
    CHECK_EQ_STR(dstr(-0.0), "-0.0");
    CHECK_EQ_STR(dstr(0.0), "0.0");
    CHECK_EQ_STR(dstr(100.0), "100.0");
    CHECK_EQ_STR(dstr(1234567.0), "1234567.0");
    CHECK_EQ_STR(dstr(1e7), "1.0E7");
    CHECK_EQ_STR(dstr(1.0E10), "1.0E10");
    CHECK_EQ_STR(dstr(0.001), "0.001");
    CHECK_EQ_STR(dstr(1e-4), "1.0E-4");
    CHECK_EQ_STR(dstr(123456789.0), "1.23456789E8");
    CHECK_EQ_STR(dstr(1.7976931348623157E308), "1.7976931348623157E308");
    CHECK_EQ_STR(dstr(4.9E-324), "4.9E-324");
    CHECK_EQ_STR(dstr(0.30000000000000004), "0.30000000000000004");
    CHECK_EQ_STR(dstr(NAN), "NaN");
    CHECK_EQ_STR(dstr(INFINITY), "Infinity");
    CHECK_EQ_STR(dstr(-INFINITY), "-Infinity");
    CHECK_EQ_STR(dstr(2.5), "2.5");
    CHECK_EQ_STR(dstr(-1.5), "-1.5");
    /* doctest pyspark.sql.functions.avg shows 4.5 and 1.5 style values */
    CHECK_EQ_STR(dstr(4.5), "4.5");
}

/* java.lang.Float.toString: same layout with float's shortest digits. */
EM_TEST(float_to_string_java)
{
    CHECK_EQ_STR(fstr(0.1f), "0.1");
    CHECK_EQ_STR(fstr(1.1f), "1.1");
    CHECK_EQ_STR(fstr(3.4028235E38f), "3.4028235E38");
    CHECK_EQ_STR(fstr(1e10f), "1.0E10");
    CHECK_EQ_STR(fstr(1.0f), "1.0");
    CHECK_EQ_STR(fstr(NAN), "NaN");
}

/* Java Double.parseDouble grammar plus Cast.processFloatingPointSpecialLiterals. */
EM_TEST(parse_double_java)
{
    double d;
    CHECK(ty_parse_double(" 1 ", 3, false, &d) && d == 1.0);
    CHECK(ty_parse_double("1e5", 3, false, &d) && d == 1e5);
    CHECK(ty_parse_double("1.5d", 4, false, &d) && d == 1.5);
    CHECK(ty_parse_double(".5", 2, false, &d) && d == 0.5);
    CHECK(ty_parse_double("5.", 2, false, &d) && d == 5.0);
    CHECK(ty_parse_double("inf", 3, false, &d) && isinf(d) && d > 0);
    CHECK(ty_parse_double("-Infinity", 9, false, &d) && isinf(d) && d < 0);
    CHECK(ty_parse_double("NaN", 3, false, &d) && isnan(d));
    CHECK(ty_parse_double("nan", 3, false, &d) && isnan(d));
    CHECK(ty_parse_double("0x1p3", 5, false, &d) && d == 8.0);
    CHECK(!ty_parse_double("abc", 3, false, &d));
    CHECK(!ty_parse_double("", 0, false, &d));
    CHECK(!ty_parse_double("123.a", 5, false, &d));
    CHECK(!ty_parse_double("1e", 2, false, &d));
    CHECK(!ty_parse_double("0x10", 4, false, &d));
}

/* UTF8String.toLong / toInt: trims whitespace and ISO controls, optional fraction when
   allowed (legacy cast '1.23' -> 1, cast.sql.out nonansi), strict otherwise. */
EM_TEST(parse_integers_utf8string)
{
    int64_t l;
    int32_t i;
    CHECK(ty_parse_long(" 1\t", 3, false, &l) && l == 1);
    CHECK(ty_parse_long("1.23", 4, true, &l) && l == 1);
    CHECK(!ty_parse_long("1.23", 4, false, &l));
    CHECK(ty_parse_long("-9223372036854775808", 20, false, &l) && l == INT64_MIN);
    CHECK(!ty_parse_long("9223372036854775808", 19, false, &l));
    CHECK(ty_parse_int("-2147483648", 11, false, &i) && i == INT32_MIN);
    CHECK(!ty_parse_int("2147483648", 10, false, &i));
    CHECK(!ty_parse_int("+", 1, false, &i));
    CHECK(!ty_parse_int("1.2a", 4, true, &i));
    CHECK(ty_parse_int("-4.56", 5, true, &i) && i == -4);
}

static const char *decs(ty_i128 v, int s, bool plain)
{
    static char buf[96];
    ty_dec_to_chars(v, s, plain, buf);
    return buf;
}

/* java.math.BigDecimal.toString / toPlainString (Spark's Decimal.toString / toPlainString). */
EM_TEST(decimal_text)
{
    CHECK_EQ_STR(decs(12345, 2, false), "123.45");
    CHECK_EQ_STR(decs(-5, 3, false), "-0.005");
    CHECK_EQ_STR(decs(1, 7, false), "1E-7");
    CHECK_EQ_STR(decs(0, 8, false), "0E-8");
    CHECK_EQ_STR(decs(0, 8, true), "0.00000000");
    CHECK_EQ_STR(decs(123, 0, true), "123");
    CHECK_EQ_STR(decs(1, 6, false), "0.000001");
}

/* Spark's Decimal arithmetic: exact results rounded HALF_UP to the result scale
   (decimalArithmeticOperations.sql.out). */
EM_TEST(decimal_arith)
{
    ty_i128 r;
    /* 1.5 * 1.5 = 2.25 */
    CHECK(ty_dec_mul(15, 1, 15, 1, 38, 2, &r) && r == 225);
    /* 1 / 3 at scale 6 = 0.333333 */
    CHECK(ty_dec_div(1, 0, 3, 0, 38, 6, &r) && r == 333333);
    /* 2 / 3 at scale 6 rounds HALF_UP: 0.666667 */
    CHECK(ty_dec_div(2, 0, 3, 0, 38, 6, &r) && r == 666667);
    /* -2 / 3 -> -0.666667 (HALF_UP rounds away from zero) */
    CHECK(ty_dec_div(-2, 0, 3, 0, 38, 6, &r) && r == -666667);
    /* 10.1 + 0.05 = 10.15 */
    CHECK(ty_dec_add(101, 1, 5, 2, 38, 2, &r) && r == 1015);
    /* precision overflow */
    CHECK(!ty_dec_add(99, 0, 1, 0, 2, 0, &r));
    /* remainder keeps the dividend's sign: -7 % 2 = -1 */
    CHECK(ty_dec_rem(-7, 0, 2, 0, 38, 0, &r) && r == -1);
    /* pmod(-7, 2) = 1 */
    CHECK(ty_dec_pmod(-7, 0, 2, 0, 38, 0, &r) && r == 1);
    /* 7 div 2 = 3 */
    CHECK(ty_dec_quot(7, 0, 2, 0, &r) && r == 3);
    /* 10^36 * 10 = 10^37 still fits 38 digits; 10^37 * 10 = 10^38 has 39 */
    CHECK(ty_dec_mul(ty_dec_pow10(36), 0, 10, 0, 38, 0, &r));
    CHECK(!ty_dec_mul(ty_dec_pow10(37), 0, 10, 0, 38, 0, &r));
    /* rescale HALF_UP: 2.345 -> 2.35; -2.345 -> -2.35 */
    CHECK(ty_dec_rescale(2345, 3, 2, TY_ROUND_HALF_UP, &r) && r == 235);
    CHECK(ty_dec_rescale(-2345, 3, 2, TY_ROUND_HALF_UP, &r) && r == -235);
}

/* Decimal.fromString (java.math.BigDecimal grammar) + changePrecision: cast.sql.out
   "select cast('23.45' as decimal(4, 2))" = 23.45, "'123.45' as decimal(4, 2)" overflows. */
EM_TEST(decimal_parse)
{
    ty_i128 r;
    CHECK(ty_dec_parse("23.45", 5, 4, 2, &r) == TY_DEC_OK && r == 2345);
    CHECK(ty_dec_parse("123.45", 6, 4, 2, &r) == TY_DEC_OVERFLOW);
    CHECK(ty_dec_parse("xyz", 3, 4, 2, &r) == TY_DEC_INVALID);
    CHECK(ty_dec_parse("1.0 ", 4, 10, 0, &r) == TY_DEC_OK && r == 1);
    CHECK(ty_dec_parse("1e2", 3, 10, 0, &r) == TY_DEC_OK && r == 100);
    CHECK(ty_dec_parse("-0.005", 6, 10, 2, &r) == TY_DEC_OK && r == -1);
    int p, s;
    CHECK(ty_dec_parse_exact("123.450", 7, &r, &p, &s) == TY_DEC_OK && r == 123450 && p == 6 &&
          s == 3);
    CHECK(ty_dec_from_double(0.1, 10, 2, &r) && r == 10);
    CHECK(ty_dec_from_double(1.005, 10, 2, &r) && r == 101); /* Double.toString = 1.005 */
    CHECK(ty_dec_to_double(12345, 2) == 123.45);
}

/* Calendar: 1970-01-01 is day 0; 2000-03-01 is day 11017 (java.time.LocalDate.toEpochDay). */
EM_TEST(civil_days)
{
    CHECK_EQ_INT(ty_days_from_civil(1970, 1, 1), 0);
    CHECK_EQ_INT(ty_days_from_civil(2000, 3, 1), 11017);
    CHECK_EQ_INT(ty_days_from_civil(1969, 12, 31), -1);
    int64_t y;
    int m, d;
    ty_civil_from_days(19723, &y, &m, &d); /* 2024-01-01 */
    CHECK(y == 2024 && m == 1 && d == 1);
    CHECK(!ty_date_valid(2023, 2, 29));
    CHECK(ty_date_valid(2024, 2, 29));
}

static const char *fmt_ts(int64_t micros, const ty_tz *tz)
{
    static char buf[64];
    em_str s;
    em_str_init(&s, 0);
    ty_timestamp_append(micros, tz, &s);
    snprintf(buf, sizeof buf, "%s", s.data ? s.data : "");
    em_str_release(&s);
    return buf;
}

/* Spark's fraction formatter: "yyyy-MM-dd HH:mm:ss" and the fraction without trailing zeros
   (TimestampFormatter.getFractionFormatter; show() of timestamps in the doctests). */
EM_TEST(timestamp_text_and_zones)
{
    const ty_tz *utc = ty_tz_utc();
    CHECK_EQ_STR(fmt_ts(0, utc), "1970-01-01 00:00:00");
    CHECK_EQ_STR(fmt_ts(1500000, utc), "1970-01-01 00:00:01.5");
    CHECK_EQ_STR(fmt_ts(123, utc), "1970-01-01 00:00:00.000123");
    CHECK_EQ_STR(fmt_ts(-1, utc), "1969-12-31 23:59:59.999999");
    const ty_tz *la = ty_tz_get("America/Los_Angeles");
    CHECK(la != NULL);
    if (!la)
        return;
    /* 2024-01-01 08:00:00 UTC is midnight PST (UTC-8); 2024-07-01 07:00 UTC is midnight PDT */
    int64_t jan = ty_days_from_civil(2024, 1, 1) * TY_MICROS_PER_DAY + 8 * 3600 * 1000000LL;
    CHECK_EQ_STR(fmt_ts(jan, la), "2024-01-01 00:00:00");
    int64_t jul = ty_days_from_civil(2024, 7, 1) * TY_MICROS_PER_DAY + 7 * 3600 * 1000000LL;
    CHECK_EQ_STR(fmt_ts(jul, la), "2024-07-01 00:00:00");
    /* ZonedDateTime.of in the spring-forward gap moves forward: 2024-03-10 02:30 PST does not
       exist and becomes 03:30 PDT = 10:30 UTC */
    int64_t local = ty_days_from_civil(2024, 3, 10) * 86400 + 2 * 3600 + 1800;
    CHECK_EQ_INT(ty_tz_local_to_utc(la, local),
                 ty_days_from_civil(2024, 3, 10) * 86400 + 10 * 3600 + 1800);
    /* overlap (2024-11-03 01:30) takes the earlier offset, PDT: 08:30 UTC */
    local = ty_days_from_civil(2024, 11, 3) * 86400 + 3600 + 1800;
    CHECK_EQ_INT(ty_tz_local_to_utc(la, local),
                 ty_days_from_civil(2024, 11, 3) * 86400 + 8 * 3600 + 1800);
    /* fixed offsets as ZoneId.of accepts them, with Spark's "+h:mm" fix-up */
    const ty_tz *p8 = ty_tz_get("+08:00");
    CHECK(p8 && ty_tz_offset_at(p8, 0) == 8 * 3600);
    const ty_tz *p8b = ty_tz_get("+8:00");
    CHECK(p8b && ty_tz_offset_at(p8b, 0) == 8 * 3600);
    const ty_tz *gmt = ty_tz_get("GMT+1");
    CHECK(gmt && ty_tz_offset_at(gmt, 0) == 3600);
    CHECK(ty_tz_get("Not/AZone") == NULL);
    const ty_tz *pst = ty_tz_get("PST");
    CHECK(pst && ty_tz_offset_at(pst, 0) == -8 * 3600);
}

/* SparkDateTimeUtils.stringToDate / stringToTimestamp formats. */
EM_TEST(parse_dates_and_timestamps)
{
    int32_t d;
    CHECK(ty_parse_date("2022-01-01", 10, &d) && d == ty_days_from_civil(2022, 1, 1));
    CHECK(ty_parse_date("2022-1-1", 8, &d) && d == ty_days_from_civil(2022, 1, 1));
    CHECK(ty_parse_date("2022", 4, &d) && d == ty_days_from_civil(2022, 1, 1));
    CHECK(ty_parse_date("2022-02", 7, &d) && d == ty_days_from_civil(2022, 2, 1));
    CHECK(ty_parse_date("2022-01-01 12:00", 16, &d) && d == ty_days_from_civil(2022, 1, 1));
    CHECK(ty_parse_date("2022-01-01T00", 13, &d));
    CHECK(!ty_parse_date("a", 1, &d));
    CHECK(!ty_parse_date("2022-02-30", 10, &d));
    CHECK(!ty_parse_date("22-01-01", 8, &d));
    int64_t t;
    const ty_tz *utc = ty_tz_utc();
    CHECK(ty_parse_timestamp("2022-01-01 00:00:00", 19, utc, 0, &t) &&
          t == ty_days_from_civil(2022, 1, 1) * TY_MICROS_PER_DAY);
    CHECK(ty_parse_timestamp("2022-01-01T01:02:03.5Z", 22, utc, 0, &t) &&
          t == ty_days_from_civil(2022, 1, 1) * TY_MICROS_PER_DAY + 3723500000LL);
    CHECK(ty_parse_timestamp("2022-01-01 00:00:00+01:00", 25, utc, 0, &t) &&
          t == ty_days_from_civil(2022, 1, 1) * TY_MICROS_PER_DAY - 3600000000LL);
    CHECK(ty_parse_timestamp("2022-01-01 00:00:00.1234567", 27, utc, 0, &t) &&
          t == ty_days_from_civil(2022, 1, 1) * TY_MICROS_PER_DAY + 123456);
    CHECK(!ty_parse_timestamp("a", 1, utc, 0, &t));
    CHECK(!ty_parse_timestamp("2022-01-01 25:00:00", 19, utc, 0, &t));
    CHECK(ty_parse_timestamp_ntz("2022-01-01 10:00:00", 19, &t) &&
          t == ty_days_from_civil(2022, 1, 1) * TY_MICROS_PER_DAY + 36000000000LL);
}

static const char *cell(const vec *v, int64_t r)
{
    static char buf[256];
    em_str s;
    em_str_init(&s, 0);
    ty_format_value(v, r, NULL, &s);
    snprintf(buf, sizeof buf, "%s", s.data ? s.data : "");
    em_str_release(&s);
    return buf;
}

/* ToPrettyString: NULL as "NULL", arrays "[1, NULL]", structs "{1, a}", maps "{k -> v}",
   binary as upper-case hex "[01 AB]" (ToStringBase / SparkStringUtils.getHexString). */
EM_TEST(pretty_cells)
{
    em_arena a;
    em_arena_init(&a, 0);
    const ty *arr_t = ty_array(&a, ty_int(), true);
    vec *arr = vec_new(arr_t, 2);
    int32_t one = 1;
    vec *el = arr->children[0];
    vec_reserve(el, 4);
    memcpy(el->values, &one, 4);
    el->len = 1;
    vec_append_null(el);
    arr->offsets[1] = 2;
    arr->len = 1;
    vec_reserve(arr, 2);
    arr->offsets[2] = 2;
    arr->len = 2; /* second row: empty array */
    CHECK_EQ_STR(cell(arr, 0), "[1, NULL]");
    CHECK_EQ_STR(cell(arr, 1), "[]");
    vec_release(arr);

    ty_field f[2] = {{"a", ty_int(), true, NULL}, {"b", ty_string(), true, NULL}};
    const ty *st_t = ty_struct(&a, 2, f);
    vec *st = vec_new(st_t, 1);
    VEC_VALUES(st->children[0], int32_t)[0] = 1;
    st->children[0]->len = 1;
    vec_append_str(st->children[1], "a", 1, NULL);
    st->len = 1;
    CHECK_EQ_STR(cell(st, 0), "{1, a}");
    vec_release(st);

    vec *bin = vec_new(ty_binary(), 1);
    vec_append_str(bin, "\x01\xab", 2, NULL);
    CHECK_EQ_STR(cell(bin, 0), "[01 AB]");
    vec_release(bin);

    vec *dec = vec_new(ty_decimal(&a, 10, 8), 1);
    VEC_VALUES(dec, ty_i128)[0] = 0;
    dec->len = 1;
    CHECK_EQ_STR(cell(dec, 0), "0.00000000"); /* pretty decimals are plain */
    vec_release(dec);

    vec *n = vec_new_nulls(ty_string(), 1);
    CHECK_EQ_STR(cell(n, 0), "NULL");
    vec_release(n);
    em_arena_release(&a);
}

/* SQLOrderingUtil.compareDoubles: NaN == NaN, NaN greatest, -0.0 == 0.0. */
EM_TEST(ordering_doubles)
{
    vec *v = vec_new(ty_double(), 4);
    double vals[] = {NAN, 1e300, -0.0, 0.0};
    memcpy(v->values, vals, sizeof vals);
    v->len = 4;
    CHECK(ty_compare(v, 0, v, 1) > 0);
    CHECK(ty_compare(v, 0, v, 0) == 0);
    CHECK(ty_compare(v, 2, v, 3) == 0);
    CHECK(ty_hash_cell(v, 2, 0) == ty_hash_cell(v, 3, 0));
    vec_release(v);
}

/* Cast.canCast / canAnsiCast rules (Cast.scala). */
EM_TEST(can_cast_rules)
{
    CHECK(ty_can_cast(ty_string(), ty_int(), true));
    CHECK(ty_can_cast(ty_int(), ty_binary(), false));
    CHECK(!ty_can_cast(ty_int(), ty_binary(), true));
    CHECK(ty_can_cast(ty_date(), ty_boolean(), false));
    CHECK(!ty_can_cast(ty_date(), ty_boolean(), true));
    CHECK(!ty_can_cast(ty_date(), ty_int(), true));
    CHECK(ty_can_cast(ty_date(), ty_int(), false));
    CHECK(ty_can_cast(ty_timestamp(), ty_long(), true));
    CHECK(ty_can_cast(ty_boolean(), ty_timestamp(), false));
    CHECK(!ty_can_cast(ty_boolean(), ty_timestamp(), true));
    CHECK(ty_cast_force_nullable(ty_string(), ty_int()));
    CHECK(!ty_cast_force_nullable(ty_int(), ty_long()));
    CHECK(ty_can_up_cast(ty_int(), ty_long()));
    CHECK(!ty_can_up_cast(ty_long(), ty_int()));
}

int main(int c, char **v)
{
    return em_test_main(c, v);
}
