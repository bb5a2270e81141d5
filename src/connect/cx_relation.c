/*
 * cx_relation: Relation messages -> unresolved pl_node trees, one case per Relation.rel_type
 * field (see cx.h for the contracts). The checks and defaults follow Spark's
 * SparkConnectPlanner.transformRelation: a Project without input reads one empty row, a Join
 * without a type is INNER and may not have both a condition and USING columns, Deduplicate
 * needs either all columns or a subset, WithColumnsRenamed takes `renames` (4.x clients) and
 * falls back to `rename_columns_map` (3.5 clients), a Range without start starts at 0.
 */
#include "connect/cx.h"

#include <stdio.h>
#include <string.h>

#include "sql/sql.h"

#pragma GCC diagnostic ignored "-Wdeprecated-declarations"

#define CX_HAS(msg, field) ((msg)->_##field##_case != 0)
#define CX_REL(kind)       SPARK__CONNECT__RELATION__REL_TYPE_##kind

typedef Spark__Connect__Relation cx_rel;

/* Translates the required input relation of a unary node into n->children[0]. */
static int cx_input(const cx_rel *input, cx_ctx *ctx, pl_node *n, const char *what, em_error *err)
{
    if (!input) {
        char msg[128];
        snprintf(msg, sizeof msg, "%s needs a plan input", what);
        return cx_invalid_plan(err, msg);
    }
    return cx_relation(input, ctx, &n->children[0], err);
}

static int cx_exprs(Spark__Connect__Expression *const *in, size_t n, cx_ctx *ctx, int *n_out,
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

static const char **cx_strs(em_arena *a, char *const *in, size_t n)
{
    const char **list = em_arena_calloc(a, n ? n : 1, sizeof *list);
    for (size_t idx = 0; idx < n; idx++)
        list[idx] = em_arena_strdup(a, in[idx]);
    return list;
}

/* Map entries with string keys and values (protobuf-c lays them out as key/value structs). */
#define CX_OPTIONS(a, entries, count, n_out, out)                                                  \
    do {                                                                                           \
        (out) = em_arena_calloc((a), (count) ? (count) : 1, sizeof(pl_option));                    \
        for (size_t opt_idx_ = 0; opt_idx_ < (count); opt_idx_++) {                                \
            (out)[opt_idx_].key = em_arena_strdup((a), (entries)[opt_idx_]->key);                  \
            (out)[opt_idx_].value = em_arena_strdup((a), (entries)[opt_idx_]->value);              \
        }                                                                                          \
        (n_out) = (int)(count);                                                                    \
    } while (0)

static int cx_read(const Spark__Connect__Read *m, cx_ctx *ctx, pl_node **out, em_error *err)
{
    em_arena *a = ctx->arena;
    switch (m->read_type_case) {
    case SPARK__CONNECT__READ__READ_TYPE_NAMED_TABLE: {
        const Spark__Connect__Read__NamedTable *t = m->named_table;
        pl_node *n = pl_node_new(a, PL_READ_TABLE, 0);
        if (sql_parse_identifier(t->unparsed_identifier, a, &n->u.read.n_parts, &n->u.read.parts,
                                 err))
            return err ? err->code : EM_EUSER;
        CX_OPTIONS(a, t->options, t->n_options, n->u.read.n_options, n->u.read.options);
        n->u.read.is_streaming = m->is_streaming;
        *out = n;
        return EM_OK;
    }
    case SPARK__CONNECT__READ__READ_TYPE_DATA_SOURCE: {
        const Spark__Connect__Read__DataSource *d = m->data_source;
        if (d->n_predicates > 0)
            return cx_not_implemented(err, "Read.DataSource.predicates");
        pl_node *n = pl_node_new(a, PL_READ_SOURCE, 0);
        n->u.read.format = CX_HAS(d, format) ? em_arena_strdup(a, d->format) : NULL;
        n->u.read.schema_str =
            CX_HAS(d, schema) && d->schema[0] ? em_arena_strdup(a, d->schema) : NULL;
        n->u.read.n_paths = (int)d->n_paths;
        n->u.read.paths = cx_strs(a, d->paths, d->n_paths);
        CX_OPTIONS(a, d->options, d->n_options, n->u.read.n_options, n->u.read.options);
        n->u.read.is_streaming = m->is_streaming;
        *out = n;
        return EM_OK;
    }
    default:
        return cx_invalid_plan(err, "Read without a read type");
    }
}

static int cx_local(const Spark__Connect__LocalRelation *m, cx_ctx *ctx, pl_node **out,
                    em_error *err)
{
    const char *schema = CX_HAS(m, schema) ? m->schema : NULL;
    if (CX_HAS(m, data)) {
        if (!ctx->decode_local)
            return cx_not_implemented(err, "LocalRelation with Arrow data");
        return ctx->decode_local(ctx->cb_ctx, m->data.data, m->data.len, schema, ctx->arena, out,
                                 err);
    }
    if (!schema)
        return cx_invalid_plan(err, "Schema for LocalRelation is required when the input data is "
                                    "not provided.");
    if (ctx->decode_local)
        return ctx->decode_local(ctx->cb_ctx, NULL, 0, schema, ctx->arena, out, err);
    const ty *t;
    if (sql_parse_schema_any(schema, ctx->arena, &t, err))
        return err ? err->code : EM_EUSER;
    if (t->kind != TY_STRUCT) {
        /* Spark wraps a non-struct schema as a single field named "value". */
        ty_field f = {.name = "value", .type = t, .nullable = true, .metadata = NULL};
        t = ty_struct(ctx->arena, 1, &f);
    }
    pl_node *n = pl_node_new(ctx->arena, PL_LOCAL, 0);
    n->u.local.schema = t;
    *out = n;
    return EM_OK;
}

static int cx_sql(const Spark__Connect__SQL *m, cx_ctx *ctx, pl_node **out, em_error *err)
{
    em_arena *a = ctx->arena;
    pl_node *n = pl_node_new(a, PL_SQL, 0);
    n->u.sql.query = em_arena_strdup(a, m->query);
    if (m->n_named_arguments > 0) {
        size_t k = m->n_named_arguments;
        n->u.sql.n_named_args = (int)k;
        n->u.sql.arg_names = em_arena_calloc(a, k, sizeof(char *));
        n->u.sql.named_args = em_arena_calloc(a, k, sizeof(pl_expr *));
        for (size_t idx = 0; idx < k; idx++) {
            n->u.sql.arg_names[idx] = em_arena_strdup(a, m->named_arguments[idx]->key);
            if (cx_expression(m->named_arguments[idx]->value, ctx, &n->u.sql.named_args[idx], err))
                return err ? err->code : EM_EUSER;
        }
    } else if (m->n_pos_arguments > 0) {
        if (cx_exprs(m->pos_arguments, m->n_pos_arguments, ctx, &n->u.sql.n_pos_args,
                     &n->u.sql.pos_args, err))
            return err ? err->code : EM_EUSER;
    } else if (m->n_args > 0) {
        size_t k = m->n_args;
        n->u.sql.n_named_args = (int)k;
        n->u.sql.arg_names = em_arena_calloc(a, k, sizeof(char *));
        n->u.sql.named_args = em_arena_calloc(a, k, sizeof(pl_expr *));
        for (size_t idx = 0; idx < k; idx++) {
            n->u.sql.arg_names[idx] = em_arena_strdup(a, m->args[idx]->key);
            if (cx_literal(m->args[idx]->value, ctx, &n->u.sql.named_args[idx], err))
                return err ? err->code : EM_EUSER;
        }
    } else if (m->n_pos_args > 0) {
        size_t k = m->n_pos_args;
        n->u.sql.n_pos_args = (int)k;
        n->u.sql.pos_args = em_arena_calloc(a, k, sizeof(pl_expr *));
        for (size_t idx = 0; idx < k; idx++)
            if (cx_literal(m->pos_args[idx], ctx, &n->u.sql.pos_args[idx], err))
                return err ? err->code : EM_EUSER;
    }
    *out = n;
    return EM_OK;
}

static int cx_join(const Spark__Connect__Join *m, cx_ctx *ctx, pl_node **out, em_error *err)
{
    if (!m->left || !m->right)
        return cx_invalid_plan(err, "Both join sides must be present");
    if (m->join_condition && m->n_using_columns > 0)
        return cx_invalid_plan(err, "Using columns or join conditions cannot be set at the same "
                                    "time in Join");
    if (CX_HAS(m, join_data_type))
        return cx_not_implemented(err, "Relation.join with join_data_type (joinWith)");
    pl_node *n = pl_node_new(ctx->arena, PL_JOIN, 2);
    int type = m->join_type ? (int)m->join_type : PL_JOIN_INNER;
    if (type < PL_JOIN_INNER || type > PL_JOIN_CROSS)
        return cx_invalid_plan(err, "invalid join type");
    n->u.join.type = (pl_join_type)type;
    if (cx_relation(m->left, ctx, &n->children[0], err) ||
        cx_relation(m->right, ctx, &n->children[1], err))
        return err ? err->code : EM_EUSER;
    if (m->join_condition && cx_expression(m->join_condition, ctx, &n->u.join.cond, err))
        return err ? err->code : EM_EUSER;
    n->u.join.n_using = (int)m->n_using_columns;
    n->u.join.using_cols = cx_strs(ctx->arena, m->using_columns, m->n_using_columns);
    *out = n;
    return EM_OK;
}

static int cx_set_op(const Spark__Connect__SetOperation *m, cx_ctx *ctx, pl_node **out,
                     em_error *err)
{
    if (!m->left_input || !m->right_input)
        return cx_invalid_plan(err, "Set operation must have 2 inputs");
    pl_node *n = pl_node_new(ctx->arena, PL_SET_OP, 2);
    bool by_name = CX_HAS(m, by_name) && m->by_name;
    bool allow_missing = CX_HAS(m, allow_missing_columns) && m->allow_missing_columns;
    switch (m->set_op_type) {
    case SPARK__CONNECT__SET_OPERATION__SET_OP_TYPE__SET_OP_TYPE_EXCEPT:
        if (by_name)
            return cx_invalid_plan(err, "Except does not support union_by_name");
        n->u.set_op.type = PL_SETOP_EXCEPT;
        break;
    case SPARK__CONNECT__SET_OPERATION__SET_OP_TYPE__SET_OP_TYPE_INTERSECT:
        if (by_name)
            return cx_invalid_plan(err, "Intersect does not support union_by_name");
        n->u.set_op.type = PL_SETOP_INTERSECT;
        break;
    case SPARK__CONNECT__SET_OPERATION__SET_OP_TYPE__SET_OP_TYPE_UNION:
        if (!by_name && allow_missing)
            return cx_invalid_plan(err, "UnionByName `allowMissingCol` can be true only if "
                                        "`byName` is true.");
        n->u.set_op.type = PL_SETOP_UNION;
        break;
    default:
        return cx_invalid_plan(err, "invalid set operation type");
    }
    n->u.set_op.is_all = CX_HAS(m, is_all) && m->is_all;
    n->u.set_op.by_name = by_name;
    n->u.set_op.allow_missing_columns = allow_missing;
    if (cx_relation(m->left_input, ctx, &n->children[0], err) ||
        cx_relation(m->right_input, ctx, &n->children[1], err))
        return err ? err->code : EM_EUSER;
    *out = n;
    return EM_OK;
}

static int cx_aggregate(const Spark__Connect__Aggregate *m, cx_ctx *ctx, pl_node **out,
                        em_error *err)
{
    em_arena *a = ctx->arena;
    pl_node *n = pl_node_new(a, PL_AGGREGATE, 1);
    if (cx_input(m->input, ctx, n, "Aggregate", err))
        return err ? err->code : EM_EUSER;
    int gt = m->group_type;
    if (gt < PL_GROUP_BY || gt > PL_GROUP_SETS)
        return cx_invalid_plan(err, "invalid aggregate group type");
    n->u.agg.group_type = (pl_group_type)gt;
    if (cx_exprs(m->grouping_expressions, m->n_grouping_expressions, ctx, &n->n_groups, &n->groups,
                 err) ||
        cx_exprs(m->aggregate_expressions, m->n_aggregate_expressions, ctx, &n->n_exprs, &n->exprs,
                 err))
        return err ? err->code : EM_EUSER;
    if (gt != PL_GROUP_PIVOT && n->n_groups > 0) {
        /* The output list is the grouping expressions followed by the aggregate expressions
           (SparkConnectPlanner: aliasedAgg = groupingExpressions ++ aggExprs), so exprs is
           the whole output as for a SQL select list. Pivot keeps only the aggregates. */
        int total = n->n_groups + n->n_exprs;
        pl_expr **all = em_arena_calloc(a, (size_t)total, sizeof *all);
        memcpy(all, n->groups, (size_t)n->n_groups * sizeof *all);
        if (n->n_exprs)
            memcpy(all + n->n_groups, n->exprs, (size_t)n->n_exprs * sizeof *all);
        n->exprs = all;
        n->n_exprs = total;
    }
    /* Top-level integer literals among the grouping expressions are ordinals
       (spark.sql.groupByOrdinal, SparkConnectPlanner.replaceIntegerLiteralWithOrdinal). */
    for (int idx = 0; idx < n->n_groups; idx++) {
        pl_expr *g = n->groups[idx];
        if (g->kind == PX_LITERAL && g->lit && g->lit->type->kind == TY_INT) {
            pl_expr **copy = em_arena_calloc(a, (size_t)n->n_groups, sizeof *copy);
            memcpy(copy, n->groups, (size_t)n->n_groups * sizeof *copy);
            n->groups = copy;
            pl_expr *o = pl_expr_new(a, PX_ORDINAL, 1);
            o->args[0] = g;
            n->groups[idx] = o;
        }
    }
    if (gt == PL_GROUP_PIVOT) {
        if (!m->pivot)
            return cx_invalid_plan(err, "Aggregate with GROUP_TYPE_PIVOT requires a Pivot");
        if (cx_expression(m->pivot->col, ctx, &n->u.agg.pivot_col, err))
            return err ? err->code : EM_EUSER;
        size_t k = m->pivot->n_values;
        n->u.agg.n_pivot_values = (int)k;
        n->u.agg.pivot_values = em_arena_calloc(a, k ? k : 1, sizeof(pl_expr *));
        for (size_t idx = 0; idx < k; idx++)
            if (cx_literal(m->pivot->values[idx], ctx, &n->u.agg.pivot_values[idx], err))
                return err ? err->code : EM_EUSER;
        /* Without values Spark collects the column's distinct values first (eagerly). */
        if (k == 0 && cx_pivot_collect(m->input, m->pivot->col, ctx, n, err))
            return err ? err->code : EM_EUSER;
    }
    if (gt == PL_GROUP_SETS) {
        size_t k = m->n_grouping_sets;
        n->u.agg.n_sets = (int)k;
        n->u.agg.set_sizes = em_arena_calloc(a, k ? k : 1, sizeof(int));
        n->u.agg.sets = em_arena_calloc(a, k ? k : 1, sizeof(pl_expr **));
        for (size_t idx = 0; idx < k; idx++)
            if (cx_exprs(m->grouping_sets[idx]->grouping_set, m->grouping_sets[idx]->n_grouping_set,
                         ctx, &n->u.agg.set_sizes[idx], &n->u.agg.sets[idx], err))
                return err ? err->code : EM_EUSER;
    }
    *out = n;
    return EM_OK;
}

static int cx_dedup(const Spark__Connect__Deduplicate *m, cx_ctx *ctx, pl_node **out, em_error *err)
{
    bool all = CX_HAS(m, all_columns_as_keys) && m->all_columns_as_keys;
    if (!m->input)
        return cx_invalid_plan(err, "Deduplicate needs a plan input");
    if (all && m->n_column_names > 0)
        return cx_invalid_plan(err, "Cannot deduplicate on both all columns and a subset of "
                                    "columns");
    if (!all && m->n_column_names == 0)
        return cx_invalid_plan(err, "Deduplicate requires to either deduplicate on all columns or "
                                    "a subset of columns");
    pl_node *n = pl_node_new(ctx->arena, PL_DEDUP, 1);
    n->u.dedup.all_columns_as_keys = all;
    n->u.dedup.within_watermark = CX_HAS(m, within_watermark) && m->within_watermark;
    n->u.dedup.n_cols = (int)m->n_column_names;
    n->u.dedup.cols = cx_strs(ctx->arena, m->column_names, m->n_column_names);
    if (cx_input(m->input, ctx, n, "Deduplicate", err))
        return err ? err->code : EM_EUSER;
    *out = n;
    return EM_OK;
}

static int cx_rename(const Spark__Connect__WithColumnsRenamed *m, cx_ctx *ctx, pl_node **out,
                     em_error *err)
{
    em_arena *a = ctx->arena;
    pl_node *n = pl_node_new(a, PL_RENAME, 1);
    size_t k = m->n_renames > 0 ? m->n_renames : m->n_rename_columns_map;
    n->u.rename.n = (int)k;
    n->u.rename.from = em_arena_calloc(a, k ? k : 1, sizeof(char *));
    n->u.rename.to = em_arena_calloc(a, k ? k : 1, sizeof(char *));
    for (size_t idx = 0; idx < k; idx++) {
        if (m->n_renames > 0) {
            n->u.rename.from[idx] = em_arena_strdup(a, m->renames[idx]->col_name);
            n->u.rename.to[idx] = em_arena_strdup(a, m->renames[idx]->new_col_name);
        } else {
            n->u.rename.from[idx] = em_arena_strdup(a, m->rename_columns_map[idx]->key);
            n->u.rename.to[idx] = em_arena_strdup(a, m->rename_columns_map[idx]->value);
        }
    }
    if (cx_input(m->input, ctx, n, "WithColumnsRenamed", err))
        return err ? err->code : EM_EUSER;
    *out = n;
    return EM_OK;
}

static int cx_with_columns(const Spark__Connect__WithColumns *m, cx_ctx *ctx, pl_node **out,
                           em_error *err)
{
    em_arena *a = ctx->arena;
    pl_node *n = pl_node_new(a, PL_WITH_COLUMNS, 1);
    n->n_exprs = (int)m->n_aliases;
    n->exprs = em_arena_calloc(a, m->n_aliases ? m->n_aliases : 1, sizeof(pl_expr *));
    for (size_t idx = 0; idx < m->n_aliases; idx++) {
        const Spark__Connect__Expression__Alias *al = m->aliases[idx];
        if (al->n_name != 1)
            return cx_invalid_plan(err, "WithColumns require column name only contains one name "
                                        "part");
        pl_expr *e = pl_expr_new(a, PX_ALIAS, 1);
        e->n_parts = 1;
        e->parts = cx_strs(a, al->name, 1);
        if (al->_metadata_case && al->metadata[0])
            e->metadata = em_arena_strdup(a, al->metadata);
        if (cx_expression(al->expr, ctx, &e->args[0], err))
            return err ? err->code : EM_EUSER;
        n->exprs[idx] = e;
    }
    if (cx_input(m->input, ctx, n, "WithColumns", err))
        return err ? err->code : EM_EUSER;
    *out = n;
    return EM_OK;
}

static int cx_cached(const cx_rel *rel, cx_ctx *ctx, pl_node **out, em_error *err)
{
    if (rel->rel_type_case == CX_REL(CACHED_REMOTE_RELATION)) {
        if (!ctx->lookup_remote)
            return cx_not_implemented(err, "Relation.cached_remote_relation");
        return ctx->lookup_remote(ctx->cb_ctx, rel->cached_remote_relation->relation_id, ctx->arena,
                                  out, err);
    }
    if (!ctx->lookup_cached)
        return cx_not_implemented(err, rel->rel_type_case == CX_REL(CACHED_LOCAL_RELATION)
                                           ? "Relation.cached_local_relation"
                                           : "Relation.chunked_cached_local_relation");
    if (rel->rel_type_case == CX_REL(CACHED_LOCAL_RELATION)) {
        const char *hash = rel->cached_local_relation->hash;
        return ctx->lookup_cached(ctx->cb_ctx, 1, &hash, NULL, ctx->arena, out, err);
    }
    const Spark__Connect__ChunkedCachedLocalRelation *c = rel->chunked_cached_local_relation;
    if (c->n_datahashes == 0)
        return cx_invalid_plan(err, "ChunkedCachedLocalRelation should contain data.");
    return ctx->lookup_cached(ctx->cb_ctx, (int)c->n_datahashes, (const char *const *)c->datahashes,
                              c->_schema_hash_case ? c->schemahash : NULL, ctx->arena, out, err);
}

int cx_relation_more(const cx_rel *rel, cx_ctx *ctx, pl_node **out, em_error *err);

/* The P0 relation kinds; everything else goes to cx_relation_more (cx_relation_more.c). */
static int cx_rel_dispatch(const cx_rel *rel, cx_ctx *ctx, pl_node **out, em_error *err)
{
    em_arena *a = ctx->arena;
    pl_node *n;
    switch (rel->rel_type_case) {
    case CX_REL(READ):
        return cx_read(rel->read, ctx, out, err);
    case CX_REL(PROJECT): {
        const Spark__Connect__Project *m = rel->project;
        n = pl_node_new(a, PL_PROJECT, 1);
        if (m->input) {
            if (cx_relation(m->input, ctx, &n->children[0], err))
                return err ? err->code : EM_EUSER;
        } else {
            n->children[0] = pl_node_new(a, PL_ONE_ROW, 0);
        }
        if (cx_exprs(m->expressions, m->n_expressions, ctx, &n->n_exprs, &n->exprs, err))
            return err ? err->code : EM_EUSER;
        break;
    }
    case CX_REL(FILTER):
        n = pl_node_new(a, PL_FILTER, 1);
        if (cx_input(rel->filter->input, ctx, n, "Filter", err))
            return err ? err->code : EM_EUSER;
        if (cx_expression(rel->filter->condition, ctx, &n->u.filter.cond, err))
            return err ? err->code : EM_EUSER;
        break;
    case CX_REL(JOIN):
        return cx_join(rel->join, ctx, out, err);
    case CX_REL(SET_OP):
        return cx_set_op(rel->set_op, ctx, out, err);
    case CX_REL(SORT): {
        const Spark__Connect__Sort *m = rel->sort;
        if (m->n_order == 0)
            return cx_invalid_plan(err, "'order' must be present and contain elements.");
        n = pl_node_new(a, PL_SORT, 1);
        if (cx_input(m->input, ctx, n, "Sort", err))
            return err ? err->code : EM_EUSER;
        n->n_exprs = (int)m->n_order;
        n->exprs = em_arena_calloc(a, m->n_order, sizeof(pl_expr *));
        for (size_t idx = 0; idx < m->n_order; idx++)
            if (cx_sort_order(m->order[idx], ctx, &n->exprs[idx], err))
                return err ? err->code : EM_EUSER;
        n->u.sort.is_global = CX_HAS(m, is_global) && m->is_global;
        break;
    }
    case CX_REL(LIMIT):
        n = pl_node_new(a, PL_LIMIT, 1);
        n->u.limit.n = rel->limit->limit;
        if (cx_input(rel->limit->input, ctx, n, "Limit", err))
            return err ? err->code : EM_EUSER;
        break;
    case CX_REL(OFFSET):
        n = pl_node_new(a, PL_OFFSET, 1);
        n->u.limit.n = rel->offset->offset;
        if (cx_input(rel->offset->input, ctx, n, "Offset", err))
            return err ? err->code : EM_EUSER;
        break;
    case CX_REL(TAIL):
        n = pl_node_new(a, PL_TAIL, 1);
        n->u.limit.n = rel->tail->limit;
        if (cx_input(rel->tail->input, ctx, n, "Tail", err))
            return err ? err->code : EM_EUSER;
        break;
    case CX_REL(AGGREGATE):
        return cx_aggregate(rel->aggregate, ctx, out, err);
    case CX_REL(SQL):
        return cx_sql(rel->sql, ctx, out, err);
    case CX_REL(LOCAL_RELATION):
        return cx_local(rel->local_relation, ctx, out, err);
    case CX_REL(DEDUPLICATE):
        return cx_dedup(rel->deduplicate, ctx, out, err);
    case CX_REL(RANGE): {
        const Spark__Connect__Range *m = rel->range;
        n = pl_node_new(a, PL_RANGE, 0);
        n->u.range.start = CX_HAS(m, start) ? m->start : 0;
        n->u.range.end = m->end;
        n->u.range.step = m->step;
        n->u.range.num_partitions = CX_HAS(m, num_partitions) ? m->num_partitions : 0;
        break;
    }
    case CX_REL(SUBQUERY_ALIAS): {
        const Spark__Connect__SubqueryAlias *m = rel->subquery_alias;
        n = pl_node_new(a, PL_SUBQUERY_ALIAS, 1);
        n->u.alias.alias = em_arena_strdup(a, m->alias);
        n->u.alias.n_qualifier = (int)m->n_qualifier;
        n->u.alias.qualifier = cx_strs(a, m->qualifier, m->n_qualifier);
        if (cx_input(m->input, ctx, n, "SubqueryAlias", err))
            return err ? err->code : EM_EUSER;
        break;
    }
    case CX_REL(TO_DF):
        n = pl_node_new(a, PL_TO_DF, 1);
        n->u.names.n = (int)rel->to_df->n_column_names;
        n->u.names.names = cx_strs(a, rel->to_df->column_names, rel->to_df->n_column_names);
        if (cx_input(rel->to_df->input, ctx, n, "ToDF", err))
            return err ? err->code : EM_EUSER;
        break;
    case CX_REL(WITH_COLUMNS_RENAMED):
        return cx_rename(rel->with_columns_renamed, ctx, out, err);
    case CX_REL(SHOW_STRING):
        n = pl_node_new(a, PL_SHOW_STRING, 1);
        n->u.show.num_rows = rel->show_string->num_rows;
        n->u.show.truncate = rel->show_string->truncate;
        n->u.show.vertical = rel->show_string->vertical;
        if (cx_input(rel->show_string->input, ctx, n, "ShowString", err))
            return err ? err->code : EM_EUSER;
        break;
    case CX_REL(HTML_STRING):
        n = pl_node_new(a, PL_HTML_STRING, 1);
        n->u.show.num_rows = rel->html_string->num_rows;
        n->u.show.truncate = rel->html_string->truncate;
        if (cx_input(rel->html_string->input, ctx, n, "HtmlString", err))
            return err ? err->code : EM_EUSER;
        break;
    case CX_REL(DROP): {
        const Spark__Connect__Drop *m = rel->drop;
        n = pl_node_new(a, PL_DROP, 1);
        if (cx_exprs(m->columns, m->n_columns, ctx, &n->n_exprs, &n->exprs, err))
            return err ? err->code : EM_EUSER;
        n->u.names.n = (int)m->n_column_names;
        n->u.names.names = cx_strs(a, m->column_names, m->n_column_names);
        if (cx_input(m->input, ctx, n, "Drop", err))
            return err ? err->code : EM_EUSER;
        break;
    }
    case CX_REL(WITH_COLUMNS):
        return cx_with_columns(rel->with_columns, ctx, out, err);
    case CX_REL(CACHED_LOCAL_RELATION):
    case CX_REL(CHUNKED_CACHED_LOCAL_RELATION):
    case CX_REL(CACHED_REMOTE_RELATION):
        return cx_cached(rel, ctx, out, err);
    default:
        return cx_relation_more(rel, ctx, out, err);
    }
    *out = n;
    return EM_OK;
}

int cx_relation(const cx_rel *rel, cx_ctx *ctx, pl_node **out, em_error *err)
{
    if (!rel)
        return cx_invalid_plan(err, "missing relation");
    if (cx_enter(ctx, err))
        return err ? err->code : EM_EUSER;
    int rc = cx_rel_dispatch(rel, ctx, out, err);
    cx_leave(ctx);
    if (rc == EM_OK && rel->common && rel->common->_plan_id_case)
        (*out)->plan_id = rel->common->plan_id;
    return rc;
}
