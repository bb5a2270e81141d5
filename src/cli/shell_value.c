/*
 * shell_value.c: cells of Arrow C data arrays as text, and Spark type names from Arrow formats.
 *
 * Results reach the shell through libember as Arrow C data (ember_df_collect). The text of a
 * cell follows what Dataset.show() prints (ToPrettyString; see types/ty_format.h for the rules
 * and the helpers reused here). Arrow formats handled are the ones Spark Connect servers send
 * (the IPC mapping of arrow/cdata.h): b c s i l f g d:p,s u U z Z tdD tss/tsm/tsu/tsn[:zone]
 * tD* tiM tin +l +L +m +s n; anything else prints "?".
 *
 * Indexes: every function takes a logical index into the array (its own offset not yet added).
 * A struct's children are read at the parent's index plus the parent's offset; a list's child
 * at the positions its offsets buffer gives.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "cli/shell_int.h"
#include "types/ty.h"
#include "types/ty_dec.h"
#include "types/ty_format.h"
#include "types/ty_num.h"
#include "types/ty_time.h"

static bool shell_fmt_is(const char *fmt, const char *prefix)
{
    return strncmp(fmt, prefix, strlen(prefix)) == 0;
}

bool shell_value_is_null(const struct ArrowSchema *schema, const struct ArrowArray *array,
                         int64_t row)
{
    if (strcmp(schema->format, "n") == 0)
        return true;
    if (array->null_count == 0 || array->n_buffers < 1 || !array->buffers[0])
        return false;
    int64_t bit = row + array->offset;
    const uint8_t *validity = array->buffers[0];
    return !((validity[bit >> 3] >> (bit & 7)) & 1);
}

/* The fixed-width value buffer as a typed pointer (values[row + offset]). */
#define SHELL_VALUE(array, type, row) (((const type *)(array)->buffers[1])[(row) + (array)->offset])

/* [start, end) of row in a list or variable-width array (32- or 64-bit offsets). */
static void shell_value_range(const struct ArrowArray *a, int64_t row, bool large, int64_t *start,
                              int64_t *end)
{
    int64_t at = row + a->offset;
    if (large) {
        const int64_t *off = a->buffers[1];
        *start = off[at];
        *end = off[at + 1];
    } else {
        const int32_t *off = a->buffers[1];
        *start = off[at];
        *end = off[at + 1];
    }
}

static void shell_json_number_or_string(const char *text, size_t len, em_str *out)
{
    /* Java's NaN/Infinity are not JSON numbers. */
    if (len && (text[0] == 'N' || text[0] == 'I' || (text[0] == '-' && len > 1 && text[1] == 'I')))
        em_str_json_string(out, text, len);
    else
        em_str_append(out, text, len);
}

/* Appends the zone of a timestamp format ("tsu:Europe/Paris") resolved; NULL for NTZ. */
static const ty_tz *shell_value_zone(const char *fmt)
{
    const char *colon = strchr(fmt, ':');
    if (!colon || !colon[1])
        return NULL;
    const ty_tz *tz = ty_tz_get(colon + 1);
    return tz ? tz : ty_tz_utc();
}

static int64_t shell_value_to_micros(char unit, int64_t v)
{
    switch (unit) {
    case 's':
        return v * 1000000;
    case 'm':
        return v * 1000;
    case 'n':
        return v / 1000;
    default:
        return v;
    }
}

static void shell_value_cell(const struct ArrowSchema *schema, const struct ArrowArray *array,
                             int64_t row, shell_fmt_kind kind, bool nested, em_str *out);

/* Text of one scalar cell appended to out (not null). */
static void shell_value_text(const struct ArrowSchema *schema, const struct ArrowArray *a,
                             int64_t row, shell_fmt_kind kind, em_str *out)
{
    const char *f = schema->format;
    bool json = kind == SHELL_FMT_JSON;
    em_str tmp;
    switch (f[0]) {
    case 'b': {
        int64_t bit = row + a->offset;
        const uint8_t *bits = a->buffers[1];
        em_str_puts(out, (bits[bit >> 3] >> (bit & 7)) & 1 ? "true" : "false");
        return;
    }
    case 'c':
        em_str_printf(out, "%d", SHELL_VALUE(a, int8_t, row));
        return;
    case 's':
        em_str_printf(out, "%d", SHELL_VALUE(a, int16_t, row));
        return;
    case 'i':
        em_str_printf(out, "%d", SHELL_VALUE(a, int32_t, row));
        return;
    case 'l':
        em_str_printf(out, "%" PRId64, SHELL_VALUE(a, int64_t, row));
        return;
    case 'f':
    case 'g':
        em_str_init(&tmp, 0);
        if (f[0] == 'f')
            ty_float_append(SHELL_VALUE(a, float, row), &tmp);
        else
            ty_double_append(SHELL_VALUE(a, double, row), &tmp);
        if (json)
            shell_json_number_or_string(tmp.data, tmp.len, out);
        else
            em_str_append(out, tmp.data, tmp.len);
        em_str_release(&tmp);
        return;
    case 'd': {
        /* d:precision,scale[,bitwidth]; only 128-bit decimals come from Spark. */
        const char *comma = strchr(f, ',');
        int scale = comma ? atoi(comma + 1) : 0;
        ty_i128 v;
        memcpy(&v, (const uint8_t *)a->buffers[1] + (row + a->offset) * 16, sizeof v);
        ty_dec_append(v, scale, true, out);
        return;
    }
    case 'u':
    case 'U':
    case 'z':
    case 'Z': {
        int64_t start, end;
        shell_value_range(a, row, f[0] == 'U' || f[0] == 'Z', &start, &end);
        const char *bytes = (const char *)a->buffers[2] + start;
        size_t len = (size_t)(end - start);
        if (f[0] == 'u' || f[0] == 'U') {
            if (json)
                em_str_json_string(out, bytes, len);
            else
                em_str_append(out, bytes, len);
            return;
        }
        static const char hex[] = "0123456789ABCDEF";
        em_str_init(&tmp, 0);
        em_str_putc(&tmp, '[');
        for (size_t idx = 0; idx < len; idx++) {
            if (idx)
                em_str_putc(&tmp, ' ');
            unsigned char byte = (unsigned char)bytes[idx];
            em_str_putc(&tmp, hex[byte >> 4]);
            em_str_putc(&tmp, hex[byte & 15]);
        }
        em_str_putc(&tmp, ']');
        if (json)
            em_str_json_string(out, tmp.data, tmp.len);
        else
            em_str_append(out, tmp.data, tmp.len);
        em_str_release(&tmp);
        return;
    }
    case 't': {
        em_str_init(&tmp, 0);
        if (shell_fmt_is(f, "tdD")) {
            ty_date_append(SHELL_VALUE(a, int32_t, row), &tmp);
        } else if (shell_fmt_is(f, "tdm")) {
            int64_t ms = SHELL_VALUE(a, int64_t, row);
            ty_date_append((int32_t)ty_floor_div(ms, 86400000LL), &tmp);
        } else if (shell_fmt_is(f, "ts")) {
            int64_t micros = shell_value_to_micros(f[2], SHELL_VALUE(a, int64_t, row));
            ty_timestamp_append(micros, shell_value_zone(f), &tmp);
        } else if (shell_fmt_is(f, "tD")) {
            int64_t micros = shell_value_to_micros(f[2], SHELL_VALUE(a, int64_t, row));
            ty_dt_interval_append(micros, TY_DT_DAY, TY_DT_SECOND, &tmp);
        } else if (shell_fmt_is(f, "tiM")) {
            ty_ym_interval_append(SHELL_VALUE(a, int32_t, row), TY_YM_YEAR, TY_YM_MONTH, &tmp);
        } else if (shell_fmt_is(f, "tin")) {
            const uint8_t *p = (const uint8_t *)a->buffers[1] + (row + a->offset) * 16;
            ty_calendar_interval iv;
            int64_t nanos;
            memcpy(&iv.months, p, 4);
            memcpy(&iv.days, p + 4, 4);
            memcpy(&nanos, p + 8, 8);
            iv.microseconds = nanos / 1000;
            ty_calendar_interval_append(&iv, &tmp);
        } else {
            em_str_putc(&tmp, '?');
        }
        if (json)
            em_str_json_string(out, tmp.data, tmp.len);
        else
            em_str_append(out, tmp.data, tmp.len);
        em_str_release(&tmp);
        return;
    }
    default:
        em_str_puts(out, json ? "null" : "?");
        return;
    }
}

static void shell_value_list(const struct ArrowSchema *schema, const struct ArrowArray *a,
                             int64_t row, shell_fmt_kind kind, em_str *out)
{
    bool json = kind == SHELL_FMT_JSON;
    int64_t start, end;
    shell_value_range(a, row, schema->format[1] == 'L', &start, &end);
    em_str_putc(out, '[');
    for (int64_t idx = start; idx < end; idx++) {
        if (idx > start)
            em_str_puts(out, json ? "," : ", ");
        shell_value_cell(schema->children[0], a->children[0], idx, kind, true, out);
    }
    em_str_putc(out, ']');
}

static void shell_value_map(const struct ArrowSchema *schema, const struct ArrowArray *a,
                            int64_t row, shell_fmt_kind kind, em_str *out)
{
    bool json = kind == SHELL_FMT_JSON;
    int64_t start, end;
    shell_value_range(a, row, false, &start, &end);
    const struct ArrowSchema *es = schema->children[0];
    const struct ArrowArray *ea = a->children[0];
    em_str_putc(out, '{');
    for (int64_t idx = start; idx < end; idx++) {
        if (idx > start)
            em_str_puts(out, json ? "," : ", ");
        int64_t at = idx + ea->offset;
        if (json) {
            /* JSON keys are strings: the key's text form. */
            em_str key;
            em_str_init(&key, 0);
            shell_value_cell(es->children[0], ea->children[0], at, SHELL_FMT_TEXT, true, &key);
            em_str_json_string(out, key.data ? key.data : "", key.len);
            em_str_release(&key);
            em_str_putc(out, ':');
        } else {
            shell_value_cell(es->children[0], ea->children[0], at, kind, true, out);
            em_str_puts(out, " -> ");
        }
        shell_value_cell(es->children[1], ea->children[1], at, kind, true, out);
    }
    em_str_putc(out, '}');
}

static void shell_value_struct(const struct ArrowSchema *schema, const struct ArrowArray *a,
                               int64_t row, shell_fmt_kind kind, em_str *out)
{
    bool json = kind == SHELL_FMT_JSON;
    int64_t at = row + a->offset;
    em_str_putc(out, '{');
    for (int64_t col = 0; col < schema->n_children; col++) {
        if (col)
            em_str_puts(out, json ? "," : ", ");
        if (json) {
            const char *name = schema->children[col]->name ? schema->children[col]->name : "";
            em_str_json_string(out, name, strlen(name));
            em_str_putc(out, ':');
        }
        shell_value_cell(schema->children[col], a->children[col], at, kind, true, out);
    }
    em_str_putc(out, '}');
}

static void shell_value_cell(const struct ArrowSchema *schema, const struct ArrowArray *array,
                             int64_t row, shell_fmt_kind kind, bool nested, em_str *out)
{
    (void)nested;
    if (shell_value_is_null(schema, array, row)) {
        em_str_puts(out, kind == SHELL_FMT_JSON ? "null" : "NULL");
        return;
    }
    const char *f = schema->format;
    if (f[0] == '+' && (f[1] == 'l' || f[1] == 'L'))
        shell_value_list(schema, array, row, kind, out);
    else if (f[0] == '+' && f[1] == 'm')
        shell_value_map(schema, array, row, kind, out);
    else if (f[0] == '+' && f[1] == 's')
        shell_value_struct(schema, array, row, kind, out);
    else
        shell_value_text(schema, array, row, kind, out);
}

void shell_value_append(const struct ArrowSchema *schema, const struct ArrowArray *array,
                        int64_t row, shell_fmt_kind kind, em_str *out)
{
    shell_value_cell(schema, array, row, kind, false, out);
}

bool shell_type_is_numeric(const struct ArrowSchema *schema)
{
    const char *f = schema->format;
    return f[1] == '\0' && strchr("csilfgCSIL", f[0]) ? true : f[0] == 'd' && f[1] == ':';
}

void shell_type_name(const struct ArrowSchema *schema, em_str *out)
{
    const char *f = schema->format;
    static const struct {
        const char *fmt;
        const char *name;
    } simple[] = {
        {"n", "void"},       {"b", "boolean"}, {"c", "tinyint"},
        {"s", "smallint"},   {"i", "int"},     {"l", "bigint"},
        {"f", "float"},      {"g", "double"},  {"u", "string"},
        {"U", "string"},     {"z", "binary"},  {"Z", "binary"},
        {"tdD", "date"},     {"tdm", "date"},  {"tiM", "interval year to month"},
        {"tin", "interval"},
    };
    for (size_t idx = 0; idx < sizeof simple / sizeof simple[0]; idx++) {
        if (strcmp(f, simple[idx].fmt) == 0) {
            em_str_puts(out, simple[idx].name);
            return;
        }
    }
    if (f[0] == 'd' && f[1] == ':') {
        int precision = atoi(f + 2);
        const char *comma = strchr(f, ',');
        em_str_printf(out, "decimal(%d,%d)", precision, comma ? atoi(comma + 1) : 0);
    } else if (shell_fmt_is(f, "ts")) {
        em_str_puts(out, f[3] == ':' && f[4] ? "timestamp" : "timestamp_ntz");
    } else if (shell_fmt_is(f, "tD")) {
        em_str_puts(out, "interval day to second");
    } else if (f[0] == '+' && (f[1] == 'l' || f[1] == 'L') && schema->n_children == 1) {
        em_str_puts(out, "array<");
        shell_type_name(schema->children[0], out);
        em_str_putc(out, '>');
    } else if (f[0] == '+' && f[1] == 'm' && schema->n_children == 1 &&
               schema->children[0]->n_children == 2) {
        em_str_puts(out, "map<");
        shell_type_name(schema->children[0]->children[0], out);
        em_str_putc(out, ',');
        shell_type_name(schema->children[0]->children[1], out);
        em_str_putc(out, '>');
    } else if (f[0] == '+' && f[1] == 's') {
        em_str_puts(out, "struct<");
        for (int64_t col = 0; col < schema->n_children; col++) {
            if (col)
                em_str_putc(out, ',');
            const char *name = schema->children[col]->name;
            em_str_puts(out, name ? name : "");
            em_str_putc(out, ':');
            shell_type_name(schema->children[col], out);
        }
        em_str_putc(out, '>');
    } else {
        em_str_puts(out, f);
    }
}
