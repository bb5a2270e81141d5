/*
 * test_sql_type: data types, DDL schemas and Spark's DataType JSON. Expected types follow
 * DataTypeAstBuilder.visitPrimitiveDataType / visitComplexDataType (sql/api/.../parser), the
 * schema fallbacks of SparkConnectPlanner.parseDatatypeString and
 * DataType.parseTypeWithFallback, and DataType.parseDataType / nameToType for JSON. Printed
 * with ty_simple_string (Spark's simpleString).
 */
#include "sql_test_util.h"

EM_TEST(type_names_and_aliases)
{
    CHECK_EQ_STR(st_type('t', "boolean"), "boolean");
    CHECK_EQ_STR(st_type('t', "tinyint"), "tinyint");
    CHECK_EQ_STR(st_type('t', "BYTE"), "tinyint");
    CHECK_EQ_STR(st_type('t', "smallint"), "smallint");
    CHECK_EQ_STR(st_type('t', "short"), "smallint");
    CHECK_EQ_STR(st_type('t', "int"), "int");
    CHECK_EQ_STR(st_type('t', "Integer"), "int");
    CHECK_EQ_STR(st_type('t', "bigint"), "bigint");
    CHECK_EQ_STR(st_type('t', "long"), "bigint");
    CHECK_EQ_STR(st_type('t', "float"), "float");
    CHECK_EQ_STR(st_type('t', "real"), "float");
    CHECK_EQ_STR(st_type('t', "double"), "double");
    CHECK_EQ_STR(st_type('t', "decimal"), "decimal(10,0)"); /* DecimalType.USER_DEFAULT */
    CHECK_EQ_STR(st_type('t', "dec(5)"), "decimal(5,0)");
    CHECK_EQ_STR(st_type('t', "numeric(10, 2)"), "decimal(10,2)");
    CHECK_EQ_STR(st_type('t', "string"), "string");
    CHECK_EQ_STR(st_type('t', "char(3)"), "char(3)");
    CHECK_EQ_STR(st_type('t', "character(3)"), "char(3)");
    CHECK_EQ_STR(st_type('t', "varchar(10)"), "varchar(10)");
    CHECK_EQ_STR(st_type('t', "binary"), "binary");
    CHECK_EQ_STR(st_type('t', "date"), "date");
    CHECK_EQ_STR(st_type('t', "timestamp"), "timestamp"); /* spark.sql.timestampType default */
    CHECK_EQ_STR(st_type('t', "timestamp_ltz"), "timestamp");
    CHECK_EQ_STR(st_type('t', "timestamp_ntz"), "timestamp_ntz");
    CHECK_EQ_STR(st_type('t', "timestamp without time zone"), "timestamp_ntz");
    CHECK_EQ_STR(st_type('t', "void"), "void");
    CHECK_EQ_STR(st_type('t', "variant"), "variant");
    CHECK_EQ_STR(st_type('t', "interval"), "interval");
    CHECK_EQ_STR(st_type('t', "interval year"), "interval year");
    CHECK_EQ_STR(st_type('t', "interval year to month"), "interval year to month");
    CHECK_EQ_STR(st_type('t', "interval month"), "interval month");
    CHECK_EQ_STR(st_type('t', "interval day"), "interval day");
    CHECK_EQ_STR(st_type('t', "interval day to second"), "interval day to second");
    CHECK_EQ_STR(st_type('t', "interval hour to minute"), "interval hour to minute");
    CHECK_EQ_STR(st_type('t', "interval second"), "interval second");
}

EM_TEST(type_nested)
{
    CHECK_EQ_STR(st_type('t', "array<int>"), "array<int>");
    CHECK_EQ_STR(st_type('t', "ARRAY<ARRAY<INT>>"), "array<array<int>>"); /* '>>' closes both */
    CHECK_EQ_STR(st_type('t', "map<string,array<struct<a:int,b:string>>>"),
                 "map<string,array<struct<a:int,b:string>>>");
    CHECK_EQ_STR(st_type('t', "struct<a:int, b string NOT NULL COMMENT 'x'>"),
                 "struct<a:int,b:string>");
    CHECK_EQ_STR(st_type('t', "struct<>"), "struct<>");
    CHECK_EQ_STR(st_type('t', "struct< >"), "struct<>");
    CHECK_EQ_STR(st_type('t', "struct<`a b`:int>"), "struct<a b:int>"); /* no quoting */
    em_arena a;
    em_arena_init(&a, 0);
    em_error err;
    em_error_clear(&err);
    const ty *t;
    CHECK_EQ_INT(
        sql_parse_type("struct<a:int NOT NULL COMMENT 'it''s', b:array<int>>", &a, &t, &err), 0);
    CHECK_EQ_INT(t->n_fields, 2);
    CHECK(!t->fields[0].nullable);
    CHECK_EQ_STR(t->fields[0].metadata, "{\"comment\":\"it's\"}");
    CHECK(t->fields[1].nullable);
    CHECK(t->fields[1].type->contains_null);
    em_arena_release(&a);
}

/* Errors raised by DataTypeAstBuilder (parse-time, deferred behind syntax errors). */
EM_TEST(type_errors)
{
    em_arena a;
    em_arena_init(&a, 0);
    em_error err;
    const ty *t;
    em_error_clear(&err);
    CHECK(sql_parse_type("BINT", &a, &t, &err) != 0);
    CHECK_EQ_STR(st_err_line(&err), "UNSUPPORTED_DATATYPE|typeName=\"BINT\""); /* cast.sql.out */
    em_error_clear(&err);
    CHECK(sql_parse_type("foo(1, 2)", &a, &t, &err) != 0);
    CHECK_EQ_STR(st_err_line(&err), "UNSUPPORTED_DATATYPE|typeName=\"FOO(1,2)\"");
    em_error_clear(&err);
    CHECK(sql_parse_type("varchar", &a, &t, &err) != 0);
    CHECK_EQ_STR(st_err_line(&err), "DATATYPE_MISSING_SIZE|type=\"VARCHAR\"");
    em_error_clear(&err);
    CHECK(sql_parse_type("array", &a, &t, &err) != 0);
    CHECK_EQ_STR(st_err_line(&err), "INCOMPLETE_TYPE_DEFINITION.ARRAY|elementType=<INT>");
    em_error_clear(&err);
    CHECK(sql_parse_type("decimal(40, 2)", &a, &t, &err) != 0);
    CHECK_EQ_STR(st_err_line(&err),
                 "DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION|precision=40|maxPrecision=38");
    em_error_clear(&err);
    CHECK(sql_parse_type("decimal(2, 3)", &a, &t, &err) != 0);
    CHECK_EQ_STR(st_err_line(&err), "_LEGACY_ERROR_TEMP_1228|scale=3|precision=2");
    em_error_clear(&err);
    /* A syntax error wins over the unsupported type before it. */
    CHECK(sql_parse_type("a InvalidType", &a, &t, &err) != 0);
    CHECK_EQ_STR(st_err_line(&err),
                 "PARSE_SYNTAX_ERROR|error='InvalidType'|hint=: extra input 'InvalidType'");
    em_error_clear(&err);
    CHECK(sql_parse_type("array<int", &a, &t, &err) != 0);
    CHECK_EQ_STR(st_err_line(&err), "PARSE_SYNTAX_ERROR|error=end of input|hint=");
    em_arena_release(&a);
}

EM_TEST(type_schemas)
{
    /* StructType.fromDDL: a column list (no colon between name and type). */
    CHECK_EQ_STR(st_type('d', "a INT, b STRING NOT NULL"), "struct<a:int,b:string>");
    CHECK_EQ_STR(st_type('d', "a:int"), "ERROR PARSE_SYNTAX_ERROR");
    /* parseDatatypeString: column list, then a type, then struct<...>. */
    CHECK_EQ_STR(st_type('s', "a int, b array<string>"), "struct<a:int,b:array<string>>");
    CHECK_EQ_STR(st_type('s', "int"), "int");
    CHECK_EQ_STR(st_type('s', "array<int>"), "array<int>");
    CHECK_EQ_STR(st_type('s', "a: int, b: string"), "struct<a:int,b:string>");
    CHECK_EQ_STR(st_type('s', "struct<x:int>"), "struct<x:int>");
    /* then JSON (DataType.parseTypeWithFallback). */
    CHECK_EQ_STR(st_type('s', "{\"type\":\"struct\",\"fields\":[{\"name\":\"x\",\"type\":\"long\","
                              "\"nullable\":true,\"metadata\":{}}]}"),
                 "struct<x:bigint>");
    /* A failure reports the column-list error. */
    CHECK_EQ_STR(st_type('s', "a InvalidType"), "ERROR UNSUPPORTED_DATATYPE");
    /* DataType.fromDDL (from_json / from_csv schemas): a type first, then a column list, and
       the type's error when both fail (csv-functions.sql.out: 'a InvalidType'). */
    CHECK_EQ_STR(st_type('f', "a INT, b STRING"), "struct<a:int,b:string>");
    CHECK_EQ_STR(st_type('f', "map<string,int>"), "map<string,int>");
    CHECK_EQ_STR(st_type('f', "a InvalidType"), "ERROR PARSE_SYNTAX_ERROR");
    /* LocalRelation: a non-struct type T becomes struct<value:T> (toStructTypeOrWrap). */
    CHECK_EQ_STR(st_type('l', "int"), "struct<value:int>");
    CHECK_EQ_STR(st_type('l', "a int"), "struct<a:int>");
    CHECK_EQ_STR(st_type('l', "\"string\""), "struct<value:string>");
}

EM_TEST(type_json)
{
    CHECK_EQ_STR(st_type('j', "\"long\""), "bigint");
    CHECK_EQ_STR(st_type('j', "\"integer\""), "int");
    CHECK_EQ_STR(st_type('j', "\"null\""), "void");
    CHECK_EQ_STR(st_type('j', "\"void\""), "void");
    CHECK_EQ_STR(st_type('j', "\"decimal\""), "decimal(10,0)");
    CHECK_EQ_STR(st_type('j', "\"decimal( 10 , 2 )\""), "decimal(10,2)");
    CHECK_EQ_STR(st_type('j', "\"varchar(5)\""), "varchar(5)");
    CHECK_EQ_STR(st_type('j', "\"timestamp_ltz\""), "timestamp");
    CHECK_EQ_STR(st_type('j', "\"interval day to second\""), "interval day to second");
    CHECK_EQ_STR(st_type('j', "\"interval year to month\""), "interval year to month");
    CHECK_EQ_STR(st_type('j', "{\"type\":\"array\",\"elementType\":\"string\",\"containsNull\":"
                              "false}"),
                 "array<string>");
    CHECK_EQ_STR(st_type('j', "{\"type\":\"map\",\"keyType\":\"string\",\"valueType\":\"double\","
                              "\"valueContainsNull\":true}"),
                 "map<string,double>");
    /* Field without metadata or nullable (parseStructField's optional members). */
    CHECK_EQ_STR(st_type('j', "{\"type\":\"struct\",\"fields\":[{\"name\":\"a\",\"type\":"
                              "\"short\"}]}"),
                 "struct<a:smallint>");
    /* Exact key sets: an extra or missing key is INVALID_JSON_DATA_TYPE. */
    CHECK_EQ_STR(st_type('j', "{\"type\":\"array\",\"elementType\":\"string\"}"),
                 "ERROR INVALID_JSON_DATA_TYPE");
    CHECK_EQ_STR(st_type('j', "\"int\""), "ERROR INVALID_JSON_DATA_TYPE");
    CHECK_EQ_STR(st_type('j', "{\"type\":"), "ERROR INVALID_JSON_DATA_TYPE");
    CHECK_EQ_STR(st_type('j', "[1, 2"), "ERROR INVALID_JSON_DATA_TYPE");

    em_arena a;
    em_arena_init(&a, 0);
    em_error err;
    em_error_clear(&err);
    const ty *t;
    const char *json =
        "{\"type\":\"struct\",\"fields\":[{\"name\":\"n\",\"type\":\"string\",\"nullable\":false,"
        "\"metadata\":{\"comment\":\"x \\u00e9\",\"n\":[1,2.5e3,true,null],"
        "\"__COLLATIONS\":{\"n\":\"spark.UTF8_LCASE\"}}}]}";
    CHECK_EQ_INT(sql_parse_json_type(json, &a, &t, &err), 0);
    CHECK_EQ_INT(t->n_fields, 1);
    CHECK(!t->fields[0].nullable);
    /* Metadata kept compact, without __COLLATIONS (which set the collation instead). */
    CHECK_EQ_STR(t->fields[0].metadata, "{\"comment\":\"x \xc3\xa9\",\"n\":[1,2.5e3,true,null]}");
    CHECK_EQ_STR(t->fields[0].type->collation, "UTF8_LCASE");
    /* INVALID_JSON_DATA_TYPE shows the offending value compactly. */
    em_error_clear(&err);
    CHECK(sql_parse_json_type("{ \"type\" : \"array\" }", &a, &t, &err) != 0);
    CHECK_EQ_STR(st_err_line(&err), "INVALID_JSON_DATA_TYPE|invalidType={\"type\":\"array\"}");
    em_arena_release(&a);
}

/* Hostile JSON: deep nesting and junk never crash. */
EM_TEST(type_json_hostile)
{
    static char deep[200001];
    for (int idx = 0; idx < 100000; idx++) {
        deep[idx] = '[';
        deep[200000 - 1 - idx] = ']';
    }
    deep[200000] = '\0';
    CHECK_EQ_STR(st_type('j', deep), "ERROR INVALID_JSON_DATA_TYPE");
    CHECK_EQ_STR(st_type('j', "\"\\ud800\""), "ERROR INVALID_JSON_DATA_TYPE");
    CHECK_EQ_STR(st_type('j', "{\"type\":\"struct\",\"fields\":[1]}"),
                 "ERROR INVALID_JSON_DATA_TYPE");
    CHECK_EQ_STR(st_type('j', "\"decimal(99999999999,1)\""),
                 "ERROR DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION");
}

/* singleMultipartIdentifier (spark.table(name), saveAsTable(name)...): parts unquoted. */
EM_TEST(type_identifiers)
{
    em_arena a;
    em_arena_init(&a, 0);
    em_error err;
    em_error_clear(&err);
    int n;
    const char **parts;
    CHECK_EQ_INT(sql_parse_identifier("a.`b.c`.d", &a, &n, &parts, &err), 0);
    CHECK_EQ_INT(n, 3);
    CHECK_EQ_STR(parts[0], "a");
    CHECK_EQ_STR(parts[1], "b.c");
    CHECK_EQ_STR(parts[2], "d");
    CHECK_EQ_INT(sql_parse_identifier("`a``b` ", &a, &n, &parts, &err), 0);
    CHECK_EQ_INT(n, 1);
    CHECK_EQ_STR(parts[0], "a`b");
    CHECK_EQ_INT(sql_parse_identifier("spark_catalog.default.select", &a, &n, &parts, &err), 0);
    CHECK_EQ_STR(parts[2], "select"); /* keywords are identifiers */
    CHECK(sql_parse_identifier("my-table", &a, &n, &parts, &err) != 0);
    CHECK_EQ_STR(st_err_line(&err), "INVALID_IDENTIFIER|ident=my-table");
    em_error_clear(&err);
    CHECK(sql_parse_identifier("a.", &a, &n, &parts, &err) != 0);
    CHECK_EQ_STR(st_err_line(&err), "PARSE_SYNTAX_ERROR|error=end of input|hint=");
    em_error_clear(&err);
    CHECK(sql_parse_identifier("a b", &a, &n, &parts, &err) != 0);
    CHECK_EQ_STR(st_err_line(&err), "PARSE_SYNTAX_ERROR|error='b'|hint=: extra input 'b'");
    em_arena_release(&a);
}

int main(int c, char **v)
{
    return em_test_main(c, v);
}
