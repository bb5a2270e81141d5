/*
 * test_cdata: the Arrow C Data Interface export. Formats and flags are checked against the
 * format strings of the specification ("The Arrow C data interface", format string table);
 * buffers against the columnar layout (bit-packed booleans, int32 offsets, month_day_nano);
 * ownership by freeing the batch before reading the export, moving a child out before the
 * parent's release, and LSan for anything not freed.
 */
#include <string.h>

#include "arrow/cdata.h"
#include "arrow_cases.h"
#include "arrow_test_util.h"
#include "em_test.h"

static const struct ArrowSchema *child_named(const struct ArrowSchema *s, const char *name)
{
    for (int64_t idx = 0; idx < s->n_children; idx++)
        if (strcmp(s->children[idx]->name, name) == 0)
            return s->children[idx];
    return NULL;
}

static int col_index(const tu_case *c, const char *name)
{
    for (int idx = 0; idx < c->n_cols; idx++)
        if (strcmp(c->cols[idx].name, name) == 0)
            return idx;
    return -1;
}

EM_TEST(cdata_primitives)
{
    em_arena a;
    em_arena_init(&a, 0);
    tu_case cases[16];
    tu_cases(&a, cases, 16);
    const tu_case *c = &cases[0]; /* primitives */
    CHECK_EQ_STR(c->name, "primitives");
    const ty *schema = tu_case_schema(&a, c);
    vec_batch *batch = tu_case_batch(c);
    struct ArrowArray arr;
    struct ArrowSchema sch;
    em_error err;
    em_error_clear(&err);
    CHECK_EQ_INT(ipc_export_batch(schema, batch, &arr, &sch, &err), 0);
    vec_batch_free(batch); /* the export keeps what it needs */

    CHECK_EQ_STR(sch.format, "+s");
    CHECK_EQ_INT(sch.n_children, c->n_cols);
    static const struct {
        const char *name, *format;
        int64_t flags;
    } want[] = {
        {"b", "b", ARROW_FLAG_NULLABLE},      {"i8", "c", ARROW_FLAG_NULLABLE},
        {"i16", "s", ARROW_FLAG_NULLABLE},    {"i32", "i", 0},
        {"i64", "l", ARROW_FLAG_NULLABLE},    {"f32", "f", ARROW_FLAG_NULLABLE},
        {"f64", "g", ARROW_FLAG_NULLABLE},    {"dec", "d:10,2", ARROW_FLAG_NULLABLE},
        {"s", "u", ARROW_FLAG_NULLABLE},      {"s_nn", "u", 0},
        {"ch", "u", ARROW_FLAG_NULLABLE},     {"bin", "z", ARROW_FLAG_NULLABLE},
        {"d", "tdD", ARROW_FLAG_NULLABLE},    {"ts", "tsu:UTC", ARROW_FLAG_NULLABLE},
        {"ntz", "tsu:", ARROW_FLAG_NULLABLE}, {"dti", "tDu", ARROW_FLAG_NULLABLE},
        {"ymi", "tiM", ARROW_FLAG_NULLABLE},  {"ci", "tin", ARROW_FLAG_NULLABLE},
        {"n", "n", ARROW_FLAG_NULLABLE},
    };
    for (size_t idx = 0; idx < sizeof want / sizeof want[0]; idx++) {
        const struct ArrowSchema *f = child_named(&sch, want[idx].name);
        CHECK(f != NULL);
        if (f) {
            CHECK_EQ_STR(f->format, want[idx].format);
            CHECK_EQ_INT(f->flags, want[idx].flags);
        }
    }
    CHECK_EQ_INT(arr.length, 5);
    CHECK_EQ_INT(arr.n_children, c->n_cols);
    /* b: [true, false, null, true, false] -> bits 0b01001 with validity 0b11011. */
    const struct ArrowArray *b = arr.children[col_index(c, "b")];
    CHECK_EQ_INT(b->null_count, 1);
    CHECK_EQ_INT(b->n_buffers, 2);
    CHECK_EQ_INT(((const uint8_t *)b->buffers[1])[0] & 0x1B, 0x09);
    CHECK_EQ_INT(((const uint8_t *)b->buffers[0])[0] & 0x1F, 0x1B);
    /* i32 has no nulls: no validity pointer. */
    const struct ArrowArray *i32 = arr.children[col_index(c, "i32")];
    CHECK(i32->buffers[0] == NULL && i32->null_count == 0);
    CHECK_EQ_INT(((const int32_t *)i32->buffers[1])[4], 42);
    /* s: offsets and bytes of ["hello", "", null, ...]. */
    const struct ArrowArray *s = arr.children[col_index(c, "s")];
    CHECK_EQ_INT(s->n_buffers, 3);
    const int32_t *offs = s->buffers[1];
    CHECK_EQ_INT(offs[1], 5);
    CHECK_EQ_INT(offs[2], 5);
    CHECK(memcmp(s->buffers[2], "hello", 5) == 0);
    /* ci: [-1, -2, -3000000 us] -> months -1, days -2, -3000000000 ns. */
    const struct ArrowArray *ci = arr.children[col_index(c, "ci")];
    const uint8_t *mdn = (const uint8_t *)ci->buffers[1] + 16;
    int32_t months, days;
    int64_t ns;
    memcpy(&months, mdn, 4);
    memcpy(&days, mdn + 4, 4);
    memcpy(&ns, mdn + 8, 8);
    CHECK(months == -1 && days == -2 && ns == -3000000000LL);
    /* n: the Null layout has no buffers. */
    const struct ArrowArray *n = arr.children[col_index(c, "n")];
    CHECK(n->n_buffers == 0 && n->null_count == 5);

    arr.release(&arr);
    CHECK(arr.release == NULL);
    sch.release(&sch);
    CHECK(sch.release == NULL);
    em_arena_release(&a);
}

EM_TEST(cdata_nested_and_moved_children)
{
    em_arena a;
    em_arena_init(&a, 0);
    tu_case cases[16];
    tu_cases(&a, cases, 16);
    const tu_case *c = &cases[1]; /* nested */
    CHECK_EQ_STR(c->name, "nested");
    const ty *schema = tu_case_schema(&a, c);
    vec_batch *batch = tu_case_batch(c);
    struct ArrowArray arr;
    struct ArrowSchema sch;
    CHECK_EQ_INT(ipc_export_batch(schema, batch, &arr, &sch, NULL), 0);
    vec_batch_free(batch);

    const struct ArrowSchema *m = child_named(&sch, "m");
    CHECK(m && strcmp(m->format, "+m") == 0 && m->n_children == 1);
    if (m && m->n_children == 1) {
        const struct ArrowSchema *e = m->children[0];
        CHECK_EQ_STR(e->name, "entries");
        CHECK_EQ_STR(e->format, "+s");
        CHECK_EQ_INT(e->flags, 0);
        CHECK_EQ_STR(e->children[0]->name, "key");
        CHECK_EQ_INT(e->children[0]->flags, 0);
        CHECK_EQ_STR(e->children[1]->format, "l");
        CHECK_EQ_INT(e->children[1]->flags, ARROW_FLAG_NULLABLE);
    }
    const struct ArrowSchema *ls = child_named(&sch, "ls");
    CHECK(ls && strcmp(ls->children[0]->name, "element") == 0 && ls->children[0]->flags == 0);

    /* la: [[1, 2], [], null, [-3, null]] */
    const struct ArrowArray *la = arr.children[col_index(c, "la")];
    const int32_t *offs = la->buffers[1];
    CHECK(offs[0] == 0 && offs[1] == 2 && offs[2] == 2 && offs[3] == 2 && offs[4] == 4);
    CHECK_EQ_INT(la->children[0]->length, 4);
    CHECK_EQ_INT(la->children[0]->null_count, 1);
    CHECK_EQ_INT(((const int64_t *)la->children[0]->buffers[1])[2], -3);
    /* m: entries of length 4 (2 + 0 + 0 + 1), one null value. */
    const struct ArrowArray *ma = arr.children[col_index(c, "m")];
    CHECK_EQ_INT(ma->children[0]->length, 3);
    CHECK_EQ_INT(ma->children[0]->n_children, 2);
    CHECK_EQ_INT(ma->children[0]->children[1]->null_count, 1);

    /* A consumer may move a child out and release it after the parent. */
    struct ArrowArray moved = *arr.children[0];
    arr.children[0]->release = NULL;
    struct ArrowSchema moved_schema = *sch.children[0];
    sch.children[0]->release = NULL;
    arr.release(&arr);
    sch.release(&sch);
    CHECK_EQ_INT(moved.length, 4);
    CHECK_EQ_STR(moved_schema.name, "la");
    moved.release(&moved);
    moved_schema.release(&moved_schema);
    em_arena_release(&a);
}

EM_TEST(cdata_refusals)
{
    em_arena a;
    em_arena_init(&a, 0);
    ty_field var = {"v", ty_variant(), true, NULL};
    vec *v = vec_new(ty_variant(), 0);
    vec_batch *b = tu_batch(1, 0, &v);
    struct ArrowArray arr;
    struct ArrowSchema sch;
    em_error err;
    em_error_clear(&err);
    CHECK(ipc_export_batch(ty_struct(&a, 1, &var), b, &arr, &sch, &err) != 0);
    CHECK(arr.release == NULL && sch.release == NULL);
    CHECK(em_error_is_set(&err));
    vec_batch_free(b);
    /* Overflowing interval: the partial export is released, nothing leaks. */
    ty_field f[2] = {{"x", ty_long(), true, NULL}, {"ci", ty_calendar_interval_type(), true, NULL}};
    vec *cols[2] = {tu_vec_json(ty_long(), "[1]"),
                    tu_vec_json(ty_calendar_interval_type(), "[[0, 0, \"9223372036854776\"]]")};
    b = tu_batch(2, 1, cols);
    CHECK(ipc_export_batch(ty_struct(&a, 2, f), b, &arr, &sch, NULL) != 0);
    CHECK(arr.release == NULL && sch.release == NULL);
    vec_batch_free(b);
    em_arena_release(&a);
}
