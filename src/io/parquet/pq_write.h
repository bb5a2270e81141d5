/*
 * pq_write: Ember's own Parquet writer, as Spark 4 (parquet-mr 1.13 under ParquetWriteSupport)
 * lays files out: Spark's type mapping (ParquetToSparkSchemaConverter's inverse, the
 * non-legacy format: decimals as INT32 / INT64 / FIXED_LEN_BYTE_ARRAY by precision, 3-level LIST,
 * MAP with key_value, timestamps as INT64 TIMESTAMP(MICROS)), data pages v1 with RLE levels,
 * dictionary encoding (a PLAIN dictionary page and RLE_DICTIONARY data pages, falling back to
 * PLAIN for the rest of the column chunk once the dictionary passes its size limit), the codecs
 * Spark offers (snappy, gzip, zstd, lz4_raw, lz4, uncompressed), min / max / null_count
 * statistics in page headers and column chunks, column orders, and the key-value metadata Spark
 * reads back (`org.apache.spark.version`, `org.apache.spark.sql.parquet.row.metadata`).
 *
 * Every column is written OPTIONAL except map keys (the schema given is taken as is; callers
 * pass Spark's asNullable schema). The bytes go to a sink callback in order; nothing is seeked.
 */
#ifndef PQ_WRITE_H
#define PQ_WRITE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/em_error.h"
#include "types/ty.h"
#include "vector/vec.h"

typedef struct pqw_options {
    int codec;                /* PQ_CODEC_* (pq_int.h numbering = parquet.thrift) */
    int64_t row_group_bytes;  /* parquet.block.size: 128 MiB */
    int64_t row_group_rows;   /* rows per row group at most: 1M */
    int64_t page_bytes;       /* parquet.page.size: 1 MiB */
    int64_t page_rows;        /* parquet.page.row.count.limit: 20000 */
    int64_t dict_bytes;       /* parquet.dictionary.page.size: 1 MiB */
    bool dictionary;          /* parquet.enable.dictionary: true */
    const char *spark_schema; /* the row metadata JSON (NULL: none written) */
    const char *created_by;
} pqw_options;

void pqw_options_init(pqw_options *o);

/* Spark's codec names (spark.sql.parquet.compression.codec / the compression option, any case):
   sets *codec and *ext (".snappy", "" ...). Returns false for names Spark does not know;
   *supported is false for the ones Ember cannot write (lzo, brotli). */
bool pqw_codec_lookup(const char *name, int *codec, const char **ext, bool *supported);

/* Receives the file's bytes in order. Returns 0 or an error code with err set. */
typedef int (*pqw_sink_fn)(void *ctx, const void *p, size_t n, em_error *err);

typedef struct pqw_writer pqw_writer;

/* Whether a Spark type can be written (nested types included; not calendar intervals, variant). */
bool pqw_supports(const ty *t);

/* Starts a file of the given schema (TY_STRUCT, borrowed until pqw_close / pqw_free) and writes
   the leading magic. */
int pqw_open(const ty *schema, const pqw_options *o, pqw_sink_fn sink, void *ctx, pqw_writer **out,
             em_error *err);
/* Buffers the batch's rows (columns in schema order), flushing row groups as they fill. */
int pqw_write(pqw_writer *w, const vec_batch *b, em_error *err);
/* Flushes the last row group, writes the footer and frees w (also on failure). */
int pqw_close(pqw_writer *w, em_error *err);
/* Frees without writing anything more. NULL is a no-op. */
void pqw_free(pqw_writer *w);

#endif
