/*
 * JSON reads. Expectations come from Spark: the JSON example of the SQL data sources guide
 * (examples/src/main/python/sql/datasource.py with people.json) and JsonSuite.scala with its
 * TestJsonData records (sql/core/src/test/scala/.../datasources/json/), written here as JSON
 * Lines files; each case names its source. JsonSuite reads Datasets of strings, where values
 * of string columns taken from non-string JSON are re-serialized compactly; from files Spark 4
 * keeps their exact text (spark.sql.json.enableExactStringParsing), so inputs here are compact.
 */
#include <stdio.h>
#include <string.h>

#include "src_util.h"

extern const char *src_fixtures;

#define OPTS(...) ((const char *const[]){__VA_ARGS__, NULL})

static io_source *json_lines(const char *text, const ty *schema, const char *const *opts)
{
    src_write("data/part-00000.json", text, -1);
    return src_resolve("json", src_path("data"), schema, opts);
}

/* datasource.py json_dataset_example: age: long, name: string (sorted field names). */
EM_TEST(json_guide_people)
{
    src_begin();
    char p[1024];
    snprintf(p, sizeof p, "%s/spark-examples/people.json", src_fixtures);
    io_source *s = src_resolve("json", p, NULL, NULL);
    CHECK(s != NULL);
    if (s) {
        CHECK_EQ_STR(src_schema(s), "struct<age:bigint,name:string>");
        CHECK_EQ_STR(src_rows(s), "NULL,Michael|30,Andy|19,Justin");
    }
    src_end();
}

/* JsonSuite "Primitive field and type inferring". */
EM_TEST(json_suite_primitive_inference)
{
    src_begin();
    io_source *s = json_lines(
        "{\"string\":\"this is a simple string.\",\"integer\":10,\"long\":21474836470,"
        "\"bigInteger\":92233720368547758070,\"double\":1.7976931348623157,\"boolean\":true,"
        "\"null\":null}\n",
        NULL, NULL);
    CHECK(s != NULL);
    if (s) {
        CHECK_EQ_STR(src_schema(s), "struct<bigInteger:decimal(20,0),boolean:boolean,"
                                    "double:double,integer:bigint,long:bigint,null:string,"
                                    "string:string>");
        CHECK_EQ_STR(src_rows(s), "92233720368547758070,true,1.7976931348623157,10,21474836470,"
                                  "NULL,this is a simple string.");
    }
    src_end();
}

/* JsonSuite "Type conflict in primitive field values". */
EM_TEST(json_suite_primitive_conflicts)
{
    src_begin();
    io_source *s = json_lines(
        "{\"num_num_1\":11,\"num_num_2\":null,\"num_num_3\":1.1,\"num_bool\":true,"
        "\"num_str\":13.1,\"str_bool\":\"str1\"}\n"
        "{\"num_num_1\":null,\"num_num_2\":21474836470.9,\"num_num_3\":null,\"num_bool\":12,"
        "\"num_str\":null,\"str_bool\":true}\n"
        "{\"num_num_1\":21474836470,\"num_num_2\":92233720368547758070,\"num_num_3\":100,"
        "\"num_bool\":false,\"num_str\":\"str1\",\"str_bool\":false}\n"
        "{\"num_num_1\":21474836570,\"num_num_2\":1.1,\"num_num_3\":21474836470,"
        "\"num_bool\":null,\"num_str\":92233720368547758070,\"str_bool\":null}\n",
        NULL, NULL);
    CHECK(s != NULL);
    if (s) {
        CHECK_EQ_STR(src_schema(s), "struct<num_bool:string,num_num_1:bigint,num_num_2:double,"
                                    "num_num_3:double,num_str:string,str_bool:string>");
        CHECK_EQ_STR(src_rows(s), "true,11,NULL,1.1,13.1,str1|12,NULL,2.14748364709E10,NULL,NULL,"
                                  "true|false,21474836470,9.223372036854776E19,100.0,str1,false|"
                                  "NULL,21474836570,1.1,2.147483647E10,92233720368547758070,NULL");
    }
    src_end();
}

/* JsonSuite "Type conflict in complex field values". */
EM_TEST(json_suite_complex_conflicts)
{
    src_begin();
    io_source *s = json_lines(
        "{\"num_struct\":11,\"str_array\":[1,2,3],\"array\":[],\"struct_array\":[],\"struct\":{}}\n"
        "{\"num_struct\":{\"field\":false},\"str_array\":null,\"array\":null,\"struct_array\":{},"
        "\"struct\":null}\n"
        "{\"num_struct\":null,\"str_array\":\"str\",\"array\":[4,5,6],\"struct_array\":[7,8,9],"
        "\"struct\":{\"field\":null}}\n"
        "{\"num_struct\":{},\"str_array\":[\"str1\",\"str2\",33],\"array\":[7],"
        "\"struct_array\":{\"field\":true},\"struct\":{\"field\":\"str\"}}\n",
        NULL, NULL);
    CHECK(s != NULL);
    if (s) {
        CHECK_EQ_STR(src_schema(s), "struct<array:array<bigint>,num_struct:string,"
                                    "str_array:string,struct:struct<field:string>,"
                                    "struct_array:string>");
        CHECK_EQ_STR(src_rows(s), "[],11,[1,2,3],{NULL},[]|NULL,{\"field\":false},NULL,NULL,{}|"
                                  "[4, 5, 6],NULL,str,{NULL},[7,8,9]|[7],{},[\"str1\",\"str2\",33],"
                                  "{str},{\"field\":true}");
    }
    src_end();
}

/* JsonSuite "Type conflict in array elements" and "Handling missing fields". */
EM_TEST(json_suite_array_conflicts_missing_fields)
{
    src_begin();
    io_source *s = json_lines("{\"array1\":[1,1.1,true,null,[],{},[2,3,4],{\"field\":\"str\"}],"
                              "\"array2\":[{\"field\":214748364700},{\"field\":1}]}\n"
                              "{\"array3\":[{\"field\":\"str\"},{\"field\":1}]}\n"
                              "{\"array3\":[1,2,3]}\n",
                              NULL, NULL);
    CHECK(s != NULL);
    if (s) {
        CHECK_EQ_STR(src_schema(s), "struct<array1:array<string>,array2:array<struct<field:"
                                    "bigint>>,array3:array<string>>");
        CHECK_EQ_STR(src_rows(s), "[1, 1.1, true, NULL, [], {}, [2,3,4], {\"field\":\"str\"}],"
                                  "[{214748364700}, {1}],NULL|NULL,NULL,[{\"field\":\"str\"}, "
                                  "{\"field\":1}]|NULL,NULL,[1, 2, 3]");
    }
    s = json_lines("{\"a\":true}\n{\"b\":21474836470}\n{\"c\":[33,44]}\n{\"d\":{\"field\":true}}\n"
                   "{\"e\":\"str\"}\n",
                   NULL, NULL);
    CHECK(s && strcmp(src_schema(s), "struct<a:boolean,b:bigint,c:array<bigint>,d:struct<field:"
                                     "boolean>,e:string>") == 0);
    src_end();
}

/* JsonSuite "SPARK-3308 Read top level JSON arrays". */
EM_TEST(json_suite_top_level_arrays)
{
    src_begin();
    io_source *s = json_lines("[{\"a\":\"str_a_1\"}]\n[{\"a\":\"str_a_2\"}, {\"b\":\"str_b_3\"}]\n"
                              "{\"b\":\"str_b_4\", \"a\":\"str_a_4\", \"c\":\"str_c_4\"}\n[]\n",
                              NULL, NULL);
    CHECK(s != NULL);
    if (s) {
        CHECK_EQ_STR(src_schema(s), "struct<a:string,b:string,c:string>");
        CHECK_EQ_STR(src_rows(s), "str_a_1,NULL,NULL|str_a_2,NULL,NULL|NULL,str_b_3,NULL|str_a_4,"
                                  "str_b_4,str_c_4");
    }
    src_end();
}

static const char *json_corrupt_records =
    "{\n"
    "\n"
    "{\"a\":1, b:2}\n"
    "{\"a\":{, b:3}\n"
    "{\"b\":\"str_b_4\", \"a\":\"str_a_4\", \"c\":\"str_c_4\"}\n"
    "]\n";

/* JsonSuite corrupt records: PERMISSIVE with and without the designated column, the option
   rename, DROPMALFORMED, FAILFAST at inference and at read. */
EM_TEST(json_suite_corrupt_records)
{
    src_begin();
    io_source *s = json_lines(json_corrupt_records, src_struct("a:string,b:string,c:string"), NULL);
    CHECK(s && strcmp(src_rows(s), "NULL,NULL,NULL|NULL,NULL,NULL|NULL,NULL,NULL|str_a_4,"
                                   "str_b_4,str_c_4|NULL,NULL,NULL") == 0);
    S.conf.corrupt_record = "_unparsed";
    s = json_lines(json_corrupt_records, NULL, NULL);
    CHECK(s != NULL);
    if (s) {
        CHECK_EQ_STR(src_schema(s), "struct<_unparsed:string,a:string,b:string,c:string>");
        CHECK_EQ_STR(src_rows(s), "{,NULL,NULL,NULL|{\"a\":1, b:2},NULL,NULL,NULL|{\"a\":{, b:3},"
                                  "NULL,NULL,NULL|NULL,str_a_4,str_b_4,str_c_4|],NULL,NULL,NULL");
    }
    S.conf.corrupt_record = "_corrupt_record";
    s = json_lines(json_corrupt_records, NULL, OPTS("columnNameOfCorruptRecord=_malformed"));
    CHECK(s && strcmp(src_schema(s), "struct<_malformed:string,a:string,b:string,c:string>") == 0);
    s = json_lines(json_corrupt_records, NULL, OPTS("mode=DROPMALFORMED"));
    CHECK(s && strcmp(src_schema(s), "struct<a:string,b:string,c:string>") == 0);
    if (s)
        CHECK_EQ_STR(src_rows(s), "str_a_4,str_b_4,str_c_4");
    s = json_lines(json_corrupt_records, src_struct("a:string"), OPTS("mode=DROPMALFORMED"));
    CHECK(s && strcmp(src_rows(s), "str_a_4") == 0);
    s = json_lines(json_corrupt_records, NULL, OPTS("mode=FAILFAST"));
    CHECK(!s && strcmp(S.err.error_class, "MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION") == 0);
    CHECK_EQ_STR(em_error_param_get(&S.err, "badRecord"), "_corrupt_record");
    s = json_lines(json_corrupt_records, src_struct("a:string"), OPTS("mode=FAILFAST"));
    CHECK(s && strcmp(src_rows(s), "ERROR:FAILED_READ_FILE.NO_HINT") == 0);
    /* "SPARK-19641: Additional corrupt records: DROPMALFORMED mode" */
    s = json_lines(
        "{\"dummy\":\"test\"}\n[1,2,3]\n\":\"test\", \"a\":1}\n42\n     \",\"ian\":\"test\"}\n",
        NULL, OPTS("mode=DROPMALFORMED"));
    CHECK(s && strcmp(src_schema(s), "struct<dummy:string>") == 0);
    if (s)
        CHECK_EQ_STR(src_rows(s), "test");
    src_end();
}

/* JsonSuite "SPARK-4068: nulls in arrays". */
EM_TEST(json_suite_nulls_in_arrays)
{
    src_begin();
    io_source *s = json_lines("{\"field1\":[[null], [[[\"Test\"]]]]}\n"
                              "{\"field2\":[null, [{\"Test\":1}]]}\n"
                              "{\"field3\":[[null], [{\"Test\":\"2\"}]]}\n"
                              "{\"field4\":[[null, [1,2,3]]]}\n",
                              NULL, NULL);
    CHECK(s != NULL);
    if (s) {
        CHECK_EQ_STR(src_schema(s), "struct<field1:array<array<array<array<string>>>>,field2:array<"
                                    "array<struct<Test:bigint>>>,field3:array<array<struct<Test:"
                                    "string>>>,field4:array<array<array<bigint>>>>");
        CHECK_EQ_STR(src_rows(s),
                     "[[NULL], [[[Test]]]],NULL,NULL,NULL|NULL,[NULL, [{1}]],NULL,NULL|"
                     "NULL,NULL,[[NULL], [{2}]],NULL|NULL,NULL,NULL,[[NULL, [1, 2, 3]]]");
    }
    src_end();
}

/* JsonSuite "SPARK-8093 Erase empty structs" (emptyRecords: the empty structs vanish; that test
   names the corrupt column "", which vanishes too, here it is the default name) and "Casting long
   as timestamp" (seconds since the epoch: 2016-01-02 03:04:05 in the suite's Los Angeles zone). */
EM_TEST(json_suite_empty_structs_and_long_timestamps)
{
    src_begin();
    io_source *s = json_lines("{\n\n{\"a\": {}}\n{\"a\": {\"b\": {}}}\n{\"b\": [{\"c\": {}}]}\n]\n",
                              NULL, NULL);
    CHECK(s && strcmp(src_schema(s), "struct<_corrupt_record:string>") == 0);
    s = json_lines("{\"ts\":1451732645}\n", src_struct("ts:timestamp"), NULL);
    CHECK(s && strcmp(src_rows(s), "2016-01-02 11:04:05") == 0);
    src_end();
}

/* JsonSuite "SPARK-18352: Parse normal multi-line JSON files", "Expect one JSON document per
   file", "Handle multi-line corrupt documents (PERMISSIVE)". */
EM_TEST(json_suite_multiline)
{
    src_begin();
    src_write("ml/a.json", "{\n  \"a\": 1,\n  \"b\": [1,\n 2]\n}\n", -1);
    src_write("ml/b.json", "[{\"a\": 2},\n {\"a\": 3, \"c\": \"x\"}]", -1);
    io_source *s = src_resolve("json", src_path("ml"), NULL, OPTS("multiLine=true"));
    CHECK(s != NULL);
    if (s) {
        CHECK_EQ_STR(src_schema(s), "struct<a:bigint,b:array<bigint>,c:string>");
        /* b.json (31 bytes) is larger than a.json (29): Spark reads it first */
        CHECK_EQ_STR(src_rows(s), "2,NULL,NULL|3,NULL,x|1,[1, 2],NULL");
    }
    /* "Expect one JSON document per file": the rest of the file is ignored */
    src_write("one/x.txt", "{}{invalid}\n", -1);
    s = src_resolve("json", src_path("one"), NULL, OPTS("multiLine=true"));
    CHECK(s && strcmp(src_schema(s), "struct<>") == 0);
    if (s) {
        vec_batch *b = NULL;
        CHECK(io_source_read_all(s, NULL, 0, &b, &S.err) == 0 && b && b->n_rows == 1);
        vec_batch_free(b);
    }
    src_write("mlc/c.json", "{\n\"a\": 1\n", -1);
    s = src_resolve("json", src_path("mlc"), NULL, OPTS("multiLine=true"));
    CHECK(s && strcmp(src_schema(s), "struct<_corrupt_record:string>") == 0);
    /* only the corrupt-record column: Spark refuses the query (SPARK-49016) */
    if (s)
        CHECK_EQ_STR(src_rows(s), "ERROR:UNSUPPORTED_FEATURE.QUERY_ONLY_CORRUPT_RECORD_COLUMN");
    src_write("mlc/d.json", "{\"a\": 1}", -1);
    s = src_resolve("json", src_path("mlc"), NULL, OPTS("multiLine=true"));
    CHECK(s && strcmp(src_schema(s), "struct<_corrupt_record:string,a:bigint>") == 0);
    if (s)
        CHECK_EQ_STR(src_rows(s), "{\n\"a\": 1\n,NULL|NULL,1");
    src_end();
}

/* JacksonParser conversions into a user schema: ints from JSON numbers, dates and timestamps
   from strings (the legacy fallback: "GMT" dropped), root field failures keep the other fields
   (partial results) and fill the corrupt column, nested structs keep partial values, special
   floats from strings, decimals from numbers and strings. */
EM_TEST(json_read_conversions)
{
    src_begin();
    io_source *s = json_lines(
        "{\"i\":1,\"d\":\"2020-01-02\",\"t\":\"2020-01-02 03:04:05\",\"f\":\"NaN\",\"x\":1.25}\n"
        "{\"i\":1.5,\"d\":\"2020-1-2\",\"t\":\"2020-01-02T03:04:05Z\",\"f\":\"-INF\",\"x\":\"3.5\"}"
        "\n"
        "{\"i\":\"7\",\"d\":\"2020/01/02\",\"t\":\"\",\"f\":2,\"x\":123456}\n",
        src_struct("i:int,d:date,t:timestamp,f:double,x:decimal(5;2),_corrupt_record:string"),
        NULL);
    CHECK(s != NULL);
    if (s)
        CHECK_EQ_STR(
            src_rows(s),
            "1,2020-01-02,2020-01-02 03:04:05,NaN,1.25,NULL|"
            "NULL,2020-01-02,2020-01-02 03:04:05,-Infinity,3.50,{\"i\":1.5,\"d\":\"2020-1-2\","
            "\"t\":\"2020-01-02T03:04:05Z\",\"f\":\"-INF\",\"x\":\"3.5\"}|"
            "NULL,NULL,NULL,2.0,NULL,{\"i\":\"7\",\"d\":\"2020/01/02\",\"t\":\"\","
            "\"f\":2,\"x\":123456}");
    s = json_lines("{\"s\":{\"a\":1,\"b\":\"x\"}}\n", src_struct("s:struct<a:int/b:int>"), NULL);
    CHECK(s && strcmp(src_rows(s), "{1, NULL}") == 0);
    src_end();
}

/* Maps read from objects (string keys), and a string column takes nested JSON text. */
EM_TEST(json_read_maps_and_raw_text)
{
    src_begin();
    io_source *s = json_lines("{\"m\":{\"k1\":1,\"k2\":null},\"r\":{\"x\": [1, 2]}}\n",
                              src_struct("m:map<string;bigint>,r:string"), NULL);
    CHECK(s && strcmp(src_rows(s), "{k1 -> 1, k2 -> NULL},{\"x\": [1, 2]}") == 0);
    src_end();
}

/* Jackson's grammar under JSONOptions: single quotes and NaN allowed by default; comments,
   unquoted names and leading zeros only with their options. */
EM_TEST(json_grammar_options)
{
    src_begin();
    io_source *s = json_lines("{'a':'x','b':NaN}\n", NULL, NULL);
    CHECK(s && strcmp(src_schema(s), "struct<a:string,b:double>") == 0);
    s = json_lines("{a:1}\n", NULL, NULL);
    CHECK(s && strcmp(src_schema(s), "struct<_corrupt_record:string>") == 0);
    s = json_lines("{a:1}\n", NULL, OPTS("allowUnquotedFieldNames=true"));
    CHECK(s && strcmp(src_schema(s), "struct<a:bigint>") == 0);
    s = json_lines("{\"a\":01}\n", NULL, NULL);
    CHECK(s && strcmp(src_schema(s), "struct<_corrupt_record:string>") == 0);
    s = json_lines("{\"a\":01}\n", NULL, OPTS("allowNumericLeadingZeros=true"));
    CHECK(s && strcmp(src_schema(s), "struct<a:bigint>") == 0);
    s = json_lines("/* c */{\"a\":1}\n", NULL, OPTS("allowComments=true"));
    CHECK(s && strcmp(src_schema(s), "struct<a:bigint>") == 0);
    s = json_lines("{\"a\":1.5}\n", NULL, OPTS("prefersDecimal=true"));
    CHECK(s && strcmp(src_schema(s), "struct<a:decimal(2,1)>") == 0);
    s = json_lines("{\"a\":1,\"b\":true}\n", NULL, OPTS("primitivesAsString=true"));
    CHECK(s && strcmp(src_schema(s), "struct<a:string,b:string>") == 0);
    s = json_lines("{\"a\":null,\"b\":[]}\n", NULL, OPTS("dropFieldIfAllNull=true"));
    CHECK(s && strcmp(src_schema(s), "struct<>") == 0);
    /* deep nesting past maxNestingDepth is a malformed record, not a crash */
    char deep[5000];
    int k = 0;
    for (int i = 0; i < 2000; i++)
        deep[k++] = '[';
    deep[k++] = '\n';
    deep[k] = '\0';
    s = json_lines(deep, NULL, NULL);
    CHECK(s && strcmp(src_schema(s), "struct<_corrupt_record:string>") == 0);
    src_end();
}
