/*
 * pq_write: the Parquet writer's data path — the Spark schema as a Parquet tree (leaves with
 * their definition / repetition levels), shredding rows of vectors into levels and values,
 * dictionary and PLAIN values, data pages, row groups, and the file's framing (magic, footer).
 *
 * Shredding (Dremel): a present value of an OPTIONAL node adds one definition level; LIST and MAP
 * add one more for their repeated group, and their entries after the first repeat at the group's
 * repetition level. A NULL or empty value writes one level entry (no value) to every leaf below.
 * Pages end at row boundaries only (page size / row count checked after each row), so no record
 * spans pages; row groups end at ~128 MiB of buffered data or 1M rows (parquet.block.size).
 * Dictionary encoding (not for booleans) keeps a per-chunk hash of values; once the dictionary
 * passes dict_bytes the page is flushed and the rest of the chunk is PLAIN, as parquet-mr's
 * fallback does.
 */
#include <math.h>
#include <string.h>
#include <strings.h>

#include "common/em_mem.h"
#include "io/parquet/pq_write_int.h"

void pqw_options_init(pqw_options *o)
{
    memset(o, 0, sizeof *o);
    o->codec = PQ_CODEC_SNAPPY;
    o->row_group_bytes = 128LL << 20;
    o->row_group_rows = 1LL << 20;
    o->page_bytes = 1LL << 20;
    o->page_rows = 20000;
    o->dict_bytes = 1LL << 20;
    o->dictionary = true;
    o->created_by = "ember version 0.2.0 (build ember)";
}

bool pqw_codec_lookup(const char *name, int *codec, const char **ext, bool *supported)
{
    static const struct {
        const char *name;
        int codec;
        const char *ext;
        bool ok;
    } tab[] = {
        {"none", PQ_CODEC_UNCOMPRESSED, "", true},
        {"uncompressed", PQ_CODEC_UNCOMPRESSED, "", true},
        {"snappy", PQ_CODEC_SNAPPY, ".snappy", true},
        {"gzip", PQ_CODEC_GZIP, ".gz", true},
        {"lzo", PQ_CODEC_LZO, ".lzo", false},
        {"brotli", PQ_CODEC_BROTLI, ".br", false},
        {"lz4", PQ_CODEC_LZ4, ".lz4", true},
        {"lz4_raw", PQ_CODEC_LZ4_RAW, ".lz4raw", true},
        {"zstd", PQ_CODEC_ZSTD, ".zstd", true},
    };
    for (size_t i = 0; i < sizeof tab / sizeof tab[0]; i++)
        if (strcasecmp(name, tab[i].name) == 0) {
            *codec = tab[i].codec;
            *ext = tab[i].ext;
            *supported = tab[i].ok;
            return true;
        }
    return false;
}

bool pqw_supports(const ty *t)
{
    switch (t->kind) {
    case TY_CALENDAR_INTERVAL:
    case TY_VARIANT:
        return false;
    case TY_ARRAY:
        return pqw_supports(t->elem);
    case TY_MAP:
        return pqw_supports(t->key) && pqw_supports(t->value);
    case TY_STRUCT:
        for (int i = 0; i < t->n_fields; i++)
            if (!pqw_supports(t->fields[i].type))
                return false;
        return true;
    default:
        return true;
    }
}

/* Decimal.minBytesForPrecision. */
static int pqw_min_bytes(int precision)
{
    return (int)ceil((log(pow(10.0, precision) - 1) / log(2.0) + 1) / 8);
}

/* ---- the schema tree ------------------------------------------------------------------------- */

typedef struct pqw_build {
    pqw_writer *w;
    const char *path[PQ_MAX_DEPTH];
    int depth;
} pqw_build;

static void pqw_leaf_setup(pqw_leaf *l, const ty *t)
{
    l->type = t;
    switch (t->kind) {
    case TY_BOOLEAN:
        l->phys = PQ_BOOLEAN, l->order = PQW_ORD_BOOL;
        break;
    case TY_BYTE:
    case TY_SHORT:
    case TY_INT:
    case TY_DATE:
    case TY_YEARMONTH_INTERVAL:
        l->phys = PQ_INT32, l->order = PQW_ORD_I32;
        break;
    case TY_LONG:
    case TY_TIMESTAMP:
    case TY_TIMESTAMP_NTZ:
    case TY_DAYTIME_INTERVAL:
        l->phys = PQ_INT64, l->order = PQW_ORD_I64;
        break;
    case TY_FLOAT:
        l->phys = PQ_FLOAT, l->order = PQW_ORD_F32;
        break;
    case TY_DOUBLE:
        l->phys = PQ_DOUBLE, l->order = PQW_ORD_F64;
        break;
    case TY_DECIMAL:
        if (t->precision <= 9) {
            l->phys = PQ_INT32, l->order = PQW_ORD_I32;
        } else if (t->precision <= 18) {
            l->phys = PQ_INT64, l->order = PQW_ORD_I64;
        } else {
            l->phys = PQ_FIXED_LEN_BYTE_ARRAY, l->order = PQW_ORD_BE_SIGNED;
            l->type_len = pqw_min_bytes(t->precision);
        }
        break;
    case TY_NULL:
        l->phys = PQ_INT32, l->order = PQW_ORD_NONE;
        break;
    default: /* strings, binary */
        l->phys = PQ_BYTE_ARRAY, l->order = PQW_ORD_BYTES;
        break;
    }
    l->dict_allowed = l->phys != PQ_BOOLEAN && t->kind != TY_NULL;
}

static pqw_node *pqw_build_node(pqw_build *b, const ty *t, const char *name, bool optional,
                                int16_t def_parent, int16_t rep)
{
    pqw_writer *w = b->w;
    pqw_node *n = em_calloc(1, sizeof *n);
    n->type = t;
    n->name = name;
    n->optional = optional;
    n->def = (int16_t)(def_parent + (optional ? 1 : 0));
    n->rep = rep;
    n->first_leaf = w->n_leaves;
    if (b->depth >= PQ_MAX_DEPTH - 2) {
        /* Deeper than any reader accepts: write it as a (null) leaf. */
        t = ty_null();
        n->type = t;
    }
    b->path[b->depth++] = name;
    switch (t->kind) {
    case TY_STRUCT:
        n->kind = PQW_STRUCT;
        n->n_children = t->n_fields;
        n->children = em_calloc((size_t)t->n_fields + 1, sizeof *n->children);
        for (int i = 0; i < t->n_fields; i++)
            n->children[i] = pqw_build_node(b, t->fields[i].type, t->fields[i].name,
                                            t->fields[i].nullable, n->def, rep);
        break;
    case TY_ARRAY:
        n->kind = PQW_LIST;
        n->n_children = 1;
        n->children = em_calloc(1, sizeof *n->children);
        b->path[b->depth++] = "list";
        n->children[0] = pqw_build_node(b, t->elem, "element", t->contains_null,
                                        (int16_t)(n->def + 1), (int16_t)(rep + 1));
        b->depth--;
        break;
    case TY_MAP:
        n->kind = PQW_MAP;
        n->n_children = 2;
        n->children = em_calloc(2, sizeof *n->children);
        b->path[b->depth++] = "key_value";
        n->children[0] =
            pqw_build_node(b, t->key, "key", false, (int16_t)(n->def + 1), (int16_t)(rep + 1));
        n->children[1] = pqw_build_node(b, t->value, "value", t->value_contains_null,
                                        (int16_t)(n->def + 1), (int16_t)(rep + 1));
        b->depth--;
        break;
    default: {
        n->kind = PQW_LEAF;
        n->leaf = w->n_leaves++;
        w->leaves = em_realloc(w->leaves, (size_t)w->n_leaves * sizeof *w->leaves);
        pqw_leaf *l = &w->leaves[n->leaf];
        memset(l, 0, sizeof *l);
        pqw_leaf_setup(l, t);
        l->max_def = n->def;
        l->max_rep = rep;
        l->n_path = b->depth;
        l->path = em_calloc((size_t)b->depth, sizeof *l->path);
        for (int i = 0; i < b->depth; i++)
            l->path[i] = b->path[i];
        l->dict_on = w->o.dictionary && l->dict_allowed;
        em_str_init(&l->plain, 0);
        em_str_init(&l->dict_raw, 0);
        em_str_init(&l->chunk, 0);
        em_str_init(&l->page_stats.min, 0);
        em_str_init(&l->page_stats.max, 0);
        em_str_init(&l->chunk_stats.min, 0);
        em_str_init(&l->chunk_stats.max, 0);
        break;
    }
    }
    b->depth--;
    n->n_leaves = w->n_leaves - n->first_leaf;
    return n;
}

static void pqw_node_free(pqw_node *n)
{
    if (!n)
        return;
    for (int i = 0; i < n->n_children; i++)
        pqw_node_free(n->children[i]);
    em_free(n->children);
    em_free(n);
}

/* ---- values ---------------------------------------------------------------------------------- */

static int pqw_sink(pqw_writer *w, const void *p, size_t n, em_error *err)
{
    if (n == 0)
        return EM_OK;
    int rc = w->sink(w->ctx, p, n, err);
    if (rc == EM_OK)
        w->offset += (int64_t)n;
    return rc;
}

static void pqw_push_level(pqw_leaf *l, int16_t def, int16_t rep)
{
    if (l->n_lv == l->cap_lv) {
        l->cap_lv = l->cap_lv ? l->cap_lv * 2 : 1024;
        l->def = em_realloc(l->def, (size_t)l->cap_lv * sizeof *l->def);
        l->rep = em_realloc(l->rep, (size_t)l->cap_lv * sizeof *l->rep);
    }
    l->def[l->n_lv] = def;
    l->rep[l->n_lv] = rep;
    l->n_lv++;
}

/* One NULL (or empty) entry at def for every leaf below n. */
static void pqw_push_null(pqw_writer *w, const pqw_node *n, int16_t def, int16_t rep)
{
    for (int i = n->first_leaf; i < n->first_leaf + n->n_leaves; i++) {
        pqw_push_level(&w->leaves[i], def, rep);
        w->leaves[i].page_stats.nulls++;
    }
}

/* The PLAIN bytes of value row of v (BYTE_ARRAY without its length prefix) into out. */
static void pqw_value_bytes(const pqw_leaf *l, const vec *v, int64_t row, em_str *out)
{
    em_str_reset(out);
    const ty *t = l->type;
    switch (t->kind) {
    case TY_BOOLEAN: {
        char c = VEC_VALUES(v, uint8_t)[row] ? 1 : 0;
        em_str_putc(out, c);
        return;
    }
    case TY_BYTE: {
        int32_t x = VEC_VALUES(v, int8_t)[row];
        em_str_append(out, (const char *)&x, 4);
        return;
    }
    case TY_SHORT: {
        int32_t x = VEC_VALUES(v, int16_t)[row];
        em_str_append(out, (const char *)&x, 4);
        return;
    }
    case TY_INT:
    case TY_DATE:
    case TY_YEARMONTH_INTERVAL:
    case TY_FLOAT:
        em_str_append(out, (const char *)v->values + row * 4, 4);
        return;
    case TY_LONG:
    case TY_TIMESTAMP:
    case TY_TIMESTAMP_NTZ:
    case TY_DAYTIME_INTERVAL:
    case TY_DOUBLE:
        em_str_append(out, (const char *)v->values + row * 8, 8);
        return;
    case TY_DECIMAL: {
        __int128 x = VEC_VALUES(v, __int128)[row];
        if (l->phys == PQ_INT32) {
            int32_t y = (int32_t)x;
            em_str_append(out, (const char *)&y, 4);
        } else if (l->phys == PQ_INT64) {
            int64_t y = (int64_t)x;
            em_str_append(out, (const char *)&y, 8);
        } else {
            for (int i = l->type_len - 1; i >= 0; i--)
                em_str_putc(out, (char)(uint8_t)(x >> (8 * (i < 16 ? i : 15))));
        }
        return;
    }
    default: {
        int32_t len;
        const char *p = vec_str(v, row, &len);
        em_str_append(out, p, (size_t)len);
        return;
    }
    }
}

static uint64_t pqw_hash(const char *p, size_t n)
{
    uint64_t h = 0x9e3779b97f4a7c15ull ^ n;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t x;
        memcpy(&x, p + i, 8);
        h = (h ^ x) * 0xff51afd7ed558ccdull;
        h ^= h >> 32;
    }
    for (; i < n; i++)
        h = (h ^ (unsigned char)p[i]) * 0x100000001b3ull;
    h ^= h >> 29;
    return h * 0xc4ceb9fe1a85ec53ull;
}

/* The dictionary index of the value (added when new). */
static uint32_t pqw_dict_index(pqw_leaf *l, const char *p, size_t n)
{
    if ((l->n_ent + 1) * 2 > l->ht_cap) {
        int64_t cap = l->ht_cap ? l->ht_cap * 2 : 1024;
        em_free(l->ht);
        l->ht = em_calloc((size_t)cap, sizeof *l->ht);
        l->ht_cap = cap;
        for (int64_t e = 0; e < l->n_ent; e++) {
            uint64_t h = pqw_hash(l->dict_raw.data + l->ent_off[e], (size_t)l->ent_len[e]);
            int64_t at = (int64_t)(h & (uint64_t)(cap - 1));
            while (l->ht[at])
                at = (at + 1) & (cap - 1);
            l->ht[at] = (uint32_t)(e + 1);
        }
    }
    uint64_t h = pqw_hash(p, n);
    int64_t mask = l->ht_cap - 1;
    int64_t at = (int64_t)(h & (uint64_t)mask);
    while (l->ht[at]) {
        int64_t e = l->ht[at] - 1;
        if ((size_t)l->ent_len[e] == n && memcmp(l->dict_raw.data + l->ent_off[e], p, n) == 0)
            return (uint32_t)e;
        at = (at + 1) & mask;
    }
    if (l->n_ent == l->cap_ent) {
        l->cap_ent = l->cap_ent ? l->cap_ent * 2 : 256;
        l->ent_off = em_realloc(l->ent_off, (size_t)l->cap_ent * sizeof *l->ent_off);
        l->ent_len = em_realloc(l->ent_len, (size_t)l->cap_ent * sizeof *l->ent_len);
    }
    l->ent_off[l->n_ent] = (int64_t)l->dict_raw.len;
    l->ent_len[l->n_ent] = (int32_t)n;
    em_str_append(&l->dict_raw, p, n);
    l->ht[at] = (uint32_t)(l->n_ent + 1);
    return (uint32_t)l->n_ent++;
}

static void pqw_push_value(pqw_writer *w, pqw_leaf *l, const vec *v, int64_t row, int16_t def,
                           int16_t rep)
{
    pqw_push_level(l, def, rep);
    pqw_value_bytes(l, v, row, &w->value);
    const char *p = w->value.data;
    size_t n = w->value.len;
    pqw_stats_add(&l->page_stats, l->order, p, n);
    if (l->dict_on) {
        uint32_t e = pqw_dict_index(l, p, n);
        if (l->n_idx == l->cap_idx) {
            l->cap_idx = l->cap_idx ? l->cap_idx * 2 : 1024;
            l->idx = em_realloc(l->idx, (size_t)l->cap_idx * sizeof *l->idx);
        }
        l->idx[l->n_idx++] = e;
        return;
    }
    if (l->phys == PQ_BYTE_ARRAY) {
        uint32_t len = (uint32_t)n;
        em_str_append(&l->plain, (const char *)&len, 4);
    }
    em_str_append(&l->plain, p, n);
}

static void pqw_shred(pqw_writer *w, const pqw_node *n, const vec *v, int64_t row,
                      int16_t def_parent, int16_t rep)
{
    if (n->optional && (v->type->kind == TY_NULL || vec_is_null(v, row))) {
        pqw_push_null(w, n, def_parent, rep);
        return;
    }
    switch (n->kind) {
    case PQW_LEAF:
        if (n->type->kind == TY_NULL)
            pqw_push_null(w, n, def_parent, rep);
        else
            pqw_push_value(w, &w->leaves[n->leaf], v, row, n->def, rep);
        return;
    case PQW_STRUCT:
        for (int i = 0; i < n->n_children; i++)
            pqw_shred(w, n->children[i], v->children[i], row, n->def, rep);
        return;
    case PQW_LIST:
    case PQW_MAP: {
        int32_t start = v->offsets[row], end = v->offsets[row + 1];
        if (start == end) {
            pqw_push_null(w, n, n->def, rep);
            return;
        }
        int16_t inner_rep = (int16_t)(n->rep + 1);
        for (int32_t k = start; k < end; k++) {
            int16_t r = k == start ? rep : inner_rep;
            for (int c = 0; c < n->n_children; c++)
                pqw_shred(w, n->children[c], v->children[c], k, (int16_t)(n->def + 1), r);
        }
        return;
    }
    }
}

/* ---- pages ----------------------------------------------------------------------------------- */

static int pqw_bw(int64_t max)
{
    int b = 0;
    while (max > 0) {
        b++;
        max >>= 1;
    }
    return b;
}

static void pqw_put_levels(em_str *body, const int16_t *lv, int64_t n, int16_t max)
{
    size_t at = body->len;
    em_str_repeat(body, 0, 4);
    pqw_rle_levels(lv, n, pqw_bw(max), body);
    uint32_t len = (uint32_t)(body->len - at - 4);
    if (!body->overflow)
        memcpy(body->data + at, &len, 4);
}

static int pqw_page_flush(pqw_writer *w, pqw_leaf *l, em_error *err)
{
    if (l->n_lv == 0)
        return EM_OK;
    em_str *body = &w->scratch;
    em_str_reset(body);
    if (l->max_rep > 0)
        pqw_put_levels(body, l->rep, l->n_lv, l->max_rep);
    if (l->max_def > 0)
        pqw_put_levels(body, l->def, l->n_lv, l->max_def);
    bool dict = l->dict_on && l->n_idx > 0;
    if (dict) {
        int bw = pqw_bw(l->n_ent - 1);
        if (bw < 1)
            bw = 1;
        em_str_putc(body, (char)bw);
        pqw_rle_encode(l->idx, l->n_idx, bw, body);
        l->dict_used = true;
    } else if (l->phys == PQ_BOOLEAN) {
        uint8_t acc = 0;
        int bits = 0;
        for (size_t i = 0; i < l->plain.len; i++) {
            acc |= (uint8_t)((l->plain.data[i] & 1) << bits);
            if (++bits == 8) {
                em_str_putc(body, (char)acc);
                acc = 0;
                bits = 0;
            }
        }
        if (bits)
            em_str_putc(body, (char)acc);
        l->plain_used = true;
    } else {
        em_str_append(body, l->plain.data, l->plain.len);
        l->plain_used = true;
    }
    if (body->overflow)
        return em_error_internal(err, "parquet page too large");
    if (pqw_compress(w->o.codec, body->data, body->len, &w->comp, err))
        return err ? err->code : EM_EINTERNAL;
    em_str header;
    em_str_init(&header, 0);
    pqw_tw t;
    pqw_tw_init(&t, &header);
    pqw_tw_i32(&t, 1, PQ_PAGE_DATA);
    pqw_tw_i32(&t, 2, (int32_t)body->len);
    pqw_tw_i32(&t, 3, (int32_t)w->comp.len);
    pqw_tw_struct(&t, 5);
    pqw_tw_i32(&t, 1, (int32_t)l->n_lv);
    pqw_tw_i32(&t, 2, dict ? PQ_ENC_RLE_DICTIONARY : PQ_ENC_PLAIN);
    pqw_tw_i32(&t, 3, PQ_ENC_RLE);
    pqw_tw_i32(&t, 4, PQ_ENC_RLE);
    if (l->order != PQW_ORD_NONE)
        pqw_stats_write(&t, 5, &l->page_stats, l->order);
    pqw_tw_end(&t);
    em_str_putc(&header, 0);
    em_str_append(&l->chunk, header.data, header.len);
    em_str_append(&l->chunk, w->comp.data, w->comp.len);
    l->chunk_uncompressed += (int64_t)(header.len + body->len);
    em_str_release(&header);
    if (l->chunk.overflow)
        return em_error_internal(err, "parquet column chunk too large");
    l->num_values += l->n_lv;
    l->n_pages++;
    pqw_stats_merge(&l->chunk_stats, &l->page_stats, l->order);
    pqw_stats_reset(&l->page_stats);
    l->n_lv = 0;
    l->n_idx = 0;
    l->page_rows = 0;
    em_str_reset(&l->plain);
    return EM_OK;
}

/* After a row: flush full pages; leave dictionary encoding when the dictionary is too big. */
static int pqw_row_done(pqw_writer *w, const pqw_node *col, em_error *err)
{
    for (int i = col->first_leaf; i < col->first_leaf + col->n_leaves; i++) {
        pqw_leaf *l = &w->leaves[i];
        l->page_rows++;
        bool dict_full = l->dict_on && (int64_t)l->dict_raw.len > w->o.dict_bytes;
        if ((int64_t)l->plain.len + l->n_idx * 4 >= w->o.page_bytes ||
            l->page_rows >= w->o.page_rows || dict_full) {
            if (pqw_page_flush(w, l, err))
                return err ? err->code : EM_EINTERNAL;
        }
        if (dict_full)
            l->dict_on = false;
    }
    return EM_OK;
}

/* ---- row groups ------------------------------------------------------------------------------ */

static int64_t pqw_buffered(const pqw_writer *w)
{
    int64_t n = 0;
    for (int i = 0; i < w->n_leaves; i++) {
        const pqw_leaf *l = &w->leaves[i];
        n += (int64_t)(l->chunk.len + l->plain.len + l->dict_raw.len) + l->n_idx * 4 + l->n_lv;
    }
    return n;
}

static void pqw_leaf_reset_chunk(pqw_writer *w, pqw_leaf *l)
{
    em_str_reset(&l->chunk);
    em_str_reset(&l->dict_raw);
    l->n_ent = 0;
    if (l->ht)
        memset(l->ht, 0, (size_t)l->ht_cap * sizeof *l->ht);
    l->dict_on = w->o.dictionary && l->dict_allowed;
    l->dict_used = l->plain_used = l->has_dict_page = false;
    l->num_values = l->chunk_uncompressed = l->n_pages = 0;
    pqw_stats_reset(&l->chunk_stats);
}

static int pqw_dict_page(pqw_writer *w, pqw_leaf *l, int64_t *unc, int64_t *comp, em_error *err)
{
    em_str *body = &w->scratch;
    em_str_reset(body);
    for (int64_t e = 0; e < l->n_ent; e++) {
        if (l->phys == PQ_BYTE_ARRAY) {
            uint32_t len = (uint32_t)l->ent_len[e];
            em_str_append(body, (const char *)&len, 4);
        }
        em_str_append(body, l->dict_raw.data + l->ent_off[e], (size_t)l->ent_len[e]);
    }
    if (body->overflow)
        return em_error_internal(err, "parquet dictionary too large");
    if (pqw_compress(w->o.codec, body->data, body->len, &w->comp, err))
        return err ? err->code : EM_EINTERNAL;
    em_str header;
    em_str_init(&header, 0);
    pqw_tw t;
    pqw_tw_init(&t, &header);
    pqw_tw_i32(&t, 1, PQ_PAGE_DICTIONARY);
    pqw_tw_i32(&t, 2, (int32_t)body->len);
    pqw_tw_i32(&t, 3, (int32_t)w->comp.len);
    pqw_tw_struct(&t, 7);
    pqw_tw_i32(&t, 1, (int32_t)l->n_ent);
    pqw_tw_i32(&t, 2, PQ_ENC_PLAIN);
    pqw_tw_end(&t);
    em_str_putc(&header, 0);
    l->dict_offset = w->offset;
    int rc = pqw_sink(w, header.data, header.len, err);
    if (rc == EM_OK)
        rc = pqw_sink(w, w->comp.data, w->comp.len, err);
    *unc = (int64_t)(header.len + body->len);
    *comp = (int64_t)(header.len + w->comp.len);
    em_str_release(&header);
    return rc;
}

static int pqw_rg_flush(pqw_writer *w, em_error *err)
{
    if (w->rg_rows == 0)
        return EM_OK;
    for (int i = 0; i < w->n_leaves; i++)
        if (pqw_page_flush(w, &w->leaves[i], err))
            return err ? err->code : EM_EINTERNAL;
    if (w->n_rg == w->cap_rg) {
        w->cap_rg = w->cap_rg ? w->cap_rg * 2 : 4;
        w->rgs = em_realloc(w->rgs, (size_t)w->cap_rg * sizeof *w->rgs);
    }
    pqw_rg_meta *rg = &w->rgs[w->n_rg++];
    memset(rg, 0, sizeof *rg);
    em_str_init(&rg->columns, 0);
    rg->num_rows = w->rg_rows;
    rg->file_offset = w->offset;
    for (int i = 0; i < w->n_leaves; i++) {
        pqw_leaf *l = &w->leaves[i];
        int64_t dunc = 0, dcomp = 0;
        l->has_dict_page = l->dict_used;
        if (l->dict_used && pqw_dict_page(w, l, &dunc, &dcomp, err))
            return err ? err->code : EM_EIO;
        l->data_offset = w->offset;
        if (pqw_sink(w, l->chunk.data, l->chunk.len, err))
            return err ? err->code : EM_EIO;
        l->total_uncompressed = l->chunk_uncompressed + dunc;
        l->total_compressed = (int64_t)l->chunk.len + dcomp;
        rg->total_bytes += l->total_uncompressed;
        rg->total_compressed += l->total_compressed;
        pqw_column_chunk(w, l, rg);
        pqw_leaf_reset_chunk(w, l);
    }
    w->total_rows += w->rg_rows;
    w->rg_rows = 0;
    return EM_OK;
}

/* ---- entry points ---------------------------------------------------------------------------- */

int pqw_open(const ty *schema, const pqw_options *o, pqw_sink_fn sink, void *ctx, pqw_writer **out,
             em_error *err)
{
    *out = NULL;
    if (!schema || schema->kind != TY_STRUCT)
        return em_error_internal(err, "pqw_open: schema is not a struct");
    pqw_writer *w = em_calloc(1, sizeof *w);
    w->o = *o;
    w->schema = schema;
    w->sink = sink;
    w->ctx = ctx;
    em_str_init(&w->scratch, 0);
    em_str_init(&w->comp, 0);
    em_str_init(&w->value, 0);
    pqw_build b = {.w = w};
    w->n_cols = schema->n_fields;
    w->cols = em_calloc((size_t)w->n_cols + 1, sizeof *w->cols);
    for (int i = 0; i < w->n_cols; i++)
        w->cols[i] = pqw_build_node(&b, schema->fields[i].type, schema->fields[i].name,
                                    schema->fields[i].nullable, 0, 0);
    if (pqw_sink(w, "PAR1", 4, err)) {
        pqw_free(w);
        return err ? err->code : EM_EIO;
    }
    *out = w;
    return EM_OK;
}

int pqw_write(pqw_writer *w, const vec_batch *b, em_error *err)
{
    if (b->n_cols != w->n_cols)
        return em_error_internal(err, "pqw_write: %d columns, schema has %d", b->n_cols, w->n_cols);
    for (int64_t r = 0; r < b->n_rows; r++) {
        for (int c = 0; c < w->n_cols; c++) {
            pqw_shred(w, w->cols[c], b->cols[c], r, 0, 0);
            if (pqw_row_done(w, w->cols[c], err))
                return err ? err->code : EM_EINTERNAL;
        }
        w->rg_rows++;
        bool full = w->rg_rows >= w->o.row_group_rows ||
                    ((w->rg_rows & 1023) == 0 && pqw_buffered(w) >= w->o.row_group_bytes);
        if (full && pqw_rg_flush(w, err))
            return err ? err->code : EM_EIO;
    }
    if (pqw_buffered(w) >= w->o.row_group_bytes && pqw_rg_flush(w, err))
        return err ? err->code : EM_EIO;
    return EM_OK;
}

int pqw_close(pqw_writer *w, em_error *err)
{
    int rc = pqw_rg_flush(w, err);
    if (rc == EM_OK) {
        em_str footer;
        em_str_init(&footer, 0);
        pqw_footer(w, &footer);
        uint32_t len = (uint32_t)footer.len;
        rc = footer.overflow ? em_error_internal(err, "parquet footer too large")
                             : pqw_sink(w, footer.data, footer.len, err);
        if (rc == EM_OK)
            rc = pqw_sink(w, &len, 4, err);
        if (rc == EM_OK)
            rc = pqw_sink(w, "PAR1", 4, err);
        em_str_release(&footer);
    }
    pqw_free(w);
    return rc;
}

void pqw_free(pqw_writer *w)
{
    if (!w)
        return;
    for (int i = 0; i < w->n_cols; i++)
        pqw_node_free(w->cols[i]);
    em_free(w->cols);
    for (int i = 0; i < w->n_leaves; i++) {
        pqw_leaf *l = &w->leaves[i];
        em_free(l->path);
        em_free(l->def);
        em_free(l->rep);
        em_free(l->idx);
        em_free(l->ent_off);
        em_free(l->ent_len);
        em_free(l->ht);
        em_str_release(&l->plain);
        em_str_release(&l->dict_raw);
        em_str_release(&l->chunk);
        pqw_stats_release(&l->page_stats);
        pqw_stats_release(&l->chunk_stats);
    }
    em_free(w->leaves);
    for (int g = 0; g < w->n_rg; g++)
        em_str_release(&w->rgs[g].columns);
    em_free(w->rgs);
    em_str_release(&w->scratch);
    em_str_release(&w->comp);
    em_str_release(&w->value);
    em_free(w);
}
