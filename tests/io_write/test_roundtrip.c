/*
 * test_roundtrip: files written by io_write read back through Ember's readers with identical
 * rows — Parquet with every codec and every type (nested included), CSV, JSON Lines and text —
 * plus the Parquet layout Spark produces (physical types, annotations, key-value metadata, row
 * groups, dictionary fallback) and the exact text of CSV / JSON lines where Spark documents it.
 */
#include <dirent.h>
#include <stdio.h>
#include <string.h>

#include "common/em_mem.h"
#include "io/parquet/pq.h"
#include "io/source_int.h"
#include "iw_util.h"

/* The data file of an unpartitioned write (the only part file). */
static const char *iw_part_file(const char *dir, const char *suffix)
{
    DIR *d = opendir(dir);
    static char found[1024];
    found[0] = '\0';
    struct dirent *e;
    while (d && (e = readdir(d)) != NULL) {
        size_t n = strlen(e->d_name), s = strlen(suffix);
        if (strncmp(e->d_name, "part-00000-", 11) == 0 && n > s &&
            strcmp(e->d_name + n - s, suffix) == 0)
            snprintf(found, sizeof found, "%s/%s", dir, e->d_name);
    }
    if (d)
        closedir(d);
    return found;
}

static char *iw_slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return em_strdup("");
    em_str s;
    em_str_init(&s, 0);
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        em_str_append(&s, buf, n);
    fclose(f);
    return s.data ? em_str_move(&s) : em_strdup("");
}

EM_TEST(parquet_every_codec_every_type)
{
    iw_begin();
    const ty *schema = iw_schema_all(true);
    vec_batch *b[2] = {iw_gen(schema, 700, 1, true), iw_gen(schema, 333, 2, true)};
    const char *codecs[] = {"snappy", "gzip", "zstd", "lz4_raw", "lz4", "uncompressed", "none"};
    const char *exts[] = {".snappy.parquet", ".gz.parquet",   ".zstd.parquet", ".lz4raw.parquet",
                          ".lz4.parquet",    "-c000.parquet", "-c000.parquet"};
    /* Expected: both batches in order (one part file keeps write order). */
    vec_batch *all = vec_batch_new(schema->n_fields, 1033);
    for (int c = 0; c < schema->n_fields; c++) {
        all->cols[c] = vec_new(schema->fields[c].type, 1033);
        for (int k = 0; k < 2; k++)
            for (int64_t r = 0; r < b[k]->n_rows; r++)
                vec_append_from(all->cols[c], b[k]->cols[c], r, NULL);
    }
    const char *want = iw_render(all, false);
    for (size_t i = 0; i < sizeof codecs / sizeof codecs[0]; i++) {
        char rel[64];
        snprintf(rel, sizeof rel, "out_%s", codecs[i]);
        const char *dir = iw_path(rel);
        char opt[64];
        snprintf(opt, sizeof opt, "compression=%s", codecs[i]);
        const char *opts[] = {opt, NULL};
        CHECK_EQ_INT(iw_write("parquet", dir, IO_SAVE_ERROR_IF_EXISTS, schema, b, 2, opts, NULL),
                     0);
        CHECK_EQ_INT(iw_count_files(dir, exts[i], true), 1);
        CHECK_EQ_INT(iw_count_files(dir, "_SUCCESS", false), 1);
        CHECK_ROWS(iw_read("parquet", dir, NULL, NULL, false), want);
    }
    vec_batch_free(all);
    vec_batch_free(b[0]);
    vec_batch_free(b[1]);
    iw_end();
}

EM_TEST(parquet_layout_as_spark_writes_it)
{
    iw_begin();
    const ty *schema = iw_schema_all(true);
    vec_batch *b = iw_gen(schema, 50, 3, true);
    const char *dir = iw_path("t");
    CHECK_EQ_INT(iw_write("parquet", dir, IO_SAVE_ERROR_IF_EXISTS, schema, &b, 1, NULL, NULL), 0);
    const char *file = iw_part_file(dir, ".snappy.parquet");
    pq_options po;
    pq_options_init(&po);
    em_error err;
    em_error_clear(&err);
    pq_file *f = NULL;
    CHECK_EQ_INT(pq_file_open(file, &po, &W.a, &f, &err), 0);
    if (f) {
        int32_t n;
        const char *v = pq_file_kv_get(f, "org.apache.spark.version", &n);
        CHECK(v && n == 5 && memcmp(v, "4.0.0", 5) == 0);
        v = pq_file_kv_get(f, "org.apache.spark.sql.parquet.row.metadata", &n);
        em_str js;
        em_str_init(&js, 0);
        ty_json(schema, &js); /* every field of the schema is nullable already */
        CHECK(v && (size_t)n == js.len && memcmp(v, js.data, js.len) == 0);
        em_str_release(&js);
        CHECK(strncmp(pq_file_created_by(f), "ember", 5) == 0);
        /* ParquetSchemaConverter's mapping (non-legacy): leaves in schema order. */
        const struct {
            const char *path;
            pq_physical phys;
            int len;
        } want[] = {
            {"b", PQ_BOOLEAN, 0},
            {"i8", PQ_INT32, 0},
            {"i16", PQ_INT32, 0},
            {"i32", PQ_INT32, 0},
            {"i64", PQ_INT64, 0},
            {"f32", PQ_FLOAT, 0},
            {"f64", PQ_DOUBLE, 0},
            {"d9", PQ_INT32, 0},
            {"d18", PQ_INT64, 0},
            {"d38", PQ_FIXED_LEN_BYTE_ARRAY, 13},
            {"s", PQ_BYTE_ARRAY, 0},
            {"bin", PQ_BYTE_ARRAY, 0},
            {"dt", PQ_INT32, 0},
            {"ts", PQ_INT64, 0},
            {"ntz", PQ_INT64, 0},
            {"arr.list.element", PQ_INT32, 0},
            {"m.key_value.key", PQ_BYTE_ARRAY, 0},
            {"m.key_value.value", PQ_INT64, 0},
            {"st.x", PQ_INT32, 0},
            {"st.y", PQ_BYTE_ARRAY, 0},
            {"aos.list.element.p", PQ_DOUBLE, 0},
            {"aa.list.element.list.element", PQ_BYTE_ARRAY, 0},
        };
        CHECK_EQ_INT(pq_file_num_leaves(f), (int)(sizeof want / sizeof want[0]));
        for (int i = 0; i < pq_file_num_leaves(f) && i < (int)(sizeof want / sizeof want[0]); i++) {
            const pq_leaf_info *l = pq_file_leaf(f, i);
            CHECK_EQ_STR(l->path, want[i].path);
            CHECK_EQ_INT(l->physical, want[i].phys);
            CHECK_EQ_INT(l->type_length, want[i].len);
        }
        /* The Spark schema read back equals the written one (types from the annotations). */
        em_str a, e;
        em_str_init(&a, 0);
        em_str_init(&e, 0);
        ty_simple_string(pq_file_schema(f), &a);
        ty_simple_string(schema, &e);
        CHECK_EQ_STR(a.data, e.data);
        em_str_release(&a);
        em_str_release(&e);
        /* Statistics of the bigint column: min / max / null_count of the written rows. */
        pq_stats st;
        CHECK_EQ_INT(pq_file_column_stats(f, 0, 4, &st, &err), 0);
        CHECK(st.has_null_count && st.has_min_max);
        int64_t mn = INT64_MAX, mx = INT64_MIN, nulls = 0;
        for (int64_t r = 0; r < b->n_rows; r++) {
            if (vec_is_null(b->cols[4], r)) {
                nulls++;
                continue;
            }
            int64_t x = VEC_VALUES(b->cols[4], int64_t)[r];
            mn = x < mn ? x : mn;
            mx = x > mx ? x : mx;
        }
        CHECK_EQ_INT(st.null_count, nulls);
        int64_t smin = 0, smax = 0;
        memcpy(&smin, st.min, 8);
        memcpy(&smax, st.max, 8);
        CHECK_EQ_INT(smin, mn);
        CHECK_EQ_INT(smax, mx);
        pq_file_close(f);
    }
    vec_batch_free(b);
    iw_end();
}

EM_TEST(parquet_row_groups_dictionary_fallback_max_records)
{
    iw_begin();
    const ty *schema = iw_struct("id:bigint,s:string,d:double");
    /* Unique strings: the dictionary passes its (small) limit and the chunk falls back. */
    int64_t n = 20000;
    vec_batch *b = vec_batch_new(3, n);
    b->cols[0] = vec_new(ty_long(), n);
    b->cols[1] = vec_new(ty_string(), n);
    b->cols[2] = vec_new(ty_double(), n);
    for (int64_t r = 0; r < n; r++) {
        VEC_VALUES(b->cols[0], int64_t)[r] = r;
        char s[32];
        snprintf(s, sizeof s, "value-%06lld", (long long)r);
        vec_append_str(b->cols[1], s, (int64_t)strlen(s), NULL);
        VEC_VALUES(b->cols[2], double)[r] = (double)(r % 10) / 4;
    }
    b->cols[0]->len = b->cols[2]->len = n;
    const char *dir = iw_path("rg");
    const char *opts[] = {"parquet.block.size=100000", "parquet.dictionary.page.size=4096",
                          "parquet.page.size=8192", NULL};
    CHECK_EQ_INT(iw_write("parquet", dir, IO_SAVE_ERROR_IF_EXISTS, schema, &b, 1, opts, NULL), 0);
    pq_options po;
    pq_options_init(&po);
    pq_file *f = NULL;
    CHECK_EQ_INT(pq_file_open(iw_part_file(dir, ".parquet"), &po, &W.a, &f, &W.err), 0);
    if (f) {
        CHECK(pq_file_num_row_groups(f) > 1);
        CHECK_EQ_INT(pq_file_num_rows(f), n);
        pq_file_close(f);
    }
    CHECK_ROWS(iw_read("parquet", dir, NULL, NULL, false), iw_render(b, false));
    /* maxRecordsPerFile: 20000 rows in files of 6000 -> c000..c003. */
    const char *dir2 = iw_path("mr");
    const char *opts2[] = {"maxRecordsPerFile=6000", NULL};
    CHECK_EQ_INT(iw_write("parquet", dir2, IO_SAVE_ERROR_IF_EXISTS, schema, &b, 1, opts2, NULL), 0);
    CHECK_EQ_INT(iw_count_files(dir2, ".parquet", true), 4);
    CHECK_EQ_INT(iw_count_files(dir2, "-c003.snappy.parquet", true), 1);
    CHECK_ROWS(iw_read("parquet", dir2, NULL, NULL, true), iw_render(b, true));
    vec_batch_free(b);
    iw_end();
}

EM_TEST(parquet_empty_write_keeps_schema)
{
    iw_begin();
    const ty *schema = iw_schema_all(true);
    const char *dir = iw_path("empty");
    CHECK_EQ_INT(iw_write("parquet", dir, IO_SAVE_ERROR_IF_EXISTS, schema, NULL, 0, NULL, NULL), 0);
    CHECK_EQ_INT(iw_count_files(dir, ".parquet", true), 1);
    CHECK_ROWS(iw_read("parquet", dir, NULL, NULL, false), "");
    io_source_conf conf;
    io_source_conf_init(&conf);
    io_source *src;
    const char *p = dir;
    CHECK_EQ_INT(io_source_resolve(&W.a, &conf, "parquet", 1, &p, 0, NULL, NULL, &src, &W.err), 0);
    em_str a, e;
    em_str_init(&a, 0);
    em_str_init(&e, 0);
    ty_simple_string(io_source_schema(src), &a);
    ty_simple_string(schema, &e);
    CHECK_EQ_STR(a.data, e.data);
    em_str_release(&a);
    em_str_release(&e);
    iw_end();
}

static const char *iw_flat_csv_spec =
    "b:boolean,i8:tinyint,i16:smallint,i32:int,i64:bigint,f32:float,f64:double,d9:decimal(5;2),"
    "d18:decimal(15;3),d38:decimal(30;5),s:string,dt:date,ts:timestamp,ntz:timestamp_ntz";

EM_TEST(csv_round_trip)
{
    iw_begin();
    const ty *schema = iw_struct(iw_flat_csv_spec);
    vec_batch *b = iw_gen(schema, 500, 4, true);
    const char *codecs[] = {"none", "gzip", "deflate"};
    const char *exts[] = {".csv", ".csv.gz", ".csv.deflate"};
    for (int i = 0; i < 3; i++) {
        char rel[32], opt[64];
        snprintf(rel, sizeof rel, "csv_%s", codecs[i]);
        snprintf(opt, sizeof opt, "compression=%s", codecs[i]);
        const char *dir = iw_path(rel);
        /* Whitespace kept (the default trimming is checked with exact text below); NULL written
           as \N so that "" reads back as "" (with nullValue "" Spark reads `""` as NULL). */
        const char *wopts[] = {opt,
                               "header=true",
                               "ignoreLeadingWhiteSpace=false",
                               "ignoreTrailingWhiteSpace=false",
                               "nullValue=\\N",
                               NULL};
        CHECK_EQ_INT(iw_write("csv", dir, IO_SAVE_ERROR_IF_EXISTS, schema, &b, 1, wopts, NULL), 0);
        CHECK_EQ_INT(iw_count_files(dir, exts[i], true), 1);
        const char *ropts[] = {"header=true", "multiLine=true", "nullValue=\\N", NULL};
        CHECK_ROWS(iw_read("csv", dir, schema, ropts, false), iw_render(b, false));
    }
    vec_batch_free(b);
    iw_end();
}

EM_TEST(csv_exact_text)
{
    iw_begin();
    /* UnivocityGenerator + CsvWriter as Spark configures them (CSVOptions.asWriterSettings):
       NULL -> empty, "" -> "" (emptyValue), whitespace trimmed, quotes escaped with \, values
       holding the delimiter / quote / newline quoted, escape char doubled inside quotes. */
    const ty *schema = iw_struct("a:string,b:string,c:int");
    vec_batch *bt = vec_batch_new(3, 5);
    bt->cols[0] = vec_new(ty_string(), 5);
    bt->cols[1] = vec_new(ty_string(), 5);
    bt->cols[2] = vec_new(ty_int(), 5);
    const char *as[] = {"x", "", "  pad  ", "a,b", "q\"t"};
    const char *bs[] = {NULL, "back\\slash", "n\nl", "\"lead", "b\\\"c,"};
    for (int r = 0; r < 5; r++) {
        vec_append_str(bt->cols[0], as[r], (int64_t)strlen(as[r]), NULL);
        if (bs[r])
            vec_append_str(bt->cols[1], bs[r], (int64_t)strlen(bs[r]), NULL);
        else
            vec_append_null(bt->cols[1]);
        if (r == 2)
            vec_append_null(bt->cols[2]);
        else
            io_push_i32(bt->cols[2], r * 10 - 5);
    }
    const char *dir = iw_path("exact");
    const char *opts[] = {"header=true", NULL};
    CHECK_EQ_INT(iw_write("csv", dir, IO_SAVE_ERROR_IF_EXISTS, schema, &bt, 1, opts, NULL), 0);
    char *text = iw_slurp(iw_part_file(dir, ".csv"));
    CHECK_EQ_STR(text, "a,b,c\n"
                       "x,,-5\n"
                       "\"\",back\\slash,5\n"
                       "pad,\"n\nl\",\n"
                       "\"a,b\",\"\\\"lead\",25\n"
                       "\"q\\\"t\",\"b\\\\\\\"c,\",35\n");
    em_free(text);
    /* quoteAll, nullValue, sep, a date pattern. */
    const char *dir2 = iw_path("exact2");
    const char *opts2[] = {"quoteAll=true", "nullValue=NA", "sep=;", NULL};
    CHECK_EQ_INT(iw_write("csv", dir2, IO_SAVE_ERROR_IF_EXISTS, schema, &bt, 1, opts2, NULL), 0);
    text = iw_slurp(iw_part_file(dir2, ".csv"));
    CHECK(strncmp(text, "\"x\";\"NA\";\"-5\"\n", 14) == 0);
    em_free(text);
    vec_batch_free(bt);
    iw_end();
}

EM_TEST(json_round_trip_and_text)
{
    iw_begin();
    const ty *schema = iw_schema_all(true);
    vec_batch *b = iw_gen(schema, 400, 5, true);
    const char *codecs[] = {"none", "gzip"};
    const char *exts[] = {".json", ".json.gz"};
    for (int i = 0; i < 2; i++) {
        char rel[32], opt[64];
        snprintf(rel, sizeof rel, "json_%s", codecs[i]);
        snprintf(opt, sizeof opt, "compression=%s", codecs[i]);
        const char *dir = iw_path(rel);
        const char *wopts[] = {opt, NULL};
        CHECK_EQ_INT(iw_write("json", dir, IO_SAVE_ERROR_IF_EXISTS, schema, &b, 1, wopts, NULL), 0);
        CHECK_EQ_INT(iw_count_files(dir, exts[i], true), 1);
        CHECK_ROWS(iw_read("json", dir, schema, NULL, false), iw_render(b, false));
    }
    /* JacksonGenerator's text: NULL fields omitted, timestamps in Spark 4's default write
       pattern (yyyy-MM-dd'T'HH:mm:ss[.SSS][XXXXX]), NaN quoted, decimals and binary. */
    const ty *s2 = iw_struct("a:int,b:string,ts:timestamp,d:double,dec:decimal(5;2),bin:binary,"
                             "ntz:timestamp_ntz,dt:date");
    vec_batch *one = vec_batch_new(8, 1);
    for (int c = 0; c < 8; c++)
        one->cols[c] = vec_new(s2->fields[c].type, 1);
    io_push_i32(one->cols[0], 1);
    vec_append_null(one->cols[1]);
    VEC_VALUES(one->cols[2], int64_t)[0] = 1704067200000000LL; /* 2024-01-01 00:00:00 UTC */
    one->cols[2]->len = 1;
    VEC_VALUES(one->cols[3], double)[0] = 0.0 / 0.0;
    one->cols[3]->len = 1;
    VEC_VALUES(one->cols[4], __int128)[0] = 12345;
    one->cols[4]->len = 1;
    vec_append_str(one->cols[5], "hi!", 3, NULL);
    VEC_VALUES(one->cols[6], int64_t)[0] = 1704067200123000LL;
    one->cols[6]->len = 1;
    VEC_VALUES(one->cols[7], int32_t)[0] = 19723;
    one->cols[7]->len = 1;
    const char *dir = iw_path("json_text");
    CHECK_EQ_INT(iw_write("json", dir, IO_SAVE_ERROR_IF_EXISTS, s2, &one, 1, NULL, NULL), 0);
    char *text = iw_slurp(iw_part_file(dir, ".json"));
    CHECK_EQ_STR(text, "{\"a\":1,\"ts\":\"2024-01-01T00:00:00.000Z\",\"d\":\"NaN\",\"dec\":123.45,"
                       "\"bin\":\"aGkh\",\"ntz\":\"2024-01-01T00:00:00.123\","
                       "\"dt\":\"2024-01-01\"}\n");
    em_free(text);
    /* Another session zone: the offset is printed. */
    const char *dir2 = iw_path("json_tz");
    const char *o2[] = {"timeZone=America/Los_Angeles", "ignoreNullFields=false", NULL};
    CHECK_EQ_INT(iw_write("json", dir2, IO_SAVE_ERROR_IF_EXISTS, s2, &one, 1, o2, NULL), 0);
    text = iw_slurp(iw_part_file(dir2, ".json"));
    CHECK(strstr(text, "\"b\":null") != NULL);
    CHECK(strstr(text, "\"ts\":\"2023-12-31T16:00:00.000-08:00\"") != NULL);
    em_free(text);
    vec_batch_free(one);
    vec_batch_free(b);
    iw_end();
}

EM_TEST(text_round_trip_and_errors)
{
    iw_begin();
    const ty *schema = iw_struct("value:string");
    vec_batch *b = iw_gen(iw_struct("value:string"), 300, 6, true);
    /* Lines: strings with "\n" would split; use one without. */
    vec_batch *c = vec_batch_new(1, 3);
    c->cols[0] = vec_new(ty_string(), 3);
    vec_append_str(c->cols[0], "first line", 10, NULL);
    vec_append_null(c->cols[0]);
    vec_append_str(c->cols[0], "  third ", 8, NULL);
    const char *dir = iw_path("txt");
    CHECK_EQ_INT(iw_write("text", dir, IO_SAVE_ERROR_IF_EXISTS, schema, &c, 1, NULL, NULL), 0);
    CHECK_ROWS(iw_read("text", dir, NULL, NULL, false), "first line||  third ");
    const char *dir2 = iw_path("txtgz");
    const char *o[] = {"compression=gzip", "lineSep=|", NULL};
    CHECK_EQ_INT(iw_write("text", dir2, IO_SAVE_ERROR_IF_EXISTS, schema, &c, 1, o, NULL), 0);
    CHECK_EQ_INT(iw_count_files(dir2, ".txt.gz", true), 1);
    const char *ro[] = {"lineSep=|", NULL};
    CHECK_ROWS(iw_read("text", dir2, NULL, ro, false), "first line||  third ");
    /* TextFileFormat.verifySchema: _LEGACY_ERROR_TEMP_1290 with the column count. */
    const ty *two = iw_struct("a:string,b:string");
    CHECK(iw_write("text", iw_path("t2"), IO_SAVE_ERROR_IF_EXISTS, two, NULL, 0, NULL, NULL) != 0);
    CHECK_EQ_STR(W.err.error_class, "_LEGACY_ERROR_TEMP_1290");
    CHECK_EQ_STR(em_error_param_get(&W.err, "schemaSize"), "2");
    /* A non-string column: UNSUPPORTED_DATA_TYPE_FOR_DATASOURCE naming Text. */
    CHECK(iw_write("text", iw_path("t3"), IO_SAVE_ERROR_IF_EXISTS, iw_struct("a:int"), NULL, 0,
                   NULL, NULL) != 0);
    CHECK_EQ_STR(W.err.error_class, "UNSUPPORTED_DATA_TYPE_FOR_DATASOURCE");
    CHECK_EQ_STR(em_error_param_get(&W.err, "format"), "Text");
    CHECK_EQ_STR(em_error_param_get(&W.err, "columnType"), "\"INT\"");
    vec_batch_free(b);
    vec_batch_free(c);
    iw_end();
}

int main(int c, char **v)
{
    return em_test_main(c, v);
}
