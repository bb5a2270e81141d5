/*
 * source_int: the data-source layer's private structures, shared by src/io/source*.c and the
 * text-format readers (csv/, json/, text/). Nothing here is visible outside io/.
 *
 * A resolved source (io_source) owns, in its arena: the parsed options, the file listing (every
 * file for inference, the non-empty ones in Spark's scan order for reading), the partition
 * values (one vector per partition column, one row per partition folder), the three schemas and
 * the map from output columns to data / partition columns. A format (io_format) plugs in with
 * a prepare step (parse and check options), schema inference, a type check, and a per-file
 * reader producing batches of requested data columns.
 */
#ifndef IO_SOURCE_INT_H
#define IO_SOURCE_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/em_str.h"
#include "io/source.h"
#include "types/ty_time.h"

/* One listed file. */
typedef struct io_file {
    const char *path; /* local path, for open() */
    const char *uri;  /* Spark's urlEncodedPath ("file:/abs/a%20b.csv"), for error messages */
    int64_t size;
    int part; /* partition row in io_source.part_values, -1 when the source is unpartitioned */
} io_file;

typedef struct io_format io_format;

/* A piece of one file a scan reads (source_plan.c): the whole file, some Parquet row groups, or
   the records of a line-based text file whose first byte lies in [lo, hi). */
typedef struct io_piece {
    int file;       /* index into io_source.files */
    int n_rgs;      /* Parquet: row groups rgs[0..n_rgs) in order; -1 = every row group */
    const int *rgs; /* owned by the io_parts */
    int64_t lo, hi; /* text formats: byte range; hi < 0 = to the end of the file */
} io_piece;

struct io_source {
    io_source_head head; /* must be first (source.h) */
    em_arena *arena;
    const io_format *fmt;
    io_source_conf conf; /* strings copied into the arena */
    const ty_tz *tz;     /* the "timeZone" option or the session zone */
    int n_options;
    io_option *options;
    /* Every listed data file in listing order (inference reads them all, empty ones too). */
    int n_all;
    io_file *all;
    /* The files a scan reads: non-empty, in partitions, largest first (Spark's FilePartition
       packing order). Pointers into `all`'s storage are not shared: these are copies. */
    int n_files;
    io_file *files;
    const ty *data_schema; /* TY_STRUCT */
    const ty *part_schema; /* TY_STRUCT, 0 fields when unpartitioned */
    int *col_map;          /* per output column: data column index, or -1 - partition index */
    int n_part_rows;
    vec **part_values; /* part_schema->n_fields vectors of n_part_rows rows */
    void *fmt_state;   /* the format's parsed options (arena) */
};

/* A per-file reader of requested data columns. */
typedef struct io_reader io_reader;

struct io_format {
    const char *name;    /* short name, lower case: "csv" */
    const char *display; /* FileFormat.toString: "CSV", "JSON", "Text", "Parquet" */
    /* Parses and checks the options into s->fmt_state. */
    int (*prepare)(io_source *s, em_error *err);
    /* Infers the data schema from s->all (files may be empty). *out NULL means nothing to infer
       from (UNABLE_TO_INFER_SCHEMA follows). */
    int (*infer)(io_source *s, const ty **out, em_error *err);
    /* Whether the format reads a column of this type. */
    bool (*supports)(const ty *t);
    /* Checks the final data schema (corrupt-record column type, text's single column). */
    int (*check_schema)(const io_source *s, em_error *err);
    /* Reads data columns cols[0..n_cols) (indexes into s->data_schema) of one file. */
    int (*open)(const io_source *s, const io_file *f, const int *cols, int n_cols,
                int64_t batch_rows, io_reader **out, em_error *err);
    /* 1 with a batch of n_cols columns (>= 1 row), 0 at the end of the file, <0 on error. */
    int (*next)(io_reader *r, vec_batch **out, em_error *err);
    void (*close)(io_reader *r);
    /* Optional (parallel scans): whether file f can be read in byte ranges (line-based text,
       not compressed, a separator whose line starts are found locally); NULL = never. */
    bool (*splittable)(const io_source *s, const io_file *f);
    /* Optional: opens piece p of file f (row groups, or a byte range when splittable says so);
       NULL = the format reads whole files only (open). */
    int (*open_piece)(const io_source *s, const io_file *f, const io_piece *p, const int *cols,
                      int n_cols, int64_t batch_rows, io_reader **out, em_error *err);
};

extern const io_format io_format_parquet;
extern const io_format io_format_csv;
extern const io_format io_format_json;
extern const io_format io_format_text;
extern const io_source_ops io_source_scan_ops;

/* Spark's lookupDataSource for a format name (any case, class names, aliases): *out is the
   format, else UNSUPPORTED_FEATURE.NOT_IMPLEMENTED ("reading" / "writing the data source format
   'orc'") for formats Spark ships, the avro / kafka errors, or DATA_SOURCE_NOT_FOUND. */
int io_format_find(const char *name, bool writing, const io_format **out, em_error *err);

/* ---- options (source.c) ------------------------------------------------------------------ */

/* The value of option key (case-insensitive; the last one given wins), or NULL. */
const char *io_opt(const io_source *s, const char *key);
/* Spark's CSVOptions.getBool: absent -> dflt, "true"/"false" in any case, else
   _LEGACY_ERROR_TEMP_2147 naming the option. */
int io_opt_bool_strict(const io_source *s, const char *key, bool dflt, bool *out, em_error *err);
/* Scala's String.toBoolean of an option (JSON / text options): absent -> dflt; a value other
   than true/false raises the IllegalArgumentException Spark surfaces (INTERNAL_ERROR-free:
   _LEGACY_ERROR_TEMP_2147 is used, naming the option). */
int io_opt_bool(const io_source *s, const char *key, bool dflt, bool *out, em_error *err);
/* The parse mode option: 0 PERMISSIVE (default), 1 DROPMALFORMED, 2 FAILFAST. Unknown names
   fall back to PERMISSIVE as Spark's ParseMode.fromString does (with a warning). */
enum { IO_MODE_PERMISSIVE = 0, IO_MODE_DROPMALFORMED = 1, IO_MODE_FAILFAST = 2 };
int io_opt_mode(const io_source *s);

/* ---- files (source_file.c) --------------------------------------------------------------- */

/* A whole file in memory: mapped, or decompressed (.gz / .deflate / .zst) into the heap. */
typedef struct io_buf {
    const char *data;
    size_t len;
    void *map;
    size_t map_len;
    char *heap;
} io_buf;

/* Opens f. Errors: FAILED_READ_FILE.FILE_NOT_EXIST (gone since listing) or
   FAILED_READ_FILE.NO_HINT (unreadable, bad compressed stream), with f->uri. */
int io_buf_open(const io_file *f, io_buf *b, em_error *err);
void io_buf_close(io_buf *b);

/*
 * Hadoop's LineRecordReader over a buffer: without a separator, lines end at "\n", "\r" or
 * "\r\n"; with one, at that exact byte sequence. The terminator is not part of the line; a
 * terminator at the very end does not start another (empty) line. A UTF-8 byte-order mark at
 * the start of the buffer is skipped, as LineRecordReader does at the start of a file.
 */
typedef struct io_lines {
    const char *p, *end;
    const char *sep;
    size_t sep_len;
    const char *limit; /* no line starts at or past limit (byte ranges); init: end */
} io_lines;

void io_lines_init(io_lines *l, const char *data, size_t len, const char *sep, size_t sep_len);
/* The lines whose first byte lies in [lo, hi) (hi < 0: to the end): the range's first line
   starts at the first line start at or after lo (the file's first line counts as starting at
   0, before any byte-order mark). Reading the ranges of a partition of [0, len) in order gives
   exactly the lines of io_lines_init. Only for no separator or a one-byte one. */
void io_lines_init_range(io_lines *l, const char *data, size_t len, const char *sep, size_t sep_len,
                         int64_t lo, int64_t hi);
/* Whether io_lines_init_range supports the separator (none, or one byte). */
bool io_lines_splittable(const char *sep, size_t sep_len);
/* Whether the file is read through a decompressor (.gz, .deflate, .zst): not splittable. */
bool io_file_compressed(const io_file *f);
bool io_lines_next(io_lines *l, const char **line, size_t *len);
/* Skips a UTF-8 byte-order mark. */
void io_skip_bom(const char **data, size_t *len);

/* ---- values as Java parses them (source_conv.c) ------------------------------------------- */

/* Java's Integer.parseInt / Long.parseLong (sign, ASCII digits, no spaces, no overflow). */
bool io_java_int(const char *s, size_t len, int32_t *out);
bool io_java_long(const char *s, size_t len, int64_t *out);
/* Java's Double.parseDouble / Float.parseFloat (trims chars <= ' ', "NaN", "Infinity", hex,
   f/d suffixes) - without Spark's extra spellings ("inf", "nan"...). */
bool io_java_double(const char *s, size_t len, bool is_float, double *out);
/* Scala's String.toBoolean: "true" / "false" in any case. */
bool io_java_bool(const char *s, size_t len, bool *out);
/* java.math.BigDecimal's grammar: when s is a BigDecimal, its precision and scale (the scale may
   be negative: "1E+3" has precision 1, scale -3). */
bool io_bigdec_shape(const char *s, size_t len, int *precision, int *scale);
/* Java's String.trim() test: whether the text has a char above ' '. */
bool io_has_non_blank(const char *s, size_t len);

/* ---- types (source_conv.c) ---------------------------------------------------------------- */

/* Spark's TypeCoercion.findTightestCommonType for the types inference produces (atomic types,
   arrays, structs); NULL when there is none. */
const ty *io_tightest_common_type(em_arena *a, const ty *t1, const ty *t2, bool case_sensitive);
/* DecimalType.forType of an integral type; NULL otherwise. */
const ty *io_decimal_for_integral(em_arena *a, const ty *t);
/* The same type with every nested field, element and value nullable (StructType.asNullable). */
const ty *io_as_nullable(em_arena *a, const ty *t);
/* Spark's toSQLId of one name (`a`, `a``b`) and toSQLType ("BIGINT"), into buffers. */
void io_sql_id(const char *name, char *buf, size_t cap);
void io_sql_type(const ty *t, char *buf, size_t cap);

/* ---- vector appenders (source_conv.c): one valid value at the end ------------------------- */

void io_push_bool(vec *v, bool x);
void io_push_i8(vec *v, int8_t x);
void io_push_i16(vec *v, int16_t x);
void io_push_i32(vec *v, int32_t x);
void io_push_i64(vec *v, int64_t x);
void io_push_f32(vec *v, float x);
void io_push_f64(vec *v, double x);
void io_push_dec(vec *v, __int128 x);
/* Drops rows [len, v->len) of v, recursively (struct children, array / map elements). */
void io_vec_truncate(vec *v, int64_t len);

/* ---- dates and timestamps in text (source_time.c) ------------------------------------------ */

typedef struct io_time_opts {
    const ty_tz *tz;          /* the "timeZone" option or the session zone */
    int64_t now;              /* for time-only timestamp strings */
    const char *date_pattern; /* the dateFormat option, NULL when absent */
    ty_dtfmt *date_fmt;       /* compiled dateFormat, NULL when absent */
    ty_dtfmt *ts_fmt;         /* compiled timestampFormat */
    ty_dtfmt *ntz_fmt;        /* compiled timestampNTZFormat */
    ty_dtfmt *iso_date;       /* "yyyy-MM-dd" (strict), Spark's default date formatter */
    bool ts_pattern_given, ntz_pattern_given;
    bool date_fallback, ts_fallback; /* enableDateTimeParsingFallback, resolved */
} io_time_opts;

/* Compiles the options' patterns (INVALID_DATETIME_PATTERN.* on a bad one). */
int io_time_opts_init(io_source *s, io_time_opts *t, em_error *err);
/* The date formatter alone (dateFormat, or strict "yyyy-MM-dd"), no fallback: inference. */
bool io_parse_strict_date(const io_time_opts *t, const char *s, size_t len, int32_t *days);
/* A value of a DATE / TIMESTAMP / TIMESTAMP_NTZ column (reading). */
bool io_parse_date_value(const io_time_opts *t, const char *s, size_t len, int32_t *days);
bool io_parse_ts_value(const io_time_opts *t, const char *s, size_t len, int64_t *micros);
bool io_parse_ntz_value(const io_time_opts *t, const char *s, size_t len, int64_t *micros);
/* The timestamp formatter's parseOptional (inference: no fallback). */
bool io_parse_ts_optional(const io_time_opts *t, const char *s, size_t len, int64_t *micros);
/* A date through one compiled pattern only. */
bool io_parse_pattern_date(const ty_dtfmt *f, const char *s, size_t len, int32_t *days);
/* Raises a pattern compile error with its class and parameters. */
int io_dtfmt_raise(const ty_dtfmt_error *e, em_error *err);

/* ---- rows of parsed values (source_conv.c) ------------------------------------------------- */

/* The text of one cell as Spark's GenericInternalRow.toString prints it (FAILFAST messages):
   numbers as Java prints them, strings raw, dates as day numbers, timestamps as microseconds,
   NULL as "null". */
void io_internal_value_append(const vec *v, int64_t row, em_str *out);

/* ---- partition discovery (source_part.c) --------------------------------------------------- */

/*
 * Discovers partition columns from the leaf folders of s->all (root_dirs: the qualified root
 * folders given by the user, or the parents of root files; base_path: the "basePath" option,
 * NULL when absent) and fills s->part_schema, s->n_part_rows, s->part_values and every file's
 * part. user_schema types the columns it names.
 */
int io_part_discover(io_source *s, int n_roots, const char *const *root_dirs, const ty *user_schema,
                     em_error *err);

/* ---- listing (source_list.c) -------------------------------------------------------------- */

/*
 * Lists the files of the given paths (globs expanded, directories walked, hidden and metadata
 * names skipped, "pathGlobFilter" applied) into s->all, and the base folders partition discovery
 * stops at into *roots (arena). Raises PATH_NOT_FOUND for a missing path or an empty glob.
 */
int io_list_files(io_source *s, int n_paths, const char *const *paths, int *n_roots,
                  const char ***roots, em_error *err);
/* Sorts files largest first, keeping the order of equal sizes (Spark's scan order). */
void io_sort_by_size(io_file *f, int n);
/* Spark's URL-encoded file URI of an absolute local path. */
const char *io_path_uri(em_arena *a, const char *abs_path);

/* ---- pruning (source_prune.c) -------------------------------------------------------------- */

/* Whether values of t compare in Spark's order with ty_compare (atomic, UTF8_BINARY strings). */
bool io_prune_orderable(const ty *t);
/* Whether CAST(from AS to) keeps the order of every value (and never adds NaN): same type, or
   a widening among integral, decimal and floating-point types. */
bool io_prune_cast_ok(const ty *from, const ty *to);
/* Whether p can be used against this source; *col_type = the column's type, *cmp_type = the
   type compared (cast_to or the column's). */
bool io_prune_pred_usable(const io_source *s, const io_pred *p, const ty **col_type,
                          const ty **cmp_type);
/* v (consumed; the file's or the partition's type) cast to col_type, then to cmp_type; NULL
   when a step is not order-preserving or a value does not convert. */
vec *io_prune_to_compared(const io_source *s, vec *v, const ty *col_type, const ty *cmp_type);
/*
 * Whether p may be true for some row whose values lie within bounds (rows 0 = min, 1 = max, of
 * the compared type; NULL = unknown). all_null: every row is NULL; no_null: none is.
 * nan_hidden: NaN rows may exist beyond the bounds (floating-point statistics).
 */
bool io_prune_may_match(const io_pred *p, const vec *bounds, bool all_null, bool no_null,
                        bool nan_hidden);
/* Bounds [v[row], v[row]] (an exact value). */
vec *io_prune_bounds_of(const vec *v, int64_t row, em_error *err);
/* Bytes of a string / binary bound. */
typedef struct io_prune_bytes {
    const char *ptr;
    int32_t len;
} io_prune_bytes;
/* Bounds [lo, hi] of type t from decoded statistics: int64_t (boolean, integral, date,
   timestamps), double (float, double), __int128 (decimal) or io_prune_bytes (string, binary);
   NULL for other types. */
vec *io_prune_bounds_new(const ty *t, const void *lo, const void *hi);

/* ---- parts (source_plan.c, source_scan.c) ---------------------------------------------------- */

/* A scan of pieces[0..n_pieces) (borrowed; NULL = every file whole, in order). */
int io_scan_open_pieces(const io_source *s, const int *cols, int n_cols, int64_t batch_rows,
                        const io_piece *pieces, int n_pieces, io_scan **out, em_error *err);
/* The planner's entry points (io_source_scan_ops). */
int io_plan_impl(const io_source *src, const int *cols, int n_cols, const io_pred *preds,
                 int n_preds, int64_t target_rows, io_parts **out, em_error *err);
int io_parts_count_impl(const io_parts *parts);
int io_parts_open_impl(const io_parts *parts, int first, int end, int64_t batch_rows, io_scan **out,
                       em_error *err);
void io_parts_free_impl(io_parts *parts);
/* Pruning a Parquet file's row groups (source_parquet.c): keep[rg] is set for the row groups
   preds may match (statistics of the file's columns matched by name, as a scan matches them).
   Returns the number of row groups, or -1 when the footer cannot be read (err set; the caller
   keeps the file whole). *rows_out[rg] = rows of each row group (em_malloc'd, caller frees). */
int io_pq_plan_file(const io_source *s, const io_file *f, const io_pred *preds, int n_preds,
                    bool **keep_out, int64_t **rows_out, em_error *err);

/* ---- reading helpers shared by the text formats -------------------------------------------- */

/* ExprUtils.verifyColumnNameOfCorruptRecord: a data column with that name must be a string
   (INVALID_CORRUPT_RECORD_TYPE). */
int io_check_corrupt_column(const io_source *s, const char *name, em_error *err);

/* Raises FAILED_READ_FILE.NO_HINT for file f (Spark's FileScanRDD wrapping of any read error);
   detail goes to the debug log. */
int io_read_failed(const io_file *f, const char *detail, em_error *err);

#endif
