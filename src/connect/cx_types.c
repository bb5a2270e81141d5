/*
 * cx_types: spark.connect.DataType <-> ty, following Spark's DataTypeProtoConverter (decimal
 * defaults (10,0), single-field intervals, "UTF8_BINARY" collation sent back for strings).
 * Also the small shared helpers of the cx_*.c files (errors, depth guard).
 */
#include "connect/cx.h"

#include <string.h>

#include "common/em_mem.h"
#include "sql/sql.h"

#define CX_HAS(msg, field) ((msg)->_##field##_case != 0)

void cx_ctx_init(cx_ctx *ctx, em_arena *arena, const pl_session_opts *opts)
{
    memset(ctx, 0, sizeof *ctx);
    ctx->arena = arena;
    ctx->opts = opts;
}

int cx_not_implemented(em_error *err, const char *feature)
{
    return em_error_set(err, "UNSUPPORTED_FEATURE.NOT_IMPLEMENTED", "feature", feature, NULL);
}

int cx_invalid_plan(em_error *err, const char *message)
{
    return em_error_set_jvm(err, "org.apache.spark.sql.connect.common.InvalidPlanInput",
                            "INTERNAL_ERROR", "message", message, NULL);
}

int cx_enter(cx_ctx *ctx, em_error *err)
{
    if (ctx->depth >= CX_MAX_DEPTH)
        return em_error_set(err, "CONNECT_INVALID_PLAN.CANNOT_PARSE", "errorMsg",
                            "the plan is nested too deeply", NULL);
    ctx->depth++;
    return EM_OK;
}

/* ------------------------------------------------------------------------------------------ */
/* DataType -> ty                                                                              */

static int cx_struct_type(const Spark__Connect__DataType__Struct *s, em_arena *a, const ty **out,
                          em_error *err)
{
    ty_field *fields = em_arena_calloc(a, s->n_fields ? s->n_fields : 1, sizeof *fields);
    for (size_t idx = 0; idx < s->n_fields; idx++) {
        const Spark__Connect__DataType__StructField *f = s->fields[idx];
        fields[idx].name = f->name;
        fields[idx].nullable = f->nullable;
        fields[idx].metadata = CX_HAS(f, metadata) && f->metadata[0] ? f->metadata : NULL;
        if (!f->data_type)
            return cx_invalid_plan(err, "StructField without a data type");
        if (cx_data_type(f->data_type, a, &fields[idx].type, err))
            return err ? err->code : EM_EUSER;
    }
    *out = ty_struct(a, (int)s->n_fields, fields);
    return EM_OK;
}

int cx_data_type(const Spark__Connect__DataType *t, em_arena *a, const ty **out, em_error *err)
{
    if (!t)
        return cx_invalid_plan(err, "missing data type");
    switch (t->kind_case) {
    case SPARK__CONNECT__DATA_TYPE__KIND_NULL:
        *out = ty_null();
        return EM_OK;
    case SPARK__CONNECT__DATA_TYPE__KIND_BINARY:
        *out = ty_binary();
        return EM_OK;
    case SPARK__CONNECT__DATA_TYPE__KIND_BOOLEAN:
        *out = ty_boolean();
        return EM_OK;
    case SPARK__CONNECT__DATA_TYPE__KIND_BYTE:
        *out = ty_byte();
        return EM_OK;
    case SPARK__CONNECT__DATA_TYPE__KIND_SHORT:
        *out = ty_short();
        return EM_OK;
    case SPARK__CONNECT__DATA_TYPE__KIND_INTEGER:
        *out = ty_int();
        return EM_OK;
    case SPARK__CONNECT__DATA_TYPE__KIND_LONG:
        *out = ty_long();
        return EM_OK;
    case SPARK__CONNECT__DATA_TYPE__KIND_FLOAT:
        *out = ty_float();
        return EM_OK;
    case SPARK__CONNECT__DATA_TYPE__KIND_DOUBLE:
        *out = ty_double();
        return EM_OK;
    case SPARK__CONNECT__DATA_TYPE__KIND_DECIMAL: {
        const Spark__Connect__DataType__Decimal *d = t->decimal;
        int precision = CX_HAS(d, precision) ? d->precision : 10;
        int scale = CX_HAS(d, precision) && CX_HAS(d, scale) ? d->scale : 0;
        if (precision < 1 || precision > TY_DECIMAL_MAX_PRECISION || scale < 0 || scale > precision)
            return cx_invalid_plan(err, "invalid decimal precision or scale");
        *out = ty_decimal(a, precision, scale);
        return EM_OK;
    }
    case SPARK__CONNECT__DATA_TYPE__KIND_STRING: {
        const char *c = t->string->collation;
        *out = c && c[0] && strcmp(c, "UTF8_BINARY") != 0 ? ty_string_collated(a, c) : ty_string();
        return EM_OK;
    }
    case SPARK__CONNECT__DATA_TYPE__KIND_CHAR:
        *out = ty_char(a, TY_CHAR, t->char_->length);
        return EM_OK;
    case SPARK__CONNECT__DATA_TYPE__KIND_VAR_CHAR:
        *out = ty_char(a, TY_VARCHAR, t->var_char->length);
        return EM_OK;
    case SPARK__CONNECT__DATA_TYPE__KIND_DATE:
        *out = ty_date();
        return EM_OK;
    case SPARK__CONNECT__DATA_TYPE__KIND_TIMESTAMP:
        *out = ty_timestamp();
        return EM_OK;
    case SPARK__CONNECT__DATA_TYPE__KIND_TIMESTAMP_NTZ:
        *out = ty_timestamp_ntz();
        return EM_OK;
    case SPARK__CONNECT__DATA_TYPE__KIND_CALENDAR_INTERVAL:
        *out = ty_calendar_interval_type();
        return EM_OK;
    case SPARK__CONNECT__DATA_TYPE__KIND_YEAR_MONTH_INTERVAL: {
        const Spark__Connect__DataType__YearMonthInterval *i = t->year_month_interval;
        int start = CX_HAS(i, start_field) ? i->start_field : TY_YM_YEAR;
        int end =
            CX_HAS(i, start_field) ? (CX_HAS(i, end_field) ? i->end_field : start) : TY_YM_MONTH;
        *out = ty_yearmonth_interval(a, start, end);
        return EM_OK;
    }
    case SPARK__CONNECT__DATA_TYPE__KIND_DAY_TIME_INTERVAL: {
        const Spark__Connect__DataType__DayTimeInterval *i = t->day_time_interval;
        int start = CX_HAS(i, start_field) ? i->start_field : TY_DT_DAY;
        int end =
            CX_HAS(i, start_field) ? (CX_HAS(i, end_field) ? i->end_field : start) : TY_DT_SECOND;
        *out = ty_daytime_interval(a, start, end);
        return EM_OK;
    }
    case SPARK__CONNECT__DATA_TYPE__KIND_ARRAY: {
        const ty *elem;
        if (cx_data_type(t->array->element_type, a, &elem, err))
            return err ? err->code : EM_EUSER;
        *out = ty_array(a, elem, t->array->contains_null);
        return EM_OK;
    }
    case SPARK__CONNECT__DATA_TYPE__KIND_MAP: {
        const ty *key, *value;
        if (cx_data_type(t->map->key_type, a, &key, err) ||
            cx_data_type(t->map->value_type, a, &value, err))
            return err ? err->code : EM_EUSER;
        *out = ty_map(a, key, value, t->map->value_contains_null);
        return EM_OK;
    }
    case SPARK__CONNECT__DATA_TYPE__KIND_STRUCT:
        return cx_struct_type(t->struct_, a, out, err);
    case SPARK__CONNECT__DATA_TYPE__KIND_VARIANT:
        *out = ty_variant();
        return EM_OK;
    case SPARK__CONNECT__DATA_TYPE__KIND_UDT:
        /* Ember has no user-defined types: a UDT is read as its SQL type when it has one. */
        if (CX_HAS(t->udt, sql_type))
            return cx_data_type(t->udt->sql_type, a, out, err);
        return cx_not_implemented(err, "DataType.udt");
    case SPARK__CONNECT__DATA_TYPE__KIND_UNPARSED:
        return sql_parse_type(t->unparsed->data_type_string, a, out, err);
    case SPARK__CONNECT__DATA_TYPE__KIND_TIME:
        return cx_not_implemented(err, "DataType.time");
    case SPARK__CONNECT__DATA_TYPE__KIND_GEOMETRY:
        return cx_not_implemented(err, "DataType.geometry");
    case SPARK__CONNECT__DATA_TYPE__KIND_GEOGRAPHY:
        return cx_not_implemented(err, "DataType.geography");
    default:
        return cx_invalid_plan(err, "Does not support convert KIND_NOT_SET to catalyst types.");
    }
}

/* ------------------------------------------------------------------------------------------ */
/* ty -> DataType (em_malloc'd tree)                                                           */

/* Allocates a submessage and runs its protobuf-c initializer. */
#define CX_NEW_MSG(var, type, init_fn)                                                             \
    do {                                                                                           \
        var = em_malloc(sizeof(type));                                                             \
        init_fn(var);                                                                              \
    } while (0)

static char *cx_proto_strdup(const char *s)
{
    return em_strdup(s ? s : "");
}

Spark__Connect__DataType *cx_data_type_to_proto(const ty *t)
{
    Spark__Connect__DataType *m;
    CX_NEW_MSG(m, Spark__Connect__DataType, spark__connect__data_type__init);
    switch (t->kind) {
    case TY_NULL:
        m->kind_case = SPARK__CONNECT__DATA_TYPE__KIND_NULL;
        CX_NEW_MSG(m->null, Spark__Connect__DataType__NULL, spark__connect__data_type__null__init);
        break;
    case TY_BOOLEAN:
        m->kind_case = SPARK__CONNECT__DATA_TYPE__KIND_BOOLEAN;
        CX_NEW_MSG(m->boolean, Spark__Connect__DataType__Boolean,
                   spark__connect__data_type__boolean__init);
        break;
    case TY_BYTE:
        m->kind_case = SPARK__CONNECT__DATA_TYPE__KIND_BYTE;
        CX_NEW_MSG(m->byte, Spark__Connect__DataType__Byte, spark__connect__data_type__byte__init);
        break;
    case TY_SHORT:
        m->kind_case = SPARK__CONNECT__DATA_TYPE__KIND_SHORT;
        CX_NEW_MSG(m->short_, Spark__Connect__DataType__Short,
                   spark__connect__data_type__short__init);
        break;
    case TY_INT:
        m->kind_case = SPARK__CONNECT__DATA_TYPE__KIND_INTEGER;
        CX_NEW_MSG(m->integer, Spark__Connect__DataType__Integer,
                   spark__connect__data_type__integer__init);
        break;
    case TY_LONG:
        m->kind_case = SPARK__CONNECT__DATA_TYPE__KIND_LONG;
        CX_NEW_MSG(m->long_, Spark__Connect__DataType__Long, spark__connect__data_type__long__init);
        break;
    case TY_FLOAT:
        m->kind_case = SPARK__CONNECT__DATA_TYPE__KIND_FLOAT;
        CX_NEW_MSG(m->float_, Spark__Connect__DataType__Float,
                   spark__connect__data_type__float__init);
        break;
    case TY_DOUBLE:
        m->kind_case = SPARK__CONNECT__DATA_TYPE__KIND_DOUBLE;
        CX_NEW_MSG(m->double_, Spark__Connect__DataType__Double,
                   spark__connect__data_type__double__init);
        break;
    case TY_DECIMAL:
        m->kind_case = SPARK__CONNECT__DATA_TYPE__KIND_DECIMAL;
        CX_NEW_MSG(m->decimal, Spark__Connect__DataType__Decimal,
                   spark__connect__data_type__decimal__init);
        m->decimal->_precision_case = SPARK__CONNECT__DATA_TYPE__DECIMAL___PRECISION_PRECISION;
        m->decimal->precision = t->precision;
        m->decimal->_scale_case = SPARK__CONNECT__DATA_TYPE__DECIMAL___SCALE_SCALE;
        m->decimal->scale = t->scale;
        break;
    case TY_STRING:
        m->kind_case = SPARK__CONNECT__DATA_TYPE__KIND_STRING;
        CX_NEW_MSG(m->string, Spark__Connect__DataType__String,
                   spark__connect__data_type__string__init);
        m->string->collation = cx_proto_strdup(t->collation ? t->collation : "UTF8_BINARY");
        break;
    case TY_CHAR:
        m->kind_case = SPARK__CONNECT__DATA_TYPE__KIND_CHAR;
        CX_NEW_MSG(m->char_, Spark__Connect__DataType__Char, spark__connect__data_type__char__init);
        m->char_->length = t->length;
        break;
    case TY_VARCHAR:
        m->kind_case = SPARK__CONNECT__DATA_TYPE__KIND_VAR_CHAR;
        CX_NEW_MSG(m->var_char, Spark__Connect__DataType__VarChar,
                   spark__connect__data_type__var_char__init);
        m->var_char->length = t->length;
        break;
    case TY_BINARY:
        m->kind_case = SPARK__CONNECT__DATA_TYPE__KIND_BINARY;
        CX_NEW_MSG(m->binary, Spark__Connect__DataType__Binary,
                   spark__connect__data_type__binary__init);
        break;
    case TY_DATE:
        m->kind_case = SPARK__CONNECT__DATA_TYPE__KIND_DATE;
        CX_NEW_MSG(m->date, Spark__Connect__DataType__Date, spark__connect__data_type__date__init);
        break;
    case TY_TIMESTAMP:
        m->kind_case = SPARK__CONNECT__DATA_TYPE__KIND_TIMESTAMP;
        CX_NEW_MSG(m->timestamp, Spark__Connect__DataType__Timestamp,
                   spark__connect__data_type__timestamp__init);
        break;
    case TY_TIMESTAMP_NTZ:
        m->kind_case = SPARK__CONNECT__DATA_TYPE__KIND_TIMESTAMP_NTZ;
        CX_NEW_MSG(m->timestamp_ntz, Spark__Connect__DataType__TimestampNTZ,
                   spark__connect__data_type__timestamp_ntz__init);
        break;
    case TY_CALENDAR_INTERVAL:
        m->kind_case = SPARK__CONNECT__DATA_TYPE__KIND_CALENDAR_INTERVAL;
        CX_NEW_MSG(m->calendar_interval, Spark__Connect__DataType__CalendarInterval,
                   spark__connect__data_type__calendar_interval__init);
        break;
    case TY_YEARMONTH_INTERVAL:
        m->kind_case = SPARK__CONNECT__DATA_TYPE__KIND_YEAR_MONTH_INTERVAL;
        CX_NEW_MSG(m->year_month_interval, Spark__Connect__DataType__YearMonthInterval,
                   spark__connect__data_type__year_month_interval__init);
        m->year_month_interval->_start_field_case =
            SPARK__CONNECT__DATA_TYPE__YEAR_MONTH_INTERVAL___START_FIELD_START_FIELD;
        m->year_month_interval->start_field = t->start_field;
        m->year_month_interval->_end_field_case =
            SPARK__CONNECT__DATA_TYPE__YEAR_MONTH_INTERVAL___END_FIELD_END_FIELD;
        m->year_month_interval->end_field = t->end_field;
        break;
    case TY_DAYTIME_INTERVAL:
        m->kind_case = SPARK__CONNECT__DATA_TYPE__KIND_DAY_TIME_INTERVAL;
        CX_NEW_MSG(m->day_time_interval, Spark__Connect__DataType__DayTimeInterval,
                   spark__connect__data_type__day_time_interval__init);
        m->day_time_interval->_start_field_case =
            SPARK__CONNECT__DATA_TYPE__DAY_TIME_INTERVAL___START_FIELD_START_FIELD;
        m->day_time_interval->start_field = t->start_field;
        m->day_time_interval->_end_field_case =
            SPARK__CONNECT__DATA_TYPE__DAY_TIME_INTERVAL___END_FIELD_END_FIELD;
        m->day_time_interval->end_field = t->end_field;
        break;
    case TY_ARRAY:
        m->kind_case = SPARK__CONNECT__DATA_TYPE__KIND_ARRAY;
        CX_NEW_MSG(m->array, Spark__Connect__DataType__Array,
                   spark__connect__data_type__array__init);
        m->array->element_type = cx_data_type_to_proto(t->elem);
        m->array->contains_null = t->contains_null;
        break;
    case TY_MAP:
        m->kind_case = SPARK__CONNECT__DATA_TYPE__KIND_MAP;
        CX_NEW_MSG(m->map, Spark__Connect__DataType__Map, spark__connect__data_type__map__init);
        m->map->key_type = cx_data_type_to_proto(t->key);
        m->map->value_type = cx_data_type_to_proto(t->value);
        m->map->value_contains_null = t->value_contains_null;
        break;
    case TY_STRUCT: {
        m->kind_case = SPARK__CONNECT__DATA_TYPE__KIND_STRUCT;
        CX_NEW_MSG(m->struct_, Spark__Connect__DataType__Struct,
                   spark__connect__data_type__struct__init);
        Spark__Connect__DataType__Struct *s = m->struct_;
        s->n_fields = (size_t)t->n_fields;
        s->fields = t->n_fields ? em_calloc((size_t)t->n_fields, sizeof *s->fields) : NULL;
        for (int idx = 0; idx < t->n_fields; idx++) {
            Spark__Connect__DataType__StructField *f;
            CX_NEW_MSG(f, Spark__Connect__DataType__StructField,
                       spark__connect__data_type__struct_field__init);
            f->name = cx_proto_strdup(t->fields[idx].name);
            f->data_type = cx_data_type_to_proto(t->fields[idx].type);
            f->nullable = t->fields[idx].nullable;
            if (t->fields[idx].metadata && strcmp(t->fields[idx].metadata, "{}") != 0) {
                f->_metadata_case = SPARK__CONNECT__DATA_TYPE__STRUCT_FIELD___METADATA_METADATA;
                f->metadata = cx_proto_strdup(t->fields[idx].metadata);
            }
            s->fields[idx] = f;
        }
        break;
    }
    case TY_VARIANT:
    default:
        m->kind_case = SPARK__CONNECT__DATA_TYPE__KIND_VARIANT;
        CX_NEW_MSG(m->variant, Spark__Connect__DataType__Variant,
                   spark__connect__data_type__variant__init);
        break;
    }
    return m;
}

static void cx_proto_str_free(char *s)
{
    if (s && s != protobuf_c_empty_string)
        em_free(s);
}

void cx_data_type_free(Spark__Connect__DataType *m)
{
    if (!m)
        return;
    switch (m->kind_case) {
    case SPARK__CONNECT__DATA_TYPE__KIND_STRING:
        cx_proto_str_free(m->string->collation);
        break;
    case SPARK__CONNECT__DATA_TYPE__KIND_ARRAY:
        cx_data_type_free(m->array->element_type);
        break;
    case SPARK__CONNECT__DATA_TYPE__KIND_MAP:
        cx_data_type_free(m->map->key_type);
        cx_data_type_free(m->map->value_type);
        break;
    case SPARK__CONNECT__DATA_TYPE__KIND_STRUCT:
        for (size_t idx = 0; idx < m->struct_->n_fields; idx++) {
            Spark__Connect__DataType__StructField *f = m->struct_->fields[idx];
            cx_proto_str_free(f->name);
            if (f->_metadata_case)
                cx_proto_str_free(f->metadata);
            cx_data_type_free(f->data_type);
            em_free(f);
        }
        em_free(m->struct_->fields);
        break;
    default:
        break;
    }
    /* Every kind's submessage is one allocation, reachable through any union member. */
    if (m->kind_case != SPARK__CONNECT__DATA_TYPE__KIND__NOT_SET)
        em_free(m->null);
    em_free(m);
}
