/*
 * pq_thrift: the Thrift compact protocol, read side: varints, zigzag integers, field headers,
 * binaries, list headers and skipping of any value. The parquet.thrift structures built on it
 * live in pq_meta.c.
 *
 * Input is hostile: varints stop at 10 bytes, list counts are bounded by the bytes left (every
 * element takes at least one), struct nesting by PQ_MAX_DEPTH, and every binary length by the
 * buffer.
 */
#include "io/parquet/pq_int.h"

#include <string.h>

/* ---- primitives ----------------------------------------------------------------------------- */

int pq_t_varint(pq_tin *t, uint64_t *out)
{
    uint64_t v = 0;
    *out = 0;
    for (int shift = 0; shift < 70; shift += 7) {
        if (t->p >= t->end)
            return pq_fail("thrift: truncated varint");
        uint8_t b = *t->p++;
        if (shift == 63 && (b & 0x7e))
            return pq_fail("thrift: varint overflows 64 bits");
        v |= (uint64_t)(b & 0x7f) << shift;
        if (!(b & 0x80)) {
            *out = v;
            return 0;
        }
    }
    return pq_fail("thrift: variable-length int over 10 bytes");
}

static int64_t pq_t_unzigzag(uint64_t v)
{
    return (int64_t)(v >> 1) ^ -(int64_t)(v & 1);
}

int pq_t_i64(pq_tin *t, int64_t *out)
{
    uint64_t v;
    *out = 0;
    if (pq_t_varint(t, &v))
        return EM_EIO;
    *out = pq_t_unzigzag(v);
    return 0;
}

int pq_t_i32(pq_tin *t, int32_t *out)
{
    uint64_t v;
    *out = 0;
    if (pq_t_varint(t, &v))
        return EM_EIO;
    if (v > UINT32_MAX)
        return pq_fail("thrift: i32 out of range");
    *out = (int32_t)pq_t_unzigzag(v);
    return 0;
}

/* An integer field of any integer wire type (writers disagree on widths of a few fields). */
int pq_t_int(pq_tin *t, int type, int64_t *out)
{
    *out = 0;
    switch (type) {
    case PQ_T_BYTE:
        if (t->p >= t->end)
            return pq_fail("thrift: truncated byte");
        *out = (int8_t)*t->p++;
        return 0;
    case PQ_T_I16:
    case PQ_T_I32:
    case PQ_T_I64:
        return pq_t_i64(t, out);
    default:
        return pq_fail("thrift: expected an integer, found wire type %d", type);
    }
}

int pq_t_int32_field(pq_tin *t, int type, int32_t *out)
{
    int64_t v;
    *out = 0;
    if (pq_t_int(t, type, &v))
        return EM_EIO;
    if (v < INT32_MIN || v > INT32_MAX)
        return pq_fail("thrift: i32 field out of range");
    *out = (int32_t)v;
    return 0;
}

int pq_t_binary(pq_tin *t, const uint8_t **ptr, int32_t *len)
{
    uint64_t n;
    if (pq_t_varint(t, &n))
        return EM_EIO;
    if (n > (uint64_t)(t->end - t->p) || n > INT32_MAX)
        return pq_fail("thrift: binary length %llu exceeds the buffer", (unsigned long long)n);
    *ptr = t->p;
    *len = (int32_t)n;
    t->p += n;
    return 0;
}

int pq_t_binary_field(pq_tin *t, int type, const uint8_t **ptr, int32_t *len)
{
    if (type != PQ_T_BINARY)
        return pq_fail("thrift: expected binary, found wire type %d", type);
    return pq_t_binary(t, ptr, len);
}

int pq_t_bool_field(const pq_tfield *f, bool *out)
{
    if (f->type != PQ_T_TRUE && f->type != PQ_T_FALSE)
        return pq_fail("thrift: expected bool, found wire type %d", f->type);
    *out = f->bool_val;
    return 0;
}

int pq_t_field(pq_tin *t, int16_t *last_id, pq_tfield *f)
{
    if (t->p >= t->end)
        return pq_fail("thrift: truncated struct");
    uint8_t b = *t->p++;
    f->type = b & 0x0f;
    f->bool_val = false;
    if (f->type == PQ_T_STOP) {
        f->id = 0;
        return 0;
    }
    int delta = b >> 4;
    if (delta) {
        if (*last_id > INT16_MAX - delta)
            return pq_fail("thrift: field id overflow");
        f->id = (int16_t)(*last_id + delta);
    } else {
        int64_t id;
        if (pq_t_i64(t, &id))
            return EM_EIO;
        if (id < INT16_MIN || id > INT16_MAX)
            return pq_fail("thrift: field id out of range");
        f->id = (int16_t)id;
    }
    if (f->type > PQ_T_STRUCT)
        return pq_fail("thrift: invalid wire type %d", f->type);
    if (f->type == PQ_T_TRUE || f->type == PQ_T_FALSE)
        f->bool_val = f->type == PQ_T_TRUE;
    *last_id = f->id;
    return 0;
}

int pq_t_list(pq_tin *t, int *elem_type, int32_t *count)
{
    if (t->p >= t->end)
        return pq_fail("thrift: truncated list header");
    uint8_t b = *t->p++;
    uint64_t n = b >> 4;
    *elem_type = b & 0x0f;
    if (n == 15 && pq_t_varint(t, &n))
        return EM_EIO;
    if (*elem_type == PQ_T_STOP || *elem_type > PQ_T_STRUCT)
        return pq_fail("thrift: invalid list element type %d", *elem_type);
    /* Every element takes at least one byte. */
    if (n > (uint64_t)(t->end - t->p))
        return pq_fail("thrift: list of %llu elements exceeds the buffer", (unsigned long long)n);
    *count = (int32_t)n;
    return 0;
}

int pq_t_struct_begin(pq_tin *t)
{
    if (++t->depth > PQ_MAX_DEPTH)
        return pq_fail("thrift: structs nested deeper than %d", PQ_MAX_DEPTH);
    return 0;
}

void pq_t_struct_end(pq_tin *t)
{
    t->depth--;
}

/* Skips one value; in_container: a bool takes a byte (inside lists and maps). */
static int pq_t_skip_value(pq_tin *t, int type, bool in_container)
{
    switch (type) {
    case PQ_T_TRUE:
    case PQ_T_FALSE:
        if (in_container) {
            if (t->p >= t->end)
                return pq_fail("thrift: truncated bool");
            t->p++;
        }
        return 0;
    case PQ_T_BYTE:
        if (t->p >= t->end)
            return pq_fail("thrift: truncated byte");
        t->p++;
        return 0;
    case PQ_T_I16:
    case PQ_T_I32:
    case PQ_T_I64: {
        uint64_t v;
        return pq_t_varint(t, &v);
    }
    case PQ_T_DOUBLE:
        if (t->end - t->p < 8)
            return pq_fail("thrift: truncated double");
        t->p += 8;
        return 0;
    case PQ_T_BINARY: {
        const uint8_t *ptr;
        int32_t len;
        return pq_t_binary(t, &ptr, &len);
    }
    case PQ_T_LIST:
    case PQ_T_SET: {
        int et;
        int32_t n;
        if (pq_t_list(t, &et, &n) || pq_t_struct_begin(t))
            return EM_EIO;
        for (int32_t i = 0; i < n; i++)
            if (pq_t_skip_value(t, et, true))
                return EM_EIO;
        pq_t_struct_end(t);
        return 0;
    }
    case PQ_T_MAP: {
        uint64_t n;
        if (pq_t_varint(t, &n))
            return EM_EIO;
        if (n == 0)
            return 0;
        if (t->p >= t->end || n > (uint64_t)(t->end - t->p))
            return pq_fail("thrift: map of %llu entries exceeds the buffer", (unsigned long long)n);
        uint8_t kv = *t->p++;
        if (pq_t_struct_begin(t))
            return EM_EIO;
        for (uint64_t i = 0; i < n; i++)
            if (pq_t_skip_value(t, kv >> 4, true) || pq_t_skip_value(t, kv & 0x0f, true))
                return EM_EIO;
        pq_t_struct_end(t);
        return 0;
    }
    case PQ_T_STRUCT: {
        if (pq_t_struct_begin(t))
            return EM_EIO;
        int16_t last = 0;
        for (;;) {
            pq_tfield f;
            if (pq_t_field(t, &last, &f))
                return EM_EIO;
            if (f.type == PQ_T_STOP)
                break;
            if (pq_t_skip_value(t, f.type, false))
                return EM_EIO;
        }
        pq_t_struct_end(t);
        return 0;
    }
    default:
        return pq_fail("thrift: cannot skip wire type %d", type);
    }
}

int pq_t_skip(pq_tin *t, int type)
{
    return pq_t_skip_value(t, type, false);
}

int pq_t_skip_elem(pq_tin *t, int type)
{
    return pq_t_skip_value(t, type, true);
}

/* Expects a struct-typed field and enters it. */
int pq_t_enter(pq_tin *t, const pq_tfield *f)
{
    if (f->type != PQ_T_STRUCT)
        return pq_fail("thrift: field %d: expected a struct, found wire type %d", f->id, f->type);
    return pq_t_struct_begin(t);
}
