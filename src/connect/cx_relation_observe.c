/*
 * cx_relation_observe: Relation.collect_metrics (df.observe(name | Observation, *metrics)) and
 * the literals of the answer's ExecutePlanResponse.observed_metrics.
 *
 * Spark's CollectMetrics passes its input's rows through unchanged and aggregates the metrics
 * over them; every CollectMetrics of a plan becomes an observation of the execution
 * (SparkConnectPlanner registers it with the ExecuteHolder), answered after the result batches
 * and before ResultComplete in one response: per observation its name, the metrics' output
 * names (keys), their values as typed literals and the CollectMetrics relation's plan id.
 *
 * Here the relation becomes Project [*] over its input (the rows unchanged, the node carrying
 * the relation's plan id), and the metrics an Aggregate over a second translation of the input,
 * kept on ctx->observations (the first translation of each name); connect runs those after the
 * query (cn_plan_observed_metrics). Deterministic inputs give the metrics Spark computes.
 */
#include "connect/cx.h"

#include "common/em_mem.h"
#include "common/em_str.h"
#include "types/ty_cast.h"

#include <string.h>

int cx_collect_metrics(const Spark__Connect__Relation *rel, cx_ctx *ctx, pl_node **out,
                       em_error *err)
{
    const Spark__Connect__CollectMetrics *m = rel->collect_metrics;
    em_arena *a = ctx->arena;
    if (!m->input)
        return cx_invalid_plan(err, "CollectMetrics needs a plan input");
    pl_node *p = pl_node_new(a, PL_PROJECT, 1);
    if (cx_relation(m->input, ctx, &p->children[0], err))
        return err ? err->code : EM_EUSER;
    p->n_exprs = 1;
    p->exprs = em_arena_calloc(a, 1, sizeof(pl_expr *));
    p->exprs[0] = pl_expr_new(a, PX_STAR, 0);
    p->exprs[0]->plan_id = -1;
    for (int idx = 0; idx < ctx->n_observations; idx++)
        if (strcmp(ctx->observations[idx].name, m->name) == 0) {
            *out = p;
            return EM_OK;
        }
    pl_node *agg = pl_node_new(a, PL_AGGREGATE, 1);
    if (cx_relation(m->input, ctx, &agg->children[0], err))
        return err ? err->code : EM_EUSER;
    agg->u.agg.group_type = PL_GROUP_BY;
    agg->n_exprs = (int)m->n_metrics;
    agg->exprs = em_arena_calloc(a, m->n_metrics ? m->n_metrics : 1, sizeof(pl_expr *));
    for (size_t idx = 0; idx < m->n_metrics; idx++)
        if (cx_expression(m->metrics[idx], ctx, &agg->exprs[idx], err))
            return err ? err->code : EM_EUSER;
    cx_observation *grown =
        em_arena_calloc(a, (size_t)ctx->n_observations + 1, sizeof(cx_observation));
    if (ctx->n_observations)
        memcpy(grown, ctx->observations, (size_t)ctx->n_observations * sizeof *grown);
    grown[ctx->n_observations].name = em_arena_strdup(a, m->name);
    grown[ctx->n_observations].plan_id =
        rel->common && rel->common->_plan_id_case ? rel->common->plan_id : -1;
    grown[ctx->n_observations].metrics = agg;
    ctx->observations = grown;
    ctx->n_observations++;
    *out = p;
    return EM_OK;
}

static char *cx_obs_strndup(const char *s, size_t len)
{
    char *r = em_malloc(len + 1);
    memcpy(r, s, len);
    r[len] = '\0';
    return r;
}

Spark__Connect__Expression__Literal *cx_literal_to_proto(const vec *v, int64_t row, em_error *err)
{
    Spark__Connect__Expression__Literal *l = em_malloc(sizeof *l);
    spark__connect__expression__literal__init(l);
    const ty *t = v->type;
    if (vec_is_null(v, row) || t->kind == TY_NULL) {
        l->literal_type_case = SPARK__CONNECT__EXPRESSION__LITERAL__LITERAL_TYPE_NULL;
        l->null = cx_data_type_to_proto(t);
        return l;
    }
    switch (t->kind) {
    case TY_BOOLEAN:
        l->literal_type_case = SPARK__CONNECT__EXPRESSION__LITERAL__LITERAL_TYPE_BOOLEAN;
        l->boolean = VEC_VALUES(v, uint8_t)[row] != 0;
        break;
    case TY_BYTE:
        l->literal_type_case = SPARK__CONNECT__EXPRESSION__LITERAL__LITERAL_TYPE_BYTE;
        l->byte = VEC_VALUES(v, int8_t)[row];
        break;
    case TY_SHORT:
        l->literal_type_case = SPARK__CONNECT__EXPRESSION__LITERAL__LITERAL_TYPE_SHORT;
        l->short_ = VEC_VALUES(v, int16_t)[row];
        break;
    case TY_INT:
        l->literal_type_case = SPARK__CONNECT__EXPRESSION__LITERAL__LITERAL_TYPE_INTEGER;
        l->integer = VEC_VALUES(v, int32_t)[row];
        break;
    case TY_LONG:
        l->literal_type_case = SPARK__CONNECT__EXPRESSION__LITERAL__LITERAL_TYPE_LONG;
        l->long_ = VEC_VALUES(v, int64_t)[row];
        break;
    case TY_FLOAT:
        l->literal_type_case = SPARK__CONNECT__EXPRESSION__LITERAL__LITERAL_TYPE_FLOAT;
        l->float_ = VEC_VALUES(v, float)[row];
        break;
    case TY_DOUBLE:
        l->literal_type_case = SPARK__CONNECT__EXPRESSION__LITERAL__LITERAL_TYPE_DOUBLE;
        l->double_ = VEC_VALUES(v, double)[row];
        break;
    case TY_DATE:
        l->literal_type_case = SPARK__CONNECT__EXPRESSION__LITERAL__LITERAL_TYPE_DATE;
        l->date = VEC_VALUES(v, int32_t)[row];
        break;
    case TY_TIMESTAMP:
        l->literal_type_case = SPARK__CONNECT__EXPRESSION__LITERAL__LITERAL_TYPE_TIMESTAMP;
        l->timestamp = VEC_VALUES(v, int64_t)[row];
        break;
    case TY_TIMESTAMP_NTZ:
        l->literal_type_case = SPARK__CONNECT__EXPRESSION__LITERAL__LITERAL_TYPE_TIMESTAMP_NTZ;
        l->timestamp_ntz = VEC_VALUES(v, int64_t)[row];
        break;
    case TY_STRING:
    case TY_VARCHAR:
    case TY_CHAR: {
        int32_t len;
        const char *p = vec_str(v, row, &len);
        l->literal_type_case = SPARK__CONNECT__EXPRESSION__LITERAL__LITERAL_TYPE_STRING;
        l->string = cx_obs_strndup(p, (size_t)len);
        break;
    }
    case TY_BINARY: {
        int32_t len;
        const char *p = vec_str(v, row, &len);
        l->literal_type_case = SPARK__CONNECT__EXPRESSION__LITERAL__LITERAL_TYPE_BINARY;
        l->binary.data = (uint8_t *)cx_obs_strndup(p, (size_t)len);
        l->binary.len = (size_t)len;
        break;
    }
    case TY_DECIMAL: { /* the value as its plain string, with the type's precision and scale */
        vec *one = vec_slice(v, row, 1, err), *s = NULL;
        if (!one || ty_cast_vec(one, ty_string(), PX_EVAL_LEGACY, NULL, &s, err)) {
            vec_release(one);
            em_free(l);
            return NULL;
        }
        int32_t len;
        const char *p = vec_str(s, 0, &len);
        Spark__Connect__Expression__Literal__Decimal *d = em_malloc(sizeof *d);
        spark__connect__expression__literal__decimal__init(d);
        d->value = cx_obs_strndup(p, (size_t)len);
        d->_precision_case = SPARK__CONNECT__EXPRESSION__LITERAL__DECIMAL___PRECISION_PRECISION;
        d->precision = t->precision;
        d->_scale_case = SPARK__CONNECT__EXPRESSION__LITERAL__DECIMAL___SCALE_SCALE;
        d->scale = t->scale;
        vec_release(one);
        vec_release(s);
        l->literal_type_case = SPARK__CONNECT__EXPRESSION__LITERAL__LITERAL_TYPE_DECIMAL;
        l->decimal = d;
        break;
    }
    default:
        em_free(l);
        cx_not_implemented(err, "observed metrics of nested or interval types");
        return NULL;
    }
    return l;
}

void cx_literal_proto_free(Spark__Connect__Expression__Literal *l)
{
    if (!l)
        return;
    switch (l->literal_type_case) {
    case SPARK__CONNECT__EXPRESSION__LITERAL__LITERAL_TYPE_NULL:
        cx_data_type_free(l->null);
        break;
    case SPARK__CONNECT__EXPRESSION__LITERAL__LITERAL_TYPE_STRING:
        em_free(l->string);
        break;
    case SPARK__CONNECT__EXPRESSION__LITERAL__LITERAL_TYPE_BINARY:
        em_free(l->binary.data);
        break;
    case SPARK__CONNECT__EXPRESSION__LITERAL__LITERAL_TYPE_DECIMAL:
        em_free(l->decimal->value);
        em_free(l->decimal);
        break;
    default:
        break;
    }
    em_free(l);
}
