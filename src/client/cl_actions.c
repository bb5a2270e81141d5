/*
 * cl_actions.c: actions and eager calls that are not plain collects — spark.sql, createDataFrame,
 * count, isEmpty, take, show, schema/columns/printSchema/explain (AnalyzePlan), temp views,
 * persist/unpersist — each built the way PySpark's Connect client builds it:
 *   count()    Aggregate(groupby, [], [count(1)]) and cell [0][0];
 *   isEmpty()  Limit(Project(df, []), 1) and "no rows";
 *   show()     ShowString(df, n, truncate, vertical) and cell [0][0];
 *   sql()      Command{sql_command{input = SQL relation}}; the returned sql_command_result
 *              relation becomes the DataFrame (with a fresh plan id).
 */
#include <stdio.h>
#include <string.h>

#include "arrow/cdata.h"
#include "client/cl_int.h"
#include "common/em_mem.h"
#include "types/ty.h"
#include "vector/vec.h"

int cl_analyze(ember_session *s, Spark__Connect__AnalyzePlanRequest *req, em_arena *a,
               Spark__Connect__AnalyzePlanResponse **resp, ember_error *err)
{
    *resp = NULL;
    int rc = cl_check_open(s, err);
    if (rc != EMBER_OK)
        return rc;
    req->session_id = s->session_id;
    req->user_context = cl_user_context(s, a);
    CL_OPT(req, client_type, 3, s->client_type);
    char *obs = cl_observed_id(s, a);
    if (obs)
        CL_OPT(req, client_observed_server_side_session_id, 17, obs);
    ProtobufCMessage *m = NULL;
    rc = cl_unary(s, "AnalyzePlan", &req->base, &spark__connect__analyze_plan_response__descriptor,
                  &m, err);
    if (rc != EMBER_OK)
        return rc;
    Spark__Connect__AnalyzePlanResponse *r = (Spark__Connect__AnalyzePlanResponse *)m;
    rc = cl_check_response(s, r->session_id, r->server_side_session_id, err);
    if (rc != EMBER_OK) {
        protobuf_c_message_free_unpacked(m, NULL);
        return rc;
    }
    *resp = r;
    return EMBER_OK;
}

/* ----------------------------------------------------------------------------- spark.sql -- */

static int cl_sql_impl(ember_session *s, const char *query, ember_column **pos, size_t n_pos,
                       const char *const *names, ember_column **named, size_t n_named,
                       ember_dataframe **out, ember_error *err)
{
    if (out)
        *out = NULL;
    int rc = cl_cols_check(pos, n_pos, "sql", err);
    if (rc == EMBER_OK)
        rc = cl_cols_check(named, n_named, "sql", err);
    else
        cl_cols_free(named, n_named);
    if (rc != EMBER_OK)
        return rc;
    bool bad_names = !names && n_named;
    for (size_t idx = 0; !bad_names && idx < n_named; idx++)
        bad_names = !names[idx];
    if (!s || !query || !out || bad_names) {
        cl_cols_free(pos, n_pos);
        cl_cols_free(named, n_named);
        return cl_error_set(err, EMBER_EINVAL, NULL, "sql: NULL argument");
    }
    ember_dataframe *q = cl_df_new(s, CL_R_SQL, NULL);
    q->text = em_arena_strdup(&q->arena, query);
    q->cols = cl_df_cols(q, pos, n_pos);
    q->n_cols = n_pos;
    q->strs = cl_df_strs(q, names, n_named);
    q->n_strs = n_named;
    q->cols2 = cl_df_cols(q, named, n_named);
    q->n_cols2 = n_named;

    em_arena a;
    em_arena_init(&a, 4096);
    Spark__Connect__SqlCommand *sc = em_arena_alloc(&a, sizeof *sc);
    spark__connect__sql_command__init(sc);
    sc->input = cl_proto_relation(&a, q);
    Spark__Connect__Command *cmd = em_arena_alloc(&a, sizeof *cmd);
    spark__connect__command__init(cmd);
    cmd->command_type_case = SPARK__CONNECT__COMMAND__COMMAND_TYPE_SQL_COMMAND;
    cmd->sql_command = sc;
    Spark__Connect__Plan *plan = em_arena_alloc(&a, sizeof *plan);
    spark__connect__plan__init(plan);
    plan->op_type_case = SPARK__CONNECT__PLAN__OP_TYPE_COMMAND;
    plan->command = cmd;
    uint8_t *rel = NULL;
    size_t rel_len = 0;
    rc = cl_exec_command(s, plan, &rel, &rel_len, err);
    em_arena_release(&a);
    if (rc != EMBER_OK) {
        em_free(rel);
        ember_df_free(q);
        return rc;
    }
    if (!rel) {
        *out = q; /* no result relation: the SQL relation itself (PySpark does the same) */
        return EMBER_OK;
    }
    Spark__Connect__Relation *check = spark__connect__relation__unpack(NULL, rel_len, rel);
    if (!check) {
        em_free(rel);
        ember_df_free(q);
        return cl_error_set(err, EMBER_EPROTOCOL, NULL, "malformed sql_command_result relation");
    }
    spark__connect__relation__free_unpacked(check, NULL);
    ember_dataframe *r = cl_df_new(s, CL_R_CACHED, NULL);
    r->blob = rel;
    r->blob_len = rel_len;
    ember_df_free(q);
    *out = r;
    return EMBER_OK;
}

int ember_sql(ember_session *s, const char *query, ember_column **pos_args, size_t n_pos,
              ember_dataframe **out, ember_error *err)
{
    return cl_sql_impl(s, query, pos_args, n_pos, NULL, NULL, 0, out, err);
}

int ember_sql_named(ember_session *s, const char *query, const char *const *names,
                    ember_column **values, size_t n, ember_dataframe **out, ember_error *err)
{
    return cl_sql_impl(s, query, NULL, 0, names, values, n, out, err);
}

/* ------------------------------------------------------------------------ createDataFrame -- */

/* AnalyzePlan ddl_parse(ddl) -> PySpark JSON (em_malloc). */
static int cl_ddl_to_json(ember_session *s, const char *ddl, char **json, ember_error *err)
{
    *json = NULL;
    em_arena a;
    em_arena_init(&a, 1024);
    Spark__Connect__AnalyzePlanRequest req = SPARK__CONNECT__ANALYZE_PLAN_REQUEST__INIT;
    Spark__Connect__AnalyzePlanRequest__DDLParse p =
        SPARK__CONNECT__ANALYZE_PLAN_REQUEST__DDLPARSE__INIT;
    p.ddl_string = (char *)ddl;
    req.analyze_case = SPARK__CONNECT__ANALYZE_PLAN_REQUEST__ANALYZE_DDL_PARSE;
    req.ddl_parse = &p;
    Spark__Connect__AnalyzePlanResponse *r = NULL;
    int rc = cl_analyze(s, &req, &a, &r, err);
    em_arena_release(&a);
    if (rc != EMBER_OK)
        return rc;
    if (r->result_case != SPARK__CONNECT__ANALYZE_PLAN_RESPONSE__RESULT_DDL_PARSE ||
        !r->ddl_parse->parsed) {
        spark__connect__analyze_plan_response__free_unpacked(r, NULL);
        return cl_error_set(err, EMBER_EPROTOCOL, NULL, "ddl_parse answered without a type");
    }
    em_str js;
    em_str_init(&js, 0);
    const Spark__Connect__DataType *dt = r->ddl_parse->parsed;
    if (dt->kind_case != SPARK__CONNECT__DATA_TYPE__KIND_STRUCT) {
        /* A non-struct type becomes StructType().add("value", type), as PySpark does. */
        em_str_puts(&js, "{\"fields\":[{\"metadata\":{},\"name\":\"value\",\"nullable\":true,"
                         "\"type\":");
        rc = cl_types_json(dt, &js, err);
        em_str_puts(&js, "}],\"type\":\"struct\"}");
    } else {
        rc = cl_types_json(dt, &js, err);
    }
    spark__connect__analyze_plan_response__free_unpacked(r, NULL);
    if (rc == EMBER_OK)
        *json = em_str_move(&js);
    em_str_release(&js);
    return rc;
}

int ember_create_dataframe(ember_session *s, struct ArrowArrayStream *data, const char *schema,
                           const char *const *names, size_t n_names, ember_dataframe **out,
                           ember_error *err)
{
    if (out)
        *out = NULL;
    bool bad = !s || !data || !out || (!names && n_names);
    for (size_t idx = 0; !bad && idx < n_names; idx++)
        bad = !names[idx];
    if (bad) {
        if (data && data->release)
            data->release(data);
        return cl_error_set(err, EMBER_EINVAL, NULL, "createDataFrame: NULL argument");
    }
    uint8_t *ipc = NULL;
    size_t ipc_len = 0;
    char *json = NULL;
    int64_t n_rows = 0;
    int rc = cl_local_encode(data, &ipc, &ipc_len, &json, &n_rows, err);
    if (rc != EMBER_OK)
        return rc;
    if (schema) {
        em_free(json);
        json = NULL;
        if (schema[0] == '{')
            json = em_strdup(schema);
        else if ((rc = cl_ddl_to_json(s, schema, &json, err)) != EMBER_OK) {
            em_free(ipc);
            return rc;
        }
    }
    ember_dataframe *lr = cl_df_new(s, CL_R_LOCAL, NULL);
    lr->blob = ipc;
    lr->blob_len = ipc_len;
    lr->text = em_arena_strdup(&lr->arena, json);
    em_free(json);
    if (n_names == 0) {
        *out = lr;
        return EMBER_OK;
    }
    rc = ember_df_to_df(lr, names, n_names, out, err);
    ember_df_free(lr);
    return rc;
}

/* ------------------------------------------------------------------ single-cell results -- */

int cl_first_batch(ember_dataframe *df, struct ArrowArray *arr, struct ArrowSchema *sch,
                   ember_error *err)
{
    memset(arr, 0, sizeof *arr);
    memset(sch, 0, sizeof *sch);
    struct ArrowArrayStream st;
    int rc = cl_collect_plan(df->session, df, NULL, &st, err);
    if (rc != EMBER_OK)
        return rc;
    rc = EMBER_OK;
    if (st.get_schema(&st, sch) != 0) {
        cl_error_copy(err, ember_stream_error(&st));
        rc = err && err->status ? err->status : EMBER_EPROTOCOL;
    }
    while (rc == EMBER_OK) {
        if (st.get_next(&st, arr) != 0) {
            cl_error_copy(err, ember_stream_error(&st));
            rc = err && err->status ? err->status : EMBER_EPROTOCOL;
            break;
        }
        if (!arr->release || arr->length > 0)
            break; /* end, or a batch with rows (skip empty batches) */
        arr->release(arr);
    }
    st.release(&st);
    if (rc != EMBER_OK && sch->release)
        sch->release(sch);
    return rc;
}

int ember_df_count(ember_dataframe *df, int64_t *out, ember_error *err)
{
    if (!df || !out)
        return cl_error_set(err, EMBER_EINVAL, NULL, "count: NULL argument");
    *out = 0;
    ember_column *one = ember_lit_int(1);
    ember_column *cnt = ember_fn("count", &one, 1);
    ember_dataframe *agg = NULL;
    int rc = ember_df_agg(df, &cnt, 1, &agg, err);
    if (rc != EMBER_OK)
        return rc;
    struct ArrowArray arr;
    struct ArrowSchema sch;
    rc = cl_first_batch(agg, &arr, &sch, err);
    ember_df_free(agg);
    if (rc != EMBER_OK)
        return rc;
    if (!arr.release || arr.length < 1 || arr.n_children < 1 ||
        strcmp(sch.children[0]->format, "l") != 0) {
        rc = cl_error_set(err, EMBER_EPROTOCOL, NULL, "count() answered without a bigint cell");
    } else {
        const struct ArrowArray *c = arr.children[0];
        *out = ((const int64_t *)c->buffers[1])[c->offset + arr.offset];
    }
    if (arr.release)
        arr.release(&arr);
    sch.release(&sch);
    return rc;
}

int ember_df_show_string(ember_dataframe *df, int32_t num_rows, int32_t truncate, bool vertical,
                         char **out, ember_error *err)
{
    if (!df || !out)
        return cl_error_set(err, EMBER_EINVAL, NULL, "show: NULL argument");
    *out = NULL;
    ember_dataframe *show = cl_df_new(df->session, CL_R_SHOW, df);
    show->i64[0] = num_rows;
    show->i64[1] = truncate;
    show->flag = vertical;
    struct ArrowArray arr;
    struct ArrowSchema sch;
    int rc = cl_first_batch(show, &arr, &sch, err);
    ember_df_free(show);
    if (rc != EMBER_OK)
        return rc;
    if (!arr.release || arr.length < 1 || arr.n_children < 1 ||
        strcmp(sch.children[0]->format, "u") != 0) {
        rc = cl_error_set(err, EMBER_EPROTOCOL, NULL, "show answered without a string cell");
    } else {
        const struct ArrowArray *c = arr.children[0];
        const int32_t *offs = c->buffers[1];
        int64_t row = c->offset + arr.offset;
        *out = em_strndup((const char *)c->buffers[2] + offs[row],
                          (size_t)(offs[row + 1] - offs[row]));
    }
    if (arr.release)
        arr.release(&arr);
    sch.release(&sch);
    return rc;
}

int ember_df_show(ember_dataframe *df, int32_t num_rows, int32_t truncate, bool vertical,
                  ember_error *err)
{
    char *text = NULL;
    int rc = ember_df_show_string(df, num_rows, truncate, vertical, &text, err);
    if (rc == EMBER_OK) {
        fputs(text, stdout);
        fputc('\n', stdout);
        fflush(stdout);
    }
    em_free(text);
    return rc;
}

int ember_df_take(ember_dataframe *df, int32_t n, struct ArrowArrayStream *out, ember_error *err)
{
    if (out)
        memset(out, 0, sizeof *out);
    ember_dataframe *lim = NULL;
    int rc = ember_df_limit(df, n, &lim, err);
    if (rc != EMBER_OK)
        return rc;
    rc = ember_df_collect(lim, out, err);
    ember_df_free(lim);
    return rc;
}

int ember_df_is_empty(ember_dataframe *df, bool *out, ember_error *err)
{
    if (!df || !out)
        return cl_error_set(err, EMBER_EINVAL, NULL, "isEmpty: NULL argument");
    ember_dataframe *proj = NULL;
    int rc = ember_df_select(df, NULL, 0, &proj, err);
    if (rc != EMBER_OK)
        return rc;
    struct ArrowArrayStream st;
    rc = ember_df_take(proj, 1, &st, err);
    ember_df_free(proj);
    if (rc != EMBER_OK)
        return rc;
    int64_t rows = 0;
    for (;;) {
        struct ArrowArray arr;
        if (st.get_next(&st, &arr) != 0) {
            cl_error_copy(err, ember_stream_error(&st));
            rc = err && err->status ? err->status : EMBER_EPROTOCOL;
            break;
        }
        if (!arr.release)
            break;
        rows += arr.length;
        arr.release(&arr);
    }
    st.release(&st);
    *out = rows == 0;
    return rc;
}

/* --------------------------------------------------------------------------- AnalyzePlan -- */

static int cl_analyze_schema(ember_dataframe *df, em_arena *a,
                             Spark__Connect__AnalyzePlanResponse **r, ember_error *err)
{
    Spark__Connect__AnalyzePlanRequest req = SPARK__CONNECT__ANALYZE_PLAN_REQUEST__INIT;
    Spark__Connect__AnalyzePlanRequest__Schema sc =
        SPARK__CONNECT__ANALYZE_PLAN_REQUEST__SCHEMA__INIT;
    sc.plan = cl_plan_root(a, df);
    req.analyze_case = SPARK__CONNECT__ANALYZE_PLAN_REQUEST__ANALYZE_SCHEMA;
    req.schema = &sc;
    int rc = cl_analyze(df->session, &req, a, r, err);
    if (rc == EMBER_OK &&
        ((*r)->result_case != SPARK__CONNECT__ANALYZE_PLAN_RESPONSE__RESULT_SCHEMA ||
         !(*r)->schema->schema)) {
        spark__connect__analyze_plan_response__free_unpacked(*r, NULL);
        *r = NULL;
        rc = cl_error_set(err, EMBER_EPROTOCOL, NULL, "AnalyzePlan answered without a schema");
    }
    return rc;
}

int ember_df_schema_json(ember_dataframe *df, char **out, ember_error *err)
{
    if (!df || !out)
        return cl_error_set(err, EMBER_EINVAL, NULL, "schema: NULL argument");
    *out = NULL;
    em_arena a;
    em_arena_init(&a, 4096);
    Spark__Connect__AnalyzePlanResponse *r = NULL;
    int rc = cl_analyze_schema(df, &a, &r, err);
    if (rc == EMBER_OK) {
        em_str js;
        em_str_init(&js, 0);
        rc = cl_types_json(r->schema->schema, &js, err);
        if (rc == EMBER_OK)
            *out = em_str_move(&js);
        em_str_release(&js);
        spark__connect__analyze_plan_response__free_unpacked(r, NULL);
    }
    em_arena_release(&a);
    return rc;
}

int ember_df_schema(ember_dataframe *df, struct ArrowSchema *out, ember_error *err)
{
    if (!df || !out)
        return cl_error_set(err, EMBER_EINVAL, NULL, "schema: NULL argument");
    memset(out, 0, sizeof *out);
    em_arena a;
    em_arena_init(&a, 4096);
    Spark__Connect__AnalyzePlanResponse *r = NULL;
    int rc = cl_analyze_schema(df, &a, &r, err);
    if (rc == EMBER_OK) {
        const ty *t = cl_types_to_ty(r->schema->schema, &a, err);
        if (!t || t->kind != TY_STRUCT) {
            rc = t ? cl_error_set(err, EMBER_EPROTOCOL, NULL, "schema is not a struct")
                   : EMBER_EPROTOCOL;
        } else {
            vec_batch *empty = vec_batch_new(t->n_fields, 0);
            for (int col = 0; col < t->n_fields; col++)
                empty->cols[col] = vec_new(t->fields[col].type, 0);
            em_error e;
            em_error_clear(&e);
            if (ipc_export_batch(t, empty, NULL, out, &e) != 0)
                rc = cl_error_set(err, EMBER_EPROTOCOL, NULL, "%s", e.message);
            vec_batch_free(empty);
        }
        spark__connect__analyze_plan_response__free_unpacked(r, NULL);
    }
    em_arena_release(&a);
    return rc;
}

int ember_df_columns(ember_dataframe *df, char ***names, size_t *n, ember_error *err)
{
    if (!df || !names || !n)
        return cl_error_set(err, EMBER_EINVAL, NULL, "columns: NULL argument");
    *names = NULL;
    *n = 0;
    em_arena a;
    em_arena_init(&a, 4096);
    Spark__Connect__AnalyzePlanResponse *r = NULL;
    int rc = cl_analyze_schema(df, &a, &r, err);
    if (rc == EMBER_OK) {
        const Spark__Connect__DataType *dt = r->schema->schema;
        if (dt->kind_case != SPARK__CONNECT__DATA_TYPE__KIND_STRUCT) {
            rc = cl_error_set(err, EMBER_EPROTOCOL, NULL, "schema is not a struct");
        } else {
            *n = dt->struct_->n_fields;
            *names = em_calloc(*n + 1, sizeof(char *));
            for (size_t idx = 0; idx < *n; idx++)
                (*names)[idx] = em_strdup(dt->struct_->fields[idx]->name);
        }
        spark__connect__analyze_plan_response__free_unpacked(r, NULL);
    }
    em_arena_release(&a);
    return rc;
}

int ember_df_tree_string(ember_dataframe *df, char **out, ember_error *err)
{
    if (!df || !out)
        return cl_error_set(err, EMBER_EINVAL, NULL, "printSchema: NULL argument");
    *out = NULL;
    em_arena a;
    em_arena_init(&a, 4096);
    Spark__Connect__AnalyzePlanRequest req = SPARK__CONNECT__ANALYZE_PLAN_REQUEST__INIT;
    Spark__Connect__AnalyzePlanRequest__TreeString ts =
        SPARK__CONNECT__ANALYZE_PLAN_REQUEST__TREE_STRING__INIT;
    ts.plan = cl_plan_root(&a, df);
    req.analyze_case = SPARK__CONNECT__ANALYZE_PLAN_REQUEST__ANALYZE_TREE_STRING;
    req.tree_string = &ts;
    Spark__Connect__AnalyzePlanResponse *r = NULL;
    int rc = cl_analyze(df->session, &req, &a, &r, err);
    if (rc == EMBER_OK) {
        if (r->result_case == SPARK__CONNECT__ANALYZE_PLAN_RESPONSE__RESULT_TREE_STRING)
            *out = em_strdup(r->tree_string->tree_string);
        else
            rc = cl_error_set(err, EMBER_EPROTOCOL, NULL, "AnalyzePlan answered without a tree");
        spark__connect__analyze_plan_response__free_unpacked(r, NULL);
    }
    em_arena_release(&a);
    return rc;
}

int ember_df_explain(ember_dataframe *df, const char *mode, char **out, ember_error *err)
{
    if (!df || !out)
        return cl_error_set(err, EMBER_EINVAL, NULL, "explain: NULL argument");
    *out = NULL;
    static const char *const modes[] = {"simple", "extended", "codegen", "cost", "formatted"};
    int m = -1;
    const char *name = mode ? mode : "simple";
    for (int idx = 0; idx < 5; idx++)
        if (strcmp(name, modes[idx]) == 0)
            m = idx + 1;
    if (m < 0) {
        int rc = cl_error_set(err, EMBER_EINVAL, "UNKNOWN_EXPLAIN_MODE",
                              "[UNKNOWN_EXPLAIN_MODE] Unknown explain mode: '%s'. Accepted "
                              "explain modes are 'simple', 'extended', 'codegen', 'cost', "
                              "'formatted'.",
                              name);
        cl_error_param(err, "explain_mode", name);
        return rc;
    }
    em_arena a;
    em_arena_init(&a, 4096);
    Spark__Connect__AnalyzePlanRequest req = SPARK__CONNECT__ANALYZE_PLAN_REQUEST__INIT;
    Spark__Connect__AnalyzePlanRequest__Explain ex =
        SPARK__CONNECT__ANALYZE_PLAN_REQUEST__EXPLAIN__INIT;
    ex.plan = cl_plan_root(&a, df);
    ex.explain_mode = m;
    req.analyze_case = SPARK__CONNECT__ANALYZE_PLAN_REQUEST__ANALYZE_EXPLAIN;
    req.explain = &ex;
    Spark__Connect__AnalyzePlanResponse *r = NULL;
    int rc = cl_analyze(df->session, &req, &a, &r, err);
    if (rc == EMBER_OK) {
        if (r->result_case == SPARK__CONNECT__ANALYZE_PLAN_RESPONSE__RESULT_EXPLAIN)
            *out = em_strdup(r->explain->explain_string);
        else
            rc = cl_error_set(err, EMBER_EPROTOCOL, NULL, "AnalyzePlan answered without a plan");
        spark__connect__analyze_plan_response__free_unpacked(r, NULL);
    }
    em_arena_release(&a);
    return rc;
}

static int cl_persist_impl(ember_dataframe *df, bool persist, bool blocking,
                           const ember_storage_level *lv, ember_error *err)
{
    if (!df)
        return cl_error_set(err, EMBER_EINVAL, NULL, "persist: NULL DataFrame");
    em_arena a;
    em_arena_init(&a, 4096);
    Spark__Connect__AnalyzePlanRequest req = SPARK__CONNECT__ANALYZE_PLAN_REQUEST__INIT;
    Spark__Connect__AnalyzePlanRequest__Persist p =
        SPARK__CONNECT__ANALYZE_PLAN_REQUEST__PERSIST__INIT;
    Spark__Connect__AnalyzePlanRequest__Unpersist u =
        SPARK__CONNECT__ANALYZE_PLAN_REQUEST__UNPERSIST__INIT;
    Spark__Connect__StorageLevel level = SPARK__CONNECT__STORAGE_LEVEL__INIT;
    if (persist) {
        /* StorageLevel.MEMORY_AND_DISK_DESER unless given */
        level.use_disk = lv ? lv->use_disk : 1;
        level.use_memory = lv ? lv->use_memory : 1;
        level.use_off_heap = lv ? lv->use_off_heap : 0;
        level.deserialized = lv ? lv->deserialized : 1;
        level.replication = lv ? lv->replication : 1;
        p.relation = cl_proto_relation(&a, df);
        CL_OPT(&p, storage_level, 2, &level);
        req.analyze_case = SPARK__CONNECT__ANALYZE_PLAN_REQUEST__ANALYZE_PERSIST;
        req.persist = &p;
    } else {
        u.relation = cl_proto_relation(&a, df);
        CL_OPT(&u, blocking, 2, blocking);
        req.analyze_case = SPARK__CONNECT__ANALYZE_PLAN_REQUEST__ANALYZE_UNPERSIST;
        req.unpersist = &u;
    }
    Spark__Connect__AnalyzePlanResponse *r = NULL;
    int rc = cl_analyze(df->session, &req, &a, &r, err);
    if (r)
        spark__connect__analyze_plan_response__free_unpacked(r, NULL);
    em_arena_release(&a);
    return rc;
}

int ember_df_persist(ember_dataframe *df, ember_error *err)
{
    return cl_persist_impl(df, true, false, NULL, err);
}

int ember_df_persist_level(ember_dataframe *df, const ember_storage_level *level, ember_error *err)
{
    return cl_persist_impl(df, true, false, level, err);
}

int ember_df_unpersist(ember_dataframe *df, bool blocking, ember_error *err)
{
    return cl_persist_impl(df, false, blocking, NULL, err);
}

/* ------------------------------------------------------------------------------ commands -- */

int ember_df_create_view(ember_dataframe *df, const char *name, bool replace, bool global,
                         ember_error *err)
{
    if (!df || !name)
        return cl_error_set(err, EMBER_EINVAL, NULL, "createTempView: NULL argument");
    em_arena a;
    em_arena_init(&a, 4096);
    Spark__Connect__CreateDataFrameViewCommand v =
        SPARK__CONNECT__CREATE_DATA_FRAME_VIEW_COMMAND__INIT;
    v.input = cl_proto_relation(&a, df);
    v.name = (char *)name;
    v.is_global = global;
    v.replace = replace;
    Spark__Connect__Command cmd = SPARK__CONNECT__COMMAND__INIT;
    cmd.command_type_case = SPARK__CONNECT__COMMAND__COMMAND_TYPE_CREATE_DATAFRAME_VIEW;
    cmd.create_dataframe_view = &v;
    Spark__Connect__Plan plan = SPARK__CONNECT__PLAN__INIT;
    plan.op_type_case = SPARK__CONNECT__PLAN__OP_TYPE_COMMAND;
    plan.command = &cmd;
    int rc = cl_exec_command(df->session, &plan, NULL, NULL, err);
    em_arena_release(&a);
    return rc;
}
