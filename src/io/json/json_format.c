/*
 * json_format: the JSON format's options (Spark's JSONOptionsInRead) and its io_format entry.
 * Flags are read with Scala's toBoolean (true / false in any case, else
 * _LEGACY_ERROR_TEMP_2147); encodings other than UTF-8 are not read yet.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "common/em_mem.h"
#include "io/json/json.h"

static int json_int_opt(const io_source *s, const char *key, int dflt, int *out, em_error *err)
{
    const char *v = io_opt(s, key);
    int32_t x;
    if (!v) {
        *out = dflt;
        return EM_OK;
    }
    if (!io_java_int(v, strlen(v), &x) || x <= 0)
        return em_error_set(err, "_LEGACY_ERROR_TEMP_2146", "paramName", key, "value", v, NULL);
    *out = x;
    return EM_OK;
}

static int json_prepare(io_source *s, em_error *err)
{
    json_opts *o = em_arena_calloc(s->arena, 1, sizeof *o);
    if (io_opt_bool(s, "primitivesAsString", false, &o->primitives_as_string, err) ||
        io_opt_bool(s, "prefersDecimal", false, &o->prefers_decimal, err) ||
        io_opt_bool(s, "allowComments", false, &o->allow_comments, err) ||
        io_opt_bool(s, "allowUnquotedFieldNames", false, &o->allow_unquoted_names, err) ||
        io_opt_bool(s, "allowSingleQuotes", true, &o->allow_single_quotes, err) ||
        io_opt_bool(s, "allowNumericLeadingZeros", false, &o->allow_leading_zeros, err) ||
        io_opt_bool(s, "allowNonNumericNumbers", true, &o->allow_non_numeric, err) ||
        io_opt_bool(s, "allowBackslashEscapingAnyCharacter", false, &o->allow_backslash_any, err) ||
        io_opt_bool(s, "allowUnquotedControlChars", false, &o->allow_control_chars, err) ||
        io_opt_bool(s, "multiLine", false, &o->multiline, err) ||
        io_opt_bool(s, "dropFieldIfAllNull", false, &o->drop_field_if_all_null, err) ||
        io_opt_bool(s, "inferTimestamp", false, &o->infer_timestamp, err))
        return err ? err->code : EM_EUSER;
    if (json_int_opt(s, "maxNestingDepth", 1000, &o->max_depth, err) ||
        json_int_opt(s, "maxNumLen", 1000, &o->max_num_len, err))
        return err ? err->code : EM_EUSER;
    o->mode = io_opt_mode(s);
    const char *v = io_opt(s, "columnNameOfCorruptRecord");
    o->corrupt = v ? v : s->conf.corrupt_record;
    const char *ls = io_opt(s, "lineSep");
    if (ls) {
        if (!ls[0])
            return em_error_set(err, "_LEGACY_ERROR_TEMP_3241", "msg",
                                "requirement failed: 'lineSep' cannot be an empty string.", NULL);
        o->line_sep = ls;
        o->line_sep_len = strlen(ls);
    }
    const char *enc = io_opt(s, "encoding");
    if (!enc)
        enc = io_opt(s, "charset");
    if (enc && strcasecmp(enc, "UTF-8") != 0 && strcasecmp(enc, "UTF8") != 0 &&
        strcasecmp(enc, "US-ASCII") != 0 && strcasecmp(enc, "ASCII") != 0) {
        char f[256];
        snprintf(f, sizeof f, "reading JSON files in the encoding '%s'", enc);
        return em_error_set(err, "UNSUPPORTED_FEATURE.NOT_IMPLEMENTED", "feature", f, NULL);
    }
    if (io_time_opts_init(s, &o->time, err))
        return err ? err->code : EM_EUSER;
    o->ntz_default = s->conf.timestamp_ntz;
    o->partial_results = s->conf.json_partial_results;
    o->allow_empty_string = s->conf.json_allow_empty_string;
    s->fmt_state = o;
    return EM_OK;
}

static int json_infer_entry(io_source *s, const ty **out, em_error *err)
{
    return json_infer(s, s->fmt_state, out, err);
}

/* JsonFileFormat.supportDataType (maps only with string keys here). */
static bool json_supports(const ty *t)
{
    switch (t->kind) {
    case TY_VARIANT:
        return false;
    case TY_ARRAY:
        return json_supports(t->elem);
    case TY_MAP:
        return ty_is_string(t->key) && json_supports(t->value);
    case TY_STRUCT:
        for (int i = 0; i < t->n_fields; i++)
            if (!json_supports(t->fields[i].type))
                return false;
        return true;
    default:
        return true;
    }
}

static int json_check_schema(const io_source *s, em_error *err)
{
    const json_opts *o = s->fmt_state;
    return io_check_corrupt_column(s, o->corrupt, err);
}

const io_format io_format_json = {
    .name = "json",
    .display = "JSON",
    .prepare = json_prepare,
    .infer = json_infer_entry,
    .supports = json_supports,
    .check_schema = json_check_schema,
    .open = json_open,
    .next = json_next,
    .close = json_close,
    .splittable = json_splittable,
    .open_piece = json_open_piece,
};
