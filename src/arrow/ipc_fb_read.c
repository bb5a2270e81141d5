/*
 * ipc_fb_read: a bounds-checked flatbuffer reader for metadata that may be hostile.
 *
 * Every position is checked against the buffer before a byte is read, with 64-bit
 * arithmetic so that no sum can wrap. A failed check marks the buffer bad (sticky, with a
 * static reason) and the accessor answers "absent" or the field's default; callers check
 * fb->bad once when they are done with a message. Loads go through memcpy, so unaligned
 * offsets are harmless (they are also accepted: Arrow writers align, but nothing here needs
 * it).
 *
 * Termination: every uoffset points strictly forward (a zero offset would make a table whose
 * vtable length is 0, which is rejected), so chains of tables cannot loop; depth and fan-out
 * limits are the schema parser's business.
 */
#include "arrow/ipc_int.h"

#include <string.h>

void ipc_fb_buf_init(ipc_fb_buf *fb, const uint8_t *data, size_t len)
{
    fb->data = data;
    fb->len = len;
    fb->bad = false;
    fb->why = NULL;
}

static void ipc_fb_fail(ipc_fb_buf *fb, const char *why)
{
    if (!fb->bad) {
        fb->bad = true;
        fb->why = why;
    }
}

/* True if [pos, pos + n) lies inside the buffer. */
static bool ipc_fb_in(const ipc_fb_buf *fb, uint64_t pos, uint64_t n)
{
    return pos <= fb->len && n <= fb->len - pos;
}

/* Reads the table at pos (its soffset and vtable). */
static bool ipc_fb_table_at(ipc_fb_buf *fb, uint64_t pos, ipc_fb_table *out)
{
    memset(out, 0, sizeof *out);
    out->fb = fb;
    if (fb->bad)
        return false;
    if (!ipc_fb_in(fb, pos, 4)) {
        ipc_fb_fail(fb, "table offset out of bounds");
        return false;
    }
    int64_t vt = (int64_t)pos - (int64_t)ipc_ld_i32(fb->data + pos);
    if (vt < 0 || !ipc_fb_in(fb, (uint64_t)vt, 4)) {
        ipc_fb_fail(fb, "vtable offset out of bounds");
        return false;
    }
    uint16_t vt_len = ipc_ld_u16(fb->data + vt);
    uint16_t tb_len = ipc_ld_u16(fb->data + vt + 2);
    if (vt_len < 4 || (vt_len & 1) || !ipc_fb_in(fb, (uint64_t)vt, vt_len)) {
        ipc_fb_fail(fb, "vtable length invalid");
        return false;
    }
    if (tb_len < 4 || !ipc_fb_in(fb, pos, tb_len)) {
        ipc_fb_fail(fb, "table length invalid");
        return false;
    }
    out->pos = (size_t)pos;
    out->vt = (size_t)vt;
    out->vt_len = vt_len;
    out->tb_len = tb_len;
    return true;
}

bool ipc_fb_root(ipc_fb_buf *fb, ipc_fb_table *out)
{
    memset(out, 0, sizeof *out);
    out->fb = fb;
    if (!ipc_fb_in(fb, 0, 4)) {
        ipc_fb_fail(fb, "buffer too short for a root offset");
        return false;
    }
    return ipc_fb_table_at(fb, ipc_ld_u32(fb->data), out);
}

/*
 * The offset of field id inside the table, 0 if absent. A present field must fit in the
 * table's inline part (size bytes) and start after the soffset.
 */
static size_t ipc_fb_field(const ipc_fb_table *t, int id, size_t size)
{
    if (!t->fb || t->fb->bad || t->vt_len == 0)
        return 0;
    size_t slot = 4 + 2 * (size_t)id;
    if (slot + 2 > t->vt_len)
        return 0;
    uint16_t off = ipc_ld_u16(t->fb->data + t->vt + slot);
    if (off == 0)
        return 0;
    if (off < 4 || (size_t)off + size > t->tb_len) {
        ipc_fb_fail(t->fb, "field outside its table");
        return 0;
    }
    return off;
}

bool ipc_fb_has(const ipc_fb_table *t, int id)
{
    return ipc_fb_field(t, id, 1) != 0;
}

uint8_t ipc_fb_get_u8(const ipc_fb_table *t, int id, uint8_t def)
{
    size_t off = ipc_fb_field(t, id, 1);
    return off ? t->fb->data[t->pos + off] : def;
}

bool ipc_fb_get_bool(const ipc_fb_table *t, int id, bool def)
{
    return ipc_fb_get_u8(t, id, def ? 1 : 0) != 0;
}

int16_t ipc_fb_get_i16(const ipc_fb_table *t, int id, int16_t def)
{
    size_t off = ipc_fb_field(t, id, 2);
    return off ? (int16_t)ipc_ld_u16(t->fb->data + t->pos + off) : def;
}

int32_t ipc_fb_get_i32(const ipc_fb_table *t, int id, int32_t def)
{
    size_t off = ipc_fb_field(t, id, 4);
    return off ? ipc_ld_i32(t->fb->data + t->pos + off) : def;
}

int64_t ipc_fb_get_i64(const ipc_fb_table *t, int id, int64_t def)
{
    size_t off = ipc_fb_field(t, id, 8);
    return off ? ipc_ld_i64(t->fb->data + t->pos + off) : def;
}

/* Follows the uoffset stored at field id; returns the target position, or 0 if absent. */
static uint64_t ipc_fb_deref(const ipc_fb_table *t, int id)
{
    size_t off = ipc_fb_field(t, id, 4);
    if (!off)
        return 0;
    uint64_t at = (uint64_t)t->pos + off;
    uint64_t target = at + ipc_ld_u32(t->fb->data + at);
    if (target == at || target >= t->fb->len) {
        ipc_fb_fail(t->fb, "offset out of bounds");
        return 0;
    }
    return target;
}

bool ipc_fb_get_table(const ipc_fb_table *t, int id, ipc_fb_table *out)
{
    memset(out, 0, sizeof *out);
    out->fb = t->fb;
    uint64_t target = ipc_fb_deref(t, id);
    if (!target)
        return false;
    return ipc_fb_table_at(t->fb, target, out);
}

/* Reads a vector header at pos and checks its elements fit. */
static bool ipc_fb_vector_at(ipc_fb_buf *fb, uint64_t pos, size_t elem_size, ipc_fb_vec *out)
{
    if (!ipc_fb_in(fb, pos, 4)) {
        ipc_fb_fail(fb, "vector offset out of bounds");
        return false;
    }
    uint32_t n = ipc_ld_u32(fb->data + pos);
    if (!ipc_fb_in(fb, pos + 4, (uint64_t)n * elem_size)) {
        ipc_fb_fail(fb, "vector longer than its buffer");
        return false;
    }
    out->pos = (size_t)(pos + 4);
    out->n = n;
    return true;
}

bool ipc_fb_get_vector(const ipc_fb_table *t, int id, size_t elem_size, ipc_fb_vec *out)
{
    memset(out, 0, sizeof *out);
    out->fb = t->fb;
    out->elem_size = elem_size;
    uint64_t target = ipc_fb_deref(t, id);
    if (!target)
        return !(t->fb && t->fb->bad);
    return ipc_fb_vector_at(t->fb, target, elem_size, out);
}

bool ipc_fb_vec_table(const ipc_fb_vec *v, uint32_t idx, ipc_fb_table *out)
{
    memset(out, 0, sizeof *out);
    out->fb = v->fb;
    if (idx >= v->n || v->elem_size != 4) {
        ipc_fb_fail(v->fb, "vector index out of range");
        return false;
    }
    uint64_t at = (uint64_t)v->pos + (uint64_t)idx * 4;
    uint64_t target = at + ipc_ld_u32(v->fb->data + at);
    if (target == at || target >= v->fb->len) {
        ipc_fb_fail(v->fb, "offset out of bounds");
        return false;
    }
    return ipc_fb_table_at(v->fb, target, out);
}

const uint8_t *ipc_fb_vec_at(const ipc_fb_vec *v, uint32_t idx)
{
    if (idx >= v->n) {
        ipc_fb_fail(v->fb, "vector index out of range");
        return NULL;
    }
    return v->fb->data + v->pos + (size_t)idx * v->elem_size;
}

bool ipc_fb_get_string(const ipc_fb_table *t, int id, const char **s, uint32_t *len)
{
    *s = NULL;
    *len = 0;
    uint64_t target = ipc_fb_deref(t, id);
    if (!target)
        return false;
    ipc_fb_vec v;
    v.fb = t->fb;
    v.elem_size = 1;
    if (!ipc_fb_vector_at(t->fb, target, 1, &v))
        return false;
    *s = (const char *)t->fb->data + v.pos;
    *len = v.n;
    return true;
}
