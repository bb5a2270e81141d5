/*
 * cn_run: the body of an ExecutePlan operation (runs on the operation's producer thread).
 * Decodes the Plan (decompressing Plan.compressed_operation), then either runs a root
 * relation — schema response, Arrow batches, result_complete — or a command.
 *
 * Response order follows Spark: schema → ≥1 arrow_batch (one record batch per message, each
 * a complete IPC stream, a zero-row batch when the result is empty, start_offset = rows sent
 * before) → result_complete (reattachable executions only). Commands: their result message
 * (sql_command_result) if any, then result_complete.
 */
#include "connect/cn_int.h"

#include "arrow/ipc.h"
#include "common/em_log.h"
#include "common/em_mem.h"
#include "common/em_str.h"
#include "connect/cn_ddl.h"
#include "connect/cn_plan.h"
#include "connect/cn_progress.h"
#include "exec/ex.h"
#include "plan/pl_print.h"
#include "sql/sql.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zstd.h>

#define CN_BATCH_BYTES_TARGET (4u << 20)
#define CN_MAX_DECOMPRESSED   (128u << 20)

/* Packs resp with the op's envelope fields and appends it to the op buffer. */
static int cn_emit(cn_op *op, Spark__Connect__ExecutePlanResponse *resp)
{
    char rid[CN_ID_MAX];
    em_uuid_v4(rid);
    resp->session_id = op->session->session_id;
    resp->server_side_session_id = op->session->server_side_id;
    resp->operation_id = op->op_id;
    resp->response_id = rid;
    size_t len;
    uint8_t *bytes = cn_pack(&resp->base, &len);
    return cn_op_append(op, bytes, len, rid);
}

static int cn_emit_result_complete(cn_op *op)
{
    if (!op->reattachable)
        return 0;
    Spark__Connect__ExecutePlanResponse resp = SPARK__CONNECT__EXECUTE_PLAN_RESPONSE__INIT;
    Spark__Connect__ExecutePlanResponse__ResultComplete rc =
        SPARK__CONNECT__EXECUTE_PLAN_RESPONSE__RESULT_COMPLETE__INIT;
    resp.response_type_case = SPARK__CONNECT__EXECUTE_PLAN_RESPONSE__RESPONSE_TYPE_RESULT_COMPLETE;
    resp.result_complete = &rc;
    return cn_emit(op, &resp);
}

/* Added (catalog statements, cn_ddl.h). */
int cn_run_complete(cn_op *op, em_error *err)
{
    return cn_emit_result_complete(op) ? em_error_canceled(err) : EM_OK;
}

static int cn_emit_arrow(cn_op *op, const ty *schema, const vec_batch *batch, int64_t start,
                         const char *tz, em_error *err)
{
    em_str ipc;
    em_str_init(&ipc, 0);
    ipc_write_opts wo = {.timezone = tz};
    if (ipc_encode_stream(schema, batch, &wo, &ipc, err)) {
        em_str_release(&ipc);
        return err->code;
    }
    Spark__Connect__ExecutePlanResponse resp = SPARK__CONNECT__EXECUTE_PLAN_RESPONSE__INIT;
    Spark__Connect__ExecutePlanResponse__ArrowBatch ab =
        SPARK__CONNECT__EXECUTE_PLAN_RESPONSE__ARROW_BATCH__INIT;
    ab.row_count = batch->n_rows;
    ab.data.data = (uint8_t *)ipc.data;
    ab.data.len = ipc.len;
    ab._start_offset_case =
        SPARK__CONNECT__EXECUTE_PLAN_RESPONSE__ARROW_BATCH___START_OFFSET_START_OFFSET;
    ab.start_offset = start;
    resp.response_type_case = SPARK__CONNECT__EXECUTE_PLAN_RESPONSE__RESPONSE_TYPE_ARROW_BATCH;
    resp.arrow_batch = &ab;
    int rc = cn_emit(op, &resp);
    em_str_release(&ipc);
    if (rc)
        return em_error_canceled(err);
    return EM_OK;
}

/* Estimated Arrow bytes per row of a batch, to size result messages. */
static int64_t cn_row_bytes(const vec_batch *b)
{
    int64_t total = 0;
    for (int c = 0; c < b->n_cols; c++) {
        const vec *v = b->cols[c];
        int w = ty_fixed_width(v->type);
        total += w ? (int64_t)w * v->len : v->bytes_len + 4 * v->len;
    }
    return b->n_rows ? total / b->n_rows + 1 : 1;
}

static int cn_run_relation(cn_op *op, cn_plan_ctx *pc, const Spark__Connect__Relation *rel,
                           em_error *err)
{
    pl_node *root = NULL;
    if (cn_plan_resolve(pc, rel, &root, err))
        return err->code;
    const ty *schema = cn_plan_schema(pc, root);

    Spark__Connect__ExecutePlanResponse resp = SPARK__CONNECT__EXECUTE_PLAN_RESPONSE__INIT;
    resp.schema = cx_data_type_to_proto(schema);
    int rc = cn_emit(op, &resp);
    cx_data_type_free(resp.schema);
    if (rc)
        return em_error_canceled(err);

    if (cn_plan_optimize(pc, &root, err)) /* the root's columns (schema) stay the same */
        return err->code;
    ex_query *q = ex_open(root, &pc->opts, err);
    if (!q)
        return err->code;
    pthread_mutex_lock(&op->mu);
    bool stop = op->interrupted;
    if (!stop)
        op->cancel_target = q;
    pthread_mutex_unlock(&op->mu);
    if (stop) {
        ex_close(q);
        return em_error_canceled(err);
    }
    cn_progress *progress = cn_progress_begin(op); /* ExecutionProgress reports */
    int64_t sent_rows = 0;
    int64_t n_messages = 0;
    int64_t max_rows = pc->opts.max_result_rows_per_batch;
    for (;;) {
        vec_batch *b = NULL;
        int r = ex_next(q, &b, err);
        if (r < 0)
            break;
        if (r == 0)
            break;
        int64_t per_row = cn_row_bytes(b);
        cn_progress_add(progress, b->n_rows, per_row * b->n_rows);
        int64_t chunk = (int64_t)CN_BATCH_BYTES_TARGET / per_row;
        if (chunk < 1)
            chunk = 1;
        if (chunk > max_rows)
            chunk = max_rows;
        if (b->n_rows <= chunk) {
            if (b->n_rows > 0 || n_messages == 0) {
                if (cn_emit_arrow(op, schema, b, sent_rows, pc->tz, err)) {
                    vec_batch_free(b);
                    break;
                }
                sent_rows += b->n_rows;
                n_messages++;
            }
        } else {
            for (int64_t off = 0; off < b->n_rows && !em_error_is_set(err); off += chunk) {
                int64_t n = b->n_rows - off < chunk ? b->n_rows - off : chunk;
                vec_batch *part = vec_batch_new(b->n_cols, n);
                for (int c = 0; c < b->n_cols && !em_error_is_set(err); c++)
                    part->cols[c] = vec_slice(b->cols[c], off, n, err);
                if (!em_error_is_set(err) &&
                    cn_emit_arrow(op, schema, part, sent_rows, pc->tz, err) == EM_OK) {
                    sent_rows += n;
                    n_messages++;
                }
                vec_batch_free(part);
            }
        }
        vec_batch_free(b);
        if (em_error_is_set(err))
            break;
    }
    cn_progress_end(progress, !em_error_is_set(err));
    pthread_mutex_lock(&op->mu);
    op->cancel_target = NULL;
    pthread_mutex_unlock(&op->mu);
    ex_close(q);
    if (em_error_is_set(err))
        return err->code;
    if (n_messages == 0) {
        vec_batch *empty = vec_batch_new(schema->n_fields, 0);
        for (int c = 0; c < schema->n_fields; c++)
            empty->cols[c] = vec_new(schema->fields[c].type, 0);
        rc = cn_emit_arrow(op, schema, empty, 0, pc->tz, err);
        vec_batch_free(empty);
        if (rc)
            return rc;
    }
    /* Added (df.observe): the observed metrics in one response before ResultComplete, as Spark's
       ExecuteThreadRunner sends its execution's observations. */
    Spark__Connect__ExecutePlanResponse__ObservedMetrics **observed = NULL;
    int n_observed = 0;
    if (cn_plan_observed_metrics(pc, &observed, &n_observed, err)) {
        cn_plan_observed_free(observed, n_observed);
        return err->code;
    }
    if (n_observed) {
        Spark__Connect__ExecutePlanResponse om = SPARK__CONNECT__EXECUTE_PLAN_RESPONSE__INIT;
        om.n_observed_metrics = (size_t)n_observed;
        om.observed_metrics = observed;
        rc = cn_emit(op, &om);
        cn_plan_observed_free(observed, n_observed);
        if (rc)
            return em_error_canceled(err);
    }
    if (cn_emit_result_complete(op))
        return em_error_canceled(err);
    return EM_OK;
}

/* ---- SQL statements that are commands (PL_COMMAND): run now, answer a LocalRelation ---- */

/* A small result table: string columns, rows appended as C strings. */
typedef struct cn_cmd_rows {
    int n_cols;
    ty_field fields[4];
    vec *cols[4];
} cn_cmd_rows;

static void cn_cmd_rows_init(cn_cmd_rows *r, int n_cols, const char *const *names)
{
    memset(r, 0, sizeof *r);
    r->n_cols = n_cols;
    for (int i = 0; i < n_cols; i++) {
        r->fields[i].name = names[i];
        r->fields[i].type = ty_string();
        r->fields[i].nullable = false;
        r->cols[i] = vec_new(ty_string(), 4);
    }
}

static void cn_cmd_rows_add(cn_cmd_rows *r, const char *a, const char *b)
{
    vec_append_str(r->cols[0], a, (int64_t)strlen(a), NULL);
    if (r->n_cols > 1 && b)
        vec_append_str(r->cols[1], b, (int64_t)strlen(b), NULL);
}

/* Answers sql_command_result{local_relation{data, schema}} with the rows, then completes. */
static int cn_cmd_answer(cn_op *op, cn_plan_ctx *pc, cn_cmd_rows *r, em_error *err)
{
    const ty *schema = ty_struct(pc->arena, r->n_cols, r->fields);
    vec_batch *b = vec_batch_new(r->n_cols, r->n_cols ? r->cols[0]->len : 0);
    for (int i = 0; i < r->n_cols; i++)
        b->cols[i] = r->cols[i];
    return cn_run_answer_batch(op, pc, schema, b, err);
}

/* Added (catalog statements, cn_ddl.h): the answer of a command as a LocalRelation. */
int cn_run_answer_batch(cn_op *op, cn_plan_ctx *pc, const ty *schema, vec_batch *b, em_error *err)
{
    if (!b)
        b = vec_batch_new(0, 0);
    em_str ipc, json;
    em_str_init(&ipc, 0);
    em_str_init(&json, 0);
    ipc_write_opts wo = {.timezone = pc->tz};
    int rc = ipc_encode_stream(schema, b, &wo, &ipc, err);
    vec_batch_free(b);
    if (rc == EM_OK) {
        ty_json(schema, &json);
        Spark__Connect__LocalRelation lr;
        spark__connect__local_relation__init(&lr);
        lr._data_case = SPARK__CONNECT__LOCAL_RELATION___DATA_DATA;
        lr.data.data = (uint8_t *)ipc.data;
        lr.data.len = ipc.len;
        lr._schema_case = SPARK__CONNECT__LOCAL_RELATION___SCHEMA_SCHEMA;
        lr.schema = json.data;
        Spark__Connect__Relation rel = SPARK__CONNECT__RELATION__INIT;
        rel.rel_type_case = SPARK__CONNECT__RELATION__REL_TYPE_LOCAL_RELATION;
        rel.local_relation = &lr;
        Spark__Connect__ExecutePlanResponse resp = SPARK__CONNECT__EXECUTE_PLAN_RESPONSE__INIT;
        Spark__Connect__ExecutePlanResponse__SqlCommandResult res =
            SPARK__CONNECT__EXECUTE_PLAN_RESPONSE__SQL_COMMAND_RESULT__INIT;
        res.relation = &rel;
        resp.response_type_case =
            SPARK__CONNECT__EXECUTE_PLAN_RESPONSE__RESPONSE_TYPE_SQL_COMMAND_RESULT;
        resp.sql_command_result = &res;
        if (cn_emit(op, &resp) || cn_emit_result_complete(op))
            rc = em_error_canceled(err);
    }
    em_str_release(&ipc);
    em_str_release(&json);
    return rc;
}

static void cn_quote_ident(const char *name, char *out, size_t size);

static int cn_cmd_create_view(cn_op *op, cn_plan_ctx *pc, const char *text, const pl_node *cmd,
                              em_error *err)
{
    cn_session *s = op->session;
    const char *name;
    bool global = cmd->u.cmd.global;
    if (cmd->u.cmd.n_parts == 1) {
        name = cmd->u.cmd.parts[0];
    } else if (cmd->u.cmd.n_parts == 2 && global &&
               strcasecmp(cmd->u.cmd.parts[0], "global_temp") == 0) {
        name = cmd->u.cmd.parts[1];
    } else {
        em_str q;
        em_str_init(&q, 1024);
        for (int i = 0; i < cmd->u.cmd.n_parts; i++) {
            char part[600];
            cn_quote_ident(cmd->u.cmd.parts[i], part, sizeof part);
            if (i)
                em_str_putc(&q, '.');
            em_str_puts(&q, part);
        }
        int rc = em_error_set(err, "TEMP_VIEW_NAME_TOO_MANY_NAME_PARTS", "actualName",
                              q.data ? q.data : "", NULL);
        em_str_release(&q);
        return rc;
    }
    /* The view is its query text (and column names), resolved again at each use. */
    char *query = em_arena_strndup(pc->arena, text + cmd->u.cmd.query_start,
                                   (size_t)(cmd->u.cmd.query_stop - cmd->u.cmd.query_start + 1));
    Spark__Connect__SQL sql = SPARK__CONNECT__SQL__INIT;
    sql.query = query;
    Spark__Connect__Relation sql_rel = SPARK__CONNECT__RELATION__INIT;
    sql_rel.rel_type_case = SPARK__CONNECT__RELATION__REL_TYPE_SQL;
    sql_rel.sql = &sql;
    Spark__Connect__ToDF to_df = SPARK__CONNECT__TO_DF__INIT;
    Spark__Connect__Relation df_rel = SPARK__CONNECT__RELATION__INIT;
    Spark__Connect__Relation *view = &sql_rel;
    if (cmd->u.cmd.n_cols > 0) {
        to_df.input = &sql_rel;
        to_df.n_column_names = (size_t)cmd->u.cmd.n_cols;
        to_df.column_names = (char **)cmd->u.cmd.cols;
        df_rel.rel_type_case = SPARK__CONNECT__RELATION__REL_TYPE_TO_DF;
        df_rel.to_df = &to_df;
        view = &df_rel;
    }
    pl_node *resolved = NULL;
    if (cn_plan_resolve(pc, view, &resolved, err))
        return err->code;
    bool exists = global ? cn_global_has_view(s->server, name) : cn_session_has_view(s, name);
    if (exists && !cmd->u.cmd.replace) {
        if (cmd->u.cmd.if_not_exists) {
            cn_cmd_rows r;
            cn_cmd_rows_init(&r, 0, NULL);
            return cn_cmd_answer(op, pc, &r, err);
        }
        char q[600], n[520];
        cn_quote_ident(name, n, sizeof n);
        snprintf(q, sizeof q, "%s%s", global ? "`global_temp`." : "", n);
        return em_error_set(err, "TEMP_TABLE_OR_VIEW_ALREADY_EXISTS", "relationName", q, NULL);
    }
    size_t len;
    uint8_t *bytes = cn_pack(&view->base, &len);
    if (global)
        cn_global_put_view(s->server, name, bytes, len);
    else
        cn_session_put_view(s, name, bytes, len);
    em_free(bytes);
    cn_cmd_rows r;
    cn_cmd_rows_init(&r, 0, NULL);
    return cn_cmd_answer(op, pc, &r, err);
}

static int cn_cmd_drop_view(cn_op *op, cn_plan_ctx *pc, const pl_node *cmd, em_error *err)
{
    cn_session *s = op->session;
    bool dropped = false;
    if (cmd->u.cmd.n_parts == 1)
        dropped = cn_session_drop_view(s, cmd->u.cmd.parts[0]);
    else if (cmd->u.cmd.n_parts == 2 && strcasecmp(cmd->u.cmd.parts[0], "global_temp") == 0)
        dropped = cn_global_drop_view(s->server, cmd->u.cmd.parts[1]);
    if (!dropped) /* Added (catalog): persistent views (cn_ddl.c) */
        return cn_ddl_run(op, pc, NULL, cmd, err);
    if (!dropped && !cmd->u.cmd.if_exists) {
        /* Not a temp view: Spark then looks in the session catalog, where Ember has nothing. */
        em_str q;
        em_str_init(&q, 2048);
        if (cmd->u.cmd.n_parts == 1)
            em_str_puts(&q, "`spark_catalog`.`default`.");
        for (int i = 0; i < cmd->u.cmd.n_parts; i++) {
            char part[600];
            cn_quote_ident(cmd->u.cmd.parts[i], part, sizeof part);
            if (i)
                em_str_putc(&q, '.');
            em_str_puts(&q, part);
        }
        int rc = em_error_set(err, "TABLE_OR_VIEW_NOT_FOUND", "relationName", q.data ? q.data : "",
                              NULL);
        em_str_release(&q);
        return rc;
    }
    cn_cmd_rows r;
    cn_cmd_rows_init(&r, 0, NULL);
    return cn_cmd_answer(op, pc, &r, err);
}

static int cn_cmd_set(cn_op *op, cn_plan_ctx *pc, const pl_node *cmd, em_error *err)
{
    cn_session *s = op->session;
    static const char *const names[2] = {"key", "value"};
    cn_cmd_rows r;
    cn_cmd_rows_init(&r, 2, names);
    const char *key = cmd->u.cmd.key;
    if (cmd->u.cmd.kind == PL_CMD_RESET) {
        if (key) {
            if (cn_conf_unset(&s->conf, key, err))
                goto fail;
        } else {
            cn_conf_entry *e;
            int n = cn_conf_snapshot(&s->conf, &e);
            for (int i = 0; i < n; i++) {
                em_error ignored;
                em_error_clear(&ignored);
                cn_conf_unset(&s->conf, e[i].key, &ignored);
            }
            cn_conf_entries_free(e, n);
            cn_server *srv = s->server;
            for (int i = 0; i < srv->opts.n_confs; i++)
                cn_conf_set_internal(&s->conf, srv->opts.conf_keys[i], srv->opts.conf_values[i]);
        }
        for (int i = 0; i < 2; i++)
            vec_release(r.cols[i]);
        cn_cmd_rows_init(&r, 0, NULL);
        return cn_cmd_answer(op, pc, &r, err);
    }
    if (!key) {
        cn_conf_entry *e;
        int n = cn_conf_snapshot(&s->conf, &e);
        for (int i = 0; i < n; i++)
            cn_cmd_rows_add(&r, e[i].key, e[i].value);
        cn_conf_entries_free(e, n);
    } else if (cmd->u.cmd.value) {
        const char *warning = NULL;
        if (cn_conf_set(&s->conf, key, cmd->u.cmd.value, &warning, err))
            goto fail;
        char *v = cn_conf_get_option(&s->conf, key);
        cn_cmd_rows_add(&r, key, v ? v : cmd->u.cmd.value);
        em_free(v);
    } else {
        char *v = cn_conf_get_option(&s->conf, key);
        cn_cmd_rows_add(&r, key, v ? v : "<undefined>");
        em_free(v);
    }
    return cn_cmd_answer(op, pc, &r, err);
fail:
    for (int i = 0; i < r.n_cols; i++)
        vec_release(r.cols[i]);
    return err->code;
}

/* SET TIME ZONE LOCAL: the server's own zone — its startup conf, else TZ, else Etc/UTC (the
   zone a session without the setting runs in). Returned in the plan arena. */
static const char *cn_cmd_local_zone(cn_op *op, cn_plan_ctx *pc)
{
    cn_server *srv = op->session->server;
    for (int i = 0; i < srv->opts.n_confs; i++)
        if (strcmp(srv->opts.conf_keys[i], "spark.sql.session.timeZone") == 0)
            return em_arena_strdup(pc->arena, srv->opts.conf_values[i]);
    const char *tz = getenv("TZ");
    if (tz && *tz == ':')
        tz++;
    return em_arena_strdup(pc->arena, tz && *tz ? tz : "Etc/UTC");
}

/* EXPLAIN [mode] query: one row, one `plan` string column holding the text AnalyzePlan's
   explain gives for the same mode (pl_explain_optimized). */
static int cn_cmd_explain(cn_op *op, cn_plan_ctx *pc, const char *text, const pl_node *cmd,
                          em_error *err)
{
    /* A second parse shows the unresolved tree: an_resolve may reuse the nodes it is given. */
    pl_node *again = NULL;
    if (sql_parse_statement(text, pc->arena, &again, err))
        return err->code;
    pl_node *resolved = NULL;
    if (an_resolve(&pc->env, pc->arena, cmd->children[0], &resolved, err))
        return err->code;
    pl_node *optimized = resolved;
    if (cn_plan_optimize(pc, &optimized, err))
        return err->code;
    em_str plan;
    em_str_init(&plan, 0);
    pl_explain_optimized(again && again->n_children ? again->children[0] : NULL, resolved,
                         optimized, cmd->u.cmd.sub, &plan);
    static const char *const names[1] = {"plan"};
    cn_cmd_rows r;
    cn_cmd_rows_init(&r, 1, names);
    cn_cmd_rows_add(&r, plan.data ? plan.data : "", NULL);
    em_str_release(&plan);
    return cn_cmd_answer(op, pc, &r, err);
}

/* Runs text as a command if it parses to one; returns -1 when it was not a command. */
static int cn_try_command(cn_op *op, cn_plan_ctx *pc, const char *text, em_error *err)
{
    em_error perr;
    em_error_clear(&perr);
    pl_node *stmt = NULL;
    if (sql_parse_statement(text, pc->arena, &stmt, &perr) || !stmt || stmt->kind != PL_COMMAND)
        return -1; /* queries and parse errors take the normal path (which reports the error) */
    switch (stmt->u.cmd.kind) {
    case PL_CMD_CREATE_TEMP_VIEW:
        return cn_cmd_create_view(op, pc, text, stmt, err);
    case PL_CMD_DROP_VIEW:
        return cn_cmd_drop_view(op, pc, stmt, err);
    case PL_CMD_SET:
        if (stmt->u.cmd.local_zone)
            stmt->u.cmd.value = cn_cmd_local_zone(op, pc);
        return cn_cmd_set(op, pc, stmt, err);
    case PL_CMD_RESET:
        return cn_cmd_set(op, pc, stmt, err);
    case PL_CMD_EXPLAIN:
        return cn_cmd_explain(op, pc, text, stmt, err);
    default: /* catalog statements (cn_ddl.c) */
        return cn_ddl_run(op, pc, text, stmt, err);
    }
}

/* spark.sql(): analyze the statement eagerly, then hand the relation back to the client. */
static int cn_run_sql_command(cn_op *op, cn_plan_ctx *pc, const Spark__Connect__SqlCommand *sc,
                              em_error *err)
{
    Spark__Connect__Relation *input = sc->input;
    Spark__Connect__Relation built = SPARK__CONNECT__RELATION__INIT;
    Spark__Connect__SQL sql = SPARK__CONNECT__SQL__INIT;
    if (!input) {
        /* 3.5 clients: sql_command{sql, args, pos_args} */
        sql.query = sc->sql;
        sql.n_args = sc->n_args;
        sql.args = (Spark__Connect__SQL__ArgsEntry **)sc->args;
        sql.n_pos_args = sc->n_pos_args;
        sql.pos_args = sc->pos_args;
        sql.n_named_arguments = sc->n_named_arguments;
        sql.named_arguments = (Spark__Connect__SQL__NamedArgumentsEntry **)sc->named_arguments;
        sql.n_pos_arguments = sc->n_pos_arguments;
        sql.pos_arguments = sc->pos_arguments;
        built.rel_type_case = SPARK__CONNECT__RELATION__REL_TYPE_SQL;
        built.sql = &sql;
        input = &built;
    }
    if (input->rel_type_case == SPARK__CONNECT__RELATION__REL_TYPE_SQL && input->sql &&
        input->sql->query) {
        int rc = cn_try_command(op, pc, input->sql->query, err);
        if (rc != -1)
            return rc;
    }
    pl_node *resolved = NULL;
    if (cn_plan_resolve(pc, input, &resolved, err))
        return err->code;
    Spark__Connect__ExecutePlanResponse resp = SPARK__CONNECT__EXECUTE_PLAN_RESPONSE__INIT;
    Spark__Connect__ExecutePlanResponse__SqlCommandResult res =
        SPARK__CONNECT__EXECUTE_PLAN_RESPONSE__SQL_COMMAND_RESULT__INIT;
    res.relation = input;
    resp.response_type_case =
        SPARK__CONNECT__EXECUTE_PLAN_RESPONSE__RESPONSE_TYPE_SQL_COMMAND_RESULT;
    resp.sql_command_result = &res;
    if (cn_emit(op, &resp))
        return em_error_canceled(err);
    if (cn_emit_result_complete(op))
        return em_error_canceled(err);
    return EM_OK;
}

static void cn_quote_ident(const char *name, char *out, size_t size)
{
    em_str s;
    em_str_init(&s, size);
    em_str_putc(&s, '`');
    for (const char *p = name; *p; p++) {
        if (*p == '`')
            em_str_putc(&s, '`');
        em_str_putc(&s, *p);
    }
    em_str_putc(&s, '`');
    snprintf(out, size, "%s", s.data ? s.data : "``");
    em_str_release(&s);
}

static int cn_run_create_view(cn_op *op, cn_plan_ctx *pc,
                              const Spark__Connect__CreateDataFrameViewCommand *cv, em_error *err)
{
    if (!cv->input || !cv->name || !cv->name[0])
        return em_error_internal(err, "CreateDataFrameViewCommand without input or name");
    pl_node *resolved = NULL;
    if (cn_plan_resolve(pc, cv->input, &resolved, err))
        return err->code;
    cn_session *s = op->session;
    bool exists =
        cv->is_global ? cn_global_has_view(s->server, cv->name) : cn_session_has_view(s, cv->name);
    if (exists && !cv->replace) {
        char q[600];
        if (cv->is_global) {
            char n[520];
            cn_quote_ident(cv->name, n, sizeof n);
            snprintf(q, sizeof q, "`global_temp`.%s", n);
        } else {
            cn_quote_ident(cv->name, q, sizeof q);
        }
        return em_error_set(err, "TEMP_TABLE_OR_VIEW_ALREADY_EXISTS", "relationName", q, NULL);
    }
    size_t len;
    uint8_t *bytes = cn_pack(&cv->input->base, &len);
    if (cv->is_global)
        cn_global_put_view(s->server, cv->name, bytes, len);
    else
        cn_session_put_view(s, cv->name, bytes, len);
    em_free(bytes);
    if (cn_emit_result_complete(op))
        return em_error_canceled(err);
    return EM_OK;
}

static const char *cn_command_name(const Spark__Connect__Command *cmd)
{
    const ProtobufCFieldDescriptor *f = protobuf_c_message_descriptor_get_field(
        &spark__connect__command__descriptor, (unsigned)cmd->command_type_case);
    return f ? f->name : "unknown";
}

static int cn_run_command(cn_op *op, cn_plan_ctx *pc, const Spark__Connect__Command *cmd,
                          em_error *err)
{
    switch (cmd->command_type_case) {
    case SPARK__CONNECT__COMMAND__COMMAND_TYPE_SQL_COMMAND:
        return cn_run_sql_command(op, pc, cmd->sql_command, err);
    case SPARK__CONNECT__COMMAND__COMMAND_TYPE_CREATE_DATAFRAME_VIEW:
        return cn_run_create_view(op, pc, cmd->create_dataframe_view, err);
    case SPARK__CONNECT__COMMAND__COMMAND_TYPE_WRITE_OPERATION: /* cn_write.c */
        return cn_write_operation(op, pc, cmd->write_operation, err);
    case SPARK__CONNECT__COMMAND__COMMAND_TYPE_WRITE_OPERATION_V2:
        return cn_write_operation_v2(op, pc, cmd->write_operation_v2, err);
    default: {
        char feature[128];
        snprintf(feature, sizeof feature, "Command.%s", cn_command_name(cmd));
        return em_error_set(err, "UNSUPPORTED_FEATURE.NOT_IMPLEMENTED", "feature", feature, NULL);
    }
    }
}

/* Plan.compressed_operation: zstd of a serialized Relation or Command. */
static uint8_t *cn_decompress(const Spark__Connect__Plan__CompressedOperation *co, size_t *out_len,
                              em_error *err)
{
    if (co->compression_codec != SPARK__CONNECT__COMPRESSION_CODEC__COMPRESSION_CODEC_ZSTD) {
        em_error_set(err, "CONNECT_INVALID_PLAN.CANNOT_PARSE", "errorMsg",
                     "unsupported compression codec", NULL);
        return NULL;
    }
    unsigned long long size = ZSTD_getFrameContentSize(co->data.data, co->data.len);
    if (size == ZSTD_CONTENTSIZE_ERROR) {
        em_error_set(err, "CONNECT_INVALID_PLAN.CANNOT_PARSE", "errorMsg", "not a zstd frame",
                     NULL);
        return NULL;
    }
    size_t cap = size == ZSTD_CONTENTSIZE_UNKNOWN ? (1u << 20) : (size_t)size;
    if (size != ZSTD_CONTENTSIZE_UNKNOWN && size > CN_MAX_DECOMPRESSED) {
        char msg[128];
        snprintf(msg, sizeof msg, "%llu", size);
        em_error_set(err, "CONNECT_INVALID_PLAN.PLAN_SIZE_LARGER_THAN_MAX", "planSize", msg,
                     "maxPlanSize", "134217728", NULL);
        return NULL;
    }
    /* Stream-decompress with a hard cap so a bomb cannot exhaust memory. */
    ZSTD_DStream *ds = ZSTD_createDStream();
    ZSTD_initDStream(ds);
    uint8_t *buf = em_malloc(cap ? cap : 1);
    ZSTD_inBuffer in = {co->data.data, co->data.len, 0};
    ZSTD_outBuffer outb = {buf, cap, 0};
    for (;;) {
        size_t r = ZSTD_decompressStream(ds, &outb, &in);
        if (ZSTD_isError(r)) {
            em_error_set(err, "CONNECT_INVALID_PLAN.CANNOT_PARSE", "errorMsg", ZSTD_getErrorName(r),
                         NULL);
            em_free(buf);
            buf = NULL;
            break;
        }
        if (r == 0 && in.pos == in.size)
            break;
        if (outb.pos == outb.size) {
            if (outb.size >= CN_MAX_DECOMPRESSED) {
                em_error_set(err, "CONNECT_INVALID_PLAN.PLAN_SIZE_LARGER_THAN_MAX", "planSize",
                             "more than 134217728", "maxPlanSize", "134217728", NULL);
                em_free(buf);
                buf = NULL;
                break;
            }
            outb.size *= 2;
            buf = em_realloc(buf, outb.size);
            outb.dst = buf;
        } else if (in.pos == in.size && r != 0) {
            em_error_set(err, "CONNECT_INVALID_PLAN.CANNOT_PARSE", "errorMsg",
                         "truncated zstd frame", NULL);
            em_free(buf);
            buf = NULL;
            break;
        }
    }
    ZSTD_freeDStream(ds);
    *out_len = outb.pos;
    return buf;
}

void cn_run_operation(cn_op *op)
{
    em_error err;
    em_error_clear(&err);
    em_arena arena;
    em_arena_init(&arena, 0);
    cn_plan_ctx pc;
    cn_plan_ctx_init(&pc, op->session, &arena);

    Spark__Connect__Plan *plan = (Spark__Connect__Plan *)cn_unpack(
        &spark__connect__plan__descriptor, op->plan_bytes, op->plan_len, &err);
    if (plan) {
        switch (plan->op_type_case) {
        case SPARK__CONNECT__PLAN__OP_TYPE_ROOT:
            cn_run_relation(op, &pc, plan->root, &err);
            break;
        case SPARK__CONNECT__PLAN__OP_TYPE_COMMAND:
            cn_run_command(op, &pc, plan->command, &err);
            break;
        case SPARK__CONNECT__PLAN__OP_TYPE_COMPRESSED_OPERATION: {
            size_t len = 0;
            uint8_t *raw = cn_decompress(plan->compressed_operation, &len, &err);
            if (!raw)
                break;
            if (plan->compressed_operation->op_type ==
                SPARK__CONNECT__PLAN__COMPRESSED_OPERATION__OP_TYPE__OP_TYPE_RELATION) {
                Spark__Connect__Relation *rel = (Spark__Connect__Relation *)cn_unpack(
                    &spark__connect__relation__descriptor, raw, len, &err);
                if (rel) {
                    cn_run_relation(op, &pc, rel, &err);
                    protobuf_c_message_free_unpacked(&rel->base, NULL);
                }
            } else if (plan->compressed_operation->op_type ==
                       SPARK__CONNECT__PLAN__COMPRESSED_OPERATION__OP_TYPE__OP_TYPE_COMMAND) {
                Spark__Connect__Command *cmd = (Spark__Connect__Command *)cn_unpack(
                    &spark__connect__command__descriptor, raw, len, &err);
                if (cmd) {
                    cn_run_command(op, &pc, cmd, &err);
                    protobuf_c_message_free_unpacked(&cmd->base, NULL);
                }
            } else {
                em_error_set(&err, "CONNECT_INVALID_PLAN.CANNOT_PARSE", "errorMsg",
                             "unknown compressed operation type", NULL);
            }
            em_free(raw);
            break;
        }
        default:
            em_error_set(&err, "UNSUPPORTED_FEATURE.NOT_IMPLEMENTED", "feature",
                         "a Plan without root, command or compressed_operation", NULL);
        }
        protobuf_c_message_free_unpacked(&plan->base, NULL);
    }
    /* An interrupt that lands after the run completed (e.g. a client's ReleaseExecute
       (release_all) sent as soon as it saw result_complete) changes nothing: the operation
       succeeded. One that made the run fail reports OPERATION_CANCELED, whatever the failure
       looked like from inside. */
    pthread_mutex_lock(&op->mu);
    bool interrupted = op->interrupted;
    pthread_mutex_unlock(&op->mu);
    if (interrupted && em_error_is_set(&err) &&
        strcmp(err.error_class, "OPERATION_CANCELED") != 0) {
        em_error_clear(&err);
        em_error_canceled(&err);
    }
    if (em_error_is_set(&err) && err.code == EM_EINTERNAL)
        EM_LOG_WARN("operation %s failed: [%s] %s", op->op_id, err.error_class, err.message);
    cn_op_finish(op, em_error_is_set(&err) ? &err : NULL);
    em_arena_release(&arena);
}
