/*
 * ipc_int: what the files of src/arrow/ share and nobody else sees: the numbers of Arrow's
 * Schema.fbs / Message.fbs (field ids, enum values), the flatbuffer builder and the bounded
 * flatbuffer reader, the schema tree the reader builds, and the helpers of the decoder.
 *
 * Flatbuffer facts used here (from the flatbuffers binary format):
 *   - a buffer starts with a uint32 offset to the root table;
 *   - a table starts with an int32 soffset: its vtable lives at (table - soffset);
 *   - a vtable is uint16 vtable_bytes, uint16 table_bytes, then one uint16 per field id
 *     giving the field's offset from the table start (0 = field absent, default applies);
 *   - offsets to tables, vectors and strings are uint32, relative to where they are stored,
 *     and always point forward;
 *   - a vector is a uint32 count followed by its elements; a string is a vector of bytes
 *     followed by a NUL;
 *   - a union field with id N is stored as two fields: N-1 holds the uint8 type tag and N
 *     the offset of the member table (Arrow's ids below are the stored ids).
 * Everything is little-endian; Ember only builds on little-endian hosts.
 */
#ifndef IPC_INT_H
#define IPC_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/em_arena.h"
#include "common/em_error.h"
#include "common/em_str.h"
#include "types/ty.h"
#include "vector/vec.h"

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "src/arrow assumes a little-endian host (Arrow IPC is written little-endian)"
#endif

/* ---- Arrow format numbers (Schema.fbs, Message.fbs) ---------------------------------- */

/* MetadataVersion (short). We write V5 and read V4 and V5. */
enum { IPC_METADATA_V4 = 3, IPC_METADATA_V5 = 4 };

/* MessageHeader union tags. */
enum {
    IPC_HDR_NONE = 0,
    IPC_HDR_SCHEMA = 1,
    IPC_HDR_DICTIONARY_BATCH = 2,
    IPC_HDR_RECORD_BATCH = 3,
    IPC_HDR_TENSOR = 4,
    IPC_HDR_SPARSE_TENSOR = 5,
};

/* Type union tags. */
typedef enum ipc_type_id {
    IPC_T_NONE = 0,
    IPC_T_NULL = 1,
    IPC_T_INT = 2,
    IPC_T_FLOAT = 3,
    IPC_T_BINARY = 4,
    IPC_T_UTF8 = 5,
    IPC_T_BOOL = 6,
    IPC_T_DECIMAL = 7,
    IPC_T_DATE = 8,
    IPC_T_TIME = 9,
    IPC_T_TIMESTAMP = 10,
    IPC_T_INTERVAL = 11,
    IPC_T_LIST = 12,
    IPC_T_STRUCT = 13,
    IPC_T_UNION = 14,
    IPC_T_FIXED_SIZE_BINARY = 15,
    IPC_T_FIXED_SIZE_LIST = 16,
    IPC_T_MAP = 17,
    IPC_T_DURATION = 18,
    IPC_T_LARGE_BINARY = 19,
    IPC_T_LARGE_UTF8 = 20,
    IPC_T_LARGE_LIST = 21,
    IPC_T_RUN_END_ENCODED = 22,
    IPC_T_BINARY_VIEW = 23,
    IPC_T_UTF8_VIEW = 24,
    IPC_T_LIST_VIEW = 25,
    IPC_T_LARGE_LIST_VIEW = 26,
} ipc_type_id;

enum { IPC_FP_HALF = 0, IPC_FP_SINGLE = 1, IPC_FP_DOUBLE = 2 };
enum { IPC_DATE_DAY = 0, IPC_DATE_MILLISECOND = 1 };
enum { IPC_TU_SECOND = 0, IPC_TU_MILLISECOND = 1, IPC_TU_MICROSECOND = 2, IPC_TU_NANOSECOND = 3 };
enum { IPC_IV_YEAR_MONTH = 0, IPC_IV_DAY_TIME = 1, IPC_IV_MONTH_DAY_NANO = 2 };
enum { IPC_CODEC_LZ4_FRAME = 0, IPC_CODEC_ZSTD = 1 };

/* Stored field ids of the tables we read and write. */
enum { IPC_MESSAGE_VERSION = 0, IPC_MESSAGE_HEADER_TYPE = 1, IPC_MESSAGE_HEADER = 2 };
enum { IPC_MESSAGE_BODY_LENGTH = 3, IPC_MESSAGE_CUSTOM_METADATA = 4 };
enum { IPC_SCHEMA_ENDIANNESS = 0, IPC_SCHEMA_FIELDS = 1 };
enum { IPC_FIELD_NAME = 0, IPC_FIELD_NULLABLE = 1, IPC_FIELD_TYPE_TYPE = 2, IPC_FIELD_TYPE = 3 };
enum { IPC_FIELD_DICTIONARY = 4, IPC_FIELD_CHILDREN = 5, IPC_FIELD_CUSTOM_METADATA = 6 };
enum { IPC_DICTENC_ID = 0, IPC_DICTENC_INDEX_TYPE = 1, IPC_DICTENC_IS_ORDERED = 2 };
enum { IPC_RB_LENGTH = 0, IPC_RB_NODES = 1, IPC_RB_BUFFERS = 2, IPC_RB_COMPRESSION = 3 };
enum { IPC_RB_VARIADIC_COUNTS = 4 };
enum { IPC_DB_ID = 0, IPC_DB_DATA = 1, IPC_DB_IS_DELTA = 2 };
enum { IPC_COMPRESSION_CODEC = 0, IPC_COMPRESSION_METHOD = 1 };
/* Member tables of the Type union (field 0 and 1 where they have fields). */
enum { IPC_INT_BIT_WIDTH = 0, IPC_INT_IS_SIGNED = 1 };
enum { IPC_FP_PRECISION = 0 };
enum { IPC_DECIMAL_PRECISION = 0, IPC_DECIMAL_SCALE = 1, IPC_DECIMAL_BIT_WIDTH = 2 };
enum { IPC_UNIT = 0 }; /* Date, Time, Timestamp, Interval, Duration */
enum { IPC_TIMESTAMP_TIMEZONE = 1 };
enum { IPC_TIME_BIT_WIDTH = 1 };
enum { IPC_FIXED_SIZE = 0 }; /* FixedSizeList.listSize, FixedSizeBinary.byteWidth */
enum { IPC_MAP_KEYS_SORTED = 0 };

/* Sizes of the two structs of Message.fbs. */
#define IPC_FIELD_NODE_SIZE 16 /* { long length; long null_count; } */
#define IPC_BUFFER_SIZE     16 /* { long offset; long length; } */

/* Limits. */
#define IPC_MAX_DEPTH            64                  /* nesting depth of fields */
#define IPC_FB_MAX_FIELD_ID      15                  /* highest field id we ever write */
#define IPC_FB_MAX_BYTES         ((size_t)256 << 20) /* largest flatbuffer we build */
#define IPC_DECODE_BUDGET_BASE   ((int64_t)64 << 20)
#define IPC_DECODE_BUDGET_FACTOR 64 /* output bytes allowed per input byte */

/* ---- little-endian loads and stores (unaligned-safe) --------------------------------- */

static inline uint16_t ipc_ld_u16(const uint8_t *p)
{
    uint16_t v;
    __builtin_memcpy(&v, p, sizeof v);
    return v;
}
static inline uint32_t ipc_ld_u32(const uint8_t *p)
{
    uint32_t v;
    __builtin_memcpy(&v, p, sizeof v);
    return v;
}
static inline int32_t ipc_ld_i32(const uint8_t *p)
{
    int32_t v;
    __builtin_memcpy(&v, p, sizeof v);
    return v;
}
static inline int64_t ipc_ld_i64(const uint8_t *p)
{
    int64_t v;
    __builtin_memcpy(&v, p, sizeof v);
    return v;
}

/* ---- flatbuffer builder (ipc_fb_build.c) ---------------------------------------------- */

/*
 * Builds a flatbuffer back to front, as the format wants children before parents. Objects
 * are named by an `ipc_fb_ref`: their distance from the end of the buffer, which stays
 * valid while the buffer grows at the front. Only one table is open at a time: build the
 * strings, vectors and child tables a table points to before starting it. Growth past
 * IPC_FB_MAX_BYTES sets `overflow` (sticky) and ipc_fb_finish then fails.
 */
typedef uint32_t ipc_fb_ref;

typedef struct ipc_fb_builder {
    uint8_t *buf; /* bytes live in buf[cap - used, cap) */
    size_t cap;
    size_t used;
    size_t max_align;
    bool overflow;
    bool in_table;
    size_t table_start;
    int n_slots;
    uint32_t slots[IPC_FB_MAX_FIELD_ID + 1]; /* `used` at each field, 0 = absent */
} ipc_fb_builder;

void ipc_fb_init(ipc_fb_builder *b);
void ipc_fb_release(ipc_fb_builder *b);
ipc_fb_ref ipc_fb_string(ipc_fb_builder *b, const char *s, size_t len);
/* A vector of n inline elements of elem_size bytes each (scalars or structs). */
ipc_fb_ref ipc_fb_vector(ipc_fb_builder *b, const void *elems, size_t n, size_t elem_size,
                         size_t align);
/* A vector of n offsets to tables (or strings) built before. */
ipc_fb_ref ipc_fb_vector_refs(ipc_fb_builder *b, const ipc_fb_ref *refs, size_t n);
void ipc_fb_table_start(ipc_fb_builder *b);
void ipc_fb_add_u8(ipc_fb_builder *b, int id, uint8_t v);
void ipc_fb_add_i16(ipc_fb_builder *b, int id, int16_t v);
void ipc_fb_add_i32(ipc_fb_builder *b, int id, int32_t v);
void ipc_fb_add_i64(ipc_fb_builder *b, int id, int64_t v);
void ipc_fb_add_ref(ipc_fb_builder *b, int id, ipc_fb_ref ref);
ipc_fb_ref ipc_fb_table_end(ipc_fb_builder *b);
/*
 * Writes the root offset. On success *data points into the builder (borrowed until
 * ipc_fb_release) and *len is a multiple of 8. Fails (non-zero) after an overflow.
 */
int ipc_fb_finish(ipc_fb_builder *b, ipc_fb_ref root, const uint8_t **data, size_t *len,
                  em_error *err);

/* ---- flatbuffer reader (ipc_fb_read.c) ------------------------------------------------ */

/*
 * Reads a flatbuffer that may be hostile. Every access is bounds-checked against the
 * buffer; a bad offset sets `bad` (sticky, with a reason) and the accessor returns the
 * default / an absent result, so a parser reads on and checks `bad` once at the end.
 */
typedef struct ipc_fb_buf {
    const uint8_t *data;
    size_t len;
    bool bad;
    const char *why; /* static text: what was out of bounds */
} ipc_fb_buf;

typedef struct ipc_fb_table {
    ipc_fb_buf *fb;
    size_t pos;      /* table start */
    size_t vt;       /* vtable start */
    uint16_t vt_len; /* bytes of the vtable */
    uint16_t tb_len; /* bytes of the table's inline part */
} ipc_fb_table;

typedef struct ipc_fb_vec {
    ipc_fb_buf *fb;
    size_t pos; /* first element */
    uint32_t n;
    size_t elem_size;
} ipc_fb_vec;

void ipc_fb_buf_init(ipc_fb_buf *fb, const uint8_t *data, size_t len);
/* The root table; false (and fb->bad) when the buffer cannot hold one. */
bool ipc_fb_root(ipc_fb_buf *fb, ipc_fb_table *out);
bool ipc_fb_has(const ipc_fb_table *t, int id);
uint8_t ipc_fb_get_u8(const ipc_fb_table *t, int id, uint8_t def);
bool ipc_fb_get_bool(const ipc_fb_table *t, int id, bool def);
int16_t ipc_fb_get_i16(const ipc_fb_table *t, int id, int16_t def);
int32_t ipc_fb_get_i32(const ipc_fb_table *t, int id, int32_t def);
int64_t ipc_fb_get_i64(const ipc_fb_table *t, int id, int64_t def);
/* The table field `id`; false when absent or bad. */
bool ipc_fb_get_table(const ipc_fb_table *t, int id, ipc_fb_table *out);
/* The vector field `id` of elem_size-byte elements; absent gives n = 0 and true. */
bool ipc_fb_get_vector(const ipc_fb_table *t, int id, size_t elem_size, ipc_fb_vec *out);
/* Element idx (< v->n) of a vector of tables. */
bool ipc_fb_vec_table(const ipc_fb_vec *v, uint32_t idx, ipc_fb_table *out);
/* Element idx (< v->n) of an inline vector: a pointer to elem_size readable bytes. */
const uint8_t *ipc_fb_vec_at(const ipc_fb_vec *v, uint32_t idx);
/* The string field `id`; false when absent (then *s = NULL, *len = 0) or bad. */
bool ipc_fb_get_string(const ipc_fb_table *t, int id, const char **s, uint32_t *len);

/* ---- schema tree (ipc_schema_read.c) -------------------------------------------------- */

/* One Arrow field as read from a Schema message, with the Spark type it maps to. */
typedef struct ipc_field ipc_field;
struct ipc_field {
    const char *name;
    bool nullable;
    ipc_type_id type_id;
    int bit_width;      /* Int, Decimal, Time */
    bool is_signed;     /* Int */
    int precision;      /* FloatingPoint precision enum, or Decimal precision */
    int scale;          /* Decimal */
    int unit;           /* Date, Time, Timestamp, Duration, Interval unit enum */
    bool has_tz;        /* Timestamp */
    int32_t fixed_size; /* FixedSizeList / FixedSizeBinary */
    /* Dictionary encoding: the column holds indices of index_width bits. */
    bool dict;
    int64_t dict_id;
    int index_width;
    bool index_signed;
    const ty *type; /* Spark type of the (decoded) values; owned by the caller's arena */
    int n_children;
    ipc_field *children;
};

typedef struct ipc_schema {
    int n_fields;
    ipc_field *fields;
    const ty *type;    /* TY_STRUCT of the fields */
    int n_dict_fields; /* fields (at any depth) that are dictionary-encoded */
    ipc_field **dict_fields;
} ipc_schema;

/*
 * Parses a Schema table into *out. Names and the tree are allocated in scratch; Spark types
 * in arena. max_fields bounds the number of fields over all depths (so that a flatbuffer
 * sharing one table many times cannot blow up).
 */
int ipc_schema_parse(const ipc_fb_table *schema, em_arena *scratch, em_arena *arena,
                     int64_t max_fields, ipc_schema *out, em_error *err);

/* ---- schema writer (ipc_schema_write.c) ------------------------------------------------ */

/* Builds the Schema table for a TY_STRUCT (fields are the columns). */
int ipc_schema_build(ipc_fb_builder *b, const ty *schema, const char *timezone, ipc_fb_ref *out,
                     em_error *err);

/* ---- body decoding (ipc_read_array.c) ------------------------------------------------- */

/* A dictionary known to the decoder: id and the values decoded so far. */
typedef struct ipc_dict {
    int64_t id;
    const ipc_field *field; /* the dictionary-encoded field (its value type) */
    vec *values;            /* NULL until a DictionaryBatch arrives */
} ipc_dict;

/* State of one decode call shared by the stream reader and the array decoder. */
typedef struct ipc_read_ctx {
    em_arena *arena; /* caller's: Spark types */
    int64_t budget;  /* output bytes still allowed */
    int n_dicts;
    ipc_dict *dicts;
    em_error *err;
} ipc_read_ctx;

/* One RecordBatch table and the body it describes. */
typedef struct ipc_batch_src {
    const uint8_t *body;
    int64_t body_len;
    int64_t length; /* RecordBatch.length */
    ipc_fb_vec nodes;
    ipc_fb_vec buffers;
    uint32_t node_idx;
    uint32_t buf_idx;
    int codec; /* -1: uncompressed */
    /* Decompressed buffers, freed by ipc_batch_src_release. */
    int n_owned;
    int cap_owned;
    uint8_t **owned;
} ipc_batch_src;

/* Reads the RecordBatch table rb (node and buffer vectors, compression) over body. */
int ipc_batch_src_init(ipc_batch_src *src, const ipc_fb_table *rb, const uint8_t *body,
                       int64_t body_len, em_error *err);
void ipc_batch_src_release(ipc_batch_src *src);
/*
 * Decodes the next array of src (its node, its buffers and its children, in Arrow's order) as
 * field f, keeping rows [start, start + count) — the node must hold them. Dictionary-encoded
 * fields are looked up in ctx and materialised; pass decode_dict = false to read dictionary
 * values themselves (a DictionaryBatch). *out is a new vector (caller releases).
 */
int ipc_decode_array(ipc_read_ctx *ctx, ipc_batch_src *src, const ipc_field *f, int64_t start,
                     int64_t count, bool decode_dict, vec **out);

/* Helpers shared by ipc_read_array.c and ipc_read_values.c. */

/* Takes bytes from the output budget; fails (malformed: too large) when it runs out. */
int ipc_charge(ipc_read_ctx *ctx, int64_t bytes);
/*
 * A new vector of `rows` rows of type t, its buffers allocated (values zeroed; offsets[0] = 0;
 * `bytes` payload bytes; children array sized for the kind but empty), no validity. Charged to
 * the budget; NULL with the error set when it is exhausted.
 */
vec *ipc_vec_alloc(ipc_read_ctx *ctx, const ty *t, int64_t rows, int64_t bytes);
/* The next body buffer of src, bounds-checked (and decompressed when the batch is). */
int ipc_next_buffer(ipc_read_ctx *ctx, ipc_batch_src *src, const uint8_t **p, int64_t *len);
/* Copies validity bits [start, start + count) of bitmap to out (allocating the bitmap only if
 * one of those rows is null). bitmap NULL means no nulls. */
void ipc_set_validity(vec *out, const uint8_t *bitmap, int64_t start, int64_t count);
static inline bool ipc_bit(const uint8_t *bitmap, int64_t idx)
{
    return (bitmap[idx >> 3] >> (idx & 7)) & 1;
}

/* An offsets buffer of 32- or 64-bit entries, checked non-negative and non-decreasing. */
typedef struct ipc_offsets {
    const uint8_t *p; /* NULL: an empty array without offsets (every offset is 0) */
    int width;
} ipc_offsets;
int ipc_read_offsets(ipc_read_ctx *ctx, ipc_batch_src *src, int width, int64_t nlen,
                     ipc_offsets *out);
static inline int64_t ipc_offset_at(const ipc_offsets *o, int64_t idx)
{
    if (!o->p)
        return 0;
    return o->width == 4 ? ipc_ld_i32(o->p + idx * 4) : ipc_ld_i64(o->p + idx * 8);
}

/*
 * Reads the buffers after the validity bitmap of a flat array (Bool, Int, FloatingPoint,
 * Decimal, Date, Timestamp, Duration, Interval, Utf8, Binary and their Large / FixedSize forms)
 * and converts rows [start, start + count) to f->type. nlen is the node's length.
 */
int ipc_read_values(ipc_read_ctx *ctx, ipc_batch_src *src, const ipc_field *f, int64_t nlen,
                    const uint8_t *bitmap, int64_t start, int64_t count, vec **out);
/* Bytes one row of v takes once copied by vec_append_from (an estimate of its output). */
int64_t ipc_row_cost(const vec *v, int64_t row);
/* Reads a dictionary-encoded array's index buffer and materialises the values. */
int ipc_read_dict_column(ipc_read_ctx *ctx, ipc_batch_src *src, const ipc_field *f, int64_t nlen,
                         const uint8_t *bitmap, int64_t start, int64_t count, vec **out);

/* ---- body decompression (ipc_compress.c) ---------------------------------------------- */

/*
 * Decompresses one codec-framed body buffer (int64 uncompressed length, -1 = stored raw,
 * then the payload) into a new em_malloc'd buffer *out of *out_len bytes (caller frees).
 * *out may point into src (not owned, *owned false) for the raw case.
 */
int ipc_decompress(int codec, const uint8_t *src, int64_t len, int64_t budget, const uint8_t **out,
                   int64_t *out_len, bool *owned, em_error *err);

/* ---- shared helpers ------------------------------------------------------------------- */

/* True if s[0..len) is well-formed UTF-8 (no overlongs, surrogates or code points past
 * U+10FFFF). */
bool ipc_utf8_valid(const uint8_t *s, size_t len);
/* em_error_internal with the prefix "Arrow IPC stream is malformed: ". */
int ipc_malformed(em_error *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* UNSUPPORTED_ARROWTYPE with typeName = name. */
int ipc_unsupported(em_error *err, const char *name);

#endif
