/*
 * cx_relation_more: the secondary Relation kinds (P1/P2 in the protocol notes) and the table
 * of kinds Ember does not implement yet, each of which raises
 * UNSUPPORTED_FEATURE.NOT_IMPLEMENTED naming "Relation.<field>".
 */
#include "connect/cx.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#define CX_HAS(msg, field) ((msg)->_##field##_case != 0)
#define CX_REL(kind)       SPARK__CONNECT__RELATION__REL_TYPE_##kind

typedef Spark__Connect__Relation cx_rel;

int cx_relation_more(const cx_rel *rel, cx_ctx *ctx, pl_node **out, em_error *err);

static int cx_child(const cx_rel *input, cx_ctx *ctx, pl_node *n, em_error *err)
{
    if (!input)
        return cx_invalid_plan(err, "the relation needs a plan input");
    return cx_relation(input, ctx, &n->children[0], err);
}

static int cx_more_exprs(Spark__Connect__Expression *const *in, size_t n, cx_ctx *ctx, int *n_out,
                         pl_expr ***out, em_error *err)
{
    pl_expr **list = em_arena_calloc(ctx->arena, n ? n : 1, sizeof *list);
    for (size_t idx = 0; idx < n; idx++)
        if (cx_expression(in[idx], ctx, &list[idx], err))
            return err ? err->code : EM_EUSER;
    *n_out = (int)n;
    *out = list;
    return EM_OK;
}

static int cx_na_cols(em_arena *a, char *const *cols, size_t n, pl_node *node)
{
    node->u.na.n_cols = (int)n;
    node->u.na.cols = em_arena_calloc(a, n ? n : 1, sizeof(char *));
    for (size_t idx = 0; idx < n; idx++)
        node->u.na.cols[idx] = em_arena_strdup(a, cols[idx]);
    return EM_OK;
}

static int cx_na_literals(Spark__Connect__Expression__Literal *const *in, size_t n, cx_ctx *ctx,
                          pl_expr ***out, em_error *err)
{
    pl_expr **list = em_arena_calloc(ctx->arena, n ? n : 1, sizeof *list);
    for (size_t idx = 0; idx < n; idx++)
        if (cx_literal(in[idx], ctx, &list[idx], err))
            return err ? err->code : EM_EUSER;
    *out = list;
    return EM_OK;
}

static pl_expr *cx_col(em_arena *a, const char *name)
{
    int n;
    const char **parts;
    if (pl_parse_attr_name(a, name, &n, &parts, NULL))
        return pl_attr_new(a, 1, &name, -1);
    return pl_attr_new(a, n, parts, -1);
}

static pl_expr *cx_call(em_arena *a, const char *name, int n, pl_expr *x, pl_expr *y, pl_expr *z)
{
    pl_expr *args[3] = {x, y, z};
    return pl_func_new(a, name, n, args);
}

/* when(isnull(c), 0.0).otherwise(cast(c as double)) */
static pl_expr *cx_stat_input(em_arena *a, const char *name)
{
    pl_expr *cast = pl_expr_new(a, PX_CAST, 1);
    cast->args[0] = cx_col(a, name);
    cast->cast_type = ty_double();
    return cx_call(a, "when", 3, cx_call(a, "isnull", 1, cx_col(a, name), NULL, NULL),
                   pl_lit_double(a, 0.0), cast);
}

/*
 * df.stat.cov / df.stat.corr (StatFunctions.calculateCovImpl / calculateCorrImpl):
 * select(when(isnull(f(x, y)), default).otherwise(f(x, y)) AS cov|corr) with x, y the columns
 * as doubles, nulls read as 0.0; default 0.0 for cov, NaN for corr.
 */
static int cx_stat_pair(const cx_rel *input, const char *c1, const char *c2, bool corr, cx_ctx *ctx,
                        pl_node **out, em_error *err)
{
    em_arena *a = ctx->arena;
    pl_node *n = pl_node_new(a, PL_PROJECT, 1);
    if (cx_child(input, ctx, n, err))
        return err ? err->code : EM_EUSER;
    const char *fname = corr ? "corr" : "covar_samp";
    pl_expr *f1 = cx_call(a, fname, 2, cx_stat_input(a, c1), cx_stat_input(a, c2), NULL);
    pl_expr *f2 = cx_call(a, fname, 2, cx_stat_input(a, c1), cx_stat_input(a, c2), NULL);
    pl_expr *dflt = pl_lit_double(a, corr ? __builtin_nan("") : 0.0);
    pl_expr *w = cx_call(a, "when", 3, cx_call(a, "isnull", 1, f1, NULL, NULL), dflt, f2);
    pl_expr *al = pl_expr_new(a, PX_ALIAS, 1);
    al->args[0] = w;
    al->n_parts = 1;
    al->parts = em_arena_calloc(a, 1, sizeof(char *));
    al->parts[0] = corr ? "corr" : "cov";
    n->n_exprs = 1;
    n->exprs = em_arena_calloc(a, 1, sizeof(pl_expr *));
    n->exprs[0] = al;
    *out = n;
    return EM_OK;
}

/* spark.tvf.*: range(...) with literal bounds is a Range; other functions (generators) are
   selected over one row. */
static int cx_tvf(const Spark__Connect__UnresolvedTableValuedFunction *m, cx_ctx *ctx,
                  pl_node **out, em_error *err)
{
    if (strcasecmp(m->function_name, "range") == 0 && m->n_arguments >= 1 && m->n_arguments <= 4) {
        int64_t v[4] = {0, 0, 1, 0};
        bool ok = true;
        for (size_t idx = 0; idx < m->n_arguments && ok; idx++) {
            pl_expr *e;
            if (cx_expression(m->arguments[idx], ctx, &e, err))
                return err ? err->code : EM_EUSER;
            ok = e->kind == PX_LITERAL && e->lit && ty_is_integral(e->lit->type) &&
                 !vec_is_null(e->lit, 0);
            if (!ok)
                break;
            switch (e->lit->type->kind) {
            case TY_BYTE:
                v[idx] = VEC_VALUES(e->lit, int8_t)[0];
                break;
            case TY_SHORT:
                v[idx] = VEC_VALUES(e->lit, int16_t)[0];
                break;
            case TY_INT:
                v[idx] = VEC_VALUES(e->lit, int32_t)[0];
                break;
            default:
                v[idx] = VEC_VALUES(e->lit, int64_t)[0];
                break;
            }
        }
        if (ok) {
            pl_node *n = pl_node_new(ctx->arena, PL_RANGE, 0);
            /* range(end) | range(start, end [, step [, numPartitions]]) */
            n->u.range.start = m->n_arguments == 1 ? 0 : v[0];
            n->u.range.end = m->n_arguments == 1 ? v[0] : v[1];
            n->u.range.step = m->n_arguments >= 3 ? v[2] : 1;
            n->u.range.num_partitions = m->n_arguments == 4 ? (int)v[3] : 0;
            *out = n;
            return EM_OK;
        }
    }
    /* Generators (explode, inline, stack...) as table functions: SELECT gen(args) over one
       row, which the analyzer turns into a Generate. */
    pl_node *n = pl_node_new(ctx->arena, PL_PROJECT, 1);
    n->children[0] = pl_node_new(ctx->arena, PL_ONE_ROW, 0);
    pl_expr *call = pl_expr_new(ctx->arena, PX_FUNC, (int)m->n_arguments);
    call->name = em_arena_strdup(ctx->arena, m->function_name);
    for (size_t idx = 0; idx < m->n_arguments; idx++)
        if (cx_expression(m->arguments[idx], ctx, &call->args[idx], err))
            return err ? err->code : EM_EUSER;
    n->n_exprs = 1;
    n->exprs = em_arena_calloc(ctx->arena, 1, sizeof(pl_expr *));
    n->exprs[0] = call;
    *out = n;
    return EM_OK;
}

/* Proto field names of the Relation kinds handled only by name here. */
static const struct {
    int kind;
    const char *feature;
} cx_unimplemented[] = {
    {CX_REL(MAP_PARTITIONS), "Relation.map_partitions"},
    {CX_REL(GROUP_MAP), "Relation.group_map"},
    {CX_REL(CO_GROUP_MAP), "Relation.co_group_map"},
    {CX_REL(WITH_WATERMARK), "Relation.with_watermark"},
    {CX_REL(APPLY_IN_PANDAS_WITH_STATE), "Relation.apply_in_pandas_with_state"},
    {CX_REL(COMMON_INLINE_USER_DEFINED_TABLE_FUNCTION),
     "Relation.common_inline_user_defined_table_function"},
    {CX_REL(COMMON_INLINE_USER_DEFINED_DATA_SOURCE),
     "Relation.common_inline_user_defined_data_source"},
    {CX_REL(LATERAL_JOIN), "Relation.lateral_join"},
    {CX_REL(ML_RELATION), "Relation.ml_relation"},
    {CX_REL(EXTENSION), "Relation.extension"},
    {CX_REL(UNKNOWN), "Relation.unknown"},
};

int cx_relation_more(const cx_rel *rel, cx_ctx *ctx, pl_node **out, em_error *err)
{
    em_arena *a = ctx->arena;
    pl_node *n;
    switch (rel->rel_type_case) {
    case CX_REL(SAMPLE): {
        const Spark__Connect__Sample *m = rel->sample;
        n = pl_node_new(a, PL_SAMPLE, 1);
        n->u.sample.lower = m->lower_bound;
        n->u.sample.upper = m->upper_bound;
        n->u.sample.with_replacement = CX_HAS(m, with_replacement) && m->with_replacement;
        n->u.sample.has_seed = CX_HAS(m, seed);
        n->u.sample.seed = CX_HAS(m, seed) ? m->seed : 0;
        n->u.sample.deterministic_order = m->deterministic_order;
        if (cx_child(m->input, ctx, n, err))
            return err ? err->code : EM_EUSER;
        break;
    }
    case CX_REL(REPARTITION): {
        const Spark__Connect__Repartition *m = rel->repartition;
        n = pl_node_new(a, PL_REPARTITION, 1);
        n->u.repartition.num_partitions = m->num_partitions;
        n->u.repartition.shuffle = CX_HAS(m, shuffle) && m->shuffle;
        if (cx_child(m->input, ctx, n, err))
            return err ? err->code : EM_EUSER;
        break;
    }
    case CX_REL(REPARTITION_BY_EXPRESSION): {
        const Spark__Connect__RepartitionByExpression *m = rel->repartition_by_expression;
        n = pl_node_new(a, PL_REPARTITION, 1);
        n->u.repartition.num_partitions = CX_HAS(m, num_partitions) ? m->num_partitions : 0;
        n->u.repartition.shuffle = true;
        if (cx_more_exprs(m->partition_exprs, m->n_partition_exprs, ctx, &n->n_groups, &n->groups,
                          err) ||
            cx_child(m->input, ctx, n, err))
            return err ? err->code : EM_EUSER;
        break;
    }
    case CX_REL(HINT): {
        const Spark__Connect__Hint *m = rel->hint;
        n = pl_node_new(a, PL_HINT, 1);
        n->u.hint.name = em_arena_strdup(a, m->name);
        if (cx_more_exprs(m->parameters, m->n_parameters, ctx, &n->n_exprs, &n->exprs, err) ||
            cx_child(m->input, ctx, n, err))
            return err ? err->code : EM_EUSER;
        break;
    }
    case CX_REL(TO_SCHEMA): {
        const Spark__Connect__ToSchema *m = rel->to_schema;
        n = pl_node_new(a, PL_TO_SCHEMA, 1);
        if (cx_data_type(m->schema, a, &n->u.to_schema.schema, err))
            return err ? err->code : EM_EUSER;
        if (n->u.to_schema.schema->kind != TY_STRUCT)
            return cx_invalid_plan(err, "ToSchema requires a struct schema");
        if (cx_child(m->input, ctx, n, err))
            return err ? err->code : EM_EUSER;
        break;
    }
    case CX_REL(UNPIVOT): {
        const Spark__Connect__Unpivot *m = rel->unpivot;
        n = pl_node_new(a, PL_UNPIVOT, 1);
        if (cx_more_exprs(m->ids, m->n_ids, ctx, &n->n_exprs, &n->exprs, err))
            return err ? err->code : EM_EUSER;
        n->u.unpivot.has_values = CX_HAS(m, values);
        if (n->u.unpivot.has_values &&
            cx_more_exprs(m->values->values, m->values->n_values, ctx, &n->u.unpivot.n_values,
                          &n->u.unpivot.values, err))
            return err ? err->code : EM_EUSER;
        n->u.unpivot.variable_name = em_arena_strdup(a, m->variable_column_name);
        n->u.unpivot.value_name = em_arena_strdup(a, m->value_column_name);
        if (cx_child(m->input, ctx, n, err))
            return err ? err->code : EM_EUSER;
        break;
    }
    case CX_REL(FILL_NA): {
        const Spark__Connect__NAFill *m = rel->fill_na;
        if (m->n_values == 0)
            return cx_invalid_plan(err, "values must contains at least 1 item!");
        if (m->n_values > 1 && m->n_values != m->n_cols)
            return cx_invalid_plan(err, "When values contains more than 1 items, values and cols "
                                        "should have the same length!");
        n = pl_node_new(a, PL_FILL_NA, 1);
        if (cx_na_cols(a, m->cols, m->n_cols, n) ||
            cx_na_literals(m->values, m->n_values, ctx, &n->u.na.values, err))
            return err ? err->code : EM_EUSER;
        n->u.na.n_values = (int)m->n_values;
        if (cx_child(m->input, ctx, n, err))
            return err ? err->code : EM_EUSER;
        break;
    }
    case CX_REL(DROP_NA): {
        const Spark__Connect__NADrop *m = rel->drop_na;
        n = pl_node_new(a, PL_DROP_NA, 1);
        if (cx_na_cols(a, m->cols, m->n_cols, n))
            return EM_EUSER;
        n->u.na.has_min_non_nulls = CX_HAS(m, min_non_nulls);
        n->u.na.min_non_nulls = CX_HAS(m, min_non_nulls) ? m->min_non_nulls : 0;
        if (cx_child(m->input, ctx, n, err))
            return err ? err->code : EM_EUSER;
        break;
    }
    case CX_REL(REPLACE): {
        const Spark__Connect__NAReplace *m = rel->replace;
        n = pl_node_new(a, PL_REPLACE, 1);
        if (cx_na_cols(a, m->cols, m->n_cols, n))
            return EM_EUSER;
        size_t k = m->n_replacements;
        n->u.na.n_values = (int)k;
        n->u.na.values = em_arena_calloc(a, k ? k : 1, sizeof(pl_expr *));
        n->u.na.old_values = em_arena_calloc(a, k ? k : 1, sizeof(pl_expr *));
        for (size_t idx = 0; idx < k; idx++)
            if (cx_literal(m->replacements[idx]->old_value, ctx, &n->u.na.old_values[idx], err) ||
                cx_literal(m->replacements[idx]->new_value, ctx, &n->u.na.values[idx], err))
                return err ? err->code : EM_EUSER;
        if (cx_child(m->input, ctx, n, err))
            return err ? err->code : EM_EUSER;
        break;
    }
    case CX_REL(WITH_RELATIONS): {
        const Spark__Connect__WithRelations *m = rel->with_relations;
        if (!m->root)
            return cx_invalid_plan(err, "WithRelations needs a root relation");
        n = pl_node_new(a, PL_WITH_RELATIONS, (int)m->n_references + 1);
        if (cx_relation(m->root, ctx, &n->children[0], err))
            return err ? err->code : EM_EUSER;
        for (size_t idx = 0; idx < m->n_references; idx++)
            if (cx_relation(m->references[idx], ctx, &n->children[idx + 1], err))
                return err ? err->code : EM_EUSER;
        break;
    }
    case CX_REL(COV):
        return cx_stat_pair(rel->cov->input, rel->cov->col1, rel->cov->col2, false, ctx, out, err);
    case CX_REL(CORR):
        if (CX_HAS(rel->corr, method) && strcmp(rel->corr->method, "pearson") != 0)
            return em_error_set_jvm(err, "java.lang.IllegalArgumentException", "INTERNAL_ERROR",
                                    "message",
                                    "requirement failed: Currently only the calculation of the "
                                    "Pearson Correlation coefficient is supported.",
                                    NULL);
        return cx_stat_pair(rel->corr->input, rel->corr->col1, rel->corr->col2, true, ctx, out,
                            err);
    case CX_REL(COLLECT_METRICS):
        return cx_collect_metrics(rel, ctx, out, err);
    case CX_REL(TRANSPOSE):
        return cx_transpose(rel->transpose, ctx, out, err);
    case CX_REL(AS_OF_JOIN):
        return cx_as_of_join(rel->as_of_join, ctx, out, err);
    case CX_REL(PARSE):
        return cx_parse(rel->parse, ctx, out, err);
    case CX_REL(CROSSTAB):
        return cx_crosstab(rel->crosstab, ctx, out, err);
    case CX_REL(FREQ_ITEMS):
        return cx_freq_items(rel->freq_items, ctx, out, err);
    case CX_REL(APPROX_QUANTILE):
        return cx_approx_quantile(rel->approx_quantile, ctx, out, err);
    case CX_REL(SAMPLE_BY):
        return cx_sample_by(rel->sample_by, ctx, out, err);
    case CX_REL(DESCRIBE):
        return cx_describe(rel->describe, ctx, out, err);
    case CX_REL(SUMMARY):
        return cx_summary(rel->summary, ctx, out, err);
    case CX_REL(UNRESOLVED_TABLE_VALUED_FUNCTION):
        return cx_tvf(rel->unresolved_table_valued_function, ctx, out, err);
    case CX_REL(CATALOG):
        if (!ctx->catalog_rel)
            return cx_not_implemented(err, "Relation.catalog");
        return ctx->catalog_rel(ctx->cb_ctx, rel->catalog, ctx->arena, out, err);
    default:
        for (size_t idx = 0; idx < sizeof cx_unimplemented / sizeof cx_unimplemented[0]; idx++)
            if ((int)rel->rel_type_case == cx_unimplemented[idx].kind)
                return cx_not_implemented(err, cx_unimplemented[idx].feature);
        return cx_invalid_plan(err, "Expected a relation, but the relation type is not set");
    }
    *out = n;
    return EM_OK;
}
