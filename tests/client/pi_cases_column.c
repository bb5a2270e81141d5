/*
 * pi_cases_column.c: plan-identity programs for captured PySpark docstrings,
 * written by tools/pi_gen.py from each example's source and checked by the
 * plan-identity comparison (see README.md for the command). Each program names
 * its docstring and source line; PI_EX marks an example index and its line.
 */
#include "pi_main.h"

/* pyspark.sql.column.Column.__getattr__ (pyspark/sql/column.py:395) */
static void pi_fn___getattr__(pi_ctx *c)
{
    ember_dataframe *d1, *d2;
    pi_tag(c, 0); /* line 416 */
    d1 = pi_df(c, "l string, d map<string,string>", "('abcedfg', {'key': 'value'})", "l,d");
    PI_EX(c, 1); /* line 417 */
    d2 = pi_select(c, d1, ember_get_item(DCOL(d1, "d"), LIT_S("key")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    (void)d1;
    (void)d2;
}

/* pyspark.sql.column.Column.alias (pyspark/sql/column.py:395) */
static void pi_fn_alias(pi_ctx *c)
{
    ember_dataframe *d1, *d2;
    pi_tag(c, 0); /* line 426 */
    d1 = pi_df(c, "age long, name string", "(2, 'Alice'), (5, 'Bob')", "age,name");
    PI_EX(c, 1); /* line 428 */
    d2 = pi_select(c, d1, ember_alias(DCOL(d1, "age"), "age2"), NULL);
    pi_collect(c, d2);
    (void)d1;
    (void)d2;
}

/* pyspark.sql.column.Column.asc (pyspark/sql/column.py:395) */
static void pi_fn_asc(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3;
    pi_tag(c, 1); /* line 404 */
    d1 = pi_df(c, "name string, height long", "('Tom', 80), ('Alice', None)", "name,height");
    PI_EX(c, 2); /* line 405 */
    d2 = pi_select(c, d1, DCOL(d1, "name"), NULL);
    d3 = pi_sort(c, d2, ember_asc(DCOL(d1, "name")), NULL);
    pi_collect(c, d3);
    (void)d1;
    (void)d2;
    (void)d3;
}

/* pyspark.sql.column.Column.between (pyspark/sql/column.py:395) */
static void pi_fn_between(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3, *d4, *d5, *d6, *d7, *d8, *d9, *d10, *d11, *d12, *d13;
    pi_tag(c, 0); /* line 421 */
    d1 = pi_df(c, "age long, name string", "(2, 'Alice'), (5, 'Bob')", "age,name");
    PI_EX(c, 1); /* line 422 */
    d2 = pi_select(c, d1, DCOL(d1, "name"), ember_between(DCOL(d1, "age"), LIT_I(2), LIT_I(4)),
                   NULL);
    pi_show_n(c, d2, 20, 20, false);
    pi_tag(c, 2); /* line 432 */
    d3 = pi_df(c, "name string, initial string", "('Alice', 'A'), ('Bob', 'B')", "name,initial");
    PI_EX(c, 3); /* line 433 */
    d4 = pi_select(c, d3, DCOL(d3, "name"),
                   ember_between(DCOL(d3, "initial"), LIT_S("A"), LIT_S("B")), NULL);
    pi_show_n(c, d4, 20, 20, false);
    pi_tag(c, 4); /* line 443 */
    d5 = pi_df(c, "height double, name string", "(2.5, 'Alice'), (5.5, 'Bob')", "height,name");
    PI_EX(c, 5); /* line 445 */
    d6 = pi_select(c, d5, DCOL(d5, "name"),
                   ember_between(DCOL(d5, "height"), LIT_D(2.0), LIT_D(5.0)), NULL);
    pi_show_n(c, d6, 20, 20, false);
    pi_tag(c, 7); /* line 456 */
    d7 = pi_df(c, "name string, date string", "('Alice', '2023-01-01'), ('Bob', '2023-02-01')",
               "name,date");
    pi_tag(c, 8); /* line 458 */
    d8 = pi_with_column(c, d7, "date", FN("to_date", DCOL(d7, "date")));
    pi_tag(c, 9); /* line 459 */
    d9 = pi_select(c, d8, DCOL(d8, "name"),
                   ember_between(DCOL(d8, "date"), LIT_S("2023-01-01"), LIT_S("2023-01-15")), NULL);
    pi_show_n(c, d9, 20, 20, false);
    pi_tag(c, 13); /* line 478 */
    d10 =
        pi_df(c, "name string, timestamp string",
              "('Alice', '2023-01-01 10:00:00'), ('Bob', '2023-02-01 10:00:00')", "name,timestamp");
    pi_tag(c, 14); /* line 481 */
    d11 = pi_with_column(c, d10, "timestamp", FN("to_timestamp", DCOL(d10, "timestamp")));
    pi_tag(c, 15); /* line 482 */
    d12 = pi_select(c, d11, DCOL(d11, "name"),
                    ember_between(DCOL(d11, "timestamp"), LIT_S("2023-01-01"), LIT_S("2023-02-01")),
                    NULL);
    pi_show_n(c, d12, 20, 20, false);
    pi_tag(c, 16); /* line 489 */
    d13 = pi_select(
        c, d11, DCOL(d11, "name"),
        ember_between(DCOL(d11, "timestamp"), LIT_S("2023-01-01"), LIT_S("2023-02-01 12:00:00")),
        NULL);
    pi_show_n(c, d13, 20, 20, false);
    (void)d1;
    (void)d2;
    (void)d3;
    (void)d4;
    (void)d5;
    (void)d6;
    (void)d7;
    (void)d8;
    (void)d9;
    (void)d10;
    (void)d11;
    (void)d12;
    (void)d13;
}

/* pyspark.sql.column.Column.bitwiseOR (pyspark/sql/column.py:395) */
static void pi_fn_bitwiseOR(pi_ctx *c)
{
    ember_dataframe *d1, *d2;
    pi_tag(c, 1); /* line 410 */
    d1 = pi_df(c, "a long, b long", "(170, 75)", NULL);
    PI_EX(c, 2); /* line 411 */
    d2 = pi_select(c, d1, ember_bitwise_or(DCOL(d1, "a"), DCOL(d1, "b")), NULL);
    pi_collect(c, d2);
    (void)d1;
    (void)d2;
}

/* pyspark.sql.column.Column.bitwiseXOR (pyspark/sql/column.py:395) */
static void pi_fn_bitwiseXOR(pi_ctx *c)
{
    ember_dataframe *d1, *d2;
    pi_tag(c, 1); /* line 410 */
    d1 = pi_df(c, "a long, b long", "(170, 75)", NULL);
    PI_EX(c, 2); /* line 411 */
    d2 = pi_select(c, d1, ember_bitwise_xor(DCOL(d1, "a"), DCOL(d1, "b")), NULL);
    pi_collect(c, d2);
    (void)d1;
    (void)d2;
}

/* pyspark.sql.column.Column.contains (pyspark/sql/column.py:395) */
static void pi_fn_contains(pi_ctx *c)
{
    ember_dataframe *d1, *d2;
    pi_tag(c, 0); /* line 408 */
    d1 = pi_df(c, "age long, name string", "(2, 'Alice'), (5, 'Bob')", "age,name");
    PI_EX(c, 1); /* line 410 */
    d2 = pi_filter(c, d1, ember_contains(DCOL(d1, "name"), LIT_S("o")));
    pi_collect(c, d2);
    (void)d1;
    (void)d2;
}

/* pyspark.sql.column.Column.desc (pyspark/sql/column.py:395) */
static void pi_fn_desc(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3;
    pi_tag(c, 1); /* line 406 */
    d1 = pi_df(c, "name string, height long", "('Tom', 80), ('Alice', None)", "name,height");
    PI_EX(c, 2); /* line 407 */
    d2 = pi_select(c, d1, DCOL(d1, "name"), NULL);
    d3 = pi_sort(c, d2, ember_desc(DCOL(d1, "name")), NULL);
    pi_collect(c, d3);
    (void)d1;
    (void)d2;
    (void)d3;
}

/* pyspark.sql.column.Column.desc_nulls_first (pyspark/sql/column.py:395) */
static void pi_fn_desc_nulls_first(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3;
    pi_tag(c, 1); /* line 407 */
    d1 = pi_df(c, "name string, height long", "('Tom', 80), (None, 60), ('Alice', None)",
               "name,height");
    PI_EX(c, 2); /* line 409 */
    d2 = pi_select(c, d1, DCOL(d1, "name"), NULL);
    d3 = pi_sort(c, d2, ember_desc_nulls_first(DCOL(d1, "name")), NULL);
    pi_collect(c, d3);
    (void)d1;
    (void)d2;
    (void)d3;
}

/* pyspark.sql.column.Column.desc_nulls_last (pyspark/sql/column.py:395) */
static void pi_fn_desc_nulls_last(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3;
    pi_tag(c, 1); /* line 407 */
    d1 = pi_df(c, "name string, height long", "('Tom', 80), (None, 60), ('Alice', None)",
               "name,height");
    PI_EX(c, 2); /* line 409 */
    d2 = pi_select(c, d1, DCOL(d1, "name"), NULL);
    d3 = pi_sort(c, d2, ember_desc_nulls_last(DCOL(d1, "name")), NULL);
    pi_collect(c, d3);
    (void)d1;
    (void)d2;
    (void)d3;
}

/* pyspark.sql.column.Column.endswith (pyspark/sql/column.py:395) */
static void pi_fn_endswith(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3;
    pi_tag(c, 0); /* line 408 */
    d1 = pi_df(c, "age long, name string", "(2, 'Alice'), (5, 'Bob')", "age,name");
    PI_EX(c, 1); /* line 410 */
    d2 = pi_filter(c, d1, ember_ends_with(DCOL(d1, "name"), LIT_S("ice")));
    pi_collect(c, d2);
    PI_EX(c, 2); /* line 412 */
    d3 = pi_filter(c, d1, ember_ends_with(DCOL(d1, "name"), LIT_S("ice$")));
    pi_collect(c, d3);
    (void)d1;
    (void)d2;
    (void)d3;
}

/* pyspark.sql.column.Column.eqNullSafe (pyspark/sql/column.py:395) */
static void pi_fn_eqNullSafe(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3;
    pi_tag(c, 1); /* line 411 */
    d1 = pi_df(c, "id long, value string", "(1, 'foo'), (2, None)", NULL);
    PI_EX(c, 2); /* line 415 */
    d2 = pi_select(c, d1, ember_eq(DCOL(d1, "value"), LIT_S("foo")),
                   ember_eq_null_safe(DCOL(d1, "value"), LIT_S("foo")),
                   ember_eq_null_safe(DCOL(d1, "value"), ember_lit_null()), NULL);
    pi_show_n(c, d2, 20, 20, false);
    pi_tag(c, 3); /* line 426 */
    d3 = pi_df(c, "value string", "('bar',), (None,)", NULL);
    (void)d1;
    (void)d2;
    (void)d3;
}

/* pyspark.sql.column.Column.getField (pyspark/sql/column.py:395) */
static void pi_fn_getField(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3;
    pi_tag(c, 1); /* line 419 */
    d1 = pi_df(c, "r struct<a:long,b:string>", "((1, 'b'),)", NULL);
    PI_EX(c, 2); /* line 420 */
    d2 = pi_select(c, d1, ember_get_item(DCOL(d1, "r"), LIT_S("b")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    PI_EX(c, 3); /* line 426 */
    d3 = pi_select(c, d1, ember_get_item(DCOL(d1, "r"), LIT_S("a")), NULL);
    pi_show_n(c, d3, 20, 20, false);
    (void)d1;
    (void)d2;
    (void)d3;
}

/* pyspark.sql.column.Column.getItem (pyspark/sql/column.py:395) */
static void pi_fn_getItem(pi_ctx *c)
{
    ember_dataframe *d1, *d2;
    pi_tag(c, 0); /* line 420 */
    d1 = pi_df(c, "l array<long>, d map<string,string>", "([1, 2], {'key': 'value'})", "l,d");
    PI_EX(c, 1); /* line 421 */
    d2 = pi_select(c, d1, ember_get_item(DCOL(d1, "l"), LIT_I(0)),
                   ember_get_item(DCOL(d1, "d"), LIT_S("key")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    (void)d1;
    (void)d2;
}

/* pyspark.sql.column.Column.ilike (pyspark/sql/column.py:395) */
static void pi_fn_ilike(pi_ctx *c)
{
    ember_dataframe *d1, *d2;
    pi_tag(c, 0); /* line 421 */
    d1 = pi_df(c, "age long, name string", "(2, 'Alice'), (5, 'Bob')", "age,name");
    PI_EX(c, 1); /* line 423 */
    d2 = pi_filter(c, d1, ember_ilike(DCOL(d1, "name"), "%Ice"));
    pi_collect(c, d2);
    (void)d1;
    (void)d2;
}

/* pyspark.sql.column.Column.isNotNull (pyspark/sql/column.py:395) */
static void pi_fn_isNotNull(pi_ctx *c)
{
    ember_dataframe *d1, *d2;
    pi_tag(c, 1); /* line 404 */
    d1 = pi_df(c, "name string, height long", "('Tom', 80), ('Alice', None)", NULL);
    PI_EX(c, 2); /* line 405 */
    d2 = pi_filter(c, d1, ember_is_not_null(DCOL(d1, "height")));
    pi_collect(c, d2);
    (void)d1;
    (void)d2;
}

/* pyspark.sql.column.Column.isNull (pyspark/sql/column.py:395) */
static void pi_fn_isNull(pi_ctx *c)
{
    ember_dataframe *d1, *d2;
    pi_tag(c, 1); /* line 404 */
    d1 = pi_df(c, "name string, height long", "('Tom', 80), ('Alice', None)", NULL);
    PI_EX(c, 2); /* line 405 */
    d2 = pi_filter(c, d1, ember_is_null(DCOL(d1, "height")));
    pi_collect(c, d2);
    (void)d1;
    (void)d2;
}

/* pyspark.sql.column.Column.otherwise (pyspark/sql/column.py:395) */
static void pi_fn_otherwise(pi_ctx *c)
{
    ember_dataframe *d1, *d2;
    pi_tag(c, 1); /* line 417 */
    d1 = pi_df(c, "age long, name string", "(2, 'Alice'), (5, 'Bob')", "age,name");
    PI_EX(c, 2); /* line 419 */
    d2 = pi_select(
        c, d1, DCOL(d1, "name"),
        ember_otherwise(ember_when(ember_gt(DCOL(d1, "age"), LIT_I(3)), LIT_I(1)), LIT_I(0)), NULL);
    pi_show_n(c, d2, 20, 20, false);
    (void)d1;
    (void)d2;
}

/* pyspark.sql.column.Column.rlike (pyspark/sql/column.py:395) */
static void pi_fn_rlike(pi_ctx *c)
{
    ember_dataframe *d1, *d2;
    pi_tag(c, 0); /* line 415 */
    d1 = pi_df(c, "age long, name string", "(2, 'Alice'), (5, 'Bob')", "age,name");
    PI_EX(c, 1); /* line 417 */
    d2 = pi_filter(c, d1, ember_rlike(DCOL(d1, "name"), "ice$"));
    pi_collect(c, d2);
    (void)d1;
    (void)d2;
}

/* pyspark.sql.column.Column.startswith (pyspark/sql/column.py:395) */
static void pi_fn_startswith(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3;
    pi_tag(c, 0); /* line 408 */
    d1 = pi_df(c, "age long, name string", "(2, 'Alice'), (5, 'Bob')", "age,name");
    PI_EX(c, 1); /* line 410 */
    d2 = pi_filter(c, d1, ember_starts_with(DCOL(d1, "name"), LIT_S("Al")));
    pi_collect(c, d2);
    PI_EX(c, 2); /* line 412 */
    d3 = pi_filter(c, d1, ember_starts_with(DCOL(d1, "name"), LIT_S("^Al")));
    pi_collect(c, d3);
    (void)d1;
    (void)d2;
    (void)d3;
}

/* pyspark.sql.column.Column.substr (pyspark/sql/column.py:395) */
static void pi_fn_substr(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3, *d4;
    pi_tag(c, 0); /* line 420 */
    d1 = pi_df(c, "age long, name string", "(2, 'Alice'), (5, 'Bob')", "age,name");
    PI_EX(c, 1); /* line 422 */
    d2 = pi_select(c, d1, ember_alias(ember_substr(DCOL(d1, "name"), LIT_I(1), LIT_I(3)), "col"),
                   NULL);
    pi_collect(c, d2);
    pi_tag(c, 2); /* line 427 */
    d3 = pi_df(c, "sidx long, eidx long, name string", "(3, 4, 'Alice'), (2, 3, 'Bob')",
               "sidx,eidx,name");
    PI_EX(c, 3); /* line 429 */
    d4 = pi_select(
        c, d3,
        ember_alias(ember_substr(DCOL(d3, "name"), DCOL(d3, "sidx"), DCOL(d3, "eidx")), "col"),
        NULL);
    pi_collect(c, d4);
    (void)d1;
    (void)d2;
    (void)d3;
    (void)d4;
}

/* pyspark.sql.column.Column.try_cast (pyspark/sql/column.py:395) */
static void pi_fn_try_cast(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3;
    pi_tag(c, 1); /* line 417 */
    d1 = pi_df(c, "age long, name string", "(2, '123'), (5, 'Bob'), (3, None)", "age,name");
    pi_tag(c, 3); /* line 430 */
    d2 = pi_df(c, "age long, name string", "(2, '123'), (5, 'Bob'), (3, None)", "age,name");
    PI_EX(c, 4); /* line 432 */
    d3 = pi_select(c, d2, ember_try_cast(DCOL(d2, "name"), "double"), NULL);
    pi_show_n(c, d3, 20, 20, false);
    (void)d1;
    (void)d2;
    (void)d3;
}

/* pyspark.sql.column.Column.when (pyspark/sql/column.py:395) */
static void pi_fn_when(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3, *d4, *d5;
    pi_tag(c, 1); /* line 421 */
    d1 = pi_df(c, "age long, name string", "(2, 'Alice'), (5, 'Bob')", "age,name");
    pi_tag(c, 2); /* line 422 */
    d2 = pi_select(
        c, d1, DCOL(d1, "name"),
        ember_otherwise(ember_when_add(ember_when(ember_gt(DCOL(d1, "age"), LIT_I(4)), LIT_I(1)),
                                       ember_lt(DCOL(d1, "age"), LIT_I(3)), LIT_I(-1)),
                        LIT_I(0)),
        NULL);
    PI_EX(c, 3); /* line 423 */
    pi_show_n(c, d2, 20, 20, false);
    pi_tag(c, 5); /* line 434 */
    d3 = pi_df(c, "age long, name string", "(1, 'Alice'), (4, 'Bob'), (6, 'Charlie')", "age,name");
    pi_tag(c, 6); /* line 435 */
    d4 = pi_select(
        c, d3, DCOL(d3, "name"),
        ember_otherwise(
            ember_when_add(ember_when(ember_lt(DCOL(d3, "age"), LIT_I(3)), LIT_S("Young")),
                           ember_lt(DCOL(d3, "age"), LIT_I(5)), LIT_S("Middle-aged")),
            LIT_S("Old")),
        NULL);
    PI_EX(c, 7); /* line 439 */
    pi_show_n(c, d4, 20, 20, false);
    pi_tag(c, 9); /* line 451 */
    d5 = pi_df(c, "age long, name string", "(2, 'Alice'), (5, 'Bob')", "age,name");
    (void)d1;
    (void)d2;
    (void)d3;
    (void)d4;
    (void)d5;
}

const pi_case pi_cases_column[] = {
    {"pyspark.sql.column.Column.__getattr__", pi_fn___getattr__},
    {"pyspark.sql.column.Column.alias", pi_fn_alias},
    {"pyspark.sql.column.Column.asc", pi_fn_asc},
    {"pyspark.sql.column.Column.between", pi_fn_between},
    {"pyspark.sql.column.Column.bitwiseOR", pi_fn_bitwiseOR},
    {"pyspark.sql.column.Column.bitwiseXOR", pi_fn_bitwiseXOR},
    {"pyspark.sql.column.Column.contains", pi_fn_contains},
    {"pyspark.sql.column.Column.desc", pi_fn_desc},
    {"pyspark.sql.column.Column.desc_nulls_first", pi_fn_desc_nulls_first},
    {"pyspark.sql.column.Column.desc_nulls_last", pi_fn_desc_nulls_last},
    {"pyspark.sql.column.Column.endswith", pi_fn_endswith},
    {"pyspark.sql.column.Column.eqNullSafe", pi_fn_eqNullSafe},
    {"pyspark.sql.column.Column.getField", pi_fn_getField},
    {"pyspark.sql.column.Column.getItem", pi_fn_getItem},
    {"pyspark.sql.column.Column.ilike", pi_fn_ilike},
    {"pyspark.sql.column.Column.isNotNull", pi_fn_isNotNull},
    {"pyspark.sql.column.Column.isNull", pi_fn_isNull},
    {"pyspark.sql.column.Column.otherwise", pi_fn_otherwise},
    {"pyspark.sql.column.Column.rlike", pi_fn_rlike},
    {"pyspark.sql.column.Column.startswith", pi_fn_startswith},
    {"pyspark.sql.column.Column.substr", pi_fn_substr},
    {"pyspark.sql.column.Column.try_cast", pi_fn_try_cast},
    {"pyspark.sql.column.Column.when", pi_fn_when},
    {NULL, NULL},
};
