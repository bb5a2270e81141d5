/*
 * ipc_schema_write: Spark types -> the Schema table of an Arrow Schema message.
 *
 * The mapping is the one in ipc.h (and types/ty.h). Nested layouts follow Spark's
 * ArrowUtils: a list's child is "element" (nullable = containsNull); a map is
 * Map(keysSorted=false) with one non-null child "entries" of type Struct{"key" non-null,
 * "value" nullable = valueContainsNull}. Inside nested structs, names that occur more than
 * once are renamed "<name>_<k>" (k counting the occurrences of that name from 0), as Spark
 * does before it writes results; top-level names are kept as they are.
 *
 * Building is recursive and bounded by IPC_MAX_DEPTH; flatbuffers want children first, so
 * each field builds its children, its name and its type table before its own table.
 */
#include "arrow/ipc_int.h"

#include <stdio.h>
#include <string.h>

#include "common/em_mem.h"

/* Builds the member table of the Type union for t. */
static int ipc_type_build(ipc_fb_builder *b, const ty *t, const char *tz, uint8_t *tag,
                          ipc_fb_ref *out, em_error *err)
{
    ipc_fb_ref tz_ref = 0;
    if (t->kind == TY_TIMESTAMP)
        tz_ref = ipc_fb_string(b, tz, strlen(tz));
    ipc_fb_table_start(b);
    switch (t->kind) {
    case TY_NULL:
        *tag = IPC_T_NULL;
        break;
    case TY_BOOLEAN:
        *tag = IPC_T_BOOL;
        break;
    case TY_BYTE:
    case TY_SHORT:
    case TY_INT:
    case TY_LONG:
        *tag = IPC_T_INT;
        ipc_fb_add_i32(b, IPC_INT_BIT_WIDTH, ty_fixed_width(t) * 8);
        ipc_fb_add_u8(b, IPC_INT_IS_SIGNED, 1);
        break;
    case TY_FLOAT:
    case TY_DOUBLE:
        *tag = IPC_T_FLOAT;
        ipc_fb_add_i16(b, IPC_FP_PRECISION, t->kind == TY_FLOAT ? IPC_FP_SINGLE : IPC_FP_DOUBLE);
        break;
    case TY_DECIMAL:
        *tag = IPC_T_DECIMAL;
        ipc_fb_add_i32(b, IPC_DECIMAL_PRECISION, t->precision);
        ipc_fb_add_i32(b, IPC_DECIMAL_SCALE, t->scale);
        ipc_fb_add_i32(b, IPC_DECIMAL_BIT_WIDTH, 128);
        break;
    case TY_STRING:
    case TY_CHAR:
    case TY_VARCHAR:
        *tag = IPC_T_UTF8;
        break;
    case TY_BINARY:
        *tag = IPC_T_BINARY;
        break;
    case TY_DATE:
        *tag = IPC_T_DATE;
        ipc_fb_add_i16(b, IPC_UNIT, IPC_DATE_DAY);
        break;
    case TY_TIMESTAMP:
    case TY_TIMESTAMP_NTZ:
        *tag = IPC_T_TIMESTAMP;
        ipc_fb_add_i16(b, IPC_UNIT, IPC_TU_MICROSECOND);
        if (t->kind == TY_TIMESTAMP)
            ipc_fb_add_ref(b, IPC_TIMESTAMP_TIMEZONE, tz_ref);
        break;
    case TY_DAYTIME_INTERVAL:
        *tag = IPC_T_DURATION;
        ipc_fb_add_i16(b, IPC_UNIT, IPC_TU_MICROSECOND);
        break;
    case TY_YEARMONTH_INTERVAL:
        *tag = IPC_T_INTERVAL;
        ipc_fb_add_i16(b, IPC_UNIT, IPC_IV_YEAR_MONTH);
        break;
    case TY_CALENDAR_INTERVAL:
        *tag = IPC_T_INTERVAL;
        ipc_fb_add_i16(b, IPC_UNIT, IPC_IV_MONTH_DAY_NANO);
        break;
    case TY_ARRAY:
        *tag = IPC_T_LIST;
        break;
    case TY_MAP:
        *tag = IPC_T_MAP;
        ipc_fb_add_u8(b, IPC_MAP_KEYS_SORTED, 0);
        break;
    case TY_STRUCT:
        *tag = IPC_T_STRUCT;
        break;
    default:
        ipc_fb_table_end(b);
        return em_error_internal(err, "cannot encode Spark type kind %d as Arrow", (int)t->kind);
    }
    *out = ipc_fb_table_end(b);
    return EM_OK;
}

/* The Field table itself, once its parts exist. */
static ipc_fb_ref ipc_field_table(ipc_fb_builder *b, ipc_fb_ref name, bool nullable, uint8_t tag,
                                  ipc_fb_ref type, ipc_fb_ref children)
{
    ipc_fb_table_start(b);
    ipc_fb_add_ref(b, IPC_FIELD_NAME, name);
    ipc_fb_add_u8(b, IPC_FIELD_NULLABLE, nullable ? 1 : 0);
    ipc_fb_add_u8(b, IPC_FIELD_TYPE_TYPE, tag);
    ipc_fb_add_ref(b, IPC_FIELD_TYPE, type);
    ipc_fb_add_ref(b, IPC_FIELD_CHILDREN, children);
    return ipc_fb_table_end(b);
}

static int ipc_field_build(ipc_fb_builder *b, const char *name, size_t name_len, const ty *t,
                           bool nullable, const char *tz, int depth, ipc_fb_ref *out,
                           em_error *err);

/*
 * Builds the child fields of a struct, renaming duplicates as Spark does for nested structs.
 */
static int ipc_struct_children(ipc_fb_builder *b, const ty *t, const char *tz, int depth,
                               ipc_fb_ref *refs, em_error *err)
{
    em_str name;
    em_str_init(&name, 0);
    int rc = EM_OK;
    for (int idx = 0; idx < t->n_fields && rc == EM_OK; idx++) {
        const ty_field *f = &t->fields[idx];
        const char *fname = f->name ? f->name : "";
        int n_same = 0, nth = 0;
        for (int other = 0; other < t->n_fields; other++) {
            const char *oname = t->fields[other].name ? t->fields[other].name : "";
            if (strcmp(oname, fname) == 0) {
                if (other < idx)
                    nth++;
                n_same++;
            }
        }
        em_str_reset(&name);
        em_str_puts(&name, fname);
        if (n_same > 1)
            em_str_printf(&name, "_%d", nth);
        rc = ipc_field_build(b, name.data ? name.data : "", name.len, f->type, f->nullable, tz,
                             depth + 1, &refs[idx], err);
    }
    em_str_release(&name);
    return rc;
}

static int ipc_field_build(ipc_fb_builder *b, const char *name, size_t name_len, const ty *t,
                           bool nullable, const char *tz, int depth, ipc_fb_ref *out, em_error *err)
{
    if (depth > IPC_MAX_DEPTH)
        return em_error_internal(err, "type nesting deeper than %d cannot be encoded as Arrow",
                                 IPC_MAX_DEPTH);
    int n_children = 0;
    ipc_fb_ref *children = NULL;
    int rc = EM_OK;
    switch (t->kind) {
    case TY_ARRAY:
        n_children = 1;
        children = em_calloc(1, sizeof *children);
        rc = ipc_field_build(b, "element", 7, t->elem, t->contains_null, tz, depth + 1,
                             &children[0], err);
        break;
    case TY_MAP: {
        ipc_fb_ref kv[2];
        rc = ipc_field_build(b, "key", 3, t->key, false, tz, depth + 2, &kv[0], err);
        if (rc == EM_OK)
            rc = ipc_field_build(b, "value", 5, t->value, t->value_contains_null, tz, depth + 2,
                                 &kv[1], err);
        if (rc != EM_OK)
            break;
        ipc_fb_ref kv_vec = ipc_fb_vector_refs(b, kv, 2);
        ipc_fb_ref entries_name = ipc_fb_string(b, "entries", 7);
        ipc_fb_table_start(b);
        ipc_fb_ref struct_type = ipc_fb_table_end(b);
        n_children = 1;
        children = em_calloc(1, sizeof *children);
        children[0] = ipc_field_table(b, entries_name, false, IPC_T_STRUCT, struct_type, kv_vec);
        break;
    }
    case TY_STRUCT:
        n_children = t->n_fields;
        children = n_children ? em_calloc((size_t)n_children, sizeof *children) : NULL;
        rc = ipc_struct_children(b, t, tz, depth, children, err);
        break;
    default:
        break;
    }
    if (rc == EM_OK) {
        ipc_fb_ref child_vec = ipc_fb_vector_refs(b, children, (size_t)n_children);
        ipc_fb_ref name_ref = ipc_fb_string(b, name, name_len);
        uint8_t tag = 0;
        ipc_fb_ref type_ref = 0;
        rc = ipc_type_build(b, t, tz, &tag, &type_ref, err);
        if (rc == EM_OK)
            *out = ipc_field_table(b, name_ref, nullable, tag, type_ref, child_vec);
    }
    em_free(children);
    return rc;
}

int ipc_schema_build(ipc_fb_builder *b, const ty *schema, const char *timezone, ipc_fb_ref *out,
                     em_error *err)
{
    if (!schema || schema->kind != TY_STRUCT)
        return em_error_internal(err, "Arrow schema must be a struct type");
    const char *tz = timezone && *timezone ? timezone : "UTC"; /* "" would read as no zone */
    int n = schema->n_fields;
    ipc_fb_ref *fields = n ? em_calloc((size_t)n, sizeof *fields) : NULL;
    int rc = EM_OK;
    for (int idx = 0; idx < n && rc == EM_OK; idx++) {
        const ty_field *f = &schema->fields[idx];
        const char *fname = f->name ? f->name : "";
        rc = ipc_field_build(b, fname, strlen(fname), f->type, f->nullable, tz, 1, &fields[idx],
                             err);
    }
    if (rc == EM_OK) {
        ipc_fb_ref field_vec = ipc_fb_vector_refs(b, fields, (size_t)n);
        ipc_fb_table_start(b);
        ipc_fb_add_i16(b, IPC_SCHEMA_ENDIANNESS, 0 /* Little */);
        ipc_fb_add_ref(b, IPC_SCHEMA_FIELDS, field_vec);
        *out = ipc_fb_table_end(b);
    }
    em_free(fields);
    return rc;
}
