/*
 * cl_local.c: createDataFrame's data path — a caller's struct ArrowArrayStream (the Arrow C
 * stream interface) imported into vector batches and re-encoded as one Arrow IPC stream for
 * LocalRelation.data, plus the Spark schema JSON PySpark would send next to it.
 *
 * Import rules (the Arrow C data interface; every buffer is copied, so the caller's arrays are
 * released as soon as they are read):
 *   n b c s i l f g            null, boolean, int8..int64, float32, float64
 *   d:p,s[,128]                decimal128
 *   u U / z Z                  utf8 / large utf8 -> string; binary / large binary -> binary
 *   tdD tdm                    date32, date64 (ms, floored to days) -> date
 *   ts{s,m,u,n}:TZ             timestamp (any unit, to microseconds, floor) -> timestamp when TZ
 *                              is set, timestamp_ntz when it is empty
 *   tD{s,m,u,n}                duration -> interval day to second
 *   tiM / tin                  interval year-month / month-day-nano -> calendar interval
 *   +l +L / +m / +s            list, large list -> array; map -> map; struct -> struct
 * Anything else (unsigned integers, half floats, views, dictionaries, unions, ...) fails with
 * EMBER_EINVAL and error class UNSUPPORTED_ARROWTYPE. Array offsets and struct parent offsets
 * are honoured; the stream's top-level schema must be a struct (a record batch).
 */
#include <stdlib.h>
#include <string.h>

#include "arrow/ipc.h"
#include "client/cl_int.h"
#include "common/em_mem.h"
#include "types/ty.h"
#include "vector/vec.h"

#define CL_IMPORT_MAX_DEPTH 64

static int cl_import_unsupported(ember_error *err, const char *format)
{
    int rc = cl_error_set(err, EMBER_EINVAL, "UNSUPPORTED_ARROWTYPE",
                          "[UNSUPPORTED_ARROWTYPE] Unsupported arrow type %s.", format);
    cl_error_param(err, "typeName", format);
    return rc;
}

/* The Spark type of an Arrow schema node, or NULL with err set. */
static const ty *cl_import_type(const struct ArrowSchema *s, em_arena *a, int depth,
                                ember_error *err)
{
    const char *f = s->format ? s->format : "";
    if (depth > CL_IMPORT_MAX_DEPTH || s->dictionary) {
        cl_import_unsupported(err, s->dictionary ? "dictionary" : f);
        return NULL;
    }
    if (strlen(f) == 1) {
        switch (f[0]) {
        case 'n':
            return ty_null();
        case 'b':
            return ty_boolean();
        case 'c':
            return ty_byte();
        case 's':
            return ty_short();
        case 'i':
            return ty_int();
        case 'l':
            return ty_long();
        case 'f':
            return ty_float();
        case 'g':
            return ty_double();
        case 'u':
        case 'U':
            return ty_string();
        case 'z':
        case 'Z':
            return ty_binary();
        default:
            break;
        }
    } else if (f[0] == 'd' && f[1] == ':') {
        char *end;
        long p = strtol(f + 2, &end, 10);
        long sc = *end == ',' ? strtol(end + 1, &end, 10) : -1;
        long bits = *end == ',' ? strtol(end + 1, &end, 10) : 128;
        if (*end == '\0' && bits == 128 && p >= 1 && p <= TY_DECIMAL_MAX_PRECISION && sc >= 0 &&
            sc <= p)
            return ty_decimal(a, (int)p, (int)sc);
    } else if (strcmp(f, "tdD") == 0 || strcmp(f, "tdm") == 0) {
        return ty_date();
    } else if (f[0] == 't' && f[1] == 's' && strchr("smun", f[2]) && f[2] && f[3] == ':') {
        return f[4] ? ty_timestamp() : ty_timestamp_ntz();
    } else if (f[0] == 't' && f[1] == 'D' && f[2] && strchr("smun", f[2]) && !f[3]) {
        return ty_daytime_interval(a, TY_DT_DAY, TY_DT_SECOND);
    } else if (strcmp(f, "tiM") == 0) {
        return ty_yearmonth_interval(a, TY_YM_YEAR, TY_YM_MONTH);
    } else if (strcmp(f, "tin") == 0) {
        return ty_calendar_interval_type();
    } else if ((strcmp(f, "+l") == 0 || strcmp(f, "+L") == 0) && s->n_children == 1) {
        const struct ArrowSchema *c = s->children[0];
        const ty *e = cl_import_type(c, a, depth + 1, err);
        return e ? ty_array(a, e, (c->flags & ARROW_FLAG_NULLABLE) != 0) : NULL;
    } else if (strcmp(f, "+m") == 0 && s->n_children == 1 && s->children[0]->n_children == 2) {
        const struct ArrowSchema *ent = s->children[0];
        const ty *k = cl_import_type(ent->children[0], a, depth + 2, err);
        const ty *v = k ? cl_import_type(ent->children[1], a, depth + 2, err) : NULL;
        return v ? ty_map(a, k, v, (ent->children[1]->flags & ARROW_FLAG_NULLABLE) != 0) : NULL;
    } else if (strcmp(f, "+s") == 0) {
        int n = (int)s->n_children;
        ty_field *fields = em_arena_calloc(a, n ? (size_t)n : 1, sizeof(ty_field));
        for (int idx = 0; idx < n; idx++) {
            const struct ArrowSchema *c = s->children[idx];
            fields[idx].name = em_arena_strdup(a, c->name ? c->name : "");
            fields[idx].nullable = (c->flags & ARROW_FLAG_NULLABLE) != 0;
            fields[idx].type = cl_import_type(c, a, depth + 1, err);
            if (!fields[idx].type)
                return NULL;
        }
        return ty_struct(a, n, fields);
    }
    cl_import_unsupported(err, f);
    return NULL;
}

static bool cl_bit(const uint8_t *bits, int64_t idx)
{
    return (bits[idx >> 3] >> (idx & 7)) & 1;
}

/* Time unit letter -> factor to microseconds (>0 multiply, <0 divide). */
static int64_t cl_unit_factor(char unit)
{
    switch (unit) {
    case 's':
        return 1000000;
    case 'm':
        return 1000;
    case 'u':
        return 1;
    default:
        return -1000; /* nanoseconds */
    }
}

static int64_t cl_floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0)))
        q--;
    return q;
}

static vec *cl_import_array(const ty *t, const struct ArrowSchema *s, const struct ArrowArray *arr,
                            int64_t offset, int64_t len, int depth, ember_error *err);

/* Imports the child values [start, start+count) of a list/map into a fresh vector. */
static vec *cl_import_child(const ty *t, const struct ArrowSchema *s, const struct ArrowArray *c,
                            int64_t start, int64_t count, int depth, ember_error *err)
{
    if (start < 0 || count < 0 || c->offset + start + count > c->offset + c->length) {
        cl_error_set(err, EMBER_EINVAL, NULL, "Arrow list offsets out of range");
        return NULL;
    }
    return cl_import_array(t, s, c, c->offset + start, count, depth + 1, err);
}

static vec *cl_import_array(const ty *t, const struct ArrowSchema *s, const struct ArrowArray *arr,
                            int64_t offset, int64_t len, int depth, ember_error *err)
{
    const char *f = s->format;
    if (depth > CL_IMPORT_MAX_DEPTH || len < 0 || offset < 0) {
        cl_error_set(err, EMBER_EINVAL, NULL, "invalid Arrow array");
        return NULL;
    }
    if (t->kind == TY_NULL)
        return vec_new_nulls(t, len);
    vec *v = vec_new(t, len);
    v->len = len;
    const uint8_t *validity = arr->n_buffers > 0 ? arr->buffers[0] : NULL;
    if (validity && arr->null_count != 0) {
        for (int64_t row = 0; row < len; row++)
            if (!cl_bit(validity, offset + row))
                vec_set_null(v, row);
    }
    int w = ty_fixed_width(t);
    switch (t->kind) {
    case TY_BOOLEAN: {
        const uint8_t *bits = arr->buffers[1];
        for (int64_t row = 0; row < len; row++)
            ((uint8_t *)v->values)[row] = bits ? cl_bit(bits, offset + row) : 0;
        break;
    }
    case TY_DATE:
        if (strcmp(f, "tdm") == 0) {
            const int64_t *ms = arr->buffers[1];
            for (int64_t row = 0; row < len; row++)
                ((int32_t *)v->values)[row] = (int32_t)cl_floor_div(ms[offset + row], 86400000);
            break;
        }
        memcpy(v->values, (const uint8_t *)arr->buffers[1] + offset * 4, (size_t)(len * 4));
        break;
    case TY_TIMESTAMP:
    case TY_TIMESTAMP_NTZ:
    case TY_DAYTIME_INTERVAL: {
        int64_t factor = cl_unit_factor(f[2]);
        const int64_t *src = arr->buffers[1];
        for (int64_t row = 0; row < len; row++) {
            int64_t x = src[offset + row];
            ((int64_t *)v->values)[row] = factor > 0 ? x * factor : cl_floor_div(x, -factor);
        }
        break;
    }
    case TY_CALENDAR_INTERVAL: {
        const uint8_t *src = arr->buffers[1];
        for (int64_t row = 0; row < len; row++) {
            ty_calendar_interval ci;
            int32_t m, d;
            int64_t ns;
            memcpy(&m, src + (offset + row) * 16, 4);
            memcpy(&d, src + (offset + row) * 16 + 4, 4);
            memcpy(&ns, src + (offset + row) * 16 + 8, 8);
            ci.months = m;
            ci.days = d;
            ci.microseconds = cl_floor_div(ns, 1000);
            ((ty_calendar_interval *)v->values)[row] = ci;
        }
        break;
    }
    case TY_STRING:
    case TY_BINARY: {
        bool large = f[0] == 'U' || f[0] == 'Z';
        const uint8_t *data = arr->buffers[2];
        int64_t base = large ? ((const int64_t *)arr->buffers[1])[offset]
                             : ((const int32_t *)arr->buffers[1])[offset];
        int64_t end = large ? ((const int64_t *)arr->buffers[1])[offset + len]
                            : ((const int32_t *)arr->buffers[1])[offset + len];
        if (end - base > VEC_MAX_BYTES || end < base) {
            vec_release(v);
            cl_error_set(err, EMBER_EINVAL, NULL, "Arrow string column too large");
            return NULL;
        }
        if (vec_reserve_bytes(v, end - base, NULL) != 0) {
            vec_release(v);
            cl_error_set(err, EMBER_EINVAL, NULL, "Arrow string column too large");
            return NULL;
        }
        if (end > base)
            memcpy(v->bytes, data + base, (size_t)(end - base));
        v->bytes_len = end - base;
        for (int64_t row = 0; row <= len; row++) {
            int64_t o = large ? ((const int64_t *)arr->buffers[1])[offset + row]
                              : ((const int32_t *)arr->buffers[1])[offset + row];
            v->offsets[row] = (int32_t)(o - base);
        }
        break;
    }
    case TY_ARRAY:
    case TY_MAP: {
        bool large = f[1] == 'L';
        int64_t base = large ? ((const int64_t *)arr->buffers[1])[offset]
                             : ((const int32_t *)arr->buffers[1])[offset];
        int64_t end = large ? ((const int64_t *)arr->buffers[1])[offset + len]
                            : ((const int32_t *)arr->buffers[1])[offset + len];
        for (int64_t row = 0; row <= len; row++) {
            int64_t o = large ? ((const int64_t *)arr->buffers[1])[offset + row]
                              : ((const int32_t *)arr->buffers[1])[offset + row];
            v->offsets[row] = (int32_t)(o - base);
        }
        const struct ArrowArray *c = arr->children[0];
        const struct ArrowSchema *cs = s->children[0];
        if (t->kind == TY_ARRAY) {
            vec *child = cl_import_child(t->elem, cs, c, base, end - base, depth, err);
            if (!child) {
                vec_release(v);
                return NULL;
            }
            vec_release(v->children[0]);
            v->children[0] = child;
        } else {
            /* entries: a struct of key, value; its own offset shifts both. */
            int64_t start = c->offset + base;
            if (base < 0 || end < base || base + (end - base) > c->length) {
                vec_release(v);
                cl_error_set(err, EMBER_EINVAL, NULL, "Arrow map offsets out of range");
                return NULL;
            }
            for (int k = 0; k < 2; k++) {
                const struct ArrowArray *kc = c->children[k];
                vec *child = cl_import_array(k == 0 ? t->key : t->value, cs->children[k], kc,
                                             kc->offset + start, end - base, depth + 1, err);
                if (!child) {
                    vec_release(v);
                    return NULL;
                }
                vec_release(v->children[k]);
                v->children[k] = child;
            }
        }
        break;
    }
    case TY_STRUCT:
        for (int idx = 0; idx < t->n_fields; idx++) {
            const struct ArrowArray *c = arr->children[idx];
            vec *child = cl_import_array(t->fields[idx].type, s->children[idx], c,
                                         c->offset + offset, len, depth + 1, err);
            if (!child) {
                vec_release(v);
                return NULL;
            }
            vec_release(v->children[idx]);
            v->children[idx] = child;
        }
        break;
    default:
        if (w > 0 && arr->n_buffers > 1 && arr->buffers[1])
            memcpy(v->values, (const uint8_t *)arr->buffers[1] + offset * w, (size_t)(len * w));
        break;
    }
    return v;
}

/* A record batch (struct array) of the stream -> vec_batch. */
static vec_batch *cl_import_batch(const ty *schema, const struct ArrowSchema *s,
                                  const struct ArrowArray *arr, ember_error *err)
{
    if (arr->n_children != schema->n_fields) {
        cl_error_set(err, EMBER_EINVAL, NULL, "Arrow batch does not match its schema");
        return NULL;
    }
    vec_batch *b = vec_batch_new(schema->n_fields, arr->length);
    for (int col = 0; col < schema->n_fields; col++) {
        const struct ArrowArray *c = arr->children[col];
        if (c->length < arr->offset + arr->length) {
            vec_batch_free(b);
            cl_error_set(err, EMBER_EINVAL, NULL, "Arrow column shorter than its batch");
            return NULL;
        }
        b->cols[col] = cl_import_array(schema->fields[col].type, s->children[col], c,
                                       c->offset + arr->offset, arr->length, 1, err);
        if (!b->cols[col]) {
            vec_batch_free(b);
            return NULL;
        }
    }
    return b;
}

int cl_local_encode(struct ArrowArrayStream *stream, uint8_t **ipc, size_t *ipc_len,
                    char **schema_json, int64_t *n_rows, ember_error *err)
{
    *ipc = NULL;
    *ipc_len = 0;
    *schema_json = NULL;
    *n_rows = 0;
    struct ArrowSchema s;
    memset(&s, 0, sizeof s);
    em_arena a;
    em_arena_init(&a, 4096);
    em_str out;
    em_str_init(&out, 0);
    int rc = EMBER_OK;
    int n_batches = 0;
    if (stream->get_schema(stream, &s) != 0) {
        const char *m = stream->get_last_error ? stream->get_last_error(stream) : NULL;
        rc = cl_error_set(err, EMBER_EINVAL, NULL, "get_schema failed: %s", m ? m : "");
        goto done;
    }
    if (!s.format || strcmp(s.format, "+s") != 0) {
        rc = cl_error_set(err, EMBER_EINVAL, NULL,
                          "createDataFrame: the stream's schema must be a struct");
        goto done;
    }
    const ty *schema = cl_import_type(&s, &a, 0, err);
    if (!schema) {
        rc = EMBER_EINVAL;
        goto done;
    }
    em_error e;
    em_error_clear(&e);
    if (ipc_encode_schema_message(schema, NULL, 0, &out, &e) != 0) {
        rc = cl_error_set(err, EMBER_EINVAL, NULL, "cannot encode the schema: %s", e.message);
        goto done;
    }
    for (;;) {
        struct ArrowArray arr;
        memset(&arr, 0, sizeof arr);
        if (stream->get_next(stream, &arr) != 0) {
            const char *m = stream->get_last_error ? stream->get_last_error(stream) : NULL;
            rc = cl_error_set(err, EMBER_EINVAL, NULL, "get_next failed: %s", m ? m : "");
            goto done;
        }
        if (!arr.release)
            break;
        vec_batch *b = cl_import_batch(schema, &s, &arr, err);
        arr.release(&arr);
        if (!b) {
            rc = EMBER_EINVAL;
            goto done;
        }
        *n_rows += b->n_rows;
        n_batches++;
        int erc = ipc_encode_batch_message(schema, b, 0, &out, &e);
        vec_batch_free(b);
        if (erc != 0) {
            rc = cl_error_set(err, EMBER_EINVAL, NULL, "cannot encode a batch: %s", e.message);
            goto done;
        }
    }
    ipc_encode_eos(&out);
    if (out.overflow) {
        rc = cl_error_set(err, EMBER_EINVAL, NULL, "createDataFrame: data too large");
        goto done;
    }
    em_str js;
    em_str_init(&js, 0);
    cl_types_ty_json(schema, &js);
    *schema_json = em_str_move(&js);
    if (n_batches > 0) {
        *ipc_len = out.len;
        *ipc = (uint8_t *)em_str_move(&out);
    }
done:
    em_str_release(&out);
    if (s.release)
        s.release(&s);
    em_arena_release(&a);
    if (stream->release)
        stream->release(stream);
    return rc;
}
