/*
 * st_format: result rows as Spark's HiveResult.hiveResultString prints them into golden files,
 * and Spark's DataType.catalogString for the schema line.
 *
 * The rules (Spark sql/core .../execution/HiveResult.scala, toHiveString; facts restated, no
 * code copied): a NULL prints "NULL" at top level and "null" inside arrays, maps and structs;
 * strings print raw at top level and inside double quotes (no escaping) when nested; decimals
 * as BigDecimal.toPlainString; other numbers as Java's toString; dates "yyyy-MM-dd" and
 * timestamps with the fraction formatter in the session zone (java.time values, since the
 * suite sets spark.sql.datetime.java8API.enabled); year-month intervals "y-m" and day-time
 * intervals "d hh:mm:ss.nnnnnnnnn" (IntervalStringStyles.HIVE_STYLE); calendar intervals as
 * CalendarInterval.toString; binary by spark.sql.binaryOutputStyle (UTF-8 when unset);
 * arrays "[a,b]"; maps "{k:v,...}" with the "k:v" strings sorted; structs {"name":v,...}.
 * DESCRIBE results pad three columns to 20 characters; SHOW TABLES / SHOW VIEWS print only the
 * name column.
 *
 * We format from the Spark type of the schema answer (it keeps interval fields, char/varchar
 * and collations that Arrow loses) over the Arrow-decoded vectors, whose physical layout is
 * the same (types/ty.h). This formatter is our own and separate from types/ty_format.c, which
 * implements show() and CAST rules (", " separators, "->" in maps, "NULL" nested).
 */
#include "st_int.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "common/em_mem.h"
#include "types/ty_dec.h"
#include "types/ty_format.h"
#include "types/ty_num.h"

st_binary_style st_binary_style_parse(const char *value)
{
    if (!value)
        return ST_BIN_UTF8;
    if (strcasecmp(value, "BASIC") == 0)
        return ST_BIN_BASIC;
    if (strcasecmp(value, "BASE64") == 0)
        return ST_BIN_BASE64;
    if (strcasecmp(value, "HEX") == 0)
        return ST_BIN_HEX;
    if (strcasecmp(value, "HEX_DISCRETE") == 0)
        return ST_BIN_HEX_DISCRETE;
    return ST_BIN_UTF8;
}

/* Length of a well-formed UTF-8 sequence at p (RFC 3629: no overlongs, no surrogates, at most
 * U+10FFFF), or 0 with *bad set to the length of its maximal invalid subpart. */
static size_t st_utf8_seq(const unsigned char *p, size_t n, size_t *bad)
{
    unsigned char c = p[0];
    size_t need;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF) {
        need = 1;
    } else if (c >= 0xE0 && c <= 0xEF) {
        need = 2;
        if (c == 0xE0)
            lo = 0xA0;
        if (c == 0xED)
            hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 3;
        if (c == 0xF0)
            lo = 0x90;
        if (c == 0xF4)
            hi = 0x8F;
    } else {
        *bad = 1;
        return 0;
    }
    size_t got = 1;
    for (size_t idx = 1; idx <= need; idx++) {
        unsigned char b = idx < n ? p[idx] : 0;
        unsigned char min = idx == 1 ? lo : 0x80, max = idx == 1 ? hi : 0xBF;
        if (idx >= n || b < min || b > max) {
            *bad = got;
            return 0;
        }
        got++;
    }
    return need + 1;
}

/* new String(bytes, UTF_8): malformed input becomes U+FFFD. */
static void st_append_utf8_lossy(const char *s, size_t n, em_str *out)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t pos = 0;
    while (pos < n) {
        size_t bad = 0, len = st_utf8_seq(p + pos, n - pos, &bad);
        if (len) {
            em_str_append(out, s + pos, len);
            pos += len;
        } else {
            em_str_puts(out, "\xEF\xBF\xBD");
            pos += bad;
        }
    }
}

static void st_append_binary(const char *s, size_t n, st_binary_style style, em_str *out)
{
    static const char hex[] = "0123456789ABCDEF";
    static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    const unsigned char *p = (const unsigned char *)s;
    switch (style) {
    case ST_BIN_UTF8:
        st_append_utf8_lossy(s, n, out);
        return;
    case ST_BIN_BASIC:
        em_str_putc(out, '[');
        for (size_t idx = 0; idx < n; idx++)
            em_str_printf(out, "%s%d", idx ? ", " : "", (int)(signed char)p[idx]);
        em_str_putc(out, ']');
        return;
    case ST_BIN_BASE64:
        for (size_t idx = 0; idx < n; idx += 3) {
            uint32_t v = (uint32_t)p[idx] << 16;
            if (idx + 1 < n)
                v |= (uint32_t)p[idx + 1] << 8;
            if (idx + 2 < n)
                v |= p[idx + 2];
            em_str_putc(out, b64[(v >> 18) & 63]);
            em_str_putc(out, b64[(v >> 12) & 63]);
            if (idx + 1 < n)
                em_str_putc(out, b64[(v >> 6) & 63]);
            if (idx + 2 < n)
                em_str_putc(out, b64[v & 63]);
        }
        return;
    case ST_BIN_HEX:
        for (size_t idx = 0; idx < n; idx++) {
            em_str_putc(out, hex[p[idx] >> 4]);
            em_str_putc(out, hex[p[idx] & 15]);
        }
        return;
    case ST_BIN_HEX_DISCRETE:
        em_str_putc(out, '[');
        for (size_t idx = 0; idx < n; idx++) {
            if (idx)
                em_str_putc(out, ' ');
            em_str_putc(out, hex[p[idx] >> 4]);
            em_str_putc(out, hex[p[idx] & 15]);
        }
        em_str_putc(out, ']');
        return;
    }
}

/* toDayTimeIntervalString(micros, HIVE_STYLE, ...). */
static void st_append_dt_interval(int64_t micros, em_str *out)
{
    if (micros == INT64_MIN) {
        em_str_puts(out, "-106751991 04:00:54.775808000");
        return;
    }
    const char *sign = "";
    if (micros < 0) {
        sign = "-";
        micros = -micros;
    }
    int64_t sec_frac = micros % 60000000LL;
    int64_t rest = micros / 60000000LL;
    int64_t minutes = rest % 60;
    rest /= 60;
    int64_t hours = rest % 24;
    int64_t days = rest / 24;
    int64_t seconds = sec_frac / 1000000LL;
    int64_t nanos = (sec_frac % 1000000LL) * 1000;
    em_str_printf(out, "%s%" PRId64 " %02" PRId64 ":%02" PRId64 ":%02" PRId64 ".%09" PRId64, sign,
                  days, hours, minutes, seconds, nanos);
}

/* toYearMonthIntervalString(months, HIVE_STYLE, ...). */
static void st_append_ym_interval(int32_t months, em_str *out)
{
    int64_t abs = months;
    const char *sign = "";
    if (months < 0) {
        sign = "-";
        abs = -abs;
    }
    em_str_printf(out, "%s%" PRId64 "-%" PRId64, sign, abs / 12, abs % 12);
}

/* Physical compatibility of the Spark type with the decoded vector's type. */
static bool st_layout_ok(const ty *t, const vec *v)
{
    ty_kind a = t->kind, b = v->type->kind;
    if (a == b)
        return true;
    bool sa = a == TY_STRING || a == TY_CHAR || a == TY_VARCHAR;
    bool sb = b == TY_STRING || b == TY_CHAR || b == TY_VARCHAR;
    return sa && sb;
}

static int st_cmp_strp(const void *a, const void *b)
{
    return st_java_strcmp(*(const char *const *)a, *(const char *const *)b);
}

int st_format_value(const vec *v, int64_t row, const ty *t, bool nested, const st_format_opts *o,
                    em_str *out)
{
    if (t->kind == TY_NULL || vec_is_null(v, row)) {
        em_str_puts(out, nested ? "null" : "NULL");
        return 0;
    }
    if (!st_layout_ok(t, v))
        return -1;
    int32_t len;
    const char *s;
    switch (t->kind) {
    case TY_BOOLEAN:
        em_str_puts(out, VEC_VALUES(v, uint8_t)[row] ? "true" : "false");
        return 0;
    case TY_BYTE:
        em_str_printf(out, "%d", (int)VEC_VALUES(v, int8_t)[row]);
        return 0;
    case TY_SHORT:
        em_str_printf(out, "%d", (int)VEC_VALUES(v, int16_t)[row]);
        return 0;
    case TY_INT:
        em_str_printf(out, "%" PRId32, VEC_VALUES(v, int32_t)[row]);
        return 0;
    case TY_LONG:
        em_str_printf(out, "%" PRId64, VEC_VALUES(v, int64_t)[row]);
        return 0;
    case TY_FLOAT:
        ty_float_append(VEC_VALUES(v, float)[row], out);
        return 0;
    case TY_DOUBLE:
        ty_double_append(VEC_VALUES(v, double)[row], out);
        return 0;
    case TY_DECIMAL:
        ty_dec_append(VEC_VALUES(v, ty_i128)[row], t->scale, true, out);
        return 0;
    case TY_STRING:
    case TY_CHAR:
    case TY_VARCHAR:
        s = vec_str(v, row, &len);
        if (nested)
            em_str_putc(out, '"');
        em_str_append(out, s, (size_t)len);
        if (nested)
            em_str_putc(out, '"');
        return 0;
    case TY_BINARY:
        s = vec_str(v, row, &len);
        st_append_binary(s, (size_t)len, o->binary, out);
        return 0;
    case TY_DATE:
        ty_date_append(VEC_VALUES(v, int32_t)[row], out);
        return 0;
    case TY_TIMESTAMP:
        ty_timestamp_append(VEC_VALUES(v, int64_t)[row], o->tz ? o->tz : ty_tz_utc(), out);
        return 0;
    case TY_TIMESTAMP_NTZ:
        ty_timestamp_append(VEC_VALUES(v, int64_t)[row], NULL, out);
        return 0;
    case TY_DAYTIME_INTERVAL:
        st_append_dt_interval(VEC_VALUES(v, int64_t)[row], out);
        return 0;
    case TY_YEARMONTH_INTERVAL:
        st_append_ym_interval(VEC_VALUES(v, int32_t)[row], out);
        return 0;
    case TY_CALENDAR_INTERVAL:
        ty_calendar_interval_append(&VEC_VALUES(v, ty_calendar_interval)[row], out);
        return 0;
    case TY_ARRAY: {
        if (v->n_children < 1 || !v->offsets)
            return -1;
        em_str_putc(out, '[');
        for (int64_t e = v->offsets[row]; e < v->offsets[row + 1]; e++) {
            if (e > v->offsets[row])
                em_str_putc(out, ',');
            if (st_format_value(v->children[0], e, t->elem, true, o, out))
                return -1;
        }
        em_str_putc(out, ']');
        return 0;
    }
    case TY_MAP: {
        if (v->n_children < 2 || !v->offsets)
            return -1;
        int64_t first = v->offsets[row], n = v->offsets[row + 1] - first;
        char **entries = n ? em_malloc((size_t)n * sizeof *entries) : NULL;
        int rc = 0;
        for (int64_t e = 0; e < n; e++) {
            em_str one;
            em_str_init(&one, 0);
            if (st_format_value(v->children[0], first + e, t->key, true, o, &one))
                rc = -1;
            em_str_putc(&one, ':');
            if (st_format_value(v->children[1], first + e, t->value, true, o, &one))
                rc = -1;
            em_str_putc(&one, '\0');
            entries[e] = em_str_move(&one);
            em_str_release(&one);
        }
        if (n > 1)
            qsort(entries, (size_t)n, sizeof *entries, st_cmp_strp);
        em_str_putc(out, '{');
        for (int64_t e = 0; e < n; e++) {
            if (e)
                em_str_putc(out, ',');
            em_str_puts(out, entries[e]);
            em_free(entries[e]);
        }
        em_str_putc(out, '}');
        em_free(entries);
        return rc;
    }
    case TY_STRUCT:
        if (v->n_children < t->n_fields)
            return -1;
        em_str_putc(out, '{');
        for (int f = 0; f < t->n_fields; f++) {
            if (f)
                em_str_putc(out, ',');
            em_str_printf(out, "\"%s\":", t->fields[f].name);
            if (st_format_value(v->children[f], row, t->fields[f].type, true, o, out))
                return -1;
        }
        em_str_putc(out, '}');
        return 0;
    default:
        return -1;
    }
}

/* The first keyword of a statement, upper-cased into buf (skips leading '(' and space). */
static const char *st_word(const char *p, char *buf, size_t size)
{
    while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '(')
        p++;
    size_t n = 0;
    while ((p[n] >= 'a' && p[n] <= 'z') || (p[n] >= 'A' && p[n] <= 'Z') || p[n] == '_') {
        if (n + 1 < size)
            buf[n] = (char)(p[n] >= 'a' && p[n] <= 'z' ? p[n] - 32 : p[n]);
        n++;
    }
    buf[n < size ? n : size - 1] = '\0';
    return p + n;
}

st_rows_mode st_rows_mode_for(const char *sql, const ty *schema)
{
    char w1[16], w2[16];
    const char *rest = st_word(sql, w1, sizeof w1);
    st_word(rest, w2, sizeof w2);
    if (!schema || schema->kind != TY_STRUCT)
        return ST_ROWS_PLAIN;
    if ((strcmp(w1, "DESC") == 0 || strcmp(w1, "DESCRIBE") == 0) && schema->n_fields == 3 &&
        strcmp(schema->fields[0].name, "col_name") == 0 &&
        strcmp(schema->fields[1].name, "data_type") == 0 &&
        strcmp(schema->fields[2].name, "comment") == 0)
        return ST_ROWS_DESCRIBE;
    if (strcmp(w1, "SHOW") == 0 && schema->n_fields >= 2 &&
        ((strcmp(w2, "TABLES") == 0 && strcmp(schema->fields[1].name, "tableName") == 0) ||
         (strcmp(w2, "VIEWS") == 0 && strcmp(schema->fields[1].name, "viewName") == 0)))
        return ST_ROWS_NAME;
    return ST_ROWS_PLAIN;
}

/* String.format("%-20s", s): pads to 20 UTF-16 code units. */
static void st_append_padded(const char *s, size_t n, em_str *out)
{
    em_str_append(out, s, n);
    size_t units = 0;
    for (size_t idx = 0; idx < n; idx++) {
        unsigned char c = (unsigned char)s[idx];
        if ((c & 0xC0) != 0x80)
            units += c >= 0xF0 ? 2 : 1;
    }
    if (units < 20)
        em_str_repeat(out, ' ', 20 - units);
}

/* A top-level string cell (NULL as empty), for DESCRIBE and SHOW. */
static void st_cell_text(const vec *v, int64_t row, const char *null_text, em_str *out)
{
    if (vec_is_null(v, row) || !v->offsets) {
        em_str_puts(out, null_text);
        return;
    }
    int32_t len;
    const char *s = vec_str(v, row, &len);
    em_str_append(out, s, (size_t)len);
}

int st_format_rows(const ty *schema, vec_batch *const *batches, int n_batches, st_rows_mode mode,
                   const st_format_opts *o, em_arena *arena, char ***rows_out, int64_t *n_rows_out,
                   char *errbuf, size_t errsize)
{
    int64_t total = 0;
    for (int b = 0; b < n_batches; b++)
        total += batches[b]->n_rows;
    char **rows = em_arena_alloc(arena, (size_t)(total + 1) * sizeof *rows);
    int64_t at = 0;
    em_str line;
    em_str_init(&line, 0);
    for (int b = 0; b < n_batches; b++) {
        const vec_batch *batch = batches[b];
        if (batch->n_cols != schema->n_fields) {
            snprintf(errbuf, errsize, "batch has %d columns, schema %d", batch->n_cols,
                     schema->n_fields);
            em_str_release(&line);
            return -1;
        }
        for (int64_t r = 0; r < batch->n_rows; r++) {
            em_str_reset(&line);
            if (mode == ST_ROWS_DESCRIBE) {
                for (int c = 0; c < 3; c++) {
                    em_str cell;
                    em_str_init(&cell, 0);
                    st_cell_text(batch->cols[c], r, "", &cell);
                    if (c)
                        em_str_putc(&line, '\t');
                    st_append_padded(cell.data ? cell.data : "", cell.len, &line);
                    em_str_release(&cell);
                }
            } else if (mode == ST_ROWS_NAME) {
                st_cell_text(batch->cols[1], r, "NULL", &line);
            } else {
                for (int c = 0; c < schema->n_fields; c++) {
                    if (c)
                        em_str_putc(&line, '\t');
                    if (st_format_value(batch->cols[c], r, schema->fields[c].type, false, o,
                                        &line)) {
                        em_str ts;
                        em_str_init(&ts, 0);
                        st_type_string(schema->fields[c].type, &ts);
                        snprintf(errbuf, errsize, "cannot print a value of type %s",
                                 ts.data ? ts.data : "?");
                        em_str_release(&ts);
                        em_str_release(&line);
                        return -1;
                    }
                }
            }
            rows[at++] = em_arena_strndup(arena, line.data ? line.data : "", line.len);
        }
    }
    em_str_release(&line);
    rows[at] = NULL;
    *rows_out = rows;
    *n_rows_out = at;
    return 0;
}

static const char *st_dt_field(int f)
{
    static const char *names[] = {"day", "hour", "minute", "second"};
    return f >= 0 && f < 4 ? names[f] : "?";
}

void st_type_string(const ty *t, em_str *out)
{
    switch (t->kind) {
    case TY_NULL:
        em_str_puts(out, "void");
        return;
    case TY_BOOLEAN:
        em_str_puts(out, "boolean");
        return;
    case TY_BYTE:
        em_str_puts(out, "tinyint");
        return;
    case TY_SHORT:
        em_str_puts(out, "smallint");
        return;
    case TY_INT:
        em_str_puts(out, "int");
        return;
    case TY_LONG:
        em_str_puts(out, "bigint");
        return;
    case TY_FLOAT:
        em_str_puts(out, "float");
        return;
    case TY_DOUBLE:
        em_str_puts(out, "double");
        return;
    case TY_DECIMAL:
        em_str_printf(out, "decimal(%d,%d)", t->precision, t->scale);
        return;
    case TY_STRING:
        if (t->collation && strcmp(t->collation, "UTF8_BINARY") != 0)
            em_str_printf(out, "string collate %s", t->collation);
        else
            em_str_puts(out, "string");
        return;
    case TY_CHAR:
        em_str_printf(out, "char(%d)", t->length);
        return;
    case TY_VARCHAR:
        em_str_printf(out, "varchar(%d)", t->length);
        return;
    case TY_BINARY:
        em_str_puts(out, "binary");
        return;
    case TY_DATE:
        em_str_puts(out, "date");
        return;
    case TY_TIMESTAMP:
        em_str_puts(out, "timestamp");
        return;
    case TY_TIMESTAMP_NTZ:
        em_str_puts(out, "timestamp_ntz");
        return;
    case TY_CALENDAR_INTERVAL:
        em_str_puts(out, "interval");
        return;
    case TY_YEARMONTH_INTERVAL:
        if (t->start_field == t->end_field)
            em_str_printf(out, "interval %s", t->start_field == TY_YM_YEAR ? "year" : "month");
        else
            em_str_puts(out, "interval year to month");
        return;
    case TY_DAYTIME_INTERVAL:
        if (t->start_field == t->end_field)
            em_str_printf(out, "interval %s", st_dt_field(t->start_field));
        else
            em_str_printf(out, "interval %s to %s", st_dt_field(t->start_field),
                          st_dt_field(t->end_field));
        return;
    case TY_ARRAY:
        em_str_puts(out, "array<");
        st_type_string(t->elem, out);
        em_str_putc(out, '>');
        return;
    case TY_MAP:
        em_str_puts(out, "map<");
        st_type_string(t->key, out);
        em_str_putc(out, ',');
        st_type_string(t->value, out);
        em_str_putc(out, '>');
        return;
    case TY_STRUCT:
        em_str_puts(out, "struct<");
        for (int f = 0; f < t->n_fields; f++) {
            if (f)
                em_str_putc(out, ',');
            em_str_puts(out, t->fields[f].name);
            em_str_putc(out, ':');
            st_type_string(t->fields[f].type, out);
        }
        em_str_putc(out, '>');
        return;
    case TY_VARIANT:
        em_str_puts(out, "variant");
        return;
    default:
        em_str_puts(out, "unknown");
        return;
    }
}
