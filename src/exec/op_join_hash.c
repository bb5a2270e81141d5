/*
 * op_join_hash: the hash table of a hash join's build (right) side (ex_jhash, ex_int.h).
 *
 * Layout: a power-of-two array of buckets (at least twice the indexed rows), each holding the
 * first row + 1 of its chain (0: empty); per right row the next row + 1 of its chain and the high
 * 32 bits of its hash (a tag checked before the keys are compared). All 32-bit: 12 bytes a row
 * plus 4 per bucket, no per-row allocation. The right rows' evaluated key vectors are kept
 * (owned) to compare keys. Rows are chained in ascending row order, so the matches of a probe
 * row come out in right-row order, as the join's output order requires.
 *
 * Hashing is column-at-a-time over a whole batch of rows: integral, temporal and decimal keys
 * hash their raw bytes (equal values of one type have equal bytes), strings without a collation
 * and binaries hash their bytes, other types (floating point, collated strings, nested types)
 * use ty_hash_cell / ty_cells_equal, which normalise where Spark's equality does. Both sides
 * of a key have the same type (op_join.c makes only such pairs keys), so both hash alike.
 *
 * Rows with a NULL key under plain `=` never match: they are not indexed, and probe rows with
 * one find nothing. Null-safe keys (`<=>`) hash NULL as a constant and match NULL to NULL.
 *
 * The table is read-only after ex_jhash_build: worker clones of a parallel pipeline probe it
 * concurrently.
 */
#include <string.h>

#include "common/em_mem.h"
#include "exec/ex_int.h"
#include "types/ty_order.h"

/* modes[k]: the key's kind of hashing and comparison (low 2 bits), its width for RAW (<< 2) */
enum { EX_JH_GEN = 0, EX_JH_RAW = 1, EX_JH_STR = 2 };

#define EX_JH_NULL   0x6e756c6c6e756c6cULL
#define EX_JH_MUL    0x9e3779b97f4a7c15ULL
#define EX_JH_CHUNK  65536
#define EX_JH_MAXROW ((int64_t)UINT32_MAX - 1)
/* How far ahead build and probe prefetch buckets and chain heads (rows). */
#define EX_JH_AHEAD 16

static int ex_jhash_mode(const ty *t)
{
    switch (t->kind) {
    case TY_BOOLEAN:
    case TY_BYTE:
    case TY_SHORT:
    case TY_INT:
    case TY_DATE:
    case TY_YEARMONTH_INTERVAL:
    case TY_LONG:
    case TY_TIMESTAMP:
    case TY_TIMESTAMP_NTZ:
    case TY_DAYTIME_INTERVAL:
    case TY_DECIMAL:
        return ty_fixed_width(t) > 0 ? EX_JH_RAW : EX_JH_GEN;
    case TY_STRING:
        return t->collation ? EX_JH_GEN : EX_JH_STR;
    case TY_BINARY:
        return EX_JH_STR;
    default:
        return EX_JH_GEN;
    }
}

static inline uint64_t ex_jhash_mix(uint64_t h, uint64_t x)
{
    h = (h ^ x) * EX_JH_MUL;
    return h ^ (h >> 29);
}

static uint64_t ex_jhash_bytes(const char *p, int32_t len, uint64_t h)
{
    h = ex_jhash_mix(h, (uint64_t)len);
    while (len >= 8) {
        uint64_t w;
        memcpy(&w, p, 8);
        h = ex_jhash_mix(h, w);
        p += 8;
        len -= 8;
    }
    if (len > 0) {
        uint64_t w = 0;
        memcpy(&w, p, (size_t)len);
        h = ex_jhash_mix(h, w);
    }
    return h;
}

static inline bool ex_jhash_null(const vec *v, int64_t r)
{
    return v->type->kind == TY_NULL || vec_is_null(v, r);
}

/* Folds column v's rows [off, off+n) into h[0..n). */
static void ex_jhash_col(const vec *v, int mode, int64_t off, int64_t n, uint64_t *h)
{
    if (mode == EX_JH_RAW) {
        int w = ty_fixed_width(v->type);
        const char *vals = v->values;
        for (int64_t i = 0; i < n; i++) {
            int64_t r = off + i;
            uint64_t x;
            if (vec_is_null(v, r)) {
                x = EX_JH_NULL;
            } else if (w == 8) {
                x = ((const uint64_t *)(const void *)vals)[r];
            } else if (w == 4) {
                x = ((const uint32_t *)(const void *)vals)[r];
            } else if (w <= 8) {
                x = 0;
                memcpy(&x, vals + r * w, (size_t)w);
            } else {
                uint64_t parts[2] = {0, 0};
                memcpy(parts, vals + r * w, (size_t)(w < 16 ? w : 16));
                h[i] = ex_jhash_mix(h[i], parts[1]);
                x = parts[0];
            }
            h[i] = ex_jhash_mix(h[i], x);
        }
    } else if (mode == EX_JH_STR) {
        for (int64_t i = 0; i < n; i++) {
            int64_t r = off + i;
            if (vec_is_null(v, r)) {
                h[i] = ex_jhash_mix(h[i], EX_JH_NULL);
                continue;
            }
            int32_t len;
            const char *s = vec_str(v, r, &len);
            h[i] = ex_jhash_bytes(s, len, h[i]);
        }
    } else {
        for (int64_t i = 0; i < n; i++)
            h[i] = ex_jhash_null(v, off + i) ? ex_jhash_mix(h[i], EX_JH_NULL)
                                             : ty_hash_cell(v, off + i, h[i]);
    }
}

/* Hashes rows [off, off+n) of the key columns into h; skip[i] when row off+i has a NULL key
   under plain `=` (it never matches). */
static void ex_jhash_rows(const ex_jhash *t, vec *const *keys, int64_t off, int64_t n, uint64_t *h,
                          bool *skip)
{
    for (int64_t i = 0; i < n; i++) {
        h[i] = 0x243f6a8885a308d3ULL;
        skip[i] = false;
    }
    for (int k = 0; k < t->n_keys; k++) {
        ex_jhash_col(keys[k], t->modes[k] & 3, off, n, h);
        if (!t->null_safe[k] && (keys[k]->type->kind == TY_NULL || keys[k]->validity))
            for (int64_t i = 0; i < n; i++)
                skip[i] |= ex_jhash_null(keys[k], off + i);
    }
    for (int64_t i = 0; i < n; i++) {
        uint64_t x = h[i];
        x ^= x >> 33;
        x *= 0xff51afd7ed558ccdULL;
        x ^= x >> 33;
        h[i] = x;
    }
}

static bool ex_jhash_equal(const ex_jhash *t, vec *const *lkeys, int64_t lr, int64_t rr)
{
    for (int k = 0; k < t->n_keys; k++) {
        const vec *a = lkeys[k], *b = t->keys[k];
        bool an = ex_jhash_null(a, lr), bn = ex_jhash_null(b, rr);
        if (an || bn) {
            if (an && bn && t->null_safe[k])
                continue;
            return false;
        }
        switch (t->modes[k] & 3) {
        case EX_JH_RAW: {
            int w = t->modes[k] >> 2;
            if (w == 8) {
                if (VEC_VALUES(a, int64_t)[lr] != VEC_VALUES(b, int64_t)[rr])
                    return false;
            } else if (memcmp((const char *)a->values + lr * w, (const char *)b->values + rr * w,
                              (size_t)w) != 0) {
                return false;
            }
            break;
        }
        case EX_JH_STR: {
            int32_t la, lb;
            const char *sa = vec_str(a, lr, &la), *sb = vec_str(b, rr, &lb);
            if (la != lb || (la > 0 && memcmp(sa, sb, (size_t)la) != 0))
                return false;
            break;
        }
        default:
            if (!ty_cells_equal(a, lr, b, rr))
                return false;
            break;
        }
    }
    return true;
}

int ex_jhash_build(ex_jhash *t, int n_keys, const bool *null_safe, vec **keys, int64_t n,
                   em_error *err)
{
    memset(t, 0, sizeof *t);
    t->n_keys = n_keys;
    t->null_safe = null_safe;
    t->keys = keys;
    t->n_rows = n;
    t->modes = em_calloc((size_t)(n_keys ? n_keys : 1), sizeof *t->modes);
    for (int k = 0; k < n_keys; k++)
        t->modes[k] =
            (uint8_t)(ex_jhash_mode(keys[k]->type) |
                      ((ex_jhash_mode(keys[k]->type) == EX_JH_RAW ? ty_fixed_width(keys[k]->type)
                                                                  : 0)
                       << 2));
    if (n > EX_JH_MAXROW)
        return em_error_internal(err, "hash join build side of %lld rows (at most %lld)",
                                 (long long)n, (long long)EX_JH_MAXROW);
    int64_t cap = 16;
    while (cap < 2 * n)
        cap *= 2;
    int64_t bytes = cap * 4 + n * 8;
    ex_query *acct = NULL;
    if (ex_mem_acquire(NULL, &acct, bytes, err))
        return EM_ENOMEM;
    t->acct = acct;
    t->acct_bytes = acct ? bytes : 0;
    t->mask = (uint64_t)cap - 1;
    t->buckets = em_calloc((size_t)cap, sizeof *t->buckets);
    t->next = em_malloc((size_t)(n ? n : 1) * sizeof *t->next);
    t->tags = em_malloc((size_t)(n ? n : 1) * sizeof *t->tags);
    uint64_t *h = em_malloc((size_t)(n < EX_JH_CHUNK ? (n ? n : 1) : EX_JH_CHUNK) * sizeof *h);
    bool *skip = em_malloc((size_t)(n < EX_JH_CHUNK ? (n ? n : 1) : EX_JH_CHUNK));
    /* chunks from the last, rows from the last: each chain lists its rows in ascending order */
    for (int64_t end = n; end > 0;) {
        int64_t off = end > EX_JH_CHUNK ? end - EX_JH_CHUNK : 0, cnt = end - off;
        ex_jhash_rows(t, keys, off, cnt, h, skip);
        for (int64_t i = cnt - 1; i >= 0; i--) {
            int64_t r = off + i;
            if (i >= EX_JH_AHEAD)
                __builtin_prefetch(&t->buckets[h[i - EX_JH_AHEAD] & t->mask], 1);
            if (skip[i]) {
                t->next[r] = 0;
                continue;
            }
            uint64_t b = h[i] & t->mask;
            t->tags[r] = (uint32_t)(h[i] >> 32);
            t->next[r] = t->buckets[b];
            t->buckets[b] = (uint32_t)(r + 1);
        }
        end = off;
    }
    em_free(h);
    em_free(skip);
    return EM_OK;
}

int64_t ex_jhash_probe(const ex_jhash *t, vec *const *lkeys, int64_t n, ex_jpairs *out)
{
    int64_t before = out->n;
    uint64_t *h = em_malloc((size_t)(n ? n : 1) * sizeof *h);
    bool *skip = em_malloc((size_t)(n ? n : 1));
    uint32_t *first = em_malloc((size_t)(n ? n : 1) * sizeof *first);
    ex_jhash_rows(t, lkeys, 0, n, h, skip);
    /* the probe is bound by memory latency: look up every row's bucket first, prefetching
       ahead, then walk the chains, prefetching the tags and keys of the heads ahead */
    for (int64_t r = 0; r < n; r++) {
        if (r + EX_JH_AHEAD < n)
            __builtin_prefetch(&t->buckets[h[r + EX_JH_AHEAD] & t->mask]);
        first[r] = skip[r] ? 0 : t->buckets[h[r] & t->mask];
    }
    const vec *k0 = t->n_keys ? t->keys[0] : NULL;
    int w0 = k0 ? t->modes[0] >> 2 : 0;
    for (int64_t r = 0; r < n; r++) {
        if (r + EX_JH_AHEAD < n && first[r + EX_JH_AHEAD]) {
            uint32_t ahead = first[r + EX_JH_AHEAD] - 1;
            __builtin_prefetch(&t->tags[ahead]);
            __builtin_prefetch(&t->next[ahead]);
            if (w0)
                __builtin_prefetch((const char *)k0->values + (int64_t)ahead * w0);
        }
        uint32_t tag = (uint32_t)(h[r] >> 32);
        for (uint32_t x = first[r]; x; x = t->next[x - 1]) {
            int64_t row = (int64_t)x - 1;
            if (t->tags[row] != tag || !ex_jhash_equal(t, lkeys, r, row))
                continue;
            if (out->n == out->cap) {
                out->cap = out->cap ? out->cap * 2 : 256;
                out->l = em_realloc(out->l, (size_t)out->cap * sizeof *out->l);
                out->r = em_realloc(out->r, (size_t)out->cap * sizeof *out->r);
            }
            out->l[out->n] = r;
            out->r[out->n] = row;
            out->n++;
        }
    }
    em_free(h);
    em_free(skip);
    em_free(first);
    return out->n - before;
}

void ex_jhash_release(ex_jhash *t)
{
    ex_mem_release(t->acct, t->acct_bytes);
    for (int k = 0; t->keys && k < t->n_keys; k++)
        vec_release(t->keys[k]);
    em_free(t->keys);
    em_free(t->modes);
    em_free(t->buckets);
    em_free(t->next);
    em_free(t->tags);
    memset(t, 0, sizeof *t);
}
