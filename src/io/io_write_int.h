/*
 * io_write_int: the writers' private structures, shared by src/io/io_write*.c and the format
 * writers (parquet/pq_write*.c through pq_write.h, csv/csv_write.c, json/json_write.c,
 * text/text_write.c). Nothing here is visible outside io/.
 *
 * A write (io_writer) owns: the destination and its staging folder (io_commit.c), the data and
 * partition columns, the parsed options, and one open part file per partition folder written so
 * far (io_wpart). A format writer (io_wformat) turns batches of data columns into the bytes of
 * one part file through an io_wfile (buffered, optionally compressed, fsynced on close).
 */
#ifndef IO_WRITE_INT_H
#define IO_WRITE_INT_H

#include <stdbool.h>
#include <stdint.h>

#include "common/em_arena.h"
#include "common/em_str.h"
#include "common/em_uuid.h"
#include "io/io_write.h"
#include "types/ty_time.h"

/* ---- output files (io_wfile.c) ------------------------------------------------------------ */

/* Stream codecs of the text formats (Hadoop's CompressionCodecs short names). */
typedef enum io_wcodec {
    IO_WCODEC_NONE = 0,
    IO_WCODEC_GZIP,
    IO_WCODEC_DEFLATE,
    IO_WCODEC_ZSTD,
} io_wcodec;

/* One file being written. Bytes are buffered and flushed in large writes; with a codec they go
   through the compressor first. offset counts the bytes accepted (before compression). */
typedef struct io_wfile {
    int fd;
    char *path; /* heap copy */
    io_wcodec codec;
    void *z; /* z_stream * or ZSTD_CStream * */
    em_str buf;
    int64_t offset;
} io_wfile;

/* Creates path (O_EXCL: it must not exist) for writing. Errors: an I/O error naming the path. */
int io_wfile_open(io_wfile *f, const char *path, io_wcodec codec, em_error *err);
int io_wfile_write(io_wfile *f, const void *p, size_t n, em_error *err);
/* Ends the compressed stream, writes everything, fsyncs and closes the file. The file is closed
   also on failure. */
int io_wfile_close(io_wfile *f, em_error *err);
/* Closes without syncing (the staging folder is about to be removed). Safe twice. */
void io_wfile_discard(io_wfile *f);
/* Raises an I/O failure (TASK_WRITE_FAILED-like) naming path with errno's text. */
int io_write_io_error(em_error *err, const char *what, const char *path, int errnum);

/* ---- formats ------------------------------------------------------------------------------- */

typedef struct io_wjob io_wjob;

typedef struct io_wformat {
    const char *name;    /* "parquet", "csv", "json", "text" */
    const char *display; /* Spark's FileFormat.toString, for UNSUPPORTED_DATA_TYPE_FOR_DATASOURCE */
    /* Whether the format writes a column of this type (supportDataType). */
    bool (*supports)(const ty *t);
    /* Checks the data schema and parses the options into job->fmt_opts; sets job->ext (the part
       file suffix, ".snappy.parquet", ".csv.gz") and job->codec. */
    int (*prepare)(io_wjob *job, em_error *err);
    /* Starts a part file in f (already open): writes any header, returns the state. */
    int (*open)(io_wjob *job, io_wfile *f, void **state, em_error *err);
    /* Writes the rows of a batch of data columns (data schema order). */
    int (*write)(void *state, const vec_batch *b, em_error *err);
    /* Writes any trailer (the Parquet footer) and frees state; does not close f. */
    int (*finish)(void *state, em_error *err);
    /* Frees state after a failure. */
    void (*discard)(void *state);
} io_wformat;

extern const io_wformat io_wformat_parquet;
extern const io_wformat io_wformat_csv;
extern const io_wformat io_wformat_json;
extern const io_wformat io_wformat_text;

/* One part file open in one partition folder. */
typedef struct io_wpart {
    char *dir; /* relative partition path ("a=1/b=x"), "" when unpartitioned (heap) */
    uint64_t hash;
    io_wfile file;
    void *state;
    bool open;
    int64_t rows_in_file;
    int file_counter; /* the cNNN of the next file */
    int64_t *sel;     /* row selection scratch for the current batch */
    int64_t n_sel, cap_sel;
} io_wpart;

/* The write job: what every format writer may read. */
struct io_wjob {
    em_arena arena;
    const io_wformat *fmt;
    io_save_mode mode;
    int n_options;
    io_option *options;
    const char *compression_default;
    const ty_tz *tz;       /* session zone (or the timeZone option) */
    const char *tz_name;   /* its id */
    const ty *schema;      /* the batches' schema (TY_STRUCT) */
    const ty *data_schema; /* the columns stored in the files, nullable (asNullable) */
    int n_part;            /* partition columns */
    int *part_cols;        /* their indexes in schema */
    int n_data;
    int *data_cols;      /* indexes in schema of the data columns */
    void *fmt_opts;      /* the format's parsed options (arena) */
    const char *ext;     /* part file suffix */
    int64_t max_records; /* maxRecordsPerFile, 0 = unlimited */
    char uuid[EM_UUID_STRLEN + 1];
};

/* The value of a writer option (case-insensitive key, the last one wins), or NULL. */
const char *io_wopt(const io_wjob *job, const char *key);
/* Spark's getBool for a writer option: absent -> dflt, true/false in any case, else the
   _LEGACY_ERROR_TEMP_2147 error naming the option. */
int io_wopt_bool(const io_wjob *job, const char *key, bool dflt, bool *out, em_error *err);
/* The "compression" / "codec" option of a text format: none, uncompressed, gzip, deflate (and
   Hadoop's ZStandardCodec class name); bzip2 / lz4 / snappy raise
   UNSUPPORTED_FEATURE.NOT_IMPLEMENTED; anything else CODEC_NOT_AVAILABLE with Spark's list.
   Sets *ext_suffix (".gz", ...). */
int io_wopt_text_codec(const io_wjob *job, io_wcodec *out, const char **ext_suffix, em_error *err);

/* ---- values as text (io_wvalue.c) ------------------------------------------------------------ */

/* The datetime formatters of the text writers: dateFormat (default "yyyy-MM-dd"),
   timestampFormat (default "yyyy-MM-dd'T'HH:mm:ss[.SSS][XXXXX]", the session zone or the
   timeZone option) and timestampNTZFormat (default "yyyy-MM-dd'T'HH:mm:ss[.SSS]"), compiled for
   formatting. Owned by the job's arena. */
typedef struct io_wtime {
    ty_dtfmt *date, *ts, *ntz;
    const ty_tz *tz;
} io_wtime;

/* Compiles the options' patterns (INVALID_DATETIME_PATTERN.* and friends on a bad one). */
int io_wtime_init(io_wjob *job, io_wtime *t, em_error *err);
void io_wfmt_date(const io_wtime *t, int32_t days, em_str *out);
void io_wfmt_ts(const io_wtime *t, int64_t micros, em_str *out);
void io_wfmt_ntz(const io_wtime *t, int64_t micros, em_str *out);
/* Java's toString of an atomic value as Spark's text writers print it (CSV's getter.toString,
   JSON's numbers): booleans, integers, Float/Double.toString, BigDecimal.toString, strings raw;
   dates / timestamps through t; ANSI intervals in ANSI style; binary as "[01 AB]". */
void io_wvalue_text(const io_wtime *t, const vec *v, int64_t row, em_str *out);

/* ---- the commit protocol (io_commit.c) ----------------------------------------------------- */

typedef struct io_commit {
    char *dest;    /* absolute destination folder (no trailing '/') */
    char *parent;  /* its parent folder */
    char *name;    /* its last component */
    char *staging; /* <parent>/.<name>._ember_staging_<uuid> */
    int parent_fd;
    int staging_fd; /* holds an exclusive flock while the write is alive */
    bool dest_exists;
} io_commit;

/*
 * Resolves dest (relative to the cwd), checks the mode (PATH_ALREADY_EXISTS for ERROR_IF_EXISTS
 * on an existing path; *skip for IGNORE on an existing path), creates the parent folders, removes
 * stale staging folders of dead writers and creates this write's staging folder.
 */
int io_commit_begin(io_commit *c, const char *dest, io_save_mode mode, const char *uuid, bool *skip,
                    em_error *err);
/* Creates the folder rel (a partition path, may be nested) inside the staging folder. */
int io_commit_mkdirs(io_commit *c, const char *rel, em_error *err);
/* Publishes the staging folder's content at dest (append keeps the old files). */
int io_commit_publish(io_commit *c, io_save_mode mode, em_error *err);
/* Removes the staging folder (after a failure or after publish swapped the old data into it) and
   releases c. Safe on a zeroed c. */
void io_commit_end(io_commit *c);
/* Test hooks (NULL / false in production): the hook is called at each step of a commit
   ("closed", "success", "linked", "synced", "aside", "swapped", "published") so a test can kill
   the process there; no_exchange forces the two-rename fallback of the swap. */
extern void (*io_commit_test_hook)(const char *step);
extern bool io_commit_test_no_exchange;

/* Removes a tree (files, folders, symlinks not followed). Returns 0 or an errno. */
int io_rm_tree(int dir_fd, const char *name);

/* ---- partition paths (io_write.c) ---------------------------------------------------------- */

/* ExternalCatalogUtils.escapePathName appended to out. */
void io_escape_path_name(const char *s, size_t len, em_str *out);

#endif
