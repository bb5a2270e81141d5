/*
 * ty: construction, comparison and Spark's textual forms of data types (see ty.h).
 */
#include "types/ty.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#define TY_STATIC(k)                                                                               \
    {                                                                                              \
        .kind = (k)                                                                                \
    }

static const ty ty_singletons[] = {
    [TY_NULL] = TY_STATIC(TY_NULL),
    [TY_BOOLEAN] = TY_STATIC(TY_BOOLEAN),
    [TY_BYTE] = TY_STATIC(TY_BYTE),
    [TY_SHORT] = TY_STATIC(TY_SHORT),
    [TY_INT] = TY_STATIC(TY_INT),
    [TY_LONG] = TY_STATIC(TY_LONG),
    [TY_FLOAT] = TY_STATIC(TY_FLOAT),
    [TY_DOUBLE] = TY_STATIC(TY_DOUBLE),
    [TY_STRING] = TY_STATIC(TY_STRING),
    [TY_BINARY] = TY_STATIC(TY_BINARY),
    [TY_DATE] = TY_STATIC(TY_DATE),
    [TY_TIMESTAMP] = TY_STATIC(TY_TIMESTAMP),
    [TY_TIMESTAMP_NTZ] = TY_STATIC(TY_TIMESTAMP_NTZ),
    [TY_CALENDAR_INTERVAL] = TY_STATIC(TY_CALENDAR_INTERVAL),
    [TY_VARIANT] = TY_STATIC(TY_VARIANT),
};

const ty *ty_null(void)
{
    return &ty_singletons[TY_NULL];
}
const ty *ty_boolean(void)
{
    return &ty_singletons[TY_BOOLEAN];
}
const ty *ty_byte(void)
{
    return &ty_singletons[TY_BYTE];
}
const ty *ty_short(void)
{
    return &ty_singletons[TY_SHORT];
}
const ty *ty_int(void)
{
    return &ty_singletons[TY_INT];
}
const ty *ty_long(void)
{
    return &ty_singletons[TY_LONG];
}
const ty *ty_float(void)
{
    return &ty_singletons[TY_FLOAT];
}
const ty *ty_double(void)
{
    return &ty_singletons[TY_DOUBLE];
}
const ty *ty_string(void)
{
    return &ty_singletons[TY_STRING];
}
const ty *ty_binary(void)
{
    return &ty_singletons[TY_BINARY];
}
const ty *ty_date(void)
{
    return &ty_singletons[TY_DATE];
}
const ty *ty_timestamp(void)
{
    return &ty_singletons[TY_TIMESTAMP];
}
const ty *ty_timestamp_ntz(void)
{
    return &ty_singletons[TY_TIMESTAMP_NTZ];
}
const ty *ty_calendar_interval_type(void)
{
    return &ty_singletons[TY_CALENDAR_INTERVAL];
}
const ty *ty_variant(void)
{
    return &ty_singletons[TY_VARIANT];
}

const ty *ty_primitive(ty_kind kind)
{
    switch (kind) {
    case TY_NULL:
    case TY_BOOLEAN:
    case TY_BYTE:
    case TY_SHORT:
    case TY_INT:
    case TY_LONG:
    case TY_FLOAT:
    case TY_DOUBLE:
    case TY_STRING:
    case TY_BINARY:
    case TY_DATE:
    case TY_TIMESTAMP:
    case TY_TIMESTAMP_NTZ:
    case TY_CALENDAR_INTERVAL:
    case TY_VARIANT:
        return &ty_singletons[kind];
    default:
        return NULL;
    }
}

static ty *ty_alloc(em_arena *a, ty_kind kind)
{
    ty *t = em_arena_calloc(a, 1, sizeof *t);
    t->kind = kind;
    return t;
}

const ty *ty_decimal(em_arena *a, int precision, int scale)
{
    ty *t = ty_alloc(a, TY_DECIMAL);
    t->precision = precision;
    t->scale = scale;
    return t;
}

const ty *ty_char(em_arena *a, ty_kind kind, int length)
{
    ty *t = ty_alloc(a, kind);
    t->length = length;
    return t;
}

const ty *ty_string_collated(em_arena *a, const char *collation)
{
    if (!collation || strcmp(collation, "UTF8_BINARY") == 0)
        return ty_string();
    ty *t = ty_alloc(a, TY_STRING);
    t->collation = em_arena_strdup(a, collation);
    return t;
}

const ty *ty_daytime_interval(em_arena *a, int start_field, int end_field)
{
    ty *t = ty_alloc(a, TY_DAYTIME_INTERVAL);
    t->start_field = start_field;
    t->end_field = end_field;
    return t;
}

const ty *ty_yearmonth_interval(em_arena *a, int start_field, int end_field)
{
    ty *t = ty_alloc(a, TY_YEARMONTH_INTERVAL);
    t->start_field = start_field;
    t->end_field = end_field;
    return t;
}

const ty *ty_array(em_arena *a, const ty *elem, bool contains_null)
{
    ty *t = ty_alloc(a, TY_ARRAY);
    t->elem = elem;
    t->contains_null = contains_null;
    return t;
}

const ty *ty_map(em_arena *a, const ty *key, const ty *value, bool value_contains_null)
{
    ty *t = ty_alloc(a, TY_MAP);
    t->key = key;
    t->value = value;
    t->value_contains_null = value_contains_null;
    return t;
}

const ty *ty_struct(em_arena *a, int n_fields, const ty_field *fields)
{
    ty *t = ty_alloc(a, TY_STRUCT);
    ty_field *f = n_fields ? em_arena_calloc(a, (size_t)n_fields, sizeof *f) : NULL;
    for (int i = 0; i < n_fields; i++) {
        f[i].name = em_arena_strdup(a, fields[i].name ? fields[i].name : "");
        f[i].type = fields[i].type;
        f[i].nullable = fields[i].nullable;
        f[i].metadata = fields[i].metadata ? em_arena_strdup(a, fields[i].metadata) : NULL;
    }
    t->n_fields = n_fields;
    t->fields = f;
    return t;
}

const ty *ty_copy(em_arena *a, const ty *t)
{
    if (!t)
        return NULL;
    const ty *p = ty_primitive(t->kind);
    if (p && !(t->kind == TY_STRING && t->collation))
        return p;
    ty *c = ty_alloc(a, t->kind);
    *c = *t;
    if (t->collation)
        c->collation = em_arena_strdup(a, t->collation);
    if (t->elem)
        c->elem = ty_copy(a, t->elem);
    if (t->key)
        c->key = ty_copy(a, t->key);
    if (t->value)
        c->value = ty_copy(a, t->value);
    if (t->kind == TY_STRUCT) {
        ty_field *f = t->n_fields ? em_arena_calloc(a, (size_t)t->n_fields, sizeof *f) : NULL;
        for (int i = 0; i < t->n_fields; i++) {
            f[i].name = em_arena_strdup(a, t->fields[i].name);
            f[i].type = ty_copy(a, t->fields[i].type);
            f[i].nullable = t->fields[i].nullable;
            f[i].metadata =
                t->fields[i].metadata ? em_arena_strdup(a, t->fields[i].metadata) : NULL;
        }
        c->fields = f;
    }
    return c;
}

static bool ty_eq(const ty *a, const ty *b, bool nullability)
{
    if (a == b)
        return true;
    if (!a || !b || a->kind != b->kind)
        return false;
    switch (a->kind) {
    case TY_DECIMAL:
        return a->precision == b->precision && a->scale == b->scale;
    case TY_CHAR:
    case TY_VARCHAR:
        return a->length == b->length;
    case TY_STRING:
        return (a->collation == NULL) == (b->collation == NULL) &&
               (!a->collation || strcmp(a->collation, b->collation) == 0);
    case TY_DAYTIME_INTERVAL:
    case TY_YEARMONTH_INTERVAL:
        return a->start_field == b->start_field && a->end_field == b->end_field;
    case TY_ARRAY:
        return (!nullability || a->contains_null == b->contains_null) &&
               ty_eq(a->elem, b->elem, nullability);
    case TY_MAP:
        return (!nullability || a->value_contains_null == b->value_contains_null) &&
               ty_eq(a->key, b->key, nullability) && ty_eq(a->value, b->value, nullability);
    case TY_STRUCT:
        if (a->n_fields != b->n_fields)
            return false;
        for (int i = 0; i < a->n_fields; i++) {
            if (strcmp(a->fields[i].name, b->fields[i].name) != 0)
                return false;
            if (nullability && a->fields[i].nullable != b->fields[i].nullable)
                return false;
            if (!ty_eq(a->fields[i].type, b->fields[i].type, nullability))
                return false;
        }
        return true;
    default:
        return true;
    }
}

bool ty_equals(const ty *a, const ty *b)
{
    return ty_eq(a, b, true);
}

bool ty_equals_ignore_nullability(const ty *a, const ty *b)
{
    return ty_eq(a, b, false);
}

bool ty_is_numeric(const ty *t)
{
    return t && t->kind >= TY_BYTE && t->kind <= TY_DECIMAL;
}

bool ty_is_integral(const ty *t)
{
    return t && t->kind >= TY_BYTE && t->kind <= TY_LONG;
}

bool ty_is_string(const ty *t)
{
    return t && (t->kind == TY_STRING || t->kind == TY_CHAR || t->kind == TY_VARCHAR);
}

bool ty_is_nested(const ty *t)
{
    return t && (t->kind == TY_ARRAY || t->kind == TY_MAP || t->kind == TY_STRUCT);
}

int ty_fixed_width(const ty *t)
{
    switch (t->kind) {
    case TY_BOOLEAN:
    case TY_BYTE:
        return 1;
    case TY_SHORT:
        return 2;
    case TY_INT:
    case TY_FLOAT:
    case TY_DATE:
    case TY_YEARMONTH_INTERVAL:
        return 4;
    case TY_LONG:
    case TY_DOUBLE:
    case TY_TIMESTAMP:
    case TY_TIMESTAMP_NTZ:
    case TY_DAYTIME_INTERVAL:
        return 8;
    case TY_DECIMAL:
    case TY_CALENDAR_INTERVAL:
        return 16;
    default:
        return 0;
    }
}

static const char *const ty_dt_names[] = {"day", "hour", "minute", "second"};
static const char *const ty_ym_names[] = {"year", "month"};

static void ty_interval_name(const ty *t, em_str *out, bool upper)
{
    const char *const *names = t->kind == TY_DAYTIME_INTERVAL ? ty_dt_names : ty_ym_names;
    int max = t->kind == TY_DAYTIME_INTERVAL ? 3 : 1;
    int s = t->start_field < 0 || t->start_field > max ? 0 : t->start_field;
    int e = t->end_field < 0 || t->end_field > max ? max : t->end_field;
    char buf[64];
    if (s == e)
        snprintf(buf, sizeof buf, "interval %s", names[s]);
    else
        snprintf(buf, sizeof buf, "interval %s to %s", names[s], names[e]);
    if (upper)
        for (char *p = buf; *p; p++)
            *p = (char)toupper((unsigned char)*p);
    em_str_puts(out, buf);
}

/* Names shared by simpleString and catalogString for non-nested kinds. */
static bool ty_leaf_simple(const ty *t, em_str *out)
{
    switch (t->kind) {
    case TY_NULL:
        em_str_puts(out, "void");
        return true;
    case TY_BOOLEAN:
        em_str_puts(out, "boolean");
        return true;
    case TY_BYTE:
        em_str_puts(out, "tinyint");
        return true;
    case TY_SHORT:
        em_str_puts(out, "smallint");
        return true;
    case TY_INT:
        em_str_puts(out, "int");
        return true;
    case TY_LONG:
        em_str_puts(out, "bigint");
        return true;
    case TY_FLOAT:
        em_str_puts(out, "float");
        return true;
    case TY_DOUBLE:
        em_str_puts(out, "double");
        return true;
    case TY_DECIMAL:
        em_str_printf(out, "decimal(%d,%d)", t->precision, t->scale);
        return true;
    case TY_STRING:
        em_str_puts(out, "string");
        if (t->collation)
            em_str_printf(out, " collate %s", t->collation);
        return true;
    case TY_CHAR:
        em_str_printf(out, "char(%d)", t->length);
        return true;
    case TY_VARCHAR:
        em_str_printf(out, "varchar(%d)", t->length);
        return true;
    case TY_BINARY:
        em_str_puts(out, "binary");
        return true;
    case TY_DATE:
        em_str_puts(out, "date");
        return true;
    case TY_TIMESTAMP:
        em_str_puts(out, "timestamp");
        return true;
    case TY_TIMESTAMP_NTZ:
        em_str_puts(out, "timestamp_ntz");
        return true;
    case TY_CALENDAR_INTERVAL:
        em_str_puts(out, "interval");
        return true;
    case TY_DAYTIME_INTERVAL:
    case TY_YEARMONTH_INTERVAL:
        ty_interval_name(t, out, false);
        return true;
    case TY_VARIANT:
        em_str_puts(out, "variant");
        return true;
    default:
        return false;
    }
}

static bool ty_ident_plain(const char *name)
{
    if (!*name)
        return false;
    for (const char *p = name; *p; p++)
        if (!(isalnum((unsigned char)*p) || *p == '_'))
            return false;
    return true;
}

static void ty_quote_if_needed(const char *name, em_str *out)
{
    if (ty_ident_plain(name)) {
        em_str_puts(out, name);
        return;
    }
    em_str_putc(out, '`');
    for (const char *p = name; *p; p++) {
        if (*p == '`')
            em_str_putc(out, '`');
        em_str_putc(out, *p);
    }
    em_str_putc(out, '`');
}

static void ty_simple_rec(const ty *t, em_str *out, bool catalog)
{
    if (ty_leaf_simple(t, out))
        return;
    switch (t->kind) {
    case TY_ARRAY:
        em_str_puts(out, "array<");
        ty_simple_rec(t->elem, out, catalog);
        em_str_putc(out, '>');
        break;
    case TY_MAP:
        em_str_puts(out, "map<");
        ty_simple_rec(t->key, out, catalog);
        em_str_putc(out, ',');
        ty_simple_rec(t->value, out, catalog);
        em_str_putc(out, '>');
        break;
    case TY_STRUCT:
        em_str_puts(out, "struct<");
        for (int i = 0; i < t->n_fields; i++) {
            if (i)
                em_str_putc(out, ',');
            if (catalog)
                ty_quote_if_needed(t->fields[i].name, out);
            else
                em_str_puts(out, t->fields[i].name);
            em_str_putc(out, ':');
            ty_simple_rec(t->fields[i].type, out, catalog);
        }
        em_str_putc(out, '>');
        break;
    default:
        em_str_puts(out, "unknown");
    }
}

void ty_simple_string(const ty *t, em_str *out)
{
    ty_simple_rec(t, out, false);
}

void ty_catalog_string(const ty *t, em_str *out)
{
    ty_simple_rec(t, out, true);
}

void ty_sql(const ty *t, em_str *out)
{
    switch (t->kind) {
    case TY_ARRAY:
        em_str_puts(out, "ARRAY<");
        ty_sql(t->elem, out);
        em_str_putc(out, '>');
        return;
    case TY_MAP:
        em_str_puts(out, "MAP<");
        ty_sql(t->key, out);
        em_str_puts(out, ", ");
        ty_sql(t->value, out);
        em_str_putc(out, '>');
        return;
    case TY_STRUCT:
        em_str_puts(out, "STRUCT<");
        for (int i = 0; i < t->n_fields; i++) {
            if (i)
                em_str_puts(out, ", ");
            ty_quote_if_needed(t->fields[i].name, out);
            em_str_puts(out, ": ");
            ty_sql(t->fields[i].type, out);
            if (!t->fields[i].nullable)
                em_str_puts(out, " NOT NULL");
        }
        em_str_putc(out, '>');
        return;
    case TY_DAYTIME_INTERVAL:
    case TY_YEARMONTH_INTERVAL:
        ty_interval_name(t, out, true);
        return;
    case TY_STRING:
        em_str_puts(out, "STRING");
        if (t->collation)
            em_str_printf(out, " COLLATE %s", t->collation);
        return;
    default: {
        em_str tmp;
        em_str_init(&tmp, 0);
        ty_leaf_simple(t, &tmp);
        for (size_t i = 0; i < tmp.len; i++)
            em_str_putc(out, (char)toupper((unsigned char)tmp.data[i]));
        em_str_release(&tmp);
    }
    }
}

void ty_type_name(const ty *t, em_str *out)
{
    switch (t->kind) {
    case TY_NULL:
        em_str_puts(out, "void");
        return;
    case TY_BYTE:
        em_str_puts(out, "byte");
        return;
    case TY_SHORT:
        em_str_puts(out, "short");
        return;
    case TY_INT:
        em_str_puts(out, "integer");
        return;
    case TY_LONG:
        em_str_puts(out, "long");
        return;
    case TY_ARRAY:
        em_str_puts(out, "array");
        return;
    case TY_MAP:
        em_str_puts(out, "map");
        return;
    case TY_STRUCT:
        em_str_puts(out, "struct");
        return;
    default:
        ty_leaf_simple(t, out);
    }
}

void ty_json(const ty *t, em_str *out)
{
    switch (t->kind) {
    case TY_ARRAY:
        em_str_puts(out, "{\"type\":\"array\",\"elementType\":");
        ty_json(t->elem, out);
        em_str_printf(out, ",\"containsNull\":%s}", t->contains_null ? "true" : "false");
        return;
    case TY_MAP:
        em_str_puts(out, "{\"type\":\"map\",\"keyType\":");
        ty_json(t->key, out);
        em_str_puts(out, ",\"valueType\":");
        ty_json(t->value, out);
        em_str_printf(out, ",\"valueContainsNull\":%s}", t->value_contains_null ? "true" : "false");
        return;
    case TY_STRUCT:
        em_str_puts(out, "{\"type\":\"struct\",\"fields\":[");
        for (int i = 0; i < t->n_fields; i++) {
            if (i)
                em_str_putc(out, ',');
            em_str_puts(out, "{\"name\":");
            em_str_json_string(out, t->fields[i].name, strlen(t->fields[i].name));
            em_str_puts(out, ",\"type\":");
            ty_json(t->fields[i].type, out);
            em_str_printf(out, ",\"nullable\":%s,\"metadata\":%s}",
                          t->fields[i].nullable ? "true" : "false",
                          t->fields[i].metadata ? t->fields[i].metadata : "{}");
        }
        em_str_puts(out, "]}");
        return;
    default: {
        em_str tmp;
        em_str_init(&tmp, 0);
        ty_type_name(t, &tmp);
        em_str_json_string(out, tmp.data ? tmp.data : "", tmp.len);
        em_str_release(&tmp);
    }
    }
}
