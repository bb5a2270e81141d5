/*
 * an_test_util: see an_test_util.h.
 */
#include "an_test_util.h"

#include <stdarg.h>
#include <string.h>

#include "common/em_str.h"
#include "sql/sql.h"

void at_init(at_ctx *t)
{
    memset(t, 0, sizeof *t);
    em_arena_init(&t->arena, 0);
    em_error_clear(&t->err);
    t->opts.ansi = true;
    t->opts.case_sensitive = false;
    t->opts.time_zone = "UTC";
    t->opts.batch_rows = 2048;
    t->opts.threads = 1;
    t->env.opts = &t->opts;
    t->next_plan_id = 0;
}

void at_release(at_ctx *t)
{
    em_arena_release(&t->arena);
}

pl_node *at_local(at_ctx *t, const char *schema)
{
    const ty *st = NULL;
    em_error err;
    em_error_clear(&err);
    if (sql_parse_schema(schema, &t->arena, &st, &err) != EM_OK || st->kind != TY_STRUCT)
        return NULL;
    pl_node *n = pl_node_new(&t->arena, PL_LOCAL, 0);
    n->u.local.schema = st;
    n->plan_id = t->next_plan_id++;
    return n;
}

pl_node *at_range(at_ctx *t, int64_t start, int64_t end)
{
    pl_node *n = pl_node_new(&t->arena, PL_RANGE, 0);
    n->u.range.start = start;
    n->u.range.end = end;
    n->u.range.step = 1;
    n->plan_id = t->next_plan_id++;
    return n;
}

pl_node *at_unary(at_ctx *t, pl_kind kind, pl_node *child)
{
    pl_node *n = pl_node_new(&t->arena, kind, 1);
    n->children[0] = child;
    n->plan_id = t->next_plan_id++;
    return n;
}

pl_node *at_select(at_ctx *t, pl_node *child, ...)
{
    pl_node *n = at_unary(t, PL_PROJECT, child);
    va_list ap;
    va_start(ap, child);
    pl_expr *items[64];
    int k = 0;
    for (pl_expr *e; k < 64 && (e = va_arg(ap, pl_expr *));)
        items[k++] = e;
    va_end(ap);
    n->n_exprs = k;
    n->exprs = em_arena_calloc(&t->arena, (size_t)(k ? k : 1), sizeof(pl_expr *));
    memcpy(n->exprs, items, (size_t)k * sizeof(pl_expr *));
    return n;
}

pl_expr *at_col(at_ctx *t, const char *name)
{
    int n;
    const char **parts;
    if (pl_parse_attr_name(&t->arena, name, &n, &parts, NULL))
        return NULL;
    return pl_attr_new(&t->arena, n, parts, -1);
}

pl_expr *at_df_col(at_ctx *t, const pl_node *df, const char *name)
{
    pl_expr *e = at_col(t, name);
    e->plan_id = df->plan_id;
    return e;
}

pl_expr *at_fn(at_ctx *t, const char *name, ...)
{
    va_list ap;
    va_start(ap, name);
    pl_expr *args[32];
    int k = 0;
    for (pl_expr *e; k < 32 && (e = va_arg(ap, pl_expr *));)
        args[k++] = e;
    va_end(ap);
    return pl_func_new(&t->arena, name, k, args);
}

pl_expr *at_alias(at_ctx *t, pl_expr *e, const char *name)
{
    pl_expr *a = pl_expr_new(&t->arena, PX_ALIAS, 1);
    a->args[0] = e;
    a->n_parts = 1;
    a->parts = em_arena_calloc(&t->arena, 1, sizeof(char *));
    a->parts[0] = em_arena_strdup(&t->arena, name);
    return a;
}

pl_expr *at_int(at_ctx *t, int32_t v)
{
    return pl_lit_int(&t->arena, v);
}

pl_expr *at_long(at_ctx *t, int64_t v)
{
    return pl_lit_long(&t->arena, v);
}

pl_expr *at_str(at_ctx *t, const char *s)
{
    return pl_lit_string(&t->arena, s, (int64_t)strlen(s));
}

pl_expr *at_star(at_ctx *t)
{
    return pl_expr_new(&t->arena, PX_STAR, 0);
}

pl_expr *at_cast(at_ctx *t, pl_expr *e, const char *type)
{
    pl_expr *c = pl_expr_new(&t->arena, PX_CAST, 1);
    c->args[0] = e;
    c->cast_type_str = em_arena_strdup(&t->arena, type);
    return c;
}

pl_expr *at_sql(at_ctx *t, const char *text)
{
    pl_expr *e = pl_expr_new(&t->arena, PX_SQL_EXPR, 0);
    e->sql = em_arena_strdup(&t->arena, text);
    return e;
}

pl_node *at_resolve(at_ctx *t, pl_node *root)
{
    pl_node *out = NULL;
    em_error_clear(&t->err);
    if (!root || an_resolve(&t->env, &t->arena, root, &out, &t->err))
        return NULL;
    return out;
}

const char *at_schema(at_ctx *t, const pl_node *n)
{
    em_str s;
    em_str_init(&s, 0);
    for (int idx = 0; n && idx < n->n_out; idx++) {
        if (idx)
            em_str_puts(&s, ", ");
        em_str_puts(&s, n->out[idx].name);
        em_str_putc(&s, ':');
        ty_simple_string(n->out[idx].type, &s);
        if (!n->out[idx].nullable)
            em_str_puts(&s, " not null");
    }
    const char *r = em_arena_strndup(&t->arena, s.data ? s.data : "", s.len);
    em_str_release(&s);
    return r;
}

const char *at_error_class(const at_ctx *t)
{
    return t->err.error_class;
}

const char *at_param(const at_ctx *t, const char *name)
{
    const char *v = em_error_param_get(&t->err, name);
    return v ? v : "(none)";
}
