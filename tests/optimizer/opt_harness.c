/*
 * opt_harness: see opt_harness.h.
 */
#include "opt_harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "analyzer/an.h"
#include "common/em_mem.h"
#include "common/em_str.h"
#include "exec/ex.h"
#include "plan/pl_print.h"
#include "sql/sql.h"
#include "types/ty_format.h"

void oh_init(oh_env *e)
{
    memset(e, 0, sizeof *e);
    em_arena_init(&e->a, 0);
    e->opts.ansi = true;
    e->opts.time_zone = "UTC";
    e->opts.batch_rows = VEC_BATCH_ROWS;
    const char *br = getenv("EMBER_TEST_BATCH_ROWS");
    if (br && atoi(br) > 0)
        e->opts.batch_rows = atoi(br);
    e->opts.threads = 1;
    e->oenv.opts = &e->opts;
    em_error_clear(&e->err);
}

void oh_release(oh_env *e)
{
    em_arena_release(&e->a);
}

void oh_view(oh_env *e, const char *name, const char *sql)
{
    if (e->n_views == OH_MAX_VIEWS)
        return;
    e->view_names[e->n_views] = em_arena_strdup(&e->a, name);
    e->view_sql[e->n_views++] = em_arena_strdup(&e->a, sql);
}

static int oh_lookup(void *ctx, int n_parts, const char *const *parts, em_arena *arena,
                     pl_node **plan, em_error *err)
{
    oh_env *e = ctx;
    for (int k = 0; k < e->n_views && n_parts > 0; k++)
        if (strcasecmp(e->view_names[k], parts[n_parts - 1]) == 0)
            return sql_parse_statement(e->view_sql[k], arena, plan, err) ? -1 : 0;
    return 1;
}

pl_node *oh_resolve(oh_env *e, const char *sql)
{
    em_error_clear(&e->err);
    pl_node *plan = NULL, *res = NULL;
    if (sql_parse_statement(sql, &e->a, &plan, &e->err))
        return NULL;
    an_env aenv = {.opts = &e->opts, .lookup_relation = oh_lookup, .catalog_ctx = e};
    if (an_resolve(&aenv, &e->a, plan, &res, &e->err))
        return NULL;
    return res;
}

pl_node *oh_optimize(oh_env *e, const pl_node *resolved, unsigned disabled)
{
    em_error_clear(&e->err);
    opt_env env = e->oenv;
    env.disabled = disabled;
    pl_node *out = NULL;
    if (opt_optimize(&env, &e->a, resolved, &out, &e->err))
        return NULL;
    return out;
}

static int oh_cmp_lines(const void *x, const void *y)
{
    return strcmp(*(const char *const *)x, *(const char *const *)y);
}

const char *oh_rows(oh_env *e, const pl_node *plan, bool ordered)
{
    em_error_clear(&e->err);
    vec_batch *b = NULL;
    if (ex_run_all(plan, &e->opts, &b, &e->err)) {
        em_str s;
        em_str_init(&s, 0);
        em_str_printf(&s, "ERROR:%s %s", e->err.error_class, e->err.message);
        const char *r = em_arena_strdup(&e->a, s.data);
        em_str_release(&s);
        return r;
    }
    char **lines = em_calloc((size_t)(b->n_rows ? b->n_rows : 1), sizeof *lines);
    ty_format_opts fo = {.pretty = false, .decimal_plain = true, .tz = ty_session_tz(&e->opts)};
    for (int64_t r = 0; r < b->n_rows; r++) {
        em_str s;
        em_str_init(&s, 0);
        for (int c = 0; c < b->n_cols; c++) {
            if (c)
                em_str_putc(&s, '\t');
            if (b->cols[c]->type->kind == TY_NULL || vec_is_null(b->cols[c], r))
                em_str_puts(&s, "NULL");
            else
                ty_format_cell(b->cols[c], r, &fo, &s);
        }
        lines[r] = em_arena_strdup(&e->a, s.data ? s.data : "");
        em_str_release(&s);
    }
    if (!ordered)
        qsort(lines, (size_t)b->n_rows, sizeof *lines, oh_cmp_lines);
    em_str all;
    em_str_init(&all, 0);
    for (int64_t r = 0; r < b->n_rows; r++) {
        em_str_puts(&all, lines[r]);
        em_str_putc(&all, '\n');
    }
    const char *out = em_arena_strdup(&e->a, all.data ? all.data : "");
    em_str_release(&all);
    em_free(lines);
    vec_batch_free(b);
    return out;
}

static bool oh_same_out(const pl_node *x, const pl_node *y)
{
    if (x->n_out != y->n_out)
        return false;
    for (int idx = 0; idx < x->n_out; idx++)
        if (strcmp(x->out[idx].name, y->out[idx].name) != 0 || x->out[idx].id != y->out[idx].id ||
            !ty_equals(x->out[idx].type, y->out[idx].type) ||
            x->out[idx].nullable != y->out[idx].nullable)
            return false;
    return true;
}

static const unsigned oh_rules[] = {
    OPT_RULE_FOLD,       OPT_RULE_PUSHDOWN_FILTER, OPT_RULE_PUSHDOWN_JOIN,
    OPT_RULE_JOIN_ORDER, OPT_RULE_LIMIT,           OPT_RULE_PRUNE,
    OPT_RULE_SUBQUERIES, OPT_RULE_SCAN_FILTER,     OPT_RULE_CSE};

const char *oh_compare(oh_env *e, const char *sql, bool ordered)
{
    /* Every run resolves the query afresh: stateful kernels (rand's generator) keep their
       state on the bound call, so a plan runs once. */
    pl_node *res = oh_resolve(e, sql);
    if (!res)
        return em_arena_strdup(&e->a, e->err.message[0] ? e->err.message : e->err.error_class);
    const char *want = oh_rows(e, res, ordered);
    for (int run = -1; run < (int)(sizeof oh_rules / sizeof oh_rules[0]); run++) {
        unsigned off = run < 0 ? 0 : oh_rules[run];
        static char msg[65536];
        res = oh_resolve(e, sql);
        const char *before = oh_tree(e, res);
        pl_node *opt = oh_optimize(e, res, off);
        if (!opt) {
            snprintf(msg, sizeof msg, "optimize (rules off %#x) failed: %s", off, e->err.message);
            return msg;
        }
        if (strcmp(before, oh_tree(e, res)) != 0)
            return "the input plan was modified";
        if (!oh_same_out(res, opt)) {
            snprintf(msg, sizeof msg, "rules off %#x: root columns changed:\n%s", off,
                     oh_tree(e, opt));
            return msg;
        }
        const char *bad = oh_check_refs(e, opt);
        if (bad) {
            snprintf(msg, sizeof msg, "rules off %#x: %s", off, bad);
            return msg;
        }
        const char *got = oh_rows(e, opt, ordered);
        if (strcmp(got, want) != 0) {
            snprintf(msg, sizeof msg, "rules off %#x: rows differ\nwant:\n%s\ngot:\n%s\nplan:\n%s",
                     off, want, got, oh_dump(e, opt));
            return msg;
        }
    }
    return NULL;
}

int oh_count(const pl_node *n, pl_kind kind)
{
    if (!n)
        return 0;
    int k = n->kind == kind;
    for (int idx = 0; idx < n->n_children; idx++)
        k += oh_count(n->children[idx], kind);
    return k;
}

int oh_cross_joins(const pl_node *n)
{
    if (!n)
        return 0;
    int k = n->kind == PL_JOIN && !n->u.join.cond;
    for (int idx = 0; idx < n->n_children; idx++)
        k += oh_cross_joins(n->children[idx]);
    return k;
}

const char *oh_tree(oh_env *e, const pl_node *n)
{
    em_str s;
    em_str_init(&s, 0);
    pl_tree(n, &s);
    const char *out = em_arena_strdup(&e->a, s.data ? s.data : "");
    em_str_release(&s);
    return out;
}

/* ---- reference check ---------------------------------------------------------------------- */

static const char *oh_bad_ref(const pl_expr *e, int width)
{
    if (!e)
        return NULL;
    if (e->kind == PX_COLREF && (e->col_index < 0 || e->col_index >= width))
        return e->name ? e->name : "?";
    for (int idx = 0; idx < e->n_args; idx++) {
        const char *b = oh_bad_ref(e->args[idx], width);
        if (b)
            return b;
    }
    if (e->window) {
        for (int idx = 0; idx < e->window->n_partition; idx++)
            if (oh_bad_ref(e->window->partition[idx], width))
                return "window partition";
        for (int idx = 0; idx < e->window->n_order; idx++)
            if (oh_bad_ref(e->window->order[idx], width))
                return "window order";
    }
    return NULL;
}

static const char *oh_list_bad(pl_expr *const *list, int n, int width)
{
    for (int idx = 0; idx < n; idx++) {
        const char *b = oh_bad_ref(list[idx], width);
        if (b)
            return b;
    }
    return NULL;
}

const char *oh_check_refs(oh_env *e, const pl_node *n)
{
    if (!n)
        return NULL;
    for (int idx = 0; idx < n->n_children; idx++) {
        const char *b = oh_check_refs(e, n->children[idx]);
        if (b)
            return b;
    }
    int in = n->n_children > 0 && n->children[0] ? n->children[0]->n_out : 0;
    if (n->kind == PL_JOIN && n->n_children == 2)
        in += n->children[1]->n_out;
    const char *bad = NULL;
    switch (n->kind) {
    case PL_AGGREGATE:
        bad = oh_list_bad(n->groups, n->n_groups, in);
        if (!bad)
            bad = oh_list_bad(n->u.agg.aggs, n->u.agg.n_aggs, in);
        if (!bad)
            bad = oh_list_bad(n->exprs, n->n_exprs, n->n_groups + n->u.agg.n_aggs);
        break;
    case PL_FILTER:
        bad = oh_bad_ref(n->u.filter.cond, in);
        break;
    case PL_JOIN:
        bad = oh_bad_ref(n->u.join.cond, in);
        break;
    case PL_SET_OP:
        break;
    default:
        bad = oh_list_bad(n->exprs, n->n_exprs, in);
        break;
    }
    if (!bad) {
        int want = n->n_out;
        if (n->kind == PL_FILTER || n->kind == PL_SORT || n->kind == PL_LIMIT)
            if (in != want)
                bad = "output width differs from the child's";
        if (n->kind == PL_PROJECT && n->n_exprs != n->n_out)
            bad = "project width";
        if (n->kind == PL_JOIN && n->u.join.type != PL_JOIN_LEFT_SEMI &&
            n->u.join.type != PL_JOIN_LEFT_ANTI && in != want)
            bad = "join width";
    }
    if (!bad)
        return NULL;
    em_str s;
    em_str_init(&s, 0);
    em_str_printf(&s, "bad reference %s in %s:\n", bad, pl_kind_name(n->kind));
    pl_tree(n, &s);
    const char *out = em_arena_strdup(&e->a, s.data);
    em_str_release(&s);
    return out;
}

static void oh_dump_expr(const pl_expr *e, em_str *s)
{
    if (!e)
        return;
    if (e->kind == PX_COLREF) {
        em_str_printf(s, "$%d", e->col_index);
        return;
    }
    em_str_printf(s, "%s(", e->kind == PX_LITERAL ? "lit" : e->name ? e->name : "x");
    for (int idx = 0; idx < e->n_args; idx++) {
        if (idx)
            em_str_putc(s, ',');
        oh_dump_expr(e->args[idx], s);
    }
    em_str_putc(s, ')');
}

static void oh_dump_node(const pl_node *n, int depth, em_str *s)
{
    em_str_printf(s, "%*s%s out=%d:", depth * 2, "", pl_kind_name(n->kind), n->n_out);
    for (int idx = 0; idx < n->n_exprs; idx++) {
        em_str_putc(s, ' ');
        oh_dump_expr(n->exprs[idx], s);
    }
    if (n->kind == PL_FILTER)
        oh_dump_expr(n->u.filter.cond, s);
    if (n->kind == PL_JOIN)
        oh_dump_expr(n->u.join.cond, s);
    em_str_putc(s, '\n');
    for (int idx = 0; idx < n->n_children; idx++)
        oh_dump_node(n->children[idx], depth + 1, s);
}

const char *oh_dump(oh_env *e, const pl_node *n)
{
    em_str s;
    em_str_init(&s, 0);
    oh_dump_node(n, 0, &s);
    const char *out = em_arena_strdup(&e->a, s.data);
    em_str_release(&s);
    return out;
}
