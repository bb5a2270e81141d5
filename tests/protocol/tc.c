/*
 * tc: Spark Connect test client helpers (see tc.h). Built messages are tracked in a list and
 * freed together by tc_free_all, so tests stay short.
 */
#include "tc.h"

#include "common/em_mem.h"
#include "google/rpc/error_details.pb-c.h"
#include "google/rpc/status.pb-c.h"

#include <stdio.h>
#include <string.h>

static void **tc_allocs;
static size_t tc_n_allocs, tc_cap_allocs;

static void *tc_alloc(size_t size)
{
    void *p = em_calloc(1, size);
    if (tc_n_allocs == tc_cap_allocs) {
        tc_cap_allocs = tc_cap_allocs ? tc_cap_allocs * 2 : 64;
        tc_allocs = em_realloc(tc_allocs, tc_cap_allocs * sizeof *tc_allocs);
    }
    tc_allocs[tc_n_allocs++] = p;
    return p;
}

char *tc_strdup(const char *s)
{
    size_t n = strlen(s);
    char *p = tc_alloc(n + 1);
    memcpy(p, s, n);
    return p;
}

void tc_free_all(void)
{
    for (size_t i = 0; i < tc_n_allocs; i++)
        em_free(tc_allocs[i]);
    em_free(tc_allocs);
    tc_allocs = NULL;
    tc_n_allocs = tc_cap_allocs = 0;
}

void tc_status_from_wire(const wire_status *ws, tc_status *st)
{
    memset(st, 0, sizeof *st);
    st->code = ws->code;
    snprintf(st->message, sizeof st->message, "%s", ws->message ? ws->message : "");
    if (!ws->details || !ws->details_len)
        return;
    Google__Rpc__Status *s = google__rpc__status__unpack(NULL, ws->details_len, ws->details);
    if (!s)
        return;
    for (size_t i = 0; i < s->n_details; i++) {
        Google__Protobuf__Any *any = s->details[i];
        if (!any->type_url || !strstr(any->type_url, "google.rpc.ErrorInfo"))
            continue;
        Google__Rpc__ErrorInfo *info =
            google__rpc__error_info__unpack(NULL, any->value.len, any->value.data);
        if (!info)
            continue;
        snprintf(st->reason, sizeof st->reason, "%s", info->reason);
        for (size_t k = 0; k < info->n_metadata; k++) {
            const char *key = info->metadata[k]->key, *v = info->metadata[k]->value;
            if (strcmp(key, "errorClass") == 0)
                snprintf(st->error_class, sizeof st->error_class, "%s", v);
            else if (strcmp(key, "sqlState") == 0)
                snprintf(st->sqlstate, sizeof st->sqlstate, "%s", v);
            else if (strcmp(key, "errorId") == 0)
                snprintf(st->error_id, sizeof st->error_id, "%s", v);
        }
        google__rpc__error_info__free_unpacked(info, NULL);
    }
    google__rpc__status__free_unpacked(s, NULL);
}

int tc_unary(wire_channel *ch, const char *method, const ProtobufCMessage *req,
             const ProtobufCMessageDescriptor *resp_desc, ProtobufCMessage **resp, tc_status *st)
{
    char path[128];
    snprintf(path, sizeof path, TC_SVC "%s", method);
    size_t len = protobuf_c_message_get_packed_size(req);
    uint8_t *buf = em_malloc(len ? len : 1);
    protobuf_c_message_pack(req, buf);
    uint8_t *out = NULL;
    size_t out_len = 0;
    wire_status ws = {0};
    int rc = wire_unary(ch, path, buf, len, NULL, 0, 30000, &out, &out_len, &ws);
    em_free(buf);
    tc_status_from_wire(&ws, st);
    wire_status_release(&ws);
    *resp = NULL;
    if (rc == 0 && st->code == 0 && resp_desc)
        *resp = protobuf_c_message_unpack(resp_desc, NULL, out_len, out);
    em_free(out);
    return rc;
}

static void tc_exec_add(tc_exec *out, const uint8_t *msg, size_t len)
{
    Spark__Connect__ExecutePlanResponse *r =
        spark__connect__execute_plan_response__unpack(NULL, len, msg);
    if (!r)
        return;
    out->resp = em_realloc(out->resp, (size_t)(out->n + 1) * sizeof *out->resp);
    out->resp[out->n++] = r;
    if (r->response_type_case ==
        SPARK__CONNECT__EXECUTE_PLAN_RESPONSE__RESPONSE_TYPE_RESULT_COMPLETE)
        out->result_complete = true;
    if (r->response_type_case == SPARK__CONNECT__EXECUTE_PLAN_RESPONSE__RESPONSE_TYPE_ARROW_BATCH)
        out->rows += r->arrow_batch->row_count;
}

static void tc_stream(wire_channel *ch, const char *method, const ProtobufCMessage *req,
                      int max_responses, tc_exec *out)
{
    char path[128];
    snprintf(path, sizeof path, TC_SVC "%s", method);
    size_t len = protobuf_c_message_get_packed_size(req);
    uint8_t *buf = em_malloc(len ? len : 1);
    protobuf_c_message_pack(req, buf);
    em_error err;
    em_error_clear(&err);
    wire_stream *s = wire_stream_start(ch, path, buf, len, NULL, 0, &err);
    em_free(buf);
    if (!s) {
        out->st.code = -1;
        return;
    }
    int got = 0;
    for (;;) {
        uint8_t *msg;
        size_t mlen;
        int r = wire_stream_next(s, &msg, &mlen);
        if (r <= 0)
            break;
        tc_exec_add(out, msg, mlen);
        em_free(msg);
        if (max_responses > 0 && ++got >= max_responses) {
            wire_stream_cancel(s);
            /* drain to the end status */
            while (wire_stream_next(s, &msg, &mlen) > 0)
                em_free(msg);
            break;
        }
    }
    tc_status_from_wire(wire_stream_status(s), &out->st);
    wire_stream_free(s);
}

void tc_execute(wire_channel *ch, Spark__Connect__ExecutePlanRequest *req, int max_responses,
                tc_exec *out)
{
    memset(out, 0, sizeof *out);
    tc_stream(ch, "ExecutePlan", &req->base, max_responses, out);
}

void tc_reattach(wire_channel *ch, Spark__Connect__ReattachExecuteRequest *req, tc_exec *out)
{
    memset(out, 0, sizeof *out);
    tc_stream(ch, "ReattachExecute", &req->base, 0, out);
}

void tc_exec_free(tc_exec *e)
{
    for (int i = 0; i < e->n; i++)
        spark__connect__execute_plan_response__free_unpacked(e->resp[i], NULL);
    em_free(e->resp);
    memset(e, 0, sizeof *e);
}

Spark__Connect__Relation *tc_range(int64_t start, int64_t end, int64_t step)
{
    Spark__Connect__Range *r = tc_alloc(sizeof *r);
    spark__connect__range__init(r);
    r->_start_case = SPARK__CONNECT__RANGE___START_START;
    r->start = start;
    r->end = end;
    r->step = step;
    Spark__Connect__Relation *rel = tc_alloc(sizeof *rel);
    spark__connect__relation__init(rel);
    rel->rel_type_case = SPARK__CONNECT__RELATION__REL_TYPE_RANGE;
    rel->range = r;
    return rel;
}

Spark__Connect__Relation *tc_sql(const char *query)
{
    Spark__Connect__SQL *s = tc_alloc(sizeof *s);
    spark__connect__sql__init(s);
    s->query = tc_strdup(query);
    Spark__Connect__Relation *rel = tc_alloc(sizeof *rel);
    spark__connect__relation__init(rel);
    rel->rel_type_case = SPARK__CONNECT__RELATION__REL_TYPE_SQL;
    rel->sql = s;
    return rel;
}

Spark__Connect__Relation *tc_project(Spark__Connect__Relation *in, int n,
                                     Spark__Connect__Expression **exprs)
{
    Spark__Connect__Project *p = tc_alloc(sizeof *p);
    spark__connect__project__init(p);
    p->input = in;
    p->n_expressions = (size_t)n;
    p->expressions = tc_alloc(sizeof(void *) * (size_t)(n ? n : 1));
    for (int i = 0; i < n; i++)
        p->expressions[i] = exprs[i];
    Spark__Connect__Relation *rel = tc_alloc(sizeof *rel);
    spark__connect__relation__init(rel);
    rel->rel_type_case = SPARK__CONNECT__RELATION__REL_TYPE_PROJECT;
    rel->project = p;
    return rel;
}

Spark__Connect__Relation *tc_filter_str(Spark__Connect__Relation *in, const char *cond)
{
    Spark__Connect__Expression__ExpressionString *es = tc_alloc(sizeof *es);
    spark__connect__expression__expression_string__init(es);
    es->expression = tc_strdup(cond);
    Spark__Connect__Expression *e = tc_alloc(sizeof *e);
    spark__connect__expression__init(e);
    e->expr_type_case = SPARK__CONNECT__EXPRESSION__EXPR_TYPE_EXPRESSION_STRING;
    e->expression_string = es;
    Spark__Connect__Filter *f = tc_alloc(sizeof *f);
    spark__connect__filter__init(f);
    f->input = in;
    f->condition = e;
    Spark__Connect__Relation *rel = tc_alloc(sizeof *rel);
    spark__connect__relation__init(rel);
    rel->rel_type_case = SPARK__CONNECT__RELATION__REL_TYPE_FILTER;
    rel->filter = f;
    return rel;
}

Spark__Connect__Relation *tc_limit(Spark__Connect__Relation *in, int32_t n)
{
    Spark__Connect__Limit *l = tc_alloc(sizeof *l);
    spark__connect__limit__init(l);
    l->input = in;
    l->limit = n;
    Spark__Connect__Relation *rel = tc_alloc(sizeof *rel);
    spark__connect__relation__init(rel);
    rel->rel_type_case = SPARK__CONNECT__RELATION__REL_TYPE_LIMIT;
    rel->limit = l;
    return rel;
}

Spark__Connect__Expression *tc_col(const char *name)
{
    Spark__Connect__Expression__UnresolvedAttribute *a = tc_alloc(sizeof *a);
    spark__connect__expression__unresolved_attribute__init(a);
    a->unparsed_identifier = tc_strdup(name);
    Spark__Connect__Expression *e = tc_alloc(sizeof *e);
    spark__connect__expression__init(e);
    e->expr_type_case = SPARK__CONNECT__EXPRESSION__EXPR_TYPE_UNRESOLVED_ATTRIBUTE;
    e->unresolved_attribute = a;
    return e;
}

Spark__Connect__Expression *tc_lit_int(int32_t v)
{
    Spark__Connect__Expression__Literal *l = tc_alloc(sizeof *l);
    spark__connect__expression__literal__init(l);
    l->literal_type_case = SPARK__CONNECT__EXPRESSION__LITERAL__LITERAL_TYPE_INTEGER;
    l->integer = v;
    Spark__Connect__Expression *e = tc_alloc(sizeof *e);
    spark__connect__expression__init(e);
    e->expr_type_case = SPARK__CONNECT__EXPRESSION__EXPR_TYPE_LITERAL;
    e->literal = l;
    return e;
}

Spark__Connect__Expression *tc_lit_str(const char *s)
{
    Spark__Connect__Expression__Literal *l = tc_alloc(sizeof *l);
    spark__connect__expression__literal__init(l);
    l->literal_type_case = SPARK__CONNECT__EXPRESSION__LITERAL__LITERAL_TYPE_STRING;
    l->string = tc_strdup(s);
    Spark__Connect__Expression *e = tc_alloc(sizeof *e);
    spark__connect__expression__init(e);
    e->expr_type_case = SPARK__CONNECT__EXPRESSION__EXPR_TYPE_LITERAL;
    e->literal = l;
    return e;
}

Spark__Connect__Expression *tc_fn(const char *name, int n, Spark__Connect__Expression **args)
{
    Spark__Connect__Expression__UnresolvedFunction *f = tc_alloc(sizeof *f);
    spark__connect__expression__unresolved_function__init(f);
    f->function_name = tc_strdup(name);
    f->n_arguments = (size_t)n;
    f->arguments = tc_alloc(sizeof(void *) * (size_t)(n ? n : 1));
    for (int i = 0; i < n; i++)
        f->arguments[i] = args[i];
    Spark__Connect__Expression *e = tc_alloc(sizeof *e);
    spark__connect__expression__init(e);
    e->expr_type_case = SPARK__CONNECT__EXPRESSION__EXPR_TYPE_UNRESOLVED_FUNCTION;
    e->unresolved_function = f;
    return e;
}

Spark__Connect__Expression *tc_cast_str(Spark__Connect__Expression *in, const char *type)
{
    Spark__Connect__Expression__Cast *c = tc_alloc(sizeof *c);
    spark__connect__expression__cast__init(c);
    c->expr = in;
    c->cast_to_type_case = SPARK__CONNECT__EXPRESSION__CAST__CAST_TO_TYPE_TYPE_STR;
    c->type_str = tc_strdup(type);
    Spark__Connect__Expression *e = tc_alloc(sizeof *e);
    spark__connect__expression__init(e);
    e->expr_type_case = SPARK__CONNECT__EXPRESSION__EXPR_TYPE_CAST;
    e->cast = c;
    return e;
}

Spark__Connect__Plan *tc_plan_root(Spark__Connect__Relation *rel)
{
    Spark__Connect__Plan *p = tc_alloc(sizeof *p);
    spark__connect__plan__init(p);
    p->op_type_case = SPARK__CONNECT__PLAN__OP_TYPE_ROOT;
    p->root = rel;
    return p;
}

Spark__Connect__ExecutePlanRequest *tc_exec_req(const char *session_id, Spark__Connect__Plan *p,
                                                const char *op_id, bool reattachable)
{
    Spark__Connect__ExecutePlanRequest *r = tc_alloc(sizeof *r);
    spark__connect__execute_plan_request__init(r);
    r->session_id = tc_strdup(session_id);
    Spark__Connect__UserContext *u = tc_alloc(sizeof *u);
    spark__connect__user_context__init(u);
    u->user_id = tc_strdup("tester");
    r->user_context = u;
    r->plan = p;
    if (op_id) {
        r->_operation_id_case = SPARK__CONNECT__EXECUTE_PLAN_REQUEST___OPERATION_ID_OPERATION_ID;
        r->operation_id = tc_strdup(op_id);
    }
    if (reattachable) {
        Spark__Connect__ReattachOptions *ro = tc_alloc(sizeof *ro);
        spark__connect__reattach_options__init(ro);
        ro->reattachable = true;
        Spark__Connect__ExecutePlanRequest__RequestOption *o = tc_alloc(sizeof *o);
        spark__connect__execute_plan_request__request_option__init(o);
        o->request_option_case =
            SPARK__CONNECT__EXECUTE_PLAN_REQUEST__REQUEST_OPTION__REQUEST_OPTION_REATTACH_OPTIONS;
        o->reattach_options = ro;
        r->n_request_options = 1;
        r->request_options = tc_alloc(sizeof(void *));
        r->request_options[0] = o;
    }
    r->_client_type_case = SPARK__CONNECT__EXECUTE_PLAN_REQUEST___CLIENT_TYPE_CLIENT_TYPE;
    r->client_type = tc_strdup("ember-protocol-test spark/4.1.0");
    return r;
}
