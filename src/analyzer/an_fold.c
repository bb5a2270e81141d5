/*
 * an_fold: evaluation of constant expressions at analysis time, for the places where Spark
 * needs values rather than expressions: VALUES rows become a LocalRelation (Spark's
 * ResolveInlineTables evaluates them the same way). Literals, casts (types/ty_cast) and
 * deterministic scalar functions over constants fold; anything else is "not constant".
 */
#include "analyzer/an_int.h"

#include "types/ty_cast.h"

int an_fold(an_ctx *c, const pl_expr *e, vec **out)
{
    if (!e)
        return 1;
    switch (e->kind) {
    case PX_LITERAL:
        *out = vec_retain(e->lit);
        return EM_OK;
    case PX_CAST: {
        vec *in;
        int rc = an_fold(c, e->args[0], &in);
        if (rc)
            return rc;
        rc = ty_cast_vec(in, e->cast_type, e->eval_mode, c->opts, out, c->err);
        vec_release(in);
        return rc ? -1 : EM_OK;
    }
    case PX_CALL: {
        if (!e->fn || !e->fn->eval || !e->fn->deterministic || e->fn->kind != FN_SCALAR)
            return 1;
        vec **args = em_arena_calloc(c->a, (size_t)(e->n_args ? e->n_args : 1), sizeof(vec *));
        int rc = EM_OK;
        for (int idx = 0; idx < e->n_args && rc == EM_OK; idx++)
            rc = an_fold(c, e->args[idx], &args[idx]);
        if (rc == EM_OK) {
            em_arena scratch;
            em_arena_init(&scratch, 0);
            fn_ctx fc = {.opts = c->opts, .scratch = &scratch};
            if (e->fn->eval(e, (vec *const *)args, 1, &fc, out, c->err))
                rc = -1;
            em_arena_release(&scratch);
        }
        for (int idx = 0; idx < e->n_args; idx++)
            vec_release(args[idx]);
        return rc;
    }
    default:
        return 1;
    }
}
