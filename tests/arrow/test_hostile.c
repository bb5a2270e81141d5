/*
 * test_hostile: the decoder against input no honest writer produces. Every case must end in
 * an error (or, for random mutations, in either an error or batches that are internally
 * consistent), never in a crash, an over-read (ASan), undefined behaviour (UBSan) or a leak.
 *   - every truncation of valid streams (ours, Arrow JS's, hand-built pyarrow-style ones);
 *   - a few thousand deterministic random mutations (bit flips, bytes, and "interesting"
 *     32/64-bit values written over lengths and offsets); decoded survivors are re-encoded
 *     and decoded again, which checks that what the decoder returns is consistent;
 *   - absurd lengths, offsets out of range, decreasing offsets, null counts that lie, invalid
 *     UTF-8, dictionary indices outside the dictionary, deep and exponentially shared schemas.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arrow/ipc.h"
#include "arrow/ipc_int.h"
#include "arrow_cases.h"
#include "arrow_test_stream.h"
#include "arrow_test_util.h"
#include "common/em_mem.h"
#include "em_test.h"

#ifndef ARROW_TEST_JS_DIR
#define ARROW_TEST_JS_DIR "tests/arrow/js"
#endif

/* Decodes; on success re-encodes and decodes again. Returns the first decode's status. */
static int decode_any(const uint8_t *data, size_t len, em_error *err)
{
    em_arena a;
    em_arena_init(&a, 0);
    const ty *schema;
    vec_batch **batches;
    int n;
    em_error_clear(err);
    int rc = ipc_decode_stream(data, len, &a, &schema, &batches, &n, err);
    if (rc == 0) {
        for (int idx = 0; idx < n; idx++) {
            em_str out;
            em_str_init(&out, 0);
            em_error e2;
            em_error_clear(&e2);
            int rc2 = ipc_encode_stream(schema, batches[idx], NULL, &out, &e2);
            if (rc2)
                fprintf(stderr, "  re-encode failed: %s\n", e2.message);
            CHECK_EQ_INT(rc2, 0);
            const ty *s2;
            vec_batch **b2;
            int n2;
            CHECK_EQ_INT(
                ipc_decode_stream((const uint8_t *)out.data, out.len, &a, &s2, &b2, &n2, &e2), 0);
            for (int k = 0; k < n2; k++)
                vec_batch_free(b2[k]);
            em_free(b2);
            em_str_release(&out);
            vec_batch_free(batches[idx]);
        }
        em_free(batches);
    } else {
        CHECK(em_error_is_set(err));
        CHECK(batches == NULL && n == 0 && schema == NULL);
    }
    em_arena_release(&a);
    return rc;
}

static void expect_malformed(const em_str *s, const char *what)
{
    em_error err;
    int rc = decode_any((const uint8_t *)s->data, s->len, &err);
    CHECK(rc != 0);
    if (rc != 0 && what && !strstr(err.message, what)) {
        fprintf(stderr, "  expected \"%s\" in: %s\n", what, err.message);
        CHECK(!"unexpected error message");
    }
}

/* A few valid streams to cut and mutate: our encodings, Arrow JS's, a pyarrow-style one. */
static int base_streams(em_str *out, int max)
{
    em_arena a;
    em_arena_init(&a, 0);
    tu_case cases[16];
    int n_cases = tu_cases(&a, cases, 16), n = 0;
    for (int idx = 0; idx < n_cases && n < max; idx++) {
        const tu_case *c = &cases[idx];
        if (strcmp(c->name, "primitives") && strcmp(c->name, "nested") &&
            strcmp(c->name, "decimals"))
            continue;
        vec_batch *b = tu_case_batch(c);
        em_str_init(&out[n], 0);
        CHECK_EQ_INT(ipc_encode_stream(tu_case_schema(&a, c), b, NULL, &out[n], NULL), 0);
        vec_batch_free(b);
        n++;
    }
    const char *fixtures[2] = {"js_multi_dict.arrows", "js_types.arrows"};
    for (int idx = 0; idx < 2 && n < max; idx++) {
        char path[512];
        snprintf(path, sizeof path, "%s/../fixtures/%s", ARROW_TEST_JS_DIR, fixtures[idx]);
        uint8_t *data;
        size_t len;
        if (tu_read_file(path, &data, &len)) {
            em_str_init(&out[n], 0);
            em_str_append(&out[n], (const char *)data, len);
            em_free(data);
            n++;
        }
    }
    em_arena_release(&a);
    return n;
}

EM_TEST(hostile_every_truncation)
{
    em_str streams[8];
    int n = base_streams(streams, 8);
    CHECK(n >= 5);
    for (int idx = 0; idx < n; idx++) {
        em_error err;
        CHECK_EQ_INT(decode_any((const uint8_t *)streams[idx].data, streams[idx].len, &err), 0);
        for (size_t cut = 0; cut < streams[idx].len; cut++) {
            /* A copy of exactly `cut` bytes, so ASan sees any read past it. */
            uint8_t *copy = em_malloc(cut ? cut : 1);
            memcpy(copy, streams[idx].data, cut);
            int rc = decode_any(copy, cut, &err);
            if (rc == 0)
                fprintf(stderr, "  stream %d cut at %zu decoded\n", idx, cut);
            CHECK(rc != 0);
            em_free(copy);
        }
        em_str_release(&streams[idx]);
    }
}

static uint64_t rng_state = 0x9E3779B97F4A7C15ULL;
static uint64_t rng(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

EM_TEST(hostile_random_mutations)
{
    static const int64_t interesting[] = {
        0,          1,         -1,           2,         7,         8,         16,      255,
        0x7FFFFFFF, INT32_MIN, 0xFFFFFFFFLL, 1LL << 32, INT64_MAX, INT64_MIN, 1 << 20, -8};
    em_str streams[8];
    int n = base_streams(streams, 8);
    /* EMBER_ARROW_SEED picks another deterministic sequence. */
    const char *seed = getenv("EMBER_ARROW_SEED");
    rng_state = seed && strtoull(seed, NULL, 10) ? strtoull(seed, NULL, 10) : 0x9E3779B97F4A7C15ULL;
    /* EMBER_ARROW_MUTATIONS=N runs N rounds per stream (default 800) for a longer local run. */
    const char *env = getenv("EMBER_ARROW_MUTATIONS");
    int rounds = env && atoi(env) > 0 ? atoi(env) : 800;
    int ok = 0, failed = 0;
    for (int idx = 0; idx < n; idx++) {
        size_t len = streams[idx].len;
        for (int round = 0; round < rounds; round++) {
            uint8_t *copy = em_malloc(len);
            memcpy(copy, streams[idx].data, len);
            int n_edits = 1 + (int)(rng() % 3);
            for (int e = 0; e < n_edits; e++) {
                size_t at = (size_t)(rng() % len);
                switch (rng() % 4) {
                case 0:
                    copy[at] ^= (uint8_t)(1u << (rng() % 8));
                    break;
                case 1:
                    copy[at] = (uint8_t)rng();
                    break;
                case 2: {
                    at &= ~(size_t)3;
                    int32_t v = (int32_t)interesting[rng() % 16];
                    if (at + 4 <= len)
                        memcpy(copy + at, &v, 4);
                    break;
                }
                default: {
                    at &= ~(size_t)7;
                    int64_t v = interesting[rng() % 16];
                    if (at + 8 <= len)
                        memcpy(copy + at, &v, 8);
                    break;
                }
                }
            }
            em_error err;
            if (decode_any(copy, len, &err) == 0)
                ok++;
            else
                failed++;
            em_free(copy);
        }
        em_str_release(&streams[idx]);
    }
    printf("  mutations: %d decoded, %d rejected\n", ok, failed);
    CHECK(failed > 0);
}

#define F(n, tid, ...)                                                                             \
    {                                                                                              \
        .name = (n), .nullable = true, .type_id = (tid), __VA_ARGS__                               \
    }

/* A one-column stream: schema f, then one batch of `length` rows with the given parts. */
static void one_column(em_str *out, ts_field f, int64_t length, const int64_t *nodes, int n_nodes,
                       const ts_buf *bufs, int n_bufs)
{
    ts_stream s;
    ts_init(&s);
    ts_schema(&s, &f, 1, false);
    ts_batch(&s, length, nodes, n_nodes, bufs, n_bufs);
    ts_eos(&s);
    em_str_init(out, 0);
    em_str_append(out, s.out.data, s.out.len);
    ts_release(&s);
}

EM_TEST(hostile_lengths_and_offsets)
{
    em_str s;
    ts_field utf8 = F("s", IPC_T_UTF8);
    int32_t offs[3] = {0, 2, 4};
    uint8_t valid = 0x1;
    /* Sanity: the well-formed version decodes. */
    int64_t nodes[2] = {2, 0};
    ts_buf bufs[3] = {{NULL, 0}, {offs, 12}, {"abcd", 4}};
    one_column(&s, utf8, 2, nodes, 1, bufs, 3);
    em_error err;
    CHECK_EQ_INT(decode_any((const uint8_t *)s.data, s.len, &err), 0);
    em_str_release(&s);
    /* Last offset past the data. */
    int32_t past[3] = {0, 2, 5};
    ts_buf b_past[3] = {{NULL, 0}, {past, 12}, {"abcd", 4}};
    one_column(&s, utf8, 2, nodes, 1, b_past, 3);
    expect_malformed(&s, "offsets past");
    em_str_release(&s);
    /* Decreasing and negative offsets. */
    int32_t dec[3] = {0, 3, 2};
    ts_buf b_dec[3] = {{NULL, 0}, {dec, 12}, {"abcd", 4}};
    one_column(&s, utf8, 2, nodes, 1, b_dec, 3);
    expect_malformed(&s, "offsets decrease");
    em_str_release(&s);
    int32_t neg[3] = {-1, 2, 4};
    ts_buf b_neg[3] = {{NULL, 0}, {neg, 12}, {"abcd", 4}};
    one_column(&s, utf8, 2, nodes, 1, b_neg, 3);
    expect_malformed(&s, "negative offset");
    em_str_release(&s);
    /* Offsets buffer too short for the rows. */
    ts_buf b_short[3] = {{NULL, 0}, {offs, 8}, {"abcd", 4}};
    one_column(&s, utf8, 2, nodes, 1, b_short, 3);
    expect_malformed(&s, "offsets buffer");
    em_str_release(&s);
    /* Null count that the bitmap contradicts. */
    int64_t lie[2] = {2, 2};
    ts_buf b_lie[3] = {{&valid, 1}, {offs, 12}, {"abcd", 4}};
    one_column(&s, utf8, 2, lie, 1, b_lie, 3);
    expect_malformed(&s, "null count");
    em_str_release(&s);
    /* Null count above the length, negative length, length past 2^31. */
    int64_t over[2] = {2, 3}, negl[2] = {-2, 0}, huge[2] = {1LL << 40, 0};
    one_column(&s, utf8, 2, over, 1, bufs, 3);
    expect_malformed(&s, "null count");
    em_str_release(&s);
    one_column(&s, utf8, 2, negl, 1, bufs, 3);
    expect_malformed(&s, "array length");
    em_str_release(&s);
    one_column(&s, utf8, 2, huge, 1, bufs, 3);
    expect_malformed(&s, "array length");
    em_str_release(&s);
    /* A batch longer than its column. */
    one_column(&s, utf8, 3, nodes, 1, bufs, 3);
    expect_malformed(&s, "lacks rows");
    em_str_release(&s);
    /* Fewer nodes / buffers than the schema needs. */
    one_column(&s, utf8, 2, nodes, 0, bufs, 3);
    expect_malformed(&s, "fewer field nodes");
    em_str_release(&s);
    one_column(&s, utf8, 2, nodes, 1, bufs, 2);
    expect_malformed(&s, "fewer buffers");
    em_str_release(&s);
    /* Invalid UTF-8 in a value (an overlong '/'); the same bytes are fine as binary. */
    ts_buf b_utf[3] = {{NULL, 0},
                       {offs, 12},
                       {"a\xC0\xAF"
                        "b",
                        4}};
    one_column(&s, utf8, 2, nodes, 1, b_utf, 3);
    expect_malformed(&s, "UTF-8");
    em_str_release(&s);
    one_column(&s, (ts_field)F("b", IPC_T_BINARY), 2, nodes, 1, b_utf, 3);
    CHECK_EQ_INT(decode_any((const uint8_t *)s.data, s.len, &err), 0);
    em_str_release(&s);
    /* ... and the invalid bytes under a null row are dropped, not rejected. */
    int64_t one_null[2] = {2, 1};
    uint8_t second_valid = 0x2;
    int32_t offs_bad_first[3] = {0, 2, 4};
    ts_buf b_null_bad[3] = {{&second_valid, 1},
                            {offs_bad_first, 12},
                            {"\xC0\xAF"
                             "ok",
                             4}};
    one_column(&s, utf8, 2, one_null, 1, b_null_bad, 3);
    CHECK_EQ_INT(decode_any((const uint8_t *)s.data, s.len, &err), 0);
    em_str_release(&s);
    /* Invalid UTF-8 in a field name. */
    one_column(&s, (ts_field)F("bad\xFF", IPC_T_UTF8), 2, nodes, 1, bufs, 3);
    expect_malformed(&s, "UTF-8");
    em_str_release(&s);
    /* A buffer outside the body (offset and length are validated as given). */
    ts_stream ts;
    ts_init(&ts);
    ts_field i64 = F("i", IPC_T_INT, .p1 = 64, .p2 = 1);
    ts_schema(&ts, &i64, 1, false);
    int64_t vals[2] = {1, 2};
    ts_buf b_i[2] = {{NULL, 0}, {vals, 16}};
    ts_batch(&ts, 2, nodes, 1, b_i, 2);
    ts_eos(&ts);
    /* Find the Buffer struct (offset 0, length 16) in the metadata and break it. */
    int64_t pattern[2] = {0, 16};
    char *hit = memmem(ts.out.data, ts.out.len, pattern, 16);
    CHECK(hit != NULL);
    if (hit) {
        int64_t bad_len = 17;
        memcpy(hit + 8, &bad_len, 8);
        expect_malformed(&ts.out, "outside a body");
        int64_t bad_off = INT64_MAX - 4;
        bad_len = 16;
        memcpy(hit, &bad_off, 8);
        memcpy(hit + 8, &bad_len, 8);
        expect_malformed(&ts.out, "outside a body");
    }
    ts_release(&ts);
    /* A values buffer shorter than the rows. */
    ts_buf b_i_short[2] = {{NULL, 0}, {vals, 8}};
    one_column(&s, i64, 2, nodes, 1, b_i_short, 2);
    expect_malformed(&s, "values buffer");
    em_str_release(&s);
}

EM_TEST(hostile_budget_and_messages)
{
    em_str s;
    /* 2^31 - 1 rows of a Null column: no buffers bound it, the output budget does. */
    int64_t nodes[2] = {INT32_MAX, INT32_MAX};
    one_column(&s, (ts_field)F("n", IPC_T_NULL), INT32_MAX, nodes, 1, NULL, 0);
    expect_malformed(&s, "budget");
    em_str_release(&s);
    /* Message framing: metadata length negative, past the end; body past the end. */
    em_str_init(&s, 0);
    uint8_t neg[8] = {0xFF, 0xFF, 0xFF, 0xFF, 0xF0, 0xFF, 0xFF, 0xFF};
    em_str_append(&s, (const char *)neg, 8);
    expect_malformed(&s, "metadata");
    em_str_reset(&s);
    uint8_t big[16] = {0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0x00, 0x00, 0x10};
    em_str_append(&s, (const char *)big, 16);
    expect_malformed(&s, "metadata");
    em_str_release(&s);
    /* Empty input, EOS only, garbage. */
    em_str_init(&s, 0);
    expect_malformed(&s, "end-of-stream");
    ipc_encode_eos(&s);
    expect_malformed(&s, "before its schema");
    em_str_reset(&s);
    em_str_puts(&s, "this is not an arrow stream at all");
    expect_malformed(&s, NULL);
    em_str_release(&s);
    /* A batch before the schema; two schemas. */
    ts_stream t;
    ts_init(&t);
    int64_t n1[2] = {0, 0};
    ts_buf nb[2] = {{NULL, 0}, {NULL, 0}};
    ts_batch(&t, 0, n1, 1, nb, 2);
    ts_eos(&t);
    expect_malformed(&t.out, "does not start with a schema");
    ts_release(&t);
    ts_init(&t);
    ts_field i32 = F("i", IPC_T_INT, .p1 = 32, .p2 = 1);
    ts_schema(&t, &i32, 1, false);
    ts_schema(&t, &i32, 1, false);
    ts_eos(&t);
    expect_malformed(&t.out, "second schema");
    ts_release(&t);
    /* Metadata version V3 is refused. */
    ts_init(&t);
    t.version = 2;
    ts_schema(&t, &i32, 1, false);
    ts_eos(&t);
    expect_malformed(&t.out, "metadata version");
    ts_release(&t);
    /* Impossible type parameters. */
    ts_field bad_int = F("i", IPC_T_INT, .p1 = 12, .p2 = 1);
    ts_field bad_dec = F("d", IPC_T_DECIMAL, .p1 = 39, .p2 = 0);
    ts_field bad_tag = F("x", 99);
    ts_field flat_kids = F("k", IPC_T_INT, .p1 = 8, .p2 = 1, .n_children = 1, .children = &i32);
    ts_field empty_list = F("l", IPC_T_LIST);
    ts_field *bad[5] = {&bad_int, &bad_dec, &bad_tag, &flat_kids, &empty_list};
    for (int idx = 0; idx < 5; idx++) {
        ts_init(&t);
        ts_schema(&t, bad[idx], 1, false);
        ts_eos(&t);
        expect_malformed(&t.out, "malformed");
        ts_release(&t);
    }
}

EM_TEST(hostile_values)
{
    em_str s;
    int64_t nodes[2] = {1, 0};
    /* Decimal beyond its precision: 1000 in decimal(3, 0). */
    __int128 thousand = 1000;
    ts_buf b_dec[2] = {{NULL, 0}, {&thousand, 16}};
    one_column(&s, (ts_field)F("d", IPC_T_DECIMAL, .p1 = 3, .p2 = 0), 1, nodes, 1, b_dec, 2);
    expect_malformed(&s, "precision");
    em_str_release(&s);
    /* Timestamp(SECOND) overflowing microseconds. */
    int64_t big = INT64_MAX / 10;
    ts_buf b_ts[2] = {{NULL, 0}, {&big, 8}};
    one_column(&s, (ts_field)F("t", IPC_T_TIMESTAMP, .p1 = IPC_TU_SECOND), 1, nodes, 1, b_ts, 2);
    expect_malformed(&s, "out of range");
    em_str_release(&s);
    /* Date(MILLISECOND) outside int32 days. */
    ts_buf b_dt[2] = {{NULL, 0}, {&big, 8}};
    one_column(&s, (ts_field)F("d", IPC_T_DATE, .p1 = IPC_DATE_MILLISECOND), 1, nodes, 1, b_dt, 2);
    expect_malformed(&s, "date out of range");
    em_str_release(&s);
    /* A map with a null key. */
    ts_field kv[2] = {F("key", IPC_T_INT, .p1 = 32, .p2 = 1),
                      F("value", IPC_T_INT, .p1 = 32, .p2 = 1)};
    ts_field entries = {
        .name = "entries", .type_id = IPC_T_STRUCT, .n_children = 2, .children = kv};
    int32_t m_off[2] = {0, 1};
    int32_t k[1] = {0};
    uint8_t null_bit = 0;
    int64_t m_nodes[8] = {1, 0, 1, 0, 1, 1, 1, 0};
    ts_buf m_bufs[7] = {{NULL, 0}, {m_off, 8}, {NULL, 0}, {&null_bit, 1},
                        {k, 4},    {NULL, 0},  {k, 4}};
    one_column(&s, (ts_field)F("m", IPC_T_MAP, .n_children = 1, .children = &entries), 1, m_nodes,
               4, m_bufs, 7);
    expect_malformed(&s, "map key is null");
    em_str_release(&s);
    /* A map whose child is not Struct<key, value>. */
    ts_field not_struct = F("entries", IPC_T_INT, .p1 = 32, .p2 = 1);
    one_column(&s, (ts_field)F("m", IPC_T_MAP, .n_children = 1, .children = &not_struct), 1,
               m_nodes, 2, m_bufs, 4);
    expect_malformed(&s, "Struct<key, value>");
    em_str_release(&s);
}

EM_TEST(hostile_dictionaries)
{
    ts_field f =
        F("c", IPC_T_UTF8, .dict = true, .dict_id = 3, .index_width = 32, .index_signed = true);
    int32_t d_off[3] = {0, 1, 2};
    int64_t d_nodes[2] = {2, 0};
    ts_buf d_bufs[3] = {{NULL, 0}, {d_off, 12}, {"ab", 2}};
    int64_t nodes[2] = {1, 0};
    int32_t bad_idx[4] = {2, -1, 0, 1};
    const char *what[2] = {"outside a dictionary", "outside a dictionary"};
    for (int idx = 0; idx < 2; idx++) {
        ts_stream s;
        ts_init(&s);
        ts_schema(&s, &f, 1, false);
        ts_dict_batch(&s, 3, false, 2, d_nodes, 1, d_bufs, 3);
        ts_buf bufs[2] = {{NULL, 0}, {&bad_idx[idx], 4}};
        ts_batch(&s, 1, nodes, 1, bufs, 2);
        ts_eos(&s);
        expect_malformed(&s.out, what[idx]);
        ts_release(&s);
    }
    /* uint64 index above INT64_MAX. */
    ts_field fu = f;
    fu.index_width = 64;
    fu.index_signed = false;
    ts_stream s;
    ts_init(&s);
    ts_schema(&s, &fu, 1, false);
    ts_dict_batch(&s, 3, false, 2, d_nodes, 1, d_bufs, 3);
    uint64_t huge = UINT64_MAX;
    ts_buf hb[2] = {{NULL, 0}, {&huge, 8}};
    ts_batch(&s, 1, nodes, 1, hb, 2);
    ts_eos(&s);
    expect_malformed(&s.out, "outside a dictionary");
    ts_release(&s);
    /* Used before it was sent; a dictionary batch for an id nobody uses. */
    ts_init(&s);
    ts_schema(&s, &f, 1, false);
    int32_t zero = 0;
    ts_buf zb[2] = {{NULL, 0}, {&zero, 4}};
    ts_batch(&s, 1, nodes, 1, zb, 2);
    ts_eos(&s);
    expect_malformed(&s.out, "before it was sent");
    ts_release(&s);
    /* ... but rows that look nothing up need no dictionary: all-null and zero-row batches. */
    ts_init(&s);
    ts_schema(&s, &f, 1, false);
    int64_t null_node[2] = {2, 2}, empty_node[2] = {0, 0};
    uint8_t no_bits = 0;
    int32_t garbage[2] = {77, -5};
    ts_buf nbufs[2] = {{&no_bits, 1}, {garbage, 8}};
    ts_batch(&s, 2, null_node, 1, nbufs, 2);
    ts_buf ebufs[2] = {{NULL, 0}, {NULL, 0}};
    ts_batch(&s, 0, empty_node, 1, ebufs, 2);
    ts_eos(&s);
    em_error err;
    CHECK_EQ_INT(decode_any((const uint8_t *)s.out.data, s.out.len, &err), 0);
    ts_release(&s);
    ts_init(&s);
    ts_schema(&s, &f, 1, false);
    ts_dict_batch(&s, 4, false, 2, d_nodes, 1, d_bufs, 3);
    ts_eos(&s);
    expect_malformed(&s.out, "unknown id");
    ts_release(&s);
    /* Two fields sharing an id with different value types. */
    ts_field two[2] = {f, F("i", IPC_T_INT, .p1 = 32, .p2 = 1, .dict = true, .dict_id = 3,
                            .index_width = 8, .index_signed = true)};
    ts_init(&s);
    ts_schema(&s, two, 2, false);
    ts_eos(&s);
    expect_malformed(&s.out, "two value types");
    ts_release(&s);
}

EM_TEST(hostile_deep_and_shared_schemas)
{
    /* 70 nested lists: deeper than the 64 the decoder accepts. */
    ts_field chain[70];
    for (int idx = 0; idx < 70; idx++) {
        chain[idx] = (ts_field)F("l", IPC_T_LIST, .n_children = 1, .children = &chain[idx + 1]);
        if (idx == 69)
            chain[idx] = (ts_field)F("i", IPC_T_INT, .p1 = 32, .p2 = 1);
    }
    ts_stream s;
    ts_init(&s);
    ts_schema(&s, chain, 1, false);
    ts_eos(&s);
    expect_malformed(&s.out, "deeper");
    ts_release(&s);
    /* A schema that points at one Field table many times at every level: 200^4 fields once
     * expanded, from a few kilobytes. */
    ipc_fb_builder b;
    ipc_fb_init(&b);
    ipc_fb_table_start(&b);
    ipc_fb_add_i32(&b, IPC_INT_BIT_WIDTH, 32);
    ipc_fb_add_u8(&b, IPC_INT_IS_SIGNED, 1);
    ipc_fb_ref int_type = ipc_fb_table_end(&b);
    ipc_fb_ref name = ipc_fb_string(&b, "f", 1);
    ipc_fb_table_start(&b);
    ipc_fb_ref struct_type = ipc_fb_table_end(&b);
    ipc_fb_table_start(&b);
    ipc_fb_add_ref(&b, IPC_FIELD_NAME, name);
    ipc_fb_add_u8(&b, IPC_FIELD_TYPE_TYPE, IPC_T_INT);
    ipc_fb_add_ref(&b, IPC_FIELD_TYPE, int_type);
    ipc_fb_ref field = ipc_fb_table_end(&b);
    ipc_fb_ref refs[200];
    for (int level = 0; level < 4; level++) {
        for (int idx = 0; idx < 200; idx++)
            refs[idx] = field;
        ipc_fb_ref kids = ipc_fb_vector_refs(&b, refs, 200);
        ipc_fb_table_start(&b);
        ipc_fb_add_ref(&b, IPC_FIELD_NAME, name);
        ipc_fb_add_u8(&b, IPC_FIELD_TYPE_TYPE, IPC_T_STRUCT);
        ipc_fb_add_ref(&b, IPC_FIELD_TYPE, struct_type);
        ipc_fb_add_ref(&b, IPC_FIELD_CHILDREN, kids);
        field = ipc_fb_table_end(&b);
    }
    ipc_fb_ref top = ipc_fb_vector_refs(&b, &field, 1);
    ipc_fb_table_start(&b);
    ipc_fb_add_ref(&b, IPC_SCHEMA_FIELDS, top);
    ipc_fb_ref schema = ipc_fb_table_end(&b);
    ipc_fb_table_start(&b);
    ipc_fb_add_i16(&b, IPC_MESSAGE_VERSION, IPC_METADATA_V5);
    ipc_fb_add_u8(&b, IPC_MESSAGE_HEADER_TYPE, IPC_HDR_SCHEMA);
    ipc_fb_add_ref(&b, IPC_MESSAGE_HEADER, schema);
    ipc_fb_ref msg = ipc_fb_table_end(&b);
    const uint8_t *fb;
    size_t fb_len;
    CHECK_EQ_INT(ipc_fb_finish(&b, msg, &fb, &fb_len, NULL), 0);
    em_str out;
    em_str_init(&out, 0);
    uint32_t marker = 0xFFFFFFFFu;
    int32_t meta = (int32_t)fb_len;
    em_str_append(&out, (const char *)&marker, 4);
    em_str_append(&out, (const char *)&meta, 4);
    em_str_append(&out, (const char *)fb, fb_len);
    ipc_encode_eos(&out);
    expect_malformed(&out, "too many fields");
    em_str_release(&out);
    ipc_fb_release(&b);
}
