/*
 * ex_spill: the spill file layer of the blocking operators (sort runs, aggregate, join and set
 * operation partitions, order-restoring output runs), and the memory hooks through which
 * functions/ charges collected aggregate values to the running query (ex_mem_hooks_install).
 *
 * A spill file is an anonymous temporary file in the query's spill folder: opened with
 * O_TMPFILE where the file system supports it, else created with mkstemp and unlinked at once,
 * so no name is ever left behind (not after success, failure, cancel, nor a crash). It is
 * append-only; writers buffer up to 64 KiB and readers pread whole blocks at their own offsets,
 * so several segments of one file can be read at once (the runs of an external sort).
 *
 * Block format (host byte order: files never outlive the process):
 *   u32 magic 'EMSB', u32 n_cols, i64 n_rows, i64 payload bytes, then per column:
 *   u8 has_nulls, [validity bitmap (n+7)/8 bytes], then by kind
 *     fixed width     n * width value bytes
 *     string, binary  (n+1) int32 offsets from 0, then the payload bytes
 *     array, map      (n+1) int32 offsets from 0, then the child vectors over their rows
 *     struct          the field vectors over the same n rows
 *     NULL            nothing
 * Rows are re-based on write (slices of vectors encode as fresh vectors), so what is read back
 * is a plain vector of exactly the written rows. Decoding checks every length against the
 * block, so a damaged file yields an error rather than a crash.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/em_mem.h"
#include "exec/ex_int.h"
#include "types/ty_order.h"

#define EX_SPILL_MAGIC    0x42534d45u /* "EMSB" */
#define EX_SPILL_HEADER   24
#define EX_SPILL_FLUSH_AT ((size_t)64 << 10)

struct ex_spill_file {
    int fd;
    ex_query *main; /* counters */
    uint8_t *buf;   /* blocks not yet written */
    size_t len, cap;
    int64_t flushed; /* bytes on disk */
};

/* ---- errors ----------------------------------------------------------------------------- */

static int ex_spill_io_error(em_error *err, const char *what, int errnum)
{
    em_error_internal(err, "spill file %s failed: %s", what, strerror(errnum));
    if (err && err->code == EM_EINTERNAL)
        err->code = EM_EIO;
    return EM_EIO;
}

/* ---- files ------------------------------------------------------------------------------ */

static const char *ex_spill_dir(const ex_query *q)
{
    if (q && q->opts.spill_dir && q->opts.spill_dir[0])
        return q->opts.spill_dir;
    const char *t = getenv("TMPDIR");
    return t && t[0] ? t : "/tmp";
}

ex_spill_file *ex_spill_open(ex_query *q, em_error *err)
{
    if (!q)
        q = ex_current();
    const char *dir = ex_spill_dir(q);
    int fd = -1;
#ifdef O_TMPFILE
    fd = open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
#endif
    if (fd < 0) {
        char path[4096];
        int n = snprintf(path, sizeof path, "%s/ember-spill-XXXXXX", dir);
        if (n <= 0 || (size_t)n >= sizeof path) {
            ex_spill_io_error(err, "creation", ENAMETOOLONG);
            return NULL;
        }
        fd = mkostemp(path, O_CLOEXEC);
        if (fd < 0) {
            em_error_internal(err, "cannot create a spill file in %s: %s", dir, strerror(errno));
            if (err && err->code == EM_EINTERNAL)
                err->code = EM_EIO;
            return NULL;
        }
        unlink(path);
    }
    ex_spill_file *f = em_calloc(1, sizeof *f);
    f->fd = fd;
    f->main = q ? (q->main ? q->main : q) : NULL;
    return f;
}

static int ex_spill_flush(ex_spill_file *f, em_error *err)
{
    size_t done = 0;
    while (done < f->len) {
        ssize_t w =
            pwrite(f->fd, f->buf + done, f->len - done, (off_t)(f->flushed + (int64_t)done));
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return ex_spill_io_error(err, "write", errno);
        }
        done += (size_t)w;
    }
    f->flushed += (int64_t)f->len;
    if (f->main)
        atomic_fetch_add_explicit(&f->main->spill_bytes, (int64_t)f->len, memory_order_relaxed);
    f->len = 0;
    if (f->cap > 2 * EX_SPILL_FLUSH_AT) { /* a huge block grew the buffer: give it back */
        em_free(f->buf);
        f->buf = NULL;
        f->cap = 0;
    }
    return EM_OK;
}

int64_t ex_spill_size(const ex_spill_file *f)
{
    return f->flushed + (int64_t)f->len;
}

void ex_spill_close(ex_spill_file *f)
{
    if (!f)
        return;
    if (f->fd >= 0)
        close(f->fd);
    em_free(f->buf);
    em_free(f);
}

/* ---- encoding --------------------------------------------------------------------------- */

static void ex_spill_need(ex_spill_file *f, size_t extra)
{
    if (f->len + extra <= f->cap)
        return;
    size_t cap = f->cap ? f->cap : 4096;
    while (cap < f->len + extra)
        cap *= 2;
    f->buf = em_realloc(f->buf, cap);
    f->cap = cap;
}

static void ex_spill_put(ex_spill_file *f, const void *p, size_t n)
{
    ex_spill_need(f, n);
    if (n)
        memcpy(f->buf + f->len, p, n);
    f->len += n;
}

static bool ex_spill_varlen(ty_kind k)
{
    return k == TY_STRING || k == TY_CHAR || k == TY_VARCHAR || k == TY_BINARY;
}

/* Offsets [off, off+n] of v re-based to 0. */
static void ex_spill_put_offsets(ex_spill_file *f, const vec *v, int64_t off, int64_t n)
{
    ex_spill_need(f, (size_t)(n + 1) * 4);
    int32_t base = v->offsets[off];
    int32_t *dst = (int32_t *)(void *)(f->buf + f->len);
    for (int64_t r = 0; r <= n; r++) {
        int32_t o = v->offsets[off + r] - base;
        memcpy(dst + r, &o, 4);
    }
    f->len += (size_t)(n + 1) * 4;
}

static int ex_spill_put_vec(ex_spill_file *f, const vec *v, int64_t off, int64_t n, em_error *err)
{
    ty_kind kind = v->type->kind;
    bool has_nulls = false;
    if (kind != TY_NULL && v->validity)
        for (int64_t r = 0; r < n && !has_nulls; r++)
            has_nulls = vec_is_null(v, off + r);
    uint8_t flag = has_nulls;
    ex_spill_put(f, &flag, 1);
    if (has_nulls) {
        size_t nb = (size_t)((n + 7) / 8);
        ex_spill_need(f, nb);
        uint8_t *bits = f->buf + f->len;
        memset(bits, 0xff, nb);
        for (int64_t r = 0; r < n; r++)
            if (vec_is_null(v, off + r))
                bits[r >> 3] &= (uint8_t) ~(1u << (r & 7));
        f->len += nb;
    }
    if (kind == TY_NULL)
        return EM_OK;
    int w = ty_fixed_width(v->type);
    if (w) {
        ex_spill_put(f, (const char *)v->values + off * w, (size_t)(n * w));
        return EM_OK;
    }
    if (ex_spill_varlen(kind)) {
        ex_spill_put_offsets(f, v, off, n);
        int32_t b0 = v->offsets[off], b1 = v->offsets[off + n];
        ex_spill_put(f, v->bytes ? v->bytes + b0 : "", (size_t)(b1 - b0));
        return EM_OK;
    }
    switch (kind) {
    case TY_ARRAY:
    case TY_MAP: {
        ex_spill_put_offsets(f, v, off, n);
        int32_t c0 = v->offsets[off], c1 = v->offsets[off + n];
        for (int c = 0; c < v->n_children; c++)
            if (ex_spill_put_vec(f, v->children[c], c0, c1 - c0, err))
                return EM_EINTERNAL;
        return EM_OK;
    }
    case TY_STRUCT:
        for (int c = 0; c < v->n_children; c++)
            if (ex_spill_put_vec(f, v->children[c], off, n, err))
                return EM_EINTERNAL;
        return EM_OK;
    default:
        return em_error_internal(err, "cannot spill a column of type kind %d", (int)kind);
    }
}

int ex_spill_write(ex_spill_file *f, const vec_batch *b, int64_t off, int64_t n, em_error *err)
{
    if (n <= 0)
        return EM_OK;
    size_t start = f->len;
    uint32_t magic = EX_SPILL_MAGIC, n_cols = (uint32_t)b->n_cols;
    int64_t rows = n, payload = 0;
    ex_spill_put(f, &magic, 4);
    ex_spill_put(f, &n_cols, 4);
    ex_spill_put(f, &rows, 8);
    ex_spill_put(f, &payload, 8);
    for (int c = 0; c < b->n_cols; c++)
        if (ex_spill_put_vec(f, b->cols[c], off, n, err)) {
            f->len = start;
            return err && err->code ? err->code : EM_EINTERNAL;
        }
    payload = (int64_t)(f->len - start - EX_SPILL_HEADER);
    memcpy(f->buf + start + 16, &payload, 8);
    if (f->len >= EX_SPILL_FLUSH_AT)
        return ex_spill_flush(f, err);
    return EM_OK;
}

/* ---- decoding --------------------------------------------------------------------------- */

typedef struct ex_spill_in {
    const uint8_t *p, *end;
} ex_spill_in;

static const uint8_t *ex_spill_take(ex_spill_in *in, size_t n)
{
    if ((size_t)(in->end - in->p) < n)
        return NULL;
    const uint8_t *p = in->p;
    in->p += n;
    return p;
}

static int ex_spill_bad(em_error *err)
{
    return em_error_internal(err, "spill file block is damaged");
}

/* Reads offsets (n+1) into v (room reserved); checks they rise from 0. */
static int ex_spill_get_offsets(ex_spill_in *in, vec *v, int64_t n, em_error *err)
{
    const uint8_t *p = ex_spill_take(in, (size_t)(n + 1) * 4);
    if (!p)
        return ex_spill_bad(err);
    memcpy(v->offsets, p, (size_t)(n + 1) * 4);
    if (v->offsets[0] != 0)
        return ex_spill_bad(err);
    for (int64_t r = 0; r < n; r++)
        if (v->offsets[r + 1] < v->offsets[r])
            return ex_spill_bad(err);
    return EM_OK;
}

/* Fills the empty vector v with n rows. */
static int ex_spill_get_vec(ex_spill_in *in, vec *v, int64_t n, em_error *err)
{
    const uint8_t *flag = ex_spill_take(in, 1);
    if (!flag)
        return ex_spill_bad(err);
    if (v->type->kind == TY_NULL) { /* no buffers: every row NULL, as vec_new_nulls makes them */
        for (int64_t r = 0; r < n; r++)
            vec_append_null(v);
        return EM_OK;
    }
    vec_reserve(v, n);
    if (*flag) {
        size_t nb = (size_t)((n + 7) / 8), full = (size_t)((v->cap + 7) / 8);
        const uint8_t *bits = ex_spill_take(in, nb);
        if (!bits)
            return ex_spill_bad(err);
        em_free(v->validity);
        v->validity = em_malloc(full ? full : 1);
        memset(v->validity, 0xff, full ? full : 1);
        memcpy(v->validity, bits, nb);
    }
    ty_kind kind = v->type->kind;
    int w = ty_fixed_width(v->type);
    if (w) {
        const uint8_t *p = ex_spill_take(in, (size_t)(n * w));
        if (!p)
            return ex_spill_bad(err);
        if (n)
            memcpy(v->values, p, (size_t)(n * w));
    } else if (ex_spill_varlen(kind)) {
        if (ex_spill_get_offsets(in, v, n, err))
            return EM_EINTERNAL;
        int32_t bytes = v->offsets[n];
        const uint8_t *p = ex_spill_take(in, (size_t)bytes);
        if (!p || vec_reserve_bytes(v, bytes, err))
            return ex_spill_bad(err);
        if (bytes)
            memcpy(v->bytes, p, (size_t)bytes);
        v->bytes_len = bytes;
    } else if (kind == TY_ARRAY || kind == TY_MAP) {
        if (ex_spill_get_offsets(in, v, n, err))
            return EM_EINTERNAL;
        for (int c = 0; c < v->n_children; c++)
            if (ex_spill_get_vec(in, v->children[c], v->offsets[n], err))
                return EM_EINTERNAL;
    } else if (kind == TY_STRUCT) {
        for (int c = 0; c < v->n_children; c++)
            if (ex_spill_get_vec(in, v->children[c], n, err))
                return EM_EINTERNAL;
    } else {
        return em_error_internal(err, "cannot read a spilled column of type kind %d", (int)kind);
    }
    v->len = n;
    return EM_OK;
}

void ex_spill_reader_init(ex_spill_reader *r, ex_spill_file *f, int64_t start, int64_t end,
                          int n_cols, const ty *const *types)
{
    memset(r, 0, sizeof *r);
    r->f = f;
    r->pos = start;
    r->end = end;
    r->n_cols = n_cols;
    r->types = types;
}

static int ex_spill_pread(ex_spill_file *f, void *dst, size_t n, int64_t at, em_error *err)
{
    size_t done = 0;
    while (done < n) {
        ssize_t got = pread(f->fd, (char *)dst + done, n - done, (off_t)(at + (int64_t)done));
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0)
            return ex_spill_io_error(err, "read", errno);
        if (got == 0)
            return ex_spill_bad(err);
        done += (size_t)got;
    }
    return EM_OK;
}

int ex_spill_read(ex_spill_reader *r, vec_batch **out, em_error *err)
{
    *out = NULL;
    if (r->pos >= r->end)
        return 0;
    ex_spill_file *f = r->f;
    if (f->len > 0 && r->pos + EX_SPILL_HEADER > f->flushed && ex_spill_flush(f, err))
        return -1;
    uint8_t hdr[EX_SPILL_HEADER];
    if (ex_spill_pread(f, hdr, sizeof hdr, r->pos, err))
        return -1;
    uint32_t magic, n_cols;
    int64_t rows, payload;
    memcpy(&magic, hdr, 4);
    memcpy(&n_cols, hdr + 4, 4);
    memcpy(&rows, hdr + 8, 8);
    memcpy(&payload, hdr + 16, 8);
    if (magic != EX_SPILL_MAGIC || (int)n_cols != r->n_cols || rows < 0 || payload < 0 ||
        r->pos + EX_SPILL_HEADER + payload > r->end) {
        ex_spill_bad(err);
        return -1;
    }
    if ((size_t)payload > r->cap) {
        em_free(r->buf);
        r->cap = (size_t)payload;
        r->buf = em_malloc(r->cap ? r->cap : 1);
    }
    if (ex_spill_pread(f, r->buf, (size_t)payload, r->pos + EX_SPILL_HEADER, err))
        return -1;
    ex_spill_in in = {r->buf, r->buf + payload};
    vec_batch *b = vec_batch_new(r->n_cols, rows);
    for (int c = 0; c < r->n_cols; c++) {
        b->cols[c] = vec_new(r->types[c], rows);
        if (ex_spill_get_vec(&in, b->cols[c], rows, err)) {
            vec_batch_free(b);
            return -1;
        }
    }
    r->pos += EX_SPILL_HEADER + payload;
    /* a reader's buffer is as large as its largest block: keep it only while small */
    if (r->cap > 4 * EX_SPILL_FLUSH_AT) {
        em_free(r->buf);
        r->buf = NULL;
        r->cap = 0;
    }
    *out = b;
    return 1;
}

void ex_spill_reader_release(ex_spill_reader *r)
{
    em_free(r->buf);
    r->buf = NULL;
    r->cap = 0;
}

/* ---- helpers ---------------------------------------------------------------------------- */

int ex_spill_copy_row(vec *dst, const vec *src, int64_t row, em_error *err)
{
    int w = ty_fixed_width(dst->type);
    if (w && src->type->kind != TY_NULL && !vec_is_null(src, row)) {
        if (dst->len >= dst->cap)
            vec_reserve(dst, dst->len + 1);
        char *d = (char *)dst->values + dst->len * w;
        const char *s = (const char *)src->values + row * w;
        if (w == 8)
            memcpy(d, s, 8);
        else
            memcpy(d, s, (size_t)w);
        if (dst->validity)
            vec_set_valid(dst, dst->len);
        dst->len++;
        return EM_OK;
    }
    return vec_append_from(dst, src, row, err);
}

bool ex_spill_forced(const ex_query *q)
{
    return q && q->opts.spill_force;
}

int ex_spill_partition(vec *const *keys, int n_keys, int64_t r, int level, int n_parts)
{
    uint64_t h = 0x6a09e667f3bcc909ULL ^ ((uint64_t)(level + 1) * 0x9e3779b97f4a7c15ULL);
    for (int k = 0; k < n_keys; k++)
        h = ty_hash_cell(keys[k], r, h);
    /* murmur3's finalizer: partitions of different levels come out independent */
    h ^= (uint64_t)(level + 1) * 0xc2b2ae3d27d4eb4fULL;
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ULL;
    h ^= h >> 33;
    return (int)(h & (uint64_t)(n_parts - 1));
}

int ex_spill_scatter(ex_query *q, ex_spill_file **files, int n_parts, const vec_batch *b,
                     int n_cols, vec *const *keys, int n_keys, const int64_t *sel, int64_t n,
                     int64_t pos_base, const int64_t *pos, int level, em_error *err)
{
    if (n <= 0)
        return EM_OK;
    int64_t *counts = em_calloc((size_t)n_parts + 1, sizeof *counts);
    int64_t *fill = em_malloc((size_t)n_parts * sizeof *fill);
    int *part = em_malloc((size_t)n * sizeof *part);
    int64_t *sorted = em_malloc((size_t)n * sizeof *sorted);
    for (int64_t i = 0; i < n; i++) {
        part[i] = ex_spill_partition(keys, n_keys, sel ? sel[i] : i, level, n_parts);
        counts[part[i] + 1]++;
    }
    for (int p = 0; p < n_parts; p++)
        counts[p + 1] += counts[p];
    memcpy(fill, counts, (size_t)n_parts * sizeof *fill);
    for (int64_t i = 0; i < n; i++)
        sorted[fill[part[i]]++] = sel ? sel[i] : i;
    vec_batch view = {.n_cols = n_cols, .n_rows = b->n_rows, .cols = b->cols};
    int rc = EM_OK;
    for (int p = 0; p < n_parts && rc == EM_OK; p++) {
        int64_t cnt = counts[p + 1] - counts[p];
        if (cnt == 0)
            continue;
        if (!files[p] && !(files[p] = ex_spill_open(q, err))) {
            rc = err && err->code ? err->code : EM_EIO;
            break;
        }
        const int64_t *rows = sorted + counts[p];
        vec_batch *t = ex_batch_take(&view, rows, cnt, err);
        if (!t) {
            rc = err && err->code ? err->code : EM_EINTERNAL;
            break;
        }
        vec_batch *o = vec_batch_new(n_cols + 1, cnt);
        for (int c = 0; c < n_cols; c++)
            o->cols[c] = vec_retain(t->cols[c]);
        vec_batch_free(t);
        vec *pv = vec_new(ty_long(), cnt);
        for (int64_t i = 0; i < cnt; i++)
            VEC_VALUES(pv, int64_t)[i] = pos ? pos[rows[i]] : pos_base + rows[i];
        pv->len = cnt;
        o->cols[n_cols] = pv;
        rc = ex_spill_write(files[p], o, 0, cnt, err);
        vec_batch_free(o);
    }
    em_free(counts);
    em_free(fill);
    em_free(part);
    em_free(sorted);
    return rc;
}

/* ---- memory hooks of functions/ (collect_list & co.) ------------------------------------ */

static int ex_spill_fn_acquire(void **acct, int64_t bytes, em_error *err)
{
    ex_query *a = NULL;
    int rc = ex_mem_acquire(NULL, &a, bytes, err);
    *acct = a;
    return rc;
}

static void ex_spill_fn_release(void *acct, int64_t bytes)
{
    ex_mem_release(acct, bytes);
}

static const fn_mem_hooks ex_spill_fn_hooks = {ex_spill_fn_acquire, ex_spill_fn_release};

void ex_mem_hooks_install(void)
{
    fn_mem_set_hooks(&ex_spill_fn_hooks);
}
