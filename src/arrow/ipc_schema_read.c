/*
 * ipc_schema_read: the Schema table of an Arrow stream -> a tree of ipc_field (what the body
 * decoder needs to know about each array) and the Spark type each field maps to.
 *
 * The mapping is the read side of ipc.h. Every field is checked: a known type tag with legal
 * parameters, the right number of children for its layout (none for flat types, one for
 * lists, one Struct{key, value} for maps), a UTF-8 name without NUL bytes, a depth of at most
 * IPC_MAX_DEPTH, and at most max_fields fields in all (flatbuffers may point many times at one
 * table; the cap keeps such a schema from expanding exponentially).
 *
 * Types Spark cannot hold raise UNSUPPORTED_ARROWTYPE; impossible parameters are malformed.
 */
#include "arrow/ipc_int.h"

#include <stdio.h>
#include <string.h>

#include "common/em_mem.h"

typedef struct ipc_sread {
    em_arena *scratch;
    em_arena *arena;
    int64_t fields_left;
    ipc_field **dicts;
    int n_dicts, cap_dicts;
    em_error *err;
} ipc_sread;

static const char *ipc_unit_name(int unit)
{
    static const char *names[] = {"SECOND", "MILLISECOND", "MICROSECOND", "NANOSECOND"};
    return unit >= 0 && unit < 4 ? names[unit] : "?";
}

/* Reads the type parameters of f from its Type union member table. */
static int ipc_type_params(ipc_sread *r, ipc_field *f, const ipc_fb_table *tt)
{
    char name[96];
    switch (f->type_id) {
    case IPC_T_INT:
        f->bit_width = ipc_fb_get_i32(tt, IPC_INT_BIT_WIDTH, 0);
        f->is_signed = ipc_fb_get_bool(tt, IPC_INT_IS_SIGNED, false);
        if (f->bit_width != 8 && f->bit_width != 16 && f->bit_width != 32 && f->bit_width != 64)
            return ipc_malformed(r->err, "Int bit width %d", f->bit_width);
        return EM_OK;
    case IPC_T_FLOAT:
        f->precision = ipc_fb_get_i16(tt, IPC_FP_PRECISION, IPC_FP_HALF);
        if (f->precision < IPC_FP_HALF || f->precision > IPC_FP_DOUBLE)
            return ipc_malformed(r->err, "FloatingPoint precision %d", f->precision);
        return EM_OK;
    case IPC_T_DECIMAL:
        f->precision = ipc_fb_get_i32(tt, IPC_DECIMAL_PRECISION, 0);
        f->scale = ipc_fb_get_i32(tt, IPC_DECIMAL_SCALE, 0);
        f->bit_width = ipc_fb_get_i32(tt, IPC_DECIMAL_BIT_WIDTH, 128);
        snprintf(name, sizeof name, "Decimal(%d, %d, %d)", f->precision, f->scale, f->bit_width);
        if (f->bit_width == 256)
            return ipc_unsupported(r->err, name);
        if (f->bit_width != 32 && f->bit_width != 64 && f->bit_width != 128)
            return ipc_malformed(r->err, "Decimal bit width %d", f->bit_width);
        int max_p = f->bit_width == 32 ? 9 : f->bit_width == 64 ? 18 : TY_DECIMAL_MAX_PRECISION;
        if (f->precision < 1 || f->precision > max_p)
            return ipc_malformed(r->err, "Decimal precision %d", f->precision);
        if (f->scale < 0 || f->scale > f->precision)
            return ipc_unsupported(r->err, name);
        return EM_OK;
    case IPC_T_DATE:
        f->unit = ipc_fb_get_i16(tt, IPC_UNIT, IPC_DATE_MILLISECOND);
        if (f->unit != IPC_DATE_DAY && f->unit != IPC_DATE_MILLISECOND)
            return ipc_malformed(r->err, "Date unit %d", f->unit);
        return EM_OK;
    case IPC_T_TIMESTAMP:
    case IPC_T_DURATION: {
        int16_t def = f->type_id == IPC_T_TIMESTAMP ? IPC_TU_SECOND : IPC_TU_MILLISECOND;
        f->unit = ipc_fb_get_i16(tt, IPC_UNIT, def);
        if (f->unit < IPC_TU_SECOND || f->unit > IPC_TU_NANOSECOND)
            return ipc_malformed(r->err, "time unit %d", f->unit);
        if (f->type_id == IPC_T_TIMESTAMP) {
            const char *tz;
            uint32_t tz_len;
            ipc_fb_get_string(tt, IPC_TIMESTAMP_TIMEZONE, &tz, &tz_len);
            f->has_tz = tz_len > 0;
        }
        return EM_OK;
    }
    case IPC_T_INTERVAL:
        f->unit = ipc_fb_get_i16(tt, IPC_UNIT, IPC_IV_YEAR_MONTH);
        if (f->unit < IPC_IV_YEAR_MONTH || f->unit > IPC_IV_MONTH_DAY_NANO)
            return ipc_malformed(r->err, "Interval unit %d", f->unit);
        return EM_OK;
    case IPC_T_FIXED_SIZE_LIST:
    case IPC_T_FIXED_SIZE_BINARY:
        f->fixed_size = ipc_fb_get_i32(tt, IPC_FIXED_SIZE, 0);
        if (f->fixed_size < 0 || (f->type_id == IPC_T_FIXED_SIZE_BINARY && f->fixed_size == 0))
            return ipc_malformed(r->err, "fixed size %d", (int)f->fixed_size);
        return EM_OK;
    case IPC_T_TIME:
        f->unit = ipc_fb_get_i16(tt, IPC_UNIT, IPC_TU_MILLISECOND);
        f->bit_width = ipc_fb_get_i32(tt, IPC_TIME_BIT_WIDTH, 32);
        snprintf(name, sizeof name, "Time(%s, %d)", ipc_unit_name(f->unit), f->bit_width);
        return ipc_unsupported(r->err, name);
    case IPC_T_UNION:
        return ipc_unsupported(r->err, "Union");
    case IPC_T_RUN_END_ENCODED:
        return ipc_unsupported(r->err, "RunEndEncoded");
    case IPC_T_BINARY_VIEW:
        return ipc_unsupported(r->err, "BinaryView");
    case IPC_T_UTF8_VIEW:
        return ipc_unsupported(r->err, "Utf8View");
    case IPC_T_LIST_VIEW:
        return ipc_unsupported(r->err, "ListView");
    case IPC_T_LARGE_LIST_VIEW:
        return ipc_unsupported(r->err, "LargeListView");
    case IPC_T_NULL:
    case IPC_T_BINARY:
    case IPC_T_UTF8:
    case IPC_T_BOOL:
    case IPC_T_LIST:
    case IPC_T_STRUCT:
    case IPC_T_MAP:
    case IPC_T_LARGE_BINARY:
    case IPC_T_LARGE_UTF8:
    case IPC_T_LARGE_LIST:
        return EM_OK;
    default:
        return ipc_malformed(r->err, "unknown type tag %d", (int)f->type_id);
    }
}

/* The Spark type of f, its children already mapped. */
static int ipc_spark_type(ipc_sread *r, ipc_field *f)
{
    em_arena *a = r->arena;
    switch (f->type_id) {
    case IPC_T_NULL:
        f->type = ty_null();
        break;
    case IPC_T_BOOL:
        f->type = ty_boolean();
        break;
    case IPC_T_INT:
        switch (f->bit_width) {
        case 8:
            f->type = f->is_signed ? ty_byte() : ty_short();
            break;
        case 16:
            f->type = f->is_signed ? ty_short() : ty_int();
            break;
        case 32:
            f->type = f->is_signed ? ty_int() : ty_long();
            break;
        default:
            f->type = f->is_signed ? ty_long() : ty_decimal(a, 20, 0);
            break;
        }
        break;
    case IPC_T_FLOAT:
        f->type = f->precision == IPC_FP_DOUBLE ? ty_double() : ty_float();
        break;
    case IPC_T_DECIMAL:
        f->type = ty_decimal(a, f->precision, f->scale);
        break;
    case IPC_T_UTF8:
    case IPC_T_LARGE_UTF8:
        f->type = ty_string();
        break;
    case IPC_T_BINARY:
    case IPC_T_LARGE_BINARY:
    case IPC_T_FIXED_SIZE_BINARY:
        f->type = ty_binary();
        break;
    case IPC_T_DATE:
        f->type = ty_date();
        break;
    case IPC_T_TIMESTAMP:
        f->type = f->has_tz ? ty_timestamp() : ty_timestamp_ntz();
        break;
    case IPC_T_DURATION:
        f->type = ty_daytime_interval(a, TY_DT_DAY, TY_DT_SECOND);
        break;
    case IPC_T_INTERVAL:
        f->type = f->unit == IPC_IV_YEAR_MONTH ? ty_yearmonth_interval(a, TY_YM_YEAR, TY_YM_MONTH)
                                               : ty_calendar_interval_type();
        break;
    case IPC_T_LIST:
    case IPC_T_LARGE_LIST:
    case IPC_T_FIXED_SIZE_LIST:
        if (f->n_children != 1)
            return ipc_malformed(r->err, "list field with %d children", f->n_children);
        f->type = ty_array(a, f->children[0].type, f->children[0].nullable);
        break;
    case IPC_T_MAP: {
        const ipc_field *e = f->n_children == 1 ? &f->children[0] : NULL;
        if (!e || e->type_id != IPC_T_STRUCT || e->n_children != 2 || e->dict)
            return ipc_malformed(r->err, "map field without a Struct<key, value> child");
        f->type = ty_map(a, e->children[0].type, e->children[1].type, e->children[1].nullable);
        break;
    }
    case IPC_T_STRUCT: {
        ty_field *fields = f->n_children ? em_calloc((size_t)f->n_children, sizeof *fields) : NULL;
        for (int idx = 0; idx < f->n_children; idx++) {
            fields[idx].name = f->children[idx].name;
            fields[idx].type = f->children[idx].type;
            fields[idx].nullable = f->children[idx].nullable;
        }
        f->type = ty_struct(a, f->n_children, fields);
        em_free(fields);
        break;
    }
    default:
        return ipc_malformed(r->err, "unexpected type tag %d", (int)f->type_id);
    }
    return EM_OK;
}

static int ipc_dictionary_parse(ipc_sread *r, ipc_field *f, const ipc_fb_table *dt)
{
    f->dict = true;
    f->dict_id = ipc_fb_get_i64(dt, IPC_DICTENC_ID, 0);
    f->index_width = 32;
    f->index_signed = true;
    ipc_fb_table it;
    if (ipc_fb_get_table(dt, IPC_DICTENC_INDEX_TYPE, &it)) {
        f->index_width = ipc_fb_get_i32(&it, IPC_INT_BIT_WIDTH, 0);
        f->index_signed = ipc_fb_get_bool(&it, IPC_INT_IS_SIGNED, false);
    }
    if (f->index_width != 8 && f->index_width != 16 && f->index_width != 32 && f->index_width != 64)
        return ipc_malformed(r->err, "dictionary index bit width %d", f->index_width);
    if (r->n_dicts == r->cap_dicts) {
        r->cap_dicts = r->cap_dicts ? r->cap_dicts * 2 : 8;
        r->dicts = em_realloc(r->dicts, (size_t)r->cap_dicts * sizeof *r->dicts);
    }
    r->dicts[r->n_dicts++] = f;
    return EM_OK;
}

static int ipc_children_parse(ipc_sread *r, const ipc_fb_vec *kids, int depth, ipc_field **out,
                              int *n_out);

static int ipc_field_parse(ipc_sread *r, const ipc_fb_table *ft, int depth, ipc_field *f)
{
    if (depth > IPC_MAX_DEPTH)
        return ipc_malformed(r->err, "fields nested deeper than %d", IPC_MAX_DEPTH);
    if (--r->fields_left < 0)
        return ipc_malformed(r->err, "too many fields for the schema's size");
    memset(f, 0, sizeof *f);
    const char *name;
    uint32_t name_len;
    ipc_fb_get_string(ft, IPC_FIELD_NAME, &name, &name_len);
    if (name_len && (memchr(name, 0, name_len) || !ipc_utf8_valid((const uint8_t *)name, name_len)))
        return ipc_malformed(r->err, "field name is not valid UTF-8");
    f->name = em_arena_strndup(r->scratch, name ? name : "", name_len);
    f->nullable = ipc_fb_get_bool(ft, IPC_FIELD_NULLABLE, false);
    f->type_id = ipc_fb_get_u8(ft, IPC_FIELD_TYPE_TYPE, IPC_T_NONE);
    ipc_fb_table tt;
    if (!ipc_fb_get_table(ft, IPC_FIELD_TYPE, &tt) || f->type_id == IPC_T_NONE) {
        if (ft->fb->bad)
            return ipc_malformed(r->err, "%s", ft->fb->why);
        return ipc_malformed(r->err, "field `%s` has no type", f->name);
    }
    int rc = ipc_type_params(r, f, &tt);
    if (rc != EM_OK)
        return rc;
    ipc_fb_table dt;
    if (ipc_fb_get_table(ft, IPC_FIELD_DICTIONARY, &dt)) {
        rc = ipc_dictionary_parse(r, f, &dt);
        if (rc != EM_OK)
            return rc;
    }
    ipc_fb_vec kids;
    ipc_fb_get_vector(ft, IPC_FIELD_CHILDREN, 4, &kids);
    if (ft->fb->bad)
        return ipc_malformed(r->err, "%s", ft->fb->why);
    bool nested = f->type_id == IPC_T_LIST || f->type_id == IPC_T_LARGE_LIST ||
                  f->type_id == IPC_T_FIXED_SIZE_LIST || f->type_id == IPC_T_MAP ||
                  f->type_id == IPC_T_STRUCT;
    if (!nested && kids.n)
        return ipc_malformed(r->err, "field `%s` of a flat type has children", f->name);
    rc = ipc_children_parse(r, &kids, depth, &f->children, &f->n_children);
    if (rc != EM_OK)
        return rc;
    if (ft->fb->bad)
        return ipc_malformed(r->err, "%s", ft->fb->why);
    return ipc_spark_type(r, f);
}

static int ipc_children_parse(ipc_sread *r, const ipc_fb_vec *kids, int depth, ipc_field **out,
                              int *n_out)
{
    *out = NULL;
    *n_out = 0;
    if (kids->n == 0)
        return EM_OK;
    if ((int64_t)kids->n > r->fields_left)
        return ipc_malformed(r->err, "too many fields for the schema's size");
    ipc_field *fields = em_arena_calloc(r->scratch, kids->n, sizeof *fields);
    for (uint32_t idx = 0; idx < kids->n; idx++) {
        ipc_fb_table ft;
        if (!ipc_fb_vec_table(kids, idx, &ft))
            return ipc_malformed(r->err, "%s", kids->fb->why ? kids->fb->why : "bad field");
        int rc = ipc_field_parse(r, &ft, depth + 1, &fields[idx]);
        if (rc != EM_OK)
            return rc;
    }
    *out = fields;
    *n_out = (int)kids->n;
    return EM_OK;
}

int ipc_schema_parse(const ipc_fb_table *schema, em_arena *scratch, em_arena *arena,
                     int64_t max_fields, ipc_schema *out, em_error *err)
{
    memset(out, 0, sizeof *out);
    ipc_sread r = {.scratch = scratch, .arena = arena, .fields_left = max_fields, .err = err};
    if (ipc_fb_get_i16(schema, IPC_SCHEMA_ENDIANNESS, 0) != 0)
        return ipc_unsupported(err, "big-endian schema");
    ipc_fb_vec fields;
    ipc_fb_get_vector(schema, IPC_SCHEMA_FIELDS, 4, &fields);
    if (schema->fb->bad)
        return ipc_malformed(err, "%s", schema->fb->why);
    int rc = ipc_children_parse(&r, &fields, 0, &out->fields, &out->n_fields);
    if (rc == EM_OK) {
        ty_field *tf = out->n_fields ? em_calloc((size_t)out->n_fields, sizeof *tf) : NULL;
        for (int idx = 0; idx < out->n_fields; idx++) {
            tf[idx].name = out->fields[idx].name;
            tf[idx].type = out->fields[idx].type;
            tf[idx].nullable = out->fields[idx].nullable;
        }
        out->type = ty_struct(arena, out->n_fields, tf);
        em_free(tf);
        if (r.n_dicts) {
            out->dict_fields = em_arena_alloc(scratch, (size_t)r.n_dicts * sizeof(ipc_field *));
            memcpy(out->dict_fields, r.dicts, (size_t)r.n_dicts * sizeof(ipc_field *));
            out->n_dict_fields = r.n_dicts;
        }
    }
    em_free(r.dicts);
    return rc;
}
