/*
 * sql_json: a small JSON reader for Spark's DataType JSON ("long", {"type":"struct",...}) and
 * the schema entry points that fall back to it (Spark's parseTypeWithFallback order).
 *
 * The reader is for hostile input: nesting is limited (SQL_JSON_MAX_DEPTH), every value is
 * bounds-checked, strings are validated UTF-8 after unescaping (\u escapes pair surrogates),
 * and numbers are kept as their text. Field metadata objects are kept as compact JSON text
 * (Spark's Metadata.json), without the __COLLATIONS entry, which instead sets the collation of
 * the string types it names.
 */
#include "sql/sql_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SQL_JSON_MAX_DEPTH 256

typedef enum sql_jkind { SJ_NULL, SJ_BOOL, SJ_NUM, SJ_STR, SJ_ARR, SJ_OBJ } sql_jkind;

typedef struct sql_json sql_json;
struct sql_json {
    sql_jkind kind;
    bool b;
    const char *s; /* SJ_STR: unescaped; SJ_NUM: the number's text */
    size_t len;
    int n;
    sql_json **items;  /* SJ_ARR / SJ_OBJ values */
    const char **keys; /* SJ_OBJ */
    size_t *key_lens;
};

typedef struct sql_jreader {
    const char *s;
    size_t len, pos;
    em_arena *a;
    bool failed;
} sql_jreader;

static void sql_jws(sql_jreader *r)
{
    while (r->pos < r->len && (r->s[r->pos] == ' ' || r->s[r->pos] == '\t' ||
                               r->s[r->pos] == '\n' || r->s[r->pos] == '\r'))
        r->pos++;
}

static void sql_jput_utf8(em_str *out, uint32_t cp)
{
    char b[4];
    if (cp < 0x80) {
        em_str_putc(out, (char)cp);
    } else if (cp < 0x800) {
        b[0] = (char)(0xC0 | (cp >> 6));
        b[1] = (char)(0x80 | (cp & 0x3F));
        em_str_append(out, b, 2);
    } else if (cp < 0x10000) {
        b[0] = (char)(0xE0 | (cp >> 12));
        b[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        b[2] = (char)(0x80 | (cp & 0x3F));
        em_str_append(out, b, 3);
    } else {
        b[0] = (char)(0xF0 | (cp >> 18));
        b[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        b[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        b[3] = (char)(0x80 | (cp & 0x3F));
        em_str_append(out, b, 4);
    }
}

static int sql_jhex4(const char *s)
{
    int v = 0;
    for (int idx = 0; idx < 4; idx++) {
        char c = s[idx];
        int d = c >= '0' && c <= '9'   ? c - '0'
                : c >= 'a' && c <= 'f' ? c - 'a' + 10
                : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                       : -1;
        if (d < 0)
            return -1;
        v = v * 16 + d;
    }
    return v;
}

/* A string at r->pos (the opening quote). */
static bool sql_jstring(sql_jreader *r, const char **out, size_t *out_len)
{
    r->pos++;
    em_str s;
    em_str_init(&s, 0);
    while (r->pos < r->len) {
        unsigned char c = (unsigned char)r->s[r->pos];
        if (c == '"') {
            r->pos++;
            *out = em_arena_strndup(r->a, s.data ? s.data : "", s.len);
            *out_len = s.len;
            em_str_release(&s);
            return true;
        }
        if (c < 0x20)
            break;
        if (c != '\\') {
            em_str_putc(&s, (char)c);
            r->pos++;
            continue;
        }
        if (r->pos + 1 >= r->len)
            break;
        char e = r->s[r->pos + 1];
        r->pos += 2;
        switch (e) {
        case '"':
            em_str_putc(&s, '"');
            break;
        case '\\':
            em_str_putc(&s, '\\');
            break;
        case '/':
            em_str_putc(&s, '/');
            break;
        case 'b':
            em_str_putc(&s, '\b');
            break;
        case 'f':
            em_str_putc(&s, '\f');
            break;
        case 'n':
            em_str_putc(&s, '\n');
            break;
        case 'r':
            em_str_putc(&s, '\r');
            break;
        case 't':
            em_str_putc(&s, '\t');
            break;
        case 'u': {
            if (r->pos + 4 > r->len)
                goto fail;
            int v = sql_jhex4(r->s + r->pos);
            if (v < 0)
                goto fail;
            r->pos += 4;
            uint32_t cp = (uint32_t)v;
            if (v >= 0xD800 && v <= 0xDBFF && r->pos + 6 <= r->len && r->s[r->pos] == '\\' &&
                r->s[r->pos + 1] == 'u') {
                int lo = sql_jhex4(r->s + r->pos + 2);
                if (lo >= 0xDC00 && lo <= 0xDFFF) {
                    cp = 0x10000 + (((uint32_t)v - 0xD800) << 10) + ((uint32_t)lo - 0xDC00);
                    r->pos += 6;
                }
            }
            if (cp >= 0xD800 && cp <= 0xDFFF)
                cp = '?'; /* an unpaired surrogate has no UTF-8 form */
            sql_jput_utf8(&s, cp);
            break;
        }
        default:
            goto fail;
        }
    }
fail:
    em_str_release(&s);
    return false;
}

static sql_json *sql_jvalue(sql_jreader *r, int depth)
{
    sql_jws(r);
    if (r->pos >= r->len || depth > SQL_JSON_MAX_DEPTH)
        return NULL;
    sql_json *v = em_arena_calloc(r->a, 1, sizeof *v);
    char c = r->s[r->pos];
    if (c == '"') {
        v->kind = SJ_STR;
        return sql_jstring(r, &v->s, &v->len) ? v : NULL;
    }
    if (c == '{' || c == '[') {
        bool obj = c == '{';
        v->kind = obj ? SJ_OBJ : SJ_ARR;
        r->pos++;
        int cap = 0;
        sql_jws(r);
        if (r->pos < r->len && r->s[r->pos] == (obj ? '}' : ']')) {
            r->pos++;
            return v;
        }
        while (true) {
            const char *key = NULL;
            size_t key_len = 0;
            if (obj) {
                sql_jws(r);
                if (r->pos >= r->len || r->s[r->pos] != '"' || !sql_jstring(r, &key, &key_len))
                    return NULL;
                sql_jws(r);
                if (r->pos >= r->len || r->s[r->pos] != ':')
                    return NULL;
                r->pos++;
            }
            sql_json *item = sql_jvalue(r, depth + 1);
            if (!item)
                return NULL;
            if (v->n == cap) {
                int ncap = cap ? cap * 2 : 4;
                sql_json **items = em_arena_alloc(r->a, (size_t)ncap * sizeof *items);
                const char **keys = em_arena_alloc(r->a, (size_t)ncap * sizeof *keys);
                size_t *lens = em_arena_alloc(r->a, (size_t)ncap * sizeof *lens);
                if (v->n) {
                    memcpy(items, v->items, (size_t)v->n * sizeof *items);
                    memcpy(keys, v->keys, (size_t)v->n * sizeof *keys);
                    memcpy(lens, v->key_lens, (size_t)v->n * sizeof *lens);
                }
                v->items = items;
                v->keys = keys;
                v->key_lens = lens;
                cap = ncap;
            }
            v->keys[v->n] = key;
            v->key_lens[v->n] = key_len;
            v->items[v->n++] = item;
            sql_jws(r);
            if (r->pos >= r->len)
                return NULL;
            if (r->s[r->pos] == ',') {
                r->pos++;
                continue;
            }
            if (r->s[r->pos] == (obj ? '}' : ']')) {
                r->pos++;
                return v;
            }
            return NULL;
        }
    }
    if (r->len - r->pos >= 4 && memcmp(r->s + r->pos, "true", 4) == 0) {
        v->kind = SJ_BOOL;
        v->b = true;
        r->pos += 4;
        return v;
    }
    if (r->len - r->pos >= 5 && memcmp(r->s + r->pos, "false", 5) == 0) {
        v->kind = SJ_BOOL;
        r->pos += 5;
        return v;
    }
    if (r->len - r->pos >= 4 && memcmp(r->s + r->pos, "null", 4) == 0) {
        v->kind = SJ_NULL;
        r->pos += 4;
        return v;
    }
    /* number: -?digits[.digits][(e|E)[+-]digits] */
    size_t start = r->pos;
    if (r->s[r->pos] == '-')
        r->pos++;
    size_t digits = r->pos;
    while (r->pos < r->len && r->s[r->pos] >= '0' && r->s[r->pos] <= '9')
        r->pos++;
    if (r->pos == digits)
        return NULL;
    if (r->pos < r->len && r->s[r->pos] == '.') {
        r->pos++;
        size_t frac = r->pos;
        while (r->pos < r->len && r->s[r->pos] >= '0' && r->s[r->pos] <= '9')
            r->pos++;
        if (r->pos == frac)
            return NULL;
    }
    if (r->pos < r->len && (r->s[r->pos] == 'e' || r->s[r->pos] == 'E')) {
        r->pos++;
        if (r->pos < r->len && (r->s[r->pos] == '+' || r->s[r->pos] == '-'))
            r->pos++;
        size_t exp = r->pos;
        while (r->pos < r->len && r->s[r->pos] >= '0' && r->s[r->pos] <= '9')
            r->pos++;
        if (r->pos == exp)
            return NULL;
    }
    v->kind = SJ_NUM;
    v->s = em_arena_strndup(r->a, r->s + start, r->pos - start);
    v->len = r->pos - start;
    return v;
}

/* Compact rendering (json4s compact(render(...)): no spaces, keys in given order). */
static void sql_jrender(const sql_json *v, em_str *out, int depth)
{
    if (depth > SQL_JSON_MAX_DEPTH + 1)
        return;
    switch (v->kind) {
    case SJ_NULL:
        em_str_puts(out, "null");
        break;
    case SJ_BOOL:
        em_str_puts(out, v->b ? "true" : "false");
        break;
    case SJ_NUM:
        em_str_append(out, v->s, v->len);
        break;
    case SJ_STR:
        em_str_json_string(out, v->s, v->len);
        break;
    case SJ_ARR:
    case SJ_OBJ:
        em_str_putc(out, v->kind == SJ_ARR ? '[' : '{');
        for (int idx = 0; idx < v->n; idx++) {
            if (idx)
                em_str_putc(out, ',');
            if (v->kind == SJ_OBJ) {
                em_str_json_string(out, v->keys[idx], v->key_lens[idx]);
                em_str_putc(out, ':');
            }
            sql_jrender(v->items[idx], out, depth + 1);
        }
        em_str_putc(out, v->kind == SJ_ARR ? ']' : '}');
        break;
    }
}

/* ---- DataType JSON --------------------------------------------------------------------------- */

typedef struct sql_jtype_ctx {
    em_arena *a;
    em_error *err;
    const sql_json *collations; /* __COLLATIONS object of the enclosing field, or NULL */
} sql_jtype_ctx;

static int sql_jinvalid(sql_jtype_ctx *c, const sql_json *v)
{
    em_str s;
    em_str_init(&s, 4096);
    sql_jrender(v, &s, 0);
    int rc =
        em_error_set(c->err, "INVALID_JSON_DATA_TYPE", "invalidType", s.data ? s.data : "", NULL);
    em_str_release(&s);
    return rc;
}

/* The object's member named key (exact), or NULL. */
static const sql_json *sql_jget(const sql_json *obj, const char *key)
{
    size_t klen = strlen(key);
    for (int idx = 0; idx < obj->n; idx++)
        if (obj->key_lens[idx] == klen && memcmp(obj->keys[idx], key, klen) == 0)
            return obj->items[idx];
    return NULL;
}

/* Spark matches objects on their exact (sorted) key set. */
static bool sql_jkeys(const sql_json *obj, const char *const *keys, int n)
{
    if (obj->kind != SJ_OBJ || obj->n != n)
        return false;
    for (int idx = 0; idx < n; idx++)
        if (!sql_jget(obj, keys[idx]))
            return false;
    return true;
}

/* Matches "<prefix>\s*(\d+)\s*(,\s*(-?\d+)\s*)?)" fully; returns the numbers found. */
static int sql_jparams(const char *s, const char *prefix, long *a, long *b)
{
    size_t pl = strlen(prefix);
    if (strncmp(s, prefix, pl) != 0)
        return 0;
    s += pl;
    int found = 0;
    long vals[2] = {0, 0};
    for (int k = 0; k < 2; k++) {
        while (*s == ' ' || *s == '\t')
            s++;
        bool neg = false;
        if (k == 1 && *s == '-') {
            neg = true;
            s++;
        }
        if (*s < '0' || *s > '9')
            return 0;
        long v = 0;
        while (*s >= '0' && *s <= '9') {
            v = v * 10 + (*s++ - '0');
            if (v > 100000)
                v = 100000;
        }
        vals[k] = neg ? -v : v;
        found++;
        while (*s == ' ' || *s == '\t')
            s++;
        if (*s == ',' && k == 0) {
            s++;
            continue;
        }
        break;
    }
    if (*s != ')' || s[1] != '\0')
        return 0;
    *a = vals[0];
    *b = vals[1];
    return found;
}

static const ty *sql_jname_to_type(sql_jtype_ctx *c, const sql_json *v)
{
    const char *name = v->s;
    static const struct {
        const char *name;
        ty_kind kind;
        int s, e;
    } simple[] = {
        {"null", TY_NULL, 0, 0},
        {"void", TY_NULL, 0, 0},
        {"date", TY_DATE, 0, 0},
        {"timestamp", TY_TIMESTAMP, 0, 0},
        {"timestamp_ltz", TY_TIMESTAMP, 0, 0},
        {"timestamp_ntz", TY_TIMESTAMP_NTZ, 0, 0},
        {"binary", TY_BINARY, 0, 0},
        {"integer", TY_INT, 0, 0},
        {"boolean", TY_BOOLEAN, 0, 0},
        {"long", TY_LONG, 0, 0},
        {"double", TY_DOUBLE, 0, 0},
        {"float", TY_FLOAT, 0, 0},
        {"short", TY_SHORT, 0, 0},
        {"byte", TY_BYTE, 0, 0},
        {"string", TY_STRING, 0, 0},
        {"interval", TY_CALENDAR_INTERVAL, 0, 0},
        {"variant", TY_VARIANT, 0, 0},
        {"interval day", TY_DAYTIME_INTERVAL, 0, 0},
        {"interval day to hour", TY_DAYTIME_INTERVAL, 0, 1},
        {"interval day to minute", TY_DAYTIME_INTERVAL, 0, 2},
        {"interval day to second", TY_DAYTIME_INTERVAL, 0, 3},
        {"interval hour", TY_DAYTIME_INTERVAL, 1, 1},
        {"interval hour to minute", TY_DAYTIME_INTERVAL, 1, 2},
        {"interval hour to second", TY_DAYTIME_INTERVAL, 1, 3},
        {"interval minute", TY_DAYTIME_INTERVAL, 2, 2},
        {"interval minute to second", TY_DAYTIME_INTERVAL, 2, 3},
        {"interval second", TY_DAYTIME_INTERVAL, 3, 3},
        {"interval year", TY_YEARMONTH_INTERVAL, 0, 0},
        {"interval month", TY_YEARMONTH_INTERVAL, 1, 1},
        {"interval year to month", TY_YEARMONTH_INTERVAL, 0, 1},
    };
    if (strcmp(name, "decimal") == 0)
        return ty_decimal(c->a, 10, 0);
    long p1, p2;
    int n;
    if ((n = sql_jparams(name, "decimal(", &p1, &p2)) == 2) {
        if (p2 < 0 || p2 > p1 || p1 > TY_DECIMAL_MAX_PRECISION) {
            if (p1 > TY_DECIMAL_MAX_PRECISION && p2 >= 0 && p2 <= p1) {
                char ps[32];
                snprintf(ps, sizeof ps, "%ld", p1);
                em_error_set(c->err, "DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION", "precision", ps,
                             "maxPrecision", "38", NULL);
                return NULL;
            }
            sql_jinvalid(c, v);
            return NULL;
        }
        return ty_decimal(c->a, (int)p1, (int)p2);
    }
    if ((n = sql_jparams(name, "char(", &p1, &p2)) == 1)
        return ty_char(c->a, TY_CHAR, (int)p1);
    if ((n = sql_jparams(name, "varchar(", &p1, &p2)) == 1)
        return ty_char(c->a, TY_VARCHAR, (int)p1);
    if (strncmp(name, "string collate ", 15) == 0 && name[15])
        return ty_string_collated(c->a, name + 15);
    for (size_t idx = 0; idx < sizeof simple / sizeof simple[0]; idx++) {
        if (strcmp(name, simple[idx].name) != 0)
            continue;
        if (simple[idx].kind == TY_DAYTIME_INTERVAL)
            return ty_daytime_interval(c->a, simple[idx].s, simple[idx].e);
        if (simple[idx].kind == TY_YEARMONTH_INTERVAL)
            return ty_yearmonth_interval(c->a, simple[idx].s, simple[idx].e);
        return ty_primitive(simple[idx].kind);
    }
    em_error_set(c->err, "INVALID_JSON_DATA_TYPE", "invalidType", name, NULL);
    return NULL;
}

static const ty *sql_jtype(sql_jtype_ctx *c, const sql_json *v, const char *path, int depth);

/* The collation the enclosing field's __COLLATIONS names for path ("provider.name"). */
static const char *sql_jcollation(sql_jtype_ctx *c, const char *path)
{
    if (!c->collations || !path)
        return NULL;
    const sql_json *v = sql_jget(c->collations, path);
    if (!v || v->kind != SJ_STR)
        return NULL;
    const char *dot = strchr(v->s, '.');
    return dot ? dot + 1 : v->s;
}

static char *sql_jpath(em_arena *a, const char *base, const char *field)
{
    if (!base)
        return NULL;
    return base[0] ? em_arena_printf(a, "%s.%s", base, field) : em_arena_strdup(a, field);
}

static const ty *sql_jstruct(sql_jtype_ctx *c, const sql_json *fields, int depth)
{
    int n = fields->n;
    ty_field *out = em_arena_calloc(c->a, (size_t)(n ? n : 1), sizeof *out);
    for (int idx = 0; idx < n; idx++) {
        const sql_json *f = fields->items[idx];
        static const char *const full[] = {"metadata", "name", "nullable", "type"};
        static const char *const no_meta[] = {"name", "nullable", "type"};
        static const char *const minimal[] = {"name", "type"};
        const sql_json *name = f->kind == SJ_OBJ ? sql_jget(f, "name") : NULL;
        const sql_json *type = f->kind == SJ_OBJ ? sql_jget(f, "type") : NULL;
        const sql_json *nullable = f->kind == SJ_OBJ ? sql_jget(f, "nullable") : NULL;
        const sql_json *meta = f->kind == SJ_OBJ ? sql_jget(f, "metadata") : NULL;
        bool shape = (sql_jkeys(f, full, 4) && meta->kind == SJ_OBJ) || sql_jkeys(f, no_meta, 3) ||
                     sql_jkeys(f, minimal, 2);
        if (!shape || name->kind != SJ_STR || (nullable && nullable->kind != SJ_BOOL)) {
            sql_jinvalid(c, f);
            return NULL;
        }
        const sql_json *saved = c->collations;
        c->collations = NULL;
        if (meta) {
            /* Metadata without __COLLATIONS, compact; NULL when empty. */
            em_str s;
            em_str_init(&s, 1 << 20);
            em_str_putc(&s, '{');
            int kept = 0;
            for (int k = 0; k < meta->n; k++) {
                if (strcmp(meta->keys[k], "__COLLATIONS") == 0) {
                    if (meta->items[k]->kind == SJ_OBJ)
                        c->collations = meta->items[k];
                    continue;
                }
                if (kept++)
                    em_str_putc(&s, ',');
                em_str_json_string(&s, meta->keys[k], meta->key_lens[k]);
                em_str_putc(&s, ':');
                sql_jrender(meta->items[k], &s, 0);
            }
            em_str_putc(&s, '}');
            if (kept)
                out[idx].metadata = em_arena_strndup(c->a, s.data, s.len);
            em_str_release(&s);
        }
        out[idx].name = name->s;
        out[idx].nullable = nullable ? nullable->b : true;
        out[idx].type = sql_jtype(c, type, c->collations ? name->s : NULL, depth + 1);
        c->collations = saved;
        if (!out[idx].type)
            return NULL;
    }
    return ty_struct(c->a, n, out);
}

static const ty *sql_jtype(sql_jtype_ctx *c, const sql_json *v, const char *path, int depth)
{
    if (depth > SQL_JSON_MAX_DEPTH) {
        em_error_set(c->err, "FAILED_TO_PARSE_TOO_COMPLEX", NULL);
        return NULL;
    }
    if (v->kind == SJ_STR) {
        const char *coll = sql_jcollation(c, path);
        if (coll) {
            if (strcmp(v->s, "string") != 0) {
                em_error_set(c->err, "INVALID_JSON_DATA_TYPE", "invalidType", v->s, NULL);
                return NULL;
            }
            return strcasecmp(coll, "UTF8_BINARY") == 0 ? ty_string()
                                                        : ty_string_collated(c->a, coll);
        }
        return sql_jname_to_type(c, v);
    }
    static const char *const arr[] = {"containsNull", "elementType", "type"};
    static const char *const map[] = {"keyType", "type", "valueContainsNull", "valueType"};
    static const char *const st[] = {"fields", "type"};
    const sql_json *type = v->kind == SJ_OBJ ? sql_jget(v, "type") : NULL;
    const char *tname = type && type->kind == SJ_STR ? type->s : "";
    if (sql_jkeys(v, arr, 3) && strcmp(tname, "array") == 0 &&
        sql_jget(v, "containsNull")->kind == SJ_BOOL) {
        const ty *elem =
            sql_jtype(c, sql_jget(v, "elementType"), sql_jpath(c->a, path, "element"), depth + 1);
        return elem ? ty_array(c->a, elem, sql_jget(v, "containsNull")->b) : NULL;
    }
    if (sql_jkeys(v, map, 4) && strcmp(tname, "map") == 0 &&
        sql_jget(v, "valueContainsNull")->kind == SJ_BOOL) {
        const ty *k = sql_jtype(c, sql_jget(v, "keyType"), sql_jpath(c->a, path, "key"), depth + 1);
        const ty *val =
            k ? sql_jtype(c, sql_jget(v, "valueType"), sql_jpath(c->a, path, "value"), depth + 1)
              : NULL;
        return val ? ty_map(c->a, k, val, sql_jget(v, "valueContainsNull")->b) : NULL;
    }
    if (sql_jkeys(v, st, 2) && strcmp(tname, "struct") == 0 &&
        sql_jget(v, "fields")->kind == SJ_ARR)
        return sql_jstruct(c, sql_jget(v, "fields"), depth + 1);
    if (strcmp(tname, "udt") == 0) {
        em_error_set(c->err, "UNSUPPORTED_FEATURE.NOT_IMPLEMENTED", "feature", "user-defined types",
                     NULL);
        return NULL;
    }
    sql_jinvalid(c, v);
    return NULL;
}

int sql_parse_json_type(const char *text, em_arena *arena, const ty **out, em_error *err)
{
    *out = NULL;
    sql_jreader r = {text ? text : "", text ? strlen(text) : 0, 0, arena, false};
    sql_json *v = sql_jvalue(&r, 0);
    if (v) {
        sql_jws(&r);
        if (r.pos != r.len)
            v = NULL;
    }
    if (!v) {
        /* Not JSON at all: Spark's json4s parser fails without an error class; report the
           text as an invalid data type. */
        char buf[200];
        snprintf(buf, sizeof buf, "%s", text ? text : "");
        return em_error_set(err, "INVALID_JSON_DATA_TYPE", "invalidType", buf, NULL);
    }
    sql_jtype_ctx c = {arena, err, NULL};
    const ty *t = sql_jtype(&c, v, NULL, 0);
    if (!t)
        return err && err->code ? err->code : EM_EUSER;
    *out = t;
    return EM_OK;
}

/* ---- schema strings ------------------------------------------------------------------------ */

int sql_parse_schema(const char *text, em_arena *arena, const ty **out, em_error *err)
{
    /* SparkConnectPlanner.parseDatatypeString: a column list, else a type, else the text as
       the fields of a struct; a failure reports the column-list error. */
    em_error first, other;
    em_error_clear(&first);
    if (sql_parse_table_schema(text, arena, out, &first) == EM_OK)
        return EM_OK;
    em_error_clear(&other);
    if (sql_parse_type(text, arena, out, &other) == EM_OK)
        return EM_OK;
    em_error_clear(&other);
    const char *s = text ? text : "";
    while (*s && (unsigned char)*s <= ' ')
        s++;
    size_t len = strlen(s);
    while (len && (unsigned char)s[len - 1] <= ' ')
        len--;
    char *wrapped = em_arena_printf(arena, "struct<%.*s>", (int)len, s);
    if (sql_parse_type(wrapped, arena, out, &other) == EM_OK)
        return EM_OK;
    *out = NULL;
    if (err)
        em_error_copy(err, &first);
    return first.code;
}

int sql_parse_from_ddl(const char *text, em_arena *arena, const ty **out, em_error *err)
{
    /* DataType.fromDDL: parseTypeWithFallback(parseDataType, parseTableSchema). */
    em_error first, other;
    em_error_clear(&first);
    if (sql_parse_type(text, arena, out, &first) == EM_OK)
        return EM_OK;
    em_error_clear(&other);
    if (sql_parse_table_schema(text, arena, out, &other) == EM_OK)
        return EM_OK;
    *out = NULL;
    if (err)
        em_error_copy(err, &first);
    return first.code;
}

int sql_parse_schema_any(const char *text, em_arena *arena, const ty **out, em_error *err)
{
    /* DataType.parseTypeWithFallback(parseDatatypeString, fromJson). */
    em_error first, other;
    em_error_clear(&first);
    if (sql_parse_schema(text, arena, out, &first) == EM_OK)
        return EM_OK;
    em_error_clear(&other);
    if (sql_parse_json_type(text, arena, out, &other) == EM_OK)
        return EM_OK;
    *out = NULL;
    if (err)
        em_error_copy(err, &first);
    return first.code;
}

int sql_parse_local_schema(const char *text, em_arena *arena, const ty **out, em_error *err)
{
    const ty *t;
    int rc = sql_parse_schema_any(text, arena, &t, err);
    if (rc) {
        *out = NULL;
        return rc;
    }
    if (t->kind != TY_STRUCT) {
        ty_field f = {"value", t, true, NULL};
        t = ty_struct(arena, 1, &f);
    }
    *out = t;
    return EM_OK;
}
