/*
 * csv: Spark's CSV data source (CSVOptions, the univocity tokenizer as Spark configures it,
 * CSVInferSchema, UnivocityParser + FailureSafeParser) over the data-source layer. Private to
 * io/: the source layer reaches it through io_format_csv (source_int.h).
 *
 * Records: without multiLine, a record is one line (Hadoop's line reader; blank lines and lines
 * starting with the comment char are dropped); with multiLine, quoted values may span lines and
 * the line ending is the first one found in the file. Values: an empty unquoted value reads as
 * nullValue, an empty quoted value as emptyValue, and a value equal to nullValue is NULL.
 */
#ifndef IO_CSV_H
#define IO_CSV_H

#include <stdbool.h>
#include <stddef.h>

#include "common/em_str.h"
#include "io/source_int.h"

/* unescapedQuoteHandling */
enum {
    CSV_UQ_STOP_AT_DELIMITER = 0,
    CSV_UQ_STOP_AT_CLOSING_QUOTE,
    CSV_UQ_BACK_TO_DELIMITER,
    CSV_UQ_SKIP_VALUE,
    CSV_UQ_RAISE_ERROR,
};

typedef struct csv_opts {
    const char *delim; /* one or more chars (sep / delimiter, escapes resolved) */
    size_t delim_len;
    char quote;  /* '\0': no quoting */
    char escape; /* quote escape */
    bool has_esc_esc;
    char esc_esc; /* charToEscapeQuoteEscaping */
    bool has_comment;
    char comment;
    bool header, infer_schema, prefer_date, enforce_schema;
    bool ignore_leading, ignore_trailing; /* whitespace, read defaults false */
    bool multiline;
    bool column_pruning;
    const char *null_value, *empty_value, *nan_value, *pos_inf, *neg_inf;
    const char *line_sep; /* lineSep option (NULL: \n, \r, \r\n) */
    size_t line_sep_len;
    int max_columns, max_chars;
    int uq_handling;
    int mode;
    const char *corrupt; /* columnNameOfCorruptRecord */
    io_time_opts time;
    bool ntz_default; /* spark.sql.timestampType = TIMESTAMP_NTZ */
} csv_opts;

/* The values of one record: field i is text[off[i], off[i] + len[i]) of `text`, or is_null[i]
   when univocity would have produced null (empty unquoted, or no value). */
typedef struct csv_rec {
    em_str text;
    int n, cap;
    size_t *off, *len;
    bool *quoted_empty;
    bool *unquoted_empty;
} csv_rec;

void csv_rec_init(csv_rec *r);
void csv_rec_release(csv_rec *r);
/* The value Spark sees for field i (after nullValue / emptyValue substitution). */
void csv_rec_value(const csv_opts *o, const csv_rec *r, int i, const char **s, size_t *len);
/* Whether field i is NULL for a column (the value equals nullValue). */
bool csv_rec_is_null(const csv_opts *o, const csv_rec *r, int i);

/*
 * Tokenizes one record starting at *p (< end). nl NULL is line mode: [*p, end) is one line. With
 * nl (the file's line ending, csv_detect_newline) it is multiLine mode: the record ends at a line
 * ending outside quotes; blank and comment lines before it are skipped (*p may reach end with no
 * record: returns 0). On success returns 1 with rec filled, *rec_start / *rec_len = the raw text
 * of the record (line ending excluded) and *p after it; 2 when the record holds an unescaped
 * quote under unescapedQuoteHandling=RAISE_ERROR. Returns -1 with err (MALFORMED_CSV_RECORD)
 * when the record has more than maxColumns values.
 */
int csv_tokenize(const csv_opts *o, const char **p, const char *end, const char *nl, csv_rec *rec,
                 const char **rec_start, size_t *rec_len, em_error *err);
/* The first line ending of a buffer for multiLine ("\n", "\r\n" or "\r"; "\n" when none). */
void csv_detect_newline(const char *data, size_t len, char nl[3]);

/* Spark's CSVUtils.filterCommentAndEmpty test for one line. */
bool csv_line_skipped(const csv_opts *o, const char *line, size_t len);

/* CSVExprUtils.toDelimiterStr (sep / delimiter option, escapes such as "\\t" resolved) into
   arena; INVALID_DELIMITER_VALUE.* on a bad one (csv_format.c). */
int csv_delimiter_parse(em_arena *arena, const char *str, const char **out, size_t *out_len,
                        em_error *err);

/* Inference (csv_infer.c): the data schema of the source's files. */
int csv_infer(io_source *s, const csv_opts *o, const ty **out, em_error *err);
/* CSVInferSchema.inferField: the type after seeing one more value. */
const ty *csv_infer_field(em_arena *a, const csv_opts *o, const ty *so_far, const char *v,
                          size_t len);
/* CSVInferSchema's compatibleType (NULL: incompatible -> string). */
const ty *csv_merge_types(em_arena *a, const csv_opts *o, const ty *t1, const ty *t2);

/*
 * Converts one value to a column type (UnivocityParser.makeConverter) and appends it to v.
 * Returns false (nothing appended) when the value does not convert.
 */
bool csv_convert(const csv_opts *o, const char *s, size_t len, vec *v);

/* The per-file reader (csv_read.c), plugged into io_format_csv. */
int csv_open(const io_source *s, const io_file *f, const int *cols, int n_cols, int64_t batch_rows,
             io_reader **out, em_error *err);
int csv_next(io_reader *rd, vec_batch **out, em_error *err);
void csv_close(io_reader *rd);
/* Byte ranges (parallel scans): line mode over an uncompressed file with a default or one-byte
   lineSep; a range reads the records starting in it, and the header only where the file's
   first record starts in it. */
bool csv_splittable(const io_source *s, const io_file *f);
int csv_open_piece(const io_source *s, const io_file *f, const io_piece *p, const int *cols,
                   int n_cols, int64_t batch_rows, io_reader **out, em_error *err);

#endif
