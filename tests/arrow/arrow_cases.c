/*
 * arrow_cases: the shared encoder test batches (see arrow_cases.h). The expected Arrow fields
 * follow the Arrow columnar format and Spark's ArrowUtils.toArrowField: list child "element"
 * (nullable = containsNull), map "entries" non-null Struct{"key" non-null, "value"},
 * Map.keysSorted false, timestamps in microseconds with the session zone, duplicate nested
 * struct names renamed name_0, name_1 (ArrowUtils.deduplicateFieldNames). The "type" strings
 * are Arrow JS's DataType.toString() forms.
 */
#include "arrow_cases.h"

#include <string.h>

#include "arrow_test_util.h"

#define COL(n_, t_, null_, arrow_, vals_)                                                          \
    do {                                                                                           \
        tu_col *col_ = &c->cols[c->n_cols++];                                                      \
        col_->name = (n_);                                                                         \
        col_->type = (t_);                                                                         \
        col_->nullable = (null_);                                                                  \
        col_->arrow = (arrow_);                                                                    \
        col_->values = (vals_);                                                                    \
    } while (0)

/* An Arrow field JSON with no children. */
#define LEAF(n, null, t) "{\"name\":\"" n "\",\"nullable\":" null ",\"type\":\"" t "\"}"

static const ty *tu_struct2(em_arena *a, const char *n1, const ty *t1, bool null1, const char *n2,
                            const ty *t2, bool null2)
{
    ty_field f[2] = {{n1, t1, null1, NULL}, {n2, t2, null2, NULL}};
    return ty_struct(a, 2, f);
}

static void tu_primitives(em_arena *a, tu_case *c, bool empty)
{
#define V(x) (empty ? "[]" : (x))
    COL("b", ty_boolean(), true, LEAF("b", "true", "Bool"), V("[true, false, null, true, false]"));
    COL("i8", ty_byte(), true, LEAF("i8", "true", "Int8"), V("[0, -128, 127, null, 5]"));
    COL("i16", ty_short(), true, LEAF("i16", "true", "Int16"), V("[-32768, 32767, 0, 1, null]"));
    COL("i32", ty_int(), false, LEAF("i32", "false", "Int32"),
        V("[-2147483648, 2147483647, 7, 0, 42]"));
    COL("i64", ty_long(), true, LEAF("i64", "true", "Int64"),
        V("[\"-9223372036854775808\", \"9223372036854775807\", \"0\", null, \"-1\"]"));
    COL("f32", ty_float(), true, LEAF("f32", "true", "Float32"),
        V("[1.5, \"-0\", \"NaN\", \"Infinity\", null]"));
    COL("f64", ty_double(), true, LEAF("f64", "true", "Float64"),
        V("[0.1, \"-Infinity\", 1e300, null, -2.5]"));
    COL("dec", ty_decimal(a, 10, 2), true, LEAF("dec", "true", "Decimal[10e+2]"),
        V("[\"12345678.90\", \"-0.01\", null, \"0.00\", \"-99999999.99\"]"));
    COL("s", ty_string(), true, LEAF("s", "true", "Utf8"),
        V("[\"hello\", \"\", null, \"h\\u00e9llo w\\u00f6rld \\u2713\", "
          "\"\\u65e5\\u672c \\ud83d\\ude00\"]"));
    COL("s_nn", ty_string(), false, LEAF("s_nn", "false", "Utf8"),
        V("[\"\", \"\", \"x\", \"\", \"yz\"]"));
    COL("ch", ty_char(a, TY_CHAR, 3), true, LEAF("ch", "true", "Utf8"),
        V("[\"abc\", null, \"a  \", \"   \", \"xyz\"]"));
    COL("vc", ty_char(a, TY_VARCHAR, 10), true, LEAF("vc", "true", "Utf8"),
        V("[\"\", \"varchar\", null, \"q\", \"0123456789\"]"));
    COL("bin", ty_binary(), true, LEAF("bin", "true", "Binary"),
        V("[\"00ff10\", \"\", null, \"deadbeef\", \"00\"]"));
    COL("d", ty_date(), true, LEAF("d", "true", "Date32<DAY>"), V("[0, -1, 19000, null, 2932896]"));
    COL("ts", ty_timestamp(), true, LEAF("ts", "true", "Timestamp<MICROSECOND, Etc/UTC>"),
        V("[\"0\", \"-1\", \"1700000000123456\", null, \"253402300799999999\"]"));
    COL("ntz", ty_timestamp_ntz(), true, LEAF("ntz", "true", "Timestamp<MICROSECOND>"),
        V("[\"-62135596800000000\", null, \"1\", \"86400000000\", \"0\"]"));
    COL("dti", ty_daytime_interval(a, TY_DT_DAY, TY_DT_SECOND), true,
        LEAF("dti", "true", "Duration<MICROSECOND>"),
        V("[\"0\", \"-86400000000\", \"123456789\", null, \"1\"]"));
    COL("ymi", ty_yearmonth_interval(a, TY_YM_YEAR, TY_YM_MONTH), true,
        LEAF("ymi", "true", "Interval<YEAR_MONTH>"), V("[0, -13, 1200, null, 7]"));
    COL("ci", ty_calendar_interval_type(), true, LEAF("ci", "true", "Interval<MONTH_DAY_NANO>"),
        V("[[1, 2, \"3\"], [-1, -2, \"-3000000\"], null, [0, 0, \"0\"], "
          "[12, 31, \"9223372036854775\"]]"));
    COL("n", ty_null(), true, LEAF("n", "true", "Null"), V("[null, null, null, null, null]"));
#undef V
}

static void tu_nested(em_arena *a, tu_case *c, bool empty)
{
#define V(x) (empty ? "[]" : (x))
    COL("la", ty_array(a, ty_long(), true), true,
        "{\"name\":\"la\",\"nullable\":true,\"type\":\"List\",\"children\":["
        "{\"name\":\"element\",\"nullable\":true,\"type\":\"Int64\"}]}",
        V("[[\"1\", \"2\"], [], null, [\"-3\", null]]"));
    COL("ls", ty_array(a, ty_string(), false), false,
        "{\"name\":\"ls\",\"nullable\":false,\"type\":\"List\",\"children\":["
        "{\"name\":\"element\",\"nullable\":false,\"type\":\"Utf8\"}]}",
        V("[[\"a\", \"\"], [\"bc\"], [], []]"));
    COL("lla", ty_array(a, ty_array(a, ty_int(), true), true), true,
        "{\"name\":\"lla\",\"nullable\":true,\"type\":\"List\",\"children\":["
        "{\"name\":\"element\",\"nullable\":true,\"type\":\"List\",\"children\":["
        "{\"name\":\"element\",\"nullable\":true,\"type\":\"Int32\"}]}]}",
        V("[[[1], [2, 3]], [null, []], null, [[]]]"));
    COL("m", ty_map(a, ty_string(), ty_long(), true), true,
        "{\"name\":\"m\",\"nullable\":true,\"type\":\"Map\",\"keysSorted\":false,\"children\":["
        "{\"name\":\"entries\",\"nullable\":false,\"type\":\"Struct\",\"children\":["
        "{\"name\":\"key\",\"nullable\":false,\"type\":\"Utf8\"},"
        "{\"name\":\"value\",\"nullable\":true,\"type\":\"Int64\"}]}]}",
        V("[[[\"a\", \"1\"], [\"b\", null]], [], null, [[\"\", \"0\"]]]"));
    COL("mn", ty_map(a, ty_int(), ty_array(a, ty_string(), true), false), true,
        "{\"name\":\"mn\",\"nullable\":true,\"type\":\"Map\",\"keysSorted\":false,\"children\":["
        "{\"name\":\"entries\",\"nullable\":false,\"type\":\"Struct\",\"children\":["
        "{\"name\":\"key\",\"nullable\":false,\"type\":\"Int32\"},"
        "{\"name\":\"value\",\"nullable\":false,\"type\":\"List\",\"children\":["
        "{\"name\":\"element\",\"nullable\":true,\"type\":\"Utf8\"}]}]}]}",
        V("[[[1, [\"x\"]]], null, [[2, []], [3, [\"y\", null]]], []]"));
    const ty *inner = tu_struct2(a, "d", ty_double(), true, "e", ty_date(), false);
    ty_field st_fields[3] = {
        {"a", ty_int(), true, NULL}, {"b", ty_string(), true, NULL}, {"c", inner, true, NULL}};
    COL("st", ty_struct(a, 3, st_fields), true,
        "{\"name\":\"st\",\"nullable\":true,\"type\":\"Struct\",\"children\":["
        "{\"name\":\"a\",\"nullable\":true,\"type\":\"Int32\"},"
        "{\"name\":\"b\",\"nullable\":true,\"type\":\"Utf8\"},"
        "{\"name\":\"c\",\"nullable\":true,\"type\":\"Struct\",\"children\":["
        "{\"name\":\"d\",\"nullable\":true,\"type\":\"Float64\"},"
        "{\"name\":\"e\",\"nullable\":false,\"type\":\"Date32<DAY>\"}]}]}",
        V("[[1, \"x\", [1.5, 3]], null, [null, null, null], [2, \"\", [null, 0]]]"));
    ty_field dup_fields[4] = {{"x", ty_int(), true, NULL},
                              {"x", ty_string(), true, NULL},
                              {"y", ty_long(), true, NULL},
                              {"x", ty_boolean(), true, NULL}};
    COL("dup", ty_struct(a, 4, dup_fields), true,
        "{\"name\":\"dup\",\"nullable\":true,\"type\":\"Struct\",\"children\":["
        "{\"name\":\"x_0\",\"nullable\":true,\"type\":\"Int32\"},"
        "{\"name\":\"x_1\",\"nullable\":true,\"type\":\"Utf8\"},"
        "{\"name\":\"y\",\"nullable\":true,\"type\":\"Int64\"},"
        "{\"name\":\"x_2\",\"nullable\":true,\"type\":\"Bool\"}]}",
        V("[[1, \"a\", \"2\", true], null, [null, \"b\", null, false], [3, null, \"4\", null]]"));
    const ty *kv = tu_struct2(a, "k", ty_string(), true, "v", ty_array(a, ty_int(), true), true);
    COL("als", ty_array(a, kv, true), true,
        "{\"name\":\"als\",\"nullable\":true,\"type\":\"List\",\"children\":["
        "{\"name\":\"element\",\"nullable\":true,\"type\":\"Struct\",\"children\":["
        "{\"name\":\"k\",\"nullable\":true,\"type\":\"Utf8\"},"
        "{\"name\":\"v\",\"nullable\":true,\"type\":\"List\",\"children\":["
        "{\"name\":\"element\",\"nullable\":true,\"type\":\"Int32\"}]}]}]}",
        V("[[[\"a\", [1]], null], null, [], [[\"b\", null]]]"));
    ty_field p_field = {"p", ty_int(), true, NULL};
    COL("mst", ty_map(a, ty_string(), ty_struct(a, 1, &p_field), true), true,
        "{\"name\":\"mst\",\"nullable\":true,\"type\":\"Map\",\"keysSorted\":false,\"children\":["
        "{\"name\":\"entries\",\"nullable\":false,\"type\":\"Struct\",\"children\":["
        "{\"name\":\"key\",\"nullable\":false,\"type\":\"Utf8\"},"
        "{\"name\":\"value\",\"nullable\":true,\"type\":\"Struct\",\"children\":["
        "{\"name\":\"p\",\"nullable\":true,\"type\":\"Int32\"}]}]}]}",
        V("[[[\"k\", [1]]], [[\"j\", null]], null, []]"));
    COL("empty_st", ty_struct(a, 0, NULL), true,
        "{\"name\":\"empty_st\",\"nullable\":true,\"type\":\"Struct\"}", V("[[], null, [], []]"));
#undef V
}

static void tu_decimals(em_arena *a, tu_case *c)
{
    COL("d38", ty_decimal(a, 38, 0), true, LEAF("d38", "true", "Decimal[38e0]"),
        "[\"99999999999999999999999999999999999999\", "
        "\"-99999999999999999999999999999999999999\", \"0\", null]");
    COL("d38s", ty_decimal(a, 38, 10), true, LEAF("d38s", "true", "Decimal[38e+10]"),
        "[\"9999999999999999999999999999.9999999999\", \"-0.0000000001\", \"1.0000000000\", "
        "null]");
    COL("d38f", ty_decimal(a, 38, 38), false, LEAF("d38f", "false", "Decimal[38e+38]"),
        "[\"0.12345678901234567890123456789012345678\", "
        "\"-0.00000000000000000000000000000000000001\", "
        "\"0.00000000000000000000000000000000000000\", "
        "\"-0.99999999999999999999999999999999999999\"]");
    COL("d5", ty_decimal(a, 5, 2), true, LEAF("d5", "true", "Decimal[5e+2]"),
        "[\"-123.45\", \"0.01\", null, \"999.99\"]");
    COL("d1", ty_decimal(a, 1, 0), true, LEAF("d1", "true", "Decimal[1e0]"),
        "[\"9\", \"-9\", \"0\", null]");
}

int tu_cases(em_arena *a, tu_case *cases, int max)
{
    int n = 0;
    tu_case *c;
    if (n < max) {
        c = memset(&cases[n++], 0, sizeof *c);
        c->name = "primitives";
        c->tz = "Etc/UTC";
        c->rows = 5;
        tu_primitives(a, c, false);
    }
    if (n < max) {
        c = memset(&cases[n++], 0, sizeof *c);
        c->name = "nested";
        c->tz = "Etc/UTC";
        c->rows = 4;
        tu_nested(a, c, false);
    }
    if (n < max) {
        c = memset(&cases[n++], 0, sizeof *c);
        c->name = "zero_rows";
        c->tz = "Etc/UTC";
        c->rows = 0;
        tu_primitives(a, c, true);
        tu_nested(a, c, true);
    }
    if (n < max) {
        c = memset(&cases[n++], 0, sizeof *c);
        c->name = "decimals";
        c->tz = "Etc/UTC";
        c->rows = 4;
        tu_decimals(a, c);
    }
    if (n < max) {
        c = memset(&cases[n++], 0, sizeof *c);
        c->name = "zone";
        c->tz = "America/Los_Angeles";
        c->rows = 3;
        COL("ts", ty_timestamp(), true,
            LEAF("ts", "true", "Timestamp<MICROSECOND, America/Los_Angeles>"),
            "[\"0\", \"1700000000000000\", null]");
        COL("ntz", ty_timestamp_ntz(), false, LEAF("ntz", "false", "Timestamp<MICROSECOND>"),
            "[\"5\", \"6\", \"7\"]");
    }
    if (n < max) {
        /* 20 rows: bitmaps spanning three bytes, nulls at byte edges. */
        c = memset(&cases[n++], 0, sizeof *c);
        c->name = "bitmaps";
        c->tz = "UTC";
        c->rows = 20;
        COL("l", ty_long(), true, LEAF("l", "true", "Int64"),
            "[null, 1, 2, 3, 4, 5, 6, null, null, 9, 10, 11, 12, 13, 14, null, 16, 17, 18, "
            "null]");
        COL("b", ty_boolean(), false, LEAF("b", "false", "Bool"),
            "[true, true, false, true, false, false, false, true, true, false, true, true, "
            "true, true, true, true, true, true, false, true]");
        COL("s", ty_string(), true, LEAF("s", "true", "Utf8"),
            "[\"a\", null, \"b\", null, \"c\", null, \"d\", null, \"e\", null, \"f\", null, "
            "\"g\", null, \"h\", null, \"i\", null, \"j\", null]");
    }
    if (n < max) {
        c = memset(&cases[n++], 0, sizeof *c);
        c->name = "no_columns";
        c->tz = "UTC";
        c->rows = 3;
    }
    return n;
}

const ty *tu_case_schema(em_arena *a, const tu_case *c)
{
    ty_field fields[TU_MAX_COLS];
    for (int idx = 0; idx < c->n_cols; idx++) {
        fields[idx].name = c->cols[idx].name;
        fields[idx].type = c->cols[idx].type;
        fields[idx].nullable = c->cols[idx].nullable;
        fields[idx].metadata = NULL;
    }
    return ty_struct(a, c->n_cols, fields);
}

vec_batch *tu_case_batch(const tu_case *c)
{
    vec *cols[TU_MAX_COLS];
    for (int idx = 0; idx < c->n_cols; idx++)
        cols[idx] = tu_vec_json(c->cols[idx].type, c->cols[idx].values);
    return tu_batch(c->n_cols, c->rows, cols);
}
