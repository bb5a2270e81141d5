/*
 * cl_types.c: Spark data types on the client side — the DataType protobuf the server sends
 * (AnalyzePlan schema / ddl_parse, ExecutePlanResponse.schema) converted to Ember's ty, and
 * both forms rendered as the JSON PySpark writes for StructType.json():
 * json.dumps(jsonValue(), separators=(",", ":"), sort_keys=True) — compact, keys sorted,
 * non-ASCII escaped as \uXXXX (ensure_ascii).
 *
 * Names follow PySpark's typeName/simpleString: "long", "integer", "short", "byte", "float",
 * "double", "decimal(p,s)", "string" ("string collate X" when not UTF8_BINARY), "char(n)",
 * "varchar(n)", "binary", "boolean", "date", "timestamp", "timestamp_ntz", "void",
 * "interval", "interval day to second", "interval year to month", "variant".
 */
#include <stdio.h>
#include <string.h>

#include "client/cl_int.h"
#include "common/em_mem.h"
#include "types/ty.h"

/* json.dumps(s, ensure_ascii=True) for UTF-8 input. */
static void cl_json_str(em_str *out, const char *s)
{
    em_str_putc(out, '"');
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    while (*p) {
        unsigned c = *p;
        if (c == '"') {
            em_str_puts(out, "\\\"");
            p++;
        } else if (c == '\\') {
            em_str_puts(out, "\\\\");
            p++;
        } else if (c == '\n') {
            em_str_puts(out, "\\n");
            p++;
        } else if (c == '\r') {
            em_str_puts(out, "\\r");
            p++;
        } else if (c == '\t') {
            em_str_puts(out, "\\t");
            p++;
        } else if (c == '\b') {
            em_str_puts(out, "\\b");
            p++;
        } else if (c == '\f') {
            em_str_puts(out, "\\f");
            p++;
        } else if (c < 0x20) {
            em_str_printf(out, "\\u%04x", c);
            p++;
        } else if (c < 0x80) {
            em_str_putc(out, (char)c);
            p++;
        } else {
            unsigned cp;
            int extra;
            if ((c & 0xE0) == 0xC0) {
                cp = c & 0x1F;
                extra = 1;
            } else if ((c & 0xF0) == 0xE0) {
                cp = c & 0x0F;
                extra = 2;
            } else if ((c & 0xF8) == 0xF0) {
                cp = c & 0x07;
                extra = 3;
            } else {
                cp = 0xFFFD;
                extra = 0;
            }
            p++;
            for (int idx = 0; idx < extra && (*p & 0xC0) == 0x80; idx++)
                cp = (cp << 6) | (*p++ & 0x3F);
            if (cp >= 0x10000) {
                cp -= 0x10000;
                em_str_printf(out, "\\u%04x\\u%04x", 0xD800 + (cp >> 10), 0xDC00 + (cp & 0x3FF));
            } else {
                em_str_printf(out, "\\u%04x", cp);
            }
        }
    }
    em_str_putc(out, '"');
}

static const char *cl_dt_field_name(int f, bool year_month)
{
    static const char *const ym[] = {"year", "month"};
    static const char *const dt[] = {"day", "hour", "minute", "second"};
    if (year_month)
        return (f >= 0 && f < 2) ? ym[f] : "year";
    return (f >= 0 && f < 4) ? dt[f] : "day";
}

static void cl_interval_name(em_str *out, int start, int end, bool year_month)
{
    em_str_putc(out, '"');
    if (start == end)
        em_str_printf(out, "interval %s", cl_dt_field_name(start, year_month));
    else
        em_str_printf(out, "interval %s to %s", cl_dt_field_name(start, year_month),
                      cl_dt_field_name(end, year_month));
    em_str_putc(out, '"');
}

/* ----------------------------------------------------------------------- proto -> JSON ---- */

int cl_types_json(const Spark__Connect__DataType *dt, em_str *out, ember_error *err)
{
    switch (dt->kind_case) {
    case SPARK__CONNECT__DATA_TYPE__KIND_NULL:
        em_str_puts(out, "\"void\"");
        return EMBER_OK;
    case SPARK__CONNECT__DATA_TYPE__KIND_BINARY:
        em_str_puts(out, "\"binary\"");
        return EMBER_OK;
    case SPARK__CONNECT__DATA_TYPE__KIND_BOOLEAN:
        em_str_puts(out, "\"boolean\"");
        return EMBER_OK;
    case SPARK__CONNECT__DATA_TYPE__KIND_BYTE:
        em_str_puts(out, "\"byte\"");
        return EMBER_OK;
    case SPARK__CONNECT__DATA_TYPE__KIND_SHORT:
        em_str_puts(out, "\"short\"");
        return EMBER_OK;
    case SPARK__CONNECT__DATA_TYPE__KIND_INTEGER:
        em_str_puts(out, "\"integer\"");
        return EMBER_OK;
    case SPARK__CONNECT__DATA_TYPE__KIND_LONG:
        em_str_puts(out, "\"long\"");
        return EMBER_OK;
    case SPARK__CONNECT__DATA_TYPE__KIND_FLOAT:
        em_str_puts(out, "\"float\"");
        return EMBER_OK;
    case SPARK__CONNECT__DATA_TYPE__KIND_DOUBLE:
        em_str_puts(out, "\"double\"");
        return EMBER_OK;
    case SPARK__CONNECT__DATA_TYPE__KIND_DECIMAL: {
        const Spark__Connect__DataType__Decimal *d = dt->decimal;
        int p = d->_precision_case ? d->precision : 10;
        int s = d->_scale_case ? d->scale : 0;
        em_str_printf(out, "\"decimal(%d,%d)\"", p, s);
        return EMBER_OK;
    }
    case SPARK__CONNECT__DATA_TYPE__KIND_STRING: {
        const char *coll = dt->string->collation;
        if (coll && *coll && strcmp(coll, "UTF8_BINARY") != 0) {
            em_str s;
            em_str_init(&s, 0);
            em_str_printf(&s, "string collate %s", coll);
            cl_json_str(out, s.data);
            em_str_release(&s);
        } else {
            em_str_puts(out, "\"string\"");
        }
        return EMBER_OK;
    }
    case SPARK__CONNECT__DATA_TYPE__KIND_CHAR:
        em_str_printf(out, "\"char(%d)\"", dt->char_->length);
        return EMBER_OK;
    case SPARK__CONNECT__DATA_TYPE__KIND_VAR_CHAR:
        em_str_printf(out, "\"varchar(%d)\"", dt->var_char->length);
        return EMBER_OK;
    case SPARK__CONNECT__DATA_TYPE__KIND_DATE:
        em_str_puts(out, "\"date\"");
        return EMBER_OK;
    case SPARK__CONNECT__DATA_TYPE__KIND_TIMESTAMP:
        em_str_puts(out, "\"timestamp\"");
        return EMBER_OK;
    case SPARK__CONNECT__DATA_TYPE__KIND_TIMESTAMP_NTZ:
        em_str_puts(out, "\"timestamp_ntz\"");
        return EMBER_OK;
    case SPARK__CONNECT__DATA_TYPE__KIND_CALENDAR_INTERVAL:
        em_str_puts(out, "\"interval\"");
        return EMBER_OK;
    case SPARK__CONNECT__DATA_TYPE__KIND_YEAR_MONTH_INTERVAL: {
        const Spark__Connect__DataType__YearMonthInterval *y = dt->year_month_interval;
        int s = y->_start_field_case ? y->start_field : 0;
        int e = y->_end_field_case ? y->end_field : 1;
        cl_interval_name(out, s, e, true);
        return EMBER_OK;
    }
    case SPARK__CONNECT__DATA_TYPE__KIND_DAY_TIME_INTERVAL: {
        const Spark__Connect__DataType__DayTimeInterval *d = dt->day_time_interval;
        int s = d->_start_field_case ? d->start_field : 0;
        int e = d->_end_field_case ? d->end_field : 3;
        cl_interval_name(out, s, e, false);
        return EMBER_OK;
    }
    case SPARK__CONNECT__DATA_TYPE__KIND_VARIANT:
        em_str_puts(out, "\"variant\"");
        return EMBER_OK;
    case SPARK__CONNECT__DATA_TYPE__KIND_ARRAY: {
        if (!dt->array->element_type)
            break;
        em_str_printf(out, "{\"containsNull\":%s,\"elementType\":",
                      dt->array->contains_null ? "true" : "false");
        int rc = cl_types_json(dt->array->element_type, out, err);
        em_str_puts(out, ",\"type\":\"array\"}");
        return rc;
    }
    case SPARK__CONNECT__DATA_TYPE__KIND_MAP: {
        if (!dt->map->key_type || !dt->map->value_type)
            break;
        em_str_puts(out, "{\"keyType\":");
        int rc = cl_types_json(dt->map->key_type, out, err);
        em_str_printf(out, ",\"type\":\"map\",\"valueContainsNull\":%s,\"valueType\":",
                      dt->map->value_contains_null ? "true" : "false");
        if (rc == EMBER_OK)
            rc = cl_types_json(dt->map->value_type, out, err);
        em_str_putc(out, '}');
        return rc;
    }
    case SPARK__CONNECT__DATA_TYPE__KIND_STRUCT: {
        em_str_puts(out, "{\"fields\":[");
        for (size_t idx = 0; idx < dt->struct_->n_fields; idx++) {
            const Spark__Connect__DataType__StructField *f = dt->struct_->fields[idx];
            if (!f->data_type)
                return cl_error_set(err, EMBER_EPROTOCOL, NULL, "struct field without a type");
            if (idx)
                em_str_putc(out, ',');
            em_str_puts(out, "{\"metadata\":");
            em_str_puts(out, f->_metadata_case && f->metadata && *f->metadata ? f->metadata : "{}");
            em_str_puts(out, ",\"name\":");
            cl_json_str(out, f->name);
            em_str_printf(out, ",\"nullable\":%s,\"type\":", f->nullable ? "true" : "false");
            int rc = cl_types_json(f->data_type, out, err);
            if (rc != EMBER_OK)
                return rc;
            em_str_putc(out, '}');
        }
        em_str_puts(out, "],\"type\":\"struct\"}");
        return EMBER_OK;
    }
    default:
        break;
    }
    return cl_error_set(err, EMBER_EPROTOCOL, NULL, "unsupported DataType kind %d",
                        (int)dt->kind_case);
}

/* ------------------------------------------------------------------------- proto -> ty ---- */

const ty *cl_types_to_ty(const Spark__Connect__DataType *dt, em_arena *a, ember_error *err)
{
    switch (dt->kind_case) {
    case SPARK__CONNECT__DATA_TYPE__KIND_NULL:
        return ty_null();
    case SPARK__CONNECT__DATA_TYPE__KIND_BINARY:
        return ty_binary();
    case SPARK__CONNECT__DATA_TYPE__KIND_BOOLEAN:
        return ty_boolean();
    case SPARK__CONNECT__DATA_TYPE__KIND_BYTE:
        return ty_byte();
    case SPARK__CONNECT__DATA_TYPE__KIND_SHORT:
        return ty_short();
    case SPARK__CONNECT__DATA_TYPE__KIND_INTEGER:
        return ty_int();
    case SPARK__CONNECT__DATA_TYPE__KIND_LONG:
        return ty_long();
    case SPARK__CONNECT__DATA_TYPE__KIND_FLOAT:
        return ty_float();
    case SPARK__CONNECT__DATA_TYPE__KIND_DOUBLE:
        return ty_double();
    case SPARK__CONNECT__DATA_TYPE__KIND_DECIMAL: {
        int p = dt->decimal->_precision_case ? dt->decimal->precision : 10;
        int s = dt->decimal->_scale_case ? dt->decimal->scale : 0;
        if (p < 1 || p > TY_DECIMAL_MAX_PRECISION || s < 0 || s > p)
            break;
        return ty_decimal(a, p, s);
    }
    case SPARK__CONNECT__DATA_TYPE__KIND_STRING:
    case SPARK__CONNECT__DATA_TYPE__KIND_CHAR:
    case SPARK__CONNECT__DATA_TYPE__KIND_VAR_CHAR:
        return ty_string(); /* results carry char/varchar as plain strings */
    case SPARK__CONNECT__DATA_TYPE__KIND_DATE:
        return ty_date();
    case SPARK__CONNECT__DATA_TYPE__KIND_TIMESTAMP:
        return ty_timestamp();
    case SPARK__CONNECT__DATA_TYPE__KIND_TIMESTAMP_NTZ:
        return ty_timestamp_ntz();
    case SPARK__CONNECT__DATA_TYPE__KIND_CALENDAR_INTERVAL:
        return ty_calendar_interval_type();
    case SPARK__CONNECT__DATA_TYPE__KIND_YEAR_MONTH_INTERVAL: {
        const Spark__Connect__DataType__YearMonthInterval *y = dt->year_month_interval;
        return ty_yearmonth_interval(a, y->_start_field_case ? y->start_field : 0,
                                     y->_end_field_case ? y->end_field : 1);
    }
    case SPARK__CONNECT__DATA_TYPE__KIND_DAY_TIME_INTERVAL: {
        const Spark__Connect__DataType__DayTimeInterval *d = dt->day_time_interval;
        return ty_daytime_interval(a, d->_start_field_case ? d->start_field : 0,
                                   d->_end_field_case ? d->end_field : 3);
    }
    case SPARK__CONNECT__DATA_TYPE__KIND_ARRAY: {
        if (!dt->array->element_type)
            break;
        const ty *e = cl_types_to_ty(dt->array->element_type, a, err);
        return e ? ty_array(a, e, dt->array->contains_null) : NULL;
    }
    case SPARK__CONNECT__DATA_TYPE__KIND_MAP: {
        if (!dt->map->key_type || !dt->map->value_type)
            break;
        const ty *k = cl_types_to_ty(dt->map->key_type, a, err);
        const ty *v = k ? cl_types_to_ty(dt->map->value_type, a, err) : NULL;
        return v ? ty_map(a, k, v, dt->map->value_contains_null) : NULL;
    }
    case SPARK__CONNECT__DATA_TYPE__KIND_STRUCT: {
        size_t n = dt->struct_->n_fields;
        ty_field *fields = em_arena_calloc(a, n ? n : 1, sizeof(ty_field));
        for (size_t idx = 0; idx < n; idx++) {
            const Spark__Connect__DataType__StructField *f = dt->struct_->fields[idx];
            if (!f->data_type)
                break;
            fields[idx].name = f->name;
            fields[idx].nullable = f->nullable;
            fields[idx].type = cl_types_to_ty(f->data_type, a, err);
            if (!fields[idx].type)
                return NULL;
        }
        return ty_struct(a, (int)n, fields);
    }
    default:
        break;
    }
    cl_error_set(err, EMBER_EPROTOCOL, NULL, "unsupported DataType kind %d", (int)dt->kind_case);
    return NULL;
}

/* ----------------------------------------------------------------------------- ty -> JSON -- */

void cl_types_ty_json(const ty *t, em_str *out)
{
    switch (t->kind) {
    case TY_ARRAY:
        em_str_printf(out,
                      "{\"containsNull\":%s,\"elementType\":", t->contains_null ? "true" : "false");
        cl_types_ty_json(t->elem, out);
        em_str_puts(out, ",\"type\":\"array\"}");
        return;
    case TY_MAP:
        em_str_puts(out, "{\"keyType\":");
        cl_types_ty_json(t->key, out);
        em_str_printf(out, ",\"type\":\"map\",\"valueContainsNull\":%s,\"valueType\":",
                      t->value_contains_null ? "true" : "false");
        cl_types_ty_json(t->value, out);
        em_str_putc(out, '}');
        return;
    case TY_STRUCT:
        em_str_puts(out, "{\"fields\":[");
        for (int idx = 0; idx < t->n_fields; idx++) {
            if (idx)
                em_str_putc(out, ',');
            em_str_puts(out, "{\"metadata\":");
            em_str_puts(out, t->fields[idx].metadata ? t->fields[idx].metadata : "{}");
            em_str_puts(out, ",\"name\":");
            cl_json_str(out, t->fields[idx].name);
            em_str_printf(out,
                          ",\"nullable\":%s,\"type\":", t->fields[idx].nullable ? "true" : "false");
            cl_types_ty_json(t->fields[idx].type, out);
            em_str_putc(out, '}');
        }
        em_str_puts(out, "],\"type\":\"struct\"}");
        return;
    case TY_NULL:
        em_str_puts(out, "\"void\"");
        return;
    case TY_DAYTIME_INTERVAL:
        cl_interval_name(out, t->start_field, t->end_field, false);
        return;
    case TY_YEARMONTH_INTERVAL:
        cl_interval_name(out, t->start_field, t->end_field, true);
        return;
    case TY_CALENDAR_INTERVAL:
        em_str_puts(out, "\"interval\"");
        return;
    default: {
        /* Spark's typeName equals PySpark's for the remaining kinds. */
        em_str name;
        em_str_init(&name, 0);
        ty_type_name(t, &name);
        cl_json_str(out, name.data);
        em_str_release(&name);
        return;
    }
    }
}
