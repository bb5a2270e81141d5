/*
 * fn_json_opts: what the JSON functions share across files (fn_json.c, fn_json_infer.c,
 * fn_json_conv.c): the options map of from_json / to_json / schema_of_json (JSONOptions),
 * inference of one record's type, and the rendering of generated column names.
 * Nothing here is used outside src/functions. Strings are owned by the bind arena.
 */
#ifndef FN_JSON_OPTS_H
#define FN_JSON_OPTS_H

#include "functions/fn_json_int.h"

typedef enum fn_json_mode {
    FN_JSON_PERMISSIVE,
    FN_JSON_FAILFAST,
    FN_JSON_DROPMALFORMED,
} fn_json_mode;

typedef struct fn_json_opts {
    fn_jopts jackson;
    fn_json_mode mode;
    bool primitives_as_string, prefers_decimal, ignore_null_fields, pretty;
    const char *timestamp_format, *timestamp_ntz_format, *date_format; /* NULL: Spark's defaults */
} fn_json_opts;

/*
 * Reads the options map at args[i] (absent when i >= n_args) into *o with JSONOptions' defaults
 * (allowSingleQuotes and allowNonNumericNumbers on, ignoreNullFields on, PERMISSIVE). Raises
 * INVALID_OPTIONS.NON_MAP_FUNCTION when the argument is not a constant map() call and
 * INVALID_OPTIONS.NON_STRING_TYPE when its keys or values are not strings.
 */
int fn_json_opts_bind(em_arena *a, pl_expr *call, int i, const pl_session_opts *opts,
                      fn_json_opts *o, em_error *err);

/* Sets call->sql to "name(<first argument>)": Spark's JSON expressions print only their child. */
void fn_json_call_sql(em_arena *a, pl_expr *call);

/*
 * JsonInferSchema over one record s[0..len) (then canonicalizeType): BIGINT / DOUBLE / DECIMAL
 * (prefersDecimal, big integers) / STRING / BOOLEAN / ARRAY / STRUCT with fields sorted by name.
 * A malformed record raises MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION. *out is owned by a.
 */
int fn_json_infer_text(em_arena *a, const char *s, size_t len, const fn_json_opts *o,
                       const ty **out, em_error *err);

#endif
