/*
 * source_conv: the small value and type rules the readers share: numbers as Java's parsers take
 * them (Spark's CSV reader and partition inference call Integer.parseInt, Long.parseLong,
 * Double.parseDouble, BigDecimal and Scala's toBoolean directly), Spark's tightest common type
 * for inferred schemas, asNullable, the quoting of error parameters, the text of a parsed row in
 * FAILFAST messages, and appenders that build vectors value by value.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "common/em_mem.h"
#include "io/source_int.h"
#include "types/ty_dec.h"
#include "types/ty_num.h"

/* ---- Java number parsing ------------------------------------------------------------------- */

static bool io_java_integral(const char *s, size_t len, int64_t lo, int64_t hi, int64_t *out)
{
    if (!len)
        return false;
    size_t i = 0;
    bool neg = false;
    if (s[0] == '+' || s[0] == '-') {
        neg = s[0] == '-';
        i = 1;
        if (len == 1)
            return false;
    }
    /* Accumulate negatively so the minimum value fits. */
    int64_t v = 0;
    for (; i < len; i++) {
        char c = s[i];
        if (c < '0' || c > '9')
            return false;
        int d = c - '0';
        if (v < (INT64_MIN + d) / 10)
            return false;
        v = v * 10 - d;
    }
    if (!neg) {
        if (v == INT64_MIN)
            return false;
        v = -v;
    }
    if (v < lo || v > hi)
        return false;
    *out = v;
    return true;
}

bool io_java_int(const char *s, size_t len, int32_t *out)
{
    int64_t v;
    if (!io_java_integral(s, len, INT32_MIN, INT32_MAX, &v))
        return false;
    *out = (int32_t)v;
    return true;
}

bool io_java_long(const char *s, size_t len, int64_t *out)
{
    return io_java_integral(s, len, INT64_MIN, INT64_MAX, out);
}

bool io_java_double(const char *s, size_t len, bool is_float, double *out)
{
    const char *p = s;
    size_t n = len;
    while (n && (unsigned char)p[0] <= ' ')
        p++, n--;
    while (n && (unsigned char)p[n - 1] <= ' ')
        n--;
    /* ty_parse_double also takes Spark's "inf" / "nan" spellings, which Java rejects: only
       [+-]NaN and [+-]Infinity are Java's. */
    size_t sign = n && (p[0] == '+' || p[0] == '-') ? 1 : 0;
    const char *body = p + sign;
    size_t bn = n - sign;
    bool alpha = bn && ((body[0] >= 'a' && body[0] <= 'z') || (body[0] >= 'A' && body[0] <= 'Z'));
    if (alpha && !((bn == 3 && memcmp(body, "NaN", 3) == 0) ||
                   (bn == 8 && memcmp(body, "Infinity", 8) == 0)))
        return false;
    return ty_parse_double(p, n, is_float, out);
}

bool io_java_bool(const char *s, size_t len, bool *out)
{
    if (len == 4 && strncasecmp(s, "true", 4) == 0) {
        *out = true;
        return true;
    }
    if (len == 5 && strncasecmp(s, "false", 5) == 0) {
        *out = false;
        return true;
    }
    return false;
}

bool io_bigdec_shape(const char *s, size_t len, int *precision, int *scale)
{
    size_t i = 0;
    if (i < len && (s[i] == '+' || s[i] == '-'))
        i++;
    int int_digits = 0, frac_digits = 0, lead_zeros = 0;
    bool nonzero = false;
    for (; i < len && s[i] >= '0' && s[i] <= '9'; i++) {
        int_digits++;
        if (!nonzero && s[i] == '0')
            lead_zeros++;
        else
            nonzero = true;
    }
    if (i < len && s[i] == '.') {
        i++;
        for (; i < len && s[i] >= '0' && s[i] <= '9'; i++) {
            frac_digits++;
            if (!nonzero && s[i] == '0')
                lead_zeros++;
            else
                nonzero = true;
        }
    }
    if (int_digits + frac_digits == 0)
        return false;
    int64_t exp = 0;
    if (i < len && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        bool neg = false;
        if (i < len && (s[i] == '+' || s[i] == '-')) {
            neg = s[i] == '-';
            i++;
        }
        if (i >= len)
            return false;
        for (; i < len && s[i] >= '0' && s[i] <= '9'; i++) {
            exp = exp * 10 + (s[i] - '0');
            if (exp > 1000000000)
                return false;
        }
        if (neg)
            exp = -exp;
    }
    if (i != len)
        return false;
    int digits = int_digits + frac_digits - lead_zeros;
    *precision = digits > 0 ? digits : 1;
    int64_t sc = (int64_t)frac_digits - exp;
    if (sc > INT32_MAX || sc < INT32_MIN)
        return false;
    *scale = (int)sc;
    return true;
}

bool io_has_non_blank(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)s[i] > ' ')
            return true;
    return false;
}

/* ---- types --------------------------------------------------------------------------------- */

const ty *io_decimal_for_integral(em_arena *a, const ty *t)
{
    switch (t->kind) {
    case TY_BYTE:
        return ty_decimal(a, 3, 0);
    case TY_SHORT:
        return ty_decimal(a, 5, 0);
    case TY_INT:
        return ty_decimal(a, 10, 0);
    case TY_LONG:
        return ty_decimal(a, 20, 0);
    default:
        return NULL;
    }
}

static int io_numeric_rank(ty_kind k)
{
    switch (k) {
    case TY_BYTE:
        return 1;
    case TY_SHORT:
        return 2;
    case TY_INT:
        return 3;
    case TY_LONG:
        return 4;
    case TY_FLOAT:
        return 5;
    case TY_DOUBLE:
        return 6;
    default:
        return 0;
    }
}

/* DecimalType.isWiderThan(integral). */
static bool io_dec_wider(const ty *d, const ty *integral, em_arena *a)
{
    const ty *f = io_decimal_for_integral(a, integral);
    return f && d->precision - d->scale >= f->precision - f->scale && d->scale >= f->scale;
}

static bool io_is_datetime(ty_kind k)
{
    return k == TY_DATE || k == TY_TIMESTAMP || k == TY_TIMESTAMP_NTZ;
}

const ty *io_tightest_common_type(em_arena *a, const ty *t1, const ty *t2, bool case_sensitive)
{
    if (ty_equals(t1, t2))
        return t1;
    if (t1->kind == TY_NULL)
        return t2;
    if (t2->kind == TY_NULL)
        return t1;
    if (ty_is_integral(t1) && t2->kind == TY_DECIMAL)
        return io_dec_wider(t2, t1, a) ? t2 : NULL;
    if (t1->kind == TY_DECIMAL && ty_is_integral(t2))
        return io_dec_wider(t1, t2, a) ? t1 : NULL;
    int r1 = io_numeric_rank(t1->kind), r2 = io_numeric_rank(t2->kind);
    if (r1 && r2)
        return r1 >= r2 ? t1 : t2;
    if (io_is_datetime(t1->kind) && io_is_datetime(t2->kind)) {
        /* findWiderDateTimeType: timestamp (LTZ) wins over NTZ, both over date. */
        if (t1->kind == TY_TIMESTAMP || t2->kind == TY_TIMESTAMP)
            return ty_timestamp();
        return ty_timestamp_ntz();
    }
    if (t1->kind == TY_ARRAY && t2->kind == TY_ARRAY) {
        const ty *e = io_tightest_common_type(a, t1->elem, t2->elem, case_sensitive);
        return e ? ty_array(a, e, t1->contains_null || t2->contains_null) : NULL;
    }
    if (t1->kind == TY_STRUCT && t2->kind == TY_STRUCT && t1->n_fields == t2->n_fields) {
        ty_field *f = em_arena_calloc(a, (size_t)t1->n_fields + 1, sizeof *f);
        for (int i = 0; i < t1->n_fields; i++) {
            const char *n1 = t1->fields[i].name, *n2 = t2->fields[i].name;
            if (case_sensitive ? strcmp(n1, n2) != 0 : strcasecmp(n1, n2) != 0)
                return NULL;
            f[i].name = n1;
            f[i].type =
                io_tightest_common_type(a, t1->fields[i].type, t2->fields[i].type, case_sensitive);
            if (!f[i].type)
                return NULL;
            f[i].nullable = t1->fields[i].nullable || t2->fields[i].nullable;
        }
        return ty_struct(a, t1->n_fields, f);
    }
    if (t1->kind == TY_MAP && t2->kind == TY_MAP) {
        const ty *k = io_tightest_common_type(a, t1->key, t2->key, case_sensitive);
        const ty *v = io_tightest_common_type(a, t1->value, t2->value, case_sensitive);
        return k && v ? ty_map(a, k, v, t1->value_contains_null || t2->value_contains_null) : NULL;
    }
    return NULL;
}

const ty *io_as_nullable(em_arena *a, const ty *t)
{
    switch (t->kind) {
    case TY_ARRAY:
        return ty_array(a, io_as_nullable(a, t->elem), true);
    case TY_MAP:
        return ty_map(a, io_as_nullable(a, t->key), io_as_nullable(a, t->value), true);
    case TY_STRUCT: {
        ty_field *f = em_arena_calloc(a, (size_t)t->n_fields + 1, sizeof *f);
        for (int i = 0; i < t->n_fields; i++) {
            f[i] = t->fields[i];
            f[i].type = io_as_nullable(a, t->fields[i].type);
            f[i].nullable = true;
        }
        return ty_struct(a, t->n_fields, f);
    }
    default:
        return t;
    }
}

void io_sql_id(const char *name, char *buf, size_t cap)
{
    em_str s;
    em_str_init(&s, cap > 1 ? cap - 1 : 1);
    em_str_putc(&s, '`');
    for (const char *p = name; *p; p++) {
        if (*p == '`')
            em_str_putc(&s, '`');
        em_str_putc(&s, *p);
    }
    em_str_putc(&s, '`');
    snprintf(buf, cap, "%s", s.data ? s.data : "``");
    em_str_release(&s);
}

void io_sql_type(const ty *t, char *buf, size_t cap)
{
    em_str s;
    em_str_init(&s, 1 << 16);
    em_str_putc(&s, '"');
    ty_sql(t, &s);
    em_str_putc(&s, '"');
    snprintf(buf, cap, "%s", s.data ? s.data : "\"\"");
    em_str_release(&s);
}

/* ---- GenericInternalRow.toString ----------------------------------------------------------- */

void io_internal_value_append(const vec *v, int64_t row, em_str *out)
{
    if (vec_is_null(v, row) || v->type->kind == TY_NULL) {
        em_str_puts(out, "null");
        return;
    }
    char buf[64];
    switch (v->type->kind) {
    case TY_BOOLEAN:
        em_str_puts(out, VEC_VALUES(v, uint8_t)[row] ? "true" : "false");
        return;
    case TY_BYTE:
        em_str_printf(out, "%d", VEC_VALUES(v, int8_t)[row]);
        return;
    case TY_SHORT:
        em_str_printf(out, "%d", VEC_VALUES(v, int16_t)[row]);
        return;
    case TY_INT:
    case TY_DATE:
    case TY_YEARMONTH_INTERVAL:
        em_str_printf(out, "%d", VEC_VALUES(v, int32_t)[row]);
        return;
    case TY_LONG:
    case TY_TIMESTAMP:
    case TY_TIMESTAMP_NTZ:
    case TY_DAYTIME_INTERVAL:
        em_str_printf(out, "%lld", (long long)VEC_VALUES(v, int64_t)[row]);
        return;
    case TY_FLOAT:
        ty_float_to_chars(VEC_VALUES(v, float)[row], buf);
        em_str_puts(out, buf);
        return;
    case TY_DOUBLE:
        ty_double_to_chars(VEC_VALUES(v, double)[row], buf);
        em_str_puts(out, buf);
        return;
    case TY_DECIMAL:
        ty_dec_append(VEC_VALUES(v, __int128)[row], v->type->scale, false, out);
        return;
    case TY_STRING:
    case TY_CHAR:
    case TY_VARCHAR: {
        int32_t n;
        const char *p = vec_str(v, row, &n);
        em_str_append(out, p, (size_t)n);
        return;
    }
    default:
        /* Binary, nested: the JVM prints an object reference; keep it recognisable. */
        em_str_puts(out, ty_is_nested(v->type) ? "[...]" : "[B@...");
        return;
    }
}

/* ---- appenders ------------------------------------------------------------------------------ */

#define IO_PUSH(v, T, x)                                                                           \
    do {                                                                                           \
        vec_reserve((v), (v)->len + 1);                                                            \
        VEC_VALUES((v), T)[(v)->len] = (x);                                                        \
        vec_set_valid((v), (v)->len);                                                              \
        (v)->len++;                                                                                \
    } while (0)

void io_push_bool(vec *v, bool x)
{
    IO_PUSH(v, uint8_t, x ? 1 : 0);
}
void io_push_i8(vec *v, int8_t x)
{
    IO_PUSH(v, int8_t, x);
}
void io_push_i16(vec *v, int16_t x)
{
    IO_PUSH(v, int16_t, x);
}
void io_push_i32(vec *v, int32_t x)
{
    IO_PUSH(v, int32_t, x);
}
void io_push_i64(vec *v, int64_t x)
{
    IO_PUSH(v, int64_t, x);
}
void io_push_f32(vec *v, float x)
{
    IO_PUSH(v, float, x);
}
void io_push_f64(vec *v, double x)
{
    IO_PUSH(v, double, x);
}
void io_push_dec(vec *v, __int128 x)
{
    IO_PUSH(v, __int128, x);
}

void io_vec_truncate(vec *v, int64_t len)
{
    if (len >= v->len)
        return;
    switch (v->type->kind) {
    case TY_STRING:
    case TY_CHAR:
    case TY_VARCHAR:
    case TY_BINARY:
        v->bytes_len = v->offsets[len];
        break;
    case TY_ARRAY:
        io_vec_truncate(v->children[0], v->offsets[len]);
        break;
    case TY_MAP:
        io_vec_truncate(v->children[0], v->offsets[len]);
        io_vec_truncate(v->children[1], v->offsets[len]);
        break;
    case TY_STRUCT:
        for (int c = 0; c < v->n_children; c++)
            io_vec_truncate(v->children[c], len);
        break;
    default:
        break;
    }
    v->len = len;
}
