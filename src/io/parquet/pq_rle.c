/*
 * pq_rle: the bit-level decoders every Parquet encoding rests on: bit unpacking (specialised per
 * width so the shifts are constants), the RLE / bit-packed hybrid (levels, dictionary indices,
 * RLE booleans) and DELTA_BINARY_PACKED (integers, and the lengths inside DELTA_LENGTH_BYTE_ARRAY
 * and DELTA_BYTE_ARRAY).
 *
 * Unpacking reads 8 bytes at a time; groups too close to the end of the input are first copied
 * into a zero-padded local buffer, so no read ever passes in_end.
 */
#include "io/parquet/pq_int.h"

#include "common/em_mem.h"

#include <string.h>

int pq_bit_width(uint32_t max)
{
    int w = 0;
    while (w < 32 && (max >> w))
        w++;
    return w;
}

static inline uint64_t pq_load64(const uint8_t *p)
{
    uint64_t v;
    memcpy(&v, p, 8);
    return v;
}

/* One group of 8 values of width W at in; needs W + 8 readable bytes. */
#define PQ_U1(W, K)                                                                                \
    out[K] = (uint32_t)((pq_load64(in + ((K) * (W)) / 8) >> (((K) * (W)) % 8)) &                   \
                        ((W) == 32 ? 0xffffffffull : ((1ull << (W)) - 1)))
#define PQ_UNPACK_FN(W)                                                                            \
    static void pq_unpack_w##W(const uint8_t *in, uint32_t *out, int64_t n_groups)                 \
    {                                                                                              \
        for (int64_t g = 0; g < n_groups; g++, in += (W), out += 8) {                              \
            PQ_U1(W, 0);                                                                           \
            PQ_U1(W, 1);                                                                           \
            PQ_U1(W, 2);                                                                           \
            PQ_U1(W, 3);                                                                           \
            PQ_U1(W, 4);                                                                           \
            PQ_U1(W, 5);                                                                           \
            PQ_U1(W, 6);                                                                           \
            PQ_U1(W, 7);                                                                           \
        }                                                                                          \
    }

PQ_UNPACK_FN(1)
PQ_UNPACK_FN(2)
PQ_UNPACK_FN(3)
PQ_UNPACK_FN(4)
PQ_UNPACK_FN(5)
PQ_UNPACK_FN(6)
PQ_UNPACK_FN(7)
PQ_UNPACK_FN(8)
PQ_UNPACK_FN(9)
PQ_UNPACK_FN(10)
PQ_UNPACK_FN(11)
PQ_UNPACK_FN(12)
PQ_UNPACK_FN(13)
PQ_UNPACK_FN(14)
PQ_UNPACK_FN(15)
PQ_UNPACK_FN(16)
PQ_UNPACK_FN(17)
PQ_UNPACK_FN(18)
PQ_UNPACK_FN(19)
PQ_UNPACK_FN(20)
PQ_UNPACK_FN(21)
PQ_UNPACK_FN(22)
PQ_UNPACK_FN(23)
PQ_UNPACK_FN(24)
PQ_UNPACK_FN(25)
PQ_UNPACK_FN(26)
PQ_UNPACK_FN(27)
PQ_UNPACK_FN(28)
PQ_UNPACK_FN(29)
PQ_UNPACK_FN(30)
PQ_UNPACK_FN(31)
PQ_UNPACK_FN(32)

typedef void (*pq_unpack_fn)(const uint8_t *, uint32_t *, int64_t);

/* Indexed by width; a table of direct calls keeps each width's loop specialised. */
static const pq_unpack_fn pq_unpackers[33] = {
    NULL,          pq_unpack_w1,  pq_unpack_w2,  pq_unpack_w3,  pq_unpack_w4,  pq_unpack_w5,
    pq_unpack_w6,  pq_unpack_w7,  pq_unpack_w8,  pq_unpack_w9,  pq_unpack_w10, pq_unpack_w11,
    pq_unpack_w12, pq_unpack_w13, pq_unpack_w14, pq_unpack_w15, pq_unpack_w16, pq_unpack_w17,
    pq_unpack_w18, pq_unpack_w19, pq_unpack_w20, pq_unpack_w21, pq_unpack_w22, pq_unpack_w23,
    pq_unpack_w24, pq_unpack_w25, pq_unpack_w26, pq_unpack_w27, pq_unpack_w28, pq_unpack_w29,
    pq_unpack_w30, pq_unpack_w31, pq_unpack_w32,
};

void pq_unpack32(const uint8_t *in, const uint8_t *in_end, int bw, uint32_t *out, int64_t n_groups)
{
    if (bw == 0) {
        memset(out, 0, (size_t)n_groups * 8 * sizeof *out);
        return;
    }
    int64_t avail = in_end - in;
    /* Groups whose 8-byte loads stay inside the input. */
    int64_t fast = avail >= bw + 8 ? (avail - 8) / bw : 0;
    if (fast > n_groups)
        fast = n_groups;
    pq_unpackers[bw](in, out, fast);
    in += fast * bw;
    out += fast * 8;
    for (int64_t g = fast; g < n_groups; g++, in += bw, out += 8) {
        uint8_t tmp[32 + 8] = {0};
        int64_t left = in_end - in;
        if (left > 0)
            memcpy(tmp, in, (size_t)(left < bw ? left : bw));
        pq_unpackers[bw](tmp, out, 1);
    }
}

void pq_unpack64(const uint8_t *in, const uint8_t *in_end, int bw, uint64_t *out, int64_t n_groups)
{
    if (bw <= 32) {
        uint32_t tmp[8 * 64];
        while (n_groups > 0) {
            int64_t k = n_groups < 64 ? n_groups : 64;
            pq_unpack32(in, in_end, bw, tmp, k);
            for (int64_t i = 0; i < k * 8; i++)
                out[i] = tmp[i];
            in += k * bw;
            out += k * 8;
            n_groups -= k;
        }
        return;
    }
    uint64_t mask = bw == 64 ? ~0ull : (1ull << bw) - 1;
    for (int64_t g = 0; g < n_groups; g++, in += bw, out += 8) {
        uint8_t tmp[64 + 16] = {0};
        int64_t left = in_end - in;
        if (left > 0)
            memcpy(tmp, in, (size_t)(left < bw ? left : bw));
        for (int k = 0; k < 8; k++) {
            int bit = k * bw;
            unsigned __int128 w;
            memcpy(&w, tmp + bit / 8, 16);
            out[k] = (uint64_t)(w >> (bit % 8)) & mask;
        }
    }
}

/* ---- RLE / bit-packed hybrid --------------------------------------------------------------- */

void pq_rle_init(pq_rle *r, const uint8_t *p, const uint8_t *end, int bit_width)
{
    memset(r, 0, sizeof *r);
    r->p = p;
    r->end = end;
    r->bw = bit_width;
}

/* Reads the next run header; false at the end of the data or on corruption. */
static bool pq_rle_next_run(pq_rle *r)
{
    uint64_t h = 0;
    int shift = 0;
    for (;;) {
        if (r->p >= r->end || shift > 35)
            return false;
        uint8_t b = *r->p++;
        h |= (uint64_t)(b & 0x7f) << shift;
        shift += 7;
        if (!(b & 0x80))
            break;
    }
    if (h & 1) {
        int64_t n = (int64_t)(h >> 1) * 8;
        if (r->bw > 0) {
            /* A truncated last run keeps the values whose bits are present. */
            int64_t have = (int64_t)(r->end - r->p) * 8 / r->bw;
            if (n > have)
                n = have;
        }
        if (n == 0)
            return false;
        r->lit_left = n;
        r->buf_pos = r->buf_n = 0;
    } else {
        int64_t n = (int64_t)(h >> 1);
        int nbytes = (r->bw + 7) / 8;
        if (n == 0 || r->end - r->p < nbytes)
            return false;
        uint32_t v = 0;
        for (int i = 0; i < nbytes; i++)
            v |= (uint32_t)r->p[i] << (8 * i);
        r->p += nbytes;
        if (r->bw < 32 && (v >> r->bw))
            return false; /* a run value wider than the bit width */
        r->rle_value = v;
        r->rle_left = n;
    }
    return true;
}

int64_t pq_rle_get(pq_rle *r, uint32_t *out, int64_t n)
{
    int64_t done = 0;
    while (done < n) {
        if (r->rle_left > 0) {
            int64_t k = n - done < r->rle_left ? n - done : r->rle_left;
            uint32_t v = r->rle_value;
            for (int64_t i = 0; i < k; i++)
                out[done + i] = v;
            r->rle_left -= k;
            done += k;
        } else if (r->lit_left > 0) {
            if (r->buf_pos < r->buf_n) {
                int64_t k = r->buf_n - r->buf_pos;
                if (k > n - done)
                    k = n - done;
                memcpy(out + done, r->buf + r->buf_pos, (size_t)k * sizeof *out);
                r->buf_pos += (int)k;
                done += k;
                continue;
            }
            int64_t want = n - done < r->lit_left ? n - done : r->lit_left;
            if (want >= 8) {
                int64_t groups = want / 8;
                pq_unpack32(r->p, r->end, r->bw, out + done, groups);
                r->p += groups * r->bw;
                r->lit_left -= groups * 8;
                done += groups * 8;
            } else {
                /* Decode one group into the buffer (its tail may lie past a truncated end). */
                pq_unpack32(r->p, r->end, r->bw, r->buf, 1);
                r->p += r->bw;
                if (r->p > r->end)
                    r->p = r->end;
                r->buf_n = r->lit_left < 8 ? (int)r->lit_left : 8;
                r->buf_pos = 0;
                r->lit_left -= r->buf_n;
            }
        } else if (r->buf_pos < r->buf_n) {
            int64_t k = r->buf_n - r->buf_pos;
            if (k > n - done)
                k = n - done;
            memcpy(out + done, r->buf + r->buf_pos, (size_t)k * sizeof *out);
            r->buf_pos += (int)k;
            done += k;
        } else if (!pq_rle_next_run(r)) {
            break;
        }
    }
    return done;
}

/* ---- DELTA_BINARY_PACKED ------------------------------------------------------------------- */

/* Bounds on writer parameters: far above what writers use (128 / 4, DuckDB 2048 / 8). */
#define PQ_DBP_MAX_BLOCK (1u << 20)
#define PQ_DBP_MAX_MINI  (1u << 16)

static int pq_uleb(const uint8_t **p, const uint8_t *end, uint64_t *out)
{
    uint64_t v = 0;
    for (int shift = 0; shift < 70; shift += 7) {
        if (*p >= end)
            return pq_fail("delta: truncated varint");
        uint8_t b = *(*p)++;
        if (shift == 63 && (b & 0x7e))
            return pq_fail("delta: varint overflows 64 bits");
        v |= (uint64_t)(b & 0x7f) << shift;
        if (!(b & 0x80)) {
            *out = v;
            return 0;
        }
    }
    return pq_fail("delta: varint over 10 bytes");
}

static int pq_dbp_header(const uint8_t **p, const uint8_t *end, uint64_t *block, uint64_t *n_mini,
                         uint64_t *total, uint64_t *first)
{
    if (pq_uleb(p, end, block) || pq_uleb(p, end, n_mini) || pq_uleb(p, end, total) ||
        pq_uleb(p, end, first))
        return EM_EIO;
    if (*block == 0 || *block > PQ_DBP_MAX_BLOCK || *block % 128 != 0)
        return pq_fail("delta: invalid block size %llu", (unsigned long long)*block);
    if (*n_mini == 0 || *block % *n_mini != 0 || (*block / *n_mini) % 32 != 0 ||
        *block / *n_mini > PQ_DBP_MAX_MINI)
        return pq_fail("delta: invalid miniblock count %llu", (unsigned long long)*n_mini);
    if (*total > INT32_MAX)
        return pq_fail("delta: value count %llu out of range", (unsigned long long)*total);
    return 0;
}

int pq_dbp_init(pq_dbp *d, const uint8_t *p, const uint8_t *end, uint64_t **buf, uint64_t *buf_cap)
{
    uint64_t block = 0, n_mini = 0, total = 0, first = 0;
    memset(d, 0, sizeof *d);
    if (pq_dbp_header(&p, end, &block, &n_mini, &total, &first))
        return EM_EIO;
    d->p = p;
    d->end = end;
    d->n_mini = (uint32_t)n_mini;
    d->per_mini = block / n_mini;
    d->total = (int64_t)total;
    d->first_pending = total > 0;
    d->last = (uint64_t)((first >> 1) ^ -(first & 1));
    d->mini_idx = d->n_mini; /* forces a block header on the first miniblock */
    if (*buf_cap < d->per_mini) {
        em_free(*buf);
        *buf = em_malloc(d->per_mini * sizeof **buf);
        *buf_cap = d->per_mini;
    }
    d->buf = *buf;
    d->buf_cap = *buf_cap;
    return 0;
}

/* Decodes the next miniblock's deltas into d->buf (only the values still to come). */
static int pq_dbp_next_mini(pq_dbp *d)
{
    if (d->mini_idx >= d->n_mini) {
        uint64_t md = 0;
        if (pq_uleb(&d->p, d->end, &md))
            return EM_EIO;
        d->min_delta = (uint64_t)((md >> 1) ^ -(md & 1));
        if ((uint64_t)(d->end - d->p) < d->n_mini)
            return pq_fail("delta: truncated miniblock bit widths");
        d->widths = d->p;
        d->p += d->n_mini;
        d->mini_idx = 0;
    }
    int bw = d->widths[d->mini_idx++];
    if (bw > 64)
        return pq_fail("delta: miniblock bit width %d", bw);
    uint64_t want = (uint64_t)d->total < d->per_mini ? (uint64_t)d->total : d->per_mini;
    uint64_t groups = (want + 7) / 8;
    /* The bits of the values used must be present; padding past the end may be absent. */
    if ((uint64_t)(d->end - d->p) * 8 < want * (uint64_t)bw)
        return pq_fail("delta: truncated miniblock");
    pq_unpack64(d->p, d->end, bw, d->buf, (int64_t)groups);
    uint64_t full = d->per_mini * (uint64_t)bw / 8;
    d->p = full < (uint64_t)(d->end - d->p) ? d->p + full : d->end;
    d->buf_pos = 0;
    d->buf_n = want;
    return 0;
}

int pq_dbp_get(pq_dbp *d, int64_t *out, int64_t n)
{
    if (n > d->total)
        return pq_fail("delta: %lld values requested, %lld left", (long long)n,
                       (long long)d->total);
    int64_t done = 0;
    uint64_t last = d->last;
    if (n > 0 && d->first_pending) {
        out[done++] = (int64_t)last;
        d->first_pending = false;
        d->total--;
    }
    while (done < n) {
        if (d->buf_pos >= d->buf_n) {
            d->last = last;
            if (pq_dbp_next_mini(d))
                return EM_EIO;
        }
        uint64_t k = d->buf_n - d->buf_pos;
        if (k > (uint64_t)(n - done))
            k = (uint64_t)(n - done);
        const uint64_t *src = d->buf + d->buf_pos;
        uint64_t md = d->min_delta;
        for (uint64_t i = 0; i < k; i++) {
            last += md + src[i];
            out[done + (int64_t)i] = (int64_t)last;
        }
        d->buf_pos += k;
        d->total -= (int64_t)k;
        done += (int64_t)k;
    }
    d->last = last;
    return 0;
}

int pq_dbp_end(const uint8_t *p, const uint8_t *end, const uint8_t **after, int64_t *count)
{
    uint64_t block = 0, n_mini = 0, total = 0, first = 0;
    if (pq_dbp_header(&p, end, &block, &n_mini, &total, &first))
        return EM_EIO;
    *count = (int64_t)total;
    uint64_t left = total > 0 ? total - 1 : 0;
    uint64_t per_mini = block / n_mini;
    while (left > 0) {
        uint64_t md = 0;
        if (pq_uleb(&p, end, &md))
            return EM_EIO;
        if ((uint64_t)(end - p) < n_mini)
            return pq_fail("delta: truncated miniblock bit widths");
        const uint8_t *widths = p;
        p += n_mini;
        for (uint64_t m = 0; m < n_mini && left > 0; m++) {
            if (widths[m] > 64)
                return pq_fail("delta: miniblock bit width %d", widths[m]);
            uint64_t bytes = per_mini * widths[m] / 8;
            if (bytes > (uint64_t)(end - p))
                return pq_fail("delta: truncated miniblock");
            p += bytes;
            left = left > per_mini ? left - per_mini : 0;
        }
    }
    *after = p;
    return 0;
}
