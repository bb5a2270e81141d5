/*
 * an_named: named function arguments (`mask(str, upperChar => 'Q')`), Spark's
 * NamedParametersSupport.defaultRearrange for the built-in functions whose signatures take
 * them (FunctionSignature): the call's arguments are rearranged into the declared parameter
 * order before the function binds, missing optional parameters taking their defaults, so the
 * generated column name shows every parameter (`mask(AbCD123-@$#, Q, q, d, NULL)`).
 *
 * Errors, in Spark's order: a function without a signature is NAMED_PARAMETERS_NOT_SUPPORTED;
 * a positional argument after a named one UNEXPECTED_POSITIONAL_ARGUMENT (naming the named
 * argument before it); a name the signature lacks UNRECOGNIZED_PARAMETER_NAME (with up to
 * three parameter names, nearest first); a parameter given twice
 * DUPLICATE_ROUTINE_PARAMETER_ASSIGNMENT.BOTH_POSITIONAL_AND_NAMED / DOUBLE_NAMED_ARGUMENT_
 * REFERENCE; a required parameter left out REQUIRED_PARAMETER_NOT_FOUND.
 */
#include "analyzer/an_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define AN_NAMED_MAX_PARAMS 6

/* A default: a string literal, or NULL (a NULL string) when value is NULL. */
typedef struct an_param {
    const char *name;
    bool required;
    const char *value;
} an_param;

typedef struct an_signature {
    const char *fn;
    int n;
    an_param params[AN_NAMED_MAX_PARAMS];
} an_signature;

/* Spark's FunctionSignatures (Mask, CountMinSketchAgg, the generators). */
static const an_signature an_signatures[] = {
    {"mask",
     5,
     {{"str", true, NULL},
      {"upperChar", false, "X"},
      {"lowerChar", false, "x"},
      {"digitChar", false, "n"},
      {"otherChar", false, NULL}}},
    {"count_min_sketch",
     4,
     {{"column", true, NULL},
      {"epsilon", true, NULL},
      {"confidence", true, NULL},
      {"seed", true, NULL}}},
    {"explode", 1, {{"collection", true, NULL}}},
    {"explode_outer", 1, {{"collection", true, NULL}}},
    {"posexplode", 1, {{"collection", true, NULL}}},
    {"posexplode_outer", 1, {{"collection", true, NULL}}},
    {"inline", 1, {{"input", true, NULL}}},
    {"inline_outer", 1, {{"input", true, NULL}}},
};

bool an_has_named_args(const pl_expr *call)
{
    for (int idx = 0; idx < call->n_args; idx++)
        if (call->args[idx] && call->args[idx]->kind == PX_NAMED_ARG)
            return true;
    return false;
}

static const char *an_q(an_ctx *c, const char *name)
{
    em_str s;
    em_str_init(&s, 0);
    pl_quote_ident(&s, name);
    const char *r = an_str_done(c, &s);
    em_str_release(&s);
    return r;
}

typedef struct an_named_cand {
    const char *quoted;
    int dist;
    int order;
} an_named_cand;

static int an_named_cand_cmp(const void *x, const void *y)
{
    const an_named_cand *a = x, *b = y;
    return a->dist != b->dist ? (a->dist < b->dist ? -1 : 1) : a->order - b->order;
}

static int an_unrecognized(an_ctx *c, const an_signature *sig, const char *routine, const char *arg)
{
    an_named_cand cands[AN_NAMED_MAX_PARAMS];
    const char *qarg = an_q(c, arg);
    for (int k = 0; k < sig->n; k++) {
        cands[k].quoted = an_q(c, sig->params[k].name);
        cands[k].dist = an_levenshtein(cands[k].quoted, qarg);
        cands[k].order = k;
    }
    qsort(cands, (size_t)sig->n, sizeof cands[0], an_named_cand_cmp);
    em_str prop;
    em_str_init(&prop, 0);
    for (int k = 0; k < sig->n && k < 3; k++) {
        if (k)
            em_str_putc(&prop, ' ');
        em_str_puts(&prop, cands[k].quoted);
    }
    em_error_set(c->err, "UNRECOGNIZED_PARAMETER_NAME", "routineName", routine, "argumentName",
                 qarg, "proposal", prop.data ? prop.data : "", NULL);
    em_str_release(&prop);
    return c->err->code;
}

int an_named_args(an_ctx *c, const pl_expr *call, const pl_expr **out)
{
    *out = call;
    const char *name = call->name ? call->name : "";
    const char *routine = an_q(c, name);
    const an_signature *sig = NULL;
    for (size_t k = 0; k < sizeof an_signatures / sizeof an_signatures[0] && !sig; k++)
        if (strcasecmp(an_signatures[k].fn, name) == 0)
            sig = &an_signatures[k];
    if (!sig)
        return em_error_set(c->err, "NAMED_PARAMETERS_NOT_SUPPORTED", "functionName", routine,
                            NULL);
    pl_expr *slots[AN_NAMED_MAX_PARAMS] = {0};
    bool named_slot[AN_NAMED_MAX_PARAMS] = {0};
    const char *last_named = NULL;
    int n_pos = 0;
    for (int idx = 0; idx < call->n_args; idx++) {
        pl_expr *a = call->args[idx];
        if (a->kind != PX_NAMED_ARG) {
            if (last_named)
                return em_error_set(c->err, "UNEXPECTED_POSITIONAL_ARGUMENT", "routineName",
                                    routine, "parameterName", an_q(c, last_named), NULL);
            if (n_pos >= sig->n)
                return EM_OK; /* too many arguments: the function's own arity check */
            slots[n_pos++] = a;
            continue;
        }
        last_named = a->name;
        int k = -1;
        for (int p = 0; p < sig->n && k < 0; p++)
            if (an_name_eq(c, sig->params[p].name, a->name))
                k = p;
        if (k < 0)
            return an_unrecognized(c, sig, routine, a->name);
        if (slots[k])
            return em_error_set(
                c->err,
                named_slot[k] ? "DUPLICATE_ROUTINE_PARAMETER_ASSIGNMENT.DOUBLE_NAMED_ARGUMENT_"
                                "REFERENCE"
                              : "DUPLICATE_ROUTINE_PARAMETER_ASSIGNMENT.BOTH_POSITIONAL_AND_NAMED",
                "routineName", routine, "parameterName", an_q(c, sig->params[k].name), NULL);
        slots[k] = a->args[0];
        named_slot[k] = true;
    }
    for (int k = 0; k < sig->n; k++) {
        if (slots[k])
            continue;
        if (sig->params[k].required) {
            char index[16];
            snprintf(index, sizeof index, "%d", k);
            return em_error_set(c->err, "REQUIRED_PARAMETER_NOT_FOUND", "routineName", routine,
                                "parameterName", an_q(c, sig->params[k].name), "index", index,
                                NULL);
        }
        const char *v = sig->params[k].value;
        slots[k] = v ? pl_lit_string(c->a, v, (int64_t)strlen(v)) : pl_lit_null(c->a, ty_string());
    }
    pl_expr *copy = pl_expr_new(c->a, PX_FUNC, 0);
    *copy = *call;
    copy->n_args = sig->n;
    copy->args = em_arena_calloc(c->a, (size_t)sig->n, sizeof(pl_expr *));
    memcpy(copy->args, slots, (size_t)sig->n * sizeof(pl_expr *));
    *out = copy;
    return EM_OK;
}
