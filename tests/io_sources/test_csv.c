/*
 * CSV reads. Expectations come from Spark: the CSV examples of the SQL data sources guide
 * (examples/src/main/python/sql/datasource.py, whose people.csv is in fixtures/spark-examples)
 * and CSVSuite.scala (sql/core/src/test/scala/.../datasources/csv/CSVSuite.scala, whose test
 * files are in fixtures/spark-test-data); each case names its source.
 */
#include <stdio.h>
#include <string.h>

#include "src_util.h"

extern const char *src_fixtures;

static const char *fx(const char *rel)
{
    static char b[4][1024];
    static int k;
    char *p = b[k++ & 3];
    snprintf(p, 1024, "%s/%s", src_fixtures, rel);
    return p;
}

#define OPTS(...) ((const char *const[]){__VA_ARGS__, NULL})

/* datasource.py csv_dataset_example: spark.read.csv(path).show() */
EM_TEST(csv_guide_default_options)
{
    src_begin();
    io_source *s = src_resolve("csv", fx("spark-examples/people.csv"), NULL, NULL);
    CHECK(s != NULL);
    if (s) {
        CHECK_EQ_STR(src_schema(s), "struct<_c0:string>");
        CHECK_EQ_STR(src_rows(s), "name;age;job|Jorge;30;Developer|Bob;32;Developer");
    }
    src_end();
}

/* datasource.py: option("delimiter", ";") and then header=True */
EM_TEST(csv_guide_delimiter_header)
{
    src_begin();
    io_source *s = src_resolve("csv", fx("spark-examples/people.csv"), NULL, OPTS("delimiter=;"));
    CHECK(s && strcmp(src_rows(s), "name,age,job|Jorge,30,Developer|Bob,32,Developer") == 0);
    s = src_resolve("csv", fx("spark-examples/people.csv"), NULL,
                    OPTS("delimiter=;", "header=True"));
    CHECK(s != NULL);
    if (s) {
        CHECK_EQ_STR(src_schema(s), "struct<name:string,age:string,job:string>");
        CHECK_EQ_STR(src_rows(s), "Jorge,30,Developer|Bob,32,Developer");
    }
    /* datasource.py manual_load_options_csv: sep=";", inferSchema, header -> age is int */
    s = src_resolve("csv", fx("spark-examples/people.csv"), NULL,
                    OPTS("sep=;", "inferSchema=true", "header=true"));
    CHECK(s && strcmp(src_schema(s), "struct<name:string,age:int,job:string>") == 0);
    src_end();
}

/* CSVSuite "simple csv test" / "simple csv test with type inference" (verifyCars). */
EM_TEST(csv_suite_cars)
{
    src_begin();
    io_source *s = src_resolve("csv", fx("spark-test-data/cars.csv"), NULL, OPTS("header=false"));
    CHECK(s != NULL);
    if (s) {
        CHECK_EQ_STR(src_schema(s),
                     "struct<_c0:string,_c1:string,_c2:string,_c3:string,_c4:string>");
        int c0 = 0;
        CHECK_EQ_STR(src_rows_cols(s, &c0, 1), "year|2012|1997|2015");
    }
    s = src_resolve("csv", fx("spark-test-data/cars.csv"), NULL,
                    OPTS("header=true", "inferSchema=true"));
    CHECK(s != NULL);
    if (s) {
        CHECK_EQ_STR(src_schema(s),
                     "struct<year:int,make:string,model:string,comment:string,blank:string>");
        int c0 = 0;
        CHECK_EQ_STR(src_rows_cols(s, &c0, 1), "2012|1997|2015");
        /* "when mode is null": select("make") -> Tesla, Ford, Chevy */
        int c1 = 1;
        CHECK_EQ_STR(src_rows_cols(s, &c1, 1), "Tesla|Ford|Chevy");
    }
    src_end();
}

/* CSVSuite "test for DROPMALFORMED parsing mode": with column pruning off, two of the three cars
   (the Volt line has 3 values for 5 columns). Both line and multiLine modes. */
EM_TEST(csv_suite_dropmalformed)
{
    src_begin();
    S.conf.csv_column_pruning = false;
    io_source *s = src_resolve("csv", fx("spark-test-data/cars.csv"), NULL,
                               OPTS("header=true", "mode=dropmalformed"));
    int c0 = 0;
    CHECK(s && strcmp(src_rows_cols(s, &c0, 1), "2012|1997") == 0);
    s = src_resolve("csv", fx("spark-test-data/cars.csv"), NULL,
                    OPTS("header=true", "mode=dropmalformed", "multiLine=true"));
    CHECK(s && strcmp(src_rows_cols(s, &c0, 1), "2012|1997") == 0);
    src_end();
}

/* CSVSuite "test for FAILFAST parsing mode": FAILED_READ_FILE.NO_HINT naming the file. */
EM_TEST(csv_suite_failfast)
{
    src_begin();
    const char *modes[2] = {"multiLine=false", "multiLine=true"};
    for (int m = 0; m < 2; m++) {
        io_source *s = src_resolve("csv", fx("spark-test-data/cars.csv"), NULL,
                                   OPTS("header=true", "mode=failfast", modes[m]));
        CHECK(s != NULL);
        if (!s)
            continue;
        CHECK_EQ_STR(src_rows(s), "ERROR:FAILED_READ_FILE.NO_HINT");
        const char *p = em_error_param_get(&S.err, "path");
        CHECK(p && strncmp(p, "file:/", 6) == 0 && strstr(p, "cars.csv"));
    }
    src_end();
}

/* CSVSuite "test inferring booleans" and "test inferring decimals". */
EM_TEST(csv_suite_infer_bool_decimal)
{
    src_begin();
    io_source *s = src_resolve("csv", fx("spark-test-data/bool.csv"), NULL,
                               OPTS("header=true", "inferSchema=true"));
    CHECK(s && strcmp(src_schema(s), "struct<bool:boolean>") == 0);
    s = src_resolve("csv", fx("spark-test-data/decimal.csv"), NULL,
                    OPTS("comment=~", "header=true", "inferSchema=true"));
    CHECK(s &&
          strcmp(src_schema(s), "struct<decimal:decimal(20,0),long:bigint,double:double>") == 0);
    /* "Schema inference correctly identifies the datatype when data is sparse." */
    s = src_resolve("csv", fx("spark-test-data/simple_sparse.csv"), NULL,
                    OPTS("header=true", "inferSchema=true"));
    CHECK(s && strcmp(src_schema(s), "struct<A:int,B:int,C:int,D:int>") == 0);
    src_end();
}

/* CSVSuite "test with alternative delimiter and quote" and multi-char delimiters. */
EM_TEST(csv_suite_alternative_quote)
{
    src_begin();
    io_source *s = src_resolve("csv", fx("spark-test-data/cars-alternative.csv"), NULL,
                               OPTS("quote='", "delimiter=|", "header=true"));
    int c0 = 0;
    CHECK(s && strcmp(src_rows_cols(s, &c0, 1), "2012|1997|2015") == 0);
    /* "SPARK-24540: test with multiple character delimiter (comma space)" */
    src_write("multi.csv",
              "year, make, model, comment, blank\n'2012', 'Tesla', 'S', 'No comment', \n"
              "\n1997, Ford, E350, 'Go get one now they are going fast', \n"
              "2015, Chevy, Volt\n",
              -1);
    s = src_resolve("csv", src_path("multi.csv"), NULL,
                    OPTS("quote='", "delimiter=, ", "header=true"));
    CHECK(s != NULL);
    if (s) {
        CHECK_EQ_STR(src_schema(s),
                     "struct<year:string,make:string,model:string,comment:string,blank:string>");
        CHECK_EQ_STR(src_rows(s), "2012,Tesla,S,No comment,NULL|1997,Ford,E350,Go get one now "
                                  "they are going fast,NULL|2015,Chevy,Volt,NULL,NULL");
    }
    src_end();
}

/* CSVSuite "parse unescaped quotes with maxCharsPerColumn": STOP_AT_DELIMITER keeps the text. */
EM_TEST(csv_suite_unescaped_quotes)
{
    src_begin();
    io_source *s = src_resolve("csv", fx("spark-test-data/unescaped-quotes.csv"), NULL,
                               OPTS("maxCharsPerColumn=4"));
    CHECK(s && strcmp(src_rows(s), "\"a\"b,ccc,ddd|ab,cc\"c,ddd\"") == 0);
    src_end();
}

/* CSVSuite "test for tokens more than the fields in the schema" and "load null when the schema is
   larger than parsed tokens". */
EM_TEST(csv_suite_token_counts)
{
    src_begin();
    io_source *s = src_resolve("csv", fx("spark-test-data/cars-malformed.csv"), NULL,
                               OPTS("header=false", "comment=~"));
    CHECK(s != NULL);
    if (s) {
        CHECK_EQ_STR(src_schema(s),
                     "struct<_c0:string,_c1:string,_c2:string,_c3:string,_c4:string>");
        int c0 = 0;
        CHECK_EQ_STR(src_rows_cols(s, &c0, 1), "year|2012|1997|2015");
    }
    src_write("one/part.txt", "1\n", -1);
    s = src_resolve("csv", src_path("one"), src_struct("a:int,b:int"), OPTS("header=false"));
    CHECK(s && strcmp(src_rows(s), "1,NULL") == 0);
    src_end();
}

/* CSVSuite "SPARK-18699 put malformed records in a columnNameOfCorruptRecord field" and
   "SPARK-38523" (corrupt column in the middle, selected alone with another column). */
EM_TEST(csv_suite_corrupt_record)
{
    src_begin();
    const char *modes[2] = {"multiLine=false", "multiLine=true"};
    for (int m = 0; m < 2; m++) {
        io_source *s = src_resolve("csv", fx("spark-test-data/value-malformed.csv"),
                                   src_struct("a:int,b:date"), OPTS("mode=abcd", modes[m]));
        CHECK(s && strcmp(src_rows(s), "0,NULL|1,1983-08-04") == 0);
        s = src_resolve("csv", fx("spark-test-data/value-malformed.csv"),
                        src_struct("a:int,b:date,_unparsed:string"),
                        OPTS("mode=Permissive", "columnNameOfCorruptRecord=_unparsed", modes[m]));
        CHECK(s && strcmp(src_rows(s), "0,NULL,0,2013-111_11 12:13:14|1,1983-08-04,NULL") == 0);
        s = src_resolve("csv", fx("spark-test-data/value-malformed.csv"),
                        src_struct("a:int,_unparsed:string,b:date"),
                        OPTS("mode=permissive", "columnNameOfCorruptRecord=_unparsed", modes[m]));
        CHECK(s && strcmp(src_rows(s), "0,0,2013-111_11 12:13:14,NULL|1,NULL,1983-08-04") == 0);
        if (s) {
            int cols[2] = {1, 2};
            CHECK_EQ_STR(src_rows_cols(s, cols, 2), "0,2013-111_11 12:13:14,NULL|NULL,1983-08-04");
        }
        /* a corrupt-record column that is not a string */
        s = src_resolve("csv", fx("spark-test-data/value-malformed.csv"),
                        src_struct("a:int,b:date,_unparsed:int"),
                        OPTS("columnNameOfCorruptRecord=_unparsed", modes[m]));
        CHECK(s == NULL);
        CHECK_EQ_STR(S.err.error_class, "INVALID_CORRUPT_RECORD_TYPE");
        CHECK_EQ_STR(em_error_param_get(&S.err, "columnName"), "`_unparsed`");
        CHECK_EQ_STR(em_error_param_get(&S.err, "actualType"), "\"INT\"");
    }
    /* "SPARK-20978: Fill the malformed column when the number of tokens is less than schema" */
    src_write("a.csv", "a\n", -1);
    io_source *s =
        src_resolve("csv", src_path("a.csv"), src_struct("a:string,b:string,unparsed:string"),
                    OPTS("columnNameOfCorruptRecord=unparsed"));
    CHECK(s && strcmp(src_rows(s), "a,NULL,a") == 0);
    /* SPARK-49016: only the corrupt-record column referenced */
    if (s) {
        int c = 2;
        CHECK_EQ_STR(src_rows_cols(s, &c, 1),
                     "ERROR:UNSUPPORTED_FEATURE.QUERY_ONLY_CORRUPT_RECORD_COLUMN");
    }
    src_end();
}

/* CSVSuite "SPARK-21263: Invalid float and double are handled correctly in different modes". */
EM_TEST(csv_suite_invalid_float_modes)
{
    src_begin();
    src_write("f.csv", "10u12\n", -1);
    io_source *s =
        src_resolve("csv", src_path("f.csv"), src_struct("a:float"), OPTS("mode=DROPMALFORMED"));
    CHECK(s && strcmp(src_rows(s), "") == 0);
    s = src_resolve("csv", src_path("f.csv"), src_struct("a:float"), OPTS("mode=PERMISSIVE"));
    CHECK(s && strcmp(src_rows(s), "NULL") == 0);
    s = src_resolve("csv", src_path("f.csv"), src_struct("a:double"), OPTS("mode=FAILFAST"));
    CHECK(s && strcmp(src_rows(s), "ERROR:FAILED_READ_FILE.NO_HINT") == 0);
    src_end();
}

/* CSVSuite "commented lines in CSV data" (both modes) and "inferring schema with commented
   lines" (int, int, int, int, double, timestamp with timestampFormat). */
EM_TEST(csv_suite_comments)
{
    src_begin();
    const char *modes[2] = {"multiLine=false", "multiLine=true"};
    for (int m = 0; m < 2; m++) {
        io_source *s = src_resolve("csv", fx("spark-test-data/comments.csv"), NULL,
                                   OPTS("comment=~", "header=false", modes[m]));
        CHECK(s && strcmp(src_rows(s), "1,2,3,4,5.01,2015-08-20 15:57:00|6,7,8,9,0,2015-08-21 "
                                       "16:58:01|1,2,3,4,5,2015-08-23 18:00:42") == 0);
    }
    io_source *s = src_resolve("csv", fx("spark-test-data/comments.csv"), NULL,
                               OPTS("comment=~", "header=false", "inferSchema=true",
                                    "timestampFormat=yyyy-MM-dd HH:mm:ss"));
    CHECK(s && strcmp(src_schema(s), "struct<_c0:int,_c1:int,_c2:int,_c3:int,_c4:double,"
                                     "_c5:timestamp>") == 0);
    if (s)
        CHECK_EQ_STR(src_rows(s), "1,2,3,4,5.01,2015-08-20 15:57:00|6,7,8,9,0.0,2015-08-21 "
                                  "16:58:01|1,2,3,4,5.0,2015-08-23 18:00:42");
    /* "setting comment to null disables comment support" */
    s = src_resolve("csv", fx("spark-test-data/disable_comments.csv"), NULL,
                    OPTS("comment=", "header=false"));
    CHECK(s && strcmp(src_rows(s), "#1,2,3|4,5,6") == 0);
    src_end();
}

/* CSVSuite "inferring timestamp types via custom date format" and "load date types via custom
   date format" (UTC). */
EM_TEST(csv_suite_custom_formats)
{
    src_begin();
    io_source *s =
        src_resolve("csv", fx("spark-test-data/dates.csv"), NULL,
                    OPTS("header=true", "inferSchema=true", "timestampFormat=dd/MM/yyyy HH:mm"));
    CHECK(s && strcmp(src_schema(s), "struct<date:timestamp>") == 0);
    if (s)
        CHECK_EQ_STR(src_rows(s), "2015-08-26 18:00:00|2014-10-27 18:30:00|2016-01-28 20:00:00");
    s = src_resolve(
        "csv", fx("spark-test-data/dates.csv"), src_struct("date:date"),
        OPTS("header=true", "inferSchema=false", "dateFormat=dd/MM/yyyy HH:mm", "timeZone=UTC"));
    CHECK(s && strcmp(src_rows(s), "2015-08-26|2014-10-27|2016-01-28") == 0);
    src_end();
}

/* CSVSuite "nullable fields with user defined null value" and "empty fields with user defined
   empty values". */
EM_TEST(csv_suite_null_and_empty_values)
{
    src_begin();
    io_source *s =
        src_resolve("csv", fx("spark-test-data/cars-null.csv"),
                    src_struct("year:int,make:string,model:string,comment:string,blank:string"),
                    OPTS("header=true", "nullValue=null"));
    CHECK(s != NULL);
    if (s)
        CHECK_EQ_STR(src_rows(s), "2012,Tesla,S,NULL,NULL|1997,Ford,E350,Go get one now they are "
                                  "going fast,NULL|NULL,Chevy,Volt,NULL,NULL");
    s = src_resolve("csv", fx("spark-test-data/cars-empty-value.csv"),
                    src_struct("year:int,make:string,model:string,comment:string,blank:string"),
                    OPTS("header=true", "emptyValue=empty"));
    CHECK(s != NULL);
    if (s)
        CHECK_EQ_STR(src_rows(s), "2012,Tesla,S,empty,empty|1997,Ford,E350,Go get one now they "
                                  "are going fast,NULL|2015,Chevy,Volt,NULL,empty");
    src_end();
}

/* CSVSuite "nulls, NaNs and Infinity values can be parsed": count() skips parsing, so all 8
   rows count even in DROPMALFORMED; the values read as Spark's converters do. */
EM_TEST(csv_suite_numbers)
{
    src_begin();
    io_source *s = src_resolve("csv", fx("spark-test-data/numbers.csv"),
                               src_struct("int:int,long:bigint,float:float,double:double"),
                               OPTS("header=true", "mode=DROPMALFORMED", "nullValue=--",
                                    "nanValue=NAN", "negativeInf=-INF", "positiveInf=INF"));
    CHECK(s != NULL);
    if (s) {
        vec_batch *b = NULL;
        CHECK(io_source_read_all(s, NULL, 0, &b, &S.err) == 0 && b);
        /* every column: the malformed float text rows drop */
        if (b)
            CHECK_EQ_INT(b->n_rows, 5);
        vec_batch_free(b);
        io_scan *sc = NULL;
        int64_t n = 0;
        CHECK(io_scan_open(s, NULL, 0, 0, &sc, &S.err) == 0);
        while (io_scan_next(sc, &b, &S.err) > 0) {
            n += b->n_rows;
            vec_batch_free(b);
        }
        io_scan_close(sc);
        CHECK_EQ_INT(n, 8);
    }
    src_end();
}

/* CSVSuite "ignoreLeadingWhiteSpace and ignoreTrailingWhiteSpace options - read". */
EM_TEST(csv_suite_whitespace_options)
{
    src_begin();
    src_write("w.csv", " a,b  , c \n", -1);
    io_source *s =
        src_resolve("csv", src_path("w.csv"), NULL,
                    OPTS("ignoreLeadingWhiteSpace=true", "ignoreTrailingWhiteSpace=true"));
    CHECK(s && strcmp(src_rows(s), "a,b,c") == 0);
    s = src_resolve("csv", src_path("w.csv"), NULL,
                    OPTS("ignoreLeadingWhiteSpace=false", "ignoreTrailingWhiteSpace=true"));
    CHECK(s && strcmp(src_rows(s), " a,b, c") == 0);
    s = src_resolve("csv", src_path("w.csv"), NULL,
                    OPTS("ignoreLeadingWhiteSpace=true", "ignoreTrailingWhiteSpace=false"));
    CHECK(s && strcmp(src_rows(s), "a,b  ,c ") == 0);
    src_end();
}

/* CSVSuite "SPARK-19610: Parse normal multi-line CSV files": names and values keep their
   newlines. */
EM_TEST(csv_suite_multiline)
{
    src_begin();
    src_write(
        "m/part-0.txt",
        "\"\nstring\",\"integer\n\n\n\",\"long\n\n\",\"bigInteger\",double,boolean,null\n"
        "\"this is a\nsimple\nstring.\",\"\n\n10\",\"\n21474836470\",\"92233720368547758070\",\""
        "\n\n1.7976931348623157E308\",true,\n",
        -1);
    io_source *s = src_resolve("csv", src_path("m"), NULL, OPTS("header=true", "multiLine=true"));
    CHECK(s != NULL);
    if (s) {
        const ty *t = io_source_schema(s);
        CHECK_EQ_INT(t->n_fields, 7);
        if (t->n_fields == 7) {
            CHECK_EQ_STR(t->fields[0].name, "\nstring");
            CHECK_EQ_STR(t->fields[1].name, "integer\n\n\n");
            CHECK_EQ_STR(t->fields[2].name, "long\n\n");
            CHECK_EQ_STR(t->fields[6].name, "null");
        }
        CHECK_EQ_STR(src_rows(s), "this is a\nsimple\nstring.,\n\n10,\n21474836470,"
                                  "92233720368547758070,\n\n1.7976931348623157E308,true,NULL");
    }
    src_end();
}

/* CSVSuite "Empty file produces empty dataframe with empty schema"; "test with empty file and
   known schema". */
EM_TEST(csv_suite_empty_file)
{
    src_begin();
    io_source *s = src_resolve("csv", fx("spark-test-data/empty.csv"), NULL, OPTS("header=true"));
    CHECK(s && strcmp(src_schema(s), "struct<>") == 0 && strcmp(src_rows(s), "") == 0);
    s = src_resolve("csv", fx("spark-test-data/empty.csv"), NULL,
                    OPTS("header=true", "multiLine=true"));
    CHECK(s && strcmp(src_schema(s), "struct<>") == 0);
    s = src_resolve("csv", fx("spark-test-data/empty.csv"), src_struct("column:string"), NULL);
    CHECK(s && strcmp(src_schema(s), "struct<column:string>") == 0 && strcmp(src_rows(s), "") == 0);
    src_end();
}

/* CSVSuite "test for blank column names on read and select columns": "" and empty header names
   become _c0 / _c1. */
EM_TEST(csv_suite_blank_column_names)
{
    src_begin();
    io_source *s = src_resolve("csv", fx("spark-test-data/cars-blank-column-name.csv"), NULL,
                               OPTS("header=true", "inferSchema=true"));
    CHECK(s && strcmp(src_schema(s), "struct<_c0:int,_c1:string,make:string,customer:string,"
                                     "comment:string>") == 0);
    /* CSVUtils.makeSafeHeader: duplicates get their index (case-insensitive by default) */
    src_write("dup.csv", "a,A,b,a\n1,2,3,4\n", -1);
    s = src_resolve("csv", src_path("dup.csv"), NULL, OPTS("header=true"));
    CHECK(s && strcmp(src_schema(s), "struct<a0:string,A1:string,b:string,a3:string>") == 0);
    src_end();
}

/* CSVSuite "Support line separator": the default reads \r, \r\n and \n; lineSep splits exactly. */
EM_TEST(csv_line_separators)
{
    src_begin();
    src_write("crlf.csv", "a,b\r\nc,d\re,f\ng,h", -1);
    io_source *s = src_resolve("csv", src_path("crlf.csv"), NULL, NULL);
    CHECK(s && strcmp(src_rows(s), "a,b|c,d|e,f|g,h") == 0);
    src_write("sep.csv", "a,b|c,d|", -1);
    s = src_resolve("csv", src_path("sep.csv"), NULL, OPTS("lineSep=|"));
    CHECK(s && strcmp(src_rows(s), "a,b|c,d") == 0);
    /* "crlf line separators in multiline mode" (cars-crlf.csv): 3 cars */
    s = src_resolve("csv", fx("spark-test-data/cars-crlf.csv"), NULL,
                    OPTS("header=true", "multiLine=true", "inferSchema=true"));
    int c0 = 0;
    CHECK(s && strcmp(src_rows_cols(s, &c0, 1), "2012|1997|2015") == 0);
    src_end();
}

/* CSVInferSchema's order int -> bigint -> decimal -> double -> date -> timestamp -> boolean ->
   string, and its merge rules (CSVInferSchema.scala). */
EM_TEST(csv_infer_chain)
{
    src_begin();
    src_write("t.csv",
              "i,l,d,dbl,dt,ts,b,s,mixdt,mixnum\n"
              "1,1,1,1.5,2020-01-01,2020-01-01 10:00:00,true,x,2020-01-01,1\n"
              "2,3000000000,12345678901234567890,2,2021-12-31,2021-01-01T01:02:03,false,1,2021-01-"
              "01 00:00:00,true\n",
              -1);
    io_source *s =
        src_resolve("csv", src_path("t.csv"), NULL, OPTS("header=true", "inferSchema=true"));
    CHECK(s && strcmp(src_schema(s), "struct<i:int,l:bigint,d:decimal(20,0),dbl:double,dt:date,"
                                     "ts:timestamp,b:boolean,s:string,mixdt:timestamp,"
                                     "mixnum:string>") == 0);
    if (s)
        CHECK_EQ_STR(src_rows(s), "1,1,1,1.5,2020-01-01,2020-01-01 10:00:00,true,x,2020-01-01 "
                                  "00:00:00,1|2,3000000000,12345678901234567890,2.0,2021-12-31,"
                                  "2021-01-01 01:02:03,false,1,2021-01-01 00:00:00,true");
    /* "SPARK-27512: Decimal type inference should not handle ','": "1,000" stays a string */
    src_write("c.csv", "\"1,000\"\n", -1);
    s = src_resolve("csv", src_path("c.csv"), NULL, OPTS("inferSchema=true"));
    CHECK(s && strcmp(src_schema(s), "struct<_c0:string>") == 0);
    src_end();
}

/* CSVOptions errors: sep / quote validation (CSVExprUtils.toChar, CSVOptions.getChar). */
EM_TEST(csv_option_errors)
{
    src_begin();
    src_write("x.csv", "a\n", -1);
    io_source *s = src_resolve("csv", src_path("x.csv"), NULL, OPTS("sep=\\"));
    CHECK(!s && strcmp(S.err.error_class, "INVALID_DELIMITER_VALUE.SINGLE_BACKSLASH") == 0);
    s = src_resolve("csv", src_path("x.csv"), NULL, OPTS("sep="));
    CHECK(!s && strcmp(S.err.error_class, "INVALID_DELIMITER_VALUE.EMPTY_STRING") == 0);
    s = src_resolve("csv", src_path("x.csv"), NULL, OPTS("sep=\\x"));
    CHECK(!s &&
          strcmp(S.err.error_class, "INVALID_DELIMITER_VALUE.UNSUPPORTED_SPECIAL_CHARACTER") == 0);
    s = src_resolve("csv", src_path("x.csv"), NULL, OPTS("quote=ab"));
    CHECK(!s && strcmp(S.err.error_class, "_LEGACY_ERROR_TEMP_2145") == 0);
    s = src_resolve("csv", src_path("x.csv"), NULL, OPTS("header=maybe"));
    CHECK(!s && strcmp(S.err.error_class, "_LEGACY_ERROR_TEMP_2147") == 0);
    /* "using the backward slash as the delimiter": "\\" is one backslash */
    src_write("bs.csv", "a\\b\n", -1);
    s = src_resolve("csv", src_path("bs.csv"), NULL, OPTS("sep=\\\\"));
    CHECK(s && strcmp(src_rows(s), "a,b") == 0);
    /* tab delimiter written as "\t" */
    src_write("tab.csv", "a\tb\n", -1);
    s = src_resolve("csv", src_path("tab.csv"), NULL, OPTS("sep=\\t"));
    CHECK(s && strcmp(src_rows(s), "a,b") == 0);
    src_end();
}

/* Quoted values: doubled quotes with escape='"', escaped quotes with the default backslash,
   quoted empty strings (emptyValue -> NULL by default), delimiters inside quotes. */
EM_TEST(csv_quoting)
{
    src_begin();
    src_write("q.csv", "\"a,b\",\"say \\\"hi\\\"\",\"\",x\n", -1);
    io_source *s = src_resolve("csv", src_path("q.csv"), NULL, NULL);
    CHECK(s && strcmp(src_rows(s), "a,b,say \"hi\",NULL,x") == 0);
    src_write("q2.csv", "\"a \"\"b\"\" c\",d\n", -1);
    s = src_resolve("csv", src_path("q2.csv"), NULL, OPTS("escape=\""));
    CHECK(s && strcmp(src_rows(s), "a \"b\" c,d") == 0);
    src_end();
}
