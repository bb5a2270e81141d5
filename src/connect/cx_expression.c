/*
 * cx_expression: Expression messages -> unresolved pl_expr trees, one case per
 * Expression.expr_type field (see cx.h for the contracts). Semantics follow Spark's
 * SparkConnectPlanner.transformExpression: sort direction other than ASCENDING is descending,
 * null ordering other than FIRST is NULLS LAST, char/varchar cast targets become string,
 * "`regex`" column names of colRegex become PX_REGEX (other names plain attributes).
 */
#include "connect/cx.h"

#include <string.h>

#define CX_HAS(msg, field) ((msg)->_##field##_case != 0)
#define CX_EXPR(kind)      SPARK__CONNECT__EXPRESSION__EXPR_TYPE_##kind

typedef Spark__Connect__Expression cx_expr_msg;

/* Translates n protobuf expressions into a new arena array. */
static int cx_expr_list(Spark__Connect__Expression *const *in, size_t n, cx_ctx *ctx,
                        pl_expr ***out, em_error *err)
{
    pl_expr **list = em_arena_calloc(ctx->arena, n ? n : 1, sizeof *list);
    for (size_t idx = 0; idx < n; idx++)
        if (cx_expression(in[idx], ctx, &list[idx], err))
            return err ? err->code : EM_EUSER;
    *out = list;
    return EM_OK;
}

static const char **cx_str_list(em_arena *a, char *const *in, size_t n)
{
    const char **list = em_arena_calloc(a, n ? n : 1, sizeof *list);
    for (size_t idx = 0; idx < n; idx++)
        list[idx] = em_arena_strdup(a, in[idx]);
    return list;
}

static int cx_attr(const Spark__Connect__Expression__UnresolvedAttribute *m, cx_ctx *ctx,
                   pl_expr **out, em_error *err)
{
    pl_expr *e = pl_expr_new(ctx->arena, PX_ATTR, 0);
    if (pl_parse_attr_name(ctx->arena, m->unparsed_identifier, &e->n_parts, &e->parts, err))
        return err ? err->code : EM_EUSER;
    e->plan_id = CX_HAS(m, plan_id) ? m->plan_id : -1;
    e->is_metadata = CX_HAS(m, is_metadata_column) && m->is_metadata_column;
    *out = e;
    return EM_OK;
}

static int cx_func(const char *name, Spark__Connect__Expression *const *args, size_t n_args,
                   cx_ctx *ctx, pl_expr **out, em_error *err)
{
    pl_expr *e = pl_expr_new(ctx->arena, PX_FUNC, 0);
    e->name = em_arena_strdup(ctx->arena, name);
    e->n_args = (int)n_args;
    if (cx_expr_list(args, n_args, ctx, &e->args, err))
        return err ? err->code : EM_EUSER;
    *out = e;
    return EM_OK;
}

static int cx_star(const Spark__Connect__Expression__UnresolvedStar *m, cx_ctx *ctx, pl_expr **out,
                   em_error *err)
{
    pl_expr *e = pl_expr_new(ctx->arena, PX_STAR, 0);
    bool has_target = CX_HAS(m, unparsed_target), has_plan = CX_HAS(m, plan_id);
    if (has_target && has_plan)
        return cx_invalid_plan(err,
                               "UnresolvedStar with both target and plan id is not supported.");
    if (has_target) {
        const char *t = m->unparsed_target;
        size_t len = strlen(t);
        if (len < 2 || strcmp(t + len - 2, ".*") != 0)
            return cx_invalid_plan(err, "UnresolvedStar requires a unparsed target ending with "
                                        "'.*'");
        char *target = em_arena_strndup(ctx->arena, t, len - 2);
        if (pl_parse_attr_name(ctx->arena, target, &e->n_parts, &e->parts, err))
            return err ? err->code : EM_EUSER;
    }
    e->plan_id = has_plan ? m->plan_id : -1;
    *out = e;
    return EM_OK;
}

static int cx_alias(const Spark__Connect__Expression__Alias *m, cx_ctx *ctx, pl_expr **out,
                    em_error *err)
{
    if (m->n_name == 0)
        return cx_invalid_plan(err, "Alias requires at least one name");
    if (m->n_name > 1 && CX_HAS(m, metadata))
        return cx_invalid_plan(err, "Alias expressions with more than 1 identifier must not use "
                                    "optional metadata.");
    pl_expr *e = pl_expr_new(ctx->arena, PX_ALIAS, 1);
    if (cx_expression(m->expr, ctx, &e->args[0], err))
        return err ? err->code : EM_EUSER;
    e->n_parts = (int)m->n_name;
    e->parts = cx_str_list(ctx->arena, m->name, m->n_name);
    if (CX_HAS(m, metadata) && m->metadata[0])
        e->metadata = em_arena_strdup(ctx->arena, m->metadata);
    *out = e;
    return EM_OK;
}

/* Spark's CharVarcharUtils.replaceCharVarcharWithStringForCast, recursively. */
static const ty *cx_char_to_string(em_arena *a, const ty *t)
{
    switch (t->kind) {
    case TY_CHAR:
    case TY_VARCHAR:
        return ty_string();
    case TY_ARRAY:
        return ty_array(a, cx_char_to_string(a, t->elem), t->contains_null);
    case TY_MAP:
        return ty_map(a, cx_char_to_string(a, t->key), cx_char_to_string(a, t->value),
                      t->value_contains_null);
    case TY_STRUCT: {
        ty_field *f = em_arena_calloc(a, (size_t)(t->n_fields ? t->n_fields : 1), sizeof *f);
        for (int idx = 0; idx < t->n_fields; idx++) {
            f[idx] = t->fields[idx];
            f[idx].type = cx_char_to_string(a, t->fields[idx].type);
        }
        return ty_struct(a, t->n_fields, f);
    }
    default:
        return t;
    }
}

static int cx_cast(const Spark__Connect__Expression__Cast *m, cx_ctx *ctx, pl_expr **out,
                   em_error *err)
{
    pl_expr *e = pl_expr_new(ctx->arena, PX_CAST, 1);
    if (cx_expression(m->expr, ctx, &e->args[0], err))
        return err ? err->code : EM_EUSER;
    switch (m->cast_to_type_case) {
    case SPARK__CONNECT__EXPRESSION__CAST__CAST_TO_TYPE_TYPE: {
        const ty *t;
        if (cx_data_type(m->type, ctx->arena, &t, err))
            return err ? err->code : EM_EUSER;
        e->cast_type = cx_char_to_string(ctx->arena, t);
        break;
    }
    case SPARK__CONNECT__EXPRESSION__CAST__CAST_TO_TYPE_TYPE_STR:
        e->cast_type_str = em_arena_strdup(ctx->arena, m->type_str);
        break;
    default:
        return cx_invalid_plan(err, "Cast without a target type");
    }
    switch (m->eval_mode) {
    case SPARK__CONNECT__EXPRESSION__CAST__EVAL_MODE__EVAL_MODE_LEGACY:
        e->eval_mode = PX_EVAL_LEGACY;
        break;
    case SPARK__CONNECT__EXPRESSION__CAST__EVAL_MODE__EVAL_MODE_ANSI:
        e->eval_mode = PX_EVAL_ANSI;
        break;
    case SPARK__CONNECT__EXPRESSION__CAST__EVAL_MODE__EVAL_MODE_TRY:
        e->eval_mode = PX_EVAL_TRY;
        break;
    default:
        e->eval_mode = PX_EVAL_UNSPECIFIED;
        break;
    }
    *out = e;
    return EM_OK;
}

/* colRegex: "`re`" and "t.`re`" are regexes (ParserUtils.escapedIdentifier and
   qualifiedEscapedIdentifier), anything else is a column name. */
static int cx_regex(const Spark__Connect__Expression__UnresolvedRegex *m, cx_ctx *ctx,
                    pl_expr **out, em_error *err)
{
    const char *name = m->col_name;
    size_t len = strlen(name);
    int64_t plan_id = CX_HAS(m, plan_id) ? m->plan_id : -1;
    if (len >= 3 && name[len - 1] == '`') {
        const char *table_end = NULL, *pattern = NULL;
        if (name[0] == '`') {
            pattern = name + 1;
        } else {
            /* Greedy (.+): the last ".`" that leaves a non-empty pattern. */
            for (const char *p = name + len - 3; p > name; p--) {
                if (p[0] == '.' && p[1] == '`') {
                    table_end = p;
                    pattern = p + 2;
                    break;
                }
            }
        }
        if (pattern) {
            pl_expr *e = pl_expr_new(ctx->arena, PX_REGEX, 0);
            e->sql = em_arena_strndup(ctx->arena, pattern, (size_t)(name + len - 1 - pattern));
            if (table_end) {
                e->n_parts = 1;
                e->parts = em_arena_calloc(ctx->arena, 1, sizeof *e->parts);
                e->parts[0] = em_arena_strndup(ctx->arena, name, (size_t)(table_end - name));
            }
            e->plan_id = plan_id;
            *out = e;
            return EM_OK;
        }
    }
    pl_expr *e = pl_expr_new(ctx->arena, PX_ATTR, 0);
    if (pl_parse_attr_name(ctx->arena, name, &e->n_parts, &e->parts, err))
        return err ? err->code : EM_EUSER;
    e->plan_id = plan_id;
    *out = e;
    return EM_OK;
}

static int cx_sort_order_msg(const Spark__Connect__Expression__SortOrder *m, cx_ctx *ctx,
                             pl_expr **out, em_error *err)
{
    pl_expr *e = pl_expr_new(ctx->arena, PX_SORT_ORDER, 1);
    if (cx_expression(m->child, ctx, &e->args[0], err))
        return err ? err->code : EM_EUSER;
    e->descending =
        m->direction !=
        SPARK__CONNECT__EXPRESSION__SORT_ORDER__SORT_DIRECTION__SORT_DIRECTION_ASCENDING;
    e->nulls_first =
        m->null_ordering == SPARK__CONNECT__EXPRESSION__SORT_ORDER__NULL_ORDERING__SORT_NULLS_FIRST;
    *out = e;
    return EM_OK;
}

int cx_sort_order(const Spark__Connect__Expression__SortOrder *m, cx_ctx *ctx, pl_expr **out,
                  em_error *err)
{
    if (!m)
        return cx_invalid_plan(err, "missing sort order");
    if (cx_enter(ctx, err))
        return err ? err->code : EM_EUSER;
    int rc = cx_sort_order_msg(m, ctx, out, err);
    cx_leave(ctx);
    return rc;
}

static int cx_frame_bound(const Spark__Connect__Expression__Window__WindowFrame__FrameBoundary *b,
                          cx_ctx *ctx, pl_frame_bound *out, em_error *err)
{
    if (!b)
        return cx_invalid_plan(err, "The window frame requires lower and upper bounds.");
    switch (b->boundary_case) {
    case SPARK__CONNECT__EXPRESSION__WINDOW__WINDOW_FRAME__FRAME_BOUNDARY__BOUNDARY_CURRENT_ROW:
        out->kind = PX_BOUND_CURRENT_ROW;
        return EM_OK;
    case SPARK__CONNECT__EXPRESSION__WINDOW__WINDOW_FRAME__FRAME_BOUNDARY__BOUNDARY_UNBOUNDED:
        out->kind = PX_BOUND_UNBOUNDED;
        return EM_OK;
    case SPARK__CONNECT__EXPRESSION__WINDOW__WINDOW_FRAME__FRAME_BOUNDARY__BOUNDARY_VALUE:
        out->kind = PX_BOUND_VALUE;
        return cx_expression(b->value, ctx, &out->value, err);
    default:
        return cx_invalid_plan(err, "window frame boundary not set");
    }
}

static int cx_window(const Spark__Connect__Expression__Window *m, cx_ctx *ctx, pl_expr **out,
                     em_error *err)
{
    if (!m->window_function)
        return cx_invalid_plan(err, "WindowFunction is required in WindowExpression");
    pl_expr *e = pl_expr_new(ctx->arena, PX_WINDOW, 1);
    pl_window_spec *w = em_arena_calloc(ctx->arena, 1, sizeof *w);
    e->window = w;
    if (cx_expression(m->window_function, ctx, &e->args[0], err))
        return err ? err->code : EM_EUSER;
    w->n_partition = (int)m->n_partition_spec;
    if (cx_expr_list(m->partition_spec, m->n_partition_spec, ctx, &w->partition, err))
        return err ? err->code : EM_EUSER;
    w->n_order = (int)m->n_order_spec;
    w->order = em_arena_calloc(ctx->arena, m->n_order_spec ? m->n_order_spec : 1, sizeof *w->order);
    for (size_t idx = 0; idx < m->n_order_spec; idx++)
        if (cx_sort_order(m->order_spec[idx], ctx, &w->order[idx], err))
            return err ? err->code : EM_EUSER;
    if (m->frame_spec) {
        const Spark__Connect__Expression__Window__WindowFrame *f = m->frame_spec;
        w->has_frame = true;
        if (f->frame_type ==
            SPARK__CONNECT__EXPRESSION__WINDOW__WINDOW_FRAME__FRAME_TYPE__FRAME_TYPE_ROW)
            w->frame_type = PX_FRAME_ROWS;
        else if (f->frame_type ==
                 SPARK__CONNECT__EXPRESSION__WINDOW__WINDOW_FRAME__FRAME_TYPE__FRAME_TYPE_RANGE)
            w->frame_type = PX_FRAME_RANGE;
        else
            return cx_invalid_plan(err, "window frame type not set");
        if (cx_frame_bound(f->lower, ctx, &w->lower, err) ||
            cx_frame_bound(f->upper, ctx, &w->upper, err))
            return err ? err->code : EM_EUSER;
    }
    *out = e;
    return EM_OK;
}

static int cx_lambda(const Spark__Connect__Expression__LambdaFunction *m, cx_ctx *ctx,
                     pl_expr **out, em_error *err)
{
    if (m->n_arguments == 0 || m->n_arguments > 3)
        return cx_invalid_plan(err, "LambdaFunction requires 1 ~ 3 arguments");
    pl_expr *e = pl_expr_new(ctx->arena, PX_LAMBDA, 1);
    if (cx_expression(m->function, ctx, &e->args[0], err))
        return err ? err->code : EM_EUSER;
    e->n_parts = (int)m->n_arguments;
    e->parts = em_arena_calloc(ctx->arena, m->n_arguments, sizeof *e->parts);
    for (size_t idx = 0; idx < m->n_arguments; idx++) {
        const Spark__Connect__Expression__UnresolvedNamedLambdaVariable *v = m->arguments[idx];
        if (!v || v->n_name_parts == 0)
            return cx_invalid_plan(
                err, "UnresolvedNamedLambdaVariable requires at least one name part!");
        e->parts[idx] = em_arena_strdup(ctx->arena, v->name_parts[v->n_name_parts - 1]);
    }
    *out = e;
    return EM_OK;
}

/*
 * UpdateFields (Column.withField / dropFields) -> update_fields(struct, 'ops', name, [value], ...)
 * (functions/fn_struct.c). As Spark's UpdateFields.apply, a dotted field name updates the
 * nested struct: withField("a.b", v) is update_fields(s, WithField(a, update_fields(s.a,
 * WithField(b, v)))); and as the analyzed plans show, an update of an update_fields appends
 * its operation to the inner call (update_fields(d, dropfield(), dropfield())).
 */
static pl_expr *cx_uf_op(cx_ctx *ctx, pl_expr *s, const char *name, pl_expr *value)
{
    em_arena *a = ctx->arena;
    int n_base = 0;
    pl_expr *const *base = NULL;
    const char *ops = "";
    if (s->kind == PX_FUNC && s->name && strcmp(s->name, "update_fields") == 0 && s->n_args >= 2 &&
        s->args[1]->kind == PX_LITERAL) {
        int32_t len;
        const char *p = vec_str(s->args[1]->lit, 0, &len);
        ops = em_arena_strndup(a, p, (size_t)len);
        base = s->args;
        n_base = s->n_args;
    }
    size_t n_ops = strlen(ops);
    char *new_ops = em_arena_calloc(a, n_ops + 2, 1);
    memcpy(new_ops, ops, n_ops);
    new_ops[n_ops] = value ? 'W' : 'D';
    int n_args = (n_base ? n_base : 2) + (value ? 2 : 1);
    pl_expr *e = pl_expr_new(a, PX_FUNC, n_args);
    e->name = "update_fields";
    e->n_args = n_args;
    int k = 0;
    if (n_base) {
        for (; k < n_base; k++)
            e->args[k] = base[k];
    } else {
        e->args[k++] = s;
        k++;
    }
    e->args[1] = pl_lit_string(a, new_ops, (int64_t)n_ops + 1);
    e->args[k++] = pl_lit_string(a, name, (int64_t)strlen(name));
    if (value)
        e->args[k++] = value;
    return e;
}

static pl_expr *cx_uf_build(cx_ctx *ctx, pl_expr *s, int n_parts, const char **parts,
                            pl_expr *value)
{
    if (n_parts == 1)
        return cx_uf_op(ctx, s, parts[0], value);
    pl_expr *inner = pl_expr_new(ctx->arena, PX_EXTRACT, 2);
    inner->args[0] = s;
    inner->args[1] = pl_lit_string(ctx->arena, parts[0], (int64_t)strlen(parts[0]));
    pl_expr *nested = cx_uf_build(ctx, inner, n_parts - 1, parts + 1, value);
    return cx_uf_op(ctx, s, parts[0], nested);
}

static int cx_update_fields(const Spark__Connect__Expression__UpdateFields *m, cx_ctx *ctx,
                            pl_expr **out, em_error *err)
{
    if (!m->struct_expression)
        return cx_invalid_plan(err, "UpdateFields requires a struct expression");
    pl_expr *s = NULL, *value = NULL;
    if (cx_expression(m->struct_expression, ctx, &s, err) ||
        (m->value_expression && cx_expression(m->value_expression, ctx, &value, err)))
        return err ? err->code : EM_EUSER;
    const char *field = m->field_name ? m->field_name : "";
    int n_parts = 1;
    const char **parts = &field;
    if (*field && pl_parse_attr_name(ctx->arena, field, &n_parts, &parts, err))
        return err ? err->code : EM_EUSER;
    *out = cx_uf_build(ctx, s, n_parts, parts, value);
    return EM_OK;
}

/*
 * SubqueryExpression (df.scalar(), df.exists(), col.isin(df)): the subquery's plan is the
 * relation of the enclosing WithRelations whose plan id it names; the analyzer finds it there
 * (subquery_plan_id). Table arguments (TABLE_ARG) are not implemented.
 */
static int cx_subquery(const Spark__Connect__SubqueryExpression *m, cx_ctx *ctx, pl_expr **out,
                       em_error *err)
{
    pl_expr_kind kind;
    switch (m->subquery_type) {
    case SPARK__CONNECT__SUBQUERY_EXPRESSION__SUBQUERY_TYPE__SUBQUERY_TYPE_SCALAR:
        kind = PX_SCALAR_SUBQUERY;
        break;
    case SPARK__CONNECT__SUBQUERY_EXPRESSION__SUBQUERY_TYPE__SUBQUERY_TYPE_EXISTS:
        kind = PX_EXISTS;
        break;
    case SPARK__CONNECT__SUBQUERY_EXPRESSION__SUBQUERY_TYPE__SUBQUERY_TYPE_IN:
        kind = PX_IN_SUBQUERY;
        break;
    case SPARK__CONNECT__SUBQUERY_EXPRESSION__SUBQUERY_TYPE__SUBQUERY_TYPE_TABLE_ARG:
        return cx_not_implemented(err, "Expression.subquery_expression (table argument)");
    default:
        return cx_invalid_plan(err, "Unknown subquery type");
    }
    int n_vals = kind == PX_IN_SUBQUERY ? (int)m->n_in_subquery_values : 0;
    pl_expr *e = pl_expr_new(ctx->arena, kind, n_vals);
    e->n_args = n_vals;
    for (int idx = 0; idx < n_vals; idx++)
        if (cx_expression(m->in_subquery_values[idx], ctx, &e->args[idx], err))
            return err ? err->code : EM_EUSER;
    e->n_in_values = n_vals;
    e->subq_flags = PX_SUBQ_IN_THREE_VALUED;
    e->subquery = NULL;
    e->subquery_plan_id = m->plan_id;
    *out = e;
    return EM_OK;
}

static int cx_udf(const Spark__Connect__CommonInlineUserDefinedFunction *m, em_error *err)
{
    switch (m->function_case) {
    case SPARK__CONNECT__COMMON_INLINE_USER_DEFINED_FUNCTION__FUNCTION_PYTHON_UDF:
        return cx_not_implemented(err, "Expression.common_inline_user_defined_function.python_udf");
    case SPARK__CONNECT__COMMON_INLINE_USER_DEFINED_FUNCTION__FUNCTION_SCALAR_SCALA_UDF:
        return cx_not_implemented(
            err, "Expression.common_inline_user_defined_function.scalar_scala_udf");
    case SPARK__CONNECT__COMMON_INLINE_USER_DEFINED_FUNCTION__FUNCTION_JAVA_UDF:
        return cx_not_implemented(err, "Expression.common_inline_user_defined_function.java_udf");
    default:
        return cx_invalid_plan(err, "CommonInlineUserDefinedFunction without a function");
    }
}

static int cx_expr_dispatch(const cx_expr_msg *m, cx_ctx *ctx, pl_expr **out, em_error *err)
{
    em_arena *a = ctx->arena;
    switch (m->expr_type_case) {
    case CX_EXPR(LITERAL):
        return cx_literal(m->literal, ctx, out, err);
    case CX_EXPR(UNRESOLVED_ATTRIBUTE):
        return cx_attr(m->unresolved_attribute, ctx, out, err);
    case CX_EXPR(UNRESOLVED_FUNCTION): {
        const Spark__Connect__Expression__UnresolvedFunction *f = m->unresolved_function;
        if (cx_func(f->function_name, f->arguments, f->n_arguments, ctx, out, err))
            return err ? err->code : EM_EUSER;
        (*out)->is_distinct = f->is_distinct;
        (*out)->is_udf = f->is_user_defined_function;
        return EM_OK;
    }
    case CX_EXPR(EXPRESSION_STRING): {
        pl_expr *e = pl_expr_new(a, PX_SQL_EXPR, 0);
        e->sql = em_arena_strdup(a, m->expression_string->expression);
        *out = e;
        return EM_OK;
    }
    case CX_EXPR(UNRESOLVED_STAR):
        return cx_star(m->unresolved_star, ctx, out, err);
    case CX_EXPR(ALIAS):
        return cx_alias(m->alias, ctx, out, err);
    case CX_EXPR(CAST):
        return cx_cast(m->cast, ctx, out, err);
    case CX_EXPR(UNRESOLVED_REGEX):
        return cx_regex(m->unresolved_regex, ctx, out, err);
    case CX_EXPR(SORT_ORDER):
        return cx_sort_order_msg(m->sort_order, ctx, out, err);
    case CX_EXPR(LAMBDA_FUNCTION):
        return cx_lambda(m->lambda_function, ctx, out, err);
    case CX_EXPR(WINDOW):
        return cx_window(m->window, ctx, out, err);
    case CX_EXPR(UNRESOLVED_EXTRACT_VALUE): {
        pl_expr *e = pl_expr_new(a, PX_EXTRACT, 2);
        if (cx_expression(m->unresolved_extract_value->child, ctx, &e->args[0], err) ||
            cx_expression(m->unresolved_extract_value->extraction, ctx, &e->args[1], err))
            return err ? err->code : EM_EUSER;
        *out = e;
        return EM_OK;
    }
    case CX_EXPR(UNRESOLVED_NAMED_LAMBDA_VARIABLE): {
        const Spark__Connect__Expression__UnresolvedNamedLambdaVariable *v =
            m->unresolved_named_lambda_variable;
        if (v->n_name_parts == 0)
            return cx_invalid_plan(
                err, "UnresolvedNamedLambdaVariable requires at least one name part!");
        pl_expr *e = pl_expr_new(a, PX_LAMBDA_VAR, 0);
        e->n_parts = (int)v->n_name_parts;
        e->parts = cx_str_list(a, v->name_parts, v->n_name_parts);
        *out = e;
        return EM_OK;
    }
    case CX_EXPR(CALL_FUNCTION):
        return cx_func(m->call_function->function_name, m->call_function->arguments,
                       m->call_function->n_arguments, ctx, out, err);
    case CX_EXPR(NAMED_ARGUMENT_EXPRESSION): {
        pl_expr *e = pl_expr_new(a, PX_NAMED_ARG, 1);
        e->name = em_arena_strdup(a, m->named_argument_expression->key);
        if (cx_expression(m->named_argument_expression->value, ctx, &e->args[0], err))
            return err ? err->code : EM_EUSER;
        *out = e;
        return EM_OK;
    }
    case CX_EXPR(COMMON_INLINE_USER_DEFINED_FUNCTION):
        return cx_udf(m->common_inline_user_defined_function, err);
    case CX_EXPR(UPDATE_FIELDS):
        return cx_update_fields(m->update_fields, ctx, out, err);
    case CX_EXPR(MERGE_ACTION):
        return cx_not_implemented(err, "Expression.merge_action");
    case CX_EXPR(TYPED_AGGREGATE_EXPRESSION):
        return cx_not_implemented(err, "Expression.typed_aggregate_expression");
    case CX_EXPR(SUBQUERY_EXPRESSION):
        return cx_subquery(m->subquery_expression, ctx, out, err);
    case CX_EXPR(DIRECT_SHUFFLE_PARTITION_ID):
        return cx_not_implemented(err, "Expression.direct_shuffle_partition_id");
    case CX_EXPR(EXTENSION):
        return cx_not_implemented(err, "Expression.extension");
    default:
        return cx_invalid_plan(err, "Expected an expression, but the expression type is not set");
    }
}

int cx_expression(const cx_expr_msg *m, cx_ctx *ctx, pl_expr **out, em_error *err)
{
    if (!m)
        return cx_invalid_plan(err, "missing expression");
    if (cx_enter(ctx, err))
        return err ? err->code : EM_EUSER;
    int rc = cx_expr_dispatch(m, ctx, out, err);
    cx_leave(ctx);
    return rc;
}
