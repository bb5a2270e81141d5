/*
 * io_unit: unit tests of the Parquet reader: the Thrift decoder, bit unpacking, the RLE hybrid,
 * DELTA_BINARY_PACKED, FLOAT16; schema mapping (Spark 4's ParquetToSparkSchemaConverter rules,
 * strict and lenient); legacy list/map forms, bare repeated fields, BIT_PACKED levels and the
 * Hadoop LZ4 codec over hand-built files (io_pqw); statistics; projection, row-group selection
 * and type-arena lifetime over corpus files. Expected values cite their source: the Parquet
 * format spec, Spark's source, or the corpus' own metadata dumps (NAME.schema.txt).
 *
 * argv[1] is the corpus directory (../shared/conformance/parquet).
 */
#include "em_test.h"
#include "io_pqw.h"

#include "common/em_mem.h"
#include "io/parquet/pq_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *io_dir = "../shared/conformance/parquet";

static void io_path(char *buf, size_t size, const char *name)
{
    snprintf(buf, size, "%s/%s", io_dir, name);
}

static char *io_type_string(const ty *t)
{
    em_str s;
    em_str_init(&s, 0);
    ty_simple_string(t, &s);
    return em_str_move(&s);
}

/* ---- Thrift -----------------------------------------------------------------------------------
 */

EM_TEST(thrift_varint_limits)
{
    /* A varint continues while the high bit is set; more than 10 bytes is corrupt. */
    uint8_t long_varint[12];
    memset(long_varint, 0xff, sizeof long_varint);
    pq_tin t = {long_varint, long_varint + sizeof long_varint, 0};
    uint64_t v;
    CHECK(pq_t_varint(&t, &v) != 0);
    uint8_t max64[10] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01};
    t = (pq_tin){max64, max64 + 10, 0};
    CHECK_EQ_INT(pq_t_varint(&t, &v), 0);
    CHECK(v == UINT64_MAX);
    uint8_t truncated[2] = {0x80, 0x80};
    t = (pq_tin){truncated, truncated + 2, 0};
    CHECK(pq_t_varint(&t, &v) != 0);
    /* zigzag: 3 -> -2 */
    uint8_t zz[1] = {3};
    t = (pq_tin){zz, zz + 1, 0};
    int32_t i32;
    CHECK_EQ_INT(pq_t_i32(&t, &i32), 0);
    CHECK_EQ_INT(i32, -2);
}

EM_TEST(thrift_hostile_structures)
{
    /* A list claiming more elements than bytes left. */
    uint8_t list[3] = {0xf5, 0xff, 0x7f};
    pq_tin t = {list, list + 3, 0};
    int et;
    int32_t n;
    CHECK(pq_t_list(&t, &et, &n) != 0);
    /* Structs nested deeper than PQ_MAX_DEPTH: field 1 of type struct, repeated. */
    uint8_t deep[200];
    memset(deep, 0x1c, sizeof deep);
    t = (pq_tin){deep, deep + sizeof deep, 0};
    CHECK(pq_t_skip(&t, PQ_T_STRUCT) != 0);
    /* A binary longer than the buffer. */
    uint8_t bin[2] = {0x10, 'a'};
    t = (pq_tin){bin, bin + 2, 0};
    const uint8_t *p;
    int32_t len;
    CHECK(pq_t_binary(&t, &p, &len) != 0);
    /* Unknown fields of every type are skipped: i32 (id 20), binary, list<i32>, map, then STOP. */
    io_tw w;
    io_tw_init(&w);
    io_tw_i32(&w, 20, 7);
    io_tw_bin(&w, 21, "xyz", 3);
    io_tw_list_begin(&w, 22, 5, 2);
    io_tw_varint(&w, 2);
    io_tw_varint(&w, 4);
    io_tw_field(&w, 23, 11); /* map<i32,bool> with one entry */
    io_tw_varint(&w, 1);
    em_str_putc(&w.s, 0x51);
    io_tw_varint(&w, 6);
    em_str_putc(&w.s, 1);
    em_str_putc(&w.s, 0);
    t = (pq_tin){(const uint8_t *)w.s.data, (const uint8_t *)w.s.data + w.s.len, 0};
    CHECK_EQ_INT(pq_t_skip(&t, PQ_T_STRUCT), 0);
    CHECK(t.p == t.end);
    em_str_release(&w.s);
}

EM_TEST(thrift_page_header)
{
    /* PageHeader{type DATA_PAGE, sizes 10/10, crc, DataPageHeader{5, PLAIN, RLE, RLE}}. */
    io_tw w;
    io_tw_init(&w);
    io_tw_i32(&w, 1, 0);
    io_tw_i32(&w, 2, 10);
    io_tw_i32(&w, 3, 10);
    io_tw_i32(&w, 4, -5);
    io_tw_struct_begin(&w, 5);
    io_tw_i32(&w, 1, 5);
    io_tw_i32(&w, 2, 0);
    io_tw_i32(&w, 3, 3);
    io_tw_i32(&w, 4, 3);
    io_tw_struct_end(&w);
    em_str_putc(&w.s, 0);
    pq_page_header h;
    size_t hl;
    CHECK_EQ_INT(pq_page_header_decode((const uint8_t *)w.s.data, w.s.len, &h, &hl), 0);
    CHECK_EQ_INT(hl, w.s.len);
    CHECK_EQ_INT(h.num_values, 5);
    CHECK(h.has_crc && h.crc == (uint32_t)-5);
    CHECK_EQ_INT(h.def_encoding, 3);
    /* Without its required sizes the header is rejected. */
    CHECK(pq_page_header_decode((const uint8_t *)w.s.data, 4, &h, &hl) != 0);
    em_str_release(&w.s);
}

/* ---- bit-level decoders
 * -------------------------------------------------------------------------- */

static uint32_t io_rng = 12345;
static uint32_t io_rand(void)
{
    io_rng ^= io_rng << 13;
    io_rng ^= io_rng >> 17;
    io_rng ^= io_rng << 5;
    return io_rng;
}

EM_TEST(unpack_all_widths)
{
    /* Reference: value k of width w occupies bits [k*w, (k+1)*w), LSB first (format spec). */
    for (int bw = 0; bw <= 32; bw++) {
        for (int groups = 1; groups <= 9; groups += 4) {
            int n = groups * 8;
            size_t bytes = (size_t)groups * (size_t)bw;
            uint8_t *buf = em_malloc(bytes + 1);
            for (size_t i = 0; i < bytes; i++)
                buf[i] = (uint8_t)io_rand();
            uint32_t out[72];
            pq_unpack32(buf, buf + bytes, bw, out, groups);
            for (int k = 0; k < n; k++) {
                uint64_t want = 0;
                for (int b = 0; b < bw; b++) {
                    size_t bit = (size_t)k * (size_t)bw + (size_t)b;
                    want |= (uint64_t)((buf[bit / 8] >> (bit % 8)) & 1) << b;
                }
                if (out[k] != want) {
                    CHECK_EQ_INT(out[k], want);
                    break;
                }
            }
            em_free(buf);
        }
    }
    /* Widths above 32 (DELTA_BINARY_PACKED). */
    for (int bw = 33; bw <= 64; bw += 7) {
        size_t bytes = (size_t)bw;
        uint8_t buf[64];
        for (size_t i = 0; i < bytes; i++)
            buf[i] = (uint8_t)io_rand();
        uint64_t out[8];
        pq_unpack64(buf, buf + bytes, bw, out, 1);
        for (int k = 0; k < 8; k++) {
            uint64_t want = 0;
            for (int b = 0; b < bw; b++) {
                size_t bit = (size_t)k * (size_t)bw + (size_t)b;
                want |= (uint64_t)((buf[bit / 8] >> (bit % 8)) & 1) << b;
            }
            CHECK(out[k] == want);
        }
    }
}

EM_TEST(rle_hybrid_runs)
{
    /* RLE run of 5 x 3, a bit-packed run of 11 values (2 groups), RLE run of 2 x 1; width 3. */
    em_str s;
    em_str_init(&s, 0);
    int16_t five[5] = {3, 3, 3, 3, 3}, two[2] = {1, 1};
    io_enc_rle(&s, five, 5, 3);
    uint32_t lit[11] = {0, 1, 2, 3, 4, 5, 6, 7, 7, 6, 5};
    io_enc_rle_bitpacked(&s, lit, 11, 3);
    io_enc_rle(&s, two, 2, 3);
    pq_rle r;
    pq_rle_init(&r, (const uint8_t *)s.data, (const uint8_t *)s.data + s.len, 3);
    uint32_t out[32];
    /* Odd-sized reads cross run and group boundaries. */
    int64_t got = 0;
    int steps[] = {3, 4, 1, 9, 7};
    for (int i = 0; i < 5; i++)
        got += pq_rle_get(&r, out + got, steps[i]);
    /* 5 + 16 (the literal run holds two full groups, padding included) + 2 = 23 values. */
    CHECK_EQ_INT(got, 23);
    uint32_t want[23] = {3, 3, 3, 3, 3, 0, 1, 2, 3, 4, 5, 6, 7, 7, 6, 5, 0, 0, 0, 0, 0, 1, 1};
    for (int i = 0; i < 23; i++)
        CHECK_EQ_INT(out[i], want[i]);
    CHECK_EQ_INT(pq_rle_get(&r, out, 4), 0);
    /* A literal run cut short keeps the values whose bits are present. */
    pq_rle_init(&r, (const uint8_t *)s.data + 2, (const uint8_t *)s.data + 2 + 1 + 2, 3);
    CHECK_EQ_INT(pq_rle_get(&r, out, 16), 5);
    em_str_release(&s);
}

EM_TEST(delta_binary_packed_round_trip)
{
    /* Spec example: 1 2 3 4 5 -> min delta 1, all widths 0. */
    int64_t seq[5] = {1, 2, 3, 4, 5};
    em_str s;
    em_str_init(&s, 0);
    io_enc_dbp(&s, seq, 5);
    uint64_t *buf = NULL, cap = 0;
    pq_dbp d;
    const uint8_t *p = (const uint8_t *)s.data, *end = p + s.len, *after;
    int64_t count;
    CHECK_EQ_INT(pq_dbp_init(&d, p, end, &buf, &cap), 0);
    int64_t out[600];
    CHECK_EQ_INT(pq_dbp_get(&d, out, 5), 0);
    for (int i = 0; i < 5; i++)
        CHECK_EQ_INT(out[i], seq[i]);
    CHECK(pq_dbp_get(&d, out, 1) != 0);
    CHECK_EQ_INT(pq_dbp_end(p, end, &after, &count), 0);
    CHECK(after == end);
    CHECK_EQ_INT(count, 5);
    /* Random and extreme values (deltas wrap around 64 bits), several blocks, odd reads. */
    int64_t vals[600];
    for (int i = 0; i < 600; i++) {
        uint64_t r = ((uint64_t)io_rand() << 32) | io_rand();
        vals[i] = i % 50 == 7   ? INT64_MIN
                  : i % 50 == 8 ? INT64_MAX
                  : i % 3 == 0  ? (int64_t)(r % 1000)
                                : (int64_t)r;
    }
    em_str_reset(&s);
    io_enc_dbp(&s, vals, 600);
    p = (const uint8_t *)s.data;
    end = p + s.len;
    CHECK_EQ_INT(pq_dbp_init(&d, p, end, &buf, &cap), 0);
    int64_t done = 0;
    while (done < 600) {
        int64_t k = 1 + io_rand() % 97;
        if (k > 600 - done)
            k = 600 - done;
        CHECK_EQ_INT(pq_dbp_get(&d, out + done, k), 0);
        done += k;
    }
    for (int i = 0; i < 600; i++)
        if (out[i] != vals[i]) {
            CHECK_EQ_INT(out[i], vals[i]);
            break;
        }
    CHECK_EQ_INT(pq_dbp_end(p, end, &after, &count), 0);
    CHECK(after == end);
    /* Truncated data fails cleanly. */
    CHECK_EQ_INT(pq_dbp_init(&d, p, p + s.len / 2, &buf, &cap), 0);
    CHECK(pq_dbp_get(&d, out, 600) != 0);
    em_free(buf);
    em_str_release(&s);
}

EM_TEST(float16_values)
{
    /* IEEE 754 binary16: 0x3c00 = 1, 0x7bff = 65504, 0x0001 = 2^-24, 0x0400 = 2^-14. */
    CHECK(pq_half_to_float(0x3c00) == 1.0f);
    CHECK(pq_half_to_float(0xc000) == -2.0f);
    CHECK(pq_half_to_float(0x7bff) == 65504.0f);
    CHECK(pq_half_to_float(0x0001) == ldexpf(1.0f, -24));
    CHECK(pq_half_to_float(0x03ff) == ldexpf(1023.0f, -24));
    CHECK(pq_half_to_float(0x0400) == ldexpf(1.0f, -14));
    CHECK(signbit(pq_half_to_float(0x8000)) && pq_half_to_float(0x8000) == 0.0f);
    CHECK(isinf(pq_half_to_float(0x7c00)) && pq_half_to_float(0x7c00) > 0);
    CHECK(isnan(pq_half_to_float(0x7e00)));
}

/* ---- hand-built files
 * ---------------------------------------------------------------------------- */

/* A v1 page body: rep levels, def levels (RLE with length prefixes), then values. */
static void io_v1_body(em_str *out, const int16_t *rep, int rep_bits, const int16_t *def,
                       int def_bits, int n, const em_str *values)
{
    if (rep)
        io_enc_levels_v1(out, rep, n, rep_bits);
    if (def)
        io_enc_levels_v1(out, def, n, def_bits);
    em_str_append(out, values->data, values->len);
}

static pq_file *io_open_mem(const uint8_t *data, size_t len, const pq_options *opt, em_error *err)
{
    pq_file *f = NULL;
    em_error_clear(err);
    pq_file_open_buffer(data, len, "mem.parquet", opt, NULL, &f, err);
    return f;
}

/* Reads everything (batch_rows per opt) into one batch per call; returns the first batch. */
static vec_batch *io_read_one(pq_file *f, em_error *err)
{
    pq_reader *r;
    vec_batch *b = NULL;
    if (pq_reader_open(f, NULL, 0, NULL, 0, &r, err))
        return NULL;
    if (pq_reader_next(r, &b, err))
        b = NULL;
    pq_reader_close(r);
    return b;
}

static const io_pqw_elem IO_ROOT = {"schema", -1, -1, 1, -1, 0, 0, 0, 0, 0, false, 0, false};

EM_TEST(legacy_two_level_list)
{
    /* optional group l (LIST) { repeated int32 element; } : Spark's isElementType takes the
     * repeated primitive as the element, ArrayType(IntegerType, containsNull = false). Rows:
     * [1,2], null, [], [3]. */
    io_pqw_elem schema[3] = {
        IO_ROOT,
        {"l", -1, PQ_OPTIONAL, 1, PQ_CT_LIST, 0, 0, 0, 0, 0, false, 0, false},
        {"element", PQ_INT32, PQ_REPEATED, 0, -1, 0, 0, 0, 0, 0, false, 0, false}};
    int16_t rep[5] = {0, 1, 0, 0, 0}, def[5] = {2, 2, 0, 1, 2};
    em_str vals, body;
    em_str_init(&vals, 0);
    em_str_init(&body, 0);
    io_enc_i32(&vals, 1);
    io_enc_i32(&vals, 2);
    io_enc_i32(&vals, 3);
    io_v1_body(&body, rep, 1, def, 2, 5, &vals);
    io_pqw_page page = {
        0, 5, PQ_ENC_PLAIN, PQ_ENC_RLE, PQ_ENC_RLE, (const uint8_t *)body.data, body.len, 0, 0,
        0, 0};
    io_pqw_chunk chunk = {PQ_INT32, 0, 1, &page};
    size_t len;
    uint8_t *file = io_pqw_build(schema, 3, 4, &chunk, 1, &len);
    em_error err;
    pq_file *f = io_open_mem(file, len, NULL, &err);
    CHECK(f != NULL);
    if (f) {
        const ty *s = pq_file_schema(f);
        char *ts = io_type_string(s);
        CHECK_EQ_STR(ts, "struct<l:array<int>>");
        em_free(ts);
        CHECK(!s->fields[0].type->contains_null);
        vec_batch *b = io_read_one(f, &err);
        CHECK(b != NULL);
        if (b) {
            vec *l = b->cols[0];
            CHECK_EQ_INT(l->len, 4);
            CHECK(!vec_is_null(l, 0) && vec_is_null(l, 1) && !vec_is_null(l, 2));
            CHECK_EQ_INT(l->offsets[1], 2);
            CHECK_EQ_INT(l->offsets[2], 2);
            CHECK_EQ_INT(l->offsets[3], 2);
            CHECK_EQ_INT(l->offsets[4], 3);
            CHECK_EQ_INT(VEC_VALUES(l->children[0], int32_t)[2], 3);
            vec_batch_free(b);
        }
        pq_file_close(f);
    }
    em_free(file);
    em_str_release(&vals);
    em_str_release(&body);
}

EM_TEST(bare_repeated_fields)
{
    /* repeated int32 x; repeated group pts { required int32 a; optional binary b (UTF8); }
     * Spark: a repeated field outside LIST/MAP is a non-nullable ArrayType(T, containsNull =
     * false) (ParquetToSparkSchemaConverter.convertInternal). Rows: x=[1] pts=[{1,"x"},{2,null}];
     * x=[] pts=[]; x=[2,3] pts=[{3,"y"}]. */
    io_pqw_elem schema[5] = {
        {"schema", -1, -1, 2, -1, 0, 0, 0, 0, 0, false, 0, false},
        {"x", PQ_INT32, PQ_REPEATED, 0, -1, 0, 0, 0, 0, 0, false, 0, false},
        {"pts", -1, PQ_REPEATED, 2, -1, 0, 0, 0, 0, 0, false, 0, false},
        {"a", PQ_INT32, PQ_REQUIRED, 0, -1, 0, 0, 0, 0, 0, false, 0, false},
        {"b", PQ_BYTE_ARRAY, PQ_OPTIONAL, 0, PQ_CT_UTF8, 0, 0, 0, 0, 0, false, 0, false}};
    int16_t xr[4] = {0, 0, 0, 1}, xd[4] = {1, 0, 1, 1};
    int16_t ar[4] = {0, 1, 0, 0}, ad[4] = {1, 1, 0, 1};
    int16_t br[4] = {0, 1, 0, 0}, bd[4] = {2, 1, 0, 2};
    em_str xv, av, bv, xb, ab, bb;
    em_str_init(&xv, 0);
    em_str_init(&av, 0);
    em_str_init(&bv, 0);
    em_str_init(&xb, 0);
    em_str_init(&ab, 0);
    em_str_init(&bb, 0);
    io_enc_i32(&xv, 1);
    io_enc_i32(&xv, 2);
    io_enc_i32(&xv, 3);
    io_enc_i32(&av, 1);
    io_enc_i32(&av, 2);
    io_enc_i32(&av, 3);
    io_enc_ba(&bv, "x");
    io_enc_ba(&bv, "y");
    io_v1_body(&xb, xr, 1, xd, 1, 4, &xv);
    io_v1_body(&ab, ar, 1, ad, 1, 4, &av);
    io_v1_body(&bb, br, 1, bd, 2, 4, &bv);
    io_pqw_page pages[3] = {
        {0, 4, 0, 3, 3, (const uint8_t *)xb.data, xb.len, 0, 0, 0, 0},
        {0, 4, 0, 3, 3, (const uint8_t *)ab.data, ab.len, 0, 0, 0, 0},
        {0, 4, 0, 3, 3, (const uint8_t *)bb.data, bb.len, 0, 0, 0, 0},
    };
    io_pqw_chunk chunks[3] = {
        {PQ_INT32, 0, 1, &pages[0]}, {PQ_INT32, 0, 1, &pages[1]}, {PQ_BYTE_ARRAY, 0, 1, &pages[2]}};
    size_t len;
    uint8_t *file = io_pqw_build(schema, 5, 3, chunks, 3, &len);
    em_error err;
    pq_file *f = io_open_mem(file, len, NULL, &err);
    CHECK(f != NULL);
    if (f) {
        const ty *s = pq_file_schema(f);
        char *ts = io_type_string(s);
        CHECK_EQ_STR(ts, "struct<x:array<int>,pts:array<struct<a:int,b:string>>>");
        em_free(ts);
        CHECK(!s->fields[0].nullable && !s->fields[1].nullable);
        vec_batch *b = io_read_one(f, &err);
        CHECK(b != NULL);
        if (b) {
            vec *x = b->cols[0], *pts = b->cols[1];
            CHECK_EQ_INT(x->offsets[1], 1);
            CHECK_EQ_INT(x->offsets[2], 1);
            CHECK_EQ_INT(x->offsets[3], 3);
            CHECK_EQ_INT(pts->offsets[3], 3);
            vec *st = pts->children[0];
            CHECK_EQ_INT(st->len, 3);
            CHECK_EQ_INT(VEC_VALUES(st->children[0], int32_t)[2], 3);
            CHECK(vec_is_null(st->children[1], 1));
            int32_t sl;
            const char *sv = vec_str(st->children[1], 2, &sl);
            CHECK(sl == 1 && sv[0] == 'y');
            vec_batch_free(b);
        }
        pq_file_close(f);
    }
    em_free(file);
    em_str_release(&xv);
    em_str_release(&av);
    em_str_release(&bv);
    em_str_release(&xb);
    em_str_release(&ab);
    em_str_release(&bb);
}

/* The Spark schema of a file with no rows (only the schema matters; one empty chunk per leaf),
 * or the error class. */
static char *io_list_schema_string(const io_pqw_elem *schema, int n, bool *contains_null)
{
    size_t len;
    io_pqw_chunk chunks[8];
    int n_chunks = 0;
    for (int i = 0; i < n && n_chunks < 8; i++)
        if (schema[i].type >= 0)
            chunks[n_chunks++] = (io_pqw_chunk){schema[i].type, 0, 0, NULL};
    uint8_t *file = io_pqw_build(schema, n, 0, chunks, n_chunks, &len);
    em_error err;
    pq_file *f = io_open_mem(file, len, NULL, &err);
    char *out = NULL;
    if (f) {
        out = io_type_string(pq_file_schema(f));
        const ty *t = pq_file_schema(f)->fields[0].type;
        *contains_null = t->kind == TY_ARRAY ? t->contains_null : t->value_contains_null;
        pq_file_close(f);
    } else {
        out = em_strdup(err.error_class);
    }
    em_free(file);
    return out;
}

EM_TEST(list_backward_compatibility_rules)
{
    /* The repeated group is the element when named "array" or "<list>_tuple" (parquet-avro,
     * parquet-thrift), else its single field is (Spark's isElementType). */
    bool cn;
    io_pqw_elem avro[4] = {IO_ROOT,
                           {"l", -1, PQ_OPTIONAL, 1, PQ_CT_LIST, 0, 0, 0, 0, 0, false, 0, false},
                           {"array", -1, PQ_REPEATED, 1, -1, 0, 0, 0, 0, 0, false, 0, false},
                           {"a", PQ_INT32, PQ_REQUIRED, 0, -1, 0, 0, 0, 0, 0, false, 0, false}};
    char *s = io_list_schema_string(avro, 4, &cn);
    CHECK_EQ_STR(s, "struct<l:array<struct<a:int>>>");
    CHECK(!cn);
    em_free(s);
    io_pqw_elem tuple[4] = {IO_ROOT,
                            {"t", -1, PQ_OPTIONAL, 1, PQ_CT_LIST, 0, 0, 0, 0, 0, false, 0, false},
                            {"t_tuple", -1, PQ_REPEATED, 1, -1, 0, 0, 0, 0, 0, false, 0, false},
                            {"a", PQ_INT32, PQ_REQUIRED, 0, -1, 0, 0, 0, 0, 0, false, 0, false}};
    s = io_list_schema_string(tuple, 4, &cn);
    CHECK_EQ_STR(s, "struct<t:array<struct<a:int>>>");
    em_free(s);
    /* Spark 1.4 legacy: repeated group bag { optional int32 array; } -> 3-level, nullable
     * elements. */
    io_pqw_elem bag[4] = {IO_ROOT,
                          {"m", -1, PQ_OPTIONAL, 1, PQ_CT_LIST, 0, 0, 0, 0, 0, false, 0, false},
                          {"bag", -1, PQ_REPEATED, 1, -1, 0, 0, 0, 0, 0, false, 0, false},
                          {"array", PQ_INT32, PQ_OPTIONAL, 0, -1, 0, 0, 0, 0, 0, false, 0, false}};
    s = io_list_schema_string(bag, 4, &cn);
    CHECK_EQ_STR(s, "struct<m:array<int>>");
    CHECK(cn);
    em_free(s);
    /* MAP with a MAP_KEY_VALUE-annotated key_value group (old writers). */
    io_pqw_elem map[5] = {
        IO_ROOT,
        {"m", -1, PQ_OPTIONAL, 1, PQ_CT_MAP, 0, 0, 0, 0, 0, false, 0, false},
        {"map", -1, PQ_REPEATED, 2, PQ_CT_MAP_KEY_VALUE, 0, 0, 0, 0, 0, false, 0, false},
        {"key", PQ_BYTE_ARRAY, PQ_REQUIRED, 0, PQ_CT_UTF8, 0, 0, 0, 0, 0, false, 0, false},
        {"value", PQ_INT32, PQ_OPTIONAL, 0, -1, 0, 0, 0, 0, 0, false, 0, false}};
    s = io_list_schema_string(map, 5, &cn);
    CHECK_EQ_STR(s, "struct<m:map<string,int>>");
    CHECK(cn);
    em_free(s);
    /* A LIST whose child is not repeated is invalid (_LEGACY_ERROR_TEMP_3071, "Invalid list
     * type"). */
    io_pqw_elem bad[3] = {IO_ROOT,
                          {"l", -1, PQ_OPTIONAL, 1, PQ_CT_LIST, 0, 0, 0, 0, 0, false, 0, false},
                          {"e", PQ_INT32, PQ_OPTIONAL, 0, -1, 0, 0, 0, 0, 0, false, 0, false}};
    s = io_list_schema_string(bad, 3, &cn);
    CHECK_EQ_STR(s, "_LEGACY_ERROR_TEMP_3071");
    em_free(s);
}

static uint8_t *io_optional_int_file(int def_enc, int codec, size_t *len)
{
    /* optional int32 v; rows 1, null, 3 (def 1, 0, 1). */
    io_pqw_elem schema[2] = {IO_ROOT,
                             {"v", PQ_INT32, PQ_OPTIONAL, 0, -1, 0, 0, 0, 0, 0, false, 0, false}};
    int16_t def[3] = {1, 0, 1};
    em_str body;
    em_str_init(&body, 0);
    if (def_enc == PQ_ENC_BIT_PACKED)
        io_enc_bitpacked_msb(&body, def, 3, 1);
    else
        io_enc_levels_v1(&body, def, 3, 1);
    io_enc_i32(&body, 1);
    io_enc_i32(&body, 3);
    io_pqw_page page = {
        0, 3, PQ_ENC_PLAIN, def_enc, PQ_ENC_RLE, (const uint8_t *)body.data, body.len, 0, 0, 0, 0};
    io_pqw_chunk chunk = {PQ_INT32, codec, 1, &page};
    uint8_t *file = io_pqw_build(schema, 2, 3, &chunk, 1, len);
    em_str_release(&body);
    return file;
}

static void io_check_optional_int(const uint8_t *file, size_t len)
{
    em_error err;
    pq_file *f = io_open_mem(file, len, NULL, &err);
    CHECK(f != NULL);
    if (!f)
        return;
    vec_batch *b = io_read_one(f, &err);
    CHECK(b != NULL);
    if (b) {
        vec *v = b->cols[0];
        CHECK_EQ_INT(v->len, 3);
        CHECK(!vec_is_null(v, 0) && vec_is_null(v, 1) && !vec_is_null(v, 2));
        CHECK_EQ_INT(VEC_VALUES(v, int32_t)[0], 1);
        CHECK_EQ_INT(VEC_VALUES(v, int32_t)[2], 3);
        vec_batch_free(b);
    } else {
        fprintf(stderr, "  read failed: %s (%s)\n", err.message, pq_last_error_detail());
    }
    pq_file_close(f);
}

EM_TEST(deprecated_bit_packed_levels)
{
    size_t len;
    uint8_t *file = io_optional_int_file(PQ_ENC_BIT_PACKED, 0, &len);
    io_check_optional_int(file, len);
    em_free(file);
}

EM_TEST(hadoop_lz4_codec)
{
    size_t len;
    uint8_t *file = io_optional_int_file(PQ_ENC_RLE, PQ_CODEC_LZ4, &len);
    io_check_optional_int(file, len);
    em_free(file);
}

EM_TEST(rows_spanning_pages)
{
    /* Data page v1 does not require pages to start at a row: here row 1 ([4,5]) continues in the
     * second page (its first entry has rep = 1). 3-level list, max_def 3, max_rep 1. Rows:
     * [1,2,3], [4,5], [], [6]; read with every batch size from 1 to 4. */
    io_pqw_elem schema[4] = {
        IO_ROOT,
        {"l", -1, PQ_OPTIONAL, 1, PQ_CT_LIST, 0, 0, 0, 0, 0, false, 0, false},
        {"list", -1, PQ_REPEATED, 1, -1, 0, 0, 0, 0, 0, false, 0, false},
        {"element", PQ_INT32, PQ_OPTIONAL, 0, -1, 0, 0, 0, 0, 0, false, 0, false}};
    int16_t rep1[4] = {0, 1, 1, 0}, def1[4] = {3, 3, 3, 3};
    int16_t rep2[3] = {1, 0, 0}, def2[3] = {3, 1, 3};
    em_str v1, v2, b1, b2;
    em_str_init(&v1, 0);
    em_str_init(&v2, 0);
    em_str_init(&b1, 0);
    em_str_init(&b2, 0);
    for (int i = 1; i <= 4; i++)
        io_enc_i32(&v1, i);
    io_enc_i32(&v2, 5);
    io_enc_i32(&v2, 6);
    io_v1_body(&b1, rep1, 1, def1, 2, 4, &v1);
    io_v1_body(&b2, rep2, 1, def2, 2, 3, &v2);
    io_pqw_page pages[2] = {{0, 4, 0, 3, 3, (const uint8_t *)b1.data, b1.len, 0, 0, 0, 0},
                            {0, 3, 0, 3, 3, (const uint8_t *)b2.data, b2.len, 0, 0, 0, 0}};
    io_pqw_chunk chunk = {PQ_INT32, 0, 2, pages};
    size_t len;
    uint8_t *file = io_pqw_build(schema, 4, 4, &chunk, 1, &len);
    for (int batch = 1; batch <= 4; batch++) {
        pq_options opt;
        pq_options_init(&opt);
        opt.batch_rows = batch;
        em_error err;
        pq_file *f = io_open_mem(file, len, &opt, &err);
        CHECK(f != NULL);
        if (!f)
            break;
        pq_reader *r;
        CHECK_EQ_INT(pq_reader_open(f, NULL, 0, NULL, 0, &r, &err), 0);
        int32_t sizes[4], got = 0, values[6], nv = 0;
        for (;;) {
            vec_batch *b;
            CHECK_EQ_INT(pq_reader_next(r, &b, &err), 0);
            if (!b)
                break;
            vec *l = b->cols[0];
            for (int64_t i = 0; i < b->n_rows && got < 4; i++)
                sizes[got++] = l->offsets[i + 1] - l->offsets[i];
            for (int64_t i = 0; i < l->children[0]->len && nv < 6; i++)
                values[nv++] = VEC_VALUES(l->children[0], int32_t)[i];
            vec_batch_free(b);
        }
        pq_reader_close(r);
        pq_file_close(f);
        CHECK_EQ_INT(got, 4);
        CHECK_EQ_INT(nv, 6);
        int32_t want_sizes[4] = {3, 2, 0, 1};
        for (int i = 0; i < got; i++)
            CHECK_EQ_INT(sizes[i], want_sizes[i]);
        for (int i = 0; i < nv; i++)
            CHECK_EQ_INT(values[i], i + 1);
    }
    em_free(file);
    em_str_release(&v1);
    em_str_release(&v2);
    em_str_release(&b1);
    em_str_release(&b2);
}

/* ---- schema mapping
 * ------------------------------------------------------------------------------ */

static char *io_corpus_schema(const char *name, const pq_options *opt, em_error *err)
{
    char path[1024];
    io_path(path, sizeof path, name);
    pq_file *f;
    em_error_clear(err);
    if (pq_file_open(path, opt, NULL, &f, err))
        return em_strdup(err->error_class);
    char *s = io_type_string(pq_file_schema(f));
    pq_file_close(f);
    return s;
}

EM_TEST(schema_spark_types)
{
    /* Spark's ParquetToSparkSchemaConverter: INT(8/16, signed) -> tinyint/smallint, unsigned
     * 8/16/32 -> smallint/int/bigint, UINT64 -> decimal(20,0), TIMESTAMP(isAdjustedToUTC=false)
     * -> timestamp_ntz (inferTimestampNTZ defaults to true), UNKNOWN -> void, LIST/MAP. */
    struct {
        const char *file, *schema;
    } cases[] = {
        {"types_int_signed.parquet", "struct<i8:tinyint,i16:smallint,i32:int,i64:bigint>"},
        {"types_int_unsigned.parquet", "struct<u8:smallint,u16:int,u32:bigint,u64:decimal(20,0)>"},
        {"types_timestamp_us.parquet", "struct<ts:timestamp_ntz,ts_utc:timestamp,ts_tz:timestamp>"},
        {"types_timestamp_int96.parquet", "struct<ts:timestamp,ts_utc:timestamp>"},
        {"types_null.parquet", "struct<id:int,n:void>"},
        {"types_map.parquet", "struct<m:map<string,int>>"},
        {"types_decimal.parquet", "struct<d9_2:decimal(9,2),d18_4:decimal(18,4),"
                                  "d38_10:decimal(38,10)>"},
        {"types_binary.parquet", "struct<bin:binary,lbin:binary>"},
        {"types_nested_deep.parquet",
         "struct<nd:struct<a:array<struct<b:map<string,array<bigint>>,c:double>>,d:string>>"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        em_error err;
        char *s = io_corpus_schema(cases[i].file, NULL, &err);
        CHECK_EQ_STR(s, cases[i].schema);
        em_free(s);
    }
}

EM_TEST(schema_options)
{
    pq_options opt;
    em_error err;
    /* spark.sql.parquet.binaryAsString */
    pq_options_init(&opt);
    opt.binary_as_string = true;
    char *s = io_corpus_schema("types_binary.parquet", &opt, &err);
    CHECK_EQ_STR(s, "struct<bin:string,lbin:string>");
    em_free(s);
    /* spark.sql.parquet.inferTimestampNTZ.enabled = false: every timestamp is LTZ. */
    pq_options_init(&opt);
    opt.infer_timestamp_ntz = false;
    s = io_corpus_schema("types_timestamp_us.parquet", &opt, &err);
    CHECK_EQ_STR(s, "struct<ts:timestamp,ts_utc:timestamp,ts_tz:timestamp>");
    em_free(s);
    /* spark.sql.legacy.parquet.nanosAsLong */
    pq_options_init(&opt);
    opt.nanos_as_long = true;
    s = io_corpus_schema("types_timestamp_ns.parquet", &opt, &err);
    CHECK_EQ_STR(s, "struct<ts:bigint,ts_utc:bigint,ts_tz:bigint>");
    em_free(s);
    /* spark.sql.parquet.int96AsTimestamp = false: Spark refuses INT96 (checkConversionRequirement
     * -> _LEGACY_ERROR_TEMP_3071). */
    pq_options_init(&opt);
    opt.int96_as_timestamp = false;
    s = io_corpus_schema("types_timestamp_int96.parquet", &opt, &err);
    CHECK_EQ_STR(s, "_LEGACY_ERROR_TEMP_3071");
    em_free(s);
    /* Lenient defaults (pq.h): NANOS -> timestamp, TIME -> bigint, FLOAT16 -> float, UUID ->
     * binary. */
    s = io_corpus_schema("types_time.parquet", NULL, &err);
    CHECK_EQ_STR(s, "struct<t_s:bigint,t_ms:bigint,t_us:bigint,t_ns:bigint>");
    em_free(s);
    s = io_corpus_schema("types_float16.parquet", NULL, &err);
    CHECK_EQ_STR(s, "struct<h:float>");
    em_free(s);
}

EM_TEST(schema_strict_errors)
{
    /* With spark_strict_types, the types Spark 4 rejects fail as Spark fails, with parquet-mr's
     * "<primitive> (<annotation>)" text (ParquetSchemaConverter.convertPrimitiveField). */
    struct {
        const char *file, *cls, *param;
    } cases[] = {
        {"types_timestamp_ns.parquet", "PARQUET_TYPE_ILLEGAL", "INT64 (TIMESTAMP(NANOS,false))"},
        {"types_time.parquet", "PARQUET_TYPE_ILLEGAL", "INT32 (TIME(MILLIS,true))"},
        {"types_float16.parquet", "PARQUET_TYPE_ILLEGAL", "FIXED_LEN_BYTE_ARRAY (FLOAT16)"},
        {"duckdb_zstd.parquet", "PARQUET_TYPE_ILLEGAL", "INT64 (TIMESTAMP(NANOS,false))"},
    };
    pq_options opt;
    pq_options_init(&opt);
    opt.spark_strict_types = true;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char path[1024];
        io_path(path, sizeof path, cases[i].file);
        pq_file *f = NULL;
        em_error err;
        em_error_clear(&err);
        CHECK(pq_file_open(path, &opt, NULL, &f, &err) != 0);
        CHECK_EQ_STR(err.error_class, cases[i].cls);
        CHECK_EQ_STR(em_error_param_get(&err, "parquetType"), cases[i].param);
        CHECK_EQ_STR(err.sqlstate, "42846");
        pq_file_close(f);
    }
    /* INT32 TIMESTAMP(MILLIS) is "not yet supported" in Spark in both modes. */
    io_pqw_elem schema[2] = {IO_ROOT,
                             {"t", PQ_INT32, PQ_OPTIONAL, 0, -1, 0, 0, 0, 8, 0, true, 0, false}};
    io_pqw_chunk chunk = {PQ_INT32, 0, 0, NULL};
    size_t len;
    uint8_t *file = io_pqw_build(schema, 2, 0, &chunk, 1, &len);
    em_error err;
    pq_file *f = io_open_mem(file, len, NULL, &err);
    CHECK(f == NULL);
    CHECK_EQ_STR(err.error_class, "PARQUET_TYPE_NOT_SUPPORTED");
    CHECK_EQ_STR(em_error_param_get(&err, "parquetType"), "INT32 (TIMESTAMP(MILLIS,true))");
    em_free(file);
}

/* ---- statistics, projection, selection, lifetime --------------------------------------------- */

static int io_leaf_by_path(pq_file *f, const char *path)
{
    for (int l = 0; l < pq_file_num_leaves(f); l++)
        if (strcmp(pq_file_leaf(f, l)->path, path) == 0)
            return l;
    return -1;
}

EM_TEST(column_statistics)
{
    /* Values from layout_statistics_on.schema.txt (pyarrow's decoding of row group 0). */
    char path[1024];
    io_path(path, sizeof path, "layout_statistics_on.parquet");
    pq_file *f;
    em_error err;
    em_error_clear(&err);
    CHECK_EQ_INT(pq_file_open(path, NULL, NULL, &f, &err), 0);
    if (!f)
        return;
    pq_stats st;
    pq_value lo, hi;
    int id = io_leaf_by_path(f, "id");
    CHECK_EQ_INT(pq_file_column_stats(f, 0, id, &st, &err), 0);
    CHECK(st.has_min_max && st.has_null_count && st.null_count == 0 && st.num_values == 500);
    CHECK_EQ_INT(pq_stats_decode(f, id, st.min, st.min_len, &lo, &err), 0);
    CHECK_EQ_INT(pq_stats_decode(f, id, st.max, st.max_len, &hi, &err), 0);
    CHECK_EQ_INT(lo.v.i64, 0);
    CHECK_EQ_INT(hi.v.i64, 499);
    int ts = io_leaf_by_path(f, "ts");
    CHECK_EQ_INT(pq_file_column_stats(f, 0, ts, &st, &err), 0);
    CHECK_EQ_INT(st.null_count, 42);
    CHECK_EQ_INT(pq_stats_decode(f, ts, st.min, st.min_len, &lo, &err), 0);
    /* 2020-09-13 12:26:40 UTC */
    CHECK_EQ_INT(lo.v.i64, 1600000000LL * 1000000);
    int dec = io_leaf_by_path(f, "dec");
    CHECK_EQ_INT(pq_file_column_stats(f, 0, dec, &st, &err), 0);
    CHECK_EQ_INT(pq_stats_decode(f, dec, st.min, st.min_len, &lo, &err), 0);
    CHECK(lo.kind == TY_DECIMAL && lo.v.dec == -10000000);
    int s = io_leaf_by_path(f, "s_low");
    CHECK_EQ_INT(pq_file_column_stats(f, 0, s, &st, &err), 0);
    CHECK_EQ_INT(pq_stats_decode(f, s, st.max, st.max_len, &hi, &err), 0);
    CHECK(hi.v.bytes.len == 3 && memcmp(hi.v.bytes.ptr, "red", 3) == 0);
    int el = io_leaf_by_path(f, "l.list.element");
    CHECK(el >= 0);
    CHECK_EQ_INT(pq_file_column_stats(f, 0, el, &st, &err), 0);
    CHECK_EQ_INT(st.null_count, 401);
    int d = io_leaf_by_path(f, "d");
    CHECK_EQ_INT(pq_file_column_stats(f, 0, d, &st, &err), 0);
    CHECK_EQ_INT(pq_stats_decode(f, d, st.min, st.min_len, &lo, &err), 0);
    CHECK_EQ_INT(lo.v.i64, -2000); /* 1964-07-11 */
    pq_file_close(f);
    /* layout_statistics_off has none. */
    io_path(path, sizeof path, "layout_statistics_off.parquet");
    CHECK_EQ_INT(pq_file_open(path, NULL, NULL, &f, &err), 0);
    CHECK_EQ_INT(pq_file_column_stats(f, 0, 0, &st, &err), 0);
    CHECK(!st.has_min_max && !st.has_null_count);
    pq_file_close(f);
}

EM_TEST(projection_and_row_groups)
{
    /* layout_row_groups: 1550 rows in 7 row groups of 250 (the last 50); id = row number. */
    char path[1024];
    io_path(path, sizeof path, "layout_row_groups.parquet");
    pq_file *f;
    em_error err;
    em_error_clear(&err);
    CHECK_EQ_INT(pq_file_open(path, NULL, NULL, &f, &err), 0);
    if (!f)
        return;
    CHECK_EQ_INT(pq_file_num_row_groups(f), 7);
    CHECK_EQ_INT(pq_file_row_group_num_rows(f, 6), 50);
    int cols[2] = {11, 0}; /* st, id */
    int rgs[2] = {3, 6};
    pq_reader *r;
    CHECK_EQ_INT(pq_reader_open(f, cols, 2, rgs, 2, &r, &err), 0);
    int64_t rows = 0;
    int32_t first = -1, last = -1;
    for (;;) {
        vec_batch *b;
        CHECK_EQ_INT(pq_reader_next(r, &b, &err), 0);
        if (!b)
            break;
        CHECK_EQ_INT(b->n_cols, 2);
        CHECK(b->cols[0]->type->kind == TY_STRUCT && b->cols[1]->type->kind == TY_INT);
        if (first < 0)
            first = VEC_VALUES(b->cols[1], int32_t)[0];
        last = VEC_VALUES(b->cols[1], int32_t)[b->n_rows - 1];
        rows += b->n_rows;
        vec_batch_free(b);
    }
    CHECK_EQ_INT(rows, 300);
    CHECK_EQ_INT(first, 750);
    CHECK_EQ_INT(last, 1549);
    pq_reader_close(r);
    /* No columns at all (count(*)): batches carry only row counts. */
    CHECK_EQ_INT(pq_reader_open(f, cols, 0, NULL, 0, &r, &err), 0);
    rows = 0;
    for (;;) {
        vec_batch *b;
        CHECK_EQ_INT(pq_reader_next(r, &b, &err), 0);
        if (!b)
            break;
        CHECK_EQ_INT(b->n_cols, 0);
        rows += b->n_rows;
        vec_batch_free(b);
    }
    CHECK_EQ_INT(rows, 1550);
    pq_reader_close(r);
    pq_file_close(f);
}

EM_TEST(types_outlive_the_file)
{
    /* With a caller arena, nested types survive pq_file_close (vectors borrow them). */
    char path[1024];
    io_path(path, sizeof path, "types_map.parquet");
    em_arena a;
    em_arena_init(&a, 0);
    pq_file *f;
    em_error err;
    em_error_clear(&err);
    CHECK_EQ_INT(pq_file_open(path, NULL, &a, &f, &err), 0);
    vec_batch *b = io_read_one(f, &err);
    pq_file_close(f);
    CHECK(b != NULL);
    if (b) {
        char *s = io_type_string(b->cols[0]->type);
        CHECK_EQ_STR(s, "map<string,int>");
        em_free(s);
        vec_batch_free(b);
    }
    em_arena_release(&a);
}

EM_TEST(open_errors)
{
    pq_file *f;
    em_error err;
    em_error_clear(&err);
    CHECK(pq_file_open("/nonexistent/x.parquet", NULL, NULL, &f, &err) != 0);
    CHECK_EQ_STR(err.error_class, "FAILED_READ_FILE.FILE_NOT_EXIST");
    CHECK_EQ_STR(em_error_param_get(&err, "path"), "/nonexistent/x.parquet");
    em_error_clear(&err);
    CHECK(pq_file_open(io_dir, NULL, NULL, &f, &err) != 0);
    CHECK_EQ_STR(err.error_class, "FAILED_READ_FILE.NO_HINT");
    em_error_clear(&err);
    CHECK(pq_file_open_buffer("PAR1PAR1PAR1", 12, "x", NULL, NULL, &f, &err) != 0);
    CHECK_EQ_STR(err.error_class, "FAILED_READ_FILE.CANNOT_READ_FILE_FOOTER");
    CHECK_EQ_STR(err.sqlstate, "KD001");
}

int main(int argc, char **argv)
{
    if (argc > 1)
        io_dir = argv[1];
    return em_test_main(1, argv);
}
