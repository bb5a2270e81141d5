/*
 * test_translate: the proto -> IR translation (src/connect/cx_*.c) on messages built in C.
 * Expected types and defaults come from Spark's SparkConnectPlanner and
 * LiteralValueProtoConverter / DataTypeProtoConverter (cited per case).
 */
#include <string.h>

#include "an_test_util.h"
#include "connect/cx.h"
#include "em_test.h"

#pragma GCC diagnostic ignored "-Wdeprecated-declarations"

typedef struct tt {
    em_arena arena;
    em_error err;
    cx_ctx ctx;
} tt;

static void tt_init(tt *t)
{
    em_arena_init(&t->arena, 0);
    em_error_clear(&t->err);
    cx_ctx_init(&t->ctx, &t->arena, NULL);
}

static const char *tt_type(tt *t, const ty *type)
{
    em_str s;
    em_str_init(&s, 0);
    ty_simple_string(type, &s);
    const char *r = em_arena_strndup(&t->arena, s.data ? s.data : "", s.len);
    em_str_release(&s);
    return r;
}

/* LiteralValueProtoConverter.getProtoDataType: integer -> int, long -> bigint, decimal
   "123.45" -> decimal(5,2) (precision/scale from the value), string -> string. */
EM_TEST(literal_types)
{
    tt t;
    tt_init(&t);
    Spark__Connect__Expression__Literal lit = SPARK__CONNECT__EXPRESSION__LITERAL__INIT;
    pl_expr *e;
    lit.literal_type_case = SPARK__CONNECT__EXPRESSION__LITERAL__LITERAL_TYPE_INTEGER;
    lit.integer = 7;
    CHECK(cx_literal(&lit, &t.ctx, &e, &t.err) == EM_OK);
    CHECK_EQ_STR(tt_type(&t, e->type), "int");
    CHECK_EQ_INT(VEC_VALUES(e->lit, int32_t)[0], 7);

    lit.literal_type_case = SPARK__CONNECT__EXPRESSION__LITERAL__LITERAL_TYPE_LONG;
    lit.long_ = 1LL << 40;
    CHECK(cx_literal(&lit, &t.ctx, &e, &t.err) == EM_OK);
    CHECK_EQ_STR(tt_type(&t, e->type), "bigint");

    Spark__Connect__Expression__Literal__Decimal dec =
        SPARK__CONNECT__EXPRESSION__LITERAL__DECIMAL__INIT;
    dec.value = "123.45";
    lit.literal_type_case = SPARK__CONNECT__EXPRESSION__LITERAL__LITERAL_TYPE_DECIMAL;
    lit.decimal = &dec;
    CHECK(cx_literal(&lit, &t.ctx, &e, &t.err) == EM_OK);
    CHECK_EQ_STR(tt_type(&t, e->type), "decimal(5,2)");
    CHECK(VEC_VALUES(e->lit, __int128)[0] == 12345);

    lit.literal_type_case = SPARK__CONNECT__EXPRESSION__LITERAL__LITERAL_TYPE_STRING;
    lit.string = "héllo";
    CHECK(cx_literal(&lit, &t.ctx, &e, &t.err) == EM_OK);
    CHECK_EQ_STR(tt_type(&t, e->type), "string");
    em_arena_release(&t.arena);
}

/* Array literals take element_type with containsNull = true; a null element stays null. */
EM_TEST(literal_array)
{
    tt t;
    tt_init(&t);
    Spark__Connect__DataType__Integer it = SPARK__CONNECT__DATA_TYPE__INTEGER__INIT;
    Spark__Connect__DataType elem = SPARK__CONNECT__DATA_TYPE__INIT;
    elem.kind_case = SPARK__CONNECT__DATA_TYPE__KIND_INTEGER;
    elem.integer = &it;
    Spark__Connect__Expression__Literal e1 = SPARK__CONNECT__EXPRESSION__LITERAL__INIT;
    e1.literal_type_case = SPARK__CONNECT__EXPRESSION__LITERAL__LITERAL_TYPE_INTEGER;
    e1.integer = 1;
    Spark__Connect__Expression__Literal e2 = SPARK__CONNECT__EXPRESSION__LITERAL__INIT;
    e2.literal_type_case = SPARK__CONNECT__EXPRESSION__LITERAL__LITERAL_TYPE_NULL;
    e2.null = &elem;
    Spark__Connect__Expression__Literal *elems[] = {&e1, &e2};
    Spark__Connect__Expression__Literal__Array arr =
        SPARK__CONNECT__EXPRESSION__LITERAL__ARRAY__INIT;
    arr.element_type = &elem;
    arr.n_elements = 2;
    arr.elements = elems;
    Spark__Connect__Expression__Literal lit = SPARK__CONNECT__EXPRESSION__LITERAL__INIT;
    lit.literal_type_case = SPARK__CONNECT__EXPRESSION__LITERAL__LITERAL_TYPE_ARRAY;
    lit.array = &arr;
    pl_expr *e;
    CHECK(cx_literal(&lit, &t.ctx, &e, &t.err) == EM_OK);
    CHECK_EQ_STR(tt_type(&t, e->type), "array<int>");
    CHECK(e->type->contains_null);
    CHECK_EQ_INT(e->lit->len, 1);
    CHECK_EQ_INT(e->lit->children[0]->len, 2);
    CHECK(vec_is_null(e->lit->children[0], 1));
    /* An array literal without element type is an invalid plan (Spark: "Data type
       information is missing in the array literal."). */
    arr.element_type = NULL;
    em_error_clear(&t.err);
    CHECK(cx_literal(&lit, &t.ctx, &e, &t.err) != EM_OK);
    CHECK_EQ_STR(t.err.error_class, "INTERNAL_ERROR");
    CHECK_EQ_STR(t.err.jvm_class, "org.apache.spark.sql.connect.common.InvalidPlanInput");
    em_arena_release(&t.arena);
}

/* DataType round trip; the server sends strings with collation "UTF8_BINARY". */
EM_TEST(data_type_round_trip)
{
    tt t;
    tt_init(&t);
    ty_field fs[3] = {
        {.name = "a", .type = ty_int(), .nullable = false, .metadata = NULL},
        {.name = "b", .type = ty_array(&t.arena, ty_string(), true), .nullable = true},
        {.name = "c", .type = ty_decimal(&t.arena, 10, 2), .nullable = true},
    };
    const ty *st = ty_struct(&t.arena, 3, fs);
    Spark__Connect__DataType *p = cx_data_type_to_proto(st);
    CHECK(p->kind_case == SPARK__CONNECT__DATA_TYPE__KIND_STRUCT);
    CHECK_EQ_STR(p->struct_->fields[1]->data_type->array->element_type->string->collation,
                 "UTF8_BINARY");
    const ty *back;
    CHECK(cx_data_type(p, &t.arena, &back, &t.err) == EM_OK);
    CHECK(ty_equals(st, back));
    cx_data_type_free(p);
    em_arena_release(&t.arena);
}

/* DataTypeProtoConverter: a decimal without precision/scale is DecimalType() = (10,0). */
EM_TEST(decimal_defaults)
{
    tt t;
    tt_init(&t);
    Spark__Connect__DataType__Decimal d = SPARK__CONNECT__DATA_TYPE__DECIMAL__INIT;
    Spark__Connect__DataType dt = SPARK__CONNECT__DATA_TYPE__INIT;
    dt.kind_case = SPARK__CONNECT__DATA_TYPE__KIND_DECIMAL;
    dt.decimal = &d;
    const ty *out;
    CHECK(cx_data_type(&dt, &t.arena, &out, &t.err) == EM_OK);
    CHECK_EQ_STR(tt_type(&t, out), "decimal(10,0)");
    em_arena_release(&t.arena);
}

static Spark__Connect__Relation *tt_range(int64_t end)
{
    static Spark__Connect__Range r = SPARK__CONNECT__RANGE__INIT;
    static Spark__Connect__Relation rel = SPARK__CONNECT__RELATION__INIT;
    r.end = end;
    r.step = 1;
    rel.rel_type_case = SPARK__CONNECT__RELATION__REL_TYPE_RANGE;
    rel.range = &r;
    return &rel;
}

/* transformRange: start defaults to 0. plan_id comes from RelationCommon. */
EM_TEST(range_defaults)
{
    tt t;
    tt_init(&t);
    Spark__Connect__Relation *rel = tt_range(10);
    Spark__Connect__RelationCommon common = SPARK__CONNECT__RELATION_COMMON__INIT;
    common._plan_id_case = SPARK__CONNECT__RELATION_COMMON___PLAN_ID_PLAN_ID;
    common.plan_id = 42;
    rel->common = &common;
    pl_node *n;
    CHECK(cx_relation(rel, &t.ctx, &n, &t.err) == EM_OK);
    CHECK(n->kind == PL_RANGE && n->u.range.start == 0 && n->u.range.end == 10);
    CHECK_EQ_INT(n->plan_id, 42);
    rel->common = NULL;
    em_arena_release(&t.arena);
}

/* An unset rel_type never crashes: Spark rejects it as an invalid plan. */
EM_TEST(relation_not_set)
{
    tt t;
    tt_init(&t);
    Spark__Connect__Relation rel = SPARK__CONNECT__RELATION__INIT;
    pl_node *n;
    CHECK(cx_relation(&rel, &t.ctx, &n, &t.err) != EM_OK);
    CHECK_EQ_STR(t.err.error_class, "INTERNAL_ERROR");
    em_arena_release(&t.arena);
}

/* Kinds Ember lacks raise UNSUPPORTED_FEATURE.NOT_IMPLEMENTED naming the proto field. */
EM_TEST(relation_not_implemented)
{
    tt t;
    tt_init(&t);
    Spark__Connect__Relation rel = SPARK__CONNECT__RELATION__INIT;
    Spark__Connect__MapPartitions mp = SPARK__CONNECT__MAP_PARTITIONS__INIT;
    rel.rel_type_case = SPARK__CONNECT__RELATION__REL_TYPE_MAP_PARTITIONS;
    rel.map_partitions = &mp;
    pl_node *n;
    CHECK(cx_relation(&rel, &t.ctx, &n, &t.err) != EM_OK);
    CHECK_EQ_STR(t.err.error_class, "UNSUPPORTED_FEATURE.NOT_IMPLEMENTED");
    CHECK_EQ_STR(em_error_param_get(&t.err, "feature"), "Relation.map_partitions");
    em_arena_release(&t.arena);
}

/* Python UDFs are rejected as not implemented (never executed). */
EM_TEST(python_udf_rejected)
{
    tt t;
    tt_init(&t);
    Spark__Connect__PythonUDF py = SPARK__CONNECT__PYTHON_UDF__INIT;
    Spark__Connect__CommonInlineUserDefinedFunction udf =
        SPARK__CONNECT__COMMON_INLINE_USER_DEFINED_FUNCTION__INIT;
    udf.function_case = SPARK__CONNECT__COMMON_INLINE_USER_DEFINED_FUNCTION__FUNCTION_PYTHON_UDF;
    udf.python_udf = &py;
    Spark__Connect__Expression e = SPARK__CONNECT__EXPRESSION__INIT;
    e.expr_type_case = SPARK__CONNECT__EXPRESSION__EXPR_TYPE_COMMON_INLINE_USER_DEFINED_FUNCTION;
    e.common_inline_user_defined_function = &udf;
    pl_expr *out;
    CHECK(cx_expression(&e, &t.ctx, &out, &t.err) != EM_OK);
    CHECK_EQ_STR(em_error_param_get(&t.err, "feature"),
                 "Expression.common_inline_user_defined_function.python_udf");
    em_arena_release(&t.arena);
}

/* WithColumnsRenamed: renames (4.x clients) and rename_columns_map (3.5 clients). */
EM_TEST(with_columns_renamed_both_forms)
{
    tt t;
    tt_init(&t);
    Spark__Connect__WithColumnsRenamed__Rename r1 =
        SPARK__CONNECT__WITH_COLUMNS_RENAMED__RENAME__INIT;
    r1.col_name = "id";
    r1.new_col_name = "x";
    Spark__Connect__WithColumnsRenamed__Rename *rs[] = {&r1};
    Spark__Connect__WithColumnsRenamed w = SPARK__CONNECT__WITH_COLUMNS_RENAMED__INIT;
    w.input = tt_range(3);
    w.n_renames = 1;
    w.renames = rs;
    Spark__Connect__Relation rel = SPARK__CONNECT__RELATION__INIT;
    rel.rel_type_case = SPARK__CONNECT__RELATION__REL_TYPE_WITH_COLUMNS_RENAMED;
    rel.with_columns_renamed = &w;
    pl_node *n;
    CHECK(cx_relation(&rel, &t.ctx, &n, &t.err) == EM_OK);
    CHECK(n->kind == PL_RENAME && n->u.rename.n == 1);
    CHECK_EQ_STR(n->u.rename.to[0], "x");
    Spark__Connect__WithColumnsRenamed__RenameColumnsMapEntry m1 =
        SPARK__CONNECT__WITH_COLUMNS_RENAMED__RENAME_COLUMNS_MAP_ENTRY__INIT;
    m1.key = "id";
    m1.value = "y";
    Spark__Connect__WithColumnsRenamed__RenameColumnsMapEntry *ms[] = {&m1};
    w.n_renames = 0;
    w.renames = NULL;
    w.n_rename_columns_map = 1;
    w.rename_columns_map = ms;
    CHECK(cx_relation(&rel, &t.ctx, &n, &t.err) == EM_OK);
    CHECK_EQ_STR(n->u.rename.from[0], "id");
    CHECK_EQ_STR(n->u.rename.to[0], "y");
    em_arena_release(&t.arena);
}

/* transformSortOrder: a direction other than ASCENDING is descending, a null ordering other
   than FIRST is NULLS LAST. */
EM_TEST(sort_order_defaults)
{
    tt t;
    tt_init(&t);
    Spark__Connect__Expression__UnresolvedAttribute at =
        SPARK__CONNECT__EXPRESSION__UNRESOLVED_ATTRIBUTE__INIT;
    at.unparsed_identifier = "`a.b`.c";
    Spark__Connect__Expression child = SPARK__CONNECT__EXPRESSION__INIT;
    child.expr_type_case = SPARK__CONNECT__EXPRESSION__EXPR_TYPE_UNRESOLVED_ATTRIBUTE;
    child.unresolved_attribute = &at;
    Spark__Connect__Expression__SortOrder so = SPARK__CONNECT__EXPRESSION__SORT_ORDER__INIT;
    so.child = &child;
    pl_expr *e;
    CHECK(cx_sort_order(&so, &t.ctx, &e, &t.err) == EM_OK);
    CHECK(e->descending && !e->nulls_first);
    /* UnresolvedAttribute.quotedString: backticks quote a whole part. */
    CHECK_EQ_INT(e->args[0]->n_parts, 2);
    CHECK_EQ_STR(e->args[0]->parts[0], "a.b");
    CHECK_EQ_STR(e->args[0]->parts[1], "c");
    at.unparsed_identifier = "a..b";
    CHECK(cx_sort_order(&so, &t.ctx, &e, &t.err) != EM_OK);
    CHECK_EQ_STR(t.err.error_class, "INVALID_ATTRIBUTE_NAME_SYNTAX");
    em_arena_release(&t.arena);
}

/* colRegex: a backquoted name is a regex (ParserUtils.escapedIdentifier). */
EM_TEST(col_regex)
{
    tt t;
    tt_init(&t);
    Spark__Connect__Expression__UnresolvedRegex re =
        SPARK__CONNECT__EXPRESSION__UNRESOLVED_REGEX__INIT;
    re.col_name = "`(id|a)`";
    Spark__Connect__Expression e = SPARK__CONNECT__EXPRESSION__INIT;
    e.expr_type_case = SPARK__CONNECT__EXPRESSION__EXPR_TYPE_UNRESOLVED_REGEX;
    e.unresolved_regex = &re;
    pl_expr *out;
    CHECK(cx_expression(&e, &t.ctx, &out, &t.err) == EM_OK);
    CHECK(out->kind == PX_REGEX);
    CHECK_EQ_STR(out->sql, "(id|a)");
    re.col_name = "plain";
    CHECK(cx_expression(&e, &t.ctx, &out, &t.err) == EM_OK);
    CHECK(out->kind == PX_ATTR);
    em_arena_release(&t.arena);
}

/* Deeply nested plans stop with an error instead of exhausting the stack. */
EM_TEST(deep_nesting)
{
    tt t;
    tt_init(&t);
    int depth = CX_MAX_DEPTH + 10;
    Spark__Connect__Relation *rels = em_arena_calloc(&t.arena, (size_t)depth, sizeof *rels);
    Spark__Connect__Limit *lims = em_arena_calloc(&t.arena, (size_t)depth, sizeof *lims);
    for (int idx = 0; idx < depth; idx++) {
        spark__connect__relation__init(&rels[idx]);
        spark__connect__limit__init(&lims[idx]);
        rels[idx].rel_type_case = SPARK__CONNECT__RELATION__REL_TYPE_LIMIT;
        rels[idx].limit = &lims[idx];
        lims[idx].limit = 1;
        lims[idx].input = idx + 1 < depth ? &rels[idx + 1] : tt_range(1);
    }
    pl_node *n;
    CHECK(cx_relation(&rels[0], &t.ctx, &n, &t.err) != EM_OK);
    CHECK_EQ_STR(t.err.error_class, "CONNECT_INVALID_PLAN.CANNOT_PARSE");
    em_arena_release(&t.arena);
}

int main(int c, char **v)
{
    return em_test_main(c, v);
}
