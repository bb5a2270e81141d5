/*
 * unit_test.c: libember without a server — connection strings (every key and error case of
 * PySpark's DefaultChannelBuilder), session identity (user_id, user_agent, client_type,
 * session_id, SPARK_REMOTE), the expressions the builders produce (named and shaped as PySpark's
 * Column/functions produce them), plan ids, DataFrame builder errors, the PySpark JSON of types,
 * the retry policy's backoff sequence, gRPC errors -> ember_error, and Arrow C data -> IPC.
 *
 * Expected values cite their source: PySpark's client (pyspark/sql/connect/client/core.py,
 * retries.py, column.py, expressions.py, plan.py, types.py) as the protocol notes
 * (../shared/docs/spark-connect-protocol.md) describe it.
 */
#include <stdlib.h>
#include <string.h>

#include "arrow/ipc.h"
#include "cl_test_data.h"
#include "client/cl_int.h"
#include "common/em_mem.h"
#include "em_test.h"
#include "types/ty.h"
#include "vector/vec.h"

/* ------------------------------------------------------------------- connection strings ---- */

static const char *url_param(const cl_url *u, const char *key)
{
    for (int idx = 0; idx < u->n_params; idx++)
        if (strcmp(u->keys[idx], key) == 0)
            return u->values[idx];
    return NULL;
}

EM_TEST(url_defaults)
{
    cl_url u;
    ember_error err;
    CHECK_EQ_INT(cl_url_parse("sc://localhost", &u, &err), EMBER_OK);
    CHECK_EQ_STR(u.host, "localhost");
    CHECK_EQ_INT(u.port, 15002); /* protocol §3: default port 15002 */
    CHECK_EQ_STR(u.target, "localhost:15002");
    CHECK(!u.use_ssl && !u.token && !u.user_id && !u.session_id);
    cl_url_release(&u);
    CHECK_EQ_INT(cl_url_parse("sc://example.com:1234/", &u, &err), EMBER_OK);
    CHECK_EQ_STR(u.target, "example.com:1234");
    cl_url_release(&u);
    /* urlparse lower-cases the host name */
    CHECK_EQ_INT(cl_url_parse("sc://MyHost:1", &u, &err), EMBER_OK);
    CHECK_EQ_STR(u.host, "myhost");
    cl_url_release(&u);
    /* an empty port is the default */
    CHECK_EQ_INT(cl_url_parse("sc://h:/", &u, &err), EMBER_OK);
    CHECK_EQ_INT(u.port, 15002);
    cl_url_release(&u);
}

EM_TEST(url_every_key)
{
    cl_url u;
    ember_error err;
    const char *url = "sc://host:15003/;token=abc;use_ssl=true;user_id=alice;user_agent=myapp;"
                      "session_id=0d60b53a-1c2e-4c3a-9b8e-1234567890ab;x-test=42";
    CHECK_EQ_INT(cl_url_parse(url, &u, &err), EMBER_OK);
    CHECK_EQ_STR(u.token, "abc");
    CHECK(u.use_ssl);
    CHECK_EQ_STR(u.user_id, "alice");
    CHECK_EQ_STR(u.user_agent, "myapp");
    CHECK_EQ_STR(u.session_id, "0d60b53a-1c2e-4c3a-9b8e-1234567890ab");
    CHECK_EQ_STR(url_param(&u, "x-test"), "42");
    CHECK_EQ_INT(u.n_params, 6);
    cl_url_release(&u);
    /* use_ssl compares lower-cased with "true" */
    CHECK_EQ_INT(cl_url_parse("sc://h/;use_ssl=TRUE", &u, &err), EMBER_OK);
    CHECK(u.use_ssl);
    cl_url_release(&u);
    CHECK_EQ_INT(cl_url_parse("sc://h/;use_ssl=yes", &u, &err), EMBER_OK);
    CHECK(!u.use_ssl);
    cl_url_release(&u);
    /* keys are case-sensitive: Token is just metadata */
    CHECK_EQ_INT(cl_url_parse("sc://h/;Token=x", &u, &err), EMBER_OK);
    CHECK(!u.token);
    CHECK_EQ_STR(url_param(&u, "Token"), "x");
    cl_url_release(&u);
}

EM_TEST(url_percent_decoding)
{
    cl_url u;
    ember_error err;
    /* values are unquoted; '=' inside a value is written %3D */
    CHECK_EQ_INT(cl_url_parse("sc://h/;token=a%3Db%20c;user_id=%E2%82%AC", &u, &err), EMBER_OK);
    CHECK_EQ_STR(u.token, "a=b c");
    CHECK_EQ_STR(u.user_id, "\xE2\x82\xAC");
    cl_url_release(&u);
    /* invalid escapes stay as they are; '+' is not a space */
    CHECK_EQ_INT(cl_url_parse("sc://h/;user_id=%zz+%4", &u, &err), EMBER_OK);
    CHECK_EQ_STR(u.user_id, "%zz+%4");
    cl_url_release(&u);
    /* a repeated key keeps its last value */
    CHECK_EQ_INT(cl_url_parse("sc://h/;user_id=a;user_id=b", &u, &err), EMBER_OK);
    CHECK_EQ_STR(u.user_id, "b");
    CHECK_EQ_INT(u.n_params, 1);
    cl_url_release(&u);
}

EM_TEST(url_ipv6_and_no_slash)
{
    cl_url u;
    ember_error err;
    CHECK_EQ_INT(cl_url_parse("sc://[::1]:15002", &u, &err), EMBER_OK);
    CHECK_EQ_STR(u.host, "[::1]");
    CHECK_EQ_STR(u.target, "[::1]:15002");
    cl_url_release(&u);
    CHECK_EQ_INT(cl_url_parse("sc://[fe80::1]/;user_id=x", &u, &err), EMBER_OK);
    CHECK_EQ_STR(u.host, "[fe80::1]");
    CHECK_EQ_INT(u.port, 15002);
    cl_url_release(&u);
    /* parameters right after the port, without '/': accepted (documented in cl_url.c) */
    CHECK_EQ_INT(cl_url_parse("sc://h:1;user_id=x", &u, &err), EMBER_OK);
    CHECK_EQ_STR(u.user_id, "x");
    CHECK_EQ_INT(u.port, 1);
    cl_url_release(&u);
    /* a query is ignored like urlparse separates it */
    CHECK_EQ_INT(cl_url_parse("sc://h/;user_id=x?y=z", &u, &err), EMBER_OK);
    CHECK_EQ_STR(u.user_id, "x");
    cl_url_release(&u);
}

static void url_expect_error(const char *url, const char *cls, const char *detail_part)
{
    cl_url u;
    ember_error err;
    int rc = cl_url_parse(url, &u, &err);
    CHECK_EQ_INT(rc, EMBER_EINVAL);
    CHECK_EQ_STR(err.error_class, cls);
    if (detail_part && !strstr(err.message, detail_part)) {
        char m[512];
        snprintf(m, sizeof m, "%.100s: message [%.200s] lacks [%.100s]", url, err.message,
                 detail_part);
        em_test_fail(__FILE__, __LINE__, m);
    }
}

EM_TEST(url_errors)
{
    /* PySpark's INVALID_CONNECT_URL details */
    url_expect_error("http://h", "INVALID_CONNECT_URL", "must start with 'sc://'");
    url_expect_error("SC://h", "INVALID_CONNECT_URL", "must start with 'sc://'");
    url_expect_error("sc://h/path", "INVALID_CONNECT_URL", "The path component '/path'");
    url_expect_error("sc://h/a/;x=y", "INVALID_CONNECT_URL", "The path component '/a/'");
    url_expect_error("sc://h/;novalue", "INVALID_CONNECT_URL", "Parameter 'novalue'");
    url_expect_error("sc://h/;a=b=c", "INVALID_CONNECT_URL", "Parameter 'a=b=c'");
    url_expect_error("sc://h/;a=b;", "INVALID_CONNECT_URL", "Parameter ''");
    url_expect_error("sc://", "INVALID_CONNECT_URL", "Hostname is missing");
    url_expect_error("sc://:15002", "INVALID_CONNECT_URL", "Hostname is missing");
    url_expect_error("sc://h:70000", "INVALID_CONNECT_URL", "Port out of range");
    url_expect_error("sc://h:12ab", "INVALID_CONNECT_URL", "Port could not be cast");
    url_expect_error("sc://h/;session_id=nope", "INVALID_SESSION_UUID_ID", "session_id");
    url_expect_error(NULL, "INVALID_CONNECT_URL", NULL);
}

/* ------------------------------------------------------------------------ identity ---- */

EM_TEST(session_identity)
{
    ember_session *s = NULL;
    ember_error err;
    unsetenv("SPARK_CONNECT_USER_AGENT");
    int rc = ember_session_open("sc://localhost:1/;user_id=bob;user_agent=myapp;"
                                "session_id=0d60b53a-1c2e-4c3a-9b8e-1234567890ab",
                                &s, &err);
    CHECK_EQ_INT(rc, EMBER_OK);
    CHECK_EQ_STR(ember_session_user_id(s), "bob");
    CHECK_EQ_STR(ember_session_id(s), "0d60b53a-1c2e-4c3a-9b8e-1234567890ab");
    /* client_type: "<user_agent> spark/<ver> os/<os> c/<ver>" (PySpark: "... python/x.y.z") */
    const char *ct = ember_session_client_type(s);
    CHECK(strncmp(ct, "myapp spark/" EMBER_SPARK_VERSION " os/", 16) == 0);
    CHECK(strstr(ct, " c/" EMBER_VERSION) != NULL);
    CHECK_EQ_STR(ember_session_target(s), "localhost:1");
    char ssid[64];
    ember_session_server_side_id(s, ssid, sizeof ssid);
    CHECK_EQ_STR(ssid, "");
    CHECK(!ember_session_is_closed(s));
    ember_session_free(s);
}

EM_TEST(session_env_fallbacks)
{
    ember_session *s = NULL;
    ember_error err;
    /* SPARK_REMOTE supplies a missing URL; user_id: $SPARK_USER, then $USER (PySpark 4.x) */
    setenv("SPARK_REMOTE", "sc://remote-host:4242", 1);
    setenv("SPARK_USER", "sparky", 1);
    setenv("SPARK_CONNECT_USER_AGENT", "envagent", 1);
    CHECK_EQ_INT(ember_session_open(NULL, &s, &err), EMBER_OK);
    CHECK_EQ_STR(ember_session_target(s), "remote-host:4242");
    CHECK_EQ_STR(ember_session_user_id(s), "sparky");
    CHECK(strncmp(ember_session_client_type(s), "envagent spark/", 15) == 0);
    /* a fresh uuid4 session id */
    CHECK_EQ_INT((int)strlen(ember_session_id(s)), 36);
    CHECK(ember_session_id(s)[14] == '4');
    ember_session_free(s);
    unsetenv("SPARK_USER");
    setenv("USER", "plainuser", 1);
    ember_session_options o;
    memset(&o, 0, sizeof o);
    o.user_id = "ctor";
    CHECK_EQ_INT(ember_session_open_ex(&o, &s, &err), EMBER_OK);
    CHECK_EQ_STR(ember_session_user_id(s), "ctor"); /* constructor argument before $USER */
    ember_session_free(s);
    CHECK_EQ_INT(ember_session_open(NULL, &s, &err), EMBER_OK);
    CHECK_EQ_STR(ember_session_user_id(s), "plainuser");
    ember_session_free(s);
    unsetenv("SPARK_REMOTE");
    unsetenv("SPARK_CONNECT_USER_AGENT");
    CHECK_EQ_INT(ember_session_open(NULL, &s, &err), EMBER_OK);
    CHECK_EQ_STR(ember_session_target(s), "localhost:15002"); /* default sc://localhost */
    CHECK(strncmp(ember_session_client_type(s), "_SPARK_CONNECT_C spark/", 23) == 0);
    ember_session_free(s);
}

EM_TEST(session_bad_user_agent)
{
    char url[4200] = "sc://h/;user_agent=";
    size_t len = strlen(url);
    memset(url + len, 'a', 2100);
    url[len + 2100] = '\0';
    ember_session *s = NULL;
    ember_error err;
    CHECK_EQ_INT(ember_session_open(url, &s, &err), EMBER_EINVAL);
    CHECK(s == NULL);
}

/* ----------------------------------------------------------------------- expressions ---- */

/* The Expression proto of c (it points into c, which is kept until expr_free_all). */
static ember_column *expr_kept[256];
static int n_expr_kept;

static Spark__Connect__Expression *expr_of(em_arena *a, ember_column *c)
{
    Spark__Connect__Expression *e = cl_proto_expression(a, c);
    if (n_expr_kept < 256)
        expr_kept[n_expr_kept++] = c;
    return e;
}

static void expr_free_all(em_arena *a)
{
    for (int idx = 0; idx < n_expr_kept; idx++)
        ember_column_free(expr_kept[idx]);
    n_expr_kept = 0;
    em_arena_release(a);
}

static const char *fn_name(const Spark__Connect__Expression *e)
{
    return e->expr_type_case == SPARK__CONNECT__EXPRESSION__EXPR_TYPE_UNRESOLVED_FUNCTION
               ? e->unresolved_function->function_name
               : "(not a function)";
}

EM_TEST(expr_operators)
{
    em_arena a;
    em_arena_init(&a, 4096);
    /* column.py: operator names as PySpark sends them */
    struct {
        ember_column *(*fn)(ember_column *, ember_column *);
        const char *name;
    } bin[] = {{ember_add, "+"},
               {ember_sub, "-"},
               {ember_mul, "*"},
               {ember_div, "/"},
               {ember_mod, "%"},
               {ember_pow, "power"},
               {ember_eq, "=="},
               {ember_lt, "<"},
               {ember_le, "<="},
               {ember_gt, ">"},
               {ember_ge, ">="},
               {ember_eq_null_safe, "<=>"},
               {ember_and, "and"},
               {ember_or, "or"},
               {ember_bitwise_or, "|"},
               {ember_bitwise_and, "&"},
               {ember_bitwise_xor, "^"},
               {ember_contains, "contains"},
               {ember_starts_with, "startsWith"},
               {ember_ends_with, "endsWith"}};
    for (size_t idx = 0; idx < sizeof bin / sizeof bin[0]; idx++) {
        Spark__Connect__Expression *e = expr_of(&a, bin[idx].fn(ember_col("a"), ember_lit_int(1)));
        CHECK_EQ_STR(fn_name(e), bin[idx].name);
        CHECK_EQ_INT(e->unresolved_function->n_arguments, 2);
        CHECK(!e->unresolved_function->is_distinct);
    }
    /* != is not(==) */
    Spark__Connect__Expression *e = expr_of(&a, ember_ne(ember_col("a"), ember_lit_int(1)));
    CHECK_EQ_STR(fn_name(e), "not");
    CHECK_EQ_STR(fn_name(e->unresolved_function->arguments[0]), "==");
    CHECK_EQ_STR(fn_name(expr_of(&a, ember_neg(ember_col("a")))), "negative");
    CHECK_EQ_STR(fn_name(expr_of(&a, ember_not(ember_col("a")))), "not");
    CHECK_EQ_STR(fn_name(expr_of(&a, ember_is_null(ember_col("a")))), "isNull");
    CHECK_EQ_STR(fn_name(expr_of(&a, ember_is_not_null(ember_col("a")))), "isNotNull");
    CHECK_EQ_STR(fn_name(expr_of(&a, ember_is_nan(ember_col("a")))), "isNaN");
    e = expr_of(&a, ember_like(ember_col("a"), "x%"));
    CHECK_EQ_STR(fn_name(e), "like");
    CHECK_EQ_STR(e->unresolved_function->arguments[1]->literal->string, "x%");
    CHECK_EQ_STR(fn_name(expr_of(&a, ember_rlike(ember_col("a"), "x"))), "rlike");
    CHECK_EQ_STR(fn_name(expr_of(&a, ember_ilike(ember_col("a"), "x"))), "ilike");
    /* between: (a >= lo) and (a <= hi) */
    e = expr_of(&a, ember_between(ember_col("a"), ember_lit_int(1), ember_lit_int(5)));
    CHECK_EQ_STR(fn_name(e), "and");
    CHECK_EQ_STR(fn_name(e->unresolved_function->arguments[0]), ">=");
    CHECK_EQ_STR(fn_name(e->unresolved_function->arguments[1]), "<=");
    /* isin: in(a, v...) */
    ember_column *vals[2] = {ember_lit_int(1), ember_lit_int(2)};
    e = expr_of(&a, ember_isin(ember_col("a"), vals, 2));
    CHECK_EQ_STR(fn_name(e), "in");
    CHECK_EQ_INT(e->unresolved_function->n_arguments, 3);
    e = expr_of(&a, ember_substr(ember_col("a"), ember_lit_int(1), ember_lit_int(2)));
    CHECK_EQ_STR(fn_name(e), "substr");
    /* count_distinct sets is_distinct */
    ember_column *arg = ember_col("a");
    e = expr_of(&a, ember_fn_distinct("count", &arg, 1));
    CHECK(e->unresolved_function->is_distinct);
    /* ember_call: NULL-terminated */
    e = expr_of(
        &a, ember_call("concat_ws", ember_lit_string("-"), ember_col("a"), ember_col("b"), NULL));
    CHECK_EQ_INT(e->unresolved_function->n_arguments, 3);
    expr_free_all(&a);
}

EM_TEST(expr_references_and_literals)
{
    em_arena a;
    em_arena_init(&a, 4096);
    Spark__Connect__Expression *e = expr_of(&a, ember_col("x"));
    CHECK(e->expr_type_case == SPARK__CONNECT__EXPRESSION__EXPR_TYPE_UNRESOLVED_ATTRIBUTE);
    CHECK_EQ_STR(e->unresolved_attribute->unparsed_identifier, "x");
    /* expressions.py ColumnReference: is_metadata_column always set, plan_id only when bound */
    CHECK(e->unresolved_attribute->_is_metadata_column_case != 0);
    CHECK(e->unresolved_attribute->_plan_id_case == 0);
    e = expr_of(&a, ember_col("*"));
    CHECK(e->expr_type_case == SPARK__CONNECT__EXPRESSION__EXPR_TYPE_UNRESOLVED_STAR);
    CHECK(e->unresolved_star->_unparsed_target_case == 0);
    e = expr_of(&a, ember_col("t.*"));
    CHECK_EQ_STR(e->unresolved_star->unparsed_target, "t.*");
    e = expr_of(&a, ember_expr("a + 1"));
    CHECK_EQ_STR(e->expression_string->expression, "a + 1");
    /* lit: Python ints are integer when they fit 32 bits, else long */
    e = expr_of(&a, ember_lit_integral(7));
    CHECK(e->literal->literal_type_case ==
          SPARK__CONNECT__EXPRESSION__LITERAL__LITERAL_TYPE_INTEGER);
    e = expr_of(&a, ember_lit_integral(1LL << 40));
    CHECK(e->literal->literal_type_case == SPARK__CONNECT__EXPRESSION__LITERAL__LITERAL_TYPE_LONG);
    /* lit(None): null with NullType */
    e = expr_of(&a, ember_lit_null());
    CHECK(e->literal->literal_type_case == SPARK__CONNECT__EXPRESSION__LITERAL__LITERAL_TYPE_NULL);
    CHECK(e->literal->null->kind_case == SPARK__CONNECT__DATA_TYPE__KIND_NULL);
    e = expr_of(&a, ember_lit_decimal("1.50", 10, 2));
    CHECK_EQ_STR(e->literal->decimal->value, "1.50");
    CHECK_EQ_INT(e->literal->decimal->precision, 10);
    CHECK_EQ_INT(e->literal->decimal->scale, 2);
    e = expr_of(&a, ember_lit_binary("\0ab", 3));
    CHECK_EQ_INT(e->literal->binary.len, 3);
    e = expr_of(&a, ember_lit_calendar_interval(1, 2, 3));
    CHECK_EQ_INT(e->literal->calendar_interval->days, 2);
    e = expr_of(&a, ember_lit_date(19000));
    CHECK_EQ_INT(e->literal->date, 19000);
    e = expr_of(&a, ember_lit_timestamp(123));
    CHECK_EQ_INT(e->literal->timestamp, 123);
    CHECK(ember_lit_string(NULL) == NULL);
    expr_free_all(&a);
}

EM_TEST(expr_alias_cast_sort_when)
{
    em_arena a;
    em_arena_init(&a, 4096);
    Spark__Connect__Expression *e = expr_of(&a, ember_alias(ember_col("x"), "y"));
    CHECK_EQ_INT(e->alias->n_name, 1);
    CHECK_EQ_STR(e->alias->name[0], "y");
    CHECK(e->alias->_metadata_case == 0);
    const char *names[2] = {"p", "q"};
    e = expr_of(&a, ember_alias_multi(ember_col("x"), names, 2));
    CHECK_EQ_INT(e->alias->n_name, 2);
    e = expr_of(&a, ember_alias_with_metadata(ember_col("x"), "y", "{\"k\":1}"));
    CHECK_EQ_STR(e->alias->metadata, "{\"k\":1}");
    e = expr_of(&a, ember_cast(ember_col("x"), "int"));
    CHECK_EQ_STR(e->cast->type_str, "int");
    CHECK_EQ_INT(e->cast->eval_mode, 0); /* unset unless try_cast */
    e = expr_of(&a, ember_try_cast(ember_col("x"), "int"));
    CHECK_EQ_INT(e->cast->eval_mode, SPARK__CONNECT__EXPRESSION__CAST__EVAL_MODE__EVAL_MODE_TRY);
    /* asc() = ASC NULLS FIRST, desc() = DESC NULLS LAST */
    e = expr_of(&a, ember_asc(ember_col("x")));
    CHECK_EQ_INT(e->sort_order->direction, 1);
    CHECK_EQ_INT(e->sort_order->null_ordering, 1);
    e = expr_of(&a, ember_desc(ember_col("x")));
    CHECK_EQ_INT(e->sort_order->direction, 2);
    CHECK_EQ_INT(e->sort_order->null_ordering, 2);
    e = expr_of(&a, ember_asc_nulls_last(ember_col("x")));
    CHECK_EQ_INT(e->sort_order->null_ordering, 2);
    e = expr_of(&a, ember_desc_nulls_first(ember_col("x")));
    CHECK_EQ_INT(e->sort_order->null_ordering, 1);
    /* CaseWhen: when(c1, v1, c2, v2, else) */
    ember_column *w = ember_when(ember_gt(ember_col("a"), ember_lit_int(1)), ember_lit_int(1));
    w = ember_when_add(w, ember_lt(ember_col("a"), ember_lit_int(0)), ember_lit_int(-1));
    w = ember_otherwise(w, ember_lit_int(0));
    e = expr_of(&a, w);
    CHECK_EQ_STR(fn_name(e), "when");
    CHECK_EQ_INT(e->unresolved_function->n_arguments, 5);
    /* otherwise twice / when after otherwise: NULL (PySpark raises INVALID_WHEN_USAGE) */
    w = ember_otherwise(ember_when(ember_lit_bool(true), ember_lit_int(1)), ember_lit_int(0));
    CHECK(ember_otherwise(w, ember_lit_int(2)) == NULL);
    CHECK(ember_when_add(ember_col("x"), ember_lit_bool(true), ember_lit_int(1)) == NULL);
    /* extract */
    e = expr_of(&a, ember_get_field(ember_col("s"), "f"));
    CHECK(e->expr_type_case == SPARK__CONNECT__EXPRESSION__EXPR_TYPE_UNRESOLVED_EXTRACT_VALUE);
    CHECK_EQ_STR(e->unresolved_extract_value->extraction->literal->string, "f");
    /* call_function */
    ember_column *arg = ember_col("a");
    e = expr_of(&a, ember_call_function("udf1", &arg, 1));
    CHECK_EQ_STR(e->call_function->function_name, "udf1");
    expr_free_all(&a);
}

EM_TEST(expr_window)
{
    em_arena a;
    em_arena_init(&a, 4096);
    ember_window *w = ember_window_new();
    ember_column *p = ember_col("dept");
    ember_column *o = ember_col("salary");
    CHECK_EQ_INT(ember_window_partition_by(w, &p, 1, NULL), EMBER_OK);
    CHECK_EQ_INT(ember_window_order_by(w, &o, 1, NULL), EMBER_OK);
    ember_window_rows_between(w, EMBER_UNBOUNDED_PRECEDING, EMBER_CURRENT_ROW);
    Spark__Connect__Expression *e = expr_of(&a, ember_over(ember_call("rank", NULL), w));
    CHECK(e->expr_type_case == SPARK__CONNECT__EXPRESSION__EXPR_TYPE_WINDOW);
    CHECK_EQ_INT(e->window->n_partition_spec, 1);
    CHECK_EQ_INT(e->window->n_order_spec, 1);
    /* an order column that is not a sort order sorts ascending */
    CHECK_EQ_INT(e->window->order_spec[0]->direction, 1);
    CHECK_EQ_INT(e->window->frame_spec->frame_type, 1); /* ROW */
    CHECK(e->window->frame_spec->lower->unbounded);
    CHECK(e->window->frame_spec->upper->current_row);
    ember_window_range_between(w, -3, 5);
    e = expr_of(&a, ember_over(ember_call("sum", ember_col("x"), NULL), w));
    /* range frames send long offsets, row frames integer ones (expressions.py) */
    CHECK(e->window->frame_spec->lower->value->literal->literal_type_case ==
          SPARK__CONNECT__EXPRESSION__LITERAL__LITERAL_TYPE_LONG);
    CHECK_EQ_INT(e->window->frame_spec->lower->value->literal->long_, -3);
    ember_window_free(w);
    expr_free_all(&a);
}

EM_TEST(expr_null_arguments)
{
    CHECK(ember_add(NULL, ember_lit_int(1)) == NULL);
    CHECK(ember_alias(NULL, "x") == NULL);
    CHECK(ember_alias(ember_col("a"), NULL) == NULL);
    CHECK(ember_cast(ember_col("a"), NULL) == NULL);
    CHECK(ember_col(NULL) == NULL);
    ember_column *args[2] = {ember_col("a"), NULL};
    CHECK(ember_fn("f", args, 2) == NULL);
    ember_column *c = ember_col("a");
    ember_column *d = ember_column_dup(c);
    ember_column_free(c);
    ember_column_free(d);
}

/* ------------------------------------------------------------------------ DataFrames ---- */

EM_TEST(dataframe_builders)
{
    ember_session *s = NULL;
    ember_error err;
    CHECK_EQ_INT(ember_session_open("sc://localhost:1", &s, &err), EMBER_OK);
    ember_dataframe *r = NULL, *p = NULL, *q = NULL;
    CHECK_EQ_INT(ember_range(s, 0, 10, 1, 0, &r, &err), EMBER_OK);
    /* plan ids: one process-wide increasing counter */
    CHECK_EQ_INT(ember_range(s, 0, 5, 1, 0, &q, &err), EMBER_OK);
    CHECK(ember_df_plan_id(q) > ember_df_plan_id(r));
    ember_df_free(q);
    /* a NULL column fails the builder with EINVAL and frees the other columns */
    ember_column *cols[2] = {ember_col("id"), NULL};
    CHECK_EQ_INT(ember_df_select(r, cols, 2, &p, &err), EMBER_EINVAL);
    CHECK(p == NULL);
    /* an unknown join type: UNSUPPORTED_JOIN_TYPE with PySpark's parameters */
    CHECK_EQ_INT(ember_df_join(r, r, NULL, "sideways", &p, &err), EMBER_EINVAL);
    CHECK_EQ_STR(err.error_class, "UNSUPPORTED_JOIN_TYPE");
    CHECK_EQ_STR(ember_error_param_get(&err, "typ"), "sideways");
    /* how is lower-cased with '_' removed */
    CHECK_EQ_INT(ember_df_join(r, r, NULL, "LEFT_OUTER", &p, &err), EMBER_OK);
    em_arena a;
    em_arena_init(&a, 4096);
    Spark__Connect__Relation *rel = cl_proto_relation(&a, p);
    CHECK_EQ_INT(rel->join->join_type, SPARK__CONNECT__JOIN__JOIN_TYPE__JOIN_TYPE_LEFT_OUTER);
    CHECK(rel->join->join_condition == NULL);
    ember_df_free(p);
    /* sort wraps plain columns in asc(); Deduplicate / SetOperation / Sort set their optional
     * booleans explicitly (plan.py) */
    ember_column *sc = ember_col("id");
    CHECK_EQ_INT(ember_df_sort(r, &sc, 1, &p, &err), EMBER_OK);
    rel = cl_proto_relation(&a, p);
    CHECK(rel->sort->_is_global_case != 0 && rel->sort->is_global);
    CHECK_EQ_INT(rel->sort->order[0]->direction, 1);
    ember_df_free(p);
    CHECK_EQ_INT(ember_df_distinct(r, &p, &err), EMBER_OK);
    rel = cl_proto_relation(&a, p);
    CHECK(rel->deduplicate->all_columns_as_keys && rel->deduplicate->_within_watermark_case);
    ember_df_free(p);
    CHECK_EQ_INT(ember_df_union(r, r, &p, &err), EMBER_OK);
    rel = cl_proto_relation(&a, p);
    CHECK(rel->set_op->is_all && rel->set_op->_by_name_case && !rel->set_op->by_name);
    CHECK(rel->set_op->left_input->common->plan_id == rel->set_op->right_input->common->plan_id);
    ember_df_free(p);
    /* df["x"] binds to the plan id */
    ember_column *bound = ember_df_col(r, "id");
    Spark__Connect__Expression *e = cl_proto_expression(&a, bound);
    CHECK_EQ_INT(e->unresolved_attribute->plan_id, ember_df_plan_id(r));
    ember_column_free(bound);
    /* groupBy().pivot() only after groupBy */
    ember_grouped *g = NULL, *pv = NULL;
    CHECK_EQ_INT(ember_df_rollup(r, NULL, 0, &g, &err), EMBER_OK);
    CHECK_EQ_INT(ember_grouped_pivot(g, "id", NULL, 0, &pv, &err), EMBER_EINVAL);
    CHECK_EQ_STR(err.error_class, "UNSUPPORTED_OPERATION");
    ember_grouped_free(g);
    /* count(): Aggregate(groupby, [], [count(1)]) is built by ember_df_count; the same shape */
    ember_column *one = ember_lit_int(1);
    ember_column *cnt = ember_fn("count", &one, 1);
    CHECK_EQ_INT(ember_df_agg(r, &cnt, 1, &p, &err), EMBER_OK);
    rel = cl_proto_relation(&a, p);
    CHECK_EQ_INT(rel->aggregate->group_type, 1);
    CHECK_EQ_INT(rel->aggregate->n_grouping_expressions, 0);
    ember_df_free(p);
    /* range: start always set, num_partitions only when given */
    rel = cl_proto_relation(&a, r);
    CHECK(rel->range->_start_case != 0);
    CHECK(rel->range->_num_partitions_case == 0);
    em_arena_release(&a);
    /* the DataFrame keeps the session alive */
    ember_session_free(s);
    CHECK(ember_df_session(r) != NULL);
    ember_df_free(r);
}

/* ----------------------------------------------------------------------------- types ---- */

EM_TEST(types_pyspark_json)
{
    em_arena a;
    em_arena_init(&a, 4096);
    ty_field inner[1] = {{"x", ty_long(), true, NULL}};
    ty_field fields[6] = {
        {"a", ty_array(&a, ty_string(), true), true, NULL},
        {"m", ty_map(&a, ty_string(), ty_double(), true), true, NULL},
        {"d", ty_decimal(&a, 38, 18), true, NULL},
        {"t", ty_timestamp(), false, NULL},
        {"s", ty_struct(&a, 1, inner), true, NULL},
        {"\xc3\xa9\"", ty_int(), true, NULL},
    };
    const ty *t = ty_struct(&a, 6, fields);
    em_str js;
    em_str_init(&js, 0);
    cl_types_ty_json(t, &js);
    /* StructType.json(): json.dumps(jsonValue(), separators=(",", ":"), sort_keys=True) */
    CHECK_EQ_STR(js.data,
                 "{\"fields\":["
                 "{\"metadata\":{},\"name\":\"a\",\"nullable\":true,\"type\":{\"containsNull\":"
                 "true,\"elementType\":\"string\",\"type\":\"array\"}},"
                 "{\"metadata\":{},\"name\":\"m\",\"nullable\":true,\"type\":{\"keyType\":"
                 "\"string\",\"type\":\"map\",\"valueContainsNull\":true,\"valueType\":"
                 "\"double\"}},"
                 "{\"metadata\":{},\"name\":\"d\",\"nullable\":true,\"type\":"
                 "\"decimal(38,18)\"},"
                 "{\"metadata\":{},\"name\":\"t\",\"nullable\":false,\"type\":\"timestamp\"},"
                 "{\"metadata\":{},\"name\":\"s\",\"nullable\":true,\"type\":{\"fields\":["
                 "{\"metadata\":{},\"name\":\"x\",\"nullable\":true,\"type\":\"long\"}],"
                 "\"type\":\"struct\"}},"
                 "{\"metadata\":{},\"name\":\"\\u00e9\\\"\",\"nullable\":true,\"type\":"
                 "\"integer\"}],\"type\":\"struct\"}");
    em_str_release(&js);
    em_arena_release(&a);
}

EM_TEST(types_proto_json)
{
    Spark__Connect__DataType__DayTimeInterval dti =
        SPARK__CONNECT__DATA_TYPE__DAY_TIME_INTERVAL__INIT;
    dti._start_field_case = 1;
    dti.start_field = 1;
    dti._end_field_case = 2;
    dti.end_field = 2;
    Spark__Connect__DataType dt = SPARK__CONNECT__DATA_TYPE__INIT;
    dt.kind_case = SPARK__CONNECT__DATA_TYPE__KIND_DAY_TIME_INTERVAL;
    dt.day_time_interval = &dti;
    em_str js;
    em_str_init(&js, 0);
    CHECK_EQ_INT(cl_types_json(&dt, &js, NULL), EMBER_OK);
    CHECK_EQ_STR(js.data, "\"interval hour to minute\""); /* DayTimeIntervalType._str_repr */
    em_str_reset(&js);
    Spark__Connect__DataType__NULL n = SPARK__CONNECT__DATA_TYPE__NULL__INIT;
    dt.kind_case = SPARK__CONNECT__DATA_TYPE__KIND_NULL;
    dt.null = &n;
    CHECK_EQ_INT(cl_types_json(&dt, &js, NULL), EMBER_OK);
    CHECK_EQ_STR(js.data, "\"void\"");
    em_str_release(&js);
}

/* ----------------------------------------------------------------------------- retry ---- */

EM_TEST(retry_policy)
{
    ember_session *s = NULL;
    ember_error err;
    CHECK_EQ_INT(ember_session_open("sc://localhost:1", &s, &err), EMBER_OK);
    wire_status unavailable = {WIRE_STATUS_UNAVAILABLE, "x", NULL, 0};
    wire_status internal = {WIRE_STATUS_INTERNAL, "boom", NULL, 0};
    wire_status cursor = {WIRE_STATUS_INTERNAL, "[INVALID_CURSOR.DISCONNECTED] gone", NULL, 0};
    wire_status unauth = {WIRE_STATUS_UNAUTHENTICATED, "no", NULL, 0};
    /* retries.py DefaultPolicy.can_retry */
    CHECK(cl_retry_can(&unavailable));
    CHECK(cl_retry_can(&cursor));
    CHECK(!cl_retry_can(&internal));
    CHECK(!cl_retry_can(&unauth));
    /* 50 ms x4 up to 60 s; jitter (<= 500 ms) only at >= 2 s; 15 retries */
    cl_retry_state rs;
    cl_retry_init(s, &rs);
    int64_t want[] = {50, 200, 800};
    for (int idx = 0; idx < 3; idx++)
        CHECK_EQ_INT(cl_retry_next_ms(s, &rs, &unavailable), want[idx]);
    int64_t w = cl_retry_next_ms(s, &rs, &unavailable);
    CHECK(w >= 3200 && w <= 3700);
    w = cl_retry_next_ms(s, &rs, &unavailable);
    CHECK(w >= 12800 && w <= 13300);
    w = cl_retry_next_ms(s, &rs, &unavailable);
    CHECK(w >= 51200 && w <= 51700);
    for (int idx = 6; idx < 15; idx++) {
        w = cl_retry_next_ms(s, &rs, &unavailable);
        CHECK(w >= 60000 && w <= 60500);
    }
    CHECK_EQ_INT(cl_retry_next_ms(s, &rs, &unavailable), -1);
    ember_session_free(s);

    /* RetryInfo: any status carrying it is retried; its delay is honoured (capped) */
    Google__Protobuf__Duration d = GOOGLE__PROTOBUF__DURATION__INIT;
    d.seconds = 7;
    Google__Rpc__RetryInfo ri = GOOGLE__RPC__RETRY_INFO__INIT;
    ri.retry_delay = &d;
    size_t ri_len;
    uint8_t *ri_buf = cl_pack(&ri.base, &ri_len);
    Google__Protobuf__Any any = GOOGLE__PROTOBUF__ANY__INIT;
    any.type_url = "type.googleapis.com/google.rpc.RetryInfo";
    any.value.data = ri_buf;
    any.value.len = ri_len;
    Google__Protobuf__Any *anys[1] = {&any};
    Google__Rpc__Status st = GOOGLE__RPC__STATUS__INIT;
    st.code = WIRE_STATUS_RESOURCE_EXHAUSTED;
    st.message = "busy";
    st.n_details = 1;
    st.details = anys;
    size_t st_len;
    uint8_t *st_buf = cl_pack(&st.base, &st_len);
    wire_status busy = {WIRE_STATUS_RESOURCE_EXHAUSTED, "busy", st_buf, st_len};
    CHECK(cl_retry_can(&busy));
    CHECK_EQ_INT(ember_session_open("sc://localhost:1", &s, &err), EMBER_OK);
    cl_retry_init(s, &rs);
    w = cl_retry_next_ms(s, &rs, &busy);
    CHECK(w >= 7000 && w <= 7500);
    ember_session_free(s);
    em_free(st_buf);
    em_free(ri_buf);
}

/* ---------------------------------------------------------------------------- errors ---- */

EM_TEST(error_mapping)
{
    /* errors/exceptions/connect.py: the first mapped class wins; PythonException first */
    const char *a[] = {"org.apache.spark.sql.catalyst.ExtendedAnalysisException",
                       "org.apache.spark.sql.AnalysisException", "java.lang.Exception"};
    CHECK_EQ_STR(cl_error_python_exception(a, 3), "AnalysisException");
    const char *b[] = {"org.apache.spark.SparkArithmeticException",
                       "org.apache.spark.SparkException", "java.lang.ArithmeticException"};
    CHECK_EQ_STR(cl_error_python_exception(b, 3), "SparkException");
    const char *c[] = {"org.apache.spark.SparkException",
                       "org.apache.spark.api.python.PythonException"};
    CHECK_EQ_STR(cl_error_python_exception(c, 2), "PythonException");
    const char *d[] = {"com.example.Custom"};
    CHECK_EQ_STR(cl_error_python_exception(d, 1), "UnknownException");

    /* a status with ErrorInfo -> ember_error fields */
    Google__Rpc__ErrorInfo__MetadataEntry e1 = GOOGLE__RPC__ERROR_INFO__METADATA_ENTRY__INIT;
    Google__Rpc__ErrorInfo__MetadataEntry e2 = GOOGLE__RPC__ERROR_INFO__METADATA_ENTRY__INIT;
    Google__Rpc__ErrorInfo__MetadataEntry e3 = GOOGLE__RPC__ERROR_INFO__METADATA_ENTRY__INIT;
    Google__Rpc__ErrorInfo__MetadataEntry e4 = GOOGLE__RPC__ERROR_INFO__METADATA_ENTRY__INIT;
    e1.key = "classes";
    e1.value = "[\"org.apache.spark.sql.catalyst.ExtendedAnalysisException\","
               "\"org.apache.spark.sql.AnalysisException\"]";
    e2.key = "errorClass";
    e2.value = "UNRESOLVED_COLUMN.WITH_SUGGESTION";
    e3.key = "sqlState";
    e3.value = "42703";
    e4.key = "messageParameters";
    e4.value = "{\"objectName\":\"`x`\",\"proposal\":\"`id`\\u00e9\"}";
    Google__Rpc__ErrorInfo__MetadataEntry *md[4] = {&e1, &e2, &e3, &e4};
    Google__Rpc__ErrorInfo info = GOOGLE__RPC__ERROR_INFO__INIT;
    info.reason = "org.apache.spark.sql.catalyst.ExtendedAnalysisException";
    info.domain = "org.apache.spark";
    info.n_metadata = 4;
    info.metadata = md;
    size_t info_len;
    uint8_t *info_buf = cl_pack(&info.base, &info_len);
    Google__Protobuf__Any any = GOOGLE__PROTOBUF__ANY__INIT;
    any.type_url = "type.googleapis.com/google.rpc.ErrorInfo";
    any.value.data = info_buf;
    any.value.len = info_len;
    Google__Protobuf__Any *anys[1] = {&any};
    Google__Rpc__Status st = GOOGLE__RPC__STATUS__INIT;
    st.code = WIRE_STATUS_INTERNAL;
    st.message = "[UNRESOLVED_COLUMN.WITH_SUGGESTION] ... SQLSTATE: 42703";
    st.n_details = 1;
    st.details = anys;
    size_t st_len;
    uint8_t *st_buf = cl_pack(&st.base, &st_len);
    wire_status ws = {WIRE_STATUS_INTERNAL, st.message, st_buf, st_len};
    ember_error err;
    CHECK_EQ_INT(cl_error_from_status(NULL, &ws, &err), EMBER_ESERVER);
    CHECK_EQ_INT(err.grpc_code, WIRE_STATUS_INTERNAL);
    CHECK_EQ_STR(err.error_class, "UNRESOLVED_COLUMN.WITH_SUGGESTION");
    CHECK_EQ_STR(err.sqlstate, "42703");
    CHECK_EQ_STR(err.exception, "AnalysisException");
    CHECK_EQ_STR(err.jvm_class, "org.apache.spark.sql.catalyst.ExtendedAnalysisException");
    CHECK_EQ_STR(ember_error_param_get(&err, "objectName"), "`x`");
    CHECK_EQ_STR(ember_error_param_get(&err, "proposal"), "`id`\xc3\xa9");
    CHECK(strcmp(err.message, st.message) == 0);
    em_free(st_buf);
    em_free(info_buf);
    /* no details: a plain gRPC error */
    wire_status plain = {WIRE_STATUS_UNAVAILABLE, "connection refused", NULL, 0};
    CHECK_EQ_INT(cl_error_from_status(NULL, &plain, &err), EMBER_ETRANSPORT);
    CHECK_EQ_STR(err.exception, "SparkConnectGrpcException");
    CHECK_EQ_STR(err.error_class, "");
    CHECK_EQ_STR(ember_status_name(EMBER_ESERVER), "ESERVER");
}

/* ---------------------------------------------------------------------- local data ---- */

EM_TEST(local_data_round_trip)
{
    struct ArrowArrayStream st;
    cl_data_stream("id long, name string, tags array<string>, m map<string,long>, "
                   "s struct<a:long,b:string>, d date, ok boolean, x decimal(10,2)",
                   "(1, 'a', ['x', None], {'k': 1}, (5, 'p'), date(2020, 1, 2), True, "
                   "Decimal('1.25')), (None, None, None, None, None, None, None, None)",
                   &st);
    uint8_t *ipc = NULL;
    size_t ipc_len = 0;
    char *json = NULL;
    int64_t n_rows = 0;
    ember_error err;
    CHECK_EQ_INT(cl_local_encode(&st, &ipc, &ipc_len, &json, &n_rows, &err), EMBER_OK);
    CHECK(st.release == NULL); /* consumed */
    CHECK_EQ_INT(n_rows, 2);
    CHECK(strstr(json, "{\"metadata\":{},\"name\":\"id\",\"nullable\":true,\"type\":\"long\"}"));
    CHECK(strstr(json, "\"decimal(10,2)\""));
    em_arena a;
    em_arena_init(&a, 4096);
    const ty *schema = NULL;
    vec_batch **batches = NULL;
    int n = 0;
    em_error e;
    em_error_clear(&e);
    CHECK_EQ_INT(ipc_decode_stream(ipc, ipc_len, &a, &schema, &batches, &n, &e), 0);
    CHECK_EQ_INT(n, 1);
    CHECK_EQ_INT(schema->n_fields, 8);
    if (n == 1) {
        vec_batch *b = batches[0];
        CHECK_EQ_INT(b->n_rows, 2);
        CHECK_EQ_INT(VEC_VALUES(b->cols[0], int64_t)[0], 1);
        CHECK(vec_is_null(b->cols[0], 1));
        int32_t len;
        const char *sv = vec_str(b->cols[1], 0, &len);
        CHECK(len == 1 && sv[0] == 'a');
        CHECK_EQ_INT(VEC_VALUES(b->cols[5], int32_t)[0], 18263); /* 2020-01-02 */
        CHECK_EQ_INT(VEC_VALUES(b->cols[6], uint8_t)[0], 1);
        CHECK_EQ_INT((int64_t)VEC_VALUES(b->cols[7], __int128)[0], 125);
        CHECK_EQ_INT(b->cols[2]->children[0]->len, 2);
        CHECK(vec_is_null(b->cols[2]->children[0], 1));
        vec_batch_free(b);
    }
    em_free(batches);
    em_arena_release(&a);
    em_free(ipc);
    em_free(json);
}

/* A one-column stream whose column has Arrow format `fmt` (no batches). */
static const char *fake_fmt;
static void fake_schema_release(struct ArrowSchema *s)
{
    s->release = NULL;
}
static int fake_get_schema(struct ArrowArrayStream *st, struct ArrowSchema *out)
{
    static struct ArrowSchema child;
    static struct ArrowSchema *kids[1] = {&child};
    (void)st;
    memset(&child, 0, sizeof child);
    child.format = fake_fmt;
    child.name = "u";
    child.flags = ARROW_FLAG_NULLABLE;
    child.release = fake_schema_release;
    memset(out, 0, sizeof *out);
    out->format = "+s";
    out->name = "";
    out->n_children = 1;
    out->children = kids;
    out->release = fake_schema_release;
    return 0;
}
static int fake_get_next(struct ArrowArrayStream *st, struct ArrowArray *out)
{
    (void)st;
    memset(out, 0, sizeof *out);
    return 0;
}
static void fake_release(struct ArrowArrayStream *st)
{
    st->release = NULL;
}

EM_TEST(local_data_unsupported)
{
    /* unsigned integers have no Spark type: UNSUPPORTED_ARROWTYPE, stream released */
    struct ArrowArrayStream st = {fake_get_schema, fake_get_next, NULL, fake_release, NULL};
    fake_fmt = "I";
    uint8_t *ipc = NULL;
    size_t ipc_len = 0;
    char *json = NULL;
    int64_t n_rows = 0;
    ember_error err;
    CHECK_EQ_INT(cl_local_encode(&st, &ipc, &ipc_len, &json, &n_rows, &err), EMBER_EINVAL);
    CHECK_EQ_STR(err.error_class, "UNSUPPORTED_ARROWTYPE");
    CHECK(st.release == NULL);
    /* a timestamp with a zone is timestamp, without one timestamp_ntz */
    struct ArrowArrayStream st2 = {fake_get_schema, fake_get_next, NULL, fake_release, NULL};
    fake_fmt = "tsm:Europe/Paris";
    CHECK_EQ_INT(cl_local_encode(&st2, &ipc, &ipc_len, &json, &n_rows, &err), EMBER_OK);
    CHECK(strstr(json, "\"type\":\"timestamp\"") != NULL);
    CHECK(ipc == NULL); /* no batches: schema only, as createDataFrame([], schema) */
    em_free(json);
    struct ArrowArrayStream st3 = {fake_get_schema, fake_get_next, NULL, fake_release, NULL};
    fake_fmt = "tsu:";
    CHECK_EQ_INT(cl_local_encode(&st3, &ipc, &ipc_len, &json, &n_rows, &err), EMBER_OK);
    CHECK(strstr(json, "\"timestamp_ntz\"") != NULL);
    em_free(json);
}

int main(int argc, char **argv)
{
    return em_test_main(argc, argv);
}
