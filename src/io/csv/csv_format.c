/*
 * csv_format: the CSV format's options (Spark's CSVOptions for reading) and its io_format entry.
 *
 * Option errors are Spark's: INVALID_DELIMITER_VALUE.* for sep / delimiter,
 * _LEGACY_ERROR_TEMP_2145 when quote / escape / comment / charToEscapeQuoteEscaping is longer
 * than one char, _LEGACY_ERROR_TEMP_2147 for a flag that is not true / false. Encodings other
 * than UTF-8 (and its ASCII subset) and locales other than en-US are not read yet
 * (UNSUPPORTED_FEATURE.NOT_IMPLEMENTED).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "common/em_mem.h"
#include "io/csv/csv.h"

/* CSVExprUtils.toChar for one chunk ("\t", "x", ...). */
static int csv_to_char(const char *chunk, size_t n, char *out, em_error *err)
{
    if (n == 0)
        return em_error_set_jvm(err, "org.apache.spark.SparkIllegalArgumentException",
                                "INVALID_DELIMITER_VALUE.EMPTY_STRING", NULL);
    if (n == 1 && chunk[0] == '\\')
        return em_error_set_jvm(err, "org.apache.spark.SparkIllegalArgumentException",
                                "INVALID_DELIMITER_VALUE.SINGLE_BACKSLASH", NULL);
    if (n == 1) {
        *out = chunk[0];
        return EM_OK;
    }
    if (n == 2 && chunk[0] == '\\') {
        switch (chunk[1]) {
        case 't':
            *out = '\t';
            return EM_OK;
        case 'r':
            *out = '\r';
            return EM_OK;
        case 'b':
            *out = '\b';
            return EM_OK;
        case 'f':
            *out = '\f';
            return EM_OK;
        case '"':
            *out = '"';
            return EM_OK;
        case '\'':
            *out = '\'';
            return EM_OK;
        case '\\':
            *out = '\\';
            return EM_OK;
        default: {
            char s[8];
            snprintf(s, sizeof s, "%.*s", (int)n, chunk);
            return em_error_set_jvm(err, "org.apache.spark.SparkIllegalArgumentException",
                                    "INVALID_DELIMITER_VALUE.UNSUPPORTED_SPECIAL_CHARACTER", "str",
                                    s, NULL);
        }
        }
    }
    return EM_EINTERNAL;
}

int csv_delimiter_parse(em_arena *arena, const char *str, const char **out, size_t *out_len,
                        em_error *err)
{
    size_t n = strlen(str);
    if (n == 0)
        return em_error_set_jvm(err, "org.apache.spark.SparkIllegalArgumentException",
                                "INVALID_DELIMITER_VALUE.EMPTY_STRING", NULL);
    char *d = em_arena_calloc(arena, n + 1, 1);
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        if (str[i] == '\\') {
            size_t take = i + 1 < n ? 2 : 1;
            char c = '\0';
            if (csv_to_char(str + i, take, &c, err))
                return err ? err->code : EM_EUSER;
            d[o++] = c;
            i += take;
            continue;
        }
        /* one (possibly multi-byte UTF-8) character */
        size_t take = 1;
        unsigned char b = (unsigned char)str[i];
        if (b >= 0xF0)
            take = 4;
        else if (b >= 0xE0)
            take = 3;
        else if (b >= 0xC0)
            take = 2;
        if (i + take > n)
            take = n - i;
        memcpy(d + o, str + i, take);
        o += take;
        i += take;
    }
    *out = d;
    *out_len = o;
    return EM_OK;
}

/* CSVOptions.getChar: absent -> dflt, "" -> '\0', one char, else _LEGACY_ERROR_TEMP_2145. */
static int csv_char_opt(const io_source *s, const char *key, char dflt, char *out, bool *given,
                        em_error *err)
{
    const char *v = io_opt(s, key);
    if (given)
        *given = v != NULL;
    if (!v) {
        *out = dflt;
        return EM_OK;
    }
    if (!v[0]) {
        *out = '\0';
        return EM_OK;
    }
    if (v[1])
        return em_error_set(err, "_LEGACY_ERROR_TEMP_2145", "paramName", key, NULL);
    *out = v[0];
    return EM_OK;
}

static int csv_int_opt(const io_source *s, const char *key, int dflt, int *out, em_error *err)
{
    const char *v = io_opt(s, key);
    int32_t x;
    if (!v) {
        *out = dflt;
        return EM_OK;
    }
    if (!io_java_int(v, strlen(v), &x))
        return em_error_set(err, "_LEGACY_ERROR_TEMP_2146", "paramName", key, "value", v, NULL);
    *out = x;
    return EM_OK;
}

static int csv_prepare(io_source *s, em_error *err)
{
    csv_opts *o = em_arena_calloc(s->arena, 1, sizeof *o);
    const char *sep = io_opt(s, "sep");
    if (!sep)
        sep = io_opt(s, "delimiter");
    if (csv_delimiter_parse(s->arena, sep ? sep : ",", &o->delim, &o->delim_len, err))
        return err ? err->code : EM_EUSER;
    bool esc_esc_given = false, comment_given = false;
    if (csv_char_opt(s, "quote", '"', &o->quote, NULL, err) ||
        csv_char_opt(s, "escape", '\\', &o->escape, NULL, err) ||
        csv_char_opt(s, "comment", '\0', &o->comment, &comment_given, err))
        return err ? err->code : EM_EUSER;
    const char *ee = io_opt(s, "charToEscapeQuoteEscaping");
    if (ee && ee[0]) {
        if (ee[1])
            return em_error_set(err, "_LEGACY_ERROR_TEMP_2145", "paramName",
                                "charToEscapeQuoteEscaping", NULL);
        o->has_esc_esc = true;
        o->esc_esc = ee[0];
    }
    (void)esc_esc_given;
    const char *cm = io_opt(s, "comment");
    o->has_comment = cm && strlen(cm) == 1;
    if (io_opt_bool_strict(s, "header", false, &o->header, err) ||
        io_opt_bool_strict(s, "inferSchema", false, &o->infer_schema, err) ||
        io_opt_bool_strict(s, "ignoreLeadingWhiteSpace", false, &o->ignore_leading, err) ||
        io_opt_bool_strict(s, "ignoreTrailingWhiteSpace", false, &o->ignore_trailing, err) ||
        io_opt_bool_strict(s, "preferDate", true, &o->prefer_date, err) ||
        io_opt_bool_strict(s, "enforceSchema", true, &o->enforce_schema, err) ||
        io_opt_bool(s, "multiLine", false, &o->multiline, err))
        return err ? err->code : EM_EUSER;
    if (io_opt_bool_strict(s, "columnPruning", !o->multiline && s->conf.csv_column_pruning,
                           &o->column_pruning, err))
        return err ? err->code : EM_EUSER;
    const char *v;
    o->null_value = (v = io_opt(s, "nullValue")) ? v : "";
    o->empty_value = (v = io_opt(s, "emptyValue")) ? v : "";
    o->nan_value = (v = io_opt(s, "nanValue")) ? v : "NaN";
    o->pos_inf = (v = io_opt(s, "positiveInf")) ? v : "Inf";
    o->neg_inf = (v = io_opt(s, "negativeInf")) ? v : "-Inf";
    o->corrupt = (v = io_opt(s, "columnNameOfCorruptRecord")) ? v : s->conf.corrupt_record;
    o->mode = io_opt_mode(s);
    if (csv_int_opt(s, "maxColumns", 20480, &o->max_columns, err) ||
        csv_int_opt(s, "maxCharsPerColumn", -1, &o->max_chars, err))
        return err ? err->code : EM_EUSER;
    const char *ls = io_opt(s, "lineSep");
    if (ls) {
        if (!ls[0])
            return em_error_set(err, "_LEGACY_ERROR_TEMP_3241", "msg",
                                "requirement failed: 'lineSep' cannot be an empty string.", NULL);
        o->line_sep = ls;
        o->line_sep_len = strlen(ls);
    }
    const char *uq = io_opt(s, "unescapedQuoteHandling");
    o->uq_handling = CSV_UQ_STOP_AT_DELIMITER;
    if (uq) {
        static const char *const names[] = {"STOP_AT_DELIMITER", "STOP_AT_CLOSING_QUOTE",
                                            "BACK_TO_DELIMITER", "SKIP_VALUE", "RAISE_ERROR"};
        int found = -1;
        for (int i = 0; i < 5; i++)
            if (strcasecmp(uq, names[i]) == 0)
                found = i;
        if (found < 0) {
            char msg[256];
            snprintf(msg, sizeof msg,
                     "No enum constant com.univocity.parsers.csv.UnescapedQuoteHandling.%s", uq);
            return em_error_set(err, "_LEGACY_ERROR_TEMP_3241", "msg", msg, NULL);
        }
        o->uq_handling = found;
    }
    const char *enc = io_opt(s, "encoding");
    if (!enc)
        enc = io_opt(s, "charset");
    if (enc && strcasecmp(enc, "UTF-8") != 0 && strcasecmp(enc, "UTF8") != 0 &&
        strcasecmp(enc, "US-ASCII") != 0 && strcasecmp(enc, "ASCII") != 0) {
        char f[256];
        snprintf(f, sizeof f, "reading CSV files in the encoding '%s'", enc);
        return em_error_set(err, "UNSUPPORTED_FEATURE.NOT_IMPLEMENTED", "feature", f, NULL);
    }
    const char *loc = io_opt(s, "locale");
    if (loc && strcasecmp(loc, "en-US") != 0) {
        char f[256];
        snprintf(f, sizeof f, "reading CSV files with the locale '%s'", loc);
        return em_error_set(err, "UNSUPPORTED_FEATURE.NOT_IMPLEMENTED", "feature", f, NULL);
    }
    if (io_time_opts_init(s, &o->time, err))
        return err ? err->code : EM_EUSER;
    o->ntz_default = s->conf.timestamp_ntz;
    s->fmt_state = o;
    return EM_OK;
}

static int csv_infer_entry(io_source *s, const ty **out, em_error *err)
{
    return csv_infer(s, s->fmt_state, out, err);
}

/* CSVFileFormat.supportReadDataType: atomic types (not TIME), no nested types. */
static bool csv_supports(const ty *t)
{
    switch (t->kind) {
    case TY_ARRAY:
    case TY_MAP:
    case TY_STRUCT:
    case TY_NULL:
    case TY_VARIANT:
        return false;
    default:
        return true;
    }
}

/* ExprUtils.verifyColumnNameOfCorruptRecord. */
int io_check_corrupt_column(const io_source *s, const char *name, em_error *err)
{
    const ty *d = s->data_schema;
    for (int i = 0; i < d->n_fields; i++) {
        if (strcmp(d->fields[i].name, name) != 0)
            continue;
        if (d->fields[i].type->kind == TY_STRING)
            return EM_OK;
        char id[600], tn[256];
        io_sql_id(name, id, sizeof id);
        io_sql_type(d->fields[i].type, tn, sizeof tn);
        return em_error_set(err, "INVALID_CORRUPT_RECORD_TYPE", "columnName", id, "actualType", tn,
                            NULL);
    }
    return EM_OK;
}

static int csv_check_schema(const io_source *s, em_error *err)
{
    const csv_opts *o = s->fmt_state;
    return io_check_corrupt_column(s, o->corrupt, err);
}

const io_format io_format_csv = {
    .name = "csv",
    .display = "CSV",
    .prepare = csv_prepare,
    .infer = csv_infer_entry,
    .supports = csv_supports,
    .check_schema = csv_check_schema,
    .open = csv_open,
    .next = csv_next,
    .close = csv_close,
    .splittable = csv_splittable,
    .open_piece = csv_open_piece,
};
