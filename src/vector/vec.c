/*
 * vec: allocation, growth, refcounting and row copying of column vectors (see vec.h).
 */
#include "vector/vec.h"

#include "common/em_mem.h"

#include <stdatomic.h>
#include <string.h>

static bool vec_has_offsets(const ty *t)
{
    switch (t->kind) {
    case TY_STRING:
    case TY_CHAR:
    case TY_VARCHAR:
    case TY_BINARY:
    case TY_ARRAY:
    case TY_MAP:
        return true;
    default:
        return false;
    }
}

vec *vec_new(const ty *type, int64_t cap)
{
    vec *v = em_calloc(1, sizeof *v);
    v->refcount = 1;
    v->type = type;
    if (vec_has_offsets(type)) {
        v->offsets = em_malloc(sizeof(int32_t));
        v->offsets[0] = 0;
    }
    switch (type->kind) {
    case TY_ARRAY:
        v->n_children = 1;
        v->children = em_calloc(1, sizeof(vec *));
        v->children[0] = vec_new(type->elem, 0);
        break;
    case TY_MAP:
        v->n_children = 2;
        v->children = em_calloc(2, sizeof(vec *));
        v->children[0] = vec_new(type->key, 0);
        v->children[1] = vec_new(type->value, 0);
        break;
    case TY_STRUCT:
        v->n_children = type->n_fields;
        v->children = type->n_fields ? em_calloc((size_t)type->n_fields, sizeof(vec *)) : NULL;
        for (int i = 0; i < type->n_fields; i++)
            v->children[i] = vec_new(type->fields[i].type, cap);
        break;
    default:
        break;
    }
    vec_reserve(v, cap);
    return v;
}

vec *vec_new_nulls(const ty *type, int64_t len)
{
    vec *v = vec_new(type, len);
    for (int64_t i = 0; i < len; i++)
        vec_append_null(v);
    return v;
}

vec *vec_retain(vec *v)
{
    if (v)
        atomic_fetch_add_explicit((_Atomic int *)&v->refcount, 1, memory_order_relaxed);
    return v;
}

void vec_release(vec *v)
{
    if (!v)
        return;
    if (atomic_fetch_sub_explicit((_Atomic int *)&v->refcount, 1, memory_order_acq_rel) != 1)
        return;
    for (int i = 0; i < v->n_children; i++)
        vec_release(v->children[i]);
    em_free(v->children);
    em_free(v->validity);
    em_free(v->values);
    em_free(v->offsets);
    em_free(v->bytes);
    em_free(v);
}

void vec_reserve(vec *v, int64_t cap)
{
    if (cap <= v->cap)
        return;
    int64_t ncap = v->cap ? v->cap : 16;
    while (ncap < cap)
        ncap *= 2;
    int w = ty_fixed_width(v->type);
    if (w)
        v->values = em_realloc(v->values, (size_t)(ncap * w));
    if (v->offsets)
        v->offsets = em_realloc(v->offsets, (size_t)(ncap + 1) * sizeof(int32_t));
    if (v->validity) {
        size_t old = (size_t)((v->cap + 7) / 8), now = (size_t)((ncap + 7) / 8);
        v->validity = em_realloc(v->validity, now);
        memset(v->validity + old, 0xff, now - old);
    }
    v->cap = ncap;
}

int vec_reserve_bytes(vec *v, int64_t extra, em_error *err)
{
    if (extra < 0 || v->bytes_len > VEC_MAX_BYTES - extra)
        return em_error_internal(err, "vector payload exceeds %lld bytes",
                                 (long long)VEC_MAX_BYTES);
    int64_t need = v->bytes_len + extra;
    if (need <= v->bytes_cap)
        return EM_OK;
    int64_t ncap = v->bytes_cap ? v->bytes_cap : 64;
    while (ncap < need)
        ncap = ncap > VEC_MAX_BYTES / 2 ? VEC_MAX_BYTES : ncap * 2;
    v->bytes = em_realloc(v->bytes, (size_t)ncap);
    v->bytes_cap = ncap;
    return EM_OK;
}

void vec_set_null(vec *v, int64_t i)
{
    if (!v->validity) {
        size_t n = (size_t)((v->cap + 7) / 8);
        v->validity = em_malloc(n ? n : 1);
        memset(v->validity, 0xff, n ? n : 1);
    }
    v->validity[i >> 3] &= (uint8_t) ~(1u << (i & 7));
}

void vec_set_valid(vec *v, int64_t i)
{
    if (v->validity)
        v->validity[i >> 3] |= (uint8_t)(1u << (i & 7));
}

int64_t vec_null_count(const vec *v)
{
    if (v->type->kind == TY_NULL)
        return v->len;
    if (!v->validity)
        return 0;
    int64_t n = 0;
    for (int64_t i = 0; i < v->len; i++)
        n += vec_is_null(v, i);
    return n;
}

void vec_append_null(vec *v)
{
    vec_reserve(v, v->len + 1);
    int64_t i = v->len;
    int w = ty_fixed_width(v->type);
    if (w)
        memset((char *)v->values + i * w, 0, (size_t)w);
    if (v->offsets)
        v->offsets[i + 1] = v->offsets[i];
    if (v->type->kind == TY_STRUCT)
        for (int c = 0; c < v->n_children; c++)
            vec_append_null(v->children[c]);
    vec_set_null(v, i);
    v->len++;
}

int vec_append_str(vec *v, const char *s, int64_t len, em_error *err)
{
    if (vec_reserve_bytes(v, len, err))
        return err ? err->code : EM_EINTERNAL;
    vec_reserve(v, v->len + 1);
    if (len)
        memcpy(v->bytes + v->bytes_len, s, (size_t)len);
    v->bytes_len += len;
    v->offsets[v->len + 1] = (int32_t)v->bytes_len;
    vec_set_valid(v, v->len);
    v->len++;
    return EM_OK;
}

int vec_append_from(vec *dst, const vec *src, int64_t row, em_error *err)
{
    if (src->type->kind == TY_NULL || vec_is_null(src, row)) {
        vec_append_null(dst);
        return EM_OK;
    }
    int w = ty_fixed_width(dst->type);
    if (w) {
        vec_reserve(dst, dst->len + 1);
        memcpy((char *)dst->values + dst->len * w, (const char *)src->values + row * w, (size_t)w);
        vec_set_valid(dst, dst->len);
        dst->len++;
        return EM_OK;
    }
    switch (dst->type->kind) {
    case TY_STRING:
    case TY_CHAR:
    case TY_VARCHAR:
    case TY_BINARY: {
        int32_t len;
        const char *s = vec_str(src, row, &len);
        return vec_append_str(dst, s, len, err);
    }
    case TY_ARRAY:
    case TY_MAP: {
        int32_t start = src->offsets[row], end = src->offsets[row + 1];
        for (int c = 0; c < dst->n_children; c++)
            for (int32_t k = start; k < end; k++)
                if (vec_append_from(dst->children[c], src->children[c], k, err))
                    return err ? err->code : EM_EINTERNAL;
        vec_reserve(dst, dst->len + 1);
        dst->offsets[dst->len + 1] = (int32_t)dst->children[0]->len;
        vec_set_valid(dst, dst->len);
        dst->len++;
        return EM_OK;
    }
    case TY_STRUCT:
        for (int c = 0; c < dst->n_children; c++)
            if (vec_append_from(dst->children[c], src->children[c], row, err))
                return err ? err->code : EM_EINTERNAL;
        vec_reserve(dst, dst->len + 1);
        vec_set_valid(dst, dst->len);
        dst->len++;
        return EM_OK;
    case TY_NULL:
        vec_append_null(dst);
        return EM_OK;
    default:
        return em_error_internal(err, "vec_append_from: unsupported type kind %d",
                                 (int)dst->type->kind);
    }
}

vec *vec_slice(const vec *v, int64_t offset, int64_t count, em_error *err)
{
    vec *out = vec_new(v->type, count);
    for (int64_t i = 0; i < count; i++) {
        if (vec_append_from(out, v, offset + i, err)) {
            vec_release(out);
            return NULL;
        }
    }
    return out;
}

vec *vec_take(const vec *v, const int64_t *sel, int64_t n, em_error *err)
{
    vec *out = vec_new(v->type, n);
    for (int64_t i = 0; i < n; i++) {
        if (vec_append_from(out, v, sel[i], err)) {
            vec_release(out);
            return NULL;
        }
    }
    return out;
}

vec_batch *vec_batch_new(int n_cols, int64_t n_rows)
{
    vec_batch *b = em_calloc(1, sizeof *b);
    b->n_cols = n_cols;
    b->n_rows = n_rows;
    b->cols = n_cols ? em_calloc((size_t)n_cols, sizeof(vec *)) : NULL;
    return b;
}

void vec_batch_free(vec_batch *b)
{
    if (!b)
        return;
    for (int i = 0; i < b->n_cols; i++)
        vec_release(b->cols[i]);
    em_free(b->cols);
    em_free(b);
}
