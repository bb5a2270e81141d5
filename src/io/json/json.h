/*
 * json: Spark's JSON data source (JSONOptions, Jackson's parser as Spark configures it,
 * JsonInferSchema, JacksonParser + FailureSafeParser) over the data-source layer. Private to
 * io/: the source layer reaches it through io_format_json (source_int.h).
 *
 * Records: JSON Lines by default (each line one document; blank lines produce nothing; a
 * top-level array yields one row per element), or with multiLine each file one document.
 * Input is hostile: nesting is bounded (maxNestingDepth, 1000), numbers by maxNumLen (1000
 * chars), strings must be valid UTF-8 without raw control chars; any violation is a malformed
 * record, never a crash.
 */
#ifndef IO_JSON_H
#define IO_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/em_str.h"
#include "io/source_int.h"

typedef struct json_opts {
    bool primitives_as_string, prefers_decimal;
    bool allow_comments, allow_unquoted_names, allow_single_quotes, allow_leading_zeros;
    bool allow_non_numeric, allow_backslash_any, allow_control_chars;
    bool multiline, drop_field_if_all_null, infer_timestamp;
    int mode;
    const char *corrupt; /* columnNameOfCorruptRecord */
    const char *line_sep;
    size_t line_sep_len;
    int max_depth, max_num_len;
    io_time_opts time;
    bool ntz_default;        /* spark.sql.timestampType = TIMESTAMP_NTZ */
    bool partial_results;    /* spark.sql.json.enablePartialResults */
    bool allow_empty_string; /* spark.sql.legacy.json.allowEmptyString.enabled */
} json_opts;

/* ---- the cursor (json_lex.c) ---------------------------------------------------------------- */

/* What the next value is. */
typedef enum json_kind {
    JK_EOF = 0,
    JK_OBJECT,
    JK_ARRAY,
    JK_STRING,
    JK_NUMBER,
    JK_TRUE,
    JK_FALSE,
    JK_NULL,
    JK_BAD, /* not the start of a value */
} json_kind;

typedef struct json_cur {
    const json_opts *o;
    const char *p, *end;
    int depth;
    bool bad;        /* a syntax error was met; the record is malformed */
    const char *why; /* static text of the first syntax error */
} json_cur;

/* A number token: its text, and what Jackson would call it. */
typedef struct json_num {
    const char *s;
    size_t len;
    bool is_float; /* fraction or exponent, or a non-numeric token */
    bool special;  /* NaN / Infinity / -Infinity / +INF ... */
    double special_value;
} json_num;

void json_cur_init(json_cur *c, const json_opts *o, const char *p, const char *end);
/* Skips whitespace (and comments when allowed); returns the kind of the next value. */
json_kind json_peek(json_cur *c);
/* Reads a string value (the cursor at its quote) into out (cleared first). */
bool json_read_string(json_cur *c, em_str *out);
bool json_read_number(json_cur *c, json_num *n);
/* true / false / null at the cursor. */
bool json_read_literal(json_cur *c, json_kind k);
/* Skips one whole value, checking its syntax. */
bool json_skip_value(json_cur *c);
/* Objects: begin at '{'; next_key reads the next key (and its ':') or sees the end ('}' eaten,
 *done = true). Arrays alike. */
bool json_obj_begin(json_cur *c);
bool json_obj_next_key(json_cur *c, em_str *key, bool *done, bool *first);
bool json_arr_begin(json_cur *c);
bool json_arr_next(json_cur *c, bool *done, bool *first);
/* Leaves a container early: skips to its end (checking syntax). */
bool json_obj_skip_rest(json_cur *c, bool first);
bool json_arr_skip_rest(json_cur *c, bool first);
/* Marks a syntax error (keeps the first reason). Returns false. */
bool json_fail(json_cur *c, const char *why);
/* Java's String.compareTo of two UTF-8 names (UTF-16 code unit order). */
int json_name_cmp(const char *a, const char *b);

/* ---- inference (json_infer.c) -----------------------------------------------------------------
 */

int json_infer(io_source *s, const json_opts *o, const ty **out, em_error *err);

/* ---- reading (json_read.c) --------------------------------------------------------------------
 */

int json_open(const io_source *s, const io_file *f, const int *cols, int n_cols, int64_t batch_rows,
              io_reader **out, em_error *err);
int json_next(io_reader *rd, vec_batch **out, em_error *err);
void json_close(io_reader *rd);
/* Byte ranges (parallel scans): JSON lines (not multiLine) in an uncompressed file with a
   default or one-byte lineSep; a range reads the records starting in it. */
bool json_splittable(const io_source *s, const io_file *f);
int json_open_piece(const io_source *s, const io_file *f, const io_piece *p, const int *cols,
                    int n_cols, int64_t batch_rows, io_reader **out, em_error *err);

#endif
