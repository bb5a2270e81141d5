/*
 * iw_util: helpers for the writer tests: a scratch folder per test, deterministic batches of
 * every type Spark writes (with NULLs at every nesting level, NaN / -0.0 / extremes / empty
 * strings), writes through io_write with options given as "k=v" strings, reads back through the
 * data-source readers, and rows rendered as show() renders cells (ty_format_cell, pretty rules,
 * UTC) joined as "a,b|c,d".
 */
#ifndef IW_UTIL_H
#define IW_UTIL_H

#include <stdbool.h>

#include "common/em_arena.h"
#include "common/em_error.h"
#include "em_test.h"
#include "io/io_write.h"
#include "io/source.h"

typedef struct iw_env {
    char dir[256];
    em_arena a;
    em_error err;
} iw_env;

extern iw_env W;

void iw_begin(void);
void iw_end(void);
/* W.dir/rel (a rotating static buffer: valid for a few calls). */
const char *iw_path(const char *rel);

/* The all-types schema: flat atomic columns, then nested ones when nested is set. */
const ty *iw_schema_all(bool nested);
/* A struct type from "name:type,..." (int, bigint, string, double, boolean, date, timestamp,
   timestamp_ntz, binary, float, smallint, tinyint, decimal(p;s)). */
const ty *iw_struct(const char *spec);
/* n rows of schema generated from seed (deterministic), NULLs included when nulls. */
vec_batch *iw_gen(const ty *schema, int64_t n, int64_t seed, bool nulls);

/* Writes the batches; opts / partition_by NULL-terminated lists. Returns the rc (err in W.err). */
int iw_write(const char *format, const char *path, io_save_mode mode, const ty *schema,
             vec_batch *const *batches, int n_batches, const char *const *opts,
             const char *const *partition_by);
/* Reads path back (schema NULL: inferred) rendered; sorted sorts the rows; "ERROR:<class>". */
const char *iw_read(const char *format, const char *path, const ty *schema, const char *const *opts,
                    bool sorted);
/* A batch rendered the same way. */
const char *iw_render(const vec_batch *b, bool sorted);
/* Columns cols of a batch rendered (partition columns moved last, as reads order them). */
const char *iw_render_cols(const vec_batch *b, const int *cols, int n_cols, bool sorted);
/* Fails the current test case at the first differing row of two renderings. */
void iw_rows_equal(const char *file, int line, const char *got, const char *want);
#define CHECK_ROWS(got, want) iw_rows_equal(__FILE__, __LINE__, (got), (want))

/* Files under dir (recursive) whose name ends with suffix and, when visible, that readers would
   list (no component starting with '.' or '_'). */
int iw_count_files(const char *dir, const char *suffix, bool visible_only);
/* Whether any entry of dir's parent starts with prefix. */
bool iw_parent_has(const char *dir, const char *prefix);

#endif
