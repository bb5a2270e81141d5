/*
 * an_unpivot: the SQL UNPIVOT clause (PL_UNPIVOT with u.unpivot.sql_unpivot, built by
 * sql/sql_relext.c), Spark's Unpivot as withUnpivot builds it: no ids given, so the ids are
 * every child column the value columns do not reference, in the child's order; each value
 * group (one column, or a tuple for `(v1, v2) FOR ...`) becomes one output row per input row:
 * ids ++ [name] ++ values, where name is the group's alias or its columns' names joined with
 * "_". Each value column takes the common type of its position across the groups
 * (UNPIVOT_VALUE_DATA_TYPE_MISMATCH when there is none). EXCLUDE NULLS (the default) keeps
 * only rows where some value is not NULL.
 *
 * Built as a UNION ALL of one Project per group (an_set_op widens the types and merges the
 * nullability), under a Filter for EXCLUDE NULLS.
 */
#include "analyzer/an_int.h"

#include "functions/fn_coerce.h"

#include <string.h>

static int an_unpivot_type_error(an_ctx *c, int n_groups, int k, pl_expr **vals)
{
    /* Spark lists each group's types: [["INT", "INT"], ...] flattened per position here. */
    em_str types;
    em_str_init(&types, 0);
    for (int g = 0; g < n_groups; g++)
        for (int j = 0; j < k; j++) {
            if (g || j)
                em_str_puts(&types, ", ");
            em_str_putc(&types, '"');
            ty_sql(vals[g * k + j]->type, &types);
            em_str_putc(&types, '"');
        }
    em_error_set(c->err, "UNPIVOT_VALUE_DATA_TYPE_MISMATCH", "types", types.data ? types.data : "",
                 NULL);
    em_str_release(&types);
    return c->err->code;
}

int an_sql_unpivot(an_ctx *c, const pl_node *in, pl_node *child, pl_node **out)
{
    an_scope s;
    an_scope_of(child, &s);
    int k = in->u.unpivot.n_value_cols > 0 ? in->u.unpivot.n_value_cols : 1;
    int nv = in->u.unpivot.n_values, n_groups = nv / k;
    if (n_groups == 0)
        return em_error_set(c->err, "UNPIVOT_REQUIRES_VALUE_COLUMNS", NULL);
    pl_expr **vals = em_arena_calloc(c->a, (size_t)nv, sizeof(pl_expr *));
    const char **val_names = em_arena_calloc(c->a, (size_t)nv, sizeof(char *));
    for (int idx = 0; idx < nv; idx++) {
        if (an_expr(c, &s, in->u.unpivot.values[idx], &vals[idx]))
            return c->err->code;
        val_names[idx] = an_output_name(c, in->u.unpivot.values[idx], vals[idx]);
        if (!val_names[idx])
            return c->err->code;
    }
    /* The ids: the child's columns no value reads. */
    bool *used = em_arena_calloc(c->a, (size_t)(s.n ? s.n : 1), 1);
    for (int idx = 0; idx < nv; idx++) {
        const pl_expr *e = vals[idx];
        while (e->kind == PX_EXTRACT)
            e = e->args[0];
        if (e->kind == PX_COLREF && e->col_index >= 0 && e->col_index < s.n)
            used[e->col_index] = true;
    }
    int n_ids = 0;
    for (int idx = 0; idx < s.n; idx++)
        n_ids += !used[idx];
    /* A common type per value position. */
    const ty **types = em_arena_calloc(c->a, (size_t)k, sizeof(ty *));
    for (int j = 0; j < k; j++) {
        const ty *t = vals[j]->type;
        for (int g = 1; g < n_groups; g++) {
            const ty *other = vals[g * k + j]->type;
            const ty *w = fn_tightest_common_type(t, other, c->opts->ansi, c->a);
            if (!w)
                w = fn_wider_type(t, other, c->opts->ansi, c->a);
            if (!w)
                return an_unpivot_type_error(c, n_groups, k, vals);
            t = w;
        }
        types[j] = t;
    }
    int n = n_ids + 1 + k;
    pl_node *acc = NULL;
    for (int g = 0; g < n_groups; g++) {
        pl_expr **exprs = em_arena_calloc(c->a, (size_t)n, sizeof(pl_expr *));
        pl_attr *attrs = em_arena_calloc(c->a, (size_t)n, sizeof(pl_attr));
        int at = 0;
        for (int idx = 0; idx < s.n; idx++)
            if (!used[idx]) {
                exprs[at] = an_colref(c, &s.attrs[idx], idx);
                attrs[at++] = s.attrs[idx];
            }
        const char *label = in->u.unpivot.value_aliases ? in->u.unpivot.value_aliases[g] : NULL;
        if (!label) {
            em_str joined;
            em_str_init(&joined, 0);
            for (int j = 0; j < k; j++) {
                if (j)
                    em_str_putc(&joined, '_');
                em_str_puts(&joined, val_names[g * k + j]);
            }
            label = an_str_done(c, &joined);
            em_str_release(&joined);
        }
        exprs[at] = pl_lit_string(c->a, label, (int64_t)strlen(label));
        exprs[at]->resolved = true;
        attrs[at] = an_new_attr(c, in->u.unpivot.variable_name, exprs[at], in->plan_id);
        at++;
        for (int j = 0; j < k; j++) {
            pl_expr *v = vals[g * k + j];
            if (!ty_equals_ignore_nullability(v->type, types[j]))
                v = an_cast(c, v, types[j]);
            exprs[at] = v;
            const char *vname =
                in->u.unpivot.value_names ? in->u.unpivot.value_names[j] : in->u.unpivot.value_name;
            attrs[at] = an_new_attr(c, vname, v, in->plan_id);
            at++;
        }
        pl_node *branch = an_make_project(c, child, n, exprs, attrs, -1);
        if (!acc) {
            acc = branch;
            continue;
        }
        pl_node u;
        memset(&u, 0, sizeof u);
        u.kind = PL_SET_OP;
        u.plan_id = -1;
        u.u.set_op.type = PL_SETOP_UNION;
        u.u.set_op.is_all = true;
        if (an_set_op(c, &u, acc, branch, &acc))
            return c->err->code;
    }
    if (!in->u.unpivot.include_nulls) {
        /* EXCLUDE NULLS: Filter(Or(IsNotNull(v1), IsNotNull(v2), ...)). */
        pl_expr *cond = NULL;
        for (int j = 0; j < k; j++) {
            int col = n_ids + 1 + j;
            pl_expr *ref = an_colref(c, &acc->out[col], col);
            pl_expr *nn;
            if (an_make_call(c, "isnotnull", 1, &ref, &nn))
                return c->err->code;
            if (cond) {
                pl_expr *both[2] = {cond, nn};
                if (an_make_call(c, "or", 2, both, &cond))
                    return c->err->code;
            } else {
                cond = nn;
            }
        }
        pl_node *f = pl_node_new(c->a, PL_FILTER, 1);
        f->plan_id = -1;
        f->resolved = true;
        f->children[0] = acc;
        f->u.filter.cond = cond;
        f->n_out = acc->n_out;
        f->out = acc->out;
        acc = f;
    }
    acc->plan_id = in->plan_id;
    *out = acc;
    return EM_OK;
}
