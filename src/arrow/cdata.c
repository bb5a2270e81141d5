/*
 * cdata: vector batches -> Arrow C Data Interface (see cdata.h).
 *
 * Each exported ArrowArray / ArrowSchema node owns a private block (cdata_array_priv,
 * cdata_schema_priv) holding what its release callback frees: the retained vector whose
 * buffers it points into, converted buffers (bit-packed booleans, month_day_nano intervals),
 * the children structs and their pointer array, the format and name strings. Release follows
 * the specification: release the children that still have a release callback (a consumer may
 * have moved some out), free the private block, set release to NULL.
 *
 * Buffers the format requires are never NULL: empty ones point at a static block of zeros
 * (enough for the one int32 offset of an empty var-width array). The validity pointer is NULL
 * exactly when the array has no nulls.
 */
#include "arrow/cdata.h"

#include <stdio.h>
#include <string.h>

#include "common/em_mem.h"

static const uint64_t cdata_zeros[2] = {0, 0};

typedef struct cdata_array_priv {
    vec *v;         /* retained, may be NULL (map entries, the batch struct) */
    uint8_t *owned; /* a converted values buffer */
    const void *buffers[3];
    struct ArrowArray *kids;
    struct ArrowArray **kid_ptrs;
} cdata_array_priv;

typedef struct cdata_schema_priv {
    char *format;
    char *name;
    struct ArrowSchema *kids;
    struct ArrowSchema **kid_ptrs;
} cdata_schema_priv;

static void cdata_array_release(struct ArrowArray *a)
{
    if (!a || !a->release)
        return;
    cdata_array_priv *p = a->private_data;
    for (int64_t idx = 0; idx < a->n_children; idx++)
        if (a->children[idx]->release)
            a->children[idx]->release(a->children[idx]);
    vec_release(p->v);
    em_free(p->owned);
    em_free(p->kids);
    em_free(p->kid_ptrs);
    em_free(p);
    a->release = NULL;
}

static void cdata_schema_release(struct ArrowSchema *s)
{
    if (!s || !s->release)
        return;
    cdata_schema_priv *p = s->private_data;
    for (int64_t idx = 0; idx < s->n_children; idx++)
        if (s->children[idx]->release)
            s->children[idx]->release(s->children[idx]);
    em_free(p->format);
    em_free(p->name);
    em_free(p->kids);
    em_free(p->kid_ptrs);
    em_free(p);
    s->release = NULL;
}

/* Initialises *out with n_children zeroed children; release is set, so partial exports free. */
static cdata_array_priv *cdata_array_init(struct ArrowArray *out, int64_t len, int n_children)
{
    cdata_array_priv *p = em_calloc(1, sizeof *p);
    memset(out, 0, sizeof *out);
    out->length = len;
    out->buffers = p->buffers;
    out->release = cdata_array_release;
    out->private_data = p;
    if (n_children) {
        p->kids = em_calloc((size_t)n_children, sizeof *p->kids);
        p->kid_ptrs = em_calloc((size_t)n_children, sizeof *p->kid_ptrs);
        for (int idx = 0; idx < n_children; idx++)
            p->kid_ptrs[idx] = &p->kids[idx];
        out->n_children = n_children;
        out->children = p->kid_ptrs;
    }
    return p;
}

static int64_t cdata_null_count(const vec *v, int64_t len)
{
    int64_t n = 0;
    if (v->validity)
        for (int64_t row = 0; row < len; row++)
            n += vec_is_null(v, row);
    return n;
}

static int cdata_export_array(const ty *t, vec *v, int64_t len, int depth, struct ArrowArray *out,
                              em_error *err);

static int cdata_offsets(const vec *v, int64_t len, int64_t limit, int64_t *last, em_error *err)
{
    if (!v->offsets) {
        *last = 0;
        return len ? em_error_internal(err, "C export: var-width vector without offsets") : 0;
    }
    *last = v->offsets[len];
    if (v->offsets[0] < 0 || *last < v->offsets[0] || *last > limit)
        return em_error_internal(err, "C export: offsets out of range");
    return EM_OK;
}

static int cdata_export_array(const ty *t, vec *v, int64_t len, int depth, struct ArrowArray *out,
                              em_error *err)
{
    memset(out, 0, sizeof *out);
    if (depth > 64)
        return em_error_internal(err, "C export: nesting deeper than 64");
    if (!v || v->len < len ||
        (v->type->kind != t->kind && !(ty_is_string(t) && ty_is_string(v->type))))
        return em_error_internal(err, "C export: vector does not match its schema type");
    int n_children = t->kind == TY_ARRAY || t->kind == TY_MAP ? 1
                     : t->kind == TY_STRUCT                   ? t->n_fields
                                                              : 0;
    if ((t->kind == TY_ARRAY && v->n_children != 1) || (t->kind == TY_MAP && v->n_children != 2) ||
        (t->kind == TY_STRUCT && v->n_children != t->n_fields))
        return em_error_internal(err, "C export: nested vector without its children");
    cdata_array_priv *p = cdata_array_init(out, len, n_children);
    p->v = vec_retain(v);
    if (t->kind == TY_NULL) {
        out->null_count = len;
        return EM_OK;
    }
    out->null_count = cdata_null_count(v, len);
    p->buffers[0] = out->null_count ? v->validity : NULL;
    out->n_buffers = 2;
    int64_t last = 0;
    int rc = EM_OK;
    switch (t->kind) {
    case TY_BOOLEAN: {
        p->owned = em_calloc((size_t)((len + 7) / 8 + 1), 1);
        const uint8_t *bytes = v->values;
        for (int64_t row = 0; row < len; row++)
            if (bytes[row])
                p->owned[row >> 3] |= (uint8_t)(1u << (row & 7));
        p->buffers[1] = p->owned;
        break;
    }
    case TY_CALENDAR_INTERVAL: {
        p->owned = em_calloc((size_t)(len ? len : 1), 16);
        const ty_calendar_interval *iv = v->values;
        for (int64_t row = 0; row < len && rc == EM_OK; row++) {
            if (vec_is_null(v, row))
                continue;
            int64_t ns;
            if (__builtin_mul_overflow(iv[row].microseconds, 1000, &ns))
                rc = em_error_internal(err, "C export: calendar interval overflows nanoseconds");
            memcpy(p->owned + row * 16, &iv[row].months, 4);
            memcpy(p->owned + row * 16 + 4, &iv[row].days, 4);
            memcpy(p->owned + row * 16 + 8, &ns, 8);
        }
        p->buffers[1] = p->owned;
        break;
    }
    case TY_STRING:
    case TY_CHAR:
    case TY_VARCHAR:
    case TY_BINARY:
        rc = cdata_offsets(v, len, v->bytes_len, &last, err);
        out->n_buffers = 3;
        p->buffers[1] = v->offsets ? (const void *)v->offsets : cdata_zeros;
        p->buffers[2] = v->bytes ? (const void *)v->bytes : cdata_zeros;
        break;
    case TY_ARRAY:
        rc = cdata_offsets(v, len, v->children[0]->len, &last, err);
        p->buffers[1] = v->offsets ? (const void *)v->offsets : cdata_zeros;
        if (rc == EM_OK)
            rc = cdata_export_array(t->elem, v->children[0], last, depth + 1, &p->kids[0], err);
        break;
    case TY_MAP: {
        rc = cdata_offsets(v, len, v->children[0]->len, &last, err);
        p->buffers[1] = v->offsets ? (const void *)v->offsets : cdata_zeros;
        if (rc != EM_OK || v->children[1]->len < last)
            return rc ? rc : em_error_internal(err, "C export: map values shorter than keys");
        cdata_array_priv *e = cdata_array_init(&p->kids[0], last, 2);
        p->kids[0].n_buffers = 1;
        (void)e;
        rc = cdata_export_array(t->key, v->children[0], last, depth + 2, &e->kids[0], err);
        if (rc == EM_OK)
            rc = cdata_export_array(t->value, v->children[1], last, depth + 2, &e->kids[1], err);
        break;
    }
    case TY_STRUCT:
        out->n_buffers = 1;
        for (int idx = 0; idx < t->n_fields && rc == EM_OK; idx++)
            rc = cdata_export_array(t->fields[idx].type, v->children[idx], len, depth + 1,
                                    &p->kids[idx], err);
        break;
    default: {
        int width = ty_fixed_width(t);
        if (!width)
            return em_error_internal(err, "C export: Spark type kind %d has no Arrow form",
                                     (int)t->kind);
        if (len && !v->values)
            return em_error_internal(err, "C export: vector without values");
        p->buffers[1] = v->values ? v->values : cdata_zeros;
        break;
    }
    }
    return rc;
}

/* The format string of t (caller frees). */
static char *cdata_format(const ty *t, em_error *err)
{
    switch (t->kind) {
    case TY_NULL:
        return em_strdup("n");
    case TY_BOOLEAN:
        return em_strdup("b");
    case TY_BYTE:
        return em_strdup("c");
    case TY_SHORT:
        return em_strdup("s");
    case TY_INT:
        return em_strdup("i");
    case TY_LONG:
        return em_strdup("l");
    case TY_FLOAT:
        return em_strdup("f");
    case TY_DOUBLE:
        return em_strdup("g");
    case TY_DECIMAL: {
        char buf[32];
        snprintf(buf, sizeof buf, "d:%d,%d", t->precision, t->scale);
        return em_strdup(buf);
    }
    case TY_STRING:
    case TY_CHAR:
    case TY_VARCHAR:
        return em_strdup("u");
    case TY_BINARY:
        return em_strdup("z");
    case TY_DATE:
        return em_strdup("tdD");
    case TY_TIMESTAMP:
        return em_strdup("tsu:UTC");
    case TY_TIMESTAMP_NTZ:
        return em_strdup("tsu:");
    case TY_DAYTIME_INTERVAL:
        return em_strdup("tDu");
    case TY_YEARMONTH_INTERVAL:
        return em_strdup("tiM");
    case TY_CALENDAR_INTERVAL:
        return em_strdup("tin");
    case TY_ARRAY:
        return em_strdup("+l");
    case TY_MAP:
        return em_strdup("+m");
    case TY_STRUCT:
        return em_strdup("+s");
    default:
        em_error_internal(err, "C export: Spark type kind %d has no Arrow form", (int)t->kind);
        return NULL;
    }
}

static cdata_schema_priv *cdata_schema_init(struct ArrowSchema *out, const char *name,
                                            bool nullable, int n_children)
{
    cdata_schema_priv *p = em_calloc(1, sizeof *p);
    memset(out, 0, sizeof *out);
    p->name = em_strdup(name ? name : "");
    out->name = p->name;
    out->flags = nullable ? ARROW_FLAG_NULLABLE : 0;
    out->release = cdata_schema_release;
    out->private_data = p;
    if (n_children) {
        p->kids = em_calloc((size_t)n_children, sizeof *p->kids);
        p->kid_ptrs = em_calloc((size_t)n_children, sizeof *p->kid_ptrs);
        for (int idx = 0; idx < n_children; idx++)
            p->kid_ptrs[idx] = &p->kids[idx];
        out->n_children = n_children;
        out->children = p->kid_ptrs;
    }
    return p;
}

static int cdata_export_schema(const char *name, const ty *t, bool nullable, int depth,
                               struct ArrowSchema *out, em_error *err)
{
    memset(out, 0, sizeof *out);
    if (depth > 64)
        return em_error_internal(err, "C export: nesting deeper than 64");
    char *format = cdata_format(t, err);
    if (!format)
        return err ? err->code : EM_EINTERNAL;
    int n_children = t->kind == TY_ARRAY || t->kind == TY_MAP ? 1
                     : t->kind == TY_STRUCT                   ? t->n_fields
                                                              : 0;
    cdata_schema_priv *p = cdata_schema_init(out, name, nullable, n_children);
    p->format = format;
    out->format = format;
    switch (t->kind) {
    case TY_ARRAY:
        return cdata_export_schema("element", t->elem, t->contains_null, depth + 1, &p->kids[0],
                                   err);
    case TY_MAP: {
        cdata_schema_priv *e = cdata_schema_init(&p->kids[0], "entries", false, 2);
        e->format = em_strdup("+s");
        p->kids[0].format = e->format;
        int rc = cdata_export_schema("key", t->key, false, depth + 2, &e->kids[0], err);
        if (rc == EM_OK)
            rc = cdata_export_schema("value", t->value, t->value_contains_null, depth + 2,
                                     &e->kids[1], err);
        return rc;
    }
    case TY_STRUCT:
        for (int idx = 0; idx < t->n_fields; idx++) {
            int rc = cdata_export_schema(t->fields[idx].name, t->fields[idx].type,
                                         t->fields[idx].nullable, depth + 1, &p->kids[idx], err);
            if (rc != EM_OK)
                return rc;
        }
        return EM_OK;
    default:
        return EM_OK;
    }
}

int ipc_export_batch(const ty *schema, vec_batch *batch, struct ArrowArray *out_array,
                     struct ArrowSchema *out_schema, em_error *err)
{
    if (out_array)
        memset(out_array, 0, sizeof *out_array);
    if (out_schema)
        memset(out_schema, 0, sizeof *out_schema);
    if (!schema || schema->kind != TY_STRUCT || !batch || batch->n_cols != schema->n_fields)
        return em_error_internal(err, "C export: batch does not match its schema");
    for (int col = 0; col < batch->n_cols; col++)
        if (!batch->cols[col] || batch->cols[col]->len != batch->n_rows)
            return em_error_internal(err, "C export: column %d has the wrong length", col);
    int rc = EM_OK;
    if (out_schema) {
        rc = cdata_export_schema("", schema, false, 0, out_schema, err);
        if (rc != EM_OK) {
            if (out_schema->release)
                out_schema->release(out_schema);
            return rc;
        }
    }
    if (out_array) {
        cdata_array_priv *p = cdata_array_init(out_array, batch->n_rows, batch->n_cols);
        out_array->n_buffers = 1;
        for (int col = 0; col < batch->n_cols && rc == EM_OK; col++)
            rc = cdata_export_array(schema->fields[col].type, batch->cols[col], batch->n_rows, 1,
                                    &p->kids[col], err);
        if (rc != EM_OK) {
            out_array->release(out_array);
            if (out_schema && out_schema->release)
                out_schema->release(out_schema);
            return rc;
        }
    }
    return EM_OK;
}
