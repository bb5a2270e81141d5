/*
 * io_compare: vector values vs corpus JSON values (see io_compare.h for the conventions).
 */
#include "io_compare.h"

#include "common/em_mem.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int64_t io_days_from_civil(int64_t y, unsigned m, unsigned d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (int64_t)doe - 719468;
}

void io_base64(const unsigned char *in, size_t n, char *out)
{
    static const char tab[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    size_t o = 0;
    for (size_t i = 0; i < n; i += 3) {
        unsigned v = (unsigned)in[i] << 16;
        if (i + 1 < n)
            v |= (unsigned)in[i + 1] << 8;
        if (i + 2 < n)
            v |= in[i + 2];
        out[o++] = tab[(v >> 18) & 63];
        out[o++] = tab[(v >> 12) & 63];
        out[o++] = i + 1 < n ? tab[(v >> 6) & 63] : '=';
        out[o++] = i + 2 < n ? tab[v & 63] : '=';
    }
    out[o] = 0;
}

void io_decimal_text(__int128 v, int scale, char *out, size_t size)
{
    char digits[64];
    int n = 0;
    bool neg = v < 0;
    unsigned __int128 u = neg ? -(unsigned __int128)v : (unsigned __int128)v;
    do {
        digits[n++] = (char)('0' + (int)(u % 10));
        u /= 10;
    } while (u);
    while (n <= scale)
        digits[n++] = '0';
    size_t o = 0;
    if (neg && o + 1 < size)
        out[o++] = '-';
    for (int i = n - 1; i >= 0 && o + 2 < size; i--) {
        out[o++] = digits[i];
        if (i == scale && scale > 0)
            out[o++] = '.';
    }
    out[o] = 0;
}

/* "YYYY-MM-DD" -> days; false when malformed. */
static bool io_parse_date(const char *s, int64_t *days)
{
    int y, m, d;
    if (sscanf(s, "%d-%d-%d", &y, &m, &d) != 3)
        return false;
    *days = io_days_from_civil(y, (unsigned)m, (unsigned)d);
    return true;
}

/* "HH:MM:SS[.fffffffff]" -> microseconds (fraction truncated, i.e. floored); *sub_us tells
 * whether digits below the microsecond were non-zero. */
static bool io_parse_clock(const char *s, int64_t *us, const char **rest, bool *sub_us)
{
    int h, mi, se, used = 0;
    if (sscanf(s, "%d:%d:%d%n", &h, &mi, &se, &used) != 3)
        return false;
    int64_t frac = 0;
    int digits = 0;
    s += used;
    if (*s == '.') {
        s++;
        while (*s >= '0' && *s <= '9') {
            if (digits < 6)
                frac = frac * 10 + (*s - '0');
            else if (*s != '0')
                *sub_us = true;
            digits++;
            s++;
        }
    }
    while (digits < 6) {
        frac *= 10;
        digits++;
    }
    *us = ((int64_t)h * 3600 + mi * 60 + se) * 1000000 + frac;
    *rest = s;
    return true;
}

static bool io_parse_timestamp(const char *s, int64_t *us, bool *z, bool *sub_us)
{
    int64_t days, clock;
    const char *t = strchr(s, 'T'), *rest;
    *sub_us = false;
    if (!t || !io_parse_date(s, &days) || !io_parse_clock(t + 1, &clock, &rest, sub_us))
        return false;
    *z = *rest == 'Z';
    *us = days * 86400000000LL + clock;
    return true;
}

static bool io_fail(io_cmp *c, const char *where, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static bool io_fail(io_cmp *c, const char *where, const char *fmt, ...)
{
    char buf[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    snprintf(c->msg, sizeof c->msg, "%s: %s", where, buf);
    return false;
}

static bool io_float_eq_text(const io_jval *want, double got, bool single, bool exact_double)
{
    if (want->kind == IO_J_STR) {
        if (strcmp(want->text, "NaN") == 0)
            return isnan(got);
        if (strcmp(want->text, "Infinity") == 0)
            return isinf(got) && got > 0;
        if (strcmp(want->text, "-Infinity") == 0)
            return isinf(got) && got < 0;
        return false;
    }
    if (want->kind != IO_J_NUM)
        return false;
    if (single && !exact_double) {
        float w = strtof(want->text, NULL), g = (float)got;
        return memcmp(&w, &g, sizeof w) == 0;
    }
    double w = strtod(want->text, NULL);
    return w == got && signbit(w) == signbit(got);
}

bool io_cmp_value(io_cmp *c, const vec *v, int64_t row, const io_jval *want, const char *where)
{
    const ty *t = v->type;
    bool is_null = t->kind == TY_NULL || vec_is_null(v, row);
    if (want->kind == IO_J_NULL)
        return is_null ? true
                       : io_fail(c, where, "row %lld: want null, got a value", (long long)row);
    if (is_null)
        return io_fail(c, where, "row %lld: got null, want a value", (long long)row);
    switch (t->kind) {
    case TY_BOOLEAN:
        if (want->kind != IO_J_BOOL || want->b != (VEC_VALUES(v, uint8_t)[row] != 0))
            return io_fail(c, where, "boolean differs");
        return true;
    case TY_BYTE:
    case TY_SHORT:
    case TY_INT:
    case TY_LONG: {
        int64_t got = t->kind == TY_BYTE    ? VEC_VALUES(v, int8_t)[row]
                      : t->kind == TY_SHORT ? VEC_VALUES(v, int16_t)[row]
                      : t->kind == TY_INT   ? VEC_VALUES(v, int32_t)[row]
                                            : VEC_VALUES(v, int64_t)[row];
        if (c->from_time && want->kind == IO_J_STR) {
            int64_t us;
            const char *rest;
            bool sub_us = false;
            if (!io_parse_clock(want->text, &us, &rest, &sub_us) || us != got)
                return io_fail(c, where, "time %s != %lld us", want->text, (long long)got);
            return true;
        }
        if (want->kind != IO_J_NUM || strtoll(want->text, NULL, 10) != got)
            return io_fail(c, where, "want %s, got %lld", want->kind == IO_J_NUM ? want->text : "?",
                           (long long)got);
        return true;
    }
    case TY_FLOAT: {
        float f = VEC_VALUES(v, float)[row];
        if (!io_float_eq_text(want, f, true, c->from_f16))
            return io_fail(c, where, "want %s, got %.9g", want->text ? want->text : "?", f);
        return true;
    }
    case TY_DOUBLE: {
        double d = VEC_VALUES(v, double)[row];
        if (!io_float_eq_text(want, d, false, false))
            return io_fail(c, where, "want %s, got %.17g", want->text ? want->text : "?", d);
        return true;
    }
    case TY_DECIMAL: {
        __int128 d;
        memcpy(&d, (const char *)v->values + 16 * row, 16);
        char text[64];
        io_decimal_text(d, t->scale, text, sizeof text);
        if ((want->kind != IO_J_STR && want->kind != IO_J_NUM) || strcmp(want->text, text) != 0)
            return io_fail(c, where, "want %s, got %s", want->text ? want->text : "?", text);
        return true;
    }
    case TY_STRING:
    case TY_BINARY: {
        int32_t len;
        const char *s = vec_str(v, row, &len);
        if (want->kind != IO_J_STR)
            return io_fail(c, where, "want a non-string");
        if (t->kind == TY_STRING) {
            if ((size_t)len != want->len || memcmp(s, want->text, (size_t)len) != 0)
                return io_fail(c, where, "string differs (len %d vs %zu)", len, want->len);
            return true;
        }
        char *b64 = em_malloc(4 * ((size_t)len + 2) / 3 + 8);
        io_base64((const unsigned char *)s, (size_t)len, b64);
        bool ok = strcmp(b64, want->text) == 0;
        if (!ok)
            io_fail(c, where, "binary want %s got %s", want->text, b64);
        em_free(b64);
        return ok;
    }
    case TY_DATE: {
        int64_t days;
        int32_t got = VEC_VALUES(v, int32_t)[row];
        if (want->kind != IO_J_STR || !io_parse_date(want->text, &days) || days != got)
            return io_fail(c, where, "date %s != %d", want->text ? want->text : "?", got);
        return true;
    }
    case TY_TIMESTAMP:
    case TY_TIMESTAMP_NTZ: {
        int64_t us, got = VEC_VALUES(v, int64_t)[row];
        bool z, sub_us;
        if (want->kind != IO_J_STR || !io_parse_timestamp(want->text, &us, &z, &sub_us))
            return io_fail(c, where, "bad expected timestamp");
        /* INT96: Spark's DateTimeUtils.fromJulianDay adds nanos / 1000 (Java division, toward
         * zero) to whole days, and pyarrow splits an instant into (day, nanos) by truncation
         * (negative nanos before 1970), so Spark reads the instant truncated toward zero, not
         * floored: one microsecond more for pre-1970 values with sub-microsecond digits. */
        if (c->int96 && us < 0 && sub_us)
            us++;
        if (us != got)
            return io_fail(c, where, "timestamp %s != %lld us", want->text ? want->text : "?",
                           (long long)got);
        bool want_z = t->kind == TY_TIMESTAMP && !c->int96;
        if (z != want_z)
            return io_fail(c, where, "timestamp %s: the zone marker does not fit type %s",
                           want->text, t->kind == TY_TIMESTAMP ? "timestamp" : "timestamp_ntz");
        return true;
    }
    case TY_ARRAY:
    case TY_MAP: {
        if (want->kind != IO_J_ARR)
            return io_fail(c, where, "want a non-array");
        int32_t s = v->offsets[row], e = v->offsets[row + 1];
        if (e - s != want->n)
            return io_fail(c, where, "row %lld: %d elements, want %d", (long long)row, e - s,
                           want->n);
        for (int32_t i = 0; i < want->n; i++) {
            const io_jval *w = want->items[i];
            if (t->kind == TY_ARRAY) {
                if (!io_cmp_value(c, v->children[0], s + i, w, where))
                    return false;
            } else {
                if (w->kind != IO_J_ARR || w->n != 2)
                    return io_fail(c, where, "map entry is not a pair");
                if (!io_cmp_value(c, v->children[0], s + i, w->items[0], where) ||
                    !io_cmp_value(c, v->children[1], s + i, w->items[1], where))
                    return false;
            }
        }
        return true;
    }
    case TY_STRUCT: {
        if (want->kind != IO_J_OBJ || want->n != t->n_fields)
            return io_fail(c, where, "struct shape differs");
        for (int i = 0; i < t->n_fields; i++) {
            if (strcmp(want->keys[i], t->fields[i].name) != 0)
                return io_fail(c, where, "field %s, want %s", t->fields[i].name, want->keys[i]);
            if (!io_cmp_value(c, v->children[i], row, want->items[i], where))
                return false;
        }
        return true;
    }
    default:
        return io_fail(c, where, "unexpected type kind %d", (int)t->kind);
    }
}
