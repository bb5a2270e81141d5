/*
 * an_lambda: lambda functions of higher-order functions (transform, filter, aggregate...).
 *
 * The lambda parameters' types come from the other arguments, as Spark's higher-order
 * function classes bind them (HigherOrderFunction.bind):
 *   transform / filter (array, x [, i])   x = element, i = int index
 *   exists / forall / array_sort           x = element (array_sort: two elements)
 *   aggregate / reduce (array, zero, (acc, x) -> merge [, acc -> finish])
 *                                          acc = zero's type, x = element
 *   zip_with (a, b, (x, y))                x, y = elements (nullable: lengths may differ)
 *   map_filter / transform_keys / transform_values (map, (k, v))
 *   map_zip_with (m1, m2, (k, v1, v2))     v1, v2 nullable
 * A resolved PX_LAMBDA has args[0] = the body and args[1..n] = its parameters as
 * PX_LAMBDA_VAR (attr_id unique, type set); references in the body are PX_LAMBDA_VAR with the
 * same attr_id.
 */
#include "analyzer/an_int.h"

#include <string.h>
#include <strings.h>

typedef struct an_hof {
    const char *name;
    int lambda_pos; /* argument index of the (first) lambda */
} an_hof;

static const an_hof an_hofs[] = {
    {"transform", 1},  {"filter", 1},         {"exists", 1},           {"forall", 1},
    {"array_sort", 1}, {"aggregate", 2},      {"reduce", 2},           {"zip_with", 2},
    {"map_filter", 1}, {"transform_keys", 1}, {"transform_values", 1}, {"map_zip_with", 2},
};

bool an_has_lambda_args(const pl_expr *call)
{
    for (int idx = 0; idx < call->n_args; idx++)
        if (call->args[idx] && call->args[idx]->kind == PX_LAMBDA)
            return true;
    return false;
}

/* Parameter types for the lambda at argument position pos of a higher-order call. */
static int an_lambda_params(an_ctx *c, const char *fname, pl_expr *const *args, int pos,
                            int n_params, an_lambda_var *vars)
{
    const an_hof *h = NULL;
    for (size_t idx = 0; idx < sizeof an_hofs / sizeof an_hofs[0]; idx++)
        if (strcasecmp(an_hofs[idx].name, fname) == 0)
            h = &an_hofs[idx];
    if (!h)
        return em_error_set(c->err, "UNSUPPORTED_FEATURE.NOT_IMPLEMENTED", "feature",
                            "lambda arguments of this function", NULL);
    const ty *a0 = args[0] ? args[0]->type : NULL;
    for (int k = 0; k < n_params; k++) {
        vars[k].type = NULL;
        vars[k].nullable = true;
    }
    bool is_map = strncasecmp(fname, "map_", 4) == 0 ||
                  strncasecmp(fname, "transform_k", 11) == 0 ||
                  strncasecmp(fname, "transform_v", 11) == 0;
    if (is_map) {
        if (!a0 || a0->kind != TY_MAP)
            goto mismatch;
        vars[0].type = a0->key;
        vars[0].nullable = false;
        if (n_params > 1) {
            vars[1].type = a0->value;
            vars[1].nullable = strcasecmp(fname, "map_zip_with") == 0 || a0->value_contains_null;
        }
        if (n_params > 2) {
            const ty *a1 = args[1] ? args[1]->type : NULL;
            if (!a1 || a1->kind != TY_MAP)
                goto mismatch;
            vars[2].type = a1->value;
        }
    } else {
        if (!a0 || a0->kind != TY_ARRAY)
            goto mismatch;
        const ty *elem = a0->elem;
        bool elem_null = a0->contains_null;
        if (strcasecmp(fname, "aggregate") == 0 || strcasecmp(fname, "reduce") == 0) {
            /* (acc, x) for the merge lambda; the finish lambda takes acc only. */
            const ty *zero = args[1] ? args[1]->type : NULL;
            if (!zero)
                goto mismatch;
            vars[0].type = zero;
            vars[0].nullable = true;
            if (pos == 2 && n_params > 1) {
                vars[1].type = elem;
                vars[1].nullable = elem_null;
            }
        } else if (strcasecmp(fname, "zip_with") == 0) {
            const ty *a1 = args[1] ? args[1]->type : NULL;
            if (!a1 || a1->kind != TY_ARRAY)
                goto mismatch;
            vars[0].type = elem;
            if (n_params > 1)
                vars[1].type = a1->elem;
        } else {
            vars[0].type = elem;
            vars[0].nullable = elem_null;
            if (n_params > 1) {
                bool sort = strcasecmp(fname, "array_sort") == 0;
                vars[1].type = sort ? elem : ty_int();
                vars[1].nullable = sort ? elem_null : false;
            }
        }
    }
    for (int k = 0; k < n_params; k++)
        if (!vars[k].type)
            return em_error_set(c->err, "UNSUPPORTED_FEATURE.NOT_IMPLEMENTED", "feature",
                                "this lambda arity", NULL);
    return EM_OK;
mismatch:
    return em_error_set(c->err, "UNSUPPORTED_FEATURE.NOT_IMPLEMENTED", "feature",
                        "lambda over this argument type", NULL);
}

int an_lambda(an_ctx *c, const an_scope *s, const char *fname, pl_expr *const *args, int pos,
              const pl_expr *in, pl_expr **out)
{
    int np = in->n_parts;
    an_lambda_var *vars = em_arena_calloc(c->a, (size_t)(np ? np : 1), sizeof *vars);
    if (an_lambda_params(c, fname, args, pos, np, vars))
        return c->err->code;
    for (int k = 0; k < np; k++) {
        vars[k].name = in->parts[k];
        vars[k].id = an_new_id(c);
    }
    an_scope inner = *s;
    int n_all = s->n_lambda + np;
    an_lambda_var *all = em_arena_calloc(c->a, (size_t)n_all, sizeof *all);
    if (s->n_lambda)
        memcpy(all, s->lambda, (size_t)s->n_lambda * sizeof *all);
    memcpy(all + s->n_lambda, vars, (size_t)np * sizeof *all);
    inner.n_lambda = n_all;
    inner.lambda = all;
    inner.allow_agg = false;
    inner.allow_window = false;
    inner.allow_generator = false;
    pl_expr *body;
    if (an_expr(c, &inner, in->args[0], &body))
        return c->err->code;
    pl_expr *l = pl_expr_new(c->a, PX_LAMBDA, np + 1);
    l->args[0] = body;
    l->n_parts = np;
    l->parts = em_arena_calloc(c->a, (size_t)(np ? np : 1), sizeof(char *));
    for (int k = 0; k < np; k++) {
        l->parts[k] = vars[k].name;
        pl_expr *v = pl_expr_new(c->a, PX_LAMBDA_VAR, 0);
        v->n_parts = 1;
        v->parts = &l->parts[k];
        v->attr_id = vars[k].id;
        v->type = vars[k].type;
        v->nullable = vars[k].nullable;
        v->resolved = true;
        l->args[k + 1] = v;
    }
    l->type = body->type;
    l->nullable = body->nullable;
    l->resolved = true;
    *out = l;
    return EM_OK;
}
