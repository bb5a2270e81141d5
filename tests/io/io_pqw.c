/*
 * io_pqw: the test-only Parquet builder (see io_pqw.h). Field ids follow parquet.thrift.
 */
#include "io_pqw.h"

#include "common/em_mem.h"

#include <lz4.h>
#include <string.h>

enum { TW_TRUE = 1, TW_FALSE = 2, TW_I32 = 5, TW_I64 = 6, TW_BIN = 8, TW_LIST = 9, TW_STRUCT = 12 };

void io_tw_init(io_tw *w)
{
    memset(w, 0, sizeof *w);
    em_str_init(&w->s, 0);
}

void io_tw_varint(io_tw *w, uint64_t v)
{
    while (v >= 0x80) {
        em_str_putc(&w->s, (char)(0x80 | (v & 0x7f)));
        v >>= 7;
    }
    em_str_putc(&w->s, (char)v);
}

static uint64_t io_zz(int64_t v)
{
    return ((uint64_t)v << 1) ^ (uint64_t)(v >> 63);
}

void io_tw_field(io_tw *w, int16_t id, int type)
{
    int delta = id - w->last[w->depth];
    if (delta > 0 && delta <= 15) {
        em_str_putc(&w->s, (char)((delta << 4) | type));
    } else {
        em_str_putc(&w->s, (char)type);
        io_tw_varint(w, io_zz(id));
    }
    w->last[w->depth] = id;
}

void io_tw_i32(io_tw *w, int16_t id, int32_t v)
{
    io_tw_field(w, id, TW_I32);
    io_tw_varint(w, io_zz(v));
}

void io_tw_i64(io_tw *w, int16_t id, int64_t v)
{
    io_tw_field(w, id, TW_I64);
    io_tw_varint(w, io_zz(v));
}

void io_tw_bool(io_tw *w, int16_t id, bool v)
{
    io_tw_field(w, id, v ? TW_TRUE : TW_FALSE);
}

void io_tw_bin(io_tw *w, int16_t id, const void *p, size_t n)
{
    io_tw_field(w, id, TW_BIN);
    io_tw_varint(w, n);
    em_str_append(&w->s, p, n);
}

void io_tw_struct_begin(io_tw *w, int16_t id)
{
    io_tw_field(w, id, TW_STRUCT);
    w->last[++w->depth] = 0;
}

void io_tw_elem_begin(io_tw *w)
{
    w->last[++w->depth] = 0;
}

void io_tw_struct_end(io_tw *w)
{
    em_str_putc(&w->s, 0);
    w->depth--;
}

void io_tw_list_begin(io_tw *w, int16_t id, int elem_type, int n)
{
    io_tw_field(w, id, TW_LIST);
    if (n < 15) {
        em_str_putc(&w->s, (char)((n << 4) | elem_type));
    } else {
        em_str_putc(&w->s, (char)(0xf0 | elem_type));
        io_tw_varint(w, (uint64_t)n);
    }
}

/* ---- encoders ---- */

void io_enc_rle(em_str *out, const int16_t *v, int n, int bw)
{
    int nbytes = (bw + 7) / 8;
    for (int i = 0; i < n;) {
        int j = i;
        while (j < n && v[j] == v[i])
            j++;
        uint64_t h = (uint64_t)(j - i) << 1;
        while (h >= 0x80) {
            em_str_putc(out, (char)(0x80 | (h & 0x7f)));
            h >>= 7;
        }
        em_str_putc(out, (char)h);
        for (int b = 0; b < nbytes; b++)
            em_str_putc(out, (char)((uint16_t)v[i] >> (8 * b)));
        i = j;
    }
}

/* LSB-first bit packing of n values of width bw (any width up to 64). */
static void io_pack_lsb(em_str *out, const uint64_t *v, int n, int bw)
{
    uint64_t acc = 0;
    int bits = 0;
    for (int i = 0; i < n; i++) {
        for (int b = 0; b < bw; b++) {
            acc |= ((v[i] >> b) & 1) << bits;
            if (++bits == 8) {
                em_str_putc(out, (char)acc);
                acc = 0;
                bits = 0;
            }
        }
    }
    if (bits)
        em_str_putc(out, (char)acc);
}

void io_enc_rle_bitpacked(em_str *out, const uint32_t *v, int n, int bw)
{
    int groups = (n + 7) / 8;
    uint64_t h = ((uint64_t)groups << 1) | 1;
    while (h >= 0x80) {
        em_str_putc(out, (char)(0x80 | (h & 0x7f)));
        h >>= 7;
    }
    em_str_putc(out, (char)h);
    uint64_t *tmp = em_calloc((size_t)groups * 8 + 1, sizeof *tmp);
    for (int i = 0; i < n; i++)
        tmp[i] = v[i];
    io_pack_lsb(out, tmp, groups * 8, bw);
    em_free(tmp);
}

void io_enc_levels_v1(em_str *out, const int16_t *v, int n, int bw)
{
    em_str body;
    em_str_init(&body, 0);
    io_enc_rle(&body, v, n, bw);
    uint32_t len = (uint32_t)body.len;
    em_str_append(out, (const char *)&len, 4);
    em_str_append(out, body.data, body.len);
    em_str_release(&body);
}

void io_enc_bitpacked_msb(em_str *out, const int16_t *v, int n, int bw)
{
    uint32_t acc = 0;
    int bits = 0;
    for (int i = 0; i < n; i++) {
        for (int b = bw - 1; b >= 0; b--) {
            acc = (acc << 1) | ((uint32_t)(v[i] >> b) & 1);
            if (++bits == 8) {
                em_str_putc(out, (char)acc);
                acc = 0;
                bits = 0;
            }
        }
    }
    if (bits)
        em_str_putc(out, (char)(acc << (8 - bits)));
}

void io_enc_i32(em_str *out, int32_t v)
{
    em_str_append(out, (const char *)&v, 4);
}

void io_enc_ba(em_str *out, const char *s)
{
    uint32_t n = (uint32_t)strlen(s);
    em_str_append(out, (const char *)&n, 4);
    em_str_append(out, s, n);
}

static void io_uleb(em_str *out, uint64_t v)
{
    while (v >= 0x80) {
        em_str_putc(out, (char)(0x80 | (v & 0x7f)));
        v >>= 7;
    }
    em_str_putc(out, (char)v);
}

void io_enc_dbp(em_str *out, const int64_t *v, int n)
{
    io_uleb(out, 128);
    io_uleb(out, 4);
    io_uleb(out, (uint64_t)n);
    io_uleb(out, n ? io_zz(v[0]) : 0);
    for (int start = 1; start < n; start += 128) {
        int cnt = n - start < 128 ? n - start : 128;
        uint64_t d[128] = {0};
        int64_t min = INT64_MAX;
        for (int i = 0; i < cnt; i++) {
            d[i] = (uint64_t)v[start + i] - (uint64_t)v[start + i - 1];
            if ((int64_t)d[i] < min)
                min = (int64_t)d[i];
        }
        uint8_t widths[4] = {0};
        for (int i = 0; i < 128; i++) {
            d[i] = i < cnt ? d[i] - (uint64_t)min : 0;
            int w = 0;
            while (w < 64 && (d[i] >> w))
                w++;
            if (w > widths[i / 32])
                widths[i / 32] = (uint8_t)w;
        }
        io_uleb(out, io_zz(min));
        em_str_append(out, (const char *)widths, 4);
        for (int m = 0; m < 4 && m * 32 < cnt; m++)
            io_pack_lsb(out, d + m * 32, 32, widths[m]);
    }
}

/* ---- file ---- */

static void io_pqw_schema_elem(io_tw *w, const io_pqw_elem *e)
{
    io_tw_elem_begin(w);
    if (e->type >= 0)
        io_tw_i32(w, 1, e->type);
    if (e->type_length > 0)
        io_tw_i32(w, 2, e->type_length);
    if (e->repetition >= 0)
        io_tw_i32(w, 3, e->repetition);
    io_tw_bin(w, 4, e->name, strlen(e->name));
    if (e->type < 0)
        io_tw_i32(w, 5, e->num_children);
    if (e->converted >= 0)
        io_tw_i32(w, 6, e->converted);
    if (e->converted == 5) {
        io_tw_i32(w, 7, e->scale);
        io_tw_i32(w, 8, e->precision);
    }
    if (e->logical) {
        io_tw_struct_begin(w, 10);
        io_tw_struct_begin(w, (int16_t)e->logical);
        if (e->logical == 5) {
            io_tw_i32(w, 1, e->scale);
            io_tw_i32(w, 2, e->precision);
        } else if (e->logical == 7 || e->logical == 8) {
            io_tw_bool(w, 1, e->utc);
            io_tw_struct_begin(w, 2);
            io_tw_struct_begin(w, (int16_t)(e->unit + 1));
            io_tw_struct_end(w);
            io_tw_struct_end(w);
        } else if (e->logical == 10) {
            io_tw_field(w, 1, 3); /* i8 */
            em_str_putc(&w->s, (char)e->bit_width);
            io_tw_bool(w, 2, e->is_signed);
        }
        io_tw_struct_end(w);
        io_tw_struct_end(w);
    }
    io_tw_struct_end(w);
}

static void io_pqw_write_page(em_str *file, const io_pqw_page *p, int codec)
{
    em_str stored;
    em_str_init(&stored, 0);
    size_t lvl = p->type == 3 ? (size_t)(p->rep_len + p->def_len) : 0;
    em_str_append(&stored, (const char *)p->body, lvl);
    if (codec == 5) {
        /* Hadoop framing: BE raw size, BE compressed size, LZ4 block. */
        int raw = (int)(p->body_len - lvl);
        int bound = LZ4_compressBound(raw);
        char *tmp = em_malloc((size_t)bound + 1);
        int n = LZ4_compress_default((const char *)p->body + lvl, tmp, raw, bound);
        uint8_t hdr[8] = {
            (uint8_t)(raw >> 24), (uint8_t)(raw >> 16), (uint8_t)(raw >> 8), (uint8_t)raw,
            (uint8_t)(n >> 24),   (uint8_t)(n >> 16),   (uint8_t)(n >> 8),   (uint8_t)n};
        em_str_append(&stored, (const char *)hdr, 8);
        em_str_append(&stored, tmp, (size_t)n);
        em_free(tmp);
    } else {
        em_str_append(&stored, (const char *)p->body + lvl, p->body_len - lvl);
    }
    io_tw w;
    io_tw_init(&w);
    io_tw_i32(&w, 1, p->type);
    io_tw_i32(&w, 2, (int32_t)p->body_len);
    io_tw_i32(&w, 3, (int32_t)stored.len);
    if (p->type == 0) {
        io_tw_struct_begin(&w, 5);
        io_tw_i32(&w, 1, p->num_values);
        io_tw_i32(&w, 2, p->encoding);
        io_tw_i32(&w, 3, p->def_enc);
        io_tw_i32(&w, 4, p->rep_enc);
        io_tw_struct_end(&w);
    } else if (p->type == 2) {
        io_tw_struct_begin(&w, 7);
        io_tw_i32(&w, 1, p->num_values);
        io_tw_i32(&w, 2, p->encoding);
        io_tw_struct_end(&w);
    } else {
        io_tw_struct_begin(&w, 8);
        io_tw_i32(&w, 1, p->num_values);
        io_tw_i32(&w, 2, p->num_nulls);
        io_tw_i32(&w, 3, p->num_rows);
        io_tw_i32(&w, 4, p->encoding);
        io_tw_i32(&w, 5, p->def_len);
        io_tw_i32(&w, 6, p->rep_len);
        io_tw_struct_end(&w);
    }
    em_str_putc(&w.s, 0);
    em_str_append(file, w.s.data, w.s.len);
    em_str_append(file, stored.data, stored.len);
    em_str_release(&w.s);
    em_str_release(&stored);
}

uint8_t *io_pqw_build(const io_pqw_elem *schema, int n_schema, int64_t num_rows,
                      const io_pqw_chunk *chunks, int n_chunks, size_t *len)
{
    em_str file;
    em_str_init(&file, 0);
    em_str_append(&file, "PAR1", 4);
    int64_t *offsets = em_calloc((size_t)n_chunks + 1, sizeof *offsets);
    int64_t *sizes = em_calloc((size_t)n_chunks + 1, sizeof *sizes);
    int64_t *values = em_calloc((size_t)n_chunks + 1, sizeof *values);
    for (int c = 0; c < n_chunks; c++) {
        offsets[c] = (int64_t)file.len;
        for (int p = 0; p < chunks[c].n_pages; p++) {
            io_pqw_write_page(&file, &chunks[c].pages[p], chunks[c].codec);
            if (chunks[c].pages[p].type != 2)
                values[c] += chunks[c].pages[p].num_values;
        }
        sizes[c] = (int64_t)file.len - offsets[c];
    }
    io_tw w;
    io_tw_init(&w);
    io_tw_i32(&w, 1, 1);
    io_tw_list_begin(&w, 2, TW_STRUCT, n_schema);
    for (int i = 0; i < n_schema; i++)
        io_pqw_schema_elem(&w, &schema[i]);
    io_tw_i64(&w, 3, num_rows);
    io_tw_list_begin(&w, 4, TW_STRUCT, 1);
    io_tw_elem_begin(&w);
    io_tw_list_begin(&w, 1, TW_STRUCT, n_chunks);
    for (int c = 0; c < n_chunks; c++) {
        io_tw_elem_begin(&w);
        io_tw_i64(&w, 2, offsets[c]);
        io_tw_struct_begin(&w, 3);
        io_tw_i32(&w, 1, chunks[c].type);
        io_tw_list_begin(&w, 2, TW_I32, 1);
        io_tw_varint(&w, 0);
        io_tw_list_begin(&w, 3, TW_BIN, 1);
        io_tw_varint(&w, 1);
        em_str_putc(&w.s, 'x');
        io_tw_i32(&w, 4, chunks[c].codec);
        io_tw_i64(&w, 5, values[c]);
        io_tw_i64(&w, 6, sizes[c]);
        io_tw_i64(&w, 7, sizes[c]);
        io_tw_i64(&w, 9, offsets[c]);
        io_tw_struct_end(&w);
        io_tw_struct_end(&w);
    }
    io_tw_i64(&w, 2, 0);
    io_tw_i64(&w, 3, num_rows);
    io_tw_struct_end(&w);
    em_str_putc(&w.s, 0);
    uint32_t flen = (uint32_t)w.s.len;
    em_str_append(&file, w.s.data, w.s.len);
    em_str_append(&file, (const char *)&flen, 4);
    em_str_append(&file, "PAR1", 4);
    em_str_release(&w.s);
    em_free(offsets);
    em_free(sizes);
    em_free(values);
    *len = file.len;
    return (uint8_t *)em_str_move(&file);
}
