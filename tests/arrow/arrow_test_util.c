/*
 * arrow_test_util: JSON literals -> vectors, deep vector comparison, file helpers (see the
 * header for the value forms). The parser is a small recursive descent over the text that
 * appends one row per value with the vector API; it aborts on text it does not expect, since
 * that is a bug in a test, not an input under test.
 */
#include "arrow_test_util.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/em_mem.h"

typedef struct tu_parser {
    const char *p;
    const char *text;
} tu_parser;

static void tu_die(tu_parser *ps, const char *what)
{
    fprintf(stderr, "arrow_test_util: %s at offset %d of: %s\n", what, (int)(ps->p - ps->text),
            ps->text);
    abort();
}

static void tu_ws(tu_parser *ps)
{
    while (*ps->p && isspace((unsigned char)*ps->p))
        ps->p++;
}

static bool tu_accept(tu_parser *ps, char c)
{
    tu_ws(ps);
    if (*ps->p == c) {
        ps->p++;
        return true;
    }
    return false;
}

static void tu_expect(tu_parser *ps, char c)
{
    if (!tu_accept(ps, c))
        tu_die(ps, "unexpected character");
}

static bool tu_accept_word(tu_parser *ps, const char *w)
{
    tu_ws(ps);
    size_t n = strlen(w);
    if (strncmp(ps->p, w, n) == 0) {
        ps->p += n;
        return true;
    }
    return false;
}

static void tu_put_utf8(em_str *s, unsigned cp)
{
    char b[4];
    if (cp < 0x80) {
        b[0] = (char)cp;
        em_str_append(s, b, 1);
    } else if (cp < 0x800) {
        b[0] = (char)(0xC0 | (cp >> 6));
        b[1] = (char)(0x80 | (cp & 0x3F));
        em_str_append(s, b, 2);
    } else if (cp < 0x10000) {
        b[0] = (char)(0xE0 | (cp >> 12));
        b[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        b[2] = (char)(0x80 | (cp & 0x3F));
        em_str_append(s, b, 3);
    } else {
        b[0] = (char)(0xF0 | (cp >> 18));
        b[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        b[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        b[3] = (char)(0x80 | (cp & 0x3F));
        em_str_append(s, b, 4);
    }
}

/* A JSON string into s (UTF-8). */
static void tu_string(tu_parser *ps, em_str *s)
{
    tu_expect(ps, '"');
    while (*ps->p && *ps->p != '"') {
        char c = *ps->p++;
        if (c != '\\') {
            em_str_append(s, &c, 1);
            continue;
        }
        c = *ps->p++;
        switch (c) {
        case 'n':
            em_str_putc(s, '\n');
            break;
        case 't':
            em_str_putc(s, '\t');
            break;
        case 'u': {
            unsigned cp =
                (unsigned)strtoul((char[]){ps->p[0], ps->p[1], ps->p[2], ps->p[3], 0}, NULL, 16);
            ps->p += 4;
            if (cp >= 0xD800 && cp < 0xDC00 && ps->p[0] == '\\' && ps->p[1] == 'u') {
                unsigned lo = (unsigned)strtoul((char[]){ps->p[2], ps->p[3], ps->p[4], ps->p[5], 0},
                                                NULL, 16);
                ps->p += 6;
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            }
            tu_put_utf8(s, cp);
            break;
        }
        default:
            em_str_append(s, &c, 1);
            break;
        }
    }
    tu_expect(ps, '"');
}

/* A number or a string holding one, as text. */
static void tu_scalar_text(tu_parser *ps, em_str *s)
{
    tu_ws(ps);
    if (*ps->p == '"') {
        tu_string(ps, s);
        return;
    }
    const char *start = ps->p;
    while (*ps->p && (isalnum((unsigned char)*ps->p) || strchr("+-.", *ps->p)))
        ps->p++;
    if (ps->p == start)
        tu_die(ps, "expected a number");
    em_str_append(s, start, (size_t)(ps->p - start));
}

static __int128 tu_int128(tu_parser *ps, const char *s, int scale)
{
    bool neg = *s == '-';
    if (neg || *s == '+')
        s++;
    __int128 v = 0;
    int frac = -1;
    for (; *s; s++) {
        if (*s == '.') {
            frac = 0;
            continue;
        }
        if (!isdigit((unsigned char)*s))
            tu_die(ps, "bad digit");
        v = v * 10 + (*s - '0');
        if (frac >= 0)
            frac++;
    }
    if ((frac < 0 ? 0 : frac) != scale)
        tu_die(ps, "decimal literal must have exactly `scale` fraction digits");
    return neg ? -v : v;
}

static void tu_append_fixed(vec *v, const void *val)
{
    int w = ty_fixed_width(v->type);
    vec_reserve(v, v->len + 1);
    memcpy((char *)v->values + v->len * w, val, (size_t)w);
    vec_set_valid(v, v->len);
    v->len++;
}

static void tu_value(tu_parser *ps, vec *v);

/* Appends one row to a nested vector after its children got theirs. */
static void tu_append_nested(vec *v)
{
    vec_reserve(v, v->len + 1);
    if (v->offsets)
        v->offsets[v->len + 1] = (int32_t)v->children[0]->len;
    vec_set_valid(v, v->len);
    v->len++;
}

static void tu_value(tu_parser *ps, vec *v)
{
    if (tu_accept_word(ps, "null")) {
        vec_append_null(v);
        return;
    }
    const ty *t = v->type;
    em_str s;
    em_str_init(&s, 0);
    switch (t->kind) {
    case TY_BOOLEAN: {
        uint8_t b;
        if (tu_accept_word(ps, "true"))
            b = 1;
        else if (tu_accept_word(ps, "false"))
            b = 0;
        else
            tu_die(ps, "expected a boolean");
        tu_append_fixed(v, &b);
        break;
    }
    case TY_BYTE:
    case TY_SHORT:
    case TY_INT:
    case TY_LONG:
    case TY_DATE:
    case TY_TIMESTAMP:
    case TY_TIMESTAMP_NTZ:
    case TY_DAYTIME_INTERVAL:
    case TY_YEARMONTH_INTERVAL: {
        tu_scalar_text(ps, &s);
        long long x = strtoll(s.data, NULL, 10);
        int8_t i8 = (int8_t)x;
        int16_t i16 = (int16_t)x;
        int32_t i32 = (int32_t)x;
        int64_t i64 = (int64_t)x;
        int w = ty_fixed_width(t);
        tu_append_fixed(v, w == 1   ? (void *)&i8
                           : w == 2 ? (void *)&i16
                           : w == 4 ? (void *)&i32
                                    : (void *)&i64);
        break;
    }
    case TY_FLOAT:
    case TY_DOUBLE: {
        tu_scalar_text(ps, &s);
        double d = strcmp(s.data, "NaN") == 0         ? NAN
                   : strcmp(s.data, "Infinity") == 0  ? INFINITY
                   : strcmp(s.data, "-Infinity") == 0 ? -INFINITY
                                                      : strtod(s.data, NULL);
        float f = (float)d;
        tu_append_fixed(v, t->kind == TY_FLOAT ? (void *)&f : (void *)&d);
        break;
    }
    case TY_DECIMAL: {
        tu_scalar_text(ps, &s);
        __int128 d = tu_int128(ps, s.data, t->scale);
        tu_append_fixed(v, &d);
        break;
    }
    case TY_STRING:
    case TY_CHAR:
    case TY_VARCHAR:
        tu_string(ps, &s);
        vec_append_str(v, s.data ? s.data : "", (int64_t)s.len, NULL);
        break;
    case TY_BINARY: {
        tu_string(ps, &s);
        em_str raw;
        em_str_init(&raw, 0);
        for (size_t k = 0; k + 1 < s.len; k += 2) {
            char c = (char)strtoul((char[]){s.data[k], s.data[k + 1], 0}, NULL, 16);
            em_str_append(&raw, &c, 1);
        }
        vec_append_str(v, raw.data ? raw.data : "", (int64_t)raw.len, NULL);
        em_str_release(&raw);
        break;
    }
    case TY_CALENDAR_INTERVAL: {
        ty_calendar_interval iv;
        tu_expect(ps, '[');
        tu_scalar_text(ps, &s);
        iv.months = (int32_t)strtol(s.data, NULL, 10);
        tu_expect(ps, ',');
        em_str_reset(&s);
        tu_scalar_text(ps, &s);
        iv.days = (int32_t)strtol(s.data, NULL, 10);
        tu_expect(ps, ',');
        em_str_reset(&s);
        tu_scalar_text(ps, &s);
        iv.microseconds = strtoll(s.data, NULL, 10);
        tu_expect(ps, ']');
        tu_append_fixed(v, &iv);
        break;
    }
    case TY_ARRAY:
        tu_expect(ps, '[');
        if (!tu_accept(ps, ']')) {
            do
                tu_value(ps, v->children[0]);
            while (tu_accept(ps, ','));
            tu_expect(ps, ']');
        }
        tu_append_nested(v);
        break;
    case TY_MAP:
        tu_expect(ps, '[');
        if (!tu_accept(ps, ']')) {
            do {
                tu_expect(ps, '[');
                tu_value(ps, v->children[0]);
                tu_expect(ps, ',');
                tu_value(ps, v->children[1]);
                tu_expect(ps, ']');
            } while (tu_accept(ps, ','));
            tu_expect(ps, ']');
        }
        tu_append_nested(v);
        break;
    case TY_STRUCT:
        tu_expect(ps, '[');
        for (int idx = 0; idx < t->n_fields; idx++) {
            if (idx)
                tu_expect(ps, ',');
            tu_value(ps, v->children[idx]);
        }
        tu_expect(ps, ']');
        tu_append_nested(v);
        break;
    default:
        tu_die(ps, "type without a JSON form");
    }
    em_str_release(&s);
}

vec *tu_vec_json(const ty *t, const char *json)
{
    tu_parser ps = {json, json};
    vec *v = vec_new(t, 0);
    tu_expect(&ps, '[');
    if (!tu_accept(&ps, ']')) {
        do
            tu_value(&ps, v);
        while (tu_accept(&ps, ','));
        tu_expect(&ps, ']');
    }
    return v;
}

static bool tu_row_equal(const vec *a, int64_t ra, const vec *b, int64_t rb, em_str *why,
                         const char *path)
{
    bool na = a->type->kind == TY_NULL || vec_is_null(a, ra);
    bool nb = b->type->kind == TY_NULL || vec_is_null(b, rb);
    if (na || nb) {
        if (na != nb)
            em_str_printf(why, "%s: null vs non-null at rows %lld/%lld", path, (long long)ra,
                          (long long)rb);
        return na == nb;
    }
    int w = ty_fixed_width(a->type);
    if (a->type->kind == TY_BOOLEAN) {
        bool ba = ((const uint8_t *)a->values)[ra] != 0, bb = ((const uint8_t *)b->values)[rb] != 0;
        if (ba != bb)
            em_str_printf(why, "%s: boolean differs at row %lld", path, (long long)ra);
        return ba == bb;
    }
    if (a->type->kind == TY_CALENDAR_INTERVAL) {
        const ty_calendar_interval *x = (const ty_calendar_interval *)a->values + ra;
        const ty_calendar_interval *y = (const ty_calendar_interval *)b->values + rb;
        bool eq =
            x->months == y->months && x->days == y->days && x->microseconds == y->microseconds;
        if (!eq)
            em_str_printf(why, "%s: interval differs at row %lld", path, (long long)ra);
        return eq;
    }
    if (w) {
        if (memcmp((const char *)a->values + ra * w, (const char *)b->values + rb * w, (size_t)w) !=
            0) {
            em_str_printf(why, "%s: value differs at row %lld", path, (long long)ra);
            return false;
        }
        return true;
    }
    switch (a->type->kind) {
    case TY_STRING:
    case TY_CHAR:
    case TY_VARCHAR:
    case TY_BINARY: {
        int32_t la, lb;
        const char *sa = vec_str(a, ra, &la), *sb = vec_str(b, rb, &lb);
        if (la != lb || (la && memcmp(sa, sb, (size_t)la) != 0)) {
            em_str_printf(why, "%s: bytes differ at row %lld", path, (long long)ra);
            return false;
        }
        return true;
    }
    case TY_ARRAY:
    case TY_MAP: {
        int32_t sa = a->offsets[ra], ea = a->offsets[ra + 1];
        int32_t sb = b->offsets[rb], eb = b->offsets[rb + 1];
        if (ea - sa != eb - sb) {
            em_str_printf(why, "%s: lengths differ at row %lld", path, (long long)ra);
            return false;
        }
        for (int c = 0; c < a->n_children; c++)
            for (int32_t k = 0; k < ea - sa; k++)
                if (!tu_row_equal(a->children[c], sa + k, b->children[c], sb + k, why, path))
                    return false;
        return true;
    }
    case TY_STRUCT:
        for (int c = 0; c < a->n_children; c++)
            if (!tu_row_equal(a->children[c], ra, b->children[c], rb, why, path))
                return false;
        return true;
    default:
        em_str_printf(why, "%s: cannot compare kind %d", path, (int)a->type->kind);
        return false;
    }
}

bool tu_vec_equal(const vec *a, const vec *b, em_str *why)
{
    if (!a || !b) {
        em_str_puts(why, "missing vector");
        return false;
    }
    if (!ty_equals(a->type, b->type)) {
        em_str a_s, b_s;
        em_str_init(&a_s, 0);
        em_str_init(&b_s, 0);
        ty_simple_string(a->type, &a_s);
        ty_simple_string(b->type, &b_s);
        em_str_printf(why, "types differ: %s vs %s", a_s.data, b_s.data);
        em_str_release(&a_s);
        em_str_release(&b_s);
        return false;
    }
    if (a->len != b->len) {
        em_str_printf(why, "lengths differ: %lld vs %lld", (long long)a->len, (long long)b->len);
        return false;
    }
    for (int64_t row = 0; row < a->len; row++)
        if (!tu_row_equal(a, row, b, row, why, "column"))
            return false;
    return true;
}

vec_batch *tu_batch(int n_cols, int64_t n_rows, vec **cols)
{
    vec_batch *b = vec_batch_new(n_cols, n_rows);
    for (int idx = 0; idx < n_cols; idx++)
        b->cols[idx] = cols[idx];
    return b;
}

bool tu_write_file(const char *path, const void *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return false;
    bool ok = fwrite(data, 1, len, f) == len;
    return fclose(f) == 0 && ok;
}

bool tu_read_file(const char *path, uint8_t **data, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return false;
    em_str s;
    em_str_init(&s, 0);
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        em_str_append(&s, buf, n);
    fclose(f);
    *len = s.len;
    *data = (uint8_t *)em_str_move(&s);
    if (!*data)
        *data = em_malloc(1);
    return true;
}

const char *tu_tmpdir(void)
{
    static char dir[256];
    if (!dir[0]) {
        const char *base = getenv("TMPDIR");
        snprintf(dir, sizeof dir, "%s/ember-arrow-XXXXXX", base && *base ? base : "/tmp");
        if (!mkdtemp(dir)) {
            fprintf(stderr, "mkdtemp: %s\n", strerror(errno));
            abort();
        }
    }
    return dir;
}
