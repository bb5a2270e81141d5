/*
 * shell_unit: the shell's pieces without a server — statement splitting (shell_input.c),
 * display widths and tables (shell_render.c), and cell text (shell_value.c) for Arrow data made
 * with Ember's own vectors and exporter.
 *
 * Expected cell texts are what Spark's Dataset.show() prints (ToPrettyString): NULL for nulls,
 * doubles as Java's Double.toString ("1.0E10", "0.1"), decimals in plain notation, dates
 * yyyy-MM-dd, timestamps in the session zone without trailing zero fractions, arrays "[1, 2]",
 * binary "[01 AB]" (see the doctest captures of DataFrame.show and Spark's ToPrettyString).
 */
#include <stdio.h>
#include <string.h>

#include "arrow/cdata.h"
#include "cli/shell_int.h"
#include "common/em_mem.h"
#include "em_test.h"
#include "types/ty.h"
#include "vector/vec.h"

/* Splits text fed line by line; returns the statements joined with '|'. */
static void su_split(const char *text, char *out, size_t cap)
{
    shell_splitter sp;
    shell_splitter_init(&sp);
    out[0] = '\0';
    size_t used = 0;
    const char *p = text;
    while (*p) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        char *line = em_strndup(p, len);
        shell_splitter_feed(&sp, line);
        em_free(line);
        p += len + (nl ? 1 : 0);
        char *stmt;
        while (shell_splitter_next(&sp, &stmt)) {
            used += (size_t)snprintf(out + used, cap - used, "%s%s", used ? "|" : "", stmt);
            em_free(stmt);
        }
    }
    char *rest = shell_splitter_take_rest(&sp);
    if (rest) {
        used += (size_t)snprintf(out + used, cap - used, "%srest:%s", used ? "|" : "", rest);
        em_free(rest);
    }
    shell_splitter_release(&sp);
}

EM_TEST(splitter_statements)
{
    char out[1024];
    su_split("SELECT 1; SELECT 2;", out, sizeof out);
    CHECK_EQ_STR(out, "SELECT 1|SELECT 2");
    su_split("SELECT\n  1\n;", out, sizeof out);
    CHECK_EQ_STR(out, "SELECT\n  1");
    su_split("SELECT 'a;b', \"c;d\", `e;f` ;", out, sizeof out);
    CHECK_EQ_STR(out, "SELECT 'a;b', \"c;d\", `e;f`");
    su_split("SELECT 'it\\'s;' AS x;", out, sizeof out);
    CHECK_EQ_STR(out, "SELECT 'it\\'s;' AS x");
    su_split("SELECT 1 -- no; end\n+ 1;", out, sizeof out);
    CHECK_EQ_STR(out, "SELECT 1 -- no; end\n+ 1");
    su_split("SELECT /* a; /* nested; */ b; */ 1;", out, sizeof out);
    CHECK_EQ_STR(out, "SELECT /* a; /* nested; */ b; */ 1");
    su_split("SELECT 'multi\nline;' AS s;", out, sizeof out);
    CHECK_EQ_STR(out, "SELECT 'multi\nline;' AS s");
    /* Empty statements and comment-only ones are dropped. */
    su_split(";;  ; -- only a comment;\n;", out, sizeof out);
    CHECK_EQ_STR(out, "");
    su_split("SELECT 1; SELECT 2", out, sizeof out);
    CHECK_EQ_STR(out, "SELECT 1|rest:SELECT 2");
    su_split("-- just a comment", out, sizeof out);
    CHECK_EQ_STR(out, "");
}

EM_TEST(splitter_empty_state)
{
    shell_splitter sp;
    shell_splitter_init(&sp);
    char *stmt = NULL;
    CHECK(shell_splitter_empty(&sp));
    shell_splitter_feed(&sp, "-- comment");
    CHECK(!shell_splitter_next(&sp, &stmt));
    CHECK(shell_splitter_empty(&sp));
    shell_splitter_feed(&sp, "SELECT 'open");
    CHECK(!shell_splitter_next(&sp, &stmt));
    CHECK(!shell_splitter_empty(&sp));
    shell_splitter_reset(&sp);
    CHECK(shell_splitter_empty(&sp));
    shell_splitter_feed(&sp, "/* open");
    CHECK(!shell_splitter_next(&sp, &stmt));
    CHECK(!shell_splitter_empty(&sp));
    shell_splitter_release(&sp);
}

EM_TEST(utf8_widths)
{
    CHECK_EQ_INT(shell_utf8_width("abc", 3), 3);
    CHECK_EQ_INT(shell_utf8_width("é", strlen("é")), 1);           /* U+00E9 */
    CHECK_EQ_INT(shell_utf8_width("e\xcc\x81", 3), 1);             /* e + combining acute */
    CHECK_EQ_INT(shell_utf8_width("日本語", strlen("日本語")), 6); /* CJK: 2 columns each */
    CHECK_EQ_INT(shell_utf8_width("한", strlen("한")), 2);
    CHECK_EQ_INT(shell_utf8_width("\xff", 1), 1); /* a bad byte shows as one replacement */
}

/* ------------------------------------------------------------------------ cell text ---- */

typedef struct su_data {
    em_arena arena;
    struct ArrowArray array;
    struct ArrowSchema schema;
} su_data;

/* One row of sample columns exported through the C data interface. */
static void su_build(su_data *d, int64_t n_rows)
{
    em_arena_init(&d->arena, 4096);
    const ty *arr_int = ty_array(&d->arena, ty_int(), true);
    ty_field fields[] = {
        {.name = "d", .type = ty_double(), .nullable = true},
        {.name = "dec", .type = ty_decimal(&d->arena, 10, 2), .nullable = true},
        {.name = "day", .type = ty_date(), .nullable = true},
        {.name = "ts", .type = ty_timestamp(), .nullable = true},
        {.name = "arr", .type = arr_int, .nullable = true},
        {.name = "bin", .type = ty_binary(), .nullable = true},
        {.name = "s", .type = ty_string(), .nullable = true},
    };
    const ty *schema = ty_struct(&d->arena, 7, fields);
    vec_batch *b = vec_batch_new(7, n_rows);
    for (int col = 0; col < 7; col++)
        b->cols[col] = vec_new(fields[col].type, n_rows);
    for (int64_t row = 0; row < n_rows; row++) {
        ((double *)b->cols[0]->values)[row] = row == 0 ? 1e10 : 0.1;
        ((__int128 *)b->cols[1]->values)[row] = 12345;
        ((int32_t *)b->cols[2]->values)[row] = 19723;              /* 2024-01-01 */
        ((int64_t *)b->cols[3]->values)[row] = 1704067200123000LL; /* 2024-01-01 00:00:00.123Z */
        for (int col = 0; col < 4; col++)
            b->cols[col]->len = row + 1;
        vec *arr = b->cols[4];
        vec *el = arr->children[0];
        vec_reserve(el, el->len + 3);
        for (int idx = 0; idx < 3; idx++)
            ((int32_t *)el->values)[el->len + idx] = idx + 1;
        el->len += 3;
        vec_set_null(el, el->len - 2);
        arr->offsets[row + 1] = (int32_t)el->len;
        arr->len = row + 1;
        vec_append_str(b->cols[5], "\x01\xab", 2, NULL);
        char text[64];
        snprintf(text, sizeof text, row == 0 ? "x" : "row %lld", (long long)row);
        vec_append_str(b->cols[6], text, (int64_t)strlen(text), NULL);
    }
    vec_set_null(b->cols[0], n_rows - 1);
    em_error err;
    em_error_clear(&err);
    CHECK_EQ_INT(ipc_export_batch(schema, b, &d->array, &d->schema, &err), 0);
    vec_batch_free(b);
}

static void su_free(su_data *d)
{
    d->array.release(&d->array);
    d->schema.release(&d->schema);
    em_arena_release(&d->arena);
}

static void su_cell(su_data *d, int col, int64_t row, shell_fmt_kind kind, char *out, size_t cap)
{
    em_str s;
    em_str_init(&s, 0);
    shell_value_append(d->schema.children[col], d->array.children[col], row, kind, &s);
    snprintf(out, cap, "%s", s.data ? s.data : "");
    em_str_release(&s);
}

EM_TEST(cell_text_like_show)
{
    su_data d;
    su_build(&d, 2);
    char cell[256];
    su_cell(&d, 0, 0, SHELL_FMT_TEXT, cell, sizeof cell);
    CHECK_EQ_STR(cell, "1.0E10");
    su_cell(&d, 0, 1, SHELL_FMT_TEXT, cell, sizeof cell);
    CHECK_EQ_STR(cell, "NULL");
    su_cell(&d, 1, 0, SHELL_FMT_TEXT, cell, sizeof cell);
    CHECK_EQ_STR(cell, "123.45");
    su_cell(&d, 2, 0, SHELL_FMT_TEXT, cell, sizeof cell);
    CHECK_EQ_STR(cell, "2024-01-01");
    su_cell(&d, 3, 0, SHELL_FMT_TEXT, cell, sizeof cell);
    CHECK_EQ_STR(cell, "2024-01-01 00:00:00.123");
    su_cell(&d, 4, 1, SHELL_FMT_TEXT, cell, sizeof cell);
    CHECK_EQ_STR(cell, "[1, NULL, 3]");
    su_cell(&d, 5, 0, SHELL_FMT_TEXT, cell, sizeof cell);
    CHECK_EQ_STR(cell, "[01 AB]");
    su_cell(&d, 4, 0, SHELL_FMT_JSON, cell, sizeof cell);
    CHECK_EQ_STR(cell, "[1,null,3]");
    su_cell(&d, 6, 0, SHELL_FMT_JSON, cell, sizeof cell);
    CHECK_EQ_STR(cell, "\"x\"");
    su_cell(&d, 0, 1, SHELL_FMT_JSON, cell, sizeof cell);
    CHECK_EQ_STR(cell, "null");

    static const char *const types[] = {"double",     "decimal(10,2)", "date",  "timestamp",
                                        "array<int>", "binary",        "string"};
    for (int col = 0; col < 7; col++) {
        em_str t;
        em_str_init(&t, 0);
        shell_type_name(d.schema.children[col], &t);
        CHECK_EQ_STR(t.data, types[col]);
        em_str_release(&t);
    }
    CHECK(shell_type_is_numeric(d.schema.children[0]));
    CHECK(shell_type_is_numeric(d.schema.children[1]));
    CHECK(!shell_type_is_numeric(d.schema.children[2]));
    su_free(&d);
}

/* Renders d with the given limits into text. */
static void su_render(su_data *d, shell_mode mode, int64_t max_rows, int max_width, char *out,
                      size_t cap)
{
    FILE *f = tmpfile();
    shell_render *r = shell_render_new(mode, &d->schema, f, max_rows, max_width);
    shell_render_batch(r, &d->array);
    shell_render_finish(r);
    rewind(f);
    size_t n = fread(out, 1, cap - 1, f);
    out[n] = '\0';
    fclose(f);
}

EM_TEST(render_table_limits)
{
    su_data d;
    su_build(&d, 5);
    static char out[1 << 16];
    su_render(&d, SHELL_MODE_TABLE, 0, 0, out, sizeof out);
    CHECK(strstr(out, "│   d    │      dec      │    day     │           ts            │") != NULL);
    CHECK(strstr(out, "│ double │ decimal(10,2) │    date    │        timestamp        │") != NULL);
    CHECK(strstr(out, "│ 1.0E10 │        123.45 │ 2024-01-01 │ 2024-01-01 00:00:00.123 │ [1, NULL, "
                      "3] │ [01 AB] │ x      │") != NULL);
    CHECK(strstr(out, "│   NULL │        123.45 │") != NULL);
    CHECK(strstr(out, "└────────┴───") != NULL);
    CHECK(strstr(out, "\n5 rows\n") != NULL);
    /* Three rows of five: the first two, a "…" row, the last one. */
    su_render(&d, SHELL_MODE_TABLE, 3, 0, out, sizeof out);
    CHECK(strstr(out, "│ row 1 ") != NULL);
    CHECK(strstr(out, "│ row 2 ") == NULL);
    CHECK(strstr(out, "│ row 4 ") != NULL);
    CHECK(strstr(out, "│   …    │") != NULL);
    CHECK(strstr(out, "5 rows (3 shown)") != NULL);
    /* A narrow terminal cuts the widest columns with "…". */
    su_render(&d, SHELL_MODE_TABLE, 0, 80, out, sizeof out);
    const char *line = strstr(out, "│ ");
    CHECK(line != NULL);
    if (line) {
        size_t len = strcspn(line, "\n");
        CHECK_EQ_INT(shell_utf8_width(line, len), 80);
    }
    CHECK(strstr(out, "…") != NULL);
    su_render(&d, SHELL_MODE_CSV, 0, 0, out, sizeof out);
    CHECK(strncmp(out,
                  "d,dec,day,ts,arr,bin,s\n1.0E10,123.45,2024-01-01,2024-01-01 "
                  "00:00:00.123,\"[1, NULL, 3]\",[01 AB],x\n",
                  strlen("d,dec,day,ts,arr,bin,s\n1.0E10,123.45,2024-01-01,2024-01-01 "
                         "00:00:00.123,\"[1, NULL, 3]\",[01 AB],x\n")) == 0);
    CHECK(strstr(out, "\n,123.45,") != NULL); /* NULL is an empty CSV field */
    su_render(&d, SHELL_MODE_JSON, 0, 0, out, sizeof out);
    CHECK(strncmp(out, "[{\"d\":1.0E10,\"dec\":123.45,\"day\":\"2024-01-01\",", 44) == 0);
    CHECK(strstr(out, "\"s\":\"row 4\"}]\n") != NULL);
    su_free(&d);
}

int main(int argc, char **argv)
{
    return em_test_main(argc, argv);
}
