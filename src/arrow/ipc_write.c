/*
 * ipc_write: vector batches -> Arrow IPC stream messages.
 *
 * A RecordBatch message is written in two passes so that column buffers are copied once,
 * straight into the output:
 *   1. plan: walk the columns in Arrow's pre-order (a field, then its children), recording one
 *      FieldNode per array and one entry per body buffer (where its bytes come from, how long,
 *      how to transform them), and checking the vectors against the schema;
 *   2. emit: build the flatbuffer header from the plan, append the framed header, then
 *      append every buffer followed by zero padding to the next multiple of 8.
 * Two buffers are transformed on the way: booleans (a byte per value here) are bit-packed,
 * and calendar intervals' microseconds become nanoseconds (checked for overflow in pass 1).
 *
 * Invariants: every message starts at a multiple of 8 from the stream's start (`base`); the
 * metadata length includes the padding that makes the body start 8-aligned; null counts in
 * FieldNodes are counted from the bitmaps, never guessed; a vector without nulls gets a
 * zero-length validity buffer.
 */
#include "arrow/ipc.h"
#include "arrow/ipc_int.h"

#include <string.h>

#include "common/em_mem.h"

typedef enum ipc_wbuf_kind {
    IPC_WBUF_COPY,      /* len bytes from src */
    IPC_WBUF_BOOL_PACK, /* rows bytes of 0/1 at src -> bitmap */
    IPC_WBUF_MDN,       /* rows ty_calendar_interval at src -> month_day_nano */
    IPC_WBUF_ZERO,      /* len zero bytes (offsets of an empty vector without offsets) */
} ipc_wbuf_kind;

typedef struct ipc_wbuf {
    ipc_wbuf_kind kind;
    const void *src;
    const uint8_t *validity; /* MDN: null rows are written as zero */
    int64_t len;             /* bytes in the body, before padding */
    int64_t rows;
    int64_t offset; /* in the body */
} ipc_wbuf;

typedef struct ipc_wplan {
    int64_t *nodes; /* (length, null_count) pairs */
    int n_nodes, cap_nodes;
    ipc_wbuf *bufs;
    int n_bufs, cap_bufs;
    int64_t body_len;
} ipc_wplan;

static int64_t ipc_pad8(int64_t n)
{
    return (n + 7) & ~(int64_t)7;
}

static void ipc_plan_node(ipc_wplan *p, int64_t length, int64_t null_count)
{
    if (p->n_nodes == p->cap_nodes) {
        p->cap_nodes = p->cap_nodes ? p->cap_nodes * 2 : 16;
        p->nodes = em_realloc(p->nodes, (size_t)p->cap_nodes * 2 * sizeof(int64_t));
    }
    p->nodes[2 * p->n_nodes] = length;
    p->nodes[2 * p->n_nodes + 1] = null_count;
    p->n_nodes++;
}

static void ipc_plan_buf(ipc_wplan *p, ipc_wbuf_kind kind, const void *src, int64_t len,
                         int64_t rows)
{
    if (p->n_bufs == p->cap_bufs) {
        p->cap_bufs = p->cap_bufs ? p->cap_bufs * 2 : 32;
        p->bufs = em_realloc(p->bufs, (size_t)p->cap_bufs * sizeof *p->bufs);
    }
    ipc_wbuf *wb = &p->bufs[p->n_bufs++];
    memset(wb, 0, sizeof *wb);
    wb->kind = kind;
    wb->src = src;
    wb->len = len;
    wb->rows = rows;
    wb->offset = p->body_len;
    p->body_len += ipc_pad8(len);
}

static void ipc_plan_release(ipc_wplan *p)
{
    em_free(p->nodes);
    em_free(p->bufs);
}

/* Nulls among rows [0, rows) of a bitmap. */
static int64_t ipc_count_nulls(const uint8_t *validity, int64_t rows)
{
    if (!validity)
        return 0;
    int64_t valid = 0, full = rows / 8;
    for (int64_t idx = 0; idx < full; idx++)
        valid += __builtin_popcount(validity[idx]);
    for (int64_t row = full * 8; row < rows; row++)
        valid += (validity[row >> 3] >> (row & 7)) & 1;
    return rows - valid;
}

static bool ipc_kind_compatible(const ty *schema_type, const ty *vec_type)
{
    if (schema_type->kind == vec_type->kind)
        return true;
    return ty_is_string(schema_type) && ty_is_string(vec_type);
}

/* Checks an offsets array: non-negative start, non-decreasing, last <= limit. */
static int ipc_plan_offsets(ipc_wplan *p, const vec *v, int64_t rows, int64_t limit, int64_t *last,
                            em_error *err)
{
    if (!v->offsets) {
        if (rows)
            return em_error_internal(err, "Arrow encode: var-width vector without offsets");
        static const int32_t zero = 0;
        ipc_plan_buf(p, IPC_WBUF_COPY, &zero, 4, 0);
        *last = 0;
        return EM_OK;
    }
    if (v->offsets[0] < 0)
        return em_error_internal(err, "Arrow encode: negative first offset");
    for (int64_t row = 0; row < rows; row++)
        if (v->offsets[row + 1] < v->offsets[row])
            return em_error_internal(err, "Arrow encode: offsets decrease at row %lld",
                                     (long long)row);
    if (v->offsets[rows] > limit)
        return em_error_internal(err, "Arrow encode: offsets past the end of the data");
    ipc_plan_buf(p, IPC_WBUF_COPY, v->offsets, (rows + 1) * 4, rows + 1);
    *last = v->offsets[rows];
    return EM_OK;
}

static int ipc_plan_vec(ipc_wplan *p, const ty *t, const vec *v, int64_t rows, int depth,
                        em_error *err)
{
    if (depth > IPC_MAX_DEPTH)
        return em_error_internal(err, "Arrow encode: nesting deeper than %d", IPC_MAX_DEPTH);
    if (!v || !v->type || !ipc_kind_compatible(t, v->type))
        return em_error_internal(err, "Arrow encode: vector does not match its schema type");
    if (v->len < rows)
        return em_error_internal(err, "Arrow encode: vector has %lld rows, %lld expected",
                                 (long long)v->len, (long long)rows);
    if (t->kind == TY_NULL) {
        ipc_plan_node(p, rows, rows);
        return EM_OK; /* the Null layout has no buffers */
    }
    int64_t null_count = ipc_count_nulls(v->validity, rows);
    ipc_plan_node(p, rows, null_count);
    if (null_count)
        ipc_plan_buf(p, IPC_WBUF_COPY, v->validity, (rows + 7) / 8, rows);
    else
        ipc_plan_buf(p, IPC_WBUF_COPY, NULL, 0, 0);

    int width = ty_fixed_width(t);
    int64_t last = 0;
    int rc = EM_OK;
    switch (t->kind) {
    case TY_BOOLEAN:
        if (rows && !v->values)
            return em_error_internal(err, "Arrow encode: boolean vector without values");
        ipc_plan_buf(p, IPC_WBUF_BOOL_PACK, v->values, (rows + 7) / 8, rows);
        return EM_OK;
    case TY_CALENDAR_INTERVAL: {
        if (rows && !v->values)
            return em_error_internal(err, "Arrow encode: interval vector without values");
        const ty_calendar_interval *iv = v->values;
        for (int64_t row = 0; row < rows; row++) {
            int64_t ns;
            if (!vec_is_null(v, row) && __builtin_mul_overflow(iv[row].microseconds, 1000, &ns))
                return em_error_internal(err,
                                         "Arrow encode: calendar interval of %lld "
                                         "microseconds overflows nanoseconds",
                                         (long long)iv[row].microseconds);
        }
        ipc_plan_buf(p, IPC_WBUF_MDN, v->values, rows * 16, rows);
        p->bufs[p->n_bufs - 1].validity = v->validity;
        return EM_OK;
    }
    case TY_STRING:
    case TY_CHAR:
    case TY_VARCHAR:
    case TY_BINARY:
        rc = ipc_plan_offsets(p, v, rows, v->bytes_len, &last, err);
        if (rc == EM_OK)
            ipc_plan_buf(p, IPC_WBUF_COPY, v->bytes, last, 0);
        return rc;
    case TY_ARRAY:
        if (v->n_children != 1)
            return em_error_internal(err, "Arrow encode: array vector without its child");
        rc = ipc_plan_offsets(p, v, rows, v->children[0]->len, &last, err);
        if (rc == EM_OK)
            rc = ipc_plan_vec(p, t->elem, v->children[0], last, depth + 1, err);
        return rc;
    case TY_MAP:
        if (v->n_children != 2 || v->children[0]->len != v->children[1]->len)
            return em_error_internal(err, "Arrow encode: map vector without keys and values");
        rc = ipc_plan_offsets(p, v, rows, v->children[0]->len, &last, err);
        if (rc != EM_OK)
            return rc;
        /* The "entries" struct: never null, so no validity bitmap. */
        ipc_plan_node(p, last, 0);
        ipc_plan_buf(p, IPC_WBUF_COPY, NULL, 0, 0);
        rc = ipc_plan_vec(p, t->key, v->children[0], last, depth + 2, err);
        if (rc == EM_OK)
            rc = ipc_plan_vec(p, t->value, v->children[1], last, depth + 2, err);
        return rc;
    case TY_STRUCT:
        if (v->n_children != t->n_fields)
            return em_error_internal(err,
                                     "Arrow encode: struct vector has %d children, %d "
                                     "expected",
                                     v->n_children, t->n_fields);
        for (int idx = 0; idx < t->n_fields && rc == EM_OK; idx++)
            rc = ipc_plan_vec(p, t->fields[idx].type, v->children[idx], rows, depth + 1, err);
        return rc;
    default:
        if (!width)
            return em_error_internal(err, "cannot encode Spark type kind %d as Arrow",
                                     (int)t->kind);
        if (rows && !v->values)
            return em_error_internal(err, "Arrow encode: vector without values");
        ipc_plan_buf(p, IPC_WBUF_COPY, v->values, rows * width, rows);
        return EM_OK;
    }
}

/* Appends n zero bytes and returns where they start (NULL after an overflow). */
static uint8_t *ipc_out_reserve(em_str *out, size_t n)
{
    size_t at = out->len;
    em_str_repeat(out, 0, n);
    return out->overflow ? NULL : (uint8_t *)out->data + at;
}

static void ipc_emit_buf(em_str *out, const ipc_wbuf *wb)
{
    int64_t padded = ipc_pad8(wb->len);
    switch (wb->kind) {
    case IPC_WBUF_COPY:
        if (wb->len)
            em_str_append(out, wb->src, (size_t)wb->len);
        em_str_repeat(out, 0, (size_t)(padded - wb->len));
        return;
    case IPC_WBUF_ZERO:
        em_str_repeat(out, 0, (size_t)padded);
        return;
    case IPC_WBUF_BOOL_PACK: {
        uint8_t *bits = ipc_out_reserve(out, (size_t)padded);
        const uint8_t *bytes = wb->src;
        if (bits)
            for (int64_t row = 0; row < wb->rows; row++)
                if (bytes[row])
                    bits[row >> 3] |= (uint8_t)(1u << (row & 7));
        return;
    }
    case IPC_WBUF_MDN: {
        uint8_t *dst = ipc_out_reserve(out, (size_t)padded);
        const ty_calendar_interval *iv = wb->src;
        if (dst)
            for (int64_t row = 0; row < wb->rows; row++) {
                if (wb->validity && !(wb->validity[row >> 3] & (1u << (row & 7))))
                    continue; /* null: zeros */
                int64_t ns = iv[row].microseconds * 1000;
                memcpy(dst + row * 16, &iv[row].months, 4);
                memcpy(dst + row * 16 + 4, &iv[row].days, 4);
                memcpy(dst + row * 16 + 8, &ns, 8);
            }
        return;
    }
    }
}

/* Frames a flatbuffer Message: continuation marker, padded length, bytes, padding. */
static void ipc_emit_message(em_str *out, size_t base, const uint8_t *fb, size_t fb_len)
{
    size_t pos = out->len - base + 8 + fb_len;
    size_t pad = (8 - (pos & 7)) & 7;
    uint32_t marker = 0xFFFFFFFFu;
    int32_t meta_len = (int32_t)(fb_len + pad);
    em_str_append(out, (const char *)&marker, 4);
    em_str_append(out, (const char *)&meta_len, 4);
    em_str_append(out, (const char *)fb, fb_len);
    em_str_repeat(out, 0, pad);
}

/* Wraps a header table in a Message table and finishes the flatbuffer. */
static int ipc_finish_message(ipc_fb_builder *b, uint8_t header_type, ipc_fb_ref header,
                              int64_t body_len, const uint8_t **fb, size_t *fb_len, em_error *err)
{
    ipc_fb_table_start(b);
    ipc_fb_add_i16(b, IPC_MESSAGE_VERSION, IPC_METADATA_V5);
    ipc_fb_add_u8(b, IPC_MESSAGE_HEADER_TYPE, header_type);
    ipc_fb_add_ref(b, IPC_MESSAGE_HEADER, header);
    ipc_fb_add_i64(b, IPC_MESSAGE_BODY_LENGTH, body_len);
    ipc_fb_ref msg = ipc_fb_table_end(b);
    return ipc_fb_finish(b, msg, fb, fb_len, err);
}

static int ipc_out_check(em_str *out, size_t start, em_error *err)
{
    if (!out->overflow)
        return EM_OK;
    out->overflow = false;
    out->len = start;
    if (out->data)
        out->data[start] = '\0';
    return em_error_internal(err, "Arrow IPC stream exceeds %zu bytes", out->max);
}

int ipc_encode_schema_message(const ty *schema, const ipc_write_opts *opts, size_t base,
                              em_str *out, em_error *err)
{
    if (out->overflow)
        return em_error_internal(err, "Arrow encode: output already overflowed");
    size_t start = out->len;
    ipc_fb_builder b;
    ipc_fb_init(&b);
    ipc_fb_ref root = 0;
    const uint8_t *fb = NULL;
    size_t fb_len = 0;
    int rc = ipc_schema_build(&b, schema, opts ? opts->timezone : NULL, &root, err);
    if (rc == EM_OK)
        rc = ipc_finish_message(&b, IPC_HDR_SCHEMA, root, 0, &fb, &fb_len, err);
    if (rc == EM_OK) {
        ipc_emit_message(out, base, fb, fb_len);
        rc = ipc_out_check(out, start, err);
    }
    ipc_fb_release(&b);
    return rc;
}

int ipc_encode_batch_message(const ty *schema, const vec_batch *batch, size_t base, em_str *out,
                             em_error *err)
{
    if (out->overflow)
        return em_error_internal(err, "Arrow encode: output already overflowed");
    if (!schema || schema->kind != TY_STRUCT || !batch)
        return em_error_internal(err, "Arrow encode: schema must be a struct type");
    if (batch->n_cols != schema->n_fields || batch->n_rows < 0)
        return em_error_internal(err, "Arrow encode: batch has %d columns, schema %d",
                                 batch->n_cols, schema->n_fields);
    size_t start = out->len;
    ipc_wplan plan;
    memset(&plan, 0, sizeof plan);
    int rc = EM_OK;
    for (int col = 0; col < batch->n_cols && rc == EM_OK; col++) {
        const vec *v = batch->cols[col];
        if (v && v->len != batch->n_rows)
            rc = em_error_internal(err, "Arrow encode: column %d has %lld rows, batch %lld", col,
                                   (long long)v->len, (long long)batch->n_rows);
        else
            rc = ipc_plan_vec(&plan, schema->fields[col].type, v, batch->n_rows, 1, err);
    }
    ipc_fb_builder b;
    ipc_fb_init(&b);
    if (rc == EM_OK) {
        int64_t *bufs = em_malloc((size_t)(plan.n_bufs ? plan.n_bufs : 1) * 16);
        for (int idx = 0; idx < plan.n_bufs; idx++) {
            bufs[2 * idx] = plan.bufs[idx].offset;
            bufs[2 * idx + 1] = plan.bufs[idx].len;
        }
        ipc_fb_ref nodes =
            ipc_fb_vector(&b, plan.nodes, (size_t)plan.n_nodes, IPC_FIELD_NODE_SIZE, 8);
        ipc_fb_ref buffers = ipc_fb_vector(&b, bufs, (size_t)plan.n_bufs, IPC_BUFFER_SIZE, 8);
        em_free(bufs);
        ipc_fb_table_start(&b);
        ipc_fb_add_i64(&b, IPC_RB_LENGTH, batch->n_rows);
        ipc_fb_add_ref(&b, IPC_RB_NODES, nodes);
        ipc_fb_add_ref(&b, IPC_RB_BUFFERS, buffers);
        ipc_fb_ref rb = ipc_fb_table_end(&b);
        const uint8_t *fb = NULL;
        size_t fb_len = 0;
        rc = ipc_finish_message(&b, IPC_HDR_RECORD_BATCH, rb, plan.body_len, &fb, &fb_len, err);
        if (rc == EM_OK) {
            ipc_emit_message(out, base, fb, fb_len);
            for (int idx = 0; idx < plan.n_bufs && !out->overflow; idx++)
                ipc_emit_buf(out, &plan.bufs[idx]);
            rc = ipc_out_check(out, start, err);
        }
    }
    ipc_fb_release(&b);
    ipc_plan_release(&plan);
    return rc;
}

void ipc_encode_eos(em_str *out)
{
    static const uint8_t eos[8] = {0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0};
    em_str_append(out, (const char *)eos, sizeof eos);
}

int ipc_encode_stream(const ty *schema, const vec_batch *batch, const ipc_write_opts *opts,
                      em_str *out, em_error *err)
{
    size_t base = out->len;
    int rc = ipc_encode_schema_message(schema, opts, base, out, err);
    if (rc == EM_OK)
        rc = ipc_encode_batch_message(schema, batch, base, out, err);
    if (rc == EM_OK) {
        ipc_encode_eos(out);
        rc = ipc_out_check(out, base, err);
    }
    if (rc != EM_OK && !out->overflow) {
        out->len = base;
        if (out->data)
            out->data[base] = '\0';
    }
    return rc;
}
