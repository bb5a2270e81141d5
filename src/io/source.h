/*
 * source: Ember's data-source layer (spark.read / DataFrameReader and file-backed tables). It
 * turns a read request (format, paths or globs, options, optional user schema) into a resolved
 * source: the format checked, the files listed (hidden files skipped, hive-style `key=value`
 * folders discovered as partition columns with Spark's type inference), the data schema given or
 * inferred (Parquet footers, CSV / JSON sampling as Spark does) and merged with the partition
 * columns. A resolved source is then scanned: files in Spark's order (largest first), only the
 * requested columns, partition values appended as constants.
 *
 * Where it sits: connect/ resolves sources for the analyzer (an_env.source_resolve); the resolved
 * PL_READ_SOURCE node carries the io_source (plan.h u.read.source) and exec/ scans it through the
 * function pointers of io_source_ops, so exec/ needs no link dependency on io/.
 *
 * Errors are Spark's: DATA_SOURCE_NOT_FOUND (unknown format), UNSUPPORTED_FEATURE.NOT_IMPLEMENTED
 * (a format Spark knows but Ember does not read: orc, avro, jdbc, xml...), PATH_NOT_FOUND
 * (`path` = the Hadoop-qualified path, "file:/abs/dir"), UNABLE_TO_INFER_SCHEMA (no files and no
 * schema), CONFLICTING_DIRECTORY_STRUCTURES / CONFLICTING_PARTITION_COLUMN_NAMES (layouts),
 * UNSUPPORTED_DATA_TYPE_FOR_DATASOURCE, INVALID_CORRUPT_RECORD_TYPE, and while reading
 * FAILED_READ_FILE.* (`path` = the file's URL-encoded URI, as Spark's FileScanRDD reports it).
 *
 * Ownership: everything resolved lives in the arena given to io_source_resolve (the plan's);
 * a resolved source is immutable, so any number of scans (threads) may read it at once. Scans
 * are caller-released with their close function.
 */
#ifndef IO_SOURCE_H
#define IO_SOURCE_H

#include <stdbool.h>
#include <stdint.h>

#include "common/em_arena.h"
#include "common/em_error.h"
#include "types/ty.h"
#include "vector/vec.h"

/* One reader option (keys are matched case-insensitively, as Spark's CaseInsensitiveMap). Same
   layout as plan.h's pl_option. */
typedef struct io_option {
    const char *key;
    const char *value;
} io_option;

/* The session settings the layer reads; io_source_conf_init gives Spark 4's defaults. Strings are
   borrowed for the duration of io_source_resolve (the source keeps copies). */
typedef struct io_source_conf {
    const char *default_format;      /* spark.sql.sources.default ("parquet") */
    const char *time_zone;           /* spark.sql.session.timeZone ("UTC") */
    bool case_sensitive;             /* spark.sql.caseSensitive (false) */
    const char *corrupt_record;      /* spark.sql.columnNameOfCorruptRecord ("_corrupt_record") */
    bool csv_column_pruning;         /* spark.sql.csv.parser.columnPruning.enabled (true) */
    bool partition_type_inference;   /* spark.sql.sources.partitionColumnTypeInference.enabled */
    bool validate_partition_columns; /* spark.sql.sources.validatePartitionColumns (true) */
    bool ignore_invalid_partition_paths; /* spark.sql.files.ignoreInvalidPartitionPaths (false) */
    bool timestamp_ntz;                  /* spark.sql.timestampType is TIMESTAMP_NTZ (false) */
    bool ignore_corrupt_files;           /* spark.sql.files.ignoreCorruptFiles (false) */
    bool ignore_missing_files;           /* spark.sql.files.ignoreMissingFiles (false) */
    bool parquet_binary_as_string;       /* spark.sql.parquet.binaryAsString (false) */
    bool parquet_int96_as_timestamp;     /* spark.sql.parquet.int96AsTimestamp (true) */
    bool parquet_infer_timestamp_ntz;    /* spark.sql.parquet.inferTimestampNTZ.enabled (true) */
    bool parquet_merge_schema;           /* spark.sql.parquet.mergeSchema (false) */
    bool json_partial_results;           /* spark.sql.json.enablePartialResults (true) */
    bool json_allow_empty_string; /* spark.sql.legacy.json.allowEmptyString.enabled (false) */
    int64_t now_micros;           /* the statement's clock, for time-only timestamp strings */
    const char *cwd;              /* base of relative paths; NULL = the process's cwd */
} io_source_conf;

void io_source_conf_init(io_source_conf *conf);

typedef struct io_source io_source;
typedef struct io_scan io_scan;
typedef struct io_parts io_parts;

/*
 * A pushed predicate (one conjunct of the Filter above a scan), used only to skip data that
 * cannot match: files whose partition values fail it, Parquet row groups whose statistics
 * (min / max / null count) prove no row matches. The Filter still runs above the scan, so a
 * predicate the layer cannot use is ignored, never an error.
 *   col      the source's output column (index into its schema)
 *   cast_to  the column is compared as CAST(col AS cast_to) (a widening the layer knows to be
 *            order-preserving: wider integral, integral / decimal / float -> wider decimal or
 *            floating point); NULL compares the column as it is
 *   values   the literals, 1-row vectors of the compared type (the column's, or cast_to): one
 *            for EQ .. GE, n_values for IN; NULL rows allowed (they never match); none for
 *            IS NULL / IS NOT NULL. Borrowed for the duration of io_source_ops.plan.
 * Comparisons follow Spark's: NaN equals NaN and is above every other value, -0.0 = 0.0,
 * strings (UTF8_BINARY only; other collations are ignored) and binary compare bytewise.
 */
typedef enum io_pred_op {
    IO_PRED_EQ = 1,
    IO_PRED_LT,
    IO_PRED_LE,
    IO_PRED_GT,
    IO_PRED_GE,
    IO_PRED_IS_NULL,
    IO_PRED_IS_NOT_NULL,
    IO_PRED_IN,
} io_pred_op;

typedef struct io_pred {
    int col;
    io_pred_op op;
    const ty *cast_to;
    int n_values;
    const vec *const *values;
} io_pred;

/* Process-wide pruning counters (all plans since the last reset), for tests and EXPLAIN-like
   diagnostics: files and Parquet row groups considered / skipped by io_source_ops.plan. */
typedef struct io_prune_stats {
    int64_t files, files_skipped;
    int64_t row_groups, row_groups_skipped;
} io_prune_stats;

/*
 * The scan entry points of a resolved source, reachable without linking io/ (io_source_ops_of).
 *  open: starts a scan of output columns cols[0..n_cols) (indexes into the source's schema, any
 *        order, n_cols may be 0: batches then carry only row counts). batch_rows <= 0 picks
 *        VEC_BATCH_ROWS. *out is released with close.
 *  next: 1 with a batch of n_cols columns (caller frees), 0 at the end, <0 with err set (Spark's
 *        FAILED_READ_FILE.* and parse errors). Batches never have 0 rows.
 *  close: frees the scan (NULL is a no-op); also after errors.
 */
typedef struct io_source_ops {
    int (*open)(const io_source *src, const int *cols, int n_cols, int64_t batch_rows,
                io_scan **out, em_error *err);
    int (*next)(io_scan *scan, vec_batch **out, em_error *err);
    void (*close)(io_scan *scan);
    /*
     * Parallel and pruned scans.
     *  plan: splits the scan of output columns cols[0..n_cols) into PARTS, in scan order:
     *        files, Parquet row groups (packed up to about target_rows rows per part; <= 0:
     *        one row group per part), byte ranges of splittable line-based text files (records
     *        belong to the range their first byte falls in), small whole files packed
     *        together. Files whose partition values fail a predicate and row groups whose
     *        statistics prove no row matches are left out (preds may be NULL / 0). Footers
     *        that cannot be read at planning leave their file whole: the scan raises the
     *        error (or skips it, ignoreCorruptFiles) at its place in order. *out is released
     *        with free_parts. Errors: internal only.
     *  num_parts: the number of parts (0 when everything was pruned).
     *  open_parts: a scan of parts [first, end) (0 <= first <= end <= num_parts), next / close
     *        as for open. Reading parts 0..n-1 in order yields exactly the rows of open (with
     *        the pruned parts' rows left out) in the same order.
     * A plan is immutable: any number of threads may open scans of its parts at once; each scan
     * owns its file handles, decoders and buffers. The plan must outlive its scans.
     */
    int (*plan)(const io_source *src, const int *cols, int n_cols, const io_pred *preds,
                int n_preds, int64_t target_rows, io_parts **out, em_error *err);
    int (*num_parts)(const io_parts *parts);
    int (*open_parts)(const io_parts *parts, int first, int end, int64_t batch_rows, io_scan **out,
                      em_error *err);
    void (*free_parts)(io_parts *parts);
} io_source_ops;

/* Every io_source starts with this head, so holders that do not link io/ can scan it. */
typedef struct io_source_head {
    const io_source_ops *ops;
    const ty *schema; /* the output columns (TY_STRUCT, every field nullable) */
} io_source_head;

static inline const io_source_ops *io_source_ops_of(const io_source *src)
{
    return ((const io_source_head *)(const void *)src)->ops;
}
static inline const ty *io_source_schema_of(const io_source *src)
{
    return ((const io_source_head *)(const void *)src)->schema;
}

/*
 * Resolves a read. format NULL or "" means conf->default_format; paths are local paths, "file:"
 * URIs or Hadoop globs (`*`, `?`, `[ab]`, `{a,b}`); the option "path" adds one more path first,
 * as Spark does. user_schema (a TY_STRUCT or NULL) skips inference: its fields that name a
 * discovered partition column type that column, the others are the data columns. On success
 * *out is the resolved source (in arena).
 */
int io_source_resolve(em_arena *arena, const io_source_conf *conf, const char *format, int n_paths,
                      const char *const *paths, int n_options, const io_option *options,
                      const ty *user_schema, io_source **out, em_error *err);

/* The output schema: data columns (a column that is also a partition column takes the
   partition column's type) followed by the other partition columns. Borrowed. */
const ty *io_source_schema(const io_source *src);
/* The data columns read from the files and the partition columns (TY_STRUCTs, borrowed). */
const ty *io_source_data_schema(const io_source *src);
const ty *io_source_partition_schema(const io_source *src);
/* The files a scan reads, in scan order (largest first): count, then file i's URI
   ("file:/abs/path", URL-encoded as Spark's inputFiles). */
int io_source_num_files(const io_source *src);
const char *io_source_file_uri(const io_source *src, int i);

/* Scanning from code that links io/ (the same as io_source_ops_of(src)->...). */
int io_scan_open(const io_source *src, const int *cols, int n_cols, int64_t batch_rows,
                 io_scan **out, em_error *err);
int io_scan_next(io_scan *scan, vec_batch **out, em_error *err);
void io_scan_close(io_scan *scan);

/* The same as io_source_ops_of(src)->plan / num_parts / open_parts / free_parts. */
int io_scan_plan(const io_source *src, const int *cols, int n_cols, const io_pred *preds,
                 int n_preds, int64_t target_rows, io_parts **out, em_error *err);
int io_parts_count(const io_parts *parts);
int io_scan_open_parts(const io_parts *parts, int first, int end, int64_t batch_rows, io_scan **out,
                       em_error *err);
void io_parts_free(io_parts *parts);
/* What one plan pruned (files / row groups considered and skipped). */
void io_parts_stats(const io_parts *parts, io_prune_stats *out);
/* The process-wide counters, and their reset. */
void io_prune_stats_get(io_prune_stats *out);
void io_prune_stats_reset(void);
/* Test hook: byte ranges of splittable text files of this size (0 = the default). */
void io_plan_test_split_bytes(int64_t bytes);

/* Test helper: reads every row of columns cols (NULL = all output columns) into one batch
   (caller frees); *out is an empty batch when there are no rows. */
int io_source_read_all(const io_source *src, const int *cols, int n_cols, vec_batch **out,
                       em_error *err);

#endif
