/*
 * vec: column vectors and batches in Arrow's memory layout, so results encode to Arrow IPC
 * without per-value work (booleans excepted: one byte per value here, bit-packed on encode).
 *
 * A vec is refcounted (vec_retain / vec_release) so operators can pass columns through
 * without copying; a vec shared by more than one owner must not be mutated. Its type is
 * borrowed and must outlive it (static singletons, or a plan/session arena).
 *
 * Layout per kind is documented in types/ty.h. Buffers:
 *   validity  Arrow bitmap (bit i set = row i valid, LSB first); NULL means no nulls.
 *   values    fixed-width values (cap entries); NULL for var-width, nested and NULL kinds.
 *   offsets   int32, len+1 entries, for STRING/BINARY/CHAR/VARCHAR/ARRAY/MAP.
 *   bytes     the UTF-8 / binary payload of var-width kinds (bytes_len used).
 *   children  ARRAY: [elements]; MAP: [keys, values]; STRUCT: one per field.
 * Strings are not NUL-terminated. Every growth is bounded (VEC_MAX_BYTES) and fails cleanly.
 */
#ifndef VEC_H
#define VEC_H

#include <stdbool.h>
#include <stdint.h>

#include "common/em_error.h"
#include "types/ty.h"

/* The batch size operators aim for. */
#define VEC_BATCH_ROWS 2048
/* Largest payload of one var-width vector (offsets are int32). */
#define VEC_MAX_BYTES ((int64_t)INT32_MAX)

typedef struct vec vec;

struct vec {
    int refcount; /* atomic */
    const ty *type;
    int64_t len;
    int64_t cap;
    uint8_t *validity;
    void *values;
    int32_t *offsets;
    char *bytes;
    int64_t bytes_len;
    int64_t bytes_cap;
    int n_children;
    vec **children;
};

/* A new empty vector with room for cap rows (children created for nested types). */
vec *vec_new(const ty *type, int64_t cap);
/* A vector of len rows, all NULL. */
vec *vec_new_nulls(const ty *type, int64_t len);
vec *vec_retain(vec *v);
/* Drops one reference; frees at zero. NULL is a no-op. */
void vec_release(vec *v);

/* Ensures room for cap rows (values, validity, offsets). */
void vec_reserve(vec *v, int64_t cap);
/* Ensures room for extra payload bytes; returns EM_EUSER-free error on overflow. */
int vec_reserve_bytes(vec *v, int64_t extra, em_error *err);

static inline bool vec_is_null(const vec *v, int64_t i)
{
    return v->validity && !(v->validity[i >> 3] & (1u << (i & 7)));
}
/* Marks row i null / valid (allocates the bitmap on the first null). */
void vec_set_null(vec *v, int64_t i);
void vec_set_valid(vec *v, int64_t i);
/* Number of null rows. */
int64_t vec_null_count(const vec *v);

/* Typed value access for fixed-width kinds. */
#define VEC_VALUES(v, T) ((T *)(v)->values)

/* String/binary row i: pointer into bytes and length. */
static inline const char *vec_str(const vec *v, int64_t i, int32_t *len)
{
    *len = v->offsets[i + 1] - v->offsets[i];
    return v->bytes ? v->bytes + v->offsets[i] : "";
}

/*
 * Appenders for building vectors row by row (len grows by one). Var-width appends return
 * non-zero with err set when VEC_MAX_BYTES would be exceeded.
 */
void vec_append_null(vec *v);
int vec_append_str(vec *v, const char *s, int64_t len, em_error *err);
/* Appends a copy of row `row` of src (same type) to dst, recursively for nested types. */
int vec_append_from(vec *dst, const vec *src, int64_t row, em_error *err);

/* Copies rows [offset, offset+count) into a new vector. */
vec *vec_slice(const vec *v, int64_t offset, int64_t count, em_error *err);
/* New vector holding rows sel[0..n) of v, in that order. */
vec *vec_take(const vec *v, const int64_t *sel, int64_t n, em_error *err);

/* A batch: n_cols vectors of n_rows each. Owns one reference to each column. */
typedef struct vec_batch {
    int n_cols;
    int64_t n_rows;
    vec **cols;
    /* Added (partition ids): the Spark partition index of the batch's rows, which
       spark_partition_id() and monotonically_increasing_id() observe. 0 unless the executor
       emulates Spark's partitioning (exec/ README, "Partition ids"). */
    int32_t part;
} vec_batch;

vec_batch *vec_batch_new(int n_cols, int64_t n_rows);
/* Releases the columns and the batch. NULL is a no-op. */
void vec_batch_free(vec_batch *b);

#endif
