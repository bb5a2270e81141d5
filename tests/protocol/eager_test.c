/*
 * eager_test: protocol tests of the relations Spark's planner builds from collected data, and of
 * the df.stat relations, against an in-process Ember server over loopback: GroupedData.pivot
 * without values, crosstab, freqItems, approxQuantile, sampleBy, parse (spark.read.json / csv
 * over a DataFrame of strings). Results are compared as show() text; expected values are
 * Spark's (the doctest captures under ../shared/conformance/pyspark-doctests/spark-4.2-dev or the
 * PySpark docstrings, cited per case; the others from the Spark source semantics named there).
 */
#include "em_test.h"
#include "tc.h"

#include "arrow/ipc.h"
#include "common/em_arena.h"
#include "common/em_mem.h"
#include "connect/cn_server.h"
#include "spark/connect/base.pb-c.h"
#include "vector/vec.h"

#include <stdlib.h>
#include <string.h>

static cn_server *g_srv;
static wire_channel *g_ch;
static em_arena g_a; /* the protobuf trees of one test */

#define EG_SID "00112233-4455-6677-8899-aabbccddeeff"

static void eg_start(void)
{
    cn_server_opts o;
    memset(&o, 0, sizeof o);
    o.host = "127.0.0.1";
    o.warehouse = "/tmp";
    em_error err;
    em_error_clear(&err);
    int port = 0;
    g_srv = cn_server_start(&o, &port, &err);
    if (!g_srv) {
        fprintf(stderr, "cannot start server: %s\n", err.message);
        exit(1);
    }
    char target[64];
    snprintf(target, sizeof target, "127.0.0.1:%d", port);
    g_ch = wire_channel_new(target, NULL, &err);
}

static void *eg_new(size_t size)
{
    return em_arena_calloc(&g_a, 1, size);
}

static Spark__Connect__Relation *eg_rel(void)
{
    Spark__Connect__Relation *r = eg_new(sizeof *r);
    spark__connect__relation__init(r);
    return r;
}

static Spark__Connect__Expression *eg_col(const char *name)
{
    return tc_col(name);
}

static Spark__Connect__Expression *eg_fn1(const char *name, Spark__Connect__Expression *a)
{
    return tc_fn(name, 1, &a);
}

static Spark__Connect__Expression *eg_alias(Spark__Connect__Expression *in, const char *name)
{
    Spark__Connect__Expression__Alias *a = eg_new(sizeof *a);
    spark__connect__expression__alias__init(a);
    a->expr = in;
    char **names = eg_new(sizeof(char *));
    names[0] = (char *)name;
    a->n_name = 1;
    a->name = names;
    Spark__Connect__Expression *e = eg_new(sizeof *e);
    spark__connect__expression__init(e);
    e->expr_type_case = SPARK__CONNECT__EXPRESSION__EXPR_TYPE_ALIAS;
    e->alias = a;
    return e;
}

/* df.sort(col) ascending. */
static Spark__Connect__Relation *eg_sort(Spark__Connect__Relation *in, const char *col)
{
    Spark__Connect__Expression__SortOrder *o = eg_new(sizeof *o);
    spark__connect__expression__sort_order__init(o);
    o->child = eg_col(col);
    o->direction = SPARK__CONNECT__EXPRESSION__SORT_ORDER__SORT_DIRECTION__SORT_DIRECTION_ASCENDING;
    o->null_ordering = SPARK__CONNECT__EXPRESSION__SORT_ORDER__NULL_ORDERING__SORT_NULLS_FIRST;
    Spark__Connect__Sort *s = eg_new(sizeof *s);
    spark__connect__sort__init(s);
    s->input = in;
    s->n_order = 1;
    s->order = eg_new(sizeof(void *));
    s->order[0] = o;
    s->_is_global_case = SPARK__CONNECT__SORT___IS_GLOBAL_IS_GLOBAL;
    s->is_global = true;
    Spark__Connect__Relation *r = eg_rel();
    r->rel_type_case = SPARK__CONNECT__RELATION__REL_TYPE_SORT;
    r->sort = s;
    return r;
}

/* df.groupBy(group).pivot(pivot).agg(agg) (no values). */
static Spark__Connect__Relation *eg_pivot(Spark__Connect__Relation *in, const char *group,
                                          const char *pivot, Spark__Connect__Expression *agg)
{
    Spark__Connect__Aggregate *m = eg_new(sizeof *m);
    spark__connect__aggregate__init(m);
    m->input = in;
    m->group_type = SPARK__CONNECT__AGGREGATE__GROUP_TYPE__GROUP_TYPE_PIVOT;
    m->n_grouping_expressions = 1;
    m->grouping_expressions = eg_new(sizeof(void *));
    m->grouping_expressions[0] = eg_col(group);
    m->n_aggregate_expressions = 1;
    m->aggregate_expressions = eg_new(sizeof(void *));
    m->aggregate_expressions[0] = agg;
    Spark__Connect__Aggregate__Pivot *p = eg_new(sizeof *p);
    spark__connect__aggregate__pivot__init(p);
    p->col = eg_col(pivot);
    m->pivot = p;
    Spark__Connect__Relation *r = eg_rel();
    r->rel_type_case = SPARK__CONNECT__RELATION__REL_TYPE_AGGREGATE;
    r->aggregate = m;
    return r;
}

static Spark__Connect__Relation *eg_crosstab(Spark__Connect__Relation *in, const char *c1,
                                             const char *c2)
{
    Spark__Connect__StatCrosstab *m = eg_new(sizeof *m);
    spark__connect__stat_crosstab__init(m);
    m->input = in;
    m->col1 = (char *)c1;
    m->col2 = (char *)c2;
    Spark__Connect__Relation *r = eg_rel();
    r->rel_type_case = SPARK__CONNECT__RELATION__REL_TYPE_CROSSTAB;
    r->crosstab = m;
    return r;
}

static Spark__Connect__Relation *eg_freq(Spark__Connect__Relation *in, int n, char **cols,
                                         double support)
{
    Spark__Connect__StatFreqItems *m = eg_new(sizeof *m);
    spark__connect__stat_freq_items__init(m);
    m->input = in;
    m->n_cols = (size_t)n;
    m->cols = cols;
    if (support > 0) {
        m->_support_case = SPARK__CONNECT__STAT_FREQ_ITEMS___SUPPORT_SUPPORT;
        m->support = support;
    }
    Spark__Connect__Relation *r = eg_rel();
    r->rel_type_case = SPARK__CONNECT__RELATION__REL_TYPE_FREQ_ITEMS;
    r->freq_items = m;
    return r;
}

static Spark__Connect__Relation *eg_quantile(Spark__Connect__Relation *in, const char *col, int n,
                                             double *probs, double rel_err)
{
    Spark__Connect__StatApproxQuantile *m = eg_new(sizeof *m);
    spark__connect__stat_approx_quantile__init(m);
    m->input = in;
    m->n_cols = 1;
    m->cols = eg_new(sizeof(char *));
    m->cols[0] = (char *)col;
    m->n_probabilities = (size_t)n;
    m->probabilities = probs;
    m->relative_error = rel_err;
    Spark__Connect__Relation *r = eg_rel();
    r->rel_type_case = SPARK__CONNECT__RELATION__REL_TYPE_APPROX_QUANTILE;
    r->approx_quantile = m;
    return r;
}

static Spark__Connect__Expression__Literal *eg_lit_long(int64_t v)
{
    Spark__Connect__Expression__Literal *l = eg_new(sizeof *l);
    spark__connect__expression__literal__init(l);
    l->literal_type_case = SPARK__CONNECT__EXPRESSION__LITERAL__LITERAL_TYPE_LONG;
    l->long_ = v;
    return l;
}

/* df.sampleBy(col, {k[i]: f[i]}, seed) */
static Spark__Connect__Relation *eg_sample_by(Spark__Connect__Relation *in, const char *col, int n,
                                              const int64_t *keys, const double *fracs,
                                              int64_t seed)
{
    Spark__Connect__StatSampleBy *m = eg_new(sizeof *m);
    spark__connect__stat_sample_by__init(m);
    m->input = in;
    m->col = eg_col(col);
    m->n_fractions = (size_t)n;
    m->fractions = eg_new(sizeof(void *) * (size_t)n);
    for (int idx = 0; idx < n; idx++) {
        Spark__Connect__StatSampleBy__Fraction *f = eg_new(sizeof *f);
        spark__connect__stat_sample_by__fraction__init(f);
        f->stratum = eg_lit_long(keys[idx]);
        f->fraction = fracs[idx];
        m->fractions[idx] = f;
    }
    m->_seed_case = SPARK__CONNECT__STAT_SAMPLE_BY___SEED_SEED;
    m->seed = seed;
    Spark__Connect__Relation *r = eg_rel();
    r->rel_type_case = SPARK__CONNECT__RELATION__REL_TYPE_SAMPLE_BY;
    r->sample_by = m;
    return r;
}

static Spark__Connect__Relation *eg_group_count(Spark__Connect__Relation *in, const char *key)
{
    Spark__Connect__Aggregate *m = eg_new(sizeof *m);
    spark__connect__aggregate__init(m);
    m->input = in;
    m->group_type = SPARK__CONNECT__AGGREGATE__GROUP_TYPE__GROUP_TYPE_GROUPBY;
    m->n_grouping_expressions = 1;
    m->grouping_expressions = eg_new(sizeof(void *));
    m->grouping_expressions[0] = eg_col(key);
    m->n_aggregate_expressions = 1;
    m->aggregate_expressions = eg_new(sizeof(void *));
    m->aggregate_expressions[0] = eg_alias(eg_fn1("count", tc_lit_int(1)), "count");
    Spark__Connect__Relation *r = eg_rel();
    r->rel_type_case = SPARK__CONNECT__RELATION__REL_TYPE_AGGREGATE;
    r->aggregate = m;
    return r;
}

static Spark__Connect__Relation *eg_parse(Spark__Connect__Relation *in, bool csv,
                                          const char *schema_ddl, int n_opts, char **kv)
{
    Spark__Connect__Parse *m = eg_new(sizeof *m);
    spark__connect__parse__init(m);
    m->input = in;
    m->format = csv ? SPARK__CONNECT__PARSE__PARSE_FORMAT__PARSE_FORMAT_CSV
                    : SPARK__CONNECT__PARSE__PARSE_FORMAT__PARSE_FORMAT_JSON;
    if (schema_ddl) {
        Spark__Connect__DataType *t = eg_new(sizeof *t);
        spark__connect__data_type__init(t);
        Spark__Connect__DataType__Unparsed *u = eg_new(sizeof *u);
        spark__connect__data_type__unparsed__init(u);
        u->data_type_string = (char *)schema_ddl;
        t->kind_case = SPARK__CONNECT__DATA_TYPE__KIND_UNPARSED;
        t->unparsed = u;
        m->_schema_case = SPARK__CONNECT__PARSE___SCHEMA_SCHEMA;
        m->schema = t;
    }
    m->n_options = (size_t)n_opts;
    m->options = eg_new(sizeof(void *) * (size_t)(n_opts ? n_opts : 1));
    for (int idx = 0; idx < n_opts; idx++) {
        Spark__Connect__Parse__OptionsEntry *o = eg_new(sizeof *o);
        spark__connect__parse__options_entry__init(o);
        o->key = kv[2 * idx];
        o->value = kv[2 * idx + 1];
        m->options[idx] = o;
    }
    Spark__Connect__Relation *r = eg_rel();
    r->rel_type_case = SPARK__CONNECT__RELATION__REL_TYPE_PARSE;
    r->parse = m;
    return r;
}

/* show(truncate=20) text of rel, or NULL with *st on failure (caller frees). */
static char *eg_show(Spark__Connect__Relation *in, tc_status *st)
{
    Spark__Connect__ShowString *s = eg_new(sizeof *s);
    spark__connect__show_string__init(s);
    s->input = in;
    s->num_rows = 20;
    s->truncate = 20;
    Spark__Connect__Relation *rel = eg_rel();
    rel->rel_type_case = SPARK__CONNECT__RELATION__REL_TYPE_SHOW_STRING;
    rel->show_string = s;
    tc_exec e;
    tc_execute(g_ch, tc_exec_req(EG_SID, tc_plan_root(rel), NULL, false), 0, &e);
    *st = e.st;
    char *out = NULL;
    for (int i = 0; i < e.n && e.st.code == 0; i++) {
        Spark__Connect__ExecutePlanResponse *r = e.resp[i];
        if (r->response_type_case !=
            SPARK__CONNECT__EXECUTE_PLAN_RESPONSE__RESPONSE_TYPE_ARROW_BATCH)
            continue;
        em_arena a;
        em_arena_init(&a, 4096);
        const ty *schema = NULL;
        vec_batch **batches = NULL;
        int n = 0;
        em_error err;
        em_error_clear(&err);
        if (ipc_decode_stream(r->arrow_batch->data.data, r->arrow_batch->data.len, &a, &schema,
                              &batches, &n, &err) == 0) {
            for (int b = 0; b < n; b++) {
                if (!out && batches[b]->n_rows == 1) {
                    int32_t len;
                    const char *p = vec_str(batches[b]->cols[0], 0, &len);
                    out = em_malloc((size_t)len + 1);
                    memcpy(out, p, (size_t)len);
                    out[len] = '\0';
                }
                vec_batch_free(batches[b]);
            }
            em_free(batches);
        }
        em_arena_release(&a);
    }
    tc_exec_free(&e);
    return out;
}

#define EG_CHECK_SHOW(rel, want)                                                                   \
    do {                                                                                           \
        tc_status st_;                                                                             \
        char *got_ = eg_show((rel), &st_);                                                         \
        if (!got_)                                                                                 \
            fprintf(stderr, "error: %s\n", st_.message);                                           \
        CHECK(got_ != NULL);                                                                       \
        if (got_)                                                                                  \
            CHECK_EQ_STR(got_, (want));                                                            \
        em_free(got_);                                                                             \
    } while (0)

#define EG_CHECK_ERROR(rel, cls, reason_, text)                                                    \
    do {                                                                                           \
        tc_status st_;                                                                             \
        char *got_ = eg_show((rel), &st_);                                                         \
        CHECK(got_ == NULL);                                                                       \
        em_free(got_);                                                                             \
        CHECK_EQ_STR(st_.error_class, (cls));                                                      \
        if ((reason_)[0])                                                                          \
            CHECK_EQ_STR(st_.reason, (reason_));                                                   \
        if (!strstr(st_.message, (text)))                                                          \
            fprintf(stderr, "message: %s\n", st_.message);                                         \
        CHECK(strstr(st_.message, (text)) != NULL);                                                \
    } while (0)

/* The DataFrame df1 of the GroupedData.pivot doctest. */
static Spark__Connect__Relation *eg_courses(void)
{
    return tc_sql("SELECT * FROM VALUES ('dotNET', 2012, 10000), ('Java', 2012, 20000), "
                  "('dotNET', 2012, 5000), ('dotNET', 2013, 48000), ('Java', 2013, 30000) "
                  "AS t(course, year, earnings)");
}

/* Doctest pyspark.sql.connect.group.GroupedData.pivot: df1.groupBy("year").pivot("course")
   .sum("earnings").sort("year"): the values sorted (Java before dotNET). */
EM_TEST(pivot_without_values)
{
    em_arena_init(&g_a, 4096);
    EG_CHECK_SHOW(
        eg_sort(eg_pivot(eg_courses(), "year", "course", eg_fn1("sum", eg_col("earnings"))),
                "year"),
        "+----+-----+------+\n"
        "|year| Java|dotNET|\n"
        "+----+-----+------+\n"
        "|2012|20000| 15000|\n"
        "|2013|30000| 48000|\n"
        "+----+-----+------+\n");
    /* A null pivot value sorts first and names its column "null" (Pivot's output naming). */
    EG_CHECK_SHOW(
        eg_sort(eg_pivot(tc_sql("SELECT * FROM VALUES (1, 'b', 10), (1, NULL, 5), (2, 'a', 7) "
                                "AS t(k, p, v)"),
                         "k", "p", eg_fn1("sum", eg_col("v"))),
                "k"),
        "+---+----+----+----+\n"
        "|  k|null|   a|   b|\n"
        "+---+----+----+----+\n"
        "|  1|   5|NULL|  10|\n"
        "|  2|NULL|   7|NULL|\n"
        "+---+----+----+----+\n");
    /* No rows: no value, only the grouping column. */
    EG_CHECK_SHOW(eg_pivot(tc_sql("SELECT * FROM VALUES (1, 'b', 10) AS t(k, p, v) WHERE k > 5"),
                           "k", "p", eg_fn1("sum", eg_col("v"))),
                  "+---+\n"
                  "|  k|\n"
                  "+---+\n"
                  "+---+\n");
    tc_free_all();
    em_arena_release(&g_a);
}

/* RelationalGroupedDataset.collectPivotValues: more than spark.sql.pivotMaxValues distinct
   values raise _LEGACY_ERROR_TEMP_1324 (QueryCompilationErrors
   .aggregationFunctionAppliedOnNonNumericColumnError(pivotColumn, maxValues)). */
EM_TEST(pivot_too_many_values)
{
    em_arena_init(&g_a, 4096);
    Spark__Connect__ConfigRequest r = SPARK__CONNECT__CONFIG_REQUEST__INIT;
    r.session_id = EG_SID;
    Spark__Connect__UserContext user = SPARK__CONNECT__USER_CONTEXT__INIT;
    user.user_id = "tester";
    r.user_context = &user;
    Spark__Connect__ConfigRequest__Operation op = SPARK__CONNECT__CONFIG_REQUEST__OPERATION__INIT;
    Spark__Connect__ConfigRequest__Set set = SPARK__CONNECT__CONFIG_REQUEST__SET__INIT;
    Spark__Connect__KeyValue kv = SPARK__CONNECT__KEY_VALUE__INIT;
    Spark__Connect__KeyValue *kvp = &kv;
    kv.key = "spark.sql.pivotMaxValues";
    kv._value_case = SPARK__CONNECT__KEY_VALUE___VALUE_VALUE;
    kv.value = "1";
    set.n_pairs = 1;
    set.pairs = &kvp;
    op.op_type_case = SPARK__CONNECT__CONFIG_REQUEST__OPERATION__OP_TYPE_SET;
    op.set = &set;
    r.operation = &op;
    ProtobufCMessage *resp = NULL;
    tc_status st;
    tc_unary(g_ch, "Config", &r.base, &spark__connect__config_response__descriptor, &resp, &st);
    CHECK_EQ_INT(st.code, 0);
    if (resp)
        protobuf_c_message_free_unpacked(resp, NULL);
    EG_CHECK_ERROR(eg_pivot(eg_courses(), "year", "course", eg_fn1("sum", eg_col("earnings"))),
                   "_LEGACY_ERROR_TEMP_1324", "org.apache.spark.sql.AnalysisException",
                   "The pivot column course has more than 1 distinct values");
    kv.value = "10000";
    tc_unary(g_ch, "Config", &r.base, &spark__connect__config_response__descriptor, &resp, &st);
    if (resp)
        protobuf_c_message_free_unpacked(resp, NULL);
    tc_free_all();
    em_arena_release(&g_a);
}

/* Doctest pyspark.sql.dataframe.DataFrame.crosstab: df.crosstab("c1", "c2").sort("c1_c2"). */
EM_TEST(crosstab)
{
    em_arena_init(&g_a, 4096);
    EG_CHECK_SHOW(eg_sort(eg_crosstab(tc_sql("SELECT * FROM VALUES (1, 11), (1, 11), (3, 10), "
                                             "(4, 8), (4, 8) AS t(c1, c2)"),
                                      "c1", "c2"),
                          "c1_c2"),
                  "+-----+---+---+---+\n"
                  "|c1_c2| 10| 11|  8|\n"
                  "+-----+---+---+---+\n"
                  "|    1|  0|  2|  0|\n"
                  "|    3|  1|  0|  0|\n"
                  "|    4|  0|  0|  2|\n"
                  "+-----+---+---+---+\n");
    /* StatFunctions.crossTabulate: nulls count under the string "null", backticks leave the
       second column's values, absent pairs count 0. */
    EG_CHECK_SHOW(eg_sort(eg_crosstab(tc_sql("SELECT * FROM VALUES (1, CAST(NULL AS STRING)), "
                                             "(CAST(NULL AS INT), 'x`y'), (1, 'x`y') AS t(a, b)"),
                                      "a", "b"),
                          "a_b"),
                  "+----+----+---+\n"
                  "| a_b|null| xy|\n"
                  "+----+----+---+\n"
                  "|   1|   1|  1|\n"
                  "|null|   0|  1|\n"
                  "+----+----+---+\n");
    tc_free_all();
    em_arena_release(&g_a);
}

/* Doctest pyspark.sql.dataframe.DataFrame.freqItems: the items sorted with sort_array. */
EM_TEST(freq_items)
{
    em_arena_init(&g_a, 4096);
    char **cols = eg_new(2 * sizeof(char *));
    cols[0] = "c1";
    cols[1] = "c2";
    Spark__Connect__Relation *fi = eg_freq(
        tc_sql("SELECT * FROM VALUES (1, 11), (1, 11), (3, 10), (4, 8), (4, 8) AS t(c1, c2)"), 2,
        cols, 0);
    Spark__Connect__Expression *sel[2] = {
        eg_alias(eg_fn1("sort_array", eg_col("c1_freqItems")), "c1_freqItems"),
        eg_alias(eg_fn1("sort_array", eg_col("c2_freqItems")), "c2_freqItems")};
    EG_CHECK_SHOW(tc_project(fi, 2, sel), "+------------+------------+\n"
                                          "|c1_freqItems|c2_freqItems|\n"
                                          "+------------+------------+\n"
                                          "|   [1, 3, 4]| [8, 10, 11]|\n"
                                          "+------------+------------+\n");
    /* FrequentItems over one partition with support 0.5 (2 slots): 1 1 3 4 4 keeps 1 and 4 only (3
       pushes every count down; 4 arrives when a slot has freed). Null is an item too. */
    Spark__Connect__Relation *fi2 = eg_freq(
        tc_sql("SELECT * FROM VALUES (1, 11), (1, 11), (3, 10), (4, 8), (4, 8) AS t(c1, c2)"), 1,
        cols, 0.5);
    Spark__Connect__Expression *sel2[1] = {
        eg_alias(eg_fn1("sort_array", eg_col("c1_freqItems")), "c1_freqItems")};
    EG_CHECK_SHOW(tc_project(fi2, 1, sel2), "+------------+\n"
                                            "|c1_freqItems|\n"
                                            "+------------+\n"
                                            "|      [1, 4]|\n"
                                            "+------------+\n");
    /* Unsorted: the keys of CollectFrequentItems' scala mutable.HashMap in iteration order
       (16 buckets; improveHash(h) = h ^ (h >>> 16); a bucket by ascending hash): -1 and 16 in
       bucket 0, then 1 and 17, then 2. */
    char **ccol = eg_new(sizeof(char *));
    ccol[0] = "c";
    EG_CHECK_SHOW(
        eg_freq(tc_sql("SELECT * FROM VALUES (17), (16), (1), (2), (-1) AS t(c)"), 1, ccol, 0),
        "+------------------+\n"
        "|       c_freqItems|\n"
        "+------------------+\n"
        "|[-1, 16, 1, 17, 2]|\n"
        "+------------------+\n");
    /* Strings hash as UTF8String.hashCode, Murmur3_x86_32 with seed 42 (Spark's hash('ABC') is
       -757602832, pyspark.sql.connect.functions.builtin.hash doctest): x in bucket 4, then ABC,
       DEF, Bob in bucket 7 by ascending improved hash. */
    EG_CHECK_SHOW(eg_freq(tc_sql("SELECT * FROM VALUES ('ABC'), ('DEF'), ('Bob'), ('x') AS t(c)"),
                          1, ccol, 0),
                  "+------------------+\n"
                  "|       c_freqItems|\n"
                  "+------------------+\n"
                  "|[x, ABC, DEF, Bob]|\n"
                  "+------------------+\n");
    /* singlePassFreqItems: require(support >= 1e-4 && support <= 1.0). */
    EG_CHECK_ERROR(eg_freq(tc_sql("SELECT 1 AS c1"), 1, cols, 1.5), "INTERNAL_ERROR",
                   "java.lang.IllegalArgumentException",
                   "requirement failed: Support must be in [1e-4, 1], but got 1.5.");
    tc_free_all();
    em_arena_release(&g_a);
}

/* Doctest pyspark.sql.dataframe.DataFrame.approxQuantile (one column each). */
EM_TEST(approx_quantile)
{
    em_arena_init(&g_a, 4096);
    static double p1[3] = {0.0, 0.5, 1.0}, p2[3] = {0.0, 0.2, 1.0};
    EG_CHECK_SHOW(eg_quantile(tc_sql("SELECT * FROM VALUES (1), (2), (3), (4), (5) AS t(values)"),
                              "values", 3, p1, 0.05),
                  "+-----------------+\n"
                  "|  approx_quantile|\n"
                  "+-----------------+\n"
                  "|[[1.0, 3.0, 5.0]]|\n"
                  "+-----------------+\n");
    EG_CHECK_SHOW(eg_quantile(tc_sql("SELECT * FROM VALUES (1), (NULL), (3), (4), (NULL) "
                                     "AS t(values)"),
                              "values", 3, p1, 0.05),
                  "+-----------------+\n"
                  "|  approx_quantile|\n"
                  "+-----------------+\n"
                  "|[[1.0, 3.0, 4.0]]|\n"
                  "+-----------------+\n");
    EG_CHECK_SHOW(eg_quantile(tc_sql("SELECT * FROM VALUES (1), (2), (3), (4), (5) AS t(values)"),
                              "values", 3, p2, 0.1),
                  "+-----------------+\n"
                  "|  approx_quantile|\n"
                  "+-----------------+\n"
                  "|[[1.0, 1.0, 5.0]]|\n"
                  "+-----------------+\n");
    /* multipleApproxQuantiles: only null / NaN values give an empty array. */
    EG_CHECK_SHOW(eg_quantile(tc_sql("SELECT * FROM VALUES (CAST(NULL AS DOUBLE)), "
                                     "(CAST('NaN' AS DOUBLE)) AS t(v)"),
                              "v", 3, p1, 0.05),
                  "+---------------+\n"
                  "|approx_quantile|\n"
                  "+---------------+\n"
                  "|           [[]]|\n"
                  "+---------------+\n");
    /* require(field.dataType.isInstanceOf[NumericType], ...) */
    EG_CHECK_ERROR(eg_quantile(tc_sql("SELECT 'a' AS s"), "s", 3, p1, 0.05), "INTERNAL_ERROR",
                   "java.lang.IllegalArgumentException",
                   "requirement failed: Quantile calculation for column s with data type "
                   "StringType is not supported.");
    EG_CHECK_ERROR(eg_quantile(tc_sql("SELECT 1 AS v"), "v", 3, p1, -1.0), "INTERNAL_ERROR",
                   "java.lang.IllegalArgumentException",
                   "requirement failed: Relative Error must be non-negative but got -1.0");
    tc_free_all();
    em_arena_release(&g_a);
}

/* DataFrameStatFunctions.sampleBy is filter(rand(seed) < fraction of the row's stratum). Over one
   partition rand(0) draws, row by row, 0.7604953758285915, 0.5234194256885571,
   0.0953472826424725, 0.3163249920547614, 0.7141011170991605, 0.2710259815484829 (Spark's golden
   group-by-ordinal.sql.out: rand(0) over `data` after REPARTITION(1)), so fractions
   {1: 0.6, 2: 0.2, 3: 0.75} keep rows 2, 3, 5 and 6. The PySpark docstring's fractions={2: 1.0}
   keeps all 33 rows of key 2 (python/pyspark/sql/dataframe.py, sampleBy). */
EM_TEST(sample_by)
{
    em_arena_init(&g_a, 4096);
    static const int64_t keys[3] = {1, 2, 3}, key2[1] = {2};
    static const double fr[3] = {0.6, 0.2, 0.75}, fr2[1] = {1.0}, bad[1] = {1.5};
    Spark__Connect__Relation *ds = tc_sql("SELECT * FROM VALUES (1, 1), (1, 2), (2, 1), (2, 2), "
                                          "(3, 1), (3, 2) AS data(a, b)");
    EG_CHECK_SHOW(eg_sample_by(ds, "a", 3, keys, fr, 0), "+---+---+\n"
                                                         "|  a|  b|\n"
                                                         "+---+---+\n"
                                                         "|  1|  2|\n"
                                                         "|  2|  1|\n"
                                                         "|  3|  1|\n"
                                                         "|  3|  2|\n"
                                                         "+---+---+\n");
    EG_CHECK_SHOW(eg_group_count(eg_sample_by(tc_sql("SELECT id % 3 AS key FROM range(0, 100, 1, "
                                                     "5)"),
                                              "key", 1, key2, fr2, 0),
                                 "key"),
                  "+---+-----+\n"
                  "|key|count|\n"
                  "+---+-----+\n"
                  "|  2|   33|\n"
                  "+---+-----+\n");
    /* DataFrameStatFunctions.sampleBy: require(fractions in [0, 1]). */
    EG_CHECK_ERROR(eg_sample_by(tc_sql("SELECT 1 AS key"), "key", 1, key2, bad, 0),
                   "INTERNAL_ERROR", "java.lang.IllegalArgumentException",
                   "requirement failed: Fractions must be in [0, 1], but got Map(2 -> 1.5).");
    tc_free_all();
    em_arena_release(&g_a);
}

/* spark.read.json(df) / spark.read.csv(df) (SparkConnectPlanner.transformParse): each string one
   record; PERMISSIVE mode turns a malformed record into a row of nulls; without a schema
   JsonInferSchema sorts the fields by name (long for integers, arrays of their elements). */
EM_TEST(parse_json_csv)
{
    em_arena_init(&g_a, 4096);
    Spark__Connect__Relation *strs =
        tc_sql("SELECT * FROM VALUES ('{\"c1\":\"a\",\"c2\":1}'), ('{\"c1\":\"b\"}'), ('bad') "
               "AS t(value)");
    EG_CHECK_SHOW(eg_parse(strs, false, "struct<c1:string,c2:int>", 0, NULL), "+----+----+\n"
                                                                              "|  c1|  c2|\n"
                                                                              "+----+----+\n"
                                                                              "|   a|   1|\n"
                                                                              "|   b|NULL|\n"
                                                                              "|NULL|NULL|\n"
                                                                              "+----+----+\n");
    EG_CHECK_SHOW(eg_parse(tc_sql("SELECT * FROM VALUES ('{\"b\":1,\"a\":\"x\"}'), "
                                  "('{\"a\":\"y\",\"c\":[1,2]}') AS t(value)"),
                           false, NULL, 0, NULL),
                  "+---+----+------+\n"
                  "|  a|   b|     c|\n"
                  "+---+----+------+\n"
                  "|  x|   1|  NULL|\n"
                  "|  y|NULL|[1, 2]|\n"
                  "+---+----+------+\n");
    static char *hdr[2] = {"header", "true"};
    EG_CHECK_SHOW(eg_parse(tc_sql("SELECT * FROM VALUES ('name,age'), ('Alice,2'), ('Bob,5') "
                                  "AS t(value)"),
                           true, NULL, 1, hdr),
                  "+-----+---+\n"
                  "| name|age|\n"
                  "+-----+---+\n"
                  "|Alice|  2|\n"
                  "|  Bob|  5|\n"
                  "+-----+---+\n");
    /* InvalidInputErrors.invalidSchemaTypeNonStruct(toSQLType(dataType)) */
    EG_CHECK_ERROR(eg_parse(tc_sql("SELECT '1' AS value"), false, "int", 0, NULL),
                   "INVALID_SCHEMA_TYPE_NON_STRUCT",
                   "org.apache.spark.sql.connect.common.InvalidPlanInput",
                   "Expect a struct type, but got \"INT\".");
    tc_free_all();
    em_arena_release(&g_a);
}

/* Doctest pyspark.sql.dataframe.DataFrame.observe: df.observe(Observation("my metrics"),
   count(lit(1)).alias("count"), max(col("age"))): the rows pass unchanged and the answer carries
   observed_metrics {name, keys [count, max(age)], values [2, 5], plan_id} after the batches
   (SparkConnectPlanExecution.createObservedMetricsResponse / ExecuteThreadRunner). */
EM_TEST(observe_metrics)
{
    em_arena_init(&g_a, 4096);
    Spark__Connect__CollectMetrics *cm = eg_new(sizeof *cm);
    spark__connect__collect_metrics__init(cm);
    cm->input = tc_sql("SELECT * FROM VALUES (2, 'Alice'), (5, 'Bob') AS t(age, name)");
    cm->name = "my metrics";
    cm->n_metrics = 2;
    cm->metrics = eg_new(2 * sizeof(void *));
    cm->metrics[0] = eg_alias(eg_fn1("count", tc_lit_int(1)), "count");
    cm->metrics[1] = eg_fn1("max", eg_col("age"));
    Spark__Connect__Relation *rel = eg_rel();
    Spark__Connect__RelationCommon *common = eg_new(sizeof *common);
    spark__connect__relation_common__init(common);
    common->_plan_id_case = SPARK__CONNECT__RELATION_COMMON___PLAN_ID_PLAN_ID;
    common->plan_id = 7;
    rel->common = common;
    rel->rel_type_case = SPARK__CONNECT__RELATION__REL_TYPE_COLLECT_METRICS;
    rel->collect_metrics = cm;
    tc_exec e;
    tc_execute(g_ch, tc_exec_req(EG_SID, tc_plan_root(rel), NULL, false), 0, &e);
    CHECK_EQ_INT(e.st.code, 0);
    CHECK_EQ_INT((int)e.rows, 2);
    int found = 0, last_batch = -1, at = -1;
    for (int i = 0; i < e.n; i++) {
        Spark__Connect__ExecutePlanResponse *r = e.resp[i];
        if (r->response_type_case ==
            SPARK__CONNECT__EXECUTE_PLAN_RESPONSE__RESPONSE_TYPE_ARROW_BATCH)
            last_batch = i;
        if (r->n_observed_metrics == 0)
            continue;
        found++;
        at = i;
        Spark__Connect__ExecutePlanResponse__ObservedMetrics *m = r->observed_metrics[0];
        CHECK_EQ_INT((int)r->n_observed_metrics, 1);
        CHECK_EQ_STR(m->name, "my metrics");
        CHECK_EQ_INT((int)m->plan_id, 7);
        CHECK_EQ_INT((int)m->n_keys, 2);
        CHECK_EQ_INT((int)m->n_values, 2);
        if (m->n_keys == 2 && m->n_values == 2) {
            CHECK_EQ_STR(m->keys[0], "count");
            CHECK_EQ_STR(m->keys[1], "max(age)");
            CHECK_EQ_INT(m->values[0]->literal_type_case,
                         SPARK__CONNECT__EXPRESSION__LITERAL__LITERAL_TYPE_LONG);
            CHECK_EQ_INT((int)m->values[0]->long_, 2);
            CHECK_EQ_INT(m->values[1]->literal_type_case,
                         SPARK__CONNECT__EXPRESSION__LITERAL__LITERAL_TYPE_INTEGER);
            CHECK_EQ_INT(m->values[1]->integer, 5);
        }
    }
    CHECK_EQ_INT(found, 1);
    CHECK(at > last_batch);
    tc_exec_free(&e);
    tc_free_all();
    em_arena_release(&g_a);
}

static Spark__Connect__Relation *eg_transpose(Spark__Connect__Relation *in, const char *index)
{
    Spark__Connect__Transpose *m = eg_new(sizeof *m);
    spark__connect__transpose__init(m);
    m->input = in;
    if (index) {
        m->n_index_columns = 1;
        m->index_columns = eg_new(sizeof(void *));
        m->index_columns[0] = eg_col(index);
    }
    Spark__Connect__Relation *r = eg_rel();
    r->rel_type_case = SPARK__CONNECT__RELATION__REL_TYPE_TRANSPOSE;
    r->transpose = m;
    return r;
}

/* PySpark docstring of DataFrame.transpose (python/pyspark/sql/dataframe.py); the rest from
   Spark's ResolveTranspose: rows sorted by the index, null indexes dropped, the other columns
   cast to their least common type, errors TRANSPOSE_NO_LEAST_COMMON_TYPE /
   TRANSPOSE_INVALID_INDEX_COLUMN. */
EM_TEST(transpose)
{
    em_arena_init(&g_a, 4096);
    const char *want = "+----+---+---+\n"
                       "| key|  A|  B|\n"
                       "+----+---+---+\n"
                       "|val1|  1|  3|\n"
                       "|val2|  2|  4|\n"
                       "+----+---+---+\n";
    EG_CHECK_SHOW(eg_transpose(tc_sql("SELECT * FROM VALUES ('A', 1, 2), ('B', 3, 4) "
                                      "AS t(id, val1, val2)"),
                               NULL),
                  want);
    EG_CHECK_SHOW(eg_transpose(tc_sql("SELECT * FROM VALUES ('B', 3, 4), ('A', 1, 2), "
                                      "(NULL, 5, 6) AS t(id, val1, val2)"),
                               "id"),
                  want);
    /* int and double -> double; the index given in the middle */
    EG_CHECK_SHOW(eg_transpose(tc_sql("SELECT * FROM VALUES (1, 2, 2.5D) AS t(a, k, b)"), "k"),
                  "+---+---+\n"
                  "|key|  2|\n"
                  "+---+---+\n"
                  "|  a|1.0|\n"
                  "|  b|2.5|\n"
                  "+---+---+\n");
    EG_CHECK_ERROR(eg_transpose(tc_sql("SELECT 'x' AS id, 1 AS a, DATE'2020-01-01' AS b"), NULL),
                   "TRANSPOSE_NO_LEAST_COMMON_TYPE", "org.apache.spark.sql.AnalysisException",
                   "but \"INT\" and \"DATE\" do not.");
    EG_CHECK_ERROR(eg_transpose(tc_sql("SELECT array(1) AS id, 1 AS a"), NULL),
                   "TRANSPOSE_INVALID_INDEX_COLUMN", "org.apache.spark.sql.AnalysisException",
                   "Index column must be of atomic type, but found: "
                   "ArrayType(IntegerType,false)");
    tc_free_all();
    em_arena_release(&g_a);
}

/* df.col(name) bound to the DataFrame of plan id `plan_id`. */
static Spark__Connect__Expression *eg_df_col(const char *name, int64_t plan_id)
{
    Spark__Connect__Expression *e = tc_col(name);
    e->unresolved_attribute->_plan_id_case =
        SPARK__CONNECT__EXPRESSION__UNRESOLVED_ATTRIBUTE___PLAN_ID_PLAN_ID;
    e->unresolved_attribute->plan_id = plan_id;
    return e;
}

static Spark__Connect__Relation *eg_with_plan_id(Spark__Connect__Relation *r, int64_t plan_id)
{
    Spark__Connect__RelationCommon *c = eg_new(sizeof *c);
    spark__connect__relation_common__init(c);
    c->_plan_id_case = SPARK__CONNECT__RELATION_COMMON___PLAN_ID_PLAN_ID;
    c->plan_id = plan_id;
    r->common = c;
    return r;
}

/* DataFrameAsOfJoinSuite.prepareForAsOfJoin's df1 (plan id 1) joinAsOf df2 (plan id 2) on a. */
static Spark__Connect__Relation *eg_asof(const char *using_col, const char *join_type,
                                         Spark__Connect__Expression *tolerance, bool exact,
                                         const char *direction)
{
    Spark__Connect__AsOfJoin *m = eg_new(sizeof *m);
    spark__connect__as_of_join__init(m);
    m->left = eg_with_plan_id(tc_sql("SELECT * FROM VALUES (1, 'x', 'a'), (5, 'y', 'b'), "
                                     "(10, 'z', 'c') AS t(a, b, left_val)"),
                              1);
    m->right = eg_with_plan_id(tc_sql("SELECT * FROM VALUES (1, 'v', 1), (2, 'w', 2), (3, 'x', "
                                      "3), (6, 'y', 6), (7, 'z', 7) AS t(a, b, right_val)"),
                               2);
    m->left_as_of = eg_df_col("a", 1);
    m->right_as_of = eg_df_col("a", 2);
    if (using_col) {
        m->n_using_columns = 1;
        m->using_columns = eg_new(sizeof(char *));
        m->using_columns[0] = (char *)using_col;
    }
    m->join_type = (char *)join_type;
    m->tolerance = tolerance;
    m->allow_exact_matches = exact;
    m->direction = (char *)direction;
    Spark__Connect__Relation *r = eg_rel();
    r->rel_type_case = SPARK__CONNECT__RELATION__REL_TYPE_AS_OF_JOIN;
    r->as_of_join = m;
    return r;
}

/* Expected rows: Spark's DataFrameAsOfJoinSuite (sql/core/src/test/.../DataFrameAsOfJoinSuite
   .scala), in the left's order (RewriteAsOfJoin projects over the left). */
EM_TEST(as_of_join)
{
    em_arena_init(&g_a, 4096);
    /* "as-of join - simple" */
    EG_CHECK_SHOW(eg_asof(NULL, "inner", NULL, true, "backward"),
                  "+---+---+--------+---+---+---------+\n"
                  "|  a|  b|left_val|  a|  b|right_val|\n"
                  "+---+---+--------+---+---+---------+\n"
                  "|  1|  x|       a|  1|  v|        1|\n"
                  "|  5|  y|       b|  3|  x|        3|\n"
                  "| 10|  z|       c|  7|  z|        7|\n"
                  "+---+---+--------+---+---+---------+\n");
    /* "as-of join - usingColumns" */
    EG_CHECK_SHOW(eg_asof("b", "inner", NULL, true, "backward"),
                  "+---+---+--------+---+---+---------+\n"
                  "|  a|  b|left_val|  a|  b|right_val|\n"
                  "+---+---+--------+---+---+---------+\n"
                  "| 10|  z|       c|  7|  z|        7|\n"
                  "+---+---+--------+---+---+---------+\n");
    /* "as-of join - usingColumns, left outer" */
    EG_CHECK_SHOW(eg_asof("b", "left", NULL, true, "backward"),
                  "+---+---+--------+----+----+---------+\n"
                  "|  a|  b|left_val|   a|   b|right_val|\n"
                  "+---+---+--------+----+----+---------+\n"
                  "|  1|  x|       a|NULL|NULL|     NULL|\n"
                  "|  5|  y|       b|NULL|NULL|     NULL|\n"
                  "| 10|  z|       c|   7|   z|        7|\n"
                  "+---+---+--------+----+----+---------+\n");
    /* "as-of join - tolerance = 1" */
    EG_CHECK_SHOW(eg_asof(NULL, "inner", tc_lit_int(1), true, "backward"),
                  "+---+---+--------+---+---+---------+\n"
                  "|  a|  b|left_val|  a|  b|right_val|\n"
                  "+---+---+--------+---+---+---------+\n"
                  "|  1|  x|       a|  1|  v|        1|\n"
                  "+---+---+--------+---+---+---------+\n");
    /* "as-of join - allowExactMatches = false" */
    EG_CHECK_SHOW(eg_asof(NULL, "inner", NULL, false, "backward"),
                  "+---+---+--------+---+---+---------+\n"
                  "|  a|  b|left_val|  a|  b|right_val|\n"
                  "+---+---+--------+---+---+---------+\n"
                  "|  5|  y|       b|  3|  x|        3|\n"
                  "| 10|  z|       c|  7|  z|        7|\n"
                  "+---+---+--------+---+---+---------+\n");
    /* "as-of join - direction = \"forward\"" */
    EG_CHECK_SHOW(eg_asof(NULL, "inner", NULL, true, "forward"),
                  "+---+---+--------+---+---+---------+\n"
                  "|  a|  b|left_val|  a|  b|right_val|\n"
                  "+---+---+--------+---+---+---------+\n"
                  "|  1|  x|       a|  1|  v|        1|\n"
                  "|  5|  y|       b|  6|  y|        6|\n"
                  "+---+---+--------+---+---+---------+\n");
    /* "as-of join - direction = \"nearest\"" */
    EG_CHECK_SHOW(eg_asof(NULL, "inner", NULL, true, "nearest"),
                  "+---+---+--------+---+---+---------+\n"
                  "|  a|  b|left_val|  a|  b|right_val|\n"
                  "+---+---+--------+---+---+---------+\n"
                  "|  1|  x|       a|  1|  v|        1|\n"
                  "|  5|  y|       b|  6|  y|        6|\n"
                  "| 10|  z|       c|  7|  z|        7|\n"
                  "+---+---+--------+---+---+---------+\n");
    /* "as-of join - self": df1.joinAsOf(df1, ..., "left", allowExactMatches = false, "nearest") */
    Spark__Connect__Relation *self = eg_asof(NULL, "left", NULL, false, "nearest");
    self->as_of_join->right = self->as_of_join->left;
    self->as_of_join->right_as_of = eg_df_col("a", 1);
    EG_CHECK_SHOW(self, "+---+---+--------+---+---+--------+\n"
                        "|  a|  b|left_val|  a|  b|left_val|\n"
                        "+---+---+--------+---+---+--------+\n"
                        "|  1|  x|       a|  5|  y|       b|\n"
                        "|  5|  y|       b|  1|  x|       a|\n"
                        "| 10|  z|       c|  5|  y|       b|\n"
                        "+---+---+--------+---+---+--------+\n");
    /* "as-of join - unsupported direction" */
    EG_CHECK_ERROR(eg_asof(NULL, "inner", NULL, true, "unknown"),
                   "AS_OF_JOIN.UNSUPPORTED_DIRECTION", "org.apache.spark.sql.AnalysisException",
                   "Unsupported as-of join direction 'unknown'. Supported as-of join direction "
                   "include: 'forward', 'backward', 'nearest'.");
    tc_free_all();
    em_arena_release(&g_a);
}

int main(int c, char **v)
{
    eg_start();
    int rc = em_test_main(c, v);
    wire_channel_free(g_ch);
    cn_server_stop(g_srv);
    return rc;
}
