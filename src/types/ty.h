/*
 * ty: Spark SQL data types. A `ty` is immutable once built. Primitive types are static
 * singletons (ty_long(), ...); parameterised and nested types are allocated in an arena whose
 * life covers every user of the type (a plan's arena, a session's arena). Pointers to types are
 * therefore always borrowed.
 *
 * Physical representation of each kind in vectors (vector/vec.h) and in Arrow results:
 *   NULL            no buffers                          Arrow null
 *   BOOLEAN         uint8 0/1 per value                 Arrow bool (bit-packed on encode)
 *   BYTE/SHORT/INT/LONG  int8/int16/int32/int64         int8..int64
 *   FLOAT/DOUBLE    float/double                        float32/float64
 *   DECIMAL(p,s)    __int128 unscaled, little-endian    decimal128(p,s)
 *   STRING/CHAR/VARCHAR, BINARY  int32 offsets + bytes  utf8 / binary
 *   DATE            int32 days since 1970-01-01         date32
 *   TIMESTAMP       int64 µs since epoch, UTC           timestamp[us, tz=session zone]
 *   TIMESTAMP_NTZ   int64 µs, wall clock                timestamp[us]
 *   DAYTIME_INTERVAL  int64 µs                          duration[us]
 *   YEARMONTH_INTERVAL int32 months                     interval[YEAR_MONTH]
 *   CALENDAR_INTERVAL  ty_calendar_interval (16 bytes)  interval[MONTH_DAY_NANO]
 *   ARRAY           int32 offsets + child 0             list<element>
 *   MAP             int32 offsets + child 0 keys, child 1 values   map<entries{key,value}>
 *   STRUCT          one child per field                 struct
 */
#ifndef TY_H
#define TY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/em_arena.h"
#include "common/em_error.h"
#include "common/em_str.h"

typedef enum ty_kind {
    TY_NULL = 0,
    TY_BOOLEAN,
    TY_BYTE,
    TY_SHORT,
    TY_INT,
    TY_LONG,
    TY_FLOAT,
    TY_DOUBLE,
    TY_DECIMAL,
    TY_STRING,
    TY_CHAR,
    TY_VARCHAR,
    TY_BINARY,
    TY_DATE,
    TY_TIMESTAMP,
    TY_TIMESTAMP_NTZ,
    TY_DAYTIME_INTERVAL,
    TY_YEARMONTH_INTERVAL,
    TY_CALENDAR_INTERVAL,
    TY_ARRAY,
    TY_MAP,
    TY_STRUCT,
    TY_VARIANT,
    TY_KIND_COUNT
} ty_kind;

/* Interval fields, Spark's numbering. */
enum { TY_YM_YEAR = 0, TY_YM_MONTH = 1 };
enum { TY_DT_DAY = 0, TY_DT_HOUR = 1, TY_DT_MINUTE = 2, TY_DT_SECOND = 3 };

#define TY_DECIMAL_MAX_PRECISION 38

typedef struct ty ty;

typedef struct ty_field {
    const char *name;
    const ty *type;
    bool nullable;
    const char *metadata; /* JSON object text, NULL when empty */
} ty_field;

struct ty {
    ty_kind kind;
    int precision, scale;       /* DECIMAL */
    int start_field, end_field; /* intervals */
    int length;                 /* CHAR / VARCHAR */
    const char *collation;      /* STRING: NULL means UTF8_BINARY */
    const ty *elem;             /* ARRAY */
    bool contains_null;         /* ARRAY */
    const ty *key, *value;      /* MAP */
    bool value_contains_null;   /* MAP */
    int n_fields;               /* STRUCT */
    const ty_field *fields;     /* STRUCT */
};

typedef struct ty_calendar_interval {
    int32_t months;
    int32_t days;
    int64_t microseconds;
} ty_calendar_interval;

/* Static singletons (never freed). */
const ty *ty_null(void);
const ty *ty_boolean(void);
const ty *ty_byte(void);
const ty *ty_short(void);
const ty *ty_int(void);
const ty *ty_long(void);
const ty *ty_float(void);
const ty *ty_double(void);
const ty *ty_string(void);
const ty *ty_binary(void);
const ty *ty_date(void);
const ty *ty_timestamp(void);
const ty *ty_timestamp_ntz(void);
const ty *ty_calendar_interval_type(void);
const ty *ty_variant(void);
/* The singleton for a primitive kind, or NULL for parameterised kinds. */
const ty *ty_primitive(ty_kind kind);

/* Parameterised / nested types, owned by arena. */
const ty *ty_decimal(em_arena *a, int precision, int scale);
const ty *ty_char(em_arena *a, ty_kind kind /* TY_CHAR or TY_VARCHAR */, int length);
const ty *ty_string_collated(em_arena *a, const char *collation);
const ty *ty_daytime_interval(em_arena *a, int start_field, int end_field);
const ty *ty_yearmonth_interval(em_arena *a, int start_field, int end_field);
const ty *ty_array(em_arena *a, const ty *elem, bool contains_null);
const ty *ty_map(em_arena *a, const ty *key, const ty *value, bool value_contains_null);
/* Copies the field array (names and metadata strings too) into the arena. */
const ty *ty_struct(em_arena *a, int n_fields, const ty_field *fields);
/* Deep copy into another arena. */
const ty *ty_copy(em_arena *a, const ty *t);

bool ty_equals(const ty *a, const ty *b);
/* Equal ignoring nullability flags and field names' case? No: ignoring nullability only. */
bool ty_equals_ignore_nullability(const ty *a, const ty *b);
bool ty_is_numeric(const ty *t);  /* byte..double, decimal */
bool ty_is_integral(const ty *t); /* byte, short, int, long */
bool ty_is_string(const ty *t);   /* string, char, varchar */
bool ty_is_nested(const ty *t);   /* array, map, struct */
/* Width in bytes of one value of a fixed-width kind; 0 for var-width, nested and NULL. */
int ty_fixed_width(const ty *t);

/* Spark's DataType.simpleString: "bigint", "decimal(10,2)", "array<int>", "struct<a:int>". */
void ty_simple_string(const ty *t, em_str *out);
/* Spark's DataType.catalogString (same as simpleString here except field quoting rules). */
void ty_catalog_string(const ty *t, em_str *out);
/* Spark's DataType.sql: "BIGINT", "DECIMAL(10,2)", "ARRAY<INT>", "STRUCT<a: INT>". */
void ty_sql(const ty *t, em_str *out);
/* Spark's DataType.json (compact, as StructType.json prints it). */
void ty_json(const ty *t, em_str *out);
/* Spark's typeName for a kind: "long", "integer", "decimal(10,2)", "string", "array", ... */
void ty_type_name(const ty *t, em_str *out);

#endif
