/*
 * io_write: Ember's data-source writers (DataFrameWriter.save / insert into a path): Parquet,
 * CSV, JSON Lines and text. A write stages its part files in a hidden folder, fsyncs them and
 * moves them into the destination only at commit, so readers never see partial data.
 *
 * Commit protocol: see src/io/README.md ("Writes").
 * Errors are Spark's: PATH_ALREADY_EXISTS (mode errorifexists on a non-empty path),
 * UNSUPPORTED_FEATURE.NOT_IMPLEMENTED / DATA_SOURCE_NOT_FOUND (formats), and the writer errors
 * of each format.
 */
#ifndef IO_WRITE_H
#define IO_WRITE_H

#include <stdint.h>

#include "common/em_error.h"
#include "io/source.h" /* io_option */
#include "types/ty.h"
#include "vector/vec.h"

typedef enum io_save_mode {
    IO_SAVE_ERROR_IF_EXISTS,
    IO_SAVE_APPEND,
    IO_SAVE_OVERWRITE,
    IO_SAVE_IGNORE
} io_save_mode;

typedef struct io_write_spec {
    const char *format; /* parquet | csv | json | text (case-insensitive); orc/avro/jdbc/... ->
                           Spark's error naming the format */
    const char *path;   /* destination folder (created if missing) */
    io_save_mode mode;
    const ty *schema;         /* TY_STRUCT of the batches that will be written */
    const io_option *options; /* writer options (compression, header, sep, ...), case-insensitive
                                 keys */
    int n_options;
    const char *const *partition_by; /* column names (hive-style key=value folders) */
    int n_partition_by;
    const char *compression_default; /* spark.sql.parquet.compression.codec (snappy) for parquet */
    const char *time_zone;           /* session time zone for timestamps in text formats */
} io_write_spec;

typedef struct io_writer io_writer;

/* Checks the mode against the destination (ERROR_IF_EXISTS on a non-empty path ->
   PATH_ALREADY_EXISTS; IGNORE on an existing path -> returns 0 with *out = NULL: write nothing),
   creates a staging folder beside the destination. The spec's strings are copied. */
int io_write_open(const io_write_spec *spec, io_writer **out, em_error *err);
/* Writes a batch whose columns are in spec->schema order. On failure the writer must still be
   released with io_write_abort. */
int io_write_batch(io_writer *w, const vec_batch *batch, em_error *err);
/* fsyncs every file and folder, then moves the staged data into place atomically (append adds
   files; overwrite replaces the folder's data files only after the new ones are durable), writes
   _SUCCESS, frees w (also on failure). On failure nothing of the new data is visible and old data
   is intact. */
int io_write_commit(io_writer *w, em_error *err);
/* Removes the staging folder, frees w; safe on NULL. */
void io_write_abort(io_writer *w);
/* Rows written so far (for metrics); 0 on NULL. */
int64_t io_write_rows(const io_writer *w);

#endif
