/*
 * pq_write_enc: the byte-level encoders of the Parquet writer — the Thrift compact protocol
 * (field headers with id deltas, zigzag varints, lists, nested structs), the RLE / bit-packed
 * hybrid of levels and dictionary indices, the page codecs, statistics (min / max in each type's
 * sort order, as parquet-mr's Statistics classes keep them), and the footer (FileMetaData with
 * the schema elements, row groups, key-value metadata, created_by and column orders).
 */
#include <string.h>

#include <lz4.h>
#include <snappy-c.h>
#include <zlib.h>
#include <zstd.h>

#include "common/em_mem.h"
#include "io/parquet/pq_write_int.h"

/* ---- Thrift compact protocol ----------------------------------------------------------------- */

void pqw_tw_varint(em_str *s, uint64_t v)
{
    while (v >= 0x80) {
        em_str_putc(s, (char)(0x80 | (v & 0x7f)));
        v >>= 7;
    }
    em_str_putc(s, (char)v);
}

static uint64_t pqw_zigzag(int64_t v)
{
    return ((uint64_t)v << 1) ^ (uint64_t)(v >> 63);
}

void pqw_tw_init(pqw_tw *t, em_str *s)
{
    memset(t, 0, sizeof *t);
    t->s = s;
}

static void pqw_tw_field(pqw_tw *t, int16_t id, int type)
{
    int16_t delta = (int16_t)(id - t->last[t->depth]);
    if (delta > 0 && delta <= 15) {
        em_str_putc(t->s, (char)((delta << 4) | type));
    } else {
        em_str_putc(t->s, (char)type);
        pqw_tw_varint(t->s, pqw_zigzag(id));
    }
    t->last[t->depth] = id;
}

void pqw_tw_i32(pqw_tw *t, int16_t id, int32_t v)
{
    pqw_tw_field(t, id, PQ_T_I32);
    pqw_tw_varint(t->s, pqw_zigzag(v));
}

void pqw_tw_i64(pqw_tw *t, int16_t id, int64_t v)
{
    pqw_tw_field(t, id, PQ_T_I64);
    pqw_tw_varint(t->s, pqw_zigzag(v));
}

void pqw_tw_bool(pqw_tw *t, int16_t id, bool v)
{
    pqw_tw_field(t, id, v ? PQ_T_TRUE : PQ_T_FALSE);
}

void pqw_tw_bin(pqw_tw *t, int16_t id, const void *p, size_t n)
{
    pqw_tw_field(t, id, PQ_T_BINARY);
    pqw_tw_varint(t->s, n);
    em_str_append(t->s, p, n);
}

void pqw_tw_str(pqw_tw *t, int16_t id, const char *s)
{
    pqw_tw_bin(t, id, s, strlen(s));
}

void pqw_tw_struct(pqw_tw *t, int16_t id)
{
    pqw_tw_field(t, id, PQ_T_STRUCT);
    t->last[++t->depth] = 0;
}

void pqw_tw_list(pqw_tw *t, int16_t id, int elem_type, int32_t n)
{
    pqw_tw_field(t, id, PQ_T_LIST);
    if (n < 15) {
        em_str_putc(t->s, (char)((n << 4) | elem_type));
    } else {
        em_str_putc(t->s, (char)(0xf0 | elem_type));
        pqw_tw_varint(t->s, (uint64_t)n);
    }
}

void pqw_tw_elem(pqw_tw *t)
{
    t->last[++t->depth] = 0;
}

void pqw_tw_end(pqw_tw *t)
{
    em_str_putc(t->s, 0);
    t->depth--;
}

/* ---- RLE / bit-packed hybrid ------------------------------------------------------------------
 */

static void pqw_put_le(em_str *out, uint32_t v, int nbytes)
{
    for (int i = 0; i < nbytes; i++)
        em_str_putc(out, (char)((v >> (8 * i)) & 0xff));
}

/* Bit-packs groups of 8 values (LSB first) of the literal run [v, v + n), padding with zeros. */
static void pqw_bitpack(const uint32_t *v, int64_t n, int bw, em_str *out)
{
    int64_t groups = (n + 7) / 8;
    pqw_tw_varint(out, (uint64_t)(groups << 1 | 1));
    uint64_t acc = 0;
    int bits = 0;
    for (int64_t i = 0; i < groups * 8; i++) {
        uint64_t x = i < n ? v[i] : 0;
        acc |= x << bits;
        bits += bw;
        while (bits >= 8) {
            em_str_putc(out, (char)(acc & 0xff));
            acc >>= 8;
            bits -= 8;
        }
    }
    if (bits > 0)
        em_str_putc(out, (char)(acc & 0xff));
}

static int64_t pqw_run_len(const uint32_t *v, int64_t n, int64_t at)
{
    int64_t k = at + 1;
    while (k < n && v[k] == v[at])
        k++;
    return k - at;
}

void pqw_rle_encode(const uint32_t *v, int64_t n, int bw, em_str *out)
{
    int nbytes = (bw + 7) / 8;
    int64_t at = 0;
    while (at < n) {
        int64_t run = pqw_run_len(v, n, at);
        if (run >= 8 || bw == 0) {
            pqw_tw_varint(out, (uint64_t)(run << 1));
            pqw_put_le(out, v[at], nbytes);
            at += run;
            continue;
        }
        /* A literal run: groups of 8 until a repeated run of 8 starts at a group boundary. */
        int64_t end = at;
        while (end < n) {
            end = end + 8 < n ? end + 8 : n;
            if (end < n && pqw_run_len(v, n, end) >= 8)
                break;
        }
        pqw_bitpack(v + at, end - at, bw, out);
        at = end;
    }
}

void pqw_rle_levels(const int16_t *v, int64_t n, int bw, em_str *out)
{
    uint32_t *buf = em_malloc((size_t)(n > 0 ? n : 1) * sizeof *buf);
    for (int64_t i = 0; i < n; i++)
        buf[i] = (uint32_t)v[i];
    pqw_rle_encode(buf, n, bw, out);
    em_free(buf);
}

/* ---- codecs -----------------------------------------------------------------------------------
 */

int pqw_compress(int codec, const char *src, size_t n, em_str *out, em_error *err)
{
    em_str_reset(out);
    switch (codec) {
    case PQ_CODEC_UNCOMPRESSED:
        em_str_append(out, src, n);
        return EM_OK;
    case PQ_CODEC_SNAPPY: {
        size_t cap = snappy_max_compressed_length(n);
        em_str_repeat(out, 0, cap);
        size_t got = cap;
        if (out->overflow || snappy_compress(src, n, out->data, &got) != SNAPPY_OK)
            return em_error_internal(err, "snappy compression failed");
        out->len = got;
        return EM_OK;
    }
    case PQ_CODEC_GZIP: {
        z_stream z;
        memset(&z, 0, sizeof z);
        if (deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY) != Z_OK)
            return em_error_internal(err, "gzip init failed");
        size_t cap = deflateBound(&z, n) + 32;
        em_str_repeat(out, 0, cap);
        z.next_in = (Bytef *)src;
        z.avail_in = (uInt)n;
        z.next_out = (Bytef *)out->data;
        z.avail_out = (uInt)cap;
        int zr = out->overflow ? Z_BUF_ERROR : deflate(&z, Z_FINISH);
        out->len = cap - z.avail_out;
        deflateEnd(&z);
        if (zr != Z_STREAM_END)
            return em_error_internal(err, "gzip compression failed");
        return EM_OK;
    }
    case PQ_CODEC_ZSTD: {
        size_t cap = ZSTD_compressBound(n);
        em_str_repeat(out, 0, cap);
        size_t got = out->overflow ? 0 : ZSTD_compress(out->data, cap, src, n, 3);
        if (out->overflow || ZSTD_isError(got))
            return em_error_internal(err, "zstd compression failed");
        out->len = got;
        return EM_OK;
    }
    case PQ_CODEC_LZ4_RAW:
    case PQ_CODEC_LZ4: {
        /* LZ4 (Hadoop's Lz4Codec framing): [be32 raw size][be32 block size][block]. */
        size_t head = codec == PQ_CODEC_LZ4 ? 8 : 0;
        int cap = LZ4_compressBound((int)n);
        em_str_repeat(out, 0, (size_t)cap + head);
        int got = out->overflow ? 0 : LZ4_compress_default(src, out->data + head, (int)n, cap);
        if (got <= 0 && n > 0)
            return em_error_internal(err, "lz4 compression failed");
        if (head) {
            uint32_t a = (uint32_t)n, b = (uint32_t)got;
            uint8_t *h = (uint8_t *)out->data;
            h[0] = (uint8_t)(a >> 24), h[1] = (uint8_t)(a >> 16), h[2] = (uint8_t)(a >> 8);
            h[3] = (uint8_t)a;
            h[4] = (uint8_t)(b >> 24), h[5] = (uint8_t)(b >> 16), h[6] = (uint8_t)(b >> 8);
            h[7] = (uint8_t)b;
        }
        out->len = (size_t)got + head;
        return EM_OK;
    }
    default:
        return em_error_internal(err, "parquet codec %d not writable", codec);
    }
}

/* ---- statistics -------------------------------------------------------------------------------
 */

static int pqw_cmp(pqw_order o, const char *a, size_t an, const char *b, size_t bn)
{
    switch (o) {
    case PQW_ORD_BOOL:
        return (unsigned char)a[0] - (unsigned char)b[0];
    case PQW_ORD_I32: {
        int32_t x, y;
        memcpy(&x, a, 4);
        memcpy(&y, b, 4);
        return x < y ? -1 : x > y;
    }
    case PQW_ORD_I64: {
        int64_t x, y;
        memcpy(&x, a, 8);
        memcpy(&y, b, 8);
        return x < y ? -1 : x > y;
    }
    case PQW_ORD_F32: {
        float x, y;
        memcpy(&x, a, 4);
        memcpy(&y, b, 4);
        return x < y ? -1 : x > y;
    }
    case PQW_ORD_F64: {
        double x, y;
        memcpy(&x, a, 8);
        memcpy(&y, b, 8);
        return x < y ? -1 : x > y;
    }
    case PQW_ORD_BE_SIGNED: {
        bool na = an && (a[0] & 0x80), nb = bn && (b[0] & 0x80);
        if (na != nb)
            return na ? -1 : 1;
        int c = memcmp(a, b, an < bn ? an : bn);
        return c;
    }
    default: {
        int c = memcmp(a, b, an < bn ? an : bn);
        return c ? c : (an < bn ? -1 : an > bn);
    }
    }
}

void pqw_stats_add(pqw_stats *s, pqw_order o, const char *p, size_t n)
{
    if (o == PQW_ORD_NONE)
        return;
    if (o == PQW_ORD_F32) {
        float f;
        memcpy(&f, p, 4);
        if (f != f)
            return;
    } else if (o == PQW_ORD_F64) {
        double d;
        memcpy(&d, p, 8);
        if (d != d)
            return;
    }
    if (!s->has) {
        s->has = true;
        em_str_reset(&s->min);
        em_str_reset(&s->max);
        em_str_append(&s->min, p, n);
        em_str_append(&s->max, p, n);
        return;
    }
    if (pqw_cmp(o, p, n, s->min.data, s->min.len) < 0) {
        em_str_reset(&s->min);
        em_str_append(&s->min, p, n);
    }
    if (pqw_cmp(o, p, n, s->max.data, s->max.len) > 0) {
        em_str_reset(&s->max);
        em_str_append(&s->max, p, n);
    }
}

void pqw_stats_merge(pqw_stats *into, const pqw_stats *from, pqw_order o)
{
    into->nulls += from->nulls;
    if (!from->has)
        return;
    pqw_stats_add(into, o, from->min.data, from->min.len);
    pqw_stats_add(into, o, from->max.data, from->max.len);
}

void pqw_stats_reset(pqw_stats *s)
{
    s->has = false;
    s->nulls = 0;
    em_str_reset(&s->min);
    em_str_reset(&s->max);
}

void pqw_stats_release(pqw_stats *s)
{
    em_str_release(&s->min);
    em_str_release(&s->max);
}

/* parquet-mr drops min / max larger than this (ParquetMetadataConverter's MAX_STATS_SIZE). */
#define PQW_MAX_STATS 4096

void pqw_stats_write(pqw_tw *t, int16_t id, const pqw_stats *s, pqw_order o)
{
    pqw_tw_struct(t, id);
    bool minmax = s->has && s->min.len <= PQW_MAX_STATS && s->max.len <= PQW_MAX_STATS;
    /* Zeros as parquet-mr keeps them: min -0.0, max +0.0 (PARQUET-1222). */
    char zmin[8], zmax[8];
    const char *mn = s->min.data, *mx = s->max.data;
    if (minmax && o == PQW_ORD_F32) {
        float a, b;
        memcpy(&a, mn, 4);
        memcpy(&b, mx, 4);
        if (a == 0) {
            a = -0.0f;
            memcpy(zmin, &a, 4);
            mn = zmin;
        }
        if (b == 0) {
            b = 0.0f;
            memcpy(zmax, &b, 4);
            mx = zmax;
        }
    } else if (minmax && o == PQW_ORD_F64) {
        double a, b;
        memcpy(&a, mn, 8);
        memcpy(&b, mx, 8);
        if (a == 0) {
            a = -0.0;
            memcpy(zmin, &a, 8);
            mn = zmin;
        }
        if (b == 0) {
            b = 0.0;
            memcpy(zmax, &b, 8);
            mx = zmax;
        }
    }
    /* The deprecated min / max (signed orders only, as parquet-mr writes them). */
    bool legacy = minmax && o != PQW_ORD_BYTES && o != PQW_ORD_BE_SIGNED;
    if (legacy) {
        pqw_tw_bin(t, 1, mx, s->max.len);
        pqw_tw_bin(t, 2, mn, s->min.len);
    }
    pqw_tw_i64(t, 3, s->nulls);
    if (minmax) {
        pqw_tw_bin(t, 5, mx, s->max.len);
        pqw_tw_bin(t, 6, mn, s->min.len);
    }
    pqw_tw_end(t);
}

/* ---- footer -----------------------------------------------------------------------------------
 */

/* A LogicalType union with an empty struct in field id. */
static void pqw_logical_empty(pqw_tw *t, int16_t id)
{
    pqw_tw_struct(t, 10);
    pqw_tw_struct(t, id);
    pqw_tw_end(t);
    pqw_tw_end(t);
}

static int pqw_count_elems(const pqw_node *n)
{
    int c = 1;
    if (n->kind == PQW_LIST || n->kind == PQW_MAP)
        c++; /* the repeated group */
    for (int i = 0; i < n->n_children; i++)
        c += pqw_count_elems(n->children[i]);
    return c;
}

static void pqw_leaf_elem(pqw_tw *t, const pqw_writer *w, const pqw_node *n)
{
    const pqw_leaf *l = &w->leaves[n->leaf];
    const ty *ty = n->type;
    pqw_tw_elem(t);
    pqw_tw_i32(t, 1, l->phys);
    if (l->phys == PQ_FIXED_LEN_BYTE_ARRAY)
        pqw_tw_i32(t, 2, l->type_len);
    pqw_tw_i32(t, 3, n->optional ? PQ_OPTIONAL : PQ_REQUIRED);
    pqw_tw_str(t, 4, n->name);
    switch (ty->kind) {
    case TY_STRING:
    case TY_CHAR:
    case TY_VARCHAR:
        pqw_tw_i32(t, 6, PQ_CT_UTF8);
        pqw_logical_empty(t, 1);
        break;
    case TY_BYTE:
    case TY_SHORT:
        pqw_tw_i32(t, 6, ty->kind == TY_BYTE ? PQ_CT_INT_8 : PQ_CT_INT_16);
        pqw_tw_struct(t, 10);
        pqw_tw_struct(t, 10);
        em_str_putc(t->s, 0x13); /* field 1, byte */
        em_str_putc(t->s, ty->kind == TY_BYTE ? 8 : 16);
        t->last[t->depth] = 1;
        pqw_tw_bool(t, 2, true);
        pqw_tw_end(t);
        pqw_tw_end(t);
        break;
    case TY_DATE:
        pqw_tw_i32(t, 6, PQ_CT_DATE);
        pqw_logical_empty(t, 6);
        break;
    case TY_TIMESTAMP:
    case TY_TIMESTAMP_NTZ:
        if (ty->kind == TY_TIMESTAMP)
            pqw_tw_i32(t, 6, PQ_CT_TIMESTAMP_MICROS);
        pqw_tw_struct(t, 10);
        pqw_tw_struct(t, 8);
        pqw_tw_bool(t, 1, ty->kind == TY_TIMESTAMP);
        pqw_tw_struct(t, 2);
        pqw_tw_struct(t, 2); /* MICROS */
        pqw_tw_end(t);
        pqw_tw_end(t);
        pqw_tw_end(t);
        pqw_tw_end(t);
        break;
    case TY_DECIMAL:
        pqw_tw_i32(t, 6, PQ_CT_DECIMAL);
        pqw_tw_i32(t, 7, ty->scale);
        pqw_tw_i32(t, 8, ty->precision);
        pqw_tw_struct(t, 10);
        pqw_tw_struct(t, 5);
        pqw_tw_i32(t, 1, ty->scale);
        pqw_tw_i32(t, 2, ty->precision);
        pqw_tw_end(t);
        pqw_tw_end(t);
        break;
    case TY_NULL:
        pqw_logical_empty(t, 11);
        break;
    default:
        break;
    }
    pqw_tw_end(t);
}

static void pqw_group_elem(pqw_tw *t, const char *name, int repetition, int n_children,
                           int converted, int logical)
{
    pqw_tw_elem(t);
    pqw_tw_i32(t, 3, repetition);
    pqw_tw_str(t, 4, name);
    pqw_tw_i32(t, 5, n_children);
    if (converted >= 0)
        pqw_tw_i32(t, 6, converted);
    if (logical > 0)
        pqw_logical_empty(t, (int16_t)logical);
    pqw_tw_end(t);
}

static void pqw_schema_elems(pqw_tw *t, const pqw_writer *w, const pqw_node *n)
{
    int rep = n->optional ? PQ_OPTIONAL : PQ_REQUIRED;
    switch (n->kind) {
    case PQW_LEAF:
        pqw_leaf_elem(t, w, n);
        return;
    case PQW_STRUCT:
        pqw_group_elem(t, n->name, rep, n->n_children, -1, 0);
        break;
    case PQW_LIST:
        pqw_group_elem(t, n->name, rep, 1, PQ_CT_LIST, 3);
        pqw_group_elem(t, "list", PQ_REPEATED, 1, -1, 0);
        break;
    case PQW_MAP:
        pqw_group_elem(t, n->name, rep, 1, PQ_CT_MAP, 2);
        pqw_group_elem(t, "key_value", PQ_REPEATED, 2, -1, 0);
        break;
    }
    for (int i = 0; i < n->n_children; i++)
        pqw_schema_elems(t, w, n->children[i]);
}

void pqw_column_chunk(const pqw_writer *w, const pqw_leaf *l, pqw_rg_meta *rg)
{
    pqw_tw t;
    pqw_tw_init(&t, &rg->columns);
    pqw_tw_elem(&t);
    pqw_tw_i64(&t, 2, l->has_dict_page ? l->dict_offset : l->data_offset);
    pqw_tw_struct(&t, 3);
    pqw_tw_i32(&t, 1, l->phys);
    int encs[3] = {PQ_ENC_PLAIN, PQ_ENC_RLE, PQ_ENC_RLE_DICTIONARY};
    int n_enc = l->dict_used ? 3 : 2;
    pqw_tw_list(&t, 2, PQ_T_I32, n_enc);
    for (int i = 0; i < n_enc; i++)
        pqw_tw_varint(t.s, pqw_zigzag(encs[i]));
    pqw_tw_list(&t, 3, PQ_T_BINARY, l->n_path);
    for (int i = 0; i < l->n_path; i++) {
        pqw_tw_varint(t.s, strlen(l->path[i]));
        em_str_puts(t.s, l->path[i]);
    }
    pqw_tw_i32(&t, 4, w->o.codec);
    pqw_tw_i64(&t, 5, l->num_values);
    pqw_tw_i64(&t, 6, l->total_uncompressed);
    pqw_tw_i64(&t, 7, l->total_compressed);
    pqw_tw_i64(&t, 9, l->data_offset);
    if (l->has_dict_page)
        pqw_tw_i64(&t, 11, l->dict_offset);
    if (l->order != PQW_ORD_NONE)
        pqw_stats_write(&t, 12, &l->chunk_stats, l->order);
    pqw_tw_end(&t);
    pqw_tw_end(&t);
}

void pqw_footer(const pqw_writer *w, em_str *out)
{
    pqw_tw t;
    pqw_tw_init(&t, out);
    pqw_tw_i32(&t, 1, 1);
    int n_elems = 1;
    for (int i = 0; i < w->n_cols; i++)
        n_elems += pqw_count_elems(w->cols[i]);
    pqw_tw_list(&t, 2, PQ_T_STRUCT, n_elems);
    pqw_tw_elem(&t);
    pqw_tw_str(&t, 4, "spark_schema");
    pqw_tw_i32(&t, 5, w->n_cols);
    pqw_tw_end(&t);
    for (int i = 0; i < w->n_cols; i++)
        pqw_schema_elems(&t, w, w->cols[i]);
    pqw_tw_i64(&t, 3, w->total_rows);
    pqw_tw_list(&t, 4, PQ_T_STRUCT, w->n_rg);
    for (int g = 0; g < w->n_rg; g++) {
        const pqw_rg_meta *rg = &w->rgs[g];
        pqw_tw_elem(&t);
        pqw_tw_list(&t, 1, PQ_T_STRUCT, w->n_leaves);
        em_str_append(out, rg->columns.data, rg->columns.len);
        pqw_tw_i64(&t, 2, rg->total_bytes);
        pqw_tw_i64(&t, 3, rg->num_rows);
        pqw_tw_i64(&t, 5, rg->file_offset);
        pqw_tw_i64(&t, 6, rg->total_compressed);
        pqw_tw_field(&t, 7, PQ_T_I16);
        pqw_tw_varint(out, pqw_zigzag(g));
        pqw_tw_end(&t);
    }
    int n_kv = (w->o.spark_schema ? 1 : 0) + 1;
    pqw_tw_list(&t, 5, PQ_T_STRUCT, n_kv);
    pqw_tw_elem(&t);
    pqw_tw_str(&t, 1, "org.apache.spark.version");
    pqw_tw_str(&t, 2, "4.0.0");
    pqw_tw_end(&t);
    if (w->o.spark_schema) {
        pqw_tw_elem(&t);
        pqw_tw_str(&t, 1, "org.apache.spark.sql.parquet.row.metadata");
        pqw_tw_str(&t, 2, w->o.spark_schema);
        pqw_tw_end(&t);
    }
    pqw_tw_str(&t, 6, w->o.created_by ? w->o.created_by : "ember");
    pqw_tw_list(&t, 7, PQ_T_STRUCT, w->n_leaves);
    for (int i = 0; i < w->n_leaves; i++) {
        pqw_tw_elem(&t);
        pqw_tw_struct(&t, 1); /* TYPE_ORDER */
        pqw_tw_end(&t);
        pqw_tw_end(&t);
    }
    em_str_putc(out, 0); /* end of FileMetaData */
}
