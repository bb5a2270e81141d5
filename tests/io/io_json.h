/*
 * io_json: a small JSON reader for the Parquet conformance test (manifest.json and the
 * *.expected.jsonl rows). Numbers keep their text so 64-bit integers and floats are parsed by the
 * comparer with the right function; strings are decoded to UTF-8 bytes (length kept: NULs are
 * allowed). Everything is owned by the arena passed in.
 */
#ifndef IO_JSON_H
#define IO_JSON_H

#include <stdbool.h>
#include <stddef.h>

#include "common/em_arena.h"

typedef enum io_jkind { IO_J_NULL, IO_J_BOOL, IO_J_NUM, IO_J_STR, IO_J_ARR, IO_J_OBJ } io_jkind;

typedef struct io_jval {
    io_jkind kind;
    bool b;
    const char *text; /* IO_J_NUM: the number's text; IO_J_STR: decoded bytes (NUL-terminated) */
    size_t len;       /* IO_J_STR: byte length */
    int n;            /* IO_J_ARR / IO_J_OBJ: members */
    struct io_jval **items;
    const char **keys; /* IO_J_OBJ */
} io_jval;

/* Parses one JSON value spanning text[0..len) (surrounding whitespace allowed). NULL on a syntax
 * error, with *error set to a static description. */
io_jval *io_json_parse(em_arena *a, const char *text, size_t len, const char **error);
/* Object member by key, or NULL. */
const io_jval *io_json_get(const io_jval *obj, const char *key);

#endif
