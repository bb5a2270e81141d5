/*
 * ty_cast: the cast rules table (canCast / canAnsiCast / canTryCast / canUpCast /
 * forceNullable), Spark's toSQLValue rendering for error messages, and the top of the cast
 * kernel: identity, NULL input, nested types and casts to STRING. Casts into the scalar kinds
 * live in ty_cast_scalar.c.
 */
#include "types/ty_cast.h"

#include <inttypes.h>
#include <string.h>

#include "types/ty_cast_int.h"
#include "types/ty_dec.h"
#include "types/ty_format.h"
#include "types/ty_num.h"

/* ------------------------------------------------------------------------------------------ */
/* Rules                                                                                        */

static bool ty_is_ansi_interval(const ty *t)
{
    return t->kind == TY_DAYTIME_INTERVAL || t->kind == TY_YEARMONTH_INTERVAL;
}

static bool ty_cast_same(const ty *a, const ty *b)
{
    if (ty_is_string(a) && ty_is_string(b))
        return a->kind == b->kind && ty_equals(a, b);
    return ty_equals(a, b);
}

bool ty_can_cast(const ty *from, const ty *to, bool ansi)
{
    ty_kind f = from->kind, t = to->kind;
    if (ty_cast_same(from, to) || f == TY_NULL)
        return true;
    if (ty_is_string(to))
        return true;
    if (ty_is_string(from)) {
        switch (t) {
        case TY_BINARY:
        case TY_BOOLEAN:
        case TY_TIMESTAMP:
        case TY_TIMESTAMP_NTZ:
        case TY_DATE:
        case TY_CALENDAR_INTERVAL:
        case TY_DAYTIME_INTERVAL:
        case TY_YEARMONTH_INTERVAL:
            return true;
        default:
            if (ty_is_numeric(to))
                return true;
            break;
        }
    }
    if (ansi) {
        if (t == TY_BOOLEAN && ty_is_numeric(from))
            return true;
        if (t == TY_TIMESTAMP && (f == TY_DATE || f == TY_TIMESTAMP_NTZ || ty_is_numeric(from)))
            return true;
        if (t == TY_TIMESTAMP_NTZ && (f == TY_DATE || f == TY_TIMESTAMP))
            return true;
        if (ty_is_ansi_interval(from) && (ty_is_integral(to) || t == TY_DECIMAL))
            return true;
        if ((ty_is_integral(from) || f == TY_DECIMAL) && ty_is_ansi_interval(to))
            return true;
        if (f == TY_DAYTIME_INTERVAL && t == TY_DAYTIME_INTERVAL)
            return true;
        if (f == TY_YEARMONTH_INTERVAL && t == TY_YEARMONTH_INTERVAL)
            return true;
        if (t == TY_DATE && (f == TY_TIMESTAMP || f == TY_TIMESTAMP_NTZ))
            return true;
        if (ty_is_numeric(to) && (ty_is_numeric(from) || f == TY_BOOLEAN || f == TY_TIMESTAMP))
            return true;
    } else {
        if (t == TY_BINARY && ty_is_integral(from))
            return true;
        if (t == TY_BOOLEAN && (f == TY_DATE || f == TY_TIMESTAMP || ty_is_numeric(from)))
            return true;
        if (t == TY_TIMESTAMP &&
            (f == TY_BOOLEAN || f == TY_DATE || ty_is_numeric(from) || f == TY_TIMESTAMP_NTZ))
            return true;
        if (t == TY_TIMESTAMP_NTZ && (f == TY_DATE || f == TY_TIMESTAMP))
            return true;
        if (t == TY_DATE && (f == TY_TIMESTAMP || f == TY_TIMESTAMP_NTZ))
            return true;
        if (ty_is_integral(from) && ty_is_ansi_interval(to) && to->start_field == to->end_field)
            return true;
        if (f == TY_DAYTIME_INTERVAL && t == TY_DAYTIME_INTERVAL)
            return true;
        if (f == TY_YEARMONTH_INTERVAL && t == TY_YEARMONTH_INTERVAL)
            return true;
        if (ty_is_ansi_interval(from) && (ty_is_integral(to) || t == TY_DECIMAL))
            return true;
        if ((ty_is_integral(from) || f == TY_DECIMAL) && ty_is_ansi_interval(to))
            return true;
        if (ty_is_numeric(to) &&
            (f == TY_BOOLEAN || f == TY_DATE || f == TY_TIMESTAMP || ty_is_numeric(from)))
            return true;
    }
    if (f == TY_ARRAY && t == TY_ARRAY)
        return ty_can_cast(from->elem, to->elem, ansi) &&
               (!(from->contains_null || (!ansi && ty_cast_force_nullable(from->elem, to->elem))) ||
                to->contains_null);
    if (f == TY_MAP && t == TY_MAP)
        return ty_can_cast(from->key, to->key, ansi) &&
               (ansi || !ty_cast_force_nullable(from->key, to->key)) &&
               ty_can_cast(from->value, to->value, ansi) &&
               (!(from->value_contains_null ||
                  (!ansi && ty_cast_force_nullable(from->value, to->value))) ||
                to->value_contains_null);
    if (f == TY_STRUCT && t == TY_STRUCT) {
        if (from->n_fields != to->n_fields)
            return false;
        for (int i = 0; i < from->n_fields; i++) {
            const ty_field *ff = &from->fields[i], *tf = &to->fields[i];
            if (!ty_can_cast(ff->type, tf->type, ansi))
                return false;
            bool fn = ff->nullable || (!ansi && ty_cast_force_nullable(ff->type, tf->type));
            if (fn && !tf->nullable)
                return false;
        }
        return true;
    }
    return false;
}

bool ty_can_try_cast(const ty *from, const ty *to)
{
    if ((from->kind == TY_ARRAY && to->kind == TY_ARRAY) ||
        (from->kind == TY_MAP && to->kind == TY_MAP) ||
        (from->kind == TY_STRUCT && to->kind == TY_STRUCT))
        return ty_can_cast(from, to, false);
    return ty_can_cast(from, to, true);
}

bool ty_can_ansi_store_assign(const ty *from, const ty *to)
{
    ty_kind f = from->kind, t = to->kind;
    if (ty_cast_same(from, to) || f == TY_NULL)
        return true;
    if (ty_is_numeric(from) && ty_is_numeric(to))
        return true;
    if (ty_is_string(to) && !ty_is_nested(from))
        return true;
    bool fdt = f == TY_DATE || f == TY_TIMESTAMP || f == TY_TIMESTAMP_NTZ;
    bool tdt = t == TY_DATE || t == TY_TIMESTAMP || t == TY_TIMESTAMP_NTZ;
    if (fdt && tdt)
        return true;
    if (f == TY_ARRAY && t == TY_ARRAY)
        return (!from->contains_null || to->contains_null) &&
               ty_can_ansi_store_assign(from->elem, to->elem);
    if (f == TY_MAP && t == TY_MAP)
        return (!from->value_contains_null || to->value_contains_null) &&
               ty_can_ansi_store_assign(from->key, to->key) &&
               ty_can_ansi_store_assign(from->value, to->value);
    if (f == TY_STRUCT && t == TY_STRUCT) {
        if (from->n_fields != to->n_fields)
            return false;
        for (int i = 0; i < from->n_fields; i++)
            if ((from->fields[i].nullable && !to->fields[i].nullable) ||
                !ty_can_ansi_store_assign(from->fields[i].type, to->fields[i].type))
                return false;
        return true;
    }
    return false;
}

/* Precision/scale a numeric type needs as a decimal (DecimalType.forType). */
static bool ty_decimal_for(const ty *t, int *p, int *s)
{
    switch (t->kind) {
    case TY_BYTE:
        *p = 3, *s = 0;
        return true;
    case TY_SHORT:
        *p = 5, *s = 0;
        return true;
    case TY_INT:
        *p = 10, *s = 0;
        return true;
    case TY_LONG:
        *p = 20, *s = 0;
        return true;
    case TY_FLOAT:
        *p = 14, *s = 7;
        return true;
    case TY_DOUBLE:
        *p = 30, *s = 15;
        return true;
    case TY_DECIMAL:
        *p = t->precision, *s = t->scale;
        return true;
    default:
        return false;
    }
}

/* DecimalType.isWiderThan */
static bool ty_dec_wider_than(const ty *d, const ty *other)
{
    int p = 0, s = 0;
    if (other->kind == TY_DECIMAL) {
        p = other->precision, s = other->scale;
    } else if (ty_is_integral(other)) {
        ty_decimal_for(other, &p, &s);
    } else {
        return false;
    }
    return (d->precision - d->scale) >= (p - s) && d->scale >= s;
}

bool ty_can_up_cast(const ty *from, const ty *to)
{
    ty_kind f = from->kind, t = to->kind;
    if (ty_cast_same(from, to) || f == TY_NULL)
        return true;
    if (t == TY_DECIMAL && (f == TY_DECIMAL || ty_is_integral(from)))
        return ty_dec_wider_than(to, from);
    if (f == TY_DECIMAL && (t == TY_FLOAT || t == TY_DOUBLE))
        return true; /* legacy behaviour kept by Spark's UpCastRule */
    static const ty_kind order[] = {TY_BYTE, TY_SHORT, TY_INT, TY_LONG, TY_FLOAT, TY_DOUBLE};
    int fi = -1, ti = -1;
    for (int i = 0; i < 6; i++) {
        if (order[i] == f)
            fi = i;
        if (order[i] == t)
            ti = i;
    }
    if (fi >= 0 && ti >= 0)
        return fi <= ti;
    if (t == TY_DECIMAL && ty_is_integral(from))
        return ty_dec_wider_than(to, from);
    if (f == TY_DATE && (t == TY_TIMESTAMP || t == TY_TIMESTAMP_NTZ))
        return true;
    if (f == TY_TIMESTAMP_NTZ && t == TY_TIMESTAMP)
        return true;
    if (ty_is_string(to) && !ty_is_nested(from) && f != TY_BINARY)
        return true;
    if (f == TY_ARRAY && t == TY_ARRAY)
        return (!from->contains_null || to->contains_null) && ty_can_up_cast(from->elem, to->elem);
    if (f == TY_MAP && t == TY_MAP)
        return (!from->value_contains_null || to->value_contains_null) &&
               ty_can_up_cast(from->key, to->key) && ty_can_up_cast(from->value, to->value);
    if (f == TY_STRUCT && t == TY_STRUCT) {
        if (from->n_fields != to->n_fields)
            return false;
        for (int i = 0; i < from->n_fields; i++)
            if ((from->fields[i].nullable && !to->fields[i].nullable) ||
                !ty_can_up_cast(from->fields[i].type, to->fields[i].type))
                return false;
        return true;
    }
    return false;
}

static bool ty_can_null_safe_cast_to_decimal(const ty *from, const ty *to)
{
    if (from->kind == TY_BOOLEAN)
        return to->precision - to->scale >= 1 && to->scale >= 0;
    if (from->kind == TY_DECIMAL)
        return (to->precision - to->scale) > (from->precision - from->scale);
    if (ty_is_integral(from))
        return ty_dec_wider_than(to, from);
    return false;
}

bool ty_cast_force_nullable(const ty *from, const ty *to)
{
    ty_kind f = from->kind, t = to->kind;
    if (f == TY_NULL)
        return false;
    if (ty_cast_same(from, to))
        return false;
    if (ty_is_string(from))
        return !(t == TY_BINARY || ty_is_string(to));
    if (ty_is_string(to))
        return false;
    if (f == TY_TIMESTAMP && (t == TY_BYTE || t == TY_SHORT || t == TY_INT))
        return true;
    if ((f == TY_FLOAT || f == TY_DOUBLE) && t == TY_TIMESTAMP)
        return true;
    if (f == TY_TIMESTAMP && t == TY_DATE)
        return false;
    if (t == TY_DATE)
        return true;
    if (f == TY_DATE && t == TY_TIMESTAMP)
        return false;
    if (f == TY_DATE)
        return true;
    if (t == TY_CALENDAR_INTERVAL)
        return true;
    if (t == TY_DECIMAL && !ty_can_null_safe_cast_to_decimal(from, to))
        return true;
    if ((f == TY_FLOAT || f == TY_DOUBLE || f == TY_DECIMAL) && ty_is_integral(to))
        return true;
    return false;
}

/* ------------------------------------------------------------------------------------------ */
/* toSQLValue / toSQLType                                                                        */

void ty_sql_type_quoted(const ty *t, em_str *out)
{
    em_str_putc(out, '"');
    ty_sql(t, out);
    em_str_putc(out, '"');
}

void ty_sql_quote_string(const char *s, size_t len, em_str *out)
{
    em_str_putc(out, '\'');
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '\\' || s[i] == '\'')
            em_str_putc(out, '\\');
        em_str_putc(out, s[i]);
    }
    em_str_putc(out, '\'');
}

void ty_sql_value_append(const vec *v, int64_t row, const pl_session_opts *opts, em_str *out)
{
    const ty *t = v->type;
    if (t->kind == TY_NULL || vec_is_null(v, row)) {
        if (t->kind == TY_NULL || ty_is_nested(t)) {
            em_str_puts(out, "NULL");
        } else {
            em_str_puts(out, "CAST(NULL AS ");
            ty_sql(t, out);
            em_str_putc(out, ')');
        }
        return;
    }
    ty_format_opts fo = {.pretty = false, .decimal_plain = false, .tz = ty_session_tz(opts)};
    switch (t->kind) {
    case TY_STRING:
    case TY_CHAR:
    case TY_VARCHAR: {
        int32_t len;
        const char *s = vec_str(v, row, &len);
        ty_sql_quote_string(s, (size_t)len, out);
        return;
    }
    case TY_BYTE:
        em_str_printf(out, "%dY", VEC_VALUES(v, int8_t)[row]);
        return;
    case TY_SHORT:
        em_str_printf(out, "%dS", VEC_VALUES(v, int16_t)[row]);
        return;
    case TY_LONG:
        em_str_printf(out, "%" PRId64 "L", VEC_VALUES(v, int64_t)[row]);
        return;
    case TY_FLOAT: {
        float f = VEC_VALUES(v, float)[row];
        em_str_puts(out, "CAST('");
        ty_float_append(f, out);
        em_str_puts(out, "' AS FLOAT)");
        return;
    }
    case TY_DOUBLE: {
        double d = VEC_VALUES(v, double)[row];
        if (d != d || d == 1.0 / 0.0 || d == -1.0 / 0.0) {
            em_str_puts(out, "CAST('");
            ty_double_append(d, out);
            em_str_puts(out, "' AS DOUBLE)");
        } else {
            ty_double_append(d, out);
            em_str_putc(out, 'D');
        }
        return;
    }
    case TY_DECIMAL:
        ty_dec_append(VEC_VALUES(v, ty_i128)[row], t->scale, false, out);
        em_str_puts(out, "BD");
        return;
    case TY_DATE:
        em_str_puts(out, "DATE '");
        ty_format_cell(v, row, &fo, out);
        em_str_putc(out, '\'');
        return;
    case TY_TIMESTAMP:
        em_str_puts(out, "TIMESTAMP '");
        ty_format_cell(v, row, &fo, out);
        em_str_putc(out, '\'');
        return;
    case TY_TIMESTAMP_NTZ:
        em_str_puts(out, "TIMESTAMP_NTZ '");
        ty_format_cell(v, row, &fo, out);
        em_str_putc(out, '\'');
        return;
    case TY_CALENDAR_INTERVAL:
        em_str_puts(out, "INTERVAL '");
        ty_format_cell(v, row, &fo, out);
        em_str_putc(out, '\'');
        return;
    case TY_BINARY: {
        static const char hex[] = "0123456789ABCDEF";
        int32_t len;
        const char *s = vec_str(v, row, &len);
        em_str_puts(out, "X'");
        for (int32_t i = 0; i < len; i++) {
            em_str_putc(out, hex[(unsigned char)s[i] >> 4]);
            em_str_putc(out, hex[(unsigned char)s[i] & 15]);
        }
        em_str_putc(out, '\'');
        return;
    }
    default:
        ty_format_cell(v, row, &fo, out);
        return;
    }
}

/* ------------------------------------------------------------------------------------------ */
/* Kernel                                                                                       */

int ty_cast_raise_value(ty_cast_ctx *c, const char *error_class, const vec *in, int64_t row,
                        const char *value_param)
{
    em_str val, st, tt;
    em_str_init(&val, 4096);
    em_str_init(&st, 512);
    em_str_init(&tt, 512);
    ty_sql_value_append(in, row, c->opts, &val);
    ty_sql_type_quoted(in->type, &st);
    ty_sql_type_quoted(c->to, &tt);
    int rc = em_error_set(c->err, error_class, value_param, val.data ? val.data : "", "sourceType",
                          st.data ? st.data : "", "targetType", tt.data ? tt.data : "",
                          "ansiConfig", "\"spark.sql.ansi.enabled\"", NULL);
    em_str_release(&val);
    em_str_release(&st);
    em_str_release(&tt);
    return rc;
}

int ty_cast_fail(ty_cast_ctx *c, vec *out, int64_t row, const char *error_class, const vec *in,
                 int64_t in_row)
{
    if (c->mode == PX_EVAL_ANSI) {
        const char *param = strcmp(error_class, "CAST_INVALID_INPUT") == 0 ? "expression" : "value";
        return ty_cast_raise_value(c, error_class, in, in_row, param);
    }
    vec_set_null(out, row);
    return EM_OK;
}

static int ty_cast_to_string(ty_cast_ctx *c, const vec *in, vec *out)
{
    ty_format_opts fo = {.pretty = false,
                         .decimal_plain = c->mode == PX_EVAL_ANSI || c->mode == PX_EVAL_TRY,
                         .tz = c->tz};
    em_str s;
    em_str_init(&s, (size_t)VEC_MAX_BYTES);
    for (int64_t r = 0; r < in->len; r++) {
        if (in->type->kind == TY_NULL || vec_is_null(in, r)) {
            vec_append_null(out);
            continue;
        }
        em_str_reset(&s);
        ty_format_cell(in, r, &fo, &s);
        if (vec_append_str(out, s.data ? s.data : "", (int64_t)s.len, c->err)) {
            em_str_release(&s);
            return c->err ? c->err->code : EM_EINTERNAL;
        }
    }
    em_str_release(&s);
    return EM_OK;
}

/* Copies the validity of in (rows) onto out, for nested casts. */
static void ty_cast_copy_validity(const vec *in, vec *out)
{
    for (int64_t r = 0; r < in->len; r++)
        if (vec_is_null(in, r))
            vec_set_null(out, r);
}

static int ty_cast_nested(ty_cast_ctx *c, const vec *in, const ty *to, vec **out)
{
    vec *o = vec_new(to, in->len);
    int rc = EM_OK;
    if (to->kind == TY_ARRAY || to->kind == TY_MAP) {
        for (int ch = 0; ch < in->n_children && rc == EM_OK; ch++) {
            const ty *cto = to->kind == TY_ARRAY ? to->elem : (ch == 0 ? to->key : to->value);
            vec *cv = NULL;
            rc = ty_cast_vec(in->children[ch], cto, c->mode, c->opts, &cv, c->err);
            if (rc == EM_OK) {
                vec_release(o->children[ch]);
                o->children[ch] = cv;
            }
        }
        if (rc == EM_OK) {
            memcpy(o->offsets, in->offsets, (size_t)(in->len + 1) * sizeof(int32_t));
            o->len = in->len;
            ty_cast_copy_validity(in, o);
        }
    } else {
        for (int ch = 0; ch < in->n_children && rc == EM_OK; ch++) {
            vec *cv = NULL;
            rc = ty_cast_vec(in->children[ch], to->fields[ch].type, c->mode, c->opts, &cv, c->err);
            if (rc == EM_OK) {
                vec_release(o->children[ch]);
                o->children[ch] = cv;
            }
        }
        if (rc == EM_OK) {
            o->len = in->len;
            ty_cast_copy_validity(in, o);
        }
    }
    if (rc != EM_OK) {
        vec_release(o);
        return rc;
    }
    *out = o;
    return EM_OK;
}

int ty_cast_vec(const vec *in, const ty *to, pl_eval_mode mode, const pl_session_opts *opts,
                vec **out, em_error *err)
{
    *out = NULL;
    ty_cast_ctx c = {.mode = ty_cast_effective_mode(mode, opts),
                     .opts = opts,
                     .tz = ty_session_tz(opts),
                     .to = to,
                     .err = err};
    const ty *from = in->type;
    if (ty_cast_same(from, to) || (ty_is_string(from) && ty_is_string(to))) {
        if (from == to) {
            *out = vec_retain((vec *)in);
            return EM_OK;
        }
        /* same layout, different type object: copy rows */
        vec *o = vec_new(to, in->len);
        for (int64_t r = 0; r < in->len; r++)
            if (vec_append_from(o, in, r, err)) {
                vec_release(o);
                return err ? err->code : EM_EINTERNAL;
            }
        /* vec_append_from copies by the dst type's layout which matches */
        *out = o;
        return EM_OK;
    }
    if (from->kind == TY_NULL) {
        *out = vec_new_nulls(to, in->len);
        return EM_OK;
    }
    if (ty_is_string(to)) {
        vec *o = vec_new(to, in->len);
        int rc = ty_cast_to_string(&c, in, o);
        if (rc) {
            vec_release(o);
            return rc;
        }
        *out = o;
        return EM_OK;
    }
    if (ty_is_nested(to)) {
        if (from->kind != to->kind)
            return em_error_internal(err, "cannot cast nested kinds %d to %d", (int)from->kind,
                                     (int)to->kind);
        return ty_cast_nested(&c, in, to, out);
    }
    vec *o = vec_new(to, in->len);
    o->len = in->len;
    int w = ty_fixed_width(to);
    if (w)
        memset(o->values, 0, (size_t)(in->len * w));
    int rc;
    if (to->kind == TY_BINARY) {
        o->len = 0;
        rc = ty_cast_to_binary(&c, in, o);
    } else {
        rc = ty_cast_scalar(&c, in, o);
    }
    if (rc) {
        vec_release(o);
        return rc;
    }
    *out = o;
    return EM_OK;
}
