/*
 * cl_collect.c: results as a struct ArrowArrayStream that reads the server's ExecutePlan
 * response stream batch by batch.
 *
 * Each ArrowBatch is checked the way PySpark 4.x checks it (client/core.py): chunks
 * (result_chunking) arrive with chunk_index 0..n-1 and are concatenated; a batch's
 * start_offset, when present, must equal the rows received so far; the decoded row count must
 * equal row_count. The assembled IPC stream is decoded (arrow/ipc.h, which treats it as hostile)
 * and each record batch is exported through the C data interface (arrow/cdata.h) without
 * another copy: the exported arrays keep the decoded column vectors alive on their own, so they
 * may outlive the stream.
 *
 * The stream's schema is the Arrow schema of the first batch; when the result has no batch at
 * all it comes from the response's `schema` DataType. get_next returns 0 with a released array
 * at the end, or EIO with get_last_error / ember_stream_error describing the failure.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "arrow/cdata.h"
#include "arrow/ipc.h"
#include "client/cl_int.h"
#include "common/em_mem.h"
#include "types/ty.h"
#include "vector/vec.h"

typedef struct cl_stream {
    ember_session *s;
    cl_exec *x;
    em_arena arena;      /* the schema's types (stream lifetime) */
    const ty *schema;    /* of the first decoded batch; NULL until then */
    const ty *dt_schema; /* from a response's DataType, used when no batch arrives */
    em_arena blob_arena; /* types of the decoded blob in `pending` */
    vec_batch **pending;
    int n_pending, next_pending;
    int64_t n_records;
    em_str chunks;
    int64_t n_chunks; /* chunks gathered for the current batch */
    bool ended;
    bool failed;
    ember_error err;
    char last_error[4300];
} cl_stream;

static void cl_stream_fail(cl_stream *st)
{
    st->failed = true;
    if (!st->err.status)
        st->err.status = EMBER_EPROTOCOL;
    if (st->err.error_class[0])
        snprintf(st->last_error, sizeof st->last_error, "%s", st->err.message);
    else
        cl_strlcpy(st->last_error, st->err.message, sizeof st->last_error);
}

static void cl_stream_drop_pending(cl_stream *st)
{
    for (int idx = st->next_pending; idx < st->n_pending; idx++)
        vec_batch_free(st->pending[idx]);
    em_free(st->pending);
    st->pending = NULL;
    st->n_pending = st->next_pending = 0;
    em_arena_release(&st->blob_arena);
    em_arena_init(&st->blob_arena, 4096);
}

/* Decodes one assembled IPC blob into st->pending. Returns 0 or -1 (st->err set). */
static int cl_stream_decode(cl_stream *st, const uint8_t *data, size_t len, int64_t row_count)
{
    cl_stream_drop_pending(st);
    const ty *schema = NULL;
    vec_batch **batches = NULL;
    int n = 0;
    em_error e;
    em_error_clear(&e);
    if (ipc_decode_stream(data, len, &st->blob_arena, &schema, &batches, &n, &e) != 0) {
        cl_error_set(&st->err, EMBER_EPROTOCOL, e.error_class, "%s", e.message);
        return -1;
    }
    int64_t rows = 0;
    for (int idx = 0; idx < n; idx++)
        rows += batches[idx]->n_rows;
    if (rows != row_count) {
        for (int idx = 0; idx < n; idx++)
            vec_batch_free(batches[idx]);
        em_free(batches);
        cl_error_set(&st->err, EMBER_EPROTOCOL, NULL,
                     "Expected %lld rows in arrow batch but got %lld.", (long long)row_count,
                     (long long)rows);
        return -1;
    }
    if (!st->schema)
        st->schema = ty_copy(&st->arena, schema);
    st->n_records += rows;
    st->pending = batches;
    st->n_pending = n;
    st->next_pending = 0;
    return 0;
}

/* Handles one ArrowBatch response (maybe one chunk). Returns 0 or -1 (st->err set). */
static int cl_stream_batch(cl_stream *st, const Spark__Connect__ExecutePlanResponse__ArrowBatch *b)
{
    int64_t chunk_index = b->_chunk_index_case ? b->chunk_index : 0;
    if (st->n_chunks) {
        if (chunk_index != st->n_chunks) {
            cl_error_set(&st->err, EMBER_EPROTOCOL, NULL,
                         "Expected chunk index %lld of the arrow batch but got %lld.",
                         (long long)st->n_chunks, (long long)chunk_index);
            return -1;
        }
    } else {
        if (b->_start_offset_case && b->start_offset != st->n_records) {
            cl_error_set(&st->err, EMBER_EPROTOCOL, NULL,
                         "Expected arrow batch to start at row offset %lld in results, but "
                         "received arrow batch starting at offset %lld.",
                         (long long)st->n_records, (long long)b->start_offset);
            return -1;
        }
        if (chunk_index != 0) {
            cl_error_set(&st->err, EMBER_EPROTOCOL, NULL,
                         "Expected chunk index 0 of the next arrow batch but got %lld.",
                         (long long)chunk_index);
            return -1;
        }
    }
    em_str_append(&st->chunks, (const char *)b->data.data, b->data.len);
    st->n_chunks++;
    if (st->chunks.overflow) {
        cl_error_set(&st->err, EMBER_EPROTOCOL, NULL, "arrow batch too large");
        return -1;
    }
    int64_t total = b->_num_chunks_in_batch_case ? b->num_chunks_in_batch : 0;
    if (total != 0 && st->n_chunks < total)
        return 0;
    int rc = cl_stream_decode(st, (const uint8_t *)st->chunks.data, st->chunks.len, b->row_count);
    em_str_reset(&st->chunks);
    st->n_chunks = 0;
    return rc;
}

/*
 * Reads responses until a decoded batch is pending (returns 1), the results end (0), or an
 * error (-1, st->err set).
 */
static int cl_stream_fill(cl_stream *st)
{
    while (st->next_pending >= st->n_pending) {
        if (st->ended)
            return 0;
        Spark__Connect__ExecutePlanResponse *m = NULL;
        int r = cl_exec_next(st->x, &m, &st->err);
        if (r < 0)
            return -1;
        if (r == 0) {
            st->ended = true;
            if (st->n_chunks) {
                cl_error_set(&st->err, EMBER_EPROTOCOL, NULL,
                             "the results ended inside a chunked arrow batch");
                return -1;
            }
            return 0;
        }
        if (m->schema && !st->dt_schema) {
            ember_error terr;
            ember_error_clear(&terr);
            const ty *t = cl_types_to_ty(m->schema, &st->arena, &terr);
            if (t && t->kind == TY_STRUCT)
                st->dt_schema = t;
        }
        int rc = 0;
        if (m->response_type_case ==
            SPARK__CONNECT__EXECUTE_PLAN_RESPONSE__RESPONSE_TYPE_ARROW_BATCH)
            rc = cl_stream_batch(st, m->arrow_batch);
        spark__connect__execute_plan_response__free_unpacked(m, NULL);
        if (rc < 0)
            return -1;
    }
    return 1;
}

/* ------------------------------------------------------------------ stream callbacks ---- */

static int cl_stream_get_schema(struct ArrowArrayStream *stream, struct ArrowSchema *out)
{
    cl_stream *st = stream->private_data;
    memset(out, 0, sizeof *out);
    if (st->failed)
        return EIO;
    while (!st->schema && !st->ended) {
        int r = cl_stream_fill(st);
        if (r < 0) {
            cl_stream_fail(st);
            return EIO;
        }
        if (r == 0)
            break;
    }
    const ty *schema = st->schema ? st->schema : st->dt_schema;
    if (!schema) {
        cl_error_set(&st->err, EMBER_EPROTOCOL, NULL, "the result has no schema");
        cl_stream_fail(st);
        return EIO;
    }
    /* Export the schema through an empty batch of the right shape. */
    vec_batch *empty = vec_batch_new(schema->n_fields, 0);
    for (int col = 0; col < schema->n_fields; col++)
        empty->cols[col] = vec_new(schema->fields[col].type, 0);
    em_error e;
    em_error_clear(&e);
    int rc = ipc_export_batch(schema, empty, NULL, out, &e);
    vec_batch_free(empty);
    if (rc != 0) {
        cl_error_set(&st->err, EMBER_EPROTOCOL, NULL, "%s", e.message);
        cl_stream_fail(st);
        return EIO;
    }
    return 0;
}

static int cl_stream_get_next(struct ArrowArrayStream *stream, struct ArrowArray *out)
{
    cl_stream *st = stream->private_data;
    memset(out, 0, sizeof *out);
    if (st->failed)
        return EIO;
    int r = cl_stream_fill(st);
    if (r < 0) {
        cl_stream_fail(st);
        return EIO;
    }
    if (r == 0)
        return 0; /* out->release == NULL: the end */
    vec_batch *b = st->pending[st->next_pending];
    const ty *schema = st->schema;
    em_error e;
    em_error_clear(&e);
    /* The batch's own decoded schema equals st->schema (same server result) except for
     * arena identity; export against the stream's copy. */
    int rc = ipc_export_batch(schema, b, out, NULL, &e);
    vec_batch_free(b);
    st->pending[st->next_pending++] = NULL;
    if (rc != 0) {
        cl_error_set(&st->err, EMBER_EPROTOCOL, NULL, "%s", e.message);
        cl_stream_fail(st);
        return EIO;
    }
    return 0;
}

static const char *cl_stream_last_error(struct ArrowArrayStream *stream)
{
    cl_stream *st = stream->private_data;
    return st && st->failed ? st->last_error : NULL;
}

static void cl_stream_release(struct ArrowArrayStream *stream)
{
    if (!stream || !stream->release)
        return;
    cl_stream *st = stream->private_data;
    cl_stream_drop_pending(st);
    em_arena_release(&st->blob_arena);
    cl_exec_free(st->x);
    em_str_release(&st->chunks);
    em_arena_release(&st->arena);
    cl_session_release(st->s);
    em_free(st);
    stream->release = NULL;
    stream->private_data = NULL;
}

const ember_error *ember_stream_error(struct ArrowArrayStream *stream)
{
    if (!stream || stream->get_next != cl_stream_get_next || !stream->private_data)
        return NULL;
    cl_stream *st = stream->private_data;
    return st->failed ? &st->err : NULL;
}

/* ----------------------------------------------------------------------------- collect ---- */

Spark__Connect__Plan *cl_plan_root(em_arena *a, ember_dataframe *df)
{
    Spark__Connect__Plan *p = em_arena_alloc(a, sizeof *p);
    spark__connect__plan__init(p);
    p->op_type_case = SPARK__CONNECT__PLAN__OP_TYPE_ROOT;
    p->root = cl_proto_relation(a, df);
    return p;
}

int cl_collect_plan(ember_session *s, ember_dataframe *df, const char *operation_id,
                    struct ArrowArrayStream *out, ember_error *err)
{
    memset(out, 0, sizeof *out);
    em_arena a;
    em_arena_init(&a, 4096);
    Spark__Connect__Plan *plan = cl_plan_root(&a, df);
    cl_exec *x = cl_exec_start(s, plan, operation_id, err);
    em_arena_release(&a);
    if (!x)
        return err && err->status ? err->status : EMBER_ETRANSPORT;
    cl_stream *st = em_calloc(1, sizeof *st);
    st->s = cl_session_retain(s);
    st->x = x;
    em_arena_init(&st->arena, 4096);
    em_arena_init(&st->blob_arena, 4096);
    em_str_init(&st->chunks, (size_t)WIRE_DEFAULT_MAX_MESSAGE * 8);
    ember_error_clear(&st->err);
    out->get_schema = cl_stream_get_schema;
    out->get_next = cl_stream_get_next;
    out->get_last_error = cl_stream_last_error;
    out->release = cl_stream_release;
    out->private_data = st;
    /* Start now: analysis errors belong to the collect call, as in PySpark. */
    if (cl_stream_fill(st) < 0) {
        int rc = st->err.status ? st->err.status : EMBER_ESERVER;
        cl_error_copy(err, &st->err);
        cl_stream_release(out);
        memset(out, 0, sizeof *out);
        return rc;
    }
    return EMBER_OK;
}

int ember_df_collect(ember_dataframe *df, struct ArrowArrayStream *out, ember_error *err)
{
    return ember_df_collect_with_id(df, NULL, out, err);
}

int ember_df_collect_with_id(ember_dataframe *df, const char *operation_id,
                             struct ArrowArrayStream *out, ember_error *err)
{
    if (!df || !out)
        return cl_error_set(err, EMBER_EINVAL, NULL, "collect: NULL argument");
    return cl_collect_plan(df->session, df, operation_id, out, err);
}
