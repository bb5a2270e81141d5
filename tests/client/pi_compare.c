/*
 * pi_compare.c: descriptor-driven comparison of Spark Connect plans (see pi_compare.h).
 */
#include "pi_compare.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arrow/ipc.h"
#include "common/em_arena.h"
#include "common/em_error.h"
#include "common/em_mem.h"
#include "spark/connect/base.pb-c.h"
#include "types/ty.h"
#include "vector/vec.h"

typedef struct pi_cmp {
    int64_t a_ids[1024], b_ids[1024];
    int n_ids;
    char path[1024];
    char *why;
    size_t why_size;
} pi_cmp;

static bool pi_fail(pi_cmp *c, const char *fmt, const char *detail)
{
    snprintf(c->why, c->why_size, "%s: ", c->path);
    size_t used = strlen(c->why);
    snprintf(c->why + used, c->why_size - used, fmt, detail ? detail : "");
    return false;
}

static bool pi_plan_ids(pi_cmp *c, int64_t a, int64_t b)
{
    for (int idx = 0; idx < c->n_ids; idx++) {
        if (c->a_ids[idx] == a || c->b_ids[idx] == b) {
            if (c->a_ids[idx] == a && c->b_ids[idx] == b)
                return true;
            char d[96];
            snprintf(d, sizeof d, "%lld vs %lld", (long long)a, (long long)b);
            return pi_fail(c, "plan ids do not correspond (%s)", d);
        }
    }
    if (c->n_ids < 1024) {
        c->a_ids[c->n_ids] = a;
        c->b_ids[c->n_ids] = b;
        c->n_ids++;
    }
    return true;
}

/* ------------------------------------------------------------------------- Arrow data ---- */

static bool pi_value_eq(const vec *a, int64_t ra, const vec *b, int64_t rb, const ty *t)
{
    bool na = vec_is_null(a, ra), nb = vec_is_null(b, rb);
    if (na || nb)
        return na == nb;
    switch (t->kind) {
    case TY_NULL:
        return true;
    case TY_STRING:
    case TY_BINARY:
    case TY_CHAR:
    case TY_VARCHAR: {
        int32_t la, lb;
        const char *sa = vec_str(a, ra, &la);
        const char *sb = vec_str(b, rb, &lb);
        return la == lb && memcmp(sa, sb, (size_t)la) == 0;
    }
    case TY_ARRAY: {
        int32_t sa = a->offsets[ra], ea = a->offsets[ra + 1];
        int32_t sb = b->offsets[rb], eb = b->offsets[rb + 1];
        if (ea - sa != eb - sb)
            return false;
        for (int32_t idx = 0; idx < ea - sa; idx++)
            if (!pi_value_eq(a->children[0], sa + idx, b->children[0], sb + idx, t->elem))
                return false;
        return true;
    }
    case TY_MAP: {
        int32_t sa = a->offsets[ra], ea = a->offsets[ra + 1];
        int32_t sb = b->offsets[rb], eb = b->offsets[rb + 1];
        if (ea - sa != eb - sb)
            return false;
        for (int32_t idx = 0; idx < ea - sa; idx++)
            if (!pi_value_eq(a->children[0], sa + idx, b->children[0], sb + idx, t->key) ||
                !pi_value_eq(a->children[1], sa + idx, b->children[1], sb + idx, t->value))
                return false;
        return true;
    }
    case TY_STRUCT:
        for (int idx = 0; idx < t->n_fields; idx++)
            if (!pi_value_eq(a->children[idx], ra, b->children[idx], rb, t->fields[idx].type))
                return false;
        return true;
    default: {
        int w = ty_fixed_width(t);
        return memcmp((const char *)a->values + ra * w, (const char *)b->values + rb * w,
                      (size_t)w) == 0;
    }
    }
}

static bool pi_arrow_eq(pi_cmp *c, const ProtobufCBinaryData *x, const ProtobufCBinaryData *y)
{
    em_arena aa, ab;
    em_arena_init(&aa, 4096);
    em_arena_init(&ab, 4096);
    const ty *sa = NULL, *sb = NULL;
    vec_batch **ba = NULL, **bb = NULL;
    int na = 0, nb = 0;
    em_error e;
    em_error_clear(&e);
    bool ok = true;
    if (ipc_decode_stream(x->data, x->len, &aa, &sa, &ba, &na, &e) != 0) {
        ok = pi_fail(c, "left Arrow data does not decode: %s", e.message);
    } else if (em_error_clear(&e), ipc_decode_stream(y->data, y->len, &ab, &sb, &bb, &nb, &e)) {
        ok = pi_fail(c, "right Arrow data does not decode: %s", e.message);
    } else if (!ty_equals(sa, sb)) {
        em_str s1, s2;
        em_str_init(&s1, 0);
        em_str_init(&s2, 0);
        ty_simple_string(sa, &s1);
        ty_simple_string(sb, &s2);
        char d[1024];
        snprintf(d, sizeof d, "%s vs %s", s1.data, s2.data);
        em_str_release(&s1);
        em_str_release(&s2);
        ok = pi_fail(c, "Arrow schemas differ: %s", d);
    } else {
        int ia = 0, ib = 0;
        int64_t ra = 0, rb = 0;
        int64_t row = 0;
        for (;;) {
            while (ia < na && ra >= ba[ia]->n_rows) {
                ia++;
                ra = 0;
            }
            while (ib < nb && rb >= bb[ib]->n_rows) {
                ib++;
                rb = 0;
            }
            if (ia == na || ib == nb) {
                if (ia != na || ib != nb)
                    ok = pi_fail(c, "Arrow data has a different row count%s", "");
                break;
            }
            for (int col = 0; col < sa->n_fields && ok; col++) {
                if (!pi_value_eq(ba[ia]->cols[col], ra, bb[ib]->cols[col], rb,
                                 sa->fields[col].type)) {
                    char d[64];
                    snprintf(d, sizeof d, "row %lld column %d", (long long)row, col);
                    ok = pi_fail(c, "Arrow values differ at %s", d);
                }
            }
            if (!ok)
                break;
            ra++;
            rb++;
            row++;
        }
    }
    for (int idx = 0; idx < na; idx++)
        vec_batch_free(ba[idx]);
    for (int idx = 0; idx < nb; idx++)
        vec_batch_free(bb[idx]);
    if (ba)
        em_free(ba);
    if (bb)
        em_free(bb);
    em_arena_release(&aa);
    em_arena_release(&ab);
    return ok;
}

/* ---------------------------------------------------------------------------- messages ---- */

static bool pi_msg_eq(pi_cmp *c, const ProtobufCMessage *a, const ProtobufCMessage *b);

static bool pi_is_map_entry(const ProtobufCMessageDescriptor *d)
{
    size_t n = strlen(d->short_name);
    return n > 5 && strcmp(d->short_name + n - 5, "Entry") == 0 && d->n_fields == 2 &&
           strcmp(d->fields[0].name, "key") == 0 && d->fields[0].type == PROTOBUF_C_TYPE_STRING;
}

static const char *pi_entry_key(const ProtobufCMessage *m)
{
    const ProtobufCFieldDescriptor *f = &m->descriptor->fields[0];
    return *(char *const *)((const char *)m + f->offset);
}

static int pi_entry_cmp(const void *x, const void *y)
{
    const ProtobufCMessage *a = *(const ProtobufCMessage *const *)x;
    const ProtobufCMessage *b = *(const ProtobufCMessage *const *)y;
    return strcmp(pi_entry_key(a), pi_entry_key(b));
}

/* Compares one value of field f at pa / pb (pointers to the field storage). */
static bool pi_value(pi_cmp *c, const ProtobufCFieldDescriptor *f, const void *pa, const void *pb,
                     const ProtobufCMessageDescriptor *owner)
{
    char d[256];
    switch (f->type) {
    case PROTOBUF_C_TYPE_INT32:
    case PROTOBUF_C_TYPE_SINT32:
    case PROTOBUF_C_TYPE_SFIXED32:
    case PROTOBUF_C_TYPE_UINT32:
    case PROTOBUF_C_TYPE_FIXED32:
    case PROTOBUF_C_TYPE_ENUM:
        if (*(const int32_t *)pa == *(const int32_t *)pb)
            return true;
        snprintf(d, sizeof d, "%d vs %d", *(const int32_t *)pa, *(const int32_t *)pb);
        return pi_fail(c, "values differ (%s)", d);
    case PROTOBUF_C_TYPE_INT64:
    case PROTOBUF_C_TYPE_SINT64:
    case PROTOBUF_C_TYPE_SFIXED64:
    case PROTOBUF_C_TYPE_UINT64:
    case PROTOBUF_C_TYPE_FIXED64:
        if (strcmp(f->name, "plan_id") == 0)
            return pi_plan_ids(c, *(const int64_t *)pa, *(const int64_t *)pb);
        if (*(const int64_t *)pa == *(const int64_t *)pb)
            return true;
        snprintf(d, sizeof d, "%lld vs %lld", (long long)*(const int64_t *)pa,
                 (long long)*(const int64_t *)pb);
        return pi_fail(c, "values differ (%s)", d);
    case PROTOBUF_C_TYPE_BOOL:
        if (!*(const protobuf_c_boolean *)pa == !*(const protobuf_c_boolean *)pb)
            return true;
        return pi_fail(c, "booleans differ%s", "");
    case PROTOBUF_C_TYPE_FLOAT:
        if (memcmp(pa, pb, sizeof(float)) == 0)
            return true;
        snprintf(d, sizeof d, "%.9g vs %.9g", *(const float *)pa, *(const float *)pb);
        return pi_fail(c, "floats differ (%s)", d);
    case PROTOBUF_C_TYPE_DOUBLE:
        if (memcmp(pa, pb, sizeof(double)) == 0)
            return true;
        snprintf(d, sizeof d, "%.17g vs %.17g", *(const double *)pa, *(const double *)pb);
        return pi_fail(c, "doubles differ (%s)", d);
    case PROTOBUF_C_TYPE_STRING: {
        const char *sa = *(char *const *)pa, *sb = *(char *const *)pb;
        if (strcmp(sa ? sa : "", sb ? sb : "") == 0)
            return true;
        snprintf(d, sizeof d, "\"%.100s\" vs \"%.100s\"", sa ? sa : "", sb ? sb : "");
        return pi_fail(c, "strings differ (%s)", d);
    }
    case PROTOBUF_C_TYPE_BYTES: {
        const ProtobufCBinaryData *ba = pa, *bb = pb;
        if (strcmp(owner->short_name, "LocalRelation") == 0 && strcmp(f->name, "data") == 0)
            return pi_arrow_eq(c, ba, bb);
        if (ba->len == bb->len && (ba->len == 0 || memcmp(ba->data, bb->data, ba->len) == 0))
            return true;
        return pi_fail(c, "bytes differ%s", "");
    }
    case PROTOBUF_C_TYPE_MESSAGE: {
        const ProtobufCMessage *ma = *(ProtobufCMessage *const *)pa;
        const ProtobufCMessage *mb = *(ProtobufCMessage *const *)pb;
        if (!ma || !mb) {
            if (ma == mb)
                return true;
            return pi_fail(c, "message present on one side only (%s)", ma ? "left" : "right");
        }
        return pi_msg_eq(c, ma, mb);
    }
    default:
        return pi_fail(c, "unsupported field type%s", "");
    }
}

static bool pi_msg_eq(pi_cmp *c, const ProtobufCMessage *a, const ProtobufCMessage *b)
{
    const ProtobufCMessageDescriptor *d = a->descriptor;
    if (d != b->descriptor)
        return pi_fail(c, "message types differ%s", "");
    size_t path_len = strlen(c->path);
    for (unsigned idx = 0; idx < d->n_fields; idx++) {
        const ProtobufCFieldDescriptor *f = &d->fields[idx];
        if (strcmp(f->name, "origin") == 0)
            continue;
        if (f->type == PROTOBUF_C_TYPE_MESSAGE && strcmp(f->name, "common") == 0 &&
            strcmp(((const ProtobufCMessageDescriptor *)f->descriptor)->short_name,
                   "ExpressionCommon") == 0)
            continue;
        snprintf(c->path + path_len, sizeof c->path - path_len, ".%s", f->name);
        const char *ba = (const char *)a, *bb = (const char *)b;
        bool ok = true;
        if (f->label == PROTOBUF_C_LABEL_REPEATED) {
            size_t na = *(const size_t *)(ba + f->quantifier_offset);
            size_t nb = *(const size_t *)(bb + f->quantifier_offset);
            if (na != nb) {
                char dd[64];
                snprintf(dd, sizeof dd, "%zu vs %zu", na, nb);
                ok = pi_fail(c, "repeated counts differ (%s)", dd);
            } else if (na) {
                const char *arr_a = *(char *const *)(ba + f->offset);
                const char *arr_b = *(char *const *)(bb + f->offset);
                size_t elem =
                    f->type == PROTOBUF_C_TYPE_MESSAGE || f->type == PROTOBUF_C_TYPE_STRING
                        ? sizeof(void *)
                    : f->type == PROTOBUF_C_TYPE_BYTES ? sizeof(ProtobufCBinaryData)
                    : (f->type == PROTOBUF_C_TYPE_INT64 || f->type == PROTOBUF_C_TYPE_SINT64 ||
                       f->type == PROTOBUF_C_TYPE_SFIXED64 || f->type == PROTOBUF_C_TYPE_UINT64 ||
                       f->type == PROTOBUF_C_TYPE_FIXED64 || f->type == PROTOBUF_C_TYPE_DOUBLE)
                        ? 8
                    : f->type == PROTOBUF_C_TYPE_BOOL ? sizeof(protobuf_c_boolean)
                                                      : 4;
                const void **sorted_a = NULL, **sorted_b = NULL;
                if (f->type == PROTOBUF_C_TYPE_MESSAGE && pi_is_map_entry(f->descriptor)) {
                    sorted_a = em_malloc(na * sizeof(void *));
                    sorted_b = em_malloc(na * sizeof(void *));
                    memcpy(sorted_a, arr_a, na * sizeof(void *));
                    memcpy(sorted_b, arr_b, na * sizeof(void *));
                    qsort(sorted_a, na, sizeof(void *), pi_entry_cmp);
                    qsort(sorted_b, na, sizeof(void *), pi_entry_cmp);
                    arr_a = (const char *)sorted_a;
                    arr_b = (const char *)sorted_b;
                }
                for (size_t k = 0; k < na && ok; k++) {
                    size_t pl = strlen(c->path);
                    snprintf(c->path + pl, sizeof c->path - pl, "[%zu]", k);
                    ok = pi_value(c, f, arr_a + k * elem, arr_b + k * elem, d);
                    c->path[pl] = '\0';
                }
                em_free(sorted_a);
                em_free(sorted_b);
            }
        } else {
            bool pa = true, pb = true;
            if (f->flags & PROTOBUF_C_FIELD_FLAG_ONEOF) {
                pa = *(const uint32_t *)(ba + f->quantifier_offset) == f->id;
                pb = *(const uint32_t *)(bb + f->quantifier_offset) == f->id;
            }
            if (pa != pb)
                ok = pi_fail(c, "field set on one side only (%s)", pa ? "left" : "right");
            else if (pa)
                ok = pi_value(c, f, ba + f->offset, bb + f->offset, d);
        }
        c->path[path_len] = '\0';
        if (!ok)
            return false;
    }
    return true;
}

bool pi_compare_requests(const uint8_t *a, size_t a_len, const uint8_t *b, size_t b_len, char *why,
                         size_t why_size)
{
    pi_cmp *c = em_calloc(1, sizeof *c);
    c->why = why;
    c->why_size = why_size;
    snprintf(c->path, sizeof c->path, "plan");
    why[0] = '\0';
    Spark__Connect__ExecutePlanRequest *ra =
        spark__connect__execute_plan_request__unpack(NULL, a_len, a);
    Spark__Connect__ExecutePlanRequest *rb =
        spark__connect__execute_plan_request__unpack(NULL, b_len, b);
    bool ok;
    if (!ra || !rb || !ra->plan || !rb->plan)
        ok = pi_fail(c, "a request does not decode%s", "");
    else
        ok = pi_msg_eq(c, &ra->plan->base, &rb->plan->base);
    if (ra)
        spark__connect__execute_plan_request__free_unpacked(ra, NULL);
    if (rb)
        spark__connect__execute_plan_request__free_unpacked(rb, NULL);
    em_free(c);
    return ok;
}
