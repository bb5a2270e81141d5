/*
 * cn_analyze: the AnalyzePlan handler — schema, explain, tree_string, is_local, is_streaming,
 * input_files, spark_version, ddl_parse, same_semantics, semantic_hash, persist, unpersist,
 * get_storage_level, json_to_ddl.
 *
 * same_semantics / semantic_hash / the persist registry compare plans by their canonical form:
 * the Relation message with every RelationCommon (plan ids, origins) removed, serialized.
 * Persist records the storage level per canonical plan; Ember does not cache data yet, so
 * persisting changes nothing but what get_storage_level reports.
 */
#include "connect/cn_int.h"

#include "common/em_version.h"
#include "common/em_mem.h"
#include "common/em_str.h"
#include "connect/cn_plan.h"
#include "plan/pl_print.h"
#include "spark/connect/base.pb-c.h"
#include "io/source.h"
#include "sql/sql.h"

#include <stdio.h>
#include <string.h>

/* Clears RelationCommon / Expression common sub-messages in place, recursively. */
static void cn_strip_common(ProtobufCMessage *m, int depth)
{
    if (!m || depth > 2000)
        return;
    const ProtobufCMessageDescriptor *d = m->descriptor;
    for (unsigned i = 0; i < d->n_fields; i++) {
        const ProtobufCFieldDescriptor *f = &d->fields[i];
        if (f->type != PROTOBUF_C_TYPE_MESSAGE)
            continue;
        char *base = (char *)m;
        if (f->flags & PROTOBUF_C_FIELD_FLAG_ONEOF) {
            uint32_t which = *(const uint32_t *)(base + f->quantifier_offset);
            if (which != f->id)
                continue;
        }
        if (f->label == PROTOBUF_C_LABEL_REPEATED) {
            size_t n = *(size_t *)(base + f->quantifier_offset);
            ProtobufCMessage **arr = *(ProtobufCMessage ***)(base + f->offset);
            for (size_t k = 0; k < n; k++)
                cn_strip_common(arr[k], depth + 1);
            continue;
        }
        ProtobufCMessage **slot = (ProtobufCMessage **)(base + f->offset);
        if (!*slot)
            continue;
        if (strcmp(f->name, "common") == 0) {
            /* detach: freed by the caller's free_unpacked? no — free it here */
            protobuf_c_message_free_unpacked(*slot, NULL);
            *slot = NULL;
            continue;
        }
        cn_strip_common(*slot, depth + 1);
    }
}

/* Canonical bytes of a relation (caller em_free's). */
static uint8_t *cn_canonical(const Spark__Connect__Relation *rel, size_t *len)
{
    size_t n;
    uint8_t *bytes = cn_pack(&rel->base, &n);
    ProtobufCMessage *copy =
        protobuf_c_message_unpack(&spark__connect__relation__descriptor, NULL, n, bytes);
    em_free(bytes);
    if (!copy) {
        *len = 0;
        return em_malloc(1);
    }
    cn_strip_common(copy, 0);
    bytes = cn_pack(copy, len);
    protobuf_c_message_free_unpacked(copy, NULL);
    return bytes;
}

static int32_t cn_hash32(const uint8_t *p, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) {
        h ^= p[i];
        h *= 16777619u;
    }
    return (int32_t)h;
}

/* Dataset.inputFiles: the files every file-source scan of the plan reads (distinct). */
static void cn_input_files(const pl_node *n, em_arena *a, char ***files, size_t *n_files,
                           size_t *cap, int depth)
{
    if (!n || depth > 4096)
        return;
    if (n->kind == PL_READ_SOURCE && n->u.read.source) {
        const io_source *src = n->u.read.source;
        int k = io_source_num_files(src);
        for (int i = 0; i < k; i++) {
            const char *uri = io_source_file_uri(src, i);
            bool seen = false;
            for (size_t j = 0; j < *n_files && !seen; j++)
                seen = strcmp((*files)[j], uri) == 0;
            if (seen)
                continue;
            if (*n_files == *cap) {
                size_t ncap = *cap ? *cap * 2 : 16;
                char **more = em_arena_calloc(a, ncap, sizeof *more);
                if (*n_files)
                    memcpy(more, *files, *n_files * sizeof *more);
                *files = more;
                *cap = ncap;
            }
            (*files)[(*n_files)++] = em_arena_strdup(a, uri);
        }
    }
    for (int i = 0; i < n->n_children; i++)
        cn_input_files(n->children[i], a, files, n_files, cap, depth + 1);
}

/* StructType.toDDL: "a INT NOT NULL,b STRING" (field comments not kept yet). */
static void cn_to_ddl(const ty *t, em_str *out)
{
    if (t->kind != TY_STRUCT) {
        ty_sql(t, out);
        return;
    }
    for (int i = 0; i < t->n_fields; i++) {
        if (i)
            em_str_putc(out, ',');
        const char *n = t->fields[i].name;
        bool plain = n[0] != '\0';
        for (const char *p = n; *p; p++)
            if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
                  (*p >= '0' && *p <= '9') || *p == '_'))
                plain = false;
        if (plain) {
            em_str_puts(out, n);
        } else {
            em_str_putc(out, '`');
            for (const char *p = n; *p; p++) {
                if (*p == '`')
                    em_str_putc(out, '`');
                em_str_putc(out, *p);
            }
            em_str_putc(out, '`');
        }
        em_str_putc(out, ' ');
        ty_sql(t->fields[i].type, out);
        if (!t->fields[i].nullable)
            em_str_puts(out, " NOT NULL");
    }
}

static const ty *cn_root_schema(cn_plan_ctx *pc, const Spark__Connect__Plan *plan,
                                pl_node **resolved, em_error *err)
{
    if (!plan || plan->op_type_case != SPARK__CONNECT__PLAN__OP_TYPE_ROOT) {
        em_error_set(err, "UNSUPPORTED_FEATURE.NOT_IMPLEMENTED", "feature",
                     "AnalyzePlan of a plan without a root relation", NULL);
        return NULL;
    }
    if (cn_plan_resolve(pc, plan->root, resolved, err))
        return NULL;
    return cn_plan_schema(pc, *resolved);
}

static int cn_explain(cn_plan_ctx *pc, const Spark__Connect__Plan *plan, int mode, em_str *out,
                      em_error *err)
{
    if (!plan || plan->op_type_case != SPARK__CONNECT__PLAN__OP_TYPE_ROOT)
        return em_error_set(err, "UNSUPPORTED_FEATURE.NOT_IMPLEMENTED", "feature",
                            "explain of a plan without a root relation", NULL);
    pl_node *parsed = NULL, *resolved = NULL;
    if (cn_plan_translate(pc, plan->root, &parsed, err))
        return err->code;
    /* Translation must be redone: an_resolve may reuse the unresolved nodes. */
    pl_node *parsed_again = NULL;
    if (cn_plan_translate(pc, plan->root, &parsed_again, err))
        return err->code;
    if (an_resolve(&pc->env, pc->arena, parsed_again, &resolved, err))
        return err->code;
    pl_node *optimized = resolved; /* what runs (cn_optimize.c) */
    if (cn_plan_optimize(pc, &optimized, err))
        return err->code;
    pl_explain_optimized(parsed, resolved, optimized, mode, out);
    return EM_OK;
}

/* The session's persisted plans (canonical bytes → storage level). */
typedef struct cn_persisted {
    uint8_t *key;
    size_t len;
    Spark__Connect__StorageLevel level;
} cn_persisted;

static pthread_mutex_t cn_persist_mu = PTHREAD_MUTEX_INITIALIZER;

static cn_persisted *cn_persist_find(cn_session *s, const uint8_t *key, size_t len)
{
    cn_persisted *p = s->persisted;
    for (int i = 0; i < s->n_persisted; i++)
        if (p[i].len == len && memcmp(p[i].key, key, len) == 0)
            return &p[i];
    return NULL;
}

void cn_session_free_persisted(cn_session *s);
void cn_session_free_persisted(cn_session *s)
{
    cn_persisted *p = s->persisted;
    for (int i = 0; i < s->n_persisted; i++)
        em_free(p[i].key);
    em_free(p);
    s->persisted = NULL;
    s->n_persisted = 0;
}

void cn_handle_analyze(wire_call *call, void *ctx)
{
    cn_server *srv = ctx;
    Spark__Connect__AnalyzePlanRequest *req = (Spark__Connect__AnalyzePlanRequest *)cn_call_request(
        srv, call, &spark__connect__analyze_plan_request__descriptor);
    if (!req)
        return;
    em_error err;
    em_error_clear(&err);
    cn_session *s =
        cn_call_session(srv, call, &req->base, req->user_context, req->session_id,
                        req->_client_observed_server_side_session_id_case
                            ? req->client_observed_server_side_session_id
                            : NULL,
                        req->_client_type_case ? req->client_type : NULL, CN_SESSION_CREATE);
    if (!s)
        return;
    em_arena arena;
    em_arena_init(&arena, 0);
    cn_plan_ctx pc;
    cn_plan_ctx_init(&pc, s, &arena);
    em_str text;
    em_str_init(&text, 0);

    Spark__Connect__AnalyzePlanResponse resp = SPARK__CONNECT__ANALYZE_PLAN_RESPONSE__INIT;
    resp.session_id = s->session_id;
    resp.server_side_session_id = s->server_side_id;
    Spark__Connect__AnalyzePlanResponse__Schema r_schema =
        SPARK__CONNECT__ANALYZE_PLAN_RESPONSE__SCHEMA__INIT;
    Spark__Connect__AnalyzePlanResponse__Explain r_explain =
        SPARK__CONNECT__ANALYZE_PLAN_RESPONSE__EXPLAIN__INIT;
    Spark__Connect__AnalyzePlanResponse__TreeString r_tree =
        SPARK__CONNECT__ANALYZE_PLAN_RESPONSE__TREE_STRING__INIT;
    Spark__Connect__AnalyzePlanResponse__IsLocal r_local =
        SPARK__CONNECT__ANALYZE_PLAN_RESPONSE__IS_LOCAL__INIT;
    Spark__Connect__AnalyzePlanResponse__IsStreaming r_streaming =
        SPARK__CONNECT__ANALYZE_PLAN_RESPONSE__IS_STREAMING__INIT;
    Spark__Connect__AnalyzePlanResponse__InputFiles r_files =
        SPARK__CONNECT__ANALYZE_PLAN_RESPONSE__INPUT_FILES__INIT;
    Spark__Connect__AnalyzePlanResponse__SparkVersion r_version =
        SPARK__CONNECT__ANALYZE_PLAN_RESPONSE__SPARK_VERSION__INIT;
    Spark__Connect__AnalyzePlanResponse__DDLParse r_ddl =
        SPARK__CONNECT__ANALYZE_PLAN_RESPONSE__DDLPARSE__INIT;
    Spark__Connect__AnalyzePlanResponse__SameSemantics r_same =
        SPARK__CONNECT__ANALYZE_PLAN_RESPONSE__SAME_SEMANTICS__INIT;
    Spark__Connect__AnalyzePlanResponse__SemanticHash r_hash =
        SPARK__CONNECT__ANALYZE_PLAN_RESPONSE__SEMANTIC_HASH__INIT;
    Spark__Connect__AnalyzePlanResponse__Persist r_persist =
        SPARK__CONNECT__ANALYZE_PLAN_RESPONSE__PERSIST__INIT;
    Spark__Connect__AnalyzePlanResponse__Unpersist r_unpersist =
        SPARK__CONNECT__ANALYZE_PLAN_RESPONSE__UNPERSIST__INIT;
    Spark__Connect__AnalyzePlanResponse__GetStorageLevel r_level =
        SPARK__CONNECT__ANALYZE_PLAN_RESPONSE__GET_STORAGE_LEVEL__INIT;
    Spark__Connect__StorageLevel level = SPARK__CONNECT__STORAGE_LEVEL__INIT;
    Spark__Connect__AnalyzePlanResponse__JsonToDDL r_json =
        SPARK__CONNECT__ANALYZE_PLAN_RESPONSE__JSON_TO_DDL__INIT;
    Spark__Connect__DataType *dt = NULL;
    pl_node *resolved = NULL;

    switch (req->analyze_case) {
    case SPARK__CONNECT__ANALYZE_PLAN_REQUEST__ANALYZE_SCHEMA: {
        const ty *schema = cn_root_schema(&pc, req->schema->plan, &resolved, &err);
        if (!schema)
            break;
        dt = cx_data_type_to_proto(schema);
        r_schema.schema = dt;
        resp.result_case = SPARK__CONNECT__ANALYZE_PLAN_RESPONSE__RESULT_SCHEMA;
        resp.schema = &r_schema;
        break;
    }
    case SPARK__CONNECT__ANALYZE_PLAN_REQUEST__ANALYZE_EXPLAIN:
        if (cn_explain(&pc, req->explain->plan, req->explain->explain_mode, &text, &err))
            break;
        r_explain.explain_string = text.data ? text.data : "";
        resp.result_case = SPARK__CONNECT__ANALYZE_PLAN_RESPONSE__RESULT_EXPLAIN;
        resp.explain = &r_explain;
        break;
    case SPARK__CONNECT__ANALYZE_PLAN_REQUEST__ANALYZE_TREE_STRING: {
        if (!cn_root_schema(&pc, req->tree_string->plan, &resolved, &err))
            break;
        int lvl = req->tree_string->_level_case ? req->tree_string->level : 0;
        pl_tree_string(resolved, lvl > 0 ? lvl : 0, &text);
        r_tree.tree_string = text.data;
        resp.result_case = SPARK__CONNECT__ANALYZE_PLAN_RESPONSE__RESULT_TREE_STRING;
        resp.tree_string = &r_tree;
        break;
    }
    case SPARK__CONNECT__ANALYZE_PLAN_REQUEST__ANALYZE_IS_LOCAL:
        if (!cn_root_schema(&pc, req->is_local->plan, &resolved, &err))
            break;
        r_local.is_local = resolved->kind == PL_LOCAL || resolved->kind == PL_ONE_ROW;
        resp.result_case = SPARK__CONNECT__ANALYZE_PLAN_RESPONSE__RESULT_IS_LOCAL;
        resp.is_local = &r_local;
        break;
    case SPARK__CONNECT__ANALYZE_PLAN_REQUEST__ANALYZE_IS_STREAMING:
        if (!cn_root_schema(&pc, req->is_streaming->plan, &resolved, &err))
            break;
        r_streaming.is_streaming = false;
        resp.result_case = SPARK__CONNECT__ANALYZE_PLAN_RESPONSE__RESULT_IS_STREAMING;
        resp.is_streaming = &r_streaming;
        break;
    case SPARK__CONNECT__ANALYZE_PLAN_REQUEST__ANALYZE_INPUT_FILES:
        if (!cn_root_schema(&pc, req->input_files->plan, &resolved, &err))
            break;
        size_t cap = 0;
        cn_input_files(resolved, &arena, &r_files.files, &r_files.n_files, &cap, 0);
        resp.result_case = SPARK__CONNECT__ANALYZE_PLAN_RESPONSE__RESULT_INPUT_FILES;
        resp.input_files = &r_files;
        break;
    case SPARK__CONNECT__ANALYZE_PLAN_REQUEST__ANALYZE_SPARK_VERSION:
        r_version.version = EM_SPARK_VERSION;
        resp.result_case = SPARK__CONNECT__ANALYZE_PLAN_RESPONSE__RESULT_SPARK_VERSION;
        resp.spark_version = &r_version;
        break;
    case SPARK__CONNECT__ANALYZE_PLAN_REQUEST__ANALYZE_DDL_PARSE: {
        const ty *t = NULL;
        if (sql_parse_schema_any(req->ddl_parse->ddl_string, &arena, &t, &err))
            break;
        dt = cx_data_type_to_proto(t);
        r_ddl.parsed = dt;
        resp.result_case = SPARK__CONNECT__ANALYZE_PLAN_RESPONSE__RESULT_DDL_PARSE;
        resp.ddl_parse = &r_ddl;
        break;
    }
    case SPARK__CONNECT__ANALYZE_PLAN_REQUEST__ANALYZE_JSON_TO_DDL: {
        const ty *t = NULL;
        if (sql_parse_json_type(req->json_to_ddl->json_string, &arena, &t, &err))
            break;
        cn_to_ddl(t, &text);
        r_json.ddl_string = text.data ? text.data : "";
        resp.result_case = SPARK__CONNECT__ANALYZE_PLAN_RESPONSE__RESULT_JSON_TO_DDL;
        resp.json_to_ddl = &r_json;
        break;
    }
    case SPARK__CONNECT__ANALYZE_PLAN_REQUEST__ANALYZE_SAME_SEMANTICS: {
        Spark__Connect__Relation *a =
            req->same_semantics->target_plan ? req->same_semantics->target_plan->root : NULL;
        Spark__Connect__Relation *b =
            req->same_semantics->other_plan ? req->same_semantics->other_plan->root : NULL;
        pl_node *ra = NULL, *rb = NULL;
        if (!a || !b) {
            em_error_set(&err, "UNSUPPORTED_FEATURE.NOT_IMPLEMENTED", "feature",
                         "sameSemantics of plans without root relations", NULL);
            break;
        }
        if (cn_plan_resolve(&pc, a, &ra, &err) || cn_plan_resolve(&pc, b, &rb, &err))
            break;
        size_t la, lb;
        uint8_t *ka = cn_canonical(a, &la), *kb = cn_canonical(b, &lb);
        r_same.result = la == lb && memcmp(ka, kb, la) == 0;
        em_free(ka);
        em_free(kb);
        resp.result_case = SPARK__CONNECT__ANALYZE_PLAN_RESPONSE__RESULT_SAME_SEMANTICS;
        resp.same_semantics = &r_same;
        break;
    }
    case SPARK__CONNECT__ANALYZE_PLAN_REQUEST__ANALYZE_SEMANTIC_HASH: {
        Spark__Connect__Plan *p = req->semantic_hash->plan;
        if (!cn_root_schema(&pc, p, &resolved, &err))
            break;
        size_t l;
        uint8_t *k = cn_canonical(p->root, &l);
        r_hash.result = cn_hash32(k, l);
        em_free(k);
        resp.result_case = SPARK__CONNECT__ANALYZE_PLAN_RESPONSE__RESULT_SEMANTIC_HASH;
        resp.semantic_hash = &r_hash;
        break;
    }
    case SPARK__CONNECT__ANALYZE_PLAN_REQUEST__ANALYZE_PERSIST:
    case SPARK__CONNECT__ANALYZE_PLAN_REQUEST__ANALYZE_UNPERSIST:
    case SPARK__CONNECT__ANALYZE_PLAN_REQUEST__ANALYZE_GET_STORAGE_LEVEL: {
        Spark__Connect__Relation *rel =
            req->analyze_case == SPARK__CONNECT__ANALYZE_PLAN_REQUEST__ANALYZE_PERSIST
                ? req->persist->relation
            : req->analyze_case == SPARK__CONNECT__ANALYZE_PLAN_REQUEST__ANALYZE_UNPERSIST
                ? req->unpersist->relation
                : req->get_storage_level->relation;
        if (!rel) {
            em_error_set(&err, "UNSUPPORTED_FEATURE.NOT_IMPLEMENTED", "feature",
                         "persistence requests without a relation", NULL);
            break;
        }
        if (cn_plan_resolve(&pc, rel, &resolved, &err))
            break;
        size_t l;
        uint8_t *k = cn_canonical(rel, &l);
        pthread_mutex_lock(&cn_persist_mu);
        cn_persisted *p = cn_persist_find(s, k, l);
        if (req->analyze_case == SPARK__CONNECT__ANALYZE_PLAN_REQUEST__ANALYZE_PERSIST) {
            Spark__Connect__StorageLevel want = SPARK__CONNECT__STORAGE_LEVEL__INIT;
            if (req->persist->_storage_level_case && req->persist->storage_level) {
                want.use_disk = req->persist->storage_level->use_disk;
                want.use_memory = req->persist->storage_level->use_memory;
                want.use_off_heap = req->persist->storage_level->use_off_heap;
                want.deserialized = req->persist->storage_level->deserialized;
                want.replication = req->persist->storage_level->replication;
            } else { /* MEMORY_AND_DISK_DESER, Dataset.persist()'s default */
                want.use_disk = want.use_memory = want.deserialized = true;
                want.replication = 1;
            }
            if (!p) {
                s->persisted =
                    em_realloc(s->persisted, (size_t)(s->n_persisted + 1) * sizeof(cn_persisted));
                p = &((cn_persisted *)s->persisted)[s->n_persisted++];
                p->key = k;
                p->len = l;
                k = NULL;
                p->level = want;
            }
            resp.result_case = SPARK__CONNECT__ANALYZE_PLAN_RESPONSE__RESULT_PERSIST;
            resp.persist = &r_persist;
        } else if (req->analyze_case == SPARK__CONNECT__ANALYZE_PLAN_REQUEST__ANALYZE_UNPERSIST) {
            if (p) {
                em_free(p->key);
                cn_persisted *arr = s->persisted;
                *p = arr[s->n_persisted - 1];
                s->n_persisted--;
            }
            resp.result_case = SPARK__CONNECT__ANALYZE_PLAN_RESPONSE__RESULT_UNPERSIST;
            resp.unpersist = &r_unpersist;
        } else {
            if (p) {
                level.use_disk = p->level.use_disk;
                level.use_memory = p->level.use_memory;
                level.use_off_heap = p->level.use_off_heap;
                level.deserialized = p->level.deserialized;
                level.replication = p->level.replication;
            } else { /* StorageLevel.NONE */
                level.replication = 1;
            }
            r_level.storage_level = &level;
            resp.result_case = SPARK__CONNECT__ANALYZE_PLAN_RESPONSE__RESULT_GET_STORAGE_LEVEL;
            resp.get_storage_level = &r_level;
        }
        pthread_mutex_unlock(&cn_persist_mu);
        em_free(k);
        break;
    }
    default:
        em_error_set(&err, "UNSUPPORTED_FEATURE.NOT_IMPLEMENTED", "feature",
                     "this AnalyzePlan request kind", NULL);
    }
    if (em_error_is_set(&err)) {
        cn_finish_error(call, s, &err);
    } else {
        size_t out_len;
        uint8_t *out = cn_pack(&resp.base, &out_len);
        wire_call_reply(call, out, out_len);
        em_free(out);
    }
    if (dt)
        cx_data_type_free(dt);
    em_str_release(&text);
    em_arena_release(&arena);
    protobuf_c_message_free_unpacked(&req->base, NULL);
    cn_session_put(s);
}
