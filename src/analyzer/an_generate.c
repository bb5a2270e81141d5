/*
 * an_generate: generators in select lists (explode, posexplode, inline, stack, json_tuple and
 * their _outer forms), Spark's ExtractGenerator: the generator call moves into a Generate
 * node below the Project (out = input ++ generated columns) and the select list reads the
 * generated columns. One generator per select list (UNSUPPORTED_GENERATOR.MULTI_GENERATOR).
 * The registry's bind step types a generator call as a struct of the generated columns.
 */
#include "analyzer/an_int.h"

#include <string.h>
#include <strings.h>

bool an_is_generator(const char *name)
{
    const fn_def *d = name ? fn_lookup(name) : NULL;
    return d && d->kind == FN_GENERATOR;
}

static bool an_is_gen_call(const pl_expr *e)
{
    return e && e->kind == PX_CALL && e->fn && e->fn->kind == FN_GENERATOR;
}

int an_extract_generator(an_ctx *c, pl_node *child, int n, pl_expr **exprs, pl_attr *attrs,
                         pl_node **new_child)
{
    pl_expr *gen = NULL;
    int n_gen = 0;
    for (int idx = 0; idx < n; idx++) {
        if (!an_is_gen_call(exprs[idx]))
            continue;
        if (gen && exprs[idx] != gen) {
            em_str names;
            em_str_init(&names, 0);
            em_str_printf(&names, "\"%s\", \"%s\"", gen->name, exprs[idx]->name);
            em_error_set(c->err, "UNSUPPORTED_GENERATOR.MULTI_GENERATOR", "clause", "SELECT", "num",
                         "2", "generators", names.data, NULL);
            em_str_release(&names);
            return c->err->code;
        }
        gen = exprs[idx];
        n_gen++;
    }
    if (!gen) {
        *new_child = child;
        return EM_OK;
    }
    pl_node *g = an_node_like(c, PL_GENERATE, 1, NULL);
    g->children[0] = child;
    g->n_exprs = 1;
    g->exprs = em_arena_calloc(c->a, 1, sizeof(pl_expr *));
    g->exprs[0] = gen;
    size_t len = strlen(gen->name ? gen->name : "");
    g->u.generate.outer = len > 6 && strcasecmp(gen->name + len - 6, "_outer") == 0;
    int base = child->n_out;
    g->n_out = base + n_gen;
    g->out = em_arena_calloc(c->a, (size_t)g->n_out, sizeof(pl_attr));
    if (base)
        memcpy(g->out, child->out, (size_t)base * sizeof(pl_attr));
    int k = 0;
    for (int idx = 0; idx < n; idx++) {
        if (exprs[idx] != gen)
            continue;
        if (g->u.generate.outer)
            attrs[idx].nullable = true;
        g->out[base + k] = attrs[idx];
        exprs[idx] = an_colref(c, &g->out[base + k], base + k);
        k++;
    }
    *new_child = g;
    return EM_OK;
}
