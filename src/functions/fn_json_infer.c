/*
 * fn_json_infer: schema_of_json's type inference, Spark's JsonInferSchema for one record:
 * inferField per value, compatibleType to merge array elements, canonicalizeType at the end
 * (NULL types become STRING). Struct fields are sorted by name (byte order of UTF-8, which is
 * Java's String order outside the supplementary planes).
 */
#include <stdlib.h>
#include <string.h>

#include "common/em_mem.h"
#include "functions/fn_json_opts.h"
#include "types/ty_dec.h"
#include "types/ty_num.h"

static const ty *fn_ji_decimal(em_arena *a, int p, int s)
{
    if (p > TY_DECIMAL_MAX_PRECISION)
        p = TY_DECIMAL_MAX_PRECISION;
    return ty_decimal(a, p, s);
}

/* JsonInferSchema.compatibleType (with DecimalPrecision's widerDecimalType). */
static const ty *fn_ji_compat(em_arena *a, const ty *x, const ty *y)
{
    if (ty_equals(x, y))
        return x;
    if (x->kind == TY_NULL)
        return y;
    if (y->kind == TY_NULL)
        return x;
    if ((x->kind == TY_LONG || x->kind == TY_DOUBLE) &&
        (y->kind == TY_LONG || y->kind == TY_DOUBLE))
        return ty_double();
    if (x->kind == TY_DOUBLE || y->kind == TY_DOUBLE) {
        if (x->kind == TY_DECIMAL || y->kind == TY_DECIMAL)
            return ty_double();
    }
    if ((x->kind == TY_DECIMAL || x->kind == TY_LONG) &&
        (y->kind == TY_DECIMAL || y->kind == TY_LONG)) {
        int p1 = x->kind == TY_LONG ? 20 : x->precision, s1 = x->kind == TY_LONG ? 0 : x->scale;
        int p2 = y->kind == TY_LONG ? 20 : y->precision, s2 = y->kind == TY_LONG ? 0 : y->scale;
        int s = s1 > s2 ? s1 : s2;
        int r = (p1 - s1) > (p2 - s2) ? (p1 - s1) : (p2 - s2);
        if (r + s > TY_DECIMAL_MAX_PRECISION)
            return ty_double();
        return ty_decimal(a, r + s, s);
    }
    if (x->kind == TY_ARRAY && y->kind == TY_ARRAY)
        return ty_array(a, fn_ji_compat(a, x->elem, y->elem), true);
    if (x->kind == TY_STRUCT && y->kind == TY_STRUCT) {
        ty_field *f = em_arena_calloc(a, (size_t)(x->n_fields + y->n_fields) + 1, sizeof *f);
        int n = 0, ix = 0, iy = 0;
        while (ix < x->n_fields || iy < y->n_fields) {
            int c = ix >= x->n_fields   ? 1
                    : iy >= y->n_fields ? -1
                                        : strcmp(x->fields[ix].name, y->fields[iy].name);
            if (c < 0)
                f[n++] = x->fields[ix++];
            else if (c > 0)
                f[n++] = y->fields[iy++];
            else {
                f[n] = x->fields[ix];
                f[n++].type = fn_ji_compat(a, x->fields[ix++].type, y->fields[iy++].type);
            }
        }
        return ty_struct(a, n, f);
    }
    return ty_string();
}

static int fn_ji_field_cmp(const void *l, const void *r)
{
    return strcmp(((const ty_field *)l)->name, ((const ty_field *)r)->name);
}

static const ty *fn_ji_infer(em_arena *a, const fn_jval *v, const fn_json_opts *o)
{
    switch (v->kind) {
    case FN_J_NULL:
        return ty_null();
    case FN_J_STR:
        return ty_string();
    case FN_J_TRUE:
    case FN_J_FALSE:
        return o->primitives_as_string ? ty_string() : ty_boolean();
    case FN_J_NUM: {
        if (o->primitives_as_string)
            return ty_string();
        if (v->non_numeric)
            return ty_double();
        if (!v->is_float) {
            int64_t l;
            if (ty_parse_long(v->s, (size_t)v->len, false, &l))
                return ty_long();
        } else if (!o->prefers_decimal) {
            return ty_double();
        }
        ty_i128 d;
        int p, s;
        if (ty_dec_parse_exact(v->s, (size_t)v->len, &d, &p, &s) == TY_DEC_OK) {
            int m = p > s ? p : s;
            if (m <= TY_DECIMAL_MAX_PRECISION)
                return fn_ji_decimal(a, m, s);
        }
        return ty_double();
    }
    case FN_J_ARR: {
        const ty *e = ty_null();
        for (int k = 0; k < v->n; k++)
            e = fn_ji_compat(a, e, fn_ji_infer(a, v->items[k], o));
        return ty_array(a, e, true);
    }
    case FN_J_OBJ: {
        ty_field *f = em_arena_calloc(a, (size_t)v->n + 1, sizeof *f);
        for (int k = 0; k < v->n; k++) {
            f[k].name = v->keys[k];
            f[k].type = fn_ji_infer(a, v->items[k], o);
            f[k].nullable = true;
        }
        qsort(f, (size_t)v->n, sizeof *f, fn_ji_field_cmp);
        return ty_struct(a, v->n, f);
    }
    }
    return ty_string();
}

/* canonicalizeType: NullType becomes StringType, everywhere. */
static const ty *fn_ji_canon(em_arena *a, const ty *t)
{
    if (t->kind == TY_NULL)
        return ty_string();
    if (t->kind == TY_ARRAY)
        return ty_array(a, fn_ji_canon(a, t->elem), true);
    if (t->kind == TY_STRUCT) {
        ty_field *f = em_arena_calloc(a, (size_t)t->n_fields + 1, sizeof *f);
        for (int k = 0; k < t->n_fields; k++) {
            f[k] = t->fields[k];
            f[k].type = fn_ji_canon(a, t->fields[k].type);
        }
        return ty_struct(a, t->n_fields, f);
    }
    return t;
}

int fn_json_infer_text(em_arena *a, const char *s, size_t len, const fn_json_opts *o,
                       const ty **out, em_error *err)
{
    em_arena tmp;
    em_arena_init(&tmp, 4096);
    fn_jval *doc = NULL;
    int rc = fn_json_parse(&tmp, s, len, &o->jackson, &doc);
    if (rc != 0) {
        em_arena_release(&tmp);
        if (rc > 0) {
            *out = ty_string();
            return EM_OK;
        }
        return em_error_set(err, "MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION", "badRecord",
                            em_arena_strndup(a, s, len), "failFastMode", "FAILFAST", NULL);
    }
    /* keys live in tmp: the types are built in a, names copied */
    const ty *t = fn_ji_canon(a, fn_ji_infer(a, doc, o));
    *out = ty_copy(a, t);
    em_arena_release(&tmp);
    return EM_OK;
}
