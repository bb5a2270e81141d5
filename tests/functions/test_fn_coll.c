/*
 * Collection function tests through the SQL front door (coll_harness): arrays, maps, structs,
 * higher-order functions and generators. Values are printed the way Spark's SQL reference and
 * golden files print them (HiveResult: [1,2], {"a":1}, {1:"a"}).
 *
 * Expectations come from Spark: the examples of each function's ExpressionDescription (Spark's
 * SQL function reference, cited as "docs"), the PySpark doctest captures (cited as "doctest
 * <function>"), and the messages of QueryExecutionErrors / the expressions' checkInputDataTypes
 * for error classes and parameters.
 */
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wformat-truncation"
#endif

#include <stdlib.h>

#include "coll_harness.h"
#include "em_test.h"

static ch_env E;

static void begin(bool ansi)
{
    ch_init(&E, ansi);
    const char *br = getenv("EMBER_TEST_BATCH_ROWS");
    if (br && atoi(br) > 0)
        E.opts.batch_rows = atoi(br);
}

static void end(void)
{
    ch_release(&E);
}

static const char *q(const char *sql)
{
    return ch_value(&E, sql);
}

static const char *param(const char *name)
{
    const char *v = em_error_param_get(&E.err, name);
    return v ? v : "(missing)";
}

/* docs: array, array_contains, array_position, array_remove, array_size, size/cardinality */
EM_TEST(array_basics)
{
    begin(true);
    CHECK_EQ_STR(q("SELECT array(1, 2, 3)"), "[1,2,3]");
    CHECK_EQ_STR(q("SELECT array_contains(array(1, 2, 3), 2)"), "true");
    CHECK_EQ_STR(q("SELECT array_position(array(312, 773, 708, 708), 708)"), "3");
    CHECK_EQ_STR(q("SELECT array_position(array(312, 773, 708, 708), 414)"), "0");
    CHECK_EQ_STR(q("SELECT array_remove(array(1, 2, 3, null, 3), 3)"), "[1,2,null]");
    CHECK_EQ_STR(q("SELECT size(array('b', 'd', 'c', 'a'))"), "4");
    CHECK_EQ_STR(q("SELECT size(map('a', 1, 'b', 2))"), "2");
    CHECK_EQ_STR(q("SELECT array_size(array('b', 'd', 'c', 'a'))"), "4");
    CHECK_EQ_STR(q("SELECT cardinality(array('b', 'd', 'c', 'a'))"), "4");
    /* Size: NULL under ANSI, -1 otherwise (spark.sql.legacy.sizeOfNull) */
    CHECK_EQ_STR(q("SELECT size(CAST(NULL AS ARRAY<INT>))"), "NULL");
    /* array.sql.out: array_size(NULL) is NULL of type int */
    CHECK_EQ_STR(q("SELECT array_size(NULL)"), "NULL");
    CHECK_EQ_STR(E.schema, "struct<array_size(NULL):int>");
    /* array_contains: three-valued with NULL elements (doctest array_contains) */
    CHECK_EQ_STR(q("SELECT array_contains(array('a', NULL, 'c'), 'b')"), "NULL");
    CHECK_EQ_STR(q("SELECT array_contains(array('a', NULL, 'c'), 'a')"), "true");
    end();
    begin(false);
    CHECK_EQ_STR(q("SELECT size(CAST(NULL AS ARRAY<INT>))"), "-1");
    end();
}

/* array.sql.out: names and types; mismatches raise Spark's type-check errors */
EM_TEST(array_types_and_errors)
{
    begin(true);
    CHECK_EQ_STR(q("SELECT array_contains(array(1, 2), 2L)"), "true");
    CHECK_EQ_STR(E.schema, "struct<array_contains(array(1, 2), 2):boolean>");
    CHECK_EQ_STR(q("SELECT array_contains(array('a'), 1)"),
                 "ERROR:DATATYPE_MISMATCH.ARRAY_FUNCTION_DIFF_TYPES");
    CHECK_EQ_STR(param("functionName"), "`array_contains`");
    CHECK_EQ_STR(param("leftType"), "\"ARRAY<STRING>\"");
    CHECK_EQ_STR(param("rightType"), "\"INT\"");
    CHECK_EQ_STR(q("SELECT array_contains(1, 1)"), "ERROR:DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE");
    CHECK_EQ_STR(param("requiredType"), "\"ARRAY\"");
    CHECK_EQ_STR(q("SELECT array_position(array(1), NULL)"), "ERROR:DATATYPE_MISMATCH.NULL_TYPE");
    CHECK_EQ_STR(param("functionName"), "`array_position`");
    CHECK_EQ_STR(q("SELECT size(1)"), "ERROR:DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE");
    CHECK_EQ_STR(param("requiredType"), "(\"ARRAY\" or \"MAP\")");
    end();
}

/* docs: element_at, get, try_element_at; array.sql.out / try_element_at.sql.out for errors */
EM_TEST(element_access)
{
    begin(true);
    CHECK_EQ_STR(q("SELECT element_at(array(1, 2, 3), 2)"), "2");
    CHECK_EQ_STR(q("SELECT element_at(map(1, 'a', 2, 'b'), 2)"), "b");
    CHECK_EQ_STR(q("SELECT element_at(array('a', 'b', 'c'), -1)"), "c"); /* doctest element_at */
    CHECK_EQ_STR(q("SELECT get(array(1, 2, 3), 0)"), "1");
    CHECK_EQ_STR(q("SELECT get(array(1, 2, 3), 3)"), "NULL");
    CHECK_EQ_STR(q("SELECT get(array(1, 2, 3), -1)"), "NULL");
    CHECK_EQ_STR(q("SELECT try_element_at(array(1, 2, 3), 2)"), "2");
    CHECK_EQ_STR(q("SELECT try_element_at(map(1, 'a', 2, 'b'), 2)"), "b");
    CHECK_EQ_STR(q("SELECT try_element_at(array(1, 2, 3), 5)"), "NULL");
    CHECK_EQ_STR(q("SELECT element_at(array(1, 2, 3), 5)"),
                 "ERROR:INVALID_ARRAY_INDEX_IN_ELEMENT_AT");
    CHECK_EQ_STR(param("indexValue"), "5");
    CHECK_EQ_STR(param("arraySize"), "3");
    CHECK_EQ_STR(q("SELECT element_at(array(1, 2, 3), 0)"), "ERROR:INVALID_INDEX_OF_ZERO");
    CHECK_EQ_STR(q("SELECT array(1, 2, 3)[5]"), "ERROR:INVALID_ARRAY_INDEX");
    CHECK_EQ_STR(q("SELECT array(1, 2, 3)[1]"), "2");
    CHECK_EQ_STR(q("SELECT map(1, 'a', 2, 'b')[5]"), "NULL"); /* map.sql.out */
    CHECK_EQ_STR(q("SELECT map('k', 1)['k']"), "1");
    CHECK_EQ_STR(q("SELECT element_at(map(1, 'a', 2, 'b'), 5)"), "NULL");
    end();
    begin(false);
    CHECK_EQ_STR(q("SELECT element_at(array(1, 2, 3), 5)"), "NULL");
    CHECK_EQ_STR(q("SELECT array(1, 2, 3)[5]"), "NULL");
    CHECK_EQ_STR(q("SELECT element_at(array(1, 2, 3), 0)"), "ERROR:INVALID_INDEX_OF_ZERO");
    end();
}

/* docs: array_compact, array_append, array_prepend, array_insert, slice, array_repeat, flatten,
   reverse, arrays_zip */
EM_TEST(array_editing)
{
    begin(true);
    CHECK_EQ_STR(q("SELECT array_compact(array(1, 2, 3, null))"), "[1,2,3]");
    CHECK_EQ_STR(q("SELECT array_compact(array(\"a\", \"b\", \"c\"))"), "[\"a\",\"b\",\"c\"]");
    CHECK_EQ_STR(q("SELECT array_append(array('b', 'd', 'c', 'a'), 'd')"),
                 "[\"b\",\"d\",\"c\",\"a\",\"d\"]");
    CHECK_EQ_STR(q("SELECT array_append(array(1, 2, 3, null), null)"), "[1,2,3,null,null]");
    CHECK_EQ_STR(q("SELECT array_append(CAST(null as Array<Int>), 2)"), "NULL");
    CHECK_EQ_STR(q("SELECT array_prepend(array('b', 'd', 'c', 'a'), 'd')"),
                 "[\"d\",\"b\",\"d\",\"c\",\"a\"]");
    CHECK_EQ_STR(q("SELECT array_prepend(array(1, 2, 3, null), null)"), "[null,1,2,3,null]");
    CHECK_EQ_STR(q("SELECT array_insert(array(1, 2, 3, 4), 5, 5)"), "[1,2,3,4,5]");
    CHECK_EQ_STR(q("SELECT array_insert(array(5, 4, 3, 2), -1, 1)"), "[5,4,3,2,1]");
    CHECK_EQ_STR(q("SELECT array_insert(array(5, 3, 2, 1), -4, 4)"), "[5,4,3,2,1]");
    CHECK_EQ_STR(q("SELECT array_insert(array(1, 2), 0, 3)"), "ERROR:INVALID_INDEX_OF_ZERO");
    CHECK_EQ_STR(q("SELECT slice(array(1, 2, 3, 4), 2, 2)"), "[2,3]");
    CHECK_EQ_STR(q("SELECT slice(array(1, 2, 3, 4), -2, 2)"), "[3,4]");
    CHECK_EQ_STR(q("SELECT slice(array(1, 2, 3, 4), 0, 2)"), "ERROR:INVALID_PARAMETER_VALUE.START");
    CHECK_EQ_STR(q("SELECT slice(array(1, 2, 3, 4), 1, -1)"),
                 "ERROR:INVALID_PARAMETER_VALUE.LENGTH");
    CHECK_EQ_STR(param("length"), "-1");
    CHECK_EQ_STR(q("SELECT array_repeat('123', 2)"), "[\"123\",\"123\"]");
    CHECK_EQ_STR(q("SELECT flatten(array(array(1, 2), array(3, 4)))"), "[1,2,3,4]");
    CHECK_EQ_STR(q("SELECT flatten(array(array(1, 2), NULL))"), "NULL"); /* doctest flatten */
    CHECK_EQ_STR(q("SELECT reverse('Spark SQL')"), "LQS krapS");
    CHECK_EQ_STR(q("SELECT reverse(array(2, 1, 4, 3))"), "[3,4,1,2]");
    /* docs: concat (arrays) */
    CHECK_EQ_STR(q("SELECT concat(array(1, 2, 3), array(4, 5), array(6))"), "[1,2,3,4,5,6]");
    /* array.sql.out with spark.sql.legacy.negativeIndexInArrayInsert=true */
    CHECK_EQ_STR(q("SET spark.sql.legacy.negativeIndexInArrayInsert=true"),
                 "spark.sql.legacy.negativeIndexInArrayInsert\ttrue");
    CHECK_EQ_STR(q("SELECT array_insert(array(1, 3, 4), -2, 2)"), "[1,2,3,4]");
    CHECK_EQ_STR(q("SELECT array_insert(array(2, 3, NULL, 4), -5, 1)"), "[1,null,2,3,null,4]");
    CHECK_EQ_STR(q("SET spark.sql.legacy.negativeIndexInArrayInsert=false"),
                 "spark.sql.legacy.negativeIndexInArrayInsert\tfalse");
    CHECK_EQ_STR(q("SELECT array_insert(array(1, 3, 4), -2, 2)"), "[1,3,2,4]");
    CHECK_EQ_STR(q("SELECT array_insert(array(2, 3, NULL, 4), -5, 1)"), "[1,2,3,null,4]");
    CHECK_EQ_STR(q("SELECT arrays_zip(array(1, 2, 3), array(2, 3, 4))"),
                 "[{\"0\":1,\"1\":2},{\"0\":2,\"1\":3},{\"0\":3,\"1\":4}]");
    CHECK_EQ_STR(q("SELECT arrays_zip(array(1, 2), array(2, 3), array(3, 4))"),
                 "[{\"0\":1,\"1\":2,\"2\":3},{\"0\":2,\"1\":3,\"2\":4}]");
    end();
}

/* docs: array_distinct, array_union, array_intersect, array_except, arrays_overlap, array_join,
   array_min, array_max, sort_array, array_sort */
EM_TEST(array_sets_and_order)
{
    begin(true);
    CHECK_EQ_STR(q("SELECT array_distinct(array(1, 2, 3, null, 3))"), "[1,2,3,null]");
    CHECK_EQ_STR(q("SELECT array_union(array(1, 2, 3), array(1, 3, 5))"), "[1,2,3,5]");
    CHECK_EQ_STR(q("SELECT array_intersect(array(1, 2, 3), array(1, 3, 5))"), "[1,3]");
    CHECK_EQ_STR(q("SELECT array_except(array(1, 2, 3), array(1, 3, 5))"), "[2]");
    CHECK_EQ_STR(q("SELECT arrays_overlap(array(1, 2, 3), array(3, 4, 5))"), "true");
    /* doctest arrays_overlap: no common element, a NULL on a side -> NULL */
    CHECK_EQ_STR(q("SELECT arrays_overlap(array('a', NULL), array('b', NULL))"), "NULL");
    CHECK_EQ_STR(q("SELECT array_join(array('hello', 'world'), ' ')"), "hello world");
    CHECK_EQ_STR(q("SELECT array_join(array('hello', null ,'world'), ' ')"), "hello world");
    CHECK_EQ_STR(q("SELECT array_join(array('hello', null ,'world'), ' ', ',')"), "hello , world");
    CHECK_EQ_STR(q("SELECT array_min(array(1, 20, null, 3))"), "1");
    CHECK_EQ_STR(q("SELECT array_max(array(1, 20, null, 3))"), "20");
    CHECK_EQ_STR(q("SELECT sort_array(array('b', 'd', null, 'c', 'a'), true)"),
                 "[null,\"a\",\"b\",\"c\",\"d\"]");
    CHECK_EQ_STR(q("SELECT sort_array(array('b', 'd', null, 'c', 'a'), false)"),
                 "[\"d\",\"c\",\"b\",\"a\",null]");
    CHECK_EQ_STR(E.schema, "struct<sort_array(array(b, d, NULL, c, a), false):array<string>>");
    CHECK_EQ_STR(q("SELECT array_sort(array('b', 'd', null, 'c', 'a'))"),
                 "[\"a\",\"b\",\"c\",\"d\",null]");
    CHECK_EQ_STR(q("SELECT array_sort(array(5, 6, 1), (left, right) -> case when left < right "
                   "then -1 when left > right then 1 else 0 end)"),
                 "[1,5,6]");
    CHECK_EQ_STR(q("SELECT array_sort(array('bc', 'ab', 'dc'), (left, right) -> case when left "
                   "is null and right is null then 0 when left is null then -1 when right is "
                   "null then 1 when left < right then 1 when left > right then -1 else 0 end)"),
                 "[\"dc\",\"bc\",\"ab\"]");
    /* doctest array_sort: a comparator that is not a total order, sorted as Java's TimSort */
    CHECK_EQ_STR(q("SELECT array_sort(array('foo', 'foobar', NULL, 'bar'), (x, y) -> CASE WHEN "
                   "x IS NULL OR y IS NULL THEN 0 ELSE length(y) - length(x) END)"),
                 "[\"foobar\",\"foo\",null,\"bar\"]");
    CHECK_EQ_STR(q("SELECT sort_array(array('b', 'd'), '1')"),
                 "ERROR:DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE");
    CHECK_EQ_STR(param("requiredType"), "\"BOOLEAN\"");
    end();
}

/* docs: sequence; doctest shuffle (Spark's MersenneTwister permutation for a given seed) */
EM_TEST(sequence_and_shuffle)
{
    begin(true);
    CHECK_EQ_STR(q("SELECT sequence(1, 5)"), "[1,2,3,4,5]");
    CHECK_EQ_STR(q("SELECT sequence(5, 1)"), "[5,4,3,2,1]");
    CHECK_EQ_STR(q("SELECT sequence(4, -4, -2)"), "[4,2,0,-2,-4]"); /* doctest sequence */
    CHECK_EQ_STR(q("SELECT sequence(1, 5, -1)"), "ERROR:_LEGACY_ERROR_TEMP_3243");
    CHECK_EQ_STR(q("SELECT sequence(to_date('2018-01-01'), to_date('2018-03-01'), interval 1 "
                   "month)"),
                 "[2018-01-01,2018-02-01,2018-03-01]");
    CHECK_EQ_STR(q("SELECT sequence(to_date('2018-01-01'), to_date('2018-03-01'), interval "
                   "'0-1' year to month)"),
                 "[2018-01-01,2018-02-01,2018-03-01]");
    CHECK_EQ_STR(q("SELECT shuffle(array(1, 20, 3, 5), 123)"), "[5,1,20,3]");
    CHECK_EQ_STR(E.schema, "struct<shuffle(array(1, 20, 3, 5)):array<int>>");
    CHECK_EQ_STR(q("SELECT shuffle(array(1, 20, NULL, 5), 234)"), "[null,5,20,1]");
    CHECK_EQ_STR(q("SELECT shuffle(array(1, 2, 2, 3, 3, 3), 345)"), "[2,3,3,1,2,3]");
    end();
}

/* docs: map, map_from_arrays, map_from_entries, map_keys, map_values, map_entries,
   map_contains_key, map_concat, str_to_map, named_struct / struct */
EM_TEST(maps_and_structs)
{
    begin(true);
    CHECK_EQ_STR(q("SELECT map(1.0, '2', 3.0, '4')"), "{1.0:\"2\",3.0:\"4\"}");
    CHECK_EQ_STR(q("SELECT map_from_arrays(array(1.0, 3.0), array('2', '4'))"),
                 "{1.0:\"2\",3.0:\"4\"}");
    CHECK_EQ_STR(q("SELECT map_from_entries(array(struct(1, 'a'), struct(2, 'b')))"),
                 "{1:\"a\",2:\"b\"}");
    CHECK_EQ_STR(q("SELECT map_keys(map(1, 'a', 2, 'b'))"), "[1,2]");
    CHECK_EQ_STR(q("SELECT map_values(map(1, 'a', 2, 'b'))"), "[\"a\",\"b\"]");
    CHECK_EQ_STR(q("SELECT map_entries(map(1, 'a', 2, 'b'))"),
                 "[{\"key\":1,\"value\":\"a\"},{\"key\":2,\"value\":\"b\"}]");
    CHECK_EQ_STR(q("SELECT map_contains_key(map(1, 'a', 2, 'b'), 1)"), "true");
    CHECK_EQ_STR(q("SELECT map_contains_key(map(1, 'a', 2, 'b'), 3)"), "false");
    CHECK_EQ_STR(q("SELECT map_concat(map(1, 'a', 2, 'b'), map(3, 'c'))"),
                 "{1:\"a\",2:\"b\",3:\"c\"}");
    CHECK_EQ_STR(q("SELECT str_to_map('a:1,b:2,c:3', ',', ':')"),
                 "{\"a\":\"1\",\"b\":\"2\",\"c\":\"3\"}");
    CHECK_EQ_STR(q("SELECT str_to_map('a')"), "{\"a\":null}");
    CHECK_EQ_STR(E.schema, "struct<str_to_map(a, ,, :):map<string,string>>");
    CHECK_EQ_STR(q("SELECT named_struct(\"a\", 1, \"b\", 2, \"c\", 3)"),
                 "{\"a\":1,\"b\":2,\"c\":3}");
    CHECK_EQ_STR(q("SELECT struct(1, 2, 3)"), "{\"col1\":1,\"col2\":2,\"col3\":3}");
    /* ArrayBasedMapBuilder: duplicate and NULL keys */
    CHECK_EQ_STR(q("SELECT map(1, 'a', 1, 'b')"), "ERROR:DUPLICATED_MAP_KEY");
    CHECK_EQ_STR(param("key"), "1");
    CHECK_EQ_STR(param("mapKeyDedupPolicy"), "\"spark.sql.mapKeyDedupPolicy\"");
    CHECK_EQ_STR(q("SELECT map(NULL, 'a')"), "ERROR:NULL_MAP_KEY");
    /* mapconcat.sql.out: a map key type a cast could turn NULL is no common type */
    CHECK_EQ_STR(q("SELECT map_concat(map('a', 'b'), map(date '2016-03-12', date '2016-03-11'))"),
                 "ERROR:DATATYPE_MISMATCH.DATA_DIFF_TYPES");
    CHECK_EQ_STR(param("dataType"), "(\"MAP<STRING, STRING>\" or \"MAP<DATE, DATE>\")");
    CHECK_EQ_STR(q("SET spark.sql.mapKeyDedupPolicy=LAST_WIN"),
                 "spark.sql.mapKeyDedupPolicy\tLAST_WIN");
    CHECK_EQ_STR(q("SELECT map(1, 'a', 1, 'b')"), "{1:\"b\"}"); /* doctest map_keys */
    CHECK_EQ_STR(q("SELECT map_concat(map(1, 'a', 2, 'b'), map(2, 'c', 3, 'd'))"),
                 "{1:\"a\",2:\"c\",3:\"d\"}"); /* doctest map_concat */
    end();
}

/* docs: transform, filter, exists, forall, aggregate / reduce, zip_with, map_filter,
   transform_keys, transform_values, map_zip_with */
EM_TEST(higher_order)
{
    begin(true);
    /* (parenthesized: the SQL parser takes a leading SELECT TRANSFORM for Hive's script
       transform) */
    CHECK_EQ_STR(q("SELECT (transform(array(1, 2, 3), x -> x + 1))"), "[2,3,4]");
    CHECK_EQ_STR(q("SELECT (transform(array(1, 2, 3), (x, i) -> x + i))"), "[1,3,5]");
    CHECK_EQ_STR(q("SELECT filter(array(1, 2, 3), x -> x % 2 == 1)"), "[1,3]");
    CHECK_EQ_STR(q("SELECT filter(array(0, 2, 3), (x, i) -> x > i)"), "[2,3]");
    CHECK_EQ_STR(q("SELECT filter(array(0, null, 2, 3, null), x -> x IS NOT NULL)"), "[0,2,3]");
    CHECK_EQ_STR(q("SELECT exists(array(1, 2, 3), x -> x % 2 == 0)"), "true");
    CHECK_EQ_STR(q("SELECT exists(array(1, 2, 3), x -> x % 2 == 10)"), "false");
    CHECK_EQ_STR(q("SELECT exists(array(1, null, 3), x -> x % 2 == 0)"), "NULL");
    CHECK_EQ_STR(q("SELECT exists(array(0, null, 2, 3, null), x -> x IS NULL)"), "true");
    CHECK_EQ_STR(q("SELECT exists(array(1, 2, 3), x -> x IS NULL)"), "false");
    CHECK_EQ_STR(q("SELECT forall(array(1, 2, 3), x -> x % 2 == 0)"), "false");
    CHECK_EQ_STR(q("SELECT forall(array(2, 4, 8), x -> x % 2 == 0)"), "true");
    CHECK_EQ_STR(q("SELECT forall(array(1, null, 3), x -> x % 2 == 0)"), "false");
    CHECK_EQ_STR(q("SELECT forall(array(2, null, 8), x -> x % 2 == 0)"), "NULL");
    /* exists stops at the first true element: 1 / 0 after it is never evaluated */
    CHECK_EQ_STR(q("SELECT exists(array(1, 0), x -> 1 / x > 0)"), "true");
    CHECK_EQ_STR(q("SELECT aggregate(array(1, 2, 3), 0, (acc, x) -> acc + x)"), "6");
    CHECK_EQ_STR(q("SELECT aggregate(array(1, 2, 3), 0, (acc, x) -> acc + x, acc -> acc * 10)"),
                 "60");
    CHECK_EQ_STR(q("SELECT reduce(array(1, 2, 3), 0, (acc, x) -> acc + x)"), "6");
    CHECK_EQ_STR(q("SELECT transform_keys(map_from_arrays(array(1, 2, 3), array(1, 2, 3)), "
                   "(k, v) -> k + 1)"),
                 "{2:1,3:2,4:3}");
    CHECK_EQ_STR(q("SELECT transform_keys(map_from_arrays(array(1, 2, 3), array(1, 2, 3)), "
                   "(k, v) -> k + v)"),
                 "{2:1,4:2,6:3}");
    CHECK_EQ_STR(q("SELECT transform_values(map_from_arrays(array(1, 2, 3), array(1, 2, 3)), "
                   "(k, v) -> v + 1)"),
                 "{1:2,2:3,3:4}");
    CHECK_EQ_STR(q("SELECT map_filter(map(1, 0, 2, 2, 3, -1), (k, v) -> k > v)"), "{1:0,3:-1}");
    CHECK_EQ_STR(q("SELECT map_zip_with(map(1, 'a', 2, 'b'), map(1, 'x', 2, 'y'), "
                   "(k, v1, v2) -> concat(v1, v2))"),
                 "{1:\"ax\",2:\"by\"}");
    CHECK_EQ_STR(q("SELECT map_zip_with(map('a', 1, 'b', 2), map('b', 3, 'c', 4), "
                   "(k, v1, v2) -> coalesce(v1, 0) + coalesce(v2, 0))"),
                 "{\"a\":1,\"b\":5,\"c\":4}");
    CHECK_EQ_STR(q("SELECT zip_with(array(1, 2), array(3, 4), (x, y) -> x + y)"), "[4,6]");
    /* higher-order-functions.sql.out: a non-lambda argument is a lambda with hidden parameters */
    CHECK_EQ_STR(q("SELECT exists(array(1, 2, 3), 1) AS exists_int_literal"),
                 "ERROR:DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE");
    CHECK_EQ_STR(param("inputSql"), "\"lambdafunction(1, namedlambdavariable())\"");
    CHECK_EQ_STR(q("SELECT transform_keys(map('a', 1, 'b', 2), 42) AS k"),
                 "ERROR:DUPLICATED_MAP_KEY");
    CHECK_EQ_STR(param("key"), "42");
    CHECK_EQ_STR(q("SELECT array_sort(array(2, 1), (a, b) -> CAST(NULL AS INT))"),
                 "ERROR:COMPARATOR_RETURNS_NULL");
    CHECK_EQ_STR(q("SELECT zip_with(array('a', 'b', 'c'), array('d', 'e', 'f'), "
                   "(x, y) -> concat(x, y))"),
                 "[\"ad\",\"be\",\"cf\"]");
    /* a lambda reading an outer column and an enclosing lambda's parameter */
    CHECK_EQ_STR(q("SELECT (transform(a, x -> transform(array(1, 2), y -> x * 10 + y + k))) "
                   "FROM VALUES (array(1, 2), 100) AS t(a, k)"),
                 "[[111,112],[121,122]]");
    CHECK_EQ_STR(q("SELECT (transform(array(1, 2, 3), x -> x + 1))"), "[2,3,4]");
    CHECK_EQ_STR(E.schema, "struct<transform(array(1, 2, 3), lambdafunction((namedlambdavariable() "
                           "+ 1), namedlambdavariable())):array<int>>");
    end();
}

/* docs: explode, posexplode, inline, stack; doctests explode / posexplode_outer / inline_outer */
EM_TEST(generators)
{
    begin(true);
    char out[4096];
    CHECK_EQ_INT(ch_run(&E, "SELECT explode(array(10, 20))", out, sizeof out), 0);
    CHECK_EQ_STR(out, "10\n20");
    CHECK_EQ_STR(E.schema, "struct<col:int>");
    CHECK_EQ_INT(ch_run(&E, "SELECT posexplode(array(10,20))", out, sizeof out), 0);
    CHECK_EQ_STR(out, "0\t10\n1\t20");
    CHECK_EQ_INT(
        ch_run(&E, "SELECT inline(array(struct(1, 'a'), struct(2, 'b')))", out, sizeof out), 0);
    CHECK_EQ_STR(out, "1\ta\n2\tb");
    CHECK_EQ_INT(ch_run(&E, "SELECT stack(2, 1, 2, 3)", out, sizeof out), 0);
    CHECK_EQ_STR(out, "1\t2\n3\tNULL");
    CHECK_EQ_INT(ch_run(&E,
                        "SELECT i, explode(m) FROM VALUES (1, MAP(1, 2, 3, 4)), (2, MAP()), "
                        "(3, NULL) AS t(i, m)",
                        out, sizeof out),
                 0);
    CHECK_EQ_STR(out, "1\t1\t2\n1\t3\t4");
    CHECK_EQ_INT(ch_run(&E,
                        "SELECT i, posexplode_outer(a) FROM VALUES (1, ARRAY(1, 2)), "
                        "(2, ARRAY()), (3, NULL) AS t(i, a)",
                        out, sizeof out),
                 0);
    CHECK_EQ_STR(out, "1\t0\t1\n1\t1\t2\n2\tNULL\tNULL\n3\tNULL\tNULL");
    end();
}

int main(int c, char **v)
{
    return em_test_main(c, v);
}
