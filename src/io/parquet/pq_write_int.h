/*
 * pq_write_int: structures shared by the Parquet writer's files (pq_write.c: schema, shredding,
 * pages, row groups; pq_write_enc.c: Thrift compact encoder, RLE / bit-packing, codecs, footer).
 *
 * A leaf buffers the levels and values of its current page; a full page is encoded, compressed
 * and appended, with its header, to the leaf's chunk buffer. A row group is flushed by writing
 * every leaf's dictionary page and chunk in schema order, then the footer lists the chunks.
 */
#ifndef PQ_WRITE_INT_H
#define PQ_WRITE_INT_H

#include "common/em_str.h"
#include "io/parquet/pq_int.h"
#include "io/parquet/pq_write.h"

/* ---- Thrift compact encoder ------------------------------------------------------------------ */

typedef struct pqw_tw {
    em_str *s;
    int16_t last[PQ_MAX_DEPTH];
    int depth;
} pqw_tw;

void pqw_tw_init(pqw_tw *t, em_str *s);
void pqw_tw_i32(pqw_tw *t, int16_t id, int32_t v);
void pqw_tw_i64(pqw_tw *t, int16_t id, int64_t v);
void pqw_tw_bool(pqw_tw *t, int16_t id, bool v);
void pqw_tw_bin(pqw_tw *t, int16_t id, const void *p, size_t n);
void pqw_tw_str(pqw_tw *t, int16_t id, const char *s);
/* A struct-typed field; closed by pqw_tw_end. */
void pqw_tw_struct(pqw_tw *t, int16_t id);
/* A list field header with n elements of elem_type. */
void pqw_tw_list(pqw_tw *t, int16_t id, int elem_type, int32_t n);
/* A struct element of a list; closed by pqw_tw_end. */
void pqw_tw_elem(pqw_tw *t);
/* Ends the innermost struct (writes STOP). */
void pqw_tw_end(pqw_tw *t);
void pqw_tw_varint(em_str *s, uint64_t v);

/* ---- statistics ------------------------------------------------------------------------------ */

/* Order of a leaf's values for min / max. */
typedef enum pqw_order {
    PQW_ORD_NONE,     /* no statistics (null type) */
    PQW_ORD_BOOL,     /* false < true */
    PQW_ORD_I32,      /* signed 32-bit little-endian */
    PQW_ORD_I64,      /* signed 64-bit little-endian */
    PQW_ORD_F32,      /* float, NaN skipped */
    PQW_ORD_F64,      /* double, NaN skipped */
    PQW_ORD_BYTES,    /* unsigned lexicographic (strings, binary) */
    PQW_ORD_BE_SIGNED /* big-endian two's complement of equal widths (FLBA decimals) */
} pqw_order;

typedef struct pqw_stats {
    bool has;
    em_str min, max; /* PLAIN value bytes (BYTE_ARRAY without its length) */
    int64_t nulls;
} pqw_stats;

/* ---- leaves ---------------------------------------------------------------------------------- */

typedef struct pqw_leaf {
    const ty *type; /* Spark type of the values */
    int phys;       /* pq_physical */
    int type_len;   /* FIXED_LEN_BYTE_ARRAY width */
    int16_t max_def, max_rep;
    int n_path;
    const char **path;
    pqw_order order;
    bool dict_allowed;
    /* current page */
    int16_t *def, *rep;
    int64_t n_lv, cap_lv;
    int64_t page_rows;
    em_str plain; /* PLAIN values (booleans one byte each, packed at flush) */
    uint32_t *idx;
    int64_t n_idx, cap_idx;
    pqw_stats page_stats;
    /* dictionary of the current chunk */
    bool dict_on;
    bool dict_used;
    em_str dict_raw; /* values' bytes back to back */
    int64_t *ent_off;
    int32_t *ent_len;
    int64_t n_ent, cap_ent;
    uint32_t *ht; /* entry + 1, 0 = empty */
    int64_t ht_cap;
    /* the current chunk */
    em_str chunk;
    bool plain_used;
    int64_t num_values;
    int64_t chunk_uncompressed; /* page headers + uncompressed bodies (data pages) */
    int64_t n_pages;
    pqw_stats chunk_stats;
    /* where the flushed chunk landed (footer) */
    int64_t dict_offset, data_offset, total_uncompressed, total_compressed;
    bool has_dict_page;
} pqw_leaf;

/* A node of the Spark-facing tree. */
typedef enum pqw_kind { PQW_LEAF, PQW_STRUCT, PQW_LIST, PQW_MAP } pqw_kind;

typedef struct pqw_node {
    pqw_kind kind;
    const ty *type;
    const char *name;
    bool optional;
    int16_t def; /* definition level of a present value of this node */
    int16_t rep; /* repetition level of the node's nearest repeated ancestor */
    int leaf;    /* LEAF: its leaf */
    int first_leaf, n_leaves;
    int n_children;
    struct pqw_node **children; /* STRUCT fields; LIST element; MAP key, value */
} pqw_node;

/* One row group already written (the footer needs its chunks' metadata). */
typedef struct pqw_rg_meta {
    int64_t num_rows;
    int64_t file_offset;
    int64_t total_bytes;      /* uncompressed */
    int64_t total_compressed; /* compressed */
    em_str columns;           /* the ColumnChunk structs, Thrift-encoded back to back */
} pqw_rg_meta;

struct pqw_writer {
    pqw_options o;
    const ty *schema;
    pqw_sink_fn sink;
    void *ctx;
    int64_t offset; /* bytes sent to the sink */
    int n_cols;
    pqw_node **cols;
    int n_leaves;
    pqw_leaf *leaves;
    int64_t rg_rows;
    int64_t total_rows;
    int n_rg, cap_rg;
    pqw_rg_meta *rgs;
    em_str scratch, comp; /* page body, compressed page */
    em_str value;         /* one value's PLAIN bytes */
};

/* ---- encoders (pq_write_enc.c) --------------------------------------------------------------- */

/* The RLE / bit-packed hybrid encoding of n values of bit_width bits, appended to out. */
void pqw_rle_encode(const uint32_t *v, int64_t n, int bit_width, em_str *out);
/* The same for levels. */
void pqw_rle_levels(const int16_t *v, int64_t n, int bit_width, em_str *out);
/* Compresses src into out (replacing its content). */
int pqw_compress(int codec, const char *src, size_t n, em_str *out, em_error *err);
/* Merges a value's bytes into stats (order o). */
void pqw_stats_add(pqw_stats *s, pqw_order o, const char *p, size_t n);
/* Merges page stats into chunk stats. */
void pqw_stats_merge(pqw_stats *into, const pqw_stats *from, pqw_order o);
void pqw_stats_reset(pqw_stats *s);
void pqw_stats_release(pqw_stats *s);
/* Encodes a Statistics struct as field id of the current struct. */
void pqw_stats_write(pqw_tw *t, int16_t id, const pqw_stats *s, pqw_order o);
/* Encodes the FileMetaData of w (schema, row groups, key-value metadata, created_by, column
   orders) into out. */
void pqw_footer(const pqw_writer *w, em_str *out);
/* Encodes one leaf's ColumnChunk (after its chunk was flushed) into rg->columns. */
void pqw_column_chunk(const pqw_writer *w, const pqw_leaf *l, pqw_rg_meta *rg);

#endif
