/*
 * The data-source layer itself: formats by name, paths and globs, listing rules, hive-style
 * partitions, scan order, projection, Parquet schema matching, text, and Spark's errors.
 * Expectations: the generic file source options and text examples of Spark's SQL data sources
 * guide (examples/src/main/python/sql/datasource.py, fixtures/spark-examples), the SELECT FROM
 * file page (docs/sql-ref-syntax-qry-select-file.md, users.parquet), the conformance corpus'
 * hive dataset (../shared/conformance/parquet/layout_hive_dataset, rows in its .expected.jsonl)
 * and Spark's source for the rules (DataSource.scala, PartitioningUtils.scala,
 * InMemoryFileIndex.scala, FilePartition packing by size); each case names its source.
 *
 * Usage: io_sources_test <parquet corpus dir> <fixtures dir> [filter]
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>

#include "common/em_mem.h"
#include "src_util.h"

const char *src_fixtures = "fixtures";
static const char *src_corpus = "../shared/conformance/parquet";

const char *src_corpus_dir(void)
{
    return src_corpus;
}

#define OPTS(...) ((const char *const[]){__VA_ARGS__, NULL})

static const char *ex(const char *rel)
{
    static char b[4][1024];
    static int k;
    char *p = b[k++ & 3];
    snprintf(p, 1024, "%s/spark-examples/%s", src_fixtures, rel);
    return p;
}

/* ---- formats and errors ------------------------------------------------------------------ */

/* DataSource.lookupDataSource: unknown names raise DATA_SOURCE_NOT_FOUND; formats Spark ships
   that Ember does not read name the format; avro without its module is Spark's
   _LEGACY_ERROR_TEMP_1139. */
EM_TEST(source_format_lookup)
{
    src_begin();
    src_write("x.txt", "a\n", -1);
    CHECK(src_resolve("nosuchformat", src_path("x.txt"), NULL, NULL) == NULL);
    CHECK_EQ_STR(S.err.error_class, "DATA_SOURCE_NOT_FOUND");
    CHECK_EQ_STR(em_error_param_get(&S.err, "provider"), "nosuchformat");
    CHECK(src_resolve("orc", src_path("x.txt"), NULL, NULL) == NULL);
    CHECK_EQ_STR(S.err.error_class, "UNSUPPORTED_FEATURE.NOT_IMPLEMENTED");
    CHECK(strstr(em_error_param_get(&S.err, "feature"), "'orc'") != NULL);
    CHECK(src_resolve("avro", src_path("x.txt"), NULL, NULL) == NULL);
    CHECK_EQ_STR(S.err.error_class, "_LEGACY_ERROR_TEMP_1139");
    /* names in any case and the backward-compatible aliases */
    CHECK(src_resolve("TEXT", src_path("x.txt"), NULL, NULL) != NULL);
    CHECK(src_resolve("com.databricks.spark.csv", src_path("x.txt"), NULL, NULL) != NULL);
    CHECK(src_resolve("org.apache.spark.sql.json", src_path("x.txt"), NULL, NULL) != NULL);
    src_end();
}

/* DataSource.checkAndGlobPathIfNecessary: PATH_NOT_FOUND with the qualified path; an empty glob
   too. The default format is spark.sql.sources.default (parquet). */
EM_TEST(source_missing_paths)
{
    src_begin();
    CHECK(src_resolve("csv", src_path("missing"), NULL, NULL) == NULL);
    CHECK_EQ_STR(S.err.error_class, "PATH_NOT_FOUND");
    char want[1100];
    snprintf(want, sizeof want, "file:%s", src_path("missing"));
    CHECK_EQ_STR(em_error_param_get(&S.err, "path"), want);
    CHECK(src_resolve("csv", src_path("nothing*.csv"), NULL, NULL) == NULL);
    CHECK_EQ_STR(S.err.error_class, "PATH_NOT_FOUND");
    /* "file:" URIs and trailing slashes are the same path */
    src_write("d/a.csv", "1\n", -1);
    char uri[1100];
    snprintf(uri, sizeof uri, "file://%s/", src_path("d"));
    io_source *s = src_resolve("csv", uri, NULL, NULL);
    CHECK(s && strcmp(src_rows(s), "1") == 0);
    /* no format: parquet, which cannot read a CSV file */
    s = src_resolve(NULL, src_path("d"), NULL, NULL);
    CHECK(s == NULL && strcmp(S.err.error_class, "FAILED_READ_FILE.CANNOT_READ_FILE_FOOTER") == 0);
    /* no files and no schema */
    src_write("e/_SUCCESS", "", 0);
    CHECK(src_resolve("json", src_path("e"), NULL, NULL) == NULL);
    CHECK_EQ_STR(S.err.error_class, "UNABLE_TO_INFER_SCHEMA");
    CHECK_EQ_STR(em_error_param_get(&S.err, "format"), "JSON");
    CHECK(src_resolve("parquet", src_path("e"), NULL, NULL) == NULL);
    CHECK_EQ_STR(em_error_param_get(&S.err, "format"), "Parquet");
    /* text needs no inference (TextFileFormat.inferSchema) */
    s = src_resolve("text", src_path("e"), NULL, NULL);
    CHECK(s && strcmp(src_schema(s), "struct<value:string>") == 0 && strcmp(src_rows(s), "") == 0);
    src_end();
}

/* Globs expand (Hadoop glob syntax), hidden files (_ and .) are skipped, and files are read
   largest first (Spark packs file splits by decreasing size). The "path" option is one more
   path. */
EM_TEST(source_globs_hidden_and_order)
{
    src_begin();
    src_write("g/a.json", "{\"v\":1}\n", -1);
    src_write("g/b.json", "{\"v\":22222}\n", -1);
    src_write("g/c.txt", "{\"v\":3}\n", -1);
    src_write("g/_SUCCESS", "", 0);
    src_write("g/.part.crc", "garbage", -1);
    src_write("g/_tmp.json", "garbage", -1);
    io_source *s = src_resolve("json", src_path("g"), NULL, NULL);
    CHECK(s && strcmp(src_rows(s), "22222|1|3") == 0);
    s = src_resolve("json", src_path("g/*.json"), NULL, NULL);
    CHECK(s && strcmp(src_rows(s), "22222|1") == 0);
    s = src_resolve("json", src_path("g/{a,c}.*"), NULL, NULL);
    CHECK(s && strcmp(src_rows(s), "1|3") == 0);
    s = src_resolve("json", NULL, NULL,
                    OPTS(em_arena_printf(&S.a, "path=%s", src_path("g/a.json"))));
    CHECK(s && strcmp(src_rows(s), "1") == 0);
    /* datasource.py load_with_path_glob_filter semantics on our files */
    s = src_resolve("json", src_path("g"), NULL, OPTS("pathGlobFilter=*.txt"));
    CHECK(s && strcmp(src_rows(s), "3") == 0);
    CHECK(s && io_source_num_files(s) == 1);
    src_end();
}

/* datasource.py generic_file_source_options_example over dir1 (file1.parquet, file3.json and
   dir2/file2.parquet): an unpartitioned read takes the files directly in the given folders;
   recursiveFileLookup takes all; pathGlobFilter filters names; ignoreCorruptFiles skips the JSON
   file that is not Parquet. */
EM_TEST(source_guide_generic_options)
{
    src_begin();
    const char *two[2] = {ex("dir1/"), ex("dir1/dir2/")};
    S.conf.ignore_corrupt_files = true;
    io_source *s = src_resolve_paths("parquet", 2, two, NULL, NULL);
    CHECK(s && strcmp(src_rows(s), "file1.parquet|file2.parquet") == 0);
    s = src_resolve("parquet", ex("dir1"), NULL, OPTS("recursiveFileLookup=true"));
    CHECK(s && strcmp(src_rows(s), "file1.parquet|file2.parquet") == 0);
    S.conf.ignore_corrupt_files = false;
    s = src_resolve("parquet", ex("dir1"), NULL, OPTS("pathGlobFilter=*.parquet"));
    CHECK(s && strcmp(src_rows(s), "file1.parquet") == 0);
    s = src_resolve_paths("parquet", 2, two, NULL, NULL);
    CHECK(s && strcmp(src_rows(s), "ERROR:FAILED_READ_FILE.CANNOT_READ_FILE_FOOTER") == 0);
    s = src_resolve("parquet", ex("dir1"), NULL, OPTS("ignoreCorruptFiles=true"));
    (void)s;
    src_end();
}

/* docs/sql-ref-syntax-qry-select-file.md: users.parquet. */
EM_TEST(source_parquet_users)
{
    src_begin();
    io_source *s = src_resolve("parquet", ex("users.parquet"), NULL, NULL);
    CHECK(s != NULL);
    if (s) {
        CHECK_EQ_STR(src_schema(s),
                     "struct<name:string,favorite_color:string,favorite_numbers:array<int>>");
        CHECK_EQ_STR(src_rows(s), "Alyssa,NULL,[3, 9, 15, 20]|Ben,red,[]");
        /* projection: only the requested columns, in the requested order */
        int cols[2] = {2, 0};
        CHECK_EQ_STR(src_rows_cols(s, cols, 2), "[3, 9, 15, 20],Alyssa|[],Ben");
        CHECK_EQ_STR(src_rows_cols(s, NULL, 0), "Alyssa,NULL,[3, 9, 15, 20]|Ben,red,[]");
    }
    /* ParquetReadSupport: columns match by name, case-insensitively; missing ones are NULL;
       int widens to bigint */
    s = src_resolve("parquet", ex("users.parquet"), src_struct("NAME:string,age:int"), NULL);
    CHECK(s && strcmp(src_rows(s), "Alyssa,NULL|Ben,NULL") == 0);
    s = src_resolve("parquet", ex("users.parquet"),
                    src_struct("favorite_numbers:array<bigint>,name:string"), NULL);
    CHECK(s && strcmp(src_rows(s), "[3, 9, 15, 20],Alyssa|[],Ben") == 0);
    /* an incompatible type */
    s = src_resolve("parquet", ex("users.parquet"), src_struct("name:int"), NULL);
    CHECK(s &&
          strcmp(src_rows(s), "ERROR:FAILED_READ_FILE.PARQUET_COLUMN_DATA_TYPE_MISMATCH") == 0);
    src_end();
}

/* The conformance corpus' hive dataset: year=YYYY/region=R/part-N.parquet with
   __HIVE_DEFAULT_PARTITION__ and north%20america; partition columns come after the file columns,
   year inferred as int, region as string with NULL and the unescaped name (PartitioningUtils). */
EM_TEST(source_hive_partitions)
{
    src_begin();
    char dir[1024];
    snprintf(dir, sizeof dir, "%s/layout_hive_dataset", src_corpus);
    io_source *s = src_resolve("parquet", dir, NULL, NULL);
    CHECK(s != NULL);
    if (!s) {
        fprintf(stderr, "  %s\n", S.err.message);
        src_end();
        return;
    }
    CHECK_EQ_STR(src_schema(s), "struct<id:int,value:double,name:string,year:int,region:string>");
    vec_batch *b = NULL;
    CHECK(io_source_read_all(s, NULL, 0, &b, &S.err) == 0 && b);
    if (b) {
        CHECK_EQ_INT(b->n_rows, 1200);
        /* every row against the corpus expectation, by id */
        char exp[1024];
        snprintf(exp, sizeof exp, "%s/layout_hive_dataset.expected.jsonl", src_corpus);
        FILE *f = fopen(exp, "r");
        CHECK(f != NULL);
        char line[512];
        int checked = 0, bad = 0;
        while (f && fgets(line, sizeof line, f)) {
            int id, year;
            char region[64] = "", name[64] = "";
            const char *p = strstr(line, "\"id\":");
            const char *y = strstr(line, "\"year\":");
            const char *r = strstr(line, "\"region\":");
            const char *n = strstr(line, "\"name\":");
            if (!p || !y || !r || !n)
                continue;
            id = atoi(p + 5);
            year = atoi(y + 7);
            if (r[9] == '"')
                sscanf(r + 10, "%63[^\"]", region);
            bool name_null = n[7] != '"';
            if (!name_null)
                sscanf(n + 8, "%63[^\"]", name);
            for (int64_t row = 0; row < b->n_rows; row++) {
                if (VEC_VALUES(b->cols[0], int32_t)[row] != id)
                    continue;
                bool ok = VEC_VALUES(b->cols[3], int32_t)[row] == year;
                if (region[0]) {
                    int32_t len;
                    const char *v = vec_str(b->cols[4], row, &len);
                    ok = ok && !vec_is_null(b->cols[4], row) && (size_t)len == strlen(region) &&
                         memcmp(v, region, (size_t)len) == 0;
                } else {
                    ok = ok && vec_is_null(b->cols[4], row);
                }
                int32_t nl;
                const char *nv = vec_str(b->cols[2], row, &nl);
                if (name_null)
                    ok = ok && vec_is_null(b->cols[2], row);
                else
                    ok = ok && !vec_is_null(b->cols[2], row) && (size_t)nl == strlen(name) &&
                         memcmp(nv, name, (size_t)nl) == 0;
                if (!ok)
                    bad++;
                checked++;
                break;
            }
        }
        if (f)
            fclose(f);
        CHECK_EQ_INT(checked, 1200);
        CHECK_EQ_INT(bad, 0);
    }
    vec_batch_free(b);
    /* partition columns only (count of a partition column): no data column is decoded */
    int cols[1] = {4};
    const char *regions = src_rows_cols(s, cols, 1);
    CHECK(strstr(regions, "north america") != NULL && strstr(regions, "NULL") != NULL);
    /* a user schema types a partition column; the data columns are the others */
    s = src_resolve("parquet", dir, src_struct("id:bigint,year:string"), NULL);
    CHECK(s && strcmp(src_schema(s), "struct<id:bigint,year:string,region:string>") == 0);
    /* basePath keeps the partition column of a single partition folder */
    char one[1100];
    snprintf(one, sizeof one, "%s/year=2022", dir);
    s = src_resolve("parquet", one, NULL, NULL);
    CHECK(s && strcmp(src_schema(s), "struct<id:int,value:double,name:string,region:string>") == 0);
    s = src_resolve("parquet", one, NULL, OPTS(em_arena_printf(&S.a, "basePath=%s", dir)));
    CHECK(s && strcmp(src_schema(s), "struct<id:int,value:double,name:string,year:int,"
                                     "region:string>") == 0);
    src_end();
}

/* PartitioningUtils.inferPartitionColumnValue and findWiderTypeForPartitionColumn on CSV files. */
EM_TEST(source_partition_inference)
{
    src_begin();
    src_write("p/i=1/l=5000000000/d=2020-01-02/t=2020-01-02 03%3A04%3A05/s=x%2Fy/f.csv", "a\n", -1);
    src_write("p/i=2/l=6/d=2020-01-03/t=2020-01-02 03%3A04%3A06/s=__HIVE_DEFAULT_PARTITION__/f.csv",
              "b\n", -1);
    io_source *s = src_resolve("csv", src_path("p"), NULL, NULL);
    CHECK(s != NULL);
    if (s) {
        CHECK_EQ_STR(src_schema(s),
                     "struct<_c0:string,i:int,l:bigint,d:date,t:timestamp,s:string>");
        CHECK_EQ_STR(src_rows(s), "a,1,5000000000,2020-01-02,2020-01-02 03:04:05,x/y|"
                                  "b,2,6,2020-01-03,2020-01-02 03:04:06,NULL");
    }
    /* int + double -> double; long + double -> string; int + string -> string */
    src_write("q/a=1/b=1/c=1/f.csv", "x\n", -1);
    src_write("q/a=1.5/b=1.5/c=z/f.csv", "y\n", -1);
    src_write("q/a=2/b=9999999999/c=2/f.csv", "z\n", -1);
    s = src_resolve("csv", src_path("q"), NULL, NULL);
    CHECK(s && strcmp(src_schema(s), "struct<_c0:string,a:double,b:string,c:string>") == 0);
    /* CONFLICTING_DIRECTORY_STRUCTURES / CONFLICTING_PARTITION_COLUMN_NAMES */
    src_write("r/a=1/f.csv", "x\n", -1);
    src_write("r/x/a=2/f.csv", "y\n", -1);
    CHECK(src_resolve("csv", src_path("r"), NULL, NULL) == NULL);
    CHECK_EQ_STR(S.err.error_class, "CONFLICTING_DIRECTORY_STRUCTURES");
    src_write("n/a=1/f.csv", "x\n", -1);
    src_write("n/b=2/f.csv", "y\n", -1);
    CHECK(src_resolve("csv", src_path("n"), NULL, NULL) == NULL);
    CHECK_EQ_STR(S.err.error_class, "CONFLICTING_PARTITION_COLUMN_NAMES");
    /* a user type the values do not cast to: INVALID_PARTITION_VALUE */
    src_write("v/k=abc/f.csv", "x\n", -1);
    CHECK(src_resolve("csv", src_path("v"), src_struct("_c0:string,k:int"), NULL) == NULL);
    CHECK_EQ_STR(S.err.error_class, "INVALID_PARTITION_VALUE");
    CHECK_EQ_STR(em_error_param_get(&S.err, "value"), "'abc'");
    CHECK_EQ_STR(em_error_param_get(&S.err, "dataType"), "\"INT\"");
    CHECK_EQ_STR(em_error_param_get(&S.err, "columnName"), "`k`");
    /* a data column that is also a partition column takes the partition's value and type */
    src_write("o/k=7/f.json", "{\"k\":\"data\",\"v\":1}\n", -1);
    s = src_resolve("json", src_path("o"), NULL, NULL);
    CHECK(s && strcmp(src_schema(s), "struct<k:int,v:bigint>") == 0 &&
          strcmp(src_rows(s), "7,1") == 0);
    src_end();
}

/* datasource.py text_dataset_example: lines, lineSep=",", wholetext. */
EM_TEST(source_guide_text)
{
    src_begin();
    io_source *s = src_resolve("text", ex("people.txt"), NULL, NULL);
    CHECK(s && strcmp(src_rows(s), "Michael, 29|Andy, 30|Justin, 19") == 0);
    s = src_resolve("text", ex("people.txt"), NULL, OPTS("lineSep=,"));
    CHECK(s && strcmp(src_rows(s), "Michael| 29\nAndy| 30\nJustin| 19\n") == 0);
    s = src_resolve("text", ex("people.txt"), NULL, OPTS("wholetext=true"));
    CHECK(s && strcmp(src_rows(s), "Michael, 29\nAndy, 30\nJustin, 19\n") == 0);
    /* a user schema names the column; empty lines are rows */
    src_write("t/a.txt", "x\n\ny", -1);
    s = src_resolve("text", src_path("t"), src_struct("alphabets:string"), NULL);
    CHECK(s && strcmp(src_schema(s), "struct<alphabets:string>") == 0 &&
          strcmp(src_rows(s), "x||y") == 0);
    /* TextFileFormat.verifyReadSchema: more than one column */
    s = src_resolve("text", src_path("t"), src_struct("a:string,b:string"), NULL);
    CHECK(s && strcmp(src_rows(s), "ERROR:_LEGACY_ERROR_TEMP_1290") == 0);
    /* a non-string column */
    CHECK(src_resolve("text", src_path("t"), src_struct("a:int"), NULL) == NULL);
    CHECK_EQ_STR(S.err.error_class, "UNSUPPORTED_DATA_TYPE_FOR_DATASOURCE");
    CHECK_EQ_STR(em_error_param_get(&S.err, "format"), "Text");
    src_end();
}

/* PathFilterFactory's modifiedBefore / modifiedAfter (generic file source options guide): file
   modification times against a timestamp in the session zone. */
EM_TEST(source_modified_filters)
{
    src_begin();
    const char *old = src_write("m/old.csv", "old\n", -1);
    src_write("m/new.csv", "new\n", -1);
    struct timespec ts[2] = {{.tv_sec = 946684800}, {.tv_sec = 946684800}}; /* 2000-01-01 */
    CHECK(utimensat(AT_FDCWD, old, ts, 0) == 0);
    io_source *s =
        src_resolve("csv", src_path("m"), NULL, OPTS("modifiedBefore=2010-01-01T00:00:00"));
    CHECK(s && strcmp(src_rows(s), "old") == 0);
    s = src_resolve("csv", src_path("m"), NULL, OPTS("modifiedAfter=2010-01-01T00:00:00"));
    CHECK(s && strcmp(src_rows(s), "new") == 0);
    CHECK(src_resolve("csv", src_path("m"), NULL, OPTS("modifiedAfter=yesterday")) == NULL);
    CHECK_EQ_STR(S.err.error_class, "CAST_INVALID_INPUT");
    src_end();
}

/* Compressed text files are read by extension (Hadoop's codec factory): .gz. */
EM_TEST(source_gzip)
{
    src_begin();
    /* gzip of "a,1\nb,2\n" */
    static const unsigned char gz[] = {0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03,
                                       0x4b, 0xd4, 0x31, 0xe4, 0x4a, 0xd2, 0x31, 0xe2, 0x02, 0x00,
                                       0x6e, 0xdd, 0x35, 0x59, 0x08, 0x00, 0x00, 0x00};
    src_write("z/part.csv.gz", (const char *)gz, (long)sizeof gz);
    io_source *s = src_resolve("csv", src_path("z"), NULL, NULL);
    CHECK(s && strcmp(src_rows(s), "a,1|b,2") == 0);
    src_end();
}

/* Hostile input: random and mutated bytes read as CSV and JSON in every mode must give rows or
   a clean error (ASan / UBSan watch the rest). */
EM_TEST(source_hostile_inputs)
{
    src_begin();
    uint64_t seed = 0x9e3779b97f4a7c15ULL;
    static const char alphabet[] = "{}[]\",:'\\ \n\r\tabc019-+.eENaI/*#~;";
    static const char *const formats[] = {"csv", "json"};
    static const char *const m0[] = {"multiLine=false", "mode=PERMISSIVE", NULL};
    static const char *const m1[] = {"multiLine=true", "mode=DROPMALFORMED", NULL};
    static const char *const m2[] = {"header=true", "inferSchema=true", "allowComments=true", NULL};
    static const char *const m3[] = {"multiLine=true", "inferSchema=true", "quote=", "escape=\"",
                                     NULL};
    static const char *const *const modes[] = {m0, m1, m2, m3};
    char buf[600];
    for (int round = 0; round < 60; round++) {
        size_t n = 0, len = 1 + (size_t)(round * 7 % 590);
        for (; n < len; n++) {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            buf[n] = (round & 1) ? (char)(seed & 0xff) : alphabet[seed % (sizeof alphabet - 1)];
        }
        buf[n] = '\0';
        src_write("h/f.txt", buf, (long)n);
        for (int f = 0; f < 2; f++)
            for (int m = 0; m < 4; m++) {
                io_source *s = src_resolve(formats[f], src_path("h"), NULL, modes[m]);
                if (s)
                    (void)src_rows(s);
                io_source *t =
                    src_resolve(formats[f], src_path("h"),
                                src_struct("a:int,b:string,_corrupt_record:string"), modes[m]);
                if (t)
                    (void)src_rows(t);
            }
    }
    CHECK(1);
    src_end();
}

int main(int argc, char **argv)
{
    if (argc > 1)
        src_corpus = argv[1];
    if (argc > 2)
        src_fixtures = argv[2];
    char *args[2] = {argv[0], argc > 3 ? argv[3] : NULL};
    return em_test_main(argc > 3 ? 2 : 1, args);
}
