/*
 * cn_plan: translation + analysis of client relations within a session (see cn_plan.h).
 */
#include "connect/cn_plan.h"

#include "connect/cn_catalog.h"
#include "connect/cn_ddl.h"

#include "arrow/ipc.h"
#include "common/em_mem.h"
#include "common/em_str.h"
#include "exec/ex.h"
#include "sql/sql.h"
#include "types/ty_cast.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#define CN_MAX_VIEW_DEPTH 64

/* Casts/renames decoded Arrow columns by position to the client's declared schema. */
static int cn_local_conform(pl_node *n, const ty *target, const pl_session_opts *opts, em_arena *a,
                            em_error *err)
{
    const ty *src = n->u.local.schema;
    if (target->kind != TY_STRUCT)
        return em_error_internal(err, "LocalRelation schema is not a struct");
    if (src && src->n_fields != target->n_fields && n->u.local.n_batches > 0) {
        char a_n[32], b_n[32];
        snprintf(a_n, sizeof a_n, "%d", target->n_fields);
        snprintf(b_n, sizeof b_n, "%d", src->n_fields);
        return em_error_set(err, "ARROW_TYPE_MISMATCH", "operation", "LocalRelation", "outputTypes",
                            a_n, "actualDataTypes", b_n, NULL);
    }
    for (int b = 0; b < n->u.local.n_batches; b++) {
        vec_batch *batch = n->u.local.batches[b];
        for (int c = 0; c < batch->n_cols && c < target->n_fields; c++) {
            const ty *want = target->fields[c].type;
            if (ty_equals_ignore_nullability(batch->cols[c]->type, want)) {
                batch->cols[c]->type = want;
                continue;
            }
            vec *out = NULL;
            if (ty_cast_vec(batch->cols[c], want, PX_EVAL_LEGACY, opts, &out, err))
                return err->code;
            vec_release(batch->cols[c]);
            batch->cols[c] = out;
        }
    }
    n->u.local.schema = target;
    (void)a;
    return EM_OK;
}

static int cn_decode_local(void *cb, const uint8_t *data, size_t len, const char *schema_str,
                           em_arena *a, pl_node **out, em_error *err)
{
    cn_plan_ctx *ctx = cb;
    const ty *target = NULL;
    if (schema_str && schema_str[0]) {
        if (sql_parse_schema_any(schema_str, a, &target, err))
            return err->code;
        if (target->kind != TY_STRUCT) {
            ty_field f = {.name = "value", .type = target, .nullable = true};
            target = ty_struct(a, 1, &f);
        }
    }
    pl_node *n = pl_node_new(a, PL_LOCAL, 0);
    if (data && len) {
        const ty *schema = NULL;
        vec_batch **batches = NULL;
        int n_batches = 0;
        if (ipc_decode_stream(data, len, a, &schema, &batches, &n_batches, err))
            return err->code;
        n->u.local.schema = schema;
        for (int i = 0; i < n_batches; i++)
            pl_local_add_batch(a, n, batches[i]);
        em_free(batches);
    } else if (!target) {
        return em_error_internal(err, "LocalRelation has neither data nor schema");
    }
    if (target && cn_local_conform(n, target, &ctx->opts, a, err))
        return err->code;
    *out = n;
    return EM_OK;
}

/* A cached relation artifact holds a serialized LocalRelation message (3.5/4.0 clients). */
static int cn_lookup_cached(void *cb, int n_hashes, const char *const *hashes,
                            const char *schema_hash, em_arena *a, pl_node **out, em_error *err)
{
    cn_plan_ctx *ctx = cb;
    char name[256];
    if (n_hashes == 1 && !schema_hash) {
        snprintf(name, sizeof name, "cache/%s", hashes[0]);
        const uint8_t *data;
        size_t len;
        if (!cn_session_get_artifact(ctx->session, name, &data, &len))
            return em_error_set(err, "UNSUPPORTED_FEATURE.NOT_IMPLEMENTED", "feature",
                                "a CachedLocalRelation whose artifact was not uploaded", NULL);
        Spark__Connect__LocalRelation *lr = (Spark__Connect__LocalRelation *)cn_unpack(
            &spark__connect__local_relation__descriptor, data, len, err);
        if (!lr)
            return err->code;
        const uint8_t *d = lr->_data_case ? lr->data.data : NULL;
        size_t dl = lr->_data_case ? lr->data.len : 0;
        const char *schema = lr->_schema_case ? lr->schema : NULL;
        int rc = cn_decode_local(cb, d, dl, schema, a, out, err);
        protobuf_c_message_free_unpacked(&lr->base, NULL);
        return rc;
    }
    /* 4.1+ chunked form: each data chunk is an Arrow IPC stream; the schema is a UTF-8
       string artifact. */
    const char *schema = NULL;
    if (schema_hash) {
        snprintf(name, sizeof name, "cache/%s", schema_hash);
        const uint8_t *data;
        size_t len;
        if (!cn_session_get_artifact(ctx->session, name, &data, &len))
            return em_error_set(err, "UNSUPPORTED_FEATURE.NOT_IMPLEMENTED", "feature",
                                "a ChunkedCachedLocalRelation whose schema was not uploaded", NULL);
        schema = em_arena_strndup(a, (const char *)data, len);
    }
    pl_node *all = NULL;
    for (int i = 0; i < n_hashes; i++) {
        snprintf(name, sizeof name, "cache/%s", hashes[i]);
        const uint8_t *data;
        size_t len;
        if (!cn_session_get_artifact(ctx->session, name, &data, &len))
            return em_error_set(err, "UNSUPPORTED_FEATURE.NOT_IMPLEMENTED", "feature",
                                "a ChunkedCachedLocalRelation whose data was not uploaded", NULL);
        pl_node *part = NULL;
        if (cn_decode_local(cb, data, len, schema, a, &part, err))
            return err->code;
        if (!all) {
            all = part;
        } else {
            for (int b = 0; b < part->u.local.n_batches; b++) {
                /* move batches: the arena cleanup of `part` still owns them, so copy refs */
                vec_batch *src = part->u.local.batches[b];
                vec_batch *cp = vec_batch_new(src->n_cols, src->n_rows);
                for (int c = 0; c < src->n_cols; c++)
                    cp->cols[c] = vec_retain(src->cols[c]);
                pl_local_add_batch(a, all, cp);
            }
        }
    }
    if (!all) {
        all = pl_node_new(a, PL_LOCAL, 0);
        if (schema && sql_parse_schema_any(schema, a, &all->u.local.schema, err))
            return err->code;
    }
    *out = all;
    return EM_OK;
}

static int cn_lookup_relation(void *cb, int n_parts, const char *const *parts, em_arena *a,
                              pl_node **plan, em_error *err)
{
    cn_plan_ctx *ctx = cb;
    uint8_t *bytes = NULL;
    size_t len = 0;
    bool found = false;
    if (n_parts == 1)
        found = cn_session_get_view(ctx->session, parts[0], &bytes, &len);
    else if (n_parts == 2 && strcasecmp(parts[0], "global_temp") == 0)
        found = cn_global_get_view(ctx->session->server, parts[1], &bytes, &len);
    if (!found && n_parts == 2 && strcasecmp(parts[0], "global_temp") == 0)
        return 1;
    if (!found) {
        /* Added (catalog): tables and persistent views of spark_catalog (cn_table.c). Views
           resolve here, under the depth guard, so that a view reading itself fails cleanly. */
        if (ctx->view_depth >= CN_MAX_VIEW_DEPTH)
            return em_error_internal(err, "views nested more than %d levels", CN_MAX_VIEW_DEPTH);
        pl_node *found_plan = NULL;
        int rc = cn_table_lookup(ctx, n_parts, parts, a, &found_plan, err);
        if (rc != 0 || found_plan->kind == PL_READ_SOURCE)
            return rc == 0 ? (*plan = found_plan, 0) : rc;
        ctx->view_depth++;
        rc = an_resolve(&ctx->env, a, found_plan, plan, err);
        ctx->view_depth--;
        return rc ? (err->code ? -err->code : -1) : 0;
    }
    if (ctx->view_depth >= CN_MAX_VIEW_DEPTH) {
        em_free(bytes);
        return em_error_internal(err, "views nested more than %d levels", CN_MAX_VIEW_DEPTH);
    }
    Spark__Connect__Relation *rel = (Spark__Connect__Relation *)cn_unpack(
        &spark__connect__relation__descriptor, bytes, len, err);
    em_free(bytes);
    if (!rel)
        return err->code;
    ctx->view_depth++;
    int rc = cx_relation(rel, &ctx->cx, plan, err);
    ctx->view_depth--;
    protobuf_c_message_free_unpacked(&rel->base, NULL);
    (void)a;
    return rc ? err->code : 0;
}

static int cn_catalog_cb(void *cb, const Spark__Connect__Catalog *cat, em_arena *a, pl_node **out,
                         em_error *err)
{
    (void)a;
    return cn_catalog_relation(cb, cat, out, err);
}

/* cx's input_schema (describe / summary): the schema of a relation as the analyzer resolves it. */
static int cn_input_schema(void *cb, pl_node *unresolved, em_arena *a, const ty **out,
                           em_error *err)
{
    cn_plan_ctx *ctx = cb;
    pl_node *resolved = NULL;
    if (an_resolve(&ctx->env, a, unresolved, &resolved, err))
        return err->code;
    *out = cn_plan_schema(ctx, resolved);
    return EM_OK;
}

/*
 * cx's run_plan (pivot without values, crosstab, freqItems): resolves, optimizes and runs a
 * plan to the end within the session, as Spark's planner collects a Dataset; the rows come
 * back as a PL_LOCAL (one batch, released with the arena) with the resolved schema.
 */
static int cn_run_plan(void *cb, pl_node *unresolved, em_arena *a, pl_node **out, em_error *err)
{
    cn_plan_ctx *ctx = cb;
    pl_node *root = NULL;
    if (an_resolve(&ctx->env, a, unresolved, &root, err))
        return err->code;
    const ty *schema = cn_plan_schema(ctx, root);
    if (cn_plan_optimize(ctx, &root, err))
        return err->code;
    vec_batch *rows = NULL;
    if (ex_run_all(root, &ctx->opts, &rows, err))
        return err->code ? err->code : EM_EUSER;
    pl_node *n = pl_node_new(a, PL_LOCAL, 0);
    n->u.local.schema = schema;
    if (rows)
        pl_local_add_batch(a, n, rows);
    *out = n;
    return EM_OK;
}

void cn_plan_ctx_init(cn_plan_ctx *ctx, cn_session *s, em_arena *arena)
{
    memset(ctx, 0, sizeof *ctx);
    ctx->session = s;
    ctx->arena = arena;
    cn_session_engine_opts(s, &ctx->opts, ctx->tz, sizeof ctx->tz);
    char db[256];
    ctx->opts.current_database = em_arena_strdup(arena, cn_current_db(s, db, sizeof db));
    /* spark.ember.spill.dir: exec copies it when the query opens (NULL: $TMPDIR, else /tmp). */
    char *spill_dir = cn_conf_get_option(&s->conf, "spark.ember.spill.dir");
    if (spill_dir && spill_dir[0])
        ctx->opts.spill_dir = em_arena_strdup(arena, spill_dir);
    em_free(spill_dir);
    cx_ctx_init(&ctx->cx, arena, &ctx->opts);
    ctx->cx.cb_ctx = ctx;
    ctx->cx.decode_local = cn_decode_local;
    ctx->cx.lookup_cached = cn_lookup_cached;
    ctx->cx.catalog_rel = cn_catalog_cb;
    ctx->cx.input_schema = cn_input_schema;
    ctx->cx.run_plan = cn_run_plan;
    ctx->cx.pivot_max_values = cn_conf_long(&s->conf, "spark.sql.pivotMaxValues", 10000);
    ctx->cx.transpose_max_values = cn_conf_long(&s->conf, "spark.sql.transposeMaxValues", 500);
    ctx->env.opts = &ctx->opts;
    ctx->env.lookup_relation = cn_lookup_relation;
    ctx->env.catalog_ctx = ctx;
    ctx->env.source_resolve = cn_source_resolve;
}

int cn_plan_translate(cn_plan_ctx *ctx, const Spark__Connect__Relation *rel, pl_node **out,
                      em_error *err)
{
    /* spark.catalog.* is answered from the session (cx calls back into cn_catalog). */
    return cx_relation(rel, &ctx->cx, out, err);
}

int cn_plan_resolve(cn_plan_ctx *ctx, const Spark__Connect__Relation *rel, pl_node **out,
                    em_error *err)
{
    pl_node *unresolved = NULL;
    if (cn_plan_translate(ctx, rel, &unresolved, err))
        return err->code;
    return an_resolve(&ctx->env, ctx->arena, unresolved, out, err);
}

const ty *cn_plan_schema(cn_plan_ctx *ctx, const pl_node *resolved)
{
    int n = resolved->n_out;
    ty_field *f = em_arena_calloc(ctx->arena, (size_t)(n ? n : 1), sizeof *f);
    for (int i = 0; i < n; i++) {
        f[i].name = resolved->out[i].name;
        f[i].type = resolved->out[i].type;
        f[i].nullable = resolved->out[i].nullable;
    }
    return ty_struct(ctx->arena, n, f);
}

int cn_plan_observed_metrics(cn_plan_ctx *ctx,
                             Spark__Connect__ExecutePlanResponse__ObservedMetrics ***out,
                             int *n_out, em_error *err)
{
    *out = NULL;
    *n_out = 0;
    int n = ctx->cx.n_observations;
    if (n == 0)
        return EM_OK;
    Spark__Connect__ExecutePlanResponse__ObservedMetrics **list =
        em_malloc((size_t)n * sizeof *list);
    memset(list, 0, (size_t)n * sizeof *list);
    for (int idx = 0; idx < n; idx++) {
        const cx_observation *o = &ctx->cx.observations[idx];
        Spark__Connect__ExecutePlanResponse__ObservedMetrics *m = em_malloc(sizeof *m);
        spark__connect__execute_plan_response__observed_metrics__init(m);
        list[idx] = m;
        *n_out = idx + 1;
        *out = list;
        m->name = (char *)o->name; /* arena string, outlives the response */
        m->plan_id = o->plan_id >= 0 ? o->plan_id : 0;
        pl_node *local = NULL;
        if (cn_run_plan(ctx, o->metrics, ctx->arena, &local, err))
            return err->code;
        const ty *schema = local->u.local.schema;
        const vec_batch *b = local->u.local.n_batches ? local->u.local.batches[0] : NULL;
        if (!b || b->n_rows < 1)
            continue; /* no row: no values (Observation.getRowOrEmpty) */
        size_t k = (size_t)schema->n_fields;
        m->keys = em_malloc((k ? k : 1) * sizeof(char *));
        m->values = em_malloc((k ? k : 1) * sizeof(void *));
        for (size_t c = 0; c < k; c++) {
            Spark__Connect__Expression__Literal *l = cx_literal_to_proto(b->cols[c], 0, err);
            if (!l)
                return err->code;
            m->keys[c] = (char *)schema->fields[c].name;
            m->values[c] = l;
            m->n_keys = m->n_values = c + 1;
        }
    }
    return EM_OK;
}

void cn_plan_observed_free(Spark__Connect__ExecutePlanResponse__ObservedMetrics **list, int n)
{
    for (int idx = 0; idx < n; idx++) {
        if (!list[idx])
            continue;
        for (size_t c = 0; c < list[idx]->n_values; c++)
            cx_literal_proto_free(list[idx]->values[c]);
        em_free(list[idx]->values);
        em_free(list[idx]->keys);
        em_free(list[idx]);
    }
    em_free(list);
}
