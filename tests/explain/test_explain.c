/*
 * test_explain: the explain modes beyond extended (pl_explain.c) and the UpdateFields
 * translation (cx_expression.c + update_fields in fn_struct.c). Expected text comes from
 * Spark: QueryExecution.explainString (section headers, the trailing empty line of simple
 * mode), Statistics.simpleString + Utils.bytesToString + Range.computeStats (cost),
 * debug.writeCodegen (codegen), ExplainUtils.processPlan (formatted), and the connect-plans
 * explain files column_withField.explain / column_dropFields.explain (update_fields names).
 */
#include <string.h>

#include "an_test_util.h"
#include "connect/cx.h"
#include "em_test.h"
#include "plan/pl_print.h"

static const char *ex_text(at_ctx *t, em_str *s)
{
    const char *r = em_arena_strndup(&t->arena, s->data ? s->data : "", s->len);
    em_str_release(s);
    return r;
}

static const char *ex_explain(at_ctx *t, pl_node *parsed, pl_node *resolved, int mode)
{
    em_str s;
    em_str_init(&s, 0);
    pl_explain(parsed, resolved, mode, &s);
    return ex_text(t, &s);
}

/* QueryExecution.simpleString: "== Physical Plan ==\n" + tree + "\n". */
EM_TEST(explain_simple_trailing_line)
{
    at_ctx t;
    at_init(&t);
    pl_node *r = at_resolve(&t, at_range(&t, 0, 3));
    CHECK(r);
    CHECK_EQ_STR(ex_explain(&t, NULL, r, PL_EXPLAIN_SIMPLE),
                 "== Physical Plan ==\nRange (0, 3, step=1, splits=None)\n\n");
    at_release(&t);
}

/* stringWithStats: only the optimized plan (with stats) and the physical plan. Range stats:
   sizeInBytes = LongType.defaultSize * numElements = 80 -> "80.0 B", rowCount = 10. */
EM_TEST(explain_cost_range)
{
    at_ctx t;
    at_init(&t);
    pl_node *r = at_resolve(&t, at_range(&t, 0, 10));
    CHECK(r);
    CHECK_EQ_STR(ex_explain(&t, NULL, r, PL_EXPLAIN_COST),
                 "== Optimized Logical Plan ==\n"
                 "Range (0, 10, step=1, splits=None), Statistics(sizeInBytes=80.0 B, "
                 "rowCount=10)\n"
                 "\n== Physical Plan ==\n"
                 "Range (0, 10, step=1, splits=None)\n\n");
    at_release(&t);
}

/* Unary nodes scale the child's size by row sizes (8 + defaultSize per column): a Project of
   id and a string over Range(0, 4096): 32768 * (8+8+20) / (8+8) = 73728 -> "72.0 KiB"; a
   global aggregate is one row of 8 + 8 bytes; 3000 rows: rowCount "3.00E+3". */
EM_TEST(explain_cost_unary_and_aggregate)
{
    at_ctx t;
    at_init(&t);
    pl_node *p = at_select(&t, at_range(&t, 0, 4096), at_col(&t, "id"),
                           at_alias(&t, at_cast(&t, at_col(&t, "id"), "string"), "s"), NULL);
    pl_node *r = at_resolve(&t, p);
    CHECK(r);
    const char *text = ex_explain(&t, NULL, r, PL_EXPLAIN_COST);
    CHECK(strstr(text, "Statistics(sizeInBytes=72.0 KiB)\n+- Range (0, 4096") != NULL);
    CHECK(strstr(text, "Statistics(sizeInBytes=32.0 KiB, rowCount=4.10E+3)") != NULL);
    pl_node *agg =
        at_select(&t, at_range(&t, 0, 3000), at_fn(&t, "count", at_col(&t, "id"), NULL), NULL);
    r = at_resolve(&t, agg);
    CHECK(r);
    text = ex_explain(&t, NULL, r, PL_EXPLAIN_COST);
    CHECK(strstr(text, "Statistics(sizeInBytes=16.0 B, rowCount=1)\n") != NULL);
    CHECK(strstr(text, "rowCount=3.00E+3)") != NULL);
    at_release(&t);
}

/* A LocalRelation of unknown rows is 0 bytes (rows x row size); file scans and tables without
   statistics take spark.sql.defaultSizeInBytes = Long.MaxValue -> "8.0 EiB". */
EM_TEST(explain_cost_local_empty)
{
    at_ctx t;
    at_init(&t);
    pl_node *r = at_resolve(&t, at_local(&t, "a int"));
    CHECK(r);
    CHECK(strstr(ex_explain(&t, NULL, r, PL_EXPLAIN_COST), "Statistics(sizeInBytes=0.0 B)") !=
          NULL);
    at_release(&t);
}

/* debug.writeCodegen with no WholeStageCodegen stages. */
EM_TEST(explain_codegen)
{
    at_ctx t;
    at_init(&t);
    pl_node *r = at_resolve(&t, at_range(&t, 0, 3));
    CHECK(r);
    CHECK_EQ_STR(ex_explain(&t, NULL, r, PL_EXPLAIN_CODEGEN),
                 "Found 0 WholeStageCodegen subtrees.\n");
    at_release(&t);
}

/* ExplainUtils.processPlan: "Name (id)" tree lines (children numbered first), two empty
   lines, then "(id) Name", "Output [n]: [...]", "Input [n]: [...]", "Arguments: ...". */
EM_TEST(explain_formatted)
{
    at_ctx t;
    at_init(&t);
    pl_node *p = at_select(&t, at_range(&t, 0, 3), at_col(&t, "id"), NULL);
    pl_node *r = at_resolve(&t, p);
    CHECK(r);
    CHECK_EQ_STR(ex_explain(&t, NULL, r, PL_EXPLAIN_FORMATTED),
                 "== Physical Plan ==\n"
                 "Project (2)\n"
                 "+- Range (1)\n"
                 "\n\n"
                 "(1) Range\n"
                 "Output [1]: [id#0L]\n"
                 "Arguments: (0, 3, step=1, splits=None)\n"
                 "\n"
                 "(2) Project\n"
                 "Output [1]: [id#0L]\n"
                 "Input [1]: [id#0L]\n"
                 "Arguments: [id#0L]\n"
                 "\n");
    at_release(&t);
}

/* ---- UpdateFields ------------------------------------------------------------------------- */

/* Translates UpdateFields(col, field[, value]) through cx_expression. */
static pl_expr *ex_update(at_ctx *t, const char *col, const char *field,
                          Spark__Connect__Expression *value)
{
    static Spark__Connect__Expression__UnresolvedAttribute attr =
        SPARK__CONNECT__EXPRESSION__UNRESOLVED_ATTRIBUTE__INIT;
    static Spark__Connect__Expression s = SPARK__CONNECT__EXPRESSION__INIT;
    attr.unparsed_identifier = (char *)col;
    s.expr_type_case = SPARK__CONNECT__EXPRESSION__EXPR_TYPE_UNRESOLVED_ATTRIBUTE;
    s.unresolved_attribute = &attr;
    Spark__Connect__Expression__UpdateFields uf = SPARK__CONNECT__EXPRESSION__UPDATE_FIELDS__INIT;
    uf.struct_expression = &s;
    uf.field_name = (char *)field;
    uf.value_expression = value;
    Spark__Connect__Expression e = SPARK__CONNECT__EXPRESSION__INIT;
    e.expr_type_case = SPARK__CONNECT__EXPRESSION__EXPR_TYPE_UPDATE_FIELDS;
    e.update_fields = &uf;
    cx_ctx ctx;
    cx_ctx_init(&ctx, &t->arena, &t->opts);
    pl_expr *out = NULL;
    if (cx_expression(&e, &ctx, &out, &t->err))
        return NULL;
    return out;
}

/* column_withField.explain: "update_fields(d, WithField(xq))"; a new field is appended, an
   existing one replaced in place (WithField.apply). */
EM_TEST(update_fields_with_field)
{
    at_ctx t;
    at_init(&t);
    Spark__Connect__Expression__Literal lit = SPARK__CONNECT__EXPRESSION__LITERAL__INIT;
    lit.literal_type_case = SPARK__CONNECT__EXPRESSION__LITERAL__LITERAL_TYPE_STRING;
    lit.string = "xq";
    Spark__Connect__Expression v = SPARK__CONNECT__EXPRESSION__INIT;
    v.expr_type_case = SPARK__CONNECT__EXPRESSION__EXPR_TYPE_LITERAL;
    v.literal = &lit;
    pl_expr *e = ex_update(&t, "d", "x", &v);
    CHECK(e);
    pl_node *r = at_resolve(&t, at_select(&t, at_local(&t, "d struct<a:int, b:string>"), e, NULL));
    CHECK(r);
    CHECK_EQ_STR(at_schema(&t, r),
                 "update_fields(d, WithField(xq)):struct<a:int,b:string,x:string>");
    e = ex_update(&t, "d", "A", &v);
    r = at_resolve(&t, at_select(&t, at_local(&t, "d struct<a:int, b:string>"), e, NULL));
    CHECK(r);
    CHECK_EQ_STR(at_schema(&t, r), "update_fields(d, WithField(xq)):struct<A:string,b:string>");
    at_release(&t);
}

/* column_dropFields.explain: consecutive drops merge, "update_fields(d, dropfield(),
   dropfield())"; a nested name "e.g" rewrites the inner struct (UpdateFields.apply); dropping
   every field is DATATYPE_MISMATCH.CANNOT_DROP_ALL_FIELDS. */
EM_TEST(update_fields_drop)
{
    at_ctx t;
    at_init(&t);
    pl_expr *e = ex_update(&t, "d", "a", NULL);
    CHECK(e);
    cx_ctx ctx;
    cx_ctx_init(&ctx, &t.arena, &t.opts);
    /* Drop "b" from the result of the first drop: translate the outer message by hand. */
    Spark__Connect__Expression__UnresolvedAttribute attr =
        SPARK__CONNECT__EXPRESSION__UNRESOLVED_ATTRIBUTE__INIT;
    attr.unparsed_identifier = "d";
    Spark__Connect__Expression s = SPARK__CONNECT__EXPRESSION__INIT;
    s.expr_type_case = SPARK__CONNECT__EXPRESSION__EXPR_TYPE_UNRESOLVED_ATTRIBUTE;
    s.unresolved_attribute = &attr;
    Spark__Connect__Expression__UpdateFields in = SPARK__CONNECT__EXPRESSION__UPDATE_FIELDS__INIT;
    in.struct_expression = &s;
    in.field_name = "a";
    Spark__Connect__Expression ie = SPARK__CONNECT__EXPRESSION__INIT;
    ie.expr_type_case = SPARK__CONNECT__EXPRESSION__EXPR_TYPE_UPDATE_FIELDS;
    ie.update_fields = &in;
    Spark__Connect__Expression__UpdateFields out = SPARK__CONNECT__EXPRESSION__UPDATE_FIELDS__INIT;
    out.struct_expression = &ie;
    out.field_name = "c";
    Spark__Connect__Expression oe = SPARK__CONNECT__EXPRESSION__INIT;
    oe.expr_type_case = SPARK__CONNECT__EXPRESSION__EXPR_TYPE_UPDATE_FIELDS;
    oe.update_fields = &out;
    CHECK_EQ_INT(cx_expression(&oe, &ctx, &e, &t.err), 0);
    const char *schema = "d struct<a:int, b:string, c:double, e:struct<g:int, h:int>>";
    pl_node *r = at_resolve(&t, at_select(&t, at_local(&t, schema), e, NULL));
    CHECK(r);
    CHECK_EQ_STR(at_schema(&t, r), "update_fields(d, dropfield(), dropfield()):struct<b:string,"
                                   "e:struct<g:int,h:int>>");
    e = ex_update(&t, "d", "e.g", NULL);
    r = at_resolve(&t, at_select(&t, at_local(&t, schema), at_alias(&t, e, "d"), NULL));
    CHECK(r);
    CHECK_EQ_STR(at_schema(&t, r), "d:struct<a:int,b:string,c:double,e:struct<h:int>>");
    e = ex_update(&t, "d", "a", NULL);
    r = at_resolve(&t, at_select(&t, at_local(&t, "d struct<a:int>"), e, NULL));
    CHECK(!r);
    CHECK_EQ_STR(at_error_class(&t), "DATATYPE_MISMATCH.CANNOT_DROP_ALL_FIELDS");
    at_release(&t);
}

/* UpdateFields.checkInputDataTypes: a non-struct input is UNEXPECTED_INPUT_TYPE (first
   parameter, requiredType "STRUCT"). */
EM_TEST(update_fields_not_struct)
{
    at_ctx t;
    at_init(&t);
    pl_expr *e = ex_update(&t, "a", "x", NULL);
    pl_node *r = at_resolve(&t, at_select(&t, at_local(&t, "a int"), e, NULL));
    CHECK(!r);
    CHECK_EQ_STR(at_error_class(&t), "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE");
    CHECK_EQ_STR(at_param(&t, "requiredType"), "\"STRUCT\"");
    at_release(&t);
}

int main(int c, char **v)
{
    return em_test_main(c, v);
}
