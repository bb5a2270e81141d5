/*
 * Spark's SQL golden files for CSV and JSON (../shared/conformance/spark-sql-tests:
 * inputs/csv-functions.sql, inputs/json-functions.sql and their results). from_csv /
 * from_json run the same parsers as the file readers (UnivocityParser, JacksonParser) and
 * schema_of_csv / schema_of_json the same inference (CSVInferSchema, JsonInferSchema), so each
 * case writes the function's input text into a file and reads it with the function's schema and
 * options; the expected values and types are the golden outputs (results line cited).
 */
#include <stdio.h>
#include <string.h>

#include "src_util.h"

#define OPTS(...) ((const char *const[]){__VA_ARGS__, NULL})

/* The parquet corpus folder given to the test binary (test_source.c). */
const char *src_corpus_dir(void);

static io_source *gd_read(const char *format, const char *text, const ty *schema,
                          const char *const *opts)
{
    src_write("g/part-0", text, -1);
    return src_resolve(format, src_path("g"), schema, opts);
}

/* csv-functions.sql.out: from_csv and schema_of_csv. */
EM_TEST(golden_csv_functions)
{
    src_begin();
    /* line 3: from_csv('1, 3.14', 'a INT, f FLOAT') -> {"a":1,"f":3.14} */
    io_source *s = gd_read("csv", "1, 3.14\n", src_struct("a:int,f:float"), NULL);
    CHECK(s && strcmp(src_rows(s), "1,3.14") == 0);
    /* line 11: from_csv('26/08/2015', 'time Timestamp', timestampFormat dd/MM/yyyy) */
    s = gd_read("csv", "26/08/2015\n", src_struct("time:timestamp"),
                OPTS("timestampFormat=dd/MM/yyyy"));
    CHECK(s && strcmp(src_rows(s), "2015-08-26 00:00:00") == 0);
    /* line 153: from_csv('1,abc', schema_of_csv('1,abc')) -> struct<_c0:int,_c1:string> */
    s = gd_read("csv", "1,abc\n", NULL, OPTS("inferSchema=true"));
    CHECK(s && strcmp(src_schema(s), "struct<_c0:int,_c1:string>") == 0);
    if (s)
        CHECK_EQ_STR(src_rows(s), "1,abc");
    /* line 161: schema_of_csv('1|abc', map('delimiter', '|')) -> STRUCT<_c0: INT, _c1: STRING> */
    s = gd_read("csv", "1|abc\n", NULL, OPTS("inferSchema=true", "delimiter=|"));
    CHECK(s && strcmp(src_schema(s), "struct<_c0:int,_c1:string>") == 0);
    src_end();
}

/* json-functions.sql.out: from_json and schema_of_json. */
EM_TEST(golden_json_functions)
{
    src_begin();
    /* line 133: from_json('{"a":1}', 'a INT') -> {"a":1} */
    io_source *s = gd_read("json", "{\"a\":1}\n", src_struct("a:int"), NULL);
    CHECK(s && strcmp(src_rows(s), "1") == 0);
    /* from_json('{"time":"26/08/2015"}', 'time Timestamp', timestampFormat dd/MM/yyyy) */
    s = gd_read("json", "{\"time\":\"26/08/2015\"}\n", src_struct("time:timestamp"),
                OPTS("timestampFormat=dd/MM/yyyy"));
    CHECK(s && strcmp(src_rows(s), "2015-08-26 00:00:00") == 0);
    /* line 316: from_json('{"a":1, "b":"2"}', 'struct<a:int,b:string>') -> {"a":1,"b":"2"} */
    s = gd_read("json", "{\"a\":1, \"b\":\"2\"}\n", src_struct("a:int,b:string"), NULL);
    CHECK(s && strcmp(src_rows(s), "1,2") == 0);
    /* line 324: schema_of_json('{"c1":0, "c2":[1]}') -> STRUCT<c1: BIGINT, c2: ARRAY<BIGINT>> */
    s = gd_read("json", "{\"c1\":0, \"c2\":[1]}\n", NULL, NULL);
    CHECK(s && strcmp(src_schema(s), "struct<c1:bigint,c2:array<bigint>>") == 0);
    /* line 461: primitivesAsString -> STRUCT<c1: STRING> */
    s = gd_read("json", "{\"c1\":1}\n", NULL, OPTS("primitivesAsString=true"));
    CHECK(s && strcmp(src_schema(s), "struct<c1:string>") == 0);
    /* line 469: allowNumericLeadingZeros + prefersDecimal -> STRUCT<c1: BIGINT, c2: DECIMAL(1,1)>
     */
    s = gd_read("json", "{\"c1\":01, \"c2\":0.1}\n", NULL,
                OPTS("allowNumericLeadingZeros=true", "prefersDecimal=true"));
    CHECK(s && strcmp(src_schema(s), "struct<c1:bigint,c2:decimal(1,1)>") == 0);
    /* line 404: dates and timestamps with the default formats */
    s = gd_read("json", "{\"d\": \"2012-12-15\", \"t\": \"2012-12-15 15:15:15\"}\n",
                src_struct("d:date,t:timestamp"), NULL);
    CHECK(s && strcmp(src_rows(s), "2012-12-15,2012-12-15 15:15:15") == 0);
    /* line 413: dateFormat 'MM/dd yyyy', timestampFormat 'MM/dd yyyy HH:mm:ss' */
    s = gd_read("json", "{\"d\": \"12/15 2012\", \"t\": \"12/15 2012 15:15:15\"}\n",
                src_struct("d:date,t:timestamp"),
                OPTS("dateFormat=MM/dd yyyy", "timestampFormat=MM/dd yyyy HH:mm:ss"));
    CHECK(s && strcmp(src_rows(s), "2012-12-15,2012-12-15 15:15:15") == 0);
    /* lines 424 / 435: "02-29" with dateFormat / timestampFormat 'MM-dd' -> null (1970) */
    s = gd_read("json", "{\"d\": \"02-29\"}\n", src_struct("d:date"), OPTS("dateFormat=MM-dd"));
    CHECK(s && strcmp(src_rows(s), "NULL") == 0);
    s = gd_read("json", "{\"t\": \"02-29\"}\n", src_struct("t:timestamp"),
                OPTS("timestampFormat=MM-dd"));
    CHECK(s && strcmp(src_rows(s), "NULL") == 0);
    src_end();
}

/* The golden runner's test tables (../shared/conformance/spark-sql-tests/test-tables: setup.sql
   defines them as csv / json tables over these files; rows as its README states): testdata
   (100 rows, key = value = 1..100), aggtest (agg.data, tab separated, 4 rows), arraydata and the
   mapdata entries (JSON with nested types). */
EM_TEST(golden_test_tables)
{
    src_begin();
    char dir[1024];
    snprintf(dir, sizeof dir, "%s/../spark-sql-tests/test-tables", src_corpus_dir());
    char p[1100];
    snprintf(p, sizeof p, "%s/testdata.csv", dir);
    io_source *s = src_resolve("csv", p, src_struct("key:int,value:string"),
                               OPTS("delimiter=,", "header=false"));
    CHECK(s != NULL);
    if (s) {
        vec_batch *b = NULL;
        CHECK(io_source_read_all(s, NULL, 0, &b, &S.err) == 0 && b);
        if (b) {
            CHECK_EQ_INT(b->n_rows, 100);
            int bad = 0;
            for (int64_t r = 0; r < b->n_rows; r++) {
                int32_t len;
                const char *v = vec_str(b->cols[1], r, &len);
                char want[16];
                snprintf(want, sizeof want, "%lld", (long long)r + 1);
                if (VEC_VALUES(b->cols[0], int32_t)[r] != r + 1 || (size_t)len != strlen(want) ||
                    memcmp(v, want, (size_t)len) != 0)
                    bad++;
            }
            CHECK_EQ_INT(bad, 0);
        }
        vec_batch_free(b);
    }
    snprintf(p, sizeof p, "%s/agg.data", dir);
    s = src_resolve("csv", p, src_struct("a:int,b:float"), OPTS("delimiter=\t", "header=false"));
    CHECK(s && strcmp(src_rows(s), "56,7.8|100,99.097|0,0.09561|42,324.78") == 0);
    snprintf(p, sizeof p, "%s/arraydata.json", dir);
    s = src_resolve("json", p, src_struct("arraycol:array<int>,nestedarraycol:array<array<int>>"),
                    NULL);
    CHECK(s && strcmp(src_rows(s), "[1, 2, 3],[[1, 2, 3]]|[2, 3, 4],[[2, 3, 4]]") == 0);
    snprintf(p, sizeof p, "%s/mapdata.json", dir);
    s = src_resolve("json", p, src_struct("mapcol:array<struct<key:int/value:string>>"), NULL);
    CHECK(s != NULL);
    if (s) {
        const char *rows = src_rows(s);
        CHECK(strncmp(rows, "[{1, a1}, {2, b1}, {3, c1}, {4, d1}, {5, e1}]|", 46) == 0);
        CHECK(strstr(rows, "|[{1, a5}]") != NULL);
    }
    src_end();
}
