/*
 * Function unit tests: overflow and division rules under ANSI on/off, error parameters,
 * string functions, LIKE/RLIKE, three-valued logic and aggregate result types. Expectations
 * cite Spark's function documentation (the ExpressionDescription examples in Spark's source,
 * which are Spark's SQL reference pages) or golden files / QueryExecutionErrors for errors.
 */

/* CHECK_EQ_STR copies both strings into a fixed message buffer; optimized builds warn that long
   results may be cut in the failure message, which is fine for a test report. */
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wformat-truncation"
#endif

#include <math.h>

#include "../exec/ex_test_util.h"
#include "types/ty_dec.h"

/* Evaluates a scalar expression over one row (SELECT expr); NULL on error (T.err). */
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

/* try_arithmetic.sql.out: 2147483647 + 1 -> ARITHMETIC_OVERFLOW "integer overflow" with the
   try_add alternative; 9223372036854775807L + 1L -> "long overflow". */
EM_TEST(ansi_integer_overflow)
{
    t_begin(true);
    CHECK_EQ_STR(eval1(t_call("+", 2, t_lit_int(INT32_MAX), t_lit_int(1))), "(error)");
    CHECK_EQ_STR(T.err.error_class, "ARITHMETIC_OVERFLOW");
    CHECK_EQ_STR(param("message"), "integer overflow");
    CHECK_EQ_STR(param("alternative"),
                 " Use 'try_add' to tolerate overflow and return NULL instead.");
    CHECK_EQ_STR(param("config"), "\"spark.sql.ansi.enabled\"");
    CHECK_EQ_STR(eval1(t_call("+", 2, t_lit_long(INT64_MAX), t_lit_long(1))), "(error)");
    CHECK_EQ_STR(param("message"), "long overflow");
    CHECK_EQ_STR(eval1(t_call("*", 2, t_lit_int(INT32_MAX), t_lit_int(2))), "(error)");
    CHECK_EQ_STR(param("alternative"),
                 " Use 'try_multiply' to tolerate overflow and return NULL instead.");
    CHECK_EQ_STR(eval1(t_call("-", 2, t_lit_int(INT32_MIN), t_lit_int(1))), "(error)");
    CHECK_EQ_STR(param("alternative"),
                 " Use 'try_subtract' to tolerate overflow and return NULL instead.");
    t_end();
    /* legacy mode wraps around like Java int arithmetic (nonansi/try_arithmetic.sql.out:
       2147483647 + 1 = -2147483648) */
    t_begin(false);
    CHECK_EQ_STR(eval1(t_call("+", 2, t_lit_int(INT32_MAX), t_lit_int(1))), "-2147483648");
    CHECK_EQ_STR(eval1(t_call("+", 2, t_lit_long(INT64_MAX), t_lit_long(1))),
                 "-9223372036854775808");
    t_end();
}

/* QueryExecutionErrors.binaryArithmeticCauseOverflowError: tinyint/smallint overflow names
   both operands as SQL literals (127Y) and the try_ function as an identifier. */
EM_TEST(ansi_small_int_overflow)
{
    t_begin(true);
    pl_expr *a = t_cast(t_lit_int(127), ty_byte());
    pl_expr *b = t_cast(t_lit_int(1), ty_byte());
    CHECK_EQ_STR(eval1(t_call("+", 2, a, b)), "(error)");
    CHECK_EQ_STR(T.err.error_class, "BINARY_ARITHMETIC_OVERFLOW");
    CHECK_EQ_STR(param("value1"), "127Y");
    CHECK_EQ_STR(param("symbol"), "+");
    CHECK_EQ_STR(param("value2"), "1Y");
    CHECK_EQ_STR(param("functionName"), "`try_add`");
    t_end();
    t_begin(false);
    CHECK_EQ_STR(
        eval1(t_call("+", 2, t_cast(t_lit_int(127), ty_byte()), t_cast(t_lit_int(1), ty_byte()))),
        "-128");
    t_end();
}

/* UnaryMinus / Abs use MathUtils.negateExact under ANSI: "integer overflow" without an
   alternative; legacy mode wraps (abs(-2147483648) = -2147483648, as Java's Math.abs). */
EM_TEST(negate_and_abs)
{
    t_begin(true);
    CHECK_EQ_STR(eval1(t_call("negative", 1, t_lit_int(5))), "-5");
    CHECK_EQ_STR(eval1(t_call("abs", 1, t_lit_int(-1))), "1"); /* docs: abs(-1) = 1 */
    CHECK_EQ_STR(eval1(t_call("negative", 1, t_lit_int(INT32_MIN))), "(error)");
    CHECK_EQ_STR(param("message"), "integer overflow");
    CHECK_EQ_STR(param("alternative"), "");
    CHECK_EQ_STR(eval1(t_call("abs", 1, t_lit_long(INT64_MIN))), "(error)");
    CHECK_EQ_STR(param("message"), "long overflow");
    t_end();
    t_begin(false);
    CHECK_EQ_STR(eval1(t_call("abs", 1, t_lit_int(INT32_MIN))), "-2147483648");
    t_end();
}

/* Division: operators.sql.out (5 / 2 = 2.5, 5 / 0 -> DIVIDE_BY_ZERO, 5 div 2 = 2); Remainder
   and Pmod by zero -> REMAINDER_BY_ZERO (arithmetic.sql golden); legacy mode returns NULL.
   Long.MinValue div -1 overflows (QueryExecutionErrors.overflowInIntegralDivideError). */
EM_TEST(division_rules)
{
    t_begin(true);
    CHECK_EQ_STR(eval1(t_call("/", 2, t_lit_int(5), t_lit_int(2))), "2.5");
    CHECK_EQ_STR(eval1(t_call("/", 2, t_lit_int(5), t_lit_int(0))), "(error)");
    CHECK_EQ_STR(T.err.error_class, "DIVIDE_BY_ZERO");
    CHECK_EQ_STR(eval1(t_call("/", 2, t_lit_double(1.0), t_lit_double(0.0))), "(error)");
    CHECK_EQ_STR(eval1(t_call("%", 2, t_lit_int(5), t_lit_int(0))), "(error)");
    CHECK_EQ_STR(T.err.error_class, "REMAINDER_BY_ZERO");
    CHECK_EQ_STR(eval1(t_call("pmod", 2, t_lit_int(5), t_lit_int(0))), "(error)");
    CHECK_EQ_STR(T.err.error_class, "REMAINDER_BY_ZERO");
    CHECK_EQ_STR(eval1(t_call("div", 2, t_lit_long(INT64_MIN), t_lit_long(-1))), "(error)");
    CHECK_EQ_STR(param("message"), "Overflow in integral divide");
    CHECK_EQ_STR(param("alternative"),
                 " Use 'try_divide' to tolerate overflow and return NULL instead.");
    /* docs: pmod(10, 3) = 1, pmod(-10, 3) = 2; 2 % 1.8 = 0.2 */
    CHECK_EQ_STR(eval1(t_call("pmod", 2, t_lit_int(10), t_lit_int(3))), "1");
    CHECK_EQ_STR(eval1(t_call("pmod", 2, t_lit_int(-10), t_lit_int(3))), "2");
    CHECK_EQ_STR(eval1(t_call("div", 2, t_lit_int(3), t_lit_int(2))), "1");
    CHECK_EQ_STR(eval1(t_call("%", 2, t_lit_int(-7), t_lit_int(2))), "-1");
    CHECK_EQ_STR(eval1(t_call("%", 2, t_lit_int(INT32_MIN), t_lit_int(-1))), "0");
    t_end();
    t_begin(false);
    CHECK_EQ_STR(eval1(t_call("/", 2, t_lit_int(5), t_lit_int(0))), "NULL");
    CHECK_EQ_STR(eval1(t_call("%", 2, t_lit_int(5), t_lit_int(0))), "NULL");
    CHECK_EQ_STR(eval1(t_call("div", 2, t_lit_long(INT64_MIN), t_lit_long(-1))),
                 "-9223372036854775808");
    t_end();
}

/* Result types (Spark's Add/Divide/IntegralDivide dataType rules). */
EM_TEST(arith_result_types)
{
    t_begin(true);
    em_str s;
    em_str_init(&s, 0);
    pl_expr *e = t_call("+", 2, t_lit_int(1), t_lit_long(1));
    ty_simple_string(e->type, &s);
    CHECK_EQ_STR(s.data, "bigint");
    em_str_reset(&s);
    e = t_call("/", 2, t_lit_int(1), t_lit_int(1));
    ty_simple_string(e->type, &s);
    CHECK_EQ_STR(s.data, "double");
    em_str_reset(&s);
    e = t_call("div", 2, t_lit_int(1), t_lit_int(1));
    ty_simple_string(e->type, &s);
    CHECK_EQ_STR(s.data, "bigint");
    em_str_reset(&s);
    /* ANSI: int + float widens to double (AnsiTypeCoercion.findTightestCommonType) */
    pl_expr *f = t_cast(t_lit_int(1), ty_float());
    e = t_call("+", 2, t_lit_int(1), f);
    ty_simple_string(e->type, &s);
    CHECK_EQ_STR(s.data, "double");
    em_str_release(&s);
    t_end();
}

/* WRONG_NUM_ARGS.WITHOUT_SUGGESTION with Spark's parameters. */
EM_TEST(wrong_num_args)
{
    t_begin(true);
    CHECK(t_call("substring", 1, t_lit_str("a")) == NULL);
    CHECK_EQ_STR(T.err.error_class, "WRONG_NUM_ARGS.WITHOUT_SUGGESTION");
    CHECK_EQ_STR(param("functionName"), "`substring`");
    CHECK_EQ_STR(param("expectedNum"), "[2, 3]");
    CHECK_EQ_STR(param("actualNum"), "1");
    t_end();
}

/* String functions, with the examples of Spark's SQL function reference. */
EM_TEST(string_functions_docs)
{
    t_begin(true);
    CHECK_EQ_STR(eval1(t_call("upper", 1, t_lit_str("SparkSql"))), "SPARKSQL");
    CHECK_EQ_STR(eval1(t_call("lower", 1, t_lit_str("SparkSql"))), "sparksql");
    /* String.toUpperCase(Locale.ROOT) maps non-ASCII letters too */
    CHECK_EQ_STR(eval1(t_call("upper", 1, t_lit_str("café"))), "CAFÉ");
    CHECK_EQ_STR(eval1(t_call("length", 1, t_lit_str("Spark SQL "))), "10");
    CHECK_EQ_STR(eval1(t_call("length", 1, t_lit_str("日本語"))), "3");
    CHECK_EQ_STR(eval1(t_call("concat", 3, t_lit_str("Spark"), t_lit_str("SQL"), t_lit_int(1))),
                 "SparkSQL1");
    CHECK_EQ_STR(eval1(t_call("concat", 2, t_lit_str("a"), t_lit_null(ty_string()))), "NULL");
    CHECK_EQ_STR(eval1(t_call("substring", 2, t_lit_str("Spark SQL"), t_lit_int(5))), "k SQL");
    CHECK_EQ_STR(eval1(t_call("substring", 2, t_lit_str("Spark SQL"), t_lit_int(-3))), "SQL");
    CHECK_EQ_STR(eval1(t_call("substring", 3, t_lit_str("Spark SQL"), t_lit_int(5), t_lit_int(1))),
                 "k");
    CHECK_EQ_STR(eval1(t_call("substr", 3, t_lit_str("Spark SQL"), t_lit_int(0), t_lit_int(3))),
                 "Spa");
    CHECK_EQ_STR(eval1(t_call("substr", 3, t_lit_str("Spark SQL"), t_lit_int(-100), t_lit_int(3))),
                 "");
    CHECK_EQ_STR(eval1(t_call("trim", 1, t_lit_str("    SparkSQL   "))), "SparkSQL");
    CHECK_EQ_STR(eval1(t_call("ltrim", 1, t_lit_str("    SparkSQL   "))), "SparkSQL   ");
    CHECK_EQ_STR(eval1(t_call("rtrim", 1, t_lit_str("    SparkSQL   "))), "    SparkSQL");
    CHECK_EQ_STR(eval1(t_call("trim", 2, t_lit_str("SL"), t_lit_str("SSparkSQLS"))), "parkSQ");
    CHECK_EQ_STR(eval1(t_call("startswith", 2, t_lit_str("Spark SQL"), t_lit_str("Spark"))),
                 "true");
    CHECK_EQ_STR(eval1(t_call("startswith", 2, t_lit_str("Spark SQL"), t_lit_str("SQL"))), "false");
    CHECK_EQ_STR(eval1(t_call("endswith", 2, t_lit_str("Spark SQL"), t_lit_str("SQL"))), "true");
    CHECK_EQ_STR(eval1(t_call("contains", 2, t_lit_str("Spark SQL"), t_lit_str("Spark"))), "true");
    CHECK_EQ_STR(eval1(t_call("contains", 2, t_lit_str("Spark SQL"), t_lit_null(ty_string()))),
                 "NULL");
    t_end();
}

/* LIKE: '%' any sequence, '_' one character, '\' escapes (Spark's Like docs); an escape at the
   end of the pattern is INVALID_FORMAT.ESC_AT_THE_END. RLIKE: a regex search (find). */
EM_TEST(like_and_rlike)
{
    t_begin(true);
    CHECK_EQ_STR(eval1(t_call("like", 2, t_lit_str("Spark"), t_lit_str("_park"))), "true");
    CHECK_EQ_STR(eval1(t_call("like", 2, t_lit_str("Spark"), t_lit_str("Sp%"))), "true");
    CHECK_EQ_STR(eval1(t_call("like", 2, t_lit_str("Spark"), t_lit_str("%k%r"))), "false");
    CHECK_EQ_STR(eval1(t_call("like", 2, t_lit_str("%SystemDrive%\\Users\\John"),
                              t_lit_str("\\%SystemDrive\\%\\\\Users%"))),
                 "true");
    CHECK_EQ_STR(eval1(t_call("like", 2, t_lit_str("a_b"), t_lit_str("a\\_b"))), "true");
    CHECK_EQ_STR(eval1(t_call("like", 2, t_lit_str("axb"), t_lit_str("a\\_b"))), "false");
    CHECK_EQ_STR(eval1(t_call("like", 2, t_lit_str("日本語"), t_lit_str("日_語"))), "true");
    CHECK_EQ_STR(eval1(t_call("like", 2, t_lit_str("a"), t_lit_str("a\\"))), "(error)");
    CHECK_EQ_STR(T.err.error_class, "INVALID_FORMAT.ESC_AT_THE_END");
    CHECK_EQ_STR(param("format"), "'a\\\\'");
    CHECK_EQ_STR(eval1(t_call("rlike", 2, t_lit_str("%SystemDrive%\\Users\\John"),
                              t_lit_str("%SystemDrive%\\\\Users.*"))),
                 "true");
    CHECK_EQ_STR(eval1(t_call("rlike", 2, t_lit_str("abc123"), t_lit_str("\\d+"))), "true");
    CHECK_EQ_STR(eval1(t_call("rlike", 2, t_lit_str("abc"), t_lit_str("^\\d"))), "false");
    /* java.util.regex supports lookahead (rlike now runs on PCRE2, fn_regex.c); an unclosed
       group is a PatternSyntaxException: INVALID_PARAMETER_VALUE.PATTERN */
    CHECK_EQ_STR(eval1(t_call("rlike", 2, t_lit_str("ab"), t_lit_str("a(?=b)"))), "true");
    CHECK_EQ_STR(eval1(t_call("rlike", 2, t_lit_str("ab"), t_lit_str("a(b"))), "(error)");
    CHECK_EQ_STR(T.err.error_class, "INVALID_PARAMETER_VALUE.PATTERN");
    CHECK_EQ_STR(param("functionName"), "`rlike`");
    t_end();
}

/* SQL three-valued logic (Spark's And / Or / Not truth tables). */
EM_TEST(three_valued_logic)
{
    t_begin(true);
    pl_expr *n = t_lit_null(ty_boolean());
    CHECK_EQ_STR(eval1(t_call("and", 2, t_lit_bool(false), n)), "false");
    CHECK_EQ_STR(eval1(t_call("and", 2, t_lit_bool(true), t_lit_null(ty_boolean()))), "NULL");
    CHECK_EQ_STR(eval1(t_call("or", 2, t_lit_bool(true), t_lit_null(ty_boolean()))), "true");
    CHECK_EQ_STR(eval1(t_call("or", 2, t_lit_bool(false), t_lit_null(ty_boolean()))), "NULL");
    CHECK_EQ_STR(eval1(t_call("not", 1, t_lit_null(ty_boolean()))), "NULL");
    CHECK_EQ_STR(eval1(t_call("<=>", 2, t_lit_null(ty_int()), t_lit_null(ty_int()))), "true");
    CHECK_EQ_STR(eval1(t_call("==", 2, t_lit_null(ty_int()), t_lit_int(1))), "NULL");
    CHECK_EQ_STR(eval1(t_call("in", 3, t_lit_int(1), t_lit_int(2), t_lit_null(ty_int()))), "NULL");
    CHECK_EQ_STR(eval1(t_call("in", 3, t_lit_int(2), t_lit_int(2), t_lit_null(ty_int()))), "true");
    CHECK_EQ_STR(eval1(t_call("isnull", 1, t_lit_null(ty_int()))), "true");
    CHECK_EQ_STR(eval1(t_call("isnan", 1, t_lit_double(NAN))), "true");
    CHECK_EQ_STR(eval1(t_call("isnan", 1, t_lit_null(ty_double()))), "false");
    /* NaN = NaN is true in Spark SQL (NaN semantics) and strings compare bytewise */
    CHECK_EQ_STR(eval1(t_call("==", 2, t_lit_double(NAN), t_lit_double(NAN))), "true");
    CHECK_EQ_STR(eval1(t_call("<", 2, t_lit_str("10"), t_lit_str("9"))), "true");
    t_end();
}

/* Conditional functions (Spark docs: nullif(2, 2) = NULL, nvl(NULL, array('2')) ..., if). */
EM_TEST(conditional_functions)
{
    t_begin(true);
    CHECK_EQ_STR(eval1(t_call("nullif", 2, t_lit_int(2), t_lit_int(2))), "NULL");
    CHECK_EQ_STR(eval1(t_call("nullif", 2, t_lit_int(2), t_lit_int(3))), "2");
    /* the comparison inside NullIf coerces like `=` (ANSI: '1' compares as bigint), the result
       keeps the left type */
    pl_expr *ni = t_call("nullif", 2, t_lit_int(1), t_lit_str("1"));
    CHECK(ni && ni->type->kind == TY_INT && ni->n_args == 2);
    CHECK_EQ_STR(eval1(ni), "NULL");
    CHECK_EQ_STR(eval1(t_call("nvl", 2, t_lit_null(ty_string()), t_lit_str("a"))), "a");
    CHECK_EQ_STR(
        eval1(t_call("coalesce", 3, t_lit_null(ty_null()), t_lit_int(1), t_lit_null(ty_null()))),
        "1");
    CHECK_EQ_STR(eval1(t_call("if", 3, t_call("<", 2, t_lit_int(1), t_lit_int(2)), t_lit_str("a"),
                              t_lit_str("b"))),
                 "a");
    CHECK_EQ_STR(eval1(t_call("nvl2", 3, t_lit_null(ty_int()), t_lit_int(2), t_lit_int(1))), "1");
    t_end();
}

/* Aggregate result types: sum(int) -> bigint, sum(decimal(p,s)) -> decimal(p+10,s),
   avg(decimal(p,s)) -> decimal(p+4,s+4) (Sum.scala / Average.scala resultType). */
EM_TEST(aggregate_types_and_values)
{
    t_begin(true);
    ty_i128 v[] = {100, 250};
    vec *c[1] = {t_fixed(ty_decimal(&T.a, 5, 2), 2, v, NULL)};
    const char *nm[] = {"d"};
    pl_node *df = t_local(1, nm, c);
    pl_expr *aggs[] = {t_call("sum", 1, t_col(df, 0)), t_call("avg", 1, t_col(df, 0))};
    em_str s;
    em_str_init(&s, 0);
    ty_simple_string(aggs[0]->type, &s);
    CHECK_EQ_STR(s.data, "decimal(15,2)");
    em_str_reset(&s);
    ty_simple_string(aggs[1]->type, &s);
    CHECK_EQ_STR(s.data, "decimal(9,6)");
    em_str_release(&s);
    vec_batch *b = t_run(t_aggregate(df, 0, NULL, 2, aggs, NULL));
    CHECK_EQ_STR(t_rows(b), "3.50,1.750000");
    vec_batch_free(b);
    /* sum of bigint overflow: ARITHMETIC_OVERFLOW "long overflow" (try_aggregates.sql.out) */
    int64_t big[] = {INT64_MAX, 1};
    vec *c2[1] = {t_fixed(ty_long(), 2, big, NULL)};
    pl_node *df2 = t_local(1, nm, c2);
    pl_expr *s2[] = {t_call("sum", 1, t_col(df2, 0))};
    CHECK(t_run(t_aggregate(df2, 0, NULL, 1, s2, NULL)) == NULL);
    CHECK_EQ_STR(T.err.error_class, "ARITHMETIC_OVERFLOW");
    CHECK_EQ_STR(param("message"), "long overflow");
    t_end();
}

int main(int c, char **v)
{
    return em_test_main(c, v);
}
