/*
 * test_sql_expr: expressions parsed into plan IR, checked through sql_dump_expr. Expected
 * shapes follow Spark's AstBuilder (sql/catalyst/.../parser/AstBuilder.scala) and grammar
 * (SqlBaseParser.g4) as cited per case; operator names are the ones PySpark's Column sends in
 * unresolved_function (python/pyspark/sql/connect/column.py), see src/sql/README.md.
 */
#include "sql_test_util.h"

/* Precedence: SqlBaseParser.g4 valueExpression lists * / % DIV above + - ||, then shifts,
   &, ^, |, comparison; booleanExpression puts NOT above AND above OR. */
EM_TEST(expr_precedence)
{
    CHECK_EQ_STR(st_expr("1 + 2 * 3"), "+(1:int, *(2:int, 3:int))");
    CHECK_EQ_STR(st_expr("(1 + 2) * 3"), "*(+(1:int, 2:int), 3:int)");
    CHECK_EQ_STR(st_expr("a - b - c"), "-(-(a, b), c)");
    CHECK_EQ_STR(st_expr("a | b ^ c & d"), "|(a, ^(b, &(c, d)))");
    CHECK_EQ_STR(st_expr("a << 1 + 2"), "<<(a, +(1:int, 2:int))");
    CHECK_EQ_STR(st_expr("a + 1 = b"), "==(+(a, 1:int), b)");
    CHECK_EQ_STR(st_expr("a = b AND c OR d"), "or(and(==(a, b), c), d)");
    CHECK_EQ_STR(st_expr("NOT a AND b"), "and(not(a), b)");
    CHECK_EQ_STR(st_expr("NOT a = b"), "not(==(a, b))");
    CHECK_EQ_STR(st_expr("! a"), "not(a)");
    CHECK_EQ_STR(st_expr("a || b || c"), "concat(concat(a, b), c)"); /* Concat */
    CHECK_EQ_STR(st_expr("a DIV b"), "div(a, b)");                   /* IntegralDivide */
    CHECK_EQ_STR(st_expr("a % b"), "%(a, b)");
    CHECK_EQ_STR(st_expr("-a * b"), "*(-(a), b)"); /* arithmeticUnary binds tighter */
    CHECK_EQ_STR(st_expr("~a"), "~(a)");
    CHECK_EQ_STR(st_expr("+a"), "positive(a)"); /* UnaryPositive */
    CHECK_EQ_STR(st_expr("a >> 2 >>> 1"), ">>>(>>(a, 2:int), 1:int)");
}

/* AstBuilder.visitLogicalBinary builds a balanced tree for a chain of the same operator. */
EM_TEST(expr_balanced_and_or)
{
    CHECK_EQ_STR(st_expr("a AND b AND c"), "and(and(a, b), c)");
    CHECK_EQ_STR(st_expr("a OR b OR c OR d"), "or(or(a, b), or(c, d))");
    CHECK_EQ_STR(st_expr("a OR b OR c OR d OR e"), "or(or(or(a, b), c), or(d, e))");
}

/* AstBuilder.visitComparison: = and == are EqualTo, <> and != are Not(EqualTo), <=>. */
EM_TEST(expr_comparisons)
{
    CHECK_EQ_STR(st_expr("a = 1"), "==(a, 1:int)");
    CHECK_EQ_STR(st_expr("a == 1"), "==(a, 1:int)");
    CHECK_EQ_STR(st_expr("a <> 1"), "not(==(a, 1:int))");
    CHECK_EQ_STR(st_expr("a != 1"), "not(==(a, 1:int))");
    CHECK_EQ_STR(st_expr("a <=> 1"), "<=>(a, 1:int)");
    CHECK_EQ_STR(st_expr("a < 1"), "<(a, 1:int)");
    CHECK_EQ_STR(st_expr("a <= 1"), "<=(a, 1:int)");
    CHECK_EQ_STR(st_expr("a !> 1"), "<=(a, 1:int)"); /* LTE: '<=' | '!>' */
    CHECK_EQ_STR(st_expr("a > 1"), ">(a, 1:int)");
    CHECK_EQ_STR(st_expr("a >= 1"), ">=(a, 1:int)");
    CHECK_EQ_STR(st_expr("a !< 1"), ">=(a, 1:int)"); /* GTE: '>=' | '!<' */
}

/* AstBuilder.withPredicate. */
EM_TEST(expr_predicates)
{
    CHECK_EQ_STR(st_expr("a IS NULL"), "isNull(a)");
    CHECK_EQ_STR(st_expr("a IS NOT NULL"), "isNotNull(a)");
    CHECK_EQ_STR(st_expr("a IS TRUE"), "<=>(a, true:boolean)");
    CHECK_EQ_STR(st_expr("a IS NOT FALSE"), "not(<=>(a, false:boolean))");
    CHECK_EQ_STR(st_expr("a IS UNKNOWN"), "isUnknown(a)");
    CHECK_EQ_STR(st_expr("a IS DISTINCT FROM b"), "not(<=>(a, b))");
    CHECK_EQ_STR(st_expr("a IS NOT DISTINCT FROM b"), "<=>(a, b)");
    CHECK_EQ_STR(st_expr("a IN (1, 2)"), "in(a, 1:int, 2:int)");
    CHECK_EQ_STR(st_expr("a NOT IN (1)"), "not(in(a, 1:int))");
    /* Spark 4 keeps BETWEEN as the function between (legacyDuplicateBetweenInput off). */
    CHECK_EQ_STR(st_expr("a BETWEEN 1 AND 2"), "between(a, 1:int, 2:int)");
    CHECK_EQ_STR(st_expr("a NOT BETWEEN 1 AND 2 + 3"), "not(between(a, 1:int, +(2:int, 3:int)))");
    CHECK_EQ_STR(st_expr("a BETWEEN 1 AND 2 AND b"), "and(between(a, 1:int, 2:int), b)");
    CHECK_EQ_STR(st_expr("a LIKE 'x%'"), "like(a, 'x%':string)");
    CHECK_EQ_STR(st_expr("a NOT ILIKE 'x%'"), "not(ilike(a, 'x%':string))");
    CHECK_EQ_STR(st_expr("a LIKE 'x/%' ESCAPE '/'"), "like(a, 'x/%':string, '/':string)");
    CHECK_EQ_STR(st_expr("a RLIKE 'x+'"), "rlike(a, 'x+':string)");
    CHECK_EQ_STR(st_expr("a REGEXP 'x+'"), "rlike(a, 'x+':string)"); /* RLIKE: 'RLIKE' | 'REGEXP' */
    /* A predicate applies to a whole valueExpression: (a = b) IS NULL. */
    CHECK_EQ_STR(st_expr("a = b IS NULL"), "isNull(==(a, b))");
}

/* AstBuilder number rules; types as literals.sql.out's schemas show them. */
EM_TEST(expr_numeric_literals)
{
    CHECK_EQ_STR(st_expr("1"), "1:int");
    CHECK_EQ_STR(st_expr("-1"), "-1:int");
    CHECK_EQ_STR(st_expr("2147483647"), "2147483647:int");
    CHECK_EQ_STR(st_expr("-2147483648"), "-2147483648:int");
    CHECK_EQ_STR(st_expr("2147483648"), "2147483648:bigint");
    CHECK_EQ_STR(st_expr("-9223372036854775808"), "-9223372036854775808:bigint");
    CHECK_EQ_STR(st_expr("9223372036854775808"), "9223372036854775808:decimal(19,0)");
    CHECK_EQ_STR(st_expr("-9223372036854775809"), "-9223372036854775809:decimal(19,0)");
    CHECK_EQ_STR(st_expr("1Y"), "1:tinyint");
    CHECK_EQ_STR(st_expr("-128Y"), "-128:tinyint");
    CHECK_EQ_STR(st_expr("32767S"), "32767:smallint");
    CHECK_EQ_STR(st_expr("2147483648L"), "2147483648:bigint");
    CHECK_EQ_STR(st_expr("1.5"), "1.5:decimal(2,1)");
    CHECK_EQ_STR(st_expr("0.3"), "0.3:decimal(1,1)");
    CHECK_EQ_STR(st_expr("-.18"), "-0.18:decimal(2,2)");
    CHECK_EQ_STR(st_expr(".1111"), "0.1111:decimal(4,4)");
    CHECK_EQ_STR(st_expr("3.14"), "3.14:decimal(3,2)");
    CHECK_EQ_STR(st_expr("1.5D"), "1.5:double");
    CHECK_EQ_STR(st_expr("1e10"), "10000000000:double");
    CHECK_EQ_STR(st_expr("9.e+1"), "90:double");
    CHECK_EQ_STR(st_expr(".1e5"), "10000:double");
    CHECK_EQ_STR(st_expr("1.2F"), "1.20000005:float");
    CHECK_EQ_STR(st_expr("123.08BD"), "123.08:decimal(5,2)");
    CHECK_EQ_STR(st_expr("123.0E-28BD"), "0.00000000000000000000000001230:decimal(29,29)");
    CHECK_EQ_STR(st_expr("90912830918230182310293801923652346786BD"),
                 "90912830918230182310293801923652346786:decimal(38,0)");
    /* Decimal.set: a negative scale folds into the precision. */
    CHECK_EQ_STR(st_expr("1.0E5BD"), "100000:decimal(6,0)");
    /* Digits then letters lex as an identifier (IDENTIFIER is longest), 1L etc. do not. */
    CHECK_EQ_STR(st_expr("1a"), "`1a`");
    CHECK_EQ_STR(st_expr("0.3 F"), "0.3:decimal(1,1) AS F"); /* literals.sql: alias F */
}

/* SqlBaseLexer.g4: longest match, ties to the rule listed first (numbers before IDENTIFIER);
   a literal with a '.' must not be followed by [A-Z0-9_] (isValidDecimal). */
EM_TEST(expr_lexer_rules)
{
    CHECK_EQ_STR(st_expr("1L"), "1:bigint");
    CHECK_EQ_STR(st_expr("1l"), "1:bigint"); /* UpperCaseCharStream: case-insensitive */
    CHECK_EQ_STR(st_expr("1Lx"), "`1Lx`");
    CHECK_EQ_STR(st_expr("1e3"), "1000:double");
    CHECK_EQ_STR(st_expr("1e3x"), "`1e3x`");
    CHECK_EQ_STR(st_expr("10D"), "10:double");
    CHECK_EQ_STR(st_expr("2bd"), "2:decimal(1,0)");
    /* "1.5x": 1, then .5x is not a decimal: DOT and the identifier 5x (a field of 1). */
    CHECK_EQ_STR(st_expr("1.5x"), "1:int['5x':string]");
    CHECK_EQ_STR(st_expr("a.b1"), "a.b1");
    CHECK_EQ_STR(st_expr("SeLeCt"), "SeLeCt"); /* a keyword used as a column keeps its case */
    CHECK_EQ_STR(st_expr("a--b\n+c"), "+(a, c)");
    CHECK_EQ_STR(st_expr("a/*x/*y*/z*/+c"), "+(a, c)");
    CHECK_EQ_STR(st_expr("a->a"), "lambda(a -> var:a)"); /* ARROW, not MINUS GT */
}

/* SparkParserUtils.unescapeSQLString; literals.sql.out. */
EM_TEST(expr_string_literals)
{
    CHECK_EQ_STR(st_expr("'hello'"), "'hello':string");
    CHECK_EQ_STR(st_expr("\"Hello Peter!\""), "'Hello Peter!':string");
    CHECK_EQ_STR(st_expr("'hello' 'world'"), "'helloworld':string");
    CHECK_EQ_STR(st_expr("'hello' \" \" 'lee'"), "'hello lee':string");
    CHECK_EQ_STR(st_expr("'it''s'"), "'it\\'s':string");
    CHECK_EQ_STR(st_expr("\"hello 'peter'\""), "'hello \\'peter\\'':string");
    CHECK_EQ_STR(st_expr("'a\\nb\\tc'"), "'a\\x0ab\\x09c':string");
    CHECK_EQ_STR(st_expr("'\\110\\145\\154\\154\\157\\041'"), "'Hello!':string");
    CHECK_EQ_STR(st_expr("'\\u0057\\u006F\\u0072\\u006C\\u0064\\u0020\\u003A\\u0029'"),
                 "'World :)':string");
    CHECK_EQ_STR(st_expr("'pattern\\%'"), "'pattern\\\\%':string"); /* \% stays \% */
    CHECK_EQ_STR(st_expr("'\\''"), "'\\'':string");
    CHECK_EQ_STR(st_expr("R'\\n'"), "'\\\\n':string"); /* raw strings keep backslashes */
    CHECK_EQ_STR(st_expr("'\\uD83D\\uDE00'"), "'\xF0\x9F\x98\x80':string"); /* surrogates */
    CHECK_EQ_STR(st_expr("'x' -- comment\n 'y'"), "'xy':string");
    CHECK_EQ_STR(st_expr("''"), "'':string");
    CHECK_EQ_STR(st_expr("X''"), "X'':binary");
}

EM_TEST(expr_other_literals)
{
    CHECK_EQ_STR(st_expr("NULL"), "NULL:void");
    CHECK_EQ_STR(st_expr("nUll"), "NULL:void");
    CHECK_EQ_STR(st_expr("tRue"), "true:boolean");
    CHECK_EQ_STR(st_expr("FALSE"), "false:boolean");
    /* Hex.unhex pads an odd digit count: X'1' is X'01' (literals.sql.out). */
    CHECK_EQ_STR(st_expr("x'2379ACFe'"), "X'2379ACFE':binary");
    CHECK_EQ_STR(st_expr("X'1'"), "X'01':binary");
    /* Datetime literals are folded by the analyzer (session time zone). */
    CHECK_EQ_STR(st_expr("dAte '2016-03-12'"), "DATE '2016-03-12'");
    CHECK_EQ_STR(st_expr("TIMESTAMP_NTZ '2016-03-12 01:02:03'"),
                 "TIMESTAMP_NTZ '2016-03-12 01:02:03'");
    CHECK_EQ_STR(st_expr("timestamp '2016-03-11 20:54:00.000'"),
                 "TIMESTAMP '2016-03-11 20:54:00.000'");
}

/* visitInterval: ANSI interval literals (spark.sql.legacy.interval.enabled false); values in
   months or microseconds; fields from the units written. */
EM_TEST(expr_interval_literals)
{
    CHECK_EQ_STR(st_expr("INTERVAL 1 DAY"), "86400000000:interval day");
    CHECK_EQ_STR(st_expr("INTERVAL '1' DAY"), "86400000000:interval day");
    CHECK_EQ_STR(st_expr("INTERVAL 2 HOURS 30 MINUTES"), "9000000000:interval hour to minute");
    CHECK_EQ_STR(st_expr("INTERVAL 1 YEAR 2 MONTHS"), "14:interval year to month");
    CHECK_EQ_STR(st_expr("INTERVAL -1 MONTH"), "-1:interval month");
    CHECK_EQ_STR(st_expr("INTERVAL 1.5 SECONDS"), "1500000:interval second");
    CHECK_EQ_STR(st_expr("INTERVAL 1 WEEK"), "604800000000:interval day");
    CHECK_EQ_STR(st_expr("INTERVAL '1-2' YEAR TO MONTH"), "14:interval year to month");
    CHECK_EQ_STR(st_expr("INTERVAL -'1-2' YEAR TO MONTH"), "-14:interval year to month");
    CHECK_EQ_STR(st_expr("INTERVAL '1 02:03:04.5' DAY TO SECOND"),
                 "93784500000:interval day to second");
    CHECK_EQ_STR(st_expr("INTERVAL '10:20' HOUR TO MINUTE"), "37200000000:interval hour to minute");
    CHECK_EQ_STR(st_expr("INTERVAL '1 day 2 hours'"), "93600000000:interval day to hour");
    /* +interval '1 day' has type interval day (literals.sql.out). */
    CHECK_EQ_STR(st_expr("+interval '1 day'"), "positive(86400000000:interval day)");
    /* A column named interval stays a column. */
    CHECK_EQ_STR(st_expr("interval + 1"), "+(interval, 1:int)");
}

/* Column references: visitColumnReference / visitDereference / visitStar. */
EM_TEST(expr_columns)
{
    CHECK_EQ_STR(st_expr("a"), "a");
    CHECK_EQ_STR(st_expr("a.b.c"), "a.b.c");
    CHECK_EQ_STR(st_expr("`a.b`.c"), "`a.b`.c");
    CHECK_EQ_STR(st_expr("`a``b`"), "`a``b`");
    CHECK_EQ_STR(st_expr("*"), "*");
    CHECK_EQ_STR(st_expr("t.*"), "t.*");
    CHECK_EQ_STR(st_expr("db.t.*"), "db.t.*");
    CHECK_EQ_STR(st_expr("a[0]"), "a[0:int]");
    CHECK_EQ_STR(st_expr("a[0].b"), "a[0:int]['b':string]"); /* UnresolvedExtractValue */
    CHECK_EQ_STR(st_expr("f(x).b"), "f(x)['b':string]");
    CHECK_EQ_STR(st_expr("(a).b"), "a.b");
    /* Keywords are identifiers by default (ansi.enforceReservedKeywords off). */
    CHECK_EQ_STR(st_expr("select + from"), "+(select, from)");
    CHECK_EQ_STR(st_expr("current_date"), "current_date"); /* visitCurrentLike, non-ANSI keywords */
    CHECK_EQ_STR(st_expr("current_date()"), "current_date()");
}

/* visitFunctionCall: COUNT(*) is COUNT(1); DISTINCT; named arguments. */
EM_TEST(expr_function_calls)
{
    CHECK_EQ_STR(st_expr("count(*)"), "count(1:int)");
    CHECK_EQ_STR(st_expr("COUNT(*)"), "COUNT(1:int)");
    CHECK_EQ_STR(st_expr("count(DISTINCT *)"), "count(DISTINCT *)");
    CHECK_EQ_STR(st_expr("count(DISTINCT a, b)"), "count(DISTINCT a, b)");
    CHECK_EQ_STR(st_expr("sum(ALL a)"), "sum(a)");
    CHECK_EQ_STR(st_expr("f()"), "f()");
    CHECK_EQ_STR(st_expr("db.f(1)"), "db.f(1:int)");
    CHECK_EQ_STR(st_expr("mask('AbCD123', upperChar => 'q')"),
                 "mask('AbCD123':string, upperChar => 'q':string)");
    CHECK_EQ_STR(st_expr("left('abc', 2)"), "left('abc':string, 2:int)");
    CHECK_EQ_STR(st_expr("array(1, 2)"), "array(1:int, 2:int)");
    CHECK_EQ_STR(st_expr("map('a', 1)"), "map('a':string, 1:int)");
    CHECK_EQ_STR(st_expr("struct(a, b AS c)"), "struct(a, b AS c)"); /* visitStruct */
    CHECK_EQ_STR(st_expr("(a, b)"), "struct(a, b)");                 /* visitRowConstructor */
    CHECK_EQ_STR(st_expr("(a AS x, b)"), "struct(a AS x, b)");
    /* First(x, ignoreNulls = true) is first(x, true). */
    CHECK_EQ_STR(st_expr("first(a IGNORE NULLS)"), "first(a, true:boolean)");
    CHECK_EQ_STR(st_expr("last(a) IGNORE NULLS"), "last(a, true:boolean)");
    CHECK_EQ_STR(st_expr("first(a) RESPECT NULLS"), "first(a)");
}

/* The special forms of primaryExpression. */
EM_TEST(expr_special_forms)
{
    CHECK_EQ_STR(st_expr("CASE WHEN a THEN 1 ELSE 2 END"), "when(a, 1:int, 2:int)");
    CHECK_EQ_STR(st_expr("CASE WHEN a THEN 1 WHEN b THEN 2 END"), "when(a, 1:int, b, 2:int)");
    /* visitSimpleCase: EqualTo(value, condition) per branch. */
    CHECK_EQ_STR(st_expr("CASE a WHEN 1 THEN 'x' WHEN 2 THEN 'y' ELSE 'z' END"),
                 "when(==(a, 1:int), 'x':string, ==(a, 2:int), 'y':string, 'z':string)");
    CHECK_EQ_STR(st_expr("CAST(a AS INT)"), "cast(a AS int)");
    CHECK_EQ_STR(st_expr("TRY_CAST(a AS bigint)"), "try_cast(a AS bigint)");
    CHECK_EQ_STR(st_expr("a::decimal(10,2)"), "cast(a AS decimal(10,2))");
    /* CharVarcharUtils.replaceCharVarcharWithStringForCast */
    CHECK_EQ_STR(st_expr("CAST(a AS varchar(10))"), "cast(a AS string)");
    CHECK_EQ_STR(st_expr("-1::string"), "cast(-1:int AS string)"); /* number is the primary */
    CHECK_EQ_STR(st_expr("EXTRACT(YEAR FROM d)"), "extract('YEAR':string, d)");
    CHECK_EQ_STR(st_expr("POSITION('a' IN s)"), "position('a':string, s)");
    CHECK_EQ_STR(st_expr("position('a', s)"), "position('a':string, s)");
    CHECK_EQ_STR(st_expr("SUBSTRING(s FROM 2 FOR 3)"), "substring(s, 2:int, 3:int)");
    CHECK_EQ_STR(st_expr("substr(s, 2)"), "substr(s, 2:int)");
    CHECK_EQ_STR(st_expr("TRIM(s)"), "TRIM(s)");
    CHECK_EQ_STR(st_expr("TRIM(BOTH 'x' FROM s)"), "trim('x':string, s)");
    CHECK_EQ_STR(st_expr("TRIM(LEADING FROM s)"), "ltrim(s)");
    CHECK_EQ_STR(st_expr("trim(TRAILING 'x' FROM s)"), "rtrim('x':string, s)");
    CHECK_EQ_STR(st_expr("trim('x' FROM s)"), "trim('x':string, s)");
    CHECK_EQ_STR(st_expr("OVERLAY(s PLACING 'ab' FROM 2 FOR 1)"),
                 "overlay(s, 'ab':string, 2:int, 1:int)");
    CHECK_EQ_STR(st_expr("timestampadd(HOUR, 1, ts)"), "timestampadd('HOUR':string, 1:int, ts)");
    CHECK_EQ_STR(st_expr("datediff(DAY, a, b)"), "timestampdiff('DAY':string, a, b)");
    CHECK_EQ_STR(st_expr("datediff(a, b)"), "datediff(a, b)");
    CHECK_EQ_STR(st_expr("a COLLATE UTF8_LCASE"), "collate(a, 'UTF8_LCASE':string)");
}

/* visitLambda: parameters become lambda variables in the body. */
EM_TEST(expr_lambdas)
{
    CHECK_EQ_STR(st_expr("x -> x + 1"), "lambda(x -> +(var:x, 1:int))");
    CHECK_EQ_STR(st_expr("transform(arr, (x, i) -> x + i + y)"),
                 "transform(arr, lambda(x, i -> +(+(var:x, var:i), y)))");
    CHECK_EQ_STR(st_expr("aggregate(a, 0, (acc, x) -> acc + x.f)"),
                 "aggregate(a, 0:int, lambda(acc, x -> +(var:acc, var:x.f)))");
    CHECK_EQ_STR(st_expr("filter(a, x -> exists(b, y -> y = x))"),
                 "filter(a, lambda(x -> exists(b, lambda(y -> ==(var:y, var:x)))))");
}

/* visitFunctionCall with OVER, visitWindowDef, visitFrameBound (PRECEDING is UnaryMinus). */
EM_TEST(expr_windows)
{
    CHECK_EQ_STR(st_expr("rank() OVER (PARTITION BY a ORDER BY b DESC)"),
                 "rank() OVER (PARTITION BY a ORDER BY b DESC NULLS LAST)");
    CHECK_EQ_STR(st_expr("sum(x) OVER (ORDER BY b ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)"),
                 "sum(x) OVER (ORDER BY b ASC NULLS FIRST ROWS BETWEEN -(1:int) AND CURRENT ROW)");
    CHECK_EQ_STR(
        st_expr("sum(x) OVER (ORDER BY b RANGE UNBOUNDED PRECEDING)"),
        "sum(x) OVER (ORDER BY b ASC NULLS FIRST RANGE BETWEEN UNBOUNDED AND CURRENT ROW)");
    CHECK_EQ_STR(st_expr("sum(x) OVER ()"), "sum(x) OVER ()");
    CHECK_EQ_STR(st_expr("sum(x) OVER (DISTRIBUTE BY a SORT BY b)"),
                 "sum(x) OVER (PARTITION BY a ORDER BY b ASC NULLS FIRST)");
}

/* namedExpression: expression (AS? (name | identifierList))? */
EM_TEST(expr_aliases)
{
    CHECK_EQ_STR(st_expr("count(*) AS n"), "count(1:int) AS n");
    CHECK_EQ_STR(st_expr("a b"), "a AS b");
    CHECK_EQ_STR(st_expr("a AS `x y`"), "a AS `x y`");
    CHECK_EQ_STR(st_expr("explode(m) AS (k, v)"), "explode(m) AS (k, v)");
    CHECK_EQ_STR(st_expr("a + 1 AS select"), "+(a, 1:int) AS select");
}

/* Parameter markers (spark.sql(query, args)): values are substituted where they appear. */
EM_TEST(expr_parameters)
{
    em_arena a;
    em_arena_init(&a, 0);
    em_error err;
    em_error_clear(&err);
    pl_expr *pos[2] = {pl_lit_int(&a, 7), pl_lit_string(&a, "s", 1)};
    sql_params prm = {2, pos, 0, NULL, NULL};
    pl_expr *e;
    CHECK_EQ_INT(sql_parse_expr_ex("? + ? ", NULL, &prm, &a, &e, &err), 0);
    em_str s;
    em_str_init(&s, 0);
    sql_dump_expr(e, &s);
    CHECK_EQ_STR(s.data, "+(7:int, 's':string)");
    CHECK(e->args[0] != pos[0]); /* copied, never shared */
    CHECK_EQ_INT(e->args[0]->src_start, 0);
    em_str_reset(&s);
    const char *names[1] = {"lim"};
    pl_expr *vals[1] = {pl_lit_long(&a, 10)};
    sql_params named = {0, NULL, 1, names, vals};
    CHECK_EQ_INT(sql_parse_expr_ex("a < :lim AND b > :lim", NULL, &named, &a, &e, &err), 0);
    sql_dump_expr(e, &s);
    CHECK_EQ_STR(s.data, "and(<(a, 10:bigint), >(b, 10:bigint))");
    /* UNBOUND_SQL_PARAMETER names the marker (positional: its offset). */
    CHECK_EQ_INT(sql_parse_expr_ex("a < :other", NULL, &named, &a, &e, &err), EM_EUSER);
    CHECK_EQ_STR(st_err_line(&err), "UNBOUND_SQL_PARAMETER|name=other");
    em_error_clear(&err);
    CHECK_EQ_STR(st_expr_err("1 + ?"), "UNBOUND_SQL_PARAMETER|name=_4");
    sql_params mixed = {2, pos, 1, names, vals};
    CHECK_EQ_INT(sql_parse_expr_ex("1", NULL, &mixed, &a, &e, &err), EM_EUSER);
    CHECK_EQ_STR(err.error_class, "INVALID_QUERY_MIXED_QUERY_PARAMETERS");
    em_str_release(&s);
    em_arena_release(&a);
}

/* Every expression carries its span in the text. */
EM_TEST(expr_spans)
{
    em_arena a;
    em_arena_init(&a, 0);
    em_error err;
    em_error_clear(&err);
    pl_expr *e;
    const char *text = "f(a, 12) + -3";
    CHECK_EQ_INT(sql_parse_expr(text, &a, &e, &err), 0);
    CHECK_EQ_INT(e->src_start, 0);
    CHECK_EQ_INT(e->src_stop, 12);
    CHECK_EQ_INT(e->args[0]->src_start, 0);
    CHECK_EQ_INT(e->args[0]->src_stop, 7);
    CHECK_EQ_INT(e->args[0]->args[1]->src_start, 5);
    CHECK_EQ_INT(e->args[0]->args[1]->src_stop, 6);
    CHECK_EQ_INT(e->args[1]->src_start, 11); /* -3 is one literal from the minus */
    CHECK_EQ_INT(e->args[1]->src_stop, 12);
    em_arena_release(&a);
}

/* Options: spark.sql.ansi.doubleQuotedIdentifiers, enforceReservedKeywords, timestampType. */
EM_TEST(expr_options)
{
    em_arena a;
    em_arena_init(&a, 0);
    em_error err;
    em_error_clear(&err);
    sql_opts o;
    sql_opts_default(&o);
    o.double_quoted_identifiers = true;
    pl_expr *e;
    CHECK_EQ_INT(sql_parse_expr_ex("\"a\"\"b\" + 'c'", &o, NULL, &a, &e, &err), 0);
    em_str s;
    em_str_init(&s, 0);
    sql_dump_expr(e, &s);
    CHECK_EQ_STR(s.data, "+(`a\"b`, 'c':string)");
    sql_opts_default(&o);
    o.enforce_reserved_keywords = true;
    CHECK_EQ_INT(sql_parse_expr_ex("select + 1", &o, NULL, &a, &e, &err), EM_EUSER);
    em_error_clear(&err);
    CHECK_EQ_INT(sql_parse_expr_ex("current_date", &o, NULL, &a, &e, &err), 0);
    em_str_reset(&s);
    sql_dump_expr(e, &s);
    CHECK_EQ_STR(s.data, "current_date()");
    em_str_release(&s);
    em_arena_release(&a);
}

int main(int c, char **v)
{
    return em_test_main(c, v);
}
