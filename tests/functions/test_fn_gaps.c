/*
 * test_fn_gaps: functions and settings added to close the sqllogictest skip list (issue #3)
 * whose behaviour depends on session settings the SQL tests cannot reach yet (the connect layer
 * does not hand them to pl_session_opts): spark.sql.legacy.javaCharsets,
 * spark.sql.legacy.codingErrorAction, spark.sql.decimalOperations.allowPrecisionLoss and the
 * current database. Expectations come from Spark's golden file string-functions.sql.out
 * (#99 / #107 / #131 / #137, under the legacy settings), decimalArithmeticOperations.sql.out
 * (#36, #37, #49, #54 under allowPrecisionLoss=false) and CurrentDatabase's definition.
 */
#include "fn_scalar_test.h"

/* string-functions.sql#99 / #131: with spark.sql.legacy.javaCharsets=true, encode('hello',
   'WINDOWS-1252') is the bytes of hello and decode(X'68656c6c6f', 'WINDOWS-1252') is hello;
   without it the charset is INVALID_PARAMETER_VALUE.CHARSET (#102). */
EM_TEST(legacy_java_charsets)
{
    t_begin(true);
    T.opts.legacy_java_charsets = true;
    CHECK_EQ_STR(s_eval(t_call("hex", 1,
                               t_call("encode", 2, t_lit_str("hello"), t_lit_str("WINDOWS-1252")))),
                 "68656C6C6F");
    CHECK_EQ_STR(s_eval(t_call("decode", 2, s_lit_bin("hello", 5), t_lit_str("WINDOWS-1252"))),
                 "hello");
    /* a Windows-1252 byte outside ASCII: 0x80 is the euro sign */
    CHECK_EQ_STR(s_eval(t_call("decode", 2, s_lit_bin("\x80", 1), t_lit_str("windows-1252"))),
                 "\xE2\x82\xAC");
    t_end();
    t_begin(true);
    CHECK_EQ_STR(s_eval(t_call("encode", 2, t_lit_str("hello"), t_lit_str("WINDOWS-1252"))),
                 "(error)");
    CHECK_EQ_STR(T.err.error_class, "INVALID_PARAMETER_VALUE.CHARSET");
    t_end();
}

/* string-functions.sql#107 / #137: with spark.sql.legacy.codingErrorAction=true, characters
   US-ASCII cannot hold encode as '?' and bytes it cannot read decode as U+FFFD; without it
   MALFORMED_CHARACTER_CODING (#110). */
EM_TEST(legacy_coding_error_action)
{
    t_begin(true);
    T.opts.legacy_coding_error_action = true;
    CHECK_EQ_STR(s_eval(t_call("hex", 1,
                               t_call("encode", 2, t_lit_str("\xE6\xB8\xAD\xE5\x9F\x8E"),
                                      t_lit_str("US-ASCII")))),
                 "3F3F");
    CHECK_EQ_STR(s_eval(t_call("decode", 2, s_lit_bin("\xE5\x8A", 2), t_lit_str("US-ASCII"))),
                 "\xEF\xBF\xBD\xEF\xBF\xBD");
    t_end();
    t_begin(true);
    CHECK_EQ_STR(s_eval(t_call("encode", 2, t_lit_str("\xE6\xB8\xAD"), t_lit_str("US-ASCII"))),
                 "(error)");
    CHECK_EQ_STR(T.err.error_class, "MALFORMED_CHARACTER_CODING");
    t_end();
}

/* decimalArithmeticOperations.sql, allowPrecisionLoss=false: #36 10.300000000000000000 *
   3.000000000000000000 is decimal(38,36) 30.9000...; #37 with one more digit of scale
   overflows; #49 1.0123456789012345678901234567890123456e34BD / 1.0 is decimal(38,3); #54
   .../ 10.0 gives 1012345678901234567890123456789.0123456. */
EM_TEST(decimal_no_precision_loss)
{
    t_begin(true);
    T.opts.decimal_no_precision_loss = true;
    pl_expr *e = t_call("*", 2, s_lit_dec("10.300000000000000000", 20, 18),
                        s_lit_dec("3.000000000000000000", 19, 18));
    CHECK_EQ_STR(s_type(e), "decimal(38,36)");
    CHECK_EQ_STR(s_eval(e), "30.900000000000000000000000000000000000");
    e = t_call("*", 2, s_lit_dec("10.300000000000000000", 20, 18),
               s_lit_dec("3.0000000000000000000", 20, 19));
    CHECK_EQ_STR(s_eval(e), "(error)");
    CHECK_EQ_STR(T.err.error_class, "NUMERIC_VALUE_OUT_OF_RANGE.WITH_SUGGESTION");
    t_end();
    t_begin(true);
    T.opts.decimal_no_precision_loss = true;
    e = t_call("/", 2, s_lit_dec("10123456789012345678901234567890123.456", 38, 3),
               s_lit_dec("1.0", 2, 1));
    CHECK_EQ_STR(s_type(e), "decimal(38,3)");
    CHECK_EQ_STR(s_eval(e), "10123456789012345678901234567890123.456");
    e = t_call("/", 2, s_lit_dec("10123456789012345678901234567890.123456", 38, 6),
               s_lit_dec("10.0", 3, 1));
    CHECK_EQ_STR(s_eval(e), "1012345678901234567890123456789.0123456");
    t_end();
    /* the default (allowPrecisionLoss=true) adjusts: decimal(38,6) for #49's division */
    t_begin(true);
    e = t_call("/", 2, s_lit_dec("10123456789012345678901234567890123.456", 38, 3),
               s_lit_dec("1.0", 2, 1));
    CHECK_EQ_STR(s_type(e), "decimal(38,6)");
    t_end();
}

/* CurrentDatabase: the session's current database (pl_session_opts.current_database), `default`
   when unset; printed current_schema(). */
EM_TEST(current_database)
{
    t_begin(true);
    pl_expr *e = t_call("current_database", 0);
    CHECK_EQ_STR(s_eval(e), "default");
    CHECK_EQ_STR(s_sql(e), "current_schema()");
    T.opts.current_database = "sales";
    CHECK_EQ_STR(s_eval(t_call("current_schema", 0)), "sales");
    CHECK_EQ_STR(s_eval(t_call("current_catalog", 0)), "spark_catalog");
    t_end();
}

/* update_fields (UpdateFields, built only by Column.withField / dropFields through Spark
   Connect): PySpark's docs for Column.withField — withField('b', lit(3)) on {b: 1, c: 2} shows
   b = 3, withField('d', lit(4)) appends d = 4 — and Column.dropFields — dropFields('b') on
   {b: 1, c: 2, d: 3} shows {2, 3}, dropFields('b', 'c') shows {3}. */
EM_TEST(update_fields)
{
    t_begin(true);
    pl_expr *bc =
        t_call("named_struct", 4, t_lit_str("b"), t_lit_int(1), t_lit_str("c"), t_lit_int(2));
    pl_expr *e = t_call("update_fields", 4, bc, t_lit_str("W"), t_lit_str("b"), t_lit_int(3));
    CHECK_EQ_STR(s_type(e), "struct<b:int,c:int>");
    CHECK_EQ_STR(s_eval(e), "{3, 2}");
    bc = t_call("named_struct", 4, t_lit_str("b"), t_lit_int(1), t_lit_str("c"), t_lit_int(2));
    e = t_call("update_fields", 4, bc, t_lit_str("W"), t_lit_str("d"), t_lit_int(4));
    CHECK_EQ_STR(s_type(e), "struct<b:int,c:int,d:int>");
    CHECK_EQ_STR(s_eval(e), "{1, 2, 4}");
    pl_expr *bcd = t_call("named_struct", 6, t_lit_str("b"), t_lit_int(1), t_lit_str("c"),
                          t_lit_int(2), t_lit_str("d"), t_lit_int(3));
    CHECK_EQ_STR(s_eval(t_call("update_fields", 3, bcd, t_lit_str("D"), t_lit_str("b"))), "{2, 3}");
    bcd = t_call("named_struct", 6, t_lit_str("b"), t_lit_int(1), t_lit_str("c"), t_lit_int(2),
                 t_lit_str("d"), t_lit_int(3));
    e = t_call("update_fields", 4, bcd, t_lit_str("DD"), t_lit_str("b"), t_lit_str("c"));
    CHECK_EQ_STR(s_type(e), "struct<d:int>");
    CHECK_EQ_STR(s_eval(e), "{3}");
    t_end();
}

int main(int c, char **v)
{
    return em_test_main(c, v);
}
