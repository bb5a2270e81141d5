/*
 * an_resolve: the analyzer's entry point, the node dispatch and the relational operators
 * (Project, Filter, Sort, Limit/Offset/Tail, Deduplicate, SubqueryAlias, ShowString, hints,
 * pass-through nodes). Leaves live in an_leaf.c, DataFrame rewrites in an_df.c, aggregates in
 * an_agg.c, joins and set operations in an_join.c.
 *
 * A select with aggregate functions and no grouping becomes a global Aggregate, as Spark's
 * analyzer does; HAVING / ORDER BY directly above an unresolved aggregate resolve together
 * with it (an_agg.c); ORDER BY keys missing from a Project's output resolve below it.
 */
#include "analyzer/an_int.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "functions/fn_coerce.h"
#include "sql/sql.h"

int64_t an_new_id(an_ctx *c)
{
    return c->next_id++;
}

int an_enter(an_ctx *c)
{
    if (c->depth >= AN_MAX_DEPTH)
        return em_error_set(c->err, "CONNECT_INVALID_PLAN.CANNOT_PARSE", "errorMsg",
                            "the plan is nested too deeply", NULL);
    c->depth++;
    return EM_OK;
}

bool an_name_eq(const an_ctx *c, const char *x, const char *y)
{
    return c->case_sensitive ? strcmp(x, y) == 0 : strcasecmp(x, y) == 0;
}

void an_register_plan(an_ctx *c, int64_t plan_id, int n_out, const pl_attr *out)
{
    if (plan_id < 0)
        return;
    if (c->n_plans == c->cap_plans) {
        int cap = c->cap_plans ? c->cap_plans * 2 : 16;
        an_plan_entry *p = em_arena_calloc(c->a, (size_t)cap, sizeof *p);
        if (c->n_plans)
            memcpy(p, c->plans, (size_t)c->n_plans * sizeof *p);
        c->plans = p;
        c->cap_plans = cap;
    }
    c->plans[c->n_plans++] = (an_plan_entry){plan_id, n_out, out};
}

pl_node *an_node_like(an_ctx *c, pl_kind kind, int n_children, const pl_node *in)
{
    pl_node *n = pl_node_new(c->a, kind, n_children);
    n->plan_id = in ? in->plan_id : -1;
    n->resolved = true;
    return n;
}

pl_attr *an_copy_attrs(an_ctx *c, int n, const pl_attr *attrs)
{
    pl_attr *out = em_arena_calloc(c->a, (size_t)(n ? n : 1), sizeof *out);
    if (n)
        memcpy(out, attrs, (size_t)n * sizeof *out);
    return out;
}

void an_scope_of(const pl_node *n, an_scope *s)
{
    memset(s, 0, sizeof *s);
    s->n = n->n_out;
    s->attrs = n->out;
    if (n->hidden_exposed && n->n_hidden > 0 && n->n_hidden <= n->n_out) {
        s->n = n->n_out - n->n_hidden; /* the hidden columns are the tail of out */
        s->n_hidden = n->n_hidden;
        s->hidden = n->out + s->n;
    }
}

pl_expr *an_colref(an_ctx *c, const pl_attr *attr, int idx)
{
    pl_expr *e = pl_expr_new(c->a, PX_COLREF, 0);
    e->col_index = idx;
    e->attr_id = attr->id;
    e->name = attr->name;
    e->type = attr->type;
    e->nullable = attr->nullable;
    e->resolved = true;
    return e;
}

pl_node *an_make_project(an_ctx *c, pl_node *child, int n, pl_expr **exprs, pl_attr *attrs,
                         int64_t plan_id)
{
    pl_node *p = pl_node_new(c->a, PL_PROJECT, 1);
    p->plan_id = plan_id;
    p->resolved = true;
    p->children[0] = child;
    p->n_exprs = n;
    p->exprs = exprs;
    p->n_out = n;
    p->out = attrs;
    return p;
}

/* An output attribute for a computed column. */
pl_attr an_new_attr(an_ctx *c, const char *name, const pl_expr *e, int64_t plan_id)
{
    pl_attr a;
    memset(&a, 0, sizeof a);
    a.name = name;
    a.type = e->type;
    a.nullable = e->nullable;
    a.id = an_new_id(c);
    a.plan_id = plan_id;
    return a;
}

/* ------------------------------------------------------------------------------------------ */
/* Select lists                                                                                */

void an_list_push(an_ctx *c, an_list *l, pl_expr *e, pl_attr attr)
{
    if (l->n == l->cap) {
        int cap = l->cap ? l->cap * 2 : 8;
        pl_expr **ne = em_arena_calloc(c->a, (size_t)cap, sizeof *ne);
        pl_attr *na = em_arena_calloc(c->a, (size_t)cap, sizeof *na);
        if (l->n) {
            memcpy(ne, l->exprs, (size_t)l->n * sizeof *ne);
            memcpy(na, l->attrs, (size_t)l->n * sizeof *na);
        }
        l->exprs = ne;
        l->attrs = na;
        l->cap = cap;
    }
    l->exprs[l->n] = e;
    l->attrs[l->n] = attr;
    l->n++;
}

/* Adds one resolved select item with its output name. A bare column reference keeps its
   attribute (id and qualifier), as Spark passes attributes through a Project. */
static void an_list_add(an_ctx *c, const an_scope *s, an_list *l, pl_expr *e, const char *name,
                        bool aliased)
{
    if (e->kind == PX_COLREF && !aliased && e->col_index >= 0 && e->col_index < s->n &&
        strcmp(s->attrs[e->col_index].name, name) == 0) {
        an_list_push(c, l, e, s->attrs[e->col_index]);
        return;
    }
    an_list_push(c, l, e, an_new_attr(c, name, e, -1));
}

static int an_project_item(an_ctx *c, const an_scope *s, const pl_expr *item, an_list *l);

int an_project_list(an_ctx *c, const an_scope *s, int n_in, pl_expr *const *in, int *n_out,
                    pl_expr ***exprs, pl_attr **attrs)
{
    an_list l = {0};
    an_scope ls = *s;
    ls.lca_names = em_arena_calloc(c->a, (size_t)(n_in ? n_in : 1), sizeof(char *));
    ls.lca_exprs = em_arena_calloc(c->a, (size_t)(n_in ? n_in : 1), sizeof(pl_expr *));
    ls.n_lca = 0;
    for (int idx = 0; idx < n_in; idx++) {
        const char *saved = c->sql_text;
        if (in[idx]->kind == PX_SQL_EXPR)
            c->sql_text = in[idx]->sql; /* query context of errors inside (selectExpr) */
        int before = l.n;
        int rc = an_project_item(c, &ls, in[idx], &l);
        c->sql_text = saved;
        if (rc)
            return rc;
        /* An aliased item is visible to the later items (lateral column alias). */
        if (in[idx]->kind == PX_ALIAS && in[idx]->n_parts == 1 && l.n == before + 1 &&
            !an_expr_has_window(l.exprs[before])) {
            ls.lca_names[ls.n_lca] = in[idx]->parts[0];
            ls.lca_exprs[ls.n_lca] = l.exprs[before];
            ls.n_lca++;
        }
    }
    *n_out = l.n;
    *exprs = l.exprs ? l.exprs : em_arena_calloc(c->a, 1, sizeof(pl_expr *));
    *attrs = l.attrs ? l.attrs : em_arena_calloc(c->a, 1, sizeof(pl_attr));
    return EM_OK;
}

/* Resolves one select item into l (a star into several columns, a generator into its
   generated columns). */
static int an_project_item(an_ctx *c, const an_scope *s, const pl_expr *item, an_list *l)
{
    if (item->kind == PX_SQL_EXPR) {
        pl_expr *parsed;
        if (an_parse_sql_expr(c, item, &parsed))
            return c->err->code;
        item = parsed;
    }
    if (item->kind == PX_STAR || item->kind == PX_REGEX) {
        int n;
        pl_expr **es;
        const char **names;
        if (an_expand_star(c, s, item, &n, &es, &names))
            return c->err->code;
        for (int k = 0; k < n; k++)
            an_list_add(c, s, l, es[k], names[k], false);
        return EM_OK;
    }
    const pl_expr *core = item->kind == PX_ALIAS ? item->args[0] : item;
    if (core->kind == PX_SQL_EXPR) {
        pl_expr *parsed;
        if (an_parse_sql_expr(c, core, &parsed))
            return c->err->code;
        core = parsed;
    }
    if (core->kind == PX_FUNC && an_is_generator(core->name)) {
        /* A generator's columns: the alias names (one per column), else Spark's. */
        an_scope gs = *s;
        gs.allow_generator = true;
        pl_expr *g;
        if (an_expr(c, &gs, core, &g))
            return c->err->code;
        const ty *t = g->type;
        int k = t->kind == TY_STRUCT ? t->n_fields : 1;
        if (item->kind == PX_ALIAS && item->n_parts != k) {
            /* GeneratorResolution.makeGeneratorOutput: the generator's column count and the
               aliases joined by ",". */
            char want[16];
            snprintf(want, sizeof want, "%d", k);
            em_str names;
            em_str_init(&names, 0);
            for (int f = 0; f < item->n_parts; f++)
                em_str_printf(&names, "%s%s", f ? "," : "", item->parts[f]);
            em_error_set(c->err, "UDTF_ALIAS_NUMBER_MISMATCH", "aliasesSize", want, "aliasesNames",
                         names.data ? names.data : "", NULL);
            em_str_release(&names);
            return c->err->code;
        }
        for (int f = 0; f < k; f++) {
            pl_attr a;
            memset(&a, 0, sizeof a);
            a.name = item->kind == PX_ALIAS ? item->parts[f]
                     : t->kind == TY_STRUCT ? t->fields[f].name
                                            : "col";
            a.type = t->kind == TY_STRUCT ? t->fields[f].type : t;
            a.nullable = t->kind == TY_STRUCT ? t->fields[f].nullable : true;
            a.id = an_new_id(c);
            a.plan_id = -1;
            an_list_push(c, l, g, a);
        }
        return EM_OK;
    }
    if (item->kind == PX_ALIAS && item->n_parts > 1)
        return em_error_set(c->err, "UNSUPPORTED_FEATURE.NOT_IMPLEMENTED", "feature",
                            "multi-name aliases of non-generators", NULL);
    pl_expr *r;
    if (an_expr(c, s, item, &r))
        return c->err->code;
    const char *name = an_output_name(c, item, r);
    if (!name)
        return c->err->code;
    an_list_add(c, s, l, r, name, item->kind == PX_ALIAS);
    return EM_OK;
}

/* True when any select item (after parsing SQL text) contains an aggregate call. */
static int an_list_has_agg(an_ctx *c, int n, pl_expr *const *items, bool *has)
{
    *has = false;
    for (int idx = 0; idx < n && !*has; idx++) {
        const pl_expr *item = items[idx];
        if (item->kind == PX_SQL_EXPR) {
            pl_expr *parsed;
            if (an_parse_sql_expr(c, item, &parsed))
                return c->err->code;
            item = parsed;
        }
        *has = an_expr_has_agg(item);
    }
    return EM_OK;
}

/* ------------------------------------------------------------------------------------------ */
/* Nodes                                                                                       */

static int an_project(an_ctx *c, const pl_node *in, pl_node *child, pl_node **out)
{
    if (in->pipe_clause) {
        *out = NULL;
        int rc = an_pipe_project(c, in, child, out); /* an_pipe.c: |> DROP, |> SET */
        if (rc || *out)
            return rc;
    }
    bool has_agg;
    if (an_list_has_agg(c, in->n_exprs, in->exprs, &has_agg))
        return c->err->code;
    if (has_agg) {
        /* A select with aggregate functions and no GROUP BY is a global aggregate. */
        pl_node agg = *in;
        agg.kind = PL_AGGREGATE;
        agg.n_groups = 0;
        agg.groups = NULL;
        memset(&agg.u, 0, sizeof agg.u);
        agg.u.agg.group_type = PL_GROUP_BY;
        return an_aggregate(c, &agg, child, out);
    }
    an_scope s;
    an_scope_of(child, &s);
    s.allow_window = true;
    int n;
    pl_expr **exprs;
    pl_attr *attrs;
    if (an_project_list(c, &s, in->n_exprs, in->exprs, &n, &exprs, &attrs))
        return c->err->code;
    if (an_extract_generator(c, child, n, exprs, attrs, &child) ||
        an_extract_windows(c, child, n, exprs, &child))
        return c->err->code;
    *out = an_make_project(c, child, n, exprs, attrs, in->plan_id);
    return EM_OK;
}

static int an_filter(an_ctx *c, const pl_node *in, pl_node *child, pl_node **out)
{
    an_scope s;
    an_scope_of(child, &s);
    s.window_clause = in->u.filter.is_having ? "HAVING" : "WHERE";
    pl_expr *cond;
    if (an_expr(c, &s, in->u.filter.cond, &cond))
        return c->err->code;
    if (cond->type->kind != TY_BOOLEAN && cond->type->kind != TY_NULL) {
        em_str sql, type;
        em_str_init(&sql, 0);
        em_str_init(&type, 0);
        em_str_putc(&sql, '"');
        an_pretty_sql(c, cond, &sql);
        em_str_putc(&sql, '"');
        em_str_putc(&type, '"');
        ty_sql(cond->type, &type);
        em_str_putc(&type, '"');
        em_error_set(c->err, "DATATYPE_MISMATCH.FILTER_NOT_BOOLEAN", "sqlExpr", sql.data, "filter",
                     sql.data, "type", type.data, NULL);
        em_str_release(&sql);
        em_str_release(&type);
        return c->err->code;
    }
    pl_node *n = an_node_like(c, PL_FILTER, 1, in);
    n->children[0] = child;
    n->u.filter.cond = cond;
    n->n_out = child->n_out;
    n->out = child->out;
    *out = n;
    return EM_OK;
}

/* A top-level integer literal in ORDER BY / GROUP BY is a 1-based column position. */
bool an_is_ordinal(const pl_expr *e, int *pos)
{
    if (e->kind != PX_LITERAL || !e->lit || e->lit->type->kind != TY_INT || vec_is_null(e->lit, 0))
        return false;
    *pos = VEC_VALUES(e->lit, int32_t)[0];
    return true;
}

/* ORDER BY position pos (1-based) over the child row. */
static int an_sort_ordinal(an_ctx *c, const an_scope *s, const pl_expr *o, int pos, pl_expr **out)
{
    if (pos < 1 || pos > s->n) {
        char p[16], size[16];
        snprintf(p, sizeof p, "%d", pos);
        snprintf(size, sizeof size, "%d", s->n);
        return em_error_set(c->err, "ORDER_BY_POS_OUT_OF_RANGE", "index", p, "size", size, NULL);
    }
    pl_expr *r = pl_expr_new(c->a, PX_SORT_ORDER, 1);
    r->descending = o->kind == PX_SORT_ORDER && o->descending;
    r->nulls_first = o->kind == PX_SORT_ORDER ? o->nulls_first : true;
    r->args[0] = an_colref(c, &s->attrs[pos - 1], pos - 1);
    r->type = r->args[0]->type;
    r->nullable = r->args[0]->nullable;
    r->resolved = true;
    *out = r;
    return EM_OK;
}

static bool an_sort_key_ordinal(const pl_expr *o, int *pos)
{
    const pl_expr *k = o->kind == PX_SORT_ORDER ? o->args[0] : o;
    if (k->kind == PX_ORDINAL)
        k = k->args[0];
    else if (!an_is_ordinal(k, pos))
        return false;
    return an_is_ordinal(k, pos);
}

static void an_collect_aggs(an_ctx *c, const pl_expr *e, const pl_expr **found, int *n, int cap)
{
    if (!e)
        return;
    if (e->kind == PX_AGG_CALL) {
        for (int idx = 0; idx < *n; idx++)
            if (an_expr_equal(found[idx], e))
                return;
        if (*n < cap)
            found[(*n)++] = e;
        return;
    }
    for (int idx = 0; idx < e->n_args; idx++)
        an_collect_aggs(c, e->args[idx], found, n, cap);
}

/* Sort keys resolve with aggregate calls allowed, so that their columns resolve (or fail) first;
   aggregates left in a Sort that is not over an Aggregate are then CheckAnalysis's
   UNSUPPORTED_EXPR_FOR_OPERATOR, listed as toSQLExpr prints them. */
static int an_sort_check_aggs(an_ctx *c, int n, pl_expr *const *keys)
{
    const pl_expr *found[32];
    int n_found = 0;
    for (int idx = 0; idx < n; idx++)
        an_collect_aggs(c, keys[idx], found, &n_found, 32);
    if (n_found == 0)
        return EM_OK;
    em_str list;
    em_str_init(&list, 0);
    for (int idx = 0; idx < n_found; idx++) {
        em_str_puts(&list, idx ? ", \"" : "\"");
        an_pretty_sql(c, found[idx], &list);
        em_str_putc(&list, '"');
    }
    int rc = em_error_set(c->err, "UNSUPPORTED_EXPR_FOR_OPERATOR", "invalidExprSqls",
                          list.data ? list.data : "", NULL);
    em_str_release(&list);
    return rc;
}

/*
 * Sort keys that do not resolve over a Project's output may name columns of the Project's
 * input (Spark's ResolveMissingReferences): the Project is widened with those keys, sorted,
 * and projected back to its columns.
 */
static int an_sort_missing(an_ctx *c, const pl_node *in, pl_node *child, pl_node **out)
{
    pl_node *below = child->children[0];
    an_scope ps, bs;
    an_scope_of(child, &ps);
    an_scope_of(below, &bs);
    ps.allow_agg = bs.allow_agg = true;
    int n = child->n_out, n_keys = in->n_exprs;
    pl_expr **keys = em_arena_calloc(c->a, (size_t)n_keys, sizeof(pl_expr *));
    bool *hidden = em_arena_calloc(c->a, (size_t)n_keys, 1);
    int n_hidden = 0;
    for (int idx = 0; idx < n_keys; idx++) {
        const pl_expr *o = in->exprs[idx];
        int pos;
        if (an_sort_key_ordinal(o, &pos)) {
            if (an_sort_ordinal(c, &ps, o, pos, &keys[idx]))
                return c->err->code;
            continue;
        }
        em_error scratch;
        em_error_clear(&scratch);
        em_error *real = c->err;
        c->err = &scratch;
        const struct an_subq_frame *blocked = c->outer_blocked;
        c->outer_blocked = c->subq; /* the Project's input may have the name */
        int rc = an_expr(c, &ps, o, &keys[idx]);
        c->outer_blocked = blocked;
        c->err = real;
        if (rc == EM_OK)
            continue;
        if (an_expr(c, &bs, o, &keys[idx]))
            return c->err->code; /* unresolvable below too: report over the Project's input */
        hidden[idx] = true;
        n_hidden++;
    }
    if (an_sort_check_aggs(c, n_keys, keys))
        return c->err->code;
    if (n_hidden == 0) {
        pl_node *so = an_node_like(c, PL_SORT, 1, in);
        so->children[0] = child;
        so->u.sort.is_global = in->u.sort.is_global;
        so->n_exprs = n_keys;
        so->exprs = keys;
        so->n_out = child->n_out;
        so->out = child->out;
        *out = so;
        return EM_OK;
    }
    /* Widen the Project with the hidden keys' expressions (over its input). */
    int nw = n + n_hidden;
    pl_expr **wexprs = em_arena_calloc(c->a, (size_t)nw, sizeof(pl_expr *));
    pl_attr *wattrs = em_arena_calloc(c->a, (size_t)nw, sizeof(pl_attr));
    memcpy(wexprs, child->exprs, (size_t)n * sizeof(pl_expr *));
    memcpy(wattrs, child->out, (size_t)n * sizeof(pl_attr));
    int k = n;
    for (int idx = 0; idx < n_keys; idx++) {
        if (!hidden[idx])
            continue;
        pl_expr *key = keys[idx];
        wexprs[k] = key->args[0];
        memset(&wattrs[k], 0, sizeof(pl_attr));
        wattrs[k].name = em_arena_printf(c->a, "__sort_%d", idx);
        wattrs[k].type = key->args[0]->type;
        wattrs[k].nullable = key->args[0]->nullable;
        wattrs[k].id = an_new_id(c);
        wattrs[k].plan_id = -1;
        pl_expr *r = pl_expr_new(c->a, PX_SORT_ORDER, 1);
        *r = *key;
        r->args = em_arena_calloc(c->a, 1, sizeof(pl_expr *));
        r->args[0] = an_colref(c, &wattrs[k], k);
        keys[idx] = r;
        k++;
    }
    pl_node *wide = an_make_project(c, below, nw, wexprs, wattrs, -1);
    pl_node *so = an_node_like(c, PL_SORT, 1, NULL);
    so->children[0] = wide;
    so->u.sort.is_global = in->u.sort.is_global;
    so->n_exprs = n_keys;
    so->exprs = keys;
    so->n_out = wide->n_out;
    so->out = wide->out;
    pl_expr **back = em_arena_calloc(c->a, (size_t)(n ? n : 1), sizeof(pl_expr *));
    for (int idx = 0; idx < n; idx++)
        back[idx] = an_colref(c, &wattrs[idx], idx);
    *out = an_make_project(c, so, n, back, an_copy_attrs(c, n, child->out), in->plan_id);
    return EM_OK;
}

/* ORDER BY ALL (Spark 4, ResolveReferencesInSort.resolveOrderByAll): a global sort whose only
   key is the name `all` that no column answers (neither the child's output nor, below a
   Project, its input) sorts by every output column in order, each with the key's direction and
   null ordering. */
static bool an_sort_is_all(an_ctx *c, const pl_node *in, const pl_node *child)
{
    if (!in->u.sort.is_global || in->n_exprs != 1)
        return false;
    const pl_expr *o = in->exprs[0];
    const pl_expr *k = o->kind == PX_SORT_ORDER ? o->args[0] : o;
    if (k->kind != PX_ATTR || k->n_parts != 1 || k->plan_id >= 0 ||
        strcasecmp(k->parts[0], "all") != 0)
        return false;
    for (int idx = 0; idx < child->n_out; idx++)
        if (an_name_eq(c, child->out[idx].name, k->parts[0]))
            return false;
    if (child->kind == PL_PROJECT && child->n_children == 1 && child->children[0]) {
        const pl_node *below = child->children[0];
        for (int idx = 0; idx < below->n_out; idx++)
            if (an_name_eq(c, below->out[idx].name, k->parts[0]))
                return false;
    }
    return true;
}

static int an_sort_all(an_ctx *c, const pl_node *in, pl_node *child, pl_node **out)
{
    const pl_expr *o = in->exprs[0];
    an_scope vis; /* the visible row (an exposed child also outputs hidden columns) */
    an_scope_of(child, &vis);
    int n = vis.n;
    pl_node *so = an_node_like(c, PL_SORT, 1, in);
    so->children[0] = child;
    so->u.sort.is_global = true;
    so->n_exprs = n;
    so->exprs = em_arena_calloc(c->a, (size_t)(n ? n : 1), sizeof(pl_expr *));
    for (int idx = 0; idx < n; idx++) {
        pl_expr *r = pl_expr_new(c->a, PX_SORT_ORDER, 1);
        r->descending = o->kind == PX_SORT_ORDER && o->descending;
        r->nulls_first = o->kind == PX_SORT_ORDER ? o->nulls_first : true;
        r->args[0] = an_colref(c, &child->out[idx], idx);
        r->type = r->args[0]->type;
        r->nullable = r->args[0]->nullable;
        r->resolved = true;
        so->exprs[idx] = r;
    }
    so->n_out = child->n_out;
    so->out = child->out;
    *out = so;
    return EM_OK;
}

static int an_sort(an_ctx *c, const pl_node *in, pl_node *child, pl_node **out)
{
    if (an_sort_is_all(c, in, child))
        return an_sort_all(c, in, child, out);
    if (child->kind == PL_PROJECT && child->n_children == 1 && child->children[0])
        return an_sort_missing(c, in, child, out);
    an_scope s;
    an_scope_of(child, &s);
    s.allow_agg = true;
    pl_node *n = an_node_like(c, PL_SORT, 1, in);
    n->children[0] = child;
    n->u.sort.is_global = in->u.sort.is_global;
    n->n_exprs = in->n_exprs;
    n->exprs = em_arena_calloc(c->a, (size_t)(in->n_exprs ? in->n_exprs : 1), sizeof(pl_expr *));
    for (int idx = 0; idx < in->n_exprs; idx++) {
        const pl_expr *o = in->exprs[idx];
        int pos;
        if (an_sort_key_ordinal(o, &pos)) {
            if (an_sort_ordinal(c, &s, o, pos, &n->exprs[idx]))
                return c->err->code;
            continue;
        }
        if (an_expr(c, &s, o, &n->exprs[idx]))
            return c->err->code;
    }
    if (an_sort_check_aggs(c, n->n_exprs, n->exprs))
        return c->err->code;
    n->n_out = child->n_out;
    n->out = child->out;
    *out = n;
    return EM_OK;
}

static int an_limit(an_ctx *c, const pl_node *in, pl_node *child, pl_node **out)
{
    if (in->u.limit.n < 0) {
        char v[32];
        snprintf(v, sizeof v, "%lld", (long long)in->u.limit.n);
        return em_error_set(c->err, "INVALID_LIMIT_LIKE_EXPRESSION.IS_NEGATIVE", "name",
                            in->kind == PL_OFFSET ? "offset" : "limit", "expr", v, "v", v, NULL);
    }
    pl_node *n = an_node_like(c, in->kind, 1, in);
    n->children[0] = child;
    n->u.limit.n = in->u.limit.n;
    n->n_out = child->n_out;
    n->out = child->out;
    *out = n;
    return EM_OK;
}

static int an_dedup(an_ctx *c, const pl_node *in, pl_node *child, pl_node **out)
{
    pl_node *n = an_node_like(c, PL_DEDUP, 1, in);
    n->children[0] = child;
    n->u.dedup = in->u.dedup;
    n->n_out = child->n_out;
    n->out = child->out;
    int *keys = em_arena_calloc(c->a, (size_t)(child->n_out ? child->n_out : 1), sizeof(int));
    int n_keys = 0;
    if (in->u.dedup.all_columns_as_keys || in->u.dedup.n_cols == 0) {
        for (int idx = 0; idx < child->n_out; idx++)
            keys[n_keys++] = idx;
    } else {
        /* Every column whose name matches is a key (there may be several), in the order of
           the names given; a name matching nothing is an invalid plan, as in Spark. */
        bool *used = em_arena_calloc(c->a, (size_t)(child->n_out ? child->n_out : 1), 1);
        for (int k = 0; k < in->u.dedup.n_cols; k++) {
            bool found = false;
            for (int idx = 0; idx < child->n_out; idx++) {
                if (!an_name_eq(c, child->out[idx].name, in->u.dedup.cols[k]))
                    continue;
                found = true;
                if (!used[idx]) {
                    used[idx] = true;
                    keys[n_keys++] = idx;
                }
            }
            if (!found) {
                char msg[600];
                snprintf(msg, sizeof msg, "Invalid deduplicate column %s", in->u.dedup.cols[k]);
                return em_error_set_jvm(c->err,
                                        "org.apache.spark.sql.connect.common.InvalidPlanInput",
                                        "INTERNAL_ERROR", "message", msg, NULL);
            }
        }
    }
    n->u.dedup.n_keys = n_keys;
    n->u.dedup.keys = keys;
    if (an_check_set_keys(c, n_keys, child->out, keys))
        return c->err->code;
    *out = n;
    return EM_OK;
}

int an_subquery_alias(an_ctx *c, const pl_node *in, pl_node *child, pl_node **out)
{
    /* The alias becomes the qualifier of every output column (Spark's SubqueryAlias). The node
       itself is not kept: a shallow copy of the child carries the qualified attributes. */
    pl_node *n = pl_node_new(c->a, child->kind, 0);
    *n = *child;
    n->plan_id = in->plan_id;
    int nq = in->u.alias.n_qualifier + 1;
    const char **qual = em_arena_calloc(c->a, (size_t)nq, sizeof *qual);
    for (int idx = 0; idx < in->u.alias.n_qualifier; idx++)
        qual[idx] = in->u.alias.qualifier[idx];
    qual[nq - 1] = in->u.alias.alias;
    n->out = an_copy_attrs(c, child->n_out, child->out);
    for (int idx = 0; idx < child->n_out; idx++) {
        n->out[idx].qualifier = in->u.alias.alias;
        n->out[idx].n_qual = nq;
        n->out[idx].qual = qual;
    }
    *out = n;
    return EM_OK;
}

static int an_show(an_ctx *c, const pl_node *in, pl_node *child, pl_node **out)
{
    pl_node *n = an_node_like(c, in->kind, 1, in);
    n->children[0] = child;
    n->u.show = in->u.show;
    n->n_out = 1;
    n->out = em_arena_calloc(c->a, 1, sizeof(pl_attr));
    n->out[0].name = in->kind == PL_SHOW_STRING ? "show_string" : "html_string";
    n->out[0].type = ty_string();
    n->out[0].nullable = false;
    n->out[0].id = an_new_id(c);
    n->out[0].plan_id = in->plan_id;
    *out = n;
    return EM_OK;
}

static int an_passthrough(an_ctx *c, const pl_node *in, pl_node *child, pl_node **out)
{
    pl_node *n = an_node_like(c, in->kind, 1, in);
    n->children[0] = child;
    n->u = in->u;
    n->n_out = child->n_out;
    n->out = child->out;
    if (in->n_groups) {
        an_scope s;
        an_scope_of(child, &s);
        n->n_groups = in->n_groups;
        n->groups = em_arena_calloc(c->a, (size_t)in->n_groups, sizeof(pl_expr *));
        for (int idx = 0; idx < in->n_groups; idx++)
            if (an_expr(c, &s, in->groups[idx], &n->groups[idx]))
                return c->err->code;
    }
    *out = n;
    return EM_OK;
}

static int an_hint(an_ctx *c, const pl_node *in, pl_node *child, pl_node **out)
{
    const char *h = in->u.hint.name ? in->u.hint.name : "";
    if (strcasecmp(h, "repartition") == 0 || strcasecmp(h, "coalesce") == 0) {
        pl_node *n = an_node_like(c, PL_REPARTITION, 1, in);
        n->children[0] = child;
        n->n_out = child->n_out;
        n->out = child->out;
        n->u.repartition.shuffle = strcasecmp(h, "repartition") == 0;
        if (in->n_exprs > 0 && in->exprs[0]->kind == PX_LITERAL &&
            in->exprs[0]->lit->type->kind == TY_INT)
            n->u.repartition.num_partitions = VEC_VALUES(in->exprs[0]->lit, int32_t)[0];
        *out = n;
        return EM_OK;
    }
    /* Join strategy hints and unknown hints do not change the result: Spark keeps the former
       for the planner and ignores the latter with a warning. */
    pl_node *n = pl_node_new(c->a, child->kind, 0);
    *n = *child;
    n->plan_id = in->plan_id;
    *out = n;
    return EM_OK;
}

/* Checks every function name of the node's own expressions (not its children). */
static int an_node_functions(an_ctx *c, const pl_node *in)
{
    for (int idx = 0; idx < in->n_exprs; idx++)
        if (an_check_functions(c, in->exprs[idx]))
            return c->err->code;
    for (int idx = 0; idx < in->n_groups; idx++)
        if (an_check_functions(c, in->groups[idx]))
            return c->err->code;
    switch (in->kind) {
    case PL_FILTER:
        return an_check_functions(c, in->u.filter.cond);
    case PL_JOIN:
        return in->u.join.cond ? an_check_functions(c, in->u.join.cond) : EM_OK;
    case PL_AGGREGATE:
        if (in->u.agg.pivot_col && an_check_functions(c, in->u.agg.pivot_col))
            return c->err->code;
        for (int s = 0; s < in->u.agg.n_sets; s++)
            for (int k = 0; k < in->u.agg.set_sizes[s]; k++)
                if (an_check_functions(c, in->u.agg.sets[s][k]))
                    return c->err->code;
        return EM_OK;
    default:
        return EM_OK;
    }
}

/* Spark's LookupFunctions: unknown functions anywhere in the plan fail first. */
int an_lookup_functions(an_ctx *c, const pl_node *in)
{
    if (an_enter(c))
        return c->err->code;
    int rc = an_node_functions(c, in);
    for (int idx = 0; idx < in->n_children && rc == EM_OK; idx++)
        if (in->children[idx])
            rc = an_lookup_functions(c, in->children[idx]);
    an_leave(c);
    return rc;
}

static int an_node_kind(an_ctx *c, const pl_node *in, pl_node **kids, pl_node **out);

static int an_node_dispatch(an_ctx *c, const pl_node *in, pl_node **out)
{
    if (in->resolved) {
        *out = (pl_node *)in;
        return EM_OK;
    }
    switch (in->kind) {
    case PL_RANGE:
    case PL_LOCAL:
    case PL_ONE_ROW:
    case PL_READ_SOURCE:
        return an_leaf(c, in, out);
    case PL_READ_TABLE:
        return an_read_table(c, in, out);
    case PL_SQL:
        return an_sql_relation(c, in, out);
    case PL_INLINE_TABLE:
        return an_inline_table(c, in, out);
    case PL_WITH_RELATIONS:
        return an_with_relations(c, in, out);
    default:
        break;
    }
    /* HAVING / ORDER BY directly above an aggregate resolve together with it. */
    const pl_node *having = NULL, *sort = NULL, *agg = NULL;
    if (in->kind == PL_FILTER && in->u.filter.is_having && in->children[0] &&
        in->children[0]->kind == PL_AGGREGATE && !in->children[0]->resolved) {
        having = in;
        agg = in->children[0];
    } else if (in->kind == PL_SORT && in->children[0] && !in->children[0]->resolved) {
        const pl_node *ch = in->children[0];
        bool global = false;
        if (ch->kind == PL_PROJECT && ch->n_children == 1 &&
            an_list_has_agg(c, ch->n_exprs, ch->exprs, &global))
            return c->err->code;
        if (ch->kind == PL_AGGREGATE && ch->n_children == 1) {
            sort = in;
            agg = ch;
        } else if (global) {
            /* ORDER BY over a global aggregate (aggregates without GROUP BY, see an_project). */
            pl_node *g = em_arena_alloc(c->a, sizeof *g);
            *g = *ch;
            g->kind = PL_AGGREGATE;
            g->n_groups = 0;
            g->groups = NULL;
            memset(&g->u, 0, sizeof g->u);
            g->u.agg.group_type = PL_GROUP_BY;
            sort = in;
            agg = g;
        } else if (ch->kind == PL_FILTER && ch->u.filter.is_having && ch->children[0] &&
                   ch->children[0]->kind == PL_AGGREGATE && !ch->children[0]->resolved) {
            sort = in;
            having = ch;
            agg = ch->children[0];
        }
    }
    bool agg_windows = false;
    for (int idx = 0; agg && idx < agg->n_exprs && !agg_windows; idx++)
        agg_windows = an_expr_has_window(agg->exprs[idx]);
    if (agg && (having || sort) && !agg_windows &&
        (agg->u.agg.group_type == PL_GROUP_BY || agg->u.agg.group_type == 0)) {
        pl_node *below;
        if (an_node(c, agg->children[0], &below))
            return c->err->code;
        if (below->n_hidden > 0 && an_expose_hidden(c, below, &below))
            return c->err->code; /* USING-join keys the aggregate may read (an_hidden.c) */
        return an_agg_having_sort(c, having, sort, agg, below, out);
    }
    pl_node *kids[2] = {NULL, NULL};
    if (in->n_children < 1 || in->n_children > 2)
        return em_error_internal(c->err, "%s node with %d children", pl_kind_name(in->kind),
                                 in->n_children);
    for (int idx = 0; idx < in->n_children; idx++) {
        if (!in->children[idx])
            return em_error_internal(c->err, "%s node without input", pl_kind_name(in->kind));
        if (an_node(c, in->children[idx], &kids[idx]))
            return c->err->code;
    }
    /* Hidden USING-join keys: a node resolving expressions over its child reads them from an
       exposed child (an_hidden.c). */
    int n_vis = -1;
    if (an_hidden_consumer(in->kind) && kids[0]->n_hidden > 0 && !kids[0]->hidden_exposed) {
        n_vis = kids[0]->n_out;
        if (an_expose_hidden(c, kids[0], &kids[0]))
            return c->err->code;
    }
    pl_node *res = NULL;
    if (an_node_kind(c, in, kids, &res))
        return c->err->code;
    return an_hidden_after(c, in, kids[0], n_vis, res, out);
}

/* The resolution of one node kind over its resolved children. */
static int an_node_kind(an_ctx *c, const pl_node *in, pl_node **kids, pl_node **out)
{
    pl_node *child = kids[0];
    switch (in->kind) {
    case PL_PROJECT:
        return an_project(c, in, child, out);
    case PL_FILTER:
        return an_filter(c, in, child, out);
    case PL_SORT:
        return an_sort(c, in, child, out);
    case PL_LIMIT:
    case PL_OFFSET:
    case PL_TAIL:
        return an_limit(c, in, child, out);
    case PL_AGGREGATE:
        return an_aggregate(c, in, child, out);
    case PL_DEDUP:
        return an_dedup(c, in, child, out);
    case PL_SUBQUERY_ALIAS:
        return an_subquery_alias(c, in, child, out);
    case PL_TO_DF:
        return an_to_df(c, in, child, out);
    case PL_RENAME:
        return an_rename(c, in, child, out);
    case PL_WITH_COLUMNS:
        return an_with_columns(c, in, child, out);
    case PL_DROP:
        return an_drop(c, in, child, out);
    case PL_SHOW_STRING:
    case PL_HTML_STRING:
        return an_show(c, in, child, out);
    case PL_SAMPLE:
    case PL_REPARTITION:
        return an_passthrough(c, in, child, out);
    case PL_HINT:
        return an_hint(c, in, child, out);
    case PL_JOIN:
        return an_join(c, in, kids[0], kids[1], out);
    case PL_SET_OP:
        return an_set_op(c, in, kids[0], kids[1], out);
    case PL_GENERATE: /* LATERAL VIEW / generator table functions (an_generate.c) */
        return an_generate_node(c, in, child, out);
    case PL_TO_SCHEMA:
    case PL_FILL_NA:
    case PL_DROP_NA:
    case PL_REPLACE:
    case PL_UNPIVOT:
        return an_df_node(c, in, child, out);
    default:
        return em_error_set(c->err, "UNSUPPORTED_FEATURE.NOT_IMPLEMENTED", "feature",
                            pl_kind_name(in->kind), NULL);
    }
}

int an_node(an_ctx *c, const pl_node *in, pl_node **out)
{
    if (an_enter(c))
        return c->err->code;
    int rc = an_node_dispatch(c, in, out);
    an_leave(c);
    if (rc == EM_OK) {
        (*out)->resolved = true;
        if (in->plan_id >= 0) {
            (*out)->plan_id = in->plan_id;
            an_register_plan(c, in->plan_id, (*out)->n_out, (*out)->out);
        }
    }
    return rc;
}

int an_resolve(const an_env *env, em_arena *arena, pl_node *root, pl_node **resolved, em_error *err)
{
    static const pl_session_opts an_default_opts = {.ansi = true, .case_sensitive = false};
    em_error local;
    if (!err) {
        em_error_clear(&local);
        err = &local;
    }
    an_ctx c;
    memset(&c, 0, sizeof c);
    c.env = env;
    c.opts = env && env->opts ? env->opts : &an_default_opts;
    c.a = arena;
    c.err = err;
    c.next_id = 0;
    c.case_sensitive = c.opts->case_sensitive;
    an_env empty_env;
    if (!env) {
        memset(&empty_env, 0, sizeof empty_env);
        empty_env.opts = c.opts;
        c.env = &empty_env;
    }
    if (!root)
        return em_error_internal(err, "an_resolve: no plan");
    if (an_lookup_functions(&c, root))
        return err->code;
    if (an_node(&c, root, resolved))
        return err->code;
    return an_subquery_finish(&c, resolved); /* an_subquery.c */
}
