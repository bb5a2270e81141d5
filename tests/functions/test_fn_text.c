/*
 * test_fn_text: the string, regex, hashing and formatting scalar functions bound through the
 * registry and evaluated by the executor: values, result types, generated names, NULL
 * handling and error classes. Expectations cite Spark's function reference (the examples of
 * each ExpressionDescription), the PySpark doctest captures (spark-4.2-dev, by docstring) and
 * Spark's golden files (string-functions.sql.out, regexp-functions.sql.out,
 * url-functions.sql.out); error parameters come from QueryExecutionErrors /
 * QueryCompilationErrors.
 */
#include "fn_scalar_test.h"

/* Doctests: concat_ws#2 (concat_ws(-, s, d, xyz) = abcd-123-xyz), lpad#2 / rpad#2, lpad#5
   (binary pad X'7576' on a string: uvabcd), instr#2, locate#2/#3 (locate(b, s, 1)). */
EM_TEST(text_doctests)
{
    t_begin(true);
    pl_expr *e =
        t_call("concat_ws", 4, t_lit_str("-"), t_lit_str("abcd"), t_lit_int(123), t_lit_str("xyz"));
    CHECK_EQ_STR(s_eval(e), "abcd-123-xyz");
    CHECK_EQ_STR(s_eval(t_call("lpad", 3, t_lit_str("abcd"), t_lit_int(6), t_lit_str("#"))),
                 "##abcd");
    CHECK_EQ_STR(s_eval(t_call("rpad", 3, t_lit_str("xyz"), t_lit_int(6), t_lit_str("#"))),
                 "xyz###");
    CHECK_EQ_STR(s_eval(t_call("lpad", 3, t_lit_str("xyz"), t_lit_int(6), s_lit_bin("uv", 2))),
                 "uvuxyz");
    CHECK_EQ_STR(s_eval(t_call("instr", 2, t_lit_str("abcd"), t_lit_str("b"))), "2");
    CHECK_EQ_STR(s_eval(t_call("instr", 2, t_lit_str("xyz"), t_lit_str("b"))), "0");
    e = t_call("locate", 2, t_lit_str("b"), t_lit_str("abcd"));
    CHECK_EQ_STR(s_sql(e), "locate(b, abcd, 1)");
    CHECK_EQ_STR(s_eval(e), "2");
    CHECK_EQ_STR(s_eval(t_call("locate", 3, t_lit_str("b"), t_lit_str("abcd"), t_lit_int(3))), "0");
    /* string-functions.sql.out: locate with a NULL start is 0, not NULL */
    CHECK_EQ_STR(
        s_eval(t_call("locate", 3, t_lit_str("b"), t_lit_str("abcd"), t_lit_null(ty_int()))), "0");
    t_end();
}

/* Function reference examples: translate('AaBbCc', 'abc', '123') A1B2C3, initcap('sPark sql')
   Spark Sql, soundex('Miller') M460, levenshtein('kitten', 'sitting') 3 and with threshold 2
   -1, overlay('Spark SQL' PLACING '_' FROM 6) Spark_SQL, substring_index('www.apache.org',
   '.', 2) www.apache and -2 apache.org, ascii('222') 50, chr(65) A, split_part('11.12.13',
   '.', 3) 13, elt(1, 'scala', 'java') scala, find_in_set('ab','abc,b,ab,c,def') 3. */
EM_TEST(text_docs)
{
    t_begin(true);
    CHECK_EQ_STR(
        s_eval(t_call("translate", 3, t_lit_str("AaBbCc"), t_lit_str("abc"), t_lit_str("123"))),
        "A1B2C3");
    CHECK_EQ_STR(s_eval(t_call("initcap", 1, t_lit_str("sPark sql"))), "Spark Sql");
    CHECK_EQ_STR(s_eval(t_call("soundex", 1, t_lit_str("Miller"))), "M460");
    CHECK_EQ_STR(s_eval(t_call("levenshtein", 2, t_lit_str("kitten"), t_lit_str("sitting"))), "3");
    CHECK_EQ_STR(
        s_eval(t_call("levenshtein", 3, t_lit_str("kitten"), t_lit_str("sitting"), t_lit_int(2))),
        "-1");
    pl_expr *e = t_call("overlay", 3, t_lit_str("Spark SQL"), t_lit_str("_"), t_lit_int(6));
    CHECK_EQ_STR(s_sql(e), "overlay(Spark SQL, _, 6, -1)");
    CHECK_EQ_STR(s_eval(e), "Spark_SQL");
    CHECK_EQ_STR(s_eval(t_call("substring_index", 3, t_lit_str("www.apache.org"), t_lit_str("."),
                               t_lit_int(2))),
                 "www.apache");
    CHECK_EQ_STR(s_eval(t_call("substring_index", 3, t_lit_str("www.apache.org"), t_lit_str("."),
                               t_lit_int(-2))),
                 "apache.org");
    CHECK_EQ_STR(s_eval(t_call("ascii", 1, t_lit_str("222"))), "50");
    CHECK_EQ_STR(s_eval(t_call("chr", 1, t_lit_int(65))), "A");
    CHECK_EQ_STR(
        s_eval(t_call("split_part", 3, t_lit_str("11.12.13"), t_lit_str("."), t_lit_int(3))), "13");
    CHECK_EQ_STR(s_eval(t_call("elt", 3, t_lit_int(1), t_lit_str("scala"), t_lit_str("java"))),
                 "scala");
    CHECK_EQ_STR(s_eval(t_call("find_in_set", 2, t_lit_str("ab"), t_lit_str("abc,b,ab,c,def"))),
                 "3");
    t_end();
}

/* Errors: split_part(.., 0) INVALID_INDEX_OF_ZERO (string-functions.sql.out); elt out of range
   under ANSI INVALID_ARRAY_INDEX, NULL in legacy mode (Elt.failOnError). */
EM_TEST(text_errors)
{
    t_begin(true);
    CHECK_EQ_STR(
        s_eval(t_call("split_part", 3, t_lit_str("11.12.13"), t_lit_str("."), t_lit_int(0))),
        "(error)");
    CHECK_EQ_STR(T.err.error_class, "INVALID_INDEX_OF_ZERO");
    CHECK_EQ_STR(s_eval(t_call("elt", 3, t_lit_int(3), t_lit_str("a"), t_lit_str("b"))), "(error)");
    CHECK_EQ_STR(T.err.error_class, "INVALID_ARRAY_INDEX");
    CHECK_EQ_STR(s_param("indexValue"), "3");
    CHECK_EQ_STR(s_param("arraySize"), "2");
    t_end();
    t_begin(false);
    CHECK_EQ_STR(s_eval(t_call("elt", 3, t_lit_int(3), t_lit_str("a"), t_lit_str("b"))), "NULL");
    t_end();
}

/* Regex: doctests regexp_replace#2 (regexp_replace(str, (\d+), --, 1) = -----),
   regexp_extract_all#2/#4, regexp_count#2, regexp_substr#2/#3, regexp#1; function reference:
   regexp_extract('100-200', '(\\d+)-(\\d+)', 1) 100, regexp_instr('user@spark.apache.org',
   '@[^.]*') 5, split('oneAtwoBthreeC', '[ABC]') ["one","two","three",""] and with limit 2
   ["one","twoBthreeC"]. */
EM_TEST(regex_functions)
{
    t_begin(true);
    pl_expr *e =
        t_call("regexp_replace", 3, t_lit_str("100-200"), t_lit_str("(\\d+)"), t_lit_str("--"));
    CHECK_EQ_STR(s_sql(e), "regexp_replace(100-200, (\\d+), --, 1)");
    CHECK_EQ_STR(s_eval(e), "-----");
    CHECK_EQ_STR(s_eval(t_call("regexp_extract_all", 2, t_lit_str("100-200, 300-400"),
                               t_lit_str("(\\d+)-(\\d+)"))),
                 "[100, 300]");
    CHECK_EQ_STR(s_eval(t_call("regexp_extract_all", 3, t_lit_str("100-200, 300-400"),
                               t_lit_str("(\\d+)-(\\d+)"), t_lit_int(2))),
                 "[200, 400]");
    CHECK_EQ_STR(s_eval(t_call("regexp_count", 2, t_lit_str("1a 2b 14m"), t_lit_str("\\d+"))), "3");
    CHECK_EQ_STR(s_eval(t_call("regexp_substr", 2, t_lit_str("1a 2b 14m"), t_lit_str("\\d+"))),
                 "1");
    CHECK_EQ_STR(s_eval(t_call("regexp_substr", 2, t_lit_str("1a 2b 14m"), t_lit_str("mmm"))),
                 "NULL");
    CHECK_EQ_STR(s_eval(t_call("regexp", 2, t_lit_str("1a 2b 14m"), t_lit_str("\\d{2}b"))),
                 "false");
    CHECK_EQ_STR(s_eval(t_call("regexp_extract", 3, t_lit_str("100-200"),
                               t_lit_str("(\\d+)-(\\d+)"), t_lit_int(1))),
                 "100");
    CHECK_EQ_STR(
        s_eval(t_call("regexp_instr", 2, t_lit_str("user@spark.apache.org"), t_lit_str("@[^.]*"))),
        "5");
    CHECK_EQ_STR(s_eval(t_call("split", 2, t_lit_str("oneAtwoBthreeC"), t_lit_str("[ABC]"))),
                 "[one, two, three, ]");
    CHECK_EQ_STR(
        s_eval(t_call("split", 3, t_lit_str("oneAtwoBthreeC"), t_lit_str("[ABC]"), t_lit_int(2))),
        "[one, twoBthreeC]");
    /* Java regex syntax PCRE2 spells differently: POSIX classes as \p{Alpha}, \uhhhh */
    CHECK_EQ_STR(s_eval(t_call("regexp_replace", 3, t_lit_str("ab12"), t_lit_str("\\p{Alpha}"),
                               t_lit_str("x"))),
                 "xx12");
    CHECK_EQ_STR(s_eval(t_call("rlike", 2, t_lit_str("A"), t_lit_str("\\u0041"))), "true");
    /* Java replacement syntax: $1 groups, \$ literal dollar */
    CHECK_EQ_STR(s_eval(t_call("regexp_replace", 3, t_lit_str("a-b"), t_lit_str("(\\w)-(\\w)"),
                               t_lit_str("$2\\$$1"))),
                 "b$a");
    /* regexp-functions.sql.out: a group index beyond the pattern's groups */
    CHECK_EQ_STR(s_eval(t_call("regexp_extract", 3, t_lit_str("1a 2b 14m"), t_lit_str("\\d+"),
                               t_lit_int(1))),
                 "(error)");
    CHECK_EQ_STR(T.err.error_class, "INVALID_PARAMETER_VALUE.REGEX_GROUP_INDEX");
    CHECK_EQ_STR(s_param("groupCount"), "0");
    CHECK_EQ_STR(s_param("groupIndex"), "1");
    CHECK_EQ_STR(s_param("functionName"), "`regexp_extract`");
    CHECK_EQ_STR(s_eval(t_call("rlike", 2, t_lit_str("a"), t_lit_str("("))), "(error)");
    CHECK_EQ_STR(T.err.error_class, "INVALID_PARAMETER_VALUE.PATTERN");
    CHECK_EQ_STR(s_param("value"), "'('");
    t_end();
}

/* Hashing: doctests hash#2 (hash('ABC') = -757602832), hash#3 (hash('ABC', 'DEF') =
   599895104), xxhash64#2/#3, sha1#2, crc32#2; function reference: md5('Spark')
   8cde774d6f7333752ed72cacddb05126, sha2('Spark', 256)
   529bc3b07127ecb7e53a4dcf1991d9152c24537d919178022b2c42657f79a26b, crc32('Spark')
   1557323817. */
EM_TEST(hash_functions)
{
    t_begin(true);
    CHECK_EQ_STR(s_eval(t_call("hash", 1, t_lit_str("ABC"))), "-757602832");
    CHECK_EQ_STR(s_eval(t_call("hash", 2, t_lit_str("ABC"), t_lit_str("DEF"))), "599895104");
    CHECK_EQ_STR(s_eval(t_call("xxhash64", 1, t_lit_str("ABC"))), "4105715581806190027");
    CHECK_EQ_STR(s_eval(t_call("xxhash64", 2, t_lit_str("ABC"), t_lit_str("DEF"))),
                 "3233247871021311208");
    CHECK_EQ_STR(s_eval(t_call("sha1", 1, t_lit_str("ABC"))),
                 "3c01bdbb26f358bab27f267924aa2c9a03fcfdb8");
    CHECK_EQ_STR(s_eval(t_call("crc32", 1, t_lit_str("ABC"))), "2743272264");
    CHECK_EQ_STR(s_eval(t_call("md5", 1, t_lit_str("Spark"))), "8cde774d6f7333752ed72cacddb05126");
    CHECK_EQ_STR(s_eval(t_call("sha2", 2, t_lit_str("Spark"), t_lit_int(256))),
                 "529bc3b07127ecb7e53a4dcf1991d9152c24537d919178022b2c42657f79a26b");
    CHECK_EQ_STR(s_eval(t_call("sha2", 2, t_lit_str("Spark"), t_lit_int(1))), "NULL");
    CHECK_EQ_STR(s_eval(t_call("crc32", 1, t_lit_str("Spark"))), "1557323817");
    CHECK_EQ_STR(s_type(t_call("hash", 1, t_lit_int(1))), "int");
    CHECK_EQ_STR(s_type(t_call("xxhash64", 1, t_lit_int(1))), "bigint");
    /* a NULL argument leaves the seed: hash(NULL) is the seed 42 */
    CHECK_EQ_STR(s_eval(t_call("hash", 1, t_lit_null(ty_string()))), "42");
    t_end();
}

/* Formatting: doctest printf#1 (printf('aa%d%s', 123, 'cc') = aa123cc), format_number#2
   (format_number(5, 4) = 5.0000); function reference: format_number(12332.123456, 4)
   12,332.1235, format_number(12332.123456, '##################.###') 12332.123,
   format_string('Hello World %d %s', 100, 'days') Hello World 100 days. Java's Formatter
   rounds the double's decimal digits HALF_UP: %.2f of 2.675 is 2.68. */
EM_TEST(format_functions)
{
    t_begin(true);
    CHECK_EQ_STR(s_eval(t_call("printf", 3, t_lit_str("aa%d%s"), t_lit_int(123), t_lit_str("cc"))),
                 "aa123cc");
    CHECK_EQ_STR(s_eval(t_call("format_number", 2, t_lit_int(5), t_lit_int(4))), "5.0000");
    CHECK_EQ_STR(s_eval(t_call("format_number", 2, t_lit_double(12332.123456), t_lit_int(4))),
                 "12,332.1235");
    CHECK_EQ_STR(s_eval(t_call("format_number", 2, t_lit_double(12332.123456),
                               t_lit_str("##################.###"))),
                 "12332.123");
    CHECK_EQ_STR(s_eval(t_call("format_string", 3, t_lit_str("Hello World %d %s"), t_lit_int(100),
                               t_lit_str("days"))),
                 "Hello World 100 days");
    CHECK_EQ_STR(s_eval(t_call("format_string", 2, t_lit_str("%.2f"), t_lit_double(2.675))),
                 "2.68");
    CHECK_EQ_STR(s_eval(t_call("format_string", 2, t_lit_str("%5s|%-5s|"), t_lit_str("a"))),
                 "(error)");
    CHECK_EQ_STR(
        s_eval(t_call("format_string", 3, t_lit_str("%5s|%-5s|"), t_lit_str("a"), t_lit_str("b"))),
        "    a|b    |");
    CHECK_EQ_STR(s_eval(t_call("format_string", 2, t_lit_str("%08.3f"), t_lit_double(-3.14159))),
                 "-003.142");
    CHECK_EQ_STR(s_eval(t_call("format_string", 2, t_lit_str("%x"), t_lit_int(-1))), "ffffffff");
    CHECK_EQ_STR(s_eval(t_call("format_string", 2, t_lit_str("%,d"), t_lit_long(1234567))),
                 "1,234,567");
    CHECK_EQ_STR(s_eval(t_call("format_string", 2, t_lit_str("%e"), t_lit_double(12345.678))),
                 "1.234568e+04");
    t_end();
}

/* Binary and URL helpers: doctests unbase64#2, encode#2 ([61 62 63 64]), decode#2,
   parse_url#2 (query=1), #5 (key query: 1), #8 (PROTOCOL https); function reference:
   base64('Spark SQL') U3BhcmsgU1FM, url_encode('https://spark.apache.org')
   https%3A%2F%2Fspark.apache.org, to_binary('abc', 'utf-8') abc, luhn_check('79927398713')
   true, mask('abcd-EFGH-8765-4321') xxxx-XXXX-nnnn-nnnn. */
EM_TEST(binary_url_functions)
{
    t_begin(true);
    CHECK_EQ_STR(s_eval(t_call("unbase64", 1, t_lit_str("U3Bhcms="))), "[53 70 61 72 6B]");
    CHECK_EQ_STR(s_eval(t_call("base64", 1, t_lit_str("Spark SQL"))), "U3BhcmsgU1FM");
    CHECK_EQ_STR(s_eval(t_call("encode", 2, t_lit_str("abcd"), t_lit_str("UTF-8"))),
                 "[61 62 63 64]");
    CHECK_EQ_STR(s_eval(t_call("decode", 2, s_lit_bin("abcd", 4), t_lit_str("UTF-8"))), "abcd");
    CHECK_EQ_STR(s_eval(t_call("encode", 2, t_lit_str("a"), t_lit_str("UTF-16LE"))), "[61 00]");
    CHECK_EQ_STR(s_eval(t_call("encode", 2, t_lit_str("a"), t_lit_str("Windows-xxx"))), "(error)");
    CHECK_EQ_STR(T.err.error_class, "INVALID_PARAMETER_VALUE.CHARSET");
    CHECK_EQ_STR(s_param("charset"), "Windows-xxx");
    CHECK_EQ_STR(s_eval(t_call("url_encode", 1, t_lit_str("https://spark.apache.org"))),
                 "https%3A%2F%2Fspark.apache.org");
    CHECK_EQ_STR(s_eval(t_call("url_decode", 1, t_lit_str("https%3A%2F%2Fspark.apache.org"))),
                 "https://spark.apache.org");
    const char *url = "https://spark.apache.org/path?query=1";
    CHECK_EQ_STR(s_eval(t_call("parse_url", 2, t_lit_str(url), t_lit_str("QUERY"))), "query=1");
    CHECK_EQ_STR(
        s_eval(t_call("parse_url", 3, t_lit_str(url), t_lit_str("QUERY"), t_lit_str("query"))),
        "1");
    CHECK_EQ_STR(s_eval(t_call("parse_url", 2, t_lit_str(url), t_lit_str("PROTOCOL"))), "https");
    CHECK_EQ_STR(s_eval(t_call("parse_url", 2, t_lit_str(url), t_lit_str("HOST"))),
                 "spark.apache.org");
    CHECK_EQ_STR(s_eval(t_call("parse_url", 2, t_lit_str(url), t_lit_str("PATH"))), "/path");
    /* url-functions.sql.out: an invalid URL is INVALID_URL under ANSI */
    CHECK_EQ_STR(s_eval(t_call("parse_url", 2, t_lit_str("inva lid://spark.apache.org"),
                               t_lit_str("QUERY"))),
                 "(error)");
    CHECK_EQ_STR(T.err.error_class, "INVALID_URL");
    CHECK_EQ_STR(s_eval(t_call("to_binary", 2, t_lit_str("abc"), t_lit_str("utf-8"))),
                 "[61 62 63]");
    CHECK_EQ_STR(s_eval(t_call("luhn_check", 1, t_lit_str("79927398713"))), "true");
    CHECK_EQ_STR(s_eval(t_call("mask", 1, t_lit_str("abcd-EFGH-8765-4321"))),
                 "xxxx-XXXX-nnnn-nnnn");
    /* try_to_binary#9: a malformed hex value is NULL */
    CHECK_EQ_STR(s_eval(t_call("try_to_binary", 2, t_lit_str("malformed"), t_lit_str("hex"))),
                 "NULL");
    t_end();
}

/* to_number / try_to_number: function reference (to_number('$78.12', '$99.99') 78.12,
   to_number('12,454.8-', '99,999.9S') -12454.8), doctest try_to_number#6 (77 against $99.99
   is NULL); a format without digits is INVALID_FORMAT.WRONG_NUM_DIGIT. */
EM_TEST(to_number_functions)
{
    t_begin(true);
    pl_expr *e = t_call("to_number", 2, t_lit_str("$78.12"), t_lit_str("$99.99"));
    CHECK_EQ_STR(s_type(e), "decimal(4,2)");
    CHECK_EQ_STR(s_eval(e), "78.12");
    CHECK_EQ_STR(s_eval(t_call("to_number", 2, t_lit_str("12,454.8-"), t_lit_str("99,999.9S"))),
                 "-12454.8");
    CHECK_EQ_STR(s_eval(t_call("try_to_number", 2, t_lit_str("77"), t_lit_str("$99.99"))), "NULL");
    CHECK_EQ_STR(s_eval(t_call("to_number", 2, t_lit_str("77"), t_lit_str("$99.99"))), "(error)");
    CHECK_EQ_STR(T.err.error_class, "INVALID_FORMAT.MISMATCH_INPUT");
    em_error_clear(&T.err);
    CHECK(t_call("to_number", 2, t_lit_str("1"), t_lit_str("$")) == NULL);
    CHECK_EQ_STR(T.err.error_class, "INVALID_FORMAT.WRONG_NUM_DIGIT");
    t_end();
}

int main(int c, char **v)
{
    return em_test_main(c, v);
}
