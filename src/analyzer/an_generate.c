/*
 * an_generate: generators in select lists (explode, posexplode, inline, stack, json_tuple and
 * their _outer forms), Spark's ExtractGenerator: the generator call moves into a Generate
 * node below the Project (out = input ++ generated columns) and the select list reads the
 * generated columns. One generator per select list (UNSUPPORTED_GENERATOR.MULTI_GENERATOR).
 * The registry's bind step types a generator call as a struct of the generated columns.
 * an_generate_node resolves the unresolved PL_GENERATE the SQL parser builds for LATERAL VIEW
 * and for generator table functions (FROM explode(...)).
 */
#include "analyzer/an_int.h"

#include <stdio.h>
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

/* UNSUPPORTED_GENERATOR.NOT_GENERATOR: LATERAL VIEW over a function that is no generator. */
static int an_not_generator(an_ctx *c, const char *name)
{
    em_str id;
    em_str_init(&id, 0);
    em_str_printf(&id, "`%s`", name);
    em_error_set(c->err, "UNSUPPORTED_GENERATOR.NOT_GENERATOR", "functionName", id.data,
                 "classCanonicalName", name, NULL);
    em_str_release(&id);
    return c->err->code;
}

/* True when e contains a generator call (unresolved PX_FUNC by name). */
static bool an_has_generator(const pl_expr *e)
{
    if (!e)
        return false;
    if ((e->kind == PX_FUNC || e->kind == PX_CALL) && e->name && an_is_generator(e->name))
        return true;
    for (int idx = 0; idx < e->n_args; idx++)
        if (an_has_generator(e->args[idx]))
            return true;
    return false;
}

/* UNSUPPORTED_GENERATOR.NESTED_IN_EXPRESSIONS: a generator among a generator's arguments; the
   expression is shown as written. */
static int an_nested_generator(an_ctx *c, const pl_expr *call)
{
    em_str sql;
    em_str_init(&sql, 0);
    em_str_putc(&sql, '"');
    size_t text_len = c->sql_text ? strlen(c->sql_text) : 0;
    if (c->sql_text && call->src_start >= 0 && call->src_stop >= call->src_start &&
        (size_t)call->src_stop < text_len)
        em_str_append(&sql, c->sql_text + call->src_start,
                      (size_t)(call->src_stop - call->src_start + 1));
    else
        em_str_puts(&sql, call->name);
    em_str_putc(&sql, '"');
    em_error_set(c->err, "UNSUPPORTED_GENERATOR.NESTED_IN_EXPRESSIONS", "expression", sql.data,
                 NULL);
    em_str_release(&sql);
    if (c->sql_text)
        em_error_set_context(c->err, c->sql_text, call->src_start, call->src_stop);
    return c->err->code;
}

int an_generate_node(an_ctx *c, const pl_node *in, pl_node *child, pl_node **out)
{
    const pl_expr *call = in->n_exprs == 1 ? in->exprs[0] : NULL;
    if (!call || call->kind != PX_FUNC || !call->name)
        return em_error_internal(c->err, "Generate without a generator call");
    /* Unknown names fail in an_expr (UNRESOLVED_ROUTINE); known non-generators here. */
    if (fn_lookup(call->name) && !an_is_generator(call->name))
        return an_not_generator(c, call->name);
    for (int idx = 0; idx < call->n_args; idx++)
        if (an_has_generator(call->args[idx]))
            return an_nested_generator(c, call);
    an_scope s;
    an_scope_of(child, &s);
    s.allow_generator = true;
    pl_expr *gen;
    if (an_expr(c, &s, call, &gen))
        return c->err->code;
    const ty *t = gen->type;
    int k = t->kind == TY_STRUCT ? t->n_fields : 1;
    if (in->u.generate.tvf && in->u.generate.n_cols && in->u.generate.n_cols != k) {
        char got[16], want[16];
        snprintf(got, sizeof got, "%d", in->u.generate.n_cols);
        snprintf(want, sizeof want, "%d", k);
        em_str fn;
        em_str_init(&fn, 0);
        em_str_printf(&fn, "`%s`", call->name);
        em_error_set(c->err, "NUM_TABLE_VALUE_ALIASES_MISMATCH", "funcName", fn.data, "aliasesNum",
                     got, "outColsNum", want, NULL);
        em_str_release(&fn);
        return c->err->code;
    }
    if (in->u.generate.n_cols && in->u.generate.n_cols != k) {
        em_str names;
        em_str_init(&names, 0);
        for (int idx = 0; idx < in->u.generate.n_cols; idx++)
            em_str_printf(&names, "%s%s", idx ? "," : "", in->u.generate.cols[idx]);
        char size[16];
        snprintf(size, sizeof size, "%d", k);
        em_error_set(c->err, "UDTF_ALIAS_NUMBER_MISMATCH", "aliasesSize", size, "aliasesNames",
                     names.data ? names.data : "", NULL);
        em_str_release(&names);
        return c->err->code;
    }
    size_t len = strlen(gen->name ? gen->name : "");
    bool outer =
        in->u.generate.outer || (len > 6 && strcasecmp(gen->name + len - 6, "_outer") == 0);
    pl_node *g = an_node_like(c, PL_GENERATE, 1, NULL);
    g->children[0] = child;
    g->n_exprs = 1;
    g->exprs = em_arena_calloc(c->a, 1, sizeof(pl_expr *));
    g->exprs[0] = gen;
    g->u.generate.outer = outer;
    int base = child->n_out;
    g->n_out = base + k;
    g->out = em_arena_calloc(c->a, (size_t)g->n_out, sizeof(pl_attr));
    if (base)
        memcpy(g->out, child->out, (size_t)base * sizeof(pl_attr));
    const char **qual = NULL;
    if (in->u.generate.alias) {
        qual = em_arena_calloc(c->a, 1, sizeof *qual);
        qual[0] = in->u.generate.alias;
    }
    for (int f = 0; f < k; f++) {
        pl_attr *a = &g->out[base + f];
        memset(a, 0, sizeof *a);
        a->name = in->u.generate.n_cols  ? in->u.generate.cols[f]
                  : t->kind == TY_STRUCT ? t->fields[f].name
                                         : "col";
        a->type = t->kind == TY_STRUCT ? t->fields[f].type : t;
        a->nullable = outer || (t->kind == TY_STRUCT ? t->fields[f].nullable : true);
        a->id = an_new_id(c);
        a->plan_id = -1;
        if (qual) {
            a->qualifier = qual[0];
            a->n_qual = 1;
            a->qual = qual;
        }
    }
    *out = g;
    return EM_OK;
}
