/*
 * ex_batch: batch plumbing shared by the operators: taking and slicing rows, accumulating rows
 * from many batches (ex_rows, used by the blocking operators), and ex_keyset, the hash set of
 * key tuples behind aggregation, distinct and hash joins.
 *
 * Copies use memcpy for fixed-width columns and for string payloads; nested types fall back to
 * the row-by-row vec_append_from.
 */
#include <string.h>

#include "common/em_mem.h"
#include "exec/ex_int.h"
#include "types/ty_order.h"

static bool ex_is_varlen(const ty *t)
{
    return t->kind == TY_STRING || t->kind == TY_CHAR || t->kind == TY_VARCHAR ||
           t->kind == TY_BINARY;
}

/* Appends rows [off, off+n) of src to dst. */
static int ex_vec_append_range(vec *dst, const vec *src, int64_t off, int64_t n, em_error *err)
{
    if (n <= 0)
        return EM_OK;
    if (src->type->kind == TY_NULL || dst->type->kind == TY_NULL) {
        for (int64_t r = 0; r < n; r++)
            vec_append_null(dst);
        return EM_OK;
    }
    int w = ty_fixed_width(dst->type);
    if (w) {
        vec_reserve(dst, dst->len + n);
        memcpy((char *)dst->values + dst->len * w, (const char *)src->values + off * w,
               (size_t)(n * w));
        if (src->validity) {
            for (int64_t r = 0; r < n; r++)
                if (vec_is_null(src, off + r))
                    vec_set_null(dst, dst->len + r);
                else
                    vec_set_valid(dst, dst->len + r);
        } else if (dst->validity) {
            for (int64_t r = 0; r < n; r++)
                vec_set_valid(dst, dst->len + r);
        }
        dst->len += n;
        return EM_OK;
    }
    if (ex_is_varlen(dst->type)) {
        int32_t b0 = src->offsets[off], b1 = src->offsets[off + n];
        if (vec_reserve_bytes(dst, b1 - b0, err))
            return err ? err->code : EM_EINTERNAL;
        vec_reserve(dst, dst->len + n);
        if (b1 > b0)
            memcpy(dst->bytes + dst->bytes_len, src->bytes + b0, (size_t)(b1 - b0));
        int64_t base = dst->bytes_len - b0;
        for (int64_t r = 0; r < n; r++) {
            dst->offsets[dst->len + r + 1] = (int32_t)(src->offsets[off + r + 1] + base);
            if (vec_is_null(src, off + r))
                vec_set_null(dst, dst->len + r);
            else
                vec_set_valid(dst, dst->len + r);
        }
        dst->bytes_len += b1 - b0;
        dst->len += n;
        return EM_OK;
    }
    for (int64_t r = 0; r < n; r++)
        if (vec_append_from(dst, src, off + r, err))
            return err ? err->code : EM_EINTERNAL;
    return EM_OK;
}

int ex_vec_append_all(vec *dst, const vec *src, em_error *err)
{
    return ex_vec_append_range(dst, src, 0, src->len, err);
}

static int ex_vec_append_sel(vec *dst, const vec *src, const int64_t *sel, int64_t n, em_error *err)
{
    int w = ty_fixed_width(dst->type);
    if (w && src->type->kind != TY_NULL) {
        vec_reserve(dst, dst->len + n);
        char *dv = (char *)dst->values + dst->len * w;
        const char *sv = src->values;
        switch (w) {
        case 1:
            for (int64_t r = 0; r < n; r++)
                dv[r] = sv[sel[r]];
            break;
        case 2:
            for (int64_t r = 0; r < n; r++)
                ((int16_t *)(void *)dv)[r] = ((const int16_t *)(const void *)sv)[sel[r]];
            break;
        case 16: /* decimals, calendar intervals: a constant-size copy, not a libc call */
            for (int64_t r = 0; r < n; r++)
                memcpy(dv + r * 16, sv + sel[r] * 16, 16);
            break;
        case 4:
            for (int64_t r = 0; r < n; r++)
                ((int32_t *)(void *)dv)[r] = ((const int32_t *)(const void *)sv)[sel[r]];
            break;
        case 8:
            for (int64_t r = 0; r < n; r++)
                ((int64_t *)(void *)dv)[r] = ((const int64_t *)(const void *)sv)[sel[r]];
            break;
        default:
            for (int64_t r = 0; r < n; r++)
                memcpy(dv + r * w, sv + sel[r] * w, (size_t)w);
            break;
        }
        if (src->validity || dst->validity) {
            for (int64_t r = 0; r < n; r++) {
                if (vec_is_null(src, sel[r]))
                    vec_set_null(dst, dst->len + r);
                else
                    vec_set_valid(dst, dst->len + r);
            }
        }
        dst->len += n;
        return EM_OK;
    }
    if (ex_is_varlen(dst->type) && ex_is_varlen(src->type) && dst->offsets) {
        /* payloads copied in one pass after one reservation; NULL rows are empty */
        int64_t total = 0;
        for (int64_t r = 0; r < n; r++)
            if (!vec_is_null(src, sel[r]))
                total += src->offsets[sel[r] + 1] - src->offsets[sel[r]];
        if (vec_reserve_bytes(dst, total, err))
            return err ? err->code : EM_EINTERNAL;
        vec_reserve(dst, dst->len + n);
        int64_t at = dst->bytes_len;
        for (int64_t r = 0; r < n; r++) {
            int64_t i = sel[r];
            if (vec_is_null(src, i)) {
                vec_set_null(dst, dst->len + r);
            } else {
                int32_t b0 = src->offsets[i], len = src->offsets[i + 1] - b0;
                if (len <= 16) /* short strings: a byte loop beats a libc call */
                    for (int32_t k = 0; k < len; k++)
                        dst->bytes[at + k] = src->bytes[b0 + k];
                else
                    memcpy(dst->bytes + at, src->bytes + b0, (size_t)len);
                at += len;
                if (dst->validity)
                    vec_set_valid(dst, dst->len + r);
            }
            dst->offsets[dst->len + r + 1] = (int32_t)at;
        }
        dst->bytes_len = at;
        dst->len += n;
        return EM_OK;
    }
    for (int64_t r = 0; r < n; r++)
        if (vec_append_from(dst, src, sel[r], err))
            return err ? err->code : EM_EINTERNAL;
    return EM_OK;
}

vec_batch *ex_batch_take(const vec_batch *b, const int64_t *sel, int64_t n, em_error *err)
{
    vec_batch *o = vec_batch_new(b->n_cols, n);
    for (int c = 0; c < b->n_cols; c++) {
        vec *v = vec_new(b->cols[c]->type, n);
        if (ex_vec_append_sel(v, b->cols[c], sel, n, err)) {
            vec_release(v);
            vec_batch_free(o);
            return NULL;
        }
        o->cols[c] = v;
    }
    return o;
}

vec_batch *ex_batch_slice(const vec_batch *b, int64_t off, int64_t n, em_error *err)
{
    vec_batch *o = vec_batch_new(b->n_cols, n);
    for (int c = 0; c < b->n_cols; c++) {
        if (off == 0 && n == b->cols[c]->len) {
            o->cols[c] = vec_retain(b->cols[c]);
            continue;
        }
        vec *v = vec_new(b->cols[c]->type, n);
        if (ex_vec_append_range(v, b->cols[c], off, n, err)) {
            vec_release(v);
            vec_batch_free(o);
            return NULL;
        }
        o->cols[c] = v;
    }
    return o;
}

void ex_rows_init(ex_rows *r, int n_cols, const ty *const *types)
{
    memset(r, 0, sizeof *r);
    r->n_cols = n_cols;
    r->types = (const ty **)types;
    r->cols = n_cols ? em_calloc((size_t)n_cols, sizeof *r->cols) : NULL;
    for (int c = 0; c < n_cols; c++)
        r->cols[c] = vec_new(types[c], 0);
}

int64_t ex_vec_bytes(const vec *v)
{
    if (!v)
        return 0;
    int64_t total = (int64_t)sizeof *v + (v->cap + 7) / 8;
    int w = ty_fixed_width(v->type);
    if (w > 0 && v->values)
        total += v->cap * w;
    if (v->offsets)
        total += (v->cap + 1) * 4;
    total += v->bytes_cap;
    for (int c = 0; c < v->n_children; c++)
        total += ex_vec_bytes(v->children[c]);
    return total;
}

int64_t ex_batch_bytes(const vec_batch *b)
{
    int64_t total = 0;
    for (int c = 0; b && c < b->n_cols; c++)
        total += ex_vec_bytes(b->cols[c]);
    return total;
}

/* Charges the growth of r's columns since the last charge to the current query's budget. */
static int ex_rows_charge(ex_rows *r, em_error *err)
{
    int64_t now = 0;
    for (int c = 0; c < r->n_cols; c++)
        now += ex_vec_bytes(r->cols[c]);
    int64_t delta = now - r->acct_bytes;
    if (delta < (int64_t)1 << 16 && r->acct_bytes > 0)
        return EM_OK; /* charge in steps of 64 KiB at least */
    ex_query *acct = NULL;
    if (ex_mem_acquire(r->acct, &acct, delta, err))
        return EM_ENOMEM;
    if (acct) {
        r->acct = acct;
        r->acct_bytes = now;
    }
    return EM_OK;
}

int ex_rows_append(ex_rows *r, const vec_batch *b, const int64_t *sel, int64_t n, em_error *err)
{
    if (!r->acct && !ex_current()) {
        /* not charged: nothing to do */
    } else {
        /* check the budget before growing: the rows about to be appended */
        int64_t rows = sel ? n : b->n_rows;
        int64_t in_rows = b->n_rows ? b->n_rows : 1;
        int64_t est = ex_batch_bytes(b) * rows / in_rows;
        ex_query *acct = NULL;
        if (ex_mem_acquire(r->acct, &acct, est, err))
            return EM_ENOMEM;
        ex_mem_release(acct, est);
    }
    for (int c = 0; c < r->n_cols; c++) {
        int rc = sel ? ex_vec_append_sel(r->cols[c], b->cols[c], sel, n, err)
                     : ex_vec_append_range(r->cols[c], b->cols[c], 0, b->n_rows, err);
        if (rc)
            return rc;
    }
    r->n_rows += sel ? n : b->n_rows;
    if (r->acct || ex_current())
        return ex_rows_charge(r, err);
    return EM_OK;
}

vec_batch *ex_rows_batch(const ex_rows *r, int64_t off, int64_t n, em_error *err)
{
    vec_batch *o = vec_batch_new(r->n_cols, n);
    for (int c = 0; c < r->n_cols; c++) {
        if (off == 0 && n == r->cols[c]->len) {
            o->cols[c] = vec_retain(r->cols[c]);
            continue;
        }
        vec *v = vec_new(r->types[c], n);
        if (ex_vec_append_range(v, r->cols[c], off, n, err)) {
            vec_release(v);
            vec_batch_free(o);
            return NULL;
        }
        o->cols[c] = v;
    }
    return o;
}

vec_batch *ex_rows_take(const ex_rows *r, const int64_t *perm, int64_t n, em_error *err)
{
    vec_batch *o = vec_batch_new(r->n_cols, n);
    for (int c = 0; c < r->n_cols; c++) {
        vec *v = vec_new(r->types[c], n);
        if (ex_vec_append_sel(v, r->cols[c], perm, n, err)) {
            vec_release(v);
            vec_batch_free(o);
            return NULL;
        }
        o->cols[c] = v;
    }
    return o;
}

void ex_rows_release(ex_rows *r)
{
    ex_mem_release(r->acct, r->acct_bytes);
    for (int c = 0; c < r->n_cols; c++)
        vec_release(r->cols[c]);
    em_free(r->cols);
    memset(r, 0, sizeof *r);
}

const ty **ex_node_types(const pl_node *n)
{
    const ty **t = em_calloc((size_t)(n->n_out ? n->n_out : 1), sizeof *t);
    for (int i = 0; i < n->n_out; i++)
        t[i] = n->out[i].type;
    return t;
}

/* ------------------------------------------------------------------------------------------ */
/* Key sets                                                                                     */

void ex_keyset_init(ex_keyset *s, int n_keys, const ty *const *types)
{
    memset(s, 0, sizeof *s);
    s->n_keys = n_keys;
    s->keys = n_keys ? em_calloc((size_t)n_keys, sizeof *s->keys) : NULL;
    for (int k = 0; k < n_keys; k++)
        s->keys[k] = vec_new(types[k], 0);
    s->cap = 64;
    s->slots = em_calloc((size_t)s->cap, sizeof *s->slots);
    s->hashes = NULL;
}

void ex_keyset_release(ex_keyset *s)
{
    ex_mem_release(s->acct, s->acct_bytes);
    for (int k = 0; k < s->n_keys; k++)
        vec_release(s->keys[k]);
    em_free(s->keys);
    em_free(s->slots);
    em_free(s->hashes);
    memset(s, 0, sizeof *s);
}

/*
 * Hashing and equality of key tuples, a column at a time. A batch's row hashes are computed
 * column by column into an array before probing: fixed-width integer-like columns (boolean,
 * byte..long, date, timestamps, intervals of one field) and strings/binary go through loops
 * with no per-row type switch; other types through ty_hash_cell. The hash depends only on the
 * values (integers by their int64 value, strings by their bytes), so it agrees with grouping
 * equality (ty_cells_equal) for every column type; it is private to the key set (stored hashes
 * are never compared with hashes made elsewhere).
 */
#define EX_KEY_SEED      0x12345678abcdefULL
#define EX_KEY_NULL_HASH 0x6e756c6cULL

static inline uint64_t ex_key_mix(uint64_t h, uint64_t x)
{
    h ^= x + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
    h *= 0xff51afd7ed558ccdULL;
    return h ^ (h >> 33);
}

/* Bytes of a string, 8 at a time (unaligned loads through memcpy). */
static inline uint64_t ex_key_hash_bytes(const char *p, int32_t n)
{
    uint64_t f = 0xcbf29ce484222325ULL ^ (uint64_t)n;
    int32_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, p + i, 8);
        f = (f ^ w) * 0x100000001b3ULL;
        f ^= f >> 29;
    }
    if (i < n) {
        /* the last 1..7 bytes, byte by byte: a variable-length memcpy is a libc call */
        uint64_t w = 0;
        for (int32_t b = 0; i + b < n; b++)
            w |= (uint64_t)(unsigned char)p[i + b] << (8 * b);
        f = (f ^ w) * 0x100000001b3ULL;
        f ^= f >> 29;
    }
    return f;
}

/* The byte width of an integer-like key column read as a signed integer (0: not one). */
static int ex_key_int_width(const ty *t)
{
    switch (t->kind) {
    case TY_BOOLEAN:
    case TY_BYTE:
        return 1;
    case TY_SHORT:
        return 2;
    case TY_INT:
    case TY_DATE:
    case TY_YEARMONTH_INTERVAL:
        return 4;
    case TY_LONG:
    case TY_TIMESTAMP:
    case TY_TIMESTAMP_NTZ:
    case TY_DAYTIME_INTERVAL:
        return 8;
    default:
        return 0;
    }
}

static inline int64_t ex_key_int_at(const void *values, int width, int64_t r)
{
    switch (width) {
    case 1:
        return ((const int8_t *)values)[r];
    case 2:
        return ((const int16_t *)values)[r];
    case 4:
        return ((const int32_t *)values)[r];
    default:
        return ((const int64_t *)values)[r];
    }
}

/* h[r] = hash of (key tuple so far, row r of v) for r in [0, n). */
static void ex_key_hash_col(const vec *v, int64_t n, uint64_t *h)
{
    const uint8_t *valid = v->validity;
    int width = ex_key_int_width(v->type);
    if (v->type->kind == TY_BOOLEAN) {
        const uint8_t *b = v->values;
        for (int64_t r = 0; r < n; r++)
            h[r] = ex_key_mix(h[r], vec_is_null(v, r) ? EX_KEY_NULL_HASH : (uint64_t)(b[r] != 0));
    } else if (width) {
#define EX_KEY_HASH_INTS(ctype)                                                                    \
    do {                                                                                           \
        const ctype *x = v->values;                                                                \
        if (!valid)                                                                                \
            for (int64_t r = 0; r < n; r++)                                                        \
                h[r] = ex_key_mix(h[r], (uint64_t)(int64_t)x[r]);                                  \
        else                                                                                       \
            for (int64_t r = 0; r < n; r++)                                                        \
                h[r] = ex_key_mix(h[r],                                                            \
                                  vec_is_null(v, r) ? EX_KEY_NULL_HASH : (uint64_t)(int64_t)x[r]); \
    } while (0)
        switch (width) {
        case 1:
            EX_KEY_HASH_INTS(int8_t);
            break;
        case 2:
            EX_KEY_HASH_INTS(int16_t);
            break;
        case 4:
            EX_KEY_HASH_INTS(int32_t);
            break;
        default:
            EX_KEY_HASH_INTS(int64_t);
            break;
        }
#undef EX_KEY_HASH_INTS
    } else if (ex_is_varlen(v->type)) {
        for (int64_t r = 0; r < n; r++) {
            if (vec_is_null(v, r)) {
                h[r] = ex_key_mix(h[r], EX_KEY_NULL_HASH);
                continue;
            }
            int32_t len;
            const char *p = vec_str(v, r, &len);
            h[r] = ex_key_mix(h[r], ex_key_hash_bytes(p, len));
        }
    } else {
        for (int64_t r = 0; r < n; r++)
            h[r] = ty_hash_cell(v, r, h[r]);
    }
}

/* Hashes of rows [0, n) of the key columns into h. */
static void ex_key_hash_rows(vec *const *cols, int n_keys, int64_t n, uint64_t *h)
{
    for (int64_t r = 0; r < n; r++)
        h[r] = EX_KEY_SEED;
    for (int k = 0; k < n_keys; k++)
        ex_key_hash_col(cols[k], n, h);
}

/* Grouping equality of stored tuple id and row r of cols (NULL equals NULL), as ty_cells_equal,
   with the common layouts compared inline. */
static bool ex_row_equals(const ex_keyset *s, int64_t id, vec *const *cols, int64_t r)
{
    for (int k = 0; k < s->n_keys; k++) {
        const vec *a = s->keys[k], *b = cols[k];
        int width = a->type->kind == TY_BOOLEAN ? 0 : ex_key_int_width(a->type);
        if (width && a->type->kind == b->type->kind) {
            bool na = vec_is_null(a, id), nb = vec_is_null(b, r);
            if (na || nb) {
                if (na != nb)
                    return false;
                continue;
            }
            if (ex_key_int_at(a->values, width, id) != ex_key_int_at(b->values, width, r))
                return false;
        } else if (ex_is_varlen(a->type) && a->type->kind == b->type->kind) {
            bool na = vec_is_null(a, id), nb = vec_is_null(b, r);
            if (na || nb) {
                if (na != nb)
                    return false;
                continue;
            }
            int32_t la, lb;
            const char *pa = vec_str(a, id, &la), *pb = vec_str(b, r, &lb);
            if (la != lb || (la && memcmp(pa, pb, (size_t)la) != 0))
                return false;
        } else if (!ty_cells_equal(a, id, b, r)) {
            return false;
        }
    }
    return true;
}

/* Charges a table of ncap slots (slots, hashes and key copies, estimated) to the budget. */
static int ex_keyset_charge(ex_keyset *s, int64_t ncap, em_error *err)
{
    int64_t per_key = 16;
    for (int k = 0; k < s->n_keys; k++) {
        int w = ty_fixed_width(s->keys[k]->type);
        per_key += w > 0 ? w : 16;
        if (s->keys[k]->len > 0 && s->keys[k]->bytes_len > 0)
            per_key += s->keys[k]->bytes_len / s->keys[k]->len;
    }
    int64_t want = ncap * 8 + ncap / 2 * per_key;
    int64_t delta = want - s->acct_bytes;
    ex_query *acct = NULL;
    if (ex_mem_acquire(s->acct, &acct, delta, err))
        return EM_ENOMEM;
    if (acct) {
        s->acct = acct;
        s->acct_bytes = want;
    }
    return EM_OK;
}

/* Appends row r of src to the key column dst: integer-like values of the same kind without a
   validity bitmap on either side are stored directly, the rest through vec_append_from. */
static inline int ex_key_append(vec *dst, const vec *src, int64_t r, em_error *err)
{
    int width = ex_key_int_width(dst->type);
    if (width && !dst->validity && !src->validity && src->type->kind == dst->type->kind &&
        dst->type->kind != TY_BOOLEAN) {
        if (dst->len == dst->cap)
            vec_reserve(dst, dst->len + 1);
        switch (width) {
        case 1:
            ((int8_t *)dst->values)[dst->len] = ((const int8_t *)src->values)[r];
            break;
        case 2:
            ((int16_t *)dst->values)[dst->len] = ((const int16_t *)src->values)[r];
            break;
        case 4:
            ((int32_t *)dst->values)[dst->len] = ((const int32_t *)src->values)[r];
            break;
        default:
            ((int64_t *)dst->values)[dst->len] = ((const int64_t *)src->values)[r];
            break;
        }
        dst->len++;
        return EM_OK;
    }
    if (vec_append_from(dst, src, r, err))
        return err && err->code ? err->code : EM_EINTERNAL;
    return EM_OK;
}

/*
 * A slot holds (tuple id + 1) in its low EX_SLOT_ID_BITS bits and the top bits of the tuple's
 * hash above them (0 = empty), so a probe rejects most other tuples without reading their
 * hash or keys: a hit costs the slot and the key values, a miss usually the slot alone.
 */
#define EX_SLOT_ID_BITS 40
#define EX_SLOT_ID_MASK (((uint64_t)1 << EX_SLOT_ID_BITS) - 1)
#define EX_SLOT_TAG(h)  ((uint64_t)(h) >> EX_SLOT_ID_BITS << EX_SLOT_ID_BITS)
/* Rows whose hashes fit on the stack (tiny batches allocate nothing). */
#define EX_HASH_LOCAL 64
/* Rows probed ahead of the current one (their slots are prefetched). */
#define EX_PROBE_AHEAD 16

static void ex_keyset_grow(ex_keyset *s)
{
    int64_t ncap = s->cap * 2;
    int64_t *ns = em_calloc((size_t)ncap, sizeof *ns);
    for (int64_t id = 0; id < s->n; id++) {
        int64_t pos = (int64_t)(s->hashes[id] & (uint64_t)(ncap - 1));
        while (ns[pos])
            pos = (pos + 1) & (ncap - 1);
        ns[pos] = (int64_t)(EX_SLOT_TAG(s->hashes[id]) | (uint64_t)(id + 1));
    }
    em_free(s->slots);
    s->slots = ns;
    s->cap = ncap;
}

/* The id of row r's tuple (hash h), or -1; *slot_pos receives the slot where it was found or
   the empty slot ending the probe. */
static inline int64_t ex_keyset_probe(const ex_keyset *s, vec *const *cols, int64_t r, uint64_t h,
                                      int64_t *slot_pos)
{
    uint64_t mask = (uint64_t)(s->cap - 1), tag = EX_SLOT_TAG(h);
    int64_t pos = (int64_t)(h & mask);
    for (;;) {
        uint64_t sv = (uint64_t)s->slots[pos];
        if (!sv)
            break;
        if ((sv & ~EX_SLOT_ID_MASK) == tag) {
            int64_t id = (int64_t)(sv & EX_SLOT_ID_MASK) - 1;
            if (ex_row_equals(s, id, cols, r)) {
                *slot_pos = pos;
                return id;
            }
        }
        pos = (int64_t)(((uint64_t)pos + 1) & mask);
    }
    *slot_pos = pos;
    return -1;
}

/* Added (spilling). */
int ex_keyset_reserve(ex_keyset *s, int64_t extra, em_error *err)
{
    int64_t ncap = s->cap;
    while ((s->n + extra + 1) * 2 > ncap)
        ncap *= 2;
    if (ncap == s->cap)
        return EM_OK;
    if ((s->acct || ex_current()) && ex_keyset_charge(s, ncap, err))
        return EM_ENOMEM;
    while (s->cap < ncap)
        ex_keyset_grow(s);
    return EM_OK;
}

int ex_keyset_upsert(ex_keyset *s, vec *const *cols, int64_t n, int64_t *ids, bool *is_new,
                     em_error *err)
{
    if (n <= 0)
        return EM_OK;
    uint64_t local[EX_HASH_LOCAL];
    uint64_t *hashes = n <= EX_HASH_LOCAL ? local : em_malloc((size_t)n * sizeof *hashes);
    ex_key_hash_rows(cols, s->n_keys, n, hashes);
    int rc = EM_OK;
    for (int64_t r = 0; r < n; r++) {
        if ((s->n + 1) * 2 > s->cap) {
            if ((s->acct || ex_current()) && ex_keyset_charge(s, s->cap * 2, err)) {
                rc = EM_ENOMEM;
                break;
            }
            ex_keyset_grow(s);
        }
        if (r + EX_PROBE_AHEAD < n)
            __builtin_prefetch(&s->slots[hashes[r + EX_PROBE_AHEAD] & (uint64_t)(s->cap - 1)]);
        uint64_t h = hashes[r];
        int64_t pos;
        int64_t found = ex_keyset_probe(s, cols, r, h, &pos);
        if (found < 0) {
            found = s->n;
            for (int k = 0; k < s->n_keys && rc == EM_OK; k++)
                rc = ex_key_append(s->keys[k], cols[k], r, err);
            if (rc)
                break;
            if ((s->n & (s->n - 1)) == 0 || !s->hashes)
                s->hashes =
                    em_realloc(s->hashes, (size_t)(s->n ? s->n * 2 : 1) * sizeof *s->hashes);
            s->hashes[s->n] = h;
            s->slots[pos] = (int64_t)(EX_SLOT_TAG(h) | (uint64_t)(s->n + 1));
            s->n++;
            if (is_new)
                is_new[r] = true;
        } else if (is_new) {
            is_new[r] = false;
        }
        if (ids)
            ids[r] = found;
    }
    if (hashes != local)
        em_free(hashes);
    return rc;
}

void ex_keyset_find(const ex_keyset *s, vec *const *cols, int64_t n, int64_t *ids)
{
    if (n <= 0)
        return;
    uint64_t local[EX_HASH_LOCAL];
    uint64_t *hashes = n <= EX_HASH_LOCAL ? local : em_malloc((size_t)n * sizeof *hashes);
    ex_key_hash_rows(cols, s->n_keys, n, hashes);
    for (int64_t r = 0; r < n; r++) {
        if (r + EX_PROBE_AHEAD < n)
            __builtin_prefetch(&s->slots[hashes[r + EX_PROBE_AHEAD] & (uint64_t)(s->cap - 1)]);
        int64_t pos;
        ids[r] = ex_keyset_probe(s, cols, r, hashes[r], &pos);
    }
    if (hashes != local)
        em_free(hashes);
}
