/*
 * ipc_read: an Arrow IPC stream -> a Spark schema and vector batches.
 *
 * The stream is a sequence of framed messages (ipc.h): exactly one Schema first, then
 * DictionaryBatch and RecordBatch messages in any order, then the end-of-stream marker. The
 * reader walks them once:
 *   Schema           parse the field tree (ipc_schema_read.c); register each dictionary id
 *                    its fields use (fields sharing an id must agree on the value type);
 *   DictionaryBatch  decode the values as the dictionary's field (without its encoding) and
 *                    replace the dictionary, or append to it when isDelta is set;
 *   RecordBatch      decode one vector per top-level field (ipc_read_array.c), materialising
 *                    dictionary-encoded columns from the dictionaries known at that point.
 * Messages are bounds-checked against the stream and their bodies against the message; the
 * metadata version must be V4 or V5 and the body little-endian. All output is charged to one
 * budget for the whole stream (ipc_read_ctx).
 */
#include "arrow/ipc.h"
#include "arrow/ipc_int.h"

#include <string.h>

#include "common/em_mem.h"

typedef struct ipc_message {
    bool eos;
    ipc_fb_buf fb;
    ipc_fb_table header;
    uint8_t header_type;
    const uint8_t *body;
    int64_t body_len;
    size_t meta_len;
} ipc_message;

/* Reads the message at *pos and advances past it. */
static int ipc_next_message(const uint8_t *data, size_t len, size_t *pos, ipc_message *m,
                            em_error *err)
{
    memset(m, 0, sizeof *m);
    size_t at = *pos;
    if (len - at < 4)
        return ipc_malformed(err, "stream ends without an end-of-stream marker");
    uint32_t first = ipc_ld_u32(data + at);
    int32_t meta_len;
    size_t prefix;
    if (first == 0xFFFFFFFFu) {
        if (len - at < 8)
            return ipc_malformed(err, "stream ends inside a message prefix");
        meta_len = ipc_ld_i32(data + at + 4);
        prefix = 8;
    } else {
        meta_len = (int32_t)first; /* the framing of Arrow < 0.15 */
        prefix = 4;
    }
    if (meta_len == 0) {
        m->eos = true;
        *pos = at + prefix;
        return EM_OK;
    }
    if (meta_len < 0 || (size_t)meta_len > len - at - prefix)
        return ipc_malformed(err, "message metadata of %d bytes past the end of the stream",
                             (int)meta_len);
    m->meta_len = (size_t)meta_len;
    ipc_fb_buf_init(&m->fb, data + at + prefix, (size_t)meta_len);
    ipc_fb_table msg;
    ipc_fb_root(&m->fb, &msg);
    int version = ipc_fb_get_i16(&msg, IPC_MESSAGE_VERSION, 0);
    m->header_type = ipc_fb_get_u8(&msg, IPC_MESSAGE_HEADER_TYPE, IPC_HDR_NONE);
    bool has_header = ipc_fb_get_table(&msg, IPC_MESSAGE_HEADER, &m->header);
    m->body_len = ipc_fb_get_i64(&msg, IPC_MESSAGE_BODY_LENGTH, 0);
    if (m->fb.bad)
        return ipc_malformed(err, "message metadata: %s", m->fb.why);
    if (version != IPC_METADATA_V4 && version != IPC_METADATA_V5)
        return ipc_malformed(err, "metadata version %d (V4 or V5 expected)", version + 1);
    if (!has_header)
        return ipc_malformed(err, "message without a header");
    size_t body_at = at + prefix + (size_t)meta_len;
    if (m->body_len < 0 || (uint64_t)m->body_len > len - body_at)
        return ipc_malformed(err, "message body of %lld bytes past the end of the stream",
                             (long long)m->body_len);
    m->body = data + body_at;
    *pos = body_at + (size_t)m->body_len;
    return EM_OK;
}

static ipc_dict *ipc_dict_find(ipc_read_ctx *ctx, int64_t id)
{
    for (int idx = 0; idx < ctx->n_dicts; idx++)
        if (ctx->dicts[idx].id == id)
            return &ctx->dicts[idx];
    return NULL;
}

/* One dictionary slot per distinct id used by the schema. */
static int ipc_dicts_register(ipc_read_ctx *ctx, const ipc_schema *schema)
{
    if (!schema->n_dict_fields)
        return EM_OK;
    ctx->dicts = em_calloc((size_t)schema->n_dict_fields, sizeof *ctx->dicts);
    for (int idx = 0; idx < schema->n_dict_fields; idx++) {
        const ipc_field *f = schema->dict_fields[idx];
        ipc_dict *d = ipc_dict_find(ctx, f->dict_id);
        if (d) {
            if (!ty_equals_ignore_nullability(d->field->type, f->type))
                return ipc_malformed(ctx->err, "dictionary %lld is used with two value types",
                                     (long long)f->dict_id);
            continue;
        }
        d = &ctx->dicts[ctx->n_dicts++];
        d->id = f->dict_id;
        d->field = f;
    }
    return EM_OK;
}

/* A new vector holding a's rows then b's. */
static int ipc_concat(ipc_read_ctx *ctx, const vec *a, const vec *b, vec **out)
{
    int64_t cost = (int64_t)sizeof(vec);
    for (int64_t row = 0; row < a->len; row++)
        cost += ipc_row_cost(a, row);
    for (int64_t row = 0; row < b->len; row++)
        cost += ipc_row_cost(b, row);
    int rc = ipc_charge(ctx, 2 * cost); /* vec_append_from grows by doubling */
    if (rc != EM_OK)
        return rc;
    vec *v = vec_new(a->type, a->len + b->len);
    for (int64_t row = 0; row < a->len && rc == EM_OK; row++)
        rc = vec_append_from(v, a, row, ctx->err);
    for (int64_t row = 0; row < b->len && rc == EM_OK; row++)
        rc = vec_append_from(v, b, row, ctx->err);
    if (rc != EM_OK) {
        vec_release(v);
        return rc;
    }
    *out = v;
    return EM_OK;
}

static int ipc_read_dictionary_batch(ipc_read_ctx *ctx, const ipc_message *m)
{
    int64_t id = ipc_fb_get_i64(&m->header, IPC_DB_ID, 0);
    bool delta = ipc_fb_get_bool(&m->header, IPC_DB_IS_DELTA, false);
    ipc_fb_table rb;
    bool has_data = ipc_fb_get_table(&m->header, IPC_DB_DATA, &rb);
    if (m->fb.bad)
        return ipc_malformed(ctx->err, "dictionary batch: %s", m->fb.why);
    if (!has_data)
        return ipc_malformed(ctx->err, "dictionary batch without data");
    ipc_dict *d = ipc_dict_find(ctx, id);
    if (!d)
        return ipc_malformed(ctx->err, "dictionary batch for unknown id %lld", (long long)id);
    ipc_batch_src src;
    int rc = ipc_batch_src_init(&src, &rb, m->body, m->body_len, ctx->err);
    vec *values = NULL;
    if (rc == EM_OK)
        rc = ipc_decode_array(ctx, &src, d->field, 0, src.length, false, &values);
    ipc_batch_src_release(&src);
    if (rc != EM_OK)
        return rc;
    if (delta && d->values) {
        vec *joined = NULL;
        rc = ipc_concat(ctx, d->values, values, &joined);
        vec_release(values);
        if (rc != EM_OK)
            return rc;
        values = joined;
    }
    vec_release(d->values);
    d->values = values;
    return EM_OK;
}

static int ipc_read_record_batch(ipc_read_ctx *ctx, const ipc_schema *schema, const ipc_message *m,
                                 vec_batch **out)
{
    ipc_batch_src src;
    int rc = ipc_batch_src_init(&src, &m->header, m->body, m->body_len, ctx->err);
    if (rc != EM_OK)
        return rc;
    vec_batch *b = vec_batch_new(schema->n_fields, src.length);
    for (int col = 0; col < schema->n_fields && rc == EM_OK; col++)
        rc = ipc_decode_array(ctx, &src, &schema->fields[col], 0, src.length, true, &b->cols[col]);
    ipc_batch_src_release(&src);
    if (rc != EM_OK) {
        vec_batch_free(b);
        return rc;
    }
    *out = b;
    return EM_OK;
}

int ipc_decode_stream(const uint8_t *data, size_t len, em_arena *arena, const ty **schema_out,
                      vec_batch ***batches_out, int *n_batches_out, em_error *err)
{
    *schema_out = NULL;
    *batches_out = NULL;
    *n_batches_out = 0;
    if (!data && len)
        return ipc_malformed(err, "no data");
    ipc_read_ctx ctx = {.arena = arena, .err = err};
    ctx.budget = len > (size_t)(INT64_MAX / 2 / IPC_DECODE_BUDGET_FACTOR)
                     ? INT64_MAX / 2
                     : IPC_DECODE_BUDGET_BASE + (int64_t)len * IPC_DECODE_BUDGET_FACTOR;
    em_arena scratch;
    em_arena_init(&scratch, 0);
    ipc_schema schema;
    memset(&schema, 0, sizeof schema);
    bool have_schema = false;
    vec_batch **batches = NULL;
    int n_batches = 0, cap_batches = 0;
    size_t pos = 0;
    int rc = EM_OK;
    while (rc == EM_OK) {
        ipc_message m;
        rc = ipc_next_message(data, len, &pos, &m, err);
        if (rc != EM_OK)
            break;
        if (m.eos) {
            if (!have_schema)
                rc = ipc_malformed(err, "stream ends before its schema");
            break;
        }
        if (!have_schema) {
            if (m.header_type != IPC_HDR_SCHEMA) {
                rc = ipc_malformed(err, "stream does not start with a schema");
                break;
            }
            rc = ipc_schema_parse(&m.header, &scratch, arena, (int64_t)(m.meta_len / 4) + 1,
                                  &schema, err);
            if (rc == EM_OK)
                rc = ipc_dicts_register(&ctx, &schema);
            have_schema = true;
            continue;
        }
        switch (m.header_type) {
        case IPC_HDR_DICTIONARY_BATCH:
            rc = ipc_read_dictionary_batch(&ctx, &m);
            break;
        case IPC_HDR_RECORD_BATCH: {
            vec_batch *b = NULL;
            rc = ipc_read_record_batch(&ctx, &schema, &m, &b);
            if (rc != EM_OK)
                break;
            if (n_batches == cap_batches) {
                cap_batches = cap_batches ? cap_batches * 2 : 4;
                batches = em_realloc(batches, (size_t)cap_batches * sizeof *batches);
            }
            batches[n_batches++] = b;
            break;
        }
        case IPC_HDR_SCHEMA:
            rc = ipc_malformed(err, "a second schema message");
            break;
        default:
            rc = ipc_unsupported(err, m.header_type == IPC_HDR_TENSOR ||
                                              m.header_type == IPC_HDR_SPARSE_TENSOR
                                          ? "Tensor"
                                          : "unknown message type");
            break;
        }
    }
    for (int idx = 0; idx < ctx.n_dicts; idx++)
        vec_release(ctx.dicts[idx].values);
    em_free(ctx.dicts);
    em_arena_release(&scratch);
    if (rc != EM_OK) {
        for (int idx = 0; idx < n_batches; idx++)
            vec_batch_free(batches[idx]);
        em_free(batches);
        return rc;
    }
    *schema_out = schema.type;
    *batches_out = batches;
    *n_batches_out = n_batches;
    return EM_OK;
}
