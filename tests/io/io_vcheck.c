/*
 * io_vcheck: see io_vcheck.h.
 */
#include "io_vcheck.h"

#include <stddef.h>

const char *io_vec_check(const vec *v)
{
    if (!v || !v->type)
        return "missing vector or type";
    if (v->len < 0 || v->len > v->cap)
        return "length outside capacity";
    switch (v->type->kind) {
    case TY_STRING:
    case TY_BINARY:
    case TY_CHAR:
    case TY_VARCHAR:
        if (!v->offsets || v->offsets[0] != 0)
            return "string offsets do not start at 0";
        for (int64_t i = 0; i < v->len; i++)
            if (v->offsets[i + 1] < v->offsets[i])
                return "string offsets decrease";
        if (v->offsets[v->len] > v->bytes_len)
            return "string offsets past the bytes";
        return NULL;
    case TY_ARRAY:
    case TY_MAP: {
        if (!v->offsets || v->offsets[0] < 0)
            return "list offsets missing or negative";
        for (int64_t i = 0; i < v->len; i++)
            if (v->offsets[i + 1] < v->offsets[i])
                return "list offsets decrease";
        for (int c = 0; c < v->n_children; c++) {
            if (v->offsets[v->len] > v->children[c]->len)
                return "list offsets past the child";
            const char *e = io_vec_check(v->children[c]);
            if (e)
                return e;
        }
        if (v->type->kind == TY_MAP && v->children[0]->len != v->children[1]->len)
            return "map keys and values differ in length";
        return NULL;
    }
    case TY_STRUCT:
        for (int c = 0; c < v->n_children; c++) {
            if (v->children[c]->len != v->len)
                return "struct child length differs";
            const char *e = io_vec_check(v->children[c]);
            if (e)
                return e;
        }
        return NULL;
    case TY_NULL:
        return NULL;
    default:
        if (v->len > 0 && !v->values)
            return "fixed-width vector without values";
        return NULL;
    }
}
