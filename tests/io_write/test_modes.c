/*
 * test_modes: save modes against an existing destination (errorifexists, ignore, append,
 * overwrite), hive-style partitionBy folders (Spark's escaping, __HIVE_DEFAULT_PARTITION__ for
 * NULL and "", partition columns absent from the files) read back through partition discovery,
 * and the errors Spark raises before a write (error classes and parameters from Spark's
 * QueryCompilationErrors / QueryExecutionErrors and its test suites).
 */
#include <dirent.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/em_mem.h"
#include "io/source_int.h"
#include "iw_util.h"

static vec_batch *iw_ids(int64_t from, int64_t n)
{
    vec_batch *b = vec_batch_new(2, n);
    b->cols[0] = vec_new(ty_long(), n);
    b->cols[1] = vec_new(ty_string(), n);
    for (int64_t r = 0; r < n; r++) {
        io_push_i64(b->cols[0], from + r);
        char s[32];
        snprintf(s, sizeof s, "row%lld", (long long)(from + r));
        vec_append_str(b->cols[1], s, (int64_t)strlen(s), NULL);
    }
    return b;
}

static bool iw_exists(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0;
}

EM_TEST(modes_against_existing_path)
{
    iw_begin();
    const ty *schema = iw_struct("id:bigint,s:string");
    vec_batch *b1 = iw_ids(0, 3), *b2 = iw_ids(10, 2);
    const char *dir = iw_path("data");
    const char *formats[] = {"parquet", "csv", "json"};
    for (int f = 0; f < 3; f++) {
        char rel[32];
        snprintf(rel, sizeof rel, "m_%s", formats[f]);
        dir = iw_path(rel);
        const ty *rs = f == 0 ? NULL : schema;
        CHECK_EQ_INT(iw_write(formats[f], dir, IO_SAVE_ERROR_IF_EXISTS, schema, &b1, 1, NULL, NULL),
                     0);
        CHECK_ROWS(iw_read(formats[f], dir, rs, NULL, true), "0,row0|1,row1|2,row2");
        /* errorifexists: PATH_ALREADY_EXISTS with the qualified path. */
        CHECK(iw_write(formats[f], dir, IO_SAVE_ERROR_IF_EXISTS, schema, &b2, 1, NULL, NULL) != 0);
        CHECK_EQ_STR(W.err.error_class, "PATH_ALREADY_EXISTS");
        char q[600];
        snprintf(q, sizeof q, "file:%s", dir);
        CHECK_EQ_STR(em_error_param_get(&W.err, "outputPath"), q);
        /* ignore: nothing written. */
        CHECK_EQ_INT(iw_write(formats[f], dir, IO_SAVE_IGNORE, schema, &b2, 1, NULL, NULL), 0);
        CHECK_ROWS(iw_read(formats[f], dir, rs, NULL, true), "0,row0|1,row1|2,row2");
        /* append: a second part file next to the first. */
        CHECK_EQ_INT(iw_write(formats[f], dir, IO_SAVE_APPEND, schema, &b2, 1, NULL, NULL), 0);
        CHECK_ROWS(iw_read(formats[f], dir, rs, NULL, true),
                   "0,row0|1,row1|10,row10|11,row11|2,row2");
        /* overwrite: only the new rows. */
        CHECK_EQ_INT(iw_write(formats[f], dir, IO_SAVE_OVERWRITE, schema, &b2, 1, NULL, NULL), 0);
        CHECK_ROWS(iw_read(formats[f], dir, rs, NULL, true), "10,row10|11,row11");
        CHECK_EQ_INT(iw_count_files(dir, "", true), 1);
        /* No staging folder is left beside the destination. */
        char prefix[64];
        snprintf(prefix, sizeof prefix, ".%s._ember_", rel);
        CHECK(!iw_parent_has(dir, prefix));
    }
    /* ignore / overwrite / append on a path that does not exist yet write it (nested parents
       created). */
    const char *deep = iw_path("a/b/c");
    CHECK_EQ_INT(iw_write("parquet", deep, IO_SAVE_OVERWRITE, schema, &b1, 1, NULL, NULL), 0);
    CHECK_ROWS(iw_read("parquet", deep, NULL, NULL, true), "0,row0|1,row1|2,row2");
    const char *ig = iw_path("ign");
    CHECK_EQ_INT(iw_write("json", ig, IO_SAVE_IGNORE, schema, &b1, 1, NULL, NULL), 0);
    CHECK(iw_exists(ig));
    /* A relative path resolves against the working directory. */
    char cwd[1024];
    if (getcwd(cwd, sizeof cwd) && chdir(W.dir) == 0) {
        CHECK_EQ_INT(
            iw_write("csv", "rel/out", IO_SAVE_ERROR_IF_EXISTS, schema, &b1, 1, NULL, NULL), 0);
        CHECK(chdir(cwd) == 0);
        CHECK_EQ_INT(iw_count_files(iw_path("rel/out"), ".csv", true), 1);
    }
    vec_batch_free(b1);
    vec_batch_free(b2);
    iw_end();
}

EM_TEST(partition_by_folders)
{
    iw_begin();
    const ty *schema = iw_struct("v:bigint,k:string,n:int");
    const char *ks[] = {"a", "b/c:d", NULL, "", "x=y", "a", "b/c:d"};
    int ns[] = {1, 2, -1, 3, 1, 1, 2};
    int64_t rows = 7;
    vec_batch *b = vec_batch_new(3, rows);
    b->cols[0] = vec_new(ty_long(), rows);
    b->cols[1] = vec_new(ty_string(), rows);
    b->cols[2] = vec_new(ty_int(), rows);
    for (int64_t r = 0; r < rows; r++) {
        io_push_i64(b->cols[0], r * 100);
        if (ks[r])
            vec_append_str(b->cols[1], ks[r], (int64_t)strlen(ks[r]), NULL);
        else
            vec_append_null(b->cols[1]);
        if (ns[r] < 0)
            vec_append_null(b->cols[2]);
        else
            io_push_i32(b->cols[2], ns[r]);
    }
    const char *pb[] = {"k", "n", NULL};
    const char *formats[] = {"parquet", "csv", "json"};
    for (int f = 0; f < 3; f++) {
        char rel[32];
        snprintf(rel, sizeof rel, "p_%s", formats[f]);
        const char *dir = iw_path(rel);
        CHECK_EQ_INT(iw_write(formats[f], dir, IO_SAVE_ERROR_IF_EXISTS, schema, &b, 1, NULL, pb),
                     0);
        /* ExternalCatalogUtils.escapePathName and DEFAULT_PARTITION_NAME. */
        char p[700];
        snprintf(p, sizeof p, "%s/k=a/n=1", dir);
        CHECK_EQ_INT(iw_count_files(p, "", true), 1);
        snprintf(p, sizeof p, "%s/k=b%%2Fc%%3Ad/n=2", dir);
        CHECK_EQ_INT(iw_count_files(p, "", true), 1);
        snprintf(p, sizeof p, "%s/k=__HIVE_DEFAULT_PARTITION__/n=__HIVE_DEFAULT_PARTITION__", dir);
        CHECK_EQ_INT(iw_count_files(p, "", true), 1);
        snprintf(p, sizeof p, "%s/k=__HIVE_DEFAULT_PARTITION__/n=3", dir);
        CHECK_EQ_INT(iw_count_files(p, "", true), 1);
        snprintf(p, sizeof p, "%s/k=x%%3Dy/n=1", dir);
        CHECK_EQ_INT(iw_count_files(p, "", true), 1);
        CHECK_EQ_INT(iw_count_files(dir, "", true), 5);
        /* Read back: the data column, then the discovered partition columns ("" reads as NULL,
           as Spark's partition parsing does). */
        const ty *rs = f == 0 ? NULL : iw_struct("v:bigint");
        CHECK_ROWS(iw_read(formats[f], dir, rs, NULL, true),
                   "0,a,1|100,b/c:d,2|200,NULL,NULL|300,NULL,3|400,x=y,1|500,a,1|600,b/c:d,2");
    }
    /* The files hold only the data column. */
    const char *only = iw_path("p_json/k=a/n=1");
    CHECK_ROWS(iw_read("json", only, NULL, NULL, true), "0|500");
    vec_batch_free(b);
    iw_end();
}

static void iw_expect_error(const char *format, const ty *schema, const char *const *opts,
                            const char *const *pb, const char *cls)
{
    const char *dir = iw_path("err");
    CHECK(iw_write(format, dir, IO_SAVE_ERROR_IF_EXISTS, schema, NULL, 0, opts, pb) != 0);
    CHECK_EQ_STR(W.err.error_class, cls);
    CHECK(!iw_parent_has(dir, ".err._ember_staging_"));
}

EM_TEST(errors_before_writing)
{
    iw_begin();
    const ty *schema = iw_struct("a:int,b:string");
    /* DataSource.lookupDataSource. */
    iw_expect_error("foo", schema, NULL, NULL, "DATA_SOURCE_NOT_FOUND");
    CHECK_EQ_STR(em_error_param_get(&W.err, "provider"), "foo");
    iw_expect_error("orc", schema, NULL, NULL, "UNSUPPORTED_FEATURE.NOT_IMPLEMENTED");
    /* ParquetCompressionCodecPrecedenceSuite "Create table with unknown compression". */
    const char *bad[] = {"compression=aa", NULL};
    iw_expect_error("parquet", schema, bad, NULL,
                    "CODEC_NOT_AVAILABLE.WITH_AVAILABLE_CODECS_SUGGESTION");
    CHECK_EQ_STR(em_error_param_get(&W.err, "codecName"), "aa");
    CHECK_EQ_STR(em_error_param_get(&W.err, "availableCodecs"),
                 "brotli, uncompressed, lzo, snappy, lz4_raw, none, zstd, lz4, gzip");
    /* TextSuite: option("compression", "illegal"). */
    const char *illegal[] = {"compression=illegal", NULL};
    iw_expect_error("text", iw_struct("v:string"), illegal, NULL,
                    "CODEC_NOT_AVAILABLE.WITH_AVAILABLE_CODECS_SUGGESTION");
    CHECK_EQ_STR(em_error_param_get(&W.err, "availableCodecs"),
                 "bzip2, deflate, uncompressed, snappy, none, lz4, gzip");
    /* CSVFileFormat.supportDataType: no nested types. */
    ty_field af[2] = {{"a", ty_int(), true, NULL},
                      {"arr", ty_array(&W.a, ty_int(), true), true, NULL}};
    const ty *with_array = ty_struct(&W.a, 2, af);
    iw_expect_error("csv", with_array, NULL, NULL, "UNSUPPORTED_DATA_TYPE_FOR_DATASOURCE");
    CHECK_EQ_STR(em_error_param_get(&W.err, "columnName"), "`arr`");
    CHECK_EQ_STR(em_error_param_get(&W.err, "columnType"), "\"ARRAY<INT>\"");
    CHECK_EQ_STR(em_error_param_get(&W.err, "format"), "CSV");
    /* PartitioningUtils.validatePartitionColumn. */
    const char *missing[] = {"zz", NULL};
    iw_expect_error("parquet", schema, NULL, missing, "_LEGACY_ERROR_TEMP_1155");
    CHECK_EQ_STR(em_error_param_get(&W.err, "col"), "zz");
    CHECK_EQ_STR(em_error_param_get(&W.err, "schemaCatalog"), "struct<a:int,b:string>");
    const char *all[] = {"a", "b", NULL};
    iw_expect_error("parquet", schema, NULL, all, "ALL_PARTITION_COLUMNS_NOT_ALLOWED");
    const char *arr[] = {"arr", NULL};
    iw_expect_error("json", with_array, NULL, arr, "INVALID_PARTITION_COLUMN_DATA_TYPE");
    CHECK_EQ_STR(em_error_param_get(&W.err, "type"), "\"ARRAY<INT>\"");
    const char *dup[] = {"a", "A", NULL};
    iw_expect_error("parquet", iw_struct("a:int,b:int,c:int"), NULL, dup, "COLUMN_ALREADY_EXISTS");
    /* Duplicate data columns: refused by Parquet / JSON, allowed by CSV. */
    const ty *dupcols = iw_struct("a:int,A:int");
    iw_expect_error("parquet", dupcols, NULL, NULL, "COLUMN_ALREADY_EXISTS");
    CHECK_EQ_STR(em_error_param_get(&W.err, "columnName"), "`a`");
    CHECK_EQ_INT(
        iw_write("csv", iw_path("dupcsv"), IO_SAVE_ERROR_IF_EXISTS, dupcols, NULL, 0, NULL, NULL),
        0);
    /* CSVOptions.getBool. */
    const char *badbool[] = {"header=yes", NULL};
    iw_expect_error("csv", schema, badbool, NULL, "_LEGACY_ERROR_TEMP_2147");
    /* Checks come before the mode: a bad partition column on an existing path. */
    CHECK_EQ_INT(iw_write("parquet", iw_path("exists"), IO_SAVE_ERROR_IF_EXISTS, schema, NULL, 0,
                          NULL, NULL),
                 0);
    CHECK(iw_write("parquet", iw_path("exists"), IO_SAVE_ERROR_IF_EXISTS, schema, NULL, 0, NULL,
                   missing) != 0);
    CHECK_EQ_STR(W.err.error_class, "_LEGACY_ERROR_TEMP_1155");
    /* ...and the mode before the data types. */
    CHECK(iw_write("csv", iw_path("exists"), IO_SAVE_ERROR_IF_EXISTS, with_array, NULL, 0, NULL,
                   NULL) != 0);
    CHECK_EQ_STR(W.err.error_class, "PATH_ALREADY_EXISTS");
    iw_end();
}
