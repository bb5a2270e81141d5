/*
 * pq: Ember's own Parquet reader. It opens a file (mmap) or a caller's buffer, decodes the Thrift
 * footer, maps the Parquet schema to Spark types the way Spark's ParquetToSparkSchemaConverter
 * does, and reads row groups into vec_batch values (Arrow layout, nested types included) with a
 * projection of top-level columns. Row-group statistics are exposed for pruning.
 *
 * Where it sits: io/ is read by exec/ (the scan operator) and catalog/ (tables in the warehouse).
 * It depends on vector/, types/ and common/ plus the codec libraries (snappy, zlib, zstd, lz4,
 * brotli).
 *
 * Errors (Spark's classes, parameter `path` = the path given to pq_file_open):
 *   FAILED_READ_FILE.FILE_NOT_EXIST          the file does not exist
 *   FAILED_READ_FILE.CANNOT_READ_FILE_FOOTER no magic, bad footer length, undecodable metadata
 *   FAILED_READ_FILE.NO_HINT                 anything wrong while reading pages (corrupt header,
 *                                            codec failure, bad levels or values, CRC mismatch)
 *   PARQUET_TYPE_ILLEGAL / PARQUET_TYPE_NOT_SUPPORTED / _LEGACY_ERROR_TEMP_3071
 *                                            schema Spark cannot read (see pq_options)
 * The precise cause (what was wrong, at which offset) is not part of Spark's message; it is kept
 * in a thread-local buffer readable with pq_last_error_detail() and logged at debug level.
 *
 * Threads: a pq_file is immutable after pq_file_open; any number of pq_readers (one per thread,
 * e.g. one per row group morsel) may read it concurrently. A pq_reader is single-threaded.
 */
#ifndef PQ_H
#define PQ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/em_arena.h"
#include "common/em_error.h"
#include "types/ty.h"
#include "vector/vec.h"

typedef struct pq_file pq_file;
typedef struct pq_reader pq_reader;

/* Reader settings; pq_options_init gives Spark 4's defaults. */
typedef struct pq_options {
    /*
     * Spark 4 refuses some Parquet types: TIMESTAMP(NANOS), TIME other than TIME(MICROS, false),
     * FLOAT16, UUID, INTERVAL, INT32 TIMESTAMP(MILLIS). When true, opening a file with such a
     * column fails as Spark fails (PARQUET_TYPE_ILLEGAL / PARQUET_TYPE_NOT_SUPPORTED). When false
     * (the default, as Ember's data-sources design asks) they are read: TIMESTAMP(NANOS) as
     * timestamp / timestamp_ntz (floored to microseconds), TIME as bigint microseconds of the day
     * (floored), FLOAT16 as float, UUID as binary.
     */
    bool spark_strict_types;
    bool binary_as_string;    /* spark.sql.parquet.binaryAsString (default false) */
    bool int96_as_timestamp;  /* spark.sql.parquet.int96AsTimestamp (default true) */
    bool infer_timestamp_ntz; /* spark.sql.parquet.inferTimestampNTZ.enabled (default true) */
    bool nanos_as_long;       /* spark.sql.legacy.parquet.nanosAsLong (default false) */
    bool verify_crc;          /* check page CRCs where present (default false, as parquet-mr) */
    int batch_rows;           /* rows per batch, 1..VEC_BATCH_ROWS (the default) */
    int64_t max_page_bytes;   /* largest page accepted, compressed or not (default 256 MiB) */
    int64_t max_batch_values; /* most leaf values (levels) one batch may hold (default 2^24) */
} pq_options;

void pq_options_init(pq_options *opt);

/*
 * Opens and maps `path`, reads and validates the footer and builds the Spark schema. Types that
 * are not singletons (decimals, nested types, the schema struct) are allocated in type_arena,
 * which must outlive every vector read from the file (pass the query's or session's arena); NULL
 * uses an arena owned by the file (then vectors must not outlive pq_file_close). opt may be NULL
 * (defaults). On success *out is caller-released with pq_file_close.
 */
int pq_file_open(const char *path, const pq_options *opt, em_arena *type_arena, pq_file **out,
                 em_error *err);
/* Same over a file image in memory: data is borrowed and must outlive the pq_file. path is only
 * used in error messages (may be NULL). */
int pq_file_open_buffer(const void *data, size_t len, const char *path, const pq_options *opt,
                        em_arena *type_arena, pq_file **out, em_error *err);
/* Unmaps and frees. NULL is a no-op. Readers of the file must be closed first. */
void pq_file_close(pq_file *f);

/* The Spark schema: a STRUCT whose fields are the top-level columns (nullable = OPTIONAL).
 * Borrowed from the file / type arena. */
const ty *pq_file_schema(const pq_file *f);
int64_t pq_file_num_rows(const pq_file *f);
int pq_file_num_row_groups(const pq_file *f);
int64_t pq_file_row_group_num_rows(const pq_file *f, int row_group);
/* The writer's created_by string, or NULL. Borrowed. */
const char *pq_file_created_by(const pq_file *f);
/* Key-value metadata: count, then entry i (key NUL-terminated; value bytes, NULL when absent;
 * both borrowed). pq_file_kv_get returns the value of key or NULL. */
int pq_file_kv_count(const pq_file *f);
void pq_file_kv(const pq_file *f, int i, const char **key, const char **value, int32_t *value_len);
const char *pq_file_kv_get(const pq_file *f, const char *key, int32_t *value_len);

/* Parquet physical types (parquet.thrift Type). */
typedef enum pq_physical {
    PQ_BOOLEAN = 0,
    PQ_INT32 = 1,
    PQ_INT64 = 2,
    PQ_INT96 = 3,
    PQ_FLOAT = 4,
    PQ_DOUBLE = 5,
    PQ_BYTE_ARRAY = 6,
    PQ_FIXED_LEN_BYTE_ARRAY = 7,
} pq_physical;

/* One leaf (primitive) column of the file, in schema order. */
typedef struct pq_leaf_info {
    const char *path;     /* dotted path in the Parquet schema, e.g. "l.list.element" */
    int top_level;        /* index of the top-level column it belongs to */
    pq_physical physical; /* physical type */
    int type_length;      /* FIXED_LEN_BYTE_ARRAY width, else 0 */
    int max_def, max_rep; /* maximum definition / repetition levels */
    const ty *type;       /* Spark type of the values */
} pq_leaf_info;

int pq_file_num_leaves(const pq_file *f);
/* Borrowed; leaf in [0, pq_file_num_leaves). */
const pq_leaf_info *pq_file_leaf(const pq_file *f, int leaf);
/* The first leaf and the number of leaves of top-level column `col`. */
void pq_file_column_leaves(const pq_file *f, int col, int *first_leaf, int *n_leaves);

/*
 * Column-chunk statistics of one leaf in one row group. Bounds are the raw PLAIN encoding of one
 * value (no length prefix for byte arrays), borrowed from the file. has_min_max is true only
 * when both bounds are present and valid for the column's sort order (min_value/max_value, or the
 * deprecated min/max for signed numeric columns).
 */
typedef struct pq_stats {
    int64_t num_values; /* values in the chunk, nulls included (from ColumnMetaData) */
    bool has_null_count;
    int64_t null_count;
    bool has_min_max;
    bool legacy; /* bounds came from the deprecated min/max fields */
    bool min_exact, max_exact;
    const uint8_t *min, *max;
    int32_t min_len, max_len;
} pq_stats;

int pq_file_column_stats(const pq_file *f, int row_group, int leaf, pq_stats *out, em_error *err);

/* A statistics bound decoded into the leaf's Spark type representation. */
typedef struct pq_value {
    ty_kind kind; /* the leaf type's kind */
    union {
        int64_t i64;  /* boolean, byte..long, date (days), timestamp / timestamp_ntz (µs) */
        double f64;   /* float, double */
        __int128 dec; /* decimal unscaled */
        struct {
            const char *ptr; /* borrowed from the raw bound */
            int32_t len;
        } bytes; /* string, binary */
    } v;
} pq_value;

/* Decodes a raw bound of `leaf`. Returns non-zero (err set, NO_HINT) when the bytes do not fit
 * the type, or UNSUPPORTED for types without usable order (INT96, null). */
int pq_stats_decode(const pq_file *f, int leaf, const uint8_t *raw, int32_t len, pq_value *out,
                    em_error *err);

/*
 * Starts reading. cols: top-level column indexes to read, in the order wanted (NULL = all, in
 * schema order); n_cols may be 0 (batches then carry only a row count). row_groups: which row
 * groups, in order (NULL = all). *out is caller-released with pq_reader_close.
 */
int pq_reader_open(pq_file *f, const int *cols, int n_cols, const int *row_groups, int n_row_groups,
                   pq_reader **out, em_error *err);
/*
 * The next batch (1..batch_rows rows, never crossing a row group), or *out = NULL at the end.
 * Columns are in the requested order with the schema's types. The caller frees the batch with
 * vec_batch_free. After an error the reader only supports pq_reader_close.
 */
int pq_reader_next(pq_reader *r, vec_batch **out, em_error *err);
void pq_reader_close(pq_reader *r);

/* The detail of the last error raised by pq_* on this thread ("" if none). */
const char *pq_last_error_detail(void);

#endif
