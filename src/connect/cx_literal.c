/*
 * cx_literal: Expression.Literal -> PX_LITERAL with a 1-row vector. The Spark type comes
 * first (LiteralValueProtoConverter.getProtoDataType: the data_type field when set, else the
 * value kind, with array/map/struct element types from their deprecated type fields), then
 * the value is appended to a vector of that type, recursively for nested literals.
 */
#include "connect/cx.h"

#include <stdlib.h>
#include <string.h>

#pragma GCC diagnostic ignored "-Wdeprecated-declarations"

typedef Spark__Connect__Expression__Literal cx_lit;

#define CX_LIT(kind) SPARK__CONNECT__EXPRESSION__LITERAL__LITERAL_TYPE_##kind

/* Parses a Java BigDecimal string into unscaled value, precision and scale (scale >= 0). */
static int cx_parse_decimal(const char *s, __int128 *unscaled, int *precision, int *scale)
{
    bool neg = false, any = false, dot = false;
    int digits = 0, frac = 0;
    __int128 v = 0;
    const char *p = s;
    if (*p == '+' || *p == '-')
        neg = *p++ == '-';
    for (; *p; p++) {
        if (*p >= '0' && *p <= '9') {
            any = true;
            if (v == 0 && *p == '0') {
                if (dot)
                    frac++;
                continue;
            }
            if (++digits > TY_DECIMAL_MAX_PRECISION)
                return -1;
            v = v * 10 + (*p - '0');
            if (dot)
                frac++;
        } else if (*p == '.' && !dot) {
            dot = true;
        } else {
            break;
        }
    }
    if (!any)
        return -1;
    long exp = 0;
    if (*p == 'e' || *p == 'E') {
        char *end;
        exp = strtol(p + 1, &end, 10);
        if (end == p + 1 || *end)
            return -1;
        p = end;
    }
    if (*p)
        return -1;
    long sc = frac - exp;
    while (sc < 0) {
        if (++digits > TY_DECIMAL_MAX_PRECISION)
            return -1;
        v *= 10;
        sc++;
    }
    if (sc > TY_DECIMAL_MAX_PRECISION)
        return -1;
    *unscaled = neg ? -v : v;
    *scale = (int)sc;
    *precision = digits ? digits : 1;
    return 0;
}

/* The literal's Spark type (see the file comment). */
static int cx_lit_type(const cx_lit *lit, em_arena *a, const ty **out, em_error *err)
{
    if (lit->data_type)
        return cx_data_type(lit->data_type, a, out, err);
    switch (lit->literal_type_case) {
    case CX_LIT(NULL):
        return cx_data_type(lit->null, a, out, err);
    case CX_LIT(BINARY):
        *out = ty_binary();
        return EM_OK;
    case CX_LIT(BOOLEAN):
        *out = ty_boolean();
        return EM_OK;
    case CX_LIT(BYTE):
        *out = ty_byte();
        return EM_OK;
    case CX_LIT(SHORT):
        *out = ty_short();
        return EM_OK;
    case CX_LIT(INTEGER):
        *out = ty_int();
        return EM_OK;
    case CX_LIT(LONG):
        *out = ty_long();
        return EM_OK;
    case CX_LIT(FLOAT):
        *out = ty_float();
        return EM_OK;
    case CX_LIT(DOUBLE):
        *out = ty_double();
        return EM_OK;
    case CX_LIT(DECIMAL): {
        __int128 unscaled;
        int precision, scale;
        const Spark__Connect__Expression__Literal__Decimal *d = lit->decimal;
        if (cx_parse_decimal(d->value, &unscaled, &precision, &scale))
            return cx_invalid_plan(err, "invalid decimal literal");
        if (d->_precision_case && d->precision > precision)
            precision = d->precision;
        if (d->_scale_case && d->scale > scale)
            scale = d->scale;
        if (scale > precision)
            precision = scale;
        if (precision > TY_DECIMAL_MAX_PRECISION)
            return cx_invalid_plan(err, "decimal literal precision exceeds 38");
        *out = ty_decimal(a, precision, scale);
        return EM_OK;
    }
    case CX_LIT(STRING):
        *out = ty_string();
        return EM_OK;
    case CX_LIT(DATE):
        *out = ty_date();
        return EM_OK;
    case CX_LIT(TIMESTAMP):
        *out = ty_timestamp();
        return EM_OK;
    case CX_LIT(TIMESTAMP_NTZ):
        *out = ty_timestamp_ntz();
        return EM_OK;
    case CX_LIT(CALENDAR_INTERVAL):
        *out = ty_calendar_interval_type();
        return EM_OK;
    case CX_LIT(YEAR_MONTH_INTERVAL):
        *out = ty_yearmonth_interval(a, TY_YM_YEAR, TY_YM_MONTH);
        return EM_OK;
    case CX_LIT(DAY_TIME_INTERVAL):
        *out = ty_daytime_interval(a, TY_DT_DAY, TY_DT_SECOND);
        return EM_OK;
    case CX_LIT(ARRAY): {
        const ty *elem;
        if (!lit->array->element_type)
            return cx_invalid_plan(err, "Data type information is missing in the array literal.");
        if (cx_data_type(lit->array->element_type, a, &elem, err))
            return err ? err->code : EM_EUSER;
        *out = ty_array(a, elem, true);
        return EM_OK;
    }
    case CX_LIT(MAP): {
        const ty *key, *value;
        if (!lit->map->key_type || !lit->map->value_type)
            return cx_invalid_plan(err, "Data type information is missing in the map literal.");
        if (cx_data_type(lit->map->key_type, a, &key, err) ||
            cx_data_type(lit->map->value_type, a, &value, err))
            return err ? err->code : EM_EUSER;
        *out = ty_map(a, key, value, true);
        return EM_OK;
    }
    case CX_LIT(STRUCT):
        if (!lit->struct_->struct_type)
            return cx_invalid_plan(err, "Data type information is missing in the struct literal.");
        return cx_data_type(lit->struct_->struct_type, a, out, err);
    case CX_LIT(SPECIALIZED_ARRAY): {
        const ty *elem = NULL;
        switch (lit->specialized_array->value_type_case) {
        case SPARK__CONNECT__EXPRESSION__LITERAL__SPECIALIZED_ARRAY__VALUE_TYPE_BOOLS:
            elem = ty_boolean();
            break;
        case SPARK__CONNECT__EXPRESSION__LITERAL__SPECIALIZED_ARRAY__VALUE_TYPE_INTS:
            elem = ty_int();
            break;
        case SPARK__CONNECT__EXPRESSION__LITERAL__SPECIALIZED_ARRAY__VALUE_TYPE_LONGS:
            elem = ty_long();
            break;
        case SPARK__CONNECT__EXPRESSION__LITERAL__SPECIALIZED_ARRAY__VALUE_TYPE_FLOATS:
            elem = ty_float();
            break;
        case SPARK__CONNECT__EXPRESSION__LITERAL__SPECIALIZED_ARRAY__VALUE_TYPE_DOUBLES:
            elem = ty_double();
            break;
        case SPARK__CONNECT__EXPRESSION__LITERAL__SPECIALIZED_ARRAY__VALUE_TYPE_STRINGS:
            elem = ty_string();
            break;
        default:
            return cx_invalid_plan(err, "specialized array literal without values");
        }
        *out = ty_array(a, elem, false);
        return EM_OK;
    }
    case CX_LIT(TIME):
        return cx_not_implemented(err, "Expression.Literal.time");
    default:
        return cx_invalid_plan(err, "Unsupported Literal Type: LITERALTYPE_NOT_SET(0)");
    }
}

static void cx_vec_put(vec *v, const void *value, size_t width)
{
    vec_reserve(v, v->len + 1);
    memcpy((char *)v->values + v->len * (int64_t)width, value, width);
    vec_set_valid(v, v->len);
    v->len++;
}

static int cx_incompatible(em_error *err)
{
    return cx_invalid_plan(err, "Incompatible data type for literal");
}

static int cx_lit_append(vec *v, const cx_lit *lit, cx_ctx *ctx, em_error *err);

static int cx_append_specialized(vec *v,
                                 const Spark__Connect__Expression__Literal__SpecializedArray *s,
                                 em_error *err)
{
    vec *child = v->children[0];
    size_t n = 0;
    switch (s->value_type_case) {
    case SPARK__CONNECT__EXPRESSION__LITERAL__SPECIALIZED_ARRAY__VALUE_TYPE_BOOLS:
        for (n = 0; n < s->bools->n_values; n++) {
            uint8_t b = s->bools->values[n] ? 1 : 0;
            cx_vec_put(child, &b, 1);
        }
        break;
    case SPARK__CONNECT__EXPRESSION__LITERAL__SPECIALIZED_ARRAY__VALUE_TYPE_INTS:
        for (n = 0; n < s->ints->n_values; n++)
            cx_vec_put(child, &s->ints->values[n], 4);
        break;
    case SPARK__CONNECT__EXPRESSION__LITERAL__SPECIALIZED_ARRAY__VALUE_TYPE_LONGS:
        for (n = 0; n < s->longs->n_values; n++)
            cx_vec_put(child, &s->longs->values[n], 8);
        break;
    case SPARK__CONNECT__EXPRESSION__LITERAL__SPECIALIZED_ARRAY__VALUE_TYPE_FLOATS:
        for (n = 0; n < s->floats->n_values; n++)
            cx_vec_put(child, &s->floats->values[n], 4);
        break;
    case SPARK__CONNECT__EXPRESSION__LITERAL__SPECIALIZED_ARRAY__VALUE_TYPE_DOUBLES:
        for (n = 0; n < s->doubles->n_values; n++)
            cx_vec_put(child, &s->doubles->values[n], 8);
        break;
    case SPARK__CONNECT__EXPRESSION__LITERAL__SPECIALIZED_ARRAY__VALUE_TYPE_STRINGS:
        for (n = 0; n < s->strings->n_values; n++)
            if (vec_append_str(child, s->strings->values[n], (int64_t)strlen(s->strings->values[n]),
                               err))
                return err ? err->code : EM_EINTERNAL;
        break;
    default:
        return cx_incompatible(err);
    }
    return EM_OK;
}

/* Closes one array/map row after its children were appended. */
static void cx_close_list_row(vec *v)
{
    vec_reserve(v, v->len + 1);
    v->offsets[v->len + 1] = (int32_t)v->children[0]->len;
    vec_set_valid(v, v->len);
    v->len++;
}

static int cx_append_nested(vec *v, const cx_lit *lit, cx_ctx *ctx, em_error *err)
{
    switch (v->type->kind) {
    case TY_ARRAY:
        if (lit->literal_type_case == CX_LIT(SPECIALIZED_ARRAY)) {
            if (cx_append_specialized(v, lit->specialized_array, err))
                return err ? err->code : EM_EUSER;
        } else if (lit->literal_type_case == CX_LIT(ARRAY)) {
            for (size_t idx = 0; idx < lit->array->n_elements; idx++)
                if (cx_lit_append(v->children[0], lit->array->elements[idx], ctx, err))
                    return err ? err->code : EM_EUSER;
        } else {
            return cx_incompatible(err);
        }
        cx_close_list_row(v);
        return EM_OK;
    case TY_MAP:
        if (lit->literal_type_case != CX_LIT(MAP))
            return cx_incompatible(err);
        if (lit->map->n_keys != lit->map->n_values)
            return cx_invalid_plan(err, "map literal keys and values differ in length");
        for (size_t idx = 0; idx < lit->map->n_keys; idx++)
            if (cx_lit_append(v->children[0], lit->map->keys[idx], ctx, err) ||
                cx_lit_append(v->children[1], lit->map->values[idx], ctx, err))
                return err ? err->code : EM_EUSER;
        cx_close_list_row(v);
        return EM_OK;
    case TY_STRUCT:
        if (lit->literal_type_case != CX_LIT(STRUCT))
            return cx_incompatible(err);
        if ((int)lit->struct_->n_elements != v->type->n_fields)
            return cx_invalid_plan(err, "struct literal does not match its type");
        for (int idx = 0; idx < v->type->n_fields; idx++)
            if (cx_lit_append(v->children[idx], lit->struct_->elements[idx], ctx, err))
                return err ? err->code : EM_EUSER;
        vec_reserve(v, v->len + 1);
        vec_set_valid(v, v->len);
        v->len++;
        return EM_OK;
    default:
        return cx_incompatible(err);
    }
}

/* Appends the value of lit, converted to v's type, as one row of v. */
static int cx_lit_append(vec *v, const cx_lit *lit, cx_ctx *ctx, em_error *err)
{
    if (cx_enter(ctx, err))
        return err ? err->code : EM_EUSER;
    int rc = EM_OK;
    int lk = lit->literal_type_case;
    if (lk == CX_LIT(NULL) || v->type->kind == TY_NULL) {
        if (lk != CX_LIT(NULL))
            rc = cx_incompatible(err);
        else
            vec_append_null(v);
        cx_leave(ctx);
        return rc;
    }
    switch (v->type->kind) {
    case TY_BOOLEAN: {
        uint8_t b = lit->boolean ? 1 : 0;
        if (lk != CX_LIT(BOOLEAN))
            goto incompatible;
        cx_vec_put(v, &b, 1);
        break;
    }
    case TY_BYTE: {
        int8_t b = (int8_t)lit->byte;
        if (lk != CX_LIT(BYTE))
            goto incompatible;
        cx_vec_put(v, &b, 1);
        break;
    }
    case TY_SHORT: {
        int16_t s = (int16_t)lit->short_;
        if (lk != CX_LIT(SHORT))
            goto incompatible;
        cx_vec_put(v, &s, 2);
        break;
    }
    case TY_INT:
    case TY_DATE:
    case TY_YEARMONTH_INTERVAL:
        if (lk != (v->type->kind == TY_INT    ? CX_LIT(INTEGER)
                   : v->type->kind == TY_DATE ? CX_LIT(DATE)
                                              : CX_LIT(YEAR_MONTH_INTERVAL)))
            goto incompatible;
        cx_vec_put(v, &lit->integer, 4); /* integer, date and year_month_interval share */
        break;
    case TY_LONG:
    case TY_TIMESTAMP:
    case TY_TIMESTAMP_NTZ:
    case TY_DAYTIME_INTERVAL:
        if (lk != (v->type->kind == TY_LONG            ? CX_LIT(LONG)
                   : v->type->kind == TY_TIMESTAMP     ? CX_LIT(TIMESTAMP)
                   : v->type->kind == TY_TIMESTAMP_NTZ ? CX_LIT(TIMESTAMP_NTZ)
                                                       : CX_LIT(DAY_TIME_INTERVAL)))
            goto incompatible;
        cx_vec_put(v, &lit->long_, 8);
        break;
    case TY_FLOAT:
        if (lk != CX_LIT(FLOAT))
            goto incompatible;
        cx_vec_put(v, &lit->float_, 4);
        break;
    case TY_DOUBLE:
        if (lk != CX_LIT(DOUBLE))
            goto incompatible;
        cx_vec_put(v, &lit->double_, 8);
        break;
    case TY_DECIMAL: {
        __int128 unscaled;
        int precision, scale;
        if (lk != CX_LIT(DECIMAL))
            goto incompatible;
        if (cx_parse_decimal(lit->decimal->value, &unscaled, &precision, &scale)) {
            rc = cx_invalid_plan(err, "invalid decimal literal");
            break;
        }
        for (; scale < v->type->scale; scale++)
            unscaled *= 10;
        for (; scale > v->type->scale; scale--) {
            __int128 rem = unscaled % 10;
            unscaled /= 10;
            if (rem >= 5 || rem <= -5)
                unscaled += unscaled < 0 || rem < 0 ? -1 : 1;
        }
        cx_vec_put(v, &unscaled, 16);
        break;
    }
    case TY_STRING:
    case TY_CHAR:
    case TY_VARCHAR:
        if (lk != CX_LIT(STRING))
            goto incompatible;
        rc = vec_append_str(v, lit->string, (int64_t)strlen(lit->string), err);
        break;
    case TY_BINARY:
        if (lk != CX_LIT(BINARY))
            goto incompatible;
        rc = vec_append_str(v, (const char *)lit->binary.data, (int64_t)lit->binary.len, err);
        break;
    case TY_CALENDAR_INTERVAL: {
        ty_calendar_interval ci;
        if (lk != CX_LIT(CALENDAR_INTERVAL))
            goto incompatible;
        ci.months = lit->calendar_interval->months;
        ci.days = lit->calendar_interval->days;
        ci.microseconds = lit->calendar_interval->microseconds;
        cx_vec_put(v, &ci, sizeof ci);
        break;
    }
    case TY_ARRAY:
    case TY_MAP:
    case TY_STRUCT:
        rc = cx_append_nested(v, lit, ctx, err);
        break;
    default:
        rc = cx_not_implemented(err, "Expression.Literal of this type");
        break;
    }
    cx_leave(ctx);
    return rc;
incompatible:
    cx_leave(ctx);
    return cx_incompatible(err);
}

int cx_literal(const cx_lit *lit, cx_ctx *ctx, pl_expr **out, em_error *err)
{
    const ty *type;
    if (!lit)
        return cx_invalid_plan(err, "missing literal");
    if (cx_lit_type(lit, ctx->arena, &type, err))
        return err ? err->code : EM_EUSER;
    vec *v = vec_new(type, 1);
    if (cx_lit_append(v, lit, ctx, err)) {
        vec_release(v);
        return err ? err->code : EM_EUSER;
    }
    *out = pl_lit_new(ctx->arena, v);
    return EM_OK;
}
