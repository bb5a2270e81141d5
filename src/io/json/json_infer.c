/*
 * json_infer: Spark's JSON schema inference (JsonInferSchema).
 *
 * Each record's type: objects are structs with their fields sorted by name (Java's
 * String.compareTo), arrays hold the merged type of their elements, integers are bigint
 * (decimal(p,0) past 64 bits, double past 38 digits), other numbers double (decimal with
 * prefersDecimal), strings are strings (timestamps with inferTimestamp), empty strings and
 * nulls are "unknown" (NullType). Records merge with compatibleRootType: top-level arrays are
 * unwrapped, a non-object record beside objects adds the corrupt-record column (PERMISSIVE),
 * is ignored (DROPMALFORMED) or fails (FAILFAST, INVALID_JSON_RECORD_TYPE). A record that does
 * not parse becomes struct<_corrupt_record: string> (PERMISSIVE), is skipped (DROPMALFORMED) or
 * fails (FAILFAST, MALFORMED_RECORD_IN_PARSING). Conflicting types widen (compatibleType, string
 * as the last resort). Finally unknown types become strings (or vanish with dropFieldIfAllNull)
 * and empty structs and fields with empty names vanish (canonicalizeType).
 */
#include <string.h>

#include "common/em_mem.h"
#include "io/json/json.h"

typedef struct json_inf {
    io_source *s;
    const json_opts *o;
    em_str key, text;
} json_inf;

/* ---- merging -----------------------------------------------------------------------------------
 */

static const ty *json_compatible(em_arena *a, const ty *t1, const ty *t2);

static const ty *json_merge_structs(em_arena *a, const ty *t1, const ty *t2)
{
    ty_field *f = em_arena_calloc(a, (size_t)(t1->n_fields + t2->n_fields) + 1, sizeof *f);
    int n = 0, i = 0, j = 0;
    while (i < t1->n_fields && j < t2->n_fields) {
        int c = json_name_cmp(t1->fields[i].name, t2->fields[j].name);
        if (c == 0) {
            f[n].name = t1->fields[i].name;
            f[n].type = json_compatible(a, t1->fields[i].type, t2->fields[j].type);
            f[n].nullable = true;
            n++, i++, j++;
        } else if (c < 0) {
            f[n++] = t1->fields[i++];
        } else {
            f[n++] = t2->fields[j++];
        }
    }
    while (i < t1->n_fields)
        f[n++] = t1->fields[i++];
    while (j < t2->n_fields)
        f[n++] = t2->fields[j++];
    return ty_struct(a, n, f);
}

/* JsonInferSchema.compatibleType (default StringType). */
static const ty *json_compatible(em_arena *a, const ty *t1, const ty *t2)
{
    /* Structs merge field by field (findTightestCommonType would only accept equal names). */
    if (t1->kind == TY_STRUCT && t2->kind == TY_STRUCT)
        return ty_equals(t1, t2) ? t1 : json_merge_structs(a, t1, t2);
    const ty *t = io_tightest_common_type(a, t1, t2, true);
    if (t)
        return t;
    if ((t1->kind == TY_DOUBLE && t2->kind == TY_DECIMAL) ||
        (t1->kind == TY_DECIMAL && t2->kind == TY_DOUBLE) ||
        (t1->kind == TY_FLOAT && t2->kind == TY_DECIMAL) ||
        (t1->kind == TY_DECIMAL && t2->kind == TY_FLOAT))
        return ty_double();
    if (t1->kind == TY_DECIMAL && t2->kind == TY_DECIMAL) {
        int scale = t1->scale > t2->scale ? t1->scale : t2->scale;
        int r1 = t1->precision - t1->scale, r2 = t2->precision - t2->scale;
        int range = r1 > r2 ? r1 : r2;
        if (range + scale > TY_DECIMAL_MAX_PRECISION)
            return ty_double();
        return ty_decimal(a, range + scale, scale);
    }
    if (t1->kind == TY_ARRAY && t2->kind == TY_ARRAY)
        return ty_array(a, json_compatible(a, t1->elem, t2->elem),
                        t1->contains_null || t2->contains_null);
    if (ty_is_integral(t1) && t2->kind == TY_DECIMAL)
        return json_compatible(a, io_decimal_for_integral(a, t1), t2);
    if (t1->kind == TY_DECIMAL && ty_is_integral(t2))
        return json_compatible(a, t1, io_decimal_for_integral(a, t2));
    if ((t1->kind == TY_TIMESTAMP && t2->kind == TY_TIMESTAMP_NTZ) ||
        (t1->kind == TY_TIMESTAMP_NTZ && t2->kind == TY_TIMESTAMP))
        return ty_timestamp();
    return ty_string();
}

static bool json_has_field(const ty *st, const char *name)
{
    for (int i = 0; i < st->n_fields; i++)
        if (strcmp(st->fields[i].name, name) == 0)
            return true;
    return false;
}

/* Inserts a field keeping the name order. */
static const ty *json_add_field(em_arena *a, const ty *st, const char *name, const ty *t)
{
    ty_field *f = em_arena_calloc(a, (size_t)st->n_fields + 2, sizeof *f);
    int n = 0;
    bool placed = false;
    for (int i = 0; i < st->n_fields; i++) {
        if (!placed && json_name_cmp(name, st->fields[i].name) < 0) {
            f[n++] = (ty_field){.name = name, .type = t, .nullable = true};
            placed = true;
        }
        f[n++] = st->fields[i];
    }
    if (!placed)
        f[n++] = (ty_field){.name = name, .type = t, .nullable = true};
    return ty_struct(a, n, f);
}

/* withCorruptField */
static int json_with_corrupt(json_inf *c, const ty *st, const ty *other, const ty **out,
                             em_error *err)
{
    switch (c->o->mode) {
    case IO_MODE_DROPMALFORMED:
        *out = st;
        return EM_OK;
    case IO_MODE_FAILFAST: {
        char tn[256];
        io_sql_type(other, tn, sizeof tn);
        return em_error_set(err, "INVALID_JSON_RECORD_TYPE", "failFastMode", "FAILFAST",
                            "invalidType", tn, NULL);
    }
    default:
        *out = json_has_field(st, c->o->corrupt)
                   ? st
                   : json_add_field(c->s->arena, st, c->o->corrupt, ty_string());
        return EM_OK;
    }
}

/* compatibleRootType */
static int json_merge_root(json_inf *c, const ty *a, const ty *b, const ty **out, em_error *err)
{
    while (a->kind == TY_ARRAY)
        a = a->elem;
    while (b->kind == TY_ARRAY)
        b = b->elem;
    if (a->kind == TY_STRUCT && b->kind == TY_NULL) {
        *out = a;
        return EM_OK;
    }
    if (a->kind == TY_NULL && b->kind == TY_STRUCT) {
        *out = b;
        return EM_OK;
    }
    if (a->kind == TY_STRUCT && b->kind != TY_STRUCT)
        return json_with_corrupt(c, a, b, out, err);
    if (a->kind != TY_STRUCT && b->kind == TY_STRUCT)
        return json_with_corrupt(c, b, a, out, err);
    *out = json_compatible(c->s->arena, a, b);
    return EM_OK;
}

/* ---- one value
 * ----------------------------------------------------------------------------------- */

static int json_field_cmp(const void *x, const void *y)
{
    return json_name_cmp(((const ty_field *)x)->name, ((const ty_field *)y)->name);
}

/* Stable sort of fields by name (Arrays.sort on objects is stable). */
static void json_sort_fields(ty_field *f, int n)
{
    for (int i = 1; i < n; i++) {
        ty_field x = f[i];
        int j = i - 1;
        while (j >= 0 && json_field_cmp(&f[j], &x) > 0) {
            f[j + 1] = f[j];
            j--;
        }
        f[j + 1] = x;
    }
}

static const ty *json_decimal_of(em_arena *a, const char *s, size_t n, bool max_ps)
{
    int p, sc;
    if (!io_bigdec_shape(s, n, &p, &sc))
        return NULL;
    if (max_ps) {
        if (sc < 0) /* BigInteger / Jackson decimals never carry a negative scale here */
            sc = 0;
        int prec = p > sc ? p : sc;
        return prec <= TY_DECIMAL_MAX_PRECISION ? ty_decimal(a, prec, sc) : ty_double();
    }
    if (sc < 0 || sc > p || p > TY_DECIMAL_MAX_PRECISION)
        return NULL;
    return ty_decimal(a, p, sc);
}

/* inferField; NULL on a syntax error. */
static const ty *json_infer_value(json_inf *c, json_cur *cur)
{
    em_arena *a = c->s->arena;
    const json_opts *o = c->o;
    json_kind k = json_peek(cur);
    switch (k) {
    case JK_NULL:
        return json_read_literal(cur, k) ? ty_null() : NULL;
    case JK_TRUE:
    case JK_FALSE:
        if (!json_read_literal(cur, k))
            return NULL;
        return o->primitives_as_string ? ty_string() : ty_boolean();
    case JK_STRING: {
        if (!json_read_string(cur, &c->text))
            return NULL;
        size_t n = c->text.len;
        const char *s = c->text.data ? c->text.data : "";
        if (n == 0)
            return ty_null();
        if (o->prefers_decimal) {
            /* decimalParser(Locale.US): commas removed */
            char *buf = em_malloc(n + 1);
            size_t m = 0;
            for (size_t i = 0; i < n; i++)
                if (s[i] != ',')
                    buf[m++] = s[i];
            const ty *d = json_decimal_of(a, buf, m, false);
            em_free(buf);
            if (d)
                return d;
        }
        if (o->infer_timestamp) {
            int64_t us;
            if (o->ntz_default && io_parse_ntz_value(&o->time, s, n, &us))
                return ty_timestamp_ntz();
            if (io_parse_ts_optional(&o->time, s, n, &us))
                return ty_timestamp();
        }
        return ty_string();
    }
    case JK_NUMBER: {
        json_num num;
        if (!json_read_number(cur, &num))
            return NULL;
        if (o->primitives_as_string)
            return ty_string();
        if (!num.is_float) {
            int64_t x;
            if (io_java_long(num.s, num.len, &x))
                return ty_long();
            return json_decimal_of(a, num.s, num.len, true);
        }
        if (o->prefers_decimal && !num.special) {
            const ty *d = json_decimal_of(a, num.s, num.len, true);
            if (d)
                return d;
        }
        return ty_double();
    }
    case JK_OBJECT: {
        if (!json_obj_begin(cur))
            return NULL;
        int cap = 8, n = 0;
        ty_field *f = em_malloc(sizeof *f * (size_t)cap);
        bool first = true, done = false;
        for (;;) {
            if (!json_obj_next_key(cur, &c->key, &done, &first)) {
                em_free(f);
                return NULL;
            }
            if (done)
                break;
            const char *name = em_arena_strndup(a, c->key.data ? c->key.data : "", c->key.len);
            const ty *t = json_infer_value(c, cur);
            if (!t) {
                em_free(f);
                return NULL;
            }
            if (n == cap) {
                cap *= 2;
                f = em_realloc(f, sizeof *f * (size_t)cap);
            }
            f[n++] = (ty_field){.name = name, .type = t, .nullable = true};
        }
        json_sort_fields(f, n);
        const ty *st = ty_struct(a, n, f);
        em_free(f);
        return st;
    }
    case JK_ARRAY: {
        if (!json_arr_begin(cur))
            return NULL;
        const ty *elem = ty_null();
        bool first = true, done = false;
        for (;;) {
            if (!json_arr_next(cur, &done, &first))
                return NULL;
            if (done)
                break;
            const ty *t = json_infer_value(c, cur);
            if (!t)
                return NULL;
            elem = json_compatible(a, elem, t);
        }
        return ty_array(a, elem, true);
    }
    default:
        json_fail(cur, "expected a value");
        return NULL;
    }
}

/* ---- canonicalizeType
 * ------------------------------------------------------------------------------ */

static const ty *json_canonical(em_arena *a, const json_opts *o, const ty *t)
{
    switch (t->kind) {
    case TY_ARRAY: {
        const ty *e = json_canonical(a, o, t->elem);
        return e ? ty_array(a, e, t->contains_null) : NULL;
    }
    case TY_STRUCT: {
        ty_field *f = em_arena_calloc(a, (size_t)t->n_fields + 1, sizeof *f);
        int n = 0;
        for (int i = 0; i < t->n_fields; i++) {
            if (!t->fields[i].name[0])
                continue;
            const ty *ft = json_canonical(a, o, t->fields[i].type);
            if (!ft)
                continue;
            f[n] = t->fields[i];
            f[n].type = ft;
            n++;
        }
        return n ? ty_struct(a, n, f) : NULL;
    }
    case TY_NULL:
        return o->drop_field_if_all_null ? NULL : ty_string();
    default:
        return t;
    }
}

/* ---- records
 * --------------------------------------------------------------------------------------- */

/* One record's contribution to *acc. */
static int json_infer_record(json_inf *c, const char *p, size_t n, const ty **acc, em_error *err)
{
    json_cur cur;
    json_cur_init(&cur, c->o, p, p + n);
    json_kind k = json_peek(&cur);
    if (k == JK_EOF)
        return EM_OK; /* empty: NullType, discarded */
    const ty *t = k == JK_BAD ? NULL : json_infer_value(c, &cur);
    if (!t) {
        switch (c->o->mode) {
        case IO_MODE_DROPMALFORMED:
            return EM_OK;
        case IO_MODE_FAILFAST:
            return em_error_set(err, "MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION", "badRecord",
                                c->o->corrupt, "failFastMode", "FAILFAST", NULL);
        default: {
            ty_field f = {.name = c->o->corrupt, .type = ty_string(), .nullable = true};
            t = ty_struct(c->s->arena, 1, &f);
        }
        }
    }
    return json_merge_root(c, *acc, t, acc, err);
}

int json_infer(io_source *s, const json_opts *o, const ty **out, em_error *err)
{
    *out = NULL;
    if (s->n_all == 0)
        return EM_OK;
    json_inf c = {.s = s, .o = o};
    em_str_init(&c.key, 1 << 30);
    em_str_init(&c.text, 1 << 30);
    const ty *acc = ty_struct(s->arena, 0, NULL);
    int rc = EM_OK;
    for (int i = 0; i < s->n_all && rc == EM_OK; i++) {
        const io_file *f = &s->all[i];
        if (f->size <= 0)
            continue;
        io_buf b;
        if (io_buf_open(f, &b, err)) {
            rc = err ? err->code : EM_EUSER;
            break;
        }
        if (o->multiline) {
            const char *d = b.data;
            size_t n = b.len;
            io_skip_bom(&d, &n);
            rc = json_infer_record(&c, d, n, &acc, err);
        } else {
            io_lines lines;
            io_lines_init(&lines, b.data, b.len, o->line_sep, o->line_sep_len);
            const char *line;
            size_t len;
            while (rc == EM_OK && io_lines_next(&lines, &line, &len))
                rc = json_infer_record(&c, line, len, &acc, err);
        }
        io_buf_close(&b);
    }
    em_str_release(&c.key);
    em_str_release(&c.text);
    if (rc)
        return rc;
    const ty *canon = json_canonical(s->arena, o, acc);
    *out = canon && canon->kind == TY_STRUCT ? canon : ty_struct(s->arena, 0, NULL);
    return EM_OK;
}
