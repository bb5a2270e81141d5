/*
 * pi_cases_dataframe.c: plan-identity programs for the DataFrame docstrings
 * (pyspark/sql/dataframe.py, run against Connect), written by hand. Each function is one
 * docstring; the comment above it names the docstring's source file and line, and each PI_EX
 * names the example's index and its line in the docstring (cases.json "line").
 */
#include "pi_main.h"

/* The three-person table many DataFrame docstrings start from (ages 14, 23, 16). */
static ember_dataframe *pi_people3(pi_ctx *c)
{
    return pi_df(c, "age long, name string", "(14, 'Tom'), (23, 'Alice'), (16, 'Bob')", "age,name");
}

/* The two-person table (ages 2 and 5). */
static ember_dataframe *pi_people2(pi_ctx *c)
{
    return pi_df(c, "age long, name string", "(2, 'Alice'), (5, 'Bob')", "age,name");
}

/* dataframe.py:80 DataFrame (class docstring) */
static void pi_dataframe_class(pi_ctx *c)
{
    ember_dataframe *people =
        pi_df(c, "age long, deptId long, gender string, name string, salary long",
              "{'deptId': 1, 'age': 40, 'name': 'Hyukjin Kwon', 'gender': 'M', 'salary': 50},"
              "{'deptId': 1, 'age': 50, 'name': 'Takuya Ueshin', 'gender': 'M', 'salary': 100},"
              "{'deptId': 2, 'age': 60, 'name': 'Xinrong Meng', 'gender': 'F', 'salary': 150},"
              "{'deptId': 3, 'age': 20, 'name': 'Haejoon Lee', 'gender': 'M', 'salary': 200}",
              NULL);
    ember_dataframe *department = pi_df(
        c, "id long, name string",
        "{'id': 1, 'name': 'PySpark'}, {'id': 2, 'name': 'ML'}, {'id': 3, 'name': 'Spark SQL'}",
        NULL);
    /* filter, join on deptId = id, groupBy(name, gender).agg({salary: avg, age: max}),
     * sort by "max(age)", show */
    PI_EX(c, 3);
    ember_dataframe *f = pi_filter(c, people, ember_gt(DCOL(people, "age"), LIT_I(30)));
    ember_dataframe *j =
        pi_join(c, f, department, ember_eq(DCOL(people, "deptId"), DCOL(department, "id")), NULL);
    ember_column *g[2] = {DCOL(department, "name"), COL("gender")};
    ember_column *aggs[2] = {FN("avg", COL("salary")), FN("max", COL("age"))};
    ember_dataframe *a = pi_group_agg(c, j, g, 2, aggs, 2);
    pi_show(c, pi_sort_names(c, a, "max(age)", NULL));
}

/* dataframe.py:370 DataFrame.__getitem__ */
static void pi_dataframe_getitem(pi_ctx *c)
{
    ember_dataframe *df = pi_people2(c);
    PI_EX(c, 1); /* line 403 */
    pi_show(c, pi_select(c, df, DCOL(df, "age"), NULL));
    PI_EX(c, 2); /* line 411 */
    pi_show(c, pi_select(c, df, COL("name"), NULL));
    PI_EX(c, 3); /* line 421 */
    pi_show(c, pi_select_names(c, df, "name", "age", NULL));
    PI_EX(c, 4); /* line 428 */
    pi_show(c, pi_filter(c, df, ember_gt(DCOL(df, "age"), LIT_I(3))));
    PI_EX(c, 5); /* line 434 */
    pi_show(c, pi_filter(c, df, ember_gt(COL("age"), LIT_I(3))));
}

/* dataframe.py:370 DataFrame.alias */
static void pi_dataframe_alias(pi_ctx *c)
{
    ember_dataframe *df = pi_people3(c);
    ember_dataframe *df_as1 = pi_alias(c, df, "df_as1");
    ember_dataframe *df_as2 = pi_alias(c, df, "df_as2");
    ember_dataframe *joined =
        pi_join(c, df_as1, df_as2, ember_eq(COL("df_as1.name"), COL("df_as2.name")), "inner");
    /* select the three qualified names, sort by desc("df_as1.name"), show */
    PI_EX(c, 5);
    ember_dataframe *s =
        pi_select_names(c, joined, "df_as1.name", "df_as2.name", "df_as2.age", NULL);
    pi_show(c, pi_sort(c, s, ember_desc(COL("df_as1.name")), NULL));
}

/* dataframe.py (DataFrame.columns) */
static void pi_dataframe_columns(pi_ctx *c)
{
    ember_dataframe *df =
        pi_df(c, "age long, name string, state string",
              "(14, 'Tom', 'CA'), (23, 'Alice', 'NY'), (16, 'Bob', 'TX')", "age,name,state");
    PI_EX(c, 3);
    pi_show(c, pi_select_names(c, df, "name", "state", NULL));
    ember_dataframe *d = df;
    const char *names[3] = {"age", "name", "state"};
    for (int idx = 0; idx < 3; idx++)
        d = pi_with_column(c, d, names[idx], FN("upper", COL(names[idx])));
    PI_EX(c, 8);
    pi_show(c, d);
}

/* dataframe.py:370 DataFrame.count */
static void pi_dataframe_count(pi_ctx *c)
{
    ember_dataframe *df = pi_people3(c);
    PI_EX(c, 1); /* line 389 */
    pi_count(c, df);
}

/* dataframe.py:370 DataFrame.createOrReplaceGlobalTempView */
static void pi_dataframe_global_view(pi_ctx *c)
{
    ember_dataframe *df = pi_people2(c);
    PI_EX(c, 1); /* line 389 */
    pi_view(c, df, "people", true, true);
    ember_dataframe *df2 = pi_filter(c, df, ember_gt(DCOL(df, "age"), LIT_I(3)));
    PI_EX(c, 3); /* line 394 */
    pi_view(c, df2, "people", true, true);
}

/* dataframe.py:370 DataFrame.createOrReplaceTempView */
static void pi_dataframe_temp_view(pi_ctx *c)
{
    ember_dataframe *df = pi_people2(c);
    PI_EX(c, 1); /* line 392 */
    pi_view(c, df, "people", true, false);
    ember_dataframe *df2 = pi_filter(c, df, ember_gt(DCOL(df, "age"), LIT_I(3)));
    PI_EX(c, 3); /* line 398 */
    pi_view(c, df2, "people", true, false);
    PI_EX(c, 4); /* line 400 */
    pi_sql(c, "SELECT * FROM people");
}

/* dataframe.py:370 DataFrame.createTempView */
static void pi_dataframe_create_temp_view(pi_ctx *c)
{
    ember_dataframe *df = pi_people2(c);
    PI_EX(c, 1); /* line 392 */
    pi_view(c, df, "people", false, false);
    PI_EX(c, 2); /* line 393 */
    pi_show(c, pi_sql(c, "SELECT * FROM people"));
    PI_EX(c, 3); /* line 403 */
    pi_view(c, df, "people", false, false);
    PI_EX(c, 5); /* line 412 */
    pi_view(c, df, "people", false, false);
    ember_dataframe *df1 = pi_df(c, "id long, name string", "(1, 'John'), (2, 'Jane')", "id,name");
    ember_dataframe *df2 = pi_df(c, "id long, name string", "(3, 'Jake'), (4, 'Jill')", "id,name");
    PI_EX(c, 8); /* line 419 */
    pi_view(c, df1, "table1", false, false);
    PI_EX(c, 9); /* line 420 */
    pi_view(c, df2, "table2", false, false);
    ember_dataframe *r = pi_union(c, pi_table(c, "table1"), pi_table(c, "table2"));
    PI_EX(c, 11);
    pi_show(c, r);
}

/* dataframe.py:370 DataFrame.distinct */
static void pi_dataframe_distinct(pi_ctx *c)
{
    ember_dataframe *df =
        pi_df(c, "age long, name string", "(14, 'Tom'), (23, 'Alice'), (23, 'Alice')", "age,name");
    PI_EX(c, 1); /* line 392 */
    pi_show(c, pi_distinct(c, df));
    PI_EX(c, 2); /* line 402 */
    pi_count(c, pi_distinct(c, df));
    df = pi_df(c, "age long, name string, gender string",
               "(14, 'Tom', 'M'), (23, 'Alice', 'F'), (23, 'Alice', 'F'), (14, 'Tom', 'M')",
               "age,name,gender");
    PI_EX(c, 4); /* line 410 */
    pi_show(c, pi_distinct(c, df));
    PI_EX(c, 5); /* line 420 */
    pi_show(c, pi_distinct(c, pi_select_names(c, df, "name", NULL)));
    PI_EX(c, 6); /* line 430 */
    pi_count(c, pi_distinct(c, pi_select_names(c, df, "name", NULL)));
    PI_EX(c, 7); /* line 435 */
    pi_show(c, pi_distinct(c, pi_select_names(c, df, "name", "gender", NULL)));
    df = pi_df(c, "age long, name string, gender string",
               "(14, 'Tom', 'M'), (23, 'Alice', 'F'), (23, 'Alice', 'F'), (14, 'Tom', None)",
               "age,name,gender");
    PI_EX(c, 9); /* line 448 */
    pi_show(c, pi_distinct(c, df));
    PI_EX(c, 10); /* line 459 */
    pi_show(c, pi_filter(c, pi_distinct(c, df), ember_is_not_null(DCOL(df, "gender"))));
}

/* dataframe.py:370 DataFrame.drop */
static void pi_dataframe_drop(pi_ctx *c)
{
    ember_dataframe *df = pi_people3(c);
    PI_EX(c, 1); /* line 402 */
    pi_show(c, pi_drop_names(c, df, "age", NULL));
    PI_EX(c, 2); /* line 413 */
    pi_show(c, pi_drop_cols(c, df, DCOL(df, "age"), NULL));
    ember_dataframe *df2 =
        pi_df(c, "height long, name string", "(80, 'Tom'), (85, 'Bob')", "height,name");
    PI_EX(c, 4); /* line 425 */
    ember_dataframe *j = pi_join(c, df, df2, ember_eq(DCOL(df, "name"), DCOL(df2, "name")), NULL);
    pi_show(c, pi_sort_names(c, pi_drop_names(c, j, "name", NULL), "age", NULL));
    ember_dataframe *df3 = pi_join(c, df, df2, NULL, NULL);
    PI_EX(c, 6); /* line 434 */
    pi_show(c, df3);
    PI_EX(c, 7); /* line 448 */
    pi_show(c, pi_drop_names(c, df3, "name", NULL));
    PI_EX(c, 9); /* line 463 */
    pi_show(c, pi_drop_cols(c, df3, COL("name"), NULL));
    ember_dataframe *df4 = pi_with_column(c, df, "a.b.c", LIT_I(1));
    PI_EX(c, 12); /* line 472 */
    pi_show(c, df4);
    PI_EX(c, 13); /* line 481 */
    pi_show(c, pi_drop_names(c, df4, "a.b.c", NULL));
    PI_EX(c, 14); /* line 490 */
    pi_show(c, pi_drop_cols(c, df4, COL("a.b.c"), NULL));
}

/* dataframe.py:370 DataFrame.dropDuplicates */
static void pi_dataframe_drop_duplicates(pi_ctx *c)
{
    ember_dataframe *df = pi_df(c, "name string, age long, height long",
                                "Row(name='Alice', age=5, height=80),"
                                "Row(name='Alice', age=5, height=80),"
                                "Row(name='Alice', age=10, height=80)",
                                NULL);
    PI_EX(c, 2); /* line 407 */
    pi_show(c, pi_dedup(c, df, NULL));
    PI_EX(c, 3); /* line 417 */
    pi_show(c, pi_dedup(c, df, "name", "height", NULL));
}

/* dataframe.py:370 DataFrame.first, head, take, limit, offset */
static void pi_dataframe_first(pi_ctx *c)
{
    ember_dataframe *df = pi_people2(c);
    PI_EX(c, 1); /* line 386 */
    pi_take(c, df, 1);
}

static void pi_dataframe_head(pi_ctx *c)
{
    ember_dataframe *df = pi_people2(c);
    PI_EX(c, 1); /* line 397 */
    pi_take(c, df, 1);
    PI_EX(c, 2); /* line 399 */
    pi_take(c, df, 1);
    PI_EX(c, 3); /* line 401 */
    pi_take(c, df, 0);
}

static void pi_dataframe_take(pi_ctx *c)
{
    ember_dataframe *df = pi_people3(c);
    PI_EX(c, 1); /* line 395 */
    pi_take(c, df, 2);
}

static void pi_dataframe_limit(pi_ctx *c)
{
    ember_dataframe *df = pi_people3(c);
    PI_EX(c, 1); /* line 392 */
    pi_show(c, pi_limit(c, df, 1));
    PI_EX(c, 2); /* line 398 */
    pi_show(c, pi_limit(c, df, 0));
}

static void pi_dataframe_offset(pi_ctx *c)
{
    ember_dataframe *df = pi_people3(c);
    PI_EX(c, 1); /* line 391 */
    pi_show(c, pi_offset(c, df, 1));
    PI_EX(c, 2); /* line 398 */
    pi_show(c, pi_offset(c, df, 10));
}

/* dataframe.py:370 DataFrame.intersect / intersectAll / subtract */
static void pi_set_op_case(pi_ctx *c, int kind, bool all, bool sort)
{
    ember_dataframe *df1, *df2, *r;
    df1 = pi_df(c, "C1 string, C2 long", "('a', 1), ('a', 1), ('b', 3), ('c', 4)", "C1,C2");
    df2 = pi_df(c, "C1 string, C2 long", "('a', 1), ('a', 1), ('b', 3)", "C1,C2");
    r = kind ? pi_except(c, df1, df2, all) : pi_intersect(c, df1, df2, all);
    if (sort)
        r = pi_sort_names(c, r, "C1", "C2", NULL);
    PI_EX(c, 3);
    pi_show(c, r);
    df1 = pi_df(c, "id long, value string", "(1, 'A'), (2, 'B')", "id,value");
    df2 = pi_df(c, "id long, value string", "(2, 'B'), (3, 'C')", "id,value");
    r = kind ? pi_except(c, df1, df2, all) : pi_intersect(c, df1, df2, all);
    if (sort)
        r = pi_sort_names(c, r, "id", "value", NULL);
    PI_EX(c, 7);
    pi_show(c, r);
    if (kind) {
        df1 = pi_df(c, "A long, B long", "(1, 2)", "A,B");
        df2 = pi_df(c, "C long, D long", "(1, 2)", "C,D");
    } else {
        df1 = pi_df(c, "A long, B long", "(1, 2), (1, 2), (3, 4)", "A,B");
        df2 = pi_df(c, "C long, D long", "(1, 2), (1, 2)", "C,D");
    }
    r = kind ? pi_except(c, df1, df2, all) : pi_intersect(c, df1, df2, all);
    if (sort)
        r = pi_sort_names(c, r, "A", "B", NULL);
    PI_EX(c, 11);
    pi_show(c, r);
}

static void pi_dataframe_intersect(pi_ctx *c)
{
    pi_set_op_case(c, 0, false, true);
}

static void pi_dataframe_intersect_all(pi_ctx *c)
{
    pi_set_op_case(c, 0, true, true);
}

static void pi_dataframe_subtract(pi_ctx *c)
{
    pi_set_op_case(c, 1, false, false);
}

/* dataframe.py:370 DataFrame.isEmpty */
static void pi_dataframe_is_empty(pi_ctx *c)
{
    ember_dataframe *df = pi_df_schema(c, "a string", "", "a STRING");
    PI_EX(c, 1); /* line 397 */
    pi_is_empty(c, df);
    df = pi_df_schema(c, "value string", "'a'", "STRING");
    PI_EX(c, 3); /* line 403 */
    pi_is_empty(c, df);
    df = pi_df_schema(c, "a string, b int", "(None, None)", "a STRING, b INT");
    PI_EX(c, 5); /* line 409 */
    pi_is_empty(c, df);
    df = pi_df_schema(c, "id int, value string", "", "id INT, value STRING");
    PI_EX(c, 7); /* line 415 */
    pi_is_empty(c, df);
}

/* dataframe.py:370 DataFrame.registerTempTable */
static void pi_dataframe_register_temp_table(pi_ctx *c)
{
    ember_dataframe *df = pi_people2(c);
    PI_EX(c, 1); /* line 391 */
    pi_view(c, df, "people", true, false);
    PI_EX(c, 2); /* line 392 */
    pi_sql(c, "SELECT * FROM people");
}

/* dataframe.py:370 DataFrame.repartition */
static void pi_dataframe_repartition(pi_ctx *c)
{
    ember_dataframe *r = NULL;
    ember_error err;
    ember_range(c->s, 0, 64, 1, 9, &r, &err);
    pi_keep(c, r, EMBER_OK, &err);
    ember_dataframe *df =
        pi_with_column(c, r, "name", FN("concat", LIT_S("name_"), ember_cast(COL("id"), "string")));
    df = pi_with_column(c, df, "age", ember_sub(COL("id"), LIT_I(32)));
    PI_EX(c, 2); /* df.select(sf.spark_partition_id().alias("partition")).distinct()
                    .sort("partition").show() */
    ember_dataframe *s =
        pi_select(c, df, ember_alias(FN0("spark_partition_id"), "partition"), NULL);
    pi_show(c, pi_sort_names(c, pi_distinct(c, s), "partition", NULL));
    PI_EX(c, 3); /* line 424 */
    ember_dataframe *rp = NULL;
    int rc = ember_df_repartition(df, 10, true, &rp, &err);
    rp = pi_keep(c, rp, rc, &err);
    s = pi_select(c, rp, ember_alias(FN0("spark_partition_id"), "partition"), NULL);
    pi_show(c, pi_sort_names(c, pi_distinct(c, s), "partition", NULL));
}

/* dataframe.py:370 DataFrame.select */
static void pi_dataframe_select(pi_ctx *c)
{
    ember_dataframe *df = pi_people2(c);
    PI_EX(c, 1); /* line 396 */
    pi_show(c, pi_select(c, df, COL("*"), NULL));
    PI_EX(c, 2); /* line 406 */
    pi_show(c, pi_select(c, df, DCOL(df, "name"),
                         ember_alias(ember_add(DCOL(df, "age"), LIT_I(10)), "age"), NULL));
}

/* dataframe.py:370 DataFrame.selectExpr */
static void pi_dataframe_select_expr(pi_ctx *c)
{
    ember_dataframe *df = pi_people2(c);
    PI_EX(c, 1); /* line 388 */
    pi_show(c, pi_select_expr(c, df, "age * 2", "abs(age)", NULL));
}

/* dataframe.py:370 DataFrame.sort */
static void pi_dataframe_sort(pi_ctx *c)
{
    ember_dataframe *df = pi_people2(c);
    PI_EX(c, 2); /* line 411 */
    pi_show(c, pi_sort(c, df, ember_asc(COL("age")), NULL));
    PI_EX(c, 3); /* line 419 */
    pi_show(c, pi_sort(c, df, COL("age"), NULL));
    PI_EX(c, 4); /* line 429 */
    pi_show(c, pi_sort(c, df, ember_desc(DCOL(df, "age")), NULL));
    PI_EX(c, 5); /* line 437 */
    pi_show(c, pi_sort(c, df, ember_desc(DCOL(df, "age")), NULL));
    PI_EX(c, 6); /* line 445 */
    pi_show(c, pi_sort(c, df, ember_desc(COL("age")), NULL));
    PI_EX(c, 7); /* line 453 */
    pi_show(c, pi_sort(c, df, ember_desc(COL("age")), NULL));
    df = pi_df(c, "age long, name string", "(2, 'Alice'), (2, 'Bob'), (5, 'Bob')", "age,name");
    PI_EX(c, 10); /* line 466 */
    pi_show(c, pi_sort(c, df, ember_desc(COL("age")), COL("name"), NULL));
    PI_EX(c, 11); /* line 475 */
    pi_show(c, pi_sort(c, df, ember_desc(COL("age")), COL("name"), NULL));
    PI_EX(c, 12); /* line 484 */
    pi_show(c, pi_sort(c, df, ember_desc(COL("age")), COL("name"), NULL));
    PI_EX(c, 13); /* line 495 */
    pi_show(c, pi_sort(c, df, ember_desc(COL("age")), ember_desc(COL("name")), NULL));
    PI_EX(c, 14); /* line 504 */
    pi_show(c, pi_sort(c, df, ember_desc(COL("age")), ember_desc(COL("name")), NULL));
    PI_EX(c, 15); /* line 513 */
    pi_show(c, pi_sort(c, df, ember_desc(COL("age")), ember_desc(COL("name")), NULL));
}

/* dataframe.py:370 DataFrame.toDF */
static void pi_dataframe_to_df(pi_ctx *c)
{
    ember_dataframe *df = pi_people3(c);
    PI_EX(c, 1); /* line 393 */
    pi_show(c, pi_to_df(c, df, "f1", "f2", NULL));
}

/* dataframe.py:370 DataFrame.union */
static void pi_dataframe_union(pi_ctx *c)
{
    ember_dataframe *df1 = pi_df(c, "id long, value string", "(1, 'A'), (2, 'B')", "id,value");
    ember_dataframe *df2 = pi_df(c, "id long, value string", "(3, 'C'), (4, 'D')", "id,value");
    PI_EX(c, 3); /* line 409 */
    pi_show(c, pi_union(c, df1, df2));
    df1 = pi_df_schema(c, "id long, money int", "(100001, 1), (100002, 2)", "id LONG, money INT");
    df2 = pi_df_schema(c, "money int, id long", "(3, 100003), (4, 100003)", "money INT, id LONG");
    df1 = pi_with_column(c, df1, "age", LIT_I(30));
    df2 = pi_with_column(c, df2, "age", LIT_I(40));
    PI_EX(c, 10); /* line 427 */
    pi_show(c, pi_union(c, df1, df2));
    df1 = pi_df(c, "A long, B long", "(1, 2)", "A,B");
    df2 = pi_df(c, "C long, D long", "(3, 4)", "C,D");
    PI_EX(c, 14);
    pi_show(c, pi_union(c, df1, df2));
    df1 = pi_df(c, "id long, value string", "(1, 'A'), (2, 'B'), (3, 'C')", "id,value");
    df2 = pi_df(c, "id long, value string", "(3, 'C'), (4, 'D')", "id,value");
    PI_EX(c, 18); /* line 455 */
    pi_show(c, pi_sort_names(c, pi_distinct(c, pi_union(c, df1, df2)), "id", NULL));
}

/* dataframe.py:370 DataFrame.unionByName */
static void pi_dataframe_union_by_name(pi_ctx *c)
{
    ember_dataframe *df1 =
        pi_df(c, "col0 long, col1 long, col2 long", "[1, 2, 3]", "col0,col1,col2");
    ember_dataframe *df2 =
        pi_df(c, "col1 long, col2 long, col0 long", "[4, 5, 6]", "col1,col2,col0");
    PI_EX(c, 2); /* line 403 */
    pi_show(c, pi_union_by_name(c, df1, df2, false));
    df1 = pi_df(c, "col0 long, col1 long, col2 long", "[1, 2, 3]", "col0,col1,col2");
    df2 = pi_df(c, "col1 long, col2 long, col3 long", "[4, 5, 6]", "col1,col2,col3");
    PI_EX(c, 5); /* line 415 */
    pi_show(c, pi_union_by_name(c, df1, df2, true));
    df1 = pi_df(c, "col0 long, col1 long, col2 long", "[1, 2, 3]", "col0,col1,col2");
    df2 = pi_df(c, "col1 long, col2 long, col3 long, col4 long", "[4, 5, 6, 7]",
                "col1,col2,col3,col4");
    PI_EX(c, 8);
    pi_show(c, pi_union_by_name(c, df1, df2, true));
    df1 = pi_df(c, "col0 long, col1 long, col2 long", "[0, 1, 2]", "col0,col1,col2");
    df2 = pi_df(c, "col3 long, col4 long, col5 long", "[3, 4, 5]", "col3,col4,col5");
    PI_EX(c, 11);
    pi_show(c, pi_union_by_name(c, df1, df2, true));
}

/* dataframe.py:370 DataFrame.withColumn */
static void pi_dataframe_with_column(pi_ctx *c)
{
    ember_dataframe *df = pi_people2(c);
    PI_EX(c, 1); /* line 404 */
    pi_show(c, pi_with_column(c, df, "age2", ember_add(DCOL(df, "age"), LIT_I(2))));
}

/* DataFrame.unpivot: df.show(), then unpivot("id", ["int", "double"], "var", "val")
   .sort("id", sf.desc("var")).show() */
static void pi_dataframe_unpivot(pi_ctx *c)
{
    ember_dataframe *df =
        pi_df(c, "id long, int long, double double", "(1, 11, 1.1), (2, 12, 1.2)", "id,int,double");
    PI_EX(c, 1); /* line 422 */
    pi_show(c, df);
    PI_EX(c, 3);
    ember_dataframe *u = NULL;
    ember_error err;
    int rc = df ? ember_df_unpivot(df, (ember_column *[]){COL("id")}, 1,
                                   (ember_column *[]){COL("int"), COL("double")}, 2, true, "var",
                                   "val", &u, &err)
                : EMBER_EINVAL;
    u = pi_keep(c, u, rc, &err);
    pi_show(c, pi_sort(c, u, COL("id"), ember_desc(COL("var")), NULL));
}

/* DataFrame.crosstab: df.crosstab("c1", "c2").sort("c1_c2").show() */
static void pi_dataframe_crosstab(pi_ctx *c)
{
    ember_dataframe *df =
        pi_df(c, "c1 long, c2 long", "(1, 11), (1, 11), (3, 10), (4, 8), (4, 8)", "c1,c2");
    PI_EX(c, 1);
    ember_dataframe *x = NULL;
    ember_error err;
    int rc = df ? ember_df_crosstab(df, "c1", "c2", &x, &err) : EMBER_EINVAL;
    pi_show(c, pi_sort_names(c, pi_keep(c, x, rc, &err), "c1_c2", NULL));
}

/* DataFrame.approxQuantile: one column, two columns, a column with nulls. */
static void pi_dataframe_approx_quantile(pi_ctx *c)
{
    static const double probs[] = {0.0, 0.5, 1.0};
    static const struct {
        int config, action;
        const char *schema, *rows, *names;
        size_t n_cols;
    } ex[] = {
        {1, 2, "values long", "(1,), (2,), (3,), (4,), (5,)", "values", 1},
        {5, 6, "col1 long, col2 long", "(1, 10), (2, 20), (3, 30), (4, 40), (5, 50)", "col1,col2",
         2},
        {9, 10, "values long", "(1,), (None,), (3,), (4,), (None,)", "values", 1},
    };
    static const char *const one[] = {"values"}, *const two[] = {"col1", "col2"};
    for (size_t k = 0; k < sizeof ex / sizeof ex[0]; k++) {
        PI_EX(c, ex[k].config);
        ember_dataframe *df = pi_df(c, ex[k].schema, ex[k].rows, ex[k].names);
        PI_EX(c, ex[k].action);
        double out[6];
        ember_error err;
        if (df)
            ember_df_approx_quantile(df, ex[k].n_cols == 1 ? one : two, ex[k].n_cols, probs, 3,
                                     0.05, out, &err);
    }
}

/* DataFrame.cov / DataFrame.corr over two small tables. */
static void pi_dataframe_cov_corr(pi_ctx *c, bool corr)
{
    static const struct {
        const char *rows, *names, *col1, *col2;
    } ex[] = {
        {"(1, 12), (10, 1), (19, 8)", "c1,c2", "c1", "c2"},
        {"(11, 12), (10, 11), (9, 10)", "small,bigger", "small", "bigger"},
    };
    for (int k = 0; k < 2; k++) {
        PI_EX(c, 2 * k);
        ember_dataframe *df = pi_df(c, k == 0 ? "c1 long, c2 long" : "small long, bigger long",
                                    ex[k].rows, ex[k].names);
        PI_EX(c, 2 * k + 1);
        double v;
        ember_error err;
        if (df) {
            if (corr)
                ember_df_corr(df, ex[k].col1, ex[k].col2, &v, &err);
            else
                ember_df_cov(df, ex[k].col1, ex[k].col2, &v, &err);
        }
    }
}

static void pi_dataframe_cov(pi_ctx *c)
{
    pi_dataframe_cov_corr(c, false);
}

static void pi_dataframe_corr(pi_ctx *c)
{
    pi_dataframe_cov_corr(c, true);
}

/* DataFrame.tail: df.tail(2) */
static void pi_dataframe_tail(pi_ctx *c)
{
    ember_dataframe *df = pi_people3(c);
    PI_EX(c, 1);
    struct ArrowArrayStream st;
    ember_error err;
    if (df && ember_df_tail(df, 2, &st, &err) == EMBER_OK) {
        struct ArrowArray arr;
        while (st.get_next(&st, &arr) == 0 && arr.release)
            arr.release(&arr);
        st.release(&st);
    }
}

const pi_case pi_cases_dataframe[] = {
    {"pyspark.sql.dataframe.DataFrame", pi_dataframe_class},
    {"pyspark.sql.dataframe.DataFrame.__getitem__", pi_dataframe_getitem},
    {"pyspark.sql.dataframe.DataFrame.alias", pi_dataframe_alias},
    {"pyspark.sql.dataframe.DataFrame.columns", pi_dataframe_columns},
    {"pyspark.sql.dataframe.DataFrame.count", pi_dataframe_count},
    {"pyspark.sql.dataframe.DataFrame.createOrReplaceGlobalTempView", pi_dataframe_global_view},
    {"pyspark.sql.dataframe.DataFrame.createOrReplaceTempView", pi_dataframe_temp_view},
    {"pyspark.sql.dataframe.DataFrame.createTempView", pi_dataframe_create_temp_view},
    {"pyspark.sql.dataframe.DataFrame.distinct", pi_dataframe_distinct},
    {"pyspark.sql.dataframe.DataFrame.drop", pi_dataframe_drop},
    {"pyspark.sql.dataframe.DataFrame.dropDuplicates", pi_dataframe_drop_duplicates},
    {"pyspark.sql.dataframe.DataFrame.first", pi_dataframe_first},
    {"pyspark.sql.dataframe.DataFrame.head", pi_dataframe_head},
    {"pyspark.sql.dataframe.DataFrame.take", pi_dataframe_take},
    {"pyspark.sql.dataframe.DataFrame.limit", pi_dataframe_limit},
    {"pyspark.sql.dataframe.DataFrame.offset", pi_dataframe_offset},
    {"pyspark.sql.dataframe.DataFrame.intersect", pi_dataframe_intersect},
    {"pyspark.sql.dataframe.DataFrame.intersectAll", pi_dataframe_intersect_all},
    {"pyspark.sql.dataframe.DataFrame.subtract", pi_dataframe_subtract},
    {"pyspark.sql.dataframe.DataFrame.isEmpty", pi_dataframe_is_empty},
    {"pyspark.sql.dataframe.DataFrame.registerTempTable", pi_dataframe_register_temp_table},
    {"pyspark.sql.dataframe.DataFrame.repartition", pi_dataframe_repartition},
    {"pyspark.sql.dataframe.DataFrame.select", pi_dataframe_select},
    {"pyspark.sql.dataframe.DataFrame.selectExpr", pi_dataframe_select_expr},
    {"pyspark.sql.dataframe.DataFrame.sort", pi_dataframe_sort},
    {"pyspark.sql.dataframe.DataFrame.toDF", pi_dataframe_to_df},
    {"pyspark.sql.dataframe.DataFrame.union", pi_dataframe_union},
    {"pyspark.sql.dataframe.DataFrame.unionByName", pi_dataframe_union_by_name},
    {"pyspark.sql.dataframe.DataFrame.withColumn", pi_dataframe_with_column},
    {"pyspark.sql.dataframe.DataFrame.unpivot", pi_dataframe_unpivot},
    {"pyspark.sql.dataframe.DataFrame.crosstab", pi_dataframe_crosstab},
    {"pyspark.sql.dataframe.DataFrameStatFunctions.crosstab", pi_dataframe_crosstab},
    {"pyspark.sql.dataframe.DataFrame.approxQuantile", pi_dataframe_approx_quantile},
    {"pyspark.sql.dataframe.DataFrame.cov", pi_dataframe_cov},
    {"pyspark.sql.dataframe.DataFrame.corr", pi_dataframe_corr},
    {"pyspark.sql.dataframe.DataFrame.tail", pi_dataframe_tail},
    {NULL, NULL},
};
