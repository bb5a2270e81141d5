/*
 * fn_json_int: the JSON document model behind the JSON functions (fn_json*.c). A record is
 * parsed once into a tree in an arena (Jackson's grammar under the JSONOptions features Spark
 * exposes), then get_json_object / json_tuple / from_json / schema_of_json walk the tree.
 *
 * Input is hostile: nesting is bounded (FN_JSON_MAX_DEPTH, Jackson's default maxNestingDepth),
 * strings must be valid UTF-8; any violation makes the record malformed, never a crash.
 * Everything returned is owned by the arena passed in. Nothing here is used outside
 * src/functions.
 */
#ifndef FN_JSON_INT_H
#define FN_JSON_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/em_arena.h"
#include "common/em_str.h"
#include "functions/fn_int.h"

#define FN_JSON_MAX_DEPTH 1000

typedef enum fn_jkind {
    FN_J_NULL,
    FN_J_TRUE,
    FN_J_FALSE,
    FN_J_NUM,
    FN_J_STR,
    FN_J_ARR,
    FN_J_OBJ,
} fn_jkind;

typedef struct fn_jval fn_jval;
struct fn_jval {
    fn_jkind kind;
    /* FN_J_STR: the decoded UTF-8 text; FN_J_NUM: the token's text. */
    const char *s;
    int32_t len;
    bool is_float;    /* FN_J_NUM: a fraction or an exponent (Jackson's VALUE_NUMBER_FLOAT) */
    bool non_numeric; /* FN_J_NUM: NaN / Infinity tokens (allowNonNumericNumbers) */
    const char *src;  /* the value's exact source text [src, src + src_len) */
    int32_t src_len;
    int n;             /* FN_J_ARR / FN_J_OBJ: number of items */
    fn_jval **items;   /* elements, or member values */
    const char **keys; /* FN_J_OBJ: member names (decoded, NUL-terminated) */
    int32_t *key_lens;
};

/* Jackson features as JSONOptions sets them (all false: Jackson's strict defaults). */
typedef struct fn_jopts {
    bool allow_comments, allow_unquoted_names, allow_single_quotes, allow_leading_zeros;
    bool allow_non_numeric, allow_backslash_any, allow_control_chars;
} fn_jopts;

/*
 * Parses the first JSON value of s[0..len) (leading whitespace skipped; what follows the value
 * is not read, as Spark reads one root token stream). Returns 0 with *out set, 1 when the input
 * holds no value at all (empty or blank), -1 when it is malformed.
 */
int fn_json_parse(em_arena *a, const char *s, size_t len, const fn_jopts *o, fn_jval **out);

/* Jackson's string escaping (quotes included): " \ and control characters. */
void fn_json_quote(em_str *out, const char *s, size_t len);
/*
 * A value as Jackson's generator copies it (copyCurrentStructure): compact, strings escaped,
 * integers as written, floats through getDoubleValue (Java's Double.toString).
 */
void fn_json_write(const fn_jval *v, em_str *out);

/* Member `key` of an object (the first with that name), or NULL. */
const fn_jval *fn_json_member(const fn_jval *obj, const char *key, size_t key_len);

/*
 * The schema string argument of from_json / from_csv: Spark's DataType.fromJson for text
 * starting with '{', else DataType.fromDDL. Raises PARSE_SYNTAX_ERROR / INVALID_SCHEMA.* as the
 * SQL module does. Returns 0 with *out owned by arena.
 */
int fn_json_parse_schema(const char *text, em_arena *arena, const ty **out, em_error *err);
/*
 * The schema argument call->args[idx] of from_json / from_csv: a foldable, non-null string
 * (else INVALID_SCHEMA.NON_STRING_LITERAL, as Spark's ExprUtils.evalTypeExpr), parsed by
 * fn_json_parse_schema. *text (the string) and *out are owned by arena.
 */
int fn_json_schema_arg(em_arena *arena, const pl_expr *call, int idx, const pl_session_opts *opts,
                       const char **text, const ty **out, em_error *err);

#endif
