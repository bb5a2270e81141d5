/*
 * rp_unit_test: unit tests of ember-replay's parts that need no server: the JSON reader, the
 * doctest output checker, PySpark's exception-class mapping, the ratchet file, the request
 * rewrite (on a real captured request) and the error-details decoder.
 *
 * Expected values of the doctest checker come from CPython 3.11's doctest.OutputChecker
 * (the interpreter the captures ran on): every row of rp_check_rows was evaluated with
 * `doctest.OutputChecker().check_output(want, got, flags)` under Python 3.11.7.
 */
#include "em_test.h"

#include <stdlib.h>
#include <unistd.h>

#include <protobuf-c/protobuf-c.h>

#include "common/em_mem.h"
#include "google/protobuf/any.pb-c.h"
#include "google/rpc/error_details.pb-c.h"
#include "google/rpc/status.pb-c.h"
#include "rp_int.h"
#include "spark/connect/base.pb-c.h"

/* ---------------------------------------------------------------------------------------------
 * JSON
 * ------------------------------------------------------------------------------------------- */

static const rp_json *rp_test_parse(em_arena *arena, const char *text)
{
    const rp_json *v = NULL;
    char err[128];
    if (rp_json_parse(text, strlen(text), arena, &v, err, sizeof err) != 0)
        return NULL;
    return v;
}

EM_TEST(json_values)
{
    em_arena a;
    em_arena_init(&a, 0);
    const rp_json *v = rp_test_parse(
        &a, " {\"a\": [1, -2.5e1, 0.5, true, false, null], \"s\": \"x\\n\\u00e9\\ud83d\\ude00\","
            " \"o\": {}, \"e\": []} ");
    CHECK(v != NULL);
    CHECK_EQ_INT(v->kind, RP_JSON_OBJECT);
    const rp_json *arr = rp_json_get(v, "a");
    CHECK(arr && arr->kind == RP_JSON_ARRAY && arr->n_items == 6);
    CHECK_EQ_INT(rp_json_int(arr->items[0], 0), 1);
    CHECK(arr->items[1]->number == -25.0);
    CHECK_EQ_INT(rp_json_int(arr->items[1], 7), -25);
    CHECK_EQ_INT(rp_json_int(arr->items[2], 7), 7); /* not integral: default */
    CHECK(arr->items[3]->kind == RP_JSON_BOOL && arr->items[3]->boolean);
    CHECK(arr->items[4]->kind == RP_JSON_BOOL && !arr->items[4]->boolean);
    CHECK_EQ_INT(arr->items[5]->kind, RP_JSON_NULL);
    CHECK_EQ_STR(rp_json_get_str(v, "s"), "x\n\xc3\xa9\xf0\x9f\x98\x80");
    CHECK(rp_json_get(v, "o")->n_items == 0);
    CHECK(rp_json_get(v, "e")->kind == RP_JSON_ARRAY);
    CHECK(rp_json_get(v, "missing") == NULL);
    CHECK(rp_json_get_str(v, "a") == NULL);
    em_arena_release(&a);
}

EM_TEST(json_malformed)
{
    static const char *const bad[] = {
        "",      "{",       "[1,]",        "{\"a\" 1}", "{\"a\":1,}", "[1 2]",
        "\"abc", "\"\\x\"", "\"\\u12g4\"", "01",        "1.",         "-",
        "tru",   "[1] x",   "\"a\nb\"",    "{1:2}",     "1e",         "[\"\\",
    };
    em_arena a;
    em_arena_init(&a, 0);
    for (size_t idx = 0; idx < sizeof bad / sizeof bad[0]; idx++) {
        const rp_json *v;
        char err[128];
        int rc = rp_json_parse(bad[idx], strlen(bad[idx]), &a, &v, err, sizeof err);
        if (rc == 0)
            fprintf(stderr, "  accepted: %s\n", bad[idx]);
        CHECK(rc != 0);
        CHECK(err[0] != '\0');
    }
    em_arena_release(&a);
}

EM_TEST(json_depth_limit)
{
    em_arena a;
    em_arena_init(&a, 0);
    em_str deep;
    em_str_init(&deep, 0);
    em_str_repeat(&deep, '[', RP_JSON_MAX_DEPTH);
    em_str_repeat(&deep, ']', RP_JSON_MAX_DEPTH);
    em_str_putc(&deep, '\0');
    CHECK(rp_test_parse(&a, deep.data) != NULL);
    em_str_reset(&deep);
    /* A hostile input far past the cap must fail cleanly, not blow the stack. */
    em_str_repeat(&deep, '[', 1000000);
    em_str_putc(&deep, '\0');
    CHECK(rp_test_parse(&a, deep.data) == NULL);
    em_str_release(&deep);
    em_arena_release(&a);
}

/* ---------------------------------------------------------------------------------------------
 * doctest checker
 * ------------------------------------------------------------------------------------------- */

#define N RP_FLAG_NORMALIZE_WHITESPACE
#define E RP_FLAG_ELLIPSIS
#define B RP_FLAG_DONT_ACCEPT_BLANKLINE
#define T RP_FLAG_DONT_ACCEPT_TRUE_FOR_1

static const struct {
    const char *want;
    const char *got;
    int flags;
    bool match; /* CPython 3.11 doctest.OutputChecker().check_output */
} rp_check_rows[] = {
    {"abc\n", "abc\n", 0, true},
    {"abc\n", "abc \n", 0, false},
    {"1\n", "True\n", 0, true},
    {"0\n", "False\n", 0, true},
    {"1\n", "True\n", T, false},
    {"a\n<BLANKLINE>\nb\n", "a\n\nb\n", 0, true},
    {"a\n<BLANKLINE>\nb\n", "a\n\nb\n", B, false},
    {"a\n<BLANKLINE>  \nb\n", "a\n   \nb\n", 0, true},
    {"a\n\nb\n", "a\n \t \nb\n", 0, true},
    {"+---+\n|  a|\n+---+\n", "+---+\n|  a|\n+---+\n\n", N, true},
    {"+---+\n|  a|\n+---+\n", "+---+\n| a|\n+---+\n", N, true},
    {"|a   |b|\n", "|a |b|\n", N, true},
    {"|a|b|\n", "| a|b|\n", N, false},
    {"aa...aa", "aaa", E, false},
    {"aa...aa", "aaaa", E, true},
    {"...", "anything", E, true},
    {"a...c...e\n", "abcde\n", E, true},
    {"a...c...e\n", "aecde\n", E, true},
    {"a...e...c\n", "abcde\n", E, false},
    {"x ... y\n", "x\n1\n2\n y\n", N | E, true},
    {"x ... y\n", "x\n1\n2\n y\n", E, false},
    {"caf\xc3\xa9\n", "caf\xc3\xa9\n", 0, true},
    {"caf\\xe9\n", "caf\xc3\xa9\n", 0, true},
    {"a\xc2\xa0"
     "b\n",
     "a b\n", N, false},
    {"a\x1c"
     "b\n",
     "a b\n", N, true},
    {"a\xe2\x80\x83"
     "b\n",
     "a b\n", N, false},
    {"\xf0\x9f\x98\x80\n", "\\U0001f600\n", 0, true},
    {"", "\n", N, true},
    {"", "x\n", N | E, false},
    {"...\n", "x\n", N | E, true},
};

EM_TEST(doctest_check_rows)
{
    for (size_t idx = 0; idx < sizeof rp_check_rows / sizeof rp_check_rows[0]; idx++) {
        bool got = rp_doctest_check(rp_check_rows[idx].want, rp_check_rows[idx].got,
                                    rp_check_rows[idx].flags);
        if (got != rp_check_rows[idx].match)
            fprintf(stderr, "  row %zu: want [%s] got [%s] flags %d: %d\n", idx,
                    rp_check_rows[idx].want, rp_check_rows[idx].got, rp_check_rows[idx].flags, got);
        CHECK(got == rp_check_rows[idx].match);
    }
}

/* A real show case: pyspark.sql.dataframe.DataFrame.show#2 of the spark-4.2-dev capture
 * (cases.json "want"), against the same table printed with other padding. */
EM_TEST(doctest_check_show_table)
{
    const char *want = "+---+-----+\n|age| name|\n+---+-----+\n| 14|  Tom|\n| 23|Alice|\n"
                       "| 16|  Bob|\n+---+-----+\n";
    const char *exact = "+---+-----+\n|age| name|\n+---+-----+\n| 14|  Tom|\n| 23|Alice|\n"
                        "| 16|  Bob|\n+---+-----+\n\n";
    const char *left = "+---+-----+\n|age|name |\n+---+-----+\n| 14|Tom  |\n| 23|Alice|\n"
                       "| 16|Bob  |\n+---+-----+\n\n";
    CHECK(rp_doctest_check(want, exact, N | E));
    CHECK(!rp_doctest_check(want, left, N | E));
    em_str diff;
    em_str_init(&diff, 0);
    rp_first_difference(want, left, &diff);
    em_str_putc(&diff, '\0');
    CHECK(strstr(diff.data, "line 2") != NULL);
    CHECK(strstr(diff.data, "|age|name |") != NULL);
    em_str_release(&diff);
}

EM_TEST(doctest_check_exception)
{
    /* exc_msg of pyspark.sql.dataframe.DataFrame.drop#9 (spark-4.2-dev capture). */
    const char *want = "pyspark.errors.exceptions.captured.AnalysisException: "
                       "[AMBIGUOUS_REFERENCE] Reference...\n";
    const char *got_same = "pyspark.errors.exceptions.connect.AnalysisException: "
                           "[AMBIGUOUS_REFERENCE] Reference `name` is ambiguous\n";
    const char *got_other = "pyspark.errors.exceptions.connect.SparkRuntimeException: [X] y\n";
    CHECK(rp_doctest_check_exception(want, got_same, N | E | RP_FLAG_IGNORE_EXCEPTION_DETAIL));
    CHECK(!rp_doctest_check_exception(want, got_other, N | E | RP_FLAG_IGNORE_EXCEPTION_DETAIL));
    /* Without IGNORE_EXCEPTION_DETAIL the module path must match too. */
    CHECK(!rp_doctest_check_exception(want, got_same, N | E));
}

EM_TEST(python_exception_mapping)
{
    /* pyspark/errors/exceptions/connect.py: first mapped class wins; PythonException first. */
    CHECK_EQ_STR(rp_python_exception(false, NULL), "SparkConnectGrpcException");
    CHECK_EQ_STR(rp_python_exception(true, NULL), "UnknownException");
    CHECK_EQ_STR(rp_python_exception(true, "[\"org.apache.spark.sql.AnalysisException\","
                                           "\"java.lang.Exception\"]"),
                 "AnalysisException");
    CHECK_EQ_STR(rp_python_exception(true, "[\"org.apache.spark.sql.catalyst.parser."
                                           "ParseException\",\"org.apache.spark.sql."
                                           "AnalysisException\"]"),
                 "ParseException");
    CHECK_EQ_STR(rp_python_exception(true, "[\"x.Y\",\"org.apache.spark.SparkException\","
                                           "\"org.apache.spark.api.python.PythonException\"]"),
                 "PythonException");
    CHECK_EQ_STR(rp_python_exception(true, "[\"x.Y\"]"), "UnknownException");
    CHECK_EQ_STR(rp_python_exception(true, "not json"), "UnknownException");
}

EM_TEST(flags_from_json)
{
    em_arena a;
    em_arena_init(&a, 0);
    const rp_json *v = rp_test_parse(&a, "[\"NORMALIZE_WHITESPACE\", \"ELLIPSIS\", \"SKIP\", "
                                         "\"REPORT_NDIFF\"]");
    CHECK_EQ_INT(rp_flags_from_json(v), N | E | RP_FLAG_SKIP);
    em_arena_release(&a);
}

/* ---------------------------------------------------------------------------------------------
 * ratchet
 * ------------------------------------------------------------------------------------------- */

EM_TEST(ratchet_roundtrip)
{
    char dir[] = "/tmp/rp-unit-XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    em_str path;
    em_str_init(&path, 0);
    em_str_printf(&path, "%s/r.txt", dir);
    rp_idset s;
    rp_idset_init(&s);
    char err[256];
    CHECK_EQ_INT(rp_ratchet_read(path.data, &s, err, sizeof err), 0); /* missing = empty */
    CHECK_EQ_INT((int)s.n, 0);
    FILE *f = fopen(path.data, "w");
    fputs("# comment\nb.c#2\n\na.b#10  \r\na.b#10\na.b#9\n", f);
    fclose(f);
    CHECK_EQ_INT(rp_ratchet_read(path.data, &s, err, sizeof err), 0);
    CHECK_EQ_INT((int)s.n, 3);
    CHECK_EQ_STR(s.ids[0], "a.b#10");
    CHECK_EQ_STR(s.ids[1], "a.b#9");
    CHECK_EQ_STR(s.ids[2], "b.c#2");
    rp_idset_add(&s, "a.a#1");
    CHECK(rp_idset_has(&s, "a.a#1"));
    CHECK(!rp_idset_has(&s, "a.a#2"));
    CHECK_EQ_INT(rp_ratchet_write(path.data, &s, err, sizeof err), 0);
    size_t len = 0;
    char buf[256] = {0};
    f = fopen(path.data, "r");
    len = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    CHECK_EQ_INT((int)len, (int)strlen("a.a#1\na.b#10\na.b#9\nb.c#2\n"));
    CHECK_EQ_STR(buf, "a.a#1\na.b#10\na.b#9\nb.c#2\n");
    rp_idset_release(&s);
    CHECK_EQ_INT(ts_remove_tree(dir), 0);
    CHECK(access(dir, F_OK) != 0);
    em_str_release(&path);
}

/* ---------------------------------------------------------------------------------------------
 * request rewrite and error details
 * ------------------------------------------------------------------------------------------- */

static bool rp_mem_has(const uint8_t *hay, size_t n, const char *needle)
{
    size_t k = strlen(needle);
    for (size_t pos = 0; pos + k <= n; pos++)
        if (memcmp(hay + pos, needle, k) == 0)
            return true;
    return false;
}

EM_TEST(rewrite_synthetic_config)
{
    char dir[] = "/tmp/rp-unit-XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    em_str path;
    em_str_init(&path, 0);
    em_str_printf(&path, "%s/0001_Config.bin", dir);
    Spark__Connect__ConfigRequest req = SPARK__CONNECT__CONFIG_REQUEST__INIT;
    req.session_id = "11111111-1111-1111-1111-111111111111";
    req._client_observed_server_side_session_id_case =
        SPARK__CONNECT__CONFIG_REQUEST___CLIENT_OBSERVED_SERVER_SIDE_SESSION_ID_CLIENT_OBSERVED_SERVER_SIDE_SESSION_ID;
    req.client_observed_server_side_session_id = "22222222-2222-2222-2222-222222222222";
    size_t n = spark__connect__config_request__get_packed_size(&req);
    uint8_t *bytes = em_malloc(n);
    spark__connect__config_request__pack(&req, bytes);
    FILE *f = fopen(path.data, "wb");
    fwrite(bytes, 1, n, f);
    fclose(f);
    em_free(bytes);

    rp_idset seen;
    rp_idset_init(&seen);
    rp_rewrite rw = {.session_id = "33333333-3333-3333-3333-333333333333",
                     .path_root = "/x",
                     .paths_seen = &seen};
    rp_prepared p;
    char err[256];
    CHECK_EQ_INT(rp_request_prepare("Config", path.data, &rw, &p, err, sizeof err), 0);
    Spark__Connect__ConfigRequest *back =
        spark__connect__config_request__unpack(NULL, p.len, p.data);
    CHECK(back != NULL);
    if (back) {
        CHECK_EQ_STR(back->session_id, "33333333-3333-3333-3333-333333333333");
        CHECK_EQ_INT(back->_client_observed_server_side_session_id_case, 0);
        spark__connect__config_request__free_unpacked(back, NULL);
    }
    CHECK(!p.reattachable);
    rp_prepared_release(&p);
    CHECK(rp_request_prepare("NoSuchMethod", path.data, &rw, &p, err, sizeof err) != 0);
    CHECK(rp_request_prepare("Config", "/nonexistent/x.bin", &rw, &p, err, sizeof err) != 0);
    /* Bytes that are not a ConfigRequest (an invalid wire type) are refused. */
    f = fopen(path.data, "wb");
    fputs("\xff\xff\xff\xff", f);
    fclose(f);
    CHECK(rp_request_prepare("Config", path.data, &rw, &p, err, sizeof err) != 0);
    rp_idset_release(&seen);
    ts_remove_tree(dir);
    em_str_release(&path);
}

#ifdef RP_DOCTESTS_DIR
/* A captured request that writes JSON into a TemporaryDirectory(prefix="json1"). */
EM_TEST(rewrite_captured_paths)
{
    const char *file = RP_DOCTESTS_DIR
        "/spark-4.2-dev/pyspark.sql.connect.readwriter.DataFrameReader.json/0002_ExecutePlan.bin";
    if (access(file, R_OK) != 0) {
        fprintf(stderr, "  (skipped: %s not found)\n", file);
        return;
    }
    rp_idset seen;
    rp_idset_init(&seen);
    rp_rewrite rw = {.session_id = "33333333-3333-3333-3333-333333333333",
                     .path_root = "/scratch/paths",
                     .paths_seen = &seen};
    rp_prepared p;
    char err[256];
    CHECK_EQ_INT(rp_request_prepare("ExecutePlan", file, &rw, &p, err, sizeof err), 0);
    CHECK(rp_mem_has(p.data, p.len, "/scratch/paths/json1"));
    CHECK(!rp_mem_has(p.data, p.len, "/tmp/json1"));
    CHECK(p.reattachable); /* PySpark 4.x sends reattachable ExecutePlan requests */
    CHECK_EQ_INT((int)seen.n, 1);
    CHECK(seen.n == 1 && strncmp(seen.ids[0], "/scratch/paths/json1", 20) == 0);
    Spark__Connect__ExecutePlanRequest *back =
        spark__connect__execute_plan_request__unpack(NULL, p.len, p.data);
    CHECK(back != NULL);
    if (back) {
        CHECK_EQ_STR(back->session_id, "33333333-3333-3333-3333-333333333333");
        CHECK_EQ_INT(back->_client_observed_server_side_session_id_case, 0);
        CHECK(back->plan != NULL);
        spark__connect__execute_plan_request__free_unpacked(back, NULL);
    }
    rp_prepared_release(&p);
    rp_idset_release(&seen);
}

/* A spark-4.0 capture that our (4.2) .proto files cannot decode: the 4.0-dev client sent a
 * SubqueryExpression as Expression field 22. Only the session fields are rewritten. */
EM_TEST(rewrite_raw_fallback)
{
    const char *file =
        RP_DOCTESTS_DIR "/spark-4.0/pyspark.sql.dataframe.DataFrame.exists/0003_ExecutePlan.bin";
    if (access(file, R_OK) != 0) {
        fprintf(stderr, "  (skipped: %s not found)\n", file);
        return;
    }
    rp_rewrite rw = {.session_id = "33333333-3333-3333-3333-333333333333",
                     .path_root = "/scratch/paths",
                     .paths_seen = NULL};
    rp_prepared p;
    char err[256];
    CHECK_EQ_INT(rp_request_prepare("ExecutePlan", file, &rw, &p, err, sizeof err), 0);
    CHECK(p.raw_rewrite);
    CHECK(p.reattachable);
    CHECK(rp_mem_has(p.data, p.len, "33333333-3333-3333-3333-333333333333"));
    /* The captured session id and the mock's server-side id are gone. */
    CHECK(!rp_mem_has(p.data, p.len, "af21aff8-591d-4d50-bc6c-054822ae4a4e"));
    CHECK(!rp_mem_has(p.data, p.len, "3333dfac-94e9-5846-a7cc-0a78dc486810"));
    CHECK(rp_mem_has(p.data, p.len, "customer_name")); /* the plan is kept */
    rp_prepared_release(&p);
}
#endif

EM_TEST(error_info_decode)
{
    Google__Rpc__ErrorInfo__MetadataEntry e1 = GOOGLE__RPC__ERROR_INFO__METADATA_ENTRY__INIT;
    Google__Rpc__ErrorInfo__MetadataEntry e2 = GOOGLE__RPC__ERROR_INFO__METADATA_ENTRY__INIT;
    e1.key = "classes";
    e1.value = "[\"org.apache.spark.sql.AnalysisException\"]";
    e2.key = "errorClass";
    e2.value = "UNRESOLVED_COLUMN.WITH_SUGGESTION";
    Google__Rpc__ErrorInfo__MetadataEntry e3 = GOOGLE__RPC__ERROR_INFO__METADATA_ENTRY__INIT;
    e3.key = "messageParameters";
    e3.value = "{\"objectName\":\"`b`\",\"proposal\":\"`a`\"}";
    Google__Rpc__ErrorInfo__MetadataEntry *entries[] = {&e1, &e2, &e3};
    Google__Rpc__ErrorInfo info = GOOGLE__RPC__ERROR_INFO__INIT;
    info.reason = "org.apache.spark.sql.AnalysisException";
    info.domain = "org.apache.spark";
    info.n_metadata = 3;
    info.metadata = entries;
    size_t info_len = google__rpc__error_info__get_packed_size(&info);
    uint8_t *info_bytes = em_malloc(info_len);
    google__rpc__error_info__pack(&info, info_bytes);
    Google__Protobuf__Any any = GOOGLE__PROTOBUF__ANY__INIT;
    any.type_url = "type.googleapis.com/google.rpc.ErrorInfo";
    any.value.data = info_bytes;
    any.value.len = info_len;
    Google__Protobuf__Any *details[] = {&any};
    Google__Rpc__Status st = GOOGLE__RPC__STATUS__INIT;
    st.code = 13;
    st.message = "[UNRESOLVED_COLUMN.WITH_SUGGESTION] ...";
    st.n_details = 1;
    st.details = details;
    size_t len = google__rpc__status__get_packed_size(&st);
    uint8_t *bytes = em_malloc(len);
    google__rpc__status__pack(&st, bytes);

    char *error_class = NULL, *classes = NULL, *params = NULL;
    CHECK(rp_error_info(bytes, len, &error_class, &classes, &params));
    CHECK_EQ_STR(error_class, "UNRESOLVED_COLUMN.WITH_SUGGESTION");
    CHECK_EQ_STR(classes, "[\"org.apache.spark.sql.AnalysisException\"]");
    CHECK_EQ_STR(params, "{\"objectName\":\"`b`\",\"proposal\":\"`a`\"}");
    em_free(error_class);
    em_free(classes);
    em_free(params);
    CHECK(!rp_error_info(NULL, 0, &error_class, &classes, &params));
    CHECK(error_class == NULL && classes == NULL && params == NULL);
    /* Garbage is not an error info. */
    CHECK(!rp_error_info((const uint8_t *)"\xff\xff\xff", 3, &error_class, &classes, NULL));
    em_free(bytes);
    em_free(info_bytes);
}

int main(int c, char **v)
{
    return em_test_main(c, v);
}
