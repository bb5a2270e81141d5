/*
 * cl_test_data.c: the Python-literal table builder of libember's tests (see cl_test_data.h).
 * Values are appended to Ember vectors, then exported through the Arrow C data interface.
 */
#include "cl_test_data.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arrow/cdata.h"
#include "common/em_arena.h"
#include "common/em_mem.h"
#include "types/ty.h"
#include "vector/vec.h"

typedef struct cl_dp {
    const char *p;
    const char *start;
} cl_dp;

static void cl_data_die(const cl_dp *d, const char *what)
{
    fprintf(stderr, "cl_test_data: %s at offset %ld: '%.40s'\n", what, (long)(d->p - d->start),
            d->p);
    abort();
}

static void cl_ws(cl_dp *d)
{
    while (*d->p && isspace((unsigned char)*d->p))
        d->p++;
}

static bool cl_eat(cl_dp *d, const char *tok)
{
    cl_ws(d);
    size_t n = strlen(tok);
    if (strncmp(d->p, tok, n) == 0) {
        d->p += n;
        return true;
    }
    return false;
}

static void cl_expect(cl_dp *d, const char *tok)
{
    if (!cl_eat(d, tok))
        cl_data_die(d, tok);
}

/* ----------------------------------------------------------------------------- types ---- */

static void cl_ident(cl_dp *d, char *out, size_t size)
{
    cl_ws(d);
    size_t n = 0;
    while (*d->p && (isalnum((unsigned char)*d->p) || *d->p == '_' || *d->p == '.' ||
                     *d->p == '?' || *d->p == '`')) {
        if (n + 1 < size)
            out[n++] = *d->p;
        d->p++;
    }
    out[n] = '\0';
    if (!n)
        cl_data_die(d, "identifier");
}

static const ty *cl_type(cl_dp *d, em_arena *a)
{
    char name[64];
    cl_ident(d, name, sizeof name);
    if (strcmp(name, "long") == 0 || strcmp(name, "bigint") == 0)
        return ty_long();
    if (strcmp(name, "int") == 0 || strcmp(name, "integer") == 0)
        return ty_int();
    if (strcmp(name, "short") == 0)
        return ty_short();
    if (strcmp(name, "byte") == 0)
        return ty_byte();
    if (strcmp(name, "double") == 0)
        return ty_double();
    if (strcmp(name, "float") == 0)
        return ty_float();
    if (strcmp(name, "string") == 0)
        return ty_string();
    if (strcmp(name, "boolean") == 0)
        return ty_boolean();
    if (strcmp(name, "binary") == 0)
        return ty_binary();
    if (strcmp(name, "date") == 0)
        return ty_date();
    if (strcmp(name, "timestamp") == 0)
        return ty_timestamp();
    if (strcmp(name, "timestamp_ntz") == 0)
        return ty_timestamp_ntz();
    if (strcmp(name, "void") == 0)
        return ty_null();
    if (strcmp(name, "decimal") == 0) {
        cl_expect(d, "(");
        int p = (int)strtol(d->p, (char **)&d->p, 10);
        cl_expect(d, ",");
        cl_ws(d);
        int s = (int)strtol(d->p, (char **)&d->p, 10);
        cl_expect(d, ")");
        return ty_decimal(a, p, s);
    }
    if (strcmp(name, "array") == 0) {
        cl_expect(d, "<");
        const ty *e = cl_type(d, a);
        cl_expect(d, ">");
        return ty_array(a, e, true);
    }
    if (strcmp(name, "map") == 0) {
        cl_expect(d, "<");
        const ty *k = cl_type(d, a);
        cl_expect(d, ",");
        const ty *v = cl_type(d, a);
        cl_expect(d, ">");
        return ty_map(a, k, v, true);
    }
    if (strcmp(name, "struct") == 0) {
        cl_expect(d, "<");
        ty_field fields[32];
        int n = 0;
        do {
            char fname[64];
            cl_ident(d, fname, sizeof fname);
            cl_expect(d, ":");
            fields[n].name = em_arena_strdup(a, fname);
            fields[n].type = cl_type(d, a);
            fields[n].nullable = true;
            fields[n].metadata = NULL;
            n++;
        } while (cl_eat(d, ",") && n < 32);
        cl_expect(d, ">");
        return ty_struct(a, n, fields);
    }
    cl_data_die(d, "unknown type");
    return NULL;
}

/* ---------------------------------------------------------------------------- values ---- */

static int64_t cl_days_from_civil(int64_t y, int64_t m, int64_t day)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static int64_t cl_int(cl_dp *d)
{
    cl_ws(d);
    char *end;
    long long v = strtoll(d->p, &end, 10);
    if (end == d->p)
        cl_data_die(d, "integer");
    d->p = end;
    return v;
}

/* A quoted string (single or double quotes) into a new buffer; *len set. */
static char *cl_quoted(cl_dp *d, size_t *len)
{
    cl_ws(d);
    char q = *d->p;
    if (q != '\'' && q != '"')
        cl_data_die(d, "string");
    d->p++;
    char *out = em_malloc(strlen(d->p) + 1);
    size_t n = 0;
    while (*d->p && *d->p != q) {
        char c = *d->p++;
        if (c == '\\' && *d->p) {
            char e = *d->p++;
            c = e == 'n' ? '\n' : e == 't' ? '\t' : e;
        }
        out[n++] = c;
    }
    if (*d->p != q)
        cl_data_die(d, "unterminated string");
    d->p++;
    out[n] = '\0';
    *len = n;
    return out;
}

static void cl_set_fixed(vec *v, const void *val, int w)
{
    vec_reserve(v, v->len + 1);
    memcpy((char *)v->values + v->len * w, val, (size_t)w);
    vec_set_valid(v, v->len);
    v->len++;
}

static void cl_value(cl_dp *d, vec *v, em_arena *a);

/* Date / datetime constructors: date(Y, M, D), datetime(Y, M, D[, h, m, s[, us]]). */
static bool cl_datetime(cl_dp *d, int64_t *days, int64_t *micros)
{
    cl_ws(d);
    if (strncmp(d->p, "datetime.", 9) == 0)
        d->p += 9;
    bool is_dt = cl_eat(d, "datetime(");
    if (!is_dt && !cl_eat(d, "date("))
        return false;
    int64_t parts[7] = {0, 1, 1, 0, 0, 0, 0};
    int n = 0;
    do {
        parts[n++] = cl_int(d);
    } while (n < 7 && cl_eat(d, ","));
    cl_expect(d, ")");
    *days = cl_days_from_civil(parts[0], parts[1], parts[2]);
    *micros = *days * 86400000000LL + parts[3] * 3600000000LL + parts[4] * 60000000LL +
              parts[5] * 1000000LL + parts[6];
    return true;
}

/* 'YYYY-MM-DD[ HH:MM:SS[.ffffff]]' */
static void cl_parse_dt_text(const char *s, int64_t *days, int64_t *micros)
{
    int y = 0, mo = 1, dd = 1, h = 0, mi = 0, se = 0;
    long us = 0;
    char frac[8] = "";
    sscanf(s, "%d-%d-%d %d:%d:%d.%6s", &y, &mo, &dd, &h, &mi, &se, frac);
    if (frac[0]) {
        char buf[7] = "000000";
        memcpy(buf, frac, strlen(frac) > 6 ? 6 : strlen(frac));
        us = strtol(buf, NULL, 10);
    }
    *days = cl_days_from_civil(y, mo, dd);
    *micros = *days * 86400000000LL + h * 3600000000LL + mi * 60000000LL + se * 1000000LL + us;
}

static __int128 cl_decimal_text(const char *s, int scale)
{
    __int128 v = 0;
    bool neg = *s == '-';
    if (*s == '-' || *s == '+')
        s++;
    int frac_digits = -1;
    for (; *s; s++) {
        if (*s == '.') {
            frac_digits = 0;
            continue;
        }
        if (!isdigit((unsigned char)*s))
            break;
        if (frac_digits >= 0) {
            if (frac_digits >= scale)
                continue;
            frac_digits++;
        }
        v = v * 10 + (*s - '0');
    }
    if (frac_digits < 0)
        frac_digits = 0;
    for (; frac_digits < scale; frac_digits++)
        v *= 10;
    return neg ? -v : v;
}

/* Number text (for floats / decimals) at d->p. */
static void cl_number_text(cl_dp *d, char *buf, size_t size)
{
    cl_ws(d);
    size_t n = 0;
    while (*d->p && (isdigit((unsigned char)*d->p) || strchr("+-.eE", *d->p))) {
        if (n + 1 < size)
            buf[n++] = *d->p;
        d->p++;
    }
    buf[n] = '\0';
    if (!n)
        cl_data_die(d, "number");
}

/* A struct value: (v, ...), Row(k=v, ...), or {"k": v} dict. */
static void cl_struct_value(cl_dp *d, vec *v, em_arena *a)
{
    const ty *t = v->type;
    cl_ws(d);
    if (cl_eat(d, "{")) {
        bool seen[64] = {false};
        if (!cl_eat(d, "}")) {
            do {
                size_t kl;
                char *key = cl_quoted(d, &kl);
                cl_expect(d, ":");
                int idx = 0;
                while (idx < t->n_fields && strcmp(t->fields[idx].name, key) != 0)
                    idx++;
                if (idx == t->n_fields)
                    cl_data_die(d, "dict key not in schema");
                em_free(key);
                /* Values must be appended in field order: use a temporary child vector. */
                vec *tmp = vec_new(t->fields[idx].type, 1);
                cl_value(d, tmp, a);
                vec_append_from(v->children[idx], tmp, 0, NULL);
                vec_release(tmp);
                seen[idx] = true;
            } while (cl_eat(d, ","));
            cl_expect(d, "}");
        }
        for (int idx = 0; idx < t->n_fields; idx++)
            if (!seen[idx])
                vec_append_null(v->children[idx]);
    } else {
        bool row = cl_eat(d, "Row(");
        bool list = !row && cl_eat(d, "[");
        if (!row && !list)
            cl_expect(d, "(");
        for (int idx = 0; idx < t->n_fields; idx++) {
            if (idx)
                cl_expect(d, ",");
            if (row) {
                char name[64];
                cl_ident(d, name, sizeof name);
                cl_expect(d, "=");
            }
            cl_value(d, v->children[idx], a);
        }
        cl_eat(d, ","); /* (1,) */
        cl_expect(d, list ? "]" : ")");
    }
    vec_reserve(v, v->len + 1);
    vec_set_valid(v, v->len);
    v->len++;
}

static void cl_value(cl_dp *d, vec *v, em_arena *a)
{
    const ty *t = v->type;
    if (cl_eat(d, "None")) {
        vec_append_null(v);
        return;
    }
    switch (t->kind) {
    case TY_BOOLEAN: {
        uint8_t b;
        if (cl_eat(d, "True"))
            b = 1;
        else if (cl_eat(d, "False"))
            b = 0;
        else {
            cl_data_die(d, "boolean");
            return;
        }
        cl_set_fixed(v, &b, 1);
        return;
    }
    case TY_BYTE: {
        int8_t x = (int8_t)cl_int(d);
        cl_set_fixed(v, &x, 1);
        return;
    }
    case TY_SHORT: {
        int16_t x = (int16_t)cl_int(d);
        cl_set_fixed(v, &x, 2);
        return;
    }
    case TY_INT:
    case TY_DATE: {
        int64_t days, micros;
        int32_t x;
        if (t->kind == TY_DATE && cl_datetime(d, &days, &micros)) {
            x = (int32_t)days;
        } else if (t->kind == TY_DATE) {
            size_t n;
            char *s = cl_quoted(d, &n);
            cl_parse_dt_text(s, &days, &micros);
            em_free(s);
            x = (int32_t)days;
        } else {
            x = (int32_t)cl_int(d);
        }
        cl_set_fixed(v, &x, 4);
        return;
    }
    case TY_LONG: {
        int64_t x = cl_int(d);
        cl_set_fixed(v, &x, 8);
        return;
    }
    case TY_TIMESTAMP:
    case TY_TIMESTAMP_NTZ: {
        int64_t days, micros;
        if (!cl_datetime(d, &days, &micros)) {
            size_t n;
            char *s = cl_quoted(d, &n);
            cl_parse_dt_text(s, &days, &micros);
            em_free(s);
        }
        cl_set_fixed(v, &micros, 8);
        return;
    }
    case TY_FLOAT:
    case TY_DOUBLE: {
        char buf[64];
        double x;
        if (cl_eat(d, "float('nan')"))
            x = __builtin_nan("");
        else {
            cl_number_text(d, buf, sizeof buf);
            x = strtod(buf, NULL);
        }
        if (t->kind == TY_FLOAT) {
            float f = (float)x;
            cl_set_fixed(v, &f, 4);
        } else {
            cl_set_fixed(v, &x, 8);
        }
        return;
    }
    case TY_DECIMAL: {
        char buf[64];
        __int128 x;
        if (cl_eat(d, "Decimal(")) {
            size_t n;
            char *s = cl_quoted(d, &n);
            x = cl_decimal_text(s, t->scale);
            em_free(s);
            cl_expect(d, ")");
        } else {
            cl_number_text(d, buf, sizeof buf);
            x = cl_decimal_text(buf, t->scale);
        }
        cl_set_fixed(v, &x, 16);
        return;
    }
    case TY_STRING:
    case TY_BINARY: {
        bool wrapped = cl_eat(d, "bytearray(");
        cl_ws(d);
        if (*d->p == 'b')
            d->p++;
        size_t n;
        char *s = cl_quoted(d, &n);
        if (wrapped)
            cl_expect(d, ")");
        vec_append_str(v, s, (int64_t)n, NULL);
        em_free(s);
        return;
    }
    case TY_ARRAY: {
        cl_expect(d, "[");
        vec *child = v->children[0];
        if (!cl_eat(d, "]")) {
            do {
                cl_value(d, child, a);
            } while (cl_eat(d, ","));
            cl_expect(d, "]");
        }
        vec_reserve(v, v->len + 1);
        v->offsets[v->len + 1] = (int32_t)child->len;
        vec_set_valid(v, v->len);
        v->len++;
        return;
    }
    case TY_MAP: {
        cl_expect(d, "{");
        if (!cl_eat(d, "}")) {
            do {
                cl_value(d, v->children[0], a);
                cl_expect(d, ":");
                cl_value(d, v->children[1], a);
            } while (cl_eat(d, ","));
            cl_expect(d, "}");
        }
        vec_reserve(v, v->len + 1);
        v->offsets[v->len + 1] = (int32_t)v->children[0]->len;
        vec_set_valid(v, v->len);
        v->len++;
        return;
    }
    case TY_STRUCT:
        cl_struct_value(d, v, a);
        return;
    default:
        cl_data_die(d, "unsupported type");
    }
}

/* ---------------------------------------------------------------------------- stream ---- */

typedef struct cl_data_priv {
    em_arena arena;
    const ty *schema;
    vec_batch *batch;
    bool given;
} cl_data_priv;

static int cl_data_get_schema(struct ArrowArrayStream *s, struct ArrowSchema *out)
{
    cl_data_priv *p = s->private_data;
    return ipc_export_batch(p->schema, p->batch, NULL, out, NULL) == 0 ? 0 : 22;
}

static int cl_data_get_next(struct ArrowArrayStream *s, struct ArrowArray *out)
{
    cl_data_priv *p = s->private_data;
    if (p->given) {
        memset(out, 0, sizeof *out);
        return 0;
    }
    p->given = true;
    return ipc_export_batch(p->schema, p->batch, out, NULL, NULL) == 0 ? 0 : 22;
}

static const char *cl_data_last_error(struct ArrowArrayStream *s)
{
    (void)s;
    return "cl_test_data export failed";
}

static void cl_data_release(struct ArrowArrayStream *s)
{
    cl_data_priv *p = s->private_data;
    vec_batch_free(p->batch);
    em_arena_release(&p->arena);
    em_free(p);
    s->release = NULL;
}

void cl_data_stream(const char *schema, const char *rows, struct ArrowArrayStream *out)
{
    cl_data_priv *p = em_calloc(1, sizeof *p);
    em_arena_init(&p->arena, 4096);
    cl_dp d = {schema, schema};
    ty_field fields[64];
    int n = 0;
    do {
        char name[128];
        cl_ident(&d, name, sizeof name);
        fields[n].name = em_arena_strdup(&p->arena, name);
        fields[n].type = cl_type(&d, &p->arena);
        fields[n].nullable = true;
        fields[n].metadata = NULL;
        n++;
    } while (cl_eat(&d, ",") && n < 64);
    cl_ws(&d);
    if (*d.p)
        cl_data_die(&d, "end of schema");
    p->schema = ty_struct(&p->arena, n, fields);
    vec *row_vec = vec_new(p->schema, 16);
    cl_dp r = {rows, rows};
    cl_ws(&r);
    while (*r.p) {
        cl_ws(&r);
        bool composite =
            *r.p == '(' || *r.p == '{' || strncmp(r.p, "Row(", 4) == 0 || (n > 1 && *r.p == '[');
        if (n == 1 && !composite) {
            cl_value(&r, row_vec->children[0], &p->arena);
            vec_reserve(row_vec, row_vec->len + 1);
            vec_set_valid(row_vec, row_vec->len);
            row_vec->len++;
        } else {
            cl_struct_value(&r, row_vec, &p->arena);
        }
        if (!cl_eat(&r, ","))
            break;
        cl_ws(&r);
    }
    cl_ws(&r);
    if (*r.p)
        cl_data_die(&r, "end of rows");
    p->given = rows[0] == '\0'; /* no rows: a stream without batches */
    p->batch = vec_batch_new(n, row_vec->len);
    for (int col = 0; col < n; col++)
        p->batch->cols[col] = vec_retain(row_vec->children[col]);
    vec_release(row_vec);
    out->get_schema = cl_data_get_schema;
    out->get_next = cl_data_get_next;
    out->get_last_error = cl_data_last_error;
    out->release = cl_data_release;
    out->private_data = p;
}
