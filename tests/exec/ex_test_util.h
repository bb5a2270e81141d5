/*
 * ex_test_util: helpers for the executor and function tests: build resolved plans by hand
 * (the analyzer's output form, plan.h "Resolved form"), bind calls through the registry, run
 * plans and render cells the way Spark's show() does. Header-only; one environment per test
 * (t_begin / t_end).
 */
#ifndef EX_TEST_UTIL_H
#define EX_TEST_UTIL_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/em_mem.h"
#include "em_test.h"
#include "exec/ex.h"
#include "functions/fn.h"
#include "types/ty_format.h"

typedef struct t_env {
    em_arena a;
    pl_session_opts opts;
    em_error err;
    int64_t next_id;
} t_env;

static t_env T;

static inline void t_begin(bool ansi)
{
    em_arena_init(&T.a, 0);
    memset(&T.opts, 0, sizeof T.opts);
    T.opts.ansi = ansi;
    T.opts.time_zone = "America/Los_Angeles";
    /* EMBER_TEST_BATCH_ROWS reruns the suites with tiny batches (the permutation runs) */
    const char *br = getenv("EMBER_TEST_BATCH_ROWS");
    T.opts.batch_rows = br && atoi(br) > 0 ? atoi(br) : VEC_BATCH_ROWS;
    em_error_clear(&T.err);
    T.next_id = 1;
}

static inline void t_end(void)
{
    em_arena_release(&T.a);
}

/* ---- vectors --------------------------------------------------------------------------------- */

/* nulls: a string of '.' (value) / 'N' (NULL) per row, or NULL for no nulls. */
static inline vec *t_fixed(const ty *t, int64_t n, const void *vals, const char *nulls)
{
    vec *v = vec_new(t, n);
    int w = ty_fixed_width(t);
    if (n)
        memcpy(v->values, vals, (size_t)(n * w));
    v->len = n;
    for (int64_t r = 0; nulls && r < n; r++)
        if (nulls[r] == 'N')
            vec_set_null(v, r);
    return v;
}

static inline vec *t_strs(int64_t n, const char *const *vals)
{
    vec *v = vec_new(ty_string(), n);
    for (int64_t r = 0; r < n; r++) {
        if (vals[r])
            vec_append_str(v, vals[r], (int64_t)strlen(vals[r]), NULL);
        else
            vec_append_null(v);
    }
    return v;
}

/* ---- plans ----------------------------------------------------------------------------------- */

static inline pl_attr t_attr(const char *name, const ty *type, bool nullable)
{
    pl_attr at = {.name = em_arena_strdup(&T.a, name),
                  .type = type,
                  .nullable = nullable,
                  .id = T.next_id++,
                  .plan_id = -1};
    return at;
}

/* A LocalRelation from columns (consumed). */
static inline pl_node *t_local(int n_cols, const char *const *names, vec **cols)
{
    pl_node *n = pl_node_new(&T.a, PL_LOCAL, 0);
    ty_field *f = em_arena_calloc(&T.a, (size_t)(n_cols ? n_cols : 1), sizeof *f);
    n->n_out = n_cols;
    n->out = em_arena_calloc(&T.a, (size_t)(n_cols ? n_cols : 1), sizeof *n->out);
    int64_t rows = n_cols ? cols[0]->len : 0;
    vec_batch *b = vec_batch_new(n_cols, rows);
    for (int c = 0; c < n_cols; c++) {
        f[c].name = names[c];
        f[c].type = cols[c]->type;
        f[c].nullable = true;
        n->out[c] = t_attr(names[c], cols[c]->type, true);
        b->cols[c] = cols[c];
    }
    n->u.local.schema = ty_struct(&T.a, n_cols, f);
    n->resolved = true;
    pl_local_add_batch(&T.a, n, b);
    return n;
}

static inline pl_node *t_range(int64_t start, int64_t end, int64_t step)
{
    pl_node *n = pl_node_new(&T.a, PL_RANGE, 0);
    n->u.range.start = start;
    n->u.range.end = end;
    n->u.range.step = step;
    n->n_out = 1;
    n->out = em_arena_calloc(&T.a, 1, sizeof *n->out);
    n->out[0] = t_attr("id", ty_long(), false);
    n->resolved = true;
    return n;
}

static inline pl_expr *t_col(const pl_node *child, int i)
{
    pl_expr *e = pl_expr_new(&T.a, PX_COLREF, 0);
    e->col_index = i;
    e->attr_id = child->out[i].id;
    e->type = child->out[i].type;
    e->nullable = child->out[i].nullable;
    e->name = child->out[i].name;
    e->resolved = true;
    return e;
}

static inline pl_expr *t_colref(int i, const ty *type, const char *name)
{
    pl_expr *e = pl_expr_new(&T.a, PX_COLREF, 0);
    e->col_index = i;
    e->type = type;
    e->nullable = true;
    e->name = name;
    e->resolved = true;
    return e;
}

static inline pl_expr *t_lit_int(int32_t v)
{
    return pl_lit_int(&T.a, v);
}
static inline pl_expr *t_lit_long(int64_t v)
{
    return pl_lit_long(&T.a, v);
}
static inline pl_expr *t_lit_double(double v)
{
    return pl_lit_double(&T.a, v);
}
static inline pl_expr *t_lit_str(const char *s)
{
    return pl_lit_string(&T.a, s, (int64_t)strlen(s));
}
static inline pl_expr *t_lit_bool(bool b)
{
    return pl_lit_bool(&T.a, b);
}
static inline pl_expr *t_lit_null(const ty *t)
{
    return pl_lit_null(&T.a, t);
}

/* A bound call of a scalar (PX_CALL) or aggregate (PX_AGG_CALL) function; NULL with T.err set
   when binding fails. */
static inline pl_expr *t_callv(const char *name, bool distinct, int n, pl_expr **args)
{
    const fn_def *def = fn_lookup(name);
    if (!def) {
        em_error_internal(&T.err, "no function %s", name);
        return NULL;
    }
    pl_expr *e = pl_expr_new(&T.a, def->kind == FN_AGGREGATE ? PX_AGG_CALL : PX_CALL, n);
    for (int i = 0; i < n; i++)
        e->args[i] = args[i];
    e->name = em_arena_strdup(&T.a, name);
    e->fn = def;
    e->is_distinct = distinct;
    if (def->bind(def, &T.a, e, &T.opts, &T.err))
        return NULL;
    e->resolved = true;
    return e;
}

static inline pl_expr *t_call(const char *name, int n, ...)
{
    pl_expr *args[16];
    va_list ap;
    va_start(ap, n);
    for (int i = 0; i < n && i < 16; i++)
        args[i] = va_arg(ap, pl_expr *);
    va_end(ap);
    return t_callv(name, false, n, args);
}

static inline pl_expr *t_cast(pl_expr *e, const ty *to)
{
    pl_expr *c = pl_expr_new(&T.a, PX_CAST, 1);
    c->args[0] = e;
    c->cast_type = to;
    c->type = to;
    c->nullable = true;
    c->resolved = true;
    return c;
}

static inline pl_node *t_unary(pl_kind kind, pl_node *child)
{
    pl_node *n = pl_node_new(&T.a, kind, 1);
    n->children[0] = child;
    n->n_out = child->n_out;
    n->out = child->out;
    n->resolved = true;
    return n;
}

static inline pl_node *t_project(pl_node *child, int n_exprs, pl_expr **exprs,
                                 const char *const *names)
{
    pl_node *n = pl_node_new(&T.a, PL_PROJECT, 1);
    n->children[0] = child;
    n->n_exprs = n_exprs;
    n->exprs = em_arena_calloc(&T.a, (size_t)(n_exprs ? n_exprs : 1), sizeof *n->exprs);
    n->n_out = n_exprs;
    n->out = em_arena_calloc(&T.a, (size_t)(n_exprs ? n_exprs : 1), sizeof *n->out);
    for (int i = 0; i < n_exprs; i++) {
        n->exprs[i] = exprs[i];
        n->out[i] = t_attr(names ? names[i] : "c", exprs[i]->type, exprs[i]->nullable);
    }
    n->resolved = true;
    return n;
}

static inline pl_node *t_filter(pl_node *child, pl_expr *cond)
{
    pl_node *n = t_unary(PL_FILTER, child);
    n->u.filter.cond = cond;
    return n;
}

static inline pl_node *t_limit(pl_kind kind, pl_node *child, int64_t k)
{
    pl_node *n = t_unary(kind, child);
    n->u.limit.n = k;
    return n;
}

static inline pl_expr *t_order(pl_expr *e, bool desc, bool nulls_first)
{
    pl_expr *o = pl_expr_new(&T.a, PX_SORT_ORDER, 1);
    o->args[0] = e;
    o->descending = desc;
    o->nulls_first = nulls_first;
    o->type = e->type;
    o->resolved = true;
    return o;
}

static inline pl_node *t_sort(pl_node *child, int n, pl_expr **orders)
{
    pl_node *s = t_unary(PL_SORT, child);
    s->n_exprs = n;
    s->exprs = orders;
    s->u.sort.is_global = true;
    return s;
}

/* Aggregate: output = groups ++ aggs (PX_COLREFs over that row). */
static inline pl_node *t_aggregate(pl_node *child, int n_groups, pl_expr **groups, int n_aggs,
                                   pl_expr **aggs, const char *const *names)
{
    pl_node *n = pl_node_new(&T.a, PL_AGGREGATE, 1);
    n->children[0] = child;
    n->n_groups = n_groups;
    n->groups = groups;
    n->u.agg.group_type = PL_GROUP_BY;
    n->u.agg.n_aggs = n_aggs;
    n->u.agg.aggs = aggs;
    int total = n_groups + n_aggs;
    n->n_exprs = total;
    n->exprs = em_arena_calloc(&T.a, (size_t)(total ? total : 1), sizeof *n->exprs);
    n->n_out = total;
    n->out = em_arena_calloc(&T.a, (size_t)(total ? total : 1), sizeof *n->out);
    for (int i = 0; i < total; i++) {
        const pl_expr *src = i < n_groups ? groups[i] : aggs[i - n_groups];
        n->exprs[i] = t_colref(i, src->type, names ? names[i] : "c");
        n->out[i] = t_attr(names ? names[i] : "c", src->type, true);
    }
    n->resolved = true;
    return n;
}

static inline pl_node *t_show_node(pl_node *child, int num_rows, int truncate, bool vertical)
{
    pl_node *n = pl_node_new(&T.a, PL_SHOW_STRING, 1);
    n->children[0] = child;
    n->u.show.num_rows = num_rows;
    n->u.show.truncate = truncate;
    n->u.show.vertical = vertical;
    n->n_out = 1;
    n->out = em_arena_calloc(&T.a, 1, sizeof *n->out);
    n->out[0] = t_attr("show_string", ty_string(), false);
    n->resolved = true;
    return n;
}

/* Runs a plan; NULL with T.err set on failure. */
static inline vec_batch *t_run(const pl_node *plan)
{
    vec_batch *b = NULL;
    em_error_clear(&T.err);
    if (ex_run_all(plan, &T.opts, &b, &T.err))
        return NULL;
    return b;
}

/* Cell text as show() prints it (into a static buffer). */
static inline const char *t_cell(const vec_batch *b, int col, int64_t row)
{
    static char buf[4096];
    em_str s;
    em_str_init(&s, 0);
    ty_format_value(b->cols[col], row, &T.opts, &s);
    snprintf(buf, sizeof buf, "%s", s.data ? s.data : "");
    em_str_release(&s);
    return buf;
}

/* All rows as "a,b|c,d" (cells comma separated, rows bar separated). */
static inline const char *t_rows(const vec_batch *b)
{
    static char buf[16384];
    size_t n = 0;
    buf[0] = '\0';
    for (int64_t r = 0; b && r < b->n_rows; r++) {
        for (int c = 0; c < b->n_cols; c++) {
            const char *s = t_cell(b, c, r);
            n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%s", c ? "," : (r ? "|" : ""), s);
            if (n >= sizeof buf)
                return buf;
        }
    }
    return buf;
}

/* Runs a ShowString over plan and returns its text (static buffer). */
static inline const char *t_show(pl_node *plan, int num_rows, int truncate, bool vertical)
{
    static char buf[16384];
    vec_batch *b = t_run(t_show_node(plan, num_rows, truncate, vertical));
    if (!b)
        return "(error)";
    int32_t len;
    const char *s = vec_str(b->cols[0], 0, &len);
    snprintf(buf, sizeof buf, "%.*s", (int)len, s);
    vec_batch_free(b);
    return buf;
}

#endif
