/*
 * pq_int: structures and functions private to the Parquet reader (see pq.h for the contract and
 * README.md for the map of files).
 *
 * Invariants shared by every file here:
 *  - Input bytes are hostile: every length and count is checked against the bytes that remain
 *    before it is used, every allocation size derives from checked bytes or a configured cap,
 *    recursion is bounded (PQ_MAX_DEPTH), and no arithmetic on input values can overflow.
 *  - Internal failures return non-zero after pq_fail() recorded a detail text; the public entry
 *    points turn that into Spark's error class (FAILED_READ_FILE.*) with the file's path.
 *  - Levels are int16; a NULL level array means "all zero" (max level 0).
 *  - Values leave the decoders already in the Spark type's vector representation (ty.h).
 */
#ifndef PQ_INT_H
#define PQ_INT_H

#include "io/parquet/pq.h"

#include <stdarg.h>

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "the Parquet reader assumes a little-endian host"
#endif

/* Nesting bound for Thrift structs and for the schema tree. */
#define PQ_MAX_DEPTH 64
/* Values decoded per step (levels, dictionary indices, conversions). */
#define PQ_CHUNK 1024

/* ---- errors ---------------------------------------------------------------------------- */

/* Records a detail text in the thread-local buffer and returns EM_EIO. Never allocates. */
int pq_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Raises FAILED_READ_FILE.<sub> for path with the current detail. Returns the error code. */
int pq_raise(em_error *err, const char *sub, const char *path);

/* ---- Thrift compact protocol ------------------------------------------------------------- */

enum {
    PQ_T_STOP = 0,
    PQ_T_TRUE = 1,
    PQ_T_FALSE = 2,
    PQ_T_BYTE = 3,
    PQ_T_I16 = 4,
    PQ_T_I32 = 5,
    PQ_T_I64 = 6,
    PQ_T_DOUBLE = 7,
    PQ_T_BINARY = 8,
    PQ_T_LIST = 9,
    PQ_T_SET = 10,
    PQ_T_MAP = 11,
    PQ_T_STRUCT = 12,
};

typedef struct pq_tin {
    const uint8_t *p, *end;
    int depth;
} pq_tin;

/* A field header: id and compact type; type PQ_T_STOP ends the struct. bool_val holds a bool
 * field's value (it lives in the header). */
typedef struct pq_tfield {
    int16_t id;
    int type;
    bool bool_val;
} pq_tfield;

int pq_t_varint(pq_tin *t, uint64_t *out);
int pq_t_i64(pq_tin *t, int64_t *out);
int pq_t_i32(pq_tin *t, int32_t *out);
int pq_t_binary(pq_tin *t, const uint8_t **ptr, int32_t *len);
int pq_t_field(pq_tin *t, int16_t *last_id, pq_tfield *f);
/* List header: element type and count (count checked against the remaining bytes). */
int pq_t_list(pq_tin *t, int *elem_type, int32_t *count);
int pq_t_skip(pq_tin *t, int type);
/* Skips one list/map element (a bool element takes a byte there). */
int pq_t_skip_elem(pq_tin *t, int type);
/* Field values of any integer wire type / checked to fit in 32 bits / binary / bool. */
int pq_t_int(pq_tin *t, int type, int64_t *out);
int pq_t_int32_field(pq_tin *t, int type, int32_t *out);
int pq_t_binary_field(pq_tin *t, int type, const uint8_t **ptr, int32_t *len);
int pq_t_bool_field(const pq_tfield *f, bool *out);
/* Enters a struct-typed field (fails on another type). */
int pq_t_enter(pq_tin *t, const pq_tfield *f);
int pq_t_struct_begin(pq_tin *t);
void pq_t_struct_end(pq_tin *t);

/* ---- parquet.thrift structures (only what the reader uses) ------------------------------ */

enum { PQ_REQUIRED = 0, PQ_OPTIONAL = 1, PQ_REPEATED = 2 };

enum {
    PQ_ENC_PLAIN = 0,
    PQ_ENC_PLAIN_DICTIONARY = 2,
    PQ_ENC_RLE = 3,
    PQ_ENC_BIT_PACKED = 4,
    PQ_ENC_DELTA_BINARY_PACKED = 5,
    PQ_ENC_DELTA_LENGTH_BYTE_ARRAY = 6,
    PQ_ENC_DELTA_BYTE_ARRAY = 7,
    PQ_ENC_RLE_DICTIONARY = 8,
    PQ_ENC_BYTE_STREAM_SPLIT = 9,
};

enum {
    PQ_CODEC_UNCOMPRESSED = 0,
    PQ_CODEC_SNAPPY = 1,
    PQ_CODEC_GZIP = 2,
    PQ_CODEC_LZO = 3,
    PQ_CODEC_BROTLI = 4,
    PQ_CODEC_LZ4 = 5, /* legacy: Hadoop framing (or raw blocks from old writers) */
    PQ_CODEC_ZSTD = 6,
    PQ_CODEC_LZ4_RAW = 7,
};

enum { PQ_PAGE_DATA = 0, PQ_PAGE_INDEX = 1, PQ_PAGE_DICTIONARY = 2, PQ_PAGE_DATA_V2 = 3 };

/* ConvertedType values (legacy annotations). */
enum {
    PQ_CT_UTF8 = 0,
    PQ_CT_MAP = 1,
    PQ_CT_MAP_KEY_VALUE = 2,
    PQ_CT_LIST = 3,
    PQ_CT_ENUM = 4,
    PQ_CT_DECIMAL = 5,
    PQ_CT_DATE = 6,
    PQ_CT_TIME_MILLIS = 7,
    PQ_CT_TIME_MICROS = 8,
    PQ_CT_TIMESTAMP_MILLIS = 9,
    PQ_CT_TIMESTAMP_MICROS = 10,
    PQ_CT_UINT_8 = 11,
    PQ_CT_UINT_16 = 12,
    PQ_CT_UINT_32 = 13,
    PQ_CT_UINT_64 = 14,
    PQ_CT_INT_8 = 15,
    PQ_CT_INT_16 = 16,
    PQ_CT_INT_32 = 17,
    PQ_CT_INT_64 = 18,
    PQ_CT_JSON = 19,
    PQ_CT_BSON = 20,
    PQ_CT_INTERVAL = 21,
};

/* Logical type annotation, after merging LogicalType and ConvertedType. */
typedef enum pq_lt {
    PQ_LT_NONE = 0,
    PQ_LT_STRING,
    PQ_LT_MAP,
    PQ_LT_MAP_KEY_VALUE, /* converted type only */
    PQ_LT_LIST,
    PQ_LT_ENUM,
    PQ_LT_DECIMAL,
    PQ_LT_DATE,
    PQ_LT_TIME,
    PQ_LT_TIMESTAMP,
    PQ_LT_INTEGER,
    PQ_LT_UNKNOWN, /* the null type */
    PQ_LT_JSON,
    PQ_LT_BSON,
    PQ_LT_UUID,
    PQ_LT_FLOAT16,
    PQ_LT_INTERVAL, /* converted type only */
    PQ_LT_VARIANT,
    PQ_LT_OTHER, /* a LogicalType this reader does not know (geometry, future kinds) */
} pq_lt;

enum { PQ_UNIT_MILLIS = 0, PQ_UNIT_MICROS = 1, PQ_UNIT_NANOS = 2 };

typedef struct pq_logical {
    pq_lt kind;
    int precision, scale; /* DECIMAL */
    bool utc;             /* TIME, TIMESTAMP: isAdjustedToUTC */
    int unit;             /* TIME, TIMESTAMP */
    int bit_width;        /* INTEGER */
    bool is_signed;       /* INTEGER */
} pq_logical;

typedef struct pq_schema_elem {
    const char *name; /* NUL-terminated, owned by the file arena */
    int type;         /* physical type, -1 for groups */
    int32_t type_length;
    int repetition; /* -1 when absent (the root) */
    int32_t num_children;
    int converted_type; /* -1 when absent */
    int32_t scale, precision;
    pq_logical logical; /* merged annotation */
    pq_lt raw_logical;  /* the LogicalType field alone (PQ_LT_NONE when absent) */
} pq_schema_elem;

typedef struct pq_stats_raw {
    const uint8_t *max, *min, *max_value, *min_value;
    int32_t max_len, min_len, max_value_len, min_value_len;
    bool has_max, has_min, has_max_value, has_min_value;
    bool has_null_count;
    int64_t null_count;
    bool has_exact_max, has_exact_min, exact_max, exact_min;
} pq_stats_raw;

typedef struct pq_column_meta {
    int type;
    int codec;
    int64_t num_values;
    int64_t total_uncompressed_size;
    int64_t total_compressed_size;
    int64_t data_page_offset;
    bool has_dictionary_page_offset;
    int64_t dictionary_page_offset;
    bool has_stats;
    pq_stats_raw stats;
    int32_t n_path;
} pq_column_meta;

typedef struct pq_column_chunk {
    bool has_file_path; /* data in another file: not supported */
    bool has_meta;
    bool encrypted;
    pq_column_meta meta;
} pq_column_chunk;

typedef struct pq_row_group {
    int32_t n_columns;
    pq_column_chunk *columns;
    int64_t num_rows;
} pq_row_group;

typedef struct pq_kv {
    const char *key;   /* NUL-terminated copy */
    const char *value; /* borrowed from the file image, NULL when absent */
    int32_t value_len;
} pq_kv;

typedef struct pq_meta {
    int32_t version;
    int32_t n_schema;
    pq_schema_elem *schema;
    int64_t num_rows;
    int32_t n_row_groups;
    pq_row_group *row_groups;
    int32_t n_kv;
    pq_kv *kv;
    const char *created_by;
    bool encrypted; /* encryption_algorithm present */
} pq_meta;

typedef struct pq_page_header {
    int type;
    int32_t uncompressed_size, compressed_size;
    bool has_crc;
    uint32_t crc;
    bool has_data, has_dict, has_v2;
    /* DataPageHeader / DataPageHeaderV2 */
    int32_t num_values;
    int encoding;
    int def_encoding, rep_encoding; /* v1 */
    int32_t num_nulls, num_rows;    /* v2 */
    int32_t def_len, rep_len;       /* v2 */
    bool is_compressed;             /* v2, default true */
    /* DictionaryPageHeader */
    int32_t dict_num_values;
    int dict_encoding;
} pq_page_header;

/* Decodes FileMetaData from buf (the footer). Arrays and names go to arena; byte fields borrow
 * buf. */
int pq_meta_decode(const uint8_t *buf, size_t len, em_arena *arena, pq_meta *out);
/* Decodes one PageHeader at buf; *header_len = its encoded size. */
int pq_page_header_decode(const uint8_t *buf, size_t avail, pq_page_header *out,
                          size_t *header_len);

/* ---- schema ------------------------------------------------------------------------------ */

/* How the leaf's physical values become the Spark representation. */
typedef enum pq_conv {
    PQ_CONV_COPY,      /* same bytes: boolean (1), int32/float/date (4), int64/double (8) */
    PQ_CONV_I32_I8,    /* INT(8, signed) */
    PQ_CONV_I32_I16,   /* INT(16, signed), UINT(8) -> short */
    PQ_CONV_U32_I64,   /* UINT(32) -> long */
    PQ_CONV_I32_DEC,   /* INT32 decimal */
    PQ_CONV_I64_DEC,   /* INT64 decimal */
    PQ_CONV_U64_DEC,   /* UINT(64) -> decimal(20,0) */
    PQ_CONV_MILLIS_US, /* INT64 milliseconds -> µs (overflow is an error, as Spark) */
    PQ_CONV_NANOS_US,  /* INT64 nanoseconds -> µs, floored */
    PQ_CONV_I32_MS_US, /* INT32 TIME(MILLIS) -> long µs */
    PQ_CONV_INT96_US,  /* INT96 Julian day + nanos -> µs (Spark's formula) */
    PQ_CONV_F16_F32,   /* FLBA(2) half -> float */
    PQ_CONV_BE_DEC,    /* BYTE_ARRAY / FLBA big-endian two's complement -> decimal */
    PQ_CONV_BYTES,     /* BYTE_ARRAY / FLBA -> string / binary */
    PQ_CONV_NULL,      /* UNKNOWN: values are dropped, the vector is all null */
} pq_conv;

typedef struct pq_leaf {
    pq_leaf_info info; /* public part (path, physical, levels, Spark type) */
    int elem;          /* schema element index */
    pq_conv conv;
    int out_width;   /* bytes per value in the vector; 0 for var-width and null */
    int phys_width;  /* bytes per physical value; 0 for BYTE_ARRAY, 1 for BOOLEAN */
    int16_t anc_def; /* an entry holds a slot of this leaf iff def >= anc_def */
    int def_bits, rep_bits;
    pq_logical logical;
} pq_leaf;

typedef enum pq_node_kind { PQ_NODE_LEAF, PQ_NODE_STRUCT, PQ_NODE_LIST, PQ_NODE_MAP } pq_node_kind;

/*
 * A node of the Spark-facing tree. For the levels of any leaf below it:
 *  - an entry is a slot of the node iff def >= anc_def and rep <= rep;
 *  - the slot is non-null iff def >= def;
 *  - LIST/MAP: the slot gets an element for each entry (new slot or rep == rep + 1) with
 *    def >= elem_def.
 */
typedef struct pq_node {
    pq_node_kind kind;
    const ty *type;
    int16_t def, rep, anc_def, elem_def;
    int leaf;     /* LEAF: its leaf; others: the first leaf below */
    int n_leaves; /* leaves below (1 for a LEAF) */
    int n_children;
    struct pq_node **children; /* STRUCT: fields; LIST: element; MAP: key, value */
} pq_node;

/* ---- the file ------------------------------------------------------------------------------ */

struct pq_file {
    const uint8_t *data;
    size_t len;
    bool mapped;
    char *path;
    pq_options opt;
    em_arena arena;       /* metadata and schema nodes */
    em_arena *type_arena; /* Spark types (caller's or &arena) */
    pq_meta meta;
    int n_leaves;
    pq_leaf *leaves;
    int n_cols;
    pq_node **cols;
    const ty *schema;
};

/* Builds leaves, nodes and the Spark schema from f->meta.schema. Raises Spark's schema errors
 * (PARQUET_TYPE_*, _LEGACY_ERROR_TEMP_3071) or CANNOT_READ_FILE_FOOTER for broken trees. */
int pq_schema_build(pq_file *f, em_error *err);

/* ---- codecs -------------------------------------------------------------------------------- */

/* Decompresses src into exactly dst_len bytes of dst. */
int pq_decompress(int codec, const uint8_t *src, size_t src_len, uint8_t *dst, size_t dst_len);
const char *pq_codec_name(int codec);

/* ---- RLE / bit-packed hybrid and bit unpacking ------------------------------------------ */

typedef struct pq_rle {
    const uint8_t *p, *end;
    int bw;
    uint32_t rle_value;
    int64_t rle_left; /* values left in the current RLE run */
    int64_t lit_left; /* values left in the current bit-packed run */
    uint32_t buf[8];  /* a partly consumed bit-packed group */
    int buf_pos, buf_n;
} pq_rle;

void pq_rle_init(pq_rle *r, const uint8_t *p, const uint8_t *end, int bit_width);
/* Up to n values into out; returns how many (fewer only when the data ends or is corrupt). */
int64_t pq_rle_get(pq_rle *r, uint32_t *out, int64_t n);
/* Unpacks n_groups groups of 8 values of bit_width (0..32) bits, LSB first. Reads
 * n_groups * bit_width bytes of in; never reads at or past in_end. */
void pq_unpack32(const uint8_t *in, const uint8_t *in_end, int bit_width, uint32_t *out,
                 int64_t n_groups);
/* Same for widths 0..64. */
void pq_unpack64(const uint8_t *in, const uint8_t *in_end, int bit_width, uint64_t *out,
                 int64_t n_groups);
/* Bits needed for values 0..max. */
int pq_bit_width(uint32_t max);

/* ---- DELTA_BINARY_PACKED -------------------------------------------------------------------- */

typedef struct pq_dbp {
    const uint8_t *p, *end;
    uint64_t per_mini; /* values per miniblock */
    uint32_t n_mini;   /* miniblocks per block */
    int64_t total;     /* values not yet returned */
    uint64_t last;     /* previous value (wrapping arithmetic) */
    bool first_pending;
    uint64_t min_delta;
    const uint8_t *widths; /* bit widths of the current block */
    uint32_t mini_idx;     /* next miniblock of the block */
    uint64_t *buf;         /* deltas of the current miniblock (owned by the column reader) */
    uint64_t buf_cap;
    uint64_t buf_pos, buf_n;
} pq_dbp;

/* Reads the header; *buf (capacity *buf_cap) is a reusable delta buffer owned by the caller. */
int pq_dbp_init(pq_dbp *d, const uint8_t *p, const uint8_t *end, uint64_t **buf, uint64_t *buf_cap);
/* Next n values (as 64-bit two's complement); fails when fewer remain. */
int pq_dbp_get(pq_dbp *d, int64_t *out, int64_t n);
/* Where the encoded block sequence starting at p ends (to find what follows it). */
int pq_dbp_end(const uint8_t *p, const uint8_t *end, const uint8_t **after, int64_t *count);

/* ---- column chunk reading ------------------------------------------------------------------ */

typedef struct pq_view {
    const uint8_t *ptr;
    int32_t len;
} pq_view;

/* Levels of one leaf for one batch. */
typedef struct pq_levels {
    int16_t *def, *rep;
    int64_t n, cap;
} pq_levels;

/* State of the values of the current data page. */
typedef struct pq_vdec {
    int encoding;
    const uint8_t *p, *end; /* PLAIN, BYTE_STREAM_SPLIT, DLBA/DBA bytes */
    int bit_off;            /* PLAIN BOOLEAN: next bit of *p */
    pq_rle rle;             /* dictionary indices, RLE booleans */
    pq_dbp dbp;             /* DBP values; DLBA lengths; DBA prefix lengths */
    pq_dbp dbp2;            /* DBA suffix lengths */
    const uint8_t *bss;     /* BYTE_STREAM_SPLIT streams */
    int64_t bss_n, bss_pos;
} pq_vdec;

typedef struct pq_col {
    const pq_file *f;
    const pq_leaf *leaf;
    int codec;
    const uint8_t *p, *end; /* pages not yet read */
    int64_t pages_read;
    bool started; /* the first level entry of the chunk was taken */
    /* current data page */
    int64_t page_left; /* levels not yet decoded */
    bool page_v2;
    int def_enc, rep_enc; /* RLE or BIT_PACKED */
    pq_rle def_rle, rep_rle;
    const uint8_t *def_bp, *def_bp_end, *rep_bp, *rep_bp_end; /* BIT_PACKED levels */
    int64_t def_bp_pos, rep_bp_pos;
    pq_vdec vd;
    uint8_t *page_buf; /* decompressed page */
    size_t page_cap;
    /* dictionary, converted to the output representation */
    bool has_dict;
    int64_t dict_n;
    uint8_t *dict_vals; /* fixed width */
    int32_t *dict_off;  /* var width: dict_n + 1 offsets */
    uint8_t *dict_bytes;
    /* levels decoded past a row boundary (nested columns) */
    int16_t carry_def[PQ_CHUNK], carry_rep[PQ_CHUNK];
    int carry_pos, carry_n;
    /* scratch */
    uint32_t idx[PQ_CHUNK];
    uint8_t *scratch; /* PQ_CHUNK * 16 bytes of physical values */
    pq_view views[PQ_CHUNK];
    uint8_t *bytes_scratch; /* DELTA_BYTE_ARRAY reconstruction */
    size_t bytes_scratch_cap;
    uint8_t *prev; /* DELTA_BYTE_ARRAY previous value */
    size_t prev_len, prev_cap;
    uint64_t *dbp_buf, *dbp_buf2;
    uint64_t dbp_cap, dbp_cap2;
} pq_col;

/* Positions a reader on leaf `leaf` of row group rg (no I/O beyond bounds checks). */
int pq_col_init(pq_col *c, const pq_file *f, int rg, int leaf);
void pq_col_release(pq_col *c);
/* Reads the next n_rows rows of the leaf: their levels into lv (reset first) and the leaf's
 * values (one slot per entry with def >= anc_def) into a new vector *out. */
int pq_col_read(pq_col *c, int64_t n_rows, pq_levels *lv, vec **out);
/* Loads the next data page (dictionary pages on the way are decoded); 0 = loaded, 1 = end of
 * the chunk, other = error. */
int pq_col_next_page(pq_col *c);
/* Decodes n non-null values of the current page into v at dense position dst (pq_decode.c). */
int pq_col_values(pq_col *c, vec *v, int64_t dst, int64_t n);
/* Decodes a dictionary page's PLAIN values (pq_decode.c). */
int pq_col_dictionary(pq_col *c, const uint8_t *p, const uint8_t *end, int64_t n);
/* Prepares c->vd for a data page's values region. */
int pq_col_values_init(pq_col *c, int encoding, const uint8_t *p, const uint8_t *end,
                       int64_t n_values);
void pq_levels_release(pq_levels *lv);

/* ---- conversions (pq_conv.c) ------------------------------------------------------------- */

/* n physical fixed-width values at src -> n output values at dst. */
int pq_convert_fixed(pq_conv conv, int phys_width, const uint8_t *src, uint8_t *dst, int64_t n);
/* n views (BYTE_ARRAY or FLBA) -> fixed output (decimal, float16). */
int pq_convert_views(pq_conv conv, const pq_view *views, uint8_t *dst, int64_t n);
/* Appends n views to a string/binary vector at dense position dst. */
int pq_append_views(vec *v, int64_t dst, const pq_view *views, int64_t n);
float pq_half_to_float(uint16_t h);

/* ---- assembly (pq_assemble.c) ------------------------------------------------------------- */

/* Builds the vector of node from its leaves' levels and vectors (indexed by leaf). *out has
 * n_slots entries where the node's slot count must equal expect (checked). */
int pq_assemble(const pq_file *f, const pq_node *node, pq_levels *lv, vec **leaf_vecs,
                int64_t expect, vec **out);
/* Places n_valid dense values of leaf vector v into slots following the levels (in place). */
int pq_spread(const pq_leaf *leaf, const pq_levels *lv, vec *v, int64_t n_valid);

#endif
