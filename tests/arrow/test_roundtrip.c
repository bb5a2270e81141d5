/*
 * test_roundtrip: encode -> decode of the shared cases (arrow_cases.c), the stream layout
 * facts of the Arrow IPC format (continuation markers, 8-byte alignment, EOS), the
 * multi-message writer API, and the encoder's refusals (a batch that does not match its
 * schema, types Arrow results cannot carry, intervals overflowing nanoseconds).
 */
#include <stdio.h>
#include <string.h>

#include "arrow/ipc.h"
#include "arrow/ipc_int.h"
#include "arrow_cases.h"
#include "arrow_test_util.h"
#include "common/em_mem.h"
#include "em_test.h"

/*
 * The type a Spark type reads back as: char/varchar come back as string (Arrow has one Utf8),
 * and duplicate names inside nested structs come back renamed name_<k> (Spark's
 * ArrowUtils.deduplicateFieldNames). Top-level names are not renamed.
 */
static const ty *expected_read_type(em_arena *a, const ty *t)
{
    switch (t->kind) {
    case TY_CHAR:
    case TY_VARCHAR:
        return ty_string();
    case TY_ARRAY:
        return ty_array(a, expected_read_type(a, t->elem), t->contains_null);
    case TY_MAP:
        return ty_map(a, expected_read_type(a, t->key), expected_read_type(a, t->value),
                      t->value_contains_null);
    case TY_STRUCT: {
        ty_field f[TU_MAX_COLS];
        for (int idx = 0; idx < t->n_fields; idx++) {
            int same = 0, nth = 0;
            for (int other = 0; other < t->n_fields; other++)
                if (strcmp(t->fields[other].name, t->fields[idx].name) == 0) {
                    same++;
                    nth += other < idx;
                }
            f[idx].name = same > 1 ? em_arena_printf(a, "%s_%d", t->fields[idx].name, nth)
                                   : t->fields[idx].name;
            f[idx].type = expected_read_type(a, t->fields[idx].type);
            f[idx].nullable = t->fields[idx].nullable;
            f[idx].metadata = NULL;
        }
        return ty_struct(a, t->n_fields, f);
    }
    default:
        return t;
    }
}

/* Walks the framing of a stream; checks markers, alignment and the EOS; counts messages. */
static int check_framing(const uint8_t *p, size_t len)
{
    size_t pos = 0;
    int n = 0;
    for (;;) {
        CHECK(pos % 8 == 0);
        CHECK(pos + 8 <= len);
        if (pos + 8 > len)
            return -1;
        CHECK_EQ_INT(ipc_ld_u32(p + pos), 0xFFFFFFFFu);
        int32_t meta = ipc_ld_i32(p + pos + 4);
        if (meta == 0) {
            CHECK_EQ_INT(pos + 8, len);
            return n;
        }
        CHECK(meta > 0 && meta % 8 == 0);
        ipc_fb_buf fb;
        ipc_fb_buf_init(&fb, p + pos + 8, (size_t)meta);
        ipc_fb_table msg;
        CHECK(ipc_fb_root(&fb, &msg));
        int64_t body = ipc_fb_get_i64(&msg, IPC_MESSAGE_BODY_LENGTH, -1);
        CHECK(body >= 0 && body % 8 == 0);
        CHECK_EQ_INT(ipc_fb_get_i16(&msg, IPC_MESSAGE_VERSION, 0), IPC_METADATA_V5);
        CHECK(!fb.bad);
        pos += 8 + (size_t)meta + (size_t)body;
        n++;
    }
}

EM_TEST(roundtrip_every_case)
{
    em_arena a;
    em_arena_init(&a, 0);
    tu_case cases[16];
    int n = tu_cases(&a, cases, 16);
    for (int idx = 0; idx < n; idx++) {
        const tu_case *c = &cases[idx];
        const ty *schema = tu_case_schema(&a, c);
        vec_batch *batch = tu_case_batch(c);
        em_str out;
        em_str_init(&out, 0);
        em_str_puts(&out, "prefix!!"); /* appends after existing bytes */
        em_error err;
        em_error_clear(&err);
        ipc_write_opts opts = {.timezone = c->tz};
        CHECK_EQ_INT(ipc_encode_stream(schema, batch, &opts, &out, &err), 0);
        const uint8_t *stream = (const uint8_t *)out.data + 8;
        size_t len = out.len - 8;
        CHECK_EQ_INT(check_framing(stream, len), 2);

        em_arena da;
        em_arena_init(&da, 0);
        const ty *got_schema = NULL;
        vec_batch **got = NULL;
        int n_got = 0;
        int rc = ipc_decode_stream(stream, len, &da, &got_schema, &got, &n_got, &err);
        CHECK_EQ_INT(rc, 0);
        if (rc)
            fprintf(stderr, "  %s: %s\n", c->name, err.message);
        CHECK_EQ_INT(n_got, 1);
        if (rc == 0 && n_got == 1) {
            CHECK_EQ_INT(got_schema->n_fields, c->n_cols);
            CHECK_EQ_INT(got[0]->n_rows, c->rows);
            for (int col = 0; col < c->n_cols; col++) {
                const ty_field *f = &got_schema->fields[col];
                CHECK_EQ_STR(f->name, c->cols[col].name);
                CHECK_EQ_INT(f->nullable, c->cols[col].nullable);
                const ty *want_t = expected_read_type(&a, c->cols[col].type);
                CHECK(ty_equals(f->type, want_t));
                vec *want = tu_vec_json(want_t, c->cols[col].values);
                em_str why;
                em_str_init(&why, 0);
                bool eq = tu_vec_equal(got[0]->cols[col], want, &why);
                if (!eq)
                    fprintf(stderr, "  %s.%s: %s\n", c->name, c->cols[col].name, why.data);
                CHECK(eq);
                em_str_release(&why);
                vec_release(want);
            }
        }
        for (int b = 0; b < n_got; b++)
            vec_batch_free(got[b]);
        em_free(got);
        em_arena_release(&da);
        em_str_release(&out);
        vec_batch_free(batch);
    }
    em_arena_release(&a);
}

/* Vectors without nulls are written without a validity bitmap (buffer length 0). */
EM_TEST(roundtrip_validity_omitted_without_nulls)
{
    em_arena a;
    em_arena_init(&a, 0);
    ty_field f = {"x", ty_long(), true, NULL};
    const ty *schema = ty_struct(&a, 1, &f);
    vec *v = tu_vec_json(ty_long(), "[1, 2, 3]");
    vec_set_null(v, 1); /* a bitmap that is then cleared again still counts as no nulls */
    vec_set_valid(v, 1);
    vec_batch *b = tu_batch(1, 3, &v);
    em_str out;
    em_str_init(&out, 0);
    CHECK_EQ_INT(ipc_encode_stream(schema, b, NULL, &out, NULL), 0);
    /* Second message: its RecordBatch lists buffers (0, 0) then (0, 24). */
    size_t pos = 8 + (size_t)ipc_ld_i32((const uint8_t *)out.data + 4);
    ipc_fb_buf fb;
    ipc_fb_buf_init(&fb, (const uint8_t *)out.data + pos + 8,
                    (size_t)ipc_ld_i32((const uint8_t *)out.data + pos + 4));
    ipc_fb_table msg, rb;
    CHECK(ipc_fb_root(&fb, &msg));
    CHECK(ipc_fb_get_table(&msg, IPC_MESSAGE_HEADER, &rb));
    ipc_fb_vec nodes, bufs;
    CHECK(ipc_fb_get_vector(&rb, IPC_RB_NODES, 16, &nodes));
    CHECK(ipc_fb_get_vector(&rb, IPC_RB_BUFFERS, 16, &bufs));
    CHECK_EQ_INT(nodes.n, 1);
    CHECK_EQ_INT(bufs.n, 2);
    if (nodes.n == 1 && bufs.n == 2) {
        CHECK_EQ_INT(ipc_ld_i64(ipc_fb_vec_at(&nodes, 0)), 3);
        CHECK_EQ_INT(ipc_ld_i64(ipc_fb_vec_at(&nodes, 0) + 8), 0);
        CHECK_EQ_INT(ipc_ld_i64(ipc_fb_vec_at(&bufs, 0) + 8), 0);
        CHECK_EQ_INT(ipc_ld_i64(ipc_fb_vec_at(&bufs, 1) + 8), 24);
    }
    em_str_release(&out);
    vec_batch_free(b);
    em_arena_release(&a);
}

EM_TEST(roundtrip_multi_batch_writer)
{
    em_arena a;
    em_arena_init(&a, 0);
    ty_field f[2] = {{"id", ty_int(), false, NULL}, {"s", ty_string(), true, NULL}};
    const ty *schema = ty_struct(&a, 2, f);
    em_str out;
    em_str_init(&out, 0);
    CHECK_EQ_INT(ipc_encode_schema_message(schema, NULL, 0, &out, NULL), 0);
    const char *ids[3] = {"[1, 2]", "[]", "[3]"};
    const char *strs[3] = {"[\"a\", null]", "[]", "[\"ccc\"]"};
    int64_t rows[3] = {2, 0, 1};
    for (int idx = 0; idx < 3; idx++) {
        vec *cols[2] = {tu_vec_json(ty_int(), ids[idx]), tu_vec_json(ty_string(), strs[idx])};
        vec_batch *b = tu_batch(2, rows[idx], cols);
        CHECK_EQ_INT(ipc_encode_batch_message(schema, b, 0, &out, NULL), 0);
        vec_batch_free(b);
    }
    ipc_encode_eos(&out);
    CHECK_EQ_INT(check_framing((const uint8_t *)out.data, out.len), 4);
    const ty *got_schema;
    vec_batch **got;
    int n;
    CHECK_EQ_INT(
        ipc_decode_stream((const uint8_t *)out.data, out.len, &a, &got_schema, &got, &n, NULL), 0);
    CHECK_EQ_INT(n, 3);
    for (int idx = 0; idx < n; idx++) {
        vec *want = tu_vec_json(ty_string(), strs[idx]);
        em_str why;
        em_str_init(&why, 0);
        CHECK(tu_vec_equal(got[idx]->cols[1], want, &why));
        em_str_release(&why);
        vec_release(want);
        vec_batch_free(got[idx]);
    }
    em_free(got);
    em_str_release(&out);
    em_arena_release(&a);
}

/* A refused encode leaves the output as it was. */
static void expect_encode_error(const ty *schema, vec_batch *b)
{
    em_str out;
    em_str_init(&out, 0);
    em_str_puts(&out, "keep");
    em_error err;
    em_error_clear(&err);
    CHECK(ipc_encode_stream(schema, b, NULL, &out, &err) != 0);
    CHECK(em_error_is_set(&err));
    CHECK_EQ_INT(out.len, 4);
    CHECK_EQ_STR(out.data, "keep");
    em_str_release(&out);
    vec_batch_free(b);
}

EM_TEST(roundtrip_encoder_refusals)
{
    em_arena a;
    em_arena_init(&a, 0);
    ty_field f = {"x", ty_long(), true, NULL};
    const ty *schema = ty_struct(&a, 1, &f);
    /* Column count differs from the schema. */
    expect_encode_error(schema, vec_batch_new(0, 0));
    /* Column length differs from the batch. */
    vec *v = tu_vec_json(ty_long(), "[1, 2]");
    expect_encode_error(schema, tu_batch(1, 3, &v));
    /* Column kind differs from the field. */
    v = tu_vec_json(ty_int(), "[1]");
    expect_encode_error(schema, tu_batch(1, 1, &v));
    /* Calendar interval whose microseconds overflow int64 nanoseconds. */
    ty_field ci = {"ci", ty_calendar_interval_type(), true, NULL};
    v = tu_vec_json(ty_calendar_interval_type(), "[[0, 0, \"9223372036854776\"]]");
    expect_encode_error(ty_struct(&a, 1, &ci), tu_batch(1, 1, &v));
    /* ... but the same overflow under a null row is fine (nulls are written as zero). */
    v = tu_vec_json(ty_calendar_interval_type(), "[[0, 0, \"9223372036854776\"]]");
    vec_set_null(v, 0);
    vec_batch *b = tu_batch(1, 1, &v);
    em_str out;
    em_str_init(&out, 0);
    CHECK_EQ_INT(ipc_encode_stream(ty_struct(&a, 1, &ci), b, NULL, &out, NULL), 0);
    em_str_release(&out);
    vec_batch_free(b);
    /* Variant has no Arrow result form here. */
    ty_field var = {"v", ty_variant(), true, NULL};
    v = vec_new(ty_variant(), 0);
    expect_encode_error(ty_struct(&a, 1, &var), tu_batch(1, 0, &v));
    /* A schema that is not a struct. */
    expect_encode_error(ty_long(), vec_batch_new(0, 0));
    /* Nesting deeper than 64. */
    const ty *deep = ty_long();
    for (int idx = 0; idx < 70; idx++)
        deep = ty_array(&a, deep, true);
    ty_field df = {"deep", deep, true, NULL};
    v = vec_new(deep, 0);
    expect_encode_error(ty_struct(&a, 1, &df), tu_batch(1, 0, &v));
    /* An output already at its maximum. */
    em_str small;
    em_str_init(&small, 16);
    v = tu_vec_json(ty_long(), "[1]");
    b = tu_batch(1, 1, &v);
    CHECK(ipc_encode_stream(schema, b, NULL, &small, NULL) != 0);
    CHECK_EQ_INT(small.len, 0);
    CHECK(!small.overflow);
    em_str_release(&small);
    vec_batch_free(b);
    em_arena_release(&a);
}
