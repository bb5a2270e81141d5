/*
 * plan: constructors for plan nodes and expressions (see plan.h).
 */
#include "plan/plan.h"

#include <string.h>

pl_node *pl_node_new(em_arena *a, pl_kind kind, int n_children)
{
    pl_node *n = em_arena_calloc(a, 1, sizeof *n);
    n->kind = kind;
    n->plan_id = -1;
    n->n_children = n_children;
    if (n_children)
        n->children = em_arena_calloc(a, (size_t)n_children, sizeof(pl_node *));
    return n;
}

pl_expr *pl_expr_new(em_arena *a, pl_expr_kind kind, int n_args)
{
    pl_expr *e = em_arena_calloc(a, 1, sizeof *e);
    e->kind = kind;
    e->plan_id = -1;
    e->src_start = e->src_stop = -1;
    e->col_index = -1;
    e->ordinal = -1;
    e->subquery_plan_id = -1;
    e->n_args = n_args;
    if (n_args)
        e->args = em_arena_calloc(a, (size_t)n_args, sizeof(pl_expr *));
    return e;
}

static void pl_vec_cleanup(void *v)
{
    vec_release(v);
}

static void pl_batch_cleanup(void *b)
{
    vec_batch_free(b);
}

pl_expr *pl_lit_new(em_arena *a, vec *one_row)
{
    pl_expr *e = pl_expr_new(a, PX_LITERAL, 0);
    e->lit = one_row;
    e->type = one_row->type;
    e->nullable = vec_is_null(one_row, 0) || one_row->type->kind == TY_NULL;
    em_arena_on_release(a, pl_vec_cleanup, one_row);
    return e;
}

pl_expr *pl_lit_null(em_arena *a, const ty *type)
{
    return pl_lit_new(a, vec_new_nulls(type, 1));
}

static pl_expr *pl_lit_fixed(em_arena *a, const ty *type, const void *value, size_t width)
{
    vec *v = vec_new(type, 1);
    memcpy(v->values, value, width);
    v->len = 1;
    return pl_lit_new(a, v);
}

pl_expr *pl_lit_bool(em_arena *a, bool b)
{
    uint8_t v = b ? 1 : 0;
    return pl_lit_fixed(a, ty_boolean(), &v, 1);
}

pl_expr *pl_lit_int(em_arena *a, int32_t v)
{
    return pl_lit_fixed(a, ty_int(), &v, sizeof v);
}

pl_expr *pl_lit_long(em_arena *a, int64_t v)
{
    return pl_lit_fixed(a, ty_long(), &v, sizeof v);
}

pl_expr *pl_lit_double(em_arena *a, double v)
{
    return pl_lit_fixed(a, ty_double(), &v, sizeof v);
}

pl_expr *pl_lit_string(em_arena *a, const char *s, int64_t len)
{
    vec *v = vec_new(ty_string(), 1);
    vec_append_str(v, s, len, NULL);
    return pl_lit_new(a, v);
}

pl_expr *pl_attr_new(em_arena *a, int n_parts, const char *const *parts, int64_t plan_id)
{
    pl_expr *e = pl_expr_new(a, PX_ATTR, 0);
    e->n_parts = n_parts;
    e->parts = em_arena_calloc(a, (size_t)(n_parts ? n_parts : 1), sizeof(char *));
    for (int i = 0; i < n_parts; i++)
        e->parts[i] = em_arena_strdup(a, parts[i]);
    e->plan_id = plan_id;
    return e;
}

pl_expr *pl_func_new(em_arena *a, const char *name, int n_args, pl_expr *const *args)
{
    pl_expr *e = pl_expr_new(a, PX_FUNC, n_args);
    e->name = em_arena_strdup(a, name);
    for (int i = 0; i < n_args; i++)
        e->args[i] = args[i];
    return e;
}

void pl_local_add_batch(em_arena *a, pl_node *n, vec_batch *b)
{
    int k = n->u.local.n_batches;
    vec_batch **nb = em_arena_calloc(a, (size_t)k + 1, sizeof *nb);
    if (k)
        memcpy(nb, n->u.local.batches, (size_t)k * sizeof *nb);
    nb[k] = b;
    n->u.local.batches = nb;
    n->u.local.n_batches = k + 1;
    em_arena_on_release(a, pl_batch_cleanup, b);
}

const char *pl_kind_name(pl_kind kind)
{
    static const char *const names[PL_KIND_COUNT] = {
        [PL_RANGE] = "Range",
        [PL_LOCAL] = "LocalRelation",
        [PL_READ_TABLE] = "UnresolvedRelation",
        [PL_READ_SOURCE] = "DataSource",
        [PL_SQL] = "SQL",
        [PL_ONE_ROW] = "OneRowRelation",
        [PL_INLINE_TABLE] = "UnresolvedInlineTable",
        [PL_PROJECT] = "Project",
        [PL_FILTER] = "Filter",
        [PL_SORT] = "Sort",
        [PL_LIMIT] = "GlobalLimit",
        [PL_OFFSET] = "Offset",
        [PL_TAIL] = "Tail",
        [PL_AGGREGATE] = "Aggregate",
        [PL_DEDUP] = "Deduplicate",
        [PL_SUBQUERY_ALIAS] = "SubqueryAlias",
        [PL_TO_DF] = "ToDF",
        [PL_RENAME] = "WithColumnsRenamed",
        [PL_WITH_COLUMNS] = "WithColumns",
        [PL_DROP] = "Drop",
        [PL_SHOW_STRING] = "ShowString",
        [PL_HTML_STRING] = "HtmlString",
        [PL_SAMPLE] = "Sample",
        [PL_REPARTITION] = "Repartition",
        [PL_HINT] = "ResolvedHint",
        [PL_TO_SCHEMA] = "ToSchema",
        [PL_WINDOW] = "Window",
        [PL_JOIN] = "Join",
        [PL_SET_OP] = "SetOperation",
        [PL_COMMAND] = "Command",
        [PL_UNPIVOT] = "Unpivot",
        [PL_FILL_NA] = "NAFill",
        [PL_DROP_NA] = "NADrop",
        [PL_REPLACE] = "NAReplace",
        [PL_WITH_RELATIONS] = "WithRelations",
        [PL_GENERATE] = "Generate",
    };
    return kind < PL_KIND_COUNT && names[kind] ? names[kind] : "Unknown";
}
