/*
 * ipc_read_array: the body of one RecordBatch (or DictionaryBatch) -> vectors, for the
 * nested layouts (List, LargeList, FixedSizeList, Map, Struct) and the plumbing every layout
 * shares: FieldNodes, body buffers, validity bitmaps, output allocation and the budget.
 *
 * Arrow lists the arrays of a batch in pre-order (a field's node and buffers, then its
 * children's); ipc_decode_array consumes them in that order, one node per field and the
 * layout's number of buffers, whatever rows the caller keeps. A caller keeps rows
 * [start, start + count) of the array: a list keeps the child range its offsets name, so
 * sliced arrays need no second copy.
 *
 * Checks made here, before any byte is read: a node's length is in [0, 2^31) and its null
 * count in [0, length]; every buffer lies inside the body; a validity bitmap covers the node
 * and holds exactly null_count zero bits; offsets are non-negative and non-decreasing; the
 * rows asked for exist. Output vectors are charged to the budget before they are allocated.
 */
#include "arrow/ipc_int.h"

#include <string.h>

#include "common/em_mem.h"

int ipc_batch_src_init(ipc_batch_src *src, const ipc_fb_table *rb, const uint8_t *body,
                       int64_t body_len, em_error *err)
{
    memset(src, 0, sizeof *src);
    src->body = body;
    src->body_len = body_len;
    src->codec = -1;
    src->length = ipc_fb_get_i64(rb, IPC_RB_LENGTH, 0);
    ipc_fb_get_vector(rb, IPC_RB_NODES, IPC_FIELD_NODE_SIZE, &src->nodes);
    ipc_fb_get_vector(rb, IPC_RB_BUFFERS, IPC_BUFFER_SIZE, &src->buffers);
    ipc_fb_table ct;
    if (ipc_fb_get_table(rb, IPC_RB_COMPRESSION, &ct)) {
        int codec = ipc_fb_get_u8(&ct, IPC_COMPRESSION_CODEC, IPC_CODEC_LZ4_FRAME);
        int method = ipc_fb_get_u8(&ct, IPC_COMPRESSION_METHOD, 0);
        if (method != 0 || (codec != IPC_CODEC_LZ4_FRAME && codec != IPC_CODEC_ZSTD))
            return ipc_malformed(err, "unknown body compression %d/%d", codec, method);
        src->codec = codec;
    }
    if (rb->fb->bad)
        return ipc_malformed(err, "%s", rb->fb->why);
    if (src->length < 0 || src->length > INT32_MAX)
        return ipc_malformed(err, "record batch length %lld", (long long)src->length);
    return EM_OK;
}

void ipc_batch_src_release(ipc_batch_src *src)
{
    for (int idx = 0; idx < src->n_owned; idx++)
        em_free(src->owned[idx]);
    em_free(src->owned);
    src->owned = NULL;
    src->n_owned = src->cap_owned = 0;
}

int ipc_charge(ipc_read_ctx *ctx, int64_t bytes)
{
    if (bytes < 0 || bytes > ctx->budget)
        return ipc_malformed(ctx->err, "decoded data would exceed the decoder's memory budget");
    ctx->budget -= bytes;
    return EM_OK;
}

vec *ipc_vec_alloc(ipc_read_ctx *ctx, const ty *t, int64_t rows, int64_t bytes)
{
    int width = ty_fixed_width(t);
    bool offsets = false;
    int n_children = 0;
    switch (t->kind) {
    case TY_STRING:
    case TY_CHAR:
    case TY_VARCHAR:
    case TY_BINARY:
        offsets = true;
        break;
    case TY_ARRAY:
        offsets = true;
        n_children = 1;
        break;
    case TY_MAP:
        offsets = true;
        n_children = 2;
        break;
    case TY_STRUCT:
        n_children = t->n_fields;
        break;
    default:
        break;
    }
    int64_t cost = (int64_t)sizeof(vec) + rows * width + rows / 8 + 1 + bytes +
                   (offsets ? (rows + 1) * 4 : 0) + (int64_t)n_children * 8;
    if (ipc_charge(ctx, cost) != EM_OK)
        return NULL;
    vec *v = em_calloc(1, sizeof *v);
    v->refcount = 1;
    v->type = t;
    v->len = rows;
    v->cap = rows;
    if (width && rows)
        v->values = em_calloc((size_t)rows, (size_t)width);
    if (offsets) {
        v->offsets = em_malloc((size_t)(rows + 1) * sizeof(int32_t));
        v->offsets[0] = 0;
    }
    if (bytes > 0) {
        v->bytes = em_malloc((size_t)bytes);
        v->bytes_cap = bytes;
    }
    if (n_children) {
        v->n_children = n_children;
        v->children = em_calloc((size_t)n_children, sizeof(vec *));
    }
    return v;
}

/* The next FieldNode, checked. */
static int ipc_next_node(ipc_read_ctx *ctx, ipc_batch_src *src, int64_t *len, int64_t *nulls)
{
    if (src->node_idx >= src->nodes.n)
        return ipc_malformed(ctx->err, "record batch has fewer field nodes than fields");
    const uint8_t *p = ipc_fb_vec_at(&src->nodes, src->node_idx++);
    *len = ipc_ld_i64(p);
    *nulls = ipc_ld_i64(p + 8);
    if (*len < 0 || *len > INT32_MAX)
        return ipc_malformed(ctx->err, "array length %lld", (long long)*len);
    if (*nulls < 0 || *nulls > *len)
        return ipc_malformed(ctx->err, "null count %lld for %lld rows", (long long)*nulls,
                             (long long)*len);
    return EM_OK;
}

int ipc_next_buffer(ipc_read_ctx *ctx, ipc_batch_src *src, const uint8_t **p, int64_t *len)
{
    if (src->buf_idx >= src->buffers.n)
        return ipc_malformed(ctx->err, "record batch has fewer buffers than its arrays need");
    const uint8_t *d = ipc_fb_vec_at(&src->buffers, src->buf_idx++);
    int64_t off = ipc_ld_i64(d), n = ipc_ld_i64(d + 8);
    if (off < 0 || n < 0 || off > src->body_len || n > src->body_len - off)
        return ipc_malformed(ctx->err, "buffer [%lld, +%lld) outside a body of %lld bytes",
                             (long long)off, (long long)n, (long long)src->body_len);
    *p = src->body + off;
    *len = n;
    if (src->codec < 0 || n == 0)
        return EM_OK;
    bool owned = false;
    int rc = ipc_decompress(src->codec, src->body + off, n, ctx->budget, p, len, &owned, ctx->err);
    if (rc != EM_OK)
        return rc;
    if (owned) {
        if (src->n_owned == src->cap_owned) {
            src->cap_owned = src->cap_owned ? src->cap_owned * 2 : 16;
            src->owned = em_realloc(src->owned, (size_t)src->cap_owned * sizeof(uint8_t *));
        }
        src->owned[src->n_owned++] = (uint8_t *)*p;
        return ipc_charge(ctx, *len);
    }
    return EM_OK;
}

/* Reads the validity buffer of a node; *bitmap is NULL when the node has no nulls. */
static int ipc_read_validity(ipc_read_ctx *ctx, ipc_batch_src *src, int64_t nlen, int64_t nnull,
                             const uint8_t **bitmap)
{
    const uint8_t *p;
    int64_t len;
    *bitmap = NULL;
    int rc = ipc_next_buffer(ctx, src, &p, &len);
    if (rc != EM_OK || nnull == 0)
        return rc;
    if (len < (nlen + 7) / 8)
        return ipc_malformed(ctx->err, "validity bitmap of %lld bytes for %lld rows",
                             (long long)len, (long long)nlen);
    int64_t valid = 0, full = nlen / 8;
    for (int64_t idx = 0; idx < full; idx++)
        valid += __builtin_popcount(p[idx]);
    for (int64_t row = full * 8; row < nlen; row++)
        valid += ipc_bit(p, row);
    if (nlen - valid != nnull)
        return ipc_malformed(ctx->err, "null count %lld but the bitmap has %lld nulls",
                             (long long)nnull, (long long)(nlen - valid));
    *bitmap = p;
    return EM_OK;
}

void ipc_set_validity(vec *out, const uint8_t *bitmap, int64_t start, int64_t count)
{
    if (!bitmap)
        return;
    for (int64_t row = 0; row < count; row++) {
        if (ipc_bit(bitmap, start + row))
            continue;
        if (!out->validity) {
            size_t n = (size_t)((out->cap + 7) / 8);
            out->validity = em_malloc(n ? n : 1);
            memset(out->validity, 0xff, n ? n : 1);
        }
        out->validity[row >> 3] &= (uint8_t) ~(1u << (row & 7));
    }
}

int ipc_read_offsets(ipc_read_ctx *ctx, ipc_batch_src *src, int width, int64_t nlen,
                     ipc_offsets *out)
{
    const uint8_t *p;
    int64_t len;
    out->p = NULL;
    out->width = width;
    int rc = ipc_next_buffer(ctx, src, &p, &len);
    if (rc != EM_OK)
        return rc;
    if (len == 0 && nlen == 0)
        return EM_OK;
    if (len / width < nlen + 1)
        return ipc_malformed(ctx->err, "offsets buffer of %lld bytes for %lld rows", (long long)len,
                             (long long)nlen);
    out->p = p;
    int64_t prev = ipc_offset_at(out, 0);
    if (prev < 0)
        return ipc_malformed(ctx->err, "negative offset");
    for (int64_t idx = 1; idx <= nlen; idx++) {
        int64_t cur = ipc_offset_at(out, idx);
        if (cur < prev)
            return ipc_malformed(ctx->err, "offsets decrease at row %lld", (long long)idx);
        prev = cur;
    }
    return EM_OK;
}

static int ipc_null_vec(ipc_read_ctx *ctx, const ty *t, int64_t count, vec **out)
{
    vec *v = ipc_vec_alloc(ctx, t, count, 0);
    if (!v)
        return ctx->err ? ctx->err->code : EM_EINTERNAL;
    size_t n = (size_t)((count + 7) / 8);
    v->validity = em_calloc(n ? n : 1, 1);
    *out = v;
    return EM_OK;
}

/* List, LargeList and Map: offsets, then the child (for a map: entries{key, value}). */
static int ipc_read_list(ipc_read_ctx *ctx, ipc_batch_src *src, const ipc_field *f, int64_t nlen,
                         const uint8_t *bitmap, int64_t start, int64_t count, vec **out)
{
    ipc_offsets offs;
    int rc = ipc_read_offsets(ctx, src, f->type_id == IPC_T_LARGE_LIST ? 8 : 4, nlen, &offs);
    if (rc != EM_OK)
        return rc;
    int64_t first = ipc_offset_at(&offs, start);
    int64_t n_child = ipc_offset_at(&offs, start + count) - first;
    vec *kids[2] = {NULL, NULL};
    if (f->type_id == IPC_T_MAP) {
        const ipc_field *entries = &f->children[0];
        int64_t elen = 0, enull = 0;
        const uint8_t *ignored;
        int64_t ignored_len;
        rc = ipc_next_node(ctx, src, &elen, &enull);
        if (rc == EM_OK)
            rc = ipc_next_buffer(ctx, src, &ignored, &ignored_len);
        if (rc == EM_OK && (first > elen || n_child > elen - first))
            rc = ipc_malformed(ctx->err, "map offsets past its %lld entries", (long long)elen);
        if (rc == EM_OK)
            rc = ipc_decode_array(ctx, src, &entries->children[0], first, n_child, true, &kids[0]);
        if (rc == EM_OK)
            rc = ipc_decode_array(ctx, src, &entries->children[1], first, n_child, true, &kids[1]);
        if (rc == EM_OK && vec_null_count(kids[0]) > 0)
            rc = ipc_malformed(ctx->err, "map key is null");
    } else {
        rc = ipc_decode_array(ctx, src, &f->children[0], first, n_child, true, &kids[0]);
    }
    vec *v = rc == EM_OK ? ipc_vec_alloc(ctx, f->type, count, 0) : NULL;
    if (!v) {
        vec_release(kids[0]);
        vec_release(kids[1]);
        return rc != EM_OK ? rc : ctx->err ? ctx->err->code : EM_EINTERNAL;
    }
    for (int64_t row = 0; row <= count; row++)
        v->offsets[row] = (int32_t)(ipc_offset_at(&offs, start + row) - first);
    v->children[0] = kids[0];
    if (f->type_id == IPC_T_MAP)
        v->children[1] = kids[1];
    ipc_set_validity(v, bitmap, start, count);
    *out = v;
    return EM_OK;
}

static int ipc_read_fixed_list(ipc_read_ctx *ctx, ipc_batch_src *src, const ipc_field *f,
                               const uint8_t *bitmap, int64_t start, int64_t count, vec **out)
{
    int64_t size = f->fixed_size;
    vec *kid = NULL;
    int rc = ipc_decode_array(ctx, src, &f->children[0], start * size, count * size, true, &kid);
    if (rc != EM_OK)
        return rc;
    vec *v = ipc_vec_alloc(ctx, f->type, count, 0);
    if (!v) {
        vec_release(kid);
        return ctx->err ? ctx->err->code : EM_EINTERNAL;
    }
    for (int64_t row = 0; row <= count; row++)
        v->offsets[row] = (int32_t)(row * size);
    v->children[0] = kid;
    ipc_set_validity(v, bitmap, start, count);
    *out = v;
    return EM_OK;
}

static int ipc_read_struct(ipc_read_ctx *ctx, ipc_batch_src *src, const ipc_field *f,
                           const uint8_t *bitmap, int64_t start, int64_t count, vec **out)
{
    vec *v = ipc_vec_alloc(ctx, f->type, count, 0);
    if (!v)
        return ctx->err ? ctx->err->code : EM_EINTERNAL;
    for (int idx = 0; idx < f->n_children; idx++) {
        int rc =
            ipc_decode_array(ctx, src, &f->children[idx], start, count, true, &v->children[idx]);
        if (rc != EM_OK) {
            vec_release(v);
            return rc;
        }
    }
    ipc_set_validity(v, bitmap, start, count);
    *out = v;
    return EM_OK;
}

int ipc_decode_array(ipc_read_ctx *ctx, ipc_batch_src *src, const ipc_field *f, int64_t start,
                     int64_t count, bool decode_dict, vec **out)
{
    *out = NULL;
    int64_t nlen = 0, nnull = 0;
    int rc = ipc_next_node(ctx, src, &nlen, &nnull);
    if (rc != EM_OK)
        return rc;
    if (start < 0 || count < 0 || start > nlen || count > nlen - start)
        return ipc_malformed(ctx->err, "array of %lld rows lacks rows [%lld, %lld)",
                             (long long)nlen, (long long)start, (long long)(start + count));
    bool dict = f->dict && decode_dict;
    if (f->type_id == IPC_T_NULL && !dict)
        return ipc_null_vec(ctx, f->type, count, out); /* the Null layout has no buffers */
    const uint8_t *bitmap;
    rc = ipc_read_validity(ctx, src, nlen, nnull, &bitmap);
    if (rc != EM_OK)
        return rc;
    if (dict)
        return ipc_read_dict_column(ctx, src, f, nlen, bitmap, start, count, out);
    switch (f->type_id) {
    case IPC_T_LIST:
    case IPC_T_LARGE_LIST:
    case IPC_T_MAP:
        return ipc_read_list(ctx, src, f, nlen, bitmap, start, count, out);
    case IPC_T_FIXED_SIZE_LIST:
        return ipc_read_fixed_list(ctx, src, f, bitmap, start, count, out);
    case IPC_T_STRUCT:
        return ipc_read_struct(ctx, src, f, bitmap, start, count, out);
    default:
        return ipc_read_values(ctx, src, f, nlen, bitmap, start, count, out);
    }
}
