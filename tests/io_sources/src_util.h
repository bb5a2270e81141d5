/*
 * src_util: helpers for the data-source tests: a scratch folder per test, files written into it,
 * a source resolved over it with options, and rows rendered as show() renders cells
 * (ty_format_cell, pretty rules, UTC) joined as "a,b|c,d".
 */
#ifndef SRC_UTIL_H
#define SRC_UTIL_H

#include <stdbool.h>

#include "common/em_arena.h"
#include "common/em_error.h"
#include "em_test.h"
#include "io/source.h"

typedef struct src_env {
    char dir[256];
    em_arena a;
    em_error err;
    io_source_conf conf;
} src_env;

extern src_env S;

/* A fresh scratch folder and arena; src_end removes both. */
void src_begin(void);
void src_end(void);
/* Writes text (len -1: strlen) to S.dir/rel, creating folders. Returns the full path (static
   buffer rotation: valid for a few calls). */
const char *src_write(const char *rel, const char *text, long len);
/* S.dir/rel (same buffer rules). */
const char *src_path(const char *rel);
/* Resolves format over one path with options given as "k=v" strings (NULL-terminated list) and
   an optional DDL-free user schema built by the caller. NULL on error (S.err set). */
io_source *src_resolve(const char *format, const char *path, const ty *schema,
                       const char *const *opts);
io_source *src_resolve_paths(const char *format, int n_paths, const char *const *paths,
                             const ty *schema, const char *const *opts);
/* All rows of all columns rendered "v,v|v,v" (arena string), or "ERROR:<class>" on failure. */
const char *src_rows(const io_source *s);
/* Rows of chosen output columns. */
const char *src_rows_cols(const io_source *s, const int *cols, int n_cols);
/* The schema as simpleString ("struct<a:int,b:string>"). */
const char *src_schema(const io_source *s);
/* A struct type from "name:type" pairs (types: int, bigint, string, double, boolean, date,
   timestamp, decimal(p,s), float, smallint, tinyint). */
const ty *src_struct(const char *spec);

#endif
