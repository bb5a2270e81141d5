/*
 * ipc_fb_build: a minimal flatbuffer builder, enough for Arrow's Schema, RecordBatch and
 * Message tables (see ipc_int.h for the format facts it relies on).
 *
 * The buffer is filled from its end towards its start, so an object's children are always
 * at higher addresses than the offsets that point at them (flatbuffer offsets are unsigned
 * and point forward). An object is named by its distance from the end (`ipc_fb_ref`).
 * Alignment is also counted from the end; ipc_fb_finish pads the front so the total size is
 * a multiple of the largest alignment used (at least 8), which makes "aligned from the end"
 * the same as "aligned from the start".
 *
 * Fields are always written explicitly, defaults included: readers accept either form and it
 * keeps the writer free of per-field default tables. Vtables are not shared between tables
 * (a few bytes per message).
 */
#include "arrow/ipc_int.h"

#include <assert.h>
#include <string.h>

#include "common/em_mem.h"

void ipc_fb_init(ipc_fb_builder *b)
{
    memset(b, 0, sizeof *b);
    b->max_align = 8;
}

void ipc_fb_release(ipc_fb_builder *b)
{
    em_free(b->buf);
    memset(b, 0, sizeof *b);
}

/* Makes room for n more bytes at the front; false (and overflow) past the limit. */
static bool ipc_fb_grow(ipc_fb_builder *b, size_t n)
{
    if (b->overflow)
        return false;
    if (n > IPC_FB_MAX_BYTES || b->used + n > IPC_FB_MAX_BYTES) {
        b->overflow = true;
        return false;
    }
    if (b->cap - b->used >= n)
        return true;
    size_t ncap = b->cap ? b->cap : 256;
    while (ncap - b->used < n)
        ncap *= 2;
    uint8_t *nbuf = em_malloc(ncap);
    if (b->used)
        memcpy(nbuf + ncap - b->used, b->buf + b->cap - b->used, b->used);
    em_free(b->buf);
    b->buf = nbuf;
    b->cap = ncap;
    return true;
}

/* Prepends n bytes copied from p. */
static void ipc_fb_push(ipc_fb_builder *b, const void *p, size_t n)
{
    if (!ipc_fb_grow(b, n))
        return;
    b->used += n;
    if (n)
        memcpy(b->buf + b->cap - b->used, p, n);
}

static void ipc_fb_zeros(ipc_fb_builder *b, size_t n)
{
    if (n == 0 || !ipc_fb_grow(b, n))
        return;
    b->used += n;
    memset(b->buf + b->cap - b->used, 0, n);
}

/*
 * Pads so that once `extra` more bytes are written, the object they form starts at a
 * multiple of align (counted from the end).
 */
static void ipc_fb_prep(ipc_fb_builder *b, size_t align, size_t extra)
{
    if (align > b->max_align)
        b->max_align = align;
    size_t pad = (align - ((b->used + extra) & (align - 1))) & (align - 1);
    ipc_fb_zeros(b, pad);
}

/* Prepends a uoffset pointing at ref; returns nothing, the field's place is b->used. */
static void ipc_fb_push_uoffset(ipc_fb_builder *b, ipc_fb_ref ref)
{
    ipc_fb_prep(b, 4, 0);
    /* After the push the offset sits at distance used+4 from the end; the target at ref. */
    assert(ref <= b->used + 4);
    uint32_t v = (uint32_t)(b->used + 4 - ref);
    ipc_fb_push(b, &v, 4);
}

ipc_fb_ref ipc_fb_string(ipc_fb_builder *b, const char *s, size_t len)
{
    assert(!b->in_table);
    if (len > IPC_FB_MAX_BYTES) {
        b->overflow = true;
        return 0;
    }
    ipc_fb_prep(b, 4, len + 1);
    ipc_fb_zeros(b, 1);
    ipc_fb_push(b, s, len);
    uint32_t n = (uint32_t)len;
    ipc_fb_push(b, &n, 4);
    return (ipc_fb_ref)b->used;
}

ipc_fb_ref ipc_fb_vector(ipc_fb_builder *b, const void *elems, size_t n, size_t elem_size,
                         size_t align)
{
    assert(!b->in_table);
    if (elem_size && n > IPC_FB_MAX_BYTES / elem_size) {
        b->overflow = true;
        return 0;
    }
    size_t bytes = n * elem_size;
    ipc_fb_prep(b, align < 4 ? 4 : align, bytes);
    ipc_fb_push(b, elems, bytes);
    uint32_t count = (uint32_t)n;
    ipc_fb_push(b, &count, 4);
    return (ipc_fb_ref)b->used;
}

ipc_fb_ref ipc_fb_vector_refs(ipc_fb_builder *b, const ipc_fb_ref *refs, size_t n)
{
    assert(!b->in_table);
    if (n > IPC_FB_MAX_BYTES / 4) {
        b->overflow = true;
        return 0;
    }
    ipc_fb_prep(b, 4, n * 4);
    for (size_t idx = n; idx-- > 0;)
        ipc_fb_push_uoffset(b, refs[idx]);
    uint32_t count = (uint32_t)n;
    ipc_fb_push(b, &count, 4);
    return (ipc_fb_ref)b->used;
}

void ipc_fb_table_start(ipc_fb_builder *b)
{
    assert(!b->in_table);
    b->in_table = true;
    b->n_slots = 0;
    memset(b->slots, 0, sizeof b->slots);
    b->table_start = b->used;
}

static void ipc_fb_slot(ipc_fb_builder *b, int id)
{
    assert(b->in_table && id >= 0 && id <= IPC_FB_MAX_FIELD_ID);
    b->slots[id] = (uint32_t)b->used;
    if (id + 1 > b->n_slots)
        b->n_slots = id + 1;
}

static void ipc_fb_add_scalar(ipc_fb_builder *b, int id, const void *v, size_t size)
{
    ipc_fb_prep(b, size, 0);
    ipc_fb_push(b, v, size);
    ipc_fb_slot(b, id);
}

void ipc_fb_add_u8(ipc_fb_builder *b, int id, uint8_t v)
{
    ipc_fb_add_scalar(b, id, &v, 1);
}

void ipc_fb_add_i16(ipc_fb_builder *b, int id, int16_t v)
{
    ipc_fb_add_scalar(b, id, &v, 2);
}

void ipc_fb_add_i32(ipc_fb_builder *b, int id, int32_t v)
{
    ipc_fb_add_scalar(b, id, &v, 4);
}

void ipc_fb_add_i64(ipc_fb_builder *b, int id, int64_t v)
{
    ipc_fb_add_scalar(b, id, &v, 8);
}

void ipc_fb_add_ref(ipc_fb_builder *b, int id, ipc_fb_ref ref)
{
    ipc_fb_push_uoffset(b, ref);
    ipc_fb_slot(b, id);
}

ipc_fb_ref ipc_fb_table_end(ipc_fb_builder *b)
{
    assert(b->in_table);
    b->in_table = false;
    /* The soffset to the vtable opens the table; patched once the vtable is placed. */
    ipc_fb_prep(b, 4, 0);
    int32_t zero = 0;
    ipc_fb_push(b, &zero, 4);
    size_t table_ref = b->used;
    size_t table_bytes = table_ref - b->table_start;
    uint16_t vt[2 + IPC_FB_MAX_FIELD_ID + 1];
    size_t vt_bytes = (size_t)(2 + b->n_slots) * 2;
    if (table_bytes > UINT16_MAX) {
        b->overflow = true;
        return 0;
    }
    vt[0] = (uint16_t)vt_bytes;
    vt[1] = (uint16_t)table_bytes;
    for (int id = 0; id < b->n_slots; id++)
        vt[2 + id] = b->slots[id] ? (uint16_t)(table_ref - b->slots[id]) : 0;
    ipc_fb_push(b, vt, vt_bytes);
    if (b->overflow)
        return 0;
    /* vtable = table - soffset; the vtable sits before the table, so soffset > 0. */
    int32_t soffset = (int32_t)(b->used - table_ref);
    memcpy(b->buf + b->cap - table_ref, &soffset, 4);
    return (ipc_fb_ref)table_ref;
}

int ipc_fb_finish(ipc_fb_builder *b, ipc_fb_ref root, const uint8_t **data, size_t *len,
                  em_error *err)
{
    assert(!b->in_table);
    ipc_fb_prep(b, b->max_align, 4);
    ipc_fb_push_uoffset(b, root);
    if (b->overflow)
        return em_error_internal(err, "Arrow IPC metadata exceeds %zu bytes", IPC_FB_MAX_BYTES);
    *data = b->buf + b->cap - b->used;
    *len = b->used;
    return EM_OK;
}
