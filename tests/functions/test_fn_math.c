/*
 * test_fn_math: the math, rounding, bitwise, try_ arithmetic and misc scalar functions bound
 * through the registry and evaluated by the executor. Expectations come from the examples of
 * Spark's ExpressionDescription for each function (Spark's SQL function reference), from the
 * PySpark doctest captures (conformance/pyspark-doctests/spark-4.2-dev, cited by docstring),
 * and from Spark's golden files (results/math.sql.out, try_arithmetic.sql.out).
 */
#include <math.h>

#include "fn_scalar_test.h"

/* mathExpressions.scala examples: sqrt(4) 2.0, cbrt(27.0) 3.0, exp(0) 1.0, expm1(0) 0.0,
   ln(1) 0.0, log(10, 100) 2.0, log10(10) 1.0, log2(2) 1.0, log1p(0) 0.0, pow(2, 3) 8.0,
   atan2(0, 0) 0.0, hypot(3, 4) 5.0, degrees(3.141592653589793) 180.0,
   radians(180) 3.141592653589793, signum(40) 1.0, cos(0) 1.0, acos(1) 0.0, acosh(1) 0.0. */
EM_TEST(math_docs)
{
    t_begin(true);
    CHECK_EQ_STR(s_eval(t_call("sqrt", 1, t_lit_int(4))), "2.0");
    CHECK_EQ_STR(s_eval(t_call("cbrt", 1, t_lit_double(27.0))), "3.0");
    CHECK_EQ_STR(s_eval(t_call("exp", 1, t_lit_int(0))), "1.0");
    CHECK_EQ_STR(s_eval(t_call("expm1", 1, t_lit_int(0))), "0.0");
    CHECK_EQ_STR(s_eval(t_call("ln", 1, t_lit_int(1))), "0.0");
    CHECK_EQ_STR(s_eval(t_call("log", 2, t_lit_int(10), t_lit_int(100))), "2.0");
    CHECK_EQ_STR(s_eval(t_call("log10", 1, t_lit_int(10))), "1.0");
    CHECK_EQ_STR(s_eval(t_call("log2", 1, t_lit_int(2))), "1.0");
    CHECK_EQ_STR(s_eval(t_call("log1p", 1, t_lit_int(0))), "0.0");
    CHECK_EQ_STR(s_eval(t_call("pow", 2, t_lit_int(2), t_lit_int(3))), "8.0");
    CHECK_EQ_STR(s_eval(t_call("atan2", 2, t_lit_int(0), t_lit_int(0))), "0.0");
    CHECK_EQ_STR(s_eval(t_call("hypot", 2, t_lit_int(3), t_lit_int(4))), "5.0");
    CHECK_EQ_STR(s_eval(t_call("degrees", 1, t_lit_double(3.141592653589793))), "180.0");
    CHECK_EQ_STR(s_eval(t_call("radians", 1, t_lit_int(180))), "3.141592653589793");
    CHECK_EQ_STR(s_eval(t_call("signum", 1, t_lit_int(40))), "1.0");
    CHECK_EQ_STR(s_eval(t_call("cos", 1, t_lit_int(0))), "1.0");
    CHECK_EQ_STR(s_eval(t_call("acos", 1, t_lit_int(1))), "0.0");
    CHECK_EQ_STR(s_eval(t_call("acosh", 1, t_lit_int(1))), "0.0");
    /* doctests: asin(2) NaN (asin#4), cot(0.0) Infinity (cot#3), sqrt(-1) NaN (sqrt#1),
       sign(NaN) NaN (sign#1), e() / pi() (e#1, pi#1) */
    CHECK_EQ_STR(s_eval(t_call("asin", 1, t_lit_int(2))), "NaN");
    CHECK_EQ_STR(s_eval(t_call("cot", 1, t_lit_double(0.0))), "Infinity");
    CHECK_EQ_STR(s_eval(t_call("sqrt", 1, t_lit_int(-1))), "NaN");
    CHECK_EQ_STR(s_eval(t_call("sign", 1, t_lit_double(NAN))), "NaN");
    CHECK_EQ_STR(s_eval(t_call("sign", 1, t_lit_int(-5))), "-1.0");
    CHECK_EQ_STR(s_eval(t_call("e", 0)), "2.718281828459045");
    CHECK_EQ_STR(s_eval(t_call("pi", 0)), "3.141592653589793");
    t_end();
}

/* Logarithms are NULL at and below their asymptote (log10#4: -1.0 and 0.0 give NULL, NaN gives
   NaN; ln#1: ln(0) NULL), so they are nullable even over non-null input. */
EM_TEST(math_log_nulls)
{
    t_begin(true);
    CHECK_EQ_STR(s_eval(t_call("log10", 1, t_lit_double(-1.0))), "NULL");
    CHECK_EQ_STR(s_eval(t_call("log10", 1, t_lit_double(0.0))), "NULL");
    CHECK_EQ_STR(s_eval(t_call("log10", 1, t_lit_double(NAN))), "NaN");
    CHECK_EQ_STR(s_eval(t_call("ln", 1, t_lit_int(0))), "NULL");
    CHECK_EQ_STR(s_eval(t_call("log1p", 1, t_lit_int(-1))), "NULL");
    CHECK_EQ_STR(s_eval(t_call("log", 2, t_lit_int(-1), t_lit_int(10))), "NULL");
    pl_expr *e = t_call("ln", 1, t_lit_int(1));
    CHECK(e && e->nullable);
    e = t_call("sqrt", 1, t_lit_int(1));
    CHECK(e && !e->nullable);
    /* log(x) is Logarithm(E(), x): named LOG(E(), x) */
    e = t_call("log", 1, t_lit_int(1));
    CHECK_EQ_STR(s_sql(e), "log(e(), 1)");
    t_end();
}

/* Math functions take DOUBLE (ImplicitCastInputTypes): strings are cast, booleans rejected
   under ANSI with UNEXPECTED_INPUT_TYPE. */
EM_TEST(math_input_types)
{
    t_begin(true);
    CHECK_EQ_STR(s_eval(t_call("sqrt", 1, t_lit_str("16"))), "4.0");
    CHECK(t_call("sqrt", 1, t_lit_bool(true)) == NULL);
    CHECK_EQ_STR(T.err.error_class, "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE");
    CHECK_EQ_STR(s_param("requiredType"), "\"DOUBLE\"");
    CHECK_EQ_STR(s_param("paramIndex"), "first");
    CHECK_EQ_STR(s_param("inputType"), "\"BOOLEAN\"");
    CHECK_EQ_STR(s_type(t_call("sqrt", 1, t_lit_int(1))), "double");
    t_end();
}

/* mathExpressions.scala examples: ceil(-0.1) 0, ceil(5) 5, ceil(3.1411, 3) 3.142,
   ceil(3.1411, -3) 1000, floor(-0.1) -1, floor(5) 5, floor(3.1411, 3) 3.141,
   floor(3.1411, -3) 0; doctests ceiling#3 ceiling(-0.1, 1) = -0.1, floor#3
   floor(2.1267, 2) = 2.12. */
EM_TEST(math_ceil_floor)
{
    t_begin(true);
    CHECK_EQ_STR(s_eval(t_call("ceil", 1, s_lit_dec("-0.1", 1, 1))), "0");
    CHECK_EQ_STR(s_type(t_call("ceil", 1, s_lit_dec("-0.1", 1, 1))), "decimal(1,0)");
    CHECK_EQ_STR(s_eval(t_call("ceil", 1, t_lit_int(5))), "5");
    CHECK_EQ_STR(s_type(t_call("ceil", 1, t_lit_int(5))), "bigint");
    CHECK_EQ_STR(s_eval(t_call("ceil", 2, s_lit_dec("3.1411", 5, 4), t_lit_int(3))), "3.142");
    CHECK_EQ_STR(s_eval(t_call("ceil", 2, s_lit_dec("3.1411", 5, 4), t_lit_int(-3))), "1000");
    CHECK_EQ_STR(s_eval(t_call("floor", 1, s_lit_dec("-0.1", 1, 1))), "-1");
    CHECK_EQ_STR(s_eval(t_call("floor", 1, t_lit_int(5))), "5");
    CHECK_EQ_STR(s_eval(t_call("floor", 2, s_lit_dec("3.1411", 5, 4), t_lit_int(3))), "3.141");
    CHECK_EQ_STR(s_eval(t_call("floor", 2, s_lit_dec("3.1411", 5, 4), t_lit_int(-3))), "0");
    CHECK_EQ_STR(s_eval(t_call("ceiling", 2, t_lit_double(-0.1), t_lit_int(1))), "-0.1");
    CHECK_EQ_STR(s_eval(t_call("floor", 2, t_lit_double(2.1267), t_lit_int(2))), "2.12");
    CHECK_EQ_STR(s_eval(t_call("ceiling", 1, t_lit_double(-0.1))), "0");
    CHECK_EQ_STR(s_eval(t_call("floor", 1, t_lit_double(2.5))), "2");
    /* the scale must be a foldable INT (CeilFloorExpressionBuilderBase) */
    CHECK(t_call("ceil", 2, t_lit_double(1.5), t_lit_long(1)) == NULL);
    CHECK_EQ_STR(T.err.error_class, "NON_FOLDABLE_ARGUMENT");
    CHECK_EQ_STR(s_param("funcName"), "`ceil`");
    CHECK_EQ_STR(s_param("paramType"), "\"INT\"");
    t_end();
}

/* Round / BRound: docs round(2.5, 0) 3, bround(2.5, 0) 2, bround(25, -1) 20; doctests round#1
   round(2.5) named "round(2.5, 0)" = 3.0, round#3 round(2.1267, 2) = 2.13, bround#1 = 2.0.
   math.sql.out: round(25y, -1) 30 (tinyint), round(127y, -1) ARITHMETIC_OVERFLOW "Overflow".
   Doubles round on their decimal digits (BigDecimal(Double.toString)). */
EM_TEST(math_round)
{
    t_begin(true);
    pl_expr *e = t_call("round", 1, t_lit_double(2.5));
    CHECK_EQ_STR(s_sql(e), "round(2.5, 0)");
    CHECK_EQ_STR(s_eval(e), "3.0");
    CHECK_EQ_STR(s_eval(t_call("round", 2, t_lit_double(2.1267), t_lit_int(2))), "2.13");
    CHECK_EQ_STR(s_eval(t_call("bround", 1, t_lit_double(2.5))), "2.0");
    CHECK_EQ_STR(s_eval(t_call("bround", 2, t_lit_double(2.1267), t_lit_int(2))), "2.13");
    CHECK_EQ_STR(s_eval(t_call("round", 2, s_lit_dec("2.5", 2, 1), t_lit_int(0))), "3");
    CHECK_EQ_STR(s_type(t_call("round", 2, s_lit_dec("2.5", 2, 1), t_lit_int(0))), "decimal(2,0)");
    CHECK_EQ_STR(s_eval(t_call("bround", 2, s_lit_dec("2.5", 2, 1), t_lit_int(0))), "2");
    CHECK_EQ_STR(s_eval(t_call("bround", 2, t_lit_int(25), t_lit_int(-1))), "20");
    CHECK_EQ_STR(s_eval(t_call("round", 2, t_lit_int(25), t_lit_int(-1))), "30");
    CHECK_EQ_STR(s_eval(t_call("round", 2, t_lit_double(2.675), t_lit_int(2))), "2.68");
    CHECK_EQ_STR(s_eval(t_call("round", 2, t_lit_double(-0.4), t_lit_int(0))), "0.0");
    pl_expr *b127 = t_cast(t_lit_int(127), ty_byte());
    CHECK_EQ_STR(s_eval(t_call("round", 2, b127, t_lit_int(-1))), "(error)");
    CHECK_EQ_STR(T.err.error_class, "ARITHMETIC_OVERFLOW");
    CHECK_EQ_STR(s_param("message"), "Overflow");
    /* rint: doctests rint#1 rint(10.6) 11.0, rint#2 rint(10.3) 10.0 */
    CHECK_EQ_STR(s_eval(t_call("rint", 1, t_lit_double(10.6))), "11.0");
    CHECK_EQ_STR(s_eval(t_call("rint", 1, t_lit_double(10.3))), "10.0");
    t_end();
    t_begin(false);
    /* nonansi/math.sql.out: round(127y, -1) wraps to -126 */
    CHECK_EQ_STR(s_eval(t_call("round", 2, t_cast(t_lit_int(127), ty_byte()), t_lit_int(-1))),
                 "-126");
    t_end();
}

/* factorial docs: factorial(5) 120; out of [0, 20] NULL. width_bucket doctest#2 rows. */
EM_TEST(math_factorial_width_bucket)
{
    t_begin(true);
    CHECK_EQ_STR(s_eval(t_call("factorial", 1, t_lit_int(5))), "120");
    CHECK_EQ_STR(s_eval(t_call("factorial", 1, t_lit_int(21))), "NULL");
    CHECK_EQ_STR(s_eval(t_call("factorial", 1, t_lit_int(-1))), "NULL");
    CHECK_EQ_STR(s_eval(t_call("width_bucket", 4, t_lit_double(5.3), t_lit_double(0.2),
                               t_lit_double(10.6), t_lit_int(5))),
                 "3");
    CHECK_EQ_STR(s_eval(t_call("width_bucket", 4, t_lit_double(-2.1), t_lit_double(1.3),
                               t_lit_double(3.4), t_lit_int(3))),
                 "0");
    CHECK_EQ_STR(s_eval(t_call("width_bucket", 4, t_lit_double(8.1), t_lit_double(0.0),
                               t_lit_double(5.7), t_lit_int(4))),
                 "5");
    CHECK_EQ_STR(s_eval(t_call("width_bucket", 4, t_lit_double(-0.9), t_lit_double(5.2),
                               t_lit_double(0.5), t_lit_int(2))),
                 "3");
    t_end();
}

/* bin / hex / unhex / conv docs: bin(13) 1101, bin(-13) 64 bits ...0011, hex(17) 11,
   hex('Spark SQL') 537061726B2053514C, conv('100', 2, 10) 4, conv(-10, 16, -10) -16;
   doctests hex#2, unhex#2 ([41 42 43]), conv#2 (010101 base 2 -> 15 base 16). */
EM_TEST(math_bin_hex_conv)
{
    t_begin(true);
    CHECK_EQ_STR(s_eval(t_call("bin", 1, t_lit_int(13))), "1101");
    CHECK_EQ_STR(s_eval(t_call("bin", 1, t_lit_int(-13))),
                 "1111111111111111111111111111111111111111111111111111111111110011");
    CHECK_EQ_STR(s_eval(t_call("hex", 1, t_lit_int(17))), "11");
    CHECK_EQ_STR(s_eval(t_call("hex", 1, t_lit_str("Spark SQL"))), "537061726B2053514C");
    CHECK_EQ_STR(s_eval(t_call("unhex", 1, t_lit_str("414243"))), "[41 42 43]");
    CHECK_EQ_STR(s_eval(t_call("unhex", 1, t_lit_str("GG"))), "NULL");
    CHECK_EQ_STR(s_eval(t_call("unhex", 1, t_lit_str("123"))), "[01 23]");
    CHECK_EQ_STR(s_eval(t_call("conv", 3, t_lit_str("100"), t_lit_int(2), t_lit_int(10))), "4");
    CHECK_EQ_STR(s_eval(t_call("conv", 3, t_lit_int(-10), t_lit_int(16), t_lit_int(-10))), "-16");
    CHECK_EQ_STR(s_eval(t_call("conv", 3, t_lit_str("010101"), t_lit_int(2), t_lit_int(16))), "15");
    /* 18446744073709551615 is 2^64-1; base 10 to 16 */
    CHECK_EQ_STR(s_eval(t_call("conv", 3, t_lit_str("-1"), t_lit_int(10), t_lit_int(16))),
                 "FFFFFFFFFFFFFFFF");
    t_end();
}

/* bitwise docs: 3 & 5 = 1, 3 | 5 = 7, 3 ^ 5 = 6, ~ 0 = -1, shiftleft(2, 1) 4, shiftright(4, 1)
   2, shiftrightunsigned(4, 1) 2, bit_count(0) 0, bit_get(11, 0) 1, bit_get(11, 2) 0;
   doctest getbit#1 (getbit(2, 1) = 1). */
EM_TEST(math_bitwise)
{
    t_begin(true);
    CHECK_EQ_STR(s_eval(t_call("&", 2, t_lit_int(3), t_lit_int(5))), "1");
    CHECK_EQ_STR(s_eval(t_call("|", 2, t_lit_int(3), t_lit_int(5))), "7");
    CHECK_EQ_STR(s_eval(t_call("^", 2, t_lit_int(3), t_lit_int(5))), "6");
    CHECK_EQ_STR(s_eval(t_call("~", 1, t_lit_int(0))), "-1");
    CHECK_EQ_STR(s_eval(t_call("shiftleft", 2, t_lit_int(2), t_lit_int(1))), "4");
    CHECK_EQ_STR(s_eval(t_call("shiftright", 2, t_lit_int(4), t_lit_int(1))), "2");
    CHECK_EQ_STR(s_eval(t_call("shiftrightunsigned", 2, t_lit_int(4), t_lit_int(1))), "2");
    CHECK_EQ_STR(s_eval(t_call("shiftrightunsigned", 2, t_lit_int(-1), t_lit_int(28))), "15");
    CHECK_EQ_STR(s_eval(t_call("bit_count", 1, t_lit_int(0))), "0");
    CHECK_EQ_STR(s_eval(t_call("bit_get", 2, t_lit_int(11), t_lit_int(0))), "1");
    CHECK_EQ_STR(s_eval(t_call("bit_get", 2, t_lit_int(11), t_lit_int(2))), "0");
    CHECK_EQ_STR(s_eval(t_call("getbit", 2, t_lit_int(2), t_lit_int(1))), "1");
    CHECK_EQ_STR(s_type(t_call("getbit", 2, t_lit_int(2), t_lit_int(1))), "tinyint");
    CHECK_EQ_STR(s_eval(t_call("bit_get", 2, t_lit_int(11), t_lit_int(32))), "(error)");
    CHECK_EQ_STR(T.err.error_class, "INVALID_PARAMETER_VALUE.BIT_POSITION_RANGE");
    CHECK_EQ_STR(s_param("upper"), "32");
    CHECK_EQ_STR(s_param("invalidValue"), "32");
    em_error_clear(&T.err);
    CHECK(t_call("&", 2, t_lit_double(1.0), t_lit_double(2.0)) == NULL);
    CHECK_EQ_STR(T.err.error_class, "DATATYPE_MISMATCH.BINARY_OP_WRONG_TYPE");
    t_end();
}

/* try_arithmetic.sql.out: try_add(1, 1) 2, try_add(2147483647, 1) NULL, try_divide(1, 0)
   NULL, try_divide(1, 0.5) 2.000000, try_multiply(2147483647, -2) NULL; doctests
   try_subtract#11 (legacy session: NULL on long overflow), try_mod#1. */
EM_TEST(math_try)
{
    t_begin(true);
    CHECK_EQ_STR(s_eval(t_call("try_add", 2, t_lit_int(1), t_lit_int(1))), "2");
    CHECK_EQ_STR(s_eval(t_call("try_add", 2, t_lit_int(2147483647), t_lit_int(1))), "NULL");
    CHECK_EQ_STR(s_eval(t_call("try_divide", 2, t_lit_int(1), t_lit_int(0))), "NULL");
    CHECK_EQ_STR(s_eval(t_call("try_divide", 2, t_lit_int(1), s_lit_dec("0.5", 1, 1))), "2.000000");
    CHECK_EQ_STR(s_eval(t_call("try_multiply", 2, t_lit_int(2147483647), t_lit_int(-2))), "NULL");
    CHECK_EQ_STR(s_eval(t_call("try_mod", 2, t_lit_int(3), t_lit_int(2))), "1");
    CHECK_EQ_STR(s_eval(t_call("try_mod", 2, t_lit_int(1234), t_lit_int(0))), "NULL");
    CHECK_EQ_STR(s_sql(t_call("try_add", 2, t_lit_int(1), t_lit_long(1))), "try_add(1, 1)");
    t_end();
    t_begin(false);
    CHECK_EQ_STR(s_eval(t_call("try_subtract", 2, t_lit_long(-INT64_MAX), t_lit_long(INT64_MAX))),
                 "NULL");
    CHECK_EQ_STR(s_eval(t_call("try_divide", 2, t_lit_int(6000), t_lit_int(15))), "400.0");
    t_end();
}

/* rand / randn doctests (rand#2, randn#2: seed 42, one partition) and randstr#1. */
EM_TEST(misc_random)
{
    t_begin(true);
    pl_node *r = t_range(0, 2, 1);
    const char *got = s_eval_rows(r, t_call("rand", 1, t_lit_int(42)));
    CHECK(strncmp(got, "0.619189370225", 14) == 0);
    CHECK(strstr(got, "|0.5096018842446") != NULL);
    got = s_eval_rows(t_range(0, 2, 1), t_call("randn", 1, t_lit_int(42)));
    CHECK(strncmp(got, "2.384479054241", 14) == 0);
    CHECK(strstr(got, "|0.1920934041293") != NULL);
    got = s_eval_rows(t_range(0, 3, 1), t_call("randstr", 2, t_lit_int(16), t_lit_int(3)));
    CHECK_EQ_STR(got, "nurJIpH4cmmMnsCG|fl9YtT5m01trZtIt|PD19rAgscTHS7qQZ");
    pl_expr *e = t_call("rand", 0);
    CHECK(e && !e->nullable && e->fn && !e->fn->deterministic);
    CHECK_EQ_STR(s_sql(e), "rand()");
    t_end();
}

/* typeof (doctest typeof#2: boolean, bigint, double, string), greatest / least docs
   (greatest(10, 9, 2, 4, 3) 10, least(...) 2; NULLs skipped), nanvl doctest#2,
   nullifzero / zeroifnull doctests. */
EM_TEST(misc_functions)
{
    t_begin(true);
    CHECK_EQ_STR(s_eval(t_call("typeof", 1, t_lit_bool(true))), "boolean");
    CHECK_EQ_STR(s_eval(t_call("typeof", 1, t_lit_long(1))), "bigint");
    CHECK_EQ_STR(s_eval(t_call("typeof", 1, s_lit_dec("1.5", 3, 1))), "decimal(3,1)");
    CHECK_EQ_STR(s_eval(t_call("greatest", 5, t_lit_int(10), t_lit_int(9), t_lit_int(2),
                               t_lit_int(4), t_lit_int(3))),
                 "10");
    CHECK_EQ_STR(s_eval(t_call("least", 5, t_lit_int(10), t_lit_int(9), t_lit_int(2), t_lit_int(4),
                               t_lit_int(3))),
                 "2");
    CHECK_EQ_STR(s_eval(t_call("greatest", 2, t_lit_null(ty_int()), t_lit_int(3))), "3");
    CHECK_EQ_STR(s_type(t_call("greatest", 2, t_lit_int(1), t_lit_double(2.5))), "double");
    CHECK(t_call("greatest", 1, t_lit_int(1)) == NULL);
    CHECK_EQ_STR(T.err.error_class, "WRONG_NUM_ARGS.WITHOUT_SUGGESTION");
    CHECK_EQ_STR(s_param("expectedNum"), "> 1");
    em_error_clear(&T.err);
    CHECK(t_call("greatest", 2, t_lit_int(1), t_lit_str("a")) == NULL);
    CHECK_EQ_STR(T.err.error_class, "DATATYPE_MISMATCH.DATA_DIFF_TYPES");
    CHECK_EQ_STR(s_eval(t_call("nanvl", 2, t_lit_double(NAN), t_lit_double(2.0))), "2.0");
    CHECK_EQ_STR(s_eval(t_call("nanvl", 2, t_lit_double(1.0), t_lit_double(NAN))), "1.0");
    CHECK_EQ_STR(s_eval(t_call("nullifzero", 1, t_lit_int(0))), "NULL");
    CHECK_EQ_STR(s_eval(t_call("nullifzero", 1, t_lit_int(1))), "1");
    CHECK_EQ_STR(s_eval(t_call("zeroifnull", 1, t_lit_null(ty_int()))), "0");
    CHECK_EQ_STR(s_eval(t_call("zeroifnull", 1, t_lit_int(1))), "1");
    t_end();
}

int main(int c, char **v)
{
    return em_test_main(c, v);
}
