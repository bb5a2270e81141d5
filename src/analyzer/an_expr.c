/*
 * an_expr: resolution of expressions against an input row (an_scope). Column names go through
 * an_scope.c (or the plan_id registry for df["x"]), functions through the registry
 * (fn_lookup + def->bind), casts through sql_parse_type when given as text. The result is a new
 * tree in the resolved forms of plan.h; aliases inside expressions are dropped (Spark's
 * CleanupAliases), except that struct(...) arguments give their names to the fields.
 *
 * Function calls: count(*) is count(1); a star argument expands to the input columns; casts a
 * bind step inserts are marked is_implicit (hidden in generated names, like Spark's
 * toPrettySQL which drops casts without the USER_SPECIFIED_CAST tag).
 */
#include "analyzer/an_int.h"

#include <regex.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "sql/sql.h"
#include "types/ty_cast.h"
#include "types/ty_format.h"
#include "types/ty_time.h"

static bool an_is_grouping_fn(const char *name);
static int an_grouping_fn(an_ctx *c, const an_scope *s, const pl_expr *in, pl_expr **out);

static const char an_search_path[] = "[`system`.`builtin`, `system`.`session`, "
                                     "`spark_catalog`.`default`]";

const char *an_str_done(an_ctx *c, em_str *s)
{
    return em_arena_strndup(c->a, s->data ? s->data : "", s->len);
}

int an_parse_sql_expr(an_ctx *c, const pl_expr *e, pl_expr **out)
{
    return sql_parse_expr(e->sql ? e->sql : "", c->a, out, c->err);
}

static int an_unresolved_routine(an_ctx *c, const char *name, bool is_udf)
{
    int n_parts = 1;
    const char **parts = &name;
    if (is_udf) {
        em_error scratch;
        em_error_clear(&scratch);
        if (pl_parse_attr_name(c->a, name, &n_parts, &parts, &scratch)) {
            n_parts = 1;
            parts = &name;
        }
    }
    const char *q = pl_quoted_name(c->a, n_parts, parts);
    return em_error_set(c->err, "UNRESOLVED_ROUTINE", "routineName", q, "searchPath",
                        an_search_path, NULL);
}

int an_check_functions(an_ctx *c, const pl_expr *e)
{
    if (!e)
        return EM_OK;
    if (an_enter(c))
        return c->err->code;
    int rc = EM_OK;
    if (e->kind == PX_FUNC && !fn_lookup(e->name) && !an_is_grouping_fn(e->name) &&
        !(strcasecmp(e->name, "struct") == 0 && fn_lookup("named_struct")) &&
        strcasecmp(e->name, "between") != 0 /* an_between */) {
        rc = an_unresolved_routine(c, e->name, e->is_udf);
        if (c->sql_text && e->src_start >= 0)
            em_error_set_context(c->err, c->sql_text, e->src_start, e->src_stop);
    }
    if (rc == EM_OK && e->kind == PX_SQL_EXPR) {
        pl_expr *parsed;
        rc = an_parse_sql_expr(c, e, &parsed);
        if (rc == EM_OK) {
            const char *saved = c->sql_text;
            c->sql_text = e->sql;
            rc = an_check_functions(c, parsed);
            c->sql_text = saved;
        }
    }
    for (int idx = 0; idx < e->n_args && rc == EM_OK; idx++)
        rc = an_check_functions(c, e->args[idx]);
    if (rc == EM_OK && e->window) {
        for (int idx = 0; idx < e->window->n_partition && rc == EM_OK; idx++)
            rc = an_check_functions(c, e->window->partition[idx]);
        for (int idx = 0; idx < e->window->n_order && rc == EM_OK; idx++)
            rc = an_check_functions(c, e->window->order[idx]);
    }
    an_leave(c);
    return rc;
}

bool an_expr_has_agg(const pl_expr *e)
{
    if (!e)
        return false;
    if (e->kind == PX_AGG_CALL)
        return true;
    if (e->kind == PX_WINDOW_CALL)
        return false;
    if (e->kind == PX_WINDOW) {
        /* The window function itself is not an aggregate of the select, but its arguments and
           spec may be: SUM(COUNT(x)) OVER () makes the select a global aggregate. */
        const pl_expr *f = e->n_args ? e->args[0] : NULL;
        for (int idx = 0; f && f->kind == PX_FUNC && idx < f->n_args; idx++)
            if (an_expr_has_agg(f->args[idx]))
                return true;
        for (int idx = 0; e->window && idx < e->window->n_partition; idx++)
            if (an_expr_has_agg(e->window->partition[idx]))
                return true;
        for (int idx = 0; e->window && idx < e->window->n_order; idx++)
            if (an_expr_has_agg(e->window->order[idx]))
                return true;
        return false;
    }
    if (e->kind == PX_FUNC) {
        const fn_def *d = fn_lookup(e->name);
        if (d && d->kind == FN_AGGREGATE)
            return true;
    }
    if (e->kind == PX_SQL_EXPR) {
        /* Nested SQL text: parse it into a scratch arena just to look. */
        em_arena scratch;
        em_error err;
        pl_expr *parsed;
        bool has = false;
        em_arena_init(&scratch, 0);
        em_error_clear(&err);
        if (sql_parse_expr(e->sql ? e->sql : "", &scratch, &parsed, &err) == EM_OK)
            has = an_expr_has_agg(parsed);
        em_arena_release(&scratch);
        return has;
    }
    for (int idx = 0; idx < e->n_args; idx++)
        if (an_expr_has_agg(e->args[idx]))
            return true;
    return false;
}

bool an_expr_has_window(const pl_expr *e)
{
    if (!e)
        return false;
    if (e->kind == PX_WINDOW || e->kind == PX_WINDOW_CALL)
        return true;
    for (int idx = 0; idx < e->n_args; idx++)
        if (an_expr_has_window(e->args[idx]))
            return true;
    return false;
}

pl_expr *an_cast(an_ctx *c, pl_expr *e, const ty *type)
{
    pl_expr *x = pl_expr_new(c->a, PX_CAST, 1);
    x->args[0] = e;
    x->cast_type = type;
    x->type = type;
    x->nullable = e->nullable || ty_cast_force_nullable(e->type, type);
    x->is_implicit = true;
    x->resolved = true;
    return x;
}

static bool an_lit_equal(const vec *x, const vec *y)
{
    if (!ty_equals(x->type, y->type))
        return false;
    bool nx = vec_is_null(x, 0) || x->type->kind == TY_NULL;
    bool ny = vec_is_null(y, 0) || y->type->kind == TY_NULL;
    if (nx || ny)
        return nx == ny;
    int w = ty_fixed_width(x->type);
    if (w)
        return memcmp(x->values, y->values, (size_t)w) == 0;
    if (x->offsets && (x->type->kind == TY_STRING || x->type->kind == TY_BINARY ||
                       x->type->kind == TY_CHAR || x->type->kind == TY_VARCHAR)) {
        int32_t lx, ly;
        const char *sx = vec_str(x, 0, &lx), *sy = vec_str(y, 0, &ly);
        return lx == ly && memcmp(sx, sy, (size_t)lx) == 0;
    }
    return x == y;
}

bool an_expr_equal(const pl_expr *x, const pl_expr *y)
{
    if (x == y)
        return true;
    if (!x || !y || x->kind != y->kind || x->n_args != y->n_args)
        return false;
    switch (x->kind) {
    case PX_COLREF:
        return x->attr_id == y->attr_id;
    case PX_LITERAL:
        return an_lit_equal(x->lit, y->lit);
    case PX_CALL:
    case PX_AGG_CALL:
        if (x->fn != y->fn || x->is_distinct != y->is_distinct ||
            strcasecmp(x->name ? x->name : "", y->name ? y->name : "") != 0 ||
            !an_expr_equal(x->agg_filter, y->agg_filter))
            return false;
        break;
    case PX_CAST:
        if (!ty_equals(x->cast_type, y->cast_type) || x->eval_mode != y->eval_mode)
            return false;
        break;
    case PX_EXTRACT:
        if (x->ordinal != y->ordinal)
            return false;
        break;
    case PX_SORT_ORDER:
        if (x->descending != y->descending || x->nulls_first != y->nulls_first)
            return false;
        break;
    default:
        return false;
    }
    for (int idx = 0; idx < x->n_args; idx++)
        if (!an_expr_equal(x->args[idx], y->args[idx]))
            return false;
    return true;
}

/* ------------------------------------------------------------------------------------------ */
/* Stars                                                                                       */

typedef struct an_vec_list {
    int n, cap;
    pl_expr **exprs;
    const char **names;
} an_vec_list;

static void an_vl_push(an_ctx *c, an_vec_list *l, pl_expr *e, const char *name)
{
    if (l->n == l->cap) {
        int cap = l->cap ? l->cap * 2 : 8;
        pl_expr **ne = em_arena_calloc(c->a, (size_t)cap, sizeof *ne);
        const char **nn = em_arena_calloc(c->a, (size_t)cap, sizeof *nn);
        if (l->n) {
            memcpy(ne, l->exprs, (size_t)l->n * sizeof *ne);
            memcpy(nn, l->names, (size_t)l->n * sizeof *nn);
        }
        l->exprs = ne;
        l->names = nn;
        l->cap = cap;
    }
    l->exprs[l->n] = e;
    l->names[l->n] = name;
    l->n++;
}

/* matchedQualifier: the target parts equal the last parts of the attribute's qualifier. */
static bool an_star_qual(const an_ctx *c, const pl_attr *a, int n, const char *const *parts)
{
    if (a->n_qual < n)
        return false;
    for (int idx = 0; idx < n; idx++)
        if (!an_name_eq(c, a->qual[a->n_qual - n + idx], parts[idx]))
            return false;
    return true;
}

static int an_star_target(an_ctx *c, const an_scope *s, const pl_expr *star, an_vec_list *l)
{
    /* Spark's UnresolvedStar.expand with a target: the hidden (qualified-access-only) columns
       of the input first, then its output, those the target qualifies. */
    for (int idx = 0; idx < s->n_hidden; idx++)
        if (an_star_qual(c, &s->hidden[idx], star->n_parts, star->parts))
            an_vl_push(c, l, an_colref(c, &s->hidden[idx], s->n + idx), s->hidden[idx].name);
    for (int idx = 0; idx < s->n; idx++)
        if (an_star_qual(c, &s->attrs[idx], star->n_parts, star->parts))
            an_vl_push(c, l, an_colref(c, &s->attrs[idx], idx), s->attrs[idx].name);
    if (l->n)
        return EM_OK;
    /* Not a table: a struct column whose fields expand. */
    pl_expr *base;
    const char *name;
    if (an_resolve_name(c, s, star->n_parts, star->parts, &base, &name))
        return c->err->code;
    if (base) {
        if (base->type->kind != TY_STRUCT)
            return em_error_set(c->err, "UNSUPPORTED_FEATURE.NOT_IMPLEMENTED", "feature",
                                "star expansion of a non-struct column", NULL);
        for (int f = 0; f < base->type->n_fields; f++) {
            pl_expr *field;
            if (an_extract_field(c, base, base->type->fields[f].name, &field))
                return c->err->code;
            an_vl_push(c, l, field, base->type->fields[f].name);
        }
        return EM_OK;
    }
    /* The enclosing query's relation (outer references, as in a LATERAL subquery). */
    int n_outer = 0;
    pl_expr **outer_exprs = NULL;
    const char **outer_names = NULL;
    if (an_outer_star(c, star->n_parts, (const char *const *)star->parts, &n_outer, &outer_exprs,
                      &outer_names))
        return c->err->code;
    for (int k = 0; k < n_outer; k++)
        an_vl_push(c, l, outer_exprs[k], outer_names[k]);
    if (l->n)
        return EM_OK;
    em_str target, cols;
    em_str_init(&target, 0);
    em_str_init(&cols, 0);
    pl_quote_name_parts(&target, star->n_parts, star->parts);
    for (int idx = 0; idx < s->n; idx++) {
        if (idx)
            em_str_puts(&cols, ", ");
        pl_quote_ident(&cols, s->attrs[idx].name);
    }
    em_error_set(c->err, "CANNOT_RESOLVE_STAR_EXPAND", "targetString", target.data, "columns",
                 cols.data ? cols.data : "", NULL);
    em_str_release(&target);
    em_str_release(&cols);
    return c->err->code;
}

static int an_star_regex(an_ctx *c, const an_scope *s, const pl_expr *star, an_vec_list *l)
{
    /* Java's String.matches: the whole name must match. POSIX extended regexes cover the
       patterns colRegex is used with. */
    em_str pat;
    em_str_init(&pat, 0);
    em_str_puts(&pat, "^(");
    em_str_puts(&pat, star->sql ? star->sql : "");
    em_str_puts(&pat, ")$");
    regex_t re;
    int flags = REG_EXTENDED | REG_NOSUB | (c->case_sensitive ? 0 : REG_ICASE);
    int rc = regcomp(&re, pat.data, flags);
    em_str_release(&pat);
    if (rc != 0)
        return em_error_set(c->err, "UNSUPPORTED_FEATURE.NOT_IMPLEMENTED", "feature",
                            "this colRegex pattern", NULL);
    for (int idx = 0; idx < s->n; idx++) {
        const pl_attr *a = &s->attrs[idx];
        if (star->n_parts == 1 && !(a->n_qual > 0 && an_name_eq(c, a->qualifier, star->parts[0])))
            continue;
        if (regexec(&re, a->name, 0, NULL, 0) == 0)
            an_vl_push(c, l, an_colref(c, a, idx), a->name);
    }
    regfree(&re);
    return EM_OK;
}

int an_expand_star(an_ctx *c, const an_scope *s, const pl_expr *star, int *n_out, pl_expr ***exprs,
                   const char ***names)
{
    an_vec_list l = {0};
    int rc = EM_OK;
    if (star->kind == PX_REGEX) {
        rc = an_star_regex(c, s, star, &l);
    } else if (star->plan_id >= 0) {
        /* df["*"]: the columns of the node with that plan id that reach this input. */
        bool matched = false;
        for (int p = c->n_plans - 1; p >= 0 && !matched; p--) {
            const an_plan_entry *pe = &c->plans[p];
            if (pe->plan_id != star->plan_id)
                continue;
            matched = true;
            for (int k = 0; k < pe->n_out; k++)
                for (int idx = 0; idx < s->n; idx++)
                    if (s->attrs[idx].id == pe->out[k].id) {
                        an_vl_push(c, &l, an_colref(c, &s->attrs[idx], idx), s->attrs[idx].name);
                        break;
                    }
        }
        if (!matched)
            rc = em_error_set(c->err, "CANNOT_RESOLVE_DATAFRAME_COLUMN", "name", "\"*\"", NULL);
    } else if (star->n_parts > 0) {
        rc = an_star_target(c, s, star, &l);
    } else {
        for (int idx = 0; idx < s->n; idx++)
            an_vl_push(c, &l, an_colref(c, &s->attrs[idx], idx), s->attrs[idx].name);
    }
    if (rc)
        return rc;
    *n_out = l.n;
    *exprs = l.exprs;
    *names = l.names;
    if (star->kind == PX_STAR && star->n_args > 0) /* * EXCEPT (...): an_star.c */
        return an_star_except(c, s, star, n_out, exprs, names);
    return EM_OK;
}

/* ------------------------------------------------------------------------------------------ */
/* Columns                                                                                     */

static int an_cannot_resolve_df_column(an_ctx *c, const pl_expr *in)
{
    em_str s;
    em_str_init(&s, 0);
    em_str_putc(&s, '"');
    for (int idx = 0; idx < in->n_parts; idx++) {
        if (idx)
            em_str_putc(&s, '.');
        pl_quote_if_needed(&s, in->parts[idx]);
    }
    em_str_putc(&s, '"');
    em_error_set(c->err, "CANNOT_RESOLVE_DATAFRAME_COLUMN", "name", s.data, NULL);
    em_str_release(&s);
    return c->err->code;
}

/* Rebases the column reference at the bottom of an extraction chain onto scope index idx. */
static pl_expr *an_rebase(an_ctx *c, pl_expr *e, int idx)
{
    if (e->kind == PX_COLREF) {
        pl_expr *r = pl_expr_new(c->a, PX_COLREF, 0);
        *r = *e;
        r->col_index = idx;
        return r;
    }
    pl_expr *r = pl_expr_new(c->a, e->kind, 0);
    *r = *e;
    r->args = em_arena_calloc(c->a, (size_t)e->n_args, sizeof(pl_expr *));
    for (int k = 0; k < e->n_args; k++)
        r->args[k] = e->args[k];
    r->args[0] = an_rebase(c, e->args[0], idx);
    return r;
}

static const pl_expr *an_base_colref(const pl_expr *e)
{
    while (e && e->kind == PX_EXTRACT)
        e = e->args[0];
    return e && e->kind == PX_COLREF ? e : NULL;
}

/* df["x"]: resolves through the recorded output of the node with that plan id. Sets *out
   NULL when the column does not reach this input (then the name resolves normally). */
static int an_attr_by_plan(an_ctx *c, const an_scope *s, const pl_expr *in, pl_expr **out)
{
    *out = NULL;
    bool matched = false;
    for (int p = c->n_plans - 1; p >= 0; p--) {
        const an_plan_entry *pe = &c->plans[p];
        if (pe->plan_id != in->plan_id)
            continue;
        matched = true;
        an_scope ps;
        memset(&ps, 0, sizeof ps);
        ps.n = pe->n_out;
        ps.attrs = pe->out;
        pl_expr *r;
        const char *name;
        if (an_resolve_name(c, &ps, in->n_parts, in->parts, &r, &name))
            return c->err->code;
        if (!r)
            return an_cannot_resolve_df_column(c, in);
        const pl_expr *base = an_base_colref(r);
        for (int idx = 0; base && idx < s->n; idx++)
            if (s->attrs[idx].id == base->attr_id) {
                *out = an_rebase(c, r, idx);
                return EM_OK;
            }
    }
    if (!matched)
        return an_cannot_resolve_df_column(c, in);
    return EM_OK;
}

static int an_attr(an_ctx *c, const an_scope *s, const pl_expr *in, pl_expr **out)
{
    if (in->plan_id >= 0) {
        if (an_attr_by_plan(c, s, in, out))
            return c->err->code;
        if (*out)
            return EM_OK;
    }
    for (int idx = s->n_lambda - 1; idx >= 0 && in->n_parts >= 1; idx--) {
        const an_lambda_var *v = &s->lambda[idx];
        if (!an_name_eq(c, v->name, in->parts[0]))
            continue;
        pl_expr *e = pl_expr_new(c->a, PX_LAMBDA_VAR, 0);
        e->n_parts = 1;
        e->parts = em_arena_calloc(c->a, 1, sizeof(char *));
        e->parts[0] = v->name;
        e->attr_id = v->id;
        e->type = v->type;
        e->nullable = v->nullable;
        e->resolved = true;
        for (int k = 1; k < in->n_parts; k++)
            if (an_extract_field(c, e, in->parts[k], &e))
                return c->err->code;
        *out = e;
        return EM_OK;
    }
    const char *name;
    if (an_resolve_name(c, s, in->n_parts, in->parts, out, &name))
        return c->err->code;
    if (*out)
        return EM_OK;
    if (in->n_parts == 1) {
        /* A lateral column alias: an earlier item of the same select list. */
        for (int idx = s->n_lca - 1; idx >= 0; idx--)
            if (an_name_eq(c, s->lca_names[idx], in->parts[0]) &&
                (s->allow_agg || !an_expr_has_agg(s->lca_exprs[idx]))) {
                *out = s->lca_exprs[idx];
                return EM_OK;
            }
        /* LiteralFunctionResolution: CURRENT_DATE and friends without parentheses. */
        static const char *const lits[][2] = {
            {"current_date", "current_date"}, {"current_timestamp", "current_timestamp"},
            {"current_time", "current_time"}, {"current_user", "current_user"},
            {"user", "current_user"},         {"session_user", "current_user"}};
        for (size_t k = 0; k < sizeof lits / sizeof lits[0]; k++)
            if (strcasecmp(in->parts[0], lits[k][0]) == 0 && fn_lookup(lits[k][1]))
                return an_make_call(c, lits[k][1], 0, NULL, out);
        if (strcasecmp(in->parts[0], "grouping__id") == 0 && s->allow_agg) {
            pl_expr gid;
            memset(&gid, 0, sizeof gid);
            gid.kind = PX_FUNC;
            gid.name = "grouping_id";
            return an_grouping_fn(c, s, &gid, out);
        }
    }
    /* A column of an enclosing query (a correlated subquery's outer reference). */
    if (c->subq) {
        if (an_outer_attr(c, in->n_parts, (const char *const *)in->parts, out))
            return c->err->code;
        if (*out)
            return EM_OK;
    }
    return an_unresolved_column(c, s, in->n_parts, in->parts, in);
}

/* ------------------------------------------------------------------------------------------ */
/* Functions                                                                                   */

/* `*` or df["*"] (a DataFrame-bound star): count(*) of either is count(1) in Spark. */
static bool an_is_plain_star(const pl_expr *e)
{
    return e->kind == PX_STAR && e->n_parts == 0;
}

/* The name struct(...) gives a field: an alias's name, a column's name, else col<n>. */
static const char *an_struct_field_name(an_ctx *c, const pl_expr *unres, const pl_expr *res,
                                        int pos)
{
    if (unres && unres->kind == PX_ALIAS)
        return unres->parts[0];
    if (unres && unres->kind == PX_ATTR)
        return res->kind == PX_COLREF ? res->name : unres->parts[unres->n_parts - 1];
    if (res->kind == PX_COLREF)
        return res->name;
    if (res->kind == PX_EXTRACT && res->ordinal >= 0 && res->args[0]->type->kind == TY_STRUCT)
        return res->args[0]->type->fields[res->ordinal].name;
    return em_arena_printf(c->a, "col%d", pos + 1);
}

static int an_bind(an_ctx *c, const fn_def *def, pl_expr *call)
{
    int n = call->n_args;
    pl_expr **orig = em_arena_calloc(c->a, (size_t)(n ? n : 1), sizeof *orig);
    for (int idx = 0; idx < n; idx++)
        orig[idx] = call->args[idx];
    if (!def->bind)
        return em_error_internal(c->err, "function %s has no bind step", def->name);
    if (def->bind(def, c->a, call, c->opts, c->err))
        return c->err->code ? c->err->code : em_error_internal(c->err, "bind failed");
    if (!call->type)
        return em_error_internal(c->err, "function %s bound without a type", def->name);
    for (int idx = 0; idx < call->n_args; idx++) {
        pl_expr *a = call->args[idx];
        bool original = false;
        for (int k = 0; k < n && !original; k++)
            original = orig[k] == a;
        if (!original && a && a->kind == PX_CAST)
            a->is_implicit = true;
    }
    call->resolved = true;
    return EM_OK;
}

static bool an_is_grouping_fn(const char *name)
{
    return strcasecmp(name, "grouping") == 0 || strcasecmp(name, "grouping_id") == 0;
}

/* grouping(col) / grouping_id(cols): resolved here (the aggregate turns them into constants
   per grouping set); tinyint and bigint as in Spark. */
static int an_grouping_fn(an_ctx *c, const an_scope *s, const pl_expr *in, pl_expr **out)
{
    if (!s->allow_agg)
        return em_error_set(c->err, "UNSUPPORTED_FEATURE.NOT_IMPLEMENTED", "feature",
                            "grouping() outside an aggregate", NULL);
    pl_expr *e = pl_expr_new(c->a, PX_CALL, in->n_args);
    e->name = em_arena_strdup(c->a, in->name);
    an_scope inner = *s;
    inner.allow_agg = false;
    for (int idx = 0; idx < in->n_args; idx++)
        if (an_expr(c, &inner, in->args[idx], &e->args[idx]))
            return c->err->code;
    bool is_id = strcasecmp(in->name, "grouping_id") == 0;
    e->type = is_id ? ty_long() : ty_byte();
    e->nullable = false;
    e->resolved = true;
    *out = e;
    return EM_OK;
}

int an_make_call(an_ctx *c, const char *name, int n, pl_expr *const *args, pl_expr **out)
{
    const fn_def *def = fn_lookup(name);
    if (!def)
        return an_unresolved_routine(c, name, false);
    pl_expr *call = pl_func_new(c->a, name, n, args);
    call->kind = def->kind == FN_AGGREGATE ? PX_AGG_CALL : PX_CALL;
    call->fn = def;
    if (an_bind(c, def, call))
        return c->err->code;
    *out = call;
    return EM_OK;
}

/* between(a, lo, hi) when the registry has no `between`: Spark's Between is replaced by
   (a >= lo) AND (a <= hi), each comparison coerced on its own; named between(a, lo, hi). */
static int an_between(an_ctx *c, const an_scope *s, const pl_expr *in, pl_expr **out)
{
    pl_expr *r[3];
    for (int idx = 0; idx < 3; idx++)
        if (an_expr(c, s, in->args[idx], &r[idx]))
            return c->err->code;
    pl_expr *ge_args[2] = {r[0], r[1]}, *le_args[2] = {r[0], r[2]};
    pl_expr *ge, *le, *both;
    if (an_make_call(c, ">=", 2, ge_args, &ge) || an_make_call(c, "<=", 2, le_args, &le))
        return c->err->code;
    pl_expr *and_args[2] = {ge, le};
    if (an_make_call(c, "and", 2, and_args, &both))
        return c->err->code;
    em_str sql;
    em_str_init(&sql, 0);
    em_str_puts(&sql, "between(");
    for (int idx = 0; idx < 3; idx++) {
        if (idx)
            em_str_puts(&sql, ", ");
        an_pretty_sql(c, r[idx], &sql);
    }
    em_str_putc(&sql, ')');
    both->sql = an_str_done(c, &sql);
    em_str_release(&sql);
    *out = both;
    return EM_OK;
}

static int an_func(an_ctx *c, const an_scope *s, const pl_expr *in, pl_expr **out)
{
    const char *name = in->name ? in->name : "";
    const fn_def *def = fn_lookup(name);
    if (!def && strcasecmp(name, "between") == 0 && in->n_args == 3 && !in->is_distinct)
        return an_between(c, s, in, out);
    if (!def && strcasecmp(name, "struct") == 0)
        def = fn_lookup("named_struct");
    if (!def && an_is_grouping_fn(name))
        return an_grouping_fn(c, s, in, out);
    if (!def)
        return an_unresolved_routine(c, name, in->is_udf);
    if (an_has_named_args(in) && an_named_args(c, in, &in)) /* an_named.c */
        return c->err->code;
    /* Expression strings among the arguments are parsed first (Spark parses them while
       translating), so count(expr("*")) is count(*). */
    pl_expr **in_args =
        em_arena_calloc(c->a, (size_t)(in->n_args ? in->n_args : 1), sizeof(pl_expr *));
    for (int idx = 0; idx < in->n_args; idx++) {
        in_args[idx] = in->args[idx];
        if (in_args[idx]->kind == PX_SQL_EXPR && an_parse_sql_expr(c, in->args[idx], &in_args[idx]))
            return c->err->code;
    }
    bool is_count_star =
        strcasecmp(name, "count") == 0 && in->n_args == 1 && an_is_plain_star(in_args[0]);
    bool is_struct = strcasecmp(name, "struct") == 0;
    if (def->kind == FN_GENERATOR && !s->allow_generator)
        return em_error_set(c->err, "UNSUPPORTED_FEATURE.NOT_IMPLEMENTED", "feature",
                            "generator functions outside the top of a select item", NULL);
    if (def->kind == FN_WINDOW) {
        char fname[160];
        snprintf(fname, sizeof fname, "\"%s()\"", name);
        return em_error_set(c->err, "WINDOW_FUNCTION_WITHOUT_OVER_CLAUSE", "funcName", fname, NULL);
    }
    an_scope inner = *s;
    inner.allow_generator = false;
    if (def->kind == FN_AGGREGATE) {
        if (!s->allow_agg)
            return em_error_set(c->err, "UNSUPPORTED_FEATURE.NOT_IMPLEMENTED", "feature",
                                "aggregate functions outside a select or aggregate list", NULL);
        inner.allow_agg = false; /* an aggregate inside an aggregate is an error */
    }
    /* Arguments: stars expand to the input columns (count(*) is count(1)). */
    an_vec_list args = {0};
    const pl_expr **unres =
        em_arena_calloc(c->a, (size_t)(in->n_args ? in->n_args : 1) * 4 + 4, sizeof *unres);
    int n_unres = 0;
    if (is_count_star) {
        pl_expr *one = pl_lit_int(c->a, 1);
        one->resolved = true;
        an_vl_push(c, &args, one, NULL);
        unres[n_unres++] = NULL;
    } else {
        for (int idx = 0; idx < in->n_args; idx++) {
            const pl_expr *a = in_args[idx];
            if (a->kind == PX_STAR || a->kind == PX_REGEX) {
                int n;
                pl_expr **es;
                const char **names;
                if (an_expand_star(c, &inner, a, &n, &es, &names))
                    return c->err->code;
                for (int k = 0; k < n; k++) {
                    an_vl_push(c, &args, es[k], names[k]);
                    if (n_unres < in->n_args * 4 + 4)
                        unres[n_unres++] = NULL;
                }
                continue;
            }
            pl_expr *r;
            if (a->kind == PX_LAMBDA) {
                /* Resolved once the other arguments are known (their types type the
                   lambda's parameters). */
                an_vl_push(c, &args, NULL, NULL);
                if (n_unres < in->n_args * 4 + 4)
                    unres[n_unres++] = a;
                continue;
            }
            if (an_expr(c, &inner, a, &r)) {
                if (def->kind == FN_AGGREGATE && c->err->code &&
                    strcmp(c->err->error_class, "UNSUPPORTED_FEATURE.NOT_IMPLEMENTED") == 0 &&
                    an_expr_has_agg(a)) {
                    em_error_clear(c->err);
                    return em_error_set(c->err, "NESTED_AGGREGATE_FUNCTION", NULL);
                }
                return c->err->code;
            }
            an_vl_push(c, &args, r, NULL);
            if (n_unres < in->n_args * 4 + 4)
                unres[n_unres++] = a;
        }
    }
    for (int idx = 0; idx < args.n; idx++)
        if (!args.exprs[idx] && idx < n_unres && unres[idx] && unres[idx]->kind == PX_LAMBDA &&
            an_lambda(c, &inner, name, args.exprs, idx, unres[idx], &args.exprs[idx]))
            return c->err->code;
    pl_expr *call = pl_expr_new(c->a, def->kind == FN_AGGREGATE ? PX_AGG_CALL : PX_CALL, 0);
    call->name = em_arena_strdup(c->a, name);
    call->is_distinct = in->is_distinct;
    call->src_start = in->src_start;
    call->src_stop = in->src_stop;
    const fn_def *named = is_struct ? fn_lookup("named_struct") : NULL;
    if (is_struct && named) {
        /* struct(a, x AS b) is named_struct('a', a, 'b', x); the generated column name still
           shows struct(a, x AS b), kept in call->sql. */
        em_str pretty;
        em_str_init(&pretty, 0);
        em_str_puts(&pretty, "struct(");
        call->n_args = args.n * 2;
        call->args = em_arena_calloc(c->a, (size_t)(args.n ? args.n * 2 : 1), sizeof(pl_expr *));
        for (int idx = 0; idx < args.n; idx++) {
            const pl_expr *u = idx < n_unres ? unres[idx] : NULL;
            const char *fname = args.names[idx] ? args.names[idx]
                                                : an_struct_field_name(c, u, args.exprs[idx], idx);
            pl_expr *lit = pl_lit_string(c->a, fname, (int64_t)strlen(fname));
            lit->resolved = true;
            call->args[idx * 2] = lit;
            call->args[idx * 2 + 1] = args.exprs[idx];
            if (idx)
                em_str_puts(&pretty, ", ");
            an_pretty_sql(c, args.exprs[idx], &pretty);
            if (u && u->kind == PX_ALIAS) {
                em_str_puts(&pretty, " AS ");
                em_str_puts(&pretty, u->parts[0]);
            }
        }
        em_str_putc(&pretty, ')');
        call->sql = an_str_done(c, &pretty);
        em_str_release(&pretty);
        def = named;
    } else {
        call->n_args = args.n;
        call->args = args.exprs ? args.exprs : em_arena_calloc(c->a, 1, sizeof(pl_expr *));
    }
    call->fn = def;
    if (an_bind(c, def, call))
        return c->err->code;
    if (in->agg_filter && an_agg_filter(c, s, in, call))
        return c->err->code;
    *out = call;
    return EM_OK;
}

/* ------------------------------------------------------------------------------------------ */
/* Other kinds                                                                                 */

/* Cast.typeCheckFailureMessage: DATATYPE_MISMATCH.CAST_WITH_FUNC_SUGGESTION for the
   numeric <-> datetime casts that have functions, CAST_WITH_CONF_SUGGESTION when only ANSI
   mode forbids it, else CAST_WITHOUT_SUGGESTION. */
static int an_cast_mismatch(an_ctx *c, const pl_expr *cast, bool ansi)
{
    const ty *from = cast->args[0]->type, *to = cast->type;
    em_str sql, src, dst;
    em_str_init(&sql, 0);
    em_str_init(&src, 0);
    em_str_init(&dst, 0);
    em_str_putc(&sql, '"');
    an_pretty_sql(c, cast, &sql);
    em_str_putc(&sql, '"');
    ty_sql_type_quoted(from, &src);
    ty_sql_type_quoted(to, &dst);
    const char *funcs = NULL;
    if (ty_is_numeric(from) && to->kind == TY_TIMESTAMP)
        funcs = "`TIMESTAMP_SECONDS`/`TIMESTAMP_MILLIS`/`TIMESTAMP_MICROS`";
    else if (from->kind == TY_TIMESTAMP && ty_is_numeric(to))
        funcs = "`UNIX_SECONDS`/`UNIX_MILLIS`/`UNIX_MICROS`";
    else if (ty_is_numeric(from) && to->kind == TY_DATE)
        funcs = "`DATE_FROM_UNIX_DATE`";
    else if (from->kind == TY_DATE && ty_is_numeric(to))
        funcs = "`UNIX_DATE`";
    if (funcs)
        em_error_set(c->err, "DATATYPE_MISMATCH.CAST_WITH_FUNC_SUGGESTION", "sqlExpr", sql.data,
                     "srcType", src.data, "targetType", dst.data, "functionNames", funcs, NULL);
    else if (ansi && ty_can_cast(from, to, false))
        em_error_set(c->err, "DATATYPE_MISMATCH.CAST_WITH_CONF_SUGGESTION", "sqlExpr", sql.data,
                     "srcType", src.data, "targetType", dst.data, "config",
                     "\"spark.sql.ansi.enabled\"", "configVal", "'false'", NULL);
    else
        em_error_set(c->err, "DATATYPE_MISMATCH.CAST_WITHOUT_SUGGESTION", "sqlExpr", sql.data,
                     "srcType", src.data, "targetType", dst.data, NULL);
    em_str_release(&sql);
    em_str_release(&src);
    em_str_release(&dst);
    return c->err->code;
}

static int an_cast_expr(an_ctx *c, const an_scope *s, const pl_expr *in, pl_expr **out)
{
    pl_expr *child;
    if (an_expr(c, s, in->args[0], &child))
        return c->err->code;
    const ty *t = in->cast_type;
    if (!t) {
        if (sql_parse_type(in->cast_type_str ? in->cast_type_str : "", c->a, &t, c->err))
            return c->err->code;
        if (t->kind == TY_CHAR || t->kind == TY_VARCHAR)
            t = ty_string();
    }
    pl_expr *x = pl_expr_new(c->a, PX_CAST, 1);
    x->args[0] = child;
    x->cast_type = t;
    x->type = t;
    x->eval_mode = in->eval_mode;
    x->src_start = in->src_start;
    x->src_stop = in->src_stop;
    x->resolved = true;
    pl_eval_mode mode = ty_cast_effective_mode(in->eval_mode, c->opts);
    const ty *from = child->type;
    bool ok =
        mode == PX_EVAL_TRY ? ty_can_try_cast(from, t) : ty_can_cast(from, t, mode == PX_EVAL_ANSI);
    if (!ok)
        return an_cast_mismatch(c, x, mode == PX_EVAL_ANSI);
    /* Cast.nullable */
    if (mode != PX_EVAL_TRY)
        x->nullable = child->nullable || ty_cast_force_nullable(from, t);
    else if (ty_is_string(from) && t->kind == TY_BINARY)
        x->nullable = child->nullable;
    else if (from->kind == TY_DECIMAL && ty_is_integral(t))
        x->nullable = true;
    else
        x->nullable = child->nullable || !ty_can_up_cast(from, t);
    *out = x;
    return EM_OK;
}

static bool an_is_string_literal(const pl_expr *e)
{
    return e->kind == PX_LITERAL && e->lit && ty_is_string(e->lit->type) && !vec_is_null(e->lit, 0);
}

static int an_extract(an_ctx *c, const an_scope *s, const pl_expr *in, pl_expr **out)
{
    pl_expr *base, *key;
    if (an_expr(c, s, in->args[0], &base) || an_expr(c, s, in->args[1], &key))
        return c->err->code;
    const ty *t = base->type;
    if ((t->kind == TY_STRUCT || (t->kind == TY_ARRAY && t->elem->kind == TY_STRUCT)) &&
        an_is_string_literal(key)) {
        int32_t len;
        const char *str = vec_str(key->lit, 0, &len);
        return an_extract_field(c, base, em_arena_strndup(c->a, str, (size_t)len), out);
    }
    if (t->kind == TY_STRUCT) {
        em_str k;
        em_str_init(&k, 0);
        em_str_putc(&k, '"');
        an_pretty_sql(c, key, &k);
        em_str_putc(&k, '"');
        em_error_set(c->err, "INVALID_EXTRACT_FIELD_TYPE", "extraction", k.data, NULL);
        em_str_release(&k);
        return c->err->code;
    }
    if (t->kind == TY_ARRAY || t->kind == TY_MAP) {
        pl_expr *e = pl_expr_new(c->a, PX_EXTRACT, 2);
        e->args[0] = base;
        e->args[1] = key;
        e->type = t->kind == TY_ARRAY ? t->elem : t->value;
        e->nullable = true;
        e->resolved = true;
        *out = e;
        return EM_OK;
    }
    return an_extract_field(c, base, "", out); /* raises INVALID_EXTRACT_BASE_FIELD_TYPE */
}

/* DATE '..' / TIMESTAMP '..' / TIMESTAMP_NTZ '..' / TIMESTAMP_LTZ '..' folded to a literal in
   the session time zone; a bad value is Spark's INVALID_TYPED_LITERAL. */
static int an_typed_literal(an_ctx *c, const pl_expr *in, pl_expr **out)
{
    const char *s = in->sql ? in->sql : "";
    size_t len = strlen(s);
    const ty *t = in->cast_type ? in->cast_type : ty_string();
    bool ok = false;
    vec *v = vec_new(t, 1);
    if (t->kind == TY_DATE) {
        int32_t days;
        ok = ty_parse_date(s, len, &days);
        if (ok)
            VEC_VALUES(v, int32_t)[0] = days;
    } else if (t->kind == TY_TIMESTAMP) {
        int64_t micros;
        ok = ty_parse_timestamp(s, len, ty_session_tz(c->opts), 0, &micros);
        if (ok)
            VEC_VALUES(v, int64_t)[0] = micros;
    } else if (t->kind == TY_TIMESTAMP_NTZ) {
        int64_t micros;
        ok = ty_parse_timestamp_ntz(s, len, &micros);
        if (ok)
            VEC_VALUES(v, int64_t)[0] = micros;
    }
    if (!ok) {
        vec_release(v);
        em_str type, value;
        em_str_init(&type, 0);
        em_str_init(&value, 0);
        em_str_printf(&type, "\"%s\"", in->name ? in->name : "?");
        em_str_putc(&value, '\'');
        for (const char *p = s; *p; p++) {
            if (*p == '\\' || *p == '\'')
                em_str_putc(&value, '\\');
            em_str_putc(&value, *p);
        }
        em_str_putc(&value, '\'');
        em_error_set(c->err, "INVALID_TYPED_LITERAL", "valueType", type.data, "value", value.data,
                     NULL);
        em_str_release(&type);
        em_str_release(&value);
        return c->err->code;
    }
    v->len = 1;
    vec_set_valid(v, 0);
    pl_expr *e = pl_lit_new(c->a, v);
    e->src_start = in->src_start;
    e->src_stop = in->src_stop;
    e->resolved = true;
    *out = e;
    return EM_OK;
}

static int an_expr_dispatch(an_ctx *c, const an_scope *s, const pl_expr *in, pl_expr **out)
{
    switch (in->kind) {
    case PX_LITERAL: {
        pl_expr *e = pl_expr_new(c->a, PX_LITERAL, 0);
        *e = *in;
        e->resolved = true;
        *out = e;
        return EM_OK;
    }
    case PX_ATTR:
        return an_attr(c, s, in, out);
    case PX_FUNC:
        return an_func(c, s, in, out);
    case PX_ALIAS:
        /* Aliases inside expressions do not survive (CleanupAliases). */
        return an_expr(c, s, in->args[0], out);
    case PX_CAST:
        return an_cast_expr(c, s, in, out);
    case PX_SORT_ORDER: {
        pl_expr *child;
        if (an_expr(c, s, in->args[0], &child))
            return c->err->code;
        pl_expr *e = pl_expr_new(c->a, PX_SORT_ORDER, 1);
        e->args[0] = child;
        e->descending = in->descending;
        e->nulls_first = in->nulls_first;
        e->type = child->type;
        e->nullable = child->nullable;
        e->resolved = true;
        *out = e;
        return EM_OK;
    }
    case PX_SQL_EXPR: {
        pl_expr *parsed;
        if (an_parse_sql_expr(c, in, &parsed))
            return c->err->code;
        return an_expr(c, s, parsed, out);
    }
    case PX_EXTRACT:
        return an_extract(c, s, in, out);
    case PX_STAR:
    case PX_REGEX:
        return em_error_set(c->err, "INVALID_USAGE_OF_STAR_OR_REGEX", "elem",
                            in->kind == PX_STAR ? "'*'" : "regular expression", "prettyName",
                            "expression", NULL);
    case PX_LAMBDA:
        return em_error_set(c->err, "UNSUPPORTED_FEATURE.NOT_IMPLEMENTED", "feature",
                            "lambda functions outside a higher-order function", NULL);
    case PX_LAMBDA_VAR: {
        if (in->resolved) {
            *out = (pl_expr *)in;
            return EM_OK;
        }
        /* A lambda parameter by name (the client's UnresolvedNamedLambdaVariable). */
        pl_expr *as_attr = pl_expr_new(c->a, PX_ATTR, 0);
        as_attr->n_parts = in->n_parts;
        as_attr->parts = in->parts;
        return an_attr(c, s, as_attr, out);
    }
    case PX_WINDOW:
        if (!s->allow_window)
            return an_window_not_allowed(c, s, in);
        return an_window_call(c, s, in, out);
    case PX_NAMED_ARG:
        return em_error_set(c->err, "UNSUPPORTED_FEATURE.NOT_IMPLEMENTED", "feature",
                            "named function arguments", NULL);
    case PX_UNSUPPORTED:
        return em_error_set(c->err, "UNSUPPORTED_FEATURE.NOT_IMPLEMENTED", "feature",
                            in->sql ? in->sql : "this expression", NULL);
    case PX_ORDINAL:
        /* An ordinal outside ORDER BY / GROUP BY's top level is just its literal. */
        return an_expr(c, s, in->args[0], out);
    case PX_TYPED_LITERAL:
        return an_typed_literal(c, in, out);
    case PX_COLREF:
    case PX_CALL:
    case PX_AGG_CALL:
    case PX_WINDOW_CALL:
        *out = (pl_expr *)in;
        return EM_OK;
    case PX_SCALAR_SUBQUERY:
    case PX_EXISTS:
    case PX_IN_SUBQUERY:
    case PX_OUTER_REF:
        return an_subquery_expr(c, s, in, out); /* an_subquery.c */
    }
    return em_error_internal(c->err, "an_expr: unknown expression kind %d", (int)in->kind);
}

int an_expr(an_ctx *c, const an_scope *s, const pl_expr *in, pl_expr **out)
{
    if (!in)
        return em_error_internal(c->err, "an_expr: missing expression");
    if (an_enter(c))
        return c->err->code;
    const char *saved_sql = c->sql_text;
    int rc;
    if (in->kind == PX_SQL_EXPR) {
        /* Errors inside get their query context from this text. */
        c->sql_text = in->sql;
        rc = an_expr_dispatch(c, s, in, out);
        c->sql_text = saved_sql;
    } else {
        rc = an_expr_dispatch(c, s, in, out);
    }
    /* The innermost expression with a position in the SQL text gives the error its query
       context (em_error_set_context keeps the first one set). */
    if (rc != EM_OK && c->sql_text && in->src_start >= 0 && c->err->code == EM_EUSER)
        em_error_set_context(c->err, c->sql_text, in->src_start, in->src_stop);
    an_leave(c);
    return rc;
}

/* ------------------------------------------------------------------------------------------ */
/* Output names                                                                                */

const char *an_output_name(an_ctx *c, const pl_expr *unres, const pl_expr *res)
{
    switch (unres->kind) {
    case PX_ALIAS:
        return unres->parts[0];
    case PX_ATTR:
        if (res->kind == PX_COLREF || res->kind == PX_LAMBDA_VAR)
            return res->kind == PX_COLREF ? res->name : res->parts[0];
        if (res->kind == PX_CALL && unres->n_parts == 1 && res->n_args == 0) {
            /* A literal function (current_date) is named as called: current_date(). */
            if (strcasecmp(unres->parts[0], "grouping__id") == 0)
                return unres->parts[0];
            break;
        }
        if (res->kind != PX_EXTRACT)
            break; /* a lateral alias reference: named by its expression */
        return unres->parts[unres->n_parts - 1];
    case PX_SQL_EXPR: {
        pl_expr *parsed;
        if (an_parse_sql_expr(c, unres, &parsed))
            return NULL;
        return an_output_name(c, parsed, res);
    }
    case PX_CAST:
        /* Cast(ne: NamedExpression) keeps the column's name. */
        if (res->kind == PX_CAST && !res->is_implicit &&
            (unres->args[0]->kind == PX_ATTR || unres->args[0]->kind == PX_ALIAS))
            return an_output_name(c, unres->args[0], res->args[0]);
        break;
    default:
        break;
    }
    em_str s;
    em_str_init(&s, 0);
    an_pretty_sql(c, res, &s);
    const char *r = an_str_done(c, &s);
    em_str_release(&s);
    return r;
}
