/*
 * test_fb: the flatbuffer builder and reader of src/arrow, against each other and against
 * hand-written bytes laid out as the flatbuffers binary format specifies (root uoffset,
 * soffset to the vtable, vtable of uint16 entries, uoffset to vectors and strings).
 */
#include <string.h>

#include "arrow/ipc_int.h"
#include "em_test.h"

EM_TEST(fb_build_then_read)
{
    ipc_fb_builder b;
    ipc_fb_init(&b);
    ipc_fb_ref name = ipc_fb_string(&b, "hello", 5);
    int64_t pairs[4] = {1, 2, 3, 4};
    ipc_fb_ref structs = ipc_fb_vector(&b, pairs, 2, 16, 8);
    ipc_fb_table_start(&b);
    ipc_fb_add_i32(&b, 0, 42);
    ipc_fb_ref child = ipc_fb_table_end(&b);
    ipc_fb_ref kids = ipc_fb_vector_refs(&b, (ipc_fb_ref[]){child, child}, 2);
    ipc_fb_table_start(&b);
    ipc_fb_add_u8(&b, 0, 7);
    ipc_fb_add_i16(&b, 1, -3);
    ipc_fb_add_i64(&b, 3, -5000000000LL);
    ipc_fb_add_ref(&b, 4, name);
    ipc_fb_add_ref(&b, 5, structs);
    ipc_fb_add_ref(&b, 6, kids);
    ipc_fb_ref root = ipc_fb_table_end(&b);
    const uint8_t *data;
    size_t len;
    CHECK_EQ_INT(ipc_fb_finish(&b, root, &data, &len, NULL), 0);
    CHECK_EQ_INT(len % 8, 0);

    ipc_fb_buf fb;
    ipc_fb_buf_init(&fb, data, len);
    ipc_fb_table t;
    CHECK(ipc_fb_root(&fb, &t));
    CHECK_EQ_INT(ipc_fb_get_u8(&t, 0, 0), 7);
    CHECK_EQ_INT(ipc_fb_get_i16(&t, 1, 0), -3);
    CHECK_EQ_INT(ipc_fb_get_i32(&t, 2, 99), 99); /* absent: default */
    CHECK_EQ_INT(ipc_fb_get_i64(&t, 3, 0), -5000000000LL);
    CHECK_EQ_INT(ipc_fb_get_i32(&t, 40, 11), 11); /* beyond the vtable: default */
    const char *s;
    uint32_t slen;
    CHECK(ipc_fb_get_string(&t, 4, &s, &slen));
    CHECK_EQ_INT(slen, 5);
    CHECK(memcmp(s, "hello", 5) == 0 && s[5] == '\0');
    ipc_fb_vec v;
    CHECK(ipc_fb_get_vector(&t, 5, 16, &v));
    CHECK_EQ_INT(v.n, 2);
    CHECK_EQ_INT(ipc_ld_i64(ipc_fb_vec_at(&v, 1) + 8), 4);
    CHECK_EQ_INT((uintptr_t)(data + v.pos) % 8, (uintptr_t)data % 8); /* 8-aligned in buffer */
    CHECK(ipc_fb_get_vector(&t, 6, 4, &v));
    CHECK_EQ_INT(v.n, 2);
    ipc_fb_table c;
    CHECK(ipc_fb_vec_table(&v, 1, &c));
    CHECK_EQ_INT(ipc_fb_get_i32(&c, 0, 0), 42);
    CHECK(!fb.bad);
    ipc_fb_release(&b);
}

/* A tiny flatbuffer written byte by byte from the format description. */
EM_TEST(fb_read_hand_written)
{
    uint8_t buf[] = {
        12,   0, 0, 0,       /* root uoffset -> table at 12 */
        0,    0,             /* padding */
        6,    0, 8, 0, 4, 0, /* vtable at 6: 6 bytes, table 8 bytes, field 0 at +4 */
        6,    0, 0, 0,       /* table at 12: soffset 6 -> vtable at 6 */
        0x2A, 0, 0, 0,       /* field 0: int32 42 */
    };
    ipc_fb_buf fb;
    ipc_fb_buf_init(&fb, buf, sizeof buf);
    ipc_fb_table t;
    CHECK(ipc_fb_root(&fb, &t));
    CHECK_EQ_INT(ipc_fb_get_i32(&t, 0, 0), 42);
    CHECK_EQ_INT(ipc_fb_get_i32(&t, 1, 5), 5);
    CHECK(!fb.bad);
}

EM_TEST(fb_reader_rejects_bad_offsets)
{
    /* Root offset past the end. */
    uint8_t a[8] = {200, 0, 0, 0, 0, 0, 0, 0};
    ipc_fb_buf fb;
    ipc_fb_table t;
    ipc_fb_buf_init(&fb, a, sizeof a);
    CHECK(!ipc_fb_root(&fb, &t) && fb.bad);
    /* Too short for a root. */
    ipc_fb_buf_init(&fb, a, 3);
    CHECK(!ipc_fb_root(&fb, &t) && fb.bad);
    /* vtable before the buffer start (soffset larger than the position). */
    uint8_t b[12] = {4, 0, 0, 0, 100, 0, 0, 0, 0, 0, 0, 0};
    ipc_fb_buf_init(&fb, b, sizeof b);
    CHECK(!ipc_fb_root(&fb, &t) && fb.bad);
    /* vtable claiming a field outside the table. */
    uint8_t c[] = {12, 0, 0, 0, 0, 0, 6, 0, 8, 0, 40, 0, 6, 0, 0, 0, 1, 0, 0, 0};
    ipc_fb_buf_init(&fb, c, sizeof c);
    CHECK(ipc_fb_root(&fb, &t));
    CHECK_EQ_INT(ipc_fb_get_i32(&t, 0, 77), 77);
    CHECK(fb.bad);
    /* A vector whose length runs past the buffer. */
    uint8_t d[] = {12, 0, 0, 0, 0, 0, 6, 0, 8,    0,    4,    0,
                   6,  0, 0, 0, 4, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0x0F};
    ipc_fb_buf_init(&fb, d, sizeof d);
    CHECK(ipc_fb_root(&fb, &t));
    ipc_fb_vec v;
    CHECK(!ipc_fb_get_vector(&t, 0, 4, &v));
    CHECK(fb.bad);
    /* A zero uoffset (pointing at itself) is refused. */
    uint8_t e[] = {12, 0, 0, 0, 0, 0, 6, 0, 8, 0, 4, 0, 6, 0, 0, 0, 0, 0, 0, 0};
    ipc_fb_buf_init(&fb, e, sizeof e);
    CHECK(ipc_fb_root(&fb, &t));
    ipc_fb_table child;
    CHECK(!ipc_fb_get_table(&t, 0, &child));
    CHECK(fb.bad);
}

EM_TEST(fb_utf8_validation)
{
    struct {
        const char *s;
        bool ok;
    } cases[] = {
        {"", true},
        {"plain ascii", true},
        {"h\xC3\xA9llo", true},
        {"\xE2\x82\xAC", true},      /* U+20AC */
        {"\xF0\x9F\x98\x80", true},  /* U+1F600 */
        {"\xF4\x8F\xBF\xBF", true},  /* U+10FFFF */
        {"\xC0\xAF", false},         /* overlong '/' */
        {"\xE0\x80\xAF", false},     /* overlong */
        {"\xED\xA0\x80", false},     /* surrogate U+D800 */
        {"\xF4\x90\x80\x80", false}, /* past U+10FFFF */
        {"\xE2\x82", false},         /* truncated */
        {"\x80", false},             /* lone continuation */
        {"\xFF", false},
        {"ok\xC3", false},
    };
    for (size_t idx = 0; idx < sizeof cases / sizeof cases[0]; idx++)
        CHECK_EQ_INT(ipc_utf8_valid((const uint8_t *)cases[idx].s, strlen(cases[idx].s)),
                     cases[idx].ok);
}
