/*
 * fn_coerce: Spark's common-type search and decimal type rules (see fn_coerce.h). These are
 * the primitives of TypeCoercion.findTightestCommonType / findWiderTypeForTwo,
 * AnsiTypeCoercion's variants and DecimalType's bounded / adjustPrecisionScale.
 */
#include "functions/fn_coerce.h"

#include "types/ty_cast.h"

#include <string.h>
#include <strings.h>

#define FN_MAX_PRECISION      38
#define FN_MIN_ADJUSTED_SCALE 6

static int fn_imax(int a, int b)
{
    return a > b ? a : b;
}

static int fn_imin(int a, int b)
{
    return a < b ? a : b;
}

const ty *fn_decimal_for(const ty *t, em_arena *arena)
{
    switch (t->kind) {
    case TY_BYTE:
        return ty_decimal(arena, 3, 0);
    case TY_SHORT:
        return ty_decimal(arena, 5, 0);
    case TY_INT:
        return ty_decimal(arena, 10, 0);
    case TY_LONG:
        return ty_decimal(arena, 20, 0);
    case TY_FLOAT:
        return ty_decimal(arena, 14, 7);
    case TY_DOUBLE:
        return ty_decimal(arena, 30, 15);
    case TY_DECIMAL:
        return t;
    default:
        return NULL;
    }
}

const ty *fn_decimal_bounded(int precision, int scale, em_arena *arena)
{
    return ty_decimal(arena, fn_imin(precision, FN_MAX_PRECISION),
                      fn_imin(scale, FN_MAX_PRECISION));
}

const ty *fn_decimal_adjust(int precision, int scale, em_arena *arena)
{
    if (precision <= FN_MAX_PRECISION)
        return ty_decimal(arena, precision, scale);
    if (scale < 0)
        return ty_decimal(arena, FN_MAX_PRECISION, scale);
    int int_digits = precision - scale;
    int min_scale = fn_imin(scale, FN_MIN_ADJUSTED_SCALE);
    int adjusted = fn_imax(FN_MAX_PRECISION - int_digits, min_scale);
    return ty_decimal(arena, FN_MAX_PRECISION, adjusted);
}

const ty *fn_decimal_wider(int p1, int s1, int p2, int s2, em_arena *arena)
{
    int scale = fn_imax(s1, s2);
    int range = fn_imax(p1 - s1, p2 - s2);
    int precision = scale + range;
    if (precision <= FN_MAX_PRECISION)
        return ty_decimal(arena, precision, scale);
    int diff = precision - FN_MAX_PRECISION;
    return ty_decimal(arena, FN_MAX_PRECISION, fn_imax(0, scale - diff));
}

/* DecimalType.isWiderThan(other) for integral or decimal other. */
static bool fn_dec_wider_than(const ty *d, const ty *other, em_arena *arena)
{
    const ty *o = other->kind == TY_DECIMAL ? other : fn_decimal_for(other, arena);
    if (!o)
        return false;
    return (d->precision - d->scale) >= (o->precision - o->scale) && d->scale >= o->scale;
}

static int fn_numeric_rank(ty_kind k)
{
    switch (k) {
    case TY_BYTE:
        return 0;
    case TY_SHORT:
        return 1;
    case TY_INT:
        return 2;
    case TY_LONG:
        return 3;
    case TY_FLOAT:
        return 4;
    case TY_DOUBLE:
        return 5;
    default:
        return -1;
    }
}

static bool fn_is_datetime(const ty *t)
{
    return t->kind == TY_DATE || t->kind == TY_TIMESTAMP || t->kind == TY_TIMESTAMP_NTZ;
}

static const ty *fn_wider_datetime(const ty *a, const ty *b)
{
    if (a->kind == TY_TIMESTAMP || b->kind == TY_TIMESTAMP)
        return ty_timestamp();
    if (a->kind == TY_TIMESTAMP_NTZ || b->kind == TY_TIMESTAMP_NTZ)
        return ty_timestamp_ntz();
    return ty_date();
}

typedef const ty *(*fn_pair_fn)(const ty *, const ty *, bool, em_arena *);

/* TypeCoercionHelper.findTypeForComplex: element-wise, with nullability widened where a cast
   to the common type can yield NULL (Cast.forceNullable), and map keys never widened to a type
   that could turn a key NULL. */
static const ty *fn_complex(const ty *a, const ty *b, bool ansi, em_arena *arena, fn_pair_fn f)
{
    if (a->kind == TY_ARRAY && b->kind == TY_ARRAY) {
        const ty *e = f(a->elem, b->elem, ansi, arena);
        return e ? ty_array(arena, e,
                            a->contains_null || b->contains_null ||
                                ty_cast_force_nullable(a->elem, e) ||
                                ty_cast_force_nullable(b->elem, e))
                 : NULL;
    }
    if (a->kind == TY_MAP && b->kind == TY_MAP) {
        const ty *k = f(a->key, b->key, ansi, arena);
        if (!k || ty_cast_force_nullable(a->key, k) || ty_cast_force_nullable(b->key, k))
            return NULL;
        const ty *v = f(a->value, b->value, ansi, arena);
        return v ? ty_map(arena, k, v,
                          a->value_contains_null || b->value_contains_null ||
                              ty_cast_force_nullable(a->value, v) ||
                              ty_cast_force_nullable(b->value, v))
                 : NULL;
    }
    if (a->kind == TY_STRUCT && b->kind == TY_STRUCT) {
        if (a->n_fields != b->n_fields)
            return NULL;
        ty_field *fields =
            em_arena_calloc(arena, (size_t)(a->n_fields ? a->n_fields : 1), sizeof *fields);
        for (int i = 0; i < a->n_fields; i++) {
            if (strcasecmp(a->fields[i].name, b->fields[i].name) != 0)
                return NULL;
            const ty *ft = f(a->fields[i].type, b->fields[i].type, ansi, arena);
            if (!ft)
                return NULL;
            fields[i].name = a->fields[i].name;
            fields[i].type = ft;
            fields[i].nullable = a->fields[i].nullable || b->fields[i].nullable ||
                                 ty_cast_force_nullable(a->fields[i].type, ft) ||
                                 ty_cast_force_nullable(b->fields[i].type, ft);
            fields[i].metadata = a->fields[i].metadata;
        }
        return ty_struct(arena, a->n_fields, fields);
    }
    return NULL;
}

const ty *fn_tightest_common_type(const ty *a, const ty *b, bool ansi, em_arena *arena)
{
    if (ty_equals(a, b))
        return a;
    if (a->kind == TY_NULL)
        return b;
    if (b->kind == TY_NULL)
        return a;
    if (ty_is_string(a) && ty_is_string(b)) {
        if (a->kind == TY_STRING && b->kind == TY_STRING)
            return (a->collation == NULL) == (b->collation == NULL) ? a : NULL;
        return ty_string();
    }
    if (ty_is_integral(a) && b->kind == TY_DECIMAL && fn_dec_wider_than(b, a, arena))
        return b;
    if (a->kind == TY_DECIMAL && ty_is_integral(b) && fn_dec_wider_than(a, b, arena))
        return a;
    int ra = fn_numeric_rank(a->kind), rb = fn_numeric_rank(b->kind);
    if (ra >= 0 && rb >= 0) {
        const ty *w = ra >= rb ? a : b;
        if (ansi && w->kind == TY_FLOAT && a->kind != b->kind)
            return ty_double();
        return w;
    }
    if (fn_is_datetime(a) && fn_is_datetime(b))
        return fn_wider_datetime(a, b);
    if (a->kind == TY_DAYTIME_INTERVAL && b->kind == TY_DAYTIME_INTERVAL)
        return ty_daytime_interval(arena, fn_imin(a->start_field, b->start_field),
                                   fn_imax(a->end_field, b->end_field));
    if (a->kind == TY_YEARMONTH_INTERVAL && b->kind == TY_YEARMONTH_INTERVAL)
        return ty_yearmonth_interval(arena, fn_imin(a->start_field, b->start_field),
                                     fn_imax(a->end_field, b->end_field));
    return fn_complex(a, b, ansi, arena, fn_tightest_common_type);
}

static const ty *fn_wider_decimal(const ty *a, const ty *b, em_arena *arena)
{
    if (a->kind == TY_DECIMAL && b->kind == TY_DECIMAL)
        return fn_decimal_wider(a->precision, a->scale, b->precision, b->scale, arena);
    if (ty_is_integral(a) && b->kind == TY_DECIMAL) {
        const ty *d = fn_decimal_for(a, arena);
        return fn_decimal_wider(d->precision, d->scale, b->precision, b->scale, arena);
    }
    if (a->kind == TY_DECIMAL && ty_is_integral(b)) {
        const ty *d = fn_decimal_for(b, arena);
        return fn_decimal_wider(a->precision, a->scale, d->precision, d->scale, arena);
    }
    if (((a->kind == TY_FLOAT || a->kind == TY_DOUBLE) && b->kind == TY_DECIMAL) ||
        (a->kind == TY_DECIMAL && (b->kind == TY_FLOAT || b->kind == TY_DOUBLE)))
        return ty_double();
    return NULL;
}

static bool fn_is_atomic(const ty *t)
{
    return !ty_is_nested(t) && t->kind != TY_NULL && t->kind != TY_CALENDAR_INTERVAL &&
           t->kind != TY_VARIANT;
}

const ty *fn_ansi_string_promotion(const ty *a, const ty *b)
{
    if (!ty_is_string(a) && ty_is_string(b)) {
        const ty *t = a;
        a = b;
        b = t;
    }
    if (!ty_is_string(a))
        return NULL;
    if (ty_is_integral(b))
        return ty_long();
    if (b->kind == TY_FLOAT || b->kind == TY_DOUBLE || b->kind == TY_DECIMAL)
        return ty_double();
    if (b->kind == TY_NULL)
        return a;
    if (b->kind == TY_DAYTIME_INTERVAL || b->kind == TY_YEARMONTH_INTERVAL)
        return NULL;
    if (ty_is_string(b))
        return a->kind == TY_STRING ? a : ty_string();
    if (fn_is_atomic(b))
        return b;
    return NULL;
}

static const ty *fn_string_promotion_legacy(const ty *a, const ty *b)
{
    if (ty_is_string(a) && ty_is_string(b))
        return ty_string();
    if (ty_is_string(a) && fn_is_atomic(b) && b->kind != TY_BINARY && b->kind != TY_BOOLEAN)
        return a;
    if (ty_is_string(b) && fn_is_atomic(a) && a->kind != TY_BINARY && a->kind != TY_BOOLEAN)
        return b;
    return NULL;
}

const ty *fn_wider_type(const ty *a, const ty *b, bool ansi, em_arena *arena)
{
    const ty *t = fn_tightest_common_type(a, b, ansi, arena);
    if (!t)
        t = fn_wider_decimal(a, b, arena);
    if (!t)
        t = ansi ? fn_ansi_string_promotion(a, b) : fn_string_promotion_legacy(a, b);
    if (!t)
        t = fn_complex(a, b, ansi, arena, fn_wider_type);
    return t;
}

const ty *fn_wider_common_type(int n, const ty *const *types, bool ansi, em_arena *arena)
{
    const ty *acc = ty_null();
    for (int i = 0; i < n && acc; i++)
        acc = fn_wider_type(acc, types[i], ansi, arena);
    return acc;
}

const ty *fn_binary_comparison_type(const ty *a, const ty *b)
{
    bool sa = ty_is_string(a), sb = ty_is_string(b);
    if (sa && b->kind == TY_DATE)
        return ty_date();
    if (sb && a->kind == TY_DATE)
        return ty_date();
    if (sa && b->kind == TY_TIMESTAMP)
        return ty_timestamp();
    if (sb && a->kind == TY_TIMESTAMP)
        return ty_timestamp();
    if (sa && b->kind == TY_NULL)
        return a;
    if (sb && a->kind == TY_NULL)
        return b;
    if ((a->kind == TY_TIMESTAMP && b->kind == TY_DATE) ||
        (a->kind == TY_DATE && b->kind == TY_TIMESTAMP))
        return ty_timestamp();
    if (a->kind == TY_DECIMAL && a->scale > 0 && sb)
        return ty_double();
    if (sa && b->kind == TY_DECIMAL && b->scale > 0)
        return ty_double();
    if (sa && sb)
        return ty_string();
    /* canPromoteAsInBinaryComparison: atomic, not string/timestamp-ish special cases above */
    if (sa && fn_is_atomic(b) && !ty_is_string(b))
        return b;
    if (sb && fn_is_atomic(a) && !ty_is_string(a))
        return a;
    return NULL;
}

bool fn_type_orderable(const ty *t)
{
    switch (t->kind) {
    case TY_MAP:
    case TY_VARIANT:
    case TY_CALENDAR_INTERVAL:
        return false;
    case TY_ARRAY:
        return fn_type_orderable(t->elem);
    case TY_STRUCT:
        for (int i = 0; i < t->n_fields; i++)
            if (!fn_type_orderable(t->fields[i].type))
                return false;
        return true;
    default:
        return true;
    }
}
