/*
 * ty_order: cell comparison, equality and hashing with Spark's semantics (see ty_order.h).
 */
#include "types/ty_order.h"

#include <math.h>
#include <string.h>

#include "types/ty_dec.h"

static int ty_cmp_double(double x, double y)
{
    bool nx = x != x, ny = y != y;
    if (nx || ny)
        return nx && ny ? 0 : (nx ? 1 : -1);
    return x < y ? -1 : (x > y ? 1 : 0); /* -0.0 == 0.0 */
}

static int ty_cmp_bytes(const char *a, int32_t la, const char *b, int32_t lb)
{
    int32_t n = la < lb ? la : lb;
    int c = n ? memcmp(a, b, (size_t)n) : 0;
    if (c)
        return c < 0 ? -1 : 1;
    return la < lb ? -1 : (la > lb ? 1 : 0);
}

static bool ty_null_at(const vec *v, int64_t r)
{
    return v->type->kind == TY_NULL || vec_is_null(v, r);
}

int ty_compare_nullable(const vec *a, int64_t ra, const vec *b, int64_t rb, bool nulls_first)
{
    bool na = ty_null_at(a, ra), nb = ty_null_at(b, rb);
    if (na || nb) {
        if (na && nb)
            return 0;
        return na ? (nulls_first ? -1 : 1) : (nulls_first ? 1 : -1);
    }
    return ty_compare(a, ra, b, rb);
}

int ty_compare(const vec *a, int64_t ra, const vec *b, int64_t rb)
{
    switch (a->type->kind) {
    case TY_NULL:
        return 0;
    case TY_BOOLEAN: {
        int x = VEC_VALUES(a, uint8_t)[ra] != 0, y = VEC_VALUES(b, uint8_t)[rb] != 0;
        return x - y;
    }
    case TY_BYTE: {
        int8_t x = VEC_VALUES(a, int8_t)[ra], y = VEC_VALUES(b, int8_t)[rb];
        return x < y ? -1 : x > y;
    }
    case TY_SHORT: {
        int16_t x = VEC_VALUES(a, int16_t)[ra], y = VEC_VALUES(b, int16_t)[rb];
        return x < y ? -1 : x > y;
    }
    case TY_INT:
    case TY_DATE:
    case TY_YEARMONTH_INTERVAL: {
        int32_t x = VEC_VALUES(a, int32_t)[ra], y = VEC_VALUES(b, int32_t)[rb];
        return x < y ? -1 : x > y;
    }
    case TY_LONG:
    case TY_TIMESTAMP:
    case TY_TIMESTAMP_NTZ:
    case TY_DAYTIME_INTERVAL: {
        int64_t x = VEC_VALUES(a, int64_t)[ra], y = VEC_VALUES(b, int64_t)[rb];
        return x < y ? -1 : x > y;
    }
    case TY_FLOAT:
        return ty_cmp_double(VEC_VALUES(a, float)[ra], VEC_VALUES(b, float)[rb]);
    case TY_DOUBLE:
        return ty_cmp_double(VEC_VALUES(a, double)[ra], VEC_VALUES(b, double)[rb]);
    case TY_DECIMAL: {
        ty_i128 x = VEC_VALUES(a, ty_i128)[ra], y = VEC_VALUES(b, ty_i128)[rb];
        int sa = a->type->scale, sb = b->type->scale;
        if (sa != sb) {
            ty_i128 d;
            if (ty_dec_sub(x, sa, y, sb, 39, sa > sb ? sa : sb, &d))
                return d < 0 ? -1 : d > 0;
            /* does not fit: compare the doubles (only for extreme magnitudes) */
            double dx = ty_dec_to_double(x, sa), dy = ty_dec_to_double(y, sb);
            return dx < dy ? -1 : dx > dy;
        }
        return x < y ? -1 : x > y;
    }
    case TY_CALENDAR_INTERVAL: {
        const ty_calendar_interval *x = &VEC_VALUES(a, ty_calendar_interval)[ra];
        const ty_calendar_interval *y = &VEC_VALUES(b, ty_calendar_interval)[rb];
        if (x->months != y->months)
            return x->months < y->months ? -1 : 1;
        if (x->days != y->days)
            return x->days < y->days ? -1 : 1;
        return x->microseconds < y->microseconds ? -1 : x->microseconds > y->microseconds;
    }
    case TY_STRING:
    case TY_CHAR:
    case TY_VARCHAR:
    case TY_BINARY: {
        int32_t la, lb;
        const char *pa = vec_str(a, ra, &la), *pb = vec_str(b, rb, &lb);
        return ty_cmp_bytes(pa, la, pb, lb);
    }
    case TY_ARRAY: {
        int32_t sa = a->offsets[ra], ea = a->offsets[ra + 1];
        int32_t sb = b->offsets[rb], eb = b->offsets[rb + 1];
        for (int32_t i = 0; sa + i < ea && sb + i < eb; i++) {
            int c = ty_compare_nullable(a->children[0], sa + i, b->children[0], sb + i, true);
            if (c)
                return c;
        }
        int32_t la = ea - sa, lb = eb - sb;
        return la < lb ? -1 : la > lb;
    }
    case TY_MAP: {
        int32_t sa = a->offsets[ra], ea = a->offsets[ra + 1];
        int32_t sb = b->offsets[rb], eb = b->offsets[rb + 1];
        for (int32_t i = 0; sa + i < ea && sb + i < eb; i++) {
            int c = ty_compare_nullable(a->children[0], sa + i, b->children[0], sb + i, true);
            if (!c)
                c = ty_compare_nullable(a->children[1], sa + i, b->children[1], sb + i, true);
            if (c)
                return c;
        }
        int32_t la = ea - sa, lb = eb - sb;
        return la < lb ? -1 : la > lb;
    }
    case TY_STRUCT:
        for (int f = 0; f < a->n_children && f < b->n_children; f++) {
            int c = ty_compare_nullable(a->children[f], ra, b->children[f], rb, true);
            if (c)
                return c;
        }
        return 0;
    default:
        return 0;
    }
}

bool ty_cells_equal(const vec *a, int64_t ra, const vec *b, int64_t rb)
{
    return ty_compare_nullable(a, ra, b, rb, true) == 0;
}

static uint64_t ty_mix(uint64_t h, uint64_t x)
{
    h ^= x + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
    h *= 0xff51afd7ed558ccdULL;
    return h ^ (h >> 33);
}

static uint64_t ty_hash_bytes(const char *p, size_t n, uint64_t h)
{
    /* FNV-1a then mixed */
    uint64_t f = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < n; i++) {
        f ^= (unsigned char)p[i];
        f *= 0x100000001b3ULL;
    }
    return ty_mix(h, f ^ n);
}

static uint64_t ty_hash_double(double d, uint64_t h)
{
    if (d != d)
        return ty_mix(h, 0x7ff8000000000000ULL);
    if (d == 0)
        d = 0.0;
    uint64_t bits;
    memcpy(&bits, &d, sizeof bits);
    return ty_mix(h, bits);
}

uint64_t ty_hash_cell(const vec *v, int64_t r, uint64_t h)
{
    if (ty_null_at(v, r))
        return ty_mix(h, 0x6e756c6cULL);
    switch (v->type->kind) {
    case TY_BOOLEAN:
        return ty_mix(h, VEC_VALUES(v, uint8_t)[r] != 0);
    case TY_BYTE:
        return ty_mix(h, (uint64_t)(int64_t)VEC_VALUES(v, int8_t)[r]);
    case TY_SHORT:
        return ty_mix(h, (uint64_t)(int64_t)VEC_VALUES(v, int16_t)[r]);
    case TY_INT:
    case TY_DATE:
    case TY_YEARMONTH_INTERVAL:
        return ty_mix(h, (uint64_t)(int64_t)VEC_VALUES(v, int32_t)[r]);
    case TY_LONG:
    case TY_TIMESTAMP:
    case TY_TIMESTAMP_NTZ:
    case TY_DAYTIME_INTERVAL:
        return ty_mix(h, (uint64_t)VEC_VALUES(v, int64_t)[r]);
    case TY_FLOAT:
        return ty_hash_double(VEC_VALUES(v, float)[r], h);
    case TY_DOUBLE:
        return ty_hash_double(VEC_VALUES(v, double)[r], h);
    case TY_DECIMAL: {
        /* normalise trailing zeros so equal values of different scales hash alike */
        ty_i128 x = VEC_VALUES(v, ty_i128)[r];
        int s = v->type->scale;
        while (s > 0 && x % 10 == 0) {
            x /= 10;
            s--;
        }
        ty_u128 u = (ty_u128)x;
        return ty_mix(ty_mix(h, (uint64_t)u), (uint64_t)(u >> 64) ^ (uint64_t)s);
    }
    case TY_CALENDAR_INTERVAL: {
        const ty_calendar_interval *c = &VEC_VALUES(v, ty_calendar_interval)[r];
        return ty_mix(ty_mix(ty_mix(h, (uint64_t)c->months), (uint64_t)c->days),
                      (uint64_t)c->microseconds);
    }
    case TY_STRING:
    case TY_CHAR:
    case TY_VARCHAR:
    case TY_BINARY: {
        int32_t n;
        const char *p = vec_str(v, r, &n);
        return ty_hash_bytes(p, (size_t)n, h);
    }
    case TY_ARRAY:
    case TY_MAP: {
        int32_t s = v->offsets[r], e = v->offsets[r + 1];
        h = ty_mix(h, (uint64_t)(e - s));
        for (int c = 0; c < v->n_children; c++)
            for (int32_t i = s; i < e; i++)
                h = ty_hash_cell(v->children[c], i, h);
        return h;
    }
    case TY_STRUCT:
        for (int c = 0; c < v->n_children; c++)
            h = ty_hash_cell(v->children[c], r, h);
        return h;
    default:
        return h;
    }
}
