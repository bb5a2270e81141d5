/*
 * test_sql_errors: error classes, parameters and query contexts of the parser, checked against
 * Spark's golden files (../shared/conformance/spark-sql-tests/results/<file>.sql.out, cited per
 * case; those query texts start with the newline that followed the previous statement in the
 * input file, which the golden startIndex values count), plus hostile inputs: deep nesting,
 * huge chains, random bytes, every short byte string.
 */
#include "sql_test_util.h"

#include "common/em_mem.h"

/* error class, parameters and [start, stop] of the context (-1 when none). */
static const char *st_err_ctx(const char *text, bool is_expr)
{
    static char out[4096];
    em_error err = st_error(text, is_expr);
    snprintf(out, sizeof out, "%s @%d-%d", st_err_line(&err), err.ctx_start, err.ctx_stop);
    return out;
}

/* PARSE_SYNTAX_ERROR cases of the golden files that are plain queries. */
EM_TEST(errors_golden_syntax)
{
    /* cast.sql.out */
    CHECK_EQ_STR(st_stmt_err("SELECT FALSE IS NOT NULL :: string"),
                 "PARSE_SYNTAX_ERROR|error='::'|hint=");
    /* literals.sql.out */
    CHECK_EQ_STR(st_stmt_err("select .e3"), "PARSE_SYNTAX_ERROR|error='.'|hint=");
    /* interval.sql.out */
    CHECK_EQ_STR(st_stmt_err("select interval 30 day day day"),
                 "PARSE_SYNTAX_ERROR|error='day'|hint=: extra input 'day'");
    CHECK_EQ_STR(st_stmt_err("select interval 30 days days days"),
                 "PARSE_SYNTAX_ERROR|error='days'|hint=: extra input 'days'");
    CHECK_EQ_STR(st_stmt_err("select interval 1 fake_unit"),
                 "PARSE_SYNTAX_ERROR|error='fake_unit'|hint=");
    /* parse-query-correctness.sql.out (the texts EXECUTE IMMEDIATE parses) */
    CHECK_EQ_STR(st_stmt_err("SELECT 1 JOIN SELECT 2"), "PARSE_SYNTAX_ERROR|error='SELECT'|hint=");
    CHECK_EQ_STR(st_stmt_err("SELECT 1 VALUES (1)"), "PARSE_SYNTAX_ERROR|error='('|hint=");
    CHECK_EQ_STR(st_stmt_err("SELECT 1 alias garbage garbage garbage"),
                 "PARSE_SYNTAX_ERROR|error='garbage'|hint=");
    CHECK_EQ_STR(st_stmt_err("SELECT 1 WITH abc"),
                 "PARSE_SYNTAX_ERROR|error='abc'|hint=: extra input 'abc'");
    /* execute-immediate.sql.out */
    CHECK_EQ_STR(st_stmt_err("SELCT Fa"), "PARSE_SYNTAX_ERROR|error='SELCT'|hint=");
    /* double-quoted-identifiers.sql.out (double quotes are strings by default) */
    CHECK_EQ_STR(st_stmt_err("SELECT 1 FROM \"not_exist\""),
                 "PARSE_SYNTAX_ERROR|error='\"not_exist\"'|hint=");
    CHECK_EQ_STR(st_stmt_err("SELECT 1 AS \"not_exist\" FROM not_exist"),
                 "PARSE_SYNTAX_ERROR|error='\"not_exist\"'|hint=");
    CHECK_EQ_STR(st_stmt_err("select 1 from \"not_\"\"exists\""),
                 "PARSE_SYNTAX_ERROR|error='\"not_\"\"exists\"'|hint=");
    CHECK_EQ_STR(st_stmt_err("SELECT 1 FROM not_exist AS X(\"hello\")"),
                 "PARSE_SYNTAX_ERROR|error='\"hello\"'|hint=");
    /* selectExcept.sql.out */
    CHECK_EQ_STR(st_stmt_err("SELECT * EXCEPT name FROM tbl_view"),
                 "PARSE_SYNTAX_ERROR|error='name'|hint=");
    CHECK_EQ_STR(st_stmt_err("SELECT * EXCEPT() name FROM tbl_view"),
                 "PARSE_SYNTAX_ERROR|error=')'|hint=");
    /* cte.sql.out */
    CHECK_EQ_STR(st_stmt_err("WITH t() AS (SELECT 1)\nSELECT * FROM t"),
                 "PARSE_SYNTAX_ERROR|error=')'|hint=");
    /* udaf-grouping-set.sql.out */
    CHECK_EQ_STR(st_stmt_err("SELECT a, b, c, udaf(d) FROM grouping GROUP BY WITH ROLLUP"),
                 "PARSE_SYNTAX_ERROR|error='ROLLUP'|hint=: extra input 'ROLLUP'");
    CHECK_EQ_STR(st_stmt_err("SELECT a, b, c, udaf(d) FROM grouping GROUP BY WITH CUBE"),
                 "PARSE_SYNTAX_ERROR|error='CUBE'|hint=: extra input 'CUBE'");
    /* sql-session-variables.sql.out */
    CHECK_EQ_STR(st_stmt_err("SELECT sum(c1) FILTER (c1 != var1) FROM VALUES(1, 2), (2, 3) AS "
                             "T(c1, c2)"),
                 "PARSE_SYNTAX_ERROR|error='('|hint=");
    /* window_part3.sql.out */
    CHECK_EQ_STR(st_stmt_err("SELECT * FROM rank() OVER (ORDER BY random())"),
                 "PARSE_SYNTAX_ERROR|error='BY'|hint=");
    /* csv-functions.sql.out / json-functions.sql.out: a schema string parsed as a type */
    em_arena a;
    em_arena_init(&a, 0);
    em_error err;
    em_error_clear(&err);
    const ty *t;
    sql_parse_type("a InvalidType", &a, &t, &err);
    CHECK_EQ_STR(st_err_line(&err),
                 "PARSE_SYNTAX_ERROR|error='InvalidType'|hint=: extra input 'InvalidType'");
    em_arena_release(&a);
}

/* The message text: "Syntax error at or near <error><hint>." */
EM_TEST(errors_message_and_context)
{
    em_error err = st_error("SELECT a FROM t WHERE", false);
    char buf[512];
    em_error_format(&err, buf, sizeof buf);
    CHECK_EQ_STR(buf, "[PARSE_SYNTAX_ERROR] Syntax error at or near end of input. SQLSTATE: 42601");
    CHECK_EQ_STR(err.jvm_class, "org.apache.spark.sql.catalyst.parser.ParseException");
    err = st_error("SELECT a FROM t WHERE x = = 1", false);
    em_error_format(&err, buf, sizeof buf);
    CHECK_EQ_STR(buf, "[PARSE_SYNTAX_ERROR] Syntax error at or near '='. SQLSTATE: 42601");
    CHECK_EQ_INT(err.ctx_start, 26);
    CHECK_EQ_INT(err.ctx_stop, 26);
    CHECK_EQ_STR(err.ctx_fragment, "=");
    /* Newlines in the offending token are shown escaped, as ANTLR displays tokens. */
    CHECK_EQ_STR(st_stmt_err("SELECT 1 2 'a\nb'"), "PARSE_SYNTAX_ERROR|error='2'|hint=");
    CHECK_EQ_STR(st_stmt_err("SELECT 1 'a\nb'"),
                 "PARSE_SYNTAX_ERROR|error=''a\\nb''|hint=: extra input ''a\\nb''");
    /* ANTLR's single-token deletion where one token is expected. */
    CHECK_EQ_STR(st_stmt_err("SELECT cast(a AS int x)"),
                 "PARSE_SYNTAX_ERROR|error='x'|hint=: extra input 'x'");
}

/* literals.sql.out, with the golden query contexts (texts start with the previous newline). */
EM_TEST(errors_golden_literals)
{
    CHECK_EQ_STR(st_err_ctx("\nselect 128Y", false),
                 "INVALID_NUMERIC_LITERAL_RANGE|rawStrippedQualifier=128|minValue=-128|"
                 "maxValue=127|typeName=tinyint @8-11");
    CHECK_EQ_STR(st_err_ctx("\nselect 32768S", false),
                 "INVALID_NUMERIC_LITERAL_RANGE|rawStrippedQualifier=32768|minValue=-32768|"
                 "maxValue=32767|typeName=smallint @8-13");
    CHECK_EQ_STR(st_err_ctx("\nselect 9223372036854775808L", false),
                 "INVALID_NUMERIC_LITERAL_RANGE|rawStrippedQualifier=9223372036854775808|"
                 "minValue=-9223372036854775808|maxValue=9223372036854775807|typeName=bigint "
                 "@8-27");
    CHECK_EQ_STR(st_err_ctx("\nselect -3.4028235E39f", false),
                 "INVALID_NUMERIC_LITERAL_RANGE|rawStrippedQualifier=-3.4028235E39|"
                 "minValue=-3.4028234663852886E+38|maxValue=3.4028234663852886E+38|"
                 "typeName=float @8-21");
    CHECK_EQ_STR(st_err_ctx("\nselect 1E309, -1E309", false),
                 "INVALID_NUMERIC_LITERAL_RANGE|rawStrippedQualifier=1E309|"
                 "minValue=-1.7976931348623157E+308|maxValue=1.7976931348623157E+308|"
                 "typeName=double @8-12");
    CHECK_EQ_STR(st_err_ctx("\nselect 1234567890123456789012345678901234567890", false),
                 "DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION|precision=40|maxPrecision=38 @-1--1");
    CHECK_EQ_STR(st_err_ctx("\nselect 1234567890123456789012345678901234567890.0", false),
                 "DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION|precision=41|maxPrecision=38 @-1--1");
    CHECK_EQ_STR(st_err_ctx("\nselect 1.20E-38BD", false),
                 "DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION|precision=40|maxPrecision=38 @8-17");
    CHECK_EQ_STR(st_err_ctx("\nselect X'XuZ'", false),
                 "INVALID_TYPED_LITERAL|valueType=\"X\"|value='XuZ' @8-13");
    CHECK_EQ_STR(st_err_ctx("\nselect GEO '(10,-6)'", false),
                 "UNSUPPORTED_TYPED_LITERAL|unsupportedType=\"GEO\"|supportedTypes=\"DATE\", "
                 "\"TIMESTAMP_NTZ\", \"TIMESTAMP_LTZ\", \"TIMESTAMP\", \"INTERVAL\", \"X\", "
                 "\"TIME\" @8-20");
    /* cast.sql.out */
    CHECK_EQ_STR(st_stmt_err("SELECT '2147483648' :: BINT"),
                 "UNSUPPORTED_DATATYPE|typeName=\"BINT\"");
    CHECK_EQ_STR(st_stmt_err("SELECT '2147483648' :: SELECT"),
                 "UNSUPPORTED_DATATYPE|typeName=\"SELECT\"");
    /* QueryParsingErrors.invalidEscapeStringError: toSQLValue of the escape string */
    CHECK_EQ_STR(st_expr_err("a LIKE 'x' ESCAPE 'ab'"), "INVALID_ESC|invalidEscape='ab'");
    /* blockBang: '!' only as the prefix NOT */
    CHECK_EQ_STR(st_expr_err("a ! IN (1)"), "SYNTAX_DISCONTINUED.BANG_EQUALS_NOT|clause=!");
    /* mixedIntervalUnitsError */
    CHECK_EQ_STR(st_expr_err("INTERVAL 1 YEAR 2 DAYS"),
                 "_LEGACY_ERROR_TEMP_0029|literal=INTERVAL 1 YEAR 2 DAYS");
}

/* interval.sql.out: unit TO unit errors keep IntervalUtils' classes, with the context of the
   unitToUnitInterval rule (the value through the last unit). */
EM_TEST(errors_golden_intervals)
{
    CHECK_EQ_STR(st_err_ctx("\nSELECT INTERVAL '178956970-8' YEAR TO MONTH", false),
                 "INVALID_INTERVAL_FORMAT.INTERVAL_PARSING|input=178956970-8|interval=year-month "
                 "@17-43");
    CHECK_EQ_STR(st_err_ctx("\nSELECT INTERVAL '106751992 04' DAY TO HOUR", false),
                 "_LEGACY_ERROR_TEMP_0063|msg=requirement failed: day 106751992 outside range "
                 "[0, 106751991] @17-42");
    CHECK_EQ_STR(st_err_ctx("\nSELECT INTERVAL '2562047789:00' HOUR TO MINUTE", false),
                 "_LEGACY_ERROR_TEMP_0063|msg=requirement failed: hour 2562047789 outside range "
                 "[0, 2562047788] @17-46");
    CHECK_EQ_STR(st_err_ctx("\nselect interval '15:40' hour to second", false),
                 "INVALID_INTERVAL_FORMAT.UNMATCHED_FORMAT_STRING_WITH_NOTICE|intervalStr=day-time|"
                 "supportedFormat=`[+|-]h:m:s.n`, `INTERVAL [+|-]'[+|-]h:m:s.n' HOUR TO SECOND`|"
                 "typeName=interval hour to second|input=15:40 @17-38");
    CHECK_EQ_STR(st_err_ctx("\nselect interval '10-9' year to month '1' year", false),
                 "_LEGACY_ERROR_TEMP_0024 @8-45");
    /* The extreme values are accepted (-2^31 months, -2^63 microseconds). */
    CHECK_EQ_STR(st_expr("INTERVAL '-178956970-8' YEAR TO MONTH"),
                 "-2147483648:interval year to month");
    CHECK_EQ_STR(st_expr("INTERVAL '-106751991 04:00:54.775808' DAY TO SECOND"),
                 "-9223372036854775808:interval day to second");
    CHECK_EQ_STR(st_expr("interval '\t interval 1 day'"), "86400000000:interval day");
    CHECK_EQ_STR(st_expr("interval '2-2\t' year to month"), "26:interval year to month");
}

/* PostProcessor errors: raised while parsing, so before later syntax errors. */
EM_TEST(errors_identifiers)
{
    CHECK_EQ_STR(st_err_ctx("SELECT * FROM test-table", false),
                 "INVALID_IDENTIFIER|ident=test-table @14-23");
    CHECK_EQ_STR(st_stmt_err("SELECT 1 AS a-b-c, )"), "INVALID_IDENTIFIER|ident=a-b-c");
    CHECK_EQ_STR(st_stmt_err("SELECT 1 AS ü"), "INVALID_IDENTIFIER|ident=ü");
    CHECK_EQ_STR(st_plan("SELECT 1 AS `ü`"), "Project [1:int AS `ü`] | OneRowRelation");
    /* In an expression a-b is a subtraction. */
    CHECK_EQ_STR(st_expr("a-b"), "-(a, b)");
    /* pipe-operators.sql.out: a character no rule matches */
    CHECK_EQ_STR(st_stmt_err("SELECT 1 AS u#######v"), "PARSE_SYNTAX_ERROR|error='#'|hint=");
}

/* Empty statements, unclosed comments (comments.sql.out). */
EM_TEST(errors_empty_and_comments)
{
    CHECK_EQ_STR(st_stmt_err(""), "PARSE_EMPTY_STATEMENT");
    CHECK_EQ_STR(st_stmt_err(" \n\t "), "PARSE_EMPTY_STATEMENT");
    CHECK_EQ_STR(st_expr_err(""), "PARSE_EMPTY_STATEMENT");
    CHECK_EQ_STR(st_stmt_err("-- only a comment"), "PARSE_SYNTAX_ERROR|error=end of input|hint=");
    CHECK_EQ_STR(st_stmt_err("/*abc*/\nselect 1 as a\n/*\n\n2 as b\n/*abc*/\n, 3 as c\n\n/**/"),
                 "UNCLOSED_BRACKETED_COMMENT");
    CHECK_EQ_STR(st_stmt_err("/*abc*/\nselect 1 as a\n/*\n\n2 as b\n/*abc*/\n, 3 as c\n\n/**/\n"
                             "select 4 as d"),
                 "UNCLOSED_BRACKETED_COMMENT");
    /* Nested comments close level by level. */
    CHECK_EQ_STR(st_plan("/*/**/*/\nSELECT 'selected content' AS tenth"),
                 "Project ['selected content':string AS tenth] | OneRowRelation");
    CHECK_EQ_STR(st_plan("SELECT /*\n/* a\n/* b */\n*/\n*/\n'x' AS ninth"),
                 "Project ['x':string AS ninth] | OneRowRelation");
    /* A simple comment continues after a backslash-newline. */
    CHECK_EQ_STR(st_plan("SELECT 1 -- a \\\n b\n AS c"), "Project [1:int AS c] | OneRowRelation");
    /* A syntax error is reported before an unclosed comment... */
    CHECK_EQ_STR(st_stmt_err("SELECT 1 + /* x"), "PARSE_SYNTAX_ERROR|error=end of input|hint=");
    /* ...but FROM alone is a column named FROM (keywords are identifiers by default). */
    CHECK_EQ_STR(st_stmt_err("SELECT FROM /* x"), "UNCLOSED_BRACKETED_COMMENT");
}

/* Nesting past SQL_MAX_DEPTH is an error (never a stack overflow); long flat chains are
   fine when balanced (AND / OR) and bounded otherwise. */
EM_TEST(errors_hostile_depth)
{
    size_t n = 100000;
    char *s = em_malloc(2 * n + 2);
    memset(s, '(', n);
    s[n] = '1';
    memset(s + n + 1, ')', n);
    s[2 * n + 1] = '\0';
    CHECK_EQ_STR(st_expr_err(s), "FAILED_TO_PARSE_TOO_COMPLEX");
    CHECK_EQ_STR(st_stmt_err(s), "FAILED_TO_PARSE_TOO_COMPLEX");
    /* unbalanced: still an error, no crash */
    s[2 * n] = '\0';
    CHECK_EQ_STR(st_expr_err(s), "FAILED_TO_PARSE_TOO_COMPLEX");
    em_free(s);

    /* 500 nested parentheses parse. */
    char small[1100];
    memset(small, '(', 500);
    small[500] = '1';
    memset(small + 501, ')', 500);
    small[1001] = '\0';
    CHECK_EQ_STR(st_expr(small), "1:int");

    static const char *const units[] = {
        "- ",      "NOT ", "f(", "a[", "cast(", "CASE WHEN ", "array(", "x -> ", "SELECT * FROM (",
        "SELECT ("};
    for (size_t u = 0; u < sizeof units / sizeof units[0]; u++) {
        size_t ul = strlen(units[u]);
        size_t reps = 20000;
        char *t = em_malloc(ul * reps + 2);
        for (size_t idx = 0; idx < reps; idx++)
            memcpy(t + idx * ul, units[u], ul);
        t[ul * reps] = '1';
        t[ul * reps + 1] = '\0';
        em_error err = st_error(t, u >= 8 ? false : true);
        CHECK(err.code != 0);
        em_free(t);
    }

    /* 100000 ORs build a balanced tree; 100000 '+' a left-deep one, which is refused. */
    size_t terms = 100000;
    char *chain = em_malloc(terms * 5 + 1);
    size_t w = 0;
    for (size_t idx = 0; idx < terms; idx++) {
        if (idx) {
            memcpy(chain + w, " OR ", 4);
            w += 4;
        }
        chain[w++] = 'a';
    }
    chain[w] = '\0';
    em_error err = st_error(chain, true);
    CHECK_EQ_INT(err.code, 0);
    w = 0;
    for (size_t idx = 0; idx < terms; idx++) {
        if (idx)
            chain[w++] = '+';
        chain[w++] = 'a';
    }
    chain[w] = '\0';
    CHECK_EQ_STR(st_expr_err(chain), "FAILED_TO_PARSE_TOO_COMPLEX");
    em_free(chain);
}

/* Random and short inputs: any bytes parse or fail cleanly (sanitizers watch). */
EM_TEST(errors_hostile_bytes)
{
    unsigned seed = 12345;
    char buf[257];
    for (int round = 0; round < 3000; round++) {
        int len = (int)((seed = seed * 1103515245u + 12345u) >> 16) % 256;
        for (int idx = 0; idx < len; idx++) {
            seed = seed * 1103515245u + 12345u;
            /* Mostly SQL-ish bytes, sometimes anything. */
            static const char alphabet[] = "SELECT FROM WHERE ()'\"`,.*+-/<>=!|&^~:;?[]{}\\\n\t "
                                           "abcxyz0123456789eEdDlLsSyYbB_";
            buf[idx] = (seed >> 24) % 4 ? alphabet[(seed >> 8) % (sizeof alphabet - 1)]
                                        : (char)(seed >> 16);
            if (!buf[idx])
                buf[idx] = ' ';
        }
        buf[len] = '\0';
        em_error err = st_error(buf, round % 2 == 0);
        CHECK(err.code == 0 || err.error_class[0] != '\0');
        CHECK(strcmp(err.error_class, "INTERNAL_ERROR") != 0);
        em_arena a;
        em_arena_init(&a, 0);
        const ty *t;
        em_error_clear(&err);
        sql_parse_schema_any(buf, &a, &t, &err);
        CHECK(strcmp(err.error_class, "INTERNAL_ERROR") != 0);
        em_arena_release(&a);
    }
    /* Every one- and two-byte string. */
    for (int b0 = 1; b0 < 256; b0++) {
        for (int b1 = 0; b1 < 256; b1 += (b0 < 128 ? 1 : 37)) {
            char two[3] = {(char)b0, (char)b1, '\0'};
            em_error err = st_error(two, b1 % 2);
            CHECK(strcmp(err.error_class, "INTERNAL_ERROR") != 0);
        }
    }
    /* Truncated quotes and comments. */
    static const char *const cut[] = {"'",   "\"",  "`",     "'abc", "`a``", "/*",
                                      "/*+", "x'",  "r'",    "--",   "1e",   "1.e+",
                                      ".",   "1BD", "1.5e-", "?",    ":",    "::"};
    for (size_t idx = 0; idx < sizeof cut / sizeof cut[0]; idx++) {
        em_error err = st_error(cut[idx], false);
        CHECK(err.code != 0);
        CHECK(strcmp(err.error_class, "INTERNAL_ERROR") != 0);
    }
}

int main(int c, char **v)
{
    return em_test_main(c, v);
}
