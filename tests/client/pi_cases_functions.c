/*
 * pi_cases_functions.c: plan-identity programs for captured PySpark docstrings,
 * written by tools/pi_gen.py from each example's source and checked by the
 * plan-identity comparison (see README.md for the command). Each program names
 * its docstring and source line; PI_EX marks an example index and its line.
 */
#include "pi_main.h"

/* pyspark.sql.connect.functions.builtin.acos (pyspark/sql/connect/functions/builtin.py:526) */
static void pi_fn_acos(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3, *d4;
    pi_tag(c, 1); /* line 550 */
    d1 = pi_df(c, "value double", "(-1.0,), (-0.5,), (0.0,), (0.5,), (1.0,)", "value");
    PI_EX(c, 2); /* line 551 */
    d2 = pi_select(c, d1, COL("*"), FN("acos", COL("value")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    PI_EX(c, 4); /* line 565 */
    d3 = pi_sql(c, "SELECT * FROM VALUES (-2), (2), (NULL) AS TAB(value)");
    d4 = pi_select(c, d3, COL("*"), FN("acos", COL("value")), NULL);
    pi_show_n(c, d4, 20, 20, false);
    (void)d1;
    (void)d2;
    (void)d3;
    (void)d4;
}

/* pyspark.sql.connect.functions.builtin.acosh (pyspark/sql/connect/functions/builtin.py:533) */
static void pi_fn_acosh(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3, *d4;
    pi_tag(c, 1); /* line 557 */
    d1 = pi_df(c, "value long", "(1,), (2,)", "value");
    PI_EX(c, 2); /* line 558 */
    d2 = pi_select(c, d1, COL("*"), FN("acosh", DCOL(d1, "value")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    PI_EX(c, 4); /* line 569 */
    d3 = pi_sql(c, "SELECT * FROM VALUES (-0.5), (0.5), (NULL) AS TAB(value)");
    d4 = pi_select(c, d3, COL("*"), FN("acosh", COL("value")), NULL);
    pi_show_n(c, d4, 20, 20, false);
    (void)d1;
    (void)d2;
    (void)d3;
    (void)d4;
}

/* pyspark.sql.connect.functions.builtin.aes_decrypt (pyspark/sql/connect/functions/builtin.py:4810)
 */
static void pi_fn_aes_decrypt(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3, *d4, *d5, *d6, *d7, *d8;
    pi_tag(c, 1); /* line 4852 */
    d1 = pi_df(
        c, "input string, key string, mode string, padding string, aad string",
        "('AAAAAAAAAAAAAAAAQiYi+sTLm7KD9UcZ2nlRdYDe/PX4', 'abcdefghijklmnop12345678ABCDEFGH', "
        "'GCM', 'DEFAULT', 'This is an AAD mixed into the input')",
        "input,key,mode,padding,aad");
    PI_EX(c, 2); /* line 4858 */
    d2 = pi_select(c, d1,
                   ember_cast(FN("aes_decrypt", FN("unbase64", DCOL(d1, "input")), DCOL(d1, "key"),
                                 COL("mode"), DCOL(d1, "padding"), DCOL(d1, "aad")),
                              "STRING"),
                   NULL);
    pi_show_n(c, d2, 20, 0, false);
    pi_tag(c, 4); /* line 4870 */
    d3 = pi_df(c, "input string, key string, mode string, padding string",
               "('AAAAAAAAAAAAAAAAAAAAAPSd4mWyMZ5mhvjiAPQJnfg=', "
               "'abcdefghijklmnop12345678ABCDEFGH', 'CBC', 'DEFAULT')",
               "input,key,mode,padding");
    PI_EX(c, 5); /* line 4875 */
    d4 = pi_select(c, d3,
                   ember_cast(FN("aes_decrypt", FN("unbase64", DCOL(d3, "input")), DCOL(d3, "key"),
                                 COL("mode"), DCOL(d3, "padding"), LIT_S("")),
                              "STRING"),
                   NULL);
    pi_show_n(c, d4, 20, 0, false);
    pi_tag(c, 7); /* line 4887 */
    d5 = pi_df(c, "input string, key string, mode string, padding string",
               "('AAAAAAAAAAAAAAAAAAAAAPSd4mWyMZ5mhvjiAPQJnfg=', "
               "'abcdefghijklmnop12345678ABCDEFGH', 'CBC', 'DEFAULT')",
               "input,key,mode,padding");
    PI_EX(c, 8); /* line 4892 */
    d6 = pi_select(c, d5,
                   ember_cast(FN("aes_decrypt", FN("unbase64", DCOL(d5, "input")), DCOL(d5, "key"),
                                 COL("mode"), LIT_S("DEFAULT"), LIT_S("")),
                              "STRING"),
                   NULL);
    pi_show_n(c, d6, 20, 0, false);
    pi_tag(c, 10); /* line 4904 */
    d7 = pi_df(c, "input string, key string",
               "('83F16B2AA704794132802D248E6BFD4E380078182D1544813898AC97E709B28A94', "
               "'0000111122223333')",
               "input,key");
    PI_EX(c, 11); /* line 4909 */
    d8 = pi_select(c, d7,
                   ember_cast(FN("aes_decrypt", FN("unhex", DCOL(d7, "input")), DCOL(d7, "key"),
                                 LIT_S("GCM"), LIT_S("DEFAULT"), LIT_S("")),
                              "STRING"),
                   NULL);
    pi_show_n(c, d8, 20, 0, false);
    (void)d1;
    (void)d2;
    (void)d3;
    (void)d4;
    (void)d5;
    (void)d6;
    (void)d7;
    (void)d8;
}

/* pyspark.sql.connect.functions.builtin.aes_encrypt (pyspark/sql/connect/functions/builtin.py:4791)
 */
static void pi_fn_aes_encrypt(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3, *d4, *d5, *d6, *d7, *d8, *d9, *d10;
    pi_tag(c, 1); /* line 4839 */
    d1 = pi_df(c, "input string, key string, mode string, padding string, iv string, aad string",
               "('Spark', 'abcdefghijklmnop12345678ABCDEFGH', 'GCM', 'DEFAULT', "
               "'000000000000000000000000', 'This is an AAD mixed into the input')",
               "input,key,mode,padding,iv,aad");
    PI_EX(c, 2); /* line 4844 */
    d2 = pi_select(c, d1,
                   FN("base64", FN("aes_encrypt", DCOL(d1, "input"), DCOL(d1, "key"), COL("mode"),
                                   DCOL(d1, "padding"),
                                   FN("to_binary", DCOL(d1, "iv"), LIT_S("hex")), DCOL(d1, "aad"))),
                   NULL);
    pi_show_n(c, d2, 20, 0, false);
    pi_tag(c, 4); /* line 4856 */
    d3 = pi_df(c, "input string, key string, mode string, padding string, iv string, aad string",
               "('Spark', 'abcdefghijklmnop12345678ABCDEFGH', 'GCM', 'DEFAULT', "
               "'000000000000000000000000', 'This is an AAD mixed into the input')",
               "input,key,mode,padding,iv,aad");
    PI_EX(c, 5); /* line 4861 */
    d4 = pi_select(c, d3,
                   FN("base64", FN("aes_encrypt", DCOL(d3, "input"), DCOL(d3, "key"), COL("mode"),
                                   DCOL(d3, "padding"),
                                   FN("to_binary", DCOL(d3, "iv"), LIT_S("hex")), LIT_S(""))),
                   NULL);
    pi_show_n(c, d4, 20, 0, false);
    pi_tag(c, 7); /* line 4873 */
    d5 = pi_df(c, "input string, key string, mode string, padding string",
               "('Spark SQL', '1234567890abcdef', 'ECB', 'PKCS')", "input,key,mode,padding");
    PI_EX(c, 8); /* line 4877 */
    d6 = pi_select(c, d5,
                   ember_cast(FN("aes_decrypt",
                                 FN("aes_encrypt", DCOL(d5, "input"), DCOL(d5, "key"), COL("mode"),
                                    DCOL(d5, "padding"), LIT_S(""), LIT_S("")),
                                 DCOL(d5, "key"), DCOL(d5, "mode"), DCOL(d5, "padding"), LIT_S("")),
                              "STRING"),
                   NULL);
    pi_show_n(c, d6, 20, 0, false);
    pi_tag(c, 10); /* line 4889 */
    d7 = pi_df(c, "input string, key string, mode string",
               "('Spark SQL', '0000111122223333', 'ECB')", "input,key,mode");
    PI_EX(c, 11); /* line 4893 */
    d8 = pi_select(c, d7,
                   ember_cast(FN("aes_decrypt",
                                 FN("aes_encrypt", DCOL(d7, "input"), DCOL(d7, "key"), COL("mode"),
                                    LIT_S("DEFAULT"), LIT_S(""), LIT_S("")),
                                 DCOL(d7, "key"), DCOL(d7, "mode"), LIT_S("DEFAULT"), LIT_S("")),
                              "STRING"),
                   NULL);
    pi_show_n(c, d8, 20, 0, false);
    pi_tag(c, 13); /* line 4905 */
    d9 = pi_df(c, "input string, key string", "('Spark SQL', 'abcdefghijklmnop')", "input,key");
    PI_EX(c, 14); /* line 4909 */
    d10 = pi_select(
        c, d9,
        ember_cast(FN("aes_decrypt",
                      FN("unbase64",
                         FN("base64", FN("aes_encrypt", DCOL(d9, "input"), DCOL(d9, "key"),
                                         LIT_S("GCM"), LIT_S("DEFAULT"), LIT_S(""), LIT_S("")))),
                      DCOL(d9, "key"), LIT_S("GCM"), LIT_S("DEFAULT"), LIT_S("")),
                   "STRING"),
        NULL);
    pi_show_n(c, d10, 20, 0, false);
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
}

/* pyspark.sql.connect.functions.builtin.any_value (pyspark/sql/connect/functions/builtin.py:1574)
 */
static void pi_fn_any_value(pi_ctx *c)
{
    ember_dataframe *d1, *d2;
    pi_tag(c, 1); /* line 1593 */
    d1 = pi_df(c, "c1 string, c2 long", "(None, 1), ('a', 2), ('a', 3), ('b', 8), ('b', 2)",
               "c1,c2");
    PI_EX(c, 2); /* line 1595 */
    d2 = pi_select(c, d1, FN("any_value", COL("c1")), FN("any_value", COL("c2")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    (void)d1;
    (void)d2;
}

/* pyspark.sql.connect.functions.builtin.array_agg (pyspark/sql/connect/functions/builtin.py:1063)
 */
static void pi_fn_array_agg(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3, *d4, *d5, *d6;
    pi_tag(c, 1); /* line 1088 */
    d1 = pi_df(c, "c long", "(1,), (1,), (2,)", "c");
    PI_EX(c, 2); /* line 1089 */
    d2 = pi_group_agg(c, d1, (ember_column *[]){NULL}, 0,
                      (ember_column *[]){ember_alias(
                          FN("sort_array", FN("array_agg", COL("c")), LIT_B(true)), "sorted_list")},
                      1);
    pi_show_n(c, d2, 20, 20, false);
    pi_tag(c, 4); /* line 1099 */
    d3 = pi_df(c, "c string", "('apple',), ('apple',), ('banana',)", "c");
    PI_EX(c, 5); /* line 1100 */
    d4 = pi_group_agg(c, d3, (ember_column *[]){NULL}, 0,
                      (ember_column *[]){ember_alias(
                          FN("sort_array", FN("array_agg", COL("c")), LIT_B(true)), "sorted_list")},
                      1);
    pi_show_n(c, d4, 20, 0, false);
    pi_tag(c, 7); /* line 1110 */
    d5 = pi_df(c, "c long", "(1,), (None,), (2,)", "c");
    PI_EX(c, 8); /* line 1111 */
    d6 = pi_group_agg(c, d5, (ember_column *[]){NULL}, 0,
                      (ember_column *[]){ember_alias(
                          FN("sort_array", FN("array_agg", COL("c")), LIT_B(true)), "sorted_list")},
                      1);
    pi_show_n(c, d6, 20, 20, false);
    (void)d1;
    (void)d2;
    (void)d3;
    (void)d4;
    (void)d5;
    (void)d6;
}

/* pyspark.sql.connect.functions.builtin.array_compact
 * (pyspark/sql/connect/functions/builtin.py:1745) */
static void pi_fn_array_compact(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3, *d4, *d5, *d6;
    pi_tag(c, 1); /* line 1769 */
    d1 = pi_df(c, "data array<long>", "([1, None, 2, 3],)", "data");
    PI_EX(c, 2); /* line 1770 */
    d2 = pi_select(c, d1, FN("array_compact", DCOL(d1, "data")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    pi_tag(c, 4); /* line 1780 */
    d3 = pi_df(c, "data array<long>", "([1, None, 2, 3],), ([4, 5, None, 4],)", "data");
    PI_EX(c, 5); /* line 1781 */
    d4 = pi_select(c, d3, FN("array_compact", DCOL(d3, "data")), NULL);
    pi_show_n(c, d4, 20, 20, false);
    pi_tag(c, 12); /* line 1807 */
    d5 = pi_df(c, "data array<long>", "([1, 2, 3],)", "data");
    PI_EX(c, 13); /* line 1808 */
    d6 = pi_select(c, d5, FN("array_compact", DCOL(d5, "data")), NULL);
    pi_show_n(c, d6, 20, 20, false);
    (void)d1;
    (void)d2;
    (void)d3;
    (void)d4;
    (void)d5;
    (void)d6;
}

/* pyspark.sql.connect.functions.builtin.array_contains
 * (pyspark/sql/connect/functions/builtin.py:1708) */
static void pi_fn_array_contains(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3, *d4, *d5, *d6;
    pi_tag(c, 4); /* line 1748 */
    d1 = pi_df(c, "data array<string>, item string",
               "(['a', 'b', 'c'], 'c'), (['c', 'd', 'e'], 'd'), (['e', 'a', 'c'], 'b')",
               "data,item");
    PI_EX(c, 5); /* line 1751 */
    d2 = pi_select(c, d1, FN("array_contains", DCOL(d1, "data"), COL("item")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    pi_tag(c, 7); /* line 1763 */
    d3 = pi_df(c, "data array<string>", "(None,), (['a', 'b', 'c'],)", "data");
    PI_EX(c, 8); /* line 1764 */
    d4 = pi_select(c, d3, FN("array_contains", DCOL(d3, "data"), LIT_S("a")), NULL);
    pi_show_n(c, d4, 20, 20, false);
    pi_tag(c, 10); /* line 1775 */
    d5 = pi_df(c, "data array<string>", "(['a', None, 'c'],)", "data");
    PI_EX(c, 11); /* line 1776 */
    d6 = pi_select(c, d5, FN("array_contains", DCOL(d5, "data"), LIT_S("a")), NULL);
    pi_show_n(c, d6, 20, 20, false);
    (void)d1;
    (void)d2;
    (void)d3;
    (void)d4;
    (void)d5;
    (void)d6;
}

/* pyspark.sql.connect.functions.builtin.array_distinct
 * (pyspark/sql/connect/functions/builtin.py:1715) */
static void pi_fn_array_distinct(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3, *d4, *d5, *d6, *d7, *d8;
    pi_tag(c, 1); /* line 1738 */
    d1 = pi_df(c, "data array<long>", "([1, 2, 3, 2],)", "data");
    PI_EX(c, 2); /* line 1739 */
    d2 = pi_select(c, d1, FN("array_distinct", DCOL(d1, "data")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    pi_tag(c, 4); /* line 1749 */
    d3 = pi_df(c, "data array<long>", "([1, 2, 3, 2],), ([4, 5, 5, 4],)", "data");
    PI_EX(c, 5); /* line 1750 */
    d4 = pi_select(c, d3, FN("array_distinct", DCOL(d3, "data")), NULL);
    pi_show_n(c, d4, 20, 20, false);
    pi_tag(c, 7); /* line 1761 */
    d5 = pi_df(c, "data array<long>", "([1, 1, 1],)", "data");
    PI_EX(c, 8); /* line 1762 */
    d6 = pi_select(c, d5, FN("array_distinct", DCOL(d5, "data")), NULL);
    pi_show_n(c, d6, 20, 20, false);
    pi_tag(c, 10); /* line 1772 */
    d7 = pi_df(c, "data array<long>", "([1, 2, 3],)", "data");
    PI_EX(c, 11); /* line 1773 */
    d8 = pi_select(c, d7, FN("array_distinct", DCOL(d7, "data")), NULL);
    pi_show_n(c, d8, 20, 20, false);
    (void)d1;
    (void)d2;
    (void)d3;
    (void)d4;
    (void)d5;
    (void)d6;
    (void)d7;
    (void)d8;
}

/* pyspark.sql.connect.functions.builtin.array_except
 * (pyspark/sql/connect/functions/builtin.py:1722) */
static void pi_fn_array_except(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3, *d4, *d5, *d6, *d7, *d8;
    pi_tag(c, 1); /* line 1752 */
    d1 = pi_df(c, "c1 array<string>, c2 array<string>", "(['b', 'a', 'c'], ['c', 'd', 'a', 'f'])",
               NULL);
    PI_EX(c, 2); /* line 1753 */
    d2 = pi_select(c, d1, FN("array_except", DCOL(d1, "c1"), DCOL(d1, "c2")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    pi_tag(c, 4); /* line 1763 */
    d3 = pi_df(c, "c1 array<string>, c2 array<string>", "(['b', 'a', 'c'], ['d', 'e', 'f'])", NULL);
    PI_EX(c, 5); /* line 1764 */
    d4 = pi_select(
        c, d3, FN("sort_array", FN("array_except", DCOL(d3, "c1"), DCOL(d3, "c2")), LIT_B(true)),
        NULL);
    pi_show_n(c, d4, 20, 20, false);
    pi_tag(c, 7); /* line 1774 */
    d5 = pi_df(c, "c1 array<string>, c2 array<string>", "(['a', 'b', 'c'], ['a', 'b', 'c'])", NULL);
    PI_EX(c, 8); /* line 1775 */
    d6 = pi_select(c, d5, FN("array_except", DCOL(d5, "c1"), DCOL(d5, "c2")), NULL);
    pi_show_n(c, d6, 20, 20, false);
    pi_tag(c, 10); /* line 1785 */
    d7 = pi_df(c, "c1 array<string>, c2 array<string>", "(['a', 'b', None], ['a', None, 'c'])",
               NULL);
    PI_EX(c, 11); /* line 1786 */
    d8 = pi_select(c, d7, FN("array_except", DCOL(d7, "c1"), DCOL(d7, "c2")), NULL);
    pi_show_n(c, d8, 20, 20, false);
    (void)d1;
    (void)d2;
    (void)d3;
    (void)d4;
    (void)d5;
    (void)d6;
    (void)d7;
    (void)d8;
}

/* pyspark.sql.connect.functions.builtin.array_intersect
 * (pyspark/sql/connect/functions/builtin.py:1738) */
static void pi_fn_array_intersect(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3, *d4, *d5, *d6, *d7, *d8;
    pi_tag(c, 1); /* line 1768 */
    d1 = pi_df(c, "c1 array<string>, c2 array<string>", "(['b', 'a', 'c'], ['c', 'd', 'a', 'f'])",
               NULL);
    PI_EX(c, 2); /* line 1769 */
    d2 = pi_select(
        c, d1, FN("sort_array", FN("array_intersect", DCOL(d1, "c1"), DCOL(d1, "c2")), LIT_B(true)),
        NULL);
    pi_show_n(c, d2, 20, 20, false);
    pi_tag(c, 4); /* line 1779 */
    d3 = pi_df(c, "c1 array<string>, c2 array<string>", "(['b', 'a', 'c'], ['d', 'e', 'f'])", NULL);
    PI_EX(c, 5); /* line 1780 */
    d4 = pi_select(c, d3, FN("array_intersect", DCOL(d3, "c1"), DCOL(d3, "c2")), NULL);
    pi_show_n(c, d4, 20, 20, false);
    pi_tag(c, 7); /* line 1790 */
    d5 = pi_df(c, "c1 array<string>, c2 array<string>", "(['a', 'b', 'c'], ['a', 'b', 'c'])", NULL);
    PI_EX(c, 8); /* line 1791 */
    d6 = pi_select(
        c, d5, FN("sort_array", FN("array_intersect", DCOL(d5, "c1"), DCOL(d5, "c2")), LIT_B(true)),
        NULL);
    pi_show_n(c, d6, 20, 20, false);
    pi_tag(c, 10); /* line 1801 */
    d7 = pi_df(c, "c1 array<string>, c2 array<string>", "(['a', 'b', None], ['a', None, 'c'])",
               NULL);
    PI_EX(c, 11); /* line 1802 */
    d8 = pi_select(
        c, d7, FN("sort_array", FN("array_intersect", DCOL(d7, "c1"), DCOL(d7, "c2")), LIT_B(true)),
        NULL);
    pi_show_n(c, d8, 20, 20, false);
    (void)d1;
    (void)d2;
    (void)d3;
    (void)d4;
    (void)d5;
    (void)d6;
    (void)d7;
    (void)d8;
}

/* pyspark.sql.connect.functions.builtin.array_join (pyspark/sql/connect/functions/builtin.py:1753)
 */
static void pi_fn_array_join(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3, *d4, *d5, *d6;
    pi_tag(c, 1); /* line 1784 */
    d1 = pi_df(c, "data array<string>", "(['a', 'b', 'c'],), (['a', 'b'],)", "data");
    PI_EX(c, 2); /* line 1785 */
    d2 = pi_select(c, d1, FN("array_join", DCOL(d1, "data"), LIT_S(",")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    pi_tag(c, 4); /* line 1796 */
    d3 = pi_df(c, "data array<string>", "(['a', None, 'c'],)", "data");
    PI_EX(c, 5); /* line 1797 */
    d4 = pi_select(c, d3, FN("array_join", DCOL(d3, "data"), LIT_S(","), LIT_S("NULL")), NULL);
    pi_show_n(c, d4, 20, 20, false);
    pi_tag(c, 7); /* line 1807 */
    d5 = pi_df(c, "data array<string>", "(['a', None, 'c'],)", "data");
    PI_EX(c, 8); /* line 1808 */
    d6 = pi_select(c, d5, FN("array_join", DCOL(d5, "data"), LIT_S(",")), NULL);
    pi_show_n(c, d6, 20, 20, false);
    (void)d1;
    (void)d2;
    (void)d3;
    (void)d4;
    (void)d5;
    (void)d6;
}

/* pyspark.sql.connect.functions.builtin.array_min (pyspark/sql/connect/functions/builtin.py:1771)
 */
static void pi_fn_array_min(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3, *d4, *d5, *d6;
    pi_tag(c, 1); /* line 1794 */
    d1 = pi_df(c, "data array<long>", "([2, 1, 3],), ([None, 10, -1],)", "data");
    PI_EX(c, 2); /* line 1795 */
    d2 = pi_select(c, d1, FN("array_min", DCOL(d1, "data")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    pi_tag(c, 4); /* line 1806 */
    d3 = pi_df(c, "data array<string>", "(['apple', 'banana', 'cherry'],)", "data");
    PI_EX(c, 5); /* line 1807 */
    d4 = pi_select(c, d3, FN("array_min", DCOL(d3, "data")), NULL);
    pi_show_n(c, d4, 20, 20, false);
    pi_tag(c, 10); /* line 1828 */
    d5 = pi_df(c, "data array<array<long>>", "([[2, 1], [3, 4]],)", "data");
    PI_EX(c, 11); /* line 1829 */
    d6 = pi_select(c, d5, FN("array_min", DCOL(d5, "data")), NULL);
    pi_show_n(c, d6, 20, 20, false);
    (void)d1;
    (void)d2;
    (void)d3;
    (void)d4;
    (void)d5;
    (void)d6;
}

/* pyspark.sql.connect.functions.builtin.array_position
 * (pyspark/sql/connect/functions/builtin.py:1792) */
static void pi_fn_array_position(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3, *d4, *d5, *d6, *d7, *d8, *d9, *d10;
    pi_tag(c, 1); /* line 1826 */
    d1 = pi_df(c, "data array<string>", "(['c', 'b', 'a'],)", "data");
    PI_EX(c, 2); /* line 1827 */
    d2 = pi_select(c, d1, FN("array_position", DCOL(d1, "data"), LIT_S("a")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    pi_tag(c, 9); /* line 1850 */
    d3 = pi_df(c, "data array<long>", "([1, 2, 3],)", "data");
    PI_EX(c, 10); /* line 1851 */
    d4 = pi_select(c, d3, FN("array_position", DCOL(d3, "data"), LIT_I(2)), NULL);
    pi_show_n(c, d4, 20, 20, false);
    pi_tag(c, 12); /* line 1861 */
    d5 = pi_df(c, "data array<string>", "(['c', 'b', 'a'],)", "data");
    PI_EX(c, 13); /* line 1862 */
    d6 = pi_select(c, d5, FN("array_position", DCOL(d5, "data"), LIT_S("d")), NULL);
    pi_show_n(c, d6, 20, 20, false);
    pi_tag(c, 15); /* line 1872 */
    d7 = pi_df(c, "data array<string>", "([None, 'b', 'a'],)", "data");
    PI_EX(c, 16); /* line 1873 */
    d8 = pi_select(c, d7, FN("array_position", DCOL(d7, "data"), LIT_S("a")), NULL);
    pi_show_n(c, d8, 20, 20, false);
    pi_tag(c, 18); /* line 1883 */
    d9 = pi_df(c, "data array<long>, col long", "([10, 20, 30], 20)", "data,col");
    PI_EX(c, 19); /* line 1884 */
    d10 = pi_select(c, d9, FN("array_position", DCOL(d9, "data"), DCOL(d9, "col")), NULL);
    pi_show_n(c, d10, 20, 20, false);
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
}

/* pyspark.sql.connect.functions.builtin.array_remove
 * (pyspark/sql/connect/functions/builtin.py:1806) */
static void pi_fn_array_remove(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3, *d4, *d5, *d6, *d7, *d8, *d9, *d10;
    pi_tag(c, 1); /* line 1834 */
    d1 = pi_df(c, "data array<long>", "([1, 2, 3, 1, 1],)", "data");
    PI_EX(c, 2); /* line 1835 */
    d2 = pi_select(c, d1, FN("array_remove", DCOL(d1, "data"), LIT_I(1)), NULL);
    pi_show_n(c, d2, 20, 20, false);
    pi_tag(c, 4); /* line 1845 */
    d3 = pi_df(c, "data array<long>", "([1, 2, 3, 1, 1],), ([4, 5, 5, 4],)", "data");
    PI_EX(c, 5); /* line 1846 */
    d4 = pi_select(c, d3, FN("array_remove", DCOL(d3, "data"), LIT_I(5)), NULL);
    pi_show_n(c, d4, 20, 20, false);
    pi_tag(c, 7); /* line 1857 */
    d5 = pi_df(c, "data array<long>", "([1, 2, 3],)", "data");
    PI_EX(c, 8); /* line 1858 */
    d6 = pi_select(c, d5, FN("array_remove", DCOL(d5, "data"), LIT_I(4)), NULL);
    pi_show_n(c, d6, 20, 20, false);
    pi_tag(c, 10); /* line 1868 */
    d7 = pi_df(c, "data array<long>", "([1, 1, 1],)", "data");
    PI_EX(c, 11); /* line 1869 */
    d8 = pi_select(c, d7, FN("array_remove", DCOL(d7, "data"), LIT_I(1)), NULL);
    pi_show_n(c, d8, 20, 20, false);
    pi_tag(c, 18); /* line 1894 */
    d9 = pi_df(c, "data array<long>, col long", "([1, 2, 3, 1, 1], 1)", "data,col");
    PI_EX(c, 19); /* line 1895 */
    d10 = pi_select(c, d9, FN("array_remove", DCOL(d9, "data"), DCOL(d9, "col")), NULL);
    pi_show_n(c, d10, 20, 20, false);
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
}

/* pyspark.sql.connect.functions.builtin.array_size (pyspark/sql/connect/functions/builtin.py:1778)
 */
static void pi_fn_array_size(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3, *d4, *d5, *d6;
    pi_tag(c, 1); /* line 1799 */
    d1 = pi_df(c, "data array<long>", "([2, 1, 3],), (None,)", "data");
    PI_EX(c, 2); /* line 1800 */
    d2 = pi_select(c, d1, FN("array_size", DCOL(d1, "data")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    pi_tag(c, 4); /* line 1811 */
    d3 = pi_df(c, "data array<string>", "(['apple', 'banana', 'cherry'],)", "data");
    PI_EX(c, 5); /* line 1812 */
    d4 = pi_select(c, d3, FN("array_size", DCOL(d3, "data")), NULL);
    pi_show_n(c, d4, 20, 20, false);
    pi_tag(c, 10); /* line 1833 */
    d5 = pi_df(c, "data array<array<long>>", "([[2, 1], [3, 4]],)", "data");
    PI_EX(c, 11); /* line 1834 */
    d6 = pi_select(c, d5, FN("array_size", DCOL(d5, "data")), NULL);
    pi_show_n(c, d6, 20, 20, false);
    (void)d1;
    (void)d2;
    (void)d3;
    (void)d4;
    (void)d5;
    (void)d6;
}

/* pyspark.sql.connect.functions.builtin.array_union (pyspark/sql/connect/functions/builtin.py:1834)
 */
static void pi_fn_array_union(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3, *d4, *d5, *d6, *d7, *d8;
    pi_tag(c, 1); /* line 1864 */
    d1 = pi_df(c, "c1 array<string>, c2 array<string>", "(['b', 'a', 'c'], ['c', 'd', 'a', 'f'])",
               NULL);
    PI_EX(c, 2); /* line 1865 */
    d2 = pi_select(c, d1,
                   FN("sort_array", FN("array_union", DCOL(d1, "c1"), DCOL(d1, "c2")), LIT_B(true)),
                   NULL);
    pi_show_n(c, d2, 20, 20, false);
    pi_tag(c, 4); /* line 1875 */
    d3 = pi_df(c, "c1 array<string>, c2 array<string>", "(['b', 'a', 'c'], ['d', 'e', 'f'])", NULL);
    PI_EX(c, 5); /* line 1876 */
    d4 = pi_select(c, d3,
                   FN("sort_array", FN("array_union", DCOL(d3, "c1"), DCOL(d3, "c2")), LIT_B(true)),
                   NULL);
    pi_show_n(c, d4, 20, 20, false);
    pi_tag(c, 7); /* line 1886 */
    d5 = pi_df(c, "c1 array<string>, c2 array<string>", "(['a', 'b', 'c'], ['a', 'b', 'c'])", NULL);
    PI_EX(c, 8); /* line 1887 */
    d6 = pi_select(c, d5,
                   FN("sort_array", FN("array_union", DCOL(d5, "c1"), DCOL(d5, "c2")), LIT_B(true)),
                   NULL);
    pi_show_n(c, d6, 20, 20, false);
    pi_tag(c, 10); /* line 1897 */
    d7 = pi_df(c, "c1 array<string>, c2 array<string>", "(['a', 'b', None], ['a', None, 'c'])",
               NULL);
    PI_EX(c, 11); /* line 1898 */
    d8 = pi_select(c, d7,
                   FN("sort_array", FN("array_union", DCOL(d7, "c1"), DCOL(d7, "c2")), LIT_B(true)),
                   NULL);
    pi_show_n(c, d8, 20, 20, false);
    (void)d1;
    (void)d2;
    (void)d3;
    (void)d4;
    (void)d5;
    (void)d6;
    (void)d7;
    (void)d8;
}

/* pyspark.sql.connect.functions.builtin.arrays_overlap
 * (pyspark/sql/connect/functions/builtin.py:1841) */
static void pi_fn_arrays_overlap(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3, *d4, *d5, *d6, *d7, *d8;
    pi_tag(c, 1); /* line 1868 */
    d1 = pi_df(c, "x array<string>, y array<string>",
               "(['a', 'b'], ['b', 'c']), (['a'], ['b', 'c'])", "x,y");
    PI_EX(c, 2); /* line 1869 */
    d2 = pi_select(c, d1, FN("arrays_overlap", DCOL(d1, "x"), DCOL(d1, "y")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    pi_tag(c, 4); /* line 1880 */
    d3 = pi_df(c, "x array<string>, y array<string>",
               "(['a', None], ['b', None]), (['a'], ['b', 'c'])", "x,y");
    PI_EX(c, 5); /* line 1881 */
    d4 = pi_select(c, d3, FN("arrays_overlap", DCOL(d3, "x"), DCOL(d3, "y")), NULL);
    pi_show_n(c, d4, 20, 20, false);
    pi_tag(c, 7); /* line 1892 */
    d5 = pi_df(c, "x array<string>, y array<string>", "(None, ['b', 'c']), (['a'], None)", "x,y");
    PI_EX(c, 8); /* line 1893 */
    d6 = pi_select(c, d5, FN("arrays_overlap", DCOL(d5, "x"), DCOL(d5, "y")), NULL);
    pi_show_n(c, d6, 20, 20, false);
    pi_tag(c, 10); /* line 1904 */
    d7 = pi_df(c, "x array<string>, y array<string>", "(['a', 'b'], ['a', 'b']), (['a'], ['a'])",
               "x,y");
    PI_EX(c, 11); /* line 1905 */
    d8 = pi_select(c, d7, FN("arrays_overlap", DCOL(d7, "x"), DCOL(d7, "y")), NULL);
    pi_show_n(c, d8, 20, 20, false);
    (void)d1;
    (void)d2;
    (void)d3;
    (void)d4;
    (void)d5;
    (void)d6;
    (void)d7;
    (void)d8;
}

/* pyspark.sql.connect.functions.builtin.asc (pyspark/sql/connect/functions/builtin.py:474) */
static void pi_fn_asc(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3, *d4, *d5, *d6, *d7, *d8;
    pi_tag(c, 1); /* line 503 */
    d1 = pi_df(c, "id long, value string", "(4, 'B'), (3, 'A'), (2, 'C')", "id,value");
    PI_EX(c, 2); /* line 504 */
    d2 = pi_sort(c, d1, ember_asc(COL("id")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    pi_tag(c, 4); /* line 516 */
    d3 = pi_df(c, "id long, value string", "(4, 'B'), (3, 'A'), (2, 'C')", "id,value");
    PI_EX(c, 5); /* line 517 */
    d4 = pi_sort(c, d3, ember_asc(COL("value")), NULL);
    pi_show_n(c, d4, 20, 20, false);
    pi_tag(c, 7); /* line 529 */
    d5 = pi_df(c, "id long, group string, value long", "(2, 'A', 4), (1, 'B', 3), (3, 'A', 2)",
               "id,group,value");
    PI_EX(c, 8); /* line 532 */
    d6 = pi_sort(c, d5, ember_asc(COL("group")), ember_desc(COL("value")), NULL);
    pi_show_n(c, d6, 20, 20, false);
    pi_tag(c, 9); /* line 543 */
    d7 = pi_df(c, "id long, value string", "(4, 'B'), (3, 'A'), (2, 'C')", "id,value");
    PI_EX(c, 10); /* line 544 */
    d8 = pi_sort(c, d7, ember_asc(DCOL(d7, "id")), NULL);
    pi_show_n(c, d8, 20, 20, false);
    (void)d1;
    (void)d2;
    (void)d3;
    (void)d4;
    (void)d5;
    (void)d6;
    (void)d7;
    (void)d8;
}

/* pyspark.sql.connect.functions.builtin.asc_nulls_first
 * (pyspark/sql/connect/functions/builtin.py:481) */
static void pi_fn_asc_nulls_first(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3, *d4, *d5, *d6;
    pi_tag(c, 1); /* line 510 */
    d1 = pi_df(c, "age long, name string", "(1, 'Bob'), (0, None), (2, 'Alice')", "age,name");
    PI_EX(c, 2); /* line 511 */
    d2 = pi_sort(c, d1, ember_asc_nulls_first(DCOL(d1, "name")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    pi_tag(c, 4); /* line 523 */
    d3 = pi_df(c, "age long, name string, grade string",
               "(1, 'Bob', None), (0, None, 'Z'), (2, 'Alice', 'Y')", "age,name,grade");
    PI_EX(c, 5); /* line 525 */
    d4 = pi_sort(c, d3, ember_asc_nulls_first(DCOL(d3, "name")),
                 ember_asc_nulls_first(DCOL(d3, "grade")), NULL);
    pi_show_n(c, d4, 20, 20, false);
    pi_tag(c, 7); /* line 537 */
    d5 = pi_df(c, "age long, name string", "(1, 'Bob'), (0, None), (2, 'Alice')", "age,name");
    PI_EX(c, 8); /* line 538 */
    d6 = pi_sort(c, d5, ember_asc_nulls_first(COL("name")), NULL);
    pi_show_n(c, d6, 20, 20, false);
    (void)d1;
    (void)d2;
    (void)d3;
    (void)d4;
    (void)d5;
    (void)d6;
}

/* pyspark.sql.connect.functions.builtin.asc_nulls_last
 * (pyspark/sql/connect/functions/builtin.py:488) */
static void pi_fn_asc_nulls_last(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3, *d4, *d5, *d6;
    pi_tag(c, 1); /* line 517 */
    d1 = pi_df(c, "age long, name string", "(0, None), (1, 'Bob'), (2, 'Alice')", "age,name");
    PI_EX(c, 2); /* line 518 */
    d2 = pi_sort(c, d1, ember_asc_nulls_last(DCOL(d1, "name")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    pi_tag(c, 4); /* line 530 */
    d3 = pi_df(c, "age long, name string, grade string",
               "(0, None, 'Z'), (1, 'Bob', None), (2, 'Alice', 'Y')", "age,name,grade");
    PI_EX(c, 5); /* line 532 */
    d4 = pi_sort(c, d3, ember_asc_nulls_last(DCOL(d3, "name")),
                 ember_asc_nulls_last(DCOL(d3, "grade")), NULL);
    pi_show_n(c, d4, 20, 20, false);
    pi_tag(c, 7); /* line 544 */
    d5 = pi_df(c, "age long, name string", "(0, None), (1, 'Bob'), (2, 'Alice')", "age,name");
    PI_EX(c, 8); /* line 545 */
    d6 = pi_sort(c, d5, ember_asc_nulls_last(COL("name")), NULL);
    pi_show_n(c, d6, 20, 20, false);
    (void)d1;
    (void)d2;
    (void)d3;
    (void)d4;
    (void)d5;
    (void)d6;
}

/* pyspark.sql.connect.functions.builtin.asin (pyspark/sql/connect/functions/builtin.py:540) */
static void pi_fn_asin(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3, *d4;
    pi_tag(c, 1); /* line 563 */
    d1 = pi_df(c, "value double", "(-0.5,), (0.0,), (0.5,)", "value");
    PI_EX(c, 2); /* line 564 */
    d2 = pi_select(c, d1, COL("*"), FN("asin", DCOL(d1, "value")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    PI_EX(c, 4); /* line 576 */
    d3 = pi_sql(c, "SELECT * FROM VALUES (-2), (2), (NULL) AS TAB(value)");
    d4 = pi_select(c, d3, COL("*"), FN("asin", COL("value")), NULL);
    pi_show_n(c, d4, 20, 20, false);
    (void)d1;
    (void)d2;
    (void)d3;
    (void)d4;
}

/* pyspark.sql.connect.functions.builtin.asinh (pyspark/sql/connect/functions/builtin.py:547) */
static void pi_fn_asinh(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3, *d4;
    pi_tag(c, 1); /* line 570 */
    d1 = pi_df(c, "value double", "(-0.5,), (0.0,), (0.5,)", "value");
    PI_EX(c, 2); /* line 571 */
    d2 = pi_select(c, d1, COL("*"), FN("asinh", DCOL(d1, "value")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    PI_EX(c, 4); /* line 583 */
    d3 = pi_sql(c, "SELECT * FROM VALUES (FLOAT('NAN')), (NULL) AS TAB(value)");
    d4 = pi_select(c, d3, COL("*"), FN("asinh", COL("value")), NULL);
    pi_show_n(c, d4, 20, 20, false);
    (void)d1;
    (void)d2;
    (void)d3;
    (void)d4;
}

/* pyspark.sql.connect.functions.builtin.atan (pyspark/sql/connect/functions/builtin.py:554) */
static void pi_fn_atan(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3, *d4;
    pi_tag(c, 1); /* line 577 */
    d1 = pi_df(c, "value double", "(-0.5,), (0.0,), (0.5,)", "value");
    PI_EX(c, 2); /* line 578 */
    d2 = pi_select(c, d1, COL("*"), FN("atan", DCOL(d1, "value")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    PI_EX(c, 4); /* line 590 */
    d3 = pi_sql(c, "SELECT * FROM VALUES (FLOAT('NAN')), (NULL) AS TAB(value)");
    d4 = pi_select(c, d3, COL("*"), FN("atan", COL("value")), NULL);
    pi_show_n(c, d4, 20, 20, false);
    (void)d1;
    (void)d2;
    (void)d3;
    (void)d4;
}

/* pyspark.sql.connect.functions.builtin.bit_and (pyspark/sql/connect/functions/builtin.py:1506) */
static void pi_fn_bit_and(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3, *d4, *d5, *d6;
    pi_tag(c, 1); /* line 1531 */
    d1 = pi_df(c, "c long", "(1,), (1,), (2,)", "c");
    PI_EX(c, 2); /* line 1532 */
    d2 = pi_select(c, d1, FN("bit_and", COL("c")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    pi_tag(c, 4); /* line 1542 */
    d3 = pi_df(c, "c long", "(1,), (None,), (2,)", "c");
    PI_EX(c, 5); /* line 1543 */
    d4 = pi_select(c, d3, FN("bit_and", COL("c")), NULL);
    pi_show_n(c, d4, 20, 20, false);
    pi_tag(c, 12); /* line 1566 */
    d5 = pi_df(c, "c long", "(5,)", "c");
    PI_EX(c, 13); /* line 1567 */
    d6 = pi_select(c, d5, FN("bit_and", COL("c")), NULL);
    pi_show_n(c, d6, 20, 20, false);
    (void)d1;
    (void)d2;
    (void)d3;
    (void)d4;
    (void)d5;
    (void)d6;
}

/* pyspark.sql.connect.functions.builtin.bit_or (pyspark/sql/connect/functions/builtin.py:1513) */
static void pi_fn_bit_or(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3, *d4, *d5, *d6;
    pi_tag(c, 1); /* line 1538 */
    d1 = pi_df(c, "c long", "(1,), (1,), (2,)", "c");
    PI_EX(c, 2); /* line 1539 */
    d2 = pi_select(c, d1, FN("bit_or", COL("c")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    pi_tag(c, 4); /* line 1549 */
    d3 = pi_df(c, "c long", "(1,), (None,), (2,)", "c");
    PI_EX(c, 5); /* line 1550 */
    d4 = pi_select(c, d3, FN("bit_or", COL("c")), NULL);
    pi_show_n(c, d4, 20, 20, false);
    pi_tag(c, 12); /* line 1573 */
    d5 = pi_df(c, "c long", "(5,)", "c");
    PI_EX(c, 13); /* line 1574 */
    d6 = pi_select(c, d5, FN("bit_or", COL("c")), NULL);
    pi_show_n(c, d6, 20, 20, false);
    (void)d1;
    (void)d2;
    (void)d3;
    (void)d4;
    (void)d5;
    (void)d6;
}

/* pyspark.sql.connect.functions.builtin.bitmap_bucket_number
 * (pyspark/sql/connect/functions/builtin.py:4913) */
static void pi_fn_bitmap_bucket_number(pi_ctx *c)
{
    ember_dataframe *d1, *d2;
    pi_tag(c, 1); /* line 4933 */
    d1 = pi_df(c, "a long", "(123,)", "a");
    PI_EX(c, 2); /* line 4934 */
    d2 = pi_select(c, d1, COL("*"), FN("bitmap_bucket_number", COL("a")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    (void)d1;
    (void)d2;
}

/* pyspark.sql.connect.functions.builtin.bitmap_construct_agg
 * (pyspark/sql/connect/functions/builtin.py:4920) */
static void pi_fn_bitmap_construct_agg(pi_ctx *c)
{
    ember_dataframe *d1, *d2;
    pi_tag(c, 1); /* line 4941 */
    d1 = pi_df(c, "a long", "(1,), (2,), (3,)", "a");
    PI_EX(c, 2); /* line 4942 */
    d2 = pi_select(c, d1, FN("bitmap_construct_agg", FN("bitmap_bit_position", COL("a"))), NULL);
    pi_show_n(c, d2, 20, 20, false);
    (void)d1;
    (void)d2;
}

/* pyspark.sql.connect.functions.builtin.bitmap_or_agg
 * (pyspark/sql/connect/functions/builtin.py:4934) */
static void pi_fn_bitmap_or_agg(pi_ctx *c)
{
    ember_dataframe *d1, *d2;
    pi_tag(c, 1); /* line 4956 */
    d1 = pi_df(c, "a string", "('10',), ('20',), ('40',)", "a");
    PI_EX(c, 2); /* line 4957 */
    d2 = pi_select(c, d1, FN("bitmap_or_agg", FN("to_binary", DCOL(d1, "a"), LIT_S("hex"))), NULL);
    pi_show_n(c, d2, 20, 20, false);
    (void)d1;
    (void)d2;
}

/* pyspark.sql.connect.functions.builtin.bround (pyspark/sql/connect/functions/builtin.py:582) */
static void pi_fn_bround(pi_ctx *c)
{
    ember_dataframe *d1, *d2;
    PI_EX(c, 1); /* line 611 */
    d1 = pi_range_p(c, 0LL, 1LL, 1LL, 0);
    d2 = pi_select(c, d1, FN("bround", LIT_D(2.5)), NULL);
    pi_show_n(c, d2, 20, 20, false);
    (void)d1;
    (void)d2;
}

/* pyspark.sql.connect.functions.builtin.call_udf (pyspark/sql/connect/functions/builtin.py:4982) */
static void pi_fn_call_udf(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3;
    pi_tag(c, 2); /* line 5003 */
    d1 = pi_df(c, "id long, name string", "(1, 'a'), (2, 'b'), (3, 'c')", "id,name");
    PI_EX(c, 4); /* line 5005 */
    d2 = pi_select(c, d1, FN("intX2", COL("id")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    PI_EX(c, 6); /* line 5014 */
    d3 = pi_select(c, d1, FN("strX2", COL("name")), NULL);
    pi_show_n(c, d3, 20, 20, false);
    (void)d1;
    (void)d2;
    (void)d3;
}

/* pyspark.sql.connect.functions.builtin.cbrt (pyspark/sql/connect/functions/builtin.py:594) */
static void pi_fn_cbrt(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3, *d4;
    pi_tag(c, 1); /* line 617 */
    d1 = pi_df(c, "value long", "(-8,), (0,), (8,)", "value");
    PI_EX(c, 2); /* line 618 */
    d2 = pi_select(c, d1, COL("*"), FN("cbrt", DCOL(d1, "value")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    PI_EX(c, 4); /* line 630 */
    d3 = pi_sql(c, "SELECT * FROM VALUES (FLOAT('NAN')), (NULL) AS TAB(value)");
    d4 = pi_select(c, d3, COL("*"), FN("cbrt", COL("value")), NULL);
    pi_show_n(c, d4, 20, 20, false);
    (void)d1;
    (void)d2;
    (void)d3;
    (void)d4;
}

/* pyspark.sql.connect.functions.builtin.ceiling (pyspark/sql/connect/functions/builtin.py:613) */
static void pi_fn_ceiling(pi_ctx *c)
{
    ember_dataframe *d1, *d2;
    PI_EX(c, 1); /* line 640 */
    d1 = pi_range_p(c, 0LL, 1LL, 1LL, 0);
    d2 = pi_select(c, d1, FN("ceiling", LIT_D(-0.1)), NULL);
    pi_show_n(c, d2, 20, 20, false);
    (void)d1;
    (void)d2;
}

/* pyspark.sql.connect.functions.builtin.char_length (pyspark/sql/connect/functions/builtin.py:2998)
 */
static void pi_fn_char_length(pi_ctx *c)
{
    ember_dataframe *d1, *d2;
    PI_EX(c, 1); /* line 3013 */
    d1 = pi_range_p(c, 0LL, 1LL, 1LL, 0);
    d2 = pi_select(c, d1, FN("char_length", LIT_S("SparkSQL")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    (void)d1;
    (void)d2;
}

/* pyspark.sql.connect.functions.builtin.character_length
 * (pyspark/sql/connect/functions/builtin.py:3005) */
static void pi_fn_character_length(pi_ctx *c)
{
    ember_dataframe *d1, *d2;
    PI_EX(c, 1); /* line 3020 */
    d1 = pi_range_p(c, 0LL, 1LL, 1LL, 0);
    d2 = pi_select(c, d1, FN("character_length", LIT_S("SparkSQL")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    (void)d1;
    (void)d2;
}

/* pyspark.sql.connect.functions.builtin.coalesce (pyspark/sql/connect/functions/builtin.py:342) */
static void pi_fn_coalesce(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3;
    pi_tag(c, 1); /* line 362 */
    d1 = pi_df(c, "a long, b long", "(None, None), (1, None), (None, 2)", "a,b");
    PI_EX(c, 2); /* line 363 */
    pi_show_n(c, d1, 20, 20, false);
    PI_EX(c, 3); /* line 372 */
    d2 = pi_select(c, d1, COL("*"), FN("coalesce", COL("a"), DCOL(d1, "b")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    PI_EX(c, 4); /* line 381 */
    d3 = pi_select(c, d1, COL("*"), FN("coalesce", DCOL(d1, "a"), LIT_D(0.0)), NULL);
    pi_show_n(c, d3, 20, 20, false);
    (void)d1;
    (void)d2;
    (void)d3;
}

/* pyspark.sql.connect.functions.builtin.collation (pyspark/sql/connect/functions/builtin.py:3119)
 */
static void pi_fn_collation(pi_ctx *c)
{
    ember_dataframe *d1, *d2;
    pi_tag(c, 0); /* line 3136 */
    d1 = pi_df(c, "dt string", "('name',)", "dt");
    PI_EX(c, 1); /* line 3137 */
    d2 = pi_select(c, d1, ember_alias(FN("collation", COL("dt")), "collation"), NULL);
    pi_show_n(c, d2, 20, 0, false);
    (void)d1;
    (void)d2;
}

/* pyspark.sql.connect.functions.builtin.collect_list
 * (pyspark/sql/connect/functions/builtin.py:1056) */
static void pi_fn_collect_list(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3, *d4, *d5, *d6, *d7;
    pi_tag(c, 1); /* line 1090 */
    d1 = pi_df(c, "value long", "(1,), (2,), (2,)", "value");
    PI_EX(c, 2); /* line 1091 */
    d2 = pi_select(
        c, d1,
        ember_alias(FN("sort_array", FN("collect_list", COL("value")), LIT_B(true)), "sorted_list"),
        NULL);
    pi_show_n(c, d2, 20, 20, false);
    pi_tag(c, 4); /* line 1101 */
    d3 = pi_df(c, "age long", "(2,), (5,), (5,)", "age");
    PI_EX(c, 5); /* line 1102 */
    d4 = pi_select(
        c, d3,
        ember_alias(FN("sort_array", FN("collect_list", COL("age")), LIT_B(false)), "sorted_list"),
        NULL);
    pi_show_n(c, d4, 20, 20, false);
    pi_tag(c, 7); /* line 1112 */
    d5 = pi_df(c, "id long, name string", "(1, 'John'), (2, 'John'), (3, 'Ana')", "id,name");
    pi_tag(c, 8); /* line 1113 */
    d6 = pi_group_agg(
        c, d5, (ember_column *[]){COL("name")}, 1,
        (ember_column *[]){ember_alias(FN("sort_array", FN("collect_list", COL("id")), LIT_B(true)),
                                       "sorted_list")},
        1);
    PI_EX(c, 9); /* line 1114 */
    d7 = pi_sort(c, d6, ember_desc(COL("name")), NULL);
    pi_show_n(c, d7, 20, 20, false);
    (void)d1;
    (void)d2;
    (void)d3;
    (void)d4;
    (void)d5;
    (void)d6;
    (void)d7;
}

/* pyspark.sql.connect.functions.builtin.collect_set (pyspark/sql/connect/functions/builtin.py:1070)
 */
static void pi_fn_collect_set(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3, *d4, *d5, *d6, *d7;
    pi_tag(c, 1); /* line 1104 */
    d1 = pi_df(c, "value long", "(1,), (2,), (2,)", "value");
    PI_EX(c, 2); /* line 1105 */
    d2 = pi_select(
        c, d1,
        ember_alias(FN("sort_array", FN("collect_set", COL("value")), LIT_B(true)), "sorted_set"),
        NULL);
    pi_show_n(c, d2, 20, 20, false);
    pi_tag(c, 4); /* line 1115 */
    d3 = pi_df(c, "age long", "(2,), (5,), (5,)", "age");
    PI_EX(c, 5); /* line 1116 */
    d4 = pi_select(
        c, d3,
        ember_alias(FN("sort_array", FN("collect_set", COL("age")), LIT_B(false)), "sorted_set"),
        NULL);
    pi_show_n(c, d4, 20, 20, false);
    pi_tag(c, 7); /* line 1126 */
    d5 = pi_df(c, "id long, name string", "(1, 'John'), (2, 'John'), (3, 'Ana')", "id,name");
    pi_tag(c, 8); /* line 1127 */
    d6 = pi_group_agg(
        c, d5, (ember_column *[]){COL("name")}, 1,
        (ember_column *[]){
            ember_alias(FN("sort_array", FN("collect_set", COL("id")), LIT_B(true)), "sorted_set")},
        1);
    PI_EX(c, 9); /* line 1128 */
    d7 = pi_sort(c, d6, ember_desc(COL("name")), NULL);
    pi_show_n(c, d7, 20, 20, false);
    (void)d1;
    (void)d2;
    (void)d3;
    (void)d4;
    (void)d5;
    (void)d6;
    (void)d7;
}

/* pyspark.sql.connect.functions.builtin.concat_ws (pyspark/sql/connect/functions/builtin.py:2498)
 */
static void pi_fn_concat_ws(pi_ctx *c)
{
    ember_dataframe *d1, *d2;
    pi_tag(c, 1); /* line 2526 */
    d1 = pi_df(c, "s string, d string", "('abcd', '123')", "s,d");
    PI_EX(c, 2); /* line 2527 */
    d2 = pi_select(c, d1, COL("*"),
                   FN("concat_ws", LIT_S("-"), DCOL(d1, "s"), COL("d"), LIT_S("xyz")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    (void)d1;
    (void)d2;
}

/* pyspark.sql.connect.functions.builtin.contains (pyspark/sql/connect/functions/builtin.py:3019) */
static void pi_fn_contains(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3, *d4, *d5;
    pi_tag(c, 0); /* line 3035 */
    d1 = pi_df(c, "a string, b string", "('Spark SQL', 'Spark')", "a,b");
    PI_EX(c, 1); /* line 3036 */
    d2 = pi_select(c, d1, ember_alias(FN("contains", DCOL(d1, "a"), DCOL(d1, "b")), "r"), NULL);
    pi_collect(c, d2);
    pi_tag(c, 2); /* line 3039 */
    d3 = pi_df(c, "c string, d string", "('414243', '4243')", "c,d");
    pi_tag(c, 3); /* line 3040 */
    d4 = pi_select(c, d3, ember_alias(FN("to_binary", COL("c")), "c"),
                   ember_alias(FN("to_binary", COL("d")), "d"), NULL);
    PI_EX(c, 5); /* line 3045 */
    d5 = pi_select(c, d4, FN("contains", COL("c"), COL("d")), FN("contains", COL("d"), COL("c")),
                   NULL);
    pi_show_n(c, d5, 20, 20, false);
    (void)d1;
    (void)d2;
    (void)d3;
    (void)d4;
    (void)d5;
}

/* pyspark.sql.connect.functions.builtin.conv (pyspark/sql/connect/functions/builtin.py:625) */
static void pi_fn_conv(pi_ctx *c)
{
    ember_dataframe *d1, *d2;
    pi_tag(c, 1); /* line 650 */
    d1 = pi_df(c, "n string", "('010101',), ('101',), ('001',)", "n");
    PI_EX(c, 2); /* line 651 */
    d2 = pi_select(c, d1, COL("*"), FN("conv", DCOL(d1, "n"), LIT_I(2), LIT_I(16)), NULL);
    pi_show_n(c, d2, 20, 20, false);
    (void)d1;
    (void)d2;
}

/* pyspark.sql.connect.functions.builtin.cos (pyspark/sql/connect/functions/builtin.py:632) */
static void pi_fn_cos(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3, *d4;
    PI_EX(c, 1); /* line 655 */
    d1 = pi_sql(c, "SELECT * FROM VALUES (PI()), (PI() / 4), (PI() / 16) AS TAB(value)");
    d2 = pi_select(c, d1, COL("*"), FN("cos", COL("value")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    PI_EX(c, 3); /* line 669 */
    d3 = pi_sql(c, "SELECT * FROM VALUES (FLOAT('NAN')), (NULL) AS TAB(value)");
    d4 = pi_select(c, d3, COL("*"), FN("cos", COL("value")), NULL);
    pi_show_n(c, d4, 20, 20, false);
    (void)d1;
    (void)d2;
    (void)d3;
    (void)d4;
}

/* pyspark.sql.connect.functions.builtin.cot (pyspark/sql/connect/functions/builtin.py:646) */
static void pi_fn_cot(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3, *d4;
    PI_EX(c, 1); /* line 669 */
    d1 = pi_sql(c, "SELECT * FROM VALUES (PI() / 4), (PI() / 16) AS TAB(value)");
    d2 = pi_select(c, d1, COL("*"), FN("cot", COL("value")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    PI_EX(c, 3); /* line 682 */
    d3 = pi_sql(c, "SELECT * FROM VALUES (0.0), (FLOAT('NAN')), (NULL) AS TAB(value)");
    d4 = pi_select(c, d3, COL("*"), FN("cot", COL("value")), NULL);
    pi_show_n(c, d4, 20, 20, false);
    (void)d1;
    (void)d2;
    (void)d3;
    (void)d4;
}

/* pyspark.sql.connect.functions.builtin.count (pyspark/sql/connect/functions/builtin.py:1142) */
static void pi_fn_count(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3, *d4, *d5, *d6;
    pi_tag(c, 1); /* line 1169 */
    d1 = pi_df(c, "alphabets string", "(None,), ('a',), ('b',), ('c',)", "alphabets");
    PI_EX(c, 2); /* line 1170 */
    d2 = pi_select(c, d1, FN("count", ember_expr("*")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    PI_EX(c, 4); /* line 1180 */
    d3 = pi_select(c, d1, FN("count", DCOL(d1, "alphabets")), NULL);
    pi_show_n(c, d3, 20, 20, false);
    pi_tag(c, 6); /* line 1190 */
    d4 = pi_df(c, "id long, fruit string", "(1, 'apple'), (2, 'banana'), (3, None)", "id,fruit");
    PI_EX(c, 7); /* line 1192 */
    d5 = pi_select(c, d4, FN("count", ember_expr("*")), NULL);
    pi_show_n(c, d5, 20, 20, false);
    PI_EX(c, 9); /* line 1202 */
    d6 = pi_select(c, d4, FN("count", DCOL(d4, "id")), FN("count", DCOL(d4, "fruit")), NULL);
    pi_show_n(c, d6, 20, 20, false);
    (void)d1;
    (void)d2;
    (void)d3;
    (void)d4;
    (void)d5;
    (void)d6;
}

/* pyspark.sql.connect.functions.builtin.count_distinct
 * (pyspark/sql/connect/functions/builtin.py:1158) */
static void pi_fn_count_distinct(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3, *d4, *d5, *d6;
    pi_tag(c, 1); /* line 1182 */
    d1 = pi_df(c, "value long", "(1,), (1,), (3,)", "value");
    PI_EX(c, 2); /* line 1183 */
    d2 = pi_select(c, d1, ember_fn_distinct("count", (ember_column *[]){DCOL(d1, "value")}, 1),
                   NULL);
    pi_show_n(c, d2, 20, 20, false);
    pi_tag(c, 4); /* line 1193 */
    d3 = pi_df(c, "value1 long, value2 long", "(1, 1), (1, 2)", "value1,value2");
    PI_EX(c, 5); /* line 1194 */
    d4 = pi_select(
        c, d3,
        ember_fn_distinct("count", (ember_column *[]){DCOL(d3, "value1"), DCOL(d3, "value2")}, 2),
        NULL);
    pi_show_n(c, d4, 20, 20, false);
    pi_tag(c, 7); /* line 1204 */
    d5 = pi_df(c, "value1 long, value2 long", "(1, 1), (1, 2)", "value1,value2");
    PI_EX(c, 8); /* line 1205 */
    d6 = pi_select(c, d5,
                   ember_fn_distinct("count", (ember_column *[]){COL("value1"), COL("value2")}, 2),
                   NULL);
    pi_show_n(c, d6, 20, 20, false);
    (void)d1;
    (void)d2;
    (void)d3;
    (void)d4;
    (void)d5;
    (void)d6;
}

/* pyspark.sql.connect.functions.builtin.count_min_sketch
 * (pyspark/sql/connect/functions/builtin.py:1206) */
static void pi_fn_count_min_sketch(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3, *d4, *d5, *d6;
    PI_EX(c, 1); /* line 1246 */
    d1 = pi_range_p(c, 0LL, 100LL, 1LL, 0);
    d2 = pi_select(c, d1,
                   FN("hex", FN("count_min_sketch", COL("id"), LIT_D(3.0), LIT_D(0.1), LIT_I(1))),
                   NULL);
    pi_show_n(c, d2, 20, 0, false);
    PI_EX(c, 3); /* line 1258 */
    d3 = pi_range_p(c, 0LL, 100LL, 1LL, 0);
    d4 = pi_select(c, d3,
                   FN("hex", FN("count_min_sketch", COL("id"), LIT_D(1.0), LIT_D(0.3), LIT_I(2))),
                   NULL);
    pi_show_n(c, d4, 20, 0, false);
    PI_EX(c, 5); /* line 1270 */
    d5 = pi_range_p(c, 0LL, 100LL, 1LL, 0);
    d6 = pi_select(c, d5,
                   FN("hex", FN("count_min_sketch", COL("id"), LIT_D(1.5), LIT_D(0.2),
                                LIT_L(1111111111111111111LL))),
                   NULL);
    pi_show_n(c, d6, 20, 0, false);
    (void)d1;
    (void)d2;
    (void)d3;
    (void)d4;
    (void)d5;
    (void)d6;
}

/* pyspark.sql.connect.functions.builtin.crc32 (pyspark/sql/connect/functions/builtin.py:4397) */
static void pi_fn_crc32(pi_ctx *c)
{
    ember_dataframe *d1, *d2;
    pi_tag(c, 1); /* line 4419 */
    d1 = pi_df(c, "a string", "('ABC',)", "a");
    PI_EX(c, 2); /* line 4420 */
    d2 = pi_select(c, d1, COL("*"), FN("crc32", COL("a")), NULL);
    pi_show_n(c, d2, 20, 0, false);
    (void)d1;
    (void)d2;
}

/* pyspark.sql.connect.functions.builtin.current_timezone
 * (pyspark/sql/connect/functions/builtin.py:3198) */
static void pi_fn_current_timezone(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3, *d4;
    PI_EX(c, 2); /* line 3217 */
    d1 = pi_range_p(c, 0LL, 1LL, 1LL, 0);
    d2 = pi_select(c, d1, FN0("current_timezone"), NULL);
    pi_show_n(c, d2, 20, 20, false);
    PI_EX(c, 4); /* line 3227 */
    d3 = pi_range_p(c, 0LL, 1LL, 1LL, 0);
    d4 = pi_select(c, d3, FN0("current_timezone"), NULL);
    pi_show_n(c, d4, 20, 20, false);
    (void)d1;
    (void)d2;
    (void)d3;
    (void)d4;
}

/* pyspark.sql.connect.functions.builtin.date_diff (pyspark/sql/connect/functions/builtin.py:3365)
 */
static void pi_fn_date_diff(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3;
    pi_tag(c, 1); /* line 3393 */
    d1 = pi_df(c, "d1 string, d2 string", "('2015-04-08', '2015-05-10')", "d1,d2");
    PI_EX(c, 2); /* line 3394 */
    d2 = pi_select(c, d1, COL("*"), FN("date_diff", COL("d1"), COL("d2")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    PI_EX(c, 3); /* line 3401 */
    d3 = pi_select(c, d1, COL("*"), FN("date_diff", DCOL(d1, "d2"), DCOL(d1, "d1")), NULL);
    pi_show_n(c, d3, 20, 20, false);
    (void)d1;
    (void)d2;
    (void)d3;
}

/* pyspark.sql.connect.functions.builtin.date_format (pyspark/sql/connect/functions/builtin.py:3198)
 */
static void pi_fn_date_format(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3, *d4, *d5, *d6, *d7, *d8;
    pi_tag(c, 1); /* line 3242 */
    d1 = pi_df(c, "dt string", "('2015-04-08',), ('2024-10-31',)", "dt");
    PI_EX(c, 2); /* line 3243 */
    d2 = pi_select(c, d1, COL("*"), FN("typeof", COL("dt")),
                   FN("date_format", COL("dt"), LIT_S("MM/dd/yyyy")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    pi_tag(c, 4); /* line 3254 */
    d3 = pi_df(c, "ts string", "('2015-04-08 13:08:15',), ('2024-10-31 10:09:16',)", "ts");
    PI_EX(c, 5); /* line 3255 */
    d4 = pi_select(c, d3, COL("*"), FN("typeof", COL("ts")),
                   FN("date_format", COL("ts"), LIT_S("yy=MM=dd HH=mm=ss")), NULL);
    pi_show_n(c, d4, 20, 20, false);
    pi_tag(c, 8); /* line 3267 */
    d5 = pi_df(c, "dt date", "(date(2015, 4, 8),), (date(2024, 10, 31),)", "dt");
    PI_EX(c, 9); /* line 3270 */
    d6 = pi_select(c, d5, COL("*"), FN("typeof", COL("dt")),
                   FN("date_format", COL("dt"), LIT_S("yy--MM--dd")), NULL);
    pi_show_n(c, d6, 20, 20, false);
    pi_tag(c, 12); /* line 3282 */
    d7 = pi_df(c, "ts timestamp",
               "(datetime(2015, 4, 8, 13, 8, 15, 0),), (datetime(2024, 10, 31, 10, 9, 16, 0),)",
               "ts");
    PI_EX(c, 13); /* line 3285 */
    d8 = pi_select(c, d7, COL("*"), FN("typeof", COL("ts")),
                   FN("date_format", COL("ts"), LIT_S("yy=MM=dd HH=mm=ss")), NULL);
    pi_show_n(c, d8, 20, 20, false);
    (void)d1;
    (void)d2;
    (void)d3;
    (void)d4;
    (void)d5;
    (void)d6;
    (void)d7;
    (void)d8;
}

/* pyspark.sql.connect.functions.builtin.date_from_unix_date
 * (pyspark/sql/connect/functions/builtin.py:3372) */
static void pi_fn_date_from_unix_date(pi_ctx *c)
{
    ember_dataframe *d1, *d2;
    PI_EX(c, 1); /* line 3395 */
    d1 = pi_range_p(c, 0LL, 4LL, 1LL, 0);
    d2 = pi_select(c, d1, COL("*"), FN("date_from_unix_date", COL("id")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    (void)d1;
    (void)d2;
}

/* pyspark.sql.connect.functions.builtin.date_trunc (pyspark/sql/connect/functions/builtin.py:3583)
 */
static void pi_fn_date_trunc(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3;
    pi_tag(c, 1); /* line 3615 */
    d1 = pi_df(c, "ts string", "('1997-02-28 05:02:11',)", "ts");
    PI_EX(c, 2); /* line 3616 */
    d2 = pi_select(c, d1, COL("*"), FN("date_trunc", LIT_S("year"), DCOL(d1, "ts")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    PI_EX(c, 3); /* line 3623 */
    d3 = pi_select(c, d1, COL("*"), FN("date_trunc", LIT_S("mon"), COL("ts")), NULL);
    pi_show_n(c, d3, 20, 20, false);
    (void)d1;
    (void)d2;
    (void)d3;
}

/* pyspark.sql.connect.functions.builtin.day (pyspark/sql/connect/functions/builtin.py:3240) */
static void pi_fn_day(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3, *d4, *d5, *d6, *d7, *d8;
    pi_tag(c, 1); /* line 3276 */
    d1 = pi_df(c, "dt string", "('2015-04-08',), ('2024-10-31',)", "dt");
    PI_EX(c, 2); /* line 3277 */
    d2 = pi_select(c, d1, COL("*"), FN("typeof", COL("dt")), FN("day", COL("dt")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    pi_tag(c, 4); /* line 3288 */
    d3 = pi_df(c, "ts string", "('2015-04-08 13:08:15',), ('2024-10-31 10:09:16',)", "ts");
    PI_EX(c, 5); /* line 3289 */
    d4 = pi_select(c, d3, COL("*"), FN("typeof", COL("ts")), FN("day", COL("ts")), NULL);
    pi_show_n(c, d4, 20, 20, false);
    pi_tag(c, 8); /* line 3301 */
    d5 = pi_df(c, "dt date", "(date(2015, 4, 8),), (date(2024, 10, 31),)", "dt");
    PI_EX(c, 9); /* line 3304 */
    d6 = pi_select(c, d5, COL("*"), FN("typeof", COL("dt")), FN("day", COL("dt")), NULL);
    pi_show_n(c, d6, 20, 20, false);
    pi_tag(c, 12); /* line 3316 */
    d7 = pi_df(c, "ts timestamp",
               "(datetime(2015, 4, 8, 13, 8, 15, 0),), (datetime(2024, 10, 31, 10, 9, 16, 0),)",
               "ts");
    PI_EX(c, 13); /* line 3319 */
    d8 = pi_select(c, d7, COL("*"), FN("typeof", COL("ts")), FN("day", COL("ts")), NULL);
    pi_show_n(c, d8, 20, 20, false);
    (void)d1;
    (void)d2;
    (void)d3;
    (void)d4;
    (void)d5;
    (void)d6;
    (void)d7;
    (void)d8;
}

/* pyspark.sql.connect.functions.builtin.dayname (pyspark/sql/connect/functions/builtin.py:3296) */
static void pi_fn_dayname(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3, *d4, *d5, *d6, *d7, *d8;
    pi_tag(c, 1); /* line 3321 */
    d1 = pi_df(c, "dt string", "('2015-04-08',), ('2024-10-31',)", "dt");
    PI_EX(c, 2); /* line 3322 */
    d2 = pi_select(c, d1, COL("*"), FN("typeof", COL("dt")), FN("dayname", COL("dt")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    pi_tag(c, 4); /* line 3333 */
    d3 = pi_df(c, "ts string", "('2015-04-08 13:08:15',), ('2024-10-31 10:09:16',)", "ts");
    PI_EX(c, 5); /* line 3334 */
    d4 = pi_select(c, d3, COL("*"), FN("typeof", COL("ts")), FN("dayname", COL("ts")), NULL);
    pi_show_n(c, d4, 20, 20, false);
    pi_tag(c, 8); /* line 3346 */
    d5 = pi_df(c, "dt date", "(date(2015, 4, 8),), (date(2024, 10, 31),)", "dt");
    PI_EX(c, 9); /* line 3349 */
    d6 = pi_select(c, d5, COL("*"), FN("typeof", COL("dt")), FN("dayname", COL("dt")), NULL);
    pi_show_n(c, d6, 20, 20, false);
    pi_tag(c, 12); /* line 3361 */
    d7 = pi_df(c, "ts timestamp",
               "(datetime(2015, 4, 8, 13, 8, 15, 0),), (datetime(2024, 10, 31, 10, 9, 16, 0),)",
               "ts");
    PI_EX(c, 13); /* line 3364 */
    d8 = pi_select(c, d7, COL("*"), FN("typeof", COL("ts")), FN("dayname", COL("ts")), NULL);
    pi_show_n(c, d8, 20, 20, false);
    (void)d1;
    (void)d2;
    (void)d3;
    (void)d4;
    (void)d5;
    (void)d6;
    (void)d7;
    (void)d8;
}

/* pyspark.sql.connect.functions.builtin.dayofweek (pyspark/sql/connect/functions/builtin.py:3226)
 */
static void pi_fn_dayofweek(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3, *d4, *d5, *d6, *d7, *d8;
    pi_tag(c, 1); /* line 3257 */
    d1 = pi_df(c, "dt string", "('2015-04-08',), ('2024-10-31',)", "dt");
    PI_EX(c, 2); /* line 3258 */
    d2 = pi_select(c, d1, COL("*"), FN("typeof", COL("dt")), FN("dayofweek", COL("dt")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    pi_tag(c, 4); /* line 3269 */
    d3 = pi_df(c, "ts string", "('2015-04-08 13:08:15',), ('2024-10-31 10:09:16',)", "ts");
    PI_EX(c, 5); /* line 3270 */
    d4 = pi_select(c, d3, COL("*"), FN("typeof", COL("ts")), FN("dayofweek", COL("ts")), NULL);
    pi_show_n(c, d4, 20, 20, false);
    pi_tag(c, 8); /* line 3282 */
    d5 = pi_df(c, "dt date", "(date(2015, 4, 8),), (date(2024, 10, 31),)", "dt");
    PI_EX(c, 9); /* line 3285 */
    d6 = pi_select(c, d5, COL("*"), FN("typeof", COL("dt")), FN("dayofweek", COL("dt")), NULL);
    pi_show_n(c, d6, 20, 20, false);
    pi_tag(c, 12); /* line 3297 */
    d7 = pi_df(c, "ts timestamp",
               "(datetime(2015, 4, 8, 13, 8, 15, 0),), (datetime(2024, 10, 31, 10, 9, 16, 0),)",
               "ts");
    PI_EX(c, 13); /* line 3300 */
    d8 = pi_select(c, d7, COL("*"), FN("typeof", COL("ts")), FN("dayofweek", COL("ts")), NULL);
    pi_show_n(c, d8, 20, 20, false);
    (void)d1;
    (void)d2;
    (void)d3;
    (void)d4;
    (void)d5;
    (void)d6;
    (void)d7;
    (void)d8;
}

/* pyspark.sql.connect.functions.builtin.dayofyear (pyspark/sql/connect/functions/builtin.py:3247)
 */
static void pi_fn_dayofyear(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3, *d4, *d5, *d6, *d7, *d8;
    pi_tag(c, 1); /* line 3277 */
    d1 = pi_df(c, "dt string", "('2015-04-08',), ('2024-10-31',)", "dt");
    PI_EX(c, 2); /* line 3278 */
    d2 = pi_select(c, d1, COL("*"), FN("typeof", COL("dt")), FN("dayofyear", COL("dt")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    pi_tag(c, 4); /* line 3289 */
    d3 = pi_df(c, "ts string", "('2015-04-08 13:08:15',), ('2024-10-31 10:09:16',)", "ts");
    PI_EX(c, 5); /* line 3290 */
    d4 = pi_select(c, d3, COL("*"), FN("typeof", COL("ts")), FN("dayofyear", COL("ts")), NULL);
    pi_show_n(c, d4, 20, 20, false);
    pi_tag(c, 8); /* line 3302 */
    d5 = pi_df(c, "dt date", "(date(2015, 4, 8),), (date(2024, 10, 31),)", "dt");
    PI_EX(c, 9); /* line 3305 */
    d6 = pi_select(c, d5, COL("*"), FN("typeof", COL("dt")), FN("dayofyear", COL("dt")), NULL);
    pi_show_n(c, d6, 20, 20, false);
    pi_tag(c, 12); /* line 3317 */
    d7 = pi_df(c, "ts timestamp",
               "(datetime(2015, 4, 8, 13, 8, 15, 0),), (datetime(2024, 10, 31, 10, 9, 16, 0),)",
               "ts");
    PI_EX(c, 13); /* line 3320 */
    d8 = pi_select(c, d7, COL("*"), FN("typeof", COL("ts")), FN("dayofyear", COL("ts")), NULL);
    pi_show_n(c, d8, 20, 20, false);
    (void)d1;
    (void)d2;
    (void)d3;
    (void)d4;
    (void)d5;
    (void)d6;
    (void)d7;
    (void)d8;
}

/* pyspark.sql.connect.functions.builtin.decode (pyspark/sql/connect/functions/builtin.py:2505) */
static void pi_fn_decode(pi_ctx *c)
{
    ember_dataframe *d1, *d2;
    pi_tag(c, 1); /* line 2533 */
    d1 = pi_df(c, "a binary", "(b'abcd',)", "a");
    PI_EX(c, 2); /* line 2534 */
    d2 = pi_select(c, d1, COL("*"), FN("decode", COL("a"), LIT_S("UTF-8")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    (void)d1;
    (void)d2;
}

/* pyspark.sql.connect.functions.builtin.degrees (pyspark/sql/connect/functions/builtin.py:660) */
static void pi_fn_degrees(pi_ctx *c)
{
    ember_dataframe *d1, *d2;
    PI_EX(c, 1); /* line 682 */
    d1 = pi_sql(c, "SELECT * FROM VALUES (0.0), (PI()), (PI() / 2), (PI() / 4) AS TAB(value)");
    d2 = pi_select(c, d1, COL("*"), FN("degrees", COL("value")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    (void)d1;
    (void)d2;
}

/* pyspark.sql.connect.functions.builtin.desc (pyspark/sql/connect/functions/builtin.py:495) */
static void pi_fn_desc(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3, *d4, *d5, *d6, *d7, *d8;
    pi_tag(c, 1); /* line 524 */
    d1 = pi_df(c, "id long, value string", "(4, 'B'), (3, 'A'), (2, 'C')", "id,value");
    PI_EX(c, 2); /* line 525 */
    d2 = pi_sort(c, d1, ember_desc(COL("id")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    pi_tag(c, 4); /* line 537 */
    d3 = pi_df(c, "id long, value string", "(4, 'B'), (3, 'A'), (2, 'C')", "id,value");
    PI_EX(c, 5); /* line 538 */
    d4 = pi_sort(c, d3, ember_desc(COL("value")), NULL);
    pi_show_n(c, d4, 20, 20, false);
    pi_tag(c, 7); /* line 550 */
    d5 = pi_df(c, "id long, group string, value long", "(2, 'A', 4), (1, 'B', 3), (3, 'A', 2)",
               "id,group,value");
    PI_EX(c, 8); /* line 553 */
    d6 = pi_sort(c, d5, ember_desc(COL("group")), ember_asc(COL("value")), NULL);
    pi_show_n(c, d6, 20, 20, false);
    pi_tag(c, 9); /* line 564 */
    d7 = pi_df(c, "id long, value string", "(4, 'B'), (3, 'A'), (2, 'C')", "id,value");
    PI_EX(c, 10); /* line 565 */
    d8 = pi_sort(c, d7, ember_desc(DCOL(d7, "id")), NULL);
    pi_show_n(c, d8, 20, 20, false);
    (void)d1;
    (void)d2;
    (void)d3;
    (void)d4;
    (void)d5;
    (void)d6;
    (void)d7;
    (void)d8;
}

/* pyspark.sql.connect.functions.builtin.desc_nulls_last
 * (pyspark/sql/connect/functions/builtin.py:509) */
static void pi_fn_desc_nulls_last(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3, *d4, *d5, *d6;
    pi_tag(c, 1); /* line 538 */
    d1 = pi_df(c, "age long, name string", "(0, None), (1, 'Bob'), (2, 'Alice')", "age,name");
    PI_EX(c, 2); /* line 539 */
    d2 = pi_sort(c, d1, ember_desc_nulls_last(DCOL(d1, "name")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    pi_tag(c, 4); /* line 551 */
    d3 = pi_df(c, "age long, name string, grade string",
               "(0, None, 'Z'), (1, 'Bob', None), (2, 'Alice', 'Y')", "age,name,grade");
    PI_EX(c, 5); /* line 553 */
    d4 = pi_sort(c, d3, ember_desc_nulls_last(DCOL(d3, "name")),
                 ember_desc_nulls_last(DCOL(d3, "grade")), NULL);
    pi_show_n(c, d4, 20, 20, false);
    pi_tag(c, 7); /* line 565 */
    d5 = pi_df(c, "age long, name string", "(0, None), (1, 'Bob'), (2, 'Alice')", "age,name");
    PI_EX(c, 8); /* line 566 */
    d6 = pi_sort(c, d5, ember_desc_nulls_last(COL("name")), NULL);
    pi_show_n(c, d6, 20, 20, false);
    (void)d1;
    (void)d2;
    (void)d3;
    (void)d4;
    (void)d5;
    (void)d6;
}

/* pyspark.sql.connect.functions.builtin.e (pyspark/sql/connect/functions/builtin.py:674) */
static void pi_fn_e(pi_ctx *c)
{
    ember_dataframe *d1, *d2;
    PI_EX(c, 1); /* line 681 */
    d1 = pi_range_p(c, 0LL, 1LL, 1LL, 0);
    d2 = pi_select(c, d1, FN0("e"), NULL);
    pi_show_n(c, d2, 20, 20, false);
    (void)d1;
    (void)d2;
}

/* pyspark.sql.connect.functions.builtin.element_at (pyspark/sql/connect/functions/builtin.py:1873)
 */
static void pi_fn_element_at(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3, *d4, *d5, *d6, *d7, *d8, *d9, *d10;
    pi_tag(c, 1); /* line 1916 */
    d1 = pi_df(c, "data array<string>", "(['a', 'b', 'c'],)", "data");
    PI_EX(c, 2); /* line 1917 */
    d2 = pi_select(c, d1, FN("element_at", DCOL(d1, "data"), LIT_I(1)), NULL);
    pi_show_n(c, d2, 20, 20, false);
    pi_tag(c, 4); /* line 1927 */
    d3 = pi_df(c, "data array<string>", "(['a', 'b', 'c'],)", "data");
    PI_EX(c, 5); /* line 1928 */
    d4 = pi_select(c, d3, FN("element_at", DCOL(d3, "data"), LIT_I(-1)), NULL);
    pi_show_n(c, d4, 20, 20, false);
    pi_tag(c, 7); /* line 1938 */
    d5 = pi_df(c, "data map<string,double>", "({'a': 1.0, 'b': 2.0},)", "data");
    PI_EX(c, 8); /* line 1939 */
    d6 = pi_select(c, d5, FN("element_at", DCOL(d5, "data"), LIT_S("a")), NULL);
    pi_show_n(c, d6, 20, 20, false);
    pi_tag(c, 10); /* line 1949 */
    d7 = pi_df(c, "data map<string,double>", "({'a': 1.0, 'b': 2.0},)", "data");
    PI_EX(c, 11); /* line 1950 */
    d8 = pi_select(c, d7, FN("element_at", DCOL(d7, "data"), LIT_S("c")), NULL);
    pi_show_n(c, d8, 20, 20, false);
    pi_tag(c, 13); /* line 1960 */
    d9 = pi_df(c, "data map<string,double>, b string", "({'a': 1.0, 'b': 2.0}, 'a')", "data,b");
    PI_EX(c, 14); /* line 1961 */
    d10 = pi_select(c, d9, FN("element_at", DCOL(d9, "data"), LIT_S("b")), NULL);
    pi_show_n(c, d10, 20, 20, false);
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
}

/* pyspark.sql.connect.functions.builtin.elt (pyspark/sql/connect/functions/builtin.py:3026) */
static void pi_fn_elt(pi_ctx *c)
{
    ember_dataframe *d1, *d2;
    pi_tag(c, 0); /* line 3041 */
    d1 = pi_df(c, "a long, b string, c string", "(1, 'scala', 'java')", "a,b,c");
    PI_EX(c, 1); /* line 3042 */
    d2 = pi_select(c, d1, ember_alias(FN("elt", DCOL(d1, "a"), DCOL(d1, "b"), DCOL(d1, "c")), "r"),
                   NULL);
    pi_collect(c, d2);
    (void)d1;
    (void)d2;
}

/* pyspark.sql.connect.functions.builtin.encode (pyspark/sql/connect/functions/builtin.py:2512) */
static void pi_fn_encode(pi_ctx *c)
{
    ember_dataframe *d1, *d2;
    pi_tag(c, 1); /* line 2540 */
    d1 = pi_df(c, "c string", "('abcd',)", "c");
    PI_EX(c, 2); /* line 2541 */
    d2 = pi_select(c, d1, COL("*"), FN("encode", COL("c"), LIT_S("UTF-8")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    (void)d1;
    (void)d2;
}

/* pyspark.sql.connect.functions.builtin.every (pyspark/sql/connect/functions/builtin.py:1478) */
static void pi_fn_every(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3, *d4, *d5, *d6;
    PI_EX(c, 1); /* line 1500 */
    d1 = pi_df(c, "flag boolean", "(True,), (True,), (True,)", "flag");
    d2 = pi_select(c, d1, FN("every", COL("flag")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    PI_EX(c, 3); /* line 1510 */
    d3 = pi_df(c, "flag boolean", "(True,), (False,), (True,)", "flag");
    d4 = pi_select(c, d3, FN("every", COL("flag")), NULL);
    pi_show_n(c, d4, 20, 20, false);
    PI_EX(c, 5); /* line 1520 */
    d5 = pi_df(c, "flag boolean", "(False,), (False,), (False,)", "flag");
    d6 = pi_select(c, d5, FN("every", COL("flag")), NULL);
    pi_show_n(c, d6, 20, 20, false);
    (void)d1;
    (void)d2;
    (void)d3;
    (void)d4;
    (void)d5;
    (void)d6;
}

/* pyspark.sql.connect.functions.builtin.explode (pyspark/sql/connect/functions/builtin.py:1894) */
static void pi_fn_explode(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3, *d4, *d5, *d6, *d7, *d8, *d9, *d10;
    PI_EX(c, 1); /* line 1931 */
    d1 = pi_sql(c, "SELECT * FROM VALUES (1,ARRAY(1,2,3,NULL)), (2,ARRAY()), (3,NULL) AS t(i,a)");
    PI_EX(c, 2); /* line 1932 */
    pi_show_n(c, d1, 20, 20, false);
    PI_EX(c, 3); /* line 1941 */
    d2 = pi_select(c, d1, COL("*"), FN("explode", COL("a")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    PI_EX(c, 5); /* line 1954 */
    d3 = pi_sql(c, "SELECT * FROM VALUES (1,MAP(1,2,3,4,5,NULL)), (2,MAP()), (3,NULL) AS t(i,m)");
    PI_EX(c, 6); /* line 1955 */
    pi_show_n(c, d3, 20, 0, false);
    PI_EX(c, 7); /* line 1964 */
    d4 = pi_select(c, d3, COL("*"), FN("explode", COL("m")), NULL);
    pi_show_n(c, d4, 20, 0, false);
    PI_EX(c, 9); /* line 1976 */
    d5 = pi_sql(c, "SELECT ARRAY(1,2) AS a1, ARRAY(3,4,5) AS a2");
    PI_EX(c, 10); /* line 1977 */
    d6 = pi_select(c, d5, COL("*"), ember_alias(FN("explode", COL("a1")), "v1"), NULL);
    d7 = pi_select(c, d6, COL("*"), ember_alias(FN("explode", COL("a2")), "v2"), NULL);
    pi_show_n(c, d7, 20, 20, false);
    PI_EX(c, 12); /* line 1994 */
    d8 = pi_sql(c,
                "SELECT ARRAY(NAMED_STRUCT(\"a\",1,\"b\",2), NAMED_STRUCT(\"a\",3,\"b\",4)) AS a");
    PI_EX(c, 13); /* line 1995 */
    d9 = pi_select(c, d8, ember_alias(FN("explode", COL("a")), "s"), NULL);
    d10 = pi_select(c, d9, COL("s.*"), NULL);
    pi_show_n(c, d10, 20, 20, false);
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
}

/* pyspark.sql.connect.functions.builtin.expr (pyspark/sql/connect/functions/builtin.py:358) */
static void pi_fn_expr(pi_ctx *c)
{
    ember_dataframe *d1, *d2;
    pi_tag(c, 1); /* line 378 */
    d1 = pi_df(c, "name string", "('Alice',), ('Bob',)", "name");
    PI_EX(c, 2); /* line 379 */
    d2 = pi_select(c, d1, COL("*"), ember_expr("length(name)"), NULL);
    pi_show_n(c, d2, 20, 20, false);
    (void)d1;
    (void)d2;
}

/* pyspark.sql.connect.functions.builtin.extract (pyspark/sql/connect/functions/builtin.py:3303) */
static void pi_fn_extract(pi_ctx *c)
{
    ember_dataframe *d1, *d2;
    pi_tag(c, 2); /* line 3336 */
    d1 = pi_df(c, "ts timestamp", "(datetime(2015, 4, 8, 13, 8, 15, 0),)", "ts");
    PI_EX(c, 3); /* line 3337 */
    d2 = pi_select(c, d1, COL("*"), ember_alias(FN("extract", LIT_S("YEAR"), COL("ts")), "year"),
                   ember_alias(FN("extract", LIT_S("month"), COL("ts")), "month"),
                   ember_alias(FN("extract", LIT_S("WEEK"), COL("ts")), "week"),
                   ember_alias(FN("extract", LIT_S("D"), DCOL(d1, "ts")), "day"),
                   ember_alias(FN("extract", LIT_S("M"), DCOL(d1, "ts")), "minute"),
                   ember_alias(FN("extract", LIT_S("S"), DCOL(d1, "ts")), "second"), NULL);
    pi_show_n(c, d2, 20, 20, false);
    (void)d1;
    (void)d2;
}

/* pyspark.sql.connect.functions.builtin.factorial (pyspark/sql/connect/functions/builtin.py:688) */
static void pi_fn_factorial(pi_ctx *c)
{
    ember_dataframe *d1, *d2;
    PI_EX(c, 1); /* line 709 */
    d1 = pi_range_p(c, 0LL, 10LL, 1LL, 0);
    d2 = pi_select(c, d1, COL("*"), FN("factorial", COL("id")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    (void)d1;
    (void)d2;
}

/* pyspark.sql.connect.functions.builtin.first (pyspark/sql/connect/functions/builtin.py:1184) */
static void pi_fn_first(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3, *d4, *d5, *d6;
    pi_tag(c, 1); /* line 1214 */
    d1 = pi_df(c, "name string, age long", "('Alice', 2), ('Bob', 5), ('Alice', None)", "name,age");
    pi_tag(c, 2); /* line 1215 */
    d2 = pi_sort(c, d1, DCOL(d1, "age"), NULL);
    PI_EX(c, 3); /* line 1216 */
    d3 = pi_group_agg(c, d2, (ember_column *[]){COL("name")}, 1,
                      (ember_column *[]){FN("first", COL("age"), LIT_B(false))}, 1);
    d4 = pi_sort(c, d3, COL("name"), NULL);
    pi_show_n(c, d4, 20, 20, false);
    PI_EX(c, 4); /* line 1226 */
    d5 = pi_group_agg(c, d2, (ember_column *[]){COL("name")}, 1,
                      (ember_column *[]){FN("first", COL("age"), LIT_B(true))}, 1);
    d6 = pi_sort(c, d5, COL("name"), NULL);
    pi_show_n(c, d6, 20, 20, false);
    (void)d1;
    (void)d2;
    (void)d3;
    (void)d4;
    (void)d5;
    (void)d6;
}

/* pyspark.sql.connect.functions.builtin.first_value (pyspark/sql/connect/functions/builtin.py:1588)
 */
static void pi_fn_first_value(pi_ctx *c)
{
    ember_dataframe *d1, *d2;
    PI_EX(c, 1); /* line 1612 */
    d1 = pi_df(c, "a string, b long", "(None, 1), ('a', 2), ('a', 3), ('b', 8), ('b', 2)", "a,b");
    d2 = pi_select(c, d1, FN("first_value", COL("a")), FN("first_value", COL("b")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    (void)d1;
    (void)d2;
}

/* pyspark.sql.connect.functions.builtin.flatten (pyspark/sql/connect/functions/builtin.py:1918) */
static void pi_fn_flatten(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3, *d4, *d5, *d6;
    pi_tag(c, 1); /* line 1943 */
    d1 = pi_df(c, "data array<array<long>>", "([[1, 2, 3], [4, 5], [6]],)", "data");
    PI_EX(c, 2); /* line 1944 */
    d2 = pi_select(c, d1, FN("flatten", DCOL(d1, "data")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    pi_tag(c, 4); /* line 1954 */
    d3 = pi_df(c, "data array<array<long>>", "([None, [4, 5]],)", "data");
    PI_EX(c, 5); /* line 1955 */
    d4 = pi_select(c, d3, FN("flatten", DCOL(d3, "data")), NULL);
    pi_show_n(c, d4, 20, 20, false);
    pi_tag(c, 7); /* line 1965 */
    d5 = pi_df(c, "data array<array<array<long>>>", "([[[1, 2], [3, 4]], [[5, 6], [7, 8]]],)",
               "data");
    PI_EX(c, 8); /* line 1966 */
    d6 = pi_select(c, d5, FN("flatten", DCOL(d5, "data")), NULL);
    pi_show_n(c, d6, 20, 0, false);
    (void)d1;
    (void)d2;
    (void)d3;
    (void)d4;
    (void)d5;
    (void)d6;
}

/* pyspark.sql.connect.functions.builtin.floor (pyspark/sql/connect/functions/builtin.py:695) */
static void pi_fn_floor(pi_ctx *c)
{
    ember_dataframe *d1, *d2;
    PI_EX(c, 1); /* line 723 */
    d1 = pi_range_p(c, 0LL, 1LL, 1LL, 0);
    d2 = pi_select(c, d1, FN("floor", LIT_D(2.5)), NULL);
    pi_show_n(c, d2, 20, 20, false);
    (void)d1;
    (void)d2;
}

/* pyspark.sql.connect.functions.builtin.format_number
 * (pyspark/sql/connect/functions/builtin.py:2547) */
static void pi_fn_format_number(pi_ctx *c)
{
    ember_dataframe *d1, *d2;
    pi_tag(c, 1); /* line 2571 */
    d1 = pi_df(c, "a long", "(5,)", "a");
    PI_EX(c, 2); /* line 2572 */
    d2 = pi_select(c, d1, COL("*"), FN("format_number", COL("a"), LIT_I(4)),
                   FN("format_number", DCOL(d1, "a"), LIT_I(6)), NULL);
    pi_show_n(c, d2, 20, 20, false);
    (void)d1;
    (void)d2;
}

/* pyspark.sql.connect.functions.builtin.from_unixtime
 * (pyspark/sql/connect/functions/builtin.py:3604) */
static void pi_fn_from_unixtime(pi_ctx *c)
{
    ember_dataframe *d1, *d2;
    pi_tag(c, 2); /* line 3636 */
    d1 = pi_df(c, "unix_time long", "(1428476400,)", "unix_time");
    PI_EX(c, 3); /* line 3637 */
    d2 = pi_select(c, d1, COL("*"),
                   FN("from_unixtime", COL("unix_time"), LIT_S("yyyy-MM-dd HH:mm:ss")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    (void)d1;
    (void)d2;
}

/* pyspark.sql.connect.functions.builtin.from_utc_timestamp
 * (pyspark/sql/connect/functions/builtin.py:3632) */
static void pi_fn_from_utc_timestamp(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3;
    pi_tag(c, 1); /* line 3681 */
    d1 = pi_df(c, "ts string, tz string", "('1997-02-28 10:30:00', 'JST')", "ts,tz");
    PI_EX(c, 2); /* line 3682 */
    d2 = pi_select(c, d1, COL("*"), FN("from_utc_timestamp", COL("ts"), LIT_S("PST")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    PI_EX(c, 3); /* line 3689 */
    d3 = pi_select(c, d1, COL("*"), FN("from_utc_timestamp", DCOL(d1, "ts"), DCOL(d1, "tz")), NULL);
    pi_show_n(c, d3, 20, 20, false);
    (void)d1;
    (void)d2;
    (void)d3;
}

/* pyspark.sql.connect.functions.builtin.getbit (pyspark/sql/connect/functions/builtin.py:321) */
static void pi_fn_getbit(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3, *d4;
    PI_EX(c, 1); /* line 349 */
    d1 = pi_df(c, "value long", "(1,), (2,), (3,), (None,)", "value");
    d2 = pi_select(c, d1, COL("*"), FN("getbit", COL("value"), LIT_I(1)), NULL);
    pi_show_n(c, d2, 20, 20, false);
    pi_tag(c, 3); /* line 364 */
    d3 = pi_df(c, "value long, pos long", "(1, 2), (2, 1), (3, None), (None, 1)", "value,pos");
    PI_EX(c, 4); /* line 365 */
    d4 = pi_select(c, d3, COL("*"), FN("getbit", DCOL(d3, "value"), COL("pos")), NULL);
    pi_show_n(c, d4, 20, 20, false);
    (void)d1;
    (void)d2;
    (void)d3;
    (void)d4;
}

/* pyspark.sql.connect.functions.builtin.greatest (pyspark/sql/connect/functions/builtin.py:358) */
static void pi_fn_greatest(pi_ctx *c)
{
    ember_dataframe *d1, *d2;
    pi_tag(c, 1); /* line 384 */
    d1 = pi_df(c, "a long, b long, c long", "(1, 4, 3)", "a,b,c");
    PI_EX(c, 2); /* line 385 */
    d2 = pi_select(c, d1, COL("*"), FN("greatest", DCOL(d1, "a"), COL("b"), DCOL(d1, "c")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    (void)d1;
    (void)d2;
}

/* pyspark.sql.connect.functions.builtin.hash (pyspark/sql/connect/functions/builtin.py:4404) */
static void pi_fn_hash(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3, *d4;
    pi_tag(c, 1); /* line 4428 */
    d1 = pi_df(c, "c1 string, c2 string", "('ABC', 'DEF')", "c1,c2");
    PI_EX(c, 2); /* line 4429 */
    d2 = pi_select(c, d1, COL("*"), FN("hash", COL("c1")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    PI_EX(c, 3); /* line 4436 */
    d3 = pi_select(c, d1, COL("*"), FN("hash", COL("c1"), DCOL(d1, "c2")), NULL);
    pi_show_n(c, d3, 20, 20, false);
    PI_EX(c, 4); /* line 4443 */
    d4 = pi_select(c, d1, COL("*"), FN("hash", COL("*")), NULL);
    pi_show_n(c, d4, 20, 20, false);
    (void)d1;
    (void)d2;
    (void)d3;
    (void)d4;
}

/* pyspark.sql.connect.functions.builtin.hex (pyspark/sql/connect/functions/builtin.py:707) */
static void pi_fn_hex(pi_ctx *c)
{
    ember_dataframe *d1, *d2;
    pi_tag(c, 1); /* line 733 */
    d1 = pi_df(c, "a string, b long", "('ABC', 3)", "a,b");
    PI_EX(c, 2); /* line 734 */
    d2 = pi_select(c, d1, COL("*"), FN("hex", COL("a")), FN("hex", DCOL(d1, "b")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    (void)d1;
    (void)d2;
}

/* pyspark.sql.connect.functions.builtin.hour (pyspark/sql/connect/functions/builtin.py:3254) */
static void pi_fn_hour(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3, *d4, *d5, *d6, *d7;
    pi_tag(c, 1); /* line 3292 */
    d1 = pi_df(c, "ts string", "('2015-04-08 13:08:15',), ('2024-10-31 10:09:16',)", "ts");
    PI_EX(c, 2); /* line 3293 */
    d2 = pi_select(c, d1, COL("*"), FN("typeof", COL("ts")), FN("hour", COL("ts")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    pi_tag(c, 5); /* line 3305 */
    d3 = pi_df(c, "ts timestamp",
               "(datetime(2015, 4, 8, 13, 8, 15, 0),), (datetime(2024, 10, 31, 10, 9, 16, 0),)",
               "ts");
    PI_EX(c, 6); /* line 3308 */
    d4 = pi_select(c, d3, COL("*"), FN("typeof", COL("ts")), FN("hour", COL("ts")), NULL);
    pi_show_n(c, d4, 20, 20, false);
    pi_tag(c, 9); /* line 3320 */
    d5 = pi_df(c, "t string", "('13:08:15',), ('10:09:16',)", "t");
    d6 = pi_with_column(c, d5, "t", ember_cast(COL("t"), "time"));
    PI_EX(c, 10); /* line 3323 */
    d7 = pi_select(c, d6, COL("*"), FN("typeof", COL("t")), FN("hour", COL("t")), NULL);
    pi_show_n(c, d7, 20, 20, false);
    (void)d1;
    (void)d2;
    (void)d3;
    (void)d4;
    (void)d5;
    (void)d6;
    (void)d7;
}

/* pyspark.sql.connect.functions.builtin.initcap (pyspark/sql/connect/functions/builtin.py:2782) */
static void pi_fn_initcap(pi_ctx *c)
{
    ember_dataframe *d1, *d2;
    pi_tag(c, 1); /* line 2802 */
    d1 = pi_df(c, "a string", "('ab cd',)", "a");
    PI_EX(c, 2); /* line 2803 */
    d2 = pi_select(c, d1, COL("*"), FN("initcap", COL("a")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    (void)d1;
    (void)d2;
}

/* pyspark.sql.connect.functions.builtin.inline_outer
 * (pyspark/sql/connect/functions/builtin.py:2042) */
static void pi_fn_inline_outer(pi_ctx *c)
{
    ember_dataframe *d1, *d2;
    PI_EX(c, 1); /* line 2073 */
    d1 = pi_sql(c, "SELECT * FROM VALUES (1,ARRAY(NAMED_STRUCT(\"a\",1,\"b\",2), NULL, "
                   "NAMED_STRUCT(\"a\",3,\"b\",4))), (2,ARRAY()), (3,NULL) AS t(i,s)");
    PI_EX(c, 3); /* line 2082 */
    d2 = pi_select(c, d1, COL("*"), FN("inline_outer", COL("s")), NULL);
    pi_show_n(c, d2, 20, 0, false);
    (void)d1;
    (void)d2;
}

/* pyspark.sql.connect.functions.builtin.instr (pyspark/sql/connect/functions/builtin.py:2561) */
static void pi_fn_instr(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3, *d4;
    pi_tag(c, 1); /* line 2602 */
    d1 = pi_df(c, "s string", "('abcd',), ('xyz',)", "s");
    PI_EX(c, 2); /* line 2603 */
    d2 = pi_select(c, d1, COL("*"), FN("instr", DCOL(d1, "s"), LIT_S("b")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    pi_tag(c, 4); /* line 2614 */
    d3 = pi_df(c, "s string", "('abcd',), ('xyz',)", "s");
    PI_EX(c, 5); /* line 2615 */
    d4 = pi_select(c, d3, COL("*"),
                   FN("instr", COL("s"), ember_substr(LIT_S("abc"), LIT_I(0), LIT_I(2))), NULL);
    pi_show_n(c, d4, 20, 20, false);
    (void)d1;
    (void)d2;
    (void)d3;
    (void)d4;
}

/* pyspark.sql.connect.functions.builtin.is_valid_utf8
 * (pyspark/sql/connect/functions/builtin.py:2519) */
static void pi_fn_is_valid_utf8(pi_ctx *c)
{
    ember_dataframe *d1, *d2;
    PI_EX(c, 1); /* line 2543 */
    d1 = pi_range_p(c, 0LL, 1LL, 1LL, 0);
    d2 = pi_select(c, d1, FN("is_valid_utf8", LIT_S("SparkSQL")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    (void)d1;
    (void)d2;
}

/* pyspark.sql.connect.functions.builtin.isnan (pyspark/sql/connect/functions/builtin.py:389) */
static void pi_fn_isnan(pi_ctx *c)
{
    ember_dataframe *d1, *d2;
    pi_tag(c, 1); /* line 409 */
    d1 = pi_df(c, "a double, b double", "(1.0, float('nan')), (float('nan'), 2.0)", "a,b");
    PI_EX(c, 2); /* line 410 */
    d2 = pi_select(c, d1, COL("*"), FN("isnan", COL("a")), FN("isnan", DCOL(d1, "b")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    (void)d1;
    (void)d2;
}

/* pyspark.sql.connect.functions.builtin.isnotnull (pyspark/sql/connect/functions/builtin.py:4741)
 */
static void pi_fn_isnotnull(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3;
    pi_tag(c, 1); /* line 4753 */
    d1 = pi_df(c, "e long", "(None,), (1,)", "e");
    PI_EX(c, 2); /* line 4754 */
    d2 = pi_select(c, d1, COL("*"), FN("isnotnull", DCOL(d1, "e")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    PI_EX(c, 3); /* line 4762 */
    d3 = pi_select(c, d1, COL("*"), FN("isnotnull", COL("e")), NULL);
    pi_show_n(c, d3, 20, 20, false);
    (void)d1;
    (void)d2;
    (void)d3;
}

/* pyspark.sql.connect.functions.builtin.java_method (pyspark/sql/connect/functions/builtin.py:4871)
 */
static void pi_fn_java_method(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3, *d4;
    PI_EX(c, 1); /* line 4893 */
    d1 = pi_range_p(c, 0LL, 1LL, 1LL, 0);
    d2 = pi_select(c, d1,
                   FN("java_method", LIT_S("java.util.UUID"), LIT_S("fromString"),
                      LIT_S("a5cf6c42-0c85-418f-af6c-3e4e5b1328f2")),
                   NULL);
    pi_show_n(c, d2, 20, 0, false);
    pi_tag(c, 3); /* line 4909 */
    d3 = pi_df(c, "a string", "('a5cf6c42-0c85-418f-af6c-3e4e5b1328f2',)", "a");
    PI_EX(c, 4); /* line 4910 */
    d4 = pi_select(c, d3, FN("java_method", LIT_S("java.util.UUID"), LIT_S("fromString"), COL("a")),
                   NULL);
    pi_show_n(c, d4, 20, 0, false);
    (void)d1;
    (void)d2;
    (void)d3;
    (void)d4;
}

/* pyspark.sql.connect.functions.builtin.json_array_length
 * (pyspark/sql/connect/functions/builtin.py:2021) */
static void pi_fn_json_array_length(pi_ctx *c)
{
    ember_dataframe *d1, *d2;
    pi_tag(c, 0); /* line 2039 */
    d1 = pi_df(c, "data string", "(None,), ('[1, 2, 3]',), ('[]',)", "data");
    PI_EX(c, 1); /* line 2040 */
    d2 = pi_select(c, d1, ember_alias(FN("json_array_length", DCOL(d1, "data")), "r"), NULL);
    pi_collect(c, d2);
    (void)d1;
    (void)d2;
}

/* pyspark.sql.connect.functions.builtin.json_object_keys
 * (pyspark/sql/connect/functions/builtin.py:2028) */
static void pi_fn_json_object_keys(pi_ctx *c)
{
    ember_dataframe *d1, *d2;
    pi_tag(c, 0); /* line 2047 */
    d1 = pi_df(c, "data string", "(None,), ('{}',), ('{\"key1\":1, \"key2\":2}',)", "data");
    PI_EX(c, 1); /* line 2048 */
    d2 = pi_select(c, d1, ember_alias(FN("json_object_keys", DCOL(d1, "data")), "r"), NULL);
    pi_collect(c, d2);
    (void)d1;
    (void)d2;
}

/* pyspark.sql.connect.functions.builtin.json_tuple (pyspark/sql/connect/functions/builtin.py:2049)
 */
static void pi_fn_json_tuple(pi_ctx *c)
{
    ember_dataframe *d1, *d2;
    pi_tag(c, 1); /* line 2071 */
    d1 = pi_df(c, "key string, jstring string",
               "('1', '{\"f1\": \"value1\", \"f2\": \"value2\"}'), ('2', '{\"f1\": \"value12\"}')",
               "key,jstring");
    PI_EX(c, 2); /* line 2072 */
    d2 = pi_select(c, d1, DCOL(d1, "key"),
                   FN("json_tuple", DCOL(d1, "jstring"), LIT_S("f1"), LIT_S("f2")), NULL);
    pi_collect(c, d2);
    (void)d1;
    (void)d2;
}

/* pyspark.sql.connect.functions.builtin.lcase (pyspark/sql/connect/functions/builtin.py:3064) */
static void pi_fn_lcase(pi_ctx *c)
{
    ember_dataframe *d1, *d2;
    PI_EX(c, 1); /* line 3077 */
    d1 = pi_range_p(c, 0LL, 1LL, 1LL, 0);
    d2 = pi_select(c, d1, FN("lcase", LIT_S("Spark")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    (void)d1;
    (void)d2;
}

/* pyspark.sql.connect.functions.builtin.lead (pyspark/sql/connect/functions/builtin.py:1554) */
static void pi_fn_lead(pi_ctx *c)
{
    ember_dataframe *d1;
    pi_tag(c, 2); /* line 1588 */
    d1 =
        pi_df(c, "c1 string, c2 long", "('a', 1), ('a', 2), ('a', 3), ('b', 8), ('b', 2)", "c1,c2");
    PI_EX(c, 3); /* line 1590 */
    pi_show_n(c, d1, 20, 20, false);
    (void)d1;
}

/* pyspark.sql.connect.functions.builtin.least (pyspark/sql/connect/functions/builtin.py:377) */
static void pi_fn_least(pi_ctx *c)
{
    ember_dataframe *d1, *d2;
    pi_tag(c, 1); /* line 403 */
    d1 = pi_df(c, "a long, b long, c long", "(1, 4, 3)", "a,b,c");
    PI_EX(c, 2); /* line 404 */
    d2 = pi_select(c, d1, COL("*"), FN("least", DCOL(d1, "a"), COL("b"), DCOL(d1, "c")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    (void)d1;
    (void)d2;
}

/* pyspark.sql.connect.functions.builtin.left (pyspark/sql/connect/functions/builtin.py:3078) */
static void pi_fn_left(pi_ctx *c)
{
    ember_dataframe *d1, *d2;
    pi_tag(c, 0); /* line 3093 */
    d1 = pi_df(c, "a string, b long", "('Spark SQL', 3)", "a,b");
    PI_EX(c, 1); /* line 3094 */
    d2 = pi_select(c, d1, ember_alias(FN("left", DCOL(d1, "a"), DCOL(d1, "b")), "r"), NULL);
    pi_collect(c, d2);
    (void)d1;
    (void)d2;
}

/* pyspark.sql.connect.functions.builtin.levenshtein (pyspark/sql/connect/functions/builtin.py:2633)
 */
static void pi_fn_levenshtein(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3;
    pi_tag(c, 1); /* line 2660 */
    d1 = pi_df(c, "l string, r string", "('kitten', 'sitting')", "l,r");
    PI_EX(c, 2); /* line 2661 */
    d2 = pi_select(c, d1, COL("*"), FN("levenshtein", COL("l"), COL("r")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    PI_EX(c, 3); /* line 2668 */
    d3 =
        pi_select(c, d1, COL("*"), FN("levenshtein", DCOL(d1, "l"), DCOL(d1, "r"), LIT_I(2)), NULL);
    pi_show_n(c, d3, 20, 20, false);
    (void)d1;
    (void)d2;
    (void)d3;
}

/* pyspark.sql.connect.functions.builtin.like (pyspark/sql/connect/functions/builtin.py:3041) */
static void pi_fn_like(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3, *d4;
    pi_tag(c, 0); /* line 3070 */
    d1 = pi_df(c, "a string, b string", "('Spark', '_park')", "a,b");
    PI_EX(c, 1); /* line 3071 */
    d2 = pi_select(c, d1, ember_alias(FN("like", DCOL(d1, "a"), DCOL(d1, "b")), "r"), NULL);
    pi_collect(c, d2);
    pi_tag(c, 2); /* line 3074 */
    d3 = pi_df(c, "a string, b string", "('%SystemDrive%/Users/John', '/%SystemDrive/%//Users%')",
               "a,b");
    PI_EX(c, 3); /* line 3078 */
    d4 = pi_select(c, d3, ember_alias(FN("like", DCOL(d3, "a"), DCOL(d3, "b"), LIT_S("/")), "r"),
                   NULL);
    pi_collect(c, d4);
    (void)d1;
    (void)d2;
    (void)d3;
    (void)d4;
}

/* pyspark.sql.connect.functions.builtin.listagg (pyspark/sql/connect/functions/builtin.py:1077) */
static void pi_fn_listagg(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3, *d4, *d5, *d6;
    pi_tag(c, 1); /* line 1100 */
    d1 = pi_df(c, "strings string", "('a',), ('b',), (None,), ('c',)", "strings");
    PI_EX(c, 2); /* line 1101 */
    d2 = pi_select(c, d1, FN("listagg", COL("strings")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    pi_tag(c, 4); /* line 1111 */
    d3 = pi_df(c, "strings string", "('a',), ('b',), (None,), ('c',)", "strings");
    PI_EX(c, 5); /* line 1112 */
    d4 = pi_select(c, d3, FN("listagg", COL("strings"), LIT_S(", ")), NULL);
    pi_show_n(c, d4, 20, 20, false);
    pi_tag(c, 7); /* line 1122 */
    d5 = pi_df(c, "bytes binary", "(b'\001',), (b'\002',), (None,), (b'\003',)", "bytes");
    PI_EX(c, 8); /* line 1123 */
    d6 = pi_select(c, d5, FN("listagg", COL("bytes"), ember_lit_binary("B", 1)), NULL);
    pi_show_n(c, d6, 20, 20, false);
    (void)d1;
    (void)d2;
    (void)d3;
    (void)d4;
    (void)d5;
    (void)d6;
}

/* pyspark.sql.connect.functions.builtin.ln (pyspark/sql/connect/functions/builtin.py:747) */
static void pi_fn_ln(pi_ctx *c)
{
    ember_dataframe *d1, *d2;
    PI_EX(c, 1); /* line 764 */
    d1 = pi_range_p(c, 0LL, 10LL, 1LL, 0);
    d2 = pi_select(c, d1, COL("*"), FN("ln", COL("id")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    (void)d1;
    (void)d2;
}

/* pyspark.sql.connect.functions.builtin.locate (pyspark/sql/connect/functions/builtin.py:2644) */
static void pi_fn_locate(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3;
    pi_tag(c, 1); /* line 2682 */
    d1 = pi_df(c, "s string", "('abcd',)", "s");
    PI_EX(c, 2); /* line 2683 */
    d2 = pi_select(c, d1, COL("*"), FN("locate", LIT_S("b"), COL("s"), LIT_I(1)), NULL);
    pi_show_n(c, d2, 20, 20, false);
    PI_EX(c, 3); /* line 2690 */
    d3 = pi_select(c, d1, COL("*"), FN("locate", LIT_S("b"), DCOL(d1, "s"), LIT_I(3)), NULL);
    pi_show_n(c, d3, 20, 20, false);
    (void)d1;
    (void)d2;
    (void)d3;
}

/* pyspark.sql.connect.functions.builtin.log (pyspark/sql/connect/functions/builtin.py:733) */
static void pi_fn_log(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3;
    PI_EX(c, 1); /* line 759 */
    d1 = pi_sql(c, "SELECT * FROM VALUES (1), (2), (4) AS t(value)");
    PI_EX(c, 4); /* line 772 */
    d2 = pi_sql(c, "SELECT * FROM VALUES (1), (2), (0), (-1), (NULL) AS t(value)");
    PI_EX(c, 7); /* line 787 */
    d3 = pi_sql(c, "SELECT * FROM VALUES (1), (2), (4) AS t(value)");
    (void)d1;
    (void)d2;
    (void)d3;
}

/* pyspark.sql.connect.functions.builtin.log10 (pyspark/sql/connect/functions/builtin.py:733) */
static void pi_fn_log10(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3, *d4;
    pi_tag(c, 1); /* line 756 */
    d1 = pi_df(c, "value long", "(1,), (10,), (100,)", "value");
    PI_EX(c, 2); /* line 757 */
    d2 = pi_select(c, d1, COL("*"), FN("log10", DCOL(d1, "value")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    PI_EX(c, 4); /* line 769 */
    d3 = pi_sql(c, "SELECT * FROM VALUES (-1), (0), (FLOAT('NAN')), (NULL) AS TAB(value)");
    d4 = pi_select(c, d3, COL("*"), FN("log10", COL("value")), NULL);
    pi_show_n(c, d4, 20, 20, false);
    (void)d1;
    (void)d2;
    (void)d3;
    (void)d4;
}

/* pyspark.sql.connect.functions.builtin.log1p (pyspark/sql/connect/functions/builtin.py:740) */
static void pi_fn_log1p(pi_ctx *c)
{
    ember_dataframe *d1, *d2;
    PI_EX(c, 1); /* line 761 */
    d1 = pi_range_p(c, 0LL, 1LL, 1LL, 0);
    d2 = pi_select(c, d1, FN("log1p", FN0("e")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    (void)d1;
    (void)d2;
}

/* pyspark.sql.connect.functions.builtin.log2 (pyspark/sql/connect/functions/builtin.py:754) */
static void pi_fn_log2(pi_ctx *c)
{
    ember_dataframe *d1, *d2;
    PI_EX(c, 1); /* line 774 */
    d1 = pi_range_p(c, 0LL, 10LL, 1LL, 0);
    d2 = pi_select(c, d1, COL("*"), FN("log2", COL("id")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    (void)d1;
    (void)d2;
}

/* pyspark.sql.connect.functions.builtin.lpad (pyspark/sql/connect/functions/builtin.py:2652) */
static void pi_fn_lpad(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3, *d4;
    pi_tag(c, 1); /* line 2690 */
    d1 = pi_df(c, "s string", "('abcd',), ('xyz',), ('12',)", "s");
    PI_EX(c, 2); /* line 2691 */
    d2 = pi_select(c, d1, COL("*"), FN("lpad", DCOL(d1, "s"), LIT_I(6), LIT_S("#")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    pi_tag(c, 4); /* line 2703 */
    d3 = pi_df(c, "s string", "('abcd',), ('xyz',), ('12',)", "s");
    PI_EX(c, 5); /* line 2704 */
    d4 = pi_select(c, d3, COL("*"), FN("lpad", DCOL(d3, "s"), LIT_I(6), ember_lit_binary("uv", 2)),
                   NULL);
    pi_show_n(c, d4, 20, 20, false);
    (void)d1;
    (void)d2;
    (void)d3;
    (void)d4;
}

/* pyspark.sql.connect.functions.builtin.ltrim (pyspark/sql/connect/functions/builtin.py:2468) */
static void pi_fn_ltrim(pi_ctx *c)
{
    ember_dataframe *d1, *d2;
    pi_tag(c, 7); /* line 2526 */
    d1 = pi_df(c, "value string, t string", "('**Spark*', '*'), ('==Spark=', '=')", "value,t");
    PI_EX(c, 8); /* line 2527 */
    d2 = pi_select(c, d1, COL("*"), FN("ltrim", COL("t"), COL("value")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    (void)d1;
    (void)d2;
}

/* pyspark.sql.connect.functions.builtin.make_date (pyspark/sql/connect/functions/builtin.py:3324)
 */
static void pi_fn_make_date(pi_ctx *c)
{
    ember_dataframe *d1, *d2;
    pi_tag(c, 1); /* line 3355 */
    d1 = pi_df(c, "Y long, M long, D long", "(2020, 6, 26)", "Y,M,D");
    PI_EX(c, 2); /* line 3356 */
    d2 = pi_select(c, d1, COL("*"), FN("make_date", DCOL(d1, "Y"), COL("M"), DCOL(d1, "D")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    (void)d1;
    (void)d2;
}

/* pyspark.sql.connect.functions.builtin.make_timestamp_ltz
 * (pyspark/sql/connect/functions/builtin.py:4143) */
static void pi_fn_make_timestamp_ltz(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3, *d4;
    pi_tag(c, 2); /* line 4193 */
    d1 = pi_df(c, "year long, month long, day long, hour long, min long, sec double, tz string",
               "(2014, 12, 28, 6, 30, 45.887, 'CET')", "year,month,day,hour,min,sec,tz");
    PI_EX(c, 3); /* line 4195 */
    d2 = pi_select(c, d1,
                   FN("make_timestamp_ltz", DCOL(d1, "year"), DCOL(d1, "month"), COL("day"),
                      DCOL(d1, "hour"), DCOL(d1, "min"), DCOL(d1, "sec"), COL("tz")),
                   NULL);
    pi_show_n(c, d2, 20, 0, false);
    pi_tag(c, 5); /* line 4207 */
    d3 = pi_df(c, "year long, month long, day long, hour long, min long, sec double, tz string",
               "(2014, 12, 28, 6, 30, 45.887, 'CET')", "year,month,day,hour,min,sec,tz");
    PI_EX(c, 6); /* line 4209 */
    d4 = pi_select(c, d3,
                   FN("make_timestamp_ltz", DCOL(d3, "year"), DCOL(d3, "month"), COL("day"),
                      DCOL(d3, "hour"), DCOL(d3, "min"), DCOL(d3, "sec")),
                   NULL);
    pi_show_n(c, d4, 20, 0, false);
    (void)d1;
    (void)d2;
    (void)d3;
    (void)d4;
}

/* pyspark.sql.connect.functions.builtin.make_valid_utf8
 * (pyspark/sql/connect/functions/builtin.py:2526) */
static void pi_fn_make_valid_utf8(pi_ctx *c)
{
    ember_dataframe *d1, *d2;
    PI_EX(c, 1); /* line 2551 */
    d1 = pi_range_p(c, 0LL, 1LL, 1LL, 0);
    d2 = pi_select(c, d1, FN("make_valid_utf8", LIT_S("SparkSQL")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    (void)d1;
    (void)d2;
}

/* pyspark.sql.connect.functions.builtin.make_ym_interval
 * (pyspark/sql/connect/functions/builtin.py:4369) */
static void pi_fn_make_ym_interval(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3, *d4, *d5, *d6;
    pi_tag(c, 2); /* line 4399 */
    d1 = pi_df(c, "year long, month long", "(2014, 12)", "year,month");
    PI_EX(c, 3); /* line 4400 */
    d2 = pi_select(c, d1, COL("*"), FN("make_ym_interval", COL("year"), DCOL(d1, "month")), NULL);
    pi_show_n(c, d2, 20, 0, false);
    pi_tag(c, 5); /* line 4410 */
    d3 = pi_df(c, "year long, month long", "(2014, 12)", "year,month");
    PI_EX(c, 6); /* line 4411 */
    d4 = pi_select(c, d3, COL("*"), FN("make_ym_interval", DCOL(d3, "year"), LIT_I(0)), NULL);
    pi_show_n(c, d4, 20, 0, false);
    PI_EX(c, 8); /* line 4421 */
    d5 = pi_range_p(c, 0LL, 1LL, 1LL, 0);
    d6 = pi_select(c, d5, FN("make_ym_interval", LIT_I(0), LIT_I(0)), NULL);
    pi_show_n(c, d6, 20, 0, false);
    (void)d1;
    (void)d2;
    (void)d3;
    (void)d4;
    (void)d5;
    (void)d6;
}

/* pyspark.sql.connect.functions.builtin.map_concat (pyspark/sql/connect/functions/builtin.py:2072)
 */
static void pi_fn_map_concat(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3, *d4, *d5;
    PI_EX(c, 1); /* line 2100 */
    d1 = pi_sql(c, "SELECT map(1, 'a', 2, 'b') as map1, map(3, 'c') as map2");
    PI_EX(c, 6); /* line 2113 */
    d2 = pi_sql(c, "SELECT map(1, 'a', 2, 'b') as map1, map(2, 'c', 3, 'd') as map2");
    PI_EX(c, 10); /* line 2125 */
    d3 = pi_sql(c, "SELECT map(1, 'a') as map1, map(2, 'b') as map2, map(3, 'c') as map3");
    PI_EX(c, 13); /* line 2136 */
    d4 = pi_sql(c, "SELECT map(1, 'a', 2, 'b') as map1, map() as map2");
    PI_EX(c, 16); /* line 2147 */
    d5 = pi_sql(c, "SELECT map(1, 'a', 2, 'b') as map1, map(3, null) as map2");
    (void)d1;
    (void)d2;
    (void)d3;
    (void)d4;
    (void)d5;
}

/* pyspark.sql.connect.functions.builtin.map_contains_key
 * (pyspark/sql/connect/functions/builtin.py:2072) */
static void pi_fn_map_contains_key(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3, *d4, *d5, *d6;
    PI_EX(c, 1); /* line 2100 */
    d1 = pi_sql(c, "SELECT map(1, 'a', 2, 'b') as data");
    PI_EX(c, 2); /* line 2101 */
    d2 = pi_select(c, d1, FN("map_contains_key", COL("data"), LIT_I(1)), NULL);
    pi_show_n(c, d2, 20, 20, false);
    PI_EX(c, 4); /* line 2111 */
    d3 = pi_sql(c, "SELECT map(1, 'a', 2, 'b') as data");
    PI_EX(c, 5); /* line 2112 */
    d4 = pi_select(c, d3, FN("map_contains_key", COL("data"), LIT_I(-1)), NULL);
    pi_show_n(c, d4, 20, 20, false);
    PI_EX(c, 7); /* line 2122 */
    d5 = pi_sql(c, "SELECT map(1, 'a', 2, 'b') as data, 1 as key");
    PI_EX(c, 8); /* line 2123 */
    d6 = pi_select(c, d5, FN("map_contains_key", COL("data"), COL("key")), NULL);
    pi_show_n(c, d6, 20, 20, false);
    (void)d1;
    (void)d2;
    (void)d3;
    (void)d4;
    (void)d5;
    (void)d6;
}

/* pyspark.sql.connect.functions.builtin.map_from_arrays
 * (pyspark/sql/connect/functions/builtin.py:2093) */
static void pi_fn_map_from_arrays(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3, *d4;
    pi_tag(c, 1); /* line 2123 */
    d1 = pi_df(c, "k array<long>, v array<string>", "([2, 5], ['a', 'b'])", "k,v");
    PI_EX(c, 2); /* line 2124 */
    d2 = pi_select(c, d1, FN("map_from_arrays", DCOL(d1, "k"), DCOL(d1, "v")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    pi_tag(c, 4); /* line 2134 */
    d3 = pi_df(c, "k array<long>, v array<string>", "([1, 2], ['a', None])", "k,v");
    PI_EX(c, 5); /* line 2135 */
    d4 = pi_select(c, d3, FN("map_from_arrays", DCOL(d3, "k"), DCOL(d3, "v")), NULL);
    pi_show_n(c, d4, 20, 20, false);
    (void)d1;
    (void)d2;
    (void)d3;
    (void)d4;
}

/* pyspark.sql.connect.functions.builtin.map_from_entries
 * (pyspark/sql/connect/functions/builtin.py:2100) */
static void pi_fn_map_from_entries(pi_ctx *c)
{
    ember_dataframe *d1, *d2;
    PI_EX(c, 1); /* line 2125 */
    d1 = pi_sql(c, "SELECT array(struct(1, 'a'), struct(2, 'b')) as data");
    PI_EX(c, 4); /* line 2136 */
    d2 = pi_sql(c, "SELECT array(struct(1, null), struct(2, 'b')) as data");
    (void)d1;
    (void)d2;
}

/* pyspark.sql.connect.functions.builtin.map_keys (pyspark/sql/connect/functions/builtin.py:2107) */
static void pi_fn_map_keys(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3, *d4, *d5, *d6, *d7, *d8;
    PI_EX(c, 1); /* line 2130 */
    d1 = pi_sql(c, "SELECT map(1, 'a', 2, 'b') as data");
    PI_EX(c, 2); /* line 2131 */
    d2 = pi_select(c, d1, FN("sort_array", FN("map_keys", COL("data")), LIT_B(true)), NULL);
    pi_show_n(c, d2, 20, 20, false);
    PI_EX(c, 4); /* line 2141 */
    d3 = pi_sql(c, "SELECT map(array(1, 2), 'a', array(3, 4), 'b') as data");
    PI_EX(c, 5); /* line 2142 */
    d4 = pi_select(c, d3, FN("sort_array", FN("map_keys", COL("data")), LIT_B(true)), NULL);
    pi_show_n(c, d4, 20, 20, false);
    PI_EX(c, 9); /* line 2154 */
    d5 = pi_sql(c, "SELECT map(1, 'a', 1, 'b') as data");
    PI_EX(c, 10); /* line 2155 */
    d6 = pi_select(c, d5, FN("map_keys", COL("data")), NULL);
    pi_show_n(c, d6, 20, 20, false);
    PI_EX(c, 13); /* line 2166 */
    d7 = pi_sql(c, "SELECT map() as data");
    PI_EX(c, 14); /* line 2167 */
    d8 = pi_select(c, d7, FN("map_keys", COL("data")), NULL);
    pi_show_n(c, d8, 20, 20, false);
    (void)d1;
    (void)d2;
    (void)d3;
    (void)d4;
    (void)d5;
    (void)d6;
    (void)d7;
    (void)d8;
}

/* pyspark.sql.connect.functions.builtin.map_values (pyspark/sql/connect/functions/builtin.py:2114)
 */
static void pi_fn_map_values(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3, *d4, *d5, *d6, *d7, *d8, *d9, *d10;
    PI_EX(c, 1); /* line 2137 */
    d1 = pi_sql(c, "SELECT map(1, 'a', 2, 'b') as data");
    PI_EX(c, 2); /* line 2138 */
    d2 = pi_select(c, d1, FN("sort_array", FN("map_values", COL("data")), LIT_B(true)), NULL);
    pi_show_n(c, d2, 20, 20, false);
    PI_EX(c, 4); /* line 2148 */
    d3 = pi_sql(c, "SELECT map(1, array('a', 'b'), 2, array('c', 'd')) as data");
    PI_EX(c, 5); /* line 2149 */
    d4 = pi_select(c, d3, FN("sort_array", FN("map_values", COL("data")), LIT_B(true)), NULL);
    pi_show_n(c, d4, 20, 20, false);
    PI_EX(c, 7); /* line 2159 */
    d5 = pi_sql(c, "SELECT map(1, null, 2, 'b') as data");
    PI_EX(c, 8); /* line 2160 */
    d6 = pi_select(c, d5, FN("sort_array", FN("map_values", COL("data")), LIT_B(true)), NULL);
    pi_show_n(c, d6, 20, 20, false);
    PI_EX(c, 10); /* line 2170 */
    d7 = pi_sql(c, "SELECT map(1, 'a', 2, 'a') as data");
    PI_EX(c, 11); /* line 2171 */
    d8 = pi_select(c, d7, FN("map_values", COL("data")), NULL);
    pi_show_n(c, d8, 20, 20, false);
    PI_EX(c, 13); /* line 2181 */
    d9 = pi_sql(c, "SELECT map() as data");
    PI_EX(c, 14); /* line 2182 */
    d10 = pi_select(c, d9, FN("map_values", COL("data")), NULL);
    pi_show_n(c, d10, 20, 20, false);
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
}

/* pyspark.sql.connect.functions.builtin.max (pyspark/sql/connect/functions/builtin.py:1232) */
static void pi_fn_max(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3, *d4, *d5, *d6, *d7, *d8, *d9, *d10, *d11, *d12;
    pi_tag(c, 1); /* line 1266 */
    d1 = pi_range_p(c, 0LL, 10LL, 1LL, 0);
    PI_EX(c, 2); /* line 1267 */
    d2 = pi_select(c, d1, FN("max", DCOL(d1, "id")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    pi_tag(c, 4); /* line 1277 */
    d3 = pi_df(c, "value string", "('A',), ('B',), ('C',)", "value");
    PI_EX(c, 5); /* line 1278 */
    d4 = pi_select(c, d3, FN("max", DCOL(d3, "value")), NULL);
    pi_show_n(c, d4, 20, 20, false);
    pi_tag(c, 7); /* line 1288 */
    d5 = pi_df(c, "key string, value long", "('A', 1), ('A', 2), ('B', 3), ('B', 4)", "key,value");
    PI_EX(c, 8); /* line 1289 */
    d6 = pi_group_agg(c, d5, (ember_column *[]){COL("key")}, 1,
                      (ember_column *[]){FN("max", DCOL(d5, "value"))}, 1);
    pi_show_n(c, d6, 20, 20, false);
    pi_tag(c, 10); /* line 1300 */
    d7 = pi_df(c, "key string, value1 long, value2 long",
               "('A', 1, 2), ('A', 2, 3), ('B', 3, 4), ('B', 4, 5)", "key,value1,value2");
    PI_EX(c, 11); /* line 1302 */
    d8 = pi_group_agg(c, d7, (ember_column *[]){COL("key")}, 1,
                      (ember_column *[]){FN("max", COL("value1")), FN("max", COL("value2"))}, 2);
    pi_show_n(c, d8, 20, 20, false);
    pi_tag(c, 13); /* line 1313 */
    d9 = pi_df(c, "value long", "(1,), (2,), (None,)", "value");
    PI_EX(c, 14); /* line 1314 */
    d10 = pi_select(c, d9, FN("max", DCOL(d9, "value")), NULL);
    pi_show_n(c, d10, 20, 20, false);
    pi_tag(c, 16); /* line 1324 */
    d11 = pi_df(c, "value double", "(1.1,), (float('nan'),), (3.3,)", "value");
    PI_EX(c, 17); /* line 1325 */
    d12 = pi_select(c, d11, FN("max", DCOL(d11, "value")), NULL);
    pi_show_n(c, d12, 20, 20, false);
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
}

/* pyspark.sql.connect.functions.builtin.max_by (pyspark/sql/connect/functions/builtin.py:1239) */
static void pi_fn_max_by(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3, *d4, *d5, *d6, *d7, *d8, *d9;
    pi_tag(c, 1); /* line 1274 */
    d1 = pi_df(c, "course string, year long, earnings long",
               "('Java', 2012, 20000), ('dotNET', 2012, 5000), ('dotNET', 2013, 48000), ('Java', "
               "2013, 30000)",
               "course,year,earnings");
    PI_EX(c, 2); /* line 1278 */
    d2 = pi_group_agg(c, d1, (ember_column *[]){COL("course")}, 1,
                      (ember_column *[]){FN("max_by", COL("year"), COL("earnings"))}, 1);
    d3 = pi_sort(c, d2, COL("course"), NULL);
    pi_show_n(c, d3, 20, 20, false);
    pi_tag(c, 4); /* line 1289 */
    d4 = pi_df(c, "department string, name string, years_in_dept long",
               "('Marketing', 'Anna', 4), ('IT', 'Bob', 2), ('IT', 'Charlie', 3), ('Marketing', "
               "'David', 1)",
               "department,name,years_in_dept");
    PI_EX(c, 5); /* line 1293 */
    d5 = pi_group_agg(c, d4, (ember_column *[]){COL("department")}, 1,
                      (ember_column *[]){FN("max_by", COL("name"), COL("years_in_dept"))}, 1);
    d6 = pi_sort(c, d5, COL("department"), NULL);
    pi_show_n(c, d6, 20, 20, false);
    pi_tag(c, 7); /* line 1306 */
    d7 = pi_df(c, "department string, name string, years_in_dept long",
               "('Consult', 'Eva', 6), ('Finance', 'Frank', 5), ('Finance', 'George', 9), "
               "('Consult', 'Henry', 7)",
               "department,name,years_in_dept");
    PI_EX(c, 8); /* line 1310 */
    d8 = pi_group_agg(c, d7, (ember_column *[]){COL("department")}, 1,
                      (ember_column *[]){FN("max_by", COL("name"), COL("years_in_dept"))}, 1);
    d9 = pi_sort(c, d8, COL("department"), NULL);
    pi_show_n(c, d9, 20, 20, false);
    (void)d1;
    (void)d2;
    (void)d3;
    (void)d4;
    (void)d5;
    (void)d6;
    (void)d7;
    (void)d8;
    (void)d9;
}

/* pyspark.sql.connect.functions.builtin.mean (pyspark/sql/connect/functions/builtin.py:1246) */
static void pi_fn_mean(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3, *d4;
    pi_tag(c, 1); /* line 1270 */
    d1 = pi_df(c, "birth long, age long", "(1982, 15), (1990, 2)", "birth,age");
    PI_EX(c, 2); /* line 1271 */
    d2 = pi_select(c, d1, FN("avg", COL("age")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    pi_tag(c, 4); /* line 1281 */
    d3 = pi_df(c, "birth long, age long", "(1982, None), (1990, 2), (2000, 4)", "birth,age");
    PI_EX(c, 5); /* line 1282 */
    d4 = pi_select(c, d3, FN("avg", COL("age")), NULL);
    pi_show_n(c, d4, 20, 20, false);
    (void)d1;
    (void)d2;
    (void)d3;
    (void)d4;
}

/* pyspark.sql.connect.functions.builtin.median (pyspark/sql/connect/functions/builtin.py:1253) */
static void pi_fn_median(pi_ctx *c)
{
    ember_dataframe *d1, *d2;
    pi_tag(c, 1); /* line 1279 */
    d1 = pi_df(c, "course string, year long, earnings long",
               "('Java', 2012, 20000), ('dotNET', 2012, 5000), ('Java', 2012, 22000), ('dotNET', "
               "2012, 10000), ('dotNET', 2013, 48000), ('Java', 2013, 30000)",
               "course,year,earnings");
    PI_EX(c, 2); /* line 1284 */
    d2 = pi_group_agg(c, d1, (ember_column *[]){COL("course")}, 1,
                      (ember_column *[]){FN("median", COL("earnings"))}, 1);
    pi_show_n(c, d2, 20, 20, false);
    (void)d1;
    (void)d2;
}

/* pyspark.sql.connect.functions.builtin.min (pyspark/sql/connect/functions/builtin.py:1260) */
static void pi_fn_min(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3, *d4, *d5, *d6, *d7, *d8, *d9, *d10;
    pi_tag(c, 1); /* line 1289 */
    d1 = pi_range_p(c, 0LL, 10LL, 1LL, 0);
    PI_EX(c, 2); /* line 1290 */
    d2 = pi_select(c, d1, FN("min", DCOL(d1, "id")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    pi_tag(c, 4); /* line 1300 */
    d3 = pi_df(c, "name string", "('Alice',), ('Bob',), ('Charlie',)", "name");
    PI_EX(c, 5); /* line 1301 */
    d4 = pi_select(c, d3, FN("min", COL("name")), NULL);
    pi_show_n(c, d4, 20, 20, false);
    pi_tag(c, 7); /* line 1311 */
    d5 = pi_df(c, "value long", "(1,), (None,), (3,)", "value");
    PI_EX(c, 8); /* line 1312 */
    d6 = pi_select(c, d5, FN("min", COL("value")), NULL);
    pi_show_n(c, d6, 20, 20, false);
    pi_tag(c, 10); /* line 1322 */
    d7 =
        pi_df(c, "name string, value long", "('Alice', 1), ('Alice', 2), ('Bob', 3)", "name,value");
    PI_EX(c, 11); /* line 1323 */
    d8 = pi_group_agg(c, d7, (ember_column *[]){COL("name")}, 1,
                      (ember_column *[]){FN("min", COL("value"))}, 1);
    pi_show_n(c, d8, 20, 20, false);
    pi_tag(c, 13); /* line 1334 */
    d9 = pi_df(c, "name string, value1 long, value2 long",
               "('Alice', 1, 100), ('Bob', 2, 200), ('Charlie', 3, 300)", "name,value1,value2");
    PI_EX(c, 14); /* line 1337 */
    d10 = pi_select(c, d9, FN("min", COL("value1")), FN("min", COL("value2")), NULL);
    pi_show_n(c, d10, 20, 20, false);
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
}

/* pyspark.sql.connect.functions.builtin.min_by (pyspark/sql/connect/functions/builtin.py:1267) */
static void pi_fn_min_by(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3, *d4, *d5, *d6, *d7, *d8, *d9;
    pi_tag(c, 1); /* line 1302 */
    d1 = pi_df(c, "course string, year long, earnings long",
               "('Java', 2012, 20000), ('dotNET', 2012, 5000), ('dotNET', 2013, 48000), ('Java', "
               "2013, 30000)",
               "course,year,earnings");
    PI_EX(c, 2); /* line 1306 */
    d2 = pi_group_agg(c, d1, (ember_column *[]){COL("course")}, 1,
                      (ember_column *[]){FN("min_by", COL("year"), COL("earnings"))}, 1);
    d3 = pi_sort(c, d2, COL("course"), NULL);
    pi_show_n(c, d3, 20, 20, false);
    pi_tag(c, 4); /* line 1317 */
    d4 = pi_df(c, "department string, name string, years_in_dept long",
               "('Marketing', 'Anna', 4), ('IT', 'Bob', 2), ('IT', 'Charlie', 3), ('Marketing', "
               "'David', 1)",
               "department,name,years_in_dept");
    PI_EX(c, 5); /* line 1321 */
    d5 = pi_group_agg(c, d4, (ember_column *[]){COL("department")}, 1,
                      (ember_column *[]){FN("min_by", COL("name"), COL("years_in_dept"))}, 1);
    d6 = pi_sort(c, d5, COL("department"), NULL);
    pi_show_n(c, d6, 20, 20, false);
    pi_tag(c, 7); /* line 1334 */
    d7 = pi_df(c, "department string, name string, years_in_dept long",
               "('Consult', 'Eva', 6), ('Finance', 'Frank', 5), ('Finance', 'George', 9), "
               "('Consult', 'Henry', 7)",
               "department,name,years_in_dept");
    PI_EX(c, 8); /* line 1338 */
    d8 = pi_group_agg(c, d7, (ember_column *[]){COL("department")}, 1,
                      (ember_column *[]){FN("min_by", COL("name"), COL("years_in_dept"))}, 1);
    d9 = pi_sort(c, d8, COL("department"), NULL);
    pi_show_n(c, d9, 20, 20, false);
    (void)d1;
    (void)d2;
    (void)d3;
    (void)d4;
    (void)d5;
    (void)d6;
    (void)d7;
    (void)d8;
    (void)d9;
}

/* pyspark.sql.connect.functions.builtin.minute (pyspark/sql/connect/functions/builtin.py:3261) */
static void pi_fn_minute(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3, *d4, *d5, *d6, *d7;
    pi_tag(c, 1); /* line 3299 */
    d1 = pi_df(c, "ts string", "('2015-04-08 13:08:15',), ('2024-10-31 10:09:16',)", "ts");
    PI_EX(c, 2); /* line 3300 */
    d2 = pi_select(c, d1, COL("*"), FN("typeof", COL("ts")), FN("minute", COL("ts")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    pi_tag(c, 5); /* line 3312 */
    d3 = pi_df(c, "ts timestamp",
               "(datetime(2015, 4, 8, 13, 8, 15, 0),), (datetime(2024, 10, 31, 10, 9, 16, 0),)",
               "ts");
    PI_EX(c, 6); /* line 3315 */
    d4 = pi_select(c, d3, COL("*"), FN("typeof", COL("ts")), FN("minute", COL("ts")), NULL);
    pi_show_n(c, d4, 20, 20, false);
    pi_tag(c, 9); /* line 3327 */
    d5 = pi_df(c, "t string", "('13:08:15',), ('10:09:16',)", "t");
    d6 = pi_with_column(c, d5, "t", ember_cast(COL("t"), "time"));
    PI_EX(c, 10); /* line 3330 */
    d7 = pi_select(c, d6, COL("*"), FN("typeof", COL("t")), FN("minute", COL("t")), NULL);
    pi_show_n(c, d7, 20, 20, false);
    (void)d1;
    (void)d2;
    (void)d3;
    (void)d4;
    (void)d5;
    (void)d6;
    (void)d7;
}

/* pyspark.sql.connect.functions.builtin.mode (pyspark/sql/connect/functions/builtin.py:1274) */
static void pi_fn_mode(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3, *d4, *d5;
    pi_tag(c, 1); /* line 1301 */
    d1 = pi_df(c, "course string, year long, earnings long",
               "('Java', 2012, 20000), ('dotNET', 2012, 5000), ('Java', 2012, 20000), ('dotNET', "
               "2012, 5000), ('dotNET', 2013, 48000), ('Java', 2013, 30000)",
               "course,year,earnings");
    PI_EX(c, 2); /* line 1306 */
    d2 = pi_group_agg(c, d1, (ember_column *[]){COL("course")}, 1,
                      (ember_column *[]){FN("mode", COL("year"), LIT_B(false))}, 1);
    d3 = pi_sort(c, d2, COL("course"), NULL);
    pi_show_n(c, d3, 20, 20, false);
    pi_tag(c, 4); /* line 1319 */
    d4 = pi_df(c, "col long", "(-10,), (0,), (10,)", "col");
    PI_EX(c, 6); /* line 1327 */
    d5 = pi_select(c, d4, FN("mode", COL("col"), LIT_B(true)), NULL);
    pi_show_n(c, d5, 20, 20, false);
    (void)d1;
    (void)d2;
    (void)d3;
    (void)d4;
    (void)d5;
}

/* pyspark.sql.connect.functions.builtin.monotonically_increasing_id
 * (pyspark/sql/connect/functions/builtin.py:410) */
static void pi_fn_monotonically_increasing_id(pi_ctx *c)
{
    ember_dataframe *d1, *d2;
    PI_EX(c, 1); /* line 438 */
    d1 = pi_range_p(c, 0LL, 10LL, 1LL, 2);
    d2 = pi_select(c, d1, COL("*"), FN0("spark_partition_id"), FN0("monotonically_increasing_id"),
                   NULL);
    pi_show_n(c, d2, 20, 20, false);
    (void)d1;
    (void)d2;
}

/* pyspark.sql.connect.functions.builtin.monthname (pyspark/sql/connect/functions/builtin.py:3289)
 */
static void pi_fn_monthname(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3, *d4, *d5, *d6, *d7, *d8;
    pi_tag(c, 1); /* line 3314 */
    d1 = pi_df(c, "dt string", "('2015-04-08',), ('2024-10-31',)", "dt");
    PI_EX(c, 2); /* line 3315 */
    d2 = pi_select(c, d1, COL("*"), FN("typeof", COL("dt")), FN("monthname", COL("dt")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    pi_tag(c, 4); /* line 3326 */
    d3 = pi_df(c, "ts string", "('2015-04-08 13:08:15',), ('2024-10-31 10:09:16',)", "ts");
    PI_EX(c, 5); /* line 3327 */
    d4 = pi_select(c, d3, COL("*"), FN("typeof", COL("ts")), FN("monthname", COL("ts")), NULL);
    pi_show_n(c, d4, 20, 20, false);
    pi_tag(c, 8); /* line 3339 */
    d5 = pi_df(c, "dt date", "(date(2015, 4, 8),), (date(2024, 10, 31),)", "dt");
    PI_EX(c, 9); /* line 3342 */
    d6 = pi_select(c, d5, COL("*"), FN("typeof", COL("dt")), FN("monthname", COL("dt")), NULL);
    pi_show_n(c, d6, 20, 20, false);
    pi_tag(c, 12); /* line 3354 */
    d7 = pi_df(c, "ts timestamp",
               "(datetime(2015, 4, 8, 13, 8, 15, 0),), (datetime(2024, 10, 31, 10, 9, 16, 0),)",
               "ts");
    PI_EX(c, 13); /* line 3357 */
    d8 = pi_select(c, d7, COL("*"), FN("typeof", COL("ts")), FN("monthname", COL("ts")), NULL);
    pi_show_n(c, d8, 20, 20, false);
    (void)d1;
    (void)d2;
    (void)d3;
    (void)d4;
    (void)d5;
    (void)d6;
    (void)d7;
    (void)d8;
}

/* pyspark.sql.connect.functions.builtin.months_between
 * (pyspark/sql/connect/functions/builtin.py:3388) */
static void pi_fn_months_between(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3, *d4;
    pi_tag(c, 1); /* line 3417 */
    d1 = pi_df(c, "d1 string, d2 string", "('1997-02-28 10:30:00', '1996-10-30')", "d1,d2");
    PI_EX(c, 2); /* line 3418 */
    d2 = pi_select(c, d1, COL("*"),
                   FN("months_between", DCOL(d1, "d1"), DCOL(d1, "d2"), LIT_B(true)), NULL);
    pi_show_n(c, d2, 20, 20, false);
    PI_EX(c, 3); /* line 3425 */
    d3 = pi_select(c, d1, COL("*"), FN("months_between", COL("d2"), COL("d1"), LIT_B(true)), NULL);
    pi_show_n(c, d3, 20, 20, false);
    PI_EX(c, 4); /* line 3432 */
    d4 = pi_select(c, d1, COL("*"), FN("months_between", COL("d1"), DCOL(d1, "d2"), LIT_B(false)),
                   NULL);
    pi_show_n(c, d4, 20, 20, false);
    (void)d1;
    (void)d2;
    (void)d3;
    (void)d4;
}

/* pyspark.sql.connect.functions.builtin.named_struct
 * (pyspark/sql/connect/functions/builtin.py:2358) */
static void pi_fn_named_struct(pi_ctx *c)
{
    ember_dataframe *d1, *d2;
    pi_tag(c, 1); /* line 2379 */
    d1 = pi_df(c, "a long, b long", "(1, 2)", "a,b");
    PI_EX(c, 2); /* line 2380 */
    d2 = pi_select(c, d1, COL("*"),
                   FN("named_struct", LIT_S("x"), DCOL(d1, "a"), LIT_S("y"), COL("b")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    (void)d1;
    (void)d2;
}

/* pyspark.sql.connect.functions.builtin.nanvl (pyspark/sql/connect/functions/builtin.py:410) */
static void pi_fn_nanvl(pi_ctx *c)
{
    ember_dataframe *d1, *d2;
    pi_tag(c, 1); /* line 434 */
    d1 = pi_df(c, "a double, b double", "(1.0, float('nan')), (float('nan'), 2.0)", "a,b");
    PI_EX(c, 2); /* line 435 */
    d2 = pi_select(c, d1, COL("*"), FN("nanvl", COL("a"), COL("b")),
                   FN("nanvl", DCOL(d1, "a"), DCOL(d1, "b")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    (void)d1;
    (void)d2;
}

/* pyspark.sql.connect.functions.builtin.next_day (pyspark/sql/connect/functions/builtin.py:3590) */
static void pi_fn_next_day(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3;
    pi_tag(c, 1); /* line 3615 */
    d1 = pi_df(c, "dt string", "('2015-07-27',)", "dt");
    PI_EX(c, 2); /* line 3616 */
    d2 = pi_select(c, d1, COL("*"), FN("next_day", DCOL(d1, "dt"), LIT_S("Sun")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    PI_EX(c, 3); /* line 3623 */
    d3 = pi_select(c, d1, COL("*"), FN("next_day", COL("dt"), LIT_S("Sat")), NULL);
    pi_show_n(c, d3, 20, 20, false);
    (void)d1;
    (void)d2;
    (void)d3;
}

/* pyspark.sql.connect.functions.builtin.nth_value (pyspark/sql/connect/functions/builtin.py:1564)
 */
static void pi_fn_nth_value(pi_ctx *c)
{
    ember_dataframe *d1;
    pi_tag(c, 2); /* line 1597 */
    d1 =
        pi_df(c, "c1 string, c2 long", "('a', 1), ('a', 2), ('a', 3), ('b', 8), ('b', 2)", "c1,c2");
    PI_EX(c, 3); /* line 1599 */
    pi_show_n(c, d1, 20, 20, false);
    (void)d1;
}

/* pyspark.sql.connect.functions.builtin.nullifzero (pyspark/sql/connect/functions/builtin.py:4762)
 */
static void pi_fn_nullifzero(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3;
    pi_tag(c, 1); /* line 4774 */
    d1 = pi_df(c, "a long", "(0,), (1,)", "a");
    PI_EX(c, 2); /* line 4775 */
    d2 = pi_select(c, d1, COL("*"), FN("nullifzero", DCOL(d1, "a")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    PI_EX(c, 3); /* line 4783 */
    d3 = pi_select(c, d1, COL("*"), FN("nullifzero", COL("a")), NULL);
    pi_show_n(c, d3, 20, 20, false);
    (void)d1;
    (void)d2;
    (void)d3;
}

/* pyspark.sql.connect.functions.builtin.nvl2 (pyspark/sql/connect/functions/builtin.py:4776) */
static void pi_fn_nvl2(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3;
    pi_tag(c, 1); /* line 4790 */
    d1 = pi_df(c, "a long, b long, c long", "(None, 8, 6), (1, 9, 9)", "a,b,c");
    PI_EX(c, 2); /* line 4791 */
    d2 = pi_select(c, d1, COL("*"), FN("nvl2", DCOL(d1, "a"), DCOL(d1, "b"), DCOL(d1, "c")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    PI_EX(c, 3); /* line 4799 */
    d3 = pi_select(c, d1, COL("*"), FN("nvl2", COL("a"), COL("b"), COL("c")), NULL);
    pi_show_n(c, d3, 20, 20, false);
    (void)d1;
    (void)d2;
    (void)d3;
}

/* pyspark.sql.connect.functions.builtin.parse_url (pyspark/sql/connect/functions/builtin.py:2887)
 */
static void pi_fn_parse_url(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3, *d4, *d5, *d6, *d7, *d8, *d9, *d10;
    pi_tag(c, 1); /* line 2912 */
    d1 = pi_df(c, "url string, part string", "('https://spark.apache.org/path?query=1', 'QUERY')",
               "url,part");
    PI_EX(c, 2); /* line 2916 */
    d2 = pi_select(c, d1, FN("parse_url", DCOL(d1, "url"), DCOL(d1, "part")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    pi_tag(c, 4); /* line 2926 */
    d3 = pi_df(c, "url string, part string, key string",
               "('https://spark.apache.org/path?query=1', 'QUERY', 'query')", "url,part,key");
    PI_EX(c, 5); /* line 2930 */
    d4 =
        pi_select(c, d3, FN("parse_url", DCOL(d3, "url"), DCOL(d3, "part"), DCOL(d3, "key")), NULL);
    pi_show_n(c, d4, 20, 20, false);
    pi_tag(c, 7); /* line 2940 */
    d5 = pi_df(c, "url string, part string",
               "('https://spark.apache.org/path?query=1', 'PROTOCOL')", "url,part");
    PI_EX(c, 8); /* line 2944 */
    d6 = pi_select(c, d5, FN("parse_url", DCOL(d5, "url"), DCOL(d5, "part")), NULL);
    pi_show_n(c, d6, 20, 20, false);
    pi_tag(c, 10); /* line 2954 */
    d7 = pi_df(c, "url string, part string", "('https://spark.apache.org/path?query=1', 'HOST')",
               "url,part");
    PI_EX(c, 11); /* line 2958 */
    d8 = pi_select(c, d7, FN("parse_url", DCOL(d7, "url"), DCOL(d7, "part")), NULL);
    pi_show_n(c, d8, 20, 20, false);
    pi_tag(c, 13); /* line 2968 */
    d9 = pi_df(c, "url string, part string", "('https://spark.apache.org/path?query=1', 'PATH')",
               "url,part");
    PI_EX(c, 14); /* line 2972 */
    d10 = pi_select(c, d9, FN("parse_url", DCOL(d9, "url"), DCOL(d9, "part")), NULL);
    pi_show_n(c, d10, 20, 20, false);
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
}

/* pyspark.sql.connect.functions.builtin.pi (pyspark/sql/connect/functions/builtin.py:778) */
static void pi_fn_pi(pi_ctx *c)
{
    ember_dataframe *d1, *d2;
    PI_EX(c, 1); /* line 785 */
    d1 = pi_range_p(c, 0LL, 1LL, 1LL, 0);
    d2 = pi_select(c, d1, FN0("pi"), NULL);
    pi_show_n(c, d2, 20, 20, false);
    (void)d1;
    (void)d2;
}

/* pyspark.sql.connect.functions.builtin.posexplode_outer
 * (pyspark/sql/connect/functions/builtin.py:2217) */
static void pi_fn_posexplode_outer(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3, *d4;
    PI_EX(c, 1); /* line 2251 */
    d1 = pi_sql(c, "SELECT * FROM VALUES (1,ARRAY(1,2,3,NULL)), (2,ARRAY()), (3,NULL) AS t(i,a)");
    PI_EX(c, 2); /* line 2252 */
    d2 = pi_select(c, d1, COL("*"), FN("posexplode_outer", COL("a")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    PI_EX(c, 4); /* line 2267 */
    d3 = pi_sql(c, "SELECT * FROM VALUES (1,MAP(1,2,3,4,5,NULL)), (2,MAP()), (3,NULL) AS t(i,m)");
    PI_EX(c, 5); /* line 2268 */
    d4 = pi_select(c, d3, COL("*"), FN("posexplode_outer", COL("m")), NULL);
    pi_show_n(c, d4, 20, 0, false);
    (void)d1;
    (void)d2;
    (void)d3;
    (void)d4;
}

/* pyspark.sql.connect.functions.builtin.positive (pyspark/sql/connect/functions/builtin.py:778) */
static void pi_fn_positive(pi_ctx *c)
{
    ember_dataframe *d1, *d2;
    pi_tag(c, 1); /* line 796 */
    d1 = pi_df(c, "value long", "(-1,), (0,), (1,)", "value");
    PI_EX(c, 2); /* line 797 */
    d2 = pi_select(c, d1, COL("*"), FN("positive", DCOL(d1, "value")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    (void)d1;
    (void)d2;
}

/* pyspark.sql.connect.functions.builtin.pow (pyspark/sql/connect/functions/builtin.py:816) */
static void pi_fn_pow(pi_ctx *c)
{
    ember_dataframe *d1, *d2;
    PI_EX(c, 1); /* line 839 */
    d1 = pi_range_p(c, 0LL, 5LL, 1LL, 0);
    d2 = pi_select(c, d1, COL("*"), FN("power", COL("id"), LIT_I(2)), NULL);
    pi_show_n(c, d2, 20, 20, false);
    (void)d1;
    (void)d2;
}

/* pyspark.sql.connect.functions.builtin.printf (pyspark/sql/connect/functions/builtin.py:2910) */
static void pi_fn_printf(pi_ctx *c)
{
    ember_dataframe *d1, *d2;
    PI_EX(c, 1); /* line 2925 */
    d1 = pi_df(c, "a string, b long, c string", "('aa%d%s', 123, 'cc')", "a,b,c");
    d2 = pi_select(c, d1, FN("printf", COL("a"), COL("b"), COL("c")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    (void)d1;
    (void)d2;
}

/* pyspark.sql.connect.functions.builtin.quarter (pyspark/sql/connect/functions/builtin.py:3212) */
static void pi_fn_quarter(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3, *d4, *d5, *d6, *d7, *d8;
    pi_tag(c, 1); /* line 3247 */
    d1 = pi_df(c, "dt string", "('2015-04-08',), ('2024-10-31',)", "dt");
    PI_EX(c, 2); /* line 3248 */
    d2 = pi_select(c, d1, COL("*"), FN("typeof", COL("dt")), FN("quarter", COL("dt")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    pi_tag(c, 4); /* line 3259 */
    d3 = pi_df(c, "ts string", "('2015-04-08 13:08:15',), ('2024-10-31 10:09:16',)", "ts");
    PI_EX(c, 5); /* line 3260 */
    d4 = pi_select(c, d3, COL("*"), FN("typeof", COL("ts")), FN("quarter", COL("ts")), NULL);
    pi_show_n(c, d4, 20, 20, false);
    pi_tag(c, 8); /* line 3272 */
    d5 = pi_df(c, "dt date", "(date(2015, 4, 8),), (date(2024, 10, 31),)", "dt");
    PI_EX(c, 9); /* line 3275 */
    d6 = pi_select(c, d5, COL("*"), FN("typeof", COL("dt")), FN("quarter", COL("dt")), NULL);
    pi_show_n(c, d6, 20, 20, false);
    pi_tag(c, 12); /* line 3287 */
    d7 = pi_df(c, "ts timestamp",
               "(datetime(2015, 4, 8, 13, 8, 15, 0),), (datetime(2024, 10, 31, 10, 9, 16, 0),)",
               "ts");
    PI_EX(c, 13); /* line 3290 */
    d8 = pi_select(c, d7, COL("*"), FN("typeof", COL("ts")), FN("quarter", COL("ts")), NULL);
    pi_show_n(c, d8, 20, 20, false);
    (void)d1;
    (void)d2;
    (void)d3;
    (void)d4;
    (void)d5;
    (void)d6;
    (void)d7;
    (void)d8;
}

/* pyspark.sql.connect.functions.builtin.radians (pyspark/sql/connect/functions/builtin.py:816) */
static void pi_fn_radians(pi_ctx *c)
{
    ember_dataframe *d1, *d2;
    PI_EX(c, 1); /* line 838 */
    d1 = pi_sql(c, "SELECT * FROM VALUES (180), (90), (45), (0) AS TAB(value)");
    d2 = pi_select(c, d1, COL("*"), FN("radians", COL("value")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    (void)d1;
    (void)d2;
}

/* pyspark.sql.connect.functions.builtin.rand (pyspark/sql/connect/functions/builtin.py:454) */
static void pi_fn_rand(pi_ctx *c)
{
    ember_dataframe *d1, *d2;
    PI_EX(c, 2); /* line 497 */
    d1 = pi_range_p(c, 0LL, 2LL, 1LL, 1);
    d2 = pi_select(c, d1, COL("*"), FN("rand", LIT_I(42)), NULL);
    pi_show_n(c, d2, 20, 20, false);
    (void)d1;
    (void)d2;
}

/* pyspark.sql.connect.functions.builtin.randn (pyspark/sql/connect/functions/builtin.py:454) */
static void pi_fn_randn(pi_ctx *c)
{
    ember_dataframe *d1, *d2;
    PI_EX(c, 2); /* line 497 */
    d1 = pi_range_p(c, 0LL, 2LL, 1LL, 1);
    d2 = pi_select(c, d1, COL("*"), FN("randn", LIT_I(42)), NULL);
    pi_show_n(c, d2, 20, 20, false);
    (void)d1;
    (void)d2;
}

/* pyspark.sql.connect.functions.builtin.randstr (pyspark/sql/connect/functions/builtin.py:2719) */
static void pi_fn_randstr(pi_ctx *c)
{
    ember_dataframe *d1, *d2;
    PI_EX(c, 1); /* line 2745 */
    d1 = pi_range_p(c, 0LL, 10LL, 1LL, 1);
    d2 = pi_select(c, d1, FN("randstr", LIT_I(16), LIT_I(3)), NULL);
    pi_show_n(c, d2, 20, 20, false);
    (void)d1;
    (void)d2;
}

/* pyspark.sql.connect.functions.builtin.regexp (pyspark/sql/connect/functions/builtin.py:2702) */
static void pi_fn_regexp(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3, *d4, *d5, *d6;
    PI_EX(c, 1); /* line 2721 */
    d1 = pi_df(c, "str string, regexp string", "('1a 2b 14m', '(\\\\d+)')", "str,regexp");
    d2 = pi_select(c, d1, FN("regexp", COL("str"), LIT_S("(\\d+)")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    PI_EX(c, 3); /* line 2731 */
    d3 = pi_df(c, "str string, regexp string", "('1a 2b 14m', '(\\\\d+)')", "str,regexp");
    d4 = pi_select(c, d3, FN("regexp", COL("str"), LIT_S("\\d{2}b")), NULL);
    pi_show_n(c, d4, 20, 20, false);
    PI_EX(c, 5); /* line 2741 */
    d5 = pi_df(c, "str string, regexp string", "('1a 2b 14m', '(\\\\d+)')", "str,regexp");
    d6 = pi_select(c, d5, FN("regexp", COL("str"), COL("regexp")), NULL);
    pi_show_n(c, d6, 20, 20, false);
    (void)d1;
    (void)d2;
    (void)d3;
    (void)d4;
    (void)d5;
    (void)d6;
}

/* pyspark.sql.connect.functions.builtin.regexp_count
 * (pyspark/sql/connect/functions/builtin.py:2728) */
static void pi_fn_regexp_count(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3, *d4, *d5;
    pi_tag(c, 1); /* line 2748 */
    d1 = pi_df(c, "str string, regexp string", "('1a 2b 14m', '\\\\d+')", "str,regexp");
    PI_EX(c, 2); /* line 2749 */
    d2 = pi_select(c, d1, COL("*"), FN("regexp_count", COL("str"), LIT_S("\\d+")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    PI_EX(c, 3); /* line 2756 */
    d3 = pi_select(c, d1, COL("*"), FN("regexp_count", COL("str"), LIT_S("mmm")), NULL);
    pi_show_n(c, d3, 20, 20, false);
    PI_EX(c, 4); /* line 2763 */
    d4 = pi_select(c, d1, COL("*"), FN("regexp_count", COL("str"), COL("regexp")), NULL);
    pi_show_n(c, d4, 20, 20, false);
    PI_EX(c, 5); /* line 2770 */
    d5 = pi_select(c, d1, COL("*"), FN("regexp_count", COL("str"), COL("regexp")), NULL);
    pi_show_n(c, d5, 20, 20, false);
    (void)d1;
    (void)d2;
    (void)d3;
    (void)d4;
    (void)d5;
}

/* pyspark.sql.connect.functions.builtin.regexp_extract_all
 * (pyspark/sql/connect/functions/builtin.py:2743) */
static void pi_fn_regexp_extract_all(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3, *d4, *d5, *d6;
    pi_tag(c, 1); /* line 2769 */
    d1 = pi_df(c, "str string, regexp string", "('100-200, 300-400', '(\\\\d+)-(\\\\d+)')",
               "str,regexp");
    PI_EX(c, 2); /* line 2770 */
    d2 = pi_select(c, d1, COL("*"), FN("regexp_extract_all", COL("str"), LIT_S("(\\d+)-(\\d+)")),
                   NULL);
    pi_show_n(c, d2, 20, 20, false);
    PI_EX(c, 3); /* line 2777 */
    d3 = pi_select(c, d1, COL("*"),
                   FN("regexp_extract_all", COL("str"), LIT_S("(\\d+)-(\\d+)"), LIT_I(1)), NULL);
    pi_show_n(c, d3, 20, 20, false);
    PI_EX(c, 4); /* line 2784 */
    d4 = pi_select(c, d1, COL("*"),
                   FN("regexp_extract_all", COL("str"), LIT_S("(\\d+)-(\\d+)"), LIT_I(2)), NULL);
    pi_show_n(c, d4, 20, 20, false);
    PI_EX(c, 5); /* line 2791 */
    d5 = pi_select(c, d1, COL("*"), FN("regexp_extract_all", COL("str"), COL("regexp")), NULL);
    pi_show_n(c, d5, 20, 20, false);
    PI_EX(c, 6); /* line 2798 */
    d6 = pi_select(c, d1, COL("*"), FN("regexp_extract_all", COL("str"), COL("regexp")), NULL);
    pi_show_n(c, d6, 20, 20, false);
    (void)d1;
    (void)d2;
    (void)d3;
    (void)d4;
    (void)d5;
    (void)d6;
}

/* pyspark.sql.connect.functions.builtin.regexp_like (pyspark/sql/connect/functions/builtin.py:2709)
 */
static void pi_fn_regexp_like(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3, *d4, *d5, *d6;
    PI_EX(c, 1); /* line 2728 */
    d1 = pi_df(c, "str string, regexp string", "('1a 2b 14m', '(\\\\d+)')", "str,regexp");
    d2 = pi_select(c, d1, FN("regexp_like", COL("str"), LIT_S("(\\d+)")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    PI_EX(c, 3); /* line 2738 */
    d3 = pi_df(c, "str string, regexp string", "('1a 2b 14m', '(\\\\d+)')", "str,regexp");
    d4 = pi_select(c, d3, FN("regexp_like", COL("str"), LIT_S("\\d{2}b")), NULL);
    pi_show_n(c, d4, 20, 20, false);
    PI_EX(c, 5); /* line 2748 */
    d5 = pi_df(c, "str string, regexp string", "('1a 2b 14m', '(\\\\d+)')", "str,regexp");
    d6 = pi_select(c, d5, FN("regexp_like", COL("str"), COL("regexp")), NULL);
    pi_show_n(c, d6, 20, 20, false);
    (void)d1;
    (void)d2;
    (void)d3;
    (void)d4;
    (void)d5;
    (void)d6;
}

/* pyspark.sql.connect.functions.builtin.regexp_replace
 * (pyspark/sql/connect/functions/builtin.py:2755) */
static void pi_fn_regexp_replace(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3;
    pi_tag(c, 1); /* line 2779 */
    d1 = pi_df(c, "str string, pattern string, replacement string", "('100-200', '(\\\\d+)', '--')",
               "str,pattern,replacement");
    PI_EX(c, 2); /* line 2788 */
    d2 = pi_select(c, d1, COL("*"), FN("regexp_replace", COL("str"), LIT_S("(\\d+)"), LIT_S("--")),
                   NULL);
    pi_show_n(c, d2, 20, 20, false);
    PI_EX(c, 3); /* line 2799 */
    d3 = pi_select(c, d1, COL("*"),
                   FN("regexp_replace", COL("str"), COL("pattern"), COL("replacement")), NULL);
    pi_show_n(c, d3, 20, 20, false);
    (void)d1;
    (void)d2;
    (void)d3;
}

/* pyspark.sql.connect.functions.builtin.regexp_substr
 * (pyspark/sql/connect/functions/builtin.py:2763) */
static void pi_fn_regexp_substr(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3, *d4, *d5;
    pi_tag(c, 1); /* line 2783 */
    d1 = pi_df(c, "str string, regexp string", "('1a 2b 14m', '\\\\d+')", "str,regexp");
    PI_EX(c, 2); /* line 2788 */
    d2 = pi_select(c, d1, COL("*"), FN("regexp_substr", COL("str"), LIT_S("\\d+")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    PI_EX(c, 3); /* line 2798 */
    d3 = pi_select(c, d1, COL("*"), FN("regexp_substr", COL("str"), LIT_S("mmm")), NULL);
    pi_show_n(c, d3, 20, 20, false);
    PI_EX(c, 4); /* line 2808 */
    d4 = pi_select(c, d1, COL("*"), FN("regexp_substr", COL("str"), COL("regexp")), NULL);
    pi_show_n(c, d4, 20, 20, false);
    PI_EX(c, 5); /* line 2818 */
    d5 = pi_select(c, d1, COL("*"), FN("regexp_substr", COL("str"), COL("regexp")), NULL);
    pi_show_n(c, d5, 20, 20, false);
    (void)d1;
    (void)d2;
    (void)d3;
    (void)d4;
    (void)d5;
}

/* pyspark.sql.connect.functions.builtin.regr_avgy (pyspark/sql/connect/functions/builtin.py:1408)
 */
static void pi_fn_regr_avgy(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3, *d4, *d5, *d6, *d7, *d8, *d9, *d10;
    PI_EX(c, 1); /* line 1441 */
    d1 = pi_sql(c, "SELECT * FROM VALUES (1, 2), (2, 2), (2, 3), (2, 4) AS tab(y, x)");
    PI_EX(c, 2); /* line 1442 */
    d2 = pi_select(c, d1, FN("regr_avgy", COL("y"), COL("x")), FN("avg", COL("y")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    PI_EX(c, 4); /* line 1452 */
    d3 = pi_sql(c, "SELECT * FROM VALUES (1, null) AS tab(y, x)");
    PI_EX(c, 5); /* line 1453 */
    d4 = pi_select(c, d3, FN("regr_avgy", COL("y"), COL("x")), FN("avg", COL("y")), NULL);
    pi_show_n(c, d4, 20, 20, false);
    PI_EX(c, 7); /* line 1463 */
    d5 = pi_sql(c, "SELECT * FROM VALUES (null, 1) AS tab(y, x)");
    PI_EX(c, 8); /* line 1464 */
    d6 = pi_select(c, d5, FN("regr_avgy", COL("y"), COL("x")), FN("avg", COL("y")), NULL);
    pi_show_n(c, d6, 20, 20, false);
    PI_EX(c, 10); /* line 1474 */
    d7 = pi_sql(c, "SELECT * FROM VALUES (1, 2), (2, null), (2, 3), (2, 4) AS tab(y, x)");
    PI_EX(c, 11); /* line 1475 */
    d8 = pi_select(c, d7, FN("regr_avgy", COL("y"), COL("x")), FN("avg", COL("y")), NULL);
    pi_show_n(c, d8, 20, 20, false);
    PI_EX(c, 13); /* line 1485 */
    d9 = pi_sql(c, "SELECT * FROM VALUES (1, 2), (2, null), (null, 3), (2, 4) AS tab(y, x)");
    PI_EX(c, 14); /* line 1486 */
    d10 = pi_select(c, d9, FN("regr_avgy", COL("y"), COL("x")), FN("avg", COL("y")), NULL);
    pi_show_n(c, d10, 20, 20, false);
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
}

/* pyspark.sql.connect.functions.builtin.regr_count (pyspark/sql/connect/functions/builtin.py:1415)
 */
static void pi_fn_regr_count(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3, *d4, *d5, *d6, *d7, *d8, *d9, *d10;
    PI_EX(c, 1); /* line 1448 */
    d1 = pi_sql(c, "SELECT * FROM VALUES (1, 2), (2, 2), (2, 3), (2, 4) AS tab(y, x)");
    PI_EX(c, 2); /* line 1449 */
    d2 = pi_select(c, d1, FN("regr_count", COL("y"), COL("x")), FN("count", LIT_I(0)), NULL);
    pi_show_n(c, d2, 20, 20, false);
    PI_EX(c, 4); /* line 1459 */
    d3 = pi_sql(c, "SELECT * FROM VALUES (1, null) AS tab(y, x)");
    PI_EX(c, 5); /* line 1460 */
    d4 = pi_select(c, d3, FN("regr_count", COL("y"), COL("x")), FN("count", LIT_I(0)), NULL);
    pi_show_n(c, d4, 20, 20, false);
    PI_EX(c, 7); /* line 1470 */
    d5 = pi_sql(c, "SELECT * FROM VALUES (null, 1) AS tab(y, x)");
    PI_EX(c, 8); /* line 1471 */
    d6 = pi_select(c, d5, FN("regr_count", COL("y"), COL("x")), FN("count", LIT_I(0)), NULL);
    pi_show_n(c, d6, 20, 20, false);
    PI_EX(c, 10); /* line 1481 */
    d7 = pi_sql(c, "SELECT * FROM VALUES (1, 2), (2, null), (2, 3), (2, 4) AS tab(y, x)");
    PI_EX(c, 11); /* line 1482 */
    d8 = pi_select(c, d7, FN("regr_count", COL("y"), COL("x")), FN("count", LIT_I(0)), NULL);
    pi_show_n(c, d8, 20, 20, false);
    PI_EX(c, 13); /* line 1492 */
    d9 = pi_sql(c, "SELECT * FROM VALUES (1, 2), (2, null), (null, 3), (2, 4) AS tab(y, x)");
    PI_EX(c, 14); /* line 1493 */
    d10 = pi_select(c, d9, FN("regr_count", COL("y"), COL("x")), FN("count", LIT_I(0)), NULL);
    pi_show_n(c, d10, 20, 20, false);
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
}

/* pyspark.sql.connect.functions.builtin.regr_intercept
 * (pyspark/sql/connect/functions/builtin.py:1422) */
static void pi_fn_regr_intercept(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3, *d4, *d5, *d6, *d7, *d8, *d9, *d10;
    PI_EX(c, 1); /* line 1456 */
    d1 = pi_sql(c, "SELECT * FROM VALUES (1, 1), (2, 2), (3, 3), (4, 4) AS tab(y, x)");
    PI_EX(c, 2); /* line 1457 */
    d2 = pi_select(c, d1, FN("regr_intercept", COL("y"), COL("x")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    PI_EX(c, 4); /* line 1467 */
    d3 = pi_sql(c, "SELECT * FROM VALUES (1, null) AS tab(y, x)");
    PI_EX(c, 5); /* line 1468 */
    d4 = pi_select(c, d3, FN("regr_intercept", COL("y"), COL("x")), NULL);
    pi_show_n(c, d4, 20, 20, false);
    PI_EX(c, 7); /* line 1478 */
    d5 = pi_sql(c, "SELECT * FROM VALUES (null, 1) AS tab(y, x)");
    PI_EX(c, 8); /* line 1479 */
    d6 = pi_select(c, d5, FN("regr_intercept", COL("y"), COL("x")), NULL);
    pi_show_n(c, d6, 20, 20, false);
    PI_EX(c, 10); /* line 1489 */
    d7 = pi_sql(c, "SELECT * FROM VALUES (1, 1), (2, null), (3, 3), (4, 4) AS tab(y, x)");
    PI_EX(c, 11); /* line 1490 */
    d8 = pi_select(c, d7, FN("regr_intercept", COL("y"), COL("x")), NULL);
    pi_show_n(c, d8, 20, 20, false);
    PI_EX(c, 13); /* line 1500 */
    d9 = pi_sql(c, "SELECT * FROM VALUES (1, 1), (2, null), (null, 3), (4, 4) AS tab(y, x)");
    PI_EX(c, 14); /* line 1501 */
    d10 = pi_select(c, d9, FN("regr_intercept", COL("y"), COL("x")), NULL);
    pi_show_n(c, d10, 20, 20, false);
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
}

/* pyspark.sql.connect.functions.builtin.regr_slope (pyspark/sql/connect/functions/builtin.py:1436)
 */
static void pi_fn_regr_slope(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3, *d4, *d5, *d6, *d7, *d8, *d9, *d10;
    PI_EX(c, 1); /* line 1469 */
    d1 = pi_sql(c, "SELECT * FROM VALUES (1, 1), (2, 2), (3, 3), (4, 4) AS tab(y, x)");
    PI_EX(c, 2); /* line 1470 */
    d2 = pi_select(c, d1, FN("regr_slope", COL("y"), COL("x")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    PI_EX(c, 4); /* line 1480 */
    d3 = pi_sql(c, "SELECT * FROM VALUES (1, null) AS tab(y, x)");
    PI_EX(c, 5); /* line 1481 */
    d4 = pi_select(c, d3, FN("regr_slope", COL("y"), COL("x")), NULL);
    pi_show_n(c, d4, 20, 20, false);
    PI_EX(c, 7); /* line 1491 */
    d5 = pi_sql(c, "SELECT * FROM VALUES (null, 1) AS tab(y, x)");
    PI_EX(c, 8); /* line 1492 */
    d6 = pi_select(c, d5, FN("regr_slope", COL("y"), COL("x")), NULL);
    pi_show_n(c, d6, 20, 20, false);
    PI_EX(c, 10); /* line 1502 */
    d7 = pi_sql(c, "SELECT * FROM VALUES (1, 1), (2, null), (3, 3), (4, 4) AS tab(y, x)");
    PI_EX(c, 11); /* line 1503 */
    d8 = pi_select(c, d7, FN("regr_slope", COL("y"), COL("x")), NULL);
    pi_show_n(c, d8, 20, 20, false);
    PI_EX(c, 13); /* line 1513 */
    d9 = pi_sql(c, "SELECT * FROM VALUES (1, 1), (2, null), (null, 3), (4, 4) AS tab(y, x)");
    PI_EX(c, 14); /* line 1514 */
    d10 = pi_select(c, d9, FN("regr_slope", COL("y"), COL("x")), NULL);
    pi_show_n(c, d10, 20, 20, false);
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
}

/* pyspark.sql.connect.functions.builtin.regr_sxx (pyspark/sql/connect/functions/builtin.py:1443) */
static void pi_fn_regr_sxx(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3, *d4, *d5, *d6, *d7, *d8, *d9, *d10;
    PI_EX(c, 1); /* line 1476 */
    d1 = pi_sql(c, "SELECT * FROM VALUES (1, 1), (2, 2), (3, 3), (4, 4) AS tab(y, x)");
    PI_EX(c, 2); /* line 1477 */
    d2 = pi_select(c, d1, FN("regr_sxx", COL("y"), COL("x")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    PI_EX(c, 4); /* line 1487 */
    d3 = pi_sql(c, "SELECT * FROM VALUES (1, null) AS tab(y, x)");
    PI_EX(c, 5); /* line 1488 */
    d4 = pi_select(c, d3, FN("regr_sxx", COL("y"), COL("x")), NULL);
    pi_show_n(c, d4, 20, 20, false);
    PI_EX(c, 7); /* line 1498 */
    d5 = pi_sql(c, "SELECT * FROM VALUES (null, 1) AS tab(y, x)");
    PI_EX(c, 8); /* line 1499 */
    d6 = pi_select(c, d5, FN("regr_sxx", COL("y"), COL("x")), NULL);
    pi_show_n(c, d6, 20, 20, false);
    PI_EX(c, 10); /* line 1509 */
    d7 = pi_sql(c, "SELECT * FROM VALUES (1, 1), (2, null), (3, 3), (4, 4) AS tab(y, x)");
    PI_EX(c, 11); /* line 1510 */
    d8 = pi_select(c, d7, FN("regr_sxx", COL("y"), COL("x")), NULL);
    pi_show_n(c, d8, 20, 20, false);
    PI_EX(c, 13); /* line 1520 */
    d9 = pi_sql(c, "SELECT * FROM VALUES (1, 1), (2, null), (null, 3), (4, 4) AS tab(y, x)");
    PI_EX(c, 14); /* line 1521 */
    d10 = pi_select(c, d9, FN("regr_sxx", COL("y"), COL("x")), NULL);
    pi_show_n(c, d10, 20, 20, false);
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
}

/* pyspark.sql.connect.functions.builtin.regr_sxy (pyspark/sql/connect/functions/builtin.py:1450) */
static void pi_fn_regr_sxy(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3, *d4, *d5, *d6, *d7, *d8, *d9, *d10;
    PI_EX(c, 1); /* line 1483 */
    d1 = pi_sql(c, "SELECT * FROM VALUES (1, 1), (2, 2), (3, 3), (4, 4) AS tab(y, x)");
    PI_EX(c, 2); /* line 1484 */
    d2 = pi_select(c, d1, FN("regr_sxy", COL("y"), COL("x")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    PI_EX(c, 4); /* line 1494 */
    d3 = pi_sql(c, "SELECT * FROM VALUES (1, null) AS tab(y, x)");
    PI_EX(c, 5); /* line 1495 */
    d4 = pi_select(c, d3, FN("regr_sxy", COL("y"), COL("x")), NULL);
    pi_show_n(c, d4, 20, 20, false);
    PI_EX(c, 7); /* line 1505 */
    d5 = pi_sql(c, "SELECT * FROM VALUES (null, 1) AS tab(y, x)");
    PI_EX(c, 8); /* line 1506 */
    d6 = pi_select(c, d5, FN("regr_sxy", COL("y"), COL("x")), NULL);
    pi_show_n(c, d6, 20, 20, false);
    PI_EX(c, 10); /* line 1516 */
    d7 = pi_sql(c, "SELECT * FROM VALUES (1, 1), (2, null), (3, 3), (4, 4) AS tab(y, x)");
    PI_EX(c, 11); /* line 1517 */
    d8 = pi_select(c, d7, FN("regr_sxy", COL("y"), COL("x")), NULL);
    pi_show_n(c, d8, 20, 20, false);
    PI_EX(c, 13); /* line 1527 */
    d9 = pi_sql(c, "SELECT * FROM VALUES (1, 1), (2, null), (null, 3), (4, 4) AS tab(y, x)");
    PI_EX(c, 14); /* line 1528 */
    d10 = pi_select(c, d9, FN("regr_sxy", COL("y"), COL("x")), NULL);
    pi_show_n(c, d10, 20, 20, false);
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
}

/* pyspark.sql.connect.functions.builtin.regr_syy (pyspark/sql/connect/functions/builtin.py:1457) */
static void pi_fn_regr_syy(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3, *d4, *d5, *d6, *d7, *d8, *d9, *d10;
    PI_EX(c, 1); /* line 1490 */
    d1 = pi_sql(c, "SELECT * FROM VALUES (1, 1), (2, 2), (3, 3), (4, 4) AS tab(y, x)");
    PI_EX(c, 2); /* line 1491 */
    d2 = pi_select(c, d1, FN("regr_syy", COL("y"), COL("x")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    PI_EX(c, 4); /* line 1501 */
    d3 = pi_sql(c, "SELECT * FROM VALUES (1, null) AS tab(y, x)");
    PI_EX(c, 5); /* line 1502 */
    d4 = pi_select(c, d3, FN("regr_syy", COL("y"), COL("x")), NULL);
    pi_show_n(c, d4, 20, 20, false);
    PI_EX(c, 7); /* line 1512 */
    d5 = pi_sql(c, "SELECT * FROM VALUES (null, 1) AS tab(y, x)");
    PI_EX(c, 8); /* line 1513 */
    d6 = pi_select(c, d5, FN("regr_syy", COL("y"), COL("x")), NULL);
    pi_show_n(c, d6, 20, 20, false);
    PI_EX(c, 10); /* line 1523 */
    d7 = pi_sql(c, "SELECT * FROM VALUES (1, 1), (2, null), (3, 3), (4, 4) AS tab(y, x)");
    PI_EX(c, 11); /* line 1524 */
    d8 = pi_select(c, d7, FN("regr_syy", COL("y"), COL("x")), NULL);
    pi_show_n(c, d8, 20, 20, false);
    PI_EX(c, 13); /* line 1534 */
    d9 = pi_sql(c, "SELECT * FROM VALUES (1, 1), (2, null), (null, 3), (4, 4) AS tab(y, x)");
    PI_EX(c, 14); /* line 1535 */
    d10 = pi_select(c, d9, FN("regr_syy", COL("y"), COL("x")), NULL);
    pi_show_n(c, d10, 20, 20, false);
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
}

/* pyspark.sql.connect.functions.builtin.right (pyspark/sql/connect/functions/builtin.py:3085) */
static void pi_fn_right(pi_ctx *c)
{
    ember_dataframe *d1, *d2;
    pi_tag(c, 0); /* line 3100 */
    d1 = pi_df(c, "a string, b long", "('Spark SQL', 3)", "a,b");
    PI_EX(c, 1); /* line 3101 */
    d2 = pi_select(c, d1, ember_alias(FN("right", DCOL(d1, "a"), DCOL(d1, "b")), "r"), NULL);
    pi_collect(c, d2);
    (void)d1;
    (void)d2;
}

/* pyspark.sql.connect.functions.builtin.rint (pyspark/sql/connect/functions/builtin.py:823) */
static void pi_fn_rint(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3, *d4;
    PI_EX(c, 1); /* line 845 */
    d1 = pi_range_p(c, 0LL, 1LL, 1LL, 0);
    d2 = pi_select(c, d1, FN("rint", LIT_D(10.6)), NULL);
    pi_show_n(c, d2, 20, 20, false);
    PI_EX(c, 2); /* line 852 */
    d3 = pi_range_p(c, 0LL, 1LL, 1LL, 0);
    d4 = pi_select(c, d3, FN("rint", LIT_D(10.3)), NULL);
    pi_show_n(c, d4, 20, 20, false);
    (void)d1;
    (void)d2;
    (void)d3;
    (void)d4;
}

/* pyspark.sql.connect.functions.builtin.round (pyspark/sql/connect/functions/builtin.py:830) */
static void pi_fn_round(pi_ctx *c)
{
    ember_dataframe *d1, *d2;
    PI_EX(c, 1); /* line 859 */
    d1 = pi_range_p(c, 0LL, 1LL, 1LL, 0);
    d2 = pi_select(c, d1, FN("round", LIT_D(2.5)), NULL);
    pi_show_n(c, d2, 20, 20, false);
    (void)d1;
    (void)d2;
}

/* pyspark.sql.connect.functions.builtin.rpad (pyspark/sql/connect/functions/builtin.py:2663) */
static void pi_fn_rpad(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3, *d4;
    pi_tag(c, 1); /* line 2701 */
    d1 = pi_df(c, "s string", "('abcd',), ('xyz',), ('12',)", "s");
    PI_EX(c, 2); /* line 2702 */
    d2 = pi_select(c, d1, COL("*"), FN("rpad", DCOL(d1, "s"), LIT_I(6), LIT_S("#")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    pi_tag(c, 4); /* line 2714 */
    d3 = pi_df(c, "s string", "('abcd',), ('xyz',), ('12',)", "s");
    PI_EX(c, 5); /* line 2715 */
    d4 = pi_select(c, d3, COL("*"), FN("rpad", DCOL(d3, "s"), LIT_I(6), ember_lit_binary("uv", 2)),
                   NULL);
    pi_show_n(c, d4, 20, 20, false);
    (void)d1;
    (void)d2;
    (void)d3;
    (void)d4;
}

/* pyspark.sql.connect.functions.builtin.schema_of_variant
 * (pyspark/sql/connect/functions/builtin.py:2196) */
static void pi_fn_schema_of_variant(pi_ctx *c)
{
    ember_dataframe *d1, *d2;
    pi_tag(c, 0); /* line 2213 */
    d1 = pi_df(c, "json string", "('{ \"a\" : 1 }',)", NULL);
    PI_EX(c, 1); /* line 2214 */
    d2 = pi_select(
        c, d1, ember_alias(FN("schema_of_variant", FN("parse_json", DCOL(d1, "json"))), "r"), NULL);
    pi_collect(c, d2);
    (void)d1;
    (void)d2;
}

/* pyspark.sql.connect.functions.builtin.sec (pyspark/sql/connect/functions/builtin.py:842) */
static void pi_fn_sec(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3, *d4;
    PI_EX(c, 1); /* line 865 */
    d1 = pi_sql(c, "SELECT * FROM VALUES (PI() / 4), (PI() / 16) AS TAB(value)");
    d2 = pi_select(c, d1, COL("*"), FN("sec", COL("value")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    PI_EX(c, 3); /* line 878 */
    d3 = pi_sql(c, "SELECT * FROM VALUES (FLOAT('NAN')), (NULL) AS TAB(value)");
    d4 = pi_select(c, d3, COL("*"), FN("sec", COL("value")), NULL);
    pi_show_n(c, d4, 20, 20, false);
    (void)d1;
    (void)d2;
    (void)d3;
    (void)d4;
}

/* pyspark.sql.connect.functions.builtin.second (pyspark/sql/connect/functions/builtin.py:3268) */
static void pi_fn_second(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3, *d4, *d5, *d6, *d7;
    pi_tag(c, 1); /* line 3306 */
    d1 = pi_df(c, "ts string", "('2015-04-08 13:08:15',), ('2024-10-31 10:09:16',)", "ts");
    PI_EX(c, 2); /* line 3307 */
    d2 = pi_select(c, d1, COL("*"), FN("typeof", COL("ts")), FN("second", COL("ts")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    pi_tag(c, 5); /* line 3319 */
    d3 = pi_df(c, "ts timestamp",
               "(datetime(2015, 4, 8, 13, 8, 15, 0),), (datetime(2024, 10, 31, 10, 9, 16, 0),)",
               "ts");
    PI_EX(c, 6); /* line 3322 */
    d4 = pi_select(c, d3, COL("*"), FN("typeof", COL("ts")), FN("second", COL("ts")), NULL);
    pi_show_n(c, d4, 20, 20, false);
    pi_tag(c, 9); /* line 3334 */
    d5 = pi_df(c, "t string", "('13:08:15',), ('10:09:16',)", "t");
    d6 = pi_with_column(c, d5, "t", ember_cast(COL("t"), "time"));
    PI_EX(c, 10); /* line 3337 */
    d7 = pi_select(c, d6, COL("*"), FN("typeof", COL("t")), FN("second", COL("t")), NULL);
    pi_show_n(c, d7, 20, 20, false);
    (void)d1;
    (void)d2;
    (void)d3;
    (void)d4;
    (void)d5;
    (void)d6;
    (void)d7;
}

/* pyspark.sql.connect.functions.builtin.sentences (pyspark/sql/connect/functions/builtin.py:2599)
 */
static void pi_fn_sentences(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3, *d4;
    pi_tag(c, 1); /* line 2644 */
    d1 = pi_df(c, "s string", "('This is an example sentence.',)", "s");
    PI_EX(c, 2); /* line 2645 */
    d2 = pi_select(c, d1, COL("*"), FN("sentences", DCOL(d1, "s"), LIT_S("en"), LIT_S("US")), NULL);
    pi_show_n(c, d2, 20, 0, false);
    PI_EX(c, 3); /* line 2652 */
    d3 = pi_select(c, d1, COL("*"), FN("sentences", DCOL(d1, "s"), LIT_S("en"), LIT_S("")), NULL);
    pi_show_n(c, d3, 20, 0, false);
    PI_EX(c, 4); /* line 2659 */
    d4 = pi_select(c, d1, COL("*"), FN("sentences", DCOL(d1, "s"), LIT_S(""), LIT_S("")), NULL);
    pi_show_n(c, d4, 20, 0, false);
    (void)d1;
    (void)d2;
    (void)d3;
    (void)d4;
}

/* pyspark.sql.connect.functions.builtin.sequence (pyspark/sql/connect/functions/builtin.py:2232) */
static void pi_fn_sequence(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3, *d4, *d5, *d6;
    pi_tag(c, 1); /* line 2262 */
    d1 = pi_df(c, "start long, stop long", "(-2, 2)", "start,stop");
    PI_EX(c, 2); /* line 2263 */
    d2 = pi_select(c, d1, FN("sequence", DCOL(d1, "start"), DCOL(d1, "stop")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    pi_tag(c, 4); /* line 2273 */
    d3 = pi_df(c, "start long, stop long, step long", "(4, -4, -2)", "start,stop,step");
    PI_EX(c, 5); /* line 2274 */
    d4 = pi_select(c, d3, FN("sequence", DCOL(d3, "start"), DCOL(d3, "stop"), DCOL(d3, "step")),
                   NULL);
    pi_show_n(c, d4, 20, 20, false);
    pi_tag(c, 7); /* line 2285 */
    d5 = pi_df(c, "start long, stop long, step long", "(5, 1, -1)", "start,stop,step");
    PI_EX(c, 8); /* line 2286 */
    d6 = pi_select(c, d5, FN("sequence", DCOL(d5, "start"), DCOL(d5, "stop"), DCOL(d5, "step")),
                   NULL);
    pi_show_n(c, d6, 20, 20, false);
    (void)d1;
    (void)d2;
    (void)d3;
    (void)d4;
    (void)d5;
    (void)d6;
}

/* pyspark.sql.connect.functions.builtin.sha (pyspark/sql/connect/functions/builtin.py:4843) */
static void pi_fn_sha(pi_ctx *c)
{
    ember_dataframe *d1, *d2;
    PI_EX(c, 1); /* line 4860 */
    d1 = pi_range_p(c, 0LL, 1LL, 1LL, 0);
    d2 = pi_select(c, d1, FN("sha", LIT_S("Spark")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    (void)d1;
    (void)d2;
}

/* pyspark.sql.connect.functions.builtin.sha1 (pyspark/sql/connect/functions/builtin.py:4425) */
static void pi_fn_sha1(pi_ctx *c)
{
    ember_dataframe *d1, *d2;
    pi_tag(c, 1); /* line 4450 */
    d1 = pi_df(c, "a string", "('ABC',)", "a");
    PI_EX(c, 2); /* line 4451 */
    d2 = pi_select(c, d1, COL("*"), FN("sha1", COL("a")), NULL);
    pi_show_n(c, d2, 20, 0, false);
    (void)d1;
    (void)d2;
}

/* pyspark.sql.connect.functions.builtin.shuffle (pyspark/sql/connect/functions/builtin.py:2294) */
static void pi_fn_shuffle(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3, *d4, *d5, *d6;
    PI_EX(c, 1); /* line 2326 */
    d1 = pi_sql(c, "SELECT ARRAY(1, 20, 3, 5) AS data");
    PI_EX(c, 4); /* line 2337 */
    d2 = pi_sql(c, "SELECT ARRAY(1, 20, NULL, 5) AS data");
    PI_EX(c, 5); /* line 2338 */
    d3 = pi_select(c, d2, COL("*"), FN("shuffle", COL("data"), LIT_I(234)), NULL);
    pi_show_n(c, d3, 20, 20, false);
    PI_EX(c, 7); /* line 2348 */
    d4 = pi_sql(c, "SELECT ARRAY(1, 2, 2, 3, 3, 3) AS data");
    PI_EX(c, 8); /* line 2349 */
    d5 = pi_select(c, d4, COL("*"), FN("shuffle", COL("data"), LIT_I(345)), NULL);
    pi_show_n(c, d5, 20, 20, false);
    PI_EX(c, 10); /* line 2359 */
    d6 = pi_sql(c, "SELECT ARRAY(1, 2, 2, 3, 3, 3) AS data");
    (void)d1;
    (void)d2;
    (void)d3;
    (void)d4;
    (void)d5;
    (void)d6;
}

/* pyspark.sql.connect.functions.builtin.sinh (pyspark/sql/connect/functions/builtin.py:915) */
static void pi_fn_sinh(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3, *d4;
    pi_tag(c, 1); /* line 939 */
    d1 = pi_df(c, "value long", "(-1,), (0,), (1,)", "value");
    PI_EX(c, 2); /* line 940 */
    d2 = pi_select(c, d1, COL("*"), FN("sinh", DCOL(d1, "value")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    PI_EX(c, 4); /* line 952 */
    d3 = pi_sql(c, "SELECT * FROM VALUES (FLOAT('NAN')), (NULL) AS TAB(value)");
    d4 = pi_select(c, d3, COL("*"), FN("sinh", COL("value")), NULL);
    pi_show_n(c, d4, 20, 20, false);
    (void)d1;
    (void)d2;
    (void)d3;
    (void)d4;
}

/* pyspark.sql.connect.functions.builtin.skewness (pyspark/sql/connect/functions/builtin.py:1333) */
static void pi_fn_skewness(pi_ctx *c)
{
    ember_dataframe *d1, *d2;
    pi_tag(c, 1); /* line 1361 */
    d1 = pi_df(c, "c long", "(1,), (1,), (2,)", "c");
    PI_EX(c, 2); /* line 1362 */
    d2 = pi_select(c, d1, FN("skewness", DCOL(d1, "c")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    (void)d1;
    (void)d2;
}

/* pyspark.sql.connect.functions.builtin.sort_array (pyspark/sql/connect/functions/builtin.py:2340)
 */
static void pi_fn_sort_array(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3, *d4, *d5, *d6;
    pi_tag(c, 1); /* line 2369 */
    d1 = pi_df(c, "data array<long>", "([2, 1, None, 3],)", "data");
    PI_EX(c, 2); /* line 2370 */
    d2 = pi_select(c, d1, FN("sort_array", DCOL(d1, "data"), LIT_B(true)), NULL);
    pi_show_n(c, d2, 20, 20, false);
    pi_tag(c, 4); /* line 2380 */
    d3 = pi_df(c, "data array<long>", "([2, 1, None, 3],)", "data");
    PI_EX(c, 5); /* line 2381 */
    d4 = pi_select(c, d3, FN("sort_array", DCOL(d3, "data"), LIT_B(false)), NULL);
    pi_show_n(c, d4, 20, 20, false);
    pi_tag(c, 7); /* line 2391 */
    d5 = pi_df(c, "data array<long>", "([1],)", "data");
    PI_EX(c, 8); /* line 2392 */
    d6 = pi_select(c, d5, FN("sort_array", DCOL(d5, "data"), LIT_B(true)), NULL);
    pi_show_n(c, d6, 20, 20, false);
    (void)d1;
    (void)d2;
    (void)d3;
    (void)d4;
    (void)d5;
    (void)d6;
}

/* pyspark.sql.connect.functions.builtin.split_part (pyspark/sql/connect/functions/builtin.py:2867)
 */
static void pi_fn_split_part(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3;
    pi_tag(c, 1); /* line 2893 */
    d1 = pi_df(c, "a string, b string, c long", "('11.12.13', '.', 3)", "a,b,c");
    PI_EX(c, 2); /* line 2894 */
    d2 = pi_select(c, d1, COL("*"), FN("split_part", COL("a"), COL("b"), COL("c")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    PI_EX(c, 3); /* line 2901 */
    d3 =
        pi_select(c, d1, COL("*"), FN("split_part", DCOL(d1, "a"), DCOL(d1, "b"), LIT_I(-2)), NULL);
    pi_show_n(c, d3, 20, 20, false);
    (void)d1;
    (void)d2;
    (void)d3;
}

/* pyspark.sql.connect.functions.builtin.sqrt (pyspark/sql/connect/functions/builtin.py:922) */
static void pi_fn_sqrt(pi_ctx *c)
{
    ember_dataframe *d1, *d2;
    PI_EX(c, 1); /* line 943 */
    d1 = pi_sql(c, "SELECT * FROM VALUES (-1), (0), (1), (4), (NULL) AS TAB(value)");
    d2 = pi_select(c, d1, COL("*"), FN("sqrt", COL("value")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    (void)d1;
    (void)d2;
}

/* pyspark.sql.connect.functions.builtin.stack (pyspark/sql/connect/functions/builtin.py:4899) */
static void pi_fn_stack(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3, *d4, *d5;
    pi_tag(c, 1); /* line 4914 */
    d1 = pi_df(c, "a long, b long, c long", "(1, 2, 3)", "a,b,c");
    PI_EX(c, 2); /* line 4915 */
    d2 = pi_select(c, d1, COL("*"), FN("stack", LIT_I(2), DCOL(d1, "a"), DCOL(d1, "b"), COL("c")),
                   NULL);
    pi_show_n(c, d2, 20, 20, false);
    PI_EX(c, 3); /* line 4923 */
    d3 = pi_select(c, d1, COL("*"),
                   ember_alias_multi(FN("stack", LIT_I(2), DCOL(d1, "a"), DCOL(d1, "b"), COL("c")),
                                     (const char *[]){"x", "y"}, 2),
                   NULL);
    pi_show_n(c, d3, 20, 20, false);
    PI_EX(c, 4); /* line 4931 */
    d4 = pi_select(c, d1, COL("*"), FN("stack", LIT_I(3), DCOL(d1, "a"), DCOL(d1, "b"), COL("c")),
                   NULL);
    pi_show_n(c, d4, 20, 20, false);
    PI_EX(c, 5); /* line 4940 */
    d5 = pi_select(c, d1, COL("*"), FN("stack", LIT_I(4), DCOL(d1, "a"), DCOL(d1, "b"), COL("c")),
                   NULL);
    pi_show_n(c, d5, 20, 20, false);
    (void)d1;
    (void)d2;
    (void)d3;
    (void)d4;
    (void)d5;
}

/* pyspark.sql.connect.functions.builtin.startswith (pyspark/sql/connect/functions/builtin.py:2957)
 */
static void pi_fn_startswith(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3, *d4, *d5;
    pi_tag(c, 0); /* line 2973 */
    d1 = pi_df(c, "a string, b string", "('Spark SQL', 'Spark')", "a,b");
    PI_EX(c, 1); /* line 2974 */
    d2 = pi_select(c, d1, ember_alias(FN("startswith", DCOL(d1, "a"), DCOL(d1, "b")), "r"), NULL);
    pi_collect(c, d2);
    pi_tag(c, 2); /* line 2977 */
    d3 = pi_df(c, "e string, f string", "('414243', '4142')", "e,f");
    pi_tag(c, 3); /* line 2978 */
    d4 = pi_select(c, d3, ember_alias(FN("to_binary", COL("e")), "e"),
                   ember_alias(FN("to_binary", COL("f")), "f"), NULL);
    PI_EX(c, 5); /* line 2983 */
    d5 = pi_select(c, d4, FN("startswith", COL("e"), COL("f")),
                   FN("startswith", COL("f"), COL("e")), NULL);
    pi_show_n(c, d5, 20, 20, false);
    (void)d1;
    (void)d2;
    (void)d3;
    (void)d4;
    (void)d5;
}

/* pyspark.sql.connect.functions.builtin.stddev (pyspark/sql/connect/functions/builtin.py:1340) */
static void pi_fn_stddev(pi_ctx *c)
{
    ember_dataframe *d1, *d2;
    PI_EX(c, 1); /* line 1370 */
    d1 = pi_range_p(c, 0LL, 6LL, 1LL, 0);
    d2 = pi_select(c, d1, FN("stddev", COL("id")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    (void)d1;
    (void)d2;
}

/* pyspark.sql.connect.functions.builtin.stddev_pop (pyspark/sql/connect/functions/builtin.py:1361)
 */
static void pi_fn_stddev_pop(pi_ctx *c)
{
    ember_dataframe *d1, *d2;
    PI_EX(c, 1); /* line 1390 */
    d1 = pi_range_p(c, 0LL, 6LL, 1LL, 0);
    d2 = pi_select(c, d1, FN("stddev_pop", COL("id")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    (void)d1;
    (void)d2;
}

/* pyspark.sql.connect.functions.builtin.stddev_samp (pyspark/sql/connect/functions/builtin.py:1354)
 */
static void pi_fn_stddev_samp(pi_ctx *c)
{
    ember_dataframe *d1, *d2;
    PI_EX(c, 1); /* line 1383 */
    d1 = pi_range_p(c, 0LL, 6LL, 1LL, 0);
    d2 = pi_select(c, d1, FN("stddev_samp", COL("id")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    (void)d1;
    (void)d2;
}

/* pyspark.sql.connect.functions.builtin.str_to_map (pyspark/sql/connect/functions/builtin.py:2133)
 */
static void pi_fn_str_to_map(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3, *d4, *d5, *d6, *d7, *d8, *d9, *d10;
    pi_tag(c, 1); /* line 2158 */
    d1 = pi_df(c, "e string", "('a:1,b:2,c:3',)", "e");
    PI_EX(c, 2); /* line 2159 */
    d2 = pi_select(c, d1, FN("str_to_map", DCOL(d1, "e"), LIT_S(","), LIT_S(":")), NULL);
    pi_show_n(c, d2, 20, 0, false);
    pi_tag(c, 4); /* line 2169 */
    d3 = pi_df(c, "e string", "('a=1;b=2;c=3',)", "e");
    PI_EX(c, 5); /* line 2170 */
    d4 = pi_select(c, d3, FN("str_to_map", DCOL(d3, "e"), LIT_S(";"), LIT_S("=")), NULL);
    pi_show_n(c, d4, 20, 0, false);
    pi_tag(c, 7); /* line 2180 */
    d5 = pi_df(c, "e string", "('a:1,b:2,c:3',), ('d=4;e=5;f=6',)", "e");
    PI_EX(c, 8); /* line 2181 */
    d6 = pi_select(
        c, d5,
        ember_alias(
            FN("str_to_map", DCOL(d5, "e"),
               ember_otherwise(ember_when(ember_contains(DCOL(d5, "e"), LIT_S(";")), LIT_S(";")),
                               LIT_S(",")),
               ember_otherwise(ember_when(ember_contains(DCOL(d5, "e"), LIT_S("=")), LIT_S("=")),
                               LIT_S(":"))),
            "str_to_map"),
        NULL);
    pi_show_n(c, d6, 20, 0, false);
    pi_tag(c, 10); /* line 2195 */
    d7 =
        pi_df(c, "e string, delim string", "('a:1,b:2,c:3', ','), ('d=4;e=5;f=6', ';')", "e,delim");
    PI_EX(c, 11); /* line 2196 */
    d8 = pi_select(c, d7, FN("str_to_map", DCOL(d7, "e"), DCOL(d7, "delim"), LIT_S(":")), NULL);
    pi_show_n(c, d8, 20, 0, false);
    pi_tag(c, 13); /* line 2207 */
    d9 =
        pi_df(c, "e string, delim string", "('a:1,b:2,c:3', ':'), ('d=4;e=5;f=6', '=')", "e,delim");
    PI_EX(c, 14); /* line 2208 */
    d10 = pi_select(c, d9, FN("str_to_map", DCOL(d9, "e"), LIT_S(","), DCOL(d9, "delim")), NULL);
    pi_show_n(c, d10, 20, 0, false);
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
}

/* pyspark.sql.connect.functions.builtin.substr (pyspark/sql/connect/functions/builtin.py:2875) */
static void pi_fn_substr(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3;
    pi_tag(c, 1); /* line 2905 */
    d1 = pi_df(c, "a string, b long, c long", "('Spark SQL', 5, 1)", "a,b,c");
    PI_EX(c, 2); /* line 2906 */
    d2 = pi_select(c, d1, COL("*"), FN("substr", COL("a"), COL("b"), COL("c")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    PI_EX(c, 3); /* line 2913 */
    d3 = pi_select(c, d1, COL("*"), FN("substr", DCOL(d1, "a"), DCOL(d1, "b")), NULL);
    pi_show_n(c, d3, 20, 20, false);
    (void)d1;
    (void)d2;
    (void)d3;
}

/* pyspark.sql.connect.functions.builtin.sum (pyspark/sql/connect/functions/builtin.py:1368) */
static void pi_fn_sum(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3, *d4, *d5, *d6;
    pi_tag(c, 1); /* line 1391 */
    d1 = pi_range_p(c, 0LL, 10LL, 1LL, 0);
    PI_EX(c, 2); /* line 1392 */
    d2 = pi_select(c, d1, FN("sum", DCOL(d1, "id")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    pi_tag(c, 4); /* line 1402 */
    d3 = pi_df(c, "A long, B long", "(1, 2), (3, 4)", "A,B");
    PI_EX(c, 5); /* line 1403 */
    d4 = pi_select(c, d3, FN("sum", ember_add(COL("A"), COL("B"))), NULL);
    pi_show_n(c, d4, 20, 20, false);
    pi_tag(c, 7); /* line 1413 */
    d5 = pi_df(c, "birth long, age long", "(1982, None), (1990, 2), (2000, 4)", "birth,age");
    PI_EX(c, 8); /* line 1414 */
    d6 = pi_select(c, d5, FN("sum", COL("age")), NULL);
    pi_show_n(c, d6, 20, 20, false);
    (void)d1;
    (void)d2;
    (void)d3;
    (void)d4;
    (void)d5;
    (void)d6;
}

/* pyspark.sql.connect.functions.builtin.tan (pyspark/sql/connect/functions/builtin.py:978) */
static void pi_fn_tan(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3, *d4;
    PI_EX(c, 1); /* line 1001 */
    d1 = pi_sql(c, "SELECT * FROM VALUES (0.0), (PI() / 4), (PI() / 6) AS TAB(value)");
    d2 = pi_select(c, d1, COL("*"), FN("tan", COL("value")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    PI_EX(c, 3); /* line 1015 */
    d3 = pi_sql(c, "SELECT * FROM VALUES (FLOAT('NAN')), (NULL) AS TAB(value)");
    d4 = pi_select(c, d3, COL("*"), FN("tan", COL("value")), NULL);
    pi_show_n(c, d4, 20, 20, false);
    (void)d1;
    (void)d2;
    (void)d3;
    (void)d4;
}

/* pyspark.sql.connect.functions.builtin.tanh (pyspark/sql/connect/functions/builtin.py:985) */
static void pi_fn_tanh(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3, *d4;
    pi_tag(c, 1); /* line 1009 */
    d1 = pi_df(c, "value long", "(-1,), (0,), (1,)", "value");
    PI_EX(c, 2); /* line 1010 */
    d2 = pi_select(c, d1, COL("*"), FN("tanh", DCOL(d1, "value")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    PI_EX(c, 4); /* line 1022 */
    d3 = pi_sql(c, "SELECT * FROM VALUES (FLOAT('NAN')), (NULL) AS TAB(value)");
    d4 = pi_select(c, d3, COL("*"), FN("tanh", COL("value")), NULL);
    pi_show_n(c, d4, 20, 20, false);
    (void)d1;
    (void)d2;
    (void)d3;
    (void)d4;
}

/* pyspark.sql.connect.functions.builtin.time_diff (pyspark/sql/connect/functions/builtin.py:3653)
 */
static void pi_fn_time_diff(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3, *d4;
    pi_tag(c, 1); /* line 3681 */
    d1 = pi_df(c, "unit string, start string, end string", "('HOUR', '13:08:15', '21:30:28')",
               "unit,start,end");
    d2 = pi_with_column(c, d1, "start", ember_cast(COL("start"), "time"));
    d3 = pi_with_column(c, d2, "end", ember_cast(COL("end"), "time"));
    PI_EX(c, 2); /* line 3684 */
    d4 = pi_select(c, d3, COL("*"), FN("time_diff", COL("unit"), COL("start"), COL("end")), NULL);
    pi_show_n(c, d4, 20, 20, false);
    (void)d1;
    (void)d2;
    (void)d3;
    (void)d4;
}

/* pyspark.sql.connect.functions.builtin.timestamp_add
 * (pyspark/sql/connect/functions/builtin.py:3688) */
static void pi_fn_timestamp_add(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3, *d4;
    pi_tag(c, 2); /* line 3719 */
    d1 = pi_df(c, "ts timestamp, quantity long",
               "(datetime(2016, 3, 11, 9, 0, 7, 0), 2), (datetime(2024, 4, 2, 9, 0, 7, 0), 3)",
               "ts,quantity");
    PI_EX(c, 3); /* line 3722 */
    d2 = pi_select(c, d1, COL("*"), FN("timestampadd", LIT_S("year"), COL("quantity"), COL("ts")),
                   NULL);
    pi_show_n(c, d2, 20, 20, false);
    PI_EX(c, 4); /* line 3730 */
    d3 = pi_select(c, d1, COL("*"), FN("timestampadd", LIT_S("WEEK"), LIT_I(5), DCOL(d1, "ts")),
                   NULL);
    pi_show_n(c, d3, 20, 20, false);
    PI_EX(c, 5); /* line 3738 */
    d4 = pi_select(c, d1, COL("*"), FN("timestampadd", LIT_S("day"), LIT_I(-5), COL("ts")), NULL);
    pi_show_n(c, d4, 20, 20, false);
    (void)d1;
    (void)d2;
    (void)d3;
    (void)d4;
}

/* pyspark.sql.connect.functions.builtin.timestamp_diff
 * (pyspark/sql/connect/functions/builtin.py:3681) */
static void pi_fn_timestamp_diff(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3, *d4;
    pi_tag(c, 2); /* line 3712 */
    d1 = pi_df(c, "ts1 timestamp, ts2 timestamp",
               "(datetime(2016, 3, 11, 9, 0, 7, 0), datetime(2024, 4, 2, 9, 0, 7, 0))", "ts1,ts2");
    PI_EX(c, 3); /* line 3715 */
    d2 = pi_select(c, d1, COL("*"), FN("timestampdiff", LIT_S("year"), COL("ts1"), COL("ts2")),
                   NULL);
    pi_show_n(c, d2, 20, 20, false);
    PI_EX(c, 4); /* line 3722 */
    d3 = pi_select(c, d1, COL("*"), FN("timestampdiff", LIT_S("WEEK"), COL("ts1"), COL("ts2")),
                   NULL);
    pi_show_n(c, d3, 20, 20, false);
    PI_EX(c, 5); /* line 3729 */
    d4 = pi_select(c, d1, COL("*"),
                   FN("timestampdiff", LIT_S("day"), DCOL(d1, "ts2"), DCOL(d1, "ts1")), NULL);
    pi_show_n(c, d4, 20, 20, false);
    (void)d1;
    (void)d2;
    (void)d3;
    (void)d4;
}

/* pyspark.sql.connect.functions.builtin.timestamp_micros
 * (pyspark/sql/connect/functions/builtin.py:3674) */
static void pi_fn_timestamp_micros(pi_ctx *c)
{
    ember_dataframe *d1, *d2;
    pi_tag(c, 2); /* line 3700 */
    d1 = pi_df(c, "micros long", "(1230219000,), (1280219000,)", "micros");
    PI_EX(c, 3); /* line 3701 */
    d2 = pi_select(c, d1, COL("*"), FN("timestamp_micros", COL("micros")), NULL);
    pi_show_n(c, d2, 20, 0, false);
    (void)d1;
    (void)d2;
}

/* pyspark.sql.connect.functions.builtin.timestamp_seconds
 * (pyspark/sql/connect/functions/builtin.py:3646) */
static void pi_fn_timestamp_seconds(pi_ctx *c)
{
    ember_dataframe *d1, *d2;
    pi_tag(c, 2); /* line 3676 */
    d1 = pi_df(c, "seconds long", "(1230219000,), (1280219000,)", "seconds");
    PI_EX(c, 3); /* line 3677 */
    d2 = pi_select(c, d1, COL("*"), FN("timestamp_seconds", COL("seconds")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    (void)d1;
    (void)d2;
}

/* pyspark.sql.connect.functions.builtin.to_char (pyspark/sql/connect/functions/builtin.py:2834) */
static void pi_fn_to_char(pi_ctx *c)
{
    ember_dataframe *d1, *d2;
    pi_tag(c, 0); /* line 2871 */
    d1 = pi_df(c, "e double", "(78.12,)", "e");
    PI_EX(c, 1); /* line 2872 */
    d2 = pi_select(c, d1, ember_alias(FN("to_char", DCOL(d1, "e"), LIT_S("$99.99")), "r"), NULL);
    pi_collect(c, d2);
    (void)d1;
    (void)d2;
}

/* pyspark.sql.connect.functions.builtin.to_date (pyspark/sql/connect/functions/builtin.py:3395) */
static void pi_fn_to_date(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3;
    pi_tag(c, 1); /* line 3431 */
    d1 = pi_df(c, "ts string", "('1997-02-28 10:30:00',)", "ts");
    PI_EX(c, 2); /* line 3432 */
    d2 = pi_select(c, d1, COL("*"), FN("to_date", DCOL(d1, "ts")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    PI_EX(c, 3); /* line 3439 */
    d3 = pi_select(c, d1, COL("*"), FN("to_date", COL("ts"), LIT_S("yyyy-MM-dd HH:mm:ss")), NULL);
    pi_show_n(c, d3, 20, 20, false);
    (void)d1;
    (void)d2;
    (void)d3;
}

/* pyspark.sql.connect.functions.builtin.to_timestamp_ltz
 * (pyspark/sql/connect/functions/builtin.py:3784) */
static void pi_fn_to_timestamp_ltz(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3, *d4, *d5, *d6;
    pi_tag(c, 1); /* line 3811 */
    d1 = pi_df(c, "ts string", "('2015-04-08 12:12:12',)", "ts");
    PI_EX(c, 2); /* line 3812 */
    d2 = pi_select(c, d1, COL("*"), FN("to_timestamp_ltz", COL("ts")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    pi_tag(c, 4); /* line 3822 */
    d3 = pi_df(c, "dt string", "('2016-12-31',)", "dt");
    PI_EX(c, 5); /* line 3823 */
    d4 = pi_select(c, d3, COL("*"), FN("to_timestamp_ltz", DCOL(d3, "dt"), LIT_S("yyyy-MM-dd")),
                   NULL);
    pi_show_n(c, d4, 20, 20, false);
    pi_tag(c, 7); /* line 3833 */
    d5 = pi_df(c, "dt string, fmt string",
               "('2015-04-08', 'yyyy-MM-dd'), ('2025+01+09', 'yyyy+MM+dd')", "dt,fmt");
    PI_EX(c, 8); /* line 3835 */
    d6 = pi_select(c, d5, COL("*"), FN("to_timestamp_ltz", COL("dt"), COL("fmt")), NULL);
    pi_show_n(c, d6, 20, 20, false);
    (void)d1;
    (void)d2;
    (void)d3;
    (void)d4;
    (void)d5;
    (void)d6;
}

/* pyspark.sql.connect.functions.builtin.to_timestamp_ntz
 * (pyspark/sql/connect/functions/builtin.py:3797) */
static void pi_fn_to_timestamp_ntz(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3, *d4, *d5, *d6;
    pi_tag(c, 1); /* line 3824 */
    d1 = pi_df(c, "ts string", "('2015-04-08 12:12:12',)", "ts");
    PI_EX(c, 2); /* line 3825 */
    d2 = pi_select(c, d1, COL("*"), FN("to_timestamp_ntz", COL("ts")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    pi_tag(c, 4); /* line 3835 */
    d3 = pi_df(c, "dt string", "('2016-12-31',)", "dt");
    PI_EX(c, 5); /* line 3836 */
    d4 = pi_select(c, d3, COL("*"), FN("to_timestamp_ntz", DCOL(d3, "dt"), LIT_S("yyyy-MM-dd")),
                   NULL);
    pi_show_n(c, d4, 20, 20, false);
    pi_tag(c, 7); /* line 3846 */
    d5 = pi_df(c, "dt string, fmt string",
               "('2015-04-08', 'yyyy-MM-dd'), ('2025+01+09', 'yyyy+MM+dd')", "dt,fmt");
    PI_EX(c, 8); /* line 3848 */
    d6 = pi_select(c, d5, COL("*"), FN("to_timestamp_ntz", COL("dt"), COL("fmt")), NULL);
    pi_show_n(c, d6, 20, 20, false);
    (void)d1;
    (void)d2;
    (void)d3;
    (void)d4;
    (void)d5;
    (void)d6;
}

/* pyspark.sql.connect.functions.builtin.to_unix_timestamp
 * (pyspark/sql/connect/functions/builtin.py:3771) */
static void pi_fn_to_unix_timestamp(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3, *d4, *d5, *d6;
    pi_tag(c, 2); /* line 3798 */
    d1 = pi_df(c, "ts string", "('2015-04-08 12:12:12',)", "ts");
    PI_EX(c, 3); /* line 3799 */
    d2 = pi_select(c, d1, COL("*"), FN("to_unix_timestamp", COL("ts")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    pi_tag(c, 5); /* line 3809 */
    d3 = pi_df(c, "dt string", "('2015-04-08',)", "dt");
    PI_EX(c, 6); /* line 3810 */
    d4 = pi_select(c, d3, COL("*"), FN("to_unix_timestamp", DCOL(d3, "dt"), LIT_S("yyyy-MM-dd")),
                   NULL);
    pi_show_n(c, d4, 20, 20, false);
    pi_tag(c, 8); /* line 3820 */
    d5 = pi_df(c, "dt string, fmt string",
               "('2015-04-08', 'yyyy-MM-dd'), ('2025+01+09', 'yyyy+MM+dd')", "dt,fmt");
    PI_EX(c, 9); /* line 3822 */
    d6 = pi_select(c, d5, COL("*"), FN("to_unix_timestamp", COL("dt"), COL("fmt")), NULL);
    pi_show_n(c, d6, 20, 20, false);
    (void)d1;
    (void)d2;
    (void)d3;
    (void)d4;
    (void)d5;
    (void)d6;
}

/* pyspark.sql.connect.functions.builtin.to_utc_timestamp
 * (pyspark/sql/connect/functions/builtin.py:3639) */
static void pi_fn_to_utc_timestamp(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3;
    pi_tag(c, 1); /* line 3688 */
    d1 = pi_df(c, "ts string, tz string", "('1997-02-28 10:30:00', 'JST')", "ts,tz");
    PI_EX(c, 2); /* line 3689 */
    d2 = pi_select(c, d1, COL("*"), FN("to_utc_timestamp", COL("ts"), LIT_S("PST")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    PI_EX(c, 3); /* line 3696 */
    d3 = pi_select(c, d1, COL("*"), FN("to_utc_timestamp", DCOL(d1, "ts"), DCOL(d1, "tz")), NULL);
    pi_show_n(c, d3, 20, 20, false);
    (void)d1;
    (void)d2;
    (void)d3;
}

/* pyspark.sql.connect.functions.builtin.to_varchar (pyspark/sql/connect/functions/builtin.py:2841)
 */
static void pi_fn_to_varchar(pi_ctx *c)
{
    ember_dataframe *d1, *d2;
    pi_tag(c, 0); /* line 2878 */
    d1 = pi_df(c, "e double", "(78.12,)", "e");
    PI_EX(c, 1); /* line 2879 */
    d2 = pi_select(c, d1, ember_alias(FN("to_varchar", DCOL(d1, "e"), LIT_S("$99.99")), "r"), NULL);
    pi_collect(c, d2);
    (void)d1;
    (void)d2;
}

/* pyspark.sql.connect.functions.builtin.trim (pyspark/sql/connect/functions/builtin.py:2488) */
static void pi_fn_trim(pi_ctx *c)
{
    ember_dataframe *d1, *d2;
    pi_tag(c, 7); /* line 2546 */
    d1 = pi_df(c, "value string, t string", "('**Spark*', '*'), ('==Spark=', '=')", "value,t");
    PI_EX(c, 8); /* line 2547 */
    d2 = pi_select(c, d1, COL("*"), FN("trim", COL("t"), COL("value")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    (void)d1;
    (void)d2;
}

/* pyspark.sql.connect.functions.builtin.trunc (pyspark/sql/connect/functions/builtin.py:3576) */
static void pi_fn_trunc(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3;
    pi_tag(c, 1); /* line 3606 */
    d1 = pi_df(c, "dt string", "('1997-02-28',)", "dt");
    PI_EX(c, 2); /* line 3607 */
    d2 = pi_select(c, d1, COL("*"), FN("trunc", DCOL(d1, "dt"), LIT_S("year")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    PI_EX(c, 3); /* line 3614 */
    d3 = pi_select(c, d1, COL("*"), FN("trunc", COL("dt"), LIT_S("mon")), NULL);
    pi_show_n(c, d3, 20, 20, false);
    (void)d1;
    (void)d2;
    (void)d3;
}

/* pyspark.sql.connect.functions.builtin.try_avg (pyspark/sql/connect/functions/builtin.py:936) */
static void pi_fn_try_avg(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3, *d4;
    pi_tag(c, 1); /* line 950 */
    d1 = pi_df(c, "birth long, age long", "(1982, 15), (1990, 2)", "birth,age");
    PI_EX(c, 2); /* line 951 */
    d2 = pi_select(c, d1, FN("try_avg", COL("age")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    pi_tag(c, 4); /* line 961 */
    d3 = pi_df(c, "birth long, age long", "(1982, None), (1990, 2), (2000, 4)", "birth,age");
    PI_EX(c, 5); /* line 962 */
    d4 = pi_select(c, d3, FN("try_avg", COL("age")), NULL);
    pi_show_n(c, d4, 20, 20, false);
    (void)d1;
    (void)d2;
    (void)d3;
    (void)d4;
}

/* pyspark.sql.connect.functions.builtin.try_divide (pyspark/sql/connect/functions/builtin.py:943)
 */
static void pi_fn_try_divide(pi_ctx *c)
{
    ember_dataframe *d1, *d2;
    PI_EX(c, 1); /* line 961 */
    d1 = pi_df(c, "a long, b long", "(6000, 15), (1990, 2), (1234, 0)", "a,b");
    d2 = pi_select(c, d1, COL("*"), FN("try_divide", COL("a"), COL("b")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    (void)d1;
    (void)d2;
}

/* pyspark.sql.connect.functions.builtin.try_make_interval
 * (pyspark/sql/connect/functions/builtin.py:3909) */
static void pi_fn_try_make_interval(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3, *d4, *d5, *d6, *d7, *d8;
    pi_tag(c, 1); /* line 3948 */
    d1 = pi_df(c, "year long, month long, week long, day long, hour long, min long, sec double",
               "(100, 11, 1, 1, 12, 30, 1.001001)", "year,month,week,day,hour,min,sec");
    PI_EX(c, 2); /* line 3950 */
    d2 = pi_select(c, d1,
                   FN("try_make_interval", DCOL(d1, "year"), DCOL(d1, "month"), COL("week"),
                      DCOL(d1, "day"), COL("hour"), DCOL(d1, "min"), DCOL(d1, "sec")),
                   NULL);
    pi_show_n(c, d2, 20, 0, false);
    pi_tag(c, 4); /* line 3962 */
    d3 = pi_df(c, "year long, month long, week long, day long, hour long, min long, sec double",
               "(100, 11, 1, 1, 12, 30, 1.001001)", "year,month,week,day,hour,min,sec");
    pi_tag(c, 7); /* line 3976 */
    d4 = pi_df(c, "year long, month long, week long, day long, hour long, min long, sec double",
               "(100, 11, 1, 1, 12, 30, 1.001001)", "year,month,week,day,hour,min,sec");
    pi_tag(c, 10); /* line 3990 */
    d5 = pi_df(c, "year long, month long, week long, day long, hour long, min long, sec double",
               "(100, 11, 1, 1, 12, 30, 1.001001)", "year,month,week,day,hour,min,sec");
    pi_tag(c, 13); /* line 4002 */
    d6 = pi_df(c, "year long, month long, week long, day long, hour long, min long, sec double",
               "(100, 11, 1, 1, 12, 30, 1.001001)", "year,month,week,day,hour,min,sec");
    pi_tag(c, 16); /* line 4014 */
    d7 = pi_df(c, "year long, month long, week long, day long, hour long, min long, sec double",
               "(100, 11, 1, 1, 12, 30, 1.001001)", "year,month,week,day,hour,min,sec");
    pi_tag(c, 19); /* line 4026 */
    d8 = pi_df(c, "year long, month long, week long, day long, hour long, min long, sec double",
               "(100, 11, 1, 1, 12, 30, 1.001001)", "year,month,week,day,hour,min,sec");
    (void)d1;
    (void)d2;
    (void)d3;
    (void)d4;
    (void)d5;
    (void)d6;
    (void)d7;
    (void)d8;
}

/* pyspark.sql.connect.functions.builtin.try_make_timestamp_ltz
 * (pyspark/sql/connect/functions/builtin.py:4165) */
static void pi_fn_try_make_timestamp_ltz(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3, *d4, *d5, *d6;
    pi_tag(c, 2); /* line 4215 */
    d1 = pi_df(c, "year long, month long, day long, hour long, min long, sec double, tz string",
               "(2014, 12, 28, 6, 30, 45.887, 'CET')", "year,month,day,hour,min,sec,tz");
    PI_EX(c, 3); /* line 4217 */
    d2 = pi_select(c, d1,
                   FN("try_make_timestamp_ltz", COL("year"), COL("month"), DCOL(d1, "day"),
                      DCOL(d1, "hour"), DCOL(d1, "min"), DCOL(d1, "sec"), COL("tz")),
                   NULL);
    pi_show_n(c, d2, 20, 0, false);
    pi_tag(c, 5); /* line 4229 */
    d3 = pi_df(c, "year long, month long, day long, hour long, min long, sec double, tz string",
               "(2014, 12, 28, 6, 30, 45.887, 'CET')", "year,month,day,hour,min,sec,tz");
    PI_EX(c, 6); /* line 4231 */
    d4 = pi_select(c, d3,
                   FN("try_make_timestamp_ltz", COL("year"), COL("month"), DCOL(d3, "day"),
                      DCOL(d3, "hour"), DCOL(d3, "min"), DCOL(d3, "sec")),
                   NULL);
    pi_show_n(c, d4, 20, 0, false);
    pi_tag(c, 8); /* line 4243 */
    d5 = pi_df(c, "year long, month long, day long, hour long, min long, sec double, tz string",
               "(2014, 13, 28, 6, 30, 45.887, 'CET')", "year,month,day,hour,min,sec,tz");
    PI_EX(c, 9); /* line 4245 */
    d6 = pi_select(c, d5,
                   FN("try_make_timestamp_ltz", COL("year"), COL("month"), DCOL(d5, "day"),
                      DCOL(d5, "hour"), DCOL(d5, "min"), DCOL(d5, "sec")),
                   NULL);
    pi_show_n(c, d6, 20, 0, false);
    (void)d1;
    (void)d2;
    (void)d3;
    (void)d4;
    (void)d5;
    (void)d6;
}

/* pyspark.sql.connect.functions.builtin.try_mod (pyspark/sql/connect/functions/builtin.py:950) */
static void pi_fn_try_mod(pi_ctx *c)
{
    ember_dataframe *d1, *d2;
    PI_EX(c, 1); /* line 968 */
    d1 = pi_df(c, "a long, b long", "(6000, 15), (3, 2), (1234, 0)", "a,b");
    d2 = pi_select(c, d1, COL("*"), FN("try_mod", COL("a"), COL("b")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    (void)d1;
    (void)d2;
}

/* pyspark.sql.connect.functions.builtin.try_reflect (pyspark/sql/connect/functions/builtin.py:4878)
 */
static void pi_fn_try_reflect(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3, *d4;
    pi_tag(c, 1); /* line 4902 */
    d1 = pi_df(c, "a string", "('a5cf6c42-0c85-418f-af6c-3e4e5b1328f2',)", "a");
    PI_EX(c, 2); /* line 4903 */
    d2 = pi_select(c, d1, FN("try_reflect", LIT_S("java.util.UUID"), LIT_S("fromString"), COL("a")),
                   NULL);
    pi_show_n(c, d2, 20, 0, false);
    PI_EX(c, 4); /* line 4915 */
    d3 = pi_range_p(c, 0LL, 1LL, 1LL, 0);
    d4 = pi_select(c, d3, FN("try_reflect", LIT_S("scala.Predef"), LIT_S("require"), LIT_B(false)),
                   NULL);
    pi_show_n(c, d4, 20, 0, false);
    (void)d1;
    (void)d2;
    (void)d3;
    (void)d4;
}

/* pyspark.sql.connect.functions.builtin.try_subtract (pyspark/sql/connect/functions/builtin.py:964)
 */
static void pi_fn_try_subtract(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3, *d4, *d5, *d6, *d7, *d8;
    PI_EX(c, 1); /* line 980 */
    d1 = pi_df(c, "birth long, age long", "(1982, 15), (1990, 2)", "birth,age");
    d2 = pi_select(c, d1, COL("*"), FN("try_subtract", COL("birth"), COL("age")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    PI_EX(c, 3); /* line 993 */
    d3 = pi_sql(c, "SELECT * FROM VALUES (DATE('2015-10-01')) AS TAB(date)");
    d4 = pi_select(c, d3, COL("*"), FN("try_subtract", COL("date"), LIT_I(1)), NULL);
    pi_show_n(c, d4, 20, 20, false);
    PI_EX(c, 5); /* line 1005 */
    d5 = pi_sql(c, "SELECT * FROM VALUES (DATE('2015-09-30'), INTERVAL 1 YEAR) AS TAB(date, itvl)");
    d6 = pi_select(c, d5, COL("*"), FN("try_subtract", COL("date"), COL("itvl")), NULL);
    pi_show_n(c, d6, 20, 20, false);
    PI_EX(c, 7); /* line 1017 */
    d7 = pi_sql(c, "SELECT * FROM VALUES (INTERVAL 1 YEAR, INTERVAL 2 YEAR) AS TAB(itvl1, itvl2)");
    d8 = pi_select(c, d7, COL("*"), FN("try_subtract", COL("itvl1"), COL("itvl2")), NULL);
    pi_show_n(c, d8, 20, 20, false);
    (void)d1;
    (void)d2;
    (void)d3;
    (void)d4;
    (void)d5;
    (void)d6;
    (void)d7;
    (void)d8;
}

/* pyspark.sql.connect.functions.builtin.try_to_binary
 * (pyspark/sql/connect/functions/builtin.py:2971) */
static void pi_fn_try_to_binary(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3, *d4;
    pi_tag(c, 1); /* line 2989 */
    d1 = pi_df(c, "e string", "('abc',)", "e");
    PI_EX(c, 2); /* line 2990 */
    d2 = pi_select(c, d1, ember_alias(FN("try_to_binary", DCOL(d1, "e"), LIT_S("utf-8")), "r"),
                   NULL);
    pi_collect(c, d2);
    pi_tag(c, 4); /* line 2996 */
    d3 = pi_df(c, "e string", "('414243',)", "e");
    PI_EX(c, 5); /* line 2997 */
    d4 = pi_select(c, d3, ember_alias(FN("try_to_binary", DCOL(d3, "e")), "r"), NULL);
    pi_collect(c, d4);
    (void)d1;
    (void)d2;
    (void)d3;
    (void)d4;
}

/* pyspark.sql.connect.functions.builtin.try_to_number
 * (pyspark/sql/connect/functions/builtin.py:2981) */
static void pi_fn_try_to_number(pi_ctx *c)
{
    ember_dataframe *d1, *d2;
    pi_tag(c, 1); /* line 3000 */
    d1 = pi_df(c, "e string", "('$78.12',)", "e");
    PI_EX(c, 2); /* line 3001 */
    d2 = pi_select(c, d1, ember_alias(FN("try_to_number", DCOL(d1, "e"), LIT_S("$99.99")), "r"),
                   NULL);
    pi_show_n(c, d2, 20, 20, false);
    (void)d1;
    (void)d2;
}

/* pyspark.sql.connect.functions.builtin.try_to_time (pyspark/sql/connect/functions/builtin.py:3493)
 */
static void pi_fn_try_to_time(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3, *d4, *d5, *d6;
    pi_tag(c, 1); /* line 3524 */
    d1 = pi_df(c, "str string", "('10:30:00',)", "str");
    PI_EX(c, 2); /* line 3525 */
    d2 = pi_select(c, d1, ember_alias(FN("try_to_time", DCOL(d1, "str")), "time"), NULL);
    pi_show_n(c, d2, 20, 20, false);
    pi_tag(c, 4); /* line 3535 */
    d3 = pi_df(c, "str string, format string", "('10:30:00', 'HH:mm:ss')", "str,format");
    PI_EX(c, 5); /* line 3536 */
    d4 = pi_select(
        c, d3, ember_alias(FN("try_to_time", DCOL(d3, "str"), DCOL(d3, "format")), "time"), NULL);
    pi_show_n(c, d4, 20, 20, false);
    pi_tag(c, 7); /* line 3546 */
    d5 = pi_df(c, "str string", "('malformed',)", "str");
    PI_EX(c, 8); /* line 3547 */
    d6 = pi_select(c, d5, ember_alias(FN("try_to_time", DCOL(d5, "str")), "time"), NULL);
    pi_show_n(c, d6, 20, 20, false);
    (void)d1;
    (void)d2;
    (void)d3;
    (void)d4;
    (void)d5;
    (void)d6;
}

/* pyspark.sql.connect.functions.builtin.try_to_timestamp
 * (pyspark/sql/connect/functions/builtin.py:3503) */
static void pi_fn_try_to_timestamp(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3, *d4;
    pi_tag(c, 1); /* line 3529 */
    d1 = pi_df(c, "t string", "('1997-02-28 10:30:00',)", "t");
    PI_EX(c, 2); /* line 3530 */
    d2 = pi_select(c, d1, FN("try_to_timestamp", DCOL(d1, "t")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    pi_tag(c, 4); /* line 3540 */
    d3 = pi_df(c, "t string", "('1997-02-28 10:30:00',)", "t");
    PI_EX(c, 5); /* line 3541 */
    d4 =
        pi_select(c, d3, FN("try_to_timestamp", DCOL(d3, "t"), LIT_S("yyyy-MM-dd HH:mm:ss")), NULL);
    pi_show_n(c, d4, 20, 20, false);
    (void)d1;
    (void)d2;
    (void)d3;
    (void)d4;
}

/* pyspark.sql.connect.functions.builtin.typeof (pyspark/sql/connect/functions/builtin.py:4892) */
static void pi_fn_typeof(pi_ctx *c)
{
    ember_dataframe *d1, *d2;
    pi_tag(c, 1); /* line 4904 */
    d1 = pi_df(c, "a boolean, b long, c double, d string", "(True, 1, 1.0, 'xyz')", "a,b,c,d");
    PI_EX(c, 2); /* line 4905 */
    d2 = pi_select(c, d1, FN("typeof", DCOL(d1, "a")), FN("typeof", DCOL(d1, "b")),
                   FN("typeof", COL("c")), FN("typeof", COL("d")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    (void)d1;
    (void)d2;
}

/* pyspark.sql.connect.functions.builtin.ucase (pyspark/sql/connect/functions/builtin.py:3071) */
static void pi_fn_ucase(pi_ctx *c)
{
    ember_dataframe *d1, *d2;
    PI_EX(c, 1); /* line 3084 */
    d1 = pi_range_p(c, 0LL, 1LL, 1LL, 0);
    d2 = pi_select(c, d1, FN("ucase", LIT_S("Spark")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    (void)d1;
    (void)d2;
}

/* pyspark.sql.connect.functions.builtin.udtf (pyspark/sql/connect/functions/builtin.py:5047) */
static void pi_fn_udtf(pi_ctx *c)
{
    ember_dataframe *d1;
    PI_EX(c, 13); /* line 5158 */
    d1 = pi_sql(c, "SELECT * FROM test_udtf(1, x => 'x', b => 'b')");
    pi_show_n(c, d1, 20, 20, false);
    (void)d1;
}

/* pyspark.sql.connect.functions.builtin.unhex (pyspark/sql/connect/functions/builtin.py:1008) */
static void pi_fn_unhex(pi_ctx *c)
{
    ember_dataframe *d1, *d2;
    pi_tag(c, 1); /* line 1033 */
    d1 = pi_df(c, "a string", "('414243',)", "a");
    PI_EX(c, 2); /* line 1034 */
    d2 = pi_select(c, d1, COL("*"), FN("unhex", COL("a")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    (void)d1;
    (void)d2;
}

/* pyspark.sql.connect.functions.builtin.unix_date (pyspark/sql/connect/functions/builtin.py:3415)
 */
static void pi_fn_unix_date(pi_ctx *c)
{
    ember_dataframe *d1, *d2;
    pi_tag(c, 2); /* line 3441 */
    d1 = pi_df(c, "dt string", "('1970-01-02',), ('2022-01-02',)", "dt");
    PI_EX(c, 3); /* line 3442 */
    d2 = pi_select(c, d1, COL("*"), FN("unix_date", FN("to_date", COL("dt"))), NULL);
    pi_show_n(c, d2, 20, 20, false);
    (void)d1;
    (void)d2;
}

/* pyspark.sql.connect.functions.builtin.unix_micros (pyspark/sql/connect/functions/builtin.py:3422)
 */
static void pi_fn_unix_micros(pi_ctx *c)
{
    ember_dataframe *d1, *d2;
    pi_tag(c, 2); /* line 3448 */
    d1 = pi_df(c, "ts string", "('2015-07-22 10:00:00',), ('2022-10-09 11:12:13',)", "ts");
    PI_EX(c, 3); /* line 3449 */
    d2 = pi_select(c, d1, COL("*"), FN("unix_micros", FN("to_timestamp", COL("ts"))), NULL);
    pi_show_n(c, d2, 20, 20, false);
    (void)d1;
    (void)d2;
}

/* pyspark.sql.connect.functions.builtin.unix_millis (pyspark/sql/connect/functions/builtin.py:3429)
 */
static void pi_fn_unix_millis(pi_ctx *c)
{
    ember_dataframe *d1, *d2;
    pi_tag(c, 2); /* line 3456 */
    d1 = pi_df(c, "ts string", "('2015-07-22 10:00:00',), ('2022-10-09 11:12:13',)", "ts");
    PI_EX(c, 3); /* line 3457 */
    d2 = pi_select(c, d1, COL("*"), FN("unix_millis", FN("to_timestamp", COL("ts"))), NULL);
    pi_show_n(c, d2, 20, 20, false);
    (void)d1;
    (void)d2;
}

/* pyspark.sql.connect.functions.builtin.unix_timestamp
 * (pyspark/sql/connect/functions/builtin.py:3622) */
static void pi_fn_unix_timestamp(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3, *d4;
    pi_tag(c, 4); /* line 3663 */
    d1 = pi_df(c, "ts string", "('2015-04-08 12:12:12',)", "ts");
    PI_EX(c, 5); /* line 3664 */
    d2 = pi_select(c, d1, COL("*"), FN("unix_timestamp", COL("ts"), LIT_S("yyyy-MM-dd HH:mm:ss")),
                   NULL);
    pi_show_n(c, d2, 20, 20, false);
    pi_tag(c, 7); /* line 3674 */
    d3 = pi_df(c, "dt string", "('2015-04-08',)", "dt");
    PI_EX(c, 8); /* line 3675 */
    d4 = pi_select(c, d3, COL("*"), FN("unix_timestamp", COL("dt"), LIT_S("yyyy-MM-dd")), NULL);
    pi_show_n(c, d4, 20, 20, false);
    (void)d1;
    (void)d2;
    (void)d3;
    (void)d4;
}

/* pyspark.sql.connect.functions.builtin.validate_utf8
 * (pyspark/sql/connect/functions/builtin.py:2533) */
static void pi_fn_validate_utf8(pi_ctx *c)
{
    ember_dataframe *d1, *d2;
    PI_EX(c, 1); /* line 2557 */
    d1 = pi_range_p(c, 0LL, 1LL, 1LL, 0);
    d2 = pi_select(c, d1, FN("validate_utf8", LIT_S("SparkSQL")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    (void)d1;
    (void)d2;
}

/* pyspark.sql.connect.functions.builtin.var_pop (pyspark/sql/connect/functions/builtin.py:1394) */
static void pi_fn_var_pop(pi_ctx *c)
{
    ember_dataframe *d1, *d2;
    pi_tag(c, 1); /* line 1421 */
    d1 = pi_range_p(c, 0LL, 6LL, 1LL, 0);
    PI_EX(c, 2); /* line 1422 */
    d2 = pi_select(c, d1, FN("var_pop", DCOL(d1, "id")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    (void)d1;
    (void)d2;
}

/* pyspark.sql.connect.functions.builtin.weekofyear (pyspark/sql/connect/functions/builtin.py:3275)
 */
static void pi_fn_weekofyear(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3, *d4, *d5, *d6, *d7, *d8;
    pi_tag(c, 1); /* line 3307 */
    d1 = pi_df(c, "dt string", "('2015-04-08',), ('2024-10-31',)", "dt");
    PI_EX(c, 2); /* line 3308 */
    d2 = pi_select(c, d1, COL("*"), FN("typeof", COL("dt")), FN("weekofyear", COL("dt")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    pi_tag(c, 4); /* line 3319 */
    d3 = pi_df(c, "ts string", "('2015-04-08 13:08:15',), ('2024-10-31 10:09:16',)", "ts");
    PI_EX(c, 5); /* line 3320 */
    d4 = pi_select(c, d3, COL("*"), FN("typeof", COL("ts")), FN("weekofyear", COL("ts")), NULL);
    pi_show_n(c, d4, 20, 20, false);
    pi_tag(c, 8); /* line 3332 */
    d5 = pi_df(c, "dt date", "(date(2015, 4, 8),), (date(2024, 10, 31),)", "dt");
    PI_EX(c, 9); /* line 3335 */
    d6 = pi_select(c, d5, COL("*"), FN("typeof", COL("dt")), FN("weekofyear", COL("dt")), NULL);
    pi_show_n(c, d6, 20, 20, false);
    pi_tag(c, 12); /* line 3347 */
    d7 = pi_df(c, "ts timestamp",
               "(datetime(2015, 4, 8, 13, 8, 15, 0),), (datetime(2024, 10, 31, 10, 9, 16, 0),)",
               "ts");
    PI_EX(c, 13); /* line 3350 */
    d8 = pi_select(c, d7, COL("*"), FN("typeof", COL("ts")), FN("weekofyear", COL("ts")), NULL);
    pi_show_n(c, d8, 20, 20, false);
    (void)d1;
    (void)d2;
    (void)d3;
    (void)d4;
    (void)d5;
    (void)d6;
    (void)d7;
    (void)d8;
}

/* pyspark.sql.connect.functions.builtin.when (pyspark/sql/connect/functions/builtin.py:454) */
static void pi_fn_when(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3;
    pi_tag(c, 1); /* line 483 */
    d1 = pi_range_p(c, 0LL, 3LL, 1LL, 0);
    PI_EX(c, 2); /* line 484 */
    d2 = pi_select(
        c, d1, COL("*"),
        ember_otherwise(ember_when(ember_eq(DCOL(d1, "id"), LIT_I(2)), LIT_I(3)), LIT_I(4)), NULL);
    pi_show_n(c, d2, 20, 20, false);
    PI_EX(c, 3); /* line 493 */
    d3 = pi_select(
        c, d1, COL("*"),
        ember_when(ember_eq(DCOL(d1, "id"), LIT_I(2)), ember_add(DCOL(d1, "id"), LIT_I(1))), NULL);
    pi_show_n(c, d3, 20, 20, false);
    (void)d1;
    (void)d2;
    (void)d3;
}

/* pyspark.sql.connect.functions.builtin.xpath (pyspark/sql/connect/functions/builtin.py:3513) */
static void pi_fn_xpath(pi_ctx *c)
{
    ember_dataframe *d1, *d2;
    pi_tag(c, 1); /* line 3521 */
    d1 = pi_df(c, "x string", "('<a><b>b1</b><b>b2</b><b>b3</b><c>c1</c><c>c2</c></a>',)", "x");
    PI_EX(c, 2); /* line 3523 */
    d2 = pi_select(c, d1, FN("xpath", DCOL(d1, "x"), LIT_S("a/b/text()")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    (void)d1;
    (void)d2;
}

/* pyspark.sql.connect.functions.builtin.xpath_boolean
 * (pyspark/sql/connect/functions/builtin.py:3520) */
static void pi_fn_xpath_boolean(pi_ctx *c)
{
    ember_dataframe *d1, *d2;
    pi_tag(c, 1); /* line 3528 */
    d1 = pi_df(c, "x string", "('<a><b>1</b></a>',)", "x");
    PI_EX(c, 2); /* line 3529 */
    d2 = pi_select(c, d1, FN("xpath_boolean", DCOL(d1, "x"), LIT_S("a/b")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    (void)d1;
    (void)d2;
}

/* pyspark.sql.connect.functions.builtin.xpath_float (pyspark/sql/connect/functions/builtin.py:3541)
 */
static void pi_fn_xpath_float(pi_ctx *c)
{
    ember_dataframe *d1, *d2;
    pi_tag(c, 1); /* line 3550 */
    d1 = pi_df(c, "x string", "('<a><b>1</b><b>2</b></a>',)", "x");
    PI_EX(c, 2); /* line 3551 */
    d2 = pi_select(c, d1, FN("xpath_float", DCOL(d1, "x"), LIT_S("sum(a/b)")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    (void)d1;
    (void)d2;
}

/* pyspark.sql.connect.functions.builtin.xpath_long (pyspark/sql/connect/functions/builtin.py:3555)
 */
static void pi_fn_xpath_long(pi_ctx *c)
{
    ember_dataframe *d1, *d2;
    pi_tag(c, 1); /* line 3564 */
    d1 = pi_df(c, "x string", "('<a><b>1</b><b>2</b></a>',)", "x");
    PI_EX(c, 2); /* line 3565 */
    d2 = pi_select(c, d1, FN("xpath_long", DCOL(d1, "x"), LIT_S("sum(a/b)")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    (void)d1;
    (void)d2;
}

/* pyspark.sql.connect.functions.builtin.xpath_number
 * (pyspark/sql/connect/functions/builtin.py:3534) */
static void pi_fn_xpath_number(pi_ctx *c)
{
    ember_dataframe *d1, *d2;
    PI_EX(c, 1); /* line 3543 */
    d1 = pi_df(c, "x string", "('<a><b>1</b><b>2</b></a>',)", "x");
    d2 = pi_select(c, d1, FN("xpath_number", COL("x"), LIT_S("sum(a/b)")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    (void)d1;
    (void)d2;
}

/* pyspark.sql.connect.functions.builtin.xpath_short (pyspark/sql/connect/functions/builtin.py:3562)
 */
static void pi_fn_xpath_short(pi_ctx *c)
{
    ember_dataframe *d1, *d2;
    pi_tag(c, 1); /* line 3571 */
    d1 = pi_df(c, "x string", "('<a><b>1</b><b>2</b></a>',)", "x");
    PI_EX(c, 2); /* line 3572 */
    d2 = pi_select(c, d1, FN("xpath_short", DCOL(d1, "x"), LIT_S("sum(a/b)")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    (void)d1;
    (void)d2;
}

/* pyspark.sql.connect.functions.builtin.xpath_string
 * (pyspark/sql/connect/functions/builtin.py:3569) */
static void pi_fn_xpath_string(pi_ctx *c)
{
    ember_dataframe *d1, *d2;
    pi_tag(c, 1); /* line 3577 */
    d1 = pi_df(c, "x string", "('<a><b>b</b><c>cc</c></a>',)", "x");
    PI_EX(c, 2); /* line 3578 */
    d2 = pi_select(c, d1, FN("xpath_string", DCOL(d1, "x"), LIT_S("a/c")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    (void)d1;
    (void)d2;
}

/* pyspark.sql.connect.functions.builtin.xxhash64 (pyspark/sql/connect/functions/builtin.py:4411) */
static void pi_fn_xxhash64(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3, *d4;
    pi_tag(c, 1); /* line 4436 */
    d1 = pi_df(c, "c1 string, c2 string", "('ABC', 'DEF')", "c1,c2");
    PI_EX(c, 2); /* line 4437 */
    d2 = pi_select(c, d1, COL("*"), FN("xxhash64", COL("c1")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    PI_EX(c, 3); /* line 4444 */
    d3 = pi_select(c, d1, COL("*"), FN("xxhash64", COL("c1"), DCOL(d1, "c2")), NULL);
    pi_show_n(c, d3, 20, 20, false);
    PI_EX(c, 4); /* line 4451 */
    d4 = pi_select(c, d1, COL("*"), FN("xxhash64", COL("*")), NULL);
    pi_show_n(c, d4, 20, 20, false);
    (void)d1;
    (void)d2;
    (void)d3;
    (void)d4;
}

/* pyspark.sql.connect.functions.builtin.year (pyspark/sql/connect/functions/builtin.py:3205) */
static void pi_fn_year(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3, *d4, *d5, *d6, *d7, *d8;
    pi_tag(c, 1); /* line 3240 */
    d1 = pi_df(c, "dt string", "('2015-04-08',), ('2024-10-31',)", "dt");
    PI_EX(c, 2); /* line 3241 */
    d2 = pi_select(c, d1, COL("*"), FN("typeof", COL("dt")), FN("year", COL("dt")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    pi_tag(c, 4); /* line 3252 */
    d3 = pi_df(c, "ts string", "('2015-04-08 13:08:15',), ('2024-10-31 10:09:16',)", "ts");
    PI_EX(c, 5); /* line 3253 */
    d4 = pi_select(c, d3, COL("*"), FN("typeof", COL("ts")), FN("year", COL("ts")), NULL);
    pi_show_n(c, d4, 20, 20, false);
    pi_tag(c, 8); /* line 3265 */
    d5 = pi_df(c, "dt date", "(date(2015, 4, 8),), (date(2024, 10, 31),)", "dt");
    PI_EX(c, 9); /* line 3268 */
    d6 = pi_select(c, d5, COL("*"), FN("typeof", COL("dt")), FN("year", COL("dt")), NULL);
    pi_show_n(c, d6, 20, 20, false);
    pi_tag(c, 12); /* line 3280 */
    d7 = pi_df(c, "ts timestamp",
               "(datetime(2015, 4, 8, 13, 8, 15, 0),), (datetime(2024, 10, 31, 10, 9, 16, 0),)",
               "ts");
    PI_EX(c, 13); /* line 3283 */
    d8 = pi_select(c, d7, COL("*"), FN("typeof", COL("ts")), FN("year", COL("ts")), NULL);
    pi_show_n(c, d8, 20, 20, false);
    (void)d1;
    (void)d2;
    (void)d3;
    (void)d4;
    (void)d5;
    (void)d6;
    (void)d7;
    (void)d8;
}

/* pyspark.sql.connect.functions.builtin.zeroifnull (pyspark/sql/connect/functions/builtin.py:4783)
 */
static void pi_fn_zeroifnull(pi_ctx *c)
{
    ember_dataframe *d1, *d2, *d3;
    pi_tag(c, 1); /* line 4795 */
    d1 = pi_df(c, "a long", "(None,), (1,)", "a");
    PI_EX(c, 2); /* line 4796 */
    d2 = pi_select(c, d1, COL("*"), FN("zeroifnull", DCOL(d1, "a")), NULL);
    pi_show_n(c, d2, 20, 20, false);
    PI_EX(c, 3); /* line 4804 */
    d3 = pi_select(c, d1, COL("*"), FN("zeroifnull", COL("a")), NULL);
    pi_show_n(c, d3, 20, 20, false);
    (void)d1;
    (void)d2;
    (void)d3;
}

const pi_case pi_cases_functions[] = {
    {"pyspark.sql.connect.functions.builtin.acos", pi_fn_acos},
    {"pyspark.sql.connect.functions.builtin.acosh", pi_fn_acosh},
    {"pyspark.sql.connect.functions.builtin.aes_decrypt", pi_fn_aes_decrypt},
    {"pyspark.sql.connect.functions.builtin.aes_encrypt", pi_fn_aes_encrypt},
    {"pyspark.sql.connect.functions.builtin.any_value", pi_fn_any_value},
    {"pyspark.sql.connect.functions.builtin.array_agg", pi_fn_array_agg},
    {"pyspark.sql.connect.functions.builtin.array_compact", pi_fn_array_compact},
    {"pyspark.sql.connect.functions.builtin.array_contains", pi_fn_array_contains},
    {"pyspark.sql.connect.functions.builtin.array_distinct", pi_fn_array_distinct},
    {"pyspark.sql.connect.functions.builtin.array_except", pi_fn_array_except},
    {"pyspark.sql.connect.functions.builtin.array_intersect", pi_fn_array_intersect},
    {"pyspark.sql.connect.functions.builtin.array_join", pi_fn_array_join},
    {"pyspark.sql.connect.functions.builtin.array_min", pi_fn_array_min},
    {"pyspark.sql.connect.functions.builtin.array_position", pi_fn_array_position},
    {"pyspark.sql.connect.functions.builtin.array_remove", pi_fn_array_remove},
    {"pyspark.sql.connect.functions.builtin.array_size", pi_fn_array_size},
    {"pyspark.sql.connect.functions.builtin.array_union", pi_fn_array_union},
    {"pyspark.sql.connect.functions.builtin.arrays_overlap", pi_fn_arrays_overlap},
    {"pyspark.sql.connect.functions.builtin.asc", pi_fn_asc},
    {"pyspark.sql.connect.functions.builtin.asc_nulls_first", pi_fn_asc_nulls_first},
    {"pyspark.sql.connect.functions.builtin.asc_nulls_last", pi_fn_asc_nulls_last},
    {"pyspark.sql.connect.functions.builtin.asin", pi_fn_asin},
    {"pyspark.sql.connect.functions.builtin.asinh", pi_fn_asinh},
    {"pyspark.sql.connect.functions.builtin.atan", pi_fn_atan},
    {"pyspark.sql.connect.functions.builtin.bit_and", pi_fn_bit_and},
    {"pyspark.sql.connect.functions.builtin.bit_or", pi_fn_bit_or},
    {"pyspark.sql.connect.functions.builtin.bitmap_bucket_number", pi_fn_bitmap_bucket_number},
    {"pyspark.sql.connect.functions.builtin.bitmap_construct_agg", pi_fn_bitmap_construct_agg},
    {"pyspark.sql.connect.functions.builtin.bitmap_or_agg", pi_fn_bitmap_or_agg},
    {"pyspark.sql.connect.functions.builtin.bround", pi_fn_bround},
    {"pyspark.sql.connect.functions.builtin.call_udf", pi_fn_call_udf},
    {"pyspark.sql.connect.functions.builtin.cbrt", pi_fn_cbrt},
    {"pyspark.sql.connect.functions.builtin.ceiling", pi_fn_ceiling},
    {"pyspark.sql.connect.functions.builtin.char_length", pi_fn_char_length},
    {"pyspark.sql.connect.functions.builtin.character_length", pi_fn_character_length},
    {"pyspark.sql.connect.functions.builtin.coalesce", pi_fn_coalesce},
    {"pyspark.sql.connect.functions.builtin.collation", pi_fn_collation},
    {"pyspark.sql.connect.functions.builtin.collect_list", pi_fn_collect_list},
    {"pyspark.sql.connect.functions.builtin.collect_set", pi_fn_collect_set},
    {"pyspark.sql.connect.functions.builtin.concat_ws", pi_fn_concat_ws},
    {"pyspark.sql.connect.functions.builtin.contains", pi_fn_contains},
    {"pyspark.sql.connect.functions.builtin.conv", pi_fn_conv},
    {"pyspark.sql.connect.functions.builtin.cos", pi_fn_cos},
    {"pyspark.sql.connect.functions.builtin.cot", pi_fn_cot},
    {"pyspark.sql.connect.functions.builtin.count", pi_fn_count},
    {"pyspark.sql.connect.functions.builtin.count_distinct", pi_fn_count_distinct},
    {"pyspark.sql.connect.functions.builtin.count_min_sketch", pi_fn_count_min_sketch},
    {"pyspark.sql.connect.functions.builtin.crc32", pi_fn_crc32},
    {"pyspark.sql.connect.functions.builtin.current_timezone", pi_fn_current_timezone},
    {"pyspark.sql.connect.functions.builtin.date_diff", pi_fn_date_diff},
    {"pyspark.sql.connect.functions.builtin.date_format", pi_fn_date_format},
    {"pyspark.sql.connect.functions.builtin.date_from_unix_date", pi_fn_date_from_unix_date},
    {"pyspark.sql.connect.functions.builtin.date_trunc", pi_fn_date_trunc},
    {"pyspark.sql.connect.functions.builtin.day", pi_fn_day},
    {"pyspark.sql.connect.functions.builtin.dayname", pi_fn_dayname},
    {"pyspark.sql.connect.functions.builtin.dayofweek", pi_fn_dayofweek},
    {"pyspark.sql.connect.functions.builtin.dayofyear", pi_fn_dayofyear},
    {"pyspark.sql.connect.functions.builtin.decode", pi_fn_decode},
    {"pyspark.sql.connect.functions.builtin.degrees", pi_fn_degrees},
    {"pyspark.sql.connect.functions.builtin.desc", pi_fn_desc},
    {"pyspark.sql.connect.functions.builtin.desc_nulls_last", pi_fn_desc_nulls_last},
    {"pyspark.sql.connect.functions.builtin.e", pi_fn_e},
    {"pyspark.sql.connect.functions.builtin.element_at", pi_fn_element_at},
    {"pyspark.sql.connect.functions.builtin.elt", pi_fn_elt},
    {"pyspark.sql.connect.functions.builtin.encode", pi_fn_encode},
    {"pyspark.sql.connect.functions.builtin.every", pi_fn_every},
    {"pyspark.sql.connect.functions.builtin.explode", pi_fn_explode},
    {"pyspark.sql.connect.functions.builtin.expr", pi_fn_expr},
    {"pyspark.sql.connect.functions.builtin.extract", pi_fn_extract},
    {"pyspark.sql.connect.functions.builtin.factorial", pi_fn_factorial},
    {"pyspark.sql.connect.functions.builtin.first", pi_fn_first},
    {"pyspark.sql.connect.functions.builtin.first_value", pi_fn_first_value},
    {"pyspark.sql.connect.functions.builtin.flatten", pi_fn_flatten},
    {"pyspark.sql.connect.functions.builtin.floor", pi_fn_floor},
    {"pyspark.sql.connect.functions.builtin.format_number", pi_fn_format_number},
    {"pyspark.sql.connect.functions.builtin.from_unixtime", pi_fn_from_unixtime},
    {"pyspark.sql.connect.functions.builtin.from_utc_timestamp", pi_fn_from_utc_timestamp},
    {"pyspark.sql.connect.functions.builtin.getbit", pi_fn_getbit},
    {"pyspark.sql.connect.functions.builtin.greatest", pi_fn_greatest},
    {"pyspark.sql.connect.functions.builtin.hash", pi_fn_hash},
    {"pyspark.sql.connect.functions.builtin.hex", pi_fn_hex},
    {"pyspark.sql.connect.functions.builtin.hour", pi_fn_hour},
    {"pyspark.sql.connect.functions.builtin.initcap", pi_fn_initcap},
    {"pyspark.sql.connect.functions.builtin.inline_outer", pi_fn_inline_outer},
    {"pyspark.sql.connect.functions.builtin.instr", pi_fn_instr},
    {"pyspark.sql.connect.functions.builtin.is_valid_utf8", pi_fn_is_valid_utf8},
    {"pyspark.sql.connect.functions.builtin.isnan", pi_fn_isnan},
    {"pyspark.sql.connect.functions.builtin.isnotnull", pi_fn_isnotnull},
    {"pyspark.sql.connect.functions.builtin.java_method", pi_fn_java_method},
    {"pyspark.sql.connect.functions.builtin.json_array_length", pi_fn_json_array_length},
    {"pyspark.sql.connect.functions.builtin.json_object_keys", pi_fn_json_object_keys},
    {"pyspark.sql.connect.functions.builtin.json_tuple", pi_fn_json_tuple},
    {"pyspark.sql.connect.functions.builtin.lcase", pi_fn_lcase},
    {"pyspark.sql.connect.functions.builtin.lead", pi_fn_lead},
    {"pyspark.sql.connect.functions.builtin.least", pi_fn_least},
    {"pyspark.sql.connect.functions.builtin.left", pi_fn_left},
    {"pyspark.sql.connect.functions.builtin.levenshtein", pi_fn_levenshtein},
    {"pyspark.sql.connect.functions.builtin.like", pi_fn_like},
    {"pyspark.sql.connect.functions.builtin.listagg", pi_fn_listagg},
    {"pyspark.sql.connect.functions.builtin.ln", pi_fn_ln},
    {"pyspark.sql.connect.functions.builtin.locate", pi_fn_locate},
    {"pyspark.sql.connect.functions.builtin.log", pi_fn_log},
    {"pyspark.sql.connect.functions.builtin.log10", pi_fn_log10},
    {"pyspark.sql.connect.functions.builtin.log1p", pi_fn_log1p},
    {"pyspark.sql.connect.functions.builtin.log2", pi_fn_log2},
    {"pyspark.sql.connect.functions.builtin.lpad", pi_fn_lpad},
    {"pyspark.sql.connect.functions.builtin.ltrim", pi_fn_ltrim},
    {"pyspark.sql.connect.functions.builtin.make_date", pi_fn_make_date},
    {"pyspark.sql.connect.functions.builtin.make_timestamp_ltz", pi_fn_make_timestamp_ltz},
    {"pyspark.sql.connect.functions.builtin.make_valid_utf8", pi_fn_make_valid_utf8},
    {"pyspark.sql.connect.functions.builtin.make_ym_interval", pi_fn_make_ym_interval},
    {"pyspark.sql.connect.functions.builtin.map_concat", pi_fn_map_concat},
    {"pyspark.sql.connect.functions.builtin.map_contains_key", pi_fn_map_contains_key},
    {"pyspark.sql.connect.functions.builtin.map_from_arrays", pi_fn_map_from_arrays},
    {"pyspark.sql.connect.functions.builtin.map_from_entries", pi_fn_map_from_entries},
    {"pyspark.sql.connect.functions.builtin.map_keys", pi_fn_map_keys},
    {"pyspark.sql.connect.functions.builtin.map_values", pi_fn_map_values},
    {"pyspark.sql.connect.functions.builtin.max", pi_fn_max},
    {"pyspark.sql.connect.functions.builtin.max_by", pi_fn_max_by},
    {"pyspark.sql.connect.functions.builtin.mean", pi_fn_mean},
    {"pyspark.sql.connect.functions.builtin.median", pi_fn_median},
    {"pyspark.sql.connect.functions.builtin.min", pi_fn_min},
    {"pyspark.sql.connect.functions.builtin.min_by", pi_fn_min_by},
    {"pyspark.sql.connect.functions.builtin.minute", pi_fn_minute},
    {"pyspark.sql.connect.functions.builtin.mode", pi_fn_mode},
    {"pyspark.sql.connect.functions.builtin.monotonically_increasing_id",
     pi_fn_monotonically_increasing_id},
    {"pyspark.sql.connect.functions.builtin.monthname", pi_fn_monthname},
    {"pyspark.sql.connect.functions.builtin.months_between", pi_fn_months_between},
    {"pyspark.sql.connect.functions.builtin.named_struct", pi_fn_named_struct},
    {"pyspark.sql.connect.functions.builtin.nanvl", pi_fn_nanvl},
    {"pyspark.sql.connect.functions.builtin.next_day", pi_fn_next_day},
    {"pyspark.sql.connect.functions.builtin.nth_value", pi_fn_nth_value},
    {"pyspark.sql.connect.functions.builtin.nullifzero", pi_fn_nullifzero},
    {"pyspark.sql.connect.functions.builtin.nvl2", pi_fn_nvl2},
    {"pyspark.sql.connect.functions.builtin.parse_url", pi_fn_parse_url},
    {"pyspark.sql.connect.functions.builtin.pi", pi_fn_pi},
    {"pyspark.sql.connect.functions.builtin.posexplode_outer", pi_fn_posexplode_outer},
    {"pyspark.sql.connect.functions.builtin.positive", pi_fn_positive},
    {"pyspark.sql.connect.functions.builtin.pow", pi_fn_pow},
    {"pyspark.sql.connect.functions.builtin.printf", pi_fn_printf},
    {"pyspark.sql.connect.functions.builtin.quarter", pi_fn_quarter},
    {"pyspark.sql.connect.functions.builtin.radians", pi_fn_radians},
    {"pyspark.sql.connect.functions.builtin.rand", pi_fn_rand},
    {"pyspark.sql.connect.functions.builtin.randn", pi_fn_randn},
    {"pyspark.sql.connect.functions.builtin.randstr", pi_fn_randstr},
    {"pyspark.sql.connect.functions.builtin.regexp", pi_fn_regexp},
    {"pyspark.sql.connect.functions.builtin.regexp_count", pi_fn_regexp_count},
    {"pyspark.sql.connect.functions.builtin.regexp_extract_all", pi_fn_regexp_extract_all},
    {"pyspark.sql.connect.functions.builtin.regexp_like", pi_fn_regexp_like},
    {"pyspark.sql.connect.functions.builtin.regexp_replace", pi_fn_regexp_replace},
    {"pyspark.sql.connect.functions.builtin.regexp_substr", pi_fn_regexp_substr},
    {"pyspark.sql.connect.functions.builtin.regr_avgy", pi_fn_regr_avgy},
    {"pyspark.sql.connect.functions.builtin.regr_count", pi_fn_regr_count},
    {"pyspark.sql.connect.functions.builtin.regr_intercept", pi_fn_regr_intercept},
    {"pyspark.sql.connect.functions.builtin.regr_slope", pi_fn_regr_slope},
    {"pyspark.sql.connect.functions.builtin.regr_sxx", pi_fn_regr_sxx},
    {"pyspark.sql.connect.functions.builtin.regr_sxy", pi_fn_regr_sxy},
    {"pyspark.sql.connect.functions.builtin.regr_syy", pi_fn_regr_syy},
    {"pyspark.sql.connect.functions.builtin.right", pi_fn_right},
    {"pyspark.sql.connect.functions.builtin.rint", pi_fn_rint},
    {"pyspark.sql.connect.functions.builtin.round", pi_fn_round},
    {"pyspark.sql.connect.functions.builtin.rpad", pi_fn_rpad},
    {"pyspark.sql.connect.functions.builtin.schema_of_variant", pi_fn_schema_of_variant},
    {"pyspark.sql.connect.functions.builtin.sec", pi_fn_sec},
    {"pyspark.sql.connect.functions.builtin.second", pi_fn_second},
    {"pyspark.sql.connect.functions.builtin.sentences", pi_fn_sentences},
    {"pyspark.sql.connect.functions.builtin.sequence", pi_fn_sequence},
    {"pyspark.sql.connect.functions.builtin.sha", pi_fn_sha},
    {"pyspark.sql.connect.functions.builtin.sha1", pi_fn_sha1},
    {"pyspark.sql.connect.functions.builtin.shuffle", pi_fn_shuffle},
    {"pyspark.sql.connect.functions.builtin.sinh", pi_fn_sinh},
    {"pyspark.sql.connect.functions.builtin.skewness", pi_fn_skewness},
    {"pyspark.sql.connect.functions.builtin.sort_array", pi_fn_sort_array},
    {"pyspark.sql.connect.functions.builtin.split_part", pi_fn_split_part},
    {"pyspark.sql.connect.functions.builtin.sqrt", pi_fn_sqrt},
    {"pyspark.sql.connect.functions.builtin.stack", pi_fn_stack},
    {"pyspark.sql.connect.functions.builtin.startswith", pi_fn_startswith},
    {"pyspark.sql.connect.functions.builtin.stddev", pi_fn_stddev},
    {"pyspark.sql.connect.functions.builtin.stddev_pop", pi_fn_stddev_pop},
    {"pyspark.sql.connect.functions.builtin.stddev_samp", pi_fn_stddev_samp},
    {"pyspark.sql.connect.functions.builtin.str_to_map", pi_fn_str_to_map},
    {"pyspark.sql.connect.functions.builtin.substr", pi_fn_substr},
    {"pyspark.sql.connect.functions.builtin.sum", pi_fn_sum},
    {"pyspark.sql.connect.functions.builtin.tan", pi_fn_tan},
    {"pyspark.sql.connect.functions.builtin.tanh", pi_fn_tanh},
    {"pyspark.sql.connect.functions.builtin.time_diff", pi_fn_time_diff},
    {"pyspark.sql.connect.functions.builtin.timestamp_add", pi_fn_timestamp_add},
    {"pyspark.sql.connect.functions.builtin.timestamp_diff", pi_fn_timestamp_diff},
    {"pyspark.sql.connect.functions.builtin.timestamp_micros", pi_fn_timestamp_micros},
    {"pyspark.sql.connect.functions.builtin.timestamp_seconds", pi_fn_timestamp_seconds},
    {"pyspark.sql.connect.functions.builtin.to_char", pi_fn_to_char},
    {"pyspark.sql.connect.functions.builtin.to_date", pi_fn_to_date},
    {"pyspark.sql.connect.functions.builtin.to_timestamp_ltz", pi_fn_to_timestamp_ltz},
    {"pyspark.sql.connect.functions.builtin.to_timestamp_ntz", pi_fn_to_timestamp_ntz},
    {"pyspark.sql.connect.functions.builtin.to_unix_timestamp", pi_fn_to_unix_timestamp},
    {"pyspark.sql.connect.functions.builtin.to_utc_timestamp", pi_fn_to_utc_timestamp},
    {"pyspark.sql.connect.functions.builtin.to_varchar", pi_fn_to_varchar},
    {"pyspark.sql.connect.functions.builtin.trim", pi_fn_trim},
    {"pyspark.sql.connect.functions.builtin.trunc", pi_fn_trunc},
    {"pyspark.sql.connect.functions.builtin.try_avg", pi_fn_try_avg},
    {"pyspark.sql.connect.functions.builtin.try_divide", pi_fn_try_divide},
    {"pyspark.sql.connect.functions.builtin.try_make_interval", pi_fn_try_make_interval},
    {"pyspark.sql.connect.functions.builtin.try_make_timestamp_ltz", pi_fn_try_make_timestamp_ltz},
    {"pyspark.sql.connect.functions.builtin.try_mod", pi_fn_try_mod},
    {"pyspark.sql.connect.functions.builtin.try_reflect", pi_fn_try_reflect},
    {"pyspark.sql.connect.functions.builtin.try_subtract", pi_fn_try_subtract},
    {"pyspark.sql.connect.functions.builtin.try_to_binary", pi_fn_try_to_binary},
    {"pyspark.sql.connect.functions.builtin.try_to_number", pi_fn_try_to_number},
    {"pyspark.sql.connect.functions.builtin.try_to_time", pi_fn_try_to_time},
    {"pyspark.sql.connect.functions.builtin.try_to_timestamp", pi_fn_try_to_timestamp},
    {"pyspark.sql.connect.functions.builtin.typeof", pi_fn_typeof},
    {"pyspark.sql.connect.functions.builtin.ucase", pi_fn_ucase},
    {"pyspark.sql.connect.functions.builtin.udtf", pi_fn_udtf},
    {"pyspark.sql.connect.functions.builtin.unhex", pi_fn_unhex},
    {"pyspark.sql.connect.functions.builtin.unix_date", pi_fn_unix_date},
    {"pyspark.sql.connect.functions.builtin.unix_micros", pi_fn_unix_micros},
    {"pyspark.sql.connect.functions.builtin.unix_millis", pi_fn_unix_millis},
    {"pyspark.sql.connect.functions.builtin.unix_timestamp", pi_fn_unix_timestamp},
    {"pyspark.sql.connect.functions.builtin.validate_utf8", pi_fn_validate_utf8},
    {"pyspark.sql.connect.functions.builtin.var_pop", pi_fn_var_pop},
    {"pyspark.sql.connect.functions.builtin.weekofyear", pi_fn_weekofyear},
    {"pyspark.sql.connect.functions.builtin.when", pi_fn_when},
    {"pyspark.sql.connect.functions.builtin.xpath", pi_fn_xpath},
    {"pyspark.sql.connect.functions.builtin.xpath_boolean", pi_fn_xpath_boolean},
    {"pyspark.sql.connect.functions.builtin.xpath_float", pi_fn_xpath_float},
    {"pyspark.sql.connect.functions.builtin.xpath_long", pi_fn_xpath_long},
    {"pyspark.sql.connect.functions.builtin.xpath_number", pi_fn_xpath_number},
    {"pyspark.sql.connect.functions.builtin.xpath_short", pi_fn_xpath_short},
    {"pyspark.sql.connect.functions.builtin.xpath_string", pi_fn_xpath_string},
    {"pyspark.sql.connect.functions.builtin.xxhash64", pi_fn_xxhash64},
    {"pyspark.sql.connect.functions.builtin.year", pi_fn_year},
    {"pyspark.sql.connect.functions.builtin.zeroifnull", pi_fn_zeroifnull},
    {NULL, NULL},
};
