/*
 * test_analyzer: an_resolve on hand-built unresolved plans. Expected names, types and errors
 * come from Spark: the connect-plans explain files (../shared/conformance/connect-plans),
 * the SQL golden results (../shared/conformance/spark-sql-tests/results) and Spark's source
 * (analyzer rules, QueryCompilationErrors) as cited on each case.
 */
#include <string.h>

#include "an_test_util.h"
#include "em_test.h"

#define LOCAL3 "id bigint, a int, b double"

/* SparkSession.range: one LongType column "id", not nullable (Range's output attribute). */
EM_TEST(range_schema)
{
    at_ctx t;
    at_init(&t);
    pl_node *r = at_resolve(&t, at_range(&t, 0, 10));
    CHECK(r);
    CHECK_EQ_STR(at_schema(&t, r), "id:bigint not null");
    at_release(&t);
}

/* Generated names: connect-plans column_add.explain "(a + b)", column_alias.explain
   "a AS b"; bigint result of id + int (range + 1). */
EM_TEST(project_names)
{
    at_ctx t;
    at_init(&t);
    pl_node *df = at_range(&t, 0, 10);
    pl_node *p = at_select(&t, df, at_fn(&t, "+", at_col(&t, "id"), at_int(&t, 1), NULL),
                           at_alias(&t, at_col(&t, "id"), "x"), NULL);
    pl_node *r = at_resolve(&t, p);
    CHECK(r);
    CHECK_EQ_STR(at_schema(&t, r), "(id + 1):bigint not null, x:bigint not null");
    at_release(&t);
}

/* Attribute.withName: a column selected as "ID" is named as written; case-insensitive
   resolution by default (spark.sql.caseSensitive = false). */
EM_TEST(case_insensitive_names)
{
    at_ctx t;
    at_init(&t);
    pl_node *r = at_resolve(&t, at_select(&t, at_local(&t, LOCAL3), at_col(&t, "ID"), NULL));
    CHECK(r);
    CHECK_EQ_STR(at_schema(&t, r), "ID:bigint");
    t.opts.case_sensitive = true;
    CHECK(!at_resolve(&t, at_select(&t, at_local(&t, LOCAL3), at_col(&t, "ID"), NULL)));
    CHECK_EQ_STR(at_error_class(&t), "UNRESOLVED_COLUMN.WITH_SUGGESTION");
    at_release(&t);
}

/* connect-plans function_count.explain: count(a) AS count(a)#0L (a global Aggregate);
   groupby_agg.explain: count(1) AS count(1)#0L for count(*). */
EM_TEST(global_aggregate_names)
{
    at_ctx t;
    at_init(&t);
    pl_node *df = at_local(&t, LOCAL3);
    pl_node *p = at_select(&t, df, at_fn(&t, "count", at_col(&t, "a"), NULL),
                           at_fn(&t, "count", at_star(&t), NULL), NULL);
    pl_node *r = at_resolve(&t, p);
    CHECK(r);
    CHECK(r && r->kind == PL_AGGREGATE);
    CHECK_EQ_STR(at_schema(&t, r), "count(a):bigint not null, count(1):bigint not null");
    at_release(&t);
}

/* connect-plans groupby_agg.explain: Aggregate [id], [id, max(a) AS max(a), ...]; the
   grouping column keeps its attribute. */
EM_TEST(group_by_names)
{
    at_ctx t;
    at_init(&t);
    pl_node *df = at_local(&t, LOCAL3);
    pl_node *agg = at_unary(&t, PL_AGGREGATE, df);
    agg->u.agg.group_type = PL_GROUP_BY;
    pl_expr *g = at_col(&t, "id");
    agg->n_groups = 1;
    agg->groups = em_arena_calloc(&t.arena, 1, sizeof(pl_expr *));
    agg->groups[0] = g;
    agg->n_exprs = 3;
    agg->exprs = em_arena_calloc(&t.arena, 3, sizeof(pl_expr *));
    agg->exprs[0] = g;
    agg->exprs[1] = at_fn(&t, "max", at_col(&t, "a"), NULL);
    agg->exprs[2] = at_fn(&t, "sum", at_col(&t, "b"), NULL);
    pl_node *r = at_resolve(&t, agg);
    CHECK(r);
    CHECK_EQ_STR(at_schema(&t, r), "id:bigint, max(a):int, sum(b):double");
    CHECK(r && r->out[0].id == r->children[0]->out[0].id);
    at_release(&t);
}

/* QueryCompilationErrors.columnNotInGroupByClauseError: MISSING_AGGREGATION with the
   expression and its any_value() suggestion quoted by toSQLExpr. */
EM_TEST(missing_aggregation)
{
    at_ctx t;
    at_init(&t);
    pl_node *agg = at_unary(&t, PL_AGGREGATE, at_local(&t, LOCAL3));
    agg->u.agg.group_type = PL_GROUP_BY;
    agg->n_groups = 1;
    agg->groups = em_arena_calloc(&t.arena, 1, sizeof(pl_expr *));
    agg->groups[0] = at_col(&t, "id");
    agg->n_exprs = 1;
    agg->exprs = em_arena_calloc(&t.arena, 1, sizeof(pl_expr *));
    agg->exprs[0] = at_col(&t, "b");
    CHECK(!at_resolve(&t, agg));
    CHECK_EQ_STR(at_error_class(&t), "MISSING_AGGREGATION");
    CHECK_EQ_STR(at_param(&t, "expression"), "\"b\"");
    CHECK_EQ_STR(at_param(&t, "expressionAnyValue"), "\"any_value(b)\"");
    at_release(&t);
}

static pl_expr *with_alias(at_ctx *t, pl_expr *e, const char *name)
{
    return at_alias(t, e, name);
}

/* UnresolvedStarWithColumns: an existing column is replaced in place, a new one appended. */
EM_TEST(with_columns_replace_and_append)
{
    at_ctx t;
    at_init(&t);
    pl_node *wc = at_unary(&t, PL_WITH_COLUMNS, at_local(&t, LOCAL3));
    wc->n_exprs = 2;
    wc->exprs = em_arena_calloc(&t.arena, 2, sizeof(pl_expr *));
    wc->exprs[0] = with_alias(&t, at_fn(&t, "+", at_col(&t, "a"), at_int(&t, 1), NULL), "A");
    wc->exprs[1] = with_alias(&t, at_int(&t, 7), "c");
    pl_node *r = at_resolve(&t, wc);
    CHECK(r);
    CHECK_EQ_STR(at_schema(&t, r), "id:bigint, A:int, b:double, c:int not null");
    at_release(&t);
}

/* SchemaUtils.checkColumnNameDuplication: COLUMN_ALREADY_EXISTS, name quoted by toSQLId. */
EM_TEST(with_columns_duplicate)
{
    at_ctx t;
    at_init(&t);
    pl_node *wc = at_unary(&t, PL_WITH_COLUMNS, at_local(&t, LOCAL3));
    wc->n_exprs = 2;
    wc->exprs = em_arena_calloc(&t.arena, 2, sizeof(pl_expr *));
    wc->exprs[0] = with_alias(&t, at_int(&t, 1), "x");
    wc->exprs[1] = with_alias(&t, at_int(&t, 2), "x");
    CHECK(!at_resolve(&t, wc));
    CHECK_EQ_STR(at_error_class(&t), "COLUMN_ALREADY_EXISTS");
    CHECK_EQ_STR(at_param(&t, "columnName"), "`x`");
    at_release(&t);
}

/* UnresolvedStarWithColumnsRenames: missing names are ignored. */
EM_TEST(rename_missing_is_noop)
{
    at_ctx t;
    at_init(&t);
    pl_node *rn = at_unary(&t, PL_RENAME, at_local(&t, LOCAL3));
    rn->u.rename.n = 2;
    const char *from[] = {"a", "zzz"}, *to[] = {"x", "y"};
    rn->u.rename.from = from;
    rn->u.rename.to = to;
    pl_node *r = at_resolve(&t, rn);
    CHECK(r);
    CHECK_EQ_STR(at_schema(&t, r), "id:bigint, x:int, b:double");
    at_release(&t);
}

/* Dataset.drop(colNames): names matching nothing are a no-op. */
EM_TEST(drop_names)
{
    at_ctx t;
    at_init(&t);
    pl_node *d = at_unary(&t, PL_DROP, at_local(&t, LOCAL3));
    const char *names[] = {"A", "zzz"};
    d->u.names.n = 2;
    d->u.names.names = names;
    pl_node *r = at_resolve(&t, d);
    CHECK(r);
    CHECK_EQ_STR(at_schema(&t, r), "id:bigint, b:double");
    at_release(&t);
}

/* connect-plans drop_multiple_strings.explain: dropping every column leaves "Project" with no
   columns. */
EM_TEST(drop_all)
{
    at_ctx t;
    at_init(&t);
    pl_node *d = at_unary(&t, PL_DROP, at_local(&t, "id bigint, a int"));
    const char *names[] = {"id", "a"};
    d->u.names.n = 2;
    d->u.names.names = names;
    pl_node *r = at_resolve(&t, d);
    CHECK(r);
    CHECK_EQ_INT(r ? r->n_out : -1, 0);
    at_release(&t);
}

/* ResolveSubqueryColumnAliases / aliasNumberNotMatchColumnNumberError. */
EM_TEST(to_df_arity)
{
    at_ctx t;
    at_init(&t);
    pl_node *td = at_unary(&t, PL_TO_DF, at_local(&t, LOCAL3));
    const char *names[] = {"x"};
    td->u.names.n = 1;
    td->u.names.names = names;
    CHECK(!at_resolve(&t, td));
    CHECK_EQ_STR(at_error_class(&t), "ASSIGNMENT_ARITY_MISMATCH");
    CHECK_EQ_STR(at_param(&t, "numExpr"), "1");
    CHECK_EQ_STR(at_param(&t, "numTarget"), "3");
    at_release(&t);
}

/* table-aliases.sql.out: SELECT a AS col1, b AS col2 FROM testData AS t(c, d) raises
   UNRESOLVED_COLUMN.WITH_SUGGESTION objectName `a`, proposal "`c`, `d`". */
EM_TEST(unresolved_column_proposal)
{
    at_ctx t;
    at_init(&t);
    pl_node *td = at_unary(&t, PL_TO_DF, at_local(&t, "a int, b int"));
    const char *names[] = {"c", "d"};
    td->u.names.n = 2;
    td->u.names.names = names;
    pl_node *al = at_unary(&t, PL_SUBQUERY_ALIAS, td);
    al->u.alias.alias = "t";
    CHECK(!at_resolve(&t, at_select(&t, al, at_alias(&t, at_col(&t, "a"), "col1"), NULL)));
    CHECK_EQ_STR(at_error_class(&t), "UNRESOLVED_COLUMN.WITH_SUGGESTION");
    CHECK_EQ_STR(at_param(&t, "objectName"), "`a`");
    CHECK_EQ_STR(at_param(&t, "proposal"), "`c`, `d`");
    at_release(&t);
}

/* table-aliases.sql.out: SELECT src1.id FROM (...) a proposes "`a`.`id`, `a`.`v1`". */
EM_TEST(unresolved_qualified_proposal)
{
    at_ctx t;
    at_init(&t);
    pl_node *al = at_unary(&t, PL_SUBQUERY_ALIAS, at_local(&t, "id int, v1 string"));
    al->u.alias.alias = "a";
    CHECK(!at_resolve(&t, at_select(&t, al, at_col(&t, "src1.id"), NULL)));
    CHECK_EQ_STR(at_error_class(&t), "UNRESOLVED_COLUMN.WITH_SUGGESTION");
    CHECK_EQ_STR(at_param(&t, "objectName"), "`src1`.`id`");
    CHECK_EQ_STR(at_param(&t, "proposal"), "`a`.`id`, `a`.`v1`");
    at_release(&t);
}

/* Qualified names resolve through the alias; the output is named by the column. */
EM_TEST(qualified_column)
{
    at_ctx t;
    at_init(&t);
    pl_node *al = at_unary(&t, PL_SUBQUERY_ALIAS, at_local(&t, LOCAL3));
    al->u.alias.alias = "t";
    pl_node *r = at_resolve(&t, at_select(&t, al, at_col(&t, "t.a"), at_col(&t, "T.b"), NULL));
    CHECK(r);
    CHECK_EQ_STR(at_schema(&t, r), "a:int, b:double");
    at_release(&t);
}

/* QueryCompilationErrors.ambiguousReferenceError: name `i1`, sorted qualified references
   (same shape as the golden "[`spark_catalog`.`mydb1`.`t1`.`i1`, ...]"). */
EM_TEST(ambiguous_reference)
{
    at_ctx t;
    at_init(&t);
    pl_node *l = at_unary(&t, PL_SUBQUERY_ALIAS, at_local(&t, "i1 int"));
    l->u.alias.alias = "r";
    pl_node *r = at_unary(&t, PL_SUBQUERY_ALIAS, at_local(&t, "i1 int"));
    r->u.alias.alias = "l";
    pl_node *j = pl_node_new(&t.arena, PL_JOIN, 2);
    j->children[0] = l;
    j->children[1] = r;
    j->u.join.type = PL_JOIN_INNER;
    CHECK(!at_resolve(&t, at_select(&t, j, at_col(&t, "i1"), NULL)));
    CHECK_EQ_STR(at_error_class(&t), "AMBIGUOUS_REFERENCE");
    CHECK_EQ_STR(at_param(&t, "name"), "`i1`");
    CHECK_EQ_STR(at_param(&t, "referenceNames"), "[`l`.`i1`, `r`.`i1`]");
    at_release(&t);
}

/* Golden files: UNRESOLVED_ROUTINE routineName `not_exist` and Spark's search path. */
EM_TEST(unresolved_routine)
{
    at_ctx t;
    at_init(&t);
    CHECK(!at_resolve(&t, at_select(&t, at_range(&t, 0, 1),
                                    at_fn(&t, "not_exist", at_col(&t, "id"), NULL), NULL)));
    CHECK_EQ_STR(at_error_class(&t), "UNRESOLVED_ROUTINE");
    CHECK_EQ_STR(at_param(&t, "routineName"), "`not_exist`");
    CHECK_EQ_STR(at_param(&t, "searchPath"),
                 "[`system`.`builtin`, `system`.`session`, `spark_catalog`.`default`]");
    at_release(&t);
}

/* Unknown functions fail before unknown columns (Spark's LookupFunctions runs first). */
EM_TEST(routine_before_column)
{
    at_ctx t;
    at_init(&t);
    CHECK(!at_resolve(&t, at_select(&t, at_range(&t, 0, 1), at_col(&t, "nope"),
                                    at_fn(&t, "not_exist", NULL), NULL)));
    CHECK_EQ_STR(at_error_class(&t), "UNRESOLVED_ROUTINE");
    at_release(&t);
}

/* LogicalPlan.resolve: d.b is a struct field aliased with its last part (connect-plans
   column_star_with_target.explain "d#0.a AS a#0"); an extract expression keeps "d.b"
   (column_getField.explain "d#0.b AS d.b#0"). */
EM_TEST(nested_fields)
{
    at_ctx t;
    at_init(&t);
    pl_node *df = at_local(&t, "id bigint, d struct<a:int,b:double>");
    pl_expr *ex = pl_expr_new(&t.arena, PX_EXTRACT, 2);
    ex->args[0] = at_col(&t, "d");
    ex->args[1] = at_str(&t, "b");
    pl_node *r = at_resolve(&t, at_select(&t, df, at_col(&t, "d.a"), ex, NULL));
    CHECK(r);
    CHECK_EQ_STR(at_schema(&t, r), "a:int, d.b:double");
    at_release(&t);
}

/* column_star.explain / column_star_with_target.explain: * keeps every column, d.* expands
   the struct's fields. */
EM_TEST(star_expansion)
{
    at_ctx t;
    at_init(&t);
    pl_node *df = at_local(&t, "id bigint, d struct<a:int,b:double>");
    pl_expr *ds = at_star(&t);
    ds->n_parts = 1;
    ds->parts = em_arena_calloc(&t.arena, 1, sizeof(char *));
    ds->parts[0] = "d";
    pl_node *r = at_resolve(&t, at_select(&t, df, at_star(&t), ds, NULL));
    CHECK(r);
    CHECK_EQ_STR(at_schema(&t, r), "id:bigint, d:struct<a:int,b:double>, a:int, b:double");
    at_release(&t);
}

/* df["x"] binds through the plan id (self joins): the right side's id is picked even though
   both sides have an "id" column. */
EM_TEST(plan_id_binding)
{
    at_ctx t;
    at_init(&t);
    pl_node *l = at_local(&t, "id bigint, a int");
    pl_node *r = at_local(&t, "id bigint, b int");
    pl_node *j = pl_node_new(&t.arena, PL_JOIN, 2);
    j->children[0] = l;
    j->children[1] = r;
    j->u.join.type = PL_JOIN_INNER;
    j->u.join.cond = at_fn(&t, "==", at_df_col(&t, l, "id"), at_df_col(&t, r, "id"), NULL);
    j->plan_id = t.next_plan_id++;
    pl_node *res = at_resolve(&t, at_select(&t, j, at_df_col(&t, r, "id"), at_col(&t, "b"), NULL));
    CHECK(res);
    CHECK_EQ_STR(at_schema(&t, res), "id:bigint, b:int");
    /* The selected id is the right side's (index 2 of the joined row). */
    CHECK(res && res->exprs[0]->kind == PX_COLREF && res->exprs[0]->col_index == 2);
    at_release(&t);
}

/* NaturalAndUsingJoinResolution: USING keeps the left key once, then the other columns
   (connect-plans join_inner_using_single_col.explain). */
EM_TEST(join_using)
{
    at_ctx t;
    at_init(&t);
    pl_node *j = pl_node_new(&t.arena, PL_JOIN, 2);
    j->children[0] = at_local(&t, LOCAL3);
    j->children[1] = at_local(&t, "a int, id bigint, payload binary");
    j->u.join.type = PL_JOIN_INNER;
    const char *using[] = {"id"};
    j->u.join.n_using = 1;
    j->u.join.using_cols = using;
    pl_node *r = at_resolve(&t, j);
    CHECK(r);
    CHECK_EQ_STR(at_schema(&t, r), "id:bigint, a:int, b:double, a:int, payload:binary");
    at_release(&t);
}

/* Union by position widens int and bigint to bigint (findWiderTypeForTwo); names come from
   the first input. */
EM_TEST(union_widening)
{
    at_ctx t;
    at_init(&t);
    pl_node *u = pl_node_new(&t.arena, PL_SET_OP, 2);
    u->children[0] = at_local(&t, "x int");
    u->children[1] = at_local(&t, "y bigint");
    u->u.set_op.type = PL_SETOP_UNION;
    u->u.set_op.is_all = true;
    pl_node *r = at_resolve(&t, u);
    CHECK(r);
    CHECK_EQ_STR(at_schema(&t, r), "x:bigint");
    at_release(&t);
}

/* ResolveUnion: unionByName(allowMissingColumns) adds NULL columns (connect-plans
   unionByName_allowMissingColumns.explain "null AS payload"). */
EM_TEST(union_by_name_missing)
{
    at_ctx t;
    at_init(&t);
    pl_node *u = pl_node_new(&t.arena, PL_SET_OP, 2);
    u->children[0] = at_local(&t, LOCAL3);
    u->children[1] = at_local(&t, "a int, id bigint, payload binary");
    u->u.set_op.type = PL_SETOP_UNION;
    u->u.set_op.is_all = true;
    u->u.set_op.by_name = true;
    u->u.set_op.allow_missing_columns = true;
    pl_node *r = at_resolve(&t, u);
    CHECK(r);
    CHECK_EQ_STR(at_schema(&t, r), "id:bigint, a:int, b:double, payload:binary");
    at_release(&t);
}

/* Deduplicate on names: the matching columns are the keys (dropDuplicates_names_seq). */
EM_TEST(dedup_keys)
{
    at_ctx t;
    at_init(&t);
    pl_node *d = at_unary(&t, PL_DEDUP, at_local(&t, LOCAL3));
    const char *cols[] = {"b", "a"};
    d->u.dedup.n_cols = 2;
    d->u.dedup.cols = cols;
    pl_node *r = at_resolve(&t, d);
    CHECK(r);
    CHECK_EQ_INT(r ? r->u.dedup.n_keys : 0, 2);
    CHECK(r && r->u.dedup.keys[0] == 2 && r->u.dedup.keys[1] == 1);
    at_release(&t);
}

/* CheckAnalysis: a non-boolean filter raises DATATYPE_MISMATCH.FILTER_NOT_BOOLEAN. */
EM_TEST(filter_not_boolean)
{
    at_ctx t;
    at_init(&t);
    pl_node *f = at_unary(&t, PL_FILTER, at_local(&t, LOCAL3));
    f->u.filter.cond = at_col(&t, "a");
    CHECK(!at_resolve(&t, f));
    CHECK_EQ_STR(at_error_class(&t), "DATATYPE_MISMATCH.FILTER_NOT_BOOLEAN");
    at_release(&t);
}

/* column_cast.explain: cast(a as bigint) AS a (a cast of a column keeps its name); a cast of
   an expression is named CAST(.. AS ..) (function_atan2.explain "CAST(a AS DOUBLE)"). */
EM_TEST(cast_names)
{
    at_ctx t;
    at_init(&t);
    pl_node *p = at_select(
        &t, at_local(&t, LOCAL3), at_cast(&t, at_col(&t, "a"), "bigint"),
        at_cast(&t, at_fn(&t, "+", at_col(&t, "a"), at_int(&t, 1), NULL), "double"), NULL);
    pl_node *r = at_resolve(&t, p);
    CHECK(r);
    CHECK_EQ_STR(at_schema(&t, r), "a:bigint, CAST((a + 1) AS DOUBLE):double");
    at_release(&t);
}

/* Operator names: column_isNull.explain "(g IS NULL)", column_not_equals.explain
   "(NOT (a = b))", column_and.explain "((a > 10) AND (b < 0.5))". */
EM_TEST(operator_names)
{
    at_ctx t;
    at_init(&t);
    pl_node *p =
        at_select(&t, at_local(&t, LOCAL3), at_fn(&t, "isNull", at_col(&t, "a"), NULL),
                  at_fn(&t, "not", at_fn(&t, "==", at_col(&t, "a"), at_col(&t, "b"), NULL), NULL),
                  at_fn(&t, "and", at_fn(&t, ">", at_col(&t, "a"), at_int(&t, 10), NULL),
                        at_fn(&t, "<", at_col(&t, "b"), pl_lit_double(&t.arena, 0.5), NULL), NULL),
                  NULL);
    pl_node *r = at_resolve(&t, p);
    CHECK(r);
    CHECK_EQ_STR(r ? r->out[0].name : NULL, "(a IS NULL)");
    CHECK_EQ_STR(r ? r->out[1].name : NULL, "(NOT (a = b))");
    CHECK_EQ_STR(r ? r->out[2].name : NULL, "((a > 10) AND (b < 0.5))");
    at_release(&t);
}

/* Limit with a negative count: INVALID_LIMIT_LIKE_EXPRESSION.IS_NEGATIVE. */
EM_TEST(negative_limit)
{
    at_ctx t;
    at_init(&t);
    pl_node *l = at_unary(&t, PL_LIMIT, at_range(&t, 0, 3));
    l->u.limit.n = -1;
    CHECK(!at_resolve(&t, l));
    CHECK_EQ_STR(at_error_class(&t), "INVALID_LIMIT_LIKE_EXPRESSION.IS_NEGATIVE");
    at_release(&t);
}

/* selectExpr text goes through the SQL parser; the alias names the column. */
EM_TEST(sql_expression_items)
{
    at_ctx t;
    at_init(&t);
    pl_node *r = at_resolve(&t, at_select(&t, at_range(&t, 0, 3), at_sql(&t, "id + 1 AS x"),
                                          at_sql(&t, "id * 2"), NULL));
    CHECK(r);
    CHECK_EQ_STR(at_schema(&t, r), "x:bigint not null, (id * 2):bigint not null");
    at_release(&t);
}

/* ResolveMissingReferences: ORDER BY a column the select list dropped still works and the
   output keeps only the selected columns. */
EM_TEST(sort_missing_reference)
{
    at_ctx t;
    at_init(&t);
    pl_node *p = at_select(&t, at_local(&t, LOCAL3), at_col(&t, "a"), NULL);
    pl_node *s = at_unary(&t, PL_SORT, p);
    pl_expr *o = pl_expr_new(&t.arena, PX_SORT_ORDER, 1);
    o->args[0] = at_col(&t, "b");
    s->n_exprs = 1;
    s->exprs = em_arena_calloc(&t.arena, 1, sizeof(pl_expr *));
    s->exprs[0] = o;
    pl_node *r = at_resolve(&t, s);
    CHECK(r);
    CHECK_EQ_STR(at_schema(&t, r), "a:int");
    at_release(&t);
}

/* spark.sql: GROUP BY with HAVING on an aggregate that is not selected, ORDER BY an alias
   (group-by.sql golden shapes). VALUES columns of non-null literals are not nullable
   (ResolveInlineTables: nullable = any value nullable); sum is nullable. */
EM_TEST(sql_having_order_by)
{
    at_ctx t;
    at_init(&t);
    pl_node *q = pl_node_new(&t.arena, PL_SQL, 0);
    q->u.sql.query = "SELECT a, sum(b) AS s FROM VALUES (1, 2), (1, 3), (2, 4) AS v(a, b) "
                     "GROUP BY a HAVING count(*) > 1 ORDER BY s DESC";
    pl_node *r = at_resolve(&t, q);
    CHECK(r);
    CHECK_EQ_STR(at_schema(&t, r), "a:int not null, s:bigint");
    at_release(&t);
}

/* window.explain: min(id) OVER (PARTITION BY a, b ROWS BETWEEN UNBOUNDED PRECEDING AND
   UNBOUNDED FOLLOWING) names an aggregate over a window without ORDER BY. */
EM_TEST(window_names)
{
    at_ctx t;
    at_init(&t);
    pl_expr *w = pl_expr_new(&t.arena, PX_WINDOW, 1);
    w->args[0] = at_fn(&t, "min", at_col(&t, "id"), NULL);
    w->window = em_arena_calloc(&t.arena, 1, sizeof(pl_window_spec));
    w->window->n_partition = 2;
    w->window->partition = em_arena_calloc(&t.arena, 2, sizeof(pl_expr *));
    w->window->partition[0] = at_col(&t, "a");
    w->window->partition[1] = at_col(&t, "b");
    pl_node *r = at_resolve(&t, at_select(&t, at_local(&t, LOCAL3), w, NULL));
    CHECK(r);
    CHECK_EQ_STR(r ? r->out[0].name : NULL,
                 "min(id) OVER (PARTITION BY a, b ROWS BETWEEN UNBOUNDED PRECEDING AND "
                 "UNBOUNDED FOLLOWING)");
    CHECK(r && r->children[0]->kind == PL_WINDOW);
    at_release(&t);
}

/* The qualifier of a SubqueryAlias shows on every column (used by t.* and t.col). */
EM_TEST(alias_qualifies_columns)
{
    at_ctx t;
    at_init(&t);
    pl_node *al = at_unary(&t, PL_SUBQUERY_ALIAS, at_local(&t, LOCAL3));
    al->u.alias.alias = "fooz";
    pl_node *r = at_resolve(&t, al);
    CHECK(r);
    CHECK_EQ_STR(r && r->out[0].qualifier ? r->out[0].qualifier : "", "fooz");
    CHECK_EQ_STR(at_schema(&t, r), "id:bigint, a:int, b:double");
    at_release(&t);
}

/* A table the catalog does not know: TABLE_OR_VIEW_NOT_FOUND with the name quoted. */
EM_TEST(table_not_found)
{
    at_ctx t;
    at_init(&t);
    pl_node *rt = pl_node_new(&t.arena, PL_READ_TABLE, 0);
    const char *parts[] = {"tempdb", "myTable"};
    rt->u.read.n_parts = 2;
    rt->u.read.parts = parts;
    CHECK(!at_resolve(&t, rt));
    CHECK_EQ_STR(at_error_class(&t), "TABLE_OR_VIEW_NOT_FOUND");
    CHECK_EQ_STR(at_param(&t, "relationName"), "`tempdb`.`myTable`");
    at_release(&t);
}

/* Errors in spark.sql text carry the query context of the offending fragment (golden
   table-aliases.sql.out: UNRESOLVED_COLUMN with fragment "a"; indexes are 0-based, the
   golden files' are shifted by the newline that precedes each query there). */
EM_TEST(sql_error_context)
{
    at_ctx t;
    at_init(&t);
    pl_node *q = pl_node_new(&t.arena, PL_SQL, 0);
    q->u.sql.query = "SELECT nope FROM VALUES (1) AS t(a)";
    CHECK(!at_resolve(&t, q));
    CHECK_EQ_STR(at_error_class(&t), "UNRESOLVED_COLUMN.WITH_SUGGESTION");
    CHECK_EQ_STR(at_param(&t, "proposal"), "`a`");
    CHECK_EQ_INT(t.err.ctx_start, 7);
    CHECK_EQ_INT(t.err.ctx_stop, 10);
    CHECK_EQ_STR(t.err.ctx_fragment, "nope");
    at_release(&t);
}

/* connect-plans fill.explain: coalesce(id#0L, cast(8 as bigint)) AS id#0L, a#0, b#0 for
   na.fill(8, ["id"]); the other columns pass through. The filled column is not nullable
   (Coalesce.nullable: all children nullable). */
EM_TEST(na_fill)
{
    at_ctx t;
    at_init(&t);
    pl_node *f = at_unary(&t, PL_FILL_NA, at_local(&t, LOCAL3));
    const char *cols[] = {"id"};
    f->u.na.n_cols = 1;
    f->u.na.cols = cols;
    f->u.na.n_values = 1;
    f->u.na.values = em_arena_calloc(&t.arena, 1, sizeof(pl_expr *));
    f->u.na.values[0] = at_long(&t, 8);
    pl_node *r = at_resolve(&t, f);
    CHECK(r);
    CHECK_EQ_STR(at_schema(&t, r), "id:bigint not null, a:int, b:double");
    CHECK(r && r->exprs[0]->kind == PX_CALL && r->exprs[1]->kind == PX_COLREF);
    at_release(&t);
}

/* connect-plans drop.explain: na.drop is a Filter (atleastnnonnulls) over the input. */
EM_TEST(na_drop)
{
    at_ctx t;
    at_init(&t);
    pl_node *d = at_unary(&t, PL_DROP_NA, at_local(&t, LOCAL3));
    pl_node *r = at_resolve(&t, d);
    CHECK(r);
    CHECK(r && r->kind == PL_FILTER);
    CHECK_EQ_STR(at_schema(&t, r), "id:bigint, a:int, b:double");
    at_release(&t);
}

/* connect-plans unpivot_values.explain: ids id, a; values b; output [id, a, name, value]. */
EM_TEST(unpivot_values)
{
    at_ctx t;
    at_init(&t);
    pl_node *u = at_unary(&t, PL_UNPIVOT, at_local(&t, LOCAL3));
    u->n_exprs = 2;
    u->exprs = em_arena_calloc(&t.arena, 2, sizeof(pl_expr *));
    u->exprs[0] = at_col(&t, "id");
    u->exprs[1] = at_col(&t, "a");
    u->u.unpivot.has_values = true;
    u->u.unpivot.n_values = 1;
    u->u.unpivot.values = em_arena_calloc(&t.arena, 1, sizeof(pl_expr *));
    u->u.unpivot.values[0] = at_col(&t, "b");
    u->u.unpivot.variable_name = "name";
    u->u.unpivot.value_name = "value";
    pl_node *r = at_resolve(&t, u);
    CHECK(r);
    CHECK_EQ_STR(at_schema(&t, r), "id:bigint, a:int, name:string not null, value:double");
    at_release(&t);
}

/* connect-plans to.explain: Project [b#0, cast(id#0L as int) AS id#0] for to(b double,
   id int): reordered by name, cast to the schema's types. */
EM_TEST(to_schema)
{
    at_ctx t;
    at_init(&t);
    pl_node *ts = at_unary(&t, PL_TO_SCHEMA, at_local(&t, LOCAL3));
    ty_field fs[2] = {{.name = "b", .type = ty_double(), .nullable = true},
                      {.name = "id", .type = ty_int(), .nullable = true}};
    ts->u.to_schema.schema = ty_struct(&t.arena, 2, fs);
    pl_node *r = at_resolve(&t, ts);
    CHECK(r);
    CHECK_EQ_STR(at_schema(&t, r), "b:double, id:int");
    CHECK(r && r->exprs[1]->kind == PX_CAST);
    at_release(&t);
}

/* connect-plans rollup_column.explain: groupBy rollup(a, b).count() outputs [a, b, count]. */
EM_TEST(rollup_names)
{
    at_ctx t;
    at_init(&t);
    pl_node *agg = at_unary(&t, PL_AGGREGATE, at_local(&t, LOCAL3));
    agg->u.agg.group_type = PL_GROUP_ROLLUP;
    pl_expr *ga = at_col(&t, "a"), *gb = at_col(&t, "b");
    agg->n_groups = 2;
    agg->groups = em_arena_calloc(&t.arena, 2, sizeof(pl_expr *));
    agg->groups[0] = ga;
    agg->groups[1] = gb;
    agg->n_exprs = 3;
    agg->exprs = em_arena_calloc(&t.arena, 3, sizeof(pl_expr *));
    agg->exprs[0] = ga;
    agg->exprs[1] = gb;
    agg->exprs[2] = at_alias(&t, at_fn(&t, "count", at_int(&t, 1), NULL), "count");
    pl_node *r = at_resolve(&t, agg);
    CHECK(r);
    CHECK_EQ_STR(at_schema(&t, r), "a:int, b:double, count:bigint not null");
    at_release(&t);
}

/* ResolveInlineTables: constant VALUES become a LocalRelation; the column takes the wider
   type of its values (int and bigint -> bigint). */
EM_TEST(values_local_relation)
{
    at_ctx t;
    at_init(&t);
    pl_node *q = pl_node_new(&t.arena, PL_SQL, 0);
    q->u.sql.query = "SELECT * FROM VALUES (1, 'a'), (2000000000000, 'bb') AS v(x, y)";
    pl_node *r = at_resolve(&t, q);
    CHECK(r);
    CHECK_EQ_STR(at_schema(&t, r), "x:bigint not null, y:string not null");
    const pl_node *leaf = r;
    while (leaf && leaf->n_children)
        leaf = leaf->children[0];
    CHECK(leaf && leaf->kind == PL_LOCAL && leaf->u.local.n_batches == 1);
    CHECK(leaf && leaf->u.local.batches[0]->n_rows == 2);
    at_release(&t);
}

/* spark.sql(query, df=...) arrives as WithRelations: the name resolves to the DataFrame. */
EM_TEST(with_relations)
{
    at_ctx t;
    at_init(&t);
    pl_node *q = pl_node_new(&t.arena, PL_SQL, 0);
    q->u.sql.query = "SELECT a + 1 AS x FROM mydf";
    pl_node *al = at_unary(&t, PL_SUBQUERY_ALIAS, at_local(&t, LOCAL3));
    al->u.alias.alias = "mydf";
    pl_node *w = pl_node_new(&t.arena, PL_WITH_RELATIONS, 2);
    w->children[0] = q;
    w->children[1] = al;
    pl_node *r = at_resolve(&t, w);
    CHECK(r);
    CHECK_EQ_STR(at_schema(&t, r), "x:int");
    at_release(&t);
}

/* df.groupBy(...).count().orderBy(agg_df["count"]): the sort resolves over the aggregate's
   output, and df["x"] of the aggregate still binds afterwards. */
EM_TEST(sort_over_aggregate_plan_id)
{
    at_ctx t;
    at_init(&t);
    pl_node *agg = at_unary(&t, PL_AGGREGATE, at_local(&t, LOCAL3));
    agg->u.agg.group_type = PL_GROUP_BY;
    pl_expr *g = at_col(&t, "a");
    agg->n_groups = 1;
    agg->groups = em_arena_calloc(&t.arena, 1, sizeof(pl_expr *));
    agg->groups[0] = g;
    agg->n_exprs = 2;
    agg->exprs = em_arena_calloc(&t.arena, 2, sizeof(pl_expr *));
    agg->exprs[0] = g;
    agg->exprs[1] = at_alias(&t, at_fn(&t, "count", at_int(&t, 1), NULL), "count");
    pl_node *s = at_unary(&t, PL_SORT, agg);
    pl_expr *o = pl_expr_new(&t.arena, PX_SORT_ORDER, 1);
    o->args[0] = at_df_col(&t, agg, "count");
    o->descending = true;
    s->n_exprs = 1;
    s->exprs = em_arena_calloc(&t.arena, 1, sizeof(pl_expr *));
    s->exprs[0] = o;
    pl_node *p = at_select(&t, s, at_df_col(&t, agg, "a"), NULL);
    pl_node *r = at_resolve(&t, p);
    if (!r)
        fprintf(stderr, "error: %s %s\n", t.err.error_class, t.err.message);
    CHECK(r);
    CHECK_EQ_STR(at_schema(&t, r), "a:int");
    at_release(&t);
}

/* Cast.typeCheckFailureMessage: a struct cannot be cast to int under any mode:
   DATATYPE_MISMATCH.CAST_WITHOUT_SUGGESTION with toSQLExpr / toSQLType parameters. */
EM_TEST(cast_mismatch)
{
    at_ctx t;
    at_init(&t);
    pl_node *p =
        at_select(&t, at_local(&t, "d struct<a:int>"), at_cast(&t, at_col(&t, "d"), "int"), NULL);
    CHECK(!at_resolve(&t, p));
    CHECK_EQ_STR(at_error_class(&t), "DATATYPE_MISMATCH.CAST_WITHOUT_SUGGESTION");
    CHECK_EQ_STR(at_param(&t, "sqlExpr"), "\"CAST(d AS INT)\"");
    CHECK_EQ_STR(at_param(&t, "srcType"), "\"STRUCT<a: INT>\"");
    CHECK_EQ_STR(at_param(&t, "targetType"), "\"INT\"");
    at_release(&t);
}

/* spark.sql.groupByAliases (default true): GROUP BY may name a select-list alias. */
EM_TEST(group_by_alias)
{
    at_ctx t;
    at_init(&t);
    pl_node *q = pl_node_new(&t.arena, PL_SQL, 0);
    q->u.sql.query = "SELECT a + 1 AS k, count(*) AS n FROM VALUES (1), (2) AS v(a) GROUP BY k";
    pl_node *r = at_resolve(&t, q);
    CHECK(r);
    CHECK_EQ_STR(at_schema(&t, r), "k:int not null, n:bigint not null");
    at_release(&t);
}

/* GROUP BY ALL (group-by-all.sql golden): the grouping keys are the select items that hold
   no aggregate. */
EM_TEST(group_by_all)
{
    at_ctx t;
    at_init(&t);
    pl_node *q = pl_node_new(&t.arena, PL_SQL, 0);
    q->u.sql.query = "SELECT a, b + 1 AS c, sum(b) FROM VALUES (1, 2), (2, 3) AS v(a, b) "
                     "GROUP BY ALL";
    pl_node *r = at_resolve(&t, q);
    CHECK(r);
    CHECK_EQ_STR(at_schema(&t, r), "a:int not null, c:int not null, sum(b):bigint");
    at_release(&t);
}

/* Lateral column alias (spark.sql.lateralColumnAlias.enableImplicitResolution, default
   true): a later select item may name an earlier alias. */
EM_TEST(lateral_column_alias)
{
    at_ctx t;
    at_init(&t);
    pl_node *q = pl_node_new(&t.arena, PL_SQL, 0);
    q->u.sql.query = "SELECT a + 1 AS x, x * 2 AS y FROM VALUES (1), (2) AS v(a)";
    pl_node *r = at_resolve(&t, q);
    CHECK(r);
    CHECK_EQ_STR(at_schema(&t, r), "x:int not null, y:int not null");
    at_release(&t);
}

/* LATERAL VIEW / generator table functions (an_generate_node): Spark's Generate output is the
   child's columns then the generator's (GeneratorResolution.makeGeneratorOutput names them,
   qualified by the LATERAL VIEW's table name; outer makes them nullable). */
static pl_node *at_generate(at_ctx *t, pl_node *child, pl_expr *call, const char *alias, int n_cols,
                            const char **cols)
{
    pl_node *g = pl_node_new(&t->arena, PL_GENERATE, 1);
    g->children[0] = child;
    g->n_exprs = 1;
    g->exprs = em_arena_calloc(&t->arena, 1, sizeof(pl_expr *));
    g->exprs[0] = call;
    g->u.generate.alias = alias;
    g->u.generate.n_cols = n_cols;
    g->u.generate.cols = cols;
    return g;
}

EM_TEST(generate_lateral_view)
{
    at_ctx t;
    at_init(&t);
    static const char *c1[] = {"c"};
    pl_node *g = at_generate(&t, at_local(&t, "id bigint, a array<int>"),
                             at_fn(&t, "explode", at_col(&t, "a"), NULL), "x", 1, c1);
    g->u.generate.outer = true;
    pl_node *r = at_resolve(&t, at_select(&t, g, at_star(&t), NULL));
    CHECK(r);
    CHECK_EQ_STR(at_schema(&t, r), "id:bigint, a:array<int>, c:int");
    /* The table name qualifies the generated columns. */
    g = at_generate(&t, at_local(&t, "id bigint, a array<int>"),
                    at_fn(&t, "posexplode", at_col(&t, "a"), NULL), "x", 0, NULL);
    r = at_resolve(&t, at_select(&t, g, at_col(&t, "x.pos"), at_col(&t, "x.col"), NULL));
    CHECK(r);
    CHECK_EQ_STR(at_schema(&t, r), "pos:int not null, col:int");
    at_release(&t);
}

EM_TEST(generate_errors)
{
    at_ctx t;
    at_init(&t);
    static const char *c1[] = {"p"};
    /* makeGeneratorOutput: aliasesSize is the generator's column count. */
    pl_node *g = at_generate(&t, at_local(&t, "a array<int>"),
                             at_fn(&t, "posexplode", at_col(&t, "a"), NULL), "x", 1, c1);
    CHECK(!at_resolve(&t, g));
    CHECK_EQ_STR(at_error_class(&t), "UDTF_ALIAS_NUMBER_MISMATCH");
    CHECK_EQ_STR(at_param(&t, "aliasesSize"), "2");
    CHECK_EQ_STR(at_param(&t, "aliasesNames"), "p");
    at_release(&t);
    at_init(&t);
    g = at_generate(&t, at_local(&t, "a int"), at_fn(&t, "abs", at_col(&t, "a"), NULL), "x", 0,
                    NULL);
    CHECK(!at_resolve(&t, g));
    CHECK_EQ_STR(at_error_class(&t), "UNSUPPORTED_GENERATOR.NOT_GENERATOR");
    at_release(&t);
    /* table-valued-functions.sql: explode(array(1, 2)) t(c1, c2). */
    at_init(&t);
    static const char *c2[] = {"c1", "c2"};
    g = at_generate(&t, pl_node_new(&t.arena, PL_ONE_ROW, 0),
                    at_fn(&t, "explode", at_fn(&t, "array", at_int(&t, 1), NULL), NULL), NULL, 2,
                    c2);
    g->u.generate.tvf = true;
    CHECK(!at_resolve(&t, g));
    CHECK_EQ_STR(at_error_class(&t), "NUM_TABLE_VALUE_ALIASES_MISMATCH");
    CHECK_EQ_STR(at_param(&t, "funcName"), "`explode`");
    CHECK_EQ_STR(at_param(&t, "aliasesNum"), "2");
    CHECK_EQ_STR(at_param(&t, "outColsNum"), "1");
    at_release(&t);
    /* table-valued-functions.sql: explode(explode(array(1))). */
    at_init(&t);
    g = at_generate(&t, pl_node_new(&t.arena, PL_ONE_ROW, 0),
                    at_fn(&t, "explode",
                          at_fn(&t, "explode", at_fn(&t, "array", at_int(&t, 1), NULL), NULL),
                          NULL),
                    NULL, 0, NULL);
    CHECK(!at_resolve(&t, g));
    CHECK_EQ_STR(at_error_class(&t), "UNSUPPORTED_GENERATOR.NESTED_IN_EXPRESSIONS");
    at_release(&t);
}

int main(int c, char **v)
{
    return em_test_main(c, v);
}
