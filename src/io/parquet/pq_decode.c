/*
 * pq_decode: the values section of data pages and dictionary pages. Encodings: PLAIN,
 * PLAIN_DICTIONARY / RLE_DICTIONARY (indices gathered from a dictionary already converted to the
 * output representation), RLE (booleans), DELTA_BINARY_PACKED, DELTA_LENGTH_BYTE_ARRAY,
 * DELTA_BYTE_ARRAY and BYTE_STREAM_SPLIT.
 *
 * pq_col_values decodes n non-null values into a vector at a dense position: the caller spreads
 * them over null slots afterwards (pq_spread). Fixed-width PLAIN values are converted straight
 * from the page bytes (a memcpy when the representation is the same); other encodings work in
 * runs of PQ_CHUNK values through the column reader's scratch buffers. Every run checks the bytes
 * it needs first.
 */
#include "io/parquet/pq_int.h"

#include "common/em_mem.h"

#include <string.h>

/* ---- helpers ----------------------------------------------------------------------------------
 */

static uint8_t *pq_dense_ptr(const pq_col *c, vec *v, int64_t dst, int64_t n)
{
    vec_reserve(v, dst + n);
    return (uint8_t *)v->values + dst * c->leaf->out_width;
}

/* Views -> output (string/binary append, or decimal / float16 conversion). */
static int pq_emit_views(pq_col *c, vec *v, int64_t dst, const pq_view *views, int64_t n)
{
    if (c->leaf->conv == PQ_CONV_BYTES)
        return pq_append_views(v, dst, views, n);
    return pq_convert_views(c->leaf->conv, views, pq_dense_ptr(c, v, dst, n), n);
}

/* Parses up to n length-prefixed PLAIN byte arrays. */
static int pq_plain_ba_views(const uint8_t **pp, const uint8_t *end, pq_view *views, int64_t n)
{
    const uint8_t *p = *pp;
    for (int64_t i = 0; i < n; i++) {
        if (end - p < 4)
            return pq_fail("PLAIN byte array: truncated length");
        uint32_t len;
        memcpy(&len, p, 4);
        p += 4;
        if (len > (uint64_t)(end - p))
            return pq_fail("PLAIN byte array: length %u exceeds the page", len);
        views[i].ptr = p;
        views[i].len = (int32_t)len;
        p += len;
    }
    *pp = p;
    return 0;
}

static void pq_fixed_views(const uint8_t *p, int width, pq_view *views, int64_t n)
{
    for (int64_t i = 0; i < n; i++) {
        views[i].ptr = p + (int64_t)width * i;
        views[i].len = width;
    }
}

static void pq_unpack_bools(const uint8_t *p, int bit_off, uint8_t *out, int64_t n)
{
    for (int64_t i = 0; i < n; i++) {
        int64_t bit = bit_off + i;
        out[i] = (p[bit >> 3] >> (bit & 7)) & 1;
    }
}

/* ---- dictionary pages -------------------------------------------------------------------------
 */

static void pq_dict_free(pq_col *c)
{
    em_free(c->dict_vals);
    em_free(c->dict_off);
    em_free(c->dict_bytes);
    c->dict_vals = NULL;
    c->dict_off = NULL;
    c->dict_bytes = NULL;
    c->dict_n = 0;
    c->has_dict = false;
}

int pq_col_dictionary(pq_col *c, const uint8_t *p, const uint8_t *end, int64_t n)
{
    const pq_leaf *lf = c->leaf;
    int pw = lf->phys_width;
    int64_t avail = end - p;
    pq_dict_free(c);
    if (n < 0)
        return pq_fail("dictionary page: negative value count");
    c->has_dict = true;
    if (lf->conv == PQ_CONV_NULL) {
        c->dict_n = n;
        return 0;
    }
    if (lf->info.physical == PQ_BYTE_ARRAY ? n > avail / 4
        : lf->info.physical == PQ_BOOLEAN  ? n > avail * 8
                                           : n > avail / pw)
        return pq_fail("dictionary page: %lld values do not fit in %lld bytes", (long long)n,
                       (long long)avail);
    if (lf->conv == PQ_CONV_BYTES) {
        c->dict_off = em_malloc((size_t)(n + 1) * sizeof *c->dict_off);
        c->dict_bytes = em_malloc((size_t)avail + 1);
        c->dict_off[0] = 0;
        int64_t done = 0, off = 0;
        while (done < n) {
            int64_t k = n - done < PQ_CHUNK ? n - done : PQ_CHUNK;
            if (lf->info.physical == PQ_BYTE_ARRAY) {
                if (pq_plain_ba_views(&p, end, c->views, k))
                    return EM_EIO;
            } else {
                pq_fixed_views(p, pw, c->views, k);
                p += (int64_t)pw * k;
            }
            for (int64_t i = 0; i < k; i++) {
                memcpy(c->dict_bytes + off, c->views[i].ptr, (size_t)c->views[i].len);
                off += c->views[i].len;
                c->dict_off[done + i + 1] = (int32_t)off;
            }
            done += k;
        }
        c->dict_n = n;
        return 0;
    }
    int ow = lf->out_width;
    c->dict_vals = em_malloc((size_t)(n * ow) + 16);
    if (lf->info.physical == PQ_BOOLEAN) {
        pq_unpack_bools(p, 0, c->dict_vals, n);
    } else if (lf->info.physical == PQ_BYTE_ARRAY) {
        int64_t done = 0;
        while (done < n) {
            int64_t k = n - done < PQ_CHUNK ? n - done : PQ_CHUNK;
            if (pq_plain_ba_views(&p, end, c->views, k) ||
                pq_convert_views(lf->conv, c->views, c->dict_vals + done * ow, k))
                return EM_EIO;
            done += k;
        }
    } else if (pq_convert_fixed(lf->conv, pw, p, c->dict_vals, n)) {
        return EM_EIO;
    }
    c->dict_n = n;
    return 0;
}

/* ---- data page values: setup --------------------------------------------------------------------
 */

int pq_col_values_init(pq_col *c, int encoding, const uint8_t *p, const uint8_t *end,
                       int64_t n_values)
{
    pq_vdec *vd = &c->vd;
    int phys = c->leaf->info.physical;
    memset(vd, 0, sizeof *vd);
    vd->encoding = encoding;
    vd->p = p;
    vd->end = end;
    switch (encoding) {
    case PQ_ENC_PLAIN:
        return 0;
    case PQ_ENC_PLAIN_DICTIONARY:
    case PQ_ENC_RLE_DICTIONARY:
        if (!c->has_dict)
            return pq_fail("dictionary-encoded page without a dictionary page");
        if (p >= end) {
            if (n_values > 0)
                pq_rle_init(&vd->rle, end, end, 0); /* an all-null page may hold no byte */
            return 0;
        }
        if (*p > 32)
            return pq_fail("dictionary indices: bit width %d", *p);
        pq_rle_init(&vd->rle, p + 1, end, *p);
        return 0;
    case PQ_ENC_RLE: {
        if (phys != PQ_BOOLEAN)
            return pq_fail("RLE values encoding on a non-boolean column");
        if (end - p < 4)
            return pq_fail("RLE booleans: truncated length");
        uint32_t len;
        memcpy(&len, p, 4);
        if (len > (uint64_t)(end - p - 4))
            return pq_fail("RLE booleans: length %u exceeds the page", len);
        pq_rle_init(&vd->rle, p + 4, p + 4 + len, 1);
        return 0;
    }
    case PQ_ENC_DELTA_BINARY_PACKED:
        if (phys != PQ_INT32 && phys != PQ_INT64)
            return pq_fail("DELTA_BINARY_PACKED on a non-integer column");
        return pq_dbp_init(&vd->dbp, p, end, &c->dbp_buf, &c->dbp_cap);
    case PQ_ENC_DELTA_LENGTH_BYTE_ARRAY: {
        if (phys != PQ_BYTE_ARRAY)
            return pq_fail("DELTA_LENGTH_BYTE_ARRAY on a non-byte-array column");
        int64_t count;
        const uint8_t *bytes;
        if (pq_dbp_end(p, end, &bytes, &count) ||
            pq_dbp_init(&vd->dbp, p, end, &c->dbp_buf, &c->dbp_cap))
            return EM_EIO;
        vd->p = bytes;
        return 0;
    }
    case PQ_ENC_DELTA_BYTE_ARRAY: {
        if (phys != PQ_BYTE_ARRAY && phys != PQ_FIXED_LEN_BYTE_ARRAY)
            return pq_fail("DELTA_BYTE_ARRAY on a non-byte-array column");
        int64_t n1, n2;
        const uint8_t *suffixes, *bytes;
        if (pq_dbp_end(p, end, &suffixes, &n1) || pq_dbp_end(suffixes, end, &bytes, &n2) ||
            pq_dbp_init(&vd->dbp, p, end, &c->dbp_buf, &c->dbp_cap) ||
            pq_dbp_init(&vd->dbp2, suffixes, end, &c->dbp_buf2, &c->dbp_cap2))
            return EM_EIO;
        if (n1 != n2)
            return pq_fail("DELTA_BYTE_ARRAY: %lld prefixes but %lld suffixes", (long long)n1,
                           (long long)n2);
        vd->p = bytes;
        c->prev_len = 0;
        return 0;
    }
    case PQ_ENC_BYTE_STREAM_SPLIT: {
        int k = c->leaf->phys_width;
        if (phys == PQ_BOOLEAN || phys == PQ_BYTE_ARRAY || phys == PQ_INT96 || k <= 0)
            return pq_fail("BYTE_STREAM_SPLIT on an unsupported column type");
        if ((end - p) % k != 0)
            return pq_fail("BYTE_STREAM_SPLIT: %lld bytes are not a multiple of %d",
                           (long long)(end - p), k);
        vd->bss = p;
        vd->bss_n = (end - p) / k;
        vd->bss_pos = 0;
        return 0;
    }
    default:
        return pq_fail("values encoding %d is not supported", encoding);
    }
}

/* ---- data page values: decoding ---------------------------------------------------------------
 */

static int pq_values_plain(pq_col *c, vec *v, int64_t dst, int64_t n)
{
    const pq_leaf *lf = c->leaf;
    pq_vdec *vd = &c->vd;
    int phys = lf->info.physical;
    if (phys == PQ_BOOLEAN) {
        int64_t bits = (int64_t)(vd->end - vd->p) * 8 - vd->bit_off;
        if (n > bits)
            return pq_fail("PLAIN booleans: %lld values, %lld bits left", (long long)n,
                           (long long)bits);
        pq_unpack_bools(vd->p, vd->bit_off, pq_dense_ptr(c, v, dst, n), n);
        int64_t bit = vd->bit_off + n;
        vd->p += bit >> 3;
        vd->bit_off = (int)(bit & 7);
        return 0;
    }
    if (phys == PQ_BYTE_ARRAY) {
        int64_t done = 0;
        while (done < n) {
            int64_t k = n - done < PQ_CHUNK ? n - done : PQ_CHUNK;
            if (pq_plain_ba_views(&vd->p, vd->end, c->views, k) ||
                pq_emit_views(c, v, dst + done, c->views, k))
                return EM_EIO;
            done += k;
        }
        return 0;
    }
    int pw = lf->phys_width;
    if (n > (vd->end - vd->p) / pw)
        return pq_fail("PLAIN: %lld values of %d bytes, %lld bytes left", (long long)n, pw,
                       (long long)(vd->end - vd->p));
    if (lf->conv == PQ_CONV_BYTES) {
        int64_t done = 0;
        while (done < n) {
            int64_t k = n - done < PQ_CHUNK ? n - done : PQ_CHUNK;
            pq_fixed_views(vd->p + done * pw, pw, c->views, k);
            if (pq_append_views(v, dst + done, c->views, k))
                return EM_EIO;
            done += k;
        }
    } else if (pq_convert_fixed(lf->conv, pw, vd->p, pq_dense_ptr(c, v, dst, n), n)) {
        return EM_EIO;
    }
    vd->p += n * pw;
    return 0;
}

/* Gathers k dictionary entries by index into the output. */
static int pq_gather(pq_col *c, vec *v, int64_t dst, const uint32_t *idx, int64_t k)
{
    uint32_t max = 0;
    for (int64_t i = 0; i < k; i++)
        max = idx[i] > max ? idx[i] : max;
    if ((int64_t)max >= c->dict_n)
        return pq_fail("dictionary index %u out of range (%lld entries)", max,
                       (long long)c->dict_n);
    if (c->leaf->conv == PQ_CONV_BYTES) {
        int64_t total = 0;
        for (int64_t i = 0; i < k; i++)
            total += c->dict_off[idx[i] + 1] - c->dict_off[idx[i]];
        vec_reserve(v, dst + k);
        em_error e;
        em_error_clear(&e);
        if (v->bytes_len + total > VEC_MAX_BYTES || vec_reserve_bytes(v, total, &e))
            return pq_fail("string data of one batch exceeds %lld bytes", (long long)VEC_MAX_BYTES);
        int32_t off = v->offsets[dst];
        for (int64_t i = 0; i < k; i++) {
            int32_t s = c->dict_off[idx[i]], len = c->dict_off[idx[i] + 1] - s;
            if (len)
                memcpy(v->bytes + off, c->dict_bytes + s, (size_t)len);
            off += len;
            v->offsets[dst + i + 1] = off;
        }
        v->bytes_len += total;
        return 0;
    }
    uint8_t *out = pq_dense_ptr(c, v, dst, k);
    const uint8_t *d = c->dict_vals;
    switch (c->leaf->out_width) {
    case 1:
        for (int64_t i = 0; i < k; i++)
            out[i] = d[idx[i]];
        break;
    case 2:
        for (int64_t i = 0; i < k; i++)
            ((uint16_t *)out)[i] = ((const uint16_t *)d)[idx[i]];
        break;
    case 4:
        for (int64_t i = 0; i < k; i++)
            ((uint32_t *)out)[i] = ((const uint32_t *)d)[idx[i]];
        break;
    case 8:
        for (int64_t i = 0; i < k; i++)
            ((uint64_t *)out)[i] = ((const uint64_t *)d)[idx[i]];
        break;
    case 16:
        for (int64_t i = 0; i < k; i++)
            memcpy(out + 16 * i, d + 16 * (size_t)idx[i], 16);
        break;
    default:
        return pq_fail("internal: dictionary of width %d", c->leaf->out_width);
    }
    return 0;
}

static int pq_values_dict(pq_col *c, vec *v, int64_t dst, int64_t n)
{
    int64_t done = 0;
    while (done < n) {
        int64_t k = n - done < PQ_CHUNK ? n - done : PQ_CHUNK;
        if (pq_rle_get(&c->vd.rle, c->idx, k) != k)
            return pq_fail("dictionary indices: data ends early");
        if (pq_gather(c, v, dst + done, c->idx, k))
            return EM_EIO;
        done += k;
    }
    return 0;
}

static int pq_values_rle_bool(pq_col *c, vec *v, int64_t dst, int64_t n)
{
    int64_t done = 0;
    while (done < n) {
        int64_t k = n - done < PQ_CHUNK ? n - done : PQ_CHUNK;
        if (pq_rle_get(&c->vd.rle, c->idx, k) != k)
            return pq_fail("RLE booleans: data ends early");
        uint8_t *out = pq_dense_ptr(c, v, dst + done, k);
        for (int64_t i = 0; i < k; i++)
            out[i] = (uint8_t)c->idx[i];
        done += k;
    }
    return 0;
}

static int pq_values_dbp(pq_col *c, vec *v, int64_t dst, int64_t n)
{
    const pq_leaf *lf = c->leaf;
    int64_t *tmp = (int64_t *)c->scratch;
    int64_t done = 0;
    while (done < n) {
        int64_t k = n - done < PQ_CHUNK ? n - done : PQ_CHUNK;
        if (pq_dbp_get(&c->vd.dbp, tmp, k))
            return EM_EIO;
        const uint8_t *src = (const uint8_t *)tmp;
        if (lf->info.physical == PQ_INT32) {
            /* Values wrap at 32 bits (and so do writers' 33-bit deltas). */
            int32_t *t32 = (int32_t *)(c->scratch + PQ_CHUNK * 8);
            for (int64_t i = 0; i < k; i++)
                t32[i] = (int32_t)(uint32_t)(uint64_t)tmp[i];
            src = (const uint8_t *)t32;
        }
        if (pq_convert_fixed(lf->conv, lf->phys_width, src, pq_dense_ptr(c, v, dst + done, k), k))
            return EM_EIO;
        done += k;
    }
    return 0;
}

static int pq_values_dlba(pq_col *c, vec *v, int64_t dst, int64_t n)
{
    pq_vdec *vd = &c->vd;
    int64_t *lens = (int64_t *)c->scratch;
    int64_t done = 0;
    while (done < n) {
        int64_t k = n - done < PQ_CHUNK ? n - done : PQ_CHUNK;
        if (pq_dbp_get(&vd->dbp, lens, k))
            return EM_EIO;
        for (int64_t i = 0; i < k; i++) {
            if (lens[i] < 0 || lens[i] > vd->end - vd->p)
                return pq_fail("DELTA_LENGTH_BYTE_ARRAY: length %lld out of range",
                               (long long)lens[i]);
            c->views[i].ptr = vd->p;
            c->views[i].len = (int32_t)lens[i];
            vd->p += lens[i];
        }
        if (pq_emit_views(c, v, dst + done, c->views, k))
            return EM_EIO;
        done += k;
    }
    return 0;
}

static int pq_grow_bytes(uint8_t **buf, size_t *cap, size_t need)
{
    if (need <= *cap)
        return 0;
    if (need > (size_t)VEC_MAX_BYTES)
        return pq_fail("DELTA_BYTE_ARRAY: values of one run exceed %lld bytes",
                       (long long)VEC_MAX_BYTES);
    size_t ncap = *cap ? *cap : 256;
    while (ncap < need)
        ncap *= 2;
    *buf = em_realloc(*buf, ncap);
    *cap = ncap;
    return 0;
}

static int pq_values_dba(pq_col *c, vec *v, int64_t dst, int64_t n)
{
    pq_vdec *vd = &c->vd;
    int64_t *pre = (int64_t *)c->scratch;
    int64_t *suf = pre + PQ_CHUNK;
    int fixed = c->leaf->info.physical == PQ_FIXED_LEN_BYTE_ARRAY ? c->leaf->phys_width : -1;
    int64_t done = 0;
    while (done < n) {
        int64_t k = n - done < PQ_CHUNK ? n - done : PQ_CHUNK;
        if (pq_dbp_get(&vd->dbp, pre, k) || pq_dbp_get(&vd->dbp2, suf, k))
            return EM_EIO;
        /* Sizes first (each prefix bounded by the previous value), then one buffer. */
        int64_t total = 0, prev = (int64_t)c->prev_len;
        for (int64_t i = 0; i < k; i++) {
            if (pre[i] < 0 || pre[i] > prev || suf[i] < 0 || suf[i] > vd->end - vd->p)
                return pq_fail("DELTA_BYTE_ARRAY: prefix %lld / suffix %lld out of range",
                               (long long)pre[i], (long long)suf[i]);
            prev = pre[i] + suf[i];
            if (fixed >= 0 && prev != fixed)
                return pq_fail("DELTA_BYTE_ARRAY: value of %lld bytes in a FIXED_LEN(%d) column",
                               (long long)prev, fixed);
            total += prev;
            if (total > VEC_MAX_BYTES)
                return pq_fail("DELTA_BYTE_ARRAY: values exceed %lld bytes",
                               (long long)VEC_MAX_BYTES);
        }
        if (pq_grow_bytes(&c->bytes_scratch, &c->bytes_scratch_cap, (size_t)total + 1))
            return EM_EIO;
        uint8_t *out = c->bytes_scratch;
        const uint8_t *pv = c->prev;
        int64_t suf_total = 0;
        for (int64_t i = 0; i < k; i++) {
            if (suf[i] > vd->end - vd->p - suf_total)
                return pq_fail("DELTA_BYTE_ARRAY: suffix bytes exceed the page");
            if (pre[i])
                memcpy(out, pv, (size_t)pre[i]);
            memcpy(out + pre[i], vd->p + suf_total, (size_t)suf[i]);
            suf_total += suf[i];
            c->views[i].ptr = out;
            c->views[i].len = (int32_t)(pre[i] + suf[i]);
            pv = out;
            out += pre[i] + suf[i];
        }
        vd->p += suf_total;
        /* Keep the last value for the next run (bytes_scratch is reused). */
        if (k > 0) {
            size_t last = (size_t)c->views[k - 1].len;
            if (pq_grow_bytes(&c->prev, &c->prev_cap, last + 1))
                return EM_EIO;
            memcpy(c->prev, c->views[k - 1].ptr, last);
            c->prev_len = last;
        }
        if (pq_emit_views(c, v, dst + done, c->views, k))
            return EM_EIO;
        done += k;
    }
    return 0;
}

static int pq_values_bss(pq_col *c, vec *v, int64_t dst, int64_t n)
{
    pq_vdec *vd = &c->vd;
    int w = c->leaf->phys_width;
    if (n > vd->bss_n - vd->bss_pos)
        return pq_fail("BYTE_STREAM_SPLIT: %lld values requested, %lld left", (long long)n,
                       (long long)(vd->bss_n - vd->bss_pos));
    int64_t done = 0;
    while (done < n) {
        int64_t k = n - done < PQ_CHUNK ? n - done : PQ_CHUNK;
        if (pq_grow_bytes(&c->bytes_scratch, &c->bytes_scratch_cap, (size_t)(k * w)))
            return EM_EIO;
        uint8_t *tmp = c->bytes_scratch;
        const uint8_t *base = vd->bss + vd->bss_pos;
        int64_t stride = vd->bss_n;
        for (int b = 0; b < w; b++) {
            const uint8_t *s = base + (int64_t)b * stride;
            for (int64_t i = 0; i < k; i++)
                tmp[i * w + b] = s[i];
        }
        if (c->leaf->conv == PQ_CONV_BYTES) {
            pq_fixed_views(tmp, w, c->views, k);
            if (pq_append_views(v, dst + done, c->views, k))
                return EM_EIO;
        } else if (pq_convert_fixed(c->leaf->conv, w, tmp, pq_dense_ptr(c, v, dst + done, k), k)) {
            return EM_EIO;
        }
        vd->bss_pos += k;
        done += k;
    }
    return 0;
}

int pq_col_values(pq_col *c, vec *v, int64_t dst, int64_t n)
{
    if (n == 0)
        return 0;
    if (c->leaf->conv == PQ_CONV_NULL)
        return pq_fail("column of the null type (UNKNOWN) holds non-null values");
    switch (c->vd.encoding) {
    case PQ_ENC_PLAIN:
        return pq_values_plain(c, v, dst, n);
    case PQ_ENC_PLAIN_DICTIONARY:
    case PQ_ENC_RLE_DICTIONARY:
        return pq_values_dict(c, v, dst, n);
    case PQ_ENC_RLE:
        return pq_values_rle_bool(c, v, dst, n);
    case PQ_ENC_DELTA_BINARY_PACKED:
        return pq_values_dbp(c, v, dst, n);
    case PQ_ENC_DELTA_LENGTH_BYTE_ARRAY:
        return pq_values_dlba(c, v, dst, n);
    case PQ_ENC_DELTA_BYTE_ARRAY:
        return pq_values_dba(c, v, dst, n);
    case PQ_ENC_BYTE_STREAM_SPLIT:
        return pq_values_bss(c, v, dst, n);
    default:
        return pq_fail("values encoding %d is not supported", c->vd.encoding);
    }
}
