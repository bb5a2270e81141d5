/*
 * cx_relation_stat: df.describe(*cols) and df.summary(*statistics) (Relation.describe /
 * Relation.summary), built as Spark's StatFunctions.summary builds them, so that they run
 * on the ordinary operators:
 *
 *   Project [summary, element_at(c1, summary) AS c1, ...]
 *   +- Project [*, explode(array('count', 'mean', ...)) AS summary]
 *      +- Aggregate [map('count', cast(count(c1) as string), 'mean', cast(avg(c1) as string),
 *                        ...) AS c1, ...]
 *         +- input (describe with columns: Project [cols] over the input)
 *
 * Only numeric and string columns take part (strings read as try_cast(c as double) for mean,
 * stddev and percentiles). describe's statistics are count, mean, stddev, min, max; summary's
 * default adds the 25%, 50% and 75% percentiles (percentile_approx with accuracy 10000). A
 * statistic other than count, count_distinct, approx_count_distinct, mean, stddev, min, max
 * or "<p>%" raises UNRECOGNIZED_STATISTIC. With no eligible column the result is the
 * statistics' names alone, one `summary` row each.
 *
 * The input's column types come from ctx->input_schema (the analyzer, through connect/); without
 * it, from the input itself when it is a LocalRelation, else describe's named columns are taken
 * as numeric and anything else raises NOT_IMPLEMENTED.
 */
#include "connect/cx.h"

#include "common/em_mem.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef Spark__Connect__Relation cx_rel;

static pl_expr *cx_st_col(em_arena *a, const char *name)
{
    return pl_attr_new(a, 1, &name, -1);
}

static pl_expr *cx_st_call(em_arena *a, const char *name, int n, pl_expr *x, pl_expr *y, pl_expr *z)
{
    pl_expr *args[3] = {x, y, z};
    return pl_func_new(a, name, n, args);
}

static pl_expr *cx_st_cast(em_arena *a, pl_expr *e, const ty *to, pl_eval_mode mode)
{
    pl_expr *c = pl_expr_new(a, PX_CAST, 1);
    c->args[0] = e;
    c->cast_type = to;
    c->eval_mode = mode;
    return c;
}

static pl_expr *cx_st_alias(em_arena *a, pl_expr *e, const char *name)
{
    pl_expr *al = pl_expr_new(a, PX_ALIAS, 1);
    al->args[0] = e;
    al->n_parts = 1;
    al->parts = em_arena_calloc(a, 1, sizeof(char *));
    al->parts[0] = name;
    return al;
}

static pl_expr *cx_st_str(em_arena *a, const char *s)
{
    return pl_lit_string(a, s, (int64_t)strlen(s));
}

/* array('count', 'mean', ...) of the statistics' names. */
static pl_expr *cx_st_names(em_arena *a, int n, const char *const *stats)
{
    pl_expr *arr = pl_expr_new(a, PX_FUNC, n);
    arr->name = "array";
    for (int idx = 0; idx < n; idx++)
        arr->args[idx] = cx_st_str(a, stats[idx]);
    return arr;
}

static pl_node *cx_st_project(em_arena *a, pl_node *child, int n, pl_expr **exprs)
{
    pl_node *p = pl_node_new(a, PL_PROJECT, 1);
    p->children[0] = child;
    p->n_exprs = n;
    p->exprs = exprs;
    return p;
}

static int cx_st_unrecognized(const char *stat, em_error *err)
{
    size_t len = strlen(stat);
    char *q = em_malloc(len + 3);
    q[0] = '\'';
    memcpy(q + 1, stat, len);
    q[len + 1] = '\'';
    q[len + 2] = '\0';
    int rc = em_error_set(err, "UNRECOGNIZED_STATISTIC", "stats", q, NULL);
    em_free(q);
    return rc;
}

/* One statistic of one column, or NULL with err set. pct_idx counts the percentiles seen. */
static pl_expr *cx_st_stat(em_arena *a, const char *stat, const char *name, bool is_string,
                           pl_expr *percentiles, int *pct_idx, em_error *err)
{
    pl_expr *c = cx_st_col(a, name);
    pl_expr *casted = is_string ? cx_st_cast(a, cx_st_col(a, name), ty_double(), PX_EVAL_TRY) : c;
    if (strcasecmp(stat, "count") == 0)
        return cx_st_call(a, "count", 1, c, NULL, NULL);
    if (strcasecmp(stat, "count_distinct") == 0) {
        pl_expr *e = cx_st_call(a, "count", 1, c, NULL, NULL);
        e->is_distinct = true;
        return e;
    }
    if (strcasecmp(stat, "approx_count_distinct") == 0)
        return cx_st_call(a, "approx_count_distinct", 1, c, NULL, NULL);
    if (strcasecmp(stat, "mean") == 0)
        return cx_st_call(a, "avg", 1, casted, NULL, NULL);
    if (strcasecmp(stat, "stddev") == 0)
        return cx_st_call(a, "stddev", 1, casted, NULL, NULL);
    if (strcasecmp(stat, "min") == 0)
        return cx_st_call(a, "min", 1, c, NULL, NULL);
    if (strcasecmp(stat, "max") == 0)
        return cx_st_call(a, "max", 1, c, NULL, NULL);
    size_t len = strlen(stat);
    if (len && stat[len - 1] == '%' && percentiles) {
        pl_expr *pa = cx_st_call(a, "percentile_approx", 3, casted, percentiles,
                                 pl_lit_int(a, 10000)); /* DEFAULT_PERCENTILE_ACCURACY */
        return cx_st_call(a, "get", 2, pa, pl_lit_int(a, (*pct_idx)++), NULL);
    }
    cx_st_unrecognized(stat, err);
    return NULL;
}

/* The percentiles of the "<p>%" statistics as array(p / 100, ...), or NULL when none; -1 on
   a statistic that is not a number followed by '%' or out of [0, 1]. */
static int cx_st_percentiles(em_arena *a, int n, const char *const *stats, pl_expr **out,
                             em_error *err)
{
    int n_pct = 0;
    for (int idx = 0; idx < n; idx++) {
        size_t len = strlen(stats[idx]);
        if (len && stats[idx][len - 1] == '%')
            n_pct++;
    }
    *out = NULL;
    if (!n_pct)
        return EM_OK;
    pl_expr *arr = pl_expr_new(a, PX_FUNC, n_pct);
    arr->name = "array";
    int k = 0;
    for (int idx = 0; idx < n; idx++) {
        size_t len = strlen(stats[idx]);
        if (!len || stats[idx][len - 1] != '%')
            continue;
        char *num = em_arena_strndup(a, stats[idx], len - 1);
        char *end = NULL;
        double p = strtod(num, &end);
        if (!*num || !end || *end)
            return cx_st_unrecognized(stats[idx], err);
        if (!(p >= 0 && p <= 100))
            return em_error_set_jvm(
                err, "java.lang.IllegalArgumentException", "INTERNAL_ERROR", "message",
                "requirement failed: Percentiles must be in the range [0, 1]", NULL);
        arr->args[k++] = pl_lit_double(a, p / 100.0);
    }
    *out = arr;
    return EM_OK;
}

/* The input's columns: from the analyzer, or what the plan alone tells. *schema NULL when
   unknown (then names/n_names, if any, are taken as numeric columns). */
static int cx_st_schema(const cx_rel *input, const char **names, int n_names, cx_ctx *ctx,
                        pl_node *base, const ty **schema, em_error *err)
{
    *schema = NULL;
    if (ctx->input_schema) {
        pl_node *copy = NULL;
        if (cx_relation(input, ctx, &copy, err))
            return err ? err->code : EM_EUSER;
        if (n_names) {
            pl_expr **cols = em_arena_calloc(ctx->arena, (size_t)n_names, sizeof *cols);
            for (int idx = 0; idx < n_names; idx++) {
                int np;
                const char **parts;
                if (pl_parse_attr_name(ctx->arena, names[idx], &np, &parts, err))
                    return err ? err->code : EM_EUSER;
                cols[idx] = pl_attr_new(ctx->arena, np, parts, -1);
            }
            copy = cx_st_project(ctx->arena, copy, n_names, cols);
        }
        return ctx->input_schema(ctx->cb_ctx, copy, ctx->arena, schema, err);
    }
    if (base->kind == PL_LOCAL && base->u.local.schema)
        *schema = base->u.local.schema;
    else if (!n_names)
        return cx_not_implemented(err, "describe / summary without the input's schema");
    return EM_OK;
}

static int cx_st_build(const cx_rel *input, const char **names, int n_names,
                       const char *const *stats, int n_stats, cx_ctx *ctx, pl_node **out,
                       em_error *err)
{
    em_arena *a = ctx->arena;
    if (!input)
        return cx_invalid_plan(err, "the relation needs a plan input");
    pl_node *base = NULL;
    if (cx_relation(input, ctx, &base, err))
        return err ? err->code : EM_EUSER;
    if (n_names) { /* describe(cols): select(cols) first */
        pl_expr **cols = em_arena_calloc(a, (size_t)n_names, sizeof *cols);
        for (int idx = 0; idx < n_names; idx++) {
            int np;
            const char **parts;
            if (pl_parse_attr_name(a, names[idx], &np, &parts, err))
                return err ? err->code : EM_EUSER;
            cols[idx] = pl_attr_new(a, np, parts, -1);
        }
        base = cx_st_project(a, base, n_names, cols);
    }
    const ty *schema = NULL;
    if (cx_st_schema(input, names, n_names, ctx, base, &schema, err))
        return err ? err->code : EM_EUSER;
    pl_expr *percentiles = NULL;
    if (cx_st_percentiles(a, n_stats, stats, &percentiles, err))
        return err->code;
    int n_cols = schema ? schema->n_fields : n_names;
    const char **col_names = em_arena_calloc(a, (size_t)(n_cols ? n_cols : 1), sizeof(char *));
    pl_expr **maps = em_arena_calloc(a, (size_t)(n_cols ? n_cols : 1), sizeof(pl_expr *));
    int n_used = 0;
    for (int idx = 0; idx < n_cols; idx++) {
        const char *name;
        bool is_string = false;
        if (schema) {
            const ty *t = schema->fields[idx].type;
            name = schema->fields[idx].name;
            is_string = t->kind == TY_STRING || t->kind == TY_CHAR || t->kind == TY_VARCHAR;
            if (!ty_is_numeric(t) && !is_string)
                continue;
        } else {
            int np;
            const char **parts;
            if (pl_parse_attr_name(a, names[idx], &np, &parts, err))
                return err ? err->code : EM_EUSER;
            name = parts[np - 1];
        }
        pl_expr *map = pl_expr_new(a, PX_FUNC, 2 * n_stats);
        map->name = "map";
        int pct_idx = 0;
        for (int s = 0; s < n_stats; s++) {
            pl_expr *v = cx_st_stat(a, stats[s], name, is_string, percentiles, &pct_idx, err);
            if (!v)
                return err->code;
            map->args[2 * s] = cx_st_str(a, stats[s]);
            map->args[2 * s + 1] = cx_st_cast(a, v, ty_string(), PX_EVAL_UNSPECIFIED);
        }
        col_names[n_used] = name;
        maps[n_used++] = cx_st_alias(a, map, name);
    }
    if (n_used == 0) {
        /* createDataFrame(statistics).withColumnRenamed("_1", "summary") */
        pl_expr **e = em_arena_calloc(a, 1, sizeof *e);
        e[0] = cx_st_alias(
            a, cx_st_call(a, "explode", 1, cx_st_names(a, n_stats, stats), NULL, NULL), "summary");
        *out = cx_st_project(a, pl_node_new(a, PL_ONE_ROW, 0), 1, e);
        return EM_OK;
    }
    pl_node *agg = pl_node_new(a, PL_AGGREGATE, 1);
    agg->children[0] = base;
    agg->u.agg.group_type = PL_GROUP_BY;
    agg->n_exprs = n_used;
    agg->exprs = maps;
    pl_expr **gen = em_arena_calloc(a, 2, sizeof *gen);
    gen[0] = pl_expr_new(a, PX_STAR, 0);
    gen[0]->plan_id = -1;
    gen[1] = cx_st_alias(a, cx_st_call(a, "explode", 1, cx_st_names(a, n_stats, stats), NULL, NULL),
                         "summary");
    pl_node *with_summary = cx_st_project(a, agg, 2, gen);
    pl_expr **sel = em_arena_calloc(a, (size_t)n_used + 1, sizeof *sel);
    sel[0] = cx_st_col(a, "summary");
    for (int idx = 0; idx < n_used; idx++)
        sel[idx + 1] = cx_st_alias(a,
                                   cx_st_call(a, "element_at", 2, cx_st_col(a, col_names[idx]),
                                              cx_st_col(a, "summary"), NULL),
                                   col_names[idx]);
    *out = cx_st_project(a, with_summary, n_used + 1, sel);
    return EM_OK;
}

int cx_describe(const Spark__Connect__StatDescribe *m, cx_ctx *ctx, pl_node **out, em_error *err)
{
    static const char *const stats[] = {"count", "mean", "stddev", "min", "max"};
    return cx_st_build(m->input, (const char **)m->cols, (int)m->n_cols, stats, 5, ctx, out, err);
}

int cx_summary(const Spark__Connect__StatSummary *m, cx_ctx *ctx, pl_node **out, em_error *err)
{
    static const char *const dflt[] = {"count", "mean", "stddev", "min",
                                       "25%",   "50%",  "75%",    "max"};
    if (m->n_statistics == 0)
        return cx_st_build(m->input, NULL, 0, dflt, 8, ctx, out, err);
    return cx_st_build(m->input, NULL, 0, (const char *const *)m->statistics, (int)m->n_statistics,
                       ctx, out, err);
}
