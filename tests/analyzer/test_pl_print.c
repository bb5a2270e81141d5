/*
 * test_pl_print: plan printing. Expected text follows Spark's formats: TreeNode.treeString
 * ("+- " / ":- " children), Project / Range node strings as in the connect-plans explain files
 * (range.explain "Range (1, 10, step=1, splits=Some(2))"), StructType.treeString for
 * printSchema (DataFrame.printSchema documentation examples).
 */
#include <string.h>

#include "an_test_util.h"
#include "em_test.h"
#include "plan/pl_print.h"

static const char *pp_text(at_ctx *t, em_str *s)
{
    const char *r = em_arena_strndup(&t->arena, s->data ? s->data : "", s->len);
    em_str_release(s);
    return r;
}

/* Project over Range, attribute ids in resolution order; the analyzed plan shows the cast
   type coercion inserted (column_add.explain: "(cast(a#0 as double) + b#0)"). */
EM_TEST(explain_project_range)
{
    at_ctx t;
    at_init(&t);
    pl_node *rg = at_range(&t, 0, 10);
    rg->u.range.num_partitions = 2;
    pl_node *p =
        at_select(&t, rg, at_col(&t, "id"),
                  at_alias(&t, at_fn(&t, "+", at_col(&t, "id"), at_int(&t, 1), NULL), "x"), NULL);
    pl_node *r = at_resolve(&t, p);
    CHECK(r);
    em_str s;
    em_str_init(&s, 0);
    pl_tree(r, &s);
    CHECK_EQ_STR(pp_text(&t, &s), "Project [id#0L, (id#0L + cast(1 as bigint)) AS x#1L]\n"
                                  "+- Range (0, 10, step=1, splits=Some(2))\n");
    at_release(&t);
}

/* function_count.explain: a global aggregate prints one list,
   "Aggregate [count(a#0) AS count(a)#0L]", over "LocalRelation <empty>, [...]". */
EM_TEST(explain_global_aggregate)
{
    at_ctx t;
    at_init(&t);
    pl_node *p = at_select(&t, at_local(&t, "id bigint, a int, b double"),
                           at_fn(&t, "count", at_col(&t, "a"), NULL), NULL);
    pl_node *r = at_resolve(&t, p);
    CHECK(r);
    em_str s;
    em_str_init(&s, 0);
    pl_tree(r, &s);
    CHECK_EQ_STR(pp_text(&t, &s), "Aggregate [count(a#1) AS count(a)#3L]\n"
                                  "+- LocalRelation <empty>, [id#0L, a#1, b#2]\n");
    at_release(&t);
}

/* A binary node draws ":- " for the first child and "+- " for the last; nested lines of a
   non-last child keep a ":  " column. */
EM_TEST(explain_join_tree)
{
    at_ctx t;
    at_init(&t);
    pl_node *j = pl_node_new(&t.arena, PL_JOIN, 2);
    j->children[0] = at_unary(&t, PL_FILTER, at_range(&t, 0, 1));
    j->children[0]->u.filter.cond = at_fn(&t, ">", at_col(&t, "id"), at_long(&t, 0), NULL);
    j->children[1] = at_range(&t, 0, 2);
    j->u.join.type = PL_JOIN_CROSS;
    pl_node *r = at_resolve(&t, j);
    CHECK(r);
    em_str s;
    em_str_init(&s, 0);
    pl_tree(r, &s);
    CHECK_EQ_STR(pp_text(&t, &s), "Join Cross\n"
                                  ":- Filter (id#0L > 0)\n"
                                  ":  +- Range (0, 1, step=1, splits=None)\n"
                                  "+- Range (0, 2, step=1, splits=None)\n");
    at_release(&t);
}

/* DataFrame.printSchema docs: "root\n |-- age: long (nullable = true)" style, nested
   element / key / value lines indented by "    |". */
EM_TEST(tree_string_nested)
{
    at_ctx t;
    at_init(&t);
    pl_node *r =
        at_resolve(&t, at_local(&t, "id bigint, d struct<a:int>, e array<int>, f map<string,int>"));
    CHECK(r);
    em_str s;
    em_str_init(&s, 0);
    pl_tree_string(r, 0, &s);
    CHECK_EQ_STR(pp_text(&t, &s), "root\n"
                                  " |-- id: long (nullable = true)\n"
                                  " |-- d: struct (nullable = true)\n"
                                  " |    |-- a: integer (nullable = true)\n"
                                  " |-- e: array (nullable = true)\n"
                                  " |    |-- element: integer (containsNull = true)\n"
                                  " |-- f: map (nullable = true)\n"
                                  " |    |-- key: string\n"
                                  " |    |-- value: integer (valueContainsNull = true)\n");
    em_str_init(&s, 0);
    pl_tree_string(r, 1, &s);
    CHECK_EQ_STR(pp_text(&t, &s), "root\n"
                                  " |-- id: long (nullable = true)\n"
                                  " |-- d: struct (nullable = true)\n"
                                  " |-- e: array (nullable = true)\n"
                                  " |-- f: map (nullable = true)\n");
    at_release(&t);
}

/* Explain EXTENDED prints the four sections; the analyzed one starts with the schema line
   "id: bigint" (QueryExecution.toString). */
EM_TEST(explain_extended_sections)
{
    at_ctx t;
    at_init(&t);
    pl_node *parsed = at_range(&t, 0, 3);
    pl_node *r = at_resolve(&t, parsed);
    CHECK(r);
    em_str s;
    em_str_init(&s, 0);
    pl_explain(parsed, r, PL_EXPLAIN_EXTENDED, &s);
    const char *text = pp_text(&t, &s);
    CHECK(strstr(text, "== Parsed Logical Plan ==\n") == text);
    CHECK(strstr(text, "== Analyzed Logical Plan ==\nid: bigint\nRange (0, 3") != NULL);
    CHECK(strstr(text, "== Optimized Logical Plan ==\n") != NULL);
    CHECK(strstr(text, "== Physical Plan ==\n") != NULL);
    at_release(&t);
}

int main(int c, char **v)
{
    return em_test_main(c, v);
}
