/*
 * test_foreign: decoding streams that other writers produce. Two come from the official Arrow
 * JS writer (tests/arrow/fixtures, made by js/produce.mjs: several batches, replaced
 * dictionaries, unsigned ints, half floats, large strings, other time units, fixed-size
 * layouts); the rest are built by hand (arrow_test_stream.c) the way pyarrow writes them:
 * custom metadata, delta dictionaries with unsigned indices, dictionaries inside lists,
 * sliced offsets, 64-byte padding, legacy framing, V4 metadata, zstd bodies. Expected values
 * follow from the Arrow format and the read mapping of src/arrow/ipc.h.
 */
#include <stdio.h>
#include <string.h>

#include "arrow/ipc.h"
#include "arrow/ipc_int.h"
#include "arrow_test_stream.h"
#include "arrow_test_util.h"
#include "common/em_mem.h"
#include "em_test.h"

#ifndef ARROW_TEST_JS_DIR
#define ARROW_TEST_JS_DIR "tests/arrow/js"
#endif
#define FIXTURES ARROW_TEST_JS_DIR "/../fixtures"

size_t ZSTD_compress(void *dst, size_t cap, const void *src, size_t len, int level);
size_t ZSTD_compressBound(size_t len);

typedef struct decoded {
    em_arena arena;
    const ty *schema;
    vec_batch **batches;
    int n;
    em_error err;
    int rc;
} decoded;

static void decode_quiet(decoded *d, const void *data, size_t len)
{
    em_arena_init(&d->arena, 0);
    em_error_clear(&d->err);
    d->rc = ipc_decode_stream(data, len, &d->arena, &d->schema, &d->batches, &d->n, &d->err);
}

static void decode(decoded *d, const void *data, size_t len)
{
    decode_quiet(d, data, len);
    if (d->rc)
        fprintf(stderr, "  decode: [%s] %s\n", d->err.error_class, d->err.message);
}

static void decoded_release(decoded *d)
{
    for (int idx = 0; idx < d->n; idx++)
        vec_batch_free(d->batches[idx]);
    em_free(d->batches);
    em_arena_release(&d->arena);
}

/* Column col of batch b equals the JSON literal (typed as the decoded column). */
static void expect_col(const decoded *d, int b, int col, const ty *t, const char *json)
{
    if (d->rc || b >= d->n || col >= d->batches[b]->n_cols) {
        CHECK(!"column missing");
        return;
    }
    vec *want = tu_vec_json(t, json);
    em_str why;
    em_str_init(&why, 0);
    bool eq = tu_vec_equal(d->batches[b]->cols[col], want, &why);
    if (!eq)
        fprintf(stderr, "  batch %d column %d: %s\n", b, col, why.data);
    CHECK(eq);
    CHECK(ty_equals(d->schema->fields[col].type, t));
    em_str_release(&why);
    vec_release(want);
}

static void decode_file(decoded *d, const char *name)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", FIXTURES, name);
    uint8_t *data;
    size_t len;
    if (!tu_read_file(path, &data, &len)) {
        fprintf(stderr, "  cannot read %s\n", path);
        CHECK(!"fixture missing");
        em_arena_init(&d->arena, 0);
        d->rc = -1;
        d->n = 0;
        d->batches = NULL;
        return;
    }
    decode(d, data, len);
    em_free(data);
}

EM_TEST(foreign_js_multi_batch_dictionary)
{
    decoded d;
    decode_file(&d, "js_multi_dict.arrows");
    CHECK_EQ_INT(d.rc, 0);
    CHECK_EQ_INT(d.n, 3);
    if (d.rc == 0 && d.n == 3) {
        CHECK_EQ_INT(d.schema->n_fields, 4);
        CHECK_EQ_STR(d.schema->fields[1].name, "cat");
        CHECK(!d.schema->fields[0].nullable && d.schema->fields[1].nullable);
        const ty *tags = ty_array(&d.arena, ty_string(), true);
        expect_col(&d, 0, 0, ty_int(), "[1, 2, 3]");
        expect_col(&d, 0, 1, ty_string(), "[\"red\", \"green\", null]");
        expect_col(&d, 0, 2, ty_double(), "[1.5, null, -2]");
        expect_col(&d, 0, 3, tags, "[[\"a\"], [], null]");
        expect_col(&d, 1, 0, ty_int(), "[4, 5]");
        expect_col(&d, 1, 1, ty_string(), "[\"blue\", \"red\"]"); /* replaced dictionary */
        expect_col(&d, 1, 2, ty_double(), "[0, 4.25]");
        expect_col(&d, 1, 3, tags, "[[\"b\", null], [\"c\", \"d\"]]");
        CHECK_EQ_INT(d.batches[2]->n_rows, 0);
        expect_col(&d, 2, 1, ty_string(), "[]");
    }
    decoded_release(&d);
}

EM_TEST(foreign_js_types)
{
    decoded d;
    decode_file(&d, "js_types.arrows");
    CHECK_EQ_INT(d.rc, 0);
    CHECK_EQ_INT(d.n, 1);
    if (d.rc == 0 && d.n == 1) {
        em_arena *a = &d.arena;
        expect_col(&d, 0, 0, ty_short(), "[0, 255, null]");
        expect_col(&d, 0, 1, ty_int(), "[0, 65535, null]");
        expect_col(&d, 0, 2, ty_long(), "[0, 4294967295, null]");
        expect_col(&d, 0, 3, ty_decimal(a, 20, 0), "[\"0\", \"18446744073709551615\", null]");
        expect_col(&d, 0, 4, ty_short(), "[-1, 300, null]");
        expect_col(&d, 0, 5, ty_float(), "[1.5, -2, null]");
        expect_col(&d, 0, 6, ty_string(), "[\"large\", \"\", null]");
        expect_col(&d, 0, 7, ty_binary(), "[\"0102\", null, \"ff\"]");
        /* Date(MILLISECOND): floor(ms / 86400000). */
        expect_col(&d, 0, 8, ty_date(), "[1, -1, null]");
        /* Timestamp(NANOSECOND, "UTC") -> timestamp, floor(ns / 1000). */
        expect_col(&d, 0, 9, ty_timestamp(), "[1, -2, \"1700000000123456\"]");
        /* Timestamp(SECOND) without a zone -> timestamp_ntz. */
        expect_col(&d, 0, 10, ty_timestamp_ntz(), "[1000000, -1000000, 0]");
        expect_col(&d, 0, 11, ty_daytime_interval(a, TY_DT_DAY, TY_DT_SECOND),
                   "[1000, null, -2500000]");
        expect_col(&d, 0, 12, ty_array(a, ty_int(), true), "[[1, 2], null, [null, 6]]");
        expect_col(&d, 0, 13, ty_binary(), "[\"616263\", \"000102\", null]");
        /* Interval(DAY_TIME) {days, ms} -> calendar interval {0, days, ms * 1000}. */
        expect_col(&d, 0, 14, ty_calendar_interval_type(),
                   "[[0, 3, 1500000], [0, -1, -1000], null]");
        expect_col(&d, 0, 15, ty_boolean(), "[true, null, false]");
    }
    decoded_release(&d);
}

#define F(n, tid, ...)                                                                             \
    {                                                                                              \
        .name = (n), .nullable = true, .type_id = (tid), __VA_ARGS__                               \
    }

/*
 * pyarrow-style: schema and field custom metadata, a categorical (uint16 indices) with a delta
 * dictionary batch between record batches, and a list of dictionary-encoded (int8) strings.
 */
EM_TEST(foreign_pyarrow_delta_dictionary)
{
    ts_field elem =
        F("item", IPC_T_UTF8, .dict = true, .dict_id = 8, .index_width = 8, .index_signed = true);
    ts_field fields[2] = {
        F("cat", IPC_T_UTF8, .dict = true, .dict_id = 7, .index_width = 16, .index_signed = false),
        F("tags", IPC_T_LIST, .n_children = 1, .children = &elem),
    };
    ts_stream s;
    ts_init(&s);
    s.pad = 64;
    ts_schema(&s, fields, 2, true);
    /* dictionary 7 = ["x", "yy"], dictionary 8 = ["p", "q", "r"] */
    int64_t dnode[2] = {2, 0};
    int32_t d7_off[3] = {0, 1, 3};
    ts_buf d7[3] = {{NULL, 0}, {d7_off, 12}, {"xyy", 3}};
    ts_dict_batch(&s, 7, false, 2, dnode, 1, d7, 3);
    int64_t dnode8[2] = {3, 0};
    int32_t d8_off[4] = {0, 1, 2, 3};
    ts_buf d8[3] = {{NULL, 0}, {d8_off, 16}, {"pqr", 3}};
    ts_dict_batch(&s, 8, false, 3, dnode8, 1, d8, 3);
    /* batch 1: cat [1, 0, null]; tags [[2, 0], null, []] */
    uint16_t idx1[3] = {1, 0, 0};
    uint8_t valid1 = 0x3, list_valid = 0x5;
    int32_t list_off[4] = {0, 2, 2, 2};
    int8_t tag_idx[2] = {2, 0};
    int64_t nodes1[6] = {3, 1, 3, 1, 2, 0};
    ts_buf bufs1[6] = {{&valid1, 1},   {idx1, 6}, {&list_valid, 1},
                       {list_off, 16}, {NULL, 0}, {tag_idx, 2}};
    ts_batch(&s, 3, nodes1, 3, bufs1, 6);
    /* delta: dictionary 7 gains ["zzz"] */
    int64_t dnode_delta[2] = {1, 0};
    int32_t dd_off[2] = {0, 3};
    ts_buf dd[3] = {{NULL, 0}, {dd_off, 8}, {"zzz", 3}};
    ts_dict_batch(&s, 7, true, 1, dnode_delta, 1, dd, 3);
    /* batch 2: cat [2, 1]; tags [[1], [2, 2, 1]] */
    uint16_t idx2[2] = {2, 1};
    int32_t list_off2[3] = {0, 1, 4};
    int8_t tag_idx2[4] = {1, 2, 2, 1};
    int64_t nodes2[6] = {2, 0, 2, 0, 4, 0};
    ts_buf bufs2[6] = {{NULL, 0}, {idx2, 4}, {NULL, 0}, {list_off2, 12}, {NULL, 0}, {tag_idx2, 4}};
    ts_batch(&s, 2, nodes2, 3, bufs2, 6);
    ts_eos(&s);

    decoded d;
    decode(&d, s.out.data, s.out.len);
    CHECK_EQ_INT(d.rc, 0);
    CHECK_EQ_INT(d.n, 2);
    if (d.rc == 0 && d.n == 2) {
        const ty *tags = ty_array(&d.arena, ty_string(), true);
        expect_col(&d, 0, 0, ty_string(), "[\"yy\", \"x\", null]");
        expect_col(&d, 0, 1, tags, "[[\"r\", \"p\"], null, []]");
        expect_col(&d, 1, 0, ty_string(), "[\"zzz\", \"yy\"]");
        expect_col(&d, 1, 1, tags, "[[\"q\"], [\"r\", \"r\", \"q\"]]");
    }
    decoded_release(&d);
    ts_release(&s);
}

/* Offsets that do not start at 0 (sliced arrays), struct children longer than the struct,
 * a Null column, LargeList, Map with keysSorted, legacy framing and V4 metadata. */
EM_TEST(foreign_sliced_legacy_v4)
{
    ts_field kv[2] = {{.name = "k", .nullable = false, .type_id = IPC_T_UTF8},
                      F("v", IPC_T_INT, .p1 = 32, .p2 = 1)};
    ts_field entries = {
        .name = "entries", .type_id = IPC_T_STRUCT, .n_children = 2, .children = kv};
    ts_field l_elem = F("item", IPC_T_INT, .p1 = 32, .p2 = 1);
    ts_field s_kids[1] = {F("a", IPC_T_INT, .p1 = 8, .p2 = 1)};
    ts_field fields[6] = {
        F("s", IPC_T_UTF8),
        F("l", IPC_T_LARGE_LIST, .n_children = 1, .children = &l_elem),
        F("st", IPC_T_STRUCT, .n_children = 1, .children = s_kids),
        F("nul", IPC_T_NULL),
        F("m", IPC_T_MAP, .p1 = 1, .n_children = 1, .children = &entries),
        F("d9", IPC_T_DECIMAL, .p1 = 9, .p2 = 2, .p3 = 32),
    };
    ts_stream s;
    ts_init(&s);
    s.legacy = true;
    s.version = IPC_METADATA_V4;
    ts_schema(&s, fields, 6, false);
    int32_t s_off[3] = {3, 5, 8};
    int64_t l_off[3] = {1, 3, 3};
    int32_t l_vals[3] = {9, 1, 2};
    int8_t st_a[3] = {7, 8, 99};
    int32_t m_off[3] = {1, 1, 3};
    int32_t k_off[4] = {0, 1, 2, 3};
    int32_t v_vals[3] = {0, 10, 20};
    int32_t d9[2] = {-12345, 1};
    int64_t nodes[] = {2, 0, 2, 0, 3, 0, 2, 0, 3, 0, 2, 2, 2, 0, 3, 0, 3, 0, 3, 0, 2, 0};
    ts_buf bufs[] = {
        {NULL, 0},
        {s_off, 12},
        {"abcdefgh", 8}, /* s */
        {NULL, 0},
        {l_off, 24},
        {NULL, 0},
        {l_vals, 12}, /* l */
        {NULL, 0},
        {NULL, 0},
        {st_a, 3}, /* st */
        /* nul: no buffers */
        {NULL, 0},
        {m_off, 12},
        {NULL, 0}, /* m, entries */
        {NULL, 0},
        {k_off, 16},
        {"abc", 3}, /* keys */
        {NULL, 0},
        {v_vals, 12}, /* values */
        {NULL, 0},
        {d9, 8}, /* d9 */
    };
    ts_batch(&s, 2, nodes, (int)(sizeof nodes / 16), bufs, (int)(sizeof bufs / sizeof bufs[0]));
    ts_eos(&s);
    decoded d;
    decode(&d, s.out.data, s.out.len);
    CHECK_EQ_INT(d.rc, 0);
    CHECK_EQ_INT(d.n, 1);
    if (d.rc == 0 && d.n == 1) {
        em_arena *a = &d.arena;
        ty_field af = {"a", ty_byte(), true, NULL};
        expect_col(&d, 0, 0, ty_string(), "[\"de\", \"fgh\"]");
        expect_col(&d, 0, 1, ty_array(a, ty_int(), true), "[[1, 2], []]");
        expect_col(&d, 0, 2, ty_struct(a, 1, &af), "[[7], [8]]");
        expect_col(&d, 0, 3, ty_null(), "[null, null]");
        expect_col(&d, 0, 4, ty_map(a, ty_string(), ty_int(), true),
                   "[[], [[\"b\", 10], [\"c\", 20]]]");
        expect_col(&d, 0, 5, ty_decimal(a, 9, 2), "[\"-123.45\", \"0.01\"]");
        /* The decoded vectors are canonical: offsets start at 0. */
        CHECK_EQ_INT(d.batches[0]->cols[0]->offsets[0], 0);
        CHECK_EQ_INT(d.batches[0]->cols[0]->bytes_len, 5);
    }
    decoded_release(&d);
    ts_release(&s);
}

/* Spark 4.1 may compress bodies with zstd: each buffer is (int64 raw length, frame), or
 * (-1, raw bytes). */
EM_TEST(foreign_zstd_body)
{
    ts_field fields[2] = {F("id", IPC_T_INT, .p1 = 64, .p2 = 1), F("s", IPC_T_UTF8)};
    ts_stream s;
    ts_init(&s);
    s.codec = IPC_CODEC_ZSTD;
    ts_schema(&s, fields, 2, false);
    int64_t ids[4] = {1, 2, 3, 4000000000LL};
    int32_t offs[5] = {0, 5, 5, 10, 11};
    const char *payload = "helloworld!";
    uint8_t valid = 0x0D; /* row 1 null */
    em_str c[4];
    const void *raw[4] = {&valid, ids, offs, payload};
    int64_t raw_len[4] = {1, 32, 20, 11};
    for (int idx = 0; idx < 4; idx++) {
        em_str_init(&c[idx], 0);
        if (idx == 0) { /* stored uncompressed: length -1 */
            int64_t minus1 = -1;
            em_str_append(&c[idx], (const char *)&minus1, 8);
            em_str_append(&c[idx], raw[idx], (size_t)raw_len[idx]);
            continue;
        }
        em_str_append(&c[idx], (const char *)&raw_len[idx], 8);
        size_t bound = ZSTD_compressBound((size_t)raw_len[idx]);
        char *tmp = em_malloc(bound);
        size_t n = ZSTD_compress(tmp, bound, raw[idx], (size_t)raw_len[idx], 3);
        em_str_append(&c[idx], tmp, n);
        em_free(tmp);
    }
    int64_t nodes[4] = {4, 0, 4, 1};
    ts_buf bufs[5] = {{NULL, 0},
                      {c[1].data, (int64_t)c[1].len},
                      {c[0].data, (int64_t)c[0].len},
                      {c[2].data, (int64_t)c[2].len},
                      {c[3].data, (int64_t)c[3].len}};
    ts_batch(&s, 4, nodes, 2, bufs, 5);
    ts_eos(&s);
    decoded d;
    decode(&d, s.out.data, s.out.len);
    CHECK_EQ_INT(d.rc, 0);
    if (d.rc == 0) {
        expect_col(&d, 0, 0, ty_long(), "[1, 2, 3, \"4000000000\"]");
        expect_col(&d, 0, 1, ty_string(), "[\"hello\", null, \"world\", \"!\"]");
    }
    decoded_release(&d);
    /* The same with a corrupt frame is an error, not a crash. */
    for (size_t at = s.out.len / 2; at < s.out.len - 8; at++) {
        s.out.data[at] ^= 0x55;
        em_arena_init(&d.arena, 0);
        d.rc = ipc_decode_stream((const uint8_t *)s.out.data, s.out.len, &d.arena, &d.schema,
                                 &d.batches, &d.n, &d.err);
        if (d.rc == 0)
            for (int idx = 0; idx < d.n; idx++)
                vec_batch_free(d.batches[idx]);
        em_free(d.rc == 0 ? d.batches : NULL);
        em_arena_release(&d.arena);
        s.out.data[at] ^= 0x55;
    }
    decode(&d, s.out.data, s.out.len);
    decoded_release(&d);
    for (int idx = 0; idx < 4; idx++)
        em_str_release(&c[idx]);
    ts_release(&s);
}

/* An LZ4 frame written by hand from the frame format: magic, FLG (version 1, independent
 * blocks), BD (64 KiB blocks), header checksum (not verified), one compressed block holding
 * the literals "abc" then a match of 9 bytes at offset 3, the end mark. */
EM_TEST(foreign_lz4_hand_frame)
{
    static const uint8_t frame[] = {0x04, 0x22, 0x4D, 0x18, 0x60, 0x40, 0x82, 6, 0, 0, 0,
                                    0x35, 'a',  'b',  'c',  3,    0,    0,    0, 0, 0};
    uint8_t buf[8 + sizeof frame];
    int64_t raw = 12;
    memcpy(buf, &raw, 8);
    memcpy(buf + 8, frame, sizeof frame);
    ts_field f = F("s", IPC_T_BINARY);
    ts_stream s;
    ts_init(&s);
    s.codec = IPC_CODEC_LZ4_FRAME;
    ts_schema(&s, &f, 1, false);
    int32_t offs[3] = {0, 5, 12};
    uint8_t offs_c[8 + 12];
    int64_t minus1 = -1;
    memcpy(offs_c, &minus1, 8);
    memcpy(offs_c + 8, offs, 12);
    int64_t nodes[2] = {2, 0};
    ts_buf bufs[3] = {{NULL, 0}, {offs_c, 20}, {buf, (int64_t)sizeof buf}};
    ts_batch(&s, 2, nodes, 1, bufs, 3);
    ts_eos(&s);
    decoded d;
    decode(&d, s.out.data, s.out.len);
    CHECK_EQ_INT(d.rc, 0);
    if (d.rc == 0)
        expect_col(&d, 0, 0, ty_binary(), "[\"6162636162\", \"63616263616263\"]");
    decoded_release(&d);
    ts_release(&s);
}

#ifdef ARROW_TEST_HAVE_LZ4
#include <lz4frame.h>

/* Buffers compressed by liblz4 (several linked 64 KiB blocks, block and content checksums,
 * content size), decoded by our LZ4 frame reader; then every truncation and some corruption. */
EM_TEST(foreign_lz4_liblz4_frames)
{
    enum { ROWS = 30000 };
    int64_t *vals = em_malloc(ROWS * sizeof *vals);
    for (int idx = 0; idx < ROWS; idx++)
        vals[idx] = (idx % 97) * 1000 + (idx / 1000);
    LZ4F_preferences_t prefs;
    memset(&prefs, 0, sizeof prefs);
    prefs.frameInfo.blockSizeID = LZ4F_max64KB;
    prefs.frameInfo.blockMode = LZ4F_blockLinked;
    prefs.frameInfo.blockChecksumFlag = LZ4F_blockChecksumEnabled;
    prefs.frameInfo.contentChecksumFlag = LZ4F_contentChecksumEnabled;
    prefs.frameInfo.contentSize = ROWS * sizeof *vals;
    size_t bound = LZ4F_compressFrameBound(ROWS * sizeof *vals, &prefs);
    uint8_t *c = em_malloc(8 + bound);
    int64_t raw = ROWS * (int64_t)sizeof *vals;
    memcpy(c, &raw, 8);
    size_t n = LZ4F_compressFrame(c + 8, bound, vals, ROWS * sizeof *vals, &prefs);
    CHECK(!LZ4F_isError(n));
    ts_field f = F("v", IPC_T_INT, .p1 = 64, .p2 = 1);
    ts_stream s;
    ts_init(&s);
    s.codec = IPC_CODEC_LZ4_FRAME;
    ts_schema(&s, &f, 1, false);
    int64_t nodes[2] = {ROWS, 0};
    ts_buf bufs[2] = {{NULL, 0}, {c, (int64_t)(8 + n)}};
    ts_batch(&s, ROWS, nodes, 1, bufs, 2);
    ts_eos(&s);
    decoded d;
    decode(&d, s.out.data, s.out.len);
    CHECK_EQ_INT(d.rc, 0);
    if (d.rc == 0) {
        const vec *v = d.batches[0]->cols[0];
        CHECK_EQ_INT(v->len, ROWS);
        CHECK(memcmp(v->values, vals, ROWS * sizeof *vals) == 0);
    }
    decoded_release(&d);
    for (size_t cut = 0; cut < s.out.len; cut += 7) {
        uint8_t *copy = em_malloc(cut ? cut : 1);
        memcpy(copy, s.out.data, cut);
        decode_quiet(&d, copy, cut);
        CHECK(d.rc != 0);
        decoded_release(&d);
        em_free(copy);
    }
    for (size_t at = s.out.len - n - 16; at < s.out.len - 8; at += 3) {
        s.out.data[at] ^= 0x5A;
        em_arena_init(&d.arena, 0);
        d.rc = ipc_decode_stream((const uint8_t *)s.out.data, s.out.len, &d.arena, &d.schema,
                                 &d.batches, &d.n, &d.err);
        if (d.rc == 0)
            decoded_release(&d);
        else
            em_arena_release(&d.arena);
        s.out.data[at] ^= 0x5A;
    }
    ts_release(&s);
    em_free(c);
    em_free(vals);
}
#else
EM_TEST(foreign_lz4_liblz4_frames)
{
    printf("note: liblz4 not found; LZ4 round trip against liblz4 skipped\n");
}
#endif

static void expect_unsupported(const ts_field *f, int codec)
{
    ts_stream s;
    ts_init(&s);
    s.codec = codec;
    ts_schema(&s, f, 1, false);
    if (codec >= 0) {
        int64_t raw = 8;
        char buf[16] = {0};
        memcpy(buf, &raw, 8);
        int64_t nodes[2] = {1, 0};
        ts_buf bufs[2] = {{NULL, 0}, {buf, 16}};
        ts_batch(&s, 1, nodes, 1, bufs, 2);
    }
    ts_eos(&s);
    decoded d;
    em_arena_init(&d.arena, 0);
    em_error_clear(&d.err);
    d.rc = ipc_decode_stream((const uint8_t *)s.out.data, s.out.len, &d.arena, &d.schema,
                             &d.batches, &d.n, &d.err);
    CHECK(d.rc != 0);
    CHECK_EQ_STR(d.err.error_class, "UNSUPPORTED_ARROWTYPE");
    CHECK(em_error_param_get(&d.err, "typeName") != NULL);
    decoded_release(&d);
    ts_release(&s);
}

EM_TEST(foreign_unsupported_types)
{
    ts_field time = F("t", IPC_T_TIME, .p1 = IPC_TU_NANOSECOND, .p2 = 64);
    expect_unsupported(&time, -1);
    ts_field d256 = F("d", IPC_T_DECIMAL, .p1 = 50, .p2 = 2, .p3 = 256);
    expect_unsupported(&d256, -1);
    ts_field view = F("v", IPC_T_UTF8_VIEW);
    expect_unsupported(&view, -1);
    ts_field un = F("u", IPC_T_UNION);
    expect_unsupported(&un, -1);
    ts_field ree = F("r", IPC_T_RUN_END_ENCODED);
    expect_unsupported(&ree, -1);
}
