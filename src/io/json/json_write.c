/*
 * json_write: Spark's JSON Lines writer (JsonOutputWriter + JacksonGenerator over Jackson's
 * default JsonGenerator). One object per row followed by the line separator ("\n" or lineSep).
 *
 * Values, as JacksonGenerator.makeWriter writes them: booleans and integers as JSON literals;
 * floats / doubles as Float/Double.toString, NaN and the infinities as strings ("NaN",
 * "Infinity": Jackson's QUOTE_NON_NUMERIC_NUMBERS); decimals as BigDecimal.toString (a number);
 * strings with Jackson's escapes (\" \\ \b \f \n \r \t, other controls as \u00XX, non-ASCII
 * raw unless writeNonAsciiCharacterAsCodePoint); binary as base64 (MIME alphabet, padded, no line
 * breaks); dates / timestamps / timestamp_ntz through the dateFormat / timestampFormat /
 * timestampNTZFormat formatters (Spark 4's defaults give "2024-01-01T00:00:00.000Z" in UTC);
 * ANSI intervals as their ANSI strings; arrays as arrays (null elements as null); maps as objects
 * keyed by the key's internal toString (null values as null); structs as objects. A NULL field of
 * a struct (top-level or nested) is omitted unless ignoreNullFields is false
 * (spark.sql.jsonGenerator.ignoreNullFields, default true).
 */
#include <string.h>

#include "common/em_mem.h"
#include "io/io_write_int.h"
#include "io/source_int.h"
#include "types/ty_num.h"

typedef struct json_wopts {
    bool ignore_null_fields;
    bool ascii_only; /* writeNonAsciiCharacterAsCodePoint */
    const char *line_sep;
    size_t line_sep_len;
    io_wtime time;
    const ty *schema;
} json_wopts;

typedef struct json_wstate {
    const json_wopts *o;
    io_wfile *f;
    em_str line, val;
} json_wstate;

static bool json_wsupports(const ty *t)
{
    switch (t->kind) {
    case TY_CALENDAR_INTERVAL:
    case TY_VARIANT:
        return false;
    case TY_ARRAY:
        return json_wsupports(t->elem);
    case TY_MAP:
        return json_wsupports(t->key) && json_wsupports(t->value);
    case TY_STRUCT:
        for (int i = 0; i < t->n_fields; i++)
            if (!json_wsupports(t->fields[i].type))
                return false;
        return true;
    default:
        return true;
    }
}

static int json_wprepare(io_wjob *job, em_error *err)
{
    json_wopts *o = em_arena_calloc(&job->arena, 1, sizeof *o);
    if (io_wopt_bool(job, "ignoreNullFields", true, &o->ignore_null_fields, err) ||
        io_wopt_bool(job, "writeNonAsciiCharacterAsCodePoint", false, &o->ascii_only, err))
        return err ? err->code : EM_EUSER;
    const char *ls = io_wopt(job, "lineSep");
    if (ls && !ls[0])
        return em_error_set(err, "_LEGACY_ERROR_TEMP_3241", "msg",
                            "requirement failed: 'lineSep' cannot be an empty string.", NULL);
    o->line_sep = ls ? ls : "\n";
    o->line_sep_len = strlen(o->line_sep);
    if (io_wtime_init(job, &o->time, err))
        return err ? err->code : EM_EUSER;
    io_wcodec codec;
    const char *suffix;
    if (io_wopt_text_codec(job, &codec, &suffix, err))
        return err ? err->code : EM_EUSER;
    job->ext = em_arena_printf(&job->arena, ".json%s", suffix);
    o->schema = job->data_schema;
    job->fmt_opts = o;
    return EM_OK;
}

/* Appends a \uXXXX escape. */
static void json_u_escape(unsigned cp, em_str *out)
{
    static const char hex[] = "0123456789ABCDEF";
    char b[6] = {'\\',        'u', hex[(cp >> 12) & 15], hex[(cp >> 8) & 15], hex[(cp >> 4) & 15],
                 hex[cp & 15]};
    em_str_append(out, b, 6);
}

/* Jackson's writeString of UTF-8 bytes. */
static void json_put_string(const json_wopts *o, const char *s, size_t n, em_str *out)
{
    em_str_putc(out, '"');
    size_t start = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        const char *esc = NULL;
        switch (c) {
        case '"':
            esc = "\\\"";
            break;
        case '\\':
            esc = "\\\\";
            break;
        case '\b':
            esc = "\\b";
            break;
        case '\f':
            esc = "\\f";
            break;
        case '\n':
            esc = "\\n";
            break;
        case '\r':
            esc = "\\r";
            break;
        case '\t':
            esc = "\\t";
            break;
        default:
            break;
        }
        if (!esc && c >= 0x20 && (c < 0x80 || !o->ascii_only))
            continue;
        em_str_append(out, s + start, i - start);
        if (esc) {
            em_str_puts(out, esc);
            start = i + 1;
        } else if (c < 0x20) {
            json_u_escape(c, out);
            start = i + 1;
        } else {
            /* A non-ASCII code point as \uXXXX (two escapes, a surrogate pair, above U+FFFF). */
            int extra = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
            unsigned cp = extra == 3 ? c & 7u : extra == 2 ? c & 15u : extra == 1 ? c & 31u : c;
            size_t k = 1;
            for (; k <= (size_t)extra && i + k < n; k++)
                cp = (cp << 6) | ((unsigned char)s[i + k] & 63u);
            if (cp >= 0x10000) {
                cp -= 0x10000;
                json_u_escape(0xD800 + (cp >> 10), out);
                json_u_escape(0xDC00 + (cp & 0x3FF), out);
            } else {
                json_u_escape(cp, out);
            }
            i += k - 1;
            start = i + 1;
        }
    }
    em_str_append(out, s + start, n - start);
    em_str_putc(out, '"');
}

static void json_put_base64(const uint8_t *p, size_t n, em_str *out)
{
    static const char al[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    em_str_putc(out, '"');
    size_t i = 0;
    for (; i + 3 <= n; i += 3) {
        uint32_t v = (uint32_t)p[i] << 16 | (uint32_t)p[i + 1] << 8 | p[i + 2];
        char b[4] = {al[v >> 18], al[(v >> 12) & 63], al[(v >> 6) & 63], al[v & 63]};
        em_str_append(out, b, 4);
    }
    if (n - i == 1) {
        uint32_t v = (uint32_t)p[i] << 16;
        char b[4] = {al[v >> 18], al[(v >> 12) & 63], '=', '='};
        em_str_append(out, b, 4);
    } else if (n - i == 2) {
        uint32_t v = (uint32_t)p[i] << 16 | (uint32_t)p[i + 1] << 8;
        char b[4] = {al[v >> 18], al[(v >> 12) & 63], al[(v >> 6) & 63], '='};
        em_str_append(out, b, 4);
    }
    em_str_putc(out, '"');
}

static void json_put_value(json_wstate *s, const vec *v, int64_t row, em_str *out);

static void json_put_struct(json_wstate *s, const vec *v, int64_t row, em_str *out)
{
    const ty *t = v->type;
    em_str_putc(out, '{');
    bool first = true;
    for (int i = 0; i < t->n_fields; i++) {
        const vec *c = v->children[i];
        bool is_null = c->type->kind == TY_NULL || vec_is_null(c, row);
        if (is_null && s->o->ignore_null_fields)
            continue;
        if (!first)
            em_str_putc(out, ',');
        first = false;
        const char *name = t->fields[i].name;
        json_put_string(s->o, name, strlen(name), out);
        em_str_putc(out, ':');
        if (is_null)
            em_str_puts(out, "null");
        else
            json_put_value(s, c, row, out);
    }
    em_str_putc(out, '}');
}

static void json_put_value(json_wstate *s, const vec *v, int64_t row, em_str *out)
{
    const ty *t = v->type;
    switch (t->kind) {
    case TY_NULL:
        em_str_puts(out, "null");
        return;
    case TY_FLOAT:
    case TY_DOUBLE: {
        double d = t->kind == TY_FLOAT ? VEC_VALUES(v, float)[row] : VEC_VALUES(v, double)[row];
        if (d != d || d == 1.0 / 0.0 || d == -1.0 / 0.0) {
            em_str_puts(out, d != d ? "\"NaN\"" : d > 0 ? "\"Infinity\"" : "\"-Infinity\"");
            return;
        }
        io_wvalue_text(&s->o->time, v, row, out);
        return;
    }
    case TY_BOOLEAN:
    case TY_BYTE:
    case TY_SHORT:
    case TY_INT:
    case TY_LONG:
    case TY_DECIMAL:
        io_wvalue_text(&s->o->time, v, row, out);
        return;
    case TY_BINARY: {
        int32_t len;
        const char *p = vec_str(v, row, &len);
        json_put_base64((const uint8_t *)p, (size_t)len, out);
        return;
    }
    case TY_STRUCT:
        json_put_struct(s, v, row, out);
        return;
    case TY_ARRAY: {
        const vec *el = v->children[0];
        em_str_putc(out, '[');
        for (int32_t i = v->offsets[row]; i < v->offsets[row + 1]; i++) {
            if (i > v->offsets[row])
                em_str_putc(out, ',');
            if (el->type->kind == TY_NULL || vec_is_null(el, i))
                em_str_puts(out, "null");
            else
                json_put_value(s, el, i, out);
        }
        em_str_putc(out, ']');
        return;
    }
    case TY_MAP: {
        const vec *keys = v->children[0], *vals = v->children[1];
        em_str key;
        em_str_init(&key, 0);
        em_str_putc(out, '{');
        for (int32_t i = v->offsets[row]; i < v->offsets[row + 1]; i++) {
            if (i > v->offsets[row])
                em_str_putc(out, ',');
            em_str_reset(&key);
            io_internal_value_append(keys, i, &key);
            json_put_string(s->o, key.data ? key.data : "", key.len, out);
            em_str_putc(out, ':');
            if (vals->type->kind == TY_NULL || vec_is_null(vals, i))
                em_str_puts(out, "null");
            else
                json_put_value(s, vals, i, out);
        }
        em_str_putc(out, '}');
        em_str_release(&key);
        return;
    }
    default: {
        /* Strings, dates, timestamps, intervals: JSON strings of their text. */
        em_str_reset(&s->val);
        io_wvalue_text(&s->o->time, v, row, &s->val);
        json_put_string(s->o, s->val.data ? s->val.data : "", s->val.len, out);
        return;
    }
    }
}

static int json_wopen(io_wjob *job, io_wfile *f, void **state, em_error *err)
{
    (void)err;
    json_wstate *s = em_calloc(1, sizeof *s);
    s->o = job->fmt_opts;
    s->f = f;
    em_str_init(&s->line, 0);
    em_str_init(&s->val, 0);
    *state = s;
    return EM_OK;
}

static int json_wwrite(void *state, const vec_batch *b, em_error *err)
{
    json_wstate *s = state;
    const ty *t = s->o->schema;
    for (int64_t r = 0; r < b->n_rows; r++) {
        em_str_reset(&s->line);
        em_str_putc(&s->line, '{');
        bool first = true;
        for (int c = 0; c < b->n_cols; c++) {
            const vec *v = b->cols[c];
            bool is_null = v->type->kind == TY_NULL || vec_is_null(v, r);
            if (is_null && s->o->ignore_null_fields)
                continue;
            if (!first)
                em_str_putc(&s->line, ',');
            first = false;
            const char *name = t->fields[c].name;
            json_put_string(s->o, name, strlen(name), &s->line);
            em_str_putc(&s->line, ':');
            if (is_null)
                em_str_puts(&s->line, "null");
            else
                json_put_value(s, v, r, &s->line);
        }
        em_str_putc(&s->line, '}');
        em_str_append(&s->line, s->o->line_sep, s->o->line_sep_len);
        if (s->line.overflow)
            return em_error_internal(err, "JSON row longer than the line buffer");
        if (io_wfile_write(s->f, s->line.data, s->line.len, err))
            return EM_EIO;
    }
    return EM_OK;
}

static void json_wdiscard(void *state)
{
    json_wstate *s = state;
    if (!s)
        return;
    em_str_release(&s->line);
    em_str_release(&s->val);
    em_free(s);
}

static int json_wfinish(void *state, em_error *err)
{
    (void)err;
    json_wdiscard(state);
    return EM_OK;
}

const io_wformat io_wformat_json = {
    .name = "json",
    .display = "JSON",
    .supports = json_wsupports,
    .prepare = json_wprepare,
    .open = json_wopen,
    .write = json_wwrite,
    .finish = json_wfinish,
    .discard = json_wdiscard,
};
