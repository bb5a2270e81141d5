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

static uint64_t ex_row_hash(vec *const *cols, int n_keys, int64_t r)
{
    uint64_t h = 0x12345678abcdefULL;
    for (int k = 0; k < n_keys; k++)
        h = ty_hash_cell(cols[k], r, h);
    return h;
}

static bool ex_row_equals(const ex_keyset *s, int64_t id, vec *const *cols, int64_t r)
{
    for (int k = 0; k < s->n_keys; k++)
        if (!ty_cells_equal(s->keys[k], id, cols[k], r))
            return false;
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

static void ex_keyset_grow(ex_keyset *s)
{
    int64_t ncap = s->cap * 2;
    int64_t *ns = em_calloc((size_t)ncap, sizeof *ns);
    for (int64_t id = 0; id < s->n; id++) {
        int64_t pos = (int64_t)(s->hashes[id] & (uint64_t)(ncap - 1));
        while (ns[pos])
            pos = (pos + 1) & (ncap - 1);
        ns[pos] = id + 1;
    }
    em_free(s->slots);
    s->slots = ns;
    s->cap = ncap;
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
    for (int64_t r = 0; r < n; r++) {
        if ((s->n + 1) * 2 > s->cap) {
            if ((s->acct || ex_current()) && ex_keyset_charge(s, s->cap * 2, err))
                return EM_ENOMEM;
            ex_keyset_grow(s);
        }
        uint64_t h = ex_row_hash(cols, s->n_keys, r);
        int64_t pos = (int64_t)(h & (uint64_t)(s->cap - 1));
        int64_t found = -1;
        while (s->slots[pos]) {
            int64_t id = s->slots[pos] - 1;
            if (s->hashes[id] == h && ex_row_equals(s, id, cols, r)) {
                found = id;
                break;
            }
            pos = (pos + 1) & (s->cap - 1);
        }
        if (found < 0) {
            found = s->n;
            for (int k = 0; k < s->n_keys; k++)
                if (vec_append_from(s->keys[k], cols[k], r, err))
                    return err ? err->code : EM_EINTERNAL;
            if ((s->n & (s->n - 1)) == 0 || !s->hashes)
                s->hashes =
                    em_realloc(s->hashes, (size_t)(s->n ? s->n * 2 : 1) * sizeof *s->hashes);
            s->hashes[s->n] = h;
            s->slots[pos] = s->n + 1;
            s->n++;
            if (is_new)
                is_new[r] = true;
        } else if (is_new) {
            is_new[r] = false;
        }
        if (ids)
            ids[r] = found;
    }
    return EM_OK;
}

void ex_keyset_find(const ex_keyset *s, vec *const *cols, int64_t n, int64_t *ids)
{
    for (int64_t r = 0; r < n; r++) {
        uint64_t h = ex_row_hash(cols, s->n_keys, r);
        int64_t pos = (int64_t)(h & (uint64_t)(s->cap - 1));
        ids[r] = -1;
        while (s->slots[pos]) {
            int64_t id = s->slots[pos] - 1;
            if (s->hashes[id] == h && ex_row_equals(s, id, cols, r)) {
                ids[r] = id;
                break;
            }
            pos = (pos + 1) & (s->cap - 1);
        }
    }
}
