/*
 * pq_column: reading one leaf column chunk of a row group, a batch of rows at a time.
 *
 * State machine: a pq_col walks the chunk's pages in order. Dictionary pages are decoded (and
 * converted) as they come; a data page (v1 or v2) is decompressed into the reader's page buffer
 * (uncompressed pages are read in place from the file image) and its level decoders and values
 * decoder are set up. pq_col_read then takes levels for exactly n rows:
 *   - flat leaves (max_rep = 0): one level entry per row, taken page by page;
 *   - repeated leaves: levels are decoded in runs of PQ_CHUNK; a row ends where the next entry
 *     has rep = 0, so the run that crosses the batch's last row boundary leaves its tail in the
 *     carry buffer, which the next batch consumes first. Rows may span pages (v1).
 * The values of the entries taken (def == max_def) are decoded densely, then spread over the
 * leaf's slots (pq_spread).
 *
 * Invariants: carry entries always belong to the current page (a new page is loaded only when
 * the carry is empty and the page's levels are used up); the first entry of a chunk starts a
 * row; levels are checked against their maximum as they are decoded.
 */
#include "io/parquet/pq_int.h"

#include "common/em_mem.h"

#include <string.h>
#include <sys/mman.h>
#include <zlib.h>

int pq_col_init(pq_col *c, const pq_file *f, int rg, int leaf)
{
    memset(c, 0, sizeof *c);
    c->f = f;
    c->leaf = &f->leaves[leaf];
    const pq_column_chunk *cc = &f->meta.row_groups[rg].columns[leaf];
    if (cc->has_file_path)
        return pq_fail("column %s: data stored in another file is not supported",
                       c->leaf->info.path);
    if (cc->encrypted || !cc->has_meta)
        return pq_fail("column %s: encrypted column chunks are not supported", c->leaf->info.path);
    const pq_column_meta *m = &cc->meta;
    if (m->type != (int)c->leaf->info.physical)
        return pq_fail("column %s: chunk type %d differs from the schema's %d", c->leaf->info.path,
                       m->type, (int)c->leaf->info.physical);
    int64_t start = m->data_page_offset;
    if (m->has_dictionary_page_offset && m->dictionary_page_offset > 0 &&
        m->dictionary_page_offset < start)
        start = m->dictionary_page_offset;
    int64_t len = m->total_compressed_size;
    if (start < 0 || len < 0 || (uint64_t)start > f->len || (uint64_t)len > f->len - start)
        return pq_fail("column %s: chunk [%lld, +%lld) lies outside the file", c->leaf->info.path,
                       (long long)start, (long long)len);
    c->p = f->data + start;
    c->end = c->p + len;
    c->codec = m->codec;
#ifdef MADV_POPULATE_READ
    /* Map the whole chunk in one call instead of one page fault per 4 KiB page of a mapped
       file (an advice: failures, e.g. on heap buffers or old kernels, change nothing). */
    if (len >= 64 * 1024) {
        uintptr_t lo = (uintptr_t)c->p & ~(uintptr_t)4095;
        (void)madvise((void *)lo, (size_t)((uintptr_t)c->end - lo), MADV_POPULATE_READ);
    }
#endif
    c->scratch = em_malloc(PQ_CHUNK * 16);
    return 0;
}

void pq_col_release(pq_col *c)
{
    em_free(c->page_buf);
    em_free(c->dict_vals);
    em_free(c->dict_off);
    em_free(c->dict_bytes);
    em_free(c->scratch);
    em_free(c->bytes_scratch);
    em_free(c->prev);
    em_free(c->dbp_buf);
    em_free(c->dbp_buf2);
    memset(c, 0, sizeof *c);
}

void pq_levels_release(pq_levels *lv)
{
    em_free(lv->def);
    em_free(lv->rep);
    memset(lv, 0, sizeof *lv);
}

/* ---- pages -------------------------------------------------------------------------------------
 */

/* The page body decompressed into n bytes (in place when not compressed). */
static int pq_page_bytes(pq_col *c, const uint8_t *body, int32_t stored, int32_t n, bool compressed,
                         const uint8_t **out, const uint8_t **out_end)
{
    if (!compressed || c->codec == PQ_CODEC_UNCOMPRESSED) {
        *out = body;
        *out_end = body + stored;
        return 0;
    }
    if (n == 0) {
        /* An empty page (e.g. a dictionary of zero entries): nothing to decompress. */
        *out = *out_end = body;
        return 0;
    }
    if ((size_t)n + 8 > c->page_cap) {
        em_free(c->page_buf);
        c->page_cap = (size_t)n + 8;
        c->page_buf = em_malloc(c->page_cap);
    }
    if (pq_decompress(c->codec, body, (size_t)stored, c->page_buf, (size_t)n))
        return EM_EIO;
    *out = c->page_buf;
    *out_end = c->page_buf + n;
    return 0;
}

/* v1 levels section: RLE with a 4-byte length, or the deprecated BIT_PACKED. */
static int pq_v1_levels(pq_col *c, bool is_def, int enc, int bits, int64_t num, const uint8_t **pp,
                        const uint8_t *end)
{
    const uint8_t *p = *pp;
    if (enc == PQ_ENC_RLE) {
        if (end - p < 4)
            return pq_fail("levels: truncated length");
        uint32_t len;
        memcpy(&len, p, 4);
        p += 4;
        if (len > (uint64_t)(end - p))
            return pq_fail("levels: length %u exceeds the page", len);
        pq_rle_init(is_def ? &c->def_rle : &c->rep_rle, p, p + len, bits);
        p += len;
    } else if (enc == PQ_ENC_BIT_PACKED) {
        int64_t bytes = (num * bits + 7) / 8;
        if (bytes > end - p)
            return pq_fail("bit-packed levels exceed the page");
        if (is_def) {
            c->def_bp = p;
            c->def_bp_end = p + bytes;
            c->def_bp_pos = 0;
        } else {
            c->rep_bp = p;
            c->rep_bp_end = p + bytes;
            c->rep_bp_pos = 0;
        }
        p += bytes;
    } else {
        return pq_fail("levels encoding %d is not supported", enc);
    }
    if (is_def)
        c->def_enc = enc;
    else
        c->rep_enc = enc;
    *pp = p;
    return 0;
}

static int pq_load_v1(pq_col *c, const pq_page_header *h, const uint8_t *body)
{
    const uint8_t *p, *end;
    if (pq_page_bytes(c, body, h->compressed_size, h->uncompressed_size, true, &p, &end))
        return EM_EIO;
    const pq_leaf *lf = c->leaf;
    int64_t num = h->num_values;
    if (lf->info.max_rep > 0 && pq_v1_levels(c, false, h->rep_encoding, lf->rep_bits, num, &p, end))
        return EM_EIO;
    if (lf->info.max_def > 0 && pq_v1_levels(c, true, h->def_encoding, lf->def_bits, num, &p, end))
        return EM_EIO;
    return pq_col_values_init(c, h->encoding, p, end, num);
}

static int pq_load_v2(pq_col *c, const pq_page_header *h, const uint8_t *body)
{
    int32_t lvl = 0;
    if (h->rep_len < 0 || h->def_len < 0 || __builtin_add_overflow(h->rep_len, h->def_len, &lvl) ||
        lvl > h->compressed_size || lvl > h->uncompressed_size)
        return pq_fail("data page v2: level lengths exceed the page");
    const pq_leaf *lf = c->leaf;
    if (lf->info.max_rep > 0) {
        pq_rle_init(&c->rep_rle, body, body + h->rep_len, lf->rep_bits);
        c->rep_enc = PQ_ENC_RLE;
    }
    if (lf->info.max_def > 0) {
        pq_rle_init(&c->def_rle, body + h->rep_len, body + lvl, lf->def_bits);
        c->def_enc = PQ_ENC_RLE;
    }
    const uint8_t *p, *end;
    if (pq_page_bytes(c, body + lvl, h->compressed_size - lvl, h->uncompressed_size - lvl,
                      h->is_compressed, &p, &end))
        return EM_EIO;
    return pq_col_values_init(c, h->encoding, p, end, h->num_values);
}

int pq_col_next_page(pq_col *c)
{
    const pq_options *opt = &c->f->opt;
    while (c->p < c->end) {
        pq_page_header h;
        size_t hl;
        if (pq_page_header_decode(c->p, (size_t)(c->end - c->p), &h, &hl))
            return EM_EIO;
        const uint8_t *body = c->p + hl;
        if (h.compressed_size > c->end - body)
            return pq_fail("column %s: page of %d bytes runs past the column chunk",
                           c->leaf->info.path, h.compressed_size);
        if (h.compressed_size > opt->max_page_bytes || h.uncompressed_size > opt->max_page_bytes)
            return pq_fail("column %s: page of %d bytes exceeds the limit", c->leaf->info.path,
                           h.uncompressed_size);
        c->p = body + h.compressed_size;
        if (opt->verify_crc && h.has_crc) {
            uint32_t crc = (uint32_t)crc32(0L, body, (uInt)h.compressed_size);
            if (crc != h.crc)
                return pq_fail("column %s: page CRC mismatch (page %lld)", c->leaf->info.path,
                               (long long)c->pages_read);
        }
        c->pages_read++;
        switch (h.type) {
        case PQ_PAGE_DICTIONARY: {
            if (!h.has_dict)
                return pq_fail("dictionary page without its header");
            if (h.dict_encoding != PQ_ENC_PLAIN && h.dict_encoding != PQ_ENC_PLAIN_DICTIONARY)
                return pq_fail("dictionary page encoding %d is not supported", h.dict_encoding);
            const uint8_t *p, *end;
            if (pq_page_bytes(c, body, h.compressed_size, h.uncompressed_size, true, &p, &end) ||
                pq_col_dictionary(c, p, end, h.dict_num_values))
                return EM_EIO;
            continue;
        }
        case PQ_PAGE_DATA:
            if (!h.has_data)
                return pq_fail("data page without its header");
            if (h.num_values < 0)
                return pq_fail("data page: negative value count");
            if (h.num_values == 0)
                continue;
            if (pq_load_v1(c, &h, body))
                return EM_EIO;
            c->page_v2 = false;
            break;
        case PQ_PAGE_DATA_V2:
            if (!h.has_v2)
                return pq_fail("data page v2 without its header");
            if (h.num_values < 0)
                return pq_fail("data page v2: negative value count");
            if (h.num_values == 0)
                continue;
            if (pq_load_v2(c, &h, body))
                return EM_EIO;
            c->page_v2 = true;
            break;
        default:
            continue; /* index pages and unknown kinds carry no values */
        }
        c->page_left = h.num_values;
        return 0;
    }
    return 1;
}

/* ---- levels
 * -------------------------------------------------------------------------------------- */

/* Deprecated BIT_PACKED levels: MSB-first bit stream. */
static int pq_bp_levels(const uint8_t *p, const uint8_t *end, int64_t *pos, int bits, int16_t *out,
                        int64_t n)
{
    int64_t bit = *pos * bits;
    if ((*pos + n) * bits > (end - p) * 8)
        return pq_fail("bit-packed levels: data ends early");
    for (int64_t i = 0; i < n; i++) {
        int v = 0;
        for (int b = 0; b < bits; b++, bit++)
            v = (v << 1) | ((p[bit >> 3] >> (7 - (bit & 7))) & 1);
        out[i] = (int16_t)v;
    }
    *pos += n;
    return 0;
}

static int pq_levels_decode(pq_col *c, bool is_def, int16_t *out, int64_t n)
{
    const pq_leaf *lf = c->leaf;
    int max = is_def ? lf->info.max_def : lf->info.max_rep;
    int enc = is_def ? c->def_enc : c->rep_enc;
    if (enc == PQ_ENC_BIT_PACKED) {
        int bits = is_def ? lf->def_bits : lf->rep_bits;
        if (is_def ? pq_bp_levels(c->def_bp, c->def_bp_end, &c->def_bp_pos, bits, out, n)
                   : pq_bp_levels(c->rep_bp, c->rep_bp_end, &c->rep_bp_pos, bits, out, n))
            return EM_EIO;
        for (int64_t i = 0; i < n; i++)
            if (out[i] > max)
                return pq_fail("level %d above the maximum %d", out[i], max);
        return 0;
    }
    pq_rle *r = is_def ? &c->def_rle : &c->rep_rle;
    int64_t done = 0;
    while (done < n) {
        int64_t k = n - done < PQ_CHUNK ? n - done : PQ_CHUNK;
        if (pq_rle_get(r, c->idx, k) != k)
            return pq_fail("column %s: %s levels end early", lf->info.path,
                           is_def ? "definition" : "repetition");
        uint32_t bad = 0;
        for (int64_t i = 0; i < k; i++) {
            bad |= c->idx[i] > (uint32_t)max;
            out[done + i] = (int16_t)c->idx[i];
        }
        if (bad)
            return pq_fail("column %s: %s level above the maximum %d", lf->info.path,
                           is_def ? "definition" : "repetition", max);
        done += k;
    }
    return 0;
}

static int pq_levels_reserve(const pq_col *c, pq_levels *lv, int64_t need)
{
    if (need <= lv->cap)
        return 0;
    int64_t max = c->f->opt.max_batch_values;
    if (need > max)
        return pq_fail("column %s: more than %lld values in one batch", c->leaf->info.path,
                       (long long)max);
    int64_t ncap = lv->cap ? lv->cap : PQ_CHUNK;
    while (ncap < need)
        ncap *= 2;
    if (ncap > max)
        ncap = max;
    if (c->leaf->info.max_def > 0)
        lv->def = em_realloc(lv->def, (size_t)ncap * sizeof *lv->def);
    if (c->leaf->info.max_rep > 0)
        lv->rep = em_realloc(lv->rep, (size_t)ncap * sizeof *lv->rep);
    lv->cap = ncap;
    return 0;
}

static int64_t pq_count_valid(const int16_t *def, int64_t n, int16_t max)
{
    int64_t valid = 0;
    for (int64_t i = 0; i < n; i++)
        valid += def[i] == max;
    return valid;
}

/* ---- batches ----------------------------------------------------------------------------------
 */

static int pq_read_flat(pq_col *c, int64_t n_rows, pq_levels *lv, vec *v, int64_t *nv)
{
    const pq_leaf *lf = c->leaf;
    bool has_def = lf->info.max_def > 0;
    int64_t need = n_rows;
    if (pq_levels_reserve(c, lv, n_rows))
        return EM_EIO;
    while (need > 0) {
        if (c->page_left == 0) {
            int rc = pq_col_next_page(c);
            if (rc == 1)
                return pq_fail("column %s: chunk holds fewer rows than its row group",
                               lf->info.path);
            if (rc)
                return rc;
            continue;
        }
        int64_t k = need < c->page_left ? need : c->page_left;
        int64_t valid = k;
        if (has_def) {
            if (pq_levels_decode(c, true, lv->def + lv->n, k))
                return EM_EIO;
            valid = pq_count_valid(lv->def + lv->n, k, (int16_t)lf->info.max_def);
        }
        if (pq_col_values(c, v, *nv, valid))
            return EM_EIO;
        *nv += valid;
        lv->n += k;
        need -= k;
        c->page_left -= k;
    }
    return 0;
}

static int pq_read_nested(pq_col *c, int64_t n_rows, pq_levels *lv, vec *v, int64_t *nv)
{
    const pq_leaf *lf = c->leaf;
    int64_t rows = 0;
    for (;;) {
        int64_t start = lv->n, k;
        bool from_carry = c->carry_pos < c->carry_n;
        if (from_carry) {
            k = c->carry_n - c->carry_pos;
            if (pq_levels_reserve(c, lv, start + k))
                return EM_EIO;
            memcpy(lv->def + start, c->carry_def + c->carry_pos, (size_t)k * sizeof(int16_t));
            memcpy(lv->rep + start, c->carry_rep + c->carry_pos, (size_t)k * sizeof(int16_t));
        } else {
            if (c->page_left == 0) {
                int rc = pq_col_next_page(c);
                if (rc == 1)
                    break;
                if (rc)
                    return rc;
                continue;
            }
            k = c->page_left < PQ_CHUNK ? c->page_left : PQ_CHUNK;
            if (pq_levels_reserve(c, lv, start + k) ||
                pq_levels_decode(c, false, lv->rep + start, k) ||
                pq_levels_decode(c, true, lv->def + start, k))
                return EM_EIO;
            c->page_left -= k;
        }
        const int16_t *rep = lv->rep;
        if (!c->started) {
            if (rep[start] != 0)
                return pq_fail("column %s: the first value does not start a row", lf->info.path);
            c->started = true;
        }
        int64_t cut = -1;
        for (int64_t i = start; i < start + k; i++) {
            if (rep[i] == 0) {
                if (rows == n_rows) {
                    cut = i;
                    break;
                }
                rows++;
            }
        }
        int64_t take = (cut >= 0 ? cut : start + k) - start;
        if (from_carry) {
            c->carry_pos += (int)take;
            if (c->carry_pos >= c->carry_n)
                c->carry_pos = c->carry_n = 0;
        } else if (cut >= 0) {
            int64_t tail = start + k - cut;
            memcpy(c->carry_def, lv->def + cut, (size_t)tail * sizeof(int16_t));
            memcpy(c->carry_rep, lv->rep + cut, (size_t)tail * sizeof(int16_t));
            c->carry_pos = 0;
            c->carry_n = (int)tail;
        }
        int64_t valid = pq_count_valid(lv->def + start, take, (int16_t)lf->info.max_def);
        if (pq_col_values(c, v, *nv, valid))
            return EM_EIO;
        *nv += valid;
        lv->n = start + take;
        if (cut >= 0)
            break;
    }
    if (rows < n_rows)
        return pq_fail("column %s: chunk holds fewer rows than its row group", lf->info.path);
    return 0;
}

int pq_col_read(pq_col *c, int64_t n_rows, pq_levels *lv, vec **out)
{
    const pq_leaf *lf = c->leaf;
    bool nested = lf->info.max_rep > 0;
    lv->n = 0;
    vec *v = vec_new(lf->info.type, nested ? 16 : n_rows);
    int64_t nv = 0;
    int rc = nested ? pq_read_nested(c, n_rows, lv, v, &nv) : pq_read_flat(c, n_rows, lv, v, &nv);
    if (rc == 0)
        rc = pq_spread(lf, lv, v, nv);
    if (rc) {
        vec_release(v);
        return rc;
    }
    *out = v;
    return 0;
}
