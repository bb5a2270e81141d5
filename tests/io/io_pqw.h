/*
 * io_pqw: a minimal Parquet file builder for tests: a Thrift compact encoder plus helpers that
 * lay out column chunks of hand-encoded pages and the footer. It exists to produce files the
 * corpus lacks (legacy list forms, bare repeated fields, deprecated BIT_PACKED levels, the Hadoop
 * LZ4 codec, annotations Spark rejects). It writes exactly the bytes the Parquet format spec
 * (parquet.thrift) describes; nothing here is used by the reader.
 */
#ifndef IO_PQW_H
#define IO_PQW_H

#include <stdbool.h>
#include <stdint.h>

#include "common/em_str.h"

/* ---- Thrift compact encoder ---- */
typedef struct io_tw {
    em_str s;
    int16_t last[32];
    int depth;
} io_tw;

void io_tw_init(io_tw *w);
void io_tw_varint(io_tw *w, uint64_t v);
void io_tw_field(io_tw *w, int16_t id, int type);
void io_tw_i32(io_tw *w, int16_t id, int32_t v);
void io_tw_i64(io_tw *w, int16_t id, int64_t v);
void io_tw_bool(io_tw *w, int16_t id, bool v);
void io_tw_bin(io_tw *w, int16_t id, const void *p, size_t n);
void io_tw_struct_begin(io_tw *w, int16_t id); /* a struct field */
void io_tw_elem_begin(io_tw *w);               /* a struct list element */
void io_tw_struct_end(io_tw *w);
void io_tw_list_begin(io_tw *w, int16_t id, int elem_type, int n);

/* ---- schema and pages ---- */
enum { IO_LT_NONE = 0 }; /* logical: a parquet.thrift LogicalType union field id, or 0 */

typedef struct io_pqw_elem {
    const char *name;
    int type;         /* physical type, -1 for groups */
    int repetition;   /* -1 for the root */
    int num_children; /* groups */
    int converted;    /* ConvertedType, -1 when absent */
    int type_length;
    int scale, precision;
    int logical; /* LogicalType field id: 1 STRING, 2 MAP, 3 LIST, 5 DECIMAL, 7 TIME, 8 TIMESTAMP,
                    10 INTEGER, 11 UNKNOWN, 14 UUID, 15 FLOAT16, 16 VARIANT */
    int unit;    /* TIME / TIMESTAMP: 0 millis, 1 micros, 2 nanos */
    bool utc;
    int bit_width;
    bool is_signed;
} io_pqw_elem;

typedef struct io_pqw_page {
    int type; /* 0 data v1, 2 dictionary, 3 data v2 */
    int num_values;
    int encoding, def_enc, rep_enc;
    const uint8_t *body; /* uncompressed: v1 levels + values; v2 rep + def + values */
    size_t body_len;
    int rep_len, def_len, num_nulls, num_rows; /* v2 */
} io_pqw_page;

typedef struct io_pqw_chunk {
    int type;  /* physical type of the leaf */
    int codec; /* 0 none, 5 LZ4 (Hadoop framing) */
    int n_pages;
    const io_pqw_page *pages;
} io_pqw_chunk;

/* Builds a file with one row group of num_rows rows (chunks in leaf order). The caller frees
 * the result with em_free. */
uint8_t *io_pqw_build(const io_pqw_elem *schema, int n_schema, int64_t num_rows,
                      const io_pqw_chunk *chunks, int n_chunks, size_t *len);

/* Level / value encoders appending to out. */
void io_enc_rle(em_str *out, const int16_t *v, int n, int bit_width); /* RLE runs only */
void io_enc_rle_bitpacked(em_str *out, const uint32_t *v, int n,
                          int bit_width);                                   /* one literal run */
void io_enc_levels_v1(em_str *out, const int16_t *v, int n, int bit_width); /* 4-byte len + RLE */
void io_enc_bitpacked_msb(em_str *out, const int16_t *v, int n, int bit_width); /* deprecated */
void io_enc_i32(em_str *out, int32_t v);
void io_enc_ba(em_str *out, const char *s); /* PLAIN byte array */
/* DELTA_BINARY_PACKED of n values (block 128, 4 miniblocks). */
void io_enc_dbp(em_str *out, const int64_t *v, int n);

#endif
